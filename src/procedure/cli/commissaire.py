"""Commands for the commissaire de justice: the packet (``commissaire``), its check and its debtor on the
office's side (``paquet``), and the procédure simplifiée des petites créances (``petites-creances``)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from procedure.cli.options import (DATE, ChoiceFr, Group, IntRange, command, dispute_option, document_options,
                                   dossier_argument, option, output_options, report, today, warn)


@command()
@dossier_argument
@option("--date", "when", type=DATE, help="Date de la remise (défaut : aujourd'hui) ; le décompte est arrêté à cette date.")
@output_options
def commissaire(dossier, when, sortie, remplacer, modeles) -> None:
    """Produire le paquet de remise au commissaire de justice (un fichier ZIP).

    Le ZIP contient manifest.json (format procedure-remise/1), la fiche de
    transmission à signer (PDF et DOCX : instructions, mandat d'encaisser,
    fiche du débiteur, historique, décompte à la date), le décompte (PDF et
    JSON), le titre si l'ordonnance et sa copie sont notées au journal, la
    requête et le bordereau produits, chaque pièce dans son propre PDF
    (P<k>-<titre>.pdf) et le recueil à imprimer. Sans ordonnance, le mandat est
    un mandat de recouvrement amiable. Le paquet est inscrit au journal.

    Exemple : procedure commissaire samples/particulier --date 2026-06-30
    """
    from procedure.api.commissaire import produce
    from procedure.api.commun import default_output_dir
    from procedure.api.dossier import load

    d = load(dossier)
    report(produce(d, when or today(), sortie or default_output_dir(d), remplacer, modeles))


@click.group(cls=Group)
def paquet() -> None:
    """Contrôler un paquet de remise reçu par l'étude, en lire le débiteur.

    Exemple : procedure paquet verifier 2026-06-30_DOS-2026-003_remise-commissaire.zip
    """


@paquet.command()
@click.argument("archive", metavar="ZIP", type=click.Path(path_type=Path))
@option("--format", "fmt", type=ChoiceFr("texte", "json"), default="texte", show_default=True, help="texte ou json.")
def verifier(archive: Path, fmt: str) -> None:
    """Vérifier chaque fichier du paquet contre son manifeste.

    Noms, tailles, empreintes SHA-256, PDF lisibles et nombre de pages.
    Code de sortie 0 si tout concorde, 2 sinon, en nommant chaque fichier
    différent, manquant ou en trop.

    Exemple : procedure paquet verifier 2026-06-30_DOS-2026-003_remise-commissaire.zip --format json
    """
    from procedure.api.paquet import check
    from procedure.texte_fr import plural
    from procedure.erreurs import InputError

    result = check(archive)
    if fmt == "json":
        click.echo(json.dumps(result.to_data(), ensure_ascii=False, indent=2))
    else:
        m = result.manifest
        click.echo(f"Paquet {m.get('reference')} du {m.get('date')} ({m.get('format')}) : "
                   f"{plural(len(m['fichiers']), 'fichier')} au manifeste")
        for c in result.checks:
            click.echo(f"{c.shown:<10} {c.nom}" + (f" : {c.detail}" if c.detail else ""))
    if not result.valid:
        names = ", ".join(f"{c.nom} ({c.shown})" for c in result.problems)
        n = len(result.problems)
        raise InputError(f"{archive} : {plural(n, 'fichier')} {'ne concorde' if n == 1 else 'ne concordent'} pas "
                         f"avec le manifeste : {names}")


@paquet.command()
@click.argument("archive", metavar="ZIP", type=click.Path(path_type=Path))
@option("--format", "fmt", type=ChoiceFr("csv", "json"), default="csv", show_default=True, help="csv ou json.")
def debiteur(archive: Path, fmt: str) -> None:
    """Afficher l'identité du débiteur, pour le logiciel de l'étude.

    CSV (séparateur « ; », une ligne d'en-tête) ou JSON : référence, nom,
    prénom, forme, SIREN, RCS, représentant, adresse, naissance, courriel,
    téléphone, IBAN connu.

    Exemple : procedure paquet debiteur 2026-06-30_DOS-2026-003_remise-commissaire.zip --format json
    """
    from procedure.api.paquet import debtor

    text, result = debtor(archive, fmt)
    if not result.valid:
        warn(f"{archive} : le paquet ne concorde pas avec son manifeste (procedure paquet verifier)")
    click.echo(text, nl=False)


@command(name="petites-creances")
@document_options(("pdf", "docx"), "pdf,docx", "Date de la demande")
@option("--echeancier", type=IntRange(1, 36), metavar="N",
        help="Mensualités que le créancier accepterait (de 1 à 36) ; la dernière absorbe les centimes.")
@dispute_option
def petites_creances(dossier, when, fmt, sortie, remplacer, modeles, echeancier, litige_examine) -> None:
    """Demander à un commissaire de justice la procédure simplifiée des petites créances.

    Vérifie l'éligibilité à la date (principal et intérêts au plus 5 000 € depuis
    2020, CPCE R125-1 ; créance contractuelle ; ni acheteur public ni procédure
    collective ; pas de facture en litige sauf --litige-examine), nomme la cour d'appel du domicile du débiteur, détaille la
    créance et son décompte, l'échéancier accepté et le mandat. Inscrite au
    journal : « etat » montre ensuite la fin du délai d'un mois.

    Exemple : procedure petites-creances samples/particulier --date 2026-02-01 --echeancier 3
    """
    from procedure.api.commun import default_output_dir
    from procedure.api.dossier import load
    from procedure.api.petites_creances import produce

    d = load(dossier)
    report(produce(d, when or today(), fmt, sortie or default_output_dir(d), remplacer, modeles, echeancier,
                   litige_examine))


COMMANDS = (commissaire, paquet, petites_creances)
