"""Parse and type-check a formula or condition once, at load time.

The grammar is a small, safe subset of Python expressions: numbers, quoted texts, declared
names, ``+ - * /``, comparisons (chains allowed), ``and``/``or``/``not``, ``in`` against a
list of constants or a list attribute, and calls to the functions of `FONCTIONS`. Anything
else (attribute access, indexing, ``**``, lambdas, comprehensions, ``:=``, f-strings,
conditional expressions) is refused with a message saying what to write instead. Length,
node count and depth are bounded. Every name must be declared; a close match is suggested.

The result is an `Expression` whose tree `cpom_rules.formules.evaluation` runs over whole
numpy columns.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from cpom_rules.messages import indice

MAX_LONGUEUR = 2_000
MAX_NOEUDS = 400
MAX_PROFONDEUR = 40
MAX_CHIFFRES = 15  # digits of a numeric constant: keeps exact int64 arithmetic in range
MAX_TEXTE = 200
# A numeric constant as authors write it: digits with an optional decimal point. Rules out
# ``1e3``, ``1_000``, ``0x10``, ``0b1``, ``0o7`` and ``1j``, which Decimal could not read back.
_NOMBRE_SIMPLE = re.compile(r"^(?:\d+\.?\d*|\.\d+)$")


class TypeExpr(StrEnum):
    """The type of a value in an expression."""

    NOMBRE = "nombre"
    BOOLEEN = "booleen"
    TEXTE = "texte"
    DATE = "date"
    LISTE = "liste"


@dataclass(frozen=True, slots=True)
class Symbole:
    """A name an expression may use: a variable, a measure, an attribute, or ``annee``."""

    nom: str
    type: TypeExpr
    genre: str
    valeurs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Fonction:
    """A whitelisted function: its argument types and its result type."""

    nom: str
    arguments: tuple[TypeExpr, ...] | None  # None: any number (≥ 2) of `variadique`
    resultat: TypeExpr
    variadique: TypeExpr | None = None
    description: str = ""


FONCTIONS: dict[str, Fonction] = {
    "min": Fonction(
        "min", None, TypeExpr.NOMBRE, TypeExpr.NOMBRE, "le plus petit de plusieurs nombres"
    ),
    "max": Fonction(
        "max", None, TypeExpr.NOMBRE, TypeExpr.NOMBRE, "le plus grand de plusieurs nombres"
    ),
    "abs": Fonction("abs", (TypeExpr.NOMBRE,), TypeExpr.NOMBRE, description="valeur absolue"),
    "annee_de": Fonction(
        "annee_de", (TypeExpr.DATE,), TypeExpr.NOMBRE, description="année d'une date"
    ),
    "renseigne": Fonction(
        "renseigne", None, TypeExpr.BOOLEEN, None, "vrai si la valeur est connue"
    ),
    "compte": Fonction(
        "compte", None, TypeExpr.NOMBRE, TypeExpr.BOOLEEN, "nombre de conditions vraies"
    ),
}

ANNEE = Symbole("annee", TypeExpr.NOMBRE, "année évaluée")


@dataclass(frozen=True, slots=True)
class Defaut:
    """Why an expression is refused: a message code, its parameters, the offset in the text."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    decalage: int | None = None


@dataclass(frozen=True, slots=True)
class Expression:
    """A parsed, type-checked expression, ready to run over columns."""

    texte: str
    arbre: ast.expr
    type: TypeExpr
    noms: frozenset[str]
    constantes: Mapping[int, Decimal | str | bool] = field(default_factory=dict)


