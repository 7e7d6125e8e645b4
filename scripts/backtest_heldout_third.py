"""A third held-out batch (issue 16, session 7, engineer "fresh3a"): EU and NATO decisions of 2023-2025.

Session 7: coded, and committed, before any model run on them; evaluation only. These cases are never
fitted on and nothing here may be used to choose or tune a parameter, a rule or a default. They are
read by ``make_heldout_cases.py`` with the other held-out lists (one generator).

The conventions are those of ``backtest_heldout_fresh.py``: every position and salience from a source
dated no later than ``coding_date`` (a source dated later is flagged ``late=True`` and written as
``source_after_coding_date``); a coding that rests on judgement says "Judgement:"; members without an
individual statement share the ``default`` coding, which cites the report describing the majority. A
``[context]`` flag is written only where a source dated before the decision names the option (absent
otherwise, never false for "not found"); ``reservation_possible`` follows the instrument rules of
``backtest_reservations.py``. Sources are news pages found with the search tool and read from
excerpts; a page without a printed date is dated from its text, and says so.

Appended, same session and conventions, by engineer "fresh3c" (coded blind, before any model run):
the July 2025 renewal of the economic sanctions on Russia (the one candidate of the six-monthly
renewals left uncoded that could be sourced before its decision; the July 2023, January 2024 and July
2024 renewals were not coded: no source dated before them giving a member's position was found).
"""

from __future__ import annotations

from backtest_corpus import A, X
from backtest_reservations import (
    _CFSP_WHY,
    _ENLARGEMENT_WHY,
    _NATO_COLLECTIVE_WHY,
    _NATO_OPERATION_WHY,
    _STATEMENT_WHY,
    CFSP,
    EU_UNANIMOUS,
    NATO_CONSENSUS,
    NATO_CONTRIBUTIONS,
    TEU_49,
)

THIRD: list[dict] = []

# ============================================================================ EU sanctions
S10_NV = "https://english.nv.ua/nation/eu-fails-to-approve-new-russia-sanctions-news-50306478.html"
S10_REUTERS = "https://wtvbam.com/2023/02/24/eu-war-anniversary-sanctions-against-russia-stalled-diplomats/"
S10_SADOS = "https://en.interfax.com.ua/news/general/893689.html"
THIRD.append(dict(
    id="eu_tenth_sanctions_package_feb2023",
    title="The EU's tenth sanctions package on Russia and Poland's objection to the synthetic-rubber quota (February 2023)",
    decision_date="2023-02-24", coding_date="2023-02-24",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU adopt the tenth sanctions package (export bans worth about EUR 11bn, three more banks, new listings) around the invasion's first anniversary, with Poland objecting that the synthetic-rubber restrictions are too weak?",
    scale={"scale_0": "No tenth package", "scale_100": "Package adopted"},
    actors={
        "POL": A(40, 0.6, "Poland held up the package at the ambassadors' meetings of 22-24 February: it said the proposed import quota for Russian synthetic rubber (560,000 tonnes) and the long transition periods asked for by Italy would have no effect in practice; a Polish official said 'we do not block sanctions, we just want sanctions that make sense'. On 24 February its ambassador Sados tabled a compromise with transition periods and a monthly falling quota (Judgement: a hawk objecting to one soft clause, not to the package).", S10_REUTERS, isolation_cost=0.5, iso_why="Judgement: alone; other members were 'baffled' that Warsaw risked having no package on the anniversary over one element (Reuters, 24 February)."),
        "ITA": A(80, 0.5, "Italy, supported by Germany, had asked for laxer curbs and a long transition on Russian rubber imports for its tyre industry, which Poland refused (Reuters, 24 February) (Judgement: for the package, against a tight rubber clause).", S10_REUTERS),
        "DEU": A(85, 0.4, "Reuters reported on 23 February that the rubber exemptions were offered to Italy and supported by Germany (Judgement: for the package with the exemptions).", S10_NV),
    },
    default=A(90, 0.6, "Judgement: ambassadors had agreed all of the package but the rubber element (Sados: 'all other key items ... seem to be agreed'); Borrell had said he was confident it would be adopted by the anniversary.", S10_SADOS),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "deadline_pressure": (True, "The package was meant to be adopted by 24 February, the first anniversary of the invasion; Borrell had said he was confident it would be.", S10_SADOS),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Poland obtained an assurance that the Commission would publish quarterly reports on the diversification of EU synthetic-rubber imports (Polish EU minister, 25 February) and, per a Polish diplomat, that rubber imports would be reviewed regularly.",
        summary="EU ambassadors agreed the package late on 24 February 2023 after Poland gave way (Polish EU minister, 25 February: 'the strongest ever'); synthetic rubber is sanctioned after a transition period.",
        sources=["https://www.wiwo.de/politik/europa/konflikte-zehntes-paket-eu-staaten-einigen-sich-auf-neue-sanktionen-gegen-russland/29003360.html", "https://warsawpoint.com/news/47728-polish-eu-minister-says-latest-sanctions-on-russia-strongest-ever.html"]),
    notes=dict(difficulty="A hawk holding up an anniversary package over one clause it found too soft; it gave way a day late for a reporting promise.",
               judgement="The positions are judgements from the reports; the shared coding is a judgement. The coding date is the day of the decision: Sados' statement and the Reuters report were made during the day, the package was agreed that night. No Hungarian statement on this package dated before the coding date was found: Hungary keeps the shared coding (a gap, not a position)."),
))

