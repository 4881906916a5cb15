"""Explanations, rendered in French or English from the trace of a result (`trace.Trace`).

« CPOM_CT_07 — 2025 — Pour tous les établissements : valeur 3,67 < cible 5 → non atteint ».
The frame (fiche — year — segment, status, reason) is here; the comparison is worded by the
target's kind (`genres`), as it came out (the operator negated for a target not met), with a
rounding only where one applied and the fiche's labels, never a class name or a code.
Nothing here is computed for a result nobody reads; a whole block (`expliquer_bloc`, for
reports) words each distinct cell once.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cpom_rules.evaluation.format import nombre_fr
from cpom_rules.evaluation.genres import REGISTRE, Genre, genre_de
from cpom_rules.evaluation.moteur import Bloc
from cpom_rules.evaluation.rendu import mot, operande
from cpom_rules.evaluation.statuts import TEXTE_RAISON, Raison, Statut
from cpom_rules.evaluation.trace import Trace
from cpom_rules.evaluation.tracer import Lecture, detail_raison, lot, tracer, tracer_lecture
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import genre_du_modele
from cpom_rules.spec.description import texte_cible

# Kinds that word their own sentence even without a verdict (no comparison to state).
_SANS_COMPARAISON = ("et", "ou", "sans_objet", "pas_de_cible", "jalon", "echeance", "oui_non")


@cache
def _par_genre(taille: int) -> dict[str, Genre[Any]]:
    """The kinds by their `type`, rebuilt when a kind is registered (a plugin)."""
    return {genre_du_modele(modele): genre for modele, genre in REGISTRE.items()}


def raison_texte(trace: Trace, langue: Langue = "fr") -> str:
    """The reason in words, with its specifics (missing variables, evidence, motif…)."""
    return _mots_raison(trace.raison, trace.detail_raison, langue)


def _mots_raison(raison: str | None, detail: tuple[str, ...], langue: Langue) -> str:
    if raison is None:
        return ""
    texte = mot(raison, langue)
    if not detail:
        return texte
    details = ", ".join(detail)
    if raison == "valeur_manquante":
        return f"{texte} : {phrase('non_renseignees', langue, noms=details)}"
    if raison in ("reference_absente", "sans_objet"):
        return f"{texte} ({details})"
    return f"{texte} : {details}"


def _comparee(trace: Trace) -> bool:
    """A comparison is stated for a verdict, or without one when all its operands are known."""
    comparaison = trace.comparaison
    if comparaison is None:
        return False
    if trace.statut in ("atteint", "non_atteint"):
        return True
    return (
        comparaison.valeur is not None
        and comparaison.seuil is not None
        and trace.raison not in ("reference_nulle", "reference_absente")
    )


def expliquer(trace: Trace, langue: Langue = "fr") -> str:
    """One sentence: fiche — year — segment : comparison as it came out → status (reason)."""
    entete = _entete(
        trace.indicateur,
        trace.annee,
        trace.libelle_origine or mot("segment_indetermine", langue),
        trace.libelle_mesure if trace.plusieurs_mesures else None,
    )
    statut = mot(trace.statut, langue)
    raison = raison_texte(trace, langue)
    if trace.genre is None:
        return f"{entete} : {raison} → {statut}"
    if trace.genre in _SANS_COMPARAISON or _comparee(trace):
        corps = _par_genre(len(REGISTRE))[trace.genre].expliquer(trace, langue)
    else:
        # No comparison was made (a missing value, reference or choice): state the target.
        corps = phrase("cible_seule", langue, cible=trace.cible)
    comparaison = trace.comparaison
    if comparaison is not None and comparaison.quantite == "autre_mesure":
        corps = phrase("autre_mesure", langue, libelle=comparaison.libelle) + corps
    return _phrase(entete, corps, statut, raison)


def _entete(indicateur: str, annee: int, origine: str, mesure: str | None) -> str:
    """« CPOM_CT_07 — 2025 — Pour tous les établissements » (— the measure, if several)."""
    entete = f"{indicateur} — {annee} — {origine}"
    return f"{entete} — {mesure}" if mesure is not None else entete


def _phrase(entete: str, corps: str, statut: str, raison: str) -> str:
    suite = f" ({raison})" if raison else ""
    return f"{entete} : {corps} → {statut}{suite}"


def expliquer_cellule(bloc: Bloc, e: int, a: int, langue: Langue = "fr") -> str:
    """The explanation of one cell of a block."""
    return expliquer(tracer(bloc, e, a, complete=False), langue)


def expliquer_lue(lecture: Lecture, k: int, langue: Langue = "fr") -> str:
    """The explanation of the cell `k` of a `Lecture` (many cells of one block)."""
    return expliquer(tracer_lecture(lecture, k, complete=False), langue)


# Reasons whose words carry specifics read elsewhere than the cell's operands.
_RAISONS_DETAILLEES = np.array(
    [
        Raison.SEGMENT_INDETERMINE,
        Raison.VALEUR_MANQUANTE,
        Raison.PREUVES_MANQUANTES,
        Raison.SANS_OBJET,
        Raison.REFERENCE_ABSENTE,
    ],
    dtype=np.int64,
)


def expliquer_bloc(bloc: Bloc, langue: Langue = "fr") -> NDArray[np.object_]:
    """The explanation of every cell of `bloc`, establishment by establishment then year."""
    phrases, indices = phrases_du_bloc(bloc, langue)
    resultat: NDArray[np.object_] = phrases[indices]
    return resultat


def phrases_du_bloc(
    bloc: Bloc, langue: Langue = "fr"
) -> tuple[NDArray[np.object_], NDArray[np.intp]]:
    """`expliquer_bloc` as its distinct sentences and, per cell (establishment by
    establishment then year), the index of its sentence: a writer formats each once.

    A sentence reads only the cell's operands (target, year, status, reason and its
    specifics, the numbers compared, the branches, the fiche's measures in that cell), never
    the FINESS, the name, the comment or the evidence lists: cells whose operands are all
    equal share one sentence, worded once from the first one's trace. On the example, a
    third of the cells are distinct."""
    etablissements, nombre_annees = bloc.statut.shape
    if etablissements * nombre_annees == 0:
        return np.empty(0, dtype=object), np.empty(0, dtype=np.intp)
    grilles = [np.broadcast_to(t, bloc.statut.shape).ravel() for t in _cles(bloc)]
    # A column equal in every cell tells no cells apart: leaving it out narrows the sort.
    _, premieres, inverse = np.unique(
        _cle_unique([g for g in grilles if g.min() != g.max()] or [grilles[0]]),
        return_index=True,
        return_inverse=True,
    )
    textes = np.empty(len(premieres), dtype=object)
    # The distinct cells' operands are gathered at once (`Lecture`); the kinds that can word
    # many verdicts at once do so, the other cells are traced and worded one by one.
    lecture = Lecture(bloc, premieres)
    restantes = _rediger_verdicts(lecture, premieres, textes, langue)
    for k in restantes.tolist():
        textes[k] = expliquer_lue(lecture, k, langue)
    return textes, inverse.reshape(-1).astype(np.intp)


_VERDICTS = np.array([Statut.ATTEINT, Statut.NON_ATTEINT], dtype=np.int8)
# Without a verdict, a comparison missing its reference or its chosen target is not stated
# (`_comparee`): the sentence gives the target alone.
_SANS_SEUIL = frozenset(
    int(r) for r in (Raison.REFERENCE_ABSENTE, Raison.REFERENCE_NULLE, Raison.CIBLE_CHOISIE_ABSENTE)
)


def _rediger_verdicts(
    lecture: Lecture, cellules: NDArray[np.int64], textes: NDArray[np.object_], langue: Langue
) -> NDArray[np.int64]:
    """Word, target by target, the lecture's cells whose kind can word them at once
    (`Genre.rediger`: the words `expliquer` gives, without a trace per cell): its verdicts
    (every cell, for a kind that states no comparison), and the cells whose comparison is
    not stated for want of a value, a reference or a chosen target. Returns the indices of
    the cells left to explain one by one."""
    bloc = lecture.bloc
    tous = np.arange(len(cellules), dtype=np.int64)
    if not isinstance(bloc.valeur, c.Nombres):  # « réponse » rows are few: one by one
        return tous
    statuts = bloc.statut.reshape(-1)[cellules]
    raisons = bloc.raison.reshape(-1)[cellules]
    cible_id = bloc.cible_id.reshape(-1)[cellules]
    verdicts = np.isin(statuts, _VERDICTS)
    redigees = np.zeros(len(cellules), dtype=bool)
    mesure = bloc.mesure.modele.libelle if len(bloc.fiche.mesures_evaluees) > 1 else None
    mots_statuts = {int(s): mot(s.texte, langue) for s in Statut}
    for ident in np.unique(cible_id[cible_id >= 0]).tolist():
        cible, origine = bloc.cibles[ident]
        comparee = cible.genre not in _SANS_COMPARAISON
        dans = cible_id == ident
        ks = np.flatnonzero(dans & verdicts if comparee else dans)
        vue = lot(lecture, ks.tolist(), cible)
        corps = genre_de(cible).rediger(cible, vue, langue)
        if corps is None:
            continue
        if comparee:
            valeurs = lecture.mesure(vue.code)
            seules = [
                k
                for k in np.flatnonzero(dans & ~verdicts).tolist()
                if valeurs[k] is None or int(raisons[k]) in _SANS_SEUIL
            ]
            seule = phrase("cible_seule", langue, cible=texte_cible(cible, vue.unite))
            corps = [*corps, *[seule] * len(seules)]
            ks = np.concatenate([ks, np.array(seules, dtype=np.int64)])
        segment = bloc.fiche.segments.get(origine)
        entetes = [
            _entete(bloc.fiche.code, annee, segment.libelle if segment else origine, mesure)
            for annee in bloc.annees
        ]
        prefixe = ""
        if comparee and vue.autre_mesure:
            prefixe = phrase("autre_mesure", langue, libelle=vue.libelle)
        textes[ks] = [
            _phrase(
                entetes[lecture.a[k]],
                prefixe + mots,
                mots_statuts[s],
                _mots_raison(TEXTE_RAISON[r], _detail(lecture, k, r), langue),
            )
            for k, s, r, mots in zip(
                ks.tolist(), statuts[ks].tolist(), raisons[ks].tolist(), corps, strict=True
            )
        ]
        redigees[ks] = True
    restantes: NDArray[np.int64] = tous[~redigees]
    return restantes


_DETAILLEES = frozenset(int(r) for r in _RAISONS_DETAILLEES.tolist())


def _detail(lecture: Lecture, k: int, raison: int) -> tuple[str, ...]:
    """The specifics of the reason of the lecture's cell `k`, as its trace gives them."""
    if raison not in _DETAILLEES:
        return ()
    return detail_raison(lecture.bloc, lecture.e[k], lecture.a[k], Raison(raison))


