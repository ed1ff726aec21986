//! BackendTLSPolicy.
//!
//! (Being written: owned by the Gateway API types helper.)
