"""The ``procedure`` command: parse, call :mod:`procedure.api`, print, map errors to exit codes.

One module per family of commands (``dossier``, ``documents``, ``commissaire``, ``outils``); ``options`` holds what
they share.

Exit status: 0 done; 2 bad input (French message naming file and field, nothing written);
1 internal error. Click's own messages are English, so usage errors are translated here.
"""

from __future__ import annotations

import os
import sys

import click

from procedure import __version__

from procedure.cli import commissaire, documents, dossier, lot, outils, volume
from procedure.cli.options import CONTEXT, Group


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="procedure", message="%(prog)s %(version)s",
                      help="Afficher la version et quitter.")
def cli() -> None:
    """Dossiers de recouvrement de créances en droit français.

    Lit un dossier (un répertoire avec dossier.yaml, ses pièces et son journal),
    calcule le décompte (principal, intérêts de retard par semestre, indemnité de
    40 €, paiements partiels) et produit les documents de la procédure.

    Exemple : procedure decompte samples/commercant --au 2025-06-30

    Cet outil ne remplace pas le conseil d'un avocat.
    """


for _command in (*dossier.COMMANDS, *documents.COMMANDS, *lot.COMMANDS, *commissaire.COMMANDS, *volume.COMMANDS,
                 *outils.COMMANDS):
    cli.add_command(_command)


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
        name = exc.param_hint or (exc.param.opts[0] if isinstance(exc.param, click.Option) else
                                  exc.param.human_readable_name if exc.param else "")
        if isinstance(name, (list, tuple)):
            name = " / ".join(name)
        return f"valeur invalide pour {name} : {exc.message}"
    if exc.message.startswith("No such command"):
        return f"commande inconnue{exc.message[len('No such command'):].rstrip('.')}"
    if "Got unexpected extra argument" in exc.message:
        return "argument en trop : " + exc.message.split("(")[-1].rstrip(")")
    return exc.message


def _fail(message: str, code: int) -> None:
    from procedure.erreurs import escape_controls

    click.echo(f"Erreur : {escape_controls(message, keep_newlines=True)}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    from procedure.erreurs import ProcedureError

    try:
        cli.main(args=argv, prog_name="procedure", standalone_mode=False)
    except click.UsageError as exc:
        cmd = exc.ctx.command_path if exc.ctx else "procedure"
        _fail(f"{_translate_usage(exc)}\nVoir « {cmd} --help ».", 2)
    except ProcedureError as exc:
        _fail(str(exc), exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Interrompu.", err=True)
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:
        from procedure.erreurs import OS_REFUSALS

        if exc.errno not in OS_REFUSALS or os.environ.get("PROCEDURE_DEBUG"):
            _internal(exc)
        where = f"{exc.filename} : " if exc.filename else ""
        _fail(f"{where}{OS_REFUSALS[exc.errno]}", 2)
    except Exception as exc:  # the last line of defence: no traceback for users
        _internal(exc)


def _internal(exc: Exception) -> None:
    if os.environ.get("PROCEDURE_DEBUG"):
        raise exc
    from procedure.erreurs import escape_controls

    click.echo(escape_controls(f"Erreur interne : {type(exc).__name__}: {exc}\n", keep_newlines=True)
               + "Merci de signaler ce problème (PROCEDURE_DEBUG=1 pour le détail).", err=True)
    sys.exit(1)
