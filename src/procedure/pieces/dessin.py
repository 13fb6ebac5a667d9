"""Drawing pages directly as PDF content, the way WeasyPrint lays lettre.css out: A4 and its
margins, the shipped Liberation fonts (:mod:`procedure.pieces.polices`) with their kerning (they have
no ligatures), CSS line boxes (ascent and descent centred in the line height, in Pango's units) and
line breaking (at spaces, after hyphens, dashes and slashes, as Pango does; a word longer than its
line cut anywhere, as ``overflow-wrap: anywhere`` does). Used by :mod:`procedure.pieces.bordereau_pdf`.
"""

from __future__ import annotations

import math
import re

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
TOP, BOTTOM, LEFT, RIGHT = 15 * MM, 22 * MM, 20 * MM, 20 * MM  # lettre.css: @page margin
X0, X1 = LEFT, PAGE_W - RIGHT
WIDTH = X1 - X0
END = PAGE_H - BOTTOM  # where the content of a page ends, measured from the top

FONTS = {"serif": "LiberationSerif-Regular", "serif-b": "LiberationSerif-Bold",
         "sans": "LiberationSans-Regular", "sans-b": "LiberationSans-Bold"}
RESOURCE = {"serif": "/F1", "serif-b": "/F2", "sans": "/F3", "sans-b": "/F4"}
INK, FOOT_INK, SMALL_INK = 0x11 / 255, 0x55 / 255, 0x44 / 255


_loaded: dict = {}


def _font(key: str):
    found = _loaded.get(key)
    if found is None:
        from procedure.pieces.polices import font

        found = _loaded[key] = font(FONTS[key])
    return found


def draws(texts) -> bool:
    """Whether every character of ``texts`` (white space aside) is drawn by all four fonts."""
    chars = set().union(*map(set, map(str, texts))) - set(" \t\n\r\f")
    return all(_font(key).draws("".join(chars)) for key in FONTS)


def clean(text: str) -> str:
    """HTML's ``white-space: normal``: runs of spaces, tabs and line feeds become one space."""
    return re.sub(r"[ \t\n\r\f]+", " ", text)


