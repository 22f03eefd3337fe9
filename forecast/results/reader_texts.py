"""Note texts for readers of a report (forecast.results.texts holds every note's template, in English and
Norwegian; the command line uses those).

READER: wording where a template names scenario keys, identifiers or files (the command line keeps them: its users
edit scenario files); keys not listed here read as in TEMPLATES.
SUMMARY: one line for the notes of one key and service that differ only in each municipality's numbers (national
and county reports), followed by how many municipalities it covers. Fields: {service} only.
"""

from __future__ import annotations

# "" would leave a note out of a report because another note says it.
READER: dict[str, dict[str, str]] = {
    "population.history": {
        "en": "population history from the scenario's own file, replacing the SSB 07459 figures it covers",
        "nb": "befolkningshistorikk fra scenarioets egen fil, som erstatter SSB 07459-tallene den dekker",
    },
    "population.border_change": {
        "en": "{first}→{second}: {change:+.0%}, a border change in the history, not demography; the projection "
              "leaves it out",
        "nb": "{first}→{second}: {change:+.0%}, en grenseendring i historikken, ikke demografi; framskrivingen ser "
              "bort fra den",
    },
    "trend.constant_no_history": {
        "en": "{service}: held at today's level, without an interval (no history to estimate one from)",
        "nb": "{service}: holdes på dagens nivå, uten intervall (ingen historikk å beregne det fra)",
    },
    "trend.constant": {
        "en": "{service}: coverage and FTE per user held at today's level (SSB's convention for the reference "
              "path); the 80 % interval is that of a random walk fitted to the history",
        "nb": "{service}: dekningsgrad og årsverk per bruker holdes på dagens nivå (SSBs konvensjon for "
              "referansebanen); 80 %-intervallet er intervallet til en tilfeldig gange tilpasset historikken",
    },
    "trend.fitted": {
        "en": "{service}: trend model {model}; the interval is the model's 80 % interval",
        "nb": "{service}: trendmodell {model}; intervallet er modellens 80 %-intervall",
    },
    "trend.no_history": {
        "en": "{service}: no history of coverage or staffing in the data",
        "nb": "{service}: ingen historikk for dekningsgrad eller bemanning i dataene",
    },
    "staffing.scenario": {
        "en": "{service}: {fte:,.1f} FTE in the base year, as the scenario file gives them",
        "nb": "{service}: {fte:,.1f} årsverk i basisåret, slik scenariofilen oppgir dem",
    },
    "staffing.outside_bounds": {
        "en": "Check {service}: the scenario file gives {fte:,.1f} FTE in the base year, {ratio:.2f} times the "
              "{implied:,.1f} FTE the population implies; the usual range is {low:g}–{high:g} times",
        "nb": "Kontroller {service}: scenariofilen oppgir {fte:,.1f} årsverk i basisåret, {ratio:.2f} ganger de "
              "{implied:,.1f} årsverkene befolkningen tilsier; vanlig spenn er {low:g}–{high:g} ganger",
    },
    "school.local": {
        "en": "Primary school: {pupils:,.0f} pupils and {teacher_fte:,.1f} teacher FTE in {school_year} (Udir, the "
              "municipality's figures); {enrolment:.1%} of those aged {lo}–{hi} are pupils",
        "nb": "grunnskole: {pupils:,.0f} elever og {teacher_fte:,.1f} lærerårsverk i {school_year} (Udir, kommunens "
              "tall); {enrolment:.1%} av dem som er {lo}–{hi} år, går i grunnskolen",
    },
    "school.national": {
        "en": "Primary school: {pupils:,.0f} pupils and {teacher_fte:,.1f} teacher FTE in {school_year} (Udir, "
              "Norway); {enrolment:.1%} of those aged {lo}–{hi} are pupils",
        "nb": "grunnskole: {pupils:,.0f} elever og {teacher_fte:,.1f} lærerårsverk i {school_year} (Udir, Norge); "
              "{enrolment:.1%} av dem som er {lo}–{hi} år, går i grunnskolen",
    },
    "school.no_local_data": {
        "en": "Primary school: no Udir figures for this municipality; the national share of pupils and teacher FTE "
              "per pupil are used",
        "nb": "grunnskole: ingen Udir-tall for kommunen; nasjonal andel elever og lærerårsverk per elev brukes",
    },
    "kindergarten.local": {
        "en": "Kindergarten: {kindergartens} kindergartens, {children:,.0f} children and {fte:,.1f} FTE of basic "
              "staffing in December 2017 (Udir)",
        "nb": "barnehage: {kindergartens} barnehager, {children:,.0f} barn og {fte:,.1f} årsverk i grunnbemanningen "
              "i desember 2017 (Udir)",
    },
    "kindergarten.local_dropin": {
        "en": "Kindergarten: {kindergartens} kindergartens, {children:,.0f} children and {fte:,.1f} FTE of basic "
              "staffing in December 2017 (Udir); {dropin} drop-in kindergartens without child counts "
              "({dropped:,.1f} FTE) left out",
        "nb": "barnehage: {kindergartens} barnehager, {children:,.0f} barn og {fte:,.1f} årsverk i grunnbemanningen "
              "i desember 2017 (Udir); {dropin} åpne barnehager uten barnetall ({dropped:,.1f} årsverk) er utelatt",
    },
    "kindergarten.national": {
        "en": "Kindergarten: no local staffing figures from Udir; national coverage by age (2017) and "
              "{per_child:.4f} FTE of basic staffing per weighted child are used",
        "nb": "barnehage: ingen lokale bemanningstall fra Udir; nasjonal dekningsgrad etter alder (2017) og "
              "{per_child:.4f} årsverk i grunnbemanningen per vektet barn brukes",
    },
    "kindergarten.coverage_moved": {
        "en": "Kindergarten: coverage of ages 1–2 moved from {first:.1%} (2017) to {last:.1%} ({year}) with SSB "
              "13502, then held",
        "nb": "barnehage: dekningsgraden for 1–2-åringer er flyttet fra {first:.1%} (2017) til {last:.1%} ({year}) "
              "med SSB 13502, deretter holdt",
    },
    "kindergarten.coverage_held": {
        "en": "Kindergarten: no SSB 13502 coverage for this municipality in 2017; the 2017 coverage is held",
        "nb": "barnehage: ingen dekningsgrad fra SSB 13502 for kommunen i 2017; dekningsgraden fra 2017 holdes",
    },
    "kindergarten.norm_floor": {
        "en": "Kindergarten: basic staffing in 2017 ({fte:,.1f} FTE) was {below:.1%} below the staffing norm's "
              "minimum for the same children ({floor:,.1f} FTE); FTE per child raised to the norm, law since "
              "August 2018",
        "nb": "barnehage: grunnbemanningen i 2017 ({fte:,.1f} årsverk) var {below:.1%} under bemanningsnormens "
              "minimum for de samme barna ({floor:,.1f} årsverk); årsverk per barn er hevet til normen, som er lov "
              "fra august 2018",
    },
    "care.nurses_only": {
        "en": "{service}: the FTE are nurses' FTE only (the only care occupation in the data), split between home "
              "care and nursing homes by national nurse FTE per user ({home_care:.3f} per home-care user, "
              "{nursing_home:.3f} per resident; {n} municipalities, {year}); a scenario can give the whole "
              "base-year staffing instead",
        "nb": "{service}: årsverkene er bare sykepleieres årsverk (den eneste omsorgsyrkesgruppen i dataene), "
              "fordelt mellom hjemmetjenester og sykehjem etter nasjonale sykepleierårsverk per bruker "
              "({home_care:.3f} per hjemmetjenestebruker, {nursing_home:.3f} per beboer; {n} kommuner, {year}); "
              "scenarioet kan oppgi hele bemanningen i basisåret i stedet",
    },
    "parameter": {
        "en": "{description}: {value}. Source: {reference}",
        "nb": "{description}: {value}. Kilde: {reference}",
    },
    "workforce.turnover_scenario": {
        "en": "{service}: turnover {turnover:.1%} a year, as the scenario file gives it",
        "nb": "{service}: turnover {turnover:.1%} per år, slik scenariofilen oppgir den",
    },
    "workforce.size_scenario": {
        "en": "{service}: position size {size:.3f} FTE per person, as the scenario file gives it",
        "nb": "{service}: stillingsstørrelse {size:.3f} årsverk per person, slik scenariofilen oppgir den",
    },
    "workforce.size_national": {
        "en": "{service}: position size {size:.3f} FTE per person (national figures for its occupations)",
        "nb": "{service}: stillingsstørrelse {size:.3f} årsverk per person (nasjonale tall for yrkesgruppene)",
    },
    "workforce.size_udir": {
        "en": "{service}: position size {size:.3f} FTE per person ({teacher_fte:,.1f} teacher FTE / {teachers:,.0f} "
              "teachers, Udir {school_year})",
        "nb": "{service}: stillingsstørrelse {size:.3f} årsverk per person ({teacher_fte:,.1f} lærerårsverk / "
              "{teachers:,.0f} lærere, Udir {school_year})",
    },
    "workforce.size_udir_many": {
        "en": "Primary school: position size = Udir teacher FTE / teachers of each municipality, latest school year "
              "up to {base} (Norway's where a municipality has none)",
        "nb": "grunnskole: stillingsstørrelse = Udirs lærerårsverk / lærere i hver kommune, siste skoleår til og med "
              "{base} (Norges der kommunen mangler tall)",
    },
    "workforce.turnover": {
        "en": "{service}: turnover {turnover:.1%} a year in {base} (all exits), everyone has left by age {age}; the "
              "base-year workforce is the FTE need divided by the position size (fully staffed)",
        "nb": "{service}: turnover {turnover:.1%} per år i {base} (alle avganger), alle har sluttet ved {age} år; "
              "arbeidsstyrken i basisåret er behovet i årsverk delt på stillingsstørrelsen (fullt bemannet)",
    },
    "workforce.staffing_hint": {
        "en": "{service}: the base-year FTE come from the scenario file, but turnover and position size are the "
              "national figures for the occupations the tool counts",
        "nb": "{service}: årsverkene i basisåret er oppgitt i scenariofilen, men turnover og stillingsstørrelse er "
              "de nasjonale tallene for yrkesgruppene verktøyet teller",
    },
}
READER["workforce.staffing_hint_care"] = READER["workforce.staffing_hint"]

