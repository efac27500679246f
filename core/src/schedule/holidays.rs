//! The ten Belgian public holidays, computed from their rules for any year.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The date of Easter Sunday in the Gregorian calendar, by the anonymous Gregorian algorithm (Meeus,
/// Jones and Butcher).
///
/// The rule is applied to every year chrono can represent (the proleptic Gregorian calendar); `None`
/// only for a year outside chrono's range.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::schedule::easter_sunday;
///
/// assert_eq!(easter_sunday(2026), NaiveDate::from_ymd_opt(2026, 4, 5));
/// assert_eq!(easter_sunday(2038), NaiveDate::from_ymd_opt(2038, 4, 25)); // the latest possible
/// assert_eq!(easter_sunday(i32::MAX), None);
/// ```
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    // Euclidean division keeps every intermediate in range for negative (proleptic) years too.
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // h in 0..30, l in 0..7 and m in 0..=1 put n in 114..=149: 22 March to 25 April.
    let month = u32::try_from(n / 31).ok()?;
    let day = u32::try_from(n % 31 + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A language in which holiday names are given: Belgium's three official languages and English —
/// the crate's one [`Language`](crate::language::Language), under the name this module has always
/// used.
///
/// ```
/// use envoi::schedule::HolidayLanguage;
/// assert_eq!(HolidayLanguage::Nl.code(), "nl");
/// assert_eq!(HolidayLanguage::from_code("de"), Some(HolidayLanguage::De));
/// assert_eq!(HolidayLanguage::from_code("es"), None);
/// ```
pub use crate::language::Language as HolidayLanguage;

/// One of the ten Belgian public holidays (jours fériés légaux / wettelijke feestdagen, royal decree of
/// 18 April 1974).
///
/// A holiday that falls on a Saturday or a Sunday is not moved: Belgium has no substitute day for
/// business-day purposes (an employer's replacement day off is not a public holiday). Easter Sunday and
/// Whit Sunday are not listed: they are Sundays, never business days anyway.
///
/// ```
/// use chrono::NaiveDate;
/// use envoi::schedule::{BelgianHoliday, HolidayLanguage};
///
/// assert_eq!(BelgianHoliday::Ascension.date(2026), NaiveDate::from_ymd_opt(2026, 5, 14));
/// assert_eq!(BelgianHoliday::Armistice.name(HolidayLanguage::Nl), "Wapenstilstand");
/// assert_eq!(BelgianHoliday::ALL.len(), 10);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BelgianHoliday {
    /// New Year's Day, 1 January.
    NewYear,
    /// Easter Monday, Easter Sunday + 1.
    EasterMonday,
    /// Labour Day, 1 May.
    LabourDay,
    /// Ascension Day, Easter Sunday + 39 (a Thursday).
    Ascension,
    /// Whit Monday, Easter Sunday + 50.
    WhitMonday,
    /// National Day, 21 July.
    NationalDay,
    /// Assumption, 15 August.
    Assumption,
    /// All Saints' Day, 1 November.
    AllSaints,
    /// Armistice Day, 11 November.
    Armistice,
    /// Christmas Day, 25 December.
    Christmas,
}

/// Where a holiday falls: a fixed day of the year or a number of days after Easter Sunday.
enum Rule {
    Fixed { month: u32, day: u32 },
    AfterEaster(u64),
}

impl BelgianHoliday {
    /// The ten holidays, in the order they fall in a year (Labour Day before Ascension, which are on the
    /// same day when Easter is on 23 March, as in 2008).
    ///
    /// ```
    /// use envoi::schedule::BelgianHoliday;
    /// assert_eq!(BelgianHoliday::ALL[0], BelgianHoliday::NewYear);
    /// assert_eq!(BelgianHoliday::ALL[9], BelgianHoliday::Christmas);
    /// ```
    pub const ALL: [BelgianHoliday; 10] = [
        BelgianHoliday::NewYear,
        BelgianHoliday::EasterMonday,
        BelgianHoliday::LabourDay,
        BelgianHoliday::Ascension,
        BelgianHoliday::WhitMonday,
        BelgianHoliday::NationalDay,
        BelgianHoliday::Assumption,
        BelgianHoliday::AllSaints,
        BelgianHoliday::Armistice,
        BelgianHoliday::Christmas,
    ];

    fn rule(self) -> Rule {
        use BelgianHoliday::*;
        let fixed = |month, day| Rule::Fixed { month, day };
        match self {
            NewYear => fixed(1, 1),
            EasterMonday => Rule::AfterEaster(1),
            LabourDay => fixed(5, 1),
            Ascension => Rule::AfterEaster(39),
            WhitMonday => Rule::AfterEaster(50),
            NationalDay => fixed(7, 21),
            Assumption => fixed(8, 15),
            AllSaints => fixed(11, 1),
            Armistice => fixed(11, 11),
            Christmas => fixed(12, 25),
        }
    }

