//! The EU-27 VAT rate table: lookups on both sides of every change, the unverified flag, the GR alias,
//! the JSON round trip, and every rule a loaded table is checked against.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use envoi::ErrorCode;
use envoi::vat::{Rate, RateTable, VatError, rate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;

fn day(year: i32, month: u32, date: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, date).unwrap_or_else(|| panic!("{year}-{month}-{date}"))
}

fn percent(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|error| panic!("{text:?}: {error}"))
}

fn percents(texts: &[&str]) -> Vec<Decimal> {
    texts.iter().map(|text| percent(text)).collect()
}

fn lookup(country: &str, date: NaiveDate) -> Rate {
    rate(country, date).unwrap_or_else(|error| panic!("{country} on {date}: {error}"))
}

const MEMBER_STATES: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

#[test]
fn every_member_state_has_a_rate_today() {
    let today = day(2026, 11, 30);
    let table = RateTable::builtin();
    assert_eq!(table.verified_on(), today);
    assert_eq!(table.countries().collect::<Vec<_>>(), MEMBER_STATES);
    for country in MEMBER_STATES {
        let rate = lookup(country, today);
        assert_eq!(rate.country(), country);
        assert!(!rate.unverified(), "{country}");
        assert!(
            rate.standard() >= Decimal::from(15),
            "{country}: the EU minimum standard rate is 15 %"
        );
        assert!(
            rate.reduced()
                .iter()
                .all(|reduced| *reduced < rate.standard()),
            "{country}"
        );
        assert!(
            rate.reduced().windows(2).all(|pair| pair[0] > pair[1]),
            "{country}: highest first"
        );
    }
}

#[test]
fn todays_rates_as_stated_by_the_commission_for_the_main_territories() {
    // Standard and reduced rates in force on 2026-11-30, as the Commission's TEDB lists them (regional
    // rates left out, IE's 4.8 % livestock rate and MT's 12 % included): a second, flat statement of
    // the table's last periods.
    let expected: [(&str, &str, &[&str]); 27] = [
        ("AT", "20", &["13", "10", "4.9"]),
        ("BE", "21", &["12", "6"]),
        ("BG", "20", &["9"]),
        ("CY", "19", &["9", "5", "3"]),
        ("CZ", "21", &["12"]),
        ("DE", "19", &["7"]),
        ("DK", "25", &[]),
        ("EE", "24", &["13", "9"]),
        ("EL", "24", &["13", "6"]),
        ("ES", "21", &["10", "4"]),
        ("FI", "25.5", &["13.5", "10"]),
        ("FR", "20", &["10", "5.5", "2.1"]),
        ("HR", "25", &["13", "5"]),
        ("HU", "27", &["18", "5"]),
        ("IE", "23", &["13.5", "9", "4.8"]),
        ("IT", "22", &["10", "5", "4"]),
        ("LT", "21", &["12", "5"]),
        ("LU", "17", &["14", "8", "3"]),
        ("LV", "21", &["12", "5"]),
        ("MT", "18", &["12", "7", "5"]),
        ("NL", "21", &["9"]),
        ("PL", "23", &["8", "5"]),
        ("PT", "23", &["13", "6"]),
        ("RO", "21", &["11"]),
        ("SE", "25", &["12", "6"]),
        ("SI", "22", &["9.5", "5"]),
        ("SK", "23", &["19", "5"]),
    ];
    for (country, standard, reduced) in expected {
        let rate = lookup(country, day(2026, 11, 30));
        assert_eq!(rate.standard(), percent(standard), "{country}");
        assert_eq!(rate.reduced(), percents(reduced), "{country}");
    }
}

