"""The dossier as plain immutable objects: no I/O, no validation (the reader does that)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from procedure.modele.actions import Action
from procedure.modele.statuts import Status

# Party kinds (SPEC §1)
PROFESSIONNEL = "professionnel"
PARTICULIER = "particulier"
PUBLIC = "public"

# A professional party may be a company (personne morale) or a natural person (personne
# physique: entrepreneur individuel, micro-entrepreneur, artisan, profession libérale), SPEC §5.2
MORALE = "morale"
PHYSIQUE = "physique"

# Penalty regimes
LEGAL = "legal"
CONTRACTUEL = "contractuel"
AUCUN = "aucun"

# Imputation of partial payments
IMPUTATION_INTERETS = "interets"
IMPUTATION_CAPITAL = "capital"



@dataclass(frozen=True, slots=True)
class Address:
    ligne1: str
    code_postal: str
    ville: str
    ligne2: str = ""
    pays: str = ""
    insee: str = ""

    def lines(self) -> list[str]:
        out = [self.ligne1]
        if self.ligne2:
            out.append(self.ligne2)
        out.append(f"{self.code_postal} {self.ville}".strip())
        if self.pays and self.pays.lower() != "france":
            out.append(self.pays)
        return out


@dataclass(frozen=True, slots=True)
class Party:
    """A creditor or a debtor."""

    type: str
    nom: str
    adresse: Address
    forme_juridique: str = ""
    siren: str = ""
    siret: str = ""
    rcs: str = ""
    tva: str = ""
    capital: str = ""
    representant: str = ""
    email: str = ""
    telephone: str = ""
    iban: str = ""
    bic: str = ""
    commercant: bool = False
    procedure_collective: bool = False
    # natural persons (CPC 1407 / Cerfa): names, profession, nationality, birth
    prenom: str = ""
    profession: str = ""
    nationalite: str = ""
    date_naissance: date | None = None
    lieu_naissance: str = ""
    logo: Path | None = None
    signataire: str = ""
    personne: str = MORALE  # a professional party: morale | physique; a consumer is always physique

    @property
    def is_professional(self) -> bool:
        return self.type == PROFESSIONNEL

    @property
    def is_consumer(self) -> bool:
        return self.type == PARTICULIER

    @property
    def is_public(self) -> bool:
        return self.type == PUBLIC

    @property
    def is_person(self) -> bool:
        """A natural person: a consumer, or a professional who is an entrepreneur individuel."""
        return self.type == PARTICULIER or self.personne == PHYSIQUE

    @property
    def display_name(self) -> str:
        if self.prenom:
            return f"{self.prenom} {self.nom}"
        if self.forme_juridique and self.forme_juridique not in self.nom:
            return f"{self.nom} {self.forme_juridique}"
        return self.nom


@dataclass(frozen=True, slots=True)
class Lawyer:
    """The creditor's lawyer (SPEC §5.2): letters say the creditor is advised by Maître X; the
    requête is presented by the lawyer (CPC 853, 762)."""

    nom: str
    prenom: str = ""
    barreau: str = ""
    adresse: Address | None = None
    email: str = ""
    telephone: str = ""
    toque: str = ""

    @property
    def display_name(self) -> str:
        return f"Maître {self.prenom} {self.nom}".replace("  ", " ")


@dataclass(frozen=True, slots=True)
class Invoice:
    numero: str
    date: date
    echeance: date
    montant_ttc: Decimal
    objet: str = ""
    piece: Path | None = None
    line: int | None = None  # line of the entry in dossier.yaml, for messages
    # delivery or completion of the works/service: prescription against a consumer runs from it
    # (C. consom. L218-2; Civ. 1re, 19 May 2021, n° 20-12.520)
    date_execution: date | None = None
    # its e-invoice lifecycle status (French reform), when known: disputed, paid, approved...
    statut: Status | None = None


@dataclass(frozen=True, slots=True)
class Payment:
    date: date
    montant: Decimal
    facture: str = ""
    mode: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Penalties:
    regime: str = LEGAL
    taux: Decimal | None = None
    indemnite_forfaitaire: bool | None = None  # None: as the law says for this debtor
    imputation: str = IMPUTATION_INTERETS


@dataclass(frozen=True, slots=True)
class Exhibit:
    titre: str
    fichier: Path
    date: date | None = None
    categorie: str = ""


@dataclass(frozen=True, slots=True)
class FileRecord:
    """A file the journal knows: its path relative to the dossier, and its SHA-256."""

    path: str
    sha256: str
    proof: bool = False  # noted by the user (a scanned AR, a title), not produced by the tool


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One event of the dossier's life, from ``historique`` or from the journal (see ``etat``)."""

    date: date
    action: Action
    date_reception: date | None = None
    note: str = ""
    numero: str = ""  # the ordonnance's registry number (RG), or another reference
    a_personne: bool | None = None  # for a signification: served to the person himself
    lrar: str = ""  # number of the registered letter
    frais: Decimal | None = None  # costs incurred (greffe, service), for the décompte after a title
    fichiers: tuple[FileRecord, ...] = ()  # documents produced or proofs noted, inside the dossier
    document: str = ""  # the kind of document the tool produced for it, if any
    origine: str = "dossier"  # dossier | journal

    @property
    def effective_date(self) -> date:
        """The date the act took effect: its receipt when known (C. civ. 1344)."""
        return self.date_reception or self.date


@dataclass(frozen=True, slots=True)
class Dossier:
    reference: str
    creancier: Party
    debiteur: Party
    factures: tuple[Invoice, ...]
    paiements: tuple[Payment, ...] = ()
    penalites: Penalties = field(default_factory=Penalties)
    pieces: tuple[Exhibit, ...] = ()
    historique: tuple[HistoryEntry, ...] = ()
    juridiction: str = ""  # the court's name, when the dossier designates it
    juridiction_adresse: Address | None = None  # its greffe's address, when the dossier gives it
    avocat: Lawyer | None = None
    modeles: Path | None = None
    lieu: str = ""  # place written next to the date of letters; default: creditor's town
    delai_paiement_jours: int | None = None
    # where the dossier lives: exhibits are relative to it
    folder: Path = Path(".")
    source: Path = Path("dossier.yaml")

    def invoice(self, numero: str) -> Invoice | None:
        for inv in self.factures:
            if inv.numero == numero:
                return inv
        return None

    def history(self, action: Action) -> list[HistoryEntry]:
        return [h for h in self.historique if h.action == action]
