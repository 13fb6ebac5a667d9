"""Writing ``dossier.yaml`` text (SPEC §1) for ``procedure importer``: a new dossier, commented
and readable; or entries appended to the lists of an existing one without changing a byte of what
the user wrote (the new text is inserted, nothing is re-serialised).

Every text value is written double-quoted with JSON escapes (a valid YAML double-quoted scalar),
so a name such as ``no``, ``0612`` or ``Dupont: SARL`` stays text; amounts are quoted strings,
dates bare ISO dates. The caller validates the result with the reader before writing it.

>>> print(render([], [Block("factures", [Entry([Field("numero", "F: 1"), Field("montant_ttc", Decimal("10.00"),
...       "total TTC")], ["importée de f.pdf"])])]), end="")
factures:
  # importée de f.pdf
  - numero: "F: 1"
    montant_ttc: "10.00"           # total TTC
>>> text = "factures:\\n  - numero: A   # mine\\n    date: 2025-01-01\\n    # trailing note\\n\\nfin: 1\\n"
>>> print(append_entries(text, "factures", [Entry([Field("numero", "B")])]), end="")
factures:
  - numero: A   # mine
    date: 2025-01-01
    # trailing note
  - numero: B
<BLANKLINE>
fin: 1
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

COMMENT_COLUMN = 35  # the index where trailing comments start, as in the example dossier
NULL_WORDS = {"", "~", "null", "Null", "NULL"}


@dataclass
class Field:
    key: str
    value: Any  # str | date | Decimal | int | bool | list[Field] (a nested table)
    comment: str = ""
    commented: bool = False  # written as "# key: value": a suggestion for the user to check


@dataclass
class Entry:
    """One item of a list (an invoice, a payment), with comment lines above it."""

    fields: list[Field]
    before: list[str] = field(default_factory=list)


@dataclass
class Block:
    """A top-level key: a scalar, a table (list of Field), a list (list of Entry), or raw text."""

    key: str
    value: Any = None
    comment: str = ""
    before: list[str] = field(default_factory=list)
    raw: str = ""  # the whole block as text (a creditor block copied as the user wrote it)


# plain words YAML 1.1 would read as booleans or null: always quoted, although the reader reads text
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "oui", "non"}
_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9 .,'’()/&_-]*")


def scalar(value: Any) -> str:
    """A value as YAML: a plain word when it reads unambiguously, else double-quoted.

    >>> scalar("Au bon moulin"), scalar("0612"), scalar("no"), scalar("A: b"), scalar(Decimal("1.50"))
    ('Au bon moulin', '"0612"', '"no"', '"A: b"', '"1.50"')
    """
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value == value.strip() \
            and value.lower() not in _YAML_WORDS:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f'"{value}"'
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _commented(text: str, comment: str) -> str:
    if not comment:
        return text
    return f"{text}{' ' * max(COMMENT_COLUMN - len(text), 1)}# {comment}"


def field_lines(fields: list[Field], indent: int) -> list[str]:
    out: list[str] = []
    for f in fields:
        prefix = " " * indent + ("# " if f.commented else "")
        if isinstance(f.value, list):
            out.append(_commented(f"{prefix}{f.key}:", f.comment))
            out.extend(field_lines(f.value, indent + 2))
        else:
            out.append(_commented(f"{prefix}{f.key}: {scalar(f.value)}", f.comment))
    return out


def entry_lines(entry: Entry, dash: int) -> list[str]:
    """An entry as a block list item whose ``-`` is at column ``dash``."""
    body = field_lines(entry.fields, dash + 2)
    body[0] = " " * dash + "- " + body[0][dash + 2:]
    return [" " * dash + "# " + c for c in entry.before] + body


def flow_entry(entry: Entry) -> str:
    return "{" + ", ".join(f"{f.key}: {scalar(f.value)}" for f in entry.fields
                           if not f.commented and not isinstance(f.value, list)) + "}"


def render(header: list[str], blocks: list[Block]) -> str:
    """A whole dossier: the header comment lines, then each block, separated by a blank line."""
    parts: list[list[str]] = []
    if header:
        parts.append([("# " + h).rstrip() for h in header])
    for b in blocks:
        lines = ["# " + c for c in b.before]
        if b.raw:
            lines.extend(b.raw.rstrip("\n").split("\n"))
        elif isinstance(b.value, list) and b.value and isinstance(b.value[0], Entry):
            lines.append(_commented(f"{b.key}:", b.comment))
            for e in b.value:
                lines.extend(entry_lines(e, 2))
        elif isinstance(b.value, list):
            lines.append(_commented(f"{b.key}:", b.comment))
            lines.extend(field_lines(b.value, 2))
        else:
            lines.append(_commented(f"{b.key}: {scalar(b.value)}", b.comment))
        parts.append(lines)
    return "\n\n".join("\n".join(p) for p in parts) + "\n"


# --- appending to a user's file ---------------------------------------------------------------------

def _last_line(node, lines: list[str]) -> int:
    """The index of the last line holding ``node``'s text (a block list or table: its last item)."""
    import yaml

    while not getattr(node, "flow_style", False) and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) \
            and node.value:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    end = node.end_mark
    line = end.line if end.column > 0 else end.line - 1
    while line > node.start_mark.line and not lines[line].strip():
        line -= 1
    return line


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def append_entries(text: str, key: str, entries: list[Entry], comment: str = "") -> str:
    """``text`` with ``entries`` added at the end of the top-level list ``key`` (created at the end
    of the file when absent). Only insertions: every byte of ``text`` stays, in order."""
    import yaml

    if not entries:
        return text
    nl = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    pair = next(((k, v) for k, v in root.value if k.value == key), None) if isinstance(root, yaml.MappingNode) else None
    if pair is None:
        head = "" if not text or text.endswith("\n") else nl
        block = [_commented(f"{key}:", comment)] + [ln for e in entries for ln in entry_lines(e, 2)]
        return text + head + nl + nl.join(block) + nl
    k, v = pair
    if isinstance(v, yaml.SequenceNode) and v.flow_style is True:
        offset = sum(len(ln) for ln in lines[:v.end_mark.line]) + v.end_mark.column - 1
        if text[offset] != "]":
            raise ValueError(f"liste « {key} » : fin de liste introuvable")
        return text[:offset] + (", " if v.value else "") + ", ".join(flow_entry(e) for e in entries) + text[offset:]
    if isinstance(v, yaml.ScalarNode):
        if v.style or v.value not in NULL_WORDS:
            raise ValueError(f"« {key} » n'est pas une liste")
        # an empty key (``paiements:``): the items go on the lines below it
        at, dash = k.start_mark.line + 1, k.start_mark.column + 2
        if v.value:  # ``paiements: ~`` would make the list null: only that token is taken out
            line = lines[at - 1]
            lines[at - 1] = line[:v.start_mark.column] + line[v.end_mark.column:]
    elif isinstance(v, yaml.SequenceNode):
        dash = v.start_mark.column
        at = _last_line(v, lines) + 1
        while at < len(lines) and lines[at].lstrip().startswith("#") and _indent(lines[at]) > dash:
            at += 1  # comments indented under the last item belong to it
    else:
        raise ValueError(f"« {key} » n'est pas une liste")
    if at > 0 and at <= len(lines) and not lines[at - 1].endswith(("\n", "\r")):
        lines[at - 1] += nl
    new = [ln + nl for e in entries for ln in entry_lines(e, dash)]
    return "".join(lines[:at] + new + lines[at:])
