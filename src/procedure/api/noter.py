"""``procedure noter``: record an event in the journal (never in ``dossier.yaml``).

The event joins the dossier's history (``procedure.etat``): a receipt noted for a mise en
demeure the tool produced completes that letter; an ordonnance and its signification start the
time limits of ``suivi`` and the agenda. A proof (``--fichier``: a scanned AR, the title) is copied
into the dossier unless it is already inside, so that the folder stays whole and relocatable.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from procedure import etat, limites
from procedure.chemins import check_inside, is_inside
from procedure.erreurs import InputError
from procedure.modele import dossier as m
from procedure.modele.actions import Action
from procedure.sortie import journal, transaction, verrou
from procedure.sortie.fichiers import safe_part

PROOFS_FOLDER = "pieces/journal"


@dataclass(frozen=True)
class Event:
    """What the user asks to record (the command line's options)."""

    action: str
    date: date | None = None
    reception: date | None = None
    lrar: str = ""
    fichier: Path | None = None
    numero: str = ""
    frais: Decimal | None = None
    a_personne: bool | None = None
    note: str = ""


def _action(text: str) -> Action:
    try:
        return Action.parse(text)
    except ValueError:
        close = difflib.get_close_matches(text, [str(a) for a in Action], n=1)
        hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
        raise InputError(f"action inconnue « {text} » (permises : {', '.join(Action)}){hint}") from None


def _proof(dossier: m.Dossier, source: Path, when: date, action: Action) -> tuple[m.FileRecord, bytes | None, Path]:
    """The file's record, and its bytes when it must be copied into the dossier: a file outside
    (or a link inside that leads out: its content) is copied in, the user's explicit act."""
    if not source.is_file():
        raise InputError(f"--fichier {source} : " + ("fichier introuvable" if not source.exists()
                                                       else "n'est pas un fichier"))
    if source.stat().st_size > limites.MAX_EXHIBIT_BYTES:  # it becomes an exhibit: the same bound
        raise InputError(f"--fichier {source} : fichier trop lourd (plus de {limites.MAX_EXHIBIT_BYTES // limites.MIB} Mio)")
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    folder = dossier.folder.resolve()
    if is_inside(folder, source):
        rel = source.resolve().relative_to(folder).as_posix()
        return m.FileRecord(rel, digest, proof=True), None, folder / rel
    name = f"{when.isoformat()}_{action}_{safe_part(source.stem)}{source.suffix.lower()}"
    target = folder / PROOFS_FOLDER / name
    check_inside(folder, folder / PROOFS_FOLDER, f"--fichier {source} : copie vers {folder / PROOFS_FOLDER}")  # lands inside
    n = 1
    while target.exists():
        if not target.is_symlink() and hashlib.sha256(target.read_bytes()).hexdigest() == digest:
            return m.FileRecord(target.relative_to(folder).as_posix(), digest, proof=True), None, target
        n += 1
        target = target.with_name(f"{when.isoformat()}_{action}_{safe_part(source.stem)}-{n}{source.suffix.lower()}")
    return m.FileRecord(target.relative_to(folder).as_posix(), digest, proof=True), data, target


def record(dossier: m.Dossier, event: Event, today: date) -> tuple[journal.JournalEntry, list[str], list[str]]:
    """Check the event against the dossier's history, copy its proof, append it to the journal,
    as one step under the dossier's lock; return the entry, the lines that say what was recorded and
    the warnings (a letter lower on the ladder than one already sent, as when it is produced)."""
    with verrou.locked(dossier.folder):
        history = etat.history(dossier)
        entry, records = _record(dossier, event, today)
    ladder = etat.ladder_warning(history, entry.action, entry.date, verb="inscrit")
    return entry, _said(dossier, entry, records), [ladder] if ladder else []


def _record(dossier: m.Dossier, event: Event, today: date) -> tuple[journal.JournalEntry, tuple[m.FileRecord, ...]]:
    from procedure.texte_fr import date_fr

    action = _action(event.action)
    where = dossier.folder / journal.JOURNAL_FILE
    history = etat.history(dossier)
    etat.check_chronology(history, where)
    when = event.date
    if when is None and event.reception is not None:
        earlier = [h for h in history if h.action == action]
        if not earlier:
            raise InputError(f"aucune « {action} » inscrite au dossier : précisez sa date d'envoi (--date)")
        when = earlier[-1].date
    when = when or today
    for label, value in (("--date", when), ("--reception", event.reception)):
        if value is not None and value > today:
            raise InputError(f"{label} {value.isoformat()} : date future (nous sommes le {today.isoformat()})")
    if event.a_personne is not None and action != Action.SIGNIFICATION:
        raise InputError("--pas-a-personne ne s'emploie qu'avec l'action « signification »")
    new = m.HistoryEntry(date=when, action=action, date_reception=event.reception, lrar=event.lrar,
                         numero=event.numero, frais=event.frais, a_personne=event.a_personne, note=event.note)
    etat.check_chronology(history, where, new=new)
    etat.check_chronology((*history, new), where)  # nor may an event already noted rely on it
    same = [h for h in history if h.action == action and h.date == when]
    if same and event.reception and same[0].date_reception and same[0].date_reception != event.reception:
        raise InputError(f"{where} : {action.label.lower()} du {date_fr(when)} déjà {action.agree('noté')} "
                         f"{action.agree('reçu')} le {date_fr(same[0].date_reception)}")
    files: list[tuple[Path, bytes]] = []
    records: tuple[m.FileRecord, ...] = ()
    if event.fichier is not None:
        rec, data, target = _proof(dossier, event.fichier, when, action)
        records = (rec,)
        if data is not None:
            files.append((target, data))
    entry = journal.JournalEntry(when, action, fichiers=records, date_reception=event.reception, lrar=event.lrar,
                                 numero=event.numero, frais=event.frais, a_personne=event.a_personne,
                                 note=event.note, enregistre_le=journal.now_stamp())
    duplicate = [e for e in journal.read(dossier.folder) if e.action == action and e.date == when and not e.document
                 and (e.date_reception, e.lrar, e.numero, e.frais, e.a_personne, e.note, e.fichiers) ==
                 (entry.date_reception, entry.lrar, entry.numero, entry.frais, entry.a_personne, entry.note, records)]
    if duplicate:
        raise InputError(f"{where} : cet événement est déjà inscrit ({action}, {when.isoformat()}) : "
                         "rien n'a été ajouté")
    transaction.commit(dossier.folder, files, entry)
    return entry, records


def _said(dossier: m.Dossier, entry: journal.JournalEntry, records: tuple[m.FileRecord, ...]) -> list[str]:
    from procedure.texte_fr import date_fr

    action = entry.action
    said = [f"{dossier.reference} : {action.label.lower()} du {date_fr(entry.date)} {action.agree('inscrit')} au journal"]
    if entry.date_reception:
        said.append(f"  {action.agree('reçu')} le {date_fr(entry.date_reception)}")
    if entry.lrar:
        said.append(f"  lettre recommandée n° {entry.lrar}")
    if entry.numero:
        said.append(f"  numéro : {entry.numero}")
    if entry.frais is not None:
        from procedure.argent import format_eur

        said.append(f"  frais : {format_eur(entry.frais)}")
    if entry.a_personne is False:
        said.append("  signification faite autrement qu'à personne")
    for rec in records:
        said.append(f"  pièce : {rec.path}")
    return said
