"""The self-contained HTML report of an evaluation, for ARS analysts.

Guarantees: one UTF-8 file with no external resource (inline CSS, inline SVG charts, one
small inline script that only filters and folds; the page is complete without it); every
text coming from a dataset or a spec goes through jinja2 autoescaping, and SVG charts escape
their own texts; numbers are written the page's language's way (``21,3 %`` in French,
``21.3%`` in English); a status is always shown with an icon and a word besides its colour;
every data problem is listed with its source rows.
Rendering is deterministic: no clock, no randomness.

Each establishment has one scorecard: a table with one row per evaluated measure — its
label and trajectory chart, then one cell per year (the status, which makes the table a
status grid, then the value, target, gap, missing evidence and, for every result that is
not ``atteint``, the explanation of the calculation without what the row and column already
say), then the period bilan. What every scorecard would repeat — attribute labels, the
measures' units and period targets, the chart key and the charts' grids and year labels — is
written once above them. Explanations of ``atteint`` results are left to the JSON, CSV and
Excel exports, as the page says.

Stable hooks for tests and scripts: ``#synthese``, ``#retards``, ``#etablissements``,
``#problemes``; ``details.fiche-etablissement[data-finess]``; ``table.tableau-bord`` whose
body rows ``tr[data-mesure]`` are the measures (the row header is the fiche code);
``svg.trajectoire``. The markup leaves out optional end tags (``</td>``, ``</tr>``,
``</p>``, ``</dd>``…) in the repeated parts, as HTML allows: they would be a tenth of a
regional report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any

import numpy as np
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from cpom_rules import libelles as vocabulaire
from cpom_rules.chiffres import nombre_texte
from cpom_rules.evaluation.format import oui_non
from cpom_rules.evaluation.lectures import ImpactLecture
from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.fichiers import ecrire_atomique
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue, phrase
from cpom_rules.problemes import Niveau, Probleme, compter, trier
from cpom_rules.render.graphiques import (
    APPARENCES,
    ORDRE_STATUTS,
    Apparence,
    Planche,
    PointTrajectoire,
    barre_statuts,
    legende,
)
from cpom_rules.render.rapport_anglais import mot, mots_du_script
from cpom_rules.render.rapport_donnees import donnees_rapport, json_dans_la_page, ordre_naturel

# Up to this many establishments, the page carries every scorecard; beyond, it would weigh
# tens of megabytes, so scorecards are drawn on demand by the page's script from its data.
CARTES_JUSQUA = 300
# Up to this many establishments, scorecards are unfolded; beyond, the page would be too
# long to scan, so they start folded and the search box finds them.
OUVERTES_JUSQUA = 12
# How many establishments the "most behind" table lists.
NOMBRE_RETARDS = 15
# Establishments out of a fiche's scope, or whose tier could not be determined, have no segment.
SANS_SEGMENT = "Sans segment (hors périmètre ou segment indéterminé)"
# How many source row numbers a problem shows before summarising the rest.
LIGNES_MONTREES = 40
# Units the values already show (``21,3 %``, ``oui``): the scorecard does not repeat them.
UNITES_EVIDENTES = {"%", "oui/non"}
# Explanations up to this many characters are shown in their cell; longer ones (composite
# targets restating every condition) are folded under a summary.
EXPLICATION_DEPLIEE_JUSQUA = 400


@cache
def environnement() -> Environment:
    """The jinja2 environment of the HTML templates (autoescaping always on)."""
    return Environment(
        loader=PackageLoader("cpom_rules.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


# --- formatting ------------------------------------------------------------------------------
def _est_nombre(valeur: object) -> bool:
    return isinstance(valeur, int | float) and not isinstance(valeur, bool)


# Formatting is exact (rationals) hence slow-ish, and a regional report formats the same
# targets and values tens of thousands of times: both formatters remember their answers.
@lru_cache(maxsize=1 << 16)
def valeur_texte(valeur: object, taux: bool, langue: Langue) -> str:
    """A measure value for display: ``21,3 %``, ``1 234``, ``oui``, ``—`` (``21.3%``,
    ``1,234``, ``yes`` in English)."""
    if valeur is None or isinstance(valeur, bool):
        return oui_non(valeur, langue)
    if _est_nombre(valeur):
        assert isinstance(valeur, int | float)
        return nombre_texte(valeur, 1 if taux else 2, "%" if taux else None, langue)
    return str(valeur)


@lru_cache(maxsize=1 << 16)
def ecart_texte(ecart: float | None, taux: bool, langue: Langue) -> str:
    """A signed gap to the target: ``+2 pts``, ``−1``, ``0`` (rates in percentage points)."""
    if ecart is None:
        return "—"
    texte = nombre_texte(abs(ecart), 1 if taux else 2, langue=langue)
    signe = "" if texte == "0" else ("+" if ecart > 0 else "−")
    suite = ("\u00a0pt" if abs(ecart) < 2 else "\u00a0pts") if taux else ""
    return f"{signe}{texte}{suite}"


def taux_texte(taux: float | None, langue: Langue) -> str:
    """An attainment rate: ``66,7 %`` (``66.7%``), or ``—`` when no result had a verdict."""
    return "—" if taux is None else nombre_texte(taux, 1, "%", langue)


# A yes/no target is printed as the answer it expects (`spec.cibles.OuiNon.decrire`).
_REPONSES = {"oui": True, "non": False}


def cible_texte(cible: str | None, langue: Langue) -> str:
    """The target as printed: the catalogue's text (French by design), but the answer a
    yes/no target expects in the page's language (« yes »); ``—`` when there is none."""
    if cible in _REPONSES:
        return oui_non(_REPONSES[cible], langue)
    return cible or "—"


