"""The fiche model: its parts, FINESS keys as written, and model → YAML → model identity."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from cpom_rules.finess import avec_cle
from cpom_rules.spec.chargement import validate_document
from cpom_rules.spec.cibles import TYPES_CIBLES
from cpom_rules.spec.fiche import Derogation, Fiche, Formule, Mesure, Periode
from cpom_rules.spec.source import read_yaml_text
from cpom_rules.spec.types import MOTS_RESERVES
from tests.spec.fabrique import FICHE, lire_fiche, remplacer


def _erreurs(modele: type, donnees: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        modele.model_validate(donnees)
    return [erreur["type"] for erreur in info.value.errors()]


def test_fiche_minimale_lue() -> None:
    fiche, problemes = lire_fiche(FICHE)
    assert problemes == []
    assert fiche is not None
    mesure = fiche.mesures["taux_formes"]
    assert mesure.est_taux
    assert mesure.formule.est_ratio
    assert mesure.formule.facteur == Decimal(100)
    assert set(mesure.cibles["tous"]) == {"2025", "2026-2029"}
    assert fiche.periode is None  # the catalogue's period applies


# --- FINESS keys of derogations (A.3) ------------------------------------------------------------


def test_cles_finess_gardent_leur_zero_et_la_corse_est_acceptee() -> None:
    texte = remplacer(
        FICHE,
        (
            '    unite: "%"\n',
            '    unite: "%"\n'
            "    derogations:\n"
            "      010000024: {motif: Travaux, sans_objet: oui}\n"
            "      2A0000000: {motif: Corse, sans_objet: oui}\n"
            "      '340780477': {motif: Reclassé, segment: tous}\n",
        ),
    )
    fiche, problemes = lire_fiche(texte)
    assert problemes == []
    assert fiche is not None
    derogations = fiche.mesures["taux_formes"].derogations
    assert list(derogations) == ["010000024", "2A0000000", "340780477"]
    assert derogations["010000024"].sans_objet is True
    assert derogations["340780477"].segment == "tous"


@pytest.mark.parametrize(
    ("cle", "detail"),
    [
        ("10000024", "zéro initial"),
        ("340780478", "clé de contrôle incorrecte"),
        ("'34 078 0477'", "espaces"),
    ],
)
def test_cle_finess_invalide_localisee(cle: str, detail: str) -> None:
    texte = remplacer(
        FICHE,
        (
            '    unite: "%"\n',
            f'    unite: "%"\n    derogations:\n      {cle}: {{motif: x, sans_objet: oui}}\n',
        ),
    )
    _, problemes = lire_fiche(texte)
    assert [p.code for p in problemes] == ["finess_invalide"]
    probleme = problemes[0]
    assert (probleme.ligne, probleme.colonne) == (23, 7)
    assert detail in probleme.message
    assert probleme.chemin == f"mesures.taux_formes.derogations.{cle.strip(chr(39))}"


def test_derogation_vide() -> None:
    assert _erreurs(Derogation, {"motif": "x"}) == ["derogation_vide"]
    assert Derogation.model_validate({"motif": "x", "segment": "grands"}).segment == "grands"
    assert Derogation.model_validate({"motif": "x", "cibles": {"2025": "pas_de_cible"}}).cibles


# --- formulas, period, measures ---------------------------------------------------------------------


def test_formule_une_seule_forme() -> None:
    assert _erreurs(Formule, {"expression": "a", "numerateur": "b", "denominateur": "c"}) == [
        "formule_ambigue"
    ]
    assert _erreurs(Formule, {"expression": "a", "facteur": "100"}) == ["formule_ambigue"]
    assert _erreurs(Formule, {"numerateur": "a"}) == ["formule_ambigue"]
    assert _erreurs(Formule, {}) == ["formule_ambigue"]
    assert Formule.model_validate({"expression": "a + b"}).est_ratio is False
    assert Formule.model_validate({"numerateur": "a", "denominateur": "b"}).est_ratio is True


def test_periode() -> None:
    periode = Periode.model_validate({"debut": "2025", "fin": "2029"})
    assert list(periode.annees) == [2025, 2026, 2027, 2028, 2029]
    assert _erreurs(Periode, {"debut": "2029", "fin": "2025"}) == ["periode_inversee"]
    assert list(Periode.model_validate({"debut": 2025, "fin": 2025}).annees) == [2025]


@pytest.mark.parametrize(
    ("unite", "taux"), [("%", True), (" % ", True), ("actes", False), ("‰", False)]
)
def test_une_mesure_en_pourcent_est_un_taux(unite: str, taux: bool) -> None:
    mesure = Mesure.model_validate({"libelle": "m", "formule": {"expression": "a"}, "unite": unite})
    assert mesure.est_taux is taux


def test_cles_d_annees_normalisees_dans_une_table() -> None:
    texte = remplacer(FICHE, ("2026-2029:", "2026 - 2029:"))
    fiche, problemes = lire_fiche(texte)
    assert problemes == []
    assert fiche is not None
    assert set(fiche.mesures["taux_formes"].cibles["tous"]) == {"2025", "2026-2029"}


def test_raccourci_pas_de_cible_dans_une_fiche() -> None:
    texte = remplacer(
        FICHE, ('2025: {type: seuil, min: 10, texte: "≥ 10 %"}', "2025: pas_de_cible")
    )
    fiche, problemes = lire_fiche(texte)
    assert problemes == []
    assert fiche is not None
    assert fiche.mesures["taux_formes"].cibles["tous"]["2025"].type == "pas_de_cible"


# --- property: model -> YAML -> model is the identity -----------------------------------------------

_CARACTERES = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="\ufeff\x85"
)
TEXTES = st.text(_CARACTERES | st.just("\n"), min_size=1, max_size=30).map(str.strip).filter(
    bool
) | st.sampled_from(
    ["NON", "oui", "off", "010000024", "1/3", "12:30", "null", "~", "- x", "a: b", "# c", "≥ 10 %"]
)
IDENTIFIANTS = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True).filter(
    lambda nom: nom not in MOTS_RESERVES
)
NOMBRES = st.one_of(
    *(
        st.decimals(
            allow_nan=False,
            allow_infinity=False,
            places=places,
            min_value=-(10**12),
            max_value=10**12,
        )
        for places in (0, 2, 9)
    )
)
ANNEES = st.integers(2000, 2100)
BOOLEENS = st.booleans()
CLES_ANNEES = st.tuples(ANNEES, st.integers(0, 5)).map(
    lambda t: str(t[0]) if t[1] == 0 else f"{t[0]}-{t[0] + t[1]}"
)
FINESS = st.one_of(
    st.from_regex(r"[0-9]{8}", fullmatch=True).map(avec_cle),
    st.from_regex(r"2[AB][0-9]{7}", fullmatch=True),
)


def _optionnel(strategie: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategie


def _communs() -> dict[str, st.SearchStrategy[Any]]:
    return {
        "texte": _optionnel(TEXTES),
        "preuves": st.lists(IDENTIFIANTS, max_size=2),
        "mesure": _optionnel(IDENTIFIANTS),
    }


@st.composite
def _seuils(draw: st.DrawFn) -> dict[str, Any]:
    bornes = draw(st.lists(NOMBRES, min_size=1, max_size=2).map(sorted))
    cote = draw(st.sampled_from(["min", "max", "les deux"]))
    donnees: dict[str, Any] = {"type": "seuil"}
    if cote in ("min", "les deux"):
        donnees["min"] = bornes[0]
    if cote in ("max", "les deux"):
        donnees["max"] = bornes[-1]
    donnees["min_inclus"] = draw(BOOLEENS)
    donnees["periodicite"] = draw(st.sampled_from(["annee", "semestre", "trimestre", "mois"]))
    return donnees


def _simple(type_: str, **champs: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"type": st.just(type_), **champs}, optional=_communs())


@st.composite
def _k_parmi_n(draw: st.DrawFn) -> dict[str, Any]:
    elements = draw(st.lists(IDENTIFIANTS, min_size=1, max_size=4))
    return {"type": "k_parmi_n", "elements": elements, "k": draw(st.integers(0, len(elements)))}


CIBLES_SIMPLES = st.one_of(
    _seuils(),
    _simple("oui_non", attendu=st.sampled_from(["oui", "non"])),
    _simple(
        "increment", valeur=NOMBRES, reference=st.sampled_from(["n_moins_1", "initiale", "2024"])
    ),
    _simple(
        "variation_relative", pourcentage=NOMBRES, chainage=st.sampled_from(["valeur", "cible"])
    ),
    _simple("variation_points", points=NOMBRES),
    _simple("progression", stabilisation_acceptee=BOOLEENS),
    _simple("cumul", min=NOMBRES, depuis=ANNEES),
    _simple("cible_choisie", variable=IDENTIFIANTS, plancher=NOMBRES),
    _k_parmi_n(),
    _simple("jalon", libelle=TEXTES),
    _simple("echeance", annee=ANNEES, attendu=st.sampled_from(["oui", "non"])),
    _simple("sans_objet", motif=TEXTES),
    _simple("pas_de_cible", recueil_attendu=BOOLEENS),
    st.sampled_from(["pas_de_cible", "sans_objet"]),
)
CIBLES = st.recursive(
    CIBLES_SIMPLES,
    lambda enfants: st.fixed_dictionaries(
        {
            "type": st.sampled_from(["et", "ou"]),
            "conditions": st.lists(enfants, min_size=2, max_size=3),
        }
    ),
    max_leaves=4,
)
TABLES = st.dictionaries(CLES_ANNEES, CIBLES, max_size=3)


@st.composite
def _derogations(draw: st.DrawFn) -> dict[str, Any]:
    donnees: dict[str, Any] = {"motif": draw(TEXTES)}
    genre = draw(st.sampled_from(["sans_objet", "segment", "cibles"]))
    if genre == "sans_objet":
        donnees["sans_objet"] = True
    elif genre == "segment":
        donnees["segment"] = draw(IDENTIFIANTS)
    else:
        donnees["cibles"] = draw(st.dictionaries(CLES_ANNEES, CIBLES, min_size=1, max_size=2))
    return donnees


FORMULES = st.one_of(
    st.fixed_dictionaries({"expression": TEXTES}),
    st.fixed_dictionaries(
        {"numerateur": TEXTES, "denominateur": TEXTES}, optional={"facteur": NOMBRES}
    ),
)
MESURES = st.fixed_dictionaries(
    {"libelle": TEXTES, "formule": FORMULES, "unite": TEXTES},
    optional={
        "sens": st.sampled_from(["hausse", "baisse"]),
        "arrondi": st.fixed_dictionaries(
            {},
            optional={
                "decimales": st.integers(0, 4),
                "mode": st.sampled_from(["demi_superieur", "demi_pair", "inferieur", "superieur"]),
            },
        ),
        "cibles": st.dictionaries(IDENTIFIANTS, TABLES, max_size=2),
        "total": st.fixed_dictionaries(
            {
                "sens": st.sampled_from(
                    [
                        "somme",
                        "somme_increments",
                        "valeur_finale",
                        "variation_cumulee",
                        "qualitatif",
                    ]
                )
            },
            optional={
                "valeur": NOMBRES,
                "reference": st.sampled_from(["n_moins_1", "2024"]),
                "texte": TEXTES,
            },
        ),
        "derogations": st.dictionaries(FINESS, _derogations(), max_size=2),
    },
)
FICHES = st.fixed_dictionaries(
    {
        "code": st.from_regex(r"[A-Z][A-Z0-9_]{0,12}", fullmatch=True),
        "intitule": TEXTES,
        "objectif_strategique": TEXTES,
        "definition": TEXTES,
        "collecte": st.fixed_dictionaries(
            {
                "frequence": st.sampled_from(
                    ["annuelle", "semestrielle", "trimestrielle", "mensuelle", "continue"]
                )
            },
            optional={"fenetre": TEXTES, "modalites": TEXTES},
        ),
        "variables": st.dictionaries(
            IDENTIFIANTS,
            st.fixed_dictionaries(
                {
                    "libelle": TEXTES,
                    "type": st.sampled_from(
                        ["nombre", "taux", "booleen", "date", "jalon", "texte"]
                    ),
                },
                optional={"unite": TEXTES, "obligatoire": BOOLEENS},
            ),
            max_size=3,
        ),
        "mesures": st.dictionaries(IDENTIFIANTS, MESURES, min_size=1, max_size=2),
    },
    optional={
        "periode": st.tuples(ANNEES, st.integers(0, 6)).map(
            lambda t: {"debut": t[0], "fin": t[0] + t[1]}
        ),
        "perimetre": st.fixed_dictionaries({}, optional={"condition": TEXTES, "texte": TEXTES}),
        "segments": st.dictionaries(
            IDENTIFIANTS,
            st.fixed_dictionaries({"libelle": TEXTES}, optional={"condition": TEXTES}),
            max_size=2,
        ),
        "preuves": st.dictionaries(
            IDENTIFIANTS,
            st.fixed_dictionaries(
                {"libelle": TEXTES}, optional={"annees": st.lists(ANNEES, max_size=3)}
            ),
            max_size=2,
        ),
        "sources": st.lists(TEXTES, max_size=2),
        "references": st.lists(TEXTES, max_size=2),
        "notes": st.lists(TEXTES, max_size=2),
    },
).map(Fiche.model_validate)


def _aller_retour(fiche: Fiche) -> Fiche:
    donnees = fiche.model_dump(mode="json", exclude_defaults=True)
    texte = yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False)
    document, problemes = read_yaml_text(texte, "aller-retour.yaml")
    assert problemes == [], [p.texte() for p in problemes]
    assert document is not None
    relue, _, defauts = validate_document(document, Fiche)
    assert defauts == [], [p.texte() for p in defauts]
    assert relue is not None
    return relue


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(FICHES)
def test_propriete_modele_yaml_modele_est_l_identite(fiche: Fiche) -> None:
    assert _aller_retour(fiche) == fiche


def test_aller_retour_des_fiches_livrees() -> None:
    from tests.spec.fabrique import SPECS

    chemins = sorted(
        p
        for p in SPECS.glob("*.yaml")
        if p.name != "catalogue.yaml" and not p.name.endswith(".cas.yaml")
    )
    assert chemins
    for chemin in chemins:
        fiche, problemes = lire_fiche(chemin.read_text(encoding="utf-8"), chemin.name)
        assert problemes == [], [p.texte() for p in problemes]
        assert fiche is not None
        assert _aller_retour(fiche) == fiche


def test_strategie_couvre_tous_les_types_de_cibles() -> None:
    vus: set[str] = set()

    def parcourir(cible: Any) -> None:
        vus.add(cible if isinstance(cible, str) else cible["type"])
        if isinstance(cible, dict):
            for condition in cible.get("conditions", ()):
                parcourir(condition)

    @settings(max_examples=300, deadline=None, database=None)
    @given(CIBLES)
    def collecter(cible: Any) -> None:
        parcourir(cible)

    collecter()
    assert vus == set(TYPES_CIBLES)


@pytest.mark.parametrize(
    ("ecrit", "lu"), [("NON", "non"), ("non", "non"), ("Oui", "oui"), ("'oui'", "oui")]
)
def test_attendu_oui_non_lu_depuis_le_yaml(ecrit: str, lu: str) -> None:
    texte = remplacer(
        FICHE,
        (
            '2025: {type: seuil, min: 10, texte: "≥ 10 %"}',
            f"2025: {{type: oui_non, attendu: {ecrit}, mesure: plan}}",
        ),
    )
    fiche, problemes = lire_fiche(texte)
    assert problemes == []
    assert fiche is not None
    cible = fiche.mesures["taux_formes"].cibles["tous"]["2025"]
    assert cible.type == "oui_non"
    assert cible.attendu == lu  # type: ignore[union-attr]


def test_attendu_off_refuse_depuis_le_yaml() -> None:
    texte = remplacer(
        FICHE,
        ('2025: {type: seuil, min: 10, texte: "≥ 10 %"}', "2025: {type: oui_non, attendu: off}"),
    )
    _, problemes = lire_fiche(texte)
    assert [p.code for p in problemes] == ["oui_non_invalide"]
    assert problemes[0].message == "« off » n'est pas une réponse oui/non"
    assert (problemes[0].ligne, problemes[0].colonne) == (24, 40)
