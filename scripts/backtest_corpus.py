"""Coded historical decisions 2008-2022 (issue 16): the data behind ``make_backtest_cases.py``.

Every actor's position and salience are coded from what was public shortly before the decision
(``coding_date``), with a source dated before it; ``late=True`` marks an actor whose only source found
is dated later. Codings that rest on judgement say so ("Judgement: ..."). ``default`` is the shared
coding of the member states not listed individually (every member of the body is written out).
Outcomes are for scoring only. Decisions after 2022-12-31 are held out and must not be added.
"""

from __future__ import annotations


def A(position, salience, justification, source, **extra):
    """One coded actor (member state: name/capability from the body's table unless given)."""
    return dict(position=position, salience=salience, justification=justification, source=source, **extra)


def X(name, position, salience, capability, basis, justification, source, **extra):
    """A non-member, institution or internal actor (no veto unless veto=True)."""
    return dict(
        name=name, position=position, salience=salience, capability=capability,
        capability_basis=basis, justification=justification, source=source, **extra,
    )


NATO_BUCHAREST_DECL = "https://www.nato.int/cps/en/natolive/official_texts_8443.htm"

CASES: list[dict] = []

# ============================================================================ batch 1
CASES.append(dict(
    id="nato_macedonia_invitation_bucharest_2008",
    title="NATO invitation to the former Yugoslav Republic of Macedonia at the Bucharest summit",
    decision_date="2008-04-02", coding_date="2008-03-31",
    body="NATO (North Atlantic Council, heads of state and government, Bucharest)",
    rule="nato-consensus",
    question="Will the Bucharest summit invite the former Yugoslav Republic of Macedonia to begin accession talks, together with Albania and Croatia?",
    scale={
        "scale_0": "No invitation and no commitment",
        "scale_30": "No invitation now; a promise to invite once the name dispute with Greece is settled",
        "scale_100": "Invitation issued at Bucharest alongside Albania and Croatia",
    },
    adopted_threshold=60,
    actors={
        "GRC": A(0, 0.95, "Prime Minister Karamanlis told parliament that without a mutually acceptable solution to the name issue 'there can be no invitation', hinting at a veto at Bucharest; all main Greek parties backed him.",
                 "http://www.vmacedonianews.com/2008/03/premier-dangles-fyrom-veto.html", iso_why='Judgement: all Greek parties backed a veto and several allies showed understanding; US displeasure was the main cost.', isolation_cost=0.3),
        "USA": A(95, 0.6, "Judgement: Washington pressed for all three Adriatic invitations; Greek commentators expected 'all sorts of diplomatic pressure' from US diplomats on Athens before the summit.",
                 "https://www.ekathimerini.com/opinion/56399/no-deal-no-nato/"),
        "DEU": A(65, 0.3, "Foreign Minister Steinmeier said he would like all three countries to join but that the Macedonian invitation depended on progress in the name talks.",
                 "http://macedoniaonline.eu/content/view/204/45/"),
        "SVN": A(90, 0.4, "Slovenia's foreign minister stated support for Macedonia ahead of the March 2008 ministerial.",
                 "http://macedoniaonline.eu/content/view/204/45/"),
        "TUR": A(90, 0.4, "Judgement: Turkey recognised Macedonia under its constitutional name and backed Balkan enlargement; coded from the allies' preparation of accession documents for all three.",
                 "http://macedoniaonline.eu/content/view/204/45/"),
        "FRA": A(55, 0.2, "Judgement: Paris supported enlargement to the Adriatic states but gave the name dispute weight; no public French line on Macedonia found before the summit.",
                 "http://macedoniaonline.eu/content/view/204/45/"),
    },
    default=A(80, 0.3, "Judgement: NATO foreign ministers had prepared accession documents for all three Adriatic candidates (March 2008) and treated Macedonia's invitation as depending on the name talks; no individual statement found.",
              "http://macedoniaonline.eu/content/view/204/45/"),
    context={
        "opt_out_possible": (False, "An invitation to accede is indivisible: it is issued by all allies or not at all, and every ally must later ratify.", NATO_BUCHAREST_DECL),
        "route_around": (False, "Judgement: there is no way to admit a member without every ally (North Atlantic Treaty, Article 10).", "https://usinfo.org/enus/government/forpolicy/protocols_1949.html"),
        "side_payment_available": (False, "Judgement: the only price Greece named was a composite name, which only Skopje could concede and which it had rejected in the UN talks; the other allies had nothing to offer Athens in its place.", "https://www.ekathimerini.com/news/56426/greek-diplomats-brace-for-pressure-at-nato-summit/"),
        "deadline_pressure": (True, "The summit date fixed the moment of decision; the next enlargement summit was a year away.", "https://www.ekathimerini.com/news/56426/greek-diplomats-brace-for-pressure-at-nato-summit/"),
    },
    actors_extra={
        "MKD": X("Former Yugoslav Republic of Macedonia (Gruevski government; applicant)", 100, 1.0, 0.02, "Applicant; no vote",
                 "Prime Minister Gruevski said that despite no positive signs from Greece Skopje still hoped to be invited.",
                 "https://www.ekathimerini.com/news/56426/greek-diplomats-brace-for-pressure-at-nato-summit/"),
    },
    outcome=dict(adopted=False, value=30, type="blocked",
        summary="At the summit dinner on 2 April 2008 Greece vetoed the invitation; the declaration of 3 April invited Albania and Croatia and said Skopje would be invited as soon as a mutually acceptable solution to the name issue was reached. The Macedonian delegation left the summit.",
        sources=[NATO_BUCHAREST_DECL, "https://eurasia.ro/2008/04/03/jilted-macedonia-to-leave-nato-summit-early-2/"]),
    notes=dict(difficulty="A lone veto holder with overwhelming domestic backing and nothing the others could pay; the others' salience was low. Capability-weighted methods forecast an invitation.",
               judgement="Most allies' positions are judgements from the collective preparation of accession documents; Greece's, Germany's and Slovenia's are documented."),
))

