"""Input adapters, one per format.

- :mod:`dossier_yaml` (and :mod:`politique`): a dossier, read strictly into a
  :class:`procedure.modele.dossier.Dossier`;
- for ``procedure importer``: :mod:`facturx` (Factur-X/ZUGFeRD PDF), :mod:`xml_facture` (CII and
  UBL), :mod:`fec`, :mod:`tableur` (CSV/XLSX) and :mod:`creancier` (the ``--creancier`` file), each
  giving the neutral records of :mod:`import_commun` and writing nothing.

Each raises a :class:`procedure.erreurs.DossierError` listing every problem with file, line and
field.
"""

# what ``procedure importer --format`` accepts: named here, where the command's options are built
# without importing the readers
IMPORT_FORMATS = ("auto", "csv", "xlsx", "facturx", "ubl", "cii", "fec")
