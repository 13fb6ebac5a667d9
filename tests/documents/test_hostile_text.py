"""Untrusted text is data, never code: hostile text in every field comes out literal, in both
formats, and nothing local is read or embedded."""

from __future__ import annotations

import pytest

from readback import docx_text, pdf_text

HOSTILE = "A&B <b>gras</b> {{ 7*7 }} {% if true %}X{% endif %} </w:t><w:t>inj"
LINK = '<a rel="attachment" href="file:///etc/passwd">pj</a> <img src="file:///etc/hostname">'


def dossier_text(tmp_path) -> str:
    h = HOSTILE.replace('"', "'")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-LOCAL-FILE")
    link = LINK.replace("/etc/passwd", str(secret))
    return f"""\
reference: "REF-&-<x>"
creancier:
  type: professionnel
  nom: "{h} créancier"
  forme_juridique: "SARL {h}"
  representant: "{h}, gérant"
  adresse: {{ligne1: "{h} rue", code_postal: "69003", ville: "Lyon {h}"}}
  email: "a@b.fr"
debiteur:
  type: professionnel
  nom: '{link} débiteur'
  representant: "{h}"
  adresse: {{ligne1: "{h}", ligne2: '{link}', code_postal: "69002", ville: Lyon}}
  email: "x@y.fr"
factures:
  - numero: "{h}"
    date: 2025-03-01
    echeance: 2025-03-31
    montant_ttc: "100.00"
    objet: '{link} {h}'
"""


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory):
    from click.testing import CliRunner

    from procedure.cli import cli

    tmp = tmp_path_factory.mktemp("hostile")
    folder = tmp / "d"
    folder.mkdir()
    (folder / "dossier.yaml").write_text(dossier_text(tmp), encoding="utf-8")
    runner = CliRunner()
    out = {}
    for kind in ("relance", "avertissement", "mise-en-demeure"):
        fmt = "pdf,docx,eml" if kind != "mise-en-demeure" else "pdf,docx"
        r = runner.invoke(cli, [kind, str(folder), "--date", "2025-06-30", "--format", fmt])
        assert r.exit_code == 0, r.output
    for p in (folder / "sortie").iterdir():
        out[p.name] = p
    return out


def test_hostile_text_is_literal_in_pdf_and_docx(hostile_outputs):
    for name, path in hostile_outputs.items():
        if name.endswith(".pdf"):
            text = pdf_text(path)
        elif name.endswith(".docx"):
            text = docx_text(path)
        else:
            continue
        assert HOSTILE.replace('"', "'") in text or "A&B <b>gras</b> {{ 7*7 }}" in text, name
        assert "{% if true %}X{% endif %}" in text, name
        assert "</w:t><w:t>inj" in text, name
        assert "file:///" in text and 'rel="attachment"' in text, name  # shown, not followed
        assert "SECRET-LOCAL-FILE" not in text, name


def test_no_file_is_embedded_or_linked(hostile_outputs):
    from pypdf import PdfReader

    for name, path in hostile_outputs.items():
        raw = path.read_bytes()
        assert b"SECRET-LOCAL-FILE" not in raw, name
        if name.endswith(".pdf"):
            reader = PdfReader(str(path))
            assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get_object())
            for page in reader.pages:
                assert "/Annots" not in page or not any(
                    "/URI" in str(a.get_object()) for a in page["/Annots"]), name


def test_filename_is_made_safe(hostile_outputs):
    import re

    # the unsafe characters become "-", and a hash of the exact reference keeps it distinct
    assert all(re.match(r"^2025-06-30_REF-x~[0-9a-f]{10}_[a-z-]+\.(pdf|docx|eml)$", name) for name in hostile_outputs), \
        list(hostile_outputs)


def test_eml_headers_stay_single_lines(hostile_outputs):
    import email
    import email.policy

    eml = next(p for n, p in hostile_outputs.items() if n.endswith("relance.eml"))
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert "x@y.fr" in msg["To"] and "\n" not in msg["Subject"]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://example.com/x.png", "https://example.com/a.css",
                                 "procedure:polices/../../../etc/passwd", "procedure:ailleurs/x",
                                 "data:text/html;base64,PGI+eDwvYj4="])
def test_fetcher_refuses_everything_but_our_assets(url):
    from procedure.rendu.pdf import make_fetcher
    from procedure.rendu.modeles import TemplateSet

    with pytest.raises(ValueError):
        make_fetcher(TemplateSet())(url)


def test_fetcher_serves_fonts_and_template_files():
    from procedure.rendu.pdf import make_fetcher
    from procedure.rendu.modeles import TemplateSet

    fetch = make_fetcher(TemplateSet())
    assert fetch("procedure:polices/LiberationSerif-Regular.ttf").read()[:4] == b"\x00\x01\x00\x00"
    assert b"@page" in fetch("procedure:modeles/lettre.css").read()


def test_sandbox_blocks_template_code():
    from jinja2.exceptions import SecurityError

    from procedure.rendu.modeles import make_env

    env = make_env()
    with pytest.raises(SecurityError):
        env.from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()
    assert env.from_string("{{ x }}").render(x="<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
