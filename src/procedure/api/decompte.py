"""The statement of account at a date, as data (JSON on standard output, JSON or CSV files)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from procedure import etat
from procedure.api.commun import gc_paused
from procedure.droit import decompte as engine
from procedure.modele import dossier as m
from procedure.sortie.fichiers import output_name, write_all


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


def write(dossier: m.Dossier, decompte: engine.Decompte, fmt: str, out_dir: Path, replace: bool = False) -> list[Path]:
    """The décompte as a JSON or CSV file in ``out_dir`` (data, not a document: not journaled)."""
    from procedure.sortie import export

    data = (to_json(decompte) if fmt == "json" else export.to_csv(decompte)).encode("utf-8")
    target = out_dir / output_name(decompte.au, dossier.reference, "decompte", fmt)
    return write_all([(target, data)], replace=replace)
