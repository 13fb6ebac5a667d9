"""Volume work: ``lot`` over many dossiers, the policy's ladder, the agenda in text, JSON and ICS.

One trader's invoice of 1 000 € is due on 2026-03-02 (a Monday). With the default policy
(SPEC §5.4): relance at due + 7 = 2026-03-09, avertissement at due + 15 = 2026-03-17, mise en
demeure at due + 30 = 2026-04-01; the requête 15 days after the mise en demeure's receipt.
"""

from __future__ import annotations

import json
import shutil

import pytest

DOSSIER = """\
reference: {ref}
creancier:
  type: professionnel
  nom: Atelier Dupont SARL
  adresse: {{ligne1: 12 rue des Lilas, code_postal: "69003", ville: Lyon}}
debiteur:
  type: professionnel
  nom: Client {ref}
  adresse: {{ligne1: 3 place Bellecour, code_postal: "69002", ville: Lyon}}
factures:
  - {{numero: F-{ref}, date: 2026-02-01, echeance: 2026-03-02, montant_ttc: "1000.00"}}
"""


@pytest.fixture
def office(tmp_path):
    """An office folder holding three dossiers and one broken one."""
    root = tmp_path / "cabinet"
    for ref in ("A", "B", "C"):
        (root / ref).mkdir(parents=True)
        (root / ref / "dossier.yaml").write_text(DOSSIER.format(ref=ref), encoding="utf-8")
    (root / "cassé").mkdir()
    (root / "cassé" / "dossier.yaml").write_text("reference: X\nfactures: [\n", encoding="utf-8")
    return root


def statuses(stdout: str) -> dict[str, str]:
    out = {}
    for line in stdout.splitlines():
        if " : " in line and not line.startswith(" ") and not line.startswith("Bilan"):
            name, rest = line.split(" : ", 1)
            out[name] = rest
    return out


@pytest.mark.parametrize("when, expected", [
    ("2026-03-08", "rien à faire — prochaine étape : relance le 2026-03-09"),
    ("2026-03-09", "fait — relance"),
])
def test_suivant_follows_the_policy(office, run, when, expected):
    r = run("lot", "suivant", str(office / "A"), "--date", when, "--format", "pdf", "--jobs", "1")
    assert r.exit_code == 0, r.stderr
    assert statuses(r.stdout)["A"] == expected


def test_suivant_climbs_the_ladder_rung_by_rung(office, run):
    folder = str(office / "A")
    for when, letter in (("2026-03-09", "relance"), ("2026-03-17", "avertissement"),
                         ("2026-04-01", "mise-en-demeure")):
        r = run("lot", "suivant", folder, "--date", when, "--format", "pdf", "--jobs", "1")
        assert statuses(r.stdout)["A"] == f"fait — {letter}", r.stdout
    # after the mise en demeure, the next step is the requête, which lot does not file by itself
    r = run("lot", "suivant", folder, "--date", "2026-04-20", "--jobs", "1")
    assert "à faire : requête en injonction de payer" in statuses(r.stdout)["A"]


def test_an_office_policy_changes_the_days(office, run):
    (office / "politique.yaml").write_text("relance: 3\n", encoding="utf-8")
    r = run("lot", "suivant", str(office / "B"), "--date", "2026-03-05", "--format", "pdf", "--jobs", "1")
    assert statuses(r.stdout)["B"] == "fait — relance"  # 2 March + 3 days


def test_a_broken_dossier_is_reported_and_the_others_done(office, run):
    r = run("lot", "relance", str(office), "--date", "2026-03-10", "--format", "pdf", "--jobs", "2")
    assert r.exit_code == 2
    got = statuses(r.stdout)
    assert got["A"].startswith("fait") and got["B"].startswith("fait") and got["C"].startswith("fait")
    assert got["cassé"].startswith("ERREUR — ") and "dossier.yaml" in got["cassé"]
    for ref in "ABC":
        assert (office / ref / "sortie" / f"2026-03-10_{ref}_relance.pdf").is_file()
    assert not (office / "cassé" / "sortie").exists()
    assert "Bilan : fait 3, ERREUR 1" in r.stdout


