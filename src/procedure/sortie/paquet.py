"""The packet handed to a commissaire de justice: one ZIP, its ``manifest.json``, and its check.

The manifest (format ``procedure-remise/1``, SPEC §5.3; its JSON Schema ships as
``procedure/donnees/schemas/remise-1.schema.json``) names every file of the ZIP with its role, its
exhibit number, its pages, its size and its SHA-256, so that the office can check the packet
(``verify``) and read the debtor's identity (``debtor_record``) without opening a document.

The ZIP is byte-for-byte reproducible: the entries come in a fixed order (the manifest, then the
files in the manifest's order), each with the same timestamp, permissions and compression; the
timestamp is ``SOURCE_DATE_EPOCH`` when set, else midnight of the packet's date. The documents inside
carry no creation date (WeasyPrint and pikepdf write none; DOCX entries and core properties are pinned
by ``pin_docx``).

>>> slug("Devis accepté du 15 septembre 2025")
'devis-accepte-du-15-septembre-2025'
>>> stamp(date(2026, 6, 30), "")
(2026, 6, 30, 0, 0, 0)
>>> stamp(date(2026, 6, 30), "1700000000")
(2023, 11, 14, 22, 13, 20)
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timezone

from procedure.argent import plain
from procedure.erreurs import InputError
from procedure.modele import dossier as m
from procedure.texte_fr import plural

FORMAT = "procedure-remise/1"
MANIFEST = "manifest.json"
ROLES = ("fiche", "titre", "requete", "bordereau", "piece", "decompte")
_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)  # the earliest time a ZIP entry can hold


class PacketError(InputError):
    """A ZIP that is not a readable packet (no manifest, unknown format)."""


@dataclass(frozen=True)
class Entry:
    """One file of the packet."""

    nom: str
    role: str
    titre: str
    data: bytes
    piece: int | None = None

    @property
    def pages(self) -> int | None:
        return pdf_pages(self.data) if self.nom.endswith(".pdf") else None

    def record(self) -> dict:
        return {"nom": self.nom, "role": self.role, "piece": self.piece, "titre": self.titre, "pages": self.pages,
                "octets": len(self.data), "sha256": hashlib.sha256(self.data).hexdigest()}


def slug(text: str, limit: int = 60) -> str:
    """ASCII, lower case, words joined by hyphens: a file name part."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return words[:limit].rstrip("-") or "piece"


def stamp(when: date, source_date_epoch: str) -> tuple[int, int, int, int, int, int]:
    """The time every entry carries: ``SOURCE_DATE_EPOCH`` (UTC) when set, else the packet's date."""
    if source_date_epoch.strip():
        moment = max(datetime.fromtimestamp(int(source_date_epoch), timezone.utc), _ZIP_EPOCH)
        return moment.timetuple()[:6]
    return (max(when.year, 1980), when.month, when.day, 0, 0, 0)


def pdf_pages(data: bytes) -> int | None:
    """The page count of a PDF, or None when it does not open."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:  # an owner-password-only PDF opens with no password
            return len(pdf.pages)
    except Exception:  # pikepdf raises PdfError, PasswordError and others on broken files
        return None


def pin_docx(data: bytes, moment: tuple[int, ...]) -> bytes:
    """A DOCX with fixed entry times and core-property dates (python-docx stamps the time of saving)."""
    iso = "%04d-%02d-%02dT%02d:%02d:%02dZ" % moment
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", lambda mt: mt.group(1) + iso.encode(), body)
            dst.writestr(_info(info.filename, moment), body)
    return out.getvalue()


def _info(name: str, moment: tuple[int, ...]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=moment)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the machine
    info.external_attr = 0o644 << 16
    return info


def party_data(p: m.Party) -> dict:
    """A party as the manifest states it: every key always present, "" or null when unknown."""
    a = p.adresse
    return {
        "type": p.type, "personne": m.PHYSIQUE if p.is_person else m.MORALE, "nom": p.nom, "prenom": p.prenom,
        "nom_complet": p.display_name, "forme_juridique": p.forme_juridique, "siren": p.siren, "siret": p.siret,
        "rcs": p.rcs, "tva": p.tva, "representant": p.representant, "profession": p.profession,
        "nationalite": p.nationalite, "date_naissance": p.date_naissance.isoformat() if p.date_naissance else None,
        "lieu_naissance": p.lieu_naissance,
        "adresse": {"ligne1": a.ligne1, "ligne2": a.ligne2, "code_postal": a.code_postal, "ville": a.ville,
                    "pays": a.pays, "insee": a.insee},
        "email": p.email, "telephone": p.telephone, "iban": p.iban, "bic": p.bic,
    }


def lawyer_data(lawyer: m.Lawyer | None) -> dict | None:
    if lawyer is None:
        return None
    a = lawyer.adresse
    return {"nom": lawyer.nom, "prenom": lawyer.prenom, "barreau": lawyer.barreau, "toque": lawyer.toque,
            "adresse": {"ligne1": a.ligne1, "ligne2": a.ligne2, "code_postal": a.code_postal, "ville": a.ville,
                        "pays": a.pays, "insee": a.insee} if a else None,
            "email": lawyer.email, "telephone": lawyer.telephone}


def manifest(dossier: m.Dossier, when: date, title: dict | None, decompte: dict, history: list[dict],
             entries: list[Entry]) -> dict:
    """The manifest of SPEC §5.3, its keys in the order of the specification."""
    return {"format": FORMAT, "reference": dossier.reference, "date": when.isoformat(),
            "creancier": party_data(dossier.creancier), "debiteur": party_data(dossier.debiteur),
            "avocat": lawyer_data(dossier.avocat), "titre": title, "decompte": decompte, "historique": history,
            "fichiers": [e.record() for e in entries]}


def statement_data(d, par_jour) -> dict:
    """The manifest's ``decompte``: the figures of ``procedure decompte --au`` at the same date."""
    return {"au": d.au.isoformat(), "principal": plain(d.principal), "interets": plain(d.interets),
            "indemnites": plain(d.indemnites), "frais": plain(d.frais), "paye": plain(d.paye), "total": plain(d.total),
            "interets_par_jour": plain(par_jour)}


