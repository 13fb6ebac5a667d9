"""Exhibits one file each, for the commissaire de justice: since 2022 he makes them available to the
debtor online one by one ("Mes Pièces"), so the packet carries each exhibit as its own PDF.

Each file is made like the bundle's part for that exhibit (``recueil.exhibit_pdf``): its pages carry
the same stamp "Pièce n° k — page i/n" as the printed bundle, and no active content: one numbering,
one look.
"""

from __future__ import annotations

from pathlib import Path

from procedure.pieces.recueil import Collected, exhibit_pdf, open_exhibit


def split_bundle(bundle: bytes, collected: Collected) -> list[bytes]:
    """One PDF per exhibit, in the bundle's order: each stamped and cleaned exactly as in the
    bundle (``recueil.exhibit_pdf``), so the pages look the same in both."""
    return [exhibit_pdf(ex) for ex in collected.exhibits]


def as_pdf(path: Path, label: str) -> bytes:
    """A proof noted in the journal (the scanned title) as a PDF, checked like an exhibit."""
    return open_exhibit(path, label)[3]
