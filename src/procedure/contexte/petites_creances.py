"""The request to a commissaire de justice to run the procédure simplifiée de recouvrement des petites
créances (CPCE, art. L125-1 and R125-1 to R125-8): its wording.

What R125-2 has the commissaire's letter state comes from this request: the creditor's name and
address, the basis of the claim and its amount in principal and interest, each element distinguished.
The creditor says which instalments he would accept; the costs are his alone (L125-1).
"""

from __future__ import annotations

from datetime import date

from procedure.argent import format_eur
from procedure.contexte.commun import legal_mentions, party_block, payment_block, signature
from procedure.contexte.decompte import detail_rows, invoice_rows, summary
from procedure.contexte.remise import BLANK, creditor_rows, debtor_rows
from procedure.droit.decompte import Decompte
from procedure.droit.petites_creances import BASIS, CAP_BASIS, Area, Claim, instalments
from procedure.modele import dossier as m
from procedure.texte_fr import date_fr, plural


def in_sentence(name: str) -> str:
    """A court's official name inside a sentence: "Cour d'appel de Rennes" -> "cour d'appel de Rennes"."""
    return name[:1].lower() + name[1:]


def of_court(name: str) -> str:
    """ "de la cour d'appel …", "du tribunal judiciaire …"."""
    return ("de la " if name.startswith("cour") else "du ") + name


def schedule(total, n: int | None) -> dict:
    """The instalments the creditor would accept: ``n`` monthly payments adding up to ``total``."""
    if not n or n < 2:
        return {"texte": "Le créancier demande un paiement en une fois ; tout échéancier que proposerait le débiteur lui "
                         "sera soumis.", "lignes": [], "total": ""}
    parts = instalments(total, n)
    rows = [{"numero": str(i), "echeance": f"{plural(i, 'mois')} après l'accord" if i > 1 else "un mois après l'accord",
             "montant": format_eur(x)} for i, x in enumerate(parts, start=1)]
    return {"texte": f"Le créancier accepterait un paiement en {n} mensualités, la première un mois après l'accord du "
                     "débiteur, la dernière arrondie au centime pour que leur somme égale exactement la créance :",
            "lignes": rows, "total": format_eur(sum(parts))}


def build(dossier: m.Dossier, d: Decompte, c: Claim, zone: Area, when: date, exhibits, n_instalments: int | None) -> dict:
    cr, deb = dossier.creancier, dossier.debiteur
    lines = [s for s in d.lines if s.reste_du > 0 and s.facture.echeance < when]
    s = summary(d, lines)
    within = (f"{format_eur(c.capped)} en principal et intérêts, sous le plafond de {format_eur(c.plafond)} en vigueur à "
              f"cette date ({CAP_BASIS})")
    court_of_appeal, tribunal = in_sentence(zone.cour_appel), in_sentence(zone.tribunal_judiciaire)
    sums = [{"libelle": "Principal restant dû (factures TTC, déduction faite des paiements)", "montant": format_eur(c.principal)},
            {"libelle": f"{(d.nature or 'intérêts').capitalize()} échus au {date_fr(when)}", "montant": format_eur(c.interets)}]
    if c.indemnites:
        sums.append({"libelle": "Indemnités forfaitaires pour frais de recouvrement (hors plafond)",
                     "montant": format_eur(c.indemnites)})
    note = f" ({zone.note})" if zone.note else ""
    lieu = dossier.lieu or cr.adresse.ville
    return {
        "document": {"titre": "Demande de procédure simplifiée de recouvrement des petites créances",
                     "reference": dossier.reference, "date": date_fr(when), "au": date_fr(when),
                     "lieu_date": f"{lieu}, le {date_fr(when)}", "envoi": "",
                     "objet": f"Procédure simplifiée de recouvrement des petites créances ({BASIS})",
                     "references": [f"Notre référence : {dossier.reference}",
                                    "Factures : " + ", ".join(f"n° {x.facture.numero}" for x in lines)]},
        "expediteur": {**party_block(cr), "mentions": legal_mentions(cr)},
        "destinataire": {"nom": "Maître " + BLANK, "adresse": [BLANK, BLANK], "email": "", "telephone": "",
                         "attention": f"Commissaire de justice du ressort {of_court(court_of_appeal)}"},
        "salutation": "Maître,",
        "corps": [
            f"Nous vous prions de mettre en œuvre la procédure simplifiée de recouvrement des petites créances (articles "
            f"L125-1 et R125-1 et suivants du code des procédures civiles d'exécution) à l'encontre de {deb.display_name}, "
            f"qui demeure à {zone.commune}, dans le ressort {of_court(tribunal)} et {of_court(court_of_appeal)}{note} : "
            "vous êtes commissaire de justice de ce ressort (article R125-1).",
            f"La créance, de nature contractuelle (factures impayées détaillées ci-dessous), s'élève au {date_fr(when)} à "
            f"{s['total']} ({s['total_lettres']}), dont {within}.",
            "Nous vous remercions d'adresser au débiteur la lettre recommandée avec demande d'avis de réception ou le "
            "message électronique prévu à l'article R125-2 : il disposera d'un mois à compter de son envoi pour accepter "
            "de participer à la procédure ; son silence vaudra refus. S'il accepte le montant et les modalités de paiement, "
            "vous délivrerez le titre exécutoire prévu à l'article L125-1.",
            "Nous savons que les frais de toute nature de cette procédure sont à notre charge exclusive (article L125-1).",
        ],
        "debiteur_fiche": debtor_rows(deb),
        "creancier_fiche": creditor_rows(dossier),
        "sommes": sums,
        "total_creance": s["total"],
        "factures": invoice_rows(d, lines),
        "detail": detail_rows(d, lines),
        "totaux": {k: v for k, v in s.items() if not k.startswith("_")},
        "echeancier": schedule(s["_total"], n_instalments),
        "mandat": {"titre": "Mandat", "introduction": "Le créancier soussigné vous donne mandat de :",
                   "etendue": ["mettre en œuvre la procédure simplifiée de recouvrement des petites créances à l'encontre "
                               "du débiteur désigné ci-dessus, pour la créance décrite ci-dessus",
                               "recueillir l'accord du débiteur sur le montant et les modalités du paiement, dans les "
                               "limites de l'échéancier ci-dessus, et délivrer le titre exécutoire (article L125-1)",
                               "recevoir tout paiement, en donner quittance et nous reverser les sommes encaissées"],
                   "notes": ["Ce mandat vaut mandat d'encaisser au sens de l'article R444-55 du code de commerce."]},
        "pieces": [{"numero": str(e.numero), "titre": e.titre, "date": date_fr(e.date) if e.date else "",
                    "pages": str(e.pages)} for e in exhibits],
        "paiement": payment_block(dossier),
        "signature": signature(cr),
        "politesse": "Nous vous prions d'agréer, Maître, l'expression de nos salutations distinguées.",
        "notes": [w for w in d.warnings if "non vérifié" in w],
        "pied": " — ".join([cr.display_name, ", ".join(cr.adresse.lines())] + legal_mentions(cr)[1:]),
        "logo_uri": "",
    }
