//! Letters (SPEC section 9): every limit at its boundary (A4 ± 2 mm, 6/7, 8/9 and 25/26 sheets,
//! duplex odd pages, weight bands), every postage rule, the destination, handover and delivery dates
//! (noon exactly, 11:59:59, Friday afternoon, the day before a holiday, other offsets, separate
//! closed days), retention deadlines, the post data's rules and the error codes.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::{DateTime, NaiveDate, Utc};
use envoi::ErrorCode;
use envoi::post::{
    BusinessDayRange, Country, DeliveryRange, Document, DocumentRef, Envelope, Format, Letter,
    PageSize, PostCalendars, PostData, PostError, Postage, PostalZone, Quote, WeightBand, is_a4,
    paper_grams, quote,
};
use envoi::schedule::BusinessCalendar;
use envoi::time::Instant;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn day(year: i32, month: u32, date: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, date).unwrap()
}

/// An instant from RFC 3339 text with any offset.
fn at(text: &str) -> Instant {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn grams(text: &str) -> Decimal {
    text.parse().unwrap()
}

const BRUSSELS: [&str; 3] = ["Jean Dupont", "Rue Haute 1", "1000 BRUXELLES"];
const AMSTERDAM: [&str; 4] = [
    "Jan de Vries",
    "Keizersgracht 1",
    "1015 CJ AMSTERDAM",
    "PAYS-BAS",
];
const GENEVA: [&str; 3] = ["Anne Martin", "1201 GENÈVE", "SUISSE"];
const NEW_YORK: [&str; 3] = ["J. Doe", "NEW YORK NY 10001", "ÉTATS-UNIS"];

/// Tuesday 10 March 2026, 10:00 in Brussels (UTC+1).
fn tuesday_morning() -> Instant {
    at("2026-03-10T10:00:00+01:00")
}

fn letter(pages: u32) -> Letter {
    Letter::new(vec![Document::a4(pages)], Postage::Prior)
}

fn registered() -> Letter {
    Letter {
        return_address: Some(vec![
            "Envoi SA".into(),
            "Rue de la Loi 16".into(),
            "1000 BRUXELLES".into(),
        ]),
        ..Letter::new(vec![Document::a4(2)], Postage::Registered)
    }
}

fn quote_of(letter: &Letter, address: &[&str]) -> Result<Quote, PostError> {
    quote(
        letter,
        address,
        tuesday_morning(),
        &PostCalendars::default(),
    )
}

fn code_of<T: std::fmt::Debug>(result: Result<T, PostError>) -> &'static str {
    result.unwrap_err().code()
}

// ---- Documents and pages -----------------------------------------------------------------------

#[test]
fn a4_is_210_by_297_within_2_mm_in_either_orientation() {
    let size = |width: &str, height: &str| PageSize {
        width_mm: grams(width),
        height_mm: grams(height),
    };
    for (width, height) in [
        ("210", "297"),
        ("297", "210"),
        ("208", "295"),
        ("212", "299"),
        ("295", "212"),
        ("209.9", "297.0"),
    ] {
        assert!(is_a4(size(width, height)), "{width} × {height}");
    }
    for (width, height) in [
        ("212.01", "297"),
        ("207.99", "297"),
        ("210", "299.01"),
        ("210", "294.99"),
        ("148", "210"),     // A5
        ("215.9", "279.4"), // US Letter
        ("297", "420"),     // A3
        ("210", "210"),
        ("297", "297"),
    ] {
        assert!(!is_a4(size(width, height)), "{width} × {height}");
    }
    // A PDF's A4 page, 595 × 842 points.
    assert!(is_a4(PageSize::from_points(
        Decimal::from(595),
        Decimal::from(842)
    )));
}

#[test]
fn a_page_that_is_not_a4_names_the_document_the_page_and_its_size() {
    let letter_size = PageSize::from_points(Decimal::from(612), Decimal::from(792));
    let coupon = Document::from_page_sizes(vec![
        PageSize::from_mm(210, 297),
        PageSize::from_mm(297, 210),
        letter_size,
    ])
    .named("reply coupon");
    let letter = Letter::new(vec![Document::a4(2), coupon], Postage::Prior);
    let error = quote_of(&letter, &BRUSSELS).unwrap_err();
    assert_eq!(error.code(), "post.not_a4");
    assert_eq!(
        error,
        PostError::NotA4 {
            document: DocumentRef::Document {
                index: 1,
                name: Some("reply coupon".into())
            },
            page: 3,
            width_mm: grams("215.9"),
            height_mm: grams("279.4"),
        }
    );
    assert_eq!(
        error.to_string(),
        "documents[1] (reply coupon), page 3: 215.9 × 279.4 mm is not A4 (210 × 297 mm ± 2 mm, either orientation)"
    );

    let a5 = Letter::new(
        vec![Document::from_page_sizes(vec![PageSize::from_mm(148, 210)])],
        Postage::Prior,
    );
    assert!(
        quote_of(&a5, &BRUSSELS)
            .unwrap_err()
            .to_string()
            .starts_with("documents[0], page 1: 148 × 210 mm")
    );
}

#[test]
fn empty_documents_and_letters_without_documents_are_refused() {
    let letter = Letter::new(
        vec![Document::a4(1), Document::a4(0).named("flyer")],
        Postage::Prior,
    );
    let error = quote_of(&letter, &BRUSSELS).unwrap_err();
    assert_eq!(error.code(), "post.empty_document");
    assert_eq!(
        error.to_string(),
        "documents[1] (flyer): no page; every document has at least one page"
    );
    let sizes = Letter::new(vec![Document::from_page_sizes(vec![])], Postage::Prior);
    assert_eq!(code_of(quote_of(&sizes, &BRUSSELS)), "post.empty_document");
    assert_eq!(
        code_of(quote_of(&Letter::new(vec![], Postage::Prior), &BRUSSELS)),
        "post.no_documents"
    );
}

