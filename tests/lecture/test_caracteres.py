"""The characters a dossier may hold, and the bounds of its YAML text (procedure.lecture.caracteres,
procedure.lecture.syntaxe, procedure.erreurs.escape_controls)."""

from __future__ import annotations

import doctest
import unicodedata

import pytest

from procedure import erreurs
from procedure.lecture import caracteres, syntaxe


@pytest.mark.parametrize("module", [caracteres, syntaxe, erreurs])
def test_module_doctests_pass(module):
    assert doctest.testmod(module).failed == 0


def test_latin1_needs_no_font_lookup():
    """``drawing_problem`` skips the fonts for text up to U+00FF: every such printable character
    must be in every shipped font."""
    drawable = caracteres.drawable_code_points()
    latin1 = [c for c in range(0x20, 0x100) if chr(c).isprintable() or c == 0xA0]
    assert [hex(c) for c in latin1 if c not in drawable] == []


def test_every_format_character_is_refused_but_the_soft_hyphen():
    for code in range(0x110000):
        ch = chr(code)
        if unicodedata.category(ch) == "Cf":
            assert (caracteres.problem(f"a{ch}b") is None) == (ch == caracteres.SOFT_HYPHEN), hex(code)


@pytest.mark.parametrize("ch", sorted(caracteres.BIDI_CONTROLS))
def test_bidi_controls_say_they_reverse_the_display(ch):
    assert "inverser l'affichage" in caracteres.problem(f"F-2025{ch}-031")


@pytest.mark.parametrize("text", ["Atelier Dupont", "Œuvre « œil » – 1 000 €", "Łódź", "tab\tet\nligne", "ﬁ"])
def test_ordinary_text_passes(text):
    assert caracteres.problem(text) is None


def test_the_fonts_are_read_once():
    caracteres.drawable_code_points()
    before = caracteres.drawable_code_points.cache_info().hits
    caracteres.drawing_problem("Ωmega")
    caracteres.drawing_problem("Ψ")
    assert caracteres.drawable_code_points.cache_info().hits == before + 2
    assert caracteres.drawable_code_points.cache_info().misses == 1


@pytest.mark.parametrize("text,bound_at_most", [
    ("reference: T-1\nfactures:\n  - numero: F1\n    date: 2025-03-01\n", 12),
    ("a: " + "[" * 60 + "]" * 60, 62),
])
def test_depth_bound_is_cheap_and_high_enough(text, bound_at_most):
    assert syntaxe.depth_bound(text) <= bound_at_most


def test_a_real_dossier_needs_no_event_scan(monkeypatch):
    from conftest import SAMPLES

    for sample in SAMPLES.glob("*/dossier.yaml"):
        assert syntaxe.depth_bound(sample.read_text(encoding="utf-8")) <= syntaxe.limites.MAX_YAML_DEPTH, sample


def test_many_flow_mappings_are_not_too_deep():
    text = "factures:\n" + "".join(f"  - {{numero: F{i}, date: 2025-03-01}}\n" for i in range(200))
    syntaxe.check_depth(text, "x.yaml")  # the bound is high (200 braces); the exact count is 2


@pytest.mark.parametrize("text", ["A\x1b[2J", "\u202eabc", "a\x9bb", "\ud800", "\U000e0041"])
def test_escaped_messages_hold_no_control(text):
    shown = erreurs.escape_controls(text)
    assert shown.isprintable() and "\\" in shown


def test_decomposed_accents_are_read_composed(write_dossier):
    from conftest import MINIMAL
    from procedure.api.dossier import load

    dossier = load(write_dossier(MINIMAL.replace("Débiteur SAS", "De\u0301biteur SAS")))
    assert dossier.debiteur.nom == "Débiteur SAS" == unicodedata.normalize("NFC", "De\u0301biteur SAS")