_REFUS: dict[type[ast.AST], tuple[str, str, str]] = {
    ast.Attribute: (
        "accès à un attribut « . »",
        "nommez directement une variable déclarée",
        "name a declared variable directly",
    ),
    ast.Subscript: (
        "l'indexation « [ ] »",
        "nommez directement une variable déclarée",
        "name a declared variable directly",
    ),
    ast.Lambda: (
        "lambda",
        "une expression calcule une valeur, elle ne définit pas de fonction",
        "an expression computes a value",
    ),
    ast.ListComp: (
        "une compréhension de liste",
        "écrivez le calcul explicitement",
        "write the computation explicitly",
    ),
    ast.SetComp: (
        "une compréhension d'ensemble",
        "écrivez le calcul explicitement",
        "write the computation explicitly",
    ),
    ast.DictComp: (
        "une compréhension de dictionnaire",
        "écrivez le calcul explicitement",
        "write the computation explicitly",
    ),
    ast.GeneratorExp: (
        "un générateur",
        "écrivez le calcul explicitement",
        "write the computation explicitly",
    ),
    ast.NamedExpr: (
        "l'affectation « := »",
        "une expression ne modifie rien",
        "an expression changes nothing",
    ),
    ast.JoinedStr: (
        "une f-chaîne",
        "écrivez le texte entre guillemets simples",
        "write the text in plain quotes",
    ),
    ast.IfExp: (
        "« x if c else y »",
        "écrivez deux mesures ou une cible composite (et / ou)",
        "use two measures or a composite target",
    ),
    ast.Dict: ("un dictionnaire", "", ""),
    ast.Set: (
        "un ensemble",
        "écrivez une liste entre parenthèses : ('CHU', 'CH')",
        "write a list in parentheses: ('CHU', 'CH')",
    ),
    ast.Starred: ("« * »", "", ""),
    ast.Await: ("await", "", ""),
    ast.Yield: ("yield", "", ""),
    ast.YieldFrom: ("yield", "", ""),
    ast.Slice: ("une tranche", "", ""),
}
_OPERATEURS_REFUSES: dict[type[ast.AST], str] = {
    ast.Pow: "la puissance « ** »",
    ast.FloorDiv: "la division entière « // »",
    ast.Mod: "le modulo « % » (pour un pourcentage, utilisez un facteur 100)",
    ast.MatMult: "« @ »",
    ast.LShift: "« << »",
    ast.RShift: "« >> »",
    ast.BitOr: "« | » (écrivez « or »)",
    ast.BitAnd: "« & » (écrivez « and »)",
    ast.BitXor: "« ^ »",
    ast.Invert: "« ~ » (écrivez « not »)",
    ast.Is: "« is » (écrivez « == »)",
    ast.IsNot: "« is not » (écrivez « != »)",
}
_ARITHMETIQUE = (ast.Add, ast.Sub, ast.Mult, ast.Div)
_ORDRE = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_EGALITE = (ast.Eq, ast.NotEq)
_APPARTENANCE = (ast.In, ast.NotIn)


def suggerer(nom: str, possibles: object, langue: Literal["fr", "en"] = "fr") -> str:
    """« vouliez-vous dire « x » ? » (« did you mean « x » ? ») when a close match exists, else
    the empty string."""
    proches = difflib.get_close_matches(nom, [str(p) for p in possibles], n=1, cutoff=0.6)  # type: ignore[attr-defined]
    return indice("vouliez_vous_dire", langue, nom=proches[0]) if proches else ""


def analyser(texte: str, symboles: Mapping[str, Symbole]) -> tuple[Expression | None, list[Defaut]]:
    """Parse `texte` and check it against the declared `symboles`.

    Returns the expression, or None and every defect found.
    """
    if len(texte) > MAX_LONGUEUR:
        return None, [
            Defaut(
                "expression_trop_longue",
                {"longueur": str(len(texte)), "maximum": str(MAX_LONGUEUR)},
            )
        ]
    source = " ".join(texte.split())
    if not source:
        return None, [
            Defaut("expression_syntaxe", {"expression": texte, "detail": "expression vide"})
        ]
    try:
        arbre = ast.parse(source, mode="eval").body
    except SyntaxError as exc:
        # Python gives no usable offset (0 or None) when the text simply stops too early.
        dans_le_texte = exc.offset is not None and 1 <= exc.offset <= len(source)
        decalage = exc.offset if dans_le_texte else len(source) + 1
        detail = _syntaxe_en_francais(exc, source, dans_le_texte)
        return None, [
            Defaut(
                "expression_syntaxe", {"expression": _abreger(source), "detail": detail}, decalage
            )
        ]
    except (ValueError, MemoryError, RecursionError) as exc:
        return None, [
            Defaut(
                "expression_syntaxe", {"expression": _abreger(source), "detail": type(exc).__name__}
            )
        ]
    verificateur = _Verificateur(source, symboles)
    type_ = verificateur.verifier_racine(arbre)
    if verificateur.defauts or type_ is None:
        return None, verificateur.defauts
    return Expression(
        source, arbre, type_, frozenset(verificateur.noms), verificateur.constantes
    ), []


