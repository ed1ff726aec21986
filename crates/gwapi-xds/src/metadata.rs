//! Envoy metadata naming the Gateway API resources a listener, route or cluster comes from
//! (`filter_metadata["envoy-gateway"].resources`) and the policies that apply to it (`.policies`).

use envoy_types::pb::envoy::config::core::v3::Metadata;
use envoy_types::pb::google::protobuf::{ListValue, Struct, Value, value::Kind};
use gwapi_ir::ir::ResourceMetadata;

/// The filter-metadata namespace of Envoy Gateway.
pub(crate) const NAMESPACE: &str = "envoy-gateway";

fn string(s: &str) -> Value {
    Value {
        kind: Some(Kind::StringValue(s.to_owned())),
    }
}

fn object(fields: impl IntoIterator<Item = (String, Value)>) -> Value {
    Value {
        kind: Some(Kind::StructValue(Struct {
            fields: fields.into_iter().collect(),
        })),
    }
}

fn non_empty(key: &str, value: &str) -> Option<(String, Value)> {
    (!value.is_empty()).then(|| (key.to_owned(), string(value)))
}

/// The metadata of a resource, `None` when the IR carries none.
pub(crate) fn resource(metadata: Option<&ResourceMetadata>) -> Option<Metadata> {
    let m = metadata?;
    let mut fields: Vec<(String, Value)> = [
        non_empty("kind", &m.kind),
        non_empty("name", &m.name),
        non_empty("namespace", &m.namespace),
        non_empty("sectionName", &m.section_name),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !m.annotations.is_empty() {
        fields.push((
            "annotations".to_owned(),
            object(
                m.annotations
                    .iter()
                    .map(|a| (a.key.clone(), string(&a.value))),
            ),
        ));
    }
    let mut top = Vec::new();
    if !m.policies.is_empty() {
        let policies = m
            .policies
            .iter()
            .map(|p| {
                object(
                    [
                        non_empty("kind", &p.kind),
                        non_empty("name", &p.name),
                        non_empty("namespace", &p.namespace),
                    ]
                    .into_iter()
                    .flatten(),
                )
            })
            .collect();
        // The policies that apply sit beside the resources, not inside them.
        top.push((
            "policies".to_owned(),
            Value {
                kind: Some(Kind::ListValue(ListValue { values: policies })),
            },
        ));
    }
    let resources = Value {
        kind: Some(Kind::ListValue(ListValue {
            values: vec![object(fields)],
        })),
    };
    Some(Metadata {
        filter_metadata: [(
            NAMESPACE.to_owned(),
            Struct {
                fields: top
                    .into_iter()
                    .chain([("resources".to_owned(), resources)])
                    .collect(),
            },
        )]
        .into_iter()
        .collect(),
        ..Metadata::default()
    })
}
