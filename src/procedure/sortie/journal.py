"""The dossier's journal: what the tool produced and what the user recorded, append-only.

Kept in ``journal.yaml`` beside ``dossier.yaml``, so that the user's own file (and its comments)
is never rewritten. One entry per event::

    - date: 2025-07-15
      action: mise-en-demeure          # the vocabulary of procedure.modele.actions; absent for a
      document: mise-en-demeure        #   document that is not an event (décompte, pièces)
      fichiers:
        - {chemin: sortie/2025-07-15_DOS-1_mise-en-demeure.pdf, sha256: 3f5a…}
      enregistre_le: 2025-07-15T10:02:11
    - date: 2025-07-15                 # recorded by « procedure noter »: merged with the entry
      action: mise-en-demeure          #   above (same date, same action) by procedure.etat
      date_reception: 2025-07-17
      lrar: 1A 123 456 7890 1
      enregistre_le: 2025-07-18T09:00:00

Paths are relative to the dossier, so a copied folder tells the same story (SPEC §5.1). The
format of version 1 (one entry per file: ``fichier``, ``sha256``, ``produit_le``) is still read.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path, PurePosixPath

from procedure import limites
from procedure.erreurs import DossierError, Problem
from procedure.modele.actions import Action
from procedure.modele.dossier import FileRecord
from procedure.sortie.verrou import INTENT_FILE

JOURNAL_FILE = "journal.yaml"
HEADER = ("# Journal du dossier, tenu par procedure (documents produits, événements notés avec « procedure noter »).\n"
          "# Ne pas modifier à la main : pour ajouter un événement, utilisez « procedure noter ».\n")
_KEYS = {"date", "action", "document", "fichiers", "date_reception", "lrar", "numero", "frais", "a_personne",
         "note", "enregistre_le", "remplace"}
_V1_KEYS = {"date", "action", "fichier", "sha256", "produit_le"}


@dataclass(frozen=True)
class JournalEntry:
    date: date
    action: Action | None = None
    document: str = ""
    fichiers: tuple[FileRecord, ...] = ()
    date_reception: date | None = None
    lrar: str = ""
    numero: str = ""
    frais: Decimal | None = None
    a_personne: bool | None = None
    note: str = ""
    enregistre_le: str = ""
    remplace: tuple[FileRecord, ...] = ()  # files this entry's files replaced (--remplacer): what was sent

    def to_data(self) -> dict:
        out: dict = {"date": self.date.isoformat()}
        if self.action:
            out["action"] = str(self.action)
        for key in ("document", "lrar", "numero", "note"):
            if getattr(self, key):
                out[key] = str(getattr(self, key))
        if self.fichiers:
            out["fichiers"] = [{"chemin": f.path, "sha256": f.sha256} for f in self.fichiers]
        if self.remplace:
            out["remplace"] = [{"chemin": f.path, "sha256": f.sha256} for f in self.remplace]
        if self.date_reception:
            out["date_reception"] = self.date_reception.isoformat()
        if self.frais is not None:
            out["frais"] = str(self.frais)
        if self.a_personne is not None:
            out["a_personne"] = self.a_personne
        out["enregistre_le"] = self.enregistre_le
        return out


def is_inside(path: str) -> bool:
    """A journal path that stays inside the dossier: relative, without ``..``."""
    p = PurePosixPath(path)
    return bool(path) and not p.is_absolute() and ".." not in p.parts and "\\" not in path and ":" not in path


def read(folder: Path) -> list[JournalEntry]:
    """Every entry, in the order written; a damaged journal is bad input naming the entry."""
    path = folder / JOURNAL_FILE
    if os.path.lexists(folder / INTENT_FILE):
        _finish_interrupted(folder)
    if not path.is_file():
        return []
    import yaml

    from procedure.lecture.syntaxe import check_depth

    try:
        text = path.read_text(encoding="utf-8")
        check_depth(text, path)
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        raise DossierError(path, [Problem(f"journal illisible ({exc.__class__.__name__})")]) from None
    except (ValueError, TypeError, RecursionError) as exc:  # a value PyYAML cannot build, e.g. 2025-13-45
        raise DossierError(path, [Problem(f"journal illisible : valeur impossible ({exc})")]) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise DossierError(path, [Problem("le journal doit être une liste d'entrées")])
    entries: list[JournalEntry] = []
    v1: set[int] = set()  # positions of entries written by version 1 (one per file)
    for i, raw in enumerate(data, start=1):
        try:
            if isinstance(raw, dict) and "fichier" in raw:
                v1.add(len(entries))
            entries.append(_entry(raw))
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
            detail = exc.args[0] if exc.args and isinstance(exc.args[0], str) else exc.__class__.__name__
            raise DossierError(path, [Problem(f"entrée n° {i} illisible : {detail}")]) from None
    return _merge_v1(entries, v1)


def _finish_interrupted(folder: Path) -> None:
    """A run was interrupted while committing: taking the lock completes or undoes it, so that
    this reading sees a whole state (a read-only dossier is read as it is)."""
    from procedure.erreurs import WriteError
    from procedure.sortie import verrou

    if verrou.held(folder):
        return
    try:
        with verrou.locked(folder):
            pass
    except WriteError:
        pass


def _date(value, key: str = "date") -> date:
    """A date of the journal, within the period the tool computes (like dossier.yaml's dates)."""
    from procedure.lecture.schema import parse_iso_date

    if isinstance(value, datetime):
        raise ValueError(f"« {key} » : date attendue, trouvé « {value} »")
    try:
        return parse_iso_date(value.isoformat() if isinstance(value, date) else str(value))
    except ValueError as exc:
        raise ValueError(f"« {key} » : {exc}") from None


def _amount(value, key: str) -> Decimal:
    """An amount of the journal: ASCII digits, at most two decimals, from 0 to limites.MAX_AMOUNT."""
    from procedure.argent import format_eur, parse_amount

    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"« {key} » : montant attendu")
    try:
        amount = parse_amount(str(value))
    except ValueError as exc:
        raise ValueError(f"« {key} » : {exc}") from None
    if amount < 0:
        raise ValueError(f"« {key} » : montant négatif ({value})")
    if amount > limites.MAX_AMOUNT:
        raise ValueError(f"« {key} » : montant trop grand (au plus {format_eur(limites.MAX_AMOUNT)})")
    return amount


