//! The UBL 2.1 / Peppol BIS Billing 3.0 export: the XML is parsed back with quick_xml and checked
//! against the EN 16931 rules (BR-CO-10, -13, -14, -15, -16, -17, BR-DEC, the category rules),
//! escaping, and the errors for missing fields. The real validator (phive, UBL XSD + Schematron)
//! runs on `examples/ubl.rs`'s output.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use chrono::NaiveDate;
use envoi::ErrorCode;
use envoi::invoice::{Invoice, InvoiceError, InvoiceLine, Language, Party, VatCategory};
use envoi::money::Currency;
use proptest::prelude::*;
use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use rust_decimal::Decimal;

// ---- A small DOM -------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn start(event: &BytesStart<'_>) -> Element {
        let name = String::from_utf8(event.name().as_ref().to_vec()).unwrap();
        let attributes = event
            .attributes()
            .map(|attribute| {
                let attribute = attribute.unwrap();
                (
                    String::from_utf8(attribute.key.as_ref().to_vec()).unwrap(),
                    attribute.unescape_value().unwrap().into_owned(),
                )
            })
            .collect();
        Element {
            name,
            attributes,
            ..Element::default()
        }
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The element at a `/`-separated path of child names (first match at each step).
    fn at(&self, path: &str) -> &Element {
        path.split('/').fold(self, |element, name| {
            element
                .child(name)
                .unwrap_or_else(|| panic!("no {name} in {} (path {path})", element.name))
        })
    }

    fn text_at(&self, path: &str) -> &str {
        &self.at(path).text
    }

    fn has(&self, path: &str) -> bool {
        let mut element = self;
        for name in path.split('/') {
            match element.child(name) {
                Some(child) => element = child,
                None => return false,
            }
        }
        true
    }

    fn visit<'a>(&'a self, out: &mut Vec<&'a Element>) {
        out.push(self);
        for child in &self.children {
            child.visit(out);
        }
    }

    fn descendants(&self) -> Vec<&Element> {
        let mut out = Vec::new();
        self.visit(&mut out);
        out
    }
}

