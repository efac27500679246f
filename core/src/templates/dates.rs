//! Dates and times written for people, in the recipient's language: the names of months and
//! weekdays are data, in one place ([`MONTHS`] and [`WEEKDAYS`]).
//!
//! **Decision:** times are written on the 24-hour clock in every language (`14:30`, also in
//! English): envoi's senders are Belgian, their customers read 24-hour times, and one form cannot
//! be misread (no "2:30" that could be night). Seconds are not written.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use crate::language::Language;

/// The months, January first, in French, Dutch, German and English (the order of [`Language::ALL`]).
/// French and Dutch write them in lower case, German and English capitalised.
///
/// ```
/// use envoi::templates::MONTHS;
/// assert_eq!([MONTHS[0][1], MONTHS[1][1], MONTHS[2][1], MONTHS[3][1]], ["février", "februari", "Februar", "February"]);
/// ```
pub const MONTHS: [[&str; 12]; 4] = [
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
];

/// The weekdays, Monday first, in French, Dutch, German and English (the order of [`Language::ALL`]).
///
/// ```
/// use envoi::templates::WEEKDAYS;
/// assert_eq!([WEEKDAYS[0][0], WEEKDAYS[1][0], WEEKDAYS[2][0], WEEKDAYS[3][0]], ["lundi", "maandag", "Montag", "Monday"]);
/// ```
pub const WEEKDAYS: [[&str; 7]; 4] = [
    [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ],
    [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ],
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
];

/// The word between a date and its time: "à", "om", "um", "at".
const AT: [&str; 4] = ["à", "om", "um", "at"];

fn index(language: Language) -> usize {
    match language {
        Language::Fr => 0,
        Language::Nl => 1,
        Language::De => 2,
        Language::En => 3,
    }
}

/// The name of a month (1 to 12) in a language, or `None` for another number.
///
/// ```
/// use envoi::language::Language;
/// use envoi::templates::month_name;
///
/// assert_eq!(month_name(8, Language::Fr), Some("août"));
/// assert_eq!(month_name(3, Language::De), Some("März"));
/// assert_eq!(month_name(13, Language::En), None);
/// ```
pub fn month_name(month: u32, language: Language) -> Option<&'static str> {
    let month = usize::try_from(month).ok()?.checked_sub(1)?;
    MONTHS[index(language)].get(month).copied()
}

/// The name of a weekday in a language.
///
/// ```
/// use chrono::Weekday;
/// use envoi::language::Language;
/// use envoi::templates::weekday_name;
///
/// assert_eq!(weekday_name(Weekday::Tue, Language::Nl), "dinsdag");
/// ```
pub fn weekday_name(weekday: Weekday, language: Language) -> &'static str {
    WEEKDAYS[index(language)][weekday.num_days_from_monday() as usize]
}

/// A date as written in a letter or a message: "3 mars 2026", "3 maart 2026", "3. März 2026",
/// "3 March 2026". French writes the first of the month "1er".
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::language::Language;
/// use envoi::templates::format_date;
///
/// let date = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
/// assert_eq!(format_date(date, Language::Fr), "3 mars 2026");
/// assert_eq!(format_date(date, Language::Nl), "3 maart 2026");
/// assert_eq!(format_date(date, Language::De), "3. März 2026");
/// assert_eq!(format_date(date, Language::En), "3 March 2026");
/// assert_eq!(format_date(NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), Language::Fr), "1er mai 2026");
/// ```
pub fn format_date(date: NaiveDate, language: Language) -> String {
    let month = MONTHS[index(language)][date.month0() as usize];
    let (day, year) = (date.day(), date.year());
    match language {
        Language::Fr if day == 1 => format!("1er {month} {year}"),
        Language::De => format!("{day}. {month} {year}"),
        Language::Fr | Language::Nl | Language::En => format!("{day} {month} {year}"),
    }
}

/// A date with its weekday: "mardi 3 mars 2026", "dinsdag 3 maart 2026", "Dienstag, 3. März 2026",
/// "Tuesday 3 March 2026".
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::language::Language;
/// use envoi::templates::format_date_with_weekday;
///
/// let date = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
/// assert_eq!(format_date_with_weekday(date, Language::Fr), "mardi 3 mars 2026");
/// assert_eq!(format_date_with_weekday(date, Language::De), "Dienstag, 3. März 2026");
/// ```
pub fn format_date_with_weekday(date: NaiveDate, language: Language) -> String {
    let weekday = weekday_name(date.weekday(), language);
    let separator = if language == Language::De { ", " } else { " " };
    format!("{weekday}{separator}{}", format_date(date, language))
}

/// A time on the 24-hour clock, hours and minutes: "14:30", "09:05" (the same in every language;
/// see the module's decision). Seconds are dropped.
///
/// ```
/// use chrono::NaiveTime;
/// use envoi::templates::format_time;
///
/// assert_eq!(format_time(NaiveTime::from_hms_opt(14, 30, 59).unwrap()), "14:30");
/// assert_eq!(format_time(NaiveTime::from_hms_opt(9, 5, 0).unwrap()), "09:05");
/// ```
pub fn format_time(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// A wall-clock date and time: "3 mars 2026 à 14:30", "3 maart 2026 om 14:30",
/// "3. März 2026 um 14:30", "3 March 2026 at 14:30"; with `weekday`, the date is written with
/// its weekday.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::language::Language;
/// use envoi::templates::format_date_time;
///
/// let at = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap().and_hms_opt(14, 30, 0).unwrap();
/// assert_eq!(format_date_time(at, Language::Nl, false), "3 maart 2026 om 14:30");
/// assert_eq!(format_date_time(at, Language::En, true), "Tuesday 3 March 2026 at 14:30");
/// ```
pub fn format_date_time(date_time: NaiveDateTime, language: Language, weekday: bool) -> String {
    let date = if weekday {
        format_date_with_weekday(date_time.date(), language)
    } else {
        format_date(date_time.date(), language)
    };
    format!(
        "{date} {} {}",
        AT[index(language)],
        format_time(date_time.time())
    )
}
