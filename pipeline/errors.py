"""One error hierarchy. Context is kept as attributes; ``transient`` says whether a retry may help."""
from __future__ import annotations

from typing import Optional


class YJError(Exception):
    """Base of every error the pipeline raises on purpose."""

    transient = False

    def __init__(self, message: str, *, source: str = "", page: Optional[int] = None,
                 line: Optional[int] = None, text: str = "", hint: str = "") -> None:
        self.message = message
        self.source = source
        self.page = page
        self.line = line
        self.text = text
        self.hint = hint
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.source
        if self.page is not None:
            where += f", page {self.page}"
        if self.line is not None:
            where += f", line {self.line}"
        out = f"{where}: {self.message}" if where else self.message
        if self.text:
            out += f" (text: {self.text[:80]!r})"
        if self.hint:
            out += f"; {self.hint}"
        return out


class DocumentError(YJError):
    """A document that cannot be read as a plan: empty, binary, corrupt, encrypted, scanned…"""


class FetchError(YJError):
    """A fetch that failed for good (404, wrong content type, too large)."""


class TransientFetchError(FetchError):
    """A fetch that may succeed if tried again (timeout, 5xx, connection reset)."""

    transient = True


class UsageError(YJError):
    """A command given something it cannot use as written (a database URL of no known kind, say): exit 2."""


class WarehouseError(YJError):
    """The warehouse cannot be opened or used (unreachable server, refused login, missing file)."""


class SettingsError(YJError):
    """A setting with a value outside what it allows."""


class StepFailure(YJError):
    """An unexpected error (a bug) inside one stage, carrying the step, the document and the run it hit."""

    def __init__(self, step: str, run_id: str, cause: BaseException, *, source: str = "") -> None:
        self.step = step
        self.run_id = run_id
        self.cause = cause
        run = f" of run {run_id}" if run_id else ""
        super().__init__(f"step {step!r}{run} failed: internal error {type(cause).__name__}: {cause}",
                         source=source or getattr(cause, "source", ""))
