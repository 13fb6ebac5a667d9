"""Tools that need no dossier: amounts in words, procedural time limits, the templates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from procedure.cli.options import DATE, ChoiceFr, Group, command, option, say, warn
from procedure.droit.jours_feries import ZONES


@command()
@click.argument("montant", metavar="MONTANT")
@option("--orthographe", type=ChoiceFr("traditionnelle", "1990"), default="traditionnelle", show_default=True,
        help="Orthographe traditionnelle ou rectifiée de 1990 (traits d'union partout).")
def montant(montant: str, orthographe: str) -> None:
    """Écrire un montant en euros en toutes lettres.

    Exemple : procedure montant 1234.56
    → mille deux cent trente-quatre euros et cinquante-six centimes
    """
    from procedure.argent import AmountSyntaxError, parse_amount
    from procedure.droit.en_lettres import AmountRangeError, amount_in_words
    from procedure.erreurs import InputError

    try:
        value = parse_amount(montant)
        say(amount_in_words(value, orthographe))
    except (AmountSyntaxError, AmountRangeError) as exc:
        raise InputError(f"montant « {montant} » : {exc}") from None


@command()
@click.argument("date_depart", metavar="DATE", type=DATE)
@click.argument("duree", metavar="DUREE")
@option("--zone", type=ChoiceFr(*ZONES), default="metropole", show_default=True, metavar="ZONE",
        help="Jours fériés : " + ", ".join(ZONES) + ". Alsace-Moselle : Vendredi saint et 26 décembre en plus ; "
             "outre-mer : la commémoration de l'abolition de l'esclavage (C. trav., art. L3422-2).")
@option("--detail", is_flag=True, help="Expliquer le report (samedi, dimanche, jour férié).")
def delai(date_depart: date, duree: str, zone: str, detail: bool) -> None:
    """Calculer la fin d'un délai de procédure (CPC 640 à 642).

    Le jour de départ ne compte pas ; un délai en mois finit le même quantième (ou
    le dernier jour du mois) ; un délai qui finit un samedi, un dimanche ou un jour
    férié est prorogé au premier jour ouvrable suivant. Affiche AAAA-MM-JJ.

    Exemple : procedure delai 2026-05-19 "8 jours" --zone guadeloupe --detail
    """
    from procedure.droit.delais import DurationError, explain, parse_duration
    from procedure.erreurs import InputError

    try:
        n, unit = parse_duration(duree)
    except DurationError as exc:
        raise InputError(f"DUREE {exc}") from None
    result = explain(date_depart, n, unit, zone)
    say(result.end.isoformat())
    if detail:
        say(f"fin théorique : {result.raw.isoformat()}")
        for note in result.postponed:
            say(f"prorogé : {note}")
    if result.doubt:
        warn(result.doubt)


@click.group(cls=Group)
def modeles() -> None:
    """Gérer les modèles de documents (DOCX et HTML/CSS).

    Exemple : procedure modeles exporter mes-modeles
    """


@modeles.command()
@click.argument("repertoire", metavar="RÉPERTOIRE", type=click.Path(path_type=Path))
def exporter(repertoire: Path) -> None:
    """Copier les modèles livrés dans un répertoire, pour les modifier.

    Utilisez-les ensuite avec --modeles RÉPERTOIRE, ou la clé « modeles » du dossier.

    Exemple : procedure modeles exporter mes-modeles
    """
    from procedure.api.modeles import export

    for path in export(repertoire):
        say(str(path))


COMMANDS = (montant, delai, modeles)
