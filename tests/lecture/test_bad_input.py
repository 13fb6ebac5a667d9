"""Each kind of bad input: a French message naming the file, the field and the line; exit 2;
no traceback; nothing written."""

import pytest

from conftest import MINIMAL


def replace(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new)


JURIDICTION = ("juridiction:\n  nom: Tribunal de commerce de Bobigny\n"
               "  adresse:\n    ligne1: 1 rue A\n    code_postal: \"93000\"\n    ville: Bobigny\n")

BAD = [
    # (dossier text, expected fragments of the message)
    ("reference: [unclosed\n", ["syntaxe YAML invalide", "ligne"]),
    ("a: b\n\tc: d\n", ["syntaxe YAML invalide"]),
    ("", ["le fichier est vide"]),
    ("# only a comment\n", ["le fichier est vide"]),
    ("- a\n- b\n", ["attendu une table", "trouvé une liste"]),
    ("juste du texte\n", ["attendu une table"]),
    (replace("reference: T-1\n", ""), ["reference", "champ obligatoire manquant"]),
    (replace("  nom: Débiteur SAS\n", ""), ["debiteur.nom", "champ obligatoire manquant"]),
    (replace("reference: T-1", "reference: T-1\nreferance: x"), ["referance", "clé inconnue", "reference"]),
    (replace("    montant_ttc: \"10000.00\"", "    montant_ttc: \"-5.00\""), ["factures[1].montant_ttc", "négatif", "ligne 14"]),
    (replace("    montant_ttc: \"10000.00\"", "    montant_ttc: 10.005"), ["plus de deux décimales"]),
    (replace("    montant_ttc: \"10000.00\"", "    montant_ttc: dix mille"), ["n'est pas un montant"]),
    (replace("    montant_ttc: \"10000.00\"", "    montant_ttc: 0"), ["montant nul"]),
    (replace("    date: 2025-03-01", "    date: 2025-02-30"), ["factures[1].date", "date impossible"]),
    (replace("    date: 2025-03-01", "    date: 01/03/2025"), ["AAAA-MM-JJ"]),
    (replace("    echeance: 2025-03-31", "    echeance: 2025-02-01"), ["factures[1].echeance", "précède"]),
    (MINIMAL + "  - numero: F1\n    date: 2025-03-01\n    echeance: 2025-03-31\n    montant_ttc: 1\n",
     ["factures[2].numero", "en double", "ligne 15"]),
    (MINIMAL + "paiements:\n  - date: 2025-04-01\n    montant: 10\n    facture: F9\n",
     ["paiements[1].facture", "F9"]),
    (MINIMAL + "penalites:\n  regime: contractuel\n", ["penalites.taux", "contractuel"]),
    (MINIMAL + "penalites:\n  regime: legale\n", ["penalites.regime", "vouliez-vous dire « legal »"]),
    (replace("  nom: Créancier SARL", "  nom: Créancier SARL\n  siren: \"732829321\""), ["SIREN", "clé de contrôle"]),
    (replace("  nom: Créancier SARL", "  nom: Créancier SARL\n  iban: FR7630006000011234567890188"), ["IBAN"]),
    (replace("  type: professionnel\n  nom: Débiteur", "  type: entreprise\n  nom: Débiteur"), ["debiteur.type"]),
    (replace("factures:", "factures: []\nx_factures:"), ["factures", "vide"]),
    (replace("reference: T-1", "reference: T-1\nreference: T-2"), ["clé en double"]),
    (MINIMAL + "historique:\n  - date: 2025-05-02\n    action: mise-en-demeure\n    date_reception: 2025-05-01\n",
     ["date_reception", "précède"]),
    (MINIMAL + "    date_execution: 2025-02-30\n", ["factures[1].date_execution", "date impossible", "ligne 15"]),
    (MINIMAL + "    date_execution: fin mars\n", ["factures[1].date_execution", "AAAA-MM-JJ"]),
    # juridiction: a name or {nom, adresse: {ligne1, ligne2, code_postal, ville}}, strictly
    (MINIMAL + "juridiction: [Tribunal A, Tribunal B]\n", ["juridiction", "une table {nom, adresse", "trouvé une liste"]),
    (MINIMAL + JURIDICTION.replace("  adresse:", "  adress:"), ["juridiction.adress", "clé inconnue", "« adresse »"]),
    (MINIMAL + JURIDICTION.replace("  adresse:", "  adress:"), ["juridiction.adresse", "champ obligatoire manquant"]),
    (MINIMAL + JURIDICTION.replace("    ville: Bobigny\n", ""), ["juridiction.adresse.ville", "champ obligatoire manquant"]),
    (MINIMAL + JURIDICTION + "    pays: France\n", ["juridiction.adresse.pays", "clé inconnue"]),
    (MINIMAL + JURIDICTION.replace("\"93000\"", "\"930\""), ["juridiction.adresse.code_postal", "5 chiffres"]),
    (MINIMAL + JURIDICTION.replace("Tribunal de commerce de Bobigny", "\"\""), ["juridiction.nom", "vide"]),
    (MINIMAL + JURIDICTION + "  greffe: oui\n", ["juridiction.greffe", "clé inconnue"]),
]


