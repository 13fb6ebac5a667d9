"""The competent court for a requête en injonction de payer, with its official name and address.

- CPC art. 1406: the court of the domicile (or seat) of the debtor; a contrary clause is void.
- Subject matter: the commercial court between traders / for commercial debts (C. com. L721-3);
  the tribunal judiciaire otherwise; its tribunal de proximité, a chamber of the TJ, for claims up to
  10 000 EUR (COJ L212-8, D212-19-1). In Bas-Rhin, Haut-Rhin and Moselle, the chambre commerciale of
  the tribunal judiciaire (COJ L231-2). From 1 January 2025 to 31 December 2028, twelve commercial
  courts are tribunaux des activités économiques (loi n° 2023-1059, arrêté du 5 juillet 2024).
- Overseas (Guadeloupe with Saint-Barthélemy and Saint-Martin, Martinique, Guyane, La Réunion,
  Mayotte) the tribunal mixte de commerce takes the commercial court's place (C. com. L731-1 ss.;
  seats and ressorts: D732-1 and annexe 7-3). Nouvelle-Calédonie and Polynésie française have
  tribunaux mixtes de commerce under their own texts: named, with a warning.
- A public buyer is not a debtor for this procedure: an administrative contract belongs to the
  administrative courts (référé-provision, CJA R541-1).

Territorial data: the Ministry of Justice's competence list by INSEE code, Datainfogreffe's
registries 2021 and 2025; official names and greffe addresses from ``adresses-juridictions.csv``
(one row per court, with its source; unverified rows are warned about), the DILA directory only for
a court that table lacks (see ``donnees/juridictions`` and ``procedure.donnees.tribunaux``).

>>> official_name("Tribunal de proximité de Montreuil (93)")
'Tribunal de proximité de Montreuil'
>>> official_name("Tribunal de commerce de Orleans")
"Tribunal de commerce d'Orléans"
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from procedure.argent import format_eur
from procedure.donnees.tribunaux import TRIBUNAUX_MIXTES, Commune, data, normalize, tribunal
from procedure.droit import parametres
from procedure.erreurs import CourtError
from procedure.modele import dossier as m

ALSACE_MOSELLE = ("57", "67", "68")
# where the code de commerce sets the tribunaux mixtes de commerce (L731-1 ss., annexe 7-3); Saint-Barthélemy
# (977) and Saint-Martin (978) are in the ressort of the tribunal judiciaire de Basse-Terre
DOM = ("971", "972", "973", "974", "976", "977", "978")

COMMERCE = "commerce"
JUDICIAIRE = "judiciaire"
PROXIMITE = "proximite"
CHAMBRE = "chambre-commerciale"
MIXTE = "mixte-commerce"

CERFA = {COMMERCE: "Cerfa n° 12946*02", CHAMBRE: "Cerfa n° 12946*02", MIXTE: "Cerfa n° 12946*02",
         JUDICIAIRE: "Cerfa n° 12948*06", PROXIMITE: "Cerfa n° 12948*06"}
# the address table's natures, as a Court's
NATURES = {"judiciaire": JUDICIAIRE, "proximite": PROXIMITE, "commerce": COMMERCE, "activites-economiques": COMMERCE,
           "chambre-commerciale": CHAMBRE, "mixte-commerce": MIXTE}
MINISTRY_DIRECTORY = "l'annuaire du ministère de la Justice"


@dataclass
class Court:
    nom: str
    nature: str
    adresse: str = ""
    telephone: str = ""
    tribunal_judiciaire: str = ""
    insee: str = ""
    commune: str = ""
    raisons: list[str] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)

    @property
    def cerfa(self) -> str:
        return CERFA.get(self.nature, "")

    @property
    def commercial(self) -> bool:
        return self.nature in (COMMERCE, CHAMBRE, MIXTE)


def department_of_postcode(cp: str) -> str:
    cp = cp.strip().zfill(5) if cp.strip().isdigit() else cp.strip()
    if cp.startswith("97") or cp.startswith("98"):
        return cp[:3]
    if cp.startswith("20"):
        return "2A" if cp < "20200" else "2B"
    return cp[:2]


def find_town(adresse: m.Address, where: str) -> Commune:
    """The debtor's commune: its INSEE code if given, else its postal code and town name."""
    d = data()
    if adresse.insee:
        c = d.commune(adresse.insee)
        if c is None:
            raise CourtError(f"{where}.insee : code INSEE « {adresse.insee} » inconnu")
        return c
    cp = adresse.code_postal.strip()
    candidates = d.by_postcode(cp)
    if not candidates:
        raise CourtError(f"{where}.code_postal : « {cp} » ne correspond à aucune commune ; vérifiez-le ou "
                         f"indiquez le code INSEE de la commune ({where}.insee)")
    if len(candidates) == 1:
        return candidates[0]
    wanted = normalize(adresse.ville)
    exact = [c for c in candidates if normalize(c.nom) == wanted]
    if len(exact) == 1:
        return exact[0]
    listing = ", ".join(f"{c.insee} ({c.nom})" for c in candidates[:12])
    raise CourtError(f"{where} : le code postal {cp} couvre plusieurs communes et « {adresse.ville} » ne permet "
                     f"pas de choisir ; ajoutez {where}.insee parmi : {listing}")


