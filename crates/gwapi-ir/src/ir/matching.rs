//! String matchers.
//!
//! (Being written: owned by IR helper 1.)
