//! Resources a fleet shares between features (`globalResources` of the xDS IR).

pub(crate) mod envoy_client_certificate;
