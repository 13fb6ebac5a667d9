"""The bordereau drawn directly (shipped template) and the one WeasyPrint lays out (a template of
the user's own) say the same thing: same texts in the same order, same page breaks. The one rule
that differs: the drawn pages are numbered "Bordereau — page i/n", the HTML ones "page i" (CSS
counts the cover in its page total)."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from readback import norm

TITLES = [
    "Bon de commande signé du 20 février 2025",
    "Conditions générales de vente applicables aux professionnels, version du 1er janvier 2025 (annexe n° 3)",
    "Facture n° F-2025-031 du 1er mars 2025",
    "Lettre recommandée avec accusé de réception — relance amiable du créancier au débiteur défaillant, restée "
    "sans réponse malgré plusieurs appels téléphoniques et un courriel du service comptable",
    "Procès-verbal de livraison signé par le réceptionnaire, avec réserves",
    "Échange de courriels (bon-de-commande-rectificatif-définitif) · « Œuvre » 1 234,56 € — ½ tarif",
    "Avis de réception de la mise en demeure du 15 juillet 2025",
    "Relevé de compte client arrêté au 30 septembre 2025",
]
LONG_WORD = "W" * 130  # longer than its column: cut anywhere


def _context(count: int, long_word: bool = False) -> dict:
    from helpers import dossier
    from procedure.contexte import bordereau
    from procedure.pieces.collecte import Exhibit

    d = dossier()
    d = dataclasses.replace(d, reference="DOS-2025-014", creancier=dataclasses.replace(
        d.creancier, nom="Atelier Dupont", representant="Marie Dupont, gérante"))
    titles = TITLES + ([LONG_WORD] if long_word else [])
    exhibits = [Exhibit(n, titles[(n - 1) % len(titles)], date(2025, 2, 20) + timedelta(days=17 * n),
                        Path(f"p{n}.pdf"), "autre", 1 + n % 7) for n in range(1, count + 1)]
    return bordereau.build(d, "Tribunal des activités économiques de Lyon", date(2026, 6, 30), exhibits,
                           sum(e.pages for e in exhibits), cover=True)


def _pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [norm(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def _both(ctx: dict) -> tuple[list[str], list[str]]:
    from procedure.pieces.bordereau_pdf import draw_front
    from procedure.rendu.documents import html_pdf
    from procedure.rendu.modeles import TemplateSet

    drawn = draw_front(ctx, "Pièces — T", "Atelier Dupont")
    assert drawn is not None
    return _pages(drawn), _pages(html_pdf("bordereau.html", ctx, TemplateSet(), "Pièces — T", "Atelier Dupont"))


@pytest.mark.parametrize("count,long_word", [(5, False), (5, True), (200, False)])
def test_drawn_and_html_bordereaux_say_the_same(count, long_word):
    drawn, html = _both(_context(count, long_word))
    assert len(drawn) == len(html), (len(drawn), len(html))
    bordereau_pages = len(drawn) - 1
    for number, (a, b) in enumerate(zip(drawn, html)):
        if number:  # the rule: "page i/n" drawn, "page i" in HTML
            assert f"Bordereau — page {number}/{bordereau_pages}" in a
            a = a.replace(f"Bordereau — page {number}/{bordereau_pages}", f"Bordereau — page {number}")
        # the same characters in the same order (lines may break elsewhere inside a word cut anywhere)
        assert "".join(a.split()) == "".join(b.split()), number
        if not long_word:
            assert a.split() == b.split(), number


def test_the_order_of_the_content():
    drawn, _ = _both(_context(5))
    cover, page = drawn
    assert cover.startswith("Pièces communiquées à l'appui de la requête en injonction de payer Tribunal des activités")
    assert "Atelier Dupont contre X Dossier DOS-2025-014 — 30 juin 2026 5 pièces, " in cover
    expected = ["Bordereau des pièces communiquées", "Juridiction : Tribunal des activités économiques de Lyon",
                "Demandeur : Atelier Dupont", "Défendeur : X", "Dossier : DOS-2025-014", "N° Pièce Date Pages",
                "1 Bon de commande signé du 20 février 2025 9 mars 2025 2", "5 pièces", "Lyon, le 30 juin 2026",
                "Pour Atelier Dupont Marie Dupont gérante", "Atelier Dupont — DOS-2025-014 Bordereau — page 1/1"]
    positions = [page.index(t) for t in expected]
    assert positions == sorted(positions)


def test_a_character_the_fonts_lack_goes_through_weasyprint():
    from procedure.pieces.bordereau_pdf import draw_front

    ctx = _context(2)
    ctx["pieces"][0]["titre"] = "Contrat 契約"
    assert draw_front(ctx, "t", "a") is None


def _fonts(path: Path) -> set[str]:
    from pypdf import PdfReader

    return {str(f.get_object()["/BaseFont"]) for p in PdfReader(path).pages for f in p["/Resources"]["/Font"].values()}


@pytest.mark.parametrize("custom", [None, "bordereau.html", "lettre.css"])
def test_a_template_of_ones_own_is_laid_out_by_weasyprint(run, sample, tmp_path, custom):
    from procedure.rendu.modeles import package_dir

    folder = sample("commercant")
    args = []
    if custom:
        own = tmp_path / "modeles"
        own.mkdir()
        text = (package_dir() / custom).read_text(encoding="utf-8")
        if custom == "bordereau.html":
            text = text.replace("Bordereau des pièces communiquées", "Bordereau de la maison")
        (own / custom).write_text(text, encoding="utf-8")
        args = ["--modeles", str(own)]
    r = run("pieces", str(folder), "--date", "2026-06-30", "--format", "pdf", *args)
    assert r.exit_code == 0, r.stderr
    path = next((folder / "sortie").glob("*_bordereau.pdf"))
    drawn = all(not re.match(r"/[A-Z]{6}\+", f) for f in _fonts(path))  # WeasyPrint subsets and tags its fonts
    assert drawn == (custom is None)
    first = _pages(path.read_bytes())[0]
    assert ("Bordereau de la maison" in first) == (custom == "bordereau.html")
    assert ("Bordereau — page 1/1" in first) == (custom is None)
