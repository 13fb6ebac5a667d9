"""Which late-payment rule applies, and the rate of each day under it.

- C. com. L441-10 II: between professionals, the ECB main refinancing rate in force on 1 January
  (1st half-year) or 1 July (2nd half-year) + 10 points; periods split on 30 June / 31 December.
- CCP R2192-31 (public buyers): the ECB rate in force on the first day of the half-year in which
  interest started + 8 points, one rate for the whole delay.
- C. civ. 1231-6, 1344-1; CMF L313-2: the legal rate of each half-year ("particulier" column when
  the creditor is a natural person outside a profession).
- A contractual rate applies as given (L441-10 II sets its floor, see ``verifications``).
- D441-5 / D2192-35: the indemnity's amount in force when it became due.
- CMF L313-3: after a title, the legal rate is raised by 5 points from the end of the two months
  that follow the day the decision became enforceable (``Raise``, set by ``droit.titre``).

The points (+10, +8) and the indemnity are read at a date from ``parametres``.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from procedure.argent import CENT, ZERO, format_rate
from procedure.droit import parametres
from procedure.droit.semestres import Semester
from procedure.droit.taux import RateBook, TableRow
from procedure.modele import dossier as m
from procedure.texte_fr import date_fr

ONE_DAY = timedelta(days=1)

# Rule names, used by documents to explain what was applied.
RULE_L441_10 = "L441-10"
RULE_R2192_31 = "R2192-31"
RULE_LEGAL_INTEREST = "1231-6"
RULE_CONTRACTUAL = "contractuel"
RULE_NONE = "aucun"

BASIS = {
    RULE_L441_10: "C. com., art. L441-10 II",
    RULE_R2192_31: "C. commande publique, art. R2192-31",
    RULE_LEGAL_INTEREST: "C. civ., art. 1231-6 et 1344-1 ; C. mon. fin., art. L313-2",
    RULE_CONTRACTUAL: "taux contractuel (conditions générales ou contrat)",
    RULE_NONE: "",
}
NATURE = {
    RULE_L441_10: "pénalités de retard",
    RULE_R2192_31: "intérêts moratoires",
    RULE_LEGAL_INTEREST: "intérêts au taux légal",
    RULE_CONTRACTUAL: "pénalités de retard (taux contractuel)",
    RULE_NONE: "",
}
INDEMNITY_BASIS = {
    RULE_R2192_31: "C. commande publique, art. D2192-35",
    "pro": "C. com., art. L441-10 II et D441-5",
}



def applicable_rule(dossier: m.Dossier) -> str:
    """Which late-payment rule applies to this dossier (see the module docstring)."""
    regime = dossier.penalites.regime
    if regime == m.AUCUN:
        return RULE_NONE
    if regime == m.CONTRACTUEL:
        return RULE_CONTRACTUAL
    if dossier.debiteur.is_public:
        return RULE_R2192_31
    if dossier.debiteur.is_professional and dossier.creancier.is_professional:
        return RULE_L441_10
    return RULE_LEGAL_INTEREST


def indemnity_applies(dossier: m.Dossier) -> bool:
    """D441-5 / D2192-35: professional creditor, professional or public debtor; never a consumer."""
    if dossier.penalites.indemnite_forfaitaire is False:
        return False
    if dossier.debiteur.is_consumer or not dossier.creancier.is_professional:
        return False
    return True


class Segment(NamedTuple):
    start: date
    end: date
    rate: Decimal
    detail: str
    verified: bool
    warning: str = ""
    basis: str = ""  # the text applied when it is not the rule's own (the L313-3 raise)


class Raise(NamedTuple):
    """Points added to the rate from a date (CMF L313-3, after a title)."""

    since: date
    points: Decimal
    detail: str
    basis: str


class Schedule:
    """The rate of each day for one invoice, as constant-rate segments."""

    def __init__(self, rule: str, dossier: m.Dossier, rates: RateBook, interest_start: date,
                 cache: dict[tuple[int, int], Segment], basis: Decimal, raised: Raise | None = None):
        self.rule = rule
        self.raised = raised
        self.basis = basis  # SPEC §4: base x rate x days / 36 500, also in leap years
        self.rates = rates
        self.cache = cache  # one rate description per half-year, shared by every invoice
        self.person_creditor = dossier.creancier.is_consumer
        self.contract_rate = dossier.penalites.taux
        self.fixed: Segment | None = None
        if rule == RULE_R2192_31:
            sem = Semester.containing(interest_start)
            key = (sem.year, sem.half)
            self.fixed = cache.get(key)
            if self.fixed is None:
                row = rates.refi_in_force(sem.start, sem)
                self.fixed = cache[key] = self._segment(sem, row, parametres.amount("majoration_bce_public", sem.start),
                                                        "premier jour du semestre du début des intérêts")

    def _segment(self, sem: Semester, row: TableRow, points: Decimal, when: str) -> Segment:
        detail = f"taux BCE en vigueur au {_day_month(sem.start)} ({format_rate(row.value)}) + {points} points"
        if when:
            detail += f", {when}"
        warning = "" if row.verified else (
            f"taux BCE utilisé pour le {sem.label} non vérifié ({format_rate(row.value)}, en vigueur depuis le "
            f"{date_fr(row.since) if row.since else '?'}) : {row.source}")
        return Segment(sem.start, sem.end, (row.value + points).quantize(CENT), detail, row.verified, warning)

    def segments(self, start: date, end: date) -> list[Segment]:
        out = self._segments(start, end)
        r = self.raised
        if r is None or end < r.since:
            return out
        raised = []
        for seg in out:
            if seg.end < r.since:
                raised.append(seg)
                continue
            if seg.start < r.since:
                raised.append(seg._replace(end=r.since - ONE_DAY))
                seg = seg._replace(start=r.since)
            raised.append(seg._replace(rate=seg.rate + r.points, detail=f"{seg.detail}, {r.detail}", basis=r.basis))
        return raised

    def _segments(self, start: date, end: date) -> list[Segment]:
        if self.rule == RULE_CONTRACTUAL:
            return [Segment(start, end, self.contract_rate.quantize(CENT), "taux contractuel", True)]
        if self.fixed is not None:
            f = self.fixed
            return [Segment(start, end, f.rate, f.detail, f.verified, f.warning)]
        # split on 30 June / 31 December (this loop runs for every period of every invoice: it
        # keys the shared cache by (year, half) rather than building Semester objects)
        out = []
        current = start
        while current <= end:
            key = (current.year, 1 if current.month <= 6 else 2)
            seg = self.cache.get(key)
            if seg is None:
                seg = self.cache[key] = self._half_year(Semester(*key))
            stop = seg.end if seg.end < end else end
            out.append(Segment(current, stop, seg.rate, seg.detail, seg.verified, seg.warning))
            current = stop + ONE_DAY
        return out

    def _half_year(self, sem: Semester) -> Segment:
        if self.rule == RULE_L441_10:
            return self._segment(sem, self.rates.refi_in_force(sem.start, sem),
                                 parametres.amount("majoration_bce_l441_10", sem.start), "")
        row = self.rates.legal_rate(sem, self.person_creditor)  # RULE_LEGAL_INTEREST
        column = "créancier particulier" if self.person_creditor else "autres cas"
        detail = f"taux de l'intérêt légal du {sem.label} ({column}), {row.text}"
        warning = "" if row.verified else (
            f"taux de l'intérêt légal du {sem.label} non vérifié ({format_rate(row.value)}) : {row.source}")
        return Segment(sem.start, sem.end, row.value.quantize(CENT), detail, row.verified, warning)


@lru_cache(maxsize=512)
def indemnity_amount(public: bool, due: date) -> Decimal:
    """The indemnity in force the day it became due (the day after the due date); none before
    the texts that created it (D441-5 from 2013, D2192-35 and its predecessor for public buyers)."""
    name = "indemnite_forfaitaire_public" if public else "indemnite_forfaitaire"
    try:
        return parametres.amount(name, due + ONE_DAY).quantize(CENT)
    except parametres.UnknownParameterError:
        return ZERO


def _day_month(d: date) -> str:
    return f"1er {'janvier' if d.month == 1 else 'juillet'} {d.year}"
