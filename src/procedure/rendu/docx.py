"""DOCX from docxtpl templates: the version a user edits in Word or LibreOffice.

Rendered with the same sandboxed, autoescaping environment as the HTML: docxtpl without
autoescape silently drops ``&`` and lets ``</w:t>`` in a name inject markup.
"""

from __future__ import annotations

import io

from procedure.rendu.modeles import TemplateSet, template_error

MAX_COMPILED = 64  # DOCX parts kept compiled per environment


class _CompiledOnce:
    """The Jinja environment as docxtpl sees it, compiling each part of a template once: docxtpl
    recompiles the document's XML at every render, the slowest step of a DOCX in a batch."""

    def __init__(self, env):
        object.__setattr__(self, "_env", env)
        object.__setattr__(self, "_compiled", {})

    def from_string(self, source, *args, **kwargs):
        if args or kwargs:
            return self._env.from_string(source, *args, **kwargs)
        template = self._compiled.get(source)
        if template is None:
            if len(self._compiled) >= MAX_COMPILED:
                self._compiled.clear()
            template = self._compiled[source] = self._env.from_string(source)
        return template

    def __getattr__(self, name):
        return getattr(self._env, name)

    def __setattr__(self, name, value):
        setattr(self._env, name, value)


_wrapped: dict[int, tuple[object, _CompiledOnce]] = {}


def _env_for(templates: TemplateSet) -> _CompiledOnce:
    env = templates.env
    found = _wrapped.get(id(env))
    if found is None or found[0] is not env:
        found = _wrapped[id(env)] = (env, _CompiledOnce(env))
    return found[1]


_patched: dict[str, str] = {}
_template_class: list[type] = []


def _docx_template():
    """docxtpl's template, cleaning each part's XML for Jinja once per process: its ``patch_xml``
    (a few dozen regular expressions over the whole part, a pure function of the part's XML)
    depends on the template alone, not on the letter."""
    if not _template_class:
        from docxtpl import DocxTemplate

        class PatchedOnce(DocxTemplate):
            def patch_xml(self, src_xml):
                found = _patched.get(src_xml)
                if found is None:
                    if len(_patched) >= MAX_COMPILED:
                        _patched.clear()
                    found = _patched[src_xml] = super().patch_xml(src_xml)
                return found

        _template_class.append(PatchedOnce)
    return _template_class[0]


def render_docx(name: str, context: dict, templates: TemplateSet, logo: bytes | None = None) -> bytes:
    from docx.shared import Mm
    from docxtpl import InlineImage

    path = templates.path(name)
    try:
        tpl = _docx_template()(str(path))
    except Exception as exc:
        raise template_error(name, exc) from None
    ctx = dict(context)
    ctx["logo"] = InlineImage(tpl, io.BytesIO(logo), height=Mm(18)) if logo else ""
    env = _env_for(templates)
    try:
        tpl.render(ctx, jinja_env=env, autoescape=True)
    except Exception as exc:  # TemplateSyntaxError, UndefinedError, SecurityError...
        raise template_error(str(path.name), exc) from None
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()
