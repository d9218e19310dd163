"""Follow-ups after a brief, a comparison or prompts (assistant/follow_up.py), read through
``parse_question`` as the answer stage reads them."""

from __future__ import annotations

from assistant.countries import named_countries
from assistant.types import Answer, Citation
from assistant.understand import parse_question


def _turn(question: str, mode: str) -> Answer:
    return Answer(question=question, mode=mode, answer="", abstained=False, citations=[],
                  backend="grounded")


def test_a_follow_up_after_a_brief_asks_about_its_country_typed_in_lower_case() -> None:
    briefed = [_turn("could you do a brief on ghana", "brief")]
    q = parse_question("what about their challenges?", briefed)
    assert q.countries == ("Ghana",) and "Challenges" in q.aspects and q.mode is None
    # "it" points at the country, not at the words that asked for a brief: no second brief.
    q = parse_question("what awards did it get?", briefed)
    assert q.countries == ("Ghana",) and q.mode is None and "brief" not in q.text


def test_a_comparison_goes_on_over_the_same_countries() -> None:
    compared = [_turn("compare ghana and kenya on egdi", "compare")]
    q = parse_question("what about on local online services?", compared)
    assert set(q.countries) == {"Ghana", "Kenya"} and q.mode == "compare"
    # A thing of theirs named in one word is compared next, not the measure before.
    q = parse_question("and their cities?", compared)
    assert q.mode == "compare" and "citi" in q.topic and "egdi" not in q.topic


def test_chatter_around_a_follow_up_does_not_hide_it() -> None:
    compared = [_turn("compare ghana and kenya on egdi", "compare")]
    q = parse_question("and their cities? cheers", compared)
    assert q.mode == "compare" and "citi" in q.topic and "cheer" not in q.topic
    # Read as the follow-up it is, not as a question on its chatter ("asking", "office").
    score = [_turn("what is ghana's egdi score", "answer")]
    q = parse_question("and kenya? asking for the minister's office", score)
    assert q.countries == ("Kenya",) and "egdi" in q.topic and "offic" not in q.topic


def test_an_acknowledgement_before_a_follow_up_still_goes_on() -> None:
    prompted = [_turn("a few discussion questions on e-participation please", "prompts")]
    assert parse_question("ok now do the same for open source", prompted).mode == "prompts"


def test_a_country_named_anew_replaces_one_the_previous_turn_typed_in_lower_case() -> None:
    score = [_turn("what is ghana's egdi score", "answer")]
    q = parse_question("and kenya?", score)
    assert q.countries == ("Kenya",) and "egdi" in q.topic


def test_they_after_which_countries_are_the_countries_the_answer_named() -> None:
    middle = Answer("which countries are in the middle egdi group", "answer",
                    "EGDI Group is Middle for Kenya [1] and Ghana [2].", False, [], "grounded")
    q = parse_question("and their ranks?", [middle])
    assert set(q.countries) == {"Kenya", "Ghana"} and {"rank", "egdi"} <= set(q.topic)
    # A declined answer names no countries that were found.
    declined = Answer(middle.question, "answer", "The documents do not cover Kenya.", True, [],
                      "grounded")
    assert parse_question("and their ranks?", [declined]).countries == ()


def test_another_place_in_a_numbered_series_asks_the_same_of_it() -> None:
    stage = [_turn("What is stage 2 of online service development?", "answer")]
    assert parse_question("And the fourth?", stage).text == (
        "What is stage 4 of online service development?")
    step = [_turn("what happens in the second step of the method", "answer")]
    assert parse_question("and the 3rd?", step).text == "what happens in the third step of the method"
    # Words that ask nothing of their own (data "follow_up_fillers") keep it a renumbering.
    assert parse_question("ok now the fourth one please", stage).text == (
        "What is stage 4 of online service development?")
    # A year or a figure in the question is no place in a series: the question is kept.
    year = [_turn("What did Egypt report in 2020?", "answer")]
    assert "2020" in parse_question("And the fourth?", year).text


