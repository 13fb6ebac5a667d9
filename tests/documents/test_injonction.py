"""The injonction file: the requête's facts read back from PDF and DOCX; the bundle's pages,
stamps, bookmarks and labels; the refusals; every kind of bad exhibit."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLES, SHARED
from readback import docx_text, norm, pdf_text

DATE = "2026-06-30"


@pytest.fixture(scope="module")
def court_file(tmp_path_factory):
    from click.testing import CliRunner

    from procedure.cli import cli

    folder = tmp_path_factory.mktemp("inj") / "commercant"
    shutil.copytree(SAMPLES / "commercant", folder, ignore=shutil.ignore_patterns("sortie", "journal.yaml"))
    r = CliRunner().invoke(cli, ["mise-en-demeure", str(folder), "--date", "2025-07-15", "--format", "pdf"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["injonction", str(folder), "--date", DATE, "--renvoi-1408"])
    assert r.exit_code == 0, r.output
    out = folder / "sortie"
    return {p.name.split("_", 2)[2]: p for p in out.iterdir() if p.name.startswith(DATE)}


REQUETE_FACTS = [
    "Requête en injonction de payer", "Président du Tribunal des activités économiques de Lyon",
    "44 rue de Bonnel, 69433 Lyon Cedex 03", "Cerfa n° 12946*02",
    "Atelier Dupont, SARL au capital de 20 000 €", "SIREN 732 829 320", "Siège social : 12 rue des Lilas, 69003 Lyon",
    "Représentée par Marie Dupont, gérante", "Boulangerie Martin, SAS", "Siège social : 3 place Bellecour, 69002 Lyon",
    # at 2026-06-30: principal 10000 - 1208.18 - 757.62 + 2460 + 1380.50 = 11874.70
    "11 874,70 €", "1 290,08 €", "120,00 €", "13 284,78 €",
    "treize mille deux cent quatre-vingt-quatre euros et soixante-dix-huit centimes",
    "L441-10 II", "D441-5", "article 1405", "F-2025-031", "Bon de commande signé du 20 février 2025",
    "Relance du 10 avril 2025", "Mise en demeure du 15 juillet 2025, reçue le 17 juillet 2025",
    "article 1408", "Droits de greffe", "Lyon, le 30 juin 2026", "Marie Dupont",
]


@pytest.mark.parametrize("ext", ["pdf", "docx"])
def test_requete_states_what_cpc_1407_requires(court_file, ext):
    path = court_file[f"requete-injonction.{ext}"]
    text = pdf_text(path) if ext == "pdf" else docx_text(path)
    for fact in REQUETE_FACTS:
        assert fact in text, f"{ext}: {fact!r} absent"


def test_bordereau_lists_the_exhibits_in_court_order(court_file):
    text = pdf_text(court_file["bordereau.pdf"])
    order = ["Bon de commande", "Conditions générales de vente", "Facture n° F-2025-031", "Facture n° F-2025-047",
             "Facture n° F-2025-062", "Mise en demeure du 15 juillet 2025"]
    positions = [text.index(t) for t in order]
    assert positions == sorted(positions)
    assert "6 pièces" in text and "(s)" not in text
    from pypdf import PdfReader

    first = norm(PdfReader(str(court_file["bordereau.pdf"])).pages[0].extract_text())
    assert first.startswith("Bordereau des pièces communiquées") and "Bordereau — page 1" in first
    assert "Bon de commande" in docx_text(court_file["bordereau.docx"])


def test_bundle_pages_stamps_bookmarks_labels(court_file):
    from pypdf import PdfReader

    reader = PdfReader(str(court_file["pieces.pdf"]))
    outline = [o.title for o in reader.outline]
    assert outline[0] == "Bordereau des pièces"
    assert outline[1].startswith("Pièce n° 1 — Bon de commande")
    assert len(outline) == 7
    labels = reader.page_labels
    assert labels[0] == "i" and "P1-1" in labels and "P6-1" in labels
    stamped = [norm(p.extract_text()) for p in reader.pages[len(reader.pages) - 8:]]
    assert any("Pièce n° 3 — page 1/1" in t for t in stamped)
    assert "Pièce n° 6 — page 1/" in " ".join(stamped)
    first = reader.pages[0]
    assert "Pièces communiquées" in norm(first.extract_text())


def test_bundle_does_not_rasterise(court_file):
    from pypdf import PdfReader

    reader = PdfReader(str(court_file["pieces.pdf"]))
    # the sample invoices are text PDFs: their text is still text in the bundle
    assert any("Facture n° F-2025-047" in norm(p.extract_text()) and "Pièce n° 4" in norm(p.extract_text())
               for p in reader.pages)


def _make_dossier(root: Path, pieces: dict[str, bytes | Path], kind: str = "professionnel", extra: str = "") -> Path:
    folder = root / "d"
    (folder / "pieces").mkdir(parents=True, exist_ok=True)
    lines = []
    for i, (name, content) in enumerate(pieces.items(), start=1):
        target = folder / "pieces" / name
        if isinstance(content, Path):
            shutil.copy(content, target)
        elif content is not None:
            target.write_bytes(content)
        lines.append(f"  - {{titre: Pièce {i}, fichier: pieces/{name}}}")
    text = f"""\
