"""Small inline SVG charts for the HTML report, drawn without any charting library.

Guarantees: every function returns one standalone ``<svg>`` element as `Markup`, with every
text it contains escaped; output is deterministic (same input, same bytes); coordinates are
rounded to the pixel and repeated marks merged into one path, to keep a report of thousands
of charts small. Styling is left to CSS
classes, so the report's stylesheet decides colours; a status is always told by marker
shape and text as well as by colour (``m-atteint`` is a disc, ``m-non_atteint`` a diamond).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from cpom_rules.evaluation.format import nombre_fr


@dataclass(frozen=True)
class Apparence:
    """How a status is shown: French label, icon (never colour alone) and CSS suffix."""

    libelle: str
    icone: str
    classe: str


APPARENCES: dict[str, Apparence] = {
    "atteint": Apparence("Atteint", "✓", "atteint"),
    "non_atteint": Apparence("Non atteint", "✗", "non_atteint"),
    "donnees_manquantes": Apparence("Données manquantes", "?", "donnees_manquantes"),
    "non_evaluable": Apparence("Non évaluable", "!", "non_evaluable"),
    "non_applicable": Apparence("Non applicable", "–", "non_applicable"),
}


@dataclass(frozen=True)
class PointTrajectoire:
    """One year of a trajectory: the value compared with the target, the target, the status.

    `statut` is None for the reference year drawn before the first evaluated year.
    """

    annee: int
    valeur: float | None
    cible: float | None
    statut: str | None


# Geometry of a trajectory chart, in CSS pixels.
LARGEUR, HAUTEUR = 300, 132
_GAUCHE, _DROITE, _HAUT, _BAS = 46, 8, 22, 22  # the top margin holds the label of a top point


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
def _etiquette(valeur: float, taux: bool) -> str:
    return nombre_fr(valeur, 1 if taux else 2, "%" if taux else None)


def _marqueur(statut: str | None, x: float, y: float) -> str:
    """Disc for atteint, diamond for non atteint, hollow circle for the reference, square else."""
    if statut is None:
        return f'<circle class="m-reference" cx="{_f(x)}" cy="{_f(y)}" r="3.5"/>'
    if statut == "atteint":
        return f'<circle class="m-atteint" cx="{_f(x)}" cy="{_f(y)}" r="4.5"/>'
    if statut == "non_atteint":
        return f'<path class="m-non_atteint" d="M{_f(x)} {_f(y - 5.5)}l5.5 5.5-5.5 5.5-5.5-5.5z"/>'
    return f'<rect class="m-autre" x="{_f(x - 3.5)}" y="{_f(y - 3.5)}" width="7" height="7"/>'


def _trace(coordonnees: Sequence[tuple[float, float] | None]) -> str:
    """Path data joining consecutive known points; a gap breaks the line."""
    morceaux: list[str] = []
    precedent = False
    for point in coordonnees:
        if point is None:
            precedent = False
            continue
        morceaux.append(f"{'L' if precedent else 'M'}{_f(point[0])} {_f(point[1])}")
        precedent = True
    return "".join(morceaux)


def trajectoire(points: Sequence[PointTrajectoire], taux: bool, titre: str) -> Markup:
    """The achieved values against the targets, year by year (empty Markup when nothing to draw).

    `titre` becomes the chart's ``<title>``: its accessible name and hover text.
    """
    nombres = [v for p in points for v in (p.valeur, p.cible) if v is not None]
    if not points or not nombres:
        return Markup("")
    ticks = graduations(nombres, taux)
    bas, haut = ticks[0], ticks[-1]
    largeur_trace = LARGEUR - _GAUCHE - _DROITE
    hauteur_trace = HAUTEUR - _HAUT - _BAS
    colonne = largeur_trace / len(points)

    def x_de(i: int) -> float:
        return _GAUCHE + (i + 0.5) * colonne

    def y_de(valeur: float) -> float:
        return _HAUT + (haut - valeur) / (haut - bas) * hauteur_trace

    morceaux = [
        f'<svg class="trajectoire" viewBox="0 0 {LARGEUR} {HAUTEUR}" role="img">'
        f'<title>{escape(titre)}</title><g class="axes">'
    ]
    grille = "".join(f"M{_GAUCHE} {_f(y_de(t))}h{largeur_trace}" for t in ticks)
    morceaux.append(f'<path d="{grille}"/>')
    morceaux.extend(
        f'<text class="y" x="{_GAUCHE - 4}" y="{_f(y_de(t))}">{escape(_etiquette(t, taux))}</text>'
        for t in ticks
    )
    for i, point in enumerate(points):
        libelle = str(point.annee) if point.statut is not None else f"réf. {point.annee}"
        morceaux.append(
            f'<text class="x" x="{_f(x_de(i))}" y="{HAUTEUR - 6}">{escape(libelle)}</text>'
        )
    morceaux.append("</g>")
    cibles = [
        (x_de(i), y_de(p.cible)) if p.cible is not None else None for i, p in enumerate(points)
    ]
    valeurs = [
        (x_de(i), y_de(p.valeur)) if p.valeur is not None else None for i, p in enumerate(points)
    ]
    if any(cibles):
        morceaux.append(f'<path class="cible" d="{_trace(cibles)}"/>')
        traits = "".join(f"M{_f(c[0] - 7)} {_f(c[1])}h14" for c in cibles if c)
        morceaux.append(f'<path class="m-cible" d="{traits}"/>')
    morceaux.append(f'<path class="valeur" d="{_trace(valeurs)}"/>')
    for i, (point, coordonnee) in enumerate(zip(points, valeurs, strict=True)):
        if coordonnee is None or point.valeur is None:
            if point.statut is not None:
                morceaux.append(
                    f'<text class="nd" x="{_f(x_de(i))}" y="{HAUTEUR - _BAS - 4}">n.d.</text>'
                )
            continue
        x, y = coordonnee
        morceaux.append(_marqueur(point.statut, x, y))
        # The label goes below the point when the target mark sits just above it, unless that
        # would run into the year labels.
        gene = point.cible is not None and 0 < y - y_de(point.cible) < 14
        dessous = gene and y + 15 < HAUTEUR - _BAS
        y_texte = y + 15 if dessous else y - 8
        morceaux.append(
            f'<text class="v" x="{_f(x)}" y="{_f(y_texte)}">'
            f"{escape(_etiquette(point.valeur, taux))}</text>"
        )
    morceaux.append("</svg>")
    return Markup("".join(morceaux))


ORDRE_STATUTS = ("atteint", "non_atteint", "donnees_manquantes", "non_evaluable", "non_applicable")


def barre_statuts(comptes: Mapping[str, int], largeur: int = 160) -> Markup:
    """A stacked bar of status counts, in `ORDRE_STATUTS`; its title gives the counts in words."""
    total = sum(comptes.get(s, 0) for s in ORDRE_STATUTS)
    resume = ", ".join(
        f"{nombre_fr(comptes[s])} {APPARENCES[s].libelle.lower()}"
        for s in ORDRE_STATUTS
        if comptes.get(s)
    )
    morceaux = [
        f'<svg class="barre-statuts" viewBox="0 0 {largeur} 12" width="{largeur}" height="12" '
        f'role="img"><title>{escape(resume or "aucun résultat")}</title>'
    ]
    x = 0.0
    for statut in ORDRE_STATUTS:
        nombre = comptes.get(statut, 0)
        if not nombre or not total:
            continue
        largeur_part = nombre / total * largeur
        morceaux.append(
            f'<rect class="s-{statut}" x="{_f(x)}" width="{_f(largeur_part)}" height="12"/>'
        )
        x += largeur_part
    morceaux.append("</svg>")
    return Markup("".join(morceaux))


def legende() -> Markup:
    """The key of the trajectory charts' markers and lines, as one small SVG."""
    elements = (
        (_marqueur("atteint", 8, 9), "Atteint"),
        (_marqueur("non_atteint", 8, 9), "Non atteint"),
        (_marqueur("donnees_manquantes", 8, 9), "Autre statut"),
        (_marqueur(None, 8, 9), "Valeur de référence"),
        ('<path class="cible" d="M0 9h16"/>', "Cible"),
    )
    morceaux = ["<title>Légende des graphiques de trajectoire</title>"]
    x = 0
    for dessin, texte in elements:
        morceaux.append(
            f'<g transform="translate({x} 0)">{dessin}<text x="22" y="13">{escape(texte)}</text></g>'
        )
        x += 40 + 7 * len(texte)  # about 7 px per character at the legend's 12 px size
    morceaux.insert(
        0,
        f'<svg class="legende-trajectoire" viewBox="0 0 {x} 18" width="{x}" height="18" role="img">',
    )
    morceaux.append("</svg>")
    return Markup("".join(morceaux))