def _abreger(texte: str) -> str:
    return texte if len(texte) <= 80 else texte[:77] + "…"


def _syntaxe_en_francais(exc: SyntaxError, source: str, dans_le_texte: bool) -> str:
    message = exc.msg or ""
    if "too many nested parentheses" in message:
        return "trop de parenthèses imbriquées"
    if "was never closed" in message or "unexpected EOF" in message:
        return "parenthèse ou guillemet jamais fermé"
    if "unterminated string" in message or "unterminated triple-quoted" in message:
        return "guillemet jamais fermé"
    if "unmatched" in message:
        return "parenthèse fermante sans ouvrante"
    if "does not match opening parenthesis" in message:
        return "parenthèses, crochets ou accolades mal appariés"
    if "invalid syntax" in message:
        if not dans_le_texte or exc.offset is None:
            return "expression incomplète"
        return f"syntaxe incorrecte près de « {source[exc.offset - 1 :][:12]} »"
    invisible = re.search(r"invalid non-printable character (U\+[0-9A-F]+)", message)
    if invisible:
        return f"caractère invisible {invisible[1]} (souvent collé depuis un traitement de texte)"
    caractere = re.search(r"invalid character '(.)' \((U\+[0-9A-F]+)\)", message)
    if caractere:
        droits = " : utilisez des guillemets droits ' '" if caractere[1] in "«»“”‘’" else ""
        return f"caractère « {caractere[1]} » ({caractere[2]}) non autorisé{droits}"
    for motif, francais in _SYNTAXE_PYTHON:
        if motif in message:
            return francais
    return f"syntaxe incorrecte ({message})"


_SYNTAXE_PYTHON = (
    ("null bytes", "caractère nul"),
    ("invalid decimal literal", "nombre mal écrit (un nom ne commence pas par un chiffre)"),
    ("leading zeros", "nombre commençant par 0 : écrivez 7 plutôt que 07"),
    ("line continuation character", "barre oblique inverse « \\ » inattendue"),
    ("f-string", "f-chaîne mal formée"),
)


