//! Backend (gateway.envoyproxy.io).
//!
//! (Being written: owned by helper B1.)
