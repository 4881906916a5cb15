"""The printed cell against the encoded target."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lint.aides import avertissements, codes, fiche_avec_table


def _cellule(cible: str) -> str:
    return fiche_avec_table(f"      tous:\n        2025-2029: {cible}\n")


def test_inferieur_imprime_mais_minimum_code(tmp_path: Path) -> None:
    problemes = avertissements(
        tmp_path, {"CPOM_T_1.yaml": _cellule('{type: seuil, min: 1, texte: "< 1"}')}
    )
    assert codes(problemes) == ["texte_cible_divergent"]
    probleme = problemes[0]
    assert probleme.message == (
        "le texte imprimé « < 1 » ne correspond pas à la cible codée (≥ 1\u00a0%) : "
        "le texte dit « inférieur » mais la cible est un minimum"
    )
    assert probleme.chemin == "mesures.taux_formes.cibles.tous.2025-2029.texte"
    assert (probleme.ligne, probleme.colonne) == (24, 49)  # the quoted value


@pytest.mark.parametrize(
    ("cible", "constat"),
    [
        (
            '{type: seuil, max: 5, texte: "≥ 5 %"}',
            "le texte dit « supérieur » mais la cible est un maximum",
        ),
        ('{type: seuil, min: 15, texte: "≥ 10 %"}', "nombres imprimés 10, codés 15"),
        ('{type: increment, valeur: 2, texte: "+ 2 points"}', "le texte parle de points"),
        (
            '{type: k_parmi_n, k: 2, elements: [a, b, c], texte: "1/4"}',
            "nombres imprimés 1, 4, codés 2, 3",
        ),
    ],
)
def test_divergences(tmp_path: Path, cible: str, constat: str) -> None:
    fiche = _cellule(cible)
    if "k_parmi_n" in cible:
        fiche = fiche.replace(
            "variables:\n",
            "variables:\n"
            + "".join(f"  v{n}:\n    libelle: {n}\n    type: booleen\n" for n in "abc"),
        ).replace(
            "preuves:\n",
            "".join(
                f"  {n}:\n    libelle: {n}\n    formule: {{expression: v{n}}}\n    unite: oui/non\n"
                for n in "abc"
            )
            + "preuves:\n",
        )
    problemes = [
        p
        for p in avertissements(tmp_path, {"CPOM_T_1.yaml": fiche})
        if p.code == "texte_cible_divergent"
    ]
    assert len(problemes) == 1
    assert constat in problemes[0].message


@pytest.mark.parametrize(
    "cible",
    [
        '{type: seuil, min: 10, texte: "≥ 10 %"}',
        '{type: seuil, min: 10, texte: "Au moins 10 %"}',
        '{type: seuil, max: 10, texte: "≤ 10 %"}',
        '{type: seuil, min: 10, max: 20, texte: "entre 10 et 20 %"}',
        '{type: variation_points, points: 2, texte: "+2 points / 2024"}',
        '{type: jalon, libelle: Plan adopté, texte: "Plan adopté en 2026"}',
        "{type: seuil, min: 10}",
    ],
)
def test_textes_conformes_ne_disent_rien(tmp_path: Path, cible: str) -> None:
    problemes = avertissements(tmp_path, {"CPOM_T_1.yaml": _cellule(cible)})
    assert "texte_cible_divergent" not in codes(problemes)
