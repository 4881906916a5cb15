"""The formula sandbox at load time: safe grammar, declared names, types, limits (ADVERSARIAL C)."""

from __future__ import annotations

import ast
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpom_rules.formules.expression import (
    FONCTIONS,
    MAX_LONGUEUR,
    MAX_NOEUDS,
    MAX_PROFONDEUR,
    Defaut,
    Expression,
    Symbole,
    TypeExpr,
    analyser,
    suggerer,
)
from cpom_rules.messages import MESSAGES, rendre

LIMITE_SECONDES = 2.0

SYMBOLES = {
    "numerateur": Symbole("numerateur", TypeExpr.NOMBRE, "variable"),
    "denominateur": Symbole("denominateur", TypeExpr.NOMBRE, "variable"),
    "a": Symbole("a", TypeExpr.NOMBRE, "variable"),
    "b": Symbole("b", TypeExpr.NOMBRE, "variable"),
    "c": Symbole("c", TypeExpr.NOMBRE, "variable"),
    "x": Symbole("x", TypeExpr.BOOLEEN, "variable"),
    "y": Symbole("y", TypeExpr.BOOLEEN, "variable"),
    "lits": Symbole("lits", TypeExpr.NOMBRE, "attribut"),
    "categorie": Symbole(
        "categorie", TypeExpr.TEXTE, "attribut", frozenset({"CHU", "CH", "clinique"})
    ),
    "activites": Symbole("activites", TypeExpr.LISTE, "attribut", frozenset({"MCO", "HAD"})),
    "signature": Symbole("signature", TypeExpr.DATE, "variable"),
}


def _accepte(texte: str) -> Expression:
    expression, defauts = analyser(texte, SYMBOLES)
    assert defauts == [], defauts
    assert expression is not None
    return expression


def _refuse(texte: str) -> list[Defaut]:
    debut = time.perf_counter()
    expression, defauts = analyser(texte, SYMBOLES)
    assert time.perf_counter() - debut < LIMITE_SECONDES
    assert expression is None
    assert defauts
    for defaut in defauts:
        assert defaut.code in MESSAGES
        message, _ = rendre(defaut.code, {k: str(v) for k, v in defaut.params.items()})
        assert message
    return defauts


def _codes(texte: str) -> list[str]:
    return [d.code for d in _refuse(texte)]


# --- what is allowed --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "type_"),
    [
        ("numerateur / denominateur * 100", TypeExpr.NOMBRE),
        ("a + b - c * 2 / 3", TypeExpr.NOMBRE),
        ("-a + +b", TypeExpr.NOMBRE),
        ("12.5 + .5 + 3.", TypeExpr.NOMBRE),
        ("min(a, b, c) + max(a, b) + abs(c)", TypeExpr.NOMBRE),
        ("compte(x, y, a > 0)", TypeExpr.NOMBRE),
        ("annee_de(signature) + 1", TypeExpr.NOMBRE),
        ("annee - 2024", TypeExpr.NOMBRE),
        ("lits >= 100 and lits <= 499", TypeExpr.BOOLEEN),
        ("100 <= lits <= 499", TypeExpr.BOOLEEN),
        ("a < b < c", TypeExpr.BOOLEEN),
        ("x and y or not x", TypeExpr.BOOLEEN),
        ("x == y", TypeExpr.BOOLEEN),
        ("categorie in ('CHU', 'CH')", TypeExpr.BOOLEEN),
        ("categorie not in ['clinique']", TypeExpr.BOOLEEN),
        ("categorie == 'CHU'", TypeExpr.BOOLEEN),
        ("'MCO' in activites", TypeExpr.BOOLEEN),
        ("lits in (100, 200)", TypeExpr.BOOLEEN),
        ("renseigne(a, categorie)", TypeExpr.BOOLEEN),
        ("True or False", TypeExpr.BOOLEEN),
        ("signature < signature", TypeExpr.BOOLEEN),
        ("a", TypeExpr.NOMBRE),
        ("  a  +\n  b  ", TypeExpr.NOMBRE),
    ],
)
def test_expressions_admises_et_leur_type(texte: str, type_: TypeExpr) -> None:
    expression = _accepte(texte)
    assert expression.type is type_
    assert expression.noms <= set(SYMBOLES) | {"annee"}