SET_REUTERS = "https://www.middleeastmonitor.com/20240209-hungary-czech-republic-hold-up-eu-move-to-sanction-violent-israeli-settlers/"
THIRD.append(dict(
    id="eu_settler_sanctions_mar2024",
    title="EU sanctions on violent Israeli settlers in the West Bank, held up by Hungary (political agreement, 18 March 2024)",
    decision_date="2024-03-18", coding_date="2024-03-11",
    body="Council of the EU (CFSP restrictive measures, unanimity)",
    rule="eu-unanimity",
    question="Will EU foreign ministers agree, in March 2024, to impose sanctions (travel bans, asset freezes) on violent Israeli settlers, as Borrell proposed in December 2023?",
    scale={"scale_0": "No settler sanctions", "scale_100": "Settler sanctions agreed"},
    actors={
        "HUN": A(10, 0.6, "Szijjártó said on 7 February that now was 'definitely not the time' to sanction Israeli settlers; Budapest said the EU should focus on helping Israel defeat Hamas and free the hostages. Hungary and the Czech Republic made clear in an EU committee on 8 February that they were not ready to let the proposal go forward (Reuters).", SET_REUTERS, isolation_cost=0.5, iso_why="Judgement: the Czech Republic said it did not block the measure 'substantively', leaving Hungary close to alone; some diplomats expected a compromise linked to more sanctions on Hamas."),
        "CZE": A(60, 0.4, "Foreign Minister Lipavsky said the Czech Republic was not 'substantively' blocking sanctions on settlers inciting violence but did not want them to come alongside measures against Hamas (Reuters, 9 February) (Judgement: for, on a condition of timing).", "https://praguemorning.cz/czech-republic-hungary-block-eu-sanctions-on-israeli-settlers/"),
    },
    default=A(85, 0.5, "Judgement: Borrell said in December he would propose the measures; the US and Britain had already sanctioned settlers; the proposal covered about a dozen people or organisations, and EU officials were increasingly concerned about violence against Palestinians in the West Bank (Reuters, 9 February).", SET_REUTERS),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "side_payment_available": (True, "Diplomats said a compromise might be found later to let the measures proceed, possibly after more EU sanctions on Hamas, which Hungary wanted.", SET_REUTERS),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On 18 March 2024 the Foreign Affairs Council reached a unanimous political agreement on sanctions (travel bans, asset freezes) against violent settlers; according to diplomats Hungary, the last obstacle, had announced the week before that it would end its resistance. The legal acts needed formal approval afterwards.",
        sources=["https://menafn.com/1107993388/EU-Enacts-Sanctions-On-West-Bank-Settlers-Amid-Palestinian-Harassment", "https://iuvmpress.co/european-union-agreement-on-sanctions-against-extremist-settlers"]),
    notes=dict(difficulty="A lone ideological holdout (a close ally of Israel) against a listing it called untimely, with a linked measure (Hamas sanctions) it wanted.",
               judgement="Hungary's and the Czech positions are judgements from the Reuters report; the shared coding is a judgement. A Jerusalem Post report that Hungary might drop its opposition is dated on the decision day and was not used. The decision coded is the political agreement of 18 March; the formal adoption of the legal acts is not coded."),
))

