"""Invariants of the evaluation (hypothesis, 1,000 examples each, tiny datasets): row order
does not matter, establishments are evaluated independently, and for a target that asks for
more (« hausse »), more never turns a met target into a missed one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpom_rules import evaluate, load_dataset
from tests.evaluation.fabrique import CODE, F1, F2, F3, catalogue, fiche

REGLAGES = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VARIABLES = {
    "n": {"libelle": "Numérateur", "type": "nombre"},
    "d": {"libelle": "Dénominateur", "type": "nombre"},
    "fait": {"libelle": "Fait", "type": "jalon", "obligatoire": False},
}
# One evaluated measure (tiers, a composite on two other measures, a derogation) keeps each
# of the 1,000 examples fast.
CATALOGUE = catalogue(
    fiche(
        variables=VARIABLES,
        mesures={
            "taux": {
                "libelle": "Taux",
                "formule": {"numerateur": "n", "denominateur": "d", "facteur": 100},
                "unite": "%",
            },
            "volume": {
                "libelle": "Volume",
                "formule": {"expression": "n + d"},
                "unite": "actes",
                "arrondi": {"decimales": 0, "mode": "demi_superieur"},
                "cibles": {
                    "grands": {"2025-2029": {"type": "seuil", "min": 50, "mesure": "taux"}},
                    "petits": {
                        "2025-2029": {
                            "type": "ou",
                            "conditions": [
                                {"type": "variation_relative", "pourcentage": 5},
                                {"type": "progression", "mesure": "taux"},
                                {
                                    "type": "jalon",
                                    "libelle": "Fait",
                                    "mesure": "jalon",
                                    "preuves": ["pv"],
                                },
                            ],
                        }
                    },
                },
                "derogations": {F3: {"motif": "test", "segment": "grands"}},
            },
            "jalon": {"libelle": "Jalon", "formule": {"expression": "fait"}, "unite": "jalon"},
        },
        preuves={"pv": {"libelle": "Procès-verbal"}},
    )
)

FINESS = [F1, F2, F3, "10000024"]
VALEURS = st.sampled_from(
    ["", "NA", "abc", "-1", 0, 1, 5, "12,5", 50, 100, 740, 777, "1 234,5", "oui", "non", None]
)
MESURE = st.fixed_dictionaries(
    {
        "finess": st.sampled_from(FINESS),
        "indicateur": st.sampled_from([CODE, CODE, CODE, "CPOM_X"]),
        "annee": st.sampled_from([2024, 2025, 2025, 2030]),
        "variable": st.sampled_from(["n", "d", "fait", "z"]),
        "valeur": VALEURS,
        "preuves": st.sampled_from([None, "pv", "autre"]),
        "commentaire": st.sampled_from([None, "a", "b"]),
    }
)
ETABLISSEMENT = st.fixed_dictionaries(
    {
        "finess": st.sampled_from(FINESS),
        "raison_sociale": st.sampled_from(["A", "B", ""]),
        "lits": st.sampled_from([10, 499, 500, "", "x"]),
    }
)
JEU = st.tuples(st.lists(ETABLISSEMENT, max_size=3), st.lists(MESURE, max_size=8))


def _resultats(etablissements: list[dict[str, Any]], mesures: list[dict[str, Any]]) -> Any:
    colonnes = {
        cle: [e[cle] for e in etablissements] for cle in ("finess", "raison_sociale", "lits")
    }
    donnees = load_dataset(CATALOGUE, colonnes, mesures)
    return evaluate(CATALOGUE, donnees, [2025])


@REGLAGES
@given(JEU, st.data())
def test_l_ordre_des_lignes_ne_change_rien(
    jeu: tuple[list[dict[str, Any]], list[dict[str, Any]]], data: st.DataObject
) -> None:
    etablissements, mesures = jeu
    avant = _resultats(etablissements, mesures)
    apres = _resultats(
        data.draw(st.permutations(etablissements)), data.draw(st.permutations(mesures))
    )
    # Explanations are built from the same arrays; leaving them out keeps 1,000 examples fast.
    assert apres.to_records(False) == avant.to_records(False)
    assert apres.bilans_records() == avant.bilans_records()
    assert sorted(p.code for p in apres.problemes) == sorted(p.code for p in avant.problemes)


@REGLAGES
@given(JEU, st.data())
def test_chaque_etablissement_s_evalue_comme_seul(
    jeu: tuple[list[dict[str, Any]], list[dict[str, Any]]], data: st.DataObject
) -> None:
    etablissements, mesures = jeu
    ensemble = _resultats(etablissements, mesures)
    if not ensemble.donnees.nombre_etablissements:
        return
    finess = data.draw(st.sampled_from(sorted(ensemble.donnees.finess.tolist())))
    seul = _resultats(
        [e for e in etablissements if e["finess"] == finess],
        [m for m in mesures if m["finess"] == finess],
    )
    attendu = [r for r in ensemble.to_records(False) if r["finess"] == finess]
    assert seul.to_records(False) == attendu


# --- monotonicity for targets asking for more -----------------------------------------------
NOMBRES = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)
ARRONDIS = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "decimales": st.integers(min_value=0, max_value=2),
            "mode": st.sampled_from(["demi_superieur", "demi_pair", "inferieur", "superieur"]),
        }
    ),
)
CIBLES_HAUSSE = st.one_of(
    st.builds(lambda m, i: {"type": "seuil", "min": m, "min_inclus": i}, NOMBRES, st.booleans()),
    st.builds(
        lambda m, p: {"type": "seuil", "min": m, "periodicite": p},
        NOMBRES,
        st.sampled_from(["trimestre", "mois"]),
    ),
    st.builds(lambda v: {"type": "increment", "valeur": v}, st.decimals(-1000, 1000, places=1)),
    st.builds(
        lambda p, c: {"type": "variation_relative", "pourcentage": p, "chainage": c},
        st.decimals(-50, 200, places=1),
        st.sampled_from(["valeur", "cible"]),
    ),
    st.builds(lambda s: {"type": "progression", "stabilisation_acceptee": s}, st.booleans()),
    st.builds(lambda m: {"type": "cumul", "min": m, "depuis": 2024}, NOMBRES),
)


def _texte(valeur: Decimal) -> str:
    return str(valeur).replace(".", ",")


@REGLAGES
@given(CIBLES_HAUSSE, ARRONDIS, NOMBRES, NOMBRES, NOMBRES)
def test_hausse_plus_ne_fait_jamais_manquer_une_cible_atteinte(
    cible: dict[str, Any],
    arrondi: dict[str, Any] | None,
    reference: Decimal,
    valeur: Decimal,
    hausse: Decimal,
) -> None:
    mesure: dict[str, Any] = {
        "libelle": "M",
        "formule": {"expression": "x"},
        "unite": "actes",
        "sens": "hausse",
        "cibles": {"tous": {"2025-2029": cible}},
    }
    if arrondi is not None:
        mesure["arrondi"] = arrondi
    cat = catalogue(fiche(mesures={"m": mesure}))
    mesures = [
        {"finess": f, "indicateur": CODE, "annee": a, "variable": "x", "valeur": _texte(v)}
        for f, plus in ((F1, Decimal(0)), (F2, hausse))
        for a, v in ((2024, reference), (2025, valeur + plus))
    ]
    donnees = load_dataset(cat, [{"finess": F1, "lits": 1}, {"finess": F2, "lits": 1}], mesures)
    statuts = {r["finess"]: r["statut"] for r in evaluate(cat, donnees, [2025]).to_records(False)}
    assert statuts[F1] in ("atteint", "non_atteint", "non_evaluable")
    if statuts[F1] == "atteint":
        assert statuts[F2] == "atteint"
    if statuts[F2] == "non_atteint":
        assert statuts[F1] == "non_atteint"
