"""The bordereau of exhibits (CPC 1407 since 1 March 2022), alone or as the bundle's front matter.
"""

from __future__ import annotations

from datetime import date

from procedure.contexte.commun import signature
from procedure.modele import dossier as m
from procedure.texte_fr import date_fr

def build(dossier: m.Dossier, court_name: str, filing_date: date, exhibits, total_pages: int,
                    cover: bool) -> dict:
    cr, deb = dossier.creancier, dossier.debiteur
    return {
        "document": {"titre": "Bordereau de pièces", "reference": dossier.reference, "date": date_fr(filing_date),
                     "lieu_date": f"{dossier.lieu or cr.adresse.ville}, le {date_fr(filing_date)}"},
        "couverture": cover,
        "tribunal": court_name,
        "demandeur": cr.display_name,
        "defendeur": deb.display_name,
        "pieces": [{"numero": str(e.numero), "titre": e.titre, "date": date_fr(e.date) if e.date else "",
                    "pages": str(e.pages)} for e in exhibits],
        "nombre_pieces": str(len(exhibits)),
        "nombre_pages": str(total_pages),
        "pied": " — ".join([cr.display_name, dossier.reference]),
        "signature": signature(cr),
    }

