"""Times of day and dates as dispatchers and the portal write them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.errors import DomainError

_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$")
_DAY_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")  # what the API documents, and what the portal shows


class InvalidDate(DomainError, ValueError):
    """A date that is neither YYYY-MM-DD nor MM/DD/YYYY, or no such day."""

    code = "invalid_date"

    def __init__(self, text: str, field: str = "day") -> None:
        super().__init__(f"{field} must be a date as YYYY-MM-DD or MM/DD/YYYY, not {text!r}")
        self.text = text
        self.field = field


class InvalidTime(DomainError, ValueError):
    """A time of day that cannot be read ("8", "8:30", "2pm", "14:30" can)."""

    code = "invalid_time"

    def __init__(self, text: str, field: str = "time") -> None:
        super().__init__(f"{field} must be a time of day such as 08:00, 8am or 14:30, not {text!r}")
        self.text = text
        self.field = field


def parse_clock(text: str) -> str:
    """"8", "8:00", "8am", "14:30" -> "HH:MM"; "" when not a time of day."""
    match = _CLOCK.match(text.strip().lower())
    if not match:
        return ""
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half and not 1 <= hour <= 12:
        return ""  # "13pm" and "0am" are not times
    if half == "pm" and hour < 12:
        hour += 12
    if half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return ""
    return f"{hour:02d}:{minute:02d}"


def require_clock(text: str, *, field: str = "time") -> str:
    """Like `parse_clock`, but "" for blank text and `InvalidTime` for text that is not a time."""
    if not text.strip():
        return ""
    clock = parse_clock(text)
    if not clock:
        raise InvalidTime(text, field)
    return clock


def parse_day(text: str, *, field: str = "day") -> date | None:
    """A day from YYYY-MM-DD or MM/DD/YYYY; None for blank text, `InvalidDate` naming `field` otherwise."""
    clean = (text or "").strip()
    if not clean:
        return None
    for fmt in _DAY_FORMATS:
        try:
            return datetime.strptime(clean, fmt).date()
        except ValueError:
            continue
    raise InvalidDate(text, field)


def lfd_date(lfd_gtd_text: str) -> date | None:
    """The Last Free Day: the first date of the portal's LFD/GTD cell ("10/03/2025 - 10/04/2025"); None if none."""
    first = (lfd_gtd_text or "").split("-")[0].strip()
    try:
        return datetime.strptime(first, "%m/%d/%Y").date()
    except ValueError:
        return None


