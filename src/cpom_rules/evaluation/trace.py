"""The trace of one result: the operands the evaluation actually used, as typed data.

Evaluation records per cell the value, the compared quantity, the reference and its year,
the resolved threshold, the statuses of a composite's branches and the evidence; this module
reads them back for one cell into a `Trace`. Static parameters (coefficient, step, rounding
rule, operator) come from the target that was applied. Explanations (`explications`) are
words rendered from a `Trace`, never re-derived from the target classes; docs/format-resultats.md
documents the structure and `Trace.to_dict` its JSON form.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from cpom_rules.evaluation.format import oui_non
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
    Progression,
    Seuil,
    VariationPoints,
    VariationRelative,
)
from cpom_rules.spec.description import texte_cible

Operande = Fraction | bool | None
Quantite = Literal["valeur", "cumul", "comptage", "autre_mesure", "reponse"]
Operateur = Literal[">=", ">", "<=", "<", "==", "entre"]
# The comparison that does NOT hold, to state a failed one as it came out.
NEGATION: dict[str, str] = {
    ">=": "<",
    ">": "<=",
    "<=": ">",
    "<": ">=",
    "==": "!=",
    "entre": "hors",
}


@dataclass(frozen=True)
class Comparaison:
    """What was compared with what, and whether the comparison held (None: not made)."""

    quantite: Quantite
    libelle: str
    valeur: Operande
    operateur: Operateur
    seuil: Operande
    seuil_max: Fraction | None = None
    issue: bool | None = None
    depuis: int | None = None  # first year of a cumulative sum


@dataclass(frozen=True)
class Calcul:
    """How a computed threshold was obtained from its reference."""

    base: Fraction | None
    annee_base: int | None
    nature_base: Literal["valeur", "cible", "choisie"]
    pas: Fraction | None = None
    points: bool = False
    coefficient: Fraction | None = None
    exacte: Fraction | None = None
    arrondi_declare: str | None = None
    arrondi_applique: bool = False
    plancher: Fraction | None = None
    facteur_periode: int = 1


@dataclass(frozen=True)
class Branche:
    """One condition of « et » / « ou » with its own outcome on this cell."""

    mesure: str
    libelle: str
    cible: str
    valeur: Operande
    unite: str
    statut: str
    raison: str | None


@dataclass(frozen=True)
class Element:
    """One yes/no measure counted by « k parmi n »."""

    mesure: str
    libelle: str
    valeur: bool | None


@dataclass(frozen=True)
class Preuves:
    attendues: tuple[str, ...]
    fournies: tuple[str, ...]
    manquantes: tuple[str, ...]


@dataclass(frozen=True)
class Variable:
    nom: str
    libelle: str
    valeur: str
    ligne_source: int | None


@dataclass(frozen=True)
class Trace:
    """Everything behind one result (finess × indicateur × mesure × année)."""

    finess: str
    raison_sociale: str
    indicateur: str
    mesure: str
    libelle_mesure: str
    plusieurs_mesures: bool
    annee: int
    segment: str | None
    origine_cible: str | None
    libelle_origine: str
    genre: str | None
    cible: str | None
    unite: str
    valeur: Operande
    comparaison: Comparaison | None
    calcul: Calcul | None
    branches: tuple[Branche, ...]
    conjonction: bool | None
    elements: tuple[Element, ...]
    k: int | None
    libelle_jalon: str | None
    attendu: str | None
    echeance: int | None
    motif: str | None
    statut: str
    raison: str | None
    detail_raison: tuple[str, ...]
    preuves: Preuves
    variables: tuple[Variable, ...]
    commentaire: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: exact numbers become floats rounded to 6 decimals."""
        donnees: dict[str, Any] = _json(asdict(self))
        return donnees


def _json(objet: Any) -> Any:
    if isinstance(objet, dict):
        return {cle: _json(valeur) for cle, valeur in objet.items()}
    if isinstance(objet, list | tuple):
        return [_json(valeur) for valeur in objet]
    if isinstance(objet, Fraction):
        return int(objet) if objet.denominator == 1 else round(float(objet), 6)
    return objet


def _lire(colonne: c.Colonne, index: Any) -> Operande:
    if colonne.absence[index] != 0:
        return None
    if isinstance(colonne, c.Booleens):
        return bool(colonne.valeurs[index])
    if isinstance(colonne, c.Nombres):
        return colonne.fraction(index)
    return None  # pragma: no cover - measures are numbers or yes/no


def _nombre(colonne: c.Nombres, index: Any) -> Fraction | None:
    return colonne.fraction(index) if colonne.absence[index] == 0 else None


