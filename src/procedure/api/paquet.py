"""The office's side of a packet (``procedure paquet``): check it against its manifest, read the debtor.

No dossier is needed: the ZIP and its ``manifest.json`` are enough (SPEC §5.3).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from procedure.sortie import paquet


@dataclass
class Report:
    path: Path
    manifest: dict
    checks: list[paquet.Check]

    @property
    def valid(self) -> bool:
        return all(c.etat == paquet.OK for c in self.checks)

    @property
    def problems(self) -> list[paquet.Check]:
        return [c for c in self.checks if c.etat != paquet.OK]

    def to_data(self) -> dict:
        return {"paquet": str(self.path), "format": self.manifest.get("format"), "reference": self.manifest.get("reference"),
                "date": self.manifest.get("date"), "valide": self.valid,
                "fichiers": [{"nom": c.nom, "etat": c.etat, "detail": c.detail} for c in self.checks]}


def check(path: Path) -> Report:
    """Every file of the packet against the manifest (names, sizes, SHA-256, PDFs open)."""
    manifest, checks = paquet.verify(path)
    return Report(Path(path), manifest, checks)


def debtor(path: Path, fmt: str) -> tuple[str, Report]:
    """The debtor's identity as CSV (``;``, UTF-8 with BOM, one row) or JSON, and the packet's check."""
    report = check(path)
    record = paquet.debtor_record(report.manifest)
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n", report
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(paquet.DEBTOR_COLUMNS)
    w.writerow([record[k] for k in paquet.DEBTOR_COLUMNS])
    return "\ufeff" + buf.getvalue(), report
