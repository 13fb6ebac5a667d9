"""Exhibits one file each, for the commissaire de justice: since 2022 he makes them available to the
debtor online one by one ("Mes Pièces"), so the packet carries each exhibit as its own PDF.

Each file is cut from the bundle ``recueil.build_bundle`` made, so that its pages carry the same
stamp "Pièce n° k — page i/n" as the printed bundle: one numbering, one look.
"""

from __future__ import annotations

import io
from pathlib import Path

from procedure.pieces.recueil import Collected, open_exhibit


def split_bundle(bundle: bytes, collected: Collected) -> list[bytes]:
    """One PDF per exhibit, in the bundle's order (its front matter left out)."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(bundle))
    start = len(reader.pages) - collected.pages  # the cover and the bordereau come first
    out = []
    for ex in collected.exhibits:
        writer = PdfWriter()
        for page in reader.pages[start:start + ex.pages]:
            writer.add_page(page)
        start += ex.pages
        writer.add_metadata({"/Title": f"Pièce n° {ex.numero} — {ex.titre}", "/Producer": "procedure"})
        buf = io.BytesIO()
        writer.write(buf)
        out.append(buf.getvalue())
    return out


def as_pdf(path: Path, label: str) -> bytes:
    """A proof noted in the journal (the scanned title) as a PDF, checked like an exhibit."""
    return open_exhibit(path, label)[3]
