//! EnvoyPatchPolicy.
//!
//! (Being written: owned by helper C.)
