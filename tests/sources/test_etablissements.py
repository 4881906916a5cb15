"""FINESS + SAE → establishments table: region, EJ roll-up, declared mapping, sources."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from cpom_rules import Catalogue, evaluate, load_dataset
from cpom_rules.cli.main import main
from cpom_rules.problemes import ErreurDonnees, ErreurSpec, Probleme
from cpom_rules.sources import import_etablissements, load_referentiel, read_finess
from cpom_rules.sources.extrait_finess import parse_finess
from tests.conftest import SPECS

FIXTURES = Path(__file__).parent / "fixtures"
EXTRAIT = FIXTURES / "finess_etalab.csv"
SAE = sorted(FIXTURES.glob("sae_*.csv"))
REFERENTIEL = SPECS / "sources" / "referentiels.yaml"


def _par_finess(catalogue: Catalogue, **options: object) -> dict[str, dict[str, str]]:
    table = import_etablissements(catalogue, EXTRAIT, SAE, **options)  # type: ignore[arg-type]
    return {ligne["finess"]: ligne for ligne in table.lignes}


def test_the_extract_is_read_in_its_published_layout() -> None:
    extrait = read_finess(EXTRAIT)
    assert extrait.date == "2026-05-12"
    assert len(extrait.sites) == 28
    par_site = {s.finess: s for s in extrait.sites}
    assert par_site["2A0000101"].departement == "2A"
    assert {s.departement for s in extrait.sites} >= {"2A", "2B", "9A", "75", "31"}
    purpan = par_site["310783048"]
    assert (purpan.finess_ej, purpan.categetab, purpan.codesph) == ("310781406", "101", "1")
    assert purpan.raison_sociale == "CHU DE TOULOUSE - HÔPITAL PURPAN"  # latin-1 decoded


def test_only_the_region_is_kept_and_other_departements_on_request(catalogue: Catalogue) -> None:
    region = _par_finess(catalogue)
    assert len(region) == 20
    assert {ligne["departement"] for ligne in region.values()} <= set(
        load_referentiel(REFERENTIEL).region.departements
    )
    ailleurs = _par_finess(catalogue, departements=["2A", "971"])
    assert {ligne["departement"] for ligne in ailleurs.values()} == {"2A", "9A"}
    with pytest.raises(ValueError):
        _par_finess(catalogue, region="11")


def test_sites_roll_up_to_their_legal_entity_beds_and_places_added(
    catalogue: Catalogue,
) -> None:
    chu = _par_finess(catalogue)["310781406"]
    # Purpan MCO 1400+150, PSY 120+30; Rangueil MCO 1000+100, SSR 80+20; the EHPAD is out.
    assert chu["lits"] == "2900"
    assert (chu["categorie"], chu["statut"]) == ("CHU", "public")
    referentiel = load_referentiel(REFERENTIEL)
    lits_seuls = referentiel.model_copy(
        update={"lits": referentiel.lits.model_copy(update={"definition": "lits"})}
    )
    assert _par_finess(catalogue, referentiel=lits_seuls)["310781406"]["lits"] == "2600"
    par_site = referentiel.model_copy(update={"niveau": "etablissement"})
    sites = _par_finess(catalogue, referentiel=par_site)
    assert sites["310783048"]["lits"] == "1700" and "310781406" not in sites


def test_status_and_category_follow_the_declared_mapping(catalogue: Catalogue) -> None:
    lignes = _par_finess(catalogue)
    assert (lignes["340002237"]["categorie"], lignes["340002237"]["statut"]) == (
        "clinique",
        "prive_lucratif",
    )
    # codesph 6 makes an ESPIC whatever the care category (a 365 here, a CLCC, an HAD).
    assert {lignes[f]["categorie"] for f in ("310004452", "340005560", "810006676")} == {"ESPIC"}
    assert lignes["460780026"]["categorie"] == "CH"  # 106, ex hôpital local


def test_unknown_codes_and_missing_beds_are_reported_per_establishment(
    catalogue: Catalogue,
) -> None:
    table = import_etablissements(catalogue, EXTRAIT, SAE)
    par_code: dict[str, list[Probleme]] = {}
    for p in table.problemes:
        par_code.setdefault(p.code, []).append(p)
    (dialyse,) = par_code["categetab_inconnue"]
    assert (dialyse.ligne, dict(dialyse.params)["categetab"]) == (24, "146")
    assert "120008883" not in {ligne["finess"] for ligne in table.lignes}
    (quercy,) = par_code["codesph_inconnu"]
    assert dict(quercy.params)["finess"] == "820009991"
    assert {dict(p.params)["finess"] for p in par_code["lits_absents"]} == {
        "650780026",  # a CH absent from the SAE
        "810006676",  # an HAD: no bed columns
        "120780028",  # LIT_SSR « 12,5 » unreadable: no partial sum
    }
    (ferme,) = par_code["sae_hors_finess"]
    assert dict(ferme.params) == {"finess": "340009992", "ej": "340780477"}
    (invalide,) = par_code["sae_valeur_invalide"]
    assert (Path(invalide.fichier or "").name, invalide.ligne) == ("sae_ssr.csv", 10)
    assert table.hors_champ == 1  # the CHU's EHPAD


def test_every_value_keeps_its_source(catalogue: Catalogue) -> None:
    table = import_etablissements(catalogue, EXTRAIT, SAE)
    sources = {(f, a): s for f, a, _, s in table.sources}
    assert "sae_mco.csv" in sources[("310781406", "lits")]
    assert "LIT_PSY=120" in sources[("310781406", "lits")]
    assert sources[("310781406", "categorie")].startswith(str(EXTRAIT))
    assert ("650780026", "lits") not in sources


def test_the_table_evaluates_the_example_catalogue(catalogue: Catalogue) -> None:
    table = import_etablissements(catalogue, EXTRAIT, SAE)
    resultats = evaluate(catalogue, load_dataset(catalogue, list(table.lignes), []))
    cadre = resultats.to_frame()
    assert set(cadre.finess) == {ligne["finess"] for ligne in table.lignes}
    segments = cadre[cadre.indicateur == "CPOM_CT_1"].groupby("finess").segment.first()
    raisons = cadre[cadre.indicateur == "CPOM_CT_1"].groupby("finess").raison.first()
    assert segments["340780477"] == "grands"
    assert segments["480780022"] == "intermediaires"
    assert segments["460780026"] == "petits"
    # 500 beds exactly (Rodez) and no beds (Lannemezan): never a default tier.
    assert raisons["120780028"] == raisons["650780026"] == "segment_indetermine"


def test_malformed_extracts_are_reported_not_guessed() -> None:
    with pytest.raises(ErreurDonnees) as exc:
        parse_finess("nofinesset;rs\n", "x.csv")
    assert exc.value.problemes[0].code == "finess_extrait_entete"
    ligne = ";".join(["structureet", "310783048", "310781406"] + ["x"] * 28)
    texte = "\n".join(
        [
            "finess;etalab;98;2026-05-12",
            "structureet;310783048;310781406;court",
            ligne.replace("310783048", "310783049"),  # wrong check digit
            "autre;1;2",
            ligne,
        ]
    )
    extrait = parse_finess(texte, "x.csv")
    assert [s.finess for s in extrait.sites] == ["310783048"]
    assert [(p.code, p.ligne) for p in extrait.problemes] == [
        ("finess_extrait_ligne", 2),
        ("finess_extrait_numero", 3),
        ("finess_extrait_section", 4),
    ]


def test_a_mapping_with_a_typo_is_refused_with_its_line(tmp_path: Path) -> None:
    texte = REFERENTIEL.read_text(encoding="utf-8").replace("priorite:", "priorité:")
    (tmp_path / "referentiels.yaml").write_text(texte, encoding="utf-8")
    with pytest.raises(ErreurSpec) as exc:
        load_referentiel(tmp_path / "referentiels.yaml")
    (probleme,) = exc.value.problemes
    assert probleme.ligne is not None and "priorit" in texte.splitlines()[probleme.ligne - 1]


def test_command_line_writes_the_table_and_its_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sortie = tmp_path / "etablissements.csv"
    arguments = ["etablissements", str(SPECS), "--finess", str(EXTRAIT), "--sae"]
    code = main([*arguments, *map(str, SAE), "--sortie", str(sortie)])
    assert code == 1  # an unknown category and an unknown SPH type are errors
    assert sortie.read_text(encoding="utf-8").splitlines()[0].startswith("finess;raison_sociale;")
    assert "310781406;lits;2900;" in sortie.with_suffix(".sources.csv").read_text(encoding="utf-8")
    assert "20 établissement(s)" in capsys.readouterr().out
    assert main([*arguments[:4], "--region", "11", "--sortie", str(sortie)]) == 2
    complements = ["--complements", str(FIXTURES / "complements.csv")]
    assert main([*arguments[:4], *complements, "--sortie", str(sortie)]) == 1
    assert ";GHT Ouest Audois;" in sortie.read_text(encoding="utf-8")


def test_the_shipped_mapping_satisfies_its_json_schema() -> None:
    schema = json.loads(
        (SPECS.parent.parent / "schemas" / "referentiels.schema.json").read_text(encoding="utf-8")
    )
    donnees = json.loads(json.dumps(yaml.safe_load(REFERENTIEL.read_text(encoding="utf-8"))))
    validateur = jsonschema.validators.validator_for(schema)(schema)
    assert [e.message for e in validateur.iter_errors(donnees)] == []
    donnees["categories"]["355"]["categorie_typo"] = "CH"
    assert list(validateur.iter_errors(donnees))


def test_attributes_kept_by_the_ars_complete_the_reference_data(catalogue: Catalogue) -> None:
    complements = FIXTURES / "complements.csv"
    table = import_etablissements(catalogue, EXTRAIT, SAE, complements=complements)
    lignes = {ligne["finess"]: ligne for ligne in table.lignes}
    assert lignes["110780020"]["ght"] == "GHT Ouest Audois"
    assert lignes["110780020"]["lits"] == "530"  # reference data kept
    assert (
        "110780020",
        "ght",
        "GHT Ouest Audois",
        f"{complements}:4",
    ) in table.sources
    codes = {(p.code, p.lignes) for p in table.problemes}
    assert ("complement_inconnu", (5,)) in codes
    assert any(p.code == "colonne_inconnue" for p in table.problemes)
    cadre = evaluate(catalogue, load_dataset(catalogue, list(table.lignes), [])).to_frame()
    ght = cadre[(cadre.indicateur == "CPOM_CT_08") & (cadre.annee == 2025)].set_index("finess")
    assert ght.loc["110780020", "raison"] != "hors_perimetre"  # a GHT member now
    assert ght.loc["480780022", "raison"] == "hors_perimetre"


def test_a_formula_looking_name_is_written_inert(catalogue: Catalogue, tmp_path: Path) -> None:
    texte = (
        EXTRAIT.read_bytes()
        .decode("cp1252")
        .replace("CENTRE HOSPITALIER DE MENDE", "=HYPERLINK(1)")
    )
    extrait = tmp_path / "extrait.csv"
    extrait.write_bytes(texte.encode("cp1252"))
    table = import_etablissements(catalogue, extrait, SAE)
    chemin = tmp_path / "e.csv"
    table.write_csv(chemin, ["finess", "raison_sociale", "lits"])
    assert "480780022;'=HYPERLINK(1);170" in chemin.read_text(encoding="utf-8")
    assert ";'=HYPERLINK(1);" in chemin.with_suffix(".sources.csv").read_text(encoding="utf-8")
