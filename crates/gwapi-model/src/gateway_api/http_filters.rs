//! HTTP filters shared by HTTPRoute and GRPCRoute (header modifiers, redirect, rewrite, mirror, CORS, extensionRef).
//!
//! (Being written: owned by the Gateway API types helper.)