def test_noms_retenus_et_constantes_exactes() -> None:
    expression = _accepte("a / b * 100 >= 56.5")
    assert expression.noms == {"a", "b"}
    assert sorted(str(v) for v in expression.constantes.values()) == ["100", "56.5"]
    assert expression.texte == "a / b * 100 >= 56.5"


# --- C.18 undeclared names -----------------------------------------------------------------------


def test_nom_non_declare_avec_suggestion() -> None:
    defauts = _refuse("numerateur / denominatuer")
    assert [d.code for d in defauts] == ["nom_inconnu"]
    defaut = defauts[0]
    assert defaut.params["nom"] == "denominatuer"
    assert defaut.params["suggestion"] == "vouliez-vous dire « denominateur » ?"
    assert defaut.decalage == 14  # 1-based offset of the name in the text
    message, conseil = rendre("nom_inconnu", {k: str(v) for k, v in defaut.params.items()})
    assert message == "nom inconnu « denominatuer » dans l'expression « numerateur / denominatuer »"
    assert conseil == "vouliez-vous dire « denominateur » ?"


def test_nom_sans_ressemblance_conseille_de_le_declarer() -> None:
    defaut = _refuse("zzzz + 1")[0]
    assert "déclarez-le" in defaut.params["suggestion"]


def test_tous_les_noms_inconnus_signales() -> None:
    assert _codes("inconnu1 + inconnu2") == ["nom_inconnu", "nom_inconnu"]


def test_fonction_sans_parentheses() -> None:
    defaut = _refuse("min + 1")[0]
    assert defaut.code == "expression_syntaxe"
    assert "écrivez min(…)" in defaut.params["detail"]


# --- C.19 / C.20 sandbox escapes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "code"),
    [
        ("().__class__.__bases__[0].__subclasses__()", "expression_interdite"),
        ("numerateur.__class__", "expression_interdite"),
        ("numerateur.real", "expression_interdite"),
        ("__import__('os')", "fonction_inconnue"),
        ("__import__('os').system('true')", "expression_interdite"),
        ("__builtins__", "expression_interdite"),
        ("_a + 1", "expression_interdite"),
        ("open('/etc/passwd')", "fonction_inconnue"),
        ("exec('import os')", "fonction_inconnue"),
        ("eval('1 + 1')", "fonction_inconnue"),
        ("compile('1', 'f', 'eval')", "fonction_inconnue"),
        ("getattr(a, 'real')", "fonction_inconnue"),
        ("globals()", "fonction_inconnue"),
        ("breakpoint()", "fonction_inconnue"),
        ("a[0]", "expression_interdite"),
        ("min(a, b=1)", "expression_interdite"),
        ("min(*a)", "expression_interdite"),
    ],
)
def test_evasions_refusees_au_chargement(texte: str, code: str) -> None:
    assert code in _codes(texte)


def test_fonction_inconnue_liste_les_fonctions_permises() -> None:
    defaut = _refuse("open('/etc/passwd')")[0]
    assert defaut.params["nom"] == "open"
    assert defaut.params["possibles"] == ", ".join(sorted(FONCTIONS))


def test_rien_n_est_execute_au_chargement(tmp_path) -> None:
    temoin = tmp_path / "execute"
    _refuse(f"__import__('os').system('touch {temoin}')")
    _refuse(f"open('{temoin}', 'w')")
    assert not temoin.exists()


