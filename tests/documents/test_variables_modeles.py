"""Every variable a shipped template uses (DOCX and HTML) exists in the context it is given.

Rendering catches a missing variable only on the branch it takes; this test reads every
template's syntax tree instead, follows loops, includes and the base letter, and resolves each
``name.attribute`` chain against real contexts (the samples, at a date where every branch that
depends on the data is filled)."""

from __future__ import annotations

from datetime import date

import pytest
from jinja2 import nodes

from conftest import SAMPLES

LETTERS = ("relance", "avertissement", "mise-en-demeure", "decompte")


def _path(node, scope):
    """The context path of an expression (("factures", "[]", "numero")), or None."""
    if isinstance(node, nodes.Name):
        return scope.get(node.name, (node.name,))
    if isinstance(node, nodes.Getattr):
        base = _path(node.node, scope)
        return base + (node.attr,) if base else None
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Slice):  # a slice of a list is a list
        return _path(node.node, scope)
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        base = _path(node.node, scope)
        return base + (node.arg.value,) if base else None
    if isinstance(node, nodes.Filter):
        return _path(node.node, scope)
    return None


def _walk(node, scope, env, out, seen, overridden=frozenset(), in_base=False):
    """Collect the context paths ``node`` reads; in a base template, the blocks the child template
    overrides (``overridden``) are not rendered, so not read."""
    if in_base and isinstance(node, nodes.Block) and node.name in overridden:
        return
    if isinstance(node, nodes.For):
        for expr in (node.iter, node.test):
            if expr is not None:
                _walk(expr, scope, env, out, seen)
        inner = dict(scope)
        base = _path(node.iter, scope)
        if isinstance(node.target, nodes.Name) and base:
            inner[node.target.name] = base + ("[]",)
        inner["loop"] = ("loop",)
        for child in node.body + node.else_:
            _walk(child, inner, env, out, seen, overridden, in_base)
        return
    if isinstance(node, (nodes.Include, nodes.Extends)) and isinstance(node.template, nodes.Const):
        name = node.template.value
        if name not in seen:
            seen.add(name)
            source = env.loader.get_source(env, name)[0]
            _walk(env.parse(source), scope, env, out, seen, overridden, in_base or isinstance(node, nodes.Extends))
        return
    if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
        path = _path(node, scope)
        if path and path[0] not in ("loop", "true", "false", "none"):
            out.add(path)
        if isinstance(node, nodes.Getattr) or isinstance(node, nodes.Getitem):
            return
    for child in node.iter_child_nodes():
        _walk(child, scope, env, out, seen, overridden, in_base)


def _missing(ctx, path):
    values = [ctx]
    for i, key in enumerate(path):
        nxt = []
        for v in values:
            if key == "[]":
                if not isinstance(v, (list, tuple)):
                    return f"{'.'.join(path[:i])} n'est pas une liste"
                nxt.extend(v)
            elif isinstance(v, dict):
                if key not in v:
                    return ".".join(str(p) for p in path[:i + 1])
                nxt.append(v[key])
            else:
                return f"{'.'.join(str(p) for p in path[:i + 1])} (sur une valeur {type(v).__name__})"
        values = nxt
    return None


def _used(kind: str, ext: str) -> set[tuple]:
    from procedure.rendu.modeles import TemplateSet

    ts = TemplateSet()
    env = ts.env
    if ext == "html":
        tree = env.parse(env.loader.get_source(env, f"{kind}.html")[0])
    else:
        from docxtpl import DocxTemplate

        tpl = DocxTemplate(str(ts.path(f"{kind}.docx")))
        from docx import Document

        doc = Document(str(ts.path(f"{kind}.docx")))
        xml = tpl.patch_xml(tpl.xml_to_string(doc._element.body))
        for rel in doc.part.rels.values():
            if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI):
                from docx.oxml import parse_xml

                xml += tpl.patch_xml(tpl.xml_to_string(parse_xml(rel.target_part.blob)))
        tree = env.parse(xml)
    out: set[tuple] = set()
    _walk(tree, {}, env, out, set(), frozenset(b.name for b in tree.find_all(nodes.Block)))
    return out


