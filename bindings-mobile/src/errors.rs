//! The error every exported function throws: [`EnvoiError`], one variant per family of codes.
//!
//! It mirrors the core's `envoi::Error` (one variant per domain). Each variant carries the core's
//! stable `code` (`"sms.too_many_parts"`…) and its message (`reason`, the core error's `Display`).
//! Kotlin sees a sealed `EnvoiException` with one subclass per variant, Swift an `EnvoiError` enum;
//! both have `code()`, `family()` and `message()`. [`EnvoiError::Credit`] also carries the numbers
//! and keys of the core's `CreditError` (`needed`, `available`, `reserved`, `requested`, `at`,
//! `last`, `key`…) as fields; [`EnvoiError::Vat`], [`EnvoiError::Invoice`] and
//! [`EnvoiError::Language`] likewise carry the fields of the core's `VatError`, `InvoiceError` and
//! `LanguageError`.

use std::time::SystemTime;

use envoi::ErrorCode;
use envoi::contacts::import::ImportError;
use envoi::contacts::{ContactError, PhoneProblem};
use envoi::credits::CreditError;
use envoi::invoice::InvoiceError;
use envoi::language::LanguageError;
use envoi::post::{CountryError, DocumentRef, PdfError, PostError};
use envoi::security::SecurityError;
use envoi::senders::SenderError;
use envoi::templates::{Position, TemplateError, UnclosedAt};
use envoi::token::TokenError;
use envoi::tracking::{SecureAccessError, StatsError, TrackingError};
use envoi::vat::VatError;

use crate::credits::plans::IsoDate;
use crate::post::{CountryCandidate, RecipientFailure};
use crate::templates::UnknownField;
use crate::time::system_time;
use crate::token::Claims;
use crate::tracking::AccessLock;

/// The code of [`EnvoiError::Internal`] when a Rust panic was caught.
pub const PANIC_CODE: &str = "internal.panic";

/// The core's code for a date outside the supported range; this binding also gives it to an input
/// date past the core's dates (`EnvoiError::Schedule`).
pub const DATE_OUT_OF_RANGE_CODE: &str = "schedule.date_out_of_range";
/// [`EnvoiError::Argument`]: a string that is not an ISO 8601 calendar date `YYYY-MM-DD`.
pub const INVALID_DATE_CODE: &str = "argument.invalid_date";
/// [`EnvoiError::Argument`]: a JSON that is not a business calendar or a schedule in the core's form.
pub const INVALID_JSON_CODE: &str = "argument.invalid_json";
/// [`EnvoiError::Argument`]: a schedule given `every` without `unit`, or `unit` without `every`.
pub const INCOMPLETE_REPEAT_CODE: &str = "argument.incomplete_repeat";
/// [`EnvoiError::Argument`]: a negative `limit` for `Schedule.between`.
pub const INVALID_LIMIT_CODE: &str = "argument.invalid_limit";
/// [`EnvoiError::Argument`]: a negative occurrence index for `Schedule.occurrence`.
pub const INVALID_INDEX_CODE: &str = "argument.invalid_index";
/// [`EnvoiError::Argument`]: a holiday code that is not one of the core's.
pub const UNKNOWN_HOLIDAY_CODE: &str = "argument.unknown_holiday";
/// [`EnvoiError::Argument`]: a holiday language other than `fr`, `nl`, `de`, `en`.
pub const UNKNOWN_LANGUAGE_CODE: &str = "argument.unknown_language";
/// [`EnvoiError::Argument`]: an instant given to a credit ledger outside the core's range (years
/// -262143 to 262142; `java.time.Instant` reaches further).
pub const INSTANT_OUT_OF_RANGE_CODE: &str = "argument.instant_out_of_range";
/// [`EnvoiError::Argument`]: an integer the core's type cannot hold, such as negative `units` for a
/// purchase (the core takes an unsigned count) or a `validity_months` past 4 294 967 295.
pub const OUT_OF_RANGE_CODE: &str = "argument.out_of_range";
/// [`EnvoiError::Argument`]: a decimal number given as text that is not plain decimal text (digits,
/// an optional sign and one dot), such as `"1.0E-5"` (a binary float's `toString`) or `"25,00"`.
pub const INVALID_DECIMAL_CODE: &str = "argument.invalid_decimal";
/// [`EnvoiError::Argument`]: a host callback given as an argument failed (the host's online VAT
/// check threw, in `vat_treatment`'s `online_checker`; the host's click lookup threw, in
/// `Tracker.resolve_click`); the message contains the host's.
pub const HOST_ERROR_CODE: &str = "argument.host_error";
/// [`EnvoiError::Argument`]: an event kind other than `"open"` and `"click"` given to the
/// statistics.
pub const UNKNOWN_EVENT_KIND_CODE: &str = "argument.unknown_event_kind";
/// [`EnvoiError::Argument`]: an event's IP address that is not an IPv4 or IPv6 address as text.
pub const INVALID_IP_CODE: &str = "argument.invalid_ip";
/// [`EnvoiError::Argument`]: two arguments that exclude each other were both given (`vat_treatment`'s
/// `online_check` and `online_checker`).
pub const CONFLICTING_ARGUMENTS_CODE: &str = "argument.conflicting_arguments";

/// [`EnvoiError::Argument`]: a text that must be exactly one character and is not (the delimiter of
/// a contact import).
pub const INVALID_CHARACTER_CODE: &str = "argument.invalid_character";

/// [`EnvoiError::Argument`]: a time of day that is not ISO 8601 text `HH:MM` or `HH:MM:SS` (a task
/// field's time, `format_time`).
pub const INVALID_TIME_CODE: &str = "argument.invalid_time";

/// [`EnvoiError::Argument`]: a code that is not one of the core's: a postage (`"priority"`), an
/// envelope, a recipient policy, an ISO country code envoi does not know.
pub const UNKNOWN_VALUE_CODE: &str = "argument.unknown_value";

