"""What one establishment's dossier shows, computed from the results and formatted in the
dossier's language (French, or English with ``--lang en``).

The dossier is read in a meeting with the establishment: a summary page (statuses per fiche,
points to discuss), then one section per fiche (printed targets, trajectory, status and
explanation of each year, period bilan and what remains), its position among the
establishments of its segment, its evidence and its data problems. Explanations are the
engine's (`Resultats.expliquer`); positions are computed once per evaluation
(`Positions`), so that a dossier for every establishment reads the values once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
from markupsafe import Markup

from cpom_rules import libelles as vocabulaire
from cpom_rules.chiffres import nombre_texte
from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue
from cpom_rules.problemes import trier
from cpom_rules.render.graphiques import APPARENCES, Apparence, Planche
from cpom_rules.render.html import (
    Libelles,
    ProblemeVue,
    apparences,
    bandeau,
    cible_texte,
    ecart_texte,
    graphique_trajectoire,
    valeur_texte,
    valeurs_attributs,
    vue_probleme,
)
from cpom_rules.render.rapport_anglais import mot
from cpom_rules.render.rapport_donnees import ordre_naturel

MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
# Statuses that make a result a point to discuss in the meeting.
A_DISCUTER = ("non_atteint", "donnees_manquantes", "non_evaluable")


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_fr(jour: datetime.date, langue: Langue = "fr") -> str:
    """« 1er décembre 2026 », « 30 novembre 2026 »; in English « 1 December 2026 »."""
    if langue != "fr":
        return f"{jour.day} {MONTHS[jour.month - 1]} {jour.year}"
    quantieme = "1er" if jour.day == 1 else str(jour.day)
    return f"{quantieme} {MOIS[jour.month - 1]} {jour.year}"


@dataclass(frozen=True)
class Position:
    """Where the establishment's value stands among its segment's for one year."""

    annee: int
    valeur: str
    rang: int
    nombre: int
    q1: str
    mediane: str
    q3: str
    quartile: str


class Positions:
    """Every numeric measure's values by (fiche, measure, segment, year), sorted, read once."""

    def __init__(self, resultats: Resultats) -> None:
        self._valeurs: dict[tuple[str, str, str, int], np.ndarray[Any, Any]] = {}
        for bloc in resultats.blocs:
            if not isinstance(bloc.valeur, c.Nombres):
                continue
            flottants = bloc.valeur.flottants()
            segments = bloc.affectation.segment
            for segment in {str(s) for s in segments.tolist()}:
                masque = segments == segment
                for a, annee in enumerate(bloc.annees):
                    valeurs = flottants[masque, a]
                    valeurs = np.sort(valeurs[~np.isnan(valeurs)])
                    if len(valeurs):
                        cle = (bloc.fiche.code, bloc.mesure.code, segment, annee)
                        self._valeurs[cle] = valeurs

    def position(
        self,
        fiche: str,
        mesure: str,
        segment: str | None,
        annee: int,
        valeur: float,
        taux: bool,
        langue: Langue = "fr",
    ) -> Position | None:
        """The rank (1 = highest value) and the segment's quartiles, or None if alone."""
        valeurs = self._valeurs.get((fiche, mesure, segment or "", annee))
        if valeurs is None or len(valeurs) < 2:
            return None
        q1, mediane, q3 = np.quantile(valeurs, [0.25, 0.5, 0.75]).tolist()
        rang = int(len(valeurs) - np.searchsorted(valeurs, valeur, side="right")) + 1
        if valeur < q1:
            quartile = "quart inférieur"
        elif valeur < mediane:
            quartile = "sous la médiane"
        elif valeur < q3:
            quartile = "au-dessus de la médiane"
        else:
            quartile = "quart supérieur"
        return Position(
            annee=annee,
            valeur=valeur_texte(valeur, taux, langue),
            rang=rang,
            nombre=len(valeurs),
            q1=valeur_texte(round(q1, 6), taux, langue),
            mediane=valeur_texte(round(mediane, 6), taux, langue),
            q3=valeur_texte(round(q3, 6), taux, langue),
            quartile=mot(quartile, langue),
        )


@dataclass(frozen=True)
class AnneeDossier:
    """One year of a measure: target, value, status and the engine's explanation."""

    annee: int
    cible: str
    cible_calculee: str
    valeur: str
    ecart: str
    statut: Apparence
    raison: str | None
    explication: str
    preuves_attendues: tuple[str, ...]
    preuves_fournies: tuple[str, ...]
    preuves_manquantes: tuple[str, ...]


@dataclass(frozen=True)
class BilanDossier:
    """The total over the period: what the fiche asks, where it stands, what remains."""

    total: str
    valeur: str
    cible: str
    reste: str | None
    statut: Apparence
    raison: str | None


@dataclass(frozen=True)
class MesureDossier:
    """One measure of a fiche for the establishment."""

    code: str
    libelle: str
    unite: str
    segment: str | None
    graphique: Markup
    note_graphique: str | None
    annees: tuple[AnneeDossier, ...]
    bilan: BilanDossier | None
    positions: tuple[Position, ...]
    applicable: bool
    raison_hors_champ: str | None

    @property
    def preuves(self) -> bool:
        return any(a.preuves_attendues for a in self.annees)


