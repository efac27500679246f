//! An invoice as a person reads it: plain text or an HTML fragment, in the invoice's language,
//! from one summary so that both say the same.

use std::fmt::Write as _;

use quick_xml::escape::escape;
use rust_decimal::Decimal;

use crate::invoice::{DocumentKind, Invoice, Party, VatCategory};
use crate::language::Language;

use super::texts::{self, Labels};

/// What both renderings show.
struct Summary {
    language: Language,
    title: String,
    fields: Vec<(&'static str, String)>,
    columns: [&'static str; 5],
    rows: Vec<[String; 5]>,
    totals: Vec<(String, String)>,
    note: Option<String>,
}

fn party(party: &Party, labels: &Labels) -> String {
    let mut parts = vec![party.name().to_owned()];
    if let Some(street) = party.street().filter(|s| !s.is_empty()) {
        parts.push(street.to_owned());
    }
    let city = [party.postal_code(), party.city()]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !city.is_empty() {
        parts.push(city);
    }
    parts.push(party.country().to_owned());
    if let Some(number) = party.vat_number() {
        parts.push(format!("{} {number}", labels.vat_number));
    }
    if let Some(number) = party.enterprise_number() {
        parts.push(format!("{} {number}", labels.enterprise_number));
    }
    parts.join(", ")
}

fn vat_label(category: VatCategory, rate: Decimal, labels: &Labels, language: Language) -> String {
    match category {
        VatCategory::ReverseCharge => labels.reverse_charge.to_owned(),
        VatCategory::OutOfScope => labels.out_of_scope.to_owned(),
        _ => format!("{} {}", labels.vat, texts::percent(rate, language)),
    }
}

fn summary(invoice: &Invoice) -> Summary {
    let language = invoice.language();
    let labels = texts::labels(language);
    let currency = invoice.currency();
    let money = |amount: Decimal| format!("{} {currency}", texts::decimal(amount, 2, language));
    let kind = match invoice.kind() {
        DocumentKind::CreditNote => labels.credit_note,
        _ => labels.invoice,
    };
    let title = match invoice.number() {
        Some(number) => format!("{kind} {number}"),
        None => format!("{kind} ({})", labels.draft),
    };
    let mut fields = Vec::new();
    if let Some(date) = invoice.date() {
        fields.push((labels.date, texts::date(date, language)));
    }
    if let Some(due) = invoice.due_date() {
        fields.push((labels.due_date, texts::date(due, language)));
    }
    if let Some(preceding) = invoice.preceding_invoice() {
        let value = match preceding.date() {
            Some(date) => format!("{} ({})", preceding.number(), texts::date(date, language)),
            None => preceding.number().to_owned(),
        };
        fields.push((labels.credits, value));
    }
    if let Some(seller) = invoice.seller() {
        fields.push((labels.seller, party(seller, labels)));
    }
    if let Some(customer) = invoice.customer() {
        fields.push((labels.customer, party(customer, labels)));
    }
    if let Some(order) = invoice.order_reference() {
        fields.push((labels.order, order.to_owned()));
    }
    if let Some(reference) = invoice.buyer_reference() {
        fields.push((labels.reference, reference.to_owned()));
    }
    if let Some(terms) = invoice.payment_terms() {
        fields.push((labels.payment, terms.to_owned()));
    }
    let rows = invoice
        .lines()
        .iter()
        .map(|line| {
            [
                line.description().to_owned(),
                texts::decimal(line.quantity().normalize(), 0, language),
                money(line.unit_price()),
                money(line.net(currency)),
                vat_label(line.category(), line.rate(), labels, language),
            ]
        })
        .collect();
    let totals_of = invoice.totals();
    let mut totals = vec![(
        labels.total_without_vat.to_owned(),
        money(totals_of.total_without_vat()),
    )];
    for rate in totals_of.per_rate() {
        let base = money(rate.base());
        let label = labels
            .on
            .replace(
                "{label}",
                &vat_label(rate.category(), rate.rate(), labels, language),
            )
            .replace("{base}", &base);
        totals.push((label, money(rate.vat())));
    }
    totals.push((labels.total_vat.to_owned(), money(totals_of.total_vat())));
    totals.push((
        labels.total_with_vat.to_owned(),
        money(totals_of.total_with_vat()),
    ));
    if let Some(tax) = invoice.tax_currency() {
        if let Some(vat) = totals_of.vat_in(tax) {
            let label = labels
                .vat_in
                .replace("{currency}", tax.currency().code())
                .replace(
                    "{rate}",
                    &texts::decimal(tax.exchange_rate().normalize(), 0, language),
                );
            totals.push((
                label,
                format!("{} {}", texts::decimal(vat, 2, language), tax.currency()),
            ));
        }
    }
    Summary {
        language,
        title,
        fields,
        columns: [
            labels.description,
            labels.quantity,
            labels.unit_price,
            labels.net,
            labels.vat,
        ],
        rows,
        totals,
        note: invoice.note().map(str::to_owned),
    }
}

/// The invoice as plain text.
pub(super) fn text(invoice: &Invoice) -> String {
    let summary = summary(invoice);
    let mut out = String::new();
    let _ = writeln!(out, "{}", summary.title);
    for (label, value) in &summary.fields {
        let _ = writeln!(out, "{label}: {value}");
    }
    out.push('\n');
    let [_, quantity, unit_price, net, vat] = summary.columns;
    for [description, q, p, n, v] in &summary.rows {
        let _ = writeln!(out, "- {description}");
        let _ = writeln!(
            out,
            "  {quantity}: {q} | {unit_price}: {p} | {net}: {n} | {vat}: {v}"
        );
    }
    out.push('\n');
    for (label, value) in &summary.totals {
        let _ = writeln!(out, "{label}: {value}");
    }
    if let Some(note) = &summary.note {
        let _ = writeln!(out, "\n{note}");
    }
    out
}

/// The invoice as an HTML fragment, every text escaped.
pub(super) fn html(invoice: &Invoice) -> String {
    let summary = summary(invoice);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<article class=\"invoice\" lang=\"{}\">",
        summary.language.code()
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(summary.title.as_str()));
    out.push_str("<dl>\n");
    for (label, value) in &summary.fields {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            escape(*label),
            escape(value.as_str())
        );
    }
    out.push_str("</dl>\n<table class=\"lines\">\n<thead><tr>");
    for column in summary.columns {
        let _ = write!(out, "<th>{}</th>", escape(column));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &summary.rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", escape(cell.as_str()));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n<table class=\"totals\">\n");
    for (label, value) in &summary.totals {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            escape(label.as_str()),
            escape(value.as_str())
        );
    }
    out.push_str("</table>\n");
    if let Some(note) = &summary.note {
        let _ = writeln!(out, "<p class=\"mention\">{}</p>", escape(note.as_str()));
    }
    out.push_str("</article>\n");
    out
}
