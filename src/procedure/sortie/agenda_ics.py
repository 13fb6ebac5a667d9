"""The agenda as iCalendar (RFC 5545): one VTODO per item, with a UID stable per dossier and step,
so that a calendar importing it again updates its tasks instead of duplicating them."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone
from pathlib import Path

PRODID = "-//procedure//agenda//FR"


def uid(reference: str, dossier: str, action: str, key: str = "") -> str:
    """The same dossier and step always give the same UID (its date may move), however the dossier's
    folder was named on the command line (relative or absolute); ``key`` tells apart the steps of one
    action in one dossier (the prescription of each invoice)."""
    where = str(Path(dossier).resolve())
    digest = hashlib.sha256(f"{where}\0{reference}\0{action}\0{key}".encode()).hexdigest()[:20]
    return f"{action}-{digest}@procedure"


def to_ics(items, stamp: datetime | None = None) -> bytes:
    from icalendar import Calendar, Todo

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "procedure — agenda des dossiers")
    stamp = stamp or datetime(2000, 1, 1, tzinfo=timezone.utc)
    for item in items:
        todo = Todo()
        todo.add("uid", uid(item.reference, item.dossier, item.action, item.key))
        todo.add("dtstamp", stamp)
        todo.add("due", item.date if isinstance(item.date, date) else date.fromisoformat(item.date))
        todo.add("summary", f"{item.reference} — {item.motif}")
        todo.add("description", "\n".join(x for x in (item.motif, item.fondement, f"Dossier : {item.dossier}") if x))
        todo.add("categories", [item.action])
        todo.add("status", "NEEDS-ACTION")
        cal.add_component(todo)
    return cal.to_ical()
