"""Producing documents: compute as of the document's date, build the context once, render each
requested format, write all files or none, record them in the journal."""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from procedure import context as ctxmod
from procedure import journal
from procedure import model as m
from procedure.errors import InputError, RefusalError
from procedure.files import output_name, write_all
from procedure.law.decompte import Decompte, compute
from procedure.money import format_eur
from procedure.render.templates import TemplateSet, template_error

FORMATS = ("pdf", "docx", "eml")
MAX_LOGO_BYTES = 5 * 1024 * 1024


@dataclass
class Rendered:
    """A document in memory, before it is written."""

    kind: str
    decompte: Decompte
    context: dict
    files: dict[str, bytes]  # extension -> content


def read_logo(dossier: m.Dossier) -> tuple[bytes | None, str]:
    """The creditor's logo, checked and re-encoded as PNG (so that nothing else is embedded)."""
    path = dossier.creancier.logo
    if path is None:
        return None, ""
    where = f"{dossier.source}, champ « creancier.logo »"
    if not path.is_file():
        raise InputError(f"{where} : fichier introuvable : {path}")
    if path.stat().st_size > MAX_LOGO_BYTES:
        raise InputError(f"{where} : image trop lourde (plus de 5 Mo) : {path}")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            if img.format not in ("PNG", "JPEG"):
                raise InputError(f"{where} : format {img.format} non pris en charge (PNG ou JPEG) : {path}")
            img.load()
            out = io.BytesIO()
            img.convert("RGBA" if img.mode in ("RGBA", "LA", "P") else "RGB").save(out, "PNG")
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(f"{where} : image illisible ({exc.__class__.__name__}) : {path}") from None
    return out.getvalue(), "image/png"


def templates_for(dossier: m.Dossier, custom: Path | None) -> TemplateSet:
    return TemplateSet(custom or dossier.modeles)


def render(kind: str, dossier: m.Dossier, letter_date: date, formats: tuple[str, ...],
           templates: TemplateSet, opts: ctxmod.LetterOptions | None = None) -> Rendered:
    """Compute and render ``kind`` in memory; raise before anything is written."""
    history = journal.merged_history(dossier, before=letter_date)
    # what was sent before the letter counts (a mise en demeure starts interest for a consumer)
    as_sent = dataclasses.replace(dossier, historique=history)
    d = compute(as_sent, letter_date)
    if kind in ctxmod.LETTERS and d.total <= 0 and d.credit > 0:
        raise RefusalError(f"{dossier.source} : rien n'est dû au {letter_date.isoformat()} : le débiteur est "
                           f"créditeur de {format_eur(d.credit)} (trop-perçu, payé au-delà du principal, des "
                           "intérêts et des indemnités) : aucune lettre produite")
    if kind in ctxmod.LETTERS and d.total <= 0:
        raise RefusalError(f"{dossier.source} : rien n'est dû au {letter_date.isoformat()} "
                           "(toutes les factures sont réglées ou non échues) : aucune lettre produite")
    if kind in ctxmod.LETTERS and not any(s.facture.echeance < letter_date and s.reste_du > 0 for s in d.lines):
        raise RefusalError(f"{dossier.source} : aucune facture n'est échue au {letter_date.isoformat()} : "
                           "aucune lettre produite")
    logo, mime = read_logo(dossier)
    ctx = ctxmod.build(kind, dossier, d, letter_date, list(history), opts, logo, mime)
    files: dict[str, bytes] = {}
    pdf = None
    if "pdf" in formats or "eml" in formats:
        pdf = _html_pdf(f"{kind}.html", ctx, templates, f"{ctx['document']['titre']} — {dossier.reference}",
                        dossier.creancier.display_name)
        if "pdf" in formats:
            files["pdf"] = pdf
    if "docx" in formats:
        files["docx"] = _docx(f"{kind}.docx", ctx, templates, logo)
    if "eml" in formats:
        from procedure.render.eml import build_eml

        cr, deb = dossier.creancier, dossier.debiteur
        files["eml"] = build_eml(
            subject=f"{ctx['document']['objet']} — réf. {dossier.reference}",
            body=ctxmod.plain_text(ctx), sender=(cr.display_name, cr.email), recipient=(deb.display_name, deb.email),
            when=letter_date, attachment=pdf, filename=output_name(letter_date, dossier.reference, kind, "pdf"))
    return Rendered(kind, d, ctx, files)