fn parse(xml: &str) -> Element {
    // No trimming: text is split around entity references, and spaces next to them are content.
    // The indentation between elements is dropped when an element closes.
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![Element::default()];
    loop {
        let event = reader.read_event().unwrap();
        match event {
            Event::Start(start) => stack.push(Element::start(&start)),
            Event::Empty(start) => {
                let element = Element::start(&start);
                stack.last_mut().unwrap().children.push(element);
            }
            Event::End(_) => {
                let mut element = stack.pop().unwrap();
                if !element.children.is_empty() {
                    assert!(
                        element.text.trim().is_empty(),
                        "mixed content in {}",
                        element.name
                    );
                    element.text.clear();
                }
                stack.last_mut().unwrap().children.push(element);
            }
            Event::Text(text) => stack
                .last_mut()
                .unwrap()
                .text
                .push_str(&text.decode().unwrap()),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => resolve_predefined_entity(&reference.decode().unwrap())
                        .unwrap()
                        .to_owned(),
                };
                stack.last_mut().unwrap().text.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unbalanced XML");
    let mut document = stack.pop().unwrap();
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.remove(0)
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str_exact(text.trim()).unwrap_or_else(|_| panic!("not a decimal: {text:?}"))
}

fn amount(element: &Element, path: &str) -> Decimal {
    dec(element.text_at(path))
}

/// Checks the EN 16931 arithmetic and format rules on a parsed document; returns the number of
/// lines.
fn check_en16931(doc: &Element) -> usize {
    let credit_note = doc.name == "CreditNote";
    let line_name = if credit_note {
        "cac:CreditNoteLine"
    } else {
        "cac:InvoiceLine"
    };
    let currency = doc.text_at("cbc:DocumentCurrencyCode").to_owned();
    let tax_currency = doc.child("cbc:TaxCurrencyCode").map(|c| c.text.clone());

    // BR-DEC-*: at most 2 decimals on every amount; every amount in the document currency except
    // BT-111 (Peppol R051).
    for element in doc.descendants() {
        if let Some(id) = element.attribute("currencyID") {
            if element.name != "cbc:PriceAmount" {
                assert!(
                    dec(&element.text).scale() <= 2,
                    "{} {} has more than 2 decimals",
                    element.name,
                    element.text
                );
            }
            let bt111 = element.name == "cbc:TaxAmount" && Some(id.to_owned()) == tax_currency;
            assert!(
                id == currency || bt111,
                "{} in {id}, not {currency}",
                element.name
            );
        }
        // PEPPOL-EN16931-R008: no empty elements.
        assert!(
            !element.children.is_empty() || !element.text.trim().is_empty(),
            "empty element {}",
            element.name
        );
    }

    let lines: Vec<&Element> = doc.all(line_name).collect();
    let sum_lines: Decimal = lines
        .iter()
        .map(|l| amount(l, "cbc:LineExtensionAmount"))
        .sum();
    let totals = doc.at("cac:LegalMonetaryTotal");
    let line_total = amount(totals, "cbc:LineExtensionAmount");
    let tax_exclusive = amount(totals, "cbc:TaxExclusiveAmount");
    let tax_inclusive = amount(totals, "cbc:TaxInclusiveAmount");
    let payable = amount(totals, "cbc:PayableAmount");
    // BR-CO-10: sum of line net amounts.
    assert_eq!(line_total, sum_lines, "BR-CO-10");
    // BR-CO-13: no document allowances or charges.
    assert_eq!(tax_exclusive, line_total, "BR-CO-13");

    let tax_totals: Vec<&Element> = doc.all("cac:TaxTotal").collect();
    let main: Vec<&&Element> = tax_totals
        .iter()
        .filter(|t| t.child("cac:TaxSubtotal").is_some())
        .collect();
    assert_eq!(main.len(), 1, "PEPPOL-EN16931-R053");
    let main = main[0];
    let total_vat = amount(main, "cbc:TaxAmount");
    let subtotals: Vec<&Element> = main.all("cac:TaxSubtotal").collect();
    // BR-CO-14: total VAT = Σ VAT category tax amounts.
    let sum_vat: Decimal = subtotals.iter().map(|s| amount(s, "cbc:TaxAmount")).sum();
    assert_eq!(total_vat, sum_vat, "BR-CO-14");
    // BR-CO-15 and BR-CO-16.
    assert_eq!(tax_inclusive, tax_exclusive + total_vat, "BR-CO-15");
    assert_eq!(payable, tax_inclusive, "BR-CO-16");
    // BR-CO-18: at least one breakdown.
    assert!(!subtotals.is_empty(), "BR-CO-18");

    for subtotal in &subtotals {
        let category = subtotal.text_at("cac:TaxCategory/cbc:ID");
        let percent = subtotal
            .at("cac:TaxCategory")
            .child("cbc:Percent")
            .map(|p| dec(&p.text));
        let taxable = amount(subtotal, "cbc:TaxableAmount");
        let vat = amount(subtotal, "cbc:TaxAmount");
        // BR-S-8, BR-Z-8, BR-E-8, BR-AE-8, BR-O-8: taxable = Σ net of the lines of that category
        // (and rate).
        let base: Decimal = lines
            .iter()
            .filter(|l| {
                let tax = l.at("cac:Item/cac:ClassifiedTaxCategory");
                tax.text_at("cbc:ID") == category
                    && tax.child("cbc:Percent").map(|p| dec(&p.text)) == percent
            })
            .map(|l| amount(l, "cbc:LineExtensionAmount"))
            .sum();
        assert_eq!(taxable, base, "taxable amount of {category} {percent:?}");
        // BR-CO-17: VAT = taxable × rate / 100, rounded to 2 decimals (half away from zero).
        let expected = (taxable * percent.unwrap_or_default() / Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(vat, expected, "BR-CO-17 for {category}");
        let reason_code = subtotal
            .at("cac:TaxCategory")
            .child("cbc:TaxExemptionReasonCode")
            .map(|c| c.text.as_str());
        let reason = subtotal
            .at("cac:TaxCategory")
            .child("cbc:TaxExemptionReason");
        match category {
            "S" => {
                assert!(percent.is_some_and(|p| p > Decimal::ZERO), "BR-S-5");
                assert!(reason_code.is_none() && reason.is_none(), "BR-S-10");
            }
            "Z" => {
                assert_eq!(percent, Some(Decimal::ZERO), "BR-Z-5");
                assert!(reason_code.is_none() && reason.is_none(), "BR-Z-10");
            }
            "E" => {
                assert_eq!(percent, Some(Decimal::ZERO), "BR-E-5");
                assert!(reason.is_some(), "BR-E-10");
            }
            "AE" => {
                assert_eq!(percent, Some(Decimal::ZERO), "BR-AE-5");
                assert_eq!(reason_code, Some("VATEX-EU-AE"), "BR-AE-10");
                assert!(reason.is_some());
            }
            "O" => {
                assert_eq!(percent, None, "BR-O-5");
                assert_eq!(reason_code, Some("VATEX-EU-O"), "BR-O-10");
                assert_eq!(vat, Decimal::ZERO, "BR-O-9");
                assert_eq!(subtotals.len(), 1, "BR-O-11");
            }
            other => panic!("unexpected category {other}"),
        }
    }
    // BR-O-2: no VAT identifiers on an out-of-scope invoice; BR-S-2…: the seller's elsewhere.
    let out_of_scope = subtotals
        .iter()
        .any(|s| s.text_at("cac:TaxCategory/cbc:ID") == "O");
    for party in [
        "cac:AccountingSupplierParty/cac:Party",
        "cac:AccountingCustomerParty/cac:Party",
    ] {
        let party = doc.at(party);
        assert!(party.has("cbc:EndpointID"), "PEPPOL-EN16931-R010/R020");
        assert!(party.has("cac:PostalAddress/cac:Country/cbc:IdentificationCode"));
        assert!(party.has("cac:PartyLegalEntity/cbc:RegistrationName"));
        if out_of_scope {
            assert!(!party.has("cac:PartyTaxScheme"), "BR-O-2");
        }
    }
    if !out_of_scope {
        assert!(
            doc.has("cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID"),
            "BR-S-2"
        );
    }

    // BT-111 (BR-53, PEPPOL-EN16931-R054/R055).
    let others: Vec<&&Element> = tax_totals
        .iter()
        .filter(|t| t.child("cac:TaxSubtotal").is_none())
        .collect();
    match &tax_currency {
        Some(code) => {
            assert_eq!(others.len(), 1, "R054");
            let bt111 = others[0].at("cbc:TaxAmount");
            assert_eq!(bt111.attribute("currencyID"), Some(code.as_str()));
            let converted = dec(&bt111.text);
            assert!(
                converted.is_zero()
                    || total_vat.is_zero()
                    || (converted > Decimal::ZERO) == (total_vat > Decimal::ZERO),
                "R055"
            );
        }
        None => assert!(others.is_empty()),
    }

    // Lines: ids 1.., a unit code, a non-negative price (BR-27).
    for (index, line) in lines.iter().enumerate() {
        assert_eq!(line.text_at("cbc:ID"), (index + 1).to_string());
        let quantity = if credit_note {
            "cbc:CreditedQuantity"
        } else {
            "cbc:InvoicedQuantity"
        };
        assert_eq!(line.at(quantity).attribute("unitCode"), Some("C62"));
        assert!(amount(line, "cac:Price/cbc:PriceAmount") >= Decimal::ZERO);
        assert!(!line.text_at("cac:Item/cbc:Name").is_empty());
        // PEPPOL-EN16931-R120: net = quantity × price (±0.02).
        let product = dec(line.text_at(quantity)) * amount(line, "cac:Price/cbc:PriceAmount");
        assert!((amount(line, "cbc:LineExtensionAmount") - product).abs() <= Decimal::new(2, 2));
    }
    lines.len()
}

// ---- Fixtures ----------------------------------------------------------------------------------

fn d(text: &str) -> Decimal {
    Decimal::from_str_exact(text).unwrap()
}

fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, day).unwrap()
}

