"""Every author test case of the shipped catalogue passes (what `cpom-rules test` runs)."""

from __future__ import annotations

import pytest

from cpom_rules import Catalogue, load_catalogue
from cpom_rules.cas.execution import read_cases, run_case
from tests.conftest import SPECS

_CATALOGUE = load_catalogue(SPECS)
_FICHIERS, _PROBLEMES = read_cases(_CATALOGUE, SPECS)
_CAS = [
    pytest.param(fichier.fiche, cas, id=f"{fichier.fiche}: {cas.nom}")
    for fichier, _ in _FICHIERS
    for cas in fichier.cas
]


def test_les_fichiers_de_cas_sont_valides() -> None:
    assert [str(p) for p in _PROBLEMES] == []


@pytest.mark.parametrize(("fiche", "cas"), _CAS)
def test_cas(fiche: str, cas: object, catalogue: Catalogue) -> None:
    ecarts, _ = run_case(catalogue, fiche, cas)  # type: ignore[arg-type]
    assert ecarts == []
