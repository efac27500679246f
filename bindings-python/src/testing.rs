//! `envoi._testing`: hooks for the binding's own tests, not part of the public API.

use pyo3::prelude::*;

use crate::errors::guard;

/// Panics inside Rust, with the interpreter detached like real core work, to prove that a panic
/// reaches Python as `envoi.InternalError` (code `"internal.panic"`) and the process survives.
#[pyfunction]
#[pyo3(name = "_panic_for_test")]
pub fn panic_for_test(py: Python<'_>) -> PyResult<()> {
    guard(py, || {
        py.detach(|| panic!("envoi._testing.panic() was called"))
    })
}
