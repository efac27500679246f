use thiserror::Error;

use crate::error::ErrorCode;

/// Why machine rules, or an event for the statistics, were refused.
///
/// Every variant names where the problem is (the rule's position and name, the field), the value
/// and the rule it breaks; [`ErrorCode::code`] gives the stable code (`tracking.invalid_machine_rule`…).
///
/// ```
/// use envoi::ErrorCode;
/// use envoi::tracking::{MachineRules, StatsError};
///
/// let error = MachineRules::from_json(
///     r#"{"rules": [{"type": "ip_range", "name": "office", "ranges": ["10.0.0.0/33"],
///                   "source": "our VPN", "checked_on": "2026-11-30"}]}"#,
/// )
/// .unwrap_err();
/// assert_eq!(error.code(), "tracking.invalid_ip_range");
/// assert_eq!(
///     error.to_string(),
///     "machine rules: rules[0] (office): ranges[0] = \"10.0.0.0/33\": not an IP address or CIDR range \
///      (write 17.0.0.0/8, 2620:149::/32 or a single address)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum StatsError {
    /// The rules text is not JSON, or not the expected shape at the top level.
    #[error("machine rules: line {line}, column {column}: {reason}")]
    InvalidRulesJson {
        /// The line of the error (1-based; 0 when unknown).
        line: usize,
        /// The column of the error (1-based; 0 when unknown).
        column: usize,
        /// What the JSON parser or the shape check said.
        reason: String,
    },
    /// A rule with a missing, unknown or out-of-range field.
    #[error("machine rules: {entry}: {field} = {value:?}: {rule}")]
    InvalidMachineRule {
        /// Which rule: `rules[3] (apple_mpp_user_agent)`, or `rules` for the list itself.
        entry: String,
        /// The field (`type`, `seconds`, `equals[2]`…).
        field: String,
        /// The value as found (JSON text, cut to 80 characters), empty when the field is missing.
        value: String,
        /// The rule it breaks.
        rule: String,
    },
    /// An IP range that does not parse as CIDR, or has bits set after its prefix.
    #[error("machine rules: {entry}: {field} = {value:?}: {rule}")]
    InvalidIpRange {
        /// Which rule: `rules[0] (office)`.
        entry: String,
        /// The field (`ranges[2]`).
        field: String,
        /// The range as given (cut to 80 characters).
        value: String,
        /// What is wrong with it.
        rule: String,
    },
    /// Two rules would give the same verdict rule name, so a verdict could not say which decided.
    #[error(
        "machine rules: rules[{second}] gives the verdict rule {name:?}, as rules[{first}] does; each rule needs its own name"
    )]
    DuplicateRuleName {
        /// The verdict rule name both give.
        name: String,
        /// The position of the first rule.
        first: usize,
        /// The position of the second rule.
        second: usize,
    },
    /// A verified token whose purpose is not an open or a click: approval, password-reset,
    /// sender-verification and secure-email links are not engagement and are never counted.
    #[error(
        "purpose: {purpose:?} is not a tracking purpose; only open and click tokens are counted in the statistics"
    )]
    NotATrackingToken {
        /// The token's purpose, as its name (`secure_email`…).
        purpose: String,
    },
}

impl ErrorCode for StatsError {
    fn code(&self) -> &'static str {
        match self {
            StatsError::InvalidRulesJson { .. } => "tracking.invalid_rules_json",
            StatsError::InvalidMachineRule { .. } => "tracking.invalid_machine_rule",
            StatsError::InvalidIpRange { .. } => "tracking.invalid_ip_range",
            StatsError::DuplicateRuleName { .. } => "tracking.duplicate_rule_name",
            StatsError::NotATrackingToken { .. } => "tracking.not_a_tracking_token",
        }
    }
}
