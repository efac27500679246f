//! What invoices say, in the account's language (FR, NL, DE, EN): line descriptions, payment
//! terms, the labels of the printed summary, and numbers and dates written the way each language
//! writes them. One table: every phrase is a `match` on the language, side by side.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::contacts::Channel;
use crate::credits::CreditKind;
use crate::language::Language;
use crate::post::{Format, Postage};

use super::order::PaymentMethod;

/// A whole number with the language's thousands separator: `1 000` (fr), `1.000` (nl, de),
/// `1,000` (en).
pub(super) fn count(value: u64, language: Language) -> String {
    group(&value.to_string(), thousands(language))
}

fn thousands(language: Language) -> &'static str {
    match language {
        Language::Fr => " ",
        Language::Nl | Language::De => ".",
        Language::En => ",",
    }
}

fn group(digits: &str, separator: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

/// A decimal amount with at least `min_decimals` decimals (all of them kept when it has more:
/// unit prices may be finer than the cent), grouped and with the language's decimal mark:
/// `1 234,50` (fr), `1.234,50` (nl, de), `1,234.50` (en).
pub(super) fn decimal(value: Decimal, min_decimals: u32, language: Language) -> String {
    let mut value = value;
    if value.is_zero() {
        value = Decimal::ZERO;
    }
    if value.scale() < min_decimals {
        value.rescale(min_decimals);
    }
    let text = value.to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mark = match language {
        Language::En => ".",
        Language::Fr | Language::Nl | Language::De => ",",
    };
    let mut out = format!("{sign}{}", group(whole, thousands(language)));
    if !fraction.is_empty() {
        out.push_str(mark);
        out.push_str(fraction);
    }
    out
}

/// A date: `31/03/2026` (fr), `31-03-2026` (nl), `31.03.2026` (de), `2026-03-31` (en).
pub(super) fn date(day: NaiveDate, language: Language) -> String {
    let pattern = match language {
        Language::Fr => "%d/%m/%Y",
        Language::Nl => "%d-%m-%Y",
        Language::De => "%d.%m.%Y",
        Language::En => "%Y-%m-%d",
    };
    day.format(pattern).to_string()
}

/// A VAT rate in percent: `21 %` (fr, de), `21%` (nl, en), with the decimal mark (`5,5 %`).
pub(super) fn percent(rate: Decimal, language: Language) -> String {
    let number = decimal(rate.normalize(), 0, language);
    match language {
        Language::Fr | Language::De => format!("{number} %"),
        Language::Nl | Language::En => format!("{number}%"),
    }
}

/// The name of a pack of a credit kind: `Pack SMS`, `SMS-pakket`, `SMS-Paket`, `SMS pack`; a kind
/// of the host's own keeps its name.
fn pack_name(kind: &CreditKind, language: Language) -> String {
    let known = match (kind.as_str(), language) {
        ("sms", Language::Fr) => "Pack SMS",
        ("sms", Language::Nl) => "SMS-pakket",
        ("sms", Language::De) => "SMS-Paket",
        ("sms", Language::En) => "SMS pack",
        ("email", Language::Fr) => "Pack e-mail",
        ("email", Language::Nl) => "E-mailpakket",
        ("email", Language::De) => "E-Mail-Paket",
        ("email", Language::En) => "Email pack",
        ("secure_email", Language::Fr) => "Pack e-mail sécurisé",
        ("secure_email", Language::Nl) => "Pakket beveiligde e-mail",
        ("secure_email", Language::De) => "Paket sichere E-Mail",
        ("secure_email", Language::En) => "Secure email pack",
        (other, Language::Fr) => return format!("Pack {other}"),
        (other, Language::Nl) => return format!("Pakket {other}"),
        (other, Language::De) => return format!("Paket {other}"),
        (other, Language::En) => return format!("{other} pack"),
    };
    known.to_owned()
}

/// A pack line: `Pack SMS 1 000 unités`, `SMS-pakket 1.000 eenheden`, `SMS-Paket 1.000 Einheiten`,
/// `SMS pack, 1,000 units`.
pub(super) fn pack(kind: &CreditKind, units: u64, language: Language) -> String {
    let name = pack_name(kind, language);
    let units = count(units, language);
    match language {
        Language::Fr => format!("{name} {units} unités"),
        Language::Nl => format!("{name} {units} eenheden"),
        Language::De => format!("{name} {units} Einheiten"),
        Language::En => format!("{name}, {units} units"),
    }
}

fn postage_name(postage: Postage, language: Language) -> &'static str {
    match (postage, language) {
        (Postage::Prior, _) => "Prior",
        (Postage::NonPrior, Language::En) => "Non-prior",
        (Postage::NonPrior, _) => "Non Prior",
        (Postage::PriorInternational, Language::Nl) => "Prior internationaal",
        (Postage::PriorInternational, _) => "Prior international",
        (Postage::Registered, Language::Fr) => "recommandé",
        (Postage::Registered, Language::Nl) => "aangetekend",
        (Postage::Registered, Language::De) => "Einschreiben",
        (Postage::Registered, Language::En) => "registered",
        (Postage::Rp, _) => "RP",
    }
}

