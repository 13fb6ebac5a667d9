"""The letters, read back from the PDF and the DOCX: the facts, in both formats."""

from __future__ import annotations

import email
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLES
from readback import docx_text, pdf_pages, pdf_text

LETTER_DATE = "2025-09-01"


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    """The sample trader's three letters and décompte, produced once through the CLI."""
    from click.testing import CliRunner

    from procedure.cli import cli

    folder = tmp_path_factory.mktemp("letters") / "commercant"
    shutil.copytree(SAMPLES / "commercant", folder, ignore=shutil.ignore_patterns("sortie", "journal.yaml"))
    runner = CliRunner()
    for kind, fmt in (("relance", "pdf,docx,eml"), ("avertissement", "pdf,docx,eml"), ("mise-en-demeure", "pdf,docx")):
        r = runner.invoke(cli, [kind, str(folder), "--date", LETTER_DATE, "--format", fmt])
        assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["decompte", str(folder), "--au", LETTER_DATE, "--format", "pdf"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["decompte", str(folder), "--au", LETTER_DATE, "--format", "docx"])
    assert r.exit_code == 0, r.output
    return folder


def files(folder: Path, kind: str) -> dict[str, Path]:
    return {ext: folder / "sortie" / f"{LETTER_DATE}_DOS-2025-014_{kind}.{ext}" for ext in ("pdf", "docx", "eml")}


# At 2025-09-01 (hand check of the décompte, rates 13.15 % to 06-30, 12.15 % after):
# F-2025-031: 10000 + 291.82 + 31.67 + 184.38 + 40 - 1500 = 9047.87
# F-2025-047: 2460 + 40.77 (46 d) + 51.59 (63 d) + 40 = 2592.36
# F-2025-062: 1380.50 + 28.03 (61 d) + 40 = 1448.53 ; total 13088.76
TOTAL = "13 088,76 €"
TOTAL_WORDS = "treize mille quatre-vingt-huit euros et soixante-seize centimes"

COMMON = ["Atelier Dupont SARL", "Boulangerie Martin SAS", "À l'attention de Paul Martin, président",
          "3 place Bellecour", "69002 Lyon", "Lyon, le 1er septembre 2025", "DOS-2025-014", "F-2025-031",
          "F-2025-047", "F-2025-062", "SIREN 732 829 320", "RCS Lyon 732 829 320",
          "FR76 3000 6000 0112 3456 7890 189", "au nom d'Atelier Dupont SARL", "Marie Dupont", "gérante",
          "Madame, Monsieur,"]
FACTS = {
    "relance": COMMON + ["Relance", "13 840,50 €", "huit jours", "L441-10 II", "D441-5"],
    "avertissement": COMMON + ["Second rappel avant mise en demeure", "Malgré notre relance du 10 avril 2025",
                               "L441-10 II", "D441-5", "13,15 %, puis 12,15 %", TOTAL, "mise en demeure",
                               "628,26 €", "120,00 €"],
    "mise-en-demeure": COMMON + [
        "Lettre recommandée avec demande d'avis de réception", "Mise en demeure de payer la somme de " + TOTAL,
        "article 1344 du code civil", TOTAL_WORDS, "L441-10 II", "D441-5", "291,82 €", "-1 500,00 €",
        "Reste dû sur la facture n° F-2025-031", "9 047,87 €", "2 592,36 €", "1 448,53 €",
        "Total dû au 1er septembre 2025", "injonction de payer", "1405", "huit jours",
        "notre relance du 10 avril 2025 et notre lettre d'avertissement du 5 juin 2025"],
    "decompte": ["Décompte de la créance arrêté au 1er septembre 2025", "Atelier Dupont SARL", "Boulangerie Martin SAS",
                 TOTAL, TOTAL_WORDS, "Principal (factures TTC)", "13 840,50 €", "-1 500,00 €", "L441-10 II"],
}


@pytest.mark.parametrize("kind", list(FACTS))
def test_pdf_and_docx_state_the_same_facts(produced, kind):
    f = files(produced, kind)
    pdf, docx = pdf_text(f["pdf"]), docx_text(f["docx"])
    for fact in FACTS[kind]:
        assert fact in pdf, f"PDF {kind}: {fact!r} absent"
        assert fact in docx, f"DOCX {kind}: {fact!r} absent"


