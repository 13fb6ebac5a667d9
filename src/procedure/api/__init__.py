"""The use cases, callable without the command line; one module per family.

- :mod:`procedure.api.dossier`: read, check, create an example;
- :mod:`procedure.api.decompte`: the statement of account at a date (data: JSON, CSV);
- :mod:`procedure.api.lettres`: relance, avertissement, mise en demeure, the décompte as a document;
- :mod:`procedure.api.injonction` and :mod:`procedure.api.pieces`: the court file;
- :mod:`procedure.api.commissaire`: the packet handed to a commissaire de justice; :mod:`procedure.api.paquet`:
  its check and its debtor on the office's side; :mod:`procedure.api.petites_creances`: the procédure
  simplifiée de recouvrement des petites créances;
- :mod:`procedure.api.suivi`, :mod:`procedure.api.etat`, :mod:`procedure.api.noter`: the dossier
  through time;
- :mod:`procedure.api.modeles`: the templates;
- :mod:`procedure.api.importer` (and its writing half, ``importer_ecriture``): dossiers from
  e-invoices, a FEC or a spreadsheet.

Every function takes plain arguments and returns data or paths; errors are
:class:`procedure.erreurs.ProcedureError` subclasses carrying French messages. Each reads the
dossier's state at its date through :func:`procedure.etat.at`.
"""