def _espaces(texte: str) -> str:
    return texte.replace("\u00a0", " ").replace("\u202f", " ")


def _libelle_raison(raison: str | None, langue: Langue = "fr") -> str | None:
    """``periode_incomplete`` → ``période incomplète`` (the labels catalogue's words)."""
    return vocabulaire.raison(raison, langue)


@cache
def apparences(langue: Langue = "fr") -> dict[str, Apparence]:
    """How each status is shown, its word in `langue`."""
    if langue == "fr":
        return APPARENCES
    return {
        code: replace(a, libelle=vocabulaire.titre_statut(code, langue))
        for code, a in APPARENCES.items()
    }


# --- view model ------------------------------------------------------------------------------
@dataclass(frozen=True)
class AnneeCarte:
    """One year of a measure for one establishment, formatted."""

    annee: int
    statut: Apparence
    raison: str | None
    valeur: str
    cible: str
    cible_calculee: str | None
    ecart: str | None
    preuves_manquantes: str | None
    explication: str | None  # only for results that are not atteint

    @property
    def explication_pliee(self) -> bool:
        return len(self.explication or "") > EXPLICATION_DEPLIEE_JUSQUA


@dataclass(frozen=True)
class Bilan:
    """The status of a measure's total over the fiche's period; `en_cours` while the period
    is not over (status données manquantes, reason période incomplète), shown without colour:
    there is nothing to judge yet."""

    statut: Apparence
    raison: str | None
    en_cours: bool


@dataclass(frozen=True)
class Carte:
    """One evaluated measure of one establishment: a row group of its scorecard."""

    indicateur: str
    mesure: str
    libelle: str
    meta: str  # segment and unit, when they tell something
    annees: tuple[AnneeCarte | None, ...]  # one per report year, None when not evaluated
    graphique: Markup
    note_graphique: str | None
    bilan: Bilan | None


@dataclass(frozen=True)
class HorsChamp:
    """A measure that does not apply to the establishment in any evaluated year.

    Named by its fiche code, and its measure's label when the fiche has several (the key
    above the scorecards gives every label).
    """

    indicateur: str
    libelle: str | None
    raison: str


@dataclass(frozen=True)
class Etablissement:
    """The scorecard of one establishment."""

    finess: str
    raison_sociale: str
    attributs: tuple[tuple[str, str], ...]  # (attribute code, value): labels are in the key
    comptes: Mapping[str, int]
    taux: str
    taux_par_annee: tuple[tuple[int, str], ...]
    barre: Markup
    cartes: tuple[Carte, ...]
    hors_champ: tuple[HorsChamp, ...]
    ouvert: bool


@dataclass(frozen=True)
class MesureLegende:
    """A measure as the key above the scorecards describes it once."""

    indicateur: str
    libelle: str
    unite: str
    total: str | None
    periode: str | None