def test_a_follow_up_naming_only_a_year_or_an_extreme_asks_the_turn_before_of_it() -> None:
    score = [_turn("What was Ghana's EGDI score in 2020?", "answer")]
    assert parse_question("and in 2018?", score).text == "What was Ghana's EGDI score in 2018?"
    undated = [_turn("What was Ghana's EGDI score?", "answer")]
    assert parse_question("ok, now for 2016 please", undated).text == (
        "What was Ghana's EGDI score in 2016?")
    top = [_turn("Which city has the highest LOSI?", "answer")]
    q = parse_question("and the lowest?", top)
    assert q.text == "Which city has the lowest LOSI?" and q.extreme == "min"
    # A follow-up with words of its own is its own question, the year only carried.
    assert "support" in parse_question("what support did they ask for in 2018?", score).text


def test_same_for_another_country_asks_the_turn_before_of_it() -> None:
    support = [_turn("What support did Kenya request?", "answer")]
    assert parse_question("same for ghana", support).countries == ("Ghana",)
    assert "support" in parse_question("same for ghana", support).topic


def test_a_short_follow_up_going_on_asks_of_the_same_country() -> None:
    score = [_turn("What is Ghana's EGDI score?", "answer")]
    q = parse_question("and the LOSI?", score)
    assert q.countries == ("Ghana",) and "losi" in q.topic


def test_a_follow_up_of_a_follow_up_keeps_the_country_the_first_turn_named() -> None:
    challenges = _turn("what challenges did ghana describe", "answer")
    helped = Answer("and what help do they need", "answer", "", False, [], "grounded",
                    extras={"resolved_question": "and what help do they need (Ghana)"})
    q = parse_question("and their opportunities?", [challenges, helped])
    assert q.countries == ("Ghana",) and "Opportunities" in q.aspects


def test_a_follow_up_naming_nothing_asks_what_the_turn_before_asked() -> None:
    said = Answer("what did the closing say about content producers", "answer",
                  "In 2020 Ama Mensah of Kenya told participants to turn consumers into "
                  "producers. [1]", False, [], "grounded")
    for asked in ("who said that?", "why?", "can you elaborate", "tell me more"):
        q = parse_question(asked, [said])
        assert {"close", "content", "produc"} <= set(q.topic), asked
        # The answer's words are not asked: its year and country would narrow the search.
        assert q.years == () and q.countries == (), asked
    # A follow-up with words of its own and no pointer is a new subject, not the old one.
    q = parse_question("what is the curriculum on governance made of", [said])
    assert "produc" not in q.topic and "close" not in q.topic


def test_they_after_an_answer_naming_several_countries_are_those_countries() -> None:
    named = Answer("name the members in the high egdi group", "answer",
                   "Kenya's EGDI Group is High [1]. Ghana's EGDI Group is High [2].", False, [],
                   "grounded")
    q = parse_question("what ranks do they have", [named])
    assert set(q.countries) == {"Kenya", "Ghana"} and "rank" in q.topic
    # One country named is no list of them; "it" is not a plural.
    one = Answer(named.question, "answer", "Kenya's EGDI Group is High [1].", False, [],
                 "grounded")
    assert parse_question("what ranks do they have", [one]).countries == ()


def test_a_country_set_against_the_turn_before_is_compared_with_its_country() -> None:
    seen = [_turn("what opportunities does ghana see", "answer")]
    q = parse_question("compare that with kenya", seen)
    assert set(q.countries) == {"Ghana", "Kenya"} and q.mode == "compare"
    assert "Opportunities" in q.aspects
    # Naming a new country without setting it against the old one swaps it.
    assert parse_question("and kenya?", seen).countries == ("Kenya",)


def test_a_follow_up_naming_an_item_of_the_answer_list_asks_within_the_turn_before() -> None:
    criteria = Answer("what criteria for open data does the deck propose", "answer",
                      "- Value – links to local data [1]\n- Usage – usage statistics; APIs [2]",
                      False, [], "grounded")
    q = parse_question("what goes under usage", [criteria])
    assert {"usag", "criteria", "open", "data"} <= set(q.topic)
    # A word that is no item's label does not pull the list in.
    assert "criteria" not in parse_question("what goes under budgets", [criteria]).topic