TERMINAL_TIMEZONE = "America/Los_Angeles"  # the ports of Los Angeles and Long Beach
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_WORDS = {**{d: i for i, d in enumerate(WEEKDAYS)}, **{d[:3]: i for i, d in enumerate(WEEKDAYS)},
                  "tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TOMORROW = r"(?:tomorrow|tmrw|tmr|tmw|tomorow|tommorow|tommorrow|2morrow|2moro)"
_PARTS = {"morning": ("", "12:00"), "am": ("", "12:00"), "afternoon": ("12:00", "17:00"),
          "evening": ("17:00", ""), "tonight": ("17:00", ""), "night": ("17:00", "")}
_NUMBERS = ("two", "three", "four", "five", "six", "seven")
_TIME = r"(\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midday|midnight)"


@dataclass(frozen=True)
class TimeWindow:
    """Days (inclusive) and start times a dispatcher named; empty fields were not said."""

    day_from: date | None = None
    day_to: date | None = None
    starting_after: str = ""  # "HH:MM": only windows starting at or after it
    starting_before: str = ""  # "HH:MM": only windows starting before it

    @property
    def day(self) -> date | None:
        """The one day named, when the window is a single day."""
        return self.day_from if self.day_from is not None and self.day_from == self.day_to else None

    @property
    def has_days(self) -> bool:
        """Whether any day was named."""
        return self.day_from is not None or self.day_to is not None

    @property
    def has_times(self) -> bool:
        """Whether a time of day was named."""
        return bool(self.starting_after or self.starting_before)

    def holds(self, day: date | None, start: str) -> bool:
        """Whether a slot on `day` starting at `start` ("HH:MM") falls in the window."""
        if day is not None and ((self.day_from and day < self.day_from) or (self.day_to and day > self.day_to)):
            return False
        if start and self.starting_after and start < self.starting_after:
            return False
        return not (start and self.starting_before and start >= self.starting_before)


def local_today(zone: str = TERMINAL_TIMEZONE, now: datetime | None = None) -> date:
    """Today's date at the terminals (a dispatcher's "today" is the port's, not the server's)."""
    return local_now(zone, now).date()


def local_now(zone: str = TERMINAL_TIMEZONE, now: datetime | None = None) -> datetime:
    """The current time in `zone` (UTC when the zone is unknown)."""
    try:
        tz: tzinfo = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = UTC
    return (now or datetime.now(UTC)).astimezone(tz)


def spell_day(day: date, today: date | None = None) -> str:
    """"Tuesday 11/24", with "today" or "tomorrow" in front when it is one of them."""
    text = f"{day.strftime('%A')} {day.month:02d}/{day.day:02d}"
    if today is not None and day == today:
        return "today, " + text
    if today is not None and day == today + timedelta(days=1):
        return "tomorrow, " + text
    return text


def _clock_word(text: str) -> str:
    word = text.strip().lower().replace(".", "")
    if word in ("noon", "midday"):
        return "12:00"
    if word == "midnight":
        return "00:00"
    return parse_clock(word)


def _weekday(today: date, index: int, strictly_after: bool = False) -> date:
    ahead = (index - today.weekday()) % 7
    return today + timedelta(days=ahead or (7 if strictly_after else 0))


def _explicit_day(text: str, today: date) -> date | None:
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if iso:
        return _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    for found in re.finditer(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?(?![\d/])", text):
        year = int(found[3]) + (2000 if found[3] and len(found[3]) == 2 else 0) if found[3] else 0
        day = _year_day(int(found[1]), int(found[2]), year, today)
        if day is not None:
            return day
    ordinal = re.search(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:one|ones|slot|container|box|unit|option|row|"
                        r"line|window|appointment|of)s?\b)", text)
    if ordinal:  # "on the 24th": this month's, or next month's when that day is past
        this_month = _safe_date(today.year, today.month, int(ordinal[1]))
        if this_month is not None and this_month >= today:
            return this_month
        following = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        return _safe_date(following.year, following.month, int(ordinal[1]))
    named = re.search(r"\b(" + "|".join(_MONTHS) + r")[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b", text)
    if named:
        return _year_day(_MONTHS.index(named[1]) + 1, int(named[2]), 0, today)
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_day(month: int, day: int, year: int, today: date) -> date | None:
    found = _safe_date(year or today.year, month, day)
    if found is not None and not year and found < today - timedelta(days=180):
        found = _safe_date(today.year + 1, month, day)  # "1/05" said in December means next January
    return found


def _one_day(word: str, today: date) -> date | None:
    if word in ("today", "tonight", "tdy"):
        return today
    if re.fullmatch(_TOMORROW, word):
        return today + timedelta(days=1)
    index = _WEEKDAY_WORDS.get(word)
    return None if index is None else _weekday(today, index)


_DAY_WORD = (r"(today|tonight|tdy|" + _TOMORROW[3:-1] + "|" +
             "|".join(sorted(_WEEKDAY_WORDS, key=len, reverse=True)) + r")")


def _days(text: str, today: date) -> tuple[date | None, date | None]:
    """The day range the words name, or (None, None)."""
    if re.search(r"\bday after " + _TOMORROW + r"\b", text):
        day = today + timedelta(days=2)
        return day, day
    if re.search(r"\b(?:this |rest of (?:the |this )?)week\b", text):
        return today, today + timedelta(days=6 - today.weekday())
    if re.search(r"\bnext week\b", text):
        start = today + timedelta(days=7 - today.weekday())
        return start, start + timedelta(days=6)
    if re.search(r"\bweekend\b", text):
        return _weekday(today, 5), _weekday(today, 6)
    weekday_range = re.search(r"\b(?:from\s+|between\s+)?" + _DAY_WORD + r"\s*(?:-|to|through|thru|till|until|and)\s*"
                              + _DAY_WORD + r"\b", text)
    if weekday_range:
        first, last = _one_day(weekday_range[1], today), _one_day(weekday_range[2], today)
        if first is not None and last is not None:
            return first, last if last >= first else last + timedelta(days=7)
    ahead = re.search(r"\bin\s+(\d{1,2}|two|three|four|five|six|seven)\s+days\b", text)
    if ahead:
        day = today + timedelta(days=int(ahead[1]) if ahead[1].isdigit() else _NUMBERS.index(ahead[1]) + 2)
        return day, day
    span = re.search(r"\b(?:next|coming|within(?: the)?(?: next)?)\s+(\d{1,2}|two|three|four|five|six|seven)\s+days?\b",
                     text)
    if span:
        count = int(span[1]) if span[1].isdigit() else _NUMBERS.index(span[1]) + 2
        return today, today + timedelta(days=count)
    # "by Friday", "before 11/25": everything up to that day, so what is already overdue counts too.
    until = re.search(r"\b(before|by|until|till|thru|through|no later than)\s+(?:next\s+|this\s+)?" + _DAY_WORD + r"\b",
                      text)
    if until:
        end = _one_day(until[2], today)
        if end is not None:
            return None, end - timedelta(days=1) if until[1] == "before" else end
    until_date = re.search(r"\b(before|by|until|till|thru|through|no later than)\s+(?:the\s+)?(?=\d|[a-z]{3})", text)
    explicit = _explicit_day(text[until_date.end():], today) if until_date else None
    if until_date and explicit is not None:
        return None, explicit - timedelta(days=1) if until_date[1] == "before" else explicit
    explicit = _explicit_day(text, today)
    if explicit is not None:
        return explicit, explicit
    following = re.search(r"\bnext\s+(" + "|".join(sorted(_WEEKDAY_WORDS, key=len, reverse=True)) + r")\b", text)
    if following:
        day = _weekday(today, _WEEKDAY_WORDS[following[1]], strictly_after=True)
        return day, day
    word = re.search(r"\b" + _DAY_WORD + r"\b", text)
    if word:
        named = _one_day(word[1], today)
        return named, named
    return None, None


def _times(text: str) -> tuple[str, str]:
    """(starting_after, starting_before) from parts of the day and clock times."""
    after, before = "", ""
    for part, (start, end) in _PARTS.items():
        if part != "am" and re.search(rf"\b{part}\b", text):
            after, before = start, end
            break
    half = _HALF_OF_DAY.search(text)
    if half and not after and not before:
        after, before = ("", "12:00") if (half[1] or half[2]).startswith("a") else ("12:00", "")
    between = re.search(r"\bbetween\s+" + _TIME + r"\s+(?:and|-)\s+" + _TIME, text)
    if between and _clock_word(between[1]) and _clock_word(between[2]):
        return _clock_word(between[1]), _clock_word(between[2])
    found_before = re.search(r"\b(?:before|by|until|till|no later than)\s+" + _TIME + r"(?![/\d])", text)
    if found_before and _clock_word(found_before[1]) and _has_clock_shape(found_before[1]):
        before = _clock_word(found_before[1])
    found_after = re.search(r"\b(?:after|from|starting at|starting|at or after|later than)\s+" + _TIME + r"(?![/\d])",
                            text)
    if found_after and _clock_word(found_after[1]) and _has_clock_shape(found_after[1]):
        after = _clock_word(found_after[1])
    return after, before


# "in the AM", "tmrw am slots", "PM ones": a half of the day, not a clock time ("8 am") and not the verb ("am I").
_HALF_OF_DAY = re.compile(r"(?:\b(?:in the|the|this|tomorrow|tmrw|today|" + "|".join(WEEKDAYS) +
                          r"|\d{1,2}/\d{1,2})\s+|^)(am|pm|a\.m\.|p\.m\.)(?=\s|$|[?.!,])(?!\s+i\b)"
                          r"|(?<!\d)(?<!\d )\b(am|pm)\s+"
                          r"(?=slots?|appointments?|windows?|pick ?ups?|ones?|only|times?\b)")


def _has_clock_shape(text: str) -> bool:
    """"8am", "14:00", "noon" are times; a bare "3" after "by" may be a count, so it needs to look like an hour."""
    word = text.strip().lower()
    return bool(re.search(r"[:apn]|midnight", word)) or (word.isdigit() and 5 <= int(word) <= 23)


def parse_time_window(text: str, today: date) -> TimeWindow:
    """Days and times of day in a dispatcher's words ("tmrw afternoon", "before noon", "next 3 days", "11/24")."""
    lowered = " ".join(text.lower().split())
    day_from, day_to = _days(lowered, today)
    after, before = _times(lowered)
    return TimeWindow(day_from=day_from, day_to=day_to, starting_after=after, starting_before=before)
