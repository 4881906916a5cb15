"""Benchmark of the campaign store: import of a national campaign, evaluation from the store.

    python benchmarks/bench_base.py                 # 3,000 establishments × 30 fiches × 2024-2029
    python benchmarks/bench_base.py --rapide        # 300 establishments
    python benchmarks/bench_base.py --postgresql postgresql+psycopg://…   # an existing server

Generates the national dataset with the example generator (fixed seed), writes it as the CSV
files a campaign sends, then for SQLite (a file) and PostgreSQL (Debian's server started in a
temporary folder, unless a URL is given): imports the establishments and the ~1 M measure
rows (idempotence and correction paths timed too), and compares the evaluation from the store
(reading the state « as of now », validating, evaluating) with the evaluation from the files
(reading the CSV, validating, evaluating). Budgets from issue #13: import under 30 s (SQLite)
and 60 s (PostgreSQL), evaluation from the store within 2× of evaluation from files.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "examples"))
sys.path.insert(0, str(RACINE))

from cpom_rules import evaluate, load_catalogue, read_table, validate_dataset  # noqa: E402
from cpom_rules.base import (  # noqa: E402
    evaluate_base,
    import_etablissements,
    import_mesures,
    init_base,
    open_base,
    read_etat,
)
from cpom_rules.compilation.catalogue import Catalogue  # noqa: E402
from generer import generer  # noqa: E402  (the example generator, reused at scale)

T = TypeVar("T")
SPECS = RACINE / "specs" / "occitanie-2025-2029"
ANNEES = (2024, 2025, 2026, 2027, 2028, 2029)
CAMPAGNE = 2029


def chrono(fonction: Callable[[], T]) -> tuple[float, T]:
    gc.collect()
    debut = time.perf_counter()
    resultat = fonction()
    return time.perf_counter() - debut, resultat


def ecrire(chemin: Path, lignes: list[dict[str, str]]) -> Path:
    with chemin.open("w", encoding="utf-8", newline="") as fichier:
        ecrivain = csv.DictWriter(fichier, fieldnames=list(lignes[0]), delimiter=";")
        ecrivain.writeheader()
        ecrivain.writerows(lignes)
    return chemin


def depuis_fichiers(catalogue: Catalogue, etablissements: Path, mesures: Path) -> int:
    donnees = validate_dataset(
        catalogue, read_table(etablissements, "etablissements"), read_table(mesures, "mesures")
    )
    return len(evaluate(catalogue, donnees, range(2025, CAMPAGNE + 1)))


def depuis_base(catalogue: Catalogue, moteur: Any) -> int:
    with moteur.connect() as connexion:
        etat = read_etat(connexion, dt.datetime(2031, 1, 1))
    donnees = validate_dataset(catalogue, etat.etablissements, etat.mesures)
    return len(evaluate(catalogue, donnees, range(2025, CAMPAGNE + 1)))


def mesurer(
    nom: str, cible: str, catalogue: Catalogue, fichiers: tuple[Path, Path, Path]
) -> dict[str, float]:
    etablissements, mesures, corrections = fichiers
    moteur = open_base(cible)
    init_base(moteur)
    t_etab, _ = chrono(
        lambda: import_etablissements(moteur, etablissements, le=dt.datetime(2030, 1, 1))
    )
    t_import, bilan = chrono(
        lambda: import_mesures(moteur, mesures, campagne=CAMPAGNE, le=dt.datetime(2030, 2, 1))
    )
    t_reimport, rien = chrono(
        lambda: import_mesures(moteur, mesures, campagne=CAMPAGNE, le=dt.datetime(2030, 2, 2))
    )
    assert rien.ajoutees == 0
    t_corrections, corr = chrono(
        lambda: import_mesures(moteur, corrections, campagne=CAMPAGNE, le=dt.datetime(2030, 3, 1))
    )
    t_fichiers, n_fichiers = chrono(lambda: depuis_fichiers(catalogue, etablissements, mesures))
    t_base, n_base = chrono(lambda: depuis_base(catalogue, moteur))
    assert n_fichiers == n_base
    t_instantane, instantane = chrono(
        lambda: evaluate_base(moteur, catalogue, CAMPAGNE, le=dt.datetime(2031, 1, 1))
    )
    moteur.dispose()
    print(f"\n== {nom}")
    print(f"   import des établissements                 {t_etab:7.2f} s")
    print(
        f"   import des mesures ({bilan.lignes_lues:,} lignes)       {t_import:7.2f} s   "
        f"({bilan.lignes_lues / t_import:,.0f} lignes/s, {bilan.nouvelles:,} ajoutées)"
    )
    print(f"   même fichier réimporté (rien d'ajouté)    {t_reimport:7.2f} s")
    print(f"   {corr.corrections:,} corrections                         {t_corrections:7.2f} s")
    print(
        f"   évaluation depuis les fichiers            {t_fichiers:7.2f} s   ({n_fichiers:,} résultats)"
    )
    print(
        f"   évaluation depuis la base                 {t_base:7.2f} s   "
        f"(×{t_base / t_fichiers:.2f} des fichiers)"
    )
    print(
        f"   évaluation gardée (instantané, {len(instantane.lignes):,} lignes) {t_instantane:7.2f} s"
    )
    return {"import": t_import, "rapport": t_base / t_fichiers}


def main() -> int:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--rapide", action="store_true")
    analyseur.add_argument(
        "--postgresql", help="URL d'un serveur existant (sinon un serveur temporaire)"
    )
    analyseur.add_argument("--sans-postgresql", action="store_true")
    options = analyseur.parse_args()
    catalogue = load_catalogue(SPECS)
    nombre = 300 if options.rapide else 3000
    debut = time.perf_counter()
    jeu = generer(catalogue, nombre=nombre, annees=ANNEES)
    dossier = Path(tempfile.mkdtemp(prefix="cpom-bench-base-"))
    etablissements = ecrire(dossier / "etablissements.csv", jeu.etablissements)
    mesures = ecrire(dossier / "mesures.csv", jeu.mesures)
    # 1 % of the rows corrected, as a later campaign would send them
    corrigees = [
        {**ligne, "valeur": ligne["valeur"] + "1" if ligne["valeur"][:1].isdigit() else "1"}
        for ligne in jeu.mesures[::100]
    ]
    corrections = ecrire(dossier / "corrections.csv", corrigees)
    print(
        f"jeu : {nombre} établissements, {len(catalogue.fiches)} fiches, {len(jeu.mesures):,} lignes "
        f"de mesures, années {ANNEES[0]}-{ANNEES[-1]} (généré en {time.perf_counter() - debut:.0f} s)"
    )
    fichiers = (etablissements, mesures, corrections)
    chiffres = {
        "SQLite": mesurer("SQLite (fichier)", str(dossier / "base.sqlite"), catalogue, fichiers)
    }
    if not options.sans_postgresql:
        if options.postgresql:
            chiffres["PostgreSQL"] = mesurer("PostgreSQL", options.postgresql, catalogue, fichiers)
        else:
            from tests.base.serveur_postgres import ServeurPostgres, binaires_postgres  # noqa: PLC0415

            binaires = binaires_postgres()
            if binaires is None:
                print("\nPostgreSQL absent (apt-get install postgresql) : non mesuré")
            else:
                serveur = ServeurPostgres(binaires)
                serveur.demarrer()
                try:
                    url = serveur.nouvelle_base()
                    chiffres["PostgreSQL"] = mesurer(
                        "PostgreSQL (serveur local, socket Unix)", url, catalogue, fichiers
                    )
                finally:
                    serveur.arreter()
    budgets = {"SQLite": 30.0, "PostgreSQL": 60.0}
    print("\n== budgets (issue #13)")
    succes = True
    for nom, valeurs in chiffres.items():
        ok_import = valeurs["import"] < budgets[nom]
        ok_rapport = valeurs["rapport"] < 2.0
        succes &= ok_import and ok_rapport
        print(
            f"   {nom:10} import {valeurs['import']:.1f} s < {budgets[nom]:.0f} s : {'oui' if ok_import else 'NON'} ; "
            f"évaluation depuis la base ×{valeurs['rapport']:.2f} < ×2 : {'oui' if ok_rapport else 'NON'}"
        )
    return 0 if succes else 1


if __name__ == "__main__":
    sys.exit(main())
