//! What the billing scenario tests share: the sample price list, the seller, the accounts of the
//! seeds' customers and a letter query built in one place.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses its part; a failed unwrap is a failed test

use envoi::account::Account;
use envoi::billing::{InvoiceBook, LetterQuery, NumberSeries, PriceList, Seller};
use envoi::ids::AccountId;
use envoi::invoice::Party;
use envoi::language::Language;
use envoi::post::{Format, Postage, PostalZone, WeightBand};
use envoi::time::Instant;
use envoi::vat::{CustomerKind, OnlineCheck};

pub const PRICES: &str = include_str!("../data/billing/prices.json");

pub fn at(text: &str) -> Instant {
    text.parse().unwrap()
}

pub fn prices() -> PriceList {
    PriceList::from_json("prices.json", PRICES).unwrap()
}

pub fn seller() -> Seller {
    Seller {
        party: Party::new("Envoi SA", "BE")
            .unwrap()
            .with_address("Rue de la Loi 16", "Bruxelles", "1000")
            .unwrap()
            .with_vat_number("BE0403170701")
            .unwrap()
            .with_enterprise_number("0403170701")
            .unwrap(),
        series: NumberSeries::new("F").unwrap(),
        payment_days: 30,
    }
}

pub fn book() -> InvoiceBook {
    InvoiceBook::new(seller())
}

/// The VIES answer the host got at order time.
pub fn vies_valid() -> OnlineCheck {
    OnlineCheck {
        valid: true,
        request_id: Some("WAPIAAAAW1Fz5rY0".into()),
        checked_at: Some(at("2026-03-02T10:00:00Z")),
    }
}

/// A Belgian company (Clicplanning's customer), French-speaking, with its VAT number.
pub fn belgian_company() -> Account {
    let address = Party::new("Boulangerie Dupont SRL", "BE")
        .unwrap()
        .with_address("Place du Marché 3", "Namur", "5000")
        .unwrap()
        .with_enterprise_number("0202239951")
        .unwrap();
    Account::new(
        AccountId::new("acc_be").unwrap(),
        Language::Fr,
        CustomerKind::Business,
        "BE",
        address,
        at("2026-03-01T09:00:00Z"),
    )
    .unwrap()
    .with_vat_number("BE 0202.239.951", None)
    .unwrap()
}

/// A Dutch company with a valid VAT number and a Peppol endpoint.
pub fn dutch_company(id: &str) -> Account {
    let address = Party::new("Bakkerij Jansen BV", "NL")
        .unwrap()
        .with_address("Kerkstraat 5", "Utrecht", "3511 LX")
        .unwrap()
        .with_endpoint("9944", "NL004495445B01")
        .unwrap();
    Account::new(
        AccountId::new(id).unwrap(),
        Language::Nl,
        CustomerKind::Business,
        "NL",
        address,
        at("2026-03-01T09:00:00Z"),
    )
    .unwrap()
    .with_vat_number("NL004495445B01", Some(vies_valid()))
    .unwrap()
}

/// A Belgian Click & Post customer (letters, French).
pub fn click_and_post_customer() -> Account {
    let address = Party::new("Cabinet Lambert SRL", "BE")
        .unwrap()
        .with_address("Rue Haute 12", "Bruxelles", "1000")
        .unwrap()
        .with_enterprise_number("0202239951")
        .unwrap();
    Account::new(
        AccountId::new("acc_cp").unwrap(),
        Language::Fr,
        CustomerKind::Business,
        "BE",
        address,
        at("2026-01-05T09:00:00Z"),
    )
    .unwrap()
    .with_vat_number("BE0202239951", None)
    .unwrap()
}

/// A Belgian Plannit customer (SMS option in USD, English).
pub fn plannit_customer() -> Account {
    let address = Party::new("Plomberie Dubois SRL", "BE")
        .unwrap()
        .with_address("Chaussée de Wavre 100", "Ixelles", "1050")
        .unwrap()
        .with_enterprise_number("0202239951")
        .unwrap();
    Account::new(
        AccountId::new("acc_pl").unwrap(),
        Language::En,
        CustomerKind::Business,
        "BE",
        address,
        at("2026-01-05T09:00:00Z"),
    )
    .unwrap()
    .with_vat_number("BE0202239951", None)
    .unwrap()
}

/// A letter of `sheets` sheets: the one place a `LetterQuery` is built field by field.
pub fn letter(
    postage: Postage,
    format: Format,
    up_to_grams: u32,
    sheets: u32,
    colour: bool,
    duplex: bool,
    acknowledgement_of_receipt: bool,
) -> LetterQuery {
    let zone = if postage == Postage::PriorInternational {
        PostalZone::International
    } else {
        PostalZone::National
    };
    let band = WeightBand {
        zone,
        format,
        up_to_grams,
    };
    let mut query = LetterQuery::new(postage, band, sheets);
    query.color = colour;
    query.duplex = duplex;
    query.acknowledgement_of_receipt = acknowledgement_of_receipt;
    query
}

/// The UBL without its indentation, to look for elements in one line.
pub fn flat(xml: &str) -> String {
    xml.lines().map(str::trim).collect()
}
