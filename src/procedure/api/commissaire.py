"""``procedure commissaire``: the packet handed to a commissaire de justice (SPEC §5.3).

One ZIP recorded in the journal (action ``remise-commissaire``): ``manifest.json``; the fiche de
transmission (PDF and DOCX: instruction letter and mandate, debtor's sheet, history, décompte at the
date, what is enclosed); the décompte (PDF, and the JSON of ``procedure decompte --au``); the title when
the journal holds the ordonnance's copy (a signed one as it is: ``pieces.separees``); the requête and the
bordereau the tool produced; every exhibit as its own stamped PDF ``P<k>-<slug>.pdf`` in bordereau order,
a signed one followed by its original file ``P<k>-<slug>-original-signe.pdf``; the whole bundle for print.

Everything is read at the packet's date through ``etat.at``, so the manifest's ``decompte.total`` is
the total of ``procedure decompte --au`` that day. The ZIP is reproducible (``sortie.paquet``): the
packet of the same day, already in the journal when it is replaced, is left out of its own history.
"""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

from procedure import etat
from procedure.api.commun import Produced, commit
from procedure.argent import plain
from procedure.contexte import remise
from procedure.droit.decompte import compute
from procedure.droit.titre import interest_ahead
from procedure.erreurs import CourtError, RefusalError
from procedure.modele import dossier as m
from procedure.modele.actions import Action, Document
from procedure.rendu.documents import docx, html_pdf, templates_for
from procedure.sortie import paquet
from procedure.texte_fr import date_fr

TITLE_NAME = "titre-ordonnance.pdf"
FICHE = "fiche-de-transmission"
# how the manifest and the fiche name a signed file travelling as it is
SIGNED_TITLE = "signée électroniquement, fichier d'origine transmis inchangé (sa signature reste vérifiable)"
SIGNED_EXHIBIT = "fichier d'origine signé électroniquement, non tamponné (sa signature reste vérifiable)"


def history(state: m.Dossier, when: date) -> tuple[list[dict], list[str]]:
    """The dossier's history known at ``when`` as the manifest states it and as the fiche reads it
    (the packet of that day itself left out)."""
    data, lines = [], []
    for h in state.historique:
        if h.action == Action.REMISE_COMMISSAIRE and h.date == when:
            continue
        item = {"date": h.date.isoformat(), "action": str(h.action), "libelle": h.action.label}
        text = f"{date_fr(h.date)} — {h.action.label}"
        if received := etat.known_receipt(h, when):
            item["date_reception"] = received.isoformat()
            text += f", {h.action.agree('reçu')} le {date_fr(received)}"
        for key, label in (("numero", "n°"), ("lrar", "LRAR n°")):
            if getattr(h, key):
                item[key] = getattr(h, key)
                text += f" ({label} {getattr(h, key)})"
        if h.a_personne is not None:
            item["a_personne"] = h.a_personne
            text += "" if h.a_personne else " (autrement qu'à personne)"
        if h.frais is not None:
            item["frais"] = plain(h.frais)
        if h.note:
            item["note"] = h.note
            text += f" — {h.note}"
        data.append(item)
        lines.append(text)
    return data, lines


def _journal_file(state: m.Dossier, f: m.FileRecord, warnings: list[str]) -> Path | None:
    """A file the journal records, when it is inside the dossier (else refused: exit 2), still
    there and unchanged (its SHA-256 as recorded)."""
    from procedure.chemins import check_inside
    from procedure.erreurs import file_problem

    path = state.folder / f.path
    check_inside(state.folder, path, f"{state.folder / 'journal.yaml'}, fichier « {f.path} »")
    if not path.is_file():
        warnings.append(f"{file_problem(path, 'fichier inscrit au journal')} : non joint")
        return None
    if hashlib.sha256(path.read_bytes()).hexdigest() != f.sha256:
        warnings.append(f"{path} : modifié depuis son inscription au journal (empreinte différente) : non joint")
        return None
    return path


