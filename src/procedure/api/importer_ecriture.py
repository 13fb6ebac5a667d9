"""The writing half of ``procedure importer``: each group of invoices becomes the text of a new,
commented ``dossier.yaml``, or entries appended to an existing one; every text is validated by the
reader before anything is written; then each dossier is written atomically (a new one is built in a
temporary folder renamed into place; an existing one gets its exhibits, then its YAML by temp file
and ``os.replace``).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from procedure.api.importer import DossierReport, Group
from procedure.argent import format_eur
from procedure.erreurs import DossierError, InputError, os_reason
from procedure.lecture.creancier import Creditor
from procedure.lecture.dossier_yaml import YAML_FILE, parse_yaml
from procedure.lecture.import_commun import ImportedInvoice, normalized, slug
from procedure.modele import dossier as m
from procedure.sortie.dossier_yaml import Block, Entry, Field, append_entries, render
from procedure.sortie.fichiers import follow_umask
from procedure.texte_fr import date_fr, plural

TO_COMPLETE = "À COMPLÉTER"
BOM = b"\xef\xbb\xbf"
HEADER = [
    "Dossier créé par « procedure importer » : relisez-le avant toute lettre.",
    "« à vérifier » et « À COMPLÉTER » marquent ce que la source ne dit pas ou ce qui a été supposé.",
    "Montants \"1234.50\" ; dates AAAA-MM-JJ ; pièces relatives à ce dossier ; une clé inconnue est refusée.",
    "Ensuite : procedure verifier . ; procedure decompte . --au AAAA-MM-JJ",
]


@dataclass
class Staged:
    group: Group
    folder: Path
    reference: str
    text: str
    created: bool
    bom: bool = False
    copies: list[tuple[Path, str]] = field(default_factory=list)  # (source file, path relative to the dossier)


# --- the YAML entries ------------------------------------------------------------------------------

def _address(a: m.Address) -> list[Field]:
    missing = "à compléter : la source ne donne pas l'adresse"
    postcode_ok = re.fullmatch(r"[0-9]{5}|[0-9A-Za-z -]{3,10}", a.code_postal or "")
    out = [Field("ligne1", a.ligne1 or TO_COMPLETE, "" if a.ligne1 else missing)]
    if a.ligne2:
        out.append(Field("ligne2", a.ligne2))
    out.append(Field("code_postal", a.code_postal if postcode_ok else "00000", "" if postcode_ok else
                     (f"à compléter (lu : « {a.code_postal} »)" if a.code_postal else "à compléter")))
    out.append(Field("ville", a.ville or TO_COMPLETE, "" if a.ville else "à compléter"))
    if a.pays:
        out.append(Field("pays", a.pays))
    return out


def _identity(p: m.Party) -> list[Field]:
    out = [Field("nom", p.nom[:300])]
    out += [Field(k, getattr(p, k)) for k in ("siren", "siret", "tva") if getattr(p, k)]
    if p.email and re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", p.email):
        out.append(Field("email", p.email))
    return out


def creditor_block(creditor: Creditor | None, seller: m.Party) -> Block:
    if creditor is not None:
        return Block("creancier", raw=creditor.block, before=[f"repris de {creditor.source.name}"])
    fields = [Field("type", m.PROFESSIONNEL)] + _identity(seller)
    if seller.iban:
        fields.append(Field("iban", seller.iban, "lu dans la facture"))
    fields.append(Field("adresse", _address(seller.adresse)))
    return Block("creancier", fields, "le vendeur des factures importées",
                 before=["complétez si besoin : forme_juridique, representant, signataire, telephone"])


def debtor_block(debtor: m.Party, refs: list[str]) -> Block:
    public = debtor.siren[:1] in ("1", "2")  # INSEE: the SIREN of a public-law legal person starts with 1 or 2
    fields = [Field("type", m.PUBLIC if public else m.PROFESSIONNEL,
                    "à vérifier : SIREN d'une personne publique" if public else
                    "à vérifier : professionnel | particulier | public")]
    if not public:
        fields.append(Field("commercant", True, "à vérifier : inscrit au RCS ? (tribunal de commerce)", commented=True))
    fields += _identity(debtor) + [Field("adresse", _address(debtor.adresse))]
    before = [f"compte client dans la source : {r}" for r in refs]
    return Block("debiteur", fields, before=before)


def invoice_entry(inv: ImportedInvoice, assumed: str, piece: str) -> Entry:
    # a file of many invoices (FEC, spreadsheet) is described once, in the header; an e-invoice here
    where = f", {inv.where}" if inv.where else f" ({inv.kind})"
    before = [f"importée de {inv.source.name}{where}", *inv.notes]
    assert inv.echeance is not None and inv.montant_ttc is not None and inv.montant_du is not None
    fields = [Field("numero", inv.numero[:100]), Field("date", inv.date),
              Field("echeance", inv.echeance, f"supposée : {assumed}" if assumed else ""),
              Field("montant_ttc", inv.montant_ttc, f"total TTC ; reste dû {inv.montant_du}"
                    if inv.montant_ttc != inv.montant_du else "")]
    if inv.objet:
        fields.append(Field("objet", inv.objet[:2000]))
    if piece:
        fields.append(Field("piece", piece))
    if inv.status is not None:
        fields.append(Field("statut", inv.status.value, inv.status.label + (
            " : pas d'injonction sans examen du litige" if inv.status.disputed else "")))
    return Entry(fields, before)


def payment_entries(group: Group) -> list[Entry]:
    out = []
    for inv in group.invoices:
        for p in inv.payments:
            out.append(Entry([Field("date", p.date), Field("montant", p.montant), Field("facture", inv.numero[:100])],
                             [f"{p.note} ({inv.source.name})"]))
    for p in group.payments:
        src = f" ({p.source.name})" if p.source else ""
        out.append(Entry([Field("date", p.date), Field("montant", p.montant)], [f"{p.note}{src}"]))
    return out


# --- staging: names, texts, validation ------------------------------------------------------------------

def stage_all(groups: list[Group], root: Path, creditor: Creditor | None) -> list[Staged]:
    taken = {p.name.lower() for p in root.iterdir()} if root.is_dir() else set()
    staged = []
    for g in sorted(groups, key=lambda g: (normalized(g.debtor.nom), g.debtor.siren, normalized(g.creditor.nom))):
        if g.existing is not None:
            staged.append(_stage_existing(g))
            continue
        base = slug(g.debtor.nom) or "debiteur"
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{g.debtor.siren}" if n == 2 and g.debtor.siren else f"{base}-{n}"
        taken.add(name.lower())
        ident = g.debtor.siren or slug(g.debtor.nom, 60).upper() or "DEBITEUR"
        reference = f"IMP-{ident}" + (name[len(base):].upper() if name != base else "")
        staged.append(_stage_new(g, root / name, reference[:80], creditor))
    return staged


def _pieces(group: Group, folder: Path, used: set[str]) -> tuple[dict[str, str], list[tuple[Path, str]]]:
    names: dict[str, str] = {}
    copies = []
    for inv in group.invoices:
        if inv.piece is None:
            continue
        base = "pieces/" + (re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "-", inv.numero)).strip("-.") or "facture")
        rel, n = f"{base}{inv.piece.suffix.lower()}", 1
        while rel.lower() in used or (folder / rel).exists():
            n += 1
            rel = f"{base}-{n}{inv.piece.suffix.lower()}"
        used.add(rel.lower())
        names[inv.numero] = rel
        copies.append((inv.piece, rel))
    return names, copies


def _stage_new(g: Group, folder: Path, reference: str, creditor: Creditor | None) -> Staged:
    pieces, copies = _pieces(g, folder, set())
    invoices = sorted(g.invoices, key=lambda i: (i.date, i.numero))
    sources = sorted({(i.source.name, i.kind) for i in invoices if i.where})
    header = HEADER + [f"Source : {name} ({kind})" for name, kind in sources]
    rules = sorted(set(g.assumed_due.values()))
    if rules:
        header.append(f"Échéances supposées ({len(g.assumed_due)} sur {len(invoices)}), faute d'échéance dans la "
                      "source : " + " ; ".join(rules) + ".")
    refs = sorted({i.buyer_ref for i in invoices if i.buyer_ref})
    blocks = [Block("reference", reference, "référence du dossier, reprise sur chaque document"),
              creditor_block(creditor, g.creditor), debtor_block(g.debtor, refs),
              Block("factures", [invoice_entry(i, g.assumed_due.get(i.numero, ""), pieces.get(i.numero, ""))
                                 for i in invoices], "importées ; une entrée par facture impayée")]
    payments = payment_entries(g)
    if payments:
        blocks.append(Block("paiements", payments, "sommes déjà payées ou créditées"))
    text = render(header, blocks)
    if creditor is not None and creditor.logo:
        copies.append((creditor.source.parent / creditor.logo, creditor.logo))
    _validate(text, folder, g)
    return Staged(g, folder, reference, text, created=True, copies=copies)


def _stage_existing(g: Group) -> Staged:
    d = g.existing
    assert d is not None
    raw = d.source.read_bytes()
    text = raw.decode("utf-8-sig")
    used = {str(x.fichier).lower() for x in d.pieces} | {str(i.piece).lower() for i in d.factures if i.piece}
    pieces, copies = _pieces(g, d.folder, used)
    entries = [invoice_entry(i, g.assumed_due.get(i.numero, ""), pieces.get(i.numero, "")) for i in g.invoices]
    try:
        new = append_entries(text, "factures", entries)
        new = append_entries(new, "paiements", payment_entries(g), "ajoutés par procedure importer")
    except ValueError as exc:
        raise InputError(f"{d.source} : ajout impossible ({exc}) ; rien n'a été écrit") from None
    _validate(new, d.folder, g, d.source)
    return Staged(g, d.folder, d.reference, new, created=False, bom=raw.startswith(BOM), copies=copies)


def _validate(text: str, folder: Path, g: Group, yml: Path | None = None) -> None:
    try:
        parse_yaml(text, yml or folder / YAML_FILE, folder)
    except DossierError as exc:
        sources = ", ".join(sorted({str(i.source) for i in g.invoices}))
        raise InputError(f"le dossier de « {g.debtor.nom} » serait invalide ; rien n'a été écrit (sources : {sources})"
                         f"\n{exc}") from None


# --- writing ---------------------------------------------------------------------------------------

def write(s: Staged) -> DossierReport:
    try:
        if s.created:
            _write_new(s)
        else:
            _write_existing(s)
    except OSError as exc:
        raise InputError(f"{s.folder} : écriture impossible ({os_reason(exc)})") from None
    due = sum((i.montant_du or Decimal("0") for i in s.group.invoices), Decimal("0"))
    due -= sum((p.montant for p in s.group.payments), Decimal("0"))
    lines = [(i.numero, f"du {date_fr(i.date)}, échéance {date_fr(i.echeance)}"
              f"{' (supposée)' if i.numero in s.group.assumed_due else ''}, {format_eur(i.montant_du or Decimal(0))}"
              f" dû ({i.source.name})") for i in s.group.invoices]
    return DossierReport(folder=s.folder, reference=s.reference, created=s.created, invoices=lines,
                         payments=sum(len(i.payments) for i in s.group.invoices) + len(s.group.payments), due=due)


def _write_new(s: Staged) -> None:
    s.folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{s.folder.name}.", suffix=".import", dir=s.folder.parent))
    try:
        follow_umask(tmp)
        (tmp / YAML_FILE).write_bytes(s.text.encode("utf-8"))
        for src, rel in s.copies:
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, tmp / rel)
        if s.folder.exists():
            raise InputError(f"{s.folder} existe déjà (créé pendant l'import ?) : rien n'y a été écrit")
        os.rename(tmp, s.folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write_existing(s: Staged) -> None:
    done: list[Path] = []
    temps: list[str] = []
    try:
        for src, rel in s.copies:
            target = s.folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps.append(tmp)
            with os.fdopen(fd, "wb") as fh, open(src, "rb") as fin:
                shutil.copyfileobj(fin, fh)
            follow_umask(tmp)
            os.replace(tmp, target)
            done.append(target)
        yml = s.folder / YAML_FILE
        fd, tmp = tempfile.mkstemp(prefix=".dossier.yaml.", suffix=".tmp", dir=s.folder)
        temps.append(tmp)
        with os.fdopen(fd, "wb") as fh:
            fh.write((BOM if s.bom else b"") + s.text.encode("utf-8"))
        shutil.copymode(yml, tmp)
        os.replace(tmp, yml)
    except BaseException:
        for t in temps:
            if os.path.exists(t):
                os.unlink(t)
        for p in done:
            p.unlink(missing_ok=True)
        raise


def summary(created: int, completed: int, invoices: int, skipped: int) -> str:
    return (f"Bilan : {plural(created, 'dossier créé', 'dossiers créés')}, "
            f"{plural(completed, 'dossier complété', 'dossiers complétés')}, "
            f"{plural(invoices, 'facture importée', 'factures importées')}, "
            f"{plural(skipped, 'élément ignoré', 'éléments ignorés')}.")
