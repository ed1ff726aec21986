//! Envoy 1.40.0 checks the xDS of every eg-gatewayapi case that agrees with the reference: its IR, translated
//! by gwapi-xds, goes through `envoy --mode validate`, one bootstrap per fleet. A missing Envoy fails the
//! test. The number Envoy accepts must stay at or above `validated` in `floors/eg-gatewayapi.toml` (it may
//! only rise); the rejected ones are printed with Envoy's message (they carry the input's own mistakes that
//! the reference passes through: unknown ECDH curves, Lua that does not parse with validation disabled, a
//! local JWKS without its key fields).

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use gwapi_conformance::{corpus_dir, eg_gatewayapi, floor};

#[test]
fn envoy_accepts_the_xds_of_the_agreeing_eg_gatewayapi_cases() {
    let envoy = gwapi_testing::envoy_binary().unwrap_or_else(|e| panic!("{e}"));
    let corpus = corpus_dir().unwrap().join("eg-gatewayapi");
    let outcomes = eg_gatewayapi::run(&corpus, None).unwrap();
    let report = eg_gatewayapi::validate_full_agreement(&corpus, &outcomes, &envoy).unwrap();
    println!("{}", report.summary());
    assert!(!report.validations.is_empty(), "nothing was validated");
    let counts = BTreeMap::from([("validated", report.accepted())]);
    floor::check("eg-gatewayapi-validate", &counts).unwrap();
}
