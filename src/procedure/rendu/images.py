"""Images that reach a document (the logo, scanned exhibits): checked, and re-encoded so that
nothing else is embedded and their content survives.

A transparent PNG (black text on a transparent background) is composited on white: turned to RGB
as it is, its background would become black and the page all black. A 16-bit greyscale image is
scaled to 8 bits (Pillow's conversion clips it, which whitens everything above 1/256 of the
range); a palette image with a transparent colour is composited like the others. A PNG of a few
kilobytes can claim billions of pixels: the size in pixels is checked before anything is decoded.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from procedure.erreurs import InputError, file_problem
from procedure.limites import MAX_LOGO_BYTES, MAX_LOGO_PIXELS, MIB
from procedure.modele import dossier as m

_WITH_ALPHA = ("RGBA", "RGBa", "LA", "La", "PA")
_GREY = ("L", "LA", "La", "1")


class ImageSizeError(ValueError):
    """An image with more pixels than its limit (a decompression bomb, or a poster-sized scan)."""


def open_checked(path: Path, max_pixels: int):
    """Open an image (header only) and refuse it when it has more than ``max_pixels`` pixels,
    before it is decoded; raises ImageSizeError, or PIL's errors for an unreadable file."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(path)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageSizeError(f"image démesurée (plus de {max_pixels // 1_000_000} millions de pixels)") from None
    if img.width * img.height > max_pixels:
        img.close()
        raise ImageSizeError(f"image trop grande ({img.width} × {img.height} pixels ; au plus "
                             f"{max_pixels // 1_000_000} millions de pixels)")
    return img


def opaque(img):
    """``img`` as an 8-bit RGB or greyscale image with nothing transparent left: transparency
    composited on white, 16-bit greyscale scaled to 8 bits, palettes expanded."""
    from PIL import Image

    grey = img.mode in _GREY or img.mode.startswith("I")
    if img.mode.startswith("I;16") or img.mode == "I":
        img = img.convert("I") if img.mode != "I" else img
        img = img.point(lambda v: v * (1 / 256)).convert("L")  # 0..65535 -> 0..255 (convert would clip)
    if img.mode == "P" or "transparency" in img.info or img.mode in _WITH_ALPHA:
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba).convert("L" if grey else "RGB")
    if img.mode not in ("RGB", "L"):
        img = img.convert("L" if grey else "RGB")
    return img


def read_logo(dossier: m.Dossier) -> tuple[bytes | None, str]:
    """The creditor's logo, checked and re-encoded as an opaque PNG (so that nothing else is
    embedded, and a transparent background prints white in the PDF and the DOCX alike)."""
    path = dossier.creancier.logo
    if path is None:
        return None, ""
    where = f"{dossier.source}, champ « creancier.logo »"
    from procedure.chemins import check_inside

    check_inside(dossier.folder, path, where)
    if not path.is_file():
        raise InputError(f"{where} : {file_problem(path)}")
    if path.stat().st_size > MAX_LOGO_BYTES:
        raise InputError(f"{where} : image trop lourde (plus de {MAX_LOGO_BYTES // MIB} Mo) : {path}")
    from PIL import UnidentifiedImageError

    try:
        with open_checked(path, MAX_LOGO_PIXELS) as img:
            if img.format not in ("PNG", "JPEG"):
                raise InputError(f"{where} : format {img.format} non pris en charge (PNG ou JPEG) : {path}")
            img.load()
            out = io.BytesIO()
            opaque(img).save(out, "PNG")
    except ImageSizeError as exc:
        raise InputError(f"{where} : {exc} : {path}") from None
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise InputError(f"{where} : image illisible ({exc.__class__.__name__}) : {path}") from None
    return out.getvalue(), "image/png"
