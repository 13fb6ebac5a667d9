"""Factur-X and ZUGFeRD PDFs: the invoice XML embedded in the PDF (extracted with the
``factur-x`` library), read as CII by :mod:`procedure.lecture.xml_facture`. The PDF itself
becomes the invoice's exhibit.

The library and pypdf report what they find through logging; their messages are collected here
and turned into one French error when the PDF yields no invoice (corrupt, encrypted, or a PDF
without an embedded invoice), so nothing is logged behind the user's back.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

from procedure.erreurs import DossierError, Problem, os_reason
from procedure.lecture.import_commun import ImportedInvoice
from procedure.lecture.xml_facture import read_invoice

# the names under which the standards embed the invoice, most specific first
EMBEDDED_NAMES = ["factur-x.xml", "zugferd-invoice.xml", "ZUGFeRD-invoice.xml", "xrechnung.xml", "*.xml"]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.messages.append(record.getMessage())


@contextmanager
def _collected(*names: str):
    """Route the named loggers' records to a list for the duration (and nowhere else)."""
    handler = _Collect()
    loggers = [logging.getLogger(n) for n in names]
    saved = [(lg.propagate, lg.level) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.propagate = False
        lg.setLevel(logging.WARNING)
    try:
        yield handler.messages
    finally:
        for lg, (propagate, level) in zip(loggers, saved):
            lg.removeHandler(handler)
            lg.propagate = propagate
            lg.setLevel(level)


def extract_xml(path: Path) -> tuple[str, bytes]:
    """(attachment name, XML bytes) of the invoice embedded in a PDF; DossierError otherwise."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DossierError(path, [Problem(f"lecture impossible ({os_reason(exc)})")]) from None
    if not data.lstrip()[:5] == b"%PDF-":
        raise DossierError(path, [Problem("ce fichier n'est pas un PDF")])
    with _collected("factur-x", "pypdf") as messages:
        from facturx import get_xml_from_pdf

        try:
            name, xml = get_xml_from_pdf(data, check_xsd=False, check_schematron=False, filenames=EMBEDDED_NAMES)
        except Exception as exc:  # pypdf raises a wide family on broken or encrypted files
            raise DossierError(path, [Problem(_pdf_problem(exc))]) from None
    if not xml:
        hint = f" ({messages[0]})" if messages and "No valid" not in messages[0] else ""
        raise DossierError(path, [Problem("ce PDF ne contient pas de facture Factur-X ou ZUGFeRD (aucun XML de "
                                          f"facture joint){hint}")])
    return name, xml


def _pdf_problem(exc: Exception) -> str:
    kind = type(exc).__name__
    if kind in ("FileNotDecryptedError", "WrongPasswordError") or "decrypt" in str(exc).lower():
        return "PDF protégé par un mot de passe : enlevez la protection avant l'import"
    return f"PDF illisible ou endommagé ({kind}: {exc})"


def read_pdf(path: Path) -> ImportedInvoice:
    name, xml = extract_xml(path)
    label = "ZUGFeRD 1.0" if name.lower() == "zugferd-invoice.xml" and b"urn:ferd:" in xml[:4000] else (
        "ZUGFeRD" if name.lower() == "zugferd-invoice.xml" else "Factur-X")
    return read_invoice(xml, path, expected="cii", kind=f"{label} PDF", piece=path)
