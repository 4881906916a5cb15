"""Small inline SVG charts for the HTML report, drawn without any charting library.

Guarantees: every text a chart contains is escaped; output is deterministic (same input,
same bytes); coordinates are rounded to the pixel. Styling is left to CSS classes, so the
report's stylesheet decides colours; a status is always told by marker shape and text as
well as by colour (atteint is a disc, non atteint a diamond).

A regional report draws thousands of trajectories, so what they share is drawn once: a
`Planche` hands out the charts and keeps, for the page's one hidden ``<defs>``, the status
markers (``#ma`` disc, ``#mn`` diamond, ``#mo`` square, ``#mr`` hollow reference circle, the
target tick ``#mc``) and one background per layout (grid lines and year labels, ``#f0``,
``#f1``…). A chart only carries its own numbers: the labels of both ends of its axis, the target and
value lines, one ``<use>`` per marker, and the value labels the table next to it does not
give (reference year, cumulated quantities). Axis labels, markers and value labels get
their positions from CSS rules (`Planche.css`) that depend only on the number of points,
given by the chart's class ``pN``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from cpom_rules.chiffres import nombre_texte
from cpom_rules.libelles import titre_statut
from cpom_rules.messages import Langue
from cpom_rules.render.rapport_anglais import mot


@dataclass(frozen=True)
class Apparence:
    """How a status is shown: French label, icon (never colour alone) and CSS suffix.

    The CSS class of a status is ``s-`` and a short suffix (``s-at`` atteint, ``s-nat`` non
    atteint, ``s-dm`` données manquantes, ``s-nev`` non évaluable, ``s-nap`` non
    applicable): a regional report writes it some twenty thousand times.
    """

    libelle: str
    icone: str
    classe: str


APPARENCES: dict[str, Apparence] = {
    "atteint": Apparence("Atteint", "✓", "at"),
    "non_atteint": Apparence("Non atteint", "✗", "nat"),
    "donnees_manquantes": Apparence("Données manquantes", "?", "dm"),
    "non_evaluable": Apparence("Non évaluable", "!", "nev"),
    "non_applicable": Apparence("Non applicable", "–", "nap"),
}

ORDRE_STATUTS = ("atteint", "non_atteint", "donnees_manquantes", "non_evaluable", "non_applicable")

# Marker of each status in a trajectory (id of the shared drawing); None is the reference year.
MARQUEURS = {"atteint": "ma", "non_atteint": "mn", None: "mr"}
MARQUEUR_AUTRE = "mo"


@dataclass(frozen=True)
class PointTrajectoire:
    """One year of a trajectory: the value compared with the target, the target, the status.

    `statut` is None for the reference year drawn before the first evaluated year.
    """

    annee: int
    valeur: float | None
    cible: float | None
    statut: str | None
    etiquette: bool = True  # whether the value is written next to its marker


# Geometry of a trajectory chart, in CSS pixels (the charts have no viewBox: 1 unit = 1 px).
LARGEUR, HAUTEUR = 260, 100
_GAUCHE, _DROITE, _HAUT, _BAS = 42, 6, 18, 20  # the top margin holds the label of a top point
_LARGEUR_TRACE = LARGEUR - _GAUCHE - _DROITE
_HAUTEUR_TRACE = HAUTEUR - _HAUT - _BAS


def _f(x: float) -> str:
    """A coordinate rounded to the pixel: finer is invisible at this size and costs bytes."""
    return str(round(x))


def _pas_rond(etendue: float, intervalles: int) -> float:
    """A step of 1, 2, 2.5 or 5 × 10^k giving about `intervalles` intervals over `etendue`."""
    brut = etendue / intervalles
    puissance = 10.0 ** math.floor(math.log10(brut))
    return next(f * puissance for f in (1.0, 2.0, 2.5, 5.0, 10.0) if f * puissance >= brut)


def graduations(valeurs: Sequence[float], taux: bool) -> list[float]:
    """Round tick values covering `valeurs`; starting at 0 unless the data sit far above it.

    A zero baseline is kept while the smallest value is under half the largest, so that
    small changes are not blown up; rates never get a tick above 100 they do not need.
    """
    mini, maxi = min(valeurs), max(valeurs)
    if mini >= 0 and mini <= maxi / 2:
        mini = 0.0
    if maxi == mini:
        maxi = mini + (abs(mini) or 1.0)
    pas = _pas_rond(maxi - mini, 3)
    bas = math.floor(mini / pas) * pas
    haut = math.ceil(maxi / pas) * pas
    if taux and maxi <= 100 < haut:
        haut = 100.0
    return [bas + i * pas for i in range(round((haut - bas) / pas) + 1)]


@lru_cache(maxsize=1 << 16)  # the same ticks and values recur across thousands of charts
def _etiquette(valeur: float, taux: bool, langue: Langue) -> str:
    return str(escape(nombre_texte(valeur, 1 if taux else 2, "%" if taux else None, langue)))


def _x(i: int, points: int) -> float:
    """Abscissa of the `i`-th of `points` evenly spaced years."""
    return _GAUCHE + (i + 0.5) * _LARGEUR_TRACE / points


def _y_graduation(i: int, graduations: int) -> float:
    """Ordinate of the `i`-th of `graduations` ticks, from the top."""
    return _HAUT + i * _HAUTEUR_TRACE / (graduations - 1)


def _trace(coordonnees: Sequence[tuple[str, str] | None]) -> str:
    """Path data joining consecutive known points; a gap breaks the line, a lone point is a
    zero-length segment (so that line markers still show it)."""
    morceaux: list[str] = []
    for i, point in enumerate(coordonnees):
        if point is None:
            continue
        suivi = i + 1 < len(coordonnees) and coordonnees[i + 1] is not None
        if i and coordonnees[i - 1] is not None:
            morceaux.append(f"L{point[0]} {point[1]}")
        else:
            morceaux.append(f"M{point[0]} {point[1]}{'' if suivi else 'h0'}")
    return "".join(morceaux)


class Planche:
    """Draws the trajectories of one page and what they share (`defs`, `css`).

    Backgrounds are numbered in order of first use, so the same charts give the same page.
    Numbers and words are written in `langue`, the page's.
    """

    def __init__(self, langue: Langue = "fr") -> None:
        self.langue: Langue = langue
        self._fonds: dict[tuple[int, tuple[str, ...]], str] = {}

    def _fond(self, graduations: int, annees: tuple[str, ...]) -> str:
        cle = (graduations, annees)
        if cle not in self._fonds:
            self._fonds[cle] = f"f{len(self._fonds)}"
        return self._fonds[cle]

    def trajectoire(self, points: Sequence[PointTrajectoire], taux: bool) -> Markup:
        """The achieved values against the targets, year by year (empty when nothing to draw).

        The chart repeats what the cells next to it say in words and numbers, so it is hidden
        from assistive technologies and has no title. It refers to this planche's `defs` and
        `css`, which the page must include.
        """
        nombres = [v for p in points for v in (p.valeur, p.cible) if v is not None]
        if not points or not nombres:
            return Markup("")
        ticks = graduations(nombres, taux)
        bas, haut = ticks[0], ticks[-1]
        n = len(points)

        def y_de(valeur: float) -> float:
            return _HAUT + (haut - valeur) / (haut - bas) * _HAUTEUR_TRACE

        reference = mot("réf.", self.langue)
        annees = tuple(
            str(p.annee) if p.statut is not None else f"{reference} {p.annee}" for p in points
        )
        xs = [_f(_x(i, n)) for i in range(n)]
        # The axis is labelled at its two ends; the grid lines between are evenly spaced.
        morceaux = [
            f'<svg class="trajectoire p{n}" aria-hidden="true">'
            f'<use href="#{self._fond(len(ticks), annees)}"/>'
            f"<text>{_etiquette(haut, taux, self.langue)}</text>"
            f"<text>{_etiquette(bas, taux, self.langue)}</text>"
        ]
        cibles = [
            (xs[i], _f(y_de(p.cible))) if p.cible is not None else None
            for i, p in enumerate(points)
        ]
        if any(cibles):
            morceaux.append(f'<path class="cible" d="{_trace(cibles)}"/>')
        valeurs = [
            (xs[i], _f(y_de(p.valeur))) if p.valeur is not None else None
            for i, p in enumerate(points)
        ]
        morceaux.append(f'<path class="valeur" d="{_trace(valeurs)}"/>')
        # One marker (<use>) and one label per year, in order; placeholders (<use/>, <g/>)
        # keep the n-th of them under the n-th year.
        etiquettes = []
        non_disponible = mot("n.d.", self.langue)
        for point, coordonnee in zip(points, valeurs, strict=True):
            if coordonnee is None or point.valeur is None:
                morceaux.append("<use/>")
                etiquettes.append(
                    f'<text class="nd" y="{HAUTEUR - _BAS - 4}">{non_disponible}</text>'
                    if point.statut is not None
                    else "<g/>"
                )
                continue
            marqueur = MARQUEURS.get(point.statut, MARQUEUR_AUTRE)
            morceaux.append(f'<use href="#{marqueur}" y="{coordonnee[1]}"/>')
            if not point.etiquette:
                etiquettes.append("<g/>")
                continue
            # The label goes below the point when the target mark sits just above it, unless
            # that would run into the year labels.
            y_point = y_de(point.valeur)
            gene = point.cible is not None and 0 < y_point - y_de(point.cible) < 12
            dessous = gene and y_point + 14 < HAUTEUR - _BAS
            etiquettes.append(
                f'<text y="{_f(y_point + 14 if dessous else y_point - 7)}">'
                f"{_etiquette(point.valeur, taux, self.langue)}</text>"
            )
        while etiquettes and etiquettes[-1] == "<g/>":
            etiquettes.pop()
        if etiquettes:
            morceaux.append(f'<g class="v">{"".join(etiquettes)}</g>')
        morceaux.append("</svg>")
        return Markup("".join(morceaux))

    def defs(self) -> Markup:
        """The shared drawings: status markers, the target tick, one background per layout."""
        morceaux = [
            '<circle id="ma" class="m-atteint" r="4.5"/>',
            '<path id="mn" class="m-non_atteint" d="M0-5.5l5.5 5.5-5.5 5.5-5.5-5.5z"/>',
            '<rect id="mo" class="m-autre" x="-3.5" y="-3.5" width="7" height="7"/>',
            '<circle id="mr" class="m-reference" r="3.5"/>',
            '<marker id="mc" class="m-cible" markerUnits="userSpaceOnUse" markerWidth="14" '
            'markerHeight="2" refX="7" refY="1" overflow="visible"><path d="M0 1h14"/></marker>',
        ]
        for (graduations, annees), ident in self._fonds.items():
            grille = "".join(
                f"M{_GAUCHE} {_f(_y_graduation(i, graduations))}h{_LARGEUR_TRACE}"
                for i in range(graduations)
            )
            textes = "".join(
                f'<text x="{_f(_x(i, len(annees)))}">{escape(annee)}</text>'
                for i, annee in enumerate(annees)
            )
            morceaux.append(
                f'<g id="{ident}" class="fond"><path d="{grille}"/>'
                f'<g transform="translate(0 {HAUTEUR - 6})">{textes}</g></g>'
            )
        return Markup("".join(morceaux))

    def css(self) -> Markup:
        """Positions of axis labels, markers and value labels for the layouts drawn so far."""
        regles = [
            f".trajectoire{{width:{LARGEUR}px;height:{HAUTEUR}px}}",
            f".trajectoire>text:first-of-type{{transform:translate({_GAUCHE - 4}px,{_HAUT}px)}}",
            f".trajectoire>text:last-of-type{{transform:translate({_GAUCHE - 4}px,"
            f"{HAUTEUR - _BAS}px)}}",
        ]
        for points in sorted({len(a) for _, a in self._fonds}):
            for i in range(points):
                regles.append(
                    f".p{points}>use:nth-of-type({i + 2}),.p{points} .v>:nth-child({i + 1})"
                    f"{{transform:translateX({_f(_x(i, points))}px)}}"
                )
        return Markup("\n".join(regles))


def barre_statuts(
    comptes: Mapping[str, int], largeur: int = 160, titre: bool = True, langue: Langue = "fr"
) -> Markup:
    """A stacked bar of status counts, in `ORDRE_STATUTS`; its title gives the counts in words.

    Without `titre` the bar is hidden from assistive technologies: for when the counts are
    written next to it.
    """
    total = sum(comptes.get(s, 0) for s in ORDRE_STATUTS)
    if titre:
        resume = ", ".join(
            f"{nombre_texte(comptes[s], langue=langue)} {titre_statut(s, langue).lower()}"
            for s in ORDRE_STATUTS
            if comptes.get(s)
        )
        nom = f'role="img"><title>{escape(resume or mot("aucun résultat", langue))}</title>'
    else:
        nom = 'aria-hidden="true">'
    morceaux = [f'<svg class="barre-statuts" width="{largeur}" height="12" {nom}']
    x = 0.0
    for statut in ORDRE_STATUTS:
        nombre = comptes.get(statut, 0)
        if not nombre or not total:
            continue
        largeur_part = nombre / total * largeur
        morceaux.append(
            f'<rect class="s-{APPARENCES[statut].classe}" x="{_f(x)}" width="{_f(largeur_part)}" '
            'height="12"/>'
        )
        x += largeur_part
    morceaux.append("</svg>")
    return Markup("".join(morceaux))


def legende(langue: Langue = "fr") -> Markup:
    """The key of the trajectory charts' markers and lines, as one small SVG (uses the
    markers of `Planche.defs`)."""
    elements = (  # drawing, its width, word
        ('<use href="#ma" x="8" y="9"/>', 16, "Atteint"),
        ('<use href="#mn" x="8" y="9"/>', 16, "Non atteint"),
        ('<use href="#mo" x="8" y="9"/>', 16, "Autre statut"),
        ('<use href="#mr" x="8" y="9"/>', 16, "Valeur de référence"),
        ('<path class="cible" d="M7 9h20"/>', 34, "Cible"),  # a tick at each end
    )
    morceaux = [f"<title>{escape(mot('Légende des graphiques de trajectoire', langue))}</title>"]
    x = 0
    for dessin, largeur, francais in elements:
        texte = mot(francais, langue)
        morceaux.append(
            f'<g transform="translate({x} 0)">{dessin}'
            f'<text x="{largeur + 6}" y="13">{escape(texte)}</text></g>'
        )
        x += largeur + 24 + 7 * len(texte)  # about 7 px per character at the legend's 12 px
    morceaux.insert(
        0,
        f'<svg class="legende-trajectoire" viewBox="0 0 {x} 18" width="{x}" height="18" role="img">',
    )
    morceaux.append("</svg>")
    return Markup("".join(morceaux))