def _normalized(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Runs with their white space collapsed across runs, leading and trailing spaces removed."""
    out, space = [], True  # at the start of a block, spaces vanish
    for key, text in runs:
        text = clean(text)
        if space:
            text = text.lstrip(" ")
        if text:
            space = text.endswith(" ")
            out.append((key, text))
    if out:
        out[-1] = (out[-1][0], out[-1][1].rstrip(" "))
    return [(k, t) for k, t in out if t]


QUOTES = "«»\"'‹›“”‘’„"
OPENING = "([{"
NOT_AFTER_SPACE = ")]}!?;:,./"  # UAX #14 LB13: no break before these, even after spaces (« Facture : »)


def _breaks_at_space(text: str, i: int) -> bool:
    """Whether a line may break after the spaces ending at ``i`` (UAX #14, LB13 to LB15)."""
    nxt = text[i + 1]
    j = i
    while j >= 0 and text[j] == " ":
        j -= 1
    prev = text[j] if j >= 0 else ""
    return not (nxt in NOT_AFTER_SPACE or prev in OPENING or (prev in QUOTES and nxt in OPENING))


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break, as Pango (UAX #14) does for the characters of French
    titles: after spaces (but not before « : », « ; », « ! », « ? »...); after a hyphen, a dash or a
    slash followed by a letter (« F-2025-031 » and « 01/02 » stay whole, « bon-de-commande » and
    « a/b » may break); before an em dash."""
    out, start = [], 0
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        if ch == "—" and i > start and prev not in " " + QUOTES + OPENING:
            out.append(text[start:i])
            start = i
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if ch == " ":
            cut = nxt != " " and nxt != "" and _breaks_at_space(text, i)
        else:
            cut = (ch in "-‐–—/" and (i > start or ch == "—") and nxt != "" and nxt != " " and not nxt.isdigit()
                   and nxt not in QUOTES + NOT_AFTER_SPACE)
        if cut:
            out.append(text[start:i + 1])
            start = i + 1
    if start < len(text):
        out.append(text[start:])
    return out


def wrap(runs: list[tuple[str, str]], size: float, width: float) -> list[list[tuple[str, str]]]:
    """Lines of (font key, text) runs no wider than ``width`` (white space collapsed as HTML does;
    trailing spaces hang), measured with the fonts' kerning."""
    chars = [(ch, key) for key, text in _normalized(runs) for ch in text]
    text = "".join(ch for ch, _ in chars)
    advance = [_font(key).advance(ch, size) for ch, key in chars]
    # the kerning between a character and the one before it, when both are in the same font
    kern = [0.0] + [_font(key).kern(text[i - 1], ch, size) if chars[i - 1][1] == key else 0.0
                    for i, (ch, key) in enumerate(chars) if i]
    lines: list[list[int]] = []
    line: list[int] = []
    used = 0.0

    def add(i: int) -> None:
        nonlocal used
        used += advance[i] + (kern[i] if line else 0.0)
        line.append(i)

    def extent(indices) -> float:  # the width these characters add to the current line
        return sum(advance[i] + (kern[i] if (line or i != indices[0]) else 0.0) for i in indices)

    at = 0
    for piece in _pieces(text):
        span = list(range(at, at + len(piece)))
        at += len(piece)
        body = span[:len(piece.rstrip(" "))]  # trailing spaces hang in the margin
        if line and body and used + extent(body) > width + 1e-6:
            lines.append(line)
            line, used = [], 0.0
        if not line and body and extent(body) > width + 1e-6:  # a word longer than the line: cut anywhere
            for i in span:
                if line and text[i] != " " and used + advance[i] + kern[i] > width + 1e-6:
                    lines.append(line)
                    line, used = [], 0.0
                add(i)
            continue
        for i in span:
            add(i)
    if line:
        lines.append(line)
    out = []
    for indices in lines:
        merged: list[tuple[str, str]] = []
        for i in indices:
            ch, key = chars[i]
            if merged and merged[-1][0] == key:
                merged[-1] = (key, merged[-1][1] + ch)
            else:
                merged.append((key, ch))
        out.append(merged)
    return out


def _line_width(line: list[tuple[str, str]], size: float, spacing: float = 0.0) -> float:
    text_end = len("".join(t for _, t in line).rstrip(" "))
    total, seen = 0.0, 0
    for key, text in line:
        part = text[:max(0, text_end - seen)]
        seen += len(text)
        total += _font(key).width(part, size, spacing)
    return total


class Page:
    """The content stream of one page, drawn top-down (``top`` is measured from the top edge)."""

    def __init__(self):
        self.ops: list[str] = []

    def fill(self, x: float, top: float, w: float, h: float, grey: float) -> None:
        self.ops.append(f"{grey:.3f} g {x:.2f} {PAGE_H - top - h:.2f} {w:.2f} {h:.2f} re f")

    def line(self, line: list[tuple[str, str]], size: float, x: float, baseline: float, grey: float = INK,
             spacing: float = 0.0, extra_per_space: float = 0.0) -> None:
        """One line of runs from ``x``; ``extra_per_space`` justifies it (points added at each space)."""
        text_end = len("".join(t for _, t in line).rstrip(" "))
        parts, seen = [], 0
        for key, text in line:
            text = text[:max(0, text_end - seen)]
            seen += len(text)
            if not text:
                continue
            shown = f"{_font(key).shown(text, size, extra_per_space)} TJ"
            parts.append(f"{RESOURCE[key]} {size:g} Tf {shown}")
        if parts:
            self.ops.append(f"BT {grey:.3f} g {spacing:g} Tc 1 0 0 1 {x:.2f} {PAGE_H - baseline:.2f} Tm "
                            + " ".join(parts) + " ET")


def text_block(page: Page, runs, size: float, top: float, leading: float | None, x: float = X0, width: float = WIDTH,
               align: str = "left", grey: float = INK, spacing: float = 0.0) -> float:
    """Draw a paragraph of (font key, text) runs, wrapped to ``width``, from ``top``; its bottom.
    ``leading`` is the CSS line-height factor (None: CSS ``normal``, the font's ascent + descent);
    ``align``: left, right, center or justify; ``spacing``: CSS letter-spacing, in points."""
    # an empty block has no line box: nothing drawn, no room taken
    return place(page, wrap(runs, size, width), size, top, leading, x, width, align, grey, spacing)


def place(page: Page, lines, size: float, top: float, leading: float | None, x: float, width: float,
          align: str = "left", grey: float = INK, spacing: float = 0.0) -> float:
    """Draw lines already wrapped (see :func:`text_block`); their bottom."""
    if not lines:
        return top
    ascent, descent = _metrics(lines[0][0][0], size)
    height = size * leading if leading else ascent + descent
    offset = (height - ascent - descent) / 2 + ascent  # CSS centres ascent + descent in the line box
    for n, line in enumerate(lines):
        used = _line_width(line, size, spacing)
        left, extra = x, 0.0
        if align == "center":
            left = x + (width - used) / 2
        elif align == "right":
            left = x + width - used
        elif align == "justify" and n < len(lines) - 1:
            spaces = "".join(t for _, t in line).rstrip(" ").count(" ")
            extra = (width - used) / spaces if spaces else 0.0
        page.line(line, size, left, top + offset, grey, spacing, extra)
        top += height
    return top


def _metrics(key: str, size: float) -> tuple[float, float]:
    """The font's ascent and descent at ``size`` points, as Pango gives them to WeasyPrint: in
    1/1024 of a CSS pixel, rounded down (over 40 table rows, the difference is a row's fit)."""
    font, px = _font(key), size * 4 / 3

    def pango(ems: float) -> float:
        return math.floor(ems * px * 1024) / 1024 * 0.75

    return pango(font.ascent), pango(font.descent)


def line_height(key: str, size: float, leading: float | None = None) -> float:
    """A line box's height: ``leading`` times the size, or CSS ``normal`` (ascent + descent)."""
    return size * leading if leading else sum(_metrics(key, size))


def render(pages: list[Page], title: str, author: str) -> bytes:
    """The pages as a PDF with the four fonts embedded once."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, Stream

    from procedure.pieces.recueil import save

    pdf = pikepdf.new()
    fonts = Dictionary({RESOURCE[key]: _font(key).embed(pdf) for key in FONTS})
    resources = pdf.make_indirect(Dictionary(Font=fonts))
    for page in pages:
        pdf.pages.append(pikepdf.Page(Dictionary(
            Type=Name.Page, MediaBox=Array([0, 0, round(PAGE_W, 3), round(PAGE_H, 3)]), Resources=resources,
            Contents=pdf.make_indirect(Stream(pdf, "\n".join(page.ops).encode("ascii"))))))
    if author:
        pdf.docinfo["/Author"] = pikepdf.String(author)
    return save(pdf, title)
