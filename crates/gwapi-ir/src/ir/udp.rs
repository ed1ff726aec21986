//! UDP listeners and routes.
//!
//! (Being written: owned by IR helper 1.)
