"""Target kinds that do not fit the measure (ADVERSARIAL B.15)."""

from __future__ import annotations

from pathlib import Path

from tests.lint.aides import avertissements, codes, fiche_avec_table

NOMBRE = ('    unite: "%"\n', "    unite: actions\n")


def test_points_sur_un_nombre(tmp_path: Path) -> None:
    fiche = fiche_avec_table(
        "      tous:\n        2025-2029: {type: variation_points, points: 2}\n", NOMBRE
    )
    problemes = avertissements(tmp_path, {"CPOM_T_1.yaml": fiche})
    assert codes(problemes) == ["points_hors_taux"]
    assert (
        problemes[0].message
        == "cible en points sur une mesure qui n'est pas un taux (unité « actions »)"
    )
    assert problemes[0].chemin == "mesures.taux_formes.cibles.tous.2025-2029"
    assert (problemes[0].ligne, problemes[0].colonne) == (24, 20)


def test_points_sur_un_taux_ne_disent_rien(tmp_path: Path) -> None:
    fiche = fiche_avec_table(
        "      tous:\n        2025-2029: {type: variation_points, points: 2}\n"
    )
    assert avertissements(tmp_path, {"CPOM_T_1.yaml": fiche}) == []


FICHE_OUI_NON = (
    (
        "variables:\n",
        "variables:\n  plan_adopte:\n    libelle: Plan adopté\n    type: booleen\n",
    ),
    (
        "preuves:\n",
        "  plan:\n    libelle: Plan adopté\n    formule: {expression: plan_adopte}\n    unite: oui/non\n"
        "    cibles:\n      tous:\n        2025-2029: {type: seuil, min: 50}\npreuves:\n",
    ),
)


def test_pourcentage_sur_un_oui_non(tmp_path: Path) -> None:
    fiche = fiche_avec_table(
        "      tous:\n        2025-2029: {type: seuil, min: 10}\n", *FICHE_OUI_NON
    )
    problemes = avertissements(tmp_path, {"CPOM_T_1.yaml": fiche})
    assert codes(problemes) == ["pourcentage_sur_booleen"]
    assert problemes[0].message == "cible seuil sur une mesure oui/non"
    assert problemes[0].chemin == "mesures.plan.cibles.tous.2025-2029"


def test_oui_non_sur_un_nombre(tmp_path: Path) -> None:
    fiche = fiche_avec_table("      tous:\n        2025-2029: {type: oui_non, attendu: oui}\n")
    problemes = avertissements(tmp_path, {"CPOM_T_1.yaml": fiche})
    assert codes(problemes) == ["oui_non_sur_nombre"]
    assert problemes[0].message == "cible oui_non sur une mesure numérique"


def test_variation_relative_sur_un_taux_signalee_une_fois(tmp_path: Path) -> None:
    fiche = fiche_avec_table(
        "      tous:\n        2025: {type: variation_relative, pourcentage: 3, texte: '+3 %'}\n"
        "        2026-2029: {type: variation_relative, pourcentage: 5}\n"
    )
    problemes = avertissements(tmp_path, {"CPOM_T_1.yaml": fiche})
    assert codes(problemes) == ["pourcentage_ambigu"]
    assert problemes[0].message.startswith(
        "« +3 % » sur un taux : lecture « variation relative » retenue"
    )
    assert "+3 points" in problemes[0].message


def test_cible_visant_une_autre_mesure(tmp_path: Path) -> None:
    """`mesure:` in a composite target: the unit checked is that of the measure aimed at."""
    fiche = fiche_avec_table(
        "      tous:\n        2025-2029: {type: et, conditions: [{type: seuil, min: 10}, {type: oui_non, mesure: plan}]}\n",
        *FICHE_OUI_NON,
    )
    fiche = fiche.replace(
        "        2025-2029: {type: seuil, min: 50}\n", "        2025-2029: {type: oui_non}\n"
    )
    assert avertissements(tmp_path, {"CPOM_T_1.yaml": fiche}) == []
