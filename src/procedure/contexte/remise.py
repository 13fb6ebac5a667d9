"""The fiche de transmission to a commissaire de justice: instruction letter and mandate, the debtor's
sheet, the history, the décompte at the date, what is enclosed.

- C. com., art. R444-55: the commissaire's proportional fees on sums collected are due only under a
  mandate to collect; the fiche is that mandate, with its scope and a place to sign. Fee bands
  (A444-31, A444-32) are not stated: the tool has no verified text of them.
- CPCE, art. L111-2: enforcement needs an enforceable title; without one the mandate is for amicable
  recovery, whose costs stay with the creditor (L111-8, al. 2).
- CPCE, art. R211-1: a saisie-attribution states principal, costs and interest due, and a provision
  for one month of interest: the décompte gives them, with the interest per day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from procedure.argent import format_eur
from procedure.contexte.annexe import DETAIL, count, form
from procedure.contexte.commun import iban_text, legal_mentions, party_block, payment_block, siren_text, signature
from procedure.contexte.decompte import detail_rows, summary
from procedure.droit.decompte import Decompte
from procedure.droit.en_lettres import amount_in_words
from procedure.droit.regles import RULE_LEGAL_INTEREST
from procedure.droit.titre import Ahead
from procedure.modele import dossier as m
from procedure.modele.actions import Document
from procedure.texte_fr import date_fr

UNKNOWN = "non connu"
BLANK = "…………………………………………"


@dataclass(frozen=True)
class Enclosed:
    """A file of the packet, as the fiche lists it."""

    nom: str
    titre: str
    pages: int | None


def debtor_rows(p: m.Party) -> list[dict]:
    """The debtor's identity, one labelled row each (what the office needs to act, CPC 648)."""
    a = ", ".join(p.adresse.lines())
    if p.is_person:
        rows = [("Nom", p.nom.upper()), ("Prénom(s)", p.prenom or UNKNOWN)]
        born = " à ".join(x for x in (date_fr(p.date_naissance), p.lieu_naissance) if x)
        rows += [("Né(e) le", born or UNKNOWN), ("Nationalité", p.nationalite or UNKNOWN),
                 ("Profession", p.profession or UNKNOWN), ("Domicile", a)]
    else:
        rows = [("Dénomination", p.nom), ("Forme juridique", p.forme_juridique or UNKNOWN),
                ("Siège social", a), ("Représentant légal", p.representant or UNKNOWN)]
    if p.siren or not p.is_consumer:
        rows.append(("SIREN", siren_text(p.siren) if p.siren else UNKNOWN))
    if not p.is_consumer:
        rows.append(("RCS", p.rcs or UNKNOWN))
    rows += [("Compte bancaire connu (IBAN)", iban_text(p.iban) if p.iban else UNKNOWN)]
    if p.bic:
        rows.append(("BIC", p.bic))
    rows += [("Courriel", p.email or UNKNOWN), ("Téléphone", p.telephone or UNKNOWN)]
    return [{"libelle": k, "valeur": v} for k, v in rows]


def creditor_rows(dossier: m.Dossier) -> list[dict]:
    cr = dossier.creancier
    rows = [("Créancier", cr.display_name), ("Adresse", ", ".join(cr.adresse.lines()))]
    if cr.siren:
        rows.append(("SIREN", siren_text(cr.siren)))
    if cr.representant:
        rows.append(("Représenté par", cr.representant))
    rows += [("Courriel", cr.email or UNKNOWN), ("Téléphone", cr.telephone or UNKNOWN),
             ("Reversement des fonds", f"IBAN {iban_text(cr.iban)}" if cr.iban else "par chèque à l'adresse du créancier")]
    lawyer = dossier.avocat
    if lawyer:
        rows.append(("Avocat", ", ".join(x for x in (lawyer.display_name, f"barreau de {lawyer.barreau}"
                                                     if lawyer.barreau else "", lawyer.email) if x)))
    return [{"libelle": k, "valeur": v} for k, v in rows]


def title_rows(d: Decompte, court: str, enclosed: bool, signed: bool = False) -> list[dict]:
    t = d.titre
    if t is None:
        return []
    served = "non encore signifiée"
    if t.signification:
        served = f"le {date_fr(t.signification)}" + (" (autrement qu'à personne)" if t.a_personne is False else "")
    rows = [("Nature", "Ordonnance portant injonction de payer (CPC, art. 1405 et suivants)"),
            ("Juridiction", court or BLANK), ("Date", date_fr(t.date)), ("Numéro (RG)", t.numero or BLANK),
            ("Signification", served),
            ("Exécutoire à partir du", date_fr(t.executoire) if t.executoire else "non encore exécutoire")]
    if t.raise_since and d.rule == RULE_LEGAL_INTEREST:
        rows.append((f"Taux de l'intérêt légal majoré de {t.points} points à compter du",
                     f"{date_fr(t.raise_since)} (C. mon. fin., art. L313-3)"))
    elif t.raise_since:
        rows.append(("Majoration de l'article L313-3 du C. mon. fin.", f"sans objet : {d.nature or 'aucun intérêt'}, "
                                                                       "non au taux de l'intérêt légal"))
    joined = ("oui : titre-ordonnance.pdf, signé électroniquement, transmis tel que délivré : sa signature reste "
              "vérifiable" if signed else "oui : titre-ordonnance.pdf")
    rows.append(("Titre joint", joined if enclosed else
                 "non : aucune copie inscrite au journal (procedure noter DOSSIER ordonnance --fichier …)"))
    return [{"libelle": k, "valeur": v} for k, v in rows]


