"""The parties in the documents: an entrepreneur individuel (a natural person with a professional
regime) on either side, a creditor represented by its lawyer; read back from PDF and DOCX."""

from __future__ import annotations

import shutil

import pytest

from conftest import SAMPLES
from readback import docx_text, pdf_text

DATE = "2026-06-30"


@pytest.fixture(scope="module")
def entrepreneur(tmp_path_factory):
    """The fourth sample: an EI creditor, represented by its lawyer, against an EI debtor."""
    from click.testing import CliRunner

    from procedure.cli import cli

    folder = tmp_path_factory.mktemp("ei") / "entrepreneur"
    shutil.copytree(SAMPLES / "entrepreneur", folder, ignore=shutil.ignore_patterns("sortie", "journal.yaml"))
    runner = CliRunner()
    for args in (["relance", "--date", "2025-12-01", "--format", "pdf,docx,eml"],
                 ["mise-en-demeure", "--date", "2026-01-20", "--lrar", "1A 234 567 8901 2"],
                 ["injonction", "--date", DATE], ["decompte", "--au", DATE, "--format", "pdf"]):
        r = runner.invoke(cli, [args[0], str(folder), *args[1:]])
        assert r.exit_code == 0, r.output
    return {p.name.split("_", 2)[2]: p for p in (folder / "sortie").iterdir()}


def both(files: dict, kind: str) -> list[tuple[str, str]]:
    return [(ext, pdf_text(files[f"{kind}.{ext}"]) if ext == "pdf" else docx_text(files[f"{kind}.{ext}"]))
            for ext in ("pdf", "docx") if f"{kind}.{ext}" in files]


def test_requete_identifies_entrepreneurs_as_persons_with_their_siren(entrepreneur):
    for ext, text in both(entrepreneur, "requete-injonction"):
        # CPC 1407: names, profession, birth, nationality, domicile; the SIREN and « EI » besides
        for fact in ("MOREAU Jean", "Entrepreneur individuel (EI) — SIREN 812 345 676", "Profession : menuisier",
                     "Né(e) le 12 avril 1978 à Villeurbanne (Rhône)", "Nationalité : française",
                     "Demeurant : 4 chemin des Vignes, 69390 Vourles",
                     "GARNIER Lucie", "Entrepreneur individuel (EI) — SIREN 841 234 560", "Profession : restauratrice",
                     "Demeurant : 5 rue Mercière, 69002 Lyon"):
            assert fact in text, f"{ext}: {fact!r} absent"
        assert "Siège social" not in text and "représentant légal" not in text and "Représentée" not in text, ext
        assert "[à compléter" not in text, ext
        # the professional regime stays (C. com. L441-10, D441-5): natural persons, but professionals
        assert "L441-10 II" in text and "40,00 € × 2" in text, ext


def test_requete_is_presented_and_signed_by_the_lawyer(entrepreneur):
    for ext, text in both(entrepreneur, "requete-injonction"):
        assert ("Requête présentée par Maître Claire Vasseur, avocat au barreau de Lyon (toque 1234), "
                "20 quai Romain Rolland, 69005 Lyon, pour le compte de Jean Moreau.") in text, ext
        assert "Maître Claire Vasseur Avocat au barreau de Lyon" in text, ext
        assert "Pièces : 5 pièces, énumérées au bordereau joint" in text, ext
    for ext, text in both(entrepreneur, "bordereau"):
        assert "Avocat du demandeur : Maître Claire Vasseur, avocat au barreau de Lyon" in text, ext
        assert "Maître Claire Vasseur Avocat au barreau de Lyon" in text, ext
        assert "5 pièces" in text and "(s)" not in text, ext


@pytest.mark.parametrize("kind", ["relance", "mise-en-demeure"])
def test_the_lawyer_writes_for_the_creditor(entrepreneur, kind):
    for ext, text in both(entrepreneur, kind):
        # the letterhead is the lawyer's; the creditor is named in the body
        assert "Maître Claire Vasseur Avocat au barreau de Lyon 20 quai Romain Rolland" in text, ext
        assert "Toque 1234" in text and "cabinet@vasseur-avocat.fr" in text, ext
        assert ("Agissant au nom et pour le compte de Jean Moreau EI (SIREN 812 345 676), dont je suis le conseil"
                in text), ext
        assert "Affaire : Jean Moreau c/ Lucie Garnier" in text, ext
        assert "mes salutations distinguées" in text and "nos salutations" not in text, ext
        assert " nous " not in text and "notre" not in text.lower(), ext
        assert text.count("Maître Claire Vasseur Avocat au barreau de Lyon") >= 2, ext  # letterhead and signature
        assert "À l'attention" not in text and "Pour Jean Moreau" not in text, ext
    if kind == "mise-en-demeure":
        for ext, text in both(entrepreneur, kind):
            assert "Je vous mets en demeure" in text and "de régler à Jean Moreau la somme de" in text, ext
            assert "malgré la relance du 1er décembre 2025" in text and "je saisirai" in text, ext


def test_the_lawyer_sends_the_email(entrepreneur):
    import email

    msg = email.message_from_bytes(entrepreneur["relance.eml"].read_bytes(), policy=email.policy.default)
    assert "cabinet@vasseur-avocat.fr" in msg["From"] and "Vasseur" in msg["From"]


