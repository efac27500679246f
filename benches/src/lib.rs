//! Benchmarks of envoi live in `benches/*.rs`; this library is empty.
