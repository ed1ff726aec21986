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

use gwapi_conformance::gateway_api::{
    SUPPORTED_FEATURES, Verdict, conformance_report, report, run,
};
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

    // The run as an upstream ConformanceReport: it reads back with the upstream shape (unknown fields
    // rejected), names the claimed features, and counts every test of its profiles.
    let report = conformance_report::build(&outcomes);
    let yaml = serde_norway::to_string(&report).unwrap();
    let back: conformance_report::ConformanceReport = serde_norway::from_str(&yaml).unwrap();
    assert_eq!(back, report);
    let http = report
        .profiles
        .iter()
        .find(|p| p.name == "GATEWAY-HTTP")
        .expect("the HTTP profile");
    let extended = http.extended.as_ref().unwrap();
    assert!(
        extended
            .supported_features
            .iter()
            .all(|f| SUPPORTED_FEATURES.contains(&f.as_str()))
    );
    assert!(!extended.supported_features.is_empty());
    assert!(http.core.statistics.passed > 0, "{yaml}");
}
