"""A letter stays a letter: a long dossier's letters carry one line per invoice or the totals, and
refer to the detailed décompte annexed, which adds up line by line to the total of
``procedure decompte --au``; the annex is written in the same run and journal entry, in bounded memory."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from readback import docx_text, norm, pdf_pages, pdf_text

WHEN = "2026-06-30"
AMOUNT = r"(−|-)?(?<![\d,])(\d{1,3}(?:\u00a0\d{3})*),(\d{2})\u00a0€"  # 1 234,56 € (no-break spaces)
TRAILING = re.compile(AMOUNT + r"$")


def write_dossier(folder: Path, invoices: int, seed: int = 7) -> Path:
    """A utility's debtor: ``invoices`` monthly-ish invoices, all due before the letters' date, a
    third of them partly paid."""
    rnd = random.Random(seed)
    lines = ["reference: LONG-1", "creancier:", "  type: professionnel", "  nom: Énergie du Rhône SA",
             "  siren: \"732829320\"", "  representant: Anne Morel, directrice",
             "  adresse: {ligne1: 1 rue A, code_postal: \"69003\", ville: Lyon}", "debiteur:",
             "  type: professionnel", "  commercant: true", "  nom: Hôtel des Brotteaux SAS",
             "  adresse: {ligne1: 2 rue B, code_postal: \"69006\", ville: Lyon}", "factures:"]
    payments = []
    for i in range(invoices):
        day = date(2024, 1, 1) + timedelta(days=rnd.randrange(760))
        amount = Decimal(rnd.randrange(2_000, 900_000)) / 100
        lines.append(f"  - {{numero: E{i:05d}, date: {day}, echeance: {day + timedelta(days=30)}, "
                     f"montant_ttc: \"{amount}\"}}")
        if i % 3 == 0:
            payments.append(f"  - {{date: {day + timedelta(days=45)}, montant: \"{(amount / 3).quantize(Decimal('0.01'))}\", "
                            f"facture: E{i:05d}}}")
    (folder / "dossier.yaml").parent.mkdir(parents=True, exist_ok=True)
    (folder / "dossier.yaml").write_text("\n".join(lines + ["paiements:"] + payments) + "\n", encoding="utf-8")
    return folder


def value(text: str) -> Decimal:
    m = re.search(AMOUNT, text)
    assert m, text
    digits = re.sub(r"\D", "", m.group(2))
    return (-1 if m.group(1) else 1) * Decimal(f"{digits}.{m.group(3)}")


def decompte_total(run, folder: Path) -> Decimal:
    r = run("decompte", str(folder), "--au", WHEN, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return Decimal(json.loads(r.stdout)["total"])


def check_annex(path: Path) -> tuple[Decimal, int]:
    """Read the annex back: each invoice's printed lines add up to its subtotal, the carried totals
    are the sum of the subtotals printed before them, the total is the sum of the subtotals.
    Returns (total, number of invoices)."""
    subtotals: list[Decimal] = []
    group: list[Decimal] | None = None
    total = None
    in_table = False
    for page in PdfReader(str(path)).pages:
        for line in page.extract_text().splitlines():
            if line.startswith("Libellé Période / détail") or line.startswith("Libellé Détail Montant"):
                in_table = True
                continue
            found = TRAILING.search(line)
            if not in_table or not found:
                continue
            amount = value(found.group(0))
            if line.startswith(("Report des sous-totaux", "Sous-totaux à reporter")):
                assert amount == sum(subtotals, Decimal(0)), line
            elif line.startswith("Facture n° "):
                assert group is None, f"facture sans sous-total avant : {line}"
                group = [amount]
            elif line.startswith(("Reste dû sur la facture", "Solde de la facture", "Reste dû sur les frais")):
                assert group is not None and sum(group, Decimal(0)) == amount, (line, group)
                subtotals.append(amount)
                group = None
            elif line.startswith(("Total dû au", "Solde restant dû")):
                total = amount
                break
            else:
                assert group is not None, line
                group.append(amount)
        if total is not None:
            break
    assert total == sum(subtotals, Decimal(0))
    return total, len(subtotals)


def journal_files(folder: Path) -> list[list[str]]:
    import yaml

    entries = yaml.safe_load((folder / "journal.yaml").read_text(encoding="utf-8"))
    return [[Path(f["chemin"]).name for f in e.get("fichiers", [])] for e in entries]


def test_the_form_follows_the_number_of_invoices():
    from procedure.contexte.annexe import form

    def lines(n, periods=1):
        return [SimpleNamespace(periods=[0] * periods, allocations=[], indemnite=1) for _ in range(n)]

    assert form("relance", lines(30)) == form("mise-en-demeure", lines(30)) == "detail"
    assert form("relance", lines(31)) == form("mise-en-demeure", lines(31)) == "lignes"
    assert form("avertissement", lines(200)) == "lignes" and form("requete-injonction", lines(201)) == "totaux"
    # the detailed table stays in the letter within about four pages: 150 lines
    assert form("mise-en-demeure", lines(20, periods=4)) == "detail"  # 20 x 7 lines
    assert form("mise-en-demeure", lines(20, periods=6)) == "lignes"  # 20 x 9 lines
    assert form("relance", lines(20, periods=6)) == "detail"  # a relance shows no detail


@pytest.mark.parametrize("invoices", [250, 1200])
def test_a_long_mise_en_demeure_is_short_and_its_annex_adds_up(run, tmp_path, invoices):
    folder = write_dossier(tmp_path / "d", invoices)
    total = decompte_total(run, folder)
    r = run("mise-en-demeure", str(folder), "--date", WHEN, "--format", "pdf,docx")
    assert r.exit_code == 0, r.stderr
    out = folder / "sortie"
    letter, annex = out / f"{WHEN}_LONG-1_mise-en-demeure.pdf", out / f"{WHEN}_LONG-1_decompte-annexe.pdf"
    assert pdf_pages(letter) <= 3
    text = pdf_text(letter)
    shown = norm(f"{total:,.2f}".replace(",", " ").replace(".", ",")) + " €"
    assert f"Mise en demeure de payer la somme de {shown}" in text and f"Total dû au 30 juin 2026 {shown}" in text
    n = f"{invoices:,}".replace(",", " ")
    assert f"au titre des {n} factures énumérées au décompte détaillé joint en annexe" in text
    pages = pdf_pages(annex)
    assert f"Pièce jointe : décompte détaillé de la créance arrêté au 30 juin 2026 ({n} factures, {pages} pages)" in text
    assert check_annex(annex) == (total, invoices)
    csv_rows = (out / f"{WHEN}_LONG-1_decompte-annexe.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv_rows[-1].split(";")[1] == "total" and Decimal(csv_rows[-1].split(";")[7].replace(",", ".")) == total
    docx = docx_text(out / f"{WHEN}_LONG-1_mise-en-demeure.docx")
    assert "Récapitulatif" in docx and shown in docx and "décompte détaillé joint en annexe" in docx
    # one journal entry: the letter with its annex, written together
    (entry,) = [f for f in journal_files(folder) if any("mise-en-demeure" in x for x in f)]
    assert sorted(x.rsplit("_", 1)[1] for x in entry) == ["decompte-annexe.csv", "decompte-annexe.pdf",
                                                          "mise-en-demeure.docx", "mise-en-demeure.pdf"]


def test_one_line_per_invoice_and_the_relance_statement(run, tmp_path):
    folder = write_dossier(tmp_path / "d", 60)
    total = decompte_total(run, folder)
    r = run("relance", str(folder), "--date", WHEN, "--format", "pdf,eml")
    assert r.exit_code == 0, r.stderr
    out = folder / "sortie"
    text = pdf_text(out / f"{WHEN}_LONG-1_relance.pdf")
    assert "les 60 factures ci-dessous" in text and "E00059" in text and "relevé joint en annexe" in text
    solde = value(re.search(r"Le solde restant dû s'élève à ([^.]*€)", text).group(1).replace(" ", "\u00a0"))
    # a relance claims the principal: its annex shows each invoice, its payments, its balance
    assert check_annex(out / f"{WHEN}_LONG-1_releve-annexe.pdf") == (solde, 60)
    import email
    from email import policy

    message = email.message_from_bytes((out / f"{WHEN}_LONG-1_relance.eml").read_bytes(), policy=policy.default)
    assert [p.get_filename() for p in message.iter_attachments()] == [f"{WHEN}_LONG-1_relance.pdf",
                                                                      f"{WHEN}_LONG-1_releve-annexe.pdf"]
    r = run("mise-en-demeure", str(folder), "--date", WHEN, "--format", "pdf", "--remplacer")
    assert r.exit_code == 0, r.stderr
    text = pdf_text(out / f"{WHEN}_LONG-1_mise-en-demeure.pdf")
    assert "Pénalités" in text and "E00059" in text and "selon le décompte détaillé joint en annexe" in text
    assert check_annex(out / f"{WHEN}_LONG-1_decompte-annexe.pdf") == (total, 60)


def test_the_requete_of_a_long_dossier_refers_to_its_annex(run, tmp_path):
    folder = write_dossier(tmp_path / "d", 250)
    total = decompte_total(run, folder)
    r = run("injonction", str(folder), "--date", WHEN, "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    out = folder / "sortie"
    text = pdf_text(out / f"{WHEN}_LONG-1_requete-injonction.pdf")
    assert "250 factures émises du" in text and "E00249" not in text
    assert "Annexe : décompte détaillé de la créance arrêté au 30 juin 2026 (250 factures" in text
    assert "Annexe : décompte détaillé Libellé" not in text  # the inline annex is gone
    assert check_annex(out / f"{WHEN}_LONG-1_decompte-annexe.pdf") == (total, 250)
    assert value(re.search(r"Total demandé au 30 juin 2026 ([^A-Za-z]*€)", text).group(1).replace(" ", "\u00a0")) == total


def test_the_decompte_of_a_long_dossier(run, tmp_path):
    folder = write_dossier(tmp_path / "d", 250)
    total = decompte_total(run, folder)
    r = run("decompte", str(folder), "--au", WHEN, "--format", "docx")
    assert r.exit_code == 2 and "n'est pas produit en DOCX" in r.stderr and "csv" in r.stderr
    r = run("decompte", str(folder), "--au", WHEN, "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    assert check_annex(folder / "sortie" / f"{WHEN}_LONG-1_decompte.pdf") == (total, 250)


def test_the_commissaire_packet_of_a_long_dossier(run, tmp_path):
    import zipfile

    folder = write_dossier(tmp_path / "d", 250)
    total = decompte_total(run, folder)
    r = run("commissaire", str(folder), "--date", WHEN)
    assert r.exit_code == 0, r.stderr
    (packet,) = (folder / "sortie").glob("*.zip")
    with zipfile.ZipFile(packet) as z:
        z.extract("decompte.pdf", tmp_path)
        z.extract("fiche-de-transmission.pdf", tmp_path)
    assert check_annex(tmp_path / "decompte.pdf") == (total, 250)
    assert "est le fichier decompte.pdf joint" in pdf_text(tmp_path / "fiche-de-transmission.pdf")


def test_a_mise_en_demeure_of_2000_invoices_in_bounded_memory(tmp_path):
    """The whole process, in a child of its own (RUSAGE_CHILDREN is the largest child so far)."""
    folder = write_dossier(tmp_path / "d", 2000)
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    cmd = [sys.executable, "-m", "procedure", "mise-en-demeure", str(folder), "--date", WHEN, "--format", "pdf,docx"]
    peak_kib = int(subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True,
                                  text=True).stdout.split()[-1])
    assert peak_kib / 1024 < 800
    assert pdf_pages(folder / "sortie" / f"{WHEN}_LONG-1_mise-en-demeure.pdf") <= 3


def test_characters_the_fonts_lack_are_replaced_not_lost():
    from procedure.rendu.pdf_brut import font

    f = font("LiberationSans-Regular.ttf")
    assert f.clean("Łódź − 1 000,00\u00a0€") == "Łódź − 1 000,00\u00a0€"
    assert f.clean("ǅ 😀 漢") == "D ? ?"
