"""Dated legal constants (procedure.droit.parametres): every shipped file, the dates where a value
changes, and the strict loader. Expected values are written beside the text that sets them."""

import doctest
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from procedure.droit import parametres as P
from procedure.erreurs import InputError

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(P.SHIPPED.glob("*.yaml"))
EXPECTED = {
    "indemnite_forfaitaire", "indemnite_forfaitaire_public", "majoration_bce_l441_10", "majoration_bce_public",
    "base_jours_annee", "delai_paiement_max_jours", "delai_paiement_max_fin_de_mois_jours",
    "delai_paiement_public_jours", "delai_paiement_hopital_jours", "delai_paiement_entreprise_publique_jours",
    "prescription_droit_commun_ans", "prescription_commerciale_ans", "prescription_consommation_ans",
    "plancher_taux_contractuel_multiple", "plafond_tribunal_proximite", "plafond_petites_creances",
    "majoration_taux_legal_apres_titre", "delai_majoration_apres_titre_mois", "tribunaux_activites_economiques",
    "delai_signification_ordonnance_mois", "delai_opposition_mois",
}
TAE = ("Auxerre", "Avignon", "Le Havre", "Le Mans", "Limoges", "Lyon", "Marseille", "Nancy", "Nanterre", "Paris",
       "Saint-Brieuc", "Versailles")


@pytest.fixture(autouse=True)
def shipped_tables(monkeypatch):
    monkeypatch.delenv(P.ENV, raising=False)


def test_every_expected_parameter_is_shipped_and_loads():
    assert {p.stem for p in SHIPPED} == EXPECTED
    assert set(P.all_parameters()) == EXPECTED


def test_every_value_has_a_reference_for_its_date():
    for name, versions in P.all_parameters().items():
        assert versions, name
        for p in versions:
            assert p.name == name and p.description and p.unit in P.UNITS
            assert p.reference.strip(), (name, p.since)
            assert p.href == "" or p.href.startswith("https://www.legifrance.gouv.fr/"), (name, p.href)
            assert p.checked_on is not None
            assert p.verified or p.note, f"{name}: verifie false sans note"


def test_types_follow_the_unit():
    for versions in P.all_parameters().values():
        for p in versions:
            if p.value is None:
                continue
            expected = {"EUR": Decimal, "points": Decimal, "jours": int, "mois": int, "ans": int, "liste": tuple}
            assert isinstance(p.value, expected.get(p.unit, (int, Decimal))), (p.name, p.value)
            if p.unit == "EUR":
                assert p.value.as_tuple().exponent == -2  # cents, never a float


# (name, date of change, value the day before, value that day)
CHANGES = [
    ("indemnite_forfaitaire", date(2013, 1, 1), None, Decimal("40.00")),  # D441-5, décret 2012-1115
    ("indemnite_forfaitaire_public", date(2013, 5, 1), None, Decimal("40.00")),  # décret 2013-269 art. 9
    ("majoration_bce_public", date(2013, 5, 1), None, Decimal("8")),  # décret 2013-269 art. 8
    ("majoration_bce_l441_10", date(2009, 1, 1), None, Decimal("10")),  # LME art. 21
    ("plancher_taux_contractuel_multiple", date(2009, 1, 1), None, 3),
    ("delai_paiement_max_jours", date(2009, 1, 1), None, 60),
    ("delai_paiement_max_fin_de_mois_jours", date(2009, 1, 1), None, 45),
    ("delai_paiement_public_jours", date(2013, 5, 1), None, 30),
    ("delai_paiement_hopital_jours", date(2013, 5, 1), None, 50),
    ("delai_paiement_entreprise_publique_jours", date(2013, 5, 1), None, 60),
    ("prescription_droit_commun_ans", date(2008, 6, 19), None, 5),  # loi 2008-561, JO 18 juin 2008
    ("prescription_commerciale_ans", date(2008, 6, 19), None, 5),
    ("prescription_consommation_ans", date(2008, 6, 19), None, 2),
    ("plafond_tribunal_proximite", date(2020, 1, 1), None, Decimal("10000.00")),
    ("plafond_petites_creances", date(2016, 6, 1), None, Decimal("4000.00")),  # décret 2016-285
    ("plafond_petites_creances", date(2020, 1, 1), Decimal("4000.00"), Decimal("5000.00")),  # décret 2019-1333
    ("majoration_taux_legal_apres_titre", date(2001, 1, 1), None, Decimal("5")),  # CMF L313-3
    ("delai_majoration_apres_titre_mois", date(2001, 1, 1), None, 2),
    ("tribunaux_activites_economiques", date(2025, 1, 1), None, TAE),  # arrêté du 5 juillet 2024
    ("tribunaux_activites_economiques", date(2029, 1, 1), TAE, None),  # 4 ans d'expérimentation
    ("delai_signification_ordonnance_mois", date(2026, 9, 1), 6, 3),  # décret 2026-96
    ("delai_opposition_mois", date(1982, 1, 1), None, 1),
]


