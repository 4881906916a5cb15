"""Validate raw establishment and measure tables against a catalogue (pure: no I/O).

Every row ends in exactly one place: a grid cell, or a reported problem naming its source
line (invalid FINESS, unknown establishment, indicator, variable or year, malformed value,
conflicting duplicate). Values are parsed once per distinct raw value, and rows are routed
with numpy operations, so a million rows are validated in a fraction of a second.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.compilation.compiler import TYPES_ATTRIBUTS
from cpom_rules.donnees.jeu import Donnees, Grille
from cpom_rules.donnees.nombres import LIMITE_ENTIERE, Convention, detecter_convention
from cpom_rules.donnees.tables import ColonneTexte, TableBrute
from cpom_rules.donnees.valeurs import Lu, est_manquant, est_nan, lecteur
from cpom_rules.finess import analyser_finess
from cpom_rules.formules import colonnes as c
from cpom_rules.formules.expression import TypeExpr, suggerer
from cpom_rules.invisibles import nommer_invisibles
from cpom_rules.messages import Langue, indice
from cpom_rules.problemes import ErreurDonnees, Niveau, Probleme, probleme
from cpom_rules.spec.cibles import CibleBase, Cumul, toutes_les_cibles

COLONNES_MESURES = ("finess", "indicateur", "annee", "variable", "valeur")
_TYPES_GRILLE = {
    "nombre": TypeExpr.NOMBRE,
    "entier": TypeExpr.NOMBRE,
    "taux": TypeExpr.NOMBRE,
    "booleen": TypeExpr.BOOLEEN,
    "jalon": TypeExpr.BOOLEEN,
    "date": TypeExpr.DATE,
    "texte": TypeExpr.TEXTE,
    "liste": TypeExpr.LISTE,
}


_NAN = object()  # the one key of every float NaN (NaN != NaN would make each one distinct)


def _zero_negatif(valeur: Any) -> bool:
    return isinstance(valeur, float) and valeur == 0 and math.copysign(1.0, valeur) < 0


def _cle(valeur: Any) -> Any:
    """A dict key that keeps apart what Python hashing merges or refuses: ``True`` is not
    ``1``, ``-0.0`` is not ``0.0``, every NaN is one value, and a list or a dict (unhashable)
    is keyed by its text."""
    if isinstance(valeur, bool | np.bool_):
        return (bool, bool(valeur))
    if est_nan(valeur):
        return _NAN
    if _zero_negatif(valeur):
        return (float, "-0")
    try:
        hash(valeur)
    except TypeError:
        return (type(valeur).__name__, repr(valeur))
    return valeur


def _zero_ou_un(cle: Any) -> bool:
    """True for a key equal to 0 or 1, which Python hashing confuses with ``False``/``True``."""
    if isinstance(cle, str):
        return False
    try:
        return bool(cle in (0, 1))
    except (TypeError, ValueError):
        return True


def _rien_de_confondu(index: dict[Any, int], valeurs: Sequence[Any] | NDArray[Any]) -> bool:
    """True when hashing the raw values merged nothing that must stay apart."""
    if any(est_nan(cle) for cle in index):
        return False
    if not any(_zero_ou_un(cle) for cle in index):
        return True
    return not any(isinstance(v, bool | np.bool_) or _zero_negatif(v) for v in valeurs)


def _petits(entiers: NDArray[Any]) -> bool:
    """True for non-negative integers below a few times their count (a table of that size
    is cheaper than a sort)."""
    return entiers.ndim == 1 and (
        not len(entiers)
        or (int(entiers.min()) >= 0 and int(entiers.max()) < 4 * len(entiers) + 1024)
    )


def _distincts(codes: NDArray[np.int64], taille: int) -> NDArray[np.int64]:
    """The distinct codes (all in ``range(taille)``), sorted: `np.unique` in one counting pass
    instead of a sort."""
    return np.flatnonzero(np.bincount(codes, minlength=taille)).astype(np.int64)


def factoriser(valeurs: Sequence[Any] | NDArray[Any]) -> tuple[NDArray[np.int64], list[Any]]:
    """Codes (one per value) and the distinct values, in order of first appearance.

    Values that compare equal but do not read alike (``True`` and ``1``, ``-0.0`` and ``0.0``)
    are never merged, so each distinct value is read on its own."""
    if isinstance(valeurs, ColonneTexte):  # texts only: Arrow's dictionary encoding
        return valeurs.factoriser()
    if isinstance(valeurs, np.ndarray) and valeurs.dtype.kind in "iu" and _petits(valeurs):
        # codes combined from small codes (fiche × variable): counted, not sorted
        presents = np.zeros(int(valeurs.max()) + 1 if len(valeurs) else 0, dtype=bool)
        presents[valeurs] = True
        uniques = np.flatnonzero(presents)
        rangs = np.zeros(len(presents), dtype=np.int64)
        rangs[uniques] = np.arange(len(uniques))
        return rangs[valeurs].ravel(), uniques.tolist()
    if isinstance(valeurs, np.ndarray) and valeurs.dtype.kind in "iufb":
        if valeurs.dtype.kind == "f" and np.any((valeurs == 0) & np.signbit(valeurs)):
            valeurs = valeurs.tolist()  # np.unique would merge -0.0 with 0.0
        else:
            uniques, codes = np.unique(valeurs, return_inverse=True)
            return codes.astype(np.int64).ravel(), uniques.tolist()
    try:  # fast path, at C speed: hashable values, none merged with another (True with 1, NaNs)
        index = {v: i for i, v in enumerate(dict.fromkeys(valeurs))}
        sur = _rien_de_confondu(index, valeurs)
    except TypeError:  # a list, a dict…
        sur = False
    if sur:
        codes = np.fromiter(map(index.__getitem__, valeurs), dtype=np.int64, count=len(valeurs))
        return codes, list(index)
    index = {}
    distinctes: list[Any] = []
    codes_liste = []
    for v in valeurs:
        cle = _cle(v)
        if cle not in index:
            index[cle] = len(distinctes)
            distinctes.append(v)
        codes_liste.append(index[cle])
    return np.array(codes_liste, dtype=np.int64), distinctes


def _memoriser(lire: Callable[[object], Lu]) -> Callable[[object], Lu]:
    """`lire` reading each distinct raw value once (attributes repeat: categories, yes/no…)."""
    deja: dict[Any, Lu] = {}

    def lire_une_fois(brut: object) -> Lu:
        cle = _cle(brut)
        if cle not in deja:
            deja[cle] = lire(brut)
        return deja[cle]

    return lire_une_fois


def _groupes(
    codes: NDArray[np.int64], lignes: NDArray[np.int64], selection: NDArray[np.bool_]
) -> dict[int, list[int]]:
    """The source lines of the selected rows, grouped by code (one sort, no per-code scan)."""
    indices = np.flatnonzero(selection)
    if not len(indices):
        return {}
    ordre = indices[np.argsort(codes[indices], kind="stable")]
    tries = codes[ordre]
    coupures = np.flatnonzero(tries[1:] != tries[:-1]) + 1
    return {
        int(tries[g[0]]): [int(lignes[i]) for i in ordre[g]]
        for g in np.split(np.arange(len(ordre)), coupures)
    }


def _annee(brut: Any) -> int | None:
    texte = str(brut).strip()
    if texte.endswith(".0"):  # a year read as a float by a spreadsheet or pandas
        texte = texte[:-2]
    return int(texte) if texte.isascii() and texte.isdigit() and len(texte) == 4 else None


def _avec_invisibles(nom: str, suggestion: str, langue: Langue) -> str:
    """The hint, preceded by the invisible characters of `nom` if any (a zero-width space
    makes « professionnels_formes » unknown while it reads right)."""
    invisibles = nommer_invisibles(nom, langue)
    return f"{invisibles} ; {suggestion}" if invisibles else suggestion


def _conseil(nom: str, possibles: list[str], langue: Langue, autrement: str = "") -> str:
    """The hint about an unknown name, written in `langue`: its invisible characters, then
    the closest known name or else the hint part `autrement` (of `messages.INDICES`, given
    the known names as « variables »)."""
    proche = suggerer(nom, possibles, langue)
    if not proche and autrement:
        proche = indice(autrement, langue, variables=", ".join(possibles))
    return _avec_invisibles(nom, proche, langue)


@dataclass
class _Lecture:
    """The distinct raw values of one declared type, read once, as arrays on the distinct index."""

    type: TypeExpr
    absence: NDArray[np.uint8]
    num: NDArray[np.int64]
    den: NDArray[np.int64]
    objets: NDArray[np.object_]  # yes/no, days, texts or code sets, by type
    lus: dict[int, Lu]

    @staticmethod
    def lire(
        type_: str,
        distinctes: Sequence[Any],
        utiles: NDArray[np.int64],
        convention: Convention = None,
    ) -> _Lecture:
        lire = lecteur(type_, convention=convention)
        taille = len(distinctes)
        lecture = _Lecture(
            _TYPES_GRILLE[type_],
            np.full(taille, c.Absence.MANQUANTE, dtype=np.uint8),
            np.zeros(taille, dtype=np.int64),
            np.ones(taille, dtype=np.int64),
            np.empty(taille, dtype=object),
            {},
        )
        nombre = type_ in ("nombre", "taux", "entier")
        plafond = 100 if type_ == "taux" else LIMITE_ENTIERE - 1
        for i in utiles.tolist():
            brut = distinctes[i]
            if (
                nombre
                and type(brut) is str
                and brut.isdigit()
                and brut.isascii()
                and len(brut) <= 15
                and int(brut) <= plafond  # the same range checks as the general reader
            ):
                # Most values are plain counts: read them without the general parser.
                lecture.absence[i], lecture.num[i], lecture.den[i] = c.Absence.AUCUNE, int(brut), 1
                lecture.objets[i] = None
                continue
            lu = lire(brut)
            lecture.lus[i] = lu
            lecture.absence[i] = (
                c.Absence.MANQUANTE
                if lu.manquant
                else c.Absence.INVALIDE
                if lu.erreur
                else c.Absence.AUCUNE
            )
            if isinstance(lu.valeur, Fraction):
                lecture.num[i], lecture.den[i] = lu.valeur.numerator, lu.valeur.denominator
            lecture.objets[i] = lu.valeur
        return lecture

    def valeur(self, code: int) -> tuple[object, ...]:
        """What was read from distinct value `code`, in a form equal values share."""
        if self.type is TypeExpr.NOMBRE:
            return (int(self.absence[code]), int(self.num[code]), int(self.den[code]))
        return (int(self.absence[code]), self.objets[code])

    def poser(
        self,
        colonne: c.Colonne,
        e: NDArray[np.int64],
        a: NDArray[np.int64],
        valeurs: NDArray[np.int64],
        absence: NDArray[np.uint8],
    ) -> None:
        """Write the values read at codes `valeurs` into cells (e, a) of `colonne`."""
        colonne.absence[e, a] = absence
        connues = absence == c.Absence.AUCUNE
        if isinstance(colonne, c.Nombres):
            colonne.num[e, a] = np.where(connues, self.num[valeurs], 0)
            colonne.den[e, a] = np.where(connues, self.den[valeurs], 1)
        elif isinstance(colonne, c.Booleens):
            colonne.valeurs[e, a] = connues & (self.objets[valeurs] == True)  # noqa: E712  (object array)
        elif isinstance(colonne, c.Dates):
            colonne.jours[e, a] = [
                int(j) if k else 0 for j, k in zip(self.objets[valeurs], connues, strict=True)
            ]
        else:
            defaut: object = frozenset() if isinstance(colonne, c.Listes) else ""
            colonne.valeurs[e, a] = [
                v if k else defaut for v, k in zip(self.objets[valeurs], connues, strict=True)
            ]


def _vide(type_: str, forme: tuple[int, int]) -> c.Colonne:
    """A grid where every cell is missing."""
    absence = np.full(forme, c.Absence.MANQUANTE, dtype=np.uint8)
    genre = _TYPES_GRILLE[type_]
    if genre is TypeExpr.NOMBRE:
        return c.Nombres(np.zeros(forme, dtype=np.int64), np.ones(forme, dtype=np.int64), absence)
    if genre is TypeExpr.BOOLEEN:
        return c.Booleens(np.zeros(forme, dtype=bool), absence)
    if genre is TypeExpr.DATE:
        return c.Dates(np.zeros(forme, dtype=np.int64), absence)
    objets = np.empty(forme, dtype=object)
    objets.fill(frozenset() if genre is TypeExpr.LISTE else "")
    return c.Listes(objets, absence) if genre is TypeExpr.LISTE else c.Textes(objets, absence)


def annees_utiles(catalogue: Catalogue) -> tuple[int, ...]:
    """The contiguous years the grids cover: N-1 of the first year, fixed reference years…"""
    periode = catalogue.periode
    annees = {periode.debut - 1, periode.fin}
    for fiche in catalogue.regles.fiches.values():
        annees.add(fiche.periode.debut - 1)
        annees.add(fiche.periode.fin)
        for mesure in fiche.mesures.values():
            cibles: list[CibleBase] = [
                x
                for table in mesure.cibles.values()
                for cible in table.values()
                for x in toutes_les_cibles(cible)
            ]
            cibles += [
                x
                for d in mesure.derogations.values()
                for cible in d.cibles.values()
                for x in toutes_les_cibles(cible)
            ]
            for cible in cibles:
                reference = getattr(cible, "reference", None)
                if isinstance(reference, str) and reference.isdigit():
                    annees.add(int(reference))
                if isinstance(cible, Cumul) and cible.depuis is not None:
                    annees.add(cible.depuis)
            total = mesure.modele.total
            if total is not None and total.reference is not None and total.reference.isdigit():
                annees.add(int(total.reference))
    return tuple(range(min(annees), max(annees) + 1))


def colonne_depuis_lus(type_: TypeExpr, lus: Sequence[Lu], forme: tuple[int, ...]) -> c.Colonne:
    """Build a column of `forme` from parsed values given in row-major order."""
    absence = np.array(
        [
            c.Absence.MANQUANTE
            if lu.manquant
            else c.Absence.INVALIDE
            if lu.erreur
            else c.Absence.AUCUNE
            for lu in lus
        ],
        dtype=np.uint8,
    ).reshape(forme)
    if type_ is TypeExpr.NOMBRE:
        fractions = [lu.valeur if isinstance(lu.valeur, Fraction) else Fraction(0) for lu in lus]
        return c.Nombres(
            np.array([f.numerator for f in fractions], dtype=np.int64).reshape(forme),
            np.array([f.denominator for f in fractions], dtype=np.int64).reshape(forme),
            absence,
        )
    if type_ is TypeExpr.BOOLEEN:
        return c.Booleens(
            np.array([lu.valeur is True for lu in lus], dtype=bool).reshape(forme), absence
        )
    if type_ is TypeExpr.DATE:
        return c.Dates(
            np.array(
                [lu.valeur if isinstance(lu.valeur, int) else 0 for lu in lus], dtype=np.int64
            ).reshape(forme),
            absence,
        )
    objets = np.empty(len(lus), dtype=object)
    defaut: object = frozenset() if type_ is TypeExpr.LISTE else ""
    objets[:] = [lu.valeur if lu.valeur is not None else defaut for lu in lus]
    if type_ is TypeExpr.LISTE:
        return c.Listes(objets.reshape(forme), absence)
    return c.Textes(objets.reshape(forme), absence)


class _Validateur:
    def __init__(self, catalogue: Catalogue, reparer_finess: bool) -> None:
        self.catalogue = catalogue
        self.reparer_finess = reparer_finess
        self.problemes: list[Probleme] = []

    def signaler(
        self,
        code: str,
        source: str,
        lignes: Iterable[int] = (),
        niveau: Niveau = Niveau.ERREUR,
        **params: Any,
    ) -> None:
        self.problemes.append(
            probleme(code, niveau, fichier=source, lignes=sorted(lignes), **params)
        )

    # --- FINESS ----------------------------------------------------------------------------
    def _finess(self, brut: Any) -> tuple[str | None, tuple[str, Niveau, dict[str, Any]] | None]:
        """The normalised FINESS of a raw value, and the problem to report about it, if any."""
        texte = "" if brut is None or est_nan(brut) else str(brut)
        if isinstance(brut, float) and brut.is_integer():  # a column pandas read as floats
            texte = str(int(brut))
        analyse = analyser_finess(texte)
        if analyse.finess is not None:
            if analyse.espaces_retires:
                return analyse.finess, (
                    "finess_repare",
                    Niveau.AVERTISSEMENT,
                    {"finess": brut, "corrige": analyse.finess, "detail": "espaces retirés"},
                )
            return analyse.finess, None
        if analyse.correction is not None and self.reparer_finess:
            return analyse.correction, (
                "finess_repare",
                Niveau.AVERTISSEMENT,
                {
                    "finess": brut,
                    "corrige": analyse.correction,
                    "detail": "zéro initial rétabli à la demande",
                },
            )
        return None, (
            "finess_donnees",
            Niveau.ERREUR,
            {
                "finess": brut,
                "detail": analyse.defaut,
                "conseil": analyse.conseil,
                "conseil_en": analyse.conseil_en,
            },
        )

    def normaliser_finess(
        self,
        distincts: list[Any],
        codes: NDArray[np.int64],
        lignes: NDArray[np.int64],
        selection: NDArray[np.bool_],
        source: str,
    ) -> list[str | None]:
        """Each distinct FINESS normalised (None: rejected); problems are reported with the
        source lines of the selected rows, gathered only for the numbers reported."""
        analyses = [self._finess(brut) for brut in distincts]
        a_signaler = [i for i, (_, defaut) in enumerate(analyses) if defaut is not None]
        if a_signaler:
            groupes = _groupes(codes, lignes, selection & np.isin(codes, a_signaler))
            for i in a_signaler:
                code, niveau, params = analyses[i][1]  # type: ignore[misc]
                self.signaler(code, source, groupes.get(i, []), niveau, **params)
        return [finess for finess, _ in analyses]

    # --- establishments ----------------------------------------------------------------------
    def etablissements(
        self, table: TableBrute
    ) -> tuple[NDArray[np.object_], NDArray[np.object_], dict[str, c.Colonne]]:
        colonne_finess = table.colonne("finess")
        if colonne_finess is None:
            raise ErreurDonnees(
                [
                    probleme(
                        "colonne_manquante",
                        fichier=table.source,
                        nom_colonne="finess",
                        lues=", ".join(table.entetes.values()),
                        attendues="finess, raison_sociale, "
                        + ", ".join(self.catalogue.definition.attributs),
                    )
                ]
            )
        lignes = table.lignes
        codes, distincts = factoriser(colonne_finess)
        normalises = self.normaliser_finess(
            distincts, codes, lignes, np.ones(len(lignes), dtype=bool), table.source
        )
        par_finess: dict[str, list[int]] = defaultdict(list)
        for rang, code in enumerate(codes.tolist()):
            finess = normalises[code]
            if finess is not None:
                par_finess[finess].append(rang)
        ordre = sorted(par_finess)
        noms = table.colonne("raison_sociale")
        raisons = np.empty(len(ordre), dtype=object)
        # A FINESS given twice under different names keeps all of them (sorted): no silent
        # choice, and a name that does not depend on the order of the rows.
        raisons[:] = [
            " / ".join(
                sorted({str(noms[r]).strip() for r in par_finess[f] if not est_manquant(noms[r])})
            )
            if noms is not None
            else ""
            for f in ordre
        ]
        attributs: dict[str, c.Colonne] = {}
        definis = self.catalogue.definition.attributs
        for nom, attribut in definis.items():
            valeurs = table.colonne(nom)
            if valeurs is None:
                self.signaler(
                    "colonne_attribut_absente",
                    table.source,
                    niveau=Niveau.AVERTISSEMENT,
                    attribut=nom,
                )
                attributs[nom] = colonne_depuis_lus(
                    TYPES_ATTRIBUTS[attribut.type],
                    [Lu(None, manquant=True)] * len(ordre),
                    (len(ordre), 1),
                )
                continue
            lire = _memoriser(
                lecteur(
                    attribut.type,
                    frozenset(attribut.valeurs),
                    convention=table.decimale or detecter_convention(valeurs),
                    vide_possible=attribut.vide_possible,
                )
            )
            lus: list[Lu] = []
            manquants: list[int] = []
            for finess in ordre:
                rangs = par_finess[finess]
                lectures = [lire(valeurs[r]) for r in rangs]
                lu = lectures[0]
                if any(
                    autre.valeur != lu.valeur or autre.erreur != lu.erreur for autre in lectures[1:]
                ):
                    self.signaler(
                        "attribut_invalide",
                        table.source,
                        (int(lignes[r]) for r in rangs),
                        attribut=nom,
                        finess=finess,
                        valeur=" / ".join(str(valeurs[r]) for r in rangs),
                        detail="valeurs différentes selon les lignes",
                        conseil="gardez une seule ligne par établissement",
                        conseil_en="keep one row per establishment",
                    )
                    lu = Lu(None, erreur="doublon")
                elif lu.erreur:
                    self.signaler(
                        "attribut_invalide",
                        table.source,
                        [int(lignes[rangs[0]])],
                        attribut=nom,
                        finess=finess,
                        valeur=valeurs[rangs[0]],
                        detail=lu.erreur,
                        conseil="",
                        conseil_en=lu.erreur_en or "",
                    )
                elif lu.manquant and attribut.obligatoire:
                    manquants.append(int(lignes[rangs[0]]))
                lus.append(lu)
            if manquants:
                self.signaler(
                    "attribut_manquant",
                    table.source,
                    manquants,
                    Niveau.AVERTISSEMENT,
                    attribut=nom,
                    nombre=len(manquants),
                )
            attributs[nom] = colonne_depuis_lus(
                TYPES_ATTRIBUTS[attribut.type], lus, (len(ordre), 1)
            )
        for finess in ordre:
            if len(par_finess[finess]) > 1:
                self.signaler(
                    "etablissement_double",
                    table.source,
                    (int(lignes[r]) for r in par_finess[finess]),
                    Niveau.AVERTISSEMENT,
                    finess=finess,
                )
        connues = {"finess", "raison_sociale", *definis}
        for cle, entete in table.entetes.items():
            if cle not in connues:
                suggestion = suggerer(cle, sorted(connues))
                self.signaler(
                    "colonne_inconnue",
                    table.source,
                    niveau=Niveau.AVERTISSEMENT,
                    nom_colonne=entete,
                    suggestion=suggestion,
                    suggestion_en=suggerer(cle, sorted(connues), "en"),
                )
        finess_tableau = np.empty(len(ordre), dtype=object)
        finess_tableau[:] = ordre
        return finess_tableau, raisons, attributs

    # --- measures ------------------------------------------------------------------------------
    def mesures(
        self, table: TableBrute, finess: NDArray[np.object_], annees: tuple[int, ...]
    ) -> tuple[
        dict[tuple[str, str], Grille],
        dict[str, NDArray[np.uint64]],
        dict[tuple[str, str, int], str],
        frozenset[int],
    ]:
        manquantes = [n for n in COLONNES_MESURES if table.colonne(n) is None]
        if (
            manquantes and not table.entetes
        ):  # no column and no row (an empty list): nothing to route
            table.colonnes.update({n: [] for n in manquantes})
            manquantes = []
        if manquantes:
            attendues = ", ".join(COLONNES_MESURES) + " (et commentaire, preuves)"
            raise ErreurDonnees(
                [
                    probleme(
                        "colonne_manquante",
                        fichier=table.source,
                        nom_colonne=n,
                        lues=", ".join(table.entetes.values()),
                        attendues=attendues,
                    )
                    for n in manquantes
                ]
            )
        source, lignes = table.source, table.lignes
        garde = np.ones(len(lignes), dtype=bool)
        fiches = self.catalogue.regles.fiches

        # Each stage maps the distinct raw values of one column, then reports the rows still
        # kept whose value it rejects: a row is reported once, for its first defect.
        index_finess = {f: i for i, f in enumerate(finess.tolist())}
        codes_f, distincts_f = factoriser(table.colonne("finess"))  # type: ignore[arg-type]
        normalises = self.normaliser_finess(distincts_f, codes_f, lignes, garde, source)
        etab = np.array(
            [index_finess.get(n, -1) if n is not None else -2 for n in normalises], dtype=np.int64
        )[codes_f]
        for code, rangs in _groupes(codes_f, lignes, garde & (etab == -1)).items():
            self.signaler(
                "etablissement_inconnu", source, rangs, finess=normalises[code], nombre=len(rangs)
            )
        del codes_f
        garde &= etab >= 0

        codes_i, distincts_i = factoriser(table.colonne("indicateur"))  # type: ignore[arg-type]
        noms_ind = ["" if d is None else str(d).strip() for d in distincts_i]
        connu = np.array([n in fiches for n in noms_ind], dtype=bool)[codes_i]
        for code, rangs in _groupes(codes_i, lignes, garde & ~connu).items():
            self.signaler(
                "indicateur_inconnu",
                source,
                rangs,
                indicateur=noms_ind[code],
                suggestion=_conseil(noms_ind[code], sorted(fiches), "fr"),
                suggestion_en=_conseil(noms_ind[code], sorted(fiches), "en"),
            )
        garde &= connu

        codes_a, distincts_a = factoriser(table.colonne("annee"))  # type: ignore[arg-type]
        lues_a = [_annee(d) for d in distincts_a]
        an = np.array(
            [a - annees[0] if a is not None and a in annees else -1 for a in lues_a], dtype=np.int64
        )[codes_a]
        for code, rangs in _groupes(codes_a, lignes, garde & (an < 0)).items():
            if lues_a[code] is None:
                self.signaler("annee_donnees_invalide", source, rangs, annee=distincts_a[code])
            else:
                self.signaler(
                    "annee_donnees_hors_periode",
                    source,
                    rangs,
                    Niveau.AVERTISSEMENT,
                    annee=lues_a[code],
                    debut=annees[0],
                    fin=annees[-1],
                )
        garde &= an >= 0

        codes_v, distincts_v = factoriser(table.colonne("variable"))  # type: ignore[arg-type]
        noms_var = ["" if d is None else str(d).strip() for d in distincts_v]
        codes_p, paires = factoriser(codes_i * len(noms_var) + codes_v)
        del codes_v
        declarees: list[tuple[str, str, str] | None] = []
        for paire in paires:
            nom_ind, nom_var = noms_ind[paire // len(noms_var)], noms_var[paire % len(noms_var)]
            variable = fiches[nom_ind].fiche.variables.get(nom_var) if nom_ind in fiches else None
            declarees.append((nom_ind, nom_var, variable.type) if variable is not None else None)
        connue = np.array([d is not None for d in declarees], dtype=bool)[codes_p]
        for code, rangs in _groupes(codes_p, lignes, garde & ~connue).items():
            nom_ind, nom_var = (
                noms_ind[paires[code] // len(noms_var)],
                noms_var[paires[code] % len(noms_var)],
            )
            possibles = sorted(fiches[nom_ind].fiche.variables)
            self.signaler(
                "variable_inconnue",
                source,
                rangs,
                variable=nom_var,
                indicateur=nom_ind,
                suggestion=_conseil(nom_var, possibles, "fr", "variables_de_la_fiche"),
                suggestion_en=_conseil(nom_var, possibles, "en", "variables_de_la_fiche"),
            )
        garde &= connue

        # Parse each distinct raw value once per declared type, into arrays.
        codes_val, distinctes_val = factoriser(table.colonne("valeur"))  # type: ignore[arg-type]
        types = sorted({d[2] for d in declarees if d is not None})
        # each row's declared type as a small int (comparing texts row by row is slow)
        types_lignes = np.array(
            [types.index(d[2]) if d is not None else -1 for d in declarees], dtype=np.int64
        )[codes_p]
        lectures: dict[str, _Lecture] = {}
        convention = table.decimale or detecter_convention(distinctes_val)
        for rang_type, type_ in enumerate(types):
            utiles = _distincts(codes_val[garde & (types_lignes == rang_type)], len(distinctes_val))
            lectures[type_] = _Lecture.lire(type_, distinctes_val, utiles, convention)
        del types_lignes  # row-long arrays are freed as soon as read (bounded memory)

        # One cell per (establishment, year, indicator-variable). Rows are sorted by cell; the
        # first row of each cell carries it, duplicates are compared and reported, and
        # conflicting ones leave the cell invalid rather than picking one value.
        largeur = len(annees)
        indices = np.flatnonzero(garde)
        cle = (etab[indices] * largeur + an[indices]) * len(paires) + codes_p[indices]
        tri = np.argsort(cle, kind="stable")
        ordre, cle_triee = indices[tri], cle[tri]
        debut = (
            np.r_[True, cle_triee[1:] != cle_triee[:-1]] if len(ordre) else np.zeros(0, dtype=bool)
        )
        del indices, cle, tri, cle_triee
        positions = np.flatnonzero(debut)
        premiers = ordre[positions]
        tailles = np.diff(np.r_[positions, len(ordre)])
        conflits = np.zeros(len(premiers), dtype=bool)
        for g in np.flatnonzero(tailles > 1).tolist():
            rangees = ordre[positions[g] : positions[g] + tailles[g]]
            conflits[g] = self._doublons(
                rangees,
                declarees,
                codes_p,
                codes_val,
                lectures,
                distinctes_val,
                etab,
                an,
                finess,
                annees,
                lignes,
                source,
            )

        forme = (len(finess), largeur)
        grilles = {
            (code, nom_var): Grille(_vide(variable.type, forme), np.zeros(forme, dtype=np.int64))
            for code, fiche in fiches.items()
            for nom_var, variable in fiche.fiche.variables.items()
        }
        paire_premiers = codes_p[premiers]
        tri_paires = np.argsort(paire_premiers, kind="stable")
        coupures = np.flatnonzero(np.diff(paire_premiers[tri_paires])) + 1
        for groupe in np.split(tri_paires, coupures) if len(tri_paires) else []:
            paire = int(paire_premiers[groupe[0]])
            nom_ind, nom_var, type_ = declarees[paire]  # type: ignore[misc]
            porteurs = premiers[groupe]
            valeurs = codes_val[porteurs]
            lecture = lectures[type_]
            absence = np.where(
                conflits[groupe], np.uint8(c.Absence.INVALIDE), lecture.absence[valeurs]
            )
            grille = grilles[(nom_ind, nom_var)]
            lecture.poser(grille.colonne, etab[porteurs], an[porteurs], valeurs, absence)
            grille.lignes[etab[porteurs], an[porteurs]] = lignes[porteurs]
            invalides = (absence == c.Absence.INVALIDE) & ~conflits[groupe]
            for code_valeur, lignes_invalides in _groupes(
                valeurs, lignes[porteurs], invalides
            ).items():
                lu = lecture.lus[code_valeur]
                # Structured location: the fiche always; the FINESS and year when the
                # invalid spelling sits on one row only (a group may span many rows).
                unique: dict[str, Any] = {}
                if len(lignes_invalides) == 1:
                    rang = int(np.flatnonzero(lignes[porteurs] == lignes_invalides[0])[0])
                    unique = {
                        "finess": str(finess[int(etab[porteurs][rang])]),
                        "annee": int(annees[int(an[porteurs][rang])]),
                    }
                self.signaler(
                    "valeur_donnees_invalide",
                    source,
                    lignes_invalides,
                    indicateur=nom_ind,
                    **unique,
                    valeur=distinctes_val[code_valeur],
                    variable=nom_var,
                    type=type_,
                    detail=lu.erreur,
                    conseil="",
                    conseil_en=lu.erreur_en or "",
                )
        preuves = self._preuves(table, etab, an, codes_i, noms_ind, garde, forme)
        commentaires = self._commentaires(table, etab, an, codes_i, noms_ind, garde, finess, annees)
        # The years evaluated by default: those where some value is actually written (a row
        # whose cell is empty says nothing about its year, docs/semantique.md §15).
        vides = np.array([est_manquant(d) for d in distinctes_val], dtype=bool)
        ecrites = garde & ~vides[codes_val] if len(distinctes_val) else garde
        annees_vues = frozenset(annees[int(a)] for a in np.unique(an[ecrites]).tolist())
        for e in np.setdiff1d(np.arange(len(finess)), np.unique(etab[garde])).tolist():
            self.signaler(
                "etablissement_sans_mesure", source, niveau=Niveau.AVERTISSEMENT, finess=finess[e]
            )
        return grilles, preuves, commentaires, annees_vues

    def _doublons(
        self,
        rangees: NDArray[np.int64],
        declarees: list[tuple[str, str, str] | None],
        codes_p: NDArray[np.int64],
        codes_val: NDArray[np.int64],
        lectures: dict[str, _Lecture],
        distinctes_val: list[Any],
        etab: NDArray[np.int64],
        an: NDArray[np.int64],
        finess: NDArray[np.object_],
        annees: tuple[int, ...],
        lignes: NDArray[np.int64],
        source: str,
    ) -> bool:
        """Report a cell entered several times; True when the entries disagree."""
        premier = int(rangees[0])
        nom_ind, nom_var, type_ = declarees[int(codes_p[premier])]  # type: ignore[misc]
        lecture = lectures[type_]
        # What each entry says: its value when read, its own text when invalid (two different
        # invalid spellings disagree: neither is kept, whatever the order of the rows).
        lus = [
            distinctes_val[code]
            if lecture.absence[code] == c.Absence.INVALIDE
            else lecture.valeur(code)
            for code in (int(codes_val[r]) for r in rangees)
        ]
        params = {
            "finess": finess[etab[premier]],
            "indicateur": nom_ind,
            "annee": annees[an[premier]],
            "variable": nom_var,
        }
        sources = [int(lignes[r]) for r in rangees]
        if all(lu == lus[0] for lu in lus[1:]):
            self.signaler(
                "mesure_en_double_identique", source, sources, Niveau.AVERTISSEMENT, **params
            )
            return False
        valeurs = " / ".join(str(distinctes_val[int(codes_val[r])]) for r in rangees)
        self.signaler("mesure_en_double", source, sources, valeurs=valeurs, **params)
        return True

    def _non_vides(
        self, table: TableBrute, nom: str, garde: NDArray[np.bool_]
    ) -> tuple[list[Any], NDArray[np.int64], NDArray[np.int64]]:
        """The distinct non-empty values of an optional column, the kept rows holding one, and their codes."""
        colonne = table.colonne(nom)
        if colonne is None:
            return [], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        codes, distinctes = factoriser(colonne)
        pleines = np.array([not est_manquant(d) for d in distinctes], dtype=bool)
        rangs = (
            np.flatnonzero(garde & pleines[codes])
            if len(distinctes)
            else np.zeros(0, dtype=np.int64)
        )
        return distinctes, rangs, codes[rangs]

    def _preuves(
        self,
        table: TableBrute,
        etab: NDArray[np.int64],
        an: NDArray[np.int64],
        codes_ind: NDArray[np.int64],
        noms_ind: list[str],
        garde: NDArray[np.bool_],
        forme: tuple[int, int],
    ) -> dict[str, NDArray[np.uint64]]:
        """Evidence provided per fiche, as masks over the fiche's declared codes (see CodesPreuves)."""
        distinctes, rangs, codes = self._non_vides(table, "preuves", garde)
        resultat: dict[str, NDArray[np.uint64]] = {}
        inconnues: dict[str, set[str]] = {}
        couples, index = (
            factoriser(codes_ind[rangs] * max(len(distinctes), 1) + codes)
            if len(rangs)
            else (np.zeros(0, dtype=np.int64), [])
        )
        masques = np.zeros(len(index), dtype=np.uint64)
        for i, couple in enumerate(index):
            fiche = self.catalogue.regles.fiches[noms_ind[couple // max(len(distinctes), 1)]]
            lus = {
                p.strip()
                for p in re.split(r"[;|,]", str(distinctes[couple % max(len(distinctes), 1)]))
                if p.strip()
            }
            masques[i] = fiche.preuves.masque(lus)
            inconnues.setdefault(fiche.code, set()).update(lus - set(fiche.preuves.codes))
        for code in {noms_ind[int(i)] for i in np.unique(codes_ind[rangs])}:
            dans = codes_ind[rangs] == noms_ind.index(code)
            grille = np.zeros(forme, dtype=np.uint64)
            np.bitwise_or.at(grille, (etab[rangs][dans], an[rangs][dans]), masques[couples[dans]])
            resultat[code] = grille
        for code, codes_inconnus in inconnues.items():
            declarees = self.catalogue.regles.fiches[code].preuves.codes
            for preuve in sorted(codes_inconnus):
                self.signaler(
                    "preuve_donnees_inconnue",
                    table.source,
                    niveau=Niveau.AVERTISSEMENT,
                    preuve=preuve,
                    indicateur=code,
                    possibles=", ".join(declarees),
                )
        return resultat

    def _commentaires(
        self,
        table: TableBrute,
        etab: NDArray[np.int64],
        an: NDArray[np.int64],
        codes_ind: NDArray[np.int64],
        noms_ind: list[str],
        garde: NDArray[np.bool_],
        finess: NDArray[np.object_],
        annees: tuple[int, ...],
    ) -> dict[tuple[str, str, int], str]:
        distinctes, rangs, codes = self._non_vides(table, "commentaire", garde)
        resultat: dict[tuple[str, str, int], str] = {}
        for rang, code in zip(rangs.tolist(), codes.tolist(), strict=True):
            cle = (str(finess[etab[rang]]), noms_ind[codes_ind[rang]], annees[int(an[rang])])
            texte = str(distinctes[code]).strip()
            resultat[cle] = f"{resultat[cle]} ; {texte}" if cle in resultat else texte
        return resultat


def validate_dataset(
    catalogue: Catalogue,
    etablissements: TableBrute,
    mesures: TableBrute,
    *,
    reparer_finess: bool = False,
) -> Donnees:
    """Validate both tables against `catalogue` and build the grids (pure).

    Raises `ErreurDonnees` only when a table lacks a required column; every other defect is
    a reported problem, and the rows concerned are named by their source line.
    """
    validateur = _Validateur(catalogue, reparer_finess)
    validateur.problemes.extend(etablissements.problemes)
    validateur.problemes.extend(mesures.problemes)
    finess, raisons, attributs = validateur.etablissements(etablissements)
    annees = annees_utiles(catalogue)
    grilles, preuves, commentaires, annees_vues = validateur.mesures(mesures, finess, annees)
    return Donnees(
        finess=finess,
        raisons_sociales=raisons,
        attributs=attributs,
        annees=annees,
        variables=grilles,
        preuves=preuves,
        commentaires=commentaires,
        problemes=tuple(validateur.problemes),
        sources=(etablissements.source, mesures.source),
        annees_avec_mesures=annees_vues,
    )
