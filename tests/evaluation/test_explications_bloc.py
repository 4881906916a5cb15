"""A whole block's explanations (`expliquer_bloc`, for reports) are, cell for cell, the
sentences of `expliquer_cellule`: on the example, on random perturbations of it, in both
languages, while each distinct cell is worded only once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpom_rules import Catalogue, Resultats, evaluate, load_catalogue, load_dataset
from cpom_rules.evaluation import explications
from cpom_rules.evaluation.explications import _cle_unique, expliquer_bloc, expliquer_cellule
from cpom_rules.evaluation.tracer import Lecture, tracer, tracer_lecture
from cpom_rules.messages import Langue
from tests.conftest import SPECS
from tests.evaluation.fabrique import exemple_perturbe

EXEMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(SPECS)


@pytest.fixture(scope="module")
def exemple(catalogue: Catalogue) -> Resultats:
    donnees = load_dataset(catalogue, EXEMPLES / "etablissements.csv", EXEMPLES / "mesures.csv")
    return evaluate(catalogue, donnees)


def _verifier(resultats: Resultats, langue: Langue) -> None:
    for bloc in resultats.blocs:
        attendues = [
            expliquer_cellule(bloc, e, a, langue)
            for e in range(bloc.statut.shape[0])
            for a in range(len(bloc.annees))
        ]
        assert expliquer_bloc(bloc, langue).tolist() == attendues, bloc.fiche.code


@pytest.mark.parametrize("langue", ["fr", "en"])
def test_exemple_cellule_par_cellule(exemple: Resultats, langue: Langue) -> None:
    _verifier(exemple, langue)


def test_chaque_cellule_distincte_formulee_une_fois(
    exemple: Resultats, monkeypatch: pytest.MonkeyPatch
) -> None:
    appels: list[tuple[int, int]] = []

    def compter(lecture: Lecture, k: int, langue: Langue = "fr") -> str:
        e, a = lecture.e[k], lecture.a[k]
        appels.append((e, a))
        return f"{e}/{a}"

    monkeypatch.setattr(explications, "expliquer_lue", compter)
    # Every distinct cell one by one here (verdicts are otherwise worded by their kind).
    monkeypatch.setattr(
        explications,
        "_rediger_verdicts",
        lambda lecture, cellules, textes, langue: np.arange(len(cellules)),
    )
    cellules = sum(bloc.statut.size for bloc in exemple.blocs)
    for bloc in exemple.blocs:
        textes = expliquer_bloc(bloc).reshape(bloc.statut.shape)
        for (e, a), texte in np.ndenumerate(textes):
            # The cell worded for this one is of the same year, target, status and reason.
            e2, a2 = map(int, texte.split("/"))
            assert a2 == a
            for grille in (bloc.cible_id, bloc.statut, bloc.raison):
                assert grille[e2, a2] == grille[e, a]
    assert len(appels) < cellules / 2


# The kinds that word many verdicts at once (`Genre.rediger`).
REDIGEES = {"seuil", "increment", "variation_points", "variation_relative", "progression"}


def test_verdicts_rediges_par_leur_genre(
    exemple: Resultats, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No plain verdict of those kinds is traced one by one: each is worded by its kind from
    the block's columns (and, by the tests above, in the very words of its trace)."""
    une_par_une: list[tuple[str | None, str, str | None]] = []

    def tracer_et_compter(lecture: Lecture, k: int, langue: Langue = "fr") -> str:
        trace = tracer_lecture(lecture, k, complete=False)
        une_par_une.append((trace.genre, trace.statut, trace.raison))
        return explications.expliquer(trace, langue)

    monkeypatch.setattr(explications, "expliquer_lue", tracer_et_compter)
    verdicts = 0
    for bloc in exemple.blocs:
        expliquer_bloc(bloc)
        verdicts += int(np.isin(bloc.statut, [1, 2]).sum())
    assert une_par_une  # the other cells still are
    assert not [
        cellule
        for cellule in une_par_une
        if cellule[0] in REDIGEES and cellule[1] in ("atteint", "non_atteint") and not cellule[2]
    ]
    assert len(une_par_une) < verdicts / 2


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(graine=st.integers(0, 10_000), facteur=st.sampled_from(["0", "0,5", "1,03", "2"]))
def test_jeux_aleatoires(catalogue: Catalogue, graine: int, facteur: str) -> None:
    """Values scaled and some erased: equal cells still share only what they truly share."""
    donnees = exemple_perturbe(catalogue, graine, facteur, retenus=60, effaces=0.15)
    _verifier(evaluate(catalogue, donnees), "fr")


@pytest.mark.parametrize("complete", [True, False])
def test_lecture_du_bloc_egale_trace_cellule(exemple: Resultats, complete: bool) -> None:
    """The operands gathered for many cells at once (`Lecture`, as `expliquer_bloc` reads
    them) give every cell the very trace `tracer` reads for that cell alone."""
    for bloc in exemple.blocs:
        annees = bloc.statut.shape[1]
        cellules = np.arange(bloc.statut.size, dtype=np.int64)[::-1]  # any order, not sorted
        lecture = Lecture(bloc, cellules)
        for k, i in enumerate(cellules.tolist()):
            e, a = divmod(i, annees)
            assert tracer_lecture(lecture, k, complete) == tracer(bloc, e, a, complete), (e, a)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(-(2**62), 2**62), min_size=30, max_size=30)
        | st.lists(st.integers(0, 2), min_size=30, max_size=30),
        min_size=1,
        max_size=16,  # 30 cells with 13 distinct-valued grids: numbered again (30**13 > 2**62)
    )
)
def test_cle_unique_groupe_comme_les_lignes(colonnes: list[list[int]]) -> None:
    """One integer per cell, equal exactly where the rows of every grid are, even when the
    grids' values could not be combined in 63 bits without numbering them again."""
    grilles = [np.array(colonne, dtype=np.int64) for colonne in colonnes]
    cle = _cle_unique(grilles)
    lignes = list(zip(*colonnes, strict=True))
    for i in range(len(lignes)):
        for j in range(len(lignes)):
            assert (cle[i] == cle[j]) == (lignes[i] == lignes[j])
