//! Invoice arithmetic (EN 16931): worked examples, every VAT category, errors, JSON, and properties.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::NaiveDate;
use envoi::ErrorCode;
use envoi::invoice::{
    DocumentKind, Invoice, InvoiceError, InvoiceLine, Language, Party, Totals, VatCategory,
};
use envoi::money::Currency;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap()
}

fn line(quantity: &str, unit_price: &str, rate: &str) -> InvoiceLine {
    InvoiceLine::new("item", d(quantity), d(unit_price), d(rate)).unwrap()
}

fn totals(lines: Vec<InvoiceLine>) -> Totals {
    Invoice::new(Currency::EUR, lines).totals()
}

/// (category code, rate, base, vat) of each breakdown entry, as text.
fn breakdown(totals: &Totals) -> Vec<(String, String, String, String)> {
    totals
        .per_rate()
        .iter()
        .map(|r| {
            (
                r.category().code().to_owned(),
                r.rate().to_string(),
                r.base().to_string(),
                r.vat().to_string(),
            )
        })
        .collect()
}

fn row(code: &str, rate: &str, base: &str, vat: &str) -> (String, String, String, String) {
    (code.into(), rate.into(), base.into(), vat.into())
}

#[test]
fn negative_half_cent_rounds_away_from_zero() {
    // Line net: -7 × 0.075 = -0.525 → -0.53.
    let refund = line("-7", "0.075", "21");
    assert_eq!(refund.net(Currency::EUR), d("-0.53"));
    // VAT: -2.50 × 21% = -0.525 → -0.53, and +2.50 → +0.53.
    let t = totals(vec![line("-1", "2.50", "21")]);
    assert_eq!(breakdown(&t), vec![row("S", "21", "-2.50", "-0.53")]);
    assert_eq!(t.total_with_vat(), d("-3.03"));
    let t = totals(vec![line("1", "2.50", "21")]);
    assert_eq!(t.total_vat(), d("0.53"));
    // Just below the half cent rounds towards zero.
    assert_eq!(line("-1", "0.00499", "21").net(Currency::EUR), d("0.00"));
    assert_eq!(
        line("-1", "0.00499", "21").net(Currency::EUR).to_string(),
        "0.00"
    );
}

#[test]
fn unit_prices_with_four_decimals() {
    assert_eq!(line("3", "1.2345", "21").net(Currency::EUR), d("3.70")); // 3.7035
    assert_eq!(line("1234", "0.0745", "21").net(Currency::EUR), d("91.93")); // 91.933
    assert_eq!(line("250", "0.3333", "6").net(Currency::EUR), d("83.33")); // 83.325 → 83.33
    let t = totals(vec![
        line("1234", "0.0745", "21"),
        line("3", "8.125", "21"),   // 24.375 → 24.38
        line("250", "0.3333", "6"), // 83.325 → 83.33
    ]);
    assert_eq!(
        breakdown(&t),
        vec![
            row("S", "21", "116.31", "24.43"), // 116.31 × 0.21 = 24.4251
            row("S", "6", "83.33", "5.00"),    // 4.9998
        ]
    );
    assert_eq!(t.total_without_vat(), d("199.64"));
    assert_eq!(t.total_vat(), d("29.43"));
    assert_eq!(t.total_with_vat(), d("229.07"));
}

#[test]
fn lines_round_first_then_vat_rounds_per_rate() {
    // Three lines of 0.005: each net rounds to 0.01, so the base is 0.03 (not 0.015 → 0.02).
    let t = totals(vec![
        line("1", "0.005", "21"),
        line("1", "0.005", "21"),
        line("1", "0.005", "21"),
    ]);
    assert_eq!(t.per_rate()[0].base(), d("0.03"));
    // Ten lines of 0.10 at 21%: VAT per line would be 0.02 each (0.20); per rate it is 0.21.
    let t = totals((0..10).map(|_| line("1", "0.10", "21")).collect());
    assert_eq!(breakdown(&t), vec![row("S", "21", "1.00", "0.21")]);
}

