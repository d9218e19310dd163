"""A question in French asked of documents in French and English: a translated page keeps
untranslated English sections, which answer it in English words (assistant/answer.py,
``translation.also_in_english``)."""

from __future__ import annotations

import pytest

from assistant.pipeline import PolicyAssistant

pytestmark = pytest.mark.slow

FRENCH_PAGE = """# Cadre de renforcement des capacités

## Écosystème de gestion des connaissances

Digital government services require a robust and active knowledge management cycle. The
platform's knowledge management cycle relies on three critical pieces: people, process and
technology.

## Formation des fonctionnaires

Les formations sont proposées aux fonctionnaires des ministères partenaires qui conçoivent
des services publics numériques. Les participants apprennent à concevoir des services centrés
sur les usagers et à mesurer leur satisfaction.

Les sessions ont lieu chaque trimestre dans les locaux du ministère, avec des exercices
pratiques et des études de cas préparées par les équipes nationales.

## Communautés de pratique

Les communautés de pratique réunissent les experts des pays partenaires. Elles partagent les
meilleures pratiques et publient des guides sur la conception des services numériques.
"""

ENGLISH_PAGE = """# Budget procedures

## Annual budget

The ministry of finance prepares the annual budget and submits it to parliament in October.
Parliament approves the budget before the start of the fiscal year.
"""


@pytest.fixture
def bilingual(make_settings, tmp_path) -> PolicyAssistant:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "cadre.md").write_text(FRENCH_PAGE, encoding="utf-8")
    (folder / "budget.md").write_text(ENGLISH_PAGE, encoding="utf-8")
    assistant = PolicyAssistant(make_settings(corpus_dir=folder))
    assistant.ingest([folder])
    return assistant


def test_a_french_question_is_answered_by_the_english_section_of_a_french_page(bilingual):
    assert {d.language for d in bilingual.documents()} == {"fr", "en"}
    answer = bilingual.ask("Sur quels trois éléments essentiels repose le cycle de gestion des "
                           "connaissances ?")
    assert not answer.abstained, answer.answer
    assert "people, process and technology" in answer.answer


def test_a_french_question_no_passage_answers_stays_declined(bilingual):
    answer = bilingual.ask("Quelle est la date limite d'inscription aux formations ?")
    assert answer.abstained, answer.answer

