"""The annex of a long dossier's letter or requête: drawn, and its CSV, for the run's files.

The annex goes in the same list of files as the document it belongs to, so that both are written
(or neither) and recorded in the same journal entry (:func:`procedure.api.commun.commit`).
"""

from __future__ import annotations

from datetime import date

from procedure.contexte import annexe
from procedure.droit.decompte import Decompte, InvoiceStatement
from procedure.modele import dossier as m


def render(kind: str, dossier: m.Dossier, d: Decompte, lines: list[InvoiceStatement], when: date, footer: str,
           author: str) -> tuple[list[tuple[str, str, bytes]], str, bytes]:
    """The annex's files ``(name, ext, data)`` (PDF and CSV), the sentence the letter says of it,
    and the PDF (for an e-mail)."""
    from procedure.rendu.annexe import render as draw
    from procedure.sortie.export import to_csv

    spec = annexe.build(kind, dossier, d, lines, when, footer)
    pdf, pages = draw(spec, f"{spec.title} — {dossier.reference}", author)
    csv = to_csv(d, lines, spec.principal_only).encode("utf-8")
    return [(spec.name, "pdf", pdf), (spec.name, "csv", csv)], annexe.mention(kind, spec, d.au, pages), pdf


def draw_statement(dossier: m.Dossier, d: Decompte, when: date, footer: str, author: str) -> bytes:
    """The décompte as a document, for a dossier too long for its template: drawn like an annex."""
    from procedure.rendu.annexe import render as draw

    spec = annexe.build("decompte", dossier, d, list(d.lines), when, footer)
    return draw(spec, f"Décompte de la créance — {dossier.reference}", author)[0]