/// An error raised by envoi. `code()` is the stable, machine-readable code (such as
/// `"sms.too_many_parts"`); `message()` is the human message, naming the field, the value and the
/// rule. Match on the code, not on the message.
// `Post` carries every field of the core's letter errors by value (uniffi cannot pass a boxed
// field across the FFI), which makes it much larger than the other variants; errors are the cold
// path (see the note on `clippy::result_large_err` in lib.rs).
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[non_exhaustive]
pub enum EnvoiError {
    /// An SMS segmentation error (codes `sms.*`).
    #[error("{reason}")]
    Sms {
        /// The stable code, such as `"sms.too_many_parts"`.
        code: String,
        /// The message of the core.
        reason: String,
    },
    /// A time or time-zone error (codes `time.*`).
    #[error("{reason}")]
    Time {
        /// The stable code, such as `"time.unknown_zone"`.
        code: String,
        /// The message of the core.
        reason: String,
    },
    /// The host's clock failed (code `clock.host_error`).
    #[error("{reason}")]
    Clock {
        /// The stable code, `"clock.host_error"`.
        code: String,
        /// The message of the core, with the host's message.
        reason: String,
    },
    /// A money error (codes `money.*`: `money.invalid_amount` for an amount that is not a plain
    /// decimal number as text, `money.unknown_currency` for a code that is not ISO 4217).
    #[error("{reason}")]
    Money {
        /// The stable code, such as `"money.unknown_currency"`.
        code: String,
        /// The message of the core.
        reason: String,
    },
    /// An identifier was refused (codes `id.*`).
    #[error("{reason}")]
    Id {
        /// The stable code, such as `"id.empty"`.
        code: String,
        /// The message of the core.
        reason: String,
    },
    /// A schedule or business-calendar error (codes `schedule.*`: `schedule.invalid_interval`,
    /// `schedule.invalid_count`, `schedule.unknown_unit`, `schedule.stop_before_start`,
    /// `schedule.invalid_rrule`, `schedule.never_occurs`, `schedule.too_expensive`,
    /// `schedule.too_many_occurrences`, `schedule.no_business_day`, `schedule.date_out_of_range`).
    #[error("{reason}")]
    Schedule {
        /// The stable code, such as `"schedule.no_business_day"`.
        code: String,
        /// The message of the core.
        reason: String,
    },
    /// A credit ledger or billing-plan error (codes `credits.*`: `credits.insufficient_credit`,
    /// `credits.idempotency_conflict`, `credits.invalid_units`, `credits.order_not_found`,
    /// `credits.order_voided`, `credits.unknown_reservation`,
    /// `credits.reservation_already_committed`, `credits.reservation_already_released`,
    /// `credits.reservation_timed_out`, `credits.exceeds_reserved`, `credits.time_regression`,
    /// `credits.invalid_kind`, `credits.invalid_argument`, `credits.invalid_entries`).
    ///
    /// Besides `code` and `reason`, it carries the core error's numbers and keys under the core's
    /// field names, null/nil when the error has no such field: `insufficient_credit` has `kind`,
    /// `needed` and `available`; `exceeds_reserved` has `key`, `reserved` and `requested`;
    /// `time_regression` has `at` and `last`; `idempotency_conflict` and the reservation errors
    /// have `key`; `order_not_found` and `order_voided` have `order_id`; `invalid_argument` and
    /// `invalid_units` have `field` (the argument refused, such as `"block_size"`).
    #[error("{reason}")]
    Credit {
        /// The stable code, such as `"credits.insufficient_credit"`.
        code: String,
        /// The message of the core.
        reason: String,
        /// The credit kind (`insufficient_credit`).
        kind: Option<String>,
        /// The units the operation needed (`insufficient_credit`).
        needed: Option<u64>,
        /// The units available at the operation's time (`insufficient_credit`).
        available: Option<u64>,
        /// The units the reservation holds (`exceeds_reserved`).
        reserved: Option<u64>,
        /// The units the commit asked for (`exceeds_reserved`).
        requested: Option<u64>,
        /// The refused operation's time (`time_regression`).
        at: Option<SystemTime>,
        /// The time of the ledger's last operation (`time_regression`).
        last: Option<SystemTime>,
        /// The idempotency key or reservation key (`idempotency_conflict`, `unknown_reservation`,
        /// `reservation_already_committed`, `reservation_already_released`,
        /// `reservation_timed_out`, `exceeds_reserved`).
        key: Option<String>,
        /// The order id (`order_not_found`, `order_voided`).
        order_id: Option<String>,
        /// The argument refused, as the core names it (`invalid_argument`: `"validity_months"`,
        /// `"block_size"`, `"fee"`, `"end"`, `"period"`, `"previous_usage"`, `"month"`…;
        /// `invalid_units`: `"units"`).
        field: Option<String>,
    },
    /// A VAT number, rate, rate table or VAT treatment error (codes `vat.*`: `vat.empty`,
    /// `vat.unknown_country`, `vat.country_mismatch`, `vat.invalid_character`, `vat.bad_length`,
    /// `vat.bad_format`, `vat.bad_check_digit`, `vat.no_rate`, `vat.invalid_rate_table`,
    /// `vat.invalid_argument`, `vat.invalid_amount`, `vat.exemption_not_requested_at_order`).
    ///
    /// Besides `code` and `reason`, it carries the core error's fields under the core's names,
    /// null/nil when the error has no such field: `empty` has `field` and `value`;
    /// `unknown_country` has `field` and `value`; `country_mismatch` has `value`, `prefix` and
    /// `country` (the country given); `invalid_character` has `country`, `value` and `character`;
    /// `bad_length` has `country`, `compact`, `length` and `expected`; `bad_format` has `country`,
    /// `compact` and `rule`; `bad_check_digit` has `country` and `compact`; `no_rate` has `country`
    /// and `date`; `invalid_rate_table` has `entry`, `field`, `value` and `rule`;
    /// `invalid_argument` has `field`, `value` and `expected`; `invalid_amount` has `field`, `value`
    /// and `rule`; `exemption_not_requested_at_order` has `order_id` and `treatment`.
    #[error("{reason}")]
    Vat {
        /// The stable code, such as `"vat.bad_check_digit"`.
        code: String,
        /// The message of the core.
        reason: String,
        /// The argument or field refused (`"vat_number"`, `"country"`, `"customer_kind"`,
        /// `"b2c_current_year"`, a rate table's `"standard"`…).
        field: Option<String>,
        /// The value refused, as given.
        value: Option<String>,
        /// The country of the number or rate (`"BE"`, `"EL"`); for `country_mismatch`, the country
        /// the caller gave.
        country: Option<String>,
        /// The prefix read from the number (`country_mismatch`).
        prefix: Option<String>,
        /// The character no number of the country contains (`invalid_character`).
        character: Option<String>,
        /// The number in compact form (`bad_length`, `bad_format`, `bad_check_digit`).
        compact: Option<String>,
        /// The number's length after the country prefix (`bad_length`).
        length: Option<u64>,
        /// What was expected, as a person reads it (`bad_length`: `"9 digits"`;
        /// `invalid_argument`: `"business, consumer"`).
        expected: Option<String>,
        /// The rule broken, as a person reads it (`bad_format`, `invalid_rate_table`,
        /// `invalid_amount`).
        rule: Option<String>,
        /// The day asked for (`no_rate`).
        date: Option<IsoDate>,
        /// Where in the rate table (`invalid_rate_table`: `"FI, period from 2024-09-01"`…).
        entry: Option<String>,
        /// The order (`exemption_not_requested_at_order`).
        order_id: Option<String>,
        /// The treatment the order was placed with, as a person reads it
        /// (`exemption_not_requested_at_order`: `"charge BE 21% (belgian_customer)"`).
        treatment: Option<String>,
    },
    /// An invoice, invoice line, party or UBL export error (codes `invoice.*`:
    /// `invoice.invalid_text`, `invoice.invalid_quantity`, `invoice.invalid_unit_price`,
    /// `invoice.invalid_rate`, `invoice.category_rate_mismatch`, `invoice.invalid_identifier`,
    /// `invoice.invalid_argument`, `invoice.invalid_tax_currency`, `invoice.invalid_date`,
    /// `invoice.missing_field`, `invoice.not_applicable`, `invoice.incompatible_categories`,
    /// `invoice.unsupported_currency`, `invoice.line_rounding`, `invoice.amount_out_of_range`,
    /// `invoice.xml`).
    ///
    /// Besides `code` and `reason`, it carries the core error's fields under the core's names,
    /// null/nil when the error has no such field. `field` names the field refused for every code
    /// but `invoice.xml`: the core's own field, or the one its message starts with (`"quantity"`,
    /// `"unit_price"`, `"rate"`, `"category"`, `"tax_currency"`, `"lines"`). Decimals are text.
    #[error("{reason}")]
    Invoice {
        /// The stable code, such as `"invoice.missing_field"`.
        code: String,
        /// The message of the core.
        reason: String,
        /// The field refused (`"description"`, `"seller.name"`, `"customer.endpoint"`,
        /// `"quantity"`…).
        field: Option<String>,
        /// The value refused, as text (`invalid_text`, `invalid_quantity`, `invalid_unit_price`,
        /// `invalid_rate`, `invalid_identifier`, `invalid_argument`, `invalid_date`).
        value: Option<String>,
        /// The rule broken, as a person reads it (every code but `invalid_argument`,
        /// `line_rounding` and `xml`).
        rule: Option<String>,
        /// The accepted values (`invalid_argument`).
        expected: Option<String>,
        /// The category asked for, as its UBL code (`category_rate_mismatch`: `"S"`).
        category: Option<String>,
        /// The line's rate in percent (`category_rate_mismatch`).
        rate: Option<String>,
        /// The currency (`invalid_tax_currency`, `unsupported_currency`, `line_rounding`).
        currency: Option<String>,
        /// The exchange rate given (`invalid_tax_currency`).
        exchange_rate: Option<String>,
        /// One category present, as its UBL code (`incompatible_categories`: `"O"`).
        first: Option<String>,
        /// Another category present, as its UBL code (`incompatible_categories`).
        second: Option<String>,
        /// The position of the line, from 0 (`line_rounding`).
        index: Option<u64>,
        /// Quantity × unit price, unrounded (`line_rounding`).
        exact: Option<String>,
        /// The line's net amount, rounded to the currency's minor unit (`line_rounding`).
        net: Option<String>,
    },
    /// A language envoi does not write in (code `language.unsupported`): an invoice's language or
    /// the language of a VAT mention must be one of `fr`, `nl`, `de`, `en` (any case).
    #[error("{reason}")]
    Language {
        /// The stable code, `"language.unsupported"`.
        code: String,
        /// The message of the core.
        reason: String,
        /// The language code as given.
        value: String,
    },
    /// A signed token, key ring or one-time code error (codes `token.*`: `token.bad_base64`,
    /// `token.wrong_length`, `token.unsupported_version`, `token.unknown_key`, `token.bad_tag`,
    /// `token.non_canonical`, `token.wrong_purpose`, `token.expired`, `token.unknown_purpose`,
    /// `token.key_too_short`, `token.duplicate_key`, `token.active_key_missing`,
    /// `token.invalid_time`, `token.invalid_argument`, `token.code_malformed`,
    /// `token.code_mismatch`, `token.code_expired`, `token.code_locked`, `token.code_used`). A
    /// tracked email or a secure-email access whose key ring refused a token throws this variant
    /// too: the family follows the code.
    ///
    /// Besides `code` and `reason`, it carries the core error's fields under the core's names,
    /// null/nil when the error has no such field: `bad_base64` and `code_malformed` have `detail`
    /// (the core's `reason`, renamed: `reason` is the message here); `wrong_length` has `length`,
    /// `unit`, `min` and `max`; `unsupported_version` has `version` and `supported`;
    /// `unknown_key`, `bad_tag`, `duplicate_key` and `active_key_missing` have `key_id`;
    /// `key_too_short` has `key_id`, `length` and `min`; `non_canonical` has `field` and `rule`;
    /// `wrong_purpose` has `expected` and `found`; `expired` and `code_expired` have `expires_at`
    /// and `now`; `unknown_purpose` has `value`; `invalid_time` has `field`, `value` (the instant
    /// as RFC 3339 text) and `rule`; `invalid_argument` has `field`, `value` and `rule`;
    /// `code_mismatch` has `attempts_left`; `code_locked` has `attempts`.
    #[error("{reason}")]
    Token {
        /// The stable code, such as `"token.bad_tag"`.
        code: String,
        /// The message of the core.
        reason: String,
        /// What is wrong and where (`bad_base64`, `code_malformed`: the core's `reason`).
        detail: Option<String>,
        /// The length found (`wrong_length`: in `unit`s; `key_too_short`: bytes).
        length: Option<u64>,
        /// `"characters"` (the text, before decoding) or `"bytes"` (`wrong_length`).
        unit: Option<String>,
        /// The shortest length accepted (`wrong_length`, `key_too_short`).
        min: Option<u64>,
        /// The longest length accepted (`wrong_length`).
        max: Option<u64>,
        /// The format version found (`unsupported_version`).
        version: Option<u32>,
        /// The format version this envoi reads (`unsupported_version`).
        supported: Option<u32>,
        /// The key id, 0 to 255 (`unknown_key`, `bad_tag`, `key_too_short`, `duplicate_key`,
        /// `active_key_missing`).
        key_id: Option<u32>,
        /// The part or parameter refused (`non_canonical`: `"flags"`, `"account"`…;
        /// `invalid_time`: `"issued_at"`, `"expires_at"`; `invalid_argument`: `"tag_length"`,
        /// `"length"`, `"max_attempts"`, `"challenge_id"`, `"alphabet"`…).
        field: Option<String>,
        /// The value refused, as text (`unknown_purpose`, `invalid_time`, `invalid_argument`).
        value: Option<String>,
        /// The rule broken (`non_canonical`, `invalid_time`, `invalid_argument`).
        rule: Option<String>,
        /// The purpose verified for (`wrong_purpose`).
        expected: Option<String>,
        /// The purpose the token or challenge was made for (`wrong_purpose`).
        found: Option<String>,
        /// The token's or code's expiry (`expired`, `code_expired`).
        expires_at: Option<SystemTime>,
        /// The time of the verification (`expired`, `code_expired`).
        now: Option<SystemTime>,
        /// Attempts left before the challenge locks (`code_mismatch`).
        attempts_left: Option<u32>,
        /// The attempts the challenge allowed, all used (`code_locked`).
        attempts: Option<u32>,
    },
    /// A tracked-email, secure-email access or statistics error (codes `tracking.*`:
    /// `tracking.invalid_option`, `tracking.invalid_claims`, `tracking.too_many_links`,
    /// `tracking.ambiguous_html`, `tracking.html_rewrite_failed`; secure email
    /// `tracking.secure_link_mismatch`, `tracking.secure_locked`, `tracking.secure_code_required`,
    /// `tracking.secure_no_code_issued`, `tracking.secure_code_not_required`,
    /// `tracking.secure_too_many_codes`, `tracking.secure_wrong_code`,
    /// `tracking.secure_code_malformed`, `tracking.secure_code_expired`,
    /// `tracking.secure_code_used`, `tracking.secure_code_locked`; statistics
    /// `tracking.invalid_rules_json`, `tracking.invalid_machine_rule`, `tracking.invalid_ip_range`,
    /// `tracking.duplicate_rule_name`, `tracking.not_a_tracking_token`). The core's
    /// `TrackingError`, `SecureAccessError` and `StatsError` share it; their `token.*` cases (a
    /// link that does not verify, a token the key ring refused to issue) are [`EnvoiError::Token`].
    ///
    /// Besides `code` and `reason`, it carries the core error's fields under the core's names,
    /// null/nil when the error has no such field: `invalid_option` and `invalid_claims` have
    /// `field`, `value` and `rule`; `too_many_links` has `limit`; `ambiguous_html`,
    /// `html_rewrite_failed`, `secure_code_malformed` and `invalid_rules_json` have `detail` (the
    /// core's `detail` or `reason`); `secure_link_mismatch` has `expected` and `found` (claims);
    /// `secure_locked` has `lock`; `secure_too_many_codes` has `max`; `secure_wrong_code` has
    /// `attempts_left`; `secure_code_expired` has `expires_at`; `invalid_rules_json` has `line` and
    /// `column`; `invalid_machine_rule` and `invalid_ip_range` have `entry`, `field`, `value` and
    /// `rule`; `duplicate_rule_name` has `name`, `first` and `second`; `not_a_tracking_token` has
    /// `purpose`.
    #[error("{reason}")]
    Tracking {
        /// The stable code, such as `"tracking.secure_wrong_code"`.
        code: String,
        /// The message of the core.
        reason: String,
        /// The option, claim or rule field refused (`"base_url"`, `"claims.link"`,
        /// `"code.length"`, `"ranges[0]"`…).
        field: Option<String>,
        /// The value refused, as text.
        value: Option<String>,
        /// The rule broken.
        rule: Option<String>,
        /// The most links one email can track (`too_many_links`).
        limit: Option<u64>,
        /// What the HTML rewriter, the JSON parser or the code check said (`ambiguous_html`,
        /// `html_rewrite_failed`, `invalid_rules_json`, `secure_code_malformed`).
        detail: Option<String>,
        /// The access's claims (`secure_link_mismatch`).
        expected: Option<crate::token::Claims>,
        /// The link's claims (`secure_link_mismatch`).
        found: Option<crate::token::Claims>,
        /// Why and since when the access is locked (`secure_locked`).
        lock: Option<crate::tracking::AccessLock>,
        /// The codes the access allows, all issued (`secure_too_many_codes`).
        max: Option<u32>,
        /// Wrong codes still allowed (`secure_wrong_code`).
        attempts_left: Option<u32>,
        /// The current code's expiry (`secure_code_expired`).
        expires_at: Option<SystemTime>,
        /// The line of the JSON error, from 1; 0 when unknown (`invalid_rules_json`).
        line: Option<u64>,
        /// The column of the JSON error, from 1; 0 when unknown (`invalid_rules_json`).
        column: Option<u64>,
        /// Which rule: `"rules[3] (apple_mpp_user_agent)"` (`invalid_machine_rule`,
        /// `invalid_ip_range`).
        entry: Option<String>,
        /// The verdict rule name two rules give (`duplicate_rule_name`).
        name: Option<String>,
        /// The position of the first rule with that name (`duplicate_rule_name`).
        first: Option<u64>,
        /// The position of the second rule with that name (`duplicate_rule_name`).
        second: Option<u64>,
        /// The token's purpose, which is not `open` or `click` (`not_a_tracking_token`).
        purpose: Option<String>,
    },
    /// A letter error (codes `post.*`: the letter's documents, sheets and envelope
    /// `post.no_documents`, `post.empty_document`, `post.not_a4`, `post.background_not_one_page`,
    /// `post.too_many_sheets`, `post.envelope_too_small`, `post.too_heavy`; postage
    /// `post.rp_not_available`, `post.registered_national_only`, `post.return_address_required`,
    /// `post.acknowledgement_registered_only`, `post.non_prior_national_only`,
    /// `post.prior_international_abroad_only`; the address and its country line
    /// `post.empty_address`, `post.country_not_in_capitals`, `post.unknown_country`,
    /// `post.ambiguous_country`, `post.country_line_missing`; the post data `post.no_delivery_data`,
    /// `post.invalid_data`, `post.date_out_of_range`; jobs `post.illegal_transition`,
    /// `post.approval_required`, `post.self_approval`, `post.approval_link_mismatch`,
    /// `post.wrong_approver`, `post.approval_link_without_job`,
    /// `post.approval_link_without_approver`, `post.invalid_link_base`, `post.time_regression`,
    /// `post.invalid_job`, `post.not_registered`, `post.wrong_job_state`,
    /// `post.barcodes_not_assigned`, `post.no_recipients`, `post.job_refused`; registered mail
    /// `post.invalid_barcode`, `post.barcode_check_digit_mismatch`, `post.invalid_barcode_range`,
    /// `post.barcode_next_outside_range`, `post.barcode_range_exhausted`,
    /// `post.handover_before_submission`; a PDF document
    /// `post.pdf_corrupt`, `post.pdf_encrypted`, `post.pdf_no_pages`, `post.pdf_page_without_box`,
    /// `post.pdf_invalid_box`, `post.pdf_invalid_rotate`). A business-calendar error met while
    /// dating a letter stays [`EnvoiError::Schedule`], a token error of an approval link
    /// [`EnvoiError::Token`]: the family follows the code.
    ///
    /// Besides `code` and `reason`, it carries the core error's fields under the core's names,
    /// null/nil when the error has no such field: `empty_document` and `not_a4` (and a PDF error
    /// of a letter's document) have `document` (`"documents[1] (flyer)"` or `"background"`),
    /// `document_index` (from 0; null for the background) and `document_name`; `not_a4` has `page`
    /// (from 1), `width_mm` and `height_mm` (decimal text); `background_not_one_page` has `pages`;
    /// `too_many_sheets` has `sheets`, `max` and `over`; `envelope_too_small` has `envelope`,
    /// `capacity`, `sheets`, `over` and `smallest_fitting`; `too_heavy` has `weight_grams`,
    /// `format` and `max_grams`; `registered_national_only`, `non_prior_national_only` have
    /// `country`; `acknowledgement_registered_only` has `postage`; `no_delivery_data` has `country`
    /// and `verified_on`; `invalid_data` has `field`, `value` and `rule`; `date_out_of_range` has
    /// `field`, `date` and `rule`; `illegal_transition` has `from`, `to` and `rule`;
    /// `approval_required` has `from`; `self_approval` has `approver`; `approval_link_mismatch` has
    /// `link_account`, `link_job`, `account` and `job`; `wrong_approver` has `approver` and
    /// `given`; `approval_link_without_job` has `missing`; `invalid_link_base` has `value`;
    /// `time_regression` has `at` and `last_change`; `invalid_job` has `field`, `value` and
    /// `rule`; `not_registered` has `postage`; `wrong_job_state` has `action`, `state` and
    /// `needed`; `barcodes_not_assigned` has `letters`; `job_refused` has `recipients` and
    /// `failures` (each refused recipient's row and error); `invalid_barcode` and
    /// `invalid_barcode_range` have `field`, `value` and `rule`; `barcode_check_digit_mismatch` has
    /// `value`, `serial`, `expected` and `found`; `barcode_next_outside_range` has `next`, `first`
    /// and `last`; `barcode_range_exhausted` has `first_barcode`, `last_barcode`, `requested` and
    /// `remaining`; `handover_before_submission` has
    /// `submitted_on` and `handed_over_on`; the country line's errors have `line` (the address
    /// line, from 0; null for a name given alone) and `value`, with `proposed`
    /// (`country_not_in_capitals`), `suggestions` (`unknown_country`), `candidates`
    /// (`ambiguous_country`) or `prefix` (`country_line_missing`); the PDF errors have `detail`
    /// (`pdf_corrupt`: the reader's reason), `page` (from 1), `name` (the box: `"MediaBox"`…),
    /// `value` and `rule`.
    #[error("{reason}")]
    Post {
        /// The stable code, such as `"post.too_many_sheets"`.
        code: String,
        /// The message of the core.
        reason: String,
        /// The document, as the message names it: `"documents[1] (flyer)"`, `"background"`.
        document: Option<String>,
        /// The document's position in the letter's documents, from 0; null/nil for the background.
        document_index: Option<u64>,
        /// The document's name, when it has one.
        document_name: Option<String>,
        /// The page, from 1 (`not_a4`, `pdf_page_without_box`, `pdf_invalid_box`,
        /// `pdf_invalid_rotate`).
        page: Option<u64>,
        /// The page's width in millimetres, decimal text (`not_a4`).
        width_mm: Option<String>,
        /// The page's height in millimetres, decimal text (`not_a4`).
        height_mm: Option<String>,
        /// The background's pages (`background_not_one_page`).
        pages: Option<u64>,
        /// The sheets the letter needs (`too_many_sheets`, `envelope_too_small`).
        sheets: Option<u64>,
        /// The most sheets a letter may have, 25 (`too_many_sheets`).
        max: Option<u64>,
        /// How many sheets too many (`too_many_sheets`, `envelope_too_small`).
        over: Option<u64>,
        /// The envelope forced (`envelope_too_small`): `"us"`, `"c5"`, `"c4"`.
        envelope: Option<String>,
        /// The sheets the forced envelope holds (`envelope_too_small`).
        capacity: Option<u64>,
        /// The smallest envelope that holds the letter (`envelope_too_small`).
        smallest_fitting: Option<String>,
        /// The letter's weight in grams, decimal text (`too_heavy`).
        weight_grams: Option<String>,
        /// The format, `"small"` or `"large"` (`too_heavy`).
        format: Option<String>,
        /// The heaviest weight band of the format (`too_heavy`).
        max_grams: Option<u64>,
        /// The destination country, an ISO 3166-1 alpha-2 code (`registered_national_only`,
        /// `non_prior_national_only`, `no_delivery_data`).
        country: Option<String>,
        /// The postage asked for (`acknowledgement_registered_only`), the job's postage
        /// (`not_registered`).
        postage: Option<String>,
        /// The day the post data was last checked (`no_delivery_data`).
        verified_on: Option<IsoDate>,
        /// The field (`invalid_data`: `"envelopes[1].grams"`; `date_out_of_range`: the deadline;
        /// `invalid_job`: `"history[0].to"`, `"json"`…; `invalid_barcode`: `"barcode"`,
        /// `"service"`, `"serial"`, `"country"`; `invalid_barcode_range`: `"prefix"`, `"suffix"`,
        /// `"first"`, `"last"`, `"json"`).
        field: Option<String>,
        /// The value refused, as text (`invalid_data`, `invalid_link_base`, `invalid_job`, the
        /// barcode errors but `barcode_next_outside_range` and `barcode_range_exhausted`, the
        /// country line's errors, `pdf_invalid_box`, `pdf_invalid_rotate`).
        value: Option<String>,
        /// The rule broken (`invalid_data`, `date_out_of_range`, `illegal_transition`,
        /// `invalid_job`, `invalid_barcode`, `invalid_barcode_range`, `pdf_invalid_box`).
        rule: Option<String>,
        /// The day a deadline counts from (`date_out_of_range`).
        date: Option<IsoDate>,
        /// The job's state (`illegal_transition`, `approval_required`).
        from: Option<String>,
        /// The state asked for (`illegal_transition`).
        to: Option<String>,
        /// The approver, also the job's sender (`self_approval`); the approver asked
        /// (`wrong_approver`).
        approver: Option<u64>,
        /// The user who tried to approve or reject (`wrong_approver`).
        given: Option<u64>,
        /// The claim an approval link lacks: `"account"`, `"message"` or `"account and message"`
        /// (`approval_link_without_job`).
        missing: Option<String>,
        /// The account the approval link names (`approval_link_mismatch`).
        link_account: Option<u64>,
        /// The job the approval link names (`approval_link_mismatch`).
        link_job: Option<u64>,
        /// The account of the job the link was used for (`approval_link_mismatch`).
        account: Option<u64>,
        /// The job the link was used for (`approval_link_mismatch`).
        job: Option<u64>,
        /// The time given (`time_regression`).
        at: Option<SystemTime>,
        /// The time of the job's last change (`time_regression`; the core's `last`).
        last_change: Option<SystemTime>,
        /// The action asked (`wrong_job_state`: `"assign_barcodes"`, `"registered_summaries"`).
        action: Option<String>,
        /// The job's state (`wrong_job_state`).
        state: Option<String>,
        /// The state the action needs (`wrong_job_state`).
        needed: Option<String>,
        /// The number of letters of the job (`barcodes_not_assigned`).
        letters: Option<u64>,
        /// The job's recipients (`job_refused`).
        recipients: Option<u64>,
        /// Each refused recipient with its error, in row order (`job_refused`).
        failures: Option<Vec<crate::post::RecipientFailure>>,
        /// The eight-digit serial of an S10 barcode (`barcode_check_digit_mismatch`).
        serial: Option<String>,
        /// The check digit the serial gives (`barcode_check_digit_mismatch`).
        expected: Option<u64>,
        /// The check digit the barcode has (`barcode_check_digit_mismatch`).
        found: Option<u64>,
        /// The next serial of a stored range (`barcode_next_outside_range`).
        next: Option<u64>,
        /// The first serial of the range (`barcode_next_outside_range`).
        first: Option<u64>,
        /// The last serial of the range (`barcode_next_outside_range`).
        last: Option<u64>,
        /// The first barcode of the range (`barcode_range_exhausted`; the core's `first`).
        first_barcode: Option<String>,
        /// The last barcode of the range (`barcode_range_exhausted`; the core's `last`).
        last_barcode: Option<String>,
        /// How many barcodes were asked for (`barcode_range_exhausted`).
        requested: Option<u64>,
        /// How many are left, fewer than asked (`barcode_range_exhausted`).
        remaining: Option<u64>,
        /// The submission day (`handover_before_submission`).
        submitted_on: Option<IsoDate>,
        /// The handover day given (`handover_before_submission`).
        handed_over_on: Option<IsoDate>,
        /// The address line, from 0; null/nil for a name given alone (the country line's errors).
        line: Option<u64>,
        /// The line in capitals (`country_not_in_capitals`).
        proposed: Option<String>,
        /// The closest country names, closest first (`unknown_country`; possibly empty).
        suggestions: Option<Vec<crate::post::CountryCandidate>>,
        /// The countries the name can mean (`ambiguous_country`).
        candidates: Option<Vec<crate::post::CountryCandidate>>,
        /// The postcode prefix before the hyphen (`country_line_missing`: `"F"`).
        prefix: Option<String>,
        /// What the PDF reader found wrong (`pdf_corrupt`: the core's `reason`).
        detail: Option<String>,
        /// The PDF box (`pdf_invalid_box`: `"MediaBox"`, `"CropBox"`, `"UserUnit"`).
        name: Option<String>,
    },
    /// A merge-field template error (`templates.*`: `unclosed_field`, `empty_name`,
    /// `invalid_name`, `unknown_field`, `missing_value`, `invalid_task_field`). A field is null/nil
    /// when the code has none (README, *Templates*).
    #[error("{reason}")]
    Templates {
        /// The stable code.
        code: String,
        /// The core's message.
        reason: String,
        /// The line, from 1 (every code but `invalid_task_field`; `unknown_field`: the first use).
        line: Option<u64>,
        /// The column in characters, from 1.
        column: Option<u64>,
        /// The text from the `{{`, at most 40 characters.
        excerpt: Option<String>,
        /// `"end_of_text"`, `"end_of_line"` or `"next_field"` (`unclosed_field`).
        until: Option<String>,
        /// The next `{{`'s line (`until = "next_field"`).
        until_line: Option<u64>,
        /// The next `{{`'s column (`until = "next_field"`).
        until_column: Option<u64>,
        /// The character refused (`invalid_name`).
        character: Option<String>,
        /// A valid name close to it (`invalid_name`).
        hint: Option<String>,
        /// The field's name.
        name: Option<String>,
        /// The known fields, sorted (`unknown_field`).
        known: Option<Vec<String>>,
        /// The closest known field (`unknown_field`).
        suggestion: Option<String>,
        /// Every use of an unknown field, in reading order (`unknown_field`).
        fields: Option<Vec<crate::templates::UnknownField>>,
    },
    /// A sender error (`senders.*`: `not_international`, `alphanumeric_sender`, `not_mobile`,
    /// `not_verified`, `wrong_channel`, `already_verified`, `no_pending_verification`,
    /// `challenge_mismatch`, `too_many_verifications`, `invalid_parameter`). A field is null/nil
    /// when the code has none (README, *Senders*).
    #[error("{reason}")]
    Sender {
        /// The stable code.
        code: String,
        /// The core's message.
        reason: String,
        /// The text or parameter value given.
        value: Option<String>,
        /// The international form of a national number (`not_international`).
        suggestion: Option<String>,
        /// The number, E.164 (`not_mobile`).
        number: Option<String>,
        /// Its kind of line (`not_mobile`).
        kind: Option<String>,
        /// The sender's id.
        sender: Option<u64>,
        /// `"unverified"` or `"pending"` (`not_verified`).
        state: Option<String>,
        /// The address's channel (`wrong_channel`), the address (`challenge_mismatch`).
        address: Option<String>,
        /// The channel asked for (`wrong_channel`).
        channel: Option<String>,
        /// When it was verified (`already_verified`).
        at: Option<SystemTime>,
        /// The stored challenge's account (`challenge_mismatch`).
        found_account: Option<u64>,
        /// The stored challenge's sender (`challenge_mismatch`).
        found_sender: Option<u64>,
        /// The starts within 24 hours (`too_many_verifications`).
        count: Option<u64>,
        /// When the next start is allowed (`too_many_verifications`).
        next_allowed_at: Option<SystemTime>,
        /// The parameter (`invalid_parameter`).
        field: Option<String>,
        /// The rule broken (`invalid_parameter`).
        rule: Option<String>,
    },
    /// A login-protection or password-reset error (`security.*`: `invalid_parameter`,
    /// `account_locked`, `credential_changed`, `reset_token_used`, `wrong_account`,
    /// `reset_token_incomplete`); a reset token that does not verify is [`EnvoiError::Token`]. A
    /// field is null/nil when the code has none (README, *Security*).
    #[error("{reason}")]
    Security {
        /// The stable code.
        code: String,
        /// The core's message.
        reason: String,
        /// The parameter (`invalid_parameter`).
        field: Option<String>,
        /// Its value as given, durations in seconds (`invalid_parameter`).
        value: Option<String>,
        /// The rule broken (`invalid_parameter`).
        rule: Option<String>,
        /// The cap given (`invalid_parameter`, cap below the first lock).
        cap_seconds: Option<i64>,
        /// The first lock given (`invalid_parameter`, cap below the first lock).
        first_lock_seconds: Option<i64>,
        /// A login is allowed from then (`account_locked`).
        locked_until: Option<SystemTime>,
        /// The time left at the check, in milliseconds (`account_locked`).
        remaining_millis: Option<i64>,
        /// The token's credential version (`credential_changed`).
        token_version: Option<u32>,
        /// The account's current version (`credential_changed`).
        current_version: Option<u32>,
        /// The token's id (`reset_token_used`).
        token_id: Option<String>,
        /// The token's account (`wrong_account`).
        token_account: Option<u64>,
        /// The account that asked (`wrong_account`).
        account: Option<u64>,
        /// The missing claim (`reset_token_incomplete`).
        missing: Option<String>,
    },
    /// A contact error (`contacts.*`: `invalid_phone`, `invalid_email`, `unknown_region`,
    /// `unknown_contact`, `consent_out_of_order`). A field is null/nil when the code has none
    /// (README, *Contacts*).
    #[error("{reason}")]
    Contacts {
        /// The stable code.
        code: String,
        /// The core's message.
        reason: String,
        /// The text as given.
        value: Option<String>,
        /// Why the number was refused, snake case (`invalid_phone`).
        problem: Option<String>,
        /// The problem's message, the email's reason.
        detail: Option<String>,
        /// The character refused (`unexpected_character`).
        character: Option<String>,
        /// Its position in characters, from 1.
        position: Option<u64>,
        /// The text's length in bytes (`text_too_long`).
        length: Option<u64>,
        /// The most bytes allowed (`text_too_long`).
        max: Option<u64>,
        /// What it read as (`not_reproducible`).
        e164: Option<String>,
        /// The number's region (`invalid_for_region`).
        region: Option<String>,
        /// The calling code (`invalid_for_region`).
        country_code: Option<u16>,
        /// The unknown ids (`unknown_contact`).
        ids: Option<Vec<String>>,
        /// The channel (`consent_out_of_order`).
        channel: Option<String>,
        /// `"opt-out"` or `"opt-in"` (`consent_out_of_order`).
        action: Option<String>,
        /// The time given (`consent_out_of_order`).
        at: Option<SystemTime>,
        /// The channel's last change (`consent_out_of_order`).
        last: Option<SystemTime>,
    },
    /// A contact import that could not go on (`contacts.import.*`: `no_header`,
    /// `no_address_column`, `duplicate_column`, `unknown_mapping_column`, `unknown_field`,
    /// `invalid_delimiter`, `malformed_text`, `read_failed`, and `unterminated_quote`,
    /// `row_too_long` in the header); a row's problem is never thrown. A
    /// field is null/nil when the code has none (README, *Contacts*).
    #[error("{reason}")]
    ContactImport {
        /// The stable code.
        code: String,
        /// The core's message.
        reason: String,
        /// The header texts found.
        headers: Option<Vec<String>>,
        /// What both columns fill (`duplicate_column`).
        target: Option<String>,
        /// The first column (`duplicate_column`).
        first: Option<String>,
        /// Its position, from 1.
        first_position: Option<u64>,
        /// The second column (`duplicate_column`).
        second: Option<String>,
        /// Its position, from 1.
        second_position: Option<u64>,
        /// The mapping's column not in the header.
        column: Option<String>,
        /// The value refused.
        value: Option<String>,
        /// The encoding and offset, or the reader's message.
        detail: Option<String>,
        /// The header's unclosed quote line (`unterminated_quote`).
        quote_line: Option<u64>,
        /// The most bytes a line may take (`row_too_long`).
        limit: Option<u64>,
    },
    /// An argument this binding could not convert for the core (codes `argument.*`): a string that
    /// is not an ISO date (`argument.invalid_date`), a JSON that is not a calendar or a schedule
    /// (`argument.invalid_json`), an unknown holiday code or language (`argument.unknown_holiday`,
    /// `argument.unknown_language`), a schedule's `every` without `unit` or the reverse
    /// (`argument.incomplete_repeat`), a negative `limit` or occurrence index
    /// (`argument.invalid_limit`, `argument.invalid_index`), an entry of a credit ledger that is not
    /// JSON of the core's form (`argument.invalid_json`), an instant outside the core's range given
    /// to a ledger (`argument.instant_out_of_range`), an integer the core's type cannot hold
    /// (`argument.out_of_range`: negative units for a purchase…), a decimal number as text that is
    /// not plain decimal text (`argument.invalid_decimal`: `"1.0E-5"`, `"25,00"`), a host callback
    /// that failed (`argument.host_error`: the online VAT check given to `vat_treatment`, the click
    /// lookup given to `Tracker.resolve_click`), two arguments that exclude each other
    /// (`argument.conflicting_arguments`), an event kind other than open and click
    /// (`argument.unknown_event_kind`), an IP address that does not parse (`argument.invalid_ip`),
    /// a code that is not one of the core's (`argument.unknown_value`: a postage, an envelope, a
    /// recipient policy, a country code). These codes are the binding's, not the core's.
    #[error("{reason}")]
    Argument {
        /// The stable code, such as `"argument.invalid_date"`.
        code: String,
        /// What was wrong, naming the argument and the value.
        reason: String,
    },
    /// A bug in envoi: a Rust panic was caught (code `internal.panic`). Please report it.
    #[error("{reason}")]
    Internal {
        /// The stable code, `"internal.panic"`.
        code: String,
        /// What panicked.
        reason: String,
    },
    /// An error of a core domain this binding does not know yet (the core's `Error` is
    /// non-exhaustive); `code()` still gives its stable code.
    #[error("{reason}")]
    Other {
        /// The stable code.
        code: String,
        /// The message of the core.
        reason: String,
    },
}