#[test]
fn every_category_in_one_breakdown_highest_rate_first() {
    let lines = vec![
        line("1", "100", "6"),
        line("1", "50", "0"), // zero rated
        line("2", "10", "21"),
        line("1", "40", "21")
            .with_category(VatCategory::Exempt)
            .unwrap(),
        line("1", "30", "21")
            .with_category(VatCategory::ReverseCharge)
            .unwrap(),
        line("1", "20", "12"),
        line("1", "7.5", "21"),
    ];
    let t = totals(lines);
    assert_eq!(
        breakdown(&t),
        vec![
            row("S", "21", "27.50", "5.78"), // 5.775
            row("S", "12", "20.00", "2.40"),
            row("S", "6", "100.00", "6.00"),
            row("Z", "0", "50.00", "0.00"),
            row("E", "0", "40.00", "0.00"),
            row("AE", "0", "30.00", "0.00"),
        ]
    );
    assert_eq!(t.total_without_vat(), d("267.50"));
    assert_eq!(t.total_vat(), d("14.18"));
    assert_eq!(t.total_with_vat(), d("281.68"));

    let outside = totals(vec![
        line("3", "10", "21")
            .with_category(VatCategory::OutOfScope)
            .unwrap(),
    ]);
    assert_eq!(breakdown(&outside), vec![row("O", "0", "30.00", "0.00")]);
    assert_eq!(outside.total_with_vat(), d("30.00"));
}

#[test]
fn categories_set_their_rates() {
    let standard = line("1", "1", "21");
    assert_eq!(standard.category(), VatCategory::Standard);
    assert_eq!(line("1", "1", "0").category(), VatCategory::ZeroRated);
    for category in [
        VatCategory::ZeroRated,
        VatCategory::Exempt,
        VatCategory::ReverseCharge,
        VatCategory::OutOfScope,
    ] {
        let moved = standard.clone().with_category(category).unwrap();
        assert_eq!((moved.category(), moved.rate()), (category, Decimal::ZERO));
        assert_eq!(moved.net(Currency::EUR), d("1.00"));
    }
    let error = line("1", "1", "0")
        .with_category(VatCategory::Standard)
        .unwrap_err();
    assert_eq!(error.code(), "invoice.category_rate_mismatch");
    assert!(error.to_string().contains("BR-S-5"), "{error}");
    // A standard line can be given its category again.
    assert_eq!(
        standard
            .clone()
            .with_category(VatCategory::Standard)
            .unwrap(),
        standard
    );
}

#[test]
fn rates_group_by_value_not_by_notation() {
    let t = totals(vec![
        line("1", "10", "21"),
        line("1", "10", "21.00"),
        line("1", "10", "5.5"),
        line("1", "10", "5.50"),
    ]);
    assert_eq!(
        breakdown(&t),
        vec![
            row("S", "21", "20.00", "4.20"),
            row("S", "5.5", "20.00", "1.10"),
        ]
    );
}

#[test]
fn amounts_follow_the_currency_minor_unit() {
    let jpy: Currency = "JPY".parse().unwrap();
    let t = Invoice::new(jpy, vec![line("3", "333.5", "10")]).totals();
    assert_eq!(
        (
            t.total_without_vat().to_string(),
            t.total_vat().to_string(),
            t.total_with_vat().to_string()
        ),
        ("1001".into(), "100".into(), "1101".into()) // 1000.5 → 1001; 100.1 → 100
    );
    let bhd: Currency = "BHD".parse().unwrap();
    let t = Invoice::new(bhd, vec![line("1", "1.2345", "10")]).totals();
    assert_eq!(t.total_without_vat().to_string(), "1.235"); // 1.2345 → 1.235
    assert_eq!(t.total_vat().to_string(), "0.124"); // 0.1235 → 0.124
    let empty = totals(vec![]);
    assert_eq!(empty.total_with_vat().to_string(), "0.00");
    assert!(empty.per_rate().is_empty());
}

