"""The exhibit bundle: 200 exhibits of 5 pages (1 000 pages), stamped, bookmarked and labelled, with
its bordereau, as a whole process, against qpdf merely concatenating the same files (runs
interleaved; min / median / max); peak memory; and the sample dossier's complete injonction file.
Loaded by benchmarks/run.py."""

import io
import shutil
import statistics
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] if "__file__" in globals() else Path.cwd()

from run import interleaved_runs, spread  # noqa: E402  (benchmarks/ is on sys.path: run.py loads this file)


def _exhibit(i: int, compress: bool = False) -> bytes:
    """A 5-page text PDF, like a scanned-then-OCRed invoice would be in size of content; its
    content streams uncompressed unless ``compress`` (qpdf then has no stream to compress)."""
    import pikepdf

    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    for p in range(5):
        pdf.add_blank_page(page_size=(595, 842))
        page = pdf.pages[-1]
        body = "".join(f"BT /F1 10 Tf 60 {780 - 14 * k} Td (Document {i}, page {p + 1}, ligne {k}) Tj ET\n"
                       for k in range(50))
        page.obj.Contents = pdf.make_stream(body.encode())
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    out = io.BytesIO()
    pdf.save(out, compress_streams=compress)
    return out.getvalue()


def _against_qpdf(folder: Path, cmd: list[str], qpdf_cmd: list[str], what: str) -> list[tuple[str, str, str]]:
    """Three rows: the bundle and qpdf on the same files, run alternately (min / median / max), and
    their ratio. Each case starts from a dossier without journal or output, as the first run would."""
    shutil.rmtree(folder / "sortie", ignore_errors=True)
    (folder / "journal.yaml").unlink(missing_ok=True)
    ours, ref = interleaved_runs(cmd, qpdf_cmd, runs=9)
    ratios = sorted(a / b for a, b in zip(ours, ref))
    return [(what + " (min / médiane / max)", f"{spread(ours)} s", "≤ 3 × qpdf"),
            ("  qpdf --empty --pages … -- sur les mêmes fichiers (simple concaténation), alterné avec le précédent",
             f"{spread(ref)} s", "référence"),
            ("  ratio procedure / qpdf : des médianes (et par paire alternée, min / médiane / max)",
             f"{statistics.median(ours) / statistics.median(ref):.2f} ({ratios[0]:.2f} / "
             f"{statistics.median(ratios):.2f} / {ratios[-1]:.2f})", "≤ 3")]


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
    what = "recueil de 200 pièces × 5 pages (1 000 pages), tamponné, signets, numéros de page, bordereau"
    if qpdf:
        rows += _against_qpdf(folder, cmd, qpdf_cmd, what + ", contenu des pièces non compressé")
    else:
        rows.append((what, f"{timed(cmd, runs=3):.2f} s", "≤ 3 × qpdf"))
        rows.append(("qpdf", "absent", "apt-get install qpdf"))
    peaks = []
    for _ in range(3):
        usage = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
        if usage.returncode == 0 and usage.stderr.strip().splitlines():
            peaks.append(int(usage.stderr.strip().splitlines()[-1]) / 1024)
    if peaks:
        rows.append(("mémoire maximale du recueil de 1 000 pages (/usr/bin/time -f %M, le plus haut de 3)",
                     f"{max(peaks):.0f} Mio", "< 300 Mio"))
    if qpdf:  # the same exhibits with their content compressed, as most PDFs are: qpdf has less to do
        for i in range(200):
            (folder / "pieces" / f"p{i:03d}.pdf").write_bytes(_exhibit(i, compress=True))
        rows += _against_qpdf(folder, cmd, qpdf_cmd, what + ", contenu des pièces déjà compressé (le cas courant)")
    sample = tmp / "commercant-inj"
    shutil.copytree(ROOT / "samples" / "commercant", sample, ignore=shutil.ignore_patterns("sortie", "journal.yaml"))
    t = timed([str(procedure), "injonction", str(sample), "--date", "2026-06-30", "--remplacer"], runs=3)
    rows.append(("dossier d'exemple : requête PDF+DOCX, bordereau, recueil", f"{t:.2f} s", "< 3 s"))
    return rows
