"""Nothing lost: outputs are named predictably, never silently overwritten, written atomically."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import date
from pathlib import Path

from procedure.erreurs import InputError, OutputExistsError


def safe_part(text: str) -> str:
    """A reference made safe for a file name."""
    return re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "-", text)).strip("-.") or "dossier"


def output_name(when: date, reference: str, document: str, ext: str) -> str:
    """``AAAA-MM-JJ_<reference>_<document>.<ext>``."""
    return f"{when.isoformat()}_{safe_part(reference)}_{document}.{ext}"


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
                raise InputError(f"{path.parent} : écriture impossible ({exc.strerror})") from None
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, path in temps:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    return [p for p, _ in outputs]