impl EnvoiError {
    /// The error for a caught panic.
    pub(crate) fn panic(detail: &str) -> Self {
        EnvoiError::Internal {
            code: PANIC_CODE.to_owned(),
            reason: format!("internal: envoi panicked (this is a bug in envoi): {detail}"),
        }
    }

    /// An [`EnvoiError::Argument`].
    pub(crate) fn argument(code: &str, reason: String) -> Self {
        EnvoiError::Argument {
            code: code.to_owned(),
            reason,
        }
    }

    fn parts(&self) -> (&str, &str) {
        match self {
            EnvoiError::Sms { code, reason }
            | EnvoiError::Time { code, reason }
            | EnvoiError::Clock { code, reason }
            | EnvoiError::Money { code, reason }
            | EnvoiError::Id { code, reason }
            | EnvoiError::Schedule { code, reason }
            | EnvoiError::Argument { code, reason }
            | EnvoiError::Internal { code, reason }
            | EnvoiError::Other { code, reason }
            | EnvoiError::Credit { code, reason, .. }
            | EnvoiError::Vat { code, reason, .. }
            | EnvoiError::Invoice { code, reason, .. }
            | EnvoiError::Language { code, reason, .. }
            | EnvoiError::Token { code, reason, .. }
            | EnvoiError::Tracking { code, reason, .. }
            | EnvoiError::Post { code, reason, .. }
            | EnvoiError::Templates { code, reason, .. }
            | EnvoiError::Sender { code, reason, .. }
            | EnvoiError::Security { code, reason, .. }
            | EnvoiError::Contacts { code, reason, .. }
            | EnvoiError::ContactImport { code, reason, .. } => (code, reason),
        }
    }
}

