//! Orders of credit packs (issue 10, SPEC sections 6 and 7), as the seeds tell them: a Belgian
//! company pays by bank transfer (pending, then active, invoiced with 21% VAT), a Dutch company
//! asks for the exemption when ordering (reverse charge) and another one a week later (refused),
//! a payment reversed after activation (voided in the ledger, credit note); and the order's
//! stored form, which keeps every rule when read back.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod billing_common;

use billing_common::{at, belgian_company, book, dutch_company, flat, prices, vies_valid};
use envoi::ErrorCode;
use envoi::account::AccountState;
use envoi::billing::{OrderRequest, OrderState, PackOrder, PaymentMethod, place_order};
use envoi::credits::{CreditKind, Ledger, OrderStatus};
use envoi::ids::OrderId;
use envoi::invoice::{DocumentKind, VatCategory};
use envoi::vat::{RateTable, TreatmentKind};
use rust_decimal::Decimal;
use serde_json::Value;

fn request(
    id: &str,
    pack: &str,
    quantity: u32,
    payment: PaymentMethod,
    when: &str,
) -> OrderRequest {
    OrderRequest::new(OrderId::new(id).unwrap(), pack, quantity, payment, at(when))
}

fn rates() -> &'static RateTable {
    RateTable::builtin()
}

#[test]
fn a_belgian_company_buys_an_sms_pack_by_bank_transfer() {
    let mut account = belgian_company();
    let prices = prices();
    let mut ledger = Ledger::new(account.zone());
    let mut book = book();
    let order_request = request(
        "o-be-1",
        "sms-1000",
        2,
        PaymentMethod::BankTransfer,
        "2026-03-02T10:00:00Z",
    );
    let mut order = place_order(&account, &prices, &order_request, rates()).unwrap();

    // Pending: no invoice, the ledger's purchase waits, the account waits.
    assert_eq!(order.state(), &OrderState::PendingPayment);
    let error = order.invoice_draft(&account).unwrap_err();
    assert_eq!(error.code(), "billing.order_not_paid");
    assert_eq!(
        error.to_string(),
        "order o-be-1: pending_payment; a pack is invoiced when it is paid (by card at once, by bank transfer when the payment arrives), so this order has no invoice"
    );
    assert_eq!(
        order.apply(&mut ledger).unwrap().status,
        OrderStatus::Pending
    );
    assert_eq!(
        ledger
            .balance(&CreditKind::sms(), at("2026-03-03T00:00:00Z"))
            .available,
        0
    );
    assert!(!order.activate_account(&mut account).unwrap());
    assert_eq!(account.state(), AccountState::PendingPayment);

    // The transfer arrives: paid, the ledger activates (expiry + 24 months), the account too.
    order.record_payment(at("2026-03-05T08:00:00Z")).unwrap();
    let activated = order.apply(&mut ledger).unwrap();
    assert_eq!(
        activated.status,
        OrderStatus::Active {
            lot: 1,
            expires_at: at("2028-03-05T08:00:00Z")
        }
    );
    assert_eq!(ledger.entries().len(), 2);
    order.apply(&mut ledger).unwrap();
    assert_eq!(ledger.entries().len(), 2, "applying again writes nothing");
    assert_eq!(
        ledger
            .balance(&CreditKind::sms(), at("2026-03-05T09:00:00Z"))
            .available,
        2000
    );
    assert!(order.activate_account(&mut account).unwrap());
    assert_eq!(account.state(), AccountState::Active);
    assert_eq!(
        account.history()[0].reason,
        "order o-be-1 paid (bank_transfer)"
    );

    // Invoiced when paid, with 21% Belgian VAT.
    let issued = book
        .issue(order.invoice_draft(&account).unwrap())
        .unwrap()
        .value;
    assert_eq!(issued.number().to_string(), "2026-F-000001");
    assert_eq!(issued.issue_date().to_string(), "2026-03-05");
    assert_eq!(issued.due_date().unwrap().to_string(), "2026-04-04");
    let line = &issued.lines()[0];
    assert_eq!(line.description(), "Pack SMS 1 000 unités");
    assert_eq!(
        (
            line.quantity(),
            line.unit_price(),
            line.rate(),
            line.category()
        ),
        (
            Decimal::from(2),
            Decimal::new(7500, 2),
            Decimal::from(21),
            VatCategory::Standard
        )
    );
    let totals = issued.totals();
    assert_eq!(totals.total_without_vat().to_string(), "150.00");
    assert_eq!(totals.total_vat().to_string(), "31.50");
    assert_eq!(totals.total_with_vat().to_string(), "181.50");
    assert_eq!(
        issued.invoice().customer().unwrap().vat_number(),
        Some("BE0202239951")
    );
    assert_eq!(
        issued.invoice().payment_terms(),
        Some("Payé par virement le 05/03/2026")
    );
    let ubl = flat(&issued.to_ubl().unwrap());
    assert!(ubl.contains("<cbc:PayableAmount currencyID=\"EUR\">181.50</cbc:PayableAmount>"));
    assert!(
        ubl.contains("<cac:OrderReference><cbc:ID>o-be-1</cbc:ID>"),
        "{ubl}"
    );
    // Paying again (a repeated report) changes nothing.
    order.record_payment(at("2026-03-06T08:00:00Z")).unwrap();
    assert_eq!(order.state().paid_at(), Some(at("2026-03-05T08:00:00Z")));
}

