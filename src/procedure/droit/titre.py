"""After a title: the enforceable ordonnance, the raised legal rate, the costs, the interest ahead.

Texts applied (see LEGAL.md):

- C. mon. fin., art. L313-3: after a money judgment, the legal rate is raised by 5 points at the end of
  two months from the day the decision became enforceable (the judge of enforcement may waive it).
  Only interest at the legal rate is raised: not the L441-10 penalties, nor a contractual rate.
- The day the ordonnance became enforceable comes from ``droit.injonction.follow_up``: the day after
  the opposition period (CPC 1416, 1422), or two months after service for an ordonnance from
  1 September 2026 (décret n° 2026-96); for one before 1 March 2022, the first day the formule
  exécutoire could be asked (ancien CPC 1423), an approximation the tool states. An opposition
  noted after service stops it: the judgment on opposition will be the title.
- The title's figures prevail over the requête's (it may award less): by default the interest runs
  as claimed; a title that awards otherwise is corrected in the dossier.
- Costs noted with ``procedure noter … --frais`` (greffe, service of the title) are dépens (CPC,
  art. 695 and 696) owed from the title; costs of enforcement are the debtor's (CPCE, art. L111-8,
  al. 1); costs of recovery without a title stay with the creditor (L111-8, al. 2): costs noted on
  an amicable step are not claimed. A payment made once costs are owed pays them first (the
  commissaires' usual order, costs then interest then principal; C. civ. 1343-1 speaks only of
  interest and principal), unless the debtor designated an invoice.
- CPCE, art. R211-1: a saisie-attribution states principal, costs and interest due, plus a provision
  for one month of interest to come: ``interest_ahead`` gives it with the interest per day.

Hand-checked case: enforceable from 2026-05-01, the two months run to 2026-07-01 (CPC 641: the same
day number), the raised rate applies from 2026-07-02:

>>> raise_start(date(2026, 5, 1))
datetime.date(2026, 7, 2)
>>> raise_start(date(2026, 1, 31))  # to 31 March, then 1 April
datetime.date(2026, 4, 1)
>>> raise_start(date(2025, 12, 31))  # no 31 February: to the 28th, then 1 March
datetime.date(2026, 3, 1)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from procedure.argent import ZERO, round_cents
from procedure.droit import parametres
from procedure.droit.delais import add_months
from procedure.droit.regles import RULE_LEGAL_INTEREST, Raise
from procedure.erreurs import UnknownRateError
from procedure.modele import dossier as m
from procedure.modele.actions import Action
from procedure.texte_fr import date_fr

if TYPE_CHECKING:
    from procedure.droit.decompte import Decompte

ONE_DAY = timedelta(days=1)
RAISE_BASIS = "C. civ., art. 1231-6 et 1344-1 ; C. mon. fin., art. L313-2 et L313-3 (taux majoré)"
# costs that are dépens of the injonction procedure (CPC 695), and what enforcement costs (L111-8)
DEPENS = (Action.REQUETE, Action.ORDONNANCE, Action.SIGNIFICATION, Action.CERTIFICAT_NON_OPPOSITION)
COST_BASIS = {a: "dépens (CPC, art. 695 et 696)" for a in DEPENS}
COST_BASIS[Action.AUTRE] = "frais de l'exécution forcée (CPCE, art. L111-8, al. 1)"


@dataclass(frozen=True)
class Title:
    """The ordonnance portant injonction de payer known at a date, and what follows from it."""

    date: date
    numero: str
    signification: date | None
    a_personne: bool | None
    executoire: date | None  # the first day it could be enforced, when known
    raise_since: date | None  # the first day of the raised legal rate (L313-3)
    fichiers: tuple[m.FileRecord, ...]
    warnings: tuple[str, ...] = ()

    @property
    def points(self) -> Decimal | None:
        """The points L313-3 adds, in force on the first day of the raise."""
        return parametres.amount("majoration_taux_legal_apres_titre", self.raise_since) if self.raise_since else None


def raise_start(enforceable: date) -> date:
    """The first day of the raised rate: the day after the months that follow the day the decision
    became enforceable (CMF L313-3), counted as CPC 641 counts months."""
    months = parametres.number("delai_majoration_apres_titre_mois", enforceable)
    return add_months(enforceable, months) + ONE_DAY


def title_at(dossier: m.Dossier, au: date) -> Title | None:
    """The last ordonnance of ``dossier`` (its state at ``au``), or None."""
    orders = [h for h in dossier.historique if h.action == Action.ORDONNANCE and h.date <= au]
    if not orders:
        return None
    from procedure.droit.injonction import follow_up

    order = orders[-1]
    info = follow_up(dossier)
    ends = {e["cle"]: e["date"] for e in info["echeances"] if e["date"]}
    warnings = []
    service = next((h for h in dossier.historique if h.action == Action.SIGNIFICATION and h.date >= order.date), None)
    enforceable = ends.get("executoire_a_partir_du")
    if enforceable is None and "formule_executoire_du" in ends:
        enforceable = ends["formule_executoire_du"]
        warnings.append("ordonnance antérieure au 1er mars 2022 : exécutoire une fois revêtue de la formule exécutoire "
                        f"(ancien CPC, art. 1423) ; date retenue : le {date_fr(date.fromisoformat(enforceable))}, à vérifier")
    if service is None:
        warnings.append(f"ordonnance du {date_fr(order.date)} non encore signifiée : elle n'est pas exécutoire "
                        "(CPC, art. 1411) ; notez la signification avec « procedure noter DOSSIER signification »")
    opposed = [h for h in dossier.historique if h.action == Action.OPPOSITION and h.date >= order.date]
    if opposed:
        enforceable = None
        warnings.append(f"opposition formée le {date_fr(opposed[0].date)} : l'ordonnance n'est pas exécutoire ; le "
                        "jugement rendu sur opposition s'y substituera (CPC, art. 1420)")
    when = date.fromisoformat(enforceable) if enforceable else None
    return Title(order.date, order.numero, service.date if service else None, service.a_personne if service else None,
                 when, raise_start(when) if when else None, tuple(f for f in order.fichiers if f.proof),
                 tuple(warnings))


def raise_for(title: Title | None, rule: str) -> Raise | None:
    """The L313-3 raise of the legal rate, when a title made interest at the legal rate enforceable."""
    if title is None or title.raise_since is None or rule != RULE_LEGAL_INTEREST:
        return None
    points = title.points
    return Raise(title.raise_since, points,
                 f"majoré de {points} points à compter du {date_fr(title.raise_since)} (titre exécutoire depuis le "
                 f"{date_fr(title.executoire)} : C. mon. fin., art. L313-3)", RAISE_BASIS)


class Cost(NamedTuple):
    """Costs noted in the history, owed from the title."""

    date: date
    due: date  # owed from: the title's date at the earliest
    montant: Decimal
    libelle: str
    fondement: str


class CostAccount:
    """The costs owed after the title, and the payments applied to them."""

    def __init__(self, costs: list[Cost]):
        self.costs = costs
        self.paid = [ZERO] * len(costs)
        self.allocations: list[tuple[date, Decimal]] = []

    def pay(self, when: date, amount: Decimal) -> Decimal:
        """Apply up to ``amount`` to the costs owed on ``when``; return what is left."""
        used = ZERO
        for i, c in enumerate(self.costs):
            if c.due <= when and self.paid[i] < c.montant and used < amount:
                part = min(c.montant - self.paid[i], amount - used)
                self.paid[i] += part
                used += part
        if used:
            self.allocations.append((when, used))
        return amount - used


def costs_at(dossier: m.Dossier, title: Title | None, au: date) -> tuple[CostAccount, list[str]]:
    """The costs the décompte at ``au`` claims (after a title only), and the warnings."""
    noted = [h for h in dossier.historique if h.frais and h.date <= au]
    if not noted:
        return CostAccount([]), []
    if title is None:
        return CostAccount([]), ["frais notés au journal : ils ne sont réclamés qu'une fois l'ordonnance inscrite "
                                 "(dépens, CPC, art. 695)"]
    out, warnings = [], []
    for h in noted:
        basis = COST_BASIS.get(h.action)
        if basis is None or (h.action == Action.AUTRE and h.date < title.date):
            warnings.append(f"frais de {round_cents(h.frais)} € notés avec « {h.action.label.lower()} » du "
                            f"{date_fr(h.date)} non réclamés : sans titre exécutoire, les frais de recouvrement restent "
                            "à la charge du créancier (CPCE, art. L111-8, al. 2)")
            continue
        out.append(Cost(h.date, max(h.date, title.date), round_cents(h.frais),
                        f"Frais : {h.action.label.lower()} du {date_fr(h.date)}", basis))
    return CostAccount(out), warnings


class Ahead(NamedTuple):
    """Interest to come after the décompte's date (CPCE R211-1)."""

    par_jour: Decimal  # on the day after ``au``
    provision: Decimal  # one month of interest, from the day after ``au``
    du: date
    au: date
    warnings: tuple[str, ...]
    changes: tuple[tuple[date, Decimal], ...] = ()  # the interest per day from each later change of rate


