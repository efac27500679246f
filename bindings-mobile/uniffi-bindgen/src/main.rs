//! `uniffi-bindgen`: generates the foreign-language bindings of envoi-mobile.
fn main() {
    uniffi::uniffi_bindgen_main()
}
