"""The glossary: terms and their renderings, loaded from YAML and validated (docs/architecture.md#glossary).

Schema of one term (every key but ``id`` and ``en`` is optional)::

    id: kishida-fumio              # unique; lowercase letters, digits and hyphens
    en: [Kishida Fumio, Fumio Kishida]   # source forms; the first is canonical, all are matched
    type: person                   # person|org|agreement|place|event|title|other (default other)
    ja: 岸田文雄                   # one target, or a list: preferred first, then accepted
    forbidden: {ja: [岸田フミオ]}  # renderings that must never appear
    note: why a choice was made    # for reviewers; exported to TBX and CSV
    dnt: true                      # do not translate: a source form must appear verbatim
    case: insensitive              # match source forms ignoring case (default sensitive)
    general: true                  # a general term: need not occur in the sample articles

Matching lives in :mod:`pipeline.glossary.match`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.core import InputError, LocpipeError, ProblemsError, decode_text, did_you_mean
from pipeline.core import is_known_language, resolve
from pipeline.core import LineList, LineMap, has_control, parse_yaml, type_name

if TYPE_CHECKING:
    from pipeline.core import Settings

SOURCE_LANGUAGE = "en"
TERM_TYPES = ("person", "org", "agreement", "place", "event", "title", "other")
CASES = ("sensitive", "insensitive")
TERM_KEYS = ("id", "en", "type", "forbidden", "note", "dnt", "case", "general")
TOP_KEYS = ("version", "terms")
#: Longer than any real term (a treaty name); a 2,000,000-character form crashed the matcher.
MAX_FORM_CHARS = 200
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_LANGUAGE_KEY = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*\Z")

# Typographic quotes and hyphens fold to ASCII for matching only: sources mix “US’s” and "US's".
FOLD_TABLE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
    }
)
# str.translate looks up every character (slow on non-ASCII text); a search skips most texts.
_FOLDED = re.compile("[" + "".join(re.escape(chr(code)) for code in FOLD_TABLE) + "]")


def fold(text: str, casefold: bool = False) -> str:
    """The matching key of ``text``: NFKC, ASCII quotes and hyphens, optionally casefolded."""
    folded = unicodedata.normalize("NFKC", text)
    if _FOLDED.search(folded):
        folded = folded.translate(FOLD_TABLE)
    return folded.casefold() if casefold else folded


@dataclass(frozen=True)
class Term:
    """One glossary entry; ``targets`` and ``forbidden`` are ``(language, forms)`` pairs."""

    id: str
    en: tuple[str, ...]
    type: str = "other"
    targets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    forbidden: tuple[tuple[str, tuple[str, ...]], ...] = ()
    note: str = ""
    dnt: bool = False
    case_insensitive: bool = False
    general: bool = False
    path: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    @property
    def canonical(self) -> str:
        """The canonical English form, used in hints and messages."""
        return self.en[0]

    def target(self, language: str) -> tuple[str, ...]:
        """Preferred and accepted renderings for ``language`` (empty when none).

        The key is resolved as docs/language-variants.md says: exact, else the
        script (``zh_Hant`` for zh_TW), else the base (``ja`` for ja_JP), never across scripts.
        """
        return _resolved(self.targets, language)

    def forbidden_in(self, language: str) -> tuple[str, ...]:
        """Renderings that must never appear in ``language`` (keys resolved as for targets)."""
        return _resolved(self.forbidden, language)

    def target_key(self, language: str) -> str | None:
        """The glossary key this term's targets use for ``language``; None when it has none."""
        targets = dict(self.targets)
        if language in targets or not is_known_language(language):
            return language if language in targets else None
        return resolve(language).glossary_key(targets)


def _resolved(
    pairs: tuple[tuple[str, tuple[str, ...]], ...], language: str
) -> tuple[str, ...]:
    # The exact key first, without building a dict: checking a catalog asks once per term found.
    for key, forms in reversed(pairs):  # reversed: the last of a repeated key wins, as in dict()
        if key == language:
            return forms
    if not pairs or not is_known_language(language):
        return ()
    by_key = dict(pairs)
    found = resolve(language).glossary_key(by_key)
    return by_key[found] if found else ()