@dataclass(frozen=True)
class CelluleSynthese:
    """A fiche × segment × year cell of the regional summary."""

    barre: Markup
    taux: str
    detail: str


@dataclass(frozen=True)
class LigneSynthese:
    """A fiche × measure × segment row of the regional summary."""

    indicateur: str
    intitule: str
    libelle: str
    segment: str
    cellules: tuple[CelluleSynthese, ...]


@dataclass(frozen=True)
class Retard:
    """An establishment among the most behind."""

    finess: str
    raison_sociale: str
    taux: str
    atteints: int
    verdicts: int
    non_atteints: int
    par_annee: tuple[str, ...]


@dataclass(frozen=True)
class ProblemeVue:
    """A data problem with where it comes from."""

    erreur: bool
    niveau: str
    source: str
    lignes: str
    fiche: str
    message: str
    conseil: str
    finess: str
    annee: str


class Libelles:
    """French labels of fiches, measures, segments and evidence, looked up in the catalogue.

    Read once into dictionaries: a regional report asks for the same ones thousands of times.
    """

    def __init__(self, resultats: Resultats) -> None:
        catalogue = resultats.catalogue
        self._intitules = {code: f.intitule for code, f in catalogue.fiches.items()}
        self._mesures = {
            (code, mesure): (m.libelle, m.unite)
            for code, f in catalogue.fiches.items()
            for mesure, m in f.mesures.items()
        }
        self._preuves = {
            (code, preuve): p.libelle
            for code, f in catalogue.fiches.items()
            for preuve, p in f.preuves.items()
        }
        regles = catalogue.regles.fiches
        self._segments = {
            (code, segment): s.libelle
            for code, f in regles.items()
            for segment, s in f.segments.items()
        }
        self._segmentees = {code for code, f in regles.items() if len(f.segments) > 1}
        self._multiples = {code for code, f in regles.items() if len(f.mesures_evaluees) > 1}

    def intitule(self, fiche: str) -> str:
        return self._intitules[fiche]

    def mesure(self, fiche: str, mesure: str) -> tuple[str, str]:
        """Label and unit of a measure."""
        return self._mesures[(fiche, mesure)]

    def segment(self, fiche: str, segment: str | None) -> str | None:
        return self._segments.get((fiche, segment or ""))

    def segmentee(self, fiche: str) -> bool:
        """Whether the fiche sets different targets by segment (else its one segment is noise)."""
        return fiche in self._segmentees

    def mesures_multiples(self, fiche: str) -> bool:
        """Whether the fiche evaluates several measures (its code alone does not name one)."""
        return fiche in self._multiples

    def preuve(self, fiche: str, code: str) -> str:
        return self._preuves.get((fiche, code), code)


@lru_cache(maxsize=1 << 12)
def _cible_calculee(
    cible: str | None, cible_valeur: float | None, taux: bool, langue: Langue
) -> str | None:
    """The computed target when the printed text does not already show it (``+5 %`` → 800).

    The printed text is the catalogue's, French: it shows the target when it holds the target
    written the French way, whatever the page's language.
    """
    if cible_valeur is None:
        return None
    if _espaces(valeur_texte(cible_valeur, taux, "fr")) in _espaces(cible or ""):
        return None
    return valeur_texte(cible_valeur, taux, langue)


def _compare(ligne: Mapping[str, Any]) -> float | None:
    """The quantity compared with the target: value, or cumulated/converted value.

    Rows carry the gap to the target, not the compared quantity itself: for a cumulative
    target it is the cumulated value, recovered as target + gap.
    """
    if ligne["cible_valeur"] is not None and ligne["ecart"] is not None:
        return float(ligne["cible_valeur"] + ligne["ecart"])
    return float(ligne["valeur"]) if _est_nombre(ligne["valeur"]) else None


NOTE_COMPAREE = (
    "Le graphique montre la quantité comparée à la cible (cumul, conversion de période ou "
    "autre mesure de la fiche), qui diffère ici de la valeur de l'année."
)