#[test]
fn a_background_is_one_a4_page_and_adds_no_sheet_nor_weight() {
    let mut with_background = letter(6);
    with_background.background = Some(Document::a4(1).named("letterhead"));
    let plain = quote_of(&letter(6), &BRUSSELS).unwrap();
    let quoted = quote_of(&with_background, &BRUSSELS).unwrap();
    assert_eq!(quoted, plain);
    assert_eq!(quoted.envelope, Envelope::Us);

    with_background.background = Some(Document::a4(2));
    let error = quote_of(&with_background, &BRUSSELS).unwrap_err();
    assert_eq!(error, PostError::BackgroundNotOnePage { pages: 2 });
    with_background.background = Some(Document::a4(0));
    assert_eq!(
        code_of(quote_of(&with_background, &BRUSSELS)),
        "post.background_not_one_page"
    );
    with_background.background = Some(Document::from_page_sizes(vec![PageSize::from_mm(216, 279)]));
    let error = quote_of(&with_background, &BRUSSELS).unwrap_err();
    assert_eq!(error.code(), "post.not_a4");
    assert!(
        error
            .to_string()
            .starts_with("background, page 1: 216 × 279 mm")
    );
}

// ---- Sheets and envelopes ------------------------------------------------------------------------

#[test]
fn the_envelope_is_the_smallest_that_fits_at_every_boundary() {
    for (pages, envelope, format) in [
        (1, Envelope::Us, Format::Small),
        (6, Envelope::Us, Format::Small),
        (7, Envelope::C5, Format::Large),
        (8, Envelope::C5, Format::Large),
        (9, Envelope::C4, Format::Large),
        (25, Envelope::C4, Format::Large),
    ] {
        let quoted = quote_of(&letter(pages), &BRUSSELS).unwrap();
        assert_eq!(
            (quoted.sheets, quoted.envelope, quoted.format),
            (pages, envelope, format),
            "{pages} pages"
        );
    }
}

#[test]
fn twenty_six_sheets_are_refused_saying_by_how_many() {
    let error = quote_of(&letter(26), &BRUSSELS).unwrap_err();
    assert_eq!(
        error,
        PostError::TooManySheets {
            sheets: 26,
            max: 25,
            over: 1
        }
    );
    assert_eq!(
        error.to_string(),
        "sheets: 26 sheets, 1 over the limit of 25 sheets per letter (the largest envelope, C4, holds 25)"
    );
    // Even with a forced envelope, and with several documents.
    let mut forced = letter(20);
    forced.documents.push(Document::a4(10).named("catalogue"));
    forced.envelope = Some(Envelope::C4);
    assert_eq!(
        quote_of(&forced, &BRUSSELS).unwrap_err(),
        PostError::TooManySheets {
            sheets: 30,
            max: 25,
            over: 5
        }
    );
    assert_eq!(
        Envelope::smallest_for(u64::MAX).unwrap_err(),
        PostError::TooManySheets {
            sheets: u64::MAX,
            max: 25,
            over: u64::MAX - 25
        }
    );
}

#[test]
fn duplex_puts_two_pages_on_a_sheet_and_an_odd_page_on_its_own() {
    let duplex = |pages: &[u32]| {
        let mut letter = Letter::new(
            pages.iter().map(|count| Document::a4(*count)).collect(),
            Postage::Prior,
        );
        letter.duplex = true;
        let quoted = quote_of(&letter, &BRUSSELS);
        quoted.map(|quote| (quote.sheets, quote.envelope))
    };
    assert_eq!(duplex(&[1]).unwrap(), (1, Envelope::Us));
    assert_eq!(duplex(&[12]).unwrap(), (6, Envelope::Us));
    assert_eq!(duplex(&[13]).unwrap(), (7, Envelope::C5));
    assert_eq!(duplex(&[16]).unwrap(), (8, Envelope::C5));
    assert_eq!(duplex(&[17]).unwrap(), (9, Envelope::C4));
    assert_eq!(duplex(&[50]).unwrap(), (25, Envelope::C4));
    assert_eq!(code_of(duplex(&[51])), "post.too_many_sheets");
    // Each document starts on a new sheet: 3 + 3 pages duplex are 2 + 2 sheets, not 3.
    assert_eq!(duplex(&[3, 3]).unwrap(), (4, Envelope::Us));
    // Duplex applies to every document: 11 + 1 + 1 pages are 6 + 1 + 1 sheets.
    assert_eq!(duplex(&[11, 1, 1]).unwrap(), (8, Envelope::C5));
    assert_eq!(duplex(&[11, 2]).unwrap(), (7, Envelope::C5));
}

#[test]
fn a_forced_envelope_too_small_is_refused_with_the_numbers() {
    let mut forced = letter(7);
    forced.envelope = Some(Envelope::Us);
    let error = quote_of(&forced, &BRUSSELS).unwrap_err();
    assert_eq!(
        error,
        PostError::EnvelopeTooSmall {
            envelope: Envelope::Us,
            capacity: 6,
            sheets: 7,
            over: 1,
            smallest_fitting: Envelope::C5
        }
    );
    assert_eq!(
        error.to_string(),
        "envelope: US holds 6 sheets, the letter needs 7 (1 over); the smallest envelope that fits is C5"
    );
    forced.documents = vec![Document::a4(9)];
    forced.envelope = Some(Envelope::C5);
    assert_eq!(
        quote_of(&forced, &BRUSSELS).unwrap_err(),
        PostError::EnvelopeTooSmall {
            envelope: Envelope::C5,
            capacity: 8,
            sheets: 9,
            over: 1,
            smallest_fitting: Envelope::C4
        }
    );
    // A larger envelope than needed is taken as forced, and its format follows.
    forced.documents = vec![Document::a4(1)];
    forced.envelope = Some(Envelope::C4);
    let quoted = quote_of(&forced, &BRUSSELS).unwrap();
    assert_eq!(
        (quoted.envelope, quoted.format),
        (Envelope::C4, Format::Large)
    );
    assert_eq!(quoted.weight_grams, grams("20.9896"));
    forced.envelope = Some(Envelope::Us);
    forced.documents = vec![Document::a4(6)];
    assert_eq!(quote_of(&forced, &BRUSSELS).unwrap().envelope, Envelope::Us);
}

