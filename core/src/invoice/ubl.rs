//! The UBL 2.1 export, Peppol BIS Billing 3.0 (EN 16931 CIUS).
//!
//! Everything the document needs is checked first ([`check`]), so that writing only formats values
//! already known to be valid; the XML goes through `quick_xml::Writer`, which escapes every text and
//! attribute value.

use std::io;

use chrono::{Datelike, NaiveDate};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use rust_decimal::Decimal;

use super::party::ENTERPRISE_NUMBER_SCHEME;
use super::totals::with_decimals;
use super::{
    DocumentKind, Endpoint, Invoice, InvoiceError, Language, Party, RateTotal, Totals, VatCategory,
};
use crate::money::Currency;

/// The EN 16931 specification identifier of Peppol BIS Billing 3.0 (BT-24).
pub(crate) const CUSTOMIZATION_ID: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
/// The Peppol business process (BT-23).
pub(crate) const PROFILE_ID: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
const NS_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
const NS_CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const NS_CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

/// The unit of every quantity: UN/ECE Recommendation 20 `C62`, "one".
const UNIT_CODE: &str = "C62";

/// The most decimals EN 16931 allows on an amount (BR-DEC-*).
const AMOUNT_DECIMALS: u32 = 2;

type XmlWriter = Writer<Vec<u8>>;

/// What the writer needs, checked.
struct Checked<'a> {
    number: &'a str,
    date: NaiveDate,
    seller: &'a Party,
    customer: &'a Party,
    seller_endpoint: Endpoint,
    customer_endpoint: Endpoint,
    totals: Totals,
    /// The total VAT in the tax currency (BT-111).
    tax_currency_vat: Option<(Currency, Decimal)>,
    /// Out of scope: no VAT numbers on the document (BR-O-2).
    out_of_scope: bool,
}

fn missing(field: &'static str, rule: &'static str) -> InvoiceError {
    InvoiceError::MissingField { field, rule }
}

fn check_date(field: &'static str, date: NaiveDate) -> Result<(), InvoiceError> {
    if (1000..=9999).contains(&date.year()) {
        Ok(())
    } else {
        Err(InvoiceError::InvalidDate {
            field,
            value: date,
            rule: "is out of range; a UBL date has a year from 1000 to 9999 (YYYY-MM-DD)",
        })
    }
}

