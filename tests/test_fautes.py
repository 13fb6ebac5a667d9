"""Nothing lost, nothing leaked: each kind of fault, and what must come out of it.

Every row of ``FAULTS`` is one fault: how to make it in a fresh copy of the minimal dossier, the
command that meets it, the exit status and fragments of the French message. Whatever the row,
no traceback, no « Merci de signaler » for bad input, and no terminal control sequence reaches the
terminal. To add a fault, add a row. The tables below it (YAML syntax, images, long words) work the
same way.
"""

from __future__ import annotations

import errno
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import MINIMAL
from procedure import limites
from sabotage import (append, directory, edit, exhibit, fifo, invoices, logo, no_space, palette, png, put,
                      refused_open, sixteen_bits, sparse_pdf, two_halves)

AU = ("--au", "2025-06-30")
VERIFIER = ("verifier", "{d}", *AU)


# --- the table -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fault:
    name: str
    make: Callable[[Path], None]
    expect: tuple[str, ...]  # fragments of standard error (or output, for exit 0)
    command: tuple[str, ...] = VERIFIER
    exit_code: int = 2
    patch: Callable | None = None  # given pytest's monkeypatch
    known_bug: str = ""  # the row fails today for a reason outside this module: strict xfail


NOM = "  nom: Débiteur SAS"
ORDONNANCE = "- date: 2025-05-02\n  action: ordonnance\n- date: 2025-05-20\n  action: signification\n"
FAULTS = [
    # 5. what is displayed is what was written
    Fault("bidi U+202E dans un nom", edit(NOM, '  nom: "Débiteur \\u202eSAS"'),
          ("ligne 8", "debiteur.nom", "caractère de contrôle invisible U+202E interdit",
           "il peut inverser l'affichage d'un numéro ou d'un montant")),
    Fault("bidi U+2066 dans un numéro", edit("numero: F1", 'numero: "F\\u20661"'),
          ("factures[1].numero", "U+2066")),
    Fault("bidi U+200F dans la référence", edit("reference: T-1", 'reference: "T-\\u200f1"'), ("reference", "U+200F")),
    Fault("bidi U+061C dans un montant", edit('"10000.00"', '"\\u061c10000.00"'), ("factures[1].montant_ttc", "U+061C")),
    Fault("espace sans chasse U+200B", edit("ville: Lyon}", 'ville: "Ly\\u200bon"}'),
          ("creancier.adresse.ville", "caractère invisible U+200B interdit")),
    Fault("U+FEFF au milieu d'un texte", edit(NOM, '  nom: "Débiteur\\ufeffSAS"'), ("debiteur.nom", "U+FEFF")),
    Fault("caractère de contrôle ESC", edit(NOM, '  nom: "\\e[31mDébiteur\\e]0;titre\\a"'),
          ("debiteur.nom", "caractère de contrôle U+001B interdit")),
    Fault("caractère de contrôle C1", append('    objet: "Travaux\\x9b2J"\n'), ("factures[1].objet", "U+009B")),
    Fault("séparateur de ligne U+2028", append('    objet: "Travaux\\u2028suite"\n'), ("U+2028",)),
    Fault("trait d'union conditionnel accepté", edit(NOM, '  nom: "Débi\\u00adteur SAS"'), ("dossier T-1 valide",),
          exit_code=0),
    Fault("accent décomposé accepté (NFC)", edit(NOM, '  nom: "De\\u0301biteur SAS"'), ("valide",), exit_code=0),
    Fault("lettre hors des polices (ș)", edit(NOM, "  nom: Brașov SRL"),
          ("debiteur.nom", "caractère « ș » (U+0219) absent des polices")),
    Fault("émoji hors des polices", append("    objet: Vitrine 😀\n"), ("factures[1].objet", "U+1F600")),
    Fault("idéogramme hors des polices", edit("ville: Lyon}", "ville: 東京}"), ("creancier.adresse.ville", "U+6771")),
    Fault("bidi dans --lrar d'une lettre", lambda f: None, ("--lrar", "U+202E"),
          command=("mise-en-demeure", "{d}", "--date", "2025-06-30", "--lrar", "1A\u202e9876")),
    Fault("bidi dans noter --numero", lambda f: None, ("--numero", "U+2067"),
          command=("noter", "{d}", "appel", "--date", "2025-06-30", "--numero", "RG \u206726/1")),
    Fault("séquence de terminal dans noter --note", lambda f: None, ("--note", "U+001B"),
          command=("noter", "{d}", "appel", "--date", "2025-06-30", "--note", "\x1b[2J")),
    Fault("hors des polices dans noter --lrar", lambda f: None, ("--lrar", "U+6771"),
          command=("noter", "{d}", "mise-en-demeure", "--date", "2025-06-30", "--lrar", "東1")),
    Fault("noter --note trop longue", lambda f: None, ("--note", "texte trop long"),
          command=("noter", "{d}", "appel", "--date", "2025-06-30", "--note", "x" * (limites.MAX_TEXT_CHARS + 1))),
    Fault("bidi dans le journal", put("journal.yaml", '- date: 2025-05-02\n  action: mise-en-demeure\n'
                                                     '  lrar: "1A\\u202e9876"\n'),
          ("journal.yaml", "entrée n° 1", "« lrar »", "U+202E"), command=("etat", "{d}", *AU)),
    # 7. bad input is exit 2 at verifier already
    Fault("chiffres arabes-indiens dans un montant", edit('"10000.00"', '"١٢٣"'),
          ("factures[1].montant_ttc", "seuls les chiffres 0 à 9")),
    Fault("chiffres pleine chasse dans un montant", edit('"10000.00"', '"１２３"'), ("seuls les chiffres 0 à 9",)),
    Fault("chiffres arabes-indiens en ligne de commande", lambda f: None, ("seuls les chiffres 0 à 9",),
          command=("montant", "١٢٣")),
    Fault("chiffres arabes-indiens dans une date", edit("date: 2025-03-01", "date: ٢٠٢٥-٠٣-٠١"),
          ("factures[1].date", "AAAA-MM-JJ")),
    Fault("chiffres arabes-indiens dans un entier", append("delai_paiement_jours: ٣٠\n"), ("delai_paiement_jours",)),
    Fault("montant au-delà de ce que les lettres écrivent", edit('"10000.00"', '"1000000000000.00"'),
          ("factures[1].montant_ttc", "montant trop grand", "999 999 999 999,99")),
    Fault("total des factures au-delà", append(invoices(2).replace("montant_ttc: 1}", 'montant_ttc: "600000000000"}')),
          ("« factures »", "le total des factures")),
    Fault("total dû au-delà (intérêts)", edit('"10000.00"', '"999999999000.00"'), ("le total dû au 2026-06-30",),
          command=("verifier", "{d}", "--au", "2026-06-30")),
    Fault("total dû au-delà dans un document", edit('"10000.00"', '"999999999000.00"'),
          ("trop grand pour être écrit en lettres",), command=("mise-en-demeure", "{d}", "--date", "2026-06-30")),
    Fault("échéance 9999-12-31", edit("echeance: 2025-03-31", "echeance: 9999-12-31"),
          ("ligne 13", "factures[1].echeance", "date hors de la période", "2100-12-31")),
    Fault("date 0001-01-01", edit("date: 2025-03-01", "date: 0001-01-01"), ("factures[1].date", "date hors")),
    Fault("--au 9999-12-31", lambda f: None, ("pour --au", "date hors"), command=("decompte", "{d}", "--au", "9999-12-31")),
    Fault("nom vide", edit(NOM, '  nom: ""'), ("ligne 8", "debiteur.nom", "champ obligatoire vide")),
    Fault("nom fait d'espaces", edit(NOM, '  nom: "   "'), ("debiteur.nom", "champ obligatoire vide")),
    Fault("référence vide", edit("reference: T-1", 'reference: ""'), ("reference", "champ obligatoire vide")),
    Fault("numéro de facture vide", edit("numero: F1", "numero: ''"), ("factures[1].numero", "champ obligatoire vide")),
    Fault("journal : date impossible", put("journal.yaml", "- date: 2025-13-45\n  action: relance\n"),
          ("journal.yaml", "valeur impossible")),
    Fault("journal : imbrication de 990 crochets",
          put("journal.yaml", "- date: 2025-05-02\n  action: appel\n  note: " + "[" * 990 + "]" * 990 + "\n"),
          ("journal.yaml", "imbrication")),
    Fault("journal : date 9999-12-31", put("journal.yaml", "- date: 9999-12-31\n  action: appel\n"),
          ("journal.yaml", "entrée n° 1", "date hors de la période", "2100-12-31")),
    Fault("journal : réception 0001-01-01", put("journal.yaml", "- date: 2025-05-02\n  action: mise-en-demeure\n"
                                                                "  date_reception: 0001-01-01\n"),
          ("journal.yaml", "date_reception", "date hors de la période")),
    Fault("journal : frais 1e400", put("journal.yaml", ORDONNANCE + "  frais: 1e400\n"), ("journal.yaml", "« frais »")),
    Fault("journal : frais NaN", put("journal.yaml", ORDONNANCE + "  frais: .nan\n"), ("journal.yaml", "« frais »")),
    Fault("journal : frais négatifs", put("journal.yaml", ORDONNANCE + "  frais: '-5'\n"),
          ("journal.yaml", "« frais »", "négatif")),
    Fault("journal : frais en chiffres arabes-indiens", put("journal.yaml", ORDONNANCE + "  frais: '١٢'\n"),
          ("journal.yaml", "« frais »", "seuls les chiffres 0 à 9")),
    Fault("journal : frais démesurés", put("journal.yaml", ORDONNANCE + "  frais: 99999999999999999999\n"),
          ("journal.yaml", "« frais »", "montant trop grand")),
    Fault("politique : date impossible", put("politique.yaml", "relance: 2025-13-45\n"), ("politique.yaml", "illisible"),
          command=("etat", "{d}", *AU)),
    Fault("pièce : un répertoire", exhibit(directory), ("factures[1].piece", "n'est pas un fichier mais un répertoire")),
    Fault("pièce : un tube (FIFO)", exhibit(fifo), ("factures[1].piece", "n'est pas un fichier ordinaire")),
    Fault("pièce absente", exhibit(lambda p: None), ("factures[1].piece", "pièce introuvable : pieces/f.pdf")),
    Fault("logo : un répertoire", logo(directory), ("creancier.logo", "n'est pas un fichier mais un répertoire")),
    Fault("logo : bombe de décompression", logo(png(30_000, 30_000)), ("creancier.logo", "image démesurée")),
    Fault("logo : trop de pixels", logo(png(6_000, 6_000)), ("creancier.logo", "image trop grande", "6000 × 6000")),
    Fault("pièce : image de 400 millions de pixels", exhibit(png(20_000, 20_000)), ("f.pdf", "image démesurée")),
    Fault("pièce : image de 81 millions de pixels", exhibit(png(9_000, 9_000)), ("f.pdf", "image trop grande")),
    Fault("pièce : trop lourde", exhibit(sparse_pdf(limites.MAX_EXHIBIT_BYTES + 1)), ("f.pdf", "pièce trop lourde")),
    Fault("dossier.yaml : un répertoire", lambda f: ((f / "dossier.yaml").unlink(), (f / "dossier.yaml").mkdir()),
          ("dossier.yaml n'est pas un fichier mais un répertoire",)),
    Fault("séquence de terminal dans une clé", append('"\\e]0;titre\\a": x\n'), ("clé inconnue", "\\x1b]0;titre\\x07")),
    Fault("séquence de terminal dans un argument", lambda f: None, ("ce chemin n'existe pas", "\\x1b[2J"),
          command=("verifier", "{d}/\x1b[2Jabsent")),
    Fault("séquence de terminal dans le journal", put("journal.yaml", '- date: 2025-05-02\n  action: appel\n'
                                                                      '  lrar: "\\e[31m1A"\n'),
          ("journal.yaml", "« lrar »", "caractère de contrôle U+001B interdit"), command=("etat", "{d}", *AU)),
    Fault("disque plein", lambda f: None, ("plus de place sur le disque",), patch=no_space(errno.ENOSPC),
          command=("relance", "{d}", "--date", "2025-06-30", "--format", "pdf")),
    Fault("quota dépassé", lambda f: None, ("/sortie/x.pdf", "quota de disque dépassé"),
          patch=no_space(errno.EDQUOT, "/sortie/x.pdf"), command=("relance", "{d}", "--date", "2025-06-30")),
    Fault("support en lecture seule", lambda f: None, ("lecture seule",), patch=no_space(errno.EROFS),
          command=("relance", "{d}", "--date", "2025-06-30", "--format", "docx")),
    Fault("accès refusé", lambda f: None, ("accès refusé",), patch=no_space(errno.EACCES),
          command=("relance", "{d}", "--date", "2025-06-30", "--format", "docx")),
    Fault("dossier en lecture seule (verrou)", lambda f: None, (".procedure.lock", "dossier en lecture seule"),
          patch=refused_open(errno.EROFS, ".procedure.lock"), command=("relance", "{d}", "--date", "2025-06-30")),
    Fault("verrou : accès refusé", lambda f: None, (".procedure.lock", "accès refusé"),
          patch=refused_open(errno.EACCES, ".procedure.lock"), command=("relance", "{d}", "--date", "2025-06-30")),
    Fault("verrou : erreur d'entrée-sortie", lambda f: None, (".procedure.lock", "erreur d'entrée-sortie"),
          patch=refused_open(errno.EIO, ".procedure.lock"), command=("relance", "{d}", "--date", "2025-06-30")),
    # 8. bounded resources
    Fault("noter --fichier trop lourd", lambda f: sparse_pdf(limites.MAX_EXHIBIT_BYTES + 1)(f / "ar.pdf"),
          ("--fichier", "ar.pdf", "fichier trop lourd"),
          command=("noter", "{d}", "mise-en-demeure", "--date", "2025-06-30", "--fichier", "{d}/ar.pdf")),
    Fault("noter --fichier : un tube (FIFO)", lambda f: fifo(f / "ar.pdf"), ("--fichier", "n'est pas un fichier"),
          command=("noter", "{d}", "mise-en-demeure", "--date", "2025-06-30", "--fichier", "{d}/ar.pdf")),

    Fault("imbrication de 60 crochets", append("juridiction: " + "[" * 60 + "]" * 60 + "\n"),
          ("ligne 15", "imbrication trop profonde", "50 niveaux")),
    Fault("imbrication de 60 tables", append("lieu:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 61))),
          ("imbrication trop profonde",)),
    Fault("politique imbriquée", put("politique.yaml", "relance: " + "[" * 60 + "]" * 60 + "\n"),
          ("politique.yaml", "imbrication trop profonde"), command=("etat", "{d}", *AU)),
    Fault("dossier.yaml trop gros", append("#" * (limites.MAX_YAML_BYTES + 1) + "\n"), ("fichier trop gros", "16 Mio")),
    Fault("texte trop long", edit(NOM, "  nom: " + "D" * (limites.MAX_NAME_CHARS + 1)),
          ("debiteur.nom", "texte trop long", "au plus 300")),
    Fault("objet trop long", append("    objet: " + "o" * (limites.MAX_TEXT_CHARS + 1) + "\n"), ("texte trop long",)),
    Fault("historique trop long", append("historique:\n" + "  - {date: 2025-04-01, action: appel}\n" * 1001),
          ("historique", "liste trop longue", "au plus 1000")),
    Fault("trop de factures", append(invoices(limites.MAX_INVOICES)), ("factures", "liste trop longue", "au plus 50000")),
]


ENGLISH = ("Read-only file system", "Permission denied", "No space left", "Input/output error", "Disk quota",
           "No such file", "Is a directory")


def _params() -> list:
    return [pytest.param(f, id=f.name, marks=[pytest.mark.xfail(strict=True, reason=f.known_bug)] if f.known_bug else [])
            for f in FAULTS]


@pytest.mark.parametrize("fault", _params())
def test_fault(fault: Fault, run, write_dossier, monkeypatch):
    folder = write_dossier()
    fault.make(folder)
    if fault.patch:
        fault.patch(monkeypatch)
    r = run(*(a.replace("{d}", str(folder)) for a in fault.command))
    said = (r.stdout if fault.exit_code == 0 else r.stderr).replace("\u00a0", " ")
    assert r.exit_code == fault.exit_code, (r.stdout, r.stderr)
    for fragment in fault.expect:
        assert fragment in said, said
    assert "Traceback" not in r.stderr and "Merci de signaler" not in r.stderr
    assert not [w for w in ENGLISH if w in r.stderr], r.stderr
    assert "\x1b" not in r.stdout + r.stderr and "\x9b" not in r.stdout + r.stderr
    if fault.exit_code == 2:
        assert not list((folder / "sortie").glob("*.*")) if (folder / "sortie").is_dir() else True


# --- YAML syntax: French, with the line -----------------------------------------------------------

SYNTAX = [
    ("reference: [T-1\n", "liste entre crochets non fermée"),
    ("reference: {a: T-1\n", "table entre accolades non fermée"),
    ("reference: T-1\n\tcreancier: x\n", "tabulation"),
    ("reference: a: b\n", "« : » inattendu"),
    ("reference: T-1\n- x\n", "indentation incohérente"),
    ('reference: "T-1\n', "fin de fichier inattendue"),
    ("reference: *x\n", "alias YAML (« * ») inconnu"),
    ("reference: T-1\n---\nreference: T-2\n", "plusieurs documents YAML"),
    ("reference: &a T-1\nlieu: &a Lyon\n", "ancre YAML (« & ») définie deux fois"),
    ('reference: "\\q"\n', "séquence d'échappement inconnue"),
    ('reference: "\\xZZ"\n', "séquence « \\x »"),
    ('reference: "\\ud800"\n', "ne désigne aucun caractère"),
    ("reference: T-1\x07\n", "caractère U+0007 interdit"),
    ('reference: "T\n---\n1"\n', "« --- » ou « ... »"),
    ("reference: [a, - b]\n", "valeur attendue"),
    ("reference: !x!y T-1\n", "étiquette YAML"),
    ("%YAML 9.9\n---\nreference: T-1\n", "version de YAML"),
    ("%FOO bar\n---\nreference: T-1\n", "directive YAML"),
    ("reference: &\n", "nom d'ancre"),
    ("reference: |0\n  T-1\n", "indicateur d'indentation"),
    ('reference: "T-1" x\n', "indentation incohérente"),
    ("factures:\n  - a\n  ? b\n", "indentation incohérente dans une liste"),
    ("reference: @T-1\n", "caractère inattendu"),
    ("reference: T-1\ncreancier x\nlieu: y\n", "« : » attendu"),
]


@pytest.mark.parametrize("text,fragment", SYNTAX, ids=[s[1] for s in SYNTAX])
def test_yaml_syntax_is_french_with_a_line(run, write_dossier, text, fragment):
    r = run("verifier", str(write_dossier(text)))
    assert r.exit_code == 2
    assert "syntaxe YAML invalide" in r.stderr and fragment in r.stderr, r.stderr
    assert "ligne " in r.stderr
    for english in ("found", "expected", "while ", "could not", "not allowed"):
        assert english not in r.stderr, r.stderr


def test_deep_nesting_is_refused_quickly_without_a_crash(tmp_path):
    """100 000 nested brackets: a segmentation fault in the C composer, unless refused before."""
    for text in ("[" * 100_000, "- " * 100_000 + "x", "".join("  " * i + "a:\n" for i in range(3000))):
        (tmp_path / "dossier.yaml").write_text(text + "\n")
        r = subprocess.run([sys.executable, "-m", "procedure", "verifier", str(tmp_path)], capture_output=True,
                           text=True, timeout=60)
        assert r.returncode == 2, r.stderr
        assert "imbrication trop profonde" in r.stderr


# --- images keep their content ---------------------------------------------------------------------
# Each image is 40 × 20: ink (dark, opaque) on the left half, background on the right half. After
# conversion, the ink must stay dark and the background be white, never black.

IMAGES = [
    # (what, image maker, format written)
    ("RGBA : texte noir sur fond transparent", lambda: two_halves("RGBA", (0, 0, 0, 255), (0, 0, 0, 0)), "PNG"),
    ("RGBA : fond transparent rouge", lambda: two_halves("RGBA", (0, 0, 0, 255), (255, 0, 0, 0)), "PNG"),
    ("LA : gris et transparence", lambda: two_halves("LA", (0, 255), (0, 0)), "PNG"),
    ("P : palette avec couleur transparente", lambda: palette(True), "PNG"),
    ("P : palette opaque", lambda: palette(False), "PNG"),
    ("L : gris avec couleur transparente (tRNS)", lambda: two_halves("L", 10, 0, transparency=0), "PNG"),
    ("RGB : couleur transparente (tRNS)", lambda: two_halves("RGB", (10, 10, 10), (0, 0, 0), transparency=(0, 0, 0)),
     "PNG"),
    ("I;16 : gris sur 16 bits", sixteen_bits, "PNG"),
    ("1 : noir et blanc", lambda: two_halves("1", 0, 1), "PNG"),
    ("CMYK : JPEG d'imprimeur", lambda: two_halves("CMYK", (0, 0, 0, 255), (0, 0, 0, 0)), "JPEG"),
]


def _assert_ink_and_paper(img, tolerance: int = 0) -> None:
    grey = img.convert("L")
    assert grey.getpixel((5, 10)) <= 20 + tolerance, "the ink was lost"
    assert grey.getpixel((35, 10)) >= 255 - tolerance, "the background is not white"


@pytest.mark.parametrize("make,fmt", [(m, f) for _, m, f in IMAGES], ids=[w for w, _, _ in IMAGES])
def test_image_conversion_keeps_ink_on_white(make, fmt, tmp_path):
    import dataclasses
    import io

    from PIL import Image
    from pypdf import PdfReader

    from helpers import dossier
    from procedure.pieces.ouverture import _image_pdf
    from procedure.rendu.images import opaque, read_logo

    img = make()
    converted = opaque(img)
    assert converted.mode in ("RGB", "L")
    _assert_ink_and_paper(converted)
    if img.mode == "I;16":
        assert 120 <= converted.getpixel((21, 10)) <= 136  # scaled, not clipped to white
    path = tmp_path / f"scan.{fmt.lower()}"
    img.save(path, fmt, **({"transparency": img.info["transparency"]} if "transparency" in img.info else {}))
    # as an exhibit page: the image embedded in the PDF (JPEG-compressed: a small tolerance)
    page = PdfReader(io.BytesIO(_image_pdf(path))).pages[0]
    _assert_ink_and_paper(page.images[0].image, tolerance=40)
    # as a logo: the PNG embedded in the documents
    d = dossier()
    d = dataclasses.replace(d, creancier=dataclasses.replace(d.creancier, logo=path), source=tmp_path / "dossier.yaml",
                            folder=tmp_path)
    data, mime = read_logo(d)
    assert mime == "image/png"
    _assert_ink_and_paper(Image.open(io.BytesIO(data)), tolerance=40 if fmt == "JPEG" else 0)


# --- text that cannot fit is wrapped, never cut off the page ---------------------------------------
# One long word per field, each of its own letter (all at least 0.6 em wide in the shipped fonts).

LONG_WORDS = [
    # (field, letter, length, how to put it in the dossier)
    ("debiteur.nom", "X", 295, lambda w: edit(NOM, f"  nom: {w}")),
    ("creancier.nom", "W", 295, lambda w: edit("  nom: Créancier SARL", f"  nom: {w}")),
    ("debiteur.adresse.ligne1", "Q", 200, lambda w: edit("ligne1: 2 rue B", f"ligne1: 2 rue {w}")),
    ("factures[1].numero", "Z", 100, lambda w: edit("numero: F1", f"numero: {w}")),
    ("factures[1].objet", "K", 500, lambda w: append(f"    objet: {w}\n")),
    ("creancier.adresse.ligne1", "M", 600, lambda w: edit("ligne1: 1 rue A", f"ligne1: 1 rue {w}")),
    ("pieces[1].titre", "H", 500, lambda w: append(f"pieces:\n  - {{titre: {w}, fichier: contrat.pdf, categorie: contrat}}\n")),
]


@pytest.fixture(scope="module")
def long_word_outputs(tmp_path_factory):
    from click.testing import CliRunner
    from pypdf import PdfWriter

    from procedure.cli import cli

    folder = tmp_path_factory.mktemp("long") / "d"
    folder.mkdir()
    (folder / "dossier.yaml").write_text(MINIMAL, encoding="utf-8")
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(folder / "contrat.pdf")
    for _, letter, length, put_word in LONG_WORDS:
        put_word(letter * length)(folder)
    append("historique:\n  - {date: 2025-05-02, action: mise-en-demeure, date_reception: 2025-05-05}\n")(folder)
    runner = CliRunner()
    for args in (["relance", "--date", "2025-04-15"], ["mise-en-demeure", "--date", "2025-05-02", "--format", "pdf"],
                 ["injonction", "--date", "2025-09-30", "--format", "pdf,docx"]):
        r = runner.invoke(cli, [args[0], str(folder), *args[1:]])
        assert r.exit_code == 0, r.output
    return sorted((folder / "sortie").iterdir())


@pytest.mark.parametrize("field,letter,length", [(f, c, n) for f, c, n, _ in LONG_WORDS], ids=[w[0] for w in LONG_WORDS])
def test_a_long_word_is_wrapped_and_complete(long_word_outputs, field, letter, length):
    from readback import docx_text, pdf_text, text_runs

    word = letter * length
    seen_in = []
    for path in long_word_outputs:
        if path.suffix == ".pdf":
            if word in "".join(pdf_text(path).split()):
                seen_in.append(path.name)
            for page, width, height, x, y, size, text in text_runs(path):
                assert x >= 0 and x + text.count(letter) * 0.6 * size <= width, (path.name, page, text[:40])
                assert size <= y <= height, (path.name, page, text[:40])
        elif path.suffix == ".docx" and word in "".join(docx_text(path).split()):
            seen_in.append(path.name)
    assert any(n.endswith(".pdf") for n in seen_in) and any(n.endswith(".docx") for n in seen_in), (field, seen_in)


def test_every_character_the_reader_accepts_is_drawn_by_the_shipped_fonts(run, write_dossier):
    """Nothing is taken from the machine's fonts: a dossier holding every character the reader
    accepts gives documents whose only fonts are the shipped ones."""
    from pypdf import PdfReader

    from procedure.lecture import caracteres

    accepted = [chr(c) for c in sorted(caracteres.drawable_code_points())
                if c > 0x20 and caracteres.problem(chr(c)) is None and caracteres.drawing_problem(chr(c)) is None]
    assert len(accepted) > 300

    def quoted(chars):
        return '"' + "".join(f"\\u{ord(ch):04x}" for ch in chars) + '"'

    folder = write_dossier(MINIMAL.replace("  nom: Débiteur SAS", f"  nom: {quoted(accepted[:250])}")
                           + f"    objet: {quoted(accepted[250:])}\n")
    r = run("relance", str(folder), "--date", "2025-06-30", "--format", "pdf")
    assert r.exit_code == 0, r.stderr
    (pdf,) = (folder / "sortie").glob("*.pdf")
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1]
             for page in PdfReader(pdf).pages for font in page["/Resources"]["/Font"].values()}
    assert fonts and all(name.startswith("Procedure-") for name in fonts), fonts
