"""The packet handed to the commissaire de justice (SPEC §5.3), and the office's check of it.

The sample consumer dossier lives its life through the command line (relance, mise en demeure,
requête, ordonnance noted with its scanned copy and the cost of its service, signification), then is
handed over on 30 June 2026.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile

import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from readback import docx_text, norm

WHEN = "2026-06-30"
ZIP_NAME = f"{WHEN}_DOS-2026-003_remise-commissaire.zip"


def _cli(*args, env=None):
    from procedure.cli import main

    runner = CliRunner()
    with runner.isolation(env={"PROCEDURE_AUJOURDHUI": WHEN, **(env or {})}) as (out, err, *_):
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture(scope="module")
def lived(tmp_path_factory):
    root = tmp_path_factory.mktemp("remise")
    folder = root / "particulier"
    shutil.copytree(SAMPLES / "particulier", folder, ignore=shutil.ignore_patterns("sortie", "journal.yaml", "journal"))
    scan = root / "scan-ordonnance.pdf"
    shutil.copy(SAMPLES / "particulier" / "pieces" / "ordonnance-scan.pdf", scan)
    for step in (("relance", folder, "--date", "2025-11-03", "--format", "pdf"),
                 ("mise-en-demeure", folder, "--date", "2026-01-12"),
                 ("injonction", folder, "--date", "2026-02-10"),
                 ("noter", folder, "ordonnance", "--date", "2026-03-16", "--numero", "RG 26/00123", "--fichier", scan),
                 ("noter", folder, "signification", "--date", "2026-03-30", "--frais", "62.18"),
                 ("commissaire", folder, "--date", WHEN)):
        code, _, err = _cli(*step, env={"SOURCE_DATE_EPOCH": "1767225600"})
        assert code == 0, (step, err)
    return folder


def _zip(folder):
    return folder / "sortie" / ZIP_NAME


def _manifest(path):
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read("manifest.json")), {i.filename: z.read(i) for i in z.infolist()}


def test_the_manifest_holds_to_its_schema(lived):
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    schema = json.loads(resources.files("procedure.donnees").joinpath("schemas/remise-1.schema.json").read_text("utf-8"))
    manifest, _ = _manifest(_zip(lived))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(manifest)
    assert list(manifest) == ["format", "reference", "date", "creancier", "debiteur", "avocat", "titre", "decompte",
                              "historique", "fichiers"]
    assert list(manifest["decompte"]) == ["au", "principal", "interets", "indemnites", "frais", "paye", "total",
                                          "interets_par_jour"]
    broken = json.loads(json.dumps(manifest))
    broken["decompte"]["total"] = "2531.4"  # an amount without its two decimals
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_every_checksum_size_and_page_count(lived):
    manifest, files = _manifest(_zip(lived))
    assert set(files) == {f["nom"] for f in manifest["fichiers"]} | {"manifest.json"}
    for f in manifest["fichiers"]:
        data = files[f["nom"]]
        assert f["octets"] == len(data) and f["sha256"] == hashlib.sha256(data).hexdigest()
        if f["nom"].endswith(".pdf"):
            from pypdf import PdfReader

            assert f["pages"] == len(PdfReader(io.BytesIO(data)).pages)
    names = [f["nom"] for f in manifest["fichiers"]]
    assert names[:2] == ["fiche-de-transmission.pdf", "fiche-de-transmission.docx"]
    pieces = [f for f in manifest["fichiers"] if f["role"] == "piece" and f["piece"]]
    assert [f["nom"] for f in pieces] == ["P1-devis-accepte-du-15-septembre-2025.pdf",
                                          "P2-facture-n-2025-118-du-6-octobre-2025.pdf",
                                          "P3-lettre-de-relance-du-3-novembre-2025.pdf",
                                          "P4-mise-en-demeure-du-12-janvier-2026.pdf"]
    assert {"titre-ordonnance.pdf", "requete.pdf", "bordereau.pdf", "recueil-pieces.pdf", "decompte.pdf"} <= set(names)
    # each exhibit is stamped as in the bundle
    assert "Pièce n° 2 — page 1/1" in pdf_text_bytes(files["P2-facture-n-2025-118-du-6-octobre-2025.pdf"])


def pdf_text_bytes(data: bytes) -> str:
    from pypdf import PdfReader

    return norm(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages))


def test_the_packets_total_is_the_decompte_at_the_same_date(lived):
    manifest, files = _manifest(_zip(lived))
    code, out, err = _cli("decompte", lived, "--au", WHEN)
    assert code == 0, err
    assert json.loads(out)["total"] == manifest["decompte"]["total"]
    assert files["decompte.json"].decode("utf-8") == out  # the same bytes as the command prints
    d = manifest["decompte"]
    # principal 3240 - paid 800 = 2440; consumer: legal rate "autres cas" 2026-S1 2.62 % from the day after
    # the mise en demeure's receipt (14 January): 15 January..30 June = 17+28+31+30+31+30 = 167 days,
    # 2440 x 2.62 x 167 / 36500 = 29.249 -> 29.25; the service's cost 62.18 (after the title)
    assert (d["principal"], d["paye"], d["interets"], d["frais"], d["total"]) == (
        "3240.00", "800.00", "29.25", "62.18", "2531.43")  # 3240 + 29.25 + 62.18 - 800
    assert d["interets_par_jour"] == "0.18"  # 2440 x 2.75 (2026-S2) / 36500 = 0.1838
    assert manifest["titre"] == {"nature": "ordonnance-injonction-de-payer", "juridiction": "Tribunal judiciaire de Nantes",
                                 "date": "2026-03-16", "numero": "RG 26/00123", "signification": "2026-03-30"}
    assert [h["action"] for h in manifest["historique"]] == ["relance", "mise-en-demeure", "requete", "ordonnance",
                                                            "signification"]


def test_the_fiche_states_the_mandate_the_debtor_and_the_interest_ahead(lived, tmp_path):
    _, files = _manifest(_zip(lived))
    docx = tmp_path / "fiche.docx"
    docx.write_bytes(files["fiche-de-transmission.docx"])
    for text in (pdf_text_bytes(files["fiche-de-transmission.pdf"]), norm(docx_text(docx))):
        assert "Mandat de recouvrement et d'exécution" in text and "R444-55" in text
        assert "en vertu du titre exécutoire ci-joint" in text  # its scanned copy is in the packet
        assert "Bon pour mandat" in text
        assert "BERNARD" in text and "27 avenue des Acacias, Bâtiment B, 44300 Nantes" in text
        assert "2 531,43 €" in text and "R211-1" in text
        # the raise starts 2 July 2026: enforceable 1 May (opposition to 30 April), + 2 months, + 1 day
        assert "2 juillet 2026" in text and "L313-3" in text
        assert "P4-mise-en-demeure-du-12-janvier-2026.pdf" in text
        assert "Le même décompte en données structurées (JSON)" in text and "procedure decompte" not in text
        # the 2026-S2 legal rate is not verified: the office is told so
        assert "À vérifier : taux de l'intérêt légal du 2e semestre 2026 non vérifié" in text


def test_two_runs_give_the_same_bytes(lived, tmp_path):
    first = _zip(lived).read_bytes()
    code, _, err = _cli("commissaire", lived, "--date", WHEN, "--remplacer", env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert code == 0, err
    assert _zip(lived).read_bytes() == first
    copy = tmp_path / "ailleurs" / "particulier"  # a relocated copy tells the same story
    shutil.copytree(lived, copy)
    (copy / "sortie" / ZIP_NAME).unlink()
    code, _, err = _cli("commissaire", copy, "--date", WHEN, env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert code == 0, err
    assert (copy / "sortie" / ZIP_NAME).read_bytes() == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}  # SOURCE_DATE_EPOCH, UTC


def test_without_source_date_epoch_the_packet_of_a_day_is_the_same_every_run(lived, tmp_path, monkeypatch):
    """Without SOURCE_DATE_EPOCH everything inside carries the packet's date, not the time of the run."""
    import pikepdf

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    copy = tmp_path / "particulier"
    shutil.copytree(lived, copy)
    runs = []
    for _ in range(2):
        code, _, err = _cli("commissaire", copy, "--date", WHEN, "--remplacer")
        assert code == 0, err
        runs.append(_zip(copy).read_bytes())
    assert runs[0] == runs[1]
    with zipfile.ZipFile(io.BytesIO(runs[0])) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 6, 30, 0, 0, 0)}
        exhibit = pikepdf.open(io.BytesIO(z.read("P1-devis-accepte-du-15-septembre-2025.pdf")))
        assert str(exhibit.docinfo["/CreationDate"]) == "D:20260630000000+00'00'"


