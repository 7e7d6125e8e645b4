"""A third held-out batch, national decisions (issue 16, session 7): coded and committed before any model run.

Evaluation cases only, never fitted on, read by ``make_heldout_cases.py`` together with
``backtest_heldout.py`` and ``backtest_heldout_fresh.py`` (one generator). Single-government supply and
operations decisions of 2023-2025 and one coalition of the willing, each coded blind: every case was written, and committed, before any
forecast, backtest or model was run on it; nothing here may be used to choose or tune a parameter, a rule
or a default, and no coding may be changed because of a score (only for a factual error found
independently, disclosed in the commit message).

The conventions are those of ``backtest_heldout_fresh.py``: a single government is coded by its internal
actors, with ``decider`` the state's ISO3 and ``veto = True`` on the internal veto holders (keys
``<ISO3>_...``) or on the decider itself when it is an actor (backtest/README.md); every position and
salience from a source dated no later than ``coding_date`` (a source dated later is flagged ``late=True``
and written as ``source_after_coding_date``); a coding that rests on judgement says "Judgement:"; a
``[context]`` flag only where a source dated before the decision names the option (absent otherwise, never
false for "not found"); ``reservation_possible`` by the instrument rules of ``backtest_reservations.py``
(a national transfer or use decision: nothing to reserve). Sources are news pages found with the search
tool and read from excerpts. Where the question names a month, the coder chose it knowing the outcome
(a caveat, as for the Taurus and F-16 cases).
"""

from __future__ import annotations

from backtest_corpus import X

THIRD_NATIONAL: list[dict] = []
_NATIONAL_WHY = "Rule (judgement): a national transfer decision is taken or not; there is nothing to reserve."
_USE_WHY = "Rule (judgement): a national decision on the use of its own weapons is taken or not; there is nothing to reserve."

# ============================================================================ United States
ABR_POLITICO = "https://m.censor.net/en/news/3392794/scholzs_position_on_supply_of_heavy_weapons_to_ukraine_strongly_depends_on_biden_politico"
ABR_KAHL = "https://www.newsmax.com/world/globaltalk/tanks/2023/01/18/id/1104968/"
ABR_SZ = "https://gna.org.gh/2023/01/scholz-prepared-to-provide-leopard-tanks-under-conditions/"
THIRD_NATIONAL.append(dict(
    id="usa_abrams_ukraine_jan2023",
    title="The United States decides to send M1 Abrams tanks to Ukraine (January 2023)",
    decision_date="2023-01-25", coding_date="2023-01-20",
    body="US executive (President Biden); the Pentagon advising; Germany tying its Leopard decision to it",
    rule="single-government", decider="USA",
    question="Will the US decide, by the end of March 2023, to send M1 Abrams main battle tanks to Ukraine?",
    scale={"scale_0": "No Abrams (status quo: Bradleys and Strykers only)", "scale_100": "Abrams tanks committed to Ukraine"},
    actors={
        "USA": X("United States - White House (Biden)", 30, 0.6, 1.0, "Decider", "Politico, 12 January: negotiations with Ukraine on Abrams continued but 'it's constantly being discussed, but it's not close to a decision', and the US seemed to have no intention of sending battle tanks soon; Süddeutsche Zeitung, 19 January: Biden had not committed himself when Scholz tied Leopards to Abrams (" + ABR_SZ + ") (Judgement: reluctant, not closed).", ABR_POLITICO, veto=True),
        "US_DOD": X("US Department of Defense (Under Secretary Kahl)", 15, 0.6, 0.3, "Advises; holds the tanks", "Kahl said on 18 January 'I just don't think we're there yet': the Abrams is complicated, expensive, hard to train on and hard to maintain, with a jet engine; Austin wanted to avoid giving Ukraine equipment it cannot repair or sustain.", ABR_KAHL),
        "DEU": X("Germany (Chancellor Scholz)", 85, 0.8, 0.3, "Ally; no say over US tanks, but tied its own Leopard decision to them", "Süddeutsche Zeitung (via dpa), 19 January: Scholz told Biden on 17 January that Germany would deliver Leopards, and let others do so, only if the US made Abrams available; Scholz wanted Europe and the US to give tanks together (Judgement: pressing for US Abrams).", ABR_SZ),
        "UKR": X("Ukraine (requester)", 100, 1.0, 0.1, "Requester; no say", "Ukraine had repeatedly pushed for modern Western tanks to fight Russia's invasion (AFP, 18 January).", "https://www.breitbart.com/news/us-not-there-yet-on-abrams-tanks-for-ukraine-pentagon/"),
    },
    context={
        "reservation_possible": (False, _NATIONAL_WHY, ABR_KAHL),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On 25 January 2023 Biden announced that the US would send 31 M1 Abrams tanks (one Ukrainian battalion), on Austin's recommendation; the same day Germany announced 14 Leopard 2s and allowed others to re-export theirs.",
        sources=["https://www.forexlive.com/news/us-to-provide-31-abrams-tanks-to-ukraine-20230125/", "http://www.web.archive.org/web/20230127092231/https://www.cnsnews.com/article/international/susan-jones/us-sending-abrams-tanks-ukraine-about-freedom-biden-says"]),
    notes=dict(difficulty="A reluctant decider whose defence department argued against, pressed by an ally that made its own decision conditional on it; reversed within a week.",
               judgement="The White House (30) and Pentagon (15) positions are judgements from the reports. Germany's Leopard decision is the separate case deu_leopard2_ukraine_2023. Congress is left out for want of a dated statement found."),
))

