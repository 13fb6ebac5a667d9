"""The annexed décompte of a long dossier, drawn page by page (A4, the letters' margins and fonts).

The first page states what the annex is (title, parties, legal basis, how to read it); then the table,
its heading repeated on every page. An invoice's lines end with its subtotal; at the foot of each page
the sum of the subtotals printed so far is carried forward (« à reporter ») and restated at the top of
the next one (« report »); the total is the sum of every subtotal printed, checked against the total
the letter states, then the recapitulation. The page numbers (« Page i / n ») are stamped once the
pages are counted. The rows come one invoice at a time and each page is compressed as soon as it is
full: the memory used grows only with the file. See :mod:`procedure.rendu.pdf_brut`.
"""

from __future__ import annotations

from procedure.argent import ZERO, format_eur
from procedure.rendu.pdf_brut import Font, Writer, embed, font, text_string, wrap

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.276, 841.89
TOP, BOTTOM, LEFT, RIGHT = 15 * MM, 22 * MM, 20 * MM, 20 * MM
WIDTH = PAGE_W - LEFT - RIGHT
SIZE, LEAD, PAD_V, PAD_H = 8, 9.6, 2, 2.6  # the table: Liberation Sans 8 pt, a period on one line
INK, GREY_TEXT = "0.067", "0.33"
MAX_CACHED = 20_000  # measured cells kept (the same period, rate and label recur on every invoice)