// ---- Weight ------------------------------------------------------------------------------------------

#[test]
fn paper_weighs_its_grammage_times_the_a4_area() {
    assert_eq!(paper_grams(1, false), grams("4.9896"));
    assert_eq!(paper_grams(1, true), grams("5.6133"));
    assert_eq!(paper_grams(25, true), grams("140.3325"));
    assert_eq!(paper_grams(0, true), Decimal::ZERO);

    let mut colour = letter(6);
    colour.color = true;
    let quoted = quote_of(&colour, &BRUSSELS).unwrap();
    assert_eq!(quoted.paper_grams, grams("33.6798"));
    assert_eq!(quoted.weight_grams, grams("38.6798")); // + 5 g US envelope
    assert_eq!(
        quoted.weight_band,
        WeightBand {
            zone: PostalZone::National,
            format: Format::Small,
            up_to_grams: 50
        }
    );

    let c5 = quote_of(&letter(7), &BRUSSELS).unwrap();
    assert_eq!(c5.weight_grams, grams("41.9272")); // 7 × 4.9896 + 7
    assert_eq!(c5.weight_band.up_to_grams, 100);
}

#[test]
fn the_weight_band_changes_where_the_weight_crosses_a_bound() {
    let colour = |pages| {
        let mut letter = letter(pages);
        letter.color = true;
        quote_of(&letter, &BRUSSELS).unwrap()
    };
    // C4 colour: 14 sheets weigh 94.5862 g, 15 weigh 100.1995 g.
    assert_eq!(colour(14).weight_grams, grams("94.5862"));
    assert_eq!(colour(14).weight_band.up_to_grams, 100);
    assert_eq!(colour(15).weight_grams, grams("100.1995"));
    assert_eq!(colour(15).weight_band.up_to_grams, 350);
    assert_eq!(colour(25).weight_grams, grams("156.3325"));
    assert_eq!(colour(25).weight_band.up_to_grams, 350);
    // Black and white: 16 sheets 95.8336 g, 17 sheets 100.8232 g.
    assert_eq!(
        quote_of(&letter(16), &BRUSSELS)
            .unwrap()
            .weight_band
            .up_to_grams,
        100
    );
    assert_eq!(
        quote_of(&letter(17), &BRUSSELS).unwrap().weight_grams,
        grams("100.8232")
    );
    assert_eq!(
        quote_of(&letter(17), &BRUSSELS)
            .unwrap()
            .weight_band
            .up_to_grams,
        350
    );

    let data = PostData::builtin();
    let band = |zone, format, weight: &str| {
        data.weight_band(zone, format, grams(weight))
            .map(|band| band.up_to_grams)
    };
    assert_eq!(
        band(PostalZone::National, Format::Large, "100").unwrap(),
        100
    );
    assert_eq!(
        band(PostalZone::National, Format::Large, "100.0001").unwrap(),
        350
    );
    assert_eq!(
        band(PostalZone::National, Format::Large, "2000").unwrap(),
        2000
    );
    assert_eq!(
        code_of(band(PostalZone::National, Format::Large, "2000.01")),
        "post.too_heavy"
    );
    assert_eq!(band(PostalZone::National, Format::Small, "50").unwrap(), 50);
    assert_eq!(
        code_of(band(PostalZone::National, Format::Small, "50.01")),
        "post.too_heavy"
    );
    assert_eq!(
        band(PostalZone::International, Format::Small, "50").unwrap(),
        50
    );

    // International letters take the international bands.
    let abroad = quote_of(&letter(1), &AMSTERDAM).unwrap();
    assert_eq!(abroad.weight_band.zone, PostalZone::International);
}

#[test]
fn a_letter_heavier_than_its_format_is_refused() {
    // Post data whose US envelope weighs 45 g: 2 sheets make a small letter over 50 g.
    let text = PostData::builtin_json().replacen("\"grams\": \"5\"", "\"grams\": \"45\"", 1);
    let data = PostData::from_json(&text).unwrap();
    let calendars = PostCalendars::default();
    assert!(
        data.quote(&letter(1), &BRUSSELS, tuesday_morning(), &calendars)
            .is_ok()
    );
    let error = data
        .quote(&letter(2), &BRUSSELS, tuesday_morning(), &calendars)
        .unwrap_err();
    assert_eq!(
        error,
        PostError::TooHeavy {
            weight_grams: grams("54.9792"),
            format: Format::Small,
            max_grams: 50
        }
    );
}

// ---- Postage rules -----------------------------------------------------------------------------

#[test]
fn rp_is_never_available() {
    let rp = Letter {
        return_address: Some(vec!["Commune de X".into()]),
        ..Letter::new(vec![Document::a4(1)], Postage::Rp)
    };
    for address in [&BRUSSELS[..], &AMSTERDAM[..]] {
        let error = quote_of(&rp, address).unwrap_err();
        assert_eq!(error, PostError::RpNotAvailable);
        assert_eq!(error.code(), "post.rp_not_available");
    }
    assert_eq!(
        code_of(Postage::Rp.applied_to(Country::BELGIUM)),
        "post.rp_not_available"
    );
}

#[test]
fn registered_goes_to_belgium_with_a_return_address() {
    let quoted = quote_of(&registered(), &BRUSSELS).unwrap();
    assert_eq!(quoted.postage, Postage::Registered);
    assert_eq!(quoted.delivery_date, Some(day(2026, 3, 11)));

    let error = quote_of(&registered(), &AMSTERDAM).unwrap_err();
    assert_eq!(error.code(), "post.registered_national_only");
    assert_eq!(
        error.to_string(),
        "postage: registered mail goes to Belgian addresses only; this address is in NL"
    );

    let mut no_return = registered();
    no_return.return_address = None;
    assert_eq!(
        quote_of(&no_return, &BRUSSELS).unwrap_err(),
        PostError::ReturnAddressRequired
    );
    no_return.return_address = Some(vec![]);
    assert_eq!(
        code_of(quote_of(&no_return, &BRUSSELS)),
        "post.return_address_required"
    );
    no_return.return_address = Some(vec!["  ".into(), String::new()]);
    assert_eq!(
        code_of(quote_of(&no_return, &BRUSSELS)),
        "post.return_address_required"
    );
}

