"""A small strict schema walker over YAML nodes.

Why not load YAML into Python objects first: YAML would turn ``073282932`` or ``1234.50`` into
numbers behind our back, and line numbers would be lost. We walk the composed node tree instead:
every scalar stays the text the user typed, and every problem carries its line.

Every scalar is refused if it holds an invisible or control character, every printed text if the
shipped fonts cannot draw it (:mod:`procedure.lecture.caracteres`); digits are ASCII digits; the
limits come from :mod:`procedure.limites`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

import yaml

from procedure import limites
from procedure.erreurs import Problem
from procedure.argent import AmountSyntaxError, format_eur, parse_amount
from procedure.lecture import caracteres

NULL_WORDS = {"", "~", "null", "Null", "NULL"}
TRUE_WORDS = {"true", "oui", "yes", "vrai"}
FALSE_WORDS = {"false", "non", "no", "faux"}
_DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


class Located:
    """Collects problems while walking; knows the current field path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, node: yaml.Node | None, path: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(message=message, field=path, line=line))


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "une table (clé: valeur)"
    if isinstance(node, yaml.SequenceNode):
        return "une liste"
    return f"le texte « {node.value} »"


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.style is None and node.value in NULL_WORDS


class Spec:
    """How to read one node. ``read`` returns the value, or None after reporting a problem."""

    description = "une valeur"

    def read(self, node: yaml.Node, path: str, log: Located) -> Any:  # pragma: no cover
        raise NotImplementedError


class Scalar(Spec):
    description = "un texte"

    def read(self, node, path, log):
        if not isinstance(node, yaml.ScalarNode):
            log.add(node, path, f"attendu {self.description}, trouvé {_kind(node)}")
            return None
        text = node.value.strip()
        if not text.isprintable():  # a control, format or separator character, or only a tab or a space
            bad = caracteres.problem(text)
            if bad:
                log.add(node, path, bad)
                return None
        return self.convert(text, node, path, log)

    def convert(self, text: str, node, path, log):
        return text


class Text(Scalar):
    """A text printed as typed: composed (NFC, so that « é » typed as e + accent is one character
    the fonts draw) and drawable with the shipped fonts."""

    def __init__(self, pattern: str | None = None, hint: str = "", max_len: int = limites.MAX_TEXT_CHARS):
        self.pattern = re.compile(pattern) if pattern else None
        self.hint = hint
        self.max_len = max_len

    def convert(self, text, node, path, log):
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        bad = caracteres.drawing_problem(text)
        if bad:
            log.add(node, path, bad)
            return None
        if len(text) > self.max_len:
            log.add(node, path, f"texte trop long ({len(text)} caractères, au plus {self.max_len})")
            return None
        if self.pattern and text and not self.pattern.match(text):
            log.add(node, path, f"« {text} » n'a pas la forme attendue ({self.hint})")
            return None
        return text


class Amount(Scalar):
    description = "un montant"

    def __init__(self, positive: bool = True):
        self.positive = positive

    def convert(self, text, node, path, log):
        try:
            value = parse_amount(text)
        except AmountSyntaxError as exc:
            log.add(node, path, str(exc))
            return None
        if value < 0:
            log.add(node, path, f"montant négatif ({text}) : un montant doit être positif")
            return None
        if self.positive and value == 0:
            log.add(node, path, "montant nul : un montant doit être supérieur à zéro")
            return None
        if value > limites.MAX_AMOUNT:
            log.add(node, path, f"montant trop grand ({text} ; au plus {format_eur(limites.MAX_AMOUNT)}, le plus grand "
                                "montant que l'outil sait écrire en lettres)")
            return None
        return value


class Rate(Scalar):
    description = "un taux annuel en %"

    def convert(self, text, node, path, log):
        try:
            value = parse_amount(text.rstrip("%").strip())
        except AmountSyntaxError:
            log.add(node, path, f"« {text} » n'est pas un taux annuel en % (exemple : 15.00)")
            return None
        if value < 0 or value > 100:
            log.add(node, path, f"taux impossible ({text} %)")
            return None
        return value


class Integer(Scalar):
    description = "un nombre entier"

    def __init__(self, minimum: int = 0, maximum: int = 10**6):
        self.minimum, self.maximum = minimum, maximum

    def convert(self, text, node, path, log):
        if not re.fullmatch(r"[0-9]+", text) or not self.minimum <= int(text) <= self.maximum:
            log.add(node, path, f"« {text} » : attendu un entier de {self.minimum} à {self.maximum}")
            return None
        return int(text)


def parse_iso_date(text: str) -> date:
    """Strict ISO date ``AAAA-MM-JJ`` between :data:`limites.EARLIEST_DATE` and
    :data:`limites.LATEST_DATE`; raises ValueError with a French message."""
    value = None
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii() and text[:4].isdigit():
        try:  # the common case, in C
            value = date.fromisoformat(text)
        except ValueError:
            pass
    if value is None:
        match = _DATE_RE.match(text.strip())
        if not match:
            raise ValueError(f"« {text} » n'est pas une date au format AAAA-MM-JJ")
        try:
            value = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            raise ValueError(f"« {text} » est une date impossible") from None
    if not limites.EARLIEST_DATE <= value <= limites.LATEST_DATE:
        raise ValueError(f"« {text} » : date hors de la période que l'outil sait calculer "
                         f"({limites.EARLIEST_DATE.isoformat()} à {limites.LATEST_DATE.isoformat()})")
    return value


