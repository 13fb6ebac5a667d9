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
    # overseas: the abolition of slavery (C. trav. L3422-2), hand-checked on a 2026/2027 calendar
    ("2026-05-19", "8 jours", "guadeloupe", "2026-05-28"),  # Wed 27 May in Guadeloupe -> Thu 28
    ("2026-05-19", "8 jours", "martinique", "2026-05-27"),  # ... a working day in Martinique
    ("2026-05-14", "8 jours", "martinique", "2026-05-26"),  # Fri 22 May, Sat, Sun, Whit Monday 25 -> Tue 26
    ("2026-05-14", "8 jours", "metropole", "2026-05-22"),
    ("2026-06-02", "8 jours", "guyane", "2026-06-11"),      # Wed 10 June -> Thu 11
    ("2027-12-12", "8 jours", "la-reunion", "2027-12-21"),  # Mon 20 December 2027 -> Tue 21
    ("2027-12-12", "8 jours", "metropole", "2027-12-20"),
    ("2026-04-19", "8 jours", "mayotte", "2026-04-28"),     # Mon 27 April -> Tue 28
    ("2026-10-01", "8 jours", "saint-barthelemy", "2026-10-12"),  # Fri 9 October, Sat, Sun -> Mon 12
    ("2026-04-27", "1 mois", "saint-martin", "2026-05-28"),  # Wed 27 May -> Thu 28 (28 May: unverified)
    # days kept by custom only do not move a limit (a note says where it would end)
    ("2026-07-13", "8 jours", "guadeloupe", "2026-07-21"),  # 21 July, Victor Schœlcher
    ("2026-03-26", "8 jours", "guadeloupe", "2026-04-03"),  # Good Friday in Guadeloupe
])
def test_end_of_limit(start, duration, zone, expected):
    n, unit = parse_duration(duration)
    assert end_of_limit(date.fromisoformat(start), n, unit, zone).isoformat() == expected


@pytest.mark.parametrize("start,zone,where", [
    ("2026-07-13", "guadeloupe", "le 21 juillet 2026 (fête Victor Schœlcher), jour non vérifié en Guadeloupe"),
    ("2026-03-26", "guadeloupe", "le 3 avril 2026 (Vendredi saint), jour non vérifié en Guadeloupe"),
    ("2026-05-20", "saint-martin", "le 28 mai 2026 (abolition de l'esclavage, date locale), jour non vérifié à "
                                   "Saint-Martin"),
])
def test_a_day_kept_by_custom_is_flagged(start, zone, where):
    from procedure.droit.delais import explain

    r = explain(date.fromisoformat(start), 8, "jours", zone)
    assert r.doubt.startswith(where)
    # Good Friday 3 April 2026 if it counted: Sat, Sun, Easter Monday 6 -> Tue 7 April
    expected = {"2026-07-13": "22 juillet 2026", "2026-03-26": "7 avril 2026", "2026-05-20": "29 mai 2026"}[start]
    assert r.doubt.endswith(f"s'il l'est, le délai finit le {expected}")
    assert explain(date.fromisoformat(start), 8, "jours", "metropole").doubt == ""


def test_zones_of_overseas_addresses():
    from procedure.droit.jours_feries import zone_of_address
    from procedure.erreurs import InputError

    assert zone_of_address("97101", "") == "guadeloupe"  # INSEE: three digits overseas, not « 97 »
    assert zone_of_address("", "97200") == "martinique"
    assert zone_of_address("", "97300") == "guyane"
    assert zone_of_address("", "97400") == "la-reunion"
    assert zone_of_address("", "97600") == "mayotte"
    assert zone_of_address("", "97133") == "saint-barthelemy"  # a Guadeloupe postcode, its own holiday
    assert zone_of_address("97701", "97133") == "saint-barthelemy"
    assert zone_of_address("", "97150") == "saint-martin"
    assert zone_of_address("", "97500") == "metropole"  # Saint-Pierre-et-Miquelon: the national days
    assert zone_of_address("67482", "") == "alsace-moselle" and zone_of_address("", "69002") == "metropole"
    with pytest.raises(InputError, match="Pacifique"):
        zone_of_address("", "98800")


