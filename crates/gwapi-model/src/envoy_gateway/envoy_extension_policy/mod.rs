//! EnvoyExtensionPolicy.
//!
//! (Being written: owned by helper C.)
