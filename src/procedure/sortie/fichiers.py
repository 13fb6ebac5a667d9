"""Nothing lost: outputs are named predictably, never silently overwritten, written atomically.

A run's documents and its journal entry are committed together by :mod:`procedure.sortie.transaction`;
:func:`write_all` serves the files that belong to no dossier (exported templates).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from datetime import date
from pathlib import Path

from procedure.erreurs import InputError, OutputExistsError, os_reason


def follow_umask(path: str | os.PathLike) -> None:
    """Give a file or folder made by ``tempfile`` (0600, 0700: private) the mode of any file the user
    saves: colleagues and the commissaire's office open it on a shared folder."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, (0o777 if os.path.isdir(path) else 0o666) & ~mask)


def safe_part(text: str) -> str:
    """Text made safe for a file name (several texts may give the same: see :func:`reference_part`)."""
    return re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "-", text)).strip("-.") or "dossier"


def _hashed(reference: str) -> str:
    """The reference made safe, ``~`` (never in a kept reference) and a short hash of the exact reference."""
    return f"{safe_part(reference)}~{hashlib.sha256(reference.encode('utf-8')).hexdigest()[:10]}"


def reference_part(reference: str, folder: Path | None = None) -> str:
    """A reference as part of a file name, distinct for distinct references (dossiers may share an
    output folder: « DOS 2025 014 » must not overwrite « DOS-2025-014 »'s letters).

    A reference made of safe characters is kept as it is; another one is made safe and followed by
    ``~`` and a short hash of the exact reference. Given the output ``folder``, a safe reference
    is hashed the same way when the folder's names would confuse it with another reference that
    differs from it only by case, as a case-insensitive file system does (macOS, Windows, SMB
    shares, exFAT: « dos-2025-014 » and « DOS-2025-014 » are one name there): see
    :func:`_case_taken`. A reference alone in its folder keeps its plain name.

    >>> reference_part("DOS-2025-014")
    'DOS-2025-014'
    >>> reference_part("DOS 2025 014")
    'DOS-2025-014~6a6bc5883b'
    """
    if safe_part(reference) != reference or (folder is not None and _case_taken(folder, reference)):
        return _hashed(reference)
    return reference


def own_parts(reference: str) -> tuple[str, ...]:
    """Every name part a reference's outputs may have (plain or hashed): another reference's never."""
    return tuple(dict.fromkeys((reference_part(reference), _hashed(reference))))


# an output's name: its date, its reference part, its document (which holds no « _ »)
_OUTPUT = re.compile(r"^\d{4}-\d{2}-\d{2}_(.+)_[^_]+$")


def _case_taken(folder: Path, reference: str) -> bool:
    """Whether a safe reference's outputs in ``folder`` take the hashed name: they already do
    there, or another reference that differs only by case has plain names there and this one has
    none (the first in the folder keeps its plain names; both kept where both already are, as a
    case-sensitive file system let them be). The names alone decide, compared exactly: the same
    folder gives the same names on every system."""
    try:
        names = os.listdir(folder)
    except OSError:  # no folder yet: nothing in it
        return False
    parts = {m.group(1) for n in names if (m := _OUTPUT.match(n))}
    if _hashed(reference) in parts:
        return True
    folded = reference.casefold()
    return reference not in parts and any(p != reference and p.casefold() == folded for p in parts)


def output_name(when: date, reference: str, document: str, ext: str, part: str | None = None) -> str:
    """``AAAA-MM-JJ_<reference>_<document>.<ext>``; ``part``: the reference's part chosen for the
    output folder (:func:`reference_part` with its folder)."""
    return f"{when.isoformat()}_{part or reference_part(reference)}_{document}.{ext}"


def write_all(outputs: list[tuple[Path, bytes]], replace: bool = False) -> list[Path]:
    """Write every file or none: refuse existing ones unless ``replace``, then temp + rename."""
    if not replace:
        existing = [p for p, _ in outputs if p.exists()]
        if existing:
            names = ", ".join(str(p) for p in existing)
            raise OutputExistsError(f"{names} : le document existe déjà ; rien n'a été écrit "
                                    "(--remplacer pour l'écraser, ou une autre --date / --sortie)")
    temps: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            except OSError as exc:
                raise InputError(f"{path.parent} : {os_reason(exc)}") from None
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            follow_umask(tmp)
        for tmp, path in temps:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    return [p for p, _ in outputs]
