"""The bundle of exhibits (« recueil des pièces »), and each exhibit as a PDF of its own (pikepdf).

The bundle is one PDF: the front matter (cover and bordereau), then every exhibit in court order,
each page stamped "Pièce n° k — page i/n" (:mod:`procedure.pieces.tampons`), with one bookmark per
exhibit and page labels "Pk-1", "Pk-2"... Exhibits are collected, checked and cleaned of active
content first (:mod:`procedure.pieces.collecte`, :mod:`procedure.pieces.nettoyage`); their pages are
copied as they are, never re-rasterised. The same stamped, cleaned pages make :func:`exhibit_pdf`.

Output is reproducible: the file identifier (/ID) is derived from the content, and the dates are
``SOURCE_DATE_EPOCH`` when it is set (or the moment a caller fixes with :func:`dated`, as the
commissaire's packet does with its own date), so that the same inputs give the same bytes.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timezone

from procedure.erreurs import ExhibitError
from procedure.pieces.collecte import CLEANED, STAMPED, Collected, Exhibit, collect  # noqa: F401  (the API)
from procedure.pieces.ouverture import open_exhibit  # noqa: F401  (the API)

PRODUCER = "procedure"
_FIXED_DATE: ContextVar[str | None] = ContextVar("fixed_pdf_date", default=None)


def _prepared(ex: Exhibit):
    """The exhibit's pages, cleaned and stamped (once, however often they are asked for)."""
    from procedure.pieces.nettoyage import strip_active
    from procedure.pieces.tampons import stamp_pages

    if ex.pdf is None:  # an Exhibit built by hand: opened and checked now
        ex.kind, ex.pdf, ex.pages, _ = open_exhibit(ex.path, f"pièce n° {ex.numero}")
    if ex.etat != STAMPED:
        try:
            if ex.etat != CLEANED:  # collect() cleans and reports; an Exhibit built by hand is cleaned here
                strip_active(ex.pdf)
                ex.etat = CLEANED
            stamp_pages(ex.pdf, ex.numero)
        except Exception as exc:  # a file that opened but whose pages cannot be read
            raise ExhibitError(f"{ex.path} : PDF endommagé, copie impossible ({type(exc).__name__})") from None
        ex.etat = STAMPED
    return ex.pdf


@contextmanager
def dated(moment: tuple[int, ...]) -> Iterator[None]:
    """Every PDF saved inside the block carries ``moment`` (year, month, day, hour, minute, second,
    UTC) as its date: a document dated by its day is the same whenever it is made."""
    token = _FIXED_DATE.set("D:%04d%02d%02d%02d%02d%02d+00'00'" % tuple(moment[:6]))
    try:
        yield
    finally:
        _FIXED_DATE.reset(token)


def pdf_date() -> str:
    """The date written in the PDFs: the moment fixed by :func:`dated`, else ``SOURCE_DATE_EPOCH``
    when set (reproducible output), else now."""
    if fixed := _FIXED_DATE.get():
        return fixed
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


def _version(pdfs) -> str:
    """The highest PDF version among ``pdfs``: the output declares what its pages use."""
    return max((p.pdf_version for p in pdfs), key=lambda v: tuple(int(x) for x in v.split(".") if x.isdigit()),
               default="1.4")


def save(pdf, title: str, min_version: str = "") -> bytes:
    """``pdf`` (a ``pikepdf.Pdf``) as bytes, with its title and producer, reproducibly."""
    import pikepdf

    date = pdf_date()
    for key, value in (("/Title", title), ("/Producer", PRODUCER), ("/CreationDate", date), ("/ModDate", date)):
        pdf.docinfo[key] = pikepdf.String(value)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, min_version=min_version,
             stream_decode_level=pikepdf.StreamDecodeLevel.none)  # streams copied as they are: no decoding
    return out.getvalue()


def _labels_and_bookmarks(out, marks: list[tuple[int, str, str | None]]) -> None:
    """Page labels (``prefix`` None: lower-case roman numerals) and one bookmark per entry of
    ``marks``: (first page index, bookmark title, label prefix). The outline is one flat list,
    written directly (each item opens its page, fitted in the window)."""
    from pikepdf import Array, Dictionary, Name, String

    nums = []
    for start, _, prefix in marks:
        nums += [start, Dictionary(S=Name.r) if prefix is None else Dictionary(S=Name.D, P=String(prefix))]
    out.Root.PageLabels = Dictionary(Nums=Array(nums))
    outlines = out.make_indirect(Dictionary(Type=Name.Outlines, Count=len(marks)))
    items = [out.make_indirect(Dictionary(Title=String(title), Parent=outlines,
                                          Dest=Array([out.pages[start].obj, Name.Fit])))
             for start, title, _ in marks]
    for before, after in zip(items, items[1:]):
        before.Next, after.Prev = after, before
    outlines.First, outlines.Last = items[0], items[-1]
    out.Root.Outlines = outlines
    out.Root.PageMode = Name.UseOutlines


def _copied(out, ex: Exhibit) -> list:
    """The exhibit's pages, prepared, copied into ``out`` (not yet in its page tree)."""
    pages = _prepared(ex).pages
    try:
        return [out.copy_foreign(page.obj) for page in pages]
    except Exception as exc:  # a file that opened but cannot be copied
        raise ExhibitError(f"{ex.path} : PDF endommagé, copie impossible ({type(exc).__name__})") from None


def _page_tree(out, kids: list) -> None:
    """``kids`` (pages copied into ``out``, a new ``pikepdf.Pdf`` whose pages were never read) as its
    pages: one flat page tree written at once. (Adding pages one by one costs more with each page
    already there: a 1 000-page bundle spent a third of its copying time on it.)"""
    from pikepdf import Array

    tree = out.Root.Pages
    for kid in kids:
        kid.Parent = tree
    tree.Kids = Array(kids)
    tree.Count = len(kids)
    if len(out.pages) != len(kids):  # the page list was read before: it would not see the new tree
        raise RuntimeError("page tree")


def build_bundle(front_pdf: bytes, collected: Collected, title: str) -> bytes:
    """Front matter (cover, bordereau) then every exhibit, stamped, bookmarked, labelled."""
    import pikepdf

    out = pikepdf.new()
    front = pikepdf.open(io.BytesIO(front_pdf))
    kids = [out.copy_foreign(page.obj) for page in front.pages]
    marks: list[tuple[int, str, str | None]] = [(0, "Bordereau des pièces", None)]
    for ex in collected.exhibits:
        marks.append((len(kids), f"Pièce n° {ex.numero} — {ex.titre}", f"P{ex.numero}-"))
        kids += _copied(out, ex)
    _page_tree(out, kids)
    _labels_and_bookmarks(out, marks)
    return save(out, title, _version([front, *(ex.pdf for ex in collected.exhibits)]))


def exhibit_pdf(exhibit: Exhibit) -> bytes:
    """One exhibit as a PDF of its own: its pages stamped as in the bundle, cleaned of active
    content, with its bookmark and page labels "Pk-1"...; reproducible like the bundle."""
    import pikepdf

    out = pikepdf.new()
    _page_tree(out, _copied(out, exhibit))
    title = f"Pièce n° {exhibit.numero} — {exhibit.titre}"
    _labels_and_bookmarks(out, [(0, title, f"P{exhibit.numero}-")])
    return save(out, title, _version([exhibit.pdf]))


def without_first_page(pdf: bytes, title: str) -> bytes:
    """The bordereau alone: the bundle's front matter less its cover page."""
    import pikepdf

    doc = pikepdf.open(io.BytesIO(pdf))
    del doc.pages[0]
    return save(doc, title)
