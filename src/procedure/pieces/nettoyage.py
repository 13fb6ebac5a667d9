"""Exhibits carry no active content: what a PDF could run, launch, send or hide is removed.

A court file goes to a judge, a registry and the other side: a script, a program launched from a
link, an attached file or a form that posts data must not travel with it. Removed, wherever they
are reachable from a page or from the document's catalog:

- JavaScript: the document's scripts (``/Names /JavaScript``), actions ``/S /JavaScript``
  (opening the document, links, form fields, media), any ``/JS``;
- additional actions (``/AA``: on opening or closing a page, on entering a field, on a key...);
- actions that launch a program or open another file (``/Launch``, ``/GoToR``, ``/GoToE``), send
  or import form data (``/SubmitForm``, ``/ImportData``), play media (``/Rendition``,
  ``/RichMediaExecute``, ``/Movie``, ``/Sound``);
- attached files (``/EmbeddedFiles``, ``/EF``, ``/AF``, ``/FileAttachment`` annotations) and media
  or 3D annotations (``/RichMedia``, ``/Screen``, ``/Movie``, ``/Sound``, ``/3D``);
- XFA forms (``/XFA``: their scripts with them; the form's appearance stays on the page); the
  fields of a form become page content (:mod:`procedure.pieces.formulaires`).

A link to a web page stays (an action ``/URI`` whose address is ``http:``, ``https:``, ``mailto:`` or
``tel:``); any other address (``file:``, ``javascript:``, a relative one) is removed with its action.
Pages, text and images are not touched: content streams are never rewritten. Each removal is
reported, in French, with where it was (:func:`strip_active`). A file kept as it is (an electronically
signed one: :mod:`procedure.pieces.signature`) is only searched: :func:`find_active` says what it
carries, its outline and its form included.
"""

from __future__ import annotations

import re

from pikepdf import Array, Dictionary, Object, Stream  # this module is imported only where exhibits are opened

# action type -> the removal, as the warning says it
ACTIONS = {
    "/JavaScript": "JavaScript retiré",
    "/Launch": "lancement d'un programme ou d'un fichier (/Launch) retiré",
    "/GoToR": "lien vers un autre fichier (/GoToR) retiré",
    "/GoToE": "lien vers un fichier joint (/GoToE) retiré",
    "/SubmitForm": "envoi de formulaire (/SubmitForm) retiré",
    "/ImportData": "import de données (/ImportData) retiré",
    "/Rendition": "contenu multimédia retiré",
    "/RichMediaExecute": "contenu multimédia retiré",
    "/Movie": "contenu multimédia retiré",
    "/Sound": "contenu multimédia retiré",
}
ANNOTATIONS = {"/FileAttachment": "fichier joint retiré", "/RichMedia": "contenu multimédia retiré",
               "/Screen": "contenu multimédia retiré", "/Movie": "contenu multimédia retiré",
               "/Sound": "contenu multimédia retiré", "/3D": "objet 3D retiré"}
AUTOMATIC = "actions automatiques (/AA) retirées"
XFA = "formulaire XFA retiré, avec ses scripts"
ATTACHED = "fichier joint retiré"
NOT_WEB = "lien vers une adresse non web retiré"
WEB_SCHEMES = ("http:", "https:", "mailto:", "tel:")
# keys whose values hold numbers, page content or font programs: nothing active, not walked
_INERT = frozenset({"/Contents", "/Widths", "/W", "/W2", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox",
                    "/Rect", "/BBox", "/Matrix", "/Decode", "/Domain", "/Range", "/Length", "/FontFile", "/FontFile2",
                    "/FontFile3", "/ToUnicode", "/CIDToGIDMap", "/QuadPoints", "/InkList", "/Vertices", "/Border",
                    "/C", "/IC", "/ID", "/P"})
_KIND = {"/Link": "lien", "/Widget": "champ de formulaire"}
# Every removal below needs one of these names in the document, as a key or as an action type (an
# annotation type matters only under /Annots): a document none of whose objects holds any of them, as
# qpdf writes them back (names unescaped, objects taken out of object streams), has nothing to strip.
_MARKERS = re.compile(rb"/(?:OpenAction|AA|JavaScript|JS|EmbeddedFiles|EF|AF|Collection|AcroForm|XFA|RichMedia"
                      rb"|Annots|Launch|GoToR|GoToE|SubmitForm|ImportData|Rendition|Movie|Sound|URI)")
_MAX_PLACES = 5


