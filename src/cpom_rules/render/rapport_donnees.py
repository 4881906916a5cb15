"""The regional report's data, once, as compact JSON for the page's script to render on demand.

At the national scale (3,000 establishments × 30 fiches × 5 years) a page written cell by
cell weighs 60 MB; the same facts as columns weigh a few: per measure, one character per
(establishment, year) for the status and the reason, one number for the value and one for
the computed target, one character per establishment for its segment. The script of the
page (`rapport.js`) builds the ranking, the filters, the fiche pages and the establishment
pages from it, in the browser, when they are opened.

Guarantees: the JSON is safe inside ``<script type="application/json">`` (``<`` is written
``\\u003c``, so no text of a dataset can close the element); numbers are rounded to six
significant decimals; fiches are in natural order (``CPOM_OS_2`` before ``CPOM_OS_19``).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import numpy as np
from markupsafe import Markup

from cpom_rules import libelles as vocabulaire
from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue
from cpom_rules.render.rapport_anglais import mot

# The attributes offered as filters, when the catalogue declares them (text attributes).
FILTRES = ("departement", "ght", "categorie", "statut")
DECIMALES = 6


def ordre_naturel(code: str) -> tuple[Any, ...]:
    """``CPOM_OS_2`` before ``CPOM_OS_19``: digits compare as numbers."""
    return tuple(int(m) if m.isdigit() else m for m in re.split(r"(\d+)", code))


def _nombres(valeurs: np.ndarray[Any, Any]) -> list[float | int | None]:
    sortie: list[float | int | None] = []
    for x in valeurs.tolist():
        if x is None or (isinstance(x, float) and math.isnan(x)):
            sortie.append(None)
        elif float(x).is_integer():
            sortie.append(int(x))
        else:
            sortie.append(round(float(x), DECIMALES))
    return sortie


def _valeurs(colonne: c.Colonne) -> np.ndarray[Any, Any]:
    if isinstance(colonne, c.Nombres):
        return colonne.flottants()
    if isinstance(colonne, c.Booleens):
        return np.where(colonne.absence == 0, colonne.valeurs.astype(np.float64), np.nan)
    return np.full(colonne.absence.shape, np.nan)


def _caracteres(codes: np.ndarray[Any, Any]) -> str:
    """Small non-negative integers as one character each (``0`` → ``"0"``, 16 → ``"@"``)."""
    return bytes((codes.astype(np.int64).ravel() + 48).astype(np.uint8)).decode("ascii")


def _attribut(resultats: Resultats, nom: str, langue: Langue = "fr") -> list[str] | None:
    colonne = resultats.donnees.attributs.get(nom)
    if not isinstance(colonne, c.Textes):
        return None
    valeurs = np.ravel(colonne.valeurs)
    absence = np.ravel(colonne.absence)
    return [
        "" if absence[e] else vocabulaire.valeur(str(valeurs[e]), langue)
        for e in range(len(valeurs))
    ]


def donnees_rapport(resultats: Resultats, langue: Langue = "fr") -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON-ready values."""
    definition = resultats.catalogue.definition
    filtres = []
    for nom in FILTRES:
        textes = _attribut(resultats, nom, langue)
        if nom in definition.attributs and textes is not None:
            libelle = definition.attributs[nom].libelle
            filtres.append({"nom": nom, "libelle": libelle, "valeurs": textes})
    syntheses = resultats.synthese_etablissements()
    etablissements = [
        [
            s["finess"],
            s["raison_sociale"],
            s["total"]["taux_atteinte"],
            s["total"]["atteint"],
            s["total"]["non_atteint"],
            s["total"]["donnees_manquantes"],
        ]
        for s in syntheses
    ]
    catalogue = resultats.catalogue
    mesures = []
    for bloc in sorted(resultats.blocs, key=lambda b: ordre_naturel(b.fiche.code)):
        code = bloc.fiche.code
        modele = catalogue.fiches[code].mesures[bloc.mesure.code]
        segments_bruts = np.ravel(bloc.affectation.segment).astype(str)
        noms_segments = sorted(set(segments_bruts.tolist()))
        index = {s: i for i, s in enumerate(noms_segments)}
        compiles = catalogue.regles.fiches[code].segments
        valeurs = _valeurs(bloc.valeur)
        cibles = bloc.cible_valeur.flottants()
        quantiles: list[list[float | int | None] | None] = []
        for a in range(len(bloc.annees)):
            connues = valeurs[:, a][~np.isnan(valeurs[:, a])]
            cibles_annee = cibles[:, a][~np.isnan(cibles[:, a])]
            if len(connues):
                q = np.quantile(connues, [0.25, 0.5, 0.75]).tolist()
                mediane_cible = float(np.median(cibles_annee)) if len(cibles_annee) else None
                quantiles.append(_nombres(np.array([len(connues), *q, mediane_cible], dtype=float)))
            else:
                quantiles.append(None)
        mesures.append(
            {
                "f": code,
                "i": catalogue.fiches[code].intitule,
                "m": bloc.mesure.code,
                "l": modele.libelle,
                "u": modele.unite.strip(),
                "a": list(bloc.annees),
                "sl": [
                    compiles[s].libelle if s in compiles else mot("hors segment", langue)
                    for s in noms_segments
                ],
                "g": "".join(chr(48 + index[s]) for s in segments_bruts.tolist()),
                "s": _caracteres(bloc.statut),
                "r": _caracteres(bloc.raison),
                "v": _nombres(valeurs.ravel()),
                "c": _nombres(cibles.ravel()),
                "q": quantiles,
            }
        )
    return {
        "annees": list(resultats.annees),
        "statuts": {
            str(int(s)): [s.texte, vocabulaire.titre_statut(s.texte, langue)] for s in Statut
        },
        "raisons": {str(int(r)): vocabulaire.raison(r.texte, langue) for r in Raison if r.texte},
        "langue": langue,
        "filtres": filtres,
        "etablissements": etablissements,
        "mesures": mesures,
    }


def json_dans_la_page(donnees: dict[str, Any]) -> Markup:
    """`donnees` as JSON that no dataset text can break out of (``<`` escaped)."""
    texte = json.dumps(donnees, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(
        texte.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