#[uniffi::export]
impl EnvoiError {
    /// The stable code of the error, such as `"sms.too_many_parts"`.
    pub fn code(&self) -> String {
        self.parts().0.to_owned()
    }

    /// The family of the code: the part before the first dot (`"sms"` for `"sms.too_many_parts"`).
    pub fn family(&self) -> String {
        let code = self.parts().0;
        code.split_once('.')
            .map_or(code, |(family, _)| family)
            .to_owned()
    }

    /// The human message of the core: it names the field, the value and the rule.
    pub fn message(&self) -> String {
        self.parts().1.to_owned()
    }
}

impl From<envoi::Error> for EnvoiError {
    fn from(error: envoi::Error) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        match error {
            envoi::Error::Sms(_) => EnvoiError::Sms { code, reason },
            envoi::Error::Time(_) => EnvoiError::Time { code, reason },
            envoi::Error::Clock(_) => EnvoiError::Clock { code, reason },
            envoi::Error::Money(_) => EnvoiError::Money { code, reason },
            envoi::Error::Id(_) => EnvoiError::Id { code, reason },
            envoi::Error::Schedule(_) => EnvoiError::Schedule { code, reason },
            envoi::Error::Credit(error) => error.into(),
            envoi::Error::Vat(error) => error.into(),
            envoi::Error::Invoice(error) => error.into(),
            envoi::Error::Language(error) => error.into(),
            envoi::Error::Token(error) => error.into(),
            envoi::Error::Tracking(error) => error.into(),
            envoi::Error::SecureAccess(error) => error.into(),
            envoi::Error::Stats(error) => error.into(),
            envoi::Error::Post(error) => error.into(),
            envoi::Error::Templates(error) => error.into(),
            envoi::Error::Sender(error) => error.into(),
            envoi::Error::Security(error) => error.into(),
            envoi::Error::Contacts(error) => error.into(),
            envoi::Error::ContactImport(error) => error.into(),
            _ => EnvoiError::Other { code, reason },
        }
    }
}

impl From<envoi::sms::SmsError> for EnvoiError {
    fn from(error: envoi::sms::SmsError) -> Self {
        envoi::Error::from(error).into()
    }
}

impl From<envoi::time::TimeError> for EnvoiError {
    fn from(error: envoi::time::TimeError) -> Self {
        envoi::Error::from(error).into()
    }
}

impl From<envoi::time::ClockError> for EnvoiError {
    fn from(error: envoi::time::ClockError) -> Self {
        envoi::Error::from(error).into()
    }
}

impl From<envoi::ids::IdError> for EnvoiError {
    fn from(error: envoi::ids::IdError) -> Self {
        envoi::Error::from(error).into()
    }
}

impl From<envoi::money::MoneyError> for EnvoiError {
    fn from(error: envoi::money::MoneyError) -> Self {
        envoi::Error::from(error).into()
    }
}

impl From<envoi::schedule::ScheduleError> for EnvoiError {
    fn from(error: envoi::schedule::ScheduleError) -> Self {
        envoi::Error::from(error).into()
    }
}