def _rewrite(source, target, change):
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info.filename, data)
        if extra := change("__extra__", b""):
            dst.writestr("en-trop.pdf", extra)


def test_paquet_verifier_names_each_file_that_differs_is_missing_or_extra(lived, tmp_path):
    code, out, err = _cli("paquet", "verifier", _zip(lived))
    assert code == 0, err
    assert out.count("ok ") == 12 and "fichier(s) ne concordent" not in err
    bad = tmp_path / "abime.zip"

    def change(name, data):
        if name == "P2-facture-n-2025-118-du-6-octobre-2025.pdf":
            return data.replace(b"%%EOF", b"%%EOF\n% altered")  # tampered
        if name == "decompte.json":
            return None  # missing
        if name == "__extra__":
            return b"%PDF-1.4 not in the manifest"  # extra
        return data

    _rewrite(_zip(lived), bad, change)
    code, out, err = _cli("paquet", "verifier", bad)
    assert code == 2
    for name, state in (("P2-facture-n-2025-118-du-6-octobre-2025.pdf", "différent"), ("decompte.json", "manquant"),
                        ("en-trop.pdf", "en trop")):
        assert f"{name} ({state})" in err
        assert f"{state:<10} {name}" in out
    assert "3 fichiers ne concordent pas" in err and "(s)" not in err and "Traceback" not in err
    code, out, _ = _cli("paquet", "verifier", bad, "--format", "json")
    data = json.loads(out)
    assert code == 2 and data["valide"] is False
    assert {f["nom"]: f["etat"] for f in data["fichiers"] if f["etat"] != "ok"} == {
        "P2-facture-n-2025-118-du-6-octobre-2025.pdf": "different", "decompte.json": "manquant",
        "en-trop.pdf": "en-trop"}


