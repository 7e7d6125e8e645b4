"""Held-out decisions 2023-2025 (issue 16, session 5): evaluation cases only, never fitted on.

The same compact tables as ``backtest_corpus.py`` (read by ``make_heldout_cases.py``), for decisions
taken after the corpus ends (2022-12-31). ``redline backtest --cv loo`` scores them in its "held_out"
split with parameters fitted on the 2008-2022 corpus alone; nothing here may be used to choose or tune a
parameter, a rule or a default. Every case was coded before the model was run on it.

Every position and salience is coded from a source dated before the decision (``coding_date`` is the
latest day a source may carry); a coding that rests on judgement says "Judgement:". Members of the body
without an individual statement share the ``default`` coding, which cites the report describing the
majority. ``reservation_possible`` follows the instrument rules of ``backtest_reservations.py`` (the same
rule text). NATO cases whose shipped scenario issue is the same decision (the 2024 invitation, the 2025
spending target) read their positions from the scenario's statement files, so the two codings cannot
drift apart: the dated, sourced rows of ``scenarios/statements/nato-202{4,5}.csv``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from backtest_corpus import A, X
from backtest_reservations import (
    _BUDGET_WHY,
    _CFSP_WHY,
    _ENLARGEMENT_WHY,
    _NATO_COLLECTIVE_WHY,
    CFSP,
    EU_UNANIMOUS,
    NATO_ART10,
    NATO_CONSENSUS,
    TEU_49,
)

_ROOT = Path(__file__).resolve().parents[1]


def statements(file: str, issue: str) -> dict[str, dict]:
    """Member codings from a shipped scenario's statement file (one dated, sourced row per actor)."""
    text = (_ROOT / "scenarios" / "statements" / file).read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {
        r["actor"]: A(
            int(r["position"]),
            float(r["salience"]),
            f"{r['summary']} ({r['speaker']}, {r['date']}; scenarios/statements/{file})",
            r["url"],
        )
        for r in rows
        if r["issue"] == issue
    }


HELDOUT: list[dict] = []

# ============================================================================ EU enlargement, budget
ACC_LETTER = "https://euobserver.com/ukraine/157783"
ACC_EVE = "https://www.adressa.no/nyheter/utenriks/i/kEnA4v/eu-ledere-oeker-presset-mot-orban"
HELDOUT.append(dict(
    id="eu_ukraine_moldova_accession_talks_dec2023",
    title="Opening EU accession negotiations with Ukraine and Moldova (European Council, 14 December 2023)",
    decision_date="2023-12-14", coding_date="2023-12-13",
    body="European Council (enlargement step under TEU Art. 49, unanimity)",
    rule="eu-unanimity",
    question="Will the 14-15 December 2023 European Council decide to open accession negotiations with Ukraine and Moldova, as the Commission recommended in November?",
    scale={"scale_0": "No decision; talks not opened (status quo)", "scale_100": "Decision to open accession negotiations"},
    actors={
        "HUN": A(5, 0.8, "Orbán wrote to Council President Michel on 4 December that the summit would be a 'failure' if it sought consensus on opening talks with Ukraine; on 13 December he told parliament the idea was 'absurd' at present.", ACC_LETTER, isolation_cost=0.5, iso_why="Judgement: the only one of 27 leaders against; the Commission had begun releasing part of Hungary's frozen funds."),
        "DNK": A(95, 0.7, "Frederiksen called Orbán before the summit: 'Ukraine belongs in the European family'.", ACC_EVE),
        "FRA": A(95, 0.7, "Judgement: Macron (with Michel) put heavy pressure on Orbán before the summit.", ACC_EVE),
    },
    default=A(90, 0.6, "Judgement: for weeks Orbán had been the only one of the 27 leaders saying no to opening talks; the others backed the Commission's recommendation.", ACC_EVE),
    actors_extra={
        "UKR": X("Ukraine (candidate; no vote)", 100, 1.0, 0.1, "Candidate; no vote", "Kuleba said a pause on Ukraine's EU future would be catastrophic.", ACC_EVE),
        "EU_COMMISSION": X("European Commission", 100, 0.8, 0.3, "Recommended opening talks in November 2023; no vote", "The Commission recommended opening talks with Ukraine in November.", ACC_LETTER),
    },
    context={
        "opt_out_possible": (False, "Judgement: one decision on each candidate; nothing a member could exempt itself from.", ACC_LETTER),
        "reservation_possible": (False, _ENLARGEMENT_WHY, TEU_49),
        "route_around": (False, "Opening accession talks needs every member's agreement.", ACC_EVE),
        "side_payment_available": (True, "Judgement: Brussels expected Orbán to agree to Ukraine aid if frozen EU funds for Hungary were released (Granada, October 2023).", "https://www.heute.at/s/-100295231"),
        "deadline_pressure": (True, "The last summit of the year, 14-15 December, with the Commission's recommendation on the table.", ACC_LETTER),
    },
    outcome=dict(adopted=True, value=100, type="adopted_with_opt_outs",
        opt_outs=["HUN"],  # Orbán left the room while the other 26 decided
        summary="On 14 December 2023 the European Council decided to open accession negotiations with Ukraine and Moldova; Orbán, who had threatened a veto, left the room so that the other 26 could decide, and said Hungary could still stop the process at later stages.",
        sources=["https://pledgetimes.com/hungary-blocks-european-aid-to-ukraine-worth-50-billion-euros/", "https://www.rp.pl/dyplomacja/art39575941-viktor-orban-tlumaczy-dlaczego-zablokowal-decyzje-ws-pomocy-finansowej-dla-ukrainy"]),
    notes=dict(difficulty="A lone veto holder with high salience who neither blocked nor conceded: he stepped out of a decision that formally needed him (no TEU 31(1) abstention exists for an enlargement step).",
               judgement="France's coding and the shared coding are judgements from the pre-summit reports."),
))

