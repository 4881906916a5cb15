"""Explanations in French, built on demand from what the evaluation stored for a cell.

« CPOM_OS_1 — 2027 — Pour tous les établissements : taux 21,3 % ≥ cible 20 % → atteint ».
Nothing here is computed for a result nobody reads; the `trace` of one result gives every
input (variables with their source lines, reference, segment, rule, rounding, evidence).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from cpom_rules.evaluation.cibles import evaluer
from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.format import nombre_fr, oui_non
from cpom_rules.evaluation.moteur import Bloc
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.formules import colonnes as c
from cpom_rules.spec.cibles import (
    PERIODES_PAR_AN,
    CibleBase,
    CibleChoisie,
    Cumul,
    Echeance,
    Et,
    Increment,
    Jalon,
    KParmiN,
    Ou,
    OuiNonCible,
    PasDeCible,
    Progression,
    SansObjet,
    Seuil,
    VariationPoints,
    VariationRelative,
)
from cpom_rules.spec.description import decrire_cible, texte_cible

RAISONS: dict[Raison, str] = {
    Raison.HORS_PERIMETRE: "hors du périmètre de la fiche",
    Raison.SANS_OBJET: "sans objet",
    Raison.PAS_DE_CIBLE: "pas de cible cette année",
    Raison.AVANT_ECHEANCE: "échéance pas encore atteinte",
    Raison.PERIMETRE_INDETERMINE: "périmètre indéterminé : un attribut de l'établissement manque",
    Raison.SEGMENT_INDETERMINE: "segment indéterminé",
    Raison.VALEUR_MANQUANTE: "valeur manquante",
    Raison.REFERENCE_ABSENTE: "valeur de référence absente",
    Raison.DENOMINATEUR_NUL: "dénominateur nul",
    Raison.DONNEE_INVALIDE: "donnée invalide (voir les problèmes de données)",
    Raison.DEPASSEMENT_CAPACITE: "calcul hors des limites de l'arithmétique exacte",
    Raison.CIBLE_CHOISIE_ABSENTE: "cible choisie par l'établissement non déclarée",
    Raison.PREUVES_MANQUANTES: "preuves manquantes",
    Raison.REFERENCE_NULLE: "référence nulle : une variation relative n'a pas de sens",
    Raison.CIBLE_INCOMPATIBLE: "cible incompatible avec le type de la mesure",
    Raison.PERIODE_INCOMPLETE: "période pas encore complète",
}
_SYMBOLES = {True: "≥", False: "≤"}


_STATUT_PAR_CODE = {int(s): s for s in Statut}
_RAISON_PAR_CODE = {int(r): r for r in Raison}


def _nombre(valeurs: c.Nombres, index: Any, unite: str = "") -> str:
    if valeurs.absence[index] != 0:
        return "—"
    num, den = int(valeurs.num[index]), int(valeurs.den[index])
    return nombre_fr(
        num if den == 1 else Fraction(num, den), unite="%" if unite.strip() == "%" else None
    )


def valeur_texte(bloc: Bloc, e: int, a: int) -> str:
    """The measure's value in a cell, formatted."""
    valeur = bloc.valeur
    if isinstance(valeur, c.Booleens):
        return oui_non(bool(valeur.valeurs[e, a])) if valeur.absence[e, a] == 0 else "—"
    assert isinstance(valeur, c.Nombres)
    return _nombre(valeur, (e, a), bloc.mesure.modele.unite)


def origine_texte(bloc: Bloc, e: int, a: int) -> str:
    """The segment's label, or the derogation that set the target."""
    ident = int(bloc.cible_id[e, a])
    if ident >= 0:
        origine = bloc.cibles[ident][1]
        segment = bloc.fiche.segments.get(origine)
        return segment.libelle if segment else origine
    code = str(bloc.affectation.segment[e])
    segment = bloc.fiche.segments.get(code)
    return segment.libelle if segment else "segment indéterminé"


