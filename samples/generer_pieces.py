"""Regenerate the sample exhibits (fictitious invoices and documents) as small PDFs.

Run from the project root: ``.venv/bin/python samples/generer_pieces.py``. The PDFs are
committed; this script only documents where they come from.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from weasyprint import HTML

from procedure.api.dossier import load
from procedure.argent import format_eur

CSS = """@page { size: A4; margin: 2cm; } body { font-family: 'DejaVu Sans'; font-size: 10pt; }
h1 { font-size: 16pt; } table { border-collapse: collapse; width: 100%; margin-top: 1cm; }
td, th { border: 1px solid #999; padding: 4px; } .r { text-align: right; } .note { color: #555; margin-top: 2cm; }"""


def page(title: str, body: str) -> bytes:
    doc = f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>{body}" \
          "<p class='note'>Document fictif, pour la démonstration de procedure.</p></body></html>"
    return HTML(string=doc).write_pdf()


# a scanned title for the demo of « procedure commissaire » (noted with « procedure noter … --fichier »)
TITLES = {"particulier": ("Tribunal judiciaire de Nantes", "RG 26/00123", "16 mars 2026", "2 440,00 €")}


def titles(root: Path) -> None:
    for name, (court, number, when, amount) in TITLES.items():
        d = load(root / "samples" / name)
        body = (f"<p style='text-align:center'><b>{html.escape(court)}</b><br>{html.escape(number)}</p>"
                f"<p>Nous, président, vu la requête présentée par {html.escape(d.creancier.display_name)}, "
                f"enjoignons à {html.escape(d.debiteur.display_name)} de payer la somme de {amount} en principal, "
                "avec intérêts au taux légal à compter de la mise en demeure, et les dépens.</p>"
                f"<p>Fait le {when}. Formule exécutoire.</p>")
        (root / "samples" / name / "pieces" / "ordonnance-scan.pdf").write_bytes(
            page("Ordonnance portant injonction de payer", body))


def main(root: Path) -> None:
    for folder in sorted(p for p in (root / "samples").iterdir() if (p / "dossier.yaml").is_file()):
        d = load(folder)
        cr, de = d.creancier, d.debiteur
        for inv in d.factures:
            if not inv.piece:
                continue
            ht = (inv.montant_ttc * 5 / 6).quantize(inv.montant_ttc)
            body = (f"<p><b>{html.escape(cr.display_name)}</b><br>{'<br>'.join(map(html.escape, cr.adresse.lines()))}"
                    f"<br>SIREN {cr.siren}</p><p style='margin-left:9cm'>{html.escape(de.display_name)}<br>"
                    f"{'<br>'.join(map(html.escape, de.adresse.lines()))}</p>"
                    f"<p>Date : {inv.date.isoformat()} — échéance : {inv.echeance.isoformat()}</p>"
                    f"<table><tr><th>Désignation</th><th class='r'>Montant</th></tr>"
                    f"<tr><td>{html.escape(inv.objet or 'Prestation')}</td><td class='r'>{format_eur(ht)} HT</td></tr>"
                    f"<tr><td>TVA 20 %</td><td class='r'>{format_eur(inv.montant_ttc - ht)}</td></tr>"
                    f"<tr><th>Total TTC</th><th class='r'>{format_eur(inv.montant_ttc)}</th></tr></table>"
                    "<p>Pénalités de retard : taux BCE + 10 points ; indemnité forfaitaire de 40 € pour frais "
                    "de recouvrement (C. com. L441-10, D441-5).</p>")
            (folder / inv.piece).write_bytes(page(f"Facture n° {inv.numero}", body))
        for x in d.pieces:
            (folder / x.fichier).write_bytes(page(x.titre, f"<p>Entre {html.escape(cr.display_name)} et "
                                                           f"{html.escape(de.display_name)}.</p>"))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
    titles(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
