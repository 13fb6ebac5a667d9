"""Where templates come from, and the one sandboxed Jinja environment that renders them.

Lookup order: a custom folder (``--modeles DIR``, the dossier's ``modeles`` key or the office's
``politique.yaml``), then the templates shipped in the package. Untrusted text is data: autoescape
is always on and the environment is sandboxed, so a ``{{ 7*7 }}`` typed in a dossier prints as
typed. No file of a custom folder may be a symbolic link leading out of it (it would put any file
of the machine into a letter): the folder is checked when chosen, and every file when read.
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

    def __init__(self, custom: Path | None = None, where: str = ""):
        if custom is not None and not custom.is_dir():
            raise TemplateError(f"{where + ' : ' if where else ''}{custom} : ce répertoire de modèles n'existe pas")
        if custom is not None:
            from procedure.chemins import check_no_link_out

            check_no_link_out(custom, where or str(custom))
        self.custom = custom
        self._env = None

    def path(self, name: str) -> Path:
        if self.custom is not None and (self.custom / name).is_file():
            return confined(self.custom, self.custom / name)
        shipped = package_dir() / name
        if not shipped.is_file():
            raise TemplateError(f"modèle introuvable : {name}")
        return shipped

    def customised(self, *names: str) -> bool:
        """Whether the custom folder holds one of ``names`` (the user's own version of a template)."""
        return self.custom is not None and any((self.custom / name).is_file() for name in names)

    @property
    def env(self):
        if self._env is None:
            self._env = make_env(self)
        return self._env


def confined(root: Path, path: Path) -> Path:
    """``path`` when it stays inside the template folder ``root`` once links are followed."""
    from procedure.chemins import is_inside

    if not is_inside(root, path):
        raise TemplateError(f"modèle {path} : lien symbolique qui sort du répertoire de modèles {root} : refusé")
    return path


def _confined_loader(folders: list[str]):
    import jinja2

    class ConfinedLoader(jinja2.FileSystemLoader):
        """Jinja's file loader, refusing a template that is a link leading out of its folder."""

        def get_source(self, environment, template):
            source, filename, uptodate = super().get_source(environment, template)
            root = next((f for f in self.searchpath if Path(filename).is_relative_to(f)), None)
            if root is not None and root != str(package_dir()):
                confined(Path(root), Path(filename))
            return source, filename, uptodate

    return ConfinedLoader(folders)


def make_env(templates: TemplateSet | None = None):
    """A sandboxed, autoescaping Jinja environment with the shared filters."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from procedure.rendu import filtres as filters

    loader = None
    if templates is not None:
        folders = [str(p) for p in (templates.custom, package_dir()) if p is not None]
        loader = _confined_loader(folders)
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