ERA_CUERPO = "https://infobae.com/america/agencias/2024/10/08/hungria-pide-esperar-a-las-elecciones-en-eeuu-para-desbloquear-el-prestamo-de-35000-millones-a-ucrania"
THIRD.append(dict(
    id="eu_sanctions_renewal_period_era_oct2024",
    title="Extending the renewal period of the freeze on Russian central-bank assets to 36 months, asked for the US share of the G7 ERA loan (European Council, 17 October 2024)",
    decision_date="2024-10-17", coding_date="2024-10-14",
    body="Council of the EU (CFSP decision amending the Russia restrictive measures, unanimity)",
    rule="eu-unanimity",
    question="Will the EU agree, by the European Council of 17-18 October 2024, to extend the renewal period of the Russian asset immobilisation from six months to up to 36 months, as the US asked before taking an equal share of the USD 50bn G7 loan?",
    scale={"scale_0": "Six-month renewals kept (status quo)", "scale_100": "Renewal period extended (up to 36 months)"},
    actors={
        "HUN": A(10, 0.6, "Finance Minister Varga said on 8 October: 'We believe that this issue should be decided - the prolongation of the Russian sanctions - after the US elections ... We have to see in which direction the future US administration is going'. Politico reported on 14 October that Orbán was not caving under pressure.", "https://eurointegration.com.ua/eng/news/2024/10/8/7195811", isolation_cost=0.4, iso_why="Judgement: alone ('consensus minus one'), but asking only for a delay of a few weeks, and the EU's own loan did not depend on the change."),
    },
    default=A(90, 0.6, "Judgement: Spain's economy minister Cuerpo said on 8 October there was 'consensus minus one', every member but Hungary favouring the extension; Commissioner Gentiloni spoke of 'almost unanimous' support, as a precondition for equal US participation.", ERA_CUERPO),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "route_around": (True, "Hungary's obstruction concerned the extension only, not the decision on the EU's own part of the loan (up to EUR 35bn), which could go ahead without it; the US was considering a smaller share instead.", "https://eurointegration.com.ua/eng/news/2024/10/8/7195811"),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="At the European Council of 17 October 2024 Orbán refused to allow the change, fulfilling his threat to wait for the US election (Bloomberg); EU envoys had agreed the mechanism of the EU's own loan of up to EUR 35bn earlier in October without it. In December Orbán told EU leaders he would now wait for Trump's inauguration before deciding even the ordinary renewal.",
        sources=["https://biz.liga.net/en/amp/all/tek/novosti/orban-fulfills-his-threat-to-delay-decision-on-duration-of-russia-sanctions-until-us-election", "https://tass.com/world/1855767", "https://hungary.news-pravda.com/en/russia/2024/12/19/1879.html"]),
    notes=dict(difficulty="A lone holdout asking for delay, not for a price, on a change the others could live without (the loan went ahead with a smaller US share).",
               judgement="Hungary's position (10) and the shared coding are judgements from the reports. The Bloomberg report of the summit is read from a copy (biz.liga.net) without a printed date; its text places the refusal at the summit of Thursday 17 October."),
))

GEO_TELEX = "https://telex.hu/english/2024/12/10/szijjarto-hungary-will-veto-eu-sanctions-against-georgian-officials-if-necessary"
GEO_SAMBEBI = "https://sakartvelosambebi.ge/en/news/hungary-to-veto-eu-sanctions-against-georgian-government-says-szijjarto"
_GEO_BALTIC = "Lithuania, Latvia and Estonia had already imposed national visa sanctions on Georgian Dream's honorary chairman Ivanishvili, the interior minister Gomelauri and senior interior-ministry officials (Judgement: for EU-wide listings)."
THIRD.append(dict(
    id="eu_georgia_officials_sanctions_dec2024",
    title="EU sanctions on Georgian officials over the crackdown on pro-EU protests, vetoed by Hungary and Slovakia (Foreign Affairs Council, 16 December 2024)",
    decision_date="2024-12-16", coding_date="2024-12-11",
    body="Council of the EU (CFSP restrictive measures, unanimity)",
    rule="eu-unanimity",
    question="Will EU foreign ministers agree, on 16 December 2024, to sanction Georgian officials (the interior minister and police chiefs) over the violent repression of protests?",
    scale={"scale_0": "No EU listings", "scale_100": "Listings of Georgian officials agreed"},
    actors={
        "HUN": A(0, 0.7, "Szijjártó said on 10 December, beside Georgia's foreign minister in Budapest: 'Hungary is firmly opposed to the placing of Georgian government officials on a sanctions list, and if such a proposal is officially made, we will of course veto it, everyone can be assured of that' (MTI, via Telex).", GEO_TELEX, isolation_cost=0.3, iso_why="Judgement: an announced veto in support of a friendly government; other members could act nationally (the Baltic states already had)."),
        "SVK": A(20, 0.4, "Prime Minister Fico said after a call with Costa that any intervention in Georgia's internal affairs through sanctions was 'a red line for us' (reported after the meeting; no Slovak statement dated before 16 December was found).", "https://caliber.az/en/post/slovak-pm-condemns-proposed-eu-sanctions-against-georgia", late=True, isolation_cost=0.4, iso_why="Judgement: beside Hungary, on a question far from its core interests."),
        "LTU": A(100, 0.7, _GEO_BALTIC, GEO_SAMBEBI),
        "LVA": A(100, 0.7, _GEO_BALTIC, GEO_SAMBEBI),
        "EST": A(100, 0.7, _GEO_BALTIC, GEO_SAMBEBI),
    },
    default=A(80, 0.5, "Judgement: the EEAS said on 10 December that ministers would consider new measures against Georgia on 16 December; Szijjártó said sanctions against the interior minister and two senior police officials were being discussed in Brussels; the EU ambassador to Georgia said on 9 December that recent events called for sanctions (https://globalnews.ge/en/evropa/1066-ungreti-acxadebs-rom-quot-qartuli-ocnebis-quot-mar).", "https://en.iz.ru/en/1805164/2024-12-10/szijjarto-admits-hungarys-veto-if-eu-imposes-anti-georgian-sanctions"),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "route_around": (True, "The EU ambassador to Georgia said suspending visa-free travel for certain categories of passports (a qualified-majority measure) was being considered, and the Baltic states had imposed national sanctions.", GEO_SAMBEBI),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="On 16 December 2024 Hungary and Slovakia blocked the listings at the Foreign Affairs Council (Kallas: 'For sanctions we need all 27 on board, and we are not there'); the Commission was to propose suspending visa-free travel for Georgian diplomatic and service passports, which needs only a qualified majority.",
        sources=["https://censor.net/en/news/3525347/slovakia-and-hungary-block-eu-sanctions-against-georgia", "https://www.teraz.sk/slovensko/blanar-v-bruseli-sr-nezasahuje-do-vys/843781-clanok.html", "https://en.mehrnews.com/news/225667/Hungary-Slovakia-veto-EU-sanctions-against-Georgia"]),
    notes=dict(difficulty="An announced veto by an ally of the target government, joined by a second member; the majority had a qualified-majority fallback.",
               judgement="Hungary's position rests on its own statement; Slovakia's only source is dated after the decision (flagged). The Baltic and shared codings are judgements; the Georgian-news page (sakartvelosambebi.ge) has no printed date, its text reports the press conference of 10 December."),
))

