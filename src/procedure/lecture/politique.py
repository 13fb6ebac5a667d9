"""An office's policy (SPEC §5.4): ``politique.yaml`` in the dossier's folder or any parent.

    relance: 7            # days after the due date of the oldest unpaid invoice
    avertissement: 15
    mise-en-demeure: 30
    requete: 15           # days after the mise en demeure's receipt (or sending)
    modeles: ../modeles   # the office's shared templates (relative to this file)

Every key is optional; the defaults are SPEC's. Unknown keys and bad values are refused with the
file and the key named.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from procedure.erreurs import DossierError, Problem
from procedure.limites import MAX_POLICY_PARENTS

POLICY_FILE = "politique.yaml"


@dataclass(frozen=True)
class Policy:
    relance: int = 7
    avertissement: int = 15
    mise_en_demeure: int = 30
    requete: int = 15
    modeles: Path | None = None
    source: Path | None = None

    def days(self, step: str) -> int:
        return getattr(self, step.replace("-", "_"))


DEFAULT = Policy()
_DAY_KEYS = {"relance": "relance", "avertissement": "avertissement", "mise-en-demeure": "mise_en_demeure",
             "requete": "requete", "injonction": "requete"}


def find(folder: Path) -> Path | None:
    current = folder.resolve()
    for _ in range(MAX_POLICY_PARENTS):
        candidate = current / POLICY_FILE
        if candidate.is_file():
            return candidate
        if current.parent == current:
            return None
        current = current.parent
    return None


def load(folder: Path) -> Policy:
    """The policy that governs the dossier in ``folder`` (the default when none is found)."""
    path = find(folder)
    if path is None:
        return DEFAULT
    import yaml

    from procedure.lecture import syntaxe

    try:
        syntaxe.check_size(path.stat().st_size, path)
        text = path.read_text(encoding="utf-8")
        syntaxe.check_depth(text, path)
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise syntaxe.syntax_error(exc, text, path) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # ValueError: an impossible date such as 2025-13-45
        raise DossierError(path, [Problem(f"politique illisible ({exc.__class__.__name__})")]) from None
    data = data or {}
    if not isinstance(data, dict):
        raise DossierError(path, [Problem("attendu une table (clé: valeur)")])
    values: dict = {"source": path}
    problems = []
    for key, value in data.items():
        if key in _DAY_KEYS:
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3650:
                problems.append(Problem("un nombre de jours entre 0 et 3650 est attendu", field=str(key)))
            else:
                values[_DAY_KEYS[key]] = value
        elif key == "modeles":
            values["modeles"] = (path.parent / str(value)).resolve()
        else:
            problems.append(Problem(f"clé inconnue (permises : {', '.join([*_DAY_KEYS, 'modeles'])})", field=str(key)))
    if problems:
        raise DossierError(path, problems)
    return Policy(**values)
