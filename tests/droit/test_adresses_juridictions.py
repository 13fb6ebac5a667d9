"""The court address table (donnees/juridictions/adresses-juridictions.csv), walked row by row.

Every court the code can name must have a row, and every row an address with its source, unless the
court is listed in EXCEPTIONS with the reason (see donnees/juridictions/ADRESSES.md).
"""

from __future__ import annotations

import collections
import csv
import doctest
import gzip
import io
import re
from datetime import date
from functools import lru_cache
from importlib import resources

import pytest

from procedure.donnees import tribunaux
from procedure.droit import juridiction as courts
from procedure.droit import parametres

NATURES = {"judiciaire", "proximite", "commerce", "activites-economiques", "chambre-commerciale", "mixte-commerce"}
COLUMNS = ["cle", "nature", "nom", "ligne1", "ligne2", "code_postal", "ville", "telephone", "source", "verifie", "note"]

# Courts left without a street address, with the reason. The shipped DILA directory gives them another
# court's address (or none) and no official source could be read to correct it.
WRONG = "l'annuaire DILA livré porte l'adresse d'une autre juridiction ; aucune source officielle consultée ne la corrige"
EXCEPTIONS = {
    "Tribunal judiciaire de Belfort": WRONG + " (Fécamp)",
    "Tribunal judiciaire de Bergerac": WRONG + " (Les Sables-d'Olonne)",
    "Tribunal judiciaire de Laval": WRONG + " (Largentière)",
    "Tribunal judiciaire de Libourne": WRONG + " (Clichy)",
    "Tribunal judiciaire de Lons-le-Saunier": WRONG + " (Vouziers)",
    "Tribunal judiciaire de Montluçon": WRONG + " (Sélestat)",
    "Tribunal judiciaire de Pointe-à-Pitre": WRONG + " (Bergerac)",
    "Tribunal judiciaire de Senlis": WRONG + " (Paris)",
    "Tribunal judiciaire de Valence": "adresse vide dans l'annuaire DILA livré",
    "Tribunal judiciaire de Mamoudzou": "l'annuaire DILA livré ne donne que « 97600 MAMOUDZOU »",
    "Tribunal de Première Instance de Mata-Utu": "l'annuaire DILA livré ne donne que « 98600 UVEA »",
    "Tribunal de proximité d'Annonay": WRONG + " (Paimbœuf)",
    "Tribunal de proximité d'Arcachon": WRONG + " (Basse-Terre)",
    "Tribunal de proximité d'Aubagne": WRONG + " (Grand-Bourg)",
    "Tribunal de proximité de Beaune": WRONG + " (Saint-Martin)",
    "Tribunal de proximité de Brignoles": WRONG + " (Saint-Paul, La Réunion)",
    "Tribunal de proximité de Cholet": WRONG + " (Romilly-sur-Seine)",
    "Tribunal de proximité de Lure": WRONG + " (Voiron)",
    "Tribunal de proximité de Péronne": WRONG + " (Lorient)",
    "Tribunal de proximité de Pontarlier": "adresse vide dans l'annuaire DILA livré",
    "Tribunal de proximité de Romans-sur-Isère": WRONG + " (Paris)",
    "Tribunal de proximité de Saint-Claude": WRONG + " (Narbonne)",
    "Tribunal de proximité de Sète": WRONG + " (Arras)",
    "Tribunal de proximité de Thann": WRONG + " (Paris)",
    "Tribunal de proximité de Villeurbanne": WRONG + " (Melle)",
}

# postal codes of the overseas collectivities that share Guadeloupe's 971 prefix
CP_DEPARTEMENT = {"97133": "977", "97150": "978"}  # Saint-Barthélemy, Saint-Martin
# the twelve TAE of the experiment (the list is the same on every date of it)
TAE_CITIES = parametres.value_at("tribunaux_activites_economiques", date(2025, 1, 1)).value


def _gz_text(name: str) -> str:
    raw = resources.files(tribunaux.DATA).joinpath(name).read_bytes()
    return gzip.decompress(raw).decode("utf-8")


@lru_cache(maxsize=1)
def table() -> list[dict[str, str]]:
    text = resources.files(tribunaux.DATA).joinpath(tribunaux.ADDRESS_FILE).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    assert reader.fieldnames == COLUMNS
    return list(reader)


