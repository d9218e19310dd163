"""The wording perturbations of ``assistant.evals.perturb``: what each does to a question,
and that a seed gives the same question every run."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.evals.items import GoldenItem
from assistant.evals.perturb import (
    COUNTERFACTUALS,
    PERTURBATIONS,
    Absent,
    code,
    context,
    counterfactual,
    counterfactuals,
    fragment,
    imperative,
    joined,
    lower,
    no_mark,
    pairs,
    prefix,
    rng_for,
    score,
    suffix,
    summarize,
    topic_first,
    typo,
    words,
)
from assistant.evals.perturb_turns import follow_up, follow_up_name, follow_up_new

QUESTION = "What was Malaysia's EGDI score in the 2020 survey?"


def item(id_: str, question: str = QUESTION, answerable: bool = True) -> GoldenItem:
    return GoldenItem(id_, question, "answer", (), (), answerable,
                      ((r"0\.7892",),) if answerable else (), "d8.pdf" if answerable else None,
                      (3,) if answerable else ())


def test_case_and_mark_perturbations() -> None:
    assert lower(QUESTION, rng_for(1, "a", "lower")) == QUESTION.lower()
    assert lower("already lower?", rng_for(1, "a", "lower")) is None
    assert no_mark(QUESTION, rng_for(1, "a", "no-mark")) == QUESTION[:-1]
    assert no_mark("scores pls", rng_for(1, "a", "no-mark")) is None


def test_chatter_comes_from_the_word_list_around_the_whole_question() -> None:
    before = prefix(QUESTION, rng_for(1, "a", "prefix"))
    after = suffix(QUESTION, rng_for(1, "a", "suffix"))
    assert before is not None and after is not None
    assert before.endswith(" " + QUESTION)
    assert before[: -len(QUESTION) - 1] in words()["chatter_prefixes"]
    assert after.startswith(QUESTION + " ")
    assert after[len(QUESTION) + 1:] in words()["chatter_suffixes"]


def test_typo_changes_one_content_word_by_one_slip() -> None:
    for seed in range(30):
        slipped = typo(QUESTION, rng_for(seed, "a", "typo"))
        assert slipped is not None and slipped != QUESTION
        changed = [(a, b) for a, b in zip(QUESTION.split(), slipped.split(), strict=True)
                   if a != b]
        assert len(changed) == 1
        was, now = changed[0]
        assert was in {"Malaysia's", "score", "survey?"}  # never "EGDI" or "What"
        assert abs(len(was) - len(now)) <= 1
        assert was[0] == now[0]
    assert typo("Is EGDI up?", rng_for(1, "a", "typo")) is None


def test_imperative_and_fragment_drop_the_question_form() -> None:
    told = imperative(QUESTION, rng_for(1, "a", "imperative"))
    assert told is not None and told.endswith("Malaysia's EGDI score in the 2020 survey")
    assert told.split(" Malaysia's")[0] in words()["imperative_openers"]
    assert imperative("Is Nigeria ahead of Egypt?", rng_for(1, "a", "imperative")) == (
        "tell me if Nigeria ahead of Egypt")
    assert imperative("need the scores pls", rng_for(1, "a", "imperative")) is None
    assert fragment(QUESTION, rng_for(1, "a", "fragment")) == (
        "Malaysia's EGDI score in the 2020 survey?")
    assert fragment("How did Iran score?", rng_for(1, "a", "fragment")) is None
    assert joined("Is A up?", "What is B?") == "Is A up and also What is B?"


def test_context_puts_a_clause_about_the_asker_before_the_question() -> None:
    typed = context(QUESTION, rng_for(1, "a", "context"))
    assert typed is not None and typed.endswith(", what was Malaysia's EGDI score in the 2020 survey?")
    clause = typed[: -len(QUESTION) - 2]
    assert clause[0].isupper() and clause.lower() in [c.lower() for c in words()["context_clauses"]]
    # A question opening with a name keeps its capital.
    assert context("Malaysia's EGDI?", rng_for(1, "a", "context")).endswith(  # type: ignore[union-attr]
        ", Malaysia's EGDI?")


def test_topic_first_types_the_thing_asked_before_a_dash() -> None:
    assert topic_first(QUESTION, rng_for(1, "a", "topic-first")) == (
        "Malaysia's EGDI score in the 2020 survey - what was it?")
    assert topic_first("What are the main challenges of Egypt", rng_for(1, "a", "topic-first")) == (
        "the main challenges of Egypt - what are they?")
    assert topic_first("How did Iran score?", rng_for(1, "a", "topic-first")) is None
    assert topic_first("Is Nigeria ahead of Egypt?", rng_for(1, "a", "topic-first")) is None


def test_code_names_the_one_country_by_its_alpha3_code() -> None:
    rng = rng_for(1, "a", "code")
    assert code(QUESTION, rng) == "What was MYS's EGDI score in the 2020 survey?"
    assert code("What is the EGDI of the Philippines?", rng) == "What is the EGDI of PHL?"
    assert code("Challenges of the Republic of Korea", rng) == "Challenges of KOR"
    # Two countries, a demonym or none: no one code stands for what is named.
    assert code("Compare Kenya and Ghana", rng) is None
    assert code("What do Egyptian officials want?", rng) is None
    assert code("What is the EGDI?", rng) is None


def test_hurried_combines_a_slip_lower_case_no_mark_and_chatter() -> None:
    from assistant.evals.perturb import hurried

    typed = hurried(QUESTION, rng_for(1, "a", "hurried"))
    assert typed is not None
    chatter = next(c for c in words()["chatter_suffixes"] if typed.endswith(" " + c))
    asked = typed[: -len(chatter) - 1]
    assert asked == asked.lower() and not asked.endswith("?")
    slipped = [(a, b) for a, b in zip(QUESTION[:-1].lower().split(), asked.split(), strict=True)
               if a != b]
    assert len(slipped) == 1


def test_the_same_seed_gives_the_same_questions() -> None:
    for name, perturb in PERTURBATIONS.items():
        first = perturb(QUESTION, rng_for(7, "item", name))
        assert first == perturb(QUESTION, rng_for(7, "item", name)), name
    items = [item(f"i{k}") for k in range(6)]
    assert pairs(items, 3) == pairs(items, 3)
    assert len(pairs(items, 3)) == 3


def test_scores_flip_from_pass_to_fail_and_negatives_answered() -> None:
    def said(text: str, abstained: bool = False) -> SimpleNamespace:
        return SimpleNamespace(answer=text, abstained=abstained, citations=[])

    fact, negative = item("fact"), item("neg", "Who won?", answerable=False)
    base = {"fact": score([fact], QUESTION, "as written", said("It was 0.7892 [1].")),
            "neg": score([negative], "Who won?", "as written", said("", abstained=True))}
    runs = [score([fact], QUESTION.lower(), "lower", said("", abstained=True)),
            score([negative], "who won?", "lower", said("Someone."))]
    figures = summarize(base, runs)
    assert figures["kf"] == [1.0, 0.0]
    assert figures["false_declines"] == [0, 1]
    assert figures["pass_to_fail"] == ["fact", "neg"]
    assert figures["negatives_answered"] == [0, 1]


def test_follow_up_asks_the_question_again_pointing_back_at_its_country() -> None:
    pool = [item("a"), item("b", "How many people live in Ghana?")]
    for seed in range(20):
        turns = follow_up(pool[0], pool, rng_for(seed, "a", "follow-up"))
        assert turns is not None
        first, second = turns
        assert "Malaysia" in first and first != QUESTION  # never the item's own question
        assert "Malaysia" not in second
        assert second in {f"What was {p} EGDI score in the 2020 survey?" for p in ("their", "its")}
    # Each place takes its own pointer: "in X" -> "there", after a preposition "them".
    placed = follow_up(item("p", "What is planned in Ghana for 2030?"), pool, rng_for(1, "p", "f"))
    assert placed and placed[1] in {"What is planned there for 2030?",
                                    "What is planned in that country for 2030?"}
    people = follow_up(item("k", "how do the Kenyans define open data?"), pool, rng_for(1, "k", "f"))
    assert people and people[1] == "how do they define open data?"


def test_follow_up_leaves_out_questions_it_cannot_point_back_in() -> None:
    rng = rng_for(1, "x", "follow-up")
    assert follow_up(item("x", "What is Digital Ghana?"), [], rng) is None  # part of a name
    assert follow_up(item("x", "Compare Ghana and Kenya."), [], rng) is None  # two countries
    assert follow_up(item("x", "What is the EGDI?"), [], rng) is None  # no country
    filtered = GoldenItem("x", QUESTION, "answer", ("Malaysia",), (), True, (), None, ())
    assert follow_up(filtered, [], rng) is None  # the filter would name it anyway


def test_follow_up_new_names_another_country_first_and_asks_as_written() -> None:
    pool = [item("a"), item("b", "How many people live in Ghana?")]
    turns = follow_up_new(pool[0], pool, rng_for(3, "a", "follow-up-new"))
    assert turns is not None and "Ghana" in turns[0] and "Malaysia" not in turns[0]
    assert turns[1] == QUESTION
    assert turns == follow_up_new(pool[0], pool, rng_for(3, "a", "follow-up-new"))
    assert follow_up_new(pool[0], pool[:1], rng_for(3, "a", "follow-up-new")) is None


def test_follow_up_name_points_at_an_acronym_only_where_its_place_shows_how() -> None:
    pool: list[GoldenItem] = []
    rng = rng_for(2, "n", "follow-up-name")
    owned = follow_up_name(item("n", "Who counts as staff in EIGE's data?"), pool, rng)
    assert owned and "EIGE" in owned[0] and owned[1] == "Who counts as staff in its data?"
    ended = follow_up_name(item("n", "Which bodies agreed the questions of the ISORA?"), pool, rng)
    assert ended and ended[1] == "Which bodies agreed the questions of it?"
    # A noun or a verb after it ("the DPIDG director", "the WJP uses"): left out.
    assert follow_up_name(item("n", "What did the DPIDG director say?"), pool, rng) is None
    assert follow_up_name(item("n", QUESTION), pool, rng) is None  # names a country


CORPUS = """Joshi wrote. Malaysia scored 0.7892 on the E-Government Development Index (EGDI) in the 2020
survey; Egypt and Kenya were listed too. The population of Malaysia is given for 2018."""


def test_counterfactual_swaps_one_thing_for_one_the_corpus_never_mentions() -> None:
    absent = Absent.of(CORPUS)
    assert {"Malaysia", "Egypt", "Kenya"}.isdisjoint(absent.countries)
    assert "Tuvalu" in absent.countries
    assert {"2020", "2018"}.isdisjoint(absent.years) and "2011" in absent.years
    kinds = {"country": absent.countries, "year": absent.years, "index": absent.indices}
    seen = set()
    for seed in range(40):
        swapped = counterfactual(QUESTION, rng_for(seed, "a", "counterfactual"), absent)
        assert swapped is not None and swapped != QUESTION
        # One thing swapped ("Malaysia", "2020", "EGDI") for one the corpus lacks.
        kind = next(kind for kind, was in (("country", "Malaysia"), ("year", "2020"),
                                           ("index", "EGDI"))
                    if any(QUESTION.replace(was, now) == swapped for now in kinds[kind]))
        seen.add(kind)
    assert seen == {"country", "year", "index"}
    measure = counterfactual("What is the GDP of the capital?",
                             rng_for(1, "m", "counterfactual"), absent)
    assert measure is not None and measure.endswith(" of the capital?")
    assert measure[len("What is the "):-len(" of the capital?")] in absent.measures
    # a second thing asked, a period's bound or a work's year: nothing left to swap
    for question in ("What was Malaysia's EGDI score, and what is planned?",
                     "What did Joshi (2011) say of phases since 2011?",
                     "what vision followed the 2010-2021 perspective plan?"):  # both bounds
        assert counterfactual(question, rng_for(1, "e", "counterfactual"), absent) is None


def test_counterfactual_leaves_a_kind_named_twice_and_questions_without_one() -> None:
    absent = Absent.of(CORPUS)
    for seed in range(20):
        swapped = counterfactual("Compare Malaysia and Egypt on e-government",
                                 rng_for(seed, "b", "counterfactual"), absent)
        assert swapped is None
    assert counterfactual("What is e-government?", rng_for(1, "c", "counterfactual"),
                          absent) is None
    rng = rng_for(3, "d", "counterfactual")
    assert counterfactual(QUESTION, rng, absent) == counterfactual(
        QUESTION, rng_for(3, "d", "counterfactual"), absent)


def test_a_question_naming_its_country_as_owner_is_joined_after_one_on_that_country() -> None:
    from assistant.evals.perturb_joined import owned, owner_pairs

    assert owned(QUESTION) == ("Malaysia", "What was its EGDI score in the 2020 survey?")
    assert owned("What challenges did Malaysia present?") is None  # not an owner
    assert owned("Is Malaysia's EGDI above Turkey's?") is None  # two countries
    items = [item("score"), item("talks", "What challenges did Malaysia present?"),
             item("other", "What challenges did Egypt present?")]
    [(first, second, question)] = owner_pairs(items, 3)
    assert (first.id, second.id) == ("talks", "score")
    assert question == ("What challenges did Malaysia present, and what was its EGDI score "
                        "in the 2020 survey?")


def test_a_counterfactual_is_typed_as_swapped_and_in_lower_case_each_a_negative() -> None:
    absent = Absent.of(CORPUS)
    asked: list[str] = []

    class Runner:
        def answer(self, item: GoldenItem, question: str, history: object) -> SimpleNamespace:
            asked.append(question)
            return SimpleNamespace(answer="an answer", abstained=False, citations=[])

    base: dict = {}
    found = counterfactuals(Runner(), item("a"), absent, list(COUNTERFACTUALS), 15, base)
    swapped = counterfactual(QUESTION, rng_for(15, "a", "counterfactual"), absent)
    assert swapped is not None and swapped != swapped.lower()
    # The same swap both ways, after the question as written (what they are compared with).
    assert asked == [QUESTION, swapped, swapped.lower()]
    assert [(name, o.question, o.answerable, o.passed) for name, o in found] == [
        ("counterfactual", swapped, False, False),
        ("counterfactual-lower", swapped.lower(), False, False)]
    assert counterfactuals(Runner(), item("e", "What is e-government?"), absent,
                           list(COUNTERFACTUALS), 15, base) == []
