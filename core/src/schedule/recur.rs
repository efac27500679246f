//! RFC 5545 recurrence rules (`RRULE` with `EXDATE`/`RDATE`, and RFC 7529 `RSCALE`/`SKIP`) for
//! [`Schedule::from_rrule`](super::Schedule::from_rrule).
//!
//! The `rrule` crate expands the rule in floating local time (the wall clock of the zone, carried in
//! UTC, which has no DST) with `COUNT` and `UNTIL` removed; a monthly or yearly rule with
//! `SKIP=BACKWARD|FORWARD` is expanded by [`super::skip`] instead. Each wall time is then placed in
//! the zone with [`Zone::resolve_local`] (gap → forward by the gap, fold → first instant), instants
//! produced twice are merged, and DTSTART, `COUNT`, `UNTIL`, `RDATE` and `EXDATE` are applied here.
//!
//! The crate's own `after` iterates from DTSTART; here a query without a count starts the crate's
//! expansion a whole number of periods after DTSTART, just before the query
//! ([`Recurrence::seek_start`]), which keeps `next_after` flat in the schedule's age.

use std::collections::{BTreeSet, VecDeque};

use chrono::{
    Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc,
};
use rrule::{Frequency, RRule, RRuleSet, RRuleSetIter, Unvalidated};

use super::daily::{DailyIter, DailyRule};
use super::skip::{Skip, SkipIter, SkipRule, days_in_month};
use super::{MAX_CANDIDATES, ScheduleError};
use crate::time::{Instant, Zone};

/// A parsed, validated recurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Recurrence {
    /// The text as given (trimmed), for the JSON form and errors.
    text: String,
    /// The rule without COUNT, UNTIL, RSCALE and SKIP.
    rule: RRule,
    /// The rule value as given, for errors.
    rule_text: String,
    local_start: NaiveDateTime,
    count: Option<u32>,
    until: Option<Instant>,
    skip: Skip,
    /// The expansion of a monthly or yearly rule under `SKIP=BACKWARD|FORWARD` (instead of the
    /// rrule crate's).
    skip_rule: Option<SkipRule>,
    /// The expansion of a plain `FREQ=DAILY` rule (no day filter), stepped directly.
    daily_rule: Option<DailyRule>,
    /// `RDATE` date-times, and `RDATE;VALUE=DATE` days at DTSTART's wall time, and the starts of
    /// `RDATE;VALUE=PERIOD` periods; sorted, without duplicates.
    rdates: Vec<Instant>,
    /// `EXDATE` date-times.
    exdates: BTreeSet<Instant>,
    /// `EXDATE;VALUE=DATE` days: every occurrence on such a day (in the schedule's zone) is removed.
    exdate_days: BTreeSet<NaiveDate>,
}

fn invalid(part: &str, value: &str, reason: &str) -> ScheduleError {
    ScheduleError::InvalidRrule {
        part: part.to_owned(),
        value: value.to_owned(),
        reason: reason.to_owned(),
    }
}

/// Unfolds RFC 5545 content lines (a line starting with a space or tab continues the previous one).
fn content_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.lines() {
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => lines.push(raw.trim().to_owned()),
        }
    }
    lines.retain(|line| !line.is_empty());
    lines
}

/// Reads `YYYYMMDDTHHMMSS`, `YYYYMMDDTHHMMSSZ` (UTC) or, when `date_ok`, `YYYYMMDD` (end of that day).
fn parse_date_time(
    part: &str,
    value: &str,
    zone: Zone,
    date_ok: bool,
) -> Result<Instant, ScheduleError> {
    let bad = |reason: &str| invalid(part, value, reason);
    let (text, utc) = match value.strip_suffix(['Z', 'z']) {
        Some(text) => (text, true),
        None => (value, false),
    };
    let local = if let Ok(local) = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S") {
        local
    } else if date_ok && !utc && text.len() == 8 {
        let date = NaiveDate::parse_from_str(text, "%Y%m%d")
            .map_err(|_| bad("is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z])"))?;
        date.and_hms_opt(23, 59, 59)
            .ok_or_else(|| bad("is out of range"))?
    } else {
        return Err(bad(
            "is not a date-time (YYYYMMDDTHHMMSS, or YYYYMMDDTHHMMSSZ for UTC)",
        ));
    };
    if utc {
        return Ok(Utc.from_utc_datetime(&local));
    }
    zone.resolve_local(local)
        .map_err(|_| bad("cannot be placed in the time zone"))
}

/// The dates of an `EXDATE` or `RDATE` line.
#[derive(Debug, Default)]
struct DateList {
    /// Date-times (and, for `RDATE`, dates at DTSTART's wall time and the starts of periods).
    instants: Vec<Instant>,
    /// `EXDATE;VALUE=DATE` days.
    days: Vec<NaiveDate>,
}

