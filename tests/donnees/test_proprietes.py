"""Properties of reading and validating any dataset, however malformed (hypothesis):
only the library's documented errors are raised, and every input row is accounted for."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpom_rules import Donnees, ErreurCpom, evaluate, load_dataset
from cpom_rules.messages import MESSAGES
from tests.evaluation.fabrique import CODE, F1, F2, F4, catalogue, fiche

VARIABLES = {
    "n": {"libelle": "Numérateur", "type": "nombre"},
    "d": {"libelle": "Dénominateur", "type": "nombre"},
    "t": {"libelle": "Taux saisi", "type": "taux", "obligatoire": False},
    "b": {"libelle": "Oui/non", "type": "booleen"},
    "j": {"libelle": "Jalon", "type": "jalon"},
    "le": {"libelle": "Date", "type": "date", "obligatoire": False},
    "tx": {"libelle": "Texte", "type": "texte", "obligatoire": False},
    "choix": {"libelle": "Cible choisie", "type": "nombre", "obligatoire": False},
}
# Two evaluated measures hold every kind of target in 2025, the one year evaluated, so that
# each of the 1,000 examples stays fast.
MESURES = {
    "taux": {
        "libelle": "Taux",
        "formule": {"numerateur": "n", "denominateur": "d", "facteur": 100},
        "unite": "%",
    },
    "volume": {
        "libelle": "Volume",
        "formule": {"expression": "n + d"},
        "unite": "actes",
        "arrondi": {"decimales": 0, "mode": "demi_pair"},
        "cibles": {
            "grands": {
                "2025": {
                    "type": "et",
                    "conditions": [
                        {"type": "variation_relative", "pourcentage": 5, "chainage": "cible"},
                        {"type": "cible_choisie", "variable": "choix", "plancher": 3},
                        {"type": "cumul", "min": 10, "depuis": 2024},
                        {"type": "seuil", "min": 50, "max": 90, "mesure": "taux"},
                    ],
                },
                "2026-2029": "pas_de_cible",
            },
            "petits": {
                "2025-2029": {
                    "type": "ou",
                    "conditions": [
                        {"type": "variation_points", "points": 1, "mesure": "taux"},
                        {"type": "progression", "reference": "initiale"},
                        {"type": "increment", "valeur": 2, "reference": 2024},
                    ],
                }
            },
        },
        "total": {"sens": "variation_cumulee", "valeur": 20},
        "derogations": {F2: {"motif": "test", "sans_objet": True}},
    },
    "reponse": {
        "libelle": "Réponse",
        "formule": {"expression": "b and annee_de(le) >= 2025"},
        "unite": "oui/non",
        "cibles": {
            "tous": {
                "2025": {
                    "type": "ou",
                    "conditions": [
                        {"type": "echeance", "annee": 2027},
                        {"type": "jalon", "libelle": "Fait", "mesure": "jalon", "preuves": ["pv"]},
                        {"type": "k_parmi_n", "k": 1, "elements": ["jalon", "reponse"]},
                    ],
                },
                "2026-2029": {"type": "oui_non"},
            }
        },
        "total": {"sens": "qualitatif"},
    },
    "jalon": {"libelle": "Jalon", "formule": {"expression": "j"}, "unite": "jalon"},
}
CATALOGUE = catalogue(
    fiche(
        variables=VARIABLES,
        mesures=MESURES,
        perimetre={"condition": "categorie != 'clinique' or lits > 1000"},
        preuves={"pv": {"libelle": "Procès-verbal"}},
    )
)

REMARQUABLES = [
    F1,
    F2,
    "10000024",
    10000024,
    "34 078 0477",
    "340780478",
    CODE,
    "CPOM_T_9",
    "n",
    "x",
    2024,
    2025,
    "2025",
    2025.0,
    "2031",
    "²⁰²⁵",
    "12,5",
    "1 234,5",
    "12 %",
    "",
    "NA",
    "-",
    "-0",
    "1e309",
    "NaN",
    "oui",
    "Non",
    "O",
    "31/12/2025",
    "pv",
    "pv|autre",
    10**20,
    -1,
    0,
    1,
    True,
]
CELLULES = st.one_of(
    st.sampled_from(REMARQUABLES),
    st.text(max_size=6),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.lists(st.integers(min_value=0, max_value=3), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
)


def _colonne(plausibles: list[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(plausibles), CELLULES)


MESURE = st.fixed_dictionaries(
    {
        "finess": _colonne([F1, F2, F4]),
        "indicateur": _colonne([CODE]),
        "annee": _colonne([2024, 2025, 2026, 2029]),
        "variable": _colonne(list(VARIABLES)),
        "valeur": CELLULES,
    },
    optional={"preuves": CELLULES, "commentaire": CELLULES, "Année": CELLULES},
)
ETABLISSEMENT = st.fixed_dictionaries(
    {"finess": _colonne([F1, F2, F4])},
    optional={
        "raison_sociale": CELLULES,
        "lits": _colonne([10, 600, "600", "", 1200]),
        "categorie": _colonne(["CH", "CHU", "clinique"]),
        "lit": CELLULES,
    },
)
JEUX = st.tuples(
    st.lists(ETABLISSEMENT, max_size=3),
    st.lists(MESURE, max_size=6),
    st.booleans(),  # reparer_finess
    st.sampled_from(["enregistrements", "dataframe", "colonnes"]),
)
REGLAGES = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _source(lignes: list[dict[str, Any]], forme: str) -> Any:
    if forme == "dataframe":
        return pd.DataFrame(lignes)
    if forme == "colonnes":
        cles = list(dict.fromkeys(k for ligne in lignes for k in ligne))
        return {k: [ligne.get(k) for ligne in lignes] for k in cles}
    return lignes


def _finis(objet: Any) -> bool:
    if isinstance(objet, float):
        return math.isfinite(objet)
    if isinstance(objet, dict):
        return all(_finis(v) for v in objet.values())
    if isinstance(objet, list | tuple):
        return all(_finis(v) for v in objet)
    return True


@REGLAGES
@given(JEUX)
def test_aucun_jeu_ne_fait_lever_autre_chose_qu_une_erreur_documentee(
    jeu: tuple[list[dict[str, Any]], list[dict[str, Any]], bool, str],
) -> None:
    etablissements, mesures, reparer, forme = jeu
    try:
        donnees = load_dataset(
            CATALOGUE,
            _source(etablissements, forme),
            _source(mesures, forme),
            reparer_finess=reparer,
        )
        resultats = evaluate(CATALOGUE, donnees, [2025])
    except ErreurCpom:
        return
    lignes = resultats.to_records()
    assert len(lignes) == 2 * donnees.nombre_etablissements
    assert _finis(lignes) and _finis(resultats.bilans_records())
    json.loads(resultats.to_json(explications=False))  # strict: NaN or inf would raise
    for probleme in donnees.problemes:  # every placeholder of the message is filled
        gabarits = "".join(MESSAGES[probleme.code])
        assert set(re.findall(r"{(\w+)}", gabarits)) <= set(dict(probleme.params))


def _lignes_rangees(donnees: Donnees) -> set[int]:
    return {
        int(n) for grille in donnees.variables.values() for n in grille.lignes.ravel().tolist() if n
    }


@REGLAGES
@given(JEUX)
def test_chaque_ligne_est_rangee_ou_signalee(
    jeu: tuple[list[dict[str, Any]], list[dict[str, Any]], bool, str],
) -> None:
    etablissements, mesures, reparer, _ = jeu
    try:
        donnees = load_dataset(CATALOGUE, etablissements, mesures, reparer_finess=reparer)
    except ErreurCpom:
        return
    rangees = _lignes_rangees(donnees)
    signalees = {n for p in donnees.problemes if p.fichier == "mesures" for n in p.lignes}
    assert rangees | signalees >= set(range(1, len(mesures) + 1))
    assert rangees <= set(range(1, len(mesures) + 1))
    # An establishment row is kept (its FINESS is in the grid) or its FINESS is reported.
    signales = {n for p in donnees.problemes if p.fichier == "etablissements" for n in p.lignes}
    for numero, ligne in enumerate(etablissements, start=1):
        if numero not in signales:
            assert str(ligne["finess"]).replace(" ", "") in set(donnees.finess.tolist())