def _cle_unique(grilles: list[NDArray[np.int64]]) -> NDArray[np.int64]:
    """One integer per cell, equal exactly where every grid is (sorting rows of many columns
    costs far more): each grid's values are numbered and the numbers combined, the key
    numbered again whenever the combination could overflow."""
    cle = np.zeros(grilles[0].size, dtype=np.int64)
    possibles = 1
    for grille in grilles:
        valeurs, numeros = np.unique(grille, return_inverse=True)
        if possibles * len(valeurs) >= 2**62:
            distinctes, cle = np.unique(cle, return_inverse=True)
            possibles = len(distinctes)
        cle = cle * len(valeurs) + numeros.reshape(-1)
        possibles *= len(valeurs)
    return cle


def _cles(bloc: Bloc) -> list[NDArray[np.int64]]:
    """Everything a cell's sentence depends on, as integer grids (établissements × années)."""
    forme = bloc.statut.shape
    cible_id = bloc.cible_id.astype(np.int64)
    # The segment names the header only where no target applied (its label otherwise).
    _, segments = np.unique(bloc.affectation.segment.astype(str), return_inverse=True)
    cles = [
        np.arange(forme[1], dtype=np.int64)[None, :],
        cible_id,
        np.where(cible_id < 0, segments.reshape(-1, 1), -1),
        bloc.statut.astype(np.int64),
        bloc.raison.astype(np.int64),
        bloc.annee_reference,
        _details(bloc),
    ]
    for colonne in (bloc.valeur, bloc.evaluee, bloc.cible_valeur, bloc.reference):
        cles += _champs(colonne, forme)
    # Any measure of the fiche in the same cell (a composite's branches, « k parmi n »).
    for code, colonne in sorted(bloc.contexte.valeurs.items()):
        if code in bloc.fiche.mesures:
            cles += [_par_annee(t, bloc) for t in _champs(colonne, None)]
    cles += _branches(bloc)
    return cles


