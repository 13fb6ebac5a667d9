"""What ``procedure verifier`` warns about, each with the text it applies.

- C. com. L441-10 I: payment terms at most 60 days from the invoice date, or 45 days end of month
  if expressly agreed (between professionals); CCP R2192-10/R2192-11: 30 days for the State and
  local authorities, 50 for public hospitals, 60 for public companies.
- C. com. L441-10 II: a contractual rate may not be below 3 x the taux de l'intérêt légal.
- Prescription: 5 years (C. civ. 2224; C. com. L110-4 between traders), 2 years for a
  professional's claim against a consumer (C. consom. L218-2); a partial payment is an
  acknowledgement that interrupts it (C. civ. 2240), so does the service of an ordonnance.
  Against a consumer the 2 years run from the performance of the works or the service, not from
  the invoice (Civ. 1re, 19 May 2021, n° 20-12.520; Civ. 3e, 1 March 2023, n° 21-23.176):
  ``factures[].date_execution`` when known; otherwise the due date, and the tool says so.
- C. com. L622-21: no individual proceedings against a debtor under collective proceedings.
- CPCE L111-8: no recovery costs charged to a consumer.
- E-invoice statuses (LEGAL.md): a contested invoice, an invoice claimed although paid (``statuts``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from procedure.droit import parametres
from procedure.modele import dossier as m
from procedure.modele.actions import Action
from procedure.droit.decompte import Decompte
from procedure.droit import statuts
from procedure.droit.regles import RULE_CONTRACTUAL
from procedure.droit.taux import RateBook, default_ratebook
from procedure.droit.semestres import split_by_semester
from procedure.argent import format_rate

WARN = "avertissement"
PRESCRIPTION_NOTICE_DAYS = 183  # warn six months ahead: time to serve an ordonnance
INFO = "information"


@dataclass(frozen=True)
class Finding:
    level: str
    message: str


def add_years(d: date, years: int) -> date:
    """Same day ``years`` later; 29 February becomes 28 February."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def end_of_month(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def max_payment_date(invoice_date: date) -> date | None:
    """The latest due date L441-10 I allows (the most favourable reading of "45 jours fin de mois");
    None before the text set a maximum."""
    try:
        days = parametres.number("delai_paiement_max_jours", invoice_date)
        eom = parametres.number("delai_paiement_max_fin_de_mois_jours", invoice_date)
    except parametres.UnknownParameterError:
        return None
    return max(invoice_date + timedelta(days=days),
               end_of_month(invoice_date + timedelta(days=eom)),
               end_of_month(invoice_date) + timedelta(days=eom))


def public_payment_terms(invoice_date: date) -> tuple[int, int, int] | None:
    """A public buyer's maximum payment terms in days (State and local authorities, public
    hospitals, public companies) for an invoice of ``invoice_date``; None before the text."""
    try:
        return tuple(parametres.number(n, invoice_date) for n in (  # type: ignore[return-value]
            "delai_paiement_public_jours", "delai_paiement_hopital_jours", "delai_paiement_entreprise_publique_jours"))
    except parametres.UnknownParameterError:
        return None


def prescription_years(dossier: m.Dossier, when: date) -> tuple[int, str]:
    """The period of prescription in force at ``when``, and its article."""
    if dossier.debiteur.is_consumer and dossier.creancier.is_professional:
        name, article = "prescription_consommation_ans", "C. consom., art. L218-2"
    elif dossier.debiteur.commercant and dossier.creancier.is_professional:
        name, article = "prescription_commerciale_ans", "C. com., art. L110-4"
    else:
        name, article = "prescription_droit_commun_ans", "C. civ., art. 2224"
    return parametres.number(name, when), article


def _runs_from_execution(dossier: m.Dossier) -> bool:
    """C. consom. L218-2 (professional creditor, consumer debtor): the period runs from the
    performance of the works or service (Civ. 1re, 19 May 2021, n° 20-12.520)."""
    return dossier.debiteur.is_consumer and dossier.creancier.is_professional


def prescription_start(dossier: m.Dossier, inv: m.Invoice) -> date:
    """When the period starts for ``inv`` before any interruption: against a consumer the date of
    execution when known (it may follow the invoice); otherwise the due date."""
    if _runs_from_execution(dossier) and inv.date_execution is not None:
        return inv.date_execution
    return inv.echeance


def prescription_assumption(dossier: m.Dossier, inv: m.Invoice) -> str:
    """The sentence saying which start date was assumed for ``inv``, or "" when none was."""
    if not _runs_from_execution(dossier) or inv.date_execution is not None:
        return ""
    return (f"facture {inv.numero} : date d'exécution inconnue : prescription comptée à partir de l'échéance du "
            f"{inv.echeance.isoformat()}, à vérifier (contre un consommateur, la prescription court de "
            "l'exécution des travaux ou de la prestation, C. consom., art. L218-2 ; Cass. civ. 1re, 19 mai 2021, "
            "n° 20-12.520) ; indiquez « date_execution » pour la facture")


def prescription_dates(dossier: m.Dossier, decompte: Decompte) -> dict[str, tuple[date, date]]:
    """For each invoice still owed: (start of the running period, date it is prescribed)."""
    years, _ = prescription_years(dossier, decompte.au)
    served = [h.date for h in dossier.historique if h.action == Action.SIGNIFICATION and h.date <= decompte.au]
    out = {}
    for st in decompte.lines:
        if st.reste_du <= 0:
            continue
        start = prescription_start(dossier, st.facture)
        # a payment acknowledges the debt and interrupts the period (C. civ. 2240), so does service
        acknowledgements = [a.date for a in st.allocations] + served
        if acknowledgements:
            start = max([start, *acknowledgements])
        out[st.facture.numero] = (start, add_years(start, years))
    return out


