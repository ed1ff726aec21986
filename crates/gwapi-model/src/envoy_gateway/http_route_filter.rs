//! HTTPRouteFilter (gateway.envoyproxy.io).
//!
//! (Being written: owned by helper B2.)
