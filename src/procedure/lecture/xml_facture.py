"""E-invoices as XML: UN/CEFACT CII (Factur-X, ZUGFeRD 1.0 and 2.x, XRechnung CII) and UBL 2.1
(Invoice, CreditNote), read with lxml.

The EN 16931 business terms read (IMPORTS.md): BT-1 number, BT-2 issue date, BT-3 type, BT-5
currency, BT-9 due date (the latest when several payment terms give several), BT-112 total,
BT-113 prepaid (recorded as a payment), BT-115 amount due, the seller (BT-27 name, BT-30 SIREN,
BT-31 VAT, address, BT-84 IBAN) and the buyer (BT-44 name, BT-47 SIREN, address, BT-48 VAT).
Elements are found by their local name, so CII D16B, D22B and the ZUGFeRD 1.0 namespace read
alike. The parser resolves no entity and fetches nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from procedure.erreurs import DossierError, Problem
from procedure.lecture.import_commun import (ImportedInvoice, ImportedPayment, clean, claim_problem, country_name,
                                             decimal_of, siren_of, siret_of, valid_or_empty)
from procedure.modele import dossier as m

CII_ROOTS = {"CrossIndustryInvoice", "CrossIndustryDocument"}
UBL_ROOTS = {"Invoice", "CreditNote"}


def parse(data: bytes, source: Path):
    """The XML root element; a DossierError naming the line when the file is not XML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
                             remove_pis=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise DossierError(source, [Problem(f"XML illisible : {exc.msg}", line=line)]) from None
    if root is None:
        raise DossierError(source, [Problem("fichier XML vide")])
    return root


def syntax_of(root) -> str:
    """``cii``, ``ubl`` or ``""`` from the root element's name."""
    name = _local(root)
    return "cii" if name in CII_ROOTS else "ubl" if name in UBL_ROOTS else ""


def read_invoice(data: bytes, source: Path, expected: str = "", kind: str = "", piece: Path | None = None
                 ) -> ImportedInvoice:
    """One invoice from CII or UBL bytes; ``expected`` (``cii``/``ubl``) refuses the other syntax."""
    root = parse(data, source)
    syntax = syntax_of(root)
    if not syntax:
        raise DossierError(source, [Problem(f"ce XML n'est pas une facture CII ni UBL (élément racine « {_local(root)} »)",
                                            line=root.sourceline)])
    if expected and syntax != expected:
        raise DossierError(source, [Problem(f"facture {syntax.upper()} et non {expected.upper()} (--format)")])
    read = _read_cii if syntax == "cii" else _read_ubl
    fields = read(root)
    label = kind or ("CII" if syntax == "cii" else "UBL")
    return _invoice(fields, source, label, piece)


# --- navigation by local names ---------------------------------------------------------------------

def _local(el) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _children(el, name: str) -> list:
    names = set(name.split("|"))
    return [c for c in el if isinstance(c.tag, str) and _local(c) in names] if el is not None else []


def _all(el, path: str) -> list:
    """Every element at ``path`` (``A/B|C/D``: local names, ``|`` for alternatives) below ``el``."""
    found = [el] if el is not None else []
    for step in path.split("/"):
        found = [c for f in found for c in _children(f, step)]
    return found


def _first(el, path: str):
    found = _all(el, path)
    return found[0] if found else None


def _text(el, path: str) -> str:
    node = _first(el, path)
    return clean(node.text) if node is not None and node.text else ""


def _date(text: str) -> date | None:
    """CII ``102`` (AAAAMMJJ) or ISO ``AAAA-MM-JJ``."""
    text = clean(text).replace("-", "")
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _amount(el, path: str, currency: str = "") -> Decimal | None:
    nodes = _all(el, path)
    if currency and len(nodes) > 1:  # a total given in the tax currency as well: take the invoice's
        nodes = [n for n in nodes if n.get("currencyID", currency) == currency] or nodes
    for node in nodes:
        if node.text and clean(node.text):
            try:
                return decimal_of(node.text)
            except ValueError:
                return None
    return None


# --- CII ---------------------------------------------------------------------------------------