fn check(invoice: &Invoice) -> Result<Checked<'_>, InvoiceError> {
    if invoice.currency.minor_units() > AMOUNT_DECIMALS {
        return Err(InvoiceError::UnsupportedCurrency {
            field: "currency",
            currency: invoice.currency,
            rule: "has more than 2 decimals; EN 16931 amounts have at most 2 (BR-DEC)",
        });
    }
    let number = invoice
        .number
        .as_deref()
        .ok_or_else(|| missing("number", "an e-invoice has a number (BT-1, EN 16931 BR-02)"))?;
    let date = invoice.date.ok_or_else(|| {
        missing(
            "date",
            "an e-invoice has an issue date (BT-2, EN 16931 BR-03)",
        )
    })?;
    check_date("date", date)?;
    if let Some(due_date) = invoice.due_date {
        if invoice.kind == DocumentKind::CreditNote {
            return Err(InvoiceError::NotApplicable {
                field: "due_date",
                rule: "a UBL 2.1 credit note has no due date; state when the credit is paid in payment_terms",
            });
        }
        check_date("due_date", due_date)?;
    }
    if invoice.lines.is_empty() {
        return Err(missing(
            "lines",
            "an e-invoice has at least one line (EN 16931 BR-16)",
        ));
    }
    // PEPPOL-EN16931-R120: a line's net amount is within 0.02 of quantity × unit price. Rounding
    // to the cent keeps it within 0.005; a currency without cents may not.
    let slack = Decimal::new(2, 2);
    for (index, line) in invoice.lines.iter().enumerate() {
        let net = line.net(invoice.currency);
        if let Some(exact) = line
            .quantity()
            .normalize()
            .checked_mul(line.unit_price().normalize())
        {
            if (net - exact).abs() > slack {
                return Err(InvoiceError::LineRounding {
                    index,
                    exact: exact.normalize(),
                    net,
                    currency: invoice.currency,
                });
            }
        }
    }
    let seller = invoice
        .seller
        .as_ref()
        .ok_or_else(|| missing("seller", "an e-invoice names its seller (EN 16931 BR-06)"))?;
    let customer = invoice.customer.as_ref().ok_or_else(|| {
        missing(
            "customer",
            "an e-invoice names its customer (EN 16931 BR-07)",
        )
    })?;
    let seller_endpoint = seller.endpoint().ok_or_else(|| {
        missing(
            "seller.endpoint",
            "Peppol needs the seller's electronic address (R020): give its Belgian enterprise number (scheme 0208) or an endpoint",
        )
    })?;
    let customer_endpoint = customer.endpoint().ok_or_else(|| {
        missing(
            "customer.endpoint",
            "Peppol needs the customer's electronic address (R010): give its Belgian enterprise number (scheme 0208) or an endpoint",
        )
    })?;
    if invoice.buyer_reference.is_none() && invoice.order_reference.is_none() {
        return Err(missing(
            "buyer_reference",
            "Peppol needs a buyer reference or an order reference (R003)",
        ));
    }

    let has = |category: VatCategory| invoice.lines.iter().any(|l| l.category() == category);
    let out_of_scope = has(VatCategory::OutOfScope);
    if out_of_scope {
        if let Some(other) = VatCategory::ALL
            .into_iter()
            .find(|&c| c != VatCategory::OutOfScope && has(c))
        {
            return Err(InvoiceError::IncompatibleCategories {
                first: VatCategory::OutOfScope,
                second: other,
                rule: "an invoice with out-of-scope lines has no other VAT category (EN 16931 BR-O-11); issue two invoices",
            });
        }
        if seller.enterprise_number().is_none() {
            return Err(missing(
                "seller.enterprise_number",
                "an out-of-scope invoice carries no VAT number (EN 16931 BR-O-2), so the seller is identified by its enterprise number (BR-CO-26)",
            ));
        }
    } else if seller.vat_number().is_none() {
        return Err(missing(
            "seller.vat_number",
            "an invoice with VAT categories S, Z, E or AE carries the seller's VAT number (EN 16931 BR-S-2, BR-Z-2, BR-E-2, BR-AE-2)",
        ));
    }
    if has(VatCategory::ReverseCharge) && customer.vat_number().is_none() {
        return Err(missing(
            "customer.vat_number",
            "a reverse-charge invoice carries the customer's VAT number (EN 16931 BR-AE-2)",
        ));
    }
    match (&invoice.preceding_invoice, invoice.kind) {
        (None, DocumentKind::CreditNote) => {
            return Err(missing(
                "preceding_invoice",
                "a credit note names the invoice it credits (BT-25)",
            ));
        }
        (Some(preceding), _) => {
            if let Some(date) = preceding.date() {
                check_date("preceding_invoice.date", date)?;
            }
        }
        (None, _) => {}
    }

    let totals = invoice.totals();
    if totals.total_with_vat() > Decimal::ZERO && invoice.payment_terms.is_none() {
        match invoice.kind {
            DocumentKind::CreditNote => {
                return Err(missing(
                    "payment_terms",
                    "a credit note with an amount due states its payment terms (EN 16931 BR-CO-25)",
                ));
            }
            _ if invoice.due_date.is_none() => {
                return Err(missing(
                    "due_date",
                    "an invoice with an amount due has a due date or payment terms (EN 16931 BR-CO-25)",
                ));
            }
            _ => {}
        }
    }

    let tax_currency_vat = match &invoice.tax_currency {
        None => None,
        Some(tax) => {
            let currency = tax.currency();
            if currency.minor_units() > AMOUNT_DECIMALS {
                return Err(InvoiceError::UnsupportedCurrency {
                    field: "tax_currency",
                    currency,
                    rule: "has more than 2 decimals; EN 16931 amounts have at most 2 (BR-DEC)",
                });
            }
            let vat = totals.vat_in(tax).ok_or(InvoiceError::AmountOutOfRange {
                field: "tax_currency",
                rule: "the total VAT converted to the tax currency exceeds the decimal range",
            })?;
            Some((currency, vat))
        }
    };

    Ok(Checked {
        number,
        date,
        seller,
        customer,
        seller_endpoint,
        customer_endpoint,
        totals,
        tax_currency_vat,
        out_of_scope,
    })
}

