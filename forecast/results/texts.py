"""The text of every note, in English (en) and Norwegian (nb). Keys are the notes' `key`; `{name}` fields are
filled from the note's parameters, numbers formatted as the language writes them (forecast.results.notes).

Add a note: one entry here (both languages), and `note("its.key", ...)` where it is made.
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ population (forecast.need.run)
    "population.history": {
        "en": "population history: {history} (replacing the shipped SSB 07459 figures it covers)",
        "nb": "befolkningshistorikk: {history} (erstatter SSB 07459-tallene i data/ for det filen dekker)",
    },
    "population.scaled": {
        "en": "population: built-in cohort-change projection from {last}, scaled to SSB's 2024 county projection, "
              "alternative {variant}",
        "nb": "befolkning: innebygd kohortframskriving fra {last}, skalert til SSBs fylkesframskriving fra 2024, "
              "alternativ {variant}",
    },
    "population.unscaled": {
        "en": "population: built-in cohort-change projection from {last}, unscaled",
        "nb": "befolkning: innebygd kohortframskriving fra {last}, uskalert",
    },
    "population.border_change": {
        "en": "{first}→{second}: {change:+.0%} — a border change in the shipped history, not demography (see "
              "data/SOURCES.md); the projection leaves it out",
        "nb": "{first}→{second}: {change:+.0%} — en grenseendring i historikken, ikke demografi (se data/SOURCES.md); "
              "framskrivingen ser bort fra den",
    },
    # ------------------------------------------------------------------ trends (forecast.trends.factors, need.run)
    "trend.constant_no_history": {
        "en": "{service}: trend constant (no history to give an interval)",
        "nb": "{service}: konstant trend (ingen historikk å beregne et intervall fra)",
    },
    "trend.constant": {
        "en": "{service}: trend constant (SSB's reference-path convention); lower/upper = 80 % interval of the naive "
              "random walk fitted to the history (coverage: {coverage}; FTE per user: {fte_per_user})",
        "nb": "{service}: konstant trend (SSBs konvensjon for referansebanen); nedre/øvre = 80 %-intervall for en "
              "naiv tilfeldig gange tilpasset historikken (dekningsgrad: {coverage}; årsverk per bruker: "
              "{fte_per_user})",
    },
    "trend.constant_drawn": {
        "en": "{service}: trend constant (SSB's reference-path convention); how far it may move is drawn from the "
              "shipped history (coverage: {coverage}; FTE per user: {fte_per_user})",
        "nb": "{service}: konstant trend (SSBs konvensjon for referansebanen); hvor mye den kan flytte seg, trekkes "
              "fra historikken (dekningsgrad: {coverage}; årsverk per bruker: {fte_per_user})",
    },
    "trend.constant_no_history_drawn": {
        "en": "{service}: trend constant; without history, its interval comes from the population draws alone",
        "nb": "{service}: konstant trend; uten historikk kommer intervallet bare fra trekningene av befolkningen",
    },
    "uncertainty.draws": {
        "en": "intervals: {low:g}th–{high:g}th percentile of {draws} Monte Carlo draws (seed {seed}) of the population, "
              "coverage, FTE per user, turnover, position size and the scenario's ranges; sums over services and "
              "municipalities are drawn draw by draw, not added from the parts' intervals",
        "nb": "intervaller: {low:g}.–{high:g}. persentil av {draws} Monte Carlo-trekninger (frø {seed}) av befolkning, "
              "dekningsgrad, årsverk per bruker, turnover, stillingsstørrelse og scenarioets spenn; summer over "
              "tjenester og kommuner trekkes trekning for trekning, ikke lagt sammen fra delenes intervaller",
    },
    "trend.fitted": {
        "en": "{service}: trend {model} (coverage: {coverage}; FTE per user: {fte_per_user}); lower/upper = 80 % "
              "interval",
        "nb": "{service}: trend {model} (dekningsgrad: {coverage}; årsverk per bruker: {fte_per_user}); nedre/øvre = "
              "80 %-intervall",
    },
    "trend.no_history": {
        "en": "{service}: no coverage or staffing history in the shipped data; trend held constant",
        "nb": "{service}: ingen historikk for dekningsgrad eller bemanning i dataene; trenden holdes konstant",
    },
    "trend.national_series": {
        "en": "{service}: no {provider} series for {municipality}; the national trend is used",
        "nb": "{service}: ingen serie fra {provider} for {municipality}; den nasjonale trenden brukes",
    },
    "trend.no_band_history": {
        "en": "{service}: no coverage history for ages {band} in {where}; held constant",
        "nb": "{service}: ingen historikk for dekningsgraden {band} år i {where}; holdes konstant",
    },
    "trend.no_staff_history": {
        "en": "{service}: no FTE-per-user history for {where}; held constant",
        "nb": "{service}: ingen historikk for årsverk per bruker i {where}; holdes konstant",
    },
    # ------------------------------------------------------------------ calibration (forecast.need.calibration)
    "staffing.scenario": {
        "en": "{service}: base-year FTE {fte:,.1f} from the scenario (staffing:)",
        "nb": "{service}: årsverk i basisåret {fte:,.1f} fra scenarioet (staffing:)",
    },
    "staffing.outside_bounds": {
        "en": "WARNING {service}: base-year FTE {fte:,.1f} from the scenario (staffing:) is {ratio:.2f} times the "
              "{implied:,.1f} FTE the population implies (calibrated), outside {low:g}–{high:g} times "
              "(data/parameters/bounds.yaml: staffing_warning_ratio); check that it counts FTE of this service",
        "nb": "ADVARSEL {service}: årsverkene i basisåret, {fte:,.1f} fra scenarioet (staffing:), er {ratio:.2f} "
              "ganger de {implied:,.1f} årsverkene befolkningen tilsier (kalibrert), utenfor {low:g}–{high:g} ganger "
              "(data/parameters/bounds.yaml: staffing_warning_ratio); sjekk at tallet er årsverk i denne tjenesten",
    },
    "school.local": {
        "en": "primary_school: {pupils:,.0f} pupils and {teacher_fte:,.1f} teacher FTE in {school_year} (local); "
              "enrolment {enrolment:.3f} of population aged {lo}–{hi}",
        "nb": "grunnskole: {pupils:,.0f} elever og {teacher_fte:,.1f} lærerårsverk i {school_year} (lokalt); "
              "{enrolment:.3f} av befolkningen {lo}–{hi} år går i grunnskolen",
    },
    "school.national": {
        "en": "primary_school: {pupils:,.0f} pupils and {teacher_fte:,.1f} teacher FTE in {school_year} (Norway); "
              "enrolment {enrolment:.3f} of population aged {lo}–{hi}",
        "nb": "grunnskole: {pupils:,.0f} elever og {teacher_fte:,.1f} lærerårsverk i {school_year} (Norge); "
              "{enrolment:.3f} av befolkningen {lo}–{hi} år går i grunnskolen",
    },
    "school.no_local_data": {
        "en": "primary_school: no Udir figures for this municipality in data/; national enrolment and teacher FTE "
              "per pupil used (Udir, Norway)",
        "nb": "grunnskole: ingen Udir-tall for kommunen i dataene; nasjonal andel elever og lærerårsverk per elev "
              "brukes (Udir, Norge)",
    },
    "kindergarten.local": {
        "en": "kindergarten: {kindergartens} kindergartens, {children:,.0f} children and {fte:,.1f} basic-staffing "
              "FTE (grunnbemanning) in December 2017 (Udir)",
        "nb": "barnehage: {kindergartens} barnehager, {children:,.0f} barn og {fte:,.1f} årsverk i grunnbemanningen "
              "i desember 2017 (Udir)",
    },
    "kindergarten.local_dropin": {
        "en": "kindergarten: {kindergartens} kindergartens, {children:,.0f} children and {fte:,.1f} basic-staffing "
              "FTE (grunnbemanning) in December 2017 (Udir); {dropin} drop-in kindergartens without child counts "
              "({dropped:,.1f} FTE) left out",
        "nb": "barnehage: {kindergartens} barnehager, {children:,.0f} barn og {fte:,.1f} årsverk i grunnbemanningen "
              "i desember 2017 (Udir); {dropin} åpne barnehager uten barnetall ({dropped:,.1f} årsverk) er utelatt",
    },
    "kindergarten.national": {
        "en": "kindergarten: no local Udir staffing in data/; national 2017 coverage by age and {per_child:.4f} "
              "basic-staffing FTE per weighted child (Udir, all kindergartens) used",
        "nb": "barnehage: ingen lokale bemanningstall fra Udir i dataene; nasjonal dekningsgrad etter alder i 2017 og "
              "{per_child:.4f} årsverk i grunnbemanningen per vektet barn (Udir, alle barnehager) brukes",
    },
    "kindergarten.coverage_moved": {
        "en": "kindergarten: coverage of ages 1–2 moved from {first:.1%} (2017) to {last:.1%} ({year}) with SSB "
              "13502, then held",
        "nb": "barnehage: dekningsgraden for 1–2-åringer er flyttet fra {first:.1%} (2017) til {last:.1%} ({year}) "
              "med SSB 13502, deretter holdt",
    },
    "kindergarten.coverage_held": {
        "en": "kindergarten: no SSB 13502 coverage for this municipality in 2017; 2017 coverage held",
        "nb": "barnehage: ingen dekningsgrad fra SSB 13502 for kommunen i 2017; dekningsgraden fra 2017 holdes",
    },
    "kindergarten.norm_floor": {
        "en": "kindergarten: 2017 basic staffing ({fte:,.1f} FTE) was {below:.1%} below the bemanningsnorm minimum "
              "for the same children ({floor:,.1f} FTE); FTE per child raised to the norm, which is law since "
              "August 2018",
        "nb": "barnehage: grunnbemanningen i 2017 ({fte:,.1f} årsverk) var {below:.1%} under bemanningsnormens "
              "minimum for de samme barna ({floor:,.1f} årsverk); årsverk per barn er hevet til normen, som er lov "
              "fra august 2018",
    },
    "care.band_rest": {
        "en": "{service}: age band(s) {bands} not published; taken as total minus the other bands",
        "nb": "{service}: aldersgruppe(r) {bands} ikke publisert; satt til totalen minus de andre gruppene",
    },
    "care.band_split": {
        "en": "{service}: age band(s) {bands} not published; the rest of the total split by population × national "
              "coverage",
        "nb": "{service}: aldersgruppe(r) {bands} ikke publisert; resten av totalen fordelt etter befolkning × "
              "nasjonal dekningsgrad",
    },
    "care.national": {
        "en": "{service}: SSB 12292 has no user-facing care FTE for this municipality up to the base year; its users "
              "× national {per_user:.3f} FTE per user ({n} municipalities, {year}) used",
        "nb": "{service}: SSB 12292 har ingen brukerrettede årsverk for kommunen til og med basisåret; kommunens "
              "brukere × nasjonalt {per_user:.3f} årsverk per bruker ({n} kommuner, {year}) brukes",
    },
    "care.old_users": {
        "en": "{service}: the latest users and FTE published for this municipality are from {year}",
        "nb": "{service}: de siste publiserte bruker- og årsverkstallene for kommunen er fra {year}",
    },
    "care.users_from_12292": {
        "en": "{service}: the care panel has no count for {year} (suppressed); {users:,.0f} {users_noun} from SSB "
              "12292",
        "nb": "{service}: omsorgspanelet har ikke noe tall for {year} (skjult); {users:,.0f} {users_noun} fra SSB "
              "12292",
    },
    "care.suppressed": {
        "en": "home_care, nursing_home: SSB published no {counts} for {year} (a count below 5); taken as {fill:g} in "
              "the split",
        "nb": "hjemmetjenester, sykehjem: SSB har ikke publisert {counts} for {year} (under 5); satt til {fill:g} i "
              "fordelingen",
    },
    "care.split": {
        "en": "home_care, nursing_home: FTE are the whole user-facing care workforce (SSB 12292, all occupations; "
              "managers, kitchen, cleaning and office staff not included), split between the services in proportion "
              "to home-care users + {ratio:.2f} × nursing-home residents: a resident counts as {ratio:.2f} ± {se:.2f} "
              "home-care users ({home_care:.3f} and {nursing_home:.3f} FTE per user; {method} across {n} "
              "municipality-years, {years}, weighted R² {r2:.3f}); the total is SSB's, the split an estimate",
        "nb": "hjemmetjenester, sykehjem: årsverkene er hele den brukerrettede omsorgsstaben (SSB 12292, alle "
              "yrker; ledere, kjøkken, renhold og kontor er ikke med), fordelt mellom tjenestene i forhold til "
              "hjemmetjenestebrukere + {ratio:.2f} × sykehjemsbeboere: en beboer teller som {ratio:.2f} ± {se:.2f} "
              "hjemmetjenestebrukere ({home_care:.3f} og {nursing_home:.3f} årsverk per bruker; {method} over {n} "
              "kommune-år, {years}, vektet R² {r2:.3f}); totalen er SSBs, fordelingen et anslag",
    },
    "care.users_and_fte": {
        "en": "{service}: {users:,.0f} {users_noun} and {fte:,.1f} FTE in {year} ({share:.1%} of the municipality's "
              "{total:,.0f} user-facing care FTE, SSB 12292)",
        "nb": "{service}: {users:,.0f} {users_noun} og {fte:,.1f} årsverk i {year} ({share:.1%} av kommunens "
              "{total:,.0f} brukerrettede årsverk i omsorgstjenesten, SSB 12292)",
    },
    "care.fte_history": {
        "en": "home_care, nursing_home: FTE per user history = SSB 12292 user-facing FTE per weighted user, "
              "{first}–{last} ({years} years, on 2024 borders)",
        "nb": "hjemmetjenester, sykehjem: historikk for årsverk per bruker = brukerrettede årsverk (SSB 12292) per "
              "vektet bruker, {first}–{last} ({years} år, 2024-grenser)",
    },
    "care.occupations": {
        "en": "home_care, nursing_home: FTE by occupation from the municipality's {year} mix of user-facing care "
              "occupations (SSB 14533), the same for both services; managers, kitchen, cleaning and office staff are "
              "left out, as in SSB 12292",
        "nb": "hjemmetjenester, sykehjem: årsverk per yrke etter kommunens fordeling på brukerrettede yrker i {year} "
              "(SSB 14533), lik for begge tjenester; ledere, kjøkken, renhold og kontor er utelatt, som i SSB 12292",
    },
    "care.occupations_national": {
        "en": "home_care, nursing_home: SSB 14533 has no occupation mix for this municipality in {year}; the national "
              "mix is used",
        "nb": "hjemmetjenester, sykehjem: SSB 14533 har ingen fordeling på yrker for kommunen i {year}; den nasjonale "
              "brukes",
    },
    "occupations.norms": {
        "en": "kindergarten: FTE by occupation at the norms: pedagogical leaders {share:.1%} (pedagognorm over "
              "bemanningsnorm), assistants and skilled child workers the rest",
        "nb": "barnehage: årsverk per yrke etter normene: pedagogiske ledere {share:.1%} (pedagognorm over "
              "bemanningsnorm), assistenter og fagarbeidere resten",
    },
    "occupations.scenario": {
        "en": "{service}: occupation shares of FTE change linearly from the base year to {end} as the scenario says "
              "(occupations:): {changes}; {balance} take up the difference",
        "nb": "{service}: yrkenes andeler av årsverkene endres lineært fra basisåret til {end} slik scenarioet sier "
              "(occupations:): {changes}; {balance} tar opp differansen",
    },
    # ------------------------------------------------------------------ parameters (data/parameters/*.yaml)
    "parameter": {
        "en": "{description}: {value} {unit} — {reference} [{file}: {name}]",
        "nb": "{description}: {value} {unit} — {reference} [{file}: {name}]",
    },
    # ------------------------------------------------------------------ comparison (forecast.need.compare)
    "compare.method": {
        "en": "difference = scenario − {reference}, decomposed by switching {reference}'s settings to the scenario's "
              "one factor at a time in the order {order} (population variant; services and staffing; automation "
              "measures); interactions count in the later factor",
        "nb": "forskjell = scenario − {reference}, dekomponert ved å bytte {reference}s innstillinger til scenarioets "
              "én faktor om gangen i rekkefølgen {order} (befolkningsalternativ; tjenester og bemanning; "
              "automatiseringstiltak); samspill telles i den siste faktoren",
    },
    "compare.other": {
        "en": "{scenario}: part of the difference comes from settings other than population, standards and "
              "automation (e.g. base year or municipality); shown as 'other'",
        "nb": "{scenario}: en del av forskjellen kommer fra andre innstillinger enn befolkning, standard og "
              "automatisering (f.eks. basisår eller kommune); vist som «annet»",
    },
    # ------------------------------------------------------------------ workforce (forecast.workforce)
    "workforce.turnover_scenario": {
        "en": "{service}: turnover {turnover:.1%}/yr for {occupation} from the scenario (workforce:)",
        "nb": "{service}: turnover {turnover:.1%}/år for {occupation} fra scenarioet (workforce:)",
    },
    "workforce.size_scenario": {
        "en": "{service}: position size {size:.3f} FTE per person for {occupation} from the scenario (workforce:)",
        "nb": "{service}: stillingsstørrelse {size:.3f} årsverk per person for {occupation} fra scenarioet "
              "(workforce:)",
    },
    "workforce.size_goal": {
        "en": "{service}: the position size of {occupation} rises linearly from {start:.3f} to {end:.3f} FTE per "
              "person by the end year (scenario, workforce:); fewer persons for the same FTE",
        "nb": "{service}: stillingsstørrelsen for {occupation} øker lineært fra {start:.3f} til {end:.3f} årsverk per "
              "person til sluttåret (scenario, workforce:); færre personer for de samme årsverkene",
    },
    "workforce.occupation": {
        "en": "{occupation}: turnover {turnover:.1%}/yr, position size {size:.3f} FTE per person (national, "
              "data/parameters/occupations.yaml)",
        "nb": "{occupation}: turnover {turnover:.1%}/år, stillingsstørrelse {size:.3f} årsverk per person (nasjonal, "
              "data/parameters/occupations.yaml)",
    },
    "workforce.size_udir": {
        "en": "{service}: position size {size:.3f} FTE per person ({teacher_fte:,.1f} teacher FTE / {teachers:,.0f} "
              "teachers, Udir {school_year} ({where}); persons: {groups})",
        "nb": "{service}: stillingsstørrelse {size:.3f} årsverk per person ({teacher_fte:,.1f} lærerårsverk / "
              "{teachers:,.0f} lærere, Udir {school_year} ({where}); personer: {groups})",
    },
    "workforce.size_udir_many": {
        "en": "primary_school: position size = Udir teacher FTE / teachers of each municipality, latest school year "
              "up to {base} (Norway's where a municipality has none)",
        "nb": "grunnskole: stillingsstørrelse = Udirs lærerårsverk / lærere i hver kommune, siste skoleår til og med "
              "{base} (Norges der kommunen mangler tall)",
    },
    "workforce.turnover": {
        "en": "hires are computed per occupation: turnover in {base} as KS measures it (all exits), spread over ages "
              "by KS's age pattern, everyone left by age {age}; the base-year workforce is the FTE need / position "
              "size (fully staffed); a service's hires are the sum of its occupations'",
        "nb": "rekrutteringsbehovet beregnes per yrke: turnover i {base} slik KS måler den (alle avganger), fordelt "
              "på alder etter KS' aldersmønster, alle har sluttet ved {age} år; arbeidsstyrken i basisåret er "
              "behovet i årsverk / stillingsstørrelse (fullt bemannet); en tjenestes rekruttering er summen av "
              "yrkenes",
    },
    "workforce.staffing_hint": {
        "en": "{service}: `staffing:` sets the base-year FTE; they are split by the service's occupation mix "
              "({groups}) with each occupation's turnover and position size; if your figure covers other staff, set "
              "workforce: {service}: turnover and position_size",
        "nb": "{service}: `staffing:` setter årsverkene i basisåret; de fordeles etter tjenestens yrkesfordeling "
              "({groups}) med hvert yrkes turnover og stillingsstørrelse; dekker tallet andre ansatte, sett "
              "workforce: {service}: turnover og position_size",
    },
}
