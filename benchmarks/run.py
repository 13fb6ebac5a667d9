"""Whole-process benchmarks (not unit tests). Run with ``make bench``; results in benchmarks/resultats.md.

Each measure is the median of several runs of the real ``procedure`` command, started as a new
process, as a user would. References (LibreOffice, qpdf) are measured when installed.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent / "procedure"
RESULTS = ROOT / "benchmarks" / "resultats.md"


def timed(cmd: list[str], runs: int = 5, env: dict | None = None) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**os.environ, **(env or {})})
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def interleaved_runs(a: list[str], b: list[str], runs: int = 7) -> tuple[list[float], list[float]]:
    """The times of two commands run alternately (a, b, a, b...), so that a busy moment of the
    machine weighs on both sides of a ratio alike; one warm-up run of each first."""
    ta, tb = [], []
    for n in range(runs + 1):
        for cmd, acc in ((a, ta), (b, tb)):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if n:
                acc.append(time.perf_counter() - t0)
    return ta, tb


def interleaved(a: list[str], b: list[str], runs: int = 7) -> tuple[float, float]:
    """Medians of two commands run alternately (:func:`interleaved_runs`)."""
    ta, tb = interleaved_runs(a, b, runs)
    return statistics.median(ta), statistics.median(tb)


def spread(times: list[float]) -> str:
    """min / median / max, in seconds."""
    return f"{min(times):.2f} / {statistics.median(times):.2f} / {max(times):.2f}"


def machine() -> str:
    """The processor, its cores and the load when the measures start (other processes count)."""
    model = ""
    try:
        model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("model name")), "")
    except OSError:
        pass
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return f"{platform.machine()} {model}".strip() + f", {os.cpu_count()} cœurs, charge {load} (1, 5, 15 min)"


def big_dossier(folder: Path, invoices: int = 10_000, payments: int = 5_000) -> Path:
    rnd = random.Random(42)
    lines = ["reference: BENCH-10000", "creancier:", "  type: professionnel", "  nom: Bench SARL",
             "  adresse: {ligne1: 1 rue A, code_postal: \"69003\", ville: Lyon}", "debiteur:",
             "  type: professionnel", "  nom: Debiteur SAS",
             "  adresse: {ligne1: 2 rue B, code_postal: \"69002\", ville: Lyon}", "factures:"]
    start = date(2024, 1, 1)
    for i in range(invoices):
        d = start + timedelta(days=rnd.randrange(700))
        lines += [f"  - numero: F{i:05d}", f"    date: {d.isoformat()}",
                  f"    echeance: {(d + timedelta(days=30)).isoformat()}",
                  f"    montant_ttc: \"{rnd.randrange(10000, 2000000) / 100:.2f}\""]
    lines.append("paiements:")
    for i in range(payments):
        d = start + timedelta(days=rnd.randrange(30, 880))
        lines += [f"  - date: {d.isoformat()}", f"    montant: \"{rnd.randrange(1000, 500000) / 100:.2f}\""]
        if i % 2:
            lines.append(f"    facture: F{rnd.randrange(invoices):05d}")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dossier.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def main() -> None:
    start = machine()
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = timed([str(BIN), "--help"], runs=9)
        rows.append(("procedure --help", f"{t * 1000:.0f} ms", "< 300 ms"))
        t = timed([str(BIN), "montant", "1234.56"], runs=9)
        rows.append(("procedure montant 1234.56", f"{t * 1000:.0f} ms", "< 300 ms"))
        big = big_dossier(tmp / "big")
        t = timed([str(BIN), "decompte", str(big), "--au", "2026-06-30", "--format", "json"], runs=3)
        rows.append(("décompte, 10 000 factures et 5 000 paiements (JSON)", f"{t:.2f} s", "< 2 s"))
        for extra in sorted((ROOT / "benchmarks").glob("bench_*.py")):
            ns: dict = {}
            ns["__file__"] = str(extra)
            exec(compile(extra.read_text(encoding="utf-8"), str(extra), "exec"), ns)
            rows.extend(ns["measure"](tmp, BIN, timed))
    header = (f"# Mesures\n\nMachine : {start}, Python {platform.python_version()}, "
              f"{date.today().isoformat()}. Médiane de plusieurs exécutions du processus complet (min / médiane / "
              "max quand c'est indiqué).\n\n| mesure | résultat | objectif |\n|---|---|---|\n")
    text = header + "".join(f"| {a} | {b} | {c} |\n" for a, b, c in rows)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
