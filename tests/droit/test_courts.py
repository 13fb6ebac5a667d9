"""The competent court (CPC 1406) from the debtor's commune, with the shipped data."""

from __future__ import annotations

import dataclasses

import pytest

from helpers import D, dossier
from procedure.modele import dossier as m
from procedure.erreurs import CourtError
from procedure.droit import juridiction as courts


def debtor_at(cp: str, ville: str, kind: str = "professionnel", trader: bool = True, insee: str = ""):
    return dataclasses.replace(dossier(), debiteur=m.Party(type=kind, nom="X", commercant=trader,
                                                             adresse=m.Address("1 rue A", cp, ville, insee=insee)))


@pytest.mark.parametrize("cp,ville,kind,trader,total,expected,nature", [
    # a seat city: Nantes, consumer -> its tribunal judiciaire
    ("44300", "Nantes", "particulier", False, "2469.25", "Tribunal judiciaire de Nantes", "judiciaire"),
    # a commune of a tribunal de proximité, claim under 10 000 EUR
    ("93200", "Saint-Denis", "particulier", False, "5000", "Tribunal de proximité de Saint-Denis", "proximite"),
    # the same commune, claim over 10 000 EUR: the tribunal judiciaire itself
    ("93200", "Saint-Denis", "particulier", False, "15000", "Tribunal judiciaire de Bobigny", "judiciaire"),
    # a trader there: the commercial court of Bobigny
    ("93200", "Saint-Denis", "professionnel", True, "5000", "Tribunal de commerce de Bobigny", "commerce"),
    # a TAE city
    ("69002", "Lyon", "professionnel", True, "5000", "Tribunal des activités économiques de Lyon", "commerce"),
    ("72000", "Le Mans", "professionnel", True, "5000", "Tribunal des activités économiques du Mans", "commerce"),
    # Alsace-Moselle: the chambre commerciale of the tribunal judiciaire
    ("67000", "Strasbourg", "professionnel", True, "5000", "Tribunal judiciaire de Strasbourg, chambre commerciale",
     "chambre-commerciale"),
    ("57000", "Metz", "professionnel", True, "5000", "Tribunal judiciaire de Metz, chambre commerciale",
     "chambre-commerciale"),
    # an arrondissement of Paris
    ("75011", "Paris", "professionnel", True, "5000", "Tribunal des activités économiques de Paris", "commerce"),
    ("75011", "Paris", "particulier", False, "50000", "Tribunal judiciaire de Paris", "judiciaire"),
    # a non-trading professional (e.g. a liberal profession): tribunal judiciaire
    ("01000", "Bourg-en-Bresse", "professionnel", False, "50000", "Tribunal judiciaire de Bourg-en-Bresse",
     "judiciaire"),
])
def test_court(cp, ville, kind, trader, total, expected, nature):
    court = courts.resolve(debtor_at(cp, ville, kind, trader), D(total))
    assert court.nom == expected
    assert court.nature == nature
    assert any("1406" in r for r in court.raisons)


def test_addresses_only_when_the_departement_matches():
    court = courts.resolve(debtor_at("44300", "Nantes", "particulier", False), D("100"))
    assert court.adresse.endswith("44000 NANTES")
    strasbourg = courts.resolve(debtor_at("67000", "Strasbourg"), D("100"))
    assert "67070 STRASBOURG" in strasbourg.adresse  # the TJ's address for its chambre commerciale
    lyon = courts.resolve(debtor_at("69002", "Lyon"), D("100"))
    assert lyon.adresse == "" and any("adresse" in w for w in lyon.avertissements)


def test_cerfa_by_court():
    assert courts.resolve(debtor_at("69002", "Lyon"), D("1")).cerfa == "Cerfa n° 12946*02"
    assert courts.resolve(debtor_at("44300", "Nantes", "particulier", False), D("1")).cerfa == "Cerfa n° 12948*06"


def test_postcode_shared_by_several_communes_asks_which():
    # 01400 covers several communes of the Ain
    with pytest.raises(CourtError, match="plusieurs communes") as exc:
        courts.resolve(debtor_at("01400", "Ville inconnue"), D("1"))
    assert "insee" in str(exc.value)


def test_town_name_picks_the_commune():
    court = courts.resolve(debtor_at("01400", "L'Abergement-Clémenciat", "particulier", False), D("1"))
    assert court.insee == "01001"


def test_insee_code_wins():
    court = courts.resolve(debtor_at("99999", "n'importe", "particulier", False, insee="44109"), D("1"))
    assert court.nom == "Tribunal judiciaire de Nantes"


def test_unknown_postcode():
    with pytest.raises(CourtError, match="ne correspond à aucune commune"):
        courts.resolve(debtor_at("00000", "Nulle part"), D("1"))


def test_overseas_commercial_court_missing_is_a_clear_error():
    with pytest.raises(CourtError, match="juridiction"):
        courts.resolve(debtor_at("97400", "Saint-Denis"), D("1"))


def test_public_debtor_goes_to_the_administrative_judge():
    d = dataclasses.replace(dossier(debtor="public"))
    with pytest.raises(CourtError, match="tribunal administratif"):
        courts.resolve(d, D("1"))


def test_dossier_may_name_the_court():
    d = dataclasses.replace(debtor_at("69002", "Lyon"), juridiction="Tribunal de commerce de Bobigny")
    court = courts.resolve(d, D("1"))
    assert court.nom == "Tribunal de commerce de Bobigny" and court.nature == "commerce"


def test_juridiction_command(run):
    from conftest import SAMPLES

    r = run("juridiction", str(SAMPLES / "particulier"), "--au", "2026-06-30")
    assert r.exit_code == 0 and r.stdout.startswith("Tribunal judiciaire de Nantes")
    assert "1406" in r.stdout
    r = run("juridiction", str(SAMPLES / "acheteur-public"), "--au", "2026-06-30")
    assert r.exit_code == 2 and "tribunal administratif" in r.stderr


def test_registry_names_are_written_in_french():
    antibes = courts.resolve(debtor_at("06600", "Antibes"), D("1"))
    assert antibes.nom == "Tribunal de commerce d'Antibes" and antibes.adresse.endswith("06600 ANTIBES")
    # "Brive" in the registry, "Brive-la-Gaillarde" in the directory
    assert courts.resolve(debtor_at("19100", "Brive-la-Gaillarde"), D("1")).adresse.endswith("BRIVE LA GAILLARDE")