#[test]
fn the_registered_mail_barcode_adds_no_sheet() {
    for pages in [1, 6, 7, 8, 9, 25] {
        let mut registered = registered();
        registered.documents = vec![Document::a4(pages)];
        registered.acknowledgement = true;
        let quoted = quote_of(&registered, &BRUSSELS).unwrap();
        let prior = quote_of(&letter(pages), &BRUSSELS).unwrap();
        assert_eq!(
            (quoted.sheets, quoted.envelope, quoted.weight_grams),
            (prior.sheets, prior.envelope, prior.weight_grams),
            "{pages} pages"
        );
    }
    let mut over = registered();
    over.documents = vec![Document::a4(26)];
    assert_eq!(code_of(quote_of(&over, &BRUSSELS)), "post.too_many_sheets");
}

#[test]
fn an_acknowledgement_of_receipt_is_for_registered_mail_only() {
    let mut with_acknowledgement = registered();
    with_acknowledgement.acknowledgement = true;
    assert!(quote_of(&with_acknowledgement, &BRUSSELS).is_ok());
    for postage in [
        Postage::Prior,
        Postage::NonPrior,
        Postage::PriorInternational,
    ] {
        let mut letter = letter(1);
        letter.postage = postage;
        letter.acknowledgement = true;
        assert_eq!(
            quote_of(&letter, &AMSTERDAM).unwrap_err(),
            PostError::AcknowledgementRegisteredOnly { postage }
        );
    }
}

#[test]
fn non_prior_is_national_only() {
    let mut non_prior = letter(1);
    non_prior.postage = Postage::NonPrior;
    let quoted = quote_of(&non_prior, &BRUSSELS).unwrap();
    assert_eq!(quoted.postage, Postage::NonPrior);
    assert_eq!(quoted.delivery_date, Some(day(2026, 3, 13))); // Tuesday + 3
    let error = quote_of(&non_prior, &GENEVA).unwrap_err();
    assert_eq!(error.code(), "post.non_prior_national_only");
    assert!(error.to_string().contains("this address is in CH"));
}

#[test]
fn prior_abroad_is_prior_international_and_prior_international_is_for_abroad() {
    let quoted = quote_of(&letter(1), &AMSTERDAM).unwrap();
    assert_eq!(quoted.postage, Postage::PriorInternational);
    assert_eq!(quoted.country.code(), "NL");
    assert_eq!(quoted.country_line, Some(3));
    assert_eq!(quoted.delivery_date, None);

    let mut international = letter(1);
    international.postage = Postage::PriorInternational;
    assert_eq!(quote_of(&international, &AMSTERDAM).unwrap(), quoted);
    assert_eq!(
        quote_of(&international, &BRUSSELS).unwrap_err(),
        PostError::PriorInternationalAbroadOnly
    );
    // An address whose country line is BELGIQUE is national too.
    let belgique = ["Jean Dupont", "1000 BRUXELLES", "BELGIQUE"];
    assert_eq!(
        code_of(quote_of(&international, &belgique)),
        "post.prior_international_abroad_only"
    );
    assert_eq!(
        quote_of(&letter(1), &belgique).unwrap().postage,
        Postage::Prior
    );
}

// ---- Destination ---------------------------------------------------------------------------------

#[test]
fn the_destination_comes_from_the_last_line() {
    let no_country = quote_of(&letter(1), &BRUSSELS).unwrap();
    assert_eq!(
        (no_country.country, no_country.country_line),
        (Country::BELGIUM, None)
    );
    for (last, code) in [
        ("NEDERLAND", "NL"),
        ("NIEDERLANDE", "NL"),
        ("NETHERLANDS", "NL"),
        ("DEUTSCHLAND", "DE"),
        ("ROYAUME-UNI", "GB"),
    ] {
        let address = ["Someone", "Somewhere 1", "12345 TOWN", last];
        assert_eq!(
            quote_of(&letter(1), &address).unwrap().country.code(),
            code,
            "{last}"
        );
    }
    for (last, expected) in [
        ("Nederland", "post.country_not_in_capitals"),
        ("NEDERLNAD", "post.unknown_country"),
        ("CONGO", "post.ambiguous_country"),
        ("F-75001 PARIS", "post.country_line_missing"),
    ] {
        let error = quote_of(&letter(1), &["Someone", "Somewhere 1", last]).unwrap_err();
        assert_eq!(error.code(), expected, "{last}");
        assert!(matches!(error, PostError::Country(_)));
    }
    assert_eq!(
        quote_of(&letter(1), &[] as &[&str]).unwrap_err(),
        PostError::EmptyAddress
    );
    assert_eq!(
        code_of(quote_of(&letter(1), &["", "  "])),
        "post.empty_address"
    );
}

#[test]
fn a_destination_without_delivery_data_is_an_error_never_a_guess() {
    let error = quote_of(&letter(1), &NEW_YORK).unwrap_err();
    assert_eq!(error.code(), "post.no_delivery_data");
    assert_eq!(
        error.to_string(),
        "country: US has no international delivery time in the post data (verified on 2026-11-30); a host that knows it can load its own data"
    );
    // A host's data that knows the destination.
    let text = PostData::builtin_json().replacen("\"SI\", \"SK\"]", "\"SI\", \"SK\", \"US\"]", 1);
    let data = PostData::from_json(&text).unwrap();
    let quoted = data
        .quote(
            &letter(1),
            &NEW_YORK,
            tuesday_morning(),
            &PostCalendars::default(),
        )
        .unwrap();
    assert_eq!(
        quoted.delivery_range,
        Some(DeliveryRange {
            earliest: day(2026, 3, 13),
            latest: day(2026, 3, 17)
        })
    );
}

