"""Contracts and avenants as data: one establishment's CPOM beside the regional catalogue.

from cpom_rules.contrats import read_contrats, check_contrats, apply_contrats

contrats, problemes = read_contrats("contrats/")          # located problems, as for fiches
problemes += check_contrats(catalogue, contrats)
en_vigueur = apply_contrats(catalogue, [lu.contrat for lu in contrats], au=date(2027, 3, 1))
resultats = evaluate(en_vigueur, donnees)                  # targets name their contract version
"""

from __future__ import annotations

from cpom_rules.contrats.application import (
    ContratResolu,
    Version,
    apply_contrats,
    avenants_en_vigueur,
    check_cibles_choisies,
    resolve_contrat,
)
from cpom_rules.contrats.chargement import ContratLu, load_contrats, read_contrats
from cpom_rules.contrats.verification import check_contrats
from cpom_rules.spec.contrat import (
    Avenant,
    ChoixCible,
    Contrat,
    EngagementFiche,
    EngagementMesure,
)

__all__ = [
    "Avenant",
    "ChoixCible",
    "Contrat",
    "ContratLu",
    "ContratResolu",
    "EngagementFiche",
    "EngagementMesure",
    "Version",
    "apply_contrats",
    "avenants_en_vigueur",
    "check_cibles_choisies",
    "check_contrats",
    "load_contrats",
    "read_contrats",
    "resolve_contrat",
]
