"""Customisation: exporting, editing and using templates; broken templates; the logo."""

from __future__ import annotations

import io

from readback import docx_text, pdf_text


def test_export_then_use_custom_templates(run, sample, tmp_path):
    mine = tmp_path / "mes-modeles"
    r = run("modeles", "exporter", str(mine))
    assert r.exit_code == 0, r.stderr
    names = sorted(p.name for p in mine.iterdir())
    assert {"relance.docx", "relance.html", "lettre.html", "lettre.css", "mise-en-demeure.docx"} <= set(names)
    assert run("modeles", "exporter", str(mine)).exit_code == 2  # never over existing files

    (mine / "relance.html").write_text(
        '{% extends "lettre.html" %}{% block contenu %}<p>Texte du cabinet : {{ totaux.solde_principal }}</p>'
        "{% endblock %}", encoding="utf-8")
    folder = sample("commercant")
    r = run("relance", str(folder), "--date", "2025-09-01", "--format", "pdf", "--modeles", str(mine))
    assert r.exit_code == 0, r.stderr
    text = pdf_text(next((folder / "sortie").glob("*.pdf")))
    assert "Texte du cabinet : 12 340,50 €" in text


def test_dossier_key_names_the_templates(run, sample, tmp_path):
    folder = sample("commercant")
    custom = folder / "modeles-perso"
    custom.mkdir()
    (custom / "relance.html").write_text('{% extends "lettre.html" %}{% block contenu %}<p>PERSO</p>{% endblock %}')
    yml = folder / "dossier.yaml"
    yml.write_text(yml.read_text(encoding="utf-8") + "modeles: modeles-perso\n", encoding="utf-8")
    r = run("relance", str(folder), "--date", "2025-09-01", "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    assert "PERSO" in pdf_text(next((folder / "sortie").glob("*.pdf")))


def test_broken_html_template_names_template_and_line(run, sample, tmp_path):
    mine = tmp_path / "m"
    mine.mkdir()
    (mine / "relance.html").write_text('{% extends "lettre.html" %}\n{% block contenu %}\n{% if %}\n{% endblock %}')
    folder = sample("commercant")
    r = run("relance", str(folder), "--date", "2025-09-01", "--modeles", str(mine))
    assert r.exit_code == 2
    assert "relance.html, ligne 3" in r.stderr and "Traceback" not in r.stderr
    assert not (folder / "sortie").exists() and not (folder / "journal.yaml").exists()


def test_unknown_variable_in_template_is_reported(run, sample, tmp_path):
    mine = tmp_path / "m"
    mine.mkdir()
    (mine / "relance.html").write_text('{% extends "lettre.html" %}{% block contenu %}{{ inconnu.x }}{% endblock %}')
    r = run("relance", str(sample("commercant")), "--date", "2025-09-01", "--modeles", str(mine))
    assert r.exit_code == 2 and "relance.html" in r.stderr and "inconnu" in r.stderr


def test_broken_docx_template(run, sample, tmp_path):
    mine = tmp_path / "m"
    mine.mkdir()
    (mine / "relance.docx").write_bytes(b"pas un docx")
    r = run("relance", str(sample("commercant")), "--date", "2025-09-01", "--format", "docx", "--modeles", str(mine))
    assert r.exit_code == 2 and "relance.docx" in r.stderr


def test_docx_template_syntax_error(run, sample, tmp_path):
    from docx import Document

    mine = tmp_path / "m"
    mine.mkdir()
    doc = Document()
    doc.add_paragraph("{% for x in %}")
    doc.save(mine / "relance.docx")
    r = run("relance", str(sample("commercant")), "--date", "2025-09-01", "--format", "docx", "--modeles", str(mine))
    assert r.exit_code == 2 and "modèle relance.docx" in r.stderr


def test_missing_template_folder(run, sample, tmp_path):
    r = run("relance", str(sample("commercant")), "--modeles", str(tmp_path / "absent"))
    assert r.exit_code == 2 and "n'existe pas" in r.stderr


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 40), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def test_logo_in_letterhead(run, sample):
    folder = sample("commercant")
    (folder / "logo.png").write_bytes(_png())
    yml = folder / "dossier.yaml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  signataire: Marie Dupont\n",
                                                           "  signataire: Marie Dupont\n  logo: logo.png\n"),
                   encoding="utf-8")
    r = run("relance", str(folder), "--date", "2025-09-01")
    assert r.exit_code == 0, r.stderr
    from docx import Document
    from pypdf import PdfReader

    pdf = next((folder / "sortie").glob("*.pdf"))
    assert any(page.images for page in PdfReader(str(pdf)).pages)
    docx = next((folder / "sortie").glob("*.docx"))
    assert any(rel.reltype.endswith("/image") for rel in Document(str(docx)).part.rels.values())
    assert "Atelier Dupont SARL" in docx_text(docx)


def test_bad_logo_is_bad_input(run, sample):
    folder = sample("commercant")
    (folder / "logo.png").write_text("pas une image")
    yml = folder / "dossier.yaml"
    yml.write_text(yml.read_text(encoding="utf-8") + "", encoding="utf-8")
    yml.write_text(yml.read_text(encoding="utf-8").replace("  signataire: Marie Dupont\n",
                                                           "  signataire: Marie Dupont\n  logo: logo.png\n"),
                   encoding="utf-8")
    r = run("relance", str(folder), "--date", "2025-09-01")
    assert r.exit_code == 2 and "creancier.logo" in r.stderr and "image illisible" in r.stderr
    assert not (folder / "sortie").exists()
