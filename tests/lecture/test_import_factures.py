"""``procedure importer`` on the e-invoices of the shared corpus (Factur-X/ZUGFeRD PDFs, CII and UBL
XML): every file is imported with the manifest's amounts, or skipped with the reason its
manifest row implies; the dossiers it creates pass ``procedure verifier``."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from outils_import import CORPUS, dossiers, need_corpus, rows_of, still_due, tree
from procedure.lecture.import_commun import normalized

ROWS = rows_of("invoice")


def day(text: str) -> date:
    return date.fromisoformat(text if "-" in text else f"{text[:4]}-{text[4:6]}-{text[6:]}")


def expected_reason(row: dict[str, str]) -> str:
    """What the manifest says about a file that must not be claimed ("" when it must be)."""
    code, currency, due = row["type_code_BT3"], row["currency"], Decimal(row["amount_due_BT115"])
    if code == "381" or "CreditNote" in row["syntax"]:
        return "avoir (type 381)"
    if code == "384":
        return "facture rectificative (type 384)"
    if code == "751":
        return "information comptable (type 751)"
    if currency != "EUR":
        return f"devise {currency}"
    if due < 0:
        return "montant dû négatif"
    if due == 0:
        return "rien n'est dû"
    return ""


def same_name(a: str, b: str) -> bool:
    return normalized(a.replace("|", " ")) == normalized(b.replace("|", " "))


@pytest.mark.parametrize("row", ROWS, ids=[Path(r["file"]).name for r in ROWS])
def test_every_corpus_invoice_is_imported_with_its_amount_or_skipped_with_its_reason(run, tmp_path, row):
    need_corpus()
    src = CORPUS / row["file"]
    root = tmp_path / "dossiers"
    r = run("importer", str(src), "--vers", str(root))
    assert r.exit_code == 0, r.stderr
    reason = expected_reason(row)
    if reason:
        assert f"Ignoré : {src.name} : {row['invoice_number_BT1']} : {reason}" in r.stdout, r.stdout
        assert tree(root) == {}
        assert "Bilan : 0 dossier créé, 0 dossier complété, 0 facture importée, 1 élément ignoré." in r.stdout
        return
    ((name, d),) = dossiers(root).items()
    assert r.stdout.startswith(f"Créé : {root / name} ({d.reference}) : 1 facture")
    (inv,) = d.factures
    assert inv.numero == row["invoice_number_BT1"]
    assert inv.date == day(row["issue_date_BT2"])
    dues = [day(x) for x in row["due_date_BT9"].split(";") if x]
    # several payment terms: the latest date; none (MINIMUM profile, some XRechnung): date + 30 days, said so
    assert inv.echeance == (max(dues) if dues else inv.date + timedelta(days=30))
    if not dues:
        assert "supposée : date de la facture + 30 jours" in (root / name / "dossier.yaml").read_text(encoding="utf-8")
    assert inv.montant_ttc == Decimal(row["grand_total_BT112"])
    assert still_due(d, inv.numero) == Decimal(row["amount_due_BT115"])  # BT-115, the prepaid amount as a payment
    if row["prepaid_BT113"] and Decimal(row["prepaid_BT113"]):
        assert [p.montant for p in d.paiements] == [Decimal(row["prepaid_BT113"])]
    assert same_name(d.debiteur.nom, row["buyer_name"]) and same_name(d.creancier.nom, row["seller_name"])
    if src.suffix == ".pdf":  # the PDF is the invoice's exhibit, copied as is
        assert hashlib.sha256((d.folder / inv.piece).read_bytes()).hexdigest() == row["sha256"]
    else:
        assert inv.piece is None
    v = run("verifier", str(root / name))
    assert v.exit_code == 0, v.stderr
    assert f"dossier {d.reference} valide" in v.stdout


def test_french_identifiers_and_addresses_are_taken_from_the_invoice(run, tmp_path):
    need_corpus()
    root = tmp_path / "d"
    assert run("importer", str(CORPUS / "invoices/pdf/Facture_FR_BASICWL.pdf"), "--vers", str(root)).exit_code == 0
    (d,) = dossiers(root).values()
    assert (d.creancier.siren, d.creancier.tva, d.creancier.iban) == ("999999998", "FR11999999998",
                                                                        "FR2012421242124212421242124")
    assert (d.debiteur.siren, d.debiteur.adresse.code_postal, d.debiteur.adresse.ville) == ("787878784", "69001", "Lyon")
    assert d.reference == "IMP-787878784" and d.folder.name == "ma-jolie-boutique"
    text = (d.folder / "dossier.yaml").read_text(encoding="utf-8")
    assert "# commercant: true               # à vérifier" in text and "commercant" not in text.replace("# commercant", "")


def test_a_siret_under_scheme_0002_gives_its_siren(run, tmp_path):
    need_corpus()
    root = tmp_path / "d"
    assert run("importer", str(CORPUS / "invoices/cii/facturFrMinimum.xml"), "--vers", str(root)).exit_code == 0
    (d,) = dossiers(root).values()
    # the 14 digits fail the SIRET check digit: the SIREN (valid) is kept, not the SIRET
    assert d.debiteur.siren == "787878784" and d.debiteur.siret == ""
    assert d.debiteur.adresse.ligne1 == "À COMPLÉTER"  # the MINIMUM profile has no address: said, not invented


def test_the_whole_corpus_at_once_keeps_the_most_complete_copy_of_each_invoice(run, tmp_path):
    need_corpus()
    root = tmp_path / "d"
    r = run("importer", str(CORPUS / "invoices"), "--vers", str(root))
    assert r.exit_code == 0, r.stderr
    assert "Bilan : 6 dossiers créés, 0 dossier complété, 8 factures importées, 19 éléments ignorés." in r.stdout
    boutique = dossiers(root)["ma-jolie-boutique-sarl"]
    fa = boutique.invoice("FA-2017-0010")
    assert fa.piece is not None and fa.echeance == date(2017, 12, 13)  # the BASIC WL PDF, not the bare MINIMUM XML
    assert "même facture, remplacée par la copie plus complète de Facture_FR_BASICWL.pdf" in r.stdout
    # a number seen twice for different invoices (the German samples all say 471102) is reported, never merged
    assert "471102 : numéro déjà lu dans XRECHNUNG_Einfach.cii.xml pour une autre facture" in r.stdout
    before = tree(root)
    again = run("importer", str(CORPUS / "invoices"), "--vers", str(root))
    assert again.exit_code == 0 and tree(root) == before
    assert "Bilan : 0 dossier créé, 0 dossier complété, 0 facture importée" in again.stdout
    assert "FA-2017-0010 : déjà importée dans" in again.stdout
