"""Properties of every explanation over the 30 shipped fiches and random datasets: the
comparison stated is the one that came out, and every number printed is a trace operand.

Checked on the bundled example (every result) and on random perturbations of it."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpom_rules import Catalogue, Resultats, evaluate, load_catalogue, load_dataset
from cpom_rules.evaluation.explications import expliquer, nombres_affiches
from cpom_rules.evaluation.trace import Trace
from cpom_rules.evaluation.tracer import tracer
from tests.conftest import SPECS
from tests.evaluation.fabrique import exemple_perturbe

RACINE = Path(__file__).resolve().parents[2]
EXEMPLES = RACINE / "examples"
NOMBRE = re.compile(r"(?<![\w/])-?\d[\d\u202f]*(?:,\d+)?(?:\u00a0%)?")
COMPARAISON = re.compile(
    r"(?P<gauche>-?\d[\d\u202f]*(?:,\d+)?)(?:\u00a0%)? (?P<op>[≥>≤<=]) (?:cible )?"
    r"(?P<droite>-?\d[\d\u202f]*(?:,\d+)?)"
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(SPECS)


def _traces(resultats: Resultats) -> list[Trace]:
    return [
        tracer(bloc, e, a)
        for bloc in resultats.blocs
        for e in range(bloc.statut.shape[0])
        for a in range(len(bloc.annees))
    ]


def _fraction(texte: str) -> Fraction:
    return Fraction(texte.replace("\u202f", "").replace(",", "."))


def _verifier(trace: Trace) -> None:
    texte = expliquer(trace)
    # The header (code, year, segment), labels and printed targets may hold numbers of their
    # own: they are text from the fiche, not operands.
    corps = texte.split(" : ", 1)[1] if " : " in texte else texte
    textes = [f"cible {trace.cible}", f"target {trace.cible}", f"{trace.cible} ["]
    textes += [trace.libelle_origine or "", trace.libelle_mesure]
    textes += [f" : {b.cible} →" for b in trace.branches] + [b.libelle for b in trace.branches]
    textes += [e.libelle for e in trace.elements] + list(trace.detail_raison)
    textes += [trace.motif or "", trace.libelle_jalon or ""]
    if trace.comparaison is not None:
        textes.append(trace.comparaison.libelle)
    for libelle in sorted(textes, key=len, reverse=True):
        if len(libelle) > 3:
            corps = corps.replace(libelle, " ¤ ")
    permis = nombres_affiches(trace)
    for nombre in NOMBRE.findall(corps):
        assert nombre in permis or nombre.removesuffix("\u00a0%") in permis, (nombre, texte)
    comparaison = trace.comparaison
    if trace.statut == "non_atteint" and comparaison is not None and comparaison.issue is False:
        for m in COMPARAISON.finditer(corps):
            gauche, droite = _fraction(m["gauche"]), _fraction(m["droite"])
            vrai = {
                "≥": gauche >= droite,
                ">": gauche > droite,
                "≤": gauche <= droite,
                "<": gauche < droite,
                "=": gauche == droite,
            }[m["op"]]
            # Displayed values are rounded: a stated « a < b » must not be plainly false.
            assert vrai or abs(gauche - droite) <= Fraction(1, 100), texte


def test_chaque_explication_de_l_exemple(catalogue: Catalogue) -> None:
    donnees = load_dataset(catalogue, EXEMPLES / "etablissements.csv", EXEMPLES / "mesures.csv")
    traces = _traces(evaluate(catalogue, donnees))
    assert len(traces) > 10_000
    schema = json.loads((RACINE / "schemas" / "trace.schema.json").read_text(encoding="utf-8"))
    for i, trace in enumerate(traces):
        _verifier(trace)
        if i % 97 == 0:
            jsonschema.validate(trace.to_dict(), schema)
    non_atteints = [t for t in traces if t.statut == "non_atteint"]
    assert non_atteints and all(
        "≥ cible" not in expliquer(t)
        or t.comparaison is None
        or t.comparaison.operateur in ("<", "<=")
        for t in non_atteints
    )


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    graine=st.integers(0, 10_000),
    facteur=st.sampled_from(["0", "0,5", "0,97", "1", "1,03", "2"]),
)
def test_jeux_aleatoires(catalogue: Catalogue, graine: int, facteur: str) -> None:
    """The example's numbers scaled and some erased: the properties still hold."""
    donnees = exemple_perturbe(catalogue, graine, facteur)
    for trace in _traces(evaluate(catalogue, donnees)):
        _verifier(trace)
