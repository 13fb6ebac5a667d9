"""When a requête en injonction de payer may be filed, and the dates that follow the ordonnance.

- C. com. L622-21: no individual proceedings against a debtor under collective proceedings; the
  claim is declared to the mandataire judiciaire (L622-24).
- Prescription (C. civ. 2224; C. com. L110-4; C. consom. L218-2): a prescribed claim is refused.
- C. civ. 1344: without a mise en demeure the judge may take it into account (and no interest ran
  against a consumer): a warning, not a refusal.
- CPC 1411, 1416, 1422 and décret n° 2026-96: the dates after the ordonnance (see ``delais``).
"""

from __future__ import annotations

from datetime import date

from procedure.droit.decompte import Decompte
from procedure.argent import format_eur
from procedure.droit.verifications import prescription_assumption, prescription_dates, prescription_years
from procedure.erreurs import InputError, RefusalError
from procedure.modele import dossier as m
from procedure.modele.actions import Action


def check_claimable(dossier: m.Dossier, d: Decompte, when: date) -> list[str]:
    """Refuse what a judge would refuse; return the warnings. ``dossier`` is its state at ``when``."""
    if dossier.debiteur.procedure_collective:
        raise RefusalError(f"{dossier.source} : débiteur en procédure collective : aucune requête en injonction de "
                           "payer n'est recevable (C. com., art. L622-21) ; déclarez la créance au mandataire "
                           "judiciaire (C. com., art. L622-24)")
    owed = [s for s in d.lines if s.reste_du > 0 and s.facture.echeance < when]
    if not owed and d.total <= 0 and d.credit > 0:
        raise RefusalError(f"{dossier.source} : rien n'est dû au {when.isoformat()} : le débiteur est créditeur de "
                           f"{format_eur(d.credit)} (trop-perçu, payé au-delà du principal, des intérêts et des "
                           "indemnités) : aucune requête produite")
    if not owed:
        raise RefusalError(f"{dossier.source} : rien n'est dû et échu au {when.isoformat()} : aucune requête produite")
    years, article = prescription_years(dossier, when)
    owed_numbers = {s.facture.numero for s in owed}
    late = {n: end for n, (_, end) in prescription_dates(dossier, d).items() if end <= when and n in owed_numbers}
    # against a consumer the period runs from the execution date; when unknown, the due date is assumed
    assumed = {s.facture.numero: a for s in owed if (a := prescription_assumption(dossier, s.facture))}
    if late:
        prescribed = [f"{n} (prescrite le {end.isoformat()})" for n, end in late.items()]
        raise RefusalError(f"{dossier.source} : créance prescrite ({years} ans, {article}) pour : "
                           f"{', '.join(prescribed)} ; retirez ces factures du dossier avant de saisir le juge"
                           + "".join(f" ; {assumed[n]}" for n in late if n in assumed))
    warnings = list(assumed.values())
    if not any(h.action == Action.MISE_EN_DEMEURE for h in dossier.historique):
        warnings.append("aucune mise en demeure n'a été envoyée : le juge peut en tenir compte (et, contre un "
                        "particulier, aucun intérêt n'a couru) ; envisagez « procedure mise-en-demeure » d'abord")
    return warnings


def follow_up(dossier: m.Dossier) -> dict:
    """The dates that matter after the ordonnance, from the history (``ordonnance``, ``signification``)."""
    from procedure.droit.delais import order_milestones
    from procedure.droit.jours_feries import LABELS, zone_of_address

    orders = [h for h in dossier.historique if h.action == Action.ORDONNANCE]
    if not orders:
        raise InputError(f"{dossier.source} : aucune ordonnance inscrite ; notez-la avec "
                         "« procedure noter DOSSIER ordonnance --date AAAA-MM-JJ --numero RG »")
    order = orders[-1]
    services = [h for h in dossier.historique if h.action == Action.SIGNIFICATION and h.date >= order.date]
    service = services[0] if services else None
    zone = zone_of_address(dossier.debiteur.adresse.insee, dossier.debiteur.adresse.code_postal)
    regime, milestones = order_milestones(order.date, service.date if service else None, zone,
                                               served_to_person=service.a_personne is not False if service else True)
    return {
        "reference": dossier.reference,
        "ordonnance": order.date.isoformat(),
        "numero": order.numero or None,
        "signification": service.date.isoformat() if service else None,
        "zone": zone,
        "zone_libelle": LABELS[zone],
        "regime": regime,
        "echeances": [{"cle": ms.key, "libelle": ms.label, "date": ms.date.isoformat() if ms.date else None,
                       "fondement": ms.basis, "note": ms.note} for ms in milestones],
    }
