"""Check contracts against the catalogue: every reference exists, avenants do not overlap.

Guarantees, for a contract without errors: each fiche and measure it names exists and is
evaluated, every year lies in the period (and, in an avenant, not before the year it applies
from), every target refers to declared measures, evidence and variables, a chosen level
(`cible_choisie`) is declared only where the catalogue asks the establishment to choose one,
avenants are numbered 1, 2, 3… in date order after the signature, and no avenant changes a
measure from a year earlier than a previous avenant that changed it (which would silently
undo part of it). With the establishments known, the contract's FINESS must be one of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.compilation.compiler import Lieu, compiler_table_externe
from cpom_rules.compilation.regles import FicheCompilee
from cpom_rules.contrats.chargement import ContratLu
from cpom_rules.formules.expression import suggerer
from cpom_rules.problemes import Probleme
from cpom_rules.spec.cibles import CibleChoisie, toutes_les_cibles
from cpom_rules.spec.contrat import Contrat, EngagementFiche
from cpom_rules.spec.source import Chemin


def mesures_a_cible_choisie(fiche: FicheCompilee) -> set[str]:
    """The measures whose catalogue table asks, some year, for a level the establishment chooses."""
    return {
        m.code
        for m in fiche.mesures_evaluees
        if any(
            isinstance(element, CibleChoisie)
            for table in m.cibles.values()
            for cible in table.values()
            for element in toutes_les_cibles(cible)
        )
    }


def check_contrats(
    catalogue: Catalogue,
    contrats: Iterable[ContratLu],
    finess_connus: Iterable[str] | None = None,
) -> list[Probleme]:
    """Every problem of the contracts against `catalogue` (and the known establishments)."""
    connus = set(finess_connus) if finess_connus is not None else None
    problemes: list[Probleme] = []
    for lu in contrats:
        lieu = Lieu(lu.fichier, lu.document)
        _Verificateur(catalogue, lu.contrat, lieu).verifier(connus)
        problemes.extend(lieu.problemes)
    return problemes


class _Verificateur:
    def __init__(self, catalogue: Catalogue, contrat: Contrat, lieu: Lieu) -> None:
        self.catalogue = catalogue
        self.contrat = contrat
        self.lieu = lieu
        self.fiches = catalogue.regles.fiches

    def verifier(self, connus: set[str] | None) -> None:
        contrat = self.contrat
        if connus is not None and contrat.finess not in connus:
            self.lieu.signaler("contrat_finess_inconnu", ("finess",), finess=contrat.finess)
        for i, code in enumerate(contrat.fiches_retenues or ()):
            self._fiche_connue(code, ("fiches_retenues", i), de_la_cle=False)
        self._engagements(contrat.fiches, ("fiches",), None)
        self._avenants()

    def _fiche_connue(self, code: str, chemin: Chemin, *, de_la_cle: bool = True) -> bool:
        if code in self.fiches:
            return True
        self.lieu.signaler(
            "contrat_reference_inconnue",
            chemin,
            de_la_cle=de_la_cle,
            quoi="fiche",
            nom=code,
            suggestion=suggerer(code, list(self.fiches)) or "",
        )
        return False

    def _engagements(
        self, fiches: Mapping[str, EngagementFiche], base: Chemin, a_partir_de: int | None
    ) -> None:
        for code, engagement in fiches.items():
            chemin_fiche = (*base, code)
            if not self._fiche_connue(code, chemin_fiche):
                continue
            fiche = self.fiches[code]
            evaluees = {m.code: m for m in fiche.mesures_evaluees}
            choisies = mesures_a_cible_choisie(fiche)
            for nom, mesure in engagement.mesures.items():
                chemin = (*chemin_fiche, "mesures", nom)
                if nom not in evaluees:
                    self.lieu.signaler(
                        "contrat_reference_inconnue",
                        chemin,
                        de_la_cle=True,
                        quoi="mesure évaluée",
                        nom=nom,
                        suggestion=suggerer(nom, list(evaluees)) or ", ".join(evaluees),
                    )
                    continue
                table = compiler_table_externe(
                    fiche,
                    self.catalogue.definition,
                    self.catalogue.regles.segments,
                    self.lieu,
                    mesure.cibles,
                    (*chemin, "cibles"),
                    nom,
                )
                if a_partir_de is not None:
                    for annee in sorted(a for a in table if a < a_partir_de)[:1]:
                        self.lieu.signaler(
                            "avenant_annee_anterieure",
                            (*chemin, "cibles"),
                            annee=annee,
                            a_partir_de=a_partir_de,
                        )
                if mesure.cible_choisie is not None and nom not in choisies:
                    self.lieu.signaler(
                        "contrat_cible_choisie_inattendue",
                        (*chemin, "cible_choisie"),
                        de_la_cle=True,
                        indicateur=code,
                        mesure=nom,
                    )

    def _avenants(self) -> None:
        contrat = self.contrat
        periode = self.catalogue.periode
        precedent = None
        # (fiche, measure) → (first year changed, avenant number) of the latest avenant
        modifiees: dict[tuple[str, str], tuple[int, int]] = {}
        for i, avenant in enumerate(contrat.avenants):
            chemin = ("avenants", i)
            if avenant.numero != i + 1:
                self.lieu.signaler(
                    "avenant_numero", (*chemin, "numero"), numero=avenant.numero, attendu=i + 1
                )
            if avenant.date < contrat.signature:
                self.lieu.signaler(
                    "avenant_avant_signature",
                    (*chemin, "date"),
                    numero=avenant.numero,
                    date=avenant.date,
                    signature=contrat.signature,
                )
            if precedent is not None and avenant.date < precedent.date:
                self.lieu.signaler(
                    "avenants_desordonnes",
                    (*chemin, "date"),
                    numero=avenant.numero,
                    date=avenant.date,
                    autre=precedent.numero,
                    date_autre=precedent.date,
                )
            if avenant.a_partir_de not in periode.annees:
                self.lieu.signaler(
                    "annee_hors_periode",
                    (*chemin, "a_partir_de"),
                    annee=avenant.a_partir_de,
                    debut=periode.debut,
                    fin=periode.fin,
                )
            self._engagements(avenant.fiches, (*chemin, "fiches"), avenant.a_partir_de)
            for code, engagement in avenant.fiches.items():
                noms = (
                    list(engagement.mesures)
                    if engagement.sans_objet is None
                    else [m.code for m in self.fiches[code].mesures_evaluees]
                    if code in self.fiches
                    else []
                )
                for nom in noms:
                    avant = modifiees.get((code, nom))
                    if avant is not None and avenant.a_partir_de < avant[0]:
                        self.lieu.signaler(
                            "avenants_chevauchants",
                            (*chemin, "fiches", code),
                            de_la_cle=True,
                            numero=avenant.numero,
                            indicateur=code,
                            mesure=nom,
                            annee=avenant.a_partir_de,
                            autre=avant[1],
                            annee_autre=avant[0],
                        )
                    modifiees[(code, nom)] = (avenant.a_partir_de, avenant.numero)
            precedent = avenant
