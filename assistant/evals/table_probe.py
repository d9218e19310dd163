"""Table probe: every country row of every parsed table asked for its cells, as users ask.

    python -m assistant.evals.table_probe [--corpus bundled|outside]... [--index DIR]
                                          [--work DIR] [--per-table N] [--seed S]
                                          [--write FILE] [--json]

Each table a parser reads from a corpus (PDF index tables, spreadsheet sheets, slide tables)
whose rows start with a country (by name, variant or ISO code) becomes questions "What is
<country>'s <column header>?", the row's cell under that header the expected fact. The cell
values are read from the files by the parsers and kept only when the page's own text
(``tests/page_text.py``, read without the assistant's parsers) prints them, never from
the assistant's answers. Each question is asked in one of these forms, in turn:

- ``name``: "What is Kenya's Legal System?";
- ``code``: the country by its ISO alpha-3 code, "What is KEN's Legal System?";
- ``demonym``: "What is the Kenyan Legal System?" (countries whose data name a demonym);
- ``lower``: the ``name`` form all in lower case;
- ``year``: "What was Kenya's Legal System in 2022?", the year the table's caption or its
  document names (tables without one get no such question).

The questions are answered by the shipped configuration (``bundled``: the bundled corpus's
index; ``outside``: ``../shared/corpus-real``'s index under ``--work``, the outside set's)
and scored like the eval's items. The table gives the share answered with the cell (every
key fact, no decline) per table and per form. It measures; it is not a test with a floor.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.evals.items import GoldenItem

FORMS = ("name", "code", "demonym", "lower", "year")
CORPORA = ("bundled", "outside")
# A cell longer than this is a description, not a value a question asks for by its column.
_VALUE_CHARS = 60
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# A header's footnote mark ("Senate1") and a unit in brackets ("Population (millions)") are
# not how a user names the column.
_FOOTNOTE = re.compile(r"(?<=[^\W\d_])\d\b")
_UNIT = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class Table:
    """One parsed table: where it is and its rows' cells under their headers."""

    source: str  # path under the corpus folder, as the question sets name files
    page: int
    ordinal: int  # the table's place among its page's tables, from 1
    caption: str
    year: int | None
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def key(self) -> str:
        return f"{Path(self.source).name}#p{self.page}.{self.ordinal}"


@dataclass(frozen=True)
class Probe:
    table: str
    form: str
    item: GoldenItem


def corpus_dir(corpus: str) -> Path:
    from assistant.evals.sets import SETS

    return SETS["golden-dev" if corpus == "bundled" else "outside"].corpus


def tables(folder: Path) -> Iterator[Table]:
    """Every table the parsers read from the folder's files whose header lines up with its
    rows."""
    from assistant.ingest import SUPPORTED_SUFFIXES, ingest_file
    from assistant.settings import get_settings

    settings = get_settings()
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES):
        document = ingest_file(path, settings)
        ordinal: dict[int, int] = defaultdict(int)
        for block in document.blocks:
            if block.kind != "table" or not block.header or not block.rows:
                continue
            header = tuple(h.strip() for h in block.header.split("|"))
            rows = tuple(tuple(v.strip() for v in r.split("|")) for r in block.rows)
            rows = tuple(r for r in rows if len(r) == len(header))
            # A table's caption is its text's first line when that is neither its header
            # nor a row ("Table 1 D-8 Members in the ... Survey 2020").
            first = block.text.split("\n", 1)[0].strip()
            caption = "" if first == block.header.strip() or first in block.rows else first
            year = _table_year(caption, document.meta.year)
            ordinal[block.page] += 1
            yield Table(str(path.relative_to(folder)), block.page, ordinal[block.page], caption,
                        year, header, rows)


def _table_year(caption: str, document_year: int | None) -> int | None:
    """The edition a table's figures are of: the last year its caption names (a caption
    names its edition: "... Survey 2020"), else its document's year."""
    years = _YEAR.findall(caption)
    return int(years[-1]) if years else document_year


