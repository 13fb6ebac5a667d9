"""Commands on many dossiers at once: importer."""

from __future__ import annotations

from pathlib import Path

import click

from procedure.cli.options import ChoiceFr, IntRange, command, option
from procedure.lecture import IMPORT_FORMATS  # the importer itself is imported when the command runs


@command()
@click.argument("sources", metavar="SOURCE...", nargs=-1, required=True, type=click.Path(path_type=Path))
@option("--vers", "racine", required=True, type=click.Path(path_type=Path), metavar="RACINE",
        help="Répertoire des dossiers : un sous-répertoire par débiteur (créé au besoin).")
@option("--format", "fmt", type=ChoiceFr(*IMPORT_FORMATS), default="auto", show_default=True,
        help="Format des sources ; auto : d'après l'extension et le contenu.")
@option("--creancier", type=click.Path(path_type=Path), metavar="FICHIER",
        help="YAML avec votre bloc « creancier: » (celui d'un dossier) ; obligatoire pour un FEC ou un tableau, "
             "sinon le vendeur des factures électroniques.")
@option("--colonnes", type=click.Path(path_type=Path), metavar="FICHIER",
        help="YAML des colonnes d'un tableau, ex. {numero: \"N° facture\", montant_ttc: \"Total TTC\"} ; "
             "par défaut, les en-têtes usuels.")
@option("--delai-paiement", "delai", type=IntRange(0, 365), metavar="JOURS",
        help="Échéance supposée quand la source n'en donne pas : date + JOURS (30 par défaut pour un FEC et une "
             "facture électronique ; un tableau sans échéance l'exige).")
def importer(sources: tuple[Path, ...], racine: Path, fmt: str, creancier: Path | None, colonnes: Path | None,
             delai: int | None) -> None:
    """Créer un dossier par débiteur à partir de factures.

    Sources : factures Factur-X / ZUGFeRD (PDF, joint au dossier comme pièce),
    XML CII ou UBL, FEC (comptes clients 411, lignes non lettrées), CSV ou XLSX
    (balance âgée). Un répertoire donne tous ses fichiers. Un dossier existant
    (même créancier, même débiteur) reçoit les nouvelles factures, sans que rien de
    ce que vous avez écrit ne change ; une facture déjà présente (même numéro) est
    ignorée : relancer l'import ne change rien. Avoirs, factures en devise, montants
    négatifs ou nuls sont signalés, jamais réclamés. Une créance ancienne est
    importée : « procedure verifier » signale sa prescription.

    Exemple : procedure importer factures/*.pdf --vers dossiers

    Exemple : procedure importer 123456789FEC20251231.txt --vers dossiers --creancier moi.yaml
    """
    from procedure.api import importer as api
    from procedure.api.importer_ecriture import summary
    from procedure.texte_fr import plural

    report = api.import_sources(list(sources), racine, fmt, creancier, colonnes, delai)
    for d in report.dossiers:
        verb = "Créé" if d.created else "Complété"
        click.echo(f"{verb} : {d.folder} ({d.reference}) : {plural(len(d.invoices), 'facture')}"
                   + (f", {plural(d.payments, 'paiement')}" if d.payments else ""))
        for numero, text in d.invoices:
            click.echo(f"  + {numero} {text}")
    for s in report.skipped:
        click.echo(f"Ignoré : {s.source.name} : {s.what} : {s.reason}")
    for note in report.notes:
        click.echo(f"Remarque : {note}")
    click.echo(summary(len(report.created), len(report.completed), sum(len(d.invoices) for d in report.dossiers),
                       len(report.skipped)))


COMMANDS = (importer,)
