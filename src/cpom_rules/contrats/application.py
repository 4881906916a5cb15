"""Apply contracts to the compiled catalogue: year N gets the contract as amended and in force.

A contract is turned into per-FINESS derogations of the compiled measures (the core already
gives a derogation's target precedence over the tier's), each year carrying the *origin*
that names the contract version which set it — « contrat initial du 2025-03-01 » or
« avenant n°2 du 2027-02-10, applicable dès 2027 » — so that results and explanations say
which text was in force. Pure: no file, no clock; « as of » a date is an argument.

Precedence, per (fiche, measure, year): the initial contract, then each avenant signed on or
before the date, in number order, for the years from its `a_partir_de` on. A chosen level
(`cible_choisie`) declared in the contract replaces the catalogue's « à fixer par
l'établissement » by a plain threshold; a different level found later in the measures file
is reported, never used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.compilation.regles import DerogationCompilee, FicheCompilee, MesureCompilee
from cpom_rules.contrats.textes import texte
from cpom_rules.donnees.jeu import Donnees
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue
from cpom_rules.problemes import Niveau, Probleme, probleme
from cpom_rules.spec.cibles import CibleBase, CibleChoisie, SansObjet, Seuil
from cpom_rules.spec.contrat import Avenant, ChoixCible, Contrat, EngagementFiche
from cpom_rules.spec.types import lire_plage_annees

Cellule = tuple[str, str, int]  # (fiche, measure, year)


@dataclass(frozen=True, order=True)
class Version:
    """A version of a contract: the initial text (numéro 0) or an avenant."""

    numero: int
    date: dt.date
    a_partir_de: int | None = None

    def texte(self, langue: Langue = "fr") -> str:
        """« contrat initial du 2025-03-01 », « avenant n°2 du 2027-02-10, applicable dès 2027 »."""
        if self.numero == 0:
            return texte("contrat_initial", langue, date=self.date.isoformat())
        return texte(
            "avenant",
            langue,
            numero=self.numero,
            date=self.date.isoformat(),
            annee=self.a_partir_de,
        )


@dataclass(frozen=True)
class Choix:
    """A chosen level in force for one year, and the catalogue variable it stands for."""

    choix: ChoixCible
    version: Version
    variable: str


@dataclass(frozen=True)
class ContratResolu:
    """A contract as in force on a date: for each (fiche, measure, year), the target and the
    version that set it."""

    contrat: Contrat
    au: dt.date | None
    avenants: tuple[Avenant, ...]
    cibles: Mapping[Cellule, tuple[CibleBase, Version]]
    choix: Mapping[Cellule, Choix] = field(default_factory=dict)

    @property
    def finess(self) -> str:
        return self.contrat.finess

    def version(self, fiche: str, mesure: str, annee: int) -> Version | None:
        """The version that set this cell's target (None: the catalogue's)."""
        trouve = self.cibles.get((fiche, mesure, annee))
        return trouve[1] if trouve else None


def avenants_en_vigueur(contrat: Contrat, au: dt.date | None) -> tuple[Avenant, ...]:
    """The avenants signed on or before `au` (all when None), in number order."""
    return tuple(
        sorted((a for a in contrat.avenants if au is None or a.date <= au), key=lambda a: a.numero)
    )


def resolve_contrat(
    catalogue: Catalogue, contrat: Contrat, au: dt.date | None = None
) -> ContratResolu | None:
    """The contract as amended and in force on `au`; None if it was not signed yet."""
    if au is not None and contrat.signature > au:
        return None
    fiches = catalogue.regles.fiches
    cibles: dict[Cellule, tuple[CibleBase, Version]] = {}
    choix: dict[tuple[str, str], list[tuple[int, ChoixCible, Version]]] = {}
    initial = Version(0, contrat.signature)
    periode = catalogue.periode
    if contrat.fiches_retenues is not None:
        motif = texte("fiche_non_retenue")
        for code, fiche in fiches.items():
            if code not in contrat.fiches_retenues:
                for cellule in _cellules(fiche, None, periode.debut):
                    cibles[cellule] = (SansObjet(type="sans_objet", motif=motif), initial)
    versions: list[tuple[Mapping[str, EngagementFiche], Version, int]] = [
        (contrat.fiches, initial, periode.debut)
    ]
    avenants = avenants_en_vigueur(contrat, au)
    versions += [
        (a.fiches, Version(a.numero, a.date, a.a_partir_de), a.a_partir_de) for a in avenants
    ]
    for engagements, version, debut in versions:
        for code, engagement in engagements.items():
            trouvee = fiches.get(code)
            if trouvee is None:
                continue
            fiche = trouvee
            if engagement.sans_objet is not None:
                sans_objet = SansObjet(type="sans_objet", motif=engagement.sans_objet)
                for cellule in _cellules(fiche, None, debut):
                    cibles[cellule] = (sans_objet, version)
            for nom, mesure in engagement.mesures.items():
                if nom not in fiche.mesures:
                    continue
                if mesure.sans_objet is not None:
                    sans_objet = SansObjet(type="sans_objet", motif=mesure.sans_objet)
                    for cellule in _cellules(fiche, nom, debut):
                        cibles[cellule] = (sans_objet, version)
                for cle, cible in mesure.cibles.items():
                    premiere, derniere = lire_plage_annees(cle)
                    for annee in range(max(premiere, debut), derniere + 1):
                        cibles[(code, nom, annee)] = (cible, version)
                if mesure.cible_choisie is not None:
                    choix.setdefault((code, nom), []).append((debut, mesure.cible_choisie, version))
    en_vigueur = _choisir(catalogue, cibles, choix)
    return ContratResolu(contrat, au, avenants, cibles, en_vigueur)


def _cellules(fiche: FicheCompilee, mesure: str | None, debut: int) -> Iterator[Cellule]:
    for m in fiche.mesures_evaluees:
        if mesure is None or m.code == mesure:
            for annee in fiche.periode.annees:
                if annee >= debut:
                    yield (fiche.code, m.code, annee)


def _choisir(
    catalogue: Catalogue,
    cibles: dict[Cellule, tuple[CibleBase, Version]],
    choix: Mapping[tuple[str, str], list[tuple[int, ChoixCible, Version]]],
) -> dict[Cellule, Choix]:
    """Replace « à fixer par l'établissement » by the level the contract declares for the year."""
    en_vigueur: dict[Cellule, Choix] = {}
    for (code, nom), declares in choix.items():
        fiche = catalogue.regles.fiches[code]
        mesure = fiche.mesures[nom]
        for annee in fiche.periode.annees:
            applicables = [(d, v) for debut, d, v in declares if debut <= annee]
            if not applicables:
                continue
            declare, version = applicables[-1]
            ecrite = cibles.get((code, nom, annee))
            cible = ecrite[0] if ecrite else _commune(mesure, annee)
            if not isinstance(cible, CibleChoisie):
                continue
            niveau = declare.valeur
            if cible.plancher is not None:
                niveau = max(niveau, cible.plancher)
            hausse = mesure.modele.sens == "hausse"
            seuil = Seuil(
                type="seuil",
                min=niveau if hausse else None,
                max=None if hausse else niveau,
                texte=texte(
                    "cible_choisie",
                    signe="≥" if hausse else "≤",
                    valeur=f"{_nombre(niveau)} {mesure.modele.unite.strip()}".strip(),
                    date=declare.declaree_le.isoformat(),
                    par=declare.par,
                ),
                preuves=cible.preuves,
                mesure=cible.mesure,
            )
            cibles[(code, nom, annee)] = (seuil, version)
            en_vigueur[(code, nom, annee)] = Choix(declare, version, cible.variable)
    return en_vigueur