#[test]
fn the_builtin_data_covers_the_eu_the_eea_and_the_rest_of_europe() {
    let data = PostData::builtin();
    let range = |code| data.international_delivery(Country::from_code(code).unwrap());
    for code in ["FR", "DE", "NL", "LU", "GR", "NO", "IS", "LI"] {
        assert_eq!(
            range(code).unwrap(),
            BusinessDayRange { from: 3, to: 5 },
            "{code}"
        );
    }
    for code in ["CH", "GB", "MC", "AD"] {
        assert_eq!(
            range(code).unwrap(),
            BusinessDayRange { from: 4, to: 6 },
            "{code}"
        );
    }
    for code in ["BE", "US", "JP", "UA", "RU", "TR", "GP"] {
        assert_eq!(code_of(range(code)), "post.no_delivery_data", "{code}");
    }
    assert_eq!(data.countries_with_delivery_data().count(), 29 + 17);
    assert_eq!(data.envelope_grams(Envelope::Us), Decimal::from(5));
    assert_eq!(data.envelope_grams(Envelope::C5), Decimal::from(7));
    assert_eq!(data.envelope_grams(Envelope::C4), Decimal::from(16));
}

// ---- Dates -------------------------------------------------------------------------------------------

fn dates(letter: &Letter, address: &[&str], submitted: &str) -> (NaiveDate, Option<NaiveDate>) {
    let quoted = quote(letter, address, at(submitted), &PostCalendars::default()).unwrap();
    (quoted.handover_date, quoted.delivery_date)
}

#[test]
fn noon_exactly_is_afternoon() {
    let prior = letter(1);
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-03-10T11:59:59+01:00"),
        (day(2026, 3, 10), Some(day(2026, 3, 11)))
    );
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-03-10T11:59:59.999+01:00"),
        (day(2026, 3, 10), Some(day(2026, 3, 11)))
    );
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-03-10T12:00:00+01:00"),
        (day(2026, 3, 11), Some(day(2026, 3, 12)))
    );
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-03-10T00:00:00+01:00"),
        (day(2026, 3, 10), Some(day(2026, 3, 11)))
    );
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-03-10T23:59:59+01:00"),
        (day(2026, 3, 11), Some(day(2026, 3, 12)))
    );
}

#[test]
fn friday_afternoon_is_handed_over_on_monday() {
    let prior = letter(1);
    let mut non_prior = letter(1);
    non_prior.postage = Postage::NonPrior;
    // Friday 13 March 2026.
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-03-13T11:00:00+01:00"),
        (day(2026, 3, 13), Some(day(2026, 3, 16)))
    );
    assert_eq!(
        dates(&non_prior, &BRUSSELS, "2026-03-13T11:00:00+01:00"),
        (day(2026, 3, 13), Some(day(2026, 3, 18)))
    );
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-03-13T14:00:00+01:00"),
        (day(2026, 3, 16), Some(day(2026, 3, 17)))
    );
    assert_eq!(
        dates(&non_prior, &BRUSSELS, "2026-03-13T14:00:00+01:00"),
        (day(2026, 3, 16), Some(day(2026, 3, 19)))
    );
    assert_eq!(
        dates(&registered(), &BRUSSELS, "2026-03-13T12:00:00+01:00"),
        (day(2026, 3, 16), Some(day(2026, 3, 17)))
    );
    // A weekend submission, morning or not, is handed over on Monday.
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-03-14T09:00:00+01:00").0,
        day(2026, 3, 16)
    );
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-03-15T09:00:00+01:00").0,
        day(2026, 3, 16)
    );
}

#[test]
fn the_day_before_a_holiday() {
    let prior = letter(1);
    let mut non_prior = letter(1);
    non_prior.postage = Postage::NonPrior;
    // Monday 20 July 2026; Tuesday 21 is National Day. Summer time, UTC+2.
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-07-20T11:00:00+02:00"),
        (day(2026, 7, 20), Some(day(2026, 7, 22)))
    );
    assert_eq!(
        dates(&non_prior, &BRUSSELS, "2026-07-20T11:00:00+02:00"),
        (day(2026, 7, 20), Some(day(2026, 7, 24)))
    );
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-07-20T12:00:00+02:00"),
        (day(2026, 7, 22), Some(day(2026, 7, 23)))
    );
    // On the holiday itself: the next business day.
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-07-21T09:00:00+02:00").0,
        day(2026, 7, 22)
    );
    // Thursday 24 December 2026, afternoon: Christmas, then the weekend.
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-12-24T15:00:00+01:00"),
        (day(2026, 12, 28), Some(day(2026, 12, 29)))
    );
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-12-24T09:00:00+01:00"),
        (day(2026, 12, 24), Some(day(2026, 12, 28)))
    );
}

#[test]
fn the_cut_off_is_judged_on_the_brussels_wall_clock_whatever_the_offset() {
    let prior = letter(1);
    // 11:30 in Brussels (summer), given in four ways.
    for text in [
        "2026-07-20T11:30:00+02:00",
        "2026-07-20T09:30:00Z",
        "2026-07-20T05:30:00-04:00",
        "2026-07-20T18:30:00+09:00",
    ] {
        assert_eq!(dates(&prior, &BRUSSELS, text).0, day(2026, 7, 20), "{text}");
    }
    // 11:30 with a winter offset in summer is 12:30 in Brussels: afternoon.
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-07-20T11:30:00+01:00").0,
        day(2026, 7, 22)
    );
    // 23:30 UTC on Sunday is 01:30 on Monday in Brussels: Monday morning.
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-03-15T23:30:00Z").0,
        day(2026, 3, 16)
    );
    // Across the change to summer time (29 March 2026): 10:00 UTC is 11:00 on Friday 27, 12:00 on Monday 30.
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-03-27T10:00:00Z").0,
        day(2026, 3, 27)
    );
    assert_eq!(
        dates(&prior, &BRUSSELS, "2026-03-30T10:00:00Z").0,
        day(2026, 3, 31)
    );
}