/// The value type of an `EXDATE` or `RDATE` line (its `VALUE` parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueType {
    DateTime,
    Date,
    Period,
}

/// Reads a `YYYYMMDD` date.
fn parse_day(part: &str, value: &str) -> Result<NaiveDate, ScheduleError> {
    let digits =
        |range: std::ops::Range<usize>| value.get(range).and_then(|d| d.parse::<u32>().ok());
    let well_formed = value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit());
    well_formed
        .then(|| {
            let year = i32::try_from(digits(0..4)?).ok()?;
            NaiveDate::from_ymd_opt(year, digits(4..6)?, digits(6..8)?)
        })
        .flatten()
        .ok_or_else(|| invalid(part, value, "is not a date (YYYYMMDD)"))
}

/// Reads an RFC 5545 duration (`P2W`, `P1D`, `PT1H30M`, `P1DT12H`; an optional `+`) in seconds.
fn parse_duration(value: &str) -> Option<i64> {
    let number = |digits: &str| {
        (!digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<i64>().ok())
            .flatten()
    };
    let upper = value.to_ascii_uppercase();
    let rest = upper
        .strip_prefix('+')
        .unwrap_or(&upper)
        .strip_prefix('P')?;
    if let Some(weeks) = rest.strip_suffix('W') {
        return Some(number(weeks)? * 7 * 86_400);
    }
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let mut seconds = match date {
        "" if time.is_some() => 0,
        _ => number(date.strip_suffix('D')?)? * 86_400,
    };
    if let Some(mut time) = time {
        if time.is_empty() {
            return None;
        }
        // Hours, minutes, seconds: each at most once, in that order.
        for (unit, size) in [('H', 3_600), ('M', 60), ('S', 1)] {
            if let Some((amount, after)) = time.split_once(unit) {
                seconds += number(amount)? * size;
                time = after;
            }
        }
        if !time.is_empty() {
            return None;
        }
    }
    Some(seconds)
}

/// Reads the value list of an `EXDATE` or `RDATE` line:
/// `NAME[;TZID=zone][;VALUE=DATE-TIME|DATE|PERIOD]:v1,v2…`.
///
/// A `DATE` of `RDATE` is an occurrence on that day at `start_time` (DTSTART's wall time) in `zone`;
/// a `DATE` of `EXDATE` is kept as a day. A `PERIOD` (`start/end` or `start/duration`, `RDATE` only)
/// is an occurrence at its start; its end is checked, then not used.
fn parse_date_list(
    name: &str,
    params: &str,
    values: &str,
    zone: Zone,
    start_time: NaiveTime,
) -> Result<DateList, ScheduleError> {
    let mut line_zone = zone;
    let mut tzid = None;
    let mut value_type = ValueType::DateTime;
    for param in params.split(';').filter(|param| !param.is_empty()) {
        let (key, value) = param
            .split_once('=')
            .ok_or_else(|| invalid(name, param, "is not a NAME=VALUE parameter"))?;
        match key.to_ascii_uppercase().as_str() {
            "TZID" => {
                line_zone = value
                    .parse()
                    .map_err(|_| invalid(name, value, "is not an IANA time zone name (TZID)"))?;
                tzid = Some(param);
            }
            "VALUE" => {
                value_type = match value.to_ascii_uppercase().as_str() {
                    "DATE-TIME" => ValueType::DateTime,
                    "DATE" => ValueType::Date,
                    "PERIOD" if name == "RDATE" => ValueType::Period,
                    "PERIOD" => {
                        return Err(invalid(
                            name,
                            param,
                            "is not supported: EXDATE takes DATE-TIME or DATE values (RFC 5545)",
                        ));
                    }
                    _ => {
                        return Err(invalid(
                            name,
                            param,
                            "is not a value type of this line (DATE-TIME, DATE, or PERIOD for RDATE)",
                        ));
                    }
                };
            }
            _ => {
                return Err(invalid(
                    name,
                    param,
                    "is not a supported parameter (TZID, VALUE)",
                ));
            }
        }
    }
    if let (ValueType::Date, Some(tzid)) = (value_type, tzid) {
        return Err(invalid(
            name,
            tzid,
            "does not apply to VALUE=DATE (RFC 5545): a date is a day in the schedule's zone",
        ));
    }
    let mut list = DateList::default();
    for value in values.split(',').map(str::trim) {
        match value_type {
            ValueType::DateTime => {
                if value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(invalid(
                        name,
                        value,
                        &format!(
                            "is a date: write {name};VALUE=DATE:{value} for a whole day, or a date-time (YYYYMMDDTHHMMSS)"
                        ),
                    ));
                }
                list.instants
                    .push(parse_date_time(name, value, line_zone, false)?);
            }
            ValueType::Date if name == "RDATE" => {
                let day = parse_day(name, value)?;
                let instant = zone
                    .resolve_local(day.and_time(start_time))
                    .map_err(|_| invalid(name, value, "cannot be placed in the time zone"))?;
                list.instants.push(instant);
            }
            ValueType::Date => list.days.push(parse_day(name, value)?),
            ValueType::Period => {
                let (start, end) = value.split_once('/').ok_or_else(|| {
                    invalid(
                        name,
                        value,
                        "is not a period (start/end or start/duration, such as 20260105T090000/PT1H)",
                    )
                })?;
                let start = parse_date_time(name, start, line_zone, false)?;
                let after_start = if end.starts_with(['P', 'p', '+', '-']) {
                    let seconds = parse_duration(end).ok_or_else(|| {
                        invalid(
                            name,
                            end,
                            "is not a duration (such as PT1H30M, P1D or P2W; positive)",
                        )
                    })?;
                    seconds > 0
                } else {
                    parse_date_time(name, end, line_zone, false)? > start
                };
                if !after_start {
                    return Err(invalid(
                        name,
                        value,
                        "is not a period: its end must come after its start",
                    ));
                }
                list.instants.push(start);
            }
        }
    }
    Ok(list)
}