def zip_bytes(data_manifest: dict, entries: list[Entry], moment: tuple[int, ...]) -> bytes:
    """The ZIP: the manifest first, then the files in the manifest's order, all pinned to ``moment``."""
    out = io.BytesIO()
    text = json.dumps(data_manifest, ensure_ascii=False, indent=2) + "\n"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(_info(MANIFEST, moment), text.encode("utf-8"))
        for e in entries:
            z.writestr(_info(e.nom, moment), e.data)
    return out.getvalue()


# --- the office's side ----------------------------------------------------------------------------

OK, DIFFERENT, MISSING, EXTRA, UNREADABLE = "ok", "different", "manquant", "en-trop", "illisible"
# each state as a person reads it (the JSON keeps the ASCII words above)
SHOWN = {DIFFERENT: "différent", EXTRA: "en trop"}
MAX_ENTRY = 512 * 1024 * 1024  # a packet's file larger than this is not read


@dataclass(frozen=True)
class Check:
    nom: str
    etat: str
    detail: str = ""

    @property
    def shown(self) -> str:
        """The state as a person reads it."""
        return SHOWN.get(self.etat, self.etat)


def read_manifest(archive: zipfile.ZipFile, where: str) -> dict:
    try:
        raw = archive.read(MANIFEST)
    except KeyError:
        raise PacketError(f"{where} : pas de {MANIFEST} dans l'archive : ce n'est pas un paquet de remise") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PacketError(f"{where} : {MANIFEST} illisible ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise PacketError(f"{where} : {MANIFEST} : format « {found} » inconnu (attendu « {FORMAT} »)")
    files = data.get("fichiers")
    if not isinstance(files, list) or not all(isinstance(f, dict) and isinstance(f.get("nom"), str) for f in files):
        raise PacketError(f"{where} : {MANIFEST} : la liste « fichiers » est absente ou mal formée")
    return data


def open_packet(path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise PacketError(f"{path} : fichier introuvable") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise PacketError(f"{path} : archive ZIP illisible ({exc.__class__.__name__})") from None


def verify(path) -> tuple[dict, list[Check]]:
    """The manifest and one check per file: each named in the manifest (ok, different, missing,
    unreadable PDF), then each file of the ZIP the manifest does not name (extra)."""
    with open_packet(path) as archive:
        data = read_manifest(archive, str(path))
        infos: dict[str, list[zipfile.ZipInfo]] = {}
        for info in archive.infolist():
            infos.setdefault(info.filename, []).append(info)
        checks = []
        named = set()
        for f in data["fichiers"]:
            name = f["nom"]
            named.add(name)
            found = infos.get(name)
            if not found:
                checks.append(Check(name, MISSING, "annoncé par le manifeste, absent de l'archive"))
                continue
            checks.append(_check_one(archive, found[0], f))
        for name, found in infos.items():
            extra = len(found) - (1 if name in named or name == MANIFEST else 0)
            for _ in range(extra):
                checks.append(Check(name, EXTRA, "présent dans l'archive, absent du manifeste"))
    return data, checks


def _check_one(archive: zipfile.ZipFile, info: zipfile.ZipInfo, f: dict) -> Check:
    name, problems = info.filename, []
    if info.file_size != f.get("octets"):
        problems.append(f"{info.file_size} octets, le manifeste en annonce {f.get('octets')}")
    if info.file_size > MAX_ENTRY:
        return Check(name, DIFFERENT, "; ".join(problems + ["fichier trop grand, non lu"]))
    try:
        body = archive.read(info)
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        return Check(name, UNREADABLE, f"illisible dans l'archive ({exc.__class__.__name__})")
    if hashlib.sha256(body).hexdigest() != f.get("sha256"):
        problems.append("empreinte SHA-256 différente de celle du manifeste")
    if name.endswith(".pdf"):
        pages = pdf_pages(body)
        if pages is None:
            return Check(name, UNREADABLE, "; ".join(problems + ["PDF illisible"]))
        if pages != f.get("pages"):
            problems.append(f"{plural(pages, 'page')}, le manifeste en annonce {f.get('pages')}")
    return Check(name, DIFFERENT, "; ".join(problems)) if problems else Check(name, OK)


DEBTOR_COLUMNS = ("reference", "type", "personne", "nom", "prenom", "nom_complet", "forme_juridique", "siren", "siret",
                  "rcs", "tva", "representant", "profession", "nationalite", "date_naissance", "lieu_naissance",
                  "adresse_ligne1", "adresse_ligne2", "code_postal", "ville", "pays", "insee", "email", "telephone",
                  "iban", "bic")


def debtor_record(data: dict) -> dict:
    """The debtor of a manifest as one flat record (the columns of ``DEBTOR_COLUMNS``)."""
    deb = data.get("debiteur") or {}
    address = deb.get("adresse") or {}
    flat = {**{k: v for k, v in deb.items() if k != "adresse"}, "reference": data.get("reference", ""),
            "adresse_ligne1": address.get("ligne1", ""), "adresse_ligne2": address.get("ligne2", ""),
            **{k: address.get(k, "") for k in ("code_postal", "ville", "pays", "insee")}}
    return {k: "" if flat.get(k) is None else flat.get(k, "") for k in DEBTOR_COLUMNS}
