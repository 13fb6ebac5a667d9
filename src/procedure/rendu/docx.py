"""DOCX from docxtpl templates: the version a user edits in Word or LibreOffice.

Rendered with the same sandboxed, autoescaping environment as the HTML: docxtpl without
autoescape silently drops ``&`` and lets ``</w:t>`` in a name inject markup.
"""

from __future__ import annotations

import io

from procedure.rendu.modeles import TemplateSet, template_error


def render_docx(name: str, context: dict, templates: TemplateSet, logo: bytes | None = None) -> bytes:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    path = templates.path(name)
    try:
        tpl = DocxTemplate(str(path))
    except Exception as exc:
        raise template_error(name, exc) from None
    ctx = dict(context)
    ctx["logo"] = InlineImage(tpl, io.BytesIO(logo), height=Mm(18)) if logo else ""
    env = templates.env
    try:
        tpl.render(ctx, jinja_env=env, autoescape=True)
    except Exception as exc:  # TemplateSyntaxError, UndefinedError, SecurityError...
        raise template_error(str(path.name), exc) from None
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
