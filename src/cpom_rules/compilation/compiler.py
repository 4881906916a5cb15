"""Compile validated models into rules, reporting every cross-reference error with its location.

Guarantees on success: every name in a formula or condition is declared and well typed;
every segment used by a table exists; every year key lies in the period, no year has two
targets, and every year of the period has one (or an explicit ``pas_de_cible``); measures
do not depend on each other in a loop; evidence and derogations refer to declared things.
Inconsistencies of the fiche itself (a total that does not add up, a gap between tiers…)
are left to `cpom_rules.lint`, as warnings.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from cpom_rules.compilation.regles import (
    CatalogueCompile,
    CodesPreuves,
    DerogationCompilee,
    FicheCompilee,
    MesureCompilee,
    SegmentCompile,
)
from cpom_rules.formules.expression import (
    MAX_LONGUEUR,
    Expression,
    Symbole,
    TypeExpr,
    analyser,
    suggerer,
)
from cpom_rules.problemes import Niveau, Probleme, probleme
from cpom_rules.spec.catalogue import DefinitionCatalogue
from cpom_rules.spec.cibles import (
    CibleBase,
    References,
    toutes_les_cibles,
)
from cpom_rules.spec.fiche import Fiche, Mesure, Periode, lecture_mesure
from cpom_rules.spec.source import Chemin, Document
from cpom_rules.spec.types import lire_plage_annees

MAX_PREUVES = 64  # evidence codes of one fiche are bits of a 64-bit mask

TYPES_VARIABLES: dict[str, TypeExpr] = {
    "nombre": TypeExpr.NOMBRE,
    "taux": TypeExpr.NOMBRE,
    "booleen": TypeExpr.BOOLEEN,
    "jalon": TypeExpr.BOOLEEN,
    "date": TypeExpr.DATE,
    "texte": TypeExpr.TEXTE,
}
TYPES_ATTRIBUTS: dict[str, TypeExpr] = {
    "nombre": TypeExpr.NOMBRE,
    "entier": TypeExpr.NOMBRE,
    "booleen": TypeExpr.BOOLEEN,
    "texte": TypeExpr.TEXTE,
    "liste": TypeExpr.LISTE,
}


@dataclass
class Lieu:
    """Turns a key path into a located `Probleme` for one file."""

    fichier: str | None
    document: Document | None
    code_fiche: str | None = None
    problemes: list[Probleme] = field(default_factory=list)

    def signaler(
        self,
        code: str,
        chemin: Chemin,
        *,
        niveau: Niveau = Niveau.ERREUR,
        de_la_cle: bool = False,
        decalage: int | None = None,
        **params: Any,
    ) -> None:
        position = None
        if self.document is not None:
            position = (
                self.document.position(chemin, de_la_cle=True)
                if de_la_cle
                else self.document.position_dans_texte(chemin, decalage)
            )
        self.problemes.append(
            probleme(
                code,
                niveau,
                fichier=self.fichier,
                ligne=position.ligne if position else None,
                colonne=position.colonne if position else None,
                chemin=".".join(str(element) for element in chemin) or None,
                code_fiche=self.code_fiche,
                **params,
            )
        )

    def expression(
        self, texte: str, symboles: Mapping[str, Symbole], chemin: Chemin
    ) -> Expression | None:
        """Parse `texte`; report its defects at `chemin`."""
        resultat, defauts = analyser(texte, symboles)
        for defaut in defauts:
            self.signaler(defaut.code, chemin, decalage=defaut.decalage, **defaut.params)
        return resultat


def symboles_attributs(definition: DefinitionCatalogue) -> dict[str, Symbole]:
    """The establishment attributes, as names conditions may use."""
    return {
        nom: Symbole(nom, TYPES_ATTRIBUTS[attribut.type], "attribut", frozenset(attribut.valeurs))
        for nom, attribut in definition.attributs.items()
    }


def compiler_segments(
    segments: Mapping[str, Any], symboles: Mapping[str, Symbole], lieu: Lieu, prefixe: Chemin
) -> dict[str, SegmentCompile]:
    """Parse each segment's condition over the attributes."""
    resultat = {}
    for code, segment in segments.items():
        condition = None
        if segment.condition is not None:
            chemin = (*prefixe, code, "condition")
            condition = lieu.expression(segment.condition, symboles, chemin)
            if condition is not None and condition.type is not TypeExpr.BOOLEEN:
                _pas_une_condition(lieu, chemin, condition)
                condition = None
        resultat[code] = SegmentCompile(code, segment.libelle, condition)
    return resultat


