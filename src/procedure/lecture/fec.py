"""The FEC (fichier des écritures comptables, LPF art. A47 A-1): the open items of the customer
accounts.

- Columns by name from the header (18 in the standard order, 22 in the BA/BNC variant, a trailing
  empty one in some exports); ``Montant`` + ``Sens`` stand for ``Debit`` / ``Credit`` when present.
- Separator: tab or ``|``; encoding: UTF-8 (with or without BOM), else Windows-1252/Latin-1; dates
  ``AAAAMMJJ``; amounts with a decimal comma, padded, signed (``+000000069,40``); CR, LF or CRLF.
- Customer accounts: ``411…``, ``413…``, ``416…``, one customer per auxiliary account
  (``CompAuxNum``), else per account. ``4181…`` (invoices not yet issued) is reported, never claimed.
- Open items: unlettered lines, and every line of a lettering group that does not balance (a
  partial lettering: the group's residue is open). Per customer they add up to the account's
  balance. Debits are invoices; credits (payments or credit notes left unlettered) are payments
  not tied to an invoice, which the décompte imputes (C. civ. 1342-10). A customer whose open
  items net to zero or less is reported, not imported.
- A till's receipts kept under 411 (« RECETTE CB », « RECETTES ESPECES »…) are not customers:
  reported, never claimed.
- The FEC has no due date: the use case applies ``--delai-paiement`` and says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from procedure.argent import format_eur
from procedure.erreurs import DossierError, Problem, os_reason
from procedure.lecture.import_commun import (ImportedInvoice, ImportedPayment, Lecture, Skip, clean, decimal_of,
                                             normalized, siren_of)
from procedure.modele import dossier as m
from procedure.texte_fr import plural

COLUMNS = ("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum",
           "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet",
           "ValidDate", "Montantdevise", "Idevise")
NEEDED = ("JournalCode", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum", "CompAuxLib",
          "PieceRef", "PieceDate", "EcritureLib", "EcritureLet")
CUSTOMER_ACCOUNTS = ("411", "413", "416")
NOT_YET_INVOICED = "4181"
RECEIPTS_WORDS = {"recette", "recettes", "caisse", "encaissement", "encaissements"}
OPENING_JOURNALS = {"an", "ano", "ran", "ouv", "anouv", "nouv"}
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class _Line:
    lineno: int
    journal: str
    num: str
    day: date
    compte: str
    compte_lib: str
    aux: str
    aux_lib: str
    piece: str
    lib: str
    amount: Decimal  # debit - credit
    let: str


def decode(raw: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-8 with or without BOM, else Windows-1252 (Latin-1 for its holes)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8 avec BOM"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "ISO-8859-1"


def looks_like_fec(path: Path, head: bytes) -> bool:
    """A FEC by its name (``<SIREN>FEC<AAAAMMJJ>``) or its header's first column."""
    if re.match(r"^\d{9}FEC\d{8}", path.name, re.I):
        return True
    return head.lstrip(b"\xef\xbb\xbf").lstrip()[:11].lower() == b"journalcode"


