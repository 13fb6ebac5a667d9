"""The procédure simplifiée de recouvrement des petites créances (CPCE L125-1, R125-1 to R125-8).

The boundary, by hand. A contractual rate of 14,60 % over 50 days gives interest of exactly 2 % of the
principal: 14.60 x 50 / 36500 = 0.02 (due 31 August 2025, interest 1 September..20 October 2025 =
30 + 20 = 50 days).
- principal 4 901,96: interest 4901.96 x 0.02 = 98.0392 -> 98.04; principal and interest 5 000,00:
  accepted (R125-1: "n'excède pas 5 000 euros");
- principal 4 901,97: interest 4901.97 x 0.02 = 98.0394 -> 98.04; 5 000,01: refused, the figure stated.
The 40 € indemnity (a professional debtor) is neither principal nor interest: claimed, not capped.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readback import docx_text, pdf_text
from procedure.droit.petites_creances import instalments

BOUNDARY = """\
reference: PC-{principal}
creancier:
  type: professionnel
  nom: Atelier Dupont
  forme_juridique: SARL
  siren: "732829320"
  representant: Marie Dupont, gérante
  adresse: {{ligne1: 12 rue des Lilas, code_postal: "69003", ville: Lyon}}
debiteur:
  type: professionnel
  nom: Boulangerie Martin
  forme_juridique: SAS
  siren: "552100554"
  adresse: {{ligne1: 3 place Bellecour, code_postal: "69002", ville: Lyon}}
factures:
  - {{numero: F-1, date: 2025-08-01, echeance: 2025-08-31, montant_ttc: "{principal}"}}
penalites: {{regime: contractuel, taux: "14.60"}}
"""


def test_5000_00_in_principal_and_interest_is_accepted(run, write_dossier):
    folder = write_dossier(BOUNDARY.format(principal="4901.96"), "a")
    r = run("decompte", str(folder), "--au", "2025-10-20")
    data = json.loads(r.stdout)
    assert (data["principal"], data["interets"], data["indemnites"]) == ("4901.96", "98.04", "40.00")
    r = run("petites-creances", str(folder), "--date", "2025-10-20", "--echeancier", "3")
    assert r.exit_code == 0, r.stderr
    pdf = folder / "sortie" / "2025-10-20_PC-4901.96_petites-creances.pdf"
    text = pdf_text(pdf)
    assert "5 000,00 € en principal et intérêts, sous le plafond de 5 000,00 €" in text
    assert "cour d'appel de Lyon" in text and "tribunal judiciaire de Lyon" in text
    # 4901.96 + 98.04 + 40 = 5040.00 in 3 instalments: 1680.00 x 3
    assert text.count("1 680,00 €") == 3 and "5 040,00 €" in text
    assert "cour d'appel de Lyon" in docx_text(pdf.with_suffix(".docx"))
    journal = (folder / "journal.yaml").read_text(encoding="utf-8")
    assert "action: petites-creances" in journal
    # the 40 EUR outside the cap is the tool's reading of R125-1, and the user is told so
    assert "indemnités forfaitaires de 40,00 € réclamées hors plafond" in r.stderr.replace("\xa0", " ")
    assert "lecture de l'outil, non vérifiée" in r.stderr


def test_5000_01_is_refused_stating_the_figure(run, write_dossier):
    folder = write_dossier(BOUNDARY.format(principal="4901.97"), "b")
    r = run("petites-creances", str(folder), "--date", "2025-10-20")
    assert r.exit_code == 2
    assert "5 000,01 € en principal et intérêts" in r.stderr.replace("\xa0", " ")
    assert "plafond de 5 000,00 €" in r.stderr.replace("\xa0", " ") and "R125-1" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (folder / "sortie").exists() and not (folder / "journal.yaml").exists()


def test_the_cap_is_read_at_the_date(run, write_dossier):
    # 4 000 EUR until 31 December 2019 (décret n° 2016-285): a 4 500 € claim then was refused
    text = BOUNDARY.format(principal="4500.00").replace("2025-08-01", "2019-08-01").replace("2025-08-31", "2019-08-31")
    text = text.replace('{regime: contractuel, taux: "14.60"}', "{regime: aucun, indemnite_forfaitaire: false}")
    folder = write_dossier(text, "c")
    r = run("petites-creances", str(folder), "--date", "2019-12-31")
    assert r.exit_code == 2 and "plafond de 4 000,00 €" in r.stderr.replace("\xa0", " ")
    r = run("petites-creances", str(folder), "--date", "2020-01-02")
    assert r.exit_code == 0, r.stderr
    assert "hors plafond" not in r.stderr  # no indemnity claimed, nothing to read
    # before 1 June 2016 the procedure did not exist (décret n° 2016-285)
    r = run("petites-creances", str(folder), "--date", "2016-05-31", "--remplacer")
    assert r.exit_code == 2 and "qu'à compter du 1er juin 2016" in r.stderr and "paramètre" not in r.stderr


def test_refused_against_a_public_buyer_and_in_collective_proceedings(run, sample, write_dossier):
    r = run("petites-creances", str(sample("acheteur-public")), "--date", "2026-06-30")
    assert r.exit_code == 2 and "débiteur public" in r.stderr
    text = BOUNDARY.format(principal="1000.00").replace("  siren: \"552100554\"", "  siren: \"552100554\"\n"
                                                                               "  procedure_collective: true")
    r = run("petites-creances", str(write_dossier(text, "d")), "--date", "2025-10-20")
    assert r.exit_code == 2 and "L622-21" in r.stderr


def test_etat_shows_the_month_the_debtor_has(run, sample):
    folder = sample("particulier")
    r = run("petites-creances", str(folder), "--date", "2026-02-02", "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    r = run("etat", str(folder), "--au", "2026-02-10", "--format", "json")
    steps = {s["action"]: s for s in json.loads(r.stdout)["prochaines_etapes"]}
    # one month from 2 February 2026: 2 March 2026, a Monday (CPC 641)
    assert steps["petites-creances"]["date"] == "2026-03-02"
    assert "fin du délai d'un mois" in steps["petites-creances"]["motif"]
    assert steps["injonction"]["date"] == "2026-03-03"
    # the commissaire's letter received 5 February: the month runs from then, to 5 March
    r = run("noter", str(folder), "petites-creances", "--reception", "2026-02-05", env={"PROCEDURE_AUJOURDHUI": "2026-02-10"})
    assert r.exit_code == 0, r.stderr
    r = run("etat", str(folder), "--au", "2026-02-10", "--format", "json")
    steps = {s["action"]: s for s in json.loads(r.stdout)["prochaines_etapes"]}
    assert steps["petites-creances"]["date"] == "2026-03-05"
    r = run("suivi", str(folder), "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["petites_creances"]["date"] == "2026-03-05"


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000.00"), places=2), st.integers(1, 36))
def test_instalments_add_up_exactly(total, n):
    parts = instalments(total, n)
    assert len(parts) == n and sum(parts) == total
    assert all(p == parts[0] for p in parts[:-1]) and Decimal("0") <= parts[-1] - parts[0] < Decimal("0.01") * n


def test_every_tribunal_has_the_cour_d_appel_of_its_communes():
    """cours-appel.csv agrees with the Ministry's competence list, commune by commune."""
    from importlib import resources

    from procedure.donnees.tribunaux import DATA, cour_appel

    raw = resources.files(DATA).joinpath("competences-communes.csv.gz").read_bytes()
    rows = list(csv.DictReader(io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw)), encoding="utf-8"), delimiter=";"))
    for row in rows:
        found = cour_appel(row["tribunal_judiciaire"])
        assert found is not None, row["tribunal_judiciaire"]
        official = row["cour_appel"].replace("Cour d'Appel", "Cour d'appel").replace("-de-La Réunion", " de La Réunion")
        assert found.nom.lower() == official.lower(), (row["insee"], found.nom, row["cour_appel"])
    assert len({cour_appel(r["tribunal_judiciaire"]).nom for r in rows}) == 37  # 36 cours d'appel + Saint-Pierre


