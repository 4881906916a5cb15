"""Build the establishments table of a catalogue from the FINESS extract and the SAE.

Guarantees: every site of the region is either in a row or named by a problem (unknown
category or status, out of scope, malformed line); every attribute value of a row comes
with its source (file and line, or the mapping entry that decided it); nothing is guessed
(an unknown code leaves the attribute empty and is reported, a legal entity with a site
without SAE beds gets no bed count rather than a partial sum).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.donnees.tables import TableBrute
from cpom_rules.donnees.valeurs import est_manquant, natif
from cpom_rules.fichiers import ecrire_atomique
from cpom_rules.finess import analyser_finess
from cpom_rules.formules.expression import suggerer
from cpom_rules.problemes import ErreurDonnees, Niveau, Probleme, probleme
from cpom_rules.render.securite import neutraliser
from cpom_rules.sources.extrait_finess import ExtraitFiness, Site
from cpom_rules.sources.referentiel import DEPARTEMENTS_OUTRE_MER, Referentiel
from cpom_rules.sources.sae import TablesSae

COLONNES_SOURCES = ("finess", "attribut", "valeur", "source")


@dataclass(frozen=True)
class _SiteLu:
    site: Site
    categorie: str | None
    statut: str | None


@dataclass(frozen=True)
class TableEtablissements:
    """Rows ready for `load_dataset`, the source of each value, and the problems found."""

    lignes: tuple[dict[str, str], ...]
    sources: tuple[tuple[str, str, str, str], ...]
    problemes: tuple[Probleme, ...]
    hors_champ: int = 0

    def write_csv(self, chemin: str | Path, colonnes: Sequence[str]) -> Path:
        """Write the table (``;``, UTF-8) and its sources next to it (``*.sources.csv``)."""
        chemin = Path(chemin)
        chemin.parent.mkdir(parents=True, exist_ok=True)
        with (
            ecrire_atomique(chemin) as temporaire,
            temporaire.open("w", encoding="utf-8", newline="") as flux,
        ):
            ecrivain = csv.DictWriter(flux, fieldnames=list(colonnes), delimiter=";")
            ecrivain.writeheader()
            for ligne in self.lignes:  # a name such as « =HYPERLINK(…) » stays inert text
                ecrivain.writerow({c: neutraliser(ligne.get(c, "")) for c in colonnes})
        sources = chemin.with_suffix(".sources.csv")
        with (
            ecrire_atomique(sources) as temporaire,
            temporaire.open("w", encoding="utf-8", newline="") as flux,
        ):
            ecrivain_sources = csv.writer(flux, delimiter=";")
            ecrivain_sources.writerow(COLONNES_SOURCES)
            ecrivain_sources.writerows([*map(neutraliser, s)] for s in self.sources)
        return sources


def departements_choisis(
    referentiel: Referentiel, region: str | None, departements: Iterable[str] | None
) -> frozenset[str]:
    """The département codes kept, as FINESS writes them (``971`` is accepted for ``9A``)."""
    if departements:
        inverse = {v: k for k, v in DEPARTEMENTS_OUTRE_MER.items()}
        return frozenset(inverse.get(d.strip().upper(), d.strip().upper()) for d in departements)
    if region is not None and region.strip() != referentiel.region.code:
        raise ValueError(region)
    return frozenset(referentiel.region.departements)


def build_etablissements(
    catalogue: Catalogue,
    extrait: ExtraitFiness,
    sae: TablesSae | None,
    referentiel: Referentiel,
    departements: frozenset[str],
) -> TableEtablissements:
    """The establishments of `departements`, with the catalogue's attributes (see module)."""
    problemes: list[Probleme] = [*extrait.problemes, *(sae.problemes if sae else ())]
    lus: list[_SiteLu] = []
    hors_champ = 0
    for site in extrait.sites:
        if site.departement not in departements:
            continue
        lu = _classer(site, referentiel, extrait.source, problemes)
        if lu is None:
            hors_champ += 1
        elif lu.categorie is not None:
            lus.append(lu)
    annee = referentiel.lits.annee or (sae.annees()[-1] if sae and sae.annees() else None)
    if referentiel.niveau == "entite_juridique":
        groupes: dict[str, list[_SiteLu]] = defaultdict(list)
        for lu in lus:
            groupes[lu.site.finess_ej].append(lu)
    else:
        groupes = {lu.site.finess: [lu] for lu in lus}
    lignes: list[dict[str, str]] = []
    sources: list[tuple[str, str, str, str]] = []
    for finess in sorted(groupes):
        ligne, provenance = _ligne(
            finess, groupes[finess], referentiel, sae, annee, extrait.source, problemes
        )
        lignes.append(ligne)
        sources.extend((finess, attribut, ligne.get(attribut, ""), s) for attribut, s in provenance)
    if sae is not None:
        _sites_absents(sae, extrait, {lu.site.finess for lu in lus}, problemes)
    attributs = catalogue.definition.attributs
    if "lits" not in attributs:  # the mapping fills lits, categorie, statut, departement only
        for ligne in lignes:
            ligne.pop("lits", None)
    return TableEtablissements(tuple(lignes), tuple(sources), tuple(problemes), hors_champ)


