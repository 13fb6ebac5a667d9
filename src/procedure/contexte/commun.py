"""The parties, the signature and the payment details, as every document displays them.

Templates only display: every value arrives formatted, so that the DOCX and the PDF say the same.

A party is a company (personne morale: seat, legal representative) or a natural person (a consumer,
or an entrepreneur individuel: names, domicile, and for the latter the SIREN and « EI »,
C. com. R526-26). The creditor may act through its lawyer: the lawyer then writes and signs.

>>> from procedure.modele.dossier import Address, Lawyer, Party
>>> home = Address("4 chemin des Vignes", "69390", "Vourles")
>>> ei = Party("professionnel", "Moreau", home, prenom="Jean", personne="physique", siren="732829320",
...            representant="X, gérant")
>>> describe_party(ei)
'Jean Moreau, entrepreneur individuel (EI), SIREN 732 829 320, demeurant 4 chemin des Vignes, 69390 Vourles'
>>> party_block(ei)["attention"], signature(ei)
('', {'pour': '', 'nom': 'Jean Moreau', 'qualite': 'Entrepreneur individuel (EI)'})
>>> lawyer_signature(Lawyer("Leroy", "Jeanne", barreau="Aix-en-Provence"))
{'pour': '', 'nom': 'Maître Jeanne Leroy', 'qualite': "Avocat au barreau d'Aix-en-Provence"}
"""

from __future__ import annotations

from procedure.modele import dossier as m
from procedure.texte_fr import a_lordre_de, de

EI = "entrepreneur individuel (EI)"


def siren_text(value: str) -> str:
    from stdnum.fr import siren

    return siren.format(value)


def iban_text(value: str) -> str:
    from stdnum import iban

    return iban.format(value)


def is_entrepreneur(p: m.Party) -> bool:
    """A professional who is a natural person (entrepreneur individuel, micro-entrepreneur...)."""
    return p.is_person and not p.is_consumer


def trade_name(p: m.Party) -> str:
    """The name a party trades under: an entrepreneur individuel's name is followed by « EI »
    on his professional documents (C. com. R526-26)."""
    name = p.display_name
    if is_entrepreneur(p) and "EI" not in name.replace(",", " ").split():
        return f"{name} EI"
    return name


def party_block(p: m.Party) -> dict:
    attention = ""
    if p.representant and not p.is_person:  # a person receives his letters himself
        attention = f"À l'attention {de(p.representant)}"
    return {"nom": p.display_name, "attention": attention, "adresse": p.adresse.lines(),
            "email": p.email, "telephone": p.telephone, "qualite": ""}


def legal_mentions(p: m.Party) -> list[str]:
    """The creditor's mentions for the letterhead and footer (C. com. R123-237; R526-26 for an EI)."""
    out = []
    if is_entrepreneur(p):
        out.append(EI[0].upper() + EI[1:] + (f" — {p.profession}" if p.profession else ""))
    elif p.forme_juridique:
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
    addr = ", ".join(p.adresse.lines())
    if p.is_person:
        text = p.display_name
        if is_entrepreneur(p):
            text += f", {EI}"
        if p.profession:
            text += f", {p.profession}"
        if p.siren and is_entrepreneur(p):
            text += f", SIREN {siren_text(p.siren)}"
        return f"{text}, demeurant {addr}"
    text = p.display_name
    if p.siren:
        text += f", SIREN {siren_text(p.siren)}"
    text += ", " + ("dont le siège est " if not p.is_public else "") + addr
    if p.representant:
        text += f", représentée par {p.representant}"
    return text


def signature(cr: m.Party) -> dict:
    """The creditor signing himself: a company through its representative (« Pour X »), a person
    in his own name."""
    if cr.is_person:
        return {"pour": "", "nom": cr.display_name,
                "qualite": EI[0].upper() + EI[1:] if is_entrepreneur(cr) else ""}
    name, quality = cr.signataire, ""
    if cr.representant:
        rep_name, _, rep_quality = cr.representant.partition(",")
        name = name or rep_name.strip()
        quality = rep_quality.strip()
    if not name:
        name = cr.display_name
    pour = f"Pour {cr.display_name}" if name != cr.display_name else ""
    return {"pour": pour, "nom": name, "qualite": quality}


def bar_text(avocat: m.Lawyer) -> str:
    """« avocat au barreau de Lyon » (« d'Aix-en-Provence », « du Mans »)."""
    bar = avocat.barreau.strip()
    if not bar:
        return "avocat"
    if bar.lower().startswith("barreau"):
        return f"avocat au {bar[0].lower()}{bar[1:]}"
    return "avocat au barreau " + de(bar)


def lawyer_signature(avocat: m.Lawyer) -> dict:
    quality = bar_text(avocat)
    return {"pour": "", "nom": avocat.display_name, "qualite": quality[0].upper() + quality[1:]}


def signatory(dossier: m.Dossier) -> dict:
    """Who signs the dossier's documents: the creditor's lawyer when it has one, else the creditor."""
    return lawyer_signature(dossier.avocat) if dossier.avocat else signature(dossier.creancier)


def lawyer_block(avocat: m.Lawyer) -> dict:
    """The lawyer's letterhead: name, bar (and toque), address, telephone, e-mail."""
    quality = bar_text(avocat)
    mentions = [f"Toque {avocat.toque}"] if avocat.toque else []
    return {"nom": avocat.display_name, "attention": "", "qualite": quality[0].upper() + quality[1:],
            "adresse": avocat.adresse.lines() if avocat.adresse else [], "email": avocat.email,
            "telephone": avocat.telephone, "mentions": mentions}


def presented_by(dossier: m.Dossier) -> str:
    """« Maître X, avocat au barreau de Y », who presents the requête for the creditor, or ""."""
    a = dossier.avocat
    if a is None:
        return ""
    text = f"{a.display_name}, {bar_text(a)}"
    if a.toque:
        text += f" (toque {a.toque})"
    if a.adresse:
        text += ", " + ", ".join(a.adresse.lines())
    return text


def writing_place(dossier: m.Dossier) -> str:
    """The town written beside the date: the dossier's ``lieu``, else the writer's town."""
    a = dossier.avocat
    return dossier.lieu or (a.adresse.ville if a and a.adresse else dossier.creancier.adresse.ville)


def payment_block(dossier: m.Dossier) -> dict:
    cr = dossier.creancier
    if cr.iban:
        lines = [f"Par virement sur le compte IBAN {iban_text(cr.iban)}" + (f" (BIC {cr.bic})" if cr.bic else ""),
                 f"au nom {de(cr.display_name)}, en rappelant la référence {dossier.reference}."]
    else:
        lines = [f"Par chèque {a_lordre_de(cr.display_name)}, adressé à {', '.join(cr.adresse.lines())},",
                 f"en rappelant la référence {dossier.reference}."]
    return {"lignes": lines, "iban": iban_text(cr.iban) if cr.iban else "", "bic": cr.bic}
