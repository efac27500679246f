//! A month of billing, as the seeds tell it, printed as the invoices a person reads.
//!
//! ```text
//! cargo run --release --example billing                       # plain-text summaries
//! cargo run --release --example billing -- --html > out.html  # the same as HTML
//! cargo run --release --example billing -- --prices my-prices.toml
//! cargo run --release --example billing -- --ubl target/billing-ubl  # also write each invoice's UBL
//! ```
//!
//! Three customers of March 2026 on one price list (by default the sample
//! `core/tests/data/billing/prices.json`, or a JSON or TOML file given with `--prices`):
//! - a Belgian bakery buys an SMS pack by bank transfer: the order waits, the payment arrives, the
//!   credits are activated in its ledger, the account becomes active and the pack is invoiced
//!   with 21% VAT; a Dutch company asks for the exemption when ordering (reverse charge), and its
//!   card payment, reversed a week later, gives a credit note;
//! - a Click & Post customer's letters of March (one job cancelled before processing) are invoiced
//!   on 1 April by the monthly run, which is run twice and issued twice to show that nothing is
//!   duplicated;
//! - a Plannit customer pays its SMS option's fee upfront, in USD, and on the next period's first
//!   day the fee and the two extra blocks of its 1,240 SMS, with the VAT also stated in EUR.
//!
//! Every invoice is numbered by one [`InvoiceBook`] (gapless, per series and year) and exported to
//! UBL; the example checks the numbers with `check_sequence` before printing.

use std::process::ExitCode;

use envoi::account::Account;
use envoi::billing::{
    InvoiceBook, IssuedInvoice, LetterQuery, LetterUsage, MonthlyUsage, NumberSeries, OrderRequest,
    PaymentMethod, PriceList, Seller, SubscriptionRequest, block_plan_run, check_sequence,
    monthly_run, place_order, subscribe_block_plan,
};
use envoi::credits::{CreditKind, Ledger};
use envoi::ids::{AccountId, OrderId};
use envoi::invoice::Party;
use envoi::language::Language;
use envoi::post::{Format, Postage, PostalZone, WeightBand};
use envoi::time::Instant;
use envoi::vat::{CustomerKind, OnlineCheck, RateTable};
use rust_decimal::Decimal;

const USAGE: &str = "usage: billing [--html] [--prices FILE.json|FILE.toml] [--ubl DIR]
Runs March 2026 for three customers and prints their invoices (text, or HTML with --html);
with --ubl, also writes each invoice's UBL (Peppol BIS Billing 3.0) into DIR.";

const SAMPLE_PRICES: &str = include_str!("../core/tests/data/billing/prices.json");

