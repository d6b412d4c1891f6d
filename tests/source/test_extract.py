"""Units from documents, and their POT catalog: order, references, merging, contexts."""

from __future__ import annotations

from pipeline.core.model import Unit
from pipeline.source.extract import build_template
from pipeline.source.readers import parse_markdown, parse_text
from pipeline.source.segment import segment_document


def units_of(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    document = parse_text(text, "articles/a.txt", "a")
    return [(u.kind, u.msgid, u.refs) for u in segment_document(document)]


def test_units_follow_the_document_with_line_references() -> None:
    text = "China and Japan meet\n\nThe talks began. Prof. Shi\nspoke first.\n\nA map image\nThe map.\n"
    assert units_of(text) == [
        ("headline", "China and Japan meet", ("articles/a.txt:1",)),
        ("sentence", "The talks began.", ("articles/a.txt:3",)),
        ("sentence", "Prof. Shi spoke first.", ("articles/a.txt:3",)),
        ("image-alt", "A map image", ("articles/a.txt:6",)),
        ("caption", "The map.", ("articles/a.txt:7",)),
    ]


def test_sentence_reference_is_the_line_it_starts_on() -> None:
    text = "Headline\n\nOne sentence here\nthat wraps. Another\nstarts on line four.\n"
    assert [refs for _, _, refs in units_of(text)][1:] == [
        ("articles/a.txt:3",),
        ("articles/a.txt:4",),
    ]


def test_identical_sentences_merge_into_one_entry_with_all_references() -> None:
    units = [
        Unit("Talks resumed.", "sentence", ("a.txt:3",)),
        Unit("Other news.", "sentence", ("a.txt:4",)),
        Unit("Talks resumed.", "caption", ("a.txt:9",)),
    ]
    catalog = build_template(units, [])
    assert [(e.msgid, e.refs, e.extracted) for e in catalog.entries] == [
        ("Talks resumed.", ("a.txt:3", "a.txt:9"), ("kind: sentence, caption",)),
        ("Other news.", ("a.txt:4",), ("kind: sentence",)),
    ]
    assert all(e.msgctxt is None for e in catalog.entries)


def test_headline_identical_to_body_text_gets_a_context() -> None:
    units = [
        Unit("Japan and China", "headline", ("a.txt:1",)),
        Unit("Japan and China", "sentence", ("a.txt:5",)),
        Unit("Xi Jinping", "image-alt", ("a.txt:7",)),
    ]
    catalog = build_template(units, [])
    assert [(e.msgctxt, e.msgid) for e in catalog.entries] == [
        ("headline", "Japan and China"),
        (None, "Japan and China"),
        (None, "Xi Jinping"),
    ]


def test_markdown_inline_markup_stays_whole_in_one_msgid() -> None:
    document = parse_markdown(
        "# Title\n\nSee [the U.S. report. Part 2](https://x.org/a.b) now. Then `a. B` ends.\n",
        "a.md",
        "a",
    )
    assert [u.msgid for u in segment_document(document)] == [
        "Title",
        "See [the U.S. report. Part 2](https://x.org/a.b) now.",
        "Then `a. B` ends.",
    ]


def test_markdown_emphasis_spanning_sentences_stays_in_one_unit() -> None:
    document = parse_markdown("# T\n\n*He left. She stayed.* Then rain fell.\n", "a.md", "a")
    assert [u.msgid for u in segment_document(document)][1:] == [
        "*He left. She stayed.* Then rain fell."
    ]


def test_a_percent_sign_marks_the_entry_as_no_format_string_as_xgettext_does() -> None:
    from pipeline.catalog.po import format_po

    units = [
        Unit("Exports grew 3.6% in the first quarter.", "sentence", ("a.txt:3",)),
        Unit("Imports fell.", "sentence", ("a.txt:4",)),
    ]
    catalog = build_template(units, [("Content-Type", "text/plain; charset=UTF-8")])
    assert [entry.flags for entry in catalog.entries] == [
        ("no-c-format", "no-python-format"),
        (),
    ]
    assert '#, no-c-format, no-python-format\nmsgid "Exports grew 3.6%' in format_po(catalog)
