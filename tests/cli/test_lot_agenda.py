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
