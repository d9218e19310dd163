"""The package's front door: the names a library user imports from `assistant`."""

from __future__ import annotations

import subprocess
import sys

import pytest

import assistant


def test_every_exported_name_imports_and_is_the_defining_object():
    from assistant.pipeline import PolicyAssistant
    from assistant.settings import Settings
    from assistant.types import Answer, Chunk, Citation

    assert assistant.PolicyAssistant is PolicyAssistant
    assert assistant.Settings is Settings
    assert (assistant.Answer, assistant.Chunk, assistant.Citation) == (Answer, Chunk, Citation)
    for name in assistant.__all__:
        assert getattr(assistant, name) is not None, name
    assert set(assistant.__all__) == {"__version__", *assistant._EXPORTS}


def test_star_import_gives_exactly_the_public_names():
    namespace: dict[str, object] = {}
    exec("from assistant import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(assistant.__all__)


def test_importing_errors_does_not_load_the_indexing_stack():
    code = "import sys, assistant.errors; print('assistant.pipeline' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'NoSuchThing'"):
        _ = assistant.NoSuchThing