FAC_DEC = "https://ironbladeonline.com/viktor-orban-pledges-to-stand-firm-against-eu-funding-of-ukraine/"
FAC_JAN = "https://www.quotidiano.net/ultimaora/orban-aiuti-annuali-a-kiev-al-di-fuori-del-bilancio-ae490bc7"
HELDOUT.append(dict(
    id="eu_ukraine_facility_feb2024",
    title="EUR 50bn Ukraine Facility via the MFF revision at the extraordinary summit (1 February 2024)",
    decision_date="2024-02-01", coding_date="2024-01-31",
    body="European Council / Council of the EU (MFF revision requires unanimity)",
    rule="eu-unanimity",
    question="Will the 1 February 2024 extraordinary European Council agree, by all 27, the MFF revision with the EUR 50bn Ukraine Facility for 2024-2027 that Hungary vetoed in December?",
    scale={"scale_0": "No agreement among 27 (status quo)", "scale_50": "Funding outside the EU budget, among 26 or for one year", "scale_100": "MFF revision with the EUR 50bn facility for 2024-27 agreed by all 27"},
    actors={
        "HUN": A(25, 0.8, "Orbán set four conditions in December (a modest sum, outside the EU budget, one year instead of four, Hungary exempt from joint borrowing) and in January repeated that aid should be outside the budget and annual.", FAC_JAN, isolation_cost=0.6, iso_why="Judgement: alone against 26 for the second time, with EU-26 workarounds and pressure on Hungary's EU funds being prepared."),
        "ITA": A(95, 0.6, "Judgement: Meloni, the leader closest to Orbán, met him on the eve of the summit to bring him on board (report published on the morning of 1 February).", "https://news.yahoo.com/meloni-macron-talk-orban-eu-065730387.html", late=True),
        "FRA": A(95, 0.7, "Judgement: Macron met Orbán with Meloni on 31 January to prepare the summit (report published on the morning of 1 February).", "https://news.yahoo.com/meloni-macron-talk-orban-eu-065730387.html", late=True),
    },
    default=A(95, 0.7, "Judgement: all other 26 members backed the MFF revision with the Ukraine Facility at the December 2023 summit.", "https://pledgetimes.com/orban-announced-a-veto-of-50-billion-euros-in-budget-aid-to-ukraine/"),
    actors_extra={
        "UKR": X("Ukraine (beneficiary; no vote)", 100, 1.0, 0.1, "Beneficiary; no vote", "Judgement: Kyiv needed external budget support for 2024; the EU was preparing ways for 26 states to support Ukraine if Hungary would not.", FAC_DEC),
    },
    context={
        "opt_out_possible": (True, "Orbán's own conditions included a design that exempts Hungary from any new joint EU borrowing.", FAC_DEC),
        "reservation_possible": (False, _BUDGET_WHY, EU_UNANIMOUS),
        "route_around": (True, "The EU was developing ways for its 26 other members to support Ukraine bilaterally or outside the budget if Hungary did not take part.", FAC_DEC),
        "side_payment_available": (True, "Judgement: Orbán asked for an annual decision on the money; an annual review could be offered without an annual veto.", FAC_JAN),
        "deadline_pressure": (True, "An extraordinary summit had been called for 1 February; Ukraine needed money for 2024.", FAC_DEC),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="An annual debate of the European Council on the facility's implementation (no annual vote) and a review after two years.",
        summary="On 1 February 2024 all 27 leaders agreed the EUR 50bn Ukraine Facility for 2024-2027 within the revised MFF; Hungary lifted its veto after the pre-summit talks with Meloni, Macron and others.",
        sources=["https://newsukraine.rbc.ua/news/orb-n-handed-ultimatum-at-eu-summit-on-50-1706912661.html"]),
    notes=dict(difficulty="The same lone holdout that blocked the facility six weeks earlier (eu_ukraine_facility_dec2023) conceded for a procedural gesture once a 26-member route around him was credible.",
               judgement="France's, Italy's and the shared codings are judgements from the reports of the December vote and the pre-summit meetings."),
))