const RULE_PARTS: [&str; 12] = [
    "FREQ",
    "INTERVAL",
    "WKST",
    "BYSETPOS",
    "BYMONTH",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYDAY",
    "BYHOUR",
    "BYMINUTE",
    "BYSECOND",
];

impl Recurrence {
    /// Parses and validates `text` for a schedule starting at `start` in `zone`.
    pub(crate) fn parse(text: &str, start: Instant, zone: Zone) -> Result<Self, ScheduleError> {
        // RFC 5545 recurrence text is ASCII; refusing anything else here also keeps non-ASCII input
        // away from the rrule crate, whose BYDAY parser panics on it (found by fuzz/schedule_rrule).
        if let Some((position, character)) = text.char_indices().find(|(_, c)| !c.is_ascii()) {
            return Err(invalid(
                "text",
                &character.to_string(),
                &format!("at byte {position} is not ASCII; recurrence rules are ASCII text"),
            ));
        }
        // Control characters other than line breaks and the tab of a folded line have no place in a
        // rule, and the rrule crate would silently skip some of them (`BYDAY=+\0FR` reads as Friday).
        if let Some((position, character)) = text
            .char_indices()
            .find(|(_, c)| c.is_ascii_control() && !matches!(c, '\t' | '\r' | '\n'))
        {
            return Err(invalid(
                "text",
                &format!("{character:?}"),
                &format!(
                    "at byte {position} is a control character; recurrence rules are printable text"
                ),
            ));
        }
        // The text is read trimmed, exactly as it is stored (and read again) in the JSON form.
        let text = text.trim();
        let mut rule_value: Option<String> = None;
        let local_start = zone.localize(start).naive_local();
        let mut rdates = Vec::new();
        let mut exdates = BTreeSet::new();
        let mut exdate_days = BTreeSet::new();
        for line in content_lines(text) {
            let Some(colon) = line.find(':') else {
                // A bare rule value, such as `FREQ=DAILY;COUNT=3`.
                if rule_value.replace(line.clone()).is_some() {
                    return Err(invalid("RRULE", &line, "appears twice; give one rule"));
                }
                continue;
            };
            let (head, value) = (&line[..colon], &line[colon + 1..]);
            let (name, params) = head.split_once(';').unwrap_or((head, ""));
            match name.to_ascii_uppercase().as_str() {
                "RRULE" => {
                    if rule_value.replace(value.to_owned()).is_some() {
                        return Err(invalid("RRULE", value, "appears twice; give one rule"));
                    }
                }
                "RDATE" => {
                    let list = parse_date_list("RDATE", params, value, zone, local_start.time())?;
                    rdates.extend(list.instants);
                }
                "EXDATE" => {
                    let list = parse_date_list("EXDATE", params, value, zone, local_start.time())?;
                    exdates.extend(list.instants);
                    exdate_days.extend(list.days);
                }
                "DTSTART" => {
                    return Err(invalid(
                        "DTSTART",
                        value,
                        "is not read from the text: give the first date as the start argument",
                    ));
                }
                _ => {
                    return Err(invalid(
                        name,
                        &line,
                        "is not a supported line (RRULE, EXDATE, RDATE)",
                    ));
                }
            }
        }
        let rule_text =
            rule_value.ok_or_else(|| invalid("RRULE", text, "is missing: give an RRULE line"))?;
        rdates.sort_unstable();
        rdates.dedup();

        let mut parts: Vec<(String, String)> = Vec::new();
        let (mut rscale, mut skip, mut count, mut until) = (false, None, None, None);
        for part in rule_text
            .split(';')
            .map(str::trim)
            .filter(|part| !part.is_empty())
        {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| invalid(part, part, "is not a NAME=VALUE rule part"))?;
            let key = key.trim().to_ascii_uppercase();
            let value = value.trim();
            let seen = parts.iter().any(|(k, _)| *k == key)
                || (key == "RSCALE" && rscale)
                || (key == "SKIP" && skip.is_some())
                || (key == "COUNT" && count.is_some())
                || (key == "UNTIL" && until.is_some());
            if seen {
                return Err(invalid(&key, value, "appears twice in the rule"));
            }
            match key.as_str() {
                "RSCALE" if value.eq_ignore_ascii_case("GREGORIAN") => rscale = true,
                "RSCALE" => {
                    return Err(invalid(&key, value, "is not supported: only GREGORIAN is"));
                }
                "SKIP" => {
                    skip = Some(match value.to_ascii_uppercase().as_str() {
                        "OMIT" => Skip::Omit,
                        "BACKWARD" => Skip::Backward,
                        "FORWARD" => Skip::Forward,
                        _ => return Err(invalid(&key, value, "is not OMIT, BACKWARD or FORWARD")),
                    });
                }
                "COUNT" => {
                    let parsed: u32 = value.parse().map_err(|_| {
                        invalid(&key, value, "is not a whole number of occurrences")
                    })?;
                    if parsed == 0 {
                        return Err(invalid(
                            &key,
                            value,
                            "is refused: a rule has at least one occurrence (its first date)",
                        ));
                    }
                    count = Some(parsed);
                }
                "UNTIL" => {
                    let parsed = parse_date_time("UNTIL", value, zone, true)?;
                    if parsed < start {
                        return Err(invalid(&key, value, "is before the first date (DTSTART)"));
                    }
                    until = Some(parsed);
                }
                "BYDAY" => {
                    check_weekday_list(value)?;
                    parts.push((key, value.to_owned()));
                }
                known if RULE_PARTS.contains(&known) => parts.push((key, value.to_owned())),
                _ => return Err(invalid(&key, value, "is not an RFC 5545 rule part")),
            }
        }
        if skip.is_some() && !rscale {
            return Err(invalid(
                "SKIP",
                &rule_text,
                "needs RSCALE=GREGORIAN (RFC 7529)",
            ));
        }
        let Some(freq) = parts
            .iter()
            .find(|(key, _)| key == "FREQ")
            .map(|(_, v)| v.clone())
        else {
            return Err(invalid("FREQ", &rule_text, "is missing"));
        };
        let frequency: Frequency = freq
            .parse()
            .map_err(|_| invalid("FREQ", &freq, "is not a frequency (YEARLY … SECONDLY)"))?;
        let mut skip = skip.unwrap_or(Skip::Omit);
        let has = |parts: &[(String, String)], key: &str| parts.iter().any(|(k, _)| k == key);
        // The rrule crate (0.14) skips or loses days when a minutely or secondly rule filters both
        // days and hours (or minutes): `FREQ=MINUTELY;BYMONTHDAY=-1;BYHOUR=2` jumps months, and
        // `FREQ=SECONDLY;BYDAY=MO;BYMINUTE=5` finds nothing. Refuse rather than answer wrongly.
        let time_filters: &[&str] = match frequency {
            Frequency::Minutely => &["BYHOUR"],
            Frequency::Secondly => &["BYHOUR", "BYMINUTE"],
            _ => &[],
        };
        let day_filter = ["BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY"]
            .into_iter()
            .find(|key| has(&parts, key));
        if let (Some(day_filter), Some(time_filter)) =
            (day_filter, time_filters.iter().find(|key| has(&parts, key)))
        {
            return Err(invalid(
                time_filter,
                &rule_text,
                &format!(
                    "cannot be combined with {day_filter} in a FREQ={freq} rule here (the expansion would skip days): write it as FREQ=DAILY with BYHOUR and BYMINUTE (and BYSECOND)"
                ),
            ));
        }
        // RFC 7529: only BYMONTHDAY (or DTSTART's day of the month, which stands for it when the
        // rule has no BYMONTHDAY, BYDAY, BYWEEKNO or BYYEARDAY) names days that may not exist in a
        // month; BYDAY, BYWEEKNO and BYYEARDAY alone only ever find real days, so SKIP changes
        // nothing there, nor in rules of other frequencies (where BYMONTHDAY only limits).
        let month_day_list = parts
            .iter()
            .find(|(k, _)| k == "BYMONTHDAY")
            .map(|(_, v)| v.clone());
        let derived_day = month_day_list.is_none()
            && !["BYDAY", "BYWEEKNO", "BYYEARDAY"]
                .iter()
                .any(|key| has(&parts, key));
        if !matches!(frequency, Frequency::Monthly | Frequency::Yearly)
            || (month_day_list.is_none() && !derived_day)
        {
            skip = Skip::Omit;
        }
        let mut month_days = Vec::new();
        if skip != Skip::Omit {
            match &month_day_list {
                Some(value) => {
                    for day in value.split(',') {
                        let day: i8 = day.trim().parse().map_err(|_| {
                            invalid("BYMONTHDAY", value, "is not a list of days of the month")
                        })?;
                        if !(1..=31).contains(&day) && !(-28..=-1).contains(&day) {
                            return Err(invalid(
                                "BYMONTHDAY",
                                value,
                                "must be 1 to 31 or -28 to -1 with SKIP=BACKWARD or FORWARD (-29 to -31, counted from the month's end, are not supported with SKIP)",
                            ));
                        }
                        month_days.push(day);
                    }
                }
                None => month_days.push(i8::try_from(local_start.day()).unwrap_or(1)),
            }
        }

