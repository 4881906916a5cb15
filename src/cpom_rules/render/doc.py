"""Readable fiche pages regenerated from the specs: one HTML and one Markdown page per fiche,
plus an index in both formats.

Guarantees: pages say only what the YAML says (definition, formula, unit, scope, segments,
the target table segment × year with each cell as printed or described by `texte_cible`,
the 5-year total and how it is read, derogations, evidence, sources, legal references,
notes); HTML is rendered with jinja2 autoescaping on, and every value put into Markdown is
escaped so that a spec text cannot inject markup; output is deterministic and the HTML
pages need no external resource.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.compilation.regles import FicheCompilee, MesureCompilee
from cpom_rules.fichiers import ecrire_texte
from cpom_rules.spec.cibles import CibleBase
from cpom_rules.spec.description import nombre, reference, texte_cible
from cpom_rules.spec.fiche import Mesure, Total

TYPES_VARIABLES = {
    "nombre": "nombre",
    "taux": "taux (%)",
    "booleen": "oui / non",
    "date": "date",
    "jalon": "jalon (oui / non)",
    "texte": "texte",
}
SENS = {"hausse": "à la hausse (plus est mieux)", "baisse": "à la baisse (moins est mieux)"}
ARRONDIS = {
    "demi_superieur": "au plus proche, demi vers le haut",
    "demi_pair": "au plus proche, demi vers le pair",
    "inferieur": "par défaut",
    "superieur": "par excès",
}


# --- view model ------------------------------------------------------------------------------
@dataclass(frozen=True)
class LigneCibles:
    """One row of a target table: a segment (or a FINESS derogation) and its cell per year."""

    segment: str
    libelle: str
    cellules: tuple[str, ...]


@dataclass(frozen=True)
class Derogation:
    """A per-FINESS exception of one measure, in words."""

    finess: str
    motif: str
    effet: str


@dataclass(frozen=True)
class MesureDoc:
    """A measure as the page shows it."""

    code: str
    libelle: str
    formule: str
    unite: str
    sens: str
    arrondi: str | None
    cibles: tuple[LigneCibles, ...]
    total: str | None
    lecture_total: str | None
    derogations: tuple[Derogation, ...]


@dataclass(frozen=True)
class PageFiche:
    """Everything one fiche page shows, formatted."""

    code: str
    intitule: str
    objectif: str
    definition: str
    collecte: tuple[tuple[str, str], ...]
    perimetre: str | None
    condition_perimetre: str | None
    annees: tuple[int, ...]
    segments: tuple[tuple[str, str, str | None], ...]
    variables: tuple[tuple[str, str, str, str, str], ...]
    mesures: tuple[MesureDoc, ...]
    preuves: tuple[tuple[str, str, str], ...]
    sources: tuple[str, ...]
    references: tuple[str, ...]
    notes: tuple[str, ...]


def formule_texte(mesure: Mesure) -> str:
    """``professionnels_formes / professionnels_total × 100``, or the expression as written."""
    formule = mesure.formule
    if formule.expression is not None:
        return formule.expression
    texte = f"{formule.numerateur} / {formule.denominateur}"
    if formule.facteur is not None and formule.facteur != 1:
        texte += f" × {nombre(formule.facteur)}"
    return texte


def cellule_cible(cible: CibleBase, unite: str) -> str:
    """A target cell: as printed (or described), with the measure it bears on and the codes
    of the evidence it requires (their labels are in the evidence table of the page)."""
    texte = texte_cible(cible, unite)
    if cible.mesure and not cible.est_composite:  # its conditions name theirs
        texte += f" (mesure {cible.mesure})"
    if cible.preuves:
        texte += " — preuves : " + ", ".join(cible.preuves)
    return texte


def lecture_total(total: Total, unite: str) -> str:
    """What the 5-year total means, in words (see `evaluation.bilans`)."""
    base = total.reference
    lectures = {
        "valeur_finale": "la valeur de la dernière année de la période atteint le total",
        "somme": "la somme des valeurs annuelles de la période atteint le total",
        "somme_increments": "la dernière valeur moins celle d'avant la période atteint le total",
        "variation_cumulee": "la variation de la dernière valeur par rapport à "
        + (reference(str(base)) if base is not None else "l'année précédant la période"),
        "qualitatif": "chaque cible annuelle qui a donné un verdict est atteinte",
    }
    texte = lectures[total.sens]
    if total.valeur is not None:
        suffixe = "\u00a0%" if unite.strip() == "%" or total.sens == "variation_cumulee" else ""
        texte += f" (valeur retenue : {nombre(total.valeur)}{suffixe})"
    if total.periodicite != "annee":
        texte += f", valeur exprimée par {total.periodicite}"
    return texte


def _derogations(compilee: MesureCompilee, fiche: FicheCompilee) -> tuple[Derogation, ...]:
    sortie = []
    for finess, derogation in compilee.derogations.items():
        effets = []
        if derogation.sans_objet:
            effets.append("sans objet")
        if derogation.segment is not None:
            segment = fiche.segments.get(derogation.segment)
            effets.append(
                f"rattaché au segment « {segment.libelle if segment else derogation.segment} »"
            )
        effets.extend(
            f"{annee} : {cellule_cible(cible, compilee.modele.unite)}"
            for annee, cible in sorted(derogation.cibles.items())
        )
        sortie.append(Derogation(finess, derogation.motif, " ; ".join(effets)))
    return tuple(sortie)


def _mesure(compilee: MesureCompilee, fiche: FicheCompilee) -> MesureDoc:
    modele = compilee.modele
    annees = tuple(fiche.periode.annees)
    lignes = []
    for segment, par_annee in compilee.cibles.items():
        libelle = fiche.segments[segment].libelle if segment in fiche.segments else segment
        lignes.append(
            LigneCibles(
                segment,
                libelle,
                tuple(
                    cellule_cible(par_annee[a], modele.unite) if a in par_annee else "—"
                    for a in annees
                ),
            )
        )
    arrondi = (
        f"{modele.arrondi.decimales} décimale(s), {ARRONDIS[modele.arrondi.mode]}"
        if modele.arrondi
        else None
    )
    total = modele.total
    return MesureDoc(
        code=compilee.code,
        libelle=modele.libelle,
        formule=formule_texte(modele),
        unite=modele.unite,
        sens=SENS[modele.sens],
        arrondi=arrondi,
        cibles=tuple(lignes),
        total=(total.texte or (nombre(total.valeur) if total.valeur is not None else None))
        if total
        else None,
        lecture_total=lecture_total(total, modele.unite) if total else None,
        derogations=_derogations(compilee, fiche),
    )


def page_fiche(catalogue: Catalogue, code: str) -> PageFiche:
    """The page of one fiche, from its model and its compiled rules."""
    fiche = catalogue.fiches[code]
    compilee = catalogue.regles.fiches[code]
    conditions = {**catalogue.definition.segments, **fiche.segments}
    collecte: list[tuple[str, str]] = [("Fréquence", fiche.collecte.frequence)]
    if fiche.collecte.fenetre:
        collecte.append(("Fenêtre de mesure", fiche.collecte.fenetre))
    if fiche.collecte.modalites:
        collecte.append(("Modalités", fiche.collecte.modalites))
    return PageFiche(
        code=code,
        intitule=fiche.intitule,
        objectif=fiche.objectif_strategique,
        definition=fiche.definition,
        collecte=tuple(collecte),
        perimetre=fiche.perimetre.texte if fiche.perimetre else None,
        condition_perimetre=fiche.perimetre.condition if fiche.perimetre else None,
        annees=tuple(compilee.periode.annees),
        segments=tuple(
            (s, segment.libelle, conditions[s].condition if s in conditions else None)
            for s, segment in compilee.segments.items()
        ),
        variables=tuple(
            (
                nom,
                v.libelle,
                TYPES_VARIABLES[v.type],
                v.unite or "—",
                "oui" if v.obligatoire else "non",
            )
            for nom, v in fiche.variables.items()
        ),
        mesures=tuple(_mesure(m, compilee) for m in compilee.mesures.values()),
        preuves=tuple(
            (p, preuve.libelle, ", ".join(str(a) for a in preuve.annees) or "selon les cibles")
            for p, preuve in fiche.preuves.items()
        ),
        sources=fiche.sources,
        references=fiche.references,
        notes=fiche.notes,
    )


def ordre_naturel(code: str) -> tuple[tuple[int, str], ...]:
    """``CPOM_OS_2`` before ``CPOM_OS_12``: digit runs compare as numbers."""
    return tuple(
        (1, f"{int(morceau):012d}") if morceau.isdigit() else (0, morceau)
        for morceau in re.split(r"(\d+)", code)
        if morceau
    )


# --- rendering -------------------------------------------------------------------------------
_MARKDOWN_SPECIAUX = re.compile(r"([\\`*_\[\]<>|#&])")


class Brut(str):
    """A Markdown fragment built by the template itself, not to be escaped again."""

    __slots__ = ()


def echapper_markdown(valeur: object) -> str:
    """A value as literal Markdown text: specials backslash-escaped, line breaks flattened."""
    if isinstance(valeur, Brut):
        return valeur
    texte = "" if valeur is None else str(valeur)
    return _MARKDOWN_SPECIAUX.sub(r"\\\1", " ".join(texte.split()))


def code_markdown(valeur: object) -> Brut:
    """A code span (codes and formulas), closed by a fence longer than any backtick run inside."""
    texte = " ".join(str(valeur).split())
    clotures = max((len(m) for m in re.findall(r"`+", texte)), default=0) + 1
    garde = "`" * clotures
    espace = " " if texte.startswith("`") or texte.endswith("`") else ""
    return Brut(f"{garde}{espace}{texte}{espace}{garde}")


def lien_markdown(valeur: object) -> Brut:
    """A link target, percent-encoded (Markdown escapes do not belong in a URL)."""
    return Brut(quote(str(valeur)))


@cache
def environnements() -> tuple[Environment, Environment]:
    """The HTML environment (autoescape on) and the Markdown one (every output escaped)."""
    chargeur = PackageLoader("cpom_rules.render", "templates")
    html = Environment(loader=chargeur, autoescape=True, trim_blocks=True, lstrip_blocks=True)
    markdown = Environment(
        loader=chargeur,
        autoescape=False,  # HTML escaping is wrong for Markdown: `finalize` escapes instead
        finalize=echapper_markdown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    markdown.filters["code"] = code_markdown
    markdown.filters["lien"] = lien_markdown
    return html, markdown


def _contexte_index(catalogue: Catalogue, codes: list[str]) -> dict[str, Any]:
    return {
        "definition": catalogue.definition,
        "fiches": [catalogue.fiches[code] for code in codes],
    }


def write_doc(catalogue: Catalogue, dossier: Path) -> list[Path]:
    """Write ``CODE.html`` and ``CODE.md`` for each fiche, then ``index.html`` and ``index.md``.

    Returns the paths written, fiche pages first (in natural code order), index last.
    """
    dossier = Path(dossier)
    dossier.mkdir(parents=True, exist_ok=True)
    html, markdown = environnements()
    codes = sorted(catalogue.fiches, key=ordre_naturel)
    ecrits: list[Path] = []
    commun: Mapping[str, Any] = {"definition": catalogue.definition}
    for code in codes:
        page = page_fiche(catalogue, code)
        for environnement, gabarit, suffixe in (
            (html, "doc_fiche.html", ".html"),
            (markdown, "doc_fiche.md", ".md"),
        ):
            chemin = dossier / f"{code}{suffixe}"
            texte = environnement.get_template(gabarit).render(commun, fiche=page)
            ecrire_texte(chemin, texte)
            ecrits.append(chemin)
    contexte = _contexte_index(catalogue, codes)
    for environnement, gabarit, nom in (
        (html, "doc_index.html", "index.html"),
        (markdown, "doc_index.md", "index.md"),
    ):
        chemin = dossier / nom
        ecrire_texte(chemin, environnement.get_template(gabarit).render(contexte))
        ecrits.append(chemin)
    return ecrits