impl From<CreditError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Credit`]).
    fn from(error: CreditError) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        let mut kind = None;
        let (mut needed, mut available, mut reserved, mut requested) = (None, None, None, None);
        let (mut at, mut last, mut key, mut order_id) = (None, None, None, None);
        let mut field = None;
        match error {
            CreditError::InsufficientCredit {
                kind: k,
                needed: n,
                available: a,
            } => {
                kind = Some(k.to_string());
                (needed, available) = (Some(n), Some(a));
            }
            CreditError::ExceedsReserved {
                key: k,
                reserved: r,
                requested: q,
            } => {
                key = Some(k);
                (reserved, requested) = (Some(r), Some(q));
            }
            CreditError::TimeRegression { at: a, last: l } => {
                (at, last) = (Some(system_time(a)), Some(system_time(l)));
            }
            CreditError::IdempotencyConflict { key: k, .. }
            | CreditError::UnknownReservation { key: k }
            | CreditError::ReservationAlreadyCommitted { key: k, .. }
            | CreditError::ReservationAlreadyReleased { key: k, .. }
            | CreditError::ReservationTimedOut { key: k, .. } => key = Some(k),
            CreditError::OrderNotFound { order_id: o }
            | CreditError::OrderVoided { order_id: o, .. } => {
                order_id = Some(o);
            }
            CreditError::InvalidArgument { field: f, .. }
            | CreditError::InvalidUnits { field: f, .. } => field = Some(f.to_owned()),
            _ => {}
        }
        EnvoiError::Credit {
            code,
            reason,
            kind,
            needed,
            available,
            reserved,
            requested,
            at,
            last,
            key,
            order_id,
            field,
        }
    }
}

impl From<VatError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Vat`]).
    fn from(error: VatError) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        let (mut field, mut value, mut country, mut prefix) = (None, None, None, None);
        let (mut character, mut compact, mut length, mut expected) = (None, None, None, None);
        let (mut rule, mut date, mut entry) = (None, None, None);
        let (mut order_id, mut treatment) = (None, None);
        match error {
            VatError::Empty { field: f, value: v }
            | VatError::UnknownCountry {
                field: f, value: v, ..
            } => {
                (field, value) = (Some(f.to_owned()), Some(v));
            }
            VatError::CountryMismatch {
                value: v,
                prefix: p,
                country: c,
            } => (value, prefix, country) = (Some(v), Some(p), Some(c)),
            VatError::InvalidCharacter {
                country: c,
                value: v,
                character: ch,
            } => (country, value, character) = (Some(c), Some(v), Some(ch.to_string())),
            VatError::BadLength {
                country: c,
                compact: n,
                length: l,
                expected: e,
            } => {
                (country, compact) = (Some(c), Some(n));
                (length, expected) = (u64::try_from(l).ok(), Some(e.to_owned()));
            }
            VatError::BadFormat {
                country: c,
                compact: n,
                rule: r,
            } => (country, compact, rule) = (Some(c), Some(n), Some(r.to_owned())),
            VatError::BadCheckDigit {
                country: c,
                compact: n,
            } => (country, compact) = (Some(c), Some(n)),
            VatError::NoRate {
                country: c,
                date: d,
                ..
            } => (country, date) = (Some(c), Some(IsoDate::of(d))),
            VatError::InvalidRateTable {
                entry: e,
                field: f,
                value: v,
                rule: r,
            } => (entry, field, value, rule) = (Some(e), Some(f), Some(v), Some(r)),
            VatError::InvalidArgument {
                field: f,
                value: v,
                expected: e,
            } => (field, value, expected) = (Some(f.to_owned()), Some(v), Some(e.to_owned())),
            VatError::InvalidAmount {
                field: f,
                value: v,
                rule: r,
            } => (field, value, rule) = (Some(f.to_owned()), Some(v), Some(r.to_owned())),
            VatError::ExemptionNotRequestedAtOrder {
                order_id: o,
                treatment: t,
            } => (order_id, treatment) = (Some(o), Some(t)),
            _ => {}
        }
        EnvoiError::Vat {
            code,
            reason,
            field,
            value,
            country,
            prefix,
            character,
            compact,
            length,
            expected,
            rule,
            date,
            entry,
            order_id,
            treatment,
        }
    }
}

impl From<InvoiceError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Invoice`]).
    fn from(error: InvoiceError) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        let (mut field, mut value, mut rule, mut expected) = (None, None, None, None);
        let (mut category, mut rate, mut currency, mut exchange_rate) = (None, None, None, None);
        let (mut first, mut second, mut index, mut exact, mut net) = (None, None, None, None, None);
        let name = |field: &str| Some(field.to_owned());
        match error {
            InvoiceError::InvalidText {
                field: f,
                value: v,
                rule: r,
            }
            | InvoiceError::InvalidIdentifier {
                field: f,
                value: v,
                rule: r,
            } => (field, value, rule) = (Some(f), Some(v), name(r)),
            InvoiceError::InvalidQuantity { value: v, rule: r } => {
                (field, value, rule) = (name("quantity"), Some(v.to_string()), name(r));
            }
            InvoiceError::InvalidUnitPrice { value: v, rule: r } => {
                (field, value, rule) = (name("unit_price"), Some(v.to_string()), name(r));
            }
            InvoiceError::InvalidRate { value: v, rule: r } => {
                (field, value, rule) = (name("rate"), Some(v.to_string()), name(r));
            }
            InvoiceError::CategoryRateMismatch {
                category: c,
                rate: t,
                rule: r,
            } => {
                (field, category, rate) = (name("category"), name(c.code()), Some(t.to_string()));
                rule = name(r);
            }
            InvoiceError::InvalidArgument {
                field: f,
                value: v,
                expected: e,
            } => (field, value, expected) = (name(f), Some(v), name(e)),
            InvoiceError::InvalidTaxCurrency {
                currency: c,
                exchange_rate: x,
                rule: r,
            } => {
                (field, currency, exchange_rate) =
                    (name("tax_currency"), name(c.code()), Some(x.to_string()));
                rule = name(r);
            }
            InvoiceError::InvalidDate {
                field: f,
                value: d,
                rule: r,
            } => (field, value, rule) = (name(f), Some(IsoDate::of(d).0), name(r)),
            InvoiceError::MissingField { field: f, rule: r }
            | InvoiceError::NotApplicable { field: f, rule: r }
            | InvoiceError::AmountOutOfRange { field: f, rule: r } => {
                (field, rule) = (name(f), name(r));
            }
            InvoiceError::IncompatibleCategories {
                first: a,
                second: b,
                rule: r,
            } => {
                (field, first, second) = (name("lines"), name(a.code()), name(b.code()));
                rule = name(r);
            }
            InvoiceError::UnsupportedCurrency {
                field: f,
                currency: c,
                rule: r,
            } => (field, currency, rule) = (name(f), name(c.code()), name(r)),
            InvoiceError::LineRounding {
                index: i,
                exact: e,
                net: n,
                currency: c,
            } => {
                (field, index) = (name("lines"), u64::try_from(i).ok());
                (exact, net, currency) = (Some(e.to_string()), Some(n.to_string()), name(c.code()));
            }
            _ => {}
        }
        EnvoiError::Invoice {
            code,
            reason,
            field,
            value,
            rule,
            expected,
            category,
            rate,
            currency,
            exchange_rate,
            first,
            second,
            index,
            exact,
            net,
        }
    }
}

impl From<LanguageError> for EnvoiError {
    /// `code`, `reason` and the code as given (see [`EnvoiError::Language`]).
    fn from(error: LanguageError) -> Self {
        EnvoiError::Language {
            code: error.code().to_owned(),
            reason: error.to_string(),
            value: error.value,
        }
    }
}

/// The fields of [`EnvoiError::Token`] besides its code and message, all null/nil by default.
#[derive(Default)]
struct TokenFields {
    detail: Option<String>,
    length: Option<u64>,
    unit: Option<String>,
    min: Option<u64>,
    max: Option<u64>,
    version: Option<u32>,
    supported: Option<u32>,
    key_id: Option<u32>,
    field: Option<String>,
    value: Option<String>,
    rule: Option<String>,
    expected: Option<String>,
    found: Option<String>,
    expires_at: Option<SystemTime>,
    now: Option<SystemTime>,
    attempts_left: Option<u32>,
    attempts: Option<u32>,
}

/// A `usize` of the core as the FFI's `u64` (every `usize` fits on the platforms envoi runs on).
fn wide(value: usize) -> Option<u64> {
    u64::try_from(value).ok()
}

/// A static name of the core as an owned field value.
fn name(value: &str) -> Option<String> {
    Some(value.to_owned())
}

impl From<TokenError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Token`]).
    fn from(error: TokenError) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        let mut f = TokenFields::default();
        match error {
            TokenError::BadBase64 { reason: detail }
            | TokenError::CodeMalformed { reason: detail } => {
                f.detail = Some(detail);
            }
            TokenError::WrongLength {
                length,
                unit,
                min,
                max,
            } => {
                (f.length, f.unit) = (wide(length), name(unit));
                (f.min, f.max) = (wide(min), wide(max));
            }
            TokenError::UnsupportedVersion { version, supported } => {
                (f.version, f.supported) = (Some(version.into()), Some(supported.into()));
            }
            TokenError::UnknownKey { key_id }
            | TokenError::BadTag { key_id }
            | TokenError::DuplicateKey { key_id }
            | TokenError::ActiveKeyMissing { key_id } => f.key_id = Some(key_id.into()),
            TokenError::KeyTooShort {
                key_id,
                length,
                min,
            } => (f.key_id, f.length, f.min) = (Some(key_id.into()), wide(length), wide(min)),
            TokenError::NonCanonical { field, rule } => {
                (f.field, f.rule) = (name(field), name(rule))
            }
            TokenError::WrongPurpose { expected, found } => {
                (f.expected, f.found) = (name(expected.as_str()), name(found.as_str()));
            }
            TokenError::Expired { expires_at, now }
            | TokenError::CodeExpired { expires_at, now } => {
                (f.expires_at, f.now) = (Some(system_time(expires_at)), Some(system_time(now)));
            }
            TokenError::UnknownPurpose { value } => f.value = Some(value),
            TokenError::InvalidTime { field, value, rule } => {
                let value = value.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
                (f.field, f.value, f.rule) = (name(field), Some(value), name(rule));
            }
            TokenError::InvalidArgument { field, value, rule } => {
                (f.field, f.value, f.rule) = (name(field), Some(value), name(rule));
            }
            TokenError::CodeMismatch { attempts_left } => f.attempts_left = Some(attempts_left),
            TokenError::CodeLocked { attempts } => f.attempts = Some(attempts),
            _ => {}
        }
        EnvoiError::Token {
            code,
            reason,
            detail: f.detail,
            length: f.length,
            unit: f.unit,
            min: f.min,
            max: f.max,
            version: f.version,
            supported: f.supported,
            key_id: f.key_id,
            field: f.field,
            value: f.value,
            rule: f.rule,
            expected: f.expected,
            found: f.found,
            expires_at: f.expires_at,
            now: f.now,
            attempts_left: f.attempts_left,
            attempts: f.attempts,
        }
    }
}

/// The fields of [`EnvoiError::Tracking`] besides its code and message, all null/nil by default.
#[derive(Default)]
struct TrackingFields {
    field: Option<String>,
    value: Option<String>,
    rule: Option<String>,
    limit: Option<u64>,
    detail: Option<String>,
    expected: Option<Claims>,
    found: Option<Claims>,
    lock: Option<AccessLock>,
    max: Option<u32>,
    attempts_left: Option<u32>,
    expires_at: Option<SystemTime>,
    line: Option<u64>,
    column: Option<u64>,
    entry: Option<String>,
    name: Option<String>,
    first: Option<u64>,
    second: Option<u64>,
    purpose: Option<String>,
}

impl TrackingFields {
    fn into_error(self, code: &str, reason: String) -> EnvoiError {
        EnvoiError::Tracking {
            code: code.to_owned(),
            reason,
            field: self.field,
            value: self.value,
            rule: self.rule,
            limit: self.limit,
            detail: self.detail,
            expected: self.expected,
            found: self.found,
            lock: self.lock,
            max: self.max,
            attempts_left: self.attempts_left,
            expires_at: self.expires_at,
            line: self.line,
            column: self.column,
            entry: self.entry,
            name: self.name,
            first: self.first,
            second: self.second,
            purpose: self.purpose,
        }
    }
}

impl From<TrackingError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Tracking`]); a token the
    /// key ring refused to issue is an [`EnvoiError::Token`].
    fn from(error: TrackingError) -> Self {
        let code = error.code();
        let reason = error.to_string();
        let mut f = TrackingFields::default();
        match error {
            TrackingError::Token(error) => return error.into(),
            TrackingError::InvalidOption { field, value, rule }
            | TrackingError::InvalidClaims { field, value, rule } => {
                (f.field, f.value, f.rule) = (name(field), Some(value), name(rule));
            }
            TrackingError::TooManyLinks { limit } => f.limit = wide(limit),
            TrackingError::AmbiguousHtml { detail } | TrackingError::HtmlRewrite { detail } => {
                f.detail = Some(detail);
            }
            _ => {}
        }
        f.into_error(code, reason)
    }
}

impl From<SecureAccessError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Tracking`]); a link that
    /// does not verify, or a code the key ring could not handle, is an [`EnvoiError::Token`].
    fn from(error: SecureAccessError) -> Self {
        let code = error.code();
        let reason = error.to_string();
        let mut f = TrackingFields::default();
        match error {
            SecureAccessError::InvalidLink(error) | SecureAccessError::Code(error) => {
                return error.into();
            }
            SecureAccessError::LinkMismatch { expected, found } => {
                (f.expected, f.found) = (Some(Claims::of(&expected)), Some(Claims::of(&found)));
            }
            SecureAccessError::Locked(lock) => f.lock = Some(AccessLock::of(&lock)),
            SecureAccessError::TooManyCodes { max } => f.max = Some(max),
            SecureAccessError::WrongCode { attempts_left } => f.attempts_left = Some(attempts_left),
            SecureAccessError::CodeMalformed { reason: detail } => f.detail = Some(detail),
            SecureAccessError::CodeExpired { expires_at } => {
                f.expires_at = Some(system_time(expires_at));
            }
            _ => {}
        }
        f.into_error(code, reason)
    }
}

