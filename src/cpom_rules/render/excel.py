"""The Excel workbook of an evaluation, one sheet per view.

Sheets: « Résultats » (one row per result, the CSV columns with French headers), « Par
établissement », « Par fiche », « Bilans sur la période », « Problèmes de données »,
« Légende ». Statuses and reasons are words (« Non atteint », « période incomplète »), the
status cells coloured like the HTML report; the codes machines filter on stay in hidden
columns at the right (« statut (code) »…), shown by Excel's « Afficher les colonnes ».

Written by `render.classeur`, a streaming writer with no dependency: the results sheet is
made one evaluated measure at a time (`tableur.colonnes_plates_par_bloc`), column by column,
so the national campaign (465,000 results, ~9 million cells) is written in seconds and
bounded memory; the file is renamed into place only once complete. `excel_feuille` lays out
a sheet (and says what every sheet guarantees), `excel_vues` builds the summary sheets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from numpy.typing import NDArray

from cpom_rules import libelles
from cpom_rules.evaluation.format import nombre_fr
from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.fichiers import ecrire_atomique
from cpom_rules.messages import Langue, phrase_de
from cpom_rules.problemes import ErreurUsage
from cpom_rules.render import classeur, excel_vues
from cpom_rules.render.classeur import Classeur
from cpom_rules.render.excel_anglais import TEXTES
from cpom_rules.render.excel_feuille import (
    COULEURS_STATUTS,
    FORMAT_ANNEE,
    FORMAT_POINTS,
    FORMAT_TAUX,
    FORMAT_VARIATION,
    LARGEUR_MAX,
    Bloc,
    Colonne,
    SelonUnite,
    Styles,
    ajouter_feuille,
    colonnes_codes,
    ecrire_feuille,
    texte,
)
from cpom_rules.render.tableur import colonnes_plates_par_bloc

_mesure = SelonUnite(FORMAT_TAUX)
_ecart = SelonUnite(FORMAT_POINTS)

COLONNES_RESULTATS = (
    Colonne("finess", "FINESS", largeur=11),
    Colonne("raison_sociale", "Raison sociale", largeur=36),
    Colonne("indicateur", "Fiche", largeur=13),
    Colonne("mesure", "Mesure", largeur=22),
    Colonne("annee", "Année", FORMAT_ANNEE, 7),
    Colonne("segment", "Segment", largeur=30),
    Colonne("applicable", "Applicable", largeur=10),
    Colonne("statut", "Statut", largeur=18, couleur_statut="statut_code"),
    Colonne("raison", "Raison", largeur=20),
    Colonne("valeur", "Valeur", _mesure, 11),
    Colonne("unite", "Unité", largeur=12),
    Colonne("valeur_reference", "Valeur de référence", _mesure, 12),
    Colonne("annee_reference", "Année de référence", FORMAT_ANNEE, 11),
    Colonne("progression_absolue", "Progression absolue", _ecart, 12),
    Colonne("progression_relative", "Progression relative", FORMAT_VARIATION, 12),
    Colonne("progression_points", "Progression (points)", FORMAT_POINTS, 12),
    Colonne("cible", "Cible (texte de la fiche)", largeur=30),
    Colonne("cible_valeur", "Valeur cible", _mesure, 11),
    Colonne("ecart", "Écart à la cible", _ecart, 11),
    Colonne("preuves_attendues", "Preuves attendues", largeur=24),
    Colonne("preuves_manquantes", "Preuves manquantes", largeur=24),
    Colonne("explication", "Explication", largeur=LARGEUR_MAX),
    *colonnes_codes("statut", "raison", "segment"),
)


def _resultats(resultats: Resultats, langue: Langue) -> Iterator[Bloc]:
    """The rows of the results sheet, one evaluated measure at a time: codes kept for the
    hidden columns, words (statuses, reasons, segment labels) shown."""
    unites = {
        (code, mesure): modele.unite.strip()
        for code, fiche in resultats.catalogue.fiches.items()
        for mesure, modele in fiche.mesures.items()
    }
    segments = _segments(resultats)
    statuts = {code: libelles.titre_statut(code, langue) for code in COULEURS_STATUTS}
    raisons: dict[Any, str | None] = {}
    for plates in colonnes_plates_par_bloc(resultats, langue=langue):
        colonnes: dict[str, NDArray[Any] | list[Any]] = dict(plates)
        if not len(colonnes["finess"]):
            continue
        indicateur, mesure = colonnes["indicateur"][0], colonnes["mesure"][0]
        unite = unites.get((indicateur, mesure), "")
        colonnes["unite"] = [unite] * len(colonnes["finess"])
        for cle in ("statut", "raison", "segment"):
            colonnes[f"{cle}_code"] = plates[cle]
        colonnes["statut"] = [statuts.get(s, s) if s else s for s in plates["statut"].tolist()]
        colonnes["raison"] = [
            raisons[r] if r in raisons else raisons.setdefault(r, libelles.raison(r, langue))
            for r in plates["raison"].tolist()
        ]
        colonnes["segment"] = [
            segments.get((indicateur, s), s) if s else s for s in plates["segment"].tolist()
        ]
        yield (
            [_liste(colonnes[c.cle]) for c in COLONNES_RESULTATS],
            unite,
            {"statut_code": plates["statut"].tolist()},
        )


def _liste(valeurs: NDArray[Any] | list[Any]) -> list[Any]:
    return valeurs if isinstance(valeurs, list) else valeurs.tolist()


def _segments(resultats: Resultats) -> dict[tuple[str, str], str]:
    """The label of each (fiche, segment code)."""
    return {
        (code, segment): compile_.libelle
        for code, fiche in resultats.catalogue.regles.fiches.items()
        for segment, compile_ in fiche.segments.items()
    }


def _ecrire_classeur(resultats: Resultats, chemin: Path, langue: Langue) -> None:
    """The workbook written to `chemin`, sheet by sheet (each view built when its turn comes).

    In English (`langue` ``en``) sheet names, headers, statuses, reasons, problem messages,
    explanations and the key are English; texts of the catalogue (labels, printed targets)
    stay as written.
    """
    # Each distinct text is made inert once, when the writer stores it.
    booleens = (libelles.booleen(True, langue), libelles.booleen(False, langue))
    with Classeur(str(chemin), texte, booleens) as sortie:
        styles = Styles(sortie, langue)
        ecrire_feuille(
            sortie,
            styles,
            "Résultats",
            COLONNES_RESULTATS,
            len(resultats),
            _resultats(resultats, langue),
            (1, 2),
            langue,
        )
        vues: Iterable[
            tuple[
                str, Callable[[], tuple[Sequence[Colonne], list[dict[str, Any]]]], tuple[int, int]
            ]
        ] = (
            ("Par établissement", lambda: excel_vues.par_etablissement(resultats, langue), (1, 2)),
            ("Par fiche", lambda: excel_vues.par_fiche(resultats, langue), (1, 0)),
            ("Bilans sur la période", lambda: excel_vues.bilans(resultats, langue), (1, 2)),
            (
                "Problèmes de données",
                lambda: (excel_vues.COLONNES_PROBLEMES, excel_vues.problemes(resultats, langue)),
                (1, 0),
            ),
            ("Légende", lambda: (excel_vues.COLONNES_LEGENDE, excel_vues.legende(langue)), (1, 0)),
        )
        for titre, vue, figees in vues:
            colonnes, lignes = vue()
            ajouter_feuille(sortie, styles, titre, colonnes, lignes, figees, langue)


def write_excel(resultats: Resultats, chemin: Path, langue: Langue = "fr") -> None:
    """Write the workbook to `chemin` (``.xlsx``), in French or English (atomically: an
    interruption leaves any previous file untouched); `ErreurUsage` when the results do not
    fit in one sheet."""
    maximum = classeur.LIGNES_MAX - 1  # under the header row
    if len(resultats) > maximum:  # refused before any file is made
        raise ErreurUsage(
            phrase_de(
                TEXTES,
                "trop_de_lignes",
                langue,
                nombre=nombre_fr(len(resultats)),
                maximum=nombre_fr(maximum),
            )
        )
    with ecrire_atomique(Path(chemin)) as temporaire:
        _ecrire_classeur(resultats, temporaire, langue)