#[test]
fn line_errors_name_the_field_value_and_rule() {
    let new = |description: &str, q: &str, p: &str, r: &str| {
        InvoiceLine::new(description, d(q), d(p), d(r)).unwrap_err()
    };
    let cases: Vec<(InvoiceError, &str, &str)> = vec![
        (
            new("", "1", "1", "21"),
            "invoice.invalid_text",
            "description: \"\" is empty",
        ),
        (
            new("a\u{7}b", "1", "1", "21"),
            "invoice.invalid_text",
            "control character",
        ),
        (
            new("x", "1000000000", "1", "21"),
            "invoice.invalid_quantity",
            "quantity: 1000000000 is too large",
        ),
        (
            new("x", "-1000000000", "1", "21"),
            "invoice.invalid_quantity",
            "too large",
        ),
        (
            new("x", "0.0000001", "1", "21"),
            "invoice.invalid_quantity",
            "at most 6",
        ),
        (
            new("x", "1", "-0.01", "21"),
            "invoice.invalid_unit_price",
            "BR-27",
        ),
        (
            new("x", "1", "1000000000", "21"),
            "invoice.invalid_unit_price",
            "too large",
        ),
        (
            new("x", "1", "0.00000000001", "21"),
            "invoice.invalid_unit_price",
            "at most 10",
        ),
        (
            new("x", "1", "1", "-1"),
            "invoice.invalid_rate",
            "rate: -1 is not a VAT rate",
        ),
        (
            new("x", "1", "1", "100.01"),
            "invoice.invalid_rate",
            "from 0 to 100",
        ),
        (
            new("x", "1", "1", "21.00001"),
            "invoice.invalid_rate",
            "at most 4 decimals",
        ),
    ];
    for (error, code, text) in cases {
        assert_eq!(error.code(), code, "{error}");
        assert!(error.to_string().contains(text), "{error} lacks {text}");
    }
    // Trailing zeros are not decimals; the bounds themselves are accepted.
    assert!(InvoiceLine::new("x", d("1.50000000"), d("0.12345678900000"), d("21.0000000")).is_ok());
    assert!(
        InvoiceLine::new(
            "x",
            d("-999999999.999999"),
            d("999999999.9999999999"),
            d("100")
        )
        .is_ok()
    );
}

#[test]
fn largest_line_is_exact() {
    // 28 significant digits would not hold the product; the i128 arithmetic does.
    let big = InvoiceLine::new(
        "x",
        d("999999999.999999"),
        d("999999999.9999999999"),
        d("21"),
    )
    .unwrap();
    assert_eq!(big.net(Currency::EUR), d("999999999999998999.90"));
    let t = totals(vec![big.clone(), big]);
    assert_eq!(t.total_without_vat(), d("1999999999999997999.80"));
    assert_eq!(t.total_vat(), d("419999999999999579.96")); // × 0.21 = ...579.958
}

#[test]
fn category_names_parse() {
    for category in VatCategory::ALL {
        assert_eq!(category.code().parse::<VatCategory>().unwrap(), category);
        assert_eq!(category.name().parse::<VatCategory>().unwrap(), category);
        assert_eq!(category.to_string(), category.code());
    }
    assert_eq!(
        "ae".parse::<VatCategory>().unwrap(),
        VatCategory::ReverseCharge
    );
    let error = "K".parse::<VatCategory>().unwrap_err();
    assert_eq!(error.code(), "invoice.invalid_argument");
}