KH_KIRBY = "https://www.krone.at/3396622"
KH_BLINKEN = "https://www.nashepravo.news/daily-flyer-may-29-2024/"
THIRD_NATIONAL.append(dict(
    id="usa_kharkiv_crossborder_strikes_may2024",
    title="The United States lets Ukraine use US weapons against Russian forces across the border near Kharkiv (May 2024)",
    decision_date="2024-05-30", coding_date="2024-05-29",
    body="US executive (President Biden); the State Department pressing; allies and NATO urging",
    rule="single-government", decider="USA",
    question="Will the US, in the spring of 2024, let Ukraine use US-supplied weapons against military targets on Russian territory (for example the forces attacking Kharkiv from across the border)?",
    scale={"scale_0": "No use of US weapons on Russian territory (status quo)", "scale_100": "Use against targets in Russia allowed (at least near the border)"},
    actors={
        "USA": X("United States - White House (Biden)", 30, 0.7, 1.0, "Decider", "Kirby (NSC) said on 29 May: 'There is no change in our policy: we are neither encouraging nor enabling the use of US weapons on Russian soil', adding that support would be adapted to conditions on the battlefield; EU diplomats suspected the US could follow the calls to lift restrictions (Judgement: opposed, under pressure).", KH_KIRBY, veto=True),
        "US_STATE": X("US State Department (Blinken)", 80, 0.6, 0.2, "Advises", "The New York Times reported that Blinken, after a 'sobering' visit to Kyiv, was advocating a policy shift, prompting a 'vigorous debate' in the administration; on 29 May he said the US would 'adapt and adjust as necessary'.", KH_BLINKEN),
        "FRA": X("France (President Macron)", 90, 0.5, 0.2, "Ally; no say over US weapons", "Macron said at Meseberg on 28 May that Ukraine should be allowed to hit the positions in Russia from which it is attacked, but not other military or civilian targets in Russia.", "https://deutschlandfunk.de/usa-und-frankreich-uneins-ueber-lockerungen-beim-einsatz-westlicher-waffen-gegen-russland-100.html"),
        "NATO_SG": X("NATO Secretary General Stoltenberg", 90, 0.5, 0.2, "No say over national weapons", "Stoltenberg wanted the existing restrictions on the use of Western weapons lifted (Krone, 29 May).", KH_KIRBY),
        "UKR": X("Ukraine (requester)", 100, 1.0, 0.1, "Requester; no say", "The restriction prevented Kyiv from using US weapons against Russian forces massing for the Kharkiv offensive; Ukraine's allies were increasingly arguing it should be allowed to strike inside Russia (29 May).", KH_BLINKEN),
    },
    context={
        "reservation_possible": (False, _USE_WHY, KH_KIRBY),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="US officials said on 30 May 2024 that Biden had secretly allowed Ukraine to use US weapons against military targets across the border near Kharkiv; Blinken confirmed it on 31 May. Deeper strikes (ATACMS) stayed barred until November (usa_longrange_strikes_nov2024).",
        sources=["https://unn.ua/en/news/not-only-to-protect-kharkiv-the-united-states-explained-the-limits-of-permitted-strikes-on-the-russian-federation", "https://www.voanews.com/a/ukraine-says-it-hit-latest-generation-russian-fighter-jet-for-first-time/7648644.html"]),
    notes=dict(difficulty="The decider's spokesman said 'no change' the day before; the pressure came from its own State Department and from allies.",
               judgement="The White House (30) and State Department (80) positions are judgements from the reports. The Pentagon is left out for want of a dated statement found."),
))

