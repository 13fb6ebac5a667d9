"""procedure — dossiers de recouvrement de créances en droit français.

The library can be used without the command line::

    from procedure import api
    dossier = api.load_dossier("samples/commercant")
    decompte = api.compute_decompte(dossier, au=datetime.date(2025, 6, 30))

Importing this package is cheap: heavy renderers (WeasyPrint, docxtpl, pypdf)
are imported only when a document is produced.
"""

__version__ = "0.1.0"
