"""Exhibits: collect, check, number, stamp, bookmark and merge them into one bundle (pypdf).

The order is the one a court expects: contract or purchase order, general terms, invoices,
delivery proofs, reminders, the mise en demeure and its receipt, then the rest. Every exhibit is
opened and checked before anything is written: a missing, unreadable, password-protected or corrupt
file stops everything with a French message naming it (an owner-password-only PDF that opens with
an empty password is fine). PDF pages are copied as they are (never re-rasterised); JPEG and PNG
scans become pages, turned upright according to their EXIF orientation.

Each page gets a stamp "Pièce n° k — page i/n" in its visual top-right corner, whatever its size
and /Rotate; each exhibit gets a bookmark and page labels "Pk-1", "Pk-2"...
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from procedure.modele import dossier as m
from procedure.modele.actions import AMICABLE, Action
from procedure.chemins import check_inside
from procedure.erreurs import ExhibitError, OutsideFolderError, file_problem
from procedure.limites import MAX_EXHIBIT_BYTES, MAX_SCAN_PIXELS, MIB
from procedure.rendu.images import ImageSizeError
from procedure.texte_fr import date_fr

ORDER = {"contrat": 1, "bon-de-commande": 1, "devis": 1, "cgv": 2, "facture": 3, "livraison": 4,
         "correspondance": 5, "relance": 5, "avertissement": 5, "mise-en-demeure": 6, "accuse-reception": 7,
         "autre": 8, "": 8}
# exhibit categories (``pieces[].categorie``) in court order; a letter's category is its action
ORDER = {**ORDER, Action.COURRIEL: 5, Action.APPEL: 5, Action.PETITES_CREANCES: 6, Action.ACCORD_PAIEMENT: 5}
LETTER_TITLES = {Action.RELANCE: "Lettre de relance", Action.AVERTISSEMENT: "Lettre d'avertissement",
                 Action.MISE_EN_DEMEURE: "Mise en demeure"}


@dataclass
class Exhibit:
    numero: int
    titre: str
    date: date | None
    path: Path
    categorie: str
    pages: int = 0
    kind: str = ""  # pdf | image
    reader: object = None  # the opened pypdf reader, kept for the merge
    sha256: str = ""


@dataclass
class Collected:
    exhibits: list[Exhibit]
    warnings: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(e.pages for e in self.exhibits)


def _sniff(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF" in head:
        return "pdf"
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image"
    return ""


def _image_pdf(path: Path) -> bytes:
    """A scan as a PDF page: upright (EXIF), opaque (transparency on white, 16 bits to 8), at a
    resolution that fits it on A4."""
    from PIL import ImageOps

    from procedure.rendu.images import open_checked, opaque

    with open_checked(path, MAX_SCAN_PIXELS) as img:
        img = opaque(ImageOps.exif_transpose(img))
        # fit 190 x 277 mm (A4 less 1 cm margins): dots per inch so that the image fills it
        dpi = max(img.width / (190 / 25.4), img.height / (277 / 25.4), 72.0)
        out = io.BytesIO()
        img.save(out, "PDF", resolution=dpi, quality=90)
    return out.getvalue()


def open_exhibit(path: Path, label: str):
    """(kind, reader) for an exhibit file, or ExhibitError naming it."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not path.is_file():
        raise ExhibitError(f"{label} : {file_problem(path, 'pièce')}")
    try:
        size = path.stat().st_size
        kind = _sniff(path)
    except OSError as exc:
        raise ExhibitError(f"{label} : pièce illisible ({exc.strerror}) : {path}") from None
    if not kind:
        raise ExhibitError(f"{label} : format non pris en charge (PDF, JPEG ou PNG attendu) : {path}")
    if size > MAX_EXHIBIT_BYTES:
        raise ExhibitError(f"{label} : pièce trop lourde (plus de {MAX_EXHIBIT_BYTES // MIB} Mio) : {path}")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        data = _image_pdf(path) if kind == "image" else path.read_bytes()
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # unsupported algorithm, missing crypto library...
                opened = 0
            if not opened:
                raise ExhibitError(f"{label} : PDF protégé par un mot de passe d'ouverture : {path} ; "
                                   "joignez une copie sans mot de passe")
        pages = len(reader.pages)
        if pages == 0:
            raise ExhibitError(f"{label} : PDF sans aucune page : {path}")
        for page in reader.pages:
            box = page.cropbox
            if float(box.width) <= 0 or float(box.height) <= 0:
                raise ExhibitError(f"{label} : PDF endommagé (page de taille nulle) : {path}")
    except ExhibitError:
        raise
    except ImageSizeError as exc:
        raise ExhibitError(f"{label} : {exc} : {path}") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            OSError, NotImplementedError) as exc:
        raise ExhibitError(f"{label} : {'image' if kind == 'image' else 'PDF'} endommagé ou illisible "
                           f"({type(exc).__name__}) : {path}") from None
    except Exception as exc:  # pypdf raises a wide variety on broken files
        raise ExhibitError(f"{label} : fichier endommagé ou illisible ({type(exc).__name__}) : {path}") from None
    return kind, reader, pages, data