RO_RFE = "https://www.pravda.com.ua/eng/news/2025/03/10/7502153/"
THIRD.append(dict(
    id="eu_russia_listings_renewal_mar2025",
    title="The March 2025 six-month renewal of the EU's individual sanctions on Russia (about 2,400 listings), held up by Hungary",
    decision_date="2025-03-14", coding_date="2025-03-10",
    body="Council of the EU (CFSP restrictive measures, unanimity)",
    rule="eu-unanimity",
    question="Will the EU renew its individual sanctions on Russia (asset freezes and travel bans on about 2,400 people and entities) before they expire on 15 March 2025?",
    scale={"scale_0": "Listings lapse", "scale_100": "Listings renewed for six months"},
    actors={
        "HUN": A(40, 0.6, "Hungary refused to approve the renewal at the ambassadors' meeting of 10 March, the only member blocking it; it demanded that eight people be removed from the list in return (RFE/RL, 10 March). Szijjártó had said on 24 February Budapest 'would not agree to rush' the renewal, and it also sought guarantees on talks about Ukrainian gas transit (Reuters, https://babel.ua/en/news/115750-reuters-hungary-demands-removal-of-a-number-of-people-from-eu-sanctions-list-otherwise-it-will-block-extension-of-restrictions) (Judgement: a price for renewal, not an objection to it).", RO_RFE, isolation_cost=0.6, iso_why="Judgement: alone; a lapse would have freed some 2,400 listed people and entities at once, and in January it had let the economic sanctions be renewed once the Commission agreed to include it in talks on resuming gas transit (Reuters)."),
    },
    default=A(95, 0.6, "Judgement: Hungary was reported the only member blocking the renewal on 10 March; the others sought to renew the listings before their expiry on 15 March.", RO_RFE),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "deadline_pressure": (True, "The listings were set to expire on 15 March unless all 27 renewed them.", RO_RFE),
        "side_payment_available": (True, "EU negotiators answered Hungary's demand for eight delistings with a counterproposal to lift sanctions on four people.", RO_RFE),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Some of the names Hungary asked for were removed: reports name Gulbahor Ismailova, Viatcheslav Moshe Kantor and Mikhail Degtyarev (three of the eight requested, RFE/RL; Euronews counted four people released, three of them Hungary's), and some deceased people were dropped.",
        summary="Hungary gave its consent on 13 March after the EU agreed to remove some of the names it asked for; the listings were renewed for six months on 14 March 2025, a day before they would have lapsed.",
        sources=["https://unn.ua/en/news/hungary-has-agreed-to-extend-eu-sanctions-against-more-than-2000-russians-media", "https://en.haberler.com/hungary-lifted-the-veto-and-the-eu-s-sanctions-on-2065310/", "https://thearabianmirror.com/hungary-gives-up-its-veto-and-consents-to"]),
    notes=dict(difficulty="A lone holdout before an expiry date, with its price (delistings) negotiable and partly paid.",
               judgement="Hungary's position (40) and the shared coding are judgements from the reports. No statement of Slovakia on this renewal dated before the coding date was found: it keeps the shared coding (a gap, not a position). The January 2025 renewal of the economic sanctions is eu_russia_sanctions_rollover_jan2025."),
))