impl From<StatsError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Tracking`]).
    fn from(error: StatsError) -> Self {
        let code = error.code();
        let reason = error.to_string();
        let mut f = TrackingFields::default();
        match error {
            StatsError::InvalidRulesJson {
                line,
                column,
                reason: detail,
            } => (f.line, f.column, f.detail) = (wide(line), wide(column), Some(detail)),
            StatsError::InvalidMachineRule {
                entry,
                field,
                value,
                rule,
            }
            | StatsError::InvalidIpRange {
                entry,
                field,
                value,
                rule,
            } => {
                (f.entry, f.field) = (Some(entry), Some(field));
                (f.value, f.rule) = (Some(value), Some(rule));
            }
            StatsError::DuplicateRuleName {
                name: rule_name,
                first,
                second,
            } => (f.name, f.first, f.second) = (Some(rule_name), wide(first), wide(second)),
            StatsError::NotATrackingToken { purpose } => f.purpose = Some(purpose),
            _ => {}
        }
        f.into_error(code, reason)
    }
}

/// The fields of [`EnvoiError::Post`] besides its code and message, all null/nil by default.
#[derive(Default)]
pub(crate) struct PostFields {
    pub(crate) document: Option<String>,
    pub(crate) document_index: Option<u64>,
    pub(crate) document_name: Option<String>,
    page: Option<u64>,
    width_mm: Option<String>,
    height_mm: Option<String>,
    pages: Option<u64>,
    sheets: Option<u64>,
    max: Option<u64>,
    over: Option<u64>,
    envelope: Option<String>,
    capacity: Option<u64>,
    smallest_fitting: Option<String>,
    weight_grams: Option<String>,
    format: Option<String>,
    max_grams: Option<u64>,
    country: Option<String>,
    postage: Option<String>,
    verified_on: Option<IsoDate>,
    field: Option<String>,
    value: Option<String>,
    rule: Option<String>,
    date: Option<IsoDate>,
    from: Option<String>,
    to: Option<String>,
    approver: Option<u64>,
    given: Option<u64>,
    missing: Option<String>,
    link_account: Option<u64>,
    link_job: Option<u64>,
    account: Option<u64>,
    job: Option<u64>,
    at: Option<SystemTime>,
    last_change: Option<SystemTime>,
    action: Option<String>,
    state: Option<String>,
    needed: Option<String>,
    letters: Option<u64>,
    recipients: Option<u64>,
    failures: Option<Vec<RecipientFailure>>,
    serial: Option<String>,
    expected: Option<u64>,
    found: Option<u64>,
    next: Option<u64>,
    first: Option<u64>,
    last: Option<u64>,
    first_barcode: Option<String>,
    last_barcode: Option<String>,
    requested: Option<u64>,
    remaining: Option<u64>,
    submitted_on: Option<IsoDate>,
    handed_over_on: Option<IsoDate>,
    line: Option<u64>,
    proposed: Option<String>,
    suggestions: Option<Vec<CountryCandidate>>,
    candidates: Option<Vec<CountryCandidate>>,
    prefix: Option<String>,
    detail: Option<String>,
    name: Option<String>,
}

impl PostFields {
    /// The fields of a post error (a calendar or token error it wraps is not one: see
    /// [`post_error`]).
    pub(crate) fn of(error: &PostError) -> Self {
        let mut f = PostFields::default();
        let decimal = |value: &rust_decimal::Decimal| Some(value.to_string());
        match error {
            PostError::EmptyDocument { document } => f.set_document(document),
            PostError::NotA4 {
                document,
                page,
                width_mm,
                height_mm,
            } => {
                f.set_document(document);
                f.page = Some(*page);
                (f.width_mm, f.height_mm) = (decimal(width_mm), decimal(height_mm));
            }
            PostError::BackgroundNotOnePage { pages } => f.pages = Some(*pages),
            PostError::TooManySheets { sheets, max, over } => {
                (f.sheets, f.max, f.over) = (Some(*sheets), Some((*max).into()), Some(*over));
            }
            PostError::EnvelopeTooSmall {
                envelope,
                capacity,
                sheets,
                over,
                smallest_fitting,
            } => {
                (f.envelope, f.capacity) = (name(envelope.code()), Some((*capacity).into()));
                (f.sheets, f.over) = (Some(*sheets), Some(*over));
                f.smallest_fitting = name(smallest_fitting.code());
            }
            PostError::TooHeavy {
                weight_grams,
                format,
                max_grams,
            } => {
                (f.weight_grams, f.format) = (decimal(weight_grams), name(format.code()));
                f.max_grams = Some((*max_grams).into());
            }
            PostError::RegisteredNationalOnly { country }
            | PostError::NonPriorNationalOnly { country } => f.country = name(country.code()),
            PostError::AcknowledgementRegisteredOnly { postage } => {
                f.postage = name(postage.code());
            }
            PostError::NoDeliveryData {
                country,
                verified_on,
            } => {
                f.country = name(country.code());
                f.verified_on = Some(IsoDate::of(*verified_on));
            }
            PostError::InvalidData { field, value, rule }
            | PostError::InvalidJob { field, value, rule } => {
                (f.field, f.value, f.rule) =
                    (Some(field.clone()), Some(value.clone()), Some(rule.clone()));
            }
            PostError::DateOutOfRange { field, date, rule } => {
                (f.field, f.date, f.rule) = (name(field), Some(IsoDate::of(*date)), name(rule));
            }
            PostError::IllegalTransition { from, to, rule } => {
                (f.from, f.to, f.rule) = (name(from.code()), name(to.code()), name(rule));
            }
            PostError::ApprovalRequired { from } => f.from = name(from.code()),
            PostError::SelfApproval { approver } => f.approver = Some(*approver),
            PostError::WrongApprover { approver, given } => {
                (f.approver, f.given) = (Some(*approver), Some(*given));
            }
            PostError::ApprovalLinkWithoutJob { missing } => f.missing = name(missing),
            PostError::ApprovalLinkMismatch {
                link_account,
                link_job,
                account,
                job,
            } => {
                (f.link_account, f.link_job) = (Some(*link_account), Some(*link_job));
                (f.account, f.job) = (Some(*account), Some(*job));
            }
            PostError::InvalidLinkBase { value } => f.value = Some(value.clone()),
            PostError::TimeRegression { at, last } => {
                (f.at, f.last_change) = (Some(system_time(*at)), Some(system_time(*last)));
            }
            PostError::JobRefused {
                recipients,
                failures,
            } => {
                f.recipients = wide(*recipients);
                f.failures = Some(failures.iter().map(RecipientFailure::of).collect());
            }
            PostError::NotRegistered { postage } => f.postage = name(postage.code()),
            PostError::WrongJobState {
                action,
                state,
                needed,
            } => {
                (f.action, f.state) = (name(action), name(state.code()));
                f.needed = name(needed.code());
            }
            PostError::BarcodesNotAssigned { letters } => f.letters = wide(*letters),
            PostError::InvalidBarcode { field, value, rule }
            | PostError::InvalidBarcodeRange { field, value, rule } => {
                (f.field, f.value, f.rule) = (name(field), Some(value.clone()), Some(rule.clone()));
            }
            PostError::BarcodeCheckDigitMismatch {
                value,
                serial,
                expected,
                found,
            } => {
                (f.value, f.serial) = (Some(value.clone()), Some(serial.clone()));
                (f.expected, f.found) = (Some((*expected).into()), Some((*found).into()));
            }
            PostError::BarcodeNextOutsideRange { next, first, last } => {
                (f.next, f.first, f.last) = (Some(*next), Some(*first), Some(*last));
            }
            PostError::BarcodeRangeExhausted {
                first,
                last,
                requested,
                remaining,
            } => {
                (f.first_barcode, f.last_barcode) = (Some(first.clone()), Some(last.clone()));
                (f.requested, f.remaining) = (Some(*requested), Some(*remaining));
            }
            PostError::HandoverBeforeSubmission {
                submitted_on,
                handed_over_on,
            } => {
                f.submitted_on = Some(IsoDate::of(*submitted_on));
                f.handed_over_on = Some(IsoDate::of(*handed_over_on));
            }
            PostError::Country(error) => f.set_country(error),
            PostError::Pdf(error) => f.set_pdf(error),
            // Every known error without fields, named so that a new one is seen here.
            PostError::NoDocuments
            | PostError::RpNotAvailable
            | PostError::ReturnAddressRequired
            | PostError::PriorInternationalAbroadOnly
            | PostError::EmptyAddress
            | PostError::ApprovalLinkWithoutApprover
            | PostError::NoRecipients => {}
            // Their own family: see `post_error`.
            PostError::Schedule(_) | PostError::Token(_) => {}
            // The core's enum is non-exhaustive: an error added later keeps its code and message.
            _ => {}
        }
        f
    }

    /// `document`, `document_index` and `document_name` of a document of the letter.
    pub(crate) fn set_document(&mut self, document: &DocumentRef) {
        self.document = Some(document.to_string());
        if let DocumentRef::Document { index, name } = document {
            (self.document_index, self.document_name) = (wide(*index), name.clone());
        }
    }

    fn set_country(&mut self, error: &CountryError) {
        let candidates = |found: &[envoi::post::CountryCandidate]| {
            Some(found.iter().map(CountryCandidate::of).collect())
        };
        match error {
            CountryError::NotInCapitals {
                line,
                value,
                proposed,
            } => {
                (self.line, self.value) = (line.and_then(wide), Some(value.clone()));
                self.proposed = Some(proposed.clone());
            }
            CountryError::UnknownCountry {
                line,
                value,
                suggestions,
            } => {
                (self.line, self.value) = (line.and_then(wide), Some(value.clone()));
                self.suggestions = candidates(suggestions);
            }
            CountryError::AmbiguousCountry {
                line,
                value,
                candidates: found,
            } => {
                (self.line, self.value) = (line.and_then(wide), Some(value.clone()));
                self.candidates = candidates(found);
            }
            CountryError::CountryLineMissing {
                line,
                value,
                prefix,
            } => {
                (self.line, self.value) = (wide(*line), Some(value.clone()));
                self.prefix = Some(prefix.clone());
            }
            _ => {}
        }
    }

    fn set_pdf(&mut self, error: &PdfError) {
        match error {
            PdfError::Corrupt { reason } => self.detail = Some(reason.clone()),
            PdfError::PageWithoutBox { page } => self.page = wide(*page),
            PdfError::InvalidBox {
                page,
                name: box_name,
                value,
                rule,
            } => {
                (self.page, self.name) = (wide(*page), name(box_name));
                (self.value, self.rule) = (Some(value.clone()), name(rule));
            }
            PdfError::InvalidRotate { page, value } => {
                (self.page, self.value) = (wide(*page), Some(value.clone()));
            }
            _ => {}
        }
    }

    pub(crate) fn into_error(self, code: &str, reason: String) -> EnvoiError {
        EnvoiError::Post {
            code: code.to_owned(),
            reason,
            document: self.document,
            document_index: self.document_index,
            document_name: self.document_name,
            page: self.page,
            width_mm: self.width_mm,
            height_mm: self.height_mm,
            pages: self.pages,
            sheets: self.sheets,
            max: self.max,
            over: self.over,
            envelope: self.envelope,
            capacity: self.capacity,
            smallest_fitting: self.smallest_fitting,
            weight_grams: self.weight_grams,
            format: self.format,
            max_grams: self.max_grams,
            country: self.country,
            postage: self.postage,
            verified_on: self.verified_on,
            field: self.field,
            value: self.value,
            rule: self.rule,
            date: self.date,
            from: self.from,
            to: self.to,
            approver: self.approver,
            given: self.given,
            missing: self.missing,
            link_account: self.link_account,
            link_job: self.link_job,
            account: self.account,
            job: self.job,
            at: self.at,
            last_change: self.last_change,
            action: self.action,
            state: self.state,
            needed: self.needed,
            letters: self.letters,
            recipients: self.recipients,
            failures: self.failures,
            serial: self.serial,
            expected: self.expected,
            found: self.found,
            next: self.next,
            first: self.first,
            last: self.last,
            first_barcode: self.first_barcode,
            last_barcode: self.last_barcode,
            requested: self.requested,
            remaining: self.remaining,
            submitted_on: self.submitted_on,
            handed_over_on: self.handed_over_on,
            line: self.line,
            proposed: self.proposed,
            suggestions: self.suggestions,
            candidates: self.candidates,
            prefix: self.prefix,
            detail: self.detail,
            name: self.name,
        }
    }
}

/// A post error as this binding throws it: [`EnvoiError::Post`] with the core's fields, except the
/// calendar and token errors it wraps, which keep their own family.
pub(crate) fn post_error(error: PostError) -> EnvoiError {
    match error {
        PostError::Schedule(error) => error.into(),
        PostError::Token(error) => error.into(),
        error => PostFields::of(&error).into_error(error.code(), error.to_string()),
    }
}

impl From<PostError> for EnvoiError {
    /// See [`post_error`].
    fn from(error: PostError) -> Self {
        post_error(error)
    }
}

impl From<CountryError> for EnvoiError {
    /// A country-line error is a letter error ([`EnvoiError::Post`]).
    fn from(error: CountryError) -> Self {
        post_error(error.into())
    }
}

impl From<PdfError> for EnvoiError {
    /// A PDF error is a letter error ([`EnvoiError::Post`]).
    fn from(error: PdfError) -> Self {
        post_error(error.into())
    }
}

impl From<TemplateError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Templates`]).
    fn from(error: TemplateError) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        let (mut position, mut excerpt, mut until, mut next) = (None, None, None, None);
        let (mut character, mut hint, mut field, mut known, mut suggestion) =
            (None, None, None, None, None);
        let mut unknown = None;
        match error {
            TemplateError::UnclosedField {
                position: at,
                excerpt: text,
                until: stop,
            } => {
                (position, excerpt) = (Some(at), Some(text));
                until = name(match stop {
                    UnclosedAt::EndOfText => "end_of_text",
                    UnclosedAt::EndOfLine => "end_of_line",
                    UnclosedAt::NextField(at) => {
                        next = Some(at);
                        "next_field"
                    }
                });
            }
            TemplateError::EmptyName {
                position: at,
                excerpt: text,
            } => (position, excerpt) = (Some(at), Some(text)),
            TemplateError::InvalidName {
                position: at,
                character: c,
                excerpt: text,
                hint: h,
            } => {
                (position, excerpt) = (Some(at), Some(text));
                (character, hint) = (Some(c.to_string()), h);
            }
            TemplateError::UnknownField {
                fields: uses,
                known: k,
            } => {
                // The first use's name, position and suggestion, as for the other codes; every
                // use is in `fields`.
                if let Some(first) = uses.first() {
                    (field, position) = (Some(first.name.clone()), Some(first.position));
                    suggestion = first.suggestion.clone();
                }
                unknown = Some(uses.iter().map(UnknownField::of).collect());
                known = Some(k);
            }
            TemplateError::MissingValue {
                name: n,
                position: at,
            } => (field, position) = (Some(n), Some(at)),
            TemplateError::InvalidTaskField { name: n } => field = Some(n),
            _ => {}
        }
        EnvoiError::Templates {
            code,
            reason,
            line: position.and_then(|at: Position| wide(at.line)),
            column: position.and_then(|at| wide(at.column)),
            excerpt,
            until,
            until_line: next.and_then(|at: Position| wide(at.line)),
            until_column: next.and_then(|at| wide(at.column)),
            character,
            hint,
            name: field,
            known,
            suggestion,
            fields: unknown,
        }
    }
}

