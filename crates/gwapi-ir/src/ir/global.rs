//! Global resources and the ready listener.
//!
//! (Being written: owned by IR helper 1.)
