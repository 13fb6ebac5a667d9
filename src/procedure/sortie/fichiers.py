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


def reference_part(reference: str) -> str:
    """A reference as part of a file name, distinct for distinct references (dossiers may share an
    output folder: « DOS 2025 014 » must not overwrite « DOS-2025-014 »'s letters).

    A reference made of safe characters is kept as it is; another one is made safe and followed by
    ``~`` (never in a kept reference) and a short hash of the exact reference.

    >>> reference_part("DOS-2025-014")
    'DOS-2025-014'
    >>> reference_part("DOS 2025 014")
    'DOS-2025-014~6a6bc5883b'
    """
    safe = safe_part(reference)
    if safe == reference:
        return reference
    return f"{safe}~{hashlib.sha256(reference.encode('utf-8')).hexdigest()[:10]}"


def output_name(when: date, reference: str, document: str, ext: str) -> str:
    """``AAAA-MM-JJ_<reference>_<document>.<ext>``."""
    return f"{when.isoformat()}_{reference_part(reference)}_{document}.{ext}"


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
