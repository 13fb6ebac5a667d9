"""Whole-process benchmarks (not unit tests). Run with ``make bench``; results in benchmarks/resultats.md,
and in README.md between ``<!-- mesures -->`` and ``<!-- /mesures -->``.

Each measure runs the real ``procedure`` command, started as a new process, as a user would, several
times: the table gives the median and the spread (min / median / max). A figure is compared with its
reference measured in the same run, on the same machine, alternately with it when possible (a busy
moment weighs on both sides of the ratio): LibreOffice converting the same letter (one, and a batch),
qpdf concatenating the same exhibits, the bare interpreter, the YAML parser alone, a two-invoice letter.
References are measured when installed (``apt-get install libreoffice-writer qpdf``).

A bench file returns rows: a :class:`Row`, or a plain ``(mesure, résultat, objectif)`` tuple.
"""

from __future__ import annotations

import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent / "procedure"
RESULTS = ROOT / "benchmarks" / "resultats.md"
README = ROOT / "README.md"
MARKERS = ("<!-- mesures -->", "<!-- /mesures -->")


class Spread(float):
    """A duration in seconds: the median of several runs (usable as a number, as before), with
    ``low`` and ``high`` (min and max) and ``runs``."""

    low: float
    high: float
    runs: int
    times: list[float]

    def __new__(cls, times: list[float]):
        self = super().__new__(cls, statistics.median(times))
        self.low, self.high, self.runs = min(times), max(times), len(times)
        self.times = list(times)
        return self

    def text(self, unit: str = "s") -> str:
        scale, fmt = (1000, "{:.0f}") if unit == "ms" else (1, "{:.2f}")
        return " / ".join(fmt.format(x * scale) for x in (self.low, float(self), self.high)) + f" {unit} ({self.runs})"


def _clock(cmd: list[str], env: dict | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    return time.perf_counter() - t0


def timed(cmd: list[str], runs: int = 5, env: dict | None = None, before=None) -> Spread:
    """Run ``cmd`` ``runs`` times (``before()`` ahead of each run): the spread of the durations."""
    times = []
    for _ in range(runs):
        if before:
            before()
        times.append(_clock(cmd, env))
    return Spread(times)


def interleaved(a: list[str], b: list[str], runs: int = 7, before=None) -> tuple[Spread, Spread]:
    """Two commands run alternately, so that a busy moment of the machine weighs on both sides of a
    ratio alike: the spread of each."""
    ta, tb = [], []
    for n in range(runs + 1):
        for cmd, acc in ((a, ta), (b, tb)):
            if before:
                before()
            acc.append(_clock(cmd))
    return Spread(ta), Spread(tb)


def interleaved_runs(a: list[str], b: list[str], runs: int = 7) -> tuple[list[float], list[float]]:
    """The times of two commands run alternately, after one warm-up run of each (bench_pieces)."""
    ta, tb = interleaved(a, b, runs)
    return ta.times, tb.times


def peak_mib(cmd: list[str]) -> float | None:
    """The peak memory (resident set) of ``cmd``, by /usr/bin/time -f %M, in MiB (None without it)."""
    if not Path("/usr/bin/time").exists():
        return None
    usage = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True)
    lines = usage.stderr.strip().splitlines()
    if usage.returncode != 0 or not lines or not lines[-1].isdigit():
        return None
    return int(lines[-1]) / 1024


@dataclass
class Row:
    """One line of the table: a measure, its spread, its reference and the ratio to it, the goal."""

    mesure: str
    resultat: str
    dispersion: str = "—"
    reference: str = "—"
    ratio: str = "—"
    objectif: str = "—"


def row(mesure: str, value: Spread, goal: str = "—", ref: Spread | None = None, ref_name: str = "",
        unit: str = "s") -> Row:
    """A timed measure, and its ratio to ``ref`` (same run) when there is one."""
    def shown(t: float) -> str:
        return f"{t * 1000:.0f} ms" if unit == "ms" else f"{t:.2f} s"

    if ref is None:
        return Row(mesure, shown(value), value.text(unit), objectif=goal)
    return Row(mesure, shown(value), value.text(unit), f"{ref_name} : {shown(ref)}", f"{float(value) / float(ref):.2f}",
               goal)