def column_name(header: str) -> str:
    """A header as a user names the column: "Population (millions)" -> "Population",
    "Upper House/ Senate1" -> "Upper House/ Senate"."""
    name = unicodedata.normalize("NFKC", header)
    return " ".join(_UNIT.sub("", _FOOTNOTE.sub("", name)).split())


def fact_pattern(value: str) -> str:
    """The cell as a pattern: its words in order, any spacing between them."""
    return r"\s*".join(re.escape(w) for w in value.split()) if len(value.split()) == 1 \
        else r"\s+".join(re.escape(w) for w in value.split())


def _says(value: str) -> bool:
    """A value a question can ask for: a word or a figure, not a mark or a dash."""
    return any(c.isalnum() for c in value) and len(value) <= _VALUE_CHARS


def questions(table: Table, printed: str, rng: random.Random, per_table: int,
              shared: Collection[tuple[str, str]] = ()) -> list[Probe]:
    """Up to ``per_table`` probes of one table, rows and columns chosen by ``rng``, the
    forms taken in turn. A cell the page's own text does not print is not asked, nor a
    (country, column) pair of ``shared``, which another table of the corpus has too (an
    EGDI and a LOSI table both rank Turkey: "Turkey's Global Rank" asks either)."""
    from assistant.countries import country_of_cell
    from assistant.country_data import COUNTRIES

    by_name = {c.name: c for c in COUNTRIES}
    columns = [i for i, h in enumerate(table.header) if i and column_name(h)]
    keys = [country_of_cell(row[0]) for row in table.rows]
    # A country heading the header is a row taken for one; a country on several rows (a
    # list of participants) is no key: "Kenya's participant" has several answers.
    if country_of_cell(table.header[0]) is not None:
        return []
    cells = []
    for row, country in zip(table.rows, keys, strict=True):
        if country is None or country not in by_name or keys.count(country) > 1:
            continue
        for i in columns:
            if (_says(row[i]) and _squashed(row[i]).lower() in printed.lower()
                    and (country, column_name(table.header[i])) not in shared):
                cells.append((by_name[country], column_name(table.header[i]), row[i]))
    rng.shuffle(cells)
    probes: list[Probe] = []
    form_turn = 0
    for country, column, value in cells:
        if len(probes) >= per_table:
            break
        for _ in FORMS:
            form = FORMS[form_turn % len(FORMS)]
            form_turn += 1
            asked = _asked(form, country, column, table.year)
            if asked is not None:
                break
        else:
            continue
        ident = f"tp-{table.key}-{len(probes)}-{form}"
        item = GoldenItem(ident, asked, "answer", (), (), True, ((fact_pattern(value),),),
                          table.source, (table.page,))
        probes.append(Probe(table.key, form, item))
    return probes


def _asked(form: str, country: Any, column: str, year: int | None) -> str | None:
    """The question of one form, or None when the country or table has no such form."""
    if form == "code":
        return f"What is {country.alpha_3}'s {column}?"
    if form == "demonym":
        return f"What is the {country.demonyms[0]} {column}?" if country.demonyms else None
    if form == "lower":
        return f"what is {country.name}'s {column}?".lower()
    if form == "year":
        return f"What was {country.name}'s {column} in {year}?" if year else None
    return f"What is {country.name}'s {column}?"


