"""The store's own sentences (causes of a changed verdict, usage errors), French and English."""

from __future__ import annotations

from cpom_rules.messages import Langue, phrase_de
from cpom_rules.problemes import ErreurUsage, erreur_usage

TEXTES: dict[str, tuple[str, str]] = {
    "base_non_migree": (
        "base non initialisée ou ancienne (révision {actuelle}, attendue {attendue}) : "
        "lancez « cpom-rules base init »",
        "store not initialised or outdated (revision {actuelle}, expected {attendue}): "
        "run 'cpom-rules base init'",
    ),
    "campagne_hors_periode": (
        "campagne {campagne} avant la période {debut}-{fin}",
        "campaign {campagne} before the period {debut}-{fin}",
    ),
    "import_anterieur": (
        "import daté du {le}, avant le dernier import enregistré ({dernier}) : l'historique "
        "s'écrit dans l'ordre du temps",
        "import dated {le}, before the latest recorded import ({dernier}): history is written "
        "in time order",
    ),
    "evaluation_inconnue": (
        "évaluation n°{numero} absente de la base",
        "no evaluation {numero} in the store",
    ),
    "cause_correction": (
        "{variable} {annee} corrigée le {date} par {fichier} {lieu} : {avant} → {apres}",
        "{variable} {annee} corrected on {date} by {fichier} {lieu}: {avant} → {apres}",
    ),
    "cause_ajout": (
        "{variable} {annee} saisie le {date} par {fichier} {lieu} : {apres}",
        "{variable} {annee} entered on {date} by {fichier} {lieu}: {apres}",
    ),
    "lieu_ligne": ("ligne {ligne}", "row {ligne}"),
    "lieu_cellule": ("cellule {cellule}", "cell {cellule}"),
    "cause_contrat": (
        "cible fixée par {apres} (avant : {avant})",
        "target set by {apres} (before: {avant})",
    ),
    "cause_etablissement": (
        "attributs de l'établissement modifiés le {date} par {fichier} ligne {ligne}",
        "establishment attributes changed on {date} by {fichier} row {ligne}",
    ),
    "cause_catalogue": (
        "catalogue modifié (empreinte {avant} → {apres}) ; cible : {cible_avant} → {cible_apres}",
        "catalogue changed (hash {avant} → {apres}); target: {cible_avant} → {cible_apres}",
    ),
    "cause_version": (
        "version de cpom_rules {avant} → {apres}",
        "cpom_rules version {avant} → {apres}",
    ),
    "extension_rapport": (
        "extension « {extension} » inconnue pour le rapport final : .json, .xlsx ou .html",
        "unknown extension '{extension}' for the final report: .json, .xlsx or .html",
    ),
    "cause_inconnue": ("cause non identifiée", "cause not identified"),
    "catalogue_seul": ("le catalogue", "the catalogue"),
}


def texte(cle: str, langue: Langue = "fr", **params: object) -> str:
    """The sentence `cle` in `langue`, filled with `params`."""
    return phrase_de(TEXTES, cle, langue, **params)


def erreur(cle: str, **params: object) -> ErreurUsage:
    """The `ErreurUsage` whose message is sentence `cle`, in both languages."""
    return erreur_usage(TEXTES, cle, **params)
