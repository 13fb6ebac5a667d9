"""The bordereau drawn directly as PDF pages, for the shipped template: cover, then the bordereau.

Laying out a table of 200 rows through WeasyPrint is most of the time of a large bundle. For the
shipped ``bordereau.html`` (with ``lettre.css`` and ``signature.html``), :func:`draw_front` draws the
same pages from the same context (:func:`procedure.contexte.bordereau.build`): the same texts in the
same order, in the same fonts, sizes, margins, line heights, column widths and colours
(:mod:`procedure.pieces.dessin`), so that the page breaks fall where WeasyPrint puts them. A table row
never splits, the table header repeats on each page, the signature block is kept whole.

The difference, by design: the bordereau's pages say "Bordereau — page i/n" where the HTML can only
say "page i" (its page total counts the cover). A template of the user's own, or a text the shipped
fonts cannot draw, goes through WeasyPrint (``draw_front`` returns None).
"""

from __future__ import annotations

from procedure.pieces.dessin import (END, FOOT_INK, MM, SMALL_INK, TOP, WIDTH, X0, Page, draws, line_height, place,
                                     render, text_block, wrap)

CELL = 8.8  # table.tableau: 8.8 pt sans, line-height normal
COLUMNS = (0.08 * WIDTH, 0.62 * WIDTH, 0.20 * WIDTH, 0.10 * WIDTH)
PAD_X, PAD_TH, PAD_TD = 1.2 * MM, 1.3 * MM, 1.1 * MM
HEAD_RULE, ROW_RULE = (0.8, 0x33 / 255), (0.3, 0xCC / 255)  # width, grey
HEAD_BG, TOTAL_BG = 0xE8 / 255, 0xF2 / 255
BODY, LEADING = 11.0, 1.3  # html: 11 pt serif, line-height 1.3
SIGNATURE_X = 90 * MM  # .signature: margin-left 90 mm
FOOTER_W = 130 * MM  # @bottom-left: width 130 mm, as bordereau.html (the page number keeps 40 mm)


def _texts(ctx: dict) -> list[str]:
    doc = ctx["document"]
    return [ctx["tribunal"], ctx["demandeur"], ctx["defendeur"], ctx["pied"], doc["reference"], doc["date"],
            doc["lieu_date"], ctx["nombre_pieces"], ctx["nombre_pages"], *ctx["signature"].values(),
            *(v for p in ctx["pieces"] for v in p.values())]


def draw_front(ctx: dict, title: str, author: str) -> bytes | None:
    """The bundle's front matter (the cover when ``ctx["couverture"]``, then the bordereau) as a
    PDF; None when a text has a character the shipped fonts lack (WeasyPrint then lays it out)."""
    if not draws(_texts(ctx)):
        return None
    body = _bordereau(ctx)
    for number, page in enumerate(body, start=1):
        _footer(page, ctx["pied"], number, len(body))
    return render(([_cover(ctx)] if ctx["couverture"] else []) + body, title, author)


def _cover(ctx: dict) -> Page:
    """.couverture: centred, 60 mm down; h1 22 pt, lines 13 pt 3 mm apart, the small print 20 mm below."""
    page = Page()
    top = text_block(page, [("serif-b", "Pièces communiquées")], 22, TOP + 60 * MM, LEADING, align="center",
                     spacing=0.3) + 10 * MM
    lines = [[("serif", "à l'appui de la requête en injonction de payer")], [("serif-b", ctx["tribunal"])]]
    for runs in lines:
        bottom = text_block(page, runs, 13, top, LEADING, align="center")
        top = bottom + 3 * MM if bottom > top else top  # an empty line takes no room
    for text in (ctx["demandeur"], "contre", ctx["defendeur"]):
        top = text_block(page, [("serif", text)], 13, top, LEADING, align="center")
    top += 20 * MM
    doc = ctx["document"]
    for text in (f"Dossier {doc['reference']} — {doc['date']}", f"{ctx['pieces_texte']}, {ctx['pages_texte']}"):
        top = text_block(page, [("serif", text)], 10, top, LEADING, align="center", grey=SMALL_INK)
    return page


class _Flow:
    """Pages filled top-down; ``room(h)`` starts a new page when ``h`` points do not fit."""

    def __init__(self):
        self.pages = [Page()]
        self.top = TOP

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def room(self, height: float) -> bool:
        """True when a new page had to be started."""
        if self.top + height <= END + 1e-6 or self.top <= TOP:
            return False
        self.pages.append(Page())
        self.top = TOP
        return True


def _cells(texts: list[str], keys: list[str], spans: list[float]) -> list[list]:
    return [wrap([(key, text)], CELL, span - 2 * PAD_X) for text, key, span in zip(texts, keys, spans)]