@dataclass(frozen=True)
class Glossary:
    """All terms of a project, the languages they were validated for and a content hash."""

    terms: tuple[Term, ...]
    languages: tuple[str, ...] = ()
    sha256: str = ""

    def term(self, term_id: str) -> Term | None:
        """The term with id ``term_id``, if any."""
        return next((t for t in self.terms if t.id == term_id), None)


def load_project_glossary(settings: Settings) -> Glossary:
    """The glossary named in ``locpipe.yaml``, validated for its target languages."""
    return load_glossary(settings.glossary, settings.languages, root=settings.root)


def load_glossary(
    paths: Sequence[Path], languages: Sequence[str], root: Path | None = None
) -> Glossary:
    """Load and validate glossary files; raise :class:`ProblemsError` listing every problem.

    File names in messages are relative to ``root`` when given.
    """
    problems: list[LocpipeError] = []
    terms: list[Term] = []
    digest = hashlib.sha256()
    for path in paths:
        name = _shown(path, root)
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(InputError(f"cannot read glossary: {exc.strerror}", name))
            continue
        # Length-prefixed so that moving text from one file to the next changes the hash.
        digest.update(len(data).to_bytes(8, "big") + data)
        try:
            text = decode_text(data, name)
        except InputError as exc:
            problems.append(exc)
            continue
        terms.extend(_read_file(text, name, languages, problems))
    return _finish(terms, languages, problems, digest.hexdigest())


def parse_glossary(text: str, name: str, languages: Sequence[str]) -> Glossary:
    """Validate one glossary given as YAML text (``name`` is shown in messages)."""
    problems: list[LocpipeError] = []
    terms = _read_file(text, name, languages, problems)
    return _finish(terms, languages, problems, hashlib.sha256(text.encode("utf-8")).hexdigest())


