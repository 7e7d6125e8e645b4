"""Provenance records: where each bundled table comes from, which release, under which licence.

The records below describe the source files in ``data/sources/`` from which the bundled snapshot is
built (see ``data/sources/SOURCES.md``). The build script copies them into the snapshot manifest; a refresh
replaces the record of the refreshed table with one naming the new file, so a snapshot always
carries the provenance of what it holds.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Provenance", "BASE_PROVENANCE"]


class Provenance(BaseModel):
    """Source, release, retrieval date, licence and known gaps of one table."""

    model_config = ConfigDict(frozen=True)

    table: str
    title: str
    sources: tuple[str, ...] = Field(description="source URLs or citations, primary first")
    release: str
    retrieved: str = Field(description="retrieval date(s) as recorded, or 'not recorded'")
    licence: str
    known_gaps: tuple[str, ...] = ()
    derived_columns: tuple[str, ...] = ()
    notes: str = ""

    def as_dict(self) -> dict:
        return self.model_dump()


def _p(**kw) -> Provenance:
    return Provenance(**kw)


BASE_PROVENANCE: dict[str, Provenance] = {
    p.table: p
    for p in [
        _p(
            table="countries",
            title="States, memberships, land borders, capitals and population",
            sources=(
                "hand-coded membership and border flags (data/sources/countries.md)",
                "capital coordinates: techslides 'country-capitals' table via a public GitHub file",
                "https://github.com/datasets/population (World Bank SP.POP.TOTL)",
                "https://data.worldbank.org/indicator/SP.POP.TOTL",
            ),
            release="flags as of 2025; population year 2024",
            retrieved="not recorded",
            licence="World Bank data CC BY 4.0 (mirror ODC-PDDL); hand-coded flags: project",
            known_gaps=(
                "BRICS, CSTO, EU and border flags are hand-coded; verify BRICS statuses",
                "Armenia coded CSTO member although it froze participation in 2024",
                "population only for 2024 (used for every year by the World, labelled population_year)",
            ),
            derived_columns=("nato_accession_date",),
        ),
        _p(
            table="defence_expenditure",
            title="NATO defence expenditure, % of GDP and current USD",
            sources=(
                "https://www.nato.int/cps/en/natohq/topics_49198.htm",
                "NATO 'Defence Expenditure of NATO Countries (2014-2024)', 240617-def-exp-2024-TABLES-en.xlsx, "
                "via https://github.com/jacobvoss/geopolitical-dashboard",
                "press reports of the NATO Apr 2025, Aug 2025 and a later (likely 2026) release "
                "(knews.media, defence-ua.com, particle.news, dailyguardian.eu)",
            ),
            release="NATO 2024-06 (cut-off 12 Jun 2024; 2023-24 estimates) + partial second-hand 2025 releases",
            retrieved="not recorded",
            licence="NATO content, reuse with credit to NATO",
            known_gaps=(
                "Iceland has no armed forces and is not in NATO's tables",
                "full NATO 2025 (Aug 2025) and 2026 editions not obtained",
                "2025 values only from press quotes: 15 allies (Aug 2025, 2021 price base) and 27 allies "
                "rounded to 0.1 (later edition, not verified); usd_current_millions blank for press rows",
            ),
            derived_columns=("release_id", "full_release"),
            notes="Releases disagree on the same year (e.g. POL 2024: 4.12 vs 4.07); all are kept, one row "
            "per release. pct_gdp of the 2024-06 release is the share of real GDP (2015 prices).",
        ),
        _p(
            table="milex",
            title="SIPRI military expenditure",
            sources=(
                "https://www.sipri.org/databases/milex",
                "SIPRI-Milex-data-1949-2024_2.xlsx via https://github.com/jacobvoss/geopolitical-dashboard "
                "(copy in data/sources/raw/sipri_milex_1949_2024.xlsx, read by the build)",
            ),
            release="SIPRI Military Expenditure Database, April 2025 release (data 1949-2024)",
            retrieved="not recorded (workbook copied into the repository 2026-12-03)",
            licence="SIPRI: free for non-commercial use with credit",
            known_gaps=(
                "North Korea: only current USD, to 2018, every figure marked highly uncertain; years a state "
                "did not exist or SIPRI has no figure are absent rows (e.g. Ukraine before 1993)",
                "no 2025 figures (the April 2026 SIPRI release was not obtained)",
                "Iceland reported as 0 (no armed forces)",
                "estimate/uncertain flags are per row: 1 if SIPRI marks any of the row's three figures",
            ),
            derived_columns=("estimate", "uncertain", "release"),
            notes="Every state of the countries table, every year SIPRI gives a figure (1949-2024). Values "
            "rounded as SIPRI displays them (0.1 USD m, 0.001 % of GDP). estimate = SIPRI estimate (blue in "
            "the workbook), uncertain = highly uncertain (red). The World uses 2014 onwards.",
        ),
        _p(
            table="gdp",
            title="GDP, current USD",
            sources=(
                "https://data.worldbank.org/indicator/NY.GDP.MKTP.CD",
                "https://github.com/datasets/gdp (2014-2023)",
                "World Bank API pull stored in https://github.com/marhip97/ukrainastotte data/reference/wdi.json (2024)",
            ),
            release="World Bank WDI; mirror updated 2026-02-24; API pull 2026-05-01",
            retrieved="2026-02-24 (mirror) / 2026-05-01 (API pull)",
            licence="CC BY 4.0 (World Bank) / ODC-PDDL (mirror)",
            known_gaps=(
                "no North Korea",
                "2024 missing for non-donor states (RUS, UKR, BLR, BRA, ZAF, IRN, ...)",
                "no 2025",
            ),
        ),
        _p(
            table="ukraine_support",
            title="Kiel Ukraine Support Tracker: bilateral aid to Ukraine",
            sources=(
                "https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/",
                "Release 28 workbook, sheet 'Country Summary (€)', as extracted by "
                "https://github.com/marhip97/ukrainastotte data/processed/",
            ),
            release="Kiel Ukraine Support Tracker Release 28 (file dated 2026-04-22)",
            retrieved="not recorded",
            licence="cite Trebesch et al., Ukraine Support Tracker, Kiel Institute",
            known_gaps=(
                "bilateral government aid only (no refugee costs, no private aid); EU institutions in row EUI",
                "data cut-off month of Release 28 not recorded",
                "cumulative totals since 24 Jan 2022, not per-year figures",
                "Taiwan (TWN) has no countries row",
            ),
            notes="total_alloc_pct_gdp2021 = total allocations / donor GDP 2021 (Kiel's convention).",
        ),
        _p(
            table="democracy",
            title="V-Dem liberal democracy index (v2x_libdem)",
            sources=(
                "https://v-dem.net/data/the-v-dem-dataset/",
                "https://ourworldindata.org/grapher/liberal-democracy-index",
                "https://github.com/jmanreilly24/Geostrat data/vdem.json (commit 3b7276b)",
            ),
            release="V-Dem v16 (data to 2025), via the OWID grapher copy",
            retrieved="not recorded",
            licence="V-Dem CC BY-SA 4.0 / OWID CC BY; cite Coppedge et al., V-Dem Dataset v16",
            known_gaps=("2014-2015 blank", "rounded to 0.001; values transcribed"),
        ),
        _p(
            table="unga_votes",
            title="UN General Assembly votes on Ukraine: 68/262 (2014), the Crimea series 2016-2019 and "
            "ES-11/1 ... ES-11/8",
            sources=(
                "https://github.com/HarukiKinoshita/ukraine-viz (68/262 and ES-11/1, full lists)",
                "https://news.un.org/en/story/2014/03/464812 (68/262 tally 100-11-58)",
                "Voeten, Strezhnev & Bailey, United Nations General Assembly Voting Data, "
                "https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379 (file of 2021-02-21, "
                "CC0) as packaged in https://github.com/dgrtwo/unvotes data/un_votes.rda (commit 7eb7034): "
                "71/205, 72/190, 73/194, 73/263, 74/17, 74/168 complete, and an independent check of 68/262",
                "Wikipedia articles on ES-11/5, /6, /7; UN press GA/12458; TASS 2022-04-07; The Hill 2023-02-23",
                "https://digitallibrary.un.org/record/4060887 (recommended full source, not reachable)",
            ),
            release="votes 2014-03-27 (68/262), 2016-12-19 ... 2019-12-18 (Crimea series), "
            "2022-03-02 ... 2025-02-24 (ES-11)",
            retrieved="2026-12-03 (Crimea series); earlier rows not recorded",
            licence="Voeten et al. CC0; Wikipedia CC BY-SA; UN terms of use",
            known_gaps=(
                "68/262, ES-11/1 and the six Crimea resolutions 2016-2019 complete (68/262 agrees state by "
                "state between the two sources); ES-11/4 against/abstain complete (blank = Y or absent)",
                "Crimea resolutions from 2020 on (75/29, 75/192, 76/70, 76/179, 77/229, 78/221 and later) not "
                "included: only partial lists were found (votes in favour and against, no abstentions), which "
                "would bias yes shares; see data/sources/unga_votes.md",
                "the dataset records 25 votes against 71/205 where the UN counted 26 (none of our states)",
                "ES-11/3, /6 and /8 partly blank (undetermined votes stay blank)",
                "ES-11/7 EGY conflict flagged in note; ES-11/8 UKR conflict flagged",
            ),
        ),
        _p(
            table="eu_qmv_population",
            title="Council of the EU population figures for qualified-majority voting (Annex III)",
            sources=(
                "Agence Europe 2024-12-12 (2025 shares, EU total 451,028,881)",
                "Council Decision (EU, Euratom) 2022/2518 Annex III via boe.gob.es (2023, 12 members)",
            ),
            release="2025 shares (Coreper 11 Dec 2024); 2023 partial",
            retrieved="not recorded",
            licence="EU law texts reusable",
            known_gaps=(
                "2025 absolute member populations not published here: population_derived = share x total",
                "2024: nothing obtained (stays a gap)",
                "2023: only the first 12 members",
            ),
            derived_columns=("population_derived",),
        ),
        _p(
            table="events",
            title="Dated events from the article",
            sources=("hand-built; URLs (Wikipedia, nato.int, state.gov) in the source_url column",),
            release="hand-built list of 21 events",
            retrieved="not recorded",
            licence="project (facts); linked pages under their own terms",
            known_gaps=("URLs spot-checked only; verify before relying on them",),
        ),
        _p(
            table="escalation_events",
            title="Escalation steps since 2022: red lines declared beforehand, crossed, Russia's response",
            sources=(
                "hand-built in the repository (data/sources/escalation_events.csv); one public page per "
                "step, per red-line quote and per response, URLs in the step_source, red_line_source and "
                "response_source columns (news reports: Reuters/AP via regional outlets, Kyiv Independent, "
                "Ukrainska Pravda, TASS, The Moscow Times, ...)",
            ),
            release="12 rows, 2022-06-23 to 2025-10-17 (the latest date the sources reached)",
            retrieved="2026-12 (pages read through a stored public-page search)",
            licence="project (facts and codings); linked pages under their own terms",
            known_gaps=(
                "one response per step (the strongest found); steps without an answer found are coded none",
                "linking a response to a step and coding a line as 'general' are judgements, stated in notes",
                "incidents: only the September 2025 drones over Poland; other near misses not coded",
            ),
            notes="Read by redline.escalation (fitted ladder, docs/escalation.md).",
        ),
        _p(
            table="memberships",
            title="Membership spells of NATO, EU, BRICS, CSTO with dates",
            sources=(
                "source table countries (flags, NATO accession years)",
                "source table events (NATO accession dates 2017-2024, Indonesia's BRICS accession, "
                "Turkey's BRICS application)",
                "PROJECT-CODED facts, not from a source file: redline/data/build.py DATED_FACTS (UK in the "
                "EC/EU 1973-2020, Croatia's EU accession 2013, BRICS founding members 2009/2010, BRICS 2024 "
                "enlargement, Saudi invitation 2023, Belarus and Kazakhstan partners 2025, Azerbaijan's "
                "2024 application), each with its reference URL (Wikipedia) in the basis column",
            ),
            release="derived at build time",
            retrieved="not recorded",
            licence="project (facts); linked pages under their own terms",
            known_gaps=(
                "accessions before 2014 are known to the year only (start_year); dates inside the coverage "
                "(2014 onward) are exact",
                "EU/CSTO memberships older than the coverage are recorded without a start year",
                "project-coded rows (basis starts 'project-coded fact') rest on one Wikipedia page each; "
                "BRICS dates: founding members and the 2024 enlargement from Wikipedia; partners (BLR, KAZ) and "
                "AZE's application (20 Aug 2024) from news reports",
            ),
            notes="DERIVED table; the World answers membership questions from it. basis 'sources ...' "
            "= taken from the source CSVs; basis 'project-coded fact ...' = entered by hand in build.py.",
        ),
        _p(
            table="israel_arms_restrictions",
            title="Restrictions on arms exports to Israel, 2023-2025",
            sources=(
                "one news report per row (source_url): labourlist.org, thedailystar.net, minanews.net, "
                "middleeastmonitor.com, anews.com.tr, dunyanews.tv, steelorbis.com, politico.eu, "
                "trtworld.com, brecorder.com, dailysabah.com",
            ),
            release="measures dated 2023-10-07 ... 2025-09-23",
            retrieved="2026-12-03",
            licence="project coding of public reports (facts, our wording)",
            known_gaps=(
                "only the allies the article names plus NLD, DEU and TUR were searched: no row = nothing recorded",
                "Spain's 2023 suspension and Slovenia's 2025 embargo are not rows (no stored report found)",
                "US measures (e.g. the paused bomb shipment of May 2024) not coded",
            ),
            notes="PROJECT-CODED from reports; the World reads it as the ordinal israel_arms_restriction.",
        ),
        _p(
            table="kiel_releases",
            title="Kiel Ukraine Support Tracker: Europe's and the US's aid by release (headline figures)",
            sources=(
                "https://www.ifw-kiel.de/publications/news/european-aid-shows-little-dynamism/ (data to Feb 2024)",
                "https://idw-online.de/en/news844261 (Kiel press release, data to Oct 2024)",
                "https://idw-online.de/de/news847499 (Kiel press release, data to Dec 2024)",
                "https://idw-online.de/de/news850744 (Kiel press release, data to Feb 2025)",
                "press reports quoting the releases: censor.net, news-pravda.com, 9colonne.it, essanews.com "
                "(one URL per row)",
            ),
            release="five tracker updates, data to 2024-01-15 ... 2025-02-28",
            retrieved="2026-12-03",
            licence="cite Kiel Institute (figures quoted from its releases)",
            known_gaps=(
                "headline figures only: Europe as a bloc and the US, not every donor, and no aid by month",
                "publication day not found for the updates with data to Oct 2024 and to Feb 2025: they never "
                "count for an as-of date",
                "some rows are second-hand press quotes (source_note says which), rounded to EUR 1 bn",
                "no update between Mar 2025 and Release 28 (Apr 2026) held",
            ),
            notes="Cumulative allocations since 24 Jan 2022; Release 28 per donor is the ukraine_support table.",
        ),
        _p(
            table="eu_sanctions_holdouts",
            title="Holdouts by EU members against Council decisions on Russia sanctions",
            sources=(
                "one news report per row (source_url): babel.ua (Reuters), trtworld.com, news.liga.net, "
                "devdiscourse.com (Reuters)",
            ),
            release="holdouts ended 2022-06-02 ... 2025-07-18",
            retrieved="2026-12-03",
            licence="facts from public reports, our wording",
            known_gaps=(
                "the Council publishes no votes on CFSP sanctions (unanimity): only holdouts reported in the press",
                "searched: the sixth package (2022), the January 2025 renewal, the eighteenth package (2025); "
                "no row does not mean no holdout",
                "start days of the 2022 and Jan 2025 holdouts and the end of Hungary's 2025 one not found",
            ),
            notes="PROJECT-CODED from reports.",
        ),
    ]
}


# ------------------------------------------------------------ the deterrence model's own tables
_REPO = "data/sources/deterrence/ in the repository; every row names its public source"
DETERRENCE_PROVENANCE: dict[str, Provenance] = {
    "military_personnel": Provenance(
        table="military_personnel",
        title="Active military personnel (thousands)",
        sources=(
            "NATO 'Defence Expenditure of NATO Countries (2014-2024)', Table 7 (June 2024)",
            "IISS Military Balance figures as quoted in public pages (row 'source')",
        ),
        release="NATO 2024-06 (2023-24 estimates); public quotes 1999-2022",
        retrieved="2026-12 (project)",
        licence="NATO content, reuse with credit; quoted figures with their sources",
        known_gaps=(
            "non-members: only the years quoted (RUS 1999/2020-22, UKR 2019/2021/2022, MDA 2020, GEO 2008, BLR 2021)",
            "allies before 2014 and most former-Soviet states: no figure (gaps reported by the coding)",
        ),
        notes=_REPO,
    ),
    "forward_presence": Provenance(
        table="forward_presence",
        title="Allied forward presence on the eastern flank",
        sources=("NATO press office figures 28 Jun 2022 via LSM", "IISS Military Balance blog Feb 2017", "Bundeswehr"),
        release="2017, 2022 and 2025 deployments",
        retrieved="2026-12 (project)",
        licence="quoted public figures",
        known_gaps=("Lithuania brigade strength at activation",),
        notes=_REPO,
    ),
    "pew_defend_ally": Provenance(
        table="pew_defend_ally",
        title="Public willingness to defend a NATO ally attacked by Russia (Pew Research Center)",
        sources=("Pew Research Center 2015 (via Politico, UPI)", "Pew Research Center Feb 2020 (via rmx.news)"),
        release="2015 (8 members), 2019 (16-member median only)",
        retrieved="2026-12 (project)",
        licence="quoted public figures",
        known_gaps=("per-country figures for 2017, 2019, 2020 and 2023 not in our sources",),
        notes=_REPO,
    ),
    "challenger_stakes": Provenance(
        table="challenger_stakes",
        title="Dated facts behind the challenger's stakes per target",
        sources=("public encyclopaedic and government pages named per row",),
        release="facts dated 1991-2025",
        retrieved="2026-12 (project)",
        licence="facts with their sources",
        notes="project-coded from public pages; " + _REPO,
    ),
    "challenger_commitments": Provenance(
        table="challenger_commitments",
        title="Russian forces committed to the war in Ukraine",
        sources=("US Mission to the OSCE, 18 Feb 2022", "Putin year-end press conference, 14 Dec 2023"),
        release="2022-2023",
        retrieved="2026-12 (project)",
        licence="quoted public figures",
        notes=_REPO,
    ),
    "declared_positions": Provenance(
        table="declared_positions",
        title="Declared positions of allies on defending non-members",
        sources=("UK, US, Nordic government statements 2021-2022",),
        release="2021-2022",
        retrieved="2026-12 (project)",
        licence="public statements",
        notes=_REPO,
    ),
}
BASE_PROVENANCE.update(DETERRENCE_PROVENANCE)
