"""The shipped Liberation fonts as PDF fonts, for the pages the tool draws itself (the bordereau).

Each font is read once per process from its TrueType tables (advance widths, character map,
vertical metrics: the values WeasyPrint lays text out with) and embedded whole, as a composite font
(Type0, CIDFontType2, Identity-H) whose codes are glyph numbers, with a ToUnicode map so that the
text is extracted, searched and copied as written. Any character the shipped fonts draw can be drawn;
:meth:`Font.draws` says whether a text has only such characters.
"""

from __future__ import annotations

import struct
from decimal import Decimal
from functools import lru_cache
from pathlib import Path


def _tables(data: bytes) -> dict[str, bytes]:
    (count,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag.decode("latin-1")] = data[offset:offset + length]
    return tables


def _cmap(table: bytes) -> dict[int, int]:
    """Unicode code point -> glyph, from the Windows Unicode subtable (format 4 or 12)."""
    (count,) = struct.unpack_from(">H", table, 2)
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * i)
        subtables[(platform, encoding)] = offset
    offset = subtables.get((3, 10), subtables.get((3, 1), subtables.get((0, 3))))
    if offset is None:
        raise ValueError("police sans table de caractères Unicode")
    (fmt,) = struct.unpack_from(">H", table, offset)
    mapping: dict[int, int] = {}
    if fmt == 12:
        (groups,) = struct.unpack_from(">I", table, offset + 12)
        for g in range(groups):
            start, end, glyph = struct.unpack_from(">III", table, offset + 16 + 12 * g)
            mapping.update((c, glyph + c - start) for c in range(start, end + 1))
        return mapping
    if fmt != 4:
        raise ValueError(f"table de caractères de format {fmt} non prise en charge")
    (seg2,) = struct.unpack_from(">H", table, offset + 6)
    ends = offset + 14
    starts, deltas, ranges = ends + seg2 + 2, ends + 2 * seg2 + 2, ends + 3 * seg2 + 2
    for s in range(seg2 // 2):
        (end,) = struct.unpack_from(">H", table, ends + 2 * s)
        (start,) = struct.unpack_from(">H", table, starts + 2 * s)
        (delta,) = struct.unpack_from(">h", table, deltas + 2 * s)
        (range_offset,) = struct.unpack_from(">H", table, ranges + 2 * s)
        for c in range(start, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (c + delta) & 0xFFFF
            else:
                (glyph,) = struct.unpack_from(">H", table, ranges + 2 * s + range_offset + 2 * (c - start))
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                mapping[c] = glyph
    return mapping


def _coverage(table: bytes, offset: int) -> list[int]:
    fmt, count = struct.unpack_from(">HH", table, offset)
    if fmt == 1:
        return list(struct.unpack_from(f">{count}H", table, offset + 4))
    glyphs: list[int] = []
    for r in range(count):
        start, end, _ = struct.unpack_from(">HHH", table, offset + 4 + 6 * r)
        glyphs += range(start, end + 1)
    return glyphs


_VALUE_SIZE = [bin(flags).count("1") * 2 for flags in range(256)]


def _kerning(table: bytes | None) -> dict[tuple[int, int], int]:
    """(left glyph, right glyph) -> advance adjustment in font units, from the GPOS pair
    adjustments of the shipped fonts (lookup type 2, format 1: one value per pair of glyphs)."""
    pairs: dict[tuple[int, int], int] = {}
    if not table:
        return pairs
    (lookups_at,) = struct.unpack_from(">H", table, 8)
    (lookups,) = struct.unpack_from(">H", table, lookups_at)
    for i in range(lookups):
        (at,) = struct.unpack_from(">H", table, lookups_at + 2 + 2 * i)
        at += lookups_at
        kind, _, subtables = struct.unpack_from(">HHH", table, at)
        for k in range(subtables if kind == 2 else 0):
            (sub,) = struct.unpack_from(">H", table, at + 6 + 2 * k)
            sub += at
            fmt, coverage, format1, format2, sets = struct.unpack_from(">HHHHH", table, sub)
            if fmt != 1 or not format1 & 4:
                continue  # class-based pairs or no advance adjustment: not in the shipped fonts
            skip = 2 * bin(format1 & 3).count("1")  # placements before the x advance
            record = 2 + _VALUE_SIZE[format1] + _VALUE_SIZE[format2]
            for first, set_at in zip(_coverage(table, sub + coverage), struct.unpack_from(f">{sets}H", table, sub + 10)):
                (count,) = struct.unpack_from(">H", table, sub + set_at)
                for r in range(count):
                    base = sub + set_at + 2 + r * record
                    (second,) = struct.unpack_from(">H", table, base)
                    (value,) = struct.unpack_from(">h", table, base + 2 + skip)
                    pairs.setdefault((first, second), value)
    return pairs


class Font:
    """One TrueType font: its metrics in thousandths of an em, and its embedding in a PDF."""

    def __init__(self, path: Path):
        self.path, self.data = path, path.read_bytes()
        t = _tables(self.data)
        units = struct.unpack_from(">H", t["head"], 18)[0]
        self.bbox = [v * 1000 / units for v in struct.unpack_from(">hhhh", t["head"], 36)]
        ascent, descent = struct.unpack_from(">hh", t["hhea"], 4)
        self.ascent, self.descent = ascent / units, -descent / units  # of an em; what a line box holds
        (metrics,) = struct.unpack_from(">H", t["hhea"], 34)
        (glyphs,) = struct.unpack_from(">H", t["maxp"], 4)
        advances = [struct.unpack_from(">H", t["hmtx"], 4 * i)[0] for i in range(metrics)]
        advances += [advances[-1]] * (glyphs - metrics)
        self.units, self.advances = units, advances
        self.widths = [a * 1000 / units for a in advances]  # the PDF's /W, exact
        self.cmap = _cmap(t["cmap"])
        self.cap_height = struct.unpack_from(">h", t["OS/2"], 88)[0] * 1000 / units if len(t["OS/2"]) > 90 else 700
        self.name = path.stem
        self._char_units = {chr(c): advances[g] for c, g in self.cmap.items()}
        self._advances: dict[float, dict[str, float]] = {}
        # kerning by pairs of characters, in font units (HarfBuzz applies it in WeasyPrint: so here)
        glyph_chars: dict[int, list[int]] = {}
        for c, g in self.cmap.items():
            glyph_chars.setdefault(g, []).append(c)
        self.kerning = {(chr(a), chr(b)): value for (g1, g2), value in _kerning(t.get("GPOS")).items()
                        for a in glyph_chars.get(g1, ()) for b in glyph_chars.get(g2, ())}

    def draws(self, text: str) -> bool:
        return all(ord(ch) in self.cmap for ch in text)

    def _scaled(self, size: float):
        """A function of font units giving points at ``size``, as HarfBuzz positions glyphs for
        Pango: in 1/1024 of a CSS pixel, each advance rounded (the scale truncated to an integer,
        then 16.16 fixed point). Widths measured so break lines where WeasyPrint breaks them."""
        mult = (int(size * 4 / 3 * 1024) << 16) // self.units
        return lambda v: ((v * mult + 32768) >> 16) * 0.75 / 1024

    def advance(self, ch: str, size: float) -> float:
        """The advance of one character at ``size``, in points (remembered by size)."""
        table = self._advances.get(size)
        if table is None:
            scaled = self._scaled(size)
            table = self._advances[size] = {c: scaled(u) for c, u in self._char_units.items()}
        found = table.get(ch)
        return found if found is not None else self._scaled(size)(self.units // 2)

    def width(self, text: str, size: float, spacing: float = 0.0) -> float:
        """Advance width of ``text`` at ``size`` points, kerned, with ``spacing`` points after each character."""
        total = sum(self.advance(ch, size) for ch in text)
        if len(text) > 1:
            kerning = self.kerning
            total += sum(self.kern(a, b, size) for a, b in zip(text, text[1:]) if (a, b) in kerning)
        return total + spacing * len(text)

    def kern(self, left: str, right: str, size: float) -> float:
        """The kerning between two characters at ``size``, in points (negative: closer)."""
        value = self.kerning.get((left, right), 0)
        return self._scaled(size)(value) if value else 0.0

    def shown(self, text: str, size: float, extra_per_space: float = 0.0) -> str:
        """``text`` as the operand of TJ: glyph numbers (the codes of Identity-H), kerned, with
        ``extra_per_space`` points added after each space (a justified line)."""
        parts, run = [], []
        for i, ch in enumerate(text):
            run.append(f"{self.cmap.get(ord(ch), 0):04X}")
            adjust = self.kerning.get((ch, text[i + 1]), 0) * 1000 / self.units if i + 1 < len(text) else 0.0
            if ch == " " and extra_per_space:
                adjust += extra_per_space * 1000 / size
            if adjust:
                parts.append(f"<{''.join(run)}> {-adjust:.3f}")
                run = []
        if run:
            parts.append(f"<{''.join(run)}>")
        return "[" + " ".join(parts) + "]"

    def embed(self, pdf):
        """The font's dictionary (Type0) in ``pdf``, a ``pikepdf.Pdf``."""
        from pikepdf import Array, Dictionary, Name, Stream, String

        name = Name("/" + self.name)
        program = Stream(pdf, self.data)
        program.Length1 = len(self.data)
        serif = "Serif" in self.name
        descriptor = Dictionary(Type=Name.FontDescriptor, FontName=name, Flags=32 | (2 if serif else 0),
                                FontBBox=Array([round(v) for v in self.bbox]), ItalicAngle=0,
                                Ascent=round(self.ascent * 1000), Descent=-round(self.descent * 1000),
                                CapHeight=round(self.cap_height), StemV=120 if "Bold" in self.name else 80,
                                FontFile2=pdf.make_indirect(program))
        cid = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=name,
                         CIDSystemInfo=Dictionary(Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0),
                         FontDescriptor=pdf.make_indirect(descriptor),
                         W=Array([0, Array([Decimal(f"{w:.3f}") for w in self.widths])]),
                         CIDToGIDMap=Name.Identity)
        return pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=name, Encoding=Name("/Identity-H"),
                                            DescendantFonts=Array([pdf.make_indirect(cid)]),
                                            ToUnicode=pdf.make_indirect(Stream(pdf, self.to_unicode()))))

    def to_unicode(self) -> bytes:
        """The ToUnicode CMap: each glyph back to its character (the lowest code point that maps to it)."""
        back: dict[int, int] = {}
        for code, glyph in sorted(self.cmap.items(), reverse=True):
            back[glyph] = code
        lines = []
        pairs = sorted(back.items())
        for i in range(0, len(pairs), 100):
            chunk = pairs[i:i + 100]
            lines.append(f"{len(chunk)} beginbfchar")
            lines += [f"<{g:04X}> <{chr(c).encode('utf-16-be').hex().upper()}>" for g, c in chunk]
            lines.append("endbfchar")
        return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + "\n".join(lines) +
                "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode("ascii")


@lru_cache(maxsize=None)
def font(name: str) -> Font:
    """A shipped font by file name without extension (``LiberationSans-Bold``), read once."""
    from procedure.rendu.pdf import fonts_dir

    return Font(fonts_dir() / f"{name}.ttf")
