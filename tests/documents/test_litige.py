"""A contested invoice (``statut`` 207, 208, 210) and one already paid (211, 212): what verifier and
etat say, what the requête and the petites créances refuse (and ``--litige-examine``), what the
letters warn about or refuse."""

from __future__ import annotations

import pytest

from conftest import MINIMAL
from readback import docx_text

WHEN = "2025-09-01"
# one invoice of 1 000 € contested, one of 500 € whose status the user sets per test
DOSSIER = MINIMAL.replace('montant_ttc: "10000.00"', 'montant_ttc: "1000.00"\n    statut: "207"') + (
    "  - {numero: F2, date: 2025-03-01, echeance: 2025-03-31, montant_ttc: \"500.00\", statut: \"{second}\"}\n")


@pytest.fixture
def contested(write_dossier):
    def _write(second: str = "205", extra: str = ""):
        return write_dossier(DOSSIER.replace("{second}", second) + extra)
    return _write


def outputs(folder):
    return sorted(p.name for p in (folder / "sortie").iterdir()) if (folder / "sortie").exists() else []


def test_verifier_warns_for_each_contested_invoice_and_says_what_it_means(run, contested):
    r = run("verifier", str(contested("210")), "--au", WHEN)
    assert r.exit_code == 0, r.stderr
    lines = [ln for ln in r.stdout.splitlines() if "en litige" in ln or "refusée" in ln]
    assert len(lines) == 2, r.stdout
    assert lines[0].startswith("avertissement : facture F1 : statut 207 « en litige » (le débiteur conteste la facture")
    assert lines[1].startswith("avertissement : facture F2 : statut 210 « refusée » (l'acheteur a refusé la facture")
    for line in lines:
        assert "pas de requête en injonction de payer ni de demande de petites créances sans examen du litige" in line
        assert "--litige-examine" in line


def test_etat_lists_the_dispute_among_its_warnings(run, contested):
    folder = contested()
    r = run("etat", str(folder), "--au", WHEN)
    assert r.exit_code == 0, r.stderr
    assert "avertissement : facture F1 : statut 207 « en litige »" in r.stderr
    assert "F2" not in r.stderr  # 205 « approuvée »: nothing to say
    r = run("etat", str(folder), "--au", WHEN, "--format", "json")
    assert any("F1 : statut 207" in w for w in __import__("json").loads(r.stdout)["avertissements"])


def test_injonction_refuses_a_contested_claim_and_says_how_to_go_on(run, contested):
    folder = contested("208")
    r = run("injonction", str(folder), "--date", WHEN, "--format", "docx")
    assert r.exit_code == 2, r.stdout
    assert "Traceback" not in r.stderr
    for fragment in ("créance contestée, pas de requête en injonction de payer sans examen du litige",
                     "factures F1 (statut 207 « en litige »", "F2 (statut 208 « suspendue »",
                     f"« procedure injonction {folder} --litige-examine »"):
        assert fragment in r.stderr, r.stderr
    assert outputs(folder) == [] and not (folder / "journal.yaml").exists()


def test_litige_examine_files_the_requete_with_a_warning(run, contested):
    folder = contested()
    r = run("injonction", str(folder), "--date", WHEN, "--format", "docx", "--litige-examine")
    assert r.exit_code == 0, r.stderr
    assert "avertissement : requête en injonction de payer produite malgré le litige (--litige-examine) sur : " \
           "F1 (statut 207 « en litige »" in r.stderr
    assert "CPC, art. 1409" in r.stderr
    assert f"{WHEN}_T-1_requete-injonction.docx" in outputs(folder)
    assert "--litige-examine" in run("injonction", "--help").stdout


def test_petites_creances_refuses_a_contested_claim_unless_examined(run, contested):
    folder = contested()
    r = run("petites-creances", str(folder), "--date", WHEN, "--format", "docx")
    assert r.exit_code == 2, r.stdout
    assert "pas de demande de recouvrement simplifié des petites créances sans examen du litige" in r.stderr
    assert f"« procedure petites-creances {folder} --litige-examine »" in r.stderr
    assert outputs(folder) == []
    r = run("petites-creances", str(folder), "--date", WHEN, "--format", "docx", "--litige-examine")
    assert r.exit_code == 0, r.stderr
    assert "produite malgré le litige" in r.stderr and "CPCE, art. L125-1" in r.stderr


@pytest.mark.parametrize("letter", ["relance", "mise-en-demeure"])
def test_a_letter_is_produced_on_a_contested_claim_with_a_warning(run, contested, letter):
    folder = contested()
    r = run(letter, str(folder), "--date", WHEN, "--format", "docx")
    assert r.exit_code == 0, r.stderr
    assert "avertissement : facture F1 : statut 207 « en litige » (le débiteur conteste la facture, la créance est " \
           "contestée) : lettre produite ; répondez à la contestation" in r.stderr
    assert f"{WHEN}_T-1_{letter}.docx" in outputs(folder)
    assert "1 000,00" in docx_text(folder / "sortie" / f"{WHEN}_T-1_{letter}.docx")  # the contested invoice is claimed


@pytest.mark.parametrize("command", ["relance", "avertissement", "mise-en-demeure", "injonction"])
@pytest.mark.parametrize("status, label", [("211", "paiement transmis"), ("212", "encaissée")])
def test_an_invoice_paid_by_its_status_but_claimed_is_refused(run, contested, command, status, label):
    folder = contested(status)
    r = run(command, str(folder), "--date", WHEN, "--format", "docx", "--litige-examine"
            ) if command == "injonction" else run(command, str(folder), "--date", WHEN, "--format", "docx")
    assert r.exit_code == 2, r.stdout
    assert "rien à réclamer sur une facture payée ou non reçue" in r.stderr
    assert f"facture F2 : statut {status} « {label} »" in r.stderr
    assert "(0,00\u00a0€ payés sur 500,00\u00a0€ au 2025-09-01)" in r.stderr and "« paiements »" in r.stderr
    assert outputs(folder) == []


def test_once_its_payment_is_recorded_an_encaissee_invoice_stops_nothing(run, contested):
    """Paid two days late: 500 € on 2 April. Its status agrees with the dossier; the interest and the
    40 € indemnity that remain on it are still claimed (C. com. L441-10)."""
    folder = contested("212", 'paiements:\n  - {date: 2025-04-02, montant: "500.00", facture: F2}\n')
    assert "F2" not in run("verifier", str(folder), "--au", WHEN).stdout
    r = run("relance", str(folder), "--date", WHEN, "--format", "docx")
    assert r.exit_code == 0, r.stderr
