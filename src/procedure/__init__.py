"""procedure — dossiers de recouvrement de créances en droit français.

The library can be used without the command line::

    from procedure.api import dossier, decompte
    d = dossier.load("samples/commercant")
    statement = decompte.compute(d, au=datetime.date(2025, 6, 30))

Importing this package is cheap: heavy renderers (WeasyPrint, docxtpl, pikepdf)
are imported only when a document is produced.
"""

__version__ = "0.1.0"
