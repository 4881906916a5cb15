"""Shared fixtures: the shipped catalogue and small datasets built in code."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpom_rules import Catalogue, load_catalogue

RACINE = Path(__file__).resolve().parent.parent
SPECS = RACINE / "specs" / "occitanie-2025-2029"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The Occitanie 2025-2029 catalogue as shipped."""
    return load_catalogue(SPECS)