class _Report:
    """Removals by kind, each with the places it was found, in the order met."""

    def __init__(self):
        self.found: dict[str, list[str]] = {}
        self.widgets = False  # form fields seen: the form is flattened after the sweep

    def add(self, what: str, where: str) -> None:
        places = self.found.setdefault(what, [])
        if where not in places:
            places.append(where)

    def messages(self, carried: bool = False) -> list[str]:
        """One phrase per kind of removal with its places; ``carried``: what the file holds (« JavaScript
        (page 1) »), not what was removed from it (« JavaScript retiré (page 1) »)."""
        out = []
        for what, places in self.found.items():
            if carried:
                what = re.sub(r" retiré(?:es|e|s)?\b", "", what)
            shown = "; ".join(places[:_MAX_PLACES])
            if len(places) > _MAX_PLACES:
                shown += f"; … {len(places)} endroits en tout"
            out.append(f"{what} ({shown})")
        return out


def _name(value) -> str:
    return str(value) if value is not None else ""


def _removal(action) -> str | None:
    """What removing ``action`` (an action dictionary) removes, or None when it may stay."""
    if not isinstance(action, Dictionary) or ("/S" not in action and "/JS" not in action):
        return None
    kind = _name(action.get("/S"))
    if kind in ACTIONS:
        return ACTIONS[kind]
    if "/JS" in action:
        return ACTIONS["/JavaScript"]
    if kind == "/URI":
        try:
            uri = bytes(action.get("/URI")).decode("latin-1").strip()
        except Exception:  # not a string: nothing a viewer could follow
            uri = ""
        if not uri.lower().startswith(WEB_SCHEMES):
            return NOT_WEB
    return None


def _file_name(spec) -> str:
    """The name a file specification gives its file, or « sans nom »."""
    try:
        if isinstance(spec, Dictionary):
            spec = spec.get("/UF") or spec.get("/F")
        name = " ".join(str(spec).split())[:80] if spec is not None else ""  # one line, whatever the file says
        return name or "sans nom"
    except Exception:
        return "sans nom"


def _embedded_names(tree) -> list[str]:
    """The names of an /EmbeddedFiles name tree (leaves and kids, bounded)."""
    names, stack, seen = [], [tree], set()
    while stack and len(seen) < 10_000:
        node = stack.pop()
        if not isinstance(node, Dictionary) or (node.objgen != (0, 0) and node.objgen in seen):
            continue
        seen.add(node.objgen)
        leaves = node.get("/Names")
        if isinstance(leaves, Array):
            names += [_file_name(leaves[i + 1]) for i in range(0, len(leaves) - 1, 2)]
        kids = node.get("/Kids")
        if isinstance(kids, Array):
            stack.extend(kids)
    return names or ["sans nom"]


def _document(pdf, report: _Report) -> None:
    """The catalog's scripts, automatic actions, attached files and XFA form."""
    root = pdf.Root
    opening = root.get("/OpenAction")
    what = _removal(opening)
    if what:
        report.add(what, "à l'ouverture du document")
        del root["/OpenAction"]
    elif isinstance(opening, Dictionary):  # a harmless action may chain others (/Next)
        _sweep(opening, "à l'ouverture du document", report, set())
    if "/AA" in root:
        report.add(AUTOMATIC, "document")
        del root["/AA"]
    names = root.get("/Names")
    if isinstance(names, Dictionary):
        if "/JavaScript" in names:
            report.add(ACTIONS["/JavaScript"], "scripts du document")
            del names["/JavaScript"]
        if "/EmbeddedFiles" in names:
            for name in _embedded_names(names.get("/EmbeddedFiles")):
                report.add(ATTACHED, name)
            del names["/EmbeddedFiles"]
    if "/AF" in root:  # associated files (PDF 2.0, Factur-X): named like the attached files they are
        specs = root.get("/AF")
        for spec in specs if isinstance(specs, Array) else [specs]:
            report.add(ATTACHED, _file_name(spec))
        del root["/AF"]
    if "/Collection" in root:  # a portfolio's view of its attached files
        del root["/Collection"]
    form = root.get("/AcroForm")
    if isinstance(form, Dictionary) and "/XFA" in form:
        report.add(XFA, "document")
        del form["/XFA"]


_REMOVED_KEYS = {"/EF": ATTACHED, "/EmbeddedFiles": ATTACHED, "/AF": ATTACHED, "/RichMediaContent": ANNOTATIONS["/RichMedia"],
                 "/XFA": XFA, "/JS": ACTIONS["/JavaScript"]}


