"""Input adapters: the dossier YAML today; spreadsheets, Factur-X/UBL and FEC later.

Each adapter turns its input into a :class:`procedure.modele.dossier.Dossier` or raises a
:class:`procedure.erreurs.DossierError` listing every problem with file, line and field.
"""
