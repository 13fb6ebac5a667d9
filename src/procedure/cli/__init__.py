"""The ``procedure`` command: parse, call :mod:`procedure.api`, print, map errors to exit codes.

Exit status: 0 done; 2 bad input (French message naming file and field, nothing written);
1 internal error. Click's own messages are English, so usage errors are translated here.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from procedure import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _FrenchHelp:
    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Utilisation : ")

    def get_help_option(self, ctx):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = "Afficher cette aide et quitter."
        return opt


class Command(_FrenchHelp, click.Command):
    pass


class Group(_FrenchHelp, click.Group):
    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", "COMMANDE [ARGUMENTS]...")
        super().__init__(*args, **kwargs)

    def format_commands(self, ctx, formatter):
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=70)))
        if rows:
            with formatter.section("Commandes"):
                formatter.write_dl(rows)


class DateType(click.ParamType):
    name = "AAAA-MM-JJ"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        from procedure.lecture.schema import parse_iso_date

        try:
            return parse_iso_date(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class ChoiceFr(click.ParamType):
    def __init__(self, *choices: str):
        self.choices = choices
        self.name = "|".join(choices)

    def convert(self, value, param, ctx):
        if value in self.choices:
            return value
        self.fail(f"« {value} » n'est pas permis ; choisir parmi : {', '.join(self.choices)}", param, ctx)


class FormatList(click.ParamType):
    """A comma-separated list of formats, e.g. ``pdf,docx``."""

    def __init__(self, *choices: str):
        self.choices = choices
        self.name = ",".join(choices)

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        items = tuple(v.strip() for v in value.split(",") if v.strip())
        bad = [v for v in items if v not in self.choices]
        if bad or not items:
            self.fail(f"« {value} » : formats permis : {', '.join(self.choices)}", param, ctx)
        return items


DATE = DateType()


def _today() -> date:
    forced = os.environ.get("PROCEDURE_AUJOURDHUI")  # for reproducible demos and tests
    return date.fromisoformat(forced) if forced else date.today()


def _warn(message: str) -> None:
    click.echo(f"avertissement : {message}", err=True)


def _report(produced) -> None:
    for w in produced.warnings:
        _warn(w)
    for path in produced.paths:
        click.echo(str(path))


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="procedure", message="%(prog)s %(version)s",
                      help="Afficher la version et quitter.")
def cli() -> None:
    """Dossiers de recouvrement de créances en droit français.

    Lit un dossier (un répertoire avec dossier.yaml et les pièces), calcule le
    décompte (principal, intérêts de retard par semestre, indemnité de 40 €,
    paiements partiels) et produit les documents de la procédure.

    Exemple : procedure decompte samples/commercant --au 2025-06-30

    Cet outil ne remplace pas le conseil d'un avocat.
    """


@cli.command()
@click.argument("montant")
@click.option("--orthographe", type=ChoiceFr("traditionnelle", "1990"), default="traditionnelle",
              show_default=True, help="Orthographe traditionnelle ou rectifiée de 1990 (traits d'union partout).")
def montant(montant: str, orthographe: str) -> None:
    """Écrire un montant en euros en toutes lettres.

    Exemple : procedure montant 1234.56
    → mille deux cent trente-quatre euros et cinquante-six centimes
    """
    from procedure.erreurs import InputError
    from procedure.droit.en_lettres import AmountRangeError, amount_in_words
    from procedure.argent import AmountSyntaxError, parse_amount

    try:
        value = parse_amount(montant)
        click.echo(amount_in_words(value, orthographe))
    except (AmountSyntaxError, AmountRangeError) as exc:
        raise InputError(f"montant « {montant} » : {exc}") from None


@cli.command()
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option("--au", type=DATE, help="Date d'appréciation (défaut : aujourd'hui).")
def verifier(dossier: Path, au: date | None) -> None:
    """Valider un dossier et signaler ce qui mérite attention.

    Signale notamment : prescription acquise ou proche, délai de paiement au-delà
    du maximum légal, taux contractuel sous son plancher, débiteur en procédure
    collective, taux non vérifiés, SIREN ou IBAN invalide, pièce manquante.

    Exemple : procedure verifier samples/commercant
    """
    from procedure import api

    d = api.load_dossier(dossier)
    findings = api.verify(d, au or _today())
    click.echo(f"{d.source} : dossier {d.reference} valide ({len(d.factures)} facture(s), "
               f"{len(d.paiements)} paiement(s)).")
    for f in findings:
        click.echo(f"{f.level} : {f.message}")
    if not findings:
        click.echo("Rien à signaler.")


@cli.command()
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option("--au", type=DATE, help="Date du décompte (défaut : aujourd'hui).")
@click.option("--format", "fmt", type=ChoiceFr("json", "csv", "pdf", "docx"), default="json", show_default=True,
              help="json (sur la sortie standard), csv, pdf ou docx (fichiers dans --sortie).")
@click.option("--sortie", type=click.Path(path_type=Path), help="Répertoire des fichiers (défaut : DOSSIER/sortie).")
@click.option("--remplacer", is_flag=True, help="Écraser un fichier déjà produit.")
@click.option("--modeles", type=click.Path(path_type=Path), help="Répertoire de modèles personnalisés.")
def decompte(dossier: Path, au: date | None, fmt: str, sortie: Path | None, remplacer: bool,
             modeles: Path | None) -> None:
    """Calculer le décompte de la créance à une date.

    Intérêts de retard par période (taux et fondement), indemnités forfaitaires,
    paiements partiels imputés (C. civ. 1342-10 et 1343-1), total dû.

    Exemple : procedure decompte samples/commercant --au 2025-06-30 --format json
    """
    from procedure import api

    d = api.load_dossier(dossier)
    when = au or _today()
    out_dir = sortie or api.default_output_dir(d)
    if fmt in ("pdf", "docx"):
        _report(api.produce_document("decompte", d, when, (fmt,), out_dir, remplacer, modeles))
        return
    result = api.compute_decompte(d, when)
    for w in result.warnings:
        _warn(w)
    if fmt == "json" and sortie is None:
        click.echo(api.decompte_json(result), nl=False)
        return
    for path in api.write_decompte_data(d, result, fmt, out_dir, remplacer):
        click.echo(str(path))


def _letter_command(kind: str, doc: str, formats: tuple[str, ...]):
    @click.argument("dossier", type=click.Path(path_type=Path))
    @click.option("--date", "when", type=DATE, help="Date de la lettre (défaut : aujourd'hui) ; le décompte est "
                                                    "arrêté à cette date.")
    @click.option("--format", "fmt", type=FormatList(*formats), default="pdf,docx", show_default=True,
                  help="Formats à produire, séparés par des virgules.")
    @click.option("--sortie", type=click.Path(path_type=Path), help="Répertoire des documents (défaut : DOSSIER/sortie).")
    @click.option("--delai", type=click.IntRange(1, 90), help="Délai de paiement laissé, en jours (défaut : 8).")
    @click.option("--remplacer", is_flag=True, help="Écraser un document déjà produit.")
    @click.option("--modeles", type=click.Path(path_type=Path), help="Répertoire de modèles personnalisés.")
    def command(dossier, when, fmt, sortie, delai, remplacer, modeles):
        from procedure import api

        d = api.load_dossier(dossier)
        _report(api.produce_document(kind, d, when or _today(), fmt, sortie or api.default_output_dir(d),
                                     remplacer, modeles, delai))

    command.__doc__ = doc
    return cli.command(name=kind, help=doc)(command)


_letter_command("relance", """Produire la lettre de relance amiable.

    Rappel courtois : factures échues, montants, délai de paiement (8 jours par
    défaut), modalités de règlement. Format eml : courriel prêt à envoyer, PDF joint.

    Exemple : procedure relance samples/commercant --date 2025-04-10 --format pdf,docx,eml
    """, ("pdf", "docx", "eml"))
_letter_command("avertissement", """Produire la lettre d'avertissement (second rappel).

    Plus ferme : rappelle les relances déjà faites (historique et journal), énonce
    les pénalités de retard et l'indemnité de 40 € (débiteur professionnel) et
    annonce la mise en demeure.

    Exemple : procedure avertissement samples/commercant --date 2025-06-05
    """, ("pdf", "docx", "eml"))
_letter_command("mise-en-demeure", """Produire la mise en demeure (lettre recommandée avec AR).

    Fondement (C. civ. 1344, 1231-6, 1344-1 ; C. com. L441-10 et D441-5), décompte
    complet à la date de la lettre, total en chiffres et en lettres, délai (8 jours
    par défaut) et procédure qui suivra (injonction de payer).

    Exemple : procedure mise-en-demeure samples/commercant --date 2025-07-15
    """, ("pdf", "docx"))


def _court_options(f):
    for deco in reversed([
        click.argument("dossier", type=click.Path(path_type=Path)),
        click.option("--date", "when", type=DATE, help="Date de la requête (défaut : aujourd'hui) ; le décompte est "
                                                      "arrêté à cette date."),
        click.option("--format", "fmt", type=FormatList("pdf", "docx"), default="pdf,docx", show_default=True,
                     help="Formats de la requête et du bordereau (le recueil des pièces est toujours un PDF)."),
        click.option("--sortie", type=click.Path(path_type=Path), help="Répertoire des documents (défaut : DOSSIER/sortie)."),
        click.option("--remplacer", is_flag=True, help="Écraser des documents déjà produits."),
        click.option("--modeles", type=click.Path(path_type=Path), help="Répertoire de modèles personnalisés."),
    ]):
        f = deco(f)
    return f


@cli.command()
@_court_options
@click.option("--renvoi-1408", "renvoi", is_flag=True,
              help="Demander qu'en cas d'opposition l'affaire soit renvoyée devant la juridiction (CPC 1408).")
def injonction(dossier, when, fmt, sortie, remplacer, modeles, renvoi) -> None:
    """Produire la requête en injonction de payer, son bordereau et le recueil des pièces.

    La requête (CPC 1407, contenu des Cerfa 12948*06 ou 12946*02) est adressée à la
    juridiction compétente (voir « procedure juridiction ») ; elle est refusée contre
    un débiteur en procédure collective, pour une créance prescrite ou quand rien
    n'est dû. Le recueil réunit la couverture, le bordereau et chaque pièce,
    tamponnée « Pièce n° k — page i/n », avec signets.

    Exemple : procedure injonction samples/commercant --date 2026-06-30
    """
    from procedure import api

    d = api.load_dossier(dossier)
    _report(api.produce_court_file(d, when or _today(), fmt, sortie or api.default_output_dir(d), remplacer,
                                   modeles, True, renvoi))


@cli.command()
@_court_options
def pieces(dossier, when, fmt, sortie, remplacer, modeles) -> None:
    """Produire le bordereau et le recueil des pièces, seuls.

    Ordre : contrat ou bon de commande, CGV, factures, preuves de livraison,
    relances, mise en demeure et son accusé de réception, autres pièces. Une pièce
    manquante, illisible, protégée par mot de passe ou endommagée arrête tout.

    Exemple : procedure pieces samples/commercant
    """
    from procedure import api

    d = api.load_dossier(dossier)
    _report(api.produce_court_file(d, when or _today(), fmt, sortie or api.default_output_dir(d), remplacer,
                                   modeles, False))


@cli.command()
@click.argument("date_depart", metavar="DATE", type=DATE)
@click.argument("duree", metavar="DUREE")
@click.option("--zone", type=ChoiceFr("metropole", "alsace-moselle"), default="metropole", show_default=True,
              help="Jours fériés : métropole, ou Alsace-Moselle (Vendredi saint et 26 décembre en plus).")
@click.option("--detail", is_flag=True, help="Expliquer le report (samedi, dimanche, jour férié).")
def delai(date_depart: date, duree: str, zone: str, detail: bool) -> None:
    """Calculer la fin d'un délai de procédure (CPC 640 à 642).

    Le jour de départ ne compte pas ; un délai en mois finit le même quantième (ou
    le dernier jour du mois) ; un délai qui finit un samedi, un dimanche ou un jour
    férié est prorogé au premier jour ouvrable suivant. Affiche AAAA-MM-JJ.

    Exemple : procedure delai 2026-04-24 "8 jours"
    """
    from procedure.erreurs import InputError
    from procedure.droit.delais import DurationError, explain, parse_duration

    try:
        n, unit = parse_duration(duree)
    except DurationError as exc:
        raise InputError(f"DUREE {exc}") from None
    result = explain(date_depart, n, unit, zone)
    click.echo(result.end.isoformat())
    if detail:
        click.echo(f"fin théorique : {result.raw.isoformat()}")
        for note in result.postponed:
            click.echo(f"prorogé : {note}")


@cli.command()
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option("--au", type=DATE, help="Date d'appréciation du montant (défaut : aujourd'hui).")
def juridiction(dossier: Path, au: date | None) -> None:
    """Indiquer la juridiction compétente pour l'injonction de payer, et pourquoi.

    Compétence territoriale : domicile ou siège du débiteur (CPC 1406) ; matière :
    tribunal de commerce (ou des activités économiques, ou chambre commerciale en
    Alsace-Moselle) pour un débiteur commerçant, tribunal judiciaire sinon.

    Exemple : procedure juridiction samples/commercant
    """
    from procedure import api

    d = api.load_dossier(dossier)
    court = api.competent_court(d, au or _today())
    click.echo(court.nom)
    click.echo(f"adresse : {court.adresse or 'à compléter'}")
    if court.cerfa:
        click.echo(f"formulaire : {court.cerfa}")
    for reason in court.raisons:
        click.echo(f"- {reason}")
    for w in court.avertissements:
        _warn(w)


@cli.command()
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=ChoiceFr("texte", "json"), default="texte", show_default=True,
              help="texte ou json.")
def suivi(dossier: Path, fmt: str) -> None:
    """Les dates qui comptent après l'ordonnance d'injonction de payer.

    Lit les entrées « ordonnance » et « signification » de l'historique (et du
    journal) : date limite de signification, fin du délai d'opposition, date à
    partir de laquelle l'ordonnance peut être exécutée, selon le régime de la date
    de l'ordonnance (avant le 1er mars 2022 ; jusqu'au 31 août 2026 ; à partir du
    1er septembre 2026, décret n° 2026-96).

    Exemple : procedure suivi samples/commercant --format json
    """
    import json

    from procedure import api

    d = api.load_dossier(dossier)
    info = api.follow_up(d)
    if fmt == "json":
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    click.echo(f"Dossier {info['reference']} — {info['regime']}")
    click.echo(f"Ordonnance du {info['ordonnance']}" + (f", signifiée le {info['signification']}"
                                                          if info["signification"] else ", non encore signifiée"))
    click.echo(f"Jours fériés : {info['zone']}")
    for e in info["echeances"]:
        click.echo(f"- {e['libelle']} {e['date']} ({e['fondement']})")
        if e["note"]:
            click.echo(f"  note : {e['note']}")


@cli.group(cls=Group)
def modeles() -> None:
    """Gérer les modèles de documents (DOCX et HTML/CSS).

    Exemple : procedure modeles exporter mes-modeles
    """


@modeles.command()
@click.argument("repertoire", type=click.Path(path_type=Path))
def exporter(repertoire: Path) -> None:
    """Copier les modèles livrés dans un répertoire, pour les modifier.

    Utilisez-les ensuite avec --modeles REPERTOIRE, ou la clé « modeles » du dossier.

    Exemple : procedure modeles exporter mes-modeles
    """
    from procedure import api

    for path in api.export_templates(repertoire):
        click.echo(str(path))


@cli.command()
@click.argument("dossier", type=click.Path(path_type=Path))
def init(dossier: Path) -> None:
    """Créer un dossier d'exemple complet et commenté, à modifier.

    Exemple : procedure init mes-dossiers/DOS-2026-001
    """
    from procedure import api

    path = api.init_dossier(dossier)
    click.echo(f"{path} : dossier d'exemple créé ; modifiez-le puis lancez « procedure verifier {dossier} ».")


def _translate_usage(exc: click.UsageError) -> str:
    from click import exceptions as e

    if isinstance(exc, e.NoSuchOption):
        hint = f" (vouliez-vous dire {', '.join(exc.possibilities)} ?)" if exc.possibilities else ""
        return f"option inconnue : {exc.option_name}{hint}"
    if isinstance(exc, e.BadOptionUsage):
        return f"option {exc.option_name} mal employée (valeur manquante ?)"
    if isinstance(exc, e.MissingParameter):
        name = exc.param.human_readable_name if exc.param else "?"
        return f"paramètre manquant : {name}"
    if isinstance(exc, e.BadParameter):
        name = exc.param_hint or (exc.param.human_readable_name if exc.param else "")
        if isinstance(name, (list, tuple)):
            name = " / ".join(name)
        return f"valeur invalide pour {name} : {exc.message}"
    if exc.message.startswith("No such command"):
        return f"commande inconnue{exc.message[len('No such command'):].rstrip('.')}"
    if "Got unexpected extra argument" in exc.message:
        return "argument en trop : " + exc.message.split("(")[-1].rstrip(")")
    return exc.message


def main(argv: list[str] | None = None) -> None:
    from procedure.erreurs import ProcedureError

    try:
        cli.main(args=argv, prog_name="procedure", standalone_mode=False)
    except click.UsageError as exc:
        cmd = exc.ctx.command_path if exc.ctx else "procedure"
        click.echo(f"Erreur : {_translate_usage(exc)}\nVoir « {cmd} --help ».", err=True)
        sys.exit(2)
    except ProcedureError as exc:
        click.echo(f"Erreur : {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Interrompu.", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # the last line of defence: no traceback for users
        if os.environ.get("PROCEDURE_DEBUG"):
            raise
        click.echo(f"Erreur interne : {type(exc).__name__}: {exc}\n"
                   "Merci de signaler ce problème (PROCEDURE_DEBUG=1 pour le détail).", err=True)
        sys.exit(1)
