"""Spreadsheets of unpaid invoices (aged receivables, "balance âgée"): CSV (the csv module, its
dialect sniffed) and XLSX (openpyxl).

The columns are found by a mapping (``--colonnes``: a YAML ``{numero: "N° facture", ...}``), or
by default from the usual French headers (``N° facture``, ``Date``, ``Échéance``, ``Montant TTC``,
``Reste dû``, ``Client``, ``SIREN``, ``Adresse``, ``Code postal``, ``Ville``…), in the first rows
of the sheet (a title may come first). What is claimed: ``Reste dû`` when the column exists,
else ``Montant TTC`` less ``Réglé``, else ``Montant TTC``; what was paid is recorded as a payment
dated on the invoice (its date is unknown). A row with no due date is refused unless
``--delai-paiement`` is given (IMPORTS.md); the import says which date it used.

>>> field_of("N° facture"), field_of("Date d'échéance"), field_of("Reste dû"), field_of("Couleur")
('numero', 'echeance', 'reste_du', '')
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from procedure.erreurs import DossierError, Problem, os_reason
from procedure.lecture.fec import decode
from procedure.lecture.import_commun import (ImportedInvoice, ImportedPayment, Lecture, Skip, claim_problem, clean,
                                             decimal_of, normalized, siren_of, siret_of)
from procedure.modele import dossier as m
from procedure.modele.statuts import Status

# field -> the usual headers, normalised (no accents, lower case, punctuation as spaces)
HEADERS = {
    "numero": ("n facture", "no facture", "num facture", "numero", "numero facture", "numero de facture",
               "n de facture", "facture", "n piece", "numero piece", "piece", "ref facture", "reference facture"),
    "date": ("date", "date facture", "date de facture", "date piece", "date d emission", "date emission"),
    "echeance": ("echeance", "date echeance", "date d echeance", "date limite de paiement", "date de paiement prevue"),
    "montant_ttc": ("montant ttc", "total ttc", "ttc", "montant", "montant facture", "montant de la facture"),
    "reste_du": ("reste du", "reste a payer", "solde", "solde du", "restant du", "montant du", "reste"),
    "regle": ("regle", "paye", "montant regle", "montant paye", "deja regle", "encaisse", "reglements"),
    "client": ("client", "raison sociale", "nom client", "nom du client", "debiteur", "societe", "nom"),
    "siren": ("siren", "n siren", "numero siren"),
    "siret": ("siret", "n siret", "numero siret"),
    "adresse": ("adresse", "adresse 1", "adresse ligne 1", "rue"),
    "complement": ("adresse 2", "adresse ligne 2", "complement", "complement d adresse"),
    "code_postal": ("code postal", "cp"),
    "ville": ("ville", "commune", "localite"),
    "email": ("email", "e mail", "courriel", "adresse electronique"),
    "objet": ("objet", "libelle", "designation", "description"),
    "statut": ("statut", "statut facture", "etat"),
    "devise": ("devise", "monnaie"),
}
REQUIRED = ("numero", "date", "client")
SCAN_ROWS = 20


def field_of(header: Any) -> str:
    norm = normalized(str(header or ""))
    return next((f for f, names in HEADERS.items() if norm in names), "")


def read_mapping(path: Path) -> dict[str, str]:
    """The ``--colonnes`` file: field -> header, checked like a dossier (unknown keys refused)."""
    import yaml

    from procedure.lecture.schema import Key, Located, Mapping, Text

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise DossierError(path, [Problem(f"lecture impossible ({os_reason(exc)})")]) from None
    except UnicodeDecodeError:
        raise DossierError(path, [Problem("le fichier n'est pas en UTF-8")]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DossierError(path, [Problem(f"syntaxe YAML invalide ({getattr(exc, 'problem', '') or exc})",
                                          line=mark.line + 1 if mark else None)]) from None
    if node is None:
        raise DossierError(path, [Problem("le fichier est vide")])
    log = Located()
    values = Mapping({f: Key(Text(max_len=200)) for f in HEADERS}).read(node, "", log)
    if log.problems or values is None:
        raise DossierError(path, log.problems)
    mapping = {k: v for k, v in values.items() if not k.startswith("__") and v}
    if not mapping:
        raise DossierError(path, [Problem("aucune colonne donnée (ex. numero: \"N° facture\")")])
    return mapping


def _csv_rows(path: Path) -> tuple[list[tuple[int, list[Any]]], str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DossierError(path, [Problem(f"lecture impossible ({os_reason(exc)})")]) from None
    if b"\x00" in raw[:4096]:
        raise DossierError(path, [Problem("ce fichier n'est pas un CSV (contenu binaire)")])
    text, encoding = decode(raw)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        dialect = csv.excel
        dialect.delimiter = ";" if sample.count(";") >= sample.count(",") else ","  # type: ignore[misc]
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise DossierError(path, [Problem(f"CSV illisible : {exc}", line=reader.line_num)]) from None
    return rows, f"CSV, séparateur « {dialect.delimiter} », {encoding}"


def _xlsx_rows(path: Path) -> tuple[list[tuple[int, list[Any]]], str]:
    import zipfile

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():  # openpyxl warns about styles and extensions it ignores
            warnings.simplefilter("ignore")
            book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DossierError(path, [Problem(f"classeur XLSX illisible ({type(exc).__name__})")]) from None
    try:
        for sheet in book.worksheets:
            rows = [(i, list(r)) for i, r in enumerate(sheet.iter_rows(values_only=True), start=1)]
            if _header(rows, None)[0] is not None:
                return rows, f"XLSX, feuille « {sheet.title} »"
        first = book.worksheets[0]
        return [(i, list(r)) for i, r in enumerate(first.iter_rows(values_only=True), start=1)], "XLSX"
    finally:
        book.close()


def _header(rows, mapping: dict[str, str] | None) -> tuple[int | None, dict[str, int]]:
    """(index in rows, field -> column) of the header row, or (None, {})."""
    best: tuple[int | None, dict[str, int]] = (None, {})
    for k, (_, row) in enumerate(rows[:SCAN_ROWS]):
        cells = [normalized(str(c or "")) for c in row]
        if mapping:
            wanted = {f: normalized(h) for f, h in mapping.items()}
            if all(w in cells for w in wanted.values()):
                cols = {f: cells.index(w) for f, w in wanted.items()}
                for i, c in enumerate(row):  # the default recognises the columns the mapping leaves out
                    f = field_of(c)
                    if f and f not in cols and i not in cols.values():
                        cols[f] = i
                return k, cols
            continue
        cols = {}
        for i, c in enumerate(row):
            f = field_of(c)
            if f and f not in cols:
                cols[f] = i
        if all(f in cols for f in REQUIRED) and ("montant_ttc" in cols or "reste_du" in cols):
            if len(cols) > len(best[1]):
                best = (k, cols)
    return best


def read_table(path: Path, kind: str, mapping: dict[str, str] | None = None) -> Lecture:
    rows, label = _xlsx_rows(path) if kind == "xlsx" else _csv_rows(path)
    at, cols = _header(rows, mapping)
    if at is None:
        found = next((r for _, r in rows if any(c not in (None, "") for c in r)), [])
        shown = ", ".join(f"« {clean(str(c))} »" for c in found if c not in (None, ""))[:300] or "aucune"
        if mapping:
            raise DossierError(path, [Problem("colonnes de --colonnes introuvables dans les premières lignes : "
                                              + ", ".join(f"{f}: « {h} »" for f, h in mapping.items())
                                              + f" ; colonnes trouvées : {shown}", line=rows[0][0] if rows else None)])
        raise DossierError(path, [Problem(
            "colonnes non reconnues : il faut au moins « N° facture », « Date », « Client » et « Montant TTC » ou "
            f"« Reste dû » (ou un fichier --colonnes) ; colonnes trouvées : {shown}", line=rows[0][0] if rows else None)])
    header_row = rows[at][1]
    out = Lecture(source=path, kind=label, needs_creditor=True, refuse_without_due=True)
    out.notes.append(f"{path.name} : échéance lue dans la colonne « {clean(str(header_row[cols['echeance']]))} »"
                     if "echeance" in cols else f"{path.name} : pas de colonne d'échéance")
    problems: list[Problem] = []
    for lineno, row in rows[at + 1:]:
        _row(out, path, lineno, row, cols, header_row, problems)
        if len(problems) >= 20:
            break
    if problems:
        raise DossierError(path, problems)
    return out


def _row(out: Lecture, path: Path, lineno: int, row: list[Any], cols: dict[str, int], header: list[Any],
         problems: list[Problem]) -> None:
    def raw(f: str) -> Any:
        i = cols.get(f)
        value = row[i] if i is not None and i < len(row) else None
        return value.strip() if isinstance(value, str) else value

    def name(f: str) -> str:
        return clean(str(header[cols[f]]))

    if all(v in (None, "") for v in row):
        return
    numero = clean(str(raw("numero") or ""))
    numero = numero[:-2] if re.fullmatch(r"\d+\.0", numero) else numero  # a number typed in a spreadsheet cell
    client = clean(str(raw("client") or ""))
    if "total" in normalized(numero + " " + client).split() or not numero:
        what = f"ligne {lineno}"
        if any(raw(f) not in (None, "") for f in ("montant_ttc", "reste_du")):
            out.skipped.append(Skip(path, what, "ligne de total" if "total" in normalized(numero + " " + client)
                                    else "ligne sans numéro de facture"))
        return
    values: dict[str, Any] = {}
    for f, parse in (("date", _date), ("echeance", _date), ("montant_ttc", _amount), ("reste_du", _amount),
                     ("regle", _amount)):
        v = raw(f)
        if v in (None, ""):
            continue
        try:
            values[f] = parse(v)
        except ValueError as exc:
            problems.append(Problem(str(exc), field=name(f), line=lineno))
    if not client:
        problems.append(Problem("client manquant", field=name("client"), line=lineno))
    if "date" not in values and raw("date") in (None, ""):
        problems.append(Problem("date de facture manquante", field=name("date"), line=lineno))
    if problems or ("montant_ttc" not in values and "reste_du" not in values):
        if "montant_ttc" not in values and "reste_du" not in values and not problems:
            problems.append(Problem("montant manquant", line=lineno))
        return
    total = values.get("montant_ttc", values.get("reste_du"))
    due = values["reste_du"] if "reste_du" in values else total - values.get("regle", Decimal("0"))
    notes: list[str] = []
    status, status_text = None, clean(str(raw("statut") or ""))
    if status_text:
        try:
            status = Status.parse(status_text)
        except ValueError:
            notes.append(f"statut « {status_text[:80]} » inconnu, non repris")
    siren_text = clean(str(raw("siren") or raw("siret") or ""))
    siren, siret = siren_of(siren_text), siret_of(siren_text)
    if siren_text and not siren:
        notes.append(f"SIREN « {siren_text} » invalide, non repris")
    email = clean(str(raw("email") or ""))
    buyer = m.Party(type=m.PROFESSIONNEL, nom=client, siren=siren, siret=siret,
                    email=email if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email) else "",
                    adresse=m.Address(clean(str(raw("adresse") or "")), _postcode(raw("code_postal")),
                                      clean(str(raw("ville") or "")), ligne2=clean(str(raw("complement") or ""))))
    payments = ()
    reason = claim_problem("380", clean(str(raw("devise") or "EUR")) or "EUR", due, status)
    if not reason and total > due:
        payments = (ImportedPayment(values["date"], total - due, numero, "déjà réglé selon le tableau ; date du "
                                    "règlement inconnue : la date de la facture est retenue", source=path),)
    out.invoices.append(ImportedInvoice(
        source=path, numero=numero[:100], seller=None, buyer=buyer, date=values["date"],
        echeance=values.get("echeance"), montant_ttc=max(total, due), montant_du=due, payments=payments,
        status=status, skip_reason=reason, objet=clean(str(raw("objet") or "")), where=f"ligne {lineno}",
        kind=out.kind, notes=tuple(notes)))


def _postcode(value: Any) -> str:
    text = clean(str(value or ""))
    if re.fullmatch(r"\d{4}(\.0)?", text):  # a number cell lost its leading zero: 6000 -> 06000
        text = "0" + text[:4]
    return text


def _amount(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"« {value} » n'est pas un montant")
    if isinstance(value, (int, float, Decimal)):
        return decimal_of(repr(value) if isinstance(value, float) else str(value))
    return decimal_of(str(value))


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean(str(value))
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", text)
    if match:
        y, mo, d = (int(g) for g in match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", text)
        if not match:
            raise ValueError(f"« {text} » n'est pas une date (JJ/MM/AAAA ou AAAA-MM-JJ)")
        d, mo, y = (int(g) for g in match.groups())
        y = y + 2000 if y < 100 else y
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValueError(f"« {text} » est une date impossible") from None