fn seller() -> Party {
    Party::new("Envoi SA", "BE")
        .unwrap()
        .with_address("Rue de la Loi 16", "Bruxelles", "1000")
        .unwrap()
        .with_vat_number("BE0400123416")
        .unwrap()
        .with_enterprise_number("0400123416")
        .unwrap()
}

fn belgian() -> Party {
    Party::new("Dupont SRL", "BE")
        .unwrap()
        .with_address("Place du Marché 3", "Namur", "5000")
        .unwrap()
        .with_vat_number("BE0765432146")
        .unwrap()
        .with_enterprise_number("0765432146")
        .unwrap()
}

fn german() -> Party {
    Party::new("Kunde GmbH", "DE")
        .unwrap()
        .with_address("Unter den Linden 1", "Berlin", "10117")
        .unwrap()
        .with_vat_number("DE136695976")
        .unwrap()
        .with_endpoint("9930", "DE136695976")
        .unwrap()
}

fn american() -> Party {
    Party::new("Acme Inc.", "US")
        .unwrap()
        .with_address("1 Market Street", "San Francisco", "94105")
        .unwrap()
        .with_endpoint("0060", "123456789")
        .unwrap()
}

fn line(description: &str, quantity: &str, price: &str, rate: &str) -> InvoiceLine {
    InvoiceLine::new(description, d(quantity), d(price), d(rate)).unwrap()
}

/// A complete domestic invoice: everything `to_ubl` needs.
fn domestic(lines: Vec<InvoiceLine>) -> Invoice {
    Invoice::new(Currency::EUR, lines)
        .with_number("2026-0001")
        .unwrap()
        .with_date(day(1, 31))
        .with_due_date(day(3, 2))
        .with_seller(seller())
        .with_customer(belgian())
        .with_buyer_reference("PO-42")
        .unwrap()
}

fn ubl(invoice: &Invoice) -> Element {
    parse(&invoice.to_ubl().unwrap())
}

// ---- Documents ---------------------------------------------------------------------------------

#[test]
fn domestic_invoice_has_the_peppol_header_parties_and_sums() {
    let invoice = domestic(vec![
        line("SMS", "1234", "0.0745", "21"),
        line("Letters", "3", "8.125", "21"),
    ]);
    let xml = invoice.to_ubl().unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    let doc = parse(&xml);
    assert_eq!(doc.name, "Invoice");
    assert_eq!(
        doc.attribute("xmlns"),
        Some("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2")
    );
    assert_eq!(
        doc.text_at("cbc:CustomizationID"),
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    );
    assert_eq!(
        doc.text_at("cbc:ProfileID"),
        "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
    );
    assert_eq!(doc.text_at("cbc:ID"), "2026-0001");
    assert_eq!(doc.text_at("cbc:IssueDate"), "2026-01-31");
    assert_eq!(doc.text_at("cbc:DueDate"), "2026-03-02");
    assert_eq!(doc.text_at("cbc:InvoiceTypeCode"), "380");
    assert_eq!(doc.text_at("cbc:BuyerReference"), "PO-42");
    let seller = doc.at("cac:AccountingSupplierParty/cac:Party");
    assert_eq!(
        seller.at("cbc:EndpointID").attribute("schemeID"),
        Some("0208")
    );
    assert_eq!(seller.text_at("cbc:EndpointID"), "0400123416");
    assert_eq!(
        seller.text_at("cac:PartyTaxScheme/cbc:CompanyID"),
        "BE0400123416"
    );
    assert_eq!(
        seller.text_at("cac:PartyTaxScheme/cac:TaxScheme/cbc:ID"),
        "VAT"
    );
    assert_eq!(
        seller.text_at("cac:PartyLegalEntity/cbc:RegistrationName"),
        "Envoi SA"
    );
    let legal = seller.at("cac:PartyLegalEntity/cbc:CompanyID");
    assert_eq!(
        (legal.attribute("schemeID"), legal.text.as_str()),
        (Some("0208"), "0400123416")
    );
    assert_eq!(seller.text_at("cac:PostalAddress/cbc:PostalZone"), "1000");
    let customer = doc.at("cac:AccountingCustomerParty/cac:Party");
    assert_eq!(customer.text_at("cbc:EndpointID"), "0765432146");
    assert_eq!(customer.text_at("cac:PostalAddress/cbc:CityName"), "Namur");

    assert_eq!(check_en16931(&doc), 2);
    let totals = doc.at("cac:LegalMonetaryTotal");
    assert_eq!(totals.text_at("cbc:LineExtensionAmount"), "116.31");
    assert_eq!(doc.text_at("cac:TaxTotal/cbc:TaxAmount"), "24.43");
    assert_eq!(totals.text_at("cbc:PayableAmount"), "140.74");
    let first = doc.at("cac:InvoiceLine");
    assert_eq!(first.text_at("cbc:InvoicedQuantity"), "1234");
    assert_eq!(first.text_at("cbc:LineExtensionAmount"), "91.93");
    assert_eq!(first.text_at("cac:Price/cbc:PriceAmount"), "0.0745");
    assert_eq!(
        first
            .at("cac:Price/cbc:PriceAmount")
            .attribute("currencyID"),
        Some("EUR")
    );

    // The XSD's element order for the children of Invoice.
    let order: Vec<&str> = doc.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        order,
        [
            "cbc:CustomizationID",
            "cbc:ProfileID",
            "cbc:ID",
            "cbc:IssueDate",
            "cbc:DueDate",
            "cbc:InvoiceTypeCode",
            "cbc:DocumentCurrencyCode",
            "cbc:BuyerReference",
            "cac:AccountingSupplierParty",
            "cac:AccountingCustomerParty",
            "cac:TaxTotal",
            "cac:LegalMonetaryTotal",
            "cac:InvoiceLine",
            "cac:InvoiceLine",
        ]
    );
}

