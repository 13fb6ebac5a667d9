"""The décompte: principal, late-payment interest by period, the 40 EUR indemnity, payments.

Texts applied (see LEGAL.md):

- C. com. art. L441-10 II: between professionals, penalties run from the day after the due
  date without reminder, at the ECB main refinancing rate in force on 1 January (1st half-year)
  or 1 July (2nd half-year) + 10 points, unless a contractual rate (at least 3 x the legal rate).
- C. com. art. D441-5: 40 EUR indemnité forfaitaire pour frais de recouvrement per invoice paid
  late or unpaid.
- CCP art. R2192-31 (public buyers): ECB rate in force on the first day of the half-year in which
  interest started + 8 points, one rate for the whole delay; D2192-35: 40 EUR per invoice.
- C. civ. art. 1231-6 and 1344-1: otherwise (consumer debtor, private creditor), moratory interest
  at the legal rate from the mise en demeure (C. civ. 1344); CMF L313-2: the legal rate of each
  half-year, "particulier" column when the creditor is a natural person outside a profession.
  C. consom. (CPCE) L111-8: no recovery costs charged to a consumer, hence no indemnity.
- C. civ. art. 1342-10: a payment the debtor did not assign goes to the debts due first, then
  the oldest; art. 1343-1: a partial payment goes to interest first (``imputation: interets``).
  1342-10 only chooses *which debt* a payment goes to; within an invoice the dossier's
  ``imputation`` (1343-1 interest first, or ``capital`` when the creditor agreed: 1343-1 is not
  of public order) applies to every payment, assigned or not.
- The 40 EUR indemnity is a debt like the others, due from the day after the due date (D441-5:
  "tout professionnel en situation de retard de paiement est de plein droit débiteur"). A payment
  applied to an invoice pays, in this order: interest and principal (order per ``imputation``),
  then that invoice's indemnity if it is already due on the payment date (payment date after the
  due date, the invoice not paid in full by its due date, professional or public debtor). What a
  designated payment leaves goes to the other invoices by 1342-10, each in the same order.
- What is left after every debt is paid (principal, interest, indemnities) is the debtor's
  credit (trop-perçu, C. civ. 1302-1: to be returned): it is shown, never claimed.

After a title (``droit.titre``): the legal rate raised by 5 points (CMF L313-3), the costs noted
(dépens) owed from the title and paid first by a payment that names no invoice; ``total`` is then
the invoices' ``reste_du`` plus the costs still owed, and ``paye`` counts what paid the costs.

Conventions (SPEC §4): interest runs from the day after the start date to ``au`` inclusive; a
period ``du..au`` has ``au - du + 1`` days; its amount is base x rate x days / 36 500, rounded
half-up to the cent; every total is the sum of the rounded figures shown. A payment dated P:
the old base runs through P, the new base from P + 1.

Worked case (SPEC §3): 10 000 EUR due 2025-03-31, at 2025-06-30: 91 days at 3.15 + 10 = 13.15 %:
10000 x 13.15 x 91 / 36500 = 327.849... -> 327.85.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from procedure.droit import parametres
from procedure.droit import titre as after_title
from procedure.droit.regles import (
    BASIS,
    INDEMNITY_BASIS,
    NATURE,
    RULE_LEGAL_INTEREST,
    RULE_NONE,
    RULE_R2192_31,
    Schedule,
    Segment,
    applicable_rule,
    indemnity_amount,
    indemnity_applies,
)
from procedure.modele import dossier as m
from procedure.texte_fr import date_fr, plural
from procedure.modele.actions import Action
from procedure.droit.taux import RateBook, default_ratebook
from procedure.argent import ZERO, format_eur, round_cents

ONE_DAY = timedelta(days=1)
# legal values are read at a date from procedure.droit.parametres: base_jours_annee (36 500),
# indemnite_forfaitaire(_public) (40 EUR), majoration_bce_l441_10 (+10), majoration_bce_public (+8)

class Period(NamedTuple):
    """One line of interest: a constant base at a constant rate (a tuple: tens of thousands of
    them are made for a large dossier, and a frozen dataclass is several times slower to build)."""

    du: date
    au: date
    jours: int
    base: Decimal  # in euros, two decimals
    taux: Decimal  # annual percentage, two decimals
    montant: Decimal  # in euros, rounded half-up to the cent
    fondement: str
    detail: str  # how the rate was obtained, e.g. "taux BCE au 1er janvier 2025 (3,15 %) + 10 points"
    verifie: bool = True


class Allocation(NamedTuple):
    """The part of one payment applied to one invoice."""

    date: date
    montant: Decimal
    interets: Decimal
    principal: Decimal
    designee: bool  # the debtor named this invoice
    indemnite: Decimal = ZERO  # part paying the 40 EUR indemnity (D441-5), after interest and principal


@dataclass
class InvoiceStatement:
    """One invoice's lines. Its totals are computed once, when first read, after ``compute``
    has finished filling it."""

    facture: m.Invoice
    periods: list[Period] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)
    indemnite: Decimal = ZERO
    indemnite_fondement: str = ""
    debut_interets: date | None = None
    solde_le: date | None = None  # when the principal was fully paid
    schedule: Schedule | None = None  # the rate of each day, for the interest to come

    @property
    def montant_ttc(self) -> Decimal:
        return self.facture.montant_ttc

    @cached_property
    def interets(self) -> Decimal:
        return sum((p.montant for p in self.periods), ZERO)

    @cached_property
    def paye(self) -> Decimal:
        return sum((a.montant for a in self.allocations), ZERO)

    @cached_property
    def reste_du(self) -> Decimal:
        return self.montant_ttc + self.interets + self.indemnite - self.paye

    @cached_property
    def principal_restant(self) -> Decimal:
        return self.montant_ttc - sum((a.principal for a in self.allocations), ZERO)

    @cached_property
    def indemnite_payee(self) -> Decimal:
        return sum((a.indemnite for a in self.allocations), ZERO)

    @property
    def indemnite_restante(self) -> Decimal:
        return self.indemnite - self.indemnite_payee


@dataclass
class Decompte:
    reference: str
    au: date
    rule: str
    lines: list[InvoiceStatement]
    warnings: list[str] = field(default_factory=list)
    non_impute: Decimal = ZERO  # payments exceeding everything owed (trop-perçu): see ``credit``
    ignored_payments: list[m.Payment] = field(default_factory=list)
    titre: after_title.Title | None = None
    couts: after_title.CostAccount = field(default_factory=lambda: after_title.CostAccount([]))

    @property
    def frais(self) -> Decimal:
        """The costs claimed after the title (dépens, costs of enforcement)."""
        return sum((c.montant for c in self.couts.costs), ZERO)

    @property
    def frais_payes(self) -> Decimal:
        return sum((a for _, a in self.couts.allocations), ZERO)

    @property
    def credit(self) -> Decimal:
        """The debtor's credit: what he paid beyond every debt (principal, interest, indemnities).
        Never claimed; when it is positive, ``total`` is 0 (every invoice is settled)."""
        return self.non_impute

    @property
    def principal(self) -> Decimal:
        return sum((s.montant_ttc for s in self.lines), ZERO)

    @cached_property
    def paye(self) -> Decimal:
        return sum((s.paye for s in self.lines), ZERO) + self.frais_payes

    @cached_property
    def interets(self) -> Decimal:
        return sum((s.interets for s in self.lines), ZERO)

    @property
    def indemnites(self) -> Decimal:
        return sum((s.indemnite for s in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        return sum((s.reste_du for s in self.lines), ZERO) + self.frais - self.frais_payes

    @property
    def periods(self) -> list[tuple[InvoiceStatement, Period]]:
        return [(s, p) for s in self.lines for p in s.periods]

    @property
    def basis(self) -> str:
        return BASIS[self.rule]

    @property
    def nature(self) -> str:
        return NATURE[self.rule]


class _Account:
    __slots__ = ("st", "principal", "interest_due", "accrued_to", "schedule", "fondement", "warnings",
                 "indemnity", "indemnity_paid")

    def __init__(self, st: InvoiceStatement, schedule: Schedule | None, fondement: str, warnings: dict,
                 indemnity: Decimal = ZERO):
        self.st = st
        self.principal = round_cents(st.facture.montant_ttc)  # two decimals, whoever built the Invoice
        self.interest_due = ZERO
        self.accrued_to = (st.debut_interets - ONE_DAY) if st.debut_interets else None
        self.schedule = schedule
        self.fondement = fondement
        self.warnings = warnings
        self.indemnity = indemnity  # D441-5 / D2192-35: the amount in force when it became due, or zero
        self.indemnity_paid = ZERO

    def _settled_on_time(self) -> bool:
        return self.st.solde_le is not None and self.st.solde_le <= self.st.facture.echeance

    def indemnity_owed(self, when: date) -> Decimal:
        """What is left to pay on the 40 EUR indemnity at ``when``: it is due from the day after
        the due date (D441-5, D2192-35) unless the principal was paid in full by the due date."""
        if not self.indemnity or when <= self.st.facture.echeance or self._settled_on_time():
            return ZERO
        return self.indemnity - self.indemnity_paid

    @property
    def closed(self) -> bool:
        # Once the principal is paid its date is known (solde_le): paid by the due date, no
        # indemnity is ever due; paid later, it was due by then and must be paid too. So a
        # closed account stays closed (the skip list in ``compute`` relies on it).
        if self.principal != 0 or self.interest_due != 0:
            return False
        return not self.indemnity or self._settled_on_time() or self.indemnity_paid == self.indemnity

    def accrue(self, to: date) -> None:
        if self.accrued_to is None or to <= self.accrued_to:
            return
        start = self.accrued_to + ONE_DAY
        if self.principal > 0:
            for seg in self.schedule.segments(start, to):
                days = (seg.end - seg.start).days + 1
                amount = round_cents(self.principal * seg.rate * days / self.schedule.basis)
                self.st.periods.append(Period(seg.start, seg.end, days, self.principal, seg.rate, amount,
                                              seg.basis or self.fondement, seg.detail, seg.verified))
                self.interest_due += amount
                if seg.warning:
                    self.warnings.setdefault(seg.warning, None)
        self.accrued_to = to

    def pay(self, when: date, amount: Decimal, interest_first: bool, designated: bool) -> Decimal:
        """Apply up to ``amount`` to this invoice; return what is left over.

        Interest and principal in the order of the dossier's imputation (C. civ. 1343-1, or
        capital first when agreed), whether the debtor designated the invoice or not; then, with
        what remains, the invoice's 40 EUR indemnity if it is due on ``when`` (D441-5)."""
        self.accrue(when)
        to_interest = to_principal = ZERO
        if interest_first:
            to_interest = min(amount, self.interest_due)
            to_principal = min(amount - to_interest, self.principal)
        else:
            to_principal = min(amount, self.principal)
            to_interest = min(amount - to_principal, self.interest_due)
        self.interest_due -= to_interest
        self.principal -= to_principal
        if self.principal == 0 and self.st.solde_le is None and to_principal > 0:
            self.st.solde_le = when
        # something left means interest and principal are both paid
        to_indemnity = min(amount - to_interest - to_principal, self.indemnity_owed(when))
        self.indemnity_paid += to_indemnity
        used = to_interest + to_principal + to_indemnity
        if used > 0:
            self.st.allocations.append(Allocation(when, used, to_interest, to_principal, designated, to_indemnity))
        return amount - used


