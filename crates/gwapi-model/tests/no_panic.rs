//! Property tests: the loader never panics, whatever the bytes or the YAML values it is given.

// Test code: a failed expectation should stop the test loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_model::Snapshot;
use gwapi_model::load::Loader;
use gwapi_model::resource::ResourceKind;
use proptest::prelude::*;
use serde_json::Value;

/// Arbitrary JSON-like values, a few levels deep, with keys drawn partly from real field names so that
/// deserialization goes deep into the types.
fn arbitrary_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("spec".to_owned()),
        Just("name".to_owned()),
        Just("port".to_owned()),
        Just("kind".to_owned()),
        Just("rules".to_owned()),
        Just("from".to_owned()),
        Just("to".to_owned()),
        Just("ports".to_owned()),
        Just("data".to_owned()),
        "[a-zA-Z]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An object of a random known kind whose body is arbitrary.
fn arbitrary_object() -> impl Strategy<Value = Value> {
    let kinds: Vec<ResourceKind> = ResourceKind::ALL.to_vec();
    (
        prop::sample::select(kinds),
        arbitrary_value(),
        arbitrary_value(),
        "[a-z]{1,6}",
    )
        .prop_map(|(kind, spec, status, name)| {
            let group = kind.group();
            let api_version = if group.is_empty() {
                "v1".to_owned()
            } else {
                format!("{group}/v1")
            };
            serde_json::json!({
                "apiVersion": api_version,
                "kind": kind.kind(),
                "metadata": {"name": name, "namespace": "ns"},
                "spec": spec,
                "status": status,
                "data": spec,
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let out = Loader::default().load_bytes("fuzz.yaml", &bytes);
        let _ = Snapshot::from_load(out);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(.|\n|---\n|: |- |\\{|\\[|&a|\\*a|<<){0,200}") {
        let out = Loader::default().load_str("fuzz.yaml", &text);
        let _ = Snapshot::from_load(out);
        let _ = Loader::default().load_corpus_map("fuzz.yaml", &text);
    }

    #[test]
    fn arbitrary_objects_never_panic(objects in prop::collection::vec(arbitrary_object(), 1..4)) {
        let text = objects
            .iter()
            .map(|o| serde_norway::to_string(o).unwrap())
            .collect::<Vec<_>>()
            .join("---\n");
        let out = Loader::default().load_str("fuzz.yaml", &text);
        // Every object either loads or is reported.
        prop_assert!(out.objects.len() + out.diagnostics.len() >= objects.len());
        let _ = Snapshot::from_load(out);
    }
}
