"""The shipped court data (``donnees/juridictions``), read lazily and cached.

- ``competences-communes.csv.gz``, ``communes-2026.csv.gz``, ``greffes-index-2025.json.gz`` and
  ``annuaire-juridictions-dila.json.gz``: which court for a commune, and the DILA directory
  (``README-source.md`` says where each comes from and its known faults);
- ``adresses-juridictions.csv``: one row per court the tool can name, with its official name, the
  address of its greffe, the source of that address and whether it was verified (``ADRESSES.md``);
- ``cours-appel.csv``: the cour d'appel of each tribunal judiciaire (and tribunal de première
  instance overseas), from the Ministry's competence list (``LISEZMOI.md``).

>>> normalize("Tribunal de commerce de Le Mans") == normalize("Tribunal de commerce du Mans")
True
>>> tribunal("Tribunal de proximité de Montreuil (93)").nom
'Tribunal de proximité de Montreuil'
>>> tribunal("tribunal judiciaire de saint-denis").cle
'Tribunal judiciaire de Saint-Denis-de-La-Réunion'
>>> cour_appel("Tribunal judiciaire de Nantes").nom
"Cour d'appel de Rennes"
>>> cour_appel("Tribunal judiciaire de Mamoudzou").nom
"Cour d'appel de Saint-Denis de La Réunion"
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

DATA = "procedure.donnees.juridictions"
ADDRESS_FILE = "adresses-juridictions.csv"
COLUMNS = ("cle", "nature", "nom", "ligne1", "ligne2", "code_postal", "ville", "telephone", "source", "verifie", "note")

# The tribunaux mixtes de commerce, which the competence file leaves out (its commercial column is empty
# overseas): each shares the ressort of a tribunal judiciaire (C. com. D732-1 and annexe 7-3), or in
# Nouvelle-Calédonie and Polynésie française of a tribunal de première instance (local texts). Keys are
# written as the competence file writes them.
TRIBUNAUX_MIXTES = {
    "Tribunal judiciaire de Basse-Terre": "Tribunal mixte de commerce de Basse-Terre",
    "Tribunal judiciaire de Pointe-à-Pitre": "Tribunal mixte de commerce de Pointe-à-Pitre",
    "Tribunal judiciaire de Fort-de-France": "Tribunal mixte de commerce de Fort-de-France",
    "Tribunal judiciaire de Cayenne": "Tribunal mixte de commerce de Cayenne",
    "Tribunal judiciaire de Saint-Denis-de-La-Réunion": "Tribunal mixte de commerce de Saint-Denis",
    "Tribunal judiciaire de Saint-Pierre": "Tribunal mixte de commerce de Saint-Pierre",
    "Tribunal judiciaire de Mamoudzou": "Tribunal mixte de commerce de Mamoudzou",
    "Tribunal de Première Instance de Nouméa": "Tribunal mixte de commerce de Nouméa",
    "Tribunal de Première Instance de Papeete": "Tribunal mixte de commerce de Papeete",
}


_SEPARATORS = re.compile(r"[-'’]")
_SAINT = re.compile(r"\bste?\b")
_CEDEX = re.compile(r"\bcedex\b.*$")
_ARTICLES = re.compile(r"\b(?:d|du|des)\b")
_ARTICLE = {"d": "de", "du": "de le", "des": "de les"}


def normalize(text: str) -> str:
    """Accents, case, hyphens and "St" abbreviations folded, for comparing names."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = _SEPARATORS.sub(" ", text)
    text = _SAINT.sub(lambda mt: "sainte" if mt.group(0) == "ste" else "saint", text)
    text = _CEDEX.sub("", text)
    # "de Antibes" / "d'Antibes", "de Le Mans" / "du Mans": one spelling
    text = _ARTICLES.sub(lambda mt: _ARTICLE[mt.group(0)], text)
    return " ".join(text.split())


def _bytes(name: str) -> bytes:
    """A shipped gzip file's content, decompressed in one call (zlib checks its CRC)."""
    raw = resources.files(DATA).joinpath(name).read_bytes()
    inflate = zlib.decompressobj(wbits=31)
    data = inflate.decompress(raw)
    return data if inflate.eof and not inflate.unused_data else gzip.decompress(raw)  # several gzip members


def _text(name: str) -> str:
    return _bytes(name).decode("utf-8")


@dataclass(frozen=True)
class Tribunal:
    """One row of ``adresses-juridictions.csv``: a court's official name and the address of its greffe."""

    cle: str
    nature: str
    nom: str
    ligne1: str
    ligne2: str
    code_postal: str
    ville: str
    telephone: str
    source: str
    verifie: str
    note: str

    @property
    def has_address(self) -> bool:
        return bool(self.ligne1 and self.code_postal and self.ville)

    def address_lines(self) -> list[str]:
        """Street, complement, "code postal ville"; empty when the row has no street."""
        if not self.has_address:
            return []
        return [x for x in (self.ligne1, self.ligne2, f"{self.code_postal} {self.ville}") if x]


@lru_cache(maxsize=1)
def tribunaux() -> dict[str, Tribunal]:
    """The address table, keyed by the normalized ``cle`` (the name the code produces)."""
    text = resources.files(DATA).joinpath(ADDRESS_FILE).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"{ADDRESS_FILE} : en-tête inattendu {reader.fieldnames}")
    return {normalize(row["cle"]): Tribunal(**{k: (row[k] or "").strip() for k in COLUMNS}) for row in reader}


@lru_cache(maxsize=1)
def _by_official_name() -> dict[str, Tribunal]:
    return {normalize(row.nom): row for row in tribunaux().values()}


