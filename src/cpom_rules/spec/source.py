"""Read a YAML spec file into plain data, remembering where every key and value came from.

Guarantees:
- safe: nodes are composed by PyYAML's safe loader (libyaml's when installed) and never
  constructed into Python objects;
  any tag other than YAML's standard ones (e.g. ``!!python/object``) is refused;
- no guessing: every scalar stays a *string* (or ``None`` for an empty/null value), so that
  ``NON``, ``off``, ``010000024``, ``1/3`` or ``12:30`` are read by the schema, never by
  YAML 1.1's implicit typing;
- strict: duplicate keys (also when written two ways: ``2026`` and ``" 2026"``, full-width
  digits, ``2026-2026``; see `forme_cle`), merge keys (``<<``), several documents, an empty file or a top-level
  list are errors;
- bounded: file size, node count after alias expansion and nesting depth are capped, so that
  an alias bomb or a 50 MB file is refused in milliseconds;
- located: each problem carries the file, the 1-based line and column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cpom_rules.fichiers import FichierRefuse, TropGros, lire_octets, verifier_ordinaire
from cpom_rules.problemes import Probleme, probleme

MAX_OCTETS = 256_000  # the largest shipped file is ~11 KB; 1 MB of YAML takes ~1 s to scan
MAX_NOEUDS = 10_000
MAX_PROFONDEUR = 64

Chemin = tuple[str | int, ...]

_ETIQUETTES_STANDARD = {
    f"tag:yaml.org,2002:{nom}"
    for nom in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_NULS = {"", "~", "null", "Null", "NULL"}
_FATALS = {"yaml_trop_gros", "yaml_trop_profond"}


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a source file."""

    ligne: int
    colonne: int


@dataclass
class Document:
    """A parsed YAML file: its plain data and the position of every key and value."""

    fichier: str
    donnees: Any
    valeurs: dict[Chemin, Position] = field(default_factory=dict)
    cles: dict[Chemin, Position] = field(default_factory=dict)
    # Scalars written on one line: where their text starts (after an opening quote).
    debuts_texte: dict[Chemin, Position] = field(default_factory=dict)

    def position_dans_texte(self, chemin: Chemin, decalage: int | None) -> Position | None:
        """Where character `decalage` (1-based) of a one-line scalar is; else the node's position."""
        debut = self.debuts_texte.get(chemin)
        if debut is None or decalage is None:
            return self.position(chemin)
        return Position(debut.ligne, debut.colonne + decalage - 1)

    def position(self, chemin: Chemin, *, de_la_cle: bool = False) -> Position | None:
        """Where `chemin` is written; falls back to the nearest enclosing node."""
        table = self.cles if de_la_cle else self.valeurs
        for fin in range(len(chemin), -1, -1):
            prefixe = chemin[:fin]
            trouve = table.get(prefixe) or self.valeurs.get(prefixe)
            if trouve is not None:
                return trouve
        return None


def read_yaml_file(chemin: Path) -> tuple[Document | None, list[Probleme]]:
    """Read `chemin`; return the document (None if it cannot be read at all) and the problems."""
    nom = str(chemin)
    try:
        taille = verifier_ordinaire(chemin).st_size  # a FIFO would block, /dev/zero never ends
        if taille > MAX_OCTETS:
            return None, [
                probleme("fichier_trop_gros", fichier=nom, taille=taille, maximum=MAX_OCTETS)
            ]
        brut = lire_octets(chemin, MAX_OCTETS)  # the size reported is not trusted
    except FileNotFoundError:
        return None, [probleme("fichier_introuvable", fichier=nom, emplacement=nom)]
    except TropGros:
        return None, [
            probleme("fichier_trop_gros", fichier=nom, taille=f"> {MAX_OCTETS}", maximum=MAX_OCTETS)
        ]
    except FichierRefuse as exc:
        return None, [probleme("fichier_illisible", fichier=nom, detail=exc.motif)]
    except OSError as exc:
        return None, [probleme("fichier_illisible", fichier=nom, detail=exc.strerror or str(exc))]
    return read_yaml_bytes(brut, nom)


