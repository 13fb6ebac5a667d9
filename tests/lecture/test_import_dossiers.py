"""What ``procedure importer`` does to RACINE: an existing dossier gets new invoices without a byte
of the user's text changed; running twice changes nothing; bad input (a corrupt PDF, an XML that is
not an invoice, a broken dossier or creditor file) writes nothing at all."""

from __future__ import annotations

import difflib
from datetime import date
from decimal import Decimal

import pytest

from outils_import import CORPUS, creditor_file, dossiers, need_corpus, tree
from procedure.lecture.dossier_yaml import load_yaml

CSV = ("N° facture;Date;Échéance;Client;SIREN;Montant TTC;Reste dû\n"
       "N-1;01/09/2026;01/10/2026;Boulangerie Martin;552100554;1000,00;600,00\n"
       "N-2;02/09/2026;02/10/2026;Boulangerie Martin;552100554;50,00;50,00\n")


def only_insertions(old: str, new: str) -> list[str]:
    """The inserted chunks, after checking that nothing of ``old`` was changed or removed."""
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    assert {op for op, *_ in ops} <= {"equal", "insert"}, [o for o in ops if o[0] not in ("equal", "insert")]
    return [new[j1:j2] for op, _, _, j1, j2 in ops if op == "insert"]


def test_new_invoices_are_appended_to_the_users_dossier_byte_for_byte(run, tmp_path):
    root = tmp_path / "dossiers"
    assert run("init", str(root / "martin")).exit_code == 0  # the commented example: Boulangerie Martin, 552100554
    yml = root / "martin" / "dossier.yaml"
    mine = yml.read_text(encoding="utf-8").replace("nom: Boulangerie Martin", "nom: Boulangerie Martin   # mon client")
    yml.write_text(mine, encoding="utf-8")
    src = tmp_path / "releve.csv"
    src.write_text(CSV, encoding="utf-8")
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(yml))  # a dossier gives its creancier block
    assert r.exit_code == 0, r.stderr
    assert f"Complété : {root / 'martin'} (martin) : 2 factures, 1 paiement" in r.stdout
    new = yml.read_text(encoding="utf-8")
    inserted = only_insertions(mine, new)
    assert len(inserted) == 2  # the invoices after the last one, the payment after the last payment
    assert "  - numero: N-1\n" in inserted[0] and "  - date: 2026-09-01\n    montant: \"400.00\"" in inserted[1]
    d = load_yaml(root / "martin")
    assert [f.numero for f in d.factures] == ["F-2026-031", "N-1", "N-2"]
    assert run("verifier", str(root / "martin")).exit_code == 0
    before = tree(root)
    again = run("importer", str(src), "--vers", str(root), "--creancier", str(yml))
    assert again.exit_code == 0 and tree(root) == before
    assert "N-1 (ligne 2) : déjà importée dans" in again.stdout


def test_a_flow_list_a_bom_and_crlf_line_ends_are_kept(run, tmp_path):
    root = tmp_path / "dossiers"
    (root / "x").mkdir(parents=True)
    text = ("reference: X-1  # à moi\r\n"
            "creancier: {type: professionnel, nom: Jus de Provence, siren: \"732829320\",\r\n"
            "            adresse: {ligne1: 1 route d'Apt, code_postal: \"84000\", ville: Avignon}}\r\n"
            "debiteur:\r\n  type: professionnel\r\n  nom: Boulangerie Martin\r\n  siren: \"552100554\"\r\n"
            "  adresse: {ligne1: 3 place Bellecour, code_postal: \"69002\", ville: Lyon}\r\n"
            "factures: [{numero: F1, date: 2026-03-01, echeance: 2026-03-31, montant_ttc: \"10.00\"}]  # liste courte\r\n"
            "historique:\r\n- date: 2026-04-10\r\n  action: relance\r\n")
    (root / "x" / "dossier.yaml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    src = tmp_path / "releve.csv"
    src.write_text(CSV, encoding="utf-8")
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creditor_file(tmp_path)))
    assert r.exit_code == 0, r.stderr
    raw = (root / "x" / "dossier.yaml").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    new = raw[3:].decode("utf-8")
    only_insertions(text, new)
    assert "\n" not in new.replace("\r\n", "")  # every line still ends with CRLF
    d = load_yaml(root / "x")
    assert [f.numero for f in d.factures] == ["F1", "N-1", "N-2"]
    assert [(p.date, p.montant, p.facture) for p in d.paiements] == [(date(2026, 9, 1), Decimal("400.00"), "N-1")]
    assert run("verifier", str(root / "x")).exit_code == 0


