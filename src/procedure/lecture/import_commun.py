"""What every import adapter returns (SPEC §5.4): neutral records, no writing.

Each adapter (:mod:`facturx`, :mod:`xml_facture`, :mod:`fec`, :mod:`tableur`) turns one source
file into a :class:`Lecture`: the invoices it found (each with the reason it may not be claimed),
the payments it found, what it skipped and what it assumed. The use case
(:mod:`procedure.api.importer`) groups them by debtor and writes the dossiers.

Facts shared by the adapters live here: the EN 16931 document type codes (BT-3) and the reading of
SIREN and amounts (the lifecycle statuses of the French e-invoicing reform are
:mod:`procedure.modele.statuts`).

>>> claim_problem("381", "EUR", Decimal("10"))
'avoir (type 381) : un avoir diminue la créance, il ne se réclame jamais'
>>> claim_problem("380", "GBP", Decimal("10"))
'devise GBP : seuls les montants en euros sont réclamés'
>>> claim_problem("380", "EUR", Decimal("-8.79"))
'montant dû négatif (-8.79) : un avoir ou un trop-perçu, rien à réclamer'
>>> claim_problem("380", "EUR", Decimal("10"))
''
>>> siren_of("78787878400035"), siren_of("787 878 784"), siren_of("123456789")
('787878784', '787878784', '')
>>> normalized("Ma  Jolie-Boutique SARL"), slug("Hôtel Saint Denis")
('ma jolie boutique sarl', 'hotel-saint-denis')
>>> decimal_of("+000000069,40"), decimal_of("1 234,5"), decimal_of("529.870")
(Decimal('69.40'), Decimal('1234.50'), Decimal('529.87'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from procedure.argent import round_cents
from procedure.modele import dossier as m
from procedure.modele.statuts import Status
from procedure.texte_fr import folded

# EN 16931 / UNTDID 1001 document types (BT-3)
INVOICE_TYPES = {"380": "facture", "386": "facture d'acompte", "389": "autofacture", "326": "facture partielle",
                 "875": "facture partielle de travaux", "876": "facture partielle finale de travaux",
                 "877": "facture finale de travaux", "383": "note de débit", "84": "note de débit",
                 "82": "facture de services mesurés"}
CREDIT_TYPES = {"381", "261", "262", "296", "308", "396", "420", "458", "502", "503", "532", "81", "83"}
# documents that are not a claim on the buyer, each with why
NOT_CLAIMS = {
    "384": "facture rectificative (type 384) : elle corrige une facture antérieure, à rapprocher à la main",
    "751": "information comptable (type 751), ce n'est pas une facture",
    "393": "facture affacturée (type 393) : la créance appartient au factor",
    "501": "autofacture affacturée (type 501) : la créance appartient au factor",
    "295": "facture pro forma : rien n'est dû", "325": "facture pro forma : rien n'est dû",
}



@dataclass(frozen=True)
class ImportedPayment:
    """A sum already paid: a prepayment (BT-113), a paid column, an unlettered credit of a FEC."""

    date: date
    montant: Decimal
    facture: str = ""  # the invoice it pays, when known
    note: str = ""  # written as a comment next to it
    buyer: m.Party | None = None  # for a payment not tied to an invoice (FEC credits)
    source: Path | None = None


@dataclass(frozen=True)
class ImportedInvoice:
    """One invoice read from a source, claimable or not (``skip_reason``)."""

    source: Path
    numero: str
    seller: m.Party | None
    buyer: m.Party | None
    date: date | None
    echeance: date | None  # None: the source gives none (the use case applies --delai-paiement)
    montant_ttc: Decimal | None  # the invoice's total (BT-112)
    montant_du: Decimal | None  # what remains due (BT-115)
    payments: tuple[ImportedPayment, ...] = ()  # prepayments and sums paid on this invoice
    currency: str = "EUR"
    type_code: str = "380"
    status: Status | None = None  # lifecycle status, when the source gives one
    skip_reason: str = ""
    objet: str = ""
    piece: Path | None = None  # the file to copy into the dossier as the invoice's exhibit
    where: str = ""  # "ligne 12": where in the source, for messages
    kind: str = ""  # what the source is: "Factur-X (profil EN 16931)", "FEC", "CSV"...
    notes: tuple[str, ...] = ()  # assumptions and remarks, written as comments
    buyer_ref: str = ""  # the customer's account in the source (FEC CompAuxNum), for comments


@dataclass(frozen=True)
class Skip:
    """Something read and deliberately not imported, with why."""

    source: Path
    what: str
    reason: str


@dataclass
class Lecture:
    """What one source gave."""

    source: Path
    kind: str
    invoices: list[ImportedInvoice] = field(default_factory=list)
    payments: list[ImportedPayment] = field(default_factory=list)  # not tied to an invoice
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    needs_creditor: bool = False  # the source does not say who the creditor is (FEC, spreadsheets)
    refuse_without_due: bool = False  # a row with no due date is refused unless --delai-paiement is given
    creditor_siren: str = ""  # what the source says of its owner (a FEC's file name)


def claim_problem(type_code: str, currency: str, due: Decimal | None, status: Status | None = None) -> str:
    """Why an invoice may not be claimed, or ``""``: credit notes, other documents, foreign
    currencies, nothing or less than nothing due, a status that ends the claim."""
    code = (type_code or "380").strip()
    if code in CREDIT_TYPES:
        return f"avoir (type {code}) : un avoir diminue la créance, il ne se réclame jamais"
    if code in NOT_CLAIMS:
        return NOT_CLAIMS[code]
    if code not in INVOICE_TYPES:
        return f"type de document {code} inconnu : ni facture ni avoir reconnu, à vérifier"
    if (currency or "EUR").upper() != "EUR":
        return f"devise {currency.upper()} : seuls les montants en euros sont réclamés"
    if status is not None and status.stops:
        return f"{status.label} (statut {status.value}) : {status.meaning}"
    if due is None:
        return "montant dû absent"
    if due < 0:
        return f"montant dû négatif ({due}) : un avoir ou un trop-perçu, rien à réclamer"
    if due == 0:
        return "rien n'est dû (montant dû nul : facture déjà payée)"
    return ""


def decimal_of(text: str) -> Decimal:
    """An amount as accounting exports write it: sign, zero padding, spaces, comma or dot; rounded
    half-up to the cent (an e-invoice may carry more decimals). Raises ValueError."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", str(text))
    if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+,\d+", cleaned):  # 1.234,56
        cleaned = cleaned.replace(".", "")
    cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        raise ValueError(f"« {text} » n'est pas un montant")
    try:
        return round_cents(Decimal(cleaned))
    except InvalidOperation:  # pragma: no cover - the regex filters
        raise ValueError(f"« {text} » n'est pas un montant") from None