@pytest.mark.parametrize("text,fragments", BAD, ids=range(len(BAD)))
def test_bad_dossier(run, write_dossier, text, fragments):
    folder = write_dossier(text)
    for command in (["verifier", str(folder)], ["decompte", str(folder), "--au", "2025-06-30", "--format", "csv"]):
        r = run(*command)
        assert r.exit_code == 2, r.stderr
        assert "Traceback" not in r.stderr
        assert "dossier.yaml" in r.stderr
        for fragment in fragments:
            assert fragment in r.stderr, r.stderr
        assert not (folder / "sortie").exists()


def test_yaml_does_not_turn_text_into_numbers(write_dossier):
    from procedure.api.dossier import load as load_yaml

    folder = write_dossier(MINIMAL.replace(
        'montant_ttc: "10000.00"', "montant_ttc: 1234.50").replace(
        "  adresse: {ligne1: 1 rue A, code_postal: \"69003\", ville: Lyon}",
        "  adresse: {ligne1: 1 rue A, code_postal: 01000, ville: Bourg}"))
    dos = load_yaml(folder)
    assert str(dos.factures[0].montant_ttc) == "1234.50"
    assert dos.creancier.adresse.code_postal == "01000"


def test_leading_zero_siren_stays_text(write_dossier):
    from procedure.api.dossier import load as load_yaml

    # 073282932 is not a valid SIREN checksum-wise; we only check it is read as text
    folder = write_dossier(replace("  nom: Débiteur SAS", "  nom: Débiteur SAS\n  rcs: 073282932"))
    assert load_yaml(folder).debiteur.rcs == "073282932"


def test_path_that_is_not_a_dossier(run, tmp_path):
    r = run("verifier", str(tmp_path / "absent"))
    assert r.exit_code == 2 and "ce chemin n'existe pas" in r.stderr
    r = run("verifier", str(tmp_path))
    assert r.exit_code == 2 and "ne contient pas de fichier dossier.yaml" in r.stderr
    (tmp_path / "x.txt").write_text("x")
    r = run("verifier", str(tmp_path / "x.txt"))
    assert r.exit_code == 2 and "ni un dossier ni un fichier .yaml" in r.stderr


def test_not_utf8(run, tmp_path):
    (tmp_path / "dossier.yaml").write_bytes(MINIMAL.replace("é", "\xe9").encode("latin-1"))
    r = run("verifier", str(tmp_path))
    assert r.exit_code == 2 and "UTF-8" in r.stderr


def test_all_problems_reported_at_once(run, write_dossier):
    folder = write_dossier(replace("reference: T-1\n", "").replace('"10000.00"', '"-1"'))
    r = run("verifier", str(folder))
    assert "2 problèmes" in r.stderr


def test_missing_exhibit(run, write_dossier):
    folder = write_dossier(replace('montant_ttc: "10000.00"', 'montant_ttc: "10000.00"\n    piece: pieces/absente.pdf'))
    r = run("verifier", str(folder), "--au", "2025-06-30")
    assert r.exit_code == 2 and "pièce introuvable : pieces/absente.pdf" in r.stderr
    assert "factures[1].piece" in r.stderr


@pytest.mark.parametrize("args,fragment", [
    (["decompte", "X", "--au", "2025-13-01"], "date impossible"),
    (["decompte", "X", "--format", "xml"], "n'est pas permis"),
    (["decompte", "X", "--inconnue"], "option inconnue"),
    (["montant", "abc"], "n'est pas un montant"),
    (["montant", "--", "-3"], "négatif"),
    (["montant", "1000000000000"], "trop grand"),
    (["montant", "1", "--orthographe", "1991"], "n'est pas permis"),
    (["commande-inconnue"], "commande inconnue"),
    (["decompte"], "paramètre manquant"),
])
def test_bad_command_line(run, args, fragment):
    r = run(*args)
    assert r.exit_code == 2, (r.stdout, r.stderr)
    assert fragment in r.stderr
    assert "Traceback" not in r.stderr and "Error:" not in r.stderr


def test_exhibit_paths_are_relative_to_the_dossier(run, write_dossier):
    folder = write_dossier(MINIMAL + "pieces:\n  - {titre: X, fichier: /etc/passwd}\n")
    r = run("verifier", str(folder))
    assert r.exit_code == 2 and "pieces[1].fichier" in r.stderr and "chemin relatif" in r.stderr


def test_corrupt_journal_is_bad_input(run, write_dossier):
    folder = write_dossier()
    (folder / "journal.yaml").write_text("- date: pas une date\n  action: relance\n  fichier: x\n")
    r = run("relance", str(folder), "--date", "2025-06-30")
    assert r.exit_code == 2 and "journal.yaml" in r.stderr and "Traceback" not in r.stderr
    assert not (folder / "sortie").exists()


def test_verifier_opens_the_exhibits(run, write_dossier):
    folder = write_dossier(MINIMAL.replace('montant_ttc: "10000.00"',
                                           'montant_ttc: "10000.00"\n    piece: pieces/f.pdf'))
    (folder / "pieces").mkdir()
    (folder / "pieces" / "f.pdf").write_bytes(b"%PDF-1.4\nbroken")
    r = run("verifier", str(folder), "--au", "2025-06-30")
    assert r.exit_code == 2 and "f.pdf" in r.stderr and "endommagé" in r.stderr