def graphique_trajectoire(
    planche: Planche, lignes: Sequence[Mapping[str, Any]], taux: bool, langue: Langue = "fr"
) -> tuple[Markup, str | None]:
    """The trajectory of a numeric measure (with its reference year), or nothing; and a note
    when what is drawn is not the yearly value shown in the table."""
    points = []
    for r in lignes:
        compare = _compare(r)
        # The cell next to the chart gives the yearly value: only a different quantity drawn
        # (cumulated, converted) is written on the chart.
        differe = compare is not None and not (
            _est_nombre(r["valeur"]) and abs(compare - r["valeur"]) < 1e-6
        )
        points.append(
            PointTrajectoire(r["annee"], compare, r["cible_valeur"], r["statut"], differe)
        )
    if all(p.valeur is None for p in points):
        return Markup(""), None  # a trajectory with no achieved value yet tells nothing
    differe = any(p.etiquette for p in points)
    premiere = lignes[0]
    if (
        premiere["annee_reference"] is not None
        and premiere["annee_reference"] < premiere["annee"]
        and _est_nombre(premiere["valeur_reference"])
    ):
        reference = PointTrajectoire(
            premiere["annee_reference"], premiere["valeur_reference"], None, None
        )
        points.insert(0, reference)
    return planche.trajectoire(points, taux), mot(NOTE_COMPAREE, langue) if differe else None


def _explication_courte(
    texte: str,
    code: str,
    annee: int,
    statut: str,
    segment: str | None,
    libelle: str,
    langue: Langue = "fr",
) -> str:
    """An explanation without what its cell already shows: fiche, year, segment, measure, status.

    ``CPOM_X — 2025 — Pour tous les établissements : valeur 3 < cible 5 → non atteint``
    → ``valeur 3 < cible 5``. A target set by a derogation keeps its origin, a status
    followed by its reason keeps both.
    """
    reste = texte.removeprefix(f"{code} — {annee} — ").removesuffix(f" → {phrase(statut, langue)}")
    if segment:
        for tete in (f"{segment} — {libelle} : ", f"{segment} : "):
            if reste.startswith(tete):
                return reste[len(tete) :]
    return reste


def _meta(libelles: Libelles, fiche: str, segment: str | None, unite: str, langue: Langue) -> str:
    parties = []
    if segment and libelles.segmentee(fiche):
        parties.append(segment)
    if unite.strip() not in UNITES_EVIDENTES:
        parties.append(mot("unité : {unite}", langue, unite=unite))
    return " · ".join(parties)


def _carte(
    resultats: Resultats,
    libelles: Libelles,
    planche: Planche,
    lignes: Sequence[Mapping[str, Any]],
    bilans: Mapping[tuple[str, str, str], Mapping[str, Any]],
    langue: Langue = "fr",
) -> Carte:
    premiere = lignes[0]
    finess, fiche, mesure = premiere["finess"], premiere["indicateur"], premiere["mesure"]
    libelle, unite = libelles.mesure(fiche, mesure)
    taux = unite.strip() == "%"
    segment = libelles.segment(fiche, premiere["segment"])
    par_annee: dict[int, AnneeCarte] = {}
    vues_statuts = apparences(langue)
    for r in lignes:
        explication = None
        if r["statut"] != "atteint":
            explication = _explication_courte(
                resultats.expliquer(finess, fiche, r["annee"], mesure, langue),
                fiche,
                r["annee"],
                r["statut"],
                segment,
                libelle,
                langue,
            )
        par_annee[r["annee"]] = AnneeCarte(
            annee=r["annee"],
            statut=vues_statuts[r["statut"]],
            raison=_libelle_raison(r["raison"], langue),
            valeur=vocabulaire.booleen(r["valeur"], langue)
            if isinstance(r["valeur"], bool)
            else valeur_texte(r["valeur"], taux, langue),
            cible=cible_texte(r["cible"], langue),
            cible_calculee=_cible_calculee(r["cible"], r["cible_valeur"], taux, langue),
            ecart=None if r["ecart"] is None else ecart_texte(r["ecart"], taux, langue),
            preuves_manquantes=" ; ".join(
                libelles.preuve(fiche, code) for code in r["preuves_manquantes"]
            )
            or None,
            explication=explication,
        )
    graphique, note = graphique_trajectoire(planche, lignes, taux, langue)
    bilan = bilans.get((finess, fiche, mesure))
    return Carte(
        indicateur=fiche,
        mesure=mesure,
        libelle=libelle,
        meta=_meta(libelles, fiche, segment, unite, langue),
        annees=tuple(par_annee.get(annee) for annee in resultats.annees),
        graphique=graphique,
        note_graphique=note,
        bilan=Bilan(
            vues_statuts[bilan["statut"]],
            _libelle_raison(bilan["raison"], langue),
            bilan["statut"] == "donnees_manquantes" and bilan["raison"] == "periode_incomplete",
        )
        if bilan is not None and bilan["statut"] != "non_applicable"
        else None,
    )


