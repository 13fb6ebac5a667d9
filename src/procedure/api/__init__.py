"""The use cases, callable without the command line.

Every function takes plain arguments and returns data or paths; errors are
:class:`procedure.erreurs.ProcedureError` subclasses carrying French messages.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from procedure.modele import dossier as m
from procedure.erreurs import DossierError, InputError, Problem
from procedure.sortie.fichiers import output_name, write_all
from procedure.droit import verifications as checks
from procedure.droit.decompte import Decompte, compute
from procedure.lecture.dossier_yaml import load_dossier as _load


@contextmanager
def _gc_paused():
    """Reading and computing build many small acyclic objects: the cyclic garbage collector
    would scan them over and over (it tripled the time of a 10 000-invoice dossier)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_dossier(path: Path | str) -> m.Dossier:
    """Read and validate a dossier folder (or its YAML file)."""
    with _gc_paused():
        return _load(path)


def compute_decompte(dossier: m.Dossier, au: date) -> Decompte:
    """The statement of account at ``au``."""
    with _gc_paused():
        return compute(dossier, au)


def verify(dossier: m.Dossier, au: date) -> list[checks.Finding]:
    """Validate what loading cannot (exhibit files) and list the warnings of ``procedure verifier``."""
    missing = checks.missing_exhibits(dossier)
    if missing:
        raise DossierError(dossier.source, [Problem(f"pièce introuvable : {path}", field=f) for f, path in missing])
    from procedure.pieces.recueil import collect

    collected = collect(dossier)  # opens every exhibit: a password or a corrupt file is found now, not at filing
    findings = checks.check(dossier, compute(dossier, au))
    return findings + [checks.Finding(checks.WARN, w) for w in collected.warnings]


def decompte_json(decompte: Decompte) -> str:
    from procedure.sortie.export import decompte_to_json

    # Indented for people; a large décompte is written compact (several times faster).
    indent = 2 if len(decompte.lines) <= 500 else None
    with _gc_paused():
        return decompte_to_json(decompte, indent) + "\n"


def default_output_dir(dossier: m.Dossier) -> Path:
    return dossier.folder / "sortie"


def write_decompte_data(dossier: m.Dossier, decompte: Decompte, fmt: str, out_dir: Path,
                        replace: bool = False) -> list[Path]:
    """The décompte as a JSON or CSV file in ``out_dir``."""
    from procedure.sortie.export import decompte_to_csv

    if fmt == "json":
        data = decompte_json(decompte).encode("utf-8")
    elif fmt == "csv":
        data = decompte_to_csv(decompte).encode("utf-8")
    else:  # pragma: no cover - the CLI restricts the choice
        raise InputError(f"format inconnu : {fmt}")
    target = out_dir / output_name(decompte.au, dossier.reference, "decompte", fmt)
    return write_all([(target, data)], replace=replace)


def produce_document(kind: str, dossier: m.Dossier, when: date, formats: tuple[str, ...], out_dir: Path,
                     replace: bool = False, templates: Path | None = None, delai: int | None = None):
    """Produce a letter or the décompte as PDF/DOCX(/EML) files; returns their paths and warnings."""
    from procedure.contexte.commun import LetterOptions
    from procedure.api.documents import produce

    opts = LetterOptions(delai_jours=delai) if delai else None
    return produce(kind, dossier, when, tuple(formats), out_dir, replace, templates, opts)


def produce_court_file(dossier: m.Dossier, when: date, formats: tuple[str, ...], out_dir: Path,
                       replace: bool = False, templates: Path | None = None, requete: bool = True,
                       renvoi_1408: bool = False):
    """The injonction file (requête, bordereau, bundle) or, with ``requete=False``, the exhibits alone."""
    from procedure.api.documents import produce_court_file as _produce

    return _produce(dossier, when, tuple(formats), out_dir, replace, templates, requete, renvoi_1408)


def export_templates(target: Path) -> list[Path]:
    """Copy the shipped templates into ``target`` (never over existing files)."""
    from procedure.rendu.modeles import package_dir

    target = Path(target)
    sources = sorted(p for p in package_dir().iterdir() if p.is_file() and p.suffix in (".docx", ".html", ".css"))
    return write_all([(target / p.name, p.read_bytes()) for p in sources])


def competent_court(dossier: m.Dossier, au: date):
    """The court for a requête, with the reasons (CPC 1406)."""
    from procedure.droit.juridiction import resolve

    total = compute(dossier, au).total
    return resolve(dossier, total)


def follow_up(dossier: m.Dossier) -> dict:
    """The dates that matter after the ordonnance, from the history (``ordonnance``, ``signification``)."""
    from procedure.sortie import journal
    from procedure.droit.juridiction import departement_of_postcode
    from procedure.droit.delais import injonction_milestones, zone_of_departement

    history = journal.merged_history(dossier)
    orders = [h for h in history if h.action == "ordonnance"]
    if not orders:
        raise InputError(f"{dossier.source} : aucune entrée « ordonnance » dans l'historique ; ajoutez par exemple "
                         "« - {date: 2026-10-05, action: ordonnance} »")
    order = orders[-1]
    services = [h for h in history if h.action == "signification" and h.date >= order.date]
    service = services[0] if services else None
    dep = dossier.debiteur.adresse.insee[:2] if dossier.debiteur.adresse.insee else \
        departement_of_postcode(dossier.debiteur.adresse.code_postal)
    zone = zone_of_departement(dep)
    regime, milestones = injonction_milestones(order.date, service.date if service else None, zone,
                                               served_to_person=service.a_personne is not False if service else True)
    return {
        "reference": dossier.reference,
        "ordonnance": order.date.isoformat(),
        "signification": service.date.isoformat() if service else None,
        "zone": zone,
        "regime": regime,
        "echeances": [{"cle": ms.key, "libelle": ms.label, "date": ms.date.isoformat() if ms.date else None,
                       "fondement": ms.basis, "note": ms.note} for ms in milestones],
    }


def init_dossier(target: Path) -> Path:
    """Write a complete, commented example dossier into ``target`` (which must not hold one)."""
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
        shutil.copytree(src, staging, ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    target.mkdir(parents=True, exist_ok=True)
    for item in staging.iterdir():
        item.rename(target / item.name)
    staging.rmdir()
    return target / "dossier.yaml"
