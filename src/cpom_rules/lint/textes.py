"""The cell as printed (``texte``) against the target encoded from it.

When a spec keeps the printed text of a cell, the linter reads its comparison sign, its
numbers and its unit words and flags a target that says otherwise — the trace of a reading
choice (``< 1`` encoded ``≥ 1``) or of a typo. Years (1900-2200) and ``k/n`` fractions are
understood; a text without numbers is not compared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.lint.lieux import cibles_ecrites, lieu_fiche
from cpom_rules.problemes import Niveau, Probleme
from cpom_rules.spec.cibles import CibleBase
from cpom_rules.spec.description import decrire_cible
from cpom_rules.spec.source import Chemin

_NOMBRE = re.compile(r"(?<![\d,.])(\d+(?:[,.]\d+)?)(?![\d])")


def _nombres(texte: str) -> set[Decimal]:
    valeurs = set()
    for brut in _NOMBRE.findall(texte):
        valeur = Decimal(brut.replace(",", "."))
        if valeur == valeur.to_integral_value() and 1900 <= valeur <= 2200:
            continue  # a year: « + 5 % / 2024 »
        valeurs.add(valeur)
    return valeurs


def _divergences(cible: CibleBase) -> list[tuple[str, str]]:
    """Each divergence found, as (kind, sentence)."""
    texte = cible.texte or ""
    constats = []
    parametres = cible.nombres_imprimes()
    nombres = _nombres(texte)
    if parametres and nombres and not (nombres & parametres):
        imprimes = ", ".join(sorted(str(n) for n in nombres))
        codes = ", ".join(sorted(str(p) for p in parametres))
        constats.append(("nombres", f"nombres imprimés {imprimes}, codés {codes}"))
    borne = cible.borne()
    if borne == "minimum" and re.search(r"[<≤]", texte):
        constats.append(("sens", "le texte dit « inférieur » mais la cible est un minimum"))
    if borne == "maximum" and re.search(r"[>≥]", texte):
        constats.append(("sens", "le texte dit « supérieur » mais la cible est un maximum"))
    # a composite's text speaks for its conditions, which may be in points
    if (
        re.search(r"\bpoints?\b", texte, re.IGNORECASE)
        and not cible.en_points
        and not cible.est_composite
    ):
        constats.append(("points", "le texte parle de points, la cible n'est pas en points"))
    return constats


def verifier(catalogue: Catalogue) -> Iterator[Probleme]:
    """One warning per measure, table and kind of divergence: a reading applied to every
    year of a table is one reading, and the other years are listed with it."""
    for fiche in catalogue.regles.fiches.values():
        lieu = lieu_fiche(catalogue, fiche.code)
        for mesure in fiche.mesures.values():
            groupes: dict[tuple[str, str], list[tuple[str, CibleBase, Chemin, str]]] = defaultdict(
                list
            )
            for origine, cle, cible, chemin in cibles_ecrites(mesure):
                if cible.texte:
                    for genre, constat in _divergences(cible):
                        groupes[(origine, genre)].append((cle, cible, chemin, constat))
            for membres in groupes.values():
                _, cible, chemin, constat = membres[0]
                autres = [cle for cle, *_ in membres[1:]]
                suite = f" ; de même pour {', '.join(autres)}" if autres else ""
                lieu.signaler(
                    "texte_cible_divergent",
                    (*chemin, "texte"),
                    niveau=Niveau.AVERTISSEMENT,
                    texte=cible.texte,
                    cible_codee=decrire_cible(cible, mesure.modele.unite),
                    detail=constat + suite,
                )
        yield from lieu.problemes
