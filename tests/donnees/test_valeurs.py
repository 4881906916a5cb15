"""Reading one raw value per declared type (donnees/valeurs.py): ADVERSARIAL E.34 formats,
D.29 non-finite numbers, and the native types that JSON and pandas hand over."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest

from cpom_rules.donnees.valeurs import (
    MANQUANT,
    est_manquant,
    lecteur,
    lire_booleen,
    lire_date,
    lire_entier,
    lire_liste,
    lire_nombre,
    lire_texte,
    natif,
)


@pytest.mark.parametrize(
    ("brut", "attendu"),
    [
        ("12", Fraction(12)),
        ("12,5", Fraction(25, 2)),
        ("12.5", Fraction(25, 2)),
        ("1 234,5", Fraction(2469, 2)),
        ("1\u00a0234,5", Fraction(2469, 2)),
        ("1\u202f234", Fraction(1234)),
        ("1.234,5", Fraction(2469, 2)),
        ("1,234.5", Fraction(2469, 2)),
        ("1'234", Fraction(1234)),
        ("  7  ", Fraction(7)),
        ("+3", Fraction(3)),
        ("0", Fraction(0)),
        ("0,1", Fraction(1, 10)),
        (7, Fraction(7)),
        (0.1, Fraction(1, 10)),  # the decimal written, not the binary float
        (2.5, Fraction(5, 2)),
        (0, Fraction(0)),
        (np.int64(7), Fraction(7)),
        (np.float64(0.1), Fraction(1, 10)),
    ],
)
def test_nombres_lus(brut: Any, attendu: Fraction) -> None:
    lu = lecteur("nombre")(brut)
    assert lu.erreur is None and not lu.manquant
    assert lu.valeur == attendu


@pytest.mark.parametrize(
    ("brut", "detail"),
    [
        ("12 %", "« % »"),
        ("12,5%", "« % »"),
        ("abc", "pas un nombre"),
        ("1,234,56", "milliers mal placé"),
        ("1e5", "exponentielle"),
        ("1E309", "exponentielle"),
        ("NaN", "non numérique"),
        ("nan", "non numérique"),
        ("inf", "non numérique"),
        ("-Infinity", "non numérique"),
        ("-0", "-0"),
        ("-0,00", "-0"),
        (-0.0, "-0"),
        ("-5", "négative"),
        (-5, "négative"),
        (-0.5, "négative"),
        (float("inf"), "infini"),
        (float("-inf"), "infini"),
        (10**15, "trop grand"),
        (10**400, "trop grand"),
        ("1" * 30, "trop grand"),
        ("0," + "1" * 30, "trop de chiffres"),
        (True, "oui/non"),
        (np.True_, "oui/non"),
        ([1], "type list"),
        ({"a": 1}, "type dict"),
        (object(), "type object"),
    ],
)
def test_nombres_refuses(brut: Any, detail: str) -> None:
    lu = lecteur("nombre")(brut)
    assert lu.valeur is None and not lu.manquant
    assert lu.erreur is not None and detail in lu.erreur
    assert lu.erreur_en


@pytest.mark.parametrize(
    "brut",
    [
        "",
        "   ",
        "NA",
        "na",
        "N/A",
        "NR",
        "-",
        "—",
        "–",
        "ND",
        "null",
        "None",
        None,
        float("nan"),
        np.float64("nan"),
        pd.NA,
        pd.NaT,
    ],
)
def test_manquant_jamais_zero(brut: Any) -> None:
    assert est_manquant(brut)
    for type_ in ("nombre", "taux", "entier", "booleen", "date", "texte"):
        lu = lecteur(type_)(brut)
        assert lu is MANQUANT or (lu.manquant and lu.valeur is None), type_


@pytest.mark.parametrize(
    ("brut", "attendu"),
    [
        ("12 %", Fraction(12)),
        ("12,5%", Fraction(25, 2)),
        ("100", Fraction(100)),
        ("0 %", Fraction(0)),
    ],
)
def test_taux(brut: str, attendu: Fraction) -> None:
    assert lecteur("taux")(brut).valeur == attendu


@pytest.mark.parametrize("brut", ["100,01", "101 %", 150, "-1 %"])
def test_taux_hors_bornes(brut: Any) -> None:
    assert lecteur("taux")(brut).erreur is not None


@pytest.mark.parametrize(
    ("brut", "attendu"),
    [
        ("oui", True),
        ("Oui", True),
        ("OUI", True),
        ("O", True),
        ("o", True),
        ("vrai", True),
        ("true", True),
        ("yes", True),
        ("1", True),
        (1, True),
        (1.0, True),
        (True, True),
        (np.True_, True),
        ("non", False),
        ("Non", False),
        ("N", False),
        ("n", False),
        ("faux", False),
        ("false", False),
        ("no", False),
        ("0", False),
        (0, False),
        (False, False),
    ],
)
def test_oui_non(brut: Any, attendu: bool) -> None:
    assert lecteur("booleen")(brut).valeur is attendu
    assert lecteur("jalon")(brut).valeur is attendu


@pytest.mark.parametrize("brut", ["peut-être", "2", 2, "ouii", [True], 0.5])
def test_oui_non_refuse(brut: Any) -> None:
    lu = lire_booleen(brut)
    assert lu.valeur is None and lu.erreur == "réponse oui/non attendue"


@pytest.mark.parametrize(
    ("brut", "jours"),
    [
        ("1970-01-02", 1),
        ("02/01/1970", 1),
        ("2/1/1970", 1),
        (dt.date(2025, 1, 1), (dt.date(2025, 1, 1) - dt.date(1970, 1, 1)).days),
        (dt.datetime(2025, 1, 1, 12), (dt.date(2025, 1, 1) - dt.date(1970, 1, 1)).days),
        (np.datetime64("1970-01-03T00:00:00.000000000"), 2),
        (pd.Timestamp("1970-01-03"), 2),
    ],
)
def test_dates(brut: Any, jours: int) -> None:
    assert lecteur("date")(brut).valeur == jours


@pytest.mark.parametrize(
    ("brut", "detail"),
    [
        ("2025-02-30", "impossible"),
        ("31/31/2025", "impossible"),
        ("hier", "attendue"),
        (5, "attendue"),
    ],
)
def test_dates_refusees(brut: Any, detail: str) -> None:
    lu = lire_date(brut)
    assert lu.erreur is not None and detail in lu.erreur


def test_entier() -> None:
    assert lire_entier("12").valeur == 12
    assert lire_entier("1 200").valeur == 1200
    assert lire_entier("12,5").erreur == "nombre entier attendu"
    assert lire_entier(-1).erreur == "valeur négative"


def test_texte() -> None:
    valeurs = frozenset({"CHU", "CH"})
    assert lire_texte("  CHU ", valeurs).valeur == "CHU"
    assert lire_texte("chu", valeurs).erreur == "valeurs possibles : CH, CHU"
    assert lire_texte(34).valeur == "34"
    assert lire_texte(True).erreur == "texte attendu"
    assert lire_texte(["a"]).erreur == "texte attendu"


def test_liste() -> None:
    valeurs = frozenset({"MCO", "SMR", "HAD"})
    assert lire_liste("MCO|SMR", valeurs).valeur == frozenset({"MCO", "SMR"})
    assert lire_liste("MCO; HAD,", valeurs).valeur == frozenset({"MCO", "HAD"})
    assert lire_liste(["MCO"], valeurs).valeur == frozenset({"MCO"})
    assert lire_liste("", valeurs).manquant  # unknown, never the empty list (issue #9)
    assert lire_liste(" | ", valeurs).manquant
    assert lire_liste("", valeurs, vide_possible=True).valeur == frozenset()
    lu = lire_liste("MCO|PSY", valeurs)
    assert lu.erreur is not None and "PSY" in lu.erreur
    assert lire_liste(5, valeurs).erreur is not None


def test_lire_nombre_sans_conversion_refuse_un_scalaire_numpy_booleen() -> None:
    assert lire_nombre(np.True_).erreur == "type bool inattendu"


def test_natif() -> None:
    assert type(natif(np.int64(3))) is int
    assert type(natif(np.float32(0.5))) is float
    assert type(natif(np.bool_(True))) is bool
    assert natif(np.datetime64("2025-01-02")) == dt.datetime(2025, 1, 2)
    assert natif("x") == "x"
    assert math.isnan(natif(np.float64("nan")))  # type: ignore[arg-type]
