"""Cells that carry no comparison: « sans objet » (`sans_objet`) and « pas de cible »
(`pas_de_cible`, where the value may still have to be collected)."""

from __future__ import annotations

from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.genres.base import Genre, Verdict, priorite_valeur
from cpom_rules.evaluation.rendu import nom, nom_valeur, operande
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.evaluation.trace import Cellule, Detail, Lot, Operande, Trace
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import PasDeCible, SansObjet


class GenreSansObjet(Genre[SansObjet]):
    modele = SansObjet

    def evaluer(self, cible: SansObjet, cellules: Cellules) -> Verdict:
        return Verdict.uniforme(cellules.n, Statut.NON_APPLICABLE, Raison.SANS_OBJET)

    def detailler(self, cible: SansObjet, cellule: Cellule) -> Detail:
        return Detail(motif=cible.motif)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        return _sans_objet(trace.motif, langue)

    def rediger(self, cible: SansObjet, lot: Lot, langue: Langue) -> list[str]:
        return [_sans_objet(cible.motif, langue)] * len(lot.valeurs)


def _sans_objet(motif: str | None, langue: Langue) -> str:
    texte = phrase("sans_objet", langue)
    return f"{texte} ({motif})" if motif else texte


class GenrePasDeCible(Genre[PasDeCible]):
    modele = PasDeCible

    def evaluer(self, cible: PasDeCible, cellules: Cellules) -> Verdict:
        verdict = Verdict.uniforme(cellules.n, Statut.NON_APPLICABLE, Raison.PAS_DE_CIBLE)
        if cible.recueil_attendu:
            verdict.statut, verdict.raison = priorite_valeur(
                verdict.statut, verdict.raison, cellules.valeur()
            )
        return verdict

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        return _pas_de_cible(nom(trace, langue), trace.valeur, trace.unite, langue)

    def rediger(self, cible: PasDeCible, lot: Lot, langue: Langue) -> list[str] | None:
        if lot.autre_mesure:  # the sentence states the row's value: one by one
            return None
        nom_ = nom_valeur(lot.unite, False, langue)
        return [_pas_de_cible(nom_, valeur, lot.unite, langue) for valeur in lot.valeurs]


def _pas_de_cible(nom_: str, valeur: Operande, unite: str, langue: Langue) -> str:
    """``pas de cible (valeur : 12)``."""
    return phrase("pas_de_cible_valeur", langue, nom=nom_, valeur=operande(valeur, unite, langue))
