"""``procedure importer`` on FEC files: the real anonymised FECs of the shared corpus, checked
against an independent reading of each customer account's balance and the manifest's figures, and
small hand-made FECs for each trap of IMPORTS.md."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from outils_import import CORPUS, balance, creditor_file, dossiers, need_corpus, rows_of, tree
from procedure.lecture.import_commun import normalized

FECS = [r for r in rows_of("fec") if not r["file"].endswith("open_customer_items.csv")]


def account_balances(path: Path) -> dict[tuple[str, str], tuple[str, Decimal]]:
    """Σ debit - credit of every line of each customer account, lettered or not: what the books say
    is owed, read without the importer's code."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    lines = [ln.rstrip("\r") for ln in text.split("\n") if ln.strip()]
    sep = "\t" if "\t" in lines[0] else "|"
    head = [h.strip().lower() for h in lines[0].split(sep)]
    col = {h: i for i, h in enumerate(head)}
    out: dict[tuple[str, str], tuple[str, Decimal]] = {}
    for ln in lines[1:]:
        c = [x.strip() for x in ln.split(sep)]
        if not c[col["comptenum"]].startswith(("411", "413", "416")):
            continue
        key = (c[col["comptenum"]], c[col["compauxnum"]])
        name = " ".join((c[col["compauxlib"]] or c[col["comptelib"]]).split())
        amount = Decimal(c[col["debit"]].replace(",", ".") or 0) - Decimal(c[col["credit"]].replace(",", ".") or 0)
        out[key] = (name, out.get(key, (name, Decimal(0)))[1] + amount)
    return out


def is_receipts(name: str) -> bool:
    """A till's takings kept under 411 (000000000: « RECETTE CB », « RECETTE ESPECES »): no debtor."""
    return normalized(name).startswith("recette")


@pytest.mark.parametrize("row", FECS, ids=[Path(r["file"]).name for r in FECS])
def test_each_customer_is_claimed_for_its_account_balance(run, tmp_path, row):
    need_corpus()
    src = CORPUS / row["file"]
    root = tmp_path / "dossiers"
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creditor_file(tmp_path)))
    assert r.exit_code == 0, r.stderr
    made = {normalized(d.debiteur.nom): d for d in dossiers(root).values()}
    owed = {k: v for k, v in account_balances(src).items() if v[1] > 0 and not is_receipts(v[0])}
    assert sorted(made) == sorted(normalized(name) for name, _ in owed.values())
    for name, amount in owed.values():
        assert balance(made[normalized(name)]) == amount, name
    for name, amount in account_balances(src).values():
        if amount < 0:
            assert f"client « {name} »" in r.stdout and "rien à réclamer" in r.stdout
    # the FEC has no due date: each invoice's is its date + 30 days, and the dossier and the output say so
    for d in made.values():
        assert all((f.echeance - f.date).days == 30 for f in d.factures)
        assert "Échéances supposées" in (d.folder / "dossier.yaml").read_text(encoding="utf-8")
    assert not made or "échéance supposée à la date de la facture + 30 jours" in r.stdout
    for d in list(made.values())[:4]:
        v = run("verifier", str(d.folder))
        assert v.exit_code == 0, v.stderr


def test_the_manifest_figures_of_the_lumped_opening_balances(run, tmp_path):
    """0000000001: naive "unlettered = open" is wrong (opening lines never lettered, lettering groups
    that do not balance); the manifest's genuinely open items are what is claimed."""
    need_corpus()
    root = tmp_path / "d"
    src = CORPUS / "fec/0000000001FEC20220831.txt"
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creditor_file(tmp_path)))
    assert r.exit_code == 0, r.stderr
    made = {d.debiteur.nom: balance(d) for d in dossiers(root).values()}
    assert made["PROSOL GESTION"] == Decimal("27123.29")
    assert made["P MONTARNAL TRANSPORT PMT"] == Decimal("18070.04")
    assert made["LAURENT PRIMEURS"] == Decimal("6661.27")
    assert "client « JULES NOURRIT » (compte 411000/CNOURR) : 2 lignes ouvertes, solde net de \u221279,13\u00a0€" in r.stdout
    assert sum(made.values()) - Decimal("79.13") == Decimal("52517.24")  # the net 411 balance of the manifest