def _city(court_name: str) -> str:
    """The town of a court: "Tribunal des activités économiques du Mans" -> "Le Mans"."""
    match = re.match(r"^.*(?: de la | de l'| d'| du | des | de )(.+)$", court_name)
    if not match:
        return court_name
    city = match.group(1).strip()
    if re.search(r" du $", court_name[:match.start(1)]):
        city = "Le " + city
    return city


def _directory_address(name: str, departement: str, warnings: list[str]) -> str:
    """An address from the DILA directory, for a court the address table lacks: only when its postal
    code is in the court's département."""
    key = normalize(name)
    entries = data().by_name.get(key) or [
        e for k, found in data().by_name.items() if k.startswith(key + " ") for e in found]  # "Brive" -> "Brive la Gaillarde"
    for entry in entries:
        match = re.search(r"[–-]\s*(\d{4,5})\s+(.+)$", entry["adresse"])
        if not match:
            continue
        cp = match.group(1).zfill(5)
        if department_of_postcode(cp) != departement:
            continue
        street = entry["adresse"][:match.start()].strip(" –-")
        warnings.append(f"adresse de « {name} » reprise de l'annuaire DILA livré, non vérifiée : "
                        f"à vérifier sur {MINISTRY_DIRECTORY}")
        return f"{street}, {cp} {match.group(2).strip()}".strip(", ")
    warnings.append(f"adresse de « {name} » introuvable ou douteuse dans l'annuaire : "
                    f"complétez-la sur la requête ({MINISTRY_DIRECTORY})")
    return ""


def _elide(name: str) -> str:
    """The registry writes "Tribunal de commerce de Antibes": French writes "d'Antibes"."""
    name = re.sub(r"\bde ([AEIOUYÀÂÉÈÊÎÔÛaeiouy])", r"d'\1", name)
    return re.sub(r"\bde Le ", "du ", re.sub(r"\bde Les ", "des ", name))


def official_name(name: str) -> str:
    """The name to print: the address table's official one, else the name elided."""
    row = tribunal(name)
    return row.nom if row else _elide(name)


def _place(court: Court, departement: str, warnings: list[str]) -> Court:
    """Official name, greffe address and telephone from the address table; the DILA directory only
    for a court the table lacks."""
    row = tribunal(court.nom)
    if row is None:
        court.adresse = _directory_address(court.nom, departement, warnings)
        return court
    court.nom, court.telephone = row.nom, row.telephone
    if not row.has_address:
        warnings.append(f"adresse de « {row.nom} » introuvable : {row.note} ; complétez-la sur la requête")
        return court
    court.adresse = ", ".join(row.address_lines())
    if row.verifie != "oui":
        warnings.append(f"adresse du greffe non vérifiée : {row.note}, à vérifier sur {MINISTRY_DIRECTORY}")
    return court


def _economic_court_cities(when: date) -> tuple[str, ...]:
    """The commercial courts that are tribunaux des activités économiques at ``when`` (loi n° 2023-1059,
    art. 26; arrêté du 5 juillet 2024): none outside the experiment."""
    try:
        return parametres.value_at("tribunaux_activites_economiques", when).value or ()
    except parametres.UnknownParameterError:
        return ()


def _mixed_court(insee: str, departement: str, tj: str, warnings: list[str], reasons: list[str]) -> tuple[str, str]:
    """(name, nature) of the tribunal mixte de commerce of an overseas commune."""
    name = TRIBUNAUX_MIXTES.get(tj)
    if name is None:
        raise CourtError(f"commune {insee} : ni tribunal de commerce ni tribunal mixte de commerce dans les données "
                         f"(ressort du {official_name(tj) or 'tribunal inconnu'}) ; indiquez la juridiction dans le "
                         "dossier (clé « juridiction »)")
    if departement in DOM:
        reasons.append("outre-mer : pas de tribunal de commerce, le tribunal mixte de commerce en tient lieu "
                       "(C. com., art. L731-1 et suivants ; siège et ressort : art. D732-1 et annexe 7-3)")
    else:
        reasons.append("collectivité d'outre-mer : tribunal mixte de commerce du ressort du "
                       f"{official_name(tj)}")
        warnings.append("collectivité d'outre-mer régie par ses propres textes : la compétence du tribunal mixte de "
                        "commerce et la procédure d'injonction de payer applicable y sont à vérifier")
    return name, MIXTE