#[test]
fn a_card_order_is_paid_and_invoiced_at_once() {
    let account = belgian_company();
    let order = place_order(
        &account,
        &prices(),
        &request(
            "o-card",
            "email-5000",
            1,
            PaymentMethod::Card,
            "2026-03-02T10:00:00Z",
        ),
        rates(),
    )
    .unwrap();
    assert_eq!(
        order.state(),
        &OrderState::Paid {
            at: at("2026-03-02T10:00:00Z")
        }
    );
    let mut ledger = Ledger::new(account.zone());
    assert!(matches!(
        order.apply(&mut ledger).unwrap().status,
        OrderStatus::Active { .. }
    ));
    assert_eq!(ledger.entries().len(), 1);
    let draft = order.invoice_draft(&account).unwrap();
    assert_eq!(draft.lines()[0].description(), "Pack e-mail 5 000 unités");
    assert_eq!(
        draft.invoice().payment_terms(),
        Some("Payé par carte le 02/03/2026")
    );
}

#[test]
fn a_dutch_company_asks_for_the_exemption_when_ordering() {
    let account = dutch_company("acc_nl");
    let order = place_order(
        &account,
        &prices(),
        &request(
            "o-nl-1",
            "sms-1000",
            1,
            PaymentMethod::Card,
            "2026-03-02T10:00:00Z",
        )
        .with_exemption_requested()
        .with_online_check(vies_valid()),
        rates(),
    )
    .unwrap();
    assert_eq!(order.treatment().kind(), TreatmentKind::ReverseCharge);
    let evidence = order.treatment().evidence().unwrap();
    assert_eq!(evidence.compact.as_deref(), Some("NL004495445B01"));
    assert_eq!(
        evidence.online.as_ref().unwrap().request_id.as_deref(),
        Some("WAPIAAAAW1Fz5rY0")
    );
    // Asking again after the order changes nothing: it is already reverse charged.
    assert_eq!(
        order.request_exemption().unwrap().kind(),
        TreatmentKind::ReverseCharge
    );

    let mut book = book();
    let issued = book
        .issue(order.invoice_draft(&account).unwrap())
        .unwrap()
        .value;
    let line = &issued.lines()[0];
    assert_eq!(line.description(), "SMS-pakket 1.000 eenheden");
    assert_eq!(
        (line.category(), line.rate()),
        (VatCategory::ReverseCharge, Decimal::ZERO)
    );
    assert_eq!(
        issued.invoice().note(),
        Some("Btw verlegd – artikel 196 van richtlijn 2006/112/EG")
    );
    assert_eq!(issued.totals().total_with_vat().to_string(), "75.00");
    let ubl = flat(&issued.to_ubl().unwrap());
    assert!(
        ubl.contains("<cbc:ID>AE</cbc:ID><cbc:Percent>0</cbc:Percent>"),
        "{ubl}"
    );
    assert!(ubl.contains("VATEX-EU-AE"));
    assert!(ubl.contains("NL004495445B01"));
    assert!(
        issued
            .to_text()
            .contains("Btw verlegd op 75,00 EUR: 0,00 EUR"),
        "{}",
        issued.to_text()
    );
}

