"""Renderers: DOCX (docxtpl) and PDF (WeasyPrint), sharing one sandboxed Jinja environment and
one set of filters. Heavy libraries are imported inside the functions that need them."""
