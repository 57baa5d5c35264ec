"""Opening hours: `24/7` or weekly intervals in an IANA zone, each mistake at its position."""

from __future__ import annotations

from kindred_test_support import VALID_HELPLINE, column_of, line_of, set_field

from generator.models.hours import WeeklyHours, is_always_open


def one_error(result):
    assert len(result.errors) == 1, result.problems
    return result.errors[0]


def weekly(*intervals: str, timezone: str = "Europe/London", extra: str = "") -> str:
    """A listing whose `hours:` is a weekly block with the given interval lines."""
    body = f"\n  timezone: {timezone}\n  weekly:\n" + "\n".join(intervals) + extra
    return set_field(VALID_HELPLINE, "hours", body.rstrip("\n"))


def interval(days: str, opens: str, closes: str) -> str:
    return f"    - days: {days}\n      opens: {opens}\n      closes: {closes}"


def test_24_7_means_always_open(check):
    hours = check("helplines", VALID_HELPLINE).records[0].listing.hours
    assert is_always_open(hours) and not isinstance(hours, WeeklyHours)


def test_structured_hours_are_read(check):
    text = weekly(interval("[mo, tu, we, th, fr]", '"09:00"', '"17:00"'), interval("[sa, su]", '"10:00"', '"14:00"'),
                  extra="\n  closed_on: [2026-12-25, 2027-01-01]\n  note: Closed on public holidays")
    result = check("helplines", text)
    assert result.problems == []
    hours = result.records[0].listing.hours
    assert isinstance(hours, WeeklyHours)
    assert hours.timezone == "Europe/London"
    assert [(i.days, i.opens, i.closes) for i in hours.weekly] == [
        (["mo", "tu", "we", "th", "fr"], "09:00", "17:00"), (["sa", "su"], "10:00", "14:00")]
    assert [d.isoformat() for d in hours.closed_on] == ["2026-12-25", "2027-01-01"]


def test_unquoted_times_are_read_as_times(check):
    result = check("helplines", weekly(interval("[mo]", "09:00", "17:30")))
    assert result.problems == []
    assert result.records[0].listing.hours.weekly[0].closes == "17:30"


def test_several_intervals_on_one_day_are_allowed(check):
    text = weekly(interval("[mo]", '"09:00"', '"12:00"'), interval("[mo]", '"14:00"', '"18:00"'))
    assert check("helplines", text).problems == []


def test_one_digit_hour_is_refused_at_the_time(check):
    text = weekly(interval("[mo]", '"9:00"', '"17:00"'))
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "opens:"), column_of(text, '"9:00"'))
    assert "`9:00`" in error.message and "HH:MM" in error.message


def test_hour_25_is_refused(check):
    text = weekly(interval("[mo]", '"09:00"', '"25:00"'))
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "closes:") and "`25:00`" in error.message


def test_midnight_as_24_00_is_accepted(check):
    assert check("helplines", weekly(interval("[fr]", '"18:00"', '"24:00"'))).problems == []


def test_opens_equal_to_closes_points_at_closes_and_suggests_24_7(check):
    text = weekly(interval("[mo]", '"09:00"', '"09:00"'))
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "closes:"), column_of(text, '"09:00"', 2))
    assert "both 09:00" in error.message and "24/7" in error.message


def test_overnight_interval_is_allowed(check):
    result = check("helplines", weekly(interval("[sa]", '"22:00"', '"02:00"')))
    assert result.problems == []
    assert result.records[0].listing.hours.weekly[0].overnight


def test_unknown_time_zone_suggests_the_close_one(check):
    text = weekly(interval("[mo]", '"09:00"', '"17:00"'), timezone="Europe/Londn")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "timezone:"), column_of(text, "Europe/Londn"))
    assert "IANA time zone" in error.message and "did you mean `Europe/London`?" in error.message


def test_abbreviated_zone_is_refused(check):
    text = weekly(interval("[mo]", '"09:00"', '"17:00"'), timezone="PST")
    assert "IANA" in one_error(check("helplines", text)).message


def test_three_letter_day_suggests_the_two_letter_one(check):
    text = weekly(interval("[mo, tue]", '"09:00"', '"17:00"'))
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "days:"), column_of(text, "tue"))
    assert "`tue`" in error.message and "did you mean `tu`?" in error.message
    assert "mo, tu, we, th, fr, sa, su" in error.message


def test_weekly_hours_need_a_time_zone(check):
    text = set_field(VALID_HELPLINE, "hours", "\n  weekly:\n" + interval("[mo]", '"09:00"', '"17:00"'))
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "weekly:") and "missing required field `timezone` in `hours`" in error.message


def test_empty_weekly_list_is_refused(check):
    text = set_field(VALID_HELPLINE, "hours", "\n  timezone: Europe/London\n  weekly: []")
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "weekly:") and "at least 1" in error.message


def test_other_text_than_24_7_is_refused_with_the_two_forms(check):
    text = set_field(VALID_HELPLINE, "hours", "24x7")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "hours:"), 8)
    assert "`24x7`" in error.message and "`24/7`" in error.message and "timezone" in error.message


def test_impossible_closed_date_points_at_the_date(check):
    text = weekly(interval("[mo]", '"09:00"', '"17:00"'), extra="\n  closed_on: [2026-12-25, 2026-13-01]")
    error = one_error(check("helplines", text))
    assert (error.line, error.column) == (line_of(text, "closed_on:"), column_of(text, "2026-13-01"))
    assert "YYYY-MM-DD" in error.message


def test_contact_hours_are_checked_too(check):
    text = VALID_HELPLINE + "    hours:\n      timezone: Europe/Dublin\n      weekly:\n" \
                            "        - {days: [mo], opens: \"19:00\", closes: \"7:00\"}\n"
    error = one_error(check("helplines", text))
    assert error.line == line_of(text, "- {days: [mo]") and error.column == column_of(text, '"7:00"')
    assert "contacts[0].hours.weekly[0].closes" in error.message
