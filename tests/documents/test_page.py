"""The page: no page holds only the closing formula and the signature (PDF and DOCX)."""

from __future__ import annotations

import pytest

from readback import norm

HEAD = """\
reference: P-1
creancier:
  type: professionnel
  nom: Atelier Dupont
  forme_juridique: SARL
  representant: Marie Dupont, gérante
  adresse: {ligne1: 12 rue des Lilas, code_postal: "69003", ville: Lyon}
  iban: FR7630006000011234567890189
debiteur:
  type: professionnel
  nom: Boulangerie Martin
  forme_juridique: SAS
  representant: Paul Martin, président
  adresse: {ligne1: 3 place Bellecour, code_postal: "69002", ville: Lyon}
factures:
"""


def with_invoices(n: int) -> str:
    return HEAD + "".join(f"""\
  - numero: F-{i:03d}
    date: 2025-01-{i % 28 + 1:02d}
    echeance: 2025-02-{i % 28 + 1:02d}
    montant_ttc: "{1000 + i}.00"
    objet: Prestation de service numéro {i}
""" for i in range(n))


# Invoice counts that put the closing block across the end of the first page: with the shipped
# templates before the fix, a relance of 4 to 8 invoices and a mise en demeure of 1 or 2 left
# the politesse and the signature alone on page 2 (found by trying each count).
CASES = [("relance", 4, "Si votre règlement nous est parvenu entre-temps"),
         ("relance", 8, "Si votre règlement nous est parvenu entre-temps"),
         ("mise-en-demeure", 1, "Les intérêts continuent de courir jusqu'au complet paiement.")]


@pytest.mark.parametrize("kind,n,last_paragraph", CASES)
def test_the_signature_never_stands_alone_on_the_last_page(run, write_dossier, kind, n, last_paragraph):
    from pypdf import PdfReader

    folder = write_dossier(with_invoices(n))
    r = run(kind, str(folder), "--date", "2025-06-30", "--format", "pdf,docx")
    assert r.exit_code == 0, r.stderr
    pdf = next((folder / "sortie").glob("*.pdf"))
    pages = [norm(p.extract_text() or "") for p in PdfReader(str(pdf)).pages]
    assert len(pages) >= 2  # the case is the one at the page break
    last = pages[-1]
    assert "Marie Dupont" in last and "salutations distinguées" in last
    assert last_paragraph in last, last[:200]  # a paragraph of the body goes with the closing block

    from docx import Document

    doc = Document(str(next((folder / "sortie").glob("*.docx"))))
    paragraphs = {p.text: p for p in doc.paragraphs}
    for table in doc.tables:
        for cell in table._cells:
            paragraphs.update({p.text: p for p in cell.paragraphs})
    body = next(p for t, p in paragraphs.items() if t.startswith(last_paragraph))
    politesse = next(p for t, p in paragraphs.items() if "salutations distinguées" in t)
    name = paragraphs["Marie Dupont"]
    assert body.paragraph_format.keep_with_next and politesse.paragraph_format.keep_with_next
    assert name.paragraph_format.keep_together and name.paragraph_format.keep_with_next
    # the whole block is one table row that cannot split: Word and LibreOffice move it whole
    row = body._p.getparent().getparent()
    assert row.tag.endswith("}tr") and row.find(".//{*}cantSplit") is not None
    assert politesse._p.getparent() is body._p.getparent() is name._p.getparent()


def test_a_short_letter_stays_on_one_page(run, write_dossier):
    from readback import pdf_pages

    folder = write_dossier(with_invoices(3))
    assert run("relance", str(folder), "--date", "2025-06-30", "--format", "pdf").exit_code == 0
    assert pdf_pages(next((folder / "sortie").glob("*.pdf"))) == 1


def _templates():
    from procedure.rendu.modeles import package_dir

    return sorted(package_dir().glob("*.docx"))


@pytest.mark.parametrize("template", _templates(), ids=lambda p: p.name)
def test_docx_tables_repeat_their_header_and_never_split_a_row(template):
    """In Word and LibreOffice, as in the PDF: a long décompte continues on the next page under its column
    headings, and a line of it (a period, its dates on two lines) is never cut in half by the page break."""
    from docx import Document

    tables = [t for t in Document(str(template)).tables if 'w:fill="E8E8E8"' in t.rows[0]._tr.xml]
    assert tables or template.name == "fiche-de-transmission.docx", template.name
    for table in tables:
        assert table.rows[0]._tr.find(".//{*}tblHeader") is not None
        for row in table.rows:
            assert row._tr.find(".//{*}cantSplit") is not None, row._tr.xml[:300]


@pytest.mark.parametrize("template", _templates(), ids=lambda p: p.name)
def test_docx_page_number_in_the_footers_font(template):
    """« Page 1 / 2 » as small and grey as the footer's line, the numbers (fields) included."""
    from docx import Document
    from docx.text.run import Run

    def font(run: Run) -> tuple:
        return run.font.name, run.font.size, str(run.font.color.rgb)

    footer = Document(str(template)).sections[0].footer
    text, number = footer.paragraphs[0], footer.paragraphs[-1]
    assert "PAGE" in number._p.xml
    assert {font(Run(r, number)) for r in number._p.findall("{*}r")} == {font(text.runs[0])}
    # a field in the usual runs (begin, instruction, separate, result, end): LibreOffice shows a result that
    # shares its run with the field's markers in the default font, whatever the run says
    for r in number._p.findall("{*}r"):
        assert len([k for k in r if not k.tag.endswith("}rPr")]) == 1, r.xml
