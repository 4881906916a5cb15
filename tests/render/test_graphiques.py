"""The SVG charts: shapes per status, escaping, scales, determinism."""

from __future__ import annotations

import pytest

from cpom_rules.render.graphiques import (
    PointTrajectoire,
    barre_statuts,
    graduations,
    legende,
    trajectoire,
)
from tests.render.dom import analyser

POINTS = (
    PointTrajectoire(2024, 8.0, None, None),
    PointTrajectoire(2025, 12.0, 10.0, "atteint"),
    PointTrajectoire(2026, 14.0, 15.0, "non_atteint"),
    PointTrajectoire(2027, None, 20.0, "donnees_manquantes"),
)


def test_trajectoire_forme_par_statut() -> None:
    svg = analyser(str(trajectoire(POINTS, True, "titre")))
    (racine,) = svg.chercher("svg", "trajectoire")
    assert racine.attributs["role"] == "img"
    assert len(racine.chercher("circle", "m-atteint")) == 1
    assert len(racine.chercher("path", "m-non_atteint")) == 1
    assert len(racine.chercher("circle", "m-reference")) == 1
    assert [t.texte() for t in racine.chercher("text", "nd")] == ["n.d."]
    assert [t.texte() for t in racine.chercher("text", "v")] == [
        "8\u00a0%",
        "12\u00a0%",
        "14\u00a0%",
    ]
    # Three targets, one tick each, joined by one dashed line.
    (traits,) = racine.chercher("path", "m-cible")
    assert traits.attributs["d"].count("h14") == 3
    assert [t.texte() for t in racine.chercher("text", "x")] == [
        "réf. 2024",
        "2025",
        "2026",
        "2027",
    ]


def test_une_valeur_absente_coupe_la_ligne() -> None:
    points = (
        PointTrajectoire(2025, 1.0, None, "atteint"),
        PointTrajectoire(2026, None, None, "donnees_manquantes"),
        PointTrajectoire(2027, 3.0, None, "atteint"),
    )
    (ligne,) = analyser(str(trajectoire(points, False, "t"))).chercher("path", "valeur")
    assert ligne.attributs["d"].count("M") == 2 and "L" not in ligne.attributs["d"]


def test_titre_echappe() -> None:
    svg = str(trajectoire(POINTS, True, '<img src=x onerror="alert(1)">'))
    assert "<img" not in svg
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in svg


def test_rien_a_dessiner() -> None:
    assert str(trajectoire((), True, "t")) == ""
    assert (
        str(trajectoire((PointTrajectoire(2025, None, None, "non_applicable"),), True, "t")) == ""
    )


def test_deterministe() -> None:
    assert str(trajectoire(POINTS, True, "t")) == str(trajectoire(POINTS, True, "t"))


@pytest.mark.parametrize(
    ("valeurs", "taux", "premier", "dernier"),
    [
        ((8.0, 20.0), True, 0.0, 20.0),  # values near zero: zero baseline kept
        ((740.0, 926.0), False, 700.0, 1000.0),  # far from zero: the axis starts near the data
        ((95.0, 99.0, 30.0), True, 0.0, 100.0),  # a rate never needs a tick above 100
        ((0.0,), False, 0.0, 1.0),  # a flat zero still gets an axis
    ],
)
def test_graduations(
    valeurs: tuple[float, ...], taux: bool, premier: float, dernier: float
) -> None:
    ticks = graduations(valeurs, taux)
    assert ticks[0] == pytest.approx(premier)
    assert ticks[-1] == pytest.approx(dernier)
    assert ticks[0] <= min(valeurs) and ticks[-1] >= max(valeurs)
    assert 2 <= len(ticks) <= 6


def test_barre_statuts_proportionnelle() -> None:
    barre = analyser(str(barre_statuts({"atteint": 3, "non_atteint": 1}, largeur=100)))
    rectangles = {r.attributs["class"]: r.attributs["width"] for r in barre.chercher("rect")}
    assert rectangles == {"s-atteint": "75", "s-non_atteint": "25"}
    assert barre.chercher("title")[0].texte() == "3 atteint, 1 non atteint"


def test_legende_nomme_chaque_marque() -> None:
    texte = analyser(str(legende())).texte()
    for mot in ("Atteint", "Non atteint", "Cible", "Valeur de référence"):
        assert mot in texte