def valeurs_attributs(resultats: Resultats, e: int, langue: Langue) -> tuple[tuple[str, str], ...]:
    """The establishment's known attributes, by code (the key above gives their labels)."""
    sortie: list[tuple[str, str]] = []
    for nom in resultats.catalogue.definition.attributs:
        colonne = resultats.donnees.attributs.get(nom)
        if colonne is None or np.ravel(colonne.absence)[e]:
            continue
        if isinstance(colonne, c.Nombres):
            texte = nombre_texte(
                Fraction(int(np.ravel(colonne.num)[e]), int(np.ravel(colonne.den)[e])),
                langue=langue,
            )
        elif isinstance(colonne, c.Booleens):
            texte = oui_non(bool(np.ravel(colonne.valeurs)[e]), langue)
        elif isinstance(colonne, c.Listes):
            texte = ", ".join(sorted(np.ravel(colonne.valeurs)[e]))
        elif isinstance(colonne, c.Textes):
            texte = str(np.ravel(colonne.valeurs)[e])
        else:  # dates are not establishment attributes in any catalogue so far
            continue
        sortie.append((nom, texte))
    return tuple(sortie)


def _etablissements(
    resultats: Resultats,
    syntheses: Sequence[Mapping[str, Any]],
    planche: Planche,
    bilans: Mapping[tuple[str, str, str], Mapping[str, Any]],
    langue: Langue = "fr",
) -> list[Etablissement]:
    libelles = Libelles(resultats)
    par_etablissement: dict[str, dict[tuple[str, str], list[dict[str, Any]]]] = defaultdict(dict)
    # Explanations are computed only for the results shown with one (not atteint).
    for ligne in resultats.lignes(explications=False):
        par_etablissement[ligne["finess"]].setdefault(
            (ligne["indicateur"], ligne["mesure"]), []
        ).append(ligne)
    ouvert = resultats.donnees.nombre_etablissements <= OUVERTES_JUSQUA
    vues = []
    for e, synthese in enumerate(syntheses):
        cartes: list[Carte] = []
        hors_champ: list[HorsChamp] = []
        for (fiche, mesure), lignes in par_etablissement[synthese["finess"]].items():
            if all(not r["applicable"] for r in lignes):
                raison = _libelle_raison(lignes[-1]["raison"], langue) or mot(
                    "non applicable", langue
                )
                multiple = libelles.mesures_multiples(fiche)
                libelle = libelles.mesure(fiche, mesure)[0] if multiple else None
                hors_champ.append(HorsChamp(fiche, libelle, raison))
            else:
                cartes.append(_carte(resultats, libelles, planche, lignes, bilans, langue))
        total = synthese["total"]
        vues.append(
            Etablissement(
                finess=synthese["finess"],
                raison_sociale=synthese["raison_sociale"],
                attributs=tuple(
                    (vocabulaire.nom_attribut(nom, langue), vocabulaire.valeur(valeur, langue))
                    for nom, valeur in valeurs_attributs(resultats, e, langue)
                ),
                comptes={s: total[s] for s in ORDRE_STATUTS},
                taux=taux_texte(total["taux_atteinte"], langue),
                taux_par_annee=tuple(
                    (annee, taux_texte(r["taux_atteinte"], langue))
                    for annee, r in synthese["par_annee"].items()
                ),
                barre=barre_statuts(
                    total, titre=False, langue=langue
                ),  # the counts are written next to it
                cartes=tuple(cartes),
                hors_champ=tuple(hors_champ),
                ouvert=ouvert,
            )
        )
    return sorted(vues, key=lambda v: (v.raison_sociale.casefold(), v.finess))