def read_yaml_bytes(brut: bytes, fichier: str) -> tuple[Document | None, list[Probleme]]:
    """Decode (UTF-8, with or without BOM) and read YAML bytes named `fichier`."""
    if len(brut) > MAX_OCTETS:
        return None, [
            probleme("fichier_trop_gros", fichier=fichier, taille=len(brut), maximum=MAX_OCTETS)
        ]
    try:
        texte = brut.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        ligne = brut[: exc.start].count(b"\n") + 1
        return None, [
            probleme(
                "encodage_invalide",
                fichier=fichier,
                ligne=ligne,
                octet=f"{brut[exc.start]:02X}",
                ligne_octet=ligne,
            )
        ]
    return read_yaml_text(texte, fichier)


def read_yaml_text(texte: str, fichier: str) -> tuple[Document | None, list[Probleme]]:
    """Read YAML text named `fichier` into a `Document`."""
    if len(texte) > MAX_OCTETS:
        return None, [
            probleme("fichier_trop_gros", fichier=fichier, taille=len(texte), maximum=MAX_OCTETS)
        ]
    if "\x00" in texte:
        avant = texte[: texte.index("\x00")]
        return None, [
            probleme(
                "fichier_illisible",
                fichier=fichier,
                ligne=avant.count("\n") + 1,
                colonne=len(avant) - (avant.rfind("\n") + 1) + 1,
                detail="caractère nul (fichier binaire ?)",
            )
        ]
    try:
        racines = _composer(texte)
    except yaml.reader.ReaderError as exc:
        return None, [_probleme_caractere(exc, texte, fichier)]
    except yaml.MarkedYAMLError as exc:
        return None, [_probleme_syntaxe(exc, fichier)]
    except yaml.YAMLError as exc:
        return None, [probleme("yaml_syntaxe", fichier=fichier, detail=str(exc), conseil="")]
    except RecursionError:
        return None, [probleme("yaml_trop_profond", fichier=fichier, maximum=MAX_PROFONDEUR)]
    except _Limite as exc:
        marque = exc.marque
        return None, [
            probleme(
                exc.code,
                fichier=fichier,
                ligne=marque.line + 1 if marque else None,
                colonne=marque.column + 1 if marque else None,
                maximum=exc.maximum,
            )
        ]
    if not racines:
        return None, [probleme("yaml_vide", fichier=fichier, ligne=1, colonne=1)]
    if len(racines) > 1:
        mark = racines[1].start_mark
        return None, [
            probleme(
                "yaml_plusieurs_documents",
                fichier=fichier,
                ligne=mark.line + 1,
                colonne=mark.column + 1,
                nombre=len(racines),
            )
        ]
    lecteur = _Lecteur(fichier)
    donnees = lecteur.lire(racines[0], (), 0)
    if any(p.code in _FATALS for p in lecteur.problemes):
        return None, lecteur.problemes
    # Other problems (a duplicate key, a refused tag) do not stop the reading: the rest of
    # the file is still validated so that every problem is reported at once.
    return Document(
        fichier, donnees, lecteur.valeurs, lecteur.cles, lecteur.debuts_texte
    ), lecteur.problemes


class _Limite(Exception):
    """Raised while composing, as soon as a limit is crossed: the problem code and where."""

    def __init__(self, code: str, maximum: int, marque: yaml.Mark | yaml._yaml.Mark | None) -> None:
        super().__init__(code)
        self.code = code
        self.maximum = maximum
        self.marque = marque


class _Chargeur(yaml.SafeLoader):
    """PyYAML's safe composer, stopped early on a document too large or too deep to be a fiche.

    Composing costs about 20 µs a node in pure Python: without this count, a 1 MB flow list
    of 500,000 one-letter items would take 15 s before the node limit could refuse it, and
    10,000 nested brackets would recurse until Python's own limit. `_Lecteur` counts the
    expanded document, which is never smaller, so stopping here changes no verdict.
    """

    def __init__(self, texte: str) -> None:
        super().__init__(texte)
        self.noeuds_composes = 0
        self.profondeur = 0

    def _arreter(self, code: str, maximum: int) -> _Limite:
        evenement = self.peek_event()  # type: ignore[no-untyped-call]
        return _Limite(code, maximum, evenement.start_mark if evenement is not None else None)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.noeuds_composes += 1
        if self.noeuds_composes > MAX_NOEUDS:
            raise self._arreter("yaml_trop_gros", MAX_NOEUDS)
        self.profondeur += 1
        try:
            if self.profondeur > MAX_PROFONDEUR + 1:
                raise self._arreter("yaml_trop_profond", MAX_PROFONDEUR)
            return super().compose_node(parent, index)
        finally:
            self.profondeur -= 1