impl From<SecurityError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Security`]); a token
    /// error is an [`EnvoiError::Token`].
    fn from(error: SecurityError) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        let (mut field, mut value, mut rule) = (None, None, None);
        let (mut cap_seconds, mut first_lock_seconds) = (None, None);
        let (mut locked_until, mut remaining_millis) = (None, None);
        let (mut token_version, mut current_version, mut token_id) = (None, None, None);
        let (mut token_account, mut account, mut missing) = (None, None, None);
        match error {
            SecurityError::Token(error) => return error.into(),
            SecurityError::InvalidParameter {
                field: f,
                value: v,
                rule: r,
            } => (field, value, rule) = (name(f), Some(v), name(r)),
            SecurityError::CapBelowFirstLock {
                cap_seconds: c,
                first_lock_seconds: l,
            } => {
                // The parameter refused, as `invalid_parameter`'s other cases name it.
                (field, cap_seconds, first_lock_seconds) = (name("cap"), Some(c), Some(l));
            }
            SecurityError::AccountLocked {
                locked_until: until,
                remaining,
            } => {
                locked_until = Some(system_time(until));
                remaining_millis = Some(remaining.num_milliseconds());
            }
            SecurityError::CredentialChanged {
                token_version: t,
                current_version: c,
            } => (token_version, current_version) = (Some(t), Some(c)),
            SecurityError::ResetTokenUsed { token_id: id } => token_id = Some(id.to_string()),
            SecurityError::WrongAccount {
                token_account: t,
                account: a,
            } => (token_account, account) = (Some(t), Some(a)),
            SecurityError::ResetTokenIncomplete { missing: m } => missing = name(m),
            _ => {}
        }
        EnvoiError::Security {
            code,
            reason,
            field,
            value,
            rule,
            cap_seconds,
            first_lock_seconds,
            locked_until,
            remaining_millis,
            token_version,
            current_version,
            token_id,
            token_account,
            account,
            missing,
        }
    }
}

/// The fields of [`EnvoiError::Sender`] besides its code and message, all null/nil by default.
#[derive(Default)]
struct SenderFields {
    value: Option<String>,
    suggestion: Option<String>,
    number: Option<String>,
    kind: Option<String>,
    sender: Option<u64>,
    state: Option<String>,
    address: Option<String>,
    channel: Option<String>,
    at: Option<SystemTime>,
    found_account: Option<u64>,
    found_sender: Option<u64>,
    count: Option<u64>,
    next_allowed_at: Option<SystemTime>,
    field: Option<String>,
    rule: Option<String>,
}

impl From<SenderError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Sender`]); a number's
    /// contact error is an [`EnvoiError::Contacts`], a key ring's error an [`EnvoiError::Token`].
    fn from(error: SenderError) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        let mut f = SenderFields::default();
        match error {
            SenderError::Contact(error) => return error.into(),
            SenderError::Token(error) => return error.into(),
            SenderError::NotInternational { value, suggestion } => {
                (f.value, f.suggestion) = (Some(value), suggestion);
            }
            SenderError::AlphanumericSender { value } => f.value = Some(value),
            SenderError::NotMobile { number, kind } => {
                (f.number, f.kind) = (Some(number), name(kind.as_str()));
            }
            SenderError::NotVerified { sender, state } => {
                (f.sender, f.state) = (Some(sender), name(state));
            }
            SenderError::WrongChannel {
                sender,
                address,
                channel,
            } => {
                f.sender = Some(sender);
                (f.address, f.channel) = (name(address.as_str()), name(channel.as_str()));
            }
            SenderError::AlreadyVerified { sender, at } => {
                (f.sender, f.at) = (Some(sender), Some(system_time(at)));
            }
            SenderError::NoPendingVerification { sender } => f.sender = Some(sender),
            SenderError::ChallengeMismatch {
                sender,
                found_account,
                found_sender,
            } => {
                f.sender = Some(sender);
                (f.found_account, f.found_sender) = (found_account, found_sender);
            }
            SenderError::ChallengeForAnotherAddress { sender, address } => {
                (f.sender, f.address) = (Some(sender), Some(address));
            }
            SenderError::TooManyVerifications {
                sender,
                count,
                next_allowed_at,
            } => {
                (f.sender, f.count) = (Some(sender), wide(count));
                f.next_allowed_at = Some(system_time(next_allowed_at));
            }
            SenderError::InvalidParameter { field, value, rule } => {
                (f.field, f.value, f.rule) = (name(field), Some(value), name(rule));
            }
            _ => {}
        }
        EnvoiError::Sender {
            code,
            reason,
            value: f.value,
            suggestion: f.suggestion,
            number: f.number,
            kind: f.kind,
            sender: f.sender,
            state: f.state,
            address: f.address,
            channel: f.channel,
            at: f.at,
            found_account: f.found_account,
            found_sender: f.found_sender,
            count: f.count,
            next_allowed_at: f.next_allowed_at,
            field: f.field,
            rule: f.rule,
        }
    }
}

/// The fields of [`EnvoiError::Contacts`] besides its code and message, all null/nil by default.
#[derive(Default)]
struct ContactFields {
    value: Option<String>,
    problem: Option<String>,
    detail: Option<String>,
    character: Option<String>,
    position: Option<u64>,
    length: Option<u64>,
    max: Option<u64>,
    e164: Option<String>,
    region: Option<String>,
    country_code: Option<u16>,
    ids: Option<Vec<String>>,
    channel: Option<String>,
    action: Option<String>,
    at: Option<SystemTime>,
    last: Option<SystemTime>,
}

impl ContactFields {
    /// The phone problem's name and fields.
    fn phone_problem(&mut self, problem: &PhoneProblem) {
        self.detail = Some(problem.to_string());
        self.problem = name(match problem {
            PhoneProblem::Empty => "empty",
            PhoneProblem::NoDigit => "no_digit",
            PhoneProblem::UnexpectedCharacter {
                character,
                position,
            } => {
                (self.character, self.position) = (Some(character.to_string()), wide(*position));
                "unexpected_character"
            }
            PhoneProblem::TextTooLong { len, max } => {
                (self.length, self.max) = (wide(*len), wide(*max));
                "text_too_long"
            }
            PhoneProblem::TooShort => "too_short",
            PhoneProblem::TooLong => "too_long",
            PhoneProblem::InvalidCountryCode => "invalid_country_code",
            PhoneProblem::NotReproducible { e164 } => {
                self.e164 = Some(e164.clone());
                "not_reproducible"
            }
            PhoneProblem::NotE164 => "not_e164",
            PhoneProblem::InvalidForRegion {
                region,
                country_code,
            } => {
                self.region = region.as_ref().map(|region| region.as_str().to_owned());
                self.country_code = Some(*country_code);
                "invalid_for_region"
            }
            _ => {
                self.problem = None;
                return;
            }
        });
    }
}

