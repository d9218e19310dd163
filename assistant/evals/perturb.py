"""Wording robustness: each development question asked again as users type it.

    python -m assistant.evals.perturb [--set NAME]... [--index DIR] [--work DIR]
                                      [--sample N] [--seed S] [--json] [--show NAME]

Every answerable and negative item of the development sets (golden-dev, wording-dev,
golden-fresh by default; ``outside`` with ``--work`` holding its index) is asked once as
written and once per perturbation, each seeded by the item's id so a run is repeatable:

- ``lower``: all lower case;
- ``no-mark``: without its final question mark;
- ``prefix`` / ``suffix``: chatter about the asker before or after it;
- ``typo``: one adjacent-letter swap, dropped or doubled letter in one content word of 5+
  letters;
- ``imperative``: "what is X?" turned into "tell me X" (any question: an opener before it);
- ``fragment``: "what is X?" cut to "X?" (only questions that open so);
- ``hurried``: a typo, lower case, no question mark and a chatter suffix at once;
- ``context``: the asker's context as a clause before it ("as I'm preparing a note for my
  minister, what ...?");
- ``topic-first``: "what was X?" typed as "X - what was it?";
- ``code``: the one country a question names, by its name, named by its ISO alpha-3 code
  instead ("Estonia's EGDI" -> "EST's EGDI"), as users of tables keyed by codes do;
- ``joined``: two single-turn answerable questions joined with " and also ", scored on
  both items' facts;
- ``joined-owner``: a question on one country, then ", and" one naming the same country as
  an owner with "its" in its place ("..., and what is its EGDI?"), scored on both items'
  facts (``assistant.evals.perturb_joined``);
- ``follow-up`` / ``follow-up-new``: a question naming one country asked as a second turn,
  pointing back at the country the first named, or as written after another country
  (``assistant.evals.perturb_turns``).
- ``counterfactual``: a single-turn answerable question made one the documents cannot
  answer by swapping one thing its answer depends on (a country, a year, a named index or
  a figure's measure) for one the corpus's text never mentions; scored as a negative.
- ``counterfactual-lower``: that same question typed all in lower case, as a hurried asker
  types it (a country, an acronym or an index no longer told by its capitals); scored as a
  negative.

The chatter and openers are words of ``evals/perturbations.json``, about askers in
general, not the assistant's data. Each perturbed answer is scored like the eval scores
the item (``assistant.evals.scoring``, against the item's own question so the facts scored
do not move), and the table gives per perturbation: key facts and citation precision as
written -> perturbed, false declines, items that flip from pass to fail and back, and
negatives answered. A pass is every key fact and no decline (answerable) or a decline
(negative). It measures; it is not a test with a floor.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from statistics import fmean
from typing import Any

from assistant.evals.items import GoldenItem
from assistant.evals.perturb_joined import JOINED, JOINED_OWNER, joined, owner_pairs, pairs
from assistant.evals.perturb_joined import bare as _bare
from assistant.evals.run import EVALS_DIR

WORDS_FILE = EVALS_DIR / "perturbations.json"
DEFAULT_SETS = ("golden-dev", "wording-dev", "golden-fresh")
Perturb = Callable[[str, random.Random], str | None]


@cache
def words() -> dict[str, Any]:
    return json.loads(WORDS_FILE.read_text(encoding="utf-8"))



def _opener(question: str) -> str | None:
    """The question opener ("what is", "can you tell me") the question starts with."""
    lowered = question.lower()
    for opener in sorted(words()["question_openers"], key=len, reverse=True):
        if re.match(re.escape(opener) + r"\b", lowered):
            return question[: len(opener)]
    return None


def lower(question: str, rng: random.Random) -> str | None:
    return question.lower() if question != question.lower() else None


def no_mark(question: str, rng: random.Random) -> str | None:
    return _bare(question) if question.rstrip().endswith("?") else None


def prefix(question: str, rng: random.Random) -> str | None:
    return f"{rng.choice(words()['chatter_prefixes'])} {question}"


def suffix(question: str, rng: random.Random) -> str | None:
    return f"{question.rstrip()} {rng.choice(words()['chatter_suffixes'])}"


def typo(question: str, rng: random.Random) -> str | None:
    """One slip of the fingers in one content word of five letters or more: two adjacent
    letters swapped, one dropped or one doubled (never the first letter, which people
    rarely miss). Acronyms are left alone."""
    function_words = set(words()["function_words"])
    candidates = [
        m for m in re.finditer(r"\b[A-Za-z][a-z]{4,}\b", question)
        if m.group().lower() not in function_words
    ]
    if not candidates:
        return None
    match = rng.choice(candidates)
    word = match.group()
    slip = rng.choice(("swap", "drop", "double"))
    if slip == "swap":
        spots = [i for i in range(1, len(word) - 1) if word[i] != word[i + 1]]
        if not spots:
            slip = "drop"
        else:
            i = rng.choice(spots)
            word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if slip != "swap":
        i = rng.randrange(1, len(word))
        word = word[:i] + word[i + 1:] if slip == "drop" else word[:i] + word[i] + word[i:]
    return question[: match.start()] + word + question[match.end():]


def imperative(question: str, rng: random.Random) -> str | None:
    """"What is X?" -> "tell me X"; any other question keeps its words after an opener
    ("how many ...?" -> "tell me how many ..."). A request already is one: left out."""
    if not question.rstrip().endswith("?"):
        return None
    opener = _opener(question)
    if opener:
        rest = _bare(question[len(opener):]).strip(" ,")
        return f"{rng.choice(words()['imperative_openers'])} {rest}"
    first, _, rest = _bare(question).partition(" ")
    joiner = "tell me if" if first.lower() in words()["yes_no_openers"] else "tell me " + first.lower()
    return f"{joiner} {rest}"


def fragment(question: str, rng: random.Random) -> str | None:
    """"What is X?" -> "X?": only questions that start with an opener."""
    opener = _opener(question)
    if not opener:
        return None
    rest = _bare(question[len(opener):]).strip(" ,")
    return f"{rest}?" if rest else None


def hurried(question: str, rng: random.Random) -> str | None:
    """Several at once, as a hurried asker types: one slip, all in lower case, no question
    mark, and chatter after it."""
    slipped = typo(question, rng) or question
    return suffix(_bare(slipped).lower(), rng)


def context(question: str, rng: random.Random) -> str | None:
    """The asker's context in a clause before the question: "as I'm preparing a note for my
    minister, what was ...?" (a question word or the verb it opens with lower-cased after
    the comma; a name keeps its capital)."""
    first = question.split(" ", 1)[0].lower()
    opens = first in words()["asking_words"] or first in words()["yes_no_openers"] or (
        _opener(question) is not None)
    asked = question[0].lower() + question[1:] if opens else question
    clause = rng.choice(words()["context_clauses"])
    return f"{clause[0].upper()}{clause[1:]}, {asked}"


def topic_first(question: str, rng: random.Random) -> str | None:
    """"What was X?" -> "X - what was it?": the thing asked typed first, the question after
    a dash (only "what is/are/was/were" questions; "they" for a plural verb)."""
    match = re.match(r"(what)\s+(is|are|was|were)\s+(.+?)\s*\?*\s*$", question, re.IGNORECASE)
    if not match or not match.group(3):
        return None
    verb = match.group(2).lower()
    pronoun = "they" if verb in ("are", "were") else "it"
    return f"{match.group(3)} - what {verb} {pronoun}?"


def code(question: str, rng: random.Random) -> str | None:
    """The one country the question names written as its ISO alpha-3 code ("Estonia's
    EGDI" -> "EST's EGDI"); None when it names none or several, or names its one by a
    demonym ("Egyptian officials"), which no code stands for."""
    from assistant.countries import canonical, mentions
    from assistant.country_data import COUNTRIES

    found = list(mentions(question))
    if len({name for _, _, name in found}) != 1:
        return None
    start, end, name = found[0]
    country = next(c for c in COUNTRIES if c.name == name)
    said = canonical(question[start:end])
    if said != name or question[start:end].lower() in {d.lower() for d in country.demonyms}:
        return None
    article = re.search(r"(?i)\bthe\s+$", question[:start])  # "the Philippines" -> "PHL"
    start = article.start() if article else start
    return question[:start] + country.alpha_3 + question[end:]


PERTURBATIONS: dict[str, Perturb] = {
    "lower": lower, "no-mark": no_mark, "prefix": prefix, "suffix": suffix, "typo": typo,
    "imperative": imperative, "fragment": fragment, "hurried": hurried, "context": context,
    "topic-first": topic_first, "code": code,
}

COUNTERFACTUAL = "counterfactual"
# Ways a counterfactual question is typed, each scored as a negative: as swapped, and all
# in lower case (what capitals tell apart is then read from the words alone).
COUNTERFACTUALS: dict[str, Callable[[str], str]] = {
    COUNTERFACTUAL: lambda question: question,
    "counterfactual-lower": str.lower,
}
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A year bounding a period ("2003-2007", "(87-2002)", "since 2018") or citing a work
# ("Joshi and Islam (1996)"): another one asks much the same. The first year of a span is
# matched up to the dash only, so the second one ("2010-2021") is matched as bounded too.
_BOUND_YEAR = re.compile(r"(?:(?<=\d)\s*[-–~]\s*|\(|\b(?:since|until|before|after|up to)\s+)"
                         r"(?:19|20)\d\d\b|\b(?:19|20)\d\d(?=\s*[-–~)])", re.IGNORECASE)


def _spaced_words(text: str) -> str:
    """Folded text as its words between single spaces, padded: " a b " holds " b "."""
    from assistant.text import folded

    return " " + " ".join(re.findall(r"[a-z0-9]+", folded(text))) + " "


@dataclass(frozen=True)
class Absent:
    """What a corpus never mentions, to swap into a question: country names, years,
    index names and measures (the last two from evals/perturbations.json)."""

    countries: tuple[str, ...]
    years: tuple[str, ...]
    indices: tuple[str, ...]
    measures: tuple[str, ...]

    @classmethod
    def of(cls, corpus_text: str) -> Absent:
        from assistant.country_data import COUNTRIES

        spaced = _spaced_words(corpus_text)

        def absent(*names: str) -> bool:
            return not any(_spaced_words(n) in spaced for n in names)

        present_years = set(_YEAR.findall(corpus_text))
        return cls(
            countries=tuple(c.name for c in COUNTRIES if absent(c.name, *c.variants, *c.demonyms)),
            years=tuple(str(y) for y in range(1950, 2041) if str(y) not in present_years),
            indices=tuple(n for n in words()["absent_indices"] if absent(n)),
            measures=tuple(m for m in words()["absent_measures"] if absent(m)),
        )


def _swaps(question: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each thing in the question a counterfactual may swap."""
    from assistant.countries import find_countries
    from assistant.knowledge import index_mentions

    found = []
    for name in find_countries(question):
        m = re.search(rf"\b{re.escape(name)}\b", question)
        if m:  # named by a variant or demonym: left alone, a swap would not read right
            found.append(("country", m.start(), m.end()))
    bounds = [m.span() for m in _BOUND_YEAR.finditer(question)]
    found += [("year", m.start(), m.end()) for m in _YEAR.finditer(question)
              if not any(a <= m.start() < b for a, b in bounds)]
    found += [("index", m.start(), m.end()) for m, _ in index_mentions(question)]
    measures = sorted(words()["question_measures"], key=len, reverse=True)
    pattern = r"\b(?:" + "|".join(map(re.escape, measures)) + r")\b"
    found += [("measure", m.start(), m.end())
              for m in re.finditer(pattern, question, re.IGNORECASE)]
    return found


def _asks_two(question: str) -> bool:
    """Whether a question asks a second thing after a joint ("..., and what is planned?",
    "X 2020 - which strategy ...")."""
    asking = "|".join(map(re.escape, [*words()["asking_words"], *words()["yes_no_openers"]]))
    return re.search(rf"\S\s*(?:\band\b|,|;|\s-\s)\s*(?:{asking})\b", question,
                     re.IGNORECASE) is not None


def counterfactual(question: str, rng: random.Random, absent: Absent) -> str | None:
    """One country, year, named index or measure of the question swapped for one the
    corpus never mentions: "Kenya's EGDI in 2022" -> "Tuvalu's EGDI in 2022" when no
    document names Tuvalu. None when the question has nothing to swap."""
    pools = {"country": absent.countries, "year": absent.years, "index": absent.indices,
             "measure": absent.measures}
    if _asks_two(question):
        return None  # with one part swapped, the other still has an answer
    found = _swaps(question)
    kinds = [kind for kind, _, _ in found]
    # A kind named twice ("Compare Kenya and Ghana", "2018 and 2020") is left alone: with
    # one of two swapped, half the question still has an answer.
    swaps = [s for s in found if pools[s[0]] and kinds.count(s[0]) == 1]
    if not swaps:
        return None
    kind, start, end = rng.choice(swaps)
    return question[:start] + rng.choice(pools[kind]) + question[end:]


def rng_for(seed: int, item_id: str, name: str) -> random.Random:
    return random.Random(f"{seed}:{item_id}:{name}")


# ---- scoring ------------------------------------------------------------------------------
@dataclass
class Outcome:
    """One item asked one way."""

    id: str
    perturbation: str
    question: str
    answerable: bool
    declined: bool
    coverage: float | None
    precision: float | None
    passed: bool
    answer: str = field(default="", repr=False)


def score(items: Sequence[GoldenItem], question: str, perturbation: str, answer: Any) -> Outcome:
    """``answer`` scored on every item's facts (one item, or both halves of a join): key
    facts the mean, a citation precise when it is for any of the items."""
    from assistant import metrics

    first = items[0]
    declined = bool(answer.abstained)
    if not first.answerable:
        return Outcome(first.id, perturbation, question, False, declined, None, None, declined,
                       answer.answer)
    if declined:
        return Outcome("+".join(i.id for i in items), perturbation, question, True, True, 0.0,
                       None, False, answer.answer)
    covers = [metrics.key_fact_coverage(answer.answer, i.facts, i.question) for i in items]
    cites = answer.citations
    precise = [
        max(metrics.citation_precision([c], i.source, i.pages, i.facts, answer.answer)
            for i in items)
        for c in cites
    ]
    return Outcome(
        "+".join(i.id for i in items), perturbation, question, True, False, fmean(covers),
        fmean(precise) if precise else 1.0, all(c >= 1.0 for c in covers), answer.answer,
    )


def summarize(base: dict[str, Outcome], runs: Sequence[Outcome]) -> dict[str, Any]:
    """One perturbation's figures: as written -> perturbed, on the items it applies to."""
    def mean(values: list[float | None]) -> float | None:
        present = [v for v in values if v is not None]
        return round(fmean(present), 4) if present else None

    answerable = [o for o in runs if o.answerable]
    negatives = [o for o in runs if not o.answerable]
    before = [base[o.id] for o in runs]
    return {
        "items": len(runs),
        "kf": [mean([b.coverage for b in before if b.answerable]),
               mean([o.coverage for o in answerable])],
        "precision": [mean([b.precision for b in before if b.answerable]),
                      mean([o.precision for o in answerable])],
        "false_declines": [sum(b.declined for b in before if b.answerable),
                           sum(o.declined for o in answerable)],
        "answerable": len(answerable),
        "pass_to_fail": sorted(o.id for o, b in zip(runs, before, strict=True)
                               if b.passed and not o.passed),
        "fail_to_pass": sorted(o.id for o, b in zip(runs, before, strict=True)
                               if o.passed and not b.passed),
        "negatives_answered": [sum(not b.declined for b in before if not b.answerable),
                               sum(not o.declined for o in negatives)],
        "negatives": len(negatives),
    }


# ---- running ------------------------------------------------------------------------------
def corpus_text(assistant: Any) -> str:
    """Every passage's text of the assistant's index, for what it never mentions."""
    from assistant.store import ChromaStore

    return "\n".join(chunk.text for chunk in ChromaStore(assistant.settings).iter_chunks())


def ask(runner: Any, item: GoldenItem, question: str) -> Any:
    """``question`` asked in place of the item's, after the item's history as written."""
    history: list[Any] = []
    for earlier in item.history:
        history.append(runner.answer(item, earlier, history))
    return runner.answer(item, question, history)


def as_written(runner: Any, item: GoldenItem, base: dict[str, Outcome]) -> None:
    """The item asked as written, once: what its perturbations are compared with."""
    if item.id not in base:
        base[item.id] = score([item], item.question, "as written", ask(runner, item, item.question))


def counterfactuals(runner: Any, item: GoldenItem, absent: Absent, typed: Sequence[str],
                    seed: int, base: dict[str, Outcome]) -> list[tuple[str, Outcome]]:
    """The item's one counterfactual question typed each way named in ``typed`` (as swapped,
    in lower case: the same swap), each scored as a negative; none when nothing swaps."""
    swapped = counterfactual(item.question, rng_for(seed, item.id, COUNTERFACTUAL), absent)
    if swapped is None:
        return []
    as_written(runner, item, base)  # what ``--only counterfactual`` compares with
    asked = [(name, COUNTERFACTUALS[name](swapped)) for name in typed]
    return [(name, score([replace(item, answerable=False)], question, name,
                         runner.answer(item, question, []))) for name, question in asked]


def run(set_names: Sequence[str], index: Path | None, work: Path | None, seed: int,
        sample: int | None, only: Sequence[str] = (), skip: Sequence[str] = ()
        ) -> dict[str, Any]:
    from assistant.evals.items import load_set
    from assistant.evals.perturb_turns import TWO_TURNS
    from assistant.evals.run import CONFIGS, DEFAULT_CONFIG, Runner, set_assistant
    from assistant.evals.sets import SETS
    from assistant.pipeline import PolicyAssistant
    from assistant.settings import get_settings

    bundled = PolicyAssistant(get_settings(index_dir=index))
    names = list(only) or [*PERTURBATIONS, JOINED, JOINED_OWNER, *TWO_TURNS, *COUNTERFACTUALS]
    outcomes: dict[str, list[Outcome]] = {n: [] for n in names}
    base: dict[str, Outcome] = {}
    for set_name in set_names:
        question_set = SETS[set_name]
        if question_set.role != "development":
            raise SystemExit(f"{set_name} is held out: perturbing it would read its items")
        items = [i for i in load_set(question_set) if not i.id.startswith(tuple(skip))]
        pool = items
        if sample and sample < len(items):
            items = sorted(random.Random(seed).sample(items, sample), key=lambda i: i.id)
        assistant = bundled if question_set.bundled else set_assistant(
            question_set, bundled, work or EVALS_DIR / ".work")
        runner = Runner(CONFIGS[DEFAULT_CONFIG], assistant, None)

        typed = [n for n in names if n in COUNTERFACTUALS]
        absent = Absent.of(corpus_text(assistant)) if typed else None
        for item in items:
            if JOINED in names or JOINED_OWNER in names:
                as_written(runner, item, base)
            if absent and item.answerable and not item.history:
                for name, outcome in counterfactuals(runner, item, absent, typed, seed, base):
                    outcomes[name].append(outcome)
            for name in (n for n in names if n in PERTURBATIONS):
                question = PERTURBATIONS[name](item.question, rng_for(seed, item.id, name))
                if question is not None and question != item.question:
                    # Asked as written only where a perturbation applies ("code": one
                    # country named), what it is compared with.
                    as_written(runner, item, base)
                    outcomes[name].append(score([item], question, name, ask(runner, item, question)))
        for name in (n for n in names if n in TWO_TURNS):
            for item in items:
                turns = TWO_TURNS[name](item, pool, rng_for(seed, item.id, name))
                if turns:
                    as_written(runner, item, base)
                    first = runner.answer(item, turns[0], [])
                    answer = runner.answer(item, turns[1], [first])
                    outcomes[name].append(score([item], " || ".join(turns), name, answer))
        joints = {
            JOINED: [(a, b, joined(a.question, b.question)) for a, b in pairs(items, seed)],
            JOINED_OWNER: owner_pairs(items, seed),
        }
        for name in (n for n in names if n in joints):
            for first, second, question in joints[name]:
                key = f"{first.id}+{second.id}"
                base[key] = replace(base[first.id], id=key, passed=base[first.id].passed
                                    and base[second.id].passed,
                                    coverage=fmean([base[first.id].coverage or 0.0,
                                                    base[second.id].coverage or 0.0]))
                answer = runner.answer(first, question, [])
                outcomes[name].append(score([first, second], question, name, answer))
    return {
        "sets": list(set_names), "seed": seed, "sample": sample,
        "items": sum(1 for k in base if "+" not in k),
        "perturbations": {n: summarize(base, runs) for n, runs in outcomes.items()},
        "outcomes": [o.__dict__ for runs in outcomes.values() for o in runs],
        "base": [o.__dict__ for o in base.values()],
    }


def print_table(results: dict[str, Any]) -> None:
    print(f"{results['items']} items of {', '.join(results['sets'])} (seed {results['seed']})")
    print(f"{'perturbation':<20}{'n':>5}  {'kf':>13}  {'precision':>13}  {'false declines':>15}"
          f"  {'pass>fail':>9}  {'fail>pass':>9}  {'neg answered':>12}")
    for name, s in results["perturbations"].items():
        def pair(values: list[Any], digits: int = 3) -> str:
            return " -> ".join("-" if v is None else f"{v:.{digits}f}" for v in values)
        print(f"{name:<20}{s['items']:>5}  {pair(s['kf']):>13}  {pair(s['precision']):>13}  "
              f"{' -> '.join(map(str, s['false_declines'])) + ' /' + str(s['answerable']):>15}  "
              f"{len(s['pass_to_fail']):>9}  {len(s['fail_to_pass']):>9}  "
              f"{' -> '.join(map(str, s['negatives_answered'])) + ' /' + str(s['negatives']):>12}")


def show(results: dict[str, Any], name: str) -> None:
    """The items one perturbation flipped from pass to fail, with the question as asked."""
    flipped = set(results["perturbations"][name]["pass_to_fail"])
    for o in results["outcomes"]:
        if o["perturbation"] == name and o["id"] in flipped:
            state = "declined" if o["declined"] else f"kf {o['coverage']}"
            print(f"- {o['id']} [{state}] {o['question']!r}\n    {o['answer'][:300]!r}")


def main(argv: list[str] | None = None) -> int:
    from assistant.evals.perturb_turns import TWO_TURNS

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", dest="sets", action="append",
                        help=f"development set to perturb (repeatable) [{', '.join(DEFAULT_SETS)}]")
    parser.add_argument("--index", type=Path, help="index of the bundled corpus")
    parser.add_argument("--work", type=Path, help="folder holding <set>-index of other corpora")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--sample", type=int, help="items per set, a seeded sample")
    parser.add_argument("--only", action="append", default=[],
                        choices=[*PERTURBATIONS, JOINED, JOINED_OWNER, *TWO_TURNS,
                                 *COUNTERFACTUALS],
                        help="run only this perturbation")
    parser.add_argument("--skip", action="append", default=[],
                        help="leave out items whose id starts so (a blind batch)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--show", action="append", default=[],
                        help="list the items this perturbation flipped to failing")
    args = parser.parse_args(argv)
    started = time.monotonic()
    results = run(args.sets or DEFAULT_SETS, args.index, args.work, args.seed, args.sample,
                  args.only, args.skip)
    results["seconds"] = round(time.monotonic() - started, 1)
    if args.json:
        print(json.dumps(results))
        return 0
    print_table(results)
    for name in args.show:
        print(f"\n{name}: pass -> fail")
        show(results, name)
    print(f"{results['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