def _row(flow: _Flow, cells: list[list], spans, pad: float, rule, background: float | None, right_last: bool = True):
    """One table row at the flow's top: cells of wrapped lines, the last one right-aligned."""
    pitch = line_height("sans", CELL)
    lines = max([len(c) for c in cells] + [1])
    height = 2 * pad + lines * pitch + rule[0]
    page, top = flow.page, flow.top
    if background is not None:
        page.fill(X0, top, WIDTH, height - rule[0], background)
    page.fill(X0, top + height - rule[0], WIDTH, rule[0], rule[1])
    x = X0
    for n, (cell, span) in enumerate(zip(cells, spans)):
        align = "right" if right_last and n == len(cells) - 1 else "left"
        place(page, cell, CELL, top + pad, None, x + PAD_X, span - 2 * PAD_X, align)
        x += span
    flow.top += height


def _row_height(cells, pad: float, rule) -> float:
    """The room a row needs at the bottom of a page: half its bottom border may overhang the page's
    content box (a collapsed border is shared by the rows on either side of it)."""
    return 2 * pad + max([len(c) for c in cells] + [1]) * line_height("sans", CELL) + rule[0] / 2


def _header(flow: _Flow) -> None:
    _row(flow, _cells(["N°", "Pièce", "Date", "Pages"], ["sans-b"] * 4, COLUMNS), COLUMNS, PAD_TH, HEAD_RULE, HEAD_BG)


def _bordereau(ctx: dict) -> list[Page]:
    flow = _Flow()
    flow.top = text_block(flow.page, [("serif-b", "Bordereau des pièces communiquées")], 15, TOP, LEADING,
                          align="center", spacing=0.3) + 6 * MM
    lawyer = (("Avocat du demandeur", ctx["avocat"]),) if ctx.get("avocat") else ()
    for label, value in (("Juridiction", ctx["tribunal"]), ("Demandeur", ctx["demandeur"]), *lawyer,
                         ("Défendeur", ctx["defendeur"]), ("Dossier", ctx["document"]["reference"])):
        flow.top = text_block(flow.page, [("serif-b", f"{label} :"), ("serif", f" {value}")], BODY, flow.top, LEADING,
                              align="justify")
    flow.top += 3 * MM  # p margin-bottom, table margin-top: collapsed
    _header(flow)
    rows = [_cells([p["numero"], p["titre"], p["date"], p["pages"]], ["sans"] * 4, COLUMNS) for p in ctx["pieces"]]
    total_spans = (COLUMNS[0] + COLUMNS[1] + COLUMNS[2], COLUMNS[3])
    total = _cells([ctx["pieces_texte"], ctx["nombre_pages"]], ["sans-b"] * 2, total_spans)
    for n, cells in enumerate(rows):
        rule = HEAD_RULE if n == len(rows) - 1 else ROW_RULE  # collapsed with the total row's top border
        if flow.room(_row_height(cells, PAD_TD, rule)):
            _header(flow)
        _row(flow, cells, COLUMNS, PAD_TD, rule, None)
    if flow.room(_row_height(total, PAD_TD, ROW_RULE)):
        _header(flow)
    _row(flow, total, total_spans, PAD_TD, ROW_RULE, TOTAL_BG)
    flow.top += 5 * MM  # table margin-bottom
    lieu = ctx["document"]["lieu_date"]
    flow.room(len(wrap([("serif", lieu)], BODY, WIDTH)) * line_height("serif", BODY, LEADING))
    flow.top = text_block(flow.page, [("serif", lieu)], BODY, flow.top, LEADING, align="right") + 6 * MM
    _signature(flow, ctx["signature"])
    return flow.pages


def _signature(flow: _Flow, signature: dict) -> None:
    """signature.html: « pour », 15 mm for the signature, the name in bold, the capacity; kept whole."""
    width = WIDTH - SIGNATURE_X
    lines = [(key, text) for key, text in (("serif", signature["pour"]), ("", ""), ("serif-b", signature["nom"]),
                                            ("serif", signature["qualite"])) if text or not key]
    pitch = line_height("serif", BODY, LEADING)
    height = sum(15 * MM if not key else len(wrap([(key, text)], BODY, width)) * pitch for key, text in lines)
    flow.room(height)
    for key, text in lines:
        if not key:
            flow.top += 15 * MM
        else:
            flow.top = text_block(flow.page, [(key, text)], BODY, flow.top, LEADING, X0 + SIGNATURE_X, width)


def _footer(page: Page, pied: str, number: int, count: int) -> None:
    """@bottom-left: the running .pied (7.5 pt, a rule above); @bottom-right: the page number (8 pt)."""
    page.fill(X0, END, FOOTER_W, 0.4, 0x99 / 255)
    text_block(page, [("sans", pied)], 7.5, END + 0.4 + 2 * MM, None, X0, FOOTER_W, grey=FOOT_INK)
    text_block(page, [("sans", f"Bordereau — page {number}/{count}")], 8, END + 2 * MM, None, X0 + FOOTER_W,
               WIDTH - FOOTER_W, align="right", grey=FOOT_INK)
