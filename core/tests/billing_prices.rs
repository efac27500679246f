//! Price lists (issue 10): the sample list read from JSON and TOML alike, the price valid on each
//! day (half-open validity, never a guess), letter prices from the post's quote, and an error for
//! every broken rule that names the file, the entry and the field.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::NaiveDate;
use envoi::ErrorCode;
use envoi::billing::{BillingError, LetterQuery, Location, PriceList};
use envoi::contacts::Channel;
use envoi::credits::{BillableItem, Charge, CreditKind};
use envoi::post::{
    Document, Format, Letter, PostCalendars, Postage, PostalZone, WeightBand, quote,
};
use envoi::time::{Instant, Zone};
use proptest::prelude::*;
use serde_json::{Value, json};

const JSON: &str = include_str!("data/billing/prices.json");
const TOML: &str = include_str!("data/billing/prices.toml");

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn at(text: &str) -> Instant {
    text.parse().unwrap()
}

fn sample() -> PriceList {
    PriceList::from_json("prices.json", JSON).unwrap()
}

fn band(zone: PostalZone, format: Format, up_to_grams: u32) -> WeightBand {
    WeightBand {
        zone,
        format,
        up_to_grams,
    }
}

#[test]
fn the_sample_reads_the_same_from_json_and_toml() {
    let from_json = sample();
    let from_toml = PriceList::from_toml("prices.toml", TOML).unwrap();
    assert_eq!(from_json, from_toml);
    assert!(from_json.source().unwrap().contains("seeds"));
    assert_eq!(from_json.as_of(), Some(day("2026-01-15")));
    assert_eq!(from_json.packs().len(), 8);
}

#[test]
fn packs_at_a_date_use_the_price_valid_that_day() {
    let list = sample();
    let pack = list.pack("sms-1000", day("2026-06-30")).unwrap();
    assert_eq!((pack.kind.clone(), pack.units), (CreditKind::sms(), 1000));
    assert_eq!(pack.price.to_string(), "75.00 EUR");
    assert_eq!(
        list.pack("sms-1000", day("2026-07-01"))
            .unwrap()
            .price
            .to_string(),
        "72.00 EUR"
    );
    let error = list.pack("sms-1000", day("2025-12-31")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "pack sms-1000: no price valid on 2025-12-31; the price list has it for 2026-01-01..2026-07-01, 2026-07-01.."
    );
    assert_eq!(error.code(), "billing.no_price");
    // A free test pack (Clicplanning's way to open an account) is a price of zero.
    assert!(
        list.pack("sms-test", day("2026-03-01"))
            .unwrap()
            .price
            .is_zero()
    );
    let catalogue: Vec<&str> = list
        .packs_on(day("2026-07-01"))
        .map(|pack| pack.id.as_str())
        .collect();
    assert_eq!(
        catalogue,
        [
            "email-test",
            "email-5000",
            "email-20000",
            "sms-test",
            "sms-1000",
            "sms-5000",
            "secure-email-1000"
        ]
    );
}

#[test]
fn unit_prices_keep_their_decimals_beyond_the_cent() {
    let list = sample();
    let sms = list.unit_price(Channel::Sms, day("2026-03-01")).unwrap();
    assert_eq!(sms.price.to_string(), "0.0825 EUR");
    assert_eq!(
        sms.price
            .times(1240.into())
            .round_to_minor_units()
            .to_string(),
        "102.30 EUR"
    );
    let error = list
        .unit_price(Channel::Letter, day("2026-03-01"))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "unit price of letter: no price valid on 2026-03-01; the price list has no entry for it"
    );
}

#[test]
fn the_plannit_block_plan_bills_through_the_credits_module_in_usd() {
    let list = sample();
    let price = list.block_plan("plannit-sms", day("2026-03-01")).unwrap();
    assert_eq!(
        (price.block_size, price.fee.to_string()),
        (500, "25.00 USD".to_owned())
    );
    let plan = price
        .subscribe(at("2026-03-01T09:00:00Z"), Zone::default())
        .unwrap();
    // 1,240 SMS in the first period: 3 started blocks, 1 paid upfront, 2 billed the next period.
    let second = plan.period(1).unwrap();
    let items: Vec<BillableItem> = plan.bill(&second, 1_240).unwrap();
    let extra = items
        .iter()
        .find(|item| matches!(item.charge, Charge::ExtraBlocks { .. }))
        .unwrap();
    assert_eq!(extra.quantity, 2);
    assert_eq!(extra.amount().unwrap().to_string(), "50.00 USD");
}

