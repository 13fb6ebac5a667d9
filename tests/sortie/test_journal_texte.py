"""The journal's text does not depend on the YAML emitter installed: libyaml's (fast) and PyYAML's
own write the same bytes for what a dossier holds; libyaml escapes characters beyond the Basic
Multilingual Plane (emoji) and NEL, and reads back exactly what was written (PyYAML's emitter turns
a NEL into a space)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from procedure.modele.actions import Action
from procedure.sortie import journal
from procedure.sortie.journal import FileRecord, JournalEntry

ODD = ["", " ", "oui", "no", "~", "null", "1e3", "0x1F", "2026-06-30", "12:30", "- tiret", "# dièse", "a: b", "'apostrophe'",
       '"guillemets"', "ligne\nsuivante", "tab\there", "\u00a0insécable", "x" * 300, "é" * 130 + " fin",
       "Tribunal des activités économiques de Saint-Étienne — greffe", "\\ antislash", "{accolade}", "[crochet]", "%", "@", "`"]


EXOTIC = ["😀 émoji", "\U00010000", "\x85"]


def _entries(texts: list[str]) -> list[JournalEntry]:
    return [JournalEntry(date(2026, 6, 30), Action.MISE_EN_DEMEURE, "mise-en-demeure",
                         (FileRecord(f"sortie/{text[:40]}.pdf", "ab" * 32),), lrar=text, numero=text[:20], note=text,
                         frais=Decimal("62.18"), a_personne=bool(i % 2), enregistre_le="2026-06-30T10:00:00")
            for i, text in enumerate(texts)]


def test_both_emitters_write_the_same_journal(monkeypatch):
    yaml = pytest.importorskip("yaml")
    if not hasattr(yaml, "CSafeDumper"):
        pytest.skip("PyYAML without libyaml")
    fast, exotic = journal.render(_entries(ODD)), journal.render(_entries(EXOTIC))
    monkeypatch.delattr(yaml, "CSafeDumper")
    assert journal.render(_entries(ODD)) == fast
    assert [e.get("note", "") for e in yaml.safe_load(fast.decode("utf-8"))] == ODD
    assert [e["note"] for e in yaml.safe_load(exotic.decode("utf-8"))] == EXOTIC