def interest_ahead(d: Decompte, months: int = 1) -> Ahead:
    """The interest per day from the day after ``d.au`` and the provision for ``months`` months of it
    (each invoice's principal still owed, at the rates of those days, the L313-3 raise included)."""
    start, end = d.au + ONE_DAY, add_months(d.au, months)
    provision = ZERO
    warnings: list[str] = []
    owed = []  # (principal, segments, basis)
    for st in d.lines:
        principal, schedule = st.principal_restant, st.schedule
        if principal <= 0 or schedule is None:
            continue
        try:
            segments = schedule.segments(start, end)
        except UnknownRateError:
            last = schedule.segments(d.au, d.au)[0]
            segments = [last._replace(start=start, end=end)]
            warnings.append(f"taux de la période du {date_fr(start)} au {date_fr(end)} non encore publié : intérêts à "
                            f"échoir calculés au taux en vigueur le {date_fr(d.au)}")
        warnings += [seg.warning for seg in segments if seg.warning]
        for seg in segments:
            provision += round_cents(principal * seg.rate * ((seg.end - seg.start).days + 1) / schedule.basis)
        owed.append((principal, segments, schedule.basis))

    def per_day(day: date) -> Decimal:
        return round_cents(sum((p * next(s.rate for s in segs if s.start <= day <= s.end) / basis
                                for p, segs, basis in owed), ZERO))

    starts = sorted({seg.start for _, segs, _ in owed for seg in segs})
    first = per_day(start)
    changes, last = [], first
    for day in starts[1:] if starts else ():
        if (amount := per_day(day)) != last:
            changes.append((day, amount))
            last = amount
    return Ahead(first, provision, start, end, tuple(dict.fromkeys(warnings)), tuple(changes))
