"""Architecture rules that keep ``procedure --help`` fast and the library usable alone."""

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

HEAVY = ("weasyprint", "docxtpl", "docx", "pypdf", "pikepdf", "PIL", "num2words", "holidays", "babel", "jinja2", "yaml",
         "facturx", "lxml", "openpyxl", "requests")


def imported_after(code: str) -> set[str]:
    probe = f"import sys; {code}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_help_imports_nothing_heavy():
    mods = imported_after("from procedure.cli import cli; from click.testing import CliRunner; "
                          "CliRunner().invoke(cli, ['--help'])")
    assert not {m for m in mods if m.split(".")[0] in HEAVY}


def test_the_cli_imports_no_command_s_work_until_it_runs():
    """Every command pays for the CLI's own import: the library's modules wait for their command."""
    mods = imported_after("import procedure.cli")
    # (the action vocabulary is the exception: a small enumeration that noter's help lists)
    light = {"procedure.modele", "procedure.modele.actions"}
    assert not {m for m in mods if m.startswith(("procedure.api", "procedure.lecture.", "procedure.modele"))} - light


def test_importing_the_library_does_not_import_the_cli_or_renderers():
    mods = imported_after("import procedure.api")
    assert "procedure.cli" not in mods and "click" not in mods
    assert not {m for m in mods if m.split(".")[0] in ("weasyprint", "docxtpl", "pypdf", "pikepdf")}


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
    # the templates users edit are the .docx and .html themselves: no generator ships with them
    assert not [n for n in names if n.startswith("procedure/modeles/") and n.endswith(".py")]
    assert any(n.startswith("procedure/parametres/droit/") and n.endswith(".yaml") for n in names)
    assert "procedure/donnees/juridictions/adresses-juridictions.csv" in names
    assert "procedure/donnees/juridictions/cours-appel.csv" in names
    assert "procedure/donnees/schemas/remise-1.schema.json" in names  # the packet's manifest, for the offices
    assert {"procedure/modeles/fiche-de-transmission.docx", "procedure/modeles/petites-creances.html"} <= names


def test_rate_tables_match_the_shared_data_with_their_sources():
    shared = ROOT.parent / "shared" / "data"
    if not shared.is_dir():
        pytest.skip("../shared absent")
    for name in ("taux-refi-bce.csv", "taux-interet-legal.csv"):
        shipped = (ROOT / "src" / "procedure" / "parametres" / name).read_text(encoding="utf-8")
        assert "source" in shipped.splitlines()[0]
        assert shipped == (shared / name).read_text(encoding="utf-8")


# --- the house: imports flow one way, modules stay small ------------------------------------------

import ast  # noqa: E402

SRC = ROOT / "src" / "procedure"
MAX_LINES = 400
# cli -> api -> {lecture, droit, etat, contexte, rendu, pieces, sortie, donnees} -> modele and the
# shared base (erreurs, argent, texte_fr, chemins, limites). Each unit may import only the units listed for it.
BASE = {"erreurs", "argent", "texte_fr", "modele", "chemins", "limites"}
ALLOWED = {
    "cli": {"api", "cli"} | BASE | {"droit", "lecture"},  # droit/lecture: parsing option values
    "api": {"api", "lecture", "droit", "etat", "contexte", "rendu", "pieces", "sortie", "donnees"} | BASE,
    "etat": {"sortie"} | BASE,
    "contexte": {"contexte", "droit"} | BASE,
    "rendu": {"rendu"} | BASE | {"droit"},  # droit.en_lettres: the "lettres" filter
    "pieces": {"pieces", "rendu"} | BASE,  # rendu.images: scans made opaque like the logo
    "sortie": {"sortie", "droit", "lecture"} | BASE,  # lecture.syntaxe: the journal is read with the same bounds
    "lecture": {"lecture"} | BASE,
    "droit": {"droit", "donnees"} | BASE,
    "donnees": {"donnees"} | BASE,
    "modele": {"modele", "erreurs", "texte_fr"},  # texte_fr: text folded for comparison
    "erreurs": set(),
    "argent": set(),
    "texte_fr": set(),
    "chemins": {"erreurs"},  # paths kept inside a folder
    "limites": set(),  # the bounds on inputs, named once
}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("procedure"):
            names = [node.module] if node.module != "procedure" else [f"procedure.{a.name}" for a in node.names]
            yield from names
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("procedure."))


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        yield ".".join(rel.parts).removesuffix(".__init__"), path


def test_imports_flow_one_way():
    wrong = []
    for name, path in _modules():
        unit = _unit(name)
        if unit in ("", "__main__"):
            continue
        for target in _imports(path):
            other = _unit(target)
            if other in ("", "__version__") or other == unit:
                continue
            if other not in ALLOWED.get(unit, set()):
                wrong.append(f"{name} -> {target}")
    assert not wrong, "imports à contre-sens : " + ", ".join(wrong)


def test_no_module_exceeds_the_line_limit():
    long = {name: n for name, path in _modules() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules de plus de {MAX_LINES} lignes : {long}"


def test_the_action_vocabulary_is_defined_once():
    """Every module takes the actions from procedure.modele.actions: no other module spells them
    as string literals for comparison."""
    offenders = []
    for name, path in _modules():
        if name in ("procedure.modele.actions",):
            continue
        text = path.read_text(encoding="utf-8")
        for literal in ('h.action == "', "action == '", 'action in ("', 'action in {"'):
            if literal in text:
                offenders.append(f"{name}: {literal}")
    assert not offenders, offenders


def test_one_pdf_library():
    """PDFs are read, cleaned, stamped and bundled with pikepdf (qpdf) alone; pypdf only reads the
    produced documents back in tests."""
    users = [name for name, path in _modules() if any(
        isinstance(node, (ast.Import, ast.ImportFrom)) and any(
            n.split(".")[0] == "pypdf" for n in ([node.module or ""] if isinstance(node, ast.ImportFrom) else
                                                  [a.name for a in node.names]))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))]
    assert not users, users


def test_a_logged_warning_or_a_python_warning_fails_a_test(tmp_path):
    """The house rule the whole suite runs under (conftest.no_logged_warning, pyproject's filterwarnings)."""
    import shutil

    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_bruit.py").write_text(
        "import logging, warnings\n"
        "def test_logged():\n    logging.getLogger('fontTools').warning('glyphe absent')\n"
        "def test_warned():\n    warnings.warn('obsolète', DeprecationWarning)\n"
        "def test_quiet():\n    logging.getLogger('fontTools').info('rien')\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(ROOT / "pyproject.toml"),
                        "--rootdir", str(tmp_path), str(tmp_path)], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 1
    # the logged warning fails the test at its teardown; the Python warning is an error
    assert "ERROR test_bruit.py::test_logged - AssertionError: avertissements journalisés" in r.stdout, r.stdout
    assert "FAILED test_bruit.py::test_warned - DeprecationWarning" in r.stdout
    assert "test_quiet" not in r.stdout
