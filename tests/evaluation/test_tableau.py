"""Result columns as a table of values and one index per row (evaluation/tableau.py): the
writers format each table entry once, so the table must hold exactly the row values."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cpom_rules import evaluate, load_catalogue, load_dataset
from cpom_rules.evaluation.explications import expliquer_cellule, phrases_du_bloc
from cpom_rules.evaluation.tableau import _nombres, colonnes_indexees_bloc
from cpom_rules.formules import colonnes as c
from tests.conftest import RACINE, SPECS

EXEMPLES = RACINE / "examples"


def _colonne(fractions: list[tuple[int, int] | None]) -> c.Nombres:
    num = np.array([[f[0] if f else 0 for f in fractions]], dtype=np.int64)
    den = np.array([[f[1] if f else 1 for f in fractions]], dtype=np.int64)
    absence = np.array([[0 if f else c.Absence.MANQUANTE for f in fractions]], dtype=np.uint8)
    return c.Nombres(num, den, absence)


def test_moins_zero_reste_moins_zero() -> None:
    """-0.0000001 rounds to -0.0, which the CSV writes « -0 »: not merged with 0.0."""
    colonne = _nombres(_colonne([(-1, 10**7), (0, 1), None]), (1, 3))
    valeurs = colonne.dense().tolist()
    assert [math.copysign(1, v) for v in valeurs[:2]] == [-1, 1]
    assert valeurs[2] is None
    assert len(colonne.valeurs) == 3  # -0.0, 0.0 and the absent value


@given(
    st.lists(
        st.one_of(st.none(), st.tuples(st.integers(-(10**9), 10**9), st.integers(1, 10**6))),
        min_size=1,
        max_size=40,
    ),
    st.lists(st.booleans(), min_size=40, max_size=40),
)
def test_table_et_indices_redonnent_les_valeurs(
    fractions: list[tuple[int, int] | None], gardes: list[bool]
) -> None:
    nombres = _colonne(fractions)
    garder = np.array(gardes[: len(fractions)])
    colonne = _nombres(nombres, (1, len(fractions)), garder)
    attendu = [
        round(f[0] / f[1], 6) if f is not None and g else None
        for f, g in zip(fractions, garder.tolist(), strict=True)
    ]
    obtenu = colonne.dense().tolist()
    assert [None if v is None else (v, math.copysign(1, v)) for v in obtenu] == [
        None if v is None else (v, math.copysign(1, v)) for v in attendu
    ]
    distincts = [v for v in colonne.valeurs.tolist() if v is not None]
    assert len({(v, math.copysign(1, v)) for v in distincts}) == len(distincts)


def test_explications_en_table_une_phrase_par_cellule_distincte() -> None:
    """The explanation column is the block's distinct sentences and one index per row: the
    writers format each sentence once, and every row still reads its own sentence."""
    catalogue = load_catalogue(SPECS)
    resultats = evaluate(
        catalogue,
        load_dataset(catalogue, EXEMPLES / "etablissements.csv", EXEMPLES / "mesures.csv"),
    )
    (bloc,) = [b for b in resultats.blocs if b.fiche.code == "CPOM_OS_1"]
    phrases, indices = phrases_du_bloc(bloc)
    assert len(phrases) < len(indices) == bloc.statut.size
    annees = bloc.statut.shape[1]
    for i in range(0, len(indices), 7):
        assert phrases[indices[i]] == expliquer_cellule(bloc, *divmod(i, annees))
    colonne = colonnes_indexees_bloc(resultats, bloc, explications=True)["explication"]
    assert colonne.valeurs.tolist() == phrases.tolist()
