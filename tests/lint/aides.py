"""Build a catalogue in a temporary folder and run the linter on it."""

from __future__ import annotations

from pathlib import Path

from cpom_rules.lint import check
from cpom_rules.problemes import Niveau, Probleme
from tests.spec.fabrique import CATALOGUE, FICHE, charger, codes_erreurs, remplacer

# The bed tiers as printed in the Occitanie annex: 500 beds exactly is in no tier.
CATALOGUE_STRATES = remplacer(
    CATALOGUE,
    (
        "    libelle: Tous les établissements\n",
        "    libelle: Tous les établissements\n"
        "  grands:\n    libelle: Plus de 500 lits\n    condition: lits > 500\n"
        "  intermediaires:\n    libelle: Entre 100 et 499 lits\n    condition: 100 <= lits <= 499\n"
        "  petits:\n    libelle: Moins de 100 lits\n    condition: lits < 100\n",
    ),
)

TABLE_STRATES = (
    "      grands:\n        2025-2029: {type: seuil, min: 30}\n"
    "      intermediaires:\n        2025-2029: {type: seuil, min: 20}\n"
    "      petits:\n        2025-2029: {type: seuil, min: 10}\n"
)
TABLE_TOUS = (
    '      tous:\n        2025: {type: seuil, min: 10, texte: "≥ 10 %"}\n'
    '        2026-2029: {type: seuil, min: 20, texte: "≥ 20 %"}\n'
)


def fiche_avec_table(table: str, *paires: tuple[str, str]) -> str:
    """The minimal fiche with its target table replaced by `table`."""
    return remplacer(FICHE, (TABLE_TOUS, table), *paires)


def avertissements(
    dossier: Path, fiches: dict[str, str], catalogue: str = CATALOGUE
) -> list[Probleme]:
    """The linter's warnings on a catalogue that must load without error."""
    charge, problemes = charger(dossier, dict(fiches), catalogue)
    assert codes_erreurs(problemes) == [], [p.texte() for p in problemes]
    assert charge is not None
    resultat = check(charge)
    assert all(p.niveau is Niveau.AVERTISSEMENT for p in resultat)
    for probleme in resultat:
        assert probleme.message and probleme.fichier is not None, probleme
    return resultat


def codes(problemes: list[Probleme]) -> list[str]:
    return [p.code for p in problemes]
