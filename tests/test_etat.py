"""The dossier through time: one state that every output agrees on (SPEC §5.1).

A consumer owes a trader 2 000 € due 10 February 2025. The trader sends a relance, an
avertissement and a mise en demeure with the tool, notes the receipt of the registered letter, and
files a requête. At each date, every output tells the same story.

Hand check (consumer debtor, professional creditor: legal rate "autres cas", 3,71 % in 2025-S1;
interest only from the day after the mise en demeure's receipt, C. civ. 1231-6 and 1344):
- at 2025-03-17 (letter sent 15 March, received 18 March): no interest yet, total 2 000,00 €;
- at 2025-04-10: 19 March..10 April = 23 days: 2000 x 3.71 x 23 / 36500 = 4.6756 -> 4.68;
  total 2 004,68 €;
- at 2025-06-30: 19 March..30 June = 13 + 30 + 31 + 30 = 104 days: 2000 x 3.71 x 104 / 36500
  = 21.1419 -> 21.14; total 2 021,14 €.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from readback import docx_text, pdf_text

DOSSIER = """\
reference: ETAT-1
creancier:
  type: professionnel
  nom: Atelier Dupont
  forme_juridique: SARL
  siren: "732829320"
  representant: Marie Dupont, gérante
  adresse: {ligne1: 12 rue des Lilas, code_postal: "69003", ville: Lyon}
debiteur:
  type: particulier
  nom: Durand
  prenom: Lucie
  adresse: {ligne1: 5 rue Victor Hugo, code_postal: "69002", ville: Lyon}
factures:
  - {numero: F-1, date: 2025-01-10, echeance: 2025-02-10, montant_ttc: "2000.00", date_execution: 2025-01-08}