def _squashed(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def page_printed(folder: Path, table: Table) -> str:
    """The page's text as ``tests/page_text.py`` reads it (its own readers, not the
    assistant's parsers)."""
    root = Path(__file__).resolve().parents[2]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from tests.page_text import page_texts

    texts = page_texts(folder / table.source)
    index = table.page - 1 if len(texts) > 1 else 0
    return _squashed(texts[index]) if 0 <= index < len(texts) else ""


def probes_of(corpus: str, per_table: int, seed: int) -> list[Probe]:
    from assistant.countries import country_of_cell

    folder = corpus_dir(corpus)
    read = list(tables(folder))
    pairs = Counter((country_of_cell(row[0]), column_name(h)) for t in read
                    for row in t.rows for h in t.header[1:])
    shared = {pair for pair, n in pairs.items() if n > 1}
    found: list[Probe] = []
    for table in read:
        rng = random.Random(f"{seed}:{table.key}")
        found += questions(table, page_printed(folder, table), rng, per_table, shared)
    return found


def run(corpus: str, probes: Sequence[Probe], index: Path | None, work: Path) -> dict[str, Any]:
    """The shipped configuration's results on the probes, as the eval scores them."""
    from dataclasses import replace

    from assistant.evals.run import DEFAULT_CONFIG, run_set
    from assistant.evals.sets import SETS
    from assistant.pipeline import PolicyAssistant
    from assistant.settings import get_settings

    base = SETS["golden-dev" if corpus == "bundled" else "outside"]
    probe_set = replace(base, name=f"table-probe-{corpus}", index_of=base.index_name)
    assistant = PolicyAssistant(get_settings(index_dir=index))
    result = run_set(probe_set, assistant, [DEFAULT_CONFIG], work, None,
                     [p.item for p in probes])
    return {r["id"]: r for r in result["items"][DEFAULT_CONFIG]}


def passed(result: dict[str, Any]) -> bool:
    return not result["abstained"] and (result["coverage"] or 0.0) >= 1.0


def summary(probes: Sequence[Probe], results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Share passed per table and per form, and the failures."""
    groups: dict[str, dict[str, list[bool]]] = {"table": defaultdict(list),
                                                "form": defaultdict(list)}
    failures = []
    for probe in probes:
        result = results[probe.item.id]
        ok = passed(result)
        groups["table"][probe.table].append(ok)
        groups["form"][probe.form].append(ok)
        if not ok:
            failures.append({"id": probe.item.id, "question": probe.item.question,
                             "fact": probe.item.facts[0][0], "declined": result["declined_by"] if result["abstained"] else None,
                             "answer": result["answer"][:300]})
    every = [passed(results[p.item.id]) for p in probes]
    return {
        "accuracy": round(sum(every) / len(every), 3) if every else None,
        "items": len(every),
        **{f"by_{kind}": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(g.items())}
           for kind, g in groups.items()},
        "failures": failures,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.evals.table_probe",
        description="Ask every country row of every parsed table for its cells (by name, "
        "ISO code, demonym, lower case, edition year) and score the answers per table and "
        "per question form.",
    )
    parser.add_argument("--corpus", action="append", choices=CORPORA,
                        help="corpus whose tables to probe; repeat for both [default: both]")
    parser.add_argument("--index", type=Path, help="index of the bundled corpus")
    parser.add_argument("--work", type=Path, default=Path("evals/.work"),
                        help="folder holding outside-index (the outside set's index)")
    parser.add_argument("--per-table", type=int, default=12, help="questions per table")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--write", type=Path, help="write the probe questions as JSONL here")
    parser.add_argument("--json", action="store_true", help="print the full results as JSON")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {}
    written = []
    for corpus in args.corpus or CORPORA:
        probes = probes_of(corpus, args.per_table, args.seed)
        written += [{"id": p.item.id, "question": p.item.question, "answerable": True,
                     "facts": [list(f) for f in p.item.facts], "source": p.item.source,
                     "pages": list(p.item.pages)} for p in probes]
        report[corpus] = summary(probes, run(corpus, probes, args.index, args.work))
    if args.write:
        args.write.write_text("".join(json.dumps(w) + "\n" for w in written), encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=1))
        return
    for corpus, found in report.items():
        print(f"{corpus}: {found['accuracy']} of {found['items']}")
        for kind in ("by_table", "by_form"):
            print("  " + "  ".join(f"{k} {v}" for k, v in found[kind].items()))


if __name__ == "__main__":
    main()
