"""Words and numbers for reports in Norwegian (nb) and English (en): labels, messages and number formatting.

Norwegian numbers group thousands with a space and use a decimal comma (1 234,5; 12,3 %); English ones use
1,234.5 and 12.3%. Negative numbers carry a true minus sign (−), as typeset reports do.
"""

from __future__ import annotations

from dataclasses import dataclass

from forecast.errors import ForecastError
from forecast.vocabulary import SERVICES as VOCABULARY
from forecast.vocabulary import TOTAL

LANGS = ("nb", "en")

SERVICES = {
    "nb": {**{s.id: s.nb_label for s in VOCABULARY.values()}, TOTAL: "Totalt"},
    "en": {**{s.id: s.en for s in VOCABULARY.values()}, TOTAL: "Total"},
}

UNITS = {
    "nb": {"FTE": "årsverk", "persons": "personer", "FTE per person": "årsverk per person", "%": "%",
           "hires": "ansettelser"},
    "en": {"FTE": "FTE", "persons": "persons", "FTE per person": "FTE per person", "%": "%", "hires": "hires"},
}

TEXT = {
    "nb": {
        "page": "Side {n}",
        "made_by": "Laget med forecast {version}, {date}",
        "source": "Kilde",
        "unit": "Enhet",
        "year": "År",
        "fte": "Årsverk",
        "persons": "Personer",
        "baseline": "referanse",
        "projection": "Framskrevet behov",
        "interval": "Intervall ({lower}–{upper})",
        "observed": "Observert (kalibrering)",
        "sources_model": "SSB 07459 (befolkning), SSB 14288 (framskriving), Udir (barnehage, grunnskole), "
                         "SSB 12292/14533 (pleie og omsorg); beregnet med forecast",
        "sources_population": "SSB 07459 (befolkning 1. januar); framskriving med kohortmetoden i forecast{variant}",
        "variant_note": ", skalert til SSB 14288 alternativ {variant}",
        # page 1
        "summary_title": "{place} trenger {end_fte} årsverk i {end}, {change} {dir} enn i {base}",
        "more": "flere",
        "fewer": "færre",
        "summary_sub": "{title} · {period}",
        "key_numbers": "Nøkkeltall ({scenario})",
        "col_service": "Tjeneste",
        "col_fte_base": "Årsverk\n{base}",
        "col_fte_end": "Årsverk\n{end}",
        "col_change": "Endring\nårsverk",
        "col_change_pct": "Endring\n%",
        "col_offset": "Automati-\nsert {end}\n(årsverk)",
        "col_hires": "Ansettelser\n{first}–{end}\n(personer)",
        "scenarios_head": "Scenarioer, årsverk i {end}",
        "col_scenario": "Scenario",
        "col_vs_base": "Mot\nreferansen",
        "assumptions_head": "Viktigste forutsetninger (med kilder)",
        "notes_head": "Kalibrering",
        "more_in_appendix": "… og {n} til: se «Forutsetninger og kilder» bakerst",
        "more_in_manifest": "… og {n} til: se manifest.json",
        "appendix_title": "Forutsetninger og kilder: hva tallene bygger på",
        "appendix_more": "Forutsetninger og kilder (forts.)",
        "appendix_sub": "Forutsetninger i scenariofilene og modellen, og hvordan hver tjeneste er kalibrert",
        "appendix_assumptions": "Forutsetninger",
        "appendix_notes": "Kalibrering og kilder",
        "appendix_source": "scenariofilene og data/parameters/ (filer og sjekksummer i manifest.json)",
        "appendix_unit": "som oppgitt ved hvert punkt",
        "summary_unit": "årsverk (FTE); ansettelser i personer",
        "about_head": "Om beregningen",
        "std_fte": "årsverk per bruker {pct}/år",
        "std_coverage": "dekningsgrad {pct}/år",
        "measure_fixed": "{fte} årsverk fra {start}",
        "measure_task": "{share} av tiden, {auto} av det automatiserbart, innført {start}–{full}, {reinvest} "
                        "reinvestert",
        "measure_rate": "{rate} produktivitet per år fra {start}",
        "fact_place": "Kommune: {place}",
        "fact_period": "Periode: {base}–{end} (basisår {base})",
        "fact_scenario": "Scenario: {title}",
        "fact_population": "Befolkning: {variant}",
        "fact_services": "Tjenester: {services}",
        # page 2
        "need_title_up": "{svc} trenger flest nye årsverk: {change} ({pct}) fra {base} til {end}",
        "need_title_down": "Behovet faller i alle tjenester: samlet {change} årsverk fra {base} til {end}",
        "need_sub": "Behov for årsverk per tjeneste, scenario {scenario}",
        # page 3
        "compare_title": "I {end} spenner behovet fra {lo} ({lo_scen}) til {hi} årsverk ({hi_scen})",
        "compare_sub": "Samlet behov for årsverk per scenario; referansen er {baseline}",
        "compare_left": "Samlet behov, årsverk",
        "quick_sub": "Behov for årsverk per tjeneste og scenario; referansen er {baseline}",
        "compare_right": "Forskjell fra referansen i {end}, årsverk",
        # page 4
        "bridge_title": "Fra {start} til {stop} årsverk: befolkningen gir {demo}, automatisering {auto}",
        "bridge_title_noauto": "Fra {start} til {stop} årsverk: befolkningsendringen alene gir {demo}",
        "bridge_sub": "Endring i behov for årsverk {base}–{end}, scenario {scenario}",
        "bridge_start": "Årsverk {year}",
        "bridge_end": "Årsverk {year}",
        "bridge_axis": "Endring fra {base}, årsverk",
        "bridge_demo": "Befolkning (flere/færre brukere)",
        "bridge_std": "Årsverk per bruker (standard, aldersmiks)",
        "bridge_measure": "Automatisering: {id}",
        "bridge_note": "Befolkning: endring i brukere × årsverk per bruker i {base}. Årsverk per bruker: resten av "
                       "endringen før automatisering (standardendring; i barnehagen også endret aldersmiks).",
        # page 5
        "hires_title": "{place} må ansette {total} personer {first}–{end}; {share} erstatter dem som slutter",
        "hires_sub": "Ansettelser per år og samlet, alle tjenester, scenario {scenario}",
        "hires_growth": "Vekst i behovet",
        "hires_replacement": "Erstatning av avganger",
        "hires_left": "Ansettelser per år, {unit}",
        "hires_right": "Ansettelser samlet fra {first}, {unit}",
        # page 6
        "pop_title": "Aldersgruppen {group} år endres mest: {pct} fra {base} til {end}",
        "pop_sub": "Befolkning etter alder i {base} og {end}, {variant}",
        "pop_age": "Alder (år)",
        "pop_builtin": "innebygd framskriving",
        # page 7
        "share_title": "Behovet tilsvarer {end_share} årsverk per 100 innbyggere {lo}–{hi} år i {end} "
                       "({base_share} i {base})",
        "share_sub": "Årsverk i de fire tjenestene per 100 innbyggere {lo}–{hi} år",
        "share_axis": "Årsverk per 100 innbyggere {lo}–{hi} år",
        "share_unit": "årsverk per 100 personer {lo}–{hi} år",
        # page 8
        "accuracy_title": "{model} framskriving bommet med {err} i snitt, {horizon} år fram (tilbaketesting)",
        "accuracy_sub": "Tilbaketesting: prognoser fra tidligere år sammenlignet med det som skjedde",
        "accuracy_unit": "prosent avvik (sMAPE); MASE uten enhet; treff i prosent av prognosene",
        "accuracy_by_series": "Avvik per serie (sMAPE)",
        "accuracy_note": "* brukt i scenarioene. {n} historiske serier for {place} (dekningsgrad per aldersgruppe, "
                         "årsverk per bruker); {origins} prognosestarter per serie, {horizon} år fram. sMAPE: "
                         "symmetrisk gjennomsnittlig prosentavvik. MASE: feilen i forhold til en naiv ettårsprognose "
                         "(under 1 er bedre). Treff: andel faktiske verdier innenfor prognoseintervallet.",
        "accuracy_source": "Historiske serier i data/ (SSB, Udir); tilbaketesting med forecast backtest",
    },
    "en": {
        "page": "Page {n}",
        "made_by": "Made with forecast {version}, {date}",
        "source": "Source",
        "unit": "Unit",
        "year": "Year",
        "fte": "FTE",
        "persons": "Persons",
        "baseline": "baseline",
        "projection": "Projected need",
        "interval": "Interval ({lower}–{upper})",
        "observed": "Observed (calibration)",
        "sources_model": "SSB 07459 (population), SSB 14288 (projection), Udir (kindergarten, primary school), "
                         "SSB 12292/14533 (care); computed with forecast",
        "sources_population": "SSB 07459 (population on 1 January); projection by forecast's cohort-change "
                              "method{variant}",
        "variant_note": ", scaled to SSB 14288 alternative {variant}",
        "summary_title": "{place} needs {end_fte} FTE in {end}, {change} {dir} than in {base}",
        "more": "more",
        "fewer": "fewer",
        "summary_sub": "{title} · {period}",
        "key_numbers": "Key numbers ({scenario})",
        "col_service": "Service",
        "col_fte_base": "FTE\n{base}",
        "col_fte_end": "FTE\n{end}",
        "col_change": "Change\nFTE",
        "col_change_pct": "Change\n%",
        "col_offset": "Automated\n{end}\n(FTE)",
        "col_hires": "Hires\n{first}–{end}\n(persons)",
        "scenarios_head": "Scenarios, FTE in {end}",
        "col_scenario": "Scenario",
        "col_vs_base": "vs\nbaseline",
        "assumptions_head": "Main assumptions (with references)",
        "notes_head": "Calibration",
        "more_in_appendix": "… and {n} more: see 'Assumptions and sources' at the end",
        "more_in_manifest": "… and {n} more: see manifest.json",
        "appendix_title": "Assumptions and sources: what the numbers rest on",
        "appendix_more": "Assumptions and sources (continued)",
        "appendix_sub": "Assumptions in the scenario files and the model, and how each service is calibrated",
        "appendix_assumptions": "Assumptions",
        "appendix_notes": "Calibration and sources",
        "appendix_source": "the scenario files and data/parameters/ (files and checksums in manifest.json)",
        "appendix_unit": "as stated in each item",
        "summary_unit": "FTE; hires in persons",
        "about_head": "About the calculation",
        "std_fte": "FTE per user {pct}/yr",
        "std_coverage": "coverage {pct}/yr",
        "measure_fixed": "{fte} FTE from {start}",
        "measure_task": "{share} of the time, {auto} of it automatable, adopted {start}–{full}, {reinvest} "
                        "reinvested",
        "measure_rate": "{rate} productivity a year from {start}",
        "fact_place": "Municipality: {place}",
        "fact_period": "Period: {base}–{end} (base year {base})",
        "fact_scenario": "Scenario: {title}",
        "fact_population": "Population: {variant}",
        "fact_services": "Services: {services}",
        "need_title_up": "{svc} needs the most new FTE: {change} ({pct}) from {base} to {end}",
        "need_title_down": "Need falls in every service: {change} FTE in total from {base} to {end}",
        "need_sub": "FTE need by service, scenario {scenario}",
        "compare_title": "In {end}, need ranges from {lo} ({lo_scen}) to {hi} FTE ({hi_scen})",
        "compare_sub": "Total FTE need by scenario; the baseline is {baseline}",
        "compare_left": "Total need, FTE",
        "quick_sub": "FTE need by service and scenario; the baseline is {baseline}",
        "compare_right": "Difference from the baseline in {end}, FTE",
        "bridge_title": "From {start} to {stop} FTE: population adds {demo}, automation {auto}",
        "bridge_title_noauto": "From {start} to {stop} FTE: population change alone adds {demo}",
        "bridge_sub": "Change in FTE need {base}–{end}, scenario {scenario}",
        "bridge_start": "FTE {year}",
        "bridge_end": "FTE {year}",
        "bridge_axis": "Change from {base}, FTE",
        "bridge_demo": "Population (more/fewer users)",
        "bridge_std": "FTE per user (standards, age mix)",
        "bridge_measure": "Automation: {id}",
        "bridge_note": "Population: change in users × FTE per user in {base}. FTE per user: the rest of the change "
                       "before automation (standard change; in kindergartens also a changed age mix).",
        "hires_title": "{place} must hire {total} persons {first}–{end}; {share} replace those who leave",
        "hires_sub": "Hires per year and cumulative, all services, scenario {scenario}",
        "hires_growth": "Growth in need",
        "hires_replacement": "Replacing leavers",
        "hires_left": "Hires per year, {unit}",
        "hires_right": "Cumulative hires from {first}, {unit}",
        "pop_title": "Ages {group} change the most: {pct} from {base} to {end}",
        "pop_sub": "Population by age in {base} and {end}, {variant}",
        "pop_age": "Age (years)",
        "pop_builtin": "built-in projection",
        "share_title": "Need equals {end_share} FTE per 100 inhabitants aged {lo}–{hi} in {end} "
                       "({base_share} in {base})",
        "share_sub": "FTE in the four services per 100 inhabitants aged {lo}–{hi}",
        "share_axis": "FTE per 100 inhabitants aged {lo}–{hi}",
        "share_unit": "FTE per 100 persons aged {lo}–{hi}",
        "accuracy_title": "{model} projection was {err} off on average, {horizon} years ahead (backtest)",
        "accuracy_sub": "Backtest: forecasts made from past years compared with what happened",
        "accuracy_unit": "percentage error (sMAPE); MASE has no unit; hits as a share of forecasts",
        "accuracy_by_series": "Error by series (sMAPE)",
        "accuracy_note": "* used in the scenarios. {n} historical series for {place} (coverage by age band, FTE per "
                         "user); {origins} forecast origins per series, {horizon} years ahead. sMAPE: symmetric mean "
                         "absolute percentage error. MASE: error relative to a naive one-year forecast (below 1 is "
                         "better). Interval columns: share of actual values inside the forecast interval.",
        "accuracy_source": "Historical series in data/ (SSB, Udir); backtest with forecast backtest",
    },
}