def _operateur(cible: CibleBase, hausse: bool) -> Operateur:
    if isinstance(cible, Seuil):
        if cible.min is not None and cible.max is not None:
            return "entre"
        if cible.min is not None:
            return ">=" if cible.min_inclus else ">"
        return "<=" if cible.max_inclus else "<"
    if isinstance(cible, Progression) and not cible.stabilisation_acceptee:
        return ">" if hausse else "<"
    if isinstance(cible, Cumul | KParmiN):
        return ">="
    if isinstance(cible, OuiNonCible | Echeance | Jalon):
        return "=="
    return ">=" if hausse else "<="


def _issue(statut: Statut) -> bool | None:
    return {Statut.ATTEINT: True, Statut.NON_ATTEINT: False}.get(statut)


def _comparaison(
    cible: CibleBase, bloc: Bloc, e: int, a: int, statut: Statut
) -> Comparaison | None:
    """The comparison this target made on the cell, from the recorded operands."""
    if isinstance(cible, Et | Ou) or not isinstance(
        cible,
        Seuil
        | OuiNonCible
        | Increment
        | VariationPoints
        | VariationRelative
        | Progression
        | Cumul
        | CibleChoisie
        | KParmiN
        | Jalon
        | Echeance,
    ):
        return None
    code = cible.mesure or bloc.mesure.code
    modele = bloc.fiche.mesures[code].modele
    y = int(bloc.colonnes[a])
    operateur = _operateur(cible, bloc.mesure.modele.sens == "hausse")
    issue = _issue(statut)
    if isinstance(cible, Cumul):
        return Comparaison(
            "cumul",
            modele.libelle,
            _nombre(bloc.evaluee, (e, a)),
            operateur,
            Fraction(cible.min),
            issue=issue,
            depuis=cible.depuis or bloc.fiche.periode.debut,
        )
    if isinstance(cible, KParmiN):
        return Comparaison(
            "comptage",
            modele.libelle,
            _nombre(bloc.evaluee, (e, a)),
            operateur,
            Fraction(cible.k),
            issue=issue,
        )
    valeur = _lire(bloc.contexte.valeurs[code], (e, y))
    if isinstance(cible, OuiNonCible | Echeance | Jalon):
        attendu = True if isinstance(cible, Jalon) else cible.attendu == "oui"
        return Comparaison("reponse", modele.libelle, valeur, operateur, attendu, issue=issue)
    quantite: Quantite = "autre_mesure" if code != bloc.mesure.code else "valeur"
    maximum = None
    seuil: Operande = _nombre(bloc.cible_valeur, (e, a))
    if isinstance(cible, Seuil) and operateur == "entre":
        facteur = PERIODES_PAR_AN[cible.periodicite]
        assert cible.min is not None and cible.max is not None
        seuil, maximum = Fraction(cible.min) * facteur, Fraction(cible.max) * facteur
    return Comparaison(quantite, modele.libelle, valeur, operateur, seuil, maximum, issue)


def _calcul(cible: CibleBase, bloc: Bloc, e: int, a: int) -> Calcul | None:
    """How the threshold was computed, for targets computed from a reference."""
    base = _nombre(bloc.reference, (e, a))
    annee = int(bloc.annee_reference[e, a]) or None
    seuil = _nombre(bloc.cible_valeur, (e, a))
    if isinstance(cible, Seuil):
        facteur = PERIODES_PAR_AN[cible.periodicite]
        return Calcul(None, None, "valeur", facteur_periode=facteur) if facteur > 1 else None
    if isinstance(cible, Increment | VariationPoints):
        pas = Fraction(cible.valeur if isinstance(cible, Increment) else cible.points)
        return Calcul(base, annee, "valeur", pas=pas, points=isinstance(cible, VariationPoints))
    if isinstance(cible, Progression):
        return Calcul(base, annee, "valeur")
    if isinstance(cible, VariationRelative):
        coefficient = (100 + Fraction(cible.pourcentage)) / 100
        exacte = base * coefficient if base is not None else None
        arrondi = bloc.fiche.mesures[cible.mesure or bloc.mesure.code].modele.arrondi
        return Calcul(
            base,
            annee,
            "cible" if cible.chainage == "cible" else "valeur",
            coefficient=coefficient,
            exacte=exacte,
            arrondi_declare=f"{arrondi.decimales}:{arrondi.mode}" if arrondi else None,
            arrondi_applique=arrondi is not None and exacte is not None and exacte != seuil,
        )
    if isinstance(cible, CibleChoisie):
        plancher = Fraction(cible.plancher) if cible.plancher is not None else None
        return Calcul(seuil, annee, "choisie", plancher=plancher)
    return None