reference: T-2
creancier:
  type: professionnel
  nom: Créancier SARL
  representant: Jean Dupont, gérant
  adresse: {{ligne1: 1 rue A, code_postal: "69003", ville: Lyon}}
debiteur:
  type: {kind}
  commercant: {'true' if kind == 'professionnel' else 'false'}
  nom: Débiteur
  adresse: {{ligne1: 2 rue B, code_postal: "44300", ville: Nantes}}
factures:
  - {{numero: F1, date: 2025-03-01, echeance: 2025-03-31, montant_ttc: "1000.00"}}
pieces:
{chr(10).join(lines) if lines else '  []'}
{extra}"""
    (folder / "dossier.yaml").write_text(text.replace("pieces:\n  []", "pieces: []"), encoding="utf-8")
    return folder


def _pdf(pages: int = 1, rotate: int = 0, size=(595, 842)) -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=size)
        if rotate:
            pdf.pages[-1].obj.Rotate = rotate
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _encrypted(user: str, owner: str) -> bytes:
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(_pdf()))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user=user, owner=owner, R=4, aes=True))
    return out.getvalue()


def _jpeg_rotated() -> bytes:
    from PIL import Image

    img = Image.new("RGB", (400, 200), (10, 120, 200))
    exif = img.getexif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees clockwise to display
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


@pytest.mark.parametrize("name,content,fragment", [
    ("absente.pdf", None, "pièce introuvable"),
    ("vide.pdf", b"", "format non pris en charge"),
    ("texte.pdf", b"ceci n'est pas un PDF", "format non pris en charge"),
    ("tronque.pdf", b"%PDF-1.4\n1 0 obj <<", "endommagé"),
    ("secret.pdf", "user", "mot de passe"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + b"garbage", "endommagé"),
    ("plat.pdf", "zero", "page de taille nulle"),
])
def test_bad_exhibit_stops_everything(run, tmp_path, name, content, fragment):
    if content == "user":
        content = _encrypted("secret", "owner")
    elif content == "zero":
        import pikepdf

        pdf = pikepdf.open(io.BytesIO(_pdf(2)))
        pdf.pages[1].obj.MediaBox = pikepdf.Array([0, 0, 0, 0])
        out = io.BytesIO()
        pdf.save(out)
        content = out.getvalue()
    folder = _make_dossier(tmp_path, {"ok.pdf": _pdf(), name: content})
    for command in ("pieces", "injonction"):
        r = run(command, str(folder), "--date", DATE)
        assert r.exit_code == 2, (command, r.stderr)
        assert fragment in r.stderr and name in r.stderr and "Traceback" not in r.stderr
        assert not (folder / "sortie").exists() and not (folder / "journal.yaml").exists()


def test_a_damaged_pdf_is_repaired_as_qpdf_does_and_said_so(run, tmp_path):
    data = _pdf(2)
    broken = data[:data.rindex(b"startxref")] + b"startxref\n999999\n%%EOF\n"  # the cross-reference table lost
    folder = _make_dossier(tmp_path, {"abime.pdf": broken})
    r = run("pieces", str(folder), "--date", DATE)
    assert r.exit_code == 0, r.stderr
    assert "pièce n° 1 (abime.pdf) : PDF endommagé, réparé à l'ouverture" in r.stderr


def test_owner_password_only_pdf_is_fine(run, tmp_path):
    folder = _make_dossier(tmp_path, {"owner.pdf": _encrypted("", "owner")})
    r = run("pieces", str(folder), "--date", DATE)
    assert r.exit_code == 0, r.stderr


def test_rotated_pages_and_odd_sizes_get_an_upright_stamp(run, tmp_path):
    from pypdf import PdfReader

    folder = _make_dossier(tmp_path, {"r90.pdf": _pdf(1, 90), "r270.pdf": _pdf(1, 270),
                                      "petit.pdf": _pdf(1, 0, (200, 120)), "scan.jpg": _jpeg_rotated()})
    r = run("pieces", str(folder), "--date", DATE)
    assert r.exit_code == 0, r.stderr
    reader = PdfReader(str(next((folder / "sortie").glob("*_pieces.pdf"))))
    texts = [norm(p.extract_text()) for p in reader.pages]
    for k in range(1, 5):
        assert any(f"Pièce n° {k} — page 1/1" in t for t in texts), k
    scan = reader.pages[-1]
    # EXIF orientation 6: the 400 x 200 image is shown upright, taller than wide
    assert float(scan.mediabox.height) > float(scan.mediabox.width)


def test_stamp_geometry_is_inside_the_visible_page():
    from procedure.pieces.tampons import visual_matrix as _visual_matrix

    for rotation in (0, 90, 180, 270):
        (a, b, c, d, e, f), vw, vh = _visual_matrix(rotation, 10, 20, 610, 820)
        for u, v in ((0, 0), (vw, 0), (0, vh), (vw, vh)):
            x, y = a * u + c * v + e, b * u + d * v + f
            assert 10 - 1e-6 <= x <= 610 + 1e-6 and 20 - 1e-6 <= y <= 820 + 1e-6, rotation


def test_refusals(run, tmp_path, sample):
    folder = sample("commercant")
    yml = folder / "dossier.yaml"
    text = yml.read_text(encoding="utf-8")
    yml.write_text(text.replace("  commercant: true", "  commercant: true\n  procedure_collective: true"),
                   encoding="utf-8")
    r = run("injonction", str(folder), "--date", DATE)
    assert r.exit_code == 2 and "procédure collective" in r.stderr
    yml.write_text(text, encoding="utf-8")
    r = run("injonction", str(folder), "--date", "2031-01-10")
    assert r.exit_code == 2  # an unknown half-year or a prescribed claim: refused, never guessed
    r = run("injonction", str(folder), "--date", "2025-03-15")
    assert r.exit_code == 2 and "rien n'est dû" in r.stderr
    assert not (folder / "sortie").exists()


COURT_GIVEN = """juridiction:
  nom: Tribunal de commerce de Villefranche-Tarare
  adresse: {ligne1: 1 rue du Palais, ligne2: BP 70, code_postal: "69400", ville: Villefranche-sur-Saône}
