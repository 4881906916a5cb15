"""The Excel workbook of an evaluation (extra ``excel``: XlsxWriter), one sheet per view.

Sheets: « Résultats » (one row per result, the CSV columns with French headers), « Par
établissement », « Par fiche », « Bilans sur la période », « Problèmes de données »,
« Légende ». Statuses and reasons are words (« Non atteint », « période incomplète »), the
status cells coloured like the HTML report; the codes machines filter on stay in hidden
columns at the right (« statut (code) »…), shown by Excel's « Afficher les colonnes ».

Written by XlsxWriter in constant-memory mode: rows go to disk as they are written, so the
national campaign (465,000 results) is written in seconds and bounded memory (openpyxl's
write-only mode took minutes). openpyxl stays the reader of workbooks elsewhere.

Guarantees: importing this module raises ImportError when XlsxWriter is absent (the CLI turns
it into a hint); every sheet has a bold frozen header row, an auto-filter and column widths;
numbers stay numbers, their separators left to Excel's locale (``12,5 %``, ``1 234`` in
French; the English workbook writes a rate ``12.5%``, without the space before ``%``); texts
are always written as texts (never read as formulas, numbers or links), and go through
`securite.neutraliser`, so a value starting with ``=``, ``+``, ``-`` or ``@`` stays inert
once edited too; control characters Excel refuses are removed rather than failing the export.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

from cpom_rules import libelles
from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.messages import Langue
from cpom_rules.problemes import Niveau, trier
from cpom_rules.render.excel_anglais import ANGLAIS, SENS_STATUTS_EN
from cpom_rules.render.securite import neutraliser
from cpom_rules.render.tableur import lignes_plates

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

_ENTETE = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F3A60"}
_ENTETE |= {"text_wrap": True, "valign": "top"}
# Characters an xlsx file cannot hold (C0 controls but tab, line feed and carriage return).
_ILLEGAUX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Format = Callable[[Any], str | None]


# Status colours of the HTML report (background, text), for the status cells.
COULEURS_STATUTS = {
    "atteint": ("DFF3EA", "0D5C45"),
    "non_atteint": ("FDE7D9", "8F3504"),
    "donnees_manquantes": ("FFF4C2", "6B5200"),
    "non_evaluable": ("ECE6F6", "4B2E83"),
    "non_applicable": ("EEF0F3", "4A5561"),
}
_STYLES_STATUTS = {
    code: {"bg_color": f"#{fond}", "font_color": f"#{texte}", "bold": code == "non_atteint"}
    for code, (fond, texte) in COULEURS_STATUTS.items()
}


class Styles:
    """The workbook's cell formats, each created once (XlsxWriter wants shared objects).

    Excel puts the reader's separators in a number; the literal ``" %"`` after a value in
    percent is the workbook's own, so an English workbook writes it ``"%"`` (``12.5%``).
    """

    def __init__(self, classeur: Any, langue: Langue = "fr") -> None:
        self._classeur = classeur
        self._langue = langue
        self.entete = classeur.add_format(_ENTETE)
        self.statuts = {code: classeur.add_format(s) for code, s in _STYLES_STATUTS.items()}
        self._nombres: dict[str, Any] = {}

    def nombre(self, format_: str) -> Any:
        if format_ not in self._nombres:
            ecrit = format_.replace('" %"', '"%"') if self._langue == "en" else format_
            self._nombres[format_] = self._classeur.add_format({"num_format": ecrit})
        return self._nombres[format_]


@dataclass(frozen=True)
class Colonne:
    """A sheet column: key in the row dicts, French header, number format (None: text).

    `couleur_statut` names the row key holding a status code: the cell takes its colours.
    A `cachee` column holds codes for machines, hidden from the reader.
    """

    cle: str
    entete: str
    format: Format | None = None
    largeur: int | None = None
    couleur_statut: str | None = None
    cachee: bool = False


def colonnes_codes(*cles: str) -> tuple[Colonne, ...]:
    """Hidden columns ``statut (code)``… holding the codes of the rows' `cle`_code keys."""
    return tuple(Colonne(f"{cle}_code", f"{cle} (code)", largeur=16, cachee=True) for cle in cles)


