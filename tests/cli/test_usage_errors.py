"""Mistakes on the command line are answered in French, naming the option as the user typed it."""

from __future__ import annotations

import re

import pytest

# Click's own words, and the names of the Python parameters behind the options
ENGLISH = re.compile(r"is not|not in the range|\bvalid\b|integer|\brange\b|requires|\bargument\b|Option|"
                     r"(?<![^\W\d_])'|'(?![^\W\d_])|\b(fmt|when)\b")


@pytest.mark.parametrize("args,message", [
    (["relance", "X", "--format", "xls"], "valeur invalide pour --format : « xls » : formats permis : pdf, docx, eml"),
    (["decompte", "X", "--format", "xml"], "valeur invalide pour --format : « xml » n'est pas permis"),
    (["relance", "X", "--date", "2025-13-01"], "valeur invalide pour --date : « 2025-13-01 » est une date impossible"),
    (["relance", "X", "--delai", "0"], "valeur invalide pour --delai : 0 n'est pas compris entre 1 et 90"),
    (["relance", "X", "--delai", "abc"], "valeur invalide pour --delai : « abc » n'est pas un nombre entier"),
    (["agenda", "X", "--horizon", "-1"], "valeur invalide pour --horizon : -1 n'est pas compris entre 0 et 3650"),
    (["petites-creances", "X", "--echeancier", "99"],
     "valeur invalide pour --echeancier : 99 n'est pas compris entre 1 et 36"),
    (["relance", "X", "--date"], "l'option --date demande une valeur"),
    (["importer", "X"], "paramètre manquant : --vers"),
    (["frobnicate"], "commande inconnue « frobnicate »"),
    (["paquet", "frob"], "commande inconnue « frob »"),
])
def test_usage_errors_are_french(run, args, message):
    r = run(*args)
    assert r.exit_code == 2, r.stderr
    assert message in r.stderr, r.stderr
    first = r.stderr.splitlines()[0]
    assert not ENGLISH.search(first), first


def test_a_missing_value_points_to_the_subcommand_help(run):
    r = run("mise-en-demeure", "X", "--lrar")
    assert "Voir « procedure mise-en-demeure --help »." in r.stderr, r.stderr