def test_paquet_verifier_refuses_what_is_not_a_packet(tmp_path):
    junk = tmp_path / "x.zip"
    junk.write_bytes(b"not a zip")
    code, _, err = _cli("paquet", "verifier", junk)
    assert code == 2 and "archive ZIP illisible" in err
    with zipfile.ZipFile(junk, "w") as z:
        z.writestr("a.txt", "a")
    code, _, err = _cli("paquet", "verifier", junk)
    assert code == 2 and "pas de manifest.json" in err


def test_paquet_debiteur_for_the_offices_software(lived):
    code, out, err = _cli("paquet", "debiteur", _zip(lived), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["reference"], data["nom"], data["prenom"], data["personne"], data["code_postal"]) == (
        "DOS-2026-003", "Bernard", "Sophie", "physique", "44300")
    code, out, err = _cli("paquet", "debiteur", _zip(lived))
    header, row = out.lstrip("\ufeff").splitlines()
    assert header.startswith("reference;type;personne;nom;prenom")
    assert row.startswith("DOS-2026-003;particulier;physique;Bernard;Sophie")


def test_without_an_ordonnance_the_packet_is_an_amicable_mandate(run, sample):
    folder = sample("commercant")
    r = run("commissaire", str(folder), "--date", WHEN)
    assert r.exit_code == 0, r.stderr
    path = folder / "sortie" / f"{WHEN}_DOS-2025-014_remise-commissaire.zip"
    manifest, files = _manifest(path)
    assert manifest["titre"] is None and not [f for f in manifest["fichiers"] if f["role"] == "titre"]
    text = pdf_text_bytes(files["fiche-de-transmission.pdf"])
    assert "Mandat de recouvrement amiable" in text and "Aucun titre exécutoire n'est joint" in text
    assert "L111-2" in text
    # no title, no seizure: the interest per day, but no month in advance (CPCE R211-1)
    assert "Intérêts par jour à compter du 1er juillet 2026 : 4,03 €" in text
    assert "R211-1" not in text and "Provision" not in text
    # a company debtor: its name, SIREN formatted, seat and representative; what is unknown is said so
    for row in ("Dénomination Boulangerie Martin", "SIREN 552 100 554", "Siège social 3 place Bellecour, 69002 Lyon",
                "Représentant légal Paul Martin, président", "RCS non connu"):
        assert row in text
    r = run("decompte", str(folder), "--au", WHEN)
    assert json.loads(r.stdout)["total"] == manifest["decompte"]["total"]
    journal = (folder / "journal.yaml").read_text(encoding="utf-8")
    assert "action: remise-commissaire" in journal and ZIP_NAME.replace("DOS-2026-003", "DOS-2025-014") in journal