# ============================================================================ EU sanctions (CFSP)
S11 = "https://greekcitytimes.com/2023/06/09/two-eu-members-continue-to-block-the-new-package-of-russian-sanctions/"
HELDOUT.append(dict(
    id="eu_eleventh_sanctions_package_jun2023",
    title="The EU's eleventh sanctions package on Russia (anti-circumvention tool), June 2023",
    decision_date="2023-06-21", coding_date="2023-06-09",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will EU ambassadors agree the eleventh sanctions package (proposed in early May 2023) before the end of June?",
    scale={"scale_0": "No agreement by the end of June", "scale_100": "Package agreed"},
    actors={
        "HUN": A(10, 0.7, "Szijjártó said Hungary would not support the eleventh package or the EUR 500m EPF tranche unless Ukraine removed OTP Bank from its list of 'international sponsors of war'.", "https://kyivindependent.com/hungary-to-block-sanctions-against-russia-military-support-aid-for-ukraine-unless-kyiv-removes-otp-bank-from-list-of-international-war-sponsors/", isolation_cost=0.4, iso_why="Judgement: Greece held out with it; Hungary's opposition to sanctions was long known."),
        "GRC": A(30, 0.6, "Athens (with Budapest) wanted its companies (five shipping firms) removed from Ukraine's war-sponsors list before approving the package.", S11, isolation_cost=0.6, iso_why="Judgement: Greece otherwise supported sanctions and was exposed alongside Hungary."),
        "DEU": A(75, 0.5, "Germany and France were concerned that the anti-circumvention tool could damage relations with third countries.", S11),
        "FRA": A(75, 0.5, "Germany and France were concerned that the anti-circumvention tool could damage relations with third countries.", S11),
    },
    default=A(90, 0.5, "Judgement: EU countries had no systemic objections to the package; Greece and Hungary were the holdouts at Coreper on 7 June.", "https://www.azernews.az/region/210867.html"),
    actors_extra={
        "UKR": X("Ukraine (non-member; keeps the war-sponsors list)", 100, 0.8, 0.1, "Non-member; controls the list the holdouts objected to", "Judgement: Kyiv wanted the package; Borrell's service was asked to resolve the dispute over Ukraine's list.", "https://see.news/politico-greece-joins-hungary-in-pushing-back-eu-sanctions-package-against-russia"),
    },
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "route_around": (False, "Sanctions need all 27; the package was stuck at Coreper.", "https://www.azernews.az/region/210867.html"),
        "side_payment_available": (True, "Athens and Budapest asked Kyiv to remove their companies from its list; the Commission's foreign-affairs service was asked to find a solution.", "https://see.news/politico-greece-joins-hungary-in-pushing-back-eu-sanctions-package-against-russia"),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Ukraine removed five Greek shipping firms from its war-sponsors list; Hungary agreed while OTP Bank stayed listed, saying it would revisit the issue.",
        summary="On 21 June 2023 EU governments agreed the eleventh package (formally adopted on 23 June), with the anti-circumvention tool.",
        sources=["https://thegaze.media/news/eu-approves-11th-sanctions-package-against-russia-despite-greek-and-hungarian-resistance"]),
    notes=dict(difficulty="Two holdouts with a concrete, payable demand from a third party (Kyiv's list); one was paid, the other gave way unpaid.",
               judgement="DEU/FRA and the shared coding are judgements from the reported camps."),
))

S12 = "https://www.pravda.com.ua/eng/news/2023/12/12/7432794/"
S12_KI = "https://kyivindependent.com/media-austria-posing-obstacle-to-eus-12th-sanctions-package-against-russia"
HELDOUT.append(dict(
    id="eu_twelfth_sanctions_package_dec2023",
    title="The EU's twelfth sanctions package on Russia (diamonds), December 2023",
    decision_date="2023-12-18", coding_date="2023-12-13",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU adopt the twelfth sanctions package (proposed in mid-November 2023) before the end of the year?",
    scale={"scale_0": "No agreement this year", "scale_100": "Package adopted"},
    actors={
        "AUT": A(25, 0.6, "Austria held up the package at ambassador level because Ukraine listed Raiffeisen Bank International as an 'international sponsor of war'; it asked for a final legal examination.", S12, isolation_cost=0.5, iso_why="Judgement: a lone holdout over one bank's listing by a third country."),
    },
    default=A(90, 0.5, "Judgement: ambassadors aimed to have the package ready for the 14-15 December summit; it targets dual-use exports and Russian diamonds.", S12_KI),
    actors_extra={
        "UKR": X("Ukraine (non-member; keeps the war-sponsors list)", 100, 0.8, 0.1, "Non-member; controls the list Austria objected to", "Ukraine had removed OTP Bank from the list in October to unblock Hungary's EPF veto.", S12),
    },
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "route_around": (False, "Sanctions packages need a unanimous vote.", S12_KI),
        "side_payment_available": (True, "Judgement: Ukraine had already delisted OTP Bank for Hungary in October; the same could be done for Raiffeisen.", S12),
        "deadline_pressure": (True, "The package was meant to be ready for the 14-15 December summit.", S12_KI),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Ukraine removed Raiffeisen Bank International from its war-sponsors list.",
        summary="Austria lifted its reservation on 16 December 2023 after Ukraine delisted Raiffeisen; the package was adopted on 18 December.",
        sources=["https://rferl.org/amp/austria-raiffeisen-bank-russia-ukraine-blacklist/32733584.html", "https://ukrainetoday.org/austria-backs-sanctions-against-russia-after-ukraine-removes-raiffeisen-bank-from-list-of-war-sponsors/"]),
    notes=dict(difficulty="A lone holdout paid by a third party (Kyiv), not by the other members.",
               judgement="The shared coding is a judgement from the reports."),
))

