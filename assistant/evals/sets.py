"""The question sets the assistant is measured on, and the corpus each one is asked of.

Two roles, kept apart so the figures stay honest:

* ``development``: sets we look at item by item and change the code for;
* ``held-out``: sets we only measure and report, never tune on.

The golden set written from the bundled corpus was split on 2026-11-25 into a development
part and a held-out part (every third item of each mode/answerable/follow-up stratum, in
SHA-256 order of its id); the held-out part is frozen from that date. Before the split all
135 golden items had been used for tuning, so the held-out golden figure is optimistic; the
users' wording set, written after the split by someone who never ran the assistant on it,
is the unbiased one for the bundled corpus.

``wording-dev`` is a development stand-in for ``wording``, written later in the same spirit
(and checked not to copy it): it is run by hand (``assistant eval --set wording-dev``) and is
not part of the default report or of the CI quality floors (``shipped=False``).
``golden-fresh`` is the same for the golden style: written without running the assistant on
it, so its first run measured how golden-style questions not seen generalize.

``outside`` is a development set of the real documents of other publishers, tuned on item
by item; ``outside-heldout`` is the held-out set of the same documents, written blind on
2026-11-27 (committed before its first run) and run by hand (``--set outside-heldout``).
It shares ``outside``'s eval index, as it is asked of the same corpus.

``wording-fresh`` replaces ``wording`` as the clean held-out measure of users' wording on the
bundled corpus: ``wording`` was run many times during development and two choices followed
its figures, so it is slightly tuned on. ``wording-fresh`` was written blind on 2026-11-27
(committed before its first run, on that day's code) and is run by hand
(``--set wording-fresh``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.settings import PROJECT_ROOT

SETS_DIR = PROJECT_ROOT / "evals" / "sets"
# Real documents of other publishers, beside the checkout (see ../shared/corpus-real/README.md).
REAL_CORPUS = Path(
    os.environ.get("ASSISTANT_EVAL_REAL_CORPUS", PROJECT_ROOT.parent / "shared" / "corpus-real")
)
Role = Literal["development", "held-out"]


@dataclass(frozen=True)
class QuestionSet:
    name: str
    files: tuple[Path, ...]
    corpus: Path  # the folder ingested to answer the set
    role: Role
    description: str
    # In the default report (`assistant eval` with no --set) and under the CI quality floors;
    # a hand-run development set is not, so it costs the suite nothing.
    shipped: bool = True
    # Another set asked of the same corpus whose eval index this one reuses, so that the
    # corpus is ingested once for both (None: an index of its own).
    index_of: str | None = None

    @property
    def index_name(self) -> str:
        """The name of the index under the eval work folder (``<name>-index``)."""
        return self.index_of or self.name

    @property
    def bundled(self) -> bool:
        """Asked of the bundled corpus (the configured index), not of a corpus of its own."""
        return self.corpus == PROJECT_ROOT / "corpus"

    def missing(self) -> str | None:
        """Why the set cannot run here, or None when it can."""
        if not self.corpus.is_dir():
            return (
                f"the {self.name} set needs the documents in {self.corpus}, which is absent "
                "(set ASSISTANT_EVAL_REAL_CORPUS to their folder)"
            )
        absent = [f.name for f in self.files if not f.is_file()]
        return f"the {self.name} set's files are missing: {', '.join(absent)}" if absent else None


SETS: dict[str, QuestionSet] = {
    s.name: s
    for s in (
        QuestionSet(
            "golden-dev",
            (SETS_DIR / "golden-dev.jsonl",),
            PROJECT_ROOT / "corpus",
            "development",
            "golden questions on the bundled corpus, development part",
        ),
        QuestionSet(
            "golden-heldout",
            (SETS_DIR / "golden-heldout.jsonl",),
            PROJECT_ROOT / "corpus",
            "held-out",
            "golden questions on the bundled corpus, held out since 2026-11-25",
        ),
        QuestionSet(
            "outside",
            (SETS_DIR / "outside-pdf.jsonl", SETS_DIR / "outside-office.jsonl",
             SETS_DIR / "outside-fresh.jsonl", SETS_DIR / "outside-fresh2.jsonl",
             SETS_DIR / "outside-fresh3.jsonl", SETS_DIR / "outside-fresh4.jsonl",
             SETS_DIR / "outside-fresh5.jsonl", SETS_DIR / "outside-fresh6.jsonl",
             SETS_DIR / "outside-fresh7.jsonl", SETS_DIR / "outside-fresh8.jsonl",
             SETS_DIR / "outside-fresh9.jsonl", SETS_DIR / "outside-fresh10.jsonl",
             SETS_DIR / "outside-fresh11.jsonl", SETS_DIR / "outside-fresh12.jsonl",
             SETS_DIR / "outside-fresh13.jsonl", SETS_DIR / "outside-fresh14.jsonl",
             SETS_DIR / "outside-fresh15.jsonl", SETS_DIR / "outside-fresh16.jsonl",
             SETS_DIR / "outside-fresh17.jsonl", SETS_DIR / "outside-fresh18.jsonl",
             SETS_DIR / "outside-fresh19.jsonl", SETS_DIR / "outside-fresh20.jsonl"),
            REAL_CORPUS,
            "development",
            "questions on real documents of other publishers (../shared/corpus-real)",
        ),
        QuestionSet(
            "outside-heldout",
            (SETS_DIR / "outside-heldout.jsonl",),
            REAL_CORPUS,
            "held-out",
            "questions on the same real documents, written blind on 2026-11-27 (by hand)",
            shipped=False,
            index_of="outside",
        ),
        QuestionSet(
            "wording",
            (SETS_DIR / "wording.jsonl",),
            PROJECT_ROOT / "corpus",
            "held-out",
            "users' wording on the bundled corpus: conversational, indirect, typos",
        ),
        QuestionSet(
            "wording-fresh",
            (SETS_DIR / "wording-fresh.jsonl",),
            PROJECT_ROOT / "corpus",
            "held-out",
            "users' wording on the bundled corpus, written blind on 2026-11-27 and first run on "
            "that day's code (by hand)",
            shipped=False,
        ),
        QuestionSet(
            "wording-dev",
            (SETS_DIR / "wording-dev.jsonl",),
            PROJECT_ROOT / "corpus",
            "development",
            "users' wording on the bundled corpus, development stand-in for `wording` (by hand)",
            shipped=False,
        ),
        QuestionSet(
            "golden-fresh",
            (SETS_DIR / "golden-fresh.jsonl",),
            PROJECT_ROOT / "corpus",
            "development",
            "golden-style questions written blind on 2026-11-26, pages golden-dev uses least (by hand)",
            shipped=False,
        ),
    )
}
SHIPPED_SETS = tuple(name for name, s in SETS.items() if s.shipped)
GOLDEN_SETS = ("golden-dev", "golden-heldout")
