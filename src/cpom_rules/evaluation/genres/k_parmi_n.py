"""« 2/3 documents actualisés » (`k_parmi_n`): at least k of n yes/no measures are true,
decided as soon as the known answers decide (Kleene)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.genres.base import Genre, Verdict, incompatible
from cpom_rules.evaluation.rendu import operande, symbole
from cpom_rules.evaluation.statuts import Raison, Statut, depuis_absence
from cpom_rules.evaluation.trace import Cellule, Comparaison, Detail, Element, Trace
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import KParmiN


class GenreKParmiN(Genre[KParmiN]):
    modele = KParmiN

    def evaluer(self, cible: KParmiN, cellules: Cellules) -> Verdict:
        elements = []
        for code in cible.elements:
            valeur = cellules.pour(code).valeur()
            if not isinstance(valeur, c.Booleens):
                return incompatible(cellules)
            elements.append(valeur)
        zeros = np.zeros(cellules.n, dtype=np.int64)
        vrais = sum((e.vrais.astype(np.int64) for e in elements), zeros)
        inconnus = sum(((e.absence != 0).astype(np.int64) for e in elements), zeros)
        pire = np.maximum.reduce([e.absence for e in elements])
        statut, raison = depuis_absence(pire.astype(np.uint8))
        atteint = vrais >= cible.k
        rate = vrais + inconnus < cible.k
        statut = np.where(
            atteint, np.int8(Statut.ATTEINT), np.where(rate, np.int8(Statut.NON_ATTEINT), statut)
        ).astype(np.int8)
        raison = np.where(atteint | rate, np.int8(Raison.AUCUNE), raison).astype(np.int8)
        verdict = Verdict.seuil(statut, raison, c.Nombres.constante(cible.k), cellules.n)
        verdict.evaluee = c.Nombres(
            vrais,
            np.ones(cellules.n, dtype=np.int64),
            np.where(atteint | rate, np.uint8(0), pire).astype(np.uint8),
        )
        return verdict

    def detailler(self, cible: KParmiN, cellule: Cellule) -> Detail:
        elements = []
        for code in cible.elements:
            mesure = cellule.lire(code)
            valeur = mesure.valeur if isinstance(mesure.valeur, bool) else None
            elements.append(Element(code, mesure.libelle, valeur))
        comparaison = Comparaison(
            "comptage",
            cellule.cible_mesure.libelle,
            cellule.evaluee,
            ">=",
            Fraction(cible.k),
            issue=cellule.issue,
        )
        return Detail(comparaison, elements=tuple(elements), k=cible.k)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        comparaison = trace.comparaison
        assert comparaison is not None
        elements = ", ".join(
            f"{e.libelle} {operande(e.valeur, '', langue)}" for e in trace.elements
        )
        return phrase(
            "k_parmi_n",
            langue,
            compte=operande(comparaison.valeur, "", langue),
            n=len(trace.elements),
            operateur=symbole(comparaison),
            k=trace.k,
            elements=elements,
        )