R25J_UNN = "https://unn.ua/en/news/the-eu-seems-to-have-a-green-light-to-extend-sanctions-against-russia-next-week-media"
R25J_POLITICO = "https://www.politico.eu/article/eu-countries-viktor-orban-proof-russia-sanction/"
THIRD.append(dict(
    id="eu_russia_sanctions_rollover_jul2025",
    title="The July 2025 six-month renewal of the EU's economic sanctions on Russia, agreed by the European Council on 26 June 2025 with Hungary hinting at a refusal",
    decision_date="2025-06-26", coding_date="2025-06-17",
    body="European Council / Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU agree to renew its economic sanctions on Russia (including the freeze of about EUR 200bn of central-bank assets), which lapse on 31 July 2025 unless all 27 renew them, at the European Council of 26-27 June 2025?",
    scale={"scale_0": "No renewal agreed", "scale_100": "Renewal for six months agreed"},
    actors={
        "HUN": A(45, 0.5, "RFE/RL's Jozwiak reported on 17 June that a green light to extend all EU sanctions on Russia at the next week's European Council seemed very likely, but that 'Hungary is toying with the idea of not giving approval' (Judgement: a hinted refusal with no stated price; in January it had held up the renewal until it obtained a Commission statement on energy security, eu_russia_sanctions_rollover_jan2025, and in March it had obtained delistings, eu_russia_listings_renewal_mar2025).", R25J_UNN, isolation_cost=0.6, iso_why="Judgement: alone on the renewal; in January the US Secretary of State Rubio had privately urged Budapest to back down (Politico, 14 April 2025), and a lapse would have released the frozen central-bank assets."),
    },
    default=A(95, 0.6, "Judgement: Jozwiak (17 June) reported a green light for extending all EU sanctions at the European Council as very likely; the others had renewed every six months since 2014 and several capitals were working to make the sanctions regime resilient to a Hungarian veto (Politico, 14 April 2025, " + R25J_POLITICO + ").", R25J_UNN),
    context={
        "reservation_possible": (True, _CFSP_WHY, CFSP),
        "route_around": (True, "At least half a dozen capitals (among them Belgium and the Czech Republic) were pushing to transpose the EU-wide sanctions into national law, which would limit the impact of a Hungarian veto on the six-monthly renewal (Politico, 14 April 2025); a partial route around, not a substitute for the EU act.", R25J_POLITICO),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="At the end of the European Council of 26 June 2025 the leaders gave their political agreement to extend the economic sanctions for another six months, more than a month before the 31 July expiry; pressed by Costa, Orbán raised no objection (Eunews, 27 June); Belgium's De Wever said it was decided 'without discussion, without problems' (Brussels Times). AFP reported afterwards that officials had been preparing contingency plans in case Orbán refused (RTÉ, 27 June). The formal Council decision was to follow (on the agenda as early as 30 June). The 18th package, blocked by Slovakia at the same summit, is a separate decision (eu_eighteenth_sanctions_package_jul2025).",
        sources=["https://www.eunews.it/en/?p=430980", "https://www.rte.ie/news/europe/2025/0627/1520601-eu-summit", "https://www.brusselstimes.com/1647700/eu-leaders-agree-to-extend-sanctions-against-russia", "https://unn.ua/en/news/eu-approves-extension-of-current-sanctions-against-russia-amid-disputes-over-new-package"]),
    notes=dict(difficulty="A lone holdout that hinted at a refusal without naming a price, a month before the expiry date, after two renewals in which it had asked for and obtained something.",
               judgement="Hungary's position (45) and the shared coding are judgements from a journalist's report of the diplomats' mood (no Hungarian statement on this renewal dated before the coding date was found). Slovakia, which was blocking the 18th package at the time, made no statement on the renewal before the coding date that was found: it keeps the shared coding (a gap, not a position); Politico's report that 'Hungary and Slovakia had previously threatened to hold the deal hostage' is dated on the decision day and was not used. The decision coded is the political agreement of 26 June; the formal adoption of the legal act is not coded."),
))

# ============================================================================ European Council texts
EC26_KRONE = "https://www.krone.at/3715473"
THIRD.append(dict(
    id="eu_council_ukraine_text_eu26_mar2025",
    title="The special European Council's text on Ukraine, issued by 26 members without Hungary (6 March 2025)",
    decision_date="2025-03-06", coding_date="2025-03-06",
    body="European Council (conclusions by consensus)",
    rule="eu-unanimity",
    question="Will the special European Council of 6 March 2025 adopt its text on Ukraine (peace only with Ukraine and Europe at the table, security guarantees, continued support), with Hungary refusing the draft?",
    scale={"scale_0": "No text on Ukraine", "scale_100": "Text on Ukraine adopted"},
    actors={
        "HUN": A(5, 0.8, "Orbán wrote to Costa on 1 March that there were 'strategic differences' on Ukraine that 'cannot be resolved by amendments', proposed not to try to adopt a written text on Ukraine in its current form and to limit the conclusions to support for UN Security Council resolution 2774; on 6 March he announced his opposition to the Ukraine part (Krone).", "https://news.online.ua/en/orban-threatens-to-block-eu-communique-on-ukraine-891276/", isolation_cost=0.3, iso_why="Judgement: alone on the text, and diplomats were already considering issuing it as a declaration of the other 26 (Krone, 6 March), which costs Hungary nothing."),
        "SVK": A(50, 0.6, "Fico said on 2 March that Slovakia would block the summit's decisions on Ukraine unless they mentioned the need for a truce and the reopening of gas transit through Ukraine (https://slovakia.news-pravda.com/en/eu/2025/03/02/5176.html); on 6 March, before leaving for Brussels, he said that if the conclusions called for finding a solution to resume gas transit 'we have no reason not to support them' (TASR).", "https://europeannewsroom.com/?p=1010042", isolation_cost=0.6, iso_why="Judgement: its price was one paragraph, and it said it would not block bilateral support for Ukraine."),
    },
    default=A(95, 0.6, "Judgement: diplomats said on 6 March that it was unclear whether the declaration would be adopted by all 27 or as a declaration of the other 26 states, i.e. the others backed it.", EC26_KRONE),
    context={
        "reservation_possible": (False, _STATEMENT_WHY, EU_UNANIMOUS),
        "route_around": (True, "Diplomats said the declaration might be issued by the other 26 states instead of all 27.", EC26_KRONE),
        "side_payment_available": (True, "Slovakia said it would support the conclusions if they included a call to find a solution for resuming gas transit through Ukraine.", "https://europeannewsroom.com/?p=1010042"),
    },
    outcome=dict(adopted=True, value=100, type="adopted_with_opt_outs",
        opt_outs=["HUN"],  # the Ukraine text was annexed as "firmly supported by 26"; not European Council conclusions
        side_payments="Slovakia: a paragraph on cooperation with Ukraine and the Commission to resolve gas transit.",
        summary="Hungary refused the Ukraine text, which was issued as a text firmly supported by 26 heads of state or government and annexed to the conclusions; Slovakia backed it once the gas-transit paragraph was added.",
        sources=["https://news.az/news/orban-blocks-eu-statement-on-ukraine-support-amid-peace-deal-tensions", "https://athens-times.com/26-eu-nations-agree-on-ukraine-summit-conclusions-amid-hungarys-veto/"]),
    notes=dict(difficulty="A lone holdout on a text in the Union's name, routed around by issuing it at 26; a second holdout bought with one paragraph.",
               judgement="Coded as adopted with Hungary opted out because the text was issued by the others; formally the European Council adopted no conclusions on Ukraine in the name of all 27 (a reader scoring 'conclusions of 27' would call this blocked). The coding date is the day of the decision: Orbán's and Fico's statements of that day were made before the leaders met. The shared coding is a judgement."),
))

