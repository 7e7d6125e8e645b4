"""A fresh held-out batch (issue 16, session 6): decisions of 2023-2025 that no model had been run on.

Evaluation cases only, never fitted on, read by ``make_heldout_cases.py`` together with
``backtest_heldout.py`` (one generator). They were coded, and committed, before any forecast or
backtest was run on them; nothing here may be used to choose or tune a parameter, a rule or a default.

The conventions are those of ``backtest_heldout.py``: every position and salience from a source dated
no later than ``coding_date`` (a source dated later is flagged ``late=True`` and written as
``source_after_coding_date``); a coding that rests on judgement says "Judgement:"; members without an
individual statement share the ``default`` coding, which cites the report describing the majority. A
``[context]`` flag is written only where a source dated before the decision names the option (absent
otherwise, never false for "not found"); ``reservation_possible`` follows the instrument rules of
``backtest_reservations.py``. Sources are news pages found with the search tool and read from excerpts.
"""

from __future__ import annotations

from backtest_corpus import A, X
from backtest_reservations import (
    _CFSP_WHY,
    _ENLARGEMENT_WHY,
    _NATO_COLLECTIVE_WHY,
    CFSP,
    NATO_ART10,
    NATO_CONSENSUS,
    TEU_49,
)

FRESH: list[dict] = []
_NATIONAL_WHY = "Rule (judgement): a national transfer decision is taken or not; there is nothing to reserve."

# ============================================================================ EU sanctions packages
S13_FT = "https://www.eurointegration.com.ua/eng/news/2024/02/15/7179661/"
FRESH.append(dict(
    id="eu_thirteenth_sanctions_package_feb2024",
    title="The EU's thirteenth sanctions package on Russia and Hungary's objection to listing Chinese firms (February 2024)",
    decision_date="2024-02-23", coding_date="2024-02-18",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU adopt the thirteenth sanctions package (about 200 listings, including Chinese firms) in time for the invasion's second anniversary on 24 February 2024?",
    scale={"scale_0": "No package by 24 February", "scale_100": "Package adopted"},
    actors={
        "HUN": A(30, 0.5, "Hungary was the only member not to back the package at the ambassadors' meeting of 14 February; an official said it objected to the listing of Chinese companies, and its ambassador asked for 'a bit more time to analyse' the proposals (FT).", S13_FT, isolation_cost=0.5, iso_why="Judgement: alone, days before the anniversary, on a package of listings with no new sectoral measures."),
    },
    default=A(90, 0.6, "Judgement: the other members would have signed off at the ambassadors' meeting of 14 February; supporters hoped to agree by 21 February to meet the 24 February anniversary.", S13_FT),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "deadline_pressure": (True, "Supporters hoped to agree by 21 February to meet the 24 February anniversary.", S13_FT),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Szijjártó said on 19 February that every element of the package harmful to Hungary's interests had been removed.",
        summary="On 19 February 2024 Szijjártó said Hungary would not block the package; ambassadors agreed it on 21 February and the Council adopted it on 23 February (106 individuals and 88 entities).",
        sources=["https://www.pravda.com.ua/eng/news/2024/02/19/7442617/", "https://www.urm.lt/en/news/928/the-european-union-adopts-its-13th-package-of-sanctions-against-russia:42414"]),
    notes=dict(difficulty="A lone holdout over third-country listings with an anniversary deadline; it gave way within a week for changes it did not name.",
               judgement="Hungary's position (30) is a judgement from the FT report; the shared coding is a judgement."),
))

S15_OBOZ = "https://eng.obozrevatel.com/section-news/news-latvia-lithuania-block-passage-of-15th-package-of-eu-sanctions-against-russia-politico-07-12-2024.html"
S15_NEWSAZ = "https://news.az/news/eu-fails-to-reach-consensus-on-new-sanctions-package-against-russia"
_S15_BALTIC = "Latvia and Lithuania blocked the package at the ambassadors' meeting of 6 December over the extension of a derogation that lets Western companies keep operating in Russia while they divest, a loophole they said was abused and gave companies political cover to stay (Politico)."
_S15_ISO = "Judgement: two hawkish members holding up a package over one clause they found too soft; the Commission had promised to address their request in the next package."
FRESH.append(dict(
    id="eu_fifteenth_sanctions_package_dec2024",
    title="The EU's fifteenth sanctions package on Russia (shadow fleet) and the Baltic objection to a divestment derogation (December 2024)",
    decision_date="2024-12-16", coding_date="2024-12-09",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will EU foreign ministers adopt the fifteenth sanctions package (shadow-fleet tankers, new listings) at their meeting of 16 December 2024?",
    scale={"scale_0": "No package on 16 December", "scale_100": "Package adopted"},
    actors={
        "LVA": A(40, 0.6, _S15_BALTIC, S15_OBOZ, isolation_cost=0.4, iso_why=_S15_ISO),
        "LTU": A(40, 0.6, _S15_BALTIC, S15_OBOZ, isolation_cost=0.4, iso_why=_S15_ISO),
        "SVK": A(70, 0.4, "Slovakia sought, in the package, an extension of its exemption to export products refined from Russian oil to the Czech Republic (Politico).", S15_NEWSAZ),
        "CZE": A(90, 0.4, "Judgement: the Czech Republic had said it wanted to end the arrangement under which it buys Slovak products refined from Russian oil.", S15_NEWSAZ),
    },
    default=A(90, 0.6, "Judgement: an EU diplomat called it 'a pity' that the package could not be adopted because Latvia and Lithuania did not agree; the package would more than double the number of listed shadow-fleet tankers.", S15_OBOZ),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "side_payment_available": (True, "The Commission promised to take into account Latvia's and Lithuania's request for guarantees that these derogations end, in the next package.", S15_OBOZ),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="EU ambassadors agreed the package on 11 December 2024 and foreign ministers adopted it on 16 December (54 individuals, 30 entities, further shadow-fleet vessels).",
        sources=["https://kyivindependent.com/eu-approves-15th-sanction-package-against-russia-targeting-shadow-fleet/", "https://balkanherald.com/?p=5475"]),
    notes=dict(difficulty="The holdouts were hawks objecting to a softening clause, not to sanctions; a promise about the next package was on the table.",
               judgement="The Baltic positions (40) are judgements from the reports. No statement dated before the decision was found for Hungary on this package: it keeps the shared coding (a gap, not a position). The shared coding is a judgement."),
))

