//! Envoy 1.40.0 checks what the eg-xds harness produces: the resources of every passing case, written as one
//! static bootstrap, go through `envoy --mode validate`. A missing Envoy fails the test. The number Envoy
//! accepts must stay at or above `validated` in `floors/eg-xds.toml` (it may only rise); the cases it rejects
//! are printed with Envoy's message (several reproduce the reference's own test data, see the issue note).

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use gwapi_conformance::eg_xds::{holds_envoy_config, run, validate_passing};
use gwapi_conformance::{corpus_dir, floor};

#[test]
fn envoy_accepts_the_passing_eg_xds_cases() {
    let envoy = gwapi_testing::envoy_binary().unwrap_or_else(|e| panic!("{e}"));
    let corpus = corpus_dir().unwrap().join("eg-xds");
    let report = run(&corpus, None).unwrap();
    assert!(report.passed() > 0, "no eg-xds case passes");
    let validations = validate_passing(&corpus, &report, &envoy).unwrap();
    println!("{}", validations.summary());
    let checkable = report
        .outcomes
        .iter()
        .filter(|o| o.passed() && holds_envoy_config(o))
        .count();
    assert_eq!(
        validations.validations.len(),
        checkable,
        "every passing case with Envoy configuration is validated"
    );
    let accepted = validations.validations.len() - validations.rejected().count();
    let counts = BTreeMap::from([("passed", report.passed()), ("validated", accepted)]);
    floor::check("eg-xds", &counts).unwrap();
}