def _shown(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def _finish(
    terms: list[Term], languages: Sequence[str], problems: list[LocpipeError], sha256: str
) -> Glossary:
    _check_terms(terms, languages, problems)
    if problems:
        order = {problem.path: index for index, problem in enumerate(problems)}
        problems.sort(key=lambda p: (order[p.path], p.line or 0))
        raise ProblemsError(problems)
    return Glossary(terms=tuple(terms), languages=tuple(languages), sha256=sha256)


def _read_file(
    text: str, name: str, languages: Sequence[str], problems: list[LocpipeError]
) -> list[Term]:
    try:
        data = parse_yaml(text, name)
    except InputError as exc:
        problems.append(exc)
        return []
    if not isinstance(data, LineMap):
        found = type_name(data)
        problems.append(InputError(f"a glossary must be a mapping, not {found}", name, 1))
        return []
    _unknown_keys(data, TOP_KEYS, name, problems)
    if data.get("version", 1) != 1:
        line = data.key_lines["version"]
        problems.append(InputError("unsupported glossary version; expected 1", name, line))
    items = data.get("terms")
    if not isinstance(items, LineList):
        line = data.key_lines.get("terms", data.line)
        problems.append(InputError(f"'terms' must be a list, not {type_name(items)}", name, line))
        return []
    reader = _TermReader(name, tuple(languages), problems)
    terms = (reader.read(item, line) for item, line in zip(items, items.item_lines, strict=True))
    return [term for term in terms if term is not None]


def _unknown_keys(
    data: LineMap, allowed: Sequence[str], name: str, problems: list[LocpipeError]
) -> None:
    for key in data:
        if key not in allowed:
            problems.append(InputError(_unknown(key, allowed), name, data.key_lines[key]))


def _unknown(key: str, allowed: Sequence[str]) -> str:
    return f"unknown key '{key}'{did_you_mean(key, allowed)}"


def is_language_key(key: str) -> bool:
    """True when a term key names a target language (``ja``, ``zh``, ``zh-Hant`` ...)."""
    return (
        key not in TERM_KEYS
        and key != SOURCE_LANGUAGE
        and bool(_LANGUAGE_KEY.match(key))
        and is_known_language(key)
    )


@dataclass
class _TermReader:
    """Reads one term mapping, appending a located problem for each thing wrong with it."""

    name: str
    languages: tuple[str, ...]
    problems: list[LocpipeError]

    def problem(self, message: str, line: int) -> None:
        self.problems.append(InputError(message, self.name, line))

    def read(self, item: Any, line: int) -> Term | None:
        """A :class:`Term`, or None when the entry is too broken to use."""
        if not isinstance(item, LineMap):
            self.problem(f"a term must be a mapping, not {type_name(item)}", line)
            return None
        allowed = (*TERM_KEYS, SOURCE_LANGUAGE, *self.languages)
        for key in item:
            if key not in TERM_KEYS and key != SOURCE_LANGUAGE and not is_language_key(key):
                self.problem(_unknown(key, allowed), item.key_lines[key])
        term_id = self.term_id(item)
        en = self.forms(item, SOURCE_LANGUAGE) if SOURCE_LANGUAGE in item else ()
        if SOURCE_LANGUAGE not in item:
            self.problem(f"term has no '{SOURCE_LANGUAGE}' source form", item.line)
        targets = self.targets(item)
        term = Term(
            id=term_id or "",
            en=en,
            type=self.choice(item, "type", TERM_TYPES, "other"),
            targets=tuple((lang, forms) for lang, forms in targets if forms),
            forbidden=self.forbidden(item),
            note=self.note(item),
            dnt=self.flag(item, "dnt"),
            case_insensitive=self.choice(item, "case", CASES, "sensitive") == "insensitive",
            general=self.flag(item, "general"),
            path=self.name,
            line=item.line,
        )
        self.check_targets(term, item)
        return term if term_id and en else None

    def targets(self, item: LineMap) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Target forms under canonical keys (``zh-TW`` → ``zh_TW``); two spellings clash."""
        found: dict[str, tuple[str, ...]] = {}
        for key in item:
            if not is_language_key(key):
                continue
            code = resolve(key).code
            if code in found:
                self.problem(f"'{key}' repeats the language '{code}'", item.key_lines[key])
                continue
            found[code] = self.forms(item, key)
        return tuple(found.items())

    def term_id(self, item: LineMap) -> str | None:
        if "id" not in item:
            self.problem("term has no 'id'", item.line)
            return None
        value = item["id"]
        if not isinstance(value, str) or not _ID.match(value):
            shown = value if isinstance(value, str) else type_name(value)
            message = f"bad id '{shown}': use lowercase letters, digits and single hyphens"
            self.problem(message, item.key_lines["id"])
            return None
        return value

    def forms(self, data: LineMap, key: str, where: str = "") -> tuple[str, ...]:
        """A string or a non-empty list of non-empty strings, stripped, without repeats."""
        value, line = data[key], data.key_lines[key]
        label = f"{where}{key}"
        if isinstance(value, str):
            values, lines = [value], [line]
        elif isinstance(value, LineList):
            values, lines = list(value), value.item_lines
            if not values:
                self.problem(f"'{label}' must not be empty", line)
        else:
            self.problem(f"'{label}' must be a string or a list, not {type_name(value)}", line)
            return ()
        forms: list[str] = []
        for form, form_line in zip(values, lines, strict=True):
            if not isinstance(form, str):
                self.problem(f"'{label}' items must be strings, not {type_name(form)}", form_line)
            elif not form.strip():
                self.problem(f"'{label}' must not be empty", form_line)
            elif problem := _form_problem(form.strip()):
                self.problem(f"'{label}': {problem}", form_line)
            elif form.strip() in forms:
                self.problem(f"'{form.strip()}' is listed twice in '{label}'", form_line)
            else:
                forms.append(form.strip())
        return tuple(forms)

    def forbidden(self, item: LineMap) -> tuple[tuple[str, tuple[str, ...]], ...]:
        value = item.get("forbidden")
        if value is None:
            return ()
        if not isinstance(value, LineMap):
            found = type_name(value)
            message = f"'forbidden' must be a mapping of language to renderings, not {found}"
            self.problem(message, item.key_lines["forbidden"])
            return ()
        pairs = []
        for lang in value:
            if not is_language_key(lang):
                message = f"unknown language '{lang}' in 'forbidden'"
                self.problem(message, value.key_lines[lang])
                continue
            forms = self.forms(value, lang, "forbidden.")
            if forms:
                pairs.append((resolve(lang).code, forms))
        return tuple(sorted(pairs))  # by language: no order to lose in TBX or CSV

    def choice(self, item: LineMap, key: str, allowed: Sequence[str], default: str) -> str:
        value = item.get(key, default)
        if value in allowed:
            return str(value)
        shown = value if isinstance(value, str) else type_name(value)
        hint = did_you_mean(str(value), allowed)
        message = f"bad {key} '{shown}': expected one of {', '.join(allowed)}{hint}"
        self.problem(message, item.key_lines[key])
        return default

    def flag(self, item: LineMap, key: str) -> bool:
        value = item.get(key, False)
        if not isinstance(value, bool):
            message = f"'{key}' must be true or false, not {type_name(value)}"
            self.problem(message, item.key_lines[key])
            return False
        return value

    def note(self, item: LineMap) -> str:
        value = item.get("note", "")
        if not isinstance(value, str):
            self.problem(f"'note' must be a string, not {type_name(value)}", item.key_lines["note"])
            return ""
        if has_control(value, allowed="\n\t"):
            self.problem("'note' holds a control character", item.key_lines["note"])
            return ""
        return value.strip()

    def check_targets(self, term: Term, item: LineMap) -> None:
        """Languages without targets, targets on dnt terms, forbidden = accepted."""
        for lang, _ in term.targets:
            if term.dnt:
                message = f"'{lang}' target on a do-not-translate term; remove it or 'dnt'"
                self.problem(message, item.key_lines[lang])
        if not term.dnt:
            # Keys as written, even empty ones: an empty target is its own problem above.
            present = {resolve(key).code for key in item if is_language_key(key)}
            for lang in self.languages:
                if lang not in present and resolve(lang).glossary_key(present) is None:
                    keys = " or ".join(f"'{key}'" for key in _key_hints(lang))
                    message = f"term '{term.id}' has no {keys} target (add one or 'dnt: true')"
                    self.problem(message, item.line)
        for lang, bad in term.forbidden:
            accepted = {fold(form) for form in target_forms_of(term, lang)}
            for form in bad:
                if fold(form) in accepted:
                    line = item["forbidden"].key_lines[lang]
                    self.problem(f"'{form}' is both accepted and forbidden for '{lang}'", line)


def _form_problem(form: str) -> str | None:
    """Why a term form cannot be used, or None: forms go into the matcher and PO comments."""
    if len(form) > MAX_FORM_CHARS:
        return f"a form of {len(form):,} characters; forms are limited to {MAX_FORM_CHARS}"
    if has_control(form):
        return f"{form[:40]!r} holds a control character"
    return None


def _key_hints(language: str) -> tuple[str, ...]:
    """The glossary keys worth suggesting for a language: its own, its script, its base."""
    if not is_known_language(language):
        return (language,)
    resolved = resolve(language)
    keys = resolved.glossary_keys
    fallback = resolved.language if resolved.language in keys else keys[-1]
    return tuple(dict.fromkeys((resolved.code, fallback)))  # zh_TW or zh_Hant; ja_JP or ja


def target_forms_of(term: Term, language: str) -> tuple[str, ...]:
    """Accepted renderings in ``language``: the targets, or the source forms for dnt terms."""
    return term.en if term.dnt else term.target(language)


def _check_terms(terms: list[Term], languages: Sequence[str], problems: list[LocpipeError]) -> None:
    """Checks across terms: duplicate ids and source forms claimed by two terms."""
    ids: dict[str, Term] = {}
    forms: dict[str, tuple[Term, str]] = {}
    for term in terms:
        first = ids.setdefault(term.id, term)
        if first is not term:
            where = f"{first.path}:{first.line}"
            problems.append(
                InputError(f"duplicate id '{term.id}' (first at {where})", term.path, term.line)
            )
            continue
        for form in term.en:
            # Casefolded keys so that an insensitive term also collides with any-case forms.
            key = fold(form, casefold=True)
            other = forms.setdefault(key, (term, form))
            if other[0] is term:
                continue
            clash = (
                other[0].case_insensitive or term.case_insensitive or fold(other[1]) == fold(form)
            )
            if clash:
                message = f"source form '{form}' is already claimed by term '{other[0].id}'"
                problems.append(InputError(message, term.path, term.line))