@lru_cache(maxsize=1)
def nameable() -> dict[str, tuple[str, collections.Counter]]:
    """Every court name the code can produce from the shipped data, as courts.py builds it:
    name -> (nature, départements of the communes it serves)."""
    communes = {row["insee"]: row["departement"]
                for row in csv.DictReader(io.StringIO(_gz_text("communes-2026.csv.gz")), delimiter=";")}
    greffes = tribunaux.data().greffe_2025
    tae = {courts.normalize(c) for c in TAE_CITIES}
    out: dict[str, tuple[str, collections.Counter]] = {}

    def add(name: str, nature: str, dep: str) -> None:
        out.setdefault(name, (nature, collections.Counter()))[1][dep] += 1

    for row in csv.DictReader(io.StringIO(_gz_text("competences-communes.csv.gz")), delimiter=";"):
        insee = row["insee"].strip()
        dep = communes.get(insee) or courts.department_of_postcode(insee)
        tj = row["tribunal_judiciaire"].strip()
        add(tj, courts.JUDICIAIRE, dep)
        if row["tribunal_proximite"].strip():
            add(row["tribunal_proximite"].strip(), courts.PROXIMITE, dep)
        # courts.commercial_court, without its per-commune text search
        name = courts._elide(row.get("tc_name_2025_TAE_applied") or row.get("tc_infogreffe2021") or "")
        if dep in courts.ALSACE_MOSELLE or name.startswith("Chambre commerciale"):
            add(f"{tj}, chambre commerciale", courts.CHAMBRE, dep)
            continue
        if not name:  # overseas: the tribunal mixte de commerce of the ressort, if there is one
            if tj in tribunaux.TRIBUNAUX_MIXTES:
                add(tribunaux.TRIBUNAUX_MIXTES[tj], courts.MIXTE, dep)
            continue
        greffe = greffes.get(insee, "")
        if greffe and courts.normalize(courts._city(name)) != courts.normalize(greffe):
            city = greffe.title()
            name = (f"Tribunal des activités économiques de {city}" if courts.normalize(city) in tae
                    else f"Tribunal de commerce de {city}")
        add(name, courts.COMMERCE, dep)
    return out


def by_key() -> dict[str, dict[str, str]]:
    return {courts.normalize(r["cle"]): r for r in table()}


def departements(row: dict[str, str]) -> set[str]:
    names = nameable()
    found = [deps for name, (_, deps) in names.items() if courts.normalize(name) == courts.normalize(row["cle"])]
    return set().union(*found) if found else set()


def test_columns_natures_and_unique_keys():
    rows = table()
    assert tuple(COLUMNS) == tribunaux.COLUMNS and NATURES == set(courts.NATURES)
    assert {r["nature"] for r in rows} <= NATURES
    keys = [courts.normalize(r["cle"]) for r in rows]
    assert len(keys) == len(set(keys)), "two rows for the same court"
    # an official name finds its own row too (a dossier may write it): it must not be another row's key
    by_key = dict(zip(keys, rows))
    noms = [courts.normalize(r["nom"]) for r in rows]
    assert len(noms) == len(set(noms)), "two rows with the same official name"
    assert all(by_key.get(n, r) is r for n, r in zip(noms, rows))
    assert {r["verifie"] for r in rows} <= {"oui", "non"}


@pytest.mark.parametrize("nature", sorted(NATURES))
def test_every_nature_has_rows(nature):
    assert any(r["nature"] == nature for r in table())


def test_every_court_the_code_can_name_has_a_row():
    keys = by_key()
    missing = sorted(name for name in nameable() if courts.normalize(name) not in keys)
    assert not missing, missing


def test_the_enumeration_follows_commercial_court():
    """The commercial names above mirror courts.commercial_court: check it on a sample of communes."""
    names = nameable()
    sample = ["01001", "13201", "22278", "25388", "33063", "35288", "54099", "57463", "62041", "67482", "69381",
              "72181", "75111", "76351", "84007", "90010", "92050", "2B033", "97105", "97209", "97411", "97701",
              "97801", "98818"]
    for insee in sample:
        dep = tribunaux.data().commune(insee).departement
        name, _ = courts.commercial_court(insee, dep, [], [], date(2026, 6, 30))
        assert name in names, (insee, name)


def test_the_twelve_tae_and_the_overseas_mixed_courts_are_there():
    rows = table()
    tae = {r["nom"] for r in rows if r["nature"] == "activites-economiques"}
    assert len(tae) == len(TAE_CITIES) == 12
    mixed = {r["cle"] for r in rows if r["nature"] == "mixte-commerce"}
    assert set(tribunaux.TRIBUNAUX_MIXTES.values()) == mixed
    # each keyed by the tribunal judiciaire (or de première instance) whose ressort it shares
    assert all(courts.normalize(tj) in by_key() for tj in tribunaux.TRIBUNAUX_MIXTES)
    chambers = {r["cle"] for r in rows if r["nature"] == "chambre-commerciale"}
    assert chambers == {f"Tribunal judiciaire de {c}, chambre commerciale" for c in
                        ("Colmar", "Metz", "Mulhouse", "Sarreguemines", "Saverne", "Strasbourg", "Thionville")}


