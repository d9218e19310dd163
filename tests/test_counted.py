from __future__ import annotations

from stage_fixtures import chunk

from assistant.counted import one_per_thing, things_counted
from assistant.evidence import units

WORKPLAN = "How many national roadmaps, technical training modules and e-government services?"


def test_each_plural_noun_joined_to_the_first_counted_is_a_thing_counted() -> None:
    assert things_counted(WORKPLAN) == [frozenset({"nation", "roadmap"}),
                                        frozenset({"technic", "train", "modul"}),
                                        frozenset({"govern", "servic"})]
    # An asking word ends the things counted: the rest asks something else.
    assert things_counted("how many countries, and which scored best?") == [
        frozenset({"countri"})]
    assert things_counted("what is the score?") == []


def test_a_count_of_several_things_quotes_one_passage_per_thing() -> None:
    modules, concept, roadmaps, services = units(chunk(
        "Development of 3 Technical Training Modules.\nConcept for 3 Technical Training "
        "Modules.\nDevelopment of 3 National Roadmaps.\nIdentification of 5 e-Government "
        "Services."))
    # The second quote of the modules adds no thing; each other counts one more.
    assert one_per_thing(WORKPLAN, [modules, concept, roadmaps, services]) == [
        modules, roadmaps, services]
    # One thing counted: the figure answer's own choice stands.
    assert one_per_thing("How many national roadmaps?", [roadmaps, modules]) == []


def test_a_span_of_labels_in_words_counts_nothing_asked() -> None:
    from assistant.counted import without_other_counts
    from assistant.understand import parse_question

    # "Sections Two through Five" labels sections, "142 questions" counts questions: neither
    # says how many researchers; "12 researchers" does.
    q = parse_question("how many researchers worked on the survey?")
    kept = without_other_counts(q, "Answer the 142 questions in Sections Two through Five of "
                                   "the questionnaire; 12 researchers did.")
    assert "Two" not in kept and "Five" not in kept and "142" not in kept
    assert "12 researchers" in kept