        // The rrule crate (0.14) reads a BYDAY list that mixes plain and ordinal weekdays
        // (`MO,1FR`: every Monday and the first Friday) as both at once, which never occurs. A plain
        // weekday in a monthly rule (or a yearly one limited by BYMONTH) is every ordinal of it in
        // the month, 1 to 5; in a yearly rule, 1 to 53: write it so, which the crate reads right.
        let limited_by_month = has(&parts, "BYMONTH");
        if matches!(frequency, Frequency::Monthly | Frequency::Yearly)
            && let Some((_, days)) = parts.iter_mut().find(|(key, _)| key == "BYDAY")
        {
            let entries: Vec<&str> = days.split(',').map(str::trim).collect();
            let ordinal = |entry: &&str| entry.len() > 2;
            if entries.iter().any(ordinal) && !entries.iter().all(ordinal) {
                let most = if frequency == Frequency::Yearly && !limited_by_month {
                    53
                } else {
                    5
                };
                let rewritten: Vec<String> = entries
                    .iter()
                    .flat_map(|entry| {
                        if ordinal(entry) {
                            vec![(*entry).to_owned()]
                        } else {
                            (1..=most).map(|n| format!("{n}{entry}")).collect()
                        }
                    })
                    .collect();
                *days = rewritten.join(",");
            }
        }

