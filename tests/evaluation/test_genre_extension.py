"""A new target kind is one module: « au plus N », defined here only, evaluates, traces,
explains and is linted once its classes exist (docs/guide-auteur.md, « Ajouter un genre de
cible »): no module of `lint/` names the kinds, each asks the model what it needs."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal, cast

import pytest

from cpom_rules import Catalogue, lint
from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.genres import REGISTRE, Genre, Verdict, verifier_registre
from cpom_rules.evaluation.genres.base import conclure, incompatible
from cpom_rules.evaluation.rendu import comparaison_simple
from cpom_rules.evaluation.trace import Cellule, Comparaison, Detail, Trace
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue
from cpom_rules.spec.cibles import CibleBase
from cpom_rules.spec.types import Nombre
from tests.evaluation.fabrique import CODE, F1, evaluer, ligne, une_mesure, x


# --- the whole plugin: a model and its kind ----------------------------------------------------
class AuPlus(CibleBase):
    """« Au plus N » in the year."""

    type: Literal["au_plus"]
    n: Nombre

    valeur_attendue = "nombre"

    def decrire(self, unite: str = "") -> str:
        return f"au plus {self.n}"

    def nombres_imprimes(self) -> frozenset[Decimal]:
        return frozenset({self.n})

    def borne(self) -> Literal["maximum"]:
        return "maximum"


class GenreAuPlus(Genre[AuPlus]):
    modele = AuPlus

    def evaluer(self, cible: AuPlus, cellules: Cellules) -> Verdict:
        valeur = cellules.valeur()
        if not isinstance(valeur, c.Nombres):
            return incompatible(cellules)
        plafond = c.Nombres.constante(cible.n)
        statut, raison = conclure(c.comparer(valeur, plafond, "<="), cellules.n)
        return Verdict.seuil(statut, raison, plafond, cellules.n)

    def detailler(self, cible: AuPlus, cellule: Cellule) -> Detail:
        mesure = cellule.cible_mesure
        comparaison = Comparaison(
            "valeur", mesure.libelle, mesure.valeur, "<=", Fraction(cible.n), issue=cellule.issue
        )
        return Detail(comparaison)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        return comparaison_simple(trace, langue)


# --------------------------------------------------------------------------------------------------
def _avec_au_plus(n: int) -> Catalogue:
    """The test catalogue with its 2025 target replaced by « au plus n » (the YAML union
    is the spec language's: a kind reaches YAML files by joining it, in spec/cibles.py)."""
    catalogue = une_mesure({"type": "seuil", "min": 1})
    table = catalogue.regles.fiches[CODE].mesures["m"].cibles["tous"]
    assert isinstance(table, dict)
    table[2025] = AuPlus(type="au_plus", n=Decimal(n))
    return catalogue


@pytest.mark.parametrize(
    ("valeur", "statut", "fin"),
    [
        (10, "atteint", "valeur 10 ≤ cible 10 → atteint"),
        (12, "non_atteint", "valeur 12 > cible 10 → non atteint"),
    ],
)
def test_un_genre_ajoute_s_evalue_se_trace_et_s_explique(
    valeur: int, statut: str, fin: str
) -> None:
    catalogue = _avec_au_plus(10)
    resultats = evaluer(catalogue, {F1: x(None, valeur)}, annees=[2025])
    r = ligne(resultats)
    assert (r["statut"], r["cible"], r["cible_valeur"]) == (statut, "au plus 10", 10)
    assert r["explication"].endswith(fin)
    trace = resultats.trace(F1, CODE, 2025)
    assert trace.genre == "au_plus"
    assert trace.comparaison is not None and trace.comparaison.issue is (statut == "atteint")
    anglais = {"valeur": "value", "cible": "target", "non atteint": "not met", "→ atteint": "→ met"}
    for francais, traduit in anglais.items():
        fin = fin.replace(francais, traduit)
    assert resultats.expliquer(F1, CODE, 2025, langue="en").endswith(fin)


def test_le_registre_couvre_l_union_et_refuse_un_doublon() -> None:
    assert REGISTRE[AuPlus].__class__ is GenreAuPlus
    verifier_registre()
    with pytest.raises(TypeError, match="deux genres"):

        class Doublon(Genre[AuPlus]):
            modele = AuPlus


def _ecrite(cible: AuPlus, type_variable: str = "nombre") -> Catalogue:
    """The test catalogue whose written table holds only `cible` (what the linter reads)."""
    catalogue = une_mesure({"type": "seuil", "min": 1}, type_variable=type_variable)
    # the YAML union does not know the test kind; the linter only sees `CibleBase`
    ecrites = cast(
        "dict[str, CibleBase]", catalogue.regles.fiches[CODE].mesures["m"].modele.cibles["tous"]
    )
    ecrites.clear()
    ecrites["2025"] = cible
    return catalogue


def test_le_linter_interroge_le_genre_ajoute() -> None:
    """The printed text is compared with the numbers and the bound the kind declares."""
    catalogue = _ecrite(AuPlus(type="au_plus", n=Decimal(10), texte="≥ 12"))
    details = [dict(p.params)["detail"] for p in lint.check(catalogue)]
    assert details == [
        "nombres imprimés 12, codés 10",
        "le texte dit « supérieur » mais la cible est un maximum",
    ]
    fidele = _ecrite(AuPlus(type="au_plus", n=Decimal(10), texte="≤ 10"))
    assert lint.check(fidele) == []


def test_le_linter_connait_la_valeur_attendue_du_genre_ajoute() -> None:
    catalogue = _ecrite(AuPlus(type="au_plus", n=Decimal(10)), type_variable="booleen")
    problemes = lint.check(catalogue)
    assert [(p.code, dict(p.params)["type"]) for p in problemes] == [
        ("pourcentage_sur_booleen", "au_plus")
    ]
