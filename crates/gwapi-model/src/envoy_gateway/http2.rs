//! HTTP/2 settings shared by ClientTrafficPolicy and BackendTrafficPolicy.
//!
//! (Being written: owned by helper B2.)
