"""Reading a dossier, checking it (``procedure verifier``), creating an example (``procedure init``)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from procedure import etat
from procedure.api.commun import gc_paused
from procedure.argent import format_eur
from procedure.droit import verifications
from procedure.droit.decompte import compute
from procedure.erreurs import DossierError, InputError, Problem, file_problem
from procedure.lecture.dossier_yaml import load_yaml
from procedure.limites import MAX_AMOUNT
from procedure.modele import dossier as m


def load(path: Path | str) -> m.Dossier:
    """Read and validate a dossier folder (or its YAML file), as written (its journal is read by
    each use case at its date)."""
    with gc_paused():
        return load_yaml(path)


def verify(dossier: m.Dossier, au: date) -> list[verifications.Finding]:
    """What loading cannot check (exhibit files, the journal's chronology) and the warnings."""
    missing = verifications.missing_exhibits(dossier)
    if missing:
        raise DossierError(dossier.source, [Problem(file_problem(dossier.folder / path, "pièce", path), field=f)
                                            for f, path in missing])
    if dossier.creancier.logo is not None:  # decoded now, so that a bad logo is not found by the first letter
        from procedure.rendu.images import read_logo

        read_logo(dossier)
    from procedure.pieces.recueil import collect

    state = etat.at(dossier, au)
    collected = collect(state)  # opens every exhibit: a password or a corrupt file is found now, not at filing
    with gc_paused():
        result = compute(state, au)
        if result.total > MAX_AMOUNT:  # a document would have to write it in words
            raise DossierError(dossier.source, [Problem(
                f"le total dû au {au.isoformat()} ({format_eur(result.total)}) dépasse {format_eur(MAX_AMOUNT)}, le plus "
                "grand montant que l'outil sait écrire en lettres", field="factures")])
        findings = verifications.check(state, result)
    return findings + [verifications.Finding(verifications.WARN, w) for w in collected.warnings]


def _copy_following_umask(src: Path, dst: Path) -> None:
    """Copy the example's files as new files: their modes come from the user's umask, not from the
    installed package (``copytree`` would copy 0644 and 0755 whatever the umask)."""
    import shutil

    dst.mkdir(parents=True)
    for item in sorted(src.iterdir()):
        if item.name in ("__pycache__", "__init__.py"):
            continue
        if item.is_dir():
            _copy_following_umask(item, dst / item.name)
        else:
            shutil.copyfile(item, dst / item.name)


def create_example(target: Path) -> Path:
    """Write a complete, commented example dossier into ``target`` (which must not hold one); its
    reference is the folder's name."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(f"{target} existe et n'est pas un dossier vide : rien n'a été écrit")
    import shutil
    from importlib import resources

    source = resources.files("procedure") / "exemple"
    staging = target.parent / f".{target.name}.init-tmp"
    if staging.exists():
        shutil.rmtree(staging)
    with resources.as_file(source) as src:
        _copy_following_umask(Path(src), staging)
    reference = re.sub(r"[^\w.-]+", "-", target.resolve().name).strip("-.") or "DOS-1"
    yml = staging / "dossier.yaml"
    yml.write_text(re.sub(r"^reference: \S+", f'reference: "{reference[:80]}"', yml.read_text(encoding="utf-8"), count=1,
                          flags=re.M), encoding="utf-8")
    target.mkdir(parents=True, exist_ok=True)
    for item in staging.iterdir():
        item.rename(target / item.name)
    staging.rmdir()
    return target / "dossier.yaml"
