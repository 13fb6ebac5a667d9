"""Build the DOCX templates of modeles/ (docxtpl syntax) with python-docx.

The .docx files are committed and shipped: users edit them in Word or LibreOffice. This script
documents how they were made and rebuilds them after a change of layout:

    .venv/bin/python modeles/generer_docx.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
SERIF, SANS = "Times New Roman", "Arial"  # metric twins of the Liberation fonts of the PDF


def _field(paragraph, instr: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instr), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instr} "
            run._r.append(el)
        else:
            el = OxmlElement("w:t")
            el.text = text
            run._r.append(el)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _shade(cell, color: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), color)
    cell._tc.get_or_add_tcPr().append(shd)


def _para(container, text: str = "", bold=False, italic=False, size=None, align=None, space_after=Pt(0),
          font=None, color=None):
    p = container.add_paragraph()
    p.paragraph_format.space_after = space_after
    if align:
        p.alignment = align
    if text:
        r = p.add_run(text)
        r.bold, r.italic = bold, italic
        if size:
            r.font.size = size
        if font:
            r.font.name = font
        if color:
            r.font.color.rgb = color
    return p


def _set_width(cell, mm: float) -> None:
    cell.width = Mm(mm)


def _widths(table, widths) -> None:
    """Fixed column widths, in the grid (LibreOffice reads it) and in every cell (Word does)."""
    table.autofit = False
    for col, w in zip(table.columns, widths):
        col.width = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            _set_width(cell, w)


def _base(doc_title: str):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = SERIF
    st.font.size = Pt(11)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), SERIF)
    st.paragraph_format.space_after = Pt(4)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(20)
    sec.top_margin, sec.bottom_margin = Mm(15), Mm(18)
    sec.footer_distance = Mm(8)
    doc.core_properties.title = doc_title
    doc.core_properties.language = "fr-FR"
    # footer: legal mentions and page numbers
    ft = sec.footer
    p = ft.paragraphs[0]
    r = p.add_run("{{ pied }}")
    r.font.size, r.font.name = Pt(7.5), SANS
    r.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    p2 = ft.add_paragraph()
    p2.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r = p2.add_run("Page ")
    r.font.size = Pt(8)
    _field(p2, "PAGE")
    r = p2.add_run(" / ")
    r.font.size = Pt(8)
    _field(p2, "NUMPAGES")
    return doc


def _columns(doc, rows: int):
    """A borderless two-column layout table: left 90 mm, right 80 mm (the envelope window)."""
    t = doc.add_table(rows=rows, cols=2)
    _no_borders(t)
    _widths(t, (90, 80))
    return t


def _letterhead(doc) -> None:
    t = _columns(doc, 2)
    left = t.cell(0, 0)
    left.paragraphs[0].add_run("{{ logo }}")
    _para(left, "{{ expediteur.nom }}", bold=True, size=Pt(13))
    _para(left, "{%p for l in expediteur.adresse %}")
    _para(left, "{{ l }}", size=Pt(10))
    _para(left, "{%p endfor %}")
    _para(left, "{%p if expediteur.telephone %}")
    _para(left, "Tél. {{ expediteur.telephone }}", size=Pt(10))
    _para(left, "{%p endif %}")
    _para(left, "{%p if expediteur.email %}")
    _para(left, "{{ expediteur.email }}", size=Pt(10))
    _para(left, "{%p endif %}")
    _para(left, "{%p for m in expediteur.mentions %}")
    _para(left, "{{ m }}", size=Pt(7.5), font=SANS, color=RGBColor(0x44, 0x44, 0x44))
    _para(left, "{%p endfor %}")
    # second row: the recipient, in the window of a DL envelope (110 mm from the left edge)
    row = t.rows[1]
    row.height = Mm(38)
    right = t.cell(1, 1)
    right.paragraphs[0].add_run("{{ destinataire.nom }}").bold = True
    _para(right, "{%p if destinataire.attention %}")
    _para(right, "{{ destinataire.attention }}")
    _para(right, "{%p endif %}")
    _para(right, "{%p for l in destinataire.adresse %}")
    _para(right, "{{ l }}")
    _para(right, "{%p endfor %}")
    _para(doc, "{{ document.lieu_date }}", align=WD_ALIGN_PARAGRAPH.RIGHT, space_after=Pt(10))
    _para(doc, "{%p if document.envoi %}")
    _para(doc, "{{ document.envoi }}", bold=True, size=Pt(10))
    _para(doc, "{%p endif %}")
    _para(doc, "Objet : {{ document.objet }}", bold=True)
    _para(doc, "{%p for r in document.references %}")
    _para(doc, "{{ r }}", size=Pt(9.5))
    _para(doc, "{%p endfor %}")
    _para(doc, "", space_after=Pt(8))


def _table(doc, headers: list[str], cells: list[str], footer: list[str] | None, loop: str,
           widths: list[float], numeric_from: int):
    t = doc.add_table(rows=4 + (1 if footer else 0), cols=len(headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(headers):
        c = t.cell(0, i)
        _shade(c, "E8E8E8")
        r = c.paragraphs[0].add_run(h)
        r.bold, r.font.size, r.font.name = True, Pt(8.5), SANS
        if i >= numeric_from:
            c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    t.cell(1, 0).paragraphs[0].add_run("{%tr for " + loop + " %}")
    for i, text in enumerate(cells):
        p = t.cell(2, i).paragraphs[0]
        r = p.add_run(text)
        r.font.size, r.font.name = Pt(8.5), SANS
        if i >= numeric_from:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # the closing tag row, then the totals row
    end_row = t.rows[3]
    if footer:
        foot = t.rows[4]
        for i, text in enumerate(footer):
            c = foot.cells[i]
            _shade(c, "F2F2F2")
            r = c.paragraphs[0].add_run(text)
            r.bold, r.font.size, r.font.name = True, Pt(8.5), SANS
            if i >= numeric_from:
                c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    end_row.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    _widths(t, widths)
    _para(doc, "", space_after=Pt(4))
    return t


def _invoice_table(doc, penalties: bool) -> None:
    if penalties:
        _table(doc, ["Facture", "Date", "Échéance", "Montant TTC", "Réglé", "Pénalités", "Indemnité", "Reste dû"],
               ["n° {{ f.numero }}", "{{ f.date }}", "{{ f.echeance }}", "{{ f.montant }}", "{{ f.paye }}",
                "{{ f.interets }}", "{{ f.indemnite }}", "{{ f.reste_du }}"],
               ["Total", "", "", "{{ totaux.total_montant }}", "{{ totaux.total_paye }}",
                "{{ totaux.total_interets }}", "{{ totaux.total_indemnites }}", "{{ totaux.total }}"],
               "f in factures", [24, 22, 22, 21, 19, 20, 19, 23], 3)
    else:
        _table(doc, ["Facture", "Objet", "Date", "Échéance", "Montant TTC", "Réglé", "Solde"],
               ["n° {{ f.numero }}", "{{ f.objet }}", "{{ f.date }}", "{{ f.echeance }}", "{{ f.montant }}",
                "{{ f.paye }}", "{{ f.solde }}"],
               ["Total", "", "", "", "{{ totaux.total_montant }}", "{{ totaux.total_paye }}",
                "{{ totaux.solde_principal }}"],
               "f in factures", [24, 38, 22, 22, 22, 19, 23], 4)


def _detail_table(doc) -> None:
    _table(doc, ["Libellé", "Période / détail", "Jours", "Base", "Taux", "Montant"],
           ["{{ r.libelle }}", "{{ r.periode }}", "{{ r.jours }}", "{{ r.base }}", "{{ r.taux }}", "{{ r.montant }}"],
           ["Total dû au {{ document.au }}", "", "", "", "", "{{ totaux.total }}"],
           "r in detail", [45, 50, 12, 23, 17, 23], 2)
    _para(doc, "Soit {{ totaux.total_lettres }}.", italic=True, space_after=Pt(8))


def _closing(doc) -> None:
    _para(doc, "{%p for p in corps_fin %}")
    _para(doc, "{{ p }}", space_after=Pt(6)).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "{%p endfor %}")
    t = doc.add_table(rows=1, cols=1)
    t.style = "Table Grid"
    _widths(t, (170,))
    c = t.cell(0, 0)
    c.paragraphs[0].add_run("Modalités de règlement").bold = True
    _para(c, "{%p for l in paiement.lignes %}")
    _para(c, "{{ l }}", size=Pt(10))
    _para(c, "{%p endfor %}")
    _para(doc, "", space_after=Pt(6))
    _para(doc, "{{ politesse }}", space_after=Pt(10))
    _signature(doc)


def _signature(doc) -> None:
    """The signatory's block, on the right half of the page."""
    c = _columns(doc, 1).cell(0, 1)
    c.paragraphs[0].add_run("{{ signature.pour }}")
    _para(c, "", space_after=Mm(14))
    _para(c, "{{ signature.nom }}", bold=True)
    _para(c, "{{ signature.qualite }}")