def _champs(colonne: c.Colonne, forme: tuple[int, ...] | None) -> list[NDArray[np.int64]]:
    if isinstance(colonne, c.Nombres):
        return [colonne.absence.astype(np.int64), colonne.num, colonne.den]
    if isinstance(colonne, c.Booleens):
        return [colonne.absence.astype(np.int64), colonne.valeurs.astype(np.int64)]
    # Not a measure's kind: no two cells are taken as equal.
    taille = int(np.prod(forme)) if forme is not None else int(colonne.absence.size)
    return [np.arange(taille, dtype=np.int64).reshape(colonne.absence.shape)]


def _par_annee(grille: NDArray[np.int64], bloc: Bloc) -> NDArray[np.int64]:
    """A grid over the dataset's years, read at the block's evaluated years."""
    return grille if grille.ndim == 0 else grille[:, bloc.colonnes]


def _details(bloc: Bloc) -> NDArray[np.int64]:
    """The specifics of each cell's reason (missing variables, evidence…), numbered."""
    numeros: dict[tuple[str, ...], int] = {(): 0}
    grille = np.zeros(bloc.statut.shape, dtype=np.int64)
    for e, a in zip(*np.nonzero(np.isin(bloc.raison, _RAISONS_DETAILLEES)), strict=True):
        cle = detail_raison(bloc, int(e), int(a), Raison(int(bloc.raison[e, a])))
        grille[e, a] = numeros.setdefault(cle, len(numeros))
    return grille