def _composer(texte: str) -> list[yaml.Node]:
    """The documents' nodes, composed by libyaml when it is installed (six times faster than
    PyYAML's pure-Python composer, with the same marks). Limits are checked first on the C
    parser's events, which no nesting makes recursive; on any error the pure-Python composer
    runs again, for its precise wording of the problem (`_SYNTAXE`)."""
    if getattr(yaml, "__with_libyaml__", False):
        try:
            _verifier_evenements(texte)
            return list(_documents(_ChargeurC(texte)))
        except _Limite:
            raise
        except yaml.YAMLError:
            pass
    return list(_documents(_Chargeur(texte)))


class _ChargeurC(yaml.CSafeLoader):
    """libyaml's composer without YAML 1.1's implicit typing: every scalar stays a string
    (see the module's guarantees), so resolving ``NON`` or ``12:30`` to a type, a regular
    expression per scalar, is wasted work. Explicit tags (``!!python/…``) are kept as
    written and refused by `_Lecteur`."""

    def resolve(self, genre: type, valeur: object, implicite: object) -> str:
        if genre is yaml.ScalarNode:
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if genre is yaml.SequenceNode else "tag:yaml.org,2002:map"


def _verifier_evenements(texte: str) -> None:
    """Refuse, before composing, a document with too many nodes or nested too deep."""
    parseur = yaml.CSafeLoader(texte)
    noeuds = profondeur = 0
    try:
        while (evenement := parseur.get_event()) is not None:
            if isinstance(evenement, yaml.NodeEvent):
                noeuds += 1
                if noeuds > MAX_NOEUDS:
                    raise _Limite("yaml_trop_gros", MAX_NOEUDS, evenement.start_mark)
            if isinstance(evenement, yaml.CollectionStartEvent):
                profondeur += 1
                if profondeur > MAX_PROFONDEUR + 1:
                    raise _Limite("yaml_trop_profond", MAX_PROFONDEUR, evenement.start_mark)
            elif isinstance(evenement, yaml.CollectionEndEvent):
                profondeur -= 1
    finally:
        parseur.dispose()


def _documents(chargeur: Any) -> Iterator[yaml.Node]:
    try:
        while chargeur.check_node():
            noeud = chargeur.get_node()
            if noeud is not None:
                yield noeud
    finally:
        chargeur.dispose()


# PyYAML's English problems, with the French sentence and hint we show instead.
_SYNTAXE: tuple[tuple[str, str, str], ...] = (
    (
        "found character '\\t' that cannot start any token",
        "tabulation utilisée pour indenter",
        "YAML s'indente avec des espaces : remplacez les tabulations par des espaces",
    ),
    (
        "found unexpected end of stream",
        "guillemet ouvert et jamais fermé",
        "fermez le guillemet ouvert à la position indiquée",
    ),
    (
        "mapping values are not allowed here",
        "deux-points inattendu",
        "mettez entre guillemets un texte qui contient « : », ou corrigez l'indentation",
    ),
    (
        "could not find expected ':'",
        "« : » attendu après une clé",
        "chaque ligne d'un dictionnaire s'écrit « clé: valeur »",
    ),
    (
        "did not find expected key",
        "indentation incohérente",
        "alignez les clés d'un même dictionnaire sur la même colonne",
    ),
    (
        "found undefined alias",
        "alias (*nom) sans ancre (&nom) correspondante",
        "définissez l'ancre avant de l'utiliser, ou retirez l'alias",
    ),
    (
        "found unhashable key",
        "clé complexe (liste ou dictionnaire utilisé comme clé)",
        "une clé doit être un texte simple",
    ),
    (
        "that cannot start any token",
        "caractère inattendu en début de valeur",
        "mettez la valeur entre guillemets (% @ ` | > ne commencent pas un texte libre), "
        "ou fermez un guillemet resté ouvert plus haut",
    ),
    (
        "expected <block end>",
        "indentation incohérente ou élément inattendu",
        "alignez les clés d'un même dictionnaire sur la même colonne ; mettez entre guillemets "
        "un texte qui contient « : », « { » ou « [ »",
    ),
    (
        "are not allowed here",
        "indentation incohérente",
        "alignez les clés d'un même dictionnaire sur la même colonne",
    ),
    (
        "expected ',' or '}'",
        "dictionnaire entre accolades { } mal formé",
        "séparez les éléments par des virgules, fermez l'accolade, et mettez entre guillemets "
        "un texte qui contient « : » ou « , »",
    ),
    (
        "expected ',' or ']'",
        "liste entre crochets [ ] mal formée",
        "séparez les éléments par des virgules, fermez le crochet, et mettez entre guillemets "
        "un texte qui contient « : » ou « , »",
    ),
    (
        "expected the node content",
        "valeur manquante",
        "une virgule, un crochet ou une accolade en trop ?",
    ),
    (
        "expected a comment or a line break",
        "texte inattendu après la valeur",
        "mettez la valeur entière entre guillemets",
    ),
    (
        "indentation indicator",
        "« | » ou « > » doit terminer la ligne",
        "pour un texte sur plusieurs lignes, écrivez « | » ou « > » seul en fin de ligne ; "
        "sinon mettez la valeur entre guillemets",
    ),
    (
        "expected alphabetic or numeric character",
        "nom d'ancre (&) ou d'alias (*) invalide",
        "« & » et « * » introduisent une ancre et un alias : mettez la valeur entre guillemets "
        "si c'est du texte",
    ),
    (
        "expected URI",
        "étiquette « ! » mal formée",
        "retirez le « ! » ou mettez la valeur entre guillemets",
    ),
    (
        "expected '<document start>'",
        "contenu inattendu après la fin du document",
        "retirez « ... » ou ce qui le suit",
    ),
)
_CONSEIL_SYNTAXE = "vérifiez l'indentation, les guillemets et les crochets à la position indiquée"