SUP_AP = "https://www.pravda.com.ua/eng/news/2024/04/12/7450993/"
SUP_WE = "https://washexam.com/marjorie-taylor-greene-holds-motion-to-vacate-over-johnsons-head-as-he-considers-ukraine-aid/"
THIRD_NATIONAL.append(dict(
    id="usa_ukraine_supplemental_apr2024",
    title="The US Congress passes, and the President signs, the USD 61bn Ukraine supplemental (April 2024)",
    decision_date="2024-04-24", coding_date="2024-04-12",
    body="United States (President, Senate, House of Representatives; the Speaker controls the House floor)",
    rule="single-government", decider="USA",
    question="Will the US enact new military aid for Ukraine (the Senate's USD 95bn package or a House version of it) by the end of May 2024?",
    scale={"scale_0": "No new Ukraine aid enacted (status quo since the end of 2023)", "scale_100": "Ukraine supplemental enacted"},
    actors={
        "USA_PRESIDENT": X("President Biden", 100, 0.9, 0.5, "Signs or vetoes the bill", "The White House and congressional Democrats urged Speaker Johnson to put the Senate package to a vote; the White House was in talks with Johnson on a House version (Scalise, AP, 12 April).", SUP_AP, veto=True),
        "USA_SPEAKER": X("House Speaker Mike Johnson", 60, 0.8, 0.4, "Controls what reaches the House floor", "Johnson planned to move some Ukraine aid bill when the House returned and named three 'important innovations' he wanted in it (the REPO Act on frozen Russian assets, a loan structure, and lifting the pause on LNG export approvals) (Washington Examiner, early April); Scalise said on 12 April no agreement had been reached with the White House or with Republican members (Judgement: leaning to a vote, on conditions, with his job at stake).", SUP_WE, veto=True),
        "USA_SENATE": X("US Senate", 90, 0.6, 0.3, "Must pass the same text", "The Senate had passed the USD 95bn package for Ukraine, Israel and Taiwan in February (Judgement: a House version would have to go back to it).", "https://kyivindependent.com/johnson-says-vote-on-ukraine-israel-foreign-aid-bills-to-take-place-on-april-20/", late=True, veto=True),
        "USA_HARDLINERS": X("House Republican hardliners (Greene, Massie)", 0, 0.9, 0.2, "Members; can force a vote to remove the Speaker", "Greene, who filed a motion to vacate on 22 March, wrote on 9 April that 'our border is the only border worth fighting over' and criticised Johnson for calling Ukraine funding a priority, without setting a trigger for forcing the vote.", "https://eir.news/2024/04/news/us-rep-greene-pressures-speaker-johnson-on-ukraine-funding/"),
        "USA_TRUMP": X("Donald Trump (presumptive Republican nominee)", 55, 0.5, 0.3, "No formal say; sways House Republicans", "Beside Johnson at Mar-a-Lago on 12 April, Trump praised him and suggested further Ukraine aid be 'a loan rather than a gift' (Judgement: not opposed to aid in some form).", "https://www.voanews.com/a/with-house-speaker-at-his-side-trump-suggests-ukraine-aid-should-be-loan-/7568213.html"),
        "UKR": X("Ukraine (requester)", 100, 1.0, 0.1, "Requester; no say", "Zelensky had said Ukraine would accept a loan from the US in the absence of other options (AP, 12 April).", SUP_AP),
    },
    context={
        "reservation_possible": (False, "Rule (judgement): a bill is passed or not; a member cannot vote with a reservation that changes what it appropriates.", SUP_AP),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Part of the economic aid (about USD 9bn) became a forgivable loan, and the REPO Act on Russian assets was attached, as Johnson and Trump had asked.",
        summary="Johnson put four separate bills to the House, which passed the Ukraine bill 311-112 on 20 April 2024 (101 Republicans for, 112 against); the Senate passed the package on 23 April and Biden signed it on 24 April. Greene did not force the vote to vacate in April.",
        sources=["https://www.northernpublicradio.org/2024-04-20/house-passes-foreign-aid-bills-to-israel-ukraine-and-taiwan", "https://kyivindependent.com./trump-praises-speaker-johnson"]),
    notes=dict(difficulty="An internal veto holder (the Speaker) whose own job was threatened by a minority of his party; the others wanted the aid. Coded before Johnson announced the separate bills (15 April).",
               judgement="Johnson's position (60) is a judgement. The Senate's only source found is dated 17 April, after the coding date (flagged). The House Democrats are left out: no dated statement of theirs on a House version was found before the coding date."),
))