def _read_cii(root) -> dict:
    doc = _first(root, "ExchangedDocument|HeaderExchangedDocument")
    tx = _first(root, "SupplyChainTradeTransaction|SpecifiedSupplyChainTradeTransaction")
    agreement = _first(tx, "ApplicableHeaderTradeAgreement|ApplicableSupplyChainTradeAgreement")
    settlement = _first(tx, "ApplicableHeaderTradeSettlement|ApplicableSupplyChainTradeSettlement")
    sums = _first(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation|SpecifiedTradeSettlementMonetarySummation")
    currency = _text(settlement, "InvoiceCurrencyCode")
    dues = [_date(n.text or "") for n in _all(settlement, "SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString")]
    ibans = [clean(n.text) for n in _all(settlement, "SpecifiedTradeSettlementPaymentMeans/"
                                                     "PayeePartyCreditorFinancialAccount/IBANID")]
    seller = _first(agreement, "SellerTradeParty")
    return {
        "numero": _text(doc, "ID"), "type_code": _text(doc, "TypeCode") or "380",
        "date": _date(_text(doc, "IssueDateTime/DateTimeString")),
        "dues": [d for d in dues if d], "currency": currency,
        "total": _amount(sums, "GrandTotalAmount", currency), "prepaid": _amount(sums, "TotalPrepaidAmount", currency),
        "due": _amount(sums, "DuePayableAmount", currency),
        "seller": _cii_party(seller, ibans), "buyer": _cii_party(_first(agreement, "BuyerTradeParty"), []),
        "payee": _text(settlement, "PayeeTradeParty/Name"),
        "profile": _text(root, "ExchangedDocumentContext|SpecifiedExchangedDocumentContext/"
                               "GuidelineSpecifiedDocumentContextParameter/ID"),
    }


def _cii_party(el, ibans: list[str]) -> dict | None:
    if el is None:
        return None
    ids = [(n.get("schemeID", ""), clean(n.text)) for n in _all(el, "SpecifiedLegalOrganization/ID")]
    ids += [(n.get("schemeID", ""), clean(n.text)) for n in _all(el, "GlobalID")]
    vat = [clean(n.text) for n in _all(el, "SpecifiedTaxRegistration/ID") if n.get("schemeID") == "VA"]
    addr = _first(el, "PostalTradeAddress")
    lines = [_text(addr, t) for t in ("LineOne", "LineTwo", "LineThree")]
    return {"nom": _text(el, "Name") or _text(el, "SpecifiedLegalOrganization/TradingBusinessName"),
            "ids": ids, "vat": vat, "ibans": ibans,
            "email": next((clean(n.text) for n in _all(el, "URIUniversalCommunication/URIID")
                           if n.get("schemeID") == "EM"), ""),
            "lines": [x for x in lines if x], "code_postal": _text(addr, "PostcodeCode"),
            "ville": _text(addr, "CityName"), "pays": _text(addr, "CountryID")}


# --- UBL ---------------------------------------------------------------------------------------

def _read_ubl(root) -> dict:
    credit = _local(root) == "CreditNote"
    currency = _text(root, "DocumentCurrencyCode")
    sums = _first(root, "LegalMonetaryTotal")
    dues = [_date(_text(root, "DueDate"))] + [_date(clean(n.text)) for n in _all(root, "PaymentMeans/PaymentDueDate")]
    ibans = [clean(n.text) for n in _all(root, "PaymentMeans/PayeeFinancialAccount/ID")]
    code = _text(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode") or ("381" if credit else "380")
    return {
        "numero": _text(root, "ID"), "type_code": code, "date": _date(_text(root, "IssueDate")),
        "dues": [d for d in dues if d], "currency": currency,
        "total": _amount(sums, "TaxInclusiveAmount", currency), "prepaid": _amount(sums, "PrepaidAmount", currency),
        "due": _amount(sums, "PayableAmount", currency),
        "seller": _ubl_party(_first(root, "AccountingSupplierParty/Party"), ibans),
        "buyer": _ubl_party(_first(root, "AccountingCustomerParty/Party"), []),
        "payee": _text(root, "PayeeParty/PartyName/Name") or _text(root, "PayeeParty/PartyLegalEntity/RegistrationName"),
        "profile": _text(root, "CustomizationID"), "credit_note": credit,
    }


def _ubl_party(el, ibans: list[str]) -> dict | None:
    if el is None:
        return None
    ids = [(n.get("schemeID", ""), clean(n.text)) for n in _all(el, "PartyLegalEntity/CompanyID")]
    ids += [(n.get("schemeID", ""), clean(n.text)) for n in _all(el, "PartyIdentification/ID")]
    vat = [_text(n, "CompanyID") for n in _all(el, "PartyTaxScheme") if _text(n, "TaxScheme/ID").upper() in ("", "VAT")]
    addr = _first(el, "PostalAddress")
    lines = [_text(addr, "StreetName"), _text(addr, "AdditionalStreetName")]
    lines += [clean(n.text) for n in _all(addr, "AddressLine/Line")]
    return {"nom": _text(el, "PartyLegalEntity/RegistrationName") or _text(el, "PartyName/Name"),
            "ids": ids, "vat": vat, "ibans": ibans, "email": _text(el, "Contact/ElectronicMail"),
            "lines": [x for x in lines if x], "code_postal": _text(addr, "PostalZone"),
            "ville": _text(addr, "CityName"), "pays": _text(addr, "Country/IdentificationCode")}


# --- neutral record ------------------------------------------------------------------------------

def _party(fields: dict | None, notes: list[str], role: str) -> m.Party | None:
    if not fields or not fields["nom"]:
        return None
    siren = siret = ""
    for scheme, value in fields["ids"]:
        # 0002: SIREN (some files put a 14-digit SIRET there), 0009: SIRET; a bare 9-digit id of a
        # French party is its SIREN
        if scheme in ("0002", "0009") or (not scheme and fields["pays"] in ("", "FR")):
            siren = siren or siren_of(value)
            siret = siret or siret_of(value)
            if scheme in ("0002", "0009") and not siren_of(value):
                notes.append(f"{role} : identifiant légal « {value} » (schéma {scheme}) invalide, non repris")
    tva = next((v for v in (valid_or_empty("stdnum.eu.vat", x) for x in fields["vat"]) if v), "")
    if fields["vat"] and not tva:
        notes.append(f"{role} : numéro de TVA « {fields['vat'][0]} » invalide, non repris")
    iban = next((v for v in (valid_or_empty("stdnum.iban", x) for x in fields["ibans"]) if v), "")
    if fields["ibans"] and not iban:
        notes.append(f"{role} : IBAN « {fields['ibans'][0]} » invalide, non repris")
    email = fields["email"] if "@" in fields["email"] and " " not in fields["email"] else ""
    lines = fields["lines"]
    address = m.Address(ligne1=lines[0] if lines else "", ligne2=", ".join(lines[1:]),
                        code_postal=fields["code_postal"], ville=fields["ville"], pays=country_name(fields["pays"]))
    return m.Party(type=m.PROFESSIONNEL, nom=fields["nom"], adresse=address, siren=siren, siret=siret, tva=tva,
                   iban=iban, email=email)


def _invoice(f: dict, source: Path, label: str, piece: Path | None) -> ImportedInvoice:
    notes: list[str] = []
    seller = _party(f["seller"], notes, "vendeur")
    buyer = _party(f["buyer"], notes, "acheteur")
    total, prepaid, due = f["total"], f["prepaid"], f["due"]
    if due is None and total is not None:
        due = total - (prepaid or 0)
    reason = claim_problem(f["type_code"], f["currency"] or "EUR", due)
    if f.get("credit_note") and not reason:
        reason = "avoir (document UBL CreditNote) : un avoir diminue la créance, il ne se réclame jamais"
    if not reason and not f["numero"]:
        reason = "numéro de facture (BT-1) absent"
    if not reason and f["date"] is None:
        reason = "date de facture (BT-2) absente ou illisible"
    if not reason and buyer is None:
        reason = "acheteur (BT-44) absent"
    payments: list[ImportedPayment] = []
    if not reason and total is not None and due is not None and total > due:
        paid = total - due
        what = "acompte (BT-113)" if prepaid else "déjà payé : total (BT-112) moins montant dû (BT-115)"
        payments.append(ImportedPayment(f["date"], paid, f["numero"], f"{what} ; daté de la facture", source=source))
    elif not reason and total is not None and due is not None and total < due:
        notes.append(f"montant dû (BT-115, {due}) supérieur au total (BT-112, {total}) : le montant dû est réclamé")
        total = due
    dues = sorted(set(f["dues"]))
    if len(dues) > 1:
        notes.append("plusieurs échéances (" + ", ".join(d.isoformat() for d in dues) + ") : la dernière est retenue")
    if f["payee"] and seller and clean(f["payee"]).lower() != seller.nom.lower():
        notes.append(f"le paiement est dû à « {clean(f['payee'])} », pas au vendeur : créance cédée ou affacturée ? "
                     "à vérifier")
    kind = label + (f", profil {f['profile']}" if f.get("profile") else "")
    return ImportedInvoice(
        source=source, numero=f["numero"], seller=seller, buyer=buyer, date=f["date"],
        echeance=dues[-1] if dues else None, montant_ttc=total if total is not None else due, montant_du=due,
        payments=tuple(payments), currency=(f["currency"] or "EUR").upper(), type_code=f["type_code"],
        skip_reason=reason, piece=piece, kind=kind, notes=tuple(notes))
