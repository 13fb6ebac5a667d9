"""The procédure simplifiée de recouvrement des petites créances (CPCE, art. L125-1 and R125-1 to R125-8).

- L125-1: a commissaire de justice runs it at the creditor's request, for a claim of contractual
  origin or resulting from a statutory obligation, below an amount set by decree; it lasts one month
  from his letter inviting the debtor to take part; with the agreement of both on the amount and the
  terms of payment he issues an enforceable title; every cost is the creditor's alone.
- R125-1: at most 5 000 EUR in principal and interest since 1 January 2020 (4 000 EUR before: the
  dated parameter ``plafond_petites_creances``); run by a commissaire de justice of the ressort of the
  cour d'appel where the debtor has his domicile or residence.
- R125-2: his registered letter (or electronic message) gives the debtor one month from its sending to
  accept; silence is a refusal. The one-month deadline of the agenda (``deadline``) runs from the
  receipt noted for the request, else from the request's date: an indication, the commissaire's
  letter being what starts it.
- Not against a debtor under collective proceedings (C. com. L622-21: individual proceedings stop),
  nor against a public buyer (an administrative contract; no civil enforcement against a public
  person). A prescribed claim is refused as for the requête.

The cap counts the principal still owed and the interest not yet paid at the date; the 40 EUR
indemnities (neither principal nor interest) are claimed beside it but not counted: a reading of
R125-1 the tool states.

Instalments split the total exactly, the last absorbing the cents:

>>> [str(x) for x in instalments(Decimal("2469.25"), 3)]
['823.08', '823.08', '823.09']
>>> sum(instalments(Decimal("100.00"), 7)) == Decimal("100.00")
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from procedure.argent import CENT, ZERO, format_eur
from procedure.droit import parametres
from procedure.droit.decompte import Decompte
from procedure.droit.delais import end_of_limit
from procedure.droit.verifications import prescription_dates, prescription_years
from procedure.erreurs import CourtError, RefusalError
from procedure.modele import dossier as m
from procedure.modele.actions import Action

BASIS = "CPCE, art. L125-1 et R125-1 à R125-8"
CAP_BASIS = "CPCE, art. R125-1"


@dataclass(frozen=True)
class Claim:
    """What the request claims at its date, and the cap it was checked against."""

    principal: Decimal  # still owed
    interets: Decimal  # accrued and not paid
    indemnites: Decimal  # still owed, outside the cap
    plafond: Decimal
    plafond_reference: str

    @property
    def capped(self) -> Decimal:
        """Principal and interest: the figure R125-1 caps."""
        return self.principal + self.interets

    @property
    def total(self) -> Decimal:
        return self.principal + self.interets + self.indemnites


def claim(d: Decompte, when: date) -> Claim:
    """The claim at ``when`` (``d`` computed at that date) and the cap in force that day."""
    lines = [s for s in d.lines if s.reste_du > 0 and s.facture.echeance < when]
    principal = sum((s.principal_restant for s in lines), ZERO)
    interest = sum((s.interets - sum((a.interets for a in s.allocations), ZERO) for s in lines), ZERO)
    indemnity = sum((s.indemnite_restante for s in lines), ZERO)
    try:
        cap = parametres.value_at("plafond_petites_creances", when)
    except parametres.UnknownParameterError:  # before the décret n° 2016-285 took effect
        raise RefusalError(f"la procédure simplifiée de recouvrement des petites créances n'est ouverte qu'à compter du "
                           f"1er juin 2016 (CPCE, art. L125-1 et R125-1) : aucune demande au {when.isoformat()}") from None
    return Claim(principal, interest, indemnity, cap.value, cap.reference)


def check_eligible(dossier: m.Dossier, d: Decompte, when: date) -> Claim:
    """Refuse what the procedure does not admit (exit 2, the figure stated); ``dossier`` is its
    state at ``when``."""
    where = dossier.source
    if dossier.debiteur.is_public:
        raise RefusalError(f"{where} : débiteur public : un marché public est un contrat administratif et une personne "
                           "publique ne relève pas des voies d'exécution du droit privé : la procédure simplifiée de "
                           "recouvrement des petites créances n'est pas ouverte (demandez une provision au juge des "
                           "référés du tribunal administratif, CJA, art. R541-1)")
    if dossier.debiteur.procedure_collective:
        raise RefusalError(f"{where} : débiteur en procédure collective : aucune procédure individuelle de recouvrement "
                           "n'est possible (C. com., art. L622-21) ; déclarez la créance au mandataire judiciaire")
    c = claim(d, when)
    if c.total <= 0:
        raise RefusalError(f"{where} : rien n'est dû et échu au {when.isoformat()} : aucune demande produite")
    if c.capped > c.plafond:
        raise RefusalError(
            f"{where} : créance de {format_eur(c.capped)} en principal et intérêts au {when.isoformat()} "
            f"({format_eur(c.principal)} de principal et {format_eur(c.interets)} d'intérêts), au-delà du plafond de "
            f"{format_eur(c.plafond)} de la procédure simplifiée de recouvrement des petites créances ({c.plafond_reference}) ;"
            " voyez la requête en injonction de payer (procedure injonction)")
    owed = {s.facture.numero for s in d.lines if s.reste_du > 0}
    late = [f"{n} (prescrite le {end.isoformat()})" for n, (_, end) in prescription_dates(dossier, d).items()
            if n in owed and end <= when]
    if late:
        years, article = prescription_years(dossier, when)
        raise RefusalError(f"{where} : créance prescrite ({years} ans, {article}) pour : {', '.join(late)}")
    return c


def indemnity_reading(c: Claim) -> str | None:
    """What the tool reads into R125-1 when the claim carries the fixed indemnities, said to the user."""
    if c.indemnites <= 0:
        return None
    return (f"indemnités forfaitaires de {format_eur(c.indemnites)} réclamées hors plafond : l'article R125-1 ne vise que "
            "le principal et les intérêts ; lecture de l'outil, non vérifiée (le commissaire de justice peut les compter)")


def instalments(total: Decimal, n: int) -> list[Decimal]:
    """``n`` monthly instalments that add up to ``total`` exactly: equal amounts rounded down to the
    cent, the last one absorbing the rest."""
    if n < 1:
        raise ValueError("au moins une échéance")
    each = (total / n).quantize(CENT, rounding=ROUND_DOWN)
    return [each] * (n - 1) + [total - each * (n - 1)]


@dataclass(frozen=True)
class Area:
    """Where the commissaire must practise: the cour d'appel of the debtor's domicile (R125-1)."""

    cour_appel: str
    tribunal_judiciaire: str
    commune: str
    insee: str
    source: str
    note: str


def area(dossier: m.Dossier) -> Area:
    """The cour d'appel of the debtor's domicile, through his commune's tribunal judiciaire."""
    from procedure.donnees.tribunaux import cour_appel, data
    from procedure.droit.juridiction import find_town, official_name

    commune = find_town(dossier.debiteur.adresse, "debiteur.adresse")
    row = data().competence(commune.insee)
    found = cour_appel(row["tribunal_judiciaire"]) if row else None
    if found is None:
        raise CourtError(f"commune {commune.insee} ({commune.nom}) : cour d'appel introuvable dans les données des "
                         "juridictions ; choisissez un commissaire de justice du ressort de la cour d'appel du domicile "
                         "du débiteur (CPCE, art. R125-1)")
    return Area(found.nom, official_name(row["tribunal_judiciaire"]), commune.nom, commune.insee, found.source, found.note)


def deadline(dossier: m.Dossier) -> tuple[date, str] | None:
    """The end of the month the debtor has to answer (R125-2), from the last request's receipt when
    noted, else from its date; with the motive."""
    from procedure.texte_fr import date_fr

    requests = [h for h in dossier.historique if h.action == Action.PETITES_CREANCES]
    if not requests:
        return None
    h = requests[-1]
    start = h.effective_date
    how = (f"lettre du commissaire de justice reçue le {date_fr(start)}" if h.date_reception else
           f"demande du {date_fr(h.date)} : date indicative, le délai court de la lettre du commissaire de justice")
    return end_of_limit(start, 1, "mois"), f"fin du délai d'un mois laissé au débiteur pour accepter la procédure " \
                                          f"simplifiée des petites créances ({how})"