def _sweep(start, where: str, report: _Report, seen: set) -> None:
    """Remove active content from everything reachable from ``start`` (a page), without climbing
    to the page tree and without reading any stream's data. (Called for every page of every
    exhibit: the pikepdf calls per dictionary are kept few.)"""
    containers = (Dictionary, Array, Stream)
    stack = [(start, where)]
    while stack:
        obj, place = stack.pop()
        if isinstance(obj, Array):
            for i in range(len(obj) - 1, -1, -1):
                item = obj[i]
                if not isinstance(item, containers):
                    continue
                what = _removal(item) if isinstance(item, Dictionary) else None
                if what:
                    report.add(what, place)
                    del obj[i]
                else:
                    stack.append((item, place))
            continue
        objgen = obj.objgen
        if objgen in seen:
            continue
        keys = obj.keys()
        is_page = "/Type" in keys and _name(obj.get("/Type")) in ("/Page", "/Pages")
        if is_page and obj is not start:
            continue  # another page (a link's destination): swept on its own
        if objgen != (0, 0):
            seen.add(objgen)
        if "/Subtype" in keys and obj is not start and (subtype := _name(obj.get("/Subtype"))) in _KIND:
            place = f"{_KIND[subtype]}, {where}"
        for key in keys:
            if key in _INERT or (key == "/Parent" and is_page):
                continue
            if key in _REMOVED_KEYS:
                report.add(_REMOVED_KEYS[key], _file_name(obj) if key in ("/EF", "/RichMediaContent") else place)
                del obj[key]
                continue
            value = obj.get(key)
            if key == "/AA":
                kinds = {_removal(a) for _, a in value.items()} if isinstance(value, Dictionary) else set()
                for what in sorted(k for k in kinds if k) or [AUTOMATIC]:
                    report.add(what, place)
                del obj[key]
            elif not isinstance(value, containers):
                continue
            elif key == "/Annots" and isinstance(value, Array):
                _filter_annotations(value, place, report)
                stack.append((value, place))
            elif isinstance(value, Dictionary) and (what := _removal(value)) is not None:
                report.add(what, place)
                del obj[key]
            else:
                stack.append((value, place))


def _filter_annotations(annots, where: str, report: _Report) -> None:
    for i in range(len(annots) - 1, -1, -1):
        annot = annots[i]
        if not isinstance(annot, Dictionary):
            continue
        subtype = _name(annot.get("/Subtype"))
        report.widgets = report.widgets or subtype == "/Widget"
        if subtype in ANNOTATIONS:
            report.add(ANNOTATIONS[subtype], _file_name(annot.get("/FS")) if subtype == "/FileAttachment" else where)
            del annots[i]


def may_hold_active(pdf) -> bool:
    """Whether ``pdf`` may hold anything :func:`strip_active` removes: one pass over its objects in
    qpdf (their text, without stream data) instead of a walk of every page from Python."""
    try:
        parts = [pdf.trailer.unparse(resolved=True)]
        for obj in pdf.objects:
            if isinstance(obj, Stream):
                parts.append(obj.stream_dict.unparse(resolved=True))
            elif isinstance(obj, Object):  # numbers, booleans and nulls come as Python values: nothing to read
                parts.append(obj.unparse(resolved=True))
    except Exception:  # an object qpdf cannot read back: the page-by-page sweep decides, as before
        return True
    return _MARKERS.search(b" ".join(parts)) is not None


def strip_active(pdf) -> list[str]:
    """Remove active content from ``pdf`` (a ``pikepdf.Pdf``, changed in place); what was removed,
    one French phrase per kind of removal with where it was ("JavaScript retiré (à l'ouverture du
    document; lien, page 2)"). Calling it again finds nothing."""
    from procedure.pieces.formulaires import flatten_forms

    if not may_hold_active(pdf):
        return []
    report = _Report()
    _document(pdf, report)
    seen: set = set()
    for number, page in enumerate(pdf.pages, start=1):
        _sweep(page.obj, f"page {number}", report, seen)
    if report.widgets:
        return report.messages() + flatten_forms(pdf)
    if "/AcroForm" in pdf.Root:  # a form without fields on the pages: nothing to show, nothing kept
        del pdf.Root["/AcroForm"]
    return report.messages()


def find_active(pdf) -> list[str]:
    """What :func:`strip_active` would remove from ``pdf``, and anything active in its catalog beyond
    (its outline, its form's fields, its names), as what the file carries: « JavaScript (à
    l'ouverture du document) ». A form is not active in itself: its fields are not reported. For a
    file that must keep its bytes (a signed one): ``pdf`` is changed, a copy never saved."""
    report = _Report()
    _document(pdf, report)
    seen: set = set()
    for number, page in enumerate(pdf.pages, start=1):
        _sweep(page.obj, f"page {number}", report, seen)
    _sweep(pdf.Root, "signets, formulaire ou catalogue du document", report, seen)  # the pages already seen
    return report.messages(carried=True)