def _probleme_caractere(exc: yaml.reader.ReaderError, texte: str, fichier: str) -> Probleme:
    """A control character YAML does not allow, located in the text."""
    position = min(max(exc.position, 0), len(texte))
    avant = texte[:position]
    ligne = avant.count("\n") + 1
    colonne = position - (avant.rfind("\n") + 1) + 1
    return probleme(
        "yaml_syntaxe",
        fichier=fichier,
        ligne=ligne,
        colonne=colonne,
        detail=f"caractère de contrôle U+{exc.character:04X} interdit",
        conseil="retirez ce caractère invisible (souvent collé depuis un traitement de texte)",
    )


def _probleme_syntaxe(exc: yaml.MarkedYAMLError, fichier: str) -> Probleme:
    mark = exc.problem_mark or exc.context_mark
    if "quoted scalar" in str(exc.context or "") and exc.context_mark is not None:
        mark = exc.context_mark  # where the quote was opened, not the end of the file
    anglais = str(exc.problem or exc.context or "erreur de syntaxe")
    detail, conseil = f"erreur de syntaxe ({anglais})", _CONSEIL_SYNTAXE
    for motif, francais, aide in _SYNTAXE:
        if motif in anglais or motif in str(exc.context or ""):
            detail, conseil = francais, aide
            break
    return probleme(
        "yaml_syntaxe",
        fichier=fichier,
        ligne=mark.line + 1 if mark else None,
        colonne=mark.column + 1 if mark else None,
        detail=detail,
        conseil=conseil,
    )


_ESPACES = re.compile(r"\s+")
_NUMERIQUE = re.compile(r"[0-9\-\u2013\u2014]+")
_UNE_ANNEE = re.compile(r"(\d{4})-\1")


def forme_cle(cle: str) -> str:
    """The form in which two keys of one mapping are compared: full-width digits and spaces
    folded (NFKC), surrounding spaces trimmed; in a year, a year range or a FINESS, inner
    spaces dropped and dashes unified, and a range of one year (``2026-2026``) is that year.
    Two keys of one form would silently replace each other once the schema reads them."""
    forme = (cle if cle.isascii() else unicodedata.normalize("NFKC", cle)).strip()
    if not forme or not forme[0].isdigit():  # a name: only the folding and trimming apply
        return forme
    compacte = _ESPACES.sub("", forme)
    if _NUMERIQUE.fullmatch(compacte):
        forme = compacte.replace("\u2013", "-").replace("\u2014", "-")
        if _UNE_ANNEE.fullmatch(forme):
            forme = forme[:4]
    return forme


