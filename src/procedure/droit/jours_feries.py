"""Public holidays by zone, for procedural time limits (CPC 642: a limit that would end on a
Saturday, Sunday, public holiday or non-working day runs to the next working day).

- Everywhere: the eleven public holidays of C. trav. L3133-1 (the ``holidays`` package, France).
- Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle): also Good Friday and 26 December
  (C. trav. L3134-13; the ``holidays`` package, subdivision 57).
- Guadeloupe, Martinique, Guyane, La Réunion, Mayotte, Saint-Barthélemy, Saint-Martin: also the day
  commemorating the abolition of slavery (C. trav. L3422-2; loi n° 83-550 du 30 juin 1983, décret
  n° 83-1003 du 23 novembre 1983, décret n° 2012-553 du 23 avril 2012), read with its source from
  ``parametres/jours-feries-outre-mer.yaml``. Days kept by custom only, or dated by a secondary source
  (21 July in the Antilles, Good Friday and mi-carême in Guadeloupe, 28 May in Saint-Martin), are
  ``verifie: false``: they do not move a limit; ``unverified_holiday`` names them so that the caller
  can say where the limit would end if they counted.

>>> holiday(date(2026, 5, 27), GUADELOUPE).nom
"abolition de l'esclavage"
>>> holiday(date(2026, 5, 27), MARTINIQUE) is None, holiday(date(2026, 5, 22), MARTINIQUE).verifie
(True, True)
>>> holiday(date(2026, 7, 21), GUADELOUPE).verifie  # fête Victor Schœlcher: custom, not law
False
>>> zone_of_department("974"), zone_of_department("67"), zone_of_department("69")
('la-reunion', 'alsace-moselle', 'metropole')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from procedure.erreurs import InputError

METROPOLE = "metropole"
ALSACE_MOSELLE = "alsace-moselle"
GUADELOUPE = "guadeloupe"
MARTINIQUE = "martinique"
GUYANE = "guyane"
LA_REUNION = "la-reunion"
MAYOTTE = "mayotte"
SAINT_BARTHELEMY = "saint-barthelemy"
SAINT_MARTIN = "saint-martin"

# the vocabulary of zones, with the name the user reads
LABELS = {
    METROPOLE: "métropole", ALSACE_MOSELLE: "Alsace-Moselle", GUADELOUPE: "Guadeloupe", MARTINIQUE: "Martinique",
    GUYANE: "Guyane", LA_REUNION: "La Réunion", MAYOTTE: "Mayotte", SAINT_BARTHELEMY: "Saint-Barthélemy",
    SAINT_MARTIN: "Saint-Martin",
}
IN = {zone: ("à " if zone in ("la-reunion", "mayotte", "saint-barthelemy", "saint-martin") else "en ") + label
      for zone, label in LABELS.items()}  # « en Guadeloupe », « à La Réunion »
ZONES = tuple(LABELS)
OVERSEAS = ZONES[2:]
# INSEE département (or collectivité) codes; 975 Saint-Pierre-et-Miquelon keeps the national days
DEPARTMENTS = {"57": ALSACE_MOSELLE, "67": ALSACE_MOSELLE, "68": ALSACE_MOSELLE, "971": GUADELOUPE,
               "972": MARTINIQUE, "973": GUYANE, "974": LA_REUNION, "975": METROPOLE, "976": MAYOTTE,
               "977": SAINT_BARTHELEMY, "978": SAINT_MARTIN}
# Saint-Barthélemy and Saint-Martin have Guadeloupe's postcodes (971xx)
POSTCODES = {"97133": SAINT_BARTHELEMY, "97150": SAINT_MARTIN}

DATA = Path(__file__).resolve().parents[1] / "parametres" / "jours-feries-outre-mer.yaml"
_NATIONAL_SOURCE = "C. trav., art. L3133-1"
_NAMES_FR = {
    "New Year's Day": "jour de l'an", "Good Friday": "Vendredi saint", "Easter Monday": "lundi de Pâques",
    "Labor Day": "fête du Travail", "Labour Day": "fête du Travail", "Victory Day": "Victoire 1945",
    "Ascension Day": "Ascension", "Whit Monday": "lundi de Pentecôte", "Pentecost Monday": "lundi de Pentecôte",
    "National Day": "fête nationale", "Assumption Day": "Assomption", "All Saints' Day": "Toussaint",
    "Armistice Day": "Armistice 1918", "Christmas Day": "Noël", "Saint Stephen's Day": "Saint-Étienne",
}


@dataclass(frozen=True)
class Holiday:
    date: date
    nom: str
    verifie: bool = True
    source: str = _NATIONAL_SOURCE


def zone_of_department(dep: str) -> str:
    """The zone of a département (« 974 », « 67 »); an overseas collectivity of the Pacific has its
    own law of procedure and calendar: refused rather than guessed."""
    dep = dep.strip().upper()
    if dep.startswith("98"):
        raise InputError(f"département ou collectivité « {dep} » : jours fériés non connus de procedure "
                         "(collectivité du Pacifique, droit local)")
    return DEPARTMENTS.get(dep, METROPOLE)


def zone_of_address(insee: str, postcode: str) -> str:
    """The zone of an address: its commune's INSEE code when known, else its postcode."""
    from procedure.droit.juridiction import department_of_postcode

    if insee:
        return zone_of_department(insee[:3] if insee.startswith("97") or insee.startswith("98") else insee[:2])
    cp = postcode.strip()
    return POSTCODES.get(cp) or zone_of_department(department_of_postcode(cp))