#[test]
fn every_optional_header_field_in_schema_order() {
    let invoice = domestic(vec![line("SMS", "1", "10", "21")])
        .with_note("Note")
        .unwrap()
        .with_order_reference("ord_1")
        .unwrap()
        .with_payment_terms("30 days")
        .unwrap()
        .with_preceding_invoice("2025-0099", Some(day(1, 2)))
        .unwrap()
        .with_tax_currency("USD".parse().unwrap(), d("1.08"))
        .unwrap();
    let doc = ubl(&invoice);
    check_en16931(&doc);
    let order: Vec<&str> = doc.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        order,
        [
            "cbc:CustomizationID",
            "cbc:ProfileID",
            "cbc:ID",
            "cbc:IssueDate",
            "cbc:DueDate",
            "cbc:InvoiceTypeCode",
            "cbc:Note",
            "cbc:DocumentCurrencyCode",
            "cbc:TaxCurrencyCode",
            "cbc:BuyerReference",
            "cac:OrderReference",
            "cac:BillingReference",
            "cac:AccountingSupplierParty",
            "cac:AccountingCustomerParty",
            "cac:PaymentTerms",
            "cac:TaxTotal",
            "cac:TaxTotal",
            "cac:LegalMonetaryTotal",
            "cac:InvoiceLine",
        ]
    );
    assert_eq!(doc.text_at("cac:OrderReference/cbc:ID"), "ord_1");
    assert_eq!(doc.text_at("cac:PaymentTerms/cbc:Note"), "30 days");
    assert_eq!(
        doc.text_at("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"),
        "2025-0099"
    );
}

#[test]
fn multi_rate_invoice_breaks_down_per_rate() {
    let doc = ubl(&domestic(vec![
        line("SMS", "500", "0.0745", "21"),
        line("Brochures", "250", "0.3333", "6"),
        line("Newspaper", "1", "12.50", "0"),
        line("Returned credit", "-7", "0.075", "21"),
    ]));
    assert_eq!(check_en16931(&doc), 4);
    let rows: Vec<(String, String, String, String)> = doc
        .at("cac:TaxTotal")
        .all("cac:TaxSubtotal")
        .map(|s| {
            (
                s.text_at("cac:TaxCategory/cbc:ID").to_owned(),
                s.text_at("cac:TaxCategory/cbc:Percent").to_owned(),
                s.text_at("cbc:TaxableAmount").to_owned(),
                s.text_at("cbc:TaxAmount").to_owned(),
            )
        })
        .collect();
    let row = |a: &str, b: &str, c: &str, d: &str| (a.into(), b.into(), c.into(), d.into());
    assert_eq!(
        rows,
        vec![
            row("S", "21", "36.72", "7.71"), // 37.25 - 0.53; 7.7112
            row("S", "6", "83.33", "5.00"),
            row("Z", "0", "12.50", "0.00"),
        ]
    );
    let refund = doc.all("cac:InvoiceLine").nth(3).unwrap();
    assert_eq!(refund.text_at("cbc:InvoicedQuantity"), "-7");
    assert_eq!(refund.text_at("cbc:LineExtensionAmount"), "-0.53");
}

