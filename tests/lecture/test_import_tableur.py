"""``procedure importer`` on spreadsheets: the usual French headers, a column mapping, CSV dialects
and encodings, XLSX cells (dates, numbers), and every refusal with its file, line and column."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from outils_import import creditor_file, dossiers, tree

HERE = Path(__file__).parent / "import"


def test_the_golden_aged_balance(run, tmp_path):
    """balance-agee.csv + creancier.yaml give exactly the dossiers in import/attendu/."""
    root = tmp_path / "d"
    r = run("importer", str(HERE / "balance-agee.csv"), "--vers", str(root), "--creancier", str(HERE / "creancier.yaml"))
    assert r.exit_code == 0, r.stderr
    expected = sorted(p.parent.name for p in (HERE / "attendu").glob("*/dossier.yaml"))
    assert sorted(p.name for p in root.iterdir()) == expected
    for name in expected:
        assert (root / name / "dossier.yaml").read_text(encoding="utf-8") == \
            (HERE / "attendu" / name / "dossier.yaml").read_text(encoding="utf-8"), name
        assert run("verifier", str(root / name)).exit_code == 0
    out = r.stdout
    assert "F-2025-104 (ligne 6) : rien n'est dû" in out
    assert "F-2025-105 (ligne 7) : encaissée (statut 212)" in out
    assert "F-2025-106 (ligne 8) : montant dû négatif" in out
    assert "ligne 10 : ligne de total" in out
    assert "F-2025-103 : statut « en litige »" in out
    # an old invoice is imported all the same: verifier says it is prescribed
    v = run("verifier", str(root / "cafe-du-port"), "--au", "2026-01-01")
    assert "facture F-2019-007 : prescrite" in v.stdout


def test_a_windows_1252_comma_csv_without_due_dates_needs_a_delay(run, tmp_path):
    src = tmp_path / "export.csv"
    src.write_bytes("Numéro,Date facture,Raison sociale,Montant TTC,Réglé\r\n"
                    "A1,05/01/25,Épicerie Générale,\"1 000,00\",\"250,00\"\r\n".encode("cp1252"))
    creancier = creditor_file(tmp_path)
    root = tmp_path / "d"
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creancier))
    assert r.exit_code == 0 and "A1 (ligne 2) : pas d'échéance" in r.stdout and tree(root) == {}
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creancier), "--delai-paiement", "60")
    assert r.exit_code == 0, r.stderr
    (d,) = dossiers(root).values()
    (f,) = d.factures
    assert (d.debiteur.nom, f.numero, f.date, f.echeance, f.montant_ttc) == (
        "Épicerie Générale", "A1", date(2025, 1, 5), date(2025, 3, 6), Decimal("1000.00"))
    assert [(p.montant, p.facture) for p in d.paiements] == [(Decimal("250.00"), "A1")]


def test_an_xlsx_with_a_title_row_dates_numbers_and_a_mapping(run, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Impayés"
    sheet.append(["Relevé des impayés"])
    sheet.append(["Réf.", "Émise le", "À payer le", "Nom du client", "CP", "Commune", "Rue", "Dû", "SIRET"])
    sheet.append(["2025/7", datetime(2025, 2, 1), datetime(2025, 3, 3), "Hôtel du Lac", 6000, "Nice", "2 promenade",
                  1234.5, "55210055400013"])
    sheet.append([None] * 9)
    src = tmp_path / "impayes.xlsx"
    book.save(src)
    mapping = tmp_path / "colonnes.yaml"
    mapping.write_text('numero: "Réf."\ndate: Émise le\necheance: À payer le\nclient: Nom du client\n'
                       'code_postal: CP\nville: Commune\nadresse: Rue\nreste_du: Dû\nsiret: SIRET\n', encoding="utf-8")
    root = tmp_path / "d"
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creditor_file(tmp_path)), "--colonnes",
            str(mapping))
    assert r.exit_code == 0, r.stderr
    (d,) = dossiers(root).values()
    (f,) = d.factures
    assert (f.numero, f.date, f.echeance, f.montant_ttc) == ("2025/7", date(2025, 2, 1), date(2025, 3, 3),
                                                              Decimal("1234.50"))
    a = d.debiteur.adresse
    assert (d.debiteur.siren, a.ligne1, a.code_postal, a.ville) == ("552100554", "2 promenade", "06000", "Nice")
    assert run("verifier", str(d.folder)).exit_code == 0


@pytest.mark.parametrize("mapping, expected", [
    ("numero: N° facture\nmontant: Total\n", ["colonnes.yaml", "ligne 2", "montant", "clé inconnue",
                                              "vouliez-vous dire « montant_ttc »"]),
    ("numero: [a, b]\n", ["colonnes.yaml", "ligne 1", "numero", "attendu un texte"]),
    ("numero: Facture n°\nclient: Client\n", ["export.csv", "colonnes de --colonnes introuvables",
                                               "numero: « Facture n° »"]),
    ("numero: \"unclosed\n", ["colonnes.yaml", "syntaxe YAML invalide"]),
])
def test_a_bad_mapping_is_refused_and_nothing_is_written(run, tmp_path, mapping, expected):
    src = tmp_path / "export.csv"
    src.write_text("N° facture;Date;Client;Montant TTC\nF1;01/01/2025;X;10\n", encoding="utf-8")
    (tmp_path / "colonnes.yaml").write_text(mapping, encoding="utf-8")
    root = tmp_path / "d"
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creditor_file(tmp_path)), "--colonnes",
            str(tmp_path / "colonnes.yaml"), "--delai-paiement", "30")
    assert r.exit_code == 2, r.stdout
    assert all(e in r.stderr for e in expected), r.stderr
    assert "Traceback" not in r.stderr and not root.exists()


@pytest.mark.parametrize("content, expected", [
    ("Couleur;Taille;Prix\nrouge;M;10\n", ["export.csv", "ligne 1", "colonnes non reconnues", "« Couleur »"]),
    ("N° facture;Date;Client;Montant TTC\nF1;31/02/2025;X;10\n", ["export.csv", "ligne 2", "champ « Date »",
                                                                 "date impossible"]),
    ("N° facture;Date;Client;Montant TTC\nF1;01/02/2025;X;dix\n", ["ligne 2", "champ « Montant TTC »",
                                                                  "n'est pas un montant"]),
    ("N° facture;Date;Client;Montant TTC\nF1;01/02/2025;;10\n", ["ligne 2", "champ « Client »", "client manquant"]),
])
def test_a_bad_spreadsheet_is_refused_naming_file_line_and_column(run, tmp_path, content, expected):
    src = tmp_path / "export.csv"
    src.write_text(content, encoding="utf-8")
    root = tmp_path / "d"
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creditor_file(tmp_path)),
            "--delai-paiement", "30")
    assert r.exit_code == 2, r.stdout
    assert all(e in r.stderr for e in expected), r.stderr
    assert not root.exists()


def test_a_corrupt_xlsx_is_refused(run, tmp_path):
    src = tmp_path / "faux.xlsx"
    src.write_bytes(b"PK\x03\x04 not really a workbook")
    r = run("importer", str(src), "--vers", str(tmp_path / "d"), "--creancier", str(creditor_file(tmp_path)))
    assert r.exit_code == 2 and "faux.xlsx" in r.stderr and "XLSX illisible" in r.stderr
    assert not (tmp_path / "d").exists()
