"""Target kinds that do not fit the measure's unit or type.

- points on a measure that is not a rate;
- a numeric target (threshold, increase, change…) on a yes/no measure, or a yes/no target
  on a number: the engine answers `non_evaluable` (`cible_incompatible`) for such cells;
- a relative change (``+3 %``) on a rate: points or percent? The fiche must say which
  reading it took; flagged once per measure.
"""

from __future__ import annotations

from collections.abc import Iterator

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.formules.expression import TypeExpr
from cpom_rules.lint.lieux import cibles_ecrites, lieu_fiche
from cpom_rules.problemes import Niveau, Probleme
from cpom_rules.spec.cibles import toutes_les_cibles
from cpom_rules.spec.description import nombre


def verifier(catalogue: Catalogue) -> Iterator[Probleme]:
    for fiche in catalogue.regles.fiches.values():
        lieu = lieu_fiche(catalogue, fiche.code)
        for mesure in fiche.mesures.values():
            ambigu_signale = False
            for _, _, cible, chemin in cibles_ecrites(mesure):
                for element in toutes_les_cibles(cible):
                    visee = fiche.mesures[element.mesure or mesure.code]
                    if element.en_points and not visee.modele.est_taux:
                        lieu.signaler(
                            "points_hors_taux",
                            chemin,
                            niveau=Niveau.AVERTISSEMENT,
                            unite=visee.modele.unite,
                        )
                    if element.valeur_attendue == "nombre" and visee.type is TypeExpr.BOOLEEN:
                        lieu.signaler(
                            "pourcentage_sur_booleen",
                            chemin,
                            niveau=Niveau.AVERTISSEMENT,
                            type=element.genre,
                        )
                    if element.valeur_attendue == "oui_non" and visee.type is TypeExpr.NOMBRE:
                        lieu.signaler(
                            "oui_non_sur_nombre",
                            chemin,
                            niveau=Niveau.AVERTISSEMENT,
                            type=element.genre,
                        )
                    pourcentage = element.pourcentage_relatif()
                    if pourcentage is not None and visee.modele.est_taux and not ambigu_signale:
                        ambigu_signale = True
                        texte = element.texte or f"+{nombre(pourcentage)} %"
                        lieu.signaler(
                            "pourcentage_ambigu",
                            chemin,
                            niveau=Niveau.AVERTISSEMENT,
                            texte=texte,
                            lecture="variation relative",
                            autre=f"+{nombre(pourcentage)} points",
                        )
        yield from lieu.problemes
