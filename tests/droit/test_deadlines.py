"""CPC 640-642 time limits and the life of the ordonnance, with dates checked on a calendar."""

from datetime import date

import pytest

from procedure.droit.delais import end_of_limit, order_milestones, parse_duration


@pytest.mark.parametrize("start,duration,zone,expected", [
    ("2026-04-24", "8 jours", "metropole", "2026-05-04"),   # ends Sat 2 May -> Mon 4 May
    ("2026-04-27", "8 jours", "metropole", "2026-05-05"),   # ends 5 May, a Tuesday
    ("2026-04-23", "8 jours", "metropole", "2026-05-04"),   # ends Fri 1 May (holiday) -> Sat, Sun -> Mon 4
    ("2026-07-06", "8 jours", "metropole", "2026-07-15"),   # ends Tue 14 July (holiday) -> 15
    ("2026-03-26", "8 jours", "metropole", "2026-04-03"),   # Good Friday is a working day in metropole
    ("2026-03-26", "8 jours", "alsace-moselle", "2026-04-07"),  # Good Fri, Sat, Sun, Easter Monday
    ("2025-12-18", "8 jours", "metropole", "2025-12-26"),   # 26 December: working day in metropole
    ("2025-12-18", "8 jours", "alsace-moselle", "2025-12-29"),  # Saint-Étienne, then Sat, Sun
    ("2026-01-31", "1 mois", "metropole", "2026-03-02"),   # no 31 Feb: 28 Feb, a Saturday -> Mon 2 Mar
    ("2024-01-31", "1 mois", "metropole", "2024-02-29"),   # leap year: 29 Feb, a Thursday
    ("2026-05-15", "3 mois", "metropole", "2026-08-17"),   # 15 Aug (Sat, Assumption) -> Mon 17
    ("2026-03-31", "6 mois", "metropole", "2026-09-30"),
    ("2026-06-30", "15 jours", "metropole", "2026-07-15"),
])
def test_end_of_limit(start, duration, zone, expected):
    n, unit = parse_duration(duration)
    assert end_of_limit(date.fromisoformat(start), n, unit, zone).isoformat() == expected


@pytest.mark.parametrize("bad", ["huit jours", "8", "0 jours", "8 semaines", ""])
def test_bad_duration(bad):
    with pytest.raises(ValueError):
        parse_duration(bad)


def test_delai_command(run):
    r = run("delai", "2026-04-24", "8 jours")
    assert r.exit_code == 0 and r.stdout == "2026-05-04\n"
    r = run("delai", "2026-03-26", "8 jours", "--zone", "alsace-moselle", "--detail")
    assert r.stdout.splitlines()[0] == "2026-04-07" and "Vendredi saint" in r.stdout
    r = run("delai", "2026-02-30", "8 jours")
    assert r.exit_code == 2 and "date impossible" in r.stderr
    r = run("delai", "2026-02-03", "huit jours")
    assert r.exit_code == 2 and "durée illisible" in r.stderr


def _dates(ordonnance, service=None, zone="metropole"):
    regime, ms = order_milestones(date.fromisoformat(ordonnance),
                                       date.fromisoformat(service) if service else None, zone)
    return regime, {m.key: m.date.isoformat() for m in ms}


def test_regime_before_march_2022():
    regime, d = _dates("2021-10-04", "2021-11-02")
    assert "antérieure au 1er mars 2022" in regime
    assert d["signifier_avant"] == "2022-04-04"          # 6 months
    assert d["opposition_jusqu_au"] == "2021-12-02"      # 1 month from service
    assert d["formule_executoire_du"] == "2021-12-03"
    assert d["formule_executoire_avant"] == "2022-01-03"  # 2 Jan 2022 is a Sunday -> Monday 3


def test_regime_2022_to_august_2026():
    regime, d = _dates("2025-03-10", "2025-04-15")
    assert "1er mars 2022 au 31 août 2026" in regime
    assert d["signifier_avant"] == "2025-09-10"
    assert d["opposition_jusqu_au"] == "2025-05-15"
    assert d["executoire_a_partir_du"] == "2025-05-16"


def test_regime_from_september_2026():
    regime, d = _dates("2026-10-05", "2026-11-02")
    assert "2026-96" in regime
    assert d["signifier_avant"] == "2027-01-05"          # 3 months
    assert d["opposition_jusqu_au"] == "2026-12-02"
    assert d["executoire_a_partir_du"] == "2027-01-05"   # 2 months: Sat 2 Jan 2027 -> Mon 4; from the 5th


def test_suivi_command(run, sample):
    folder = sample("commercant")
    yml = folder / "dossier.yaml"
    yml.write_text(yml.read_text(encoding="utf-8")
                   + "  - date: 2026-10-05\n    action: ordonnance\n  - date: 2026-11-02\n    action: signification\n",
                   encoding="utf-8")
    r = run("suivi", str(folder), "--format", "json")
    assert r.exit_code == 0, r.stderr
    import json

    data = json.loads(r.stdout)
    assert data["zone"] == "metropole" and data["signification"] == "2026-11-02"
    assert {e["cle"]: e["date"] for e in data["echeances"]}["executoire_a_partir_du"] == "2027-01-05"
    r = run("suivi", str(folder))
    assert "Exécution possible à partir du 5 janvier 2027" in r.stdout


def test_suivi_zone_from_the_debtor(run, write_dossier):
    from conftest import MINIMAL

    text = MINIMAL.replace('{ligne1: 2 rue B, code_postal: "69002", ville: Lyon}',
                           '{ligne1: 2 rue B, code_postal: "67000", ville: Strasbourg}')
    text += "historique:\n  - {date: 2026-03-02, action: ordonnance}\n  - {date: 2026-03-03, action: signification}\n"
    r = run("suivi", str(write_dossier(text)), "--format", "json")
    import json

    data = json.loads(r.stdout)
    assert data["zone"] == "alsace-moselle"
    # 3 April 2026 is Good Friday in Alsace-Moselle: Fri, Sat, Sun, Easter Monday -> Tue 7
    assert {e["cle"]: e["date"] for e in data["echeances"]}["opposition_jusqu_au"] == "2026-04-07"


def test_suivi_without_ordonnance(run, write_dossier):
    r = run("suivi", str(write_dossier()))
    assert r.exit_code == 2 and "ordonnance" in r.stderr
