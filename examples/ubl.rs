//! Write example e-invoices (UBL 2.1, Peppol BIS Billing 3.0) to a directory, one file per case,
//! for a validator to check.
//!
//! ```text
//! cargo run --example ubl -- target/ubl
//! bash bindings-mobile/peppol/validate.sh target/ubl
//! ```
//!
//! The cases: a domestic Belgian B2B invoice at 21%; a multi-rate invoice (21%, 6%, 0%); a reverse
//! charge to a German business (AE); electronic services to an American business, outside the scope
//! of EU VAT (O); a credit note; an invoice in USD that states its VAT in EUR too (BT-111); an
//! invoice with an exempt line (E) beside a standard-rated one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use envoi::ErrorCode;
use envoi::invoice::{Invoice, InvoiceError, InvoiceLine, Language, Party, VatCategory};
use envoi::money::Currency;
use envoi::vat::Mention;
use rust_decimal::Decimal;

const USAGE: &str = "usage: ubl DIR
Writes example UBL invoices and credit notes (Peppol BIS Billing 3.0) into DIR, one .xml file each.";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if dir == "-h" || dir == "--help" {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match run(Path::new(&dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let cases = examples().map_err(|e| e.to_string())?;
    for (name, invoice) in cases {
        let xml = invoice
            .to_ubl()
            .map_err(|e| format!("{name}: {e} ({})", e.code()))?;
        let path: PathBuf = dir.join(format!("{name}.xml"));
        std::fs::write(&path, xml).map_err(|e| format!("{}: {e}", path.display()))?;
        let totals = invoice.totals();
        println!(
            "{}: {} {} without VAT, {} VAT, {} with VAT",
            path.display(),
            invoice.currency(),
            totals.total_without_vat(),
            totals.total_vat(),
            totals.total_with_vat()
        );
    }
    Ok(())
}

type Failure = Box<dyn std::error::Error>;

fn day(year: i32, month: u32, day: u32) -> Result<NaiveDate, Failure> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| format!("{year}-{month}-{day} is not a calendar day").into())
}

fn amount(text: &str) -> Result<Decimal, Failure> {
    Ok(Decimal::from_str_exact(text)?)
}

fn seller() -> Result<Party, InvoiceError> {
    Party::new("Envoi SA", "BE")?
        .with_address("Rue de la Loi 16", "Bruxelles", "1000")?
        .with_vat_number("BE 0400.123.416")?
        .with_enterprise_number("0400.123.416")
}

fn belgian_customer() -> Result<Party, InvoiceError> {
    Party::new("Boulangerie Dupont & Fils SRL", "BE")?
        .with_address("Place du Marché 3", "Namur", "5000")?
        .with_vat_number("BE0765432146")?
        .with_enterprise_number("0765.432.146")
}