def tribunal(nom: str) -> Tribunal | None:
    """The row of a court, by the name the code produces (``cle``) or its official name, in any spelling
    that normalizes alike ("Tribunal de proximité de Montreuil (93)" or "… de Montreuil")."""
    key = normalize(nom)
    return tribunaux().get(key) or _by_official_name().get(key)


APPEAL_FILE = "cours-appel.csv"
APPEAL_COLUMNS = ("tribunal", "cour_appel", "communes", "source", "note")


@dataclass(frozen=True)
class CourAppel:
    """The cour d'appel of a tribunal, from ``cours-appel.csv``."""

    tribunal: str
    nom: str
    source: str
    note: str


@lru_cache(maxsize=1)
def cours_appel() -> dict[str, CourAppel]:
    """The cour d'appel of each tribunal, keyed by the tribunal's normalized name."""
    text = resources.files(DATA).joinpath(APPEAL_FILE).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    if tuple(reader.fieldnames or ()) != APPEAL_COLUMNS:
        raise ValueError(f"{APPEAL_FILE} : en-tête inattendu {reader.fieldnames}")
    return {normalize(r["tribunal"]): CourAppel(r["tribunal"], r["cour_appel"], r["source"], r["note"]) for r in reader}


def cour_appel(tribunal_name: str) -> CourAppel | None:
    """The cour d'appel of a tribunal judiciaire, by the competence list's name or its official one."""
    key = normalize(tribunal_name)
    found = cours_appel().get(key)
    if found is None and (row := tribunal(tribunal_name)) is not None:
        found = cours_appel().get(normalize(row.cle))
    return found


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
    """The four competence tables. A requête needs one or two rows of 70 000: rather than parse them
    all, the decompressed bytes are searched for the rows wanted (a few milliseconds each), and only
    those rows are decoded."""

    def __init__(self) -> None:
        self._competences = _bytes("competences-communes.csv.gz")
        self._communes = _bytes("communes-2026.csv.gz")
        self._comp_header = self._competences[:self._competences.index(b"\n")].decode("utf-8").strip().split(";")
        self._greffes: dict[str, str] | None = None
        self._registry_text: str | None = None
        self._by_name: dict[str, list[dict]] | None = None

    @staticmethod
    def _rows(text: bytes, pattern: str, needle: str) -> list[list[str]]:
        """The lines of ``text`` (UTF-8) that ``pattern`` matches whole, among those holding
        ``needle``: the lines are found with ``bytes.find`` (a multi-line regular expression over
        70 000 lines takes some 40 ms; the few lines holding the needle are matched in microseconds)."""
        matcher, rows, at, wanted = re.compile(pattern), [], 0, needle.encode("utf-8")
        while (found := text.find(wanted, at)) != -1:
            start = text.rfind(b"\n", 0, found) + 1
            end = text.find(b"\n", found)
            end = len(text) if end == -1 else end
            line = text[start:end].decode("utf-8")
            if matcher.fullmatch(line):
                rows.append(line.rstrip("\r").split(";"))
            at = end + 1
        return rows

    def competence(self, insee: str) -> dict[str, str] | None:
        rows = self._rows(self._competences, rf"{re.escape(insee)};.*", f"{insee};")
        return dict(zip(self._comp_header, (v.strip() for v in rows[0]))) if rows else None

    def commune(self, insee: str) -> Commune | None:
        for row in self._rows(self._communes, rf"{re.escape(insee)};.*", f"{insee};"):
            return Commune(row[0], row[1], row[2], row[3])
        return None

    def by_postcode(self, cp: str) -> list[Commune]:
        out = []
        for row in self._rows(self._communes, rf"[^;\n]*;[^;\n]*;[^;\n]*;[^;\n]*;[^;\n]*\b{re.escape(cp)}\b.*", cp):
            insee, nom, dep, kind, cps = row[:5]
            if cp not in cps.split() or kind not in ("commune-actuelle", "arrondissement-municipal"):
                continue
            # Paris, Lyon and Marseille are keyed by arrondissement, not by the commune's code
            if kind == "commune-actuelle" and self._rows(self._communes, rf".*;arrondissement-municipal;[^;\n]*;{insee}\r?",
                                                         ";arrondissement-municipal;"):
                continue
            out.append(Commune(insee, nom, dep, kind))
        return out

    def greffe(self, insee: str) -> str:
        """The 2025 greffe of a commune, or "". One entry is found in the index's text rather than
        the 37 000 parsed (some 40 ms); the index lost the leading zero of codes like 01001, and its
        codes are unique once padded (a test compares with :attr:`greffe_2025`)."""
        if self._greffes is not None:
            return self._greffes.get(insee, "")
        if self._registry_text is None:
            self._registry_text = _text("greffes-index-2025.json.gz")
        text = self._registry_text
        section = text.find('"byCodeInsee"')
        if section == -1:
            return self.greffe_2025.get(insee, "")
        for key in dict.fromkeys((insee.lstrip("0"), insee)):
            at = text.find(f'"{key}"', section)
            if at != -1:
                start = text.index(":", at + len(key) + 2) + 1
                while text[start] in " \t\r\n":
                    start += 1
                value, _ = json.JSONDecoder().raw_decode(text, start)
                return value if isinstance(value, str) else ""
        return ""

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
        """The DILA directory by normalized name."""
        if self._by_name is None:
            with _open("annuaire-juridictions-dila.json.gz") as fh:
                annuaire = json.load(fh)["j"]
            self._by_name = {}
            for entry in annuaire:
                self._by_name.setdefault(normalize(entry["nom"]), []).append(entry)
        return self._by_name


@lru_cache(maxsize=1)
def data() -> CourtData:
    return CourtData()
