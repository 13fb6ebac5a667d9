"""The competent court (CPC 1406) from the debtor's commune, with the shipped data."""

from __future__ import annotations

import dataclasses

import pytest

from helpers import D, d, dossier
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


def test_addresses_come_from_the_court_table_in_ordinary_case():
    court = courts.resolve(debtor_at("44300", "Nantes", "particulier", False), D("100"))
    assert court.adresse == "19 quai François Mitterrand, 44000 Nantes" and court.telephone == "02 51 17 95 00"
    assert court.avertissements == []  # a verified row: nothing to say
    strasbourg = courts.resolve(debtor_at("67000", "Strasbourg"), D("100"))
    assert strasbourg.adresse == "Quai Finkmatt, 67070 Strasbourg Cedex"  # the TJ's, for its chambre commerciale


@pytest.mark.parametrize("cp,ville,nom,adresse", [
    ("69002", "Lyon", "Tribunal des activités économiques de Lyon", "44 rue de Bonnel, 69433 Lyon Cedex 03"),
    ("75011", "Paris", "Tribunal des activités économiques de Paris", "1 quai de la Corse, 75198 Paris Cedex 04"),
])
def test_a_tae_has_its_own_address_flagged_unverified(cp, ville, nom, adresse):
    court = courts.resolve(debtor_at(cp, ville), D("100"), d("2026-06-30"))
    assert (court.nom, court.nature, court.adresse) == (nom, "commerce", adresse)
    (warning,) = court.avertissements
    assert warning.startswith("adresse du greffe non vérifiée : tribunal de commerce renommé")
    assert warning.endswith(", à vérifier sur l'annuaire du ministère de la Justice")


def test_bordeaux_commercial_court():
    court = courts.resolve(debtor_at("33000", "Bordeaux"), D("100"))
    assert court.nom == "Tribunal de commerce de Bordeaux"
    assert court.adresse == "19 place de la Bourse, 33000 Bordeaux" and court.avertissements == []


@pytest.mark.parametrize("cp,ville,total,nom,adresse", [
    ("45000", "Orléans", "50000", "Tribunal judiciaire d'Orléans", "44 rue de la Bretonnerie, 45000 Orléans"),
    # the data write "Tribunal de proximité de Montreuil (93)"
    ("93100", "Montreuil", "5000", "Tribunal de proximité de Montreuil", "62 rue Franklin, 93100 Montreuil"),
    ("62170", "Montreuil-sur-Mer", "5000", "Tribunal de proximité de Montreuil-sur-Mer",
     "1 rue des Carmes, 62170 Montreuil-sur-Mer"),
])
def test_official_names_with_elision_and_no_suffix(cp, ville, total, nom, adresse):
    court = courts.resolve(debtor_at(cp, ville, "particulier", False), D(total))
    assert (court.nom, court.adresse) == (nom, adresse)
    printed = " ".join([court.nom, court.tribunal_judiciaire, *court.raisons, *court.avertissements])
    assert "(93)" not in printed and "(62)" not in printed and "de Orl" not in printed


def test_proximity_reason_names_both_courts_officially():
    court = courts.resolve(debtor_at("93100", "Montreuil", "particulier", False), D("5000"))
    assert any("Tribunal de proximité de Montreuil, chambre de proximité du Tribunal judiciaire de Bobigny" in r
               for r in court.raisons)


def test_alsace_moselle_commercial_chamber_with_its_address():
    court = courts.resolve(debtor_at("57000", "Metz"), D("100"))
    assert court.nom == "Tribunal judiciaire de Metz, chambre commerciale" and court.nature == "chambre-commerciale"
    assert court.adresse == "3 rue Haute Pierre, 57000 Metz" and court.commercial
    assert court.cerfa == "Cerfa n° 12946*02" and any("L231-2" in r for r in court.raisons)


@pytest.mark.parametrize("cp,ville,insee,nom,adresse", [
    ("97200", "Fort-de-France", "97209", "Tribunal mixte de commerce de Fort-de-France",
     "35 boulevard du Général de Gaulle, 97200 Fort-de-France"),
    ("97400", "Saint-Denis", "97411", "Tribunal mixte de commerce de Saint-Denis", "45 rue Sainte-Anne, 97400 Saint-Denis"),
    # Saint-Martin: in the ressort of the tribunal judiciaire de Basse-Terre
    ("97150", "Saint-Martin", "", "Tribunal mixte de commerce de Basse-Terre", "4 boulevard Félix Éboué, 97100 Basse-Terre"),
])
def test_overseas_trader_goes_to_the_tribunal_mixte_de_commerce(cp, ville, insee, nom, adresse):
    court = courts.resolve(debtor_at(cp, ville, insee=insee), D("100"))
    assert (court.nom, court.nature, court.adresse) == (nom, courts.MIXTE, adresse)
    assert court.commercial and court.cerfa == "Cerfa n° 12946*02"
    assert any("L731-1" in r for r in court.raisons)
    assert any(w.startswith("adresse du greffe non vérifiée : tribunal mixte de commerce") for w in court.avertissements)


def test_overseas_consumer_still_goes_to_the_tribunal_judiciaire():
    court = courts.resolve(debtor_at("97200", "Fort-de-France", "particulier", False, insee="97209"), D("50000"))
    assert court.nom == "Tribunal judiciaire de Fort-de-France" and court.nature == "judiciaire"


def test_new_caledonia_is_named_with_a_warning():
    court = courts.resolve(debtor_at("98800", "Nouméa", insee="98818"), D("100"))
    assert court.nom == "Tribunal mixte de commerce de Nouméa" and court.nature == courts.MIXTE
    assert any("propres textes" in w for w in court.avertissements)