def _pas_une_condition(lieu: Lieu, chemin: Chemin, expression: Expression) -> None:
    detail = f"« {expression.texte} » donne un {expression.type}, pas une condition oui/non"
    lieu.signaler(
        "type_incompatible",
        chemin,
        detail=detail,
        detail_en=detail,
        conseil="écrivez une comparaison, par exemple lits >= 100",
        conseil_en="write a comparison",
    )


def compiler_catalogue(
    definition: DefinitionCatalogue,
    document: Document | None,
    fiches: Iterable[tuple[Fiche, Document | None]],
) -> tuple[CatalogueCompile | None, list[Probleme]]:
    """Compile the catalogue and each fiche; return None when any error was found."""
    lieu = Lieu(document.fichier if document else None, document)
    attributs = symboles_attributs(definition)
    segments = compiler_segments(definition.segments, attributs, lieu, ("segments",))
    problemes = list(lieu.problemes)
    compilees: dict[str, FicheCompilee] = {}
    for fiche, doc_fiche in fiches:
        compilee, defauts = compiler_fiche(fiche, doc_fiche, definition, segments)
        problemes.extend(defauts)
        if compilee is not None:
            compilees[fiche.code] = compilee
    if any(p.niveau is Niveau.ERREUR for p in problemes):
        return None, problemes
    return CatalogueCompile(definition, segments, compilees), problemes


def compiler_fiche(
    fiche: Fiche,
    document: Document | None,
    definition: DefinitionCatalogue,
    segments_catalogue: Mapping[str, SegmentCompile],
) -> tuple[FicheCompilee | None, list[Probleme]]:
    """Compile one fiche against the catalogue; None when it has errors."""
    compilateur = _CompilateurFiche(fiche, document, definition, segments_catalogue)
    compilee = compilateur.compiler()
    erreur = any(p.niveau is Niveau.ERREUR for p in compilateur.lieu.problemes)
    return (None if erreur else compilee), compilateur.lieu.problemes