S14 = "https://marinelink.com/blogs/blog/germany-blocks-the-passage-of-new-eu-sanctions-package-on-russia-101110"
S14_UNN = "https://unn.ua/en/amp/eu-again-failed-to-agree-on-a-new-package-of-sanctions-against-russia-due-to-germanys-position"
HELDOUT.append(dict(
    id="eu_fourteenth_sanctions_package_jun2024",
    title="The EU's fourteenth sanctions package on Russia (LNG transshipment, no-Russia clause), June 2024",
    decision_date="2024-06-20", coding_date="2024-06-19",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will EU ambassadors agree the fourteenth sanctions package before the 27 June 2024 summit?",
    scale={"scale_0": "No agreement before the summit", "scale_100": "Package agreed"},
    actors={
        "DEU": A(40, 0.6, "Germany had raised last-minute concerns about the no-Russia clause for subsidiaries and partners in third countries, and kept blocking on 19 June even after the clause (Art. 12g) was dropped from the compromise; the Foreign Office and the Chancellery disagreed.", S14, isolation_cost=0.6, iso_why="Judgement: the largest member standing alone against a package it had supported in principle."),
    },
    default=A(90, 0.5, "Judgement: the 27 had negotiated the package for over a month and wanted it agreed before the 27 June summit.", S14_UNN),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "route_around": (False, "Sanctions need all 27 members.", S14_UNN),
        "side_payment_available": (True, "The clause Berlin found problematic (Art. 12g) had already been taken out of the compromise text.", S14),
        "deadline_pressure": (True, "The package was to be agreed before the 27 June summit.", S14_UNN),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="The extension of the no-Russia clause to third-country subsidiaries (Art. 12g) was removed from the text.",
        summary="On 20 June 2024 EU ambassadors agreed the fourteenth package (LNG transshipment ban, anti-circumvention measures).",
        sources=["https://global.espreso.tv/sanctions-russia-eu-ambassadors-agree-on-14th-package-of-sanctions-against-russia-which-germany-hampered"]),
    notes=dict(difficulty="A large member as the lone holdout against a loophole-closing clause, settled by dropping the clause.",
               judgement="The shared coding is a judgement from the reports."),
))

R25_UNN = "https://unn.ua/en/news/eu-risks-expiration-of-deadline-to-extend-sanctions-against-russia-as-orban-slows-down-process-bloomberg"
R25_POL = "https://www.politico.eu/article/hungary-viktor-orban-threat-sanction-russia-ukraine-putin-gas/"
HELDOUT.append(dict(
    id="eu_russia_sanctions_rollover_jan2025",
    title="Six-monthly renewal of the EU's economic sanctions on Russia (January 2025)",
    decision_date="2025-01-27", coding_date="2025-01-24",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU renew its economic sanctions on Russia (including the immobilised central-bank assets) before they lapse on 31 January 2025?",
    scale={"scale_0": "Sanctions lapse", "scale_100": "Renewed for six months"},
    actors={
        "HUN": A(20, 0.7, "Orbán said he had 'put on the handbrake' on the renewal and demanded that Ukraine reopen its pipelines to Russian gas; in December he had asked to wait for Trump's inauguration.", R25_POL, isolation_cost=0.6, iso_why="Judgement: alone, and Trump (whose view Hungary had said it would wait for) gave no sign of easing sanctions."),
    },
    default=A(95, 0.7, "Judgement: the other members wanted the routine renewal; diplomats said there was no plan B if Hungary kept blocking, and Kallas was optimistic.", R25_UNN),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "route_around": (False, "Several diplomats said there was no plan B for extending the sanctions without Hungary.", R25_UNN),
        "side_payment_available": (True, "Judgement: Orbán's demand concerned gas transit through Ukraine; the Commission could offer to take up energy security with Kyiv, though not reopen the pipeline itself.", R25_POL),
        "deadline_pressure": (True, "The sanctions expire on 31 January; ministers were due to meet on 27 January.", R25_UNN),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="A Commission statement on energy security: Hungary and Slovakia involved in talks with Ukraine on gas transit, and assurances sought on oil pipeline transit.",
        summary="On 27 January 2025 EU foreign ministers renewed the sanctions for six months after Hungary withdrew its reservation.",
        sources=["https://unn.ua/en/news/hungary-did-not-prevent-eu-sanctions-against-russia-extended-for-six-months-media", "https://trtworld.com/europe/eu-extends-ukraine-related-russia-sanctions-after-hungarys-approval-18258450"]),
    notes=dict(difficulty="A lone holdout with a hard deadline and no route around it, bought off with a declaration.",
               judgement="The shared coding is a judgement from the reports."),
))

S18_0710 = "https://www.pravda.com.ua/eng/news/2025/07/10/7521158/"
S18_0715 = "https://www.pravda.com.ua/eng/news/2025/07/15/7521866/"
S18_LIGA = "https://news.liga.net/en/politics/news/the-18th-package-of-sanctions-may-be-adopted-in-the-coming-days-fico-was-persuaded-with-compromises"
HELDOUT.append(dict(
    id="eu_eighteenth_sanctions_package_jul2025",
    title="The EU's eighteenth sanctions package on Russia and Slovakia's gas demands (July 2025)",
    decision_date="2025-07-18", coding_date="2025-07-15",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU adopt the eighteenth sanctions package in July 2025 despite Slovakia's veto over the planned phase-out of Russian gas?",
    scale={"scale_0": "No agreement in July", "scale_100": "Package adopted"},
    actors={
        "SVK": A(20, 0.8, "Fico instructed Slovakia's ambassador not to support the package without guarantees on gas prices, supply and compensation for the 2028 phase-out; on 15 July he asked to postpone the vote and demanded an exemption until 2034.", S18_0715, isolation_cost=0.6, iso_why="Judgement: by July the only member still blocking (Merz said so on 10 July)."),
        "MLT": A(60, 0.5, "Malta reportedly objected to lowering the oil price cap.", S18_0715),
        "DEU": A(95, 0.7, "Merz publicly urged Fico to unblock the package.", S18_LIGA),
    },
    default=A(90, 0.5, "Judgement: Kallas said members were 'very close' to agreement and hoped for a decision on 15 July.", S18_0715),
    context={
        "opt_out_possible": (False, "The Commission categorically refused Slovakia an exemption to keep its Gazprom contract to 2034.", S18_0715),
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "route_around": (False, "The package needs unanimity (the gas phase-out itself is by qualified majority, which is why Fico linked the two).", "https://unn.ua/en/news/fico-hinted-that-slovakia-will-unblock-the-18th-eu-sanctions-package-this-week"),
        "side_payment_available": (True, "The Commission had sent Slovakia a written draft of guarantees on gas supply in case it backed the package.", "https://unn.ua/en/news/fico-hinted-that-slovakia-will-unblock-the-18th-eu-sanctions-package-this-week"),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Commission guarantees to Slovakia on gas supply and prices if Russian deliveries stop; no exemption from the phase-out.",
        summary="On 17 July 2025 Fico said further blocking would be counter-productive and instructed his envoy to let the package through; it was adopted on 18 July.",
        sources=["https://tass.com/world/1990901", "https://www.devdiscourse.com/article/headlines/3508874-slovakia-lifts-block-on-eus-18th-sanctions-package-against-russia"]),
    notes=dict(difficulty="A lone holdout linking a unanimity file to a majority file it could not stop; paid in guarantees, refused an exemption.",
               judgement="Germany's and the shared coding are judgements from the reports."),
))

