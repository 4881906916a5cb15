"""Read back the operands the evaluation recorded for one result, into its `Trace`.

The block (`moteur.Bloc`) holds per cell the value, the compared quantity, the threshold,
the reference and its year, the evidence masks and each composite branch's verdict; the
target's kind (`genres`) turns them into its `Detail`. Nothing is evaluated again here.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from cpom_rules.evaluation.format import nombre_fr, oui_non
from cpom_rules.evaluation.genres import genre_de
from cpom_rules.evaluation.moteur import Bloc
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.evaluation.trace import Cellule, Detail, Mesuree, Operande, Preuves, Trace, Variable
from cpom_rules.formules import colonnes as c
from cpom_rules.spec.cibles import CibleBase
from cpom_rules.spec.description import texte_cible


def _lire(colonne: c.Colonne, index: Any) -> Operande:
    if colonne.absence[index] != 0:
        return None
    if isinstance(colonne, c.Booleens):
        return bool(colonne.valeurs[index])
    if isinstance(colonne, c.Nombres):
        return _nombre(colonne, index)
    return None  # pragma: no cover - measures are numbers or yes/no


def _nombre(colonne: c.Nombres, index: Any) -> Fraction | None:
    # Read straight from the exact columns: this runs for every explanation of a report.
    if colonne.absence[index] != 0:
        return None
    return Fraction(int(colonne.num[index]), int(colonne.den[index]))


def _cellule(cible: CibleBase, bloc: Bloc, e: int, a: int) -> Cellule:
    """The recorded operands of cell (e, a) as the kinds read them."""
    y = int(bloc.colonnes[a])

    def lire(code: str) -> Mesuree:
        modele = bloc.fiche.mesures[code].modele
        return Mesuree(
            code, modele.libelle, modele.unite, _lire(bloc.contexte.valeurs[code], (e, y))
        )

    code = cible.mesure or bloc.mesure.code
    modele = bloc.fiche.mesures[code].modele
    branches: tuple[tuple[str, str | None], ...] = ()
    enregistre = bloc.branches.get((int(bloc.cible_id[e, a]), bloc.annees[a]))
    if enregistre is not None:
        etablissements, verdicts = enregistre
        i = int(np.searchsorted(etablissements, e))
        branches = tuple(
            (Statut(int(v.statut[i])).texte, Raison(int(v.raison[i])).texte) for v in verdicts
        )
    arrondi = modele.arrondi
    return Cellule(
        cible_mesure=lire(code),
        autre_mesure=code != bloc.mesure.code,
        annee=bloc.annees[a],
        debut_periode=bloc.fiche.periode.debut,
        hausse=modele.sens == "hausse",
        statut=Statut(int(bloc.statut[e, a])),
        evaluee=_nombre(bloc.evaluee, (e, a)),
        cible_valeur=_nombre(bloc.cible_valeur, (e, a)),
        reference=_nombre(bloc.reference, (e, a)),
        annee_reference=int(bloc.annee_reference[e, a]) or None,
        arrondi=f"{arrondi.decimales}:{arrondi.mode}" if arrondi else None,
        lire=lire,
        branches=branches,
    )


def _variables(bloc: Bloc, e: int, a: int) -> tuple[Variable, ...]:
    donnees = bloc.contexte.donnees
    y = int(bloc.colonnes[a])
    variables = []
    for nom, variable in bloc.fiche.fiche.variables.items():
        grille = donnees.variables[(bloc.fiche.code, nom)]
        colonne = grille.colonne
        if colonne.absence[e, y] != 0:
            lu = "—"
        elif isinstance(colonne, c.Nombres):
            unite = "%" if variable.type == "taux" else None
            lu = nombre_fr(colonne.fraction((e, y)), unite=unite)
        elif isinstance(colonne, c.Booleens):
            lu = oui_non(bool(colonne.valeurs[e, y]))
        elif isinstance(colonne, c.Dates):
            lu = str(np.datetime64(int(colonne.jours[e, y]), "D"))
        else:
            lu = str(colonne.valeurs[e, y])
        ligne = int(grille.lignes[e, y])
        cellule = (
            donnees.emplacements[ligne - 1] if 1 <= ligne <= len(donnees.emplacements) else None
        )
        variables.append(Variable(nom, variable.libelle, lu, ligne or None, cellule))
    return tuple(variables)


def variables_manquantes(bloc: Bloc, e: int, a: int) -> tuple[str, ...]:
    """The fiche variables the measure's formula reads that are missing in this cell."""
    compilee = bloc.mesure
    noms: set[str] = set()
    for expression in (compilee.expression, compilee.numerateur, compilee.denominateur):
        if expression is not None:
            noms |= {n for n in expression.noms if n in bloc.fiche.fiche.variables}
    y = int(bloc.colonnes[a])
    donnees = bloc.contexte.donnees
    return tuple(
        sorted(
            n for n in noms if donnees.variables[(bloc.fiche.code, n)].colonne.absence[e, y] != 0
        )
    )