class _Pages:
    """The drawing of one annex: the current page's operators, the pages done, the carried total."""

    def __init__(self, annex) -> None:
        self.annex = annex
        self.w = Writer()
        self.regular, self.bold = font("LiberationSans-Regular.ttf"), font("LiberationSans-Bold.ttf")
        self.tree = self.w.reserve()
        self.resources = self.w.reserve()
        self.contents: list[int] = []
        self.ops: list[str] = []
        self.y = PAGE_H - TOP
        self.carried = ZERO
        self.table = None  # the columns whose heading each new page repeats, and whether to carry totals
        self.cells: dict = {}
        self.running = self.regular.clean(f"{annex.title} — {annex.subtitle}")

    # -- text -------------------------------------------------------------------------------------
    def lines(self, text: str, f: Font, size: float, width: float | None) -> list[tuple[str, float]]:
        """``text`` wrapped to ``width`` (None: on one line, as a figure): (glyphs in hex, width) per
        line, remembered."""
        key = (text, f is self.bold, size, width)
        found = self.cells.get(key)
        if found is None:
            if len(self.cells) >= MAX_CACHED:
                self.cells.clear()
            clean = f.clean(text)
            parts = [clean] if width is None else wrap(clean, f, size, width)
            found = self.cells[key] = [(f.hex(x), f.width(x, size)) for x in parts]
        return found

    def _font_name(self, f: Font) -> str:
        return "F2" if f is self.bold else "F1"

    def paragraph(self, text: str, size: float = 9, f: Font | None = None, align: str = "l", grey: bool = False,
                  after: float = 4) -> None:
        """Text across the page, broken over pages line by line."""
        f = f or self.regular
        lead = size * 1.25
        for hexed, width in self.lines(text, f, size, WIDTH):
            if self.y - lead < BOTTOM:
                self.new_page()
            x = LEFT + (WIDTH - width) / 2 if align == "c" else LEFT
            self.y -= lead
            self.ops.append(f"BT /{self._font_name(f)} {size} Tf {GREY_TEXT if grey else INK} g 1 0 0 1 {x:.2f} "
                            f"{self.y + (lead - size) / 2 + size * 0.22:.2f} Tm <{hexed}> Tj ET")
        self.y -= after

    # -- the table --------------------------------------------------------------------------------
    def columns(self, spec) -> list[tuple[float, float, str, str, str]]:
        """(x, width, align, key, label) for each column of ``spec``."""
        out, x = [], LEFT
        for label, share, align, key in spec:
            out.append((x, WIDTH * share, align, key, label))
            x += WIDTH * share
        return out

    def measure(self, cols, values: list[str], bold: bool) -> tuple[list, float]:
        f = self.bold if bold else self.regular
        cells = [self.lines(v, f, SIZE, None if align == "r" else w - 2 * PAD_H) if v else []
                 for (x, w, align, *_), v in zip(cols, values)]
        return cells, 2 * PAD_V + LEAD * max(1, *(len(c) for c in cells))

    def draw_row(self, cols, cells, height: float, bold: bool, fill: str = "", rule: tuple = (0.3, "0.8"),
                 top_rule: float = 0) -> None:
        top, bottom = self.y, self.y - height
        ops = self.ops
        if fill:
            ops.append(f"{fill} g {LEFT:.2f} {bottom:.2f} {WIDTH:.2f} {height:.2f} re f")
        if top_rule:
            ops.append(f"{top_rule} w 0.6 G {LEFT:.2f} {top:.2f} m {LEFT + WIDTH:.2f} {top:.2f} l S")
        ops.append(f"{rule[0]} w {rule[1]} G {LEFT:.2f} {bottom:.2f} m {LEFT + WIDTH:.2f} {bottom:.2f} l S")
        parts = [f"BT /{'F2' if bold else 'F1'} {SIZE} Tf {INK} g"]
        base = top - PAD_V - LEAD + (LEAD - SIZE) / 2 + SIZE * 0.22
        # line by line across the cells: the first line of every cell, then the next ones, so that a
        # row reads (and copies) as one line of text, its amount last
        for i in range(max(map(len, cells))):
            for (x, w, align, _, _), lines in zip(cols, cells):
                if i < len(lines):
                    hexed, width = lines[i]
                    tx = x + w - PAD_H - width if align == "r" else x + PAD_H
                    parts.append(f"1 0 0 1 {tx:.2f} {base - i * LEAD:.2f} Tm <{hexed}> Tj")
        parts.append("ET")
        ops.append(" ".join(parts))
        self.y = bottom

    def heading(self, cols) -> None:
        cells, h = self.measure(cols, [c[4] for c in cols], True)
        self.draw_row(cols, cells, h, True, fill="0.91", rule=(0.8, "0.2"))

    def carried_row(self, cols, label: str) -> None:
        values = [label] + [""] * (len(cols) - 2) + [format_eur(self.carried)]
        cells, h = self.measure(self._span(cols), [values[0], values[-1]], False)
        self.draw_row(self._span(cols), cells, h, False, fill="0.97")

    @staticmethod
    def _span(cols):
        """The first columns joined into one (a label across the table), and the last."""
        x0, last = cols[0][0], cols[-1]
        return [(x0, last[0] - x0, "l", "", ""), last]

    def start_table(self, spec, carry: bool) -> list:
        cols = self.columns(spec)
        self.table = (cols, carry)
        one_line = 2 * PAD_V + LEAD
        if self.y - 3 * one_line < BOTTOM:
            self.new_page()
        else:
            self.heading(cols)
        return cols

    def row(self, cols, row: dict) -> None:
        kind = row.get("type", "")
        bold = kind in ("facture", "total")
        cells, h = self.measure(cols, [row.get(c[3], "") for c in cols], bold)
        one_line = 2 * PAD_V + LEAD
        keep = one_line if kind == "facture" else 0  # an invoice's heading never ends a page alone
        reserve = one_line if self.table and self.table[1] else 0  # room for « à reporter »
        if self.y - h - keep - reserve < BOTTOM:
            self.new_page()
        if kind == "sous-total":
            self.draw_row(cols, cells, h, False, fill="0.96", rule=(0.6, "0.6"))
        elif kind == "total":
            self.draw_row(cols, cells, h, True, fill="0.95", rule=(0.8, "0.2"), top_rule=0.8)
        else:
            self.draw_row(cols, cells, h, bold, top_rule=0.6 if kind == "facture" else 0)
        value = row.get("_valeur")
        if value is not None:
            self.carried += value

    # -- pages ------------------------------------------------------------------------------------
    def new_page(self) -> None:
        cols, carry = self.table or (None, False)
        if cols and carry:
            self.carried_row(cols, self.annex.carried[1])
        self.close_page()
        self.y = PAGE_H - TOP
        self.paragraph(self.running, size=7.5, grey=True, after=3)
        if cols:
            self.heading(cols)
            if carry:
                self.carried_row(cols, self.annex.carried[0])

    def close_page(self) -> None:
        self.contents.append(self.w.stream("\n".join(self.ops).encode("ascii")))
        self.ops = []

    def finish(self, title: str, author: str) -> tuple[bytes, int]:
        """Stamp the footer and « Page i / n » on every page, write the page tree; the file and its pages."""
        self.close_page()
        w, n = self.w, len(self.contents)
        pied = self._footer_form()
        fonts = b"<< /F1 %d 0 R /F2 %d 0 R >>" % (embed(w, self.regular), embed(w, self.bold))
        w.put(self.resources, b"<< /Font %s /XObject << /Pied %d 0 R >> >>" % (fonts, pied))
        kids = []
        for i, body in enumerate(self.contents, start=1):
            stamp = "q 1 0 0 1 0 0 cm /Pied Do Q"
            if n > 1:
                label = f"Page {i} / {n}"
                hexed, width = self.lines(label, self.regular, 8, WIDTH)[0]
                stamp += (f" BT /F1 8 Tf {GREY_TEXT} g 1 0 0 1 {PAGE_W - RIGHT - width:.2f} {BOTTOM - 2 * MM - 8:.2f} Tm "
                          f"<{hexed}> Tj ET")
            foot = w.stream(stamp.encode("ascii"), level=1)
            kids.append(w.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.3f %.3f] /Resources %d 0 R "
                              b"/Contents [%d 0 R %d 0 R] >>" % (self.tree, PAGE_W, PAGE_H, self.resources, body, foot)))
        w.put(self.tree, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (n, b" ".join(b"%d 0 R" % k for k in kids)))
        root = w.add(b"<< /Type /Catalog /Pages %d 0 R /Lang (fr) /ViewerPreferences << /DisplayDocTitle true >> >>"
                     % self.tree)
        info = w.add(b"<< /Title %s /Author %s /Creator (procedure) /Producer (procedure) >>"
                     % (text_string(title), text_string(author)))
        return w.finish(root, info), n

    def _footer_form(self) -> int:
        """The letterhead line at the foot of every page, drawn once (a form XObject)."""
        ops = [f"0.4 w 0.6 G {LEFT:.2f} {BOTTOM:.2f} m {LEFT + 150 * MM:.2f} {BOTTOM:.2f} l S"]
        y = BOTTOM - 2 * MM
        for hexed, _ in self.lines(self.annex.footer, self.regular, 7.5, 150 * MM)[:4]:
            y -= 9
            ops.append(f"BT /F1 7.5 Tf {GREY_TEXT} g 1 0 0 1 {LEFT:.2f} {y + 1.6:.2f} Tm <{hexed}> Tj ET")
        return self.w.stream("\n".join(ops).encode("ascii"),
                             b"/Type /XObject /Subtype /Form /BBox [0 0 %.3f %.3f] /Resources %d 0 R "
                             % (PAGE_W, PAGE_H, self.resources))