def test_a_follow_up_naming_only_another_index_asks_the_turn_before_of_it() -> None:
    average = [_turn("what was the d8 average losi in 2020", "answer")]
    assert parse_question("and the egdi?", average).text == "what was the d8 average egdi in 2020"
    leaders = [_turn("which members lead on egdi", "answer")]
    assert parse_question("same question for e-participation", leaders).text == (
        "which members lead on e-participation")
    # The same index, or words of its own beside it, make a question of its own.
    assert parse_question("and the egdi?", [_turn("what is the egdi", "answer")]).text != (
        "what is the egdi")
    assert "cities" in parse_question("and the losi of their cities?", leaders).text


def test_there_and_which_one_point_at_the_turn_before() -> None:
    polled = [_turn("which cities did the household poll cover in ghana", "answer")]
    q = parse_question("who ran the poll there", polled)
    assert q.countries == ("Ghana",) and "citi" in q.topic
    levels = [_turn("what levels does the maturity model define", "answer")]
    assert "matur" in parse_question("which one is the highest", levels).topic
    # "that" ending a clause is the thing asked before; before a noun it is no pointer.
    assert "matur" in parse_question("give me a few points on that", levels).topic
    assert "matur" not in parse_question("what is that plan's budget", levels).topic
    # An extreme alone asks it of what the turn before listed.
    q = parse_question("what's the highest?", [_turn("what were the cities' scores", "answer")])
    assert "citi" in q.topic and q.extreme == "max"
    # "is there", "are there" ask whether something exists: they point at nothing.
    assert "citi" not in parse_question("is there a cybersecurity plan", polled).topic
    # "there" points at a place: after a question naming no country, at none.
    city = [_turn("how did the capital do on local online services", "answer")]
    assert "servic" not in parse_question("how many people live there", city).topic


def test_a_country_named_after_a_comparison_joins_it() -> None:
    compared = [_turn("compare ghana and kenya on egdi", "compare")]
    for asked in ("and egypt?", "add egypt"):
        q = parse_question(asked, compared)
        assert set(q.countries) == {"Ghana", "Kenya", "Egypt"} and q.mode == "compare", asked
    # "for X specifically" after prompts asks the same prompts of that country.
    prompted = [_turn("give me discussion prompts on digital literacy", "prompts")]
    q = parse_question("and for nigeria specifically?", prompted)
    assert q.countries == ("Nigeria",) and "literaci" in q.topic and q.mode == "prompts"


def test_a_short_which_question_after_a_comparison_asks_within_it() -> None:
    compared = [_turn("compare ghana and kenya on losi", "compare")]
    q = parse_question("which did better?", compared)
    assert set(q.countries) == {"Ghana", "Kenya"} and "losi" in q.topic
    # A which-question with a subject of its own is its own question.
    assert "losi" not in parse_question(
        "which agency runs the national data portal in practice", compared).topic


def test_a_number_marked_as_a_place_in_the_list_asks_for_that_item() -> None:
    stages = Answer("what are the stages", "answer",
                    "- 1. Emerging: information [1]\n- 2. Enhanced: forms [2]\n"
                    "- 3. Transactional: tax filing [3]", False, [], "grounded")
    assert "transact" in parse_question("number 3?", [stages]).topic
    assert "enhanc" in parse_question("tell me about #2", [stages]).topic
    # A number after a verb of being or ranking is a rank held, not an item pointed at.
    q = parse_question("this country was no. 1 twice in the survey - which editions?",
                       [_turn("what did ghana's smart plan say about rural people", "answer")])
    assert q.countries == ("Ghana",) and "rural" not in q.topic


def test_a_pronoun_follow_up_asking_anew_takes_the_country_not_the_question_before() -> None:
    score = [_turn("what is ghana's egdi score in the 2020 survey", "answer")]
    q = parse_question("by how much does it aim to raise the ict sector's share of gdp?", score)
    assert q.countries == ("Ghana",) and "gdp" in q.topic and "egdi" not in q.topic
    # Few words of its own: what the turn before asked still holds.
    listed = [_turn("what challenges did ghana list", "answer")]
    q = parse_question("how many did they list in total?", listed)
    assert q.countries == ("Ghana",) and "Challenges" in q.aspects