# --- C.21 resource exhaustion -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "code", "element"),
    [
        ("9**9**9**9", "expression_interdite", "la puissance « ** »"),
        ("'a' * 10**9", "expression_interdite", "la puissance « ** »"),
        ("a // b", "expression_interdite", "la division entière « // »"),
        (
            "a % b",
            "expression_interdite",
            "le modulo « % » (pour un pourcentage, utilisez un facteur 100)",
        ),
        ("a << 1000000", "expression_interdite", "« << »"),
        ("999999999999999999999 * a", "expression_interdite", "le nombre 99999999999999999999"),
        ("1e308 * a", "expression_interdite", "le nombre 1e308"),
        ("1_000 * a", "expression_interdite", "le nombre 1_000"),
        ("0x10 + a", "expression_interdite", "le nombre 0x10"),
        ("0b1 + a", "expression_interdite", "le nombre 0b1"),
        ("0o7 + a", "expression_interdite", "le nombre 0o7"),
        ("1j + a", "expression_interdite", "1j"),
    ],
)
def test_calculs_demesures_refuses(texte: str, code: str, element: str) -> None:
    defauts = _refuse(texte)
    assert defauts[0].code == code
    assert defauts[0].params["element"] == element


def test_texte_de_100000_caracteres_refuse_vite() -> None:
    texte = " + ".join(["a"] * 25_000)
    assert len(texte) > 99_000
    defaut = _refuse(texte)[0]
    assert defaut.code == "expression_trop_longue"
    assert defaut.params == {"longueur": str(len(texte)), "maximum": str(MAX_LONGUEUR)}


def test_dix_mille_parentheses_imbriquees_refusees_vite() -> None:
    assert _codes("(" * 10_000 + "a" + ")" * 10_000) == ["expression_trop_longue"]


def test_parentheses_imbriquees_sous_la_limite_de_longueur() -> None:
    # Plain parentheses add no depth: bounded and accepted; past Python's own limit, refused.
    assert _accepte("(" * 150 + "a" + ")" * 150).type is TypeExpr.NOMBRE
    defaut = _refuse("(" * 500 + "a" + ")" * 500)[0]
    assert defaut.code == "expression_syntaxe"
    assert defaut.params["detail"] == "trop de parenthèses imbriquées"


@pytest.mark.parametrize(
    "texte",
    [
        "-(" * 45 + "a" + ")" * 45,
        "not " * 60 + "x",
        " + ".join(["a"] * 60),
        "min(" * 45 + "a" + ", a)" * 45,
    ],
)
def test_imbrication_profonde_refusee(texte: str) -> None:
    defaut = _refuse(texte)[0]
    assert defaut.code == "expression_trop_complexe"
    assert f"maximum {MAX_PROFONDEUR}" in defaut.params["detail"]


def test_trop_d_elements_refuse() -> None:
    texte = "min(" + ", ".join(["a"] * (MAX_NOEUDS + 10)) + ")"
    assert len(texte) <= MAX_LONGUEUR
    defauts = _refuse(texte)
    assert [d.code for d in defauts] == ["expression_trop_complexe"]
    assert defauts[0].params["detail"] == f"plus de {MAX_NOEUDS} éléments"


def test_texte_constant_trop_long_refuse() -> None:
    assert _codes("categorie == '" + "x" * 300 + "'") == ["expression_trop_complexe"]


# --- C.22 constructs that are not expressions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "element"),
    [
        ("lambda: 1", "lambda"),
        ("(lambda: a)()", "lambda"),
        ("[a for a in (1, 2)]", "une compréhension de liste"),
        ("{a for a in (1, 2)}", "une compréhension d'ensemble"),
        ("{a: 1 for a in (1, 2)}", "une compréhension de dictionnaire"),
        ("min(a for a in (1, 2))", "un générateur"),
        ("(y := 1)", "l'affectation « := »"),
        ("f'{a}'", "une f-chaîne"),
        ("a if x else b", "« x if c else y »"),
        ("{'a': 1}", "un dictionnaire"),
        ("{1, 2}", "un ensemble"),
        ("(a, b)", "une liste hors de « in »"),
        ("x is y", "« is » (écrivez « == »)"),
        ("a | b", "« | » (écrivez « or »)"),
        ("~x", "« ~ » (écrivez « not »)"),
        ("None", "None"),
        ("...", "Ellipsis"),
        ("b'x'", "b'x'"),
        ("categorie in (a, 'CH')", "un élément calculé dans une liste"),
    ],
)
def test_constructions_interdites_avec_leur_nom_en_francais(texte: str, element: str) -> None:
    defauts = _refuse(texte)
    assert "expression_interdite" in [d.code for d in defauts]
    assert element in [d.params.get("element") for d in defauts]


