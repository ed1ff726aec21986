//! Envoy 1.40.0 checks everything the eg-xds harness produces: the resources of every passing case, written
//! as one static bootstrap, must pass `envoy --mode validate`. A missing Envoy fails the test.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_conformance::corpus_dir;
use gwapi_conformance::eg_xds::{run, validate_passing};

#[test]
fn envoy_accepts_every_passing_eg_xds_case() {
    let envoy = gwapi_testing::envoy_binary().unwrap_or_else(|e| panic!("{e}"));
    let corpus = corpus_dir().unwrap().join("eg-xds");
    let report = run(&corpus, None).unwrap();
    assert!(report.passed() > 0, "no eg-xds case passes");
    let validations = validate_passing(&corpus, &report, &envoy).unwrap();
    let summary = validations.summary();
    println!("{summary}");
    assert_eq!(
        validations.validations.len(),
        report.passed(),
        "every passing case is validated"
    );
    assert!(
        validations.rejected().next().is_none(),
        "Envoy rejects some outputs:\n{summary}"
    );
}
