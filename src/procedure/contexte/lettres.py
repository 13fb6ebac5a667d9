"""The letters (relance, avertissement, mise en demeure) and the décompte as a document: their wording.

The ladder's texts: each letter states the law it relies on, with its articles (C. civ. 1344, 1231-6,
1344-1; C. com. L441-10, D441-5; CCP R2192-31, D2192-35; CJA R541-1 for a public buyer).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date

from procedure.contexte import annexe
from procedure.contexte.annexe import DETAIL, LINES, TOTALS
from procedure.contexte.commun import (
    bar_text, describe_party, is_entrepreneur, lawyer_block, legal_mentions, party_block, payment_block, signatory,
    siren_text, trade_name, writing_place,
)
from procedure.contexte.decompte import credit_line, detail_rows, indemnity_text, invoice_rows, legal_basis, summary
from procedure.droit.decompte import Decompte, InvoiceStatement
from procedure.droit.regles import RULE_L441_10, RULE_NONE, RULE_R2192_31
from procedure.droit.en_lettres import integer_in_words
from procedure.limites import MAX_FOOTER_CHARS
from procedure.modele import dossier as m
from procedure.modele.actions import REMINDERS, Action, Document
from procedure.texte_fr import a, date_fr, dates_fr, de, join

TITLES = {
    Document.RELANCE: "Relance",
    Document.AVERTISSEMENT: "Lettre d'avertissement",
    Document.MISE_EN_DEMEURE: "Mise en demeure",
    Document.DECOMPTE: "Décompte de la créance",
}


@dataclass(frozen=True)
class LetterOptions:
    delai_jours: int = 8
    lrar: str = ""  # the registered letter's number, printed on a mise en demeure


@dataclass(frozen=True)
class Voice:
    """Who writes: the creditor (« nous ») or its lawyer (« je », acting for the creditor, named
    ``client``): ``voice(ours, lawyers)`` picks the wording."""

    lawyer: bool = False
    client: str = ""

    def __call__(self, ours: str, lawyers: str) -> str:
        return lawyers if self.lawyer else ours


def voice_of(dossier: m.Dossier) -> Voice:
    return Voice(dossier.avocat is not None, dossier.creancier.display_name)


def lawyer_intro(dossier: m.Dossier) -> str:
    """The lawyer's first sentence: for whom he acts (« agissant au nom et pour le compte de »)."""
    cr = dossier.creancier
    name = trade_name(cr) + (f" (SIREN {siren_text(cr.siren)})" if cr.siren and not cr.is_consumer else "")
    return f"Agissant au nom et pour le compte {de(name)}, dont je suis le conseil, je vous adresse le présent courrier."


def _days_text(n: int) -> str:
    return f"{integer_in_words(n)} jours"

def _reminder_dates(history: list[m.HistoryEntry], before: date) -> tuple[list[date], list[date]]:
    reminders = [h.date for h in history if h.action in REMINDERS and h.date < before]
    warnings = [h.date for h in history if h.action == Action.AVERTISSEMENT and h.date < before]
    return reminders, warnings