@pytest.mark.parametrize(
    ("texte", "detail"),
    [
        ("a +", "expression incomplète"),
        ("(a", "parenthèse ou guillemet jamais fermé"),
        ("a)", "parenthèse fermante sans ouvrante"),
        ("categorie == 'CH", "guillemet jamais fermé"),
        ("a b", "syntaxe incorrecte près de « b »"),
        ("", "expression vide"),
        ("   ", "expression vide"),
        ("a = 1", "syntaxe incorrecte près de « = 1 »"),
        ("import os", "syntaxe incorrecte près de « import os »"),
        ("a\x00", "caractère nul"),
        (
            "categorie == «CHU»",
            "caractère « « » (U+00AB) non autorisé : utilisez des guillemets droits ' '",
        ),
        ("a \u200b", "caractère invisible U+200B (souvent collé depuis un traitement de texte)"),
        ("07 + a", "nombre commençant par 0 : écrivez 7 plutôt que 07"),
        ("1a", "nombre mal écrit (un nom ne commence pas par un chiffre)"),
        ("(a]", "parenthèses, crochets ou accolades mal appariés"),
    ],
)
def test_syntaxe_en_francais(texte: str, detail: str) -> None:
    defauts = _refuse(texte)
    assert [d.code for d in defauts] == ["expression_syntaxe"]
    assert defauts[0].params["detail"] == detail
    source_normalisee = " ".join(texte.split())
    decalage = defauts[0].decalage
    assert decalage is None or 1 <= decalage <= len(source_normalisee) + 1


def test_liste_vide_apres_in() -> None:
    assert _codes("categorie in ()") == ["expression_syntaxe"]


# --- types --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "detail"),
    [
        ("a + x", "calcul arithmétique entre nombre et booleen"),
        ("not a", "« not » appliqué à un nombre"),
        ("-x", "signe appliqué à un booleen"),
        ("a and x", "« and » entre des valeurs qui ne sont pas des conditions"),
        ("x < y", "« < » ou « > » entre des booleens"),
        ("categorie < 'CH'", "« < » ou « > » entre des textes"),
        ("a == categorie", "comparaison entre nombre et texte"),
        ("a in ('CHU', 'CH')", "« in » entre un nombre et une liste de texte"),
        ("a in activites", "« in » entre un nombre et un liste"),
        ("activites == activites", "comparaison de listes"),
        ("min(a)", "min() attend (nombre, nombre, …)"),
        ("abs(a, b)", "abs() attend (nombre)"),
        ("compte(a, b)", "compte() attend (booleen, booleen, …)"),
        ("annee_de(a)", "annee_de() attend (date)"),
    ],
)
def test_types_incompatibles(texte: str, detail: str) -> None:
    defauts = _refuse(texte)
    assert [d.code for d in defauts] == ["type_incompatible"]
    assert defauts[0].params["detail"] == detail
    assert defauts[0].params["conseil"]


def test_valeur_hors_liste_suggeree() -> None:
    defauts = _refuse("categorie == 'CHUU'")
    assert [d.code for d in defauts] == ["valeur_hors_liste"]
    assert defauts[0].params["possibles"] == "CH, CHU, clinique"
    assert defauts[0].params["suggestion"] == " — vouliez-vous dire « CHU » ?"
    assert defauts[0].decalage == 14
    assert _codes("categorie in ('CHU', 'CHR')") == ["valeur_hors_liste"]
    assert _codes("'SSR' in activites") == ["valeur_hors_liste"]


def test_suggerer() -> None:
    assert (
        suggerer("denominatuer", ["numerateur", "denominateur"])
        == "vouliez-vous dire « denominateur » ?"
    )
    assert suggerer("zzz", ["a"]) == ""


# --- properties ------------------------------------------------------------------------------------------


