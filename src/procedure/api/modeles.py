"""The templates users copy and edit."""

from __future__ import annotations

from pathlib import Path

from procedure.sortie.fichiers import write_all


def export(target: Path) -> list[Path]:
    """Copy the shipped templates into ``target`` (never over existing files)."""
    from procedure.rendu.modeles import package_dir

    target = Path(target)
    sources = sorted(p for p in package_dir().iterdir() if p.is_file() and p.suffix in (".docx", ".html", ".css"))
    return write_all([(target / p.name, p.read_bytes()) for p in sources])