def _body(kind: str, dossier: m.Dossier, d: Decompte, lines: list[InvoiceStatement], s: dict,
          history: list[m.HistoryEntry], letter_date: date, opts: LetterOptions,
          forme: str = DETAIL) -> tuple[list[str], list[str]]:
    """(paragraphs before the table, paragraphs after it); a long dossier's letter refers to its
    annex (``forme``: :mod:`procedure.contexte.annexe`)."""
    deb = dossier.debiteur
    v = voice_of(dossier)
    plural = len(lines) > 1
    n = annexe.count(len(lines), "facture")
    fact = ("les factures ci-dessous" if forme != TOTALS else f"les {n} énumérées au décompte détaillé joint en annexe") \
        if plural else f"la facture n° {lines[0].facture.numero}"
    delay = _days_text(opts.delai_jours)
    reminders, warnings = _reminder_dates(history, letter_date)
    before: list[str] = [lawyer_intro(dossier)] if v.lawyer else []
    after: list[str] = []
    if kind == Document.RELANCE:
        unless = "Sauf erreur ou omission" + v(" de notre part", "")
        if forme == TOTALS:
            before.append(f"{unless}, {n} arrivées à échéance restent à ce jour impayées, en tout ou partie ; elles "
                          "sont énumérées, avec les règlements reçus sur chacune, au relevé joint en annexe.")
        elif forme == LINES:
            before.append(f"{unless}, les {n} ci-dessous, arrivées à échéance, restent à ce jour impayées ; le "
                          "relevé joint en annexe détaille les règlements reçus sur chacune.")
        elif plural:
            before.append(f"{unless}, les factures ci-dessous, arrivées à échéance, restent à ce jour impayées.")
        else:
            inv = lines[0].facture
            before.append(f"{unless}, la facture n° {inv.numero} du {date_fr(inv.date)}, arrivée à échéance le "
                          f"{date_fr(inv.echeance)}, reste à ce jour impayée.")
        after.append(f"Le solde restant dû s'élève à {s['solde_principal']}. Il s'agit peut-être d'un simple "
                     f"oubli : {v('nous vous remercions', 'je vous remercie')} de bien vouloir procéder à son "
                     f"règlement sous {delay} à réception de la présente.")
        if d.rule in (RULE_L441_10, RULE_R2192_31):
            forfait = indemnity_text(d, dossier)
            after.append(f"{v('Nous vous rappelons', 'Je vous rappelle')} que tout retard de paiement fait courir de "
                         "plein droit des pénalités de retard et une indemnité forfaitaire pour frais de recouvrement "
                         f"de {forfait} par facture "
                         + ("(C. com., art. L441-10 II et D441-5)." if d.rule == RULE_L441_10
                            else "(C. commande publique, art. R2192-31 et D2192-35)."))
        after.append(v("Si votre règlement nous est parvenu entre-temps, nous vous prions de ne pas tenir compte "
                       "de ce courrier.",
                       f"Si votre règlement est parvenu entre-temps {a(v.client)}, je vous prie de ne pas tenir "
                       "compte de ce courrier."))
    elif kind == Document.AVERTISSEMENT:
        if reminders:
            dates = dates_fr(reminders)
            first = (f"Malgré {v('notre', 'la')} relance du {dates}" if len(reminders) == 1
                     else f"Malgré {v('nos', 'les')} relances des {dates}")
            before.append(f"{first}, {fact} " + ("restent impayées." if plural else "reste impayée."))
        else:
            verb = "restent impayées malgré leur échéance" if plural else "reste impayée malgré son échéance"
            before.append(f"Sauf erreur{v(' de notre part', '')}, {fact} {verb}.")
        before.extend(legal_basis(d, dossier))
        which = "le décompte ci-dessus arrêté" if forme == DETAIL else "le décompte détaillé joint en annexe, arrêté"
        after.append(f"À ce jour, la somme due s'élève à {s['total']}, selon {which} au {date_fr(d.au)}.")
        after.append(f"{v('Nous vous demandons', 'Je vous demande')} de régler cette somme sous {delay}. À défaut, "
                     f"{v('nous vous adresserons', 'je vous adresserai')} une mise en demeure par lettre recommandée "
                     "avec accusé de réception, préalable à une action en justice dont les frais resteraient à "
                     "votre charge.")
        if deb.is_consumer:
            after.append("Cette mise en demeure fera courir les intérêts au taux légal (C. civ., art. 1231-6 et "
                         "1344-1).")
    elif kind == Document.MISE_EN_DEMEURE:
        past = []
        if reminders:
            past.append((v("notre relance du ", "la relance du ") if len(reminders) == 1
                         else v("nos relances des ", "les relances des ")) + dates_fr(reminders))
        if warnings:
            past.append((v("notre lettre d'avertissement du ", "la lettre d'avertissement du ") if len(warnings) == 1
                         else v("nos lettres d'avertissement des ", "les lettres d'avertissement des "))
                        + dates_fr(warnings))
        despite = f", restée{'s' if plural else ''} impayée{'s' if plural else ''} malgré {join(past)}" \
            if past else ""
        before.append(v("Par la présente, nous vous mettons", "Je vous mets") + " en demeure, au sens de l'article "
                      f"1344 du code civil, de {v('nous régler', 'régler ' + a(v.client))} la somme de {s['total']} "
                      f"({s['total_lettres']}), arrêtée au {date_fr(d.au)}, au titre "
                      f"{_claimed(fact, plural, forme, n)}{despite}.")
        before.extend(legal_basis(d, dossier))
        we_will = v("nous saisirons", "je saisirai")
        if deb.is_public:
            # an administrative contract: the administrative judge, never an injonction de payer
            after.append(f"À défaut de règlement intégral sous {delay} à compter de la réception de la présente, "
                         f"{we_will} sans autre avis le juge des référés du tribunal administratif compétent "
                         "d'une demande de provision (article R541-1 du code de justice administrative), sans "
                         "préjudice de tous dommages et intérêts.")
        else:
            after.append(f"À défaut de règlement intégral sous {delay} à compter de la réception de la présente, "
                         f"{we_will} sans autre avis la juridiction compétente d'une requête en injonction de "
                         "payer (articles 1405 et suivants du code de procédure civile), sans préjudice de tous "
                         "dommages et intérêts ; les frais de la procédure resteront à votre charge.")
        if d.rule != RULE_NONE:
            after.append("Les intérêts continuent de courir jusqu'au complet paiement.")
    return before, after