def test_overseas_data_agrees_with_the_holidays_package():
    """The data file and the ``holidays`` package's subdivisions name the same local days, save one
    known difference: Saint-Martin on 27 May (C. trav. L3422-2), 28 May for the package."""
    import holidays

    import yaml

    from procedure.droit.jours_feries import DATA, _local, overseas_days

    subdivs = {zone: spec["holidays"] for zone, spec in yaml.safe_load(DATA.read_text(encoding="utf-8"))["zones"].items()}
    assert set(subdivs) == set(overseas_days()) == {"guadeloupe", "martinique", "guyane", "la-reunion", "mayotte",
                                                     "saint-barthelemy", "saint-martin"}
    for zone, subdiv in subdivs.items():
        for year in range(2018, 2031):  # Saint-Martin: 28 May since 2018 only (the package: since 2012)
            theirs = set(holidays.France(years=year, subdiv=subdiv))
            ours = _local(year, zone)
            assert theirs - set(holidays.France(years=year)) <= set(ours), zone  # every local day of theirs is ours
            verified = {d for d, h in ours.items() if h.verifie}
            if zone == "saint-martin":
                assert verified - theirs == {date(year, 5, 27)}
            else:
                assert verified <= theirs, (zone, year)
            assert all(h.source for h in ours.values())


def test_delai_overseas_command(run):
    r = run("delai", "2026-05-19", "8 jours", "--zone", "guadeloupe", "--detail")
    assert r.exit_code == 0 and r.stdout.splitlines()[0] == "2026-05-28"
    assert "prorogé : 2026-05-27 : mercredi (abolition de l'esclavage)" in r.stdout
    r = run("delai", "2026-07-13", "8 jours", "--zone", "martinique")
    assert r.stdout == "2026-07-21\n" and "22 juillet 2026" in r.stderr and "non vérifié" in r.stderr
    r = run("delai", "2026-05-19", "8 jours", "--zone", "reunion")
    assert r.exit_code == 2 and "la-reunion" in r.stderr


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
    assert "rendues avant le 1er mars 2022" in regime
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


def test_suivi_and_etat_overseas(run, write_dossier):
    from conftest import MINIMAL

    text = MINIMAL.replace('{ligne1: 2 rue B, code_postal: "69002", ville: Lyon}',
                           '{ligne1: 2 rue B, code_postal: "97110", ville: Pointe-à-Pitre}')
    text += "historique:\n  - {date: 2026-03-02, action: ordonnance}\n  - {date: 2026-04-27, action: signification}\n"
    folder = write_dossier(text)
    r = run("suivi", str(folder), "--format", "json")
    import json

    data = json.loads(r.stdout)
    assert data["zone"] == "guadeloupe" and data["zone_libelle"] == "Guadeloupe"
    # served 27 April: one month ends Wed 27 May 2026, abolition of slavery in Guadeloupe -> Thu 28
    assert {e["cle"]: e["date"] for e in data["echeances"]}["opposition_jusqu_au"] == "2026-05-28"
    r = run("suivi", str(folder))
    assert "Jours fériés : Guadeloupe" in r.stdout and "28 mai 2026" in r.stdout


def test_agenda_uses_the_debtor_zone(run, write_dossier):
    from conftest import MINIMAL

    text = MINIMAL.replace('{ligne1: 2 rue B, code_postal: "69002", ville: Lyon}',
                           '{ligne1: 2 rue B, code_postal: "97200", ville: Fort-de-France}')
    # received Thu 14 May 2026 + 8 days = Fri 22 May, abolition of slavery in Martinique; Sat, Sun,
    # Whit Monday 25 -> Tue 26 May
    text += "historique:\n  - {date: 2026-05-12, action: mise-en-demeure, date_reception: 2026-05-14}\n"
    r = run("etat", str(write_dossier(text)), "--au", "2026-05-20")
    assert r.exit_code == 0, r.stderr
    assert "26 mai 2026 — fin du délai laissé par la mise en demeure du 12 mai 2026" in r.stdout


def test_suivi_without_ordonnance(run, write_dossier):
    r = run("suivi", str(write_dossier()))
    assert r.exit_code == 2 and "ordonnance" in r.stderr