def _files(value) -> tuple[FileRecord, ...]:
    if not isinstance(value, list):
        raise TypeError("« fichiers » doit être une liste")
    return tuple(FileRecord(str(f["chemin"]), str(f.get("sha256", ""))) for f in value)


def _entry(raw) -> JournalEntry:
    if not isinstance(raw, dict):
        raise TypeError("une entrée doit être une table (clé: valeur)")
    if "fichier" in raw:  # version 1
        unknown = set(raw) - _V1_KEYS
        if unknown:
            raise ValueError(f"clé inconnue « {sorted(unknown)[0]} »")
        name = str(raw["action"])
        try:
            action = Action.parse(name)
        except ValueError:
            action = None
        return JournalEntry(_date(raw["date"]), action, document=name,
                            fichiers=(FileRecord(str(raw["fichier"]), str(raw.get("sha256", ""))),),
                            enregistre_le=str(raw.get("produit_le", "")))
    unknown = set(raw) - _KEYS
    if unknown:
        raise ValueError(f"clé inconnue « {sorted(unknown)[0]} »")
    action = None
    if raw.get("action") is not None:
        try:
            action = Action.parse(str(raw["action"]))
        except ValueError:
            raise ValueError(f"action inconnue « {raw['action']} »") from None
    if action is None and not raw.get("document"):
        raise ValueError("ni « action » ni « document »")
    a_personne = raw.get("a_personne")
    if a_personne is not None and not isinstance(a_personne, bool):
        raise ValueError("« a_personne » doit valoir true ou false")
    _check_texts(raw)
    return JournalEntry(
        date=_date(raw["date"]), action=action, document=str(raw.get("document") or ""),
        fichiers=_files(raw.get("fichiers", [])), remplace=_files(raw.get("remplace", [])),
        date_reception=_date(raw["date_reception"], "date_reception") if raw.get("date_reception") else None,
        lrar=str(raw.get("lrar") or ""), numero=str(raw.get("numero") or ""), note=str(raw.get("note") or ""),
        frais=_amount(raw["frais"], "frais") if raw.get("frais") is not None else None, a_personne=a_personne,
        enregistre_le=str(raw.get("enregistre_le") or ""))


# texts of an entry a document may print, and their bounds (the journal is read like dossier.yaml)
_TEXTS = {"lrar": limites.MAX_NUMBER_CHARS, "numero": limites.MAX_NUMBER_CHARS, "note": limites.MAX_TEXT_CHARS,
          "document": limites.MAX_NUMBER_CHARS}


def _check_texts(raw: dict) -> None:
    from procedure.lecture.caracteres import text_problem

    for key, max_len in _TEXTS.items():
        value = raw.get(key)
        if isinstance(value, str) and (bad := text_problem(value.strip(), max_len)):
            raise ValueError(f"« {key} » : {bad}")


def _merge_v1(entries: list[JournalEntry], v1: set[int]) -> list[JournalEntry]:
    """Version 1 wrote one entry per file: the files of one document become one entry (entries
    of version 2 are never merged: a document produced again with --remplacer is a new entry)."""
    out: list[JournalEntry] = []
    for i, e in enumerate(entries):
        prev = out[-1] if out else None
        if (prev is not None and i in v1 and i - 1 in v1 and e.document and prev.document == e.document and prev.date == e.date
                and prev.action == e.action and e.fichiers and prev.fichiers and not (e.lrar or e.date_reception)):
            out[-1] = JournalEntry(prev.date, prev.action, prev.document, prev.fichiers + e.fichiers,
                                   enregistre_le=prev.enregistre_le)
        else:
            out.append(e)
    return out


def record_path(folder: Path, path: Path) -> str:
    """How the journal names ``path``: relative to the dossier when inside it (after following
    links), else absolute (a --sortie elsewhere: kept as a record, never read back)."""
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def file_record(folder: Path, path: Path, data: bytes | None = None) -> FileRecord:
    """The journal's record of a file (its content ``data``, or read from ``path``)."""
    return FileRecord(record_path(folder, path), hashlib.sha256(path.read_bytes() if data is None else data).hexdigest())


def now_stamp() -> str:
    return datetime.now().replace(microsecond=0).isoformat()


def render(entries: list[JournalEntry]) -> bytes:
    """The text of a journal holding ``entries`` (written by :mod:`procedure.sortie.transaction`,
    with the run's documents, as one step)."""
    import yaml

    # libyaml's emitter when installed (the same text, several times faster on a long journal)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = HEADER + yaml.dump([e.to_data() for e in entries], Dumper=dumper, allow_unicode=True, sort_keys=False,
                              width=120)
    return text.encode("utf-8")
