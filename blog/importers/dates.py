"""Dates as site generators write them ('Jul 08 2022', ISO dates and datetimes), as aware datetimes.

A date or time without a UTC offset is read in the site's time zone (settings.TIME_ZONE).
"""

from datetime import date, datetime, time

from django.utils import timezone

from blog.importers.records import ImportProblem

TEXT_FORMATS = (
    "%b %d %Y",  # Jul 08 2022 (the Astro blog starter)
    "%B %d %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%Y-%m-%d %H:%M:%S %z",  # Jekyll: 2022-07-08 10:30:00 +0200
    "%Y-%m-%d %H:%M %z",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%a, %d %b %Y %H:%M:%S %z",  # RFC 822, as in WordPress exports
)


def parse_date(value, key="date"):
    """An aware datetime for a front-matter or export value; ImportProblem naming `key` when unreadable."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time.min)
    elif isinstance(value, str) and value.strip():
        moment = _parse_text(value.strip())
        if moment is None:
            raise ImportProblem(f"{key}: cannot read the date {value!r} (use e.g. 2022-07-08 or 'Jul 08 2022')")
    else:
        raise ImportProblem(f"{key}: expected a date, found {value!r}")
    if timezone.is_naive(moment):
        return timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def _parse_text(text):
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    for text_format in TEXT_FORMATS:
        try:
            return datetime.strptime(text, text_format)
        except ValueError:
            continue
    return None