def _first_notice_after(dossier: m.Dossier, due: date, au: date) -> date | None:
    """C. civ. 1344: the first formal notice that took effect after the due date, by ``au``."""
    for h in dossier.historique:
        if h.action == Action.MISE_EN_DEMEURE and due < h.effective_date <= au:
            return h.effective_date
    return None


def compute(dossier: m.Dossier, au: date, rates: RateBook | None = None) -> Decompte:
    """The statement of account of ``dossier`` at ``au`` (payments after ``au`` are ignored)."""
    rates = rates or default_ratebook()
    rule = applicable_rule(dossier)
    warnings: dict[str, None] = {}
    interest_first = dossier.penalites.imputation == m.IMPUTATION_INTERETS
    from_notice = rule == RULE_LEGAL_INTEREST or dossier.debiteur.is_consumer

    indemnity = indemnity_applies(dossier)
    title = after_title.title_at(dossier, au)
    raised = after_title.raise_for(title, rule)
    costs, cost_warnings = after_title.costs_at(dossier, title, au)
    accounts: dict[str, _Account] = {}
    cache: dict[tuple[int, int], Segment] = {}
    basis = parametres.amount("base_jours_annee", au)
    statements: list[InvoiceStatement] = []
    for inv in dossier.factures:
        st = InvoiceStatement(inv)
        schedule = None
        if rule != RULE_NONE:
            if from_notice:
                notice = _first_notice_after(dossier, inv.echeance, au)
                start = notice + ONE_DAY if notice else None
            else:
                start = inv.echeance + ONE_DAY
            if start is not None and start <= au:
                st.debut_interets = start
                schedule = st.schedule = Schedule(rule, dossier, rates, start, cache, basis, raised)
        statements.append(st)
        accounts[inv.numero] = _Account(st, schedule, BASIS[rule], warnings,
                                        indemnity_amount(dossier.debiteur.is_public, inv.echeance) if indemnity else ZERO)

    # C. civ. 1342-10: unassigned payments go to the debts due first, then the oldest:
    # ordering by due date does both, since every debt due at P has an earlier due date (an
    # invoice's indemnity is due from the day after its due date: it ranks with its invoice).
    # 1342-10 picks the invoice only; within it ``_Account.pay`` applies the dossier's imputation.
    order = sorted(accounts.values(), key=lambda a: (a.st.facture.echeance, a.st.facture.date))
    skip = list(range(len(order) + 1))  # skip[i]: a candidate for the first open account >= i

    def first_open_from(i: int) -> int:
        root = i
        while root < len(order) and (skip[root] != root or order[root].closed):
            if skip[root] == root:  # closed since last visit
                skip[root] = root + 1
            root = skip[root]
        while skip[i] != i and i != root:  # path compression
            skip[i], i = root, skip[i]
        return root

    credit = ZERO  # the debtor's: paid beyond every debt
    ignored = []
    indexed = sorted(enumerate(dossier.paiements), key=lambda ip: (ip[1].date, ip[0]))
    for _, pay in indexed:
        if pay.date > au:
            ignored.append(pay)
            continue
        left = round_cents(pay.montant)
        if costs.costs and not pay.facture:
            left = costs.pay(pay.date, left)
        if pay.facture:
            left = accounts[pay.facture].pay(pay.date, left, interest_first, True)
            if left > 0:
                warnings.setdefault(
                    f"le paiement du {date_fr(pay.date)} ({format_eur(pay.montant)}) dépasse le solde de la facture "
                    f"{pay.facture} : l'excédent de {format_eur(left)} est imputé sur les autres factures "
                    "(C. civ. 1342-10)",
                    None)
        i = first_open_from(0)
        while left > 0 and i < len(order):
            left = order[i].pay(pay.date, left, interest_first, False)
            i = first_open_from(i + 1) if left > 0 else i
        if left > 0 and costs.costs:
            left = costs.pay(pay.date, left)
        if left > 0:
            credit += left
            warnings.setdefault(
                f"le paiement du {date_fr(pay.date)} dépasse tout ce qui est dû (principal, intérêts, "
                f"indemnités) : {format_eur(left)} ne sont imputés sur aucune facture (trop-perçu en faveur du débiteur, "
                "à lui restituer ou à vérifier)", None)

    ind_basis = INDEMNITY_BASIS[RULE_R2192_31] if dossier.debiteur.is_public else INDEMNITY_BASIS["pro"]
    for acc in accounts.values():
        acc.accrue(au)
        st = acc.st
        inv = st.facture
        # the same rule as ``_Account.indemnity_owed`` at ``au``: an indemnity paid at P <= au is
        # due at au, so reste_du never goes below zero
        if acc.indemnity and inv.echeance < au and not acc._settled_on_time():
            st.indemnite = acc.indemnity
            st.indemnite_fondement = ind_basis

    for w in (*(title.warnings if title else ()), *cost_warnings):
        warnings.setdefault(w, None)
    if ignored:
        warnings.setdefault(
            f"{plural(len(ignored), 'paiement postérieur', 'paiements postérieurs')} au {date_fr(au)} non pris "
            "en compte dans ce décompte", None)
    if dossier.debiteur.procedure_collective:
        warnings.setdefault(
            "débiteur en procédure collective : les poursuites individuelles sont interdites (C. com. L622-21) ; "
            "déclarez la créance au mandataire judiciaire", None)
    return Decompte(dossier.reference, au, rule, statements, list(warnings), credit, ignored, title, costs)
