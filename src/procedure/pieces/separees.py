"""Exhibits one file each, for the commissaire de justice: since 2022 he makes them available to the
debtor online one by one ("Mes Pièces"), so the packet carries each exhibit as its own PDF.

Each file is made like the bundle's part for that exhibit (``recueil.exhibit_pdf``): its pages carry
the same stamp "Pièce n° k — page i/n" as the printed bundle, and no active content: one numbering,
one look. The scanned title noted in the journal travels cleaned the same way (:func:`as_pdf`).
"""

from __future__ import annotations

from pathlib import Path

from procedure.pieces.recueil import Collected, exhibit_pdf, open_exhibit


def split_bundle(bundle: bytes, collected: Collected) -> list[bytes]:
    """One PDF per exhibit, in the bundle's order: each stamped and cleaned exactly as in the
    bundle (``recueil.exhibit_pdf``), so the pages look the same in both."""
    return [exhibit_pdf(ex) for ex in collected.exhibits]


# what a catalog may hold for a title to travel as the court delivered it: nothing that acts
_PLAIN_CATALOG = frozenset({"/Type", "/Pages", "/Metadata", "/PageLabels", "/Lang", "/MarkInfo", "/StructTreeRoot",
                            "/ViewerPreferences", "/PageLayout", "/PageMode", "/Version", "/OutputIntents"})


def as_pdf(path: Path, label: str) -> tuple[bytes, list[str]]:
    """A proof noted in the journal (the scanned title) as a PDF, checked and cleaned like an
    exhibit, and what was removed from it. A file with nothing active and a plain catalog keeps
    its bytes (the title as the court delivered it); otherwise its cleaned pages alone go into a
    new PDF (the original's outline, names and attached files are left behind)."""
    import pikepdf

    from procedure.pieces.nettoyage import strip_active
    from procedure.pieces.recueil import save

    _, pdf, _, data = open_exhibit(path, label)
    plain = set(pdf.Root.keys()) <= _PLAIN_CATALOG
    removed = strip_active(pdf)
    if plain and not removed:
        return data, []
    out = pikepdf.new()
    out.pages.extend(pdf.pages)
    return save(out, path.stem), removed
