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
from cpom_rules.finess import analyser_finess
from cpom_rules.problemes import ErreurDonnees, Niveau, probleme
from cpom_rules.render.securite import neutraliser
from cpom_rules.sources.classeur import Feuille, read_classeur
from cpom_rules.sources.formulaire import COLONNE_COMMENTAIRE, COLONNE_SAISIE, FEUILLE_CLES, VERSION
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
    saisies: list[Saisie] = []
    annexes: dict[tuple[str, int], dict[str, object]] = {}
    porteuses: dict[str, tuple[str, str]] = {}
    cochees: dict[str, list[str]] = {}
    vues: set[str] = set()
    for feuille in feuilles:
        if feuille.nom == FEUILLE_CLES:
            continue
        for numero, rangee in enumerate(feuille.lignes, start=1):
            cle = str(rangee[0]).strip() if rangee and rangee[0] is not None else ""
            genre, _, reste = cle.partition("|")
            indicateur, _, nom = reste.partition("|")
            saisie = natif(feuille.valeur(numero, COLONNE_SAISIE))
            if genre == "variable":
                vues.add(cle)
                porteuses.setdefault(indicateur, (nom, feuille.cellule(numero, COLONNE_SAISIE)))
                if not est_manquant(saisie):
                    saisies.append(
                        Saisie(
                            indicateur,
                            int(annee),
                            nom,
                            saisie,
                            feuille.cellule(numero, COLONNE_SAISIE),
                        )
                    )
            elif genre == "preuve":
                vues.add(cle)
                lu = lire_booleen(saisie)
                if lu.erreur is not None:
                    lues.problemes.append(
                        probleme(
                            "formulaire_preuve_invalide",
                            fichier=fichier,
                            chemin=feuille.cellule(numero, COLONNE_SAISIE),
                            valeur=str(saisie)[:40],
                        )
                    )
                elif lu.valeur is True:
                    cochees.setdefault(indicateur, []).append(nom)
            elif genre == "fiche":
                commentaire = natif(feuille.valeur(numero, COLONNE_COMMENTAIRE))
                if not est_manquant(commentaire):
                    annexes.setdefault((indicateur, int(annee)), {})["commentaire"] = commentaire
            elif (
                not cle
                and any(
                    not est_manquant(natif(feuille.valeur(numero, c)))
                    for c in (COLONNE_SAISIE, COLONNE_COMMENTAIRE)
                )
                and numero > 4
            ):
                lues.problemes.append(
                    probleme(
                        "formulaire_ligne_ajoutee",
                        Niveau.AVERTISSEMENT,
                        fichier=fichier,
                        chemin=feuille.cellule(numero, COLONNE_SAISIE),
                    )
                )
    for indicateur, preuves in cochees.items():
        annexes.setdefault((indicateur, int(annee)), {})["preuves"] = "|".join(preuves)
    manquantes = attendues - vues
    if manquantes:
        lues.problemes.append(
            probleme(
                "formulaire_lignes_supprimees",
                fichier=fichier,
                nombre=len(manquantes),
                cles=", ".join(sorted(manquantes)[:5]),
            )
        )
    lues.ajouter_etablissement(fichier, finess, saisies, annexes, porteuses)
    nombre_variables = sum(1 for c in attendues if c.startswith("variable|"))
    remplies = len(saisies) + sum(len(p) for p in cochees.values())
    etat = "vide" if not remplies else "complet" if len(saisies) >= nombre_variables else "partiel"
    return Completude(
        fichier,
        finess,
        int(annee),
        len(attendues),
        len(saisies),
        sum(map(len, cochees.values())),
        etat,
    )


def write_completude(completudes: list[Completude], chemin: Path) -> None:
    """The completeness table (``;`` CSV): who returned what."""
    with chemin.open("w", encoding="utf-8", newline="") as flux:
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
    with chemin.open("w", encoding="utf-8", newline="") as flux:
        ecrivain = csv.writer(flux, delimiter=";")
        ecrivain.writerow([*COLONNES, "source"])
        for ligne, (fichier, cellule) in zip(lues.lignes, lues.cellules, strict=True):
            valeurs = ["" if ligne.get(c) is None else ligne[c] for c in COLONNES]
            ecrivain.writerow([*map(neutraliser, valeurs), f"{Path(fichier).name}!{cellule}"])
