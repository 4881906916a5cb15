"""Write one collection workbook with openpyxl (see `cpom_rules.sources.formulaire`)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cpom_rules.fichiers import ecrire_atomique
from cpom_rules.sources.formulaire import (
    COLONNE_COMMENTAIRE,
    COLONNE_SAISIE,
    ENTETES,
    FEUILLE_CLES,
    FEUILLE_SAISIE,
    LIGNE_ENTETE,
    VERSION,
    Formulaire,
    Ligne,
)

_SAISIE = PatternFill("solid", fgColor="FFF2CC")
_TITRE = Font(bold=True, size=13)
_GRAS = Font(bold=True)
_LIBRE = Protection(locked=False)


def _texte(feuille: Worksheet, ligne: int, colonne: int, valeur: str) -> Cell:
    """A text cell, stored as text even when it starts with ``=`` (never a formula); control
    characters, which a workbook cannot hold, are removed."""
    cellule: Cell = feuille.cell(ligne, colonne, ILLEGAL_CHARACTERS_RE.sub("", valeur))
    cellule.data_type = "s"
    return cellule


def _validations(feuille: Worksheet) -> dict[str, DataValidation]:
    def regle(type_: str, **options: str) -> DataValidation:
        validation = DataValidation(type=type_, allow_blank=True, showErrorMessage=True, **options)
        validation.errorTitle = "Saisie refusée"
        feuille.add_data_validation(validation)
        return validation

    nombre = regle("decimal", operator="greaterThanOrEqual", formula1="0")
    nombre.error = "Un nombre positif ou nul est attendu."
    taux = regle("decimal", operator="between", formula1="0", formula2="100")
    taux.error = "Un taux entre 0 et 100 est attendu (12,5 pour 12,5 %)."
    oui_non = regle("list", formula1='"oui,non"')
    oui_non.error = "Répondez oui ou non."
    date = regle("date", operator="greaterThan", formula1="1")
    date.error = "Une date est attendue (JJ/MM/AAAA)."
    return {"nombre": nombre, "taux": taux, "booleen": oui_non, "jalon": oui_non, "date": date}


def write_formulaire(formulaire: Formulaire, chemin: Path) -> Path:
    """Write the workbook of one establishment."""
    classeur = Workbook()
    feuille = classeur.active
    assert feuille is not None  # a new workbook has one sheet
    feuille.title = FEUILLE_SAISIE
    annee = formulaire.annee
    titre = f"Recueil CPOM {annee} — {formulaire.raison_sociale} ({formulaire.finess})"
    _texte(feuille, 1, 2, titre).font = _TITRE
    feuille["B2"] = (
        "Saisissez les cellules jaunes (colonne G, et le commentaire en H) ; une valeur "
        "inconnue se laisse vide ou s'écrit ND. Renvoyez le fichier sans en changer le nom."
    )
    for colonne, titre in enumerate(ENTETES, start=1):
        cellule = feuille.cell(
            LIGNE_ENTETE, colonne, titre.format(annee=annee, precedente=annee - 1)
        )
        cellule.font = _GRAS
    validations = _validations(feuille)
    cles = classeur.create_sheet(FEUILLE_CLES)
    cles.append(["version", VERSION])
    cles.append(["finess", formulaire.finess])
    cles.append(["annee", annee])
    cles.append(["feuille", FEUILLE_SAISIE])
    cles.append(["clé", "cellule", "type"])
    for numero, ligne in enumerate(formulaire.lignes, start=LIGNE_ENTETE + 1):
        _ecrire_ligne(feuille, numero, ligne, validations)
        if ligne.genre in ("variable", "preuve"):
            cles.append([ligne.cle, f"G{numero}", ligne.type])
        elif ligne.genre == "fiche":
            cles.append([f"commentaire|{ligne.indicateur}|", f"H{numero}", "texte"])
    for lettre, largeur in zip("ABCDEFGH", (4, 13, 70, 14, 14, 16, 16, 40), strict=True):
        feuille.column_dimensions[lettre].width = largeur
    feuille.column_dimensions["A"].hidden = True
    feuille.freeze_panes = f"A{LIGNE_ENTETE + 1}"
    feuille.protection.sheet = True  # structure protected; input cells are unlocked
    feuille.protection.formatColumns = False
    cles.sheet_state = "veryHidden"
    classeur.security.lockStructure = True
    with ecrire_atomique(chemin) as temporaire:
        classeur.save(temporaire)
    return chemin


def _ecrire_ligne(
    feuille: Worksheet, numero: int, ligne: Ligne, validations: dict[str, DataValidation]
) -> None:
    feuille.cell(numero, 1, ligne.cle)
    feuille.cell(numero, 2, ligne.indicateur)
    libelle = _texte(feuille, numero, 3, ligne.libelle)
    libelle.alignment = Alignment(wrap_text=True, vertical="top")
    if ligne.genre == "fiche":
        libelle.font = _GRAS
        commentaire = feuille.cell(numero, COLONNE_COMMENTAIRE)
        commentaire.protection, commentaire.fill = _LIBRE, _SAISIE
        return
    _texte(feuille, numero, 4, ligne.unite)
    if ligne.precedente:
        _texte(feuille, numero, 5, ligne.precedente)
    if ligne.cible:
        _texte(feuille, numero, 6, ligne.cible)
    if ligne.genre in ("variable", "preuve"):
        saisie = feuille.cell(numero, COLONNE_SAISIE)
        saisie.protection, saisie.fill = _LIBRE, _SAISIE
        validation = validations.get(ligne.type)
        if validation is not None:
            validation.add(saisie)


def write_formulaires(formulaires: Sequence[Formulaire], dossier: str | Path) -> list[Path]:
    """Write one workbook per form into `dossier` (``FINESS.xlsx``)."""
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    chemins = [write_formulaire(f, dossier / f"{f.finess}.xlsx") for f in formulaires]
    with (
        ecrire_atomique(dossier / "formulaires.csv") as temporaire,
        temporaire.open("w", encoding="utf-8", newline="") as flux,
    ):
        ecrivain = csv.writer(flux, delimiter=";")
        ecrivain.writerow(["finess", "raison_sociale", "annee", "fichier", "saisies_attendues"])
        for f, chemin in zip(formulaires, chemins, strict=True):
            attendues = sum(ligne.genre in ("variable", "preuve") for ligne in f.lignes)
            ecrivain.writerow([f.finess, f.raison_sociale, f.annee, chemin.name, attendues])
    return chemins
