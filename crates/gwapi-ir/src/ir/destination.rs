//! Route destinations, their settings and endpoints.
//!
//! (Being written: owned by IR helper 1.)