impl From<ContactError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::Contacts`]).
    fn from(error: ContactError) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        let mut f = ContactFields::default();
        match error {
            ContactError::UnknownRegion { value } => f.value = Some(value),
            ContactError::InvalidPhone { value, reason } => {
                f.value = Some(value);
                f.phone_problem(&reason);
            }
            ContactError::InvalidEmail { value, reason } => {
                (f.value, f.detail) = (Some(value), Some(reason));
            }
            ContactError::UnknownContact { ids } => {
                f.ids = Some(ids.iter().map(|id| id.as_str().to_owned()).collect());
            }
            ContactError::ConsentOutOfOrder {
                channel,
                action,
                at,
                last,
            } => {
                (f.channel, f.action) = (name(channel.as_str()), name(action));
                (f.at, f.last) = (Some(system_time(at)), Some(system_time(last)));
            }
            _ => {}
        }
        EnvoiError::Contacts {
            code,
            reason,
            value: f.value,
            problem: f.problem,
            detail: f.detail,
            character: f.character,
            position: f.position,
            length: f.length,
            max: f.max,
            e164: f.e164,
            region: f.region,
            country_code: f.country_code,
            ids: f.ids,
            channel: f.channel,
            action: f.action,
            at: f.at,
            last: f.last,
        }
    }
}

impl From<ImportError> for EnvoiError {
    /// `code`, `reason` and the core's fields, copied (see [`EnvoiError::ContactImport`]).
    fn from(error: ImportError) -> Self {
        let code = error.code().to_owned();
        let reason = error.to_string();
        let (mut headers, mut target, mut first, mut first_position) = (None, None, None, None);
        let (mut second, mut second_position, mut column) = (None, None, None);
        let (mut value, mut detail, mut quote_line, mut limit) = (None, None, None, None);
        match error {
            ImportError::NoAddressColumn { headers: h } => headers = Some(h),
            ImportError::DuplicateColumn {
                target: t,
                first: a,
                first_position: a_at,
                second: b,
                second_position: b_at,
            } => {
                (target, first, first_position) = (Some(t), Some(a), wide(a_at));
                (second, second_position) = (Some(b), wide(b_at));
            }
            ImportError::UnknownMappingColumn {
                column: c,
                headers: h,
            } => (column, headers) = (Some(c), Some(h)),
            ImportError::UnknownField { value: v } => value = Some(v),
            ImportError::InvalidDelimiter { value: v } => value = Some(v.to_string()),
            ImportError::MalformedText { detail: d } => detail = Some(d),
            ImportError::ReadFailed { message } => detail = Some(message),
            ImportError::HeaderUnterminatedQuote { quote_line: q } => quote_line = Some(q),
            ImportError::HeaderTooLong { limit: l } => limit = wide(l),
            _ => {}
        }
        EnvoiError::ContactImport {
            code,
            reason,
            headers,
            target,
            first,
            first_position,
            second,
            second_position,
            column,
            value,
            detail,
            quote_line,
            limit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_code_family_and_message_of_the_core() {
        let core = envoi::sms::SmsOptions::max_parts_from(256).unwrap_err();
        let error = EnvoiError::from(core.clone());
        assert!(matches!(error, EnvoiError::Sms { .. }));
        assert_eq!(error.code(), "sms.invalid_max_parts");
        assert_eq!(error.family(), "sms");
        assert_eq!(error.message(), core.to_string());
        assert_eq!(error.to_string(), core.to_string());
    }

    #[test]
    fn clock_and_time_errors_keep_their_family() {
        let clock = EnvoiError::from(envoi::time::ClockError::new("down"));
        assert!(matches!(clock, EnvoiError::Clock { .. }));
        assert_eq!(clock.code(), "clock.host_error");
        let zone = EnvoiError::from("Mars/Olympus".parse::<envoi::time::Zone>().unwrap_err());
        assert!(matches!(zone, EnvoiError::Time { .. }));
        assert_eq!(zone.code(), "time.unknown_zone");
    }

    #[test]
    fn schedule_errors_keep_their_family() {
        let core = envoi::schedule::BusinessCalendar::belgium()
            .next_business_day(chrono::NaiveDate::MAX)
            .unwrap_err();
        let error = EnvoiError::from(core.clone());
        assert!(matches!(error, EnvoiError::Schedule { .. }));
        assert_eq!(error.code(), DATE_OUT_OF_RANGE_CODE);
        assert_eq!(error.family(), "schedule");
        assert_eq!(error.message(), core.to_string());
    }

    #[test]
    fn credit_errors_carry_the_core_fields() {
        let core = CreditError::InsufficientCredit {
            kind: envoi::credits::CreditKind::sms(),
            needed: 12,
            available: 5,
        };
        let error = EnvoiError::from(envoi::Error::from(core.clone()));
        let EnvoiError::Credit {
            kind,
            needed,
            available,
            key,
            at,
            ..
        } = &error
        else {
            panic!("not a credit error: {error:?}");
        };
        assert_eq!(
            (kind.as_deref(), *needed, *available),
            (Some("sms"), Some(12), Some(5))
        );
        assert_eq!((key, at), (&None, &None));
        assert_eq!(error.code(), "credits.insufficient_credit");
        assert_eq!(error.family(), "credits");
        assert_eq!(error.message(), core.to_string());
    }

    #[test]
    fn invalid_arguments_name_their_field() {
        let core =
            envoi::credits::monthly_statement(&[], 2026, 13, Default::default()).unwrap_err();
        let error = EnvoiError::from(core);
        let EnvoiError::Credit { field, key, .. } = &error else {
            panic!("not a credit error: {error:?}");
        };
        assert_eq!((field.as_deref(), key), (Some("month"), &None));
        assert_eq!(error.code(), "credits.invalid_argument");
    }

    #[test]
    fn money_errors_keep_their_family() {
        let error = EnvoiError::from(envoi::money::Money::parse("1e3", "EUR").unwrap_err());
        assert!(matches!(error, EnvoiError::Money { .. }));
        assert_eq!(error.code(), "money.invalid_amount");
        assert_eq!(error.family(), "money");
    }

    #[test]
    fn token_and_tracking_errors_carry_the_core_fields() {
        // Errors no call of this binding can produce (a Map has no duplicate key, the rewriter's
        // other failures) still map with their fields.
        let error = EnvoiError::from(TokenError::DuplicateKey { key_id: 7 });
        let EnvoiError::Token { key_id, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(
            (error.code().as_str(), *key_id),
            ("token.duplicate_key", Some(7))
        );
        let error = EnvoiError::from(TrackingError::HtmlRewrite {
            detail: "boom".into(),
        });
        let EnvoiError::Tracking { detail, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(error.code(), "tracking.html_rewrite_failed");
        assert_eq!(
            (error.family().as_str(), detail.as_deref()),
            ("tracking", Some("boom"))
        );

        // The token cases of the tracking families are token errors.
        let inner = TokenError::BadTag { key_id: 2 };
        for error in [
            EnvoiError::from(TrackingError::Token(inner.clone())),
            EnvoiError::from(SecureAccessError::InvalidLink(inner.clone())),
            EnvoiError::from(SecureAccessError::Code(inner.clone())),
            EnvoiError::from(envoi::Error::from(inner.clone())),
        ] {
            assert!(
                matches!(
                    error,
                    EnvoiError::Token {
                        key_id: Some(2),
                        ..
                    }
                ),
                "{error:?}"
            );
            assert_eq!(error.code(), "token.bad_tag");
        }

        let at: envoi::time::Instant = "2026-04-01T09:00:00Z".parse().unwrap();
        let lock = envoi::tracking::AccessLock {
            reason: envoi::tracking::LockReason::Revoked,
            at,
        };
        let error = EnvoiError::from(envoi::Error::from(SecureAccessError::Locked(lock)));
        let EnvoiError::Tracking { lock, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(
            lock.as_ref().map(|lock| lock.reason.as_str()),
            Some("revoked")
        );
        assert_eq!(lock.as_ref().map(|lock| lock.at), Some(system_time(at)));

        let error = EnvoiError::from(envoi::Error::from(StatsError::NotATrackingToken {
            purpose: "approval".into(),
        }));
        assert!(matches!(&error, EnvoiError::Tracking { purpose: Some(p), .. } if p == "approval"));

        let error = EnvoiError::from(TokenError::InvalidTime {
            field: "issued_at",
            value: at,
            rule: "is early",
        });
        let EnvoiError::Token { value, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(value.as_deref(), Some("2026-04-01T09:00:00Z"));
    }

    #[test]
    fn post_errors_carry_the_core_fields_and_wrapped_errors_keep_their_family() {
        let error = EnvoiError::from(envoi::Error::from(PostError::TooManySheets {
            sheets: 27,
            max: 25,
            over: 2,
        }));
        let EnvoiError::Post {
            sheets,
            max,
            over,
            country,
            ..
        } = &error
        else {
            panic!("{error:?}");
        };
        assert_eq!(
            (*sheets, *max, *over, country),
            (Some(27), Some(25), Some(2), &None)
        );
        assert_eq!(
            (error.code().as_str(), error.family().as_str()),
            ("post.too_many_sheets", "post")
        );

        let error = EnvoiError::from(envoi::post::country("KOREA").unwrap_err());
        let EnvoiError::Post {
            candidates, line, ..
        } = &error
        else {
            panic!("{error:?}");
        };
        let codes: Vec<&str> = candidates
            .iter()
            .flatten()
            .map(|c| c.country.as_str())
            .collect();
        assert_eq!((codes, *line), (vec!["KP", "KR"], None));

        let schedule = envoi::schedule::BusinessCalendar::belgium()
            .next_business_day(chrono::NaiveDate::MAX)
            .unwrap_err();
        let error = EnvoiError::from(PostError::Schedule(schedule));
        assert!(matches!(error, EnvoiError::Schedule { .. }), "{error:?}");
        let error = EnvoiError::from(PostError::Token(TokenError::BadTag { key_id: 1 }));
        assert!(
            matches!(
                error,
                EnvoiError::Token {
                    key_id: Some(1),
                    ..
                }
            ),
            "{error:?}"
        );
    }

    /// The error as [`EnvoiError::Post`], its code checked.
    fn post(error: PostError, code: &str) -> EnvoiError {
        let error = EnvoiError::from(envoi::Error::from(error));
        assert!(matches!(error, EnvoiError::Post { .. }), "{error:?}");
        assert_eq!(
            (error.code().as_str(), error.family().as_str()),
            (code, "post")
        );
        error
    }

    #[test]
    fn job_errors_carry_their_fields() {
        let EnvoiError::Post {
            approver, given, ..
        } = post(
            PostError::WrongApprover {
                approver: 9,
                given: 8,
            },
            "post.wrong_approver",
        )
        else {
            unreachable!()
        };
        assert_eq!((approver, given), (Some(9), Some(8)));

        let EnvoiError::Post { missing, .. } = post(
            PostError::ApprovalLinkWithoutJob { missing: "message" },
            "post.approval_link_without_job",
        ) else {
            unreachable!()
        };
        assert_eq!(missing.as_deref(), Some("message"));

        let job = envoi::post::Job::from_json(r#"{"account":1}"#).unwrap_err();
        let EnvoiError::Post {
            field, value, rule, ..
        } = post(job, "post.invalid_job")
        else {
            unreachable!()
        };
        assert_eq!(field.as_deref(), Some("json"));
        assert_eq!(value.as_deref(), Some("line 1 column 13"));
        assert!(rule.is_some_and(|rule| rule.contains("missing field")));

        let EnvoiError::Post { postage, .. } = post(
            PostError::NotRegistered {
                postage: envoi::post::Postage::NonPrior,
            },
            "post.not_registered",
        ) else {
            unreachable!()
        };
        assert_eq!(postage.as_deref(), Some("non_prior"));

        let EnvoiError::Post {
            action,
            state,
            needed,
            from,
            ..
        } = post(
            PostError::WrongJobState {
                action: "assign_barcodes",
                state: envoi::post::JobState::Submitted,
                needed: envoi::post::JobState::Processing,
            },
            "post.wrong_job_state",
        )
        else {
            unreachable!()
        };
        assert_eq!(
            (action.as_deref(), state.as_deref(), needed.as_deref(), from),
            (
                Some("assign_barcodes"),
                Some("submitted"),
                Some("processing"),
                None
            )
        );

        let EnvoiError::Post { letters, .. } = post(
            PostError::BarcodesNotAssigned { letters: 3 },
            "post.barcodes_not_assigned",
        ) else {
            unreachable!()
        };
        assert_eq!(letters, Some(3));
    }

    #[test]
    fn barcode_errors_carry_their_fields() {
        let error = envoi::post::Barcode::parse("rr123456785be").unwrap_err();
        let EnvoiError::Post {
            field, value, rule, ..
        } = post(error, "post.invalid_barcode")
        else {
            unreachable!()
        };
        assert_eq!(
            (field.as_deref(), value.as_deref()),
            (Some("barcode"), Some("rr123456785be"))
        );
        assert!(rule.is_some());

        let error = envoi::post::Barcode::parse("RR123456789BE").unwrap_err();
        let EnvoiError::Post {
            value,
            serial,
            expected,
            found,
            ..
        } = post(error, "post.barcode_check_digit_mismatch")
        else {
            unreachable!()
        };
        assert_eq!(
            (value.as_deref(), serial.as_deref(), expected, found),
            (Some("RR123456789BE"), Some("12345678"), Some(5), Some(9))
        );

        let error = envoi::post::BarcodeRange::s10("CE", 1, 10, "BE").unwrap_err();
        let EnvoiError::Post {
            field,
            value,
            rule,
            first,
            ..
        } = post(error, "post.invalid_barcode_range")
        else {
            unreachable!()
        };
        assert_eq!(
            (field.as_deref(), value.as_deref(), first),
            (Some("prefix"), Some("CE"), None)
        );
        assert!(rule.is_some());

        let stored =
            r#"{"format":"s10","prefix":"RR","suffix":"BE","first":10,"last":11,"next":12}"#;
        let error = envoi::post::BarcodeRange::from_json(stored).unwrap_err();
        let EnvoiError::Post {
            next, first, last, ..
        } = post(error, "post.barcode_next_outside_range")
        else {
            unreachable!()
        };
        assert_eq!((next, first, last), (Some(12), Some(10), Some(11)));

        let mut range = envoi::post::BarcodeRange::s10("RR", 1, 3, "BE").unwrap();
        let error = range.take(4).unwrap_err();
        let EnvoiError::Post {
            first_barcode,
            last_barcode,
            requested,
            remaining,
            first,
            ..
        } = post(error, "post.barcode_range_exhausted")
        else {
            unreachable!()
        };
        assert_eq!(
            (
                first_barcode.as_deref(),
                last_barcode.as_deref(),
                requested,
                remaining,
                first
            ),
            (
                Some("RR000000014BE"),
                Some("RR000000031BE"),
                Some(4),
                Some(3),
                None
            )
        );
    }

    #[test]
    fn panic_error_has_the_internal_code() {
        let error = EnvoiError::panic("boom");
        assert_eq!(error.code(), PANIC_CODE);
        assert_eq!(error.family(), "internal");
        assert!(error.message().contains("boom"));
    }
}