#[test]
fn production_and_delivery_have_their_own_closed_days() {
    let prior = letter(1);
    let submitted = tuesday_morning();
    let production_closed = PostCalendars {
        production: BusinessCalendar::belgium().with_closed_days([day(2026, 3, 10)]),
        delivery: BusinessCalendar::belgium(),
    };
    let quoted = quote(&prior, &BRUSSELS, submitted, &production_closed).unwrap();
    assert_eq!(
        (quoted.handover_date, quoted.delivery_date),
        (day(2026, 3, 11), Some(day(2026, 3, 12)))
    );

    let delivery_closed = PostCalendars {
        production: BusinessCalendar::belgium(),
        delivery: BusinessCalendar::belgium().with_closed_days([day(2026, 3, 11)]),
    };
    let quoted = quote(&prior, &BRUSSELS, submitted, &delivery_closed).unwrap();
    assert_eq!(
        (quoted.handover_date, quoted.delivery_date),
        (day(2026, 3, 10), Some(day(2026, 3, 12)))
    );

    // A production calendar closed for more than a year fails with the calendar's error.
    let closed_year = PostCalendars {
        production: BusinessCalendar::belgium()
            .with_closed_days((0..400).map(|offset| day(2026, 3, 10) + chrono::Days::new(offset))),
        delivery: BusinessCalendar::belgium(),
    };
    assert_eq!(
        code_of(quote(&prior, &BRUSSELS, submitted, &closed_year)),
        "schedule.no_business_day"
    );
}

#[test]
fn international_delivery_is_a_range_of_business_days_from_handover() {
    let quoted = quote_of(&letter(1), &AMSTERDAM).unwrap();
    assert_eq!(quoted.handover_date, day(2026, 3, 10));
    assert_eq!(
        quoted.delivery_range,
        Some(DeliveryRange {
            earliest: day(2026, 3, 13),
            latest: day(2026, 3, 17)
        })
    );
    let swiss = quote_of(&letter(1), &GENEVA).unwrap();
    assert_eq!(
        swiss.delivery_range,
        Some(DeliveryRange {
            earliest: day(2026, 3, 16),
            latest: day(2026, 3, 18)
        })
    );
    // Friday 17 July afternoon: handover Monday 20; Tuesday 21 (National Day) does not count.
    let friday = quote(
        &letter(1),
        &AMSTERDAM,
        at("2026-07-17T15:00:00+02:00"),
        &PostCalendars::default(),
    )
    .unwrap();
    assert_eq!(friday.handover_date, day(2026, 7, 20));
    assert_eq!(
        friday.delivery_range,
        Some(DeliveryRange {
            earliest: day(2026, 7, 24),
            latest: day(2026, 7, 28)
        })
    );
}

// ---- Retention -----------------------------------------------------------------------------------

#[test]
fn a_quote_carries_the_retention_deadlines() {
    let prior = quote_of(&letter(1), &BRUSSELS).unwrap();
    assert_eq!(prior.submitted_on, day(2026, 3, 10));
    assert_eq!(prior.documents_kept_until, day(2026, 5, 9));
    assert_eq!(prior.registered_summary_kept_until, None);
    assert_eq!(prior.deposit_receipt_kept_until, None);
    assert_eq!(prior.claim_deadline, None);

    // Registered, submitted Friday afternoon: handed over Monday 16 March.
    let quoted = quote(
        &registered(),
        &BRUSSELS,
        at("2026-03-13T15:00:00+01:00"),
        &PostCalendars::default(),
    )
    .unwrap();
    assert_eq!(quoted.documents_kept_until, day(2026, 5, 12)); // from the submission day
    assert_eq!(quoted.registered_summary_kept_until, Some(day(2026, 5, 15))); // from handover
    assert_eq!(quoted.deposit_receipt_kept_until, Some(day(2029, 3, 16)));
    assert_eq!(quoted.claim_deadline, Some(day(2027, 3, 16)));
}

#[test]
fn deadlines_past_the_last_date_are_errors() {
    assert_eq!(
        envoi::post::documents_kept_until(NaiveDate::MAX)
            .unwrap_err()
            .code(),
        "post.date_out_of_range"
    );
    assert_eq!(
        envoi::post::claim_deadline(NaiveDate::MAX)
            .unwrap_err()
            .code(),
        "post.date_out_of_range"
    );
    assert_eq!(
        envoi::post::deposit_receipt_kept_until(day(2028, 2, 29)).unwrap(),
        day(2031, 2, 28)
    );
    assert_eq!(
        envoi::post::registered_summary_kept_until(day(2026, 12, 31)).unwrap(),
        day(2027, 3, 1)
    );
}

// ---- JSON forms ----------------------------------------------------------------------------------

#[test]
fn a_quote_serialises_to_stable_snake_case_json() {
    let quoted = quote_of(&registered(), &BRUSSELS).unwrap();
    let value = serde_json::to_value(&quoted).unwrap();
    assert_eq!(
        value,
        json!({
            "sheets": 2,
            "envelope": "us",
            "format": "small",
            "paper_grams": "9.9792",
            "weight_grams": "14.9792",
            "weight_band": {"zone": "national", "format": "small", "up_to_grams": 50},
            "country": "BE",
            "country_line": null,
            "postage": "registered",
            "submitted_on": "2026-03-10",
            "handover_date": "2026-03-10",
            "delivery_date": "2026-03-11",
            "delivery_range": null,
            "documents_kept_until": "2026-05-09",
            "registered_summary_kept_until": "2026-05-09",
            "deposit_receipt_kept_until": "2029-03-10",
            "claim_deadline": "2027-03-10"
        })
    );
    let back: Quote = serde_json::from_value(value).unwrap();
    assert_eq!(back, quoted);
}

