//! Fuzzes the JSON a host stores and hands back for VAT and invoices (an edited or corrupt store, a
//! newer rate table, an API request): `Invoice`, `RateTable::from_json` and `TreatmentRequest`.
//! None may panic. An invoice that reads must add up (total with VAT = without + VAT, the breakdown
//! sums to the totals), export to UBL or refuse with an error, and write back to the same JSON; a
//! rate table that reads writes back to an equal table; a treatment request that reads is decided
//! or refused with an error, and a pending treatment has no rate.
#![no_main]

use envoi::invoice::Invoice;
use envoi::vat::{RateTable, TreatmentKind, TreatmentRequest, treatment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(invoice) = serde_json::from_str::<Invoice>(text) {
        let totals = invoice.totals();
        assert_eq!(
            totals.total_with_vat(),
            totals.total_without_vat() + totals.total_vat()
        );
        let base: rust_decimal::Decimal = totals.per_rate().iter().map(|rate| rate.base()).sum();
        let vat: rust_decimal::Decimal = totals.per_rate().iter().map(|rate| rate.vat()).sum();
        assert_eq!(base, totals.total_without_vat());
        assert_eq!(vat, totals.total_vat());
        if let Ok(xml) = invoice.to_ubl() {
            assert!(xml.contains("PayableAmount"));
        }
        let json = serde_json::to_string(&invoice).expect("an invoice serialises");
        let again: Invoice = serde_json::from_str(&json).expect("its JSON reads back");
        assert_eq!(again, invoice);
    }
    if let Ok(table) = RateTable::from_json(text) {
        let again = RateTable::from_json(&table.to_json()).expect("a table's JSON reads back");
        assert_eq!(again, table);
        for country in table.countries() {
            let _ = table.rate(country, table.verified_on());
        }
    }
    if let Ok(request) = serde_json::from_str::<TreatmentRequest>(text) {
        if let Ok(decided) = treatment(&request, RateTable::builtin()) {
            assert_eq!(
                decided.rate().is_none(),
                decided.kind() == TreatmentKind::PendingVerification
            );
        }
    }
});
