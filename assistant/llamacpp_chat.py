"""A LangChain chat model over a local GGUF file with llama-cpp-python (the 'llm' extra)."""

from __future__ import annotations

import contextlib
import io
import threading
from functools import lru_cache
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


@lru_cache(maxsize=2)
def _load(path: str, n_ctx: int) -> Any:
    from llama_cpp import Llama

    # llama.cpp prints its loading log on stderr; the CLI keeps stderr for our messages.
    with contextlib.redirect_stderr(io.StringIO()):
        return Llama(model_path=path, n_ctx=n_ctx, n_threads=2, verbose=False)


class LlamaCppChatModel(BaseChatModel):
    """Chat completions from llama.cpp in this process; one request at a time."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    llama: Any
    path: str
    max_tokens: int = 400
    lock: Any = None

    @classmethod
    def load(cls, path: str, *, max_tokens: int = 400, n_ctx: int = 4096) -> LlamaCppChatModel:
        return cls(
            llama=_load(path, n_ctx), path=path, max_tokens=max_tokens, lock=threading.Lock()
        )

    @property
    def _llm_type(self) -> str:
        return "llama-cpp"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        chat = [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]
        with self.lock:
            out = self.llama.create_chat_completion(
                messages=chat, max_tokens=self.max_tokens, temperature=0.0, stop=stop
            )
        text = out["choices"][0]["message"]["content"] or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])
