"""The dossier folder is a boundary: what a dossier names is read from inside it, and nowhere else.

A dossier may come from anyone (a client, a colleague, an archive); the documents it produces
leave the office. So a path the dossier names (an exhibit, the logo, its template folder, a file
of its journal) is resolved (``..``, an absolute path and every symbolic link followed) and must
land inside the resolved folder, or the command stops with exit status 2, naming the file and the
field. An office's shared folder (``politique.yaml``'s or ``--modeles``'s templates) may lie
anywhere, but nothing in it may lead out of it.

>>> from pathlib import Path
>>> is_inside(Path("/srv/d"), Path("/srv/d/pieces/../pieces/f.pdf"))
True
>>> is_inside(Path("/srv/d"), Path("/srv/d/../e/f.pdf"))
False
"""

from __future__ import annotations

import os
from pathlib import Path

from procedure.erreurs import OutsideFolderError


def resolved(path: Path) -> Path | None:
    """``path`` with every link followed, or None for a loop of links."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop before Python 3.13
        return None


def is_inside(folder: Path, path: Path) -> bool:
    """Whether ``path``, every link followed, lies inside ``folder`` (itself resolved)."""
    target, root = resolved(path), resolved(folder)
    return target is not None and root is not None and target.is_relative_to(root)


def check_inside(folder: Path, path: Path, where: str, root: Path | None = None) -> Path:
    """``path`` resolved, when it lies inside ``folder``; otherwise the refusal, naming ``where``
    (the file and the field that name the path). ``root``: ``folder`` already resolved, for a
    caller checking many paths (each path is resolved once, the folder once)."""
    target, root = resolved(path), root or resolved(folder)
    if target is None or root is None or not target.is_relative_to(root):
        raise OutsideFolderError(f"{where} : « {path} » mène hors du dossier {folder} (chemin en « .. », "
                                 "absolu ou lien symbolique) : refusé ; placez le fichier dans le dossier")
    return target


def check_no_link_out(folder: Path, where: str, limit: int = 10_000) -> None:
    """Refuse a folder holding a symbolic link that leads out of it (a template folder: a link in
    it would put any file of the machine into a letter). ``limit`` bounds the entries looked at."""
    root = resolved(folder)
    if root is None:
        raise OutsideFolderError(f"{where} : {folder} : boucle de liens symboliques : refusé")
    seen = 0
    for current, dirs, files in os.walk(root, followlinks=False):
        for name in (*dirs, *files):
            seen += 1
            if seen > limit:
                raise OutsideFolderError(f"{where} : {folder} contient plus de {limit} fichiers : "
                                         "ce n'est pas un répertoire de modèles")
            entry = Path(current) / name
            if entry.is_symlink() and not is_inside(root, entry):
                raise OutsideFolderError(f"{where} : {entry} est un lien symbolique qui sort du répertoire {folder} : "
                                         "refusé ; copiez le fichier au lieu de le lier")