def _contexts(kind: str):
    """Real contexts for ``kind``: each sample dossier at a date past its due dates."""
    from procedure import etat
    from procedure.api.dossier import load
    from procedure.contexte import bordereau, lettres, requete
    from procedure.droit.decompte import compute
    from procedure.droit.juridiction import resolve
    from procedure.modele.actions import Document
    from procedure.pieces.recueil import collect

    when = date(2026, 6, 30)
    out = []
    for name in ("commercant", "particulier", "acheteur-public"):
        state = etat.at(load(SAMPLES / name), when)
        d = compute(state, when)
        if kind in LETTERS:
            out.append(lettres.build(Document(kind), state, d, when, list(state.historique)))
        elif kind == "bordereau":
            ex = collect(state, before=when)
            out.append(bordereau.build(state, "Tribunal", when, ex.exhibits, ex.pages, cover=True))
        elif kind == "injonction" and name != "acheteur-public":
            ex = collect(state, before=when)
            out.append(requete.build(state, d, resolve(state, d.total, when), when, list(state.historique),
                                     ex.exhibits, True)[0])
        elif kind == "fiche-de-transmission":
            out += [_fiche(state, when), _fiche(_with_title(state), when)]
        elif kind == "petites-creances" and name != "acheteur-public":
            from procedure.contexte import petites_creances
            from procedure.droit.petites_creances import area, claim

            ex = collect(state, before=when)
            for n in (None, 3):
                out.append(petites_creances.build(state, d, claim(d, when), area(state), when, ex.exhibits, n))
    return out


def _with_title(state):
    """The state with an ordonnance served (and costs): every branch of the fiche filled."""
    import dataclasses
    from decimal import Decimal

    from procedure.modele import dossier as m
    from procedure.modele.actions import Action

    more = (m.HistoryEntry(date=date(2026, 3, 16), action=Action.ORDONNANCE, numero="RG 26/1"),
            m.HistoryEntry(date=date(2026, 3, 30), action=Action.SIGNIFICATION, frais=Decimal("50.00")))
    return dataclasses.replace(state, historique=state.historique + more)


def _fiche(state, when):
    from procedure.api.commissaire import history
    from procedure.contexte import remise
    from procedure.droit.decompte import compute
    from procedure.droit.titre import interest_ahead

    d = compute(state, when)
    _, lines = history(state, when)
    return remise.build(state, d, when, "Tribunal", lines, interest_ahead(d), [remise.Enclosed("a.pdf", "A", 1)],
                        True, date(2026, 9, 16))


KINDS = [*LETTERS, "injonction", "bordereau", "fiche-de-transmission", "petites-creances"]


def test_every_shipped_template_is_checked():
    """The kinds below and the templates they include or extend are every .docx and .html of
    modeles/: a new template cannot escape the check."""
    from procedure.rendu.modeles import TemplateSet, package_dir

    env = TemplateSet().env
    reached: set[str] = set()
    for kind in KINDS:
        reached |= {f"{kind}.html", f"{kind}.docx"}
        _walk(env.parse(env.loader.get_source(env, f"{kind}.html")[0]), {}, env, set(), reached)
    shipped = {p.name for p in package_dir().iterdir() if p.suffix in (".html", ".docx")}
    assert shipped == reached, f"modèles non vérifiés : {sorted(shipped - reached)}"


@pytest.mark.parametrize("ext", ["html", "docx"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_template_variable_exists_in_the_context(kind, ext):
    used = _used(kind, ext)
    assert used, "aucune variable trouvée : l'analyse ne lit pas le modèle"
    for ctx in _contexts(kind):
        ctx = {**ctx, "logo": ""}  # added by the DOCX renderer
        missing = sorted({m for p in used if (m := _missing(ctx, p))})
        assert not missing, f"{kind}.{ext} : variables absentes du contexte : {missing}"
