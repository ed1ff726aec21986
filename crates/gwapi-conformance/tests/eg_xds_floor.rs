//! Runs the eg-xds harness on `corpus/eg-xds` and checks the number of passing cases against the floor in
//! `floors/eg-xds.toml`, which may only rise.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_conformance::corpus_dir;
use gwapi_conformance::eg_xds::run;

fn floor() -> usize {
    let text = include_str!("../floors/eg-xds.toml");
    text.lines()
        .filter_map(|line| line.split_once('='))
        .find(|(key, _)| key.trim() == "passed")
        .map(|(_, value)| value.trim().parse().expect("passed is a number"))
        .expect("floors/eg-xds.toml sets passed")
}

#[test]
fn eg_xds_passes_at_least_the_floor() {
    let corpus = corpus_dir().unwrap().join("eg-xds");
    let report = run(&corpus, None).unwrap();
    let table = report.table();
    println!("{table}");
    assert_eq!(report.outcomes.len(), 236, "the corpus has 236 cases");
    let floor = floor();
    assert!(
        report.passed() >= floor,
        "{} cases pass, fewer than the floor of {floor}:\n{table}",
        report.passed()
    );
    if report.passed() > floor {
        println!(
            "{} cases pass, more than the floor of {floor}: raise floors/eg-xds.toml",
            report.passed()
        );
    }
}
