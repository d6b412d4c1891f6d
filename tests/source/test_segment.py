"""Sentence splitting: Golden Rules and news cases, the sample article, protected spans, properties.

The case table follows pySBD's English Golden Rules where they apply to news prose.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.source import segment
from pipeline.source.segment import split_sentences
from tests.conftest import DATA, ROOT

SAMPLE = ROOT / "articles" / "japan-china-relations.txt"
# The Pragmatic Segmenter's 48 English golden rules, as pySBD keeps them (provenance inside).
GOLDEN = json.loads((DATA / "segment_golden_rules_en.json").read_text(encoding="utf-8"))


def sentences(text: str, protected: list[tuple[int, int]] | None = None) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text, protected or ())]


CASES = [
    pytest.param(
        "“Why now?” Smith asked. Nobody answered.",
        ["“Why now?” Smith asked.", "Nobody answered."],
        id="quoted-question-then-named-speaker",
    ),
    pytest.param(
        "“Who knows?” Prime Minister Kishida Fumio said. “Nobody.”",
        ["“Who knows?” Prime Minister Kishida Fumio said.", "“Nobody.”"],
        id="quoted-question-then-titled-speaker",
    ),
    pytest.param(
        "“Is it over?” The answer was no.",
        ["“Is it over?”", "The answer was no."],
        id="quoted-question-then-new-sentence",
    ),
    # Basic ends.
    pytest.param(
        "Hello World. My name is Jonas.", ["Hello World.", "My name is Jonas."], id="period"
    ),
    pytest.param(
        "What is your name? My name is Jonas.",
        ["What is your name?", "My name is Jonas."],
        id="question-mark",
    ),
    pytest.param(
        "There it is! I found it.", ["There it is!", "I found it."], id="exclamation-mark"
    ),
    pytest.param("No final punctuation", ["No final punctuation"], id="no-final-punctuation"),
    pytest.param("One sentence.", ["One sentence."], id="single-sentence"),
    pytest.param(
        "Hello!! Long time no see.", ["Hello!!", "Long time no see."], id="double-exclamation"
    ),
    pytest.param("Hello?? Who is there?", ["Hello??", "Who is there?"], id="double-question"),
    pytest.param("Hello!? Is that you?", ["Hello!?", "Is that you?"], id="exclamation-question"),
    pytest.param("Really?! Yes.", ["Really?!", "Yes."], id="question-exclamation"),
    pytest.param(
        "She works at Yahoo! in the accounting department.",
        ["She works at Yahoo! in the accounting department."],
        id="exclamation-then-lowercase",
    ),
    pytest.param(
        "It rose.\nThen it\nfell again.",
        ["It rose.", "Then it\nfell again."],
        id="line-breaks-are-spaces",
    ),
    pytest.param(
        "  Padded start.   Padded end.  ",
        ["Padded start.", "Padded end."],
        id="surrounding-whitespace-stripped",
    ),
    # Titles and abbreviations that never end a sentence.
    pytest.param(
        "Prof. Shi says so. He left.", ["Prof. Shi says so.", "He left."], id="title-prof"
    ),
    pytest.param(
        "Mr. and Mrs. Smith met Dr. Jones.",
        ["Mr. and Mrs. Smith met Dr. Jones."],
        id="titles-mr-mrs-dr",
    ),
    pytest.param(
        "Gov. Gavin Newsom met Sen. Alex Padilla and Rep. Nancy Pelosi.",
        ["Gov. Gavin Newsom met Sen. Alex Padilla and Rep. Nancy Pelosi."],
        id="titles-gov-sen-rep",
    ),
    pytest.param(
        "Gen. Mark Milley spoke. The Pentagon agreed.",
        ["Gen. Mark Milley spoke.", "The Pentagon agreed."],
        id="title-gen",
    ),
    pytest.param("I can see Mt. Fuji from here.", ["I can see Mt. Fuji from here."], id="title-mt"),
    pytest.param(
        "Some fruit, e.g. Apples, were sold, i.e. The red ones.",
        ["Some fruit, e.g. Apples, were sold, i.e. The red ones."],
        id="eg-ie-before-capital",
    ),
    pytest.param(
        "Japan vs. Sweden ended 1-1. Roe v. Wade was cited.",
        ["Japan vs. Sweden ended 1-1.", "Roe v. Wade was cited."],
        id="versus",
    ),
    # Abbreviations that may end a sentence: only before a likely sentence starter.
    pytest.param(
        "I live in the U.S. How about you?",
        ["I live in the U.S.", "How about you?"],
        id="us-ends-sentence",
    ),
    pytest.param(
        "He moved to the U.S. He liked it.",
        ["He moved to the U.S.", "He liked it."],
        id="us-ends-sentence-before-pronoun",
    ),
    pytest.param(
        "I work for the U.S. Government in Virginia.",
        ["I work for the U.S. Government in Virginia."],
        id="us-before-capitalised-noun",
    ),
    pytest.param(
        "I have lived in the U.S. for 20 years.",
        ["I have lived in the U.S. for 20 years."],
        id="us-before-lowercase",
    ),
    pytest.param(
        "U.S. President Joe Biden spoke.",
        ["U.S. President Joe Biden spoke."],
        id="us-starts-sentence",
    ),
    pytest.param(
        "The U.K. and the U.N. agreed. It was late.",
        ["The U.K. and the U.N. agreed.", "It was late."],
        id="uk-un-mid-sentence",
    ),
    pytest.param(
        "The U.N. Security Council met in the U.K. It voted.",
        ["The U.N. Security Council met in the U.K.", "It voted."],
        id="un-before-name-uk-at-end",
    ),
    pytest.param(
        "I live in the E.U. How about you?",
        ["I live in the E.U.", "How about you?"],
        id="eu-ends-sentence",
    ),
    pytest.param(
        "I visited the U.S.A. last year.",
        ["I visited the U.S.A. last year."],
        id="usa-mid-sentence",
    ),
    pytest.param(
        "He flew to Washington, D.C. The trip was short.",
        ["He flew to Washington, D.C.", "The trip was short."],
        id="dc-ends-sentence",
    ),
    pytest.param(
        "They closed the deal with Pitt, Briggs & Co. at noon.",
        ["They closed the deal with Pitt, Briggs & Co. at noon."],
        id="co-before-lowercase",
    ),
    pytest.param(
        "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
        ["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."],
        id="co-ends-sentence",
    ),
    pytest.param(
        "Let's ask Jane and co. They should know.",
        ["Let's ask Jane and co.", "They should know."],
        id="lowercase-co-ends-sentence",
    ),
    pytest.param(
        "Acme Inc. The deal closed. Apple Inc. shares rose.",
        ["Acme Inc.", "The deal closed.", "Apple Inc. shares rose."],
        id="inc-end-and-middle",
    ),
    pytest.param(
        "Shares of Alphabet Inc. (GOOGL) fell 2%. Microsoft Corp. rose.",
        ["Shares of Alphabet Inc. (GOOGL) fell 2%.", "Microsoft Corp. rose."],
        id="inc-before-ticker",
    ),
    pytest.param(
        "Samsung Electronics Co. Ltd. said profit rose. Acme Corp. It agreed.",
        ["Samsung Electronics Co. Ltd. said profit rose.", "Acme Corp.", "It agreed."],
        id="co-ltd-corp",
    ),
    pytest.param(
        "He quoted Martin Luther King Jr. The crowd cheered. King Jr. was born in 1929.",
        ["He quoted Martin Luther King Jr.", "The crowd cheered.", "King Jr. was born in 1929."],
        id="jr",
    ),
    pytest.param(
        "That is JFK Jr.'s book.", ["That is JFK Jr.'s book."], id="possessive-abbreviation"
    ),
    pytest.param(
        "St. Michael's Church is on 5th st. near the light.",
        ["St. Michael's Church is on 5th st. near the light."],
        id="st-saint-and-street",
    ),
    pytest.param(
        "She lives on Main St. The house is old. St. Louis is near.",
        ["She lives on Main St.", "The house is old.", "St. Louis is near."],
        id="st-ends-sentence",
    ),
    pytest.param(
        "They sold apples, pears, etc. The market closed. Pens, ink, etc. were cheap.",
        ["They sold apples, pears, etc.", "The market closed.", "Pens, ink, etc. were cheap."],
        id="etc",
    ),
    pytest.param(
        "Smith et al. found it. It was new.",
        ["Smith et al. found it.", "It was new."],
        id="et-al",
    ),
    pytest.param(
        "She earned a Ph.D. in physics. He has a Ph.D. His thesis was long.",
        ["She earned a Ph.D. in physics.", "He has a Ph.D.", "His thesis was long."],
        id="phd",
    ),
    pytest.param(
        "Cupertino, Calif., is home to Apple. He moved to Boston, Mass. The winter was hard.",
        [
            "Cupertino, Calif., is home to Apple.",
            "He moved to Boston, Mass.",
            "The winter was hard.",
        ],
        id="state-abbreviations",
    ),
    pytest.param(
        "Sen. Elizabeth Warren (D-Mass.) said Tuesday. She left.",
        ["Sen. Elizabeth Warren (D-Mass.) said Tuesday.", "She left."],
        id="state-in-parentheses",
    ),
    # Dates and numbered references.
    pytest.param(
        "It happened on Jan. 5. In Aug. 2020 it happened again.",
        ["It happened on Jan. 5.", "In Aug. 2020 it happened again."],
        id="months-before-numbers",
    ),
    pytest.param(
        "The attacks of Sept. 11 changed it. Feb. 2 is Groundhog Day.",
        ["The attacks of Sept. 11 changed it.", "Feb. 2 is Groundhog Day."],
        id="sept-feb",
    ),
    pytest.param(
        "The law passed in Aug. The courts objected.",
        ["The law passed in Aug.", "The courts objected."],
        id="month-ends-sentence",
    ),
    pytest.param(
        "He was No. 1 in the world. The answer was No. He left.",
        ["He was No. 1 in the world.", "The answer was No.", "He left."],
        id="no-number-and-word-no",
    ),
    pytest.param("Please turn to p. 55.", ["Please turn to p. 55."], id="page-abbreviation"),
    pytest.param(
        "See pp. 10-12 and Fig. 3 in Vol. 2. It helps.",
        ["See pp. 10-12 and Fig. 3 in Vol. 2.", "It helps."],
        id="pages-figure-volume",
    ),
    pytest.param(
        "You can find it at N°. 1026.253.553. That is where the treasure is.",
        ["You can find it at N°. 1026.253.553.", "That is where the treasure is."],
        id="numero-sign",
    ),
    # Times.
    pytest.param(
        "It ended at 10 p.m. The crowd left.",
        ["It ended at 10 p.m.", "The crowd left."],
        id="pm-ends-sentence",
    ),
    pytest.param(
        "It began at 9 a.m. on Tuesday. It ended at 5 p.m. Friday.",
        ["It began at 9 a.m. on Tuesday.", "It ended at 5 p.m. Friday."],
        id="am-pm-mid-sentence",
    ),
    pytest.param(
        "At 5 a.m. Mr. Smith went to the bank. He left.",
        ["At 5 a.m. Mr. Smith went to the bank.", "He left."],
        id="am-before-title",
    ),
    pytest.param(
        "The talks start at 10:30 a.m. ET on Monday.",
        ["The talks start at 10:30 a.m. ET on Monday."],
        id="am-before-time-zone",
    ),
    pytest.param(
        "Is it 5 p.m.? No. It is later.",
        ["Is it 5 p.m.?", "No.", "It is later."],
        id="pm-then-question-mark",
    ),
    # Initials.
    pytest.param(
        "J. R. R. Tolkien wrote it. J.R.R. Tolkien died in 1973.",
        ["J. R. R. Tolkien wrote it.", "J.R.R. Tolkien died in 1973."],
        id="initials",
    ),
    pytest.param(
        "George W. Bush met John F. Kennedy Jr. once.",
        ["George W. Bush met John F. Kennedy Jr. once."],
        id="middle-initials",
    ),
    pytest.param(
        "My name is Jonas E. Smith. J. A. Smith came too.",
        ["My name is Jonas E. Smith.", "J. A. Smith came too."],
        id="initial-before-initial-a",
    ),
    pytest.param(
        "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
        ["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"],
        id="pronoun-i-and-initial-i",
    ),
    pytest.param(
        "They chose Plan B. The rest failed.",
        ["They chose Plan B.", "The rest failed."],
        id="single-capital-ends-sentence",
    ),
    pytest.param(
        "E. coli was found. It spread.", ["E. coli was found.", "It spread."], id="e-coli"
    ),
    # Numbers, versions, URLs and e-mail addresses.
    pytest.param(
        "It rose 3.5% to $1.2 billion. Shares fell.",
        ["It rose 3.5% to $1.2 billion.", "Shares fell."],
        id="decimals-and-money",
    ),
    pytest.param(
        "She has $100.00 in her bag. She has $100.00. It is in her bag.",
        ["She has $100.00 in her bag.", "She has $100.00.", "It is in her bag."],
        id="money-at-end",
    ),
    pytest.param(
        "Version 1.5.2 is out. Python 3.11. It works.",
        ["Version 1.5.2 is out.", "Python 3.11.", "It works."],
        id="version-strings",
    ),
    pytest.param(
        "The company employs 1,500. 200 of them work abroad.",
        ["The company employs 1,500.", "200 of them work abroad."],
        id="sentence-starting-with-number",
    ),
    pytest.param(
        "The score was 3. Then it rained.",
        ["The score was 3.", "Then it rained."],
        id="sentence-ending-with-number",
    ),
    pytest.param(
        "2020 was hard. 2021 was better.",
        ["2020 was hard.", "2021 was better."],
        id="years-start-sentences",
    ),
    pytest.param(
        "In the U.S. 15 states agreed.",
        ["In the U.S. 15 states agreed."],
        id="number-after-abbreviation",
    ),
    pytest.param(
        "Visit www.example.com. The site is up.",
        ["Visit www.example.com.", "The site is up."],
        id="domain-at-end",
    ),
    pytest.param(
        "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.",
        [
            "The site is: https://www.example.50.com/new-site/awesome_content.html.",
            "Please check it out.",
        ],
        id="url-at-end",
    ),
    pytest.param(
        "Her email is Jane.Doe@example.com. I sent her an email.",
        ["Her email is Jane.Doe@example.com.", "I sent her an email."],
        id="email-at-end",
    ),
    # Quotations.
    pytest.param(
        "“The vote was close,” he says. He left.",
        ["“The vote was close,” he says.", "He left."],
        id="quote-with-attribution",
    ),
    pytest.param(
        "He said, “Stop.” Then he left.",
        ["He said, “Stop.”", "Then he left."],
        id="period-inside-curly-quotes",
    ),
    pytest.param(
        'He said, "Stop." Then he left.',
        ['He said, "Stop."', "Then he left."],
        id="period-inside-straight-quotes",
    ),
    pytest.param(
        "She turned to him, 'This is great.' she said.",
        ["She turned to him, 'This is great.' she said."],
        id="single-quotes-then-lowercase",
    ),
    pytest.param(
        'She turned to him, "This is great." she said.',
        ['She turned to him, "This is great." she said.'],
        id="double-quotes-then-lowercase",
    ),
    pytest.param(
        'She turned to him, "This is great." She held the book out to show him.',
        ['She turned to him, "This is great."', "She held the book out to show him."],
        id="double-quotes-end-sentence",
    ),
    pytest.param(
        "“Stop!” he shouted. “Why?” she asked.",
        ["“Stop!” he shouted.", "“Why?” she asked."],
        id="exclamation-and-question-in-quotes",
    ),
    pytest.param(
        "“Go!” The crowd roared.", ["“Go!”", "The crowd roared."], id="exclamation-in-quotes-ends"
    ),
    pytest.param(
        '"Japan is fierce,” he says. “Japan says it.”',
        ['"Japan is fierce,” he says.', "“Japan says it.”"],
        id="straight-open-curly-close",
    ),
    pytest.param(
        'He left. "Why?" she asked.',
        ["He left.", '"Why?" she asked.'],
        id="sentence-opens-with-quote",
    ),
    pytest.param(
        "He called it “a disaster”. Then he resigned.",
        ["He called it “a disaster”.", "Then he resigned."],
        id="period-after-closing-quote",
    ),
    pytest.param(
        "He works for Acme Inc.” The firm agreed.",
        ["He works for Acme Inc.”", "The firm agreed."],
        id="abbreviation-inside-closing-quote",
    ),
    pytest.param(
        "It was made in the U.S. “We are proud,” he said.",
        ["It was made in the U.S.", "“We are proud,” he said."],
        id="abbreviation-before-opening-quote",
    ),
    pytest.param(
        "He criticised the players'. Then he left.",
        ["He criticised the players'.", "Then he left."],
        id="apostrophe-before-period",
    ),
    # Ellipses.
    pytest.param(
        "I was thinking... maybe not.", ["I was thinking... maybe not."], id="ellipsis-mid-sentence"
    ),
    pytest.param(
        "And then… nothing. Wait… What?",
        ["And then… nothing.", "Wait…", "What?"],
        id="unicode-ellipsis",
    ),
    pytest.param("The end...", ["The end..."], id="ellipsis-at-end"),
    pytest.param(
        "I never meant that.... She left the store.",
        ["I never meant that....", "She left the store."],
        id="four-dot-ellipsis",
    ),
    pytest.param(
        "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
        [
            "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."
        ],
        id="spaced-ellipses-mid-sentence",
    ),
    pytest.param(
        "One further habit which was somewhat weakened . . . was that of combining words.",
        ["One further habit which was somewhat weakened . . . was that of combining words."],
        id="spaced-ellipsis-before-lowercase",
    ),
    pytest.param(
        "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”",
        [
            "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”"
        ],
        id="spaced-ellipsis-in-closing-quote",
    ),
    pytest.param(
        "It ends with a period . . . . Next sentence.",
        ["It ends with a period . . . .", "Next sentence."],
        id="spaced-four-dot-ellipsis",
    ),
    pytest.param(
        '"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).',
        ['"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).'],
        id="bracketed-ellipsis",
    ),
    pytest.param(
        "... and so it went. Next.", ["... and so it went.", "Next."], id="leading-ellipsis"
    ),
    # Parentheses, brackets, dashes.
    pytest.param(
        "(See above.) Next we go.", ["(See above.)", "Next we go."], id="sentence-in-parentheses"
    ),
    pytest.param(
        "He left. (He later returned.)",
        ["He left.", "(He later returned.)"],
        id="parenthesised-last",
    ),
    pytest.param(
        "He teaches science (He previously worked for 5 years as an engineer.) at the local University.",
        [
            "He teaches science (He previously worked for 5 years as an engineer.) at the local University."
        ],
        id="parenthesised-sentence-mid-sentence",
    ),
    pytest.param(
        "He said it (twice). She did not.",
        ["He said it (twice).", "She did not."],
        id="period-after-parenthesis",
    ),
    pytest.param(
        "[Editor's note: updated.] The story follows.",
        ["[Editor's note: updated.]", "The story follows."],
        id="square-brackets",
    ),
    pytest.param(
        "The vote—held on Jan. 5—was close. It passed.",
        ["The vote—held on Jan. 5—was close.", "It passed."],
        id="em-dashes-mid-sentence",
    ),
    pytest.param(
        "He was late — again. She was not.",
        ["He was late — again.", "She was not."],
        id="spaced-em-dash",
    ),
    pytest.param(
        "“I was going to—” He stopped.",
        ["“I was going to—”", "He stopped."],
        id="speech-broken-off-by-dash",
    ),
    # Lists.
    pytest.param("1. First item", ["1. First item"], id="numbered-item"),
    pytest.param(
        "1. The first item 2. The second item",
        ["1. The first item", "2. The second item"],
        id="inline-numbered-list",
    ),
    pytest.param(
        "1. The first item. 2. The second item.",
        ["1. The first item.", "2. The second item."],
        id="inline-numbered-list-with-periods",
    ),
    pytest.param(
        "1.) The first item 2.) The second item",
        ["1.) The first item", "2.) The second item"],
        id="inline-list-period-parenthesis",
    ),
    pytest.param(
        "1) The first item. 2) The second item.",
        ["1) The first item.", "2) The second item."],
        id="inline-list-parenthesis",
    ),
    pytest.param(
        "• 9. The first item • 10. The second item",
        ["• 9. The first item", "• 10. The second item"],
        id="bullet-list",
    ),
    pytest.param(
        "⁃9. The first item ⁃10. The second item",
        ["⁃9. The first item", "⁃10. The second item"],
        id="hyphen-bullet-list",
    ),
    pytest.param(
        "a. The first item b. The second item c. The third list item",
        ["a. The first item", "b. The second item", "c. The third list item"],
        id="inline-lettered-list",
    ),
    pytest.param(
        "Steps:\n1. Buy milk.\n2. Walk the dog\n- and feed it",
        ["Steps:", "1. Buy milk.", "2. Walk the dog", "- and feed it"],
        id="list-lines",
    ),
    # Inline Markdown left in place.
    pytest.param(
        "**Done.** Next one. She said *this.* And _that._ Fine.",
        ["**Done.**", "Next one.", "She said *this.*", "And _that._", "Fine."],
        id="markdown-emphasis",
    ),
    pytest.param(
        "Read [the report](https://example.com/report.html). It is long.",
        ["Read [the report](https://example.com/report.html).", "It is long."],
        id="markdown-link",
    ),
    pytest.param(
        "I bought it. iPhone sales rose.",
        ["I bought it.", "iPhone sales rose."],
        id="lowercase-brand-starts-sentence",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "case", GOLDEN["cases"], ids=lambda case: f"golden-{case['id']:02d}-{case['name']}"
)
def test_pragmatic_segmenter_english_golden_rule(case: dict[str, object]) -> None:
    text = str(case["text"])
    assert [sentence.strip() for sentence in sentences(text)] == case["expected"]


def test_golden_rule_file_is_the_whole_english_set() -> None:
    assert [case["id"] for case in GOLDEN["cases"]] == list(range(1, 49))
    assert "MIT" in GOLDEN["license"] and GOLDEN["commit"]


# The misses issue 12 named, beyond the golden rules (the first from pySBD's English tests).
MISSES = [
    pytest.param(
        "Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot.",
        [
            "Hello world.",
            "Today is Tuesday.",
            "Mr. Smith went to the store and bought 1,000.",
            "That is a lot.",
        ],
        id="no-space-after-period",
    ),
    pytest.param(
        "See www.Example.Com or jane.Doe@example.org today. He met Mrs.Smith there.",
        ["See www.Example.Com or jane.Doe@example.org today.", "He met Mrs.Smith there."],
        id="no-space-but-an-address-or-a-title",
    ),
    pytest.param(
        "The talks ended at 9 p.m. Mr. Kishida then spoke. By 7 a.m. Dr. Lee had left.",
        ["The talks ended at 9 p.m.", "Mr. Kishida then spoke.", "By 7 a.m. Dr. Lee had left."],
        id="time-ends-a-sentence-before-a-title-unless-it-opens-it",
    ),
    pytest.param(
        "The talks ended at 9 p.m. Tuesday in Beijing.",
        ["The talks ended at 9 p.m. Tuesday in Beijing."],
        id="time-before-a-weekday-goes-on",
    ),
    pytest.param(
        "Ports, rail, roads, etc. Prices rose too.",
        ["Ports, rail, roads, etc.", "Prices rose too."],
        id="etc-ends-a-sentence-before-a-capital",
    ),
    pytest.param(
        "1.) Tariffs fall to 5.5% in 2026 2.) Quotas end 3.) Talks go on.",
        ["1.) Tariffs fall to 5.5% in 2026", "2.) Quotas end", "3.) Talks go on."],
        id="inline-numbered-list-with-parens",
    ),
    pytest.param(
        "The words were combined. . . . The practice went on.",
        ["The words were combined.", ". . . The practice went on."],
        id="period-then-spaced-ellipsis",
    ),
    pytest.param(
        "The words were combined. . . . the practice went on.",
        ["The words were combined. . . . the practice went on."],
        id="period-then-spaced-ellipsis-before-lowercase",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MISSES)
def test_issue_12_misses(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("text", ["", " ", "\n\t \n"], ids=["empty", "space", "whitespace-only"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


# Every line of the sample article is a block of its own (headline, image label, caption or
# paragraph; see test_sources.py), so each line is segmented separately.
SAMPLE_SENTENCES = [
    "Analysis: China reaches out to Japan to mark diplomatic milestone",
    "This year is the 50th anniversary of the normalization of diplomatic relations between Japan and China.",
    "The two countries are fostering economic ties, but Japan tends to share the United States’ unresolved concerns about China's military expansion and human rights issues.",
    "As relations between China and the US grow increasingly tense, Beijing wants to strengthen bonds with Japan.",
    "It’s a bid to prevent Tokyo from growing more closely aligned to Washington.",
    "Chinese President Xi Jinping told Japanese Prime Minister Kishida Fumio in a phone call last October that he wants to use the 50th anniversary to kick off a new phase in bilateral relations.",
    "Xi Jinping image",
    "Xi Jinping wants to foster a new phase in Japan-China relations.",
    "China hopes to further strengthen economic ties through the Regional Comprehensive Economic Partnership, a free-trade agreement that came into effect this month.",
    "China and Japan are among its 15 member nations.",
    "A Chinese international affairs expert says the Kishida administration is siding with the US in its tough stance against Beijing on security and human rights issues.",
    "Renmin University of China Professor Shi Yinhong says there is little celebratory mood surrounding the diplomatic anniversary.",
    "\"Japan's strategic confrontation with China is extremely fierce in the military field, especially over the Taiwan issue and the East China Sea,” he says.",
    "“Japan says it will not take any specific action in relation to the Beijing Olympics, but what it is actually doing amounts to a diplomatic boycott.”",
    "Beijing Olympics image",
    "Japan will not send a government delegation to the Beijing Winter Olympics and Paralympics",
    "Regarding US-China relations, Professor Shi says there is little chance that the Biden administration will make any concessions on major issues.",
    "That's because its approval ratings remain low ahead of midterm elections this fall.",
    "President Xi is expected to step up efforts to boost his authority at the Communist Party National Congress later this year.",
    "Part of that is a tough approach towards the outside world.",
    "Professor Shi explains that “a historical resolution was adopted at a plenary meeting of the party's Central Committee last year, and a policy to counter the US was presented in a very clear way.",
    'There are very few points on which clear improvements can be expected in the relationship between China and the US."',
    "Professor Shi Yinhong",
    "Professor Shi Yinhong regards building a stable relationship between China and Japan as a challenge.",
    "Professor Shi sees the status of Taiwan as the most contentious issue.",
    "He warns that building a stable relationship between China and Japan is likely to be a major challenge.",
]


def test_sample_article_sentences() -> None:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    found = [sentence for line in lines for sentence in sentences(line)]
    assert found == SAMPLE_SENTENCES


def test_sample_article_paragraphs_keep_line_offsets() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    offset = text.index("Renmin University")
    paragraph = text[offset : text.index("\n", offset)]
    spans = split_sentences(paragraph)
    assert [paragraph[start:end] for start, end in spans] == SAMPLE_SENTENCES[11:14]
    assert spans[0][0] == 0 and spans[-1][1] == len(paragraph)


PROTECTED_CASES = [
    pytest.param(
        "See [the notes](https://example.com/a. B/c) now. Then go.",
        "https://example.com/a. B/c",
        ["See [the notes](https://example.com/a. B/c) now.", "Then go."],
        id="link-url-with-period-and-space",
    ),
    pytest.param(
        "Run `make. Then test` first. It works.",
        "`make. Then test`",
        ["Run `make. Then test` first.", "It works."],
        id="code-span-with-sentence-end",
    ),
    pytest.param(
        "Ask Mr. Smith! He knows.",
        "Smith! He",
        ["Ask Mr. Smith! He knows."],
        id="exclamation-inside-protected",
    ),
    pytest.param(
        "Read `x`. Then go.",
        "`x`",
        ["Read `x`.", "Then go."],
        id="period-right-after-protected-still-splits",
    ),
]


@pytest.mark.parametrize(("text", "span_text", "expected"), PROTECTED_CASES)
def test_protected_span_is_never_split(text: str, span_text: str, expected: list[str]) -> None:
    start = text.index(span_text)
    assert sentences(text, [(start, start + len(span_text))]) == expected


def test_protected_spans_may_come_in_any_order() -> None:
    text = "One. Two. Three. Four."
    assert sentences(text, [(10, 17), (0, 5)]) == ["One. Two.", "Three. Four."]


# Pieces that exercise every rule, glued in random order with random whitespace.
PIECES = [
    "The", "he", "Mr.", "U.S.", "a.m.", "J.", "No.", "1.", "2)", "10", "3.5", "etc.", "e.g.",
    ".", "?", "!", "?!", "...", "…", ". . .", "—", "“", "”", '"', "'", "’", "(", ")", "[", "]",
    "•", "⁃", "-", "*", "_", "iPhone", "www.example.com", " ", "  ", "\n", "\t", "\u00a0",
]  # fmt: skip
TEXTS = st.one_of(
    st.text(),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
)


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    position = 0
    covered = []
    for start, end in spans:
        assert position <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert not text[position:start].strip()  # only whitespace between sentences
        covered.append(piece)
        position = end
    assert not text[position:].strip()
    assert "".join("".join(covered).split()) == "".join(text.split())


@given(TEXTS)
def test_spans_are_ordered_stripped_and_cover_all_text(text: str) -> None:
    _check_spans(text, split_sentences(text))


@given(TEXTS, st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=4))
def test_no_split_inside_protected_spans(text: str, raw: list[tuple[int, int]]) -> None:
    protected = [(start, start + length) for start, length in raw]
    spans = split_sentences(text, protected)
    _check_spans(text, spans)
    for (_, end), (start, _) in pairwise(spans):
        assert not any(low < start and high > end for low, high in protected)


#: Pieces of prose where the sentence-end patterns decide: marks, quotes, digits, capitals.
_PROSE = st.lists(
    st.sampled_from([*'aZ1. !?…—–"”’)*_\n•⁃', "Mr", "U.S", "ab.Cd", "12.Ab", "etc", " 2. "]),
    max_size=30,
).map("".join)


@given(_PROSE)
@example("“I was going to–” He stopped. Then—” she left… Why?! Yes . . . no")
def test_marks_first_finds_the_candidates_the_pattern_finds(text: str) -> None:
    # The sentence-end pattern tried only where a mark is, as finditer would try it anywhere.
    assert [m.span() for m in segment._candidates(text)] == [
        m.span() for m in segment._CANDIDATE.finditer(text)
    ]


@given(_PROSE, st.integers(0, 30), st.integers(0, 30))
@example("I a.Bc and 1.Ab", 0, 30)
def test_the_period_first_unspaced_pattern_is_the_lookbehind_first_one(
    text: str, start: int, end: int
) -> None:
    written_first = re.compile(r"(?:(?<=[a-z]{2})|(?<=\d))\.(?=[A-Z][a-z]+\b)")
    assert [m.span() for m in segment._UNSPACED.finditer(text, start, end)] == [
        m.span() for m in written_first.finditer(text, start, end)
    ]