def test_no_packet_for_a_public_buyer(run, sample):
    r = run("commissaire", str(sample("acheteur-public")), "--date", WHEN)
    assert r.exit_code == 2 and "débiteur public" in r.stderr


def test_the_packet_after_a_title_by_hand(run, write_dossier):
    """The hand case of tests/droit/test_titre.py handed over on 30 September 2025: ordonnance of
    20 March 2025 served 1 April (48,20 €), enforceable 3 May, legal rate +5 points from 4 July
    (CMF L313-3), 500 € paid on 15 August (costs first, then interest, then principal)."""
    from helpers import TITLED

    folder = write_dossier(TITLED)
    r = run("commissaire", str(folder), "--date", "2025-09-30")
    assert r.exit_code == 0, r.stderr
    assert "titre non joint" in r.stderr  # no scanned copy noted
    manifest, files = _manifest(folder / "sortie" / "2025-09-30_TITRE-1_remise-commissaire.zip")
    # interest 28.05 + 0.45 + 18.28 + 15.60 = 62.38; total 2000 + 62.38 + 48.20 - 500 = 1610.58;
    # per day 1594.98 x 7.76 / 36500 = 0.339 -> 0.34
    assert manifest["decompte"] == {"au": "2025-09-30", "principal": "2000.00", "interets": "62.38",
                                    "indemnites": "0.00", "frais": "48.20", "paye": "500.00", "total": "1610.58",
                                    "interets_par_jour": "0.34"}
    assert json.loads(run("decompte", str(folder), "--au", "2025-09-30").stdout)["total"] == "1610.58"
    assert manifest["titre"]["signification"] == "2025-04-01" and manifest["titre"]["numero"] == "RG 25/00042"
    assert "titre-ordonnance.pdf" not in {f["nom"] for f in manifest["fichiers"]}
    text = pdf_text_bytes(files["fiche-de-transmission.pdf"])
    for expected in ("Exécutoire à partir du 3 mai 2025", "4 juillet 2025 (C. mon. fin., art. L313-3)",
                     "Paiements reçus depuis le titre : 15 août 2025 : 500,00 €",
                     "Frais (après le titre exécutoire) 48,20 €", "dépens (CPC, art. 695 et 696)",
                     "Intérêts au taux légal majoré (C. mon. fin., art. L313-3)",
                     # one month ahead, 1..30 October: 1594.98 x 7.76 x 30 / 36500 = 10.17; 1610.58 + 10.17
                     "Intérêts par jour à compter du 1er octobre 2025 : 0,34 €",
                     "du 1er octobre 2025 au 30 octobre 2025 : 10,17 € (CPCE, art. R211-1)",
                     "Total avec la provision : 1 620,75 €", "Total dû au 30 septembre 2025 1 610,58 €"):
        assert expected in text, expected


def test_a_company_debtors_sheet_with_everything_known(run, sample):
    """RCS, bank account (known from his transfers), e-mail and telephone reach the sheet, the manifest
    and the office's record; the debtor's account is never written in a letter to him."""
    folder = sample("commercant")
    yml = folder / "dossier.yaml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(
        "  representant: Paul Martin, président\n",
        "  representant: Paul Martin, président\n  rcs: RCS Lyon 552 100 554\n"
        "  iban: FR7630004000031234567890143\n  bic: BNPAFRPP\n  email: compta@boulangerie-martin.fr\n"
        "  telephone: 04 72 00 00 00\n"), encoding="utf-8")
    r = run("commissaire", str(folder), "--date", WHEN)
    assert r.exit_code == 0, r.stderr
    path = folder / "sortie" / f"{WHEN}_DOS-2025-014_remise-commissaire.zip"
    manifest, files = _manifest(path)
    text = pdf_text_bytes(files["fiche-de-transmission.pdf"])
    for row in ("RCS RCS Lyon 552 100 554", "Compte bancaire connu (IBAN) FR76 3000 4000 0312 3456 7890 143",
                "BIC BNPAFRPP", "Courriel compta@boulangerie-martin.fr", "Téléphone 04 72 00 00 00"):
        assert row in text, row
    assert (manifest["debiteur"]["iban"], manifest["debiteur"]["bic"]) == ("FR7630004000031234567890143", "BNPAFRPP")
    r = run("paquet", "debiteur", str(path))
    header, row = r.stdout.lstrip("\ufeff").splitlines()
    record = dict(zip(header.split(";"), row.split(";")))
    assert (record["siren"], record["rcs"], record["iban"], record["representant"]) == (
        "552100554", "RCS Lyon 552 100 554", "FR7630004000031234567890143", "Paul Martin, président")
    assert run("relance", str(folder), "--date", "2025-04-10", "--format", "pdf").exit_code == 0
    from readback import pdf_text

    assert "3000 4000 0312" not in pdf_text(folder / "sortie" / "2025-04-10_DOS-2025-014_relance.pdf")


