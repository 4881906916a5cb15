"""Raw tables (donnees/tables.py): header normalisation and aliases, duplicated and uneven
columns."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpom_rules import ErreurDonnees
from cpom_rules.donnees.tables import ColonneTexte, normaliser_entete, table_depuis_colonnes
from tests.conftest import SPECS


@pytest.mark.parametrize(
    ("entete", "normalise"),
    [
        ("Année", "annee"),
        ("ANNEE", "annee"),
        ("  année  ", "annee"),
        ("N° FINESS", "n_finess"),
        ("Raison sociale", "raison_sociale"),
        ("raison-sociale", "raison_sociale"),
        ("Preuves fournies", "preuves_fournies"),
        ("__x__", "x"),
        ("", ""),
        (12, "12"),
    ],
)
def test_normaliser_entete(entete: object, normalise: str) -> None:
    assert normaliser_entete(entete) == normalise


@pytest.mark.parametrize(
    ("entete", "cle"),
    [
        ("N° FINESS", "finess"),
        ("FINESS ET", "finess"),
        ("Nom", "raison_sociale"),
        ("Établissement", "raison_sociale"),
        ("Code indicateur", "indicateur"),
        ("Fiche", "indicateur"),
        ("Year", "annee"),
        ("Value", "valeur"),
        ("Commentaires", "commentaire"),
        ("Preuves fournies", "preuves"),
    ],
)
def test_alias(entete: str, cle: str) -> None:
    table = table_depuis_colonnes("t", {entete: ["v"]})
    assert table.colonne(cle) == ["v"]
    assert table.entetes[cle] == entete


def test_deux_entetes_pour_la_meme_donnee() -> None:
    table = table_depuis_colonnes("t", {"Année": ["2025"], "year": ["2026"]})
    assert table.colonne("annee") == ["2025"]
    [probleme] = table.problemes
    assert probleme.code == "colonne_en_double"
    assert "« year »" in probleme.message and "« Année »" in probleme.message


def test_colonnes_de_longueurs_differentes() -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        table_depuis_colonnes("t", {"finess": ["a", "b"], "lits": [1]})
    assert "finess : 2, lits : 1" in str(erreur.value)


def test_lignes_par_defaut() -> None:
    table = table_depuis_colonnes("t", {"a": [1, 2, 3]})
    assert table.lignes.tolist() == [1, 2, 3]
    assert len(table) == 3
    assert len(table_depuis_colonnes("t", {})) == 0


@settings(deadline=None)  # the first pa.array() makes pyarrow import pandas
@given(
    st.lists(st.sampled_from(["a", "b", "", "é"]), max_size=30),
    st.integers(0, 10),
    st.lists(st.integers(0, 30), max_size=3),
)
def test_factoriser_des_morceaux_arrow(textes: list[str], debut: int, coupures: list[int]) -> None:
    """Codes read from the Arrow buffer honour slices' offsets and the reader's chunks,
    like `to_numpy`."""
    bornes = [0, *sorted(min(c, len(textes)) for c in coupures), len(textes)]
    morceaux = [pa.array(textes[a:b], pa.string()) for a, b in itertools.pairwise(bornes)]
    colonne = ColonneTexte(pa.chunked_array(morceaux, pa.string())[debut:])
    codes, distincts = colonne.factoriser()
    assert [distincts[c] for c in codes.tolist()] == textes[debut:]
    assert distincts == list(dict.fromkeys(textes[debut:]))


def test_lire_un_csv_n_importe_pas_pandas(tmp_path: Path) -> None:
    """pyarrow imports pandas (0.2 s) on its first conversion of a Python value or to_numpy:
    the CLI's CSV path makes none."""
    (tmp_path / "e.csv").write_text("finess;raison_sociale\n340780477;CHU\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text(
        "finess;indicateur;annee;variable;valeur\n"
        "340780477;CPOM_OS_1;2025;professionnels_formes;57\n"
        "340780477;CPOM_OS_1;2025;professionnels_total;570\n",
        encoding="utf-8",
    )
    programme = (
        "import sys\n"
        "from cpom_rules import load_catalogue, load_dataset\n"
        f"catalogue = load_catalogue({str(SPECS)!r})\n"
        f"donnees = load_dataset(catalogue, {str(tmp_path / 'e.csv')!r}, "
        f"{str(tmp_path / 'm.csv')!r})\n"
        "assert donnees.nombre_etablissements == 1\n"
        "print('pandas' in sys.modules)\n"
    )
    sortie = subprocess.run(
        [sys.executable, "-c", programme], capture_output=True, text=True, check=True
    )
    assert sortie.stdout.strip() == "False"
