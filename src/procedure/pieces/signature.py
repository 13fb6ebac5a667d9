"""Electronically signed PDFs: found before anything rewrites them.

A PDF signed electronically (PAdES: courts, commissaires de justice and e-signature services issue
them) holds a signature field (``/FT /Sig``) whose value (``/V``) is a signature dictionary:
``/ByteRange`` names the bytes signed, ``/Contents`` holds the signature. Any rewrite of the file
(cleaning, stamping, copying its pages into a new PDF) breaks it: only the file's own bytes keep a
signature that verifies. The cryptography is not checked here (the viewer of whoever receives the
file does it); what matters is whether a signature is there, so that the file is not silently
replaced by a copy:

- the title in the commissaire's packet, when signed, travels byte for byte, or is refused when it
  also carries active content (:func:`procedure.pieces.separees.as_pdf`);
- a signed exhibit is stamped in the bundle like any other, and said to be a copy there; the packet
  carries its original file beside the stamped one (:func:`procedure.pieces.separees.signed_original`).
"""

from __future__ import annotations

_MAX_NODES = 10_000


def _signed_value(value) -> bool:
    """Whether ``value`` (a field's /V) is a signature dictionary: a byte range and its signature."""
    from pikepdf import Dictionary

    return isinstance(value, Dictionary) and "/ByteRange" in value and "/Contents" in value


def _field_name(field) -> str:
    """A field's full name (« Parent.Enfant »), as a viewer's signature panel shows it, or « sans nom »."""
    from pikepdf import Dictionary

    parts, node, depth = [], field, 0
    while isinstance(node, Dictionary) and depth < 32:
        if "/T" in node:
            try:
                parts.append(" ".join(str(node.get("/T")).split())[:60])
            except Exception:  # not a string: the field is shown without its name
                pass
        node, depth = node.get("/Parent"), depth + 1
    return ".".join(reversed([p for p in parts if p])) or "sans nom"


def _inherited_type(field) -> str:
    """A field's type (/FT), inherited from its parents when it has none (PDF 32000, 12.7.3.1)."""
    from pikepdf import Dictionary

    node, depth = field, 0
    while isinstance(node, Dictionary) and depth < 32:
        if "/FT" in node:
            return str(node.get("/FT"))
        node, depth = node.get("/Parent"), depth + 1
    return ""


def signature_fields(pdf) -> list[str]:
    """The names of the signature fields of ``pdf`` (a ``pikepdf.Pdf``) that hold a signature, in
    the order met: the form's fields (with their kids), then the pages' widgets that no field lists.
    Empty for a file that is not signed (an empty signature field is not a signature)."""
    from pikepdf import Array, Dictionary

    found: list[str] = []
    seen: set = set()
    form = pdf.Root.get("/AcroForm")
    fields = form.get("/Fields") if isinstance(form, Dictionary) else None
    stack = list(reversed(fields)) if isinstance(fields, Array) else []
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        stack[:0] = list(reversed(annots)) if isinstance(annots, Array) else []
    while stack and len(seen) < _MAX_NODES:
        node = stack.pop()
        if not isinstance(node, Dictionary):
            continue
        if node.objgen != (0, 0):
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        if _inherited_type(node) == "/Sig" and _signed_value(node.get("/V")):
            name = _field_name(node)
            if name not in found:
                found.append(name)
        kids = node.get("/Kids")
        if isinstance(kids, Array):
            stack.extend(reversed(kids))
    return found


def signed_by(fields: list[str]) -> str:
    """How a message names the signature fields: « champ « Signature1 » »."""
    shown = ", ".join(f"« {f} »" for f in fields[:3]) + (", …" if len(fields) > 3 else "")
    return f"{'champs' if len(fields) > 1 else 'champ'} {shown}"
