//! The invoice book (issue 10): one gapless sequence per series and year, a key issued once
//! (again: a replay; with other content: refused), invoices listed per account, stored and read
//! back, and rendered for a person in the account's language, as text and HTML.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod billing_common;

use billing_common::{
    at, belgian_company, book, click_and_post_customer, dutch_company, letter, plannit_customer,
    prices, seller, vies_valid,
};
use envoi::ErrorCode;
use envoi::account::Account;
use envoi::billing::{
    InvoiceBook, InvoiceDraft, IssuedInvoice, LetterUsage, Month, MonthlyUsage, OrderRequest,
    PaymentMethod, SubscriptionRequest, block_plan_run, check_sequence, monthly_run, place_order,
    subscribe_block_plan,
};
use envoi::ids::OrderId;
use envoi::invoice::VatCategory;
use envoi::language::Language;
use envoi::money::Currency;
use envoi::post::{Format, Postage};
use envoi::vat::RateTable;
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

fn rates() -> &'static RateTable {
    RateTable::builtin()
}

fn order_draft(account: &Account, id: &str, pack: &str, when: &str) -> InvoiceDraft {
    let request = OrderRequest::new(
        OrderId::new(id).unwrap(),
        pack,
        1,
        PaymentMethod::Card,
        at(when),
    );
    place_order(account, &prices(), &request, rates())
        .unwrap()
        .invoice_draft(account)
        .unwrap()
}

#[test]
fn numbers_run_per_year_without_gaps_and_a_key_is_issued_once() {
    let account = belgian_company();
    let mut book = book();
    let numbers: Vec<String> = [
        ("o-1", "2026-12-31T10:00:00Z"),
        ("o-2", "2026-12-31T23:30:00Z"), // 00:30 on 1 January 2027 in Brussels
        ("o-3", "2027-01-02T10:00:00Z"),
    ]
    .iter()
    .map(|(id, when)| {
        book.issue(order_draft(&account, id, "sms-1000", when))
            .unwrap()
            .value
            .number()
            .to_string()
    })
    .collect();
    assert_eq!(numbers, ["2026-F-000001", "2027-F-000001", "2027-F-000002"]);
    let all: Vec<_> = book.invoices().iter().map(|i| i.number().clone()).collect();
    assert!(check_sequence(&all).is_ok());

    // The same key with other content: refused, no number used.
    let other = order_draft(&account, "o-1", "sms-5000", "2026-12-31T10:00:00Z");
    let error = book.issue(other).unwrap_err();
    assert_eq!(error.code(), "billing.invoice_conflict");
    assert_eq!(
        error.to_string(),
        "invoice order:o-1: already issued as 2026-F-000001 with other content (lines); a key is issued once: correct an issued invoice with a credit note"
    );
    assert_eq!(book.invoices().len(), 3);
    assert_eq!(
        book.by_key("order:o-2").unwrap().number().to_string(),
        "2027-F-000001"
    );
    assert!(book.get(&"2027-F-000002".parse().unwrap()).is_some());
}

#[test]
fn a_stored_book_reads_back_and_refuses_gaps_and_repeated_keys() {
    let account = belgian_company();
    let mut book = book();
    for (id, day) in [("o-1", "02"), ("o-2", "03"), ("o-3", "04")] {
        book.issue(order_draft(
            &account,
            id,
            "sms-1000",
            &format!("2026-03-{day}T10:00:00Z"),
        ))
        .unwrap();
    }
    let stored: Vec<String> = book.invoices().iter().map(IssuedInvoice::to_json).collect();
    let read: Vec<IssuedInvoice> = stored
        .iter()
        .map(|json| IssuedInvoice::from_json(json).unwrap())
        .collect();
    let mut again = InvoiceBook::from_invoices(seller(), read.clone()).unwrap();
    assert_eq!(again.invoices(), book.invoices());
    let next = again
        .issue(order_draft(
            &account,
            "o-4",
            "sms-1000",
            "2026-03-05T10:00:00Z",
        ))
        .unwrap();
    assert_eq!(next.value.number().to_string(), "2026-F-000004");

    let gap = vec![read[0].clone(), read[2].clone()];
    let error = InvoiceBook::from_invoices(seller(), gap).unwrap_err();
    assert_eq!(error.code(), "billing.invoice_sequence");
    assert_eq!(
        error.to_string(),
        "invoice numbers: 2026-F: 2026-F-000002 missing"
    );
    // The same key under two numbers (an edited store).
    let edited = stored[1].replace("order:o-2", "order:o-1");
    let twice = vec![
        read[0].clone(),
        IssuedInvoice::from_json(&edited).unwrap(),
        read[2].clone(),
    ];
    let error = InvoiceBook::from_invoices(seller(), twice).unwrap_err();
    assert_eq!(error.code(), "billing.invalid_record");
    assert_eq!(
        error.to_string(),
        "invoice book: key: order:o-1 is issued as 2026-F-000001 and as 2026-F-000002; a key is issued once"
    );
    // A number of another year than the issue date.
    let wrong_year = stored[0].replace("2026-F-000001", "2027-F-000001");
    let error = IssuedInvoice::from_json(&wrong_year).unwrap_err();
    assert_eq!(
        error.to_string(),
        "issued invoice: number: 2027-F-000001 is numbered in 2027 but issued on 2026-03-02; an invoice is numbered in the year of its issue date"
    );
}

