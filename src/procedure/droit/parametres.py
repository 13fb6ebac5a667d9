"""Dated legal constants, read at a date, each with the text that sets it (openfisca-france shape).

One YAML file per constant, ``procedure/parametres/droit/<nom>.yaml``: ``description``, ``unit``
(EUR | points | jours | mois | ans | ratio | liste), ``values`` keyed by the date each takes effect
(``2020-01-01: {value: "5000.00"}``; ``value: null`` repeals the rule) and ``metadata``: a
``reference`` ({title, href}) for every value date (one dated in between records a recodification),
``verifie`` (false for a secondary source, with a ``note`` saying why: callers must warn the user)
and ``last_value_still_valid_on``. Types by unit: EUR, text with cents ("40.00") -> Decimal; points,
decimal text -> Decimal; jours, mois, ans, a positive integer -> int; ratio, an integer or decimal
text; liste, a list of texts -> tuple. Never a float.

Strict loader: an unknown key, a duplicate or malformed date, a value date without its reference or
a value of the wrong type raise :class:`ParameterFileError` naming the file and the key. A folder
named by ``PROCEDURE_PARAMETRES`` holding ``droit/<nom>.yaml`` overrides the shipped file. No value
in force (before the first date, or repealed) raises :class:`UnknownParameterError`: never a guess.

Hand-checked cases (CPCE R125-1; arrêté du 5 juillet 2024; CPC 1411 and décret n° 2026-96):

>>> from datetime import date
>>> amount("plafond_petites_creances", date(2019, 12, 31))
Decimal('4000.00')
>>> amount("plafond_petites_creances", date(2020, 1, 1))
Decimal('5000.00')
>>> len(value_at("tribunaux_activites_economiques", date(2028, 12, 31)).value)
12
>>> value_at("tribunaux_activites_economiques", date(2029, 1, 1))  # doctest: +ELLIPSIS
Traceback (most recent call last):
procedure.droit.parametres.UnknownParameterError: ... aucune valeur au 2029-01-01 (règle abrogée le 2029-01-01)
>>> [number("delai_signification_ordonnance_mois", date(2026, m, d)) for m, d in ((8, 31), (9, 1))]
[6, 3]
>>> amount("indemnite_forfaitaire", date(2012, 12, 31))  # doctest: +ELLIPSIS
Traceback (most recent call last):
procedure.droit.parametres.UnknownParameterError: ... aucune valeur au 2012-12-31 (première valeur le 2013-01-01)
>>> value_at("majoration_bce_l441_10", date(2020, 1, 1)).since  # recodified in 2019, value unchanged
datetime.date(2009, 1, 1)
"""

from __future__ import annotations

import bisect
import os
import re
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from procedure.erreurs import InputError

SHIPPED = Path(__file__).resolve().parents[1] / "parametres" / "droit"
ENV = "PROCEDURE_PARAMETRES"
UNITS = ("EUR", "points", "jours", "mois", "ans", "ratio", "liste")
_TOP = ("description", "unit", "values", "metadata")
_META = ("reference", "verifie", "last_value_still_valid_on")
_EXPECTED = {"liste": "liste non vide de textes", "EUR": "montant en texte avec centimes (par ex. « 40.00 »)",
             "jours": "nombre entier positif", "mois": "nombre entier positif", "ans": "nombre entier positif"}
_DATE, _CENTS, _DECIMAL = re.compile(r"\d{4}-\d{2}-\d{2}"), re.compile(r"\d+\.\d{2}"), re.compile(r"\d+(\.\d+)?")

Value = Decimal | int | tuple[str, ...] | None


class UnknownParameterError(InputError):
    """No value of a legal constant is in force at the date asked (or no such constant)."""


