"""The summary sheets of the Excel workbook, as columns and row dicts: by establishment, by
fiche, period totals, data problems, and the key of statuses and reasons."""

from __future__ import annotations

from typing import Any

from cpom_rules import libelles
from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.messages import Langue
from cpom_rules.problemes import Niveau, trier
from cpom_rules.render.excel_anglais import SENS_STATUTS_EN
from cpom_rules.render.excel_feuille import (
    COULEURS_STATUTS,
    FORMAT_ANNEE,
    FORMAT_DECIMAL,
    FORMAT_ENTIER,
    FORMAT_POURCENTAGE,
    LARGEUR_MAX,
    Colonne,
    colonnes_codes,
    en_mots,
    mot,
)


def _taux(valeur: float | None) -> float | None:
    """A rate in percent (66.7) as the fraction Excel's percent format expects (0.667)."""
    return None if valeur is None else round(valeur / 100, 4)


def _statuts(langue: Langue) -> list[Colonne]:
    """One count column per status, headed by the status in words."""
    return [
        Colonne(s, libelles.titre_statut(s, langue), FORMAT_ENTIER, 12) for s in COULEURS_STATUTS
    ]


def par_etablissement(
    resultats: Resultats, langue: Langue
) -> tuple[list[Colonne], list[dict[str, Any]]]:
    colonnes = [
        Colonne("finess", "FINESS", largeur=11),
        Colonne("raison_sociale", "Raison sociale", largeur=36),
        *_statuts(langue),
        Colonne("taux", "Taux d'atteinte", FORMAT_POURCENTAGE, 12),
        *(
            Colonne(f"taux_{a}", mot("Taux d'atteinte", langue) + f" {a}", FORMAT_POURCENTAGE, 12)
            for a in resultats.annees
        ),
    ]
    lignes = []
    for synthese in resultats.synthese_etablissements():
        total = synthese["total"]
        ligne = {
            "finess": synthese["finess"],
            "raison_sociale": synthese["raison_sociale"],
            **{s: total[s] for s in COULEURS_STATUTS},
            "taux": _taux(total["taux_atteinte"]),
        }
        for annee, compte in synthese["par_annee"].items():
            ligne[f"taux_{annee}"] = _taux(compte["taux_atteinte"])
        lignes.append(ligne)
    return colonnes, lignes


_DISTRIBUTION = (
    ("n", "Valeurs connues", FORMAT_ENTIER),
    ("min", "Minimum", FORMAT_DECIMAL),
    ("q1", "1er quartile", FORMAT_DECIMAL),
    ("mediane", "Médiane", FORMAT_DECIMAL),
    ("q3", "3e quartile", FORMAT_DECIMAL),
    ("max", "Maximum", FORMAT_DECIMAL),
    ("moyenne", "Moyenne", FORMAT_DECIMAL),
)


def par_fiche(resultats: Resultats, langue: Langue) -> tuple[list[Colonne], list[dict[str, Any]]]:
    colonnes = [
        Colonne("indicateur", "Fiche", largeur=13),
        Colonne("intitule", "Intitulé", largeur=40),
        Colonne("mesure", "Mesure", largeur=22),
        Colonne("unite", "Unité", largeur=12),
        Colonne("segment", "Segment", largeur=14),
        Colonne("libelle_segment", "Libellé du segment", largeur=34),
        Colonne("annee", "Année", FORMAT_ANNEE, 7),
        *_statuts(langue),
        Colonne("taux", "Taux d'atteinte", FORMAT_POURCENTAGE, 12),
        *(Colonne(cle, entete, f, 11) for cle, entete, f in _DISTRIBUTION),
    ]
    catalogue = resultats.catalogue
    lignes = []
    for synthese in resultats.synthese_fiches():
        code, segment = synthese["indicateur"], synthese["segment"]
        compile_ = catalogue.regles.fiches[code].segments.get(segment or "")
        lignes.append(
            {
                **synthese,
                **(synthese["distribution"] or {}),
                "intitule": catalogue.fiches[code].intitule,
                "unite": catalogue.fiches[code].mesures[synthese["mesure"]].unite,
                "libelle_segment": compile_.libelle if compile_ else None,
                "taux": _taux(synthese["taux_atteinte"]),
            }
        )
    return colonnes, lignes


