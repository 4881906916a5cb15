"""Progress lines appear on a terminal only."""

from __future__ import annotations

import io

from cpom_rules.cli.progression import Progression


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silencieux_hors_terminal() -> None:
    flux = io.StringIO()
    with Progression(flux).etape("évaluation"):
        pass
    assert flux.getvalue() == ""


def test_annonce_puis_duree_sur_un_terminal() -> None:
    flux = _Terminal()
    with Progression(flux).etape("évaluation"):
        assert "⏳ évaluation…" in flux.getvalue()
    assert "✓ évaluation (" in flux.getvalue() and " s)\n" in flux.getvalue()