#[test]
fn reverse_charge_carries_the_exemption_code_and_both_vat_numbers() {
    let invoice = domestic(vec![
        line("SMS", "10000", "0.0745", "21")
            .with_category(VatCategory::ReverseCharge)
            .unwrap(),
    ])
    .with_customer(german())
    .with_language(Language::De)
    .with_note("Steuerschuldnerschaft des Leistungsempfängers")
    .unwrap();
    let doc = ubl(&invoice);
    check_en16931(&doc);
    let category = doc.at("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory");
    assert_eq!(category.text_at("cbc:ID"), "AE");
    assert_eq!(category.text_at("cbc:Percent"), "0");
    assert_eq!(
        category.text_at("cbc:TaxExemptionReasonCode"),
        "VATEX-EU-AE"
    );
    assert_eq!(
        category.text_at("cbc:TaxExemptionReason"),
        "Steuerschuldnerschaft des Leistungsempfängers"
    );
    let customer = doc.at("cac:AccountingCustomerParty/cac:Party");
    assert_eq!(
        customer.at("cbc:EndpointID").attribute("schemeID"),
        Some("9930")
    );
    assert_eq!(
        customer.text_at("cac:PartyTaxScheme/cbc:CompanyID"),
        "DE136695976"
    );
    assert!(!customer.has("cac:PartyLegalEntity/cbc:CompanyID"));
    assert_eq!(doc.text_at("cac:TaxTotal/cbc:TaxAmount"), "0.00");
    assert_eq!(
        doc.text_at("cac:LegalMonetaryTotal/cbc:PayableAmount"),
        "745.00"
    );
    let item = doc.at("cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory");
    assert_eq!(
        (item.text_at("cbc:ID"), item.text_at("cbc:Percent")),
        ("AE", "0")
    );
}

#[test]
fn out_of_scope_has_no_rate_and_no_vat_numbers() {
    let invoice = domestic(vec![
        line("Email", "2000", "0.0745", "21")
            .with_category(VatCategory::OutOfScope)
            .unwrap(),
    ])
    .with_customer(american());
    let doc = ubl(&invoice);
    check_en16931(&doc);
    let category = doc.at("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory");
    assert_eq!(category.text_at("cbc:ID"), "O");
    assert!(!category.has("cbc:Percent"));
    assert_eq!(category.text_at("cbc:TaxExemptionReasonCode"), "VATEX-EU-O");
    assert_eq!(
        category.text_at("cbc:TaxExemptionReason"),
        "Not subject to VAT"
    );
    assert!(
        !doc.at("cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory")
            .has("cbc:Percent")
    );
    let xml = invoice.to_ubl().unwrap();
    assert!(
        !xml.contains("BE0400123416"),
        "BR-O-2: no seller VAT number"
    );
    // The seller stays identified by its enterprise number (BR-CO-26).
    assert_eq!(
        doc.text_at("cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID"),
        "0400123416"
    );
}

#[test]
fn exempt_and_zero_rated_categories() {
    let doc = ubl(&domestic(vec![
        line("Stamps", "40", "1.96", "0")
            .with_category(VatCategory::Exempt)
            .unwrap(),
        line("Newspaper", "1", "2", "0"),
    ])
    .with_language(Language::Fr));
    check_en16931(&doc);
    let subtotals: Vec<&Element> = doc.at("cac:TaxTotal").all("cac:TaxSubtotal").collect();
    assert_eq!(subtotals.len(), 2);
    // Same rate: zero rated before exempt.
    assert_eq!(subtotals[0].text_at("cac:TaxCategory/cbc:ID"), "Z");
    assert!(
        !subtotals[0]
            .at("cac:TaxCategory")
            .has("cbc:TaxExemptionReason")
    );
    let exempt = subtotals[1].at("cac:TaxCategory");
    assert_eq!(exempt.text_at("cbc:ID"), "E");
    assert_eq!(exempt.text_at("cbc:TaxExemptionReason"), "Exonéré de TVA");
    assert!(!exempt.has("cbc:TaxExemptionReasonCode"));
}

#[test]
fn exemption_reasons_follow_the_language() {
    let reason = |language: Language, category: VatCategory| {
        let customer = if category == VatCategory::OutOfScope {
            american()
        } else {
            german()
        };
        let invoice = domestic(vec![
            line("x", "1", "1", "0").with_category(category).unwrap(),
        ])
        .with_customer(customer)
        .with_language(language);
        ubl(&invoice)
            .text_at("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason")
            .to_owned()
    };
    let expected = [
        (
            Language::En,
            "Reverse charge",
            "Not subject to VAT",
            "Exempt from VAT",
        ),
        (
            Language::Fr,
            "Autoliquidation",
            "Hors du champ d'application de la TVA",
            "Exonéré de TVA",
        ),
        (
            Language::Nl,
            "Btw verlegd",
            "Niet onderworpen aan btw",
            "Vrijgesteld van btw",
        ),
        (
            Language::De,
            "Steuerschuldnerschaft des Leistungsempfängers",
            "Nicht steuerbar",
            "Steuerbefreit",
        ),
    ];
    for (language, ae, o, e) in expected {
        assert_eq!(reason(language, VatCategory::ReverseCharge), ae);
        assert_eq!(reason(language, VatCategory::OutOfScope), o);
        assert_eq!(reason(language, VatCategory::Exempt), e);
    }
}

