"""HTML/CSS -> PDF through WeasyPrint, with a URL fetcher that serves only our own assets.

WeasyPrint's default fetcher reads any local file (and ``<a rel=attachment>`` embeds it) or the
network. Ours answers only:

- ``procedure:polices/NAME``: the fonts shipped in the package (documents never depend on the
  fonts of the machine);
- ``procedure:modeles/NAME``: a file of the template set in use (style sheet, images);
- ``data:image/...``: images the context builder has already read and checked (the logo).

Everything else is refused, so text from a dossier can never make the renderer read a file.
"""

from __future__ import annotations

import base64
import mimetypes
import re
import sys
from importlib import resources
from pathlib import Path

from procedure.erreurs import TemplateError
from procedure.rendu.modeles import TemplateSet

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_DATA_IMAGE = re.compile(r"^data:(image/(?:png|jpeg));base64,([A-Za-z0-9+/=]+)$")


def import_weasyprint():
    """Import WeasyPrint about twice as fast on Linux.

    WeasyPrint tries Windows- and macOS-style library names first; for each, cffi falls back on
    ``ctypes.util.find_library``, which runs ``ldconfig``, ``gcc`` and ``ld`` in subprocesses (about
    0.4 s in all). The Linux sonames it tries next load directly, so the search is switched off
    during the import, and the import is retried normally if that was not enough.
    """
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    import ctypes.util

    original = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint

        return weasyprint
    except (OSError, ImportError):
        for name in [k for k in sys.modules if k == "weasyprint" or k.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = original
    import weasyprint

    return weasyprint


def fonts_dir() -> Path:
    return Path(str(resources.files("procedure") / "polices"))


def make_fetcher(templates: TemplateSet):
    import_weasyprint()
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class Refused(FatalURLFetchingError):
        """A template file that leads out of its folder: the rendering stops (an ordinary error
        would only be logged and the file skipped)."""

        def __init__(self, error: TemplateError):
            super().__init__(str(error))
            self.error = error

    class PackageOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("procedure:"):
                folder, _, name = url[len("procedure:"):].partition("/")
                if not _SAFE_NAME.match(name):
                    raise ValueError(f"ressource refusée : {url}")
                if folder == "polices":
                    path = fonts_dir() / name
                elif folder == "modeles":
                    try:
                        path = templates.path(name)
                    except TemplateError as exc:
                        raise Refused(exc) from None
                else:
                    raise ValueError(f"ressource refusée : {url}")
                mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
            match = _DATA_IMAGE.match(url)
            if match:
                return URLFetcherResponse(url, base64.b64decode(match.group(2)), {"Content-Type": match.group(1)})
            raise ValueError(f"ressource refusée (seules les ressources de procedure sont permises) : {url[:80]}")

    return PackageOnlyFetcher(fail_on_errors=False)


def _drop_page_number(page) -> None:
    """A one-page letter carries no "Page 1 / 1": remove the bottom-right margin box, where the
    style sheets put the page number, before painting. (WeasyPrint's page box tree is not a
    public API: if it changes, the number simply stays.)"""
    box = getattr(page, "_page_box", None)
    children = getattr(box, "children", None)
    if isinstance(children, (list, tuple)):
        kept = [c for c in children if getattr(c, "at_keyword", None) != "@bottom-right"]
        box.children = type(children)(kept)


SHARED_STYLESHEET = '<link rel="stylesheet" href="procedure:modeles/lettre.css">'
_shared: dict = {}


def _shared_style(templates: TemplateSet, fetcher):
    """The letters' style sheet, parsed once per process (with its fonts, in one font
    configuration) and reused by every document that links it: a batch of letters parses it once."""
    weasyprint = import_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    path = templates.path("lettre.css")
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    cached = _shared.get(key)
    if cached is None:
        if not _shared:  # drop the fonts before the interpreter tears its modules down
            import atexit

            atexit.register(_shared.clear)
        fonts = FontConfiguration()
        css = weasyprint.CSS(string=path.read_text(encoding="utf-8"), base_url="procedure:modeles/",
                             url_fetcher=fetcher, font_config=fonts)
        cached = _shared[key] = (css, fonts)
    return cached


def render_pdf(html: str, templates: TemplateSet, title: str = "", author: str = "") -> bytes:
    """Lay out ``html`` as an A4 PDF (the page size comes from the style sheet)."""
    HTML = import_weasyprint().HTML
    from weasyprint.urls import FatalURLFetchingError

    fetcher = make_fetcher(templates)
    try:
        options = {}
        if SHARED_STYLESHEET in html:
            css, fonts = _shared_style(templates, fetcher)
            html = html.replace(SHARED_STYLESHEET, "", 1)
            options = {"stylesheets": [css], "font_config": fonts}
        document = HTML(string=html, base_url="procedure:modeles/", url_fetcher=fetcher).render(**options)
    except FatalURLFetchingError as exc:  # a BaseException: WeasyPrint lets it through
        raise getattr(exc, "error", None) or TemplateError(f"mise en page PDF impossible : {exc}") from None
    except Exception as exc:  # a broken custom style sheet or template markup
        raise TemplateError(f"mise en page PDF impossible : {exc}") from exc
    if len(document.pages) == 1:
        _drop_page_number(document.pages[0])
    document.metadata.title = title
    document.metadata.authors = [author] if author else []
    document.metadata.lang = "fr"
    # The shipped fonts are already cut down to Latin (25 KB each): embedding them whole costs a
    # few kilobytes and saves the per-document subsetting, the slowest step of a letter.
    return document.write_pdf(full_fonts=True)