def collect(dossier: m.Dossier, before: date | None = None) -> Collected:
    """Every exhibit of the dossier, in court order, opened and checked; all problems at once.

    ``dossier`` is its state (``procedure.etat.at``): the letters the tool produced (their PDF, when
    intact) and the proofs noted with ``procedure noter`` (an AR) come from its history."""
    items: list[tuple[int, int, str, date | None, Path, str, str]] = []
    seq = 0
    for i, x in enumerate(dossier.pieces, start=1):
        seq += 1
        items.append((ORDER.get(x.categorie, 8), seq, x.titre, x.date, dossier.folder / x.fichier, x.categorie,
                      f"pieces[{i}].fichier"))
    for i, inv in enumerate(dossier.factures, start=1):
        if inv.piece:
            seq += 1
            items.append((ORDER["facture"], seq, f"Facture n° {inv.numero} du {_fr(inv.date)}", inv.date,
                          dossier.folder / inv.piece, "facture", f"factures[{i}].piece"))
    warnings = []
    for h in dossier.historique:
        if h.action not in AMICABLE or (before and h.date > before):
            continue
        for f in h.fichiers:
            if not f.proof and not f.path.endswith(".pdf"):
                continue  # the DOCX and e-mail of a letter: its PDF is the exhibit
            path = dossier.folder / f.path
            check_inside(dossier.folder, path, f"{dossier.folder / 'journal.yaml'}, fichier « {f.path} »")
            if not path.is_file():
                if f.proof:
                    warnings.append(f"{file_problem(path, 'pièce notée au journal')} : non jointe")
                continue
            if hashlib.sha256(path.read_bytes()).hexdigest() != f.sha256:
                warnings.append(f"{path} : modifié depuis son inscription au journal (empreinte différente) : "
                                "non joint")
                continue
            seq += 1
            if f.proof and h.action == Action.MISE_EN_DEMEURE:
                cat, titre = "accuse-reception", f"Avis de réception de la mise en demeure du {_fr(h.date)}"
            else:
                cat, titre = str(h.action), f"{LETTER_TITLES.get(h.action, h.action.label)} du {_fr(h.date)}"
            items.append((ORDER.get(cat, 5), seq, titre, h.date, path, cat, "journal.yaml"))
    items.sort(key=lambda t: (t[0], t[1]))
    exhibits, problems = [], []
    for n, (_, _, titre, when, path, cat, label) in enumerate(items, start=1):
        try:
            if label != "journal.yaml":  # checked above, before reading its checksum
                check_inside(dossier.folder, path, f"{dossier.source}, {label}")
            kind, reader, pages, data = open_exhibit(path, f"{dossier.source}, {label}")
        except (ExhibitError, OutsideFolderError) as exc:
            problems.append(str(exc))
            continue
        exhibits.append(Exhibit(n, titre, when, path, cat, pages, kind, reader, hashlib.sha256(data).hexdigest()))
    if problems:
        raise ExhibitError(problems[0] if len(problems) == 1 else
                           f"{len(problems)} pièces posent problème :\n" + "\n".join(f"  - {p}" for p in problems))
    return Collected(exhibits, warnings)


def _fr(d: date) -> str:
    return date_fr(d)


# --- stamping -------------------------------------------------------------------------------------

def _visual_matrix(rotation: int, x0: float, y0: float, x1: float, y1: float) -> tuple[tuple, float, float]:
    """The matrix mapping visual coordinates (origin bottom-left of the page as displayed) to user
    space, and the visual width and height, for a page shown with /Rotate ``rotation``."""
    w, h = x1 - x0, y1 - y0
    if rotation == 90:
        return (0, 1, -1, 0, x1, y0), h, w
    if rotation == 180:
        return (-1, 0, 0, -1, x1, y1), w, h
    if rotation == 270:
        return (0, -1, 1, 0, x0, y1), h, w
    return (1, 0, 0, 1, x0, y0), w, h