def _branches(bloc: Bloc) -> list[NDArray[np.int64]]:
    """Each composite condition's status and reason in each cell (-1 where none)."""
    grilles: list[NDArray[np.int64]] = []
    for (_, annee), (etablissements, verdicts) in bloc.branches.items():
        if annee not in bloc.annees:
            continue  # recorded for a year this block does not report
        a = bloc.annees.index(annee)
        while len(grilles) < 2 * len(verdicts):
            grilles.append(np.full(bloc.statut.shape, -1, dtype=np.int64))
        for j, verdict in enumerate(verdicts):
            grilles[2 * j][etablissements, a] = verdict.statut
            grilles[2 * j + 1][etablissements, a] = verdict.raison
    return grilles


def nombres_affiches(trace: Trace) -> set[str]:
    """Every number an explanation of `trace` may print, as printed (for tests and audits)."""
    valeurs: list[Any] = [trace.valeur, trace.annee, trace.k, trace.echeance, len(trace.elements)]
    if trace.comparaison is not None:
        c = trace.comparaison
        valeurs += [c.valeur, c.seuil, c.seuil_max, c.depuis]
    if trace.calcul is not None:
        k = trace.calcul
        valeurs += [k.base, k.annee_base, k.pas, k.plancher, k.facteur_periode]
        valeurs += [abs(k.pas) if k.pas is not None else None]
    textes = {operande(v, trace.unite) for v in valeurs if isinstance(v, Fraction)}
    textes |= {operande(v) for v in valeurs if isinstance(v, Fraction)}
    textes |= {str(v) for v in valeurs if isinstance(v, int) and not isinstance(v, bool)}
    if trace.calcul is not None:
        for v in (trace.calcul.coefficient, trace.calcul.exacte):
            if v is not None:
                textes.add(nombre_fr(v, decimales=4))
    for b in trace.branches:
        textes.add(operande(b.valeur, b.unite))
    return textes