        let floating_start = rrule::Tz::UTC.from_utc_datetime(&local_start);
        let build = |parts: &[(String, String)]| -> Result<RRule, String> {
            let joined = parts
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(";");
            let unvalidated: RRule<Unvalidated> = joined
                .parse()
                .map_err(|e: rrule::RRuleError| e.to_string())?;
            unvalidated
                .validate(floating_start)
                .map_err(|e| e.to_string())
        };
        let rule = match build(&parts) {
            Ok(rule) => rule,
            Err(message) => {
                // Name the part at fault: the first that fails on its own next to FREQ.
                let freq_part = ("FREQ".to_owned(), freq.clone());
                let culprit = parts.iter().find(|(key, value)| {
                    key != "FREQ"
                        && build(&[freq_part.clone(), (key.clone(), value.clone())]).is_err()
                });
                let (part, value) = culprit
                    .map_or(("RRULE".to_owned(), rule_text.clone()), |(k, v)| {
                        (k.clone(), v.clone())
                    });
                return Err(invalid(&part, &value, &format!("is not valid: {message}")));
            }
        };

        let skip_rule = match skip {
            Skip::Omit => {
                check_month_days(&rule, &rule_text)?;
                None
            }
            Skip::Backward | Skip::Forward => SkipRule::new(&rule, &month_days, skip, local_start),
        };
        // The crate's getters do not show every part (a negative BYMONTHDAY is kept apart), so a
        // plain daily rule is told from the parts as written.
        let plain_parts = parts.iter().all(|(key, _)| {
            matches!(
                key.as_str(),
                "FREQ" | "INTERVAL" | "BYHOUR" | "BYMINUTE" | "BYSECOND" | "WKST"
            )
        });
        let daily_rule = plain_parts
            .then(|| DailyRule::new(&rule, local_start))
            .flatten();
        let recurrence = Recurrence {
            text: text.to_owned(),
            daily_rule,
            rule,
            rule_text,
            local_start,
            count,
            until,
            skip,
            skip_rule,
            rdates,
            exdates,
            exdate_days,
        };
        // A rule whose expansion finds nothing at all (the rrule crate gives up after 100,000 empty
        // periods or at the end of its date range; a SKIP expansion repeats every 400 years) never
        // occurs.
        let occurs = match &recurrence.skip_rule {
            Some(skip_rule) => skip_rule.occurs(local_start),
            None => recurrence.iter_rule().next().is_some(),
        };
        if !occurs {
            return Err(ScheduleError::NeverOccurs {
                rule: recurrence.rule_text.clone(),
                reason: "its expansion finds no date at all".to_owned(),
            });
        }
        Ok(recurrence)
    }

    /// The text as given.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The expansion from DTSTART.
    fn iter_rule(&self) -> Expansion<'_> {
        match (&self.skip_rule, &self.daily_rule) {
            (Some(skip_rule), _) => Expansion::Skip(skip_rule.iter(0)),
            (None, Some(daily_rule)) => Expansion::Daily(daily_rule.iter(0)),
            (None, None) => Expansion::Crate(self.iter_rule_from(self.local_start)),
        }
    }

    /// The rrule crate's expansion from the wall time `from` (DTSTART, or a seek start).
    fn iter_rule_from(&self, from: NaiveDateTime) -> RRuleSetIter {
        let start = rrule::Tz::UTC.from_utc_datetime(&from);
        RRuleSet::new(start)
            .rrule(self.rule.clone())
            .limit()
            .into_iter()
    }

    /// Where the expansion may start for the occurrences at or after `from`, instead of DTSTART: a
    /// whole number of `INTERVAL` periods after DTSTART (so that the rule's periods — weeks from
    /// `WKST`, months, years — stay aligned), at least one period and a margin before `from`.
    /// `None` when the expansion must start at DTSTART: the rule has a `COUNT` (counting needs every
    /// earlier occurrence) or `from` is too close to DTSTART to gain anything.
    ///
    /// The validated rule carries the defaults DTSTART gave it (`BYDAY` for `WEEKLY`,
    /// `BYMONTHDAY` for `MONTHLY`, `BYHOUR`/`BYMINUTE`/`BYSECOND`), so an expansion started later
    /// yields the same occurrences from there on. The margin covers a wall time that a DST gap moves
    /// forward past `from`: for daily and longer periods a fixed day (the largest gap in the
    /// time-zone database is 24 hours: Samoa, 30 December 2011), one more for a date that
    /// `SKIP=FORWARD` moves to the next day; for hours, minutes and seconds, the largest rise of the
    /// zone's offset in the 25 hours before `from`, so that a minutely rule does not expand a day.
    fn seek_start(&self, from: Instant, zone: Zone) -> Option<NaiveDateTime> {
        if self.count.is_some() {
            return None;
        }
        let offset_at =
            |instant: Instant| i64::from(zone.localize(instant).offset().fix().local_minus_utc());
        let margin = match self.rule.get_freq() {
            Frequency::Hourly | Frequency::Minutely | Frequency::Secondly => {
                let here = offset_at(from);
                let lowest = (1..=25)
                    .filter_map(|hours| from.checked_sub_signed(TimeDelta::hours(hours)))
                    .map(offset_at)
                    .min()
                    .unwrap_or(here);
                TimeDelta::seconds((here - lowest).max(0))
            }
            _ if self.skip == Skip::Forward => TimeDelta::days(2),
            _ => TimeDelta::days(1),
        };
        let target = zone
            .localize(from)
            .naive_local()
            .checked_sub_signed(margin)?;
        let start = self.local_start;
        if target <= start {
            return None;
        }
        let interval = i64::from(self.rule.get_interval());
        // Whole periods between DTSTART and the target, less one (the margin for spill-over:
        // a yearly BYWEEKNO period can reach into the next year's first days).
        let periods = |elapsed: i64| Some(elapsed / interval - 1).filter(|periods| *periods > 0);
        let months_from_start = |months: i64| {
            let month0 = i64::from(start.year()) * 12 + i64::from(start.month0()) + months;
            let date = NaiveDate::from_ymd_opt(
                i32::try_from(month0.div_euclid(12)).ok()?,
                u32::try_from(month0.rem_euclid(12)).ok()? + 1,
                1,
            )?;
            Some(date.and_time(start.time()))
        };
        let days = (target.date() - start.date()).num_days();
        match self.rule.get_freq() {
            Frequency::Yearly => {
                let years = i64::from(target.year() - start.year());
                months_from_start(periods(years)? * interval * 12 - i64::from(start.month0()))
            }
            Frequency::Monthly => {
                let months = i64::from(target.year() - start.year()) * 12
                    + i64::from(target.month())
                    - i64::from(start.month());
                months_from_start(periods(months)? * interval)
            }
            Frequency::Weekly => start.checked_add_days(Days::new(
                u64::try_from(periods(days / 7)? * interval * 7).ok()?,
            )),
            Frequency::Daily => {
                start.checked_add_days(Days::new(u64::try_from(periods(days)? * interval).ok()?))
            }
            Frequency::Hourly => start.checked_add_signed(TimeDelta::try_hours(
                periods((target - start).num_hours())? * interval,
            )?),
            Frequency::Minutely => start.checked_add_signed(TimeDelta::try_minutes(
                periods((target - start).num_minutes())? * interval,
            )?),
            Frequency::Secondly => start.checked_add_signed(TimeDelta::try_seconds(
                periods((target - start).num_seconds())? * interval,
            )?),
        }
    }

    /// The occurrences in order, from the first.
    pub(crate) fn stream(&self, start: Instant, zone: Zone) -> Stream<'_> {
        Stream {
            recurrence: self,
            zone,
            start,
            inner: Some(self.iter_rule()),
            floor: None,
            pending: VecDeque::from([start]),
            emitted: 0,
            rule_done: false,
            peeked: None,
            rdate_index: 0,
            examined: 0,
        }
    }

    /// The occurrences in order, from the first at or after `from` (possibly preceded by a few
    /// earlier ones, which the caller skips). Without a `COUNT`, the expansion starts near `from`
    /// ([`Recurrence::seek_start`]) rather than at DTSTART, so the cost does not grow with the age of
    /// the schedule.
    pub(crate) fn stream_from(&self, start: Instant, zone: Zone, from: Instant) -> Stream<'_> {
        let mut stream = self.stream(start, zone);
        let seeking = self.seek_start(from, zone).and_then(|seek| {
            match (&self.skip_rule, &self.daily_rule) {
                // The seek start is the first day of a period: the SKIP expansion starts there.
                (Some(skip_rule), _) => skip_rule
                    .periods_until(seek)
                    .map(|periods| Expansion::Skip(skip_rule.iter(periods))),
                (None, Some(daily_rule)) => daily_rule
                    .periods_until(seek)
                    .map(|periods| Expansion::Daily(daily_rule.iter(periods))),
                (None, None) => Some(Expansion::Crate(self.iter_rule_from(seek))),
            }
        });
        if let Some(inner) = seeking {
            stream.inner = Some(inner);
            // DTSTART and the RDATEs before the seek start are all before `from`.
            stream.pending.clear();
            stream.rdate_index = self.rdates.partition_point(|rdate| *rdate < from);
        }
        stream
    }
}

