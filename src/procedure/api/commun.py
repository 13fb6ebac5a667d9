"""What the use cases share: the output folder, the result of a run, and writing it."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from procedure import etat
from procedure.modele import dossier as m
from procedure.modele.actions import Document
from procedure.sortie import journal, transaction, verrou
from procedure.sortie.fichiers import output_name, reference_part


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


def locked(dossier: m.Dossier):
    """Hold the dossier from reading its journal to committing a run (concurrent commands wait)."""
    return verrou.locked(dossier.folder)


def template_set(dossier: m.Dossier, custom: Path | None):
    """The templates of a run: ``--modeles``, else the dossier's ``modeles`` key (a folder inside
    it), else the office's (``politique.yaml``'s ``modeles``), then the shipped ones."""
    from procedure.lecture import politique
    from procedure.rendu.documents import templates_for

    if custom is not None or dossier.modeles is not None:
        return templates_for(dossier, custom)
    policy = politique.load(dossier.folder)
    where = f"{policy.source}, champ « modeles »"
    if policy.modeles is not None and policy.source is not None:
        from procedure.chemins import check_inside, is_inside

        if is_inside(dossier.folder, policy.source):  # a policy that came with the dossier is the dossier's
            check_inside(dossier.folder, policy.modeles, where)
    return templates_for(dossier, None, policy.modeles, where)


def commit(dossier: m.Dossier, when: date, document: Document, files: list[tuple[str, str, bytes]], out_dir: Path,
           replace: bool, lrar: str = "") -> list[Path]:
    """Write a run's files (``(name, ext, data)``) and record them in the journal as one entry,
    all or nothing (:mod:`procedure.sortie.transaction`). A document that is an event is refused
    when an event already recorded relies on it and is dated before it (SPEC §5.1: a requête dated
    after the ordonnance noted for it)."""
    if document.action is not None:
        new = m.HistoryEntry(date=when, action=document.action)
        etat.check_chronology((*etat.history(dossier), new), dossier.folder / journal.JOURNAL_FILE)
    part = reference_part(dossier.reference, out_dir)  # one listing of the folder for all the run's names
    outputs = [(out_dir / output_name(when, dossier.reference, name, ext, part), data) for name, ext, data in files]
    records = tuple(journal.file_record(dossier.folder, p, data) for p, data in outputs)
    entry = journal.JournalEntry(when, document.action, document, records, lrar=lrar, enregistre_le=journal.now_stamp())
    return transaction.commit(dossier.folder, outputs, entry, replace, reference=dossier.reference)