def en_mots(
    ligne: dict[str, Any],
    segments: dict[tuple[str, str], str] | None = None,
    langue: Langue = "fr",
) -> None:
    """Replace the status, reason and segment codes of a row by words, keeping the codes."""
    for cle in ("statut", "raison", "segment"):
        if cle in ligne:
            ligne[f"{cle}_code"] = ligne[cle]
    if ligne.get("statut"):
        ligne["statut"] = libelles.titre_statut(ligne["statut"], langue)
    ligne["raison"] = libelles.raison(ligne.get("raison"), langue)
    if segments is not None and ligne.get("segment"):
        ligne["segment"] = segments.get((ligne["indicateur"], ligne["segment"]), ligne["segment"])


def _fixe(format_: str) -> Format:
    return lambda _ligne: format_


def _selon_unite(taux: str, autre: Callable[[Any], str]) -> Callable[[str], Format]:
    """A format chosen per row: `taux` for a measure in %, else `autre(value)`."""

    def pour(cle: str) -> Format:
        def choisir(ligne: Any) -> str:
            return taux if ligne["unite"] == "%" else autre(ligne[cle])

        return choisir

    return pour


def _nombre(valeur: Any) -> str:
    entier = isinstance(valeur, int) or (isinstance(valeur, float) and valeur.is_integer())
    return FORMAT_ENTIER if entier else FORMAT_DECIMAL


_mesure = _selon_unite(FORMAT_TAUX, _nombre)
_ecart = _selon_unite(FORMAT_POINTS, _nombre)

COLONNES_RESULTATS = (
    Colonne("finess", "FINESS", largeur=11),
    Colonne("raison_sociale", "Raison sociale", largeur=36),
    Colonne("indicateur", "Fiche", largeur=13),
    Colonne("mesure", "Mesure", largeur=22),
    Colonne("annee", "Année", _fixe(FORMAT_ANNEE), 7),
    Colonne("segment", "Segment", largeur=30),
    Colonne("applicable", "Applicable", largeur=10),
    Colonne("statut", "Statut", largeur=18, couleur_statut="statut_code"),
    Colonne("raison", "Raison", largeur=20),
    Colonne("valeur", "Valeur", _mesure("valeur"), 11),
    Colonne("unite", "Unité", largeur=12),
    Colonne("valeur_reference", "Valeur de référence", _mesure("valeur_reference"), 12),
    Colonne("annee_reference", "Année de référence", _fixe(FORMAT_ANNEE), 11),
    Colonne("progression_absolue", "Progression absolue", _ecart("progression_absolue"), 12),
    Colonne("progression_relative", "Progression relative", _fixe(FORMAT_VARIATION), 12),
    Colonne("progression_points", "Progression (points)", _fixe(FORMAT_POINTS), 12),
    Colonne("cible", "Cible (texte de la fiche)", largeur=30),
    Colonne("cible_valeur", "Valeur cible", _mesure("cible_valeur"), 11),
    Colonne("ecart", "Écart à la cible", _ecart("ecart"), 11),
    Colonne("preuves_attendues", "Preuves attendues", largeur=24),
    Colonne("preuves_manquantes", "Preuves manquantes", largeur=24),
    Colonne("explication", "Explication", largeur=LARGEUR_MAX),
    *colonnes_codes("statut", "raison", "segment"),
)


# The same texts (names, codes, statuses, segments) come back on every row: remembered.
@functools.lru_cache(maxsize=1 << 16)
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


