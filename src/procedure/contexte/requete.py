"""The requête en injonction de payer (CPC 1407; Cerfa 12948*06 / 12946*02): its wording.
"""

from __future__ import annotations

from datetime import date, timedelta

from procedure.argent import ZERO, format_eur, format_rate
from procedure.contexte import annexe
from procedure.contexte.commun import EI, is_entrepreneur, presented_by, siren_text
from procedure.contexte.decompte import detail_rows, legal_basis, summary
from procedure.contexte.lettres import build as build_letter, claimed
from procedure.droit.decompte import Decompte, InvoiceStatement
from procedure.droit.en_lettres import amount_in_words
from procedure.modele import dossier as m
from procedure.modele.actions import AMICABLE, Document
from procedure.texte_fr import date_fr, de, plural

PERSON_FIELDS = (("prenom", "prénoms"), ("profession", "profession"), ("nationalite", "nationalité"),
                 ("date_naissance", "date de naissance"), ("lieu_naissance", "lieu de naissance"))


def _blank(label: str) -> str:
    return f"[à compléter : {label}]"


def party_lines(p: m.Party, role: str, missing: list[str]) -> list[str]:
    """CPC 1407: for a company its form, name, seat and legal representative; for a natural person
    (a consumer or an entrepreneur individuel) his names, profession, domicile, nationality, date and
    place of birth (the creditor's are required), with an entrepreneur's SIREN and « EI »."""
    addr = ", ".join(p.adresse.lines())
    if p.is_person:
        values = {}
        for key, label in PERSON_FIELDS:
            value = getattr(p, key)
            if key == "date_naissance" and value:
                value = date_fr(value)
            if not value and role == "creancier":
                missing.append(f"{role}.{key} ({label})")
                value = _blank(label)
            values[key] = value or ""
        lines = [f"{p.nom.upper()} {values['prenom']}".strip()]
        if is_entrepreneur(p):
            ids = [EI[0].upper() + EI[1:]]
            if p.siren:
                ids.append(f"SIREN {siren_text(p.siren)}")
            elif role == "creancier":
                missing.append(f"{role}.siren (SIREN de l'entrepreneur individuel)")
                ids.append(f"SIREN {_blank('SIREN')}")
            if p.rcs:
                ids.append(p.rcs)
            lines.append(" — ".join(ids))
        if values["profession"]:
            lines.append(f"Profession : {values['profession']}")
        if values["date_naissance"] or values["lieu_naissance"]:
            lines.append(f"Né(e) le {values['date_naissance'] or _blank('date de naissance')} à "
                         f"{values['lieu_naissance'] or _blank('lieu de naissance')}")
        if values["nationalite"]:
            lines.append(f"Nationalité : {values['nationalite']}")
        lines.append(f"Demeurant : {addr}")
        return lines
    lines = [p.nom if not p.forme_juridique or p.forme_juridique in p.nom else f"{p.nom}, {p.forme_juridique}"]
    if p.forme_juridique and p.capital:
        lines[0] += f" au capital de {p.capital}"
    ids = []
    if p.siren:
        ids.append(f"SIREN {siren_text(p.siren)}")
    if p.rcs:
        ids.append(p.rcs)
    if ids:
        lines.append(" — ".join(ids))
    lines.append(f"Siège social : {addr}")
    if p.representant:
        lines.append(f"Représentée par {p.representant}")
    else:
        lines.append("Prise en la personne de son représentant légal domicilié en cette qualité audit siège")
        if role == "creancier":
            missing.append(f"{role}.representant (représentant légal)")
    return lines


def amicable_steps(history: list[m.HistoryEntry], before: date) -> list[str]:
    out = []
    for h in history:
        if h.action in AMICABLE and h.date <= before:
            text = f"{h.action.label} du {date_fr(h.date)}"
            if h.date_reception and h.date_reception <= before:  # never cite what came after the document
                text += f", {h.action.agree('reçu')} le {date_fr(h.date_reception)}"
            if h.lrar:
                number = h.lrar.replace(" ", "\u00a0")  # a registered letter's number is never cut by a line
                text += f" (lettre recommandée n°\u00a0{number})"
            elif h.numero:
                text += f" (n° {h.numero})"
            out.append(text)
    return out


def claim_rows(d: Decompte, lines: list[InvoiceStatement]) -> tuple[list[dict], dict]:
    """The sums claimed, broken down; the total is the sum of the rows shown."""
    principal = sum((s.principal_restant for s in lines), ZERO)
    interest_paid = sum((a.interets for s in lines for a in s.allocations), ZERO)
    interest = sum((s.interets for s in lines), ZERO) - interest_paid
    indemnity = sum((s.indemnite_restante for s in lines), ZERO)  # less what payments already paid of it
    starts = [s.debut_interets for s in lines if s.debut_interets]
    rows = [{"libelle": "Principal restant dû (factures TTC, déduction faite des paiements imputés)",
             "fondement": "factures impayées (C. civ., art. 1103)",
             "montant": format_eur(principal)}]
    if interest:
        since = f", depuis le {date_fr(min(starts))}" if starts else ""
        rows.append({"libelle": f"{(d.nature or 'intérêts').capitalize()} échus au {date_fr(d.au)}{since}",
                     "fondement": d.basis, "montant": format_eur(interest)})
    if indemnity:
        n = sum(1 for s in lines if s.indemnite)
        less = ", déduction faite des paiements imputés" if any(s.indemnite_payee for s in lines) else ""
        each = format_eur(max(s.indemnite for s in lines))
        rows.append({"libelle": f"Indemnités forfaitaires pour frais de recouvrement ({each} × {n}{less})",
                     "fondement": lines[0].indemnite_fondement if lines else "", "montant": format_eur(indemnity)})
    total = principal + interest + indemnity
    return rows, {"total": format_eur(total), "total_lettres": amount_in_words(total), "_total": total,
                  "principal": format_eur(principal)}