def test_an_e_invoice_joins_the_dossier_of_its_debtor_after_the_user_edited_it(run, tmp_path):
    need_corpus()
    root = tmp_path / "d"
    assert run("importer", str(CORPUS / "invoices/pdf/Facture_FR_BASICWL.pdf"), "--vers", str(root)).exit_code == 0
    yml = root / "ma-jolie-boutique" / "dossier.yaml"
    edited = yml.read_text(encoding="utf-8").replace("  # commercant: true ", "  commercant: true   ") + (
        "historique:\n  - date: 2018-01-15\n    action: relance   # envoyée par moi\n")
    yml.write_text(edited, encoding="utf-8")
    r = run("importer", str(CORPUS / "invoices/ubl/akretion_ubl-21-extended-ctc-fr.xml"), "--vers", str(root))
    assert r.exit_code == 0, r.stderr
    assert "Complété" in r.stdout and len(dossiers(root)) == 1  # same seller and buyer SIREN: same dossier
    inserted = only_insertions(edited, yml.read_text(encoding="utf-8"))
    assert any("numero: F124212" in chunk for chunk in inserted)
    d = load_yaml(yml)
    assert d.debiteur.commercant is True and d.historique[0].date == date(2018, 1, 15)
    assert run("verifier", str(yml.parent)).exit_code == 0


@pytest.mark.parametrize("name, expected", [
    ("pdf_tricky/qpdf_bad1_not-a-pdf.pdf", "ce fichier n'est pas un PDF"),
    ("pdf_tricky/mustang_corrupt-factur-x-waytoosmall.pdf", "PDF illisible ou endommagé"),
    ("pdf_tricky/mustang_corruptedV2PDF.pdf", "ne contient pas de facture Factur-X"),
    ("pdf_tricky/pypdf_r2-user-password.pdf", "protégé par un mot de passe"),
    ("pdf_tricky/qpdf_bad2_no-startxref.pdf", "PDF illisible ou endommagé"),
    ("pdf_tricky/pdfjs_scan-bad.pdf", "ne contient pas de facture Factur-X"),
])
def test_a_pdf_without_a_readable_invoice_stops_the_import_before_anything_is_written(run, tmp_path, name, expected):
    need_corpus()
    root = tmp_path / "d"
    assert run("importer", str(CORPUS / "invoices/pdf/Facture_FR_BASICWL.pdf"), "--vers", str(root)).exit_code == 0
    before = tree(root)
    # a good invoice for a new debtor comes first: it is not written either
    r = run("importer", str(CORPUS / "invoices/pdf/Facture_UE_EN16931.pdf"), str(CORPUS / name), "--vers", str(root))
    assert r.exit_code == 2, r.stdout
    assert str(CORPUS / name) in r.stderr and expected in r.stderr and "Traceback" not in r.stderr
    assert tree(root) == before