def siren_of(text: str) -> str:
    """The SIREN in a SIREN or a SIRET (its first 9 digits), when its check digit holds; else ``""``."""
    from stdnum.fr import siren

    digits = re.sub(r"[\s.-]", "", text or "")
    if not re.fullmatch(r"\d{9}|\d{14}", digits) or not digits.strip("0"):
        return ""
    return digits[:9] if siren.is_valid(digits[:9]) else ""


def siret_of(text: str) -> str:
    from stdnum.fr import siret

    digits = re.sub(r"[\s.-]", "", text or "")
    return digits if len(digits) == 14 and siret.is_valid(digits) else ""


def valid_or_empty(module: str, text: str) -> str:
    """The compact form of ``text`` if the python-stdnum ``module`` validates it, else ``""``."""
    import importlib

    if not text:
        return ""
    mod = importlib.import_module(module)
    try:
        return mod.compact(mod.validate(text))
    except Exception:  # stdnum's ValidationError family
        return ""


def clean(text: str | None) -> str:
    """Whitespace collapsed (names may hold newlines and padding)."""
    return " ".join((text or "").split())


def normalized(name: str) -> str:
    """A name reduced for comparison: no accents, lower case, punctuation as spaces."""
    return folded(name)


def slug(name: str, limit: int = 60) -> str:
    return normalized(name).replace(" ", "-")[:limit].strip("-")


# ISO 3166 codes of the countries an invoice most often names, in French; others stay as codes
COUNTRIES = {"FR": "", "DE": "Allemagne", "BE": "Belgique", "ES": "Espagne", "IT": "Italie", "NL": "Pays-Bas",
             "LU": "Luxembourg", "CH": "Suisse", "GB": "Royaume-Uni", "AT": "Autriche", "PT": "Portugal",
             "DK": "Danemark", "NO": "Norvège", "SE": "Suède", "IE": "Irlande", "PL": "Pologne", "MC": "Monaco",
             "US": "États-Unis",
             # overseas France: an address there names no country either
             "GP": "", "MQ": "", "GF": "", "RE": "", "YT": "", "PM": "", "BL": "", "MF": "", "NC": "", "PF": "",
             "WF": ""}


def country_name(code: str) -> str:
    """``""`` for France (an address in France names no country), the French name otherwise."""
    code = clean(code).upper()
    return COUNTRIES.get(code, code)
