"""The ``--creancier`` file of ``procedure importer``: the user's own ``creancier:`` block, checked
with the dossier's schema, and kept as written (comments included) to be copied into every
dossier the import creates. Any dossier.yaml will do: its other keys are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from procedure.erreurs import DossierError, Problem, os_reason
from procedure.lecture import dossier_yaml as reader
from procedure.lecture.schema import Located
from procedure.lecture.syntaxe import compose
from procedure.modele import dossier as m


@dataclass(frozen=True)
class Creditor:
    party: m.Party
    block: str  # the ``creancier:`` block as the user wrote it, ending with a newline
    logo: str = ""  # the logo's path as written (relative to the file), to copy beside each dossier
    source: Path = Path()


def read_creditor(path: Path) -> Creditor:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise DossierError(path, [Problem(f"lecture impossible ({os_reason(exc)})")]) from None
    except UnicodeDecodeError as exc:
        raise DossierError(path, [Problem(f"le fichier n'est pas en UTF-8 (octet {exc.start})")]) from None
    node = compose(text, path)
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise DossierError(path, [Problem("attendu une table avec une clé « creancier: »", line=1)])
    log = Located()
    found = None
    keys = [k for k, _ in node.value]
    for i, (key, value) in enumerate(node.value):
        if key.value == "creancier":
            found = (i, key, value)
        elif key.value not in reader.DOSSIER.keys:
            log.add(key, key.value, "clé inconnue (le fichier donne le bloc « creancier: » d'un dossier)")
    if found is None:
        raise DossierError(path, log.problems + [Problem("pas de bloc « creancier: » (type, nom, adresse… du "
                                                         "créancier)", field="creancier")])
    i, key, value = found
    values = reader.CREANCIER.read(value, "creancier", log)
    if log.problems or values is None:
        raise DossierError(path, log.problems)
    party = reader._party(values, path.parent, ("iban", "bic", "logo", "signataire"))
    lines = text.splitlines(keepends=True)
    end = keys[i + 1].start_mark.line if i + 1 < len(keys) else len(lines)
    block = lines[key.start_mark.line:end]
    while block and not block[-1].strip():
        block.pop()
    block_text = "".join(block)
    if not block_text.endswith("\n"):
        block_text += "\n"
    logo = values.get("logo", "")
    if logo and (Path(logo).is_absolute() or ".." in Path(logo).parts or not (path.parent / logo).is_file()):
        raise DossierError(path, [Problem(f"logo « {logo} » : fichier introuvable à côté de ce fichier (chemin "
                                          "relatif simple attendu)", field="creancier.logo",
                                          line=values["__node__"]["logo"].start_mark.line + 1)])
    return Creditor(party=party, block=block_text, logo=logo, source=path)
