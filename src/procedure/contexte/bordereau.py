"""The bordereau of exhibits (CPC 1407 since 1 March 2022), alone or as the bundle's front matter.
"""

from __future__ import annotations

from datetime import date

from procedure.contexte.commun import presented_by, signatory, writing_place
from procedure.modele import dossier as m
from procedure.texte_fr import date_fr, plural

def build(dossier: m.Dossier, court_name: str, filing_date: date, exhibits, total_pages: int,
                    cover: bool) -> dict:
    cr, deb = dossier.creancier, dossier.debiteur
    return {
        "document": {"titre": "Bordereau de pièces", "reference": dossier.reference, "date": date_fr(filing_date),
                     "lieu_date": f"{writing_place(dossier)}, le {date_fr(filing_date)}"},
        "couverture": cover,
        "tribunal": court_name,
        "demandeur": cr.display_name,
        "defendeur": deb.display_name,
        "avocat": presented_by(dossier),
        "pieces": [{"numero": str(e.numero), "titre": e.titre, "date": date_fr(e.date) if e.date else "",
                    "pages": str(e.pages)} for e in exhibits],
        "nombre_pieces": str(len(exhibits)),
        "nombre_pages": str(total_pages),
        "pieces_texte": plural(len(exhibits), "pièce"),
        "pages_texte": plural(total_pages, "page"),
        "pied": " — ".join([cr.display_name, dossier.reference]),
        "signature": signatory(dossier),
    }

