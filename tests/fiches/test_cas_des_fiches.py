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


def test_les_avertissements_sont_ceux_que_liste_la_documentation() -> None:
    """`cpom-rules check` on the shipped catalogue: no error, and exactly the warnings that
    docs/fiches.md lists for the ARS reviewer."""
    import re

    from cpom_rules.cli.commandes import check_specs
    from cpom_rules.problemes import Niveau

    _, problemes = check_specs(SPECS)
    assert [p for p in problemes if p.niveau is Niveau.ERREUR] == []
    obtenus = sorted((p.code_fiche or "catalogue", p.code, p.chemin or "") for p in problemes)
    documentation = (SPECS.parent.parent / "docs" / "fiches.md").read_text(encoding="utf-8")
    lignes = re.findall(
        r"^\| A\d+ \| (\S+)[^|]*\| `(\w+)` \| `([^`]+)` \|$", documentation, re.MULTILINE
    )
    assert obtenus == sorted(lignes)


def test_chaque_lecture_declaree_est_dans_la_documentation_avec_son_impact() -> None:
    """docs/fiches.md lists every declared alternative reading with its impact on the example
    data (regenerate the table from `impact_lectures` when a reading is added)."""
    import re

    from cpom_rules import load_catalogue
    from cpom_rules.compilation.catalogue import lectures_declarees

    documentation = (SPECS.parent.parent / "docs" / "fiches.md").read_text(encoding="utf-8")
    lignes = set(
        re.findall(r"^\| (\w+) \| `(\w+)`[^|]*\|[^|]+\| \d+ \|", documentation, re.MULTILINE)
    )
    declarees = {
        (fiche.removeprefix("CPOM_"), code)
        for fiche, code, _ in lectures_declarees(load_catalogue(SPECS))
    }
    assert declarees == lignes
    assert len(declarees) >= 16
