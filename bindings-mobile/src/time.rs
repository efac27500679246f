//! Time: the host's [`Clock`] and [`now_in`], adapted to `envoi::time`.
//!
//! The host implements [`Clock`] in Kotlin or Swift. [`HostClock`] adapts it to the core's
//! `envoi::time::Clock`, which `envoi::time::Zone::now` calls.
//!
//! ## What happens to an error the host's clock raises
//!
//! - **Kotlin**: use the hand-written `dev.envoi.nowIn` (it wraps the generated `nowInFfi`). It keeps
//!   the exception the clock threw, whatever its class, and re-throws *that same object* after the
//!   core returns: the caller gets its own exception back.
//! - **Swift** (and `nowInFfi` in Kotlin): an error thrown by the clock crosses the FFI by value. A
//!   thrown [`ClockError`] keeps its `reason`; any other error is described as a string by uniffi.
//!   Either way the call throws `EnvoiError.clock` with code `clock.host_error` and a message that
//!   contains the host's message.

use std::sync::Arc;
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use envoi::time::{Instant, Zone};

use crate::{EnvoiError, guard};

/// The error a host's [`Clock`] may throw (Kotlin: `ClockException`).
///
/// A host may throw anything from `now()`; see the module documentation for what reaches the
/// caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ClockError {
    /// The host could not tell the time.
    #[error("{reason}")]
    Failed {
        /// Why, in the host's words.
        reason: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for ClockError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        ClockError::Failed {
            reason: error.reason,
        }
    }
}

/// The host's clock: where "now" comes from. envoi never reads the system clock itself.
///
/// Implement it in Kotlin (`object : Clock { override fun now() = Instant.now() }`) or Swift.
#[uniffi::export(foreign)]
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Result<SystemTime, ClockError>;
}

/// The host's [`Clock`] seen as the core's `envoi::time::Clock`.
pub struct HostClock(pub Arc<dyn Clock>);

impl envoi::time::Clock for HostClock {
    fn now(&self) -> Result<Instant, envoi::time::ClockError> {
        let time = self
            .0
            .now()
            .map_err(|ClockError::Failed { reason }| envoi::time::ClockError::new(reason))?;
        instant(time).ok_or_else(|| {
            envoi::time::ClockError::new(format!("the instant {time:?} is out of range"))
        })
    }
}

/// A `SystemTime` (Kotlin `java.time.Instant`, Swift `Date`) as the core's [`Instant`], to the
/// nanosecond; `None` beyond chrono's range (years before -262143 or after 262142).
pub(crate) fn instant(time: SystemTime) -> Option<Instant> {
    let (seconds, nanos) = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => (i64::try_from(after.as_secs()).ok(), after.subsec_nanos()),
        Err(before) => {
            let before = before.duration();
            let seconds = i64::try_from(before.as_secs()).ok().map(|seconds| -seconds);
            match before.subsec_nanos() {
                0 => (seconds, 0),
                nanos => (
                    seconds.and_then(|s| s.checked_sub(1)),
                    1_000_000_000 - nanos,
                ),
            }
        }
    };
    seconds.and_then(|seconds| DateTime::<Utc>::from_timestamp(seconds, nanos))
}

/// The core's [`Instant`] as a `SystemTime`, to the nanosecond (every instant of chrono's range
/// fits).
pub(crate) fn system_time(instant: Instant) -> SystemTime {
    SystemTime::from(instant)
}

/// The host clock's current time shown in `zone` (an IANA name; default `Europe/Brussels`, the
/// core's default zone), as RFC 3339 with the zone's offset, e.g. `"2026-11-30T09:00:00+01:00"`.
///
/// Throws `time.unknown_zone` for an unknown zone and `clock.host_error` when the clock fails.
/// Kotlin: call `nowIn`, which re-throws the clock's own exception unchanged.
#[uniffi::export(default(zone = None))]
pub fn now_in(clock: Arc<dyn Clock>, zone: Option<String>) -> Result<String, EnvoiError> {
    guard(|| {
        let zone = match zone {
            Some(name) => name.parse::<Zone>()?,
            None => Zone::default(),
        };
        Ok(zone.now(&HostClock(clock))?.to_rfc3339())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    struct Fixed(SystemTime);
    impl Clock for Fixed {
        fn now(&self) -> Result<SystemTime, ClockError> {
            Ok(self.0)
        }
    }

    struct Broken;
    impl Clock for Broken {
        fn now(&self) -> Result<SystemTime, ClockError> {
            Err(ClockError::Failed {
                reason: "NTP unreachable".into(),
            })
        }
    }

    fn at(rfc3339: &str) -> SystemTime {
        let instant: Instant = rfc3339.parse().unwrap();
        SystemTime::from(instant)
    }

    #[test]
    fn shows_the_host_time_in_the_zone() {
        let winter = Arc::new(Fixed(at("2026-11-30T08:00:00Z")));
        assert_eq!(now_in(winter, None).unwrap(), "2026-11-30T09:00:00+01:00");
        let summer = Arc::new(Fixed(at("2026-07-01T10:00:00Z")));
        let zone = Some("Europe/Brussels".to_owned());
        assert_eq!(now_in(summer, zone).unwrap(), "2026-07-01T12:00:00+02:00");
    }

    #[test]
    fn unknown_zone_and_clock_failures_have_their_codes() {
        let clock = Arc::new(Fixed(SystemTime::UNIX_EPOCH));
        let error = now_in(clock, Some("Mars/Olympus".into())).unwrap_err();
        assert_eq!(error.code(), "time.unknown_zone");
        let error = now_in(Arc::new(Broken), None).unwrap_err();
        assert_eq!(error.code(), "clock.host_error");
        assert!(error.message().contains("NTP unreachable"));
    }

    #[test]
    fn converts_instants_before_the_epoch() {
        let before = SystemTime::UNIX_EPOCH - Duration::from_millis(1500);
        assert_eq!(
            instant(before).unwrap().to_rfc3339(),
            "1969-12-31T23:59:58.500+00:00"
        );
        assert_eq!(system_time(instant(before).unwrap()), before);
        assert!(instant(SystemTime::UNIX_EPOCH + Duration::from_secs(u64::MAX / 2)).is_none());
    }

    #[test]
    fn unexpected_callback_errors_become_clock_failures() {
        let error = ClockError::from(uniffi::UnexpectedUniFFICallbackError::new("boom"));
        assert_eq!(
            error,
            ClockError::Failed {
                reason: "boom".into()
            }
        );
    }
}
