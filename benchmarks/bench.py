"""Benchmark of the whole pipeline, with its baselines measured in the same run.

    python benchmarks/bench.py                 # national scale + 1,000,000-measure stress set
    python benchmarks/bench.py --rapide        # smaller sizes, for a quick look

Prints, for a seeded national-scale dataset (3,000 establishments × every fiche × 2024-2029)
and a stress set of about 1,000,000 measure rows: the time of each phase (validation of the
raw rows, evaluation), results per second and peak memory; then the ratios against
(a) a per-row evaluation of the same formulas with simpleeval (the way a naive engine works)
and (b) a hand-written numpy implementation of three representative fiches (the floor).
Timings are the best of several runs; memory is the peak traced by tracemalloc (numpy
arrays included) in a separate run. Figures are recorded in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "examples"))

from simpleeval import SimpleEval  # noqa: E402

from cpom_rules import Catalogue, Donnees, evaluate, load_catalogue, read_table, validate_dataset  # noqa: E402
from cpom_rules.formules import colonnes as c  # noqa: E402
from generer import generer  # noqa: E402  (the example generator, reused at scale)

T = TypeVar("T")
SPECS = RACINE / "specs" / "occitanie-2025-2029"
ANNEES = (2024, 2025, 2026, 2027, 2028, 2029)
PLANCHER = ("CPOM_OS_1", "CPOM_OS_12", "CPOM_CT_4")


def chrono(fonction: Callable[[], T], repetitions: int) -> tuple[float, T]:
    """Best wall-clock time of `repetitions` runs, and the last result."""
    temps, resultat = [], None
    for _ in range(repetitions):
        gc.collect()
        debut = time.perf_counter()
        resultat = fonction()
        temps.append(time.perf_counter() - debut)
    assert resultat is not None
    return min(temps), resultat


def pic_memoire(fonction: Callable[[], object]) -> float:
    """Peak traced memory of one run, in MiB."""
    gc.collect()
    tracemalloc.start()
    fonction()
    _, pic = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return pic / 2**20


# --- (a) per-row evaluation with simpleeval ---------------------------------------------------------
def _valeur_flottante(colonne: c.Colonne, e: int, y: int) -> float | bool | None:
    if colonne.absence[e, y] != 0:
        return None
    if isinstance(colonne, c.Nombres):
        return float(colonne.num[e, y]) / float(colonne.den[e, y])
    if isinstance(colonne, c.Booleens):
        return bool(colonne.valeurs[e, y])
    return None


def par_ligne(catalogue: Catalogue, donnees: Donnees) -> int:
    """Evaluate every measure formula row by row with simpleeval, as a naive engine would.

    Variable values are first turned into Python rows (one dict per establishment, fiche and
    year); only the per-row formula evaluations and threshold comparisons are timed by the
    caller through `_evaluer_lignes`.
    """
    return _evaluer_lignes(_lignes_python(catalogue, donnees))


def _lignes_python(
    catalogue: Catalogue, donnees: Donnees
) -> list[tuple[list[tuple[str, str | None, str | None, float]], dict[str, Any]]]:
    lignes = []
    for fiche in catalogue.regles.fiches.values():
        formules = []
        for mesure in fiche.mesures.values():
            if mesure.expression is not None:
                formules.append((mesure.code, mesure.expression.texte, None, 1.0))
            elif mesure.numerateur is not None and mesure.denominateur is not None:
                formules.append(
                    (
                        mesure.code,
                        mesure.numerateur.texte,
                        mesure.denominateur.texte,
                        float(mesure.facteur),
                    )
                )
        grilles = {
            nom: donnees.variables[(fiche.code, nom)].colonne for nom in fiche.fiche.variables
        }
        for e in range(donnees.nombre_etablissements):
            for y in range(len(donnees.annees)):
                noms: dict[str, Any] = {
                    nom: _valeur_flottante(g, e, y) for nom, g in grilles.items()
                }
                noms["annee"] = donnees.annees[y]
                lignes.append((formules, noms))
    return lignes


def _evaluer_lignes(
    lignes: list[tuple[list[tuple[str, str | None, str | None, float]], dict[str, Any]]],
) -> int:
    evaluateur = SimpleEval(
        functions={
            "min": min,
            "max": max,
            "abs": abs,
            "renseigne": lambda *v: all(x is not None for x in v),
            "compte": lambda *v: sum(bool(x) for x in v),
            "annee_de": lambda d: d,
        }
    )
    calcules = 0
    for formules, noms in lignes:
        evaluateur.names = noms
        for code, texte, denominateur, facteur in formules:
            try:
                valeur = evaluateur.eval(texte)
                if denominateur is not None:
                    bas = evaluateur.eval(denominateur)
                    valeur = None if not bas else valeur / bas * facteur
                noms[code] = valeur
                calcules += valeur is not None and valeur >= 10  # the threshold comparison
            except (TypeError, ZeroDivisionError):
                noms[code] = None
    return calcules


# --- (b) hand-written numpy for three representative fiches (the floor) --------------------------
def plancher_numpy(donnees: Donnees) -> int:
    """OS_1 (rate ≥ yearly threshold), OS_12 (+3 %/+5 % vs N-1 rounded, echoes > N-1),
    CT_4 (+5/+2/+1 vs N-1 by bed tier), written directly on float grids: no exactness, no
    statuses beyond met / not met / missing, no explanation — the lower bound of the work."""
    lits = donnees.attributs["lits"]
    assert isinstance(lits, c.Nombres)
    nb_lits = lits.num[:, 0] / lits.den[:, 0]
    total = 0

    def f(fiche: str, variable: str) -> np.ndarray:
        grille = donnees.variables[(fiche, variable)].colonne
        assert isinstance(grille, c.Nombres)
        return np.where(grille.absence == 0, grille.num / grille.den, np.nan)

    formes, total_pro = (
        f("CPOM_OS_1", "professionnels_formes"),
        f("CPOM_OS_1", "professionnels_total"),
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        taux = formes / total_pro * 100
    seuils = np.array([10, 10, 15, 20, 25, 30])[: taux.shape[1]]
    total += int(np.nansum(taux >= seuils))
    mammo = (
        f("CPOM_OS_12", "nb_mammographies_bilaterales")
        + f("CPOM_OS_12", "nb_mammographies_depistage")
        + f("CPOM_OS_12", "nb_mammographies_unilaterales")
    )
    coefficients = np.array([1.03, 1.03, 1.05, 1.05, 1.05, 1.05])[: mammo.shape[1]]
    cible = np.floor(mammo[:, :-1] * coefficients[1:] + 0.5)
    total += int(np.nansum(mammo[:, 1:] >= cible))
    echo = f("CPOM_OS_12", "nb_echographies")
    total += int(np.nansum(echo[:, 1:] > echo[:, :-1]))
    if ("CPOM_CT_4", "nb_partenariats") in donnees.variables:
        partenariats = f("CPOM_CT_4", "nb_partenariats")
        pas = np.where(nb_lits > 500, 5, np.where(nb_lits >= 100, 2, 1))[:, None]
        total += int(np.nansum(partenariats[:, 1:] >= partenariats[:, :-1] + pas))
    return total


# --- the run -------------------------------------------------------------------------------------------
def mesurer(catalogue: Catalogue, nombre: int, repetitions: int, nom: str) -> dict[str, Any]:
    jeu = generer(catalogue, nombre=nombre, annees=ANNEES)
    lignes = len(jeu.mesures)
    t_colonnes, tables = chrono(
        lambda: (
            read_table(jeu.etablissements, "etablissements"),
            read_table(jeu.mesures, "mesures"),
        ),
        repetitions,
    )
    t_validation, donnees = chrono(lambda: validate_dataset(catalogue, *tables), repetitions)
    t_evaluation, resultats = chrono(
        lambda: evaluate(catalogue, donnees, range(2025, 2030)), repetitions
    )
    t_lignes, _ = chrono(lambda: resultats.to_records(explications=False), 1)
    t_explications, _ = chrono(lambda: resultats.to_records(explications=True), 1)
    memoire = pic_memoire(
        lambda: evaluate(catalogue, validate_dataset(catalogue, *tables), range(2025, 2030))
    )
    n = len(resultats)
    print(
        f"\n== {nom}: {nombre} établissements, {len(catalogue.fiches)} fiches, {lignes:,} lignes de mesures, {n:,} résultats"
    )
    print(f"   mise en colonnes (liste de dicts)  {t_colonnes:7.3f} s")
    print(
        f"   validation des lignes              {t_validation:7.3f} s   ({lignes / t_validation:,.0f} lignes/s)"
    )
    print(
        f"   évaluation (cœur)                  {t_evaluation:7.3f} s   ({n / t_evaluation:,.0f} résultats/s)"
    )
    print(f"   pipeline validation + évaluation   {t_validation + t_evaluation:7.3f} s")
    print(
        f"   lignes de résultats (sans / avec explications)  {t_lignes:6.3f} s / {t_explications:6.3f} s"
    )
    print(f"   mémoire de pointe validation + évaluation (tracemalloc) {memoire:5.0f} Mio")
    return {
        "lignes": lignes,
        "resultats": n,
        "validation": t_validation,
        "evaluation": t_evaluation,
        "memoire": memoire,
        "donnees": donnees,
    }


def main() -> int:
    analyseur = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    analyseur.add_argument("--rapide", action="store_true", help="tailles réduites")
    analyseur.add_argument("--repetitions", type=int, default=3)
    options = analyseur.parse_args()
    catalogue = load_catalogue(SPECS)
    national = 300 if options.rapide else 3000
    print(
        f"cpom_rules — banc d'essai ({len(catalogue.fiches)} fiches, numpy {np.__version__}, Python {sys.version.split()[0]})"
    )
    figures = mesurer(catalogue, national, options.repetitions, "échelle nationale")
    donnees: Donnees = figures.pop("donnees")

    lignes_par_etablissement = figures["lignes"] / national
    cible_stress = 100_000 if options.rapide else 1_000_000
    mesurer(
        catalogue,
        int(cible_stress / lignes_par_etablissement) + 1,
        max(1, options.repetitions - 1),
        f"stress ({cible_stress:,} lignes visées)",
    )

    print("\n== références, sur le jeu national")
    lignes_python = _lignes_python(catalogue, donnees)
    t_ligne, _ = chrono(lambda: _evaluer_lignes(lignes_python), 1)
    print(
        f"   (a) simpleeval ligne à ligne : {t_ligne:8.3f} s pour les seules formules → moteur {t_ligne / figures['evaluation']:,.0f}× plus rapide (évaluation complète)"
    )
    presentes = [code for code in PLANCHER if code in catalogue.fiches]
    restreint = catalogue.restreindre(presentes)
    t_moteur3, _ = chrono(
        lambda: evaluate(restreint, donnees, range(2025, 2030)), options.repetitions
    )
    t_numpy, _ = chrono(lambda: plancher_numpy(donnees), options.repetitions)
    print(
        f"   (b) numpy écrit à la main, {', '.join(presentes)} : {t_numpy * 1000:7.1f} ms ; moteur sur ces fiches : {t_moteur3 * 1000:7.1f} ms → {t_moteur3 / t_numpy:,.1f}× le plancher"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
