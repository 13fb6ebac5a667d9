"""One hierarchy of typed errors, each carrying a French message for the user.

``InputError`` and its subclasses are the user's to fix (exit status 2);
anything else escaping the library is an internal error (exit status 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        where = str(path) if path else ""
        if self.line is not None:
            where = f"{where}, ligne {self.line}" if where else f"ligne {self.line}"
        if self.field:
            where = f"{where}, champ « {self.field} »" if where else f"champ « {self.field} »"
        return f"{where} : {self.message}" if where else self.message


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