def test_every_manifest_holds_to_the_schema_without_a_title_and_with_a_lawyer(run, sample):
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    schema = json.loads(resources.files("procedure.donnees").joinpath("schemas/remise-1.schema.json").read_text("utf-8"))
    for name, reference in (("commercant", "DOS-2025-014"), ("entrepreneur", "DOS-2026-021")):
        folder = sample(name)
        r = run("commissaire", str(folder), "--date", WHEN)
        assert r.exit_code == 0, r.stderr
        manifest, _ = _manifest(folder / "sortie" / f"{WHEN}_{reference}_remise-commissaire.zip")
        jsonschema.Draft202012Validator(schema).validate(manifest)
        assert manifest["titre"] is None
        assert (manifest["avocat"] is None) == (name == "commercant")


def test_an_ordonnance_not_yet_served_nor_enclosed(run, write_dossier):
    """Ordonnance of 20 March 2025, no service noted, no copy: the mandate is to serve it within six
    months (CPC 1411 before the décret n° 2026-96): 20 September 2025 is a Saturday, so Monday 22
    September (CPC 642); the mandate does not call « ci-jointe » an ordonnance that is not there."""
    from helpers import TITLED

    folder = write_dossier(TITLED.replace('  - {date: 2025-04-01, action: signification, frais: "48.20"}\n', ""))
    r = run("commissaire", str(folder), "--date", "2025-04-10")
    assert r.exit_code == 0, r.stderr
    manifest, files = _manifest(folder / "sortie" / "2025-04-10_TITRE-1_remise-commissaire.zip")
    assert manifest["titre"]["signification"] is None and manifest["decompte"]["frais"] == "0.00"
    text = pdf_text_bytes(files["fiche-de-transmission.pdf"])
    assert "Mandat de signification et de recouvrement" in text
    assert "signifier l'ordonnance au débiteur au plus tard le 22 septembre 2025" in text
    assert "dont la copie reste à vous remettre" in text and "ci-jointe" not in text
    assert "Signification non encore signifiée" in text and "Exécutoire à partir du non encore exécutoire" in text


# --- electronically signed files: the title as the court delivered it, an exhibit's original beside its copy ---

def _signed_dossier(run, write_dossier, tmp_path, title: bytes, exhibit: bytes | None = None, name: str = "d"):
    """The hand case with its ordonnance noted from a file (``title``) and, when given, a contract
    exhibit (``exhibit``); the packet of 30 September 2025 asked for: (exit code, stderr, ZIP path)."""
    from helpers import TITLED

    text = TITLED.replace("  - {date: 2025-03-20, action: ordonnance, numero: RG 25/00042}\n", "").replace(
        '  - {date: 2025-04-01, action: signification, frais: "48.20"}\n', "")
    if exhibit is not None:
        text += "pieces:\n  - {titre: Contrat signé, fichier: pieces/contrat.pdf, categorie: contrat}\n"
    folder = write_dossier(text, name)
    if exhibit is not None:
        (folder / "pieces").mkdir()
        (folder / "pieces" / "contrat.pdf").write_bytes(exhibit)
    scan = tmp_path / f"ordonnance-signee-{name}.pdf"
    scan.write_bytes(title)
    for step in (("ordonnance", "--date", "2025-03-20", "--numero", "RG 25/00042", "--fichier", str(scan)),
                 ("signification", "--date", "2025-04-01", "--frais", "48.20")):
        r = run("noter", str(folder), *step, env={"PROCEDURE_AUJOURDHUI": "2025-09-30"})
        assert r.exit_code == 0, r.stderr
    r = run("commissaire", str(folder), "--date", "2025-09-30")
    return r, folder / "sortie" / "2025-09-30_TITRE-1_remise-commissaire.zip"