/// Checks a `BYDAY` value strictly (RFC 5545 `weekdaynum`: an optional signed ordinal of one or
/// two digits, then `MO` … `SU`), since the rrule crate picks weekdays out of surrounding garbage
/// (`BYDAY=M0))IYDAY=MO` read as Monday; found by fuzz/schedule_rrule).
fn check_weekday_list(value: &str) -> Result<(), ScheduleError> {
    const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    for item in value.split(',') {
        let item = item.trim();
        let upper = item.to_ascii_uppercase();
        let Some(ordinal) = WEEKDAYS.iter().find_map(|day| upper.strip_suffix(day)) else {
            return Err(invalid(
                "BYDAY",
                value,
                &format!(
                    "has {item:?}, which does not end with a weekday (MO, TU, WE, TH, FR, SA, SU)"
                ),
            ));
        };
        let digits = ordinal.strip_prefix(['+', '-']).unwrap_or(ordinal);
        let well_formed = ordinal.is_empty()
            || (!digits.is_empty()
                && digits.len() <= 2
                && digits.bytes().all(|b| b.is_ascii_digit()));
        if !well_formed {
            return Err(invalid(
                "BYDAY",
                value,
                &format!(
                    "has {item:?}: a weekday may only be preceded by an ordinal such as 1, +2 or -1"
                ),
            ));
        }
    }
    Ok(())
}

