"""Language codes and locale data from Babel: the one resolver every stage uses.

The only module importing Babel. A configured code (``ja``, ``ja_JP``, ``zh-TW``, ``zh_Hant``)
resolves to a :class:`Language`: its canonical spelling (POSIX, as gettext folders use it), the
full identity Babel's likely subtags give it (``zh_TW`` and ``zh_Hant`` are both zh-Hant-TW), the
glossary keys to look for, the Argos language code, the Babel locale and the HTML ``lang``
(docs/architecture.md#language-variants).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

# babel.dates, babel.numbers and babel.messages (~8 ms together) are imported by the functions
# that format with them: resolving a code, which every command does, needs only babel.core.

# A POSIX locale may carry a codeset and a modifier (ja_JP.UTF-8, sr_RS@latin); neither names
# another language, so both are dropped before resolving.
_CODESET = re.compile(r"[.@].*\Z")
_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}\Z")

#: Argos Translate names Traditional Chinese ``zt``; every other pair uses the base language.
_ARGOS_SCRIPT_CODES = {("zh", "Hant"): "zt"}


@dataclass(frozen=True)
class Language:
    """A resolved language code: spelling, identity and what each part of locpipe calls it."""

    code: str  # canonical spelling: zh_TW, ja_JP, zh_Hant, ja
    language: str  # base language: zh
    script: str  # explicit or likely script: Hant for zh_TW, Hans for zh, Jpan for ja
    territory: str  # explicit or likely territory: TW for zh_TW and zh_Hant
    explicit_territory: bool  # the code names its territory (zh_TW, ja_JP)

    @property
    def identity(self) -> tuple[str, str, str]:
        """Two codes with the same identity are one language (``ja`` and ``ja_JP``)."""
        return (self.language, self.script, self.territory)

    @property
    def locale(self) -> str:
        """The Babel locale identifier: ``zh_Hant_TW`` for zh_TW, ``ja`` for ja."""
        return str(_locale(self.code))

    @property
    def html_lang(self) -> str:
        """The BCP 47 tag for HTML ``lang`` and TBX ``xml:lang``: ``zh-Hant-TW``, ``zh-Hans``."""
        territory = self.territory if self.explicit_territory else ""
        script = self.script if self.language in _multi_script() else ""
        return "-".join(part for part in (self.language, script, territory) if part)

    @property
    def argos_code(self) -> str:
        """The code Argos Translate packages use: ``zt`` for zh_TW/zh_Hant, ``ja`` for ja_JP."""
        return _ARGOS_SCRIPT_CODES.get((self.language, self.script), self.language)

    @property
    def glossary_keys(self) -> tuple[str, ...]:
        """Glossary keys to try, best first: exact, script, base (never across scripts)."""
        likely = resolve(self.language)
        keys = [self.code]
        if self.explicit_territory:  # zh_Hant is not Taiwan's alone: no zh_TW key for it
            keys += [
                f"{self.language}_{self.script}_{self.territory}",
                f"{self.language}_{self.territory}",
            ]
        keys.append(f"{self.language}_{self.script}")
        if likely.script == self.script:  # ja_JP → ja, zh_CN → zh; never zh_TW → zh (Hans)
            keys.append(self.language)
        return tuple(dict.fromkeys(key for key in keys if is_known_language(key)))

    def glossary_key(self, keys: Container[str]) -> str | None:
        """The first of :attr:`glossary_keys` present in ``keys`` (canonical spellings)."""
        return next((key for key in self.glossary_keys if key in keys), None)


def normalize_code(code: str) -> str:
    """The POSIX spelling of a code: ``zh-tw`` → ``zh_TW``, ``zh-hant`` → ``zh_Hant``."""
    parts = _CODESET.sub("", code.strip()).replace("-", "_").split("_")
    if not parts or not all(_SUBTAG.match(part) for part in parts):
        return code.strip()
    shaped = [parts[0].lower()]
    for part in parts[1:]:
        shaped.append(part.title() if _is_script(part) else part.upper())
    return "_".join(shaped)


def without_likely_script(code: str) -> str:
    """The POSIX spelling without a script its other subtags imply: ``zh-Hant-TW`` → ``zh_TW``.

    ``zh-Hans`` → ``zh``, but ``zh-Hant`` stays ``zh_Hant`` (plain zh is Simplified). Unknown
    codes come back normalized only.
    """
    spelled = normalize_code(code)
    parts = spelled.split("_")
    rest = [part for part in parts[1:] if not _is_script(part)]
    shorter = "_".join([parts[0], *rest])
    if shorter == spelled or not is_known_language(spelled) or not is_known_language(shorter):
        return spelled
    return shorter if resolve(shorter).script == resolve(spelled).script else spelled


def _is_script(part: str) -> bool:
    return len(part) == 4 and part.isalpha()


@lru_cache(maxsize=512)
def resolve(code: str) -> Language:
    """Resolve a language code; raises ``ValueError`` for codes Babel does not know."""
    spelled = normalize_code(code)
    try:
        locale = Locale.parse(spelled)
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown language code '{code}'") from exc
    likely = _likely(locale.language, locale.script, locale.territory)
    return Language(
        code=spelled,
        language=locale.language,
        script=locale.script or likely[1],
        territory=locale.territory or likely[2],
        explicit_territory=locale.territory is not None,
    )


def _likely(language: str, script: str | None, territory: str | None) -> tuple[str, str, str]:
    """CLDR "add likely subtags": the most specific known entry fills what the code omits."""
    table = get_global("likely_subtags")
    for parts in ((language, script, territory), (language, territory), (language, script)):
        if all(parts):
            found = table.get("_".join(parts))  # type: ignore[arg-type]
            if found:
                return _split(str(found), language, script, territory)
    return _split(str(table.get(language, language)), language, script, territory)


def _split(
    likely: str, language: str, script: str | None, territory: str | None
) -> tuple[str, str, str]:
    parts = likely.split("_")
    found_script = next((p for p in parts[1:] if _is_script(p)), "")
    found_territory = next((p for p in parts[1:] if not _is_script(p)), "")
    return (language, script or found_script, territory or found_territory)


@lru_cache(maxsize=1)
def _multi_script() -> frozenset[str]:
    """Languages written in more than one script: their HTML tag names the script (W3C)."""
    return frozenset({"zh", "sr", "uz", "az", "bs", "pa", "mn", "ms"})


def is_known_language(code: str) -> bool:
    """True when Babel has locale data for ``code`` (``ja``, ``zh_TW``, ``zh-Hant`` ...)."""
    try:
        resolve(code)
    except ValueError:
        return False
    return True


def base_language(code: str) -> str:
    """The language subtag: ``zh`` for zh_TW or zh-Hant-TW; unknown codes by their first part."""
    if is_known_language(code):
        return resolve(code).language
    return normalize_code(code).split("_")[0].lower()


def same_language(first: str, second: str) -> bool:
    """True when two codes name one language (``zh-TW`` and ``zh_TW``; ``ja`` and ``ja_JP``)."""
    return resolve(first).identity == resolve(second).identity


def _locale(code: str) -> Locale:
    return Locale.parse(normalize_code(code))


def plural_forms(code: str) -> str:
    """The gettext ``Plural-Forms`` header value for a language, from Babel's CLDR data."""
    from babel.messages.plurals import get_plural

    return str(get_plural(_locale(code)).plural_forms)


def language_name(code: str, display: str = "en") -> str:
    """The language's name as written in ``display`` (``日本語`` for ja in ja)."""
    return _locale(code).get_display_name(_locale(display)) or code


def language_tag(code: str) -> str:
    """The BCP 47 tag for HTML ``lang`` and TBX ``xml:lang``: ``ja``, ``zh-Hans``, ``zh-Hant-TW``."""
    return resolve(code).html_lang


def format_date_long(moment: datetime, code: str) -> str:
    """A date in the locale's long form (``2026年11月29日``, ``November 29, 2026``)."""
    from babel.dates import format_date

    return format_date(moment.date(), format="long", locale=_locale(code))


def format_ratio(ratio: float, code: str) -> str:
    """A ratio as a percentage for the locale, one decimal only when it is not whole."""
    from babel.numbers import format_percent

    return format_percent(ratio, format="#,##0.#%", locale=_locale(code))


def format_integer(number: int, code: str) -> str:
    """An integer with the locale's digit grouping."""
    from babel.numbers import format_decimal

    return format_decimal(number, locale=_locale(code))
