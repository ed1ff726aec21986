//! The eg-gatewayapi harness on the corpus keeps at least the pass counts of `floors/eg-gatewayapi.toml`.

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
fn eg_gatewayapi_keeps_its_floor() {
    let outcomes = eg_gatewayapi::run(&corpus_dir().unwrap().join("eg-gatewayapi"), None).unwrap();
    println!("{}", eg_gatewayapi::report(&outcomes));
    assert_eq!(outcomes.len(), 521, "every case of the corpus runs");
    let counts = BTreeMap::from([
        ("status", outcomes.iter().filter(|o| o.status_ok()).count()),
        ("full", outcomes.iter().filter(|o| o.full_ok()).count()),
    ]);
    floor::check("eg-gatewayapi", &counts).unwrap();
}