/// Decides at creation the rules whose days of the month exist in none of their months.
fn check_month_days(rule: &RRule, rule_text: &str) -> Result<(), ScheduleError> {
    let days = rule.get_by_month_day();
    if days.is_empty()
        || !rule.get_by_year_day().is_empty()
        || !rule.get_by_week_no().is_empty()
        || !matches!(rule.get_freq(), Frequency::Yearly | Frequency::Monthly)
    {
        return Ok(());
    }
    let months: Vec<u8> = if rule.get_by_month().is_empty() {
        (1..=12).collect()
    } else {
        rule.get_by_month().to_vec()
    };
    // 2024 is a leap year: a day that exists in no month of it exists in no month of any year.
    let exists = months.iter().any(|&month| {
        let len = i64::from(days_in_month(2024, u32::from(month)));
        days.iter().any(|&day| {
            (1..=len).contains(&i64::from(day)) || (-len..=-1).contains(&i64::from(day))
        })
    });
    if exists {
        Ok(())
    } else {
        Err(ScheduleError::NeverOccurs {
            rule: rule_text.to_owned(),
            reason: "no month of BYMONTH has a day of BYMONTHDAY (add RSCALE=GREGORIAN;SKIP=BACKWARD to move such dates to the month's last day)".to_owned(),
        })
    }
}

/// The expansion of a rule, in increasing wall time: the rrule crate's, or envoi's own for a
/// monthly or yearly rule with `SKIP=BACKWARD|FORWARD` and for a plain daily rule.
#[derive(Debug, Clone)]
enum Expansion<'a> {
    Crate(RRuleSetIter),
    Skip(SkipIter<'a>),
    Daily(DailyIter<'a>),
}

impl Iterator for Expansion<'_> {
    /// A candidate wall time, or `None` for a step that examined a period and found no day in it.
    type Item = Option<NaiveDateTime>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Expansion::Crate(inner) => inner.next().map(|candidate| Some(candidate.naive_utc())),
            Expansion::Skip(inner) => inner.next(),
            Expansion::Daily(inner) => inner.next(),
        }
    }
}