#[test]
fn a_block_plan_is_subscribed_only_on_a_day_its_price_is_valid() {
    let list = sample();
    let price = list.block_plan("plannit-sms", day("2026-03-01")).unwrap();
    // Valid from 1 January 2026: 31 December 2025 in Brussels is before it…
    let error = price
        .subscribe(at("2025-12-31T12:00:00Z"), Zone::default())
        .unwrap_err();
    assert_eq!(error.code(), "billing.no_price");
    assert!(
        matches!(&error, BillingError::NoPrice { subject, on, .. }
            if subject == "block plan plannit-sms" && *on == day("2025-12-31")),
        "{error}"
    );
    // …while 31 December 23:30 UTC is already 1 January in Brussels.
    assert!(
        price
            .subscribe(at("2025-12-31T23:30:00Z"), Zone::default())
            .is_ok()
    );
    assert_eq!(
        price
            .subscribe(at("2025-12-31T23:30:00Z"), "UTC".parse().unwrap())
            .unwrap_err()
            .code(),
        "billing.no_price"
    );
}

#[test]
fn letters_are_priced_from_the_posts_quote() {
    let list = sample();
    let on = day("2026-03-10");
    let calendars = PostCalendars::default();
    let submitted = at("2026-03-10T09:00:00Z");

    // 3 sheets in a US envelope, small format, prior, in Belgium.
    let letter = Letter::new(vec![Document::a4(3)], Postage::Prior);
    let sent = quote(
        &letter,
        &["Marie Janssens", "Kerkstraat 5", "1000 BRUSSEL"],
        submitted,
        &calendars,
    )
    .unwrap();
    let query = LetterQuery {
        color: true,
        duplex: true,
        ..LetterQuery::new(sent.postage, sent.weight_band, sent.sheets)
    };
    let price = list.letter_price(&query, on).unwrap();
    assert_eq!(price.postage.to_string(), "1.95 EUR");
    assert_eq!(price.color.to_string(), "0.60 EUR");
    assert_eq!(price.duplex.to_string(), "0.09 EUR");
    assert_eq!(price.total().unwrap().to_string(), "2.64 EUR");

    // 9 sheets abroad: prior becomes prior international, large format, up to 100 g.
    let letter = Letter::new(vec![Document::a4(9)], Postage::Prior);
    let address = [
        "Jan de Vries",
        "Keizersgracht 1",
        "1015 CJ AMSTERDAM",
        "PAYS-BAS",
    ];
    let sent = quote(&letter, &address, submitted, &calendars).unwrap();
    assert_eq!(sent.postage, Postage::PriorInternational);
    let price = list
        .letter_price(
            &LetterQuery::new(sent.postage, sent.weight_band, sent.sheets),
            on,
        )
        .unwrap();
    assert_eq!(price.total().unwrap().to_string(), "6.20 EUR");

    // Registered with an acknowledgement of receipt: prior postage + both fees.
    let registered = LetterQuery {
        acknowledgement_of_receipt: true,
        ..LetterQuery::new(
            Postage::Registered,
            band(PostalZone::National, Format::Small, 50),
            1,
        )
    };
    let price = list.letter_price(&registered, on).unwrap();
    assert_eq!(
        (
            price.registered.to_string(),
            price.acknowledgement_of_receipt.to_string()
        ),
        ("6.10 EUR".to_owned(), "1.25 EUR".to_owned())
    );
    assert_eq!(price.total().unwrap().to_string(), "9.30 EUR");
}

#[test]
fn a_letter_query_is_built_from_the_letter_and_its_quote() {
    let list = sample();
    let on = day("2026-03-10");
    // Registered, colour, duplex, with an acknowledgement: 5 pages on 3 sheets.
    let letter = Letter {
        color: true,
        duplex: true,
        acknowledgement: true,
        return_address: Some(vec!["Envoi SA".into(), "1000 BRUSSEL".into()]),
        ..Letter::new(vec![Document::a4(5)], Postage::Registered)
    };
    let sent = quote(
        &letter,
        &["Marie Janssens", "Kerkstraat 5", "1000 BRUSSEL"],
        at("2026-03-10T09:00:00Z"),
        &PostCalendars::default(),
    )
    .unwrap();
    let query = LetterQuery::from_quote(&letter, &sent);
    assert_eq!(
        query,
        LetterQuery {
            color: true,
            duplex: true,
            acknowledgement_of_receipt: true,
            ..LetterQuery::new(Postage::Registered, sent.weight_band, 3)
        }
    );
    let price = list.letter_price(&query, on).unwrap();
    assert_eq!(price.color.to_string(), "0.60 EUR");
    assert_eq!(price.duplex.to_string(), "0.09 EUR");
    assert_eq!(price.total().unwrap().to_string(), "9.99 EUR");

    // Abroad, the quote's postage (prior international) is the one priced, not the letter's.
    let letter = Letter::new(vec![Document::a4(9)], Postage::Prior);
    let address = ["Jan de Vries", "1015 CJ AMSTERDAM", "PAYS-BAS"];
    let sent = quote(
        &letter,
        &address,
        at("2026-03-10T09:00:00Z"),
        &PostCalendars::default(),
    )
    .unwrap();
    let query = LetterQuery::from_quote(&letter, &sent);
    assert_eq!(query.postage, Postage::PriorInternational);
    assert_eq!(
        list.letter_price(&query, on)
            .unwrap()
            .total()
            .unwrap()
            .to_string(),
        "6.20 EUR"
    );
}