@pytest.mark.parametrize("cp, ville, expected", [("44300", "Nantes", "Cour d'appel de Rennes"),
                                                 ("92000", "Nanterre", "Cour d'appel de Versailles"),
                                                 ("97600", "Mamoudzou", "Cour d'appel de Saint-Denis de La Réunion")])
def test_the_area_is_the_cour_d_appel_of_the_debtors_domicile(cp, ville, expected):
    from helpers import dossier
    from procedure.droit.petites_creances import area
    from procedure.modele import dossier as m
    import dataclasses

    base = dossier()
    debtor = dataclasses.replace(base.debiteur, adresse=m.Address("1 rue A", cp, ville))
    assert area(dataclasses.replace(base, debiteur=debtor)).cour_appel == expected


def test_the_request_is_signed_and_its_mandate_too(run, sample):
    """A letter to a law office ends with its closing formula and a signature; the mandate below it
    (C. com. R444-55) is signed on its own, after « Bon pour mandat »."""
    folder = sample("particulier")
    r = run("petites-creances", str(folder), "--date", "2026-02-01", "--echeancier", "3")
    assert r.exit_code == 0, r.stderr
    pdf = folder / "sortie" / "2026-02-01_DOS-2026-003_petites-creances.pdf"
    for text in (pdf_text(pdf), docx_text(pdf.with_suffix(".docx"))):
        closing = text.index("l'expression de nos salutations distinguées")
        mandate = text.index("Bon pour mandat")
        assert "Jean Leroy" in text[closing:mandate] and "Jean Leroy" in text[mandate:]
        # the claim at 1 February 2026: 2440 + 2440 x 2.62 x 18 / 36500 = 3.15; in 3 instalments
        assert "2 443,15 €" in text and text.count("814,38 €") == 2 and "814,39 €" in text