/// The occurrences of a [`Recurrence`], in strictly increasing order.
#[derive(Debug, Clone)]
pub(crate) struct Stream<'a> {
    recurrence: &'a Recurrence,
    zone: Zone,
    start: Instant,
    /// The expansion; `None` once it ended.
    inner: Option<Expansion<'a>>,
    /// No later candidate of the expansion resolves to an instant before this one: the wall time of
    /// the last candidate read with the offset of its instant (in a gap, the offset after the gap,
    /// which gives the gap's end; elsewhere, the candidate's own instant).
    floor: Option<Instant>,
    /// Instants produced but not yet final (a later candidate may still produce an earlier one),
    /// in increasing order without duplicates. Rarely more than one or two, and new ones almost
    /// always go last, so a deque (a BTreeSet allocated a node per candidate).
    pending: VecDeque<Instant>,
    /// Rule occurrences emitted, DTSTART included (for COUNT).
    emitted: u32,
    rule_done: bool,
    /// The next rule occurrence, read ahead to merge with the RDATEs.
    peeked: Option<Option<Instant>>,
    rdate_index: usize,
    /// Candidates examined since the budget was last reset.
    examined: u32,
}

impl Stream<'_> {
    /// Starts a new budget of [`MAX_CANDIDATES`] candidates.
    pub(crate) fn reset_budget(&mut self) {
        self.examined = 0;
    }

    /// The next occurrence of the rule itself (DTSTART, COUNT and UNTIL applied).
    fn next_rule(&mut self) -> Result<Option<Instant>, ScheduleError> {
        let recurrence = self.recurrence;
        if self.rule_done || recurrence.count.is_some_and(|count| self.emitted >= count) {
            self.rule_done = true;
            return Ok(None);
        }
        loop {
            if let Some(&first) = self.pending.front() {
                let final_ = match (&self.inner, self.floor) {
                    (None, _) => true,
                    (Some(_), Some(floor)) => first < floor,
                    (Some(_), None) => false,
                };
                if final_ {
                    self.pending.pop_front();
                    if recurrence.until.is_some_and(|until| first > until) {
                        self.rule_done = true;
                        return Ok(None);
                    }
                    self.emitted += 1;
                    return Ok(Some(first));
                }
            } else if self.inner.is_none() {
                self.rule_done = true;
                return Ok(None);
            }
            let Some(inner) = self.inner.as_mut() else {
                continue;
            };
            let Some(step) = inner.next() else {
                self.inner = None;
                continue;
            };
            self.examined += 1;
            if self.examined > MAX_CANDIDATES {
                return Err(ScheduleError::TooExpensive {
                    rule: recurrence.rule_text.clone(),
                });
            }
            let Some(local) = step else {
                continue; // a SKIP period expanded (its days, if any, come next)
            };
            let Ok((instant, offset)) = self.zone.resolve_local_with_offset(local) else {
                continue;
            };
            self.floor = local
                .checked_sub_signed(TimeDelta::seconds(i64::from(offset)))
                .map(|utc| Utc.from_utc_datetime(&utc));
            if instant >= self.start
                && let Err(position) = self.pending.binary_search(&instant)
            {
                self.pending.insert(position, instant);
            }
        }
    }

    /// The next occurrence: the rule's merged with the RDATEs, without the EXDATEs.
    pub(crate) fn next_occurrence(&mut self) -> Result<Option<Instant>, ScheduleError> {
        loop {
            let rule = match self.peeked {
                Some(rule) => rule,
                None => {
                    let rule = self.next_rule()?;
                    self.peeked = Some(rule);
                    rule
                }
            };
            let rdate = self.recurrence.rdates.get(self.rdate_index).copied();
            let next = match (rule, rdate) {
                (None, None) => return Ok(None),
                (Some(rule), Some(rdate)) if rdate < rule => {
                    self.rdate_index += 1;
                    rdate
                }
                (Some(rule), rdate) => {
                    if rdate == Some(rule) {
                        self.rdate_index += 1;
                    }
                    self.peeked = None;
                    rule
                }
                (None, Some(rdate)) => {
                    self.rdate_index += 1;
                    rdate
                }
            };
            let excluded = self.recurrence.exdates.contains(&next)
                || (!self.recurrence.exdate_days.is_empty()
                    && self
                        .recurrence
                        .exdate_days
                        .contains(&self.zone.localize(next).date_naive()));
            if !excluded {
                return Ok(Some(next));
            }
        }
    }
}
