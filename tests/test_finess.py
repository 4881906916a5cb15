"""FINESS numbers (finess.py): format, Luhn key, nothing repaired silently (ADVERSARIAL E.31)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpom_rules.finess import analyser_finess, avec_cle, luhn_valide
from tests.evaluation.fabrique import F1, F2, F3, F4


@pytest.mark.parametrize("numero", [F1, F2, F3, F4])
def test_numeros_valides(numero: str) -> None:
    assert luhn_valide(numero)
    analyse = analyser_finess(numero)
    assert (analyse.finess, analyse.defaut, analyse.espaces_retires) == (numero, None, False)


@pytest.mark.parametrize(
    ("brut", "defaut"),
    [
        ("", "vide"),
        ("   ", "vide"),
        ("34078047", "8 caractères au lieu de 9"),  # 8 digits that are not a lost zero
        ("3407804771", "10 caractères au lieu de 9"),
        ("34O780477", "caractères non autorisés"),
        ("2C0000001", "caractères non autorisés"),
        ("٣٤٠٧٨٠٤٧٧", "caractères non autorisés"),
        ("３４０７８０４７７", "caractères non autorisés"),
        ("340780478", "clé de contrôle incorrecte"),
        ("340780467", "clé de contrôle incorrecte"),
    ],
)
def test_numeros_invalides(brut: str, defaut: str) -> None:
    analyse = analyser_finess(brut)
    assert analyse.finess is None
    assert (analyse.defaut or "").startswith(defaut)
    assert analyse.defaut_en and analyse.conseil and analyse.conseil_en
    assert analyse.correction is None


@pytest.mark.parametrize(
    "brut", ["34 078 0477", " 340780477 ", "340.780.477", "340\u00a0780\u00a0477"]
)
def test_espaces_retires_et_signales(brut: str) -> None:
    analyse = analyser_finess(brut)
    assert analyse.finess == F1
    assert analyse.espaces_retires is (brut.strip() != F1)


def test_zero_initial_perdu_seulement_suggere() -> None:
    analyse = analyser_finess("10000024")
    assert analyse.finess is None
    assert analyse.correction == F4
    assert "zéro initial" in (analyse.defaut or "")
    assert "« 010000024 »" in analyse.conseil


def test_corse_format_seul() -> None:
    assert analyser_finess("2a0000001").finess == "2A0000001"
    assert analyser_finess("2B1234567").finess == "2B1234567"


def test_avec_cle() -> None:
    assert avec_cle("34078047") == F1
    assert avec_cle("01000002") == F4


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_une_seule_cle_par_base(base: str) -> None:
    numero = avec_cle(base)
    assert luhn_valide(numero)
    assert [luhn_valide(base + cle) for cle in "0123456789"].count(True) == 1
    assert analyser_finess(numero).finess == numero


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_jamais_d_exception_et_toujours_ascii(brut: str) -> None:
    analyse = analyser_finess(brut)
    if analyse.finess is not None:
        assert len(analyse.finess) == 9 and analyse.finess.isascii()
    else:
        assert analyse.defaut
