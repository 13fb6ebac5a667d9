"""The Jinja filters shared by DOCX and HTML templates. The context already carries formatted
strings; these filters serve custom templates that format raw values themselves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from procedure.argent import format_eur, format_rate

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def date_fr(d: date | None) -> str:
    """``date(2025, 3, 1)`` -> ``1er mars 2025``."""
    if d is None:
        return ""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS[d.month - 1]} {d.year}"


def eur(value) -> str:
    return format_eur(Decimal(value))


def rate(value) -> str:
    return format_rate(Decimal(value))


def words(value) -> str:
    from procedure.droit.en_lettres import amount_in_words

    return amount_in_words(Decimal(value))


FILTERS = {"date_fr": date_fr, "eur": eur, "taux": rate, "lettres": words}
