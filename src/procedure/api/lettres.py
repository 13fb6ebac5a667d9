"""Letters (relance, avertissement, mise en demeure) and the décompte as a document.

Compute as of the document's date on the dossier's state that day, build the context once,
render each requested format, write all files or none, record them in the journal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from procedure import etat
from procedure.argent import format_eur
from procedure.api.commun import Produced, commit, locked, template_set
from procedure.contexte import lettres as wording
from procedure.contexte.annexe import DETAIL, TOTALS
from procedure.droit import statuts
from procedure.droit.decompte import compute
from procedure.erreurs import InputError, RefusalError
from procedure.modele import dossier as m
from procedure.modele.actions import LETTERS, Document
from procedure.rendu.documents import docx, html_pdf
from procedure.rendu.images import read_logo
from procedure.sortie.fichiers import output_name

def render(kind: Document, dossier: m.Dossier, when: date, formats: tuple[str, ...], templates,
           opts: wording.LetterOptions | None = None) -> tuple[list[tuple[str, str, bytes]], list[str]]:
    """Compute and render ``kind`` in memory, as the files ``(name, ext, data)`` of
    :func:`procedure.api.commun.commit` (a long dossier's letter comes with its annex), and its
    warnings; raise before anything is written."""
    kind = Document(kind)
    state = etat.at(dossier, when)
    d = compute(state, when)
    warnings = list(d.warnings)
    if kind in LETTERS:
        if d.total <= 0 and d.credit > 0:
            raise RefusalError(f"{dossier.source} : rien n'est dû au {when.isoformat()} : le débiteur est "
                               f"créditeur de {format_eur(d.credit)} (trop-perçu, payé au-delà du principal, des "
                               "intérêts et des indemnités) : aucune lettre produite")
        if d.total <= 0:
            raise RefusalError(f"{dossier.source} : rien n'est dû au {when.isoformat()} "
                               "(toutes les factures sont réglées ou non échues) : aucune lettre produite")
        if not any(s.facture.echeance < when and s.reste_du > 0 for s in d.lines):
            raise RefusalError(f"{dossier.source} : aucune facture n'est échue au {when.isoformat()} : "
                               "aucune lettre produite")
        warnings += statuts.check_letter(state, d)
        ladder = etat.ladder_warning(state.historique, kind.action, when)
        if ladder:
            warnings.append(ladder)
    logo, mime = read_logo(dossier)
    ctx = wording.build(kind, state, d, when, list(state.historique), opts, logo, mime)
    author = ctx["expediteur"]["nom"]
    files: dict[str, bytes] = {}
    annexed: list[tuple[str, str, bytes]] = []
    attachments = []
    if ctx["forme"] != DETAIL and kind == Document.DECOMPTE:
        return _long_statement(state, d, when, formats, templates, ctx, logo), warnings
    if ctx["forme"] != DETAIL:  # a long dossier: the letter refers to its annex, written with it
        from procedure.api import annexe

        annexed, ctx["annexe"], annex_pdf = annexe.render(kind, state, d, wording.claimed(kind, d, when), when,
                                                          ctx["pied"], author)
        attachments.append((output_name(when, dossier.reference, annexed[0][0], "pdf"), annex_pdf))
    pdf = None
    if "pdf" in formats or "eml" in formats:
        pdf = html_pdf(f"{kind}.html", ctx, templates, f"{ctx['document']['titre']} — {dossier.reference}", author)
        if "pdf" in formats:
            files["pdf"] = pdf
    if "docx" in formats:
        files["docx"] = docx(f"{kind}.docx", ctx, templates, logo)
    if "eml" in formats:
        from procedure.rendu.courriel import build_eml

        deb, writer = dossier.debiteur, ctx["expediteur"]  # the creditor, or its lawyer
        files["eml"] = build_eml(
            subject=f"{ctx['document']['objet']} — réf. {dossier.reference}",
            body=wording.plain_text(ctx), sender=(writer["nom"], writer["email"]), recipient=(deb.display_name, deb.email),
            when=when, attachments=[(output_name(when, dossier.reference, kind, "pdf"), pdf), *attachments])
    return [(kind, ext, data) for ext, data in files.items()] + annexed, warnings


def _long_statement(dossier: m.Dossier, d, when: date, formats: tuple[str, ...], templates, ctx: dict,
                   logo) -> list[tuple[str, str, bytes]]:
    """The décompte of a dossier too long for its template: the PDF drawn like an annex; the DOCX
    up to 200 invoices (beyond, a document of thousands of rows no word processor edits: the CSV
    of ``procedure decompte --format csv`` carries the same lines)."""
    from procedure.api.annexe import draw_statement

    if "docx" in formats and ctx["forme"] == TOTALS:
        raise InputError(f"{dossier.source} : le décompte de {len(d.lines)} factures n'est pas produit en DOCX (des "
                         "milliers de lignes qu'aucun traitement de texte ne manie) : --format pdf, ou "
                         "« procedure decompte --format csv » pour un tableur")
    out = []
    if "pdf" in formats:
        out.append((Document.DECOMPTE, "pdf", draw_statement(dossier, d, when, ctx["pied"], ctx["expediteur"]["nom"])))
    if "docx" in formats:
        out.append((Document.DECOMPTE, "docx", docx("decompte.docx", ctx, templates, logo)))
    return out


def produce(kind: Document | str, dossier: m.Dossier, when: date, formats: tuple[str, ...], out_dir: Path,
            replace: bool = False, templates: Path | None = None, delai: int | None = None,
            lrar: str = "") -> Produced:
    """Render, write every file atomically (or none), and record them in the journal. ``lrar``: the
    number of the registered letter a mise en demeure is sent by, printed on it and journaled."""
    kind = Document(kind)
    if "eml" in formats and kind not in (Document.RELANCE, Document.AVERTISSEMENT):
        raise InputError("le format eml n'existe que pour la relance et l'avertissement")
    lrar = " ".join(lrar.split())
    if lrar and kind != Document.MISE_EN_DEMEURE:
        raise InputError("le numéro de lettre recommandée ne s'emploie que pour la mise en demeure")
    delai = delai or dossier.delai_paiement_jours or wording.LetterOptions.delai_jours
    opts = wording.LetterOptions(delai_jours=delai, lrar=lrar)
    with locked(dossier):  # from reading the journal to recording the letter in it
        files, warnings = render(kind, dossier, when, tuple(formats), template_set(dossier, templates), opts)
        paths = commit(dossier, when, kind, files, out_dir, replace, lrar)
    return Produced(paths, warnings)