@dataclass
class Produced:
    paths: list[Path]
    warnings: list[str]


def produce(kind: str, dossier: m.Dossier, letter_date: date, formats: tuple[str, ...], out_dir: Path,
            replace: bool = False, custom_templates: Path | None = None,
            opts: ctxmod.LetterOptions | None = None) -> Produced:
    """Render, write every file atomically (or none), and record them in the journal."""
    if "eml" in formats and kind not in (ctxmod.RELANCE, ctxmod.AVERTISSEMENT):
        raise InputError("le format eml n'existe que pour la relance et l'avertissement")
    if opts is None and dossier.delai_paiement_jours:
        opts = ctxmod.LetterOptions(delai_jours=dossier.delai_paiement_jours)
    rendered = render(kind, dossier, letter_date, formats, templates_for(dossier, custom_templates), opts)
    outputs = [(out_dir / output_name(letter_date, dossier.reference, kind, ext), data)
               for ext, data in rendered.files.items()]
    paths = write_all(outputs, replace=replace)
    journal.record(dossier.folder, letter_date, kind, paths)
    return Produced(paths, list(rendered.decompte.warnings))


def _html_pdf(name: str, ctx: dict, templates: TemplateSet, title: str, author: str) -> bytes:
    from procedure.render.pdf import render_pdf

    try:
        html = templates.env.get_template(name).render(ctx)
    except Exception as exc:  # syntax error, undefined value, sandbox refusal...
        raise template_error(name, exc) from None
    return render_pdf(html, templates, title=title, author=author)


def _docx(name: str, ctx: dict, templates: TemplateSet, logo: bytes | None = None) -> bytes:
    from procedure.render.docx import render_docx

    return render_docx(name, ctx, templates, logo)