def _mesures(resultats: Resultats, bilans: Iterable[Mapping[str, Any]]) -> list[MesureLegende]:
    """Every evaluated measure once, with its total over the period when it has one."""
    libelles = Libelles(resultats)
    totaux = {(b["indicateur"], b["mesure"]): b for b in bilans}
    vues = []
    for bloc in resultats.blocs:
        fiche, mesure = bloc.fiche.code, bloc.mesure.code
        libelle, unite = libelles.mesure(fiche, mesure)
        total = totaux.get((fiche, mesure))
        vues.append(
            MesureLegende(
                indicateur=fiche,
                libelle=libelle,
                unite=unite,
                total=(total["total"] or "—") if total else None,
                periode=total["periode"] if total else None,
            )
        )
    return vues


def _synthese(
    resultats: Resultats, langue: Langue = "fr"
) -> tuple[list[LigneSynthese], list[tuple[int, Markup, str]]]:
    """Rows fiche × measure × segment with one cell per year, and the statuses per year."""
    libelles = Libelles(resultats)
    groupes: dict[tuple[str, str, str], dict[int, dict[str, Any]]] = defaultdict(dict)
    par_annee: dict[int, dict[str, int]] = {
        a: dict.fromkeys(ORDRE_STATUTS, 0) for a in resultats.annees
    }
    for ligne in resultats.synthese_fiches():
        groupes[(ligne["indicateur"], ligne["mesure"], ligne["segment"] or "")][ligne["annee"]] = (
            ligne
        )
        for statut in ORDRE_STATUTS:
            par_annee[ligne["annee"]][statut] += ligne[statut]
    lignes = []
    for (fiche, mesure, segment), annees in sorted(
        groupes.items(), key=lambda g: ordre_naturel(g[0][0])
    ):
        cellules = []
        for annee in resultats.annees:
            compte = annees.get(annee)
            if compte is None:
                cellules.append(CelluleSynthese(Markup(""), "—", ""))
                continue
            verdicts = compte["atteint"] + compte["non_atteint"]
            cellules.append(
                CelluleSynthese(
                    barre_statuts(compte, 120, langue=langue),
                    taux_texte(compte["taux_atteinte"], langue),
                    mot(
                        "{atteints} / {verdicts} atteint"
                        if compte["atteint"] <= 1
                        else "{atteints} / {verdicts} atteints",
                        langue,
                        atteints=nombre_texte(compte["atteint"], langue=langue),
                        verdicts=nombre_texte(verdicts, langue=langue),
                    )
                    if verdicts
                    else mot("aucun verdict", langue),
                )
            )
        lignes.append(
            LigneSynthese(
                indicateur=fiche,
                intitule=libelles.intitule(fiche),
                libelle=libelles.mesure(fiche, mesure)[0],
                segment=libelles.segment(fiche, segment) or mot(SANS_SEGMENT, langue),
                cellules=tuple(cellules),
            )
        )
    ecrire = partial(nombre_texte, langue=langue)
    repartition = [
        (
            annee,
            barre_statuts(comptes, 360, langue=langue),
            ", ".join(vocabulaire.statut(s, langue, comptes[s], ecrire) for s in ORDRE_STATUTS),
        )
        for annee, comptes in par_annee.items()
    ]
    return lignes, repartition


def _retards(syntheses: Iterable[Mapping[str, Any]], langue: Langue) -> list[Retard]:
    """The establishments with the lowest attainment rate (ties: more targets missed first)."""
    classes = sorted(
        (s for s in syntheses if s["total"]["taux_atteinte"] is not None),
        key=lambda s: (
            s["total"]["taux_atteinte"],
            -s["total"]["non_atteint"],
            s["raison_sociale"].casefold(),
        ),
    )
    return [
        Retard(
            finess=s["finess"],
            raison_sociale=s["raison_sociale"],
            taux=taux_texte(s["total"]["taux_atteinte"], langue),
            atteints=s["total"]["atteint"],
            verdicts=s["total"]["atteint"] + s["total"]["non_atteint"],
            non_atteints=s["total"]["non_atteint"],
            par_annee=tuple(
                taux_texte(r["taux_atteinte"], langue) for r in s["par_annee"].values()
            ),
        )
        for s in classes[:NOMBRE_RETARDS]
    ]


@dataclass(frozen=True)
class ChangementVue:
    """An establishment whose verdicts change under an alternative reading, in words."""

    finess: str
    raison_sociale: str
    differences: str


@dataclass(frozen=True)
class LectureVue:
    """One declared alternative reading and the establishments it would change."""

    indicateur: str
    lecture: str
    libelle: str
    litterale: bool
    nombre: str
    changements: tuple[ChangementVue, ...]