def _classer(
    site: Site, referentiel: Referentiel, source: str, problemes: list[Probleme]
) -> _SiteLu | None:
    """The site's category and status by the mapping; None when the mapping puts it out of scope."""
    entree = referentiel.categories.get(site.categetab)
    if entree is None:
        problemes.append(
            probleme(
                "categetab_inconnue",
                fichier=source,
                ligne=site.ligne,
                finess=site.finess,
                rs=site.raison_sociale,
                categetab=site.categetab,
                libelle=site.libcategetab,
            )
        )
        return _SiteLu(site, None, None)
    if entree.categorie is None:
        return None
    categorie, statut = entree.categorie, entree.statut
    type_sph = referentiel.types_sph.get(site.codesph)
    if type_sph is not None:
        categorie = type_sph.categorie or categorie
        statut = statut or type_sph.statut
    elif statut is None:
        problemes.append(
            probleme(
                "codesph_inconnu",
                fichier=source,
                ligne=site.ligne,
                finess=site.finess,
                rs=site.raison_sociale,
                codesph=site.codesph or "(vide)",
                libelle=site.libsph,
            )
        )
    return _SiteLu(site, categorie, statut)


def _ligne(
    finess: str,
    sites: list[_SiteLu],
    referentiel: Referentiel,
    sae: TablesSae | None,
    annee: int | None,
    source: str,
    problemes: list[Probleme],
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    rang = {c: i for i, c in enumerate(referentiel.priorite)}
    principal = min(sites, key=lambda s: (rang.get(s.categorie or "", len(rang)), s.site.finess))
    lieu = f"{source}:{principal.site.ligne}"
    categories = sorted({s.categorie for s in sites if s.categorie})
    if len(categories) > 1 and not all(c in rang for c in categories):
        problemes.append(
            probleme(
                "categorie_ej_indeterminee",
                fichier=source,
                finess=finess,
                categories=", ".join(categories),
            )
        )
        categorie = ""
    else:
        categorie = principal.categorie or ""
    statuts = sorted({s.statut for s in sites if s.statut})
    if len(statuts) > 1:
        problemes.append(
            probleme(
                "statuts_divergents", fichier=source, finess=finess, statuts=", ".join(statuts)
            )
        )
    statut = statuts[0] if len(statuts) == 1 and all(s.statut for s in sites) else ""
    ligne = {
        "finess": finess,
        "raison_sociale": principal.site.raison_sociale,
        "categorie": categorie,
        "statut": statut,
        "departement": principal.site.departement,
    }
    sites_finess = ", ".join(s.site.finess for s in sites)
    provenance = [
        ("raison_sociale", f"{lieu} rslongue/rs"),
        (
            "categorie",
            f"{lieu} categetab {principal.site.categetab} → referentiels.yaml ({sites_finess})",
        ),
        ("statut", f"codesph/categetab → referentiels.yaml ({sites_finess})"),
        ("departement", f"{lieu} departement"),
    ]
    if sae is not None and annee is not None:
        capacites = [sae.capacites.get((s.site.finess, annee)) for s in sites]
        absents = [
            s.site.finess for s, c in zip(sites, capacites, strict=True) if c is None or c.invalide
        ]
        if absents:
            problemes.append(
                probleme(
                    "lits_absents",
                    Niveau.AVERTISSEMENT,
                    fichier=source,
                    finess=finess,
                    rs=principal.site.raison_sociale,
                    annee=annee,
                    sites=", ".join(absents),
                )
            )
            ligne["lits"] = ""
        else:
            total = sum(c.total(referentiel.lits.definition) for c in capacites if c)
            ligne["lits"] = str(total)
            detail = " + ".join(s for c in capacites if c for s in c.sources)
            provenance.append(("lits", f"SAE {annee} ({referentiel.lits.definition}) : {detail}"))
    else:
        ligne["lits"] = ""
    return ligne, provenance


def _sites_absents(
    sae: TablesSae,
    extrait: ExtraitFiness,
    retenus: set[str],
    problemes: list[Probleme],
) -> None:
    """SAE sites whose legal entity is kept but which the extract does not list (closed)."""
    connus = {s.finess for s in extrait.sites}
    entites = {s.finess_ej for s in extrait.sites if s.finess in retenus}
    for site, ej in sorted(sae.entites.items()):
        if ej in entites and site not in connus:
            problemes.append(
                probleme(
                    "sae_hors_finess",
                    Niveau.AVERTISSEMENT,
                    fichier=extrait.source,
                    finess=site,
                    ej=ej,
                )
            )


def completer(
    table: TableEtablissements, complements: TableBrute, catalogue: Catalogue
) -> TableEtablissements:
    """`table` with the attributes an ARS keeps itself (GHT, activities, commitments…) from
    `complements` (a FINESS column and attribute columns); a non-empty complement value
    wins over the reference data, and its source says so. A FINESS absent from the table
    or invalid, and a column that is no attribute, are reported."""
    problemes = list(table.problemes)
    attributs = {"raison_sociale", *catalogue.definition.attributs}
    for cle, entete in complements.entetes.items():
        if cle not in attributs and cle != "finess":
            suggestion = suggerer(cle, sorted(attributs))
            problemes.append(
                probleme(
                    "colonne_inconnue",
                    Niveau.AVERTISSEMENT,
                    fichier=complements.source,
                    nom_colonne=entete,
                    suggestion=suggestion,
                    suggestion_en=suggerer(cle, sorted(attributs), "en"),
                )
            )
    colonne_finess = complements.colonne("finess")
    if colonne_finess is None:
        raise ErreurDonnees(
            [
                probleme(
                    "colonne_manquante",
                    fichier=complements.source,
                    nom_colonne="finess",
                    lues=", ".join(complements.entetes.values()),
                    attendues="finess et des attributs du catalogue",
                )
            ]
        )
    lignes = {ligne["finess"]: dict(ligne) for ligne in table.lignes}
    sources = list(table.sources)
    for rang, brut in enumerate(colonne_finess):
        numero = int(complements.lignes[rang])
        finess = analyser_finess("" if est_manquant(natif(brut)) else str(natif(brut))).finess
        if finess is None or finess not in lignes:
            problemes.append(
                probleme(
                    "complement_inconnu",
                    Niveau.AVERTISSEMENT,
                    fichier=complements.source,
                    lignes=[numero],
                    finess=str(brut),
                )
            )
            continue
        for cle in attributs & set(complements.entetes):
            valeur = natif(complements.colonnes[cle][rang])
            if not est_manquant(valeur):
                lignes[finess][cle] = str(valeur).strip()
                sources.append((finess, cle, str(valeur).strip(), f"{complements.source}:{numero}"))
    return TableEtablissements(
        tuple(lignes[f] for f in sorted(lignes)), tuple(sources), tuple(problemes), table.hors_champ
    )