def commercial_court(insee: str, departement: str, warnings: list[str], reasons: list[str],
                     when: date) -> tuple[str, str]:
    """(name, nature) of the commercial court of a commune, as the data write it (see ``official_name``)."""
    row = data().competence(insee) or {}
    name = _elide(row.get("tc_name_2025_TAE_applied") or row.get("tc_infogreffe2021") or "")
    greffe = data().greffe(insee)
    tj = row.get("tribunal_judiciaire", "")
    if departement in ALSACE_MOSELLE or name.startswith("Chambre commerciale"):
        reasons.append("Bas-Rhin, Haut-Rhin et Moselle : pas de tribunal de commerce, la chambre commerciale du "
                       "tribunal judiciaire en tient lieu (COJ, art. L231-2)")
        return f"{tj}, chambre commerciale", CHAMBRE
    if not name:
        if departement.startswith(("97", "98")):  # overseas: the competence file has no commercial court
            return _mixed_court(insee, departement, tj, warnings, reasons)
        raise CourtError(f"commune {insee} : tribunal de commerce absent des données ; "
                         "indiquez la juridiction dans le dossier (clé « juridiction »)")
    if greffe and normalize(_city(name)) != normalize(greffe):
        city = greffe.title()
        if normalize(city) in {normalize(c) for c in _economic_court_cities(when)}:
            new = f"Tribunal des activités économiques de {city}"
        else:
            new = f"Tribunal de commerce de {city}"
        warnings.append(f"les référentiels des greffes 2021 et 2025 divergent pour la commune {insee} "
                        f"(« {official_name(name)} » / « {official_name(new)} ») : le référentiel 2025 est retenu")
        name = new
    if name.startswith("Tribunal des activités économiques"):
        reasons.append("tribunal des activités économiques, à titre expérimental du 1er janvier 2025 au "
                       "31 décembre 2028 (arrêté du 5 juillet 2024)")
    return name, COMMERCE


def _designated(dossier: m.Dossier, warnings: list[str]) -> Court:
    """The court the dossier names (clé « juridiction »): its address if given, else the table's."""
    name = dossier.juridiction
    row = tribunal(name)
    if row is not None:
        nature = NATURES[row.nature]
    elif re.search(r"mixte de commerce", name, re.I):
        nature = MIXTE
    elif "chambre commerciale" in name.lower():
        nature = CHAMBRE
    elif re.search(r"commerce|activités économiques", name, re.I):
        nature = COMMERCE
    else:
        nature = PROXIMITE if re.search(r"proximité", name, re.I) else JUDICIAIRE
    if dossier.juridiction_adresse is not None:
        return Court(name, nature, adresse=", ".join(dossier.juridiction_adresse.lines()),
                     raisons=["juridiction et adresse désignées dans le dossier (clé « juridiction »)"],
                     avertissements=warnings)
    court = Court(name, nature, raisons=["juridiction désignée dans le dossier (clé « juridiction »)"])
    _place(court, department_of_postcode(dossier.debiteur.adresse.code_postal), warnings)
    court.avertissements = warnings
    return court


def resolve(dossier: m.Dossier, total: Decimal | None = None, when: date | None = None) -> Court:
    """The court to which the requête is addressed at ``when`` (default today), with the reasons."""
    when = when or date.today()
    deb = dossier.debiteur
    warnings: list[str] = []
    if deb.is_public:
        raise CourtError("débiteur public : un marché public est un contrat administratif ; l'injonction de payer "
                         "devant le juge judiciaire n'est pas la voie : demandez une provision au juge des référés "
                         "du tribunal administratif (CJA, art. R541-1)")
    if dossier.juridiction:
        return _designated(dossier, warnings)
    commune = find_town(deb.adresse, "debiteur.adresse")
    row = data().competence(commune.insee)
    if row is None:
        raise CourtError(f"commune {commune.insee} ({commune.nom}) absente de la liste des juridictions compétentes ; "
                         "indiquez la juridiction dans le dossier (clé « juridiction »)")
    reasons = [f"domicile ou siège du débiteur : {commune.nom} (INSEE {commune.insee}) (CPC, art. 1406)"]
    tj = official_name(row["tribunal_judiciaire"])
    where = {"tribunal_judiciaire": tj, "insee": commune.insee, "commune": commune.nom}
    if deb.is_professional and deb.commercant:
        reasons.append("débiteur commerçant, créance commerciale : juridiction commerciale (C. com., art. L721-3)")
        name, nature = commercial_court(commune.insee, commune.departement, warnings, reasons, when)
        court = Court(name, nature, **where)
    else:
        who = "débiteur non commerçant" if deb.is_professional else "débiteur particulier"
        reasons.append(f"{who} : tribunal judiciaire")
        proximity = official_name(row["tribunal_proximite"]) if row.get("tribunal_proximite") else ""
        cap = parametres.amount("plafond_tribunal_proximite", when)
        if proximity and total is not None and total <= cap:
            reasons.append(f"demande n'excédant pas {format_eur(cap)} : {proximity}, chambre de proximité du {tj} "
                           "(COJ, art. L212-8 et D212-19-1)")
            court = Court(row["tribunal_proximite"], PROXIMITE, **where)
        else:
            if proximity:
                reasons.append(f"(tribunal de proximité du ressort : {proximity}, pour une demande jusqu'à {format_eur(cap)})")
            court = Court(row["tribunal_judiciaire"], JUDICIAIRE, **where)
    _place(court, commune.departement, warnings)
    court.raisons = reasons
    court.avertissements = warnings
    return court
