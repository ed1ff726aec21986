//! Runs the gateway-api harness on `corpus/gateway-api` and checks the number of passing tests against the
//! floor in `floors/gateway-api.toml`, which may only rise.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use gwapi_conformance::gateway_api::{Verdict, report, run};
use gwapi_conformance::{corpus_dir, floor};

#[test]
fn gateway_api_passes_at_least_the_floor() {
    let outcomes = run(&corpus_dir().unwrap().join("gateway-api"), None).unwrap();
    println!("{}", report(&outcomes));
    assert!(!outcomes.is_empty(), "the suite has tests");
    let passed = outcomes
        .iter()
        .filter(|o| o.verdict == Verdict::Passed)
        .count();
    floor::check("gateway-api", &BTreeMap::from([("passed", passed)])).unwrap();
}