def without_first_page(pdf: bytes, title: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf)).pages[1:]:
        writer.add_page(page)
    writer.add_metadata({"/Title": title, "/Producer": "procedure"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def check_claimable(dossier: m.Dossier, d: Decompte, when: date) -> list[str]:
    """Refuse what a judge would refuse; return the warnings."""
    from procedure.law.checks import prescription_assumption, prescription_dates, prescription_years

    if dossier.debiteur.procedure_collective:
        raise RefusalError(f"{dossier.source} : débiteur en procédure collective : aucune requête en injonction de "
                           "payer n'est recevable (C. com., art. L622-21) ; déclarez la créance au mandataire "
                           "judiciaire (C. com., art. L622-24)")
    owed = [s for s in d.lines if s.reste_du > 0 and s.facture.echeance < when]
    if not owed and d.total <= 0 and d.credit > 0:
        raise RefusalError(f"{dossier.source} : rien n'est dû au {when.isoformat()} : le débiteur est créditeur de "
                           f"{format_eur(d.credit)} (trop-perçu, payé au-delà du principal, des intérêts et des "
                           "indemnités) : aucune requête produite")
    if not owed:
        raise RefusalError(f"{dossier.source} : rien n'est dû et échu au {when.isoformat()} : aucune requête produite")
    years, article = prescription_years(dossier)
    owed_numbers = {s.facture.numero for s in owed}
    late = {n: end for n, (_, end) in prescription_dates(dossier, d).items() if end <= when and n in owed_numbers}
    # against a consumer the period runs from the execution date; when unknown, the due date is assumed
    assumed = {s.facture.numero: a for s in owed if (a := prescription_assumption(dossier, s.facture))}
    if late:
        prescribed = [f"{n} (prescrite le {end.isoformat()})" for n, end in late.items()]
        raise RefusalError(f"{dossier.source} : créance prescrite ({years} ans, {article}) pour : "
                           f"{', '.join(prescribed)} ; retirez ces factures du dossier avant de saisir le juge"
                           + "".join(f" ; {assumed[n]}" for n in late if n in assumed))
    warnings = list(assumed.values())
    if not any(h.action == m.MISE_EN_DEMEURE for h in dossier.historique):
        warnings.append("aucune mise en demeure n'a été envoyée : le juge peut en tenir compte (et, contre un "
                        "particulier, aucun intérêt n'a couru) ; envisagez « procedure mise-en-demeure » d'abord")
    return warnings


def produce_court_file(dossier: m.Dossier, filing_date: date, formats: tuple[str, ...], out_dir: Path,
                       replace: bool = False, custom_templates: Path | None = None, requete: bool = True,
                       renvoi_1408: bool = False) -> Produced:
    """The requête (PDF/DOCX), the bordereau (PDF/DOCX) and the bundle of exhibits (PDF), or, with
    ``requete=False``, the bordereau and the bundle alone. Everything is checked and rendered in
    memory first: a bad exhibit or a refusal leaves nothing behind."""
    from datetime import timedelta

    from procedure.errors import CourtError
    from procedure.exhibits import build_bundle, collect
    from procedure.law.courts import resolve

    templates = templates_for(dossier, custom_templates)
    entries = journal.read(dossier.folder)
    history = journal.merged_history(dossier, before=filing_date + timedelta(days=1), entries=entries)
    as_sent = dataclasses.replace(dossier, historique=history)
    d = compute(as_sent, filing_date)
    warnings = list(d.warnings)
    if requete:
        warnings += check_claimable(as_sent, d, filing_date)
        court = resolve(dossier, d.total)
    else:
        try:
            court = resolve(dossier, d.total)
        except CourtError:
            court = None
    if court is not None:
        warnings += court.avertissements
    court_name = court.nom if court else (dossier.juridiction or "")
    collected = collect(dossier, before=filing_date, entries=entries)
    warnings += collected.warnings
    author = dossier.creancier.display_name
    outputs: list[tuple[str, str, bytes]] = []  # (document, ext, data)
    if requete:
        ctx, missing = ctxmod.build_requete(as_sent, d, court, filing_date, list(history), collected.exhibits,
                                            renvoi_1408)
        warnings += [f"à compléter sur la requête : {x}" for x in missing]
        if "pdf" in formats:
            outputs.append(("requete-injonction", "pdf", _html_pdf("injonction.html", ctx, templates,
                                                                   f"Requête en injonction de payer — {dossier.reference}",
                                                                   author)))
        if "docx" in formats:
            outputs.append(("requete-injonction", "docx", _docx("injonction.docx", ctx, templates)))
    bctx = ctxmod.build_bordereau(dossier, court_name, filing_date, collected.exhibits, collected.pages, cover=True)
    # one layout serves both: the bundle's front matter (cover + bordereau) and, less its cover
    # page, the bordereau on its own (WeasyPrint's table layout is the slow part of a large bundle)
    front = _html_pdf("bordereau.html", bctx, templates, f"Pièces — {dossier.reference}", author)
    if "pdf" in formats:
        outputs.append(("bordereau", "pdf", without_first_page(front, f"Bordereau de pièces — {dossier.reference}")))
    if "docx" in formats:
        outputs.append(("bordereau", "docx", _docx("bordereau.docx", {**bctx, "couverture": False}, templates)))
    outputs.append(("pieces", "pdf", build_bundle(front, collected, f"Pièces — {dossier.reference}")))
    files = [(out_dir / output_name(filing_date, dossier.reference, doc, ext), data) for doc, ext, data in outputs]
    paths = write_all(files, replace=replace)
    journal.record(dossier.folder, filing_date, "requete-injonction" if requete else "pieces", paths)
    return Produced(paths, warnings)