    /// The date of this holiday in `year`; `None` only for a year outside chrono's range.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BelgianHoliday;
    /// assert_eq!(BelgianHoliday::WhitMonday.date(2026), NaiveDate::from_ymd_opt(2026, 5, 25));
    /// assert_eq!(BelgianHoliday::NationalDay.date(2026), NaiveDate::from_ymd_opt(2026, 7, 21));
    /// ```
    pub fn date(self, year: i32) -> Option<NaiveDate> {
        self.date_with_easter(year, easter_sunday(year)?)
    }

    fn date_with_easter(self, year: i32, easter: NaiveDate) -> Option<NaiveDate> {
        match self.rule() {
            Rule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            Rule::AfterEaster(days) => easter.checked_add_days(Days::new(days)),
        }
    }

    /// The stable identifier, as serde writes it: `"new_year"`, `"easter_monday"`, `"labour_day"`,
    /// `"ascension"`, `"whit_monday"`, `"national_day"`, `"assumption"`, `"all_saints"`, `"armistice"`,
    /// `"christmas"`.
    ///
    /// ```
    /// assert_eq!(envoi::schedule::BelgianHoliday::AllSaints.code(), "all_saints");
    /// ```
    pub fn code(self) -> &'static str {
        use BelgianHoliday::*;
        match self {
            NewYear => "new_year",
            EasterMonday => "easter_monday",
            LabourDay => "labour_day",
            Ascension => "ascension",
            WhitMonday => "whit_monday",
            NationalDay => "national_day",
            Assumption => "assumption",
            AllSaints => "all_saints",
            Armistice => "armistice",
            Christmas => "christmas",
        }
    }

    /// The usual name of the holiday in `language`.
    ///
    /// ```
    /// use envoi::schedule::{BelgianHoliday, HolidayLanguage};
    /// let day = BelgianHoliday::NationalDay;
    /// assert_eq!(day.name(HolidayLanguage::Fr), "Fête nationale");
    /// assert_eq!(day.name(HolidayLanguage::Nl), "Nationale feestdag");
    /// assert_eq!(day.name(HolidayLanguage::De), "Nationalfeiertag");
    /// assert_eq!(day.name(HolidayLanguage::En), "National Day");
    /// ```
    pub fn name(self, language: HolidayLanguage) -> &'static str {
        use BelgianHoliday::*;
        use HolidayLanguage::{De, En, Fr, Nl};
        match (self, language) {
            (NewYear, Fr) => "Nouvel An",
            (NewYear, Nl) => "Nieuwjaar",
            (NewYear, De) => "Neujahr",
            (NewYear, En) => "New Year's Day",
            (EasterMonday, Fr) => "Lundi de Pâques",
            (EasterMonday, Nl) => "Paasmaandag",
            (EasterMonday, De) => "Ostermontag",
            (EasterMonday, En) => "Easter Monday",
            (LabourDay, Fr) => "Fête du Travail",
            (LabourDay, Nl) => "Dag van de Arbeid",
            (LabourDay, De) => "Tag der Arbeit",
            (LabourDay, En) => "Labour Day",
            (Ascension, Fr) => "Ascension",
            (Ascension, Nl) => "Onze-Lieve-Heer-Hemelvaart",
            (Ascension, De) => "Christi Himmelfahrt",
            (Ascension, En) => "Ascension Day",
            (WhitMonday, Fr) => "Lundi de Pentecôte",
            (WhitMonday, Nl) => "Pinkstermaandag",
            (WhitMonday, De) => "Pfingstmontag",
            (WhitMonday, En) => "Whit Monday",
            (NationalDay, Fr) => "Fête nationale",
            (NationalDay, Nl) => "Nationale feestdag",
            (NationalDay, De) => "Nationalfeiertag",
            (NationalDay, En) => "National Day",
            (Assumption, Fr) => "Assomption",
            (Assumption, Nl) => "Onze-Lieve-Vrouw-Hemelvaart",
            (Assumption, De) => "Mariä Himmelfahrt",
            (Assumption, En) => "Assumption Day",
            (AllSaints, Fr) => "Toussaint",
            (AllSaints, Nl) => "Allerheiligen",
            (AllSaints, De) => "Allerheiligen",
            (AllSaints, En) => "All Saints' Day",
            (Armistice, Fr) => "Armistice",
            (Armistice, Nl) => "Wapenstilstand",
            (Armistice, De) => "Waffenstillstand",
            (Armistice, En) => "Armistice Day",
            (Christmas, Fr) => "Noël",
            (Christmas, Nl) => "Kerstmis",
            (Christmas, De) => "Weihnachten",
            (Christmas, En) => "Christmas Day",
        }
    }

    /// The Belgian holiday on `date`, or `None`.
    ///
    /// When two holidays share a day (Labour Day and Ascension when Easter is on 23 March, as in 2008
    /// and 2160) the first of [`BelgianHoliday::ALL`] is returned: Labour Day.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BelgianHoliday;
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(BelgianHoliday::on(date(2026, 4, 6)), Some(BelgianHoliday::EasterMonday));
    /// assert_eq!(BelgianHoliday::on(date(2008, 5, 1)), Some(BelgianHoliday::LabourDay));
    /// assert_eq!(BelgianHoliday::on(date(2026, 4, 7)), None);
    /// ```
    pub fn on(date: NaiveDate) -> Option<BelgianHoliday> {
        let year = date.year();
        // Easter is computed only when the date is in the window where a movable holiday can fall
        // (Easter Monday, 23 March, to Whit Monday, 14 June).
        let movable_window = (3..=6).contains(&date.month());
        let easter = if movable_window {
            easter_sunday(year)
        } else {
            None
        };
        BelgianHoliday::ALL
            .into_iter()
            .find(|holiday| match holiday.rule() {
                Rule::Fixed { month, day } => date.month() == month && date.day() == day,
                Rule::AfterEaster(days) => {
                    easter.and_then(|easter| easter.checked_add_days(Days::new(days))) == Some(date)
                }
            })
    }

    /// Every Belgian holiday of `year` with its date, in date order: always ten entries, two of them on
    /// the same date in a year where Labour Day and Ascension share 1 May. Empty for a year outside
    /// chrono's range.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use envoi::schedule::BelgianHoliday;
    /// let holidays = BelgianHoliday::in_year(2026);
    /// assert_eq!(holidays.len(), 10);
    /// assert_eq!(holidays[1], (NaiveDate::from_ymd_opt(2026, 4, 6).unwrap(), BelgianHoliday::EasterMonday));
    /// ```
    pub fn in_year(year: i32) -> Vec<(NaiveDate, BelgianHoliday)> {
        let Some(easter) = easter_sunday(year) else {
            return Vec::new();
        };
        let mut holidays: Vec<_> = BelgianHoliday::ALL
            .into_iter()
            .filter_map(|holiday| Some((holiday.date_with_easter(year, easter)?, holiday)))
            .collect();
        holidays.sort();
        holidays
    }
}

