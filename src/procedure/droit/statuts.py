"""What an invoice's e-invoice lifecycle status (``factures[].statut``) means for each document.

LEGAL.md (French e-invoicing reform, reception from 1 September 2026):
- 207 « En litige » and 210 « Refusée » mean a contested claim: no injonction de payer without a look
  at the dispute; 208 « Suspendue » (the buyer waits for a document) calls for the same look. The
  judge grants the ordonnance only if the claim seems well founded on the documents produced
  (CPC 1409): a requête (or a demand of the procédure simplifiée, which needs the debtor's
  agreement, CPCE L125-1) is refused unless the user says he has examined the dispute
  (``--litige-examine``). Letters are produced with a warning: a mise en demeure, exhibits in
  support, is how a creditor answers a dispute.
- 211 « Paiement transmis » and 212 « Encaissée » stop reminders; 213 « Rejetée »: the buyer never
  received the invoice. While the dossier claims such an invoice without recording its payment
  (less than its amount paid on it at the date), no letter and no requête is produced: the dossier
  contradicts itself, and the remedy (record the payment, or take the invoice out) is the user's.
  Once its amount is recorded as paid, the status agrees with the dossier: the late-payment
  interest and the indemnity that may remain (C. com. L441-10) are still claimed.

A status on an invoice with nothing left to claim is silent: the dispute or the stop has no object.
"""

from __future__ import annotations

from procedure.argent import format_eur
from procedure.droit.decompte import Decompte
from procedure.erreurs import RefusalError
from procedure.modele import dossier as m
from procedure.modele.actions import Action
from procedure.modele.statuts import Status
from procedure.texte_fr import join

EXAMINED_OPTION = "--litige-examine"

# how to go on when the dossier still claims an invoice its status says is not to be claimed
REMEDIES = {
    Status.PAIEMENT_TRANSMIS: "attendez l'encaissement et inscrivez-le dans « paiements » ; si rien n'arrive, "
                              "retirez le statut (ou écrivez celui que la plateforme donne) et relancez",
    Status.ENCAISSEE: "inscrivez le paiement dans « paiements » (le décompte soldera la facture) ou retirez-la du "
                      "dossier",
    Status.REJETEE: "réémettez la facture et réclamez la nouvelle ; retirez celle-ci du dossier",
}


def _owed(d: Decompte, wanted) -> list[tuple[m.Invoice, object]]:
    """(invoice, statement) of every invoice still owed whose status passes ``wanted``."""
    return [(s.facture, s) for s in d.lines
            if s.facture.statut is not None and wanted(s.facture.statut) and s.reste_du > 0]


def disputed(d: Decompte) -> list[m.Invoice]:
    """The invoices still owed at the décompte's date that the buyer contests or holds."""
    return [inv for inv, _ in _owed(d, lambda s: s.disputed)]


def _stopped(d: Decompte) -> list[str]:
    return [f"facture {inv.numero} : {inv.statut.named()} ({inv.statut.meaning}), mais le dossier n'en inscrit pas tout le "
            f"paiement ({format_eur(s.paye)} payés sur {format_eur(s.montant_ttc)} au {d.au.isoformat()}) : "
            f"{REMEDIES[inv.statut]}" for inv, s in _owed(d, lambda s: s.stops) if s.paye < s.montant_ttc]


def findings(d: Decompte) -> list[str]:
    """What ``verifier`` and ``etat`` say of the statuses: each invoice contested, each invoice
    claimed against its status."""
    out = [f"facture {inv.numero} : {inv.statut.named()} ({inv.statut.meaning}) : pas de requête en injonction de "
           "payer ni de demande de petites créances sans examen du litige ; répondez à la contestation (une mise en "
           f"demeure, pièces à l'appui, le peut), puis, si la créance reste due, ajoutez {EXAMINED_OPTION} à la "
           "commande" for inv in disputed(d)]
    return out + _stopped(d)


def _refuse_stopped(dossier: m.Dossier, d: Decompte, what: str) -> None:
    stopped = _stopped(d)
    if stopped:
        raise RefusalError(f"{dossier.source} : rien à réclamer sur une facture payée ou non reçue, {what} : "
                           + " ; ".join(stopped))


def check_letter(dossier: m.Dossier, d: Decompte) -> list[str]:
    """Refuse a letter that would claim an invoice its status stops; warn for each one contested.
    ``dossier`` is its state at the letter's date."""
    _refuse_stopped(dossier, d, "aucune lettre produite")
    return [f"facture {inv.numero} : {inv.statut.named()} ({inv.statut.meaning}) : lettre produite ; répondez à la "
            "contestation (une mise en demeure, pièces à l'appui, en est la réponse d'usage) avant toute requête en "
            "injonction de payer" for inv in disputed(d)]


def check_filing(dossier: m.Dossier, d: Decompte, action: Action, examined: bool = False) -> list[str]:
    """Refuse a requête (``action`` REQUETE) or a demand of the procédure simplifiée (PETITES_CREANCES)
    on a contested invoice unless ``examined``; return the warnings."""
    what = action.label[:1].lower() + action.label[1:]
    _refuse_stopped(dossier, d, f"aucune {what} produite")
    contested = disputed(d)
    if not contested:
        return []
    named = join([f"{inv.numero} ({inv.statut.named()} : {inv.statut.meaning})" for inv in contested])
    command = "injonction" if action == Action.REQUETE else str(action)
    if not examined:
        invoices = "factures" if len(contested) > 1 else "facture"
        raise RefusalError(
            f"{dossier.source} : créance contestée, pas de {what} sans examen du litige : {invoices} "
            f"{named} ; examinez la contestation et répondez-y (une mise en demeure, pièces à l'appui, le peut) ; si "
            f"la créance reste due, produisez-la avec « procedure {command} {dossier.folder} {EXAMINED_OPTION} » ; "
            "sinon retirez la facture du dossier")
    why = ("le juge ne rend l'ordonnance que si la demande lui paraît fondée au vu des pièces (CPC, art. 1409), et "
           "le débiteur peut former opposition") if action == Action.REQUETE else (
        "la procédure simplifiée n'aboutit qu'avec l'accord du débiteur (CPCE, art. L125-1)")
    return [f"{what} produite malgré le litige ({EXAMINED_OPTION}) sur : {named} ; joignez aux pièces votre réponse à "
            f"la contestation : {why}"]