@dataclass(frozen=True)
class FicheDossier:
    """One fiche's section of the dossier."""

    code: str
    intitule: str
    mesures: tuple[MesureDossier, ...]

    @property
    def applicable(self) -> bool:
        return any(m.applicable for m in self.mesures)


@dataclass(frozen=True)
class LigneResume:
    """A row of the summary page: one measure, its status per year and its bilan."""

    fiche: str
    intitule: str
    mesure: str | None
    statuts: tuple[Apparence | None, ...]
    bilan: Apparence | None
    bilan_en_cours: bool  # the period is not over: nothing to judge yet


@dataclass(frozen=True)
class Dossier:
    """Everything one establishment's dossier shows."""

    finess: str
    raison_sociale: str
    region: str
    periode: str
    date: str
    annees: tuple[int, ...]
    attributs: tuple[tuple[str, str], ...]
    comptes: tuple[tuple[Apparence, str], ...]
    resume: tuple[LigneResume, ...]
    points: tuple[str, ...]
    fiches: tuple[FicheDossier, ...]
    problemes: tuple[ProblemeVue, ...]
    bandeau: tuple[str, ...]
    planche: Planche
    langue: Langue = "fr"

    @property
    def hors_champ(self) -> list[tuple[str, str, str]]:
        """(fiche, measure label, reason) of every measure that does not apply."""
        return [
            (f.code, m.libelle, m.raison_hors_champ or "")
            for f in self.fiches
            for m in f.mesures
            if not m.applicable
        ]

    @property
    def entete_css(self) -> Markup:
        """The running header, as a CSS string (page margin box)."""
        return chaine_css(f"{self.raison_sociale} · FINESS {self.finess}")

    @property
    def pied_css(self) -> Markup:
        """The running footer, as a CSS string."""
        return chaine_css(
            mot(
                "Dossier CPOM {region} {periode} · édité le {date}",
                self.langue,
                region=self.region,
                periode=self.periode,
                date=self.date,
            )
        )


def chaine_css(texte: str) -> Markup:
    """`texte` as a quoted CSS string where only letters, digits and spaces stay as they are:
    every other character is a CSS escape, so no name can close the string or the style."""
    morceaux = (car if car.isalnum() or car == " " else f"\\{ord(car):x} " for car in texte)
    return Markup('"' + "".join(morceaux) + '"')


def _textes(codes: Iterable[str], libelles: Libelles, fiche: str) -> tuple[str, ...]:
    return tuple(libelles.preuve(fiche, code) for code in codes)


def _annee(
    resultats: Resultats,
    libelles: Libelles,
    ligne: Mapping[str, Any],
    taux: bool,
    langue: Langue = "fr",
) -> AnneeDossier:
    fiche = ligne["indicateur"]
    attendues = list(ligne["preuves_attendues"])
    manquantes = set(ligne["preuves_manquantes"])
    explication = resultats.expliquer(
        ligne["finess"], fiche, ligne["annee"], ligne["mesure"], langue
    )
    return AnneeDossier(
        annee=ligne["annee"],
        cible=cible_texte(ligne["cible"], langue),
        cible_calculee=valeur_texte(ligne["cible_valeur"], taux, langue)
        if ligne["cible_valeur"] is not None
        else "—",
        valeur=vocabulaire.booleen(ligne["valeur"], langue)
        if isinstance(ligne["valeur"], bool)
        else valeur_texte(ligne["valeur"], taux, langue),
        ecart=ecart_texte(ligne["ecart"], taux, langue),
        statut=apparences(langue)[ligne["statut"]],
        raison=vocabulaire.raison(ligne["raison"], langue),
        explication=explication.removeprefix(f"{fiche} — {ligne['annee']} — "),
        preuves_attendues=_textes(attendues, libelles, fiche),
        preuves_fournies=_textes((p for p in attendues if p not in manquantes), libelles, fiche),
        preuves_manquantes=_textes(ligne["preuves_manquantes"], libelles, fiche),
    )


def _bilan(
    bilan: Mapping[str, Any] | None, taux: bool, langue: Langue = "fr"
) -> BilanDossier | None:
    if bilan is None or bilan["statut"] == "non_applicable":
        return None
    reste = None
    if bilan["valeur"] is not None and bilan["cible_valeur"] is not None:
        manque = bilan["cible_valeur"] - bilan["valeur"]
        reste = (
            mot(
                "{manque} à gagner pour atteindre le total",
                langue,
                manque=valeur_texte(round(manque, 6), taux, langue),
            )
            if manque > 0
            else mot("total déjà atteint", langue)
        )
    return BilanDossier(
        total=bilan["total"] or "—",
        valeur=valeur_texte(bilan["valeur"], taux, langue),
        cible=valeur_texte(bilan["cible_valeur"], taux, langue)
        if bilan["cible_valeur"] is not None
        else "—",
        reste=reste,
        statut=apparences(langue)[bilan["statut"]],
        raison=vocabulaire.raison(bilan["raison"], langue),
    )