def _corps(cible: CibleBase, bloc: Bloc, e: int, a: int, mesure: str) -> str:
    """What was compared, with the cell's numbers."""
    modele = bloc.fiche.mesures[mesure].modele
    unite = modele.unite
    booleen = isinstance(bloc.valeur, c.Booleens)
    nom = "taux" if modele.est_taux else ("réponse" if booleen else "valeur")
    principale = mesure == bloc.mesure.code
    if isinstance(cible, Et | Ou):
        return decrire_cible(cible, unite)
    if not principale:
        comparee = _nombre(bloc.evaluee, (e, a), unite) if bloc.evaluee.absence[e, a] == 0 else None
        cible_v = _nombre(bloc.cible_valeur, (e, a), unite)
        if comparee is not None and bloc.cible_valeur.absence[e, a] == 0:
            return (
                f"{modele.libelle} {comparee}, cible {texte_cible(cible, unite)} (soit {cible_v})"
            )
        return f"{modele.libelle} : {texte_cible(cible, unite)}"
    if bloc.valeur.absence[e, a] != 0 and not isinstance(
        cible, SansObjet | PasDeCible | Echeance | Jalon
    ):
        return f"cible {texte_cible(cible, unite)}"
    v = valeur_texte(bloc, e, a)
    cible_v = _nombre(bloc.cible_valeur, (e, a), unite)
    ref = _nombre(bloc.reference, (e, a), unite)
    annee_ref = int(bloc.annee_reference[e, a])
    de = f" ({annee_ref})" if annee_ref else ""
    if bloc.raison[e, a] == Raison.REFERENCE_ABSENTE:
        return f"{nom} {v}, cible {texte_cible(cible, unite)}"
    hausse = bloc.mesure.modele.sens == "hausse"
    if isinstance(cible, Seuil):
        facteur = PERIODES_PAR_AN[cible.periodicite]
        conversion = f" ({decrire_cible(cible, unite)} × {facteur})" if facteur > 1 else ""
        if cible.min is not None and cible.max is not None:
            return f"{nom} {v} entre {nombre_fr(Fraction(cible.min) * facteur)} et {nombre_fr(Fraction(cible.max) * facteur)}{conversion}"
        symbole = (
            ("≥" if cible.min_inclus else ">")
            if cible.min is not None
            else ("≤" if cible.max_inclus else "<")
        )
        return f"{nom} {v} {symbole} cible {cible_v}{conversion}"
    if isinstance(cible, OuiNonCible):
        return f"{nom} : réponse « {v} », attendu « {cible.attendu} »"
    if isinstance(cible, Increment | VariationPoints):
        pas = cible.valeur if isinstance(cible, Increment) else cible.points
        mot = " points" if isinstance(cible, VariationPoints) else ""
        return f"{nom} {v} {_SYMBOLES[hausse]} {ref}{de} {'+' if pas >= 0 else '−'} {nombre_fr(abs(pas))}{mot} = {cible_v}"
    if isinstance(cible, VariationRelative):
        coefficient = (100 + Fraction(cible.pourcentage)) / 100
        brut = bloc.reference.fraction((e, a))
        exact = nombre_fr(brut * coefficient, decimales=4) if brut is not None else "—"
        base = "cible " if cible.chainage == "cible" else ""
        arrondi = f" → arrondi {cible_v}" if exact != cible_v and brut is not None else ""
        return f"{nom} {v} {_SYMBOLES[hausse]} {base}{ref}{de} × {nombre_fr(coefficient, decimales=4)} = {exact}{arrondi}"
    if isinstance(cible, Progression):
        symbole = (
            (">" if hausse else "<") if not cible.stabilisation_acceptee else _SYMBOLES[hausse]
        )
        return f"{nom} {v} {symbole} {ref}{de}"
    if isinstance(cible, Cumul):
        depuis = cible.depuis or bloc.fiche.periode.debut
        return f"{nom} cumulé {depuis}-{bloc.annees[a]} = {_nombre(bloc.evaluee, (e, a), unite)} ≥ {cible_v}"
    if isinstance(cible, CibleChoisie):
        plancher = f", plancher {nombre_fr(cible.plancher)}" if cible.plancher is not None else ""
        return f"{nom} {v} {_SYMBOLES[hausse]} cible choisie {cible_v}{de}{plancher}"
    if isinstance(cible, KParmiN):
        cellules = Cellules(bloc.contexte, mesure, np.array([e]), int(bloc.colonnes[a]))
        elements = []
        for code in cible.elements:
            valeur = cellules.pour(code).valeur()
            assert isinstance(valeur, c.Booleens)
            elements.append(
                f"{code} {oui_non(bool(valeur.valeurs[0])) if valeur.absence[0] == 0 else '—'}"
            )
        return f"{_nombre(bloc.evaluee, (e, a))} sur {len(cible.elements)} ({', '.join(elements)}), au moins {cible.k} attendus"
    if isinstance(cible, Jalon):
        preuves = f" ; preuves attendues : {', '.join(cible.preuves)}" if cible.preuves else ""
        return f"jalon « {cible.libelle} » : réalisé {v}{preuves}"
    if isinstance(cible, Echeance):
        return f"{nom} : « {v} », « {cible.attendu} » attendu au plus tard fin {cible.annee}"
    if isinstance(cible, SansObjet):
        return "sans objet" + (f" ({cible.motif})" if cible.motif else "")
    if isinstance(cible, PasDeCible):
        return f"pas de cible ({nom} : {v})"
    return decrire_cible(cible, unite)  # pragma: no cover


