"""Scalar types: the schema reads YAML's text (ADVERSARIAL A.2, A.3, B.13)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from pydantic_core import PydanticCustomError

from cpom_rules.spec.types import (
    Nombre,
    decrire,
    lire_annee,
    lire_booleen,
    lire_cle_annees,
    lire_code_fiche,
    lire_decimal,
    lire_entier,
    lire_finess,
    lire_identifiant,
    lire_oui_non,
    lire_plage_annees,
    lire_reference,
    lire_texte,
)


def _refus(lecteur: Callable[[object], object], valeur: object) -> PydanticCustomError:
    with pytest.raises(PydanticCustomError) as info:
        lecteur(valeur)
    return info.value


# --- yes / no (A.2) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ecrit", "lu"),
    [
        ("NON", "non"),
        ("non", "non"),
        ("Non", "non"),
        ("N", "non"),
        ("faux", "non"),
        ("false", "non"),
        ("no", "non"),
        ("Oui", "oui"),
        ("OUI", "oui"),
        ("o", "oui"),
        ("vrai", "oui"),
        ("true", "oui"),
        ("yes", "oui"),
        (" oui ", "oui"),
        (True, "oui"),
        (False, "non"),
    ],
)
def test_oui_non_lu_comme_l_auteur_l_entend(ecrit: object, lu: str) -> None:
    assert lire_oui_non(ecrit) == lu
    assert lire_booleen(ecrit) is (lu == "oui")


@pytest.mark.parametrize("ecrit", ["off", "on", "OFF", "peut-être", "1", "0", "", 1, 0, None])
def test_reponses_ambigues_refusees_et_jamais_converties(ecrit: object) -> None:
    erreur = _refus(lire_oui_non, ecrit)
    assert erreur.type == "oui_non_invalide"
    assert "n'est pas une réponse oui/non" in erreur.message()


# --- numbers (A.3) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ecrit", "lu"),
    [
        ("10", Decimal(10)),
        ("10.5", Decimal("10.5")),
        ("10,5", Decimal("10.5")),
        ("-3", Decimal(-3)),
        ("+2", Decimal(2)),
        (" 7 ", Decimal(7)),
        ("010", Decimal(10)),
        (12, Decimal(12)),
        (0.1, Decimal("0.1")),
        (Decimal("2.50"), Decimal("2.5")),
    ],
)
def test_nombres_acceptes(ecrit: object, lu: Decimal) -> None:
    assert lire_decimal(ecrit) == lu


@pytest.mark.parametrize(
    ("ecrit", "conseil"),
    [
        ("1/3", "k_parmi_n"),
        ("12:30", "heure"),
        ("1_000", "séparateur de milliers"),
        ("1 000", "séparateur de milliers"),
        ("12 %", "sans « % »"),
        ("1e3", "par exemple 10 ou 12,5"),
        ("0x1F", "par exemple 10 ou 12,5"),
        ("inf", "par exemple 10 ou 12,5"),
        ("NaN", "par exemple 10 ou 12,5"),
        ("", "par exemple 10 ou 12,5"),
    ],
)
def test_textes_qui_ne_sont_pas_des_nombres(ecrit: str, conseil: str) -> None:
    erreur = _refus(lire_decimal, ecrit)
    assert erreur.type == "nombre_invalide"
    assert erreur.message() == f"« {ecrit} » n'est pas un nombre"
    assert conseil in str(erreur.context["conseil"])  # type: ignore[index]


@pytest.mark.parametrize("valeur", [True, float("inf"), float("nan"), Decimal("NaN"), [1], None])
def test_valeurs_non_numeriques_refusees(valeur: object) -> None:
    assert _refus(lire_decimal, valeur).type == "nombre_invalide"


@pytest.mark.parametrize(("ecrit", "lu"), [("2", 2), (" 3 ", 3), (0, 0), ("000000001", 1)])
def test_entiers(ecrit: object, lu: int) -> None:
    assert lire_entier(ecrit) == lu


@pytest.mark.parametrize("ecrit", ["-1", "1.5", "deux", -1, True, "1234567890", ""])
def test_entiers_refuses(ecrit: object) -> None:
    erreur = _refus(lire_entier, ecrit)
    assert erreur.type == "nombre_invalide"
    assert "entier positif" in erreur.message()


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=6, min_value=-(10**9), max_value=10**9
    )
)
def test_propriete_nombre_relu_depuis_son_json(valeur: Decimal) -> None:
    adaptateur = TypeAdapter(Nombre)
    en_json = adaptateur.dump_python(valeur, mode="json")
    relu = adaptateur.validate_python(str(en_json))
    assert relu == valeur


@pytest.mark.parametrize("valeur", ["0.00001", "0.1234567890123456789", "123456789012.5"])
def test_nombre_sans_exposant_ni_arrondi_en_json(valeur: str) -> None:
    adaptateur = TypeAdapter(Nombre)
    en_json = adaptateur.dump_python(Decimal(valeur), mode="json")
    assert "e" not in str(en_json).lower()
    assert adaptateur.validate_python(str(en_json)) == Decimal(valeur)


# --- years ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("ecrit", "lu"), [("2025", 2025), (" 2029 ", 2029), (2024, 2024)])
def test_annees(ecrit: object, lu: int) -> None:
    assert lire_annee(ecrit) == lu


@pytest.mark.parametrize("ecrit", ["2025-01", "25", "2025.0", "1899", "2201", True, 2025.0, ""])
def test_annees_refusees(ecrit: object) -> None:
    erreur = _refus(lire_annee, ecrit)
    assert erreur.type == "annee_invalide"
    assert erreur.message() == f"« {ecrit} » n'est pas une année"


@pytest.mark.parametrize(
    ("ecrit", "lu"),
    [
        ("2025", (2025, 2025)),
        ("2026-2029", (2026, 2029)),
        ("2026 - 2029", (2026, 2029)),
        (2027, (2027, 2027)),
    ],
)
def test_plages_d_annees(ecrit: object, lu: tuple[int, int]) -> None:
    assert lire_plage_annees(ecrit) == lu


@pytest.mark.parametrize(
    "ecrit", ["2025-01", "2029-2026", "2025-", "2025/2026", "2025–2029", "tous"]
)
def test_plages_refusees(ecrit: str) -> None:
    erreur = _refus(lire_plage_annees, ecrit)
    assert erreur.type == "plage_annees_invalide"
    assert erreur.message() == f"« {ecrit} » n'est ni une année ni une plage d'années"


def test_cle_d_annees_normalisee() -> None:
    assert lire_cle_annees("2026 - 2029") == "2026-2029"
    assert lire_cle_annees("2025-2025") == "2025"
    assert lire_cle_annees(2025) == "2025"


@pytest.mark.parametrize(
    ("ecrit", "lu"),
    [
        ("n_moins_1", "n_moins_1"),
        ("N-1", "n_moins_1"),
        ("n - 1", "n_moins_1"),
        ("INITIALE", "initiale"),
        ("2024", "2024"),
        (2024, "2024"),
    ],
)
def test_references(ecrit: object, lu: str) -> None:
    assert lire_reference(ecrit) == lu


@pytest.mark.parametrize("ecrit", ["N-2", "precedente", "24", True])
def test_references_refusees(ecrit: object) -> None:
    assert _refus(lire_reference, ecrit).type in ("reference_invalide", "annee_invalide")


# --- FINESS (A.3, B.13) -----------------------------------------------------------------------


@pytest.mark.parametrize("ecrit", ["010000024", "340780477", "310781406", "2A0000000", "2b1234567"])
def test_finess_valides_gardent_leurs_zeros(ecrit: str) -> None:
    assert lire_finess(ecrit) == ecrit.upper()


@pytest.mark.parametrize(
    ("ecrit", "detail"),
    [
        ("10000024", "zéro initial"),
        ("340780478", "clé de contrôle incorrecte"),
        ("34 078 0477", "espaces"),
        ("3407804770", "10 caractères au lieu de 9"),
        ("34078O477", "caractères non autorisés"),
        ("", "vide"),
    ],
)
def test_finess_invalides(ecrit: str, detail: str) -> None:
    erreur = _refus(lire_finess, ecrit)
    assert erreur.type == "finess_invalide"
    assert erreur.message().startswith(f"FINESS « {ecrit} » invalide : ")
    assert detail in erreur.message() or detail in str(erreur.context)


def test_finess_perdu_par_un_tableur_suggere_sans_reparer() -> None:
    erreur = _refus(lire_finess, "10000024")
    assert "« 010000024 »" in str(erreur.context["conseil"])  # type: ignore[index]


@pytest.mark.parametrize("valeur", [10000024, 340780477, None])
def test_finess_doit_etre_un_texte(valeur: object) -> None:
    erreur = _refus(lire_finess, valeur)
    assert erreur.type == "finess_invalide"
    assert "texte de 9 caractères" in erreur.message()


# --- names and texts -------------------------------------------------------------------------


@pytest.mark.parametrize("ecrit", ["taux_formes", "nb_rmm", "a", "x1_2"])
def test_identifiants(ecrit: str) -> None:
    assert lire_identifiant(ecrit) == ecrit


@pytest.mark.parametrize("ecrit", ["Taux", "taux-formes", "1abc", "_cache", "été", "", "a" * 65, 3])
def test_identifiants_invalides(ecrit: object) -> None:
    assert _refus(lire_identifiant, ecrit).type == "identifiant_invalide"


@pytest.mark.parametrize(
    "ecrit", ["annee", "oui", "non", "vrai", "faux", "and", "not", "none", "true", "lambda"]
)
def test_identifiants_reserves(ecrit: str) -> None:
    erreur = _refus(lire_identifiant, ecrit)
    assert erreur.type == "identifiant_reserve"
    assert erreur.message() == f"« {ecrit} » est un mot réservé des expressions"


def test_codes_de_fiche() -> None:
    assert lire_code_fiche(" CPOM_OS_1 ") == "CPOM_OS_1"
    for ecrit in ("cpom_os_1", "CPOM OS 1", "1CPOM", "", 1):
        assert _refus(lire_code_fiche, ecrit).type == "code_fiche_invalide"


def test_textes() -> None:
    assert lire_texte("  Taux de formés \n") == "Taux de formés"
    assert _refus(lire_texte, "   ").type == "texte_vide"
    erreur = _refus(lire_texte, ["a"])
    assert erreur.type == "attendu_texte"
    assert erreur.message() == "un texte est attendu ici, pas une liste"


@pytest.mark.parametrize(
    ("valeur", "texte"),
    [
        (None, "une valeur vide"),
        ({}, "un dictionnaire"),
        ([1], "une liste"),
        (True, "un booléen"),
        ("court", "« court »"),
        ("x" * 50, "« " + "x" * 40 + "… »"),
    ],
)
def test_decrire_une_valeur_fautive(valeur: object, texte: str) -> None:
    assert decrire(valeur) == texte