class _Lecteur:
    """Turns composed nodes into dicts, lists and strings, checking limits on the way."""

    def __init__(self, fichier: str) -> None:
        self.fichier = fichier
        self.valeurs: dict[Chemin, Position] = {}
        self.cles: dict[Chemin, Position] = {}
        self.debuts_texte: dict[Chemin, Position] = {}
        self.problemes: list[Probleme] = []
        self.noeuds = 0

    def _position(self, noeud: yaml.Node) -> Position:
        return Position(noeud.start_mark.line + 1, noeud.start_mark.column + 1)

    def _signaler(self, code: str, noeud: yaml.Node, **params: Any) -> None:
        pos = self._position(noeud)
        self.problemes.append(
            probleme(code, fichier=self.fichier, ligne=pos.ligne, colonne=pos.colonne, **params)
        )

    def lire(self, noeud: yaml.Node, chemin: Chemin, profondeur: int) -> Any:
        self.noeuds += 1
        if self.noeuds > MAX_NOEUDS:
            if not any(p.code == "yaml_trop_gros" for p in self.problemes):
                self._signaler("yaml_trop_gros", noeud, maximum=MAX_NOEUDS)
            return None
        if profondeur > MAX_PROFONDEUR:
            if not any(p.code == "yaml_trop_profond" for p in self.problemes):
                self._signaler("yaml_trop_profond", noeud, maximum=MAX_PROFONDEUR)
            return None
        self.valeurs.setdefault(chemin, self._position(noeud))
        if noeud.tag not in _ETIQUETTES_STANDARD:
            self._signaler("yaml_etiquette_interdite", noeud, etiquette=noeud.tag)
            return None
        if isinstance(noeud, yaml.ScalarNode):
            valeur = str(noeud.value)
            simple = not noeud.style  # plain: None for PyYAML, "" for libyaml
            if noeud.style in (None, "", "'", '"') and noeud.start_mark.line == noeud.end_mark.line:
                ouvrant = 0 if simple else 1
                debut = self._position(noeud)
                self.debuts_texte[chemin] = Position(debut.ligne, debut.colonne + ouvrant)
            if simple and valeur in _NULS:
                return None
            return valeur
        if isinstance(noeud, yaml.SequenceNode):
            return [
                self.lire(enfant, (*chemin, i), profondeur + 1)
                for i, enfant in enumerate(noeud.value)
            ]
        if isinstance(noeud, yaml.MappingNode):
            return self._lire_dictionnaire(noeud, chemin, profondeur)
        self._signaler(
            "fichier_illisible", noeud, detail=f"nœud YAML inattendu {type(noeud).__name__}"
        )
        return None

    def _lire_dictionnaire(
        self, noeud: yaml.MappingNode, chemin: Chemin, profondeur: int
    ) -> dict[str, Any]:
        resultat: dict[str, Any] = {}
        formes: dict[str, str] = {}  # normal form of a key → the key as first written
        for noeud_cle, noeud_valeur in noeud.value:
            self.noeuds += 1
            if noeud_cle.tag not in _ETIQUETTES_STANDARD and noeud_cle.tag != (
                "tag:yaml.org,2002:merge"
            ):
                self._signaler("yaml_etiquette_interdite", noeud_cle, etiquette=noeud_cle.tag)
                continue
            if not isinstance(noeud_cle, yaml.ScalarNode) or (
                noeud_cle.value in _NULS and not noeud_cle.style
            ):
                trouve = (
                    "une valeur vide" if isinstance(noeud_cle, yaml.ScalarNode) else "une structure"
                )
                self._signaler("yaml_cle_non_texte", noeud_cle, trouve=trouve)
                continue
            if noeud_cle.tag == "tag:yaml.org,2002:merge" or noeud_cle.value == "<<":
                self._signaler("yaml_fusion_interdite", noeud_cle)
                continue
            cle = str(noeud_cle.value)
            position_cle = self._position(noeud_cle)
            if cle in resultat:
                precedente = self.cles[(*chemin, cle)]
                self._signaler(
                    "yaml_cle_dupliquee", noeud_cle, cle=cle, ligne_precedente=precedente.ligne
                )
                continue
            forme = forme_cle(cle)
            if forme in formes:
                autre = formes[forme]
                self._signaler(
                    "yaml_cle_equivalente",
                    noeud_cle,
                    cle=cle,
                    cle_precedente=autre,
                    ligne_precedente=self.cles[(*chemin, autre)].ligne,
                )
                continue
            formes[forme] = cle
            self.cles[(*chemin, cle)] = position_cle
            resultat[cle] = self.lire(noeud_valeur, (*chemin, cle), profondeur + 1)
        return resultat