#[test]
fn a_letter_reads_the_json_of_the_python_surface() {
    let parsed: Letter = serde_json::from_value(json!({
        "documents": [{"pages": 3}, {"page_sizes_mm": [[210, 297], ["297.5", 210.5]], "name": "flyer"}],
        "color": true,
        "duplex": true,
        "postage": "registered",
        "acknowledgement": true,
        "envelope": "c5",
        "return_address": ["Envoi SA", "1000 BRUXELLES"]
    }))
    .unwrap();
    assert_eq!(parsed.documents[1].page_count(), 2);
    assert_eq!(parsed.envelope, Some(Envelope::C5));
    let quoted = quote_of(&parsed, &BRUSSELS).unwrap();
    assert_eq!((quoted.sheets, quoted.envelope), (3, Envelope::C5));

    let round_trip: Letter =
        serde_json::from_value(serde_json::to_value(&parsed).unwrap()).unwrap();
    assert_eq!(round_trip, parsed);
    for bad in [
        json!({"documents": [{"pages": 1}], "postage": "express"}),
        json!({"documents": [{"pages": 1}], "postage": "prior", "colour": true}),
        json!({"documents": [{}], "postage": "prior"}),
        json!({"documents": [{"pages": -1}], "postage": "prior"}),
        json!({"documents": [{"pages": 1}], "postage": "prior", "envelope": "c6"}),
    ] {
        assert!(
            serde_json::from_value::<Letter>(bad.clone()).is_err(),
            "{bad}"
        );
    }
}

// ---- Post data rules -------------------------------------------------------------------------------

fn data_error(edit: impl Fn(&mut Value)) -> (String, String) {
    let mut value: Value = serde_json::from_str(PostData::builtin_json()).unwrap();
    edit(&mut value);
    match PostData::from_json(&value.to_string()).unwrap_err() {
        PostError::InvalidData { field, rule, .. } => (field, rule),
        other => panic!("{other:?}"),
    }
}

#[test]
fn post_data_is_checked_by_its_rules() {
    let field = |edit: &dyn Fn(&mut Value)| data_error(edit).0;
    assert_eq!(
        field(&|v| v["envelopes"][1]["grams"] = json!("-1")),
        "envelopes[1].grams"
    );
    assert_eq!(
        field(&|v| v["envelopes"][1]["grams"] = json!("1000")),
        "envelopes[1].grams"
    );
    // Weights are decimal strings: a JSON number is refused where the parser finds it.
    assert!(field(&|v| v["envelopes"][1]["grams"] = json!(7)).starts_with("line "));
    // The C5 envelope made small enough for the small format contradicts the SPEC.
    let (where_, rule) = data_error(|v| v["envelopes"][1]["width_mm"] = json!(120));
    assert_eq!(where_, "envelopes[1]");
    assert!(rule.contains("SPEC section 9 says large format"), "{rule}");
    assert_eq!(
        field(&|v| v["envelopes"].as_array_mut().unwrap().truncate(2)),
        "envelopes"
    );
    assert_eq!(
        field(&|v| v["weight_bands"][1]["up_to_grams"] = json!([100, 90, 2000])),
        "weight_bands[1].up_to_grams"
    );
    assert_eq!(
        field(&|v| v["weight_bands"][1]["up_to_grams"] = json!([100, 350, 1000])),
        "weight_bands[1].up_to_grams"
    );
    assert_eq!(
        field(&|v| v["international_delivery"][0]["countries"][0] = json!("BE")),
        "international_delivery[0].countries[0]"
    );
    assert_eq!(
        field(&|v| v["international_delivery"][0]["countries"][0] = json!("fr")),
        "international_delivery[0].countries[0]"
    );
    assert_eq!(
        field(&|v| v["international_delivery"][1]["countries"][0] = json!("FR")),
        "international_delivery[1].countries[0]"
    );
    assert_eq!(
        field(&|v| v["international_delivery"][0]["business_days"] = json!({"from": 5, "to": 3})),
        "international_delivery[0].business_days"
    );
    assert_eq!(
        field(&|v| v["international_delivery"][0]["sources"][0] = json!("hearsay")),
        "international_delivery[0].sources[0]"
    );
    assert_eq!(
        field(&|v| v["international_delivery"][1]["note"] = Value::Null),
        "international_delivery[1].note"
    );
    assert_eq!(
        field(&|v| v["formats"][0]["sources"] = json!([])),
        "formats[0].sources"
    );
    let (where_, _) = data_error(|v| v["unexpected"] = json!(1));
    assert!(where_.starts_with("line "), "{where_}");
}

// ---- Error codes ---------------------------------------------------------------------------------