fn format_name(format: Format, language: Language) -> &'static str {
    match (format, language) {
        (Format::Small, Language::Fr) => "petit format",
        (Format::Large, Language::Fr) => "grand format",
        (Format::Small, Language::Nl) => "klein formaat",
        (Format::Large, Language::Nl) => "groot formaat",
        (Format::Small, Language::De) => "kleines Format",
        (Format::Large, Language::De) => "großes Format",
        (Format::Small, Language::En) => "small format",
        (Format::Large, Language::En) => "large format",
    }
}

/// A letter's postage: `Affranchissement Prior, petit format, jusqu'à 50 g`.
pub(super) fn postage(
    postage: Postage,
    format: Format,
    up_to_grams: u32,
    language: Language,
) -> String {
    let name = postage_name(postage, language);
    let format = format_name(format, language);
    let grams = count(u64::from(up_to_grams), language);
    match language {
        Language::Fr => format!("Affranchissement {name}, {format}, jusqu'à {grams} g"),
        Language::Nl => format!("Frankering {name}, {format}, tot {grams} g"),
        Language::De => format!("Porto {name}, {format}, bis {grams} g"),
        Language::En => format!("Postage {name}, {format}, up to {grams} g"),
    }
}

/// The colour supplement, per printed sheet.
pub(super) fn colour(language: Language) -> &'static str {
    match language {
        Language::Fr => "Supplément couleur, par feuille",
        Language::Nl => "Toeslag kleur, per vel",
        Language::De => "Farbzuschlag, je Blatt",
        Language::En => "Colour supplement, per sheet",
    }
}

/// The duplex supplement, per printed sheet.
pub(super) fn duplex(language: Language) -> &'static str {
    match language {
        Language::Fr => "Supplément recto verso, par feuille",
        Language::Nl => "Toeslag recto verso, per vel",
        Language::De => "Zuschlag beidseitiger Druck, je Blatt",
        Language::En => "Duplex supplement, per sheet",
    }
}

/// The fee of a registered letter.
pub(super) fn registered(language: Language) -> &'static str {
    match language {
        Language::Fr => "Frais de recommandé",
        Language::Nl => "Kosten aangetekende zending",
        Language::De => "Einschreibegebühr",
        Language::En => "Registered letter fee",
    }
}

/// The fee of an acknowledgement of receipt.
pub(super) fn acknowledgement_of_receipt(language: Language) -> &'static str {
    match language {
        Language::Fr => "Accusé de réception",
        Language::Nl => "Ontvangstbevestiging",
        Language::De => "Rückschein",
        Language::En => "Acknowledgement of receipt",
    }
}

/// Pay-as-you-go messages of a channel: `SMS, paiement à l'usage (unités)`.
pub(super) fn messages(channel: Channel, language: Language) -> &'static str {
    match (channel, language) {
        (Channel::Sms, Language::Fr) => "SMS, paiement à l'usage (par unité)",
        (Channel::Sms, Language::Nl) => "SMS, betalen per gebruik (per eenheid)",
        (Channel::Sms, Language::De) => "SMS, Abrechnung nach Verbrauch (je Einheit)",
        (Channel::Sms, Language::En) => "SMS, pay as you go (per unit)",
        (Channel::Email, Language::Fr) => "E-mails, paiement à l'usage (par unité)",
        (Channel::Email, Language::Nl) => "E-mails, betalen per gebruik (per eenheid)",
        (Channel::Email, Language::De) => "E-Mails, Abrechnung nach Verbrauch (je Einheit)",
        (Channel::Email, Language::En) => "Emails, pay as you go (per unit)",
        (Channel::SecureEmail, Language::Fr) => "E-mails sécurisés, paiement à l'usage (par unité)",
        (Channel::SecureEmail, Language::Nl) => {
            "Beveiligde e-mails, betalen per gebruik (per eenheid)"
        }
        (Channel::SecureEmail, Language::De) => {
            "Sichere E-Mails, Abrechnung nach Verbrauch (je Einheit)"
        }
        (Channel::SecureEmail, Language::En) => "Secure emails, pay as you go (per unit)",
        (Channel::Letter, Language::Fr) => "Lettres",
        (Channel::Letter, Language::Nl) => "Brieven",
        (Channel::Letter, Language::De) => "Briefe",
        (Channel::Letter, Language::En) => "Letters",
    }
}

