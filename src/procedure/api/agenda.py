"""``procedure agenda``: what is due across all dossiers under some roots (SPEC §5.4).

Each dossier is read at the date through its state (``etat``), its décompte and its policy; its
next ladder step and its legal deadlines come from ``droit.agenda``. A ladder step already due
(overdue) is listed; a legal deadline is listed from the date to the horizon; a prescription is
announced six months ahead whatever the horizon.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from procedure import etat
from procedure.api.commun import gc_paused
from procedure.api.lot import find_dossiers
from procedure.droit.agenda import INJONCTION, STEPS, Step, next_steps
from procedure.droit.decompte import compute
from procedure.droit.verifications import PRESCRIPTION_NOTICE_DAYS
from procedure.erreurs import InputError
from procedure.lecture import politique
from procedure.lecture.dossier_yaml import load_yaml

LADDER = (*(str(step) for step in STEPS), INJONCTION)


@dataclass(frozen=True)
class Item:
    reference: str
    dossier: str
    date: date
    action: str
    motif: str
    fondement: str
    key: str = ""  # not in the JSON: it only makes the calendar's UID unique (one per invoice)

    def to_dict(self) -> dict:
        return {"reference": self.reference, "dossier": self.dossier, "date": self.date.isoformat(),
                "action": self.action, "motif": self.motif, "fondement": self.fondement}


def _keep(step: Step, au: date, horizon: date) -> bool:
    if step.action in LADDER:
        return step.date <= horizon
    if step.action == "prescription":
        return au <= step.date <= max(horizon, au + timedelta(days=PRESCRIPTION_NOTICE_DAYS))
    return au <= step.date <= horizon


def collect(roots: list[Path], au: date, horizon_days: int = 30) -> tuple[list[Item], list[str]]:
    """(items oldest first, problems): a dossier with bad input is reported, the others listed."""
    horizon = au + timedelta(days=horizon_days)
    items: list[Item] = []
    problems: list[str] = []
    policies: dict[Path, object] = {}
    for folder in find_dossiers(roots):
        try:
            with gc_paused():
                d = load_yaml(folder)
                state = etat.at(d, au)
                decompte = compute(state, au)
            parent = folder.resolve().parent
            policy = policies.get(parent)
            if policy is None:
                policy = policies[parent] = politique.load(folder)
            for step in next_steps(state, decompte, au, policy):
                if _keep(step, au, horizon):
                    items.append(Item(d.reference, str(folder), step.date, step.action, step.motif, step.fondement,
                                       step.key))
        except InputError as exc:
            problems.append(f"{folder} : {exc}")
    items.sort(key=lambda i: (i.date, i.reference, i.action))
    return items, problems


def calendar(items: list[Item], au: date) -> bytes:
    """The items as iCalendar; stamped with the agenda's date, so that the same agenda gives the
    same bytes."""
    from datetime import datetime, timezone

    from procedure.sortie.agenda_ics import to_ics

    return to_ics(items, datetime(au.year, au.month, au.day, tzinfo=timezone.utc))
