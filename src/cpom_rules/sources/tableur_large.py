"""Read wide workbooks (one row per establishment, one column per variable and year) into
the long table `load_dataset` validates, by a declared « lecture » mapping.

Guarantees: every non-empty mapped cell becomes one long row, or a problem naming its
cell; every long row remembers its cell (``Suivi 2025!D7``) so that the problems of the
validation are moved back to the cells (`relocaliser`); columns the mapping does not read
are listed, never silently dropped. A unit factor (a rate typed 0–1 read as 0–100) is
applied exactly on the number read by `cpom_rules.donnees.valeurs`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.donnees import Donnees
from cpom_rules.donnees.lecture import SourceTable
from cpom_rules.donnees.tables import normaliser_entete
from cpom_rules.donnees.valeurs import est_manquant, lire_nombre, natif
from cpom_rules.problemes import Niveau, probleme
from cpom_rules.sources.classeur import Feuille, read_classeur
from cpom_rules.sources.lecture import ColonneLue, Lecture
from cpom_rules.sources.longues import ColonneAssociee, MesuresLues, Saisie


def decimal_exact(valeur: Fraction) -> str:
    """The exact decimal text of a fraction whose denominator divides a power of ten, else
    ``a/b`` (which the value readers refuse, so that an inexact value is reported)."""
    chiffres = next((k for k in range(31) if 10**k % valeur.denominator == 0), None)
    if chiffres is not None:
        entier = valeur.numerator * (10**chiffres // valeur.denominator)
        signe, texte = ("-", str(-entier)) if entier < 0 else ("", str(entier))
        texte = texte.rjust(chiffres + 1, "0")
        return signe + (f"{texte[:-chiffres]}.{texte[-chiffres:]}" if chiffres else texte)
    return f"{valeur.numerator}/{valeur.denominator}"


def read_wide(lecture: Lecture, chemins: Iterable[str | Path]) -> MesuresLues:
    """Read every selected sheet of every file by `lecture` (see the module docstring)."""
    lues = MesuresLues()
    for chemin in chemins:
        for feuille in read_classeur(chemin):
            if lecture.feuilles and not any(re.fullmatch(m, feuille.nom) for m in lecture.feuilles):
                continue
            _lire_feuille(lecture, feuille, str(chemin), lues)
    return lues


def _annee_feuille(lecture: Lecture, feuille: Feuille) -> int | None:
    if lecture.annee_feuille is None:
        return None
    trouve = re.search(lecture.annee_feuille, feuille.nom)
    if trouve is None:
        return None
    texte = trouve.groupdict().get("annee") or (
        trouve.group(1) if trouve.groups() else trouve.group(0)
    )
    return int(texte) if texte and texte.isdigit() and len(texte) == 4 else None


def _regle(lecture: Lecture, entete: str) -> tuple[ColonneLue, int | None] | None:
    """The first mapping entry matching a header, with the year its pattern gives."""
    normal = normaliser_entete(entete)
    for regle in lecture.colonnes:
        if regle.entete is not None and normaliser_entete(regle.entete) == normal and normal:
            return regle, None
        if regle.motif is not None and entete:
            trouve = re.search(regle.motif, entete)
            if trouve:
                annee = trouve.groupdict().get("annee")
                return regle, int(annee) if annee and annee.isdigit() else None
    return None


def _lire_feuille(lecture: Lecture, feuille: Feuille, fichier: str, lues: MesuresLues) -> None:
    lieu = f"{fichier}!{feuille.nom}"
    lignes_entete = sorted(set(lecture.lignes_entete))
    rangees = [feuille.entete(n) for n in lignes_entete]
    entetes = [" ".join(t for t in textes if t) for textes in zip(*rangees, strict=True)]
    cible = normaliser_entete(lecture.finess)
    colonne_finess = next(
        (i + 1 for i, e in enumerate(entetes) if normaliser_entete(e) == cible), None
    )
    if colonne_finess is None:
        lues.problemes.append(
            probleme(
                "lecture_finess_absente",
                fichier=fichier,
                chemin=feuille.nom,
                entete=lecture.finess,
                ligne_entete=", ".join(map(str, lignes_entete)),
            )
        )
        return
    annee_onglet = _annee_feuille(lecture, feuille)
    ignorees = {normaliser_entete(e) for e in lecture.ignorer}
    associees: list[ColonneAssociee] = []
    non_lues: list[str] = []
    for numero, entete in enumerate(entetes, start=1):
        if numero == colonne_finess or not entete:
            continue
        trouvee = _regle(lecture, entete)
        if trouvee is None:
            if normaliser_entete(entete) not in ignorees:
                non_lues.append(entete)
            continue
        regle, annee_entete = trouvee
        annee = regle.annee or annee_entete or annee_onglet
        if annee is None:
            lues.problemes.append(
                probleme(
                    "lecture_annee_inconnue",
                    fichier=fichier,
                    chemin=feuille.cellule(lignes_entete[-1], numero),
                    entete=entete,
                )
            )
            continue
        associees.append(ColonneAssociee(numero, entete, regle, annee))
    lues.non_lues[lieu] = non_lues
    lues.associees[lieu] = associees
    for numero_ligne in range(lignes_entete[-1] + 1, len(feuille.lignes) + 1):
        _lire_ligne(feuille, numero_ligne, colonne_finess, associees, fichier, lues)


def _texte_finess(brut: object) -> str:
    brut = natif(brut)
    if isinstance(brut, float) and brut.is_integer():
        return str(int(brut))
    return "" if brut is None else str(brut).strip()


def _lire_ligne(
    feuille: Feuille,
    numero: int,
    colonne_finess: int,
    associees: Sequence[ColonneAssociee],
    fichier: str,
    lues: MesuresLues,
) -> None:
    finess = _texte_finess(feuille.valeur(numero, colonne_finess))
    remplies = [a for a in associees if not est_manquant(natif(feuille.valeur(numero, a.numero)))]
    if not finess:
        if remplies:  # a totals row, a note: values without an establishment
            lues.problemes.append(
                probleme(
                    "lecture_ligne_sans_finess",
                    Niveau.AVERTISSEMENT,
                    fichier=fichier,
                    chemin=feuille.cellule(numero, colonne_finess),
                    nombre=len(remplies),
                )
            )
        return
    annexes: dict[tuple[str, int], dict[str, object]] = {}
    saisies: list[Saisie] = []
    for a in remplies:
        assert a.annee is not None
        brut = natif(feuille.valeur(numero, a.numero))
        if a.regle.role != "valeur":
            annexes.setdefault((a.regle.indicateur, a.annee), {})[a.regle.role] = brut
            continue
        cellule = feuille.cellule(numero, a.numero)
        valeur = _valeur(brut, a.regle, fichier, cellule, lues)
        if valeur is not None and a.regle.variable is not None:
            saisies.append(Saisie(a.regle.indicateur, a.annee, a.regle.variable, valeur, cellule))
    porteuses = {
        a.regle.indicateur: (a.regle.variable, feuille.cellule(numero, a.numero))
        for a in reversed(associees)
        if a.regle.variable is not None
    }
    lues.ajouter_etablissement(fichier, finess, saisies, annexes, porteuses)


def _valeur(
    brut: object, regle: ColonneLue, fichier: str, cellule: str, lues: MesuresLues
) -> object | None:
    """The raw value to validate, after the unit factor; None when reported here."""
    if regle.facteur is None:
        return brut
    lu = lire_nombre(brut)
    if not isinstance(lu.valeur, Fraction):
        lues.problemes.append(
            probleme(
                "lecture_valeur_invalide",
                fichier=fichier,
                chemin=cellule,
                valeur=str(brut)[:60],
                detail=lu.erreur or "",
                facteur=regle.facteur,
            )
        )
        return None
    return decimal_exact(lu.valeur * Fraction(regle.facteur))


def load_dataset_wide(
    catalogue: Catalogue,
    etablissements: SourceTable,
    lues: MesuresLues,
    *,
    reparer_finess: bool = False,
) -> Donnees:
    """`load_dataset` over the rows read, with every problem pointed back at its cell."""
    return lues.load(catalogue, etablissements, reparer_finess=reparer_finess)