def test_the_country_before_stands_where_its_pronoun_did() -> None:
    briefed = [_turn("could you do a brief on ghana", "brief")]
    q = parse_question("what did this country want from the UN in terms of help", briefed)
    assert q.countries == ("Ghana",) and "countri" not in q.topic
    assert "ghana" in q.text.lower() and "this country" not in q.text


def test_a_comparison_naming_its_own_measure_or_group_keeps_the_country_before_out() -> None:
    seen = [_turn("tell me about ghana", "answer")]
    for asked in ("how does kenya's losi compare with the world average in 2020",
                  "how does kenya's egdi stack up against the rest of the d8?"):
        assert "Ghana" not in parse_question(asked, seen).countries


def test_a_pronoun_for_one_side_of_a_comparison_typed_in_lower_case_is_compared() -> None:
    seen = [_turn("How much has Ghana put into its digital plan?", "answer")]
    # "jordan", "chad" typed small are names only in a question typed all in lower case.
    for asked in ("jordan vs it: what support did each of them request",
                  "chad or that country - who's further along on e-gov?"):
        q = parse_question(asked, seen)
        assert set(q.countries) == {named_countries(asked)[0], "Ghana"} and q.mode == "compare"


def test_a_brief_asked_for_in_a_follow_up_pointing_back_is_one() -> None:
    seen = [_turn("how is Ghana getting on with e-government?", "answer")]
    q = parse_question("can you put together a short brief on it for our ambassador", seen)
    assert q.mode == "brief" and q.countries == ("Ghana",)


def test_an_edition_pointed_at_is_the_year_the_turn_before_named() -> None:
    asked = [_turn("what's new in the 2014 UN e-government survey", "answer")]
    q = parse_question("and regarding users, what's changing in that edition", asked)
    assert q.years == (2014,) and "2014 edition" in q.text
    korea = [_turn("What did Korea achieve in the 2012 UN e-Government Survey?", "answer")]
    assert parse_question("Which awards did it receive that year?", korea).years == (2012,)
    # A turn before naming no year, or two, leaves the pointer as typed.
    two = [_turn("how did Egypt do in 2012 and 2014", "answer")]
    assert parse_question("what changed in that edition", two).years == ()


def test_a_follow_up_naming_a_country_by_its_code_replaces_the_turn_befores() -> None:
    # A code names a country as its name does, in the follow-up and in the turn before:
    # the earlier country is not kept beside the new one.
    coded = [_turn("CHL: population and GDP in the states table pls", "answer")]
    q = parse_question("and SGP - which official languages does it list?", coded)
    assert q.countries == ("Singapore",)
    q = parse_question("and SGP?", coded)
    assert q.countries == ("Singapore",) and "population" in q.text and "CHL" not in q.text
    named = [_turn("What is Chile's EGDI?", "answer")]
    assert parse_question("and EST?", named).countries == ("Estonia",)


def test_a_place_in_a_list_numbered_inline_is_that_item() -> None:
    said = ("The country identified obstacles in terms of (1) technological adaptation, "
            "(2) high costs, and (3) awareness of digital platforms at the local level. [2]")
    turn = Answer("what obstacles did ghana report", "answer", said, False, [], "grounded")
    q = parse_question("the third one on that list - at what level was it", [turn])
    assert "awareness of digital platforms at the local level" in q.text
    assert "high costs" not in q.text


def test_a_follow_up_pointing_at_the_passage_quoted_is_read_under_its_section() -> None:
    quote = Citation(n=1, document="Report", source="r.pdf", page=4,
                     section="Country presentations > Ghana > Required support",
                     text="(1) training for officials; (2) devices for schools")
    turn = Answer("what support did ghana ask for", "answer", "... [1]", False, [quote],
                  "grounded")
    q = parse_question("anything in there for teachers?", [turn])
    assert "Required support" in q.text and "Ghana" in q.text
    # Not the quote's words: they would find the quote again whatever was asked.
    assert "devices" not in q.text
    # Without a pointer at the passage, it is not brought in.
    assert "Required support" not in parse_question("and for teachers?", [turn]).text