/// The exemption reason text (BT-120) of a category, in the invoice's language.
fn exemption_reason(category: VatCategory, language: Language) -> Option<&'static str> {
    let text = match (category, language) {
        (VatCategory::ReverseCharge, Language::Fr) => "Autoliquidation",
        (VatCategory::ReverseCharge, Language::Nl) => "Btw verlegd",
        (VatCategory::ReverseCharge, Language::De) => {
            "Steuerschuldnerschaft des Leistungsempfängers"
        }
        (VatCategory::ReverseCharge, _) => "Reverse charge",
        (VatCategory::OutOfScope, Language::Fr) => "Hors du champ d'application de la TVA",
        (VatCategory::OutOfScope, Language::Nl) => "Niet onderworpen aan btw",
        (VatCategory::OutOfScope, Language::De) => "Nicht steuerbar",
        (VatCategory::OutOfScope, _) => "Not subject to VAT",
        (VatCategory::Exempt, Language::Fr) => "Exonéré de TVA",
        (VatCategory::Exempt, Language::Nl) => "Vrijgesteld van btw",
        (VatCategory::Exempt, Language::De) => "Steuerbefreit",
        (VatCategory::Exempt, _) => "Exempt from VAT",
        _ => return None,
    };
    Some(text)
}

pub(super) fn write(invoice: &Invoice) -> Result<String, InvoiceError> {
    let checked = check(invoice)?;
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    document(&mut writer, invoice, &checked).map_err(|error| InvoiceError::Xml {
        reason: error.to_string(),
    })?;
    String::from_utf8(writer.into_inner()).map_err(|error| InvoiceError::Xml {
        reason: error.to_string(),
    })
}

