"""Explanations, rendered in French or English from the trace of a result (`trace.Trace`).

« CPOM_CT_07 — 2025 — Pour tous les établissements : valeur 3,67 < cible 5 → non atteint ».
The frame (fiche — year — segment, status, reason) is here; the comparison is worded by the
target's kind (`genres`), as it came out (the operator negated for a target not met), with a
rounding only where one applied and the fiche's labels, never a class name or a code.
Nothing here is computed for a result nobody reads.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache
from typing import Any

from cpom_rules.evaluation.format import nombre_fr
from cpom_rules.evaluation.genres import REGISTRE, Genre
from cpom_rules.evaluation.moteur import Bloc
from cpom_rules.evaluation.rendu import operande
from cpom_rules.evaluation.trace import Trace
from cpom_rules.evaluation.tracer import tracer
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import genre_du_modele

# Kinds that word their own sentence even without a verdict (no comparison to state).
_SANS_COMPARAISON = ("et", "ou", "sans_objet", "pas_de_cible", "jalon", "echeance", "oui_non")


@cache
def _par_genre(taille: int) -> dict[str, Genre[Any]]:
    """The kinds by their `type`, rebuilt when a kind is registered (a plugin)."""
    return {genre_du_modele(modele): genre for modele, genre in REGISTRE.items()}


def raison_texte(trace: Trace, langue: Langue = "fr") -> str:
    """The reason in words, with its specifics (missing variables, evidence, motif…)."""
    if trace.raison is None:
        return ""
    texte = phrase(trace.raison, langue)
    if not trace.detail_raison:
        return texte
    details = ", ".join(trace.detail_raison)
    if trace.raison == "valeur_manquante":
        return f"{texte} : {phrase('non_renseignees', langue, noms=details)}"
    if trace.raison in ("reference_absente", "sans_objet"):
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
    entete = f"{trace.indicateur} — {trace.annee} — {trace.libelle_origine}"
    if trace.plusieurs_mesures:
        entete += f" — {trace.libelle_mesure}"
    statut = phrase(trace.statut, langue)
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
    suite = f" ({raison})" if raison else ""
    return f"{entete} : {corps} → {statut}{suite}"


def expliquer_cellule(bloc: Bloc, e: int, a: int, langue: Langue = "fr") -> str:
    """The explanation of one cell of a block."""
    return expliquer(tracer(bloc, e, a, complete=False), langue)


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
