"""The Excel workbook of an evaluation, one sheet per view.

Sheets: « Résultats » (one row per result, the CSV columns with French headers), « Par
établissement », « Par fiche », « Bilans sur la période », « Problèmes de données »,
« Légende ». Statuses and reasons are words (« Non atteint », « période incomplète »), the
status cells coloured like the HTML report; the codes machines filter on stay in hidden
columns at the right (« statut (code) »…), shown by Excel's « Afficher les colonnes ».

Written by `render.classeur`, a streaming writer with no dependency: the results sheet is
made one evaluated measure at a time (`tableur.colonnes_plates_par_bloc`), column by column,
so the national campaign (465,000 results, ~9 million cells) is written in seconds and
bounded memory; the file is renamed into place only once complete.

Guarantees: every sheet has a bold frozen header row, an auto-filter and column widths;
numbers stay numbers, with French-looking formats (``12,5 %``, ``1 234``) left to Excel's
locale; texts are always written as texts (never read as formulas, numbers or links), and go
through `securite.neutraliser`, so a value starting with ``=``, ``+``, ``-`` or ``@`` stays
inert once edited too; control characters Excel refuses are removed rather than failing the
export.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cpom_rules import libelles
from cpom_rules.evaluation.format import nombre_fr
from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.fichiers import ecrire_atomique
from cpom_rules.messages import Langue, phrase_de
from cpom_rules.problemes import ErreurUsage, Niveau, trier
from cpom_rules.render import classeur
from cpom_rules.render.classeur import Cellules, Classeur, Style
from cpom_rules.render.excel_anglais import ANGLAIS, SENS_STATUTS_EN, TEXTES
from cpom_rules.render.securite import neutraliser
from cpom_rules.render.tableur import colonnes_plates_par_bloc

# Excel number formats (the separators follow the reader's locale: ``1 234,5`` in French).
FORMAT_TAUX = '0.0" %"'  # a value already in percent: 12.5 → 12,5 %
FORMAT_POURCENTAGE = "0.0%"  # a fraction shown as percent: 0.125 → 12,5 %
FORMAT_POINTS = '+0.0" pt";-0.0" pt";0" pt"'
FORMAT_VARIATION = '+0.0" %";-0.0" %";0" %"'
FORMAT_ENTIER = "#,##0"
FORMAT_DECIMAL = "#,##0.00"
FORMAT_ANNEE = "0"
LARGEUR_MAX = 60
LIGNES_MESUREES = 300  # rows looked at to size a column

_ENTETE = Style(
    gras=True, couleur_texte="FFFFFF", couleur_fond="1F3A60", retour_ligne=True, en_haut=True
)
# Characters an xlsx file cannot hold (C0 controls but tab, line feed and carriage return).
_ILLEGAUX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
LIGNES_PAR_BLOC = 20_000  # rows of a dict-built sheet turned into cells at once

# Status colours of the HTML report (background, text), for the status cells.
COULEURS_STATUTS = {
    "atteint": ("DFF3EA", "0D5C45"),
    "non_atteint": ("FDE7D9", "8F3504"),
    "donnees_manquantes": ("FFF4C2", "6B5200"),
    "non_evaluable": ("ECE6F6", "4B2E83"),
    "non_applicable": ("EEF0F3", "4A5561"),
}


class Styles:
    """The workbook's cell styles, by use, each declared once to the writer."""

    def __init__(self, sortie: Classeur) -> None:
        self._sortie = sortie
        self.entete = sortie.style(_ENTETE)
        self.statuts = {
            code: sortie.style(
                Style(gras=code == "non_atteint", couleur_texte=texte, couleur_fond=fond)
            )
            for code, (fond, texte) in COULEURS_STATUTS.items()
        }
        self._nombres: dict[str | None, int] = {None: 0}

    def nombre(self, format_: str | None) -> int:
        if format_ not in self._nombres:
            self._nombres[format_] = self._sortie.style(Style(format_nombre=format_))
        return self._nombres[format_]


@dataclass(frozen=True)
class Colonne:
    """A sheet column: key in the row dicts, French header, number format (None: text).

    `format` is one number format, or one chosen per cell by the unit. `couleur_statut` names the row key holding a status code: the cell takes its colours.
    A `cachee` column holds codes for machines, hidden from the reader.
    """

    cle: str
    entete: str
    format: str | SelonUnite | None = None
    largeur: int | None = None
    couleur_statut: str | None = None
    cachee: bool = False


