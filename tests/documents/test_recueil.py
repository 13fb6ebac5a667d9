"""The bundle and each exhibit's own PDF are reproducible: the same inputs under SOURCE_DATE_EPOCH
give the same bytes (a fixed /ID, fixed dates), as a byte-reproducible packet needs."""

from __future__ import annotations

import io
from datetime import date

EPOCH = "1767225600"  # 2026-01-01 00:00:00 UTC


def _render(folder):
    from procedure import etat
    from procedure.api.dossier import load
    from procedure.api.pieces import render
    from procedure.modele.actions import Document
    from procedure.pieces.recueil import collect, exhibit_pdf
    from procedure.rendu.modeles import TemplateSet

    when = date(2026, 6, 30)
    state = etat.at(load(folder), when)
    files, _, _ = render(state, when, ("pdf",), TemplateSet(), "Tribunal des activités économiques de Lyon")
    by_name = {(name, ext): data for name, ext, data in files}
    exhibits = [exhibit_pdf(ex) for ex in collect(state, before=when).exhibits]
    return by_name[(Document.PIECES, "pdf")], by_name[(Document.BORDEREAU, "pdf")], exhibits


def test_same_inputs_same_bytes(sample, monkeypatch):
    import pikepdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    folder = sample("commercant")
    first, second = _render(folder), _render(folder)
    assert first == second
    bundle, bordereau, exhibits = first
    assert len(exhibits) == 5
    for data in (bundle, bordereau, *exhibits):
        pdf = pikepdf.open(io.BytesIO(data))
        assert str(pdf.docinfo["/CreationDate"]) == str(pdf.docinfo["/ModDate"]) == "D:20260101000000+00'00'"
        assert str(pdf.docinfo["/Producer"]) == "procedure"
    first_exhibit = pikepdf.open(io.BytesIO(exhibits[0]))
    assert str(first_exhibit.docinfo["/Title"]).startswith("Pièce n° 1 — Bon de commande")


def test_each_exhibit_pdf_is_stamped_and_labelled(sample):
    from pypdf import PdfReader

    from readback import norm

    _, _, exhibits = _render(sample("commercant"))
    for number, data in enumerate(exhibits, start=1):
        reader = PdfReader(io.BytesIO(data))
        assert reader.page_labels[0] == f"P{number}-1"
        assert f"Pièce n° {number} — page 1/{len(reader.pages)}" in norm(reader.pages[0].extract_text())
        assert [o.title for o in reader.outline][0].startswith(f"Pièce n° {number} — ")