"""


DEBTOR_LYON = 'adresse: {ligne1: 3 place Bellecour, code_postal: "69002", ville: Lyon}'
DEBTOR_MARTINIQUE = 'adresse: {ligne1: 1 rue Victor Hugo, code_postal: "97200", ville: Fort-de-France}'


@pytest.mark.parametrize("edit,name,address,warned", [
    # the dossier gives the court and its address: used as given, nothing to warn about
    (lambda t: t + COURT_GIVEN, "Tribunal de commerce de Villefranche-Tarare",
     "1 rue du Palais, BP 70, 69400 Villefranche-sur-Saône", False),
    # an overseas trader: the tribunal mixte de commerce, its greffe's address flagged unverified
    (lambda t: t.replace(DEBTOR_LYON, DEBTOR_MARTINIQUE), "Tribunal mixte de commerce de Fort-de-France",
     "35 boulevard du Général de Gaulle, 97200 Fort-de-France", True),
])
def test_requete_names_the_court_and_its_address(run, sample, edit, name, address, warned):
    folder = sample("commercant")
    yml = folder / "dossier.yaml"
    text = yml.read_text(encoding="utf-8")
    assert DEBTOR_LYON in text
    yml.write_text(edit(text), encoding="utf-8")
    r = run("injonction", str(folder), "--date", DATE, "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    assert ("adresse du greffe non vérifiée" in r.stderr) == warned
    text = pdf_text(next((folder / "sortie").glob("*requete-injonction.pdf")))
    assert f"Président du {name} {address}" in text and "Cerfa n° 12946*02" in text


def test_prescribed_claim_is_refused(run, tmp_path):
    folder = _make_dossier(tmp_path, {}, kind="particulier")
    # consumer debtor: 2 years from 2025-03-31 -> prescribed on 2027-03-31; refuse at a later date
    from procedure.api.dossier import load as load_yaml
    from procedure.droit.injonction import check_claimable
    from procedure.erreurs import RefusalError
    from procedure.droit.decompte import compute

    d = load_yaml(folder)
    with pytest.raises(RefusalError, match="prescrite"):
        check_claimable(d, compute(d, __import__("datetime").date(2026, 6, 30)), __import__("datetime").date(2027, 4, 1))


def test_warns_without_mise_en_demeure(run, tmp_path):
    folder = _make_dossier(tmp_path, {"a.pdf": _pdf()})
    r = run("injonction", str(folder), "--date", DATE)
    assert r.exit_code == 0, r.stderr
    assert "aucune mise en demeure" in r.stderr


def test_person_creditor_missing_details_are_asked_for(run, tmp_path):
    folder = _make_dossier(tmp_path, {})
    yml = folder / "dossier.yaml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(
        "  type: professionnel\n  nom: Créancier SARL\n  representant: Jean Dupont, gérant",
        "  type: particulier\n  nom: Martin\n  prenom: Claire"), encoding="utf-8")
    r = run("injonction", str(folder), "--date", DATE, "--format", "docx")
    assert r.exit_code == 0, r.stderr
    assert "creancier.profession" in r.stderr and "creancier.date_naissance" in r.stderr
    text = docx_text(next((folder / "sortie").glob("*requete-injonction.docx")))
    assert "MARTIN Claire" in text and "[à compléter : profession]" in text


TRICKY = SHARED / "corpus" / "pdf_tricky"
MUST_REFUSE = ["qpdf_bad1_not-a-pdf.pdf", "mustang_corrupt-factur-x-waytoosmall.pdf", "pypdf_r2-user-password.pdf",
               "pypdf_libreoffice-writer-password.pdf", "pdfjs_issue3371_userpw.pdf", "pdfjs_issue21579_unicode-pw.pdf",
               "pdfjs_issue15590_startxref-not-found.pdf"]
MUST_ACCEPT = ["pypdf_r4-owner-password.pdf", "pypdf_r6-owner-password.pdf", "qpdf_enc-R3_V2_O=master.pdf",
               "pypdf_r6-user-password.pdf",  # empty owner password: it opens
               "qpdf_rotated.pdf", "qpdf_fxo-red-rotate_nonnormalized.pdf", "qpdf_inherited-rotate.pdf",
               "samplefiles_habibi-rotated.pdf", "pypdf_AutoCad_Simple_A4_rot270.pdf", "pdfjs_sizes.pdf",
               "qpdf_boxes-flattened.pdf", "pdfjs_issue6127_A4+other.pdf", "pypdf_form.pdf",
               "pypdf_Seige_of_Vicksburg_Sample_OCR.pdf", "pdfjs_scan-bad.pdf", "qpdf_form-filled-by-acrobat.pdf",
               "samplefiles_libreoffice-form.pdf", "qpdf_rotated-shared-annotations-2_portrait+landscape.pdf"]


@pytest.mark.skipif(not TRICKY.is_dir(), reason="../shared/corpus/pdf_tricky absent")
@pytest.mark.parametrize("name", sorted(p.name for p in TRICKY.glob("*.pdf")) if TRICKY.is_dir() else [])
def test_real_world_pdf(name):
    from procedure.erreurs import ExhibitError
    from procedure.pieces.recueil import Collected, Exhibit, build_bundle, open_exhibit

    path = TRICKY / name
    try:
        kind, pdf, pages, _ = open_exhibit(path, "pieces[1].fichier")
        bundle = build_bundle(_pdf(), Collected([Exhibit(1, name, None, path, "autre", pages, kind, pdf)]), "t")
    except ExhibitError as exc:
        assert name not in MUST_ACCEPT, f"{name} refused: {exc}"
        assert name in str(exc)
        return
    assert name not in MUST_REFUSE, f"{name} accepted"
    from pypdf import PdfReader

    out = PdfReader(io.BytesIO(bundle))
    assert len(out.pages) == pages + 1
    last = norm(out.pages[-1].extract_text())
    assert f"page {pages}/{pages}" in last