PAUSE_NYT = "https://kyivindependent.com/trump-to-discuss-potential-suspension-cancellation-of-military-aid-for-ukraine-on-march-3/"
THIRD_NATIONAL.append(dict(
    id="usa_aid_pause_ukraine_mar2025",
    title="The United States pauses military aid deliveries to Ukraine after the Oval Office meeting (March 2025)",
    decision_date="2025-03-03", coding_date="2025-03-03",
    body="US executive (President Trump)",
    rule="single-government", decider="USA",
    question="Will the US suspend the delivery of military aid to Ukraine (including equipment already pledged under Biden) in the days after the 28 February 2025 Oval Office meeting?",
    scale={"scale_0": "Deliveries of pledged aid continue (status quo)", "scale_100": "Deliveries suspended"},
    actors={
        "USA": X("United States - White House (Trump)", 70, 0.7, 1.0, "Decider", "Trump told Zelensky on 28 February 'You're either going to make a deal, or we're out', and wrote afterwards that Zelensky 'can come back when he is ready for peace' (" + "https://nordictimes.com/world/zelensky-scolded-at-the-white-house-youre-gambling-with-world-war-iii/" + "); the NYT reported on the morning of 3 March that Trump would meet Rubio, Hegseth and others that day to consider suspending or cancelling military aid, including Biden-era shipments (Judgement: leaning to a suspension).", PAUSE_NYT, veto=True),
        "USA_VP": X("Vice President Vance", 80, 0.6, 0.3, "Advises", "Vance told Zelensky in the Oval Office on 28 February that it was disrespectful to 'litigate this in front of the American media' (Judgement: for pressing Kyiv).", "https://www.hngn.com/articles/264964/20250228/jd-vance-accuses-zelensky-being-disrespectful-during-heated-trump-meeting.htm"),
        "US_SENATE_HAWKS": X("Republican Ukraine supporters in the Senate (Wicker and others)", 20, 0.5, 0.2, "No say over deliveries already funded", "Zelensky met a bipartisan group of senators, including Armed Services chair Wicker, just before the Oval Office meeting and thanked them for 'unwavering bicameral and bipartisan support'; Wicker deleted his post about the meeting after the row (Punchbowl, reported later) (Judgement: against a cut-off, unwilling to confront the president).", "https://www.hngn.com/articles/264964/20250228/jd-vance-accuses-zelensky-being-disrespectful-during-heated-trump-meeting.htm"),
        "UKR": X("Ukraine (recipient)", 0, 1.0, 0.1, "Recipient; no say", "Zelensky had repeatedly urged the US to keep shipping arms to strengthen Kyiv's position in peace talks (Kyiv Independent, 3 March).", PAUSE_NYT),
    },
    context={
        "reservation_possible": (False, _NATIONAL_WHY, PAUSE_NYT),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On the evening of 3 March 2025 Trump directed a 'pause' of US military aid to Ukraine, including equipment in transit; a White House official said the US was 'pausing and reviewing' its aid to ensure it contributed to a solution. Intelligence sharing was paused too; both resumed after the Jeddah talks of 11 March.",
        sources=["https://www.nbcmiami.com/news/national-international/trump-us-pause-ukraine-aid/3557150/", "https://whec.com/top-news/trump-orders-pause-on-military-aid-to-ukraine-in-the-wake-of-last-weeks-oval-office-clash-with-zelenskyy"]),
    notes=dict(difficulty="A restrictive decision by a decider who had just threatened it in public; the proposal here is the cut, so Ukraine sits at 0.",
               judgement="The coding date is the decision day: the NYT report (via the Kyiv Independent, 11:09 that morning) preceded the evening directive. Positions are judgements from the statements. The resumption on 11 March is not part of this question."),
))

TOM_AP = "https://theanswerdetroit.com/national/trump-warns-russia-he-may-send-ukraine-long-range-tomahawks-if-moscow-doesnt-set/522fb8bb8fe8ce87107e1eb320abae0e"
THIRD_NATIONAL.append(dict(
    id="usa_tomahawk_ukraine_oct2025",
    title="The United States decides whether to supply Tomahawk cruise missiles to Ukraine (October 2025, not sent)",
    decision_date="2025-10-17", coding_date="2025-10-13",
    body="US executive (President Trump); sale through NATO or European buyers discussed",
    rule="single-government", decider="USA",
    question="Will the US decide, when Trump receives Zelensky on 17 October 2025, to provide Tomahawk cruise missiles to Ukraine (directly or by sale to European allies for transfer)?",
    scale={"scale_0": "No Tomahawks (status quo)", "scale_100": "Tomahawk supply decided"},
    actors={
        "USA": X("United States - White House (Trump)", 50, 0.6, 1.0, "Decider", "Trump said on 12 October aboard Air Force One: 'I might say, Look: if this war is not going to get settled, I'm going to send them Tomahawks ... We may not, but we may do it', that he might speak to Russia about it, and called Tomahawks 'a new step of aggression' (AP); on 6 October he had said he had 'sort of made a decision' but wanted to know what Ukraine would do with them (" + "https://nordicstoday.com/article/ukraine-war-trump-tomahawk-missile-decision" + ") (Judgement: undecided, using it as leverage).", TOM_AP, veto=True),
        "UKR": X("Ukraine (requester)", 100, 1.0, 0.1, "Requester; no say", "Zelensky said his calls with Trump on 11 and 12 October discussed 'air defense, resilience, and long-range capabilities'; Trump said 'They'd like to have Tomahawks' (12 October).", "https://www.thethinkingconservative.com/trump-says-us-may-send-tomahawks-to-ukraine-if-russia-persists-with-the-war"),
    },
    context={
        "reservation_possible": (False, _NATIONAL_WHY, TOM_AP),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="After a call with Putin on 16 October, Trump told Zelensky on 17 October 2025 that he would rather not provide Tomahawks, citing US stocks and escalation, and urged a ceasefire on the current lines; CNN reported at the end of October that the Pentagon had cleared the transfer, but on 2 November Trump said he was 'not really' considering it.",
        sources=["https://edu24news.com/world/trump-hesitant-on-tomahawk-missiles-for-ukraine-amid-peace-talks", "https://atlasbulletin.us/u-s-weighs-tomahawk-missile-transfer-to-ukraine-amid-zelenskyys-escalating-aggression", "https://confidencetricknews.com/1355355-trump-says-us-could-send-troops-or-launch-air-strikes-in-nigeria"]),
    notes=dict(difficulty="A decider at the midpoint who used the weapon as a threat against a third party; the adversary's warning came after the coding date.",
               judgement="Trump's position (50) is a judgement from his statements. The Pentagon is left out: its clearance was reported only at the end of October, after the decision. European allies who offered to buy the missiles are left out for want of a dated statement found."),
))

