//! The error every exported function throws: [`EnvoiError`], one variant per family of codes.
//!
//! It mirrors the core's `envoi::Error` (one variant per domain). Each variant carries the core's
//! stable `code` (`"sms.too_many_parts"`…) and its message (`reason`, the core error's `Display`).
//! Kotlin sees a sealed `EnvoiException` with one subclass per variant, Swift an `EnvoiError` enum;
//! both have `code()`, `family()` and `message()`.

use envoi::ErrorCode;

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

/// An error raised by envoi. `code()` is the stable, machine-readable code (such as
/// `"sms.too_many_parts"`); `message()` is the human message, naming the field, the value and the
/// rule. Match on the code, not on the message.
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
    /// A money error (codes `money.*`).
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
    /// An argument this binding could not convert for the core (codes `argument.*`): a string that
    /// is not an ISO date (`argument.invalid_date`), a JSON that is not a calendar or a schedule
    /// (`argument.invalid_json`), an unknown holiday code or language (`argument.unknown_holiday`,
    /// `argument.unknown_language`), a schedule's `every` without `unit` or the reverse
    /// (`argument.incomplete_repeat`), a negative `limit` or occurrence index
    /// (`argument.invalid_limit`, `argument.invalid_index`). These codes are the binding's, not the
    /// core's.
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
            | EnvoiError::Other { code, reason } => (code, reason),
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

impl From<envoi::schedule::ScheduleError> for EnvoiError {
    fn from(error: envoi::schedule::ScheduleError) -> Self {
        envoi::Error::from(error).into()
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
    fn panic_error_has_the_internal_code() {
        let error = EnvoiError::panic("boom");
        assert_eq!(error.code(), PANIC_CODE);
        assert_eq!(error.family(), "internal");
        assert!(error.message().contains("boom"));
    }
}