def _verifier_sans_exception(texte: str) -> None:
    debut = time.perf_counter()
    expression, defauts = analyser(texte, SYMBOLES)
    assert time.perf_counter() - debut < LIMITE_SECONDES
    assert (expression is None) == bool(defauts)
    for defaut in defauts:
        assert defaut.code in MESSAGES
        rendre(defaut.code, {k: str(v) for k, v in defaut.params.items()})
        if defaut.decalage is not None:
            assert defaut.decalage >= 1
    if expression is not None:
        assert isinstance(expression.arbre, ast.expr)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_propriete_ne_leve_jamais_sur_un_texte_quelconque(texte: str) -> None:
    _verifier_sans_exception(texte)


_JETONS = st.sampled_from(
    [
        "a",
        "b",
        "x",
        "categorie",
        "activites",
        "annee",
        "inconnu",
        "__class__",
        "_x",
        "open",
        "min",
        "abs",
        "compte",
        "renseigne",
        "annee_de",
        "lambda",
        "for",
        "in",
        "not",
        "and",
        "or",
        "if",
        "else",
        "is",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        ".",
        "+",
        "-",
        "*",
        "/",
        "**",
        "//",
        "%",
        "<",
        "<=",
        "==",
        "!=",
        ">",
        ">=",
        ":=",
        "~",
        "|",
        "&",
        "0",
        "1",
        "2.5",
        "0x1F",
        "1e9",
        "1_0",
        "1j",
        "'CHU'",
        "'x'",
        "f'{a}'",
        "b'x'",
        "None",
        "True",
        "...",
        " ",
        "@",
        "!",
        "\\",
        "\n",
        "#",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_JETONS, max_size=25).map(" ".join))
def test_propriete_ne_leve_jamais_sur_des_jetons_python(texte: str) -> None:
    _verifier_sans_exception(texte)


def _expressions_valides() -> st.SearchStrategy[tuple[str, TypeExpr]]:
    nombres = st.sampled_from(["a", "b", "c", "lits", "annee", "1", "2.5", "100"]).map(
        lambda t: (t, TypeExpr.NOMBRE)
    )
    booleens = st.sampled_from(["x", "y", "True"]).map(lambda t: (t, TypeExpr.BOOLEEN))

    def etendre(
        enfants: st.SearchStrategy[tuple[str, TypeExpr]],
    ) -> st.SearchStrategy[tuple[str, TypeExpr]]:
        des_nombres = enfants.filter(lambda e: e[1] is TypeExpr.NOMBRE)
        des_booleens = enfants.filter(lambda e: e[1] is TypeExpr.BOOLEEN)
        return st.one_of(
            st.tuples(des_nombres, st.sampled_from("+-*/"), des_nombres).map(
                lambda t: (f"({t[0][0]} {t[1]} {t[2][0]})", TypeExpr.NOMBRE)
            ),
            st.tuples(
                des_nombres, st.sampled_from(["<", "<=", "==", "!=", ">", ">="]), des_nombres
            ).map(lambda t: (f"{t[0][0]} {t[1]} {t[2][0]}", TypeExpr.BOOLEEN)),
            st.tuples(des_booleens, st.sampled_from(["and", "or"]), des_booleens).map(
                lambda t: (f"({t[0][0]} {t[1]} {t[2][0]})", TypeExpr.BOOLEEN)
            ),
            des_booleens.map(lambda e: (f"(not {e[0]})", TypeExpr.BOOLEEN)),
            st.lists(des_nombres, min_size=2, max_size=3).map(
                lambda termes: (f"min({', '.join(e[0] for e in termes)})", TypeExpr.NOMBRE)
            ),
            st.lists(des_booleens, min_size=2, max_size=3).map(
                lambda termes: (f"compte({', '.join(e[0] for e in termes)})", TypeExpr.NOMBRE)
            ),
        )

    return st.recursive(nombres | booleens, etendre, max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(_expressions_valides())
def test_propriete_expressions_bien_formees_acceptees_avec_leur_type(
    expression_et_type: tuple[str, TypeExpr],
) -> None:
    texte, type_ = expression_et_type
    expression = _accepte(texte)
    assert expression.type is type_


def test_chaque_refus_a_un_message_francais() -> None:
    verifier: Callable[[str], None] = _verifier_sans_exception
    for texte in ("a.b", "lambda: 1", "a ** 2", "inconnu", "open(1)", "a + x", "(" * 500):
        verifier(texte)
