"""Dated rate tables, read *at a date*, each value with its source.

Tables (package data in ``procedure/parametres/``, copied from the project's shared data):

- ``taux-refi-bce.csv``: the ECB main refinancing operations rate by effective date. Used by
  C. com. L441-10 II (rate in force on 1 January / 1 July, + 10 points) and CCP R2192-31
  (rate in force on the first day of the half-year in which interest started, + 8 points).
- ``taux-interet-legal.csv``: the taux de l'intérêt légal by half-year, two columns since 2015
  (CMF L313-2, D313-1-A): creditor a natural person acting outside a profession / other cases.

A date outside what a table covers raises :class:`UnknownRateError` naming the half-year; a row
marked ``verifie=non`` is returned with ``verified=False`` so that callers warn the user.
The environment variable ``PROCEDURE_PARAMETRES`` may name a folder holding updated copies.
"""

from __future__ import annotations

import bisect
import csv
import json
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from procedure.erreurs import UnknownRateError
from procedure.droit.semestres import Semester

REFI_FILE = "taux-refi-bce.csv"
LEGAL_FILE = "taux-interet-legal.csv"
META_FILE = "tables.json"


@dataclass(frozen=True, slots=True)
class TableRow:
    """One dated value of a table, with where it comes from."""

    value: Decimal  # annual percentage
    verified: bool
    source: str
    text: str = ""  # the legal text that set it, when there is one
    since: date | None = None


def _open_table(name: str):
    override = os.environ.get("PROCEDURE_PARAMETRES")
    if override and (Path(override) / name).is_file():
        return open(Path(override) / name, encoding="utf-8", newline="")
    return open(Path(__file__).resolve().parents[1] / "parametres" / name, encoding="utf-8", newline="")


def _is_verified(flag: str, where: str) -> bool:
    if flag not in ("oui", "non"):
        raise UnknownRateError(f"table {where} : colonne verifie = « {flag} », attendu oui ou non")
    return flag == "oui"


class RateBook:
    """The rate tables, loaded once; every lookup takes its reference date."""

    def __init__(self) -> None:
        with _open_table(META_FILE) as fh:
            meta = json.load(fh)
        self.refi_known_until = date.fromisoformat(meta[REFI_FILE]["connu_jusqu_au"])
        self._refi_dates: list[date] = []
        self._refi_rows: list[TableRow] = []
        with _open_table(REFI_FILE) as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                where = f"{REFI_FILE}, ligne {n}"
                since = date.fromisoformat(row["date_effet"])
                if self._refi_dates and since <= self._refi_dates[-1]:
                    raise UnknownRateError(f"table {where} : dates non croissantes")
                self._refi_dates.append(since)
                self._refi_rows.append(TableRow(Decimal(row["taux_refi_pct"]), _is_verified(row["verifie"], where),
                                                row["source"], "", since))
        self._legal: dict[str, tuple[TableRow, TableRow]] = {}
        with _open_table(LEGAL_FILE) as fh:
            for n, row in enumerate(csv.DictReader(fh), start=2):
                where = f"{LEGAL_FILE}, ligne {n}"
                ok = _is_verified(row["verifie"], where)
                if row["semestre"] in self._legal:
                    raise UnknownRateError(f"table {where} : semestre {row['semestre']} en double")
                self._legal[row["semestre"]] = (
                    TableRow(Decimal(row["particulier_pct"]), ok, row["source"], row["texte"]),
                    TableRow(Decimal(row["autres_cas_pct"]), ok, row["source"], row["texte"]),
                )

    def refi_in_force(self, on: date, semester: Semester) -> TableRow:
        """The ECB main refinancing rate in force on ``on`` (for the half-year ``semester``)."""
        if on > self.refi_known_until:
            raise UnknownRateError(
                f"taux de refinancement de la BCE inconnu pour le {semester.label} : la table s'arrête au "
                f"{self.refi_known_until.isoformat()} ; mettez à jour {REFI_FILE} (voir README, « Les taux »)"
            )
        i = bisect.bisect_right(self._refi_dates, on) - 1
        if i < 0:
            raise UnknownRateError(
                f"taux de refinancement de la BCE inconnu pour le {semester.label} "
                f"(la table commence le {self._refi_dates[0].isoformat()})"
            )
        return self._refi_rows[i]

    def legal_rate(self, semester: Semester, creditor_is_person: bool) -> TableRow:
        """The taux de l'intérêt légal of a half-year (CMF L313-2, D313-1-A)."""
        try:
            particulier, autres = self._legal[semester.key]
        except KeyError:
            raise UnknownRateError(
                f"taux de l'intérêt légal inconnu pour le {semester.label} ; mettez à jour {LEGAL_FILE} "
                "(voir README, « Les taux »)"
            ) from None
        return particulier if creditor_is_person else autres


@lru_cache(maxsize=1)
def default_ratebook() -> RateBook:
    return RateBook()