#[test]
fn credit_note_is_a_ubl_credit_note_with_its_billing_reference() {
    let note = Invoice::credit_note(Currency::EUR, vec![line("Letters", "1", "8.125", "21")])
        .with_number("CN-2026-0001")
        .unwrap()
        .with_date(day(2, 10))
        .with_seller(seller())
        .with_customer(belgian())
        .with_buyer_reference("PO-42")
        .unwrap()
        .with_preceding_invoice("2026-0001", Some(day(1, 31)))
        .unwrap()
        .with_payment_terms("Refunded within 14 days")
        .unwrap();
    let doc = ubl(&note);
    assert_eq!(doc.name, "CreditNote");
    assert_eq!(
        doc.attribute("xmlns"),
        Some("urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2")
    );
    assert_eq!(check_en16931(&doc), 1);
    assert_eq!(doc.text_at("cbc:CreditNoteTypeCode"), "381");
    assert!(!doc.has("cbc:InvoiceTypeCode") && !doc.has("cbc:DueDate"));
    assert!(!doc.has("cac:InvoiceLine"));
    let reference = doc.at("cac:BillingReference/cac:InvoiceDocumentReference");
    assert_eq!(reference.text_at("cbc:ID"), "2026-0001");
    assert_eq!(reference.text_at("cbc:IssueDate"), "2026-01-31");
    let credited = doc.at("cac:CreditNoteLine");
    assert_eq!(credited.text_at("cbc:CreditedQuantity"), "1");
    assert_eq!(credited.text_at("cbc:LineExtensionAmount"), "8.13");
    assert_eq!(
        doc.text_at("cac:LegalMonetaryTotal/cbc:PayableAmount"),
        "9.84"
    );
}

#[test]
fn foreign_currency_states_the_vat_in_the_tax_currency_too() {
    let usd: Currency = "USD".parse().unwrap();
    let invoice = Invoice::new(usd, vec![line("Block plan", "1", "2450.00", "21")])
        .with_number("2026-0005")
        .unwrap()
        .with_date(day(2, 4))
        .with_due_date(day(3, 6))
        .with_seller(seller())
        .with_customer(belgian())
        .with_buyer_reference("Block plan")
        .unwrap()
        .with_tax_currency(Currency::EUR, d("0.9245"))
        .unwrap();
    let doc = ubl(&invoice);
    check_en16931(&doc);
    assert_eq!(doc.text_at("cbc:DocumentCurrencyCode"), "USD");
    assert_eq!(doc.text_at("cbc:TaxCurrencyCode"), "EUR");
    let tax_totals: Vec<&Element> = doc.all("cac:TaxTotal").collect();
    assert_eq!(tax_totals.len(), 2);
    assert_eq!(tax_totals[0].text_at("cbc:TaxAmount"), "514.50");
    assert_eq!(
        tax_totals[0].at("cbc:TaxAmount").attribute("currencyID"),
        Some("USD")
    );
    let bt111 = tax_totals[1].at("cbc:TaxAmount");
    assert_eq!(bt111.attribute("currencyID"), Some("EUR"));
    assert_eq!(bt111.text, "475.66"); // 514.50 × 0.9245 = 475.65525
    assert!(!tax_totals[1].has("cac:TaxSubtotal"));

    // A negative VAT total keeps its sign in the tax currency (R055), rounding away from zero.
    let refund = Invoice::new(usd, vec![line("Refund", "-1", "2.50", "21")])
        .with_number("2026-0006")
        .unwrap()
        .with_date(day(2, 4))
        .with_seller(seller())
        .with_customer(belgian())
        .with_buyer_reference("Block plan")
        .unwrap()
        .with_tax_currency(Currency::EUR, d("1"))
        .unwrap();
    let doc = ubl(&refund);
    check_en16931(&doc);
    assert_eq!(
        doc.all("cac:TaxTotal")
            .nth(1)
            .unwrap()
            .text_at("cbc:TaxAmount"),
        "-0.53"
    );
}

#[test]
fn text_is_escaped_and_reads_back_unchanged() {
    let tricky = "SMS <b>\"bulk\"</b> & 'alerts' ]]> €";
    let invoice = domestic(vec![line(tricky, "1", "1", "21")])
        .with_note("A & B <note>")
        .unwrap()
        .with_buyer_reference("R&D <42>")
        .unwrap()
        .with_seller(
            Party::new("Smith & Sons <Ltd>", "BE")
                .unwrap()
                .with_vat_number("BE0400123416")
                .unwrap()
                .with_enterprise_number("0400123416")
                .unwrap(),
        );
    let xml = invoice.to_ubl().unwrap();
    assert!(!xml.contains("<b>") && !xml.contains("& ") && !xml.contains("<note>"));
    assert!(xml.contains("&lt;b&gt;") && xml.contains("&amp;"));
    let doc = parse(&xml);
    check_en16931(&doc);
    assert_eq!(doc.text_at("cac:InvoiceLine/cac:Item/cbc:Name"), tricky);
    assert_eq!(doc.text_at("cbc:Note"), "A & B <note>");
    assert_eq!(doc.text_at("cbc:BuyerReference"), "R&D <42>");
    assert_eq!(
        doc.text_at(
            "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName"
        ),
        "Smith & Sons <Ltd>"
    );
    // A party without an address still has its country (BR-09).
    assert_eq!(
        doc.text_at("cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode"),
        "BE"
    );
    assert!(
        !doc.at("cac:AccountingSupplierParty/cac:Party/cac:PostalAddress")
            .has("cbc:StreetName")
    );
}

// ---- Errors ------------------------------------------------------------------------------------

fn missing_field(invoice: &Invoice) -> &'static str {
    match invoice.to_ubl().unwrap_err() {
        InvoiceError::MissingField { field, rule } => {
            assert!(!rule.is_empty());
            field
        }
        other => panic!("expected a missing field, got {other}"),
    }
}

