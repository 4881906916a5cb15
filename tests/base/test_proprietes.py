"""Properties of imports: order and split do not matter, re-import is a no-op, nothing is deleted."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpom_rules.base import import_mesures
from tests.base.conftest import NouvelleBase
from tests.base.outils import ecrire_csv, etat_courant, le, lignes_mesures, m

FINESS = ("340780477", "010000024", "310781406")
VARIABLES = ("professionnels_formes", "professionnels_total")

cles = st.tuples(st.sampled_from(FINESS), st.integers(2024, 2026), st.sampled_from(VARIABLES))
valeurs = st.sampled_from(["0", "1", "12", "12,5", "", "100"])
# rows with distinct keys: what one campaign file holds when it has no conflict
jeux = st.dictionaries(cles, valeurs, min_size=1, max_size=12)
REGLAGES = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _importer(
    moteur: Any, dossier: Path, nom: str, lignes: list[tuple[str, ...]], jour: int
) -> None:
    import_mesures(moteur, ecrire_csv(dossier / nom, lignes), le=le(2026, 1, jour))


def _contenu(moteur: Any) -> list[tuple[Any, ...]]:
    """The stored rows without ids: what an import split must not change."""
    return sorted((cle, valeur) for _, *cle, valeur, _ in lignes_mesures(moteur))  # type: ignore[misc]


@REGLAGES
@given(
    jeu=jeux,
    ordre=st.randoms(use_true_random=False),
    coupures=st.lists(st.integers(0, 12), max_size=3),
)
def test_ordre_et_decoupage_indifferents(
    nouvelle_base: NouvelleBase,
    tmp_path_factory: Any,
    jeu: dict[Any, str],
    ordre: Any,
    coupures: list[int],
) -> None:
    lignes = [m(f, a, v, valeur) for (f, a, v), valeur in jeu.items()]
    dossier = tmp_path_factory.mktemp("p")
    reference = nouvelle_base()
    _importer(reference, dossier, "tout.csv", lignes, 1)
    melangees = list(lignes)
    ordre.shuffle(melangees)
    bornes = sorted({0, len(melangees), *(min(c, len(melangees)) for c in coupures)})
    autre = nouvelle_base()
    for i, (debut, fin) in enumerate(itertools.pairwise(bornes)):
        _importer(autre, dossier, f"part{i}.csv", melangees[debut:fin], i + 1)
    assert _contenu(autre) == _contenu(reference)
    assert etat_courant(autre) == etat_courant(reference)


@REGLAGES
@given(campagnes=st.lists(jeux, min_size=1, max_size=4))
def test_reimport_sans_effet_et_rien_n_est_supprime(
    nouvelle_base: NouvelleBase, tmp_path_factory: Any, campagnes: list[dict[Any, str]]
) -> None:
    dossier = tmp_path_factory.mktemp("r")
    moteur = nouvelle_base()
    attendu: dict[Any, str] = {}
    avant: list[tuple[Any, ...]] = []
    for i, jeu in enumerate(campagnes):
        lignes = [m(f, a, v, valeur) for (f, a, v), valeur in jeu.items()]
        _importer(moteur, dossier, f"c{i}.csv", lignes, 2 * i + 1)
        apres = lignes_mesures(moteur)
        assert apres[: len(avant)] == avant  # every earlier row is still there, unchanged
        _importer(moteur, dossier, f"c{i}.csv", lignes, 2 * i + 2)
        assert lignes_mesures(moteur) == apres  # the same file again adds nothing
        avant = apres
        attendu.update({(f, "CPOM_OS_1", a, v): valeur for (f, a, v), valeur in jeu.items()})
    # the latest import of a key wins, the older value stays in history
    assert etat_courant(moteur) == attendu