# ============================================================================ EU enlargement
IGC_UNN = "https://unn.ua/en/news/eu-today-discusses-negotiation-framework-on-ukraines-accession-amid-hungarys-blocking-mass-media"
THIRD.append(dict(
    id="eu_ukraine_moldova_first_igc_jun2024",
    title="The first intergovernmental conferences with Ukraine and Moldova, formally opening accession negotiations (25 June 2024)",
    decision_date="2024-06-25", coding_date="2024-06-07",
    body="Council of the EU (negotiating frameworks and intergovernmental conferences under TEU Art. 49, unanimity)",
    rule="eu-unanimity",
    question="Will the EU adopt the negotiating frameworks and hold the first intergovernmental conferences with Ukraine and Moldova before the Belgian presidency ends in June 2024?",
    scale={"scale_0": "No intergovernmental conference (talks not formally opened)", "scale_100": "First intergovernmental conferences held"},
    actors={
        "HUN": A(40, 0.6, "At the ambassadors' discussion of the negotiating frameworks on 29 May, Hungary was blocking Ukraine's (not Moldova's) over 11 bilateral issues on national minorities in Ukraine (RFE/RL's Jozwiak) (Judgement: a price in minority rights, not a refusal of talks).", IGC_UNN, isolation_cost=0.5, iso_why="Judgement: alone; it had let the European Council decide to open talks in December 2023 by leaving the room (eu_ukraine_moldova_accession_talks_dec2023)."),
    },
    default=A(90, 0.6, "Judgement: the aim was still to open the accession talks formally at the end of June, which needed unanimity (Jozwiak, 29 May).", IGC_UNN),
    actors_extra={
        "UKR": X("Ukraine (candidate; no vote)", 100, 0.9, 0.1, "Candidate; no vote", "Judgement: Ukraine sought the formal opening of talks at the end of June.", IGC_UNN),
    },
    context={
        "reservation_possible": (False, _ENLARGEMENT_WHY, TEU_49),
        "deadline_pressure": (True, "The aim was to open the talks formally at the end of June, before the Belgian presidency ended.", IGC_UNN),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Szijjártó said all of Hungary's conditions, including restoring the rights of the Hungarian minority in Transcarpathia, were included in Ukraine's negotiating framework.",
        summary="Hungary stopped blocking on 14 June, when ambassadors agreed the negotiating frameworks in principle; the first intergovernmental conferences with Ukraine and Moldova were held on 25 June 2024.",
        sources=["https://www.pravda.com.ua/eng/news/2024/06/14/7460868/", "https://24.kg/english/296848_Negotiations_on_Ukraine_Moldovas_accession_to_EU_to_start_on_June_25/"]),
    notes=dict(difficulty="A lone holdout whose price (minority-rights language in the framework) could be written into the text; the presidency's end gave a date.",
               judgement="Hungary's position (40) and the shared coding are judgements. Moldova's talks were held together with Ukraine's (one case). Hungary's December 2023 abstention is eu_ukraine_moldova_accession_talks_dec2023."),
))

