//! Runs the eg-xds harness on `corpus/eg-xds` and checks the number of passing cases against the floor in
//! `floors/eg-xds.toml`, which may only rise.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use gwapi_conformance::eg_xds::run;
use gwapi_conformance::{corpus_dir, floor};

#[test]
fn eg_xds_passes_at_least_the_floor() {
    let report = run(&corpus_dir().unwrap().join("eg-xds"), None).unwrap();
    println!("{}", report.table());
    assert_eq!(report.outcomes.len(), 236, "the corpus has 236 cases");
    floor::check("eg-xds", &BTreeMap::from([("passed", report.passed())])).unwrap();
}
