"""Money: ``Decimal`` amounts in euros, rounded half-up to the cent in one place.

>>> round_cents(Decimal("327.845"))
Decimal('327.85')
>>> format_eur(Decimal("10407.85"))
'10\\xa0407,85\\xa0€'
>>> parse_amount("1234.50")
Decimal('1234.50')
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
NBSP = "\u00a0"

_AMOUNT_RE = re.compile(r"^[+-]?([0-9]+)(\.([0-9]+))?$")  # ASCII digits only: ١٢٣ is not read as 123


def round_cents(value: Decimal) -> Decimal:
    """The single rounding rule of the project: half-up to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class AmountSyntaxError(ValueError):
    """The text is not an amount with at most two decimals."""


def parse_amount(text: str) -> Decimal:
    """Read an amount written with a dot and at most two decimals.

    A comma decimal separator (``1234,50``) is accepted too, since French users type it.
    """
    cleaned = text.strip().replace(",", ".").replace(" ", "").replace(NBSP, "")
    match = _AMOUNT_RE.match(cleaned)
    if not match and any(ch.isdigit() for ch in cleaned if not ch.isascii()):
        raise AmountSyntaxError(f"« {text} » n'est pas un montant : seuls les chiffres 0 à 9 sont acceptés")
    if not match:
        raise AmountSyntaxError(f"« {text} » n'est pas un montant (exemple : 1234.56)")
    if match.group(3) is not None and len(match.group(3)) > 2:
        raise AmountSyntaxError(f"« {text} » a plus de deux décimales")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex already filters
        raise AmountSyntaxError(f"« {text} » n'est pas un montant") from exc
    return value.quantize(CENT)


def format_decimal_fr(value: Decimal, places: int = 2) -> str:
    """``1234.5`` -> ``1 234,50`` (no-break space between thousands)."""
    quant = Decimal(1).scaleb(-places)
    value = value.quantize(quant, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):,.{places}f}"
    return sign + text.replace(",", NBSP).replace(".", ",")


def format_eur(value: Decimal) -> str:
    """``10407.85`` -> ``10 407,85 €``; a negative amount takes a true minus sign (U+2212)."""
    return f"{format_decimal_fr(value).replace('-', chr(0x2212))}{NBSP}€"


def format_rate(value: Decimal) -> str:
    """An annual rate in percent: ``13.15`` -> ``13,15 %``."""
    return f"{format_decimal_fr(value)}{NBSP}%"


def plain(value: Decimal) -> str:
    """The JSON form of an amount or rate: exactly two decimals, dot separator."""
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))
