"""``factures[].statut``, the e-invoice lifecycle status: read strictly by the dossier reader (its
code or its French label), written by ``procedure importer`` from a spreadsheet's status column,
idempotently."""

from __future__ import annotations

import pytest

from conftest import MINIMAL
from outils_import import creditor_file, dossiers, tree
from procedure.lecture.dossier_yaml import load_yaml
from procedure.modele.statuts import Status


def with_status(value: str) -> str:
    return MINIMAL + f"    statut: {value}\n"


@pytest.mark.parametrize("value, expected", [
    ("207", Status.EN_LITIGE),
    ('"210"', Status.REFUSEE),
    ("En litige", Status.EN_LITIGE),
    ("EN LITIGE", Status.EN_LITIGE),
    ("refusee", Status.REFUSEE),  # typed without its accent
    ('"212 - Encaissée"', Status.ENCAISSEE),
    ("mise à disposition", Status.MISE_A_DISPOSITION),
])
def test_a_status_is_read_by_its_code_or_its_label(write_dossier, value, expected):
    (invoice,) = load_yaml(write_dossier(with_status(value))).factures
    assert invoice.statut is expected


def test_no_status_is_none(write_dossier):
    (invoice,) = load_yaml(write_dossier()).factures
    assert invoice.statut is None


@pytest.mark.parametrize("value, fragments", [
    ("litige", ["« litige » n'est pas un statut de facture électronique", "vouliez-vous dire « en litige »"]),
    ("299", ["« 299 » n'est pas un statut", "200 à 213"]),
    ("payée", ["« payée » n'est pas un statut"]),
    ("[207]", ["attendu un statut de facture électronique", "trouvé une liste"]),
])
def test_a_bad_status_names_file_line_and_field(run, write_dossier, value, fragments):
    folder = write_dossier(with_status(value))
    r = run("verifier", str(folder))
    assert r.exit_code == 2, r.stdout
    assert "Traceback" not in r.stderr
    for fragment in ["dossier.yaml", "ligne 15", "champ « factures[1].statut »", *fragments]:
        assert fragment in r.stderr, r.stderr


SHEET = ("N° facture;Date;Échéance;Client;Adresse;Code postal;Ville;Montant TTC;Reste dû;Statut\n"
         "G-1;01/03/2025;31/03/2025;Garage Roux;4 rue C;69001;Lyon;500,00;500,00;207 En litige\n"
         "G-2;02/03/2025;01/04/2025;Garage Roux;4 rue C;69001;Lyon;300,00;300,00;Approuvée\n"
         "G-3;03/03/2025;02/04/2025;Garage Roux;4 rue C;69001;Lyon;200,00;200,00;\n"
         "G-4;04/03/2025;03/04/2025;Garage Roux;4 rue C;69001;Lyon;100,00;100,00;212 Encaissée\n")


def test_the_importer_writes_the_status_and_a_second_run_changes_nothing(run, tmp_path):
    src = tmp_path / "balance.csv"
    src.write_text(SHEET, encoding="utf-8")
    creancier, root = creditor_file(tmp_path), tmp_path / "d"
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creancier))
    assert r.exit_code == 0, r.stderr
    (d,) = dossiers(root).values()
    assert {f.numero: f.statut for f in d.factures} == {"G-1": Status.EN_LITIGE, "G-2": Status.APPROUVEE, "G-3": None}
    text = (root / "garage-roux" / "dossier.yaml").read_text(encoding="utf-8")
    assert 'statut: "207"                  # en litige : pas d\'injonction sans examen du litige' in text
    assert 'statut: "205"                  # approuvée' in text
    assert "G-4 (ligne 5) : encaissée (statut 212)" in r.stdout  # nothing to claim: not imported
    assert "G-1 : statut « en litige »" in r.stdout
    before = tree(root)
    again = run("importer", str(src), "--vers", str(root), "--creancier", str(creancier))
    assert again.exit_code == 0, again.stderr
    assert tree(root) == before
    assert "0 facture importée" in again.stdout


def test_an_invoice_appended_to_an_existing_dossier_carries_its_status(run, tmp_path):
    creancier, root = creditor_file(tmp_path), tmp_path / "d"
    first = tmp_path / "mars.csv"
    first.write_text("\n".join(SHEET.splitlines()[:4:3]) + "\n", encoding="utf-8")  # header and G-3
    assert run("importer", str(first), "--vers", str(root), "--creancier", str(creancier)).exit_code == 0
    yml = root / "garage-roux" / "dossier.yaml"
    yml.write_text(yml.read_text(encoding="utf-8") + "# ma note\n", encoding="utf-8")
    mine = yml.read_text(encoding="utf-8")
    whole = tmp_path / "avril.csv"
    whole.write_text(SHEET.replace(";200,00;200,00;\n", ";200,00;200,00;210 Refusée\n"), encoding="utf-8")
    r = run("importer", str(whole), "--vers", str(root), "--creancier", str(creancier))
    assert r.exit_code == 0, r.stderr
    text = yml.read_text(encoding="utf-8")
    assert text.startswith(mine.split("# ma note")[0]) and "# ma note" in text  # nothing the user wrote changes
    (d,) = dossiers(root).values()
    assert {f.numero: f.statut for f in d.factures} == {"G-3": None, "G-1": Status.EN_LITIGE, "G-2": Status.APPROUVEE}
    # the status the source now gives an invoice already there is said, never written over the user's file
    assert "G-3 (ligne 4) : déjà importée" in r.stdout
    assert "la source lui donne le statut 210 « refusée », le dossier aucun statut" in r.stdout
    before = tree(root)
    assert run("importer", str(whole), "--vers", str(root), "--creancier", str(creancier)).exit_code == 0
    assert tree(root) == before