/// A period of days, both included: `du 01/03/2026 au 31/03/2026`.
fn period(first: NaiveDate, last: NaiveDate, language: Language) -> String {
    let (first, last) = (date(first, language), date(last, language));
    match language {
        Language::Fr => format!("période du {first} au {last}"),
        Language::Nl => format!("periode van {first} tot en met {last}"),
        Language::De => format!("Zeitraum {first} bis {last}"),
        Language::En => format!("period {first} to {last}"),
    }
}

/// A block plan's fee for a period: `Forfait par bloc de 500 messages, période du … au …`.
pub(super) fn block_fee(
    block_size: u32,
    first: NaiveDate,
    last: NaiveDate,
    language: Language,
) -> String {
    let size = count(u64::from(block_size), language);
    let period = period(first, last, language);
    match language {
        Language::Fr => format!("Forfait par bloc de {size} messages, {period}"),
        Language::Nl => format!("Blokvergoeding per {size} berichten, {period}"),
        Language::De => format!("Blockgebühr je {size} Nachrichten, {period}"),
        Language::En => format!("Block fee per {size} messages, {period}"),
    }
}

/// The extra blocks of a period with its usage:
/// `Blocs supplémentaires de 500 messages (1 240 messages envoyés), période du … au …`.
pub(super) fn extra_blocks(
    block_size: u32,
    usage: u64,
    first: NaiveDate,
    last: NaiveDate,
    language: Language,
) -> String {
    let size = count(u64::from(block_size), language);
    let used = count(usage, language);
    let period = period(first, last, language);
    match language {
        Language::Fr => {
            format!("Blocs supplémentaires de {size} messages ({used} messages envoyés), {period}")
        }
        Language::Nl => {
            format!("Extra blokken van {size} berichten ({used} berichten verstuurd), {period}")
        }
        Language::De => format!(
            "Zusätzliche Blöcke zu {size} Nachrichten ({used} Nachrichten gesendet), {period}"
        ),
        Language::En => {
            format!("Extra blocks of {size} messages ({used} messages sent), {period}")
        }
    }
}

/// The payment terms of a paid pack: `Payé par carte le 04/03/2026`.
pub(super) fn paid(payment: PaymentMethod, day: NaiveDate, language: Language) -> String {
    let day = date(day, language);
    match (payment, language) {
        (PaymentMethod::Card, Language::Fr) => format!("Payé par carte le {day}"),
        (PaymentMethod::Card, Language::Nl) => format!("Betaald met kaart op {day}"),
        (PaymentMethod::Card, Language::De) => format!("Bezahlt mit Karte am {day}"),
        (PaymentMethod::Card, Language::En) => format!("Paid by card on {day}"),
        (PaymentMethod::BankTransfer, Language::Fr) => format!("Payé par virement le {day}"),
        (PaymentMethod::BankTransfer, Language::Nl) => {
            format!("Betaald met overschrijving op {day}")
        }
        (PaymentMethod::BankTransfer, Language::De) => format!("Bezahlt per Überweisung am {day}"),
        (PaymentMethod::BankTransfer, Language::En) => format!("Paid by bank transfer on {day}"),
    }
}

/// The payment terms of a credit note: `Remboursement de la facture 2026-F-000001`.
pub(super) fn refund(number: &str, language: Language) -> String {
    match language {
        Language::Fr => format!("Remboursement de la facture {number}"),
        Language::Nl => format!("Terugbetaling van factuur {number}"),
        Language::De => format!("Erstattung der Rechnung {number}"),
        Language::En => format!("Refund of invoice {number}"),
    }
}

/// The labels of the printed summary of an invoice.
#[derive(Debug)]
pub(super) struct Labels {
    pub(super) invoice: &'static str,
    pub(super) credit_note: &'static str,
    pub(super) draft: &'static str,
    pub(super) date: &'static str,
    pub(super) due_date: &'static str,
    pub(super) seller: &'static str,
    pub(super) customer: &'static str,
    pub(super) vat_number: &'static str,
    pub(super) enterprise_number: &'static str,
    pub(super) order: &'static str,
    pub(super) reference: &'static str,
    pub(super) credits: &'static str,
    pub(super) payment: &'static str,
    pub(super) description: &'static str,
    pub(super) quantity: &'static str,
    pub(super) unit_price: &'static str,
    pub(super) net: &'static str,
    pub(super) vat: &'static str,
    pub(super) total_without_vat: &'static str,
    pub(super) on: &'static str,
    pub(super) reverse_charge: &'static str,
    pub(super) out_of_scope: &'static str,
    pub(super) total_vat: &'static str,
    pub(super) total_with_vat: &'static str,
    pub(super) vat_in: &'static str,
}