S19_CENSOR = "https://censor.net/en/news/3579641/slovakia-and-austria-block-new-package-of-eu-sanctions-against-russia"
S19_UNN = "https://unn.ua/en/news/austria-blocks-new-eu-sanctions-against-russia-seeking-compensation-for-raiffeisen-bank-bloomberg"
FRESH.append(dict(
    id="eu_nineteenth_sanctions_package_oct2025",
    title="The EU's nineteenth sanctions package on Russia, held up by Slovakia (energy prices, cars) and Austria (Raiffeisen), October 2025",
    decision_date="2025-10-23", coding_date="2025-10-15",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU adopt the nineteenth sanctions package (LNG import ban, shadow fleet, banks) by the leaders' summit of 23 October 2025?",
    scale={"scale_0": "No package by the summit", "scale_100": "Package adopted"},
    actors={
        "SVK": A(25, 0.7, "Fico said on 11 September he would not support a new package until the Commission made 'more realistic proposals' to reconcile climate goals with car production (https://euobserver.com/eu-and-the-world/ar2ca605c3); in October Slovakia insisted that the summit first discuss the effect of sanctions on energy prices and sought concessions on the 2035 ban on new petrol and diesel cars.", S19_CENSOR, isolation_cost=0.5, iso_why="Judgement: one of two members delaying the package; its demands were for summit language, not for changes to the sanctions."),
        "AUT": A(40, 0.6, "Austria held up the package, demanding that sanctions be lifted on Deripaska, his partner Beloglazov and three related companies so that frozen Strabag shares worth about EUR 2bn could compensate Raiffeisen Bank International for a Russian court judgment.", S19_CENSOR, isolation_cost=0.6, iso_why="Judgement: other members were unhappy with the demand and feared a precedent; Austria otherwise supported sanctions on Russia."),
    },
    default=A(90, 0.6, "Judgement: the other members backed the package; they criticised the Commission for including Austria's demand in the draft and feared a precedent for other sanctioned parties.", S19_UNN),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "side_payment_available": (True, "The Commission's draft included the points Austria asked for (relief for the Deripaska-linked entities), which other members criticised.", S19_CENSOR),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Slovakia: references to energy prices and the car industry in the European Council conclusions and a Commission letter on its concerns. Austria dropped its demand without the Raiffeisen relief.",
        summary="Austria said on 18 October it would approve the package; Slovakia lifted its reservation on 22 October after its wording on energy and cars entered the draft summit conclusions, and the Council adopted the package by written procedure on 23 October 2025.",
        sources=["https://www.pravda.com.ua/eng/news/2025/10/23/8004054", "https://www.b2eu-consulting.eu/news-detail/eu-countries-approve-19th-package-of-sanctions-against-russia", "https://kyivindependent.com/austria-drops-objections-paves-way-for-eus-19th-russia-sanctions-package"]),
    notes=dict(difficulty="Two holdouts with different prices: one paid in summit language, one that gave way unpaid.",
               judgement="Slovakia's and Austria's positions are judgements from the reports; the shared coding is a judgement. A Hungarian report of 22 October (after the coding date) said Hungary had earlier announced a veto, apparently on the summit's text rather than the package; no Hungarian statement on this package dated before the coding date was found, so Hungary keeps the shared coding (a gap, not a position)."),
))

# ============================================================================ EU: European Peace Facility
EPF_OCT20 = "https://news.yahoo.com/eu-expects-hungary-unblock-military-202228870.html"
FRESH.append(dict(
    id="eu_epf_eighth_tranche_oct2023",
    title="The eighth EUR 500m tranche of European Peace Facility reimbursements for arms sent to Ukraine (Foreign Affairs Council, 23 October 2023)",
    decision_date="2023-10-23", coding_date="2023-10-20",
    body="Council of the EU (European Peace Facility assistance measure, CFSP, unanimity)",
    rule="eu-unanimity",
    question="Will EU foreign ministers approve the eighth EUR 500m European Peace Facility tranche for Ukraine at their meeting of 23 October 2023, after Ukraine removed OTP Bank from its list of war sponsors?",
    scale={"scale_0": "Tranche still blocked", "scale_100": "Tranche approved"},
    actors={
        "HUN": A(25, 0.6, "Szijjártó said in July that until OTP Bank was removed from Kyiv's list of 'international sponsors of war' Hungary would approve no further EU funding for arms deliveries to Ukraine; in June he said Hungary opposed shifting the facility's focus to Ukraine away from Africa and the Western Balkans (https://www.budapesttimes.hu/world/szijjarto-hungary-to-maintain-block-of-eu-weapons-aid-to-ukraine/) (Judgement: the stated condition was met in early October; an EU official said 'some problems' remained).", "https://magyarnemzet.hu/english/2023/07/we-wont-approve-any-eu-funding-so-long-as-otp-remains-on-kyivs-blacklist", isolation_cost=0.4, iso_why="Judgement: alone under what Szijjártó called 'enormous pressure' in June, but it had held out since May at little visible cost."),
    },
    default=A(90, 0.6, "Judgement: nearly all members pressed for the tranche (Szijjártó, June 2023); an EU official said on 20 October that the EU expected agreement 'sooner rather than later' now that Ukraine had removed OTP Bank from its list.", EPF_OCT20),
    actors_extra={
        "UKR": X("Ukraine (beneficiary; no vote)", 100, 0.8, 0.1, "Beneficiary; no vote", "Ukraine removed OTP Bank from its list of institutions cooperating with Russia, meeting Hungary's stated demand.", EPF_OCT20),
    },
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "side_payment_available": (True, "Ukraine had removed OTP Bank from its list of war sponsors, Hungary's stated condition; the EEAS was mediating between Kyiv and Budapest on the remaining problems.", EPF_OCT20),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="On 23 October 2023 the ministers again failed to agree the tranche: Hungary wanted legal assurances that OTP's delisting was permanent. The facility's Ukraine reimbursements stayed blocked into 2024 (Borrell, June 2024: one country blocking about EUR 6bn).",
        sources=["https://kyivindependent.com/media-hungary-against-blocks-ukraine-aid-over-otp-bank/", "https://en.interfax.com.ua/news/general/995690.html"]),
    notes=dict(difficulty="A lone holdout whose stated price was paid before the meeting and which still blocked (a new demand: guarantees).",
               judgement="Hungary's position (25) and the shared coding are judgements from the reports."),
))

