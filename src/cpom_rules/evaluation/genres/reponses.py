"""The yes/no kinds: « oui » expected (`oui_non`), a milestone (`jalon`), a deadline
(`echeance`, « au plus tard fin 2028 »). A « oui » needs its required evidence."""

from __future__ import annotations

from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.genres.base import (
    Genre,
    Verdict,
    conclure,
    exiger_preuves,
    imposer,
    incompatible,
)
from cpom_rules.evaluation.rendu import operande
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.evaluation.trace import Cellule, Comparaison, Detail, Trace
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import Echeance, Jalon, OuiNonCible


def _reponse(cellules: Cellules, attendu: bool | None) -> Verdict:
    """The answer equals `attendu` (a milestone: is declared done)."""
    valeur = cellules.valeur()
    if not isinstance(valeur, c.Booleens):
        return incompatible(cellules)
    test = valeur if attendu is None else c.comparer(valeur, c.Booleens.constante(attendu), "==")
    statut, raison = conclure(test, cellules.n)
    verdict = Verdict.uniforme(cellules.n, Statut.ATTEINT)
    verdict.statut, verdict.raison = statut, raison
    return verdict


def _comparaison(cellule: Cellule, attendu: bool) -> Comparaison:
    mesure = cellule.cible_mesure
    return Comparaison("reponse", mesure.libelle, mesure.valeur, "==", attendu, issue=cellule.issue)


def _dire(cle: str, trace: Trace, langue: Langue) -> str:
    comparaison = trace.comparaison
    assert comparaison is not None
    return phrase(
        cle,
        langue,
        valeur=operande(comparaison.valeur, "", langue),
        attendu=phrase(trace.attendu or "oui", langue),
        annee=trace.echeance,
        libelle=trace.libelle_jalon,
    )


class GenreOuiNon(Genre[OuiNonCible]):
    modele = OuiNonCible

    def evaluer(self, cible: OuiNonCible, cellules: Cellules) -> Verdict:
        verdict = _reponse(cellules, cible.attendu == "oui")
        exiger_preuves(verdict, cible, cellules)
        return verdict

    def detailler(self, cible: OuiNonCible, cellule: Cellule) -> Detail:
        return Detail(_comparaison(cellule, cible.attendu == "oui"), attendu=cible.attendu)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        return _dire("oui_non", trace, langue)


class GenreJalon(Genre[Jalon]):
    modele = Jalon

    def evaluer(self, cible: Jalon, cellules: Cellules) -> Verdict:
        verdict = _reponse(cellules, None)
        exiger_preuves(verdict, cible, cellules)
        return verdict

    def detailler(self, cible: Jalon, cellule: Cellule) -> Detail:
        return Detail(_comparaison(cellule, True), libelle_jalon=cible.libelle)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        return _dire("jalon", trace, langue)


class GenreEcheance(Genre[Echeance]):
    modele = Echeance

    def evaluer(self, cible: Echeance, cellules: Cellules) -> Verdict:
        verdict = _reponse(cellules, cible.attendu == "oui")
        exiger_preuves(verdict, cible, cellules)
        if cellules.annee < cible.annee:
            # Before the deadline only a « not yet » waits; a « oui » without its evidence
            # is reported like a milestone's (`preuves_manquantes`).
            pas_encore = (verdict.statut != Statut.ATTEINT) & (
                verdict.raison != Raison.PREUVES_MANQUANTES
            )
            imposer(verdict, pas_encore, Statut.NON_APPLICABLE, Raison.AVANT_ECHEANCE)
        return verdict

    def detailler(self, cible: Echeance, cellule: Cellule) -> Detail:
        return Detail(
            _comparaison(cellule, cible.attendu == "oui"),
            attendu=cible.attendu,
            echeance=cible.annee,
        )

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        return _dire("echeance", trace, langue)