def _branches(cible: Et | Ou, bloc: Bloc, e: int, a: int) -> tuple[Branche, ...]:
    """Each condition's own outcome, as recorded when the composite was evaluated."""
    enregistre = bloc.branches.get((int(bloc.cible_id[e, a]), bloc.annees[a]))
    if enregistre is None:
        return ()
    etablissements, verdicts = enregistre
    i = int(np.searchsorted(etablissements, e))
    y = int(bloc.colonnes[a])
    branches = []
    for condition, verdict in zip(cible.conditions, verdicts, strict=True):
        code = condition.mesure or bloc.mesure.code
        modele = bloc.fiche.mesures[code].modele
        branches.append(
            Branche(
                code,
                modele.libelle,
                texte_cible(condition, modele.unite),
                _lire(bloc.contexte.valeurs[code], (e, y)),
                modele.unite,
                Statut(int(verdict.statut[i])).texte,
                Raison(int(verdict.raison[i])).texte,
            )
        )
    return tuple(branches)


def _elements(cible: KParmiN, bloc: Bloc, e: int, a: int) -> tuple[Element, ...]:
    y = int(bloc.colonnes[a])
    elements = []
    for code in cible.elements:
        valeur = _lire(bloc.contexte.valeurs[code], (e, y))
        libelle = bloc.fiche.mesures[code].modele.libelle
        elements.append(Element(code, libelle, valeur if isinstance(valeur, bool) else None))
    return tuple(elements)


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
            from cpom_rules.evaluation.format import nombre_fr  # noqa: PLC0415

            lu = nombre_fr(colonne.fraction((e, y)), unite="%" if variable.type == "taux" else None)
        elif isinstance(colonne, c.Booleens):
            lu = oui_non(bool(colonne.valeurs[e, y]))
        elif isinstance(colonne, c.Dates):
            lu = str(np.datetime64(int(colonne.jours[e, y]), "D"))
        else:
            lu = str(colonne.valeurs[e, y])
        ligne = int(grille.lignes[e, y])
        variables.append(Variable(nom, variable.libelle, lu, ligne or None))
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


def _detail_raison(bloc: Bloc, e: int, a: int, raison: Raison) -> tuple[str, ...]:
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


def tracer(bloc: Bloc, e: int, a: int) -> Trace:
    """The trace of the result of establishment `e`, evaluated year `a`, of `bloc`."""
    donnees = bloc.contexte.donnees
    statut = Statut(int(bloc.statut[e, a]))
    raison = Raison(int(bloc.raison[e, a]))
    ident = int(bloc.cible_id[e, a])
    cible = bloc.cibles[ident][0] if ident >= 0 else None
    unite = bloc.mesure.modele.unite
    origine, libelle_origine = _origine(bloc, e, a)
    fournies_grille = donnees.preuves.get(bloc.fiche.code)
    fournies = int(fournies_grille[e, int(bloc.colonnes[a])]) if fournies_grille is not None else 0
    liste = bloc.fiche.preuves.liste
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
        genre=_genre(cible) if cible else None,
        cible=texte_cible(cible, unite) if cible else None,
        unite=unite,
        valeur=_lire(bloc.valeur, (e, a)),
        comparaison=_comparaison(cible, bloc, e, a, statut) if cible else None,
        calcul=_calcul(cible, bloc, e, a) if cible else None,
        branches=_branches(cible, bloc, e, a) if isinstance(cible, Et | Ou) else (),
        conjonction=isinstance(cible, Et) if isinstance(cible, Et | Ou) else None,
        elements=_elements(cible, bloc, e, a) if isinstance(cible, KParmiN) else (),
        k=cible.k if isinstance(cible, KParmiN) else None,
        libelle_jalon=cible.libelle if isinstance(cible, Jalon) else None,
        attendu=cible.attendu if isinstance(cible, OuiNonCible | Echeance) else None,
        echeance=cible.annee if isinstance(cible, Echeance) else None,
        motif=getattr(cible, "motif", None),
        statut=statut.texte,
        raison=raison.texte,
        detail_raison=_detail_raison(bloc, e, a, raison),
        preuves=Preuves(
            tuple(liste(int(bloc.preuves_attendues[e, a]))),
            tuple(liste(fournies)),
            tuple(liste(int(bloc.preuves_manquantes[e, a]))),
        ),
        variables=_variables(bloc, e, a),
        commentaire=donnees.commentaires.get(
            (str(donnees.finess[e]), bloc.fiche.code, bloc.annees[a])
        ),
    )


def _genre(cible: CibleBase) -> str:
    """The kind as written in the spec (``seuil``, ``variation_relative``…), never a class name."""
    genre = getattr(cible, "type", None)
    assert isinstance(genre, str)
    return genre