def test_a_signed_title_travels_as_the_court_delivered_it(run, write_dossier, tmp_path):
    """Byte for byte, so that its signature still verifies; the manifest and the fiche say it is
    signed; the office's check of the packet holds."""
    from signes import signed_pdf, verifies

    title = signed_pdf()
    r, path = _signed_dossier(run, write_dossier, tmp_path, title)
    assert r.exit_code == 0, r.stderr
    assert "titre (" not in r.stderr  # nothing removed from it
    manifest, files = _manifest(path)
    assert files["titre-ordonnance.pdf"] == title and verifies(files["titre-ordonnance.pdf"])
    (entry,) = [f for f in manifest["fichiers"] if f["role"] == "titre"]
    assert entry["titre"] == ("Ordonnance portant injonction de payer du 20 mars 2025 (n° RG 25/00042) — signée "
                              "électroniquement, fichier d'origine transmis inchangé (sa signature reste vérifiable)")
    text = pdf_text_bytes(files["fiche-de-transmission.pdf"])
    assert "Titre joint oui : titre-ordonnance.pdf, signé électroniquement, transmis tel que délivré : sa signature " \
           "reste vérifiable" in text
    assert run("paquet", "verifier", str(path)).exit_code == 0


def test_a_signed_title_carrying_a_script_is_refused(run, write_dossier, tmp_path):
    """Cleaned, it would be a title whose signature no longer holds; kept, a script in the packet:
    refused, naming the file and what it carries; nothing written."""
    from signes import signed_pdf

    r, path = _signed_dossier(run, write_dossier, tmp_path, signed_pdf(javascript=True))
    assert r.exit_code == 2
    message = norm(r.stderr)
    assert "ordonnance-signee-d.pdf est signé électroniquement (champ « Signature1 »)" in message
    assert "JavaScript (à l'ouverture du document)" in message and "rien n'a été écrit" in message
    assert not path.exists()


def test_a_signed_exhibit_travels_stamped_and_as_signed(run, write_dossier, tmp_path):
    """The stamped copy P1-… (the commissaire's upload, like the bundle) has lost the signature: the
    original file follows it, as it is, under the same exhibit number; one carrying a script does not."""
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    from signes import signed_pdf, verifies

    contract = signed_pdf("Contrat de prestation signe electroniquement", field="Client")
    r, path = _signed_dossier(run, write_dossier, tmp_path, signed_pdf(), contract)
    assert r.exit_code == 0, r.stderr
    assert "pièce n° 1 (contrat.pdf) : signée électroniquement (champ « Client »)" in norm(r.stderr)
    manifest, files = _manifest(path)
    pieces = [(f["nom"], f["piece"], f["role"]) for f in manifest["fichiers"] if f["piece"] == 1]
    assert pieces == [("P1-contrat-signe.pdf", 1, "piece"), ("P1-contrat-signe-original-signe.pdf", 1, "piece")]
    assert files["P1-contrat-signe-original-signe.pdf"] == contract and verifies(contract)
    assert not verifies(files["P1-contrat-signe.pdf"])
    (entry,) = [f for f in manifest["fichiers"] if f["nom"] == "P1-contrat-signe-original-signe.pdf"]
    assert entry["titre"] == "Contrat signé — fichier d'origine signé électroniquement, non tamponné (sa signature " \
                             "reste vérifiable)"
    assert "P1-contrat-signe-original-signe.pdf" in pdf_text_bytes(files["fiche-de-transmission.pdf"])
    schema = json.loads(resources.files("procedure.donnees").joinpath("schemas/remise-1.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(manifest)
    assert run("paquet", "verifier", str(path)).exit_code == 0

    r, path = _signed_dossier(run, write_dossier, tmp_path, signed_pdf(), signed_pdf(javascript=True), "autre")
    assert r.exit_code == 0, r.stderr
    assert "pièce n° 1 (contrat.pdf) : fichier d'origine signé non joint : il contient aussi du contenu actif " \
           "(JavaScript (à l'ouverture du document))" in norm(r.stderr)
    _, files = _manifest(path)
    assert "P1-contrat-signe.pdf" in files and "P1-contrat-signe-original-signe.pdf" not in files
