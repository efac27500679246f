//! Invoices and credit notes: lines, EN 16931 arithmetic and the UBL 2.1 / Peppol BIS Billing 3.0
//! export (SPEC section 7).
