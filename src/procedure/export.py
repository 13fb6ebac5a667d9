"""The décompte as data: the JSON object of SPEC §3 and a CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from procedure.law.decompte import Decompte
from procedure.money import format_decimal_fr, plain


def decompte_to_dict(d: Decompte, with_periods: bool = True) -> dict[str, Any]:
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
        "total": plain(d.total),
        "regime": d.nature or "aucun",
        "fondement": d.basis,
        "factures": [
            {
                "numero": s.facture.numero,
                "date": s.facture.date.isoformat(),
                "echeance": s.facture.echeance.isoformat(),
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
                    for p in (s.periods if with_periods else ())
                ],
                "paiements": [
                    {"date": a.date.isoformat(), "montant": plain(a.montant), "interets": plain(a.interets),
                     "principal": plain(a.principal)}
                    for a in s.allocations
                ],
                "indemnite_fondement": s.indemnite_fondement or None,
            }
            for s in d.lines
        ],
        "non_impute": plain(d.non_impute),
        "avertissements": list(d.warnings),
    }


CSV_COLUMNS = ["facture", "ligne", "du", "au", "jours", "base", "taux", "montant", "fondement"]


def decompte_to_csv(d: Decompte) -> str:
    """One row per line of the décompte; an invoice's rows add up to its ``total facture`` row.

    French spreadsheet conventions: ``;`` separator, decimal comma, UTF-8 with BOM.
    """
    def amount(v):
        return format_decimal_fr(v).replace("\u00a0", "")

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for s in d.lines:
        n = s.facture.numero
        w.writerow([n, "principal", s.facture.date.isoformat(), s.facture.echeance.isoformat(), "", "", "",
                    amount(s.montant_ttc), ""])
        for p in s.periods:
            w.writerow([n, "intérêts", p.du.isoformat(), p.au.isoformat(), p.jours, amount(p.base),
                        amount(p.taux), amount(p.montant), p.fondement])
        if s.indemnite:
            w.writerow([n, "indemnité forfaitaire", "", "", "", "", "", amount(s.indemnite), s.indemnite_fondement])
        for a in s.allocations:
            w.writerow([n, "paiement", a.date.isoformat(), "", "", "", "", amount(-a.montant), ""])
        w.writerow([n, "total facture", "", "", "", "", "", amount(s.reste_du), ""])
    w.writerow(["", "total", "", d.au.isoformat(), "", "", "", amount(d.total), ""])
    return "\ufeff" + buf.getvalue()


_PERIOD_KEYS = ("du", "au", "jours", "base", "taux", "montant", "fondement", "detail", "verifie")


def decompte_to_json(d: Decompte, indent: int | None = 2) -> str:
    """The JSON text of :func:`decompte_to_dict`. Without indentation (large décomptes), the
    periods, by far the most numerous objects, are written straight to text: the same JSON,
    about twice as fast as building and encoding tens of thousands of dictionaries."""
    data = decompte_to_dict(d) if indent else _dict_without_periods(d)
    if indent:
        return json.dumps(data, ensure_ascii=False, indent=indent)
    quoted: dict = {}

    def q(text: str) -> str:
        out = quoted.get(text)
        if out is None:
            out = quoted[text] = json.dumps(text, ensure_ascii=False)
        return out

    def periods(st) -> str:
        return "[" + ", ".join(
            f'{{"du": "{p.du.isoformat()}", "au": "{p.au.isoformat()}", "jours": {p.jours}, "base": "{p.base}", '
            f'"taux": "{p.taux}", "montant": "{p.montant}", "fondement": {q(p.fondement)}, '
            f'"detail": {q(p.detail)}, "verifie": {"true" if p.verifie else "false"}}}'
            for p in st.periods) + "]"

    invoices = []
    for st, entry in zip(d.lines, data.pop("factures")):
        text = json.dumps(entry, ensure_ascii=False)
        invoices.append(text[:-1] + ', "periodes": ' + periods(st) + "}")
    text = json.dumps(data, ensure_ascii=False)
    return text[:-1] + ', "factures": [' + ", ".join(invoices) + "]}"


def _dict_without_periods(d: Decompte) -> dict[str, Any]:
    data = decompte_to_dict(d, with_periods=False)
    for entry in data["factures"]:
        del entry["periodes"]
    return data