def check(dossier: m.Dossier, decompte: Decompte, rates: RateBook | None = None) -> list[Finding]:
    rates = rates or default_ratebook()
    found: list[Finding] = []
    au = decompte.au
    deb, cre = dossier.debiteur, dossier.creancier

    if deb.procedure_collective:
        found.append(Finding(WARN, "débiteur en procédure collective : aucune poursuite individuelle n'est possible "
                                   "(C. com., art. L622-21) ; déclarez la créance au mandataire dans les deux mois "
                                   "de la publication du jugement d'ouverture au BODACC (C. com., art. R622-24)"))

    found += [Finding(WARN, message) for message in statuts.findings(decompte)]

    # payment terms
    for inv in dossier.factures:
        if deb.is_professional and cre.is_professional:
            limit = max_payment_date(inv.date)
            if limit is not None and inv.echeance > limit:
                days, eom = (parametres.number(n, inv.date) for n in ("delai_paiement_max_jours",
                                                                     "delai_paiement_max_fin_de_mois_jours"))
                found.append(Finding(WARN, f"facture {inv.numero} : délai de paiement de "
                                           f"{(inv.echeance - inv.date).days} jours, au-delà du maximum légal "
                                           f"({days} jours date de facture ou {eom} jours fin de mois, "
                                           "C. com., art. L441-10 I)"))
        elif deb.is_public and (public := public_payment_terms(inv.date)) and (inv.echeance - inv.date).days > public[0]:
            found.append(Finding(INFO, f"facture {inv.numero} : délai de paiement de {(inv.echeance - inv.date).days} "
                                       f"jours ; les acheteurs publics doivent payer sous {public[0]} jours (État, "
                                       f"collectivités), {public[1]} (hôpitaux) ou {public[2]} (entreprises publiques) "
                                       "(CCP, art. R2192-10 et R2192-11)"))
        if inv.echeance >= au:
            found.append(Finding(INFO, f"facture {inv.numero} : pas encore échue au {au.isoformat()} "
                                       f"(échéance {inv.echeance.isoformat()})"))

    # contractual rate floor: 3 x the legal rate (autres cas) of every half-year covered
    if decompte.rule == RULE_CONTRACTUAL and dossier.penalites.taux is not None and deb.is_professional:
        starts = [st.debut_interets for st in decompte.lines if st.debut_interets]
        if starts:
            seen = set()
            for _, _, sem in split_by_semester(min(starts), au):
                if sem in seen:
                    continue
                seen.add(sem)
                try:
                    floor = rates.legal_rate(sem, creditor_is_person=False).value * parametres.number(
                        "plancher_taux_contractuel_multiple", sem.start)
                except Exception as exc:  # an unknown half-year is reported, not fatal here
                    found.append(Finding(WARN, str(exc)))
                    continue
                if dossier.penalites.taux < floor:
                    found.append(Finding(WARN, f"taux contractuel de {format_rate(dossier.penalites.taux)} inférieur "
                                               f"au plancher du {sem.label} ({format_rate(floor)}, trois fois le taux "
                                               "de l'intérêt légal, C. com., art. L441-10 II) : clause contestable"))

    # consumer debtor
    if deb.is_consumer:
        if not any(h.action == Action.MISE_EN_DEMEURE for h in dossier.historique):
            found.append(Finding(INFO, "débiteur particulier : aucun intérêt ne court avant une mise en demeure "
                                       "(C. civ., art. 1231-6 et 1344) ; aucune n'est inscrite à l'historique"))
        if dossier.penalites.indemnite_forfaitaire is True and cre.is_professional:
            found.append(Finding(INFO, "débiteur particulier : l'indemnité forfaitaire pour frais de recouvrement n'est pas due "
                                       "(C. proc. civ. exéc., art. L111-8) et n'est pas comptée"))

    # prescription
    years, article = prescription_years(dossier, au)
    dates = prescription_dates(dossier, decompte)
    for inv in dossier.factures:
        assumed = prescription_assumption(dossier, inv) if inv.numero in dates else ""
        if assumed:
            found.append(Finding(WARN, assumed))
    for numero, (start, end) in dates.items():
        if end <= au:
            found.append(Finding(WARN, f"facture {numero} : prescrite depuis le {end.isoformat()} ({years} ans à "
                                       f"compter du {start.isoformat()}, {article})"))
        elif end <= au + timedelta(days=PRESCRIPTION_NOTICE_DAYS):
            found.append(Finding(WARN, f"facture {numero} : prescrite le {end.isoformat()}, dans moins de six mois "
                                       f"({years} ans, {article}) ; seule la signification d'une ordonnance "
                                       "l'interrompt, pas l'envoi d'une lettre"))

    for w in decompte.warnings:
        found.append(Finding(WARN, w))
    return found


def missing_exhibits(dossier: m.Dossier) -> list[tuple[str, str]]:
    """(field, path) of every exhibit named by the dossier that is not a readable file."""
    out = []
    for i, inv in enumerate(dossier.factures, start=1):
        if inv.piece and not (dossier.folder / inv.piece).is_file():
            out.append((f"factures[{i}].piece", str(inv.piece)))
    for i, x in enumerate(dossier.pieces, start=1):
        if not (dossier.folder / x.fichier).is_file():
            out.append((f"pieces[{i}].fichier", str(x.fichier)))
    if dossier.creancier.logo and not dossier.creancier.logo.is_file():
        out.append(("creancier.logo", str(dossier.creancier.logo)))
    return out