# ============================================================================ EU: funding Ukraine, December 2025
RL_DEC18 = "https://unn.ua/en/news/belgian-pm-on-russian-assets-before-eu-summit-if-risks-are-shared-well-jump-off-this-cliff-and-hope-the-parachute-holds"
RL_OCT = "https://report.az/en/other-countries/belgium-sets-out-key-demands-for-use-of-russian-assets-to-fund-ukraine"
RL_DEC17 = "https://ukrainetoday.org/the-fate-of-ukraine-and-the-future-of-belgium-are-in-the-hands-of-one-man"
HUN_LOAN = "https://tass.com/world/2060725"
_RL_BLOC = "De Wever told Belgian MPs that a clear bloc backed the reparations loan: Germany, Poland, the Baltic and the Nordic countries."
HELDOUT.append(dict(
    id="eu_reparations_loan_dec2025",
    title="The 'reparations loan' to Ukraine from immobilised Russian central-bank assets (European Council, December 2025)",
    decision_date="2025-12-19", coding_date="2025-12-18",
    body="European Council (political agreement by consensus; Belgium hosts Euroclear, which holds most of the assets)",
    rule="eu-unanimity",
    question="Will the 18-19 December 2025 European Council agree to fund Ukraine in 2026-27 through a reparations loan based on the immobilised Russian assets?",
    scale={"scale_0": "No agreement on the reparations loan", "scale_100": "Reparations loan agreed"},
    actors={
        "BEL": A(25, 0.95, "De Wever had opposed the plan for weeks (legal and financial risk to Euroclear, doubtful under international law) and set three conditions in October: full mutualisation of the risk, guarantees, and other asset-holding states moving in step; on 18 December he said Belgium would go along only if the risks were shared.", RL_DEC18, isolation_cost=0.3, iso_why="Judgement: the state bearing the risk; others could not proceed against it in practice, and some members were reported to be hesitant too."),
        "HUN": A(10, 0.6, "Orbán said before the summit that peace, not war, should be funded and that he would not agree to financing Ukraine through EU instruments.", HUN_LOAN),
        "DEU": A(95, 0.9, _RL_BLOC, RL_DEC18),
        "POL": A(90, 0.8, _RL_BLOC, RL_DEC18),
        "EST": A(90, 0.8, _RL_BLOC, RL_DEC18),
        "LVA": A(90, 0.8, _RL_BLOC, RL_DEC18),
        "LTU": A(90, 0.8, _RL_BLOC, RL_DEC18),
        "FIN": A(90, 0.8, _RL_BLOC, RL_DEC18),
        "SWE": A(90, 0.8, _RL_BLOC, RL_DEC18),
        "DNK": A(90, 0.8, _RL_BLOC, RL_DEC18),
    },
    default=A(70, 0.6, "Judgement: most of the major members were willing to proceed with the reparations loan; opposition was led by Belgium.", RL_DEC17),
    actors_extra={
        "EU_COMMISSION": X("European Commission (von der Leyen)", 100, 0.9, 0.3, "Proposer (3 December 2025); no vote", "Judgement: the Commission had proposed the reparations loan and championed it.", RL_DEC17),
        "UKR": X("Ukraine (beneficiary; no vote)", 100, 1.0, 0.1, "Beneficiary; no vote", "Judgement: the EU needed to find at least EUR 90bn for Ukraine's 2026-27 needs.", RL_DEC17),
    },
    context={
        "opt_out_possible": (False, "Judgement: the assets sit mostly in one Belgian institution; Belgium could not stay out of a loan built on them.", RL_OCT),
        "reservation_possible": (False, "Judgement: one financing act built on assets held mostly in one member (treated like an indivisible budget act; see backtest_reservations.py's budget rule).", EU_UNANIMOUS),
        "route_around": (False, "Judgement: a loan on the Euroclear assets cannot be made without the state that hosts them.", RL_OCT),
        "side_payment_available": (True, "Belgium named its price: mutualised risk and guarantees from the other members.", RL_OCT),
        "deadline_pressure": (True, "Ukraine's 2026-27 needs had to be met; the December summit was to decide.", RL_DEC17),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="On 19 December 2025 the leaders did not agree the reparations loan, above all because of Belgium's resistance; they chose a EUR 90bn loan from EU borrowing instead and asked the Commission to keep working on the reparations loan.",
        sources=["https://cyprus-mail.com/2025/12/19/eu-chooses-budget-backed-loan-for-ukraine-after-divisions-over-russian-assets", "https://www.boston25news.com/news/world/eu-leaders-agree-90/4C6MRNI4JM4URHYVAIEKECGYUE/"]),
    notes=dict(difficulty="The holdout is the member that bears the risk, with a stated price; the majority found a substitute instead of paying it.",
               judgement="Formally the Commission's proposal could pass by qualified majority; the case is coded as consensus because the leaders treated Belgium's consent as necessary (an assumption of this coding). The shared coding is a judgement."),
))