CL_WRONSKI = "https://menafn.com/1109673506/Poland-Vows-To-Overcome-Hungarys-Resistance-To-Talks-With-Ukraine-Until-The-Last-Minute-Of-Its-EU-Presidency"
CL_SZLAPKA = "https://en.interfax.com.ua/news/general/1078557.html"
THIRD.append(dict(
    id="eu_ukraine_first_cluster_jun2025",
    title="Opening the first negotiating cluster (Fundamentals) with Ukraine, vetoed by Hungary (June 2025)",
    decision_date="2025-06-26", coding_date="2025-06-16",
    body="Council of the EU / European Council (opening a cluster under TEU Art. 49, unanimity)",
    rule="eu-unanimity",
    question="Will the EU open the first negotiating cluster (Fundamentals) with Ukraine before the end of the Polish presidency (the European Council of 26-27 June 2025)?",
    scale={"scale_0": "No cluster opened", "scale_100": "Fundamentals cluster opened"},
    actors={
        "HUN": A(5, 0.8, "The Polish foreign ministry said on 14 June that opening the first clusters during its presidency 'was blocked by Hungary', which had reduced the question to bilateral matters, particularly the Hungarian minority in Ukraine; in March the Commission confirmed it could not open the first cluster because Hungary was blocking (https://www.pravda.com.ua/eng/news/2025/03/18/7503433/).", CL_WRONSKI, isolation_cost=0.3, iso_why="Judgement: alone, but on a question of high domestic salience before its 2026 election and at no material cost."),
        "POL": A(100, 0.8, "Poland, holding the presidency, had pledged to open the first two clusters and said it was 'working very hard until the last minute' of its presidency to open them (14 June).", CL_WRONSKI),
    },
    default=A(90, 0.6, "Judgement: Poland's EU minister Szłapka said on 9 June that Ukraine and Moldova were ready for the first cluster and that work was now 'mostly with our Hungarian colleagues'; realistically, he said, the opening would probably come under the Danish presidency.", CL_SZLAPKA),
    actors_extra={
        "UKR": X("Ukraine (candidate; no vote)", 100, 0.9, 0.1, "Candidate; no vote", "Ukraine and Moldova had fulfilled the conditions for opening the Fundamentals, Internal Market and External Relations clusters (reports cited by Ukrinform, 14 June).", CL_WRONSKI),
    },
    context={
        "reservation_possible": (False, _ENLARGEMENT_WHY, TEU_49),
        "route_around": (False, "Szłapka: opening any cluster with any country needs unanimity of the members three times.", CL_SZLAPKA),
        "deadline_pressure": (True, "Poland aimed to open the clusters before its presidency ended on 30 June.", CL_WRONSKI),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="At the European Council of 26 June 2025 Orbán, citing his 'Voks 2025' consultation, refused any step on Ukraine's accession; the 26 others' text on Ukraine was issued without Hungary and no cluster was opened (Orbán, 27 June: 'As long as there is no unanimity, the chapter cannot be opened'). It was still blocked in September 2025.",
        sources=["http://www.cdcqgg.com/world/Off_the_Wire/2025-06/27/content_117952116.shtml", "https://magyarnemzet.hu/english/2025/06/masolat-orban-viktor-magyarorszag-nem-tamogatja-ukrajna-unios-csatlakozasat", "https://en.interfax.com.ua/news/general/1104306.html"]),
    notes=dict(difficulty="A lone holdout on an enlargement step that cannot be routed around, with a domestic mandate built for the veto; the presidency itself expected delay.",
               judgement="Hungary's position rests on reports of its blocking (no on-record Hungarian statement before the coding date was used); the shared coding is a judgement. Moldova's cluster, held back with Ukraine's, is not coded separately."),
))

# ============================================================================ NATO
RP_JPOST = "https://www.jpost.com/breaking-news/article-746567"
RP_LRT = "https://www.lrt.lt/en/news-in-english/19/2015082/some-still-oppose-nato-s-regional-defence-plans-lithuanian-minister"
THIRD.append(dict(
    id="nato_regional_plans_vilnius_2023",
    title="NATO's new regional defence plans, held up by Turkey over wording on Cyprus (Vilnius summit, July 2023)",
    decision_date="2023-07-11", coding_date="2023-06-30",
    body="NATO (North Atlantic Council, heads of state and government, Vilnius)",
    rule="nato-consensus",
    question="Will NATO approve its new regional defence plans (the first since the Cold War) by the end of the Vilnius summit?",
    scale={"scale_0": "Plans not approved", "scale_100": "Regional plans approved"},
    actors={
        "TUR": A(40, 0.5, "Defence ministers failed to endorse the plans on 16 June; a NATO diplomat said Turkey had blocked the decision over the wording of geographical locations, also with regard to Cyprus (Reuters) (Judgement: an objection to wording, not to the plans).", RP_JPOST, isolation_cost=0.5, iso_why="Judgement: alone; in 2019 it had held up the Baltic plans until the London summit and then let them pass without a reported concession."),
        "LTU": A(100, 0.8, "Defence Minister Anušauskas said on 16 June that 90 % of the countries had no objections, that the remaining ones were 'not military in nature', and that objecting countries would come under pressure to withdraw them or find a compromise before the Vilnius summit.", RP_LRT),
        "USA": A(100, 0.6, "A senior US official said on 16 June: 'While regional plans were not formally endorsed today, we anticipate these plans will be part of a series of deliverables for the Vilnius Summit in July.'", RP_JPOST),
    },
    default=A(95, 0.6, "Judgement: Anušauskas said 90 % of the countries had no objections left and wanted the plans approved before Vilnius (16 June).", RP_LRT),
    context={
        "reservation_possible": (False, _NATO_COLLECTIVE_WHY, NATO_CONSENSUS),
        "deadline_pressure": (True, "The plans were expected to be a deliverable of the Vilnius summit of 11-12 July.", RP_JPOST),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On 11 July 2023 Stoltenberg announced that allies had approved 'the most comprehensive defence plans since the end of the Cold War', the new regional plans with 300,000 troops at high readiness.",
        sources=["https://tass.com/world/1645567", "https://www.urdupoint.com/en/world/nato-leaders-approve-new-defense-plans-stol-1721829.html"]),
    notes=dict(difficulty="A lone holdout on wording in a common plan, with a summit deadline and a precedent (2019) of giving way at the summit.",
               judgement="Turkey's position (40) is a judgement from an anonymous diplomat's account; the shared coding is a judgement. Coded before Erdoğan's statements on arriving in Vilnius (10 July). The 2019 case is nato_baltic_poland_defence_plans_london_2019."),
))

