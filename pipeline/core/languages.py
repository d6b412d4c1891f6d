"""Locale data from Babel: language names, plural forms. The only module importing Babel."""

from __future__ import annotations

from datetime import datetime

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_datetime
from babel.messages.plurals import get_plural
from babel.numbers import format_decimal, format_percent


def is_known_language(code: str) -> bool:
    """True when Babel has locale data for ``code`` (``ja``, ``zh``, ``zh_Hans`` ...)."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def plural_forms(code: str) -> str:
    """The gettext ``Plural-Forms`` header value for a language, from Babel's CLDR data."""
    plural = get_plural(Locale.parse(code.replace("-", "_")))
    return plural.plural_forms


def language_name(code: str, display: str = "en") -> str:
    """The language's name as written in ``display`` (``日本語`` for ja in ja)."""
    locale = Locale.parse(code.replace("-", "_"))
    return locale.get_display_name(Locale.parse(display.replace("-", "_"))) or code


def format_timestamp(moment: datetime, code: str) -> str:
    """A date and time formatted for the locale's readers."""
    return format_datetime(moment, format="medium", locale=Locale.parse(code.replace("-", "_")))


# Languages written in more than one script: a bare "zh" does not say which characters a page
# uses, so browsers pick fonts by guesswork. W3C asks for the script subtag (zh-Hans, zh-Hant).
_MULTI_SCRIPT = frozenset({"zh", "sr", "uz", "az", "bs", "pa", "mn", "ms"})


def language_tag(code: str) -> str:
    """The BCP 47 tag for an HTML ``lang`` attribute: ``ja``, ``zh-Hans`` for plain ``zh``."""
    locale = Locale.parse(code.replace("-", "_"))
    script = locale.script
    if script is None and locale.language in _MULTI_SCRIPT:
        likely = str(get_global("likely_subtags").get(locale.language, ""))  # zh → zh_Hans_CN
        script = next(iter(likely.split("_")[1:2]), None)
    parts = [locale.language, script, locale.territory]
    return "-".join(part for part in parts if part)


def format_date_long(moment: datetime, code: str) -> str:
    """A date in the locale's long form (``2026年11月29日``, ``November 29, 2026``)."""
    return format_date(moment.date(), format="long", locale=Locale.parse(code.replace("-", "_")))


def format_ratio(ratio: float, code: str) -> str:
    """A ratio as a percentage for the locale, one decimal only when it is not whole."""
    locale = Locale.parse(code.replace("-", "_"))
    return format_percent(ratio, format="#,##0.#%", locale=locale)


def format_integer(number: int, code: str) -> str:
    """An integer with the locale's digit grouping."""
    return format_decimal(number, locale=Locale.parse(code.replace("-", "_")))