def _court_file(state: m.Dossier, warnings: list[str]) -> tuple[date | None, list[paquet.Entry]]:
    """The requête and the bordereau of the last requête the tool produced (its journal files)."""
    requests = [h for h in state.historique if h.action == Action.REQUETE and h.fichiers]
    if not requests:
        return None, []
    h = requests[-1]
    out = []
    for document, role, title in ((Document.REQUETE, "requete", "Requête en injonction de payer"),
                                  (Document.BORDEREAU, "bordereau", "Bordereau des pièces de la requête")):
        found = [f for f in h.fichiers if f.path.endswith(f"_{document}.pdf")]
        if found and (path := _journal_file(state, found[-1], warnings)):
            out.append(paquet.Entry(f"{role}.pdf", role, f"{title} du {date_fr(h.date)}", path.read_bytes()))
    return h.date, out


def _title_file(state: m.Dossier, d, warnings: list[str]) -> tuple[list[paquet.Entry], bool]:
    """The title's entry (none when no copy is noted) and whether it is signed (then its own bytes)."""
    from procedure.pieces.separees import as_pdf

    t = d.titre
    if t is None:
        return [], False
    for f in reversed(t.fichiers):
        if path := _journal_file(state, f, warnings):
            number = f" (n° {t.numero})" if t.numero else ""
            proof = as_pdf(path, f"{state.source}, journal.yaml (ordonnance)")
            warnings += [f"titre ({path.name}) : {r}" for r in proof.removed]
            signed = f" — {SIGNED_TITLE}" if proof.signatures else ""
            return [paquet.Entry(TITLE_NAME, "titre", f"Ordonnance portant injonction de payer du {date_fr(t.date)}"
                                 f"{number}{signed}", proof.data)], bool(proof.signatures)
    warnings.append("titre non joint : aucune copie de l'ordonnance n'est inscrite au journal (procedure noter DOSSIER "
                    "ordonnance --date … --numero … --fichier scan.pdf)")
    return [], False


def _exhibit_files(collected, stamped: list[bytes], warnings: list[str]) -> list[paquet.Entry]:
    """Each exhibit's stamped PDF, followed, for a signed one, by its original file as it is (its
    signature verifies there only) when it carries nothing active."""
    from procedure.pieces.separees import signed_original

    out = []
    for ex, pdf in zip(collected.exhibits, stamped):
        name = f"P{ex.numero}-{paquet.slug(ex.titre)}"
        out.append(paquet.Entry(f"{name}.pdf", "piece", ex.titre, pdf, ex.numero))
        if ex.signatures:
            original, why = signed_original(ex)
            if original is None:
                warnings.append(why)
                continue
            out.append(paquet.Entry(f"{name}-original-signe.pdf", "piece", f"{ex.titre} — {SIGNED_EXHIBIT}", original,
                                    ex.numero))
    return out


def _court_name(state: m.Dossier, on: date, warnings: list[str]) -> str:
    from procedure.droit.juridiction import resolve

    try:
        return resolve(state, compute(state, on).total, on).nom
    except CourtError as exc:
        warnings.append(f"juridiction du titre à compléter : {exc}")
        return state.juridiction or ""


