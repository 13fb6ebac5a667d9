"""One context, two formats: a template rendered to PDF (HTML through WeasyPrint) or to DOCX."""

from __future__ import annotations

from pathlib import Path

from procedure.modele import dossier as m
from procedure.rendu.modeles import TemplateSet, template_error


_sets: dict[tuple[str, str], TemplateSet] = {}


def templates_for(dossier: m.Dossier, custom: Path | None, office: Path | None = None,
                  office_where: str = "politique.yaml, champ « modeles »") -> TemplateSet:
    """The command line's --modeles first, then the dossier's ``modeles`` key (a folder that must
    lie inside the dossier), then the office's folder (``politique.yaml``), then the shipped ones.

    One set per folder and process: its Jinja environment keeps the compiled templates, so a batch
    compiles each template once (and checks the folder's links once)."""
    if custom is not None:
        folder, where = custom, "--modeles"
    elif dossier.modeles is not None:
        from procedure.chemins import check_inside

        folder, where = dossier.modeles, f"{dossier.source}, champ « modeles »"
        check_inside(dossier.folder, dossier.modeles, where)
    else:
        folder, where = office, office_where
    key = (str(Path(folder).resolve()) if folder else "", where)
    found = _sets.get(key)
    if found is None:
        found = _sets[key] = TemplateSet(folder, where)
    return found


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