def test_decompte_describes_persons_without_a_seat(entrepreneur):
    text = pdf_text(entrepreneur["decompte.pdf"])
    assert ("Créancier : Jean Moreau, entrepreneur individuel (EI), menuisier, SIREN 812 345 676, demeurant "
            "4 chemin des Vignes, 69390 Vourles") in text
    assert "Débiteur : Lucie Garnier, entrepreneur individuel (EI), restauratrice, SIREN 841 234 560" in text
    assert "siège" not in text


EI_ALONE = """\
reference: EI-1
creancier:
  type: professionnel
  personne: physique
  prenom: Paul
  nom: Roux
  representant: Paul Roux, gérant
  signataire: Quelqu'un d'autre
  adresse: {ligne1: 1 rue A, code_postal: "69003", ville: Lyon}
  iban: FR7630001007941234567890185
debiteur:
  type: professionnel
  personne: physique
  prenom: Anne
  nom: Petit
  representant: Anne Petit, gérante
  siren: "552100554"
  adresse: {ligne1: 2 rue B, code_postal: "69002", ville: Lyon}
factures:
  - numero: F1
    date: 2025-03-01
    echeance: 2025-03-31
    montant_ttc: "1000.00"
historique:
  - date: 2025-05-02
    action: mise-en-demeure
"""


def test_an_entrepreneur_signs_himself_and_is_asked_for_his_identity(run, write_dossier):
    folder = write_dossier(EI_ALONE)
    r = run("mise-en-demeure", str(folder), "--date", "2025-06-30")
    assert r.exit_code == 0, r.stderr
    for path in (folder / "sortie").iterdir():
        text = pdf_text(path) if path.suffix == ".pdf" else docx_text(path)
        assert "Paul Roux EI 1 rue A" in text, path.name  # C. com. R526-26
        # no « À l'attention de » a representative, no « Pour X »: the persons themselves
        assert "À l'attention" not in text and "Pour Paul Roux" not in text and "Quelqu'un" not in text, path.name
        assert "Paul Roux Entrepreneur individuel (EI)" in text, path.name  # the signature
        assert "L441-10 II" in text and "40,00 €" in text, path.name
    r = run("injonction", str(folder), "--date", "2025-09-01", "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    for missing in ("creancier.date_naissance", "creancier.lieu_naissance", "creancier.nationalite",
                    "creancier.profession", "creancier.siren"):
        assert missing in r.stderr
    assert "debiteur." not in r.stderr
    text = pdf_text(next((folder / "sortie").glob("*requete-injonction.pdf")))
    assert "ROUX Paul Entrepreneur individuel (EI) — SIREN [à compléter : SIREN]" in text
    assert "PETIT Anne Entrepreneur individuel (EI) — SIREN 552 100 554 Demeurant : 2 rue B, 69002 Lyon" in text
    assert "Siège social" not in text and "représentant légal" not in text
    assert "Paul Roux Entrepreneur individuel (EI)" in text


COMPANY_WITH_LAWYER = """\
avocat:
  prenom: Marc
  nom: Olivier
  barreau: Aix-en-Provence
  adresse: {ligne1: 3 cours Mirabeau, code_postal: "13100", ville: Aix-en-Provence}
"""


def test_a_company_represented_by_its_lawyer(run, sample):
    folder = sample("commercant")
    yml = folder / "dossier.yaml"
    yml.write_text(yml.read_text(encoding="utf-8") + COMPANY_WITH_LAWYER, encoding="utf-8")
    r = run("mise-en-demeure", str(folder), "--date", "2025-07-15")
    assert r.exit_code == 0, r.stderr
    for path in (folder / "sortie").iterdir():
        text = pdf_text(path) if path.suffix == ".pdf" else docx_text(path)
        assert "Aix-en-Provence, le 15 juillet 2025" in text, path.name
        assert ("Agissant au nom et pour le compte d'Atelier Dupont SARL (SIREN 732 829 320), dont je suis le conseil"
                in text), path.name
        assert "Maître Marc Olivier Avocat au barreau d'Aix-en-Provence" in text, path.name
        assert "Pour Atelier Dupont SARL" not in text and "Marie Dupont" not in text, path.name
        # the debtor company is still addressed through its representative
        assert "À l'attention de Paul Martin, président" in text, path.name


def test_company_signature_is_for_the_company():
    from procedure.contexte.commun import signatory
    from procedure.api.dossier import load

    d = load(SAMPLES / "commercant")
    assert signatory(d) == {"pour": "Pour Atelier Dupont SARL", "nom": "Marie Dupont", "qualite": "gérante"}


def test_a_consumer_creditor_signs_himself():
    from procedure.contexte.commun import party_block, signature
    from procedure.modele.dossier import Address, Party

    p = Party("particulier", "Martin", Address("1 rue A", "69003", "Lyon"), prenom="Claire",
              representant="Paul Martin, curateur", signataire="Paul Martin")
    assert signature(p) == {"pour": "", "nom": "Claire Martin", "qualite": ""}
    assert party_block(p)["attention"] == ""


def test_a_registered_letters_number_is_never_cut(entrepreneur):
    """« n° 1A 234 567 8901 2 » on one line: no-break spaces in the requête's démarches and the letter's mention."""
    from docx import Document

    for kind in ("requete-injonction", "mise-en-demeure"):
        xml = "".join(p.text for p in Document(str(entrepreneur[f"{kind}.docx"])).paragraphs)
        assert "n°\u00a01A\u00a0234\u00a0567\u00a08901\u00a02" in xml, kind