def build(dossier: m.Dossier, d: Decompte, court, filing_date: date, history: list[m.HistoryEntry],
                  exhibits, renvoi_1408: bool = False) -> tuple[dict, list[str]]:
    """The requête en injonction de payer (CPC 1407; Cerfa 12948*06 / 12946*02): context and the
    list of what the user must still supply."""
    missing: list[str] = []
    lines = claimed(Document.REQUETE, d, filing_date)
    rows, totals = claim_rows(d, lines)
    base = build_letter(Document.DECOMPTE, dossier, d, filing_date, history)
    future_rate = ""
    last = [p for s in lines for p in s.periods]
    if last:
        p = max(last, key=lambda x: x.au)
        future_rate = (f"outre les {d.nature} au taux de {format_rate(p.taux)} l'an (taux du semestre en cours, "
                       f"révisé chaque semestre le cas échéant) à compter du {date_fr(p.au + timedelta(days=1))} "
                       "jusqu'au complet paiement")
    contracts = [x for x in dossier.pieces if x.categorie in ("contrat", "bon-de-commande", "devis", "cgv")]
    numbers = {e.path.resolve(): e.numero for e in exhibits}

    def exhibit_no(path) -> str:
        n = numbers.get((dossier.folder / path).resolve()) if path else None
        return f" (pièce n° {n})" if n else ""

    # a long dossier: the detailed décompte in a separate annex, and beyond 200 invoices one sentence for them
    forme = annexe.form(Document.REQUETE, lines)
    fondement = [f"Facture n° {s.facture.numero} du {date_fr(s.facture.date)}, échue le {date_fr(s.facture.echeance)}, "
                 f"d'un montant de {format_eur(s.montant_ttc)} TTC" + (f" — {s.facture.objet}" if s.facture.objet else "")
                 + exhibit_no(s.facture.piece) for s in lines] if forme != annexe.TOTALS else [annexe.invoices_summary(lines)]
    for x in contracts:
        fondement.append(f"{x.titre}{exhibit_no(x.fichier)}")
    steps = amicable_steps(history, filing_date)
    ctx = {
        **base,
        "document": {**base["document"], "titre": "Requête en injonction de payer",
                     "objet": "Requête en injonction de payer (articles 1405 à 1425 du code de procédure civile)"},
        "tribunal": {"nom": court.nom, "adresse": court.adresse or _blank("adresse du greffe"), "cerfa": court.cerfa,
                     "raisons": court.raisons, "commercial": court.commercial},
        "demandeur": party_lines(dossier.creancier, "creancier", missing),
        "presentee_par": (f"Requête présentée par {presented_by(dossier)}, pour le compte "
                          f"{de(dossier.creancier.display_name)}." if dossier.avocat else ""),
        "defendeur": party_lines(dossier.debiteur, "debiteur", missing),
        "sommes": rows,
        "forme": forme,
        # the annex shows what the requête claims, and adds up to its total
        "detail": detail_rows(d, lines) if forme == annexe.DETAIL else [],
        "totaux": {k: v for k, v in summary(d, lines).items() if not k.startswith("_")},
        "annexe": "",  # filled in once the separate annex is drawn (forme other than "detail")
        "totaux_requete": {k: v for k, v in totals.items() if not k.startswith("_")},
        "interets_a_venir": future_rate,
        "fondement_creance": fondement,
        "fondement_droit": legal_basis(d, dossier),
        "demarches": steps or ["Aucune démarche amiable n'est inscrite au dossier."],
        "renvoi_1408": ("Le requérant demande qu'en cas d'opposition, l'affaire soit immédiatement renvoyée devant la "
                        "juridiction compétente (article 1408 du code de procédure civile).") if renvoi_1408 else "",
        "frais": ("Droits de greffe à acquitter lors du dépôt de la requête." if court.commercial
                  else "Pas de frais de greffe devant le tribunal judiciaire."),
        "pieces": [{"numero": str(e.numero), "titre": e.titre, "date": date_fr(e.date) if e.date else "",
                    "pages": str(e.pages)} for e in exhibits],
        "nombre_pieces": str(len(exhibits)),
        "pieces_texte": plural(len(exhibits), "pièce") + (", énumérée" if len(exhibits) <= 1 else ", énumérées"),
    }
    return ctx, missing