def as_row(r) -> Row:
    """A bench's row: a :class:`Row`, or the older ``(mesure, résultat, objectif)`` tuple."""
    if hasattr(r, "mesure"):  # (a bench imports this file as ``run``: its Row is not __main__'s)
        return r
    mesure, resultat, objectif = r
    return Row(mesure, resultat, objectif=objectif)


def spread(times: list[float]) -> str:
    """min / median / max, in seconds."""
    return f"{min(times):.2f} / {statistics.median(times):.2f} / {max(times):.2f}"


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


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(encoding="utf-8"), re.M)
        cpu = found.group(1).strip() if found else cpu
    except OSError:
        pass
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"Machine : {cpu} ({platform.machine()}), {os.cpu_count()} cœurs, charge {load} (1, 5, 15 min), "
            f"Python {platform.python_version()}, {date.today().isoformat()}.")


def core(tmp: Path) -> list[Row]:
    """Start-up and the décompte, against the bare interpreter and the YAML parser alone."""
    py = [sys.executable, "-c", "pass"]
    ours, ref = interleaved([str(BIN), "--help"], py, runs=9)
    rows = [row("procedure --help", ours, "< 300 ms", ref, "python -c pass", unit="ms")]
    ours, ref = interleaved([str(BIN), "montant", "1234.56"], py, runs=9)
    rows.append(row("procedure montant 1234.56", ours, "< 300 ms", ref, "python -c pass", unit="ms"))
    big = big_dossier(tmp / "big")
    parse = [sys.executable, "-c", "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), "
             "Loader=yaml.CSafeLoader)", str(big / "dossier.yaml")]
    ours, ref = interleaved([str(BIN), "decompte", str(big), "--au", "2026-06-30", "--format", "json"], parse, runs=3)
    rows.append(row("décompte, 10 000 factures et 5 000 paiements (JSON)", ours, "< 2 s", ref, "lecture YAML seule"))
    return rows


def table(rows: list[Row]) -> str:
    head = ("| mesure | médiane | min / médiane / max (exécutions) | référence (même exécution) | ratio | objectif |\n"
            "|---|---|---|---|---|---|\n")
    return head + "".join(f"| {r.mesure} | {r.resultat} | {r.dispersion} | {r.reference} | {r.ratio} | {r.objectif} |\n"
                          for r in rows)


def update_readme(text: str) -> None:
    """Put the table between the README's two markers (the section « Performances »)."""
    readme = README.read_text(encoding="utf-8")
    start, end = readme.find(MARKERS[0]), readme.find(MARKERS[1])
    if start < 0 or end < start:
        print(f"README.md : marqueurs {MARKERS[0]} … {MARKERS[1]} absents : section non mise à jour", file=sys.stderr)
        return
    README.write_text(readme[:start + len(MARKERS[0])] + "\n" + text + readme[end:], encoding="utf-8")


def main() -> None:
    only = sys.argv[1:]  # bench names (``lettres``, ``longues``...) to run some only, without writing the results
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if not only:
            rows += core(tmp)
        for extra in sorted((ROOT / "benchmarks").glob("bench_*.py")):
            if only and extra.stem.removeprefix("bench_") not in only:
                continue
            ns: dict = {"__file__": str(extra)}
            exec(compile(extra.read_text(encoding="utf-8"), str(extra), "exec"), ns)
            rows += [as_row(r) for r in ns["measure"](tmp, BIN, timed)]
    text = (f"{machine()} Chaque mesure lance la commande complète, comme un utilisateur ; le ratio rapporte la "
            "médiane à celle de sa référence, mesurée dans la même exécution (en alternance quand c'est possible).\n\n"
            + table(rows))
    print(text)
    if not only:
        RESULTS.write_text("# Mesures\n\n" + text, encoding="utf-8")
        update_readme(text)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "benchmarks"))
    main()
