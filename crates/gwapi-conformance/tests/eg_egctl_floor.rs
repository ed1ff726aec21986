//! Runs the eg-egctl harness on `corpus/eg-egctl` and checks the number of agreeing cases against the floor
//! in `floors/eg-egctl.toml`, which may only rise.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use gwapi_conformance::eg_egctl::{report, run};
use gwapi_conformance::{corpus_dir, floor};

#[test]
fn eg_egctl_passes_at_least_the_floor() {
    let outcomes = run(&corpus_dir().unwrap().join("eg-egctl"), None).unwrap();
    println!("{}", report(&outcomes, false));
    assert!(!outcomes.is_empty(), "the corpus has cases");
    let passed = outcomes.iter().filter(|o| o.passed()).count();
    floor::check("eg-egctl", &BTreeMap::from([("passed", passed)])).unwrap();
}
