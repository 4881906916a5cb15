"""Every file cpom_rules writes is written beside its target and renamed when complete: an
error in the middle of writing leaves the previous file as it was and no temporary file
(the results writers have their own tests; these are the other outputs)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cpom_rules.sources.etablissements import TableEtablissements
from cpom_rules.sources.longues import MesuresLues
from cpom_rules.sources.retour import Completude, write_completude, write_mesures

PRECEDENT = "contenu précédent\n"


class _Panne(Exception):
    pass


def _ecrivain_en_panne(vrai: Callable[..., Any]) -> Callable[..., Any]:
    """A csv writer whose second row fails, after the header has gone to the file."""

    def fabriquer(*args: Any, **kwargs: Any) -> Any:
        ecrivain = vrai(*args, **kwargs)
        lignes = [0]

        class Ecrivain:
            def __getattr__(self, nom: str) -> Any:
                return getattr(ecrivain, nom)

            def writerow(self, ligne: Any) -> Any:
                lignes[0] += 1
                if lignes[0] > 1:
                    raise _Panne
                return ecrivain.writerow(ligne)

        return Ecrivain()

    return fabriquer


ECRITURES: dict[str, Callable[[Path], object]] = {
    "table des établissements": lambda chemin: TableEtablissements(
        ({"finess": "340780477", "raison_sociale": "CHU"},) * 2, (), ()
    ).write_csv(chemin, ["finess", "raison_sociale"]),
    "complétude des formulaires": lambda chemin: write_completude(
        [Completude("a.xlsx", "340780477", 2025, 3, 2, 1, "partiel")] * 2, chemin
    ),
    "mesures relues": lambda chemin: write_mesures(
        MesuresLues(
            lignes=[{"finess": "340780477", "indicateur": "CPOM_OS_1", "annee": 2025}] * 2,
            cellules=[("a.xlsx", "Saisie!C4")] * 2,
        ),
        chemin,
    ),
}


@pytest.mark.parametrize("nom", sorted(ECRITURES))
def test_une_panne_laisse_le_fichier_precedent(
    nom: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chemin = tmp_path / "sortie.csv"
    chemin.write_text(PRECEDENT, encoding="utf-8")
    monkeypatch.setattr(csv, "writer", _ecrivain_en_panne(csv.writer))
    monkeypatch.setattr(csv, "DictWriter", _ecrivain_en_panne(csv.DictWriter))
    with pytest.raises(_Panne):
        ECRITURES[nom](chemin)
    assert chemin.read_text(encoding="utf-8") == PRECEDENT
    assert [p.name for p in tmp_path.iterdir()] == ["sortie.csv"]
