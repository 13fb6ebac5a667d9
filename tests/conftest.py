from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def run(monkeypatch):
    """Run the CLI in-process like a user would; returns (exit_code, stdout, stderr)."""
    from procedure.cli import main

    def _run(*args: str, env: dict | None = None) -> Result:
        for k, v in (env or {}).items():
            monkeypatch.setenv(k, v)
        runner = CliRunner()
        with runner.isolation() as (out, err, *_):
            code = 0
            try:
                main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            return Result(code, out.getvalue().decode(), err.getvalue().decode())

    return _run


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True)
def no_logged_warning(caplog):
    """A test fails on any warning logged by procedure or a library it drives (a warning is a
    defect to fix or a case to handle, never noise). Python warnings are errors (pyproject)."""
    import logging

    caplog.set_level(logging.WARNING)
    yield
    logged = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING]
    assert not logged, "avertissements journalisés : " + "; ".join(f"{r.name}: {r.getMessage()}" for r in logged)


@pytest.fixture
def sample(tmp_path):
    """A private copy of a sample dossier."""
    def _copy(name: str) -> Path:
        dst = tmp_path / name
        shutil.copytree(SAMPLES / name, dst, ignore=shutil.ignore_patterns("sortie", "journal.yaml"))
        return dst
    return _copy


MINIMAL = """\
reference: T-1
creancier:
  type: professionnel
  nom: Créancier SARL
  adresse: {ligne1: 1 rue A, code_postal: "69003", ville: Lyon}
debiteur:
  type: professionnel
  nom: Débiteur SAS
  adresse: {ligne1: 2 rue B, code_postal: "69002", ville: Lyon}
factures:
  - numero: F1
    date: 2025-03-01
    echeance: 2025-03-31
    montant_ttc: "10000.00"
"""


@pytest.fixture
def write_dossier(tmp_path):
    def _write(text: str = MINIMAL, name: str = "d") -> Path:
        folder = tmp_path / name
        folder.mkdir(exist_ok=True)
        (folder / "dossier.yaml").write_text(text, encoding="utf-8")
        return folder
    return _write
