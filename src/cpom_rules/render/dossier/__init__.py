"""The dossier d'établissement: one print-ready A4 document per establishment (HTML and PDF).

`dossiers` builds the views establishment by establishment, reading the result rows in
batches (`LOT` establishments per pass), so that a dossier for each of 3,000 establishments
runs in bounded memory; `write_dossiers` writes each one's self-contained HTML and, when
asked, its PDF (headless Chromium, see `pdf`).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import queue
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.fichiers import ecrire_texte
from cpom_rules.messages import Langue
from cpom_rules.problemes import erreur
from cpom_rules.render.dossier.pdf import Imprimante, trouver_chromium
from cpom_rules.render.dossier.vue import Dossier, Positions, construire
from cpom_rules.render.html import apparences, environnement
from cpom_rules.render.rapport_anglais import mot

__all__ = ["Dossier", "dossiers", "render_dossier", "trouver_chromium", "write_dossiers"]

# Establishments whose rows are gathered per pass over the results.
LOT = 200
# Chromium sessions printing at once (each a browser kept running for the whole run, see
# `pdf.Imprimante`), and documents waiting per session.
IMPRIMANTES = 2
EN_VOL = 2
_FAIT: Future[None] = Future()
_FAIT.set_result(None)


def render_dossier(dossier: Dossier) -> str:
    """The dossier as one self-contained HTML document (A4 print styles included)."""
    return (
        environnement()
        .get_template("dossier.html")
        .render(
            d=dossier,
            apparences=apparences(dossier.langue),
            m=lambda texte, **params: mot(texte, dossier.langue, **params),
        )
        .replace("&#39;", "'")
    )


def dossiers(
    resultats: Resultats, finess: Sequence[str], jour: datetime.date, langue: Langue = "fr"
) -> Iterator[Dossier]:
    """The dossier of each FINESS in `finess`, in that order; `ErreurUsage` for an unknown one."""
    inconnus = [f for f in finess if resultats.donnees.index_etablissement(f) is None]
    if inconnus:
        raise erreur("finess_absent_resultats", finess=", ".join(inconnus))
    positions = Positions(resultats)
    for debut in range(0, len(finess), LOT):
        lot = set(finess[debut : debut + LOT])
        lignes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for ligne in resultats.lignes(explications=False):
            if ligne["finess"] in lot:
                lignes[ligne["finess"]].append(ligne)
        bilans: dict[str, dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
        for bilan in resultats.bilans_records():
            if bilan["finess"] in lot:
                bilans[bilan["finess"]][(bilan["indicateur"], bilan["mesure"])] = bilan
        for numero in finess[debut : debut + LOT]:
            yield construire(
                resultats, numero, lignes[numero], bilans[numero], positions, jour, langue
            )


def write_dossiers(
    resultats: Resultats,
    finess: Sequence[str],
    sortie: Path,
    jour: datetime.date,
    pdf: bool = True,
    avancer: Callable[[int, int], None] | None = None,
    langue: Langue = "fr",
) -> list[Path]:
    """Write the dossiers; return the files written.

    `sortie` is a folder (``FINESS.html`` and ``FINESS.pdf`` for each) or, for a single
    establishment, a file ``….pdf`` or ``….html``. `avancer(done, total)` is called after
    each establishment (progress display).
    """
    fichier = sortie.suffix.lower() in (".pdf", ".html", ".htm")
    if fichier and len(finess) != 1:
        raise erreur("dossiers_sortie_fichier")
    if pdf and trouver_chromium() is None:  # say it before an hour of work, not after
        raise erreur("chromium_absent")
    dossier_sortie = sortie.parent if fichier else sortie
    dossier_sortie.mkdir(parents=True, exist_ok=True)
    ecrits: list[Path] = []
    # Each Chromium session prints one page at a time, in its own thread, while this one
    # writes the next pages' HTML; at most `EN_VOL` documents wait per session, so memory
    # stays bounded.
    travailleurs = max(1, min(IMPRIMANTES, os.cpu_count() or 1, len(finess)))
    en_cours: deque[Future[None]] = deque()
    fait = 0

    def terminer(jusqua: int) -> None:
        nonlocal fait
        while len(en_cours) > jusqua:
            en_cours.popleft().result()  # re-raises a printing error here
            fait += 1
            if avancer is not None:
                avancer(fait, len(finess))

    with contextlib.ExitStack() as pile:  # last in, first out: threads end, then Chromium
        libres: queue.SimpleQueue[Imprimante] = queue.SimpleQueue()
        for _ in range(travailleurs if pdf else 0):
            libres.put(pile.enter_context(Imprimante()))

        def imprimer(page: Path, document: Path) -> None:
            imprimante = libres.get()  # as many sessions as threads: never waits
            try:
                imprimante.imprimer(page, document)
            finally:
                libres.put(imprimante)

        imprimantes = ThreadPoolExecutor(max_workers=travailleurs)
        # On an error or Ctrl-C, the documents not started are dropped, not printed.
        pile.callback(imprimantes.shutdown, wait=True, cancel_futures=True)
        for vue in dossiers(resultats, finess, jour, langue):
            base = sortie.with_suffix("") if fichier else sortie / vue.finess
            page = base.with_suffix(".html")
            ecrire_texte(page, render_dossier(vue))
            ecrits.append(page)
            if pdf:
                document = base.with_suffix(".pdf")
                en_cours.append(imprimantes.submit(imprimer, page, document))
                ecrits.append(document)
            else:
                en_cours.append(_FAIT)
            terminer(EN_VOL * travailleurs)
        terminer(0)
    return ecrits
