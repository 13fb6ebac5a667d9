"""What comes next for a dossier at a date: the ladder's next step and the legal deadlines.

- The ladder (relance, avertissement, mise en demeure, injonction) follows the office's policy:
  days after the due date of the oldest unpaid invoice, and days after the mise en demeure's
  receipt before the requête (SPEC §5.4). A public buyer is not sued by injonction de payer.
- fin-delai-mise-en-demeure: the time the mise en demeure left (8 days by default), from its
  receipt (or sending), CPC 640-642, with the public holidays of the debtor's zone (overseas too).
- petites-creances: the end of the month the debtor has to accept the procédure simplifiée
  (CPCE L125-1, R125-2), then the requête if he refused or kept silent (``petites_creances``).
- After the ordonnance: serve before, end of opposition, enforce from (CPC 1411, 1416, 1422;
  décret n° 2026-96), see ``delais``.
- prescription: the date a claim still owed is prescribed (C. civ. 2224; C. com. L110-4;
  C. consom. L218-2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from procedure.droit.decompte import Decompte
from procedure.droit.delais import doubt, end_of_limit, raw_end
from procedure.droit.jours_feries import zone_of_address
from procedure.droit.petites_creances import deadline as small_claim_deadline
from procedure.droit.verifications import prescription_dates, prescription_years
from procedure.modele import dossier as m
from procedure.modele.actions import Action, rank

STEPS = (Action.RELANCE, Action.AVERTISSEMENT, Action.MISE_EN_DEMEURE)
INJONCTION = "injonction"
DEFAULT_DELAY = 8


@dataclass(frozen=True)
class Step:
    date: date
    action: str  # a ladder step or a legal deadline (SPEC §5.4)
    motif: str
    fondement: str = ""
    key: str = ""  # what tells two steps of the same action apart in one dossier (an invoice's number)


def next_steps(dossier: m.Dossier, d: Decompte, au: date, policy, delay_days: int | None = None) -> list[Step]:
    """Every step due or to come, oldest first. ``dossier`` is its state at ``au``."""
    from procedure.texte_fr import date_fr

    out: list[Step] = []
    history = dossier.historique
    reached = max((rank(h.action) for h in history), default=0)
    owed = [s for s in d.lines if s.reste_du > 0 and s.facture.echeance < au]
    if owed and not dossier.debiteur.procedure_collective:
        oldest = min(s.facture.echeance for s in owed)
        last = max((h.date for h in history if h.action in STEPS), default=None)
        for step in STEPS:
            if rank(step) > reached:
                when = oldest + timedelta(days=policy.days(step))
                if last and when <= last:
                    when = last + timedelta(days=1)
                out.append(Step(when, str(step), f"{step.label} : échéance du {date_fr(oldest)} + "
                                                 f"{policy.days(step)} jours (politique du cabinet)"))
                break
        notices = [h for h in history if h.action == Action.MISE_EN_DEMEURE]
        if notices and reached <= rank(Action.MISE_EN_DEMEURE):
            notice = notices[-1]
            start = notice.effective_date
            days = delay_days or dossier.delai_paiement_jours or DEFAULT_DELAY
            zone = zone_of_address(dossier.debiteur.adresse.insee, dossier.debiteur.adresse.code_postal)
            end = end_of_limit(start, days, "jours", zone)
            unsure = doubt(raw_end(start, days, "jours"), zone)
            out.append(Step(end, "fin-delai-mise-en-demeure",
                            f"fin du délai laissé par la mise en demeure du {date_fr(notice.date)}"
                            + (f" ({unsure})" if unsure else ""),
                            "C. civ., art. 1344 ; CPC, art. 640 à 642"))
            if not dossier.debiteur.is_public:
                when = max(start + timedelta(days=policy.requete), end + timedelta(days=1))
                out.append(Step(when, INJONCTION, f"requête en injonction de payer : mise en demeure "
                                                  f"{'reçue' if notice.date_reception else 'envoyée'} le "
                                                  f"{date_fr(start)} + {policy.requete} jours (politique du cabinet)",
                                "CPC, art. 1405 et suivants"))
        small = small_claim_deadline(dossier)
        if small and reached == rank(Action.PETITES_CREANCES):
            end, motif = small
            out.append(Step(end, str(Action.PETITES_CREANCES), motif, "CPCE, art. L125-1 et R125-2"))
            out.append(Step(end + timedelta(days=1), INJONCTION, "requête en injonction de payer si le débiteur a "
                                                                 "refusé la procédure simplifiée ou n'a pas répondu",
                            "CPC, art. 1405 et suivants"))
    out += _after_order(dossier)
    years, article = prescription_years(dossier, au)
    for numero, (_, end) in prescription_dates(dossier, d).items():
        if any(s.facture.numero == numero for s in owed):
            out.append(Step(end, "prescription", f"facture {numero} prescrite ({years} ans)", article, numero))
    out.sort(key=lambda s: (s.date, s.action))
    return out


def _after_order(dossier: m.Dossier) -> list[Step]:
    if not any(h.action == Action.ORDONNANCE for h in dossier.historique):
        return []
    from procedure.droit.injonction import follow_up

    keys = {"signifier_avant": ("signifier-avant", "dernier jour pour signifier l'ordonnance"),
            "opposition_jusqu_au": ("fin-opposition", "fin du délai d'opposition du débiteur"),
            "executoire_a_partir_du": ("executer-a-partir-du", "l'ordonnance peut être exécutée")}
    info = follow_up(dossier)
    if info["signification"]:
        keys.pop("signifier_avant")
    return [Step(date.fromisoformat(e["date"]), *keys[e["cle"]], e["fondement"])
            for e in info["echeances"] if e["cle"] in keys and e["date"]]
