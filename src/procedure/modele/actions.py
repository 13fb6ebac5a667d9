"""The one vocabulary of actions: what can happen in a dossier's life (SPEC §5.1).

``historique[].action`` in ``dossier.yaml``, the journal, ``procedure noter``, the wording of
documents, the exhibits and the checks all use these values and nothing else.

>>> Action.parse("mise-en-demeure") is Action.MISE_EN_DEMEURE
True
>>> Action.parse("requete-injonction")  # the name the journal used before version 2
<Action.REQUETE: 'requete'>
>>> rank(Action.RELANCE) < rank(Action.MISE_EN_DEMEURE) < rank(Action.REQUETE)
True
"""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    APPEL = "appel"
    COURRIEL = "courriel"
    RELANCE = "relance"
    AVERTISSEMENT = "avertissement"
    MISE_EN_DEMEURE = "mise-en-demeure"
    PETITES_CREANCES = "petites-creances"
    REQUETE = "requete"
    ORDONNANCE = "ordonnance"
    SIGNIFICATION = "signification"
    OPPOSITION = "opposition"
    CERTIFICAT_NON_OPPOSITION = "certificat-non-opposition"
    REMISE_COMMISSAIRE = "remise-commissaire"
    ACCORD_PAIEMENT = "accord-paiement"
    AUTRE = "autre"

    @classmethod
    def parse(cls, text: str) -> Action:
        """The action named ``text`` (ValueError otherwise); old journal names are accepted."""
        return cls(ALIASES.get(text, text))

    @property
    def label(self) -> str:
        return LABELS[self]

    def agree(self, adjective: str) -> str:
        """The adjective agreed with the label: ``inscrite`` for a relance, ``inscrit`` for a courriel."""
        return adjective if self in MASCULINE else adjective + "e"


# names written by earlier versions of the tool
ALIASES = {"requete-injonction": "requete"}

LABELS = {
    Action.APPEL: "Relance téléphonique",
    Action.COURRIEL: "Courriel de relance",
    Action.RELANCE: "Relance",
    Action.AVERTISSEMENT: "Lettre d'avertissement",
    Action.MISE_EN_DEMEURE: "Mise en demeure",
    Action.PETITES_CREANCES: "Demande de recouvrement simplifié des petites créances",
    Action.REQUETE: "Requête en injonction de payer",
    Action.ORDONNANCE: "Ordonnance d'injonction de payer",
    Action.SIGNIFICATION: "Signification de l'ordonnance",
    Action.OPPOSITION: "Opposition",
    Action.CERTIFICAT_NON_OPPOSITION: "Certificat de non-opposition",
    Action.REMISE_COMMISSAIRE: "Remise du dossier au commissaire de justice",
    Action.ACCORD_PAIEMENT: "Accord de paiement",
    Action.AUTRE: "Autre événement",
}

MASCULINE = {Action.COURRIEL, Action.CERTIFICAT_NON_OPPOSITION, Action.ACCORD_PAIEMENT, Action.AUTRE}

# The recovery ladder: a letter lower than one already sent is produced with a warning.
LADDER = (Action.RELANCE, Action.AVERTISSEMENT, Action.MISE_EN_DEMEURE, Action.PETITES_CREANCES,
          Action.REQUETE, Action.ORDONNANCE, Action.SIGNIFICATION, Action.CERTIFICAT_NON_OPPOSITION,
          Action.REMISE_COMMISSAIRE)

# The amicable steps a requête and a mise en demeure recall (CPC 1407: "démarches amiables").
AMICABLE = (Action.APPEL, Action.COURRIEL, Action.RELANCE, Action.AVERTISSEMENT, Action.MISE_EN_DEMEURE,
            Action.PETITES_CREANCES, Action.ACCORD_PAIEMENT)
REMINDERS = (Action.APPEL, Action.COURRIEL, Action.RELANCE)

# What each action relies on: it cannot be dated before the latest of these (when one exists),
# and for those in REQUIRED one must exist.
RELIES_ON = {
    Action.ORDONNANCE: (Action.REQUETE,),
    Action.SIGNIFICATION: (Action.ORDONNANCE,),
    Action.OPPOSITION: (Action.SIGNIFICATION, Action.ORDONNANCE),
    Action.CERTIFICAT_NON_OPPOSITION: (Action.SIGNIFICATION,),
}
REQUIRED = {
    Action.SIGNIFICATION: Action.ORDONNANCE,
    Action.OPPOSITION: Action.ORDONNANCE,
    Action.CERTIFICAT_NON_OPPOSITION: Action.ORDONNANCE,
}


def rank(action: Action) -> int:
    """Position on the ladder (0 for an action that is not a rung)."""
    return LADDER.index(action) + 1 if action in LADDER else 0


class Document(StrEnum):
    """The kinds of document the tool produces; the value is the one in file names."""

    RELANCE = "relance"
    AVERTISSEMENT = "avertissement"
    MISE_EN_DEMEURE = "mise-en-demeure"
    DECOMPTE = "decompte"
    REQUETE = "requete-injonction"
    BORDEREAU = "bordereau"
    PIECES = "pieces"
    REMISE_COMMISSAIRE = "remise-commissaire"
    PETITES_CREANCES = "petites-creances"

    @property
    def action(self) -> Action | None:
        """The event that producing this document is (a décompte is not an event)."""
        return DOCUMENT_ACTIONS.get(self)


LETTERS = (Document.RELANCE, Document.AVERTISSEMENT, Document.MISE_EN_DEMEURE)
DOCUMENT_ACTIONS = {Document.RELANCE: Action.RELANCE, Document.AVERTISSEMENT: Action.AVERTISSEMENT,
                    Document.MISE_EN_DEMEURE: Action.MISE_EN_DEMEURE, Document.REQUETE: Action.REQUETE,
                    Document.REMISE_COMMISSAIRE: Action.REMISE_COMMISSAIRE,
                    Document.PETITES_CREANCES: Action.PETITES_CREANCES}
