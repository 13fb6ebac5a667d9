"""One hierarchy of typed errors, each carrying a French message for the user.

``InputError`` and its subclasses are the user's to fix (exit status 2);
anything else escaping the library is an internal error (exit status 1).
"""

from __future__ import annotations

import errno

import os
from dataclasses import dataclass
from pathlib import Path

# What must never reach a terminal as typed (Unicode categories): controls (Cc: ESC starts the
# sequences that recolour, move the cursor or retitle the window), invisible format characters (Cf:
# a right-to-left override reverses what follows), surrogates (Cs: they cannot even be encoded),
# private-use and unassigned code points (Co, Cn), line and paragraph separators (Zl, Zp).
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _escape(ch: str) -> str:
    """``\\x1b`` below U+0080, else ``\\u202e`` (a surrogate pair beyond U+FFFF), so that an
    escaped JSON text stays valid JSON."""
    code = ord(ch)
    if code < 0x80:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def escape_controls(text: str, keep_newlines: bool = False) -> str:
    r"""``text`` safe to print on a terminal: every control or invisible character written as an
    escape (``\x1b``, ``\u202e``); with ``keep_newlines``, line feeds stay.

    >>> escape_controls("A\x1b[2JB\u202eC")
    'A\\x1b[2JB\\u202eC'
    """
    if text.isprintable():  # the common case, in C
        return text
    import unicodedata

    # each distinct character looked at once: a long JSON text has few of them (and many line feeds)
    unsafe = {ord(ch): _escape(ch) for ch in set(text)
              if not ch.isprintable() and not (ch == "\n" and keep_newlines)
              and unicodedata.category(ch) in _UNSAFE_CATEGORIES}
    return text.translate(unsafe) if unsafe else text


def file_problem(path: Path | str, what: str = "fichier", shown: Path | str | None = None) -> str:
    """Why ``path`` cannot be read as a file, in French, naming it as ``shown``: « introuvable »
    only when nothing is there; a directory, a FIFO or a device is « n'est pas un fichier ».

    >>> file_problem("/nulle/part", "pièce", "pieces/f.pdf")
    'pièce introuvable : pieces/f.pdf'
    >>> file_problem("/", "pièce", "pieces")
    "pièce : pieces n'est pas un fichier mais un répertoire"
    """
    shown = path if shown is None else shown
    if not os.path.lexists(path):
        return f"{what} introuvable : {shown}"
    if os.path.islink(path) and not os.path.exists(path):
        return f"{what} introuvable : {shown} (lien symbolique vers un fichier absent)"
    if os.path.isdir(path):
        return f"{what} : {shown} n'est pas un fichier mais un répertoire"
    return f"{what} : {shown} n'est pas un fichier ordinaire (tube, périphérique ou socket)"


class ProcedureError(Exception):
    """Base class: ``str(error)`` is the French message shown to the user."""

    exit_code = 1


class InputError(ProcedureError):
    """Bad input: an unreadable or invalid dossier, exhibit, option or value."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One defect found in an input file, located as precisely as known."""

    message: str
    field: str = ""
    line: int | None = None

    def render(self, path: Path | str | None) -> str:
        """One line: file, line, field and message; any control character they quote is escaped."""
        where = str(path) if path else ""
        if self.line is not None:
            where = f"{where}, ligne {self.line}" if where else f"ligne {self.line}"
        if self.field:
            where = f"{where}, champ « {self.field} »" if where else f"champ « {self.field} »"
        return escape_controls(f"{where} : {self.message}" if where else self.message)


class DossierError(InputError):
    """The dossier file is unreadable or invalid; lists every problem found."""

    def __init__(self, path: Path | str | None, problems: list[Problem]):
        self.path = path
        self.problems = problems
        lines = [p.render(path) for p in problems]
        if len(lines) == 1:
            text = lines[0]
        else:
            text = f"{len(lines)} problèmes dans le dossier :\n" + "\n".join(f"  - {ln}" for ln in lines)
        super().__init__(text)


class UnknownRateError(InputError):
    """No rate is known for a half-year: we never guess one."""


class ExhibitError(InputError):
    """A missing, unreadable, encrypted or corrupt exhibit."""


class OutputExistsError(InputError):
    """A document already produced would be overwritten."""


class OutsideFolderError(InputError):
    """A path named by a dossier leads out of its folder (``..``, absolute, symbolic link)."""


class WriteError(InputError):
    """The files of a run cannot be written (folder read-only, disk full...): nothing was written."""


class BusyError(InputError):
    """Another command holds the dossier for too long."""


class TemplateError(InputError):
    """A (custom) template is broken."""


class CourtError(InputError):
    """The competent court cannot be determined."""


class RefusalError(InputError):
    """The law forbids producing the document (e.g. prescribed claim)."""


# The system's refusals to write (or read) that are the user's to fix, not a bug to report.
OS_REFUSALS = {
    errno.ENOSPC: "écriture impossible : plus de place sur le disque ; libérez de la place puis relancez la commande",
    errno.EDQUOT: "écriture impossible : quota de disque dépassé ; libérez de la place puis relancez la commande",
    errno.EROFS: "écriture impossible : support en lecture seule ; choisissez un autre répertoire (--sortie)",
    errno.EACCES: "accès refusé : vérifiez les droits de ce fichier ou de ce répertoire",
    errno.EPERM: "opération non permise : vérifiez les droits de ce fichier ou de ce répertoire",
}


# Other failures of the system, said in French in a message (the system's own words are English).
OS_FAILURES = {
    errno.EIO: "erreur d'entrée-sortie du support (disque, clé ou partage réseau)",
    errno.ENOENT: "fichier ou répertoire introuvable",
    errno.EISDIR: "c'est un répertoire",
    errno.ENOTDIR: "un élément du chemin n'est pas un répertoire",
    errno.ELOOP: "boucle de liens symboliques",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EBUSY: "fichier occupé par un autre programme",
    errno.ENOLCK: "verrouillage impossible sur ce support",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENFILE: "trop de fichiers ouverts",
    errno.ETIMEDOUT: "délai dépassé (partage réseau ?)",
    errno.ESTALE: "partage réseau déconnecté",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in French (the system's own words only for a rare failure)."""
    return OS_REFUSALS.get(exc.errno) or OS_FAILURES.get(exc.errno) or f"erreur du système : {exc.strerror or exc}"
