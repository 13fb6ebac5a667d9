"""After the ordonnance: serve before, opposition until, enforce from (``procedure suivi``); after a
request for the procédure simplifiée des petites créances: the end of the debtor's month."""

from __future__ import annotations

from datetime import date

from procedure import etat
from procedure.droit.injonction import follow_up
from procedure.droit.petites_creances import BASIS, deadline
from procedure.modele import dossier as m
from procedure.modele.actions import Action


def milestones(dossier: m.Dossier, au: date | None = None) -> dict:
    state = etat.at(dossier, au)
    small = deadline(state)
    if small is not None and not any(h.action == Action.ORDONNANCE for h in state.historique):
        info = {"reference": dossier.reference, "ordonnance": None, "numero": None, "signification": None,
                "regime": f"procédure simplifiée de recouvrement des petites créances ({BASIS})", "echeances": []}
    else:
        info = follow_up(state)
    info["petites_creances"] = {"date": small[0].isoformat(), "motif": small[1], "fondement": "CPCE, art. L125-1 et "
                                "R125-2"} if small else None
    return info