def vues_lectures(impacts: Iterable[ImpactLecture], langue: Langue = "fr") -> list[LectureVue]:
    """The section « lectures alternatives »: per reading, the establishments that change."""
    return [
        LectureVue(
            indicateur=i.indicateur,
            lecture=i.lecture,
            libelle=i.libelle,
            litterale=i.litterale,
            nombre=mot(
                "aucun établissement ne change sur {total}"
                if not i.changements
                else "{nombre} établissement change sur {total}"
                if len(i.changements) == 1
                else "{nombre} établissements changent sur {total}",
                langue,
                nombre=nombre_texte(len(i.changements), langue=langue),
                total=nombre_texte(i.etablissements, langue=langue),
            ),
            changements=tuple(
                ChangementVue(
                    ch.finess,
                    ch.raison_sociale,
                    " ; ".join(
                        vocabulaire.difference(d.mesure, d.annee, d.avant, d.apres, langue)
                        for d in ch.differences
                    ),
                )
                for ch in i.changements
            ),
        )
        for i in sorted(impacts, key=lambda i: ordre_naturel(i.indicateur))
    ]


def vue_probleme(probleme: Probleme, langue: Langue = "fr") -> ProblemeVue:
    if probleme.lignes:
        montrees = ", ".join(str(n) for n in probleme.lignes[:LIGNES_MONTREES])
        reste = len(probleme.lignes) - LIGNES_MONTREES
        lignes = mot("{lignes} … et {reste} autres", langue, lignes=montrees, reste=reste)
        lignes = lignes if reste > 0 else montrees
    else:
        lignes = str(probleme.ligne) if probleme.ligne is not None else "—"
    source = probleme.fichier or "—"
    if probleme.chemin:
        source = f"{source} ({probleme.chemin})"
    textes = probleme.to_dict(langue) if langue != "fr" else None
    return ProblemeVue(
        erreur=probleme.niveau is Niveau.ERREUR,
        niveau=mot("Erreur" if probleme.niveau is Niveau.ERREUR else "Avertissement", langue),
        source=source,
        lignes=lignes,
        fiche=probleme.code_fiche or probleme.indicateur or "—",
        message=str(textes["message"]) if textes else probleme.message,
        conseil=str(textes["conseil"]) if textes else probleme.conseil,
        finess=probleme.finess or "—",
        annee=str(probleme.annee) if probleme.annee is not None else "—",
    )


def bandeau(resultats: Resultats, langue: Langue = "fr") -> list[str]:
    """The alerts a reader must see before any figure: a missing attribute column, rejected
    establishments or measures (each one sentence, French)."""
    alertes = []
    absentes = [
        p.parametre("attribut") for p in resultats.problemes if p.code == "colonne_attribut_absente"
    ]
    if absentes:
        alertes.append(
            mot(
                "Colonne absente de la table des établissements : {colonnes} — les résultats qui "
                "en dépendent sont non évaluables (segment ou périmètre indéterminé).",
                langue,
                colonnes=", ".join(absentes),
            )
        )
    rejetes = sum(1 for p in resultats.problemes if p.code == "finess_donnees")
    if rejetes:
        alertes.append(
            mot(
                "{nombre} : les lignes correspondantes sont écartées de l'évaluation (voir les "
                "problèmes de données).",
                langue,
                nombre=vocabulaire.pluriel(
                    rejetes, mot("FINESS invalide", langue), mot("FINESS invalides", langue)
                ),
            )
        )
    orphelins = sum(1 for p in resultats.problemes if p.code == "etablissement_inconnu")
    if orphelins:
        alertes.append(
            mot(
                "{nombre} des mesures absents de la table des établissements : leurs mesures ne "
                "sont pas évaluées.",
                langue,
                nombre=vocabulaire.pluriel(orphelins, "FINESS", "FINESS"),
            )
        )
    return alertes


