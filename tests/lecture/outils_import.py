"""What the import tests share: the corpus, a creditor file, reading back what was written."""

from __future__ import annotations

import csv
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SHARED
from procedure.lecture.dossier_yaml import load_yaml

CORPUS = SHARED / "corpus"

CREANCIER = """\
# mon entreprise : le bloc creancier de mes dossiers
creancier:
  type: professionnel   # nous
  nom: Jus de Provence
  forme_juridique: SAS
  siren: "732829320"
  adresse: {ligne1: 1 route d'Apt, code_postal: "84000", ville: Avignon}
"""


def need_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus absent")


def manifest(category: str) -> list[dict[str, str]]:
    need_corpus()
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["category"] == category]


def rows_of(category: str) -> list[dict[str, str]]:
    """The manifest's rows at collection time (empty without the corpus: the tests then skip)."""
    if not (CORPUS / "manifest.csv").is_file():
        return []
    with (CORPUS / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["category"] == category]


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` (hidden ones too) with its SHA-256."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def dossiers(root: Path) -> dict[str, object]:
    if not root.is_dir():  # nothing imported: RACINE is not even created
        return {}
    return {p.name: load_yaml(p) for p in sorted(root.iterdir()) if (p / "dossier.yaml").is_file()}


def balance(d) -> Decimal:
    """What the dossier claims before interest: invoices less payments."""
    return sum((f.montant_ttc for f in d.factures), Decimal("0")) - sum((p.montant for p in d.paiements), Decimal("0"))


def still_due(d, numero: str) -> Decimal:
    inv = d.invoice(numero)
    return inv.montant_ttc - sum((p.montant for p in d.paiements if p.facture == numero), Decimal("0"))


def creditor_file(folder: Path) -> Path:
    path = folder / "moi.yaml"
    path.write_text(CREANCIER, encoding="utf-8")
    return path
