//! Resource metadata carried into Envoy's metadata.
//!
//! (Being written: owned by IR helper 1.)
