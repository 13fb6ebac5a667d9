"""Architecture rules that keep ``procedure --help`` fast and the library usable alone."""

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

HEAVY = ("weasyprint", "docxtpl", "docx", "pypdf", "PIL", "num2words", "holidays", "babel", "jinja2", "yaml")


def imported_after(code: str) -> set[str]:
    probe = f"import sys; {code}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_help_imports_nothing_heavy():
    mods = imported_after("from procedure.cli import cli; from click.testing import CliRunner; "
                          "CliRunner().invoke(cli, ['--help'])")
    assert not {m for m in mods if m.split(".")[0] in HEAVY}


def test_importing_the_library_does_not_import_the_cli_or_renderers():
    mods = imported_after("import procedure.api")
    assert "procedure.cli" not in mods and "click" not in mods
    assert not {m for m in mods if m.split(".")[0] in ("weasyprint", "docxtpl", "pypdf")}


@pytest.mark.slow
def test_wheel_ships_templates_and_rate_tables(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                        str(tmp_path), str(ROOT)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"wheel build unavailable here: {r.stderr[-300:]}")
    (wheel,) = tmp_path.glob("procedure-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "procedure/parametres/taux-refi-bce.csv" in names
    assert "procedure/parametres/taux-interet-legal.csv" in names
    assert "procedure/exemple/dossier.yaml" in names
    assert any(n.startswith("procedure/modeles/") for n in names)
    assert "procedure/cli/__init__.py" in names
    assert "procedure/modeles/mise-en-demeure.docx" in names and "procedure/modeles/lettre.css" in names
    assert "procedure/polices/LiberationSerif-Regular.ttf" in names
    assert "procedure/polices/LICENCE-Liberation.txt" in names
    assert "procedure/donnees/juridictions/competences-communes.csv.gz" in names
    assert "procedure/donnees/juridictions/LISEZMOI.md" in names
    assert "procedure/donnees/juridictions/adresses-juridictions.csv" in names


def test_rate_tables_match_the_shared_data_with_their_sources():
    shared = ROOT.parent / "shared" / "data"
    if not shared.is_dir():
        pytest.skip("../shared absent")
    for name in ("taux-refi-bce.csv", "taux-interet-legal.csv"):
        shipped = (ROOT / "src" / "procedure" / "parametres" / name).read_text(encoding="utf-8")
        assert "source" in shipped.splitlines()[0]
        assert shipped == (shared / name).read_text(encoding="utf-8")