def test_the_derived_summary_of_open_items_where_lettering_is_consistent(run, tmp_path):
    """open_customer_items.csv sums the unlettered lines; where every lettering group balances (all
    files but 0000000001, see the manifest's caveat) it is exactly what is claimed."""
    need_corpus()
    with (CORPUS / "fec/open_customer_items.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_file = defaultdict(list)
    for row in rows:
        if not row["fec_file"].startswith("0000000001"):
            by_file[row["fec_file"]].append(row)
    creancier = creditor_file(tmp_path)
    for name, items in by_file.items():
        root = tmp_path / name
        assert run("importer", str(CORPUS / "fec" / name), "--vers", str(root), "--creancier", str(creancier)).exit_code == 0
        made = {normalized(d.debiteur.nom): balance(d) for d in dossiers(root).values()}
        for item in items:
            who = normalized(item["CompAuxLib"] or "CLIENTS")
            expected = Decimal(item["open_balance_debit_minus_credit"])
            if is_receipts(who):  # the manifest: « no real B2B debtors »
                expected = Decimal(0)
            assert made.get(who, Decimal(0)) == (expected if expected > 0 else Decimal(0)), (name, who)


def test_the_receipts_of_a_till_kept_under_411_are_not_debtors(run, tmp_path):
    need_corpus()
    root = tmp_path / "d"
    r = run("importer", str(CORPUS / "fec/000000000FEC20231231.txt"), "--vers", str(root), "--creancier",
            str(creditor_file(tmp_path)))
    assert r.exit_code == 0, r.stderr
    assert tree(root) == {}
    for who, amount in (("RECETTE CB", "1\u00a0510,52"), ("RECETTE CHQ", "542,00"), ("RECETTE ESPECES", "25\u00a0719,18")):
        assert f"client « {who} » (compte 41100000/C" in r.stdout and f"compte de recettes ({amount}\u00a0€)" in r.stdout


def test_importing_a_fec_twice_changes_nothing(run, tmp_path):
    need_corpus()
    root = tmp_path / "d"
    args = ("importer", str(CORPUS / "fec/111111111FEC20221231.TXT"), "--vers", str(root), "--creancier",
            str(creditor_file(tmp_path)))
    assert run(*args).exit_code == 0
    before = tree(root)
    r = run(*args)
    assert r.exit_code == 0 and tree(root) == before
    assert "0 dossier créé, 0 dossier complété, 0 facture importée" in r.stdout and "déjà importée" in r.stdout


HEADER = ("JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|"
          "PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|MontantDevise|Idevise|")


def fec(tmp_path: Path, lines: list[str], encoding: str = "latin-1", name: str = "552100554FEC20251231.txt") -> Path:
    path = tmp_path / name
    path.write_bytes("\r\n".join([HEADER, *lines, ""]).encode(encoding))
    return path


def test_a_padded_latin1_pipe_fec_with_payments_and_a_month_long_piece_ref(run, tmp_path):
    cafe, autre = "41100001|CAFÉ DES ARTS      ", "41100002|AUTRE SA           "
    src = fec(tmp_path, [  # padded fields, signed zero-padded amounts, Latin-1, CRLF
        f"VE  |Ventes|00000001|20250109|41100000|CLIENTS|{cafe}|VE  0125|20250109|FACT 1|+000000100,00|0000000000,00|"
        "  |        |20250131|||",
        f"VE  |Ventes|00000002|20250120|41100000|CLIENTS|{cafe}|VE  0125|20250120|FACT 2|0000000050,50|0000000000,00|"
        "  |        |20250131|||",
        f"BQ  |Banque|00000003|20250205|41100000|CLIENTS|{cafe}|BQ  0225|20250205|VIR   |0000000000,00|0000000030,00|"
        "  |        |20250228|||",
        f"VE  |Ventes|00000004|20250109|41100000|CLIENTS|{autre}|VE  0125|20250109|FACT 3|0000000070,00|0000000000,00|"
        "AB|20250301|20250131|||",
        f"BQ  |Banque|00000005|20250301|41100000|CLIENTS|{autre}|BQ  0325|20250301|VIR   |0000000000,00|0000000070,00|"
        "AB|20250301|20250331|||",
        "VE  |Ventes|00000006|20250109|70100000|VENTES |        |                   |VE  0125|20250109|FACT 1|"
        "0000000000,00|0000000100,00|  |        |20250131|||",
        "OD  |Divers|00000007|20251231|41810000|FAE    |        |                   |OD  1225|20251231|FAE   |"
        "0000000500,00|0000000000,00|  |        |20251231|||",
    ])
    root = tmp_path / "d"
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creditor_file(tmp_path)), "--delai-paiement",
            "45")
    assert r.exit_code == 0, r.stderr
    (d,) = dossiers(root).values()  # AUTRE SA is lettered and balanced: nothing open
    assert d.debiteur.nom == "CAFÉ DES ARTS"
    assert [(f.numero, f.date, f.echeance, f.montant_ttc) for f in d.factures] == [
        ("VE 0125 / 00000001", date(2025, 1, 9), date(2025, 2, 23), Decimal("100.00")),
        ("VE 0125 / 00000002", date(2025, 1, 20), date(2025, 3, 6), Decimal("50.50"))]
    assert [(p.date, p.montant, p.facture) for p in d.paiements] == [(date(2025, 2, 5), Decimal("30.00"), "")]
    assert "factures à établir" in r.stdout  # 4181: not yet invoiced, never claimed
    assert "date de la facture + 45 jours" in (d.folder / "dossier.yaml").read_text(encoding="utf-8")
    assert run("verifier", str(d.folder)).exit_code == 0


