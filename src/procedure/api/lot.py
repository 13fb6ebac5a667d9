"""Volume work (SPEC §5.4): one action over many dossiers, in a pool of processes.

The unit of work is ``(dossier, action, date, options)``: a plain, picklable value, so that it can
run in a forked worker here and, later, be spread over machines by a job queue without change. It
is idempotent: a document the dossier's journal already records for the same date is reported as
done, not produced twice (and not an error).

Heavy libraries (WeasyPrint, docxtpl) are imported once in the parent before the workers are
forked, so each worker starts warm.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from procedure.droit.agenda import INJONCTION, STEPS
from procedure.erreurs import InputError, ProcedureError

ACTIONS = ("verifier", "decompte", "relance", "avertissement", "mise-en-demeure", "injonction", "pieces",
           "commissaire", "suivant")
LETTER_ACTIONS = tuple(str(step) for step in STEPS)  # the letters of the ladder, from the one vocabulary
YAML_FILE = "dossier.yaml"
MAX_DEPTH = 4  # folders below a root searched for dossiers
SKIPPED_FOLDERS = {"sortie", "pieces", "modeles", ".git", "__pycache__"}


@dataclass(frozen=True)
class Job:
    """One unit of work: run ``action`` on ``dossier`` at ``when``."""

    dossier: str
    action: str
    when: date
    formats: tuple[str, ...] = ()
    out_dir: str = ""


@dataclass
class Outcome:
    dossier: str
    reference: str = ""
    status: str = "fait"  # fait | deja-fait | rien | erreur | erreur-interne
    message: str = ""
    paths: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status.startswith("erreur")


def find_dossiers(roots: list[Path]) -> list[Path]:
    """Each root is a dossier, or a folder holding dossiers (searched a few levels down)."""
    found: list[Path] = []
    for root in roots:
        root = Path(root)
        if root.is_file() and root.suffix in (".yaml", ".yml"):
            found.append(root.parent)
        elif (root / YAML_FILE).is_file():
            found.append(root)
        elif root.is_dir():
            found.extend(_walk(root, MAX_DEPTH))
        else:
            raise InputError(f"{root} : ni un dossier ni un répertoire de dossiers")
    seen, out = set(), []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _walk(folder: Path, depth: int) -> Iterator[Path]:
    try:
        children = sorted(p for p in folder.iterdir() if p.is_dir() and p.name not in SKIPPED_FOLDERS
                          and not p.name.startswith("."))
    except OSError:
        return
    for child in children:
        if (child / YAML_FILE).is_file():
            yield child
        elif depth > 1:
            yield from _walk(child, depth - 1)


def already_done(folder: Path, document: str, when: date) -> list[str]:
    """The files the journal records for ``document`` at ``when`` (the job already ran)."""
    from procedure.sortie import journal

    return [f.path for e in journal.read(folder) if e.document == document and e.date == when for f in e.fichiers]


def run(job: Job) -> Outcome:
    """Run one job; never raises (a worker reports, the parent decides the exit status)."""
    outcome = Outcome(job.dossier)
    try:
        _run(job, outcome)
    except ProcedureError as exc:
        outcome.status = "erreur" if isinstance(exc, InputError) else "erreur-interne"
        outcome.message = str(exc)
    except Exception as exc:  # a worker must report, not die: the parent prints it as internal
        outcome.status = "erreur-interne"
        outcome.message = f"{type(exc).__name__}: {exc}"
    return outcome


def _run(job: Job, outcome: Outcome) -> None:
    from procedure.api.commun import default_output_dir
    from procedure.api.dossier import load

    d = load(job.dossier)
    outcome.reference = d.reference
    out_dir = Path(job.out_dir) if job.out_dir else default_output_dir(d)
    action = job.action
    if action == "verifier":
        from procedure.api.dossier import verify

        findings = verify(d, job.when)
        outcome.warnings = [f"{f.level} : {f.message}" for f in findings]
        outcome.message = "valide"
        return
    if action == "suivant":
        action = _next_letter(d, job.when, outcome)
        if action is None:
            return
    document = {"injonction": "requete-injonction", "commissaire": "remise-commissaire"}.get(action, action)
    done = already_done(d.folder, document, job.when)
    if done:
        outcome.status, outcome.paths = "deja-fait", done
        outcome.message = f"{document} du {job.when.isoformat()} déjà au journal"
        return
    produced = _produce(action, d, job, out_dir)
    outcome.paths = [str(p) for p in produced.paths]
    outcome.warnings = list(produced.warnings)
    outcome.message = action


def _produce(action: str, d, job: Job, out_dir: Path):
    formats = job.formats
    if action in LETTER_ACTIONS or action == "decompte":
        from procedure.api.lettres import produce

        return produce(action, d, job.when, formats or (("pdf", "docx") if action != "decompte" else ("pdf",)),
                       out_dir)
    if action == "injonction":
        from procedure.api.injonction import produce

        return produce(d, job.when, formats or ("pdf", "docx"), out_dir)
    if action == "pieces":
        from procedure.api.pieces import produce

        return produce(d, job.when, formats or ("pdf", "docx"), out_dir)
    if action == "commissaire":
        from procedure.api import commissaire

        return commissaire.produce(d, job.when, out_dir)
    raise InputError(f"action inconnue « {action} » (permises : {', '.join(ACTIONS)})")


def _next_letter(d, when: date, outcome: Outcome) -> str | None:
    """The letter the dossier's policy calls for at ``when``, or None (said in the outcome)."""
    from procedure import etat
    from procedure.droit.agenda import next_steps
    from procedure.droit.decompte import compute
    from procedure.lecture import politique

    state = etat.at(d, when)
    result = compute(state, when)
    steps = next_steps(state, result, when, politique.load(d.folder))
    ladder = [s for s in steps if s.action in (*LETTER_ACTIONS, INJONCTION)]
    if not ladder:
        outcome.status, outcome.message = "rien", "aucune lettre à envoyer (rien n'est dû ou la procédure est engagée)"
        return None
    step = ladder[0]
    if step.date > when:
        outcome.status, outcome.message = "rien", f"prochaine étape : {step.action} le {step.date.isoformat()}"
        return None
    if step.action not in LETTER_ACTIONS:
        if step.action == INJONCTION:  # the requête is due: a contested invoice is refused as by injonction
            from procedure.droit import statuts
            from procedure.modele.actions import Action

            statuts.check_filing(state, result, Action.REQUETE)
        outcome.status, outcome.message = "rien", f"à faire : {step.motif}"
        return None
    return step.action


