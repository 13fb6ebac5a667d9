"""The décompte as data: the JSON object of SPEC §3 and a CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from procedure.droit.decompte import Decompte
from procedure.argent import ZERO, format_decimal_fr, plain


def to_dict(d: Decompte, with_invoices: bool = True) -> dict[str, Any]:
    """SPEC §3, extended with the legal basis of each period and the warnings."""
    iso_cache: dict = {}

    def iso(day):  # the same few dates recur in thousands of periods
        text = iso_cache.get(day)
        if text is None:
            text = iso_cache[day] = day.isoformat()
        return text

    return {
        "reference": d.reference,
        "au": d.au.isoformat(),
        "principal": plain(d.principal),
        "paye": plain(d.paye),
        "interets": plain(d.interets),
        "indemnites": plain(d.indemnites),
        "frais": plain(d.frais),  # after a title: costs noted (dépens), see procedure.droit.titre
        "total": plain(d.total),
        "credit": plain(d.credit),  # the debtor's trop-perçu: paid beyond every debt, never claimed
        "regime": d.nature or "aucun",
        "fondement": d.basis,
        "factures": [
            {
                "numero": s.facture.numero,
                "date": s.facture.date.isoformat(),
                "echeance": s.facture.echeance.isoformat(),
                "date_execution": s.facture.date_execution.isoformat() if s.facture.date_execution else None,
                "montant_ttc": plain(s.montant_ttc),
                "paye": plain(s.paye),
                "interets": plain(s.interets),
                "indemnite": plain(s.indemnite),
                "reste_du": plain(s.reste_du),
                "debut_interets": s.debut_interets.isoformat() if s.debut_interets else None,
                "periodes": [
                    {
                        # base, taux and montant are two-decimal Decimals by construction (law.decompte)
                        "du": iso(p.du), "au": iso(p.au), "jours": p.jours,
                        "base": str(p.base), "taux": str(p.taux), "montant": str(p.montant),
                        "fondement": p.fondement, "detail": p.detail, "verifie": p.verifie,
                    }
                    for p in s.periods
                ],
                "paiements": [
                    {"date": a.date.isoformat(), "montant": plain(a.montant), "interets": plain(a.interets),
                     "principal": plain(a.principal), "indemnite": plain(a.indemnite)}
                    for a in s.allocations
                ],
                "indemnite_fondement": s.indemnite_fondement or None,
            }
            for s in (d.lines if with_invoices else ())
        ],
        "non_impute": plain(d.non_impute),
        "titre": _title(d),
        "frais_detail": [{"date": c.date.isoformat(), "libelle": c.libelle, "fondement": c.fondement,
                          "montant": plain(c.montant)} for c in d.couts.costs],
        "frais_payes": plain(d.frais_payes),
        "avertissements": list(d.warnings),
    }


def _title(d: Decompte) -> dict | None:
    t = d.titre
    if t is None:
        return None
    return {"ordonnance": t.date.isoformat(), "numero": t.numero or None,
            "signification": t.signification.isoformat() if t.signification else None,
            "executoire_depuis": t.executoire.isoformat() if t.executoire else None,
            "majoration_depuis": t.raise_since.isoformat() if t.raise_since else None}


CSV_COLUMNS = ["facture", "ligne", "du", "au", "jours", "base", "taux", "montant", "fondement"]


def to_csv(d: Decompte, lines: list | None = None, principal_only: bool = False) -> str:
    """One row per line of the décompte; an invoice's rows add up to its ``total facture`` row.

    ``lines``: only these invoices (a letter's annex: the invoices it claims), the total being the
    sum of their rows; ``principal_only`` (a relance's): each invoice, its payments, its balance.
    French spreadsheet conventions: ``;`` separator, decimal comma, UTF-8 with BOM.
    """
    def amount(v):
        return format_decimal_fr(v).replace("\u00a0", "")

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    total = ZERO
    for s in (d.lines if lines is None else lines):
        n = s.facture.numero
        w.writerow([n, "principal", s.facture.date.isoformat(), s.facture.echeance.isoformat(), "", "", "",
                    amount(s.montant_ttc), ""])
        if not principal_only:
            for p in s.periods:
                w.writerow([n, "intérêts", p.du.isoformat(), p.au.isoformat(), p.jours, amount(p.base),
                            amount(p.taux), amount(p.montant), p.fondement])
            if s.indemnite:
                w.writerow([n, "indemnité forfaitaire", "", "", "", "", "", amount(s.indemnite), s.indemnite_fondement])
        for a in s.allocations:
            w.writerow([n, "paiement", a.date.isoformat(), "", "", "", "", amount(-a.montant), ""])
        rest = s.montant_ttc - s.paye if principal_only else s.reste_du
        total += rest
        w.writerow([n, "solde facture" if principal_only else "total facture", "", "", "", "", "", amount(rest), ""])
    if not principal_only:
        for c in d.couts.costs:  # after a title: the costs noted (dépens), then what paid them
            w.writerow(["", "frais", c.date.isoformat(), "", "", "", "", amount(c.montant), c.fondement])
        for when, paid in d.couts.allocations:
            w.writerow(["", "paiement imputé sur les frais", when.isoformat(), "", "", "", "", amount(-paid), ""])
        total += d.frais - d.frais_payes
    w.writerow(["", "total", "", d.au.isoformat(), "", "", "", amount(d.total if lines is None else total), ""])
    if d.credit > 0:  # outside the totals: owed to the debtor, not by him
        w.writerow(["", "trop-perçu en faveur du débiteur", "", d.au.isoformat(), "", "", "", amount(d.credit), ""])
    return "\ufeff" + buf.getvalue()


_PERIOD_KEYS = ("du", "au", "jours", "base", "taux", "montant", "fondement", "detail", "verifie")


def to_json(d: Decompte, indent: int | None = 2) -> str:
    """The JSON text of :func:`to_dict`. Without indentation (large décomptes), the
    invoices and their periods, by far the most numerous objects, are written straight to text:
    the same JSON (a property test holds them equal), several times faster than building and
    encoding tens of thousands of dictionaries. Text from the dossier always goes through
    ``json.dumps``."""
    if indent:
        return json.dumps(to_dict(d), ensure_ascii=False, indent=indent)
    quoted: dict = {}

    def q(text: str) -> str:  # the few legal texts recur in every period: quote each once
        out = quoted.get(text)
        if out is None:
            out = quoted[text] = json.dumps(text, ensure_ascii=False)
        return out

    def periods(st) -> str:
        return ", ".join(
            f'{{"du": "{p.du.isoformat()}", "au": "{p.au.isoformat()}", "jours": {p.jours}, "base": "{p.base}", '
            f'"taux": "{p.taux}", "montant": "{p.montant}", "fondement": {q(p.fondement)}, '
            f'"detail": {q(p.detail)}, "verifie": {"true" if p.verifie else "false"}}}'
            for p in st.periods)

    def payments(st) -> str:
        return ", ".join(
            f'{{"date": "{a.date.isoformat()}", "montant": "{plain(a.montant)}", "interets": "{plain(a.interets)}", '
            f'"principal": "{plain(a.principal)}", "indemnite": "{plain(a.indemnite)}"}}' for a in st.allocations)

    def invoice(st) -> str:
        f = st.facture
        start = f'"{st.debut_interets.isoformat()}"' if st.debut_interets else "null"
        basis = q(st.indemnite_fondement) if st.indemnite_fondement else "null"
        done = f'"{f.date_execution.isoformat()}"' if f.date_execution else "null"
        return (f'{{"numero": {json.dumps(f.numero, ensure_ascii=False)}, "date": "{f.date.isoformat()}", '
                f'"echeance": "{f.echeance.isoformat()}", "date_execution": {done}, '
                f'"montant_ttc": "{plain(st.montant_ttc)}", '
                f'"paye": "{plain(st.paye)}", "interets": "{plain(st.interets)}", "indemnite": "{plain(st.indemnite)}", '
                f'"reste_du": "{plain(st.reste_du)}", "debut_interets": {start}, "periodes": [{periods(st)}], '
                f'"paiements": [{payments(st)}], "indemnite_fondement": {basis}}}')

    head = to_dict(d, with_invoices=False)
    del head["factures"]
    text = json.dumps(head, ensure_ascii=False)
    return text[:-1] + ', "factures": [' + ", ".join(invoice(st) for st in d.lines) + "]}"