HELDOUT.append(dict(
    id="eu_ukraine_loan_joint_borrowing_dec2025",
    title="EUR 90bn EU loan to Ukraine for 2026-27 from joint borrowing backed by the EU budget (December 2025)",
    decision_date="2025-12-19", coding_date="2025-12-18",
    body="European Council / Council of the EU (use of the EU budget headroom requires unanimity)",
    rule="eu-unanimity",
    question="Will the 18-19 December 2025 European Council agree a loan to Ukraine financed by joint EU borrowing backed by the EU budget?",
    scale={"scale_0": "No agreement on joint borrowing", "scale_100": "Joint-borrowing loan agreed"},
    actors={
        "HUN": A(0, 0.8, "Orbán said on the day of the summit that joint borrowing to fund Ukraine was 'dead', contrary to Hungary's constitution, and that he would never agree to it.", HUN_LOAN, isolation_cost=0.4, iso_why="Judgement: other members were sceptical of new joint debt as well."),
        "BEL": A(85, 0.7, "De Wever said in October he would prefer a new European loan to a 'sort of confiscation' of Russian assets.", "https://www.brusselstimes.com/belgium/1811005/im-just-little-belgium-says-de-wever-as-he-thwarts-plans-to-unlock-frozen-russian-assets"),
    },
    default=A(65, 0.6, "Judgement: the EU needed at least EUR 90bn for Ukraine in 2026-27, and agreement on raising it by conventional borrowing was expected to be very hard.", RL_DEC17),
    actors_extra={
        "UKR": X("Ukraine (beneficiary; no vote)", 100, 1.0, 0.1, "Beneficiary; no vote", "Judgement: without EU money Ukraine would run short in 2026.", RL_DEC17),
    },
    context={
        "reservation_possible": (False, _BUDGET_WHY, EU_UNANIMOUS),
        "deadline_pressure": (True, "Ukraine's 2026-27 needs had to be met; the December summit was to decide.", RL_DEC17),
    },
    outcome=dict(adopted=True, value=100, type="adopted_with_opt_outs",
        opt_outs=["CZE", "HUN", "SVK"],  # enhanced cooperation (Art. 20 TEU): the budget guarantee does not bind them
        summary="On 19 December 2025 the leaders agreed a EUR 90bn loan for 2026-27 from EU borrowing backed by the budget headroom; the Czech Republic, Hungary and Slovakia do not take part in its financing.",
        sources=["https://interfax.com.ua/news/general/1129779-amp.html", "https://tass.com/world/2061405"]),
    notes=dict(difficulty="The holdouts' opposition to joint debt was routed around by an enhanced-cooperation carve-out rather than overcome.",
               judgement="No statement dated before the decision was found for the Czech Republic or Slovakia on this loan: they keep the shared coding (a gap, not a position). The shared coding is a judgement."),
))

# ============================================================================ NATO
HELDOUT.append(dict(
    id="nato_ukraine_invitation_washington_2024",
    title="An invitation to Ukraine at NATO's Washington summit (July 2024)",
    decision_date="2024-07-10", coding_date="2024-07-09",
    body="NATO (North Atlantic Council, heads of state and government, Washington)",
    rule="nato-consensus",
    question="Will the Washington summit invite Ukraine to join NATO?",
    scale={"scale_0": "No invitation (status quo: Vilnius language)", "scale_100": "Formal invitation to join"},
    actors=statements("nato-2024.csv", "invite_ukraine"),
    default=A(40, 0.5, "Judgement: diplomatic sources said the US and Germany were most opposed to an invitation before Ukraine met the preconditions and expected a repeat of Vilnius; most allies did not push either way.", "https://pledgetimes.com/nato-heres-who-opposes-ukraines-entry/"),
    actors_extra={
        "UKR": X("Ukraine (aspirant; no vote)", 100, 1.0, 0.1, "Aspirant; no vote", "Judgement: Zelensky attended the summit seeking progress on membership.", "https://pledgetimes.com/nato-heres-who-opposes-ukraines-entry/"),
    },
    context={
        "opt_out_possible": (False, "Judgement: an invitation is one collective decision.", "https://pledgetimes.com/nato-heres-who-opposes-ukraines-entry/"),
        "reservation_possible": (False, _NATO_COLLECTIVE_WHY, NATO_ART10),
        "route_around": (False, "Invitations under Art. 10 need every ally.", NATO_ART10),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="The Washington Summit Declaration of 10 July 2024 called Ukraine's path to membership 'irreversible' but issued no invitation; Scholz said the leaders resisted an invitation for now.",
        sources=["https://www.nato.int/cps/en/natohq/official_texts_227678.htm", "https://citizenportal.ai/articles/1559862/NATO-summit-focuses-on-Ukraine-amid-US-election-concerns"]),
    notes=dict(difficulty="The strongest allies were the holdouts; a consolation formula instead of an invitation.",
               judgement="The same decision as the shipped nato-2024 scenario's invitation issue; member codings are that scenario's statement rows (DEU's and LTU's are from 2023). The shared coding is a judgement."),
))