def detail_raison(bloc: Bloc, e: int, a: int, raison: Raison) -> tuple[str, ...]:
    """The specifics of a reason: missing variables, evidence, the undetermined attribute…"""
    if raison is Raison.SEGMENT_INDETERMINE:
        motif = str(bloc.affectation.motif[e])
        return (motif,) if motif else ()
    if raison is Raison.VALEUR_MANQUANTE:
        return variables_manquantes(bloc, e, a)
    if raison is Raison.PREUVES_MANQUANTES:
        return tuple(bloc.fiche.preuves.liste(int(bloc.preuves_manquantes[e, a])))
    if raison is Raison.SANS_OBJET:
        derogation = bloc.mesure.derogations.get(str(bloc.contexte.donnees.finess[e]))
        return (derogation.motif,) if derogation else ()
    if raison is Raison.REFERENCE_ABSENTE:
        annee = int(bloc.annee_reference[e, a])
        return (str(annee),) if annee else ()
    return ()


def _origine(bloc: Bloc, e: int, a: int) -> tuple[str | None, str]:
    ident = int(bloc.cible_id[e, a])
    code = bloc.cibles[ident][1] if ident >= 0 else str(bloc.affectation.segment[e])
    segment = bloc.fiche.segments.get(code)
    libelle = segment.libelle if segment else (code if ident >= 0 else "segment indéterminé")
    return (code if ident >= 0 else None), libelle


def _aucune(masque: int) -> list[str]:
    return []


def tracer(bloc: Bloc, e: int, a: int, complete: bool = True) -> Trace:
    """The trace of the result of establishment `e`, evaluated year `a`, of `bloc`.

    Without `complete` (for an explanation only), the variables read and the evidence lists
    are left empty: the sentence does not need them and a report explains every result."""
    donnees = bloc.contexte.donnees
    raison = Raison(int(bloc.raison[e, a]))
    ident = int(bloc.cible_id[e, a])
    cible = bloc.cibles[ident][0] if ident >= 0 else None
    unite = bloc.mesure.modele.unite
    origine, libelle_origine = _origine(bloc, e, a)
    detail = Detail()
    if cible is not None:
        detail = genre_de(cible).detailler(cible, _cellule(cible, bloc, e, a))
    fournies_grille = donnees.preuves.get(bloc.fiche.code)
    fournies = int(fournies_grille[e, int(bloc.colonnes[a])]) if fournies_grille is not None else 0
    liste = bloc.fiche.preuves.liste if complete else _aucune
    return Trace(
        finess=str(donnees.finess[e]),
        raison_sociale=str(donnees.raisons_sociales[e]),
        indicateur=bloc.fiche.code,
        mesure=bloc.mesure.code,
        libelle_mesure=bloc.mesure.modele.libelle,
        plusieurs_mesures=len(bloc.fiche.mesures_evaluees) > 1,
        annee=bloc.annees[a],
        segment=str(bloc.affectation.segment[e]) or None,
        origine_cible=origine,
        libelle_origine=libelle_origine,
        genre=cible.genre if cible else None,
        cible=texte_cible(cible, unite) if cible else None,
        unite=unite,
        valeur=_lire(bloc.valeur, (e, a)),
        statut=Statut(int(bloc.statut[e, a])).texte,
        raison=raison.texte,
        detail_raison=detail_raison(bloc, e, a, raison),
        preuves=Preuves(
            tuple(liste(int(bloc.preuves_attendues[e, a]))),
            tuple(liste(fournies)),
            tuple(liste(int(bloc.preuves_manquantes[e, a]))),
        ),
        variables=_variables(bloc, e, a) if complete else (),
        commentaire=donnees.commentaires.get(
            (str(donnees.finess[e]), bloc.fiche.code, bloc.annees[a])
        ),
        **vars(detail),
    )