/// The labels in `language`.
pub(super) fn labels(language: Language) -> &'static Labels {
    match language {
        Language::Fr => &Labels {
            invoice: "Facture",
            credit_note: "Note de crédit",
            draft: "projet",
            date: "Date",
            due_date: "Échéance",
            seller: "Vendeur",
            customer: "Client",
            vat_number: "TVA",
            enterprise_number: "BCE",
            order: "Commande",
            reference: "Référence",
            credits: "Crédite la facture",
            payment: "Paiement",
            description: "Description",
            quantity: "Quantité",
            unit_price: "Prix unitaire",
            net: "Montant HTVA",
            vat: "TVA",
            total_without_vat: "Total HTVA",
            on: "{label} sur {base}",
            reverse_charge: "Autoliquidation",
            out_of_scope: "Hors champ de la TVA",
            total_vat: "Total TVA",
            total_with_vat: "Total TVAC",
            vat_in: "TVA en {currency} (taux {rate})",
        },
        Language::Nl => &Labels {
            invoice: "Factuur",
            credit_note: "Creditnota",
            draft: "ontwerp",
            date: "Datum",
            due_date: "Vervaldatum",
            seller: "Verkoper",
            customer: "Klant",
            vat_number: "Btw",
            enterprise_number: "KBO",
            order: "Bestelling",
            reference: "Referentie",
            credits: "Crediteert factuur",
            payment: "Betaling",
            description: "Omschrijving",
            quantity: "Aantal",
            unit_price: "Eenheidsprijs",
            net: "Bedrag excl. btw",
            vat: "Btw",
            total_without_vat: "Totaal excl. btw",
            on: "{label} op {base}",
            reverse_charge: "Btw verlegd",
            out_of_scope: "Buiten het toepassingsgebied van de btw",
            total_vat: "Totaal btw",
            total_with_vat: "Totaal incl. btw",
            vat_in: "Btw in {currency} (koers {rate})",
        },
        Language::De => &Labels {
            invoice: "Rechnung",
            credit_note: "Gutschrift",
            draft: "Entwurf",
            date: "Datum",
            due_date: "Fällig am",
            seller: "Verkäufer",
            customer: "Kunde",
            vat_number: "USt-IdNr.",
            enterprise_number: "Unternehmensnummer",
            order: "Bestellung",
            reference: "Referenz",
            credits: "Gutschrift zur Rechnung",
            payment: "Zahlung",
            description: "Beschreibung",
            quantity: "Menge",
            unit_price: "Einzelpreis",
            net: "Nettobetrag",
            vat: "USt.",
            total_without_vat: "Summe netto",
            on: "{label} auf {base}",
            reverse_charge: "Steuerschuldnerschaft des Leistungsempfängers",
            out_of_scope: "Nicht steuerbar",
            total_vat: "Summe USt.",
            total_with_vat: "Summe brutto",
            vat_in: "USt. in {currency} (Kurs {rate})",
        },
        Language::En => &Labels {
            invoice: "Invoice",
            credit_note: "Credit note",
            draft: "draft",
            date: "Date",
            due_date: "Due date",
            seller: "Seller",
            customer: "Customer",
            vat_number: "VAT",
            enterprise_number: "Enterprise number",
            order: "Order",
            reference: "Reference",
            credits: "Credits invoice",
            payment: "Payment",
            description: "Description",
            quantity: "Quantity",
            unit_price: "Unit price",
            net: "Net amount",
            vat: "VAT",
            total_without_vat: "Total without VAT",
            on: "{label} on {base}",
            reverse_charge: "Reverse charge",
            out_of_scope: "Outside the scope of VAT",
            total_vat: "Total VAT",
            total_with_vat: "Total with VAT",
            vat_in: "VAT in {currency} (rate {rate})",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn every_phrase_in_french() {
        let fr = Language::Fr;
        assert_eq!(pack(&CreditKind::sms(), 1000, fr), "Pack SMS 1 000 unités");
        assert_eq!(
            pack(&CreditKind::email(), 20_000, fr),
            "Pack e-mail 20 000 unités"
        );
        assert_eq!(
            postage(Postage::Prior, Format::Small, 50, fr),
            "Affranchissement Prior, petit format, jusqu'à 50 g"
        );
        assert_eq!(
            postage(Postage::Registered, Format::Large, 1000, fr),
            "Affranchissement recommandé, grand format, jusqu'à 1 000 g"
        );
        assert_eq!(colour(fr), "Supplément couleur, par feuille");
        assert_eq!(registered(fr), "Frais de recommandé");
        assert_eq!(
            messages(Channel::Sms, fr),
            "SMS, paiement à l'usage (par unité)"
        );
        assert_eq!(
            block_fee(500, day("2026-03-01"), day("2026-03-31"), fr),
            "Forfait par bloc de 500 messages, période du 01/03/2026 au 31/03/2026"
        );
        assert_eq!(
            extra_blocks(500, 1240, day("2026-03-01"), day("2026-03-31"), fr),
            "Blocs supplémentaires de 500 messages (1 240 messages envoyés), période du 01/03/2026 au 31/03/2026"
        );
        assert_eq!(
            paid(PaymentMethod::BankTransfer, day("2026-03-04"), fr),
            "Payé par virement le 04/03/2026"
        );
        assert_eq!(decimal(Decimal::new(123_450, 2), 2, fr), "1 234,50");
        assert_eq!(percent(Decimal::new(55, 1), fr), "5,5 %");
    }

    #[test]
    fn every_phrase_in_dutch() {
        let nl = Language::Nl;
        assert_eq!(
            pack(&CreditKind::sms(), 1000, nl),
            "SMS-pakket 1.000 eenheden"
        );
        assert_eq!(
            postage(Postage::NonPrior, Format::Large, 100, nl),
            "Frankering Non Prior, groot formaat, tot 100 g"
        );
        assert_eq!(duplex(nl), "Toeslag recto verso, per vel");
        assert_eq!(acknowledgement_of_receipt(nl), "Ontvangstbevestiging");
        assert_eq!(
            extra_blocks(500, 1240, day("2026-03-01"), day("2026-03-31"), nl),
            "Extra blokken van 500 berichten (1.240 berichten verstuurd), periode van 01-03-2026 tot en met 31-03-2026"
        );
        assert_eq!(
            refund("2026-F-000001", nl),
            "Terugbetaling van factuur 2026-F-000001"
        );
        assert_eq!(decimal(Decimal::new(-75, 4), 2, nl), "-0,0075");
    }

    #[test]
    fn every_phrase_in_german() {
        let de = Language::De;
        assert_eq!(
            pack(&CreditKind::sms(), 1000, de),
            "SMS-Paket 1.000 Einheiten"
        );
        assert_eq!(
            pack(&CreditKind::secure_email(), 1000, de),
            "Paket sichere E-Mail 1.000 Einheiten"
        );
        assert_eq!(
            postage(Postage::PriorInternational, Format::Small, 50, de),
            "Porto Prior international, kleines Format, bis 50 g"
        );
        assert_eq!(
            block_fee(500, day("2026-03-01"), day("2026-03-31"), de),
            "Blockgebühr je 500 Nachrichten, Zeitraum 01.03.2026 bis 31.03.2026"
        );
        assert_eq!(decimal(Decimal::new(100_000_000, 2), 2, de), "1.000.000,00");
    }

    #[test]
    fn every_phrase_in_english() {
        let en = Language::En;
        assert_eq!(pack(&CreditKind::sms(), 1000, en), "SMS pack, 1,000 units");
        assert_eq!(
            pack(
                &CreditKind::new("fax").unwrap_or_else(|_| CreditKind::sms()),
                5,
                en
            ),
            "fax pack, 5 units"
        );
        assert_eq!(
            postage(Postage::NonPrior, Format::Small, 50, en),
            "Postage Non-prior, small format, up to 50 g"
        );
        assert_eq!(
            messages(Channel::SecureEmail, en),
            "Secure emails, pay as you go (per unit)"
        );
        assert_eq!(
            paid(PaymentMethod::Card, day("2026-03-04"), en),
            "Paid by card on 2026-03-04"
        );
        assert_eq!(decimal(Decimal::new(825, 4), 2, en), "0.0825");
        assert_eq!(decimal(Decimal::new(25, 0), 2, en), "25.00");
        assert_eq!(percent(Decimal::from(21), en), "21%");
        assert_eq!(labels(en).total_with_vat, "Total with VAT");
    }
}