def produce(dossier: m.Dossier, when: date, out_dir: Path, replace: bool = False,
            templates: Path | None = None) -> Produced:
    """Build the packet in memory, write the ZIP (or nothing) and record it in the journal."""
    from procedure.api import decompte as data
    from procedure.api.lettres import render as render_letter
    from procedure.api.pieces import render as render_exhibits
    from procedure.pieces.recueil import dated
    from procedure.pieces.separees import split_bundle

    state = etat.at(dossier, when)
    d = compute(state, when)
    warnings = list(d.warnings)
    if state.debiteur.is_public or state.debiteur.procedure_collective:
        why = ("débiteur public : pas de voies d'exécution du droit privé contre une personne publique" if
               state.debiteur.is_public else "débiteur en procédure collective : les poursuites individuelles sont "
               "interdites (C. com., art. L622-21) ; déclarez la créance au mandataire judiciaire")
        raise RefusalError(f"{dossier.source} : {why} : aucune remise au commissaire de justice")
    if d.total <= 0:
        raise RefusalError(f"{dossier.source} : rien n'est dû au {when.isoformat()} : aucune remise au commissaire de "
                           "justice")
    tset = templates_for(dossier, templates)
    ahead = interest_ahead(d)
    warnings += ahead.warnings
    filed, court_files = _court_file(state, warnings)
    issued_on = (filed or d.titre.date) if d.titre else None  # the court the requête went to issued the title
    court = _court_name(etat.at(dossier, issued_on), issued_on, warnings) if issued_on else ""
    # the exhibits as the requête's bordereau numbered them, else as known today
    exhibits_on = filed or when
    moment = paquet.stamp(when, os.environ.get("SOURCE_DATE_EPOCH", ""))
    with dated(moment):  # the PDFs carry the packet's moment, not the time of the run
        title_files, title_signed = _title_file(state, d, warnings)  # a title cleaned of active content is a new PDF
        # the bordereau names the court of the requête, else the court that would be seized (as « procedure pieces »)
        bundle_files, collected, more = render_exhibits(etat.at(dossier, exhibits_on), exhibits_on, ("pdf",), tset,
                                                        court or _court_name(state, when, []))
        bundle = next(b for kind, _, b in bundle_files if kind == Document.PIECES)
        pieces = _exhibit_files(collected, split_bundle(bundle, collected), more)
    warnings += more
    letter_files, _ = render_letter(Document.DECOMPTE, dossier, when, ("pdf",), tset)
    statement = next(data for _, ext, data in letter_files if ext == "pdf")
    others = [paquet.Entry("decompte.pdf", "decompte", f"Décompte de la créance au {date_fr(when)}", statement),
              paquet.Entry("decompte.json", "decompte", "Le même décompte en données structurées (JSON), pour le logiciel "
                           "de l'étude", data.to_json(d).encode("utf-8")),
              *title_files, *court_files, *pieces,
              paquet.Entry("recueil-pieces.pdf", "piece", "Recueil des pièces (bordereau et pièces tamponnées), pour "
                           "impression", bundle)]
    rows, lines = history(state, when)
    enclosed = [remise.Enclosed(f"{FICHE}.pdf", "Fiche de transmission et mandat (à signer)", None),
                remise.Enclosed(f"{FICHE}.docx", "La même, modifiable", None)]
    enclosed += [remise.Enclosed(e.nom, e.titre, e.pages) for e in others]
    serve_before = None
    if d.titre and d.titre.signification is None:
        from procedure.droit.injonction import follow_up

        ends = {e["cle"]: e["date"] for e in follow_up(state)["echeances"]}
        serve_before = date.fromisoformat(ends["signifier_avant"]) if ends.get("signifier_avant") else None
    ctx = remise.build(state, d, when, court, lines, ahead, enclosed, bool(title_files), serve_before, title_signed)
    author = dossier.creancier.display_name
    fiche = [paquet.Entry(f"{FICHE}.pdf", "fiche", "Fiche de transmission et mandat de recouvrement",
                          html_pdf(f"{FICHE}.html", ctx, tset, f"Fiche de transmission — {dossier.reference}", author)),
             paquet.Entry(f"{FICHE}.docx", "fiche", "Fiche de transmission et mandat de recouvrement (modifiable)",
                          paquet.pin_docx(docx(f"{FICHE}.docx", ctx, tset), moment))]
    entries = fiche + others
    title = None
    if d.titre:
        t = d.titre
        title = {"nature": "ordonnance-injonction-de-payer", "juridiction": court, "date": t.date.isoformat(),
                 "numero": t.numero, "signification": t.signification.isoformat() if t.signification else None}
    manifest = paquet.manifest(state, when, title, paquet.statement_data(d, ahead.par_jour), rows, entries)
    archive = paquet.zip_bytes(manifest, entries, moment)
    paths = commit(dossier, when, Document.REMISE_COMMISSAIRE, [(Document.REMISE_COMMISSAIRE, "zip", archive)],
                   out_dir, replace)
    return Produced(paths, warnings)