/// One change of rates, written by hand from the sources (independently of `rates.json`).
struct Change {
    country: &'static str,
    /// The first day of the new rates.
    date: (i32, u32, u32),
    before: (&'static str, &'static [&'static str]),
    after: (&'static str, &'static [&'static str]),
}

const fn change(
    country: &'static str,
    date: (i32, u32, u32),
    before: (&'static str, &'static [&'static str]),
    after: (&'static str, &'static [&'static str]),
) -> Change {
    Change {
        country,
        date,
        before,
        after,
    }
}

/// Every change of standard or general reduced rates from 2019-01-01 to 2026-11-30.
const CHANGES: &[Change] = &[
    change(
        "AT",
        (2026, 7, 1),
        ("20", &["13", "10"]),
        ("20", &["13", "10", "4.9"]),
    ),
    change(
        "CY",
        (2023, 7, 21),
        ("19", &["9", "5"]),
        ("19", &["9", "5", "3"]),
    ),
    change("CZ", (2024, 1, 1), ("21", &["15", "10"]), ("21", &["12"])),
    change("DE", (2020, 7, 1), ("19", &["7"]), ("16", &["5"])),
    change("DE", (2021, 1, 1), ("16", &["5"]), ("19", &["7"])),
    change("EE", (2022, 8, 1), ("20", &["9"]), ("20", &["9", "5"])),
    change("EE", (2024, 1, 1), ("20", &["9", "5"]), ("22", &["9", "5"])),
    change(
        "EE",
        (2025, 1, 1),
        ("22", &["9", "5"]),
        ("22", &["13", "9"]),
    ),
    change(
        "EE",
        (2025, 7, 1),
        ("22", &["13", "9"]),
        ("24", &["13", "9"]),
    ),
    change(
        "FI",
        (2024, 9, 1),
        ("24", &["14", "10"]),
        ("25.5", &["14", "10"]),
    ),
    change(
        "FI",
        (2026, 1, 1),
        ("25.5", &["14", "10"]),
        ("25.5", &["13.5", "10"]),
    ),
    change(
        "IE",
        (2020, 9, 1),
        ("23", &["13.5", "9", "4.8"]),
        ("21", &["13.5", "9", "4.8"]),
    ),
    change(
        "IE",
        (2021, 3, 1),
        ("21", &["13.5", "9", "4.8"]),
        ("23", &["13.5", "9", "4.8"]),
    ),
    change(
        "LT",
        (2026, 1, 1),
        ("21", &["9", "5"]),
        ("21", &["12", "5"]),
    ),
    change(
        "LU",
        (2023, 1, 1),
        ("17", &["14", "8", "3"]),
        ("16", &["13", "7", "3"]),
    ),
    change(
        "LU",
        (2024, 1, 1),
        ("16", &["13", "7", "3"]),
        ("17", &["14", "8", "3"]),
    ),
    change(
        "MT",
        (2024, 1, 1),
        ("18", &["7", "5"]),
        ("18", &["12", "7", "5"]),
    ),
    change("RO", (2025, 8, 1), ("19", &["9", "5"]), ("21", &["11"])),
    change("SI", (2020, 1, 1), ("22", &["9.5"]), ("22", &["9.5", "5"])),
    change("SK", (2025, 1, 1), ("20", &["10"]), ("23", &["19", "5"])),
];

#[test]
fn rates_on_both_sides_of_each_hand_listed_change() {
    for change in CHANGES {
        let (year, month, date) = change.date;
        let first_day = day(year, month, date);
        let last_day_before = first_day.pred_opt().unwrap_or(first_day);
        let before = lookup(change.country, last_day_before);
        let after = lookup(change.country, first_day);
        let context = format!("{} on {first_day}", change.country);
        assert_eq!(
            before.standard(),
            percent(change.before.0),
            "{context}: standard the day before"
        );
        assert_eq!(
            before.reduced(),
            percents(change.before.1),
            "{context}: reduced the day before"
        );
        assert_eq!(
            after.standard(),
            percent(change.after.0),
            "{context}: standard"
        );
        assert_eq!(
            after.reduced(),
            percents(change.after.1),
            "{context}: reduced"
        );
        assert_eq!(after.effective_from(), first_day, "{context}");
        assert!(before.effective_from() < first_day, "{context}");
    }
}

/// The periods of the built-in table, read from its own JSON: (country, from, to, standard, reduced).
type PeriodRow = (String, NaiveDate, Option<NaiveDate>, Decimal, Vec<Decimal>);

fn table_periods(table: &RateTable) -> Vec<PeriodRow> {
    let json: Value = serde_json::from_str(&table.to_json()).unwrap_or(Value::Null);
    let date = |value: &Value| {
        value
            .as_str()
            .and_then(|text| text.parse::<NaiveDate>().ok())
    };
    let mut rows = Vec::new();
    for entry in json["countries"].as_array().into_iter().flatten() {
        let country = entry["country"].as_str().unwrap_or_default().to_string();
        for period in entry["periods"].as_array().into_iter().flatten() {
            let from = date(&period["from"]).unwrap_or_else(|| panic!("{country}: {period}"));
            let standard = percent(period["standard"].as_str().unwrap_or_default());
            let reduced = period["reduced"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|rate| percent(rate.as_str().unwrap_or_default()))
                .collect();
            rows.push((
                country.clone(),
                from,
                date(&period["to"]),
                standard,
                reduced,
            ));
        }
    }
    rows
}

#[test]
fn the_tables_change_dates_are_exactly_the_hand_listed_ones() {
    let periods = table_periods(RateTable::builtin());
    assert_eq!(periods.len(), 27 + CHANGES.len());
    let in_table: BTreeSet<(String, NaiveDate)> = periods
        .iter()
        .filter(|(_, from, ..)| *from != day(2019, 1, 1))
        .map(|(country, from, ..)| (country.clone(), *from))
        .collect();
    let by_hand: BTreeSet<(String, NaiveDate)> = CHANGES
        .iter()
        .map(|change| {
            (
                change.country.to_string(),
                day(change.date.0, change.date.1, change.date.2),
            )
        })
        .collect();
    assert_eq!(in_table, by_hand);
}

#[test]
fn rates_on_both_sides_of_each_change_in_the_table() {
    let periods = table_periods(RateTable::builtin());
    for pair in periods.windows(2) {
        let (previous, next) = (&pair[0], &pair[1]);
        if previous.0 != next.0 {
            continue;
        }
        let (country, from) = (&next.0, next.1);
        let day_before = from.pred_opt().unwrap_or(from);
        let before = lookup(country, day_before);
        assert_eq!(
            (before.standard(), before.reduced()),
            (previous.3, previous.4.as_slice())
        );
        assert_eq!(
            before.effective_from(),
            previous.1,
            "{country} on {day_before}"
        );
        let after = lookup(country, from);
        assert_eq!(
            (after.standard(), after.reduced()),
            (next.3, next.4.as_slice())
        );
        assert_eq!(after.effective_from(), from, "{country} on {from}");
        assert!(
            before.standard() != after.standard() || before.reduced() != after.reduced(),
            "{country} on {from}: a change that changes nothing"
        );
        if let Some(to) = previous.2 {
            assert_eq!(
                to, day_before,
                "{country}: `to` is the day before the next period"
            );
        }
    }
}

#[test]
fn temporary_rates_end_on_their_stated_day() {
    assert_eq!(
        lookup("DE", day(2020, 12, 31)).standard(),
        Decimal::from(16)
    );
    assert_eq!(lookup("DE", day(2021, 1, 1)).standard(), Decimal::from(19));
    assert_eq!(lookup("IE", day(2021, 2, 28)).standard(), Decimal::from(21));
    assert_eq!(
        lookup("LU", day(2023, 12, 31)).standard(),
        Decimal::from(16)
    );
    assert_eq!(
        lookup("LU", day(2024, 1, 1)).reduced(),
        percents(&["14", "8", "3"])
    );
}

#[test]
fn after_verified_on_the_last_known_rates_are_flagged_unverified() {
    let table = RateTable::builtin();
    let verified_on = table.verified_on();
    for country in MEMBER_STATES {
        let on_the_day = table
            .rate(country, verified_on)
            .unwrap_or_else(|e| panic!("{e}"));
        let next_day = verified_on.succ_opt().unwrap_or(verified_on);
        for later in [next_day, day(2030, 1, 1), NaiveDate::MAX] {
            let rate = table.rate(country, later).unwrap_or_else(|e| panic!("{e}"));
            assert!(rate.unverified(), "{country} on {later}");
            assert_eq!(
                rate.standard(),
                on_the_day.standard(),
                "{country} on {later}"
            );
            assert_eq!(rate.reduced(), on_the_day.reduced(), "{country} on {later}");
            assert_eq!(rate.effective_from(), on_the_day.effective_from());
        }
        assert!(!on_the_day.unverified());
        assert!(
            !table
                .rate(country, day(2019, 1, 1))
                .unwrap_or_else(|e| panic!("{e}"))
                .unverified()
        );
    }
}

#[test]
fn a_loaded_table_verified_later_knows_more_rates() {
    // A host's newer table: a new Belgian period and a later verified_on.
    let mut json: Value =
        serde_json::from_str(&RateTable::builtin().to_json()).unwrap_or(Value::Null);
    json["verified_on"] = Value::from("2027-06-30");
    let belgium = json["countries"]
        .as_array_mut()
        .and_then(|countries| countries.iter_mut().find(|entry| entry["country"] == "BE"))
        .and_then(|entry| entry["periods"].as_array_mut());
    if let Some(periods) = belgium {
        periods.push(
            serde_json::json!({"from": "2027-01-01", "standard": "22", "reduced": ["12", "6"]}),
        );
    }
    let newer = RateTable::from_json(&json.to_string()).unwrap_or_else(|e| panic!("{e}"));
    let in_2027 = newer
        .rate("BE", day(2027, 3, 1))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(in_2027.standard(), Decimal::from(22));
    assert!(!in_2027.unverified());
    assert!(lookup("BE", day(2027, 3, 1)).unverified());
    assert_eq!(lookup("BE", day(2027, 3, 1)).standard(), Decimal::from(21));
}

#[test]
fn greece_is_el_and_gr_is_its_alias_in_any_case() {
    let on = day(2025, 5, 5);
    let greece = lookup("EL", on);
    assert_eq!(greece.country(), "EL");
    assert_eq!(greece.standard(), Decimal::from(24));
    for alias in ["GR", "gr", "Gr", "el", " EL "] {
        assert_eq!(lookup(alias, on), greece, "{alias:?}");
    }
    assert_eq!(lookup("fi", on), lookup("FI", on));
}

#[test]
fn unknown_countries_xi_and_days_before_the_table_are_refused() {
    let error = rate("DE", day(2018, 12, 31)).unwrap_err();
    assert_eq!(error.code(), "vat.no_rate");
    assert!(matches!(&error, VatError::NoRate { country, date, covered }
        if country == "DE" && *date == day(2018, 12, 31) && covered.contains("2019-01-01")));
    assert!(error.to_string().contains("2018-12-31"), "{error}");

    let error = rate("XI", day(2025, 1, 1)).unwrap_err();
    assert_eq!(error.code(), "vat.no_rate");
    assert!(error.to_string().contains("Northern Ireland"), "{error}");

    for unknown in ["GB", "US", "ZZ", "", "DEU", "E L"] {
        let error = rate(unknown, day(2025, 1, 1)).unwrap_err();
        assert_eq!(error.code(), "vat.unknown_country", "{unknown:?}");
        assert!(
            matches!(&error, VatError::UnknownCountry { field: "country", value, .. } if value == unknown)
        );
    }
}

#[test]
fn to_json_then_from_json_gives_the_same_table() {
    let builtin = RateTable::builtin();
    let text = builtin.to_json();
    let reloaded = RateTable::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&reloaded, builtin);
    assert_eq!(reloaded.to_json(), text);
    // The serde form is the same format, and checks the same rules.
    let via_serde: RateTable = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&via_serde, builtin);
    assert_eq!(
        serde_json::to_value(builtin).ok(),
        serde_json::from_str::<Value>(&text).ok()
    );
    let bad = text.replacen("\"2026-11-30\"", "\"2026-11-31\"", 1);
    let error = serde_json::from_str::<RateTable>(&bad).unwrap_err();
    assert!(error.to_string().contains("verified_on"), "{error}");
}

#[test]
fn the_order_of_countries_in_a_loaded_table_does_not_matter() {
    let mut json: Value =
        serde_json::from_str(&RateTable::builtin().to_json()).unwrap_or(Value::Null);
    if let Some(countries) = json["countries"].as_array_mut() {
        countries.reverse();
    }
    let reversed = RateTable::from_json(&json.to_string()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&reversed, RateTable::builtin());
}

// ---- Every rule of a loaded table --------------------------------------------------------------

/// The built-in table as JSON, changed by `edit`, then loaded: the error it gives.
fn load_edited(edit: impl FnOnce(&mut Value)) -> VatError {
    let mut json: Value =
        serde_json::from_str(&RateTable::builtin().to_json()).unwrap_or(Value::Null);
    edit(&mut json);
    match RateTable::from_json(&json.to_string()) {
        Ok(_) => panic!("the edited table was accepted"),
        Err(error) => error,
    }
}

fn country_mut<'a>(json: &'a mut Value, code: &str) -> &'a mut Value {
    json["countries"]
        .as_array_mut()
        .and_then(|countries| countries.iter_mut().find(|entry| entry["country"] == code))
        .unwrap_or_else(|| panic!("no {code}"))
}

fn period_mut<'a>(json: &'a mut Value, code: &str, index: usize) -> &'a mut Value {
    &mut country_mut(json, code)["periods"][index]
}

/// Asserts an `InvalidRateTable` whose entry, field and value are these and whose rule mentions `rule`.
#[track_caller]
fn assert_invalid(error: &VatError, entry: &str, field: &str, value: &str, rule: &str) {
    assert_eq!(error.code(), "vat.invalid_rate_table", "{error}");
    let VatError::InvalidRateTable {
        entry: e,
        field: f,
        value: v,
        rule: r,
    } = error
    else {
        panic!("not InvalidRateTable: {error:?}");
    };
    assert_eq!(
        (e.as_str(), f.as_str(), v.as_str()),
        (entry, field, value),
        "{error}"
    );
    assert!(r.contains(rule), "rule {r:?} does not mention {rule:?}");
    let message = error.to_string();
    assert!(
        message.contains(entry) && message.contains(field) && message.contains(value),
        "{message}"
    );
}

#[test]
fn malformed_json_is_refused_with_its_line() {
    let error =
        RateTable::from_json("{\n  \"verified_on\": \"2026-11-30\",\n  oops\n}").unwrap_err();
    assert_invalid(
        &error,
        "line 3, column 3",
        "json",
        "oops",
        "JSON in the format",
    );
    let error = RateTable::from_json("").unwrap_err();
    assert_eq!(error.code(), "vat.invalid_rate_table");
}

#[test]
fn unknown_and_missing_fields_are_refused() {
    let error = load_edited(|json| {
        let period = period_mut(json, "FI", 1);
        period["standrad"] = Value::from("25.5");
    });
    assert_eq!(error.code(), "vat.invalid_rate_table");
    assert!(
        error.to_string().contains("unknown field `standrad`"),
        "{error}"
    );

    let error = load_edited(|json| {
        if let Some(period) = period_mut(json, "FI", 1).as_object_mut() {
            period.remove("standard");
        }
    });
    assert!(
        error.to_string().contains("missing field `standard`"),
        "{error}"
    );
}

#[test]
fn dates_are_yyyy_mm_dd_and_exist() {
    let error = load_edited(|json| json["verified_on"] = Value::from("2026-13-01"));
    assert_invalid(&error, "table", "verified_on", "2026-13-01", "YYYY-MM-DD");
    let error = load_edited(|json| period_mut(json, "FI", 1)["from"] = Value::from("2024-9-1"));
    assert_invalid(&error, "FI, period 2", "from", "2024-9-1", "YYYY-MM-DD");
    let error = load_edited(|json| period_mut(json, "DE", 1)["to"] = Value::from("2020-02-30"));
    assert_invalid(
        &error,
        "DE, period from 2020-07-01",
        "to",
        "2020-02-30",
        "YYYY-MM-DD",
    );
}

#[test]
fn a_table_names_its_sources() {
    let error = load_edited(|json| json["sources"] = serde_json::json!([]));
    assert_invalid(&error, "table", "sources", "[]", "at least one source");
    let error = load_edited(|json| json["sources"][0]["name"] = Value::from(" "));
    assert_invalid(&error, "sources[0]", "name", " ", "a source has a name");
}

#[test]
fn countries_are_the_27_member_states_each_once() {
    let error = load_edited(|json| country_mut(json, "DE")["country"] = Value::from("ZZ"));
    assert_invalid(
        &error,
        "countries[5]",
        "country",
        "ZZ",
        "not the VAT code of an EU member state",
    );
    let error = load_edited(|json| country_mut(json, "EL")["country"] = Value::from("GR"));
    assert_invalid(
        &error,
        "countries[8]",
        "country",
        "GR",
        "Greece is written EL",
    );
    let error = load_edited(|json| country_mut(json, "DE")["country"] = Value::from("de"));
    assert_invalid(&error, "countries[5]", "country", "de", "upper case");
    let error = load_edited(|json| country_mut(json, "DE")["country"] = Value::from("AT"));
    assert_invalid(
        &error,
        "countries[5]",
        "country",
        "AT",
        "each member state has one entry",
    );
    let error = load_edited(|json| {
        if let Some(countries) = json["countries"].as_array_mut() {
            countries.retain(|entry| entry["country"] != "SK");
        }
    });
    assert_invalid(
        &error,
        "table",
        "countries",
        "SK",
        "every EU member state has an entry",
    );
}

#[test]
fn every_member_state_has_a_period() {
    let error = load_edited(|json| country_mut(json, "BE")["periods"] = serde_json::json!([]));
    assert_invalid(&error, "BE", "periods", "[]", "at least one period");
}

#[test]
fn periods_are_sorted() {
    let error = load_edited(|json| period_mut(json, "EE", 2)["from"] = Value::from("2022-08-01"));
    assert_invalid(
        &error,
        "EE, period from 2022-08-01",
        "from",
        "2022-08-01",
        "sorted by `from`",
    );
    let error = load_edited(|json| period_mut(json, "EE", 2)["from"] = Value::from("2020-01-01"));
    assert_invalid(
        &error,
        "EE, period from 2020-01-01",
        "from",
        "2020-01-01",
        "the one before starts on 2022-08-01",
    );
}

#[test]
fn to_is_the_day_before_the_next_period() {
    let error = load_edited(|json| period_mut(json, "DE", 1)["to"] = Value::from("2020-06-30"));
    assert_invalid(
        &error,
        "DE, period from 2020-07-01",
        "to",
        "2020-06-30",
        "cannot be before its `from`",
    );
    let error = load_edited(|json| period_mut(json, "DE", 1)["to"] = Value::from("2021-01-01"));
    assert_invalid(
        &error,
        "DE, period from 2020-07-01",
        "to",
        "2021-01-01",
        "overlaps the next period",
    );
    let error = load_edited(|json| period_mut(json, "DE", 1)["to"] = Value::from("2020-12-30"));
    assert_invalid(
        &error,
        "DE, period from 2020-07-01",
        "to",
        "2020-12-30",
        "leaves a gap",
    );
    let error = load_edited(|json| period_mut(json, "DE", 2)["to"] = Value::from("2030-12-31"));
    assert_invalid(
        &error,
        "DE, period from 2021-01-01",
        "to",
        "2030-12-31",
        "the last period",
    );
}

#[test]
fn rates_are_decimal_strings_from_0_to_below_100() {
    let error = load_edited(|json| period_mut(json, "FI", 1)["standard"] = serde_json::json!(25.5));
    assert_invalid(
        &error,
        "FI, period from 2024-09-01",
        "standard",
        "25.5",
        "not a JSON number",
    );
    let error = load_edited(|json| period_mut(json, "FI", 1)["standard"] = Value::from("25,5"));
    assert_invalid(
        &error,
        "FI, period from 2024-09-01",
        "standard",
        "25,5",
        "decimal string",
    );
    let error = load_edited(|json| period_mut(json, "FI", 1)["standard"] = Value::from("100"));
    assert_invalid(
        &error,
        "FI, period from 2024-09-01",
        "standard",
        "100",
        "from 0 (included) to 100 (excluded)",
    );
    let error = load_edited(|json| period_mut(json, "FI", 1)["reduced"][1] = Value::from("-10"));
    assert_invalid(
        &error,
        "FI, period from 2024-09-01",
        "reduced[1]",
        "-10",
        "from 0 (included)",
    );
    let error = load_edited(|json| period_mut(json, "FI", 1)["reduced"][0] = Value::Null);
    assert_invalid(
        &error,
        "FI, period from 2024-09-01",
        "reduced[0]",
        "null",
        "decimal string",
    );
}

#[test]
fn reduced_rates_are_below_the_standard_rate_highest_first_each_once() {
    let error = load_edited(|json| period_mut(json, "FI", 1)["reduced"][0] = Value::from("25.5"));
    assert_invalid(
        &error,
        "FI, period from 2024-09-01",
        "reduced[0]",
        "25.5",
        "below the standard rate (25.5)",
    );
    let error =
        load_edited(|json| period_mut(json, "FI", 1)["reduced"] = serde_json::json!(["10", "14"]));
    assert_invalid(
        &error,
        "FI, period from 2024-09-01",
        "reduced[1]",
        "14",
        "highest first",
    );
    let error =
        load_edited(|json| period_mut(json, "FI", 1)["reduced"] = serde_json::json!(["14", "14"]));
    assert_invalid(
        &error,
        "FI, period from 2024-09-01",
        "reduced[1]",
        "14",
        "each once",
    );
}

#[test]
fn a_period_changes_a_rate() {
    let error = load_edited(|json| period_mut(json, "FI", 1)["standard"] = Value::from("24"));
    assert_invalid(
        &error,
        "FI, period from 2024-09-01",
        "standard, reduced",
        "24; [14, 10]",
        "changes at least one rate",
    );
}

#[test]
fn rates_cross_bindings_as_decimal_strings() {
    let finland = lookup("FI", day(2026, 1, 1));
    let json = serde_json::to_value(&finland).unwrap_or(Value::Null);
    assert_eq!(
        json,
        serde_json::json!({
            "country": "FI",
            "standard": "25.5",
            "reduced": ["13.5", "10"],
            "effective_from": "2026-01-01",
            "unverified": false
        })
    );
    let back: Rate = serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, finland);
    assert_eq!(finland.standard(), Decimal::new(255, 1));
}

// ---- Properties --------------------------------------------------------------------------------

proptest! {
    /// For any member state and any day from the table's start, exactly one period is in force, and
    /// the lookup returns it.
    #[test]
    fn exactly_one_period_is_in_force_each_day(country in 0usize..27, offset in 0i64..6000) {
        let periods = table_periods(RateTable::builtin());
        let code = MEMBER_STATES[country];
        let date = day(2019, 1, 1) + chrono::Duration::days(offset);
        let own: Vec<&PeriodRow> = periods.iter().filter(|row| row.0 == code).collect();
        let matching: Vec<&PeriodRow> = own
            .iter()
            .enumerate()
            .filter(|(index, row)| {
                let next_from = own.get(index + 1).map(|next| next.1);
                let last_day = row.2.or_else(|| next_from.and_then(|from| from.pred_opt()));
                row.1 <= date && last_day.is_none_or(|last| date <= last)
            })
            .map(|(_, row)| *row)
            .collect();
        prop_assert_eq!(matching.len(), 1, "{} on {}", code, date);
        let found = lookup(code, date);
        prop_assert_eq!(found.effective_from(), matching[0].1);
        prop_assert_eq!(found.standard(), matching[0].3);
        prop_assert_eq!(found.reduced(), matching[0].4.as_slice());
        prop_assert_eq!(found.unverified(), date > RateTable::builtin().verified_on());
    }

    /// Any day before the table's start has no rate.
    #[test]
    fn no_rate_before_the_start(country in 0usize..27, offset in 1i64..20000) {
        let date = day(2019, 1, 1) - chrono::Duration::days(offset);
        let error = rate(MEMBER_STATES[country], date).unwrap_err();
        prop_assert_eq!(error.code(), "vat.no_rate");
    }
}
