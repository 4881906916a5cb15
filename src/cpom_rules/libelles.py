"""Words for the codes a reader meets: statuses, reasons, problem levels, attribute values.

Outputs for machines (JSON, CSV, the code columns of Excel) keep the codes; every
human-facing output (HTML, dossier, Excel labels, console) shows these words, in French or
English, with the right plural. One table per family, looked up by code, so the two
languages stay in step (a test checks that every status and reason has its words).
"""

from __future__ import annotations

from collections.abc import Callable

from cpom_rules.messages import Langue

# code -> (fr singular, fr plural, en singular, en plural)
STATUTS: dict[str, tuple[str, str, str, str]] = {
    "atteint": ("atteint", "atteints", "met", "met"),
    "non_atteint": ("non atteint", "non atteints", "not met", "not met"),
    "donnees_manquantes": (
        "donnée manquante",
        "données manquantes",
        "missing data",
        "missing data",
    ),
    "non_evaluable": ("non évaluable", "non évaluables", "not assessable", "not assessable"),
    "non_applicable": ("non applicable", "non applicables", "not applicable", "not applicable"),
}

BILAN = ("bilan", "period total")

# The status as a heading or a cell (« Données manquantes », not « Donnée manquante »).
TITRES_STATUTS: dict[str, tuple[str, str]] = {
    "atteint": ("Atteint", "Met"),
    "non_atteint": ("Non atteint", "Not met"),
    "donnees_manquantes": ("Données manquantes", "Missing data"),
    "non_evaluable": ("Non évaluable", "Not assessable"),
    "non_applicable": ("Non applicable", "Not applicable"),
}

RAISONS: dict[str, tuple[str, str]] = {
    "hors_perimetre": ("hors périmètre", "out of scope"),
    "sans_objet": ("sans objet", "not relevant"),
    "pas_de_cible": ("pas de cible cette année", "no target this year"),
    "avant_echeance": ("avant l'échéance", "before the deadline"),
    "perimetre_indetermine": ("périmètre indéterminé", "scope undetermined"),
    "segment_indetermine": ("segment indéterminé", "segment undetermined"),
    "valeur_manquante": ("valeur manquante", "missing value"),
    "reference_absente": ("référence absente", "missing reference"),
    "denominateur_nul": ("dénominateur nul", "zero denominator"),
    "donnee_invalide": ("donnée invalide", "invalid data"),
    "depassement_capacite": ("dépassement de capacité", "overflow"),
    "cible_choisie_absente": ("cible choisie absente", "chosen target missing"),
    "preuves_manquantes": ("preuves manquantes", "missing evidence"),
    "reference_nulle": ("référence nulle", "zero reference"),
    "cible_incompatible": ("cible incompatible", "incompatible target"),
    "periode_incomplete": ("période incomplète", "period not over"),
}

NIVEAUX: dict[str, tuple[str, str, str, str]] = {
    "erreur": ("erreur", "erreurs", "error", "errors"),
    "avertissement": ("avertissement", "avertissements", "warning", "warnings"),
}

# Words of attribute values written as codes (``prive_lucratif``): the accents they lost.
MOTS: dict[str, tuple[str, str]] = {
    "prive": ("privé", "private"),
    "public": ("public", "public"),
    "lucratif": ("lucratif", "for-profit"),
    "non": ("non", "not"),
    "oui": ("oui", "yes"),
    "clinique": ("clinique", "clinic"),
    "psychiatrie": ("psychiatrie", "psychiatry"),
    "chirurgie": ("chirurgie", "surgery"),
    "urgences": ("urgences", "emergency"),
    "imagerie": ("imagerie", "imaging"),
    "biologie": ("biologie", "laboratory"),
    "pharmacie": ("pharmacie", "pharmacy"),
    "mammographie": ("mammographie", "mammography"),
    # Words of attribute names (``engage_sante_environnementale``), for short labels.
    "engage": ("engagé", "committed"),
    "sante": ("santé", "health"),
    "environnementale": ("environnementale", "environmental"),
    "produits": ("produits", "products"),
    "ecoresponsables": ("écoresponsables", "eco-responsible"),
    "communication": ("communication", "communication"),
    "rh": ("RH", "HR"),
    "categorie": ("catégorie", "category"),
    "departement": ("département", "département"),
    "ght": ("GHT", "GHT"),
    "activites": ("activités", "activities"),
    "lits": ("lits", "beds"),
    "statut": ("statut", "legal status"),
}