def _variables_manquantes(bloc: Bloc, e: int, a: int, mesure: str) -> list[str]:
    compilee = bloc.fiche.mesures[mesure]
    noms: set[str] = set()
    for expression in (compilee.expression, compilee.numerateur, compilee.denominateur):
        if expression is not None:
            noms |= {n for n in expression.noms if n in bloc.fiche.fiche.variables}
    y = int(bloc.colonnes[a])
    donnees = bloc.contexte.donnees
    return sorted(
        n for n in noms if donnees.variables[(bloc.fiche.code, n)].colonne.absence[e, y] != 0
    )


def raison_texte(bloc: Bloc, e: int, a: int) -> str:
    """The reason of a cell in words, with its specifics (missing variables, motif…)."""
    raison = Raison(int(bloc.raison[e, a]))
    texte = RAISONS.get(raison, "")
    if raison is Raison.SEGMENT_INDETERMINE:
        motif = str(bloc.affectation.motif[e])
        texte = f"{texte} : {motif}" if motif else texte
    elif raison is Raison.VALEUR_MANQUANTE:
        manquantes = _variables_manquantes(bloc, e, a, bloc.mesure.code)
        texte = f"{texte} : {', '.join(manquantes)} non renseigné(s)" if manquantes else texte
    elif raison is Raison.REFERENCE_ABSENTE:
        annee = int(bloc.annee_reference[e, a])
        texte = f"{texte} ({annee})" if annee else texte
    elif raison is Raison.PREUVES_MANQUANTES:
        texte = (
            f"{texte} : {', '.join(bloc.fiche.preuves.liste(int(bloc.preuves_manquantes[e, a])))}"
        )
    elif raison is Raison.SANS_OBJET:
        derogation = bloc.mesure.derogations.get(str(bloc.contexte.donnees.finess[e]))
        texte = f"{texte} ({derogation.motif})" if derogation else texte
    return texte


def expliquer_cellule(bloc: Bloc, e: int, a: int) -> str:
    """One sentence: fiche — year — segment : comparison → status (reason)."""
    statut = _STATUT_PAR_CODE[int(bloc.statut[e, a])]
    entete = f"{bloc.fiche.code} — {bloc.annees[a]} — {origine_texte(bloc, e, a)}"
    if len(bloc.fiche.mesures_evaluees) > 1:
        entete += f" — {bloc.mesure.modele.libelle}"
    ident = int(bloc.cible_id[e, a])
    if ident < 0:
        return f"{entete} : {raison_texte(bloc, e, a)} → {statut.texte}"
    cible = bloc.cibles[ident][0]
    corps = _corps(cible, bloc, e, a, cible.mesure or bloc.mesure.code)
    if isinstance(cible, Et | Ou):
        corps += " [" + " ; ".join(_conditions(cible, bloc, e, a)) + "]"
    suite = f" ({raison_texte(bloc, e, a)})" if int(bloc.raison[e, a]) != Raison.AUCUNE else ""
    return f"{entete} : {corps} → {statut.texte}{suite}"


