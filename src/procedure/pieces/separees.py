"""Exhibits one file each, for the commissaire de justice: since 2022 he makes them available to the
debtor online one by one ("Mes Pièces"), so the packet carries each exhibit as its own PDF.

Each file is made like the bundle's part for that exhibit (``recueil.exhibit_pdf``): its pages carry
the same stamp "Pièce n° k — page i/n" as the printed bundle, and no active content: one numbering,
one look. The scanned title noted in the journal travels cleaned the same way (:func:`as_pdf`).

An electronically signed file (:mod:`procedure.pieces.signature`) would lose its signature in any
rewrite. A signed title travels as the court delivered it, byte for byte, when it carries nothing
active; one that does is refused: cleaned, it would be a title whose signature no longer verifies,
kept, a file the packet promises not to carry. A signed exhibit's original file travels beside its
stamped copy on the same terms (:func:`signed_original`).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import NamedTuple

from procedure.erreurs import ExhibitError
from procedure.pieces.recueil import Collected, Exhibit, exhibit_pdf, open_exhibit
from procedure.pieces.signature import signed_by, signature_fields


def split_bundle(bundle: bytes, collected: Collected) -> list[bytes]:
    """One PDF per exhibit, in the bundle's order: each stamped and cleaned exactly as in the
    bundle (``recueil.exhibit_pdf``), so the pages look the same in both."""
    return [exhibit_pdf(ex) for ex in collected.exhibits]


# what a catalog may hold for a title to travel as the court delivered it: nothing that acts
_PLAIN_CATALOG = frozenset({"/Type", "/Pages", "/Metadata", "/PageLabels", "/Lang", "/MarkInfo", "/StructTreeRoot",
                            "/ViewerPreferences", "/PageLayout", "/PageMode", "/Version", "/OutputIntents"})


class Proof(NamedTuple):
    """A proof as it travels: its bytes, what was removed from it, and its signature fields (when
    signed: ``data`` is then the file's own bytes)."""

    data: bytes
    removed: list[str]
    signatures: list[str]


def _carried(data: bytes) -> list[str]:
    """What a file kept as it is carries that cleaning would remove (its own copy searched)."""
    import pikepdf

    from procedure.pieces.nettoyage import find_active

    with pikepdf.open(io.BytesIO(data)) as copy:
        return find_active(copy)


def as_pdf(path: Path, label: str) -> Proof:
    """A proof noted in the journal (the scanned title) as a PDF, checked and cleaned like an
    exhibit, and what was removed from it. A file with nothing active and a plain catalog keeps
    its bytes (the title as the court delivered it); otherwise its cleaned pages alone go into a
    new PDF (the original's outline, names and attached files are left behind). A signed file
    keeps its bytes, or is refused (ExhibitError) when it carries anything active."""
    import pikepdf

    from procedure.pieces.nettoyage import strip_active
    from procedure.pieces.recueil import save

    kind, pdf, _, data = open_exhibit(path, label)
    if kind == "pdf" and (fields := signature_fields(pdf)):
        if carried := _carried(data):
            raise ExhibitError(
                f"{label} : {path} est signé électroniquement ({signed_by(fields)}) et contient aussi du contenu "
                f"actif : {' ; '.join(carried)}. Le nettoyer détruirait sa signature, le joindre tel quel ferait "
                "passer ce contenu : il n'est pas joint au paquet ; rien n'a été écrit. Demandez au greffe une copie "
                "signée sans contenu actif, ou notez une copie non signée (procedure noter DOSSIER ordonnance "
                "--fichier …)")
        return Proof(data, [], fields)
    plain = set(pdf.Root.keys()) <= _PLAIN_CATALOG
    removed = strip_active(pdf)
    if plain and not removed:
        return Proof(data, [], [])
    out = pikepdf.new()
    out.pages.extend(pdf.pages)
    return Proof(save(out, path.stem), removed, [])


def signed_original(exhibit: Exhibit) -> tuple[bytes | None, str]:
    """The original file of a signed exhibit, to travel as it is beside its stamped copy, or None
    and why not (changed since it was read, or carrying active content)."""
    name = f"pièce n° {exhibit.numero} ({exhibit.path.name})"
    try:
        data = exhibit.path.read_bytes()
    except OSError:
        data = b""
    if hashlib.sha256(data).hexdigest() != exhibit.sha256:
        return None, f"{name} : fichier d'origine signé non joint : modifié ou illisible depuis sa lecture"
    if carried := _carried(data):
        return None, (f"{name} : fichier d'origine signé non joint : il contient aussi du contenu actif "
                      f"({' ; '.join(carried)}) ; seule la copie tamponnée, nettoyée, est jointe")
    return data, ""