# ============================================================================ United Kingdom, France
SS_TEL = "https://www.pressreader.com/uk/the-daily-telegraph/20230510/281814288203513"
THIRD_NATIONAL.append(dict(
    id="gbr_storm_shadow_ukraine_may2023",
    title="The United Kingdom gives Ukraine Storm Shadow cruise missiles (May 2023)",
    decision_date="2023-05-11", coding_date="2023-05-10",
    body="United Kingdom (Prime Minister Sunak; Defence Secretary Wallace)",
    rule="single-government", decider="GBR",
    question="Will the UK decide, before Ukraine's expected 2023 counter-offensive, to supply Ukraine with long-range missiles (over 150 km)?",
    scale={"scale_0": "No long-range missiles (status quo)", "scale_100": "Long-range missiles supplied"},
    actors={
        "GBR_PM": X("Prime Minister Sunak", 85, 0.7, 0.5, "Head of government; authorises the donation", "Sunak said at the Munich Security Conference in February that he wanted the UK to be the first nation to provide Ukraine with longer-range weapons (Daily Telegraph, 10 May).", SS_TEL, veto=True),
        "GBR_DEFENCE": X("Defence Secretary Wallace", 80, 0.7, 0.3, "Proposes the donation; holds the stocks", "Wallace told the Commons in December 2022 that he constantly reviewed the systems the UK could provide, that it had longer-range ones, and that if Russia kept targeting civilians he would be 'open-minded' about what to do next (Judgement: conditional, the condition since met).", "https://euromaidanpress.com/2022/12/13/uk-can-send-long-range-weapons-to-ukraine-british-defence-secretary/"),
        "GBR_FCDO": X("Foreign Secretary Cleverly", 90, 0.5, 0.2, "Advises", "In Washington on 9 May Cleverly pushed for Ukraine to get longer-range missiles and rockets: 'if we're saving stuff up for a rainy day, this is the rainy day'; a UK-run fund had invited offers of missiles with a range of up to 186 miles.", SS_TEL),
        "UKR": X("Ukraine (requester)", 100, 1.0, 0.1, "Requester; no say", "Ukraine had long been calling for long-range weapons; the US had declined to give its ATACMS for fear of escalation (Telegraph, 10 May).", SS_TEL),
    },
    context={
        "reservation_possible": (False, _NATIONAL_WHY, SS_TEL),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On 11 May 2023 Wallace told the Commons that he and Sunak had authorised the donation of Storm Shadow missiles, 'now going into, or ... in' Ukraine, for use within Ukraine's sovereign territory; the US supported the decision.",
        sources=["https://www.scotsman.com/news/national/uk-donates-long-range-cruise-missiles-to-help-defence-of-ukraine-4138649", "https://itv.com/news/2023-05-11/uk-boosts-ukraine-capability-by-sending-storm-shadow-missiles"]),
    notes=dict(difficulty="All internal actors favourable; the question was timing, and whether the UK would act before the US.",
               judgement="Positions are judgements from the statements; Wallace's is from December 2022. In December 2022 Downing Street had indicated it was not planning to provide longer-range missiles (https://celebritytidings.com/world-news/boris-uk-to-supply-longer-range-missiles-and-help-end-the-war/), superseded by Sunak's February pledge."),
))

