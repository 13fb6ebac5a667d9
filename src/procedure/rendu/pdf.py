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
    _embed_whole_fonts()
    return document.write_pdf(full_fonts=True)


_files: dict[bytes, list] = {}  # a font file -> [its glyphs' widths, its compressed bytes]
MAX_FILES = 32  # font files kept per process


def _embed_whole_fonts() -> None:
    """Make WeasyPrint's ``full_fonts`` cheap, once per process.

    Asked for whole fonts, WeasyPrint parses every font file with fontTools at each document, to
    list the widths and characters of all its glyphs, and compresses every file again (zlib level 9):
    together about a sixth of a letter. Here the files are embedded whole all the same, described
    like a subset's, by the glyphs the document draws (their widths as the whole font's description
    gives them: the pages look the same to the pixel); each file's widths are read and its stream
    compressed once per process (the same bytes). Without the hooks this relies on, WeasyPrint's
    own way is kept."""
    import weasyprint.pdf as pdf_module
    from weasyprint.pdf import fonts as fonts_module

    import inspect

    build = pdf_module.build_fonts_dictionary
    if getattr(build, "whole_fonts", False) or not callable(getattr(fonts_module.Font, "subset", None)):
        return
    if list(inspect.signature(build).parameters) != ["pdf", "fonts", "compress", "subset", "options"]:
        return  # another WeasyPrint than the one this was written for: its own way

    def build_fonts_dictionary(pdf, fonts, compress, subset, options):
        objects = getattr(pdf, "objects", None)
        if subset or not isinstance(objects, list):  # a subset asked for: WeasyPrint's own way
            return build(pdf, fonts, compress, subset, options)
        for font in fonts.values():
            font.subset = _keep_whole  # the file stays whole; its description lists the glyphs drawn
            widths = _file(font.file_content, font.index)[0]
            font.widths = {glyph: widths.get(glyph, width) for glyph, width in font.widths.items()}
        start = len(objects)
        dictionary = build(pdf, fonts, compress, True, options)
        if compress:
            files = {id(font.file_content): font for font in fonts.values()}
            for stream in objects[start:]:
                _compress_once(stream, files)
        return dictionary

    build_fonts_dictionary.whole_fonts = True
    pdf_module.build_fonts_dictionary = build_fonts_dictionary


def _keep_whole(to_unicode, hinting) -> None:
    """Font.subset's stand-in: the font file is embedded as it is."""


def _file(data: bytes, index: int) -> list:
    """A font file's glyph widths (in thousandths of an em, as WeasyPrint writes a whole font's),
    and room for its compressed bytes: read once per process."""
    import io

    from fontTools.ttLib import TTFont

    found = _files.get(data)
    if found is None:
        if len(_files) >= MAX_FILES:
            _files.clear()
        font = TTFont(io.BytesIO(data), fontNumber=index, lazy=True)
        upem, metrics = font["head"].unitsPerEm, font["hmtx"].metrics
        widths = {i: metrics[name][0] * 1000 / upem for i, name in enumerate(font.getGlyphOrder())}
        found = _files[data] = [widths, None]
    return found


def _compress_once(stream, files: dict) -> None:
    """A font file's stream, compressed as pydyf does it (zlib level 9), once per process."""
    import zlib

    items = getattr(stream, "stream", None)
    if not (getattr(stream, "compress", False) and isinstance(items, list) and len(items) == 1
            and id(items[0]) in files and isinstance(items[0], bytes)):
        return
    cached = _file(items[0], files[id(items[0])].index)
    if cached[1] is None:
        packer = zlib.compressobj(level=9)
        cached[1] = packer.compress(items[0]) + packer.flush()
    stream.stream, stream.compress = [cached[1]], False
    stream.extra["Filter"] = "/FlateDecode"