@pytest.mark.parametrize("content, expected", [
    (b"<note><to>Tove</to></note>", ["ni UBL", "« note »"]),
    (b"<Invoice><ID>1</ID>", ["ligne 1", "XML illisible"]),
    (b"", ["XML illisible"]),
    (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<x>&e;</x>', ["ni UBL"]),
])
def test_an_xml_that_is_not_an_invoice_is_refused(run, tmp_path, content, expected):
    src = tmp_path / "facture.xml"
    src.write_bytes(content)
    r = run("importer", str(src), "--vers", str(tmp_path / "d"))
    assert r.exit_code == 2 and str(src) in r.stderr and all(e in r.stderr for e in expected), r.stderr
    assert not (tmp_path / "d").exists()


def test_format_given_is_held_to(run, tmp_path):
    need_corpus()
    r = run("importer", str(CORPUS / "invoices/cii/facturFrMinimum.xml"), "--format", "ubl", "--vers", str(tmp_path / "d"))
    assert r.exit_code == 2 and "facture CII et non UBL" in r.stderr


def test_a_broken_dossier_under_racine_stops_the_import(run, tmp_path, write_dossier):
    need_corpus()
    root = tmp_path / "racine"
    root.mkdir()
    write_dossier("reference: [unclosed\n", name="racine/casse")
    before = tree(root)
    r = run("importer", str(CORPUS / "invoices/pdf/Facture_FR_BASICWL.pdf"), "--vers", str(root))
    assert r.exit_code == 2 and "dossier existant invalide" in r.stderr and "casse" in r.stderr
    assert tree(root) == before


@pytest.mark.parametrize("content, expected", [
    ("creancier:\n  type: professionnel\n  nom: X\n", ["creancier.adresse", "champ obligatoire manquant"]),
    ("debiteur: {}\n", ["pas de bloc « creancier: »"]),
    ("creancier:\n  type: pro\n  nom: X\n  adresse: {ligne1: a, code_postal: \"69003\", ville: Lyon}\n",
     ["ligne 2", "creancier.type", "« pro »"]),
    ("creanciers: {}\n", ["creanciers", "clé inconnue"]),
])
def test_a_bad_creditor_file_is_refused(run, tmp_path, content, expected):
    need_corpus()
    path = tmp_path / "moi.yaml"
    path.write_text(content, encoding="utf-8")
    r = run("importer", str(CORPUS / "invoices/pdf/Facture_FR_BASICWL.pdf"), "--vers", str(tmp_path / "d"),
            "--creancier", str(path))
    assert r.exit_code == 2 and str(path) in r.stderr and all(e in r.stderr for e in expected), r.stderr
    assert not (tmp_path / "d").exists()


def test_an_invoice_of_another_seller_than_the_given_creditor_is_not_claimed(run, tmp_path):
    need_corpus()
    root = tmp_path / "d"
    r = run("importer", str(CORPUS / "invoices/pdf/Facture_FR_BASICWL.pdf"), "--vers", str(root), "--creancier",
            str(creditor_file(tmp_path)))
    assert r.exit_code == 0 and tree(root) == {}
    assert "vendeur « Au bon moulin » (SIREN 999999998) : ce n'est pas le créancier donné par --creancier" in r.stdout


def test_a_seller_without_siren_is_the_given_creditor_only_by_its_name(run, tmp_path):
    """XRechnung_Einfach's seller (Lieferant GmbH) has no SIREN: under another creditor's block it is
    not claimed; under a creditor of its name it is."""
    need_corpus()
    src = CORPUS / "invoices/cii/XRECHNUNG_Einfach.cii.xml"
    root = tmp_path / "d"
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creditor_file(tmp_path)))
    assert r.exit_code == 0 and tree(root) == {}
    assert ("vendeur « Lieferant GmbH » (comparé par le nom à « Jus de Provence », faute de SIREN des deux côtés) : "
            "ce n'est pas le créancier donné par --creancier") in r.stdout
    creancier = creditor_file(tmp_path)
    creancier.write_text(creancier.read_text(encoding="utf-8").replace("nom: Jus de Provence", "nom: LIEFERANT gmbh")
                         .replace('  siren: "732829320"\n', ""), encoding="utf-8")
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creancier))
    assert r.exit_code == 0, r.stderr
    (d,) = dossiers(root).values()
    assert d.creancier.nom == "LIEFERANT gmbh" and [f.numero for f in d.factures] == ["471102"]


def test_unknown_source_and_missing_file(run, tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK")
    r = run("importer", str(tmp_path / "notes.docx"), "--vers", str(tmp_path / "d"))
    assert r.exit_code == 2 and "format non reconnu" in r.stderr
    r = run("importer", str(tmp_path / "absent.pdf"), "--vers", str(tmp_path / "d"))
    assert r.exit_code == 2 and "absent.pdf" in r.stderr and "n'existe pas" in r.stderr


def test_homonymous_debtors_get_their_own_folders_and_the_creditors_logo(run, tmp_path):
    from PIL import Image

    Image.new("RGB", (4, 4), "white").save(tmp_path / "logo.png")
    creancier = creditor_file(tmp_path)
    creancier.write_text(creancier.read_text(encoding="utf-8") + "  logo: logo.png\n", encoding="utf-8")
    src = tmp_path / "releve.csv"
    src.write_text("N° facture;Date;Échéance;Client;SIREN;Montant TTC\n"
                   "A;01/09/2026;01/10/2026;Martin;552100554;10\nB;01/09/2026;01/10/2026;Martin;732829320;20\n"
                   "C;01/09/2026;01/10/2026;Martin;;30\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("pas un FEC\n", encoding="utf-8")  # in a folder: not read
    root = tmp_path / "d"
    r = run("importer", str(tmp_path), "--vers", str(root), "--creancier", str(creancier))
    assert r.exit_code == 0, r.stderr
    made = dossiers(root)
    # two SIRENs, two debtors; a row without SIREN joins the first debtor of that name
    assert {n: [f.numero for f in d.factures] for n, d in made.items()} == {
        "martin": ["A", "C"], "martin-732829320": ["B"]}
    for d in made.values():
        assert (d.folder / "logo.png").is_file() and run("verifier", str(d.folder)).exit_code == 0
