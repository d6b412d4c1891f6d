"""Split English news paragraphs into sentences with rules, as pragmatic_segmenter and pySBD do.

A sentence may end at a run of terminal punctuation (``.``, ``?``, ``!``, an ellipsis, or a
dash that breaks off a quotation), followed by closing quotes or brackets and then whitespace.
Whether it really ends is decided from the word before the mark and the word after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from pipeline.core import Document, Unit, inline_spans

# A possible sentence end. Marks glued to the next character ("example.com", "3.5", "U.S")
# are never ends: that keeps URLs, e-mail addresses, decimals and versions whole.
_CANDIDATE = re.compile(
    r"""
    (?P<mark>
        (?:\.(?:\s?\.){2,}|…)+[.!?]*   # ellipsis, spaced ". . ." included, maybe then . ? !
      | [.!?]*[!?][.!?]*               # question or exclamation, possibly mixed: "?!", ".?"
      | \.
      | [—–](?=["'”’])                 # speech broken off: “I was going to—” He stopped.
    )
    (?P<close>["'”’»)\]}*_]*)
    (?=\s)
    """,
    re.VERBOSE,
)

# A period glued to a word, then a spaced ellipsis: "compounds. . . . The" ends after the
# period, and the next sentence opens with the ellipsis (Chicago style for omitted words).
_GLUED_FOUR_DOTS = re.compile(r"(?<=\w)\.(?=(?:\s\.){3}\s)")
# No space after a period: "Hello world.Today is Tuesday." (a word or number, then a capitalised
# word); URLs, e-mail addresses and file names are left alone by the caller.
# The period comes first and the words before it are looked at behind it: a pattern that opens
# with a literal is searched for that character, not tried at every position (20× faster).
_UNSPACED = re.compile(r"\.(?:(?<=[a-z]{2}\.)|(?<=\d\.))(?=[A-Z][a-z]+\b)")
_ADDRESS = re.compile(r"[/@:]|www\.", re.IGNORECASE)
_TIMES = frozenset({"a.m", "p.m"})
# A time that opens its sentence ("At 5 a.m. Mr. Smith went"): up to two words, then the hour.
_OPENING_TIME = re.compile(
    r"(?:\A|[.!?][\"'”’)]*\s)\s*(?:[A-Z][a-z]*\s+)?(?:[a-z]+\s+)?\d{1,2}(?:[:.]\d\d)?\s*\Z"
)
# Items of a list inside one paragraph: a line starting "2." or "-", or any "•" bullet.
_LINE_ITEM = re.compile(r"\n[^\S\n]*(?=(?:\d{1,2}[.)]|[•⁃*-])\s)|(?<=\s)(?=[•⁃])")
# An inline list that starts "1. ..." or "a. ..." goes on "2. ..." or "b. ..." (pySBD's rule).
_FIRST_ITEM = re.compile(r"\s*(1|a)(?:\.\)?|\))\s")
_NEXT_ITEM = re.compile(r"(?<![^\s•⁃])(\d{1,2}|[a-z])(?:\.\)?|\))(?=\s)")
_BULLETS = " \t•⁃*-"

# Markdown emphasis marks count as quotes: "**Done.** Next" ends after the closing "**".
_OPENERS = "\"'“‘([{«*_"
_QUOTES = "\"'“‘«"
_CLOSERS = "\"'”’)]}»*_"
_INITIAL = re.compile(r"[A-Z]")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # U.S, U.S.A, D.C, a.m, p.m (final dot cut)
_NEXT_INITIAL = re.compile(r"[A-Z]\.")
_NUMBER_START = re.compile(r"[\d$€£¥#]")
_LEADING_WORD = re.compile(r"[A-Za-z]+")
# A named speaker after a quoted question or exclamation: “Why now?” Shi Yinhong asked.
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,4}(?:said|says|asked|asks|added|adds|told|tells|replied|replies"
    r"|wrote|writes|explained|explains|warned|warns|insisted|insists|noted|notes|shouted"
    r"|shouts|cried|cries|wondered|wonders)\b"
)


def _words(text: str) -> frozenset[str]:
    # Word lists read and review better as prose than as hundreds of quoted literals.
    return frozenset(text.split())


#: Titles and mid-sentence abbreviations: always followed by more of the same sentence.
_NEVER_FINAL = _words(
    """
    Mr Mrs Ms Mx Messrs Mmes Mme Mlle Dr Prof Gov Sen Sens Rep Reps Gen Lt Col Maj Capt Cmdr Cdr
    Adm Sgt Cpl Pvt Brig Rev Hon Pres Supt Atty Amb Insp Det Fr Msgr Mt Asst Assoc Rt Sec
    e.g i.e vs v cf viz approx ca esp incl excl
    """
)
#: Abbreviations before a number ("No. 10", "p. 5"); elsewhere the word is an ordinary one.
_BEFORE_NUMBER = _words("No Nos no nos N° Nº Vol vol Fig fig Art art Ch ch p pp Para para")
#: Abbreviations that can end a sentence ("... with Acme Inc. The deal ...").
_MAY_END = _words(
    """
    Inc Co Corp Ltd Bros Jr Sr St Ave Blvd Rd Dept Univ Assn etc al Ph.D ft lb lbs oz
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    Ala Ariz Ark Calif Colo Conn Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Mont Neb Nev
    Okla Ore Pa Tenn Tex Va Vt Wis Wyo
    """
)
#: Words that begin sentences far more often than they follow an abbreviation mid-sentence.
#: Only these make an abbreviation such as "U.S." or "a.m." end a sentence (as Punkt's
#: orthographic evidence would): "in the U.S. The" splits, "U.S. President" does not.
_STARTERS = _words(
    """
    The A An He She It They We I You His Her Its Their Our My Your This That These Those There
    Then Thus But And Or So Yet Nor However Meanwhile Still Also Instead Moreover Furthermore
    In On At By For From With Without To Of After Before During Since Until When While Where
    Why How What Who Which If As Although Though Because Once Some Many Most Few All Both Each
    Every No Not Now Today Yesterday Tomorrow Last Next Other Such Here One Another Earlier Later
    Did Do Does Is Are Was Were Can Could Would Should Has Have Had Let
    """
)


def split_sentences(text: str, protected: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Split English news prose into sentences; return (start, end) character spans into text."""
    first = _skip_space(text, 0)
    if first == len(text):
        return []
    starts = [first]
    for gap, start in _boundaries(text):
        cut = min(gap, _strip_end(text, start))
        if start <= starts[-1] or _in_protected(protected, cut, start):
            continue
        # A sentence needs a word: a paragraph that opens with "..." or "?" does not end there.
        if any(char.isalnum() for char in text[starts[-1] : cut]):
            starts.append(start)
    ends = [*starts[1:], len(text)]
    return [(start, _strip_end(text, end)) for start, end in zip(starts, ends, strict=True)]


def _boundaries(text: str) -> list[tuple[int, int]]:
    """Sentence ends as (index where the gap begins, index where the next sentence starts)."""
    markers, inline = _list_markers(text)
    found: list[tuple[int, int]] = []
    for match in _candidates(text):
        start = _skip_space(text, match.end())
        glued = _GLUED_FOUR_DOTS.match(text, match.start())
        if glued and start < len(text) and _capitalised(text, start):
            found.append((glued.end(), _skip_space(text, glued.end())))
        elif start < len(text) and _ends_sentence(text, match, start, markers):
            found.append((match.start(), start))
    found.extend(_unspaced_ends(text))
    if "\n" in text or "•" in text or "⁃" in text:  # what every list item starts from
        found.extend(match.span() for match in _LINE_ITEM.finditer(text))
    found.extend((start - 1, start) for start in inline)
    return sorted(found, key=lambda pair: pair[1])


#: The first character of every possible sentence end (:data:`_CANDIDATE`).
_MARKS = re.compile(r"[.!?…—–]")


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """``_CANDIDATE.finditer(text)``, tried only where a mark is: 6× faster on news prose.

    The pattern opens with repeats and a branch, so the regex engine would try it at every
    position; every match starts with one of :data:`_MARKS`, and matches never overlap.
    """
    end = 0
    for mark in _MARKS.finditer(text):
        if mark.start() >= end and (match := _CANDIDATE.match(text, mark.start())):
            end = match.end()
            yield match


def _ends_sentence(text: str, match: re.Match[str], start: int, markers: set[int]) -> bool:
    """Decide one candidate from the mark, the word before it and the token after it."""
    mark = match["mark"]
    following = _token_at(text, start)
    after = following.lstrip(_OPENERS)
    if _starts_lowercase(after):
        return False  # '“Stop!” he said.', 'U.S. officials', 'one . . . was'
    if mark[0] in "—–" or "?" in mark or "!" in mark:
        quoted = any(char in match["close"] for char in _QUOTES + "”’")
        return not (quoted and _ATTRIBUTION.match(text, start))
    if mark != ".":
        # Only a capital ends a sentence after an ellipsis; "... I mean" usually goes on, and
        # "[...]" marks words left out of a quotation.
        word = _leading_word(after)
        elided = text[match.start() - 1 : match.start()] in ("[", "(")
        return word[:1].isupper() and word != "I" and not elided
    before_start = _token_start(text, match.start())
    if before_start + (text[before_start] in "•⁃") in markers:
        return False  # "1. First item"
    for unspaced in _UNSPACED.finditer(text, before_start, match.start()):
        before_start = unspaced.end()  # "Tuesday.Mr. Smith": the word before is "Mr"
    before = text[before_start : match.start()].lstrip(_OPENERS).rstrip(_CLOSERS)
    if before.lower() in _TIMES and _leading_word(after) in _NEVER_FINAL:
        # "left at 6 P.M. Mr. Smith then ..." ends; "At 5 a.m. Mr. Smith went" opens with it.
        return not _OPENING_TIME.search(text, 0, before_start)
    opened = following[:1] in _QUOTES  # a bracket after "Inc." is more often a ticker
    context = _Next(after, opened=opened, closed=bool(match["close"]))
    return _period_ends_sentence(before, context)


def _capitalised(text: str, start: int) -> bool:
    word = _leading_word(_token_at(text, start).lstrip(_OPENERS))
    return word[:1].isupper() and word != "I"


def _unspaced_ends(text: str) -> list[tuple[int, int]]:
    """Sentence ends with no space after the period: "world.Today", "1,000.That"."""
    found = []
    for match in _UNSPACED.finditer(text):
        token_start = _token_start(text, match.start())
        token = _token_at(text, token_start)
        before = text[token_start : match.start()].lstrip(_OPENERS)
        before = before[before.rfind(".") + 1 :]  # "world.Today.Mr" → the word right before
        if _ADDRESS.search(token) or before in _NEVER_FINAL or before in _BEFORE_NUMBER:
            continue
        found.append((match.start(), match.end()))
    return found


class _Next(NamedTuple):
    """What follows a period: the next token without its opening quotes, and the quotes seen."""

    token: str
    opened: bool
    closed: bool


def _period_ends_sentence(before: str, after: _Next) -> bool:
    """Whether a period after ``before`` ends a sentence; the next token is not lowercase."""
    numeric = bool(_NUMBER_START.match(after.token))
    if before in _NEVER_FINAL:
        return False
    if before in _BEFORE_NUMBER:
        return not numeric
    initial = bool(_INITIAL.fullmatch(before))
    if not (initial or before in _MAY_END or _DOTTED.fullmatch(before)):
        return True
    if numeric or _NEXT_INITIAL.match(after.token):
        return False  # "Jan. 5", "U.S. 401(k)", "J. R. R. Tolkien"
    if (after.closed or after.opened) and not initial:
        return True  # 'Acme Inc.” The' or 'in the U.S. “We'
    if before == "etc":
        return True  # "etc." ends a list, and before a capital almost always its sentence
    return _leading_word(after.token) in _STARTERS


def _list_markers(text: str) -> tuple[set[int], list[int]]:
    """List labels (no sentence ends after them), and those that start an item mid-line.

    Labels count at a line start or after a bullet; a paragraph that opens with "1." or "a."
    is an inline list whose next labels "2.", "3." or "b.", "c." each start an item.
    """
    markers = set()
    for match in _NEXT_ITEM.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()]
        bulleted = not before.strip(_BULLETS) or before.rstrip()[-1:] in ("•", "⁃")
        if bulleted and match[1].isdigit():
            markers.add(match.start())
    inline: list[int] = []
    first = _FIRST_ITEM.match(text)
    if first:
        markers.add(first.start(1))
        expected = _next_label(first[1])
        for match in _NEXT_ITEM.finditer(text, first.end()):
            if match[1] == expected:
                markers.add(match.start())
                inline.append(match.start())
                expected = _next_label(expected)
    return markers, inline


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _in_protected(protected: Sequence[tuple[int, int]], gap: int, start: int) -> bool:
    """A split whose mark or gap falls inside a protected span would cut that span."""
    return any(low < start and high > gap for low, high in protected)


def _starts_lowercase(token: str) -> bool:
    # "iPhone" and "eBay" are written lowercase but start sentences like capitalised words.
    return token[:1].islower() and not token[1:2].isupper()


def _leading_word(token: str) -> str:
    match = _LEADING_WORD.match(token)
    return match[0] if match else ""


def _token_at(text: str, index: int) -> str:
    end = index
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[index:end]


def _token_start(text: str, index: int) -> int:
    while index > 0 and not text[index - 1].isspace():
        index -= 1
    return index


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _strip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


#: Kinds of title-like units: kept whole, and given a msgctxt where the same text is also prose.
TITLE_KINDS = frozenset({"headline", "heading", "image-alt"})
_SENTENCE_KIND = {"paragraph": "sentence", "quote": "sentence", "caption": "caption"}


def segment_document(document: Document) -> list[Unit]:
    """Cut a document's blocks into translation units, in document order."""
    units: list[Unit] = []
    for block in document.blocks:
        if block.kind in TITLE_KINDS:
            units.append(Unit(_squash(block.text), block.kind, (f"{document.path}:{block.line}",)))
            continue
        kind = _SENTENCE_KIND.get(block.kind, block.kind)
        protected: list[tuple[int, int]] = []
        if document.format == "markdown":
            protected = inline_spans(block.text)
        for start, end in split_sentences(block.text, protected):
            line = block.line + block.text.count("\n", 0, start)
            msgid = _squash(block.text[start:end])
            units.append(Unit(msgid, kind, (f"{document.path}:{line}",)))
    return units


def _squash(text: str) -> str:
    """One space for every run of whitespace: line breaks in the source are not content."""
    return " ".join(text.split())