def _claimed(fact: str, several: bool, forme: str, n: str) -> str:
    """What a mise en demeure claims the sum « au titre » of."""
    if not several:
        return f"de {fact}"
    return {DETAIL: "des factures détaillées ci-dessous",
            LINES: f"des {n} ci-dessous, selon le décompte détaillé joint en annexe",
            TOTALS: f"des {n} énumérées au décompte détaillé joint en annexe"}[forme]


POLITESSE = {
    Document.RELANCE: "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.",
    Document.AVERTISSEMENT: "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.",
    Document.MISE_EN_DEMEURE: "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    Document.DECOMPTE: "",
}
POLITESSE_AVOCAT = {
    Document.RELANCE: "Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.",
    Document.AVERTISSEMENT: "Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées.",
    Document.MISE_EN_DEMEURE: "Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
    Document.DECOMPTE: "",
}


def letterhead(dossier: m.Dossier) -> dict:
    """The sender's block: the lawyer when the creditor has one, else the creditor with its mentions
    (an entrepreneur individuel's name followed by « EI », C. com. R526-26)."""
    if dossier.avocat:
        return lawyer_block(dossier.avocat)
    cr = dossier.creancier
    mentions = legal_mentions(cr)
    if is_entrepreneur(cr):
        return {**party_block(cr), "nom": trade_name(cr), "qualite": cr.profession[:1].upper() + cr.profession[1:],
                "mentions": mentions[1:]}
    return {**party_block(cr), "mentions": mentions}


def footer(dossier: m.Dossier) -> str:
    a_ = dossier.avocat
    if a_:
        return fit_footer([a_.display_name, bar_text(a_)] + ([", ".join(a_.adresse.lines())] if a_.adresse else [])
                          + ([f"toque {a_.toque}"] if a_.toque else []))
    cr = dossier.creancier
    ids = [x for x in legal_mentions(cr) if x.startswith(("SIREN", "SIRET", "RCS", "TVA"))]
    return fit_footer([trade_name(cr), ", ".join(cr.adresse.lines())] + ids)


def claimed(kind: str, d: Decompte, letter_date: date) -> list[InvoiceStatement]:
    """The invoices a letter claims: those past their due date with something left to pay (the
    décompte as a document shows them all)."""
    if kind == Document.DECOMPTE:
        return list(d.lines)
    return [s for s in d.lines if s.reste_du > 0 and s.facture.echeance < letter_date]


