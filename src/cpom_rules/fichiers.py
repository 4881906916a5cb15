"""Files read and written safely: no special file read, no size trusted, no output half-written.

- `verifier_ordinaire` refuses, before opening, what is not a regular file: a FIFO would block
  the reader forever, ``/dev/zero`` never ends (and a link to it reports a size of 0);
- `lire_octets` enforces the size limit *while* reading, whatever size the file claims;
- `ecrire_atomique` writes to a temporary file in the target folder and renames it into
  place only once complete: an interruption (Ctrl-C, SIGTERM, a full disk, a bug) leaves the
  previous file untouched and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


class FichierRefuse(OSError):
    """A path that is not a regular file, or a file over its size limit; `motif` says which
    in French, `motif_en` in English."""

    def __init__(self, motif: str, motif_en: str) -> None:
        super().__init__(motif)
        self.motif, self.motif_en = motif, motif_en


class TropGros(FichierRefuse):
    """A file over its size limit."""


def verifier_ordinaire(chemin: Path) -> os.stat_result:
    """The status of `chemin` (links followed) if it is a regular file; `FichierRefuse`
    otherwise (`FileNotFoundError` when it does not exist)."""
    etat = chemin.stat()
    if stat.S_ISDIR(etat.st_mode):
        raise FichierRefuse("c'est un dossier, pas un fichier", "it is a folder, not a file")
    if not stat.S_ISREG(etat.st_mode):
        raise FichierRefuse(
            "ce n'est pas un fichier ordinaire (tube, périphérique ou socket)",
            "not a regular file (pipe, device or socket)",
        )
    return etat


def lire_octets(chemin: Path, maximum: int) -> bytes:
    """The bytes of a regular file of at most `maximum` bytes, counted as they are read."""
    verifier_ordinaire(chemin)
    with chemin.open("rb") as flux:
        brut = flux.read(maximum + 1)
    if len(brut) > maximum:
        raise TropGros(f"fichier de plus de {maximum} octets", f"file larger than {maximum} bytes")
    return brut


@contextlib.contextmanager
def ecrire_atomique(chemin: Path) -> Iterator[Path]:
    """A temporary path beside `chemin` to write to; renamed to `chemin` when the block ends
    normally, deleted otherwise (the previous `chemin`, if any, is then untouched).

    The temporary name keeps the extension, for writers that look at it (``.xlsx``), and
    starts with a dot so that a file browser does not show it while it is being written."""
    dossier = chemin.parent
    descripteur, nom = tempfile.mkstemp(
        dir=dossier, prefix=f".{chemin.stem[:100]}.partiel-", suffix=chemin.suffix[:20]
    )
    os.close(descripteur)
    temporaire = Path(nom)
    try:
        yield temporaire
        masque = os.umask(0)
        os.umask(masque)
        temporaire.chmod(0o666 & ~masque)  # mkstemp's 0600 would hide results from others
        temporaire.replace(chemin)
    except BaseException:
        with contextlib.suppress(OSError):
            temporaire.unlink()
        raise


def ecrire_texte(chemin: Path, texte: str) -> None:
    """`chemin.write_text(texte)` in UTF-8, atomically (see `ecrire_atomique`)."""
    with ecrire_atomique(chemin) as temporaire:
        temporaire.write_text(texte, encoding="utf-8")
