//! HTTP routes.
//!
//! (Being written: owned by IR helper 1.)
