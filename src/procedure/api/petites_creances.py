"""``procedure petites-creances``: the request to a commissaire de justice to run the procédure simplifiée
de recouvrement des petites créances (CPCE L125-1, R125-1 to R125-8), in PDF and DOCX, recorded in the
journal (action ``petites-creances``): ``etat`` and the agenda then show the month the debtor has.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from procedure import etat
from procedure.api.commun import Produced, commit
from procedure.contexte import petites_creances as wording
from procedure.droit import statuts
from procedure.droit.decompte import compute
from procedure.droit.petites_creances import area, check_eligible, indemnity_reading
from procedure.modele import dossier as m
from procedure.modele.actions import Action, Document
from procedure.rendu.documents import docx, html_pdf, templates_for

TEMPLATE = "petites-creances"


def produce(dossier: m.Dossier, when: date, formats: tuple[str, ...], out_dir: Path, replace: bool = False,
            templates: Path | None = None, echeancier: int | None = None, dispute_examined: bool = False) -> Produced:
    """Check the eligibility at ``when`` (exit 2 with the figure otherwise), render, write, record. A
    contested invoice (``factures[].statut``) is refused unless ``dispute_examined``."""
    from procedure.pieces.recueil import collect

    state = etat.at(dossier, when)
    d = compute(state, when)
    claim = check_eligible(state, d, when)
    zone = area(state)
    warnings = list(d.warnings) + statuts.check_filing(state, d, Action.PETITES_CREANCES, dispute_examined)
    if reading := indemnity_reading(claim):
        warnings.append(reading)
    if ladder := etat.ladder_warning(state.historique, Action.PETITES_CREANCES, when):
        warnings.append(ladder)
    collected = collect(state, before=when)
    warnings += collected.warnings
    ctx = wording.build(state, d, claim, zone, when, collected.exhibits, echeancier)
    tset = templates_for(dossier, templates)
    files = []
    if "pdf" in formats:
        files.append((Document.PETITES_CREANCES, "pdf", html_pdf(f"{TEMPLATE}.html", ctx, tset, f"{ctx['document']['titre']}"
                                                                f" — {dossier.reference}", dossier.creancier.display_name)))
    if "docx" in formats:
        files.append((Document.PETITES_CREANCES, "docx", docx(f"{TEMPLATE}.docx", ctx, tset)))
    paths = commit(dossier, when, Document.PETITES_CREANCES, files, out_dir, replace)
    return Produced(paths, warnings)
