"""The bordereau and the bundle of exhibits (``procedure pieces``, and the court file's second half)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from procedure import etat
from procedure.api.commun import Produced, commit, locked, template_set
from procedure.contexte import bordereau
from procedure.droit.decompte import compute
from procedure.erreurs import CourtError
from procedure.modele import dossier as m
from procedure.modele.actions import Document
from procedure.rendu.documents import docx, html_pdf


# what the drawn bordereau reproduces: a custom version of any of them is laid out by WeasyPrint
BORDEREAU_TEMPLATES = ("bordereau.html", "lettre.css", "signature.html")


def render(state: m.Dossier, when: date, formats: tuple[str, ...], templates, court_name: str):
    """(files as (document, ext, bytes), the collected exhibits, warnings), in memory."""
    from procedure.pieces.bordereau_pdf import draw_front
    from procedure.pieces.recueil import build_bundle, collect, without_first_page

    collected = collect(state, before=when)
    author, title = state.creancier.display_name, f"Pièces — {state.reference}"
    ctx = bordereau.build(state, court_name, when, collected.exhibits, collected.pages, cover=True)
    # one layout serves both: the bundle's front matter (cover + bordereau) and, less its cover
    # page, the bordereau on its own. The shipped template is drawn directly (a layout engine
    # spends seconds on a table of 200 rows); the user's own template goes through WeasyPrint.
    front = None if templates.customised(*BORDEREAU_TEMPLATES) else draw_front(ctx, title, author)
    if front is None:
        front = html_pdf("bordereau.html", ctx, templates, title, author)
    files = []
    if "pdf" in formats:
        files.append((Document.BORDEREAU, "pdf", without_first_page(front, f"Bordereau de pièces — {state.reference}")))
    if "docx" in formats:
        files.append((Document.BORDEREAU, "docx", docx("bordereau.docx", {**ctx, "couverture": False}, templates)))
    files.append((Document.PIECES, "pdf", build_bundle(front, collected, title)))
    return files, collected, list(collected.warnings)


def produce(dossier: m.Dossier, when: date, formats: tuple[str, ...], out_dir: Path, replace: bool = False,
            templates: Path | None = None) -> Produced:
    """The bordereau (PDF/DOCX) and the bundle (PDF) alone; a bad exhibit leaves nothing behind."""
    from procedure.droit.juridiction import resolve

    with locked(dossier):  # from reading the journal to recording the bundle in it
        state = etat.at(dossier, when)
        d = compute(state, when)
        warnings = list(d.warnings)
        try:
            court = resolve(state, d.total, when)
            warnings += court.avertissements
            court_name = court.nom
        except CourtError:
            court_name = dossier.juridiction or ""
        files, _, more = render(state, when, formats, template_set(dossier, templates), court_name)
        paths = commit(dossier, when, Document.PIECES, files, out_dir, replace)
    return Produced(paths, warnings + more)