@pytest.mark.parametrize("name, day, before, after", CHANGES, ids=[f"{c[0]}@{c[1]}" for c in CHANGES])
def test_value_the_day_before_and_the_day_of_a_change(name, day, before, after):
    for when, expected in ((day - timedelta(days=1), before), (day, after)):
        if expected is None:
            with pytest.raises(P.UnknownParameterError, match=f"« {name} ».*{when.isoformat()}"):
                P.value_at(name, when)
        else:
            p = P.value_at(name, when)
            assert p.value == expected and p.since <= when


def test_convenience_readers():
    assert P.amount("indemnite_forfaitaire", date(2026, 6, 30)) == Decimal("40.00")
    assert P.amount("base_jours_annee", date(2026, 6, 30)) == Decimal(36500)  # SPEC §4 convention
    assert P.number("delai_paiement_max_jours", date(2026, 6, 30)) == 60
    assert P.number("delai_signification_ordonnance_mois", date(2022, 3, 1)) == 6  # 1411 after décret 2021-1322
    with pytest.raises(TypeError):
        P.number("indemnite_forfaitaire", date(2026, 6, 30))
    with pytest.raises(TypeError):
        P.amount("tribunaux_activites_economiques", date(2026, 6, 30))


def test_reference_follows_a_recodification_while_the_value_keeps_its_date():
    before = P.value_at("majoration_bce_l441_10", date(2019, 4, 25))
    after = P.value_at("majoration_bce_l441_10", date(2019, 4, 26))
    assert "L441-6" in before.reference and "L441-10" in after.reference  # ordonnance n° 2019-359
    assert before.since == after.since == date(2009, 1, 1) and before.value == after.value
    assert "R2192-31" in P.value_at("majoration_bce_public", date(2019, 4, 1)).reference
    assert "décret n° 2013-269" in P.value_at("majoration_bce_public", date(2019, 3, 31)).reference.lower()


def test_secondary_sources_are_flagged():
    p = P.value_at("delai_signification_ordonnance_mois", date(2026, 9, 1))
    assert p.value == 3 and not p.verified and "secondaires" in p.note
    assert P.value_at("indemnite_forfaitaire", date(2026, 9, 1)).verified


def test_errors_name_the_parameter_and_the_date():
    with pytest.raises(P.UnknownParameterError, match="« inexistant » inconnu.*2026-01-01"):
        P.value_at("inexistant", date(2026, 1, 1))
    with pytest.raises(P.UnknownParameterError, match="abrogée le 2029-01-01"):
        P.value_at("tribunaux_activites_economiques", date(2030, 1, 1))
    assert issubclass(P.UnknownParameterError, InputError) and issubclass(P.ParameterFileError, InputError)


VALID = """\
description: Indemnité forfaitaire (copie de test)
unit: EUR
values:
  2013-01-01: {value: "40.00"}
  2030-01-01: {value: "50.00"}
metadata:
  reference:
    2013-01-01: {title: "C. com., art. D441-5"}
    2030-01-01: {title: "texte de test"}
  verifie: false
  note: essai
  last_value_still_valid_on: 2026-11-24
"""


