"""Electronically signed PDFs for the tests, built as a signing tool builds them, without cryptography.

The file is written with a placeholder signature dictionary (``/ByteRange``, ``/Contents``), then the
byte range is filled in (every byte of the file but the ``/Contents`` value) and ``/Contents`` gets the
SHA-256 of those bytes: :func:`verifies` checks it as a viewer checks a real signature's digest, so
any rewrite of the file (cleaning, stamping, copying pages) makes it fail.
"""

from __future__ import annotations

import hashlib
import io
import re

TEXT = "Ordonnance portant injonction de payer signee electroniquement par le greffe"
_WIDE = 9_999_999_999  # a placeholder as wide as any real offset


def signed_pdf(text: str = TEXT, javascript: bool = False, outline_script: bool = False, field: str = "Signature1") -> bytes:
    """One page of ``text``, signed in the field ``field``; ``javascript``: a script run at opening
    as well; ``outline_script``: a bookmark whose action is a script (in the catalog, not on a page)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
    page.obj.Contents = pdf.make_stream(f"BT /F1 11 Tf 50 700 Td ({text}) Tj ET".encode())
    value = pdf.make_indirect(Dictionary(Type=Name.Sig, Filter=Name("/Adobe.PPKLite"),
                                         SubFilter=Name("/ETSI.CAdES.detached"), Name=String("Greffe du tribunal"),
                                         M=String("D:20260316100000+01'00'"),
                                         ByteRange=Array([0, _WIDE, _WIDE, _WIDE]), Contents=String(b"\0" * 32)))
    widget = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Sig, T=String(field),
                                          Rect=Array([0, 0, 0, 0]), F=132, P=page.obj, V=value))
    page.obj.Annots = Array([widget])
    pdf.Root.AcroForm = Dictionary(Fields=Array([widget]), SigFlags=3)
    if javascript:
        pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String("app.alert('ouverture')"))
    if outline_script:
        item = pdf.make_indirect(Dictionary(Title=String("Dispositif"),
                                            A=Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))))
        pdf.Root.Outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, First=item, Last=item, Count=1))
        item.Parent = pdf.Root.Outlines
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable, deterministic_id=True)
    return _sign(out.getvalue())


def _sign(data: bytes) -> bytes:
    """Fill the byte range and put the digest of its bytes in /Contents."""
    contents = re.search(rb"/Contents <(0+)>", data)
    start, end = contents.start(1) - 1, contents.end(1) + 1  # the value with its angle brackets
    ranges = re.search(rb"/ByteRange \[ ?0 9999999999 9999999999 9999999999 ?\]", data)
    filled = f"/ByteRange [0 {start} {end} {len(data) - end}]".encode()
    data = data[:ranges.start()] + filled.ljust(ranges.end() - ranges.start()) + data[ranges.end():]
    digest = hashlib.sha256(data[:start] + data[end:]).hexdigest().encode()
    return data[:start + 1] + digest + data[start + 1 + len(digest):]


def verifies(data: bytes) -> bool:
    """Whether the file's signature digest matches the bytes its byte range names (the whole file
    but the signature itself), as a viewer checks it."""
    ranges = re.search(rb"/ByteRange \[0 (\d+) (\d+) (\d+)\]", data)
    if not ranges:
        return False
    length, second, rest = (int(x) for x in ranges.groups())
    if second + rest != len(data) or data[length:length + 1] != b"<" or data[second - 1:second] != b">":
        return False
    stored = data[length + 1:second - 1]
    return hashlib.sha256(data[:length] + data[second:]).hexdigest().encode() == stored