def _notes(doc) -> None:
    _para(doc, "{%p for n in notes %}")
    _para(doc, "{{ n }}", size=Pt(8), font=SANS, color=RGBColor(0x44, 0x44, 0x44))
    _para(doc, "{%p endfor %}")


def letter(kind: str, title: str) -> None:
    doc = _base(title)
    _letterhead(doc)
    _para(doc, "{{ salutation }}", space_after=Pt(8))
    _para(doc, "{%p for p in corps %}")
    _para(doc, "{{ p }}", space_after=Pt(6)).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "{%p endfor %}")
    if kind == "mise-en-demeure":
        _detail_table(doc)
    else:
        _invoice_table(doc, penalties=(kind == "avertissement"))
    _closing(doc)
    _notes(doc)
    doc.save(HERE / f"{kind}.docx")


def decompte() -> None:
    doc = _base("Décompte de la créance")
    _letterhead(doc)
    _para(doc, "{{ document.objet }}", bold=True, size=Pt(15), align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(10))
    p = _para(doc, "Créancier : ", bold=True)
    p.add_run("{{ creancier_description }}")
    p = _para(doc, "Débiteur : ", bold=True, space_after=Pt(6))
    p.add_run("{{ debiteur_description }}")
    _para(doc, "{%p for p in fondement %}")
    _para(doc, "{{ p }}", space_after=Pt(6)).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "{%p endfor %}")
    _detail_table(doc)
    t = doc.add_table(rows=6, cols=2)
    t.style = "Table Grid"
    _widths(t, (120, 50))
    rows = [("Récapitulatif", "Montant"), ("Principal (factures TTC)", "{{ totaux.principal }}"),
            ("{{ (regime or 'intérêts')|capitalize }}", "{{ totaux.interets }}"),
            ("Indemnités forfaitaires", "{{ totaux.indemnites }}"), ("Paiements reçus", "{{ totaux.paye }}"),
            ("Total dû au {{ document.au }}", "{{ totaux.total }}")]
    for i, (a, b) in enumerate(rows):
        for j, text in enumerate((a, b)):
            cell = t.cell(i, j)
            r = cell.paragraphs[0].add_run(text)
            r.font.size, r.font.name = Pt(9), SANS
            r.bold = i in (0, 5)
            if j == 1:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if i == 0:
                _shade(cell, "E8E8E8")
    _notes(doc)
    doc.save(HERE / "decompte.docx")


