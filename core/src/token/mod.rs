//! Signed tokens (SPEC section 8): one machinery for every link and code envoi hands out.
//!
//! Open pixels and tracked links, approval links for letters, sender-verification codes, password
//! reset and secure-email access all use the same compact, URL-safe, authenticated tokens, signed
//! with a key ring that supports rotation. A token made for one purpose is refused for another.
