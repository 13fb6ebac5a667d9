"""Volume work on a contested invoice (``statut: "207"``): ``lot injonction`` and ``lot suivant``
refuse the requête as ``procedure injonction`` does (the dispute is examined dossier by dossier,
with ``procedure injonction DOSSIER --litige-examine``); the letters are still produced."""

from __future__ import annotations

import pytest

from test_lot_agenda import DOSSIER, statuses


@pytest.fixture
def office(tmp_path):
    """A: its invoice contested (207); B: not."""
    root = tmp_path / "cabinet"
    for ref in ("A", "B"):
        (root / ref).mkdir(parents=True)
        text = DOSSIER.format(ref=ref)
        if ref == "A":
            text = text.replace('montant_ttc: "1000.00"}', 'montant_ttc: "1000.00", statut: "207"}')
        (root / ref / "dossier.yaml").write_text(text, encoding="utf-8")
    return root


def test_lot_injonction_refuses_the_contested_dossier_and_files_the_other(office, run):
    r = run("lot", "injonction", str(office), "--date", "2026-04-20", "--format", "docx", "--jobs", "1")
    assert r.exit_code == 2, r.stdout
    got = statuses(r.stdout)
    assert got["A"].startswith("ERREUR — ") and "créance contestée" in got["A"], got
    assert "F-A (statut 207 « en litige »" in got["A"] and "--litige-examine" in got["A"]
    assert got["B"].startswith("fait")
    assert not (office / "A" / "sortie").exists()


def test_lot_suivant_sends_the_letters_with_a_warning_then_refuses_the_requete(office, run):
    folder = str(office / "A")
    for when, letter in (("2026-03-09", "relance"), ("2026-03-17", "avertissement"),
                         ("2026-04-01", "mise-en-demeure")):
        r = run("lot", "suivant", folder, "--date", when, "--format", "docx", "--jobs", "1")
        assert r.exit_code == 0, r.stdout
        assert statuses(r.stdout)["A"] == f"fait — {letter}", r.stdout
        assert "statut 207 « en litige »" in r.stdout + r.stderr
    r = run("lot", "suivant", folder, "--date", "2026-04-20", "--jobs", "1")
    assert r.exit_code == 2
    assert "pas de requête en injonction de payer sans examen du litige" in statuses(r.stdout)["A"]
    # once the dispute is examined, the requête is filed dossier by dossier; then lot has nothing to refuse
    assert run("injonction", folder, "--date", "2026-04-20", "--format", "docx", "--litige-examine").exit_code == 0
    r = run("lot", "suivant", folder, "--date", "2026-04-21", "--jobs", "1")
    assert r.exit_code == 0, r.stdout