def colonnes_codes(*cles: str) -> tuple[Colonne, ...]:
    """Hidden columns ``statut (code)``… holding the codes of the rows' `cle`_code keys."""
    return tuple(Colonne(f"{cle}_code", f"{cle} (code)", largeur=16, cachee=True) for cle in cles)


def en_mots(ligne: dict[str, Any], langue: Langue = "fr") -> None:
    """Replace the status and reason codes of a row by words, keeping the codes."""
    for cle in ("statut", "raison"):
        if cle in ligne:
            ligne[f"{cle}_code"] = ligne[cle]
    if ligne.get("statut"):
        ligne["statut"] = libelles.titre_statut(ligne["statut"], langue)
    ligne["raison"] = libelles.raison(ligne.get("raison"), langue)


@dataclass(frozen=True)
class SelonUnite:
    """A number format chosen per cell: `taux` for a measure in %, else whole numbers
    without decimals and others with two."""

    taux: str

    def styles(
        self, valeurs: Sequence[Any], unites: Sequence[str] | str, styles: Styles
    ) -> list[int] | int:
        """The style of each cell (one for all when every row is in %)."""
        taux, entier, decimal = (
            styles.nombre(f) for f in (self.taux, FORMAT_ENTIER, FORMAT_DECIMAL)
        )
        if unites == "%":
            return taux
        if isinstance(unites, str):
            return [_entier_ou_decimal(v, entier, decimal) for v in valeurs]

        def style(valeur: Any, unite: str) -> int:
            genre = _entier_ou_decimal(valeur, entier, decimal)
            return taux if genre and unite == "%" else genre

        return [style(v, u) for v, u in zip(valeurs, unites, strict=True)]


def _entier_ou_decimal(valeur: Any, entier: int, decimal: int) -> int:
    """`entier` for a whole number, `decimal` for another, 0 for what is not a number."""
    if type(valeur) is float or isinstance(valeur, np.floating):
        return entier if float(valeur).is_integer() else decimal
    if isinstance(valeur, int | np.integer) and not isinstance(valeur, bool):
        return entier
    return 0


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


def _texte(valeur: str) -> str:
    """A text Excel will store as text and never run."""
    return str(neutraliser(_ILLEGAUX.sub("", valeur)))


def _largeur(colonne: Colonne, lignes: Sequence[dict[str, Any]]) -> int:
    if colonne.largeur is not None:
        return colonne.largeur
    echantillon = (len(str(r.get(colonne.cle) or "")) for r in lignes[:LIGNES_MESUREES])
    return max(8, min(LARGEUR_MAX, max([len(colonne.entete), *echantillon]) + 2))


def mot(texte: str, langue: Langue) -> str:
    """A sheet name or header in `langue` (the French one is the key)."""
    return texte if langue == "fr" else ANGLAIS.get(texte, texte)


Bloc = tuple[list[Sequence[Any]], Sequence[str] | str, dict[str, Sequence[Any]]]
"""Some rows of a sheet: the values of each column, the unit of each row (or one for all),
and the status code of each row under the keys the status-coloured columns name."""


def ajouter_feuille(
    sortie: Classeur,
    styles: Styles,
    titre: str,
    colonnes: Sequence[Colonne],
    lignes: Sequence[dict[str, Any]],
    figees: tuple[int, int] = (1, 0),
    langue: Langue = "fr",
) -> None:
    """One sheet of row dicts: styled frozen header, typed cells, widths, auto-filter."""
    ecrire_feuille(
        sortie,
        styles,
        titre,
        colonnes,
        len(lignes),
        _blocs_de_lignes(colonnes, lignes),
        figees,
        langue,
        [_largeur(c, lignes) for c in colonnes],
    )


def _blocs_de_lignes(
    colonnes: Sequence[Colonne], lignes: Sequence[dict[str, Any]]
) -> Iterator[Bloc]:
    couleurs = {c.couleur_statut for c in colonnes if c.couleur_statut}
    for debut in range(0, len(lignes), LIGNES_PAR_BLOC):
        morceau = lignes[debut : debut + LIGNES_PAR_BLOC]
        yield (
            [[_simple(ligne.get(c.cle)) for ligne in morceau] for c in colonnes],
            [ligne.get("unite") or "" for ligne in morceau],
            {cle: [ligne.get(cle) for ligne in morceau] for cle in couleurs},
        )


