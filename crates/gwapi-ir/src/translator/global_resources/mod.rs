//! Resources a fleet's listeners share (EG's `ir.GlobalResources`) that features add on demand: the
//! client certificate Envoy presents to Envoy Gateway's own services (the rate limit service, the Wasm
//! code server).

pub(crate) mod envoy_client_certificate;
