"""The competent court for a requête en injonction de payer.

- CPC art. 1406: the court of the domicile (or seat) of the debtor; a contrary clause is void.
- Subject matter: the commercial court between traders / for commercial debts (C. com. L721-3);
  the tribunal judiciaire otherwise; its tribunal de proximité, a chamber of the TJ, for claims up to
  10 000 EUR (COJ L212-8, D212-19-1). In Bas-Rhin, Haut-Rhin and Moselle, the chambre commerciale of
  the tribunal judiciaire (COJ L231-2). From 1 January 2025 to 31 December 2028, twelve commercial
  courts are tribunaux des activités économiques (loi n° 2023-1059, arrêté du 5 juillet 2024).
- A public buyer is not a debtor for this procedure: an administrative contract belongs to the
  administrative courts (référé-provision, CJA R541-1).

Territorial data: the Ministry of Justice's competence list by INSEE code, Datainfogreffe's
registries 2021 and 2025, DILA's directory for addresses (see ``donnees/juridictions``).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from procedure.argent import format_eur
from procedure.droit import parametres
from procedure.modele import dossier as m
from procedure.erreurs import CourtError

DATA = "procedure.donnees.juridictions"
ALSACE_MOSELLE = ("57", "67", "68")

COMMERCE = "commerce"
JUDICIAIRE = "judiciaire"
PROXIMITE = "proximite"
CHAMBRE = "chambre-commerciale"

CERFA = {COMMERCE: "Cerfa n° 12946*02", CHAMBRE: "Cerfa n° 12946*02", JUDICIAIRE: "Cerfa n° 12948*06",
         PROXIMITE: "Cerfa n° 12948*06"}


@dataclass
class Court:
    nom: str
    nature: str
    adresse: str = ""
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
        return self.nature in (COMMERCE, CHAMBRE)


def normalize(text: str) -> str:
    """Accents, case, hyphens and "St" abbreviations folded, for comparing names."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[-'’]", " ", text)
    text = re.sub(r"\bste?\b", lambda mt: "sainte" if mt.group(0) == "ste" else "saint", text)
    text = re.sub(r"\bcedex\b.*$", "", text)
    # "de Antibes" / "d'Antibes", "de Le Mans" / "du Mans": one spelling
    text = re.sub(r"\bd\b", "de", text)
    text = re.sub(r"\bdu\b", "de le", text)
    text = re.sub(r"\bdes\b", "de les", text)
    return " ".join(text.split())


def _open(name: str):
    raw = resources.files(DATA).joinpath(name).read_bytes()
    return io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw)), encoding="utf-8", newline="")


@dataclass(frozen=True)
class Commune:
    insee: str
    nom: str
    departement: str
    kind: str


class CourtData:
    """The four tables. A requête needs one or two rows of 70 000: rather than parse them all,
    the decompressed text is searched for the rows wanted (a few milliseconds each)."""

    def __init__(self) -> None:
        self._competences = _text("competences-communes.csv.gz")
        self._communes = _text("communes-2026.csv.gz")
        self._comp_header = self._competences[:self._competences.index("\n")].strip().split(";")
        self._greffes: dict[str, str] | None = None
        self._by_name: dict[str, list[dict]] | None = None

    @staticmethod
    def _rows(text: str, pattern: str) -> list[list[str]]:
        return [mt.group(0).rstrip("\r").split(";") for mt in re.finditer(pattern, text, re.M)]

    def competence(self, insee: str) -> dict[str, str] | None:
        rows = self._rows(self._competences, rf"^{re.escape(insee)};.*$")
        return dict(zip(self._comp_header, (v.strip() for v in rows[0]))) if rows else None

    def commune(self, insee: str) -> Commune | None:
        for row in self._rows(self._communes, rf"^{re.escape(insee)};.*$"):
            return Commune(row[0], row[1], row[2], row[3])
        return None

    def by_postcode(self, cp: str) -> list[Commune]:
        out = []
        for row in self._rows(self._communes, rf"^[^;\n]*;[^;\n]*;[^;\n]*;[^;\n]*;[^;\n]*\b{re.escape(cp)}\b.*$"):
            insee, nom, dep, kind, cps = row[:5]
            if cp not in cps.split() or kind not in ("commune-actuelle", "arrondissement-municipal"):
                continue
            # Paris, Lyon and Marseille are keyed by arrondissement, not by the commune's code
            if kind == "commune-actuelle" and re.search(rf";arrondissement-municipal;[^;\n]*;{insee}\r?$",
                                                         self._communes, re.M):
                continue
            out.append(Commune(insee, nom, dep, kind))
        return out

    @property
    def greffe_2025(self) -> dict[str, str]:
        if self._greffes is None:
            with _open("greffes-index-2025.json.gz") as fh:
                greffes = json.load(fh)
            # the index lost the leading zero of codes like 01001
            self._greffes = {k.zfill(5): v for k, v in greffes["byCodeInsee"].items()}
        return self._greffes

    @property
    def by_name(self) -> dict[str, list[dict]]:
        if self._by_name is None:
            with _open("annuaire-juridictions-dila.json.gz") as fh:
                annuaire = json.load(fh)["j"]
            self._by_name = {}
            for entry in annuaire:
                self._by_name.setdefault(normalize(entry["nom"]), []).append(entry)
        return self._by_name


