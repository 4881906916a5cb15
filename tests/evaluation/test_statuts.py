"""Statuses and reasons (evaluation/statuts.py): names, the absence mapping, and one scenario
through the public API for every (statut, raison) pair the documentation lists."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from cpom_rules import Raison, Resultats, Statut
from cpom_rules.evaluation.statuts import RAISON_PAR_TEXTE, STATUT_PAR_TEXTE, depuis_absence
from cpom_rules.formules.colonnes import Absence
from cpom_rules.messages import phrase
from tests.evaluation.fabrique import (
    F1,
    TAUX_VARIABLES,
    evaluer,
    une_mesure,
    x,
)


def test_textes() -> None:
    assert [s.texte for s in Statut] == [
        "atteint",
        "non_atteint",
        "non_applicable",
        "donnees_manquantes",
        "non_evaluable",
    ]
    assert Raison.AUCUNE.texte is None
    assert Raison.DENOMINATEUR_NUL.texte == "denominateur_nul"
    assert STATUT_PAR_TEXTE["non_evaluable"] is Statut.NON_EVALUABLE
    assert RAISON_PAR_TEXTE["segment_indetermine"] is Raison.SEGMENT_INDETERMINE
    assert None not in RAISON_PAR_TEXTE


def test_depuis_absence() -> None:
    absences = np.array(
        [
            Absence.AUCUNE,
            Absence.MANQUANTE,
            Absence.INVALIDE,
            Absence.DENOMINATEUR_NUL,
            Absence.DEPASSEMENT,
        ],
        dtype=np.uint8,
    )
    statuts, raisons = depuis_absence(absences)
    assert [Statut(s) if s else None for s in statuts.tolist()] == [
        None,
        Statut.DONNEES_MANQUANTES,
        Statut.NON_EVALUABLE,
        Statut.NON_EVALUABLE,
        Statut.NON_EVALUABLE,
    ]
    assert [Raison(r) for r in raisons.tolist()] == [
        Raison.AUCUNE,
        Raison.VALEUR_MANQUANTE,
        Raison.DONNEE_INVALIDE,
        Raison.DENOMINATEUR_NUL,
        Raison.DEPASSEMENT_CAPACITE,
    ]


# --- one scenario per (statut, raison) ------------------------------------------------------
PERIMETRE_CH = {"perimetre": {"condition": "categorie == 'CH'"}}


def _annuel(resultats: Resultats, annee: int = 2025) -> tuple[str, str | None]:
    lignes = [r for r in resultats.to_records() if r["finess"] == F1 and r["annee"] == annee]
    return lignes[0]["statut"], lignes[0]["raison"]


def _bilan(resultats: Resultats) -> tuple[str, str | None]:
    ligne = next(b for b in resultats.bilans_records() if b["finess"] == F1)
    return ligne["statut"], ligne["raison"]


def _atteint() -> Resultats:
    return evaluer(une_mesure({"type": "seuil", "min": 10}), {F1: x(None, 10)})


def _non_atteint() -> Resultats:
    return evaluer(une_mesure({"type": "seuil", "min": 10}), {F1: x(None, 9)})


def _hors_perimetre() -> Resultats:
    cat = une_mesure({"type": "seuil", "min": 1}, fiche_autres=PERIMETRE_CH)
    return evaluer(cat, {F1: x(None, 5)}, attributs={F1: {"lits": 10, "categorie": "CHU"}})


def _perimetre_indetermine() -> Resultats:
    cat = une_mesure({"type": "seuil", "min": 1}, fiche_autres=PERIMETRE_CH)
    return evaluer(cat, {F1: x(None, 5)}, attributs={F1: {"lits": 10}})


def _sans_objet() -> Resultats:
    return evaluer(une_mesure({"type": "sans_objet"}), {F1: x(None, 5)})


def _pas_de_cible() -> Resultats:
    return evaluer(une_mesure("pas_de_cible"), {F1: x(None, 5)})


def _avant_echeance() -> Resultats:
    cat = une_mesure({"type": "echeance", "annee": 2026}, type_variable="booleen")
    return evaluer(cat, {F1: x(None, "non")})


def _valeur_manquante() -> Resultats:
    return evaluer(une_mesure({"type": "seuil", "min": 1}), {F1: x(None, "")})


def _cible_choisie_absente() -> Resultats:
    variables = {
        "x": {"libelle": "x", "type": "nombre"},
        "choix": {"libelle": "choix", "type": "nombre"},
    }
    cat = une_mesure({"type": "cible_choisie", "variable": "choix"}, variables=variables)
    return evaluer(cat, {F1: x(None, 5)})


def _preuves_manquantes() -> Resultats:
    cat = une_mesure(
        {"type": "jalon", "libelle": "Fait", "preuves": ["pv"]},
        type_variable="jalon",
        fiche_autres={"preuves": {"pv": {"libelle": "Procès-verbal"}}},
    )
    return evaluer(cat, {F1: x(None, "oui")})


def _periode_incomplete() -> Resultats:
    cat = une_mesure({"type": "seuil", "min": 1}, total={"sens": "valeur_finale", "valeur": 1})
    return evaluer(cat, {F1: x(None, 5, 5)}, annees=[2025, 2026])


def _denominateur_nul() -> Resultats:
    cat = une_mesure(
        {"type": "seuil", "min": 1},
        formule={"numerateur": "num", "denominateur": "den", "facteur": 100},
        unite="%",
        variables=TAUX_VARIABLES,
    )
    return evaluer(cat, {F1: {2025: {"num": 0, "den": 0}}})


def _reference_absente() -> Resultats:
    return evaluer(une_mesure({"type": "increment", "valeur": 1}), {F1: x(None, 5)})


def _reference_nulle() -> Resultats:
    cat = une_mesure({"type": "variation_relative", "pourcentage": 5})
    return evaluer(cat, {F1: x(0, 5)})


def _donnee_invalide() -> Resultats:
    return evaluer(une_mesure({"type": "seuil", "min": 1}), {F1: x(None, "-3")})


def _segment_indetermine() -> Resultats:
    cat = une_mesure({"type": "seuil", "min": 1}, segment="grands")
    return evaluer(cat, {F1: x(None, 5)}, attributs={F1: {"categorie": "CH"}})


def _cible_incompatible() -> Resultats:
    cat = une_mesure({"type": "oui_non"}, type_variable="nombre")
    return evaluer(cat, {F1: x(None, 5)})


def _depassement_capacite() -> Resultats:
    cat = une_mesure({"type": "seuil", "min": 1}, formule={"expression": "x * x * x * x * x"})
    return evaluer(cat, {F1: x(None, 999_999_999_999_999)})


SCENARIOS: list[tuple[Statut, Raison, Callable[[], Resultats], bool]] = [
    (Statut.ATTEINT, Raison.AUCUNE, _atteint, False),
    (Statut.NON_ATTEINT, Raison.AUCUNE, _non_atteint, False),
    (Statut.NON_APPLICABLE, Raison.HORS_PERIMETRE, _hors_perimetre, False),
    (Statut.NON_APPLICABLE, Raison.SANS_OBJET, _sans_objet, False),
    (Statut.NON_APPLICABLE, Raison.PAS_DE_CIBLE, _pas_de_cible, False),
    (Statut.NON_APPLICABLE, Raison.AVANT_ECHEANCE, _avant_echeance, False),
    (Statut.DONNEES_MANQUANTES, Raison.VALEUR_MANQUANTE, _valeur_manquante, False),
    (Statut.DONNEES_MANQUANTES, Raison.CIBLE_CHOISIE_ABSENTE, _cible_choisie_absente, False),
    (Statut.DONNEES_MANQUANTES, Raison.PREUVES_MANQUANTES, _preuves_manquantes, False),
    (Statut.DONNEES_MANQUANTES, Raison.PERIODE_INCOMPLETE, _periode_incomplete, True),
    (Statut.NON_EVALUABLE, Raison.DENOMINATEUR_NUL, _denominateur_nul, False),
    (Statut.NON_EVALUABLE, Raison.REFERENCE_ABSENTE, _reference_absente, False),
    (Statut.NON_EVALUABLE, Raison.REFERENCE_NULLE, _reference_nulle, False),
    (Statut.NON_EVALUABLE, Raison.DONNEE_INVALIDE, _donnee_invalide, False),
    (Statut.NON_EVALUABLE, Raison.SEGMENT_INDETERMINE, _segment_indetermine, False),
    (Statut.NON_EVALUABLE, Raison.PERIMETRE_INDETERMINE, _perimetre_indetermine, False),
    (Statut.NON_EVALUABLE, Raison.CIBLE_INCOMPATIBLE, _cible_incompatible, False),
    (Statut.NON_EVALUABLE, Raison.DEPASSEMENT_CAPACITE, _depassement_capacite, False),
]


@pytest.mark.parametrize(
    ("statut", "raison", "scenario", "bilan"),
    SCENARIOS,
    ids=[f"{s.texte}-{r.texte or 'verdict'}" for s, r, _, _ in SCENARIOS],
)
def test_chaque_statut_et_raison(
    statut: Statut, raison: Raison, scenario: Callable[[], Resultats], bilan: bool
) -> None:
    resultats = scenario()
    obtenu = _bilan(resultats) if bilan else _annuel(resultats)
    assert obtenu == (statut.texte, raison.texte)
    if not bilan and raison is not Raison.AUCUNE:
        explication = resultats.to_records()[0]["explication"]
        assert f"→ {phrase(statut.texte)}" in explication
        assert raison.texte is not None
        assert phrase(raison.texte) in explication


def test_toutes_les_raisons_ont_un_scenario() -> None:
    assert {r for _, r, _, _ in SCENARIOS} == set(Raison)
    assert {s for s, _, _, _ in SCENARIOS} == set(Statut)
