"""Dossier + décompte -> the display strings every template uses (DOCX and HTML alike).

Templates only display: dates arrive in French ("1er mars 2025"), amounts as "10 407,85 €",
totals in words, and every sentence that states the law names its article here, once, so that
both formats say exactly the same thing.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, timedelta

from procedure import model as m
from procedure.law.decompte import (
    RULE_CONTRACTUAL,
    RULE_L441_10,
    RULE_LEGAL_INTEREST,
    RULE_NONE,
    RULE_R2192_31,
    Decompte,
    InvoiceStatement,
)
from procedure.law.words import amount_in_words, integer_in_words
from procedure.money import ZERO, format_eur, format_rate
from procedure.render.filters import date_fr

RELANCE = "relance"
AVERTISSEMENT = "avertissement"
MISE_EN_DEMEURE = "mise-en-demeure"
DECOMPTE = "decompte"
LETTERS = (RELANCE, AVERTISSEMENT, MISE_EN_DEMEURE)
TITLES = {
    RELANCE: "Relance",
    AVERTISSEMENT: "Lettre d'avertissement",
    MISE_EN_DEMEURE: "Mise en demeure",
    DECOMPTE: "Décompte de la créance",
}
REMINDER_ACTIONS = {"relance", "courriel", "appel", "avertissement"}


@dataclass(frozen=True)
class LetterOptions:
    delai_jours: int = 8


def _join_fr(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def _siren(value: str) -> str:
    from stdnum.fr import siren

    return siren.format(value)


def _iban(value: str) -> str:
    from stdnum import iban

    return iban.format(value)


def party_block(p: m.Party) -> dict:
    attention = ""
    if p.representant and not p.is_consumer:
        attention = f"À l'attention de {p.representant}"
    return {"nom": p.display_name, "attention": attention, "adresse": p.adresse.lines(),
            "email": p.email, "telephone": p.telephone}


def legal_mentions(p: m.Party) -> list[str]:
    """The creditor's mentions for the letterhead and footer (C. com. R123-237)."""
    out = []
    if p.forme_juridique:
        first = f"{p.nom} — {p.forme_juridique}" if p.forme_juridique not in p.nom else p.nom
        if p.capital:
            first += f" au capital de {p.capital}"
        out.append(first)
    ids = []
    if p.siren:
        ids.append(f"SIREN {_siren(p.siren)}")
    if p.siret:
        ids.append(f"SIRET {p.siret}")
    if p.rcs:
        ids.append(p.rcs)
    if p.tva:
        ids.append(f"TVA {p.tva}")
    if ids:
        out.append(" — ".join(ids))
    return out


def describe_party(p: m.Party) -> str:
    """One line identifying a party, as a requête or a décompte states it."""
    if p.is_consumer and not p.forme_juridique:
        text = p.display_name
        if p.profession:
            text += f", {p.profession}"
        return text + ", demeurant " + ", ".join(p.adresse.lines())
    text = p.display_name
    if p.siren:
        text += f", SIREN {_siren(p.siren)}"
    text += ", " + ("dont le siège est " if not p.is_public else "") + ", ".join(p.adresse.lines())
    if p.representant:
        text += f", représentée par {p.representant}"
    return text


def signature(cr: m.Party) -> dict:
    name, quality = cr.signataire, ""
    if cr.representant:
        rep_name, _, rep_quality = cr.representant.partition(",")
        name = name or rep_name.strip()
        quality = rep_quality.strip()
    if not name:
        name = cr.display_name
    pour = f"Pour {cr.display_name}" if not cr.is_consumer and name != cr.display_name else ""
    return {"pour": pour, "nom": name, "qualite": quality}


def payment_block(dossier: m.Dossier) -> dict:
    cr = dossier.creancier
    if cr.iban:
        lines = [f"Par virement sur le compte IBAN {_iban(cr.iban)}" + (f" (BIC {cr.bic})" if cr.bic else ""),
                 f"au nom de {cr.display_name}, en rappelant la référence {dossier.reference}."]
    else:
        lines = [f"Par chèque à l'ordre de {cr.display_name}, adressé à {', '.join(cr.adresse.lines())},",
                 f"en rappelant la référence {dossier.reference}."]
    return {"lignes": lines, "iban": _iban(cr.iban) if cr.iban else "", "bic": cr.bic}


def _days_text(n: int) -> str:
    return f"{integer_in_words(n)} jours"