def test_relance_claims_only_due_invoices(tmp_path, sample, run):
    folder = sample("commercant")
    r = run("relance", str(folder), "--date", "2025-04-10", "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    text = pdf_text(next((folder / "sortie").glob("*.pdf")))
    assert "F-2025-031" in text and "F-2025-047" not in text and "F-2025-062" not in text
    assert "10 000,00 €" in text


def test_pdf_is_a4_with_page_numbers_and_metadata(produced):
    from pypdf import PdfReader

    reader = PdfReader(str(files(produced, "mise-en-demeure")["pdf"]))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    n = len(reader.pages)
    assert f"Page 1 / {n}" in pdf_text(files(produced, "mise-en-demeure")["pdf"])
    assert reader.metadata.title.startswith("Mise en demeure")
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"])


def test_the_fonts_are_the_shipped_ones(produced):
    from pypdf import PdfReader

    reader = PdfReader(str(files(produced, "relance")["pdf"]))
    fonts = set()
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            fonts.add(str(f.get_object()["/BaseFont"]))
    # the @font-face families of lettre.css, which no system font can stand in for
    assert fonts and all("+Procedure-" in f for f in fonts), fonts


def test_eml_is_a_ready_to_send_email_with_the_pdf(produced):
    raw = files(produced, "relance")["eml"].read_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["X-Unsent"] == "1"
    assert "contact@atelier-dupont.fr" in msg["From"]
    assert "DOS-2025-014" in msg["Subject"] and "Relance" in msg["Subject"]
    body = msg.get_body(("plain",)).get_content()
    assert "Madame, Monsieur," in body and "F-2025-031" in body and "12 340,50 €" in body
    (att,) = list(msg.iter_attachments())
    assert att.get_content_type() == "application/pdf"
    assert att.get_filename().endswith("_relance.pdf")
    assert att.get_content() == files(produced, "relance")["pdf"].read_bytes()


def test_journal_records_every_file_with_its_hash(produced):
    import hashlib

    import yaml

    entries = yaml.safe_load((produced / "journal.yaml").read_text(encoding="utf-8"))
    by_file = {f["chemin"]: (e, f) for e in entries for f in e["fichiers"]}
    for kind in ("relance", "avertissement", "mise-en-demeure"):
        for ext, path in files(produced, kind).items():
            if path.exists():
                e, f = by_file[f"sortie/{path.name}"]  # relative: the folder can be moved
                assert e["action"] == kind and e["document"] == kind and e["date"] == LETTER_DATE
                assert f["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_next_letter_reads_what_was_sent_before(sample, run):
    folder = sample("particulier")
    r = run("relance", str(folder), "--date", "2026-02-02", "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    r = run("avertissement", str(folder), "--date", "2026-03-02", "--format", "docx")
    assert r.exit_code == 0, r.stderr
    text = docx_text(folder / "sortie" / "2026-03-02_DOS-2026-003_avertissement.docx")
    assert "Malgré nos relances des 3 novembre 2025 et 2 février 2026" in text


def test_consumer_mise_en_demeure_has_no_indemnity_and_legal_interest(sample, run):
    folder = sample("particulier")
    r = run("mise-en-demeure", str(folder), "--date", "2026-06-30", "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    text = pdf_text(next((folder / "sortie").glob("*mise-en-demeure.pdf")))
    assert "Indemnité forfaitaire" not in text and "D441-5" not in text
    assert "1231-6 et 1344-1" in text
    # 2440 x 2.62 x 167 / 36500 = 29.25 ; total 3240 - 800 + 29.25 = 2469.25
    assert "29,25 €" in text and "2 469,25 €" in text
    assert "deux mille quatre cent soixante-neuf euros et vingt-cinq centimes" in text


def test_existing_document_is_refused_then_replaced(sample, run):
    folder = sample("commercant")
    args = ("relance", str(folder), "--date", "2025-09-01", "--format", "pdf,docx")
    assert run(*args).exit_code == 0
    pdf = folder / "sortie" / "2025-09-01_DOS-2025-014_relance.pdf"
    pdf.write_bytes(b"version annotee")
    r = run(*args)
    assert r.exit_code == 2 and "existe déjà" in r.stderr
    assert pdf.read_bytes() == b"version annotee"
    assert sorted(p.name for p in (folder / "sortie").iterdir()) == [
        "2025-09-01_DOS-2025-014_relance.docx", "2025-09-01_DOS-2025-014_relance.pdf"]
    assert run(*args, "--remplacer").exit_code == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_nothing_due_is_refused(sample, run):
    folder = sample("commercant")
    r = run("relance", str(folder), "--date", "2025-03-15")
    assert r.exit_code == 2 and "aucune facture n'est échue" in r.stderr
    assert not (folder / "sortie").exists()


def test_eml_only_for_reminders(sample, run):
    r = run("mise-en-demeure", str(sample("commercant")), "--format", "eml")
    assert r.exit_code == 2 and "eml" in r.stderr


def test_page_count_is_reasonable(produced):
    assert pdf_pages(files(produced, "relance")["pdf"]) <= 2


@pytest.mark.parametrize("command", ["mise-en-demeure", "decompte", "injonction"])
def test_unverified_rate_is_told_to_the_user_not_to_the_debtor(sample, run, command):
    """An unverified rate is the user's concern: a warning on standard error (and in « verifier »,
    « etat »), never a note or an asterisk in a document the debtor or the judge reads."""
    folder = sample("commercant")
    for fmt in ("pdf", "docx"):
        r = run(command, str(folder), "--au" if command == "decompte" else "--date", "2026-09-30", "--format", fmt,
                "--remplacer")
        assert r.exit_code == 0, r.stderr
        assert "taux BCE utilisé pour le 2e semestre 2026 non vérifié" in r.stderr  # on standard error...
    for path in (folder / "sortie").iterdir():
        if path.suffix not in (".pdf", ".docx") or "_pieces" in path.name or "_bordereau" in path.name:
            continue
        text = pdf_text(path) if path.suffix == ".pdf" else docx_text(path)
        assert "Pénalités de retard" in text, path.name
        # ...not in the document
        for internal in ("retard*", " * ", "non vérifié", "non confirmé", "à vérifier", "BCE utilisé"):
            assert internal not in text, (path.name, internal)
    for tool in ("verifier", "etat"):
        r = run(tool, str(folder), "--au", "2026-09-30")
        assert "non vérifié" in r.stdout + r.stderr, tool


def test_one_page_letter_has_no_page_number(sample, run):
    folder = sample("particulier")
    assert run("relance", str(folder), "--date", "2026-06-30", "--format", "pdf").exit_code == 0
    pdf = next((folder / "sortie").glob("*.pdf"))
    assert pdf_pages(pdf) == 1 and "Page 1" not in pdf_text(pdf)


OVERPAID = """\
paiements:
  - date: 2025-04-30
    montant: "10200.00"
    facture: F1
"""


@pytest.mark.parametrize("kind", ["relance", "avertissement", "mise-en-demeure", "injonction"])
def test_nothing_is_claimed_from_a_debtor_in_credit(run, write_dossier, kind):
    from conftest import MINIMAL

    folder = write_dossier(MINIMAL + OVERPAID)
    # F1: 10000 due 03-31; 04-01..04-30 at 13.15 %: 10000 x 13.15 x 30 / 36500 = 108.08;
    # 10200 - 108.08 interest - 10000 principal - 40 indemnity = 51.92 paid beyond everything
    r = run(kind, str(folder), "--date", "2025-06-30")
    assert r.exit_code == 2, r.stderr
    assert "le débiteur est créditeur de 51,92\u00a0€" in r.stderr
    assert "51.92" not in r.stderr and "Traceback" not in r.stderr
    assert not (folder / "sortie").exists()


def test_decompte_document_shows_the_credit(run, write_dossier):
    from conftest import MINIMAL

    folder = write_dossier(MINIMAL + OVERPAID)
    for fmt in ("pdf", "docx"):
        r = run("decompte", str(folder), "--au", "2025-06-30", "--format", fmt)
        assert r.exit_code == 0, r.stderr
    # 51.92 as computed above, in French (readback turns the no-break spaces into spaces)
    for path in (folder / "sortie").iterdir():
        text = pdf_text(path) if path.suffix == ".pdf" else docx_text(path)
        assert "Trop-perçu en faveur du débiteur : 51,92 €" in text, path.name
        assert "Total dû au 30 juin 2025 0,00 €" in text, path.name


def test_registered_letter_number_is_printed_and_journaled(sample, run):
    import yaml

    folder = sample("particulier")
    r = run("mise-en-demeure", str(folder), "--date", "2026-01-12", "--lrar", " 1A 987  654 3210 9 ")
    assert r.exit_code == 0, r.stderr
    for path in (folder / "sortie").iterdir():
        text = pdf_text(path) if path.suffix == ".pdf" else docx_text(path)
        assert "Lettre recommandée avec demande d'avis de réception n° 1A 987 654 3210 9" in text, path.name
        assert "____" not in text, path.name
    (entry,) = yaml.safe_load((folder / "journal.yaml").read_text(encoding="utf-8"))
    assert entry["action"] == "mise-en-demeure" and entry["lrar"] == "1A 987 654 3210 9"
    r = run("etat", str(folder), "--au", "2026-02-01")
    assert "LRAR n° 1A 987 654 3210 9" in r.stdout
    # a number without its letter: only the mise en demeure is sent registered
    r = run("relance", str(folder), "--date", "2026-01-12", "--lrar", "1A")
    assert r.exit_code == 2 and "--lrar" in r.stderr


def test_without_a_number_the_line_is_left_to_fill(produced):
    text = pdf_text(files(produced, "mise-en-demeure")["pdf"])
    assert "Lettre recommandée avec demande d'avis de réception n° ____" in text