HELDOUT.append(dict(
    id="nato_spending_target_hague_2025",
    title="NATO's 5 % spending commitment (3.5 % core defence by 2035) at The Hague summit, June 2025",
    decision_date="2025-06-25", coding_date="2025-06-24",
    body="NATO (North Atlantic Council, heads of state and government, The Hague)",
    rule="nato-consensus",
    question="Will The Hague summit commit the allies to spend 3.5 % of GDP on core defence (5 % with resilience) by 2035?",
    scale={"scale_0": "2 % (status quo)", "scale_33": "2.5 %", "scale_67": "3 %", "scale_100": "3.5 % core defence by 2035"},
    actors=statements("nato-2025.csv", "spending_3_5") | {
        "ESP": A(0, 0.9, "Sánchez wrote to Rutte on 19 June that Spain could not commit to 5 %, calling it unreasonable and counter-productive, and proposed that the target be optional or that Spain be excluded from it (scenarios/statements/nato-2025.csv codes the same letter).", "https://www.diariodesevilla.es/espana/sanchez-no-ve-razonable-pedir_0_2004175250.html", isolation_cost=0.5, iso_why="Judgement: alone in refusing outright, under US pressure, but it proposed a formula that would not limit the others."),
    },
    actors_extra={},
    context={
        "opt_out_possible": (True, "Sánchez's letter proposed a 'more flexible formula': an optional target or one that excludes Spain.", "https://www.diariodesevilla.es/espana/sanchez-no-ve-razonable-pedir_0_2004175250.html"),
        "reservation_possible": (False, _NATO_COLLECTIVE_WHY, NATO_CONSENSUS),
    },
    outcome=dict(adopted=True, value=100, type="adopted_with_opt_outs",
        opt_outs=["ESP"],  # Spain said it would not spend 5 % and would meet its capability targets with less
        summary="The Hague Summit Declaration of 25 June 2025 committed allies to 5 % of GDP (3.5 % core defence) by 2035; Spain signed while saying it would not reach that level.",
        sources=["https://www.nato.int/cps/en/natohq/official_texts_236705.htm", "https://www.lapresse.it/ultima-ora/2025/06/26/nato-sanchez-minacce-trump-su-dazi-negozia-bruxelles-usa-paese-amico/"]),
    notes=dict(difficulty="One outright holdout and several reluctant allies; resolved by a national carve-out, not a block.",
               judgement="The same decision as the shipped nato-2025 scenario's spending issue; all 32 member codings are that scenario's dated statement rows (GRC, HUN from December 2024, PRT from January 2025), Spain's isolation cost is a judgement."),
))

# ============================================================================ single government
TAU_FEB = "https://indonewyork.com/?p=5632"
HELDOUT.append(dict(
    id="deu_taurus_ukraine_mar2024",
    title="Germany's decision on supplying Taurus cruise missiles to Ukraine (Bundestag vote, 14 March 2024)",
    decision_date="2024-03-14", coding_date="2024-03-13",
    body="Germany (Chancellor and the SPD-Green-FDP coalition; Bundestag)",
    rule="single-government", decider="DEU",
    question="Will Germany decide in March 2024 to supply Taurus cruise missiles to Ukraine (the CDU/CSU motion voted on 14 March)?",
    scale={"scale_0": "No Taurus (status quo)", "scale_100": "Taurus delivery decided"},
    actors={
        "DEU_CHANCELLOR": X("Chancellor Scholz and the SPD", 5, 0.8, 0.5, "Head of government; arms exports are a government decision", "In February the coalition's own motion asked for 'additionally required long-range weapon systems' without naming Taurus; for Scholz it did not include Taurus.", TAU_FEB, veto=True),
        "DEU_GREENS": X("Alliance 90/The Greens (coalition partner)", 70, 0.6, 0.2, "Coalition partner; bound by coalition discipline in votes", "Judgement: Green politicians read the coalition motion's long-range systems as including Taurus.", TAU_FEB),
        "DEU_FDP": X("Free Democrats (coalition partner)", 75, 0.6, 0.15, "Coalition partner", "Strack-Zimmermann (FDP), long a Taurus advocate, backed the opposition motion in February; FDP politicians read the coalition motion as including Taurus.", TAU_FEB),
        "DEU_CDU": X("CDU/CSU opposition (Merz)", 100, 0.7, 0.2, "Largest opposition group; no say over exports", "Merz called on coalition MPs to back the CDU/CSU motion naming Taurus: Ukraine was not getting what it needed.", TAU_FEB),
    },
    context={
        "reservation_possible": (False, "Rule (judgement): a national transfer decision is taken or not; there is nothing to reserve.", TAU_FEB),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="On 14 March 2024 the Bundestag rejected the CDU/CSU motion to supply Taurus (494 to 188, 5 abstentions); the day before Scholz had called long-range deliveries needing German soldiers a red line he would not cross.",
        sources=["https://www.dailyfinland.fi/europe/36814/German-parliament-rejects-motion-for-Taurus-missiles-for-Ukraine", "https://eir.news/2024/03/news/bundestag-majority-votes-against-taurus-missile-delivery-to-ukraine/"]),
    notes=dict(difficulty="A single government whose head held the decision against two coalition partners who favoured it; coalition discipline held.",
               judgement="Only actors with a statement dated before the vote are coded; Ukraine's request and the Bundestag's other groups are left out for want of such a source."),
))

