//! Fuzzes page sizes read from a PDF (`post::pdf_page_sizes`, feature `pdf`): the input is the file's
//! bytes. Reading never panics; a file it accepts has at least one page, each of a positive size; a
//! refusal carries a `post.pdf_` code and a message.
#![no_main]

use envoi::ErrorCode;
use envoi::post::pdf_page_sizes;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    match pdf_page_sizes(data) {
        Ok(sizes) => {
            assert!(!sizes.is_empty());
            for size in sizes {
                assert!(
                    size.width_mm > Decimal::ZERO && size.height_mm > Decimal::ZERO,
                    "{size:?}"
                );
            }
        }
        Err(error) => {
            assert!(error.code().starts_with("post.pdf_"), "{error:?}");
            assert!(!error.to_string().is_empty());
        }
    }
});
