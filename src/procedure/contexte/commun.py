"""The parties, the signature and the payment details, as every document displays them.

Templates only display: every value arrives formatted, so that the DOCX and the PDF say the same.
"""

from __future__ import annotations

from procedure.modele import dossier as m
from procedure.texte_fr import a_lordre_de



def siren_text(value: str) -> str:
    from stdnum.fr import siren

    return siren.format(value)


def iban_text(value: str) -> str:
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
        ids.append(f"SIREN {siren_text(p.siren)}")
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
        text += f", SIREN {siren_text(p.siren)}"
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
        lines = [f"Par virement sur le compte IBAN {iban_text(cr.iban)}" + (f" (BIC {cr.bic})" if cr.bic else ""),
                 f"au nom de {cr.display_name}, en rappelant la référence {dossier.reference}."]
    else:
        lines = [f"Par chèque {a_lordre_de(cr.display_name)}, adressé à {', '.join(cr.adresse.lines())},",
                 f"en rappelant la référence {dossier.reference}."]
    return {"lignes": lines, "iban": iban_text(cr.iban) if cr.iban else "", "bic": cr.bic}
