"""The SVG charts: shapes per status, shared drawings, scales, determinism."""

from __future__ import annotations

import pytest

from cpom_rules.messages import Langue
from cpom_rules.render.graphiques import (
    Planche,
    PointTrajectoire,
    barre_statuts,
    graduations,
    legende,
)
from tests.render.dom import Element, analyser

POINTS = (
    PointTrajectoire(2024, 8.0, None, None),
    PointTrajectoire(2025, 12.0, 10.0, "atteint"),
    PointTrajectoire(2026, 14.0, 15.0, "non_atteint"),
    PointTrajectoire(2027, None, 20.0, "donnees_manquantes"),
)


def _marqueurs(svg: Element) -> list[str]:
    """The shared marker each year uses, in order ("" for a year without a value)."""
    return [u.attributs.get("href", "") for u in svg.chercher("use")[1:]]


def test_trajectoire_forme_par_statut() -> None:
    planche = Planche()
    (racine,) = analyser(str(planche.trajectoire(POINTS, True))).chercher("svg", "trajectoire")
    # The cells next to the chart say all it shows: hidden from assistive technologies.
    assert racine.attributs["aria-hidden"] == "true"
    assert "p4" in racine.classes  # four points, placed by the CSS of the layout
    # Hollow circle for the reference, disc for atteint, diamond for non atteint.
    assert _marqueurs(racine) == ["#mr", "#ma", "#mn", ""]
    assert [t.texte() for t in racine.chercher("text", "nd")] == ["n.d."]
    (etiquettes,) = racine.chercher("g", "v")
    assert [t.texte() for t in etiquettes.chercher("text") if "nd" not in t.classes] == [
        "8\u00a0%",
        "12\u00a0%",
        "14\u00a0%",
    ]
    # The axis ends are labelled; three targets joined by one dashed line with a tick each
    # (line markers at its three vertices).
    assert [t.texte() for t in racine.enfants if t.balise == "text"] == ["20\u00a0%", "0\u00a0%"]
    (cible,) = racine.chercher("path", "cible")
    assert cible.attributs["d"].count("L") == 2 and cible.attributs["d"].count("M") == 1
    # The years are written once in the shared background the chart refers to.
    fond = racine.chercher("use")[0].attributs["href"].removeprefix("#")
    (dessin,) = analyser(f"<svg>{planche.defs()}</svg>").chercher(id=fond)
    assert [t.texte() for t in dessin.chercher("text")] == ["réf. 2024", "2025", "2026", "2027"]


def test_les_dessins_partages_sont_definis() -> None:
    planche = Planche()
    planche.trajectoire(POINTS, True)
    planche.trajectoire(POINTS[1:3], True)
    defs = analyser(f"<svg>{planche.defs()}</svg>")
    for ident in ("ma", "mn", "mo", "mr", "mc", "f0", "f1"):
        assert len(defs.chercher(id=ident)) == 1, ident
    css = str(planche.css())
    # Every year of every layout drawn has its position, for markers and labels alike.
    for points, rangs in ((4, range(1, 5)), (2, range(1, 3))):
        for rang in rangs:
            assert f".p{points}>use:nth-of-type({rang + 1})" in css
            assert f".p{points} .v>:nth-child({rang})" in css
    assert ".p3" not in css


def test_etiquettes_seulement_ou_demandees() -> None:
    points = (
        PointTrajectoire(2025, 2.0, 1.0, "atteint", etiquette=False),
        PointTrajectoire(2026, 5.0, 4.0, "atteint", etiquette=True),
    )
    svg = analyser(str(Planche().trajectoire(points, False)))
    (etiquettes,) = svg.chercher("g", "v")
    assert [e.balise for e in etiquettes.enfants] == ["g", "text"]  # a placeholder, then "5"
    assert etiquettes.texte() == "5"
    sans = (PointTrajectoire(2025, 2.0, 1.0, "atteint", etiquette=False),)
    assert analyser(str(Planche().trajectoire(sans, False))).chercher("g", "v") == []


def test_une_valeur_absente_coupe_la_ligne() -> None:
    points = (
        PointTrajectoire(2025, 1.0, None, "atteint"),
        PointTrajectoire(2026, None, None, "donnees_manquantes"),
        PointTrajectoire(2027, 3.0, None, "atteint"),
    )
    (ligne,) = analyser(str(Planche().trajectoire(points, False))).chercher("path", "valeur")
    assert ligne.attributs["d"].count("M") == 2 and "L" not in ligne.attributs["d"]


def test_rien_a_dessiner() -> None:
    assert str(Planche().trajectoire((), True)) == ""
    seul = (PointTrajectoire(2025, None, None, "non_applicable"),)
    assert str(Planche().trajectoire(seul, True)) == ""


def test_deterministe() -> None:
    une, autre = Planche(), Planche()
    assert str(une.trajectoire(POINTS, True)) == str(autre.trajectoire(POINTS, True))
    assert une.defs() == autre.defs() and une.css() == autre.css()


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
    assert rectangles == {"s-at": "75", "s-nat": "25"}
    assert barre.chercher("title")[0].texte() == "3 atteint, 1 non atteint"
    # Without title (its counts written next to it), hidden from assistive technologies.
    muette = analyser(str(barre_statuts({"atteint": 3}, titre=False)))
    assert muette.chercher("title") == []
    assert muette.chercher("svg")[0].attributs["aria-hidden"] == "true"


def test_legende_nomme_chaque_marque() -> None:
    legende_svg = analyser(str(legende()))
    texte = legende_svg.texte()
    for mot in ("Atteint", "Non atteint", "Cible", "Valeur de référence"):
        assert mot in texte
    assert {u.attributs["href"] for u in legende_svg.chercher("use")} == {
        "#ma",
        "#mn",
        "#mo",
        "#mr",
    }


@pytest.mark.parametrize(
    ("langue", "haut", "valeur", "reference", "absente", "titre"),
    [
        ("fr", "1\u202f400", "1\u202f234,5", "réf. 2024", "n.d.", "1\u202f200 atteint"),
        ("en", "1,400", "1,234.5", "ref. 2024", "n/a", "1,200 met"),
    ],
)
def test_textes_des_graphiques_dans_la_langue_de_la_page(
    langue: Langue, haut: str, valeur: str, reference: str, absente: str, titre: str
) -> None:
    planche = Planche(langue)
    points = (
        PointTrajectoire(2024, 800.0, None, None),
        PointTrajectoire(2025, 1234.5, 1000.0, "atteint"),
        PointTrajectoire(2026, None, 1100.0, "donnees_manquantes"),
    )
    svg = analyser(str(planche.trajectoire(points, False)))
    assert [t.texte() for t in svg.chercher("text")] == [haut, "800", "800", valeur, absente]
    assert reference in str(planche.defs())
    barre = analyser(str(barre_statuts({"atteint": 1200}, langue=langue)))
    assert barre.chercher("title")[0].texte() == titre
