"""Tier and scope resolution (evaluation/segments.py): exactly one known segment, or a reason;
never a default tier."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from cpom_rules.evaluation.segments import affecter, perimetre
from tests.evaluation.fabrique import (
    F1,
    F2,
    F3,
    catalogue,
    evaluer,
    fiche,
    jeu,
    ligne,
    x,
)

PAR_TAILLE = {
    "grands": {"2025-2029": {"type": "seuil", "min": 100}},
    "petits": {"2025-2029": {"type": "seuil", "min": 10}},
}


def _par_taille(segments: dict[str, Any] | None = None, **autres: Any) -> Any:
    cibles = (
        {
            code: {"2025-2029": {"type": "seuil", "min": 10 * (i + 1)}}
            for i, code in enumerate(segments)
        }
        if segments
        else PAR_TAILLE
    )
    mesures = {
        "m": {"libelle": "M", "formule": {"expression": "x"}, "unite": "actes", "cibles": cibles}
    }
    if segments:
        autres["segments"] = segments
    return catalogue(fiche(mesures=mesures, **autres))


@pytest.mark.parametrize(
    ("lits", "segment", "cible"),
    [(500, "grands", 100), (499, "petits", 10), (0, "petits", 10), (1800, "grands", 100)],
)
def test_segment_a_la_frontiere(lits: int, segment: str, cible: int) -> None:
    resultat = ligne(evaluer(_par_taille(), {F1: x(None, 50)}, attributs={F1: {"lits": lits}}))
    assert resultat["segment"] == segment
    assert resultat["cible_valeur"] == cible
    assert resultat["statut"] == ("atteint" if cible == 10 else "non_atteint")


@pytest.mark.parametrize("lits", [None, "", "NA", "beaucoup", "12,5", -3])
def test_attribut_manquant_ou_invalide(lits: Any) -> None:
    attributs = {F1: {"lits": lits}} if lits is not None else {F1: {"categorie": "CH"}}
    resultats = evaluer(_par_taille(), {F1: x(None, 50)}, attributs=attributs)
    resultat = ligne(resultats)
    assert (resultat["statut"], resultat["raison"]) == ("non_evaluable", "segment_indetermine")
    assert resultat["segment"] is None
    assert resultat["cible"] is None and resultat["cible_valeur"] is None
    assert "un attribut nécessaire au segment est manquant ou invalide" in resultat["explication"]


def test_attribut_manquant_est_signale() -> None:
    donnees = jeu(_par_taille(), {F1: x(None, 5)}, attributs={F1: {"lits": ""}, F2: {"lits": 3}})
    codes = {p.code: p for p in donnees.problemes}
    assert "attribut_manquant" in codes
    assert codes["attribut_manquant"].lignes == (1,)


def test_lacune_entre_segments() -> None:
    """« plus de 500 » and « 100 à 499 »: 500 is in no tier."""
    segments = {
        "grands_etab": {"libelle": "Plus de 500 lits", "condition": "lits > 500"},
        "moyens": {"libelle": "100 à 499 lits", "condition": "lits >= 100 and lits <= 499"},
    }
    cat = _par_taille(segments)
    resultats = evaluer(
        cat,
        {F1: x(None, 50), F2: x(None, 50), F3: x(None, 50)},
        attributs={F1: {"lits": 500}, F2: {"lits": 501}, F3: {"lits": 499}},
    )
    assert ligne(resultats, F1)["raison"] == "segment_indetermine"
    assert "aucun segment ne couvre cet établissement" in ligne(resultats, F1)["explication"]
    assert ligne(resultats, F2)["segment"] == "grands_etab"
    assert ligne(resultats, F3)["segment"] == "moyens"


def test_chevauchement_de_segments() -> None:
    segments = {
        "tres_grands": {"libelle": "500 lits et plus", "condition": "lits >= 500"},
        "assez_grands": {"libelle": "Plus de 100 lits", "condition": "lits > 100"},
    }
    resultats = evaluer(
        _par_taille(segments),
        {F1: x(None, 50), F2: x(None, 50)},
        attributs={F1: {"lits": 600}, F2: {"lits": 200}},
    )
    assert ligne(resultats, F1)["raison"] == "segment_indetermine"
    assert "plusieurs segments le couvrent" in ligne(resultats, F1)["explication"]
    assert ligne(resultats, F2)["segment"] == "assez_grands"


def test_segment_sans_condition_ignore_les_attributs_manquants() -> None:
    mesures = {
        "m": {
            "libelle": "M",
            "formule": {"expression": "x"},
            "unite": "actes",
            "cibles": {"tous": {"2025-2029": {"type": "seuil", "min": 1}}},
        }
    }
    resultats = evaluer(catalogue(fiche(mesures=mesures)), {F1: x(None, 5)}, attributs={F1: {}})
    assert ligne(resultats)["statut"] == "atteint"


def test_derogation_affecte_un_segment() -> None:
    derogations = {F1: {"motif": "convention particulière", "segment": "grands"}}
    mesures = {
        "m": {
            "libelle": "M",
            "formule": {"expression": "x"},
            "unite": "actes",
            "cibles": PAR_TAILLE,
            "derogations": derogations,
        }
    }
    cat = catalogue(fiche(mesures=mesures))
    resultats = evaluer(
        cat, {F1: x(None, 50), F2: x(None, 50)}, attributs={F1: {}, F2: {"lits": 20}}
    )
    assert ligne(resultats, F1)["segment"] == "grands"
    assert ligne(resultats, F1)["statut"] == "non_atteint"
    assert ligne(resultats, F2)["segment"] == "petits"


def test_perimetre() -> None:
    cat = catalogue(
        fiche(
            mesures={
                "m": {
                    "libelle": "M",
                    "formule": {"expression": "x"},
                    "unite": "actes",
                    "cibles": {"tous": {"2025-2029": {"type": "seuil", "min": 1}}},
                }
            },
            perimetre={"condition": "categorie in ('CHU', 'CH')"},
        )
    )
    resultats = evaluer(
        cat,
        {F1: x(None, 5), F2: x(None, 5), F3: x(None, 5)},
        attributs={
            F1: {"lits": 1, "categorie": "CH"},
            F2: {"lits": 1, "categorie": "clinique"},
            F3: {"lits": 1},
        },
    )
    assert ligne(resultats, F1)["statut"] == "atteint"
    hors = ligne(resultats, F2)
    assert (hors["statut"], hors["raison"], hors["applicable"]) == (
        "non_applicable",
        "hors_perimetre",
        False,
    )
    assert hors["preuves_attendues"] == []
    inconnu = ligne(resultats, F3)
    assert (inconnu["statut"], inconnu["raison"]) == ("non_evaluable", "perimetre_indetermine")


def test_affecter_directement() -> None:
    cat = _par_taille()
    donnees = jeu(
        cat,
        {},
        attributs={F1: {"lits": 600}, F2: {"lits": 5}, F3: {"lits": ""}},
    )
    regles = cat.regles.fiches["CPOM_T_1"]
    affectation = affecter(regles, regles.mesures["m"], donnees)
    ordre = list(donnees.finess)
    assert [affectation.segment[ordre.index(f)] for f in (F1, F2, F3)] == ["grands", "petits", ""]
    assert affectation.motif[ordre.index(F3)] != ""
    assert bool(np.all(perimetre(regles, donnees).vrais))