def test_a_follow_up_asking_a_question_of_its_own_asks_its_own_kind_of_answer() -> None:
    rated = [_turn("how did participants rate the workshop - how many said very "
                   "satisfactory?", "answer")]
    # "they" points back at the participants; a count of those rating is not what is asked.
    q = parse_question("and were they likely to put the lessons into practice?", rated)
    assert "satisfactory" in q.text and q.kind == "general"
    # Naming too little of its own, it asks as the turn before: a count.
    assert parse_question("how many did they list in total?", rated).kind == "figure"


def test_chatter_after_a_bare_follow_up_does_not_make_it_a_question_of_its_own() -> None:
    asked = [_turn("what challenges did nigeria report", "answer")]
    for typed in ("why please be brief", "who said that cheers"):
        q = parse_question(typed, asked)
        assert q.countries == ("Nigeria",) and "cheer" not in q.topic and "brief" not in q.topic
    # After a question naming its topic, one word of chatter may be a word of it.
    from assistant.wording import without_chatter

    assert without_chatter("what was the budget deadline") == "what was the budget deadline"


def test_chatter_after_a_follow_up_going_on_is_not_what_it_asks() -> None:
    from assistant.wording import without_chatter

    for typed, meant in [("and their cities cheers", "and their cities"),
                         ("and Egypt need this by noon", "and Egypt"),
                         ("and the worst (for a briefing note)", "and the worst"),
                         ("what goes under usage (for a briefing note)",
                          "what goes under usage")]:
        assert without_chatter(typed) == meant
    # Not the words of a follow-up about the asker's own nouns, nor chatter-free ones.
    assert without_chatter("and the head of the unit") == "and the head of the unit"
    assert "ministry" in without_chatter("and the egyptian one? name + ministry pls")
    assert without_chatter("and what do they have going for it need this by noon") == (
        "and what do they have going for it")
    asked = [_turn("which d8 country has the best egdi rank", "answer")]
    assert "worst" in parse_question("and the worst (for a briefing note)", asked).text
    assert "best" not in parse_question("and the worst (for a briefing note)", asked).text


def test_its_after_which_country_is_the_country_the_answer_named_even_in_a_listed_quote() -> None:
    # The answer's quotes repeat the follow-up's words ("e-participation", "ranking"):
    # still, "its" is the country it named, not an item of its list.
    moved = Answer("which country moved up 16 places in e-participation in the 2010 survey?",
                   "answer", "**Kazakhstan**\n\n- Kazakhstan moved up 16 places in "
                   "e-participation to be ranked 2nd [1]\n- Its ranking improved [2]",
                   False, [], "grounded")
    q = parse_question("what was its e-participation rank in 2012 then?", [moved])
    assert q.countries == ("Kazakhstan",)


def test_a_follow_up_naming_a_year_asks_of_it_unless_it_asks_a_change_from_the_turn_before(
) -> None:
    before = _turn("which country moved up 16 places in e-participation in the 2010 survey?",
                   "answer")
    assert parse_question("what was its e-participation rank in 2012 then?",
                          [before]).years == (2012,)
    average = _turn("world average EGDI in 2010, per the UNPOG presentation?", "answer")
    assert set(parse_question("and what did it go up to in 2012", [average]).years) == {
        2010, 2012}


def test_a_follow_up_pointing_at_a_person_asks_of_the_turn_before() -> None:
    turn = Answer(question="who was the moderator of session 3", mode=None,
                  answer="Moderator: Ms. Jane Roe, Director [1]", abstained=False,
                  citations=[], backend="grounded")
    q = parse_question("whats her job title", [turn])
    assert "moderator" in q.text and "session" in q.topic and q.kind != "definition"


def test_a_follow_up_naming_only_an_index_asks_that_countrys_figure() -> None:
    # "its egdi?" after a question on Indonesia: Indonesia's EGDI, not the EGDI and what
    # Indonesia achieved.
    asked = [_turn("what has Indonesia achieved recently?", "answer")]
    q = parse_question("its egdi?", asked)
    assert q.kind == "figure" and q.countries == ("Indonesia",)
    assert "achiev" not in q.topic and q.text == "its egdi? (Indonesia)"
    # A follow-up asking more than an index keeps the turn before.
    q = parse_question("why did it fall behind?", asked)
    assert "Indonesia" in q.countries and q.kind != "figure"