def preload() -> None:
    """Import the renderers once, before forking, so that every worker starts warm."""
    import docxtpl  # noqa: F401

    from procedure.rendu.pdf import import_weasyprint

    import_weasyprint()


def run_all(jobs: list[Job], workers: int, progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Run the jobs on ``workers`` processes (forked after the imports), in the jobs' order."""
    outcomes: list[Outcome | None] = [None] * len(jobs)
    if workers <= 1 or len(jobs) <= 1:
        for i, job in enumerate(jobs):
            outcomes[i] = run(job)
            if progress:
                progress(outcomes[i])
        return outcomes  # type: ignore[return-value]
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    if any(j.action != "verifier" for j in jobs):  # every other action renders (a décompte too: PDF by default)
        preload()
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    gc.freeze()  # the imported modules: never scanned again by the workers' collections (nor copied on write)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker) as pool:
            futures = {pool.submit(run, job): i for i, job in enumerate(jobs)}
            for future in as_completed(futures):
                i = futures[future]
                outcomes[i] = future.result()
                if progress:
                    progress(outcomes[i])
    finally:
        gc.unfreeze()
    return outcomes  # type: ignore[return-value]


def _start_worker() -> None:
    """A worker collects cyclic garbage less often: a letter allocates some hundred thousand
    objects, most of them living as long as the letter, which the default thresholds (700) scan
    again a dozen times per letter (a twentieth of its time)."""
    import gc

    gc.set_threshold(10_000, 10, 10)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
