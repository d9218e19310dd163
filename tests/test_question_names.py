"""What a question's words name before its terms: the language of a document version."""

from __future__ import annotations

import pytest

from assistant.question_names import version_languages


@pytest.mark.parametrize(("text", "languages"), [
    ("On the French maturity assessment page, what is the fifth level?", {"fr"}),
    ("which channels (the french capacity framework page)", {"fr"}),
    ("what does the Romanian version say?", {"ro"}),
    ("what does the French report say?", set()),  # a report may be about France
    ("how did France do?", set()),
])
def test_a_language_before_a_version_noun_names_the_version_language(text, languages) -> None:
    assert version_languages(text) == languages
