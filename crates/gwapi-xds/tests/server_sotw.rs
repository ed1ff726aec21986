//! A real Envoy 1.40.0 served over state-of-the-world ADS (`api_type: GRPC`): routing, route changes, a
//! NACKed configuration, and a server restart.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod server_e2e;

#[test]
fn envoy_over_state_of_the_world_ads() {
    server_e2e::scenario(gwapi_testing::envoy::AdsVariant::StateOfTheWorld);
}

#[test]
fn envoy_reconnects_at_max_connection_age() {
    server_e2e::max_age_reconnects(gwapi_testing::envoy::AdsVariant::StateOfTheWorld);
}