class _Verificateur:
    """Walks the tree once: allowed nodes, declared names, types, limits."""

    def __init__(self, source: str, symboles: Mapping[str, Symbole]) -> None:
        self.source = source
        self.symboles = symboles
        self.defauts: list[Defaut] = []
        self.noms: set[str] = set()
        self.constantes: dict[int, Decimal | str | bool] = {}
        self.noeuds = 0

    def signaler(self, code: str, noeud: ast.AST | None = None, **params: str) -> None:
        decalage = getattr(noeud, "col_offset", None)
        self.defauts.append(Defaut(code, params, None if decalage is None else decalage + 1))

    def verifier_racine(self, arbre: ast.expr) -> TypeExpr | None:
        profondeur = _profondeur(arbre)
        if profondeur > MAX_PROFONDEUR:
            self.signaler(
                "expression_trop_complexe",
                detail=f"{profondeur} niveaux d'imbrication, maximum {MAX_PROFONDEUR}",
            )
            return None
        return self.verifier(arbre)

    def verifier(self, noeud: ast.expr) -> TypeExpr | None:
        self.noeuds += 1
        if self.noeuds > MAX_NOEUDS:
            if not any(d.code == "expression_trop_complexe" for d in self.defauts):
                self.signaler("expression_trop_complexe", detail=f"plus de {MAX_NOEUDS} éléments")
            return None
        methode = getattr(self, f"_{type(noeud).__name__}", None)
        if methode is None:
            self._refuser(noeud)
            return None
        resultat: TypeExpr | None = methode(noeud)
        return resultat

    def _refuser(self, noeud: ast.AST) -> None:
        element, conseil, conseil_en = _REFUS.get(type(noeud), (type(noeud).__name__, "", ""))
        self.signaler(
            "expression_interdite", noeud, element=element, conseil=conseil, conseil_en=conseil_en
        )

    # --- leaves -----------------------------------------------------------------------------
    def _Constant(self, noeud: ast.Constant) -> TypeExpr | None:
        valeur = noeud.value
        if isinstance(valeur, bool):
            self.constantes[id(noeud)] = valeur
            return TypeExpr.BOOLEEN
        if isinstance(valeur, int | float):
            texte = ast.get_source_segment(self.source, noeud) or repr(valeur)
            chiffres = sum(c.isdigit() for c in texte)
            if chiffres > MAX_CHIFFRES or not _NOMBRE_SIMPLE.match(texte):
                self.signaler(
                    "expression_interdite",
                    noeud,
                    element=f"le nombre {texte[:20]}",
                    conseil=f"écrivez un nombre décimal simple d'au plus {MAX_CHIFFRES} chiffres",
                    conseil_en=f"write a plain decimal number of at most {MAX_CHIFFRES} digits",
                )
                return None
            self.constantes[id(noeud)] = Decimal(texte)
            return TypeExpr.NOMBRE
        if isinstance(valeur, str):
            if len(valeur) > MAX_TEXTE:
                self.signaler(
                    "expression_trop_complexe",
                    noeud,
                    detail=f"texte de plus de {MAX_TEXTE} caractères",
                )
                return None
            self.constantes[id(noeud)] = valeur
            return TypeExpr.TEXTE
        self.signaler(
            "expression_interdite", noeud, element=repr(valeur)[:20], conseil="", conseil_en=""
        )
        return None

    def _Name(self, noeud: ast.Name) -> TypeExpr | None:
        nom = noeud.id
        if nom.startswith("_"):
            self.signaler(
                "expression_interdite",
                noeud,
                element=f"le nom « {nom} »",
                conseil="les noms commençant par « _ » sont réservés",
                conseil_en="names starting with '_' are reserved",
            )
            return None
        symbole = ANNEE if nom == "annee" else self.symboles.get(nom)
        if symbole is None:
            if nom in FONCTIONS:
                self.signaler(
                    "expression_syntaxe",
                    noeud,
                    expression=self.source,
                    detail=f"« {nom} » est une fonction : écrivez {nom}(…)",
                )
                return None
            suggestion = suggerer(nom, self.symboles)
            self.signaler(
                "nom_inconnu",
                noeud,
                nom=nom,
                expression=_abreger(self.source),
                suggestion=suggestion
                or "déclarez-le dans « variables » (ou « attributs » du catalogue)",
                suggestion_en=suggerer(nom, self.symboles, "en") or "declare it",
            )
            return None
        self.noms.add(nom)
        return symbole.type

    # --- operators ------------------------------------------------------------------------
    def _BinOp(self, noeud: ast.BinOp) -> TypeExpr | None:
        if not isinstance(noeud.op, _ARITHMETIQUE):
            self._operateur_refuse(noeud.op, noeud)
            return None
        gauche, droite = self.verifier(noeud.left), self.verifier(noeud.right)
        if gauche is None or droite is None:
            return None
        if gauche is not TypeExpr.NOMBRE or droite is not TypeExpr.NOMBRE:
            self._incompatible(
                noeud,
                f"calcul arithmétique entre {gauche} et {droite}",
                "les opérations + - * / portent sur des nombres",
            )
            return None
        return TypeExpr.NOMBRE

    def _UnaryOp(self, noeud: ast.UnaryOp) -> TypeExpr | None:
        operande = self.verifier(noeud.operand)
        if operande is None:
            return None
        if isinstance(noeud.op, ast.Not):
            if operande is not TypeExpr.BOOLEEN:
                self._incompatible(
                    noeud, f"« not » appliqué à un {operande}", "« not » s'applique à une condition"
                )
                return None
            return TypeExpr.BOOLEEN
        if isinstance(noeud.op, ast.USub | ast.UAdd):
            if operande is not TypeExpr.NOMBRE:
                self._incompatible(
                    noeud, f"signe appliqué à un {operande}", "le signe s'applique à un nombre"
                )
                return None
            return TypeExpr.NOMBRE
        self._operateur_refuse(noeud.op, noeud)
        return None

    def _BoolOp(self, noeud: ast.BoolOp) -> TypeExpr | None:
        types = [self.verifier(valeur) for valeur in noeud.values]
        if any(t is None for t in types):
            return None
        if any(t is not TypeExpr.BOOLEEN for t in types):
            mot = "and" if isinstance(noeud.op, ast.And) else "or"
            self._incompatible(
                noeud,
                f"« {mot} » entre des valeurs qui ne sont pas des conditions",
                "« and »/« or » relient des conditions",
            )
            return None
        return TypeExpr.BOOLEEN

    def _Compare(self, noeud: ast.Compare) -> TypeExpr | None:
        gauche_noeud: ast.expr = noeud.left
        gauche = self.verifier(gauche_noeud)
        valide = gauche is not None
        for operateur, droite_noeud in zip(noeud.ops, noeud.comparators, strict=True):
            if isinstance(operateur, _APPARTENANCE):
                droite = self._appartenance(gauche, gauche_noeud, droite_noeud)
            elif isinstance(operateur, (*_ORDRE, *_EGALITE)):
                droite = self.verifier(droite_noeud)
                if gauche is not None and droite is not None:
                    valide &= self._comparable(operateur, gauche, droite, noeud)
                    self._constante_dans_liste(gauche_noeud, droite_noeud)
                    self._constante_dans_liste(droite_noeud, gauche_noeud)
            else:
                self._operateur_refuse(operateur, noeud)
                droite = None
            valide &= droite is not None
            gauche, gauche_noeud = droite, droite_noeud
        return TypeExpr.BOOLEEN if valide else None

    def _comparable(
        self, operateur: ast.cmpop, gauche: TypeExpr, droite: TypeExpr, noeud: ast.AST
    ) -> bool:
        if gauche is not droite:
            self._incompatible(
                noeud,
                f"comparaison entre {gauche} et {droite}",
                "comparez des valeurs de même type",
            )
            return False
        if isinstance(operateur, _ORDRE) and gauche not in (TypeExpr.NOMBRE, TypeExpr.DATE):
            self._incompatible(
                noeud,
                f"« < » ou « > » entre des {gauche}s",
                "seuls les nombres et les dates s'ordonnent",
            )
            return False
        if gauche is TypeExpr.LISTE:
            self._incompatible(noeud, "comparaison de listes", "écrivez « 'X' in liste »")
            return False
        return True

    def _appartenance(
        self, gauche: TypeExpr | None, gauche_noeud: ast.expr, droite_noeud: ast.expr
    ) -> TypeExpr | None:
        if isinstance(droite_noeud, ast.Tuple | ast.List):
            if not droite_noeud.elts:
                self.signaler(
                    "expression_syntaxe",
                    droite_noeud,
                    expression=self.source,
                    detail="liste vide après « in »",
                )
                return None
            types = set()
            for element in droite_noeud.elts:
                if not isinstance(element, ast.Constant):
                    self.signaler(
                        "expression_interdite",
                        element,
                        element="un élément calculé dans une liste",
                        conseil="la liste après « in » ne contient que des constantes",
                        conseil_en="the list after 'in' holds constants only",
                    )
                    return None
                types.add(self.verifier(element))
                self._constante_dans_liste(element, gauche_noeud)
            if gauche is not None and types != {gauche}:
                self._incompatible(
                    droite_noeud,
                    f"« in » entre un {gauche} et une liste de {', '.join(sorted(str(t) for t in types if t))}",
                    "les éléments de la liste doivent être du même type",
                )
                return None
            return TypeExpr.LISTE
        droite = self.verifier(droite_noeud)
        if droite is None or gauche is None:
            return None
        if droite is not TypeExpr.LISTE or gauche is not TypeExpr.TEXTE:
            self._incompatible(
                droite_noeud,
                f"« in » entre un {gauche} et un {droite}",
                "écrivez « 'X' in liste » ou « x in ('A', 'B') »",
            )
            return None
        self._constante_dans_liste(gauche_noeud, droite_noeud)
        return TypeExpr.LISTE

    def _constante_dans_liste(self, constante: ast.expr, attribut: ast.expr) -> None:
        """A text constant compared with an enumerated attribute must be one of its values."""
        if not (
            isinstance(constante, ast.Constant)
            and isinstance(constante.value, str)
            and isinstance(attribut, ast.Name)
        ):
            return
        symbole = self.symboles.get(attribut.id)
        if symbole is None or not symbole.valeurs or constante.value in symbole.valeurs:
            return
        suggestion = suggerer(constante.value, sorted(symbole.valeurs))
        self.signaler(
            "valeur_hors_liste",
            constante,
            valeur=constante.value,
            attribut=attribut.id,
            possibles=", ".join(sorted(symbole.valeurs)),
            suggestion=f" — {suggestion}" if suggestion else "",
        )

    def _Call(self, noeud: ast.Call) -> TypeExpr | None:
        if not isinstance(noeud.func, ast.Name):
            self._refuser(noeud.func)
            return None
        fonction = FONCTIONS.get(noeud.func.id)
        if fonction is None:
            self.signaler(
                "fonction_inconnue",
                noeud,
                nom=noeud.func.id,
                possibles=", ".join(sorted(FONCTIONS)),
            )
            return None
        if noeud.keywords:
            self.signaler(
                "expression_interdite",
                noeud,
                element="un argument nommé",
                conseil="passez les arguments dans l'ordre",
                conseil_en="pass arguments by position",
            )
            return None
        types = [self.verifier(argument) for argument in noeud.args]
        if any(t is None for t in types):
            return None
        attendus: tuple[TypeExpr | None, ...]
        if fonction.arguments is not None:
            attendus = fonction.arguments
        elif fonction.variadique is not None:
            attendus = (fonction.variadique,) * max(len(types), 2)
        else:
            attendus = tuple(types) if types else (None,)
        if len(types) != len(attendus) or any(
            a is not None and t is not a for t, a in zip(types, attendus, strict=False)
        ):
            signature = ", ".join(str(a or "valeur") for a in attendus) + (
                ", …" if fonction.arguments is None else ""
            )
            self._incompatible(
                noeud,
                f"{fonction.nom}() attend ({signature})",
                f"{fonction.nom} : {fonction.description}",
            )
            return None
        return fonction.resultat

    def _Tuple(self, noeud: ast.Tuple) -> TypeExpr | None:
        self.signaler(
            "expression_interdite",
            noeud,
            element="une liste hors de « in »",
            conseil="une liste ne s'emploie qu'après « in »",
            conseil_en="a list is only used after 'in'",
        )
        return None

    _List = _Tuple

    # --- helpers ------------------------------------------------------------------------------
    def _operateur_refuse(self, operateur: ast.AST, noeud: ast.AST) -> None:
        element = _OPERATEURS_REFUSES.get(type(operateur), type(operateur).__name__)
        self.signaler(
            "expression_interdite",
            noeud,
            element=element,
            conseil="opérateurs permis : + - * / et les comparaisons",
            conseil_en="allowed operators: + - * / and comparisons",
        )

    def _incompatible(self, noeud: ast.AST, detail: str, conseil: str) -> None:
        self.signaler(
            "type_incompatible",
            noeud,
            detail=detail,
            conseil=conseil,
            detail_en=detail,
            conseil_en=conseil,
        )


def _profondeur(arbre: ast.AST) -> int:
    """Nesting depth, computed without recursion (a deep tree must not blow the stack)."""
    maximum, pile = 0, [(arbre, 1)]
    while pile:
        noeud, niveau = pile.pop()
        maximum = max(maximum, niveau)
        if maximum > MAX_PROFONDEUR:
            return maximum
        pile.extend((enfant, niveau + 1) for enfant in ast.iter_child_nodes(noeud))
    return maximum