#[test]
fn every_post_error_has_its_stable_code() {
    let country = Country::from_code("NL").unwrap();
    let cases: Vec<(PostError, &str)> = vec![
        (PostError::NoDocuments, "post.no_documents"),
        (
            PostError::EmptyDocument {
                document: DocumentRef::Background,
            },
            "post.empty_document",
        ),
        (
            PostError::NotA4 {
                document: DocumentRef::Document {
                    index: 0,
                    name: None,
                },
                page: 1,
                width_mm: Decimal::ONE,
                height_mm: Decimal::ONE,
            },
            "post.not_a4",
        ),
        (
            PostError::BackgroundNotOnePage { pages: 2 },
            "post.background_not_one_page",
        ),
        (
            PostError::TooManySheets {
                sheets: 26,
                max: 25,
                over: 1,
            },
            "post.too_many_sheets",
        ),
        (
            PostError::EnvelopeTooSmall {
                envelope: Envelope::Us,
                capacity: 6,
                sheets: 7,
                over: 1,
                smallest_fitting: Envelope::C5,
            },
            "post.envelope_too_small",
        ),
        (
            PostError::TooHeavy {
                weight_grams: Decimal::ONE,
                format: Format::Small,
                max_grams: 50,
            },
            "post.too_heavy",
        ),
        (PostError::RpNotAvailable, "post.rp_not_available"),
        (
            PostError::RegisteredNationalOnly { country },
            "post.registered_national_only",
        ),
        (
            PostError::ReturnAddressRequired,
            "post.return_address_required",
        ),
        (
            PostError::AcknowledgementRegisteredOnly {
                postage: Postage::Prior,
            },
            "post.acknowledgement_registered_only",
        ),
        (
            PostError::NonPriorNationalOnly { country },
            "post.non_prior_national_only",
        ),
        (
            PostError::PriorInternationalAbroadOnly,
            "post.prior_international_abroad_only",
        ),
        (PostError::EmptyAddress, "post.empty_address"),
        (
            PostError::NoDeliveryData {
                country,
                verified_on: day(2026, 11, 30),
            },
            "post.no_delivery_data",
        ),
        (
            PostError::InvalidData {
                field: "f".into(),
                value: "v".into(),
                rule: "r".into(),
            },
            "post.invalid_data",
        ),
        (
            PostError::DateOutOfRange {
                field: "claim_deadline",
                date: NaiveDate::MAX,
                rule: "12 months",
            },
            "post.date_out_of_range",
        ),
        (
            PostError::IllegalTransition {
                from: envoi::post::JobState::Processing,
                to: envoi::post::JobState::Cancelled,
                rule: "",
            },
            "post.illegal_transition",
        ),
        (
            PostError::ApprovalRequired {
                from: envoi::post::JobState::Draft,
            },
            "post.approval_required",
        ),
        (
            PostError::SelfApproval { approver: 1 },
            "post.self_approval",
        ),
        (
            PostError::ApprovalLinkMismatch {
                link_account: 1,
                link_job: 2,
                account: 1,
                job: 3,
            },
            "post.approval_link_mismatch",
        ),
        (
            PostError::WrongApprover {
                approver: 1,
                given: 2,
            },
            "post.wrong_approver",
        ),
        (
            PostError::ApprovalLinkWithoutJob { missing: "account" },
            "post.approval_link_without_job",
        ),
        (
            PostError::ApprovalLinkWithoutApprover,
            "post.approval_link_without_approver",
        ),
        (
            PostError::InvalidLinkBase { value: "x".into() },
            "post.invalid_link_base",
        ),
        (
            PostError::TimeRegression {
                at: tuesday_morning(),
                last: tuesday_morning(),
            },
            "post.time_regression",
        ),
        (
            PostError::InvalidJob {
                field: "state".into(),
                value: "draft".into(),
                rule: "r".into(),
            },
            "post.invalid_job",
        ),
        (
            PostError::NotRegistered {
                postage: Postage::Prior,
            },
            "post.not_registered",
        ),
        (
            PostError::WrongJobState {
                action: "assign_barcodes",
                state: envoi::post::JobState::Draft,
                needed: envoi::post::JobState::Processing,
            },
            "post.wrong_job_state",
        ),
        (
            PostError::BarcodesNotAssigned { letters: 2 },
            "post.barcodes_not_assigned",
        ),
        (PostError::NoRecipients, "post.no_recipients"),
        (
            PostError::JobRefused {
                recipients: 1,
                failures: vec![],
            },
            "post.job_refused",
        ),
        (
            PostError::InvalidBarcode {
                field: "barcode",
                value: "x".into(),
                rule: "r".into(),
            },
            "post.invalid_barcode",
        ),
        (
            PostError::BarcodeCheckDigitMismatch {
                value: "RR123456789BE".into(),
                serial: "12345678".into(),
                expected: 5,
                found: 9,
            },
            "post.barcode_check_digit_mismatch",
        ),
        (
            PostError::InvalidBarcodeRange {
                field: "first",
                value: "2".into(),
                rule: "r".into(),
            },
            "post.invalid_barcode_range",
        ),
        (
            PostError::BarcodeNextOutsideRange {
                next: 9,
                first: 10,
                last: 11,
            },
            "post.barcode_next_outside_range",
        ),
        (
            PostError::BarcodeRangeExhausted {
                first: "RR000000014BE".into(),
                last: "RR000000028BE".into(),
                requested: 3,
                remaining: 2,
            },
            "post.barcode_range_exhausted",
        ),
        (
            PostError::HandoverBeforeSubmission {
                submitted_on: day(2026, 3, 10),
                handed_over_on: day(2026, 3, 9),
            },
            "post.handover_before_submission",
        ),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (error, code) in &cases {
        assert_eq!(error.code(), *code, "{error:?}");
        assert_eq!(error.family(), "post");
        assert!(seen.insert(*code), "{code} used twice");
        assert!(!error.to_string().is_empty());
    }
    // Wrapped errors keep their own codes.
    let country_error = envoi::post::country("KOREA").unwrap_err();
    assert_eq!(
        PostError::from(country_error).code(),
        "post.ambiguous_country"
    );
    let calendar_error = BusinessCalendar::belgium()
        .next_business_day(NaiveDate::MAX)
        .unwrap_err();
    assert_eq!(
        PostError::from(calendar_error).code(),
        "schedule.date_out_of_range"
    );
}

#[test]
fn sizes_and_instants_at_the_limits_are_errors_or_answers_never_panics() {
    // A page size near the decimal's limits (a host's JSON, a binding's string) is not A4.
    let huge = PageSize {
        width_mm: Decimal::MIN,
        height_mm: Decimal::MAX,
    };
    assert!(!envoi::post::is_a4(huge));
    let letter = Letter::new(vec![Document::from_page_sizes(vec![huge])], Postage::Prior);
    let error = quote(
        &letter,
        &["1000 BRUXELLES"],
        at("2026-03-10T09:00:00Z"),
        &PostCalendars::default(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "post.not_a4");
    let far = PageSize::from_points(Decimal::MAX, Decimal::MIN);
    assert!(!envoi::post::is_a4(far));

    // The last instants chrono represents: their Brussels wall clock is past the last day.
    let last = DateTime::<Utc>::MAX_UTC;
    assert_eq!(envoi::post::submission_date(last), NaiveDate::MAX);
    let error = PostCalendars::default().handover_date(last).unwrap_err();
    assert_eq!(error.code(), "post.date_out_of_range");
    let letter = Letter::new(vec![Document::a4(1)], Postage::Prior);
    let error = quote(
        &letter,
        &["1000 BRUXELLES"],
        last,
        &PostCalendars::default(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "post.date_out_of_range");
}