class ParameterFileError(InputError):
    """A parameter file is unreadable or malformed; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Parameter:
    """The value of a legal constant in force at a date, with the text that sets it."""

    name: str
    description: str
    unit: str
    value: Value
    since: date  # the date this value took effect
    reference: str  # title of the text in force at the date asked
    href: str = ""
    verified: bool = True  # False: secondary source, the caller warns the user
    note: str = ""
    checked_on: date | None = None  # last_value_still_valid_on


@dataclass(frozen=True, slots=True)
class _Series:
    head: Parameter  # what every value shares: name, description, unit, verified, note, checked_on
    dates: tuple[date, ...]
    values: tuple[Value, ...]
    ref_dates: tuple[date, ...]
    refs: tuple[tuple[str, str], ...]  # (title, href)

    def at(self, i: int, when: date) -> Parameter:
        title, href = self.refs[bisect.bisect_right(self.ref_dates, when) - 1]
        return replace(self.head, value=self.values[i], since=self.dates[i], reference=title, href=href)


def value_at(name: str, when: date) -> Parameter:
    """The value of ``name`` in force on ``when``, with its reference; raises if there is none."""
    if (s := _book(os.environ.get(ENV, "")).get(name)) is None:
        raise UnknownParameterError(f"paramètre « {name} » inconnu (demandé au {when.isoformat()})")
    i = bisect.bisect_right(s.dates, when) - 1
    if i < 0 or s.values[i] is None:
        why = f"première valeur le {s.dates[0]}" if i < 0 else f"règle abrogée le {s.dates[i]}"
        raise UnknownParameterError(f"paramètre « {name} » : aucune valeur au {when.isoformat()} ({why})")
    return s.at(i, when)


def amount(name: str, when: date) -> Decimal:
    """A money amount, points or ratio in force on ``when``, as a Decimal."""
    value = value_at(name, when).value
    if isinstance(value, Decimal) or type(value) is int:
        return Decimal(value)
    raise TypeError(f"paramètre « {name} » : une liste, pas un nombre")


def number(name: str, when: date) -> int:
    """A whole number (days, months, years, integer ratio) in force on ``when``."""
    value = value_at(name, when).value
    if type(value) is int:
        return value
    raise TypeError(f"paramètre « {name} » : {value!r} n'est pas un entier")


def all_parameters() -> dict[str, tuple[Parameter, ...]]:
    """Every constant with each of its dated values (repeals included), for tests and listings."""
    return {name: tuple(s.at(i, d) for i, d in enumerate(s.dates))
            for name, s in sorted(_book(os.environ.get(ENV, "")).items())}


@lru_cache(maxsize=8)
def _book(override: str) -> dict[str, _Series]:
    files = {p.stem: p for p in sorted(SHIPPED.glob("*.yaml"))}
    folder = Path(override) / "droit" if override else None
    for path in sorted(folder.glob("*.yaml")) if folder is not None and folder.is_dir() else ():
        if path.stem not in files:
            raise ParameterFileError(f"{path} : paramètre inconnu « {path.stem} » (connus : {', '.join(files)})")
        files[path.stem] = path
    return {name: _read(name, path) for name, path in files.items()}


@lru_cache(maxsize=1)
def _yaml():
    import yaml  # on first use only: ``procedure --help`` must not import it

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # dates stay text, parsed below with their key; a repeated key is an error
        yaml_implicit_resolvers = {c: [r for r in rs if r[0] != "tag:yaml.org,2002:timestamp"]
                                   for c, rs in base.yaml_implicit_resolvers.items()}

        def construct_mapping(self, node, deep=False):
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if isinstance(key, str):
                    if key in seen:
                        raise yaml.constructor.ConstructorError(None, None, f"clé « {key} » en double", key_node.start_mark)
                    seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return yaml, Loader


def _read(name: str, path: Path) -> _Series:
    def fail(key: str, message: str):
        raise ParameterFileError(f"{path}, clé « {key} » : {message}")

    yaml, loader = _yaml()
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:  # a repeated key is a YAMLError too (Loader)
        raise ParameterFileError(f"{path} : fichier illisible ({' '.join(str(exc).split())})") from None
    _keys(data, _TOP, _TOP, "", fail)
    if not isinstance(data["description"], str) or not data["description"].strip():
        fail("description", "texte attendu")
    if (unit := data["unit"]) not in UNITS:
        fail("unit", f"« {unit} » inconnue, attendu {', '.join(UNITS)}")
    values = {}
    for d, (key, entry) in _dated(data["values"], "values", fail).items():
        _keys(entry, ("value",), ("value",), key, fail)
        values[d] = _value(unit, entry["value"], f"{key}.value", fail)
    _keys(meta := data["metadata"], _META + ("note",), _META, "metadata", fail)
    refs = {}
    for d, (key, entry) in _dated(meta["reference"], "metadata.reference", fail).items():
        _keys(entry, ("title", "href"), ("title",), key, fail)
        title, href = entry["title"], entry.get("href", "")
        if not (isinstance(title, str) and title.strip() and isinstance(href, str) and href[:8] in ("", "https://")):
            fail(key, "title (texte) et href facultatif (adresse https://) attendus")
        if d < min(values):
            fail(key, "référence antérieure à la première valeur")
        refs[d] = (title.strip(), href)
    for d in values.keys() - refs.keys():
        fail(f"values.{d}", "aucune référence à cette date dans metadata.reference")
    if not isinstance(meta["verifie"], bool):
        fail("metadata.verifie", "true ou false attendu")
    if not isinstance(note := meta.get("note", ""), str) or (not meta["verifie"] and not note.strip()):
        fail("metadata.note", "texte attendu (obligatoire quand verifie vaut false : dire pourquoi)")
    checked = _date(meta["last_value_still_valid_on"], "metadata.last_value_still_valid_on", fail)
    dates, ref_dates = tuple(sorted(values)), tuple(sorted(refs))
    head = Parameter(name, data["description"].strip(), unit, None, dates[0], "", "", meta["verifie"], note.strip(), checked)
    return _Series(head, dates, tuple(values[d] for d in dates), ref_dates, tuple(refs[d] for d in ref_dates))


def _keys(mapping, allowed, required, where: str, fail) -> None:
    if not isinstance(mapping, dict):
        fail(where or "(racine)", "table de clés attendue")
    for key in [k for k in mapping if k not in allowed] + [k for k in required if k not in mapping]:
        problem = "clé manquante" if key in required else f"clé inconnue (attendu : {', '.join(allowed)})"
        fail(f"{where}.{key}" if where else str(key), problem)


def _date(raw, key: str, fail) -> date:
    if isinstance(raw, str) and _DATE.fullmatch(raw):
        with suppress(ValueError):
            return date.fromisoformat(raw)
    fail(key, f"« {raw} » n'est pas une date AAAA-MM-JJ valide")


def _dated(mapping, where: str, fail) -> dict[date, tuple[str, object]]:
    if not isinstance(mapping, dict) or not mapping:
        fail(where, "table non vide de dates attendue")
    out = {}
    for raw, entry in mapping.items():
        if (d := _date(raw, f"{where}.{raw}", fail)) in out:
            fail(f"{where}.{raw}", "date en double")
        out[d] = (f"{where}.{raw}", entry)
    return out


def _value(unit: str, raw, key: str, fail) -> Value:
    if raw is None:
        return None  # a repealed rule
    if unit == "liste" and isinstance(raw, list) and raw and all(isinstance(x, str) and x.strip() for x in raw):
        return tuple(raw)
    if unit in ("jours", "mois", "ans") or (unit == "ratio" and type(raw) is int):
        if type(raw) is int and raw > 0:
            return raw
    elif unit != "liste" and isinstance(raw, str) and (_CENTS if unit == "EUR" else _DECIMAL).fullmatch(raw):
        return Decimal(raw)
    fail(key, f"{_EXPECTED.get(unit, 'nombre décimal en texte (par ex. « 10 »)')} attendu, non {raw!r}")
