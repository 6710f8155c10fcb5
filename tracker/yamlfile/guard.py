"""Guards: what a data file must be before it is parsed; a file that breaks one raises `UnreadableYaml`.

A regular file under the size limit, UTF-8, no tab in indentation, no invisible character, not
nested too deep. Reading the bytes and decoding them needs no YAML library, so a run served from
the cache does not import ruamel; only the depth guard asks the parser, and only for text deep
enough to need it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any

from tracker.problems import UnreadableYaml

# A province file with 20 years of monthly figures for every indicator is well under 1 MiB;
# 64 MiB leaves room for synthetic stress data while refusing files that would exhaust memory.
MAX_BYTES = 64 * 1024 * 1024
# Real data nests six levels deep. Deeper nesting is refused before the document is composed:
# the C composer recurses once per level and overflows the C stack (a crash, not an exception)
# some ten thousand levels down, and the round-trip loader runs out of Python stack far sooner.
MAX_DEPTH = 200

_LEADING_TAB = re.compile(r"^[ ]*\t", re.MULTILINE)
# Characters YAML refuses (C0/C1 controls, U+FFFE/U+FFFF) or reads as line breaks that no editor
# shows (NEL U+0085, LINE/PARAGRAPH SEPARATOR U+2028/U+2029), and a byte-order mark anywhere but
# at the very start (decode() drops that one). All are invisible; a file must not depend on them.
_BAD_CHAR = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_CHAR_NAMES = {
    "\x85": "NEXT LINE (NEL), often a mis-decoded '…'",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\ufeff": "BYTE ORDER MARK",
    "\x00": "NUL",
}
# Block nesting can only deepen where a line's indentation and leading `- `, `? `, `: ` indicators
# reach further right (about one level per column); flow nesting needs one bracket per level.
# Only when those cheap bounds allow more than MAX_DEPTH levels are the parser events counted.
_BLOCK_PREFIX = re.compile(r"^(?:[ \t]|[-?:](?=[ \t])){" + str((MAX_DEPTH - 2) // 4) + "}", re.MULTILINE)
# A quick superset of _BLOCK_PREFIX after the first line (a multi-line `^` tries every line, slowly).
_BLOCK_PREFIX_HINT = re.compile(r"\n[ \t?:-]{" + str((MAX_DEPTH - 2) // 4) + "}")


def _at(rule: str, message: str, mark: Any) -> UnreadableYaml:
    return UnreadableYaml(rule, message, mark.line + 1, mark.column + 1)


def _position(text: Any, offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset` in text (or bytes), counting CRLF, CR and LF as line
    breaks as YAML does; the column counts characters."""
    lf, cr, crlf = (b"\n", b"\r", b"\r\n") if isinstance(text, bytes) else ("\n", "\r", "\r\n")
    line = text.count(lf, 0, offset) + text.count(cr, 0, offset) - text.count(crlf, 0, offset) + 1
    start = max(text.rfind(lf, 0, offset), text.rfind(cr, 0, offset)) + 1
    if isinstance(text, bytes):
        return line, len(text[start:offset].decode("utf-8", "replace")) + 1
    return line, offset - start + 1


def decode(data: bytes) -> str:
    """Bytes of a data file as text: UTF-8 (a leading BOM is tolerated), anything else refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableYaml("encoding", "file is UTF-16 (or UTF-32); save it as UTF-8", 1, 1)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        raise UnreadableYaml(
            "encoding", "NUL byte: this looks like a UTF-16 or binary file; save it as UTF-8 text", line, column
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise UnreadableYaml(
            "encoding", f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8", line, column
        ) from None


def read_bytes(path: Path) -> bytes:
    """The bytes of a data file, with the size guard. Only a regular file is read: a pipe or a device
    named like a data file would block or never end. OSError propagates for the caller to report."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory, not a YAML file")
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, socket or device)")
        limit = MAX_BYTES
        if info.st_size > limit:
            raise UnreadableYaml("file-too-large", f"file is {info.st_size:,} bytes; the limit is {limit:,}")
        data = handle.read(limit + 1)
        if len(data) > limit:  # grew while being read
            raise UnreadableYaml("file-too-large", f"file is over the limit of {limit:,} bytes")
        return data


def _too_deep(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH levels below the top-level collection, counting the
    parser's events (the parser keeps its stack on the heap), and stopping at the first level too deep."""
    deep_prefix = _BLOCK_PREFIX.match(text) or (_BLOCK_PREFIX_HINT.search(text) and _BLOCK_PREFIX.search(text))
    if text.count("[") + text.count("{") <= MAX_DEPTH // 2 and not deep_prefix:
        return  # at most MAX_DEPTH // 2 flow levels plus about two block levels per prefix column
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = 0
    try:
        for event in YAML(typ="safe").parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    raise _at("too-deep", f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return  # malformed before it got too deep: loading reports where


def _guard(text: str) -> None:
    if "\t" in text and (m := _LEADING_TAB.search(text)):
        line, column = _position(text, m.end() - 1)
        raise UnreadableYaml("tab", "tab character in indentation; indent with spaces", line, column)
    if m := _BAD_CHAR.search(text):
        char = m.group()
        line, column = _position(text, m.start())
        name = _CHAR_NAMES.get(char, "a control character")
        raise UnreadableYaml(
            "control-character",
            f"invisible character U+{ord(char):04X} ({name}) is not allowed; remove it",
            line,
            column,
        )
    _too_deep(text)
