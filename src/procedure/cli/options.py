"""What every command shares: French help, parameter types, the options written once."""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date
from pathlib import Path

import click

from procedure import limites

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
NO_BREAK_HYPHEN = "\u2011"


def _tie(text: str) -> str:
    """French typography for the wrapper: a no-break space before « ; : ? ! » and after « and n°, so that a line
    never starts with them; hyphens made unbreakable for the time of the wrapping (AAAA-MM-JJ, a file name)."""
    text = re.sub(r" ([;:?!»])", "\u00a0\\1", text)
    text = re.sub(r"(«|\bn°) ", "\\1\u00a0", text)
    return re.sub(r"(?<=\S)-(?=\S)", NO_BREAK_HYPHEN, text)


class HelpFormatter(click.HelpFormatter):
    def write_usage(self, prog, args="", prefix=None):
        super().write_usage(_tie(prog), _tie(args), prefix)

    def write_text(self, text):
        super().write_text(_tie(text))

    def write_dl(self, rows, *args, **kwargs):
        super().write_dl([(_tie(a), _tie(b)) for a, b in rows], *args, **kwargs)

    def getvalue(self):
        return super().getvalue().replace(NO_BREAK_HYPHEN, "-")


class Context(click.Context):
    formatter_class = HelpFormatter


class Option(click.Option):
    """An option whose help says "défaut" and "obligatoire" (Click writes them in English)."""

    def get_help_record(self, ctx):
        record = super().get_help_record(ctx)
        if record is None:
            return None
        names, text = record
        text = re.sub(r"(\d+)<=x<=(\d+)", r"de \1 à \2", text)
        text = re.sub(r"\[default: [^\]]*\]$", lambda m: m.group(0).replace("; ", "\u00a0; "), text)
        # a no-break space before the colon: French typography, and « : » never starts a line
        return names, text.replace("default: ", "défaut\u00a0: ").replace("required", "obligatoire")


class _FrenchHelp:
    context_class = Context

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Utilisation : ")

    def format_options(self, ctx, formatter):
        rows = [rv for p in self.get_params(ctx)
                if not isinstance(p, click.Argument) and (rv := p.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section("Options\u00a0"):  # Click adds the colon: « Options : »
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:  # the parser raises without its command: name it for « Voir … --help »
            if exc.ctx is None:
                exc.ctx = ctx
            raise

    def get_short_help_str(self, limit: int = 45) -> str:
        """The help's first paragraph, whole: a command's line in « Commandes » never ends in « ... »."""
        if self.short_help:
            return self.short_help
        return " ".join((self.help or "").split("\n\n")[0].replace("\b", "").split())

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
            with formatter.section("Commandes\u00a0"):
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


class IntRange(click.IntRange):
    """A whole number between two bounds, refused in French (Click says it in English)."""

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                self.fail(f"« {value} » n'est pas un nombre entier", param, ctx)
        if not self.min <= number <= self.max:
            self.fail(f"{number} n'est pas compris entre {self.min} et {self.max}", param, ctx)
        return number


class AmountType(click.ParamType):
    name = "MONTANT"

    def convert(self, value, param, ctx):
        from procedure.argent import AmountSyntaxError, parse_amount

        try:
            return parse_amount(value)
        except AmountSyntaxError as exc:
            self.fail(str(exc), param, ctx)


class TextType(click.ParamType):
    """A text typed on the command line that a document may print (a registered letter's number, a
    note): checked like the dossier's texts (no invisible or control character, nothing the shipped
    fonts cannot draw, a bounded length), the surrounding spaces removed."""

    def __init__(self, name: str, max_len: int):
        self.name, self.max_len = name, max_len

    def convert(self, value, param, ctx):
        from procedure.lecture.caracteres import text_problem

        text = unicodedata.normalize("NFC", str(value)).strip()
        bad = text_problem(text, self.max_len)
        if bad:
            self.fail(bad, param, ctx)
        return text


DATE = DateType()
AMOUNT = AmountType()
NUMBER_TEXT = TextType("NUMERO", limites.MAX_NUMBER_CHARS)
FREE_TEXT = TextType("TEXTE", limites.MAX_TEXT_CHARS)


def today() -> date:
    forced = os.environ.get("PROCEDURE_AUJOURDHUI")  # for reproducible demos and tests
    return date.fromisoformat(forced) if forced else date.today()


def say(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Print a line that may quote what a user wrote (a journal note, a file name): controls and
    invisible characters are escaped, so that nothing typed can drive the terminal."""
    from procedure.erreurs import escape_controls

    click.echo(escape_controls(text, keep_newlines=True), err=err, nl=nl)


def warn(message: str) -> None:
    say(f"avertissement : {message}", err=True)


def report(produced) -> None:
    for w in produced.warnings:
        warn(w)
    for path in produced.paths:
        say(str(path))


def option(*names, **kwargs):
    return click.option(*names, cls=Option, **kwargs)


def dossier_argument(f):
    return click.argument("dossier", metavar="DOSSIER", type=click.Path(path_type=Path))(f)


def output_options(f):
    """--sortie, --remplacer, --modeles: where a run writes, and with which templates."""
    for deco in reversed([
        option("--sortie", type=click.Path(path_type=Path), metavar="RÉPERTOIRE",
               help="Répertoire des documents (défaut : DOSSIER/sortie)."),
        option("--remplacer", is_flag=True, help="Remplacer un document déjà produit (l'ancien reste au journal)."),
        option("--modeles", type=click.Path(path_type=Path), metavar="RÉPERTOIRE",
               help="Répertoire de modèles personnalisés."),
    ]):
        f = deco(f)
    return f


def dispute_option(f):
    """--litige-examine: file on a contested invoice (``factures[].statut``) after looking at the dispute."""
    return option("--litige-examine", "litige_examine", is_flag=True,
                  help="Produire malgré une facture en litige, suspendue ou refusée (statut 207, 208 ou 210), "
                       "après examen de la contestation ; un avertissement le rappelle.")(f)


def document_options(formats: tuple[str, ...], default: str, what: str = "Date du document"):
    """DOSSIER, --date, --format, --sortie, --remplacer, --modeles: the options of every document."""
    def decorate(f):
        f = output_options(f)
        f = option("--format", "fmt", type=FormatList(*formats), default=default, show_default=True,
                   help="Formats à produire, séparés par des virgules.")(f)
        f = option("--date", "when", type=DATE, help=f"{what} (défaut : aujourd'hui) ; le décompte est arrêté "
                                                     "à cette date.")(f)
        return dossier_argument(f)
    return decorate


def with_actions(f):
    """The help lists the actions of the one vocabulary (procedure.modele.actions)."""
    import textwrap

    from procedure.modele.actions import Action

    # a paragraph Click does not rewrap (\b): an action's name is never cut at its hyphen
    lines = textwrap.wrap(f"ACTION : {', '.join(Action)}.", 76, break_on_hyphens=False, break_long_words=False)
    f.__doc__ = f.__doc__.replace("{actions}", "\b\n" + "\n".join("    " + x for x in lines))
    return f


def command(*args, **kwargs):
    """``click.command`` with the French help."""
    return click.command(*args, cls=Command, **kwargs)
