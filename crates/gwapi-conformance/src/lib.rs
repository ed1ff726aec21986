//! # gwapi-conformance
//!
//! The harnesses that score gwapi against the oracles in `../shared/corpus` (Envoy Gateway's golden cases and
//! the Gateway API conformance suite as data). Not published.
//!
//! Every test and harness finds the corpus through one setting: [`corpus_dir`].

#![forbid(unsafe_code)]

pub mod compare;
pub mod corpus;
pub mod eg_egctl;
pub mod eg_gatewayapi;
pub mod eg_xds;
pub mod floor;
pub mod gateway_api;

pub use corpus::corpus_dir;