class _CompilateurFiche:
    def __init__(
        self,
        fiche: Fiche,
        document: Document | None,
        definition: DefinitionCatalogue,
        segments_catalogue: Mapping[str, SegmentCompile],
    ) -> None:
        self.fiche = fiche
        self.definition = definition
        self.periode: Periode = fiche.periode or definition.periode
        self.lieu = Lieu(document.fichier if document else None, document, fiche.code)
        self.attributs = symboles_attributs(definition)
        self.segments_catalogue = segments_catalogue
        self.types_mesures: dict[str, TypeExpr] = {}

    # --- names ---------------------------------------------------------------------------
    def _noms_uniques(self) -> None:
        vus: dict[str, str] = dict.fromkeys(self.attributs, "attribut du catalogue")
        for genre, noms in (("variable", self.fiche.variables), ("mesure", self.fiche.mesures)):
            for nom in noms:
                if nom in vus:
                    self.lieu.signaler(
                        "nom_en_double",
                        (f"{genre}s", nom),
                        de_la_cle=True,
                        nom=nom,
                        premier=vus[nom],
                        second=genre,
                    )
                vus.setdefault(nom, genre)
        for code in self.fiche.segments:
            if code in self.segments_catalogue:
                self.lieu.signaler(
                    "nom_en_double",
                    ("segments", code),
                    de_la_cle=True,
                    nom=code,
                    premier="segment du catalogue",
                    second="segment de la fiche",
                )

    def _symboles_formules(self) -> dict[str, Symbole]:
        symboles = dict(self.attributs)
        for nom, variable in self.fiche.variables.items():
            symboles[nom] = Symbole(nom, TYPES_VARIABLES[variable.type], "variable")
        return symboles

    # --- whole fiche ---------------------------------------------------------------------
    def compiler(self) -> FicheCompilee | None:
        self._noms_uniques()
        perimetre = None
        if self.fiche.perimetre is not None and self.fiche.perimetre.condition is not None:
            chemin: Chemin = ("perimetre", "condition")
            perimetre = self.lieu.expression(self.fiche.perimetre.condition, self.attributs, chemin)
            if perimetre is not None and perimetre.type is not TypeExpr.BOOLEEN:
                _pas_une_condition(self.lieu, chemin, perimetre)
        locaux = compiler_segments(self.fiche.segments, self.attributs, self.lieu, ("segments",))
        segments = {**self.segments_catalogue, **locaux}
        formules = self._compiler_formules()
        mesures: dict[str, MesureCompilee] = {}
        for code in formules:
            mesures[code] = self._compiler_mesure(
                code, self.fiche.mesures[code], formules[code], segments
            )
        # Judged on the fiche as written: a measure left out by another error (a loop, an
        # unknown segment) must not add a misleading « no targets ».
        if not any(mesure.cibles for mesure in self.fiche.mesures.values()):
            self.lieu.signaler("mesure_sans_cible", ("mesures",))
        self._preuves_annuelles()
        self._verifier_lectures()
        utilises = {code for m in mesures.values() for code in m.cibles}
        for code in locaux:
            if code not in utilises:
                self.lieu.signaler(
                    "segment_sans_cibles", ("segments", code), de_la_cle=True, segment=code
                )
        codes_preuves = CodesPreuves(tuple(self.fiche.preuves))
        if len(codes_preuves.codes) > MAX_PREUVES:
            self.lieu.signaler(
                "trop_de_preuves",
                ("preuves",),
                de_la_cle=True,
                nombre=len(codes_preuves.codes),
                maximum=MAX_PREUVES,
            )
        preuves = {
            annee: codes_preuves.masque(
                code for code, preuve in self.fiche.preuves.items() if annee in preuve.annees
            )
            for annee in self.periode.annees
        }
        return FicheCompilee(
            self.fiche,
            self.periode,
            perimetre,
            {code: segments[code] for code in sorted(utilises) if code in segments},
            mesures,
            codes_preuves,
            {annee: masque for annee, masque in preuves.items() if masque},
        )

    # --- formulas ------------------------------------------------------------------------
    def _compiler_formules(
        self,
    ) -> dict[str, tuple[Expression | None, Expression | None, Expression | None]]:
        """Parse every measure's formula in dependency order, so that a measure naming
        another one knows its type."""
        symboles = self._symboles_formules()
        resultat: dict[str, tuple[Expression | None, Expression | None, Expression | None]] = {}
        for nom in self._ordre_mesures():
            # A measure whose formula failed stays nameable, so its error is not repeated.
            connues = {
                m: Symbole(m, self.types_mesures.get(m, TypeExpr.NOMBRE), "mesure")
                for m in resultat
            }
            noms = {**symboles, **connues}
            formule = self.fiche.mesures[nom].formule
            chemin: Chemin = ("mesures", nom, "formule")
            if formule.est_ratio:
                assert formule.numerateur is not None and formule.denominateur is not None
                num = self._expression_nombre(formule.numerateur, noms, (*chemin, "numerateur"))
                den = self._expression_nombre(formule.denominateur, noms, (*chemin, "denominateur"))
                resultat[nom] = (None, num, den)
                self.types_mesures[nom] = TypeExpr.NOMBRE
            else:
                assert formule.expression is not None
                expression = self.lieu.expression(formule.expression, noms, (*chemin, "expression"))
                if expression is not None and expression.type not in (
                    TypeExpr.NOMBRE,
                    TypeExpr.BOOLEEN,
                ):
                    detail = f"une mesure est un nombre ou un oui/non, pas un {expression.type}"
                    self.lieu.signaler(
                        "type_incompatible",
                        (*chemin, "expression"),
                        detail=detail,
                        detail_en=detail,
                        conseil="",
                        conseil_en="",
                    )
                    expression = None
                resultat[nom] = (expression, None, None)
                if expression is not None:
                    self.types_mesures[nom] = expression.type
        return resultat

    def _expression_nombre(
        self, texte: str, symboles: Mapping[str, Symbole], chemin: Chemin
    ) -> Expression | None:
        expression = self.lieu.expression(texte, symboles, chemin)
        if expression is not None and expression.type is not TypeExpr.NOMBRE:
            detail = f"« {texte} » donne un {expression.type}, pas un nombre"
            self.lieu.signaler(
                "type_incompatible",
                chemin,
                detail=detail,
                detail_en=detail,
                conseil="un numérateur et un dénominateur sont des nombres",
                conseil_en="",
            )
            return None
        return expression

    def _ordre_mesures(self) -> list[str]:
        """Measures in dependency order; the measures of a loop are reported and left out."""
        dependances = {
            nom: {
                n
                for texte in _textes_formule(mesure)
                for n in _noms_cites(texte)
                if n in self.fiche.mesures
            }
            for nom, mesure in self.fiche.mesures.items()
        }
        ordre: list[str] = []
        restants = dict(dependances)
        while restants:
            prets = [nom for nom, deps in restants.items() if deps <= set(ordre)]
            if not prets:
                boucle = sorted(restants)
                self.lieu.signaler(
                    "mesure_cyclique", ("mesures", boucle[0], "formule"), mesures=", ".join(boucle)
                )
                return ordre
            for nom in prets:
                ordre.append(nom)
                del restants[nom]
        return ordre

    # --- one measure ---------------------------------------------------------------------
    def _compiler_mesure(
        self,
        code: str,
        mesure: Mesure,
        formule: tuple[Expression | None, Expression | None, Expression | None],
        segments: Mapping[str, SegmentCompile],
    ) -> MesureCompilee:
        expression, numerateur, denominateur = formule
        base: Chemin = ("mesures", code)
        cibles: dict[str, dict[int, CibleBase]] = {}
        for segment, table in mesure.cibles.items():
            chemin = (*base, "cibles", segment)
            if segment not in segments:
                self.lieu.signaler(
                    "reference_inconnue",
                    chemin,
                    de_la_cle=True,
                    quoi="le segment",
                    quoi_en="segment",
                    nom=segment,
                    e="",
                    suggestion=suggerer(segment, segments)
                    or f"segments déclarés : {', '.join(sorted(segments))}",
                    suggestion_en=f"declared segments: {', '.join(sorted(segments))}",
                )
                continue
            cibles[segment] = self._table(table, chemin, exige_toutes=True)
            for cle, cible in table.items():
                self._verifier_cible(cible, (*chemin, cle), code)
        if mesure.total is not None:
            self._mesures_oui_non(
                mesure.total.exige,
                (*base, "total", "exige"),
                "un total exige des mesures oui/non (« oui » au moins une année)",
                "a total requires yes/no measures ('oui' at least one year)",
            )
            for segment in mesure.total.par_segment:
                if segment not in mesure.cibles:
                    self.lieu.signaler(
                        "reference_inconnue",
                        (*base, "total", "par_segment", segment),
                        de_la_cle=True,
                        quoi="le segment",
                        quoi_en="segment",
                        nom=segment,
                        e="",
                        suggestion=suggerer(segment, mesure.cibles)
                        or f"segments de la mesure : {', '.join(mesure.cibles)}",
                        suggestion_en=f"the measure's segments: {', '.join(mesure.cibles)}",
                    )
        derogations = {}
        for finess, derogation in mesure.derogations.items():
            chemin = (*base, "derogations", finess)
            if derogation.segment is not None and derogation.segment not in cibles:
                self.lieu.signaler(
                    "derogation_segment_inconnu",
                    (*chemin, "segment"),
                    segment=derogation.segment,
                    possibles=", ".join(sorted(cibles)),
                )
            table_derogation = self._table(
                derogation.cibles, (*chemin, "cibles"), exige_toutes=False
            )
            for cle, cible in derogation.cibles.items():
                self._verifier_cible(cible, (*chemin, "cibles", cle), code)
            derogations[finess] = DerogationCompilee(
                finess,
                derogation.motif,
                derogation.sans_objet,
                derogation.segment,
                table_derogation,
            )
        facteur = (
            Fraction(mesure.formule.facteur) if mesure.formule.facteur is not None else Fraction(1)
        )
        if facteur <= 0:  # -100 or 0 turn every rate into -50 % or 0 %, both "valid" numbers
            self.lieu.signaler(
                "facteur_non_positif", (*base, "formule", "facteur"), facteur=str(facteur)
            )
        return MesureCompilee(
            code,
            mesure,
            self.types_mesures.get(code, TypeExpr.NOMBRE),
            expression,
            numerateur,
            denominateur,
            facteur,
            cibles,
            derogations,
        )

    def _table(
        self, table: Mapping[str, CibleBase], chemin: Chemin, *, exige_toutes: bool
    ) -> dict[int, CibleBase]:
        """Expand year ranges; check the period, double years and (if asked) missing years."""
        par_annee: dict[int, CibleBase] = {}
        origine: dict[int, str] = {}
        for cle, cible in table.items():
            debut, fin = lire_plage_annees(cle)
            for annee in range(debut, fin + 1):
                if annee not in self.periode.annees:
                    self.lieu.signaler(
                        "annee_hors_periode",
                        (*chemin, cle),
                        de_la_cle=True,
                        annee=annee,
                        debut=self.periode.debut,
                        fin=self.periode.fin,
                    )
                    break
                if annee in par_annee:
                    self.lieu.signaler(
                        "annees_en_double",
                        (*chemin, cle),
                        de_la_cle=True,
                        annee=annee,
                        premiere=origine[annee],
                        seconde=cle,
                    )
                    continue
                par_annee[annee] = cible
                origine[annee] = cle
        if exige_toutes:
            for annee in self.periode.annees:
                if annee not in par_annee:
                    self.lieu.signaler(
                        "annee_sans_cible", chemin, de_la_cle=True, annee=annee, segment=chemin[-1]
                    )
        return dict(sorted(par_annee.items()))

    def _mesures_oui_non(
        self, noms: tuple[str, ...], chemin: Chemin, conseil: str, conseil_en: str
    ) -> None:
        """Each name is a yes/no measure of the fiche (k_parmi_n elements, a total's `exige`)."""
        for i, nom in enumerate(noms):
            if nom not in self.fiche.mesures:
                self._inconnu("la mesure", "measure", nom, self.fiche.mesures, (*chemin, i))
            elif self.types_mesures.get(nom) is not TypeExpr.BOOLEEN:
                self.lieu.signaler(
                    "type_incompatible",
                    (*chemin, i),
                    detail=f"« {nom} » n'est pas une mesure oui/non",
                    detail_en=f"'{nom}' is not a yes/no measure",
                    conseil=conseil,
                    conseil_en=conseil_en,
                )

    def _verifier_cible(self, cible: CibleBase, chemin: Chemin, mesure: str) -> None:
        """References inside a target: measures, evidence, variables, years."""
        for element, sous_chemin in _avec_chemins(cible, chemin):
            if element.mesure is not None and element.mesure not in self.fiche.mesures:
                self._inconnu(
                    "la mesure",
                    "measure",
                    element.mesure,
                    self.fiche.mesures,
                    (*sous_chemin, "mesure"),
                )
            for i, preuve in enumerate(element.preuves):
                if preuve not in self.fiche.preuves:
                    suggestion = (
                        suggerer(preuve, self.fiche.preuves)
                        or "déclarez-la sous « preuves » de la fiche"
                    )
                    self.lieu.signaler(
                        "preuve_non_declaree",
                        (*sous_chemin, "preuves", i),
                        preuve=preuve,
                        suggestion=suggestion,
                        suggestion_en="declare it under the fiche's 'preuves'",
                    )
            self._verifier_references(element.references(), sous_chemin)
        del mesure

    def _verifier_references(self, references: References, chemin: Chemin) -> None:
        """The measures, variables and years a target's kind says it refers to."""
        if references.mesures_oui_non is not None:
            cle, noms = references.mesures_oui_non
            self._mesures_oui_non(
                noms,
                (*chemin, cle),
                "k_parmi_n compte des mesures oui/non",
                "k_parmi_n counts yes/no measures",
            )
        if references.variable_nombre is not None:
            cle, nom = references.variable_nombre
            variable = self.fiche.variables.get(nom)
            if variable is None:
                self._inconnu("la variable", "variable", nom, self.fiche.variables, (*chemin, cle))
            elif TYPES_VARIABLES[variable.type] is not TypeExpr.NOMBRE:
                detail = f"la cible choisie « {nom} » doit être un nombre ou un taux"
                self.lieu.signaler(
                    "type_incompatible",
                    (*chemin, cle),
                    detail=detail,
                    detail_en=detail,
                    conseil="",
                    conseil_en="",
                )
        annees: list[tuple[str, int, bool]] = []  # (key, year, outside what is allowed)
        if references.annee_de_periode is not None:
            cle, annee = references.annee_de_periode
            annees.append((cle, annee, annee not in self.periode.annees))
        if references.annee_jusqua_fin is not None:
            cle, annee = references.annee_jusqua_fin
            annees.append((cle, annee, annee > self.periode.fin))
        for cle, annee, hors in annees:
            if hors:
                self.lieu.signaler(
                    "annee_hors_periode",
                    (*chemin, cle),
                    annee=annee,
                    debut=self.periode.debut,
                    fin=self.periode.fin,
                )

    def _verifier_lectures(self) -> None:
        """An alternative reading names a measure with targets and only segments that
        measure has; its targets' references are checked like the retained ones'."""
        for code, lecture in self.fiche.lectures.items():
            base: Chemin = ("lectures", code)
            mesure = lecture_mesure(self.fiche, lecture)
            if mesure is None or not self.fiche.mesures[mesure].cibles:
                self.lieu.signaler(
                    "lecture_mesure_inconnue",
                    (*base, "mesure") if lecture.mesure else base,
                    de_la_cle=lecture.mesure is None,
                    lecture=code,
                    possibles=", ".join(m for m, v in self.fiche.mesures.items() if v.cibles),
                )
                continue
            table_retenue = self.fiche.mesures[mesure].cibles
            for segment, table in lecture.cibles.items():
                if segment not in table_retenue:
                    self.lieu.signaler(
                        "lecture_segment_inconnu",
                        (*base, "cibles", segment),
                        de_la_cle=True,
                        lecture=code,
                        segments=segment,
                        possibles=", ".join(table_retenue),
                    )
                    continue
                for cle, cible in table.items():
                    self._verifier_cible(cible, (*base, "cibles", segment, cle), mesure)

    def _inconnu(
        self, quoi: str, quoi_en: str, nom: str, possibles: Iterable[str], chemin: Chemin
    ) -> None:
        suggestion = suggerer(nom, list(possibles))
        self.lieu.signaler(
            "reference_inconnue",
            chemin,
            quoi=quoi.capitalize(),
            quoi_en=quoi_en.capitalize(),
            nom=nom,
            e="e",
            suggestion=suggestion or f"possibles : {', '.join(sorted(possibles))}",
            suggestion_en=f"possible: {', '.join(sorted(possibles))}",
        )

    def _preuves_annuelles(self) -> None:
        for code, preuve in self.fiche.preuves.items():
            for i, annee in enumerate(preuve.annees):
                if annee not in self.periode.annees:
                    self.lieu.signaler(
                        "annee_hors_periode",
                        ("preuves", code, "annees", i),
                        annee=annee,
                        debut=self.periode.debut,
                        fin=self.periode.fin,
                    )