def test_an_empty_address_row_is_left_to_fill_with_its_reason():
    court = courts.resolve(debtor_at("69100", "Villeurbanne", "particulier", False), D("5000"))
    assert court.nom == "Tribunal de proximité de Villeurbanne" and court.adresse == ""
    (warning,) = court.avertissements
    assert "adresse de « Tribunal de proximité de Villeurbanne » introuvable" in warning
    assert "MELLE" in warning and "complétez-la sur la requête" in warning


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


def test_overseas_without_a_commercial_court_in_the_data_is_a_clear_error():
    # Saint-Pierre-et-Miquelon: a tribunal de première instance, no tribunal mixte de commerce in the data
    with pytest.raises(CourtError, match="ni tribunal de commerce ni tribunal mixte de commerce") as exc:
        courts.resolve(debtor_at("97500", "Saint-Pierre", insee="97502"), D("1"))
    assert "Tribunal de première instance de Saint-Pierre-et-Miquelon" in str(exc.value)
    assert "clé « juridiction »" in str(exc.value)


def test_public_debtor_goes_to_the_administrative_judge():
    d = dataclasses.replace(dossier(debtor="public"))
    with pytest.raises(CourtError, match="tribunal administratif"):
        courts.resolve(d, D("1"))


def test_dossier_may_name_the_court():
    d = dataclasses.replace(debtor_at("69002", "Lyon"), juridiction="Tribunal de commerce de Bobigny")
    court = courts.resolve(d, D("1"))
    assert court.nom == "Tribunal de commerce de Bobigny" and court.nature == "commerce"
    assert court.adresse.endswith("93000 Bobigny") and "dossier" in court.raisons[0]


def test_a_named_court_is_found_in_the_table_by_any_spelling():
    d = dataclasses.replace(debtor_at("69002", "Lyon"), juridiction="tribunal de proximite de montreuil")
    court = courts.resolve(d, D("1"))
    assert (court.nom, court.nature) == ("Tribunal de proximité de Montreuil", "proximite")
    assert court.adresse == "62 rue Franklin, 93100 Montreuil"


def test_a_named_court_missing_from_the_table_keeps_its_name_and_asks_for_the_address():
    d = dataclasses.replace(debtor_at("69002", "Lyon"), juridiction="Tribunal de Nulle-Part")
    court = courts.resolve(d, D("1"))
    assert court.nom == "Tribunal de Nulle-Part" and court.adresse == ""
    assert any("complétez-la sur la requête" in w for w in court.avertissements)


def test_yaml_juridiction_with_its_address(write_dossier):
    from procedure.lecture.dossier_yaml import load_yaml
    from conftest import MINIMAL

    folder = write_dossier(MINIMAL + "juridiction:\n  nom: Tribunal de commerce de Bobigny\n  adresse:\n"
                                     "    ligne1: 1 rue du Greffe\n    ligne2: BP 12\n"
                                     "    code_postal: \"93000\"\n    ville: Bobigny Cedex\n")
    dossier = load_yaml(folder)
    assert dossier.juridiction == "Tribunal de commerce de Bobigny"
    assert dossier.juridiction_adresse == m.Address("1 rue du Greffe", "93000", "Bobigny Cedex", ligne2="BP 12")
    court = courts.resolve(dossier, D("1"))
    assert court.adresse == "1 rue du Greffe, BP 12, 93000 Bobigny Cedex" and court.avertissements == []
    assert court.raisons == ["juridiction et adresse désignées dans le dossier (clé « juridiction »)"]
    assert court.nature == "commerce" and court.cerfa == "Cerfa n° 12946*02"


def test_yaml_juridiction_by_name_finds_its_address(write_dossier):
    from procedure.lecture.dossier_yaml import load_yaml
    from conftest import MINIMAL

    dossier = load_yaml(write_dossier(MINIMAL + "juridiction: Tribunal judiciaire de Lyon\n"))
    assert dossier.juridiction == "Tribunal judiciaire de Lyon" and dossier.juridiction_adresse is None
    court = courts.resolve(dossier, D("1"))
    assert (court.nom, court.nature) == ("Tribunal judiciaire de Lyon", "judiciaire")
    assert court.adresse == "67 rue Servient, 69003 Lyon" and court.avertissements == []


def test_juridiction_command(run):
    from conftest import SAMPLES

    r = run("juridiction", str(SAMPLES / "particulier"), "--au", "2026-06-30")
    assert r.exit_code == 0 and r.stdout.startswith("Tribunal judiciaire de Nantes")
    assert "1406" in r.stdout
    r = run("juridiction", str(SAMPLES / "acheteur-public"), "--au", "2026-06-30")
    assert r.exit_code == 2 and "tribunal administratif" in r.stderr
    r = run("juridiction", str(SAMPLES / "commercant"), "--au", "2026-06-30")
    assert r.exit_code == 0 and r.stdout.startswith("Tribunal des activités économiques de Lyon\n")
    assert "adresse : 44 rue de Bonnel, 69433 Lyon Cedex 03\ntéléphone : 04 72 60 69 80\n" in r.stdout
    assert "adresse du greffe non vérifiée" in r.stderr


def test_registry_names_are_written_in_french():
    antibes = courts.resolve(debtor_at("06600", "Antibes"), D("1"))
    assert antibes.nom == "Tribunal de commerce d'Antibes" and antibes.adresse.endswith("06600 Antibes")
    # "Brive" in the registry, "Brive-la-Gaillarde" officially
    brive = courts.resolve(debtor_at("19100", "Brive-la-Gaillarde"), D("1"))
    assert brive.nom == "Tribunal de commerce de Brive-la-Gaillarde" and brive.adresse.endswith("19100 Brive-la-Gaillarde")
    lille = courts.resolve(debtor_at("59000", "Lille"), D("1"))
    assert lille.nom == "Tribunal de commerce de Lille Métropole"