UAF_FEB21 = "https://searchenginego.com/eu-s-war-fund-for-ukraine-stuck-in-debate-around-solidarity-10498.html"
FRESH.append(dict(
    id="eu_ukraine_assistance_fund_mar2024",
    title="The EUR 5bn Ukraine Assistance Fund within the European Peace Facility (Foreign Affairs Council, 18 March 2024)",
    decision_date="2024-03-18", coding_date="2024-03-11",
    body="Council of the EU (European Peace Facility top-up and reform, CFSP, unanimity)",
    rule="eu-unanimity",
    question="Will the EU agree, in March 2024, to top up the European Peace Facility with a EUR 5bn Ukraine Assistance Fund for 2024?",
    scale={"scale_0": "No top-up agreed", "scale_100": "EUR 5bn Ukraine Assistance Fund agreed"},
    actors={
        "HUN": A(10, 0.6, "Szijjártó said on 22 January that Hungary did not support renewing the European Peace Facility mechanism that compensates members for weapons sent to Ukraine.", "https://pledgetimes.com/hungary-announces-its-opinion-regarding-sending-military-aid-to-ukraine/", isolation_cost=0.5, iso_why="Judgement: alone in opposing the fund itself; it had abstained constructively on the EU training mission for Ukraine in October 2022 rather than block it (https://hungarymatters.hu/2022/10/17/no-vote-for-eu-ukraine-training-mission/)."),
        "DEU": A(60, 0.7, "Germany wanted its bilateral military aid to Ukraine credited against its share of the fund and was holding up the proposed EUR 5bn top-up (FT, 6 February); on 21 February Paris and Berlin were still not backing down.", "https://menafn.com/1107814291/Germanys-monetary-woes-could-stall-EU-Ukraine-assistance"),
        "FRA": A(60, 0.7, "France wanted a strict 'buy European' rule for arms eligible for reimbursement; with Germany it was 'stepping on the brakes' when ambassadors failed to agree on 21 February.", UAF_FEB21),
    },
    default=A(85, 0.6, "Judgement: an EU diplomat said on 21 February that 'all member states agreed that we should reach an agreement in March, before the European Council', though no one was '100% happy' with the draft.", UAF_FEB21),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "deadline_pressure": (True, "Members had agreed to reach an agreement in March, before the European Council of 21-22 March.", UAF_FEB21),
    },
    outcome=dict(adopted=True, value=100, type="adopted_with_opt_outs",
        opt_outs=["HUN"],  # constructive abstention; its share may be spent on other purposes
        side_payments="Hungary's share (about EUR 50m) may be spent on purposes other than arms for Ukraine; France obtained priority for European industry with some flexibility; part of Germany's bilateral aid is counted against its contribution.",
        summary="Ambassadors agreed on 13 March 2024 and the Foreign Affairs Council adopted the EUR 5bn Ukraine Assistance Fund on 18 March; Hungary abstained constructively and did not block.",
        sources=["https://kyivindependent.com/eu-gives-final-approval-to-5-5-billion-for-military-aid-to-ukraine-in-2024", "http://abouthungary.hu/news-in-brief/hungary-abstains-from-eu-funding-vote-for-ukraine", "https://247newsreel.com/?p=520228"]),
    notes=dict(difficulty="Two large members bargaining over the rules and a lone opponent of the fund itself, who stepped aside by a TEU 31(1) abstention for a price.",
               judgement="The German and French positions (60) and the shared coding are judgements from the reports. No source dated before the decision names a constructive abstention by Hungary on this fund, so opt_out_possible is not coded."),
))

# ============================================================================ EU enlargement
GEO_EVE = "https://agenda.ge/en/news/2023/4898"
_GEO_EVE = "Arriving at the summit, {who} (Agenda.ge, 14 December, before the decision)."
FRESH.append(dict(
    id="eu_georgia_candidate_status_dec2023",
    title="EU candidate status for Georgia (European Council, 14 December 2023)",
    decision_date="2023-12-14", coding_date="2023-12-14",
    body="European Council (enlargement step under TEU Art. 49, unanimity)",
    rule="eu-unanimity",
    question="Will the 14-15 December 2023 European Council grant Georgia candidate status, as the Commission recommended on 8 November?",
    scale={"scale_0": "No candidate status (status quo: European perspective)", "scale_100": "Candidate status granted"},
    actors={
        "LTU": A(95, 0.5, _GEO_EVE.format(who="President Nausėda said his Georgian 'friends' had 'really done a lot' and that the EU had to decide on Georgia too"), GEO_EVE),
        "BGR": A(95, 0.5, _GEO_EVE.format(who="Prime Minister Denkov said Bulgaria unequivocally supported Georgia's bid"), GEO_EVE),
        "NLD": A(85, 0.5, _GEO_EVE.format(who="Rutte said the Netherlands supported the Commission's proposals, including on Georgia"), GEO_EVE),
        "DEU": A(90, 0.5, _GEO_EVE.format(who="Scholz said he fully supported the Commission's conclusions on Ukraine, Moldova and Georgia"), GEO_EVE),
        "BEL": A(85, 0.4, _GEO_EVE.format(who="De Croo said the Commission's recommendation was acceptable for Belgium"), GEO_EVE),
    },
    default=A(80, 0.4, "Judgement: the Commission recommended candidate status 'on the understanding that' the government takes important reform steps, acknowledging only partial progress on the 12 priorities; the decision needs all 27.", "https://bm.ge/en/news/georgia-should-receive-candidate-status-ec-president"),
    actors_extra={
        "GEO": X("Georgia (applicant; no vote)", 100, 0.8, 0.1, "Applicant; no vote", "The government hoped for candidate status in 2023 and said it was fulfilling the 12 priorities except on polarisation.", "https://tiflispost.com/2023/07/19/wider-europe-briefing-how-georgia-could-still-squeak-into-the-eu/"),
    },
    context={
        "reservation_possible": (False, _ENLARGEMENT_WHY, TEU_49),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On 14 December 2023 the European Council granted Georgia candidate status, alongside opening accession talks with Ukraine and Moldova.",
        sources=["https://oc-media.org/eu-grants-georgia-candidate-status/", "https://civil.ge/archives/574657"]),
    notes=dict(difficulty="No declared holdout on Georgia itself; the summit's risk was Hungary's veto on Ukraine, decided the same evening.",
               judgement="The coding date is the day of the decision: the individual statements were made on arrival, before the leaders decided. The shared coding is a judgement; in July 2023 EU officials were reported less enthusiastic about Georgia's progress than about Ukraine's and Moldova's."),
))