def build(kind: str, dossier: m.Dossier, d: Decompte, letter_date: date, history: list[m.HistoryEntry],
          opts: LetterOptions | None = None, logo: bytes | None = None, logo_mime: str = "") -> dict:
    """Everything a template displays, as strings and lists of strings."""
    opts = opts or LetterOptions()
    cr, deb = dossier.creancier, dossier.debiteur
    lines = claimed(kind, d, letter_date)
    s = summary(d, lines)
    forme = annexe.form(kind, lines)
    before, after = ([], []) if kind == Document.DECOMPTE else _body(kind, dossier, d, lines, s, history, letter_date,
                                                                      opts, forme)
    numbers = [x.facture.numero for x in lines]
    objet = {
        Document.RELANCE: "Relance — " + ("factures impayées" if len(lines) > 1 else f"facture n° {numbers[0]} impayée"),
        Document.AVERTISSEMENT: "Second rappel avant mise en demeure — " + (
            "factures impayées" if len(lines) > 1 else f"facture n° {numbers[0]}"),
        Document.MISE_EN_DEMEURE: f"Mise en demeure de payer la somme de {s['total']}",
        Document.DECOMPTE: f"Décompte de la créance arrêté au {date_fr(d.au)}",
    }[kind]
    v = voice_of(dossier)
    envoi = {
        Document.MISE_EN_DEMEURE: "Lettre recommandée avec demande d'avis de réception n°\u00a0"
                                  + (opts.lrar.replace(" ", "\u00a0") or "________________________"),
        Document.AVERTISSEMENT: "Lettre simple et courriel" if deb.email else "Lettre simple",
    }.get(kind, "")
    refs = ([f"Affaire : {cr.display_name} c/ {deb.display_name}"] if v.lawyer else []) + [
            f"{v('Notre', 'Ma')} référence : {dossier.reference}",
            ("Factures : " if len(numbers) > 1 else "Facture : ") + ", ".join(f"n° {n}" for n in numbers[:12])
            + (f" et {annexe.count(len(numbers) - 12, 'autre')}" if len(numbers) > 12 else "")]
    notes = []  # for the debtor only: what is internal (an unverified rate) goes to the user, on stderr
    credit = credit_line(d)
    if credit:  # shown by every template that shows notes (HTML and DOCX alike)
        notes.append(credit)
    ctx = {
        "document": {
            "type": kind, "titre": TITLES[kind], "objet": objet, "envoi": envoi, "references": refs,
            "lieu_date": f"{writing_place(dossier)}, le {date_fr(letter_date)}",
            "date": date_fr(letter_date), "reference": dossier.reference, "au": date_fr(d.au),
        },
        "expediteur": letterhead(dossier),
        "destinataire": party_block(deb),
        "creancier_description": describe_party(cr),
        "debiteur_description": describe_party(deb),
        "salutation": "Madame, Monsieur,",
        "corps": before,
        "corps_fin": after,
        # a long dossier's letter: one line per invoice, or the totals (``recapitulatif``), and the
        # annex it refers to (``annexe``, filled in once the annex is drawn and its pages known)
        "forme": forme,
        "factures": invoice_rows(d, lines) if forme != TOTALS else [],
        "detail": detail_rows(d, lines) if forme == DETAIL and kind == Document.MISE_EN_DEMEURE
        or kind == Document.DECOMPTE and forme != TOTALS else [],
        "afficher_detail": kind in (Document.MISE_EN_DEMEURE, Document.DECOMPTE) and forme == DETAIL,
        "afficher_penalites": kind == Document.AVERTISSEMENT or kind == Document.MISE_EN_DEMEURE and forme == LINES,
        "recapitulatif": annexe.recap(kind, d, lines),
        "annexe": "",
        "totaux": {k: v for k, v in s.items() if not k.startswith("_")},
        "fondement": legal_basis(d, dossier) if kind == Document.DECOMPTE else [],
        "regime": d.nature,
        "credit": credit,
        "paiement": payment_block(dossier),
        "politesse": (POLITESSE_AVOCAT if v.lawyer else POLITESSE)[kind],
        "signature": signatory(dossier),
        "notes": notes,
        "pied": footer(dossier),
        "logo_uri": f"data:{logo_mime};base64,{base64.b64encode(logo).decode()}" if logo else "",
    }
    return ctx


def fit_footer(parts: list[str]) -> str:
    """The letterhead repeated at the foot of every page: as much of it as the bottom margin holds
    (a page margin cannot grow: what overflowed it would be cut off the page; the letterhead above
    keeps everything)."""
    out = parts[0]
    for part in parts[1:]:
        if len(out) + len(part) + 3 > MAX_FOOTER_CHARS:
            break
        out += f" — {part}"
    return out


def plain_text(ctx: dict) -> str:
    """The letter as plain text, for the body of an e-mail."""
    out = [ctx["salutation"], ""]
    out += [p + "\n" for p in ctx["corps"]]
    if ctx["forme"] == TOTALS:
        recap = ctx["recapitulatif"]
        out += [f"  - {r['libelle']} : {r['montant']}" for r in recap["lignes"]]
        out.append(f"  {recap['total_libelle']} : {recap['total']}")
    for f in ctx["factures"]:
        out.append(f"  - facture n° {f['numero']} du {f['date']}, échue le {f['echeance']} : "
                   f"{f['montant']}, réglé {f['paye']}, reste dû {f['reste_du'] if ctx['afficher_penalites'] else f['solde']}")
    out.append("")
    out += [p + "\n" for p in ctx["corps_fin"]]
    if ctx["annexe"]:
        out += [ctx["annexe"], ""]
    out += ["Règlement :", *ctx["paiement"]["lignes"], "", ctx["politesse"], ""]
    sig = ctx["signature"]
    out += [x for x in (sig["pour"], sig["nom"], sig["qualite"]) if x]
    out += ["", ctx["pied"]]
    return "\n".join(out).replace("\u00a0", " ") + "\n"