def _simple(valeur: Any) -> Any:
    """A value the writer takes: texts, booleans and numbers as they are, others as text."""
    if valeur is None or isinstance(valeur, str | bool | int | float | np.number):
        return valeur
    return str(valeur)


def ecrire_feuille(
    sortie: Classeur,
    styles: Styles,
    titre: str,
    colonnes: Sequence[Colonne],
    nombre_lignes: int,
    blocs: Iterable[Bloc],
    figees: tuple[int, int],
    langue: Langue,
    largeurs: Sequence[int] | None = None,
) -> None:
    """A sheet of `nombre_lignes` rows given block by block, column by column."""
    disposition = [
        classeur.Colonne(largeur, c.cachee)
        for c, largeur in zip(
            colonnes, largeurs or [c.largeur or 12 for c in colonnes], strict=True
        )
    ]
    with sortie.feuille(mot(titre, langue), disposition, nombre_lignes + 1, figees) as feuille:
        entetes = [([mot(c.entete, langue)], styles.entete) for c in colonnes]
        feuille.ecrire(entetes)
        for valeurs, unites, statuts in blocs:
            feuille.ecrire(
                [
                    _cellules(c, v, unites, statuts.get(c.couleur_statut or ""), styles)
                    for c, v in zip(colonnes, valeurs, strict=True)
                ]
            )


def _cellules(
    colonne: Colonne,
    valeurs: Sequence[Any],
    unites: Sequence[str] | str,
    statuts: Sequence[Any] | None,
    styles: Styles,
) -> Cellules:
    """The cells of one column: its values (texts, booleans and numbers are written by the
    writer) with the column's number format or status colours."""
    format_ = colonne.format
    if statuts is not None:
        couleurs = styles.statuts
        return valeurs, [couleurs.get(s, 0) if s else 0 for s in statuts]
    if isinstance(format_, SelonUnite):
        return valeurs, format_.styles(valeurs, unites, styles)
    return valeurs, styles.nombre(format_)


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
    for plates in colonnes_plates_par_bloc(resultats):
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


def _taux(valeur: float | None) -> float | None:
    """A rate in percent (66.7) as the fraction Excel's percent format expects (0.667)."""
    return None if valeur is None else round(valeur / 100, 4)


def _statuts(langue: Langue) -> list[Colonne]:
    """One count column per status, headed by the status in words."""
    return [
        Colonne(s, libelles.titre_statut(s, langue), FORMAT_ENTIER, 12) for s in COULEURS_STATUTS
    ]


def _par_etablissement(
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


def _par_fiche(resultats: Resultats, langue: Langue) -> tuple[list[Colonne], list[dict[str, Any]]]:
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


def _bilans(resultats: Resultats, langue: Langue) -> tuple[list[Colonne], list[dict[str, Any]]]:
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


def _problemes(resultats: Resultats, langue: Langue) -> list[dict[str, Any]]:
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


def _ecrire_classeur(resultats: Resultats, chemin: Path, langue: Langue) -> None:
    """The workbook written to `chemin`, sheet by sheet (each view built when its turn comes).

    In English (`langue` ``en``) sheet names, headers, statuses, reasons, problem messages
    and the key are English; texts of the catalogue (labels, printed targets) and the
    explanations stay as written.
    """
    # Each distinct text is made inert once, when the writer stores it.
    booleens = (libelles.booleen(True, langue), libelles.booleen(False, langue))
    with Classeur(str(chemin), _texte, booleens) as sortie:
        styles = Styles(sortie)
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
            ("Par établissement", lambda: _par_etablissement(resultats, langue), (1, 2)),
            ("Par fiche", lambda: _par_fiche(resultats, langue), (1, 0)),
            ("Bilans sur la période", lambda: _bilans(resultats, langue), (1, 2)),
            (
                "Problèmes de données",
                lambda: (COLONNES_PROBLEMES, _problemes(resultats, langue)),
                (1, 0),
            ),
            ("Légende", lambda: (COLONNES_LEGENDE, _legende(langue)), (1, 0)),
        )
        for titre, vue, figees in vues:
            colonnes, lignes = vue()
            ajouter_feuille(sortie, styles, titre, colonnes, lignes, figees, langue)


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


def _legende(langue: Langue) -> list[dict[str, Any]]:
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