# Helvetica advance widths (1/1000 em) for the characters of a stamp; others count as 556.
_WIDTHS = {" ": 278, "/": 278, "°": 400, "—": 1000, "è": 556, "P": 667, "i": 222, "c": 500, "e": 556,
           "n": 556, "p": 556, "a": 556, "g": 556}


def stamp_stream(text: str, rotation: int, box: tuple[float, float, float, float]) -> bytes:
    """The content stream of a stamp: a white box with black Helvetica text, upright and at the
    visual top-right corner of the page, legible whatever its size."""
    (a, b, c, d, e, f), vw, vh = _visual_matrix(rotation, *box)
    size = max(7.0, min(13.0, min(vw, vh) / 48))
    text_w = sum(_WIDTHS.get(ch, 556) for ch in text) * size / 1000
    pad = size * 0.4
    bw, bh = text_w + 2 * pad, size + 2 * pad
    margin = max(6.0, min(vw, vh) * 0.02)
    bx, by = vw - margin - bw, vh - margin - bh
    raw = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return (f"q {a} {b} {c} {d} {e:.3f} {f:.3f} cm 1 g 0 G 0.6 w {bx:.2f} {by:.2f} {bw:.2f} {bh:.2f} re B "
            f"BT 0 g /ProcStamp {size:.2f} Tf {bx + pad:.2f} {by + pad + size * 0.22:.2f} Td (").encode() + raw + \
        b") Tj ET Q"


def _add_stamp(writer, page, text: str, font_ref) -> None:
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    rotation = page.get("/Rotate", 0)
    rotation = int(rotation.get_object() if hasattr(rotation, "get_object") else rotation) % 360
    box = page.cropbox
    coords = (float(box.left), float(box.bottom), float(box.right), float(box.top))

    def stream(data: bytes):
        s = DecodedStreamObject()
        s.set_data(data)
        return writer._add_object(s)

    contents = page.get("/Contents")
    existing = []
    if contents is not None:
        obj = contents.get_object()
        existing = list(obj) if isinstance(obj, ArrayObject) else [contents]
    # q ... Q isolates the page's own graphics state from the stamp, without parsing its content
    page[NameObject("/Contents")] = ArrayObject(
        [stream(b"q\n"), *existing, stream(b"\nQ\n"), stream(stamp_stream(text, rotation, coords))])
    resources = page.get("/Resources")
    if resources is None:
        resources = DictionaryObject()
        page[NameObject("/Resources")] = resources
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is None:
        fonts = DictionaryObject()
        resources[NameObject("/Font")] = fonts
    fonts.get_object()[NameObject("/ProcStamp")] = font_ref


def build_bundle(front_pdf: bytes, collected: Collected, title: str) -> bytes:
    """Front matter (cover, bordereau) then every exhibit, stamped, bookmarked, labelled."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject

    writer = PdfWriter()
    front = PdfReader(io.BytesIO(front_pdf))
    for page in front.pages:
        writer.add_page(page)
    n_front = len(writer.pages)
    writer.set_page_label(0, n_front - 1, style="/r")
    writer.add_outline_item(title="Bordereau des pièces", page_number=0)
    font_ref = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))
    for ex in collected.exhibits:
        start = len(writer.pages)
        try:
            for i, page in enumerate(ex.reader.pages, start=1):
                added = writer.add_page(page)
                _add_stamp(writer, added, f"Pièce n° {ex.numero} — page {i}/{ex.pages}", font_ref)
        except Exception as exc:  # a file that opened but cannot be copied
            raise ExhibitError(f"{ex.path} : PDF endommagé, copie impossible ({type(exc).__name__})") from None
        writer.add_outline_item(title=f"Pièce n° {ex.numero} — {ex.titre}", page_number=start)
        writer.set_page_label(start, start + ex.pages - 1, style="/D", prefix=f"P{ex.numero}-")
    writer.add_metadata({"/Title": title, "/Producer": "procedure"})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def without_first_page(pdf: bytes, title: str) -> bytes:
    """The bordereau alone: the bundle's front matter less its cover page."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages[1:]:
        writer.add_page(page)
    writer.add_metadata({"/Title": title, "/Producer": "procedure"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
