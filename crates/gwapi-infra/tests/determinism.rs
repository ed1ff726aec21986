//! Rendering is deterministic and its manifests are valid Kubernetes objects: every golden input renders to
//! the same bytes twice, and each rendered YAML document parses back with k8s-openapi into the same object.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::path::PathBuf;

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment};
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use k8s_openapi::api::core::v1::{ConfigMap, Service, ServiceAccount};
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use serde::Deserialize;
use support::Variation;

fn inputs() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files = Vec::new();
    for folder in std::fs::read_dir(root).unwrap() {
        for file in std::fs::read_dir(folder.unwrap().path()).unwrap() {
            files.push(file.unwrap().path());
        }
    }
    files.sort();
    files
}

#[test]
fn same_input_same_bytes() {
    for input in inputs() {
        let variation = Variation::load(&input);
        let first: Vec<String> = variation
            .render()
            .iter()
            .map(|r| r.to_yaml().unwrap())
            .collect();
        let second: Vec<String> = Variation::load(&input)
            .render()
            .iter()
            .map(|r| r.to_yaml().unwrap())
            .collect();
        assert_eq!(first, second, "{}", input.display());
    }
}

fn parse_back<T>(doc: &str, original: &T)
where
    T: for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug,
{
    let parsed: T = serde_norway::from_str(doc).unwrap();
    assert_eq!(&parsed, original);
}

#[test]
fn manifests_parse_back_with_k8s_openapi() {
    for input in inputs() {
        for rendered in Variation::load(&input).render() {
            let yaml = rendered.to_yaml().unwrap();
            let docs: Vec<&str> = yaml.split("---\n").collect();
            parse_back::<ServiceAccount>(docs[0], &rendered.service_account);
            parse_back::<ConfigMap>(docs[1], &rendered.config_map);
            match (rendered.deployment(), rendered.daemon_set()) {
                (Some(d), None) => parse_back::<Deployment>(docs[2], d),
                (None, Some(d)) => parse_back::<DaemonSet>(docs[2], d),
                _ => panic!("one workload"),
            }
            parse_back::<Service>(docs[3], &rendered.service);
            let mut next = 4;
            if let Some(hpa) = &rendered.hpa {
                parse_back::<HorizontalPodAutoscaler>(docs[next], hpa);
                next += 1;
            }
            if let Some(pdb) = &rendered.pdb {
                parse_back::<PodDisruptionBudget>(docs[next], pdb);
                next += 1;
            }
            assert_eq!(docs.len(), next, "{}", input.display());
        }
    }
}
