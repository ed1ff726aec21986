//! HTTP request matches (path, headers, query parameters, method).
//!
//! (Being written: owned by the Gateway API types helper.)