BIH_EVE = "https://the-daily.org/sport/item/83258-green-light-for-bosnia-s-eu-talks-could-be-a-tough-call-at-summit"
BIH_DEC = "https://europeanwesternbalkans.com/?p=49221"
_BIH_TIE = "Austria, Croatia, Hungary and Slovenia pressed for progress on Ukraine and Moldova to go hand in hand with progress for the Western Balkans; diplomats from these countries tried to tie the two in the week before the summit (Euractiv, 20 March)."
FRESH.append(dict(
    id="eu_bosnia_accession_talks_mar2024",
    title="Opening EU accession negotiations with Bosnia and Herzegovina (European Council, 21 March 2024)",
    decision_date="2024-03-21", coding_date="2024-03-20",
    body="European Council (enlargement step under TEU Art. 49, unanimity)",
    rule="eu-unanimity",
    question="Will the 21-22 March 2024 European Council decide to open accession negotiations with Bosnia and Herzegovina, as the Commission recommended on 12 March?",
    scale={"scale_0": "No decision (status quo: talks once compliance is reached)", "scale_100": "Decision to open accession negotiations"},
    actors={
        "NLD": A(55, 0.6, "In December 2023 the Dutch government told its parliament it would support opening talks only once Bosnia 'achieves the necessary level of compliance', finding limited progress on most of the 14 priorities, and with others insisted on waiting for the March assessment (Judgement: conditional, the assessment was now positive).", BIH_DEC, isolation_cost=0.5, iso_why="Judgement: the Commission had now recommended opening talks, and the draft conclusions already said so."),
        "HRV": A(95, 0.7, "Croatia and Slovenia led the initiative to open talks with Bosnia (December 2023, " + BIH_DEC + "). " + _BIH_TIE, BIH_EVE),
        "SVN": A(95, 0.7, "Croatia and Slovenia led the initiative to open talks with Bosnia (December 2023, " + BIH_DEC + "). " + _BIH_TIE, BIH_EVE),
        "AUT": A(90, 0.6, _BIH_TIE, BIH_EVE),
        "HUN": A(90, 0.6, _BIH_TIE, BIH_EVE),
        "LTU": A(70, 0.5, "For a few members led by the Baltics, particularly Lithuania, the draft language on Ukraine and Moldova did not go far enough (Euractiv, 20 March).", BIH_EVE),
    },
    default=A(80, 0.5, "Judgement: the draft conclusions of 19 March said the European Council 'decides to open accession negotiations', conditioning the negotiating framework on further steps; several diplomats were optimistic on 19 March, but complications appeared at the ambassadors' meeting of 20 March.", BIH_EVE),
    context={
        "reservation_possible": (False, _ENLARGEMENT_WHY, TEU_49),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On 21 March 2024 the European Council decided to open accession negotiations with Bosnia and Herzegovina; the negotiating framework is to be adopted once the steps of the Commission's October 2022 recommendation are taken.",
        sources=["https://newsblogging.net/politics/item/116802-eu-opens-bosnia-accession-talks-but-warn-much-more-needed", "https://ecer.minbuza.nl/-/europese-raad-besluit-om-de-toetredingsonderhandelingen-met-bosni%C3%AB-en-herzegovina-te-openen"]),
    notes=dict(difficulty="A sceptic (the Netherlands) whose stated condition was a positive assessment, and a linkage fight between Western Balkan and Baltic friends on the eve.",
               judgement="The Dutch position (55) is a judgement from its December 2023 letter; the shared coding is a judgement. The Euractiv report is read from a copy (the-daily.org) whose page date is later than its text (19-20 March)."),
))

