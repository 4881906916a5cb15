"""One number reader, exact and loud (issue #10 item 1, issue #9 item 3): each « Why »
reproduction of issue #10 about numbers, then round-trip properties over every spelling."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpom_rules import Catalogue, evaluate, load_dataset
from cpom_rules.donnees.lecture import read_table
from cpom_rules.donnees.nombres import (
    LIMITE_EXACTE,
    TROP_PRECIS,
    Refus,
    detecter_convention,
    lire_decimal,
)
from cpom_rules.donnees.valeurs import est_manquant, lecteur
from cpom_rules.formules.colonnes import Absence, Nombres
from tests.evaluation.fabrique import CODE, F1, une_mesure

TAUX = une_mesure({"type": "seuil", "min": 50}, type_variable="taux", unite="%")


def _mesures(*valeurs: Any) -> list[dict[str, Any]]:
    return [
        {"finess": F1, "indicateur": CODE, "annee": 2025 + i, "variable": "x", "valeur": v}
        for i, v in enumerate(valeurs)
    ]


def _etab() -> list[dict[str, Any]]:
    return [{"finess": F1, "raison_sociale": "Étab", "lits": 600}]


# --- Why 1: a whole number over 100 for a rate took the digit-only fast path -------------------
@pytest.mark.parametrize("ecrit", ["150", "145", "145,0", "101", "100,5"])
def test_r1_un_taux_au_dessus_de_100_est_refuse_quel_que_soit_le_chemin(ecrit: str) -> None:
    donnees = load_dataset(TAUX, _etab(), _mesures(ecrit))
    [p] = [p for p in donnees.problemes if p.code == "valeur_donnees_invalide"]
    assert "dépasse 100 %" in p.message and p.lignes == (1,)
    [r] = evaluate(TAUX, donnees, [2025]).to_records()
    assert r["statut"] != "atteint"


def test_r1_100_et_0_restent_des_taux_valides() -> None:
    donnees = load_dataset(TAUX, _etab(), _mesures("100", "0"))
    assert not [p for p in donnees.problemes if p.code == "valeur_donnees_invalide"]


# --- Why 2: an Excel percent cell (shows 57 %, stores 0.57) --------------------------------------
def _classeur(dossier: Path, valeur: float, format_: str) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.append(["finess", "indicateur", "annee", "variable", "valeur"])
    feuille.append([F1, CODE, 2025, "x", valeur])
    feuille["E2"].number_format = format_
    chemin = dossier / "mesures.xlsx"
    classeur.save(chemin)
    return chemin


def test_r2_cellule_pourcentage_lue_57_pour_un_taux(tmp_path: Path) -> None:
    donnees = load_dataset(TAUX, _etab(), _classeur(tmp_path, 0.57, "0%"))
    colonne = donnees.variables[(CODE, "x")].colonne
    assert isinstance(colonne, Nombres)
    assert colonne.fraction((0, 1)) == 57  # exactly, not 56.99999999999999
    [r] = evaluate(TAUX, donnees, [2025]).to_records()
    assert r["statut"] == "atteint"


def test_r2_cellule_pourcentage_refusee_pour_un_nombre(tmp_path: Path) -> None:
    nombre = une_mesure({"type": "seuil", "min": 1})
    donnees = load_dataset(nombre, _etab(), _classeur(tmp_path, 0.57, "0.0%"))
    [p] = [p for p in donnees.problemes if p.code == "valeur_donnees_invalide"]
    assert "« % »" in p.message and p.lignes == (2,)


def test_r2_cellule_sans_format_pourcentage_lue_telle_quelle(tmp_path: Path) -> None:
    table = read_table(_classeur(tmp_path, 0.57, "General"))
    assert list(table.colonnes["valeur"]) == [0.57]


# --- Why 3: thousands separators ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("ecrit", "attendu"),
    [
        ("1 234,5", Fraction(2469, 2)),
        ("1.234,5", Fraction(2469, 2)),
        ("1,234.5", Fraction(2469, 2)),
        ("1.234.567", Fraction(1234567)),
        ("1,234,567", Fraction(1234567)),
        ("12 345 678", Fraction(12345678)),
        ("0,500", Fraction(1, 2)),  # a thousands group never follows a lone 0
        ("1234,567", Fraction(1234567, 1000)),  # nor a whole part of four digits
        ("87.6923076923", Fraction(876923076923, 10**10)),  # issue #9: any number of decimals
        ("33,3333333333", Fraction(333333333333, 10**10)),
        ("0,000000000000000001", Fraction(1, 10**18)),
        ("１２,５", Fraction(25, 2)),  # full-width digits (a Japanese IME)
    ],
)
def test_r3_nombres_bien_formes_lus_exactement(ecrit: str, attendu: Fraction) -> None:
    assert lire_decimal(ecrit) == attendu


@pytest.mark.parametrize(
    ("ecrit", "motif"),
    [
        ("2.000", "ambigu"),
        ("1.234", "ambigu"),
        ("1,234", "ambigu"),
        ("1 2 3", "milliers mal placé"),
        ("12 34", "milliers mal placé"),
        ("1.23.456", "milliers mal placé"),
        ("1.234,5.6", "milliers mal placé"),
        ("12.", "pas un nombre"),
        ("1e3", "exponentielle"),
    ],
)
def test_r3_nombres_mal_formes_ou_ambigus_refuses(ecrit: str, motif: str) -> None:
    refus = lire_decimal(ecrit)
    assert isinstance(refus, Refus) and motif in refus.fr


def test_r3_l_ambiguite_cite_la_cellule_et_les_deux_lectures() -> None:
    refus = lire_decimal("2.000")
    assert isinstance(refus, Refus)
    assert "« 2.000 »" in refus.fr and "« 2000 »" in refus.fr and "« 2,0 »" in refus.fr


@pytest.mark.parametrize(
    ("colonne", "convention", "attendu"),
    [
        (["12,5", "2.000"], ",", Fraction(2000)),
        (["12.5", "2.000"], ".", Fraction(2)),
        (["12.5", "1,234"], ".", Fraction(1234)),
        (["1.234.567", "1,234"], ",", Fraction(617, 500)),
        (["12,5", "12.5", "2.000"], None, None),  # the column contradicts itself
        (["7", "2.000"], None, None),  # nothing says which mark is decimal
    ],
)
def test_r3_convention_detectee_par_colonne(
    colonne: list[str], convention: str | None, attendu: Fraction | None
) -> None:
    assert detecter_convention(colonne) == convention
    lu = lecteur("nombre", convention=detecter_convention(colonne))(colonne[-1])
    assert lu.valeur == attendu and (lu.erreur is None) == (attendu is not None)


def test_r3_convention_appliquee_a_tout_le_fichier_de_mesures() -> None:
    cat = une_mesure({"type": "seuil", "min": 1000})
    donnees = load_dataset(cat, _etab(), _mesures("12,5", "2.000", "1.234"))
    colonne = donnees.variables[(CODE, "x")].colonne
    assert isinstance(colonne, Nombres)
    assert [colonne.fraction((0, a)) for a in (1, 2, 3)] == [Fraction(25, 2), 2000, 1234]


def test_r3_sans_convention_la_valeur_ambigue_est_une_erreur_localisee() -> None:
    cat = une_mesure({"type": "seuil", "min": 1000})
    donnees = load_dataset(cat, _etab(), _mesures("7", "2.000"))
    [p] = [p for p in donnees.problemes if p.code == "valeur_donnees_invalide"]
    assert p.lignes == (2,) and "ambigu" in p.message
    colonne = donnees.variables[(CODE, "x")].colonne
    assert colonne.absence[0, 2] == Absence.INVALIDE


# --- Why 7: missing-value tokens, one list ---------------------------------------------------------
@pytest.mark.parametrize(
    "jeton", ["ND", "NC", "NR", "NA", "n.d.", "n.c.", "N.C.", "nd", "-", "", " n.r. "]
)
def test_r7_jetons_de_valeur_manquante(jeton: str) -> None:
    assert est_manquant(jeton)
    for type_ in ("nombre", "taux", "entier", "booleen", "date", "texte", "liste"):
        assert lecteur(type_)(jeton).manquant, type_


def test_r7_cle_json_en_double_refusee(tmp_path: Path) -> None:
    from cpom_rules import ErreurDonnees

    chemin = tmp_path / "mesures.json"
    chemin.write_text('[{"valeur": 1}, {"valeur": 2, "valeur": 3}]', encoding="utf-8")
    with pytest.raises(ErreurDonnees) as erreur:
        read_table(chemin)
    [p] = erreur.value.problemes
    assert p.code == "cle_json_en_double" and "n° 2" in p.message and "valeur" in p.message


# --- issue #9 item 3 (a): an empty list attribute is unknown ---------------------------------------
def test_liste_vide_inconnue_avec_un_avertissement_par_colonne(catalogue: Catalogue) -> None:
    attributs = dict.fromkeys(catalogue.definition.attributs, "")
    lignes = [
        {**attributs, "finess": f, "lits": 100, "activites": ""} for f in ("340780477", "310781406")
    ]
    donnees = load_dataset(catalogue, lignes, [])
    activites = donnees.attributs["activites"]
    assert (activites.absence == Absence.MANQUANTE).all()
    [p] = [
        p
        for p in donnees.problemes
        if p.code == "attribut_manquant" and dict(p.params)["attribut"] == "activites"
    ]
    assert dict(p.params)["nombre"] == "2"


def test_liste_vide_connue_si_le_catalogue_le_declare() -> None:
    assert lecteur("liste", frozenset({"MCO"}), vide_possible=True)("").valeur == frozenset()
    assert lecteur("liste", frozenset({"MCO"}))("").manquant


# --- Dates as Excel stores them ------------------------------------------------------------------
def test_date_numero_de_serie_excel() -> None:
    lu = lecteur("date")(45658)  # 2025-01-01
    assert lu.valeur == 20089  # days since 1970-01-01
    assert lecteur("date")(45658.5).erreur is not None  # a time of day is not a date
    assert lecteur("date")(12).erreur is not None  # a small number is not a date


# --- Round-trip properties: every accepted spelling reads back exactly ---------------------------
def _groupes(entier: int, separateur: str) -> str:
    return f"{entier:,}".replace(",", separateur)


@st.composite
def _decimaux(draw: st.DrawFn) -> tuple[int, str]:
    entier = draw(st.integers(min_value=0, max_value=10**14 - 1))
    decimales = draw(st.text(alphabet="0123456789", min_size=0, max_size=17))
    return entier, decimales


def _valeur(entier: int, decimales: str) -> Fraction | Refus:
    """The exact value, or the refusal when the core's int64 columns cannot hold it."""
    valeur = Fraction(f"{entier}.{decimales or '0'}")
    if max(valeur.numerator, valeur.denominator) > LIMITE_EXACTE:
        return TROP_PRECIS
    return valeur


