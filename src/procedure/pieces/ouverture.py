"""Opening one exhibit file (pikepdf, that is qpdf): a PDF as it is, a JPEG or PNG scan as a page.

A damaged PDF is repaired as ``qpdf`` repairs it (its cross-reference table rebuilt from the
objects); what cannot be opened, a file with an opening (user) password, a PDF without pages or
with a page of zero size is refused with a French message naming the file. A PDF protected only
against changes (an owner password) opens with the empty password: it is accepted. Scans are
turned upright according to their EXIF orientation and made opaque (:mod:`procedure.rendu.images`);
PDF pages are never re-rasterised.
"""

from __future__ import annotations

import io
from pathlib import Path

from procedure.erreurs import ExhibitError, file_problem, os_reason
from procedure.limites import MAX_EXHIBIT_BYTES, MAX_SCAN_PIXELS, MIB
from procedure.rendu.images import ImageSizeError


def _sniff(head: bytes) -> str:
    """The kind of a file from its first kilobyte: ``pdf``, ``image`` (JPEG, PNG) or ""."""
    head = head[:1024]
    if b"%PDF" in head:
        return "pdf"
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image"
    return ""


def _image_pdf(path: Path) -> bytes:
    """A scan as a PDF page: upright (EXIF), opaque (transparency on white, 16 bits to 8), at a
    resolution that fits it on A4."""
    from PIL import ImageOps

    from procedure.rendu.images import opaque, open_checked

    with open_checked(path, MAX_SCAN_PIXELS) as img:
        img = opaque(ImageOps.exif_transpose(img))
        # fit 190 x 277 mm (A4 less 1 cm margins): dots per inch so that the image fills it
        dpi = max(img.width / (190 / 25.4), img.height / (277 / 25.4), 72.0)
        out = io.BytesIO()
        img.save(out, "PDF", resolution=dpi, quality=90)
    return out.getvalue()


def page_box(page) -> tuple[float, float, float, float]:
    """The visible part of a page, (x0, y0, x1, y1) with x0 < x1 and y0 < y1: its crop box (its
    media box when it has none) within its media box, as a viewer shows it."""
    media = [float(v) for v in page.mediabox]
    crop = [float(v) for v in page.cropbox]
    if len(media) != 4 or len(crop) != 4:
        raise ValueError("page box")
    mx0, mx1 = sorted(media[0::2])
    my0, my1 = sorted(media[1::2])
    cx0, cx1 = sorted(crop[0::2])
    cy0, cy1 = sorted(crop[1::2])
    return max(mx0, cx0), max(my0, cy0), min(mx1, cx1), min(my1, cy1)


def page_rotation(page) -> int:
    """The page's /Rotate (inherited values are pushed to the pages when a file is opened), in
    0, 90, 180, 270; a value that is not a multiple of 90 is ignored, as viewers do."""
    value = page.obj.get("/Rotate")
    try:
        rotation = int(value) if value is not None else 0
    except (TypeError, ValueError):
        return 0
    return rotation % 360 if rotation % 90 == 0 else 0


def open_exhibit(path: Path, label: str):
    """(kind, pdf, pages, data) for an exhibit file: its kind (``pdf`` or ``image``), the opened
    ``pikepdf.Pdf``, its number of pages and the bytes read; or ExhibitError naming it."""
    import pikepdf

    if not path.is_file():
        raise ExhibitError(f"{label} : {file_problem(path, 'pièce')}")
    try:
        if path.stat().st_size > MAX_EXHIBIT_BYTES:
            raise ExhibitError(f"{label} : pièce trop lourde (plus de {MAX_EXHIBIT_BYTES // MIB} Mio) : {path}")
        data = path.read_bytes()
    except OSError as exc:
        raise ExhibitError(f"{label} : pièce illisible ({os_reason(exc)}) : {path}") from None
    kind = _sniff(data)
    if not kind:
        raise ExhibitError(f"{label} : format non pris en charge (PDF, JPEG ou PNG attendu) : {path}")
    what = "image" if kind == "image" else "PDF"
    try:
        if kind == "image":
            data = _image_pdf(path)
        pdf = pikepdf.open(io.BytesIO(data))  # the empty password: an owner-password-only PDF opens
        pages = len(pdf.pages)
        if pages == 0:
            raise ExhibitError(f"{label} : PDF sans aucune page : {path}")
        for page in pdf.pages:
            x0, y0, x1, y1 = page_box(page)
            if x1 - x0 <= 0 or y1 - y0 <= 0:
                raise ExhibitError(f"{label} : PDF endommagé (page de taille nulle) : {path}")
    except ExhibitError:
        raise
    except pikepdf.PasswordError:
        raise ExhibitError(f"{label} : PDF protégé par un mot de passe d'ouverture : {path} ; "
                           "joignez une copie sans mot de passe") from None
    except ImageSizeError as exc:
        raise ExhibitError(f"{label} : {exc} : {path}") from None
    except (pikepdf.PdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            OSError, NotImplementedError) as exc:
        raise ExhibitError(f"{label} : {what} endommagé ou illisible ({type(exc).__name__}) : {path}") from None
    except Exception as exc:  # Pillow and qpdf raise a wide variety on broken files
        raise ExhibitError(f"{label} : fichier endommagé ou illisible ({type(exc).__name__}) : {path}") from None
    return kind, pdf, pages, data
