"""Amounts in French words (C. civ. 1376: the words prevail over the figures)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from procedure.droit.en_lettres import AmountRangeError, amount_in_words, integer_in_words

CASES = [
    ("0.01", "un centime"),
    ("0.50", "cinquante centimes"),
    ("1", "un euro"),
    ("1.01", "un euro et un centime"),
    ("2", "deux euros"),
    ("21", "vingt et un euros"),
    ("71", "soixante et onze euros"),
    ("80", "quatre-vingts euros"),
    ("81", "quatre-vingt-un euros"),
    ("91.91", "quatre-vingt-onze euros et quatre-vingt-onze centimes"),
    ("200", "deux cents euros"),
    ("201", "deux cent un euros"),
    ("1000", "mille euros"),
    ("2000", "deux mille euros"),
    ("80000", "quatre-vingt mille euros"),
    ("200000", "deux cent mille euros"),
    ("1234.56", "mille deux cent trente-quatre euros et cinquante-six centimes"),
    ("1000000", "un million d'euros"),
    ("2000000", "deux millions d'euros"),
    ("2000000.50", "deux millions d'euros et cinquante centimes"),
    ("1000100", "un million cent euros"),
    ("200000000", "deux cents millions d'euros"),
    ("1000000000", "un milliard d'euros"),
    ("10367.85", "dix mille trois cent soixante-sept euros et quatre-vingt-cinq centimes"),
    ("999999999999.99", "neuf cent quatre-vingt-dix-neuf milliards neuf cent quatre-vingt-dix-neuf millions "
                        "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf euros et "
                        "quatre-vingt-dix-neuf centimes"),
]


@pytest.mark.parametrize("amount,words", CASES)
def test_traditional_spelling(amount, words):
    assert amount_in_words(Decimal(amount)) == words


@pytest.mark.parametrize("amount,words", [
    ("21", "vingt-et-un euros"),
    ("200", "deux-cents euros"),
    ("321", "trois-cent-vingt-et-un euros"),
    ("1234.56", "mille-deux-cent-trente-quatre euros et cinquante-six centimes"),
    ("200000000", "deux-cents millions d'euros"),
    ("3200000", "trois millions deux-cent-mille euros"),
    ("1000000", "un million d'euros"),
])
def test_1990_spelling(amount, words):
    assert amount_in_words(Decimal(amount), "1990") == words


def test_no_zero_centime_and_no_zero_euro():
    assert "zéro" not in amount_in_words(Decimal("12.00"))
    assert "zéro" not in amount_in_words(Decimal("0.12"))


def test_words_and_figures_use_the_same_rounding():
    assert amount_in_words(Decimal("1.005")) == "un euro et un centime"  # half-up, like the figures


@pytest.mark.parametrize("bad", ["-1", "1000000000000"])
def test_out_of_range(bad):
    with pytest.raises(AmountRangeError):
        amount_in_words(Decimal(bad))


# An independent speller, written from the grammar rules, as an oracle for num2words.
UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
         "douze", "treize", "quatorze", "quinze", "seize"]
TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def below_100(n: int) -> str:
    if n <= 16:
        return UNITS[n]
    if n < 20:
        return "dix-" + UNITS[n - 10]
    t, u = divmod(n, 10)
    if t in (7, 9):
        base = "soixante" if t == 7 else "quatre-vingt"
        rest = n - (60 if t == 7 else 80)
        if rest == 11 and t == 7:
            return "soixante et onze"
        return f"{base}-{below_100(rest)}"
    if t == 8:
        return "quatre-vingts" if u == 0 else f"quatre-vingt-{UNITS[u]}"
    if u == 0:
        return TENS[t]
    if u == 1:
        return f"{TENS[t]} et un"
    return f"{TENS[t]}-{UNITS[u]}"


def below_1000(n: int, final: bool) -> str:
    h, r = divmod(n, 100)
    parts = []
    if h:
        word = "cent" if h == 1 else f"{UNITS[h]} cent"
        if h > 1 and r == 0 and final:
            word += "s"
        parts.append(word)
    if r:
        w = below_100(r)
        if r == 80 and not final:
            w = "quatre-vingt"
        parts.append(w)
    return " ".join(parts)


def oracle(n: int) -> str:
    if n == 0:
        return "zéro"
    out = []
    for value, sing, plur in ((10**9, "milliard", "milliards"), (10**6, "million", "millions")):
        q, n = divmod(n, value)
        if q:
            out.append(f"{below_1000(q, True)} {sing if q == 1 else plur}")
    q, n = divmod(n, 1000)
    if q:
        out.append("mille" if q == 1 else f"{below_1000(q, False)} mille")
    if n:
        out.append(below_1000(n, True))
    return " ".join(out)


@settings(max_examples=3000, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_num2words_agrees_with_the_grammar(n):
    assert integer_in_words(n) == oracle(n)


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999_999_999))
def test_amount_words_structure(cents):
    amount = Decimal(cents) / 100
    words = amount_in_words(amount)
    euros, c = divmod(cents, 100)
    assert ("centime" in words) == (c > 0)
    assert ("euro" in words) == (euros > 0)
    assert not words.startswith("zéro")
