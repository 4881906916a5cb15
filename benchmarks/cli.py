"""End-to-end benchmark of the command users run: `cpom-rules evaluate` from CSV files.

    .venv/bin/python benchmarks/cli.py                         # 300 and 3,000 establishments
    .venv/bin/python benchmarks/cli.py --tailles 300 3000 30000 --formats csv json html xlsx
    .venv/bin/python benchmarks/cli.py --lignes 1000000        # a ~1 M-row measures file

For each size, the generator of the example data (`examples/generer.py`, fixed seed) writes
the establishments and measures CSV files once (2024-2029); a size above 3,000 is the
national set copied as many times as needed, each copy with other FINESS numbers (same
département, valid key): the generator holds its rows as Python dicts and would need
several GB. Then each output format is produced by a fresh `cpom-rules` process, several
times. Reported per (size, format): the median wall time, the median CPU time (user +
system) and peak resident memory of the process (the kernel's own accounting, `wait4`), the
size of the file written, and the ratio of the command's wall time to the core's: the same
files loaded and evaluated in-process (`load_dataset` + `evaluate`, the baseline, timed in
the same run). Also timed: `cpom-rules check` on the catalogue and the catalogue's load +
compile in-process.

The machine may be shared: medians of several runs, min and max printed to show the spread.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
SPECS = RACINE / "specs" / "occitanie-2025-2029"
sys.path.insert(0, str(RACINE / "examples"))

from cpom_rules import evaluate, load_catalogue, load_dataset  # noqa: E402
from cpom_rules.finess import luhn_valide  # noqa: E402
from generer import ecrire, generer  # noqa: E402  (the example generator, by path)

ANNEES = (2024, 2025, 2026, 2027, 2028, 2029)
COMMANDE = [sys.executable, "-m", "cpom_rules.cli.main"]


def executer(arguments: list[str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak RSS (MiB) and exit code of one `cpom-rules` process."""
    debut = time.perf_counter()
    processus = subprocess.Popen(
        [*COMMANDE, *arguments], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, statut, usage = os.wait4(processus.pid, 0)
    duree = time.perf_counter() - debut
    processus.returncode = os.waitstatus_to_exitcode(statut)
    cpu = usage.ru_utime + usage.ru_stime
    return duree, cpu, usage.ru_maxrss / 1024, processus.returncode


NATIONAL = 3000


def ecrire_jeu(dossier: Path, etablissements: int) -> int:
    """Write the dataset's two CSV files; the number of measure rows."""
    dossier.mkdir(parents=True, exist_ok=True)
    if etablissements > NATIONAL and etablissements % NATIONAL == 0:
        national = dossier.parent / f"jeu-{NATIONAL}"
        if not (national / "mesures.csv").exists():
            ecrire_jeu(national, NATIONAL)
        return recopier(national, dossier, etablissements // NATIONAL)
    catalogue = load_catalogue(SPECS)
    jeu = generer(catalogue, nombre=etablissements, annees=ANNEES)
    ecrire(dossier / "etablissements.csv", jeu.etablissements)
    ecrire(dossier / "mesures.csv", jeu.mesures)
    return len(jeu.mesures)


def recopier(source: Path, cible: Path, copies: int) -> int:
    """`source`'s files `copies` times, each copy with other FINESS numbers (same
    département, valid key); the number of measure rows written."""
    lignes = (source / "etablissements.csv").read_text(encoding="utf-8").splitlines()
    finess = [ligne.split(";", 1)[0] for ligne in lignes[1:]]
    pris = set(finess)
    numero = 100_000

    def nouveau(ancien: str) -> str:
        nonlocal numero
        while True:
            numero += 1
            base = f"{ancien[:2]}{numero:06d}"
            for cle in "0123456789":
                if luhn_valide(base + cle) and base + cle not in pris:
                    pris.add(base + cle)
                    return base + cle

    tables = [dict(zip(finess, finess, strict=True))]
    tables += [{f: nouveau(f) for f in finess} for _ in range(copies - 1)]
    ecrites = 0
    for nom in ("etablissements.csv", "mesures.csv"):
        with (
            (source / nom).open(encoding="utf-8") as lecture,
            (cible / nom).open("w", encoding="utf-8") as ecriture,
        ):
            ecriture.write(lecture.readline())
            corps = lecture.readlines()
            for table in tables:
                for ligne in corps:
                    code, reste = ligne.split(";", 1)
                    ecriture.write(f"{table[code]};{reste}")
            ecrites = len(corps) * copies
    return ecrites


def coeur(dossier: Path) -> float:
    """The baseline: the same files loaded and evaluated in-process (seconds, best of 2)."""
    catalogue = load_catalogue(SPECS)
    durees = []
    for _ in range(2):
        debut = time.perf_counter()
        donnees = load_dataset(catalogue, dossier / "etablissements.csv", dossier / "mesures.csv")
        evaluate(catalogue, donnees)
        durees.append(time.perf_counter() - debut)
    return min(durees)


def mesurer(dossier: Path, format_: str, repetitions: int) -> dict[str, float]:
    sortie = dossier / f"resultats.{format_}"
    arguments = ["evaluate", str(SPECS), "--etablissements", str(dossier / "etablissements.csv")]
    arguments += ["--mesures", str(dossier / "mesures.csv"), "--sortie", str(sortie)]
    durees, cpus, pics = [], [], []
    for _ in range(repetitions):
        duree, cpu, pic, code = executer(arguments)
        if code not in (0, 1):
            raise SystemExit(f"cpom-rules a échoué (code {code}) : {' '.join(arguments)}")
        durees.append(duree)
        cpus.append(cpu)
        pics.append(pic)
    return {
        "temps": statistics.median(durees),
        "min": min(durees),
        "max": max(durees),
        "cpu": statistics.median(cpus),
        "pic": statistics.median(pics),
        "taille": sortie.stat().st_size / 2**20,
    }


def main() -> int:
    analyseur = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    analyseur.add_argument("--tailles", type=int, nargs="*", default=[300, 3000])
    analyseur.add_argument(
        "--lignes", type=int, default=0, help="ajouter un jeu d'environ N lignes"
    )
    analyseur.add_argument("--formats", nargs="*", default=["csv", "json", "html", "xlsx"])
    analyseur.add_argument("--repetitions", type=int, default=3)
    analyseur.add_argument("--dossier", type=Path, default=None)
    options = analyseur.parse_args()
    dossier = options.dossier or Path(tempfile.mkdtemp(prefix="cpom-bench-"))

    temps_check = [executer(["check", str(SPECS)])[0] for _ in range(options.repetitions)]
    chargements = []
    for _ in range(options.repetitions):
        debut = time.perf_counter()
        load_catalogue(SPECS)
        chargements.append(time.perf_counter() - debut)
    print(f"cpom_rules — banc d'essai de la ligne de commande (Python {sys.version.split()[0]})")
    print(
        f"   chargement + compilation du catalogue  {statistics.median(chargements) * 1000:6.0f} ms"
    )
    print(f"   cpom-rules check (processus entier)    {statistics.median(temps_check):6.2f} s")

    tailles = list(options.tailles)
    if options.lignes:
        tailles.append(-options.lignes)
    print(
        "\n| jeu | lignes de mesures | format | temps médian (min-max) | CPU médian "
        "| pic mémoire | fichier | × le cœur |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for taille in tailles:
        etablissements = taille if taille > 0 else int(-taille / 317) + 1  # ~317 rows each
        ici = dossier / f"jeu-{etablissements}"
        lignes = ecrire_jeu(ici, etablissements)
        reference = coeur(ici)
        print(
            f"| {etablissements:,} établissements | {lignes:,} | cœur : load_dataset + "
            f"evaluate (en processus) | {reference:.2f} s | — | — | — | 1 |",
            flush=True,
        )
        for format_ in options.formats:
            m = mesurer(ici, format_, options.repetitions)
            print(
                f"| {etablissements:,} établissements | {lignes:,} | {format_} | "
                f"{m['temps']:.1f} s ({m['min']:.1f}-{m['max']:.1f}) | {m['cpu']:.1f} s | "
                f"{m['pic']:,.0f} Mio | {m['taille']:.1f} Mio | {m['temps'] / reference:.1f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
