"""Plain, frozen data passed between the stages. No I/O and no behaviour beyond views."""

from __future__ import annotations

from dataclasses import dataclass

#: Finding severities, most severe first; a rule may also be set "off" (docs/architecture.md#check).
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Block:
    """A structural block of a source document, before sentence segmentation.

    ``kind`` is one of headline, heading, paragraph, caption, image-alt, list-item, quote.
    ``text`` keeps the block's original line breaks; ``line`` is the 1-based line of its start.
    An image keeps its source ``url``; an item of an ordered list its ``number``.
    """

    kind: str
    text: str
    line: int
    url: str = ""
    number: int = 0  # 0: not in an ordered list


@dataclass(frozen=True)
class Document:
    """A source article: its path as written in references, its slug and its blocks."""

    path: str
    slug: str
    blocks: tuple[Block, ...]
    format: str = "text"  # "text" or "markdown": Markdown keeps inline markup in msgids
    front_matter: str = ""  # a Markdown source's YAML front matter, between its fences
    title: str = ""  # the front matter's title, if it has one


@dataclass(frozen=True)
class Unit:
    """One translation unit: a sentence, a headline, a caption ...

    ``refs`` are ``path:line`` references; ``context`` becomes the gettext ``msgctxt``.
    """

    msgid: str
    kind: str
    refs: tuple[str, ...]
    context: str | None = None


@dataclass(frozen=True)
class Entry:
    """One gettext catalog entry, independent of any PO library."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()  # translator comments, "# "
    extracted: tuple[str, ...] = ()  # extracted comments, "#."
    refs: tuple[str, ...] = ()  # "#:" references
    previous_msgid: str | None = None  # "#| msgid"
    previous_msgctxt: str | None = None  # "#| msgctxt"
    previous_msgid_plural: str | None = None  # "#| msgid_plural"
    obsolete: bool = False
    line: int = 0  # line of the msgid keyword in the file it was read from; 0 if none

    @property
    def key(self) -> tuple[str | None, str]:
        """gettext identity: (msgctxt, msgid)."""
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """True when every msgstr (or plural form) is non-empty."""
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)

    @property
    def reviewed(self) -> bool:
        """A human-approved translation: translated, not fuzzy, not obsolete."""
        return self.translated and not self.fuzzy and not self.obsolete


@dataclass(frozen=True)
class Catalog:
    """A POT or PO file: ordered header fields, entries (obsolete ones last)."""

    header: tuple[tuple[str, str], ...]
    entries: tuple[Entry, ...]
    header_comment: str = ""
    header_fuzzy: bool = False  # "#, fuzzy" on the header entry, as msginit leaves it

    def header_value(self, name: str) -> str | None:
        for key, value in self.header:
            if key == name:
                return value
        return None

    @property
    def active(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if not e.obsolete)
