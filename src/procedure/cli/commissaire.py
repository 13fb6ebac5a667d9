"""Commands for the commissaire de justice: the procédure simplifiée des petites créances (``petites-creances``)."""

from __future__ import annotations

import click

from procedure.cli.options import command, document_options, option, report, today


@command(name="petites-creances")
@document_options(("pdf", "docx"), "pdf,docx", "Date de la demande")
@option("--echeancier", type=click.IntRange(1, 36), metavar="N",
        help="Mensualités que le créancier accepterait (de 1 à 36) ; la dernière absorbe les centimes.")
def petites_creances(dossier, when, fmt, sortie, remplacer, modeles, echeancier) -> None:
    """Demander à un commissaire de justice la procédure simplifiée des petites créances.

    Vérifie l'éligibilité à la date (principal et intérêts au plus 5 000 € depuis
    2020, CPCE R125-1 ; créance contractuelle ; ni acheteur public ni procédure
    collective), nomme la cour d'appel du domicile du débiteur, détaille la
    créance et son décompte, l'échéancier accepté et le mandat. Inscrite au
    journal : « etat » montre ensuite la fin du délai d'un mois.

    Exemple : procedure petites-creances samples/particulier --date 2026-02-01 --echeancier 3
    """
    from procedure.api.commun import default_output_dir
    from procedure.api.dossier import load
    from procedure.api.petites_creances import produce

    d = load(dossier)
    report(produce(d, when or today(), fmt, sortie or default_output_dir(d), remplacer, modeles, echeancier))


COMMANDS = (petites_creances,)