def render(annex, title: str, author: str) -> tuple[bytes, int]:
    """The annex (:class:`procedure.contexte.annexe.Annex`) as a PDF; its bytes and number of pages.

    Raises RuntimeError (an internal error) if the subtotals printed do not add up to the total the
    letter states: they come from the same figures, so it would be a defect, never a document to send."""
    p = _Pages(annex)
    p.paragraph(annex.title, size=13, f=p.bold, align="c", after=1)
    p.paragraph(annex.subtitle, size=9.5, align="c", after=8)
    for line in annex.heading:
        p.paragraph(line, after=1)
    p.y -= 4
    for text in annex.paragraphs:
        p.paragraph(text, size=8.5)
    cols = p.start_table(annex.columns, carry=True)
    for row in annex.rows():
        p.row(cols, row)
    total = p.carried
    if total != annex.total:
        raise RuntimeError(f"annexe incohérente : les sous-totaux font {format_eur(total)}, le total annoncé "
                            f"{format_eur(annex.total)}")
    p.table = None
    span = p._span(cols)
    cells, h = p.measure(span, [annex.total_label, format_eur(total)], True)
    if p.y - h < BOTTOM:
        p.new_page()
    p.draw_row(span, cells, h, True, fill="0.95", rule=(0.8, "0.2"), top_rule=0.8)
    p.y -= 3
    if annex.words:
        p.paragraph(annex.words)
    p.y -= 4
    _recap(p, annex.recap)
    for note in annex.notes:
        p.paragraph(note, size=8, grey=True)
    return p.finish(title, author)


def _recap(p: _Pages, recap: dict) -> None:
    """The totals: each figure on its line, then their sum."""
    cols = p.start_table([("Récapitulatif", 0.75, "l", "libelle"), ("Montant", 0.25, "r", "montant")], carry=False)
    for r in recap["lignes"]:
        p.row(cols, r)
    p.row(cols, {"type": "total", "libelle": recap["total_libelle"], "montant": recap["total"]})
    p.table = None