def statut(
    code: str,
    langue: Langue = "fr",
    nombre: int | None = None,
    ecrire: Callable[[int], str] = str,
) -> str:
    """« atteint », « 3 non atteints », « 1 donnée manquante » (the count written by
    `ecrire`, e.g. with a thin space for thousands); the code itself if unknown."""
    formes = STATUTS.get(code)
    if formes is None:
        return code if nombre is None else f"{ecrire(nombre)} {code}"
    singulier, pluriel = formes[:2] if langue == "fr" else formes[2:]
    if nombre is None:
        return singulier
    return f"{ecrire(nombre)} {singulier if abs(nombre) <= 1 else pluriel}"


def titre_statut(code: str, langue: Langue = "fr") -> str:
    """« Données manquantes », « Not met »: a status as a heading or a table cell."""
    formes = TITRES_STATUTS.get(code)
    return code if formes is None else formes[0 if langue == "fr" else 1]


def raison(code: str | None, langue: Langue = "fr") -> str | None:
    """« période incomplète » for ``periode_incomplete``; None for no reason."""
    if not code:
        return None
    formes = RAISONS.get(code)
    return code.replace("_", " ") if formes is None else formes[0 if langue == "fr" else 1]


def niveau(code: str, langue: Langue = "fr", nombre: int | None = None) -> str:
    """« erreur », « 2 avertissements », « 1 error »."""
    singulier, pluriel = NIVEAUX[code][:2] if langue == "fr" else NIVEAUX[code][2:]
    if nombre is None:
        return singulier
    return f"{nombre} {singulier if abs(nombre) <= 1 else pluriel}"


def pluriel(nombre: int, singulier: str, forme_plurielle: str | None = None) -> str:
    """« 1 établissement », « 3 établissements » (French and English plurals alike)."""
    mot = singulier if abs(nombre) <= 1 else (forme_plurielle or f"{singulier}s")
    return f"{nombre} {mot}"


def valeur(code: str, langue: Langue = "fr") -> str:
    """An attribute value for a reader: ``prive_lucratif`` → « privé lucratif »; other texts
    are returned as they are (a name, a département, ``CHU``)."""
    if "_" not in code and code not in MOTS:
        return code
    return " ".join(
        MOTS[mot][0 if langue == "fr" else 1] if mot in MOTS else mot for mot in code.split("_")
    )


def nom_attribut(code: str, langue: Langue = "fr") -> str:
    """A short label for an attribute code: ``engage_sante_environnementale`` → « engagé
    santé environnementale » (the catalogue's long label is given once elsewhere)."""
    return " ".join(
        MOTS[mot][0 if langue == "fr" else 1] if mot in MOTS else mot for mot in code.split("_")
    )


def booleen(valeur_: bool | None, langue: Langue = "fr") -> str:
    """« oui » / « non » (« yes » / « no »), « — » when unknown."""
    if valeur_ is None:
        return "—"
    if langue == "fr":
        return "oui" if valeur_ else "non"
    return "yes" if valeur_ else "no"


def difference(
    mesure: str, annee: int | None, avant: str, apres: str, langue: Langue = "fr"
) -> str:
    """« 2026 taux_formes : Atteint → Non atteint » (« bilan … » for the period's bilan): a
    verdict an alternative reading changes."""
    ou = f"{annee if annee is not None else BILAN[0 if langue == 'fr' else 1]} {mesure}"
    fleche = f"{titre_statut(avant, langue)} → {titre_statut(apres, langue)}"
    return f"{ou} : {fleche}" if langue == "fr" else f"{ou}: {fleche}"
