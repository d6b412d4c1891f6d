"""Locale data from Babel: language names, plural forms. The only module importing Babel."""

from __future__ import annotations

from datetime import datetime

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime
from babel.messages.plurals import get_plural


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