def _text(name: str) -> str:
    with _open(name) as fh:
        return fh.read()


@lru_cache(maxsize=1)
def data() -> CourtData:
    return CourtData()


def departement_of_postcode(cp: str) -> str:
    cp = cp.strip().zfill(5) if cp.strip().isdigit() else cp.strip()
    if cp.startswith("97") or cp.startswith("98"):
        return cp[:3]
    if cp.startswith("20"):
        return "2A" if cp < "20200" else "2B"
    return cp[:2]


def find_commune(adresse: m.Address, where: str) -> Commune:
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


def _address(names: list[str], departement: str, warnings: list[str]) -> str:
    """An address from the directory, only when its postal code is in the court's département."""
    for name in names:
        key = normalize(name)
        entries = data().by_name.get(key) or [
            e for k, found in data().by_name.items() if k.startswith(key + " ") for e in found]  # "Brive" -> "Brive la Gaillarde"
        for entry in entries:
            match = re.search(r"[–-]\s*(\d{4,5})\s+(.+)$", entry["adresse"])
            if not match:
                continue
            cp = match.group(1).zfill(5)
            if departement_of_postcode(cp) != departement:
                continue
            street = entry["adresse"][:match.start()].strip(" –-")
            return f"{street}, {cp} {match.group(2).strip()}".strip(", ")
    warnings.append(f"adresse de « {names[0]} » introuvable ou douteuse dans l'annuaire : "
                    "complétez-la sur la requête (annuaire.justice.fr)")
    return ""


def _elide(name: str) -> str:
    """The registry writes "Tribunal de commerce de Antibes": French writes "d'Antibes"."""
    name = re.sub(r"\bde ([AEIOUYÀÂÉÈÊÎÔÛaeiouy])", r"d'\1", name)
    return re.sub(r"\bde Le ", "du ", re.sub(r"\bde Les ", "des ", name))


def _tae_cities(when: date) -> tuple[str, ...]:
    """The commercial courts that are tribunaux des activités économiques at ``when`` (loi n° 2023-1059,
    art. 26; arrêté du 5 juillet 2024): none outside the experiment."""
    try:
        return parametres.value_at("tribunaux_activites_economiques", when).value or ()
    except parametres.UnknownParameterError:
        return ()