@lru_cache(maxsize=128)
def _national(year: int, zone: str) -> dict[date, Holiday]:
    import holidays

    subdiv = "57" if zone == ALSACE_MOSELLE else None
    out = {}
    for d, name in holidays.France(years=year, subdiv=subdiv, language="en_US").items():
        local = zone == ALSACE_MOSELLE and name in ("Good Friday", "Saint Stephen's Day")
        out[d] = Holiday(d, _NAMES_FR.get(name, name), True, "C. trav., art. L3134-13" if local else _NATIONAL_SOURCE)
    return out


_DAY = re.compile(r"^(\d\d)-(\d\d)$")
_KEYS = {"nom", "date", "paques", "depuis", "verifie", "source"}


@lru_cache(maxsize=1)
def overseas_days() -> dict[str, tuple[dict, ...]]:
    """The overseas days by zone, as written in the data file (checked: a bad entry names the file)."""
    import yaml

    raw = yaml.load(DATA.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out = {}
    for zone, spec in raw["zones"].items():
        if zone not in OVERSEAS:
            raise InputError(f"{DATA} : zone inconnue « {zone} »")
        days = []
        for day in spec["jours"]:
            bad = set(day) - _KEYS or {"nom", "depuis", "verifie", "source"} - set(day)
            if bad or ("date" in day) == ("paques" in day) or ("date" in day and not _DAY.match(str(day["date"]))):
                raise InputError(f"{DATA} : {zone}, jour « {day.get('nom', '?')} » mal écrit")
            days.append(day)
        out[zone] = tuple(days)
    return out


def easter(year: int) -> date:
    """Easter Sunday, Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher).

    >>> easter(2026), easter(2025), easter(2000)
    (datetime.date(2026, 4, 5), datetime.date(2025, 4, 20), datetime.date(2000, 4, 23))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    lw = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * lw) // 433
    month = (h + lw - 7 * m + 90) // 25
    return date(year, month, (h + lw - 7 * m + 33 * month + 19) % 32)


@lru_cache(maxsize=256)
def _local(year: int, zone: str) -> dict[date, Holiday]:
    out = {}
    for day in overseas_days().get(zone, ()):
        if "date" in day:
            month, dom = map(int, _DAY.match(str(day["date"])).groups())
            d = date(year, month, dom)
        else:
            d = easter(year) + timedelta(days=int(day["paques"]))
        if d >= day["depuis"] and d not in out:
            out[d] = Holiday(d, str(day["nom"]), bool(day["verifie"]), str(day["source"]))
    return out


def holiday(d: date, zone: str = METROPOLE) -> Holiday | None:
    """The public holiday (or custom non-working day) ``d`` is in ``zone``, or None."""
    if zone not in LABELS:
        raise InputError(f"zone « {zone} » inconnue ; zones : {', '.join(ZONES)}")
    found = _national(d.year, zone).get(d)
    if found is None and zone in OVERSEAS:
        found = _local(d.year, zone).get(d)
    return found


def is_holiday(d: date, zone: str = METROPOLE) -> bool:
    """A public holiday that moves a limit: one of the law, never a day kept by custom only."""
    h = holiday(d, zone)
    return h is not None and h.verifie


def unverified_holiday(d: date, zone: str = METROPOLE) -> Holiday | None:
    h = holiday(d, zone)
    return h if h is not None and not h.verifie else None
