"""What is displayed is what was written: the characters a dossier's text may hold.

Refused at read time, each with the character's code point named:

- invisible format characters (Unicode category Cf). The bidirectional controls (U+202A to U+202E,
  U+2066 to U+2069, U+200E, U+200F, U+061C) reorder what follows: « F-2025-031 » can display as
  another number, « 1 000 € » as another amount. The zero-width characters (U+200B to U+200D,
  U+2060, U+FEFF inside a text) make two numbers that look alike differ. Kept: the soft hyphen
  U+00AD, drawn as a hyphen where a line breaks and nowhere else, which reorders nothing;
- control characters (category Cc) other than the tab and the line feed, and the line and
  paragraph separators U+2028 and U+2029;
- in a text printed on a document, any character the fonts shipped in ``procedure/polices`` cannot
  draw: WeasyPrint would take it from the machine's fonts (a document that changes from one
  machine to another) or draw nothing. The fonts' character maps are read once, with fontTools
  (installed with WeasyPrint), and only when a text goes beyond Latin-1.

>>> problem("F-2025-031")
>>> problem("F-2025-\\u202e130")
"caractère de contrôle invisible U+202E interdit (il peut inverser l'affichage d'un numéro ou d'un montant)"
>>> problem("Bou\\u00adlangerie")
>>> drawing_problem("Łódź")
>>> drawing_problem("Ωmega")
"caractère « Ω » (U+03A9) absent des polices de l'outil : il ne pourrait pas être imprimé tel quel ; remplacez-le"
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

SOFT_HYPHEN = "\u00ad"
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ALLOWED_CONTROLS = frozenset("\t\n")
# Every character up to U+00FF that is neither a control nor the soft hyphen is in the shipped fonts
# (tests/lecture/test_caracteres.py checks it against their character maps): no need to read them.
_LATIN1_END = "\u00ff"


def problem(text: str) -> str | None:
    """Why ``text`` may not be read as typed (an invisible or control character), or None."""
    if text.isprintable():  # the common case, in C: no control, format or separator character
        return None
    for ch in text:
        if ch.isprintable() or ch in ALLOWED_CONTROLS or ch == SOFT_HYPHEN:
            continue
        category = unicodedata.category(ch)
        code = f"U+{ord(ch):04X}"
        if ch in BIDI_CONTROLS:
            return (f"caractère de contrôle invisible {code} interdit (il peut inverser l'affichage d'un numéro "
                    "ou d'un montant)")
        if category == "Cf":
            return (f"caractère invisible {code} interdit (deux textes identiques à l'œil seraient différents ; "
                    "retapez le texte plutôt que de le copier)")
        if category == "Cc":
            return f"caractère de contrôle {code} interdit"
        if category in ("Zl", "Zp"):
            return f"séparateur de ligne invisible {code} interdit (utilisez un retour à la ligne ordinaire)"
    return None


def drawing_problem(text: str) -> str | None:
    """Why ``text`` could not be printed with the shipped fonts (a character they lack), or None.
    Controls are :func:`problem`'s to report."""
    if not text or max(text) <= _LATIN1_END:
        return None
    drawable = drawable_code_points()
    for ch in text:
        if ch > _LATIN1_END and ord(ch) not in drawable:
            shown = f"« {ch} » " if unicodedata.category(ch)[0] not in "MC" else ""
            return (f"caractère {shown}(U+{ord(ch):04X}) absent des polices de l'outil : il ne pourrait pas être "
                    "imprimé tel quel ; remplacez-le")
    return None


def text_problem(text: str, max_len: int) -> str | None:
    """Why a text to be printed (already NFC) may not be, or None: :func:`problem`,
    :func:`drawing_problem`, then its length. For texts that come from elsewhere than dossier.yaml
    (the command line, the journal), checked like its own.

    >>> text_problem("1A\u202e9876", 100)[:40]
    'caractère de contrôle invisible U+202E i'
    >>> text_problem("RG 26/00123", 5)
    'texte trop long (11 caractères, au plus 5)'
    """
    bad = problem(text) or drawing_problem(text)
    if bad:
        return bad
    if len(text) > max_len:
        return f"texte trop long ({len(text)} caractères, au plus {max_len})"
    return None


@lru_cache(maxsize=1)
def drawable_code_points() -> frozenset[int]:
    """The code points every shipped font draws (regular, bold, italic, serif and sans alike)."""
    from importlib import resources

    from fontTools.ttLib import TTFont

    folder = resources.files("procedure") / "polices"
    maps = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".ttf"):
            with entry.open("rb") as fh:
                maps.append(set(TTFont(fh, lazy=True).getBestCmap()))
    return frozenset(set.intersection(*maps)) if maps else frozenset()
