"""Problems are values: every spec or data defect becomes a `Probleme` with its location.

Checks return lists of problems so that an author sees all of them at once; only the public
API boundary raises, with `ErreurSpec` or `ErreurDonnees` carrying every problem found.
A problem stores a message *code* and its parameters; the text is rendered from the table in
`cpom_rules.messages`, in French by default and in English on request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from cpom_rules.chiffres import nombre_texte
from cpom_rules.messages import ERREURS, Langue, Parametre, phrase_de, rendre


class Niveau(StrEnum):
    """Severity: an `erreur` blocks loading or evaluation, an `avertissement` does not."""

    ERREUR = "erreur"
    AVERTISSEMENT = "avertissement"


@dataclass(frozen=True, slots=True)
class Probleme:
    """One defect, with where it is and how to fix it.

    Spec problems carry `fichier`, `ligne`, `colonne` (1-based), the key `chemin` and the
    `code_fiche`; data problems carry `source` and the source row numbers in `lignes`, and,
    when they concern one cell of the data, its `finess`, `indicateur`, `annee` and
    `variable` (filled by `probleme` from the parameters of the same names).
    """

    niveau: Niveau
    code: str
    params: tuple[tuple[str, Parametre], ...] = ()
    fichier: str | None = None
    ligne: int | None = None
    colonne: int | None = None
    chemin: str | None = None
    code_fiche: str | None = None
    lignes: tuple[int, ...] = field(default=())
    finess: str | None = None
    indicateur: str | None = None
    annee: int | None = None
    variable: str | None = None

    @property
    def message(self) -> str:
        """The plain-French message."""
        return rendre(self.code, dict(self.params), "fr")[0]

    @property
    def conseil(self) -> str:
        """The plain-French hint saying how to fix the problem (may be empty)."""
        return rendre(self.code, dict(self.params), "fr")[1]

    def parametre(self, cle: str) -> str:
        """The text of parameter `cle` (empty when absent; a number in French)."""
        valeur = dict(self.params).get(cle, "")
        return valeur if isinstance(valeur, str) else nombre_texte(valeur)

    def texte(self, langue: Langue = "fr") -> str:
        """One line such as `fiche.yaml:12:5: erreur [CPOM_OS_1] cibles.tous: message — conseil`."""
        message, conseil = rendre(self.code, dict(self.params), langue)
        lieu = self.lieu(langue)
        niveau = self.niveau.value if langue == "fr" else _NIVEAU_EN[self.niveau]
        fiche = f" [{self.code_fiche}]" if self.code_fiche else ""
        chemin = f" {self.chemin}:" if self.chemin else ""
        suite = f" — {conseil}" if conseil else ""
        return f"{lieu}{niveau}{fiche}{chemin} {message}{suite}"

    def lieu(self, langue: Langue = "fr") -> str:
        """`fichier:ligne:colonne: ` (or the data source and rows: « (ligne 2, 3) », « (line
        2, 3) » in English), empty when unknown."""
        if self.fichier is None:
            return ""
        if self.lignes:
            montrees = ", ".join(str(n) for n in self.lignes[:5])
            plus = "…" if len(self.lignes) > 5 else ""
            mot = "ligne" if langue == "fr" else "line"
            return f"{self.fichier} ({mot} {montrees}{plus}): "
        if self.ligne is None:
            return f"{self.fichier}: "
        colonne = f":{self.colonne}" if self.colonne is not None else ""
        return f"{self.fichier}:{self.ligne}{colonne}: "

    def to_dict(self, langue: Langue = "fr") -> dict[str, object]:
        """A JSON-ready mapping with the rendered message and hint."""
        message, conseil = rendre(self.code, dict(self.params), langue)
        return {
            "niveau": self.niveau.value,
            "code": self.code,
            "message": message,
            "conseil": conseil or None,
            "fichier": self.fichier,
            "ligne": self.ligne,
            "colonne": self.colonne,
            "chemin": self.chemin,
            "code_fiche": self.code_fiche,
            "lignes": list(self.lignes) or None,
            "finess": self.finess,
            "indicateur": self.indicateur,
            "annee": self.annee,
            "variable": self.variable,
        }

    def __str__(self) -> str:
        return self.texte("fr")


_NIVEAU_EN = {Niveau.ERREUR: "error", Niveau.AVERTISSEMENT: "warning"}


def probleme(
    code: str,
    niveau: Niveau = Niveau.ERREUR,
    *,
    fichier: str | None = None,
    ligne: int | None = None,
    colonne: int | None = None,
    chemin: str | None = None,
    code_fiche: str | None = None,
    lignes: Iterable[int] = (),
    **params: object,
) -> Probleme:
    """Build a `Probleme`; keyword `params` fill the message template of `code`.

    The parameters ``finess``, ``indicateur``, ``annee`` and ``variable`` also become the
    problem's structured fields, so that every output can filter problems by them.
    """
    indicateur = _texte_ou_rien(params.get("indicateur")) or code_fiche
    annee = params.get("annee")
    return Probleme(
        niveau=niveau,
        code=code,
        # An exact number stays a number, written in the reader's language when rendered.
        params=tuple(
            (cle, valeur if isinstance(valeur, Fraction | Decimal) else str(valeur))
            for cle, valeur in params.items()
        ),
        fichier=fichier,
        ligne=ligne,
        colonne=colonne,
        chemin=chemin,
        code_fiche=code_fiche,
        lignes=tuple(lignes),
        finess=_texte_ou_rien(params.get("finess")),
        indicateur=indicateur,
        annee=annee if isinstance(annee, int) and not isinstance(annee, bool) else None,
        variable=_texte_ou_rien(params.get("variable")),
    )


def _texte_ou_rien(valeur: object) -> str | None:
    return None if valeur is None or valeur == "" else str(valeur)


def erreurs(problemes: Iterable[Probleme]) -> list[Probleme]:
    """The problems of level `erreur`."""
    return [p for p in problemes if p.niveau is Niveau.ERREUR]


class ErreurCpom(Exception):
    """Base class of every error cpom_rules raises on purpose."""


class ErreurAvecProblemes(ErreurCpom):
    """An error that carries all the problems found, not only the first."""

    def __init__(self, problemes: Iterable[Probleme]) -> None:
        self.problemes: tuple[Probleme, ...] = tuple(problemes)
        premiers = "\n".join(p.texte() for p in self.problemes[:20])
        reste = len(self.problemes) - 20
        suite = f"\n… et {reste} autre(s) problème(s)" if reste > 0 else ""
        super().__init__(f"{len(self.problemes)} problème(s) :\n{premiers}{suite}")


class ErreurSpec(ErreurAvecProblemes):
    """A spec (catalogue, fiche or test cases) cannot be loaded; see `problemes`."""


class ErreurDonnees(ErreurAvecProblemes):
    """A dataset cannot be read at all (unreadable file, missing column); see `problemes`."""


class ErreurUsage(ErreurCpom):
    """The API was called with arguments that do not make sense (unknown FINESS, year…).

    The message is French (`str`) and, when it comes from a catalogue, English too: the
    command line prints `texte(langue)`."""

    def __init__(self, message: str, anglais: str | None = None) -> None:
        super().__init__(message)
        self.anglais = anglais

    def texte(self, langue: Langue = "fr") -> str:
        """The message in `langue` (French when no English one was given)."""
        return self.anglais if langue == "en" and self.anglais is not None else str(self)


def erreur_usage(table: dict[str, tuple[str, str]], cle: str, **params: object) -> ErreurUsage:
    """The `ErreurUsage` whose message is sentence `cle` of a (French, English) table."""
    return ErreurUsage(phrase_de(table, cle, "fr", **params), phrase_de(table, cle, "en", **params))


def erreur(cle: str, **params: object) -> ErreurUsage:
    """An `ErreurUsage` of the library (`messages.ERREURS`), in both languages."""
    return erreur_usage(ERREURS, cle, **params)


def trier(problemes: Iterable[Probleme]) -> list[Probleme]:
    """Problems in reading order: by file, line, column, then code."""

    def cle(p: Probleme) -> tuple[str, int, int, str]:
        return (p.fichier or "", p.ligne or 0, p.colonne or 0, p.code)

    return sorted(problemes, key=cle)


def compter(problemes: Iterable[Probleme]) -> Mapping[Niveau, int]:
    """How many problems of each level."""
    compte = dict.fromkeys(Niveau, 0)
    for p in problemes:
        compte[p.niveau] += 1
    return compte