CASES.append(dict(
    id="nato_map_ukraine_georgia_bucharest_2008",
    title="Membership Action Plan for Ukraine and Georgia at the Bucharest summit",
    decision_date="2008-04-03", coding_date="2008-04-01",
    body="NATO (North Atlantic Council, heads of state and government, Bucharest)",
    rule="nato-consensus",
    question="Will the Bucharest summit grant Ukraine and Georgia a Membership Action Plan (MAP)?",
    scale={
        "scale_0": "No MAP and no membership perspective",
        "scale_40": "No MAP now; a declared promise that they will become members and a review of MAP in December",
        "scale_100": "MAP granted to both at Bucharest",
    },
    adopted_threshold=70,
    actors={
        "USA": A(100, 0.8, "President Bush pushed hard for MAP at Bucharest; NSC adviser Hadley said the best way was to offer MAP at the summit.",
                 "https://mg.co.za/article/2008-04-01-france-wont-back-ukraine-georgia-nato-bids/"),
        "FRA": A(10, 0.7, "Prime Minister Fillon said France would not give its green light to the entry of Ukraine and Georgia, to avoid upsetting the balance of power with Russia.",
                 "https://mg.co.za/article/2008-04-01-france-wont-back-ukraine-georgia-nato-bids/", iso_why='Judgement: France stood with Germany and a core of western European allies, so the cost of blocking was shared.', isolation_cost=0.1),
        "DEU": A(10, 0.7, "The federal government reaffirmed the day before the summit that MAP for Georgia and Ukraine was premature (unresolved conflicts, lack of public support in Ukraine).",
                 "https://brf.be/international/44357", iso_why='Judgement: Germany stood with France and a core of western European allies, so the cost of blocking was shared.', isolation_cost=0.1),
        "CAN": A(90, 0.4, "A Canadian official said Ottawa had joined Washington and the ex-communist members in supporting the MAP request.",
                 "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "POL": A(95, 0.7, "Judgement: among 'NATO's ex-communist members' reported as supporting MAP.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "LTU": A(95, 0.7, "Judgement: among 'NATO's ex-communist members' reported as supporting MAP.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "LVA": A(95, 0.6, "Judgement: among 'NATO's ex-communist members' reported as supporting MAP.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "EST": A(95, 0.6, "Judgement: among 'NATO's ex-communist members' reported as supporting MAP.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "ROU": A(85, 0.5, "Judgement: summit host and among the ex-communist members reported as supporting MAP.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "CZE": A(85, 0.5, "Judgement: among the ex-communist members reported as supporting MAP.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "SVK": A(70, 0.3, "Judgement: listed among ex-communist members, but the Fico government was cooler on Russia-related questions.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "BGR": A(75, 0.3, "Judgement: among the ex-communist members reported as supporting MAP, with lower salience.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "HUN": A(65, 0.3, "Judgement: ex-communist member, but no strong public line found.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "SVN": A(65, 0.3, "Judgement: ex-communist member, no strong public line found.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "ITA": A(30, 0.4, "Judgement: part of the 'core of European states' reported as insisting the two were not ready.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "ESP": A(30, 0.4, "Judgement: part of the 'core of European states' reported as insisting the two were not ready.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "NLD": A(35, 0.4, "Judgement: part of the 'core of European states' reported as insisting the two were not ready.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "BEL": A(35, 0.3, "Judgement: part of the 'core of European states' reported as insisting the two were not ready.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "LUX": A(35, 0.3, "Judgement: part of the 'core of European states' reported as insisting the two were not ready.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "GBR": A(65, 0.4, "Judgement: London sympathetic to the US line but not reported among the leading pushers.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
    },
    default=A(55, 0.25, "Judgement: no public position found before the summit; coded as uncommitted with low salience.",
              "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
    actors_extra={
        "UKR": X("Ukraine (Yushchenko; applicant for MAP)", 100, 0.8, 0.05, "Non-member; no vote", "Kyiv had requested MAP; Reuters reported both applicants facing an uphill battle.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "GEO": X("Georgia (Saakashvili; applicant for MAP)", 100, 1.0, 0.03, "Non-member; no vote", "Tbilisi had requested MAP.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "RUS": X("Russia (external)", 0, 0.9, 0.5, "External power; leverage through threats and its relations with Berlin and Paris", "Judgement: Moscow warned against MAP; France cited the balance of power with Russia.", "https://mg.co.za/article/2008-04-01-france-wont-back-ukraine-georgia-nato-bids/"),
    },
    context={
        "opt_out_possible": (False, "A MAP is granted by the Alliance as a whole; there is no partial participation.", NATO_BUCHAREST_DECL),
        "route_around": (False, "Judgement: only NATO can grant a MAP; bilateral US support was not a substitute.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "side_payment_available": (True, "A diplomat expected Washington to seek firm commitments that the two would not wait much longer - membership language instead of MAP.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
        "deadline_pressure": (True, "Bush's farewell summit; the decision was expected at the dinner on 2 April.", "https://www.reuters.com/article/us-nato-idUSL0179714620080401"),
    },
    outcome=dict(adopted=False, value=40, type="blocked",
        summary="No MAP was granted. The Bucharest declaration (3 April 2008) said Ukraine and Georgia 'will become members of NATO' and asked foreign ministers to review their MAP applications in December 2008; MAP was never granted.",
        sources=[NATO_BUCHAREST_DECL, "https://twocircles.net/2008apr03/nato_membership_ambitions_ukraine_georgia_thwarted.html?p=60609"]),
    notes=dict(difficulty="Two large veto holders against a US-led majority; the outcome was a verbal compensation (membership promise) instead of the decision. A weighted mean forecasts MAP.",
               judgement="Most allies other than the US, France, Germany and Canada are coded from reports grouping them (ex-communist supporters; a core of European sceptics)."),
))

CASES.append(dict(
    id="nato_rasmussen_appointment_2009",
    title="Appointment of Anders Fogh Rasmussen as NATO Secretary General over Turkey's objection",
    decision_date="2009-04-04", coding_date="2009-03-31",
    body="NATO (North Atlantic Council, heads of state and government, Strasbourg-Kehl)",
    rule="nato-consensus",
    question="Will the Strasbourg-Kehl summit appoint Danish Prime Minister Anders Fogh Rasmussen as the next Secretary General?",
    scale={"scale_0": "Rasmussen not appointed (another candidate or postponement)", "scale_100": "Rasmussen appointed at the summit"},
    actors={
        "TUR": A(10, 0.7, "A senior AKP foreign-policy official said Turkey did not back Rasmussen, citing the cartoon crisis, his opposition to Turkish EU membership and the Kurdish broadcaster Roj TV; 'unacceptable that NATO be headed by' him.",
                 "https://librabunda.blogspot.com/2009/03/turkey-opposed-to-danish-premier-as.html", iso_why="Judgement: Turkey stood alone against 27 allies at the new US president's first summit and had EU accession chapters at stake.", isolation_cost=0.6),
        "DNK": A(100, 1.0, "Denmark's own prime minister was the front-runner.", "https://librabunda.blogspot.com/2009/03/turkey-opposed-to-danish-premier-as.html"),
        "USA": A(85, 0.5, "Judgement: Rasmussen was the front-runner with backing of the major allies; the Obama administration wanted a consensus at its first summit.", "https://librabunda.blogspot.com/2009/03/turkey-opposed-to-danish-premier-as.html"),
        "DEU": A(90, 0.5, "Judgement: front-runner with the backing of the major European allies.", "https://librabunda.blogspot.com/2009/03/turkey-opposed-to-danish-premier-as.html"),
        "FRA": A(90, 0.5, "Judgement: front-runner with the backing of the major European allies.", "https://librabunda.blogspot.com/2009/03/turkey-opposed-to-danish-premier-as.html"),
        "GBR": A(90, 0.5, "Judgement: front-runner with the backing of the major European allies.", "https://librabunda.blogspot.com/2009/03/turkey-opposed-to-danish-premier-as.html"),
    },
    default=A(85, 0.3, "Judgement: Rasmussen was reported as the front-runner; no ally other than Turkey objected publicly.", "https://librabunda.blogspot.com/2009/03/turkey-opposed-to-danish-premier-as.html"),
    actors_extra={
        "NATO_SG": X("NATO Secretary General (de Hoop Scheffer, outgoing)", 80, 0.3, 0.2, "Chairs the consultations; no vote", "Judgement: the outgoing Secretary General's term ended in July 2009 and a successor had to be chosen at the summit.", "https://librabunda.blogspot.com/2009/03/turkey-opposed-to-danish-premier-as.html"),
    },
    context={
        "opt_out_possible": (False, "An appointment cannot be joined partially.", "https://librabunda.blogspot.com/2009/03/turkey-opposed-to-danish-premier-as.html"),
        "route_around": (False, "The Secretary General is appointed by consensus of all allies.", "https://librabunda.blogspot.com/2009/03/turkey-opposed-to-danish-premier-as.html"),
        "side_payment_available": (True, "Judgement: posts in the international staff and command structure, and a gesture by Rasmussen to Muslim opinion, were in the gift of the allies and the candidate; Turkish objections listed tradable items (Roj TV).", "http://www.turkishweekly.net/news/68711/-terrorism-supporter-to-be-the-secretary-general-of-nato.html"),
        "deadline_pressure": (True, "The incumbent's term ended on 31 July 2009; the summit was the agreed moment.", "https://librabunda.blogspot.com/2009/03/turkey-opposed-to-danish-premier-as.html"),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Turkey dropped its objection after President Obama's assurances: a Turkish assistant/deputy assistant secretary general post, Turkish commanders in the command structure, and a Rasmussen statement addressing Muslim concerns over the cartoons.",
        summary="On 4 April 2009 Rasmussen was appointed after Turkey lifted its objection in return for assurances on NATO posts and a conciliatory gesture.",
        sources=["https://turkishnews.com/en/content/2009/04/05/poor-richards-report-38", "https://www.bild.de/politik/2009/kritisiert-neuen-nato-chef-8037892.bild.html"]),
    notes=dict(difficulty="A lone holdout whose objection was partly a bargaining position: isolation was total, and side payments were cheap for the others.",
               judgement="Positions of allies other than Turkey and Denmark are judgements from reports of a near-consensus."),
))

EPF_PROPOSAL = "https://en.interfax.com.ua/news/general/803206.html"
CASES.append(dict(
    id="eu_epf_lethal_aid_ukraine_2022",
    title="EU funds lethal equipment for Ukraine through the European Peace Facility",
    decision_date="2022-02-28", coding_date="2022-02-27",
    body="Council of the EU (CFSP, unanimity with constructive abstention)",
    rule="eu-unanimity",
    question="Will the Council adopt an assistance measure under the European Peace Facility financing lethal equipment for the Ukrainian armed forces, as Borrell proposed on 27 February 2022?",
    scale={"scale_0": "No EPF measure", "scale_50": "Non-lethal assistance only", "scale_100": "EPF financing of lethal equipment (about 450 million euros) plus non-lethal supplies"},
    adopted_threshold=75,
    actors={
        "AUT": A(40, 0.6, "Judgement: neutral state; the EPF decision of 2021 included constructive abstention for lethal measures at the request of neutral members, and Austria was not expected to pay for weapons.", EPF_PROPOSAL, iso_why='Judgement: blocking aid to a state under invasion would have isolated Austria completely; abstaining cost nothing.', isolation_cost=0.6),
        "IRL": A(40, 0.6, "Judgement: the Irish government had negotiated the constructive-abstention option into the EPF in line with its programme for government on neutrality.", EPF_PROPOSAL, iso_why='Judgement: blocking aid to a state under invasion would have isolated Ireland completely; abstaining cost nothing.', isolation_cost=0.6),
        "MLT": A(40, 0.6, "Judgement: constitutional neutrality; expected not to fund lethal equipment.", EPF_PROPOSAL, iso_why='Judgement: blocking aid to a state under invasion would have isolated Malta completely; abstaining cost nothing.', isolation_cost=0.6),
        "HUN": A(45, 0.5, "Orban had said the Hungarian forces needed their weapons and, unlike Italy and Germany, Hungary would send none; it did not say it would block EU funding.", "https://news.am/eng/news/689094.html", iso_why='Judgement: a veto on aid to Ukraine days into the invasion would have isolated Budapest weeks before its election.', isolation_cost=0.7, late=True),
        "POL": A(100, 0.9, "Judgement: frontline state that had been delivering arms and pressed for the strongest EU response.", EPF_PROPOSAL),
        "LTU": A(100, 0.9, "Judgement: frontline state pressing for the strongest EU response.", EPF_PROPOSAL),
        "LVA": A(100, 0.9, "Judgement: frontline state pressing for the strongest EU response.", EPF_PROPOSAL),
        "EST": A(100, 0.9, "Judgement: frontline state pressing for the strongest EU response.", EPF_PROPOSAL),
        "DEU": A(90, 0.7, "Judgement: Berlin reversed its ban on lethal exports to Ukraine on 26 February, removing the main large-state objection.", EPF_PROPOSAL),
    },
    default=A(90, 0.6, "Judgement: the proposal followed a direct request by Ukraine's foreign minister to the Council and the joint Western sanctions statement of 26 February; no member had said it would block.", EPF_PROPOSAL),
    actors_extra={
        "EU_HR": X("High Representative (Borrell)", 100, 0.8, 0.3, "Proposer; no vote", "Borrell announced he would propose two EPF measures, lethal material and non-lethal supplies.", EPF_PROPOSAL),
        "UKR": X("Ukraine (Zelensky government)", 100, 1.0, 0.05, "Non-member; no vote", "Kuleba requested the assistance from EU foreign ministers.", EPF_PROPOSAL),
    },
    context={
        "opt_out_possible": (True, "Judgement: the EPF decision of March 2021 lets a member abstain constructively on measures supplying lethal equipment and contribute to other assistance instead (Council Decision (CFSP) 2021/509).", EPF_PROPOSAL),
        "route_around": (True, "Judgement: members could deliver weapons nationally, as several already did, if the EU measure failed.", EPF_PROPOSAL),
        "side_payment_available": (False, "Judgement: no linked concession was at issue.", EPF_PROPOSAL),
        "deadline_pressure": (True, "Russia's full-scale invasion had begun on 24 February.", EPF_PROPOSAL),
    },
    outcome=dict(adopted=True, value=100, type="adopted_with_opt_outs", opt_outs=["AUT", "IRL", "MLT"],
        summary="On 28 February 2022 the Council adopted Council Decision (CFSP) 2022/338 (450 million euros for lethal equipment) and a 50 million euro non-lethal measure; Austria, Ireland and Malta abstained constructively and contributed to non-lethal assistance.",
        sources=["https://www.irishpost.com/news/ireland-to-constructively-abstain-from-purchasing-lethal-weapons-for-ukraine-with-ambassador-to-remain-230465", "https://www.kildarestreet.com/debate/?id=2022-03-30a.91"]),
    notes=dict(difficulty="Three status-quo-leaning neutral members had an institutional alternative to a veto (constructive abstention); a veto-players baseline forecasts a block.",
               judgement="Positions of the neutral states and most members are judgements; the Irish stance is documented only after the decision."),
))

OIL_HU = "https://breakingnews.ie/ukraine/hungary-proposes-removing-russian-oil-embargo-from-eu-summit-agenda-1310599.html"
CASES.append(dict(
    id="eu_sixth_package_oil_embargo_2022",
    title="Russian oil embargo in the EU's sixth sanctions package",
    decision_date="2022-05-30", coding_date="2022-05-30",
    body="European Council / Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU agree an embargo on Russian crude oil and oil products as part of the sixth sanctions package proposed by the Commission on 4 May 2022?",
    scale={
        "scale_0": "No oil embargo in the package",
        "scale_55": "Embargo on seaborne oil only; pipeline (Druzhba) oil exempted for the landlocked importers",
        "scale_100": "Embargo on all Russian crude and products, pipeline included, with longer phase-outs for Hungary and Slovakia (the 4 May proposal)",
    },
    adopted_threshold=40,
    actors={
        "HUN": A(10, 0.9, "Foreign Minister Szijjarto said Hungary would not vote for the embargo 'as long as it makes Hungary's energy supply impossible'; Orban asked to take it off the summit agenda and called it an 'atomic bomb' for the economy.", OIL_HU, iso_why='Judgement: alone in blocking, but with quiet sympathy from other pipeline-dependent members and a record of shrugging off criticism.', isolation_cost=0.4),
        "SVK": A(45, 0.6, "Judgement: landlocked and dependent on Druzhba oil; had sought a longer phase-out but did not threaten a veto.", OIL_HU),
        "CZE": A(55, 0.5, "Judgement: dependent on pipeline oil; the EU had offered the landlocked importers extended timelines, which Prague accepted.", OIL_HU),
        "BGR": A(55, 0.5, "Judgement: its refinery depended on Russian crude; sought a derogation rather than blocking.", "https://www.newstatesman.com/world/europe/2022/05/hungary-throws-sand-in-the-gears-of-an-eu-oil-embargo"),
        "GRC": A(70, 0.4, "Judgement: shipping states resisted a ban on transporting Russian oil, not the import embargo.", "https://www.newstatesman.com/world/europe/2022/05/hungary-throws-sand-in-the-gears-of-an-eu-oil-embargo"),
        "CYP": A(70, 0.4, "Judgement: shipping state, coded as for Greece.", "https://www.newstatesman.com/world/europe/2022/05/hungary-throws-sand-in-the-gears-of-an-eu-oil-embargo"),
        "MLT": A(70, 0.4, "Judgement: shipping state, coded as for Greece.", "https://www.newstatesman.com/world/europe/2022/05/hungary-throws-sand-in-the-gears-of-an-eu-oil-embargo"),
        "DEU": A(85, 0.7, "Judgement: Germany had said it could manage without Russian oil by the end of 2022 and backed the embargo.", "https://www.newstatesman.com/world/europe/2022/05/hungary-throws-sand-in-the-gears-of-an-eu-oil-embargo"),
        "POL": A(100, 0.9, "Judgement: pressed for the fullest embargo and planned to stop pipeline imports itself.", "https://www.newstatesman.com/world/europe/2022/05/hungary-throws-sand-in-the-gears-of-an-eu-oil-embargo"),
        "LTU": A(100, 0.9, "Judgement: pressed for the fullest embargo.", "https://www.newstatesman.com/world/europe/2022/05/hungary-throws-sand-in-the-gears-of-an-eu-oil-embargo"),
        "LVA": A(100, 0.8, "Judgement: pressed for the fullest embargo.", "https://www.newstatesman.com/world/europe/2022/05/hungary-throws-sand-in-the-gears-of-an-eu-oil-embargo"),
        "EST": A(100, 0.8, "Judgement: pressed for the fullest embargo.", "https://www.newstatesman.com/world/europe/2022/05/hungary-throws-sand-in-the-gears-of-an-eu-oil-embargo"),
    },
    default=A(85, 0.6, "Judgement: supported the Commission's proposal; the package had stalled for weeks on Hungary's opposition, with 'other member states heavily reliant on Russian oil' quietly reassured.", "https://www.newstatesman.com/world/europe/2022/05/hungary-throws-sand-in-the-gears-of-an-eu-oil-embargo"),
    actors_extra={
        "EU_COMMISSION": X("European Commission (von der Leyen)", 100, 0.8, 0.3, "Proposer; no vote", "Proposed the phased embargo on 4 May 2022 and was devising a seaborne-only compromise.", "https://www.newstatesman.com/world/europe/2022/05/hungary-throws-sand-in-the-gears-of-an-eu-oil-embargo"),
    },
    context={
        "opt_out_possible": (True, "EU officials were devising a ban on tanker oil that would leave pipeline imports (Hungary, Czech Republic) untouched.", "https://www.newstatesman.com/world/europe/2022/05/hungary-throws-sand-in-the-gears-of-an-eu-oil-embargo"),
        "route_around": (False, "Judgement: an import embargo is an EU trade measure; national bans by 26 would breach the single market.", OIL_HU),
        "side_payment_available": (True, "Hungary asked for 15-18 billion euros of EU aid to move away from Russian oil and an exemption beyond 2024.", "https://www.mdr.de/nachrichten/welt/osteuropa/politik/ticker-russland-ukraine-krieg-ungarn-orban-notstand-100.html"),
        "deadline_pressure": (True, "A special European Council on 30-31 May was to settle the package.", OIL_HU),
    },
    outcome=dict(adopted=True, value=55, type="adopted_with_opt_outs", opt_outs=["HUN", "SVK", "CZE"],
        side_payments="Pipeline crude exempted indefinitely; a guarantee that Hungary could import Russian oil by other routes if Druzhba were cut; temporary derogations for Bulgaria and Croatia; Patriarch Kirill later removed from the listings.",
        summary="On 30 May 2022 the European Council agreed to ban seaborne Russian crude and products (about two thirds of imports, 90% with the German and Polish pipeline stop) and exempt pipeline oil; the package was adopted on 3 June 2022 (Council Regulation (EU) 2022/879).",
        sources=["https://mynorthwest.com/3498398/hungarys-orban-wins-exemption-in-eu-russian-oil-embargo/", "https://www.republicworld.com/world-news/russia-ukraine-crisis/german-economic-minister-slams-hungarys-nefarious-gamble-over-russian-oil-embargo-articleshow.html"]),
    notes=dict(difficulty="The lone holdout took an exemption rather than blocking; 'adopted' on this scale means an embargo exists, so the forecast must see that an exemption was cheaper for all than a block.",
               judgement="Most positions beyond Hungary's are judgements from reports of the negotiation."),
))

MFF_HU = "https://www.euractiv.com/section/justice-home-affairs/news/hungarys-orban-threatens-eu-budget-veto-over-rule-of-law/"
MFF_PL = "https://www.polonianews.com/2020/11/poland-ready-to-veto-european-union.html"
CASES.append(dict(
    id="eu_mff_own_resources_veto_nov2020",
    title="EU ambassadors endorse the 2021-27 budget and recovery fund with a rule-of-law mechanism (November 2020)",
    decision_date="2020-11-16", coding_date="2020-11-14",
    body="Council of the EU (Coreper; own-resources decision and MFF regulation, unanimity)",
    rule="eu-unanimity",
    question="Will EU ambassadors on 16 November 2020 give unanimous approval to the own-resources decision and the 2021-27 MFF, after the rule-of-law conditionality was agreed with Parliament?",
    scale={"scale_0": "Unanimity refused; the package is blocked", "scale_100": "Own-resources decision and MFF endorsed with the conditionality as agreed"},
    actors={
        "HUN": A(0, 0.9, "Orban wrote to the Commission and Council presidents that Hungary 'cannot provide the unanimity required for the package adopted in July' if payments are made subject to rule-of-law conditionality.", MFF_HU, iso_why='Judgement: Hungary acted jointly with Poland, so neither stood alone.', isolation_cost=0.3),
        "POL": A(0, 0.9, "Morawiecki wrote to EU leaders that Poland could not accept this version of the conditionality mechanism; the justice minister urged a veto.", MFF_PL, iso_why='Judgement: Poland acted jointly with Hungary, so neither stood alone.', isolation_cost=0.3),
        "SVN": A(60, 0.3, "Judgement: the Jansa government was sympathetic to Budapest and Warsaw but had not threatened a veto.", MFF_HU),
        "NLD": A(100, 0.7, "Judgement: with the 'frugal' states and Parliament, wanted strong conditionality and would not reopen it.", "https://jurist.org/news/2020/11/hungary-poland-veto-eus-7-year-budget-and-covid-19-recovery-package", late=True),
        "DEU": A(100, 0.8, "Judgement: the German presidency had negotiated the compromise with Parliament and wanted the package endorsed.", MFF_HU),
    },
    default=A(100, 0.6, "Judgement: 25 governments supported the package and the conditionality agreed by the presidency with Parliament on 5 November.", MFF_HU),
    actors_extra={
        "EU_PARLIAMENT": X("European Parliament", 100, 0.8, 0.3, "Must consent to the MFF regulation; no vote in Coreper", "Parliament had insisted on the conditionality mechanism in the 5 November deal.", MFF_HU),
    },
    context={
        "opt_out_possible": (False, "The own-resources decision and the MFF apply to all members; no opt-out exists.", MFF_HU),
        "route_around": (False, "Judgement: a recovery fund among 25 outside the treaties was not yet prepared on 14 November; the conditionality itself needed only QMV but the budget needed unanimity.", MFF_HU),
        "side_payment_available": (True, "Judgement: clarifications of how the mechanism would be applied could be offered without reopening the regulation.", MFF_HU),
        "deadline_pressure": (True, "The MFF had to be in force on 1 January 2021, with the recovery fund awaited by all members.", MFF_HU),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="On 16 November 2020 Hungary and Poland refused unanimity for the own-resources decision, blocking the MFF and the 750 billion euro recovery fund (the conditionality regulation itself was approved by qualified majority).",
        sources=["https://kafkadesk.org/2020/11/17/hungary-and-poland-veto-eu-recovery-fund-over-rule-of-law-issue/", "https://cityam.com/hungary-and-poland-veto-eu-budget-and-coronavirus-recovery-fund"]),
    notes=dict(difficulty="Two veto holders shielding each other: low isolation cost and high salience; the block held until the December compromise (see eu_mff_rule_of_law_compromise_dec2020).",
               judgement="Members other than Hungary and Poland are coded as a bloc from reports."),
))

HK_REUTERS = "https://www.reuters.com/world/asia-pacific/hungary-blocks-eu-statement-criticising-china-over-hong-kong-diplomats-say-2021-04-16/"
HK_EUOBS = "https://euobserver.com/eu-and-the-world/ar055a6ad4"
CASES.append(dict(
    id="eu_hong_kong_conclusions_may2021",
    title="EU foreign ministers' statement criticising China over Hong Kong (May 2021)",
    decision_date="2021-05-10", coding_date="2021-05-07",
    body="Council of the EU (Foreign Affairs Council, CFSP statement, unanimity)",
    rule="eu-unanimity",
    question="Will the Foreign Affairs Council of 10 May 2021 adopt an EU statement or conclusions criticising Beijing's curbs on freedoms in Hong Kong?",
    scale={"scale_0": "No EU statement", "scale_50": "A watered-down text adopted by all 27", "scale_100": "Statement criticising China's Hong Kong policy adopted as drafted"},
    actors={
        "HUN": A(0, 0.6, "Hungary had blocked the statement in April ('the EU already has too many issues with China'); on 7 May its foreign ministry said a new statement was 'not necessary'.", HK_EUOBS, iso_why='Judgement: blocking a declaratory statement cost Hungary little beyond criticism; it had done so before.', isolation_cost=0.2),
        "DEU": A(100, 0.5, "Judgement: Germany pressed for the EU to speak with one voice on China after the March sanctions exchange.", HK_REUTERS),
        "GRC": A(70, 0.2, "Judgement: Greece had blocked an EU China statement in 2017 but was not reported as objecting this time.", HK_REUTERS),
    },
    default=A(90, 0.35, "Judgement: the other members wanted to support Britain and the US on Hong Kong; the statement was meant for adoption by all 27.", HK_REUTERS),
    actors_extra={
        "CHN": X("China (external)", 0, 0.6, 0.3, "External; leverage through investment ties with members", "Beijing's representative warned foreign powers against interference in Hong Kong.", HK_REUTERS),
    },
    context={
        "opt_out_possible": (False, "A Council statement is adopted by all or none.", HK_EUOBS),
        "route_around": (True, "Diplomats discussed having the Portuguese presidency or the High Representative speak in Europe's name, which does not need consensus.", HK_EUOBS),
        "side_payment_available": (False, "Judgement: Hungary's objection was to any new criticism of China, not to a wording that could be traded.", HK_EUOBS),
        "deadline_pressure": (False, "Diplomats said it was 'off the table for now, we are waiting for better times'.", HK_EUOBS),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="On 10 May 2021 ministers again failed to adopt Hong Kong conclusions because of Hungary, even after the text had been watered down; German Foreign Minister Maas called it 'absolutely incomprehensible'.",
        sources=["https://exbulletin.com/politics/899510/"]),
    notes=dict(difficulty="Low-salience statement for most members, a cheap veto for the holdout, and a route around it (a statement by the High Representative) that removes pressure to concede.",
               judgement="Members other than Hungary are coded as a bloc."),
))

CASES.append(dict(
    id="eu_israel_gaza_ceasefire_statement_may2021",
    title="EU foreign ministers' joint statement calling for an Israel-Gaza ceasefire (May 2021)",
    decision_date="2021-05-18", coding_date="2021-05-17",
    body="Council of the EU (Foreign Affairs Council by video conference, CFSP statement, unanimity)",
    rule="eu-unanimity",
    question="Will EU foreign ministers adopt a joint EU statement calling for an immediate ceasefire between Israel and Hamas and criticising civilian casualties?",
    scale={"scale_0": "No EU statement", "scale_100": "A statement of all 27 calling for an immediate ceasefire"},
    actors={
        "HUN": A(0, 0.6, "Hungary had 'a track record of vetoing or trying to water down EU criticism of China, Israel and Russia' (EUobserver, 7 May 2021).", HK_EUOBS, iso_why='Judgement: blocking a declaratory statement cost Hungary little; it had done so on Israel before.', isolation_cost=0.2),
        "CZE": A(45, 0.5, "Judgement: the Czech government was among Israel's closest supporters in the EU during the May 2021 fighting.", "https://www.opednews.com/articles/EU-fails-to-agree-on-joint-by-Abdus-Sattar-Ghaza-Airstrikes_Arab_Ceasefire_Conflict-210519-721.html", late=True),
        "AUT": A(55, 0.5, "Judgement: Chancellor Kurz's government sided openly with Israel during the fighting but not against a ceasefire call.", "https://www.opednews.com/articles/EU-fails-to-agree-on-joint-by-Abdus-Sattar-Ghaza-Airstrikes_Arab_Ceasefire_Conflict-210519-721.html", late=True),
        "DEU": A(75, 0.5, "Judgement: Berlin opposed coercive measures against Israel but supported a ceasefire call.", "https://www.opednews.com/articles/EU-fails-to-agree-on-joint-by-Abdus-Sattar-Ghaza-Airstrikes_Arab_Ceasefire_Conflict-210519-721.html", late=True),
        "LUX": A(100, 0.7, "Judgement: led the group of smaller members defending the Palestinians.", "https://www.opednews.com/articles/EU-fails-to-agree-on-joint-by-Abdus-Sattar-Ghaza-Airstrikes_Arab_Ceasefire_Conflict-210519-721.html", late=True),
        "IRL": A(100, 0.7, "Judgement: among the vocal defenders of the Palestinians.", "https://www.opednews.com/articles/EU-fails-to-agree-on-joint-by-Abdus-Sattar-Ghaza-Airstrikes_Arab_Ceasefire_Conflict-210519-721.html", late=True),
        "BEL": A(100, 0.6, "Judgement: among the vocal defenders of the Palestinians.", "https://www.opednews.com/articles/EU-fails-to-agree-on-joint-by-Abdus-Sattar-Ghaza-Airstrikes_Arab_Ceasefire_Conflict-210519-721.html", late=True),
    },
    default=A(90, 0.4, "Judgement: the High Representative convened the extraordinary meeting to agree a common line on a ceasefire; most members wanted one.", "https://www.opednews.com/articles/EU-fails-to-agree-on-joint-by-Abdus-Sattar-Ghaza-Airstrikes_Arab_Ceasefire_Conflict-210519-721.html", late=True),
    actors_extra={
        "EU_HR": X("High Representative (Borrell)", 100, 0.7, 0.3, "Convenor; no vote", "Judgement: Borrell called the extraordinary video conference to agree the EU's position.", HK_EUOBS, late=True),
    },
    context={
        "opt_out_possible": (False, "A Council statement is adopted by all or none.", HK_EUOBS),
        "route_around": (True, "The High Representative can speak on his own behalf or for a group of members, as in the Hong Kong case.", HK_EUOBS),
        "side_payment_available": (False, "Judgement: Hungary objected to EU statements on Israel in general.", HK_EUOBS),
        "deadline_pressure": (True, "Judgement: the fighting was ongoing; the meeting was extraordinary.", HK_EUOBS),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="On 18 May 2021 Hungary refused to join; Borrell read out a ceasefire call on behalf of 26 members instead of an EU statement.",
        sources=["https://euobserver.com/eu-and-the-world/arca3a452a", "https://e-nnw.com/hungary-the-only-country-in-eu-bloc-not-supporting-calls-for-israel-hamas-ceasefire-josep-borrell/"]),
    notes=dict(difficulty="As with Hong Kong: a statement 'of 26' routes around the holdout, so conceding is unnecessary for the majority and blocking is cheap for the holdout.",
               judgement="Apart from Hungary, member positions are judgements; the only source naming other members' stances is dated a day after the meeting (late)."),
))

NMK_GAC = "https://www.mediapart.fr/en/journal/international/161019/france-blocks-eu-membership-talks-balkan-states"
CASES.append(dict(
    id="eu_nmk_alb_accession_talks_oct2019",
    title="Opening of EU accession talks with North Macedonia and Albania (October 2019)",
    decision_date="2019-10-18", coding_date="2019-10-16",
    body="European Council (enlargement, unanimity)",
    rule="eu-unanimity",
    question="Will the European Council of 17-18 October 2019 agree to open accession negotiations with North Macedonia and Albania?",
    scale={"scale_0": "No decision to open talks", "scale_50": "Talks opened with North Macedonia only", "scale_100": "Talks opened with both"},
    actors={
        "FRA": A(5, 0.7, "At the General Affairs Council of 15 October France shot down a plan to give both a date for talks, arguing the enlargement process must first be reformed.", NMK_GAC, iso_why='Judgement: France was partly shielded by Dutch and Danish reservations on Albania, but stood alone on North Macedonia.', isolation_cost=0.3),
        "NLD": A(40, 0.5, "The Netherlands backed France in part, with reservations on Albania's reforms.", NMK_GAC),
        "DNK": A(45, 0.4, "Judgement: reported with the Netherlands as having serious reservations about Albania.", "https://www.novinite.com/articles/201035/Three+Countries+Blocked+Skopje+and+Tirana+from+Starting+Accession+Negotiations+with+the+EU", late=True),
        "DEU": A(100, 0.6, "Germany's Europe minister said the EU was failing to stand by what it had repeatedly promised and that Berlin was 'very disappointed'.", NMK_GAC),
        "ITA": A(100, 0.6, "Judgement: Italy pressed for both openings (Conte called the failure a historic mistake).", NMK_GAC),
        "GRC": A(75, 0.4, "Judgement: after the Prespa agreement Athens supported North Macedonia's path.", NMK_GAC),
    },
    default=A(90, 0.4, "Judgement: all member states barring France considered North Macedonia ready after the name change; support for Albania was weaker.", NMK_GAC),
    actors_extra={
        "EU_COMMISSION": X("European Commission (Juncker)", 100, 0.7, 0.3, "Recommended opening talks; no vote", "Judgement: the Commission had recommended opening talks with both.", NMK_GAC),
        "MKD": X("North Macedonia (Zaev government; candidate)", 100, 1.0, 0.02, "Candidate; no vote", "Zaev travelled to Brussels for a last attempt to lobby for a date.", NMK_GAC),
    },
    context={
        "opt_out_possible": (False, "Opening accession talks is a decision of all members.", NMK_GAC),
        "route_around": (False, "Judgement: accession talks can only be conducted by the Union.", NMK_GAC),
        "side_payment_available": (True, "France's stated price was a reform of the enlargement method, which others could offer later.", NMK_GAC),
        "deadline_pressure": (False, "Judgement: the decision had already been postponed twice (June 2018, June 2019) at no visible cost to the blockers.", NMK_GAC),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="The European Council ended without a decision; France (with the Netherlands and Denmark on Albania) blocked. Tusk called it a mistake. Talks were approved in March 2020 after a new enlargement methodology.",
        sources=["http://en.protothema.gr/france-blocks-albania-north-macedonia-eu-accession-talks/", "https://www.bbc.co.uk/news/av/world-europe-50110705/blocking-albania-and-north-macedonia-eu-bids-is-mistake-tusk-says"]),
    notes=dict(difficulty="A large member holding out against 26 with a demand (methodology reform) that could be met only later.",
               judgement="Most members are coded as a bloc from the report that all but France considered North Macedonia ready."),
))

BG_FW = "https://intellinews.com/bulgaria-pushes-north-macedonia-to-ink-document-committing-to-implementation-of-2017-neighbourhood-treaty-196340/"
CASES.append(dict(
    id="eu_nmk_negotiating_framework_nov2020",
    title="EU negotiating framework and first intergovernmental conference for North Macedonia (November 2020)",
    decision_date="2020-11-17", coding_date="2020-11-12",
    body="Council of the EU (General Affairs Council, enlargement, unanimity)",
    rule="eu-unanimity",
    question="Will the General Affairs Council of 17 November 2020 approve the negotiating framework for North Macedonia so that the first intergovernmental conference can be held?",
    scale={"scale_0": "Framework not approved", "scale_100": "Framework approved as drafted by the Commission and the German presidency"},
    actors={
        "BGR": A(5, 0.9, "Sofia told the Commission it could not accept the draft framework without guarantees on good-neighbourliness, the 'official language' wording and the full constitutional name; Deputy PM Karakachanov said Bulgaria would not compromise or bow to pressure.", BG_FW, iso_why='Judgement: the block had all-party backing in Sofia and the President demanded more; the cost was criticism from partners.', isolation_cost=0.2),
        "DEU": A(100, 0.7, "Judgement: the German presidency was committed to holding the first conference and urged bilateral settlement of history disputes outside the framework.", BG_FW),
        "GRC": A(85, 0.3, "Judgement: after Prespa, Athens supported opening.", BG_FW),
    },
    default=A(95, 0.4, "Judgement: the other members had approved opening talks in March 2020 and backed the presidency's draft; Germany urged keeping bilateral disputes out of the framework.", BG_FW),
    actors_extra={
        "MKD": X("North Macedonia (Zaev government; candidate)", 100, 1.0, 0.02, "Candidate; no vote", "Zaev said there would be no annex to the 2017 treaty and accused Sofia of breaching it.", "https://www.novinite.com/articles/206448/Bulgaria+Blocks+North+Macedonia%E2%80%99s+EU+Accession+Negotiations"),
        "BGR_PRESIDENT": X("President of Bulgaria (Radev)", 0, 0.7, 0.05, "No formal role in the Council; domestic pressure on the government", "Radev said negotiations should be postponed until a binding bilateral agreement was concluded.", "https://www.novinite.com/articles/206408/Bulgarian+President%3A+EU+-+Northern+Macedonia+Negotiations+Should+Be+Postponed"),
    },
    context={
        "opt_out_possible": (False, "The negotiating framework is adopted by all members.", BG_FW),
        "route_around": (False, "Judgement: decoupling Albania was possible, but North Macedonia's talks could not proceed without Bulgaria.", BG_FW),
        "side_payment_available": (True, "Bulgaria named its price (an annex or protocol on language, history and minorities), which only Skopje could pay.", BG_FW),
        "deadline_pressure": (False, "Judgement: the end of the German presidency was a soft deadline only.", BG_FW),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="On 17 November 2020 Bulgaria's foreign minister said Sofia could not support the draft framework or the first conference; the block lasted until July 2022.",
        sources=["https://exit.al/en/?p=138067"]),
    notes=dict(difficulty="A small member with high domestic salience and an identity demand that the others could not pay; isolation cost was low.",
               judgement="Other members coded as a bloc."),
))

BY_CY = "https://www.urdupoint.com/en/world/cyprus-continues-to-hinder-eu-plans-to-hit-be-1033735.html"
CASES.append(dict(
    id="eu_belarus_sanctions_sep2020",
    title="EU sanctions on Belarusian officials after the 2020 election (Foreign Affairs Council, September 2020)",
    decision_date="2020-09-21", coding_date="2020-09-19",
    body="Council of the EU (Foreign Affairs Council, CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the Foreign Affairs Council of 21 September 2020 adopt asset freezes and travel bans on about 40 Belarusian officials for election fraud and repression?",
    scale={"scale_0": "No listings adopted", "scale_100": "Listings adopted as prepared"},
    actors={
        "CYP": A(20, 0.8, "Cyprus blocked the listings in Coreper on 10 and 18 September, wanting EU action against Turkey's drilling in its waters first.", BY_CY, iso_why='Judgement: openly criticised by the Baltic states and the High Representative, but with Greek and some French sympathy on Turkey.', isolation_cost=0.4),
        "GRC": A(80, 0.4, "Judgement: Athens backed the Belarus listings but shared Cyprus's demand for firmness on Turkey.", "https://www.financialmirror.com/2020/09/21/nicosia-tells-eu-turkey-prefers-to-escalate-tensions/", late=True),
        "LTU": A(100, 0.9, "Judgement: Lithuania hosted the Belarusian opposition leader and pressed for rapid sanctions.", BY_CY),
        "LVA": A(100, 0.9, "Judgement: pressed for rapid sanctions; its foreign minister publicly criticised the hold-up.", BY_CY),
        "EST": A(100, 0.8, "Judgement: pressed for rapid sanctions.", BY_CY),
        "POL": A(100, 0.9, "Judgement: pressed for rapid sanctions.", BY_CY),
        "DEU": A(95, 0.6, "Judgement: as presidency wanted the listings, but resisted new sanctions on Turkey (the linkage).", "https://in-cyprus.philenews.com/cyprus-fm-tells-eu-basic-values-and-principles-cannot-be-a-la-carte/", late=True),
    },
    default=A(95, 0.5, "Judgement: all other members supported the listings prepared since August.", BY_CY),
    actors_extra={
        "TUR": X("Turkey (external)", 0, 0.3, 0.2, "External; object of the linked demand", "Judgement: Ankara's drilling in waters claimed by Cyprus was the issue Cyprus linked.", BY_CY),
    },
    context={
        "opt_out_possible": (False, "Sanctions listings apply EU-wide.", BY_CY),
        "route_around": (True, "Judgement: the Baltic states had already imposed national travel bans on Lukashenko and officials, which they could extend.", BY_CY),
        "side_payment_available": (True, "Cyprus called on the bloc to take action against Turkey over its drilling, a demand the leaders could address at their 1-2 October summit.", BY_CY),
        "deadline_pressure": (True, "Judgement: the EU's credibility on Belarus was at stake weeks after the election.", BY_CY),
    },
    outcome=dict(adopted=False, value=0, type="delayed",
        summary="On 21 September 2020 Cyprus blocked the listings at the Foreign Affairs Council; Borrell said credibility was at stake and referred the issue to the leaders. Adopted on 2 October after the European Council's Turkey conclusions (see eu_belarus_sanctions_oct2020).",
        sources=["https://in-cyprus.philenews.com/cyprus-fm-tells-eu-basic-values-and-principles-cannot-be-a-la-carte/", "https://europediplomatic.com/2020/09/21/cyprus-blocks-eu-anti-lukashenko-sanctions/"]),
    notes=dict(difficulty="A holdout using an unrelated decision as a lever (issue linkage); the block held at ministers' level and was released by the leaders.",
               judgement="Other members coded as a bloc except the Baltic states, Poland, Greece and the presidency."),
))

NMK22_BG = "https://www.novinite.com/articles/215636/Bulgaria%27s+Parliament+Lifted+the+Veto+over+North+Macedonia"
CASES.append(dict(
    id="eu_nmk_alb_intergovernmental_conferences_jul2022",
    title="First intergovernmental conferences with North Macedonia and Albania under the French compromise (July 2022)",
    decision_date="2022-07-18", coding_date="2022-07-01",
    body="Council of the EU (enlargement, unanimity)",
    rule="eu-unanimity",
    question="Will the EU adopt negotiating frameworks and hold the first intergovernmental conferences with North Macedonia and Albania in July 2022 on the basis of the French presidency's proposal?",
    scale={"scale_0": "No conference (Bulgaria's block continues)", "scale_50": "Albania decoupled and opened alone", "scale_100": "Conferences with both, North Macedonia's framework including Bulgaria's conditions"},
    actors={
        "BGR": A(65, 0.8, "On 24 June the National Assembly (170 votes) mandated the government to accept the French proposal, with conditions on the Bulgarians in North Macedonia's constitution, language and good-neighbourliness.", NMK22_BG, iso_why="Judgement: with parliament's mandate given and the French presidency's pressure, a renewed block would have isolated Sofia.", isolation_cost=0.5),
        "FRA": A(100, 0.8, "Macron said the EU had put a lot of pressure on Bulgaria and counted on the Bulgarian parliament's vote; the compromise was France's.", "https://www.world-today-news.com/we-put-a-lot-of-pressure-on-bulgaria/"),
    },
    default=A(95, 0.5, "Judgement: the other members wanted both conferences; an EU source said the French proposal was the only one on which a solution could be found.", "https://www.novinite.com/articles/215615/Bulgaria+is+Not+Expected+to+Lift+its+Veto+on+North+Macedonia+at+the+EU+Summit"),
    actors_extra={
        "MKD": X("North Macedonia (Kovachevski government; candidate)", 55, 1.0, 0.05, "Candidate; had to accept the framework and amend its constitution", "Kovachevski said no decision on the French proposal would be taken without consulting the opposition and parliament; he had earlier called a version 'unacceptable'.", "https://dtt-net.com/north-macedonia-pm-says-no-decision-on-french-proposal-for-deal-with-bulgaria-without-consultation-with-opposition-parliament/"),
        "ALB": X("Albania (Rama government; candidate)", 100, 0.9, 0.02, "Candidate; no vote", "Judgement: Tirana wanted its talks opened, decoupled if necessary.", NMK22_BG),
    },
    context={
        "opt_out_possible": (False, "Negotiating frameworks are adopted by all members.", NMK22_BG),
        "route_around": (True, "Judgement: Albania's talks could be decoupled and opened without North Macedonia.", NMK22_BG),
        "side_payment_available": (True, "The French proposal wrote Bulgaria's conditions into North Macedonia's framework with the Commission as guarantor.", "https://eurradio.com/2022/06/28/bulgarian-lawmakers-accept-french-proposal-for-lifting-veto/"),
        "deadline_pressure": (True, "Judgement: the French presidency ended on 30 June and the Bulgarian government had fallen, raising the risk of a long delay.", NMK22_BG),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Bulgaria's conditions (constitutional recognition of Bulgarians, bilateral protocol, good-neighbourliness as a criterion) written into North Macedonia's negotiating framework.",
        summary="After North Macedonia's parliament accepted the French proposal on 16 July, the Council adopted both negotiating frameworks and the first intergovernmental conferences were held on 19 July 2022.",
        sources=["https://www.novinite.com/articles/215636/Bulgaria%27s+Parliament+Lifted+the+Veto+over+North+Macedonia"]),
    notes=dict(difficulty="The holdout's demands were met through a third party (the candidate), with a presidency broker; the main uncertainty was the candidate's acceptance, outside the veto rule.",
               judgement="Other members coded as a bloc."),
))

# ============================================================================ batch 2
MFF_DEC = "https://www.euractiv.com/section/economy-jobs/news/eu-leaders-to-decide-on-compromise-to-unblock-eu-budget-package/"
CASES.append(dict(
    id="eu_mff_rule_of_law_compromise_dec2020",
    title="European Council unblocks the 2021-27 budget and recovery fund with an interpretative declaration (December 2020)",
    decision_date="2020-12-10", coding_date="2020-12-09",
    body="European Council (MFF and own resources, unanimity)",
    rule="eu-unanimity",
    question="Will the European Council of 10-11 December 2020 agree the 2021-27 MFF and the recovery package with the rule-of-law conditionality regulation left unchanged?",
    scale={"scale_0": "Veto maintained; no MFF or recovery fund", "scale_70": "Agreed with an interpretative declaration delaying application of the mechanism until the Court of Justice rules", "scale_100": "Agreed with the conditionality applied as negotiated with Parliament"},
    adopted_threshold=50,
    actors={
        "HUN": A(60, 0.9, "Orban and Morawiecki signalled readiness to lift the veto in return for the German presidency's interpretative declaration; Orban spoke of 'a victory for common sense'.", MFF_DEC, iso_why="Judgement: with the 25 preparing to go ahead without them, standing firm risked exclusion from the recovery fund.", isolation_cost=0.6),
        "POL": A(60, 0.9, "President Duda said there was an outline of a provisional agreement, the result of great efforts of Poland, Hungary and the German presidency.", MFF_DEC, iso_why="Judgement: as for Hungary; Warsaw's junior coalition partner opposed any compromise, raising domestic cost of conceding.", isolation_cost=0.6),
        "NLD": A(90, 0.7, "Judgement: Rutte wanted legal advice on whether the compromise breached the deal with Parliament; he would not accept a dilution of the rules.", "https://www.ajc.com/news/nation-world/eu-strikes-deal-on-landmark-budget-virus-recovery-fund/LH26UGVVURB4NNBOTYKUGSYOVE/", late=True),
        "LUX": A(90, 0.5, "Bettel said 'nothing must change in the rules'.", "https://www.ajc.com/news/nation-world/eu-strikes-deal-on-landmark-budget-virus-recovery-fund/LH26UGVVURB4NNBOTYKUGSYOVE/", late=True),
        "BEL": A(85, 0.5, "Judgement: reported with the Netherlands and Luxembourg as still having questions about the compromise.", "https://www.ajc.com/news/nation-world/eu-strikes-deal-on-landmark-budget-virus-recovery-fund/LH26UGVVURB4NNBOTYKUGSYOVE/", late=True),
        "DEU": A(75, 0.9, "The German presidency negotiated the interpretative declaration with Budapest and Warsaw.", MFF_DEC),
    },
    default=A(75, 0.6, "Judgement: the other members wanted the recovery fund released; southern members waited for the money, and the 25 were preparing to proceed without Hungary and Poland if needed.", MFF_DEC),
    actors_extra={
        "EU_PARLIAMENT": X("European Parliament", 100, 0.7, 0.3, "Must consent to the MFF regulation", "Judgement: Parliament insisted that the regulation agreed on 5 November not be changed.", MFF_DEC),
    },
    context={
        "opt_out_possible": (False, "The MFF and own-resources decision apply to all.", MFF_DEC),
        "route_around": (True, "After three weeks of vetoes Hungary and Poland faced the possibility of being excluded from the stimulus package (the other 25 going ahead without them).", MFF_DEC),
        "side_payment_available": (True, "The presidency offered an interpretative declaration: no sanctions before the Court of Justice rules on the regulation.", MFF_DEC),
        "deadline_pressure": (True, "Without a deal the EU would run on provisional twelfths from 1 January 2021 and the recovery fund would be delayed.", MFF_DEC),
    },
    outcome=dict(adopted=True, value=70, type="adopted",
        side_payments="European Council interpretative declaration: the Commission would not apply the conditionality mechanism until the Court of Justice had ruled on an annulment action; guidelines to be drawn up with the member states.",
        summary="On 10 December 2020 the European Council endorsed the compromise within minutes; Hungary and Poland lifted their veto and the MFF and Next Generation EU were adopted.",
        sources=["https://news.yahoo.com/hungary-poland-drop-opposition-eu-182717979.html", "https://www.theparliamentmagazine.eu/news/article/eu-strikes-compromise-agreement-with-hungary-and-poland-over-next-long-term-budget"]),
    notes=dict(difficulty="The same two veto holders as in November conceded once a face-saving declaration and a credible route around them (an EU-25 recovery fund) existed.",
               judgement="Members other than those named are coded as a bloc; the route-around threat is documented only in reports on the day of the summit."),
))

CASES.append(dict(
    id="eu_belarus_sanctions_oct2020",
    title="EU sanctions on Belarusian officials adopted after the European Council's Turkey conclusions (October 2020)",
    decision_date="2020-10-02", coding_date="2020-09-30",
    body="European Council / Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU adopt the Belarus listings at or right after the European Council of 1-2 October 2020?",
    scale={"scale_0": "No listings", "scale_100": "Listings adopted"},
    actors={
        "CYP": A(50, 0.8, "Nicosia insisted the reaction to violations of members' sovereign rights could not be 'a la carte' and wanted the leaders to address Turkey; it said it backed Belarus sanctions in substance.", "https://www.financialmirror.com/2020/09/21/nicosia-tells-eu-turkey-prefers-to-escalate-tensions/", iso_why="Judgement: after weeks alone, and with the leaders' summit devoted to Turkey, a continued veto would have isolated Cyprus.", isolation_cost=0.6),
        "GRC": A(85, 0.5, "Judgement: supported the Belarus listings and wanted firm Turkey language.", "https://in-cyprus.philenews.com/cyprus-fm-tells-eu-basic-values-and-principles-cannot-be-a-la-carte/"),
        "DEU": A(95, 0.6, "Judgement: the presidency wanted the listings and a balanced Turkey text (dialogue plus possible measures).", "https://in-cyprus.philenews.com/cyprus-fm-tells-eu-basic-values-and-principles-cannot-be-a-la-carte/"),
        "LTU": A(100, 0.9, "Judgement: pressed for rapid sanctions.", BY_CY),
        "LVA": A(100, 0.9, "Judgement: pressed for rapid sanctions.", BY_CY),
        "EST": A(100, 0.8, "Judgement: pressed for rapid sanctions.", BY_CY),
        "POL": A(100, 0.9, "Judgement: pressed for rapid sanctions.", BY_CY),
    },
    default=A(95, 0.5, "Judgement: the others supported the listings; Borrell said they would be agreed by the next Foreign Affairs Council on 12 October at the latest.", "https://in-cyprus.philenews.com/cyprus-fm-tells-eu-basic-values-and-principles-cannot-be-a-la-carte/"),
    context={
        "opt_out_possible": (False, "Sanctions listings apply EU-wide.", BY_CY),
        "route_around": (True, "Judgement: national travel bans by the Baltic states already existed.", BY_CY),
        "side_payment_available": (True, "The leaders' summit was to address the eastern Mediterranean and Turkey, Cyprus's demand.", "https://galusaustralis.com/2020/09/1012906/dispute-over-sanctions-in-belarus-now-the-bosses-in-the-eu-have-to-act-politically/"),
        "deadline_pressure": (True, "Borrell said the EU's credibility was at stake.", "https://in-cyprus.philenews.com/cyprus-fm-tells-eu-basic-values-and-principles-cannot-be-a-la-carte/"),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="European Council conclusions of 1-2 October 2020 on the eastern Mediterranean warning Turkey that the EU would use all instruments if its unilateral actions continued.",
        summary="The European Council agreed the Belarus sanctions in the night of 1-2 October 2020 after conclusions on Turkey; the Council listed 40 officials on 2 October 2020.",
        sources=["https://in-cyprus.philenews.com/cyprus-fm-tells-eu-basic-values-and-principles-cannot-be-a-la-carte/"]),
    notes=dict(difficulty="The same holdout as on 21 September conceded once the linked issue got leaders' attention: a side payment in words.",
               judgement="Outcome source is the pre-decision report of the expected settlement; the result is public record (Council Implementing Regulation (EU) 2020/1387)."),
))

SWIFT_FORTUNE = "https://fortune.com/2022/02/25/ukraine-anger-sanctions-germany-italy-hungary-europe-eu-failure-cut-russia-swift-payment-network/"
SWIFT_AFP = "https://www.news18.com/amp/news/world/eu-still-mulling-cutting-russia-from-swift-after-fresh-appeal-from-ukrainian-president-4814696.html"
CASES.append(dict(
    id="eu_swift_exclusion_russian_banks_2022",
    title="Exclusion of Russian banks from SWIFT (February-March 2022)",
    decision_date="2022-03-02", coding_date="2022-02-26",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU order the removal of Russian banks from the SWIFT messaging system?",
    scale={"scale_0": "No SWIFT measure", "scale_50": "Selected banks removed; banks handling energy payments (Sberbank, Gazprombank) exempted", "scale_100": "All major Russian banks removed"},
    adopted_threshold=40,
    actors={
        "DEU": A(35, 0.7, "Chancellor Scholz said on 24 February that Russia should not yet be cut off from SWIFT, keeping it for 'a situation where it may be necessary'.", SWIFT_FORTUNE, iso_why="Judgement: by 26 February Germany was publicly blamed (with Hungary) by Zelensky; its cost of holding out was rising fast.", isolation_cost=0.6),
        "ITA": A(45, 0.6, "Italy was reported as opposed, fearing for gas supplies; on 26 February Draghi said Italy would fully support the EU line including SWIFT.", SWIFT_AFP, iso_why="Judgement: Rome had already signalled it would not be the last holdout.", isolation_cost=0.6),
        "HUN": A(45, 0.5, "Szijjarto said Hungary had 'never spoken out against a single sanction proposal' and was not blocking, without saying it favoured the SWIFT cut.", SWIFT_AFP, iso_why="Judgement: Budapest denied blocking, showing it did not want to be seen as the holdout.", isolation_cost=0.5),
        "AUT": A(45, 0.5, "Austria was reported as taking a cautious approach for the same energy and banking reasons as Germany and Italy.", SWIFT_FORTUNE),
        "CYP": A(45, 0.4, "Judgement: reported among the members resisting a SWIFT cut in the first wave (financial-sector exposure).", "https://webjosh.com/article/europe-close-to-approving-swift-but-germany-remains-wary-1645889132-51198"),
        "FRA": A(70, 0.5, "France had called a SWIFT cut-off 'the very last resort' but was reported to back the move by 26 February.", SWIFT_AFP),
        "POL": A(100, 0.9, "The foreign ministers of the Baltic states and Poland wanted Russia cut from SWIFT in the first wave.", "https://webjosh.com/article/europe-close-to-approving-swift-but-germany-remains-wary-1645889132-51198"),
        "LTU": A(100, 0.9, "As for Poland.", "https://webjosh.com/article/europe-close-to-approving-swift-but-germany-remains-wary-1645889132-51198"),
        "LVA": A(100, 0.9, "As for Poland.", "https://webjosh.com/article/europe-close-to-approving-swift-but-germany-remains-wary-1645889132-51198"),
        "EST": A(100, 0.9, "As for Poland.", "https://webjosh.com/article/europe-close-to-approving-swift-but-germany-remains-wary-1645889132-51198"),
        "CZE": A(95, 0.7, "President Zeman called the SWIFT option 'needed to isolate a madman'.", SWIFT_FORTUNE),
    },
    default=A(80, 0.5, "Judgement: Zelensky said there was 'almost full support from the EU countries' for the SWIFT cut by 26 February.", SWIFT_AFP),
    actors_extra={
        "UKR": X("Ukraine (Zelensky government)", 100, 1.0, 0.05, "Non-member; no vote", "Zelensky repeatedly asked for Russia to be severed from SWIFT.", SWIFT_AFP),
    },
    context={
        "opt_out_possible": (True, "Judgement: excluding only selected banks would leave energy payments possible, the reason given by Germany and Italy for hesitating.", SWIFT_FORTUNE),
        "route_around": (False, "SWIFT is a Belgian company; removing banks needs an EU legal act.", SWIFT_FORTUNE),
        "side_payment_available": (False, "Judgement: no linked concession was at issue.", SWIFT_FORTUNE),
        "deadline_pressure": (True, "Russian troops were entering Kyiv's outskirts; the sanctions were being agreed day by day.", SWIFT_FORTUNE),
    },
    outcome=dict(adopted=True, value=50, type="adopted_with_opt_outs",
        side_payments="Sberbank and Gazprombank, the main channels for energy payments, were left connected (exemption sought by the gas-dependent members).",
        summary="On 26 February 2022 the EU, US and others announced SWIFT removals of selected Russian banks; Council Regulation (EU) 2022/345 of 2 March 2022 removed seven banks, exempting Sberbank and Gazprombank.",
        sources=["https://www.news18.com/amp/news/world/eu-still-mulling-cutting-russia-from-swift-after-fresh-appeal-from-ukrainian-president-4814696.html"]),
    notes=dict(difficulty="Several large members resisted, then conceded within days in exchange for a sectoral exemption; pressure from public opinion and the war moved salience quickly.",
               judgement="opt_outs is empty because the exemption was by bank (energy payments), not by member state."),
))

CASES.append(dict(
    id="eu_russia_sectoral_sanctions_jul2014",
    title="EU sectoral economic sanctions on Russia after the downing of MH17 (July 2014)",
    decision_date="2014-07-29", coding_date="2014-07-23",
    body="Council of the EU (Coreper / CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU adopt sectoral economic sanctions on Russia (capital markets, arms, dual-use and oil technology) by the end of July 2014?",
    scale={"scale_0": "Only further individual listings", "scale_60": "Sectoral measures on finance, arms and oil technology, gas excluded", "scale_100": "Broad sectoral sanctions including energy"},
    adopted_threshold=50,
    actors={
        "GBR": A(95, 0.7, "Cameron said the EU should consider hard-hitting economic sanctions and that Russia could not expect access to European markets and capital.", "https://www.euractiv.com/section/global-europe/news/eu-ministers-speed-up-russia-sanctions/"),
        "POL": A(95, 0.8, "Sikorski said Russia had crossed many red lines and that sanctions would have been imposed at once if the plan had been ready.", "https://voxeurop.eu/en/?p=191514"),
        "NLD": A(80, 0.8, "Timmermans said there was no Dutch blockade of further sanctions and that the EU should consider targeting the arms, energy and financial sectors.", "http://www.newsweek.com/eu-ministers-impose-sanctions-russia-tougher-measures-come-260410"),
        "DEU": A(65, 0.7, "Steinmeier said Russia had not done enough to de-escalate; Germany had major economic ties with Russia.", "http://www.newsweek.com/eu-ministers-impose-sanctions-russia-tougher-measures-come-260410"),
        "FRA": A(55, 0.6, "Judgement: France pressed ahead with the Mistral warship sale to Russia and clashed with London over it.", "https://www.euractiv.com/section/global-europe/news/eu-ministers-speed-up-russia-sanctions/"),
        "ITA": A(45, 0.6, "Judgement: Italy had major economic ties with Russia and was among the hesitant members.", "https://www.euractiv.com/section/global-europe/news/eu-ministers-speed-up-russia-sanctions/", iso_why="Judgement: after MH17 a lone Italian veto would have been very costly.", isolation_cost=0.7),
        "CYP": A(40, 0.5, "Judgement: banking exposure to Russia; among the traditionally hesitant members.", "https://www.euractiv.com/section/global-europe/news/eu-ministers-speed-up-russia-sanctions/", iso_why="Judgement: small and exposed; a lone veto after MH17 was not credible.", isolation_cost=0.7),
        "HUN": A(40, 0.5, "Judgement: energy ties with Russia; among the hesitant members.", "https://www.euractiv.com/section/global-europe/news/eu-ministers-speed-up-russia-sanctions/", iso_why="Judgement: a lone veto after MH17 would have been very costly.", isolation_cost=0.7),
        "SVK": A(40, 0.5, "Judgement: gas dependence; among the hesitant members.", "https://www.euractiv.com/section/global-europe/news/eu-ministers-speed-up-russia-sanctions/"),
        "LTU": A(100, 0.9, "Judgement: among the most hawkish members.", "https://voxeurop.eu/en/?p=191514"),
    },
    default=A(65, 0.5, "Judgement: foreign ministers on 22 July asked the Commission to prepare sectoral measures; most members followed the large states.", "https://sofiaglobe.com/2014/07/22/after-mh17-eu-to-expand-sanctions-against-russia-over-ukraine-to-include-more-individuals-and-entities/"),
    actors_extra={
        "USA": X("United States (Obama administration; external)", 100, 0.8, 0.4, "Not an EU member; pressure on Europe", "Obama piled pressure on Europe for a more forceful response; a US official called the 22 July result 'feeble'.", "https://www.independent.co.uk/news/world/europe/malaysia-airlines-mh17-crash-eu-s-new-sanctions-on-russia-fall-short-of-uk-demands-9622073.html"),
    },
    context={
        "opt_out_possible": (True, "Judgement: the measures could be drafted to spare gas and existing contracts (the Mistral sale), meeting the hesitant members' interests.", "https://www.euractiv.com/section/global-europe/news/eu-ministers-speed-up-russia-sanctions/"),
        "route_around": (False, "Trade and financial sanctions are EU competence.", "https://www.euractiv.com/section/global-europe/news/eu-ministers-speed-up-russia-sanctions/"),
        "side_payment_available": (False, "Judgement: no linked concession was reported.", "https://www.euractiv.com/section/global-europe/news/eu-ministers-speed-up-russia-sanctions/"),
        "deadline_pressure": (True, "The downing of MH17 on 17 July killed 298 people, two thirds Dutch.", "https://sofiaglobe.com/2014/07/22/after-mh17-eu-to-expand-sanctions-against-russia-over-ukraine-to-include-more-individuals-and-entities/"),
    },
    outcome=dict(adopted=True, value=60, type="adopted_with_opt_outs",
        side_payments="Gas excluded; arms embargo applied only to future contracts (sparing France's Mistral sale).",
        summary="On 29 July 2014 EU ambassadors agreed sectoral sanctions on Russia's finance, defence and oil-technology sectors (Council Decision 2014/512/CFSP, 31 July 2014), sparing gas and existing arms contracts.",
        sources=["https://www.deccanchronicle.com/140730/world-europe/article/european-union-sanctions-three-russian-sectors"]),
    notes=dict(difficulty="Hesitant members with real economic stakes accepted sanctions drafted around their interests after a shock (MH17) raised the cost of holding out.",
               judgement="Positions of the hesitant members are judgements from reports of economic exposure; opt_outs empty because the carve-outs were by sector and contract, not by member."),
))

GMT_BBG = "https://www.bnnbloomberg.ca/hungary-to-oppose-global-minimum-tax-at-eu-meeting-gulyas-says-1.1780158"
CASES.append(dict(
    id="eu_global_minimum_tax_jun2022",
    title="EU directive on the 15% global minimum corporate tax at the June 2022 ECOFIN",
    decision_date="2022-06-17", coding_date="2022-06-17",
    body="Council of the EU (ECOFIN, taxation, unanimity)",
    rule="eu-unanimity",
    question="Will ECOFIN on 17 June 2022 reach unanimous agreement on the Pillar Two directive (15% minimum tax for large multinational groups)?",
    scale={"scale_0": "No agreement", "scale_100": "General approach on the directive agreed"},
    actors={
        "HUN": A(5, 0.6, "Diplomatic sources said on 16 June that Hungary intended to veto the minimum tax; Hungary had doubts that the US would follow and said 15% was double the effective rate in Hungary.", "https://www.zazoom.it/2022-06-16/ue-nuovo-veto-dellungheria-budapest-si-oppone-alla-minimum-tax/11082450/", iso_why="Judgement: Poland's withdrawal left Hungary alone, but Budapest was already in open conflict with the Commission over frozen recovery funds and had little to lose.", isolation_cost=0.3),
        "POL": A(80, 0.5, "Poland, the sole holdout at earlier meetings, had signalled it would lift its objection after weeks of talks with the French presidency.", GMT_BBG),
        "FRA": A(100, 0.8, "The French presidency had spent weeks negotiating and wanted the directive agreed before its presidency ended.", GMT_BBG),
        "EST": A(70, 0.3, "Judgement: had earlier voiced reservations but did not block.", GMT_BBG),
    },
    default=A(95, 0.5, "Judgement: the other members had supported the presidency's compromise texts.", GMT_BBG),
    context={
        "opt_out_possible": (False, "A tax directive binds all members; no opt-out exists.", GMT_BBG),
        "route_around": (True, "Judgement: France, Germany, Italy, Spain and the Netherlands had said they could implement the tax nationally or by enhanced cooperation if unanimity failed.", GMT_BBG),
        "side_payment_available": (True, "Judgement: Hungary's recovery plan and frozen funds were pending with the Commission, making issue linkage possible.", "https://www.orlandoecho.com/news/272590923/eu-plans-to-collect-minimum-corporate-tax-blocked-by-hungary"),
        "deadline_pressure": (True, "The French presidency ended on 30 June; the OECD timetable aimed at 2023.", GMT_BBG),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="At ECOFIN on 17 June 2022 Hungary withdrew its support and blocked the directive just as Poland lifted its objection; Le Maire and Gentiloni confirmed the veto.",
        sources=["https://wp.dig.watch/?p=109851", "http://www.internationaltaxplaza.info/homepage/news-archive/news-archive-2022/482-news-archive-june-2022/6644-proposal-for-an-eu-pillar-2-directive-the-saga-seems-to-continue.html"]),
    notes=dict(difficulty="A holdout switching late, widely read as leverage for unrelated frozen funds; the veto held for six months (see eu_global_minimum_tax_dec2022).",
               judgement="Positions of members other than Hungary, Poland and France are judgements."),
))

DEC22 = "https://en.protothema.gr/2022/12/06/hungary-vetoes-european-macroeconomic-support-to-ukraine-for-the-amount-of-18-billion-euros"
DEC22_EUOBS = "https://euobserver.com/rule-of-law/ar8d0ef6af"
CASES.append(dict(
    id="eu_ukraine_macro_financial_18bn_dec2022",
    title="EU macro-financial assistance of 18 billion euros to Ukraine for 2023 (December 2022)",
    decision_date="2022-12-12", coding_date="2022-12-08",
    body="Council of the EU (financial regulation amendment and MFA+, unanimity)",
    rule="eu-unanimity",
    question="Will the EU adopt, by unanimity and backed by the EU budget headroom, the 18 billion euro assistance package for Ukraine for 2023?",
    scale={"scale_0": "No EU-27 package (aid only by a 26-state arrangement or bilaterally)", "scale_100": "EU-27 package backed by the budget headroom adopted"},
    actors={
        "HUN": A(10, 0.7, "On 6 December Finance Minister Varga said Hungary was not in favour of amending the financial regulation; Budapest argued each member should help Ukraine nationally, while seeking release of about 13 billion euros of frozen EU funds.", DEC22, iso_why="Judgement: alone, with the 26 preparing an alternative without it and its own 5.8 billion euro recovery plan at stake before 31 December.", isolation_cost=0.6),
        "DEU": A(100, 0.6, "Judgement: supported the package; wanted no linkage between Ukraine aid and Hungary's funds.", DEC22_EUOBS),
        "POL": A(100, 0.8, "Judgement: strongest supporter of aid to Ukraine.", DEC22),
        "CZE": A(100, 0.8, "The Czech presidency said it would find a solution supported by the 26 and start payments in January.", DEC22),
        "NLD": A(100, 0.6, "Judgement: supported the aid and wanted Hungary's funds frozen as the Commission proposed.", DEC22_EUOBS),
    },
    default=A(100, 0.6, "Judgement: the 26 supported the package; Dombrovskis said the EU would deliver it 'one way or another'.", "https://finance-news.co./news/hungary-blocks-approval-of-18-billion-in-eu/49702"),
    actors_extra={
        "EU_COMMISSION": X("European Commission", 100, 0.8, 0.3, "Proposer; also proposed freezing 7.5 billion euros for Hungary", "Dombrovskis: 'we must deliver it, one way or another'.", "https://finance-news.co./news/hungary-blocks-approval-of-18-billion-in-eu/49702"),
        "UKR": X("Ukraine (non-member)", 100, 1.0, 0.05, "Recipient; no vote", "Judgement: Kyiv needed about 1.5 billion euros a month to cover its deficit.", "https://finance-news.co./news/hungary-blocks-approval-of-18-billion-in-eu/49702"),
    },
    context={
        "opt_out_possible": (False, "Judgement: guarantees from the EU budget headroom require all members; Hungary could not be carved out of the budget.", DEC22),
        "route_around": (True, "The presidency asked the Economic and Financial Committee for an alternative supported by the 26 (bilateral guarantees).", DEC22),
        "side_payment_available": (True, "Hungary's recovery plan approval and the size of the funds frozen under the conditionality mechanism were on the same agenda.", "https://24newsglobe.com/world/263208.html/amp"),
        "deadline_pressure": (True, "Payments were due from January 2023; Hungary would lose 70% of its recovery grants if its plan was not approved by 31 December.", "https://24newsglobe.com/world/263208.html/amp"),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Hungary's recovery plan (5.8 billion euros) approved with milestones; the funds frozen under the conditionality mechanism cut from 7.5 to 6.3 billion euros.",
        summary="On 12 December 2022 Coreper agreed a package: Hungary lifted its vetoes on the 18 billion euro Ukraine aid and the global minimum tax; the aid regulation was adopted on 14 December 2022.",
        sources=["https://www.wionews.com/world/eu-reaches-deal-with-hungary-over-ukraine-aid-tax-plan-and-more-542572"]),
    notes=dict(difficulty="A holdout bargaining across files (aid, tax, own funds) against a credible 26-state alternative and its own deadline; conceded for a partial release.",
               judgement="Positions beyond Hungary and the presidency are judgements."),
))

CASES.append(dict(
    id="eu_global_minimum_tax_dec2022",
    title="EU directive on the 15% global minimum corporate tax (December 2022)",
    decision_date="2022-12-12", coding_date="2022-12-08",
    body="Council of the EU (Coreper/ECOFIN, taxation, unanimity)",
    rule="eu-unanimity",
    question="Will the EU reach unanimous agreement on the Pillar Two minimum-tax directive in December 2022?",
    scale={"scale_0": "No agreement", "scale_100": "Directive agreed"},
    actors={
        "HUN": A(20, 0.6, "Hungary kept blocking the minimum tax at the 6 December ECOFIN, linking it with the dispute over its frozen EU funds.", "https://www.nachrichten.at/politik/aussenpolitik/orban-zieht-das-veto-ass-im-milliardenpoker-mit-der-eu;art391,3755321", iso_why="Judgement: alone, and needing the recovery-plan approval before 31 December.", isolation_cost=0.5),
        "POL": A(70, 0.5, "Judgement: Poland had lifted its earlier objection in June but raised a new one (linkage with Pillar One) in December.", "https://www.wionews.com/world/eu-reaches-deal-with-hungary-over-ukraine-aid-tax-plan-and-more-542572", late=True),
        "FRA": A(100, 0.7, "Judgement: France and others had threatened to implement the tax by enhanced cooperation.", DEC22_EUOBS),
        "DEU": A(100, 0.6, "Judgement: supported the directive.", DEC22_EUOBS),
    },
    default=A(95, 0.5, "Judgement: 25 members supported the directive agreed in substance since June.", DEC22_EUOBS),
    context={
        "opt_out_possible": (False, "A tax directive binds all members.", DEC22_EUOBS),
        "route_around": (True, "Judgement: enhanced cooperation by at least nine members was openly discussed.", DEC22_EUOBS),
        "side_payment_available": (True, "Hungary's recovery plan and frozen funds were being decided in the same week.", "https://24newsglobe.com/world/263208.html/amp"),
        "deadline_pressure": (True, "Hungary would lose most of its recovery grants without plan approval by year end.", "https://24newsglobe.com/world/263208.html/amp"),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Part of the 12 December package with Hungary (recovery plan approved, frozen funds reduced to 6.3 billion euros); Poland withdrew its objection and the directive (Council Directive (EU) 2022/2523) was adopted on 15 December 2022.",
        summary="Hungary dropped its veto in the 12 December package; after Poland lifted its last objection the directive was agreed on 15 December 2022.",
        sources=["https://www.wionews.com/world/eu-reaches-deal-with-hungary-over-ukraine-aid-tax-plan-and-more-542572"]),
    notes=dict(difficulty="Same holdout as June, now conceding under a side payment and a year-end deadline of its own; a second late objector (Poland) also folded.",
               judgement="Poland's December stance is known only from a report dated after the coding date."),
))

CASES.append(dict(
    id="nato_finland_sweden_accession_talks_may2022",
    title="North Atlantic Council decision to start accession talks with Finland and Sweden (18 May 2022)",
    decision_date="2022-05-18", coding_date="2022-05-17",
    body="NATO (North Atlantic Council, permanent representatives)",
    rule="nato-consensus",
    question="Will the North Atlantic Council agree on 18 May 2022, the day the applications were handed in, to start accession talks with Finland and Sweden?",
    scale={"scale_0": "No decision to start talks", "scale_100": "Accession talks started at once"},
    actors={
        "TUR": A(10, 0.8, "Erdogan objected to Swedish and Finnish membership, accusing both of failing to take a 'clear' stance on the PKK and other groups Ankara deems terrorist.", "https://20.detik.com/detikflash/20220517-220517031/erdogan-mengecam-finlandia-dan-swedia-yang-masuk-nato", iso_why="Judgement: alone against 29, but with domestic backing and an election ahead; delaying the start cost little.", isolation_cost=0.3),
        "USA": A(100, 0.7, "Judgement: Washington backed a rapid accession and expected Turkey's concerns to be resolved.", "https://www.brecorder.com/news/40173164/stoltenberg-confident-common-ground-can-be-found-on-sweden-finland-membership"),
        "HUN": A(85, 0.3, "Judgement: Budapest said it supported the applications but was in no hurry.", "https://www.brecorder.com/news/40173164/stoltenberg-confident-common-ground-can-be-found-on-sweden-finland-membership"),
    },
    default=A(100, 0.7, "Stoltenberg said on 15 May that Turkey did not want to block and that he was confident its concerns could be addressed without delaying accession; the other allies welcomed the applications.", "https://www.brecorder.com/news/40173164/stoltenberg-confident-common-ground-can-be-found-on-sweden-finland-membership"),
    actors_extra={
        "NATO_SG": X("NATO Secretary General (Stoltenberg)", 100, 0.9, 0.3, "Chairs the Council; no vote", "Said he wanted to speed up the process as much as possible and was confident Turkey's concerns could be met without delay.", "https://www.brecorder.com/news/40173164/stoltenberg-confident-common-ground-can-be-found-on-sweden-finland-membership"),
        "FIN": X("Finland (applicant)", 100, 1.0, 0.05, "Applicant; no vote", "Helsinki announced its decision to apply on 15 May.", "https://www.brecorder.com/news/40173164/stoltenberg-confident-common-ground-can-be-found-on-sweden-finland-membership"),
        "SWE": X("Sweden (applicant)", 100, 1.0, 0.05, "Applicant; no vote", "Judgement: Stockholm decided to apply on 16 May.", "https://www.brecorder.com/news/40173164/stoltenberg-confident-common-ground-can-be-found-on-sweden-finland-membership"),
    },
    context={
        "opt_out_possible": (False, "Accession is decided by all allies.", "https://www.brecorder.com/news/40173164/stoltenberg-confident-common-ground-can-be-found-on-sweden-finland-membership"),
        "route_around": (False, "Judgement: bilateral security assurances (UK, US) could bridge the interim but not replace accession.", "https://www.brecorder.com/news/40173164/stoltenberg-confident-common-ground-can-be-found-on-sweden-finland-membership"),
        "side_payment_available": (True, "Erdogan tied his objection to the two countries' stance on the PKK and related groups, a demand they could act on.", "https://20.detik.com/detikflash/20220517-220517031/erdogan-mengecam-finlandia-dan-swedia-yang-masuk-nato"),
        "deadline_pressure": (False, "Judgement: the Madrid summit at the end of June was the natural target; nothing forced a decision on 18 May.", "https://www.brecorder.com/news/40173164/stoltenberg-confident-common-ground-can-be-found-on-sweden-finland-membership"),
    },
    outcome=dict(adopted=False, value=0, type="delayed",
        summary="On 18 May 2022 Turkey prevented the North Atlantic Council from deciding to start the accession process; talks were cleared only at Madrid on 28 June after a trilateral memorandum.",
        sources=["https://www.novinite.com/articles/215163/Turkey+has+Blocked+NATO+%D0%90ccession+%D0%A2alks+with+Finland+and+Sweden", "https://babel.ua/en/news/78836-ft-turkey-has-blocked-talks-on-sweden-and-finland-joining-nato"]),
    notes=dict(difficulty="The holdout's price was known and payable, but not yet paid: delay, not veto, was the rational choice.",
               judgement="Other allies coded as a bloc."),
))

FS_JUN = "https://www.blackhawksjersey.com/erdogan-continues-to-insist-on-concrete-steps-by-sweden-and-finland"
CASES.append(dict(
    id="nato_finland_sweden_invitation_madrid_2022",
    title="NATO invites Finland and Sweden at the Madrid summit after the Turkey-Finland-Sweden memorandum",
    decision_date="2022-06-28", coding_date="2022-06-26",
    body="NATO (North Atlantic Council, heads of state and government, Madrid)",
    rule="nato-consensus",
    question="Will the Madrid summit (28-30 June 2022) invite Finland and Sweden to join NATO?",
    scale={"scale_0": "No invitation (Turkey's block continues)", "scale_100": "Invitation issued at Madrid"},
    actors={
        "TUR": A(25, 0.8, "Erdogan told Stoltenberg on 25 June that both must first take 'concrete and serious' steps against the PKK and YPG, lift the arms embargo and promise not to repeat it; an AKP committee chair said Turkey was ready to block for a year if necessary.", FS_JUN, iso_why="Judgement: a block at the first wartime summit would isolate Turkey from all 29 allies and jeopardise its F-16 request with Washington.", isolation_cost=0.6),
        "USA": A(100, 0.8, "Judgement: Washington wanted the invitation at Madrid and Biden was due to meet Erdogan there.", "https://apllenews.pages.dev/posts/klmateuorg131773"),
        "HUN": A(80, 0.3, "Judgement: supported accession, low salience.", FS_JUN),
    },
    default=A(100, 0.7, "Judgement: all other allies supported rapid accession; Stoltenberg praised Sweden's efforts to meet Turkey's concerns.", "https://apllenews.pages.dev/posts/klmateuorg131773"),
    actors_extra={
        "NATO_SG": X("NATO Secretary General (Stoltenberg)", 100, 0.9, 0.3, "Broker; no vote", "Brokered talks with Turkey, Finland and Sweden before the summit.", FS_JUN),
        "SWE": X("Sweden (applicant; Andersson government)", 100, 1.0, 0.05, "Applicant; could pay the price (policy changes)", "Judgement: Stockholm was negotiating on Turkey's demands but ruled out extraditing its own citizens.", "https://apllenews.pages.dev/posts/klmateuorg131773"),
        "FIN": X("Finland (applicant; Niinisto)", 100, 1.0, 0.05, "Applicant; could pay the price", "Judgement: Helsinki negotiated jointly with Stockholm.", FS_JUN),
    },
    context={
        "opt_out_possible": (False, "Accession is decided by all allies.", FS_JUN),
        "route_around": (False, "Judgement: no substitute for an Alliance invitation.", FS_JUN),
        "side_payment_available": (True, "Turkey's price was explicit (PKK/YPG stance, arms embargo, extraditions) and the applicants were negotiating on it.", FS_JUN),
        "deadline_pressure": (True, "The Madrid summit was the agreed target for the invitation.", FS_JUN),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Trilateral memorandum of 28 June 2022: Finland and Sweden to address Turkish extradition requests expeditiously, not support the YPG/PYD or FETO, lift their arms-export restrictions on Turkey and work against PKK fundraising.",
        summary="On 28 June 2022 Turkey, Finland and Sweden signed a memorandum and Turkey lifted its objection; the summit invited both on 29 June (accession protocols signed 5 July 2022).",
        sources=["https://www.republicworld.com/world-news/rest-of-the-world-news/sweden-to-work-closely-with-turkey-over-extradition-of-criminals-swedish-pm-andersson-articleshow.html"]),
    notes=dict(difficulty="The canonical 'holdout conceding for its price' case; the applicants, not the allies, paid.",
               judgement="Other allies coded as a bloc."),
))

# ============================================================================ batch 3
EAGLE = "https://polandin.com/45520833/turkey-blocks-signing-nato-defence-plan-for-poland-baltic-states"
CASES.append(dict(
    id="nato_baltic_poland_defence_plans_london_2019",
    title="NATO's updated defence plans for Poland and the Baltic states held up by Turkey (London, December 2019)",
    decision_date="2019-12-04", coding_date="2019-12-03",
    body="NATO (North Atlantic Council, leaders' meeting, London)",
    rule="nato-consensus",
    question="Will Turkey lift its hold on the updated defence plans for Poland and the Baltic states at the London leaders' meeting without NATO designating the YPG as terrorist?",
    scale={"scale_0": "Plans stay blocked", "scale_100": "Plans approved without the YPG designation Turkey demanded"},
    actors={
        "TUR": A(15, 0.7, "Turkey told its envoy not to sign the plan unless NATO formally recognised the YPG as terrorists; Erdogan said before London that Ankara would stand against the plans until then.", EAGLE, iso_why="Judgement: holding the eastern allies' defence hostage isolated Turkey from 28 allies, weeks after its Syria offensive drew criticism.", isolation_cost=0.5),
        "POL": A(100, 0.9, "Poland's defence depended on the plan; Erdogan had talked with the Polish president before the summit.", "https://inewstoday.net/2019/12/turkey-says-no-change-in-objection-to-north-atlantic-treaty/"),
        "LTU": A(100, 0.9, "Judgement: directly covered by the plan.", EAGLE),
        "LVA": A(100, 0.9, "Judgement: directly covered by the plan.", EAGLE),
        "EST": A(100, 0.9, "Judgement: directly covered by the plan.", EAGLE),
        "FRA": A(100, 0.6, "Judgement: Paris refused to classify the YPG as terrorist, the price Turkey asked.", "https://inewstoday.net/2019/12/turkey-says-no-change-in-objection-to-north-atlantic-treaty/"),
        "USA": A(95, 0.5, "Judgement: Washington had withdrawn support for a separate Turkish plan; it backed the eastern plans.", EAGLE),
        "GBR": A(95, 0.5, "The UK foreign secretary said allies were working on it but would not promise a solution by the end of the summit.", "https://inewstoday.net/2019/12/turkey-says-no-change-in-objection-to-north-atlantic-treaty/"),
    },
    default=A(95, 0.5, "Judgement: the other allies backed the plans and would not label the YPG terrorist; a diplomat said the Turks were 'taking eastern Europeans hostage'.", EAGLE),
    actors_extra={
        "NATO_SG": X("NATO Secretary General (Stoltenberg)", 100, 0.8, 0.3, "Broker; no vote", "NATO's spokeswoman said NATO had plans to defend all allies.", EAGLE),
    },
    context={
        "opt_out_possible": (False, "A defence plan is approved by all allies.", EAGLE),
        "route_around": (False, "Judgement: only NATO's military structure can own the graduated response plans.", EAGLE),
        "side_payment_available": (True, "Erdogan agreed to meet the Baltic and Polish leaders in London; a face-saving formula on terrorism short of naming the YPG was possible.", "https://balticword.eu/tag/baltics-over-syria/"),
        "deadline_pressure": (True, "The 70th-anniversary leaders' meeting in London on 3-4 December.", EAGLE),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Leaders' declaration condemned terrorism 'in all its forms'; no YPG designation. (Turkey's hold later resurfaced in 2020.)",
        summary="On 4 December 2019 Stoltenberg said Turkey had dropped its opposition to the plans; Macron said there was no consensus on classifying the YPG as terrorist.",
        sources=["https://news.sol.org.tr/turkey-agrees-back-nato-plans-baltic-states-and-poland-176399"]),
    notes=dict(difficulty="An issue-linked hold released at a summit for words; a later report said the block resumed in 2020, so 'adopted' here is the London decision only.",
               judgement="Allies other than those named are coded as a bloc."),
))

NUC = "https://uawire.org/hungary-names-conditions-necessary-for-ukraine-nato-commission-to-resume-work"
CASES.append(dict(
    id="nato_ukraine_commission_brussels_summit_2018",
    title="NATO-Ukraine Commission meeting at the Brussels summit, blocked by Hungary (July 2018)",
    decision_date="2018-07-12", coding_date="2018-07-01",
    body="NATO (North Atlantic Council, Brussels summit)",
    rule="nato-consensus",
    question="Will NATO convene a NATO-Ukraine Commission meeting at leaders' level at the July 2018 Brussels summit?",
    scale={"scale_0": "No NATO-Ukraine Commission meeting", "scale_100": "Commission meeting at summit level"},
    actors={
        "HUN": A(0, 0.7, "Szijjarto said Hungary would lift its veto on a separate leaders' meeting with Poroshenko but keep blocking the NATO-Ukraine Commission until Ukraine changed its education law (three conditions named).", NUC, iso_why="Judgement: a low-visibility format question; Budapest had blocked the Commission three times without cost.", isolation_cost=0.2),
        "USA": A(80, 0.4, "Judgement: supported engagement with Ukraine, low salience on the format.", NUC),
        "POL": A(95, 0.6, "Judgement: strong supporter of Ukraine's NATO ties.", NUC),
        "ROU": A(70, 0.3, "Judgement: shared some of Hungary's concerns about the education law (Romanian minority) but did not block.", "https://uawire.org/media-hungary-blocked-the-meeting-of-the-nato-ukraine-commission"),
    },
    default=A(85, 0.35, "Judgement: the other allies wanted the usual Commission meeting but treated the format as secondary.", NUC),
    actors_extra={
        "UKR": X("Ukraine (Poroshenko; partner)", 100, 0.9, 0.05, "Partner; no vote", "Judgement: Kyiv sought the Commission meeting at the summit.", "https://en.news-front.info/2018/08/28/hungary-blocks-ukraine-nato-comission-talks-over-language-law/", late=True),
    },
    context={
        "opt_out_possible": (False, "The Commission meets with all allies or not at all.", NUC),
        "route_around": (True, "Hungary itself offered to allow a separate leaders' meeting with Poroshenko outside the Commission format.", NUC),
        "side_payment_available": (True, "Hungary named its price: a longer transition for minority-language schooling and an exemption for private schools, which only Kyiv could pay.", NUC),
        "deadline_pressure": (False, "Judgement: the summit agenda could do without the Commission meeting.", NUC),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="No NATO-Ukraine Commission met at the Brussels summit; leaders met the presidents of Ukraine and Georgia in a separate session. Ministerial Commission meetings stayed blocked by Hungary.",
        sources=["https://en.news-front.info/2018/08/28/hungary-blocks-ukraine-nato-comission-talks-over-language-law/"]),
    notes=dict(difficulty="A cheap veto on a format question with a ready route around (a different meeting), so the block held at no cost.",
               judgement="Allies other than Hungary are coded as a bloc."),
))

VEN = "https://www.huffingtonpost.it/2019/02/01/litalia-mette-il-veto-sul-riconoscimento-ue-di-guaido_a_23658703/"
CASES.append(dict(
    id="eu_venezuela_guaido_statement_feb2019",
    title="EU-28 statement acknowledging Juan Guaido as Venezuela's interim president (February 2019)",
    decision_date="2019-02-04", coding_date="2019-02-02",
    body="Council of the EU (CFSP statement, unanimity)",
    rule="eu-unanimity",
    question="Will the EU adopt a common statement that member states acknowledge Juan Guaido as interim president of Venezuela after Maduro's deadline for elections expires?",
    scale={"scale_0": "No common statement", "scale_100": "EU-28 statement acknowledging Guaido"},
    actors={
        "ITA": A(10, 0.6, "At the informal ministers' meeting in Bucharest (31 January-1 February) Italy alone vetoed an EU recognition statement; Deputy PM Di Maio said Italy would not recognise unelected figures.", VEN, iso_why="Judgement: the coalition government in Rome was divided but the Five Star Movement treated non-recognition as a matter of principle; criticism from partners carried little domestic cost.", isolation_cost=0.2),
        "GRC": A(40, 0.4, "Greece had taken Maduro's side but did not oppose the text in Bucharest.", VEN),
        "IRL": A(45, 0.3, "Judgement: Dublin did not intend to recognise Guaido, favouring new elections.", "http://ummnews.biz/node/5932", late=True),
        "ESP": A(100, 0.8, "Spain, with Germany, France and the UK, gave Maduro an ultimatum to call elections.", VEN),
        "DEU": A(100, 0.6, "Joined the ultimatum to Maduro.", VEN),
        "FRA": A(100, 0.6, "Joined the ultimatum to Maduro.", VEN),
        "GBR": A(100, 0.6, "Joined the ultimatum to Maduro.", VEN),
        "SWE": A(90, 0.5, "Sweden had proposed that the EU proceed jointly.", VEN),
    },
    default=A(85, 0.4, "27 of 28 ministers backed the common approach in the informal vote in Bucharest.", VEN),
    context={
        "opt_out_possible": (True, "Judgement: recognition is a national prerogative, so a common text could leave the act of recognition to each member.", VEN),
        "route_around": (True, "Member states could recognise Guaido nationally and issue a joint statement of a group of states.", VEN),
        "side_payment_available": (False, "Judgement: Italy's objection was one of principle inside its coalition.", VEN),
        "deadline_pressure": (True, "The eight-day ultimatum to Maduro expired on 3 February.", VEN),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="On 4 February 2019 Italy blocked the EU statement; 19 member states recognised Guaido nationally and issued a joint statement instead.",
        sources=["https://www.reuters.com/article/venezuela-politics-europe-italy/italy-blocks-eu-statement-on-recognising-venezuelas-guaido-sources-idUSL5N1ZZ41P", "http://gamesworlditalia.com/2019/02/06/italy-blocks-eus-bid-to-get-tough-on-venezuela.html"]),
    notes=dict(difficulty="A large member vetoing a declaratory statement where national action routed around it; its coalition politics set the salience.",
               judgement="Most members coded from the 27-1 informal vote."),
))

CASES.append(dict(
    id="eu_unhrc_china_statement_jun2017",
    title="EU statement criticising China's human rights record at the UN Human Rights Council (June 2017)",
    decision_date="2017-06-15", coding_date="2017-06-12",
    body="Council of the EU (CFSP, item 4 statement at the UN Human Rights Council, unanimity)",
    rule="eu-unanimity",
    question="Will the EU deliver its item 4 statement at the June 2017 session of the UN Human Rights Council including criticism of China's human rights record?",
    scale={"scale_0": "No EU statement", "scale_100": "EU statement delivered including the China paragraph"},
    actors={
        "GRC": A(30, 0.4, "Judgement: in July 2016 Greece and Hungary, relying on Chinese investment (COSCO at Piraeus), were reported unwilling to criticise Beijing and forced a softer EU statement on the South China Sea; no report of an objection to this text before the session.", "https://www.reuters.com/article/%20us-southchinasea-ruling-eu-idUSKCN0ZV1TS", iso_why="Judgement: an item statement at the UN is low-visibility; the cost was diplomatic criticism.", isolation_cost=0.2),
        "HUN": A(50, 0.3, "Judgement: Hungary had resisted criticism of China in July 2016 but was not reported objecting to this text.", "https://www.reuters.com/article/%20us-southchinasea-ruling-eu-idUSKCN0ZV1TS"),
    },
    default=A(90, 0.3, "Judgement: the EU had delivered an item 4 statement at every session; members treated it as routine.", "http://lhyd7hak.blogspot.com/2017/06/greece-blocks-eu-statement-on-china.html", late=True),
    context={
        "opt_out_possible": (False, "An EU statement needs all members.", "http://lhyd7hak.blogspot.com/2017/06/greece-blocks-eu-statement-on-china.html"),
        "route_around": (True, "Judgement: member states could speak nationally at the Council.", "http://lhyd7hak.blogspot.com/2017/06/greece-blocks-eu-statement-on-china.html"),
        "side_payment_available": (False, "Judgement: nothing was offered; the statement was routine.", "http://lhyd7hak.blogspot.com/2017/06/greece-blocks-eu-statement-on-china.html"),
        "deadline_pressure": (True, "The session's item 4 debate fixed the date.", "http://lhyd7hak.blogspot.com/2017/06/greece-blocks-eu-statement-on-china.html"),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="Greece blocked the statement, the first time the EU failed to deliver its item 4 statement at the Human Rights Council; Athens called it 'unconstructive criticism of China'.",
        sources=["https://euobserver.com/tickers/138267", "http://www.worldtribune.com/greece-blocks-eu-statement-critical-of-china-on-human-rights/"]),
    notes=dict(difficulty="A surprise veto: before the session nobody reported a Greek objection, so an honest pre-decision coding makes the block hard to forecast.",
               judgement="Greece and Hungary are coded from the July 2016 South China Sea episode; the other members' shared source postdates the decision."),
))

LIBYA = "https://www.euractiv.com/section/med-south/news/turkey-accuses-france-of-overstepping-un-libya-mandate/"
CASES.append(dict(
    id="nato_libya_command_mar2011",
    title="NATO takes command of the Libya no-fly zone (March 2011)",
    decision_date="2011-03-24", coding_date="2011-03-22",
    body="NATO (North Atlantic Council, permanent representatives)",
    rule="nato-consensus",
    question="Will the North Atlantic Council agree within the week to take over command of enforcing the UN no-fly zone over Libya from the US-led coalition?",
    scale={"scale_0": "No NATO role beyond the arms embargo", "scale_70": "NATO commands the no-fly zone; strikes stay with the coalition for now", "scale_100": "NATO commands the whole operation"},
    adopted_threshold=60,
    actors={
        "TUR": A(30, 0.8, "Turkey was expected on 22 March to block NATO taking over the no-fly zone if it went beyond the UN mandate; Davutoglu questioned the Paris-led strikes.", LIBYA, iso_why="Judgement: the US wanted to hand over command within days; Turkey could gain conditions (civilian protection only) by shaping rather than blocking.", isolation_cost=0.5),
        "FRA": A(35, 0.6, "France was reluctant to see NATO take the lead, fearing it would alienate Arab states.", LIBYA, iso_why="Judgement: Washington and London wanted NATO command; France was isolated on this point.", isolation_cost=0.5),
        "USA": A(100, 0.8, "Defense Secretary Gates said the US would hand over command within days and not keep the pre-eminent role.", "https://www.atlanticcouncil.org/blogs/natosource/turkey-blocks-nato-mission-in-libya/"),
        "GBR": A(95, 0.7, "Judgement: London wanted NATO command of the operation.", "https://www.atlanticcouncil.org/blogs/natosource/turkey-blocks-nato-mission-in-libya/"),
        "DEU": A(50, 0.4, "Judgement: Germany had abstained on UN Security Council resolution 1973 and would not take part in strikes, but did not oppose a NATO command role.", "https://www.atlanticcouncil.org/blogs/natosource/turkey-blocks-nato-mission-in-libya/"),
        "ITA": A(85, 0.6, "Judgement: Italy, whose bases were used, wanted NATO command.", "https://www.atlanticcouncil.org/blogs/natosource/turkey-blocks-nato-mission-in-libya/"),
        "NOR": A(85, 0.5, "Judgement: contributing aircraft; favoured a NATO framework.", "https://www.atlanticcouncil.org/blogs/natosource/turkey-blocks-nato-mission-in-libya/"),
    },
    default=A(75, 0.3, "Judgement: several allies criticised the US, UK and France for pushing ahead outside NATO; most favoured a single NATO command.", "https://www.atlanticcouncil.org/blogs/natosource/turkey-blocks-nato-mission-in-libya/"),
    context={
        "opt_out_possible": (True, "Judgement: allies could stay out of combat operations under NATO command (as Germany and Turkey did), so agreeing did not commit them to strike.", "https://www.atlanticcouncil.org/blogs/natosource/turkey-blocks-nato-mission-in-libya/"),
        "route_around": (True, "The coalition (Odyssey Dawn) was already operating outside NATO.", LIBYA),
        "side_payment_available": (True, "Turkey's condition (a NATO operation within the UN framework) could be written into the mandate.", LIBYA),
        "deadline_pressure": (True, "Washington wanted to hand over within days.", "https://www.atlanticcouncil.org/blogs/natosource/turkey-blocks-nato-mission-in-libya/"),
    },
    outcome=dict(adopted=True, value=70, type="adopted",
        side_payments="Mandate limited to protecting civilians, the arms embargo and the no-fly zone; Turkey's demands declared met; full command of air strikes followed on 27 March.",
        summary="On 24 March 2011 the North Atlantic Council agreed to take command of the no-fly zone after Turkey said its demands had been met; NATO took over the whole operation (Unified Protector) on 27-31 March.",
        sources=["https://www.cbsnews.com/news/turkish-tv-no-objections-to-nato-lead-in-libya/", "http://isaburakgonca.blogspot.com/2011/03/libya-nato-to-control-no-fly-zone-after.html"]),
    notes=dict(difficulty="Two reluctant veto holders with different objections; both could be satisfied by mandate wording and by staying out of strikes.",
               judgement="Many allies coded as a bloc."),
))

LISBON = "https://famous4me.webnode.com/news/nato-leaders-to-avoid-citing-iran-as-missile-threat-/"
CASES.append(dict(
    id="nato_missile_defence_lisbon_2010",
    title="NATO territorial missile defence decided at the Lisbon summit (November 2010)",
    decision_date="2010-11-19", coding_date="2010-11-18",
    body="NATO (North Atlantic Council, heads of state and government, Lisbon)",
    rule="nato-consensus",
    question="Will the Lisbon summit decide to develop a NATO territorial ballistic-missile defence capability?",
    scale={"scale_0": "No decision", "scale_80": "Capability decided, no threat country named", "scale_100": "Capability decided with Iran named as the threat"},
    adopted_threshold=50,
    actors={
        "TUR": A(60, 0.7, "President Gul said naming Iran 'is wrong and will not happen'; Turkey would refuse a document naming Iran and wanted technical details and a say in command.", "https://www.masress.com/almesryoon/42692", iso_why="Judgement: Turkey supported missile defence in principle; blocking the US-led centrepiece of the summit would isolate it, so wording was the lever.", isolation_cost=0.6),
        "USA": A(100, 0.8, "President Obama wanted broad agreement on a missile umbrella over European allies at Lisbon.", LISBON, late=True),
        "FRA": A(80, 0.4, "An Elysee official said Iran would not figure as a threat in the public declaration.", LISBON, late=True),
        "POL": A(95, 0.6, "Judgement: host of planned interceptors.", "https://www.jpost.com/Headlines/Article.aspx?id=350015", late=True),
        "ROU": A(95, 0.6, "Judgement: host of planned interceptors.", "https://www.jpost.com/Headlines/Article.aspx?id=350015", late=True),
    },
    default=A(85, 0.4, "Judgement: allies broadly backed the capability; diplomats reported intense debate only on naming Iran.", LISBON, late=True),
    actors_extra={
        "RUS": X("Russia (external; Medvedev attending)", 20, 0.5, 0.3, "External; invited to cooperate", "Judgement: Moscow viewed the project with suspicion despite assurances.", "https://www.masress.com/almesryoon/42692"),
    },
    context={
        "opt_out_possible": (False, "Judgement: a collective capability; no national opt-out discussed.", LISBON),
        "route_around": (True, "Judgement: the US European Phased Adaptive Approach could proceed bilaterally without NATO.", LISBON),
        "side_payment_available": (True, "Not naming Iran, Turkey's explicit condition, cost the others little.", LISBON),
        "deadline_pressure": (True, "The summit adopting the new Strategic Concept.", LISBON),
    },
    outcome=dict(adopted=True, value=80, type="adopted",
        side_payments="No country named as the threat in the declaration or Strategic Concept.",
        summary="On 19 November 2010 NATO leaders decided to develop a missile defence capability to protect populations and territory; Iran was not named and President Gul said the agreement met Turkey's demands.",
        sources=["http://www.jpost.com/Headlines/Article.aspx?id=350015", "https://www.dunya.com/gundem/in-wake-of-summit-debate-with-turkey-over-nato-missile-shield-likely-to-haberi-131318"]),
    notes=dict(difficulty="A holdout whose price was wording; cheap to pay, so the decision passed.",
               judgement="Most allies coded as a bloc."),
))

PRESPA = "http://www.phantis.com/2019/01/29/satisfaction-from-international-community-on-ratification-of-prespes-agreement/"
CASES.append(dict(
    id="nato_north_macedonia_accession_protocol_2019",
    title="Signature of North Macedonia's NATO accession protocol after the Prespa agreement (February 2019)",
    decision_date="2019-02-06", coding_date="2019-01-30",
    body="NATO (North Atlantic Council, permanent representatives)",
    rule="nato-consensus",
    question="Will all allies sign the protocol on North Macedonia's accession in early February 2019?",
    scale={"scale_0": "Protocol not signed", "scale_100": "Protocol signed by all 29 allies"},
    actors={
        "GRC": A(85, 0.8, "After parliament ratified the Prespa agreement on 25 January (153 votes), the agreement would enter into force once the accession protocol was ratified; the Tsipras government undertook to do so.", PRESPA, iso_why="Judgement: Greece had signed the Prespa deal and the US and EU welcomed it; reneging would isolate Athens.", isolation_cost=0.7),
        "USA": A(100, 0.6, "The US welcomed the ratification as ending a 28-year dispute.", PRESPA),
        "BGR": A(90, 0.4, "Judgement: Bulgaria supported NATO accession (its later objections concerned EU talks).", "https://english.republika.mk/news/macedonia/nato-will-prepare-accession-protocol-for-macedonia-shortly/"),
    },
    default=A(95, 0.4, "NATO, the EU and many leaders welcomed the ratification; Stoltenberg said the protocol would be prepared soon.", "https://english.republika.mk/news/macedonia/nato-will-prepare-accession-protocol-for-macedonia-shortly/"),
    actors_extra={
        "GRC_ND": X("New Democracy (Greek opposition)", 10, 0.6, 0.1, "Opposition; no veto in NATO", "Judgement: the main opposition voted against Prespa; coded as the domestic constraint on Athens.", PRESPA),
        "MKD": X("North Macedonia (Zaev government; invitee)", 100, 1.0, 0.02, "Invitee; no vote", "Had renamed the country under the Prespa agreement.", PRESPA),
        "RUS": X("Russia (external)", 0, 0.5, 0.2, "External", "Judgement: Moscow opposed NATO enlargement in the Balkans.", "https://english.republika.mk/news/macedonia/nato-will-prepare-accession-protocol-for-macedonia-shortly/"),
    },
    context={
        "opt_out_possible": (False, "Accession needs every ally.", PRESPA),
        "route_around": (False, "Accession needs every ally.", PRESPA),
        "side_payment_available": (True, "The price Greece had demanded since 2008 (a composite name erga omnes) had been paid in the Prespa agreement.", PRESPA),
        "deadline_pressure": (False, "Judgement: no external deadline, but Greek elections due in 2019 made speed valuable to the government.", PRESPA),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="The Prespa agreement (name 'Republic of North Macedonia' for all uses) was the price of Greece's consent.",
        summary="On 6 February 2019 the allies signed the accession protocol; the Greek parliament ratified it first on 8 February (153-140).",
        sources=["https://europeanwesternbalkans.com/2019/02/08/greek-parliament-approves-protocol-macedonias-nato-membership/", "https://archive.siasat.com/news/greece-approves-nato-protocol-macedonias-accession-1465465"]),
    notes=dict(difficulty="The 2008 veto holder, its price paid, now consents; pairs with nato_macedonia_invitation_bucharest_2008.",
               judgement="Allies other than Greece coded as a bloc."),
))

MNE = "https://www.columbian.com/news/2015/dec/01/montenegro-to-be-invited-to-join-nato-diplomats-say/"
CASES.append(dict(
    id="nato_montenegro_invitation_2015",
    title="NATO invites Montenegro to start accession talks (December 2015)",
    decision_date="2015-12-02", coding_date="2015-12-01",
    body="NATO (North Atlantic Council, foreign ministers)",
    rule="nato-consensus",
    question="Will NATO foreign ministers invite Montenegro to begin accession talks on 2 December 2015?",
    scale={"scale_0": "No invitation", "scale_100": "Invitation issued"},
    actors={
        "USA": A(95, 0.5, "Judgement: Washington supported the invitation under the open-door policy.", MNE),
        "DEU": A(85, 0.4, "Foreign Minister Steinmeier said on 1 December that the allies had reached a consensus to invite Montenegro.", "http://smarkos.blogspot.com/2015/12/montenegro-invited-to-join-nato.html", late=True),
        "GRC": A(75, 0.3, "Judgement: no objection reported; Athens had good relations with Podgorica.", MNE),
    },
    default=A(85, 0.35, "Two NATO diplomats said the invitation was 'a done deal' despite Russia's objection.", MNE),
    actors_extra={
        "RUS": X("Russia (external)", 0, 0.6, 0.3, "External; threatened retaliation", "Russia warned Montenegro that joining NATO would be regarded as a provocation.", MNE),
        "MNE": X("Montenegro (Djukanovic government; aspirant)", 100, 1.0, 0.01, "Aspirant; no vote", "Judgement: had pursued membership through MAP since 2009.", MNE),
    },
    context={
        "opt_out_possible": (False, "An invitation is issued by all.", MNE),
        "route_around": (False, "Accession needs every ally.", MNE),
        "side_payment_available": (False, "Judgement: no ally had asked for anything.", MNE),
        "deadline_pressure": (True, "The December ministerial was the announced decision point.", MNE),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On 2 December 2015 NATO foreign ministers invited Montenegro to begin accession talks; Russia threatened a response.",
        sources=["http://en.dalje.com/2015/12/natoa-invites-montenegro-to-join-alliance-russia-vows-response/", "http://www.cbsnews.com/news/nato-invites-montenegro-join-russian-threat/"]),
    notes=dict(difficulty="A consensus case with no holdout inside the body; only an external actor opposed. A base-rate check for the method.",
               judgement="All allies coded as a bloc except the US, Germany and Greece."),
))

SYR_LAB = "https://www.theguardian.com/politics/2013/aug/28/ed-miliband-commons-un-syria"
CASES.append(dict(
    id="gbr_syria_strikes_commons_2013",
    title="House of Commons vote on UK military action against Syria after the Ghouta chemical attack (August 2013)",
    decision_date="2013-08-29", coding_date="2013-08-28",
    body="United Kingdom (government and House of Commons)",
    rule="single-government", decider="GBR",
    question="Will the House of Commons approve the government's motion supporting, in principle, military action against the Assad regime over the 21 August chemical attack?",
    scale={"scale_0": "Motion defeated; UK stays out", "scale_100": "Motion carried; UK participation in strikes authorised in principle"},
    actors={
        "GBR_PM": X("Prime Minister (Cameron) and the Conservative leadership", 90, 0.9, 0.5, "Head of government; proposes the motion; by convention needs the Commons", "Cameron had agreed plans with Obama; on 28 August he conceded a second vote after the UN inspectors reported.", SYR_LAB, veto=True),
        "GBR_COMMONS": X("House of Commons (majority of MPs)", 40, 0.8, 0.6, "By convention since 2003 a Commons vote precedes military action", "Judgement: scores of Tory MPs had raised concerns and could abstain or vote against; Labour signalled opposition; public opinion was against action.", SYR_LAB, veto=True),
        "GBR_LABOUR": X("Labour opposition (Miliband)", 30, 0.8, 0.3, "About 250 MPs; no formal veto", "Miliband tabled an amendment requiring the PM to return after the UN inspectors reported; 'Parliament must not write a blank cheque'.", SYR_LAB),
        "GBR_LIBDEM": X("Liberal Democrats (Clegg; coalition partner)", 70, 0.6, 0.15, "Junior coalition partner", "Judgement: Clegg backed the government line, but some Lib Dem MPs were uneasy.", "https://www.theguardian.com/world/2013/aug/29/syria-debate-labour-role-un", late=True),
        "GBR_TORY_REBELS": X("Conservative backbench sceptics", 20, 0.7, 0.1, "Backbench votes", "Scores of Tory MPs were raising concerns and could abstain or vote against.", SYR_LAB),
        "USA": X("United States (Obama; external)", 100, 0.6, 0.3, "External ally planning strikes", "Judgement: Washington was planning strikes with UK participation.", SYR_LAB),
    },
    context={
        "opt_out_possible": (False, "Judgement: the decision was whether the UK takes part at all.", SYR_LAB),
        "route_around": (True, "Judgement: the royal prerogative allows action without a vote, but the PM had committed to a Commons vote.", SYR_LAB),
        "side_payment_available": (True, "The government had conceded a second vote after the UN inspectors' report to win Labour.", SYR_LAB),
        "deadline_pressure": (True, "MPs were recalled from recess; strikes were expected within days.", SYR_LAB),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="On 29 August 2013 the Commons rejected the government motion by 285 to 272 (30 Conservatives and 9 Liberal Democrats voting against); Cameron said the government would act accordingly and the UK stayed out.",
        sources=["https://www.politics.co.uk/news/2013/08/29/historic-humiliation-for-cameron-as-government-defeated-on-syria-vote/", "https://www.channel4.com/news/syria-crisis-debate-parliament-cameron-miliband-video"]),
    notes=dict(difficulty="A single government coded by its internal actors: the head of government wanted action but an internal veto player (the Commons, by convention) did not.",
               judgement="The Commons' position is a judgement from reports of Tory unease and Labour's stance before the vote."),
))

CETA_WAL = "https://euobserver.com/eu-and-the-world/are93f9fd7"
CASES.append(dict(
    id="bel_ceta_signature_wallonia_2016",
    title="Belgium's consent to sign the EU-Canada trade agreement (CETA) over Wallonia's objection (October 2016)",
    decision_date="2016-10-27", coding_date="2016-10-24",
    body="Belgium (federal government and regional parliaments)",
    rule="single-government", decider="BEL",
    question="Will Belgium's federal government obtain the regions' consent and authorise signature of CETA by the end of October 2016?",
    scale={"scale_0": "No Belgian consent; CETA not signed", "scale_100": "Consent given; CETA signed"},
    actors={
        "BEL_FEDERAL": X("Federal government (Michel)", 100, 0.8, 0.4, "Signs for Belgium only with full powers from the regions", "Michel told Tusk on 24 October that Belgium could not sign because Wallonia maintained its objections.", "https://economica.net/tag/negocieri-ceta", veto=True),
        "BEL_WALLONIA": X("Walloon government and parliament (Magnette)", 15, 0.9, 0.3, "Regional parliament must grant full powers", "On 14 October the Walloon parliament voted 46-16 against; Magnette said Belgium would not sign on 18 October, objecting to investor arbitration and farm protection.", CETA_WAL, veto=True, iso_why="Judgement: the whole EU and Canada waited on a region of 3.6 million; the pressure was intense but Magnette gained domestic stature.", isolation_cost=0.5),
        "BEL_FWB": X("Parliament of the Federation Wallonia-Brussels", 20, 0.7, 0.1, "Community parliament; must consent", "Voted against CETA two days before the Walloon vote.", "https://politico.eu/article/walloon-parliament-rejects-ceta-deal", veto=True),
        "BEL_BRUSSELS": X("Brussels-Capital Region", 40, 0.5, 0.1, "Regional parliament; must consent", "Its Socialists were expected to follow their Walloon counterparts.", "https://sputnikglobe.com/20161020/ceta-brussels-deal-rejection-1046542149.html", veto=True),
        "BEL_FLANDERS": X("Flemish government", 100, 0.6, 0.2, "Region; consented", "Flanders backed the deal.", "https://sputnikglobe.com/20161020/ceta-brussels-deal-rejection-1046542149.html", veto=True),
        "EU_COMMISSION": X("European Commission and the other member states (external)", 100, 0.8, 0.4, "External pressure; could offer clarifications", "Judgement: the EU-Canada summit for signature was set for 27 October.", "http://www.politis.fr/articles/2016/10/la-wallonie-fait-vaciller-le-ceta-35598/"),
    },
    context={
        "opt_out_possible": (False, "Judgement: Belgium signs for all its entities or not at all.", CETA_WAL),
        "route_around": (False, "Judgement: CETA was a mixed agreement needing every member's signature.", "https://sputnikglobe.com/20161020/ceta-brussels-deal-rejection-1046542149.html"),
        "side_payment_available": (True, "Walloon leaders asked for guarantees on investor arbitration and agriculture that could be given in an interpretative declaration.", CETA_WAL),
        "deadline_pressure": (True, "The EU-Canada signing summit on 27 October; the Walloon parliament's president suggested the end of the year instead.", "http://www.krone.at/nachrichten/wallonen-verhandlungen-noch-bis-jahresende-todesstoss-fuer-ceta-story-535890?utm_source=krone.at&utm_medium=RSS-Feed&utm_campaign=Nachrichten"),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="An intra-Belgian declaration (request for a Court of Justice opinion on investment courts, safeguards for agriculture) added to CETA's joint interpretative instrument.",
        summary="On 27 October 2016 the Belgian entities agreed; the regional parliaments approved on 28 October and CETA was signed on 30 October, three days after the planned summit.",
        sources=["https://www.neweurope.eu/article/walloons-endorse-ceta-belgian-drama/"]),
    notes=dict(difficulty="A sub-national veto player extracting declaratory concessions; delayed by days, not blocked.",
               judgement="Single government coded by its internal veto holders (federal government, regions and community)."),
))

CAP = "https://www.urdupoint.com/en/world/eu-agrees-russian-oil-price-cap-after-polish-1604087.html"
CASES.append(dict(
    id="eu_russian_oil_price_cap_dec2022",
    title="EU price cap of 60 dollars on Russian seaborne oil (December 2022)",
    decision_date="2022-12-02", coding_date="2022-11-28",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU agree, before the oil embargo starts on 5 December 2022, a G7-aligned price cap on Russian seaborne crude at about 60-65 dollars a barrel?",
    scale={"scale_0": "No cap agreed", "scale_100": "Cap agreed in the range proposed by the Commission and the G7"},
    actors={
        "POL": A(40, 0.8, "Poland argued the G7's 65-70 dollar ceiling was too high and should refer to production costs; a diplomat said Poland could not go above 30 dollars.", "https://thenationalnews.com/world/europe/2022/11/24/eu-to-resume-talks-on-russian-oil-price-cap", iso_why="Judgement: Warsaw was blocking a measure tougher than the status quo, with the embargo deadline days away; the other hawks were moving.", isolation_cost=0.6),
        "LTU": A(50, 0.7, "Poland, Estonia and Lithuania pushed for a ceiling much lower than the G7's 65-70 dollars.", "https://pledgetimes.com/reuters-the-european-union-is-postponing-talks-on-a-russian-oil-price-cap/"),
        "EST": A(50, 0.7, "Poland, Estonia and Lithuania pushed for a ceiling much lower than the G7's 65-70 dollars.", "https://pledgetimes.com/reuters-the-european-union-is-postponing-talks-on-a-russian-oil-price-cap/"),
        "GRC": A(80, 0.6, "Greece, Cyprus and Malta pressed for a higher ceiling or compensation for their shipping sectors; Greece wanted more time.", "https://pledgetimes.com/reuters-the-european-union-is-postponing-talks-on-a-russian-oil-price-cap/"),
        "MLT": A(80, 0.6, "Pressed with Greece and Cyprus for a higher ceiling or compensation.", "https://pledgetimes.com/reuters-the-european-union-is-postponing-talks-on-a-russian-oil-price-cap/"),
        "CYP": A(80, 0.6, "Pressed with Greece and Cyprus for a higher ceiling or compensation.", "https://pledgetimes.com/reuters-the-european-union-is-postponing-talks-on-a-russian-oil-price-cap/"),
    },
    default=A(95, 0.5, "Diplomats said most EU countries supported the G7 price cap.", "https://mlm2.listserve.net/pipermail/salon/2022-November/msg00598.html"),
    actors_extra={
        "USA": X("United States (external; G7 partner)", 100, 0.6, 0.4, "External; G7 co-author of the cap", "The cap was agreed politically with Washington and the G7.", CAP, late=True),
    },
    context={
        "opt_out_possible": (False, "The cap applies EU-wide to maritime services.", "https://thenationalnews.com/world/europe/2022/11/24/eu-to-resume-talks-on-russian-oil-price-cap"),
        "route_around": (False, "Judgement: maritime services bans are an EU competence.", "https://thenationalnews.com/world/europe/2022/11/24/eu-to-resume-talks-on-russian-oil-price-cap"),
        "side_payment_available": (True, "A diplomat said Poland wanted to tie the price-cap deal to a new sanctions package; the shipping states wanted compensation or more time.", "https://247newsreel.com/?p=335411"),
        "deadline_pressure": (True, "The EU embargo on Russian seaborne crude began on 5 December 2022.", "https://thenationalnews.com/world/europe/2022/11/24/eu-to-resume-talks-on-russian-oil-price-cap"),
    },
    outcome=dict(adopted=True, value=90, type="adopted",
        side_payments="Cap set at 60 dollars with an automatic review keeping it at least 5% below the market price; a promise of a tough ninth sanctions package.",
        summary="On 2 December 2022 Poland lifted its objection and EU ambassadors agreed the 60 dollar cap, formally adopted by written procedure on 3 December.",
        sources=["https://www.dw.com/en/eu-diplomats-agree-to-russian-oil-price-cap-following-polish-approval/a-63970997", "https://www.wenatcheeworld.com/news/eu-agrees-60-russian-oil-price-cap-holdout-poland-backs-deal/article_a7367682-c1dc-5ba2-90da-5c8eeea062f4.html"]),
    notes=dict(difficulty="A hawkish holdout (wanting more, not less) whose alternative to agreement was no cap at all; conceded for a review mechanism.",
               judgement="Positions coded from reports of the failed ambassadors' meetings of 23-25 November."),
))

TUR16 = "https://www.euractiv.com/section/global-europe/news/eu-turkey-deal-in-doubt-despite-tusks-cyprus-visit/"
CASES.append(dict(
    id="eu_turkey_statement_mar2016",
    title="EU-Turkey migration statement and the accession chapters demanded by Ankara (March 2016)",
    decision_date="2016-03-18", coding_date="2016-03-17",
    body="European Council (with Turkey; accession steps by unanimity)",
    rule="eu-unanimity",
    question="Will the EU agree a migration deal with Turkey that opens the five accession chapters Ankara demanded (as provisionally promised on 7 March)?",
    scale={"scale_0": "No deal", "scale_50": "Deal agreed; only chapter 33 (not blocked by Cyprus) opened, others 'prepared'", "scale_100": "Deal agreed with the five chapters opened"},
    adopted_threshold=75,
    actors={
        "CYP": A(10, 0.9, "President Anastasiades said Cyprus would not consent to opening any new chapter unless Turkey fulfilled its obligations (Ankara Protocol, recognition).", TUR16, iso_why="Judgement: Cyprus was blocking the centrepiece of the EU's migration response, but its veto on chapters was long-standing and accepted by partners.", isolation_cost=0.4),
        "DEU": A(85, 0.9, "Judgement: Merkel had promised Davutoglu the chapters in a backroom deal; she faced state elections under pressure over migration.", "https://www.irishexaminer.com/world/arid-20386996.html"),
        "GRC": A(70, 0.8, "Judgement: the deal's returns to Turkey relieved Greece, but Athens shared Cyprus's concerns on chapters.", "https://www.irishexaminer.com/world/arid-20386996.html"),
        "FRA": A(50, 0.6, "France warned against attempts by Turkey to 'blackmail' Europe.", "http://www.siasat.com/news/cyprus-threatens-block-eu-turkey-migrant-deal-932631/"),
        "CZE": A(50, 0.5, "The Czech Republic warned against Turkish 'blackmail'.", "http://www.siasat.com/news/cyprus-threatens-block-eu-turkey-migrant-deal-932631/"),
    },
    default=A(65, 0.6, "Judgement: members wanted the migration deal; few cared for accelerated accession; Tusk said the proposal had to be rebalanced to be acceptable to all 28.", TUR16),
    actors_extra={
        "TUR": X("Turkey (Davutoglu government)", 100, 0.9, 0.4, "Counterparty; could refuse the deal", "Turkey insisted that resuming accession talks was central and wanted chapters opened, five of which Cyprus had vetoed.", "https://www.irishexaminer.com/world/arid-20386996.html"),
    },
    context={
        "opt_out_possible": (True, "Judgement: the migration deal could be separated from the accession chapters, opening only chapters Cyprus did not block.", "https://www.newshub.co.nz/home/world/2016/03/eu-migration-deal-hinges-on-cyprus.html"),
        "route_around": (False, "Opening accession chapters requires all members.", TUR16),
        "side_payment_available": (True, "Tusk linked the deal to Turkish support for the Cyprus settlement talks.", "https://www.newshub.co.nz/home/world/2016/03/eu-migration-deal-hinges-on-cyprus.html"),
        "deadline_pressure": (True, "Over a million arrivals in 2015; the summit of 17-18 March was to clinch the deal.", TUR16),
    },
    outcome=dict(adopted=False, value=50, type="blocked",
        side_payments="Migration deal agreed (returns, one-for-one resettlement, 6 billion euros, visa liberalisation roadmap); on accession only chapter 33 was to be opened, other chapters merely 'prepared'.",
        summary="The EU-Turkey statement of 18 March 2016 was agreed, but Cyprus's veto on the chapters held: only chapter 33 (budget) was opened in June 2016.",
        sources=["https://cyprus-mail.com/2016/03/18/search-for-consensus-on-migrant-deal/", "https://www.irishtimes.com/news/world/eu-leaders-agree-parameters-of-deal-for-turkey-on-refugee-crisis-1.2577717"]),
    notes=dict(difficulty="The deal passed and the veto held at the same time: the package was unbundled so the holdout's item was dropped. On this scale (the chapters) the proposal failed.",
               judgement="Members other than those named coded as a bloc."),
))

TURARMS = "https://www.iol.co.za/news/world/eu-ministers-weigh-response-amid-turkeys-northern-syria-offensive-34921593"
CASES.append(dict(
    id="eu_turkey_arms_embargo_oct2019",
    title="EU-wide arms embargo on Turkey over its offensive in north-east Syria (October 2019)",
    decision_date="2019-10-14", coding_date="2019-10-14",
    body="Council of the EU (Foreign Affairs Council, CFSP arms embargo, unanimity)",
    rule="eu-unanimity",
    question="Will EU foreign ministers on 14 October 2019 impose a formal EU arms embargo on Turkey?",
    scale={"scale_0": "Condemnation only", "scale_40": "Commitment to national arms-export restrictions", "scale_100": "Formal EU arms embargo (CFSP decision)"},
    adopted_threshold=70,
    actors={
        "SWE": A(100, 0.7, "Sweden called for an EU-wide arms embargo and floated restrictive measures on individuals.", TURARMS),
        "DEU": A(55, 0.6, "Berlin had halted exports that could be used in Syria; Maas said it was important to stay in dialogue with Turkey before further measures.", TURARMS),
        "FRA": A(70, 0.6, "France had suspended arms exports to Turkey on 12 October.", "http://www.ekathimerini.com/245473/article/ekathimerini/news/turkey-west-balkans-high-on-agenda-at-eu-foreign-ministers-meeting"),
        "GBR": A(35, 0.5, "Judgement: London preferred national licensing decisions to an EU embargo on a NATO ally.", "http://en.protothema.gr/eu-condemned-turkeys-assault-on-kurdish-forces-in-northern-syria/", late=True),
        "ITA": A(50, 0.5, "Judgement: a major supplier to Turkey, hesitant on a formal embargo.", TURARMS),
        "HUN": A(20, 0.5, "Judgement: Budapest was close to Ankara and wary of Turkish threats to release refugees.", TURARMS),
        "CYP": A(90, 0.6, "Judgement: wanted firm action against Turkey, also over its drilling.", "http://www.ekathimerini.com/245473/article/ekathimerini/news/turkey-west-balkans-high-on-agenda-at-eu-foreign-ministers-meeting"),
        "GRC": A(85, 0.6, "Judgement: wanted firm action against Turkey.", "http://www.ekathimerini.com/245473/article/ekathimerini/news/turkey-west-balkans-high-on-agenda-at-eu-foreign-ministers-meeting"),
        "NLD": A(80, 0.5, "The Netherlands had suspended arms exports to Turkey.", "http://www.ekathimerini.com/245473/article/ekathimerini/news/turkey-west-balkans-high-on-agenda-at-eu-foreign-ministers-meeting"),
        "FIN": A(80, 0.5, "Finland had suspended arms exports to Turkey.", "http://www.ekathimerini.com/245473/article/ekathimerini/news/turkey-west-balkans-high-on-agenda-at-eu-foreign-ministers-meeting"),
    },
    default=A(55, 0.4, "Judgement: ministers were expected to condemn the offensive and 'coordinate' on arms exports; a decision on a formal embargo was not expected that day.", "http://www.ekathimerini.com/245473/article/ekathimerini/news/turkey-west-balkans-high-on-agenda-at-eu-foreign-ministers-meeting"),
    context={
        "opt_out_possible": (False, "A CFSP embargo binds all members.", TURARMS),
        "route_around": (True, "Several members had already halted exports nationally; a commitment to national restrictions was the obvious substitute.", "http://www.ekathimerini.com/245473/article/ekathimerini/news/turkey-west-balkans-high-on-agenda-at-eu-foreign-ministers-meeting"),
        "side_payment_available": (False, "Judgement: nothing to trade; the issue was Turkey's NATO membership and migration leverage.", TURARMS),
        "deadline_pressure": (True, "The offensive was in its sixth day.", TURARMS),
    },
    outcome=dict(adopted=False, value=40, type="blocked",
        summary="On 14 October 2019 the EU condemned the offensive but did not impose an embargo; members committed to 'strong national positions' on arms exports. Diplomats said Turkey's NATO membership made a formal embargo very difficult.",
        sources=["https://english.ahram.org.eg/NewsContent/2/8/352838/World/Region/EU-condemns-Turkey-over-Syria,-but-no-formal-arms-.aspx", "http://www.defenddemocracy.press/eu-countries-stop-short-of-arms-embargo-for-turkey/"]),
    notes=dict(difficulty="No single named holdout: several members preferred the national route, so the EU measure failed while the substance was achieved nationally.",
               judgement="Several positions are judgements; which members opposed a formal embargo was not reported by name."),
))

NLD_AA = "https://euobserver.com/world/136211"
CASES.append(dict(
    id="eu_ukraine_association_dutch_decision_dec2016",
    title="European Council decision meeting the Dutch referendum concerns on the EU-Ukraine Association Agreement (December 2016)",
    decision_date="2016-12-15", coding_date="2016-12-12",
    body="European Council (heads of state or government, unanimity)",
    rule="eu-unanimity",
    question="Will the 28 leaders adopt a legally binding decision interpreting the EU-Ukraine Association Agreement (no membership perspective, no military guarantee) so the Netherlands can ratify it?",
    scale={"scale_0": "No decision; the Netherlands moves not to ratify", "scale_100": "Legally binding decision adopted by the 28"},
    actors={
        "NLD": A(100, 0.9, "Rutte said he needed a 'legally binding' declaration at the summit saying the agreement does not lead to membership or military involvement, or he would put a non-ratification law to parliament the next day.", NLD_AA, iso_why="Judgement: the Netherlands was the demandeur; the 27 others had ratified.", isolation_cost=0.5),
        "POL": A(80, 0.6, "Judgement: Warsaw wanted the agreement in force but disliked language excluding membership.", NLD_AA),
        "LTU": A(75, 0.6, "Judgement: wanted the agreement in force, uneasy about denying a membership perspective.", NLD_AA),
        "DEU": A(95, 0.6, "Merkel had said in June the solution should be acceptable to all and need no new ratifications.", "https://agenceurope.eu/en/bulletin/article/11582/3/association-agreement-ratification-member-states-invite-council-to-find-solution-to-dutch-problem"),
    },
    default=A(90, 0.4, "Judgement: all other members had ratified and wanted a solution that avoided reopening the agreement.", "https://agenceurope.eu/en/bulletin/article/11582/3/association-agreement-ratification-member-states-invite-council-to-find-solution-to-dutch-problem"),
    actors_extra={
        "UKR": X("Ukraine (Poroshenko; partner)", 70, 0.8, 0.05, "Partner; no vote", "Judgement: Kyiv wanted the agreement ratified but disliked a statement denying a membership perspective.", NLD_AA),
    },
    context={
        "opt_out_possible": (True, "The decision interprets the agreement for all without changing its text; the Dutch concerns are met by interpretation.", "https://www.asktheeu.org/fr/request/8833/response/30375/attach/html/6/Email%20EU%20Ukraine%20Association%20Agreement.PA.pdf.html"),
        "route_around": (True, "Rutte had said the other 27 could renegotiate something without the Netherlands if it did not ratify.", "https://agenceurope.eu/en/bulletin/article/11582/3/association-agreement-ratification-member-states-invite-council-to-find-solution-to-dutch-problem"),
        "side_payment_available": (True, "The decision itself was the concession the Netherlands asked for.", NLD_AA),
        "deadline_pressure": (True, "Rutte set the December summit as the deadline.", NLD_AA),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Decision of the heads of state or government: the agreement does not confer candidate status or a membership commitment, no collective security guarantee, no right of residence or work.",
        summary="On 15 December 2016 the European Council adopted the decision; the Dutch parliament then approved ratification (Senate, 30 May 2017).",
        sources=["http://aiv-advice.nl/95x/publications/advisory-letters/eu-ukraine-association-agreement-the-need-for-ratification"]),
    notes=dict(difficulty="Here the would-be blocker is the proposer of the concession; the others' cost of granting it was low.",
               judgement="Other members coded as a bloc."),
))

CAND = "https://www.euronews.com/my-europe/2022/06/20/consensus-builds-around-ukraines-eu-bid-ahead-of-crucial-summit-in-brussels"
CASES.append(dict(
    id="eu_candidate_status_ukraine_moldova_jun2022",
    title="EU candidate status for Ukraine and Moldova (June 2022)",
    decision_date="2022-06-23", coding_date="2022-06-20",
    body="European Council (enlargement, unanimity)",
    rule="eu-unanimity",
    question="Will the European Council of 23-24 June 2022 grant Ukraine and Moldova the status of candidate countries?",
    scale={"scale_0": "No candidate status", "scale_50": "A conditional or deferred status", "scale_100": "Candidate status granted (with conditions for the next steps)"},
    adopted_threshold=75,
    actors={
        "NLD": A(80, 0.6, "The Dutch government, which had made clear its reservations about enlargement, backed candidate status on 17 June.", "https://www.devdiscourse.com/article/law-order/2077092-dutch-government-backs-ukraines-eu-candidate-status--anp-news-agency"),
        "DNK": A(75, 0.5, "Denmark had argued Ukraine did not meet the criteria, but was reported by 20 June among the countries now supporting the status.", CAND),
        "PRT": A(75, 0.5, "Portugal had been on the fence, arguing accession was no solution to the war, but was among the latest to support the status.", CAND),
        "HUN": A(85, 0.3, "Hungary added its signature to the open letter asking for a fast track.", CAND),
        "POL": A(100, 0.9, "Among the eastern states that wrote an open letter for a fast-track procedure.", CAND),
        "DEU": A(90, 0.6, "Scholz, Macron and Draghi delivered an unmistakable 'yes' in Kyiv on 16 June.", "https://www.euronews.com/my-europe/2022/06/23/eu-leaders-set-to-endorse-ukraines-candidate-status-at-brussels-summit", late=True),
        "FRA": A(90, 0.6, "As for Germany.", "https://www.euronews.com/my-europe/2022/06/23/eu-leaders-set-to-endorse-ukraines-candidate-status-at-brussels-summit", late=True),
        "ITA": A(95, 0.6, "As for Germany.", "https://www.euronews.com/my-europe/2022/06/23/eu-leaders-set-to-endorse-ukraines-candidate-status-at-brussels-summit", late=True),
    },
    default=A(90, 0.5, "Political consensus was rapidly building; the Commission recommended the status on 17 June.", CAND),
    actors_extra={
        "UKR": X("Ukraine (Zelensky)", 100, 1.0, 0.05, "Applicant; no vote", "Applied on 28 February 2022.", CAND),
    },
    context={
        "opt_out_possible": (False, "Candidate status is granted by all.", CAND),
        "route_around": (False, "Only the EU can grant it.", CAND),
        "side_payment_available": (True, "Conditions attached to the next steps (anti-corruption, rule of law) reassured the sceptics.", "https://www.euractiv.com/section/europe-s-east/news/eu-closes-ranks-on-ukraine-moldova-candidate-status-as-decision-looms/"),
        "deadline_pressure": (True, "The June European Council; the war.", CAND),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        summary="On 23 June 2022 the European Council unanimously granted candidate status to Ukraine and Moldova; Georgia got a European perspective.",
        sources=["https://www.euronews.com/my-europe/2022/06/23/live-ukraine-eu-candidacy-and-food-security-at-top-of-council-summits-agenda?postid=1212313302"]),
    notes=dict(difficulty="Sceptics folded before the summit once the large states moved; a case of early concession without a side payment.",
               judgement="Positions coded from reports a few days before the summit."),
))

RENZI = "https://rferl.org/a/russia-eu-sanctions-why-italy-change-of-heart/27419043.html"
CASES.append(dict(
    id="eu_russia_sanctions_rollover_dec2015",
    title="Six-month rollover of EU economic sanctions on Russia held up by Italy (December 2015)",
    decision_date="2015-12-21", coding_date="2015-12-14",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU extend its sectoral economic sanctions on Russia for six months (to 31 July 2016) before they expire on 31 December 2015?",
    scale={"scale_0": "Sanctions lapse or are eased", "scale_100": "Sanctions extended unchanged for six months"},
    actors={
        "ITA": A(55, 0.6, "On 9 December Italy's ambassador asked for a political debate instead of a rubber-stamp; an EU source said Rome was 'not blocking anything'.", "https://euobserver.com/eu-and-the-world/ar6bb0ded1", iso_why="Judgement: Renzi had agreed the extension at the G20; a real veto would have isolated Italy against Germany and the east.", isolation_cost=0.6),
        "HUN": A(55, 0.4, "Diplomats suspected Hungary of being in the same camp as Italy.", RENZI),
        "AUT": A(60, 0.4, "Diplomats suspected Austria of being in the same camp.", RENZI),
        "GRC": A(55, 0.4, "Diplomats suspected Greece of being in the same camp.", RENZI),
        "CYP": A(55, 0.4, "Diplomats suspected Cyprus of being in the same camp.", RENZI),
        "DEU": A(100, 0.7, "Judgement: the sanctions were tied to full implementation of Minsk II, a line Berlin led.", "https://old.day.kyiv.ua/en/article/day-after-day/renzi-maintaining-sanctions-against-russia", late=True),
        "POL": A(100, 0.8, "Judgement: the eastern members wanted the rollover.", RENZI),
    },
    default=A(95, 0.5, "EU leaders had agreed the extension on the sidelines of the G20 on 16 November; capitals had given the nod.", "https://euobserver.com/eu-and-the-world/ar6bb0ded1"),
    context={
        "opt_out_possible": (False, "Sanctions apply EU-wide.", RENZI),
        "route_around": (False, "Judgement: no national substitute for EU trade sanctions.", RENZI),
        "side_payment_available": (True, "A political debate and a later review of the sanctions could be granted at no cost.", RENZI),
        "deadline_pressure": (True, "The sanctions expired on 31 December; formally the deadline was 31 January.", RENZI),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="A leaders' discussion at the December summit; Renzi said the sanctions should be reviewed in the coming months.",
        summary="After a discussion at the European Council of 17-18 December, the Council extended the economic sanctions to 31 July 2016 on 21 December 2015.",
        sources=["https://mediafax.ro/externe/matteo-renzi-uniunea-europeana-ar-putea-revizui-peste-cateva-luni-sanctiunile-impuse-rusiei-14922759"]),
    notes=dict(difficulty="A procedural hold for domestic signalling, released for a debate: a 'delay' tactic, not a veto.",
               judgement="The suspected sympathisers are coded from diplomats' suspicions."),
))

# ============================================================================ batch 4
NMK20 = "https://intellinews.com/french-president-ready-to-allow-albania-north-macedonia-to-launch-eu-negotiations-176711/"
CASES.append(dict(
    id="eu_nmk_alb_accession_talks_mar2020",
    title="EU decision to open accession talks with North Macedonia and Albania after the new enlargement methodology (March 2020)",
    decision_date="2020-03-25", coding_date="2020-03-01",
    body="Council of the EU (General Affairs Council, enlargement, unanimity)",
    rule="eu-unanimity",
    question="Will the EU decide in March 2020 to open accession negotiations with North Macedonia and Albania?",
    scale={"scale_0": "No decision", "scale_50": "Talks opened with North Macedonia only", "scale_100": "Talks opened with both (Albania with conditions before the first conference)"},
    adopted_threshold=75,
    actors={
        "FRA": A(80, 0.6, "Macron said on 15 February that France would allow both to start talks if the Commission's March reports were positive, after the Commission presented the new methodology France had asked for.", NMK20, iso_why="Judgement: France had got its methodology reform; a renewed veto would have isolated it.", isolation_cost=0.7),
        "NLD": A(45, 0.5, "The Netherlands remained opposed to opening talks with Albania.", "https://english.republika.mk/news/macedonia/new-eu-progress-reports-on-macedonia-and-albania-will-be-presented-in-early-march/", iso_why="Judgement: with France moving, the Dutch stood nearly alone, but conditions on Albania offered a way out.", isolation_cost=0.5),
        "DNK": A(55, 0.4, "Judgement: had shared the Dutch reservations on Albania in October 2019.", "https://english.republika.mk/news/macedonia/new-eu-progress-reports-on-macedonia-and-albania-will-be-presented-in-early-march/"),
        "ITA": A(100, 0.6, "Italy and Greece demanded that North Macedonia remain coupled to Albania.", "https://english.republika.mk/news/macedonia/new-eu-progress-reports-on-macedonia-and-albania-will-be-presented-in-early-march/"),
        "GRC": A(95, 0.5, "Italy and Greece demanded that North Macedonia remain coupled to Albania.", "https://english.republika.mk/news/macedonia/new-eu-progress-reports-on-macedonia-and-albania-will-be-presented-in-early-march/"),
        "BGR": A(80, 0.5, "Judgement: supported opening while preparing its own conditions for the negotiating framework.", NMK20),
    },
    default=A(95, 0.5, "Judgement: the other members had wanted talks opened since 2019.", NMK20),
    context={
        "opt_out_possible": (False, "Opening talks is a decision of all members.", NMK20),
        "route_around": (False, "Only the Union can negotiate accession.", NMK20),
        "side_payment_available": (True, "The new methodology (reversibility, clusters) met France's demand; conditions on Albania could meet Dutch concerns.", NMK20),
        "deadline_pressure": (True, "Judgement: the EU-Western Balkans summit in Zagreb was due in May 2020 and Macron tied his decision to the Commission's March reports.", NMK20),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="New enlargement methodology (February 2020); conditions for Albania before its first intergovernmental conference.",
        summary="Ambassadors agreed on 23 March 2020 and European affairs ministers adopted the conclusions on 24-25 March (endorsed by leaders on 26 March): talks opened with both, Albania subject to conditions.",
        sources=["http://www.anews.com.tr/world/2020/03/23/eu-countries-okay-membership-talks-with-skopje-tirana", "https://mia.mk/eu-to-formally-decide-on-start-of-accession-negotiations-with-north-macedonia/?lang=en"]),
    notes=dict(difficulty="The October 2019 blocker consents once its price (methodology) is paid; a second holdout on Albania settles for conditions. Pairs with eu_nmk_alb_accession_talks_oct2019.",
               judgement="Other members coded as a bloc."),
))

SYR13 = "https://www.irishtimes.com/news/world/middle-east/eu-foreign-ministers-split-on-syria-arms-embargo-1.1407581"
CASES.append(dict(
    id="eu_syria_arms_embargo_renewal_may2013",
    title="Renewal of the EU arms embargo on Syria covering the opposition (May 2013)",
    decision_date="2013-05-27", coding_date="2013-05-24",
    body="Council of the EU (Foreign Affairs Council, CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will the EU renew its Syria arms embargo, including the ban on arming the opposition, before it expires on 31 May 2013?",
    scale={"scale_0": "Embargo lapses; each member decides on arming the opposition", "scale_100": "Embargo renewed unchanged with the rest of the Syria sanctions"},
    actors={
        "GBR": A(5, 0.8, "Britain and France pressed for months to lift the embargo so that the opposition could be armed; Hague argued the rebels were denied the right to defend themselves.", "https://www.khaleejtimes.com/world/eu-mulls-lifting-syria-arms-embargo", iso_why="Judgement: Britain and France stood together, and a lapse needed no vote.", isolation_cost=0.2),
        "FRA": A(10, 0.8, "Fabius said supplying arms would enable the resistance to defend itself.", "https://www.khaleejtimes.com/world/eu-mulls-lifting-syria-arms-embargo", iso_why="Judgement: with Britain; a lapse needed no vote.", isolation_cost=0.2),
        "AUT": A(100, 0.9, "Austria staunchly opposed lifting the embargo and said it would have to pull its soldiers from the UN force on the Golan if the ban were lifted.", "https://www.khaleejtimes.com/world/eu-mulls-lifting-syria-arms-embargo"),
        "CZE": A(90, 0.6, "Named by Austria as supporting its opposition to lifting.", "https://www.khaleejtimes.com/world/eu-mulls-lifting-syria-arms-embargo"),
        "FIN": A(90, 0.6, "Named by Austria as supporting its opposition to lifting.", "https://www.khaleejtimes.com/world/eu-mulls-lifting-syria-arms-embargo"),
        "LUX": A(90, 0.6, "Named by Austria as supporting its opposition to lifting.", "https://www.khaleejtimes.com/world/eu-mulls-lifting-syria-arms-embargo"),
        "SWE": A(90, 0.6, "Named by Austria as supporting its opposition to lifting.", "https://www.khaleejtimes.com/world/eu-mulls-lifting-syria-arms-embargo"),
        "IRL": A(85, 0.5, "Ireland did not want the situation to become further militarised.", SYR13, late=True),
        "DEU": A(70, 0.5, "Westerwelle said Berlin remained 'very reluctant' about delivering weapons but wanted an agreed position; Merkel had opposed lifting in March.", "https://www.khaleejtimes.com/world/eu-mulls-lifting-syria-arms-embargo"),
    },
    default=A(70, 0.4, "Judgement: most members preferred keeping the embargo but valued a common position; in March the Franco-British push found little support.", "http://in.reuters.com/article/syria-crisis-eu-idINL6N0C79XX20130315"),
    context={
        "opt_out_possible": (True, "Judgement: Britain and France had pushed to 'lift or amend' the embargo, so an amended embargo exempting supplies to the opposition was a possible compromise.", "https://www.khaleejtimes.com/world/eu-mulls-lifting-syria-arms-embargo"),
        "route_around": (False, "Judgement: the embargo was part of a sanctions package up for renewal at the end of May; without unanimity it would lapse, favouring the UK and France.", "https://www.khaleejtimes.com/world/eu-mulls-lifting-syria-arms-embargo"),
        "side_payment_available": (True, "Judgement: Britain and France could promise not to deliver arms immediately, and the other sanctions could be rebuilt separately.", "https://www.khaleejtimes.com/world/eu-mulls-lifting-syria-arms-embargo"),
        "deadline_pressure": (True, "The sanctions package came up for renewal at the end of May 2013.", "https://www.khaleejtimes.com/world/eu-mulls-lifting-syria-arms-embargo"),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        side_payments="The other Syria sanctions were re-adopted for a year; the UK and France said they had no immediate plans to send arms.",
        summary="On 27 May 2013, after 13 hours, ministers failed to agree; the arms embargo lapsed on 31 May while the other sanctions were renewed. Britain and France 'won the freedom' to arm the opposition.",
        sources=["http://www.independent.co.uk/news/world/politics/syria-arms-embargo-lifted-britain-and-france-force-eu-to-relax-ban-on-supplying-weapons-to-rebels-8633597.html", "http://thecomingcrisis.blogspot.com/2013/05/britain-criticised-over-eu-split-as.html"]),
    notes=dict(difficulty="A sunset clause reverses who holds the veto: here the status quo (expiry) favoured the two large holdouts against a majority for renewal.",
               judgement="Positions of members not named by Austria are judgements."),
))

NINTH = "https://www.urdupoint.com/en/world/eu-likely-to-further-delay-adoption-of-9th-sa-1610930.html"
CASES.append(dict(
    id="eu_ninth_sanctions_package_dec2022",
    title="The EU's ninth sanctions package on Russia and the fertiliser derogation (December 2022)",
    decision_date="2022-12-15", coding_date="2022-12-15",
    body="Council of the EU (CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will EU ambassadors agree the ninth sanctions package (proposed 7 December) before the end of the 15-16 December European Council?",
    scale={"scale_0": "No agreement this year", "scale_100": "Package agreed"},
    actors={
        "POL": A(60, 0.7, "Poland and the Baltic states opposed the proposed exemptions for Russian fertiliser exports through EU ports as a loophole for sanctioned oligarchs.", NINTH, iso_why="Judgement: blocking a new sanctions package would have isolated the hawks from their own cause.", isolation_cost=0.7),
        "LTU": A(60, 0.7, "Landsbergis said Russian oligarchs could use the loopholes.", NINTH, iso_why="Judgement: as for Poland.", isolation_cost=0.7),
        "LVA": A(70, 0.6, "Judgement: among the Baltic states opposing the exemptions.", NINTH),
        "EST": A(70, 0.6, "Judgement: among the Baltic states opposing the exemptions.", NINTH),
        "DEU": A(90, 0.6, "Judgement: among the port states pushing for fertiliser derogations for food security.", "https://xii-xwealth.com/?p=10064"),
        "NLD": A(90, 0.6, "Judgement: port state pushing for the derogations.", "https://xii-xwealth.com/?p=10064"),
        "HUN": A(70, 0.4, "Judgement: also reported asking for clarification of the fertiliser regime.", "https://xii-xwealth.com/?p=10064"),
    },
    default=A(90, 0.5, "Judgement: the Commission proposed the package on 7 December; most members expected adoption 'in one way or another'.", NINTH),
    context={
        "opt_out_possible": (True, "Judgement: a case-by-case derogation for food and fertiliser deals could be written in.", "https://xii-xwealth.com/?p=10064"),
        "route_around": (False, "EU sanctions need all members.", NINTH),
        "side_payment_available": (True, "The port states could limit the derogations strictly to food and fertiliser shipments to developing countries.", NINTH),
        "deadline_pressure": (True, "The last summit of the year on 15-16 December.", NINTH),
    },
    outcome=dict(adopted=True, value=100, type="adopted",
        side_payments="Fertiliser/food derogation narrowed: national unfreezing allowed only for food and fertiliser shipments, after consulting the Commission; Poland and Lithuania lifted their opposition.",
        summary="On 15 December 2022 ambassadors agreed the ninth package on the margins of the summit; it was adopted by written procedure on 16 December.",
        sources=["https://euromatter.com/eu-breaks-fertiliser-impasse-approves-ninth-russia-sanctions-bundle-euractiv-com/", "https://news360.es/canada/2022/12/15/eu-approves-new-sanctions-against-russia-with-exemptions-for-maritime-transport-of-fertilizers-3"]),
    notes=dict(difficulty="Hawkish holdouts against a loophole, not against sanctions; a narrowed exemption settled it within a day.",
               judgement="Several positions are judgements from the reported camps."),
))

# ============================================================================ batch 5
AUT_TR = "https://www.dailysabah.com/diplomacy/2017/03/17/turkeys-veto-of-some-nato-projects-aimed-only-at-austria-1489695086/amp"
CASES.append(dict(
    id="nato_austria_partnership_turkey_2017",
    title="NATO partnership cooperation with Austria under Turkey's veto (May 2017)",
    decision_date="2017-05-22", coding_date="2017-03-20",
    body="NATO (North Atlantic Council, partnership programmes)",
    rule="nato-consensus",
    question="Will Turkey lift its veto so that NATO's 2017 partnership programmes with Austria (training, exercises) go ahead?",
    scale={"scale_0": "Austria stays blocked", "scale_100": "Cooperation with Austria resumes"},
    actors={
        "TUR": A(5, 0.7, "Turkey's mission to NATO said the blockage of 2017 partnership projects was 'only targeted at Austria', which had demanded a halt to Turkey's EU accession talks and barred Turkish referendum rallies.", AUT_TR, iso_why="Judgement: the veto cost Turkey little inside NATO; Austria is a partner, not an ally, and the others could route around it.", isolation_cost=0.2),
        "DEU": A(85, 0.4, "Judgement: Germany, itself in a row with Ankara over campaign rallies, backed partnership with Austria.", AUT_TR),
        "USA": A(70, 0.3, "Judgement: low salience for Washington.", AUT_TR),
    },
    default=A(80, 0.3, "Judgement: the other allies valued cooperation with partners, including Austria's 400 troops in KFOR, but the dispute was bilateral; Stoltenberg called for it to end in March.", "http://www.panarmenian.net/eng/news/240389/", late=True),
    actors_extra={
        "AUT": X("Austria (partner; Kern/Kurz government)", 100, 0.8, 0.05, "Partner; no vote", "Austria's defence ministry said the blockade had gone on for months; Vienna called for halting Turkey's EU accession talks.", AUT_TR),
    },
    context={
        "opt_out_possible": (False, "Judgement: partnership programmes were approved collectively for all partners.", AUT_TR),
        "route_around": (True, "Judgement: NATO could approve cooperation partner by partner, so that the block on Austria did not stop the other partners' programmes.", AUT_TR),
        "side_payment_available": (False, "Judgement: Turkey wanted Austria to drop its opposition to Turkish EU accession, which Vienna would not do.", AUT_TR),
        "deadline_pressure": (False, "Judgement: no deadline; the block had lasted since late 2016.", AUT_TR),
    },
    outcome=dict(adopted=False, value=0, type="blocked",
        summary="On 22 May 2017 the allies changed procedures so that partnership activities are approved case by case, freeing the other partners; Turkey kept its veto on Austria's participation.",
        sources=["http://gentst.com/2017/05/north-atlantic-treaty-organisation-ends-partnership/", "https://mirrorspectator.com/2017/05/25/turkey-blocks-nato-partnerships-in-row-with-austria/"]),
    notes=dict(difficulty="A bilateral grievance carried into NATO; the others routed around it rather than paying, so the block on the target held.",
               judgement="The allies' shared position is a judgement; its source is dated after the coding date."),
))

MAPDEC = "https://www.reuters.com/article/us-nato-idUSL0179714620080401"
CASES.append(dict(
    id="nato_map_review_dec2008",
    title="NATO foreign ministers' review of MAP for Ukraine and Georgia after the Russia-Georgia war (December 2008)",
    decision_date="2008-12-03", coding_date="2008-11-30",
    body="NATO (North Atlantic Council, foreign ministers)",
    rule="nato-consensus",
    question="Will NATO foreign ministers in December 2008 grant Ukraine and/or Georgia a Membership Action Plan, as the Bucharest summit asked them to assess?",
    scale={"scale_0": "No MAP and no new mechanism", "scale_40": "No MAP; Annual National Programmes under the NATO-Ukraine and NATO-Georgia Commissions", "scale_100": "MAP granted"},
    adopted_threshold=70,
    actors={
        "USA": A(90, 0.6, "Judgement: the outgoing Bush administration still backed the two applications but was reported to seek a path around MAP rather than force it.", "http://georgiainthenews.blogspot.com/2008/04/no-map-for-georgia-or-ukraine-but-nato.html"),
        "DEU": A(10, 0.7, "Judgement: Berlin had opposed MAP in April as premature (unresolved conflicts, lack of public support in Ukraine); the August war in Georgia strengthened that case.", "https://brf.be/international/44357", iso_why="Judgement: Germany led a group of West European allies; no isolation.", isolation_cost=0.1),
        "FRA": A(15, 0.6, "Judgement: France had said it would not give its green light in April and mediated the August ceasefire with Moscow.", "https://mg.co.za/article/2008-04-01-france-wont-back-ukraine-georgia-nato-bids/", iso_why="Judgement: with Germany and others; no isolation.", isolation_cost=0.1),
        "ITA": A(30, 0.4, "Judgement: part of the April group of sceptics.", MAPDEC),
        "ESP": A(30, 0.4, "Judgement: part of the April group of sceptics.", MAPDEC),
        "NLD": A(35, 0.4, "Judgement: part of the April group of sceptics.", MAPDEC),
        "POL": A(95, 0.7, "Judgement: among the ex-communist supporters of MAP in April.", MAPDEC),
        "LTU": A(95, 0.7, "Judgement: among the ex-communist supporters of MAP in April.", MAPDEC),
        "CAN": A(85, 0.4, "Judgement: had supported MAP in April.", MAPDEC),
        "GBR": A(60, 0.3, "Judgement: supportive in principle, low priority.", MAPDEC),
    },
    default=A(55, 0.25, "Judgement: no new positions reported; coded as in April with low salience.", MAPDEC),
    actors_extra={
        "GEO": X("Georgia (Saakashvili)", 100, 1.0, 0.03, "Applicant; no vote", "Saakashvili had said after Bucharest that 'MAP is not as important when you have a commitment to accept us as members'.", "http://georgiainthenews.blogspot.com/2008/04/no-map-for-georgia-or-ukraine-but-nato.html"),
        "UKR": X("Ukraine (Yushchenko)", 90, 0.7, 0.05, "Applicant; no vote", "Judgement: Kyiv still sought MAP amid a domestic political crisis.", MAPDEC),
        "RUS": X("Russia (external)", 0, 0.9, 0.5, "External; had just fought Georgia", "Judgement: Moscow had warned against MAP and fought Georgia in August 2008.", "https://mg.co.za/article/2008-04-01-france-wont-back-ukraine-georgia-nato-bids/"),
    },
    context={
        "opt_out_possible": (False, "A MAP is granted by the Alliance as a whole.", MAPDEC),
        "route_around": (True, "Judgement: strengthened NATO-Ukraine and NATO-Georgia Commissions could deliver assistance without a MAP decision.", "http://georgiainthenews.blogspot.com/2008/04/no-map-for-georgia-or-ukraine-but-nato.html"),
        "side_payment_available": (True, "Judgement: intensified engagement and membership language had already substituted for MAP in April.", "http://georgiainthenews.blogspot.com/2008/04/no-map-for-georgia-or-ukraine-but-nato.html"),
        "deadline_pressure": (True, "The Bucharest declaration asked foreign ministers for a first assessment in December 2008.", "http://georgiainthenews.blogspot.com/2008/04/no-map-for-georgia-or-ukraine-but-nato.html"),
    },
    outcome=dict(adopted=False, value=40, type="blocked",
        summary="On 3 December 2008 ministers reaffirmed Bucharest but took no decision on MAP; Annual National Programmes under the two Commissions were created instead. Kouchner said the two were not ready.",
        sources=["http://for-ua.com/article/1015183", "https://jamestown.org/program/nato-anps-instead-of-maps-for-ukraine-and-georgia/"]),
    notes=dict(difficulty="Same coalition of blockers as in April, now with the Georgia war as added reason; the route around (ANPs) let the supporters claim progress.",
               judgement="Positions are carried over from April 2008 reporting (no new public statements found before the meeting); correlated with nato_map_ukraine_georgia_bucharest_2008."),
))

CRIMEA = "http://news.trust.org/item/20140317101921-6p07f/?source=hpbreaking"
CASES.append(dict(
    id="eu_crimea_listings_mar2014",
    title="First EU asset freezes and travel bans over Crimea (17 March 2014)",
    decision_date="2014-03-17", coding_date="2014-03-17",
    body="Council of the EU (Foreign Affairs Council, CFSP sanctions, unanimity)",
    rule="eu-unanimity",
    question="Will EU foreign ministers on 17 March 2014 adopt asset freezes and travel bans on Russian and Crimean officials after the Crimea referendum?",
    scale={"scale_0": "No listings", "scale_30": "About 20 political figures listed", "scale_100": "The master list of 120-130 names, including senior officials and business figures"},
    adopted_threshold=25,
    actors={
        "GRC": A(30, 0.5, "Greece was among the countries with reservations about moving too quickly.", CRIMEA, iso_why="Judgement: a veto on the first response to an annexation would have isolated Athens; narrowing the list was the cheaper option.", isolation_cost=0.6),
        "CYP": A(25, 0.6, "Cyprus was among the countries with reservations; southern members did not want a more hard-hitting list.", CRIMEA, iso_why="Judgement: as for Greece.", isolation_cost=0.6),
        "ITA": A(35, 0.5, "Italy was among the countries with reservations about moving too quickly.", CRIMEA),
        "ESP": A(40, 0.4, "Spain was among the countries with reservations.", CRIMEA),
        "PRT": A(40, 0.4, "Portugal was among the countries with reservations.", CRIMEA),
        "DEU": A(60, 0.6, "Steinmeier said measures must leave ways open to prevent further escalation.", "http://www.toledoblade.com/World/2014/03/17/EU-poised-to-slap-further-sanctions-on-Russia.print"),
        "NLD": A(75, 0.5, "Timmermans said sanctions had become inevitable.", "http://www.toledoblade.com/World/2014/03/17/EU-poised-to-slap-further-sanctions-on-Russia.print"),
        "GBR": A(85, 0.6, "Hague hinted more measures could follow at the leaders' summit.", "http://www.toledoblade.com/World/2014/03/17/EU-poised-to-slap-further-sanctions-on-Russia.print"),
        "LTU": A(100, 0.8, "Judgement: Lithuania pressed for the strongest response.", CRIMEA),
        "POL": A(100, 0.8, "Judgement: pressed for the strongest response.", CRIMEA),
        "CZE": A(65, 0.5, "Foreign Minister Zaoralek said the first set would be about 20 political figures, possibly widened later.", CRIMEA),
    },
    default=A(70, 0.5, "Judgement: the leaders had decided on 6 March that travel bans and asset freezes would follow if talks failed; ambassadors had whittled the list down to about 20.", "http://euobserver.com/article/123495"),
    actors_extra={
        "RUS": X("Russia (external)", 0, 0.9, 0.5, "External target", "Judgement: Moscow was about to annex Crimea.", CRIMEA),
        "USA": X("United States (external)", 100, 0.6, 0.3, "External; imposing its own sanctions", "The US was expected to take similar steps the same day.", CRIMEA),
    },
    context={
        "opt_out_possible": (False, "Listings apply EU-wide.", CRIMEA),
        "route_around": (False, "Judgement: no national substitute for EU asset freezes.", CRIMEA),
        "side_payment_available": (True, "The list could be shortened to political figures, meeting the hesitant members' concern about moving too fast.", CRIMEA),
        "deadline_pressure": (True, "The Crimea referendum of 16 March; the leaders' summit on 20-21 March.", CRIMEA),
    },
    outcome=dict(adopted=True, value=30, type="adopted",
        side_payments="List cut from 120-130 names to 21 political and military figures; no top Kremlin officials or business figures.",
        summary="On 17 March 2014 the Council listed 21 Russian and Crimean officials (Council Decision 2014/145/CFSP); further names followed on 21 March.",
        sources=["https://www.legislation.gov.uk/eudn/2014/145/contents/data.html", "https://www.reuters.com/article/us-ukraine-crisis-eu/eu-adopts-russia-sanctions-as-crimea-crisis-deepens-idUSBREA2G0J720140317"]),
    notes=dict(difficulty="The hesitant members did not block; they shrank the measure. Whether it counts as 'adopted' depends on the threshold (here any listing counts).",
               judgement="Coded from reports on the morning of the meeting; positions of members not named are judgements."),
))
