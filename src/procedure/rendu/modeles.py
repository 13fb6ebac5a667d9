"""Where templates come from, and the one sandboxed Jinja environment that renders them.

Lookup order: a custom folder (``--modeles DIR`` or the dossier's ``modeles`` key), then the
templates shipped in the package. Untrusted text is data: autoescape is always on and the
environment is sandboxed, so a ``{{ 7*7 }}`` typed in a dossier prints as typed.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from procedure.erreurs import TemplateError


@lru_cache(maxsize=1)
def package_dir() -> Path:
    """The shipped templates: ``procedure/modeles`` in a wheel, ``modeles/`` in a checkout."""
    shipped = Path(str(resources.files("procedure"))) / "modeles"
    if shipped.is_dir():
        return shipped
    checkout = Path(__file__).resolve().parents[3] / "modeles"
    if checkout.is_dir():
        return checkout
    raise TemplateError("modèles introuvables : installation incomplète de procedure")


class TemplateSet:
    """The templates used for one run: custom ones first, then the shipped ones."""

    def __init__(self, custom: Path | None = None):
        if custom is not None and not custom.is_dir():
            raise TemplateError(f"{custom} : ce répertoire de modèles n'existe pas")
        self.custom = custom
        self._env = None

    def path(self, name: str) -> Path:
        if self.custom is not None and (self.custom / name).is_file():
            return self.custom / name
        shipped = package_dir() / name
        if not shipped.is_file():
            raise TemplateError(f"modèle introuvable : {name}")
        return shipped

    @property
    def env(self):
        if self._env is None:
            self._env = make_env(self)
        return self._env


def make_env(templates: TemplateSet | None = None):
    """A sandboxed, autoescaping Jinja environment with the shared filters."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from procedure.rendu import filtres as filters

    loader = None
    if templates is not None:
        folders = [str(p) for p in (templates.custom, package_dir()) if p is not None]
        loader = jinja2.FileSystemLoader(folders)
    env = ImmutableSandboxedEnvironment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                                        trim_blocks=True, lstrip_blocks=True)
    env.filters.update(filters.FILTERS)
    return env


def template_error(name: str, exc: Exception) -> TemplateError:
    """A French message naming the template (and the line when Jinja knows it)."""
    line = getattr(exc, "lineno", None)
    where = f"{name}, ligne {line}" if line and not name.endswith(".docx") else name
    message = getattr(exc, "message", None) or str(exc)
    return TemplateError(f"modèle {where} : {message}")