#[test]
fn json_forms_are_stable_and_checked() {
    let line = InvoiceLine::new("SMS", d("3"), d("1.2345"), d("21.00")).unwrap();
    assert_eq!(
        serde_json::to_string(&line).unwrap(),
        r#"{"description":"SMS","quantity":"3","unit_price":"1.2345","rate":"21","category":"standard"}"#
    );
    let ae = line
        .clone()
        .with_category(VatCategory::ReverseCharge)
        .unwrap();
    assert_eq!(
        serde_json::to_string(&ae).unwrap(),
        r#"{"description":"SMS","quantity":"3","unit_price":"1.2345","rate":"0","category":"reverse_charge"}"#
    );
    // Floats are refused: amounts are strings.
    assert!(serde_json::from_str::<InvoiceLine>(
        r#"{"description":"SMS","quantity":3,"unit_price":"1","rate":"21","category":"standard"}"#
    )
    .is_err());
    // The rules of `new` and `with_category` hold when reading.
    for bad in [
        r#"{"description":" ","quantity":"1","unit_price":"1","rate":"21","category":"standard"}"#,
        r#"{"description":"x","quantity":"1","unit_price":"-1","rate":"21","category":"standard"}"#,
        r#"{"description":"x","quantity":"1","unit_price":"1","rate":"0","category":"standard"}"#,
        r#"{"description":"x","quantity":"1","unit_price":"1","rate":"21","category":"reverse_charge"}"#,
        r#"{"description":"x","quantity":"1","unit_price":"1","rate":"21","category":"k"}"#,
    ] {
        assert!(serde_json::from_str::<InvoiceLine>(bad).is_err(), "{bad}");
    }

    let totals = Invoice::new(Currency::EUR, vec![line]).totals();
    assert_eq!(
        serde_json::to_string(&totals).unwrap(),
        r#"{"currency":"EUR","per_rate":[{"category":"standard","rate":"21","base":"3.70","vat":"0.78"}],"total_without_vat":"3.70","total_vat":"0.78","total_with_vat":"4.48"}"#
    );
    assert_eq!(
        serde_json::from_str::<Totals>(&serde_json::to_string(&totals).unwrap()).unwrap(),
        totals
    );
}

#[test]
fn a_full_invoice_round_trips_through_json() {
    let day = |d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
    let invoice = Invoice::credit_note(
        "USD".parse().unwrap(),
        vec![line("2", "10.005", "21"), line("1", "3", "0")],
    )
    .with_number("CN-1")
    .unwrap()
    .with_date(day(20))
    .with_language(Language::De)
    .with_seller(
        Party::new("Envoi SA", "BE")
            .unwrap()
            .with_address("Rue 1", "Bruxelles", "1000")
            .unwrap()
            .with_vat_number("BE0400123416")
            .unwrap()
            .with_enterprise_number("0400123416")
            .unwrap(),
    )
    .with_customer(
        Party::new("Kunde GmbH", "DE")
            .unwrap()
            .with_vat_number("DE136695976")
            .unwrap()
            .with_endpoint("9930", "DE136695976")
            .unwrap(),
    )
    .with_buyer_reference("B")
    .unwrap()
    .with_order_reference("O")
    .unwrap()
    .with_note("Note <&>")
    .unwrap()
    .with_payment_terms("14 days")
    .unwrap()
    .with_tax_currency(Currency::EUR, d("0.9245"))
    .unwrap()
    .with_preceding_invoice("2026-0001", Some(day(15)))
    .unwrap();
    let json = serde_json::to_string(&invoice).unwrap();
    let back: Invoice = serde_json::from_str(&json).unwrap();
    assert_eq!(back, invoice);
    assert_eq!(back.kind(), DocumentKind::CreditNote);
    assert_eq!(back.totals(), invoice.totals());
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["kind"], "credit_note");
    assert_eq!(value["language"], "de");
    assert_eq!(value["tax_currency"]["exchange_rate"], "0.9245");
    assert_eq!(value["preceding_invoice"]["date"], "2026-01-15");
    assert_eq!(value["customer"]["endpoint"]["scheme"], "9930");
    // Absent fields may be left out when reading.
    let minimal: Invoice =
        serde_json::from_str(r#"{"kind":"invoice","currency":"EUR","lines":[]}"#).unwrap();
    assert_eq!(minimal, Invoice::new(Currency::EUR, vec![]));
}