#[test]
fn invoices_are_listed_per_account_with_their_lines() {
    let mut book = book();
    let be = belgian_company();
    let nl = dutch_company("acc_nl");
    book.issue(order_draft(&be, "o-be", "sms-1000", "2026-03-02T10:00:00Z"))
        .unwrap();
    book.issue(order_draft(
        &nl,
        "o-nl",
        "email-5000",
        "2026-03-03T10:00:00Z",
    ))
    .unwrap();
    book.issue(order_draft(
        &be,
        "o-be-2",
        "email-5000",
        "2026-03-04T10:00:00Z",
    ))
    .unwrap();
    let listed: Vec<(String, &str)> = book
        .for_account(be.id())
        .map(|invoice| {
            (
                invoice.number().to_string(),
                invoice.lines()[0].description(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("2026-F-000001".to_owned(), "Pack SMS 1 000 unités"),
            ("2026-F-000003".to_owned(), "Pack e-mail 5 000 unités"),
        ]
    );
    assert_eq!(book.for_account(nl.id()).count(), 1);
}

#[test]
fn an_invoice_reads_for_a_person_in_each_language() {
    let mut book = book();
    let fr = belgian_company();
    let issued = book
        .issue(order_draft(&fr, "o-fr", "sms-1000", "2026-03-02T10:00:00Z"))
        .unwrap()
        .value;
    let text = issued.to_text();
    assert_eq!(
        text,
        "Facture 2026-F-000001\n\
         Date: 02/03/2026\n\
         Échéance: 01/04/2026\n\
         Vendeur: Envoi SA, Rue de la Loi 16, 1000 Bruxelles, BE, TVA BE0403170701, BCE 0403170701\n\
         Client: Boulangerie Dupont SRL, Place du Marché 3, 5000 Namur, BE, TVA BE0202239951, BCE 0202239951\n\
         Commande: o-fr\n\
         Référence: acc_be\n\
         Paiement: Payé par carte le 02/03/2026\n\
         \n\
         - Pack SMS 1 000 unités\n  \
         Quantité: 1 | Prix unitaire: 75,00 EUR | Montant HTVA: 75,00 EUR | TVA: TVA 21 %\n\
         \n\
         Total HTVA: 75,00 EUR\n\
         TVA 21 % sur 75,00 EUR: 15,75 EUR\n\
         Total TVA: 15,75 EUR\n\
         Total TVAC: 90,75 EUR\n"
    );
    let html = issued.to_html();
    assert!(
        html.starts_with("<article class=\"invoice\" lang=\"fr\">\n<h1>Facture 2026-F-000001</h1>"),
        "{html}"
    );
    assert!(html.contains("<tr><td>Pack SMS 1 000 unités</td><td>1</td><td>75,00 EUR</td><td>75,00 EUR</td><td>TVA 21 %</td></tr>"), "{html}");
    assert!(
        html.contains("<tr><th>Total TVAC</th><td>90,75 EUR</td></tr>"),
        "{html}"
    );

    let nl = dutch_company("acc_nl");
    let request = OrderRequest::new(
        OrderId::new("o-nl").unwrap(),
        "sms-1000",
        1,
        PaymentMethod::Card,
        at("2026-03-03T10:00:00Z"),
    )
    .with_exemption_requested()
    .with_online_check(vies_valid());
    let draft = place_order(&nl, &prices(), &request, rates())
        .unwrap()
        .invoice_draft(&nl)
        .unwrap();
    let text = book.issue(draft).unwrap().value.to_text();
    assert!(
        text.starts_with("Factuur 2026-F-000002\nDatum: 03-03-2026\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "Aantal: 1 | Eenheidsprijs: 75,00 EUR | Bedrag excl. btw: 75,00 EUR | Btw: Btw verlegd"
        ),
        "{text}"
    );
    assert!(
        text.ends_with(
            "Totaal incl. btw: 75,00 EUR\n\nBtw verlegd – artikel 196 van richtlijn 2006/112/EG\n"
        ),
        "{text}"
    );

    let mut de = billing_common::belgian_company();
    de = Account::from_json(&de_json(&de)).unwrap();
    let draft = order_draft(&de, "o-de", "sms-5000", "2026-03-04T10:00:00Z");
    let text = book.issue(draft).unwrap().value.to_text();
    assert!(
        text.starts_with("Rechnung 2026-F-000003\nDatum: 04.03.2026\nFällig am: 03.04.2026\n"),
        "{text}"
    );
    assert!(
        text.contains("- SMS-Paket 5.000 Einheiten\n  Menge: 1 | Einzelpreis: 340,00 EUR"),
        "{text}"
    );
    assert!(
        text.contains("USt. 21 % auf 340,00 EUR: 71,40 EUR"),
        "{text}"
    );

    let en = plannit_customer();
    let draft = order_draft(&en, "o-en", "secure-email-1000", "2026-03-05T10:00:00Z");
    let text = book.issue(draft).unwrap().value.to_text();
    assert!(text.contains("- Secure email pack, 1,000 units\n  Quantity: 1 | Unit price: 14.50 EUR | Net amount: 14.50 EUR | VAT: VAT 21%"), "{text}");
    assert!(text.contains("Total with VAT: 17.55 EUR"), "{text}");
}

/// The Belgian company's account, in German.
fn de_json(account: &Account) -> String {
    serde_json::to_string(account)
        .unwrap()
        .replace("\"language\":\"fr\"", "\"language\":\"de\"")
}

#[test]
fn every_text_of_the_html_is_escaped() {
    let mut book = book();
    let account = belgian_company();
    let json = serde_json::to_string(&account).unwrap().replace(
        "Boulangerie Dupont SRL",
        "Dupont & Fils <script>alert(1)</script>",
    );
    let account = Account::from_json(&json).unwrap();
    let issued = book
        .issue(order_draft(
            &account,
            "o-x",
            "sms-1000",
            "2026-03-02T10:00:00Z",
        ))
        .unwrap()
        .value;
    let html = issued.to_html();
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("Dupont &amp; Fils &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
}

/// One step of a history of a seller's book: an order of an account, or a monthly run.
#[derive(Debug, Clone)]
enum Step {
    Order {
        account: usize,
        pack: usize,
        day: u32,
        card: bool,
        quantity: u32,
    },
    Letters {
        account: usize,
        month: u32,
        letters: u32,
        day: u32,
    },
    Blocks {
        period: u32,
        usage: u64,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0_usize..3, 0_usize..4, 1_u32..28, any::<bool>(), 1_u32..4).prop_map(
            |(account, pack, day, card, quantity)| Step::Order {
                account,
                pack,
                day,
                card,
                quantity
            }
        ),
        (0_usize..3, 1_u32..12, 0_u32..50, 1_u32..28).prop_map(|(account, month, letters, day)| {
            Step::Letters {
                account,
                month,
                letters,
                day,
            }
        }),
        (0_u32..6, 0_u64..3_000).prop_map(|(period, usage)| Step::Blocks { period, usage }),
    ]
}

fn accounts() -> Vec<Account> {
    vec![
        belgian_company(),
        dutch_company("acc_nl"),
        click_and_post_customer(),
    ]
}

/// The drafts a history gives (paying every bank transfer a day later).
fn drafts(steps: &[Step]) -> Vec<InvoiceDraft> {
    let accounts = accounts();
    let plannit = plannit_customer();
    let subscription = subscribe_block_plan(
        &plannit,
        &prices(),
        &SubscriptionRequest::new("sub", "plannit-sms", at("2026-01-31T09:00:00Z")),
        rates(),
    )
    .unwrap();
    let packs = ["sms-1000", "email-5000", "secure-email-1000", "sms-test"];
    let mut out: Vec<InvoiceDraft> = Vec::new();
    let keep = |draft: InvoiceDraft, out: &mut Vec<InvoiceDraft>| {
        // Two runs of one month (or one period) with other usage would be the same key with other
        // content: the history keeps the first, as a host that runs a month once.
        if out.iter().all(|kept| kept.key() != draft.key()) {
            out.push(draft);
        }
    };
    for (index, step) in steps.iter().enumerate() {
        match *step {
            Step::Order {
                account,
                pack,
                day,
                card,
                quantity,
            } => {
                let account = &accounts[account];
                let when = at(&format!("2026-02-{day:02}T10:00:00Z"));
                let payment = if card {
                    PaymentMethod::Card
                } else {
                    PaymentMethod::BankTransfer
                };
                let request = OrderRequest::new(
                    OrderId::new(format!("o-{index}")).unwrap(),
                    packs[pack],
                    quantity,
                    payment,
                    when,
                );
                let mut order = place_order(account, &prices(), &request, rates()).unwrap();
                order
                    .record_payment(when + chrono::Duration::days(1))
                    .unwrap();
                keep(order.invoice_draft(account).unwrap(), &mut out);
            }
            Step::Letters {
                account,
                month,
                letters,
                day,
            } => {
                let account = &accounts[account];
                let usage = MonthlyUsage {
                    letters: vec![LetterUsage::handed_over(
                        "job",
                        letter(Postage::Prior, Format::Small, 50, 1, false, false, false),
                        letters,
                        at(&format!("2026-{month:02}-{day:02}T10:00:00Z")),
                    )],
                    ..MonthlyUsage::default()
                };
                let month = Month::new(2026, month).unwrap();
                for draft in monthly_run(account, &prices(), month, &usage, rates()).unwrap() {
                    keep(draft, &mut out);
                }
            }
            Step::Blocks { period, usage } => {
                let usage = if period == 0 { 0 } else { usage };
                let rate = Some(Decimal::new(92, 2));
                if let Some(draft) =
                    block_plan_run(&plannit, &subscription, period, usage, rate).unwrap()
                {
                    keep(draft, &mut out);
                }
            }
        }
    }
    out
}

/// EN 16931: the totals are the sum of the lines' net amounts, and each rate's VAT is its base ×
/// rate rounded half away from zero.
fn check_totals(invoice: &IssuedInvoice) -> Result<(), TestCaseError> {
    let currency: Currency = invoice.invoice().currency();
    let totals = invoice.totals();
    let net: Decimal = invoice.lines().iter().map(|line| line.net(currency)).sum();
    prop_assert_eq!(totals.total_without_vat(), net);
    let mut vat = Decimal::ZERO;
    for rate in totals.per_rate() {
        let base: Decimal = invoice
            .lines()
            .iter()
            .filter(|line| line.category() == rate.category() && line.rate() == rate.rate())
            .map(|line| line.net(currency))
            .sum();
        prop_assert_eq!(rate.base(), base);
        let expected = (base * rate.rate() / Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        prop_assert_eq!(rate.vat(), expected);
        if rate.category() != VatCategory::Standard {
            prop_assert!(rate.vat().is_zero());
        }
        vat += rate.vat();
    }
    prop_assert_eq!(totals.total_vat(), vat);
    prop_assert_eq!(totals.total_with_vat(), net + vat);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Over any history of orders and runs issued into a book (in any order, with repeats), the
    /// numbers have no gap and no duplicate, issuing every draft again changes nothing, and every
    /// invoice's totals add up.
    #[test]
    fn numbering_has_no_gap_and_reissuing_changes_nothing(
        steps in prop::collection::vec(step(), 0..16),
        order in prop::collection::vec(any::<prop::sample::Index>(), 0..40),
    ) {
        let drafts = drafts(&steps);
        let mut book = book();
        // Issue in the history's order, with repeats picked at random in between.
        for (index, draft) in drafts.iter().enumerate() {
            book.issue(draft.clone()).unwrap();
            if let Some(pick) = order.get(index) {
                let again = pick.get(&drafts[..=index]);
                prop_assert!(book.issue(again.clone()).unwrap().replayed);
            }
        }
        let numbers: Vec<_> = book.invoices().iter().map(|i| i.number().clone()).collect();
        prop_assert!(check_sequence(&numbers).is_ok());
        let keys: std::collections::BTreeSet<&str> = drafts.iter().map(InvoiceDraft::key).collect();
        prop_assert_eq!(book.invoices().len(), keys.len());
        let before = book.clone();
        for draft in &drafts {
            prop_assert!(book.issue(draft.clone()).unwrap().replayed);
        }
        prop_assert_eq!(&book, &before);
        for invoice in book.invoices() {
            check_totals(invoice)?;
            prop_assert_eq!(IssuedInvoice::from_json(&invoice.to_json()).unwrap(), invoice.clone());
        }
        let rebuilt = InvoiceBook::from_invoices(seller(), book.invoices().to_vec()).unwrap();
        prop_assert_eq!(rebuilt.invoices(), book.invoices());
    }
}

#[test]
fn drafts_of_a_language_follow_the_account() {
    let draft = order_draft(
        &belgian_company(),
        "o-lang",
        "sms-1000",
        "2026-03-02T10:00:00Z",
    );
    assert_eq!(draft.invoice().language(), Language::Fr);
    assert!(draft.to_text().starts_with("Facture (projet)\n"));
}
