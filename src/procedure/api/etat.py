"""``procedure etat``: where a dossier stands at a date (SPEC §5.1).

The stage reached, the history (dossier and journal merged, oldest first), the amount due at the
date, and the next steps with their dates (``droit.agenda``)."""

from __future__ import annotations

from datetime import date

from procedure import etat
from procedure.api.commun import gc_paused
from procedure.argent import plain
from procedure.droit.agenda import next_steps
from procedure.droit import statuts
from procedure.droit.decompte import compute
from procedure.lecture import politique
from procedure.modele import dossier as m


def describe(dossier: m.Dossier, au: date) -> dict:
    state = etat.at(dossier, au)
    with gc_paused():
        d = compute(state, au)
    reached = etat.stage(state.historique)
    policy = politique.load(dossier.folder)
    history = []
    for h in state.historique:
        item = {"date": h.date.isoformat(), "action": str(h.action), "libelle": h.action.label, "origine": h.origine}
        if etat.known_receipt(h, au):
            item["date_reception"] = h.date_reception.isoformat()
        for key in ("lrar", "numero", "note", "document"):
            if getattr(h, key):
                item[key] = getattr(h, key)
        if h.frais is not None:
            item["frais"] = plain(h.frais)
        if h.a_personne is not None:
            item["a_personne"] = h.a_personne
        if h.fichiers:
            item["fichiers"] = [f.path for f in h.fichiers]
        history.append(item)
    return {
        "reference": dossier.reference,
        "au": au.isoformat(),
        "etape": str(reached) if reached else None,
        "etape_libelle": reached.label if reached else "aucune démarche",
        "historique": history,
        "decompte": {"principal": plain(d.principal), "paye": plain(d.paye), "interets": plain(d.interets),
                     "indemnites": plain(d.indemnites), "frais": plain(d.frais), "total": plain(d.total),
                     "credit": plain(d.non_impute)},
        "prochaines_etapes": [{"date": s.date.isoformat(), "action": s.action, "motif": s.motif,
                               "fondement": s.fondement} for s in next_steps(state, d, au, policy)],
        "avertissements": statuts.findings(d) + list(d.warnings),
    }