def _lines(doc, var: str, bold_first=False) -> None:
    _para(doc, "{%p for l in " + var + " %}")
    _para(doc, "{{ l }}")
    _para(doc, "{%p endfor %}")


def _heading(doc, text: str) -> None:
    p = _para(doc, text, bold=True, size=Pt(11.5), space_after=Pt(4))
    p.paragraph_format.space_before = Pt(8)


def _simple_base(title: str):
    doc = _base(title)
    doc.sections[0].footer.paragraphs[0].runs[0].text = "{{ pied }}"
    return doc


def requete() -> None:
    doc = _simple_base("Requête en injonction de payer")
    _para(doc, "Requête en injonction de payer", bold=True, size=Pt(16), align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "Articles 1405 à 1425 du code de procédure civile — contenu du {{ tribunal.cerfa }}", size=Pt(9.5),
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=Pt(10))
    _para(doc, "À Madame ou Monsieur le Président du {{ tribunal.nom }}", bold=True)
    _para(doc, "{{ tribunal.adresse }}", space_after=Pt(8))
    _heading(doc, "1. Le demandeur (créancier)")
    _lines(doc, "demandeur")
    _heading(doc, "2. Le défendeur (débiteur)")
    _lines(doc, "defendeur")
    _heading(doc, "3. Les sommes réclamées")
    _table(doc, ["Nature", "Fondement", "Montant"], ["{{ r.libelle }}", "{{ r.fondement }}", "{{ r.montant }}"],
           ["Total demandé au {{ document.au }}", "", "{{ totaux_requete.total }}"], "r in sommes", [90, 50, 30], 2)
    p = _para(doc, "Soit ")
    p.add_run("{{ totaux_requete.total_lettres }}").bold = True
    p.add_run("{% if interets_a_venir %}, {{ interets_a_venir }}{% endif %}.")
    _para(doc, "Le décompte détaillé de chaque élément figure en annexe.", space_after=Pt(6))
    _heading(doc, "4. Le fondement de la créance")
    _para(doc, "Créance de nature contractuelle, d'un montant déterminé (article 1405 du code de procédure civile), "
               "résultant de :")
    _para(doc, "{%p for f in fondement_creance %}")
    _para(doc, "– {{ f }}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p for p in fondement_droit %}")
    _para(doc, "{{ p }}").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "{%p endfor %}")
    _heading(doc, "5. Les démarches amiables")
    _para(doc, "{%p for s in demarches %}")
    _para(doc, "– {{ s }}")
    _para(doc, "{%p endfor %}")
    _heading(doc, "6. La demande")
    p = _para(doc, "Le requérant prie le Président de bien vouloir rendre une ordonnance enjoignant au défendeur de "
                   "lui payer la somme de ")
    p.add_run("{{ totaux_requete.total }}").bold = True
    p.add_run("{% if interets_a_venir %}, {{ interets_a_venir }}{% endif %}, ainsi que les dépens.")
    _para(doc, "{%p if renvoi_1408 %}")
    _para(doc, "{{ renvoi_1408 }}")
    _para(doc, "{%p endif %}")
    _para(doc, "Pièces : {{ nombre_pieces }} pièce(s), énumérée(s) au bordereau joint (article 1407 du code de "
               "procédure civile). {{ frais }}", space_after=Pt(8))
    _para(doc, "{{ document.lieu_date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _signature(doc)
    doc.add_page_break()
    _heading(doc, "Annexe : décompte détaillé")
    _detail_table(doc)
    _heading(doc, "Bordereau des pièces")
    _pieces_table(doc)
    _notes(doc)
    doc.save(HERE / "injonction.docx")


def _pieces_table(doc) -> None:
    _table(doc, ["N°", "Pièce", "Date", "Pages"], ["{{ p.numero }}", "{{ p.titre }}", "{{ p.date }}", "{{ p.pages }}"],
           None, "p in pieces", [14, 106, 34, 16], 3)


def bordereau() -> None:
    doc = _simple_base("Bordereau de pièces")
    _para(doc, "Bordereau des pièces communiquées", bold=True, size=Pt(15), align=WD_ALIGN_PARAGRAPH.CENTER,
          space_after=Pt(10))
    for label, var in (("Juridiction", "tribunal"), ("Demandeur", "demandeur"), ("Défendeur", "defendeur"),
                       ("Dossier", "document.reference")):
        p = _para(doc, f"{label} : ", bold=True)
        p.add_run("{{ " + var + " }}")
    _para(doc, "", space_after=Pt(6))
    _pieces_table(doc)
    _para(doc, "{{ nombre_pieces }} pièce(s), {{ nombre_pages }} page(s).", bold=True, space_after=Pt(8))
    _para(doc, "{{ document.lieu_date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "{{ signature.nom }}", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.save(HERE / "bordereau.docx")


if __name__ == "__main__":
    requete()
    bordereau()
    letter("relance", "Relance")
    letter("avertissement", "Lettre d'avertissement")
    letter("mise-en-demeure", "Mise en demeure")
    decompte()
    print("modèles DOCX écrits dans", HERE)
