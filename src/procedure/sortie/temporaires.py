"""Temporary files left by an interrupted run, and which of them may be removed.

A run writes its files under temporary names ``.<name>.<pid>-<hex>[.old].tmp`` beside their final
names (:mod:`procedure.sortie.transaction`). A run killed before its commit point leaves them; the
next command that takes the dossier's lock removes those older than its lock: in the dossier's own
folders all of them (only commands holding the lock write there), in an output folder shared with
other dossiers only the dossier's own (named after its reference) whose writer no longer runs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from procedure.sortie import verrou


def own_dirs(folder: Path, depth: int = 2) -> set[Path]:
    """The dossier's folder and its subfolders to ``depth`` (``sortie``, ``pieces/journal``), links not followed."""
    found = {folder}
    for current, dirs, _ in os.walk(folder):
        level = len(Path(current).relative_to(folder).parts)
        if level >= depth:
            dirs[:] = []
            continue
        found.update(Path(current) / d for d in dirs if not (Path(current) / d).is_symlink())
    return found


# temporary names: ours (".<name>.<pid>-<hex>[.old].tmp") and those of earlier versions (mkstemp's)
_TEMP = re.compile(r"^\..+\.(\d+-[0-9a-f]{8}(\.old)?|[a-z0-9_]{8})\.tmp$")


def clean(dirs: set[Path], folder: Path, reference: str | None) -> None:
    """Remove the temporary files older than the lock holder: in a folder of the dossier all of
    them (only commands holding the lock write there); elsewhere (an output folder shared with
    other dossiers) only those of this dossier's documents."""
    since = verrou.acquired_at(folder)
    from procedure.sortie.fichiers import own_parts

    parts = "|".join(re.escape(p) for p in own_parts(reference)) if reference else ""
    mine = re.compile(rf"^\.\d{{4}}-\d{{2}}-\d{{2}}_(?:{parts})_") if reference else None
    root = os.path.realpath(folder)
    for d in dirs:
        inside = os.path.realpath(d) == root or os.path.realpath(d).startswith(root + os.sep)
        try:
            names = [n for n in os.listdir(d) if _TEMP.match(n)]
        except OSError:
            continue
        for name in names:
            if not inside and not (mine and mine.match(name) and not running(name)):
                continue  # another dossier's, or one of a run going on under another dossier's lock
            path = Path(d) / name
            try:
                if path.is_file() and not path.is_symlink() and path.stat().st_mtime < since:
                    path.unlink()
            except OSError:
                pass


def running(name: str) -> bool:
    """Whether the process that wrote the temporary file ``name`` (ours: its pid in the name) still
    runs: in an output folder shared by dossiers, a dossier of the same reference may be committing."""
    match = re.search(r"\.(\d+)-[0-9a-f]{8}(\.old)?\.tmp$", name)
    if not match:
        return False
    try:
        os.kill(int(match.group(1)), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or cannot tell: leave the file
    return True
