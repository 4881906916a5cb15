"""Alternative readings (`lectures:`): declared as data, checked, chosen at run time, and
their impact on a dataset measured establishment by establishment."""

from __future__ import annotations

from typing import Any

import pytest

from cpom_rules import ErreurSpec, ErreurUsage, evaluate
from cpom_rules.compilation.catalogue import choisir_lectures, lectures_declarees
from cpom_rules.evaluation.lectures import Difference, impact_lectures
from cpom_rules.lint import check
from tests.evaluation.fabrique import F1, F2, catalogue, fiche, jeu, ligne, mesure, x

STRICT = {
    "libelle": "« > 10 » tel qu'imprimé",
    "retenue": "au moins 10",
    "litterale": True,
    "cibles": {"tous": {"2025-2029": {"type": "seuil", "min": 10, "min_inclus": False}}},
}


def _fiche(**lectures: Any) -> Any:
    return fiche(mesures={"m": mesure({"type": "seuil", "min": 10})}, lectures=lectures)


def test_une_lecture_change_le_verdict_au_seuil() -> None:
    cat = catalogue(_fiche(strict=STRICT))
    donnees = jeu(cat, {F1: x(None, 10), F2: x(None, 11)})
    assert ligne(evaluate(cat, donnees, [2025]))["statut"] == "atteint"
    autre = choisir_lectures(cat, {"CPOM_T_1": "strict"})
    assert ligne(evaluate(autre, donnees, [2025]))["statut"] == "non_atteint"
    (impact,) = impact_lectures(cat, donnees, [2025])
    assert (impact.indicateur, impact.lecture, impact.litterale) == ("CPOM_T_1", "strict", True)
    assert [c.finess for c in impact.changements] == [F1]
    assert impact.changements[0].differences == (Difference("m", 2025, "atteint", "non_atteint"),)
    assert lectures_declarees(cat)[0][1] == "strict"


def test_une_lecture_inconnue_est_refusee_avec_les_lectures_declarees() -> None:
    cat = catalogue(_fiche(strict=STRICT))
    with pytest.raises(ErreurUsage, match=r"lecture « large » inconnue.*strict"):
        choisir_lectures(cat, {"CPOM_T_1": "large"})
    with pytest.raises(ErreurUsage, match="CPOM_X_9"):
        choisir_lectures(cat, {"CPOM_X_9": "strict"})


def test_une_lecture_sur_un_segment_sans_table_est_refusee() -> None:
    autre = {**STRICT, "cibles": {"grands": {"2025-2029": {"type": "seuil", "min": 1}}}}
    with pytest.raises(ErreurSpec, match="lecture « autre » : segment"):
        catalogue(_fiche(autre=autre))


def test_le_linter_signale_une_lecture_retenue_qui_s_ecarte_du_texte() -> None:
    cat = catalogue(_fiche(strict=STRICT, large={**STRICT, "litterale": False}))
    codes = [(p.code, dict(p.params).get("lecture")) for p in check(cat)]
    assert ("lecture_non_litterale", "strict") in codes
    assert ("lecture_non_litterale", "large") not in codes
