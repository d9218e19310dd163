"""The question's terms as the index spells them: slips corrected, words of the language kept
unless the index's word means the same."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.chunktable import ChunkTable
from assistant.spelling import spelled
from assistant.termweights import TermWeights
from assistant.understand import parse_question

INDEXED = {"plan": 5, "smart": 3, "govern": 40, "word": 2, "organiz": 4, "asia": 6}


def weights() -> TermWeights:
    return TermWeights(lambda t: INDEXED.get(t, 0), 100,
                       lambda p: max((t for t in INDEXED if t.startswith(p)), default=None,
                                     key=INDEXED.__getitem__),
                       lambda p: [t for t in INDEXED if t.startswith(p)])


def embed(texts: list[str]) -> np.ndarray:
    """Words of one meaning share a vector; any other two are orthogonal."""
    meaning = {"asian": 0, "asia": 0}
    vectors = np.zeros((len(texts), 8), dtype=np.float32)
    for row, text in enumerate(texts):
        vectors[row, meaning.get(text, 1 + row)] = 1.0
    return vectors


def topic(text: str, language: frozenset[str] = frozenset()) -> tuple[str, ...]:
    return spelled(parse_question(text), weights(), embed, language).topic


def test_a_slip_is_read_as_the_indexed_word() -> None:
    assert "govern" in topic("smart goverment")


def test_a_word_of_the_language_is_no_slip_unless_it_means_the_same() -> None:
    # "plain" is a word, not a mistyped "plan": the answer must not be about a plan.
    assert "plan" not in topic("smart government in plain words", frozenset({"plain"}))
    assert "plan" in topic("smart government in plain words")  # not known to be a word
    assert "asia" in topic("asian smart government", frozenset({"asian"}))


def test_a_british_spelling_is_read_as_the_documents_print_it() -> None:
    assert "organiz" in topic("who were the organisers", frozenset({"organisers"}))


def test_a_word_of_a_synonym_group_is_not_corrected_to_a_close_spelling() -> None:
    from stage_fixtures import chunk

    table = ChunkTable.build([chunk("Moderator: Ms. Y. Taxes were charged on government.")])
    chaired = spelled(parse_question("who chaired the goverment session?"),
                      TermWeights.of(table), embed, frozenset({"chaired"}))
    assert "chair" in chaired.topic and "charg" not in chaired.topic  # "moderator" says it
    assert "govern" in chaired.topic  # a slip outside any group is still corrected


def test_what_a_figure_counts_is_read_as_the_documents_spell_it() -> None:
    q = spelled(parse_question("how many asian countries made the top 20?"), weights(), embed,
                frozenset({"asian"}))
    assert "asia" in q.measure  # "3 of the top 20 are from Asia" names it


def test_a_name_the_documents_never_print_is_read_as_they_spell_it() -> None:
    # A figure must name what the question names: "Asian" is found as the documents' "Asia".
    q = spelled(parse_question("How many top 20 leaders were Asian?"), weights(), embed,
                frozenset({"asian"}))
    assert q.names == ("asia",)
    kept = spelled(parse_question("How many top 20 leaders were Plan members?"), weights(),
                   embed, frozenset())
    assert kept.names == ("Plan",)  # a name the index prints stays as typed


def test_a_compound_the_documents_never_print_counts_once() -> None:
    q = spelled(parse_question("any case studies of front-runner governments?"), weights(),
                embed, frozenset())
    assert ("front", "runner") in q.alternatives
    # a compound whose parts the documents print is asked word by word
    assert not any("smart" in g for g in spelled(parse_question("smart-government plans"),
                                                  weights(), embed, frozenset()).alternatives)


def test_the_words_of_an_unknown_index_are_read_as_the_documents_spell_them() -> None:
    # They are demanded of a passage: a slip in one would decline every passage.
    q = spelled(parse_question("what was the goverment smart index in 2012"), weights(), embed,
                frozenset())
    assert q.index_words == ("govern", "smart")


def test_a_country_typed_clipped_is_a_country_asked_a_slip_read_as_one_is_not() -> None:
    indexed = {"kazakhstan": 3, "capit": 2, "peru": 1}
    known = TermWeights(lambda t: indexed.get(t, 0), 100,
                        lambda p: next((t for t in indexed if t.startswith(p)), None),
                        lambda p: [t for t in indexed if t.startswith(p)])
    clipped = spelled(parse_question("what capital does the index list for kaz?"), known,
                      embed, frozenset())
    assert "kazakhstan" in clipped.topic and clipped.countries == ("Kazakhstan",)
    # "pentru" is one letter from "peru", a slip, not a clipped word: no country.
    slipped = spelled(parse_question("ce criterii pot folosi echipele pentru servicii"), known,
                      embed, frozenset())
    assert slipped.countries == ()


def test_a_slip_is_read_as_the_word_before_the_question_is() -> None:
    from assistant.spelling import corrected

    language = frozenset({"what", "wants", "was", "index", "service", "score", "development",
                          "online", "local", "tehran", "government", "smart", "plan"})
    known = TermWeights(lambda t: {"servic": 3, "develop": 9, "want": 1, "egdi": 4}.get(t, 0),
                        100)
    # The index's name is then found: "local online service index" is LOSI.
    assert corrected("what was tehran's local online servce index score", known, language) == (
        "what was tehran's local online service index score")
    assert corrected("Devlopment index", known, language) == "Development index"
    # Another letter in place of one is more often another word than a slip.
    assert corrected("whats the smart plan", known, language) == "whats the smart plan"
    assert corrected("what is the EGDI smart plan", known, language) == (
        "what is the EGDI smart plan")  # a word the documents use is no slip
    # A question in another language has no slips in this one.
    french = "le niveau vient-il forcément après le niveau servce"
    assert corrected(french, known, language) == french


def test_slips_users_make_are_read_as_the_word() -> None:
    from assistant.spelling import corrected

    language = frozenset({"what", "was", "the", "score", "service", "going", "actually",
                          "parts", "pirates", "class", "closes", "delegation", "grades", "page",
                          "forward", "country", "which", "named", "literacy"})
    known = TermWeights(lambda t: {"score": 5, "servic": 3, "go": 2, "part": 2, "class": 1,
                                   "delegat": 4, "egypt": 6, "literaci": 2}.get(t, 0), 100)
    # A letter doubled, and a word the documents never use ("actually"): read as the word,
    # so that the slip does not count as a term no passage holds.
    assert corrected("what was actully gooing forward in the service score", known,
                     language) == "what was actually going forward in the service score"
    # The nearest slip, not the one with more letters in common.
    assert corrected("which prats of the country", known, language) == (
        "which parts of the country")
    # A plural the model's vocabulary lacks is its singular's slip, plural again.
    assert corrected("which deegations named literacy", known, language) == (
        "which delegations named literacy")
    # A four-letter slip only when one longer word is left with a letter dropped.
    assert corrected("what was the clss score", known, language) == "what was the class score"
    # Of several such words, the one the documents use.
    assert corrected("what was the service scre", known, language | {"screw", "scare"}) == (
        "what was the service score")
    # A slip whose stem the documents use is mended too: what it names is read from it.
    stems = TermWeights(lambda t: {"score": 5, "popul": 3}.get(t, 0), 100)
    assert corrected("what was the service scoree", stems, language | {"population"}) == (
        "what was the service score")
    assert corrected("what was the popullation score", stems, language | {"population"}) == (
        "what was the population score")
    # A slipped country is typed as the country's name.
    assert corrected("what was the kroea score", known, language) == "what was the Korea score"
    # So is a name of several words with a slip in one, which is then no other word's slip.
    assert corrected("what was the sudi arabia score", known, language) == (
        "what was the Saudi Arabia score")
    # A short word the documents never use is the asker's ("grads"), not a slip; a letter
    # added that doubles none is another form of a word ("pager").
    assert corrected("what was the grads score", known, language) == "what was the grads score"
    assert corrected("what was the pager score", known, language) == "what was the pager score"
    # Two letters swapped in a short word the documents never use are a slip, never a
    # clipped word: "toatl" asks no term of its own.
    assert corrected("what was the toatl score", known, language | {"total"}) == (
        "what was the total score")
    # A verb's "s" on a word the vocabulary holds only in another form is no slip of that
    # form ("characterizes" is not "characterized" plus "s").
    verbs = language | {"characterized"}
    assert corrected("what characterizes the score", known, verbs) == (
        "what characterizes the score")


def test_a_doubled_letter_is_a_slip_though_the_documents_print_its_stem() -> None:
    from assistant.spelling import corrected

    language = frozenset({"what", "are", "the", "roles", "lagos", "which", "pair"})
    # "rolles" stems to "roll", printed once ("rolled out"); "roles" far more.
    known = TermWeights(lambda t: {"roll": 1, "role": 9, "lag": 1, "lago": 9}.get(t, 0), 100)
    assert corrected("what are the rolles", known, language) == "what are the roles"
    # A letter fewer than a word printed more, or two swapped, is another word.
    assert corrected("which pair lags", known, language) == "which pair lags"
    french = TermWeights(lambda t: {"combien": 1, "combin": 9}.get(t, 0), 100)
    assert corrected("combien de pair", french, language | {"combine"}) == "combien de pair"


@pytest.mark.parametrize(("typed", "term"), [
    ("upnog", "unpog"),  # two letters swapped after the first
    ("cvoid", "covid"),
    ("feelancing", "freelanc"),  # a letter dropped
    ("smarrt", "smart"),  # a letter doubled
    ("vndalised", "vandal"),  # and a British spelling
    ("asia", None),  # a word the documents use
    ("ocvid", None),  # the first letter, which people rarely miss
    ("covad", None),  # another letter in place of one is another word
    ("cvod", None),  # too short to tell
])
def test_a_slip_the_language_lacks_is_read_as_the_indexed_word_one_slip_away(
        typed: str, term: str | None) -> None:
    # The stem of "upnog" shares one letter with "unpog", too few for a close spelling: a
    # slip in an acronym or a name would sink every passage's support.
    from assistant.spelling import indexed_slip

    indexed = TermWeights(lambda t: {"unpog": 2, "covid": 5, "freelanc": 1, "smart": 3,
                                     "vandal": 1, "asia": 6}.get(t, 0), 100)
    assert indexed_slip(typed, indexed) == term


def test_slips_are_found_among_the_words_difflib_could_match_as_among_all_of_them() -> None:
    # Only words whose length can reach the cutoff are offered to difflib: the slips found
    # (and their order, nearest first) are those a search of every word finds, even where
    # more than the 20 closest pass the cutoff.
    import difflib

    from assistant.spelling import _SLIP_CUTOFF, _slip, _slips_of

    stem_words = ["development", "delegation", "government", "participants", "servant"]
    language = frozenset(
        [w for s in stem_words for w in (s, s[:-1], s[:-2], s + "s", s + "al", s[:5], s * 2)]
        + [f"d{'e' * n}legation" for n in range(1, 30)] + ["dev", "delegations"]
        + [f"deeeelegation{letter}" for letter in "abcdefghijklmnopqrstuvwxyz"])
    for typed in ("devlopment", "deegation", "delegtion", "goverment", "prticipants",
                  "servnt", "deeeelegation"):
        everything = sorted(w for w in language if w.startswith(typed[0]))
        expected = [w for w in difflib.get_close_matches(typed, everything, n=20,
                                                         cutoff=_SLIP_CUTOFF)
                    if _slip(typed, w)]
        assert list(_slips_of(typed, language)) == expected, typed
    assert _slips_of("devlopment", language)[0] == "development"


def test_lengths_reach_difflibs_cutoff_as_difflib_bounds_them() -> None:
    import difflib

    from assistant.text import ratio_reachable

    for a in range(1, 25):
        for b in range(1, 25):
            bound = difflib.SequenceMatcher(None, "x" * a, "y" * b).real_quick_ratio()
            for cutoff in (0.8, 0.88):
                assert ratio_reachable(a, b, cutoff) == (bound >= cutoff), (a, b, cutoff)


def test_the_slips_of_a_word_do_not_depend_on_the_order_the_language_is_read_in() -> None:
    # The words of the language are grouped by first letter and length as a set iterates
    # (no sort, ~10 ms a process): difflib ranks what it returns by ratio, then by word.
    import difflib
    import random

    from assistant.spelling import _SLIP_CUTOFF, _slip, _slips_of

    language = frozenset({"participants", "parts", "pirates", "particular", "parties",
                          "partners", "department", "development", "developing", "envelope",
                          "government", "governance", "governments", "presentation"})
    shuffled = sorted(language)
    random.Random(3).shuffle(shuffled)
    for typed in ("prats", "prticipants", "devlopment", "goverment", "presntation", "partis"):
        near = [w for w in shuffled if w[0] == typed[0]]
        expected = tuple(w for w in difflib.get_close_matches(
            typed, sorted(near), n=20, cutoff=_SLIP_CUTOFF) if _slip(typed, w))
        assert _slips_of.__wrapped__(typed, language) == expected


def test_a_word_read_twice_is_weighed_by_meaning_once() -> None:
    # "Asian" is a topic term and a name: its closeness to "asia" is embedded once.
    asked: list[list[str]] = []

    def counting(texts: list[str]) -> np.ndarray:
        asked.append(list(texts))
        return embed(texts)

    q = spelled(parse_question("How many top 20 leaders were Asian?"), weights(), counting,
                frozenset({"asian"}))
    assert q.names == ("asia",) and "asia" in q.topic
    assert asked == [["asian", "asia"]]


def test_a_slip_of_a_word_only_the_documents_print_is_read_as_that_word() -> None:
    from assistant.spelling import corrected

    language = frozenset({"how", "did", "the", "opening", "session", "talk", "about", "copied",
                          "government", "defined", "start", "smart", "what"})
    known = TermWeights(lambda t: {"covid": 5, "cybersecur": 2, "smart": 12, "start": 2,
                                   "govern": 9}.get(t, 0), 100)
    # "covid" is no word of the model's vocabulary, and "copied" is no slip it could be.
    assert corrected("how did the opening session talk about coid", known, language) == (
        "how did the opening session talk about covid")
    assert corrected("what about Cyybersecurity", known, language) == (
        "what about Cybersecurity")
    # A short word one slip from two words the documents print stays as typed.
    assert corrected("how is sart government defined", known, language) == (
        "how is sart government defined")


def test_an_acronym_does_not_make_a_short_question_read_as_another_language() -> None:
    from assistant.spelling import corrected

    language = frozenset({"what", "counts", "credit", "for"})
    known = TermWeights(lambda t: {"credit": 4, "isora": 9, "vat": 3}.get(t, 0), 100)
    # "ISORA" (recased as the documents print it) is no word of the language: the other
    # longer words are, one slip aside.
    assert corrected("what counts as a VAT crdit for ISORA?", known, language) == (
        "what counts as a VAT credit for ISORA?")
    # Typed as a word, it still counts against reading the question as English.
    assert corrected("what counts as a VAT crdit for isora?", known, language) == (
        "what counts as a VAT crdit for isora?")


def test_a_verb_form_the_vocabulary_lacks_is_still_of_the_language() -> None:
    from assistant.spelling import corrected

    language = frozenset({"what", "the", "difference", "between", "duplicate", "services",
                          "overlapping", "limited", "formation", "quelle"})
    known = TermWeights(lambda t: {"reengin": 3, "servic": 4, "limit": 2}.get(t, 0), 100)
    # "duplicated" (its stem a word's of the language) and "reengineering" (printed by the
    # documents) count as English: "diffreence" is then a slip.
    assert corrected("the diffreence between duplicated and reengineering services", known,
                     language) == "the difference between duplicated and reengineering services"
    # French words sharing an English stem do not: the question is not read as English.
    french = "quuelle est la date limite des formations"
    assert corrected(french, known, language) == french


def test_the_stemmer_keeps_no_cache_of_its_own() -> None:
    # ``stem`` caches the stems it is asked for; PyStemmer's own cache, pruned past 10,000
    # words, made stemming the language's words (``_stems``) five times slower.
    from assistant.text import stem, stemmer

    assert stemmer().maxCacheSize == 0
    assert stemmer().stemWords(["organising", "duplicated"]) == [stem("organising"),
                                                                 stem("duplicated")]


def test_a_slip_as_near_two_printed_words_is_either() -> None:
    from assistant.spelling import corrected

    language = frozenset({"what", "are", "the", "four", "states", "stages", "smart", "start"})
    known = TermWeights(lambda t: {"state": 9, "stage": 4, "smart": 12, "start": 2,
                                   "govern": 5}.get(t, 0), 100)
    # In the text, the one the documents print most ...
    assert corrected("what are the four staes", known, language) == "what are the four states"
    # ... and, left as typed, the term asked is found by either: a group of them.
    q = spelled(parse_question("what are the four staes"), known, embed, language)
    assert ("state", "stage") in q.alternatives and "stae" not in q.topic
    q = spelled(parse_question("how is sart government defined"), known, embed, language)
    assert ("smart", "start") in q.alternatives
    # A word of the language is no slip, however near printed ones.
    q = spelled(parse_question("what are the four stares"), known, embed,
                language | {"stares"})
    assert "stare" in q.topic and not any("state" in group for group in q.alternatives)


def test_a_word_of_a_country_name_is_no_slip() -> None:
    """"Leste" is a slip of "least", a word the documents print, when alone; read as
    "Timor-Leaste" the country was lost and another country's passage answered."""
    from assistant.spelling import corrected

    language = frozenset({"where", "does", "want", "assistance", "least"})
    known = TermWeights(lambda t: {"least": 5, "assist": 3}.get(t, 0), 100)
    assert corrected("where does timor-leste want assistance", known, language) == (
        "where does timor-leste want assistance")
    assert corrected("where does leste want assistance", known, language) == (
        "where does leaste want assistance")  # the same word outside a name is one


