"""Cells that carry no comparison: « sans objet » (`sans_objet`) and « pas de cible »
(`pas_de_cible`, where the value may still have to be collected)."""

from __future__ import annotations

from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.genres.base import Genre, Verdict, priorite_valeur
from cpom_rules.evaluation.rendu import nom, operande
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.evaluation.trace import Cellule, Detail, Trace
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import PasDeCible, SansObjet


class GenreSansObjet(Genre[SansObjet]):
    modele = SansObjet

    def evaluer(self, cible: SansObjet, cellules: Cellules) -> Verdict:
        return Verdict.uniforme(cellules.n, Statut.NON_APPLICABLE, Raison.SANS_OBJET)

    def detailler(self, cible: SansObjet, cellule: Cellule) -> Detail:
        return Detail(motif=cible.motif)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        texte = phrase("sans_objet", langue)
        return f"{texte} ({trace.motif})" if trace.motif else texte


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
        return phrase(
            "pas_de_cible_valeur",
            langue,
            nom=nom(trace, langue),
            valeur=operande(trace.valeur, trace.unite, langue),
        )