// ---- Properties ---------------------------------------------------------------------------------

fn decimal(max_mantissa: i64, max_scale: u32) -> impl Strategy<Value = Decimal> {
    (-max_mantissa..=max_mantissa, 0..=max_scale).prop_map(|(m, s)| Decimal::new(m, s))
}

fn any_line() -> impl Strategy<Value = InvoiceLine> {
    let rates = prop::sample::select(vec!["0", "5.5", "6", "12", "21", "25.5", "8.1"]);
    let categories = prop::sample::select(VatCategory::ALL.to_vec());
    (
        decimal(10_000_000, 3),
        decimal(100_000_000, 4).prop_map(|p| p.abs()),
        rates,
        categories,
    )
        .prop_map(|(quantity, unit_price, rate, category)| {
            let line = InvoiceLine::new("item", quantity, unit_price, d(rate)).unwrap();
            match category {
                VatCategory::Standard if rate == "0" => line,
                _ => line.with_category(category).unwrap(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn totals_add_up(lines in prop::collection::vec(any_line(), 0..12)) {
        let totals = Invoice::new(Currency::EUR, lines.clone()).totals();
        let sum_base: Decimal = totals.per_rate().iter().map(|r| r.base()).sum();
        let sum_vat: Decimal = totals.per_rate().iter().map(|r| r.vat()).sum();
        let sum_nets: Decimal = lines.iter().map(|l| l.net(Currency::EUR)).sum();
        // BR-CO-10 / BR-CO-13: total without VAT = Σ line nets = Σ taxable amounts.
        prop_assert_eq!(totals.total_without_vat(), sum_base);
        prop_assert_eq!(totals.total_without_vat(), sum_nets);
        // BR-CO-14: total VAT = Σ rate VAT.
        prop_assert_eq!(totals.total_vat(), sum_vat);
        // BR-CO-15: total with VAT = without + VAT.
        prop_assert_eq!(totals.total_with_vat(), totals.total_without_vat() + totals.total_vat());
        // Highest rate first; one entry per (category, rate).
        for pair in totals.per_rate().windows(2) {
            prop_assert!(pair[0].rate() >= pair[1].rate());
            prop_assert!((pair[0].category(), pair[0].rate()) != (pair[1].category(), pair[1].rate()));
        }
        for rate in totals.per_rate() {
            // BR-S-8 and siblings: taxable amount = Σ nets of the lines of that category and rate.
            let base: Decimal = lines
                .iter()
                .filter(|l| l.category() == rate.category() && l.rate() == rate.rate())
                .map(|l| l.net(Currency::EUR))
                .sum();
            prop_assert_eq!(rate.base(), base);
            // The VAT never drifts more than half a cent from the exact product.
            let exact = rate.base() * rate.rate() / Decimal::ONE_HUNDRED;
            prop_assert!((rate.vat() - exact).abs() <= d("0.005"), "{} vs {}", rate.vat(), exact);
            if rate.category() != VatCategory::Standard {
                prop_assert!(rate.vat().is_zero());
            }
            // BR-DEC: two decimals.
            prop_assert_eq!(rate.base().scale(), 2);
            prop_assert_eq!(rate.vat().scale(), 2);
        }
        for l in &lines {
            let net = l.net(Currency::EUR);
            prop_assert_eq!(net.scale(), 2);
            prop_assert!((net - l.quantity() * l.unit_price()).abs() <= d("0.005"));
        }
    }

    #[test]
    fn invoices_round_trip_through_json(lines in prop::collection::vec(any_line(), 0..6)) {
        let invoice = Invoice::new(Currency::EUR, lines).with_number("X-1").unwrap();
        let json = serde_json::to_string(&invoice).unwrap();
        let back: Invoice = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, invoice);
    }
}
