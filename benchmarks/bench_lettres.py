"""Letters: one letter to PDF as a whole process, against LibreOffice converting the same letter
from DOCX (its reference, alternately); and in-process times once warm. Loaded by benchmarks/run.py."""

import shutil
import subprocess
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] if "__file__" in globals() else Path.cwd()

from run import Row, Spread, interleaved, row  # noqa: E402  (benchmarks/ is on sys.path: run.py loads this file)


def measure(tmp: Path, procedure: Path, timed) -> list:
    rows = []
    sample = ROOT / "samples" / "commercant"
    work = tmp / "lettres"
    shutil.copytree(sample, work, ignore=shutil.ignore_patterns("sortie", "journal.yaml"))
    cmd = [str(procedure), "relance", str(work), "--date", "2025-09-01", "--format", "pdf", "--remplacer"]
    subprocess.run([str(procedure), "relance", str(work), "--date", "2025-09-01", "--format", "docx",
                    "--remplacer"], check=True, capture_output=True)
    soffice = shutil.which("soffice")
    if soffice:
        docx = next((work / "sortie").glob("*relance.docx"))
        profile = f"-env:UserInstallation=file://{tmp}/lo-profile"
        lo_cmd = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(tmp / "lo"), str(docx)]
        subprocess.run(lo_cmd, check=True, capture_output=True)  # first run creates the profile
        ours, lo = interleaved(cmd, lo_cmd)
        rows.append(row("relance en PDF, processus complet", ours, "≤ 0,5 × LibreOffice", lo,
                        "LibreOffice, la même relance DOCX -> PDF"))
    else:
        rows.append(row("relance en PDF, processus complet", timed(cmd, runs=5), "≤ 0,5 × LibreOffice"))
        rows.append(Row("LibreOffice", "absent", objectif="apt-get install libreoffice-writer"))
    # warm, in-process
    from procedure.api.dossier import load
    from procedure.api.lettres import render
    from procedure.modele.actions import Document
    from procedure.rendu.modeles import TemplateSet

    d = load(work)
    ts = TemplateSet()
    for fmt in ("pdf", "docx"):
        render(Document.MISE_EN_DEMEURE, d, date(2025, 9, 1), (fmt,), ts)
        t = []
        for _ in range(5):
            t0 = time.perf_counter()
            out = render(Document.MISE_EN_DEMEURE, d, date(2025, 9, 1), (fmt,), ts)
            t.append(time.perf_counter() - t0)
        pages = ""
        if fmt == "pdf":
            import io

            import pikepdf

            pdf = next(data for _, ext, data in out[0] if ext == "pdf")
            pages = f", {len(pikepdf.open(io.BytesIO(pdf)).pages)} pages"
        rows.append(row(f"mise en demeure {fmt.upper()}, en mémoire, à chaud{pages}", Spread(t),
                        "< 300 ms (PDF)" if fmt == "pdf" else "—", unit="ms"))
    return rows
