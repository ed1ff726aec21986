//! BackendTrafficPolicy.
//!
//! (Being written: owned by helper B1.)
