"""Routing rows to grid cells or located problems (donnees/validation.py): ADVERSARIAL E."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpom_rules import Donnees, ErreurDonnees, Probleme, evaluate, load_dataset
from cpom_rules.donnees.validation import annees_utiles, factoriser
from cpom_rules.formules.colonnes import Absence, Nombres
from tests.evaluation.fabrique import (
    CODE,
    F1,
    F2,
    F4,
    catalogue,
    fiche,
    une_mesure,
)

CATALOGUE = une_mesure(
    {"type": "seuil", "min": 10},
    segment="grands",
    fiche_autres={"preuves": {"rapport": {"libelle": "Rapport"}}},
)
CATALOGUE_TOUS = une_mesure({"type": "seuil", "min": 10})


def m(finess: Any = F1, valeur: Any = 12, annee: Any = 2025, **autres: Any) -> dict[str, Any]:
    return {
        "finess": finess,
        "indicateur": autres.pop("indicateur", CODE),
        "annee": annee,
        "variable": autres.pop("variable", "x"),
        "valeur": valeur,
        **autres,
    }


def e(finess: Any = F1, lits: Any = 600, **autres: Any) -> dict[str, Any]:
    return {"finess": finess, "raison_sociale": f"Étab {finess}", "lits": lits, **autres}


def charger(etablissements: Any, mesures: Any, **options: Any) -> Donnees:
    return load_dataset(CATALOGUE, etablissements, mesures, **options)


def probleme(donnees: Donnees, code: str) -> Probleme:
    trouves = [p for p in donnees.problemes if p.code == code]
    assert len(trouves) == 1, [str(p) for p in donnees.problemes]
    return trouves[0]


def grille(donnees: Donnees, variable: str = "x") -> Nombres:
    colonne = donnees.variables[(CODE, variable)].colonne
    assert isinstance(colonne, Nombres)
    return colonne


def cellule(donnees: Donnees, finess: str = F1, annee: int = 2025) -> tuple[int, int]:
    e_, a_ = donnees.index_etablissement(finess), donnees.index_annee(annee)
    assert e_ is not None and a_ is not None
    return e_, a_


# --- E.31 FINESS ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("brut", "detail"),
    [
        ("34078047", "8 caractères au lieu de 9"),
        ("3407804770", "10 caractères au lieu de 9"),
        ("34O780477", "caractères non autorisés"),
        ("340780478", "clé de contrôle incorrecte"),
        ("", "vide"),
        (None, "vide"),
        ("٣٤٠٧٨٠٤٧٧", "caractères non autorisés"),  # Arabic-Indic digits
    ],
)
def test_e31_finess_invalide_dans_les_mesures(brut: Any, detail: str) -> None:
    donnees = charger([e()], [m(), m(brut, annee=2026)])
    p = probleme(donnees, "finess_donnees")
    assert p.lignes == (2,)
    assert detail in p.message
    assert p.niveau == "erreur"


def test_e31_finess_invalide_dans_les_etablissements() -> None:
    donnees = charger([e(), e("340780478")], [m()])
    p = probleme(donnees, "finess_donnees")
    assert (p.lignes, p.fichier) == ((2,), "etablissements")
    assert list(donnees.finess) == [F1]


def test_e31_espaces_retires_et_signales() -> None:
    donnees = charger([e("34 078 0477")], [m("340 780 477")])
    assert list(donnees.finess) == [F1]
    reparations = [p for p in donnees.problemes if p.code == "finess_repare"]
    assert {(p.fichier, p.lignes) for p in reparations} == {
        ("etablissements", (1,)),
        ("mesures", (1,)),
    }
    assert all("espaces retirés" in p.message for p in reparations)
    assert all(p.niveau == "avertissement" for p in reparations)


@pytest.mark.parametrize("perdu", ["10000024", 10000024])
def test_e31_zero_initial_perdu_refuse_par_defaut(perdu: Any) -> None:
    donnees = charger([e(perdu)], [m(perdu)])
    assert list(donnees.finess) == []
    p = next(p for p in donnees.problemes if p.code == "finess_donnees")
    assert "zéro initial" in p.message
    assert "« 010000024 »" in p.conseil
    assert not grille(donnees).num.size


@pytest.mark.parametrize("perdu", ["10000024", 10000024])
def test_e31_zero_initial_repare_sur_demande(perdu: Any) -> None:
    donnees = charger([e(perdu)], [m(perdu)], reparer_finess=True)
    assert list(donnees.finess) == [F4]
    reparations = [p for p in donnees.problemes if p.code == "finess_repare"]
    assert len(reparations) == 2
    assert all("zéro initial rétabli" in p.message for p in reparations)
    assert grille(donnees).fraction(cellule(donnees, F4)) == 12


def test_e31_corse_format_seul() -> None:
    donnees = charger([e("2A0000001"), e("2b0000002")], [])
    assert list(donnees.finess) == ["2A0000001", "2B0000002"]


# --- E.32 duplicates ---------------------------------------------------------------------------
def test_e32_doublon_divergent() -> None:
    donnees = charger([e()], [m(valeur=12), m(F2, 1), m(valeur="13")])
    p = next(p for p in donnees.problemes if p.code == "mesure_en_double")
    assert p.lignes == (1, 3)
    assert "12 / 13" in p.message
    assert grille(donnees).absence[cellule(donnees)] == Absence.INVALIDE
    [ligne] = evaluate(CATALOGUE, donnees, [2025]).to_records()
    assert (ligne["statut"], ligne["raison"]) == ("non_evaluable", "donnee_invalide")


def test_e32_doublon_meme_valeur_ecrite_autrement() -> None:
    """« 12 » and « 12,0 » are the same number: a warning, and the value is kept."""
    donnees = charger([e()], [m(valeur="12"), m(valeur="12,0"), m(valeur=12)])
    p = probleme(donnees, "mesure_en_double_identique")
    assert (p.lignes, p.niveau) == ((1, 2, 3), "avertissement")
    assert grille(donnees).fraction(cellule(donnees)) == 12


@pytest.mark.parametrize("ordre", [("abc", "-1"), ("-1", "abc")])
def test_e32_deux_saisies_invalides_differentes_sont_un_conflit(ordre: tuple[str, str]) -> None:
    """Two different invalid spellings of one cell disagree, in either order (found by the
    row-order property): one conflict naming both, never a report that depends on the order."""
    donnees = charger([e()], [m(valeur=ordre[0]), m(valeur=ordre[1])])
    p = probleme(donnees, "mesure_en_double")
    assert p.lignes == (1, 2) and f"{ordre[0]} / {ordre[1]}" in p.message
    assert [q.code for q in donnees.problemes if q.code == "valeur_donnees_invalide"] == []
    assert grille(donnees).absence[cellule(donnees)] == Absence.INVALIDE


def test_e32_doublon_vrai_et_un() -> None:
    """``True`` and ``1`` hash alike in Python; for a number they are not the same value."""
    donnees = charger([e()], [m(valeur=1), m(valeur=True)])
    assert probleme(donnees, "mesure_en_double").lignes == (1, 2)


def test_e32_etablissement_en_double() -> None:
    donnees = charger(
        [e(lits=600), e(lits=600, raison_sociale="Autre nom"), e(F2, lits=10), e(F2, lits=700)],
        [],
    )
    doubles = [p for p in donnees.problemes if p.code == "etablissement_double"]
    assert {p.lignes for p in doubles} == {(1, 2), (3, 4)}
    assert list(donnees.finess) == [F2, F1]  # sorted by FINESS
    assert list(donnees.raisons_sociales) == [f"Étab {F2}", "Autre nom / Étab 340780477"]
    p = probleme(donnees, "attribut_invalide")
    assert p.lignes == (3, 4) and "10 / 700" in p.message
    lits = donnees.attributs["lits"]
    assert isinstance(lits, Nombres)
    assert lits.absence[:, 0].tolist() == [Absence.INVALIDE, Absence.AUCUNE]


# --- E.33 unknown indicator, variable, year ------------------------------------------------------
def test_e33_indicateur_inconnu() -> None:
    donnees = charger([e()], [m(), m(indicateur="CPOM_T_2"), m(indicateur="CPOM_T_2", annee=2026)])
    p = probleme(donnees, "indicateur_inconnu")
    assert p.lignes == (2, 3)
    assert "CPOM_T_1" in p.conseil


def test_e33_variable_inconnue() -> None:
    donnees = charger([e()], [m(variable="xx")])
    p = probleme(donnees, "variable_inconnue")
    assert p.lignes == (1,)
    assert "x" in p.conseil


@pytest.mark.parametrize("annee", [2023, 2030, 1999])
def test_e33_annee_hors_periode(annee: int) -> None:
    donnees = charger([e()], [m(annee=annee)])
    p = probleme(donnees, "annee_donnees_hors_periode")
    assert p.lignes == (1,)
    assert "2024-2029" in p.message


@pytest.mark.parametrize("annee", ["25", "2025-01", "deux mille", "", None, 2025.5, True, "²⁰²⁵"])
def test_e33_annee_invalide(annee: Any) -> None:
    p = probleme(charger([e()], [m(annee=annee)]), "annee_donnees_invalide")
    assert p.lignes == (1,)


@pytest.mark.parametrize("annee", ["2025", " 2025 ", 2025, 2025.0, "2025.0"])
def test_e33_annee_lue(annee: Any) -> None:
    donnees = charger([e()], [m(annee=annee)])
    assert grille(donnees).fraction(cellule(donnees)) == 12


def test_e33_annees_utiles() -> None:
    assert annees_utiles(CATALOGUE) == (2024, 2025, 2026, 2027, 2028, 2029)
    cat = une_mesure({"type": "increment", "valeur": 1, "reference": 2021})
    assert annees_utiles(cat)[0] == 2021


# --- E.34 value formats ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("brut", "attendu"),
    [
        ("1 234,5", Absence.AUCUNE),
        ("12", Absence.AUCUNE),
        ("", Absence.MANQUANTE),
        ("NA", Absence.MANQUANTE),
        ("-", Absence.MANQUANTE),
        ("12 %", Absence.INVALIDE),
        ("oui", Absence.INVALIDE),
    ],
)
def test_e34_formats_dans_un_nombre(brut: str, attendu: Absence) -> None:
    donnees = charger([e()], [m(valeur=brut)])
    assert grille(donnees).absence[cellule(donnees)] == attendu
    assert donnees.variables[(CODE, "x")].lignes[cellule(donnees)] == 1
    invalides = [p for p in donnees.problemes if p.code == "valeur_donnees_invalide"]
    assert len(invalides) == (attendu == Absence.INVALIDE)
    if invalides:
        assert invalides[0].lignes == (1,)
        # Structured, for the JSON, Excel and HTML problem lists (issue 11): one row → its
        # FINESS, fiche, year and variable.
        assert (invalides[0].indicateur, invalides[0].annee, invalides[0].variable) == (
            CODE,
            2025,
            "x",
        )
        assert invalides[0].finess == e()["finess"]


def test_e34_vide_n_est_jamais_zero() -> None:
    donnees = charger([e()], [m(valeur="")])
    [ligne] = evaluate(CATALOGUE, donnees, [2025]).to_records()
    assert ligne["valeur"] is None
    assert (ligne["statut"], ligne["raison"]) == ("donnees_manquantes", "valeur_manquante")


def test_e34_formats_par_type() -> None:
    variables = {
        "taux": {"libelle": "Taux", "type": "taux"},
        "fait": {"libelle": "Fait", "type": "booleen"},
        "le": {"libelle": "Date", "type": "date", "obligatoire": False},
        "nom": {"libelle": "Nom", "type": "texte", "obligatoire": False},
    }
    mesures = {
        "m": {
            "libelle": "M",
            "formule": {"expression": "fait"},
            "unite": "oui/non",
            "cibles": {"tous": {"2025-2029": {"type": "oui_non"}}},
        }
    }
    cat = catalogue(fiche(variables=variables, mesures=mesures))
    lignes = [
        m(variable="taux", valeur="12,5%"),
        m(variable="fait", valeur="O"),
        m(variable="fait", valeur="N", annee=2026),
        m(variable="le", valeur="31/12/2025"),
        m(variable="nom", valeur="texte libre"),
        m(variable="taux", valeur="12 %", annee=2026),
        m(variable="fait", valeur="Non", annee=2027),
    ]
    donnees = load_dataset(cat, [e()], lignes)
    assert [p.code for p in donnees.problemes if p.niveau == "erreur"] == []
    taux = donnees.variables[(CODE, "taux")].colonne
    assert isinstance(taux, Nombres)
    assert taux.fraction(cellule(donnees)) == 12.5
    resultats = evaluate(cat, donnees, [2025, 2026, 2027])
    assert [r["statut"] for r in resultats.to_records()] == [
        "atteint",
        "non_atteint",
        "non_atteint",
    ]


# --- E.35 establishments and measures that do not match -------------------------------------------
def test_e35_mesures_d_un_finess_absent_des_etablissements() -> None:
    donnees = charger([e()], [m(), m(F2), m(F2, annee=2026)])
    p = probleme(donnees, "etablissement_inconnu")
    assert p.lignes == (2, 3)
    assert F2 in p.message and "2 mesure(s)" in p.message


def test_e35_etablissement_sans_mesure() -> None:
    donnees = charger([e(), e(F2)], [m()])
    p = probleme(donnees, "etablissement_sans_mesure")
    assert F2 in p.message
    resultats = evaluate(CATALOGUE, donnees, [2025])
    ligne = next(r for r in resultats.to_records() if r["finess"] == F2)
    assert (ligne["statut"], ligne["raison"]) == ("donnees_manquantes", "valeur_manquante")


def test_e35_aucune_mesure_du_tout() -> None:
    donnees = charger([e()], [])
    assert donnees.annees_avec_mesures == frozenset()
    assert evaluate(CATALOGUE, donnees).annees == (2025,)


# --- E.36 missing attributes ---------------------------------------------------------------------
def test_e36_colonne_lits_absente() -> None:
    donnees = load_dataset(CATALOGUE, [{"finess": F1}], [m()])
    absentes = [p.message for p in donnees.problemes if p.code == "colonne_attribut_absente"]
    assert any(t.startswith("pas de colonne pour l'attribut « lits »") for t in absentes)
    [ligne] = evaluate(CATALOGUE, donnees, [2025]).to_records()
    assert (ligne["statut"], ligne["raison"], ligne["segment"]) == (
        "non_evaluable",
        "segment_indetermine",
        None,
    )


@pytest.mark.parametrize("lits", ["", None, "NA", "beaucoup", "12,5", "-1", [600]])
def test_e36_lits_manquants_ou_invalides(lits: Any) -> None:
    donnees = charger([e(lits=lits)], [m()])
    codes = {p.code for p in donnees.problemes}
    assert codes & {"attribut_manquant", "attribut_invalide"}
    [ligne] = evaluate(CATALOGUE, donnees, [2025]).to_records()
    assert ligne["raison"] == "segment_indetermine"


def test_colonne_inconnue_dans_les_etablissements() -> None:
    donnees = charger([e(lit=3)], [])
    p = probleme(donnees, "colonne_inconnue")
    assert "lits" in p.conseil


# --- required columns --------------------------------------------------------------------------
def test_colonne_obligatoire_absente_des_mesures() -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        charger([e()], [{"finess": F1, "indicateur": CODE, "annee": 2025, "variable": "x"}])
    [p] = erreur.value.problemes
    assert p.code == "colonne_manquante" and "valeur" in p.message


def test_colonne_finess_absente_des_etablissements() -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        charger([{"nom": "A"}], [m()])
    assert [p.code for p in erreur.value.problemes] == ["colonne_manquante"]


# --- evidence and comments -------------------------------------------------------------------
def test_preuves_et_commentaires() -> None:
    donnees = charger(
        [e()],
        [
            m(preuves="rapport|inconnue", commentaire="thème : air"),
            m(variable="x", annee=2026, preuves="", commentaire=" "),
        ],
    )
    e_, a_ = cellule(donnees)
    codes = CATALOGUE.regles.fiches[CODE].preuves
    # Evidence is kept as a mask over the fiche's declared codes; an unknown code is reported.
    assert codes.liste(int(donnees.preuves[CODE][e_, a_])) == ["rapport"]
    assert int(donnees.preuves[CODE][e_, a_ + 1]) == 0
    assert probleme(donnees, "preuve_donnees_inconnue").message == (
        f"preuve « inconnue » inconnue pour {CODE}"
    )
    assert donnees.commentaires == {(F1, CODE, 2025): "thème : air"}


# --- factorisation -----------------------------------------------------------------------------
def test_factoriser() -> None:
    codes, distinctes = factoriser(["a", "b", "a", "c"])
    assert codes.tolist() == [0, 1, 0, 2] and distinctes == ["a", "b", "c"]
    codes, distinctes = factoriser([1, True, 1.0, False, 0, float("nan"), float("nan"), [1], [1]])
    assert codes.tolist() == [0, 1, 0, 2, 3, 4, 4, 5, 5]
    assert distinctes[1] is True and distinctes[2] is False and distinctes[3] == 0
    codes, distinctes = factoriser(np.array([3, 1, 3]))
    assert codes.tolist() == [1, 0, 1] and distinctes == [1, 3]
    codes, distinctes = factoriser(["nan", float("nan")])
    assert codes.tolist() == [0, 1]


@given(
    st.lists(st.integers(-3, 5000), max_size=50), st.sampled_from([np.int64, np.int32, np.uint16])
)
def test_factoriser_des_entiers_comme_np_unique(entiers: list[int], type_: Any) -> None:
    """Small non-negative codes are counted rather than sorted: same codes, same values."""
    valeurs = np.array([e for e in entiers if e >= 0 or type_ is not np.uint16], dtype=type_)
    codes, distinctes = factoriser(valeurs)
    uniques, inverse = np.unique(valeurs, return_inverse=True)
    assert codes.dtype == np.int64
    assert codes.tolist() == inverse.tolist() and distinctes == uniques.tolist()


def test_factoriser_zero_negatif() -> None:
    codes, distinctes = factoriser(np.array([-0.0, 0.0, 1.5]))
    assert codes.tolist() == [0, 1, 2]
    assert [math.copysign(1, v) for v in distinctes[:2]] == [-1, 1]
    codes, _ = factoriser([0.0, -0.0, 0])
    assert codes.tolist() == [0, 1, 0]


def test_zero_et_zero_negatif_dans_un_dataframe() -> None:
    """pandas reads « -0 » as -0.0: it is reported, and a genuine 0 stays a valid zero."""
    mesures = pd.DataFrame([m(valeur=-0.0), m(valeur=0.0, annee=2026)])
    donnees = charger([e()], mesures)
    assert probleme(donnees, "valeur_donnees_invalide").lignes == (1,)
    assert grille(donnees).fraction(cellule(donnees, annee=2026)) == 0


def test_finess_lus_comme_des_flottants() -> None:
    """A FINESS column with an empty cell becomes floats in pandas: 340780477.0 is F1."""
    etablissements = pd.DataFrame({"finess": [float(F1), np.nan, 10000024.0], "lits": [1, 2, 3]})
    donnees = charger(etablissements, [m()])
    assert list(donnees.finess) == [F1]
    defauts = sorted(p.lignes for p in donnees.problemes if p.code == "finess_donnees")
    assert defauts == [(2,), (3,)]