#[test]
fn missing_fields_are_named() {
    let lines = vec![line("SMS", "1", "10", "21")];
    let complete = domestic(lines.clone());
    assert!(complete.to_ubl().is_ok());
    let bare = Invoice::new(Currency::EUR, lines.clone());
    assert_eq!(missing_field(&bare), "number");
    let numbered = bare.with_number("1").unwrap();
    assert_eq!(missing_field(&numbered), "date");
    let dated = numbered.with_date(day(1, 1)).with_due_date(day(2, 1));
    assert_eq!(missing_field(&dated), "seller");
    let with_seller = dated.with_seller(seller());
    assert_eq!(missing_field(&with_seller), "customer");
    let with_customer = with_seller.with_customer(belgian());
    assert_eq!(missing_field(&with_customer), "buyer_reference");
    assert!(
        with_customer
            .clone()
            .with_order_reference("PO")
            .unwrap()
            .to_ubl()
            .is_ok()
    );
    assert!(
        with_customer
            .with_buyer_reference("B")
            .unwrap()
            .to_ubl()
            .is_ok()
    );

    assert_eq!(missing_field(&domestic(vec![])), "lines");
    assert_eq!(
        missing_field(&domestic(lines.clone()).with_seller(Party::new("S", "BE").unwrap())),
        "seller.endpoint"
    );
    assert_eq!(
        missing_field(&domestic(lines.clone()).with_customer(Party::new("C", "FR").unwrap())),
        "customer.endpoint"
    );
    let no_vat = Party::new("S", "BE")
        .unwrap()
        .with_enterprise_number("0400123416")
        .unwrap();
    assert_eq!(
        missing_field(&domestic(lines.clone()).with_seller(no_vat.clone())),
        "seller.vat_number"
    );
    // Out of scope needs no seller VAT number.
    let outside = vec![
        line("x", "1", "1", "21")
            .with_category(VatCategory::OutOfScope)
            .unwrap(),
    ];
    assert!(
        domestic(outside.clone())
            .with_seller(no_vat)
            .to_ubl()
            .is_ok()
    );
    // ... but its enterprise number, the only seller identifier left (BR-CO-26).
    let endpoint_only = Party::new("S", "BE")
        .unwrap()
        .with_vat_number("BE0400123416")
        .unwrap()
        .with_endpoint("0088", "5412345000013")
        .unwrap();
    assert_eq!(
        missing_field(&domestic(outside).with_seller(endpoint_only)),
        "seller.enterprise_number"
    );

    let reverse = vec![
        line("x", "1", "1", "21")
            .with_category(VatCategory::ReverseCharge)
            .unwrap(),
    ];
    let error = domestic(reverse.clone())
        .with_customer(
            Party::new("Kunde", "DE")
                .unwrap()
                .with_endpoint("9930", "DE136695976")
                .unwrap(),
        )
        .to_ubl()
        .unwrap_err();
    assert_eq!(error.code(), "invoice.missing_field");
    assert!(
        error
            .to_string()
            .starts_with("customer.vat_number: missing;"),
        "{error}"
    );
    assert!(error.to_string().contains("BR-AE-2"), "{error}");

    // BR-CO-25: an amount due needs a due date or payment terms.
    let undated = Invoice::new(Currency::EUR, lines.clone())
        .with_number("1")
        .unwrap()
        .with_date(day(1, 1))
        .with_seller(seller())
        .with_customer(belgian())
        .with_buyer_reference("B")
        .unwrap();
    assert_eq!(missing_field(&undated), "due_date");
    assert!(
        undated
            .clone()
            .with_payment_terms("Paid by card")
            .unwrap()
            .to_ubl()
            .is_ok()
    );
    // Nothing due: no due date needed.
    let refund = Invoice::new(Currency::EUR, vec![line("Refund", "-1", "10", "21")])
        .with_number("1")
        .unwrap()
        .with_date(day(1, 1))
        .with_seller(seller())
        .with_customer(belgian())
        .with_buyer_reference("B")
        .unwrap();
    assert!(refund.to_ubl().is_ok());

    // Credit notes: the preceding invoice, payment terms, and no due date.
    let note = Invoice::credit_note(Currency::EUR, lines.clone())
        .with_number("CN-1")
        .unwrap()
        .with_date(day(1, 5))
        .with_seller(seller())
        .with_customer(belgian())
        .with_buyer_reference("B")
        .unwrap();
    assert_eq!(missing_field(&note), "preceding_invoice");
    let note = note.with_preceding_invoice("1", None).unwrap();
    assert_eq!(missing_field(&note), "payment_terms");
    let note = note.with_payment_terms("Refunded").unwrap();
    assert!(note.to_ubl().is_ok());
    let error = note.with_due_date(day(2, 1)).to_ubl().unwrap_err();
    assert_eq!(error.code(), "invoice.not_applicable");
    assert!(error.to_string().starts_with("due_date: "), "{error}");
}