# ============================================================================ NATO
FIN_HUN = "https://www.vietnam.vn/en/hungary-hoan-phe-chuan-don-xin-gia-nhap-nato-cua-phan-lan-va-thuy-dien"
FRESH.append(dict(
    id="nato_finland_ratification_mar2023",
    title="Turkey and Hungary ratify Finland's NATO accession protocol (March 2023)",
    decision_date="2023-03-30", coding_date="2023-03-15",
    body="NATO (accession protocol under Art. 10; every ally must ratify)",
    rule="nato-consensus",
    question="Will the last two allies (Turkey, Hungary) ratify Finland's accession protocol before Turkey's parliament breaks for the May 2023 elections?",
    scale={"scale_0": "Not ratified by every ally (status quo)", "scale_100": "Ratified by every ally; Finland can join"},
    actors={
        "TUR": A(65, 0.7, "Erdogan said on 1 February 'our position on Finland is positive, but it is not positive on Sweden'; on 29 January he said Turkey might respond 'differently' to Finland. Turkey had ratified neither protocol.", "https://econotimes.com/Turkey-positive-on-Finlands-NATO-bid-not-Swedens-says-Erdogan-1649954", isolation_cost=0.4, iso_why="Judgement: with Hungary the last of 30 allies not to ratify, under pressure from all the others, but its leverage was over Sweden."),
        "HUN": A(70, 0.5, "Fidesz said it supported ratifying Finland's and Sweden's membership, but on 14 March the parliamentary session of 20 March was cancelled; Fidesz would decide after a delegation that visited both countries reported (in February Orbán had accused both of 'outright lies' about Hungarian democracy).", FIN_HUN, isolation_cost=0.5, iso_why="Judgement: the government said it backed accession; the delay was tied to its dispute with Brussels over EU funds."),
    },
    default=A(95, 0.6, "Judgement: 28 of the 30 allies had swiftly ratified both protocols in 2022.", "https://www.infobalkans.com/2023/01/30/t-rkiye-may-respond-differently-finland-s-nato-bid-erdo-says"),
    actors_extra={
        "FIN": X("Finland (applicant; no vote)", 100, 1.0, 0.1, "Applicant; no vote", "Foreign Minister Haavisto said in January that Finland had to assess whether Sweden's bid would be delayed, joint accession remaining 'the first option'; he expected no progress until the Turkish elections in May.", "https://voi.id/fr/amp/247371"),
    },
    context={
        "reservation_possible": (False, _NATO_COLLECTIVE_WHY, NATO_ART10),
        "route_around": (False, "Accession protocols under Art. 10 need every ally's ratification.", NATO_ART10),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="After Erdogan announced on 17 March that Turkey would start ratifying Finland's (not Sweden's) protocol, Hungary's parliament ratified it on 27 March (182-6) and Turkey's on 30 March (276-0); Finland joined on 4 April 2023.",
        sources=["https://www.armscontrol.org/act/2023-04/news-briefs/turkey-hungary-ratify-finlands-nato-bid", "https://www.daytondailynews.com/nation-world/hungarian-parliament-approves-finlands-bid-to-join-nato/VQGBWOSX7RAYRKCNKMNRBCHXOY/"]),
    notes=dict(difficulty="Two holdouts that had said yes in principle and kept delaying; Finland was decoupled from Sweden.",
               judgement="Coded before Erdogan's announcement of 17 March. Turkey's and Hungary's positions are judgements from their statements; the shared coding is a judgement. Sweden is not coded (not a member; its own accession is swe_nato_accession_2024)."),
))

# ============================================================================ single government (arming decisions)
POL_0314 = "https://babel.ua/en/news/91556-poland-can-transfer-mig-29-fighters-to-ukraine-within-four-to-six-weeks"  # was TASS (1588413), same statement, same day
FRESH.append(dict(
    id="pol_mig29_ukraine_mar2023",
    title="Poland decides to give Ukraine its MiG-29 fighters (March 2023)",
    decision_date="2023-03-16", coding_date="2023-03-15",
    body="Poland (President and the Morawiecki government)",
    rule="single-government", decider="POL",
    question="Will Poland decide, in March 2023, to transfer MiG-29 fighters to Ukraine (with or without the coalition it had asked for)?",
    scale={"scale_0": "No transfer decided (status quo)", "scale_100": "Transfer decided"},
    actors={
        "POL_PRESIDENT": X("President Duda", 90, 0.8, 0.5, "Head of state and commander-in-chief of the armed forces", "Duda told CNN that Poland was ready to give Ukraine its MiG-29s and wanted to do so within a broad international coalition.", "https://en.interfax.com.ua/news/general/897418.html", veto=True),
        "POL_GOV": X("Prime Minister Morawiecki's government", 85, 0.8, 0.5, "Government; orders and funds the transfer", "Morawiecki said on 14 March the MiG-29s could go to Ukraine 'within the next four to six weeks'; in February he had said Poland would send them only as part of a coalition with other NATO countries (Judgement: near the proposal, with a coalition condition).", POL_0314, veto=True),
        "USA": X("United States (White House)", 75, 0.4, 0.3, "Ally; no formal say over Soviet-built jets", "Kirby said the White House supported Poland's decision to provide Ukraine with MiG jets.", "http://www.combataircraft.com/en/News/2023/03/15/US-endorses-Poland's-decision-to-give-Ukraine-MiG-combat-aircraft/"),
        "UKR": X("Ukraine (requester)", 100, 0.9, 0.1, "Requester; no say", "Ukraine had been asking the West for fighter jets; its air force could fly MiG-29s at once (AP, 14 March).", "https://beta.candorium.com/news/20230314165733279/poland-may-hand-mig-29-jet-fighters-to-ukraine-within-weeks"),
    },
    context={
        "reservation_possible": (False, _NATIONAL_WHY, POL_0314),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On 16 March 2023 Duda announced that Poland would hand four fully working MiG-29s to Ukraine in the coming days, with more being serviced; the decision was taken 'at the level of state authorities'.",
        sources=["https://www.pravda.com.ua/eng/news/2023/03/16/7393723/", "https://www.cei.int/ansa/124443"]),
    notes=dict(difficulty="Both internal deciders favoured the transfer; the open question was their coalition condition and timing.",
               judgement="The positions are judgements from the statements; a year earlier (supply_pol_mig29_ramstein_mar2022) the transfer via Ramstein did not happen. Slovakia's parallel decision is svk_mig29_ukraine_mar2023."),
))