def bilans(resultats: Resultats, langue: Langue) -> tuple[list[Colonne], list[dict[str, Any]]]:
    colonnes = [
        Colonne("finess", "FINESS", largeur=11),
        Colonne("raison_sociale", "Raison sociale", largeur=36),
        Colonne("indicateur", "Fiche", largeur=13),
        Colonne("mesure", "Mesure", largeur=22),
        Colonne("periode", "Période", largeur=11),
        Colonne("sens_total", "Lecture du total", largeur=18),
        Colonne("total", "Total attendu (fiche)", largeur=40),
        Colonne("valeur", "Valeur sur la période", FORMAT_DECIMAL, 14),
        Colonne("cible_valeur", "Valeur cible", FORMAT_DECIMAL, 12),
        Colonne("statut", "Statut", largeur=18, couleur_statut="statut_code"),
        Colonne("raison", "Raison", largeur=20),
        *colonnes_codes("statut", "raison"),
    ]
    noms = dict(
        zip(
            (str(f) for f in resultats.donnees.finess),
            (str(r) for r in resultats.donnees.raisons_sociales),
            strict=True,
        )
    )
    lignes = []
    for bilan in resultats.bilans_records():
        ligne = {**bilan, "raison_sociale": noms.get(bilan["finess"])}
        en_mots(ligne, langue)
        lignes.append(ligne)
    return colonnes, lignes


COLONNES_PROBLEMES = (
    Colonne("niveau", "Niveau", largeur=14),
    Colonne("code", "Code", largeur=24),
    Colonne("fichier", "Source", largeur=24),
    Colonne("lignes", "Lignes sources", largeur=24),
    Colonne("indicateur", "Fiche", largeur=13),
    Colonne("finess", "FINESS", largeur=11),
    Colonne("annee", "Année", FORMAT_ANNEE, 7),
    Colonne("variable", "Variable", largeur=22),
    Colonne("chemin", "Emplacement", largeur=20),
    Colonne("message", "Problème", largeur=LARGEUR_MAX),
    Colonne("conseil", "Que faire", largeur=LARGEUR_MAX),
)


def problemes(resultats: Resultats, langue: Langue) -> list[dict[str, Any]]:
    lignes = []
    for probleme in trier(resultats.problemes):
        ligne = probleme.to_dict(langue)
        niveau = "erreur" if probleme.niveau is Niveau.ERREUR else "avertissement"
        ligne["niveau"] = mot(niveau, langue)
        ligne["indicateur"] = probleme.indicateur or probleme.code_fiche
        ligne["lignes"] = ", ".join(str(n) for n in probleme.lignes) or (
            str(probleme.ligne) if probleme.ligne is not None else None
        )
        lignes.append(ligne)
    return lignes


COLONNES_LEGENDE = (
    Colonne("famille", "Famille", largeur=14),
    Colonne("libelle", "Libellé", largeur=26, couleur_statut="code_statut"),
    Colonne("code", "Code (colonnes cachées, JSON, CSV)", largeur=26),
    Colonne("sens", "Ce que cela veut dire", largeur=LARGEUR_MAX),
)

_SENS_STATUTS = {
    "atteint": "la valeur atteint la cible de l'année",
    "non_atteint": "la valeur n'atteint pas la cible de l'année",
    "donnees_manquantes": "une donnée ou une preuve attendue de l'établissement manque",
    "non_evaluable": "les données ne permettent pas de conclure (voir la raison)",
    "non_applicable": "rien n'était attendu (hors périmètre, sans objet, pas de cible)",
}


def legende(langue: Langue) -> list[dict[str, Any]]:
    """The sheet that tells what each status colour and each reason means."""
    sens = _SENS_STATUTS if langue == "fr" else SENS_STATUTS_EN
    lignes: list[dict[str, Any]] = [
        {
            "famille": mot("Statut", langue),
            "libelle": libelles.titre_statut(code, langue),
            "code": code,
            "code_statut": code,
            "sens": sens[code],
        }
        for code in COULEURS_STATUTS
    ]
    lignes += [
        {
            "famille": mot("Raison", langue),
            "libelle": libelles.raison(code, langue),
            "code": code,
            "sens": None,
        }
        for code in libelles.RAISONS
    ]
    return lignes
