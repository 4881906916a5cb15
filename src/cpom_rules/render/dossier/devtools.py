"""A long-lived headless Chromium driven by the DevTools protocol over a pipe (standard library).

``--remote-debugging-pipe`` makes Chromium read commands on its file descriptor 3 and write
replies and events on its descriptor 4, as JSON messages each ended by a NUL byte. One
Chromium then prints hundreds of pages, where starting one per page costs a second or more
each. Every wait has a deadline, so a page that never loads or a Chromium that stops answering
is an error, never a hang; leaving the ``with`` block always ends Chromium and its children.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Self

# Our descriptors are copied above this number before Chromium starts, so that moving them to
# 3 and 4 in the child never overwrites one with the other.
_AU_DESSUS = 10
_LECTURE = 1 << 16
_FERMETURE = 5  # seconds Chromium has to exit on SIGTERM before it is killed
_DEPLACER = (
    "import os, sys\n"
    "entree, sortie = int(sys.argv[1]), int(sys.argv[2])\n"
    "os.dup2(entree, 3)\n"
    "os.dup2(sortie, 4)\n"
    "os.close(entree)\n"
    "os.close(sortie)\n"
    "os.execvp(sys.argv[3], sys.argv[3:])\n"
)


class Arret(Exception):
    """Chromium closed its pipe: it stopped or crashed."""


class Delai(Exception):
    """No awaited reply or event within the time limit."""


class ErreurProtocole(Exception):
    """Chromium answered a command with an error (its own English text)."""


class Fermable:
    """A context manager that calls `fermer` when its block ends, however it ends."""

    def fermer(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exception: object) -> None:
        self.fermer()


class Session(Fermable):
    """One headless Chromium process and its DevTools pipe; use as a context manager."""

    def __init__(self, navigateur: str, drapeaux: tuple[str, ...]) -> None:
        self._profil = tempfile.TemporaryDirectory(prefix="cpom-chromium-")
        commandes_lecture, commandes = os.pipe()
        reponses, reponses_ecriture = os.pipe()
        try:
            entree = fcntl.fcntl(commandes_lecture, fcntl.F_DUPFD_CLOEXEC, _AU_DESSUS)
            sortie = fcntl.fcntl(reponses_ecriture, fcntl.F_DUPFD_CLOEXEC, _AU_DESSUS)
        finally:
            os.close(commandes_lecture)
            os.close(reponses_ecriture)
        # Popen keeps passed descriptors at their numbers: a small Python moves them to 3 and
        # 4 and becomes Chromium (no preexec_fn, unsafe while other threads run; no shell,
        # dash only knows descriptors 0 to 9).
        try:
            self.processus = subprocess.Popen(
                [
                    sys.executable,
                    "-I",
                    "-c",
                    _DEPLACER,
                    str(entree),
                    str(sortie),
                    navigateur,
                    *drapeaux,
                    "--remote-debugging-pipe",
                    f"--user-data-dir={self._profil.name}",
                    "about:blank",
                ],
                pass_fds=(entree, sortie),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                # Its own process group: Chromium's helpers (zygote, renderers) are ended with it.
                start_new_session=True,
            )
        except BaseException:
            os.close(commandes)
            os.close(reponses)
            self._profil.cleanup()
            raise
        finally:
            os.close(entree)
            os.close(sortie)
        self._commandes = commandes
        self._reponses = reponses
        self._tampon = bytearray()
        self._messages: deque[dict[str, Any]] = deque()
        self._numero = 0

    def fermer(self) -> None:
        """End Chromium (politely, then by force) and all its helpers; idempotent."""
        if self._commandes >= 0:
            with contextlib.suppress(OSError):
                os.close(self._commandes)
            self._commandes = -1
        processus = self.processus
        if processus.returncode is None:
            # Not processus.terminate(): it reaps an exited browser first (Popen.poll).
            os.kill(processus.pid, signal.SIGTERM)
            # Wait for the browser to exit without reaping it: while it is a zombie its number
            # cannot be reused, so killing its process group reaches only its own helpers
            # (those a crash left behind), never an unrelated process.
            echeance = time.monotonic() + _FERMETURE
            while (
                os.waitid(os.P_PID, processus.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) is None
                and time.monotonic() < echeance
            ):
                time.sleep(0.02)
            with contextlib.suppress(OSError):
                os.killpg(processus.pid, signal.SIGKILL)
            processus.wait()
        if self._reponses >= 0:
            os.close(self._reponses)
            self._reponses = -1
        self._profil.cleanup()

    def envoyer(self, methode: str, session: str | None = None, **params: Any) -> int:
        """Send one command; its message id."""
        self._numero += 1
        message: dict[str, Any] = {"id": self._numero, "method": methode, "params": params}
        if session is not None:
            message["sessionId"] = session
        donnees = json.dumps(message).encode() + b"\0"
        try:
            while donnees:
                donnees = donnees[os.write(self._commandes, donnees) :]
        except OSError as exc:  # EPIPE: Chromium is gone
            raise Arret from exc
        return self._numero

    def commande(
        self, methode: str, delai: float, session: str | None = None, **params: Any
    ) -> dict[str, Any]:
        """Send a command and wait at most `delai` seconds for its result."""
        numero = self.envoyer(methode, session, **params)
        reponse = self.attendre(lambda m: m.get("id") == numero, time.monotonic() + delai)
        if "error" in reponse:
            raise ErreurProtocole(f"{methode}: {reponse['error'].get('message', reponse)}")
        resultat: dict[str, Any] = reponse.get("result", {})
        return resultat

    def attendre(self, voulu: Callable[[dict[str, Any]], bool], echeance: float) -> dict[str, Any]:
        """The first message (reply or event) for which `voulu(message)` is true, read before
        the `time.monotonic()` deadline `echeance`; the other messages are dropped. `Arret`
        when Chromium or the renderer of a tab with ``Inspector.enable`` crashes."""
        while True:
            while self._messages:
                message = self._messages.popleft()
                if message.get("method") == "Inspector.targetCrashed":
                    raise Arret  # a tab's renderer died: its page will never answer
                if voulu(message):
                    return message
            reste = echeance - time.monotonic()
            if reste <= 0:
                raise Delai
            pret, _, _ = select.select([self._reponses], [], [], reste)
            if not pret:
                raise Delai
            morceau = os.read(self._reponses, _LECTURE)
            if not morceau:
                raise Arret
            self._tampon += morceau
            if b"\0" not in morceau:  # a large reply (a PDF) comes in many pieces
                continue
            *complets, reste_tampon = self._tampon.split(b"\0")
            self._tampon = bytearray(reste_tampon)
            self._messages.extend(json.loads(brut) for brut in complets)
