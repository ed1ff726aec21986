//! EnvoyProxy.
//!
//! (Being written: owned by helper D.)
