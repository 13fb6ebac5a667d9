"""YAML text -> node tree, within bounds, with syntax errors in French and located.

Before anything is composed, the text is checked against :mod:`procedure.limites`: its size, and its
depth of nesting, since libyaml's composer recurses in C and a text nested deep enough ends the
process without a word. The check is cheap for every real dossier (an upper bound computed from
indentation and brackets); only when that bound is high are the parser's events counted, which
needs no recursion and stops at the limit.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from procedure import limites
from procedure.erreurs import DossierError, Problem

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LEADING_INDICATORS = re.compile(r"^[ ?-]*", re.M)
TOO_DEEP = (f"imbrication trop profonde (plus de {limites.MAX_YAML_DEPTH} niveaux de listes ou de tables ; un dossier "
            "en compte moins de 10)")


class TextLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Composes nodes without resolving implicit types: we read every scalar as the text typed
    (and it is several times faster than running the resolver's regular expressions)."""

    def resolve(self, kind, value, implicit):
        return "tag:yaml.org,2002:str" if kind is yaml.ScalarNode else (
            "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map")


def check_size(size: int, path: Path | str) -> None:
    if size > limites.MAX_YAML_BYTES:
        raise DossierError(path, [Problem(f"fichier trop gros ({size / limites.MIB:.1f} Mio ; au plus "
                                          f"{limites.MAX_YAML_BYTES // limites.MIB} Mio)")])


def depth_bound(text: str) -> int:
    """An upper bound of the nesting depth of ``text``: a nested block collection starts further
    right than its parent (a list under a key may share its column, hence the factor 2), and each
    flow collection opens with a bracket or a brace.

    >>> depth_bound("a:\\n  b: [1, 2]\\n")
    7
    """
    indent = max(map(len, _LEADING_INDICATORS.findall(text)), default=0)
    return 2 * (indent + 1) + text.count("[") + text.count("{")


def check_depth(text: str, path: Path | str) -> None:
    """Refuse a text nested deeper than :data:`limites.MAX_YAML_DEPTH`, naming the line."""
    if depth_bound(text) <= limites.MAX_YAML_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=TextLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > limites.MAX_YAML_DEPTH:
                    raise DossierError(path, [Problem(TOO_DEEP, line=event.start_mark.line + 1)])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise syntax_error(exc, text, path) from None


def compose(text: str, path: Path | str) -> yaml.Node:
    """The node tree of ``text``, every scalar a string; DossierError (in French) otherwise."""
    check_size(len(text.encode("utf-8", "surrogatepass")), path)
    check_depth(text, path)
    try:
        node = yaml.compose(text, Loader=TextLoader)
    except yaml.YAMLError as exc:
        raise syntax_error(exc, text, path) from None
    if node is None:
        raise DossierError(path, [Problem("le fichier est vide")])
    return node


def syntax_error(exc: yaml.YAMLError, text: str, path: Path | str) -> DossierError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = problem_in_french(exc.problem or "", exc.context or "")
    elif isinstance(exc, yaml.reader.ReaderError):  # a character YAML forbids, e.g. a raw control
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        code = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        what = f"caractère U+{code:04X} interdit dans un fichier YAML (caractère de contrôle)"
    else:
        line, what = None, problem_in_french(str(exc).split("\n")[0], "")
    return DossierError(path, [Problem(f"syntaxe YAML invalide : {what}", line=line)])


# libyaml's messages (the pure-Python parser's, when libyaml is absent, start alike or are below)
_PROBLEMS_FR = {
    "mapping values are not allowed": "« : » inattendu (une valeur contenant « : » doit être entre guillemets)",
    "could not find expected ':'": "« : » attendu après la clé",
    "found character that cannot start any token": "caractère inattendu en début de valeur (« @ », « ` », "
                                                   "tabulation ? mettez la valeur entre guillemets)",
    "found a tab character": "tabulation dans l'indentation : utilisez des espaces",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet non fermé ?)",
    "found unexpected document indicator": "« --- » ou « ... » à l'intérieur d'un texte entre guillemets",
    "did not find expected key": "indentation incohérente (ou texte en trop après une valeur)",
    "did not find expected '-' indicator": "indentation incohérente dans une liste",
    "did not find expected ',' or ']'": "liste entre crochets non fermée (« ] » ou « , » attendu)",
    "did not find expected ',' or '}'": "table entre accolades non fermée (« } » ou « , » attendu)",
    "did not find expected node content": "valeur attendue (liste ou table entre crochets mal formée ?)",
    "did not find expected <document start>": "contenu inattendu après la fin du document",
    "found undefined alias": "alias YAML (« * ») inconnu",
    "found undefined tag handle": "étiquette YAML (« ! ») inconnue",
    "did not find the expected '>'": "étiquette YAML (« !< ») non fermée",
    "second occurrence": "ancre YAML (« & ») définie deux fois",
    "but found another document": "plusieurs documents YAML (« --- ») : un seul est attendu",
    "found unknown escape character": "séquence d'échappement inconnue après « \\ » (doublez-le : « \\\\ », ou "
                                      "utilisez des guillemets simples)",
    "did not find expected hexdecimal number": "séquence « \\x », « \\u » ou « \\U » mal formée",
    "found invalid Unicode character escape code": "séquence « \\u » ou « \\U » qui ne désigne aucun caractère",
    "did not find expected alphabetic or numeric character": "nom d'ancre ou d'alias (« & », « * ») vide ou mal formé",
    "found an indentation indicator equal to 0": "indicateur d'indentation 0 après « | » ou « > »",
    "did not find expected comment or line break": "texte en trop après une valeur",
    "found incompatible YAML document": "version de YAML non prise en charge (%YAML)",
    "found unknown directive name": "directive YAML (« % ») inconnue",
    "could not find expected directive name": "directive YAML (« % ») sans nom",
    "found duplicate %": "directive YAML (« % ») en double",
    "exceeded maximum nesting depth": TOO_DEEP,  # libyaml's own limit, met while it looks ahead
    "expected <block end>": "indentation incohérente",
    "expected ',' or ']'": "liste entre crochets non fermée (« ] » ou « , » attendu)",
    "expected ',' or '}'": "table entre accolades non fermée (« } » ou « , » attendu)",
    "expected the node content": "valeur attendue",
}


def problem_in_french(problem: str, context: str) -> str:
    for en, fr in _PROBLEMS_FR.items():
        if problem.startswith(en):
            return fr
    return f"erreur de syntaxe ({problem or context})" if problem or context else "erreur de syntaxe"
