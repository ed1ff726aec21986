//! The corpus' map format: a YAML mapping from a collection name (`httpRoutes`, `gateways`, ...; matched
//! case-insensitively) to a list of objects, as Envoy Gateway's golden tests write their inputs and outputs.

use std::collections::BTreeMap;

use serde_norway::Value;

use super::decode::DocumentSource;
use super::diagnostic::{DiagnosticKind, Location, Severity};
use super::field_path::FieldPath;
use super::manifest::{load_value, parse_document};
use super::split::Chunk;
use super::{LoadOutput, LoaderConfig};
use crate::resource::ResourceKind;

/// The collections of the map format and the kind of their objects (`None`: kept unstructured).
const COLLECTIONS: &[(&str, Option<&str>)] = &[
    ("gatewayclass", Some("GatewayClass")),
    ("gateways", Some("Gateway")),
    ("listenersets", Some("ListenerSet")),
    ("httproutes", Some("HTTPRoute")),
    ("grpcroutes", Some("GRPCRoute")),
    ("tlsroutes", Some("TLSRoute")),
    ("tcproutes", Some("TCPRoute")),
    ("udproutes", Some("UDPRoute")),
    ("referencegrants", Some("ReferenceGrant")),
    ("namespaces", Some("Namespace")),
    ("services", Some("Service")),
    ("serviceimports", Some("ServiceImport")),
    ("endpointslices", Some("EndpointSlice")),
    ("secrets", Some("Secret")),
    ("configmaps", Some("ConfigMap")),
    ("clustertrustbundles", Some("ClusterTrustBundle")),
    ("backends", Some("Backend")),
    ("backendtlspolicies", Some("BackendTLSPolicy")),
    ("clienttrafficpolicies", Some("ClientTrafficPolicy")),
    ("backendtrafficpolicies", Some("BackendTrafficPolicy")),
    ("securitypolicies", Some("SecurityPolicy")),
    ("envoyextensionpolicies", Some("EnvoyExtensionPolicy")),
    ("envoypatchpolicies", Some("EnvoyPatchPolicy")),
    ("httpfilters", Some("HTTPRouteFilter")),
    ("envoyproxyforgatewayclass", Some("EnvoyProxy")),
    ("envoyproxiesforgateways", Some("EnvoyProxy")),
    ("extensionserverpolicies", None),
    ("extensionreffilters", None),
];

/// Collections that hold something other than objects, kept as YAML for the caller.
const DATA_SECTIONS: &[&str] = &["envoyproxydefaultspec", "xdsir", "infrair"];

/// A file of the corpus map format, loaded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorpusMap {
    /// The objects of every collection, in file order, and the diagnostics.
    pub output: LoadOutput,
    /// The sections that are data rather than objects (`envoyProxyDefaultSpec`, `xdsIR`, `infraIR`), by
    /// their lower-cased name.
    pub data: BTreeMap<String, Value>,
    /// The collection (lower-cased key) each object of `output.objects` came from, in the same order.
    pub collections: Vec<String>,
    /// The objects of collections with no kind gwapi interprets (`extensionServerPolicies`, ...).
    pub unstructured: Vec<(String, Value)>,
}

/// Loads `text` in the map format.
pub(crate) fn load(config: &LoaderConfig, source: &str, text: &str) -> CorpusMap {
    let mut map = CorpusMap::default();
    let chunk = Chunk {
        text,
        first_line: 1,
        document: 1,
    };
    let location = Location {
        source: source.to_owned(),
        document: 1,
        position: None,
    };
    let Some(root) = parse_document(config, &location, &chunk, &mut map.output.diagnostics) else {
        return map;
    };
    let document = DocumentSource::new(location, text, 1);
    let Value::Mapping(root) = root else {
        if !root.is_null() {
            map.output.diagnostics.push(document.diagnostic(
                &FieldPath::root(),
                Severity::Error,
                DiagnosticKind::NotAnObject,
                "expected a mapping of collections (`httpRoutes: [...]`, ...)",
            ));
        }
        return map;
    };
    for (key, value) in root {
        let Some(name) = key.as_str().map(str::to_owned) else {
            continue;
        };
        let lower = name.to_lowercase();
        let path = FieldPath::root().key(name.clone());
        if DATA_SECTIONS.contains(&lower.as_str()) {
            map.data.insert(lower, value);
            continue;
        }
        let Some((_, kind_name)) = COLLECTIONS.iter().find(|(k, _)| *k == lower) else {
            map.output.diagnostics.push(document.diagnostic(
                &path,
                Severity::Warning,
                DiagnosticKind::UnknownField,
                format!("unknown collection `{name}`, ignored"),
            ));
            continue;
        };
        let items = match value {
            Value::Sequence(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (path.clone().index(i), v))
                .collect(),
            Value::Null => Vec::new(),
            single => vec![(path.clone(), single)],
        };
        for (item_path, item) in items {
            match kind_name.and_then(ResourceKind::from_kind) {
                Some(kind) => {
                    let before = map.output.objects.len();
                    load_value(
                        config,
                        &document,
                        item_path,
                        item,
                        Some(kind),
                        &mut map.output,
                    );
                    let added = map.output.objects.len().saturating_sub(before);
                    map.collections
                        .extend(std::iter::repeat_n(lower.clone(), added));
                }
                None => map.unstructured.push((lower.clone(), item)),
            }
        }
    }
    map
}
