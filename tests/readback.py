"""Read produced documents back as text, the way a reader sees them."""

from __future__ import annotations

import re
from pathlib import Path


def norm(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2212", "-")
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return norm(" ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts: list[str] = []

    def walk(container):
        for block in container.iter_inner_content():
            if hasattr(block, "rows"):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                parts.append(block.text)

    walk(doc)
    for section in doc.sections:
        walk(section.footer)
    return norm(" ".join(parts))


def text_runs(path: Path) -> list[tuple[int, float, float, float, float, float, str]]:
    """Every run of text the PDF draws: (page number, page width, page height, x and y where it
    starts, font size, text), in points, from the text and transformation matrices."""
    from pypdf import PdfReader

    runs: list[tuple[int, float, float, float, float, float, str]] = []
    for number, page in enumerate(PdfReader(str(path)).pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text, cm, tm, font, size, number=number, width=width, height=height):
            if not text.strip():
                return
            a, b, c, d, e, f = tm
            x = e * cm[0] + f * cm[2] + cm[4]
            y = e * cm[1] + f * cm[3] + cm[5]
            scale = (((a * cm[0] + b * cm[2]) ** 2 + (a * cm[1] + b * cm[3]) ** 2) ** 0.5)
            runs.append((number, width, height, x, y, size * scale, text))

        page.extract_text(visitor_text=visit)
    return runs