fn leaf(writer: &mut XmlWriter, name: &str, value: &str) -> io::Result<()> {
    writer
        .create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn leaf_with(
    writer: &mut XmlWriter,
    name: &str,
    attribute: (&str, &str),
    value: &str,
) -> io::Result<()> {
    writer
        .create_element(name)
        .with_attribute(attribute)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn amount(
    writer: &mut XmlWriter,
    name: &str,
    currency: Currency,
    value: Decimal,
) -> io::Result<()> {
    let value = with_decimals(value, currency.minor_units());
    leaf_with(
        writer,
        name,
        ("currencyID", currency.code()),
        &value.to_string(),
    )
}

fn node(
    writer: &mut XmlWriter,
    name: &str,
    content: impl FnOnce(&mut XmlWriter) -> io::Result<()>,
) -> io::Result<()> {
    writer.create_element(name).write_inner_content(content)?;
    Ok(())
}

/// A decimal without trailing zeros nor negative zero (`21`, `5.5`, `0.0075`).
fn plain(value: Decimal) -> String {
    if value.is_zero() {
        "0".to_owned()
    } else {
        value.normalize().to_string()
    }
}

fn date(value: NaiveDate) -> String {
    value.format("%Y-%m-%d").to_string()
}

fn vat_scheme(writer: &mut XmlWriter) -> io::Result<()> {
    node(writer, "cac:TaxScheme", |w| leaf(w, "cbc:ID", "VAT"))
}

fn document(writer: &mut XmlWriter, invoice: &Invoice, checked: &Checked<'_>) -> io::Result<()> {
    let credit_note = invoice.kind == DocumentKind::CreditNote;
    let (root, namespace, line_name, quantity_name) = if credit_note {
        (
            "CreditNote",
            NS_CREDIT_NOTE,
            "cac:CreditNoteLine",
            "cbc:CreditedQuantity",
        )
    } else {
        (
            "Invoice",
            NS_INVOICE,
            "cac:InvoiceLine",
            "cbc:InvoicedQuantity",
        )
    };
    let currency = invoice.currency;
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element(root)
        .with_attributes([
            ("xmlns", namespace),
            ("xmlns:cac", NS_CAC),
            ("xmlns:cbc", NS_CBC),
        ])
        .write_inner_content(|w| {
            leaf(w, "cbc:CustomizationID", CUSTOMIZATION_ID)?;
            leaf(w, "cbc:ProfileID", PROFILE_ID)?;
            leaf(w, "cbc:ID", checked.number)?;
            leaf(w, "cbc:IssueDate", &date(checked.date))?;
            if credit_note {
                leaf(w, "cbc:CreditNoteTypeCode", invoice.kind.type_code())?;
            } else {
                if let Some(due_date) = invoice.due_date {
                    leaf(w, "cbc:DueDate", &date(due_date))?;
                }
                leaf(w, "cbc:InvoiceTypeCode", invoice.kind.type_code())?;
            }
            if let Some(note) = &invoice.note {
                leaf(w, "cbc:Note", note)?;
            }
            leaf(w, "cbc:DocumentCurrencyCode", currency.code())?;
            if let Some((tax_currency, _)) = checked.tax_currency_vat {
                leaf(w, "cbc:TaxCurrencyCode", tax_currency.code())?;
            }
            if let Some(reference) = &invoice.buyer_reference {
                leaf(w, "cbc:BuyerReference", reference)?;
            }
            if let Some(reference) = &invoice.order_reference {
                node(w, "cac:OrderReference", |w| leaf(w, "cbc:ID", reference))?;
            }
            if let Some(preceding) = &invoice.preceding_invoice {
                node(w, "cac:BillingReference", |w| {
                    node(w, "cac:InvoiceDocumentReference", |w| {
                        leaf(w, "cbc:ID", preceding.number())?;
                        if let Some(day) = preceding.date() {
                            leaf(w, "cbc:IssueDate", &date(day))?;
                        }
                        Ok(())
                    })
                })?;
            }
            node(w, "cac:AccountingSupplierParty", |w| {
                party(
                    w,
                    checked.seller,
                    &checked.seller_endpoint,
                    checked.out_of_scope,
                )
            })?;
            node(w, "cac:AccountingCustomerParty", |w| {
                party(
                    w,
                    checked.customer,
                    &checked.customer_endpoint,
                    checked.out_of_scope,
                )
            })?;
            if let Some(terms) = &invoice.payment_terms {
                node(w, "cac:PaymentTerms", |w| leaf(w, "cbc:Note", terms))?;
            }
            node(w, "cac:TaxTotal", |w| {
                amount(w, "cbc:TaxAmount", currency, checked.totals.total_vat())?;
                for rate in checked.totals.per_rate() {
                    tax_subtotal(w, currency, rate, invoice.language)?;
                }
                Ok(())
            })?;
            if let Some((tax_currency, vat)) = checked.tax_currency_vat {
                node(w, "cac:TaxTotal", |w| {
                    amount(w, "cbc:TaxAmount", tax_currency, vat)
                })?;
            }
            node(w, "cac:LegalMonetaryTotal", |w| {
                let totals = &checked.totals;
                amount(
                    w,
                    "cbc:LineExtensionAmount",
                    currency,
                    totals.total_without_vat(),
                )?;
                amount(
                    w,
                    "cbc:TaxExclusiveAmount",
                    currency,
                    totals.total_without_vat(),
                )?;
                amount(
                    w,
                    "cbc:TaxInclusiveAmount",
                    currency,
                    totals.total_with_vat(),
                )?;
                amount(w, "cbc:PayableAmount", currency, totals.total_with_vat())
            })?;
            for (index, line) in invoice.lines.iter().enumerate() {
                node(w, line_name, |w| {
                    leaf(w, "cbc:ID", &(index + 1).to_string())?;
                    leaf_with(
                        w,
                        quantity_name,
                        ("unitCode", UNIT_CODE),
                        &plain(line.quantity()),
                    )?;
                    amount(w, "cbc:LineExtensionAmount", currency, line.net(currency))?;
                    node(w, "cac:Item", |w| {
                        leaf(w, "cbc:Name", line.description())?;
                        node(w, "cac:ClassifiedTaxCategory", |w| {
                            tax_category(w, line.category(), line.rate())?;
                            vat_scheme(w)
                        })
                    })?;
                    node(w, "cac:Price", |w| {
                        leaf_with(
                            w,
                            "cbc:PriceAmount",
                            ("currencyID", currency.code()),
                            &plain(line.unit_price()),
                        )
                    })
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The category code and, except out of scope (BR-O-5), the rate.
fn tax_category(writer: &mut XmlWriter, category: VatCategory, rate: Decimal) -> io::Result<()> {
    leaf(writer, "cbc:ID", category.code())?;
    if category != VatCategory::OutOfScope {
        leaf(writer, "cbc:Percent", &plain(rate))?;
    }
    Ok(())
}

fn tax_subtotal(
    writer: &mut XmlWriter,
    currency: Currency,
    rate: &RateTotal,
    language: Language,
) -> io::Result<()> {
    node(writer, "cac:TaxSubtotal", |w| {
        amount(w, "cbc:TaxableAmount", currency, rate.base())?;
        amount(w, "cbc:TaxAmount", currency, rate.vat())?;
        node(w, "cac:TaxCategory", |w| {
            tax_category(w, rate.category(), rate.rate())?;
            if let Some(code) = rate.category().exemption_reason_code() {
                leaf(w, "cbc:TaxExemptionReasonCode", code)?;
            }
            if let Some(reason) = exemption_reason(rate.category(), language) {
                leaf(w, "cbc:TaxExemptionReason", reason)?;
            }
            vat_scheme(w)
        })
    })
}

fn party(
    writer: &mut XmlWriter,
    party: &Party,
    endpoint: &Endpoint,
    out_of_scope: bool,
) -> io::Result<()> {
    node(writer, "cac:Party", |w| {
        leaf_with(
            w,
            "cbc:EndpointID",
            ("schemeID", endpoint.scheme()),
            endpoint.id(),
        )?;
        node(w, "cac:PostalAddress", |w| {
            if let Some(street) = party.street() {
                leaf(w, "cbc:StreetName", street)?;
            }
            if let Some(city) = party.city() {
                leaf(w, "cbc:CityName", city)?;
            }
            if let Some(postal_code) = party.postal_code() {
                leaf(w, "cbc:PostalZone", postal_code)?;
            }
            node(w, "cac:Country", |w| {
                leaf(w, "cbc:IdentificationCode", party.country())
            })
        })?;
        if let (Some(vat_number), false) = (party.vat_number(), out_of_scope) {
            node(w, "cac:PartyTaxScheme", |w| {
                leaf(w, "cbc:CompanyID", vat_number)?;
                vat_scheme(w)
            })?;
        }
        node(w, "cac:PartyLegalEntity", |w| {
            leaf(w, "cbc:RegistrationName", party.name())?;
            if let Some(number) = party.enterprise_number() {
                leaf_with(
                    w,
                    "cbc:CompanyID",
                    ("schemeID", ENTERPRISE_NUMBER_SCHEME),
                    number,
                )?;
            }
            Ok(())
        })
    })
}