NSATU_AP = "https://kvia.com/news/ap-national/2024/05/24/hungary-will-seek-to-opt-out-of-nato-efforts-to-support-ukraine-orban-says/"
NSATU_POLITICO = "https://www.politico.eu/article/hungary-nato-prime-minister-viktor-orban-country-russia-vladimir-putin-west-official/"
THIRD.append(dict(
    id="nato_nsatu_washington_2024",
    title="NATO Security Assistance and Training for Ukraine (NSATU), agreed with Hungary's non-participation (Washington summit, July 2024)",
    decision_date="2024-07-10", coding_date="2024-06-11",
    body="NATO (North Atlantic Council, heads of state and government, Washington)",
    rule="nato-consensus",
    question="Will the Washington summit give NATO a role in coordinating security assistance and training for Ukraine (taking over from the US-led coordination)?",
    scale={"scale_0": "No NATO role (coordination stays national / US-led)", "scale_100": "NATO coordination of assistance and training established"},
    actors={
        "HUN": A(15, 0.6, "Orbán said on 24 May that Hungary opposed the plan NATO was weighing to provide more predictable military support to Ukraine and would seek to opt out of any NATO operations aimed at supporting Ukraine; lawyers were working on how Hungary could stay a member without taking part in actions outside NATO territory (AP). He spoke of 'non-participation' and an 'opt-out' (Politico, " + NSATU_POLITICO + ").", NSATU_AP, isolation_cost=0.5, iso_why="Judgement: alone among 32 allies; it sought to stay out rather than to stop the others."),
    },
    default=A(85, 0.5, "Judgement: the alliance was developing a package of support for Ukraine for the Washington summit, expected to include a greater role for NATO at the operational level in coordinating weapons deliveries and training (Bloomberg, 24 May); many allies had dropped Stoltenberg's proposed USD 100bn five-year fund, a separate item.", "https://unn.ua/en/news/hungary-is-working-to-redefine-nato-membership-orban"),
    context={
        "reservation_possible": (True, "Rule (judgement): a NATO-run assistance and training activity for a partner, like an operation, is staffed and funded by the allies that take part: " + _NATO_OPERATION_WHY, NATO_CONTRIBUTIONS),
        "opt_out_possible": (True, "Orbán said on 24 May that Hungary would seek to opt out of NATO efforts to support Ukraine ('non-participation', 'opt-out') while remaining a member.", NSATU_POLITICO),
    },
    outcome=dict(adopted=True, value=100, type="adopted_with_opt_outs",
        opt_outs=["HUN"],  # Orbán-Stoltenberg understanding of 12 June: no Hungarian personnel or funds
        side_payments="On 12 June Stoltenberg and Orbán agreed the modalities of Hungary's non-participation: no Hungarian personnel and no Hungarian funds; Orbán said Hungary received the guarantees it needed that operations outside NATO territory are voluntary, and that it would not block the others.",
        summary="On 10 July 2024 the Washington summit agreed to establish NATO Security Assistance and Training for Ukraine to coordinate equipment and training, with a EUR 40bn baseline pledge for the next year; Hungary took no part under its understanding with Stoltenberg.",
        sources=["https://euro-sd.com/2024/07/major-news/39303/nato-75th-anniversary-summit", "https://www.pravda.com.ua/eng/news/2024/06/12/7460409/", "https://en.interfax.com.ua/news/general/993077.html"]),
    notes=dict(difficulty="A lone opponent that asked for an opt-out rather than a veto; the opt-out was negotiated a month before the summit.",
               judgement="Coded before the Orbán-Stoltenberg meeting of 12 June. Hungary's position (15) and the shared coding are judgements. reservation_possible applies the operation rule of backtest_reservations.py to a NATO assistance activity (a judgement). The Washington summit's Ukraine invitation question is nato_ukraine_invitation_washington_2024."),
))