#[test]
fn other_export_errors() {
    let outside = line("x", "1", "1", "21")
        .with_category(VatCategory::OutOfScope)
        .unwrap();
    let error = domestic(vec![outside, line("y", "1", "1", "21")])
        .to_ubl()
        .unwrap_err();
    assert_eq!(error.code(), "invoice.incompatible_categories");
    assert!(error.to_string().contains("BR-O-11"), "{error}");

    let bhd: Currency = "BHD".parse().unwrap();
    let error = Invoice::new(bhd, vec![line("x", "1", "1", "21")])
        .to_ubl()
        .unwrap_err();
    assert_eq!(error.code(), "invoice.unsupported_currency");
    assert!(error.to_string().starts_with("currency: BHD"), "{error}");
    let error = domestic(vec![line("x", "1", "1", "21")])
        .with_tax_currency(bhd, d("0.4"))
        .unwrap()
        .to_ubl()
        .unwrap_err();
    assert!(
        error.to_string().starts_with("tax_currency: BHD"),
        "{error}"
    );

    // A currency without cents: the net must stay within 0.02 of quantity × price (Peppol R120).
    let jpy: Currency = "JPY".parse().unwrap();
    let yen = |price: &str| {
        let mut invoice = Invoice::new(
            jpy,
            vec![line("a", "2", "100", "10"), line("b", "3", price, "10")],
        );
        invoice = invoice
            .with_number("J-1")
            .unwrap()
            .with_date(day(1, 1))
            .with_due_date(day(2, 1))
            .with_seller(seller())
            .with_customer(belgian())
            .with_buyer_reference("B")
            .unwrap();
        invoice.to_ubl()
    };
    let doc = parse(&yen("333.34").unwrap()); // 1000.02 → 1000: within 0.02
    check_en16931(&doc);
    assert_eq!(
        doc.text_at("cac:LegalMonetaryTotal/cbc:LineExtensionAmount"),
        "1200"
    );
    let error = yen("333.5").unwrap_err(); // 1000.5 → 1001
    assert_eq!(error.code(), "invoice.line_rounding");
    assert!(
        error
            .to_string()
            .starts_with("lines[1]: quantity × unit price is 1000.5 JPY"),
        "{error}"
    );
    assert!(error.to_string().contains("is 1001;"), "{error}");

    let ancient = NaiveDate::from_ymd_opt(999, 12, 31).unwrap();
    let error = domestic(vec![line("x", "1", "1", "21")])
        .with_date(ancient)
        .to_ubl()
        .unwrap_err();
    assert_eq!(error.code(), "invoice.invalid_date");
    assert!(error.to_string().starts_with("date: 0999-12-31"), "{error}");
    let far = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap();
    let error = domestic(vec![line("x", "1", "1", "21")])
        .with_due_date(far)
        .to_ubl()
        .unwrap_err();
    assert!(error.to_string().starts_with("due_date: "), "{error}");
}

// ---- Properties --------------------------------------------------------------------------------

fn any_line() -> impl Strategy<Value = InvoiceLine> {
    let rates = prop::sample::select(vec!["0", "6", "12", "21", "5.5"]);
    let categories = prop::sample::select(vec![
        VatCategory::Standard,
        VatCategory::ZeroRated,
        VatCategory::Exempt,
        VatCategory::ReverseCharge,
    ]);
    (
        (-100_000_i64..100_000, 0_u32..=3),
        (0_i64..10_000_000, 0_u32..=4),
        rates,
        categories,
        "[ -~]{1,20}",
    )
        .prop_map(|((q, qs), (p, ps), rate, category, description)| {
            let line = InvoiceLine::new(
                format!("#{description}"),
                Decimal::new(q, qs),
                Decimal::new(p, ps),
                d(rate),
            )
            .unwrap();
            match category {
                VatCategory::Standard if rate == "0" => line,
                _ => line.with_category(category).unwrap(),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_invoice_exports_with_consistent_sums(
        lines in prop::collection::vec(any_line(), 1..8),
        credit in any::<bool>(),
    ) {
        let base = if credit {
            Invoice::credit_note(Currency::EUR, lines.clone())
                .with_preceding_invoice("P-1", None)
                .unwrap()
        } else {
            Invoice::new(Currency::EUR, lines.clone()).with_due_date(day(3, 1))
        };
        let invoice = base
            .with_number("N-1")
            .unwrap()
            .with_date(day(2, 1))
            .with_seller(seller())
            .with_customer(german())
            .with_order_reference("O-1")
            .unwrap()
            .with_payment_terms("30 days")
            .unwrap();
        let doc = parse(&invoice.to_ubl().unwrap());
        prop_assert_eq!(check_en16931(&doc), lines.len());
        let totals = invoice.totals();
        let monetary = doc.at("cac:LegalMonetaryTotal");
        prop_assert_eq!(amount(monetary, "cbc:TaxExclusiveAmount"), totals.total_without_vat());
        prop_assert_eq!(amount(monetary, "cbc:TaxInclusiveAmount"), totals.total_with_vat());
        let names: Vec<String> = doc
            .all(if credit { "cac:CreditNoteLine" } else { "cac:InvoiceLine" })
            .map(|l| l.text_at("cac:Item/cbc:Name").to_owned())
            .collect();
        let expected: Vec<String> = lines.iter().map(|l| l.description().to_owned()).collect();
        prop_assert_eq!(names, expected);
    }
}

// ---- The checker itself catches broken documents -------------------------------------------------

fn tampered(from: &str, to: &str) {
    let xml = domestic(vec![line("SMS", "1234", "0.0745", "21")])
        .to_ubl()
        .unwrap();
    assert!(xml.contains(from), "{from} not in the document");
    check_en16931(&parse(&xml.replacen(from, to, 1)));
}

#[test]
#[should_panic(expected = "BR-CO-16")]
fn checker_catches_a_wrong_amount_due() {
    tampered(
        "<cbc:PayableAmount currencyID=\"EUR\">111.24</cbc:PayableAmount>",
        "<cbc:PayableAmount currencyID=\"EUR\">111.25</cbc:PayableAmount>",
    );
}

#[test]
#[should_panic(expected = "taxable amount of S Some(20)")]
fn checker_catches_a_breakdown_rate_no_line_has() {
    tampered(
        "<cbc:Percent>21</cbc:Percent>\n        <cac:TaxScheme>",
        "<cbc:Percent>20</cbc:Percent>\n        <cac:TaxScheme>",
    );
}
