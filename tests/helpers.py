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


# The hand case of tests/droit/test_titre.py as a dossier: after a title (the packet's test uses it too)
TITLED = """\
reference: TITRE-1
creancier:
  type: professionnel
  nom: Atelier Dupont
  forme_juridique: SARL
  adresse: {ligne1: 12 rue des Lilas, code_postal: "69003", ville: Lyon}
debiteur:
  type: particulier
  nom: Durand
  prenom: Lucie
  adresse: {ligne1: 5 rue Victor Hugo, code_postal: "69002", ville: Lyon}
factures:
  - {numero: F-1, date: 2025-01-10, echeance: 2025-01-31, montant_ttc: "2000.00", date_execution: 2025-01-08}
paiements:
  - {date: 2025-08-15, montant: "500.00"}
historique:
  - {date: 2025-02-10, action: mise-en-demeure, date_reception: 2025-02-12}
  - {date: 2025-03-10, action: requete}
  - {date: 2025-03-20, action: ordonnance, numero: RG 25/00042}
  - {date: 2025-04-01, action: signification, frais: "48.20"}
"""
