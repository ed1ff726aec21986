//! HTTP listeners.
//!
//! (Being written: owned by IR helper 1.)