class Date(Scalar):
    description = "une date AAAA-MM-JJ"

    def convert(self, text, node, path, log):
        try:
            return parse_iso_date(text)
        except ValueError as exc:
            log.add(node, path, str(exc))
            return None


class Bool(Scalar):
    description = "true ou false"

    def convert(self, text, node, path, log):
        low = text.lower()
        if low in TRUE_WORDS:
            return True
        if low in FALSE_WORDS:
            return False
        log.add(node, path, f"« {text} » : attendu true ou false")
        return None


class Choice(Scalar):
    def __init__(self, *choices: str):
        self.choices = choices

    def convert(self, text, node, path, log):
        if text in self.choices:
            return text
        close = difflib.get_close_matches(text, self.choices, n=1)
        hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
        log.add(node, path, f"« {text} » n'est pas une valeur permise ({' | '.join(self.choices)}){hint}")
        return None


class Parsed(Scalar):
    """A value of a vocabulary read by ``parse``, which raises ValueError with a French message."""

    def __init__(self, parse: Callable[[str], Any], description: str = "une valeur"):
        self.parse = parse
        self.description = description

    def convert(self, text, node, path, log):
        try:
            return self.parse(text)
        except ValueError as exc:
            log.add(node, path, str(exc))
            return None


class Checked(Scalar):
    """A text validated by a python-stdnum module (SIREN, SIRET, IBAN, TVA...), imported when a
    value is first checked."""

    def __init__(self, module: str, label: str):
        self.module_name = module
        self.label = label

    def convert(self, text, node, path, log):
        if not text:
            return ""
        import importlib

        module = importlib.import_module(self.module_name)
        try:
            return module.compact(module.validate(text))
        except Exception as exc:  # stdnum raises ValidationError subclasses
            reason = {
                "InvalidChecksum": "clé de contrôle fausse",
                "InvalidLength": "longueur incorrecte",
                "InvalidFormat": "format incorrect",
                "InvalidComponent": "composant invalide",
            }.get(type(exc).__name__, "invalide")
            log.add(node, path, f"{self.label} « {text} » invalide ({reason})")
            return None


@dataclass
class Key:
    spec: Spec
    required: bool = False
    default: Any = None


@dataclass
class Mapping(Spec):
    keys: dict[str, Key]
    description: str = "une table (clé: valeur)"
    check: Callable[[dict, yaml.MappingNode, str, Located], None] | None = None

    def read(self, node, path, log):
        if not isinstance(node, yaml.MappingNode):
            log.add(node, path, f"attendu {self.description}, trouvé {_kind(node)}")
            return None
        values: dict[str, Any] = {}
        nodes: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            sub = f"{path}.{name}" if path else name
            if name in nodes:
                log.add(key_node, sub, "clé en double")
                continue
            nodes[name] = value_node
            if name not in self.keys:
                close = difflib.get_close_matches(name, list(self.keys), n=1, cutoff=0.6)
                hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else (
                    f" ; clés permises : {', '.join(self.keys)}")
                log.add(key_node, sub, f"clé inconnue{hint}")
                continue
            if is_null(value_node):
                continue
            value = values[name] = self.keys[name].spec.read(value_node, sub, log)
            if value == "" and self.keys[name].required:
                log.add(value_node, sub, "champ obligatoire vide")
                value = None
            if value is None:
                values.pop(name)
                values.setdefault("__invalid__", set()).add(name)
        invalid = values.pop("__invalid__", set())
        for name, key in self.keys.items():
            if name in values or name in invalid:
                continue
            if key.required:
                sub = f"{path}.{name}" if path else name
                log.add(node, sub, "champ obligatoire manquant")
            elif key.default is not None:
                values[name] = key.default
        values["__node__"] = nodes
        values["__line__"] = node.start_mark.line + 1
        if self.check and not invalid:
            self.check(values, node, path, log)
        return values


@dataclass
class TextOrMapping(Spec):
    """A short form and a long one: a text, or a table (``juridiction: Tribunal…`` or
    ``juridiction: {nom: …, adresse: …}``)."""

    text: Spec
    mapping: Mapping
    description: str = "un texte ou une table (clé: valeur)"

    def read(self, node, path, log):
        if isinstance(node, yaml.MappingNode):
            return self.mapping.read(node, path, log)
        if isinstance(node, yaml.ScalarNode):
            return self.text.read(node, path, log)
        log.add(node, path, f"attendu {self.description}, trouvé {_kind(node)}")
        return None


@dataclass
class Sequence(Spec):
    item: Spec
    non_empty: bool = False
    max_items: int | None = None  # one of the limits of procedure.limites
    description: str = "une liste (lignes commençant par « - »)"

    def read(self, node, path, log):
        if not isinstance(node, yaml.SequenceNode):
            log.add(node, path, f"attendu {self.description}, trouvé {_kind(node)}")
            return None
        if self.non_empty and not node.value:
            log.add(node, path, "la liste est vide")
            return None
        if self.max_items is not None and len(node.value) > self.max_items:
            log.add(node, path, f"liste trop longue ({len(node.value)} éléments ; au plus {self.max_items})")
            return None
        out = []
        for i, child in enumerate(node.value, start=1):
            value = self.item.read(child, f"{path}[{i}]", log)
            if value is not None:
                out.append(value)
        return out