#[test]
fn another_dutch_company_asks_a_week_later_and_is_refused() {
    let account = dutch_company("acc_nl_2");
    let order = place_order(
        &account,
        &prices(),
        &request(
            "o-nl-2",
            "sms-1000",
            1,
            PaymentMethod::Card,
            "2026-03-02T10:00:00Z",
        )
        .with_online_check(vies_valid()),
        rates(),
    )
    .unwrap();
    // Without the exemption, the business is treated as a consumer: Belgian VAT (under the
    // B2C threshold).
    assert_eq!(order.treatment().kind(), TreatmentKind::Charge);
    assert_eq!(order.treatment().rate(), Some(Decimal::from(21)));
    // A week later: refused, with the reason.
    let error = order.request_exemption().unwrap_err();
    assert_eq!(error.code(), "billing.exemption_after_order");
    assert_eq!(
        error.to_string(),
        "order o-nl-2: the VAT exemption can only be asked for when ordering (SPEC section 7); this order was placed with charge BE 21% (eu_consumer_under_threshold), so a later request to refund its VAT is refused"
    );
}

#[test]
fn without_the_online_check_the_exemption_is_refused_not_assumed() {
    let account = dutch_company("acc_nl_3");
    let error = place_order(
        &account,
        &prices(),
        &request(
            "o-nl-3",
            "sms-1000",
            1,
            PaymentMethod::Card,
            "2026-03-02T10:00:00Z",
        )
        .with_exemption_requested(),
        rates(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "billing.vat_pending_verification");
    assert_eq!(
        error.to_string(),
        "order o-nl-3: the VAT exemption cannot be decided: the online check (VIES) of VAT number \"NL004495445B01\" was unavailable at order time; retry when it answers, or order without the exemption"
    );
}

#[test]
fn a_payment_reversed_after_activation_voids_the_order_and_credits_the_invoice() {
    let mut account = belgian_company();
    let mut ledger = Ledger::new(account.zone());
    let mut book = book();
    let mut order = place_order(
        &account,
        &prices(),
        &request(
            "o-rev",
            "sms-1000",
            1,
            PaymentMethod::Card,
            "2026-03-02T10:00:00Z",
        ),
        rates(),
    )
    .unwrap();
    order.apply(&mut ledger).unwrap();
    order.activate_account(&mut account).unwrap();
    ledger
        .consume("send-1", CreditKind::sms(), 300, at("2026-03-03T09:00:00Z"))
        .unwrap();
    let invoice = book
        .issue(order.invoice_draft(&account).unwrap())
        .unwrap()
        .value;

    // A credit note needs the reversal first.
    let error = order.credit_note_draft(&account, &invoice).unwrap_err();
    assert_eq!(error.code(), "billing.order_state");
    assert_eq!(
        error.to_string(),
        "order o-rev: cannot credit an order that is paid; a credit note cancels the invoice of an order whose payment was reversed"
    );

    order
        .reverse(at("2026-03-10T08:00:00Z"), "chargeback")
        .unwrap();
    let voided = order.apply(&mut ledger).unwrap();
    assert_eq!(
        voided.status,
        OrderStatus::Voided {
            at: at("2026-03-10T08:00:00Z"),
            lot: Some(1)
        }
    );
    let balance = ledger.balance(&CreditKind::sms(), at("2026-03-11T00:00:00Z"));
    assert_eq!(
        (balance.consumed, balance.removed, balance.available),
        (300, 700, 0)
    );

    let note = book
        .issue(order.credit_note_draft(&account, &invoice).unwrap())
        .unwrap()
        .value;
    assert_eq!(note.key(), "credit:o-rev");
    assert_eq!(note.number().to_string(), "2026-F-000002");
    assert_eq!(note.invoice().kind(), DocumentKind::CreditNote);
    assert_eq!(note.due_date(), None);
    let preceding = note.invoice().preceding_invoice().unwrap();
    assert_eq!(preceding.number(), "2026-F-000001");
    assert_eq!(preceding.date(), Some(invoice.issue_date()));
    assert_eq!(note.lines(), invoice.lines());
    assert_eq!(note.totals(), invoice.totals());
    assert_eq!(
        note.invoice().payment_terms(),
        Some("Remboursement de la facture 2026-F-000001")
    );
    let ubl = flat(&note.to_ubl().unwrap());
    assert!(ubl.contains("<CreditNote"));
    assert!(
        ubl.contains(
            "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>2026-F-000001</cbc:ID>"
        ),
        "{ubl}"
    );
    // Its invoice is still the order's; a credit note of another order's invoice is refused.
    let other = place_order(
        &account,
        &prices(),
        &request(
            "o-other",
            "sms-1000",
            1,
            PaymentMethod::Card,
            "2026-03-12T10:00:00Z",
        ),
        rates(),
    )
    .unwrap();
    let mut reversed_other = other.clone();
    reversed_other
        .reverse(at("2026-03-13T10:00:00Z"), "refund")
        .unwrap();
    let error = reversed_other
        .credit_note_draft(&account, &invoice)
        .unwrap_err();
    assert_eq!(error.code(), "billing.invalid_argument");
    assert_eq!(
        error.to_string(),
        "invoice: 2026-F-000001 (order:o-rev) is not the invoice of order o-other (key order:o-other)"
    );
}

#[test]
fn state_changes_are_refused_where_the_state_machine_has_none() {
    let account = belgian_company();
    let place = |payment| {
        place_order(
            &account,
            &prices(),
            &request("o-s", "sms-1000", 1, payment, "2026-03-02T10:00:00Z"),
            rates(),
        )
        .unwrap()
    };
    let mut pending = place(PaymentMethod::BankTransfer);
    let error = pending
        .reverse(at("2026-03-03T10:00:00Z"), "x")
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "order o-s: cannot reverse an order that is pending_payment; only a paid order has a payment to reverse; an order waiting for its payment is cancelled"
    );
    let error = pending
        .record_payment(at("2026-03-01T10:00:00Z"))
        .unwrap_err();
    assert_eq!(error.code(), "billing.invalid_argument");
    assert_eq!(
        error.to_string(),
        "at: 2026-03-01T10:00:00+00:00 is before the order o-s was placed (2026-03-02T10:00:00+00:00)"
    );
    let error = pending.cancel(at("2026-03-03T10:00:00Z"), " ").unwrap_err();
    assert_eq!(
        error.to_string(),
        "reason: \" \" is blank; a cancellation or a reversal says why"
    );
    pending
        .cancel(at("2026-03-20T10:00:00Z"), "never paid")
        .unwrap();
    let mut ledger = Ledger::new(account.zone());
    assert!(matches!(
        pending.apply(&mut ledger).unwrap().status,
        OrderStatus::Voided { lot: None, .. }
    ));
    assert_eq!(
        pending.invoice_draft(&account).unwrap_err().code(),
        "billing.order_not_paid"
    );
    let error = pending
        .record_payment(at("2026-03-21T10:00:00Z"))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "order o-s: cannot record the payment of an order that is cancelled; a cancelled or reversed order stays so; place a new order"
    );
    let mut paid = place(PaymentMethod::Card);
    let error = paid.cancel(at("2026-03-03T10:00:00Z"), "x").unwrap_err();
    assert_eq!(error.code(), "billing.order_state");
    // Another account's order.
    let other = dutch_company("acc_x");
    let error = paid.invoice_draft(&other).unwrap_err();
    assert_eq!(
        error.to_string(),
        "account: acc_x is not the account of order o-s (acc_be)"
    );
}

