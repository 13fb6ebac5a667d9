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


def test_the_petites_creances_request_and_the_fiche_convert_with_libreoffice(run, sample, tmp_path):
    import zipfile

    folder = sample("particulier")
    assert run("petites-creances", str(folder), "--date", "2026-02-01", "--format", "docx", "--echeancier", "3").exit_code == 0
    assert run("commissaire", str(folder), "--date", "2026-02-01").exit_code == 0
    fiche = tmp_path / "fiche-de-transmission.docx"
    with zipfile.ZipFile(folder / "sortie" / "2026-02-01_DOS-2026-003_remise-commissaire.zip") as z:
        fiche.write_bytes(z.read("fiche-de-transmission.docx"))
    out = tmp_path / "lo"
    docs = [str(folder / "sortie" / "2026-02-01_DOS-2026-003_petites-creances.docx"), str(fiche)]
    r = subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--convert-to", "pdf", "--outdir", str(out), *docs], capture_output=True, text=True,
                       timeout=180)
    assert r.returncode == 0, r.stderr
    request = pdf_text(out / "2026-02-01_DOS-2026-003_petites-creances.pdf")
    assert "cour d'appel de Rennes" in request and "814,39 €" in request  # 2443.15 = 814.38 x 2 + 814.39
    assert "Mandat de recouvrement amiable" in pdf_text(out / "fiche-de-transmission.pdf")
