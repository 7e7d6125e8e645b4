"""Can a member sign with a national reservation? One flag per corpus case, coded from the instrument.

``reservation_possible`` says whether the *legal form* of the decision and the body's standing rules
let one member sign while exempting itself from part of it: a formal abstention under TEU 31(1) on a
CFSP decision (the member "shall not be obliged to apply the decision"), member-state options and
derogations in a directive, a declaration on signing or ratifying a treaty, a national contribution
to a NATO operation. It is coded by the kind of instrument, the same way for every case of that kind,
from the rule's text — never from the negotiation record or from what happened (that is the separate
``opt_out_possible`` flag, coded from the negotiation). A collective act with one indivisible object
(an invitation, a candidate status, an appointment, a statement in the body's name, an indivisible
budget) has no reservation: the member either lets it pass or stops it.

``make_backtest_cases.py`` writes each entry into the case's ``[context]``. Issue 16, session 4.
"""

from __future__ import annotations

CFSP = "http://europa.eu/legislation_summaries/glossary/abstention_en.htm"
TEU_49 = "http://grahnlaw.blogspot.com/2008/02/eu-treaty-of-lisbon-new-members.html"
EU_UNANIMOUS = "http://grahnlaw.blogspot.com/2009/03/lisbon-treaty-european-council_5268.html"
NATO_ART10 = "http://law.emory.edu/eilr/content/volume-34/issue-special/articles/north-atlantic-treaty-article-10.html"
NATO_CONSENSUS = "https://www.nato.int/cps/fr/natohq/topics_49178.htm?selectedLocale=en"
NATO_CONTRIBUTIONS = "http://www.transconflict.com/2010/06/nato-consensual-decision-making/"
VCLT = "https://is.muni.cz./el/fss/podzim2016/MEB436/um/59220371/vienna_convention.txt?lang=en&predmet=472963"

_CFSP_WHY = (
    "Rule: a CFSP decision of the Council; TEU Art. 31(1) lets a member qualify its abstention by a formal "
    "declaration and not apply the decision while the Union acts (constructive abstention), and restrictive "
    "measures routinely carry member-specific derogations."
)
_STATEMENT_WHY = (
    "Rule: a statement or conclusions in the EU's name; TEU 31(1) abstention applies to decisions, and a text "
    "issued on behalf of the Union needs every member's agreement: no national carve-out."
)
_ENLARGEMENT_WHY = (
    "Rule: an enlargement step under TEU Art. 49 (the Council acts unanimously on the candidate); one "
    "decision on one candidate, nothing a member can exempt itself from."
)
_BUDGET_WHY = (
    "Rule: the MFF / own-resources package (TFEU Arts. 311-312, unanimity and national approval); one "
    "indivisible budget act, no member-level exemption (rebates are side payments, not reservations)."
)
_DIRECTIVE_WHY = (
    "Rule (judgement): a directive under TFEU Art. 115 binds as to the result; member-state options and "
    "transitional derogations are a standard part of such acts."
)
_NATO_COLLECTIVE_WHY = (
    "Rule: a collective NATO decision with one object (an invitation under Art. 10, a partner's status, an "
    "appointment, a meeting, a common plan), taken by consensus: an ally lets it pass or stops it."
)
_NATO_OPERATION_WHY = (
    "Rule: in a NATO-led operation each ally decides its own contribution (force generation is national), "
    "so an ally can agree to the operation and stay out of it."
)

