//! Gateway and its listeners.
//!
//! (Being written: owned by the Gateway API types helper.)