SC_LEMONDE = "https://noticiabrasil.net.br/amp/20230517/franca-estuda-possibilidade-de-fornecer-misseis-de-longo-alcance-scalp-a-ucrania-28877007.html"
THIRD_NATIONAL.append(dict(
    id="fra_scalp_ukraine_jul2023",
    title="France decides to give Ukraine SCALP cruise missiles (announced at the Vilnius summit, July 2023)",
    decision_date="2023-07-11", coding_date="2023-07-05",
    body="France (President Macron)",
    rule="single-government", decider="FRA",
    question="Will France decide, by the NATO summit in Vilnius (11-12 July 2023), to supply Ukraine with SCALP long-range cruise missiles?",
    scale={"scale_0": "No SCALP (status quo)", "scale_100": "SCALP supply decided"},
    actors={
        "FRA_PRESIDENT": X("President Macron", 45, 0.6, 0.5, "Head of state; decides arms deliveries", "Macron said on TF1 on 15 May that France had decided to give Ukraine 'new munitions and new missiles of a range that allows Ukraine to defend itself', but did not supply weapons that could strike Russian territory; the Elysée told Le Monde 'we are studying all options, but at the moment it is out of the question' to send SCALP, and was discussing the results of Storm Shadow with London and Kyiv (Judgement: not yet, studied).", SC_LEMONDE, veto=True),
        "GBR": X("United Kingdom (co-producer; had given Storm Shadow)", 90, 0.3, 0.2, "Ally; no say over French stocks", "Le Monde reported that the Elysée began considering SCALP after London promised Storm Shadow, and was discussing its results with the British (Judgement: the UK had set the precedent).", SC_LEMONDE),
        "UKR": X("Ukraine (requester)", 100, 1.0, 0.1, "Requester; no say", "Zelensky met Macron in Paris on 14 May; Ukraine had long asked for longer-range missiles (Le Monde, May).", SC_LEMONDE),
    },
    context={
        "reservation_possible": (False, _NATIONAL_WHY, SC_LEMONDE),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="Arriving at the Vilnius summit on 11 July 2023, Macron announced that France would deliver SCALP missiles enabling Ukraine to strike in depth, for use on Ukrainian territory; a French source spoke of about 50, some already delivered.",
        sources=["https://www.cnn.com/europe/live-news/russia-ukraine-war-news-07-11-23/h_350bb370f0d134512efca6083a120cc0", "https://wwnews.info/c/us/article/3441745/france-to-supply-ukraine-with-long-range-cruise-missiles"]),
    notes=dict(difficulty="A decider who had said 'not at the moment' two months earlier, after an ally had moved first.",
               judgement="Macron's position (45) is a judgement from May statements, the latest found before the coding date (a gap of seven weeks). Le Monde is read from a Portuguese copy (noticiabrasil, 17 May)."),
))

# ============================================================================ Germany, Greece
TAU_ZEL = "https://unn.ua/en/news/zelenskyy-hopes-for-taurus-delivery-from-germany-under-merzs-leadership"
TAU_PIST = "https://24hoursworlds.com/politics/963140"
THIRD_NATIONAL.append(dict(
    id="deu_taurus_merz_may2025",
    title="Chancellor Merz and Taurus cruise missiles for Ukraine (Zelensky's Berlin visit, 28 May 2025; not supplied)",
    decision_date="2025-05-28", coding_date="2025-05-27",
    body="Germany (Chancellor Merz, CDU/CSU-SPD coalition; SPD defence minister Pistorius)",
    rule="single-government", decider="DEU",
    question="Will Germany decide, when Merz receives Zelensky in Berlin on 28 May 2025, to supply Taurus cruise missiles to Ukraine?",
    scale={"scale_0": "No Taurus (status quo)", "scale_100": "Taurus delivery decided"},
    actors={
        "DEU_CHANCELLOR": X("Chancellor Merz (CDU)", 60, 0.6, 0.5, "Head of government", "Merz confirmed on ARD on 13 April his willingness to deliver Taurus, but only in coordination with European partners: 'This has to be coordinated, and if it is coordinated, then Germany should participate' (" + TAU_PIST + "); as chancellor on 7 May he did not answer directly whether he would approve it, saying he would work with France and Britain (https://france.news-pravda.com/world/2025/05/07/64194.html) (Judgement: in favour in principle, conditional).", TAU_PIST, veto=True),
        "DEU_SPD": X("SPD and Defence Minister Pistorius (coalition partner)", 20, 0.6, 0.3, "Coalition partner; its minister commands the Bundeswehr stocks", "Pistorius said in April there were 'many arguments, good arguments against' delivering Taurus and that he had never been for it; SPD general secretary Miersch said his group had always been against and 'we will take this decision together' (https://deutsch.news-pravda.com/world/2025/04/16/351869.html) (Judgement: a partner with a say).", TAU_PIST, veto=True),
        "UKR": X("Ukraine (requester)", 100, 1.0, 0.1, "Requester; no say", "Zelensky said on 2 April he had 'a little more than hope' that a Merz government would approve Taurus.", TAU_ZEL),
    },
    context={
        "reservation_possible": (False, _NATIONAL_WHY, TAU_PIST),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="On 28 May 2025 Merz and Zelensky announced German financing of long-range weapons produced in Ukraine, 'with no range restrictions', instead of Taurus; Merz said Taurus stayed 'within the realm of possibility' but would need months of training. In July Pistorius said Germany would not supply Taurus.",
        sources=["https://efe.noticiasdopara.net/en/latest-news/2025-05-28/long-range-workaround", "https://mia.mk/en/story/merz-germanukraine-longrange-missile-production-no-taurus-yet", "https://newsukraine.rbc.ua/news/we-only-have-six-left-pistorius-explains-1752450722.html"]),
    notes=dict(difficulty="A new chancellor who had championed the weapon in opposition, against a coalition partner that opposed it; an alternative (funding Ukrainian production) was found.",
               judgement="Both positions are judgements. Coding the SPD as an internal veto holder is a judgement (the coalition decides arms exports jointly; Miersch's 'together'). Merz's 26 May remark that range restrictions were lifted is not this question (see the dropped candidates in the session notes). The CDU and Green calls of 28 May are after the coding date and are left out."),
))