F16_MAY = "https://www.politico.com/news/2023/05/19/fighter-jets-ukraine-biden-00097846"  # was TASS (1620417), same fact
F16_NYT = "https://www.mccourier.com/a-strengthened-zelensky-heads-to-g7-meeting-in-japan/"
F16_AUG = "https://eurointegration.com.ua/eng/news/2023/08/18/7167783/index.amp"
FRESH.append(dict(
    id="usa_f16_transfer_aug2023",
    title="The United States approves Denmark's and the Netherlands' transfer of F-16s to Ukraine (August 2023)",
    decision_date="2023-08-17", coding_date="2023-08-10",
    body="US executive (President Biden; third-party transfers of US-made aircraft need US approval)",
    rule="single-government", decider="USA",
    question="Will the US approve, in August 2023, the transfer of F-16 fighters from Denmark and the Netherlands to Ukraine?",
    scale={"scale_0": "No approval of transfers (status quo: training only)", "scale_100": "Transfers approved"},
    actors={
        "USA": X("United States - White House (Biden)", 70, 0.7, 1.0, "Decider: re-export of US-made aircraft needs US approval", "Biden told the G7 on 19 May that the US would support a joint effort to train Ukrainian pilots on fourth-generation aircraft including F-16s (Sullivan, 20 May); the NYT reported he was also prepared to let other countries give F-16s to Ukraine (" + F16_NYT + ") (Judgement: favourable in principle, no approval yet).", F16_MAY, veto=True),
        "DNK": X("Denmark (owner of the jets; leads the training coalition)", 90, 0.7, 0.2, "Would transfer its F-16s; asked the US for approval", "Rasmussen said Denmark and its defence minister had approached the US to explore their options; training in Denmark was to start in August.", F16_AUG, late=True),
        "NLD": X("Netherlands (owner of the jets; co-leads the training coalition)", 90, 0.7, 0.2, "Would transfer its F-16s; asked the US for approval", "Judgement: co-leader with Denmark of the F-16 training coalition formed at Vilnius in July.", F16_AUG, late=True),
        "UKR": X("Ukraine (requester)", 100, 1.0, 0.1, "Requester; no say", "Zelensky welcomed Biden's May decision as 'historic' and said he would discuss its 'practical implementation'.", F16_NYT),
    },
    context={
        "reservation_possible": (False, "Rule (judgement): a national approval of a transfer is given or not; there is nothing to reserve.", F16_MAY),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On 17 August 2023 Blinken wrote to his Danish and Dutch counterparts that the US fully supported the transfer of F-16s to Ukraine; Sullivan said the US would approve third-party transfers, in consultation with Congress, once the pilots' training was complete.",
        sources=["https://en.interfax.com.ua/news/general/929633.html", F16_AUG]),
    notes=dict(difficulty="The decider had moved in May; the question was when and on what conditions the formal approval would come.",
               judgement="The White House position (70) is a judgement. Denmark's and the Netherlands' only sources found are dated 18 August, after the coding date (flagged). The month in the question was chosen by the coder, who knew the outcome (a caveat, as for the Taurus case)."),
))

ATA_AXIOS = "https://www.axios.com/2023/09/15/atacms-long-range-missiles-zelensky-ukraine-biden"
FRESH.append(dict(
    id="usa_atacms_ukraine_oct2023",
    title="The United States sends ATACMS missiles to Ukraine (decided September, used 17 October 2023)",
    decision_date="2023-10-17", coding_date="2023-09-20",
    body="US executive (President Biden); the Pentagon advising, Congress pressing",
    rule="single-government", decider="USA",
    question="Will the US decide, before the end of 2023, to supply ATACMS long-range missiles to Ukraine?",
    scale={"scale_0": "No ATACMS (status quo)", "scale_100": "ATACMS supplied"},
    actors={
        "USA": X("United States - White House (Biden)", 45, 0.7, 1.0, "Decider", "A US official said on 15 September there was still a debate within the administration on ATACMS and no decision was planned for Zelensky's visit; Biden had said in May they were 'still in play' (AP, 24 July) (Judgement: undecided).", ATA_AXIOS, veto=True),
        "US_DOD": X("US Department of Defense", 25, 0.6, 0.3, "Advises; holds the fixed ATACMS stockpile", "Officials said in July the Pentagon believed Kyiv had more urgent needs and that sending enough ATACMS to matter would severely undercut US readiness for other conflicts.", "https://www.arkansasonline.com/news/2023/jul/24/biden-stands-firm-in-denying-missiles/"),
        "US_CONGRESS": X("US senators urging ATACMS", 100, 0.6, 0.2, "No say over the transfer", "Senators called on Biden to supply ATACMS as soon as possible; a congressional source told Foreign Policy that all departments had approved and that the decision lay with Biden.", "https://pledgetimes.com/us-authorities-approved-the-supply-of-atacms-ballistic-missiles-to-ukraine/"),
        "UKR": X("Ukraine (requester)", 100, 1.0, 0.1, "Requester; no say", "Ukrainian officials raised ATACMS during Blinken's visit to Kyiv and had hoped Biden would approve them during Zelensky's visit.", ATA_AXIOS),
    },
    context={
        "reservation_possible": (False, _NATIONAL_WHY, ATA_AXIOS),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="Biden told Zelensky in September that the US would send a small number of ATACMS (NBC, 22 September); they were shipped secretly and first used on 17 October 2023 against airfields at Berdyansk and Luhansk, and the White House confirmed the delivery.",
        sources=["https://thedailybeast.com/russian-airfields-hit-with-secretly-delivered-us-atacms-missiles", "https://www.ruetir.com/2023/10/ukraine-strikes-russian-base-with-american-atacms-missiles-for-the-first-time/"]),
    notes=dict(difficulty="A decider near the midpoint with its defence department against; a secret decision revealed by use. The November 2024 decision on ATACMS strikes inside Russia is usa_longrange_strikes_nov2024; the 2022 refusal is supply_usa_atacms_2022.",
               judgement="The decision date is the day the delivery became public (the decision itself was reported on 22 September, two days after the coding date). Positions are judgements from the reports."),
))


# ============================================================================ second step (session 6, "fresh2")
# Four more decisions from the same candidate list, fixed before any scoring, that the first step had
# not coded for want of time. Same conventions; coded and committed before any model was run on them.

