"""Form fields made page content: what a filled form shows stays, the form goes.

An exhibit's pages are copied without its catalog, hence without its interactive form (``/AcroForm``):
left as they are, its fields would be widgets no form owns, which some viewers do not draw, and a
field filled without an appearance (``/NeedAppearances``, as LibreOffice writes them) would show
empty. So, as ``qpdf --generate-appearances --flatten-annotations`` does but for form fields only:
appearances are generated where the form asks for them, then each field's appearance is drawn into
the page's content and the field removed. Links and comments stay annotations.
"""

from __future__ import annotations

FROZEN = "formulaire figé (les champs sont devenus du contenu de page, tels qu'ils s'affichaient)"


def _widgets(page) -> bool:
    from pikepdf import Array, Dictionary, Name

    annots = page.obj.get("/Annots")
    return isinstance(annots, Array) and any(isinstance(a, Dictionary) and a.get("/Subtype") == Name.Widget
                                             for a in annots)


def flatten_forms(pdf) -> list[str]:
    """Draw the form fields of ``pdf`` (a ``pikepdf.Pdf``, changed in place) into their pages and
    remove them and the form; what was done, in French, with the pages concerned."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, Stream

    from procedure.pieces.ouverture import page_rotation

    pages = [number for number, page in enumerate(pdf.pages, start=1) if _widgets(page)]
    if not pages:
        if "/AcroForm" in pdf.Root:
            del pdf.Root["/AcroForm"]
        return []
    if isinstance(pdf.Root.get("/AcroForm"), Dictionary):
        try:
            pdf.generate_appearance_streams()  # the values of fields filled without their appearance
        except pikepdf.PdfError:
            pass  # a form qpdf cannot lay out: its fields show what they already had
    count = 0
    for number in pages:
        page = pdf.pages[number - 1]
        kept, drawn = [], []
        for annot in page.obj.Annots:
            if not (isinstance(annot, Dictionary) and annot.get("/Subtype") == Name.Widget):
                kept.append(annot)
                continue
            appearance = pikepdf.Annotation(annot).get_appearance_stream(Name.N)
            if not isinstance(appearance, Stream):
                continue  # nothing to show: the field goes
            appearance.Type, appearance.Subtype = Name.XObject, Name.Form
            if "/BBox" not in appearance:
                continue
            count += 1
            name = Name(f"/ProcForm{count}")
            content = pikepdf.Annotation(annot).get_page_content_for_appearance(name, page_rotation(page))
            if content:
                _resources(page).XObject[name] = appearance
                drawn.append(content)
        page.obj.Annots = Array(kept)
        if drawn:
            # the page's own content in q ... Q, then the fields, as qpdf flattens them
            contents = page.obj.get("/Contents")
            existing = list(contents) if isinstance(contents, Array) else [contents] if isinstance(contents, Stream) else []
            page.obj.Contents = Array([Stream(pdf, b"q\n"), *existing, Stream(pdf, b"\nQ\n" + b"\n".join(drawn))])
    if "/AcroForm" in pdf.Root:
        del pdf.Root["/AcroForm"]
    return [f"{FROZEN} ({'; '.join(f'page {n}' for n in pages[:5])}{'; …' if len(pages) > 5 else ''})"]


def _resources(page):
    from pikepdf import Dictionary

    if not isinstance(page.obj.get("/Resources"), Dictionary):
        page.obj.Resources = Dictionary()
    resources = page.obj.Resources
    if not isinstance(resources.get("/XObject"), Dictionary):
        resources.XObject = Dictionary()
    return resources
