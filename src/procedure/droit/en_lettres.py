"""Amounts in French words (C. civ. art. 1376: the words prevail over the figures when they
differ, so they must be right).

num2words spells the integers; its currency mode is wrong for euros (integers read as centimes,
no "d'euros" after million, "zéro euros"), so the euro/centime layer is ours:

- "euro" takes an s from two on; "un million d'euros", "deux milliards d'euros" (a noun of
  quantity is followed by "de"), but "un million cent euros";
- no "zéro euro et": 0,50 is "cinquante centimes"; no "et zéro centime";
- spelling ``traditionnelle`` (hyphens only under one hundred, "vingt et un") or ``1990``
  (rectifications of 1990: hyphens between all numerals, "vingt-et-un", "deux-cents"). Million
  and milliard are nouns, not numerals: they are not hyphenated ("deux-cents millions",
  "trois millions deux-cent-mille"), as the Conseil supérieur de la langue française says.

>>> amount_in_words(Decimal("1234.56"))
'mille deux cent trente-quatre euros et cinquante-six centimes'
>>> amount_in_words(Decimal("2000000.50"))
"deux millions d'euros et cinquante centimes"
>>> amount_in_words(Decimal("0.01"))
'un centime'
>>> amount_in_words(Decimal("321"), "1990")
'trois-cent-vingt-et-un euros'
"""

from __future__ import annotations

from decimal import Decimal

from procedure.argent import round_cents
from procedure.erreurs import InputError
from procedure.limites import MAX_AMOUNT

TRADITIONAL = "traditionnelle"
RECTIFIED = "1990"
_NOUNS = {"million", "millions", "milliard", "milliards"}


class AmountRangeError(InputError, ValueError):
    """The amount cannot be spelled out: bad input (exit 2), never an internal error."""


def integer_in_words(n: int, spelling: str = TRADITIONAL) -> str:
    """A non-negative integer in French words."""
    from num2words import num2words  # imported here: procedure --help stays fast

    if n < 0:
        raise AmountRangeError("nombre négatif")
    words = num2words(n, lang="fr")
    if spelling == RECTIFIED:
        words = _rectify(words)
    elif spelling != TRADITIONAL:
        raise AmountRangeError(f"orthographe inconnue : {spelling}")
    return words


def _rectify(words: str) -> str:
    """Traditional spelling -> 1990: hyphens between numerals, never around million/milliard."""
    out: list[str] = []
    for token in words.split(" "):
        if token in _NOUNS or not out or out[-1] in _NOUNS:
            out.append(token)
        else:
            out[-1] = f"{out[-1]}-{token}"
    return " ".join(out)


def amount_in_words(amount: Decimal, spelling: str = TRADITIONAL) -> str:
    """A euro amount in words, from the same rounded ``Decimal`` as the figures."""
    amount = round_cents(amount)
    if amount < 0:
        raise AmountRangeError("un montant négatif ne s'écrit pas en lettres")
    if amount > MAX_AMOUNT:
        raise AmountRangeError("montant trop grand pour être écrit en lettres (au plus 999 999 999 999,99 €)")
    euros = int(amount)
    cents = int((amount - euros) * 100)
    parts = []
    if euros:
        words = integer_in_words(euros, spelling)
        last = words.split(" ")[-1].split("-")[-1]
        if last in _NOUNS:
            unit = "d'euros"
        else:
            unit = "euro" if euros == 1 else "euros"
        parts.append(f"{words} {unit}")
    if cents:
        unit = "centime" if cents == 1 else "centimes"
        parts.append(f"{integer_in_words(cents, spelling)} {unit}")
    if not parts:
        return "zéro euro"
    return " et ".join(parts)
