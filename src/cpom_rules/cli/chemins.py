"""The paths given on the command line, checked before any work: a misuse is exit code 2 with
a sentence in the command's language, never an « erreur interne » after minutes of
evaluation; and the catalogue a command reads.

An input must be a regular file (a missing file and a folder give the same code); an output
must be writable, must not be a folder, and must not resolve to an input (through links
too), which it would destroy."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from cpom_rules.cli.textes import erreur, texte
from cpom_rules.compilation.catalogue import Catalogue, read_catalogue
from cpom_rules.fichiers import FichierRefuse, ecrire_atomique, verifier_ordinaire
from cpom_rules.messages import Langue
from cpom_rules.problemes import ErreurSpec, ErreurUsage, erreurs
from cpom_rules.spec.fournis import resoudre

NOM_MAX = 255  # bytes of one file name on every common file system


def _motif(langue: Langue, fr: str, en: str) -> str:
    return fr if langue == "fr" else en


def entree(chemin: Path, langue: Langue) -> Path:
    """`chemin` if it is a readable regular file."""
    try:
        verifier_ordinaire(chemin)
    except FileNotFoundError:
        raise ErreurUsage(texte("entree_absente", langue, chemin=chemin)) from None
    except FichierRefuse as exc:
        motif = _motif(langue, exc.motif, exc.motif_en)
        raise ErreurUsage(texte("entree_refusee", langue, chemin=chemin, motif=motif)) from None
    except OSError as exc:
        raise ErreurUsage(
            texte("entree_refusee", langue, chemin=chemin, motif=exc.strerror or str(exc))
        ) from None
    return chemin


def _refus(chemin: Path, langue: Langue, fr: str, en: str) -> ErreurUsage:
    return ErreurUsage(texte("sortie_refusee", langue, chemin=chemin, motif=_motif(langue, fr, en)))


def sortie(
    chemin: Path, langue: Langue, entrees: Iterable[Path] = (), *, dossier: bool = False
) -> Path:
    """`chemin` if an output can be written there (a file, or with `dossier` a folder),
    creating its parent folders; `ErreurUsage` otherwise."""
    if len(os.fsencode(chemin.name)) > NOM_MAX:
        raise _refus(
            chemin, langue, f"nom de plus de {NOM_MAX} octets", f"name over {NOM_MAX} bytes"
        )
    if dossier and chemin.exists() and not chemin.is_dir():
        raise _refus(chemin, langue, "c'est un fichier, un dossier est attendu", "it is a file")
    if not dossier and chemin.is_dir():
        raise _refus(chemin, langue, "c'est un dossier existant", "it is an existing folder")
    if not dossier and chemin.exists() and not chemin.is_file():
        raise _refus(chemin, langue, "ce n'est pas un fichier ordinaire", "not a regular file")
    for source in entrees:
        with contextlib.suppress(OSError):
            if chemin.exists() and source.exists() and chemin.samefile(source):
                raise _refus(
                    chemin,
                    langue,
                    f"c'est un fichier d'entrée ({source}) : il serait écrasé",
                    f"it is an input file ({source}): it would be overwritten",
                )
    parent = chemin if dossier else chemin.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _refus(chemin, langue, f"{parent} est un fichier", f"{parent} is a file") from None
    except OSError as exc:
        raise _refus(chemin, langue, exc.strerror or str(exc), exc.strerror or str(exc)) from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _refus(
            chemin, langue, f"dossier {parent} en lecture seule", f"folder {parent} is read-only"
        )
    return chemin


@contextlib.contextmanager
def ecrire(chemin: Path, langue: Langue) -> Iterator[Path]:
    """`ecrire_atomique`, with a write failure (disk full, permissions) as a misuse."""
    try:
        with ecrire_atomique(chemin) as temporaire:
            yield temporaire
    except OSError as exc:
        raise _refus(chemin, langue, exc.strerror or str(exc), exc.strerror or str(exc)) from None


def existe(chemin: Path) -> Path:
    """`chemin` if something is there (a file or a folder)."""
    if not chemin.exists():
        raise erreur("entree_absente", chemin=chemin)
    return chemin


def specs(chemin: Path) -> Path:
    """A catalogue folder on disk, or the name of a bundled catalogue."""
    return existe(resoudre(chemin))


def charger_catalogue(chemin: Path) -> Catalogue:
    """The catalogue of a folder (or a bundled name); `ErreurSpec` with every problem."""
    catalogue, problemes = read_catalogue(specs(chemin))
    if catalogue is None:
        raise ErreurSpec(erreurs(problemes) or problemes)
    return catalogue
