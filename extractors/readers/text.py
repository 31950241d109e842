"""Read text-like documents (plain text, Markdown, HTML) into the document model.

Text arrives as UTF-8 or Windows-1252, with LF, CRLF or bare-CR line ends. Each physical line keeps
its terminator because in real conversions a bare CR separates table cells while CRLF ends a
paragraph. HTML is turned into lines first: each table row becomes one tab-separated line, so HTML
tables reach extractors in the same shape as tab-separated text.
"""
from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser

from pipeline.errors import DocumentError
from pipeline.records import Document, DocKind, Line

_LINE_RE = re.compile(r"(\r\n|\r|\n)")
_HTML_SNIFF = re.compile(rb"<\s*(html|body|table|!doctype html)\b", re.I)
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Bytes to text: UTF-8 (with or without BOM) first, then cp1252, then latin-1 for cp1252's holes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def check_is_text(data: bytes, source: str) -> None:
    """Raise a DocumentError naming the problem when bytes are empty or not text."""
    if not data.strip():
        raise DocumentError("empty file: no text to extract", source=source)
    head = data[:65536]
    if b"\x00" in head:
        raise DocumentError("binary file, not text (contains NUL bytes)", source=source,
                            hint="if it is a PDF, check the file is complete")
    controls = sum(1 for b in head if b in _CONTROL)
    if controls > max(8, len(head) // 50):
        raise DocumentError(f"binary file, not text ({controls} control bytes in the first {len(head)})",
                            source=source)


def split_lines(text: str) -> list[tuple[str, str]]:
    """Split into (text, terminator) pairs; a final line without a terminator keeps ''."""
    parts = _LINE_RE.split(text)
    out: list[tuple[str, str]] = []
    for i in range(0, len(parts), 2):
        body = parts[i]
        end = parts[i + 1] if i + 1 < len(parts) else ""
        if body == "" and end == "" and i + 1 >= len(parts):
            break
        out.append((body, end))
    return out


class _HTMLToLines(HTMLParser):
    """Paragraph-ish blocks become lines; each <tr> becomes one tab-separated line."""

    BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "title", "section"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.skip = 0

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
        if text:
            self.lines.append(text)
        self.buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "tr":
            self._flush()
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag in self.BLOCK and self.cell is None:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if any(self.row):
                self.lines.append("\t".join(self.row))
            self.row = None
        elif tag in self.BLOCK and self.cell is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_lines(text: str) -> list[str]:
    parser = _HTMLToLines()
    parser.feed(text)
    parser.close()
    return parser.lines


def looks_like_html(data: bytes) -> bool:
    return bool(_HTML_SNIFF.search(data[:4096]))


def read_text(data: bytes, source: str, kind: DocKind | None = None) -> Document:
    """Bytes of a text/Markdown/HTML document to a :class:`Document`. Raises DocumentError on bad input."""
    from extractors.readers.utf16 import decode_utf16
    utf16 = decode_utf16(data)
    if utf16 is None:
        check_is_text(data, source)
    text, encoding = utf16 or decode(data, source)
    if kind == "html" or (kind is None and looks_like_html(data)):
        lines = tuple(Line(i + 1, t, "\n") for i, t in enumerate(html_to_lines(text)))
        kind = "html"
    else:
        lines = tuple(Line(i + 1, body, end) for i, (body, end) in enumerate(split_lines(text)))  # type: ignore[arg-type]
        if kind is None:
            kind = "markdown" if source.lower().endswith((".md", ".markdown")) else "text"
    if not any(ln.text.strip() for ln in lines):
        raise DocumentError("no text: the document has no readable lines", source=source)
    return Document(sha256=sha256_of(data), source=source, kind=kind, lines=lines, encoding=encoding)