type Failure = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Every envoi error says which field, which value and which rule.
            eprintln!("billing: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Failure> {
    let mut html = false;
    let mut prices_file = None;
    let mut ubl_dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--html" => html = true,
            "--prices" => prices_file = Some(args.next().ok_or("--prices needs a file")?),
            "--ubl" => ubl_dir = Some(args.next().ok_or("--ubl needs a directory")?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}\n{USAGE}").into()),
        }
    }
    let prices = match &prices_file {
        None => PriceList::from_json("prices.json", SAMPLE_PRICES)?,
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            if path.ends_with(".toml") {
                PriceList::from_toml(path, &text)?
            } else {
                PriceList::from_json(path, &text)?
            }
        }
    };
    let rates = RateTable::builtin();
    let mut book = InvoiceBook::new(seller()?);
    let mut issued: Vec<IssuedInvoice> = Vec::new();

    // 1. Clicplanning: an SMS pack by bank transfer.
    let mut bakery = customer(
        "acc_bakery",
        "Boulangerie Dupont SRL",
        Language::Fr,
        "Namur",
    )?
    .with_vat_number("BE 0202.239.951", None)?;
    let mut ledger = Ledger::new(bakery.zone());
    let request = OrderRequest::new(
        OrderId::new("order-1001")?,
        "sms-1000",
        2,
        PaymentMethod::BankTransfer,
        at("2026-03-02T10:00:00Z")?,
    );
    let mut order = place_order(&bakery, &prices, &request, rates)?;
    order.apply(&mut ledger)?; // pending: nothing to spend yet
    order.record_payment(at("2026-03-05T08:30:00Z")?)?;
    order.apply(&mut ledger)?; // paid: the credits are activated (24 months)
    order.activate_account(&mut bakery)?;
    let balance = ledger.balance(&CreditKind::sms(), at("2026-03-05T09:00:00Z")?);
    eprintln!(
        "order-1001: {} SMS available, account {}",
        balance.available,
        bakery.state().code()
    );
    issued.push(book.issue(order.invoice_draft(&bakery)?)?.value);

    // 1b. A Dutch company asks for the VAT exemption when ordering, with the VIES answer of the
    //     day: reverse charge. Its card payment is reversed a week later: a credit note.
    let dutch = Account::new(
        AccountId::new("acc_dutch")?,
        Language::Nl,
        CustomerKind::Business,
        "NL",
        Party::new("Bakkerij Jansen BV", "NL")?
            .with_address("Kerkstraat 5", "Utrecht", "3511 LX")?
            .with_endpoint("9944", "NL004495445B01")?,
        at("2026-03-01T09:00:00Z")?,
    )?
    .with_vat_number("NL004495445B01", None)?;
    let vies = OnlineCheck {
        valid: true,
        request_id: Some("WAPIAAAAW1Fz5rY0".into()),
        checked_at: Some(at("2026-03-03T11:59:58Z")?),
    };
    let request = OrderRequest::new(
        OrderId::new("order-1002")?,
        "sms-1000",
        1,
        PaymentMethod::Card,
        at("2026-03-03T12:00:00Z")?,
    )
    .with_exemption_requested()
    .with_online_check(vies);
    let mut order = place_order(&dutch, &prices, &request, rates)?;
    let mut dutch_ledger = Ledger::new(dutch.zone());
    order.apply(&mut dutch_ledger)?;
    let invoice = book.issue(order.invoice_draft(&dutch)?)?.value;
    order.reverse(at("2026-03-10T08:00:00Z")?, "card payment reversed")?;
    order.apply(&mut dutch_ledger)?; // the credits are voided
    let note = book
        .issue(order.credit_note_draft(&dutch, &invoice)?)?
        .value;
    issued.push(invoice);
    issued.push(note);

    // 2. Click & Post: March's letters, invoiced on 1 April.
    let office = customer(
        "acc_office",
        "Cabinet Lambert SRL",
        Language::Fr,
        "Bruxelles",
    )?
    .with_vat_number("BE0202239951", None)?;
    let small = WeightBand {
        zone: PostalZone::National,
        format: Format::Small,
        up_to_grams: 50,
    };
    let mut duplex = LetterQuery::new(Postage::Prior, small, 2);
    duplex.duplex = true;
    let usage = MonthlyUsage {
        letters: vec![
            LetterUsage::handed_over("job-1", duplex, 120, at("2026-03-10T09:00:00Z")?),
            LetterUsage::handed_over(
                "job-2",
                LetterQuery::new(Postage::Prior, small, 1),
                35,
                at("2026-03-24T15:00:00Z")?,
            ),
            LetterUsage::cancelled("job-3", LetterQuery::new(Postage::Prior, small, 1), 40),
        ],
        ..MonthlyUsage::default()
    };
    let march = "2026-03".parse()?;
    let drafts = monthly_run(&office, &prices, march, &usage, rates)?;
    // The host calls the run on 1 April; calling it again must not bill twice.
    let again = monthly_run(&office, &prices, march, &usage, rates)?;
    assert_eq!(drafts, again, "the monthly run is a pure function");
    for draft in drafts.into_iter().chain(again) {
        let outcome = book.issue(draft)?;
        if !outcome.replayed {
            issued.push(outcome.value);
        }
    }

    // 3. Plannit: the SMS option in USD, 1,240 SMS in its first period.
    let plumber = customer(
        "acc_plumber",
        "Plomberie Dubois SRL",
        Language::En,
        "Ixelles",
    )?
    .with_vat_number("BE0202239951", None)?;
    let subscription = subscribe_block_plan(
        &plumber,
        &prices,
        &SubscriptionRequest::new("sms-option", "plannit-sms", at("2026-03-10T09:00:00Z")?),
        rates,
    )?;
    let usd_in_eur = Decimal::new(92, 2); // the host's rate of the day: 1 USD = 0.92 EUR
    if let Some(upfront) = block_plan_run(&plumber, &subscription, 0, 0, Some(usd_in_eur))? {
        issued.push(book.issue(upfront)?.value);
    }
    let first = at("2026-03-10T10:00:00Z")?;
    let sends = (0..1_240_i64).map(|i| (first + chrono::Duration::minutes(i * 20), 1_u64));
    let used = subscription.plan().usage_by_period(sends);
    let previous = used.get(&0).copied().unwrap_or(0);
    if let Some(next) = block_plan_run(&plumber, &subscription, 1, previous, Some(usd_in_eur))? {
        issued.push(book.issue(next)?.value);
    }

    let numbers: Vec<_> = book.invoices().iter().map(|i| i.number().clone()).collect();
    check_sequence(&numbers)?;
    for invoice in &issued {
        let xml = invoice.to_ubl()?; // every invoice exports to Peppol BIS Billing 3.0
        if let Some(dir) = &ubl_dir {
            std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
            let path = format!("{dir}/{}.xml", invoice.number());
            std::fs::write(&path, xml).map_err(|e| format!("{path}: {e}"))?;
        }
    }
    if html {
        println!("<!doctype html><meta charset=\"utf-8\"><title>envoi: March 2026</title>");
        for invoice in &issued {
            println!("{}", invoice.to_html());
        }
    } else {
        for invoice in &issued {
            println!("{}", invoice.to_text());
        }
        println!(
            "{} invoices, numbered {} to {}",
            issued.len(),
            numbers[0],
            numbers[numbers.len() - 1]
        );
    }
    Ok(())
}

fn at(text: &str) -> Result<Instant, Failure> {
    Ok(text.parse()?)
}

fn seller() -> Result<Seller, Failure> {
    Ok(Seller {
        party: Party::new("Envoi SA", "BE")?
            .with_address("Rue de la Loi 16", "Bruxelles", "1000")?
            .with_vat_number("BE0403170701")?
            .with_enterprise_number("0403170701")?,
        series: NumberSeries::new("F")?,
        payment_days: 30,
    })
}

fn customer(id: &str, name: &str, language: Language, city: &str) -> Result<Account, Failure> {
    let address = Party::new(name, "BE")?
        .with_address("Rue Haute 12", city, "1000")?
        .with_enterprise_number("0202239951")?;
    Ok(Account::new(
        AccountId::new(id)?,
        language,
        CustomerKind::Business,
        "BE",
        address,
        at("2026-03-01T09:00:00Z")?,
    )?)
}