def override(tmp_path, monkeypatch, text: str, name: str = "indemnite_forfaitaire") -> Path:
    (tmp_path / "droit").mkdir(exist_ok=True)
    path = tmp_path / "droit" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(P.ENV, str(tmp_path))
    return path


def test_an_override_folder_replaces_the_shipped_file(tmp_path, monkeypatch):
    override(tmp_path, monkeypatch, VALID)
    assert P.amount("indemnite_forfaitaire", date(2030, 1, 1)) == Decimal("50.00")
    assert not P.value_at("indemnite_forfaitaire", date(2029, 12, 31)).verified
    assert P.number("delai_paiement_max_jours", date(2026, 1, 1)) == 60  # the others stay shipped
    monkeypatch.delenv(P.ENV)
    assert P.amount("indemnite_forfaitaire", date(2030, 1, 1)) == Decimal("40.00")


BROKEN = {
    "unknown_key": (VALID.replace("unit: EUR", "unit: EUR\nunite: EUR"), "unite"),
    "unknown_metadata_key": (VALID.replace("  note: essai", "  note: essai\n  source: x"), "metadata.source"),
    "duplicate_date": (VALID.replace('  2030-01-01: {value: "50.00"}', '  2013-01-01: {value: "50.00"}'),
                       "2013-01-01"),
    "duplicate_quoted_date": (VALID.replace('  2030-01-01: {value: "50.00"}', '  "2013-01-01": {value: "50.00"}'),
                              "2013-01-01"),
    "bad_date": (VALID.replace("2030-01-01: {value", "2030-02-30: {value"), "values.2030-02-30"),
    "malformed_date": (VALID.replace("2030-01-01: {value", "2030-1-1: {value"), "values.2030-1-1"),
    "bad_checked_date": (VALID.replace("2026-11-24", "hier"), "last_value_still_valid_on"),
    "missing_reference": (VALID.replace('    2030-01-01: {title: "texte de test"}\n', ""), "values.2030-01-01"),
    "empty_title": (VALID.replace('{title: "texte de test"}', '{title: ""}'), "metadata.reference.2030-01-01"),
    "money_as_integer": (VALID.replace('"50.00"', "50"), "values.2030-01-01.value"),
    "money_as_float": (VALID.replace('"50.00"', "50.0"), "values.2030-01-01.value"),
    "money_without_cents": (VALID.replace('"50.00"', '"50"'), "values.2030-01-01.value"),
    "unknown_unit": (VALID.replace("unit: EUR", "unit: euros"), "unit"),
    "missing_metadata": (VALID.split("metadata:")[0], "metadata"),
    "unverified_without_note": (VALID.replace("  note: essai\n", ""), "metadata.note"),
    "verifie_not_bool": (VALID.replace("verifie: false", "verifie: oui"), "metadata.verifie"),
    "value_not_in_a_table": (VALID.replace('{value: "50.00"}', '"50.00"'), "values.2030-01-01"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_strict_loader_names_the_file_and_the_key(tmp_path, monkeypatch, case):
    text, key = BROKEN[case]
    path = override(tmp_path, monkeypatch, text)
    with pytest.raises(P.ParameterFileError) as info:
        P.value_at("indemnite_forfaitaire", date(2020, 1, 1))
    assert str(path) in str(info.value) and key in str(info.value), str(info.value)


def test_strict_loader_checks_types_of_day_counts_and_lists(tmp_path, monkeypatch):
    days = (P.SHIPPED / "delai_paiement_max_jours.yaml").read_text(encoding="utf-8")
    path = override(tmp_path, monkeypatch, days.replace("{value: 60}", '{value: "60"}'), "delai_paiement_max_jours")
    with pytest.raises(P.ParameterFileError, match="entier positif") as info:
        P.all_parameters()
    assert str(path) in str(info.value)
    tae = (P.SHIPPED / "tribunaux_activites_economiques.yaml").read_text(encoding="utf-8")
    path.unlink()
    override(tmp_path, monkeypatch, tae.replace('value: ["Auxerre",', 'value: [1,'), "tribunaux_activites_economiques")
    with pytest.raises(P.ParameterFileError, match="liste non vide de textes"):
        P.all_parameters()


def test_an_override_for_an_unknown_parameter_is_refused(tmp_path, monkeypatch):
    path = override(tmp_path, monkeypatch, VALID, "indemnite_forfaitair")
    with pytest.raises(P.ParameterFileError, match="paramètre inconnu") as info:
        P.all_parameters()
    assert str(path) in str(info.value)


def test_module_doctests_pass():
    result = doctest.testmod(P, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 8 and result.failed == 0


def test_importing_the_module_does_not_import_yaml():
    code = "import sys, procedure.droit.parametres; print('yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.slow
def test_wheel_ships_the_parameter_files(tmp_path):
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                        str(tmp_path), str(ROOT)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"wheel build unavailable here: {r.stderr[-300:]}")
    (wheel,) = tmp_path.glob("procedure-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"procedure/parametres/droit/{n}.yaml" for n in EXPECTED} <= names
    assert "procedure/droit/parametres.py" in names


def test_payment_term_checks_read_their_maxima_at_the_invoice_date(tmp_path, monkeypatch):
    """verifier's payment-term messages state the values in force, not numbers of their own: with
    the maxima overridden from 2025 (45 and 40 days; 20, 40 and 50 for public buyers), a 44-day term
    is beyond the first and a 25-day term beyond the second."""
    from procedure.droit.decompte import compute
    from procedure.droit.verifications import check
    from procedure.modele import dossier as m

    shipped = {n: (P.SHIPPED / f"{n}.yaml").read_text(encoding="utf-8") for n in (
        "delai_paiement_max_jours", "delai_paiement_max_fin_de_mois_jours", "delai_paiement_public_jours",
        "delai_paiement_hopital_jours", "delai_paiement_entreprise_publique_jours")}
    (tmp_path / "droit").mkdir()
    for (name, text), new in zip(shipped.items(), (45, 40, 20, 40, 50)):
        text = text.replace("values:\n", f"values:\n  2025-01-01: {{value: {new}}}\n", 1).replace(
            "  reference:\n", "  reference:\n    2025-01-01: {title: \"texte de test\"}\n", 1)
        (tmp_path / "droit" / f"{name}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv(P.ENV, str(tmp_path))

    def findings(debtor_type: str, due: str) -> list[str]:
        party = m.Party(type="professionnel", nom="A", adresse=m.Address("1 rue A", "69003", "Lyon"))
        debtor = m.Party(type=debtor_type, nom="B", adresse=m.Address("2 rue B", "69002", "Lyon"))
        inv = m.Invoice(numero="F1", date=date(2025, 3, 3), echeance=date.fromisoformat(due),
                        montant_ttc=Decimal("100.00"))
        dos = m.Dossier(reference="X", creancier=party, debiteur=debtor, factures=(inv,))
        return [f.message for f in check(dos, compute(dos, date(2025, 6, 30)))]

    # invoice of 2025-03-03, the most favourable reading: max(03-03 + 45 = 04-17, end of month of
    # 03-03 + 40 = 04-30, end of March + 40 = 05-10) = 05-10; a due date of 05-12 is 28 + 30 + 12 = 70 days
    assert any("délai de paiement de 70 jours, au-delà du maximum légal (45 jours date de facture ou 40 jours "
               "fin de mois" in x for x in findings("professionnel", "2025-05-12"))
    # public buyer: 25 days > 20
    assert any("délai de paiement de 25 jours ; les acheteurs publics doivent payer sous 20 jours (État, "
               "collectivités), 40 (hôpitaux) ou 50 (entreprises publiques)" in x for x in findings("public", "2025-03-28"))