def _commune(mesure: MesureCompilee, annee: int) -> CibleBase | None:
    """The catalogue's target for the year when every tier has the same kind of chosen level."""
    trouvees = [table[annee] for table in mesure.cibles.values() if annee in table]
    if trouvees and all(isinstance(t, CibleChoisie) for t in trouvees):
        return trouvees[0]
    return None


def _nombre(valeur: Decimal) -> str:
    return format(valeur.normalize(), "f").replace(".", ",")


def apply_contrats(
    catalogue: Catalogue, contrats: Iterable[ContratResolu | Contrat], au: dt.date | None = None
) -> Catalogue:
    """The catalogue with each contract in force on `au` applied to its establishment."""
    resolus = [
        r
        for r in (
            x if isinstance(x, ContratResolu) else resolve_contrat(catalogue, x, au)
            for x in contrats
        )
        if r is not None
    ]
    par_mesure: dict[tuple[str, str], dict[str, dict[int, tuple[CibleBase, Version]]]] = {}
    for resolu in resolus:
        for (code, nom, annee), engagement in resolu.cibles.items():
            par_mesure.setdefault((code, nom), {}).setdefault(resolu.finess, {})[annee] = engagement
    if not par_mesure:
        return catalogue
    fiches = dict(catalogue.regles.fiches)
    for code, fiche in catalogue.regles.fiches.items():
        mesures = dict(fiche.mesures)
        for nom, mesure in fiche.mesures.items():
            contractuelles = par_mesure.get((code, nom))
            if contractuelles:
                mesures[nom] = _avec_contrats(mesure, contractuelles)
        if mesures != fiche.mesures:
            fiches[code] = replace(fiche, mesures=mesures)
    regles = replace(catalogue.regles, fiches=fiches)
    return replace(catalogue, regles=regles)


