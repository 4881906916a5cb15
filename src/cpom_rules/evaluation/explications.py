"""Explanations, rendered in French or English from the trace of a result (`trace.Trace`).

« CPOM_CT_07 — 2025 — Pour tous les établissements : valeur 3,67 < cible 5 → non atteint ».
The comparison is stated as it came out (the operator is negated for a target not met); a
rounding is mentioned only where one applied; names are the fiche's labels, never a class
name or an internal code. Every number printed is a trace operand formatted by `nombre_fr`.
Nothing here is computed for a result nobody reads.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from cpom_rules.evaluation.format import nombre_fr
from cpom_rules.evaluation.moteur import Bloc
from cpom_rules.evaluation.trace import NEGATION, Comparaison, Operande, Trace, tracer
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import TYPES_CIBLES

SYMBOLES = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}


def operande(valeur: Operande, unite: str = "", langue: Langue = "fr") -> str:
    """One operand as printed: ``3,67``, ``21,3 %``, ``oui``, ``—``."""
    if valeur is None:
        return "—"
    if isinstance(valeur, bool):
        return phrase("oui" if valeur else "non", langue)
    return nombre_fr(
        valeur.numerator if valeur.denominator == 1 else valeur,
        unite="%" if unite.strip() == "%" else None,
    )


def _symbole(comparaison: Comparaison) -> str:
    """The operator as the comparison came out: negated when it did not hold."""
    operateur = comparaison.operateur
    return SYMBOLES[NEGATION[operateur] if comparaison.issue is False else operateur]


def _nom(trace: Trace, langue: Langue) -> str:
    if trace.unite.strip() == "%":
        return phrase("taux", langue)
    return phrase("reponse" if isinstance(trace.valeur, bool) else "valeur", langue)


def _prefixe(trace: Trace, langue: Langue) -> str:
    """A target on another measure of the fiche names it by its label."""
    comparaison = trace.comparaison
    if comparaison is not None and comparaison.quantite == "autre_mesure":
        return phrase("autre_mesure", langue, libelle=comparaison.libelle)
    return ""


def _seuil(trace: Trace, langue: Langue) -> str:
    comparaison = trace.comparaison
    assert comparaison is not None
    u = trace.unite
    valeur = operande(comparaison.valeur, u, langue)
    if comparaison.operateur == "entre":
        return phrase(
            "entre" if comparaison.issue is not False else "hors",
            langue,
            nom=_nom(trace, langue),
            valeur=valeur,
            min=operande(comparaison.seuil, u),
            max=operande(comparaison.seuil_max, u),
        )
    texte = phrase(
        "comparaison",
        langue,
        nom=_nom(trace, langue),
        valeur=valeur,
        operateur=_symbole(comparaison),
        seuil=operande(comparaison.seuil, u),
    )
    calcul = trace.calcul
    if calcul is not None and calcul.facteur_periode > 1:
        texte += (
            f" ({phrase('par_periode', langue, texte=trace.cible, facteur=calcul.facteur_periode)})"
        )
    return texte


def _increment(trace: Trace, langue: Langue) -> str:
    texte = _seuil(trace, langue)
    calcul = trace.calcul
    if calcul is None or calcul.base is None or calcul.pas is None:
        return texte
    pas = f"{'+' if calcul.pas >= 0 else '−'} {operande(abs(calcul.pas))}"
    if calcul.points:
        pas = phrase("points", langue, pas=pas)
    detail = phrase(
        "depuis_reference",
        langue,
        base=operande(calcul.base, trace.unite),
        annee=calcul.annee_base,
        pas=pas,
    )
    return f"{texte} ({detail})"


def _variation_relative(trace: Trace, langue: Langue) -> str:
    texte = _seuil(trace, langue)
    calcul = trace.calcul
    if calcul is None or calcul.base is None or calcul.coefficient is None:
        return texte
    detail = phrase(
        "coefficient",
        langue,
        cible_de=phrase("cible_de", langue) if calcul.nature_base == "cible" else "",
        base=operande(calcul.base, trace.unite),
        annee=calcul.annee_base,
        coefficient=nombre_fr(calcul.coefficient, decimales=4),
    )
    if calcul.arrondi_applique and trace.comparaison is not None:
        detail += ", " + phrase(
            "arrondi",
            langue,
            exacte=nombre_fr(calcul.exacte, decimales=4),
            seuil=operande(trace.comparaison.seuil, trace.unite),
        )
    return f"{texte} ({detail})"


def _progression(trace: Trace, langue: Langue) -> str:
    comparaison, calcul = trace.comparaison, trace.calcul
    assert comparaison is not None and calcul is not None
    return phrase(
        "progression",
        langue,
        nom=_nom(trace, langue),
        valeur=operande(comparaison.valeur, trace.unite),
        operateur=_symbole(comparaison),
        base=operande(calcul.base, trace.unite),
        annee=calcul.annee_base,
    )


def _cumul(trace: Trace, langue: Langue) -> str:
    comparaison = trace.comparaison
    assert comparaison is not None
    seuil = operande(comparaison.seuil, trace.unite)
    if comparaison.valeur is None:
        return phrase(
            "cumul_inconnu", langue, depuis=comparaison.depuis, annee=trace.annee, seuil=seuil
        )
    return phrase(
        "cumul",
        langue,
        depuis=comparaison.depuis,
        annee=trace.annee,
        valeur=operande(comparaison.valeur, trace.unite),
        operateur=_symbole(comparaison),
        seuil=seuil,
    )


def _cible_choisie(trace: Trace, langue: Langue) -> str:
    comparaison, calcul = trace.comparaison, trace.calcul
    assert comparaison is not None and calcul is not None
    texte = (
        f"{_nom(trace, langue)} {operande(comparaison.valeur, trace.unite)} "
        f"{_symbole(comparaison)} {phrase('cible_choisie', langue)} "
        f"{operande(comparaison.seuil, trace.unite)}"
    )
    details = []
    if calcul.annee_base:
        details.append(phrase("choisie", langue, annee=calcul.annee_base))
    if calcul.plancher is not None:
        details.append(phrase("plancher", langue, plancher=operande(calcul.plancher, trace.unite)))
    return f"{texte} ({', '.join(details)})" if details else texte


def _k_parmi_n(trace: Trace, langue: Langue) -> str:
    comparaison = trace.comparaison
    assert comparaison is not None
    elements = ", ".join(f"{e.libelle} {operande(e.valeur, '', langue)}" for e in trace.elements)
    return phrase(
        "k_parmi_n",
        langue,
        compte=operande(comparaison.valeur),
        n=len(trace.elements),
        operateur=_symbole(comparaison),
        k=trace.k,
        elements=elements,
    )


def _reponse(cle: str) -> Callable[[Trace, Langue], str]:
    def rendre(trace: Trace, langue: Langue) -> str:
        comparaison = trace.comparaison
        assert comparaison is not None
        return phrase(
            cle,
            langue,
            valeur=operande(comparaison.valeur, "", langue),
            attendu=phrase(trace.attendu or "oui", langue),
            annee=trace.echeance,
            libelle=trace.libelle_jalon,
        )

    return rendre


def _sans_objet(trace: Trace, langue: Langue) -> str:
    texte = phrase("sans_objet", langue)
    return f"{texte} ({trace.motif})" if trace.motif else texte


def _pas_de_cible(trace: Trace, langue: Langue) -> str:
    return phrase(
        "pas_de_cible_valeur",
        langue,
        nom=_nom(trace, langue),
        valeur=operande(trace.valeur, trace.unite, langue),
    )


def _composite(trace: Trace, langue: Langue) -> str:
    branches = " ; ".join(
        f"{b.libelle} {operande(b.valeur, b.unite, langue)} : {b.cible} → {phrase(b.statut, langue)}"
        for b in trace.branches
    )
    return f"{trace.cible} [{branches}]"


# One renderer per target kind, keyed by the kind's `type`; `TYPES_CIBLES` is derived from
# the discriminated union, and a test checks that every kind has its renderer.
CORPS: dict[str, Callable[[Trace, Langue], str]] = {
    "seuil": _seuil,
    "oui_non": _reponse("oui_non"),
    "increment": _increment,
    "variation_points": _increment,
    "variation_relative": _variation_relative,
    "progression": _progression,
    "cumul": _cumul,
    "cible_choisie": _cible_choisie,
    "k_parmi_n": _k_parmi_n,
    "jalon": _reponse("jalon"),
    "echeance": _reponse("echeance"),
    "sans_objet": _sans_objet,
    "pas_de_cible": _pas_de_cible,
    "et": _composite,
    "ou": _composite,
}
assert set(CORPS) == set(TYPES_CIBLES), "every target kind needs its explanation"


def raison_texte(trace: Trace, langue: Langue = "fr") -> str:
    """The reason in words, with its specifics (missing variables, evidence, motif…)."""
    if trace.raison is None:
        return ""
    texte = phrase(trace.raison, langue)
    if not trace.detail_raison:
        return texte
    if trace.raison == "valeur_manquante":
        return f"{texte} : {phrase('non_renseignees', langue, noms=', '.join(trace.detail_raison))}"
    if trace.raison in ("reference_absente", "sans_objet"):
        return f"{texte} ({', '.join(trace.detail_raison)})"
    return f"{texte} : {', '.join(trace.detail_raison)}"


def _verdict(trace: Trace) -> bool:
    return trace.statut in ("atteint", "non_atteint")


def expliquer(trace: Trace, langue: Langue = "fr") -> str:
    """One sentence: fiche — year — segment : comparison as it came out → status (reason)."""
    entete = f"{trace.indicateur} — {trace.annee} — {trace.libelle_origine}"
    if trace.plusieurs_mesures:
        entete += f" — {trace.libelle_mesure}"
    statut = phrase(trace.statut, langue)
    raison = raison_texte(trace, langue)
    if trace.genre is None:
        return f"{entete} : {raison} → {statut}"
    comparaison = trace.comparaison
    if trace.genre in ("et", "ou", "sans_objet", "pas_de_cible", "jalon", "echeance", "oui_non"):
        corps = CORPS[trace.genre](trace, langue)
    elif comparaison is None or (not _verdict(trace) and not _comparee(trace)):
        # No comparison was made (a missing value, reference or choice): state the target.
        corps = phrase("cible_seule", langue, cible=trace.cible)
    else:
        corps = CORPS[trace.genre](trace, langue)
    suite = f" ({raison})" if raison else ""
    return f"{entete} : {_prefixe(trace, langue)}{corps} → {statut}{suite}"


def _comparee(trace: Trace) -> bool:
    """Without a verdict, the comparison is stated only when all its operands are known."""
    comparaison = trace.comparaison
    return (
        comparaison is not None
        and comparaison.valeur is not None
        and comparaison.seuil is not None
        and trace.raison not in ("reference_nulle", "reference_absente")
    )


def expliquer_cellule(bloc: Bloc, e: int, a: int, langue: Langue = "fr") -> str:
    """The explanation of one cell of a block."""
    return expliquer(tracer(bloc, e, a), langue)


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
