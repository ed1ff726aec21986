//! TLS on listeners and towards backends.
//!
//! (Being written: owned by IR helper 1.)