SUMMARY: dict[str, dict[str, str]] = {
    "population.border_change": {
        "en": "a border change in the history, not demography; the projection leaves it out",
        "nb": "en grenseendring i historikken, ikke demografi; framskrivingen ser bort fra den",
    },
    "staffing.scenario": {"en": "{service}: base-year FTE as the scenario file gives them",
                          "nb": "{service}: årsverk i basisåret slik scenariofilen oppgir dem"},
    "school.local": {"en": "Primary school: the municipality's own Udir figures for pupils and teacher FTE",
                     "nb": "grunnskole: kommunens egne Udir-tall for elever og lærerårsverk"},
    "school.national": {"en": "Primary school: national Udir figures for enrolment and teacher FTE per pupil",
                        "nb": "grunnskole: nasjonale Udir-tall for andel elever og lærerårsverk per elev"},
    "kindergarten.local": {"en": "Kindergarten: the municipality's own Udir figures for staffing and children in "
                                 "December 2017",
                           "nb": "barnehage: kommunens egne Udir-tall for bemanning og barn i desember 2017"},
    "kindergarten.local_dropin": {
        "en": "Kindergarten: the municipality's own Udir figures for December 2017; drop-in kindergartens without "
              "child counts left out",
        "nb": "barnehage: kommunens egne Udir-tall for desember 2017; åpne barnehager uten barnetall er utelatt"},
    "kindergarten.national": {
        "en": "Kindergarten: no local staffing figures from Udir; national coverage and FTE per weighted child used",
        "nb": "barnehage: ingen lokale bemanningstall fra Udir; nasjonal dekningsgrad og årsverk per vektet barn "
              "brukes"},
    "kindergarten.coverage_moved": {
        "en": "Kindergarten: coverage of ages 1–2 moved to its latest level with SSB 13502, then held",
        "nb": "barnehage: dekningsgraden for 1–2-åringer er flyttet til siste nivå med SSB 13502, deretter holdt"},
    "kindergarten.norm_floor": {
        "en": "Kindergarten: basic staffing in 2017 was below the staffing norm's minimum; FTE per child raised to "
              "the norm, law since August 2018",
        "nb": "barnehage: grunnbemanningen i 2017 var under bemanningsnormens minimum; årsverk per barn er hevet til "
              "normen, som er lov fra august 2018"},
    "care.band_rest": {"en": "{service}: an age band not published; taken as the total minus the other bands",
                       "nb": "{service}: en aldersgruppe er ikke publisert; satt til totalen minus de andre "
                             "gruppene"},
    "care.band_split": {"en": "{service}: age bands not published; the rest of the total split by population × "
                              "national coverage",
                        "nb": "{service}: aldersgrupper er ikke publisert; resten av totalen fordelt etter "
                              "befolkning × nasjonal dekningsgrad"},
    "care.national": {"en": "{service}: no users published in the care panel; national coverage and nurse FTE per "
                            "user used",
                      "nb": "{service}: ingen brukere publisert i omsorgspanelet; nasjonal dekningsgrad og "
                            "sykepleierårsverk per bruker brukes"},
    "care.old_users": {"en": "{service}: the latest published users are from an earlier year",
                       "nb": "{service}: de siste publiserte brukertallene er fra et tidligere år"},
    "care.users_and_fte": {"en": "{service}: users and nurse FTE from the care panel, latest year",
                           "nb": "{service}: brukere og sykepleierårsverk fra omsorgspanelet, siste år"},
    "trend.no_band_history": {"en": "{service}: no coverage history for some age bands; held constant",
                              "nb": "{service}: ingen historikk for dekningsgraden i noen aldersgrupper; holdes "
                                    "konstant"},
    "trend.no_staff_history": {"en": "{service}: no history of FTE per user; held constant",
                               "nb": "{service}: ingen historikk for årsverk per bruker; holdes konstant"},
    "trend.national_series": {"en": "{service}: no local series; the national trend is used",
                              "nb": "{service}: ingen lokal serie; den nasjonale trenden brukes"},
    "workforce.size_udir": {"en": "{service}: position size from each municipality's Udir teacher FTE and teachers",
                            "nb": "{service}: stillingsstørrelse fra kommunens Udir-tall for lærerårsverk og "
                                  "lærere"},
}