def contexte(
    resultats: Resultats, lectures: Sequence[ImpactLecture] | None = None, langue: Langue = "fr"
) -> dict[str, Any]:
    """Everything the report template shows, formatted; the section on alternative readings
    only when their impacts are given (they cost a second evaluation of their fiches)."""
    definition = resultats.catalogue.definition
    statuts = resultats.statuts()
    verdicts = statuts["atteint"] + statuts["non_atteint"]
    syntheses = resultats.synthese_etablissements()
    lignes_synthese, annees_synthese = _synthese(resultats, langue)
    comptes = compter(resultats.problemes)
    planche = Planche(langue)
    records_bilans = resultats.bilans_records()
    bilans = {(b["finess"], b["indicateur"], b["mesure"]): b for b in records_bilans}
    ecrire = partial(nombre_texte, langue=langue)
    return {
        "definition": definition,
        "annees": resultats.annees,
        "sources": [s for s in resultats.donnees.sources if s],
        "chiffres": {
            "etablissements": ecrire(resultats.donnees.nombre_etablissements),
            "fiches": ecrire(len({b.fiche.code for b in resultats.blocs})),
            "resultats": ecrire(len(resultats)),
            "taux": taux_texte(
                round(100 * statuts["atteint"] / verdicts, 1) if verdicts else None, langue
            ),
            "verdicts": ecrire(verdicts),
            "erreurs": comptes[Niveau.ERREUR],
            "avertissements": comptes[Niveau.AVERTISSEMENT],
        },
        "statuts": [(apparences(langue)[s], ecrire(statuts[s])) for s in ORDRE_STATUTS],
        "apparences": apparences(langue),
        "annees_synthese": annees_synthese,
        "lignes_synthese": lignes_synthese,
        "retards": _retards(syntheses, langue),
        "sans_verdict": sum(1 for s in syntheses if s["total"]["taux_atteinte"] is None),
        "etablissements": _etablissements(resultats, syntheses, planche, bilans, langue)
        if resultats.donnees.nombre_etablissements <= CARTES_JUSQUA
        else [],
        "cartes_a_la_demande": resultats.donnees.nombre_etablissements > CARTES_JUSQUA,
        "cartes_jusqua": CARTES_JUSQUA,
        "donnees_json": json_dans_la_page(donnees_rapport(resultats, langue)),
        "mots_json": json_dans_la_page(mots_du_script(langue)),
        "mesures": _mesures(resultats, records_bilans),
        "attributs": [
            (vocabulaire.nom_attribut(nom, langue), a.libelle)
            for nom, a in definition.attributs.items()
        ],
        "problemes": [vue_probleme(p, langue) for p in trier(resultats.problemes)],
        "bandeau": bandeau(resultats, langue),
        "lectures": None if lectures is None else vues_lectures(lectures, langue),
        "legende": legende(langue),
        "langue": langue,
        "m": lambda texte, **params: mot(texte, langue, **params),
        # The scorecards' words, looked up once (each is written thousands of times).
        "mots": {
            "cible": mot("cible", langue),
            "soit": mot("soit", langue),
            "ecart": mot("écart", langue),
            "preuves": mot("Preuves manquantes :", langue),
            "explication": mot("Explication du calcul", langue),
        },
        "planche": planche,
    }


_INDENTATION = re.compile(r"\n[ \t]+")


def render_html(
    resultats: Resultats, lectures: Sequence[ImpactLecture] | None = None, langue: Langue = "fr"
) -> str:
    """The report as one HTML document, without the indentation of the templates.

    Indentation would be a tenth of a regional report; no element of the page keeps
    leading white space (there is no ``<pre>``), so dropping it changes nothing shown.
    Autoescaping writes an apostrophe as ``&#39;``; every attribute of the templates is
    quoted with ``"``, where a bare ``'`` is inert, so the page keeps the shorter character.
    """
    texte = (
        environnement().get_template("rapport.html").render(contexte(resultats, lectures, langue))
    )
    return _INDENTATION.sub("\n", texte).replace("&#39;", "'")


def write_html(
    resultats: Resultats,
    chemin: Path,
    lectures: Sequence[ImpactLecture] | None = None,
    langue: Langue = "fr",
) -> None:
    """Write the report to `chemin` (UTF-8), in French or English; with `lectures`
    (`evaluation.lectures.impact_lectures`), a section on the declared alternative readings.

    Atomically, like every writer: an interruption or an error while writing leaves any
    previous report untouched."""
    texte = render_html(resultats, lectures, langue)
    with ecrire_atomique(Path(chemin)) as temporaire:
        temporaire.write_text(texte, encoding="utf-8")
