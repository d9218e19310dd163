"""Domain errors. Each message is one line naming the problem and what to do about it."""


class AssistantError(Exception):
    """Base class; the CLI and UI turn these into one-line messages."""

    exit_code = 1


class InputFileError(AssistantError):
    """A file cannot be ingested (corrupt, encrypted, empty, unsupported, too large)."""

    exit_code = 2


class IndexMissingError(AssistantError):
    """No index at the configured location, or it is empty."""

    exit_code = 3


class IndexMismatchError(AssistantError):
    """The index was built with another embedding model."""

    exit_code = 3


class IndexLockedError(AssistantError):
    """Another ingest holds the index lock."""

    exit_code = 4


class StoreUnavailableError(AssistantError):
    """The Chroma server cannot be reached."""

    exit_code = 5


class QuestionError(AssistantError):
    """The question is empty, too long or malformed."""

    exit_code = 2


class LLMError(AssistantError):
    """The LLM backend failed or timed out (the grounded composer answers instead)."""


class IndexDamagedError(AssistantError):
    """The index files cannot be read (corrupted, truncated, missing parts)."""

    exit_code = 6


class IndexWriteError(AssistantError):
    """The index cannot be written (permission denied, read-only file system, disk full)."""

    exit_code = 7


class SettingsError(AssistantError):
    """A setting cannot be used as given (an empty password, a bad address)."""

    exit_code = 2
