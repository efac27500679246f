//! Test hooks. Not part of the API: used by the binding's own tests.

use crate::{EnvoiError, guard};

/// Panics inside Rust, to prove that a panic becomes an `EnvoiError` with code `internal.panic`
/// (and neither aborts the process nor leaves the library unusable). For tests only.
#[uniffi::export]
pub fn envoi_panic_for_test() -> Result<(), EnvoiError> {
    guard(|| panic!("envoi_panic_for_test was called"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_panic_becomes_an_internal_error() {
        let error = envoi_panic_for_test().unwrap_err();
        assert!(matches!(error, EnvoiError::Internal { .. }));
        assert_eq!(error.code(), "internal.panic");
        assert!(error.message().contains("envoi_panic_for_test was called"));
    }
}
