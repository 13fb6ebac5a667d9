"""Long dossiers (a letter stays a letter): the mise en demeure in PDF of a debtor with 2 000 and
10 000 invoices, as a whole process (the letter in its totals form and its annexed décompte), against
the same letter for 2 invoices, its reference, run alternately with it; peak memory. Loaded by
benchmarks/run.py."""

import subprocess
from pathlib import Path

from run import Row, big_dossier, interleaved, peak_mib, row  # noqa: E402  (run.py loads this file)

WHEN = "2026-06-30"


def _pages(folder: Path, name: str) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(next((folder / "sortie").glob(f"*_{name}.pdf")))).pages)


def measure(tmp: Path, procedure: Path, timed) -> list:
    rows = []
    folders = {n: big_dossier(tmp / f"longues-{n}", n, max(1, n // 2)) for n in (2, 2_000, 10_000)}

    def letter(n: int) -> list[str]:
        return [str(procedure), "mise-en-demeure", str(folders[n]), "--date", WHEN, "--format", "pdf", "--remplacer"]

    for n in folders:
        subprocess.run(letter(n), check=True, capture_output=True)
    t2000, t2 = interleaved(letter(2_000), letter(2), runs=5)
    rows.append(row("mise en demeure PDF, 2 factures (la référence)", t2))
    pages = f"lettre de {_pages(folders[2_000], 'mise-en-demeure')} pages, annexe de " \
            f"{_pages(folders[2_000], 'decompte-annexe')}"
    rows.append(row(f"mise en demeure PDF, 2 000 factures ({pages})", t2000, "≤ 15 × la lettre de 2 factures", t2,
                    "la lettre de 2 factures"))
    base = peak_mib(letter(2))

    def memory(n: int) -> None:
        peak = peak_mib(letter(n))
        if peak is not None and base is not None:
            count = f"{n:,}".replace(",", "\u00a0")
            rows.append(Row(f"mémoire maximale, {count} factures", f"{peak:.0f} Mio",
                            reference=f"la lettre de 2 factures : {base:.0f} Mio", ratio=f"{peak / base:.2f}",
                            objectif="< 800 Mio (/usr/bin/time -f %M)"))

    memory(2_000)
    t10000, t2b = interleaved(letter(10_000), letter(2), runs=3)
    pages = f"annexe de {_pages(folders[10_000], 'decompte-annexe')} pages"
    rows.append(row(f"mise en demeure PDF, 10 000 factures et 5 000 paiements ({pages})", t10000, "—", t2b,
                    "la lettre de 2 factures"))
    memory(10_000)
    return rows
