"""The exhibits of a dossier: which files, in which order, under which number; all opened, checked
and cleaned before anything is written.

The order is the one a court expects: contract or purchase order, general terms, invoices,
delivery proofs, reminders, the mise en demeure and its receipt, then the rest. A missing,
unreadable, password-protected or corrupt file stops everything with a French message naming it;
all such problems are reported at once. What was removed from an exhibit (active content,
:mod:`procedure.pieces.nettoyage`), a repaired file and an electronically signed one (its signature
does not survive in the stamped copies: :mod:`procedure.pieces.signature`) are warnings naming it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from procedure.chemins import check_inside, resolved
from procedure.erreurs import ExhibitError, OutsideFolderError, file_problem
from procedure.modele import dossier as m
from procedure.modele.actions import AMICABLE, Action
from procedure.pieces.ouverture import open_exhibit
from procedure.texte_fr import date_fr

ORDER = {"contrat": 1, "bon-de-commande": 1, "devis": 1, "cgv": 2, "facture": 3, "livraison": 4,
         "correspondance": 5, "relance": 5, "avertissement": 5, "mise-en-demeure": 6, "accuse-reception": 7,
         "autre": 8, "": 8}
# exhibit categories (``pieces[].categorie``) in court order; a letter's category is its action
ORDER = {**ORDER, Action.COURRIEL: 5, Action.APPEL: 5, Action.PETITES_CREANCES: 6, Action.ACCORD_PAIEMENT: 5}
ANNEX_SUFFIXES = ("_decompte-annexe.pdf", "_releve-annexe.pdf")
LETTER_TITLES = {Action.RELANCE: "Lettre de relance", Action.AVERTISSEMENT: "Lettre d'avertissement",
                 Action.MISE_EN_DEMEURE: "Mise en demeure"}


CLEANED, STAMPED = "nettoyée", "tamponnée"  # Exhibit.etat


@dataclass
class Exhibit:
    numero: int
    titre: str
    date: date | None
    path: Path
    categorie: str
    pages: int = 0
    kind: str = ""  # pdf | image
    pdf: object = field(default=None, repr=False, compare=False)  # the opened pikepdf.Pdf
    sha256: str = ""
    # what has been done to ``pdf``: "" (opened), "nettoyée" (active content removed), "tamponnée"
    etat: str = field(default="", repr=False, compare=False)
    signatures: list[str] = field(default_factory=list)  # the file's signature fields, when signed


@dataclass
class Collected:
    exhibits: list[Exhibit]
    warnings: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(e.pages for e in self.exhibits)


def exhibit_name(numero: int, path: Path) -> str:
    """How a warning names an exhibit: « pièce n° 3 (contrat.pdf) »."""
    return f"pièce n° {numero} ({path.name})"


def collect(dossier: m.Dossier, before: date | None = None) -> Collected:
    """Every exhibit of the dossier, in court order, opened, checked and cleaned; all problems at once.

    ``dossier`` is its state (``procedure.etat.at``): the letters the tool produced (their PDF, when
    intact) and the proofs noted with ``procedure noter`` (an AR) come from its history."""
    from procedure.pieces.nettoyage import strip_active
    from procedure.pieces.signature import signature_fields, signed_by

    items: list[tuple[int, int, str, date | None, Path, str, str]] = []
    seq = 0
    for i, x in enumerate(dossier.pieces, start=1):
        seq += 1
        items.append((ORDER.get(x.categorie, 8), seq, x.titre, x.date, dossier.folder / x.fichier, x.categorie,
                      f"pieces[{i}].fichier"))
    for i, inv in enumerate(dossier.factures, start=1):
        if inv.piece:
            seq += 1
            items.append((ORDER["facture"], seq, f"Facture n° {inv.numero} du {date_fr(inv.date)}", inv.date,
                          dossier.folder / inv.piece, "facture", f"factures[{i}].piece"))
    warnings = []
    root = resolved(dossier.folder)  # once: every exhibit's path is checked against it
    for h in dossier.historique:
        if h.action not in AMICABLE or (before and h.date > before):
            continue
        for f in h.fichiers:
            if not f.proof and not f.path.endswith(".pdf"):
                continue  # the DOCX and e-mail of a letter: its PDF is the exhibit
            path = dossier.folder / f.path
            check_inside(dossier.folder, path, f"{dossier.folder / 'journal.yaml'}, fichier « {f.path} »", root)
            if not path.is_file():
                if f.proof:
                    warnings.append(f"{file_problem(path, 'pièce notée au journal')} : non jointe")
                continue
            if hashlib.sha256(path.read_bytes()).hexdigest() != f.sha256:
                warnings.append(f"{path} : modifié depuis son inscription au journal (empreinte différente) : "
                                "non joint")
                continue
            seq += 1
            if f.proof and h.action == Action.MISE_EN_DEMEURE:
                cat, titre = "accuse-reception", f"Avis de réception de la mise en demeure du {date_fr(h.date)}"
            else:
                cat, titre = str(h.action), f"{LETTER_TITLES.get(h.action, h.action.label)} du {date_fr(h.date)}"
                if f.path.endswith(ANNEX_SUFFIXES):  # the detailed décompte annexed to a long dossier's letter
                    titre = f"Décompte détaillé annexé à la lettre du {date_fr(h.date)}"
            items.append((ORDER.get(cat, 5), seq, titre, h.date, path, cat, "journal.yaml"))
    items.sort(key=lambda t: (t[0], t[1]))
    exhibits, problems = [], []
    for n, (_, _, titre, when, path, cat, label) in enumerate(items, start=1):
        try:
            if label != "journal.yaml":  # checked above, before reading its checksum
                check_inside(dossier.folder, path, f"{dossier.source}, {label}", root)
            kind, pdf, pages, data = open_exhibit(path, f"{dossier.source}, {label}")
        except (ExhibitError, OutsideFolderError) as exc:
            problems.append(str(exc))
            continue
        name = exhibit_name(n, path)
        if pdf.get_warnings():  # qpdf rebuilt what it could of a damaged file, as ``qpdf`` itself does
            warnings.append(f"{name} : PDF endommagé, réparé à l'ouverture : vérifiez que rien n'y manque")
        fields = signature_fields(pdf) if kind == "pdf" else []  # before cleaning: a signature field is a form's
        if fields:
            warnings.append(f"{name} : signée électroniquement ({signed_by(fields)}) : sa signature ne subsiste ni dans "
                            "le recueil ni dans la pièce tamponnée, qui en sont des copies ; conservez le fichier "
                            "d'origine signé, seul à en faire la preuve (le paquet du commissaire de justice le joint "
                            "tel quel)")
        warnings += [f"{name} : {removed}" for removed in strip_active(pdf)]
        exhibits.append(Exhibit(n, titre, when, path, cat, pages, kind, pdf, hashlib.sha256(data).hexdigest(), CLEANED,
                                fields))
    if problems:
        raise ExhibitError(problems[0] if len(problems) == 1 else
                           f"{len(problems)} pièces posent problème :\n" + "\n".join(f"  - {p}" for p in problems))
    return Collected(exhibits, warnings)