GR_FT = "https://www.ekathimerini.com/news/1237022/greece-and-spain-under-pressure-to-provide-ukraine-with-air-defense-systems-ft-reports/"
GR_GOV = "https://tovima.com/politics/greece-reportedly-pressured-to-send-patriot-systems-to-ukraine/amp"
THIRD_NATIONAL.append(dict(
    id="grc_patriot_ukraine_apr2024",
    title="Greece and its Patriot and S-300 air defence systems for Ukraine (April 2024; refused)",
    decision_date="2024-04-25", coding_date="2024-04-23",
    body="Greece (Prime Minister Mitsotakis's government)",
    rule="single-government", decider="GRC",
    question="Will Greece decide, in April 2024, to send Ukraine a Patriot (or S-300) air defence system, as its EU and NATO partners were urging?",
    scale={"scale_0": "No air defence system for Ukraine (status quo)", "scale_100": "A Patriot or S-300 system promised"},
    actors={
        "GRC_GOV": X("Mitsotakis government", 25, 0.8, 0.5, "Decides the transfer", "Government spokesman Marinakis said on 22-23 April that Greece had shown its support to Ukraine in practice but 'no action will be taken that will jeopardize the air defense of our country', and that no system would go without a replacement; Pronews reported on 22 April, citing government sources, that Greece was preparing to give one or two Patriots after an undisclosed US guarantee (https://newswire.com.pk/2024/04/23/greece-102) (Judgement: reluctant, conditional on replacement).", GR_GOV, veto=True),
        "EU_PARTNERS": X("EU and NATO partners (leaders at the April European Council)", 90, 0.6, 0.3, "No say over Greek systems", "European leaders personally urged Mitsotakis and Sánchez at the Brussels summit the week before to supply air defence systems, telling them their needs were not as great as Ukraine's (FT, 22 April).", GR_FT),
        "USA": X("United States", 75, 0.4, 0.3, "Supplier of the Patriot; no say over the transfer as such", "Pronews reported, citing Greek government sources, that the US had given an undisclosed 'guarantee' on the provision of Patriots, assurances against any threat from Turkey and a promise to replace damaged systems (Judgement: favourable).", "https://newswire.com.pk/2024/04/23/greece-102"),
        "UKR": X("Ukraine (requester)", 100, 1.0, 0.1, "Requester; no say", "Zelensky wrote on 21 April that 'Patriots can only be called air defense systems if they work and save lives rather than standing immobile somewhere in storage bases'.", GR_FT),
    },
    context={
        "reservation_possible": (False, _NATIONAL_WHY, GR_FT),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="Mitsotakis said on 25 April 2024 (Iefimerida, then Skai) that Greece would send Ukraine neither S-300 nor Patriot: the systems were critical for Greek air defence and deterrence; Greece would keep sending surplus material.",
        sources=["https://kyivindependent.com/greece-wont-send-ukraine-patriots", "https://www.pravda.com.ua/eng/news/2024/04/26/7453042/"]),
    notes=dict(difficulty="A government under heavy allied pressure, with a reported US sweetener, whose own security concern (Turkey) outweighed it.",
               judgement="The government's position (25) is a judgement weighing the spokesman's on-record line against anonymous government sources. Spain, pressed at the same time, is not coded (no dated statement of its government found)."),
))

# ============================================================================ coalition (second step)
# Added after the nine cases above had landed, from the same candidate list, still before any model was
# run on any case of this file (the test suite ran on the folder; no score of these cases was looked at).
# A coalition of the willing: ``member`` marks the potential contributors, ``decision`` the kind of
# decision (backtest/README.md, "Supply and coalition cases"); capability is SIPRI military expenditure
# of the previous year (2023) in current USD trillions, from the repository's milex table.
CZ_PARIS = "https://ukrinform.net/amp/rubric-ato/3832944-czech-pm-15-countries-support-initiative-to-purchase-ammunition-for-ukraine-outside-europe.html"
CZ_BLOOMBERG = "https://www.tellerreport.com/news/2024-03-05-bloomberg--macron-will-announce-france-s-participation-in-the-purchase-of-shells-for-the-ukrainian-armed-forces.r1kS7vNT6.html"
_CZ_PRELIM = "The Czech government said it had 'preliminary commitments' from Canada and Denmark and from other countries including Lithuania and Latvia (Bloomberg, 5 March)."