RESERVATION: dict[str, tuple[bool, str, str]] = {
    # EU CFSP decisions (restrictive measures, arms embargoes, assistance measures): TEU 31(1)
    "eu_syria_arms_embargo_renewal_may2013": (True, _CFSP_WHY, CFSP),
    "eu_crimea_listings_mar2014": (True, _CFSP_WHY, CFSP),
    "eu_russia_sectoral_sanctions_jul2014": (True, _CFSP_WHY, CFSP),
    "eu_russia_sanctions_rollover_dec2015": (True, _CFSP_WHY, CFSP),
    "eu_turkey_arms_embargo_oct2019": (True, _CFSP_WHY, CFSP),
    "eu_belarus_sanctions_sep2020": (True, _CFSP_WHY, CFSP),
    "eu_belarus_sanctions_oct2020": (True, _CFSP_WHY, CFSP),
    "eu_epf_lethal_aid_ukraine_2022": (True, _CFSP_WHY, CFSP),
    "eu_swift_exclusion_russian_banks_2022": (True, _CFSP_WHY, CFSP),
    "eu_sixth_package_oil_embargo_2022": (True, _CFSP_WHY, CFSP),
    "eu_russian_oil_price_cap_dec2022": (True, _CFSP_WHY, CFSP),
    "eu_ninth_sanctions_package_dec2022": (True, _CFSP_WHY, CFSP),
    # statements and conclusions in the EU's name
    "eu_unhrc_china_statement_jun2017": (False, _STATEMENT_WHY, EU_UNANIMOUS),
    "eu_venezuela_guaido_statement_feb2019": (False, _STATEMENT_WHY, EU_UNANIMOUS),
    "eu_hong_kong_conclusions_may2021": (False, _STATEMENT_WHY, EU_UNANIMOUS),
    "eu_israel_gaza_ceasefire_statement_may2021": (False, _STATEMENT_WHY, EU_UNANIMOUS),
    # enlargement (the EU-Turkey case is scored on opening an accession chapter)
    "eu_turkey_statement_mar2016": (False, _ENLARGEMENT_WHY, TEU_49),
    "eu_nmk_alb_accession_talks_oct2019": (False, _ENLARGEMENT_WHY, TEU_49),
    "eu_nmk_alb_accession_talks_mar2020": (False, _ENLARGEMENT_WHY, TEU_49),
    "eu_nmk_negotiating_framework_nov2020": (False, _ENLARGEMENT_WHY, TEU_49),
    "eu_candidate_status_ukraine_moldova_jun2022": (False, _ENLARGEMENT_WHY, TEU_49),
    "eu_nmk_alb_intergovernmental_conferences_jul2022": (False, _ENLARGEMENT_WHY, TEU_49),
    # the budget
    "eu_mff_own_resources_veto_nov2020": (False, _BUDGET_WHY, EU_UNANIMOUS),
    "eu_mff_rule_of_law_compromise_dec2020": (False, _BUDGET_WHY, EU_UNANIMOUS),
    "eu_ukraine_macro_financial_18bn_dec2022": (
        False,
        "Rule: the 18 bn loan needed the MFF regulation amended (TFEU Art. 312, unanimity): one budget act, no "
        "member-level exemption.",
        EU_UNANIMOUS,
    ),
    # legislation and treaties
    "eu_global_minimum_tax_jun2022": (True, _DIRECTIVE_WHY, EU_UNANIMOUS),
    "eu_global_minimum_tax_dec2022": (True, _DIRECTIVE_WHY, EU_UNANIMOUS),
    "eu_ukraine_association_dutch_decision_dec2016": (
        True,
        "Rule: ratifying a treaty; a state may attach a declaration or reservation when it ratifies (Vienna "
        "Convention on the Law of Treaties, Arts. 2(1)(d) and 19).",
        VCLT,
    ),
    "bel_ceta_signature_wallonia_2016": (
        True,
        "Rule: signing a treaty; the signing state may attach a declaration setting out how it will apply it "
        "(Vienna Convention on the Law of Treaties, Arts. 2(1)(d) and 19).",
        VCLT,
    ),
    "gbr_syria_strikes_commons_2013": (
        False,
        "Rule: a Commons division on a government motion is carried or lost; an MP cannot vote with a "
        "reservation that changes what the motion authorises.",
        "https://www.theguardian.com/politics/2013/aug/28/ed-miliband-commons-un-syria",
    ),
    # NATO
    "nato_macedonia_invitation_bucharest_2008": (False, _NATO_COLLECTIVE_WHY, NATO_ART10),
    "nato_map_ukraine_georgia_bucharest_2008": (False, _NATO_COLLECTIVE_WHY, NATO_CONSENSUS),
    "nato_map_review_dec2008": (False, _NATO_COLLECTIVE_WHY, NATO_CONSENSUS),
    "nato_rasmussen_appointment_2009": (False, _NATO_COLLECTIVE_WHY, NATO_CONSENSUS),
    "nato_missile_defence_lisbon_2010": (
        False,
        "Rule: a commonly funded Alliance capability agreed by consensus; one collective decision.",
        NATO_CONSENSUS,
    ),
    "nato_libya_command_mar2011": (True, _NATO_OPERATION_WHY, NATO_CONTRIBUTIONS),
    "nato_montenegro_invitation_2015": (False, _NATO_COLLECTIVE_WHY, NATO_ART10),
    "nato_austria_partnership_turkey_2017": (False, _NATO_COLLECTIVE_WHY, NATO_CONSENSUS),
    "nato_ukraine_commission_brussels_summit_2018": (False, _NATO_COLLECTIVE_WHY, NATO_CONSENSUS),
    "nato_north_macedonia_accession_protocol_2019": (False, _NATO_COLLECTIVE_WHY, NATO_ART10),
    "nato_baltic_poland_defence_plans_london_2019": (False, _NATO_COLLECTIVE_WHY, NATO_CONSENSUS),
    "nato_finland_sweden_accession_talks_may2022": (False, _NATO_COLLECTIVE_WHY, NATO_ART10),
    "nato_finland_sweden_invitation_madrid_2022": (False, _NATO_COLLECTIVE_WHY, NATO_ART10),
}
"""Case id -> (reservation_possible, justification, source)."""
