"""The command line, driven like a user: help, outputs, exit codes."""

import json
import re
import subprocess
import sys

import pytest

from conftest import MINIMAL
from procedure.cli import cli


def all_commands():
    return sorted(cli.commands)


@pytest.mark.parametrize("name", all_commands())
def test_every_command_has_french_help_with_an_example(run, name):
    r = run(name, "--help")
    assert r.exit_code == 0
    assert "Utilisation : procedure " + name in r.stdout
    assert "Exemple" in r.stdout
    assert "Afficher cette aide" in r.stdout


ENGLISH = ("Usage", "Options:", "Commands", "Show this message", "[default", "[required", "PATH", "INTEGER", " TEXT ",
           "FILENAME", "DIRECTORY", "Error", "Arguments", "Try '")


def _every_command_path(group=cli, prefix=()):
    import click

    for name, cmd in sorted(group.commands.items()):
        yield prefix + (name,)
        if isinstance(cmd, click.Group):
            yield from _every_command_path(cmd, prefix + (name,))


@pytest.mark.parametrize("path", [()] + list(_every_command_path()), ids=lambda p: " ".join(p) or "procedure")
def test_help_is_entirely_french(run, path):
    r = run(*path, "--help")
    assert r.exit_code == 0
    for word in ENGLISH:
        assert word not in r.stdout, word
    assert "Options\u00a0:" in r.stdout  # French typography: a (no-break) space before the colon
    assert "[défaut :" not in r.stdout  # « défaut » and its value stay on one line
    commands = r.stdout.partition("Commandes\u00a0:")[2]  # a command's summary: its help's first paragraph, whole
    assert not [line for line in commands.splitlines() if line.rstrip().endswith("...")], commands


def test_main_help_and_version(run):
    r = run("--help")
    assert r.exit_code == 0 and "Commandes" in r.stdout and "ne remplace pas le conseil d'un avocat" in r.stdout
    r = run("--version")
    assert r.exit_code == 0 and r.stdout.startswith("procedure 0.")


def test_montant(run):
    r = run("montant", "1234.56")
    assert r.stdout == "mille deux cent trente-quatre euros et cinquante-six centimes\n"
    assert run("montant", "1234,56").stdout == r.stdout
    assert run("montant", "80", "--orthographe", "1990").stdout == "quatre-vingts euros\n"


def test_decompte_json_matches_the_spec(run, write_dossier):
    folder = write_dossier()
    r = run("decompte", str(folder), "--au", "2025-06-30", "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert {k: data[k] for k in ("reference", "au", "principal", "paye", "interets", "indemnites", "total")} == {
        "reference": "T-1", "au": "2025-06-30", "principal": "10000.00", "paye": "0.00",
        "interets": "327.85", "indemnites": "40.00", "total": "10367.85"}
    (f,) = data["factures"]
    assert {k: f[k] for k in ("numero", "montant_ttc", "paye", "interets", "indemnite", "reste_du")} == {
        "numero": "F1", "montant_ttc": "10000.00", "paye": "0.00", "interets": "327.85", "indemnite": "40.00",
        "reste_du": "10367.85"}
    (p,) = f["periodes"]
    assert {k: p[k] for k in ("du", "au", "jours", "base", "taux", "montant")} == {
        "du": "2025-04-01", "au": "2025-06-30", "jours": 91, "base": "10000.00", "taux": "13.15",
        "montant": "327.85"}
    assert not (folder / "sortie").exists()


def test_decompte_csv_file_is_never_silently_overwritten(run, write_dossier):
    folder = write_dossier()
    r = run("decompte", str(folder), "--au", "2025-06-30", "--format", "csv")
    assert r.exit_code == 0, r.stderr
    out = folder / "sortie" / "2025-06-30_T-1_decompte.csv"
    assert out.is_file() and str(out) in r.stdout
    text = out.read_text(encoding="utf-8-sig")
    assert "327,85" in text and text.splitlines()[-1].startswith(";total;")
    out.write_text("modifié à la main")
    r = run("decompte", str(folder), "--au", "2025-06-30", "--format", "csv")
    assert r.exit_code == 2 and "existe déjà" in r.stderr
    assert out.read_text() == "modifié à la main"
    r = run("decompte", str(folder), "--au", "2025-06-30", "--format", "csv", "--remplacer")
    assert r.exit_code == 0 and "327,85" in out.read_text(encoding="utf-8-sig")
    assert [p.name for p in (folder / "sortie").iterdir()] == [out.name]  # no temporary file left


def test_unknown_rate_is_exit_2_naming_the_half_year(run, write_dossier):
    r = run("decompte", str(write_dossier()), "--au", "2027-02-01")
    assert r.exit_code == 2 and "1er semestre 2027" in r.stderr


def test_unverified_rate_warns_on_stderr(run, write_dossier):
    r = run("decompte", str(write_dossier()), "--au", "2026-09-30")
    assert r.exit_code == 0 and "non vérifié" in r.stderr and "2e semestre 2026" in r.stderr
    json.loads(r.stdout)  # the warning does not pollute the JSON


def test_verifier_warnings(run, write_dossier):
    text = (MINIMAL.replace("    echeance: 2025-03-31", "    echeance: 2025-06-30")
            .replace("  nom: Débiteur SAS", "  nom: Débiteur SAS\n  procedure_collective: true")
            + 'penalites:\n  regime: contractuel\n  taux: "5.00"\n')
    r = run("verifier", str(write_dossier(text)), "--au", "2030-03-01")
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert "valide" in out
    assert "L441-10 I" in out  # 121 days of payment terms
    assert "plancher" in out   # 5 % < 3 x legal rate
    assert "procédure collective" in out
    assert "prescrite le 2030-06-30" in out  # 5 years from the due date, within six months


