//! SecurityPolicy.
//!
//! (Being written: owned by helper C.)
