"""The message table: both languages, and no placeholder that a `Probleme` field would swallow."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from cpom_rules.messages import MESSAGES
from cpom_rules.problemes import probleme

SOURCES = Path(__file__).resolve().parent.parent / "src" / "cpom_rules"


def test_aucun_parametre_ne_porte_le_nom_d_un_champ_de_probleme() -> None:
    reserves = set(inspect.signature(probleme).parameters) - {"params"}
    for code, gabarits in MESSAGES.items():
        for gabarit in gabarits:
            noms = set(re.findall(r"{(\w+)}", gabarit))
            assert not noms & reserves, (code, noms & reserves)


def test_chaque_code_employe_a_ses_deux_langues() -> None:
    employes = set()
    for fichier in SOURCES.rglob("*.py"):
        employes |= set(
            re.findall(
                r'(?:probleme|signaler|refus)\(\s*"(\w+)"', fichier.read_text(encoding="utf-8")
            )
        )
    manquants = employes - set(MESSAGES)
    assert manquants == set()
    for code in employes:
        francais, _, anglais, _ = MESSAGES[code]
        assert francais and anglais


def test_le_catalogue_des_problemes_est_a_jour() -> None:
    from cpom_rules.messages import documenter

    docs = SOURCES.parent.parent / "docs" / "problemes.md"
    assert docs.read_text(encoding="utf-8") == documenter(), "régénérez docs/problemes.md"