fn examples() -> Result<Vec<(&'static str, Invoice)>, Failure> {
    let sms_price = amount("0.0745")?;
    let sms = |quantity: i64| {
        InvoiceLine::new(
            "SMS, parts sent in January <bulk & alerts>",
            Decimal::from(quantity),
            sms_price,
            Decimal::from(21),
        )
    };
    let domestic = Invoice::new(
        Currency::EUR,
        vec![
            sms(1234)?,
            InvoiceLine::new(
                "Registered letters",
                Decimal::from(3),
                amount("8.125")?,
                Decimal::from(21),
            )?,
        ],
    )
    .with_number("2026-0001")?
    .with_date(day(2026, 1, 31)?)
    .with_due_date(day(2026, 3, 2)?)
    .with_language(Language::Fr)
    .with_seller(seller()?)
    .with_customer(belgian_customer()?)
    .with_buyer_reference("Commande 42")?;

    let multi_rate = Invoice::new(
        Currency::EUR,
        vec![
            sms(500)?,
            InvoiceLine::new(
                "Printed brochures",
                Decimal::from(250),
                amount("0.3333")?,
                Decimal::from(6),
            )?,
            InvoiceLine::new(
                "Newspaper subscription",
                Decimal::ONE,
                amount("12.50")?,
                Decimal::ZERO,
            )?,
            InvoiceLine::new(
                "Unused SMS credit returned",
                Decimal::from(-7),
                amount("0.075")?,
                Decimal::from(21),
            )?,
        ],
    )
    .with_number("2026-0002")?
    .with_date(day(2026, 2, 1)?)
    .with_due_date(day(2026, 3, 3)?)
    .with_language(Language::Nl)
    .with_seller(seller()?)
    .with_customer(belgian_customer()?)
    .with_order_reference("ord_01JHX8")?
    .with_payment_terms("30 dagen na factuurdatum")?;

    let german = Party::new("Kunde GmbH", "DE")?
        .with_address("Unter den Linden 1", "Berlin", "10117")?
        .with_vat_number("DE 136 695 976")?
        .with_endpoint("9930", "DE136695976")?;
    let reverse_charge = Invoice::new(
        Currency::EUR,
        vec![
            sms(10_000)?.with_category(VatCategory::ReverseCharge)?,
            InvoiceLine::new(
                "Secure email, 200 messages",
                Decimal::from(200),
                amount("0.25")?,
                Decimal::from(21),
            )?
            .with_category(VatCategory::ReverseCharge)?,
        ],
    )
    .with_number("2026-0003")?
    .with_date(day(2026, 2, 2)?)
    .with_due_date(day(2026, 3, 4)?)
    .with_language(Language::De)
    .with_seller(seller()?)
    .with_customer(german)
    .with_buyer_reference("Bestellung 2026/17")?
    .with_note(Mention::ReverseCharge.text(Language::De))?;

    let american = Party::new("Acme Inc.", "US")?
        .with_address("1 Market Street", "San Francisco", "94105")?
        .with_endpoint("0060", "123456789")?;
    let out_of_scope = Invoice::new(
        Currency::EUR,
        vec![sms(2_000)?.with_category(VatCategory::OutOfScope)?],
    )
    .with_number("2026-0004")?
    .with_date(day(2026, 2, 3)?)
    .with_due_date(day(2026, 3, 5)?)
    .with_seller(seller()?)
    .with_customer(american)
    .with_order_reference("PO 7781")?
    .with_note(Mention::OutOfScope.text(Language::En))?;

    let credit_note = Invoice::credit_note(
        Currency::EUR,
        vec![InvoiceLine::new(
            "Registered letters not delivered",
            Decimal::ONE,
            amount("8.125")?,
            Decimal::from(21),
        )?],
    )
    .with_number("CN-2026-0001")?
    .with_date(day(2026, 2, 10)?)
    .with_language(Language::Fr)
    .with_seller(seller()?)
    .with_customer(belgian_customer()?)
    .with_buyer_reference("Commande 42")?
    .with_preceding_invoice("2026-0001", Some(day(2026, 1, 31)?))?
    .with_payment_terms("Remboursé sur le compte du client sous 14 jours")?;

    let usd: Currency = "USD".parse()?;
    let in_dollars = Invoice::new(
        usd,
        vec![InvoiceLine::new(
            "Block plan: 50,000 SMS parts",
            Decimal::ONE,
            amount("2450.00")?,
            Decimal::from(21),
        )?],
    )
    .with_number("2026-0005")?
    .with_date(day(2026, 2, 4)?)
    .with_due_date(day(2026, 3, 6)?)
    .with_seller(seller()?)
    .with_customer(belgian_customer()?)
    .with_buyer_reference("Block plan 2026")?
    .with_tax_currency(Currency::EUR, amount("0.9245")?)?;

    let with_exempt = Invoice::new(
        Currency::EUR,
        vec![
            sms(100)?,
            InvoiceLine::new(
                "Postage stamps at face value",
                Decimal::from(40),
                amount("1.96")?,
                Decimal::ZERO,
            )?
            .with_category(VatCategory::Exempt)?,
        ],
    )
    .with_number("2026-0006")?
    .with_date(day(2026, 2, 5)?)
    .with_due_date(day(2026, 3, 7)?)
    .with_language(Language::Nl)
    .with_seller(seller()?)
    .with_customer(belgian_customer()?)
    .with_buyer_reference("Bestelling 9")?;

    Ok(vec![
        ("01-domestic-be-21", domestic),
        ("02-multi-rate-21-6-0", multi_rate),
        ("03-reverse-charge-de", reverse_charge),
        ("04-out-of-scope-us", out_of_scope),
        ("05-credit-note", credit_note),
        ("06-usd-with-vat-in-eur", in_dollars),
        ("07-exempt-and-21", with_exempt),
    ])
}