def ajouter_feuille(
    classeur: Any,
    styles: Styles,
    titre: str,
    colonnes: Sequence[Colonne],
    lignes: Sequence[dict[str, Any]],
    figees: tuple[int, int] = (1, 0),
    langue: Langue = "fr",
) -> None:
    """One sheet: styled frozen header, typed cells, widths, auto-filter over every row.

    Rows are written in order (constant-memory mode flushes each finished row); the loop is
    the export's hot path at 465,000 rows, hence the plain per-column plan below.
    """
    feuille = classeur.add_worksheet(mot(titre, langue))
    for rang, colonne in enumerate(colonnes):
        options = {"hidden": True} if colonne.cachee else {}
        feuille.set_column(rang, rang, _largeur(colonne, lignes), None, options)
    feuille.freeze_panes(*figees)
    for rang, colonne in enumerate(colonnes):
        feuille.write_string(0, rang, _texte(mot(colonne.entete, langue)), styles.entete)
    plan = [(rang, c.cle, c.format, c.couleur_statut) for rang, c in enumerate(colonnes)]
    ecrire_texte, ecrire_nombre = feuille.write_string, feuille.write_number
    statuts = styles.statuts
    for numero, ligne in enumerate(lignes, start=1):
        for rang, cle, format_, couleur in plan:
            valeur = ligne.get(cle)
            if valeur is None:
                continue
            if isinstance(valeur, bool):
                ecrire_texte(numero, rang, libelles.booleen(valeur, langue))
            elif isinstance(valeur, str):
                style = statuts.get(ligne.get(couleur) or "") if couleur else None
                ecrire_texte(numero, rang, _texte(valeur), style)
            elif isinstance(valeur, int | float):
                choisi = format_(ligne) if format_ else None
                style = styles.nombre(choisi) if choisi else None
                ecrire_nombre(numero, rang, valeur, style)
            else:
                ecrire_texte(numero, rang, _texte(str(valeur)))
    feuille.autofilter(0, 0, len(lignes), len(colonnes) - 1)


def _resultats(resultats: Resultats, langue: Langue) -> list[dict[str, Any]]:
    unites = {
        (code, mesure): modele.unite.strip()
        for code, fiche in resultats.catalogue.fiches.items()
        for mesure, modele in fiche.mesures.items()
    }
    segments = _segments(resultats)
    lignes = []
    for ligne in lignes_plates(resultats):
        ligne["unite"] = unites.get((ligne["indicateur"], ligne["mesure"]), "")
        en_mots(ligne, segments, langue)
        lignes.append(ligne)
    return lignes


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
        Colonne(s, libelles.titre_statut(s, langue), _fixe(FORMAT_ENTIER), 12)
        for s in COULEURS_STATUTS
    ]


def _par_etablissement(
    resultats: Resultats, langue: Langue
) -> tuple[list[Colonne], list[dict[str, Any]]]:
    colonnes = [
        Colonne("finess", "FINESS", largeur=11),
        Colonne("raison_sociale", "Raison sociale", largeur=36),
        *_statuts(langue),
        Colonne("taux", "Taux d'atteinte", _fixe(FORMAT_POURCENTAGE), 12),
        *(
            Colonne(
                f"taux_{a}", mot("Taux d'atteinte", langue) + f" {a}", _fixe(FORMAT_POURCENTAGE), 12
            )
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
        Colonne("annee", "Année", _fixe(FORMAT_ANNEE), 7),
        *_statuts(langue),
        Colonne("taux", "Taux d'atteinte", _fixe(FORMAT_POURCENTAGE), 12),
        *(Colonne(cle, entete, _fixe(f), 11) for cle, entete, f in _DISTRIBUTION),
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
        Colonne("valeur", "Valeur sur la période", _fixe(FORMAT_DECIMAL), 14),
        Colonne("cible_valeur", "Valeur cible", _fixe(FORMAT_DECIMAL), 12),
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
        en_mots(ligne, langue=langue)
        lignes.append(ligne)
    return colonnes, lignes


COLONNES_PROBLEMES = (
    Colonne("niveau", "Niveau", largeur=14),
    Colonne("code", "Code", largeur=24),
    Colonne("fichier", "Source", largeur=24),
    Colonne("lignes", "Lignes sources", largeur=24),
    Colonne("indicateur", "Fiche", largeur=13),
    Colonne("finess", "FINESS", largeur=11),
    Colonne("annee", "Année", _fixe(FORMAT_ANNEE), 7),
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
    # Texts are written as texts: no formula, number or link guessed from a dataset's text.
    options = {"constant_memory": True, "strings_to_formulas": False}
    options |= {"strings_to_numbers": False, "strings_to_urls": False}
    sortie = xlsxwriter.Workbook(str(chemin), options)
    styles = Styles(sortie, langue)
    vues: Iterable[
        tuple[str, Callable[[], tuple[Sequence[Colonne], list[dict[str, Any]]]], tuple[int, int]]
    ] = (
        ("Résultats", lambda: (COLONNES_RESULTATS, _resultats(resultats, langue)), (1, 2)),
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
        del lignes  # the results sheet's rows are the biggest object: freed before the next
    sortie.close()


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
    """Write the workbook to `chemin` (``.xlsx``), in French or English."""
    _ecrire_classeur(resultats, Path(chemin), langue)