def _avec_contrats(
    mesure: MesureCompilee, contractuelles: Mapping[str, Mapping[int, tuple[CibleBase, Version]]]
) -> MesureCompilee:
    derogations = dict(mesure.derogations)
    for finess, annees in contractuelles.items():
        base = derogations.get(finess)
        cibles = dict(base.cibles) if base else {}
        origines = dict(base.origines) if base else {}
        for annee, (cible, version) in annees.items():
            cibles[annee] = cible
            origines[annee] = version.texte()
        derogations[finess] = DerogationCompilee(
            finess,
            base.motif if base else origines[min(origines)],
            base.sans_objet if base else False,
            base.segment if base else None,
            dict(sorted(cibles.items())),
            origines,
        )
    return replace(mesure, derogations=derogations)


def check_cibles_choisies(resolus: Iterable[ContratResolu], donnees: Donnees) -> list[Probleme]:
    """A chosen level found in the measures that differs from the contract's is reported.

    Each declaration of the year N is compared with the contract's level in force for N (the
    first one for years before it applies). The contract's level is the one evaluated; a
    change goes through an avenant, never through the measures file.
    """
    problemes: list[Probleme] = []
    for resolu in resolus:
        e = donnees.index_etablissement(resolu.finess)
        if e is None:
            continue
        par_mesure: dict[tuple[str, str], list[tuple[int, Choix]]] = {}
        for (code, nom, annee), choix in sorted(resolu.choix.items()):
            par_mesure.setdefault((code, nom), []).append((annee, choix))
        for (code, nom), choix_annuels in par_mesure.items():
            variable = choix_annuels[0][1].variable
            grille = donnees.variables.get((code, variable))
            if grille is None or not isinstance(grille.colonne, c.Nombres):
                continue
            for a, annee in enumerate(donnees.annees):
                lue = grille.colonne.fraction((e, a))
                if lue is None:
                    continue
                avant = [ch for debut, ch in choix_annuels if debut <= annee]
                choix = avant[-1] if avant else choix_annuels[0][1]
                if lue == Fraction(choix.choix.valeur):
                    continue
                ligne = int(grille.lignes[e, a])
                problemes.append(
                    probleme(
                        "cible_choisie_hors_avenant",
                        Niveau.AVERTISSEMENT,
                        fichier=donnees.sources[1] or None,
                        lignes=[ligne] if ligne else [],
                        finess=resolu.finess,
                        indicateur=code,
                        mesure=nom,
                        annee=annee,
                        lue=lue,
                        valeur=choix.choix.valeur,
                        date=choix.choix.declaree_le.isoformat(),
                        par=choix.choix.par,
                        version=choix.version.texte(),
                    )
                )
    return problemes


__all__ = [
    "Choix",
    "ContratResolu",
    "Version",
    "apply_contrats",
    "avenants_en_vigueur",
    "check_cibles_choisies",
    "resolve_contrat",
]
