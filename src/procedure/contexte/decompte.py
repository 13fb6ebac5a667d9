"""The décompte's wording: invoice rows, the detailed statement, totals, and the legal basis with its articles.

Every total shown is the sum of the rows shown (the rows come from the same rounded figures).
"""

from __future__ import annotations

from procedure.argent import ZERO, format_eur, format_rate
from procedure.droit import parametres
from procedure.droit.decompte import Decompte, InvoiceStatement
from procedure.droit.en_lettres import amount_in_words
from procedure.droit.regles import RULE_CONTRACTUAL, RULE_L441_10, RULE_LEGAL_INTEREST, RULE_R2192_31
from procedure.droit.titre import RAISE_BASIS
from procedure.modele import dossier as m
from procedure.texte_fr import date_fr

def _rate_sentence(d: Decompte) -> str:
    rates: list = []
    for _, p in sorted(d.periods, key=lambda sp: sp[1].du):
        if p.taux not in rates:
            rates.append(p.taux)
    return ", puis ".join(format_rate(r) for r in rates)


def invoice_rows(d: Decompte, lines: list[InvoiceStatement]) -> list[dict]:
    return [{
        "numero": s.facture.numero,
        "objet": s.facture.objet,
        "date": date_fr(s.facture.date),
        "echeance": date_fr(s.facture.echeance),
        "montant": format_eur(s.montant_ttc),
        "paye": format_eur(s.paye),
        "solde": format_eur(s.montant_ttc - s.paye),
        "interets": format_eur(s.interets),
        "indemnite": format_eur(s.indemnite),
        "reste_du": format_eur(s.reste_du),
    } for s in lines]


def detail_rows(d: Decompte, lines: list[InvoiceStatement]) -> list[dict]:
    """The full décompte, invoice by invoice; each group ends with its subtotal, which is the
    sum of the group's printed lines."""
    nature = (d.nature or "intérêts").capitalize()
    rows = []
    for s in lines:
        rows += invoice_detail(s, nature)
    return rows + cost_rows(d)


def invoice_detail(s: InvoiceStatement, nature: str) -> list[dict]:
    """One invoice's lines in date order, then its subtotal."""
    inv = s.facture
    rows = [{"type": "facture", "libelle": f"Facture n° {inv.numero} du {date_fr(inv.date)}",
             "periode": f"échéance {date_fr(inv.echeance)}", "jours": "", "base": "", "taux": "",
             "montant": format_eur(inv.montant_ttc)}]
    events = [((p.au, 0), "p", p) for p in s.periods] + [((a.date, 1), "a", a) for a in s.allocations]
    for _, kind, item in sorted(events, key=lambda e: e[0]):
        if kind == "p":
            raised = " majoré (C. mon. fin., art. L313-3)" if item.fondement == RAISE_BASIS else ""
            rows.append({"type": "interets", "libelle": nature + raised,
                         "periode": f"du {date_fr(item.du)} au {date_fr(item.au)}", "jours": str(item.jours),
                         "base": format_eur(item.base), "taux": format_rate(item.taux),
                         "montant": format_eur(item.montant)})
        else:
            detail = f"dont {format_eur(item.interets)} sur les intérêts" if item.interets else ""
            rows.append({"type": "paiement", "libelle": f"Paiement reçu le {date_fr(item.date)}",
                         "periode": detail, "jours": "", "base": "", "taux": "",
                         "montant": format_eur(-item.montant)})
    if s.indemnite:
        rows.append({"type": "indemnite", "libelle": "Indemnité forfaitaire pour frais de recouvrement",
                     "periode": s.indemnite_fondement, "jours": "", "base": "", "taux": "",
                     "montant": format_eur(s.indemnite)})
    rows.append({"type": "sous-total", "libelle": f"Reste dû sur la facture n° {inv.numero}", "periode": "",
                 "jours": "", "base": "", "taux": "", "montant": format_eur(s.reste_du)})
    return rows


def cost_rows(d: Decompte) -> list[dict]:
    """After a title: the costs noted (dépens, costs of enforcement) and what paid them."""
    if not d.couts.costs:
        return []
    blank = {"jours": "", "base": "", "taux": ""}
    rows = [{"type": "facture", "libelle": "Frais (après le titre exécutoire)", "periode": "", **blank, "montant": ""}]
    rows += [{"type": "frais", "libelle": c.libelle, "periode": c.fondement, **blank, "montant": format_eur(c.montant)}
             for c in d.couts.costs]
    rows += [{"type": "paiement", "libelle": f"Paiement reçu le {date_fr(when)}", "periode": "imputé sur les frais",
              **blank, "montant": format_eur(-paid)} for when, paid in d.couts.allocations]
    rows.append({"type": "sous-total", "libelle": "Reste dû sur les frais", "periode": "", **blank,
                 "montant": format_eur(d.frais - d.frais_payes)})
    return rows