def test_the_unit_of_work_is_idempotent(office, run):
    args = ("lot", "relance", str(office / "A"), str(office / "B"), "--date", "2026-03-10", "--format", "pdf")
    first = run(*args)
    assert first.exit_code == 0, first.stderr
    journal = (office / "A" / "journal.yaml").read_bytes()
    second = run(*args)
    assert second.exit_code == 0
    assert statuses(second.stdout)["A"].startswith("déjà fait")
    assert (office / "A" / "journal.yaml").read_bytes() == journal


def test_agenda_lists_due_steps_and_legal_dates(office, run):
    shutil.rmtree(office / "cassé")
    r = run("noter", str(office / "C"), "mise-en-demeure", "--date", "2026-04-01", "--reception", "2026-04-03",
            env={"PROCEDURE_AUJOURDHUI": "2026-04-10"})
    assert r.exit_code == 0, r.stderr
    r = run("agenda", str(office), "--au", "2026-04-05", "--horizon", "30", "--format", "json")
    assert r.exit_code == 0, r.stderr
    items = json.loads(r.stdout)
    assert {"reference", "dossier", "date", "action", "motif", "fondement"} == set(items[0])
    by_ref = {}
    for i in items:
        by_ref.setdefault(i["reference"], []).append((i["date"], i["action"]))
    # A and B: the relance is overdue since 9 March (still listed, oldest first)
    assert by_ref["A"] == [("2026-03-09", "relance")]
    # C: received 3 April + 8 days = 11 April (a Saturday) -> Monday 13 April (CPC 642);
    # requête: max(3 April + 15 days, 14 April) = 18 April
    assert ("2026-04-13", "fin-delai-mise-en-demeure") in by_ref["C"]
    assert ("2026-04-18", "injonction") in by_ref["C"]
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)


def test_agenda_after_an_ordonnance(office, run):
    shutil.rmtree(office / "cassé")
    env = {"PROCEDURE_AUJOURDHUI": "2026-06-30"}
    for args in (("requete", "--date", "2026-04-20"), ("ordonnance", "--date", "2026-05-11"),
                 ("signification", "--date", "2026-05-20")):
        assert run("noter", str(office / "A"), *args, env=env).exit_code == 0
    r = run("agenda", str(office / "A"), "--au", "2026-05-21", "--horizon", "60", "--format", "json")
    got = {i["action"]: i["date"] for i in json.loads(r.stdout)}
    # served 20 May + 1 month = 20 June (a Saturday) -> Monday 22 June (CPC 1416, 642); enforce from 23 June
    assert got["fin-opposition"] == "2026-06-22"
    assert got["executer-a-partir-du"] == "2026-06-23"
    assert "signifier-avant" not in got


def test_ics_has_one_todo_per_item_with_stable_uids(office, run):
    from icalendar import Calendar

    shutil.rmtree(office / "cassé")
    first = run("agenda", str(office), "--au", "2026-03-20", "--format", "ics")
    later = run("agenda", str(office), "--au", "2026-03-25", "--format", "ics")
    items = json.loads(run("agenda", str(office), "--au", "2026-03-20", "--format", "json").stdout)
    todos = [c for c in Calendar.from_ical(first.stdout).walk() if c.name == "VTODO"]
    assert len(todos) == len(items) == 3
    assert {str(t["summary"]).split(" — ")[0] for t in todos} == {"A", "B", "C"}
    assert all(t["due"].dt.isoformat() == "2026-03-09" for t in todos)  # the overdue relance
    uids_first = sorted(str(t["uid"]) for t in todos)
    uids_later = sorted(str(t["uid"]) for t in Calendar.from_ical(later.stdout).walk() if t.name == "VTODO")
    assert uids_first == uids_later and len(set(uids_first)) == 3


def test_ics_uids_are_unique_per_invoice_and_do_not_depend_on_how_the_root_is_named(office, run, monkeypatch):
    from icalendar import Calendar

    shutil.rmtree(office / "cassé")
    # two invoices of 2021 prescribed five years after their due dates (C. civ. 2224): two tasks, two UIDs
    text = DOSSIER.format(ref="A").replace("2026-02-01, echeance: 2026-03-02", "2021-08-01, echeance: 2021-09-01")
    text += '  - {numero: F-A2, date: 2021-08-05, echeance: 2021-09-06, montant_ttc: "200.00"}\n'
    (office / "A" / "dossier.yaml").write_text(text, encoding="utf-8")

    def uids(root: str) -> list[str]:
        r = run("agenda", root, "--au", "2026-06-01", "--format", "ics")
        assert r.exit_code == 0, r.stderr
        todos = [c for c in Calendar.from_ical(r.stdout).walk() if c.name == "VTODO"]
        return sorted(str(t["uid"]) for t in todos)

    absolute = uids(str(office / "A"))
    assert len(absolute) == 3 == len(set(absolute))  # the overdue relance and two prescriptions
    monkeypatch.chdir(office)
    assert uids("A") == uids("./A/") == absolute


