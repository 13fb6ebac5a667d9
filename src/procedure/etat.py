"""A dossier's state at a date: ``dossier.yaml``'s ``historique`` and the journal, as one history.

Every command reads a dossier through :func:`at` (SPEC §5.1): the décompte in every format,
``verifier``, the letters, the requête, the bordereau, ``suivi``, ``etat`` and the agenda. So a
mise en demeure produced by the tool and recorded in the journal counts exactly as one written in
``historique``, and a document dated D never cites what happened after D (an event dated after D
is left out; a receipt dated after D is not known yet).

Events with the same date and action are one event: the letter the tool produced and the receipt
noted later with ``procedure noter`` merge. The dossier's own values come first.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from procedure.erreurs import InputError
from procedure.modele import dossier as m
from procedure.modele.actions import LADDER, RELIES_ON, REQUIRED, Action, rank
from procedure.sortie import journal


class ChronologyError(InputError):
    """An event dated before what it relies on."""


def _from_journal(e: journal.JournalEntry, superseded: frozenset[str] = frozenset()) -> m.HistoryEntry:
    inside = tuple(dataclasses.replace(f, proof=not e.document) for f in e.fichiers
                   if journal.is_inside(f.path) and f.path not in superseded)
    return m.HistoryEntry(date=e.date, action=e.action, date_reception=e.date_reception, note=e.note,
                          numero=e.numero, a_personne=e.a_personne, lrar=e.lrar, frais=e.frais, fichiers=inside,
                          document=e.document, origine="journal")


def _merge(a: m.HistoryEntry, b: m.HistoryEntry) -> m.HistoryEntry:
    """``a`` completed by ``b`` (a's values win)."""
    changes = {}
    for f in ("date_reception", "note", "numero", "a_personne", "lrar", "frais", "document"):
        if getattr(a, f) in (None, "") and getattr(b, f) not in (None, ""):
            changes[f] = getattr(b, f)
    if b.fichiers:
        changes["fichiers"] = a.fichiers + tuple(f for f in b.fichiers if f not in a.fichiers)
    return dataclasses.replace(a, **changes) if changes else a


def history(dossier: m.Dossier, entries: list[journal.JournalEntry] | None = None,
            au: date | None = None) -> tuple[m.HistoryEntry, ...]:
    """The whole history, oldest first; at ``au``, as it was known that day."""
    if entries is None:
        entries = journal.read(dossier.folder)
    merged: dict[tuple[date, Action], m.HistoryEntry] = {}
    order: list[tuple[date, Action]] = []
    # a file replaced later (--remplacer) is the later entry's: the earlier record stays in the
    # journal as proof of what was sent, but is no longer this event's file
    replaced_by = {f.path: i for i, e in enumerate(entries) for f in e.remplace}
    from_journal = [_from_journal(e, frozenset(f.path for f in e.fichiers if replaced_by.get(f.path, -1) > i))
                    for i, e in enumerate(entries) if e.action is not None]
    for h in [*dossier.historique, *from_journal]:
        key = (h.date, h.action)
        if key in merged:
            merged[key] = _merge(merged[key], h)
        else:
            merged[key] = h
            order.append(key)
    out = [merged[k] for k in order]
    if au is not None:
        # an event after ``au`` did not happen yet; a receipt after ``au`` is kept, so that a letter
        # sent but not yet received has not taken effect (C. civ. 1344), but no document dated
        # ``au`` cites it (see ``known_receipt``)
        out = [h for h in out if h.date <= au]
    out.sort(key=lambda h: (h.date, rank(h.action)))
    return tuple(out)


def at(dossier: m.Dossier, au: date | None, entries: list[journal.JournalEntry] | None = None) -> m.Dossier:
    """The dossier as it stood at ``au`` (``None``: everything known), its history checked."""
    full = history(dossier, entries)
    check_chronology(full, dossier.folder / journal.JOURNAL_FILE)
    known = full if au is None else history(dossier, entries, au)
    return dataclasses.replace(dossier, historique=known)


def check_chronology(events: tuple[m.HistoryEntry, ...] | list[m.HistoryEntry], where: Path | str,
                     new: m.HistoryEntry | None = None) -> None:
    """Refuse an event dated before what it relies on (exit 2, both dates named).

    With ``new``, only that event is checked against ``events`` (``procedure noter``)."""
    from procedure.texte_fr import date_fr

    def check_one(h: m.HistoryEntry, others) -> None:
        if h.date_reception and h.date_reception < h.date:
            raise ChronologyError(f"{where} : {h.action.label.lower()} : la réception (le {date_fr(h.date_reception)}) "
                                  f"précède l'envoi (le {date_fr(h.date)})")
        for needed in RELIES_ON.get(h.action, ()):
            earlier = [o for o in others if o.action == needed]
            if earlier:
                first = min(earlier, key=lambda o: o.date)
                if h.date < first.date:
                    raise ChronologyError(
                        f"{where} : {h.action.label.lower()} du {date_fr(h.date)} {h.action.agree('antérieur')} à "
                        f"« {needed.label.lower()} » du {date_fr(first.date)} : chronologie impossible")
                break
        required = REQUIRED.get(h.action)
        if required and not any(o.action == required for o in others):
            raise ChronologyError(f"{where} : {h.action.label.lower()} du {date_fr(h.date)} sans "
                                  f"« {required.label.lower()} » inscrite (procedure noter {required} --date …)")

    if new is not None:
        check_one(new, events)
        return
    for h in events:
        check_one(h, events)


def known_receipt(h: m.HistoryEntry, on: date) -> date | None:
    """The receipt of ``h`` as a document dated ``on`` may cite it."""
    return h.date_reception if h.date_reception and h.date_reception <= on else None


def stage(events: tuple[m.HistoryEntry, ...]) -> Action | None:
    """The highest rung of the ladder reached."""
    rungs = [h.action for h in events if h.action in LADDER]
    return max(rungs, key=rank) if rungs else None


def ladder_warning(events: tuple[m.HistoryEntry, ...], action: Action, when: date, verb: str = "produit") -> str:
    """A letter lower on the ladder than one already sent is produced (or noted: ``verb``), with this warning."""
    from procedure.texte_fr import date_fr

    higher = [h for h in events if h.date <= when and rank(h.action) > rank(action) and h.action in LADDER]
    if not higher or action not in LADDER:
        return ""
    last = max(higher, key=lambda h: (rank(h.action), h.date))
    return (f"{action.label.lower()} {action.agree(verb)} alors que « {last.action.label.lower()} » a déjà eu lieu le "
            f"{date_fr(last.date)} : vérifiez que c'est bien l'étape voulue")
