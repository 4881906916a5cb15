"""Keep spreadsheets from executing what a dataset wrote.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula for Excel or LibreOffice; such texts are prefixed with an apostrophe, the usual
neutralisation (OWASP "CSV injection"). Numbers are never touched.
"""

from __future__ import annotations

DECLENCHEURS = ("=", "+", "-", "@", "\t", "\r")


def neutraliser(valeur: object) -> object:
    """The value, with formula-looking texts made inert."""
    if isinstance(valeur, str) and valeur.startswith(DECLENCHEURS):
        return "'" + valeur
    return valeur
