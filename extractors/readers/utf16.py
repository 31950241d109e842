"""UTF-16 text (as Windows "Unicode" exports save it) recognised and decoded, so it is read, not called binary."""
from __future__ import annotations

from typing import Optional


def decode_utf16(data: bytes) -> Optional[tuple[str, str]]:
    """(text, encoding) when ``data`` is UTF-16 (with a byte-order mark, or plainly so by its NUL pattern)."""
    if data.startswith(b"\xff\xfe"):
        return _try(data[2:], "utf-16-le")
    if data.startswith(b"\xfe\xff"):
        return _try(data[2:], "utf-16-be")
    head = data[:4096]
    half = len(head) // 2
    if half < 8 or len(data) % 2:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    if odd > 0.4 * half and even < 0.05 * half:
        return _try(data, "utf-16-le")
    if even > 0.4 * half and odd < 0.05 * half:
        return _try(data, "utf-16-be")
    return None


def _try(data: bytes, encoding: str) -> Optional[tuple[str, str]]:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, encoding) if "\x00" not in text else None
