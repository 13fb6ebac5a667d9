"""Build dossiers in memory for the rule tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from procedure.modele import dossier as m


def D(x) -> Decimal:
    return Decimal(str(x))


def d(text: str) -> date:
    return date.fromisoformat(text)


def party(kind: str, name: str = "X") -> m.Party:
    return m.Party(type=kind, nom=name, adresse=m.Address("1 rue A", "69003", "Lyon"))


def invoice(numero="F1", date_="2025-03-01", due="2025-03-31", amount="10000.00") -> m.Invoice:
    return m.Invoice(numero=numero, date=d(date_), echeance=d(due), montant_ttc=D(amount))


def payment(when: str, amount: str, facture: str = "") -> m.Payment:
    return m.Payment(date=d(when), montant=D(amount), facture=facture)


def dossier(invoices=None, payments=(), debtor="professionnel", creditor="professionnel", regime="legal",
            taux=None, imputation="interets", history=(), indemnity=None) -> m.Dossier:
    return m.Dossier(
        reference="T-1",
        creancier=party(creditor),
        debiteur=party(debtor),
        factures=tuple(invoices or [invoice()]),
        paiements=tuple(payments),
        penalites=m.Penalties(regime=regime, taux=D(taux) if taux else None, indemnite_forfaitaire=indemnity,
                              imputation=imputation),
        historique=tuple(history),
    )


def notice(sent: str, received: str | None = None) -> m.HistoryEntry:
    return m.HistoryEntry(date=d(sent), action="mise-en-demeure", date_reception=d(received) if received else None)