def credit_line(d: Decompte) -> str:
    """The debtor's credit (paid beyond every debt: principal, interest, indemnities), or ""."""
    return f"Trop-perçu en faveur du débiteur : {format_eur(d.credit)}" if d.credit > 0 else ""


def summary(d: Decompte, lines: list[InvoiceStatement]) -> dict:
    principal = sum((s.montant_ttc for s in lines), ZERO)
    interets = sum((s.interets for s in lines), ZERO)
    indemnites = sum((s.indemnite for s in lines), ZERO)
    # after a title, the costs are owed whatever invoices a document shows (``cost_rows``)
    paye = sum((s.paye for s in lines), ZERO) + d.frais_payes
    total = sum((s.reste_du for s in lines), ZERO) + d.frais - d.frais_payes
    return {
        "principal": format_eur(principal), "interets": format_eur(interets),
        "indemnites": format_eur(indemnites), "paye": format_eur(-paye), "total": format_eur(total),
        "frais": format_eur(d.frais) if d.couts.costs else "",
        "total_lettres": amount_in_words(total), "solde_principal": format_eur(principal - paye),
        "total_montant": format_eur(principal), "total_paye": format_eur(paye),
        "total_interets": format_eur(interets), "total_indemnites": format_eur(indemnites),
        "credit": format_eur(d.credit),
        "_total": total, "_principal_open": principal - paye,
    }


def indemnity_text(d: Decompte, dossier: m.Dossier) -> str:
    """The indemnity's amount as the décompte applies it (the one in force at its date otherwise)."""
    applied = [s.indemnite for s in d.lines if s.indemnite]
    if applied:
        return format_eur(max(applied))
    name = "indemnite_forfaitaire_public" if dossier.debiteur.is_public else "indemnite_forfaitaire"
    return format_eur(parametres.amount(name, d.au))


def legal_basis(d: Decompte, dossier: m.Dossier) -> list[str]:
    """The paragraph(s) stating the late-payment rule, with their articles, then the costs after a title."""
    return _rule_basis(d, dossier) + _costs_sentence(d)


def _rule_basis(d: Decompte, dossier: m.Dossier) -> list[str]:
    rule = d.rule
    forfait = indemnity_text(d, dossier)
    if rule == RULE_L441_10:
        return ["En application de l'article L441-10 II du code de commerce, les sommes non réglées à leur "
                "échéance portent de plein droit, sans qu'un rappel soit nécessaire, des pénalités de retard "
                "au taux de refinancement de la Banque centrale européenne majoré de dix points (taux appliqués : "
                f"{_rate_sentence(d)} l'an), et chaque facture payée en retard donne lieu à une "
                f"indemnité forfaitaire pour frais de recouvrement de {forfait} (article D441-5 du même code)."]
    if rule == RULE_R2192_31:
        return ["En application des articles L2192-13 et R2192-31 du code de la commande publique, le retard de "
                "paiement fait courir de plein droit des intérêts moratoires au taux de refinancement de la "
                "Banque centrale européenne en vigueur au premier jour du semestre où ils ont commencé à courir, "
                f"majoré de huit points (taux appliqué : {_rate_sentence(d)} l'an), ainsi qu'une "
                f"indemnité forfaitaire pour frais de recouvrement de {forfait} par facture (article D2192-35)."]
    if rule == RULE_LEGAL_INTEREST:
        out = ["En application des articles 1231-6 et 1344-1 du code civil, la mise en demeure fait courir sur "
               "les sommes dues les intérêts au taux légal (article L313-2 du code monétaire et financier)."]
        t = d.titre
        if t is not None and t.raise_since is not None and t.raise_since <= d.au:
            out.append(f"L'ordonnance du {date_fr(t.date)} étant exécutoire depuis le {date_fr(t.executoire)}, ce taux est "
                       f"majoré de {t.points} points à compter du {date_fr(t.raise_since)}, à l'expiration d'un délai de "
                       "deux mois (article L313-3 du code monétaire et financier).")
        return out
    if rule == RULE_CONTRACTUAL:
        return [f"Les sommes non réglées à leur échéance portent intérêt au taux contractuel de "
                f"{format_rate(dossier.penalites.taux)} l'an."
                + (f" Une indemnité forfaitaire pour frais de recouvrement de {forfait} est due pour chaque facture "
                   "payée en retard (C. com., art. L441-10 II et D441-5)." if d.indemnites else "")]
    return []


def _costs_sentence(d: Decompte) -> list[str]:
    if not d.couts.costs:
        return []
    return ["Les frais exposés depuis le titre (dépens, articles 695 et 696 du code de procédure civile ; frais "
            "d'exécution, article L111-8 du code des procédures civiles d'exécution) s'ajoutent aux sommes dues."]
