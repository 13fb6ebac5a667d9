"""A PDF written directly: the object writer and the embedded fonts of :mod:`procedure.rendu.annexe`.

Laid out by WeasyPrint, the detailed décompte of 1 000 invoices took 34 s and 750 MiB (a box tree for
every cell of every page, held until the end). The annex is a plain table, so it is drawn here: the
text is measured with the fonts' own widths, each page is compressed as soon as it is full, and the
file grows in one buffer, the only memory that grows with the dossier.

The shipped fonts are embedded whole (25 KB each, already cut down to Latin) as composite fonts
(Type0, CIDFontType2, Identity-H) with a ToUnicode map: every character they have prints as in the
letters (Latin-1, Latin Extended-A, €, the minus sign), and the text can be searched and copied.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

from procedure.rendu.pdf import fonts_dir

FALLBACK = "?"


@dataclass
class Font:
    """A TrueType font: its glyphs, widths (thousandths of the em) and metrics."""

    name: str
    data: bytes
    codes: dict[str, str]  # character -> glyph id as four hex digits (Identity-H)
    widths: dict[str, float]  # character -> advance width
    glyph_widths: list[int]
    unicode: dict[int, int]  # glyph id -> the character it shows (ToUnicode)
    ascent: int
    descent: int
    cap_height: int
    bbox: tuple[int, int, int, int]
    _known: dict[str, str] = field(default_factory=dict)

    def _substitute(self, ch: str) -> str:
        """A character the font lacks: its base letter (ǅ -> D), else a question mark."""
        base = unicodedata.normalize("NFKD", ch)[:1]
        out = base if base in self.codes else FALLBACK
        self._known[ch] = out
        return out

    def clean(self, text: str) -> str:
        """``text`` with only characters the font has."""
        codes, known = self.codes, self._known
        if all(c in codes for c in text):
            return text
        return "".join(c if c in codes else known.get(c) or self._substitute(c) for c in text)

    def width(self, text: str, size: float) -> float:
        """The width of ``text`` (already :meth:`clean`) in points."""
        return sum(map(self.widths.__getitem__, text)) * size / 1000

    def hex(self, text: str) -> str:
        return "".join(map(self.codes.__getitem__, text))


@lru_cache(maxsize=4)
def font(filename: str) -> Font:
    """A shipped font (``LiberationSans-Regular.ttf``), read once per process."""
    from fontTools.ttLib import TTFont

    data = (fonts_dir() / filename).read_bytes()
    tt = TTFont(io.BytesIO(data), lazy=True)
    scale = 1000 / tt["head"].unitsPerEm
    order = tt.getGlyphOrder()
    gid = {name: i for i, name in enumerate(order)}
    hmtx = tt["hmtx"].metrics
    glyph_widths = [round(hmtx[name][0] * scale) for name in order]
    codes, widths, unicode = {}, {}, {}
    for cp, name in sorted(tt.getBestCmap().items()):
        g = gid[name]
        ch = chr(cp)
        codes[ch] = f"{g:04X}"
        widths[ch] = glyph_widths[g]
        unicode.setdefault(g, cp)  # a glyph shared by two characters (space, no-break space) reads as the first
    head, hhea, os2 = tt["head"], tt["hhea"], tt["OS/2"]
    return Font(name=tt["name"].getDebugName(6) or filename.rsplit(".", 1)[0], data=data, codes=codes, widths=widths,
                glyph_widths=glyph_widths, unicode=unicode, ascent=round(hhea.ascent * scale),
                descent=round(hhea.descent * scale), cap_height=round(getattr(os2, "sCapHeight", 0) * scale or 700),
                bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)))


def wrap(text: str, f: Font, size: float, width: float) -> list[str]:
    """``text`` (cleaned) in lines no wider than ``width``, broken between words (a no-break space
    holds an amount together), a word longer than the line broken anywhere."""
    if not text or f.width(text, size) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if f.width(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while f.width(word, size) > width:  # a word wider than the line: cut it
            cut = len(word) - 1
            while cut > 1 and f.width(word[:cut], size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def text_string(text: str) -> bytes:
    """A PDF text string (document information): UTF-16 with its byte order mark, in hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


class Writer:
    """Objects written to one buffer as they come; the cross-reference table at the end."""

    def __init__(self) -> None:
        self.out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        self.offsets: list[int] = [0]

    def reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def put(self, num: int, body: bytes) -> int:
        self.offsets[num] = len(self.out)
        self.out += b"%d 0 obj\n%s\nendobj\n" % (num, body)
        return num

    def add(self, body: bytes) -> int:
        return self.put(self.reserve(), body)

    def stream(self, data: bytes, entries: bytes = b"", num: int | None = None, level: int = 6) -> int:
        packed = zlib.compress(data, level)
        body = b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n%s\nendstream" % (len(packed), entries, packed)
        return self.put(self.reserve() if num is None else num, body)

    def finish(self, root: int, info: int) -> bytes:
        """The file: the objects, their table and the trailer (its identifier is the contents' digest,
        so the same annex gives the same bytes)."""
        start = len(self.out)
        digest = hashlib.md5(self.out).hexdigest().upper().encode()  # an identifier, not a protection
        self.out += b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets)
        self.out += b"".join(b"%010d 00000 n \n" % o for o in self.offsets[1:])
        self.out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
                     % (len(self.offsets), root, info, digest, digest, start))
        return bytes(self.out)


def embed(w: Writer, f: Font) -> int:
    """Write ``f`` as a Type0 font; its object number."""
    file_ = w.stream(f.data, b"/Length1 %d " % len(f.data))
    x0, y0, x1, y1 = f.bbox
    name = f.name.encode("ascii", "replace").replace(b" ", b"")
    descriptor = w.add(b"<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [%d %d %d %d] /ItalicAngle 0 "
                       b"/Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>"
                       % (name, x0, y0, x1, y1, f.ascent, f.descent, f.cap_height, file_))
    widths = b" ".join(b"%d" % x for x in f.glyph_widths)
    cid = w.add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) "
                b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /CIDToGIDMap /Identity "
                b"/W [0 [%s]] >>" % (name, descriptor, widths))
    pairs = sorted(f.unicode.items())
    blocks = []
    for i in range(0, len(pairs), 100):
        chunk = pairs[i:i + 100]
        blocks.append(b"%d beginbfchar\n%s\nendbfchar" % (len(chunk), b"\n".join(
            b"<%04X> <%s>" % (g, chr(cp).encode("utf-16-be").hex().upper().encode()) for g, cp in chunk)))
    cmap = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) "
            b"/Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + b"\n".join(blocks)
            + b"\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
    to_unicode = w.stream(cmap)
    return w.add(b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] "
                 b"/ToUnicode %d 0 R >>" % (name, cid, to_unicode))
