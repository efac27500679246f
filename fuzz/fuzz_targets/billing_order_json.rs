//! Fuzzes the orders and issued invoices a host stores and reads back: any bytes read as a
//! `PackOrder` and as an `IssuedInvoice`. Neither may panic; what reads writes back to JSON that
//! reads again as the same value, and an order read back answers its invoice and ledger queries
//! without panicking.
#![no_main]

use envoi::billing::{IssuedInvoice, PackOrder};
use envoi::credits::Ledger;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(order) = PackOrder::from_json(text) {
        let again = PackOrder::from_json(&order.to_json()).expect("an order read back reads again");
        assert_eq!(again, order);
        let _ = order.request_exemption();
        let mut ledger = Ledger::new(order.zone());
        let _ = order.apply(&mut ledger);
        let _ = order.apply(&mut ledger);
    }
    if let Ok(issued) = IssuedInvoice::from_json(text) {
        let again =
            IssuedInvoice::from_json(&issued.to_json()).expect("an invoice read back reads again");
        assert_eq!(again, issued);
        let _ = issued.to_text();
        let _ = issued.to_html();
        let _ = issued.to_ubl();
    }
});