def mandate(d: Decompte, enforceable: bool, serve_before: date | None, enclosed: bool = True) -> dict:
    """The mandate's wording and scope: enforcement with a title, amicable recovery without; the title
    is "joint" only when its copy is in the packet."""
    t = d.titre
    # "ci-joint" only when the copy is in the packet (masculine for the titre, feminine for the ordonnance)
    joined, joined_f = (("ci-joint", "ci-jointe") if enclosed else
                        ("décrit ci-après, dont la copie reste à vous remettre",
                         "décrite ci-après, dont la copie reste à vous remettre"))
    scope = []
    if t is not None and t.signification is None:
        scope.append("signifier l'ordonnance au débiteur" + (f" au plus tard le {date_fr(serve_before)}, faute de quoi "
                                                             "elle serait non avenue (CPC, art. 1411)" if serve_before else ""))
    if enforceable:
        title = "Mandat de recouvrement et d'exécution"
        scope += ["pratiquer toute mesure d'exécution forcée ou conservatoire utile, notamment une saisie-attribution "
                  "sur les comptes bancaires du débiteur (CPCE, art. L211-1 et R211-1)",
                  "rechercher l'adresse du débiteur et ses comptes bancaires auprès des administrations et organismes "
                  "habilités (CPCE, art. L152-1)"]
        intro = ("Le créancier soussigné vous donne mandat de poursuivre pour son compte le recouvrement de la créance "
                 f"décrite ci-après, en vertu du titre exécutoire {joined}, et à cette fin de :")
    elif t is not None:
        title = "Mandat de signification et de recouvrement"
        intro = ("Le créancier soussigné vous donne mandat de poursuivre pour son compte le recouvrement de la créance "
                 f"décrite ci-après, en vertu de l'ordonnance portant injonction de payer {joined_f}, qui n'est pas encore "
                 "exécutoire, et à cette fin de :")
    else:
        title = "Mandat de recouvrement amiable"
        intro = ("Aucun titre exécutoire n'est joint : le présent mandat est un mandat de recouvrement amiable. Le créancier "
                 "soussigné vous donne mandat de recouvrer amiablement pour son compte la créance décrite ci-après, et à "
                 "cette fin de :")
        scope.append("inviter le débiteur à payer, par lettre, courriel, téléphone ou visite")
    scope += ["recevoir tout paiement, en donner quittance et reverser au créancier les sommes encaissées",
              "proposer au créancier tout échéancier que le débiteur offrirait ; aucun délai n'est accordé sans son "
              "accord écrit"]
    notes = ["Ce mandat vaut mandat d'encaisser au sens de l'article R444-55 du code de commerce : les honoraires "
             "proportionnels aux sommes encaissées n'en sont dus qu'en vertu d'un tel mandat."]
    if not enforceable:
        notes.append("Aucune mesure d'exécution forcée ne peut être engagée sans titre exécutoire (CPCE, art. L111-2) ; "
                     "les frais d'un recouvrement entrepris sans titre restent à la charge du créancier (CPCE, art. "
                     "L111-8, al. 2).")
    return {"titre": title, "introduction": intro, "etendue": scope, "notes": notes}


def instructions(dossier: m.Dossier, d: Decompte, court: str, when: date, ahead: Ahead) -> list[str]:
    deb, t = dossier.debiteur, d.titre
    out = []
    if t is None:
        out.append(f"Nous vous prions de bien vouloir recouvrer amiablement notre créance sur {deb.display_name}, qui "
                   f"s'élève au {date_fr(when)} à {format_eur(d.total)}. Nous ne disposons pas encore d'un titre "
                   "exécutoire.")
    else:
        number = f" (n° {t.numero})" if t.numero else ""
        out.append(f"Nous vous prions de bien vouloir poursuivre le recouvrement de notre créance sur {deb.display_name} "
                   f"en vertu de l'ordonnance portant injonction de payer rendue le {date_fr(t.date)} par le "
                   f"{court or 'tribunal'}{number}. La créance s'élève au {date_fr(when)} à {format_eur(d.total)}.")
        if t.executoire and t.executoire > when:
            out.append(f"L'ordonnance pourra être exécutée à partir du {date_fr(t.executoire)}.")
    if ahead.par_jour > 0:
        then = "".join(f", puis de {format_eur(amount)} à compter du {date_fr(day)}" for day, amount in ahead.changes)
        provision = (f" ; une provision d'un mois d'intérêts s'élève à {format_eur(ahead.provision)} (CPCE, art. "
                     "R211-1)") if t is not None else ""
        out.append(f"Les intérêts continuent de courir à raison de {format_eur(ahead.par_jour)} par jour{then}{provision}.")
    out.append("Vous trouverez ci-après la fiche d'identité du débiteur, l'historique du dossier, le décompte de la "
               "créance et la liste des fichiers joints, chaque pièce étant transmise dans un fichier distinct.")
    return out


