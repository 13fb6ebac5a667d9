"""What the use cases share: the output folder, the result of a run, and writing it."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from procedure.modele import dossier as m
from procedure.modele.actions import Document
from procedure.sortie import journal
from procedure.sortie.fichiers import output_name, write_all


@dataclass
class Produced:
    paths: list[Path]
    warnings: list[str] = field(default_factory=list)


@contextmanager
def gc_paused():
    """Reading and computing build many small acyclic objects: the cyclic garbage collector
    would scan them over and over (it tripled the time of a 10 000-invoice dossier)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def default_output_dir(dossier: m.Dossier) -> Path:
    return dossier.folder / "sortie"


def commit(dossier: m.Dossier, when: date, document: Document, files: list[tuple[str, str, bytes]], out_dir: Path,
           replace: bool, lrar: str = "") -> list[Path]:
    """Write a run's files (``(name, ext, data)``) and record them in the journal as one entry."""
    outputs = [(out_dir / output_name(when, dossier.reference, name, ext), data) for name, ext, data in files]
    paths = write_all(outputs, replace=replace)
    journal.record(dossier.folder, when, document, paths, action=document.action, lrar=lrar)
    return paths
