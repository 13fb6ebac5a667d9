"""Commands over many dossiers: lot (one action, a pool of processes) and agenda."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from procedure.cli.options import DATE, ChoiceFr, FormatList, IntRange, command, option, today


@command()
@click.argument("action", metavar="ACTION")
@click.argument("dossiers", metavar="DOSSIER...", nargs=-1, required=True, type=click.Path(path_type=Path))
@option("--date", "when", type=DATE, help="Date des documents et des décomptes (défaut : aujourd'hui).")
@option("--format", "fmt", type=FormatList("pdf", "docx", "eml"), help="Formats à produire (défaut : ceux de l'action).")
@option("--sortie", type=click.Path(path_type=Path), metavar="RÉPERTOIRE",
        help="Répertoire commun des documents (défaut : DOSSIER/sortie de chaque dossier).")
@option("--jobs", type=IntRange(1, 64), metavar="N", help="Processus en parallèle (défaut : nombre de cœurs).")
def lot(action: str, dossiers: tuple[Path, ...], when: date | None, fmt, sortie: Path | None, jobs: int | None) -> None:
    """Appliquer une action à plusieurs dossiers à la fois.

    ACTION : verifier, decompte, relance, avertissement, mise-en-demeure,
    injonction, pieces, commissaire, ou suivant (la lettre que la politique du
    cabinet appelle à la date : relance à J+7, avertissement à J+15, mise en
    demeure à J+30 par défaut, voir politique.yaml). Chaque DOSSIER est un dossier
    ou un répertoire qui en contient. Un dossier invalide est signalé et sauté ;
    les autres sont traités (code de sortie 2 s'il y en a eu). Un document déjà
    inscrit au journal à la même date n'est pas refait.

    Exemple : procedure lot suivant mes-dossiers --date 2026-06-30
    """
    from procedure.api.lot import ACTIONS, Job, default_workers, find_dossiers, run_all
    from procedure.erreurs import InputError
    from procedure.texte_fr import plural

    if action not in ACTIONS:
        raise InputError(f"action inconnue « {action} » (permises : {', '.join(ACTIONS)})")
    folders = find_dossiers(list(dossiers))
    if not folders:
        raise InputError("aucun dossier (aucun fichier dossier.yaml) sous : " + ", ".join(map(str, dossiers)))
    when = when or today()
    jobs_list = [Job(str(f), action, when, tuple(fmt or ()), str(sortie or "")) for f in folders]
    labels = {"fait": "fait", "deja-fait": "déjà fait", "rien": "rien à faire", "erreur": "ERREUR",
              "erreur-interne": "ERREUR INTERNE"}
    with click.progressbar(length=len(jobs_list), label=f"{action} ({plural(len(jobs_list), 'dossier')})", file=sys.stderr,
                           show_pos=True) as bar:
        outcomes = run_all(jobs_list, jobs or default_workers(), lambda o: bar.update(1))
    for o in outcomes:
        head = f"{o.reference or Path(o.dossier).name} : {labels[o.status]}"
        click.echo(f"{head} — {o.message}" if o.message else head)
        for p in o.paths:
            click.echo(f"  {p}")
        for w in o.warnings:  # verifier's findings carry their level already
            click.echo(f"  {w}" if w.startswith(("avertissement :", "information :")) else f"  avertissement : {w}")
    counts = {k: sum(1 for o in outcomes if o.status == k) for k in labels}
    click.echo("Bilan : " + ", ".join(f"{labels[k]} {n}" for k, n in counts.items() if n))
    if any(o.failed for o in outcomes):
        sys.exit(2 if all(o.status != "erreur-interne" for o in outcomes) else 1)


@command()
@click.argument("racines", metavar="RACINE...", nargs=-1, required=True, type=click.Path(path_type=Path))
@option("--au", type=DATE, help="Date de départ (défaut : aujourd'hui).")
@option("--horizon", type=IntRange(0, 3650), default=30, show_default=True, metavar="JOURS",
        help="Nombre de jours couverts après la date.")
@option("--format", "fmt", type=ChoiceFr("texte", "json", "ics"), default="texte", show_default=True,
        help="texte, json, ou ics (iCalendar : une tâche par échéance, mise à jour d'un import à l'autre).")
def agenda(racines: tuple[Path, ...], au: date | None, horizon: int, fmt: str) -> None:
    """Ce qui est à faire dans tous les dossiers, de la date à l'horizon.

    La prochaine lettre de chaque dossier selon la politique du cabinet (y compris
    celles en retard), la requête, et les délais légaux : fin du délai de la mise
    en demeure, signifier l'ordonnance avant, fin de l'opposition, exécution à
    partir du, prescription (six mois à l'avance).

    Exemple : procedure agenda mes-dossiers --au 2026-06-30 --format ics > agenda.ics
    """
    import json

    from procedure.api.agenda import collect
    from procedure.texte_fr import date_fr

    when = au or today()
    items, problems = collect(list(racines), when, horizon)
    if fmt == "json":
        click.echo(json.dumps([i.to_dict() for i in items], ensure_ascii=False, indent=2))
    elif fmt == "ics":
        from procedure.api.agenda import calendar

        click.echo(calendar(items, when).decode("utf-8"), nl=False)
    else:
        if not items:
            click.echo("Rien à faire d'ici là.")
        for i in items:
            late = " (en retard)" if i.date < when else ""
            click.echo(f"{date_fr(i.date)}{late} — {i.reference} — {i.motif}" + (f" ({i.fondement})" if i.fondement else ""))
    for p in problems:
        click.echo(f"avertissement : dossier sauté : {p}", err=True)
    if problems:
        sys.exit(2)


COMMANDS = (lot, agenda)