def test_a_fec_with_montant_and_sens_columns(run, tmp_path):
    header = "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\t" \
             "PieceRef\tPieceDate\tEcritureLib\tMontant\tSens\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise"
    row = "VE\tVentes\t1\t20250301\t411000\tClients\tC1\tMartin SARL\tF-9\t20250301\tFacture F-9\t1200,00\tD\t\t\t\t\t"
    src = tmp_path / "export.txt"
    src.write_text("\ufeff" + header + "\n" + row + "\n", encoding="utf-8")
    root = tmp_path / "d"
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creditor_file(tmp_path)))
    assert r.exit_code == 0, r.stderr
    (d,) = dossiers(root).values()
    assert [(f.numero, f.montant_ttc, f.objet) for f in d.factures] == [("F-9", Decimal("1200.00"), "Facture F-9")]


@pytest.mark.parametrize("lines, expected", [
    (["JournalCode|Foo|Bar|Baz|a|b|c|d|e|f|g|h"], ["ligne 1", "en-tête FEC invalide", "EcritureNum"]),
    ([HEADER, "VE|V|1|20250101|411|C|C1|X|F1|20250101|L|12,3,4|0|||||"], ["ligne 2", "montant illisible"]),
    ([HEADER, "VE|V|1|20250101|411|C|C1|X|F1|2025-13-45|L|12|0|||||"], ["ligne 2", "PieceDate", "date illisible"]),
])
def test_a_bad_fec_is_refused_naming_file_and_line_and_nothing_is_written(run, tmp_path, lines, expected):
    src = tmp_path / "999999999FEC20251231.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    root = tmp_path / "d"
    r = run("importer", str(src), "--vers", str(root), "--creancier", str(creditor_file(tmp_path)))
    assert r.exit_code == 2
    assert str(src) in r.stderr and all(e in r.stderr for e in expected), r.stderr
    assert "Traceback" not in r.stderr and not root.exists()


def test_a_fec_needs_the_creditor(run, tmp_path):
    src = fec(tmp_path, [])
    r = run("importer", str(src), "--vers", str(tmp_path / "d"))
    assert r.exit_code == 2 and "--creancier" in r.stderr and not (tmp_path / "d").exists()