def _textes_formule(mesure: Mesure) -> list[str]:
    formule = mesure.formule
    return [
        t for t in (formule.expression, formule.numerateur, formule.denominateur) if t is not None
    ]


def _noms_cites(texte: str) -> set[str]:
    """The names a formula mentions (an unparsable formula is reported when compiled)."""
    try:
        arbre = ast.parse(" ".join(texte.split())[:MAX_LONGUEUR], mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return set()
    return {noeud.id for noeud in ast.walk(arbre) if isinstance(noeud, ast.Name)}


def _avec_chemins(cible: CibleBase, chemin: Chemin) -> list[tuple[CibleBase, Chemin]]:
    """The target and its nested conditions, each with its key path."""
    resultat = [(cible, chemin)]
    for i, enfant in enumerate(getattr(cible, "conditions", ())):
        resultat.extend(_avec_chemins(enfant, (*chemin, "conditions", i)))
    return resultat


__all__ = [
    "Lieu",
    "compiler_catalogue",
    "compiler_fiche",
    "symboles_attributs",
    "toutes_les_cibles",
]


def compiler_table_externe(
    fiche: FicheCompilee,
    definition: DefinitionCatalogue,
    segments_catalogue: Mapping[str, SegmentCompile],
    lieu: Lieu,
    table: Mapping[str, CibleBase],
    chemin: Chemin,
    mesure: str,
) -> dict[int, CibleBase]:
    """Check and expand a target table written outside the fiche (a contract, an avenant).

    The same checks as a derogation's table (years in the period, no year twice, declared
    measures, evidence and variables), reported through `lieu`, i.e. in the outside file.
    """
    compilateur = _CompilateurFiche(fiche.fiche, None, definition, segments_catalogue)
    compilateur.lieu = lieu
    compilateur.periode = fiche.periode
    compilateur.types_mesures = {code: m.type for code, m in fiche.mesures.items()}
    par_annee = compilateur._table(table, chemin, exige_toutes=False)
    for cle, cible in table.items():
        compilateur._verifier_cible(cible, (*chemin, cle), mesure)
    return par_annee
