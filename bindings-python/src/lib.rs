//! Python bindings of envoi (`envoi._envoi`, wrapped by the `envoi` Python package).
//!
//! This crate only converts types and maps errors; every rule lives in the core crate `envoi`.
//! Its modules mirror the core's: [`sms`] ↔ `envoi::sms` ↔ `envoi.sms`, [`time`] ↔ `envoi::time`
//! ↔ `envoi.time`, [`schedule`] ↔ `envoi::schedule` ↔ `envoi.schedule`, [`credits`] ↔
//! `envoi::credits` ↔ `envoi.credits`, [`vat`] ↔ `envoi::vat` ↔ `envoi.vat`, [`invoice`] ↔
//! `envoi::invoice` ↔ `envoi.invoice`, [`post`] ↔ `envoi::post` ↔ `envoi.post`, [`token`] and
//! [`tracking`] ↔ `envoi::token` and `envoi::tracking` ↔ `envoi.tracking`, [`contacts`] ↔
//! `envoi::contacts` ↔ `envoi.contacts`, [`templates`] ↔ `envoi::templates` ↔ `envoi.templates`,
//! [`senders`] ↔ `envoi::senders` ↔ `envoi.senders`, [`security`] ↔ `envoi::security` ↔
//! `envoi.security`, [`account`] ↔ `envoi::account` ↔ `envoi.account`, [`billing`] (price lists,
//! numbers) and [`orders`] (orders, drafts, the book, the runs) ↔ `envoi::billing` ↔
//! `envoi.billing`, [`errors`] ↔
//! `envoi::error` ↔ `envoi.errors`. Every exported function runs under [`errors::guard`], so a Rust
//! panic becomes `envoi.InternalError`, and core work runs with the interpreter detached (other Python threads keep running), except
//! where it takes less than detaching costs (`envoi.vat.validate`, issuing and verifying tokens).

use pyo3::prelude::*;

mod account;
mod billing;
mod contacts;
mod credits;
mod errors;
mod invoice;
mod orders;
mod post;
mod schedule;
mod security;
mod senders;
mod sms;
mod templates;
mod testing;
mod time;
mod token;
mod tracking;
mod vat;

/// The native part of the `envoi` package; import `envoi`, `envoi.sms`, `envoi.time`,
/// `envoi.schedule`, `envoi.credits`, `envoi.vat`, `envoi.invoice`, `envoi.post`, `envoi.tracking`,
/// `envoi.contacts`, `envoi.templates`, `envoi.senders`, `envoi.security`, `envoi.account`
/// and `envoi.billing` instead.
#[pymodule]
fn _envoi(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_class::<sms::SmsAnalysis>()?;
    module.add_class::<sms::UserData>()?;
    module.add_function(wrap_pyfunction!(sms::analyze, module)?)?;
    module.add_function(wrap_pyfunction!(time::now_in, module)?)?;
    module.add_class::<schedule::BusinessCalendar>()?;
    module.add_function(wrap_pyfunction!(schedule::belgium, module)?)?;
    module.add_function(wrap_pyfunction!(schedule::weekdays, module)?)?;
    module.add_function(wrap_pyfunction!(schedule::easter_sunday, module)?)?;
    module.add_function(wrap_pyfunction!(schedule::holiday_name, module)?)?;
    module.add_class::<schedule::Schedule>()?;
    module.add("MAX_CLOSED_RUN_DAYS", envoi::schedule::MAX_CLOSED_RUN_DAYS)?;
    module.add("MAX_CANDIDATES", envoi::schedule::MAX_CANDIDATES)?;
    module.add_class::<credits::Ledger>()?;
    module.add_class::<credits::Order>()?;
    module.add_class::<credits::Reservation>()?;
    module.add_class::<credits::Settled>()?;
    module.add_class::<credits::Adjustment>()?;
    module.add_class::<credits::Balance>()?;
    module.add_class::<credits::Lot>()?;
    module.add_class::<credits::Notices>()?;
    module.add_class::<credits::LowBalance>()?;
    module.add_class::<credits::Expiring>()?;
    module.add_class::<credits::StatementLine>()?;
    module.add_class::<credits::plans::BlockPlan>()?;
    module.add_class::<credits::plans::BlockPeriod>()?;
    module.add_class::<credits::plans::BillableItem>()?;
    module.add_class::<credits::plans::UsageRecord>()?;
    module.add_class::<credits::plans::MonthlyStatement>()?;
    module.add_function(wrap_pyfunction!(credits::plans::monthly_statement, module)?)?;
    module.add(
        "DEFAULT_VALIDITY_MONTHS",
        envoi::credits::DEFAULT_VALIDITY_MONTHS,
    )?;
    module.add("MAX_UNITS", envoi::credits::MAX_UNITS)?;
    module.add_class::<vat::Validation>()?;
    module.add_function(wrap_pyfunction!(vat::validate, module)?)?;
    module.add_function(wrap_pyfunction!(vat::validate_many, module)?)?;
    module.add_function(wrap_pyfunction!(vat::parse, module)?)?;
    module.add_function(wrap_pyfunction!(vat::is_eu_member_state, module)?)?;
    module.add_class::<vat::Rate>()?;
    module.add_class::<vat::RateTable>()?;
    module.add_function(wrap_pyfunction!(vat::rate, module)?)?;
    module.add_class::<vat::OnlineCheck>()?;
    module.add_class::<vat::VatEvidence>()?;
    module.add_class::<vat::Treatment>()?;
    module.add_function(wrap_pyfunction!(vat::treatment, module)?)?;
    module.add_function(wrap_pyfunction!(vat::mention_text, module)?)?;
    module.add_function(wrap_pyfunction!(vat::explain, module)?)?;
    vat::add_constants(module)?;
    post::register(module)?;
    contacts::register(module)?;
    templates::register(module)?;
    senders::register(module)?;
    security::register(module)?;
    account::register(module)?;
    billing::register(module)?;
    orders::register(module)?;
    module.add_class::<invoice::InvoiceLine>()?;
    module.add_class::<invoice::Party>()?;
    module.add_class::<invoice::RateTotal>()?;
    module.add_class::<invoice::Totals>()?;
    module.add_class::<invoice::Invoice>()?;
    invoice::add_constants(module)?;
    module.add_class::<token::KeyRing>()?;
    module.add_class::<token::Verified>()?;
    module.add_class::<token::CodeChallenge>()?;
    module.add_class::<tracking::Tracker>()?;
    module.add_class::<tracking::TrackedEmail>()?;
    module.add_class::<tracking::UntrackedLink>()?;
    module.add_class::<tracking::ClickResolution>()?;
    module.add_class::<tracking::OpenResolution>()?;
    module.add_class::<tracking::MachineRules>()?;
    module.add_class::<tracking::Stats>()?;
    module.add_class::<tracking::Verdict>()?;
    module.add_class::<tracking::StatsReport>()?;
    module.add_class::<tracking::MessageStats>()?;
    module.add_class::<tracking::RecipientLinkStats>()?;
    module.add_class::<tracking::LinkStats>()?;
    module.add_class::<tracking::EngagementCounts>()?;
    module.add_class::<tracking::SecureAccess>()?;
    module.add_class::<tracking::SecureOpen>()?;
    module.add_class::<tracking::AccessLock>()?;
    module.add_function(wrap_pyfunction!(testing::panic_for_test, module)?)?;
    Ok(())
}
