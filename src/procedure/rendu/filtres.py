"""The Jinja filters shared by DOCX and HTML templates. The context already carries formatted
strings; these filters serve custom templates that format raw values themselves."""

from __future__ import annotations

from decimal import Decimal

from procedure.argent import format_eur, format_rate
from procedure.texte_fr import date_fr

def eur(value) -> str:
    return format_eur(Decimal(value))


def rate(value) -> str:
    return format_rate(Decimal(value))


def words(value) -> str:
    from procedure.droit.en_lettres import amount_in_words

    return amount_in_words(Decimal(value))


FILTERS = {"date_fr": date_fr, "eur": eur, "taux": rate, "lettres": words}
