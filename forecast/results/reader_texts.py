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
    "parameter": {
        "en": "{description}: {value}. Source: {reference}",
        "nb": "{description}: {value}. Kilde: {reference}",
    },
    "care.suppressed": {
        "en": "Home care and nursing homes: SSB published no {counts} for {year} (a count below 5); taken as {fill:g} "
              "when splitting the care staff between the two",
        "nb": "Hjemmetjenester og sykehjem: SSB har ikke publisert {counts} for {year} (under 5); satt til {fill:g} "
              "når omsorgsbemanningen fordeles mellom dem",
    },
    "care.split": {
        "en": "Home care and nursing homes: the FTE are the whole user-facing care workforce (SSB 12292, all "
              "occupations; managers, kitchen, cleaning and office staff not included), split between the two "
              "services by an estimate: a nursing-home resident needs {ratio:.2f} ± {se:.2f} times the FTE of a "
              "home-care user ({n} municipality-years, {years}); the total is SSB's, the split an estimate",
        "nb": "Hjemmetjenester og sykehjem: årsverkene er alle brukerrettede årsverk i omsorgstjenesten (SSB 12292, "
              "alle yrker; ledere, kjøkken, renhold og kontor ikke med), fordelt mellom de to tjenestene etter et "
              "anslag: en sykehjemsbeboer trenger {ratio:.2f} ± {se:.2f} ganger årsverkene til en "
              "hjemmetjenestebruker ({n} kommuneår, {years}); totalen er SSBs, fordelingen et anslag",
    },
    "care.fte_history": {
        "en": "Home care and nursing homes: the history of FTE per user is SSB 12292's user-facing FTE per weighted "
              "user, {first}–{last} ({years} years, on today's municipal borders)",
        "nb": "Hjemmetjenester og sykehjem: historikken for årsverk per bruker er SSB 12292s brukerrettede årsverk "
              "per vektet bruker, {first}–{last} ({years} år, på dagens kommunegrenser)",
    },
    "care.occupations": {
        "en": "Home care and nursing homes: FTE by occupation from the municipality's {year} mix of user-facing care "
              "occupations (SSB 14533), the same for both services; managers, kitchen, cleaning and office staff are "
              "left out",
        "nb": "Hjemmetjenester og sykehjem: årsverk per yrke etter kommunens fordeling av brukerrettede omsorgsyrker "
              "i {year} (SSB 14533), den samme for begge tjenestene; ledere, kjøkken, renhold og kontor er ikke med",
    },
    "care.occupations_national": {
        "en": "Home care and nursing homes: SSB 14533 has no occupation mix for this municipality in {year}; the "
              "national mix is used",
        "nb": "Hjemmetjenester og sykehjem: SSB 14533 har ingen yrkesfordeling for kommunen i {year}; den nasjonale "
              "fordelingen brukes",
    },
    "workforce.turnover_scenario": {
        "en": "{service}: turnover of {occupation} {turnover:.1%} a year, as the scenario file gives it",
        "nb": "{service}: turnover for {occupation} {turnover:.1%} per år, slik scenariofilen oppgir den",
    },
    "workforce.size_scenario": {
        "en": "{service}: position size of {occupation} {size:.3f} FTE per person, as the scenario file gives it",
        "nb": "{service}: stillingsstørrelse for {occupation} {size:.3f} årsverk per person, slik scenariofilen "
              "oppgir den",
    },
    "workforce.size_goal": {
        "en": "{service}: the position size of {occupation} rises from {start:.3f} to {end:.3f} FTE per person by the "
              "end year, as the scenario file sets out; fewer persons for the same FTE",
        "nb": "{service}: stillingsstørrelsen for {occupation} øker fra {start:.3f} til {end:.3f} årsverk per person "
              "til sluttåret, slik scenariofilen legger opp til; færre personer for de samme årsverkene",
    },
    "workforce.occupation": {
        "en": "{occupation}: turnover {turnover:.1%} a year, position size {size:.3f} FTE per person (national "
              "figures, KS)",
        "nb": "{occupation}: turnover {turnover:.1%} per år, stillingsstørrelse {size:.3f} årsverk per person "
              "(nasjonale tall, KS)",
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
        "en": "Hires are computed per occupation: turnover in {base} as KS measures it (all exits), spread over ages "
              "by KS's age pattern, everyone has left by age {age}; the base-year workforce is the FTE need divided "
              "by the position size (fully staffed); a service's hires are the sum of its occupations'",
        "nb": "Rekrutteringsbehovet beregnes per yrke: turnover i {base} slik KS måler den (alle avganger), fordelt "
              "på alder etter KS' aldersmønster, alle har sluttet ved {age} år; arbeidsstyrken i basisåret er behovet "
              "i årsverk delt på stillingsstørrelsen (fullt bemannet); en tjenestes rekruttering er summen av yrkenes",
    },
    "workforce.staffing_hint": {
        "en": "{service}: the base-year FTE come from the scenario file, but turnover and position size are the "
              "national figures for the occupations the tool counts",
        "nb": "{service}: årsverkene i basisåret er oppgitt i scenariofilen, men turnover og stillingsstørrelse er "
              "de nasjonale tallene for yrkesgruppene verktøyet teller",
    },
}

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
    "care.users_and_fte": {"en": "{service}: users and user-facing care FTE (SSB 12292), latest year",
                           "nb": "{service}: brukere og brukerrettede årsverk i omsorgstjenesten (SSB 12292), siste år"},
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