def test_agenda_petites_creances_month_then_the_requete(office, run):
    shutil.rmtree(office / "cassé")
    env = {"PROCEDURE_AUJOURDHUI": "2026-06-30"}
    assert run("noter", str(office / "A"), "mise-en-demeure", "--date", "2026-04-01", env=env).exit_code == 0
    r = run("noter", str(office / "A"), "petites-creances", "--date", "2026-04-20", "--reception", "2026-04-22",
            env=env)
    assert r.exit_code == 0, r.stderr
    r = run("agenda", str(office / "A"), "--au", "2026-05-01", "--format", "json")
    got = [(i["date"], i["action"], i["fondement"]) for i in json.loads(r.stdout)]
    # received 22 April + 1 month = 22 May (CPCE R125-2); the requête the day after, if refused or silent
    assert got == [("2026-05-22", "petites-creances", "CPCE, art. L125-1 et R125-2"),
                   ("2026-05-23", "injonction", "CPC, art. 1405 et suivants")]


def test_agenda_serve_the_ordonnance_before(office, run):
    shutil.rmtree(office / "cassé")
    env = {"PROCEDURE_AUJOURDHUI": "2026-06-30"}
    for args in (("requete", "--date", "2026-04-20"), ("ordonnance", "--date", "2026-05-11")):
        assert run("noter", str(office / "A"), *args, env=env).exit_code == 0
    r = run("agenda", str(office / "A"), "--au", "2026-05-12", "--horizon", "200", "--format", "json")
    got = {i["action"]: i["date"] for i in json.loads(r.stdout)}
    # an ordonnance of before 1 September 2026: six months (CPC 1411 then in force): 11 November 2026,
    # Armistice day -> Thursday 12 November (CPC 642)
    assert got == {"signifier-avant": "2026-11-12"}


def test_agenda_announces_a_prescription_six_months_ahead_whatever_the_horizon(office, run):
    shutil.rmtree(office / "cassé")
    text = DOSSIER.format(ref="A").replace("2026-02-01, echeance: 2026-03-02", "2021-08-01, echeance: 2021-09-01")
    (office / "A" / "dossier.yaml").write_text(text, encoding="utf-8")

    def actions(au: str) -> set[str]:
        r = run("agenda", str(office / "A"), "--au", au, "--horizon", "10", "--format", "json")
        return {i["action"] for i in json.loads(r.stdout)}

    assert "prescription" in actions("2026-05-12")  # 1 September 2026 is less than six months away
    assert "prescription" not in actions("2026-02-12")  # more than six months away


def test_the_progress_bar_goes_to_standard_error_and_one_line_per_dossier_to_standard_output(office, run):
    r = run("lot", "verifier", str(office / "A"), "--date", "2026-03-10", "--jobs", "1")
    assert r.exit_code == 0, r.stderr
    assert "verifier (1 dossier)" in r.stderr and "verifier (" not in r.stdout
    assert statuses(r.stdout) == {"A": "fait — valide"} and "Bilan : fait 1" in r.stdout


@pytest.mark.parametrize("action, warm", [("decompte", True), ("relance", True), ("verifier", False)])
def test_the_renderers_are_imported_before_the_workers_are_forked(monkeypatch, tmp_path, action, warm):
    from datetime import date

    from procedure.api import lot

    calls = []
    monkeypatch.setattr(lot, "preload", lambda: calls.append(1))
    jobs = [lot.Job(str(tmp_path / name), action, date(2026, 3, 10)) for name in ("absent-1", "absent-2")]
    outcomes = lot.run_all(jobs, workers=2)
    assert [o.status for o in outcomes] == ["erreur", "erreur"]
    assert calls == ([1] if warm else [])