/// The distinct dates of the Belgian holidays of `year`, sorted (no allocation).
pub(crate) fn belgian_dates(year: i32) -> impl Iterator<Item = NaiveDate> {
    let easter = easter_sunday(year);
    let mut dates = [None; 10];
    if let Some(easter) = easter {
        for (slot, holiday) in dates.iter_mut().zip(BelgianHoliday::ALL) {
            *slot = holiday.date_with_easter(year, easter);
        }
    }
    dates.sort();
    let mut previous = None;
    dates.into_iter().flatten().filter(move |date| {
        let fresh = previous != Some(*date);
        previous = Some(*date);
        fresh
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn easter_of_known_years() {
        for (year, month, day) in [
            (1818, 3, 22), // earliest possible
            (1943, 4, 25), // latest possible
            (2000, 4, 23),
            (2008, 3, 23),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2038, 4, 25),
            (2285, 3, 22),
        ] {
            assert_eq!(easter_sunday(year), Some(date(year, month, day)), "{year}");
        }
    }

    #[test]
    fn easter_is_a_sunday_between_22_march_and_25_april_at_the_ends_of_chrono() {
        use chrono::Weekday;
        for year in (NaiveDate::MIN.year()..NaiveDate::MIN.year() + 500)
            .chain(-500..500)
            .chain(NaiveDate::MAX.year() - 500..=NaiveDate::MAX.year())
        {
            let easter = easter_sunday(year).unwrap_or(NaiveDate::MIN);
            assert_eq!(easter.weekday(), Weekday::Sun, "{year}");
            assert!(
                easter >= date(year, 3, 22) && easter <= date(year, 4, 25),
                "{year}"
            );
        }
    }

    #[test]
    fn belgian_dates_dedupe_a_shared_day() {
        assert_eq!(belgian_dates(2008).count(), 9);
        assert_eq!(BelgianHoliday::in_year(2008).len(), 10);
        assert_eq!(belgian_dates(2026).count(), 10);
        assert_eq!(belgian_dates(i32::MAX).count(), 0);
    }
}
