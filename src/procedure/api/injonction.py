"""The requête en injonction de payer with its bordereau and bundle; the competent court."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from procedure import etat
from procedure.api import pieces
from procedure.api.commun import Produced, commit, locked, template_set
from procedure.contexte import requete
from procedure.contexte.annexe import DETAIL
from procedure.contexte.lettres import claimed
from procedure.droit import statuts
from procedure.droit.decompte import compute
from procedure.droit.injonction import check_claimable
from procedure.modele import dossier as m
from procedure.modele.actions import Action, Document
from procedure.rendu.documents import docx, html_pdf


def court(dossier: m.Dossier, au: date):
    """The court for a requête, with the reasons (CPC 1406)."""
    from procedure.droit.juridiction import resolve

    state = etat.at(dossier, au)
    return resolve(state, compute(state, au).total, au)


def produce(dossier: m.Dossier, when: date, formats: tuple[str, ...], out_dir: Path, replace: bool = False,
            templates: Path | None = None, renvoi_1408: bool = False, dispute_examined: bool = False) -> Produced:
    """The requête (PDF/DOCX), the bordereau (PDF/DOCX) and the bundle (PDF). Everything is checked
    and rendered in memory first: a refusal or a bad exhibit leaves nothing behind. A contested
    invoice (``factures[].statut``) is refused unless ``dispute_examined``."""
    from procedure.droit.juridiction import resolve

    with locked(dossier):  # from reading the journal to recording the requête in it
        state = etat.at(dossier, when)
        d = compute(state, when)
        warnings = list(d.warnings) + check_claimable(state, d, when)
        warnings += statuts.check_filing(state, d, Action.REQUETE, dispute_examined)
        tribunal = resolve(state, d.total, when)
        warnings += tribunal.avertissements
        tset = template_set(dossier, templates)
        files, collected, more = pieces.render(state, when, formats, tset, tribunal.nom)
        warnings += more
        ctx, missing = requete.build(state, d, tribunal, when, list(state.historique), collected.exhibits, renvoi_1408)
        warnings += [f"à compléter sur la requête : {x}" for x in missing]
        author = dossier.creancier.display_name
        front, annexed = [], []
        if ctx["forme"] != DETAIL:  # a long dossier: the detailed décompte in a separate annex, filed with it
            from procedure.api import annexe

            annexed, ctx["annexe"], _ = annexe.render(Document.REQUETE, state, d, claimed(Document.REQUETE, d, when), when,
                                                    ctx["pied"], author)
        if "pdf" in formats:
            front.append((Document.REQUETE, "pdf", html_pdf("injonction.html", ctx, tset,
                                                             f"Requête en injonction de payer — {dossier.reference}", author)))
        if "docx" in formats:
            front.append((Document.REQUETE, "docx", docx("injonction.docx", ctx, tset)))
        paths = commit(dossier, when, Document.REQUETE, front + annexed + files, out_dir, replace)
    return Produced(paths, warnings)