def _reminder_dates(history: list[m.HistoryEntry], before: date) -> tuple[list[date], list[date]]:
    reminders = [h.date for h in history if h.action in ("relance", "courriel", "appel") and h.date < before]
    warnings = [h.date for h in history if h.action == AVERTISSEMENT and h.date < before]
    return reminders, warnings


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
    rows = []
    nature = (d.nature or "intérêts").capitalize()
    for s in lines:
        inv = s.facture
        rows.append({"type": "facture", "libelle": f"Facture n° {inv.numero} du {date_fr(inv.date)}",
                     "periode": f"échéance {date_fr(inv.echeance)}", "jours": "", "base": "", "taux": "",
                     "montant": format_eur(inv.montant_ttc)})
        events = [((p.au, 0), "p", p) for p in s.periods] + [((a.date, 1), "a", a) for a in s.allocations]
        for _, kind, item in sorted(events, key=lambda e: e[0]):
            if kind == "p":
                rows.append({"type": "interets", "libelle": nature + ("*" if not item.verifie else ""),
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


def credit_line(d: Decompte) -> str:
    """The debtor's credit (paid beyond every debt: principal, interest, indemnities), or ""."""
    return f"Trop-perçu en faveur du débiteur : {format_eur(d.credit)}" if d.credit > 0 else ""


def summary(d: Decompte, lines: list[InvoiceStatement]) -> dict:
    principal = sum((s.montant_ttc for s in lines), ZERO)
    interets = sum((s.interets for s in lines), ZERO)
    indemnites = sum((s.indemnite for s in lines), ZERO)
    paye = sum((s.paye for s in lines), ZERO)
    total = sum((s.reste_du for s in lines), ZERO)
    return {
        "principal": format_eur(principal), "interets": format_eur(interets),
        "indemnites": format_eur(indemnites), "paye": format_eur(-paye), "total": format_eur(total),
        "total_lettres": amount_in_words(total), "solde_principal": format_eur(principal - paye),
        "total_montant": format_eur(principal), "total_paye": format_eur(paye),
        "total_interets": format_eur(interets), "total_indemnites": format_eur(indemnites),
        "credit": format_eur(d.credit),
        "_total": total, "_principal_open": principal - paye,
    }


def legal_basis(d: Decompte, dossier: m.Dossier) -> list[str]:
    """The paragraph(s) stating the late-payment rule, with their articles."""
    rule = d.rule
    if rule == RULE_L441_10:
        return ["En application de l'article L441-10 II du code de commerce, les sommes non réglées à leur "
                "échéance portent de plein droit, sans qu'un rappel soit nécessaire, des pénalités de retard "
                "au taux de refinancement de la Banque centrale européenne majoré de dix points (taux appliqués : "
                f"{_rate_sentence(d)} l'an), et chaque facture payée en retard donne lieu à une "
                "indemnité forfaitaire pour frais de recouvrement de 40 € (article D441-5 du même code)."]
    if rule == RULE_R2192_31:
        return ["En application des articles L2192-13 et R2192-31 du code de la commande publique, le retard de "
                "paiement fait courir de plein droit des intérêts moratoires au taux de refinancement de la "
                "Banque centrale européenne en vigueur au premier jour du semestre où ils ont commencé à courir, "
                f"majoré de huit points (taux appliqué : {_rate_sentence(d)} l'an), ainsi qu'une "
                "indemnité forfaitaire pour frais de recouvrement de 40 € par facture (article D2192-35)."]
    if rule == RULE_LEGAL_INTEREST:
        return ["En application des articles 1231-6 et 1344-1 du code civil, la mise en demeure fait courir sur "
                "les sommes dues les intérêts au taux légal (article L313-2 du code monétaire et financier)."]
    if rule == RULE_CONTRACTUAL:
        return [f"Les sommes non réglées à leur échéance portent intérêt au taux contractuel de "
                f"{format_rate(dossier.penalites.taux)} l'an."
                + (" Une indemnité forfaitaire pour frais de recouvrement de 40 € est due pour chaque facture "
                   "payée en retard (C. com., art. L441-10 II et D441-5)." if d.indemnites else "")]
    return []


def _body(kind: str, dossier: m.Dossier, d: Decompte, lines: list[InvoiceStatement], s: dict,
          history: list[m.HistoryEntry], letter_date: date, opts: LetterOptions) -> tuple[list[str], list[str]]:
    """(paragraphs before the table, paragraphs after it)."""
    deb = dossier.debiteur
    plural = len(lines) > 1
    fact = "les factures ci-dessous" if plural else f"la facture n° {lines[0].facture.numero}"
    delay = _days_text(opts.delai_jours)
    reminders, warnings = _reminder_dates(history, letter_date)
    before: list[str] = []
    after: list[str] = []
    if kind == RELANCE:
        if plural:
            before.append("Sauf erreur ou omission de notre part, les factures ci-dessous, arrivées à échéance, "
                          "restent à ce jour impayées.")
        else:
            inv = lines[0].facture
            before.append(f"Sauf erreur ou omission de notre part, la facture n° {inv.numero} du "
                          f"{date_fr(inv.date)}, arrivée à échéance le {date_fr(inv.echeance)}, reste à ce jour "
                          "impayée.")
        after.append(f"Le solde restant dû s'élève à {s['solde_principal']}. Il s'agit peut-être d'un simple "
                     f"oubli : nous vous remercions de bien vouloir procéder à son règlement sous {delay} à "
                     "réception de la présente.")
        if d.rule in (RULE_L441_10, RULE_R2192_31):
            after.append("Nous vous rappelons que tout retard de paiement fait courir de plein droit des pénalités "
                         "de retard et une indemnité forfaitaire pour frais de recouvrement de 40 € par facture "
                         + ("(C. com., art. L441-10 II et D441-5)." if d.rule == RULE_L441_10
                            else "(C. commande publique, art. R2192-31 et D2192-35)."))
        after.append("Si votre règlement nous est parvenu entre-temps, nous vous prions de ne pas tenir compte "
                     "de ce courrier.")
    elif kind == AVERTISSEMENT:
        if reminders:
            dates = _join_fr([date_fr(x) for x in reminders])
            first = f"Malgré notre relance du {dates}" if len(reminders) == 1 else f"Malgré nos relances des {dates}"
            before.append(f"{first}, {fact} " + ("restent impayées." if plural else "reste impayée."))
        else:
            verb = "restent impayées malgré leur échéance" if plural else "reste impayée malgré son échéance"
            before.append(f"Sauf erreur de notre part, {fact} {verb}.")
        before.extend(legal_basis(d, dossier))
        after.append(f"À ce jour, la somme due s'élève à {s['total']}, selon le décompte ci-dessus arrêté au "
                     f"{date_fr(d.au)}.")
        after.append(f"Nous vous demandons de régler cette somme sous {delay}. À défaut, nous vous adresserons une "
                     "mise en demeure par lettre recommandée avec accusé de réception, préalable à une action "
                     "en justice dont les frais resteraient à votre charge.")
        if deb.is_consumer:
            after.append("Cette mise en demeure fera courir les intérêts au taux légal (C. civ., art. 1231-6 et "
                         "1344-1).")
    elif kind == MISE_EN_DEMEURE:
        past = []
        if reminders:
            past.append(("notre relance du " if len(reminders) == 1 else "nos relances des ")
                        + _join_fr([date_fr(x) for x in reminders]))
        if warnings:
            past.append("notre lettre d'avertissement du " + _join_fr([date_fr(x) for x in warnings]))
        despite = f", restée{'s' if plural else ''} impayée{'s' if plural else ''} malgré {_join_fr(past)}" \
            if past else ""
        before.append(f"Par la présente, nous vous mettons en demeure, au sens de l'article 1344 du code civil, de "
                      f"nous régler la somme de {s['total']} ({s['total_lettres']}), arrêtée au {date_fr(d.au)}, "
                      f"au titre de {fact if not plural else 'des factures détaillées ci-dessous'}{despite}.")
        before.extend(legal_basis(d, dossier))
        after.append(f"À défaut de règlement intégral sous {delay} à compter de la réception de la présente, "
                     "nous saisirons sans autre avis la juridiction compétente d'une requête en injonction de "
                     "payer (articles 1405 et suivants du code de procédure civile), sans préjudice de tous "
                     "dommages et intérêts ; les frais de la procédure resteront à votre charge.")
        if d.rule != RULE_NONE:
            after.append("Les intérêts continuent de courir jusqu'au complet paiement.")
    return before, after


POLITESSE = {
    RELANCE: "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.",
    AVERTISSEMENT: "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.",
    MISE_EN_DEMEURE: "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    DECOMPTE: "",
}


def build(kind: str, dossier: m.Dossier, d: Decompte, letter_date: date, history: list[m.HistoryEntry],
          opts: LetterOptions | None = None, logo: bytes | None = None, logo_mime: str = "") -> dict:
    """Everything a template displays, as strings and lists of strings."""
    opts = opts or LetterOptions()
    cr, deb = dossier.creancier, dossier.debiteur
    # a letter claims only what is due: invoices past their due date with something left to pay
    owed = [s for s in d.lines if s.reste_du > 0 and s.facture.echeance < letter_date]
    lines = list(d.lines) if kind == DECOMPTE else owed
    s = summary(d, lines)
    before, after = ([], []) if kind == DECOMPTE else _body(kind, dossier, d, lines, s, history, letter_date, opts)
    numbers = [x.facture.numero for x in lines]
    objet = {
        RELANCE: "Relance — " + ("factures impayées" if len(lines) > 1 else f"facture n° {numbers[0]} impayée"),
        AVERTISSEMENT: "Second rappel avant mise en demeure — " + (
            "factures impayées" if len(lines) > 1 else f"facture n° {numbers[0]}"),
        MISE_EN_DEMEURE: f"Mise en demeure de payer la somme de {s['total']}",
        DECOMPTE: f"Décompte de la créance arrêté au {date_fr(d.au)}",
    }[kind]
    envoi = {
        MISE_EN_DEMEURE: "Lettre recommandée avec demande d'avis de réception n° ________________________",
        AVERTISSEMENT: "Lettre simple et courriel" if deb.email else "Lettre simple",
    }.get(kind, "")
    refs = [f"Notre référence : {dossier.reference}",
            ("Factures : " if len(numbers) > 1 else "Facture : ") + ", ".join(f"n° {n}" for n in numbers[:12])
            + (f" et {len(numbers) - 12} autres" if len(numbers) > 12 else "")]
    warnings = [w for w in d.warnings if "non vérifié" in w]
    notes = []
    credit = credit_line(d)
    if credit:  # shown by every template that shows notes (HTML and DOCX alike)
        notes.append(credit)
    if warnings:
        notes.append("* Taux non confirmé par une source officielle à la date du document ; à vérifier : "
                     + " ; ".join(warnings))
    ctx = {
        "document": {
            "type": kind, "titre": TITLES[kind], "objet": objet, "envoi": envoi, "references": refs,
            "lieu_date": f"{dossier.lieu or cr.adresse.ville}, le {date_fr(letter_date)}",
            "date": date_fr(letter_date), "reference": dossier.reference, "au": date_fr(d.au),
        },
        "expediteur": {**party_block(cr), "mentions": legal_mentions(cr)},
        "destinataire": party_block(deb),
        "creancier_description": describe_party(cr),
        "debiteur_description": describe_party(deb),
        "salutation": "Madame, Monsieur,",
        "corps": before,
        "corps_fin": after,
        "factures": invoice_rows(d, lines),
        "detail": detail_rows(d, lines),
        "afficher_detail": kind in (MISE_EN_DEMEURE, DECOMPTE),
        "afficher_penalites": kind == AVERTISSEMENT,
        "totaux": {k: v for k, v in s.items() if not k.startswith("_")},
        "fondement": legal_basis(d, dossier) if kind == DECOMPTE else [],
        "regime": d.nature,
        "credit": credit,
        "paiement": payment_block(dossier),
        "politesse": POLITESSE[kind],
        "signature": signature(cr),
        "notes": notes,
        "pied": " — ".join([cr.display_name, ", ".join(cr.adresse.lines())] + legal_mentions(cr)[1:]),
        "logo_uri": f"data:{logo_mime};base64,{base64.b64encode(logo).decode()}" if logo else "",
    }
    return ctx


def plain_text(ctx: dict) -> str:
    """The letter as plain text, for the body of an e-mail."""
    out = [ctx["salutation"], ""]
    out += [p + "\n" for p in ctx["corps"]]
    for f in ctx["factures"]:
        out.append(f"  - facture n° {f['numero']} du {f['date']}, échue le {f['echeance']} : "
                   f"{f['montant']}, réglé {f['paye']}, reste dû {f['reste_du'] if ctx['afficher_penalites'] else f['solde']}")
    out.append("")
    out += [p + "\n" for p in ctx["corps_fin"]]
    out += ["Règlement :", *ctx["paiement"]["lignes"], "", ctx["politesse"], ""]
    sig = ctx["signature"]
    out += [x for x in (sig["pour"], sig["nom"], sig["qualite"]) if x]
    out += ["", ctx["pied"]]
    return "\n".join(out).replace("\u00a0", " ") + "\n"




# --- the court file --------------------------------------------------------------------------------

PERSON_FIELDS = (("prenom", "prénom(s)"), ("profession", "profession"), ("nationalite", "nationalité"),
                 ("date_naissance", "date de naissance"), ("lieu_naissance", "lieu de naissance"))


def _blank(label: str) -> str:
    return f"[à compléter : {label}]"


def requete_party(p: m.Party, role: str, missing: list[str]) -> list[str]:
    """CPC 1407: for a company its form, name, seat and legal representative; for a person their
    names, profession, domicile, nationality, date and place of birth (the creditor's are required)."""
    addr = ", ".join(p.adresse.lines())
    if p.is_consumer and not p.forme_juridique:
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
        ids.append(f"SIREN {_siren(p.siren)}")
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


ACTION_LABELS = {"relance": "Relance", "avertissement": "Lettre d'avertissement", "courriel": "Courriel de relance",
                 "appel": "Relance téléphonique", "mise-en-demeure": "Mise en demeure (LRAR)"}


def amicable_steps(history: list[m.HistoryEntry], before: date) -> list[str]:
    out = []
    for h in history:
        if h.action in ACTION_LABELS and h.date <= before:
            text = f"{ACTION_LABELS[h.action]} du {date_fr(h.date)}"
            if h.date_reception:
                text += f", reçue le {date_fr(h.date_reception)}"
            if h.numero:
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
        rows.append({"libelle": f"Indemnités forfaitaires pour frais de recouvrement (40 € × {n}{less})",
                     "fondement": lines[0].indemnite_fondement if lines else "", "montant": format_eur(indemnity)})
    total = principal + interest + indemnity
    return rows, {"total": format_eur(total), "total_lettres": amount_in_words(total), "_total": total,
                  "principal": format_eur(principal)}


def build_requete(dossier: m.Dossier, d: Decompte, court, filing_date: date, history: list[m.HistoryEntry],
                  exhibits, renvoi_1408: bool = False) -> tuple[dict, list[str]]:
    """The requête en injonction de payer (CPC 1407; Cerfa 12948*06 / 12946*02): context and the
    list of what the user must still supply."""
    missing: list[str] = []
    lines = [s for s in d.lines if s.reste_du > 0 and s.facture.echeance < filing_date]
    rows, totals = claim_rows(d, lines)
    base = build(DECOMPTE, dossier, d, filing_date, history)
    future_rate = ""
    last = [p for s in lines for p in s.periods]
    if last:
        p = max(last, key=lambda x: x.au)
        future_rate = (f"outre les {d.nature} au taux de {format_rate(p.taux)} l'an (taux du semestre en cours, "
                       f"révisé chaque semestre le cas échéant) à compter du {date_fr(p.au + timedelta(days=1))} "
                       "jusqu'au complet paiement")
    contracts = [x for x in dossier.pieces if x.categorie in ("contrat", "bon-de-commande", "devis", "cgv")]
    numbers = {e.path.resolve(): e.numero for e in exhibits}

    def piece_no(path) -> str:
        n = numbers.get((dossier.folder / path).resolve()) if path else None
        return f" (pièce n° {n})" if n else ""

    fondement = [f"Facture n° {s.facture.numero} du {date_fr(s.facture.date)}, échue le {date_fr(s.facture.echeance)}, "
                 f"d'un montant de {format_eur(s.montant_ttc)} TTC" + (f" — {s.facture.objet}" if s.facture.objet else "")
                 + piece_no(s.facture.piece) for s in lines]
    for x in contracts:
        fondement.append(f"{x.titre}{piece_no(x.fichier)}")
    steps = amicable_steps(history, filing_date)
    ctx = {
        **base,
        "document": {**base["document"], "titre": "Requête en injonction de payer",
                     "objet": "Requête en injonction de payer (articles 1405 à 1425 du code de procédure civile)"},
        "tribunal": {"nom": court.nom, "adresse": court.adresse or _blank("adresse du greffe"), "cerfa": court.cerfa,
                     "raisons": court.raisons, "commercial": court.commercial},
        "demandeur": requete_party(dossier.creancier, "creancier", missing),
        "defendeur": requete_party(dossier.debiteur, "debiteur", missing),
        "sommes": rows,
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
    }
    return ctx, missing


def build_bordereau(dossier: m.Dossier, court_name: str, filing_date: date, exhibits, total_pages: int,
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

