"""The words a contract puts into results: which version of the contract set a target."""

from __future__ import annotations

from cpom_rules.messages import Langue, phrase_de

TEXTES: dict[str, tuple[str, str]] = {
    "contrat_initial": ("contrat initial du {date}", "initial contract of {date}"),
    "avenant": (
        "avenant n°{numero} du {date}, applicable dès {annee}",
        "amendment no. {numero} of {date}, applicable from {annee}",
    ),
    "cible_choisie": (
        "{signe} {valeur} (cible choisie le {date} par {par})",
        "{signe} {valeur} (target chosen on {date} by {par})",
    ),
    "fiche_non_retenue": ("fiche non retenue au contrat", "fiche not retained in the contract"),
}


def texte(cle: str, langue: Langue = "fr", **params: object) -> str:
    """The sentence `cle` in `langue`, filled with `params`."""
    return phrase_de(TEXTES, cle, langue, **params)
