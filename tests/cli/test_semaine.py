"""The README's week in five commands runs as written: import (a FEC and e-invoices), verify, the
agenda, the next letters, the agenda as iCalendar."""

from __future__ import annotations

import glob
import re
import shlex
import shutil

import pytest

from conftest import ROOT, SHARED

CORPUS = SHARED / "corpus"
CREANCIER = """\
creancier:
  type: professionnel
  nom: Jus de Provence
  siren: "732829320"
  adresse: {ligne1: 1 route d'Apt, code_postal: "84000", ville: Avignon}
"""


def week_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## La semaine du cabinet, en cinq commandes\n+```sh\n(.*?)```", text, re.S)
    assert block, "README : bloc « La semaine du cabinet » introuvable"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_week_runs_as_written(run, tmp_path, monkeypatch):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus absent")
    shutil.copy(CORPUS / "fec/111111111FEC20221231.TXT", tmp_path / "export-compta.txt")
    shutil.copytree(CORPUS / "invoices/pdf", tmp_path / "factures")
    (tmp_path / "moi.yaml").write_text(CREANCIER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    commands = week_commands()
    assert len(commands) == 5
    env = {"PROCEDURE_AUJOURDHUI": "2026-07-06"}
    for command in commands:
        words = shlex.split(command)
        target = None
        if ">" in words:
            words, target = words[:words.index(">")], words[words.index(">") + 1]
        words = [w for word in words for w in (sorted(glob.glob(word)) if "*" in word else [word])]
        assert words[0] == "procedure"
        r = run(*words[1:], env=env)
        assert r.exit_code == 0, (command, r.stdout[-2000:], r.stderr[-2000:])
        if target:
            (tmp_path / target).write_text(r.stdout, encoding="utf-8")
    assert len(list((tmp_path / "dossiers").glob("*/dossier.yaml"))) == 18  # the FEC's debtors; no PDF is ours
    assert "BEGIN:VTODO" in (tmp_path / "agenda.ics").read_text(encoding="utf-8")
