"""Procedural time limits (CPC art. 640 to 642) and the life of an injonction de payer.

- 640: a time limit runs from the act, event, decision or notification that starts it.
- 641: a limit in days does not count the day that starts it; a limit in months ends on the day of
  the last month bearing the same number as the starting day, or, failing it, on the last day of
  that month.
- 642: a limit ends on the last day at midnight; one that would end on a Saturday, Sunday, public
  holiday or non-working day runs to the next working day.
- Public holidays: the eleven national ones (C. trav. L3133-1); in Bas-Rhin, Haut-Rhin and Moselle
  also Good Friday and 26 December (C. trav. L3134-13); overseas the day commemorating the abolition
  of slavery (C. trav. L3422-2), see ``jours_feries``. A day kept by custom only does not move a
  limit: ``doubt`` says where the limit would end if it did.

Injonction de payer, by the date of the ordonnance:
- before 1 March 2022: serve within 6 months (CPC 1411), opposition 1 month from service (1416),
  then ask for the formule exécutoire within 1 month, else the ordonnance is non avenue (old 1423);
- 1 March 2022 to 31 August 2026: the ordonnance carries the formule exécutoire (1410); serve within
  6 months; opposition 1 month from service; enforceable once that month has run out (1422);
- from 1 September 2026 (décret n° 2026-96 du 16 février 2026): serve within 3 months; the creditor
  may enforce once two months have passed after service with no notice of opposition.

>>> add_months(date(2026, 1, 30), 1)          # no 30 February: the last day of the month
datetime.date(2026, 2, 28)
>>> end_of_limit(date(2026, 1, 30), 1, "mois")  # a Saturday: to Monday 2 March
datetime.date(2026, 3, 2)
>>> end_of_limit(date(2026, 5, 19), 8, "jours", "guadeloupe")  # Wed 27 May, abolition of slavery
datetime.date(2026, 5, 28)
>>> end_of_limit(date(2026, 7, 13), 8, "jours", "guadeloupe")  # Tue 21 July: custom only, not moved
datetime.date(2026, 7, 21)
>>> doubt(date(2026, 7, 21), "guadeloupe").split(" : ")[-1]
"s'il l'est, le délai finit le 22 juillet 2026"
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from procedure.droit import parametres
from procedure.droit.jours_feries import (  # noqa: F401  (zone_of_department, ZONES: this module's API too)
    ALSACE_MOSELLE, IN, LABELS, METROPOLE, ZONES, holiday, is_holiday, unverified_holiday, zone_of_department,
)
from procedure.texte_fr import date_fr, join
_DURATION = re.compile(r"^\s*(\d{1,4})\s*(jours?|j|mois|ans?)\s*$", re.IGNORECASE)

REGIME_2022 = date(2022, 3, 1)
REGIME_2026 = date(2026, 9, 1)


class DurationError(ValueError):
    """A time limit that cannot be read."""


def is_working_day(d: date, zone: str = METROPOLE) -> bool:
    return d.weekday() < 5 and not is_holiday(d, zone)


def holiday_name(d: date, zone: str = METROPOLE) -> str:
    h = holiday(d, zone)
    return h.nom if h is not None and h.verifie else ""


def parse_duration(text: str) -> tuple[int, str]:
    """``"8 jours"`` -> (8, "jours"); ``"1 mois"`` -> (1, "mois"); ``"2 ans"`` -> (2, "ans")."""
    match = _DURATION.match(text)
    if not match:
        raise DurationError(f"« {text} » : durée illisible (exemples : 8 jours, 15 jours, 1 mois, 3 mois)")
    n, unit = int(match.group(1)), match.group(2).lower()
    if n == 0:
        raise DurationError(f"« {text} » : durée nulle")
    unit = "jours" if unit.startswith("j") else ("mois" if unit == "mois" else "ans")
    return n, unit


def add_months(d: date, months: int) -> date:
    """CPC 641: the same day number, or the last day of the month when it has none."""
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def raw_end(start: date, n: int, unit: str) -> date:
    if unit == "jours":
        return start + timedelta(days=n)  # the starting day is not counted
    if unit == "mois":
        return add_months(start, n)
    return add_months(start, 12 * n)


def end_of_limit(start: date, n: int, unit: str, zone: str = METROPOLE) -> date:
    """The last day of a limit of ``n`` ``unit`` starting at ``start`` (CPC 640-642)."""
    end = raw_end(start, n, unit)
    while not is_working_day(end, zone):
        end += timedelta(days=1)
    return end


def doubt(raw: date, zone: str = METROPOLE) -> str:
    """"" when no day kept by custom only (``verifie: false``) touches the end of a limit whose raw
    end is ``raw``; else the day and where the limit would end if it counted."""
    end = alt = raw
    while not is_working_day(end, zone):
        end += timedelta(days=1)
    crossed = []
    while True:
        if not is_working_day(alt, zone):
            alt += timedelta(days=1)
        elif (u := unverified_holiday(alt, zone)) is not None:
            crossed.append(u)
            alt += timedelta(days=1)
        else:
            break
    if alt == end:
        return ""
    days = join([f"le {date_fr(h.date)} ({h.nom})" for h in crossed])
    return (f"{days}, jour non vérifié {IN[zone]} ({crossed[0].source}), n'est pas compté : s'il "
            f"l'est, le délai finit le {date_fr(alt)}")


@dataclass
class Explained:
    end: date
    raw: date
    postponed: list[str]
    doubt: str = ""


def explain(start: date, n: int, unit: str, zone: str = METROPOLE) -> Explained:
    raw = raw_end(start, n, unit)
    end, notes = raw, []
    while not is_working_day(end, zone):
        name = holiday_name(end, zone)
        notes.append(f"{end.isoformat()} : {_day_name(end)}{f' ({name})' if name else ''}")
        end += timedelta(days=1)
    return Explained(end, raw, notes, doubt(raw, zone))


_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _day_name(d: date) -> str:
    return _DAYS[d.weekday()]


@dataclass
class Milestone:
    key: str
    label: str
    date: date | None
    basis: str
    note: str = ""


def _notes(*parts: str) -> str:
    return " ; ".join(p for p in parts if p)


def order_milestones(ordonnance: date, service: date | None, zone: str,
                          served_to_person: bool = True) -> tuple[str, list[Milestone]]:
    """(regime, milestones) after an ordonnance portant injonction de payer."""
    out: list[Milestone] = []
    serve = parametres.value_at("delai_signification_ordonnance_mois", ordonnance)
    months = serve.value
    opposition = parametres.number("delai_opposition_mois", service or ordonnance)
    serve_end, serve_doubt = end_of_limit(ordonnance, months, "mois", zone), doubt(raw_end(ordonnance, months, "mois"), zone)
    if ordonnance < REGIME_2022:
        regime = "régime des ordonnances rendues avant le 1er mars 2022 (CPC, art. 1411, 1416 et ancien 1423)"
        out.append(Milestone("signifier_avant", "Signifier l'ordonnance au plus tard le", serve_end,
                             "CPC, art. 1411 (six mois)", serve_doubt))
    elif ordonnance < REGIME_2026:
        regime = "régime des ordonnances rendues du 1er mars 2022 au 31 août 2026 (CPC, art. 1410, 1411, 1416 et 1422)"
        out.append(Milestone("signifier_avant", "Signifier l'ordonnance au plus tard le", serve_end,
                             "CPC, art. 1411 (six mois, sinon non avenue)", serve_doubt))
    else:
        regime = "régime des ordonnances rendues à compter du 1er septembre 2026 (décret n° 2026-96 du 16 février 2026)"
        out.append(Milestone("signifier_avant", "Signifier l'ordonnance au plus tard le", serve_end,
                             "décret n° 2026-96 (trois mois)",
                             _notes("" if serve.verified else "durée tirée de sources secondaires, à vérifier sur le "
                                                              "texte publié au Journal officiel", serve_doubt)))
    if service is None:
        return regime, out
    note = "" if served_to_person else (
        "signification non faite à personne : le délai d'opposition court du premier acte signifié à personne "
        "ou de la première mesure rendant les biens indisponibles (CPC, art. 1416 al. 2) ; date indicative")
    opposition_end = end_of_limit(service, opposition, "mois", zone)
    note = _notes(note, doubt(raw_end(service, opposition, "mois"), zone))
    out.append(Milestone("opposition_jusqu_au", "Le débiteur peut faire opposition jusqu'au", opposition_end,
                         "CPC, art. 1416 (un mois)", note))
    if ordonnance < REGIME_2022:
        out.append(Milestone("formule_executoire_du", "Demander la formule exécutoire à partir du",
                             opposition_end + timedelta(days=1), "ancien CPC, art. 1423", note))
        out.append(Milestone("formule_executoire_avant", "… et au plus tard le",
                             end_of_limit(opposition_end, 1, "mois", zone),
                             "ancien CPC, art. 1423 (un mois, sinon non avenue)",
                             doubt(raw_end(opposition_end, 1, "mois"), zone)))
    elif ordonnance < REGIME_2026:
        out.append(Milestone("executoire_a_partir_du", "Exécution possible à partir du",
                             opposition_end + timedelta(days=1),
                             "CPC, art. 1422 (faute d'opposition dans le mois)", note))
    else:
        two = end_of_limit(service, 2, "mois", zone)
        out.append(Milestone("executoire_a_partir_du", "Exécution possible à partir du", two + timedelta(days=1),
                             "décret n° 2026-96 (deux mois après la signification sans avis d'opposition)",
                             _notes(note, doubt(raw_end(service, 2, "mois"), zone))))
    return regime, out