def interest_to_come(d: Decompte, ahead: Ahead) -> list[str]:
    """The interest per day; with a title, the month of interest in advance that a saisie-attribution
    states (CPCE R211-1): without one there is no seizure to provide for."""
    if ahead.par_jour <= 0:
        return []
    lines = [f"Intérêts par jour à compter du {date_fr(ahead.du)} : {format_eur(ahead.par_jour)}"
             + "".join(f", puis {format_eur(amount)} à compter du {date_fr(day)}" for day, amount in ahead.changes)]
    if d.titre is not None:
        lines += [f"Provision pour un mois d'intérêts, du {date_fr(ahead.du)} au {date_fr(ahead.au)} : "
                  f"{format_eur(ahead.provision)} (CPCE, art. R211-1)",
                  f"Total avec la provision : {format_eur(d.total + ahead.provision)}"]
    return lines


def build(dossier: m.Dossier, d: Decompte, when: date, court: str, history: list[str], ahead: Ahead,
          enclosed: list[Enclosed], title_enclosed: bool, serve_before: date | None, title_signed: bool = False) -> dict:
    """The fiche's context (PDF and DOCX alike: every value arrives formatted)."""
    cr = dossier.creancier
    t = d.titre
    enforceable = t is not None and t.executoire is not None
    s = summary(d, list(d.lines))
    long = form(Document.DECOMPTE, list(d.lines)) != DETAIL
    recap = [("Principal (factures TTC)", s["principal"]), ((d.nature or "intérêts").capitalize(), s["interets"]),
             ("Indemnités forfaitaires", s["indemnites"])]
    if d.couts.costs:
        recap.append(("Frais (après le titre exécutoire)", s["frais"]))
    recap += [("Paiements reçus", s["paye"]), (f"Total dû au {date_fr(when)}", s["total"])]
    since = [p for p in dossier.paiements if t is not None and t.date < p.date <= when]
    lieu = dossier.lieu or cr.adresse.ville
    ctx = {
        "document": {"titre": "Fiche de transmission", "reference": dossier.reference, "date": date_fr(when),
                     "au": date_fr(when), "lieu_date": f"{lieu}, le {date_fr(when)}", "envoi": "",
                     "objet": f"Remise du dossier {dossier.reference} — {cr.display_name} contre "
                              f"{dossier.debiteur.display_name}",
                     "references": [f"Notre référence : {dossier.reference}"]},
        "expediteur": {**party_block(cr), "mentions": legal_mentions(cr)},
        "destinataire": {"nom": "Maître " + BLANK, "attention": "Commissaire de justice", "adresse": [BLANK, BLANK],
                         "email": "", "telephone": ""},
        "salutation": "Maître,",
        "instructions": instructions(dossier, d, court, when, ahead),
        "mandat": mandate(d, enforceable, serve_before, title_enclosed),
        "debiteur_fiche": debtor_rows(dossier.debiteur),
        "creancier_fiche": creditor_rows(dossier),
        "titre_fiche": title_rows(d, court, title_enclosed, title_signed),
        "historique": history or ["Aucune démarche inscrite au dossier."],
        "recapitulatif": [{"libelle": k, "montant": v} for k, v in recap],
        "interets_a_echoir": interest_to_come(d, ahead),
        "paiements_depuis_titre": [f"{date_fr(p.date)} : {format_eur(p.montant)}" for p in since],
        # a long dossier: the detailed décompte is the packet's decompte.pdf, drawn (contexte.annexe)
        "detail": detail_rows(d, list(d.lines)) if not long else [],
        "decompte_joint": f"Le décompte détaillé des {count(len(d.lines), 'facture')}, facture par facture, est le "
                          "fichier decompte.pdf joint ; ses sous-totaux s'additionnent jusqu'au total ci-dessus."
                          if long else "",
        "totaux": {"total": s["total"], "total_lettres": amount_in_words(s["_total"])},
        "joints": [{"nom": e.nom, "titre": e.titre, "pages": str(e.pages) if e.pages else ""} for e in enclosed],
        "paiement": payment_block(dossier),
        "signature": signature(cr),
        # what the tool could not verify, said as such to the office (never as law)
        "notes": [f"À vérifier : {w}" for w in [*ahead.warnings, *(w for w in d.warnings if "non vérifié" in w)]],
        "pied": " — ".join([cr.display_name, dossier.reference, "fiche de transmission au commissaire de justice"]),
        "logo_uri": "",
    }
    return ctx
