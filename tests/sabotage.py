"""Ways to break a dossier, an exhibit, a logo or the disk, for tests/test_fautes.py: each returns
a function that makes the fault in a fresh dossier folder (or, for the disk, patches ``os``)."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path
from typing import Callable


def edit(old: str, new: str) -> Callable[[Path], None]:
    """Replace ``old`` (which must be there) by ``new`` in dossier.yaml."""
    def make(folder: Path) -> None:
        path = folder / "dossier.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return make


def append(extra: str) -> Callable[[Path], None]:
    """Add ``extra`` at the end of dossier.yaml (after the last invoice of the minimal dossier)."""
    def make(folder: Path) -> None:
        with open(folder / "dossier.yaml", "a", encoding="utf-8") as fh:
            fh.write(extra)
    return make


def put(name: str, content: bytes | str | Callable[[], bytes], yaml_edit: Callable[[Path], None] | None = None):
    """Write a file beside dossier.yaml (and edit the dossier to name it)."""
    def make(folder: Path) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content() if callable(content) else content
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        if yaml_edit:
            yaml_edit(folder)
    return make


def exhibit(make_file: Callable[[Path], None]) -> Callable[[Path], None]:
    """The invoice's exhibit ``pieces/f.pdf``, made by ``make_file(path)``."""
    def make(folder: Path) -> None:
        (folder / "pieces").mkdir(exist_ok=True)
        make_file(folder / "pieces" / "f.pdf")
        edit('montant_ttc: "10000.00"', 'montant_ttc: "10000.00"\n    piece: pieces/f.pdf')(folder)
    return make


def logo(make_file: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        make_file(folder / "logo.png")
        edit("  nom: Créancier SARL\n", "  nom: Créancier SARL\n  logo: logo.png\n")(folder)
    return make


def png(width: int, height: int) -> Callable[[Path], None]:
    """A PNG of a few bytes whose header claims ``width`` × ``height`` pixels (a decompression bomb)."""
    def make(path: Path) -> None:
        import io

        from PIL import Image

        out = io.BytesIO()
        Image.new("1", (8, 8)).save(out, "PNG")
        data = bytearray(out.getvalue())
        ihdr = 8 + 8  # signature, then length and type of the IHDR chunk
        data[ihdr:ihdr + 8] = struct.pack(">II", width, height)
        data[ihdr + 13:ihdr + 17] = struct.pack(">I", zlib.crc32(bytes(data[ihdr - 4:ihdr + 13])))
        path.write_bytes(bytes(data))
    return make


def sparse_pdf(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as fh:
            fh.write(b"%PDF-1.4\n")
            fh.truncate(size)
    return make


def directory(path: Path) -> None:
    path.mkdir()


def fifo(path: Path) -> None:
    os.mkfifo(path)


def no_space(code: int, filename: str | None = None):
    """Every fsync fails with ``code``, as on a full disk (the data is flushed at that moment)."""
    def patch(monkeypatch) -> None:
        def fail(fd):
            raise OSError(code, os.strerror(code), filename)
        monkeypatch.setattr(os, "fsync", fail)
    return patch


def refused_open(code: int, name: str):
    """``os.open`` of a file named ``name`` fails with ``code`` (a read-only or forbidden dossier)."""
    def patch(monkeypatch) -> None:
        real = os.open

        def fail(path, *args, **kwargs):
            if os.fspath(path).endswith(name):
                raise OSError(code, os.strerror(code), path)
            return real(path, *args, **kwargs)
        monkeypatch.setattr(os, "open", fail)
    return patch


def invoices(n: int) -> str:
    return "".join(f"  - {{numero: G{i}, date: 2025-03-01, echeance: 2025-03-31, montant_ttc: 1}}\n" for i in range(n))



# images: 40 × 20, ink (dark, opaque) on the left half, background on the right half

def two_halves(mode: str, ink, background, **info):
    from PIL import Image

    img = Image.new(mode, (40, 20), background)
    img.paste(ink, (0, 0, 20, 20))
    img.info.update(info)
    return img


def palette(transparent: bool):
    from PIL import Image

    img = Image.new("P", (40, 20), 0)
    img.putpalette([0, 0, 0, 0, 0, 0] + [255] * 762)  # 0: black (the transparent one), 1: black
    img.paste(1, (0, 0, 20, 20))
    if transparent:
        img.info["transparency"] = 0
    else:
        img.putpalette([255, 255, 255, 0, 0, 0] + [255] * 762)
    return img


def sixteen_bits():
    from PIL import Image

    img = Image.new("I;16", (40, 20), 65535)
    img.paste(0, (0, 0, 20, 20))
    for y in range(20):  # a mid-grey column: 128 once scaled, 255 if clipped (paste clips the value)
        img.putpixel((21, y), 32768)
    return img
