//! ClientTrafficPolicy.
//!
//! (Being written: owned by helper B2.)