def _date(text: str) -> date | None:
    text = clean(text)
    for pattern, order in ((r"(\d{4})(\d{2})(\d{2})", "ymd"), (r"(\d{4})-(\d{2})-(\d{2})", "ymd"),
                           (r"(\d{2})/(\d{2})/(\d{4})", "dmy")):
        match = re.fullmatch(pattern, text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            try:
                return date(a, b, c) if order == "ymd" else date(c, b, a)
            except ValueError:
                return None
    return None


def read_fec(path: Path) -> Lecture:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DossierError(path, [Problem(f"lecture impossible ({os_reason(exc)})")]) from None
    text, encoding = decode(raw)
    rows = [r.rstrip("\r") for r in text.split("\n")]
    header = rows[0] if rows else ""
    sep = "\t" if header.count("\t") >= header.count("|") else "|"
    if header.count(sep) < 10:
        raise DossierError(path, [Problem("en-tête FEC introuvable : la première ligne doit nommer les colonnes "
                                          "(JournalCode, JournalLib, EcritureNum…) séparées par des tabulations ou "
                                          "des « | »", line=1)])
    names = [clean(h).lower() for h in header.split(sep)]
    index = {n: i for i, n in enumerate(names) if n}
    missing = [c for c in NEEDED if c.lower() not in index]
    signed = "debit" in index and "credit" in index
    if not signed and not ("montant" in index and "sens" in index):
        missing.append("Debit et Credit (ou Montant et Sens)")
    if missing:
        raise DossierError(path, [Problem("en-tête FEC invalide : colonnes manquantes : " + ", ".join(missing),
                                          line=1)])
    problems: list[Problem] = []
    lines: list[_Line] = []
    for lineno, row in enumerate(rows[1:], start=2):
        if not row.strip():
            continue
        cells = row.split(sep)

        def cell(name: str) -> str:
            i = index[name.lower()]
            return cells[i].strip() if i < len(cells) else ""

        compte = cell("CompteNum")
        if not compte.startswith(CUSTOMER_ACCOUNTS + (NOT_YET_INVOICED,)):
            continue
        try:
            if signed:
                amount = decimal_of(cell("Debit") or "0") - decimal_of(cell("Credit") or "0")
            else:
                sign = cell("Sens").upper()
                amount = decimal_of(cell("Montant") or "0") * (-1 if sign in ("C", "-1") else 1)
        except ValueError as exc:
            problems.append(Problem(f"montant illisible : {exc}", field="Debit/Credit", line=lineno))
            continue
        which = "PieceDate" if cell("PieceDate") else "EcritureDate"  # the piece's date, else the entry's
        day = _date(cell(which))
        if day is None:
            problems.append(Problem(f"date illisible (« {cell(which)} », attendu AAAAMMJJ)", field=which, line=lineno))
            continue
        lines.append(_Line(lineno, cell("JournalCode"), cell("EcritureNum"), day, compte, clean(cell("CompteLib")),
                           cell("CompAuxNum"), clean(cell("CompAuxLib")), clean(cell("PieceRef")),
                           clean(cell("EcritureLib")), amount, cell("EcritureLet")))
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise DossierError(path, problems)
    return _open_items(path, lines, f"FEC, {'tabulations' if sep == chr(9) else 'séparateur |'}, {encoding}")


def _open_items(path: Path, lines: list[_Line], kind: str) -> Lecture:
    out = Lecture(source=path, kind=kind, needs_creditor=True)
    match = re.match(r"^(\d{9})FEC", path.name, re.I)
    out.creditor_siren = siren_of(match.group(1)) if match else ""
    accounts: dict[tuple[str, str], list[_Line]] = defaultdict(list)
    for ln in lines:
        accounts[(ln.compte, ln.aux)].append(ln)
    customers = [k for k in accounts if not k[0].startswith(NOT_YET_INVOICED)]
    if customers and not any(ln.let for k in customers for ln in accounts[k]):
        out.notes.append(f"{path.name} : aucune ligne des comptes clients n'est lettrée : le lettrage n'y est pas tenu, "
                         "et une ligne non lettrée n'y est pas forcément impayée ; vérifiez chaque solde")
    for key in sorted(accounts):
        _customer(out, path, key, accounts[key])
    return out


def _customer(out: Lecture, path: Path, key: tuple[str, str], lines: list[_Line]) -> None:
    compte, aux = key
    groups: dict[str, list[_Line]] = defaultdict(list)
    for ln in lines:
        groups[ln.let].append(ln)
    unbalanced = {let for let, grp in groups.items() if let and sum(x.amount for x in grp) != 0}
    open_lines = [ln for ln in lines if not ln.let or ln.let in unbalanced]
    open_lines = [ln for ln in open_lines if ln.amount != 0]
    if not open_lines:
        return
    name = lines[0].aux_lib or lines[0].compte_lib or f"client {aux or compte}"
    account = f"{compte}/{aux}" if aux else compte
    net = sum((ln.amount for ln in open_lines), Decimal("0"))
    what = f"client « {name} » (compte {account})"
    if compte.startswith(NOT_YET_INVOICED):
        out.skipped.append(Skip(path, what, f"factures à établir ({format_eur(net)}) : pas encore émises, rien à "
                                            "réclamer"))
        return
    if _is_receipts(name):
        out.skipped.append(Skip(path, what, f"compte de recettes ({format_eur(net)}) : des ventes au comptant "
                                            "encaissées par carte, chèque, espèces ou virement, pas un client ; rien à réclamer, "
                                            "l'écart est à rapprocher en comptabilité"))
        return
    if net <= 0:
        out.skipped.append(Skip(path, what, f"{len(open_lines)} lignes ouvertes, solde net de {format_eur(net)} : "
                                            "rien à réclamer (solde nul ou en faveur du client)"))
        return
    buyer = m.Party(type=m.PROFESSIONNEL, nom=name, adresse=m.Address("", "", ""))
    debits = [ln for ln in open_lines if ln.amount > 0]
    credits = [ln for ln in open_lines if ln.amount < 0]
    common = [] if aux else [f"pas de compte auxiliaire : le débiteur est le compte {compte} « {name} », à vérifier"]
    numeros = _numbers(debits)
    for ln in debits:
        notes = list(common)
        if ln.let:
            notes.append(f"lettrage « {ln.let} » déséquilibré : ses lignes sont reprises")
        if _is_opening(ln):
            notes.append("report à nouveau : il regroupe des factures d'un exercice antérieur ; remplacez-le par les "
                         "factures d'origine si vous les avez")
        out.invoices.append(ImportedInvoice(
            source=path, numero=numeros[ln.lineno], seller=None, buyer=buyer, date=ln.day, echeance=None,
            montant_ttc=ln.amount, montant_du=ln.amount, objet=ln.lib if normalized(ln.lib) else "",
            where=f"ligne {ln.lineno}, journal {ln.journal}, écriture {ln.num or '?'}", kind=out.kind,
            notes=tuple(notes), buyer_ref=account))
    for ln in credits:
        out.payments.append(ImportedPayment(
            ln.day, -ln.amount, "", f"crédit non lettré au FEC (ligne {ln.lineno}, pièce {ln.piece or '?'}, "
                                    f"{ln.lib or 'sans libellé'}) : règlement ou avoir", buyer=buyer, source=path))
    if credits:
        total = -sum((ln.amount for ln in credits), Decimal("0"))
        out.notes.append(f"{what} : {plural(len(credits), 'crédit non lettré', 'crédits non lettrés')} ({format_eur(total)}) "
                         f"repris comme paiements non affectés ; solde net réclamé : {format_eur(net)}")


def _is_receipts(name: str) -> bool:
    """A clearing account of a till's takings (« RECETTE CB », « RECETTES ESPECES »), which some
    small businesses keep among the 411 accounts: its balance is nobody's debt."""
    return normalized(name).split(" ")[0] in RECEIPTS_WORDS


def _is_opening(ln: _Line) -> bool:
    return normalized(ln.journal).replace(" ", "") in OPENING_JOURNALS or normalized(ln.piece) in ("ran", "an") or (
        "nouveau" in normalized(ln.lib))


def _numbers(debits: list[_Line]) -> dict[int, str]:
    """An invoice number per debit line: its PieceRef, made unique within the customer (a sales
    journal may give one PieceRef to a whole month) by the entry number, else the date, else a rank."""
    bases: dict[int, str] = {}
    for ln in debits:
        base = ln.piece if ln.piece and normalized(ln.piece) not in ("", "sans") else f"{ln.journal}-{ln.num}"
        bases[ln.lineno] = base[:60]
    by_base: dict[str, list[_Line]] = defaultdict(list)
    for ln in debits:
        by_base[bases[ln.lineno]].append(ln)
    out: dict[int, str] = {}
    for base, same in by_base.items():
        if len(same) == 1:
            out[same[0].lineno] = base
            continue
        for make in (lambda x: f"{base} / {x.num}", lambda x: f"{base} du {x.day.isoformat()}"):
            names = [make(x) for x in same]
            if len(set(names)) == len(names):
                out.update({x.lineno: n for x, n in zip(same, names)})
                break
        else:
            out.update({x.lineno: f"{base} du {x.day.isoformat()} #{k}" for k, x in enumerate(same, start=1)})
    return out
