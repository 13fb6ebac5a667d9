"""The DOCX open cleanly in LibreOffice (skipped where LibreOffice is not installed)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from readback import pdf_text

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent")


def test_letters_convert_with_libreoffice(run, sample, tmp_path):
    folder = sample("commercant")
    for kind in ("mise-en-demeure", "avertissement"):
        assert run(kind, str(folder), "--date", "2025-09-01", "--format", "docx").exit_code == 0
    out = tmp_path / "lo"
    docs = sorted(str(p) for p in (folder / "sortie").glob("*.docx"))
    r = subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--convert-to", "pdf", "--outdir", str(out), *docs], capture_output=True, text=True,
                       timeout=180)
    assert r.returncode == 0, r.stderr
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 2
    text = pdf_text(next(p for p in pdfs if "mise-en-demeure" in p.name))
    assert "13 088,76 €" in text and "Boulangerie Martin SAS" in text