"""
TOTALS = {"2025-03-17": "2000.00", "2025-04-10": "2004.68", "2025-06-30": "2021.14"}
FR = {"2000.00": "2 000,00 €", "2004.68": "2 004,68 €", "2021.14": "2 021,14 €"}


@pytest.fixture(scope="module")
def lived(tmp_path_factory):
    """The dossier after its sequence of steps, all through the command line."""
    from click.testing import CliRunner

    from procedure.cli import main

    folder = tmp_path_factory.mktemp("etat") / "ETAT-1"
    folder.mkdir()
    (folder / "dossier.yaml").write_text(DOSSIER, encoding="utf-8")

    def run(*args):
        runner = CliRunner()
        with runner.isolation(env={"PROCEDURE_AUJOURDHUI": "2025-07-01"}) as (out, err, *_):
            try:
                main([str(a) for a in args])
                code = 0
            except SystemExit as exc:
                code = exc.code
        return code, out.getvalue().decode().replace("\xa0", " "), err.getvalue().decode().replace("\xa0", " ")

    yaml_before = (folder / "dossier.yaml").read_bytes()
    for step in (("relance", "--date", "2025-02-20"), ("avertissement", "--date", "2025-03-05"),
                 ("mise-en-demeure", "--date", "2025-03-15")):
        code, _, err = run(step[0], folder, *step[1:], "--format", "pdf,docx")
        assert code == 0, err
    code, out, err = run("noter", folder, "mise-en-demeure", "--reception", "2025-03-18", "--lrar", "1A 123 456 7890 1")
    assert code == 0, err
    assert "mise en demeure du 15 mars 2025 inscrite au journal" in out and "reçue le 18 mars 2025" in out
    code, _, err = run("injonction", folder, "--date", "2025-04-10")
    assert code == 0, err
    assert (folder / "dossier.yaml").read_bytes() == yaml_before  # the user's file is never rewritten
    return folder, run


@pytest.mark.parametrize("au", list(TOTALS))
def test_every_output_gives_the_same_total_at_the_same_date(lived, au):
    folder, run = lived
    total = TOTALS[au]
    code, out, err = run("decompte", folder, "--au", au)
    assert code == 0, err
    assert json.loads(out)["total"] == total
    code, out, _ = run("decompte", folder, "--au", au, "--format", "csv", "--sortie", folder / f"csv-{au}")
    csv_text = (folder / f"csv-{au}" / f"{au}_ETAT-1_decompte.csv").read_text(encoding="utf-8-sig")
    assert total.replace(".", ",") in csv_text
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        code, out, err = run("decompte", folder, "--au", au, "--format", fmt, "--sortie", folder / f"doc-{au}")
        assert code == 0, err
        assert FR[total] in read(folder / f"doc-{au}" / f"{au}_ETAT-1_decompte.{fmt}")
    code, out, _ = run("etat", folder, "--au", au, "--format", "json")
    assert json.loads(out)["decompte"]["total"] == total


LETTERS = {"relance": ("2025-02-20", ()),
           "avertissement": ("2025-03-05", ("relance du 20 février 2025",)),
           "mise-en-demeure": ("2025-03-15", ("relance du 20 février 2025", "lettre d'avertissement du 5 mars 2025"))}


@pytest.mark.parametrize("kind", list(LETTERS))
def test_each_letter_claims_the_decompte_of_its_date_and_cites_the_earlier_steps(lived, kind):
    folder, run = lived
    when, cited = LETTERS[kind]
    code, out, err = run("decompte", folder, "--au", when)
    assert code == 0, err
    total = json.loads(out)["total"]
    assert total == "2000.00"  # consumer: no interest before the notice's receipt, no 40 € indemnity
    for ext, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(folder / "sortie" / f"{when}_ETAT-1_{kind}.{ext}")
        assert FR[total] in text
        for step in cited:
            assert step in text


def test_the_bordereau_lists_the_letters_of_the_history_at_their_dates(lived):
    folder, _ = lived
    for ext, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(folder / "sortie" / f"2025-04-10_ETAT-1_bordereau.{ext}")
        assert ("1 Lettre de relance du 20 février 2025 20 février 2025 1 "
                "2 Lettre d'avertissement du 5 mars 2025 5 mars 2025 1 "
                "3 Mise en demeure du 15 mars 2025 15 mars 2025 2") in text


def test_the_requete_claims_the_total_of_its_date_and_cites_the_noted_receipt(lived):
    folder, _ = lived
    for ext, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(folder / "sortie" / f"2025-04-10_ETAT-1_requete-injonction.{ext}")
        assert FR["2004.68"] in text
        assert "Mise en demeure du 15 mars 2025, reçue le 18 mars 2025 (lettre recommandée n° 1A 123 456 7890 1)" in text
        assert "Relance du 20 février 2025" in text and "Lettre d'avertissement du 5 mars 2025" in text


def test_history_is_dossier_and_journal_merged_oldest_first(lived):
    folder, run = lived
    _, out, _ = run("etat", folder, "--au", "2025-06-30", "--format", "json")
    info = json.loads(out)
    assert [(h["date"], h["action"]) for h in info["historique"]] == [
        ("2025-02-20", "relance"), ("2025-03-05", "avertissement"), ("2025-03-15", "mise-en-demeure"),
        ("2025-04-10", "requete")]
    med = info["historique"][2]
    assert med["date_reception"] == "2025-03-18" and med["lrar"] == "1A 123 456 7890 1"
    assert info["etape"] == "requete"
    # the same dossier seen on 17 March: the letter was sent, its receipt not yet known
    _, out, _ = run("etat", folder, "--au", "2025-03-17", "--format", "json")
    early = json.loads(out)
    assert [h["action"] for h in early["historique"]] == ["relance", "avertissement", "mise-en-demeure"]
    assert "date_reception" not in early["historique"][2]


def test_verifier_knows_the_mise_en_demeure_of_the_journal(lived):
    folder, run = lived
    code, out, _ = run("verifier", folder, "--au", "2025-06-30")
    assert code == 0
    assert "aucune n'est inscrite" not in out


def test_a_document_never_cites_an_event_after_its_date(lived, tmp_path):
    folder, run = lived
    copy = tmp_path / "copie"
    shutil.copytree(folder, copy)
    # a requête dated 17 March (before the receipt on the 18th) does not say the letter was received
    code, _, err = run("injonction", copy, "--date", "2025-03-17", "--format", "pdf,docx", "--sortie", copy / "avant")
    assert code == 0, err
    for ext, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(copy / "avant" / f"2025-03-17_ETAT-1_requete-injonction.{ext}")
        assert "Mise en demeure du 15 mars 2025" in text and "reçue le 18 mars" not in text
        assert FR["2000.00"] in text  # no interest before the receipt
        assert "10 avril 2025" not in text  # nor the requête of 10 April


def test_a_copied_dossier_gives_the_same_outputs(lived, tmp_path):
    """SPEC §5.1: the journal keeps paths relative to the dossier. The original is moved away after
    the copy, so that a path pointing back to it could not be followed."""
    folder, run = lived
    original = tmp_path / "a" / "ETAT-1"
    shutil.copytree(folder, original)
    copy = tmp_path / "ailleurs" / "ETAT-1"
    shutil.copytree(original, copy)
    original.rename(tmp_path / "a" / "parti")
    original = tmp_path / "a" / "parti"
    outputs = {}
    for where in (original, copy):
        got = []
        for args in (("etat", where, "--au", "2025-06-30", "--format", "json"), ("etat", where, "--au", "2025-06-30"),
                     ("decompte", where, "--au", "2025-06-30"), ("verifier", where, "--au", "2025-06-30")):
            code, out, err = run(*args)
            assert code == 0, err
            got.append(out.replace(str(where), "DOSSIER"))
        code, _, err = run("injonction", where, "--date", "2025-06-30", "--format", "pdf,docx", "--sortie", where / "re")
        assert code == 0, err
        got += [pdf_text(where / "re" / "2025-06-30_ETAT-1_requete-injonction.pdf"),
                docx_text(where / "re" / "2025-06-30_ETAT-1_requete-injonction.docx"),
                pdf_text(where / "re" / "2025-06-30_ETAT-1_bordereau.pdf"),
                pdf_text(where / "re" / "2025-06-30_ETAT-1_pieces.pdf")]
        outputs[where] = got
    assert outputs[original] == outputs[copy]
    assert json.loads(outputs[copy][0])["decompte"]["total"] == TOTALS["2025-06-30"]


def test_a_letter_lower_on_the_ladder_is_produced_with_a_warning(lived, tmp_path):
    folder, run = lived
    copy = tmp_path / "copie"
    shutil.copytree(folder, copy)
    code, _, err = run("relance", copy, "--date", "2025-05-02", "--format", "pdf")
    assert code == 0
    assert "relance produite alors que « requête en injonction de payer » a déjà eu lieu le 10 avril 2025" in err


@pytest.mark.parametrize("args, message", [
    (("mise-en-demeure", "--date", "2025-03-15", "--reception", "2025-03-10"),
     "la réception (le 10 mars 2025) précède l'envoi (le 15 mars 2025)"),
    (("ordonnance", "--date", "2025-04-01"),
     "ordonnance d'injonction de payer du 1er avril 2025 antérieure à « requête en injonction de payer » du "
     "10 avril 2025"),
    (("signification", "--date", "2025-05-01"),
     "signification de l'ordonnance du 1er mai 2025 sans « ordonnance d'injonction de payer » inscrite"),
    (("ordonnance", "--date", "2025-08-01"), "date future"),
    (("paiement", "--date", "2025-05-01"), "action inconnue « paiement »"),
    (("signification", "--pas-a-personne"), "--pas-a-personne ne s'emploie qu'avec l'action « signification »"),
])
def test_noter_refuses_an_impossible_chronology(lived, tmp_path, args, message):
    folder, run = lived
    copy = tmp_path / "copie"
    shutil.copytree(folder, copy)
    before = (copy / "journal.yaml").read_bytes()
    if args == ("signification", "--pas-a-personne"):
        run("noter", copy, "ordonnance", "--date", "2025-05-20", "--numero", "RG 25/123")
        before = (copy / "journal.yaml").read_bytes()
        args = ("ordonnance", "--date", "2025-05-25", "--pas-a-personne")
        message = "--pas-a-personne ne s'emploie qu'avec l'action « signification »"
    code, _, err = run("noter", copy, *args)
    assert code == 2, err
    assert message in err
    assert "Traceback" not in err
    assert (copy / "journal.yaml").read_bytes() == before  # nothing recorded


def test_an_ordonnance_and_its_signification_feed_suivi_and_etat(lived, tmp_path):
    folder, run = lived
    copy = tmp_path / "copie"
    shutil.copytree(folder, copy)
    scan = tmp_path / "ordonnance.pdf"
    shutil.copy(next((copy / "sortie").glob("*_requete-injonction.pdf")), scan)
    code, out, err = run("noter", copy, "ordonnance", "--date", "2025-05-20", "--numero", "RG 25/123",
                         "--fichier", scan, "--frais", "35.50")
    assert code == 0, err
    assert "numéro : RG 25/123" in out and "frais : 35,50 €" in out
    (proof,) = (copy / "pieces" / "journal").iterdir()  # the title is copied into the dossier
    assert proof.read_bytes() == scan.read_bytes()
    code, out, err = run("noter", copy, "signification", "--date", "2025-06-02", "--pas-a-personne")
    assert code == 0, err
    code, out, _ = run("suivi", copy, "--format", "json")
    info = json.loads(out)
    assert info["ordonnance"] == "2025-05-20" and info["numero"] == "RG 25/123"
    assert info["signification"] == "2025-06-02"
    ends = {e["cle"]: e["date"] for e in info["echeances"]}
    code, out, _ = run("suivi", copy)
    assert "régime des ordonnances rendues du 1er mars 2022 au 31 août 2026" in out, out
    assert "(six mois, sinon non avenue)) : fait, signifiée le 2 juin 2025" in out, out
    assert ends["opposition_jusqu_au"] == "2025-07-02"  # one month from service (CPC 1416)
    code, out, _ = run("etat", copy, "--au", "2025-06-30", "--format", "json")
    steps = {s["action"]: s["date"] for s in json.loads(out)["prochaines_etapes"]}
    assert steps["fin-opposition"] == "2025-07-02" and "signifier-avant" not in steps
    # in words, a deadline already past at --au says so
    code, out, _ = run("etat", copy, "--au", "2025-07-10")
    assert "2 juillet 2025 (échu) — fin du délai d'opposition" in out, out
    code, out, _ = run("etat", copy, "--au", "2025-06-30")
    assert "2 juillet 2025 — fin du délai d'opposition" in out, out
    # the same event noted twice is refused
    code, _, err = run("noter", copy, "signification", "--date", "2025-06-02", "--pas-a-personne")
    assert code == 2 and "déjà inscrit" in err


def test_overpaid_dossier_gets_no_letter_and_shows_the_credit(write_dossier, run):
    text = DOSSIER.replace("date_execution: 2025-01-08}", "date_execution: 2025-01-08}\npaiements:\n"
                           "  - {date: 2025-03-01, montant: \"2050.00\", facture: F-1}")
    folder = write_dossier(text)
    r = run("etat", str(folder), "--au", "2025-06-30", "--format", "json")
    assert json.loads(r.stdout)["decompte"]["credit"] == "50.00"  # consumer: no indemnity, 2050 - 2000
    r = run("etat", str(folder), "--au", "2025-06-30")
    assert "Trop-perçu en faveur du débiteur : 50,00\xa0€" in r.stdout
    for command in ("relance", "avertissement", "mise-en-demeure", "injonction"):
        r = run(command, str(folder), "--date", "2025-06-30")
        assert r.exit_code == 2 and "créditeur de 50,00\xa0€" in r.stderr, (command, r.stderr)
    for command in ("petites-creances", "commissaire"):
        r = run(command, str(folder), "--date", "2025-06-30")
        assert r.exit_code == 2 and "rien n'est dû" in r.stderr, (command, r.stderr)
    assert not (folder / "sortie").exists() and not (folder / "journal.yaml").exists()


def test_a_public_buyers_mise_en_demeure_announces_the_administrative_judge(sample, run):
    folder = sample("acheteur-public")
    r = run("mise-en-demeure", str(folder), "--date", "2026-06-30")
    assert r.exit_code == 0, r.stderr
    for ext, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(folder / "sortie" / f"2026-06-30_DOS-2025-021_mise-en-demeure.{ext}")
        assert "juge des référés du tribunal administratif" in text
        assert "article R541-1 du code de justice administrative" in text
        assert "injonction de payer" not in text


def test_a_requete_after_a_noted_ordonnance_is_refused_and_the_dossier_stays_usable(write_dossier, run):
    """An ordonnance noted first (its requête filed by hand), then a requête produced with a later
    date: the ordonnance would be dated before what it relies on. Refused, nothing written."""
    folder = write_dossier(DOSSIER)
    env = {"PROCEDURE_AUJOURDHUI": "2025-07-01"}
    assert run("noter", str(folder), "mise-en-demeure", "--date", "2025-03-15", env=env).exit_code == 0
    assert run("noter", str(folder), "ordonnance", "--date", "2025-05-20", "--numero", "RG 25/1", env=env).exit_code == 0
    journal_before = (folder / "journal.yaml").read_bytes()
    r = run("injonction", str(folder), "--date", "2025-06-10", "--format", "pdf", env=env)
    assert r.exit_code == 2, r.stderr
    assert "20 mai 2025" in r.stderr and "10 juin 2025" in r.stderr
    assert (folder / "journal.yaml").read_bytes() == journal_before
    assert not (folder / "sortie").exists() or not list((folder / "sortie").iterdir())
    assert run("etat", str(folder), "--au", "2025-06-30", env=env).exit_code == 0


def test_a_receipt_before_the_sending_in_dossier_yaml_names_both_dates(write_dossier, run):
    folder = write_dossier(DOSSIER + "historique:\n  - {date: 2025-03-15, action: mise-en-demeure, "
                                     "date_reception: 2025-03-10}\n")
    r = run("verifier", str(folder))
    assert r.exit_code == 2
    assert "la réception (le 10 mars 2025) précède l'envoi (le 15 mars 2025)" in r.stderr.replace("\xa0", " ")


def test_noter_help_lists_the_one_vocabulary(run):
    from procedure.modele.actions import Action

    r = run("noter", "--help")
    assert r.exit_code == 0
    listed = re.split(r"ACTION\s:", r.stdout)[1].split(".")[0]  # (a no-break space before the colon)
    assert [a.strip() for a in " ".join(listed.split()).split(",")] == [str(a) for a in Action]


def test_a_proof_already_inside_the_dossier_is_recorded_where_it_is(write_dossier, run):
    folder = write_dossier(DOSSIER)
    (folder / "pieces").mkdir()
    (folder / "pieces" / "ar.pdf").write_bytes(b"%PDF-1.4 avis de reception")
    r = run("noter", str(folder), "mise-en-demeure", "--date", "2025-03-15", "--reception", "2025-03-18",
            "--fichier", str(folder / "pieces" / "ar.pdf"), "--note", "AR signé", env={"PROCEDURE_AUJOURDHUI": "2025-07-01"})
    assert r.exit_code == 0, r.stderr
    assert "pièce : pieces/ar.pdf" in r.stdout
    assert not (folder / "pieces" / "journal").exists()  # not copied
    journal_text = (folder / "journal.yaml").read_text(encoding="utf-8")
    assert "chemin: pieces/ar.pdf" in journal_text and str(folder) not in journal_text
    assert "note: AR signé" in journal_text


def test_noting_a_letter_lower_on_the_ladder_warns_too(lived, tmp_path):
    folder, run = lived
    copy = tmp_path / "copie"
    shutil.copytree(folder, copy)
    code, out, err = run("noter", copy, "relance", "--date", "2025-05-02")
    assert code == 0, err
    assert "relance du 2 mai 2025 inscrite au journal" in out
    assert ("relance inscrite alors que « requête en injonction de payer » a déjà eu lieu le 10 avril 2025" in err)
    # a relance dated before the mise en demeure (noted late) is in its place: no warning
    code, _, err = run("noter", copy, "relance", "--date", "2025-03-01")
    assert code == 0 and "avertissement" not in err