S16_HUN = "https://elkaos.eu/2025/01/anti-russian-sanctions-package-wont.html"
S16_POLITICO = "https://eadaily.com/en/news/2024/12/04/europe-looks-helplessly-at-russia-politico-columnist"
FRESH.append(dict(
    id="eu_sixteenth_sanctions_package_feb2025",
    title="The EU's sixteenth sanctions package on Russia (aluminium, shadow fleet) and Hungary's veto threat on energy measures (February 2025)",
    decision_date="2025-02-24", coding_date="2025-02-17",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU adopt the sixteenth sanctions package by the invasion's third anniversary on 24 February 2025?",
    scale={"scale_0": "No package by 24 February", "scale_100": "Package adopted"},
    actors={
        "HUN": A(40, 0.6, "Szijjártó said on 27 January that Hungary would block any energy measures harming its interests from being included in the sixteenth package, which the Polish presidency had proposed: 'We said today that everyone should forget energy sanctions' (TASS, copied by elkaos.eu) (Judgement: opposed to energy content, not to a package as such).", S16_HUN, isolation_cost=0.5, iso_why="Judgement: alone in threatening a veto; on 27 January it had let the sectoral sanctions be rolled over once the Commission gave it guarantees on its energy security, while threatening to veto the March renewal of the listings (TASS, 31 January, https://tass.com/world/1907141)."),
    },
    default=A(90, 0.6, "Judgement: a Politico column of 4 December 2024 said Poland, holding the presidency from January, wanted to tighten restrictions on Russian energy, and that Orbán had promised to resist any new pressure on the Russian energy sector; no other member was reported opposed.", S16_POLITICO),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Szijjártó said on 20 February that Hungary had again blocked the listing of Patriarch Kirill (https://www.pravda.com.ua/eng/news/2025/02/20/7499316/).",
        summary="EU ambassadors agreed the package on 19 February 2025 and foreign ministers adopted it on 24 February: a phased ban on imports of Russian primary aluminium, 73 more shadow-fleet vessels, restrictions on 13 banks, 48 individuals and 35 entities listed.",
        sources=["http://vulcanconsulting.eu/eu-approves-16th-sanctions-package-amid-us-russia-talks", "https://eu.news-pravda.com/world/2025/02/24/19438.html"]),
    notes=dict(difficulty="A holdout whose threat was about content (energy), with an anniversary target; the question is whether a package without what it objected to passes.",
               judgement="Hungary's position (40) is a judgement from a TASS report copied by a blog (elkaos.eu); the shared coding is a judgement. No statement of Slovakia on this package dated before the coding date was found: it keeps the shared coding (a gap, not a position). deadline_pressure is not coded: the only source found naming the 24 February target is dated 19 February, after the coding date."),
))

S17_TASR = "https://www.teraz.sk/ekonomika/szijjarto-nepodporime-sankcie-eu-za/871229-clanok.html"
S17_KALLAS = "https://deutsch.news-pravda.com/world/2025/04/14/350244.html"
FRESH.append(dict(
    id="eu_seventeenth_sanctions_package_may2025",
    title="The EU's seventeenth sanctions package on Russia (shadow fleet) and Hungary's refusal of energy sanctions (May 2025)",
    decision_date="2025-05-20", coding_date="2025-05-12",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will EU foreign ministers adopt the seventeenth sanctions package at their meeting of 20 May 2025?",
    scale={"scale_0": "No package on 20 May", "scale_100": "Package adopted"},
    actors={
        "HUN": A(45, 0.5, "After the foreign ministers' meeting of 14 April in Luxembourg, which discussed the seventeenth package, Szijjártó said Hungary would in no case support the sanctions on Russian energy supplies and the nuclear industry that Ukraine's foreign minister had demanded and several EU colleagues backed (TASR, citing TASS) (Judgement: opposed to energy content, not to a package as such).", S17_TASR, isolation_cost=0.5, iso_why="Judgement: its red line was energy; a package of listings and shadow-fleet vessels did not cross it."),
    },
    default=A(90, 0.6, "Judgement: Kallas said on 14 April that the members were discussing a seventeenth package, including the shadow fleet, to be presented at the May Foreign Affairs Council, and that it should be made 'as powerful as possible'; on 8 May she indicated it could be adopted on 20 May (https://newgs-vidthmb.112.ua/en/kallas-skazala-koli-evrosouz-moze-uhvaliti-17-j-paket-sankcij-proti-rosii-62521).", S17_KALLAS),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="None reported; an EU diplomat told Handelsblatt that no controversial proposals were included, otherwise Hungary or Slovakia would have vetoed it (https://unn.ua/en/amp/the-17th-package-of-eu-sanctions-against-russia-has-been-agreed-but-turned-out-to-be-minimal-against-the-backdrop-of-the-threat-of-a-veto-by-hungary-or-slovakia-media).",
        summary="Ambassadors agreed the package on 14 May and foreign ministers adopted the package on 20 May 2025, with Hungary's support: 189 more shadow-fleet vessels (342 in all), 75 individuals and entities, and Surgutneftegaz.",
        sources=["https://www.eurointegration.com.ua/eng/news/2025/05/21/7212093/index.amp", "https://www.pravda.com.ua/eng/news/2025/05/14/7512199/"]),
    notes=dict(difficulty="A lone holdout with a red line on energy, and a package drafted to stay clear of it.",
               judgement="Hungary's position (45) is a judgement from a TASR/TASS report dated a month before the coding date; the shared coding is a judgement. No statement of Slovakia on this package dated before the coding date was found: it keeps the shared coding (a gap, not a position)."),
))

