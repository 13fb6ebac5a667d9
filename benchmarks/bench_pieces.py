"""The exhibit bundle: 200 exhibits of 5 pages (1 000 pages), stamped and bookmarked, as a whole
process, against qpdf merely concatenating the same files; peak memory; and the sample dossier's
complete injonction file. Loaded by benchmarks/run.py."""

import io
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] if "__file__" in globals() else Path.cwd()

from run import interleaved  # noqa: E402  (benchmarks/ is on sys.path: run.py loads this file)


def _exhibit(i: int) -> bytes:
    """A 5-page text PDF, like a scanned-then-OCRed invoice would be in size of content."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    w = PdfWriter()
    font = w._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                           NameObject("/Subtype"): NameObject("/Type1"),
                                           NameObject("/BaseFont"): NameObject("/Helvetica")}))
    for p in range(5):
        page = w.add_blank_page(595, 842)
        body = "".join(f"BT /F1 10 Tf 60 {780 - 14 * k} Td (Document {i}, page {p + 1}, ligne {k}) Tj ET\n"
                       for k in range(50))
        s = DecodedStreamObject()
        s.set_data(body.encode())
        page[NameObject("/Contents")] = w._add_object(s)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/F1"): font})})
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def measure(tmp: Path, procedure: Path, timed) -> list[tuple[str, str, str]]:
    rows = []
    folder = tmp / "gros-dossier"
    (folder / "pieces").mkdir(parents=True)
    lines = ["reference: BENCH-PIECES", "creancier:", "  type: professionnel", "  nom: Bench SARL",
             "  adresse: {ligne1: 1 rue A, code_postal: \"69003\", ville: Lyon}", "debiteur:",
             "  type: professionnel", "  commercant: true", "  nom: Debiteur SAS",
             "  adresse: {ligne1: 2 rue B, code_postal: \"69002\", ville: Lyon}", "factures:",
             "  - {numero: F1, date: 2025-03-01, echeance: 2025-03-31, montant_ttc: \"1000.00\"}", "pieces:"]
    files = []
    for i in range(200):
        path = folder / "pieces" / f"p{i:03d}.pdf"
        path.write_bytes(_exhibit(i))
        files.append(str(path))
        lines.append(f"  - {{titre: Pièce {i}, fichier: pieces/p{i:03d}.pdf}}")
    (folder / "dossier.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cmd = [str(procedure), "pieces", str(folder), "--date", "2026-06-30", "--format", "pdf", "--remplacer"]
    qpdf = shutil.which("qpdf")
    qpdf_cmd = [qpdf, "--empty", "--pages", *files, "--", str(tmp / "qpdf.pdf")] if qpdf else None
    if qpdf:
        ours, ref = interleaved(cmd, qpdf_cmd, runs=5)
    else:
        ours = timed(cmd, runs=3)
    rows.append(("recueil de 200 pièces × 5 pages (1 000 pages), tamponné, avec signets", f"{ours:.2f} s", "≤ 5 × qpdf"))
    usage = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
    if usage.returncode == 0 and usage.stderr.strip().splitlines():
        peak = int(usage.stderr.strip().splitlines()[-1]) / 1024
        rows.append(("mémoire maximale du recueil de 1 000 pages", f"{peak:.0f} Mio", "< 500 Mio"))
    if qpdf:
        rows.append(("qpdf --empty --pages … (simple concaténation)", f"{ref:.2f} s", "référence"))
        rows.append(("ratio procedure / qpdf", f"{ours / ref:.1f}", "≤ 5"))
    else:
        rows.append(("qpdf", "absent", "apt-get install qpdf"))
    sample = tmp / "commercant-inj"
    shutil.copytree(ROOT / "samples" / "commercant", sample, ignore=shutil.ignore_patterns("sortie", "journal.yaml"))
    t = timed([str(procedure), "injonction", str(sample), "--date", "2026-06-30", "--remplacer"], runs=3)
    rows.append(("dossier d'exemple : requête PDF+DOCX, bordereau, recueil", f"{t:.2f} s", "< 3 s"))
    return rows
