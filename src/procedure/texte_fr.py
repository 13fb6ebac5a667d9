"""French text for documents and messages: dates in words, lists, plurals, elision.

>>> date_fr(date(2025, 3, 1))
'1er mars 2025'
>>> join(["a", "b", "c"])
'a, b et c'
>>> plural(1, "pièce"), plural(11, "pièce")
('1 pièce', '11 pièces')
>>> de("Orléans"), de("Le Mans"), de("Les Sables-d'Olonne"), de("Lyon"), de("Honfleur")
("d'Orléans", 'du Mans', "des Sables-d'Olonne", 'de Lyon', "d'Honfleur")
>>> a_lordre_de("Atelier Dupont"), a_lordre_de("Le Comptoir")
("à l'ordre d'Atelier Dupont", "à l'ordre du Comptoir")
>>> a("Atelier Dupont"), a("Le Comptoir"), a("Les Halles")
('à Atelier Dupont', 'au Comptoir', 'aux Halles')
>>> dates_fr([date(2026, 1, 5), date(2026, 1, 20)])
'5 et 20 janvier 2026'
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
# words before which "de" is not elided although they start with h (h aspiré); the common ones
_H_ASPIRE = ("hache", "haie", "hall", "hamac", "hameau", "hanche", "hangar", "harde", "haricot", "hasard", "haut",
             "havre", "hérisson", "héros", "hêtre", "hibou", "hollande", "homard", "honte", "hotte", "houille")


def date_fr(d: date | None) -> str:
    """``date(2025, 3, 1)`` -> ``1er mars 2025``."""
    if d is None:
        return ""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS[d.month - 1]} {d.year}"


def dates_fr(days: list[date]) -> str:
    """Several dates, the month and year written once when they share them."""
    days = sorted(days)
    if not days:
        return ""
    if len({(d.year, d.month) for d in days}) == 1:
        nums = ["1er" if d.day == 1 else str(d.day) for d in days]
        return f"{join(nums)} {MONTHS[days[0].month - 1]} {days[0].year}"
    return join([date_fr(d) for d in days])


def join(items: list[str]) -> str:
    """``a, b et c``."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def plural(n: int, word: str, plural_form: str = "") -> str:
    """``1 pièce``, ``2 pièces`` (French: 0 and 1 take the singular)."""
    return f"{n} {word if n <= 1 else (plural_form or word + 's')}"


def _starts_with_vowel_sound(word: str) -> bool:
    base = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    if not base:
        return False
    if base[0] in "aeiouy":
        return True
    return base[0] == "h" and not base.startswith(tuple(unicodedata.normalize("NFKD", h).encode("ascii", "ignore")
                                                         .decode() for h in _H_ASPIRE))


def de(name: str) -> str:
    """The preposition ``de`` before a name, with elision and contraction."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name.startswith(("La ", "L'", "L’")):
        return "de " + name
    return ("d'" if _starts_with_vowel_sound(name) else "de ") + name


def a(name: str) -> str:
    """The preposition ``à`` before a name, with contraction (« au Comptoir », « aux Halles »)."""
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


def a_lordre_de(name: str) -> str:
    return "à l'ordre " + de(name)


def folded(text: str) -> str:
    """Text reduced for comparison: no accents, lower case, punctuation as single spaces.

    >>> folded("  Ma  Jolie-Boutique SARL"), folded("Payée (212)")
    ('ma jolie boutique sarl', 'payee 212')
    """
    base = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", base).split())
