"""``procedure importer`` (SPEC §5.4): invoices from e-invoices, a FEC or a spreadsheet, into one
dossier per debtor.

Three steps, kept apart (STYLE.md): read every source into neutral records (the
:mod:`procedure.lecture` adapters), plan (group by creditor and debtor, find the dossiers already
under RACINE, set aside what is not claimable or already imported), then write
(:mod:`procedure.api.importer_ecriture`). Nothing is written before every source has been read and
every resulting dossier validated by the reader: bad input leaves RACINE as it was.

An invoice is recognised by its number within its dossier: importing the same sources twice
changes nothing. A dossier is recognised by its creditor and its debtor (SIREN, else name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from procedure.erreurs import DossierError, InputError, Problem, os_reason
from procedure.lecture import IMPORT_FORMATS
from procedure.lecture.import_commun import ImportedInvoice, ImportedPayment, Lecture, Skip, normalized
from procedure.modele import dossier as m
from procedure.texte_fr import plural

FORMATS = IMPORT_FORMATS
# C. com. L441-10 I: absent an agreement, payment is due on the 30th day after receipt of the goods
# or performance of the service; the FEC and some e-invoices give no due date
DEFAULT_DELAY = 30
EXTENSIONS = {".pdf": "facturx", ".xml": "xml", ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx",
              ".xlsm": "xlsx"}


@dataclass
class DossierReport:
    folder: Path
    reference: str
    created: bool
    invoices: list[tuple[str, str]] = field(default_factory=list)  # (numero, description)
    payments: int = 0
    due: Decimal = Decimal("0")


@dataclass
class ImportReport:
    dossiers: list[DossierReport] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def created(self) -> list[DossierReport]:
        return [d for d in self.dossiers if d.created]

    @property
    def completed(self) -> list[DossierReport]:
        return [d for d in self.dossiers if not d.created]


@dataclass
class Group:
    """The invoices of one creditor on one debtor: one dossier, new or existing."""

    creditor: m.Party
    debtor: m.Party
    invoices: list[ImportedInvoice] = field(default_factory=list)
    assumed_due: dict[str, str] = field(default_factory=dict)  # numero -> how its due date was set
    payments: list[ImportedPayment] = field(default_factory=list)
    existing: m.Dossier | None = None
    creditor_given: bool = False  # by --creancier: never replaced by a seller read in an invoice


def _same(a: m.Party, b: m.Party) -> bool:
    """Two parties are the same by SIREN when both have one, else by name."""
    if a.siren and b.siren:
        return a.siren == b.siren
    return normalized(a.nom) == normalized(b.nom)


# --- reading ------------------------------------------------------------------------------------

def sources_of(sources: list[Path], fmt: str, root: Path) -> list[tuple[Path, str]]:
    """Each file to read with its format; a folder gives its files (not those under RACINE)."""
    out: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    root_abs = root.resolve()
    for src in sources:
        if src.is_dir():
            for p in sorted(src.rglob("*")):
                if p.is_file() and not any(x.startswith(".") for x in p.relative_to(src).parts) \
                        and root_abs not in p.resolve().parents and (fmt != "auto" or p.suffix.lower() in EXTENSIONS):
                    kind = _kind(p, fmt)
                    if fmt == "auto" and p.suffix.lower() == ".txt" and kind != "fec":
                        continue  # in a folder, a text file is read only when it is a FEC (not a README)
                    out.append((p, kind))
        elif src.is_file():
            out.append((src, _kind(src, fmt)))
        else:
            raise DossierError(src, [Problem("ce fichier n'existe pas")])
    out = [(p, k) for p, k in out if not (p.resolve() in seen or seen.add(p.resolve()))]  # a file named twice
    if not out:
        raise InputError("aucun fichier à importer dans " + ", ".join(str(s) for s in sources))
    return out


def _kind(path: Path, fmt: str) -> str:
    from procedure.lecture.fec import looks_like_fec

    if fmt != "auto":
        return fmt
    kind = EXTENSIONS.get(path.suffix.lower(), "")
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise DossierError(path, [Problem(f"lecture impossible ({os_reason(exc)})")]) from None
    if looks_like_fec(path, head):
        return "fec"
    if kind == "xml" or (not kind and head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<")):
        return "xml"
    if not kind:
        raise DossierError(path, [Problem("format non reconnu (attendu .pdf Factur-X, .xml CII ou UBL, FEC, .csv ou "
                                          ".xlsx ; ou --format)")])
    return kind


def read_source(path: Path, kind: str, mapping: dict[str, str] | None) -> Lecture:
    if kind == "facturx":
        from procedure.lecture.facturx import read_pdf

        inv = read_pdf(path)
        return Lecture(source=path, kind=inv.kind, invoices=[inv])
    if kind in ("xml", "cii", "ubl"):
        from procedure.lecture.xml_facture import read_invoice

        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DossierError(path, [Problem(f"lecture impossible ({os_reason(exc)})")]) from None
        inv = read_invoice(data, path, expected="" if kind == "xml" else kind)
        return Lecture(source=path, kind=inv.kind, invoices=[inv])
    if kind == "fec":
        from procedure.lecture.fec import read_fec

        return read_fec(path)
    from procedure.lecture.tableur import read_table

    return read_table(path, kind, mapping)


def _existing(root: Path) -> list[m.Dossier]:
    """The dossiers directly under RACINE; one that does not read stops the import (it might be the
    debtor's, and a second dossier would be created beside it)."""
    from procedure.lecture.dossier_yaml import YAML_FILE, load_yaml

    if not root.is_dir():
        return []
    found, problems = [], []
    for sub in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if (sub / YAML_FILE).is_file():
            try:
                found.append(load_yaml(sub))
            except DossierError as exc:
                problems.append(str(exc))
    if problems:
        raise InputError("dossier existant invalide sous " + str(root) + " : corrigez-le avant l'import (rien n'a été "
                         "écrit)\n" + "\n".join(problems))
    return found


# --- planning -------------------------------------------------------------------------------------

def plan(lectures: list[Lecture], existing: list[m.Dossier], creditor: m.Party | None, delay: int | None
         ) -> tuple[list[Group], list[Skip], list[str]]:
    groups: list[Group] = []
    skipped: list[Skip] = []
    notes: list[str] = []
    for lec in lectures:
        skipped.extend(lec.skipped)
        notes.extend(lec.notes)
        if creditor and creditor.siren and lec.creditor_siren and lec.creditor_siren != creditor.siren:
            notes.append(f"{lec.source.name} : le FEC est celui du SIREN {lec.creditor_siren}, le créancier donné "
                         f"par --creancier a le SIREN {creditor.siren} : à vérifier")
        for inv in lec.invoices:
            what = f"{inv.numero or '?'}" + (f" ({inv.where})" if inv.where else "")
            if inv.skip_reason:
                skipped.append(Skip(inv.source, what, inv.skip_reason))
                continue
            seller = creditor or inv.seller
            if seller is None:
                skipped.append(Skip(inv.source, what, "vendeur absent : donnez --creancier"))
                continue
            if creditor and inv.seller and not _same(inv.seller, creditor):
                # compared by SIREN when both have one, else by name: an invoice another seller issued
                # is never claimed under the user's own block
                by = f"(SIREN {inv.seller.siren})" if inv.seller.siren and creditor.siren else \
                    f"(comparé par le nom à « {creditor.nom} », faute de SIREN des deux côtés)"
                skipped.append(Skip(inv.source, what, f"vendeur « {inv.seller.nom} » {by} : ce n'est pas le créancier "
                                                      "donné par --creancier"))
                continue
            assert inv.buyer is not None and inv.date is not None and inv.montant_ttc is not None
            due, how = inv.echeance, ""
            if due is None:
                if delay is None and lec.refuse_without_due:
                    skipped.append(Skip(inv.source, what, "pas d'échéance : la cellule est vide ; donnez "
                                                          "--delai-paiement JOURS pour la compter depuis la date"))
                    continue
                days = DEFAULT_DELAY if delay is None else delay
                due = inv.date + timedelta(days=days)
                how = f"date de la facture + {days} jours (--delai-paiement)"
            if due < inv.date:
                skipped.append(Skip(inv.source, what, f"échéance ({due.isoformat()}) antérieure à la date de la "
                                                      f"facture ({inv.date.isoformat()})"))
                continue
            if inv.status is not None and inv.status.disputed:
                notes.append(f"{inv.source.name} : {inv.numero} : statut « {inv.status.label} » : "
                             f"{inv.status.meaning} ; pas d'injonction sans examen du litige (clé « statut »)")
            group = _group(groups, existing, seller, inv.buyer, given=creditor is not None)
            _place(group, _with_due(inv, due), how, what, skipped)
        for pay in lec.payments:
            assert pay.buyer is not None
            group = _group(groups, existing, creditor or pay.buyer, pay.buyer, create=False)
            if group is None:
                continue
            known = group.existing.paiements if group.existing else ()
            if any(p.date == pay.date and p.montant == pay.montant and p.facture == pay.facture for p in known):
                continue
            group.payments.append(pay)
    assumed = sum(len(g.assumed_due) for g in groups)
    if assumed:
        notes.append(f"{plural(assumed, 'facture')} sans échéance dans la source : échéance supposée à la date de la facture "
                     f"+ {DEFAULT_DELAY if delay is None else delay} jours (--delai-paiement) ; dit dans chaque dossier")
    return [g for g in groups if g.invoices or (g.existing and g.payments)], skipped, notes


def _with_due(inv: ImportedInvoice, due) -> ImportedInvoice:
    from dataclasses import replace

    return replace(inv, echeance=due)


def _group(groups: list[Group], existing: list[m.Dossier], creditor: m.Party, debtor: m.Party,
           create: bool = True, given: bool = False) -> Group | None:
    for g in groups:
        if _same(g.creditor, creditor) and _same(g.debtor, debtor):
            return g
    if not create:
        return None
    found = next((d for d in existing if _same(d.creancier, creditor) and _same(d.debiteur, debtor)), None)
    group = Group(creditor=creditor, debtor=debtor, existing=found, creditor_given=given)
    groups.append(group)
    return group


def _score(inv: ImportedInvoice, how: str) -> tuple:
    """How complete a copy of an invoice is: its PDF, a due date of its own, addresses."""
    return (inv.piece is not None, not how, bool(inv.buyer and inv.buyer.adresse.ligne1),
            bool(inv.seller and inv.seller.adresse.ligne1))


def _place(group: Group, inv: ImportedInvoice, how: str, what: str, skipped: list[Skip]) -> None:
    """Add ``inv`` to its group unless its number is already there: in the existing dossier, or
    read from another source in this run (the most complete copy is kept: a Factur-X PDF rather
    than its bare XML)."""
    if group.existing:
        old = group.existing.invoice(inv.numero)
        if old is not None:
            differs = f" (avec un montant de {old.montant_ttc}, ici {inv.montant_ttc} : à vérifier)" \
                if old.montant_ttc != inv.montant_ttc else ""
            if inv.status is not None and inv.status != old.statut:  # the user's file is never rewritten
                differs += (f" ; la source lui donne le {inv.status.named()}, le dossier "
                            + (f"le {old.statut.named()}" if old.statut else "aucun statut")
                            + " : à reporter à la main dans « statut » si besoin")
            skipped.append(Skip(inv.source, what, f"déjà importée dans {group.existing.folder}{differs}"))
            return
    for k, other in enumerate(group.invoices):
        if other.numero != inv.numero:
            continue
        if (other.date, other.montant_ttc, other.montant_du) != (inv.date, inv.montant_ttc, inv.montant_du):
            skipped.append(Skip(inv.source, what, f"numéro déjà lu dans {other.source.name} pour une autre facture "
                                                  f"(du {other.date}, {other.montant_du} dû ; ici du {inv.date}, "
                                                  f"{inv.montant_du} dû) : à vérifier"))
        elif _score(inv, how) > _score(other, group.assumed_due.get(other.numero, "")):
            group.invoices[k] = inv
            group.assumed_due.pop(inv.numero, None)
            if how:
                group.assumed_due[inv.numero] = how
            skipped.append(Skip(other.source, other.numero, f"même facture, remplacée par la copie plus complète de "
                                                            f"{inv.source.name} (pièce PDF, échéance, adresses)"))
            _enrich(group, inv)
        else:
            skipped.append(Skip(inv.source, what, f"même facture déjà lue dans {other.source.name}"))
        return
    group.invoices.append(inv)
    if how:
        group.assumed_due[inv.numero] = how
    _enrich(group, inv)


def _enrich(group: Group, inv: ImportedInvoice) -> None:
    """The group's parties as known from its most complete source (an address that a MINIMUM
    profile lacks may come from another invoice)."""
    def score(p: m.Party) -> int:
        a = p.adresse
        return sum(bool(x) for x in (a.ligne1, a.code_postal, a.ville, p.siren, p.tva, p.iban, p.email))

    if inv.buyer is not None and score(inv.buyer) > score(group.debtor):
        group.debtor = inv.buyer
    if not group.creditor_given and inv.seller is not None and score(inv.seller) > score(group.creditor):
        group.creditor = inv.seller


# --- the use case ---------------------------------------------------------------------------------

def import_sources(sources: list[Path], root: Path, fmt: str = "auto", creancier: Path | None = None,
                   colonnes: Path | None = None, delay: int | None = None) -> ImportReport:
    """Read ``sources``, then create or complete the dossiers under ``root``; return what was done."""
    from procedure.api import importer_ecriture as ecriture

    if fmt not in FORMATS:
        raise InputError(f"format « {fmt} » inconnu ({' | '.join(FORMATS)})")
    if root.exists() and not root.is_dir():
        raise InputError(f"{root} : ce n'est pas un répertoire (--vers)")
    creditor = None
    if creancier is not None:
        from procedure.lecture.creancier import read_creditor

        creditor = read_creditor(creancier)
    mapping = None
    if colonnes is not None:
        from procedure.lecture.tableur import read_mapping

        mapping = read_mapping(colonnes)
    lectures = [read_source(path, kind, mapping) for path, kind in sources_of(sources, fmt, root)]
    lacking = [lec.source for lec in lectures if lec.needs_creditor]
    if lacking and creditor is None:
        raise DossierError(lacking[0], [Problem("ce fichier ne dit pas qui est le créancier : donnez --creancier "
                                                "FICHIER (un YAML avec votre bloc « creancier: », celui d'un dossier)")])
    groups, skipped, notes = plan(lectures, _existing(root), creditor.party if creditor else None, delay)
    staged = ecriture.stage_all(groups, root, creditor)  # every text validated before anything is written
    reports = [ecriture.write(s) for s in staged]
    return ImportReport(dossiers=sorted(reports, key=lambda r: str(r.folder)), skipped=skipped, notes=notes)
