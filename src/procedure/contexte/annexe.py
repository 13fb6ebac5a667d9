"""A letter stays a letter: how a long dossier's invoices appear in a letter, and its annex.

The invoices a document claims are shown in one of three forms, chosen by their number (:func:`form`):

- ``detail``, up to 30 invoices: as a letter always showed them (the mise en demeure and the requête
  carry the detailed décompte; the relance and the avertissement one line per invoice). For the
  documents that carry the detailed décompte, also at most 150 of its lines: some 40 lines fill a
  page, so the table stays within four pages and the letter within six. Thirty invoices a few months
  late (five lines each: the invoice, two periods of interest, the indemnity, the subtotal) fit; older
  invoices, whose interest runs over many half-years, reach the line bound first.
- ``lignes``, up to 200 invoices: one line per invoice with its totals (45 lines a page, five pages at
  most), which the debtor's accountant still ticks off against his ledger; the detailed décompte is
  annexed.
- ``totaux``, beyond: the totals alone, and the letter keeps its two or three pages; the invoices,
  one by one with their detail, are in the annex (a list of thousands of invoices is a ledger, not a
  letter).

The annex is a separate file written by the same run, in the same journal entry as the letter:
``AAAA-MM-JJ_<ref>_decompte-annexe.pdf`` with the same lines as CSV (a relance, which claims the
principal only, gets ``releve-annexe``: each invoice, its payments and its balance). It is drawn by
:mod:`procedure.rendu.annexe`, in memory proportional to the file. Each invoice ends with its
subtotal, the sum of its printed lines; the total is the sum of the subtotals, carried forward from
page to page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from procedure.argent import NBSP, ZERO, format_eur
from procedure.contexte.commun import describe_party
from procedure.contexte.decompte import cost_rows, credit_line, invoice_detail, legal_basis, summary
from procedure.droit.decompte import Decompte, InvoiceStatement
from procedure.droit.en_lettres import amount_in_words
from procedure.droit.regles import RULE_NONE
from procedure.modele import dossier as m
from procedure.modele.actions import Document
from procedure.texte_fr import date_fr

DETAIL_MAX_INVOICES = 30
DETAIL_MAX_LINES = 150
LINES_MAX_INVOICES = 200
DETAIL, LINES, TOTALS = "detail", "lignes", "totaux"
# the documents whose short form carries the detailed décompte itself
DETAILED = (Document.MISE_EN_DEMEURE, Document.REQUETE, Document.DECOMPTE)

ANNEX_NAME = "decompte-annexe"
STATEMENT_NAME = "releve-annexe"
OF_DOCUMENT = {Document.RELANCE: "à la relance", Document.AVERTISSEMENT: "à la lettre d'avertissement",
               Document.MISE_EN_DEMEURE: "à la mise en demeure", Document.REQUETE: "à la requête en injonction de payer"}


def detail_line_count(lines: list[InvoiceStatement]) -> int:
    """The lines of the detailed décompte (:func:`procedure.contexte.decompte.invoice_detail`),
    counted without writing them."""
    return sum(2 + len(s.periods) + len(s.allocations) + (1 if s.indemnite else 0) for s in lines)


def form(kind: str, lines: list[InvoiceStatement]) -> str:
    """``detail``, ``lignes`` or ``totaux`` (see the module's text)."""
    if len(lines) > LINES_MAX_INVOICES:
        return TOTALS
    if len(lines) > DETAIL_MAX_INVOICES:
        return LINES
    if kind in DETAILED and detail_line_count(lines) > DETAIL_MAX_LINES:
        return LINES
    return DETAIL


def count(n: int, word: str) -> str:
    """``2 000 factures`` (a no-break space between thousands), ``1 facture``.

    >>> count(2000, "facture")
    '2\\xa0000 factures'
    """
    return f"{n:,}".replace(",", NBSP) + f" {word}{'s' if n > 1 else ''}"


def recap(kind: str, d: Decompte, lines: list[InvoiceStatement]) -> dict:
    """The totals of the invoices claimed, each figure on a line, the last one being their sum: the
    letter's short form and the annex's end. A relance claims the principal only."""
    s = summary(d, lines)
    n = count(len(lines), "facture")
    rows = [{"libelle": f"Factures échues ({n}), montant TTC", "montant": s["total_montant"]},
            {"libelle": "Règlements reçus", "montant": s["paye"]}]
    if kind == Document.RELANCE:
        return {"lignes": rows, "total_libelle": "Solde restant dû", "total": s["solde_principal"]}
    if d.rule != RULE_NONE or any(x.interets for x in lines):
        rows.append({"libelle": (d.nature or "intérêts").capitalize(), "montant": s["interets"]})
    if any(x.indemnite for x in lines):
        rows.append({"libelle": "Indemnités forfaitaires pour frais de recouvrement", "montant": s["indemnites"]})
    if s["frais"]:
        rows.append({"libelle": "Frais (après le titre exécutoire)", "montant": s["frais"]})
    return {"lignes": rows, "total_libelle": f"Total dû au {date_fr(d.au)}", "total": s["total"]}


def statement_rows(s: InvoiceStatement) -> list[dict]:
    """A relance's annex: the invoice, its payments, its balance (the sum of these lines)."""
    inv = s.facture
    rows = [{"type": "facture", "libelle": f"Facture n° {inv.numero} du {date_fr(inv.date)}",
             "periode": f"échéance {date_fr(inv.echeance)}", "montant": format_eur(inv.montant_ttc)}]
    rows += [{"type": "paiement", "libelle": f"Paiement reçu le {date_fr(a.date)}", "periode": "",
              "montant": format_eur(-a.montant)} for a in sorted(s.allocations, key=lambda a: a.date)]
    balance = s.montant_ttc - s.paye
    rows.append({"type": "sous-total", "libelle": f"Solde de la facture n° {inv.numero}", "periode": "",
                 "montant": format_eur(balance), "_valeur": balance})
    return rows


@dataclass
class Annex:
    """What the annex shows; ``rows()`` yields its table's lines one invoice at a time, each
    subtotal with its amount (``_valeur``), which the drawing adds up and carries forward."""

    name: str
    title: str
    subtitle: str
    heading: list[str]
    paragraphs: list[str]
    columns: list[tuple[str, float, str, str]]  # label, share of the width, "l" or "r", key of the rows
    rows: Callable[[], Iterator[dict]]
    total: Decimal
    total_label: str
    words: str
    recap: dict
    footer: str
    invoices: int
    principal_only: bool = False
    notes: list[str] = field(default_factory=list)
    carried: tuple[str, str] = ("Report des sous-totaux des pages précédentes", "Sous-totaux à reporter")


DETAIL_COLUMNS = [("Libellé", 0.315, "l", "libelle"), ("Période / détail", 0.355, "l", "periode"),
                  ("Jours", 0.04, "r", "jours"), ("Base", 0.10, "r", "base"), ("Taux", 0.07, "r", "taux"),
                  ("Montant", 0.12, "r", "montant")]
STATEMENT_COLUMNS = [("Libellé", 0.50, "l", "libelle"), ("Détail", 0.30, "l", "periode"),
                     ("Montant", 0.20, "r", "montant")]


def build(kind: str, dossier: m.Dossier, d: Decompte, lines: list[InvoiceStatement], when: date,
          footer: str) -> Annex:
    """The annex of ``kind`` dated ``when`` (for the décompte itself: the décompte, drawn the same way)."""
    principal_only = kind == Document.RELANCE
    nature = (d.nature or "intérêts").capitalize()
    n = count(len(lines), "facture")
    if principal_only:
        total = sum((s.montant_ttc - s.paye for s in lines), ZERO)

        def rows() -> Iterator[dict]:
            for s in lines:
                yield from statement_rows(s)
    else:
        total = summary(d, lines)["_total"]

        def rows() -> Iterator[dict]:
            for s in lines:
                group = invoice_detail(s, nature)
                group[-1]["_valeur"] = s.reste_du
                yield from group
            costs = cost_rows(d)
            if costs:
                costs[-1]["_valeur"] = d.frais - d.frais_payes
            yield from costs
    title = "Relevé des factures impayées" if principal_only else "Décompte détaillé de la créance"
    of = f"Annexe {OF_DOCUMENT[kind]} du {date_fr(when)}, " if kind in OF_DOCUMENT else ""
    reading = ("Chaque facture se termine par son solde, somme des lignes qui le précèdent ; le solde restant dû est la "
               "somme des soldes." if principal_only else
               "Chaque facture se termine par le reste dû sur elle, somme des lignes qui le précèdent ; le total est la "
               "somme de ces sous-totaux.")
    return Annex(
        name=STATEMENT_NAME if principal_only else ANNEX_NAME,
        title=title,
        subtitle=f"{of}arrêté au {date_fr(d.au)} — {n}",
        heading=[f"Créancier : {describe_party(dossier.creancier)}", f"Débiteur : {describe_party(dossier.debiteur)}",
                 f"Référence : {dossier.reference}"],
        paragraphs=([] if principal_only else legal_basis(d, dossier))
        + [reading + " Au bas de chaque page, la somme des sous-totaux imprimés jusque-là est reportée en haut de la "
                     "page suivante."],
        columns=STATEMENT_COLUMNS if principal_only else DETAIL_COLUMNS,
        rows=rows,
        total=total,
        total_label="Solde restant dû" if principal_only else f"Total dû au {date_fr(d.au)}",
        words=f"Soit {amount_in_words(total)}." if total > 0 else "",
        recap=recap(kind, d, lines),
        footer=footer,
        invoices=len(lines),
        principal_only=principal_only,
        notes=[x for x in [credit_line(d)] if x],
    )


def mention(kind: str, annex: Annex, au: date, pages: int) -> str:
    """What the letter (or the requête) says of its annex."""
    what = (f"{annex.title[0].lower()}{annex.title[1:]} arrêté au {date_fr(au)} "
            f"({count(annex.invoices, 'facture')}, {count(pages, 'page')})")
    if kind == Document.REQUETE:
        return f"Annexe : {what}, joint à la présente requête."
    return f"Pièce jointe : {what}."


def invoices_summary(lines: list[InvoiceStatement]) -> str:
    """The invoices of a requête in one sentence, when they are too many to list."""
    first, last = min(s.facture.date for s in lines), max(s.facture.date for s in lines)
    amount = format_eur(sum((s.montant_ttc for s in lines), ZERO))
    return (f"{count(len(lines), 'facture')} émises du {date_fr(first)} au {date_fr(last)}, d'un montant total de "
            f"{amount} TTC, énumérées une à une au décompte détaillé annexé")