#[test]
fn quantities_and_packs_are_checked_when_ordering() {
    let account = belgian_company();
    let error = place_order(
        &account,
        &prices(),
        &request(
            "o-q",
            "sms-1000",
            0,
            PaymentMethod::Card,
            "2026-03-02T10:00:00Z",
        ),
        rates(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "billing.invalid_argument");
    assert_eq!(
        error.to_string(),
        "quantity: 0 is no pack; an order has 1 pack or more"
    );
    let error = place_order(
        &account,
        &prices(),
        &request(
            "o-q",
            "sms-5000",
            u32::MAX,
            PaymentMethod::Card,
            "2026-03-02T10:00:00Z",
        ),
        rates(),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "quantity: 4294967295 packs of 5000 units make more than 1000000000000 units, the most one order holds"
    );
    // 30 June 22:30 UTC is 1 July in Brussels: the July price.
    let order = place_order(
        &account,
        &prices(),
        &request(
            "o-july",
            "sms-1000",
            1,
            PaymentMethod::Card,
            "2026-06-30T22:30:00Z",
        ),
        rates(),
    )
    .unwrap();
    assert_eq!(order.pack().unit_price.to_string(), "72.00 EUR");
    let error = place_order(
        &account,
        &prices(),
        &request(
            "o-none",
            "sms-1000",
            1,
            PaymentMethod::Card,
            "2025-12-31T10:00:00Z",
        ),
        rates(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "billing.no_price");
    assert_eq!(
        "cheque".parse::<PaymentMethod>().unwrap_err().to_string(),
        "payment: \"cheque\" is not a payment method; methods are card and bank_transfer"
    );
}

#[test]
fn a_stored_order_reads_back_and_keeps_its_rules() {
    let account = dutch_company("acc_nl");
    let mut order = place_order(
        &account,
        &prices(),
        &request(
            "o-json",
            "sms-1000",
            3,
            PaymentMethod::BankTransfer,
            "2026-03-02T10:00:00Z",
        )
        .with_exemption_requested()
        .with_online_check(vies_valid()),
        rates(),
    )
    .unwrap();
    order.record_payment(at("2026-03-05T10:00:00Z")).unwrap();
    let json = order.to_json();
    assert_eq!(PackOrder::from_json(&json).unwrap(), order);
    let value: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["state"]["state"], "paid");
    assert_eq!(value["pack"]["unit_price"]["amount"], "75.00");

    let edit = |change: &dyn Fn(&mut Value)| {
        let mut value = value.clone();
        change(&mut value);
        PackOrder::from_json(&value.to_string()).unwrap_err()
    };
    let error = edit(&|v| v["quantity"] = 0.into());
    assert_eq!(error.code(), "billing.invalid_record");
    assert_eq!(
        error.to_string(),
        "order: quantity: 0 is no pack; an order has 1 pack or more"
    );
    let error =
        edit(&|v| v["state"] = serde_json::json!({"state": "paid", "at": "2026-03-01T00:00:00Z"}));
    assert_eq!(
        error.to_string(),
        "order: state.at: 2026-03-01T00:00:00+00:00 is before placed_at (2026-03-02T10:00:00+00:00)"
    );
    let error = edit(&|v| v["payment"] = "card".into());
    assert!(
        error
            .to_string()
            .contains("a card order is paid when placed"),
        "{error}"
    );
    let error = edit(&|v| v["treatment"]["rate"] = "21".into());
    assert!(
        error
            .to_string()
            .starts_with("order: treatment: reverse_charge"),
        "{error}"
    );
    let error = edit(&|v| v["surprise"] = 1.into());
    assert!(error.to_string().starts_with("order: json: "), "{error}");
    let error = PackOrder::from_json("not json").unwrap_err();
    assert_eq!(error.code(), "billing.invalid_record");
}
