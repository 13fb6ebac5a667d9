"""One context, two formats: a template rendered to PDF (HTML through WeasyPrint) or to DOCX."""

from __future__ import annotations

from pathlib import Path

from procedure.modele import dossier as m
from procedure.rendu.modeles import TemplateSet, template_error


def templates_for(dossier: m.Dossier, custom: Path | None) -> TemplateSet:
    """The command line's --modeles first, then the dossier's ``modeles`` key, then the shipped ones."""
    return TemplateSet(custom or dossier.modeles)


def html_pdf(name: str, ctx: dict, templates: TemplateSet, title: str, author: str) -> bytes:
    from procedure.rendu.pdf import render_pdf

    try:
        html = templates.env.get_template(name).render(ctx)
    except Exception as exc:  # syntax error, undefined value, sandbox refusal...
        raise template_error(name, exc) from None
    return render_pdf(html, templates, title=title, author=author)


def docx(name: str, ctx: dict, templates: TemplateSet, logo: bytes | None = None) -> bytes:
    from procedure.rendu.docx import render_docx

    return render_docx(name, ctx, templates, logo)
