"""Measures that could pass for valid while computing nonsense (issue #10 Why 6): a factor
that is not positive, a rate written as an expression that exceeds 100 %."""

from __future__ import annotations

from typing import Any

import pytest

from cpom_rules import ErreurSpec, Resultats, evaluate, load_dataset
from tests.evaluation.fabrique import CODE, F1, TAUX_FORMULE, TAUX_VARIABLES, une_mesure

VARIABLES = {
    "a": {"libelle": "A", "type": "nombre"},
    "b": {"libelle": "B", "type": "nombre"},
}


@pytest.mark.parametrize("facteur", ["-100", "0", "-1"])
def test_facteur_non_positif_refuse(facteur: str) -> None:
    with pytest.raises(ErreurSpec) as erreur:
        une_mesure(
            {"type": "seuil", "min": 50},
            variables=TAUX_VARIABLES,
            formule={**TAUX_FORMULE, "facteur": facteur},
            unite="%",
        )
    [p] = [p for p in erreur.value.problemes if p.code == "facteur_non_positif"]
    assert facteur.lstrip("-") in p.message and "strictement positif" in p.message


def _lignes(a: Any, b: Any) -> list[dict[str, Any]]:
    return [
        {"finess": F1, "indicateur": CODE, "annee": 2025, "variable": v, "valeur": x}
        for v, x in (("a", a), ("b", b))
    ]


def _evaluer(a: Any, b: Any) -> Resultats:
    cat = une_mesure(
        {"type": "seuil", "min": 50},
        variables=VARIABLES,
        formule={"expression": "a / b * 100"},
        unite="%",
    )
    etab = [{"finess": F1, "raison_sociale": "É", "lits": 600}]
    return evaluate(cat, load_dataset(cat, etab, _lignes(a, b)), [2025])


def test_taux_en_expression_au_dessus_de_100_non_evaluable() -> None:
    resultats = _evaluer(3, 2)
    [r] = resultats.to_records()
    assert r["statut"] == "non_evaluable" and r["raison"] == "donnee_invalide"
    [p] = [p for p in resultats.problemes if p.code == "taux_calcule_hors_bornes"]
    assert "150 %" in p.message and F1 in p.message


def test_taux_en_expression_dans_les_bornes_evalue() -> None:
    [r] = _evaluer(2, 2).to_records()
    assert r["statut"] == "atteint"