@given(_decimaux(), st.sampled_from([",", "."]))
def test_propriete_ecriture_simple(nombre: tuple[int, str], marque: str) -> None:
    entier, decimales = nombre
    ecrit = f"{entier}{marque}{decimales}" if decimales else str(entier)
    convention = marque if len(decimales) == 3 else None
    assert lire_decimal(ecrit, convention) == _valeur(entier, decimales)


@given(
    _decimaux(),
    st.sampled_from([(" ", ","), ("\u00a0", ","), ("\u202f", "."), (".", ","), (",", ".")]),
)
def test_propriete_groupes_de_milliers(nombre: tuple[int, str], marques: tuple[str, str]) -> None:
    entier, decimales = nombre
    milliers, decimal = marques
    ecrit = _groupes(entier, milliers) + (f"{decimal}{decimales}" if decimales else "")
    assert lire_decimal(ecrit, decimal) == _valeur(entier, decimales)


@given(st.integers(min_value=1000, max_value=10**12), st.data())
def test_propriete_groupe_mal_place_toujours_refuse(entier: int, data: st.DataObject) -> None:
    chiffres = str(entier)
    coupe = data.draw(st.integers(min_value=1, max_value=len(chiffres) - 1))
    bien_place = len(chiffres) - coupe == 3
    ecrit = chiffres[:coupe] + " " + chiffres[coupe:]
    if bien_place and coupe <= 3:
        assert lire_decimal(ecrit) == entier
    else:
        assert isinstance(lire_decimal(ecrit), Refus)


@given(st.text(alphabet="0123456789.,  eE+-%abc", max_size=12))
def test_propriete_jamais_d_exception_et_lecture_exacte_ou_refus(texte: str) -> None:
    lu = lire_decimal(texte)
    assert isinstance(lu, Fraction | Refus)


@pytest.mark.parametrize(("decimale", "attendu"), [(",", Fraction(2000)), (".", Fraction(2))])
def test_r3_convention_declaree(decimale: Literal[",", "."], attendu: Fraction) -> None:
    cat = une_mesure({"type": "seuil", "min": 1000})
    donnees = load_dataset(cat, _etab(), _mesures("7", "2.000"), decimale=decimale)
    colonne = donnees.variables[(CODE, "x")].colonne
    assert isinstance(colonne, Nombres)
    assert colonne.fraction((0, 2)) == attendu
    assert not [p for p in donnees.problemes if p.code == "valeur_donnees_invalide"]