#[test]
fn the_colour_supplement_is_color_per_sheet_as_the_post_says_color() {
    // The post's letter JSON says `color`: the tariff says `color_per_sheet`, and nothing else.
    let error = edited(|v| {
        let tariff = v["letter_tariffs"][0].as_object_mut().unwrap();
        let supplement = tariff.remove("color_per_sheet").unwrap();
        tariff.insert("colour_per_sheet".into(), supplement);
    });
    assert_eq!(error.code(), "billing.unknown_field");
    assert!(
        error
            .to_string()
            .contains("colour_per_sheet: not a field here"),
        "{error}"
    );
    let letter: Letter =
        serde_json::from_str(r#"{"documents": [{"pages": 1}], "postage": "prior", "color": true}"#)
            .unwrap();
    assert!(letter.color);
}

#[test]
fn letter_queries_that_cannot_be_priced_say_why() {
    let list = sample();
    let on = day("2026-03-10");
    let national_small = band(PostalZone::National, Format::Small, 50);
    let ask = |query: LetterQuery| list.letter_price(&query, on).unwrap_err();
    let ack_on_prior = LetterQuery {
        acknowledgement_of_receipt: true,
        ..LetterQuery::new(Postage::Prior, national_small, 1)
    };
    assert_eq!(ask(ack_on_prior).code(), "billing.invalid_query");
    assert_eq!(
        ask(LetterQuery::new(Postage::Rp, national_small, 1)).code(),
        "billing.invalid_query"
    );
    assert_eq!(
        ask(LetterQuery::new(
            Postage::PriorInternational,
            national_small,
            1
        ))
        .to_string(),
        "band.zone: national does not match the postage: prior_international is for addresses abroad (international), the others for Belgium (national)"
    );
    assert_eq!(
        ask(LetterQuery::new(Postage::Prior, national_small, 0)).code(),
        "billing.invalid_query"
    );
    let heavy_non_prior = LetterQuery::new(
        Postage::NonPrior,
        band(PostalZone::National, Format::Large, 2000),
        1,
    );
    assert_eq!(
        ask(heavy_non_prior).to_string(),
        "letter non_prior large up to 2000 g: no price valid on 2026-03-10; tariff click-and-post-2026 has no row for it"
    );
    let before = list
        .letter_price(
            &LetterQuery::new(Postage::Prior, national_small, 1),
            day("2025-12-31"),
        )
        .unwrap_err();
    assert_eq!(before.code(), "billing.no_price");
}

/// The sample as JSON, edited, read back: the error it gives.
fn edited(edit: impl Fn(&mut Value)) -> BillingError {
    let mut value: Value = serde_json::from_str(JSON).unwrap();
    edit(&mut value);
    PriceList::from_json("prices.json", &value.to_string()).unwrap_err()
}

#[test]
fn errors_name_the_file_the_entry_and_the_field() {
    let error = edited(|v| v["packs"][4]["price"] = json!("-5"));
    assert_eq!(error.code(), "billing.negative_price");
    assert_eq!(
        error.to_string(),
        r#"prices.json: packs[4] (sms-1000): price: "-5" must be positive or zero"#
    );
    let error = edited(|v| v["packs"][5]["valid_from"] = json!("2026-06-30"));
    assert_eq!(error.code(), "billing.overlapping_validity");
    assert_eq!(
        error.to_string(),
        "prices.json: packs[5] (sms-1000): valid 2026-06-30.. overlaps packs[4] (valid 2026-01-01..2026-07-01); an id has one price on any day"
    );
    let error = edited(|v| v["unit_prices"][2]["valid_from"] = json!("2026-06-01"));
    assert_eq!(error.code(), "billing.overlapping_validity");
    let error = edited(|v| v["block_plans"][0]["currency"] = json!("US$"));
    assert_eq!(
        error.to_string(),
        r#"prices.json: block_plans[0] (plannit-sms): currency: "US$" is not an ISO 4217 currency code (such as EUR or USD)"#
    );
    let error = edited(|v| v["letter_tariffs"][0]["postage"][3]["postage"] = json!("express"));
    assert_eq!(error.code(), "billing.unknown_postage");
    assert_eq!(
        error.to_string(),
        r#"prices.json: letter_tariffs[0] (click-and-post-2026): postage[3].postage: "express" is not a postage; rows are for prior, non_prior or prior_international"#
    );
    let error = edited(|v| v["letter_tariffs"][0]["postage"][0]["postage"] = json!("registered"));
    assert_eq!(error.code(), "billing.unknown_postage");
    let error = edited(|v| v["letter_tariffs"][0]["postage"][1]["format"] = json!("a4"));
    assert_eq!(error.code(), "billing.unknown_format");
    let error = edited(|v| v["letter_tariffs"][0]["postage"][1]["up_to_grams"] = json!(250));
    assert_eq!(error.code(), "billing.unknown_weight_band");
    assert_eq!(
        error.to_string(),
        "prices.json: letter_tariffs[0] (click-and-post-2026): postage[1].up_to_grams: 250 is not a weight band of national large letters; their bands go up to 100, 350, 1000, 2000 grams"
    );
    let error = edited(|v| v["letter_tariffs"][0]["postage"][2]["up_to_grams"] = json!(100));
    assert_eq!(error.code(), "billing.duplicate_entry");
    let error = edited(|v| v["unit_prices"][0]["channel"] = json!("fax"));
    assert_eq!(error.code(), "billing.unknown_channel");
    let error = edited(|v| v["packs"][0]["valid_untill"] = json!("2027-01-01"));
    assert_eq!(error.code(), "billing.unknown_field");
    assert!(
        error
            .to_string()
            .starts_with("prices.json: packs[0] (email-test): valid_untill: not a field here"),
        "{error}"
    );
    let error = edited(|v| v["packs"][1]["price"] = json!(25.0));
    assert_eq!(error.code(), "billing.invalid_field");
    assert!(
        error.to_string().contains("binary floating point"),
        "{error}"
    );
    let error = edited(|v| v["packs"][1]["price"] = json!("25,00"));
    assert_eq!(error.code(), "billing.invalid_field");
    let error = edited(|v| v["packs"][1]["units"] = json!(0));
    assert_eq!(
        error.to_string(),
        "prices.json: packs[1] (email-5000): units: 0 is not a whole number from 1 to 1000000000000"
    );
    let error = edited(|v| v["packs"][1]["kind"] = json!("SMS"));
    assert_eq!(error.code(), "billing.invalid_field");
    let error = edited(|v| v["packs"][1]["valid_until"] = json!("2026-01-01"));
    assert!(
        error
            .to_string()
            .contains("is not after valid_from (2026-01-01)"),
        "{error}"
    );
    let error = edited(|v| v["packs"][1]["valid_from"] = json!("2026-1-1"));
    assert_eq!(error.code(), "billing.invalid_field");
    let error = edited(|v| {
        v["packs"][1].as_object_mut().unwrap().remove("currency");
    });
    assert_eq!(error.code(), "billing.missing_field");
    let error = edited(|v| v["packs"][1]["id"] = json!("sms 1000"));
    assert_eq!(error.code(), "billing.invalid_field");
    let error = edited(|v| v["packs"] = json!({}));
    assert_eq!(error.code(), "billing.invalid_field");
}

#[test]
fn a_unit_price_for_letters_is_refused_letters_have_tariffs() {
    let error = edited(|v| {
        v["unit_prices"].as_array_mut().unwrap().push(json!({
            "channel": "letter", "price": "1.20", "currency": "EUR", "valid_from": "2026-01-01"
        }));
    });
    assert_eq!(error.code(), "billing.invalid_field");
    let text = error.to_string();
    assert!(
        text.contains(
            "(letter): channel: \"letter\" has no unit price; letters are priced by letter_tariffs"
        ),
        "{text}"
    );
    let toml = "[[unit_prices]]\nchannel = \"letter\"\nprice = \"1\"\ncurrency = \"EUR\"\nvalid_from = 2026-01-01\n";
    let error = PriceList::from_toml("prices.toml", toml).unwrap_err();
    assert_eq!(
        error.to_string(),
        "prices.toml: unit_prices[0] (letter): channel: \"letter\" has no unit price; letters are priced by letter_tariffs (postage × format × weight band, with supplements and fees)"
    );
}

#[test]
fn an_unknown_field_names_the_entrys_id() {
    let error = edited(|v| v["unit_prices"][0]["valid_untill"] = json!("2027-01-01"));
    assert!(
        error
            .to_string()
            .starts_with("prices.json: unit_prices[0] (email): valid_untill: not a field here"),
        "{error}"
    );
    let error = edited(|v| v["letter_tariffs"][0]["colour"] = json!("0.20"));
    assert!(
        error.to_string().starts_with(
            "prices.json: letter_tariffs[0] (click-and-post-2026): colour: not a field here"
        ),
        "{error}"
    );
    // A row of a tariff: the tariff's id and the row.
    let error = edited(|v| v["letter_tariffs"][0]["postage"][1]["grams"] = json!(50));
    assert!(
        error.to_string().starts_with(
            "prices.json: letter_tariffs[0] (click-and-post-2026): postage[1].grams: not a field here"
        ),
        "{error}"
    );
    // No id (or one that is not an id): the index alone.
    let error = edited(|v| {
        v["block_plans"][0]["id"] = json!("not an id");
        v["block_plans"][0]["extra"] = json!(1);
    });
    assert!(
        error
            .to_string()
            .starts_with("prices.json: block_plans[0]: extra: not a field here"),
        "{error}"
    );
}

fn tariff_in(currency: &str, price: &str, color: &str, fee: &str) -> String {
    json!({"letter_tariffs": [{"id": "letters", "currency": currency, "valid_from": "2026-01-01",
        "color_per_sheet": color, "duplex_per_sheet": "0", "registered_fee": fee,
        "acknowledgement_of_receipt_fee": "0",
        "postage": [{"postage": "prior", "format": "small", "up_to_grams": 50, "price": price}]}]})
    .to_string()
}

#[test]
fn currencies_with_zero_or_three_decimals_keep_them_and_one_without_a_minor_unit_is_refused() {
    let on = day("2026-03-10");
    let query = LetterQuery {
        color: true,
        ..LetterQuery::new(
            Postage::Registered,
            band(PostalZone::National, Format::Small, 50),
            3,
        )
    };
    // JPY has no decimals: totals are whole yen, written without a dot.
    let yen = PriceList::from_json("yen.json", &tariff_in("JPY", "110", "15", "480")).unwrap();
    let price = yen.letter_price(&query, on).unwrap();
    assert_eq!(price.color.to_string(), "45 JPY");
    assert_eq!(price.total().unwrap().to_string(), "635 JPY");
    // BHD has three: 0.850 + 3 × 0.025 + 1.200, nothing rounded to the cent.
    let dinar =
        PriceList::from_json("bhd.json", &tariff_in("BHD", "0.850", "0.025", "1.200")).unwrap();
    let total = dinar.letter_price(&query, on).unwrap().total().unwrap();
    assert_eq!(total.to_string(), "2.125 BHD");
    assert_eq!(total.round_to_minor_units(), total);
    // A per-sheet supplement may be finer than the minor unit (it is multiplied first)…
    assert!(PriceList::from_json("yen.json", &tariff_in("JPY", "110", "0.5", "480")).is_ok());
    // …an amount charged as it is may not: an invoice would have to round it.
    let error =
        PriceList::from_json("yen.json", &tariff_in("JPY", "110.5", "15", "480")).unwrap_err();
    assert_eq!(error.code(), "billing.invalid_field");
    assert_eq!(
        error.to_string(),
        r#"prices.json: letter_tariffs[0] (letters): postage[0].price: "110.5" has 1 decimals, more than JPY has (0); a price charged as it is is a whole number of minor units (only unit prices and per-sheet supplements may be finer)"#.replace("prices.json", "yen.json")
    );
    let error = PriceList::from_json("bhd.json", &tariff_in("BHD", "0.850", "0.025", "1.2005"))
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("registered_fee: \"1.2005\" has 4 decimals, more than BHD has (3)"),
        "{error}"
    );
    // Trailing zeros are not decimals.
    assert!(PriceList::from_json("yen.json", &tariff_in("JPY", "110.00", "15", "480")).is_ok());
    let error = edited(|v| v["packs"][1]["price"] = json!("9.755"));
    assert_eq!(error.code(), "billing.invalid_field");
    // Unit prices keep their fourth decimal.
    assert!(
        sample()
            .unit_prices()
            .iter()
            .any(|p| p.price.amount().scale() == 4)
    );

    // Gold has no minor unit in ISO 4217: minor_units() says 0, which would round to the ounce.
    let error = PriceList::from_json("gold.json", &tariff_in("XAU", "1", "0", "0")).unwrap_err();
    assert_eq!(error.code(), "billing.unknown_currency");
    assert!(
        error.to_string().starts_with(r#"gold.json: letter_tariffs[0] (letters): currency: "XAU" has no minor unit in ISO 4217"#),
        "{error}"
    );
    let error = edited(|v| v["unit_prices"][0]["currency"] = json!("XDR"));
    assert_eq!(error.code(), "billing.unknown_currency");
    let error = edited(|v| v["unit_prices"][0]["currency"] = json!("EURO"));
    assert!(
        error
            .to_string()
            .ends_with(r#"currency: "EURO" is not an ISO 4217 currency code (such as EUR or USD)"#),
        "{error}"
    );
}

#[test]
fn toml_errors_name_the_file_too() {
    let toml = TOML.replacen("price = \"75.00\"", "price = \"-5\"", 1);
    let error = PriceList::from_toml("prices.toml", &toml).unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"prices.toml: packs[4] (sms-1000): price: "-5" must be positive or zero"#
    );
    let error = PriceList::from_toml("prices.toml", "[[packs]\n").unwrap_err();
    assert_eq!(error.code(), "billing.syntax");
    assert!(
        error.to_string().starts_with("prices.toml: not TOML"),
        "{error}"
    );
    let error = PriceList::from_json("prices.json", "[1, 2]").unwrap_err();
    assert_eq!(error.code(), "billing.invalid_field");
    let error = PriceList::from_toml("prices.toml", "[[packs]]\nprice = 1.5e400").unwrap_err();
    assert!(
        matches!(error.code(), "billing.syntax" | "billing.invalid_field"),
        "{error}"
    );
}

proptest! {
    /// A random set of validity windows for one pack id: the list is refused exactly when two
    /// windows share a day (computed here from the offsets, not with `Validity`), and an accepted
    /// list answers each day with the one window that contains it, or no price when none does.
    #[test]
    fn each_day_resolves_to_the_window_that_contains_it_and_overlaps_are_refused(
        windows in prop::collection::vec((-4_i64..15, 1_i64..60), 1..6),
        open_ended in any::<bool>(),
        reversed in any::<bool>(),
    ) {
        let origin = day("2026-01-01");
        let date = |offset: i64| origin + chrono::Duration::days(offset);
        // Half-open [start, end) in days from the origin, laid one after the other with a gap
        // (a negative gap: an overlap); the last one possibly for good; in file order or reversed.
        let mut bounds: Vec<(i64, Option<i64>)> = Vec::new();
        let mut next = 0;
        for &(gap, length) in &windows {
            let start = (next + gap).max(0);
            bounds.push((start, Some(start + length)));
            next = start + length;
        }
        if open_ended {
            if let Some(last) = bounds.last_mut() {
                last.1 = None;
            }
        }
        if reversed {
            bounds.reverse();
        }
        let packs: Vec<Value> = bounds
            .iter()
            .enumerate()
            .map(|(index, &(start, end))| {
                let mut pack = json!({"id": "sms-100", "kind": "sms", "units": 100,
                    "price": format!("{}.00", index + 1), "currency": "EUR",
                    "valid_from": date(start).to_string()});
                if let Some(end) = end {
                    pack["valid_until"] = json!(date(end).to_string());
                }
                pack
            })
            .collect();
        let contains = |(start, end): (i64, Option<i64>), offset: i64| {
            start <= offset && end.is_none_or(|end| offset < end)
        };
        let share_a_day = |a: (i64, Option<i64>), b: (i64, Option<i64>)| {
            a.1.is_none_or(|end| b.0 < end) && b.1.is_none_or(|end| a.0 < end)
        };
        let overlapping = (0..bounds.len())
            .any(|i| (0..i).any(|j| share_a_day(bounds[i], bounds[j])));
        let read = PriceList::from_json("p.json", &json!({ "packs": packs }).to_string());
        match read {
            Err(error) => {
                prop_assert!(overlapping, "refused without an overlap: {}", error);
                prop_assert_eq!(error.code(), "billing.overlapping_validity");
            }
            Ok(list) => {
                prop_assert!(!overlapping, "two windows share a day, yet the list was accepted");
                for offset in -3..330 {
                    let holding: Vec<usize> = (0..bounds.len())
                        .filter(|&index| contains(bounds[index], offset))
                        .collect();
                    prop_assert!(holding.len() <= 1);
                    match (list.pack("sms-100", date(offset)), holding.first()) {
                        (Ok(pack), Some(&index)) => {
                            prop_assert_eq!(pack.price.to_string(), format!("{}.00 EUR", index + 1));
                        }
                        (Err(error), None) => prop_assert_eq!(error.code(), "billing.no_price"),
                        (Ok(pack), None) => prop_assert!(false, "{} priced {} on a day no window holds", pack.id, pack.price),
                        (Err(error), Some(index)) => prop_assert!(false, "window {} holds day {}: {}", index, offset, error),
                    }
                }
            }
        }
    }
}

#[test]
fn a_key_given_twice_is_refused_never_the_last_one_kept() {
    // The second unit price (sms until July) with its price given twice: serde_json alone would
    // keep the last one silently.
    let twice = JSON.replacen(
        r#""price": "0.0825","#,
        r#""price": "0.0825", "price": "0.0001","#,
        1,
    );
    assert_ne!(twice, JSON);
    let error = PriceList::from_json("prices.json", &twice).unwrap_err();
    assert_eq!(error.code(), "billing.duplicate_field");
    assert_eq!(
        error.to_string(),
        "prices.json: unit_prices[1]: price: given twice; each field appears once"
    );

    let top = JSON.replacen('{', r#"{"as_of": "2020-01-01","#, 1);
    let error = PriceList::from_json("prices.json", &top).unwrap_err();
    assert_eq!(
        error,
        BillingError::DuplicateField {
            at: Box::new(Location {
                file: "prices.json".into(),
                entry: "top level".into(),
                field: Some("as_of".into()),
            }),
        }
    );

    // Repeated keys in TOML are the TOML parser's syntax error, never a silent choice.
    let toml_twice = TOML.replacen("as_of = ", "as_of = 2020-01-01\nas_of = ", 1);
    assert_ne!(toml_twice, TOML);
    assert_eq!(
        PriceList::from_toml("prices.toml", &toml_twice)
            .unwrap_err()
            .code(),
        "billing.syntax"
    );
    // The same text without the repetition still reads.
    assert!(PriceList::from_json("prices.json", JSON).is_ok());
}

#[test]
fn weight_bands_are_checked_against_the_hosts_post_data() {
    use envoi::post::PostData;
    // The host's post data moves the large-format step from 350 g to 250 g.
    let host = PostData::from_json(
        &PostData::builtin_json().replace("[100, 350, 1000, 2000]", "[100, 250, 1000, 2000]"),
    )
    .unwrap();
    assert!(JSON.contains(r#""up_to_grams": 350"#));
    let error = PriceList::from_json_with("prices.json", JSON, &host).unwrap_err();
    assert_eq!(error.code(), "billing.unknown_weight_band");
    assert!(
        error.to_string().contains("100, 250, 1000, 2000"),
        "{error}"
    );
    assert_eq!(
        PriceList::from_toml_with("prices.toml", TOML, &host)
            .unwrap_err()
            .code(),
        "billing.unknown_weight_band"
    );

    let moved = JSON.replace(r#""up_to_grams": 350"#, r#""up_to_grams": 250"#);
    let list = PriceList::from_json_with("prices.json", &moved, &host).unwrap();
    assert_eq!(
        PriceList::from_json("prices.json", &moved)
            .unwrap_err()
            .code(),
        "billing.unknown_weight_band"
    );
    let toml_moved = TOML.replace("up_to_grams = 350", "up_to_grams = 250");
    assert_ne!(toml_moved, TOML);
    assert_eq!(
        PriceList::from_toml_with("prices.toml", &toml_moved, &host).unwrap(),
        list
    );
    // The built-in data is what from_json uses.
    assert_eq!(
        PriceList::from_json_with("prices.json", JSON, PostData::builtin()).unwrap(),
        sample()
    );
}

#[test]
fn an_id_keeps_what_it_stands_for_across_its_validity_windows() {
    let pack = |units: u64, kind: &str, currency: &str, from: &str, until: Option<&str>| {
        let mut entry = json!({"id": "sms-1000", "kind": kind, "units": units, "price": "75.00",
            "currency": currency, "valid_from": from});
        if let Some(until) = until {
            entry["valid_until"] = json!(until);
        }
        entry
    };
    let refusal = |packs: Vec<Value>| {
        PriceList::from_json("prices.json", &json!({ "packs": packs }).to_string()).err()
    };
    // Only the price changes: accepted.
    let mut later = pack(1000, "sms", "EUR", "2026-07-01", None);
    later["price"] = json!("70.00");
    assert_eq!(
        refusal(vec![
            pack(1000, "sms", "EUR", "2026-01-01", Some("2026-07-01")),
            later
        ]),
        None
    );

    for (units, kind, currency, field, value, other_value) in [
        (2000, "sms", "EUR", "units", "2000", "1000"),
        (1000, "email", "EUR", "kind", "email", "sms"),
        (1000, "sms", "USD", "currency", "USD", "EUR"),
    ] {
        let error = refusal(vec![
            pack(1000, "sms", "EUR", "2026-01-01", Some("2026-07-01")),
            pack(units, kind, currency, "2026-07-01", None),
        ])
        .unwrap();
        assert_eq!(error.code(), "billing.inconsistent_entry");
        assert_eq!(
            error.to_string(),
            format!(
                "prices.json: packs[1] (sms-1000): {field}: {value} differs from {other_value} in packs[0], the same id; an id keeps its kind, units, block size and currency across its validity windows, only its price changes (give a new id to sell something else)"
            )
        );
    }

    let plan = |size: u64, currency: &str, from: &str| {
        json!({"id": "plannit-sms", "block_size": size, "fee": "25.00", "currency": currency,
            "valid_from": from, "valid_until": null})
    };
    let mut first = plan(500, "USD", "2026-01-01");
    first["valid_until"] = json!("2026-07-01");
    let mut later = plan(1000, "USD", "2026-07-01");
    later.as_object_mut().unwrap().remove("valid_until");
    let error = PriceList::from_json(
        "prices.json",
        &json!({ "block_plans": [first, later] }).to_string(),
    )
    .unwrap_err();
    assert!(
        matches!(&error, BillingError::InconsistentEntry { at, other, .. } if at.field.as_deref() == Some("block_size") && &**other == "block_plans[0]"),
        "{error}"
    );

    // The sample's SMS unit price continued in another currency: an SMS would cost EUR one day
    // and USD the next.
    let error = edited(|list| {
        let prices = list["unit_prices"].as_array_mut().unwrap();
        let index = prices
            .iter()
            .rposition(|price| price["channel"] == "sms")
            .unwrap();
        let mut next = prices[index].clone();
        let until = next["valid_until"]
            .as_str()
            .unwrap_or("2030-01-01")
            .to_owned();
        prices[index]["valid_until"] = json!(until);
        next["valid_from"] = json!(until);
        next.as_object_mut().unwrap().remove("valid_until");
        next["currency"] = json!("USD");
        prices.push(next);
    });
    assert_eq!(error.code(), "billing.inconsistent_entry");
    assert!(
        matches!(&error, BillingError::InconsistentEntry { at, value, other_value, .. }
            if at.field.as_deref() == Some("currency") && &**value == "USD" && &**other_value == "EUR"),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains(": currency: USD differs from EUR in unit_prices["),
        "{error}"
    );

    // The sample's letter tariff continued in another currency.
    let error = edited(|list| {
        let tariffs = list["letter_tariffs"].as_array_mut().unwrap();
        let mut next = tariffs[0].clone();
        tariffs[0]["valid_until"] = json!("2027-01-01");
        next["valid_from"] = json!("2027-01-01");
        next["currency"] = json!("USD");
        tariffs.push(next);
    });
    assert!(
        matches!(
            &error,
            BillingError::InconsistentEntry { at, .. } if at.field.as_deref() == Some("currency")
        ),
        "{error}"
    );
}

#[test]
fn the_error_stays_small_enough_for_new_variants() {
    // clippy's result_large_err stops at 128 bytes: the locations and large inner errors are
    // boxed so that a variant added later has room.
    assert!(
        size_of::<BillingError>() <= 80,
        "{}",
        size_of::<BillingError>()
    );
    // Boxing changed no message.
    let error = PriceList::from_json("p.json", r#"{"packs": [{"id": "a", "kind": "sms", "units": 1, "price": "1", "currency": "EUR", "valid_from": "2026-01-01"},
        {"id": "a", "kind": "sms", "units": 1, "price": "2", "currency": "EUR", "valid_from": "2026-06-01"}]}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "p.json: packs[1] (a): valid 2026-06-01.. overlaps packs[0] (valid 2026-01-01..); an id has one price on any day"
    );
}