def commercial_court(insee: str, departement: str, warnings: list[str], reasons: list[str],
                     when: date) -> tuple[str, str]:
    """(name, nature) of the commercial court of a commune."""
    row = data().competence(insee)
    name = _elide((row or {}).get("tc_name_2025_TAE_applied") or (row or {}).get("tc_infogreffe2021") or "")
    greffe = data().greffe_2025.get(insee, "")
    if departement in ALSACE_MOSELLE or name.startswith("Chambre commerciale"):
        tj = (row or {}).get("tribunal_judiciaire", "")
        reasons.append("Bas-Rhin, Haut-Rhin et Moselle : pas de tribunal de commerce, la chambre commerciale du "
                       "tribunal judiciaire en tient lieu (COJ, art. L231-2)")
        return f"{tj}, chambre commerciale", CHAMBRE
    if not name:
        raise CourtError(f"commune {insee} : tribunal de commerce (ou tribunal mixte de commerce) absent des données ; "
                         "indiquez la juridiction dans le dossier (clé « juridiction »)")
    if greffe and normalize(_city(name)) != normalize(greffe):
        city = greffe.title()
        if normalize(city) in {normalize(c) for c in _tae_cities(when)}:
            new = f"Tribunal des activités économiques de {city}"
        else:
            new = f"Tribunal de commerce de {city}"
        warnings.append(f"les référentiels des greffes 2021 et 2025 divergent pour la commune {insee} "
                        f"(« {name} » / greffe de {city}) : le référentiel 2025 est retenu")
        name = new
    if name.startswith("Tribunal des activités économiques"):
        reasons.append("tribunal des activités économiques, à titre expérimental du 1er janvier 2025 au "
                       "31 décembre 2028 (arrêté du 5 juillet 2024)")
    return name, COMMERCE


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
        nature = COMMERCE if re.search(r"commerce|activités économiques", dossier.juridiction, re.I) else (
            CHAMBRE if "chambre commerciale" in dossier.juridiction.lower() else JUDICIAIRE)
        dep = departement_of_postcode(deb.adresse.code_postal)
        court = Court(dossier.juridiction, nature, raisons=["juridiction désignée dans le dossier (clé « juridiction »)"])
        court.adresse = _address([dossier.juridiction], dep, warnings)
        court.avertissements = warnings
        return court
    commune = find_commune(deb.adresse, "debiteur.adresse")
    row = data().competence(commune.insee)
    if row is None:
        raise CourtError(f"commune {commune.insee} ({commune.nom}) absente de la liste des juridictions compétentes ; "
                         "indiquez la juridiction dans le dossier (clé « juridiction »)")
    reasons = [f"domicile ou siège du débiteur : {commune.nom} (INSEE {commune.insee}) (CPC, art. 1406)"]
    tj = row["tribunal_judiciaire"]
    if deb.is_professional and deb.commercant:
        reasons.append("débiteur commerçant, créance commerciale : juridiction commerciale (C. com., art. L721-3)")
        name, nature = commercial_court(commune.insee, commune.departement, warnings, reasons, when)
        names = [name]
        if nature == CHAMBRE:
            names = [tj]
        elif name.startswith("Tribunal des activités économiques"):
            # the directory predates the TAE: use the former commercial court's address
            city = _city(name)
            former = f"Tribunal de commerce du {city[3:]}" if city.startswith("Le ") else f"Tribunal de commerce de {city}"
            names = [former, name]
        court = Court(name, nature, tribunal_judiciaire=tj, insee=commune.insee, commune=commune.nom)
        court.adresse = _address(names, commune.departement, warnings)
    else:
        who = "débiteur non commerçant" if deb.is_professional else "débiteur particulier"
        reasons.append(f"{who} : tribunal judiciaire")
        proximity = row.get("tribunal_proximite", "")
        cap = parametres.amount("plafond_tribunal_proximite", when)
        if proximity and total is not None and total <= cap:
            reasons.append(f"demande n'excédant pas {format_eur(cap)} : {proximity}, chambre de proximité du {tj} "
                           "(COJ, art. L212-8 et D212-19-1)")
            court = Court(proximity, PROXIMITE, tribunal_judiciaire=tj, insee=commune.insee, commune=commune.nom)
            court.adresse = _address([proximity], commune.departement, warnings)
        else:
            if proximity:
                reasons.append(f"(tribunal de proximité du ressort : {proximity}, pour une demande jusqu'à {format_eur(cap)})")
            court = Court(tj, JUDICIAIRE, tribunal_judiciaire=tj, insee=commune.insee, commune=commune.nom)
            court.adresse = _address([tj], commune.departement, warnings)
    court.raisons = reasons
    court.avertissements = warnings
    return court