def _milex(bn: float, note: str = "") -> str:
    return f"SIPRI military expenditure 2023, current USD, in trillions ({bn:.1f} bn){note}"


THIRD_NATIONAL.append(dict(
    id="coalition_czech_ammunition_initiative_mar2024",
    title="The Czech-led initiative to buy about 800,000 artillery shells for Ukraine outside the EU (funded by 7 March 2024)",
    decision_date="2024-03-07", coding_date="2024-03-05",
    body="National contributions of a coalition of European and allied states to a Czech-run purchase",
    rule="coalition", decision="supply",
    question="Will the Czech-led initiative raise, by mid-March 2024, the money to buy the roughly 800,000 artillery shells (500,000 of 155 mm, 300,000 of 122 mm) it had found outside the EU?",
    scale={"scale_0": "Not funded (status quo)", "scale_100": "Funded in full"},
    actors={
        "CZE": X("Czech Republic (Fiala government; President Pavel)", 100, 0.9, 0.0051, _milex(5.1, "; runs the purchase"), "Fiala said after the Paris conference of 26 February that 'the Czech initiative enjoys strong support' and that fifteen countries were ready to join it.", CZ_PARIS, member=True),
        "NLD": X("Netherlands (Rutte government)", 95, 0.7, 0.0166, _milex(16.6), "Rutte said in Paris on 26 February that the Netherlands would put more than EUR 100m into the Czech plan.", CZ_PARIS, member=True),
        "FRA": X("France (President Macron)", 85, 0.6, 0.0595, _milex(59.5), "Macron said on 26 February that Paris supported the Czech proposal and that states had turned to European and non-European holders of ammunition; Bloomberg reported on 5 March that he would announce France's participation (" + CZ_BLOOMBERG + ") (Judgement: France had preferred buying European).", CZ_PARIS, member=True),
        "DEU": X("Germany (Scholz government)", 85, 0.6, 0.0673, _milex(67.3), "Bloomberg reported on 5 March that Germany, the Netherlands and Denmark had joined France in supporting the purchase plan.", CZ_BLOOMBERG, member=True),
        "DNK": X("Denmark", 90, 0.6, 0.0081, _milex(8.1), _CZ_PRELIM, CZ_BLOOMBERG, member=True),
        "CAN": X("Canada", 90, 0.5, 0.0272, _milex(27.2), _CZ_PRELIM, CZ_BLOOMBERG, member=True),
        "LTU": X("Lithuania", 90, 0.6, 0.0022, _milex(2.2), _CZ_PRELIM, CZ_BLOOMBERG, member=True),
        "LVA": X("Latvia", 90, 0.6, 0.0013, _milex(1.3), _CZ_PRELIM, CZ_BLOOMBERG, member=True),
        "SVK": X("Slovakia (Fico government)", 0, 0.5, 0.0024, _milex(2.4), "Fico announced on 20 January that at his meeting with Shmyhal Slovakia would confirm its refusal to transfer any weapons from its own reserves; his government had stopped military supplies to Ukraine on taking office in October 2023, sending humanitarian aid only (Judgement: would not contribute).", "http://www.engl.pravua.info/the-prime-minister-of-slovakia-announced-his-intention-to-block-ukraines-membership-in-nato/", member=True),
        "UKR": X("Ukraine (requester)", 100, 1.0, 0.0649, _milex(64.9, ", SIPRI estimate; the requester"), "Europe had not met its promise of a million shells by March; Macron called that commitment 'rash' (26 February) (Judgement: Ukraine needed the shells).", CZ_PARIS, member=False),
    },
    context={
        "reservation_possible": (False, "Rule (judgement): each state's contribution to the purchase is a national decision, made or not; there is nothing to reserve.", CZ_PARIS),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="President Pavel said on 7 March 2024 that the money to buy all 800,000 shells had been collected from 18 contributing countries (among them Canada, Denmark, Germany, France, Lithuania, the Netherlands, Belgium and Norway); Slovakia's government did not join. Deliveries started in June.",
        sources=["https://www.pravda.com.ua/eng/news/2024/03/7/7445460/", "https://www.politico.eu/article/czechia-crowdfunds-enough-money-in-eu-and-beyond-to-buy-800000-artillery-shells-for-ukraine/"]),
    notes=dict(difficulty="A coalition outside the EU's budget and rules, with one refuser; the question is whether enough willing members fund it, not unanimity.",
               judgement="Positions are judgements from the reports; most members rest on the Czech government's account of 'preliminary commitments'. Belgium, Norway, Poland and the other later contributors are left out for want of a statement dated before the coding date. Hungary is not coded (no statement on this initiative found)."),
))
