"""The console report of an evaluation: statuses in words, problems impossible to miss.

Problems are grouped by kind (their code): each group gives its count and its first lines,
the whole list being one ``--detail`` away. Hints name the likely cause of the most costly
mistakes: an attribute column renamed (« colonne lits absente : 1 234 résultats non
évaluables ; colonnes voisines : nb_lits ») and FINESS numbers that lost their leading zero
in a spreadsheet (« relancez avec --reparer-finess »).
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import partial
from typing import TextIO

import numpy as np

from cpom_rules import libelles
from cpom_rules.chiffres import nombre_texte
from cpom_rules.cli.textes import texte
from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.evaluation.statuts import Raison
from cpom_rules.messages import Langue
from cpom_rules.problemes import Niveau, Probleme, compter, trier

# Lines shown per kind of problem before « … et N autres ».
PREMIERES_LIGNES = 3
# Reasons that follow from an attribute nobody has: the segment or scope cannot be decided.
RAISONS_ATTRIBUT = ("segment_indetermine", "perimetre_indetermine")


def grouper(problemes: Iterable[Probleme]) -> list[tuple[str, list[Probleme]]]:
    """Problems by code, errors first, then in reading order inside each group."""
    groupes: dict[str, list[Probleme]] = defaultdict(list)
    for probleme in trier(problemes):
        groupes[probleme.code].append(probleme)
    return sorted(
        groupes.items(),
        key=lambda g: (g[1][0].niveau is not Niveau.ERREUR, -len(g[1]), g[0]),
    )


def lignes_problemes(
    problemes: Sequence[Probleme], langue: Langue, tout: bool = False
) -> list[str]:
    """The console lines of `problemes`: grouped with their first lines, or all of them."""
    sortie: list[str] = []
    for _, groupe in grouper(problemes):
        if len(groupe) > 1:
            sortie.append(
                texte(
                    "groupe_problemes",
                    langue,
                    nombre=libelles.niveau(groupe[0].niveau.value, langue, len(groupe)),
                    code=groupe[0].code,
                )
            )
        montres = groupe if tout else groupe[:PREMIERES_LIGNES]
        sortie.extend(f"  {p.texte(langue)}" for p in montres)
        if len(groupe) > len(montres):
            sortie.append(
                "  " + texte("autres_problemes", langue, nombre=len(groupe) - len(montres))
            )
    return sortie


def conseils(
    problemes: Sequence[Probleme], raisons: dict[str, int], langue: Langue, repare: bool
) -> list[str]:
    """Hints about the likely cause of the problems; `raisons` counts results by reason."""
    sortie = []
    ignorees = [p.parametre("nom_colonne") for p in problemes if p.code == "colonne_inconnue"]
    for probleme in problemes:
        if probleme.code != "colonne_attribut_absente":
            continue
        attribut = probleme.parametre("attribut")
        voisines = [
            nom
            for nom in ignorees
            if attribut.casefold() in nom.casefold()
            or difflib.get_close_matches(attribut, [nom], n=1, cutoff=0.6)
        ]
        touches = sum(raisons.get(r, 0) for r in RAISONS_ATTRIBUT)
        sortie.append(
            texte(
                "conseil_colonne_absente",
                langue,
                attribut=attribut,
                nombre=nombre_texte(touches, langue=langue),
                voisines=", ".join(voisines) if voisines else "—",
            )
        )
    huit_chiffres = [
        p for p in problemes if p.code == "finess_donnees" and len(str(p.finess or "").strip()) == 8
    ]
    if huit_chiffres and not repare:
        sortie.append(texte("conseil_reparer_finess", langue, nombre=len(huit_chiffres)))
    return sortie


def compter_raisons(resultats: Resultats) -> dict[str, int]:
    """How many results have each reason (``segment_indetermine``: 273…)."""
    compte: Counter[str] = Counter()
    for bloc in resultats.blocs:
        valeurs, nombres = np.unique(bloc.raison, return_counts=True)
        for valeur, nombre in zip(valeurs.tolist(), nombres.tolist(), strict=True):
            texte_raison = Raison(valeur).texte
            if texte_raison:
                compte[texte_raison] += nombre
    return dict(compte)


def bilan(statuts: dict[str, int], problemes: Sequence[Probleme], langue: Langue) -> list[str]:
    """The two summary lines: statuses in words with their share, problems by level; numbers
    written the way of `langue` (« 1 234 atteints (49 %) », « 1,234 met (49%) »)."""
    total = max(sum(statuts.values()), 1)
    ecrire = partial(nombre_texte, langue=langue)
    mots = ", ".join(
        f"{libelles.statut(s, langue, n, ecrire)} "
        f"({nombre_texte(round(100 * n / total), unite='%', langue=langue)})"
        for s, n in statuts.items()
    )
    comptes = compter(problemes)
    return [
        texte("resume_statuts", langue, statuts=mots),
        texte(
            "resume_problemes",
            langue,
            erreurs=libelles.niveau("erreur", langue, comptes[Niveau.ERREUR]),
            avertissements=libelles.niveau("avertissement", langue, comptes[Niveau.AVERTISSEMENT]),
        ),
    ]


def imprimer(lignes: Iterable[str], flux: TextIO) -> None:
    for ligne in lignes:
        print(ligne, file=flux)
