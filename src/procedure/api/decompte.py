"""The statement of account at a date, as data (JSON on standard output, JSON or CSV files)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from procedure import etat
from procedure.api.commun import commit, gc_paused, locked
from procedure.droit import decompte as engine
from procedure.modele import dossier as m
from procedure.modele.actions import Document


def compute(dossier: m.Dossier, au: date) -> engine.Decompte:
    """The décompte at ``au`` of the dossier as it stood that day (history and journal)."""
    state = etat.at(dossier, au)
    with gc_paused():
        return engine.compute(state, au)


def to_json(decompte: engine.Decompte) -> str:
    from procedure.sortie import export

    # Indented for people; a large décompte is written compact (several times faster).
    indent = 2 if len(decompte.lines) <= 500 else None
    with gc_paused():
        return export.to_json(decompte, indent) + "\n"


def export(dossier: m.Dossier, au: date, fmt: str, out_dir: Path, replace: bool = False) -> tuple[list[Path], list[str]]:
    """The décompte at ``au`` as a JSON or CSV file in ``out_dir``, recorded in the journal like
    every file the tool writes (so that --remplacer knows it is this dossier's); its warnings."""
    from procedure.sortie.export import to_csv

    with locked(dossier):
        decompte = compute(dossier, au)
        data = (to_json(decompte) if fmt == "json" else to_csv(decompte)).encode("utf-8")
        paths = commit(dossier, au, Document.DECOMPTE, [(Document.DECOMPTE, fmt, data)], out_dir, replace)
    return paths, list(decompte.warnings)