def test_verifier_prescription_two_years_for_a_consumer(run, write_dossier):
    text = MINIMAL.replace("  type: professionnel\n  nom: Débiteur SAS", "  type: particulier\n  nom: Débiteur")
    r = run("verifier", str(write_dossier(text)), "--au", "2027-04-01")
    assert "prescrite depuis le 2027-03-31" in r.stdout and "L218-2" in r.stdout
    assert "aucun intérêt ne court avant une mise en demeure" in r.stdout


def test_partial_payment_restarts_prescription(run, write_dossier):
    text = MINIMAL + "paiements:\n  - date: 2026-01-10\n    montant: \"100.00\"\n"
    r = run("verifier", str(write_dossier(text)), "--au", "2030-06-01")
    assert "prescrite" not in r.stdout


def test_init_writes_a_valid_commented_dossier(run, tmp_path):
    target = tmp_path / "nouveau"
    r = run("init", str(target))
    assert r.exit_code == 0, r.stderr
    text = (target / "dossier.yaml").read_text(encoding="utf-8")
    assert text.count("#") > 20
    r = run("verifier", str(target), "--au", "2026-06-30")
    assert r.exit_code == 0, r.stderr
    r = run("init", str(target))
    assert r.exit_code == 2 and "rien n'a été écrit" in r.stderr


def test_init_takes_the_reference_from_the_folder_name(run, tmp_path):
    target = tmp_path / "DOS-2026-042 Dupont"
    r = run("init", str(target))
    assert r.exit_code == 0
    assert f"lancez « procedure verifier '{target}' »" in r.stdout  # a command that can be pasted
    r = run("decompte", str(target), "--au", "2026-06-30")
    assert r.exit_code == 0 and json.loads(r.stdout)["reference"] == "DOS-2026-042-Dupont"


@pytest.mark.parametrize("name", ["commercant", "particulier", "acheteur-public", "entrepreneur"])
def test_samples_are_valid(run, name):
    from conftest import SAMPLES

    r = run("verifier", str(SAMPLES / name), "--au", "2026-06-30")
    assert r.exit_code == 0, r.stderr


def test_the_real_entry_point_has_no_traceback(tmp_path):
    r = subprocess.run([sys.executable, "-m", "procedure", "decompte", str(tmp_path)], capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "Erreur :" in r.stderr


def test_dossier_may_be_named_by_its_yaml_file(run, write_dossier):
    folder = write_dossier()
    r = run("decompte", str(folder / "dossier.yaml"), "--au", "2025-06-30")
    assert r.exit_code == 0 and json.loads(r.stdout)["total"] == "10367.85"


@pytest.mark.parametrize("path", [()] + list(_every_command_path()), ids=lambda p: " ".join(p) or "procedure")
def test_help_wraps_as_french_is_written(run, path):
    """No line of the help starts with « ; », « : » or « ? » (a no-break space ties them to their word), and no
    word is cut at its hyphen: an example's file name or a date format (AAAA-MM-JJ) stays whole."""
    r = run(*path, "--help")
    for line in r.stdout.splitlines():
        assert not re.match(r"\s*[;:?!»]", line), line
        assert not re.search(r"\w-$", line), line
        assert "\u2011" not in line, line
    if path == ("agenda",):
        assert "[défaut\u00a0: 30\u00a0; de 0 à 3650]" in re.sub(r" *\n *", " ", r.stdout)


def test_init_follows_the_umask(run, tmp_path):
    """A dossier created on a shared folder opens for the group like any file the user saves, whatever the
    mode of the installed example."""
    import os
    import stat

    old = os.umask(0o027)
    try:
        assert run("init", str(tmp_path / "DOS-2026-077")).exit_code == 0
    finally:
        os.umask(old)
    target = tmp_path / "DOS-2026-077"
    for path in (target, *target.rglob("*")):
        want = 0o750 if path.is_dir() else 0o640
        assert stat.S_IMODE(path.stat().st_mode) == want, path
    assert 'reference: "DOS-2026-077"' in (target / "dossier.yaml").read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*"))  # no staging folder left behind


def _modes_under_umask(run, args, root):
    import os
    import stat

    old = os.umask(0o027)
    try:
        r = run(*args)
    finally:
        os.umask(old)
    assert r.exit_code == 0, r.stderr
    return {p: stat.S_IMODE(p.stat().st_mode) for p in root.rglob("*")}


def test_imported_dossiers_and_exported_templates_follow_the_umask(run, tmp_path):
    from pathlib import Path

    here = Path(__file__).parent.parent / "lecture" / "import"
    modes = _modes_under_umask(run, ["importer", str(here / "balance-agee.csv"), "--vers", str(tmp_path / "d"),
                                     "--creancier", str(here / "creancier.yaml")], tmp_path / "d")
    modes.update(_modes_under_umask(run, ["modeles", "exporter", str(tmp_path / "m")], tmp_path / "m"))
    assert len(modes) > 10
    for path, mode in modes.items():
        assert mode == (0o750 if path.is_dir() else 0o640), (path, oct(mode))


def test_init_creates_the_missing_parents(run, tmp_path):
    assert run("init", str(tmp_path / "mes-dossiers" / "DOS-1")).exit_code == 0
    assert (tmp_path / "mes-dossiers" / "DOS-1" / "dossier.yaml").exists()