def test_no_court_without_an_address_unless_excepted():
    keyed = {r["cle"]: r for r in table()}
    assert set(EXCEPTIONS) <= set(keyed), set(EXCEPTIONS) - set(keyed)
    for r in table():
        complete = bool(r["ligne1"] and r["code_postal"] and r["ville"])
        if r["cle"] in EXCEPTIONS:
            assert not complete, f"{r['cle']} now has an address: drop it from EXCEPTIONS"
            assert r["verifie"] == "non" and r["note"]
        else:
            assert complete, r["cle"]


def test_every_row_has_a_source_and_unverified_rows_say_why():
    for r in table():
        assert r["source"].strip(), r["cle"]
        if r["verifie"] == "non":
            assert r["note"].strip(), r["cle"]


ELISION = re.compile(r"\bde (?=[AEIOUYÀÂÉÈÊÎÔÛaeiouyàâéèêîôû])|\bde Le |\bde Les ")


def test_names_are_elided_and_clean():
    for r in table():
        nom = r["nom"]
        assert not ELISION.search(nom), nom
        assert "(" not in nom and "  " not in nom and nom == nom.strip(), nom
        assert not re.search(r"\bSt\b|\bMetropole\b|-En-|-Sur-|-Le-|-Les-", nom), nom
        assert nom.startswith(("Tribunal judiciaire", "Tribunal de proximité", "Tribunal de commerce",
                               "Tribunal des activités économiques", "Tribunal mixte de commerce",
                               "Tribunal de première instance")), nom


def test_names_as_the_issue_wants_them():
    noms = {r["nom"] for r in table()}
    for nom in ("Tribunal judiciaire d'Orléans", "Tribunal de commerce de Lille Métropole",
                "Tribunal de proximité de Montreuil", "Tribunal des activités économiques d'Avignon",
                "Tribunal des activités économiques du Mans", "Tribunal des activités économiques de Paris",
                "Tribunal judiciaire du Havre", "Tribunal de commerce de Bordeaux"):
        assert nom in noms, nom


def all_caps(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", line)
             if w not in ("BP", "CS", "ZAC", "ZI", "ZA") and not re.fullmatch(r"[IVX]+", w)]
    return any(len(w) >= 3 and w.isupper() for w in words)


def test_no_all_caps_address_lines():
    for r in table():
        for col in ("ligne1", "ligne2", "ville"):
            assert not all_caps(r[col]), (r["cle"], col, r[col])


def test_postal_codes_match_the_courts_departements():
    for r in table():
        cp = r["code_postal"]
        if not cp:
            continue
        assert re.fullmatch(r"\d{5}", cp), (r["cle"], cp)
        deps = departements(r)
        if deps:
            dep = CP_DEPARTEMENT.get(cp, courts.department_of_postcode(cp))
            assert dep in deps, (r["cle"], cp, sorted(deps))


def test_telephones_are_written_plainly():
    for r in table():
        if r["telephone"]:
            assert re.fullmatch(r"(0\d( \d\d){4}|\+\d{3}( \d{2,3})+)", r["telephone"]), (r["cle"], r["telephone"])


def test_the_loader_reads_every_row_and_its_doctests_pass():
    assert len(tribunaux.tribunaux()) == len(table())
    for module in (tribunaux, courts):
        result = doctest.testmod(module)
        assert result.attempted and not result.failed, module.__name__


def test_every_printed_name_is_the_official_one():
    """What resolve() prints for a court the code names is the table's `nom`, never the data's spelling."""
    keyed = by_key()
    for name in nameable():
        assert courts.official_name(name) == keyed[courts.normalize(name)]["nom"]


def test_every_row_through_the_code_that_prints_it():
    """Each court as resolve() would place it: the official name, the address or the reason it is missing,
    and a warning exactly when the row is unverified."""
    for r in table():
        warnings: list[str] = []
        court = courts._place(courts.Court(r["cle"], courts.NATURES[r["nature"]]), "", warnings)
        assert court.nom == r["nom"]
        if r["cle"] in EXCEPTIONS:
            assert court.adresse == "" and len(warnings) == 1 and r["note"] in warnings[0]
        else:
            assert court.adresse.startswith(r["ligne1"]) and court.adresse.endswith(f"{r['code_postal']} {r['ville']}")
            assert len(warnings) == (r["verifie"] == "non"), (r["cle"], warnings)


def test_the_greffe_found_in_the_text_is_the_parsed_one():
    """``greffe(insee)`` reads one entry of the index's text: the same as the whole index parsed."""
    import random

    found = tribunaux.CourtData()
    parsed = tribunaux.data().greffe_2025
    codes = sorted(parsed)
    for insee in [*random.Random(7).sample(codes, 300), codes[0], codes[-1], "01001", "2A004", "99999", "69123"]:
        assert found.greffe(insee) == parsed.get(insee, ""), insee
