"""Nothing lost, nothing leaked: the dossier folder is a boundary, a run is all or nothing (journal
included), concurrent runs lose nothing, and distinct references never share a file name.

The fault tables say "kind of fault -> expected outcome"; add a row to cover a new fault."""

from __future__ import annotations

import doctest
import errno
import hashlib
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SAMPLES
from procedure.modele.actions import Action
from procedure.sortie import journal, transaction, verrou

WHEN = "2025-09-01"  # every letter of samples/commercant is due that day
REF = "DOS-2025-014"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def finals(folder: Path) -> dict[str, str]:
    """Every final-named file under ``folder`` (no dot file), with its SHA-256."""
    return {p.relative_to(folder).as_posix(): sha(p.read_bytes()) for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def snapshot(folder: Path) -> tuple[dict[str, str], bytes]:
    j = folder / journal.JOURNAL_FILE
    return finals(folder), (j.read_bytes() if j.is_file() else b"")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*") if p.name != verrou.LOCK_FILE)


def assert_whole(folder: Path, out: Path | None = None) -> list[journal.JournalEntry]:
    """The invariants, once the lock has been taken again: every journal file exists with its
    latest SHA-256; no final-named document without a journal entry; no temporary file left."""
    with verrou.locked(folder):
        pass
    entries = journal.read(folder)
    latest = {f.path: f.sha256 for e in entries for f in e.fichiers}
    for path, digest in latest.items():
        p = Path(path) if Path(path).is_absolute() else folder / path
        assert p.is_file() and sha(p.read_bytes()) == digest, path
    out = out or folder / "sortie"
    if out.is_dir():
        for p in out.iterdir():
            assert p.name.startswith(".") is False or p.name == verrou.LOCK_FILE, f"left behind: {p.name}"
            assert journal.record_path(folder, p) in latest, f"{p.name} has no journal entry"
    assert leftovers(folder) == [], leftovers(folder)
    return entries


# --- 1. the dossier folder is a boundary ------------------------------------------------------------

def _outside_pdf(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.pdf"
    shutil.copy(SAMPLES / "commercant" / "pieces" / "cgv.pdf", secret)
    return secret


def _point(folder: Path, how: str, secret: Path, name: str) -> str:
    """The value a dossier field takes to reach ``secret``: by "..", absolute, or a symbolic link."""
    if how == "dotdot":
        return os.path.relpath(secret, folder)
    if how == "absolu":
        return str(secret)
    (folder / "pieces" / name).symlink_to(secret)
    return f"pieces/{name}"


def _set(folder: Path, old: str, new: str) -> None:
    yml = folder / "dossier.yaml"
    text = yml.read_text(encoding="utf-8")
    assert old in text
    yml.write_text(text.replace(old, new, 1), encoding="utf-8")


BOUNDARY = [  # field -> how the dossier escapes -> the command that would read it
    ("pieces[1].fichier", "fichier: pieces/bon-de-commande.pdf", "fichier: {}", ("pieces",)),
    ("factures[1].piece", "piece: pieces/F-2025-031.pdf", "piece: {}", ("pieces",)),
    ("creancier.logo", "  bic: AGRIFRPP\n", "  bic: AGRIFRPP\n  logo: {}\n", ("relance",)),
    ("modeles", "paiements:", "modeles: {}\npaiements:", ("relance",)),
]


@pytest.mark.parametrize("how", ["dotdot", "absolu", "lien"])
@pytest.mark.parametrize("field,old,new,command", BOUNDARY, ids=[b[0] for b in BOUNDARY])
def test_nothing_outside_the_dossier_is_read(run, sample, tmp_path, field, old, new, command, how):
    folder = sample("commercant")
    secret = _outside_pdf(tmp_path)
    if field == "creancier.logo":
        secret = tmp_path / "logo.png"
        from PIL import Image

        Image.new("RGB", (4, 4)).save(secret)
    if field == "modeles":
        secret = tmp_path / "modeles-pris"
        secret.mkdir()
    _set(folder, old, new.format(_point(folder, how, secret, secret.name)))
    r = run(*command, str(folder), "--date", WHEN, "--format", "pdf")
    assert r.exit_code == 2, r.stderr
    assert field in r.stderr and "Traceback" not in r.stderr
    assert "hors du dossier" in r.stderr or (how == "absolu" and field.startswith(("pieces", "factures")))
    assert not (folder / "sortie").exists() and not (folder / "journal.yaml").exists()


def test_a_journal_file_linking_out_is_refused(run, sample, tmp_path):
    folder = sample("commercant")
    secret = _outside_pdf(tmp_path)
    (folder / "sortie").mkdir()
    (folder / "sortie" / "lettre.pdf").symlink_to(secret)
    (folder / "journal.yaml").write_text(yaml.safe_dump([{
        "date": "2025-08-01", "action": "relance", "document": "relance", "enregistre_le": "2025-08-01T10:00:00",
        "fichiers": [{"chemin": "sortie/lettre.pdf", "sha256": sha(secret.read_bytes())}]}]), encoding="utf-8")
    r = run("pieces", str(folder), "--date", WHEN, "--format", "pdf")
    assert r.exit_code == 2 and "journal.yaml" in r.stderr and "sortie/lettre.pdf" in r.stderr, r.stderr


@pytest.mark.parametrize("how", ["lien", "sans empreinte"])
def test_the_packet_takes_no_journal_file_from_outside(tmp_path, how):
    """The commissaire's packet carries the requête, the bordereau and the title the journal lists:
    a link leading out (with the right SHA-256) is refused, a file without its SHA-256 left out."""
    from types import SimpleNamespace

    from procedure.api.commissaire import _journal_file
    from procedure.erreurs import OutsideFolderError
    from procedure.modele.dossier import FileRecord

    folder = tmp_path / "d"
    (folder / "sortie").mkdir(parents=True)
    secret = _outside_pdf(tmp_path)
    name = "sortie/2026-02-10_T-1_requete-injonction.pdf"
    warnings: list[str] = []
    if how == "lien":
        (folder / name).symlink_to(secret)
        with pytest.raises(OutsideFolderError, match="journal.yaml, fichier « sortie/2026-02-10_T-1_requete"):
            _journal_file(SimpleNamespace(folder=folder), FileRecord(name, sha(secret.read_bytes())), warnings)
    else:
        shutil.copy(secret, folder / name)
        assert _journal_file(SimpleNamespace(folder=folder), FileRecord(name, ""), warnings) is None
        assert "empreinte" in warnings[0]


SECRET_TEXT = "SECRET-HORS-DU-DOSSIER"
LINKS = [  # a template folder holding a link out of it -> refused, whoever named the folder
    ("--modeles", "lettre.css"), ("--modeles", "relance.html"), ("--modeles", "relance.docx"),
    ("politique.yaml", "lettre.css"), ("dossier", "lettre.css"),
]


@pytest.mark.parametrize("chooser,name", LINKS)
def test_no_template_links_out_of_its_folder(run, sample, tmp_path, chooser, name):
    folder = sample("commercant")
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET_TEXT)
    templates = folder / "mes-modeles" if chooser == "dossier" else tmp_path / "cabinet"
    templates.mkdir()
    (templates / name).symlink_to(secret)
    args = ["relance", str(folder), "--date", WHEN, "--format", "pdf,docx"]
    if chooser == "--modeles":
        args += ["--modeles", str(templates)]
    elif chooser == "politique.yaml":
        (tmp_path / "politique.yaml").write_text("modeles: cabinet\n")
    else:
        _set(folder, "paiements:", "modeles: mes-modeles\npaiements:")
    r = run(*args)
    assert r.exit_code == 2 and name in r.stderr and "lien symbolique" in r.stderr, r.stderr
    assert not (folder / "sortie").exists()


def test_a_link_added_after_the_check_is_refused_when_read(tmp_path):
    from procedure.erreurs import TemplateError
    from procedure.rendu.modeles import TemplateSet

    folder = tmp_path / "m"
    folder.mkdir()
    tset = TemplateSet(folder)
    (folder / "lettre.css").symlink_to("/etc/passwd")
    with pytest.raises(TemplateError, match="sort du répertoire"):
        tset.path("lettre.css")
    (folder / "relance.html").symlink_to("/etc/hostname")
    with pytest.raises(TemplateError, match="sort du répertoire"):
        tset.env.get_template("relance.html")


def test_the_office_templates_named_by_the_policy_are_used(run, sample, tmp_path):
    folder = sample("commercant")
    office = tmp_path / "cabinet"
    office.mkdir()
    (office / "relance.html").write_text('{% extends "lettre.html" %}{% block contenu %}<p>MODELE DU CABINET</p>'
                                         "{% endblock %}", encoding="utf-8")
    (tmp_path / "politique.yaml").write_text("relance: 7\nmodeles: cabinet\n")
    r = run("relance", str(folder), "--date", WHEN, "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    from readback import pdf_text

    assert "MODELE DU CABINET" in pdf_text(next((folder / "sortie").glob("*.pdf")))


def test_a_policy_inside_the_dossier_is_the_dossiers(run, sample, tmp_path):
    folder = sample("commercant")
    (tmp_path / "ailleurs").mkdir()
    (folder / "politique.yaml").write_text(f"modeles: {tmp_path / 'ailleurs'}\n")
    r = run("relance", str(folder), "--date", WHEN, "--format", "pdf")
    assert r.exit_code == 2 and "politique.yaml, champ « modeles »" in r.stderr and "hors du dossier" in r.stderr
    (folder / "politique.yaml").write_text("modeles: absent\n")
    r = run("relance", str(folder), "--date", WHEN, "--format", "pdf")
    assert r.exit_code == 2 and "politique.yaml, champ « modeles »" in r.stderr and "n'existe pas" in r.stderr
    assert not (folder / "sortie").exists()


def test_a_noted_file_is_copied_in_unless_really_inside(run, sample, tmp_path):
    folder = sample("commercant")
    secret = _outside_pdf(tmp_path)
    (folder / "pieces" / "ar.pdf").symlink_to(secret)  # inside by its name only
    r = run("noter", str(folder), "mise-en-demeure", "--date", "2025-07-15", "--fichier", str(folder / "pieces" / "ar.pdf"))
    assert r.exit_code == 0, r.stderr
    (entry,) = journal.read(folder)
    copy = folder / entry.fichiers[0].path
    assert entry.fichiers[0].path.startswith("pieces/journal/") and not copy.is_symlink()
    assert copy.read_bytes() == secret.read_bytes()
    shutil.rmtree(folder / "pieces" / "journal")
    (folder / "pieces" / "journal").symlink_to(tmp_path, target_is_directory=True)  # the copy would land outside
    r = run("noter", str(folder), "relance", "--date", "2025-08-01", "--fichier", str(secret))
    assert r.exit_code == 2 and "hors du dossier" in r.stderr, r.stderr


# --- 3. names and --remplacer across dossiers --------------------------------------------------------

def test_distinct_references_give_distinct_names():
    from procedure.sortie import fichiers

    refs = ["DOS-2025-014", "DOS 2025 014", "DOS_2025_014", "DOS/2025/014".replace("/", "\\"), "dos-2025-014",
            "Société 1", "Societe 1", "DOS--2025-014", "-DOS-2025-014", "..", "dossier", "a~b", "a-b"]
    names = {fichiers.output_name(date(2025, 9, 1), r, "relance", "pdf") for r in refs}
    assert len(names) == len(refs)
    assert fichiers.output_name(date(2025, 9, 1), REF, "relance", "pdf") == f"{WHEN}_{REF}_relance.pdf"
    assert doctest.testmod(fichiers).failed == 0


def test_a_shared_output_folder_keeps_every_client(run, sample, tmp_path):
    shared = tmp_path / "courrier"
    a, b, c = sample("commercant"), tmp_path / "b", tmp_path / "c"
    shutil.copytree(a, b)
    shutil.copytree(a, c)
    _set(b, f"reference: {REF}", "reference: DOS 2025 014")
    for folder in (a, b):
        assert run("relance", str(folder), "--date", WHEN, "--format", "pdf", "--sortie", str(shared)).exit_code == 0
    assert len(list(shared.iterdir())) == 2
    before = finals(shared)
    # c has a's very reference: its run is refused, and --remplacer too (a's journal lists the file, not c's)
    r = run("relance", str(c), "--date", WHEN, "--format", "pdf", "--sortie", str(shared))
    assert r.exit_code == 2 and "existe déjà" in r.stderr
    r = run("relance", str(c), "--date", WHEN, "--format", "pdf", "--sortie", str(shared), "--remplacer")
    assert r.exit_code == 2 and "pas inscrit au journal de ce dossier" in r.stderr
    assert finals(shared) == before and not (c / "journal.yaml").exists()


def test_references_differing_only_by_case_get_distinct_names_on_any_file_system(tmp_path):
    """On macOS, Windows, SMB shares and exFAT « dos-2025-014 » and « DOS-2025-014 » are one name: the
    second reference in a folder gets the hashed part, as a reference made safe does; the first, and a
    reference alone, keep their plain names; the choice reads the folder's names only (the same on
    every system) and holds on the next runs."""
    from procedure.sortie import fichiers

    shared = tmp_path / "courrier"
    lower, upper = REF.lower(), REF
    assert fichiers.reference_part(upper, shared) == upper  # no folder yet: plain
    shared.mkdir()
    (shared / f"{WHEN}_{lower}-bis_relance.pdf").write_bytes(b"%PDF")  # another reference, not a case variant
    assert fichiers.reference_part(upper, shared) == upper
    (shared / f"{WHEN}_{lower}_relance.pdf").write_bytes(b"%PDF")
    hashed = fichiers.reference_part(upper, shared)
    assert hashed == f"{upper}~{sha(upper.encode())[:10]}"  # as « DOS 2025 014 » is: a hash of the exact reference
    assert fichiers.reference_part(lower, shared) == lower  # the first keeps its plain name
    # once hashed, always: even when the other's files are gone
    (shared / f"{WHEN}_{hashed}_relance.pdf").write_bytes(b"%PDF")
    (shared / f"{WHEN}_{lower}_relance.pdf").unlink()
    assert fichiers.reference_part(upper, shared) == hashed
    # both plain already (written side by side by an earlier version on a case-sensitive system): both kept
    both = tmp_path / "les-deux"
    both.mkdir()
    for r in (lower, upper):
        (both / f"{WHEN}_{r}_relance.pdf").write_bytes(b"%PDF")
    assert [fichiers.reference_part(r, both) for r in (lower, upper)] == [lower, upper]
    # a reference whose own name holds « _ » is read whole, not taken for « DOS »'s variant
    under = tmp_path / "souligne"
    under.mkdir()
    (under / f"{WHEN}_dos_2_relance.pdf").write_bytes(b"%PDF")
    assert fichiers.reference_part("DOS", under) == "DOS"
    assert fichiers.reference_part("DOS_2", under) == f"DOS_2~{sha(b'DOS_2')[:10]}"


def test_a_shared_output_folder_keeps_clients_whose_references_differ_by_case(run, sample, tmp_path):
    """Two dossiers, « DOS-2025-014 » and « dos-2025-014 », write to one shared folder: the second's
    names are hashed, so that they are distinct on a case-insensitive share too; the first's stay plain,
    and a rerun of either with --remplacer finds its own files."""
    shared = tmp_path / "courrier"
    a, b = sample("commercant"), tmp_path / "b"
    shutil.copytree(a, b)
    _set(b, f"reference: {REF}", f"reference: {REF.lower()}")
    for folder in (a, b):
        r = run("relance", str(folder), "--date", WHEN, "--format", "pdf,docx", "--sortie", str(shared))
        assert r.exit_code == 0, r.stderr
    names = sorted(p.name for p in shared.iterdir())
    assert len(names) == 4 and len({n.casefold() for n in names}) == 4
    assert f"{WHEN}_{REF}_relance.pdf" in names
    hashed = [n for n in names if n.startswith(f"{WHEN}_{REF.lower()}~")]
    assert len(hashed) == 2
    before = finals(shared)
    for folder in (a, b):
        r = run("relance", str(folder), "--date", WHEN, "--format", "pdf,docx", "--sortie", str(shared), "--remplacer")
        assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in shared.iterdir()) == names and finals(shared).keys() == before.keys()
    assert all({Path(f.path).name for f in e.fichiers} == set(hashed) for e in journal.read(b))
    # each dossier's own folder: one reference alone, its plain name
    assert run("relance", str(b), "--date", WHEN, "--format", "pdf").exit_code == 0
    assert (b / "sortie" / f"{WHEN}_{REF.lower()}_relance.pdf").is_file()


# --- 9. --remplacer keeps what was sent, and replaces every format or none ---------------------------

def test_replacing_keeps_the_replaced_checksum(run, sample):
    folder = sample("commercant")
    args = ("relance", str(folder), "--date", WHEN, "--format", "pdf,docx")
    assert run(*args).exit_code == 0
    pdf = folder / "sortie" / f"{WHEN}_{REF}_relance.pdf"
    sent = pdf.read_bytes() + b"%% annotated and sent\n"
    pdf.write_bytes(sent)
    r = run(*args, "--remplacer")
    assert r.exit_code == 0, r.stderr
    first, second = journal.read(folder)
    assert {f.path: f.sha256 for f in second.remplace}[f"sortie/{pdf.name}"] == sha(sent)
    assert [f.path for f in first.fichiers] == [f.path for f in second.fichiers]
    assert {f.path: f.sha256 for f in first.fichiers}[f"sortie/{pdf.name}"] != sha(sent)  # what the tool wrote first
    r = run("pieces", str(folder), "--date", WHEN, "--format", "pdf")
    assert r.exit_code == 0 and "modifié depuis" not in r.stderr, r.stderr
    assert_whole(folder)


def test_replacing_a_file_the_journal_does_not_list_replaces_nothing(run, sample):
    folder = sample("commercant")
    assert run("relance", str(folder), "--date", WHEN, "--format", "pdf").exit_code == 0
    docx = folder / "sortie" / f"{WHEN}_{REF}_relance.docx"
    docx.write_bytes(b"pose a la main")
    before = snapshot(folder)
    r = run("relance", str(folder), "--date", WHEN, "--format", "pdf,docx", "--remplacer")
    assert r.exit_code == 2 and docx.name in r.stderr and "pas inscrit au journal" in r.stderr
    assert snapshot(folder) == before


# --- 2. a run is all or nothing: injected faults -----------------------------------------------------

def _dossier(tmp_path: Path) -> Path:
    folder = tmp_path / "d"
    (folder / "sortie").mkdir(parents=True)
    _commit(folder, [(folder / "sortie" / "ancien.pdf", b"ancien")])
    return folder


def _outputs(folder: Path, version: str) -> list[tuple[Path, bytes]]:
    return [(folder / "sortie" / f"{WHEN}_T-1_{name}", f"{version} {name}".encode()) for name in ("a.pdf", "a.docx", "a.eml")]


def _commit(folder: Path, outputs, replace: bool = False) -> list[Path]:
    records = tuple(journal.file_record(folder, p, data) for p, data in outputs)
    entry = journal.JournalEntry(date(2025, 9, 1), Action.RELANCE, "relance", records, enregistre_le="2025-09-01T10:00:00")
    return transaction.commit(folder, outputs, entry, replace, reference="T-1")


def _outcome(folder: Path, before, outputs) -> str:
    """"none" (the state before), "all" (every output and one more journal entry), or a failure."""
    files, text = snapshot(folder)
    if (files, text) == before:
        return "none"
    expected = {**before[0], **{p.relative_to(folder).as_posix(): sha(d) for p, d in outputs}}
    files.pop(journal.JOURNAL_FILE, None)
    expected.pop(journal.JOURNAL_FILE, None)
    entries = journal.read(folder)
    if files == expected and len(entries) == len(yaml.safe_load(before[1]) or []) + 1:
        return "all"
    return f"partial: {sorted(set(files.items()) ^ set(expected.items()))}"


class Faulty:
    """``os.<name>`` failing with ``error`` on its k-th call (counting only, when k is 0)."""

    def __init__(self, monkeypatch, name: str, k: int, error: BaseException):
        self.real, self.k, self.error, self.calls = getattr(os, name), k, error, 0
        monkeypatch.setattr(os, name, self)

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls == self.k:
            raise self.error
        return self.real(*args, **kwargs)


FAULTS = [  # call -> error; expected: all or none, and the next run works
    ("replace", OSError(errno.EIO, "erreur d'entrée-sortie")),
    ("link", OSError(errno.EIO, "erreur d'entrée-sortie")),
    ("write", OSError(errno.ENOSPC, "plus de place sur le disque")),
    ("fsync", OSError(errno.EIO, "erreur d'entrée-sortie")),
    ("open", PermissionError(errno.EACCES, "permission refusée")),
    ("open", OSError(errno.EROFS, "système de fichiers en lecture seule")),
    ("unlink", OSError(errno.EBUSY, "occupé")),
    ("replace", KeyboardInterrupt()),
]


@pytest.mark.parametrize("replace", [False, True], ids=["nouveaux", "remplacer"])
@pytest.mark.parametrize("call,error", FAULTS, ids=[f"{c}-{type(e).__name__}-{getattr(e, 'errno', '')}" for c, e in FAULTS])
def test_a_fault_at_every_step_leaves_all_or_nothing(tmp_path, monkeypatch, call, error, replace):
    with monkeypatch.context() as mp:
        counter = Faulty(mp, call, 0, error)
        folder = _dossier(tmp_path / "count")
        if replace:
            _commit(folder, _outputs(folder, "v1"))
        counter.calls = 0
        _commit(folder, _outputs(folder, "v2"), replace)
        steps = counter.calls
    assert steps > 0
    for k in range(1, steps + 1):
        folder = _dossier(tmp_path / f"{k}")
        if replace:
            _commit(folder, _outputs(folder, "v1"))
        before = snapshot(folder)
        with monkeypatch.context() as mp:
            Faulty(mp, call, k, error)
            try:
                _commit(folder, _outputs(folder, "v2"), replace)
                raised = None
            except BaseException as exc:  # noqa: BLE001 - KeyboardInterrupt too
                raised = exc
        outcome = _outcome(folder, before, _outputs(folder, "v2"))
        assert outcome in ("all", "none"), (k, outcome)
        assert (outcome == "none") == (raised is not None), (k, raised)
        if raised is not None and not isinstance(raised, KeyboardInterrupt):
            assert "rien n'a été écrit" in str(raised), (k, raised)
        assert_whole(folder)
        assert _outcome(folder, before, _outputs(folder, "v2")) == outcome, k  # recovery changed nothing
        _commit(folder, _outputs(folder, "v3"), replace=replace or outcome == "all")  # the next run works
        assert_whole(folder)


def test_a_fault_in_the_command_leaves_nothing(run, sample, monkeypatch):
    """Through the command line, each os.replace and os.link of a letter in three formats."""
    for call in ("replace", "link"):
        for k in range(1, 4):
            folder = sample("commercant")
            args = ("relance", str(folder), "--date", WHEN, "--format", "pdf,docx,eml")
            with monkeypatch.context() as mp:
                Faulty(mp, call, k, OSError(errno.EIO, "erreur d'entrée-sortie"))
                r = run(*args)
            assert r.exit_code == 2 and "rien n'a été écrit" in r.stderr, (call, k, r.stderr)
            assert not (folder / "sortie").exists() and not (folder / "journal.yaml").exists()
            r = run(*args)
            assert r.exit_code == 0 and "existe déjà" not in r.stderr, r.stderr
            assert len(assert_whole(folder)[0].fichiers) == 3
            shutil.rmtree(folder)


def test_an_unwritable_journal_leaves_no_document(run, sample, tmp_path):
    folder = sample("commercant")
    (folder / "journal.yaml").mkdir()  # rename over it fails, at the very last step
    out = tmp_path / "courrier"
    r = run("relance", str(folder), "--date", WHEN, "--format", "pdf,docx", "--sortie", str(out))
    assert r.exit_code == 2 and "journal.yaml" in r.stderr and "rien n'a été écrit" in r.stderr, r.stderr
    assert not out.exists()  # the documents were placed, then put back: none left, nor the folder made for them
    (folder / "journal.yaml").rmdir()
    assert run("relance", str(folder), "--date", WHEN, "--format", "pdf,docx", "--sortie", str(out)).exit_code == 0


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_output_folder(run, sample):
    folder = sample("commercant")
    (folder / "sortie").mkdir()
    (folder / "sortie").chmod(0o555)
    try:
        r = run("relance", str(folder), "--date", WHEN, "--format", "pdf,docx")
    finally:
        (folder / "sortie").chmod(0o755)
    assert r.exit_code == 2 and "sortie" in r.stderr and not (folder / "journal.yaml").exists()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", ""])
    proc.wait()
    return proc.pid


def test_stale_temporary_files_are_removed(tmp_path):
    folder = _dossier(tmp_path)
    shared = tmp_path / "courrier"
    shared.mkdir()
    old = time.time() - 3600
    stale = [folder / ".journal.yaml.k3j4_9zq.tmp",  # written by an earlier version (mkstemp)
             folder / "sortie" / ".a.pdf.4242-0badcafe.tmp", folder / "sortie" / ".a.pdf.4242-0badcafe.old.tmp",
             shared / f".{WHEN}_T-1_a.pdf.{_dead_pid()}-0badcafe.tmp"]
    alive = os.getpid()  # a run of a dossier of the same reference, going on under that dossier's lock
    kept = [shared / f".{WHEN}_AUTRE_a.pdf.4242-0badcafe.tmp",  # another dossier's, in a shared folder
            shared / f".{WHEN}_T-1_b.pdf.{alive}-0badcafe.tmp",
            folder / ".mes-notes.tmp"]  # the user's own
    for p in (*stale, *kept):
        p.write_bytes(b"x")
        os.utime(p, (old, old))
    _commit(folder, [(shared / f"{WHEN}_T-1_a.pdf", b"a")])
    assert not any(p.exists() for p in stale) and all(p.exists() for p in kept)


# --- 2. crashes: a process killed at every step, then at random --------------------------------------

KILLS = ["replace", "link", "unlink", "fsync", "write"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
@pytest.mark.parametrize("replace", [False, True], ids=["nouveaux", "remplacer"])
@pytest.mark.parametrize("call", KILLS)
def test_a_crash_at_every_step_is_completed_or_undone_by_the_next_command(tmp_path, monkeypatch, call, replace):
    with monkeypatch.context() as mp:
        counter = Faulty(mp, call, 0, OSError())
        folder = _dossier(tmp_path / "count")
        if replace:
            _commit(folder, _outputs(folder, "v1"))
        counter.calls = 0
        _commit(folder, _outputs(folder, "v2"), replace=replace)
        steps = counter.calls
    for k in range(1, steps + 1):
        folder = _dossier(tmp_path / f"{k}")
        if replace:
            _commit(folder, _outputs(folder, "v1"))
        before = snapshot(folder)
        pid = os.fork()
        if pid == 0:  # the child dies on the k-th call, like a SIGKILL: no cleaning at all
            try:
                real, calls = getattr(os, call), [0]

                def killer(*args, **kwargs):
                    calls[0] += 1
                    if calls[0] == k:
                        os._exit(9)
                    return real(*args, **kwargs)
                setattr(os, call, killer)
                _commit(folder, _outputs(folder, "v2"), replace=replace)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        journal.read(folder)  # a reading command finishes the interrupted run
        assert _outcome(folder, before, _outputs(folder, "v2")) in ("all", "none"), k
        assert_whole(folder)
        _commit(folder, _outputs(folder, "v3"), replace=True)
        assert_whole(folder)


# Each file-system step of a commit made slower, so that a random kill often lands inside it.
SLOW_STEPS = ("import os, time\n"
              "for _name in ('replace', 'link', 'unlink', 'fsync'):\n"
              "    setattr(os, _name, (lambda f: lambda *a, **k: (time.sleep(0.03), f(*a, **k))[1])(getattr(os, _name)))\n")


def _cli(*args: str, slow: bool = False) -> list[str]:
    code = (SLOW_STEPS if slow else "") + "import sys; from procedure.cli import main; main(sys.argv[1:])"
    return [sys.executable, "-c", code, *args]


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PROCEDURE_AUJOURDHUI": "2026-01-15"}


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if path.exists():
            return True
        time.sleep(0.005)
    return False


def test_sigkill_at_random_points(run, sample):
    """Killed at a random instant of the whole run (every other time), or at a random instant once
    the commit has begun (its intent written): the next command finds a whole dossier, and the
    run done again (with --remplacer when it had happened) succeeds."""
    folder = sample("commercant")
    rng = random.Random(20250901)
    t0 = time.monotonic()
    subprocess.run(_cli("relance", str(folder), "--date", "2025-08-01", "--format", "pdf,docx", slow=True), env=_env(),
                   check=True, capture_output=True)
    span = time.monotonic() - t0
    deadline = time.monotonic() + 40
    interrupted = 0
    for i in range(20):
        if time.monotonic() > deadline:
            break
        when = date(2025, 8, 2 + i).isoformat()
        proc = subprocess.Popen(_cli("relance", str(folder), "--date", when, "--format", "pdf,docx", slow=True), env=_env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if i % 2 and _wait_for(folder / verrou.INTENT_FILE, proc, timeout=3 * span):
            time.sleep(rng.uniform(0.0, 0.25))  # inside the commit: each of its steps takes 30 ms or more
        else:
            time.sleep(rng.uniform(0.3, 1.0) * span)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        interrupted += (folder / verrou.INTENT_FILE).exists()  # killed while committing
        entries = assert_whole(folder)
        done = any(e.date.isoformat() == when for e in entries)
        r = run("relance", str(folder), "--date", when, "--format", "pdf,docx", *(["--remplacer"] if done else []))
        assert r.exit_code == 0, r.stderr
        assert_whole(folder)
    print(f"{i + 1} kills, {interrupted} inside a commit")
    assert interrupted > 0  # some kills did land inside a commit


# --- 3. concurrent runs lose nothing ----------------------------------------------------------------

def test_four_letters_at_once_keep_four_entries(sample):
    folder = sample("commercant")
    commands = [("relance",), ("avertissement",), ("mise-en-demeure",), ("decompte", "--au", WHEN, "--format", "pdf")]
    procs = [subprocess.Popen(_cli(c[0], str(folder), *(c[1:] or ("--date", WHEN, "--format", "pdf,docx"))), env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    entries = assert_whole(folder)
    assert sorted(e.document for e in entries) == ["avertissement", "decompte", "mise-en-demeure", "relance"]
    assert len(finals(folder / "sortie")) == 7


def test_the_same_letter_twice_at_once_is_written_once(sample):
    folder = sample("commercant")
    procs = [subprocess.Popen(_cli("relance", str(folder), "--date", WHEN, "--format", "pdf,docx"), env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = []
    for p in procs:
        _, err = p.communicate(timeout=120)  # closes the pipes
        results.append((p.returncode, err))
    assert sorted(code for code, _ in results) == [0, 2], results
    assert any("existe déjà" in err for code, err in results if code == 2)
    (entry,) = assert_whole(folder)
    assert len(entry.fichiers) == 2


def test_a_command_waits_for_the_lock_before_reading_the_journal(sample):
    folder = sample("commercant")
    with verrou.locked(folder):
        proc = subprocess.Popen(_cli("relance", str(folder), "--date", WHEN, "--format", "pdf"), env=_env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(2.0)
        assert proc.poll() is None and not (folder / "sortie").exists()
        _commit(folder, [(folder / "sortie" / "pendant.pdf", b"ecrit pendant l'attente")])
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert [e.document for e in assert_whole(folder)] == ["relance", "relance"]


def test_a_dossier_held_too_long_is_refused(tmp_path):
    import threading

    from procedure.erreurs import BusyError

    folder = _dossier(tmp_path)
    held, release, errors = threading.Event(), threading.Event(), []

    def holder():
        with verrou.locked(folder):
            held.set()
            release.wait(10)

    t = threading.Thread(target=holder)
    t.start()
    held.wait(10)
    try:
        with pytest.raises(BusyError, match="une autre commande"):
            with verrou.locked(folder, wait=0.3):
                errors.append("entered")
    finally:
        release.set()
        t.join()
    assert errors == []


def test_module_doctests_pass():
    from procedure import chemins

    assert doctest.testmod(chemins).failed == 0


def test_produced_files_follow_the_umask(sample):
    """Colleagues and the commissaire's office open the files on a shared folder: the files take the
    user's umask, like any file he saves (never a private 0600 from a temporary file)."""
    folder = sample("commercant")
    old = os.umask(0o002)
    try:
        r = subprocess.run(_cli("relance", str(folder), "--date", WHEN, "--format", "pdf,docx"), env=_env(),
                           capture_output=True, text=True)
    finally:
        os.umask(old)
    assert r.returncode == 0, r.stderr
    for path in [*(folder / "sortie").iterdir(), folder / "journal.yaml"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o664, path
