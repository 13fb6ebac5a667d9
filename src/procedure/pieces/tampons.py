"""The stamp "Pièce n° k — page i/n": a white box with black Helvetica text, upright in the visual
top-right corner of every page, whatever its size, its /Rotate (own or inherited) and the origin
of its boxes.

The page's own content is left as it is: it is wrapped in ``q … Q`` (so that a graphics state it
leaves behind cannot move the stamp) and the stamp is drawn after it, with a font resource
``/ProcStamp`` (Helvetica, WinAnsi) added to the page's fonts.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import repeat

from procedure.pieces.ouverture import page_box, page_rotation


def visual_matrix(rotation: int, x0: float, y0: float, x1: float, y1: float) -> tuple[tuple, float, float]:
    """The matrix mapping visual coordinates (origin bottom-left of the page as displayed) to user
    space, and the visual width and height, for a page shown with /Rotate ``rotation``.

    >>> visual_matrix(90, 0, 0, 600, 800)
    ((0, 1, -1, 0, 600, 0), 800, 600)
    """
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
    units = sum(map(_WIDTHS.get, text, repeat(556, len(text))))
    raw = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return _frame(rotation, box, units) + raw + b") Tj ET Q"


@lru_cache(maxsize=256)
def _frame(rotation: int, box: tuple[float, float, float, float], units: int) -> bytes:
    """The stamp's stream up to its text, for a text ``units`` thousandths of an em wide: the same
    for most pages of a bundle (their size, rotation and page numbers' width alike)."""
    (a, b, c, d, e, f), vw, vh = visual_matrix(rotation, *box)
    size = max(7.0, min(13.0, min(vw, vh) / 48))
    text_w = units * size / 1000
    pad = size * 0.4
    bw, bh = text_w + 2 * pad, size + 2 * pad
    margin = max(6.0, min(vw, vh) * 0.02)
    bx, by = vw - margin - bw, vh - margin - bh
    return (f"q {a} {b} {c} {d} {e:.3f} {f:.3f} cm 1 g 0 G 0.6 w {bx:.2f} {by:.2f} {bw:.2f} {bh:.2f} re B "
            f"BT 0 g /ProcStamp {size:.2f} Tf {bx + pad:.2f} {by + pad + size * 0.22:.2f} Td (").encode()


def stamp_pages(pdf, numero: int) -> None:
    """Stamp every page of ``pdf`` (a ``pikepdf.Pdf``) "Pièce n° ``numero`` — page i/n"."""
    from pikepdf import Array, Dictionary, Name, Stream

    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                                        Encoding=Name.WinAnsiEncoding))
    # one "q" and one "Q" stream shared by the pages: q ... Q isolates the page's own graphics
    # state from the stamp, without parsing its content
    save, restore = pdf.make_stream(b"q\n"), pdf.make_stream(b"\nQ\n")
    contents_key, resources_key, font_key, stamp_key = Name.Contents, Name.Resources, Name.Font, Name.ProcStamp
    count = len(pdf.pages)
    for i, page in enumerate(pdf.pages, start=1):
        obj = page.obj
        stamp = pdf.make_stream(stamp_stream(f"Pièce n° {numero} — page {i}/{count}", page_rotation(page),
                                             page_box(page)))
        contents = obj.get(contents_key)
        if contents is None:
            existing = []
        elif isinstance(contents, Array):
            existing = list(contents)
        elif isinstance(contents, Stream):
            existing = [contents]
        else:  # a malformed /Contents draws nothing in a viewer: the stamp alone
            existing = []
        obj[contents_key] = Array([save, *existing, restore, stamp])
        resources = obj.get(resources_key)
        if not isinstance(resources, Dictionary):
            obj[resources_key] = Dictionary()
            resources = obj[resources_key]
        fonts = resources.get(font_key)
        if not isinstance(fonts, Dictionary):
            resources[font_key] = Dictionary()
            fonts = resources[font_key]
        fonts[stamp_key] = font
