//! The EnvoyGateway configuration file (not a CRD).
//!
//! (Being written: owned by helper D.)
