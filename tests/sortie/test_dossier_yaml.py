"""Appending to a user's dossier.yaml: only insertions, whatever the shape of the list."""

from __future__ import annotations

import difflib
from datetime import date
from decimal import Decimal

import pytest
import yaml

from procedure.sortie.dossier_yaml import Entry, Field, append_entries

NEW = [Entry([Field("date", date(2026, 1, 2)), Field("montant", Decimal("5.00"))], ["ajouté"])]


@pytest.mark.parametrize("text", [
    "a: 1\npaiements:\n  - date: 2025-01-01\n    montant: \"1.00\"   # le mien\n",
    "a: 1\npaiements:\n- date: 2025-01-01\n  montant: \"1.00\"\nb: 2\n",  # indentless list, then a key
    "a: 1\npaiements:\n    -   date: 2025-01-01\n        montant: \"1.00\"\n        # note du dossier\n\n# fin\n",
    "a: 1\npaiements:\n  - {date: 2025-01-01, montant: \"1.00\"}",  # no final newline
    "a: 1\npaiements:\n  - date: 2025-01-01\n    note: |\n      deux\n      lignes\n\nb: 2\n",
    "a: 1\npaiements: [{date: 2025-01-01, montant: \"1.00\"}]  # court\n",
    "a: 1\npaiements: []\n",
    "a: 1\npaiements:\nb: 2\n",
    "a: 1\n",
    "a: 1\r\npaiements:\r\n  - date: 2025-01-01\r\n",
])
def test_append_only_inserts_and_the_list_gets_the_entry(text):
    new = append_entries(text, "paiements", NEW)
    ops = difflib.SequenceMatcher(None, text, new, autojunk=False).get_opcodes()
    assert {op for op, *_ in ops} <= {"equal", "insert"}
    data = yaml.safe_load(new)
    assert data["paiements"][-1] == {"date": date(2026, 1, 2), "montant": "5.00"}
    assert data["a"] == 1 and data.get("b", 2) == 2
    assert len(data["paiements"]) == (0 if "paiements:\nb" in text or text == "a: 1\n" or "[]" in text else 1) + 1


def test_a_null_list_loses_only_its_null_token():
    new = append_entries("a: 1\npaiements: ~   # rien encore\n", "paiements", NEW)
    assert new.startswith("a: 1\npaiements:    # rien encore\n")
    assert yaml.safe_load(new)["paiements"] == [{"date": date(2026, 1, 2), "montant": "5.00"}]


def test_a_key_that_is_not_a_list_is_refused():
    with pytest.raises(ValueError, match="n'est pas une liste"):
        append_entries("paiements: oui\n", "paiements", NEW)
