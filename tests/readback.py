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