def test_a_question_read_as_english_keeps_its_slips_though_the_vocabulary_lacks_its_words(
) -> None:
    from assistant.spelling import corrected

    # The model's vocabulary lacks "govstack", "playbook" and "capacty": by its words
    # alone the question would be read as another language's.
    language = frozenset({"how", "does", "the", "define", "capacity", "building", "need",
                          "this", "noon"})
    known = TermWeights(lambda t: {"capac": 3, "build": 4, "govstack": 2}.get(t, 0), 100)
    assert corrected("how does the govstack playbook define capacty building need this by noon",
                     known, language) == (
        "how does the govstack playbook define capacity building need this by noon")
    # Read as French, a question keeps its words however few the vocabulary holds.
    french = "comment le playbook govstack définit-il le renforcement des capacités"
    assert corrected(french, known, language) == french


def test_a_word_of_a_question_in_another_language_is_no_slip() -> None:
    # "repose" (rests) is no clipped "repositories", though the documents print only that;
    # the English question's "repos" is.
    indexed = {"repositori": 5}
    known = TermWeights(lambda t: indexed.get(t, 0), 100,
                        lambda p: next((t for t in indexed if t.startswith(p)), None),
                        lambda p: [t for t in indexed if t.startswith(p)])
    french = spelled(parse_question("Sur quels trois éléments essentiels repose le cycle de "
                                    "gestion des connaissances ?"), known, embed, frozenset())
    assert "repos" in french.topic and "repositori" not in french.topic
    english = spelled(parse_question("where are the repos of the platform kept?"), known,
                      embed, frozenset())
    assert "repositori" in english.topic


def test_a_country_code_typed_clipped_is_its_own_country_not_the_name_it_begins() -> None:
    indexed = {"belizean": 3, "popul": 2}  # "bel" begins the demonym of Belize
    known = TermWeights(lambda t: indexed.get(t, 0), 100,
                        lambda p: next((t for t in indexed if t.startswith(p)), None),
                        lambda p: [t for t in indexed if t.startswith(p)])
    read = spelled(parse_question("bel population in the legal systems index"), known, embed,
                   frozenset())
    assert read.countries == ("Belgium",) and read.names == ()  # read, no name left
