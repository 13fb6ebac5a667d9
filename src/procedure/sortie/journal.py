"""The dossier's journal: every document procedure produced (date, kind, file, SHA-256).

Kept in ``journal.yaml`` beside ``dossier.yaml``, so that the user's own file (and its comments)
is never rewritten. The letters read it: an avertissement recalls the relances already sent, a
mise en demeure starts interest against a consumer.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

from procedure.modele import dossier as m
from procedure.erreurs import DossierError, Problem
from procedure.sortie.fichiers import write_all

JOURNAL_FILE = "journal.yaml"
LETTER_ACTIONS = {"relance", "avertissement", "mise-en-demeure", "requete-injonction"}
HEADER = "# Journal des documents produits par procedure. Écrit par l'outil : ne pas modifier à la main.\n"


@dataclass(frozen=True)
class JournalEntry:
    date: date
    action: str
    fichier: str
    sha256: str
    produit_le: str


def read(folder: Path) -> list[JournalEntry]:
    path = folder / JOURNAL_FILE
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        entries = []
        for i, e in enumerate(data, start=1):
            try:
                entries.append(JournalEntry(date=date.fromisoformat(str(e["date"])), action=str(e["action"]),
                                            fichier=str(e["fichier"]), sha256=str(e.get("sha256", "")),
                                            produit_le=str(e.get("produit_le", ""))))
            except (KeyError, TypeError, ValueError) as exc:
                raise DossierError(path, [Problem(f"entrée n° {i} illisible ({exc})")]) from None
        return entries
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        raise DossierError(path, [Problem(f"journal illisible ({exc.__class__.__name__})")]) from None
    except TypeError:
        raise DossierError(path, [Problem("le journal doit être une liste")]) from None


def history(entries: list[JournalEntry], before: date | None = None) -> list[m.HistoryEntry]:
    """The letters of the journal as history entries (one per document, not per file)."""
    seen = set()
    out = []
    for e in entries:
        if e.action not in LETTER_ACTIONS or (before is not None and e.date >= before):
            continue
        if (e.date, e.action) in seen:
            continue
        seen.add((e.date, e.action))
        out.append(m.HistoryEntry(date=e.date, action=e.action, note=f"produit par procedure : {e.fichier}"))
    return out


def merged_history(dossier: m.Dossier, before: date | None = None,
                   entries: list[JournalEntry] | None = None) -> tuple[m.HistoryEntry, ...]:
    """The dossier's own history plus the letters produced before ``before``, oldest first."""
    own = {(h.date, h.action) for h in dossier.historique}
    entries = read(dossier.folder) if entries is None else entries
    extra = [h for h in history(entries, before) if (h.date, h.action) not in own]
    return tuple(sorted([*dossier.historique, *extra], key=lambda h: h.date))


def record(folder: Path, when: date, action: str, files: list[Path]) -> None:
    """Add (or, for a replaced file, update) one entry per produced file."""
    entries = read(folder)
    names = {}
    for f in files:
        try:
            rel = f.resolve().relative_to(folder.resolve()).as_posix()
        except ValueError:
            rel = str(f.resolve())
        names[rel] = hashlib.sha256(f.read_bytes()).hexdigest()
    kept = [e for e in entries if e.fichier not in names]
    stamp = datetime.now().replace(microsecond=0).isoformat()
    kept += [JournalEntry(when, action, rel, digest, stamp) for rel, digest in names.items()]
    data = [{"date": e.date.isoformat(), "action": e.action, "fichier": e.fichier, "sha256": e.sha256,
             "produit_le": e.produit_le} for e in kept]
    text = HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    write_all([(folder / JOURNAL_FILE, text.encode("utf-8"))], replace=True)