WP_DW = "https://ukrinform.net/amp/rubric-polytics/3842811-hungary-to-block-european-commissions-offer-to-give-ukraine-profits-off-frozen-russian-assets.html"
FRESH.append(dict(
    id="eu_windfall_profits_russian_assets_may2024",
    title="Using the windfall profits of immobilised Russian central-bank assets for Ukraine, 90 % for military support (Council, 21 May 2024)",
    decision_date="2024-05-21", coding_date="2024-05-06",
    body="Council of the EU (CFSP decision amending the Russia restrictive measures, unanimity)",
    rule="eu-unanimity",
    question="Will the Council decide, in May 2024, to use the windfall profits of immobilised Russian central-bank assets for Ukraine, 90 % of them for military support through the European Peace Facility?",
    scale={"scale_0": "No decision on the windfall profits' use", "scale_100": "Use for Ukraine decided (90 % military)"},
    actors={
        "HUN": A(20, 0.6, "A senior EU diplomat told DW on 21 March that Hungary opposed the Commission's proposal to use 90 % of the profits to buy weapons for Ukraine: Budapest believed the funds could be used for anything but weapons (Ukrinform).", WP_DW, isolation_cost=0.5, iso_why="Judgement: alone against the military use; on the Ukraine Assistance Fund in March it had abstained constructively rather than block (http://abouthungary.hu/news-in-brief/hungary-abstains-from-eu-funding-vote-for-ukraine)."),
    },
    default=A(90, 0.6, "Judgement: the same diplomat said the majority of members shared the understanding that the proceeds should buy weapons and ammunition for Ukraine; Borrell had proposed on 20 March that 90 % go through the European Peace Facility and 10 % through the EU budget.", WP_DW),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
    },
    outcome=dict(adopted=True, value=100, type="adopted_with_opt_outs",
        opt_outs=["HUN"],  # its share not used for weapons (FT); "did not participate in the decision" (Borrell, 24 June)
        side_payments="EU officials offered Hungary a deal under which its share would not be used to buy weapons for Ukraine, which convinced Budapest not to veto the plan (FT, https://fnnewz.com/viktor-orban-stops-arms-financing-in-ukraine-from-frozen-russian-assets/).",
        summary="EU ambassadors agreed on 8 May and the Council adopted on 21 May 2024 the use of the windfall profits for Ukraine (about EUR 2.5-3bn a year, 90 % military, 10 % reconstruction). Hungary then held up the implementing acts; on 24 June the Council allocated the first EUR 1.4bn without it, Borrell saying Hungary had not taken part in the decision to use the funds.",
        sources=["https://news.online.ua/en/eu-council-adopts-profits-confiscation-from-russias-assets-for-ukraine-878845/", "https://www.pravda.com.ua/eng/news/2024/05/8/7454839/", "https://searchenginego.com/eu-finds-legal-way-to-circumvent-hungarian-veto-on-ukraine-support-from-frozen-russian-assets-30438.html"]),
    notes=dict(difficulty="A lone opponent of the military use that stepped aside for a carve-out of its share, then delayed the implementation; the June allocation routed around it.",
               judgement="Hungary's position (20) is a judgement from an anonymous diplomat's account (the only dated pre-decision source found; no on-record Hungarian statement before the decision was found); the shared coding is a judgement. The opt-out coding is a judgement from the FT report of the deal on Hungary's share (published after the decision) and Borrell's statement of 24 June; no Council record of a formal abstention on 21 May was found. opt_out_possible and side_payment_available are not coded: no source dated before the decision names the carve-out."),
))

V2_SMITH = "https://stripes.com/theaters/europe/2023-06-08/nato-summit-increase-defense-spending-10373572.html"
V2_CAN = "https://www.ctvnews.ca/politics/trudeau-told-nato-canada-can-t-meet-defence-spending-target-washington-post-reports-1.6362779"
V2_CBC = "https://www.cbc.ca/news/politics/nato-vilnius-anand-ukraine-russia-1.6893480?cmp=rss"
FRESH.append(dict(
    id="nato_two_percent_floor_vilnius_2023",
    title="NATO's 2 % of GDP as an enduring floor rather than a target (Vilnius summit, July 2023)",
    decision_date="2023-07-11", coding_date="2023-07-05",
    body="NATO (North Atlantic Council, heads of state and government, Vilnius)",
    rule="nato-consensus",
    question="Will the Vilnius summit commit the allies to spend at least 2 % of GDP on defence every year, as a floor rather than a target to move towards?",
    scale={"scale_0": "2 % as a target to move towards by 2024 (Wales pledge, status quo)", "scale_100": "At least 2 % of GDP annually, an enduring floor"},
    actors={
        "USA": A(100, 0.7, "US Ambassador to NATO Julianne Smith said on 7 June that 2 % 'is a floor, not a ceiling, and there will be language on this', and that the US planned to roll out a 'DIP 2.0' at Vilnius.", V2_SMITH),
        "GBR": A(90, 0.5, "Defence Secretary Wallace said on 29 June, beside his Canadian counterpart, that Canada, France, Germany, Denmark and the other allies below 2 % 'should try and get there': 'we want all NATO countries to be above two per cent'.", V2_CBC),
        "CAN": A(40, 0.6, "A leaked Pentagon document reported by the Washington Post on 19 April said Trudeau had privately told NATO that Canada would never reach 2 % defence spending. Canada spent 1.29 % of GDP in 2022 and allies pressed it behind closed doors (CBC, 29 June, " + V2_CBC + ") (Judgement: reluctant, no stated position on the floor wording).", V2_CAN, isolation_cost=0.4, iso_why="Judgement: one of many allies below 2 % (only seven or eight had reached it, Smith, June), under US and allied pressure; a communiqué floor sets no date and no sanction."),
    },
    default=A(80, 0.5, "Judgement: Stoltenberg said on 3 April that he expected the allies to agree at Vilnius that 2 % be a floor rather than a ceiling; in June only seven or eight allies had reached it (Smith, " + V2_SMITH + ").", "https://www.agenzianova.com/a/642abd9ab0ec59.72554582/4310688/2023-04-03/nato-stoltenberg-obiettivo-due-per-cento-spese-militari-non-sara-un-tetto-massimo"),
    context={
        "reservation_possible": (False, _NATO_COLLECTIVE_WHY, NATO_CONSENSUS),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="The Vilnius Summit Communiqué of 11 July 2023 made an enduring commitment to invest at least 2 % of GDP annually on defence, with 20 % of it on major equipment; Reuters had reported agreement among the 31 allies on 7 July. Canada signed it.",
        sources=["https://www.nato.int/cps/en/natohq/official_texts_217320.htm", "https://webjosh.com/article/nato-leaders-agree-to-spend-at-least-two-per-cent-of-their-countries-gdp-on-defence-1689095973-8242"]),
    notes=dict(difficulty="Many allies below the target, one of them reported to have said it would never reach it; the commitment was a wording, not a date.",
               judgement="The positions are judgements from the statements; the shared coding is a judgement. Canada's coding rests on a leaked document reported by the press, not on an on-record statement. No individual pre-decision statement on the floor wording was found for the other allies below 2 %: they keep the shared coding (a gap, not a position)."),
))
