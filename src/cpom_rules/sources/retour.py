"""Read returned collection workbooks back into the long table, and say who returned what.

A workbook is read by the keys of its hidden column A (see `cpom_rules.sources.formulaire`),
on whichever visible sheet holds them, so that added rows, moved rows and a renamed sheet
lose nothing. Values are passed as typed (``12,5``, ``ND``, ``1 234``) to the readers of
`load_dataset`, which read them or report them; each keeps its cell for the problems.
A value typed in a row without a key (an added row) is reported, never dropped silently.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from cpom_rules.donnees.valeurs import est_manquant, lire_booleen, natif
from cpom_rules.fichiers import ecrire_atomique
from cpom_rules.finess import analyser_finess
from cpom_rules.problemes import ErreurDonnees, Niveau, probleme
from cpom_rules.render.securite import neutraliser
from cpom_rules.sources.classeur import Feuille, read_classeur
from cpom_rules.sources.formulaire import (
    COLONNE_COMMENTAIRE,
    COLONNE_SAISIE,
    FEUILLE_CLES,
    LIGNE_ENTETE,
    VERSION,
)
from cpom_rules.sources.longues import COLONNES, MesuresLues, Saisie


@dataclass(frozen=True)
class Completude:
    """What one returned workbook holds, for the completeness table."""

    fichier: str
    finess: str
    annee: int | None
    attendues: int
    saisies: int
    preuves_cochees: int
    etat: str  # complet | partiel | vide | illisible


COLONNES_COMPLETUDE = (
    "finess",
    "annee",
    "fichier",
    "attendues",
    "saisies",
    "preuves_cochees",
    "etat",
)


def _meta(cles: Feuille) -> dict[str, str]:
    return {
        str(r[0]).strip(): str(r[1]).strip()
        for r in cles.lignes[:4]
        if len(r) >= 2 and r[0] is not None and r[1] is not None
    }


def read_formulaires(chemins: list[Path]) -> tuple[MesuresLues, list[Completude]]:
    """Read every returned workbook; unreadable ones are reported and listed as such."""
    lues = MesuresLues()
    completudes = []
    for chemin in sorted(chemins):
        try:
            completudes.append(_lire(chemin, lues))
        except ErreurDonnees as exc:
            lues.problemes.extend(exc.problemes)
            completudes.append(Completude(str(chemin), "", None, 0, 0, 0, "illisible"))
    return lues, completudes


def read_dossier(dossier: Path) -> tuple[MesuresLues, list[Completude]]:
    """Every workbook of a folder of returned forms; any other file is reported, not skipped
    silently (a form saved as ``.xls`` or ``.ods`` must be saved again as ``.xlsx``)."""
    fichiers = sorted(
        p for p in dossier.iterdir() if p.is_file() and not p.name.startswith(("~$", "."))
    )
    lues, completudes = read_formulaires([p for p in fichiers if p.suffix.lower() == ".xlsx"])
    for autre in fichiers:
        if autre.suffix.lower() != ".xlsx" and autre.name != "formulaires.csv":
            lues.problemes.append(
                probleme("formulaire_fichier_ignore", Niveau.AVERTISSEMENT, fichier=str(autre))
            )
    return lues, completudes


def _lire(chemin: Path, lues: MesuresLues) -> Completude:
    fichier = str(chemin)
    feuilles = read_classeur(chemin, fusions=False)
    cles = next((f for f in feuilles if f.nom == FEUILLE_CLES), None)
    meta = _meta(cles) if cles else {}
    finess = analyser_finess(meta.get("finess", "")).finess
    annee = meta.get("annee", "")
    if cles is None or finess is None or not (annee.isdigit() and len(annee) == 4):
        raise ErreurDonnees([probleme("formulaire_inconnu", fichier=fichier)])
    if meta.get("version") != VERSION:
        lues.problemes.append(
            probleme(
                "formulaire_version",
                Niveau.AVERTISSEMENT,
                fichier=fichier,
                version=meta.get("version", "?"),
                attendue=VERSION,
            )
        )
    attendues = {
        str(r[0])
        for r in cles.lignes[5:]
        if r and r[0] and str(r[0]).startswith(("variable|", "preuve|"))
    }
    retour = _Retour(fichier, int(annee), lues)
    for feuille in feuilles:
        if feuille.nom != FEUILLE_CLES:
            for numero in range(LIGNE_ENTETE + 1, len(feuille.lignes) + 1):
                retour.lire_ligne(feuille, numero)
    manquantes = attendues - retour.vues
    if manquantes:
        lues.problemes.append(
            probleme(
                "formulaire_lignes_supprimees",
                fichier=fichier,
                nombre=len(manquantes),
                cles=", ".join(sorted(manquantes)[:5]),
            )
        )
    return retour.terminer(
        finess, sum(1 for c in attendues if c.startswith("variable|")), len(attendues)
    )


class _Retour:
    """What one returned workbook holds, gathered row by row, by the key of each row."""

    def __init__(self, fichier: str, annee: int, lues: MesuresLues) -> None:
        self.fichier, self.annee, self.lues = fichier, annee, lues
        self.saisies: list[Saisie] = []
        self.annexes: dict[tuple[str, int], dict[str, object]] = {}
        self.porteuses: dict[str, tuple[str, str]] = {}
        self.cochees: dict[str, list[str]] = {}
        self.vues: set[str] = set()

    def lire_ligne(self, feuille: Feuille, numero: int) -> None:
        brute = feuille.valeur(numero, 1)
        cle = str(brute).strip() if brute is not None else ""
        genre, _, reste = cle.partition("|")
        indicateur, _, nom = reste.partition("|")
        saisie = natif(feuille.valeur(numero, COLONNE_SAISIE))
        cellule = feuille.cellule(numero, COLONNE_SAISIE)
        if genre in ("variable", "preuve"):
            self.vues.add(cle)
        if genre == "variable":
            self.porteuses.setdefault(indicateur, (nom, cellule))
            if not est_manquant(saisie):
                self.saisies.append(Saisie(indicateur, self.annee, nom, saisie, cellule))
        elif genre == "preuve":
            self._preuve(indicateur, nom, saisie, cellule)
        elif genre == "fiche":
            commentaire = natif(feuille.valeur(numero, COLONNE_COMMENTAIRE))
            if not est_manquant(commentaire):
                self.annexes.setdefault((indicateur, self.annee), {})["commentaire"] = commentaire
        elif not cle and not (
            est_manquant(saisie)
            and est_manquant(natif(feuille.valeur(numero, COLONNE_COMMENTAIRE)))
        ):
            self.lues.problemes.append(
                probleme(
                    "formulaire_ligne_ajoutee",
                    Niveau.AVERTISSEMENT,
                    fichier=self.fichier,
                    chemin=cellule,
                )
            )

    def _preuve(self, indicateur: str, nom: str, saisie: object, cellule: str) -> None:
        lu = lire_booleen(saisie)
        if lu.erreur is not None:
            self.lues.problemes.append(
                probleme(
                    "formulaire_preuve_invalide",
                    fichier=self.fichier,
                    chemin=cellule,
                    valeur=str(saisie)[:40],
                )
            )
        elif lu.valeur is True:
            self.cochees.setdefault(indicateur, []).append(nom)

    def terminer(self, finess: str, variables: int, attendues: int) -> Completude:
        """Hand the rows to `MesuresLues` and say how complete the workbook is."""
        for indicateur, preuves in self.cochees.items():
            self.annexes.setdefault((indicateur, self.annee), {})["preuves"] = "|".join(preuves)
        self.lues.ajouter_etablissement(
            self.fichier, finess, self.saisies, self.annexes, self.porteuses
        )
        cochees = sum(map(len, self.cochees.values()))
        if not self.saisies and not cochees:
            etat = "vide"
        else:
            etat = "complet" if len(self.saisies) >= variables else "partiel"
        return Completude(
            self.fichier, finess, self.annee, attendues, len(self.saisies), cochees, etat
        )


def write_completude(completudes: list[Completude], chemin: Path) -> None:
    """The completeness table (``;`` CSV): who returned what."""
    with (
        ecrire_atomique(chemin) as temporaire,
        temporaire.open("w", encoding="utf-8", newline="") as flux,
    ):
        ecrivain = csv.writer(flux, delimiter=";")
        ecrivain.writerow(COLONNES_COMPLETUDE)
        for c in completudes:
            ecrivain.writerow(
                [
                    c.finess,
                    c.annee or "",
                    Path(c.fichier).name,
                    c.attendues,
                    c.saisies,
                    c.preuves_cochees,
                    c.etat,
                ]
            )


def write_mesures(lues: MesuresLues, chemin: Path) -> None:
    """The long table read (``;`` CSV), with the ``source`` cell of every row."""
    chemin.parent.mkdir(parents=True, exist_ok=True)
    with (
        ecrire_atomique(chemin) as temporaire,
        temporaire.open("w", encoding="utf-8", newline="") as flux,
    ):
        ecrivain = csv.writer(flux, delimiter=";")
        ecrivain.writerow([*COLONNES, "source"])
        for ligne, (fichier, cellule) in zip(lues.lignes, lues.cellules, strict=True):
            # A missing marker (« - », « ND ») is written empty: made inert, « '- » would
            # read back as an invalid value instead of a missing one.
            valeurs = ["" if est_manquant(ligne.get(c)) else ligne[c] for c in COLONNES]
            ecrivain.writerow([*map(neutraliser, valeurs), f"{Path(fichier).name}!{cellule}"])