def _conditions(cible: Et | Ou, bloc: Bloc, e: int, a: int) -> list[str]:
    """Each condition of a composite, with the cell's value and the condition's status.

    The conditions are evaluated once for every cell that shares this target and year, then
    read back cell by cell: explaining a whole report costs one evaluation per target."""
    cle = (int(bloc.cible_id[e, a]), a)
    if cle not in bloc.conditions_expliquees:
        cellules = Cellules(
            bloc.contexte,
            bloc.mesure.code,
            np.flatnonzero(bloc.cible_id[:, a] == cle[0]),
            int(bloc.colonnes[a]),
        )
        bloc.conditions_expliquees[cle] = (
            cellules.e,
            [
                (condition, evaluer(condition, cellules), cellules.pour(condition.mesure).valeur())
                for condition in cible.conditions
            ],
        )
    etablissements, conditions = bloc.conditions_expliquees[cle]
    i = int(np.searchsorted(etablissements, e))
    textes = []
    for condition, verdict, valeur in conditions:
        mesure = condition.mesure or bloc.mesure.code
        unite = bloc.fiche.mesures[mesure].modele.unite
        if isinstance(valeur, c.Booleens):
            lu = oui_non(bool(valeur.valeurs[i])) if valeur.absence[i] == 0 else "—"
        else:
            assert isinstance(valeur, c.Nombres)
            lu = _nombre(valeur, i, unite)
        statut = _STATUT_PAR_CODE[int(verdict.statut[i])]
        textes.append(
            f"{mesure} {lu} : {condition.texte or decrire_cible(condition, unite)} → {statut.texte}"
        )
    return textes


def trace_cellule(bloc: Bloc, e: int, a: int) -> dict[str, Any]:
    """Everything that led to one result, for `cpom-rules explain`."""
    donnees = bloc.contexte.donnees
    y = int(bloc.colonnes[a])
    variables = {}
    for nom, variable in bloc.fiche.fiche.variables.items():
        grille = donnees.variables[(bloc.fiche.code, nom)]
        colonne = grille.colonne
        if isinstance(colonne, c.Nombres):
            lu = _nombre(colonne, (e, y), "%" if variable.type == "taux" else "")
        elif isinstance(colonne, c.Booleens):
            lu = oui_non(bool(colonne.valeurs[e, y])) if colonne.absence[e, y] == 0 else "—"
        elif colonne.absence[e, y] != 0:
            lu = "—"
        elif isinstance(colonne, c.Dates):
            lu = str(np.datetime64(int(colonne.jours[e, y]), "D"))
        else:
            lu = str(colonne.valeurs[e, y])
        ligne = int(grille.lignes[e, y])
        variables[nom] = {"valeur": lu, "ligne_source": ligne or None, "libelle": variable.libelle}
    ident = int(bloc.cible_id[e, a])
    cible = bloc.cibles[ident][0] if ident >= 0 else None
    arrondi = bloc.mesure.modele.arrondi
    return {
        "finess": str(donnees.finess[e]),
        "raison_sociale": str(donnees.raisons_sociales[e]),
        "indicateur": bloc.fiche.code,
        "mesure": bloc.mesure.code,
        "annee": bloc.annees[a],
        "segment": str(bloc.affectation.segment[e]) or None,
        "origine_cible": bloc.cibles[ident][1] if ident >= 0 else None,
        "variables": variables,
        "commentaire": donnees.commentaires.get(
            (str(donnees.finess[e]), bloc.fiche.code, bloc.annees[a])
        ),
        "valeur": valeur_texte(bloc, e, a),
        "reference": _nombre(bloc.reference, (e, a), bloc.mesure.modele.unite),
        "annee_reference": int(bloc.annee_reference[e, a]) or None,
        "cible": (cible.texte or decrire_cible(cible, bloc.mesure.modele.unite)) if cible else None,
        "regle": type(cible).__name__ if cible else None,
        "cible_valeur": _nombre(bloc.cible_valeur, (e, a), bloc.mesure.modele.unite),
        "arrondi": f"{arrondi.decimales} décimale(s), {arrondi.mode}" if arrondi else None,
        "statut": Statut(int(bloc.statut[e, a])).texte,
        "raison": Raison(int(bloc.raison[e, a])).texte,
        "raison_texte": raison_texte(bloc, e, a) or None,
        "preuves_attendues": bloc.fiche.preuves.liste(int(bloc.preuves_attendues[e, a])),
        "preuves_manquantes": bloc.fiche.preuves.liste(int(bloc.preuves_manquantes[e, a])),
        "explication": expliquer_cellule(bloc, e, a),
    }