MIG_0314 = "https://www.urdupoint.com/en/world/slovak-govt-may-decide-on-transfer-of-mig-29-1659199.html"
HELDOUT.append(dict(
    id="svk_mig29_ukraine_mar2023",
    title="Slovakia's caretaker government gives its MiG-29 fighters to Ukraine (March 2023)",
    decision_date="2023-03-17", coding_date="2023-03-15",
    body="Slovakia (caretaker government of Eduard Heger; opposition contesting its competence)",
    rule="single-government", decider="SVK",
    question="Will Slovakia's caretaker government decide in March 2023 to transfer its retired MiG-29 fighters to Ukraine?",
    scale={"scale_0": "No transfer before the September election (status quo)", "scale_100": "Transfer decided"},
    actors={
        "SVK_GOV": X("Prime Minister Heger's caretaker government", 85, 0.8, 0.6, "Decides the transfer by an intergovernmental agreement; caretaker since the no-confidence vote", "Heger said Bratislava would decide on the transfer and that the government had the competence to do so; he had told Zelensky in February that Slovakia would do its best.", "https://pledgetimes.com/slovakia-announced-its-intention-to-transfer-mig-29-aircraft-to-ukraine/", veto=True),
        "SVK_DEFENCE": X("Defence Minister Naď", 95, 0.8, 0.2, "Proposes the decision; part of the government", "Naď said the government could decide on 15 March, after a debate with MPs, and that it had the competence.", MIG_0314),
        "SVK_SMER": X("Opposition: Smer-SD (Fico)", 0, 0.7, 0.2, "Largest opposition party before the election; no formal say", "Fico called Heger's promise unconstitutional for a caretaker government.", MIG_0314),
        "UKR": X("Ukraine (requester)", 100, 0.9, 0.1, "Requester; no say", "Zelensky asked Heger for the MiG-29s at the EU summit on 9 February.", MIG_0314),
    },
    context={
        "reservation_possible": (False, "Rule (judgement): a national transfer decision is taken or not; there is nothing to reserve.", MIG_0314),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On 17 March 2023 the caretaker government unanimously approved giving 13 MiG-29s and parts of the Kub air-defence system to Ukraine, a day after Poland announced its own MiG-29 transfer.",
        sources=["https://en.interfax.com.ua/news/general/898123.html", "https://ct24.ceskatelevize.cz/svet/3572367-slovenska-vlada-schvalila-predani-stihacek-mig-29-ukrajine"]),
    notes=dict(difficulty="A caretaker government with the formal power against an opposition that disputed its competence and would win the next election.",
               judgement="The government's position (85) is a judgement from Heger's and Naď's statements; the President and the parliament are left out for want of a dated statement on the decision."),
))

LR_LETTER = "https://armedservices.house.gov/news/documentsingle.aspx?DocumentID=1900"
LR_SEP = "https://moneyrisetoday.com/?p=54528"
HELDOUT.append(dict(
    id="usa_longrange_strikes_nov2024",
    title="The United States lets Ukraine use ATACMS against targets inside Russia (November 2024)",
    decision_date="2024-11-17", coding_date="2024-09-13",
    body="US executive (President Biden); Congress and the State Department pressing",
    rule="single-government", decider="USA",
    question="Will the US lift, before the end of 2024, the restriction on Ukraine's use of ATACMS against military targets deeper inside Russia?",
    scale={"scale_0": "Restriction kept (status quo: cross-border counter-fire near Kharkiv only)", "scale_100": "ATACMS allowed against targets inside Russia"},
    actors={
        "USA": X("United States - White House (Biden)", 45, 0.8, 1.0, "Decider", "Asked whether he would allow ATACMS strikes inside Russia, Biden said 'We're working that out right now' (Judgement: undecided, moving).", LR_SEP, veto=True),
        "US_STATE": X("US State Department (Blinken)", 60, 0.5, 0.2, "Advises; travelled to Kyiv with the UK foreign secretary", "Blinken said the administration 'never rules out' long-range strikes, but wants them to advance Ukraine's aims.", "https://news.antiwar.com/2024/09/10/rep-mccaul-thinks-biden-will-allow-long-range-ukrainian-strikes-in-russia"),
        "US_CONGRESS_R": X("House Republican committee chairs (Rogers, McCaul, Turner and others)", 100, 0.7, 0.2, "Authors of a public letter; no say over the policy", "Their letter of 9 September urged Biden to lift the remaining restrictions on ATACMS against legitimate military targets in Russia.", LR_LETTER),
        "UKR": X("Ukraine (requester)", 100, 1.0, 0.1, "Requester; no say", "Zelensky was urging allies, including the US, to allow strikes deep inside Russia.", "https://digitalchew.com/2024/09/12/house-republicans-urge-biden-to-lift-ukraine-weapon-restrictions"),
    },
    context={
        "reservation_possible": (False, "Rule (judgement): a national decision on the use of its own weapons is taken or not.", LR_SEP),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On 17 November 2024, after North Korean troops joined Russia's forces facing Ukraine in Kursk, the administration allowed Ukraine to use ATACMS against targets inside Russia (reported by the NYT and Reuters, confirmed by a US official).",
        sources=["https://dailynyreporters.com/gop-ukraine-hawks-slam-biden-for-slow-walking-decision-to-allow-strikes-inside-russia", "https://au.news.yahoo.com/biden-draws-support-gop-worry-230050991.html"]),
    notes=dict(difficulty="The decider sat near the midpoint for months; the trigger (North Korean troops) came after the coding date. The same decision as the shipped nato-2024 scenario's restrictions issue, coded here as a US decision.",
               judgement="Coded from September 2024 statements (coding date 13 September): no dated statement from the White House between September and the decision was found. The Pentagon is left out for want of a dated statement."),
))
