"""The models of ``referentiels.yaml``: the declared mapping from national reference data
(FINESS, SAE) to the catalogue's attributes (read by `cpom_rules.sources`).

A ``referentiels.yaml`` file, shipped next to a catalogue (in its ``sources/`` folder, so
the catalogue loader never takes it for a fiche), says how FINESS categories (``categetab``)
and public-service types (``codesph``) become the catalogue's ``categorie`` and ``statut``,
which SAE columns make the ``lits`` attribute, which départements form the region, and
whether the catalogue works at the legal entity (EJ) or the site (ET) level. Nothing is
guessed: a code absent from the mapping is reported, and a code mapped to nothing
(``categorie: null``) is documented as out of scope.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from cpom_rules.spec.types import Texte, refus

# Overseas départements as the FINESS extract writes them, and their INSEE numbers.
DEPARTEMENTS_OUTRE_MER = {
    "9A": "971",
    "9B": "972",
    "9C": "973",
    "9D": "974",
    "9E": "975",
    "9F": "976",
}


def _refus(valeur: object, quoi: str, what: str, exemple: str) -> Exception:
    return refus(
        "nombre_invalide",
        valeur=valeur,
        precision=f" ({quoi})",
        precision_en=f" ({what})",
        conseil=f"écrivez le code entre guillemets, par exemple {exemple}",
        conseil_en=f"quote the code, e.g. {exemple}",
    )


def lire_code(valeur: object) -> str:
    """A nomenclature code: a text, or a whole number written without quotes (``355``)."""
    if isinstance(valeur, int) and not isinstance(valeur, bool) and valeur >= 0:
        return str(valeur)
    if isinstance(valeur, str) and valeur.strip() and valeur.strip().isalnum():
        return valeur.strip().upper()
    raise _refus(valeur, "code de nomenclature", "nomenclature code", '"355"')


def lire_departement(valeur: object) -> str:
    """A département code as FINESS writes it: ``09``, ``2A``, ``9A`` — always quoted."""
    if isinstance(valeur, str) and len(valeur.strip()) in (2, 3) and valeur.strip().isalnum():
        return valeur.strip().upper()
    raise _refus(valeur, "code de département", "département code", '"09" ou "2A"')


Code = Annotated[str, BeforeValidator(lire_code)]
Departement = Annotated[str, BeforeValidator(lire_departement)]


class _Modele(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Categorie(_Modele):
    """What one FINESS category (``categetab``) becomes; ``categorie: null`` = out of scope."""

    libelle: Texte = Field(description="Libellé FINESS de la catégorie.")
    categorie: Texte | None = Field(description="Catégorie du catalogue, ou null (hors champ).")
    statut: Texte | None = Field(
        default=None, description="Statut fixé par la catégorie (sinon : par codesph)."
    )
    note: Texte | None = Field(default=None, description="Pourquoi ce choix.")


class TypeSph(_Modele):
    """What one public-service type (``codesph``) says of the status (and maybe the category)."""

    libelle: Texte
    statut: Texte
    categorie: Texte | None = Field(
        default=None, description="Remplace la catégorie (ESPIC : un statut, pas un type de soins)."
    )
    note: Texte | None = None


class Lits(_Modele):
    """How the ``lits`` attribute is computed from the SAE."""

    definition: Literal["lits", "lits_et_places"] = Field(
        description="lits : lits installés seulement ; lits_et_places : lits + places."
    )
    lits: tuple[Texte, ...] = Field(description="Colonnes LIT_* additionnées.")
    places: tuple[Texte, ...] = Field(default=(), description="Colonnes PLA_* additionnées.")
    annee: int | None = Field(
        default=None, description="Année SAE retenue (par défaut : la plus récente lue)."
    )


class Region(_Modele):
    code: Code
    libelle: Texte
    departements: tuple[Departement, ...]


class Referentiel(_Modele):
    """The whole ``referentiels.yaml``."""

    niveau: Literal["entite_juridique", "etablissement"] = Field(
        description="Le catalogue s'applique à l'entité juridique (FINESS EJ) ou au site (ET)."
    )
    region: Region
    categories: dict[Code, Categorie]
    types_sph: dict[Code, TypeSph] = Field(default_factory=dict)
    priorite: tuple[Texte, ...] = Field(
        default=(),
        description="Catégorie retenue pour une EJ dont les sites diffèrent : la première listée.",
    )
    lits: Lits
    notes: tuple[Texte, ...] = ()
