"""Read a dossier (SPEC §1): a folder with ``dossier.yaml``, or the YAML file itself.

Strict: unknown keys, missing keys, bad amounts or dates, duplicates and inconsistent
references are all reported at once, each with file, line and field, in French.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from procedure import limites
from procedure.argent import format_eur
from procedure.texte_fr import date_fr
from procedure.modele import dossier as m
from procedure.modele.actions import Action
from procedure.erreurs import DossierError, Problem, file_problem, os_reason
from procedure.modele.statuts import Status
from procedure.lecture.schema import (
    Amount,
    Bool,
    Checked,
    Choice,
    Date,
    Integer,
    Key,
    Located,
    Mapping,
    Parsed,
    Rate,
    Sequence,
    Text,
    TextOrMapping,
)
from procedure.lecture.syntaxe import check_size, compose

YAML_FILE = "dossier.yaml"

ADDRESS = Mapping(
    {
        "ligne1": Key(Text(), required=True),
        "ligne2": Key(Text()),
        "code_postal": Key(Text(r"^[0-9]{5}$|^[0-9A-Za-z -]{3,10}$", "5 chiffres, ex. 69003"), required=True),
        "ville": Key(Text(), required=True),
        "pays": Key(Text()),
        "insee": Key(Text(r"^[0-9][0-9AB][0-9]{3}$", "code INSEE de la commune, 5 caractères")),
    }
)

_PARTY_COMMON = {
    "nom": Key(Text(max_len=limites.MAX_NAME_CHARS), required=True),
    "adresse": Key(ADDRESS, required=True),
    "forme_juridique": Key(Text()),
    "siren": Key(Checked("stdnum.fr.siren", "SIREN")),
    "siret": Key(Checked("stdnum.fr.siret", "SIRET")),
    "rcs": Key(Text()),
    "tva": Key(Checked("stdnum.eu.vat", "numéro de TVA")),
    "capital": Key(Text()),
    "representant": Key(Text()),
    "email": Key(Text(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "adresse électronique")),
    "telephone": Key(Text()),
    "prenom": Key(Text()),
    "profession": Key(Text()),
    "nationalite": Key(Text()),
    "date_naissance": Key(Date()),
    "lieu_naissance": Key(Text()),
}

AVOCAT = Mapping(
    {
        "nom": Key(Text(max_len=300), required=True),
        "prenom": Key(Text()),
        "barreau": Key(Text()),
        "adresse": Key(ADDRESS),
        "email": Key(Text(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "adresse électronique")),
        "telephone": Key(Text()),
        "toque": Key(Text()),
    }
)

CREANCIER = Mapping(
    {
        "type": Key(Choice(m.PROFESSIONNEL, m.PARTICULIER), required=True),
        "personne": Key(Choice(m.MORALE, m.PHYSIQUE)),
        **_PARTY_COMMON,
        "iban": Key(Checked("stdnum.iban", "IBAN")),
        "bic": Key(Text(r"^[A-Z0-9]{8}([A-Z0-9]{3})?$", "8 ou 11 caractères")),
        "logo": Key(Text()),
        "signataire": Key(Text()),
    }
)

DEBITEUR = Mapping(
    {
        "type": Key(Choice(m.PROFESSIONNEL, m.PARTICULIER, m.PUBLIC), required=True),
        "personne": Key(Choice(m.MORALE, m.PHYSIQUE)),
        "commercant": Key(Bool()),
        "procedure_collective": Key(Bool()),
        **_PARTY_COMMON,
        # a bank account known from his payments: for the commissaire de justice (CPCE R211-1), never in a letter
        "iban": Key(Checked("stdnum.iban", "IBAN")),
        "bic": Key(Text(r"^[A-Z0-9]{8}([A-Z0-9]{3})?$", "8 ou 11 caractères")),
    }
)

FACTURE = Mapping(
    {
        "numero": Key(Text(max_len=limites.MAX_INVOICE_NUMBER_CHARS), required=True),
        "date": Key(Date(), required=True),
        "echeance": Key(Date(), required=True),
        "montant_ttc": Key(Amount(), required=True),
        "objet": Key(Text()),
        "piece": Key(Text(r"^[^/\\]", "chemin relatif au dossier, ex. pieces/facture.pdf")),
        "date_execution": Key(Date()),  # livraison / fin des travaux (C. consom. L218-2), peut suivre la facture
        "statut": Key(Parsed(Status.parse, "un statut de facture électronique")),  # 207 ou « en litige »...
    }
)

PAIEMENT = Mapping(
    {
        "date": Key(Date(), required=True),
        "montant": Key(Amount(), required=True),
        "facture": Key(Text()),
        "mode": Key(Text()),
    }
)

PENALITES = Mapping(
    {
        "regime": Key(Choice(m.LEGAL, m.CONTRACTUEL, m.AUCUN), default=m.LEGAL),
        "taux": Key(Rate()),
        "indemnite_forfaitaire": Key(Bool()),
        "imputation": Key(Choice(m.IMPUTATION_INTERETS, m.IMPUTATION_CAPITAL), default=m.IMPUTATION_INTERETS),
    }
)

PIECE = Mapping(
    {
        "titre": Key(Text(), required=True),
        "fichier": Key(Text(r"^[^/\\]", "chemin relatif au dossier, ex. pieces/contrat.pdf"), required=True),
        "date": Key(Date()),
        "categorie": Key(
            Choice("contrat", "bon-de-commande", "devis", "cgv", "facture", "livraison", "correspondance",
                   "relance", "mise-en-demeure", "accuse-reception", "autre")
        ),
    }
)

HISTORIQUE = Mapping(
    {
        "date": Key(Date(), required=True),
        "action": Key(Choice(*Action), required=True),
        "date_reception": Key(Date()),
        "note": Key(Text()),
        "numero": Key(Text()),
        "a_personne": Key(Bool()),
        "lrar": Key(Text()),
        "frais": Key(Amount()),
    }
)


def _court_named(values: dict, node, path: str, log: Located) -> None:
    if not values.get("nom"):
        log.add(node, f"{path}.nom", "nom de la juridiction vide")


# SPEC §5.2: a court's name, or {nom, adresse} for a court whose address the tool lacks or gets wrong
JURIDICTION = TextOrMapping(
    Text(max_len=300),
    Mapping(
        {
            "nom": Key(Text(max_len=300), required=True),
            "adresse": Key(Mapping({
                "ligne1": Key(Text(), required=True),
                "ligne2": Key(Text()),
                "code_postal": Key(Text(r"^[0-9]{5}$", "5 chiffres, ex. 69003"), required=True),
                "ville": Key(Text(), required=True),
            }), required=True),
        },
        description="une table {nom, adresse}",
        check=_court_named,
    ),
    description="le nom de la juridiction, ou une table {nom, adresse: {ligne1, ligne2, code_postal, ville}}",
)

DOSSIER = Mapping(
    {
        "reference": Key(Text(r"^[^\x00-\x1f/\\]+$", "sans « / » ni caractère de contrôle",
                               max_len=limites.MAX_REFERENCE_CHARS), required=True),
        "creancier": Key(CREANCIER, required=True),
        "debiteur": Key(DEBITEUR, required=True),
        "factures": Key(Sequence(FACTURE, non_empty=True, max_items=limites.MAX_INVOICES), required=True),
        "paiements": Key(Sequence(PAIEMENT, max_items=limites.MAX_PAYMENTS)),
        "penalites": Key(PENALITES),
        "pieces": Key(Sequence(PIECE, max_items=limites.MAX_EXHIBITS)),
        "historique": Key(Sequence(HISTORIQUE, max_items=limites.MAX_HISTORY)),
        "juridiction": Key(JURIDICTION),
        "avocat": Key(AVOCAT),
        "modeles": Key(Text()),
        "lieu": Key(Text()),
        "delai_paiement_jours": Key(Integer(1, 90)),
    }
)


def locate_dossier(path: Path | str) -> tuple[Path, Path]:
    """Return (folder, yaml file) for a folder or a YAML path; raise DossierError otherwise."""
    p = Path(path)
    if p.is_dir():
        yml = p / YAML_FILE
        if not yml.is_file():
            raise DossierError(p, [Problem(f"ce dossier ne contient pas de fichier {YAML_FILE}" if not yml.exists()
                                           else file_problem(yml, "fichier", YAML_FILE))])
        return p, yml
    if p.is_file():
        if p.suffix.lower() not in (".yaml", ".yml"):
            raise DossierError(p, [Problem("ce n'est ni un dossier ni un fichier .yaml")])
        return p.parent, p
    if p.exists():  # a FIFO, a device: never « introuvable »
        raise DossierError(p, [Problem("ce n'est ni un dossier ni un fichier .yaml")])
    raise DossierError(p, [Problem("ce chemin n'existe pas")])


def load_yaml(path: Path | str) -> m.Dossier:
    """Read and validate a dossier; raise DossierError listing every problem found."""
    folder, yml = locate_dossier(path)
    try:
        check_size(yml.stat().st_size, yml)  # before reading it into memory
        raw = yml.read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        raise DossierError(yml, [Problem(f"lecture impossible ({os_reason(exc)})")]) from None
    except UnicodeDecodeError as exc:
        raise DossierError(yml, [Problem(f"le fichier n'est pas en UTF-8 (octet {exc.start})")]) from None
    return parse_yaml(text, yml, folder)


def parse_yaml(text: str, yml: Path, folder: Path) -> m.Dossier:
    node = compose(text, yml)
    log = Located()
    data = DOSSIER.read(node, "", log)
    if data is None:  # the top level is not a mapping; the walker said what it found
        raise DossierError(yml, log.problems)
    dossier = None
    if not log.problems:
        dossier = _build(data, log, yml, folder)
    if log.problems:
        raise DossierError(yml, log.problems)
    assert dossier is not None
    return dossier


def _line(values: dict, key: str) -> int | None:
    node = values.get("__node__", {}).get(key)
    return node.start_mark.line + 1 if node is not None else values.get("__line__")


def _fields(values: dict, *names: str) -> dict[str, Any]:
    return {n: values[n] for n in names if n in values}


def _address(v: dict) -> m.Address:
    return m.Address(**_fields(v, "ligne1", "ligne2", "code_postal", "ville", "pays", "insee"))


_PARTY_FIELDS = ("type", "nom", "forme_juridique", "siren", "siret", "rcs", "tva", "capital", "representant",
                 "email", "telephone", "prenom", "profession", "nationalite", "date_naissance", "lieu_naissance",
                 "personne")


def _party(v: dict, folder: Path, extra: tuple[str, ...]) -> m.Party:
    kw = _fields(v, *_PARTY_FIELDS, *extra)
    if "logo" in kw:
        kw["logo"] = folder / kw["logo"]
    return m.Party(adresse=_address(v["adresse"]), **kw)


def _build(d: dict, log: Located, yml: Path, folder: Path) -> m.Dossier:
    def problem(values: dict, key: str, path: str, message: str) -> None:
        log.problems.append(Problem(message=message, field=path, line=_line(values, key)))

    creancier = _party(d["creancier"], folder, ("iban", "bic", "logo", "signataire"))
    debiteur = _party(d["debiteur"], folder, ("commercant", "procedure_collective", "iban", "bic"))
    for role, party in (("creancier", creancier), ("debiteur", debiteur)):
        if "personne" in d[role] and party.type != m.PROFESSIONNEL:
            problem(d[role], "personne", f"{role}.personne",
                    "« personne » ne s'emploie que pour une partie professionnelle (morale ou physique) ; "
                    "un particulier est toujours une personne physique")
        if party.personne == m.PHYSIQUE and party.forme_juridique and party.forme_juridique.upper() not in ("EI", "EIRL"):
            problem(d[role], "forme_juridique", f"{role}.forme_juridique",
                    f"une personne physique n'a pas de forme « {party.forme_juridique} » (EI au plus)")
    avocat = None
    if "avocat" in d:
        a = d["avocat"]
        avocat = m.Lawyer(**_fields(a, "nom", "prenom", "barreau", "email", "telephone", "toque"),
                          adresse=_address(a["adresse"]) if "adresse" in a else None)
    if "commercant" in d["debiteur"] and debiteur.type != m.PROFESSIONNEL and debiteur.commercant:
        problem(d["debiteur"], "commercant", "debiteur.commercant",
                "seul un débiteur professionnel peut être commerçant")

    invoices: list[m.Invoice] = []
    seen: dict[str, int] = {}
    for i, f in enumerate(d["factures"], start=1):
        path = f"factures[{i}]"
        if f["numero"] in seen:
            problem(f, "numero", f"{path}.numero",
                    f"numéro de facture « {f['numero']} » en double (déjà à la facture n° {seen[f['numero']]})")
        seen.setdefault(f["numero"], i)
        if f["echeance"] < f["date"]:
            problem(f, "echeance", f"{path}.echeance",
                    f"l'échéance ({f['echeance'].isoformat()}) précède la date de la facture ({f['date'].isoformat()})")
        invoices.append(m.Invoice(
            numero=f["numero"], date=f["date"], echeance=f["echeance"], montant_ttc=f["montant_ttc"],
            objet=f.get("objet", ""), piece=Path(f["piece"]) if f.get("piece") else None, line=f["__line__"],
            date_execution=f.get("date_execution"), statut=f.get("statut"),
        ))

    principal = sum(inv.montant_ttc for inv in invoices)
    if principal > limites.MAX_AMOUNT:
        log.problems.append(Problem(f"le total des factures ({format_eur(principal)}) dépasse "
                                    f"{format_eur(limites.MAX_AMOUNT)}, le plus grand montant que l'outil sait écrire "
                                    "en lettres", field="factures", line=_line(d, "factures")))

    payments: list[m.Payment] = []
    for i, p in enumerate(d.get("paiements", []), start=1):
        if p.get("facture") and p["facture"] not in seen:
            problem(p, "facture", f"paiements[{i}].facture",
                    f"le paiement vise la facture « {p['facture']} », qui n'est pas dans « factures »")
        payments.append(m.Payment(date=p["date"], montant=p["montant"], facture=p.get("facture", ""),
                                  mode=p.get("mode", ""), line=p["__line__"]))

    pen = d.get("penalites", {"regime": m.LEGAL, "imputation": m.IMPUTATION_INTERETS})
    if pen.get("regime") == m.CONTRACTUEL and "taux" not in pen:
        problem(pen, "regime", "penalites.taux", "le régime « contractuel » exige un taux (ex. taux: \"15.00\")")
    if pen.get("regime") != m.CONTRACTUEL and "taux" in pen:
        problem(pen, "taux", "penalites.taux", "un taux n'a de sens qu'avec « regime: contractuel »")
    penalties = m.Penalties(**_fields(pen, "regime", "taux", "indemnite_forfaitaire", "imputation"))

    exhibits = tuple(
        m.Exhibit(titre=x["titre"], fichier=Path(x["fichier"]), date=x.get("date"), categorie=x.get("categorie", ""))
        for x in d.get("pieces", [])
    )
    history = []
    for i, h in enumerate(d.get("historique", []), start=1):
        if h.get("date_reception") and h["date_reception"] < h["date"]:
            problem(h, "date_reception", f"historique[{i}].date_reception",
                    f"la réception (le {date_fr(h['date_reception'])}) précède l'envoi (le {date_fr(h['date'])})")
        history.append(m.HistoryEntry(**{**_fields(h, "date", "date_reception", "note", "numero", "a_personne",
                                                   "lrar", "frais"), "action": Action(h["action"])}))
    history.sort(key=lambda h: h.date)

    court = d.get("juridiction")
    return m.Dossier(
        reference=d["reference"],
        creancier=creancier,
        debiteur=debiteur,
        factures=tuple(invoices),
        paiements=tuple(payments),
        penalites=penalties,
        pieces=exhibits,
        historique=tuple(history),
        juridiction=court["nom"] if isinstance(court, dict) else (court or ""),
        juridiction_adresse=_address(court["adresse"]) if isinstance(court, dict) else None,
        avocat=avocat,
        modeles=(folder / d["modeles"]) if d.get("modeles") else None,
        lieu=d.get("lieu", ""),
        delai_paiement_jours=d.get("delai_paiement_jours"),
        folder=folder,
        source=yml,
    )