@dataclass(frozen=True)
class Lang:
    """Labels and number formatting for one language."""

    code: str = "nb"

    def __post_init__(self) -> None:
        if self.code not in LANGS:
            raise ForecastError(f"unknown report language {self.code!r}: use one of {', '.join(LANGS)}")

    def t(self, key: str, **kw) -> str:
        return TEXT[self.code][key].format(**kw)

    def service(self, service: str) -> str:
        return SERVICES[self.code].get(service, service)

    def unit(self, unit: str) -> str:
        return UNITS[self.code].get(unit, unit)

    def num(self, value: float, decimals: int = 0, sign: bool = False) -> str:
        """1 234,5 (nb) or 1,234.5 (en); with `sign`, a leading + for positive numbers."""
        if value != value:  # NaN
            return "–"
        if round(value, decimals) == 0:
            value = 0.0  # no "−0"
        text = f"{abs(value):,.{decimals}f}"
        if self.code == "nb":
            text = text.replace(",", " ").replace(".", ",")
        if value < 0:
            return "−" + text
        return ("+" + text) if sign and value > 0 else text

    def pct(self, fraction: float, decimals: int = 0, sign: bool = False) -> str:
        """12,3 % (nb) or 12.3% (en), from a fraction (0.123)."""
        text = self.num(fraction * 100, decimals, sign)
        return f"{text} %" if self.code == "nb" else f"{text}%"
