"""The one vocabulary of e-invoice lifecycle statuses (French e-invoicing reform, IMPORTS.md), and
what each means for recovery (LEGAL.md).

``factures[].statut`` in ``dossier.yaml``, the importers, ``verifier``, the letters and the requête
all use these values and nothing else. A status is written as its code (``207``) or its French
label (``En litige``), accents and case aside.

- 207 « En litige », 208 « Suspendue », 210 « Refusée »: the buyer contests or holds the invoice;
  no injonction de payer without a look at the dispute (LEGAL.md).
- 211 « Paiement transmis », 212 « Encaissée »: stop the reminders; 213 « Rejetée »: the platform
  rejected the invoice, which the buyer never received (it is to be issued again).

>>> Status.parse("207"), Status.parse("212 - Encaissée"), Status.parse("en  LITIGE")
(<Status.EN_LITIGE: '207'>, <Status.ENCAISSEE: '212'>, <Status.EN_LITIGE: '207'>)
>>> Status.parse("Refusee").disputed, Status.parse("211").stops, Status.parse("205").disputed
(True, True, False)
>>> Status.parse("litige")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: « litige » n'est pas un statut de facture électronique ; vouliez-vous dire « en litige » ? (un code...
"""

from __future__ import annotations

import difflib
import re
from enum import StrEnum

from procedure.texte_fr import folded


class Status(StrEnum):
    DEPOSEE = "200"
    EMISE = "201"
    RECUE = "202"
    MISE_A_DISPOSITION = "203"
    PRISE_EN_CHARGE = "204"
    APPROUVEE = "205"
    APPROUVEE_PARTIELLEMENT = "206"
    EN_LITIGE = "207"
    SUSPENDUE = "208"
    COMPLETEE = "209"
    REFUSEE = "210"
    PAIEMENT_TRANSMIS = "211"
    ENCAISSEE = "212"
    REJETEE = "213"

    @classmethod
    def parse(cls, text: str) -> Status:
        """The status named by its code or its label (ValueError with a French message otherwise)."""
        text = " ".join(str(text).split())
        match = re.match(r"^(2\d\d)\b", text)
        if match and match.group(1) in cls._value2member_map_:
            return cls(match.group(1))
        key = folded(text)
        for status in cls:
            if key and key == folded(status.label):
                return status
        close = difflib.get_close_matches(key, [folded(s.label) for s in cls], n=1, cutoff=0.6)
        hint = ""
        if close:
            found = next(s for s in cls if folded(s.label) == close[0])
            hint = f" ; vouliez-vous dire « {found.label} » ?"
        raise ValueError(f"« {text} » n'est pas un statut de facture électronique{hint} (un code de 200 à 213 ou son "
                         "libellé : 207 ou « en litige »)")

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def disputed(self) -> bool:
        """The buyer contests or holds the invoice: no injonction without a look at the dispute."""
        return self in DISPUTED

    @property
    def stops(self) -> bool:
        """Nothing is to be claimed any more on this invoice (paid, or never received)."""
        return self in STOPS

    @property
    def meaning(self) -> str:
        """What the status means for recovery, in French (``""`` for a status without effect)."""
        return MEANINGS.get(self, "")

    def named(self) -> str:
        """``statut 207 « en litige »``, for messages."""
        return f"statut {self.value} « {self.label} »"


LABELS = {
    Status.DEPOSEE: "déposée", Status.EMISE: "émise", Status.RECUE: "reçue",
    Status.MISE_A_DISPOSITION: "mise à disposition", Status.PRISE_EN_CHARGE: "prise en charge",
    Status.APPROUVEE: "approuvée", Status.APPROUVEE_PARTIELLEMENT: "approuvée partiellement",
    Status.EN_LITIGE: "en litige", Status.SUSPENDUE: "suspendue", Status.COMPLETEE: "complétée",
    Status.REFUSEE: "refusée", Status.PAIEMENT_TRANSMIS: "paiement transmis", Status.ENCAISSEE: "encaissée",
    Status.REJETEE: "rejetée",
}

# LEGAL.md: 207 and 210 mean a contested claim; 208 (the buyer suspends the invoice, awaiting a
# document or an answer from the seller) calls for the same look before a judge is asked.
DISPUTED = frozenset({Status.EN_LITIGE, Status.SUSPENDUE, Status.REFUSEE})
STOPS = frozenset({Status.PAIEMENT_TRANSMIS, Status.ENCAISSEE, Status.REJETEE})

MEANINGS = {
    Status.EN_LITIGE: "le débiteur conteste la facture, la créance est contestée",
    Status.SUSPENDUE: "l'acheteur a suspendu la facture dans l'attente d'un complément (pièce, information)",
    Status.REFUSEE: "l'acheteur a refusé la facture, la créance est contestée",
    Status.PAIEMENT_TRANSMIS: "l'acheteur dit avoir transmis le paiement, ne plus relancer",
    Status.ENCAISSEE: "le paiement est encaissé, rien à réclamer",
    Status.REJETEE: "la plateforme a rejeté la facture, que l'acheteur n'a pas reçue, elle est à réémettre",
}

