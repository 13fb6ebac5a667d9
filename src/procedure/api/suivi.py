"""After the ordonnance: serve before, opposition until, enforce from (``procedure suivi``)."""

from __future__ import annotations

from datetime import date

from procedure import etat
from procedure.droit.injonction import follow_up
from procedure.modele import dossier as m


def milestones(dossier: m.Dossier, au: date | None = None) -> dict:
    return follow_up(etat.at(dossier, au))