def _attributs(
    resultats: Resultats, finess: str, langue: Langue = "fr"
) -> tuple[tuple[str, str], ...]:
    e = resultats.donnees.index_etablissement(finess)
    assert e is not None
    definition = resultats.catalogue.definition.attributs
    return tuple(
        (definition[nom].libelle, vocabulaire.valeur(valeur, langue))
        for nom, valeur in valeurs_attributs(resultats, e, langue)
    )


def construire(
    resultats: Resultats,
    finess: str,
    lignes: Sequence[Mapping[str, Any]],
    bilans: Mapping[tuple[str, str], Mapping[str, Any]],
    positions: Positions,
    jour: datetime.date,
    langue: Langue = "fr",
) -> Dossier:
    """The dossier of `finess` from its result rows (`Resultats.lignes`, no explanations)
    and its bilans by (fiche, measure)."""
    libelles = Libelles(resultats)
    planche = Planche(langue)
    statuts = apparences(langue)
    deux_points = " : " if langue == "fr" else ": "
    par_mesure: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for ligne in lignes:
        par_mesure[(ligne["indicateur"], ligne["mesure"])].append(ligne)
    fiches: dict[str, list[MesureDossier]] = defaultdict(list)
    resume: list[LigneResume] = []
    rangs = sorted(par_mesure.items(), key=lambda m: ordre_naturel(m[0][0]))
    points: list[str] = []
    comptes: dict[str, int] = dict.fromkeys(APPARENCES, 0)
    for (fiche, mesure), rangees in rangs:
        libelle, unite = libelles.mesure(fiche, mesure)
        taux = unite.strip() == "%"
        segment_code = rangees[0]["segment"]
        applicable = any(r["applicable"] for r in rangees)
        annees = (
            tuple(_annee(resultats, libelles, r, taux, langue) for r in rangees)
            if applicable
            else ()
        )
        graphique, note = (
            graphique_trajectoire(planche, rangees, taux, langue)
            if applicable
            else (Markup(""), None)
        )
        bilan = _bilan(bilans.get((fiche, mesure)), taux, langue)
        trouvees = [
            positions.position(fiche, mesure, segment_code, r["annee"], r["valeur"], taux, langue)
            for r in rangees
            if applicable
            and isinstance(r["valeur"], int | float)
            and not isinstance(r["valeur"], bool)
        ]
        fiches[fiche].append(
            MesureDossier(
                code=mesure,
                libelle=libelle,
                unite=unite,
                segment=libelles.segment(fiche, segment_code)
                if libelles.segmentee(fiche)
                else None,
                graphique=graphique,
                note_graphique=note,
                annees=annees,
                bilan=bilan,
                positions=tuple(p for p in trouvees if p is not None),
                applicable=applicable,
                raison_hors_champ=None
                if applicable
                else vocabulaire.raison(rangees[-1]["raison"], langue)
                or mot("non applicable", langue),
            )
        )
        for r in rangees:
            comptes[r["statut"]] += 1
        resume.append(
            LigneResume(
                fiche=fiche,
                intitule=libelles.intitule(fiche),
                mesure=libelle if libelles.mesures_multiples(fiche) else None,
                statuts=tuple(
                    next((statuts[r["statut"]] for r in rangees if r["annee"] == a), None)
                    for a in resultats.annees
                ),
                bilan=bilan.statut if bilan else None,
                bilan_en_cours=bilan is not None
                and bilan.raison == vocabulaire.raison("periode_incomplete", langue),
            )
        )
        for annee in annees:
            if annee.statut in (statuts[s] for s in A_DISCUTER):
                points.append(
                    f"{fiche} · {annee.annee} — {annee.statut.libelle}{deux_points}"
                    f"{annee.explication}"
                )
    definition = resultats.catalogue.definition
    ecrire = partial(nombre_texte, langue=langue)
    index = resultats.donnees.index_etablissement(finess)
    assert index is not None
    problemes = [
        p
        for p in trier(resultats.problemes)
        if p.finess == finess or finess in dict(p.params).values()
    ]
    return Dossier(
        finess=finess,
        raison_sociale=str(resultats.donnees.raisons_sociales[index]),
        region=definition.region,
        periode=f"{definition.periode.debut}–{definition.periode.fin}",
        date=date_fr(jour, langue),
        annees=resultats.annees,
        attributs=_attributs(resultats, finess, langue),
        comptes=tuple(
            (statuts[s], vocabulaire.statut(s, langue, n, ecrire)) for s, n in comptes.items() if n
        ),
        resume=tuple(resume),
        points=tuple(points),
        fiches=tuple(
            FicheDossier(code, libelles.intitule(code), tuple(mesures))
            for code, mesures in sorted(fiches.items(), key=lambda f: ordre_naturel(f[0]))
        ),
        problemes=tuple(vue_probleme(p, langue) for p in problemes),
        bandeau=tuple(bandeau(resultats, langue)),
        planche=planche,
        langue=langue,
    )
