"""Gaps and overlaps between the segments of a target table.

Segment conditions are arbitrary expressions, so coverage is checked by evaluating them on
every boundary value they mention: each numeric constant k gives candidates k-1, k, k+1
(and k ± ½ for non-integer attributes), each enumerated attribute its declared values,
each yes/no attribute both answers. Between two consecutive constants the conditions
cannot change, so a gap or an overlap, if any, shows on a candidate. Only establishments
within the fiche's scope are considered. Identical segment sets (the bed tiers shared by
many fiches) are reported once, with the list of fiches.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

import numpy as np

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.compilation.compiler import Lieu
from cpom_rules.compilation.regles import FicheCompilee, MesureCompilee
from cpom_rules.formules import colonnes as c
from cpom_rules.formules.evaluation import evaluer
from cpom_rules.formules.expression import Expression
from cpom_rules.lint.lieux import lieu_fiche
from cpom_rules.problemes import Niveau, Probleme
from cpom_rules.spec.catalogue import Attribut

MAX_COMBINAISONS = 50_000
Valeur = Fraction | str | bool | frozenset[str]


def _constantes(expression: Expression) -> set[Fraction]:
    return {Fraction(v) for v in expression.constantes.values() if isinstance(v, Decimal)}


def _textes(expression: Expression) -> set[str]:
    return {v for v in expression.constantes.values() if isinstance(v, str)}


def _candidats(attribut: Attribut, nombres: set[Fraction], textes: set[str]) -> list[Valeur]:
    if attribut.type in ("nombre", "entier"):
        pas = [Fraction(0), Fraction(1), Fraction(-1)] + (
            [] if attribut.type == "entier" else [Fraction(1, 2), Fraction(-1, 2)]
        )
        valeurs = {k + d for k in nombres for d in pas} | {
            Fraction(0),
            max(nombres, default=Fraction(0)) * 2 + 1,
        }
        return sorted(
            v for v in valeurs if v >= 0 and (attribut.type != "entier" or v.denominator == 1)
        )
    if attribut.type == "booleen":
        return [True, False]
    if attribut.type == "liste":
        codes = sorted(set(attribut.valeurs) | textes)
        return [frozenset(), *(frozenset({code}) for code in codes), frozenset(codes)]
    return sorted(set(attribut.valeurs) or (textes | {"autre valeur"}))


def _colonne(attribut: Attribut, valeurs: list[Valeur]) -> c.Colonne:
    n = len(valeurs)
    absences = np.zeros((n, 1), dtype=np.uint8)
    if attribut.type in ("nombre", "entier"):
        fractions = [v if isinstance(v, Fraction) else Fraction(0) for v in valeurs]
        return c.Nombres(
            np.array([f.numerator for f in fractions], dtype=np.int64).reshape(n, 1),
            np.array([f.denominator for f in fractions], dtype=np.int64).reshape(n, 1),
            absences,
        )
    if attribut.type == "booleen":
        return c.Booleens(np.array(valeurs, dtype=bool).reshape(n, 1), absences)
    objets = np.empty((n, 1), dtype=object)
    objets[:, 0] = valeurs
    return c.Listes(objets, absences) if attribut.type == "liste" else c.Textes(objets, absences)


def _vrai(expression: Expression | None, colonnes: dict[str, c.Colonne], n: int) -> np.ndarray:
    if expression is None:
        return np.ones(n, dtype=bool)
    resultat = evaluer(expression, colonnes)
    assert isinstance(resultat, c.Booleens)
    return np.broadcast_to(resultat.vrais, (n, 1)).ravel()


def _decrire(nom: str, valeurs: list[Valeur]) -> str:
    return ", ".join(f"{nom} = {_texte(v)}" for v in valeurs[:6])


def _texte(valeur: Valeur) -> str:
    if isinstance(valeur, Fraction):
        return str(valeur.numerator) if valeur.denominator == 1 else f"{float(valeur):g}"
    if isinstance(valeur, frozenset):
        return "{" + ", ".join(sorted(valeur)) + "}"
    return str(valeur)


def _analyser(
    catalogue: Catalogue, fiche: FicheCompilee, mesure: MesureCompilee
) -> tuple[list[str], list[str]]:
    """Descriptions of the uncovered and doubly covered attribute combinations."""
    codes = list(mesure.cibles)
    conditions = [fiche.segments[code].condition for code in codes]
    expressions = [e for e in [*conditions, fiche.perimetre] if e is not None]
    noms = sorted({n for e in expressions for n in e.noms if n in catalogue.definition.attributs})
    if not noms:
        return [], []
    nombres = set().union(*(_constantes(e) for e in expressions))
    textes = set().union(*(_textes(e) for e in expressions))
    attributs = catalogue.definition.attributs
    listes = [_candidats(attributs[nom], nombres, textes) for nom in noms]
    total = int(np.prod([len(liste) for liste in listes]))
    if total > MAX_COMBINAISONS:
        return [], []
    combinaisons = list(itertools.product(*listes))
    n = len(combinaisons)
    colonnes = {
        nom: _colonne(attributs[nom], [combinaison[i] for combinaison in combinaisons])
        for i, nom in enumerate(noms)
    }
    dans_perimetre = _vrai(fiche.perimetre, colonnes, n)
    couverts = np.stack([_vrai(condition, colonnes, n) for condition in conditions]).sum(axis=0)
    lacunes = [combinaisons[i] for i in np.flatnonzero(dans_perimetre & (couverts == 0))]
    doubles = [combinaisons[i] for i in np.flatnonzero(dans_perimetre & (couverts > 1))]
    return _resumer(noms, attributs, lacunes), _resumer(noms, attributs, doubles)


def _resumer(
    noms: list[str], attributs: dict[str, Attribut], combinaisons: list[tuple[Valeur, ...]]
) -> list[str]:
    if not combinaisons:
        return []
    if len(noms) == 1:
        return [_decrire(noms[0], [c[0] for c in combinaisons])]
    return [
        "("
        + ", ".join(f"{nom} = {_texte(v)}" for nom, v in zip(noms, combinaison, strict=True))
        + ")"
        for combinaison in combinaisons[:4]
    ]


def verifier(catalogue: Catalogue) -> Iterator[Probleme]:
    """Gaps and overlaps, once per distinct set of segments and scope."""
    groupes: dict[tuple[object, ...], list[tuple[FicheCompilee, MesureCompilee]]] = defaultdict(
        list
    )
    for fiche in catalogue.regles.fiches.values():
        for mesure in fiche.mesures_evaluees:
            conditions = {code: fiche.segments[code].condition for code in mesure.cibles}
            signature = (
                tuple(
                    sorted(
                        (code, expression.texte if expression else "")
                        for code, expression in conditions.items()
                    )
                ),
                fiche.perimetre.texte if fiche.perimetre else "",
            )
            if fiche not in [f for f, _ in groupes[signature]]:
                groupes[signature].append((fiche, mesure))
    for membres in groupes.values():
        fiche, mesure = membres[0]
        lacunes, doubles = _analyser(catalogue, fiche, mesure)
        if not lacunes and not doubles:
            continue
        codes_fiches = ", ".join(f.code for f, _ in membres)
        segments = ", ".join(mesure.cibles)
        local = (
            any(code in fiche.fiche.segments for code in mesure.cibles)
            or fiche.perimetre is not None
        )
        lieu = (
            lieu_fiche(catalogue, fiche.code)
            if local or len(membres) == 1
            else Lieu(
                catalogue.fichiers.get("") or _fichier_catalogue(catalogue),
                catalogue.documents.get(""),
            )
        )
        chemin = ("mesures", mesure.code, "cibles") if lieu.code_fiche else ("segments",)
        portee = f"{segments} (fiche{'s' if len(membres) > 1 else ''} {codes_fiches})"
        if lacunes:
            lieu.signaler(
                "segments_lacune",
                chemin,
                niveau=Niveau.AVERTISSEMENT,
                de_la_cle=True,
                segments=portee,
                valeurs="; ".join(lacunes),
            )
        if doubles:
            lieu.signaler(
                "segments_chevauchement",
                chemin,
                niveau=Niveau.AVERTISSEMENT,
                de_la_cle=True,
                segments=portee,
                valeurs="; ".join(doubles),
            )
        yield from lieu.problemes


def _fichier_catalogue(catalogue: Catalogue) -> str | None:
    return str(catalogue.dossier / "catalogue.yaml") if catalogue.dossier else None
