//! Reading the `xds` part of an egctl output: per IR key, Envoy admin config dumps (`configs: [...]` for
//! `--type all`, one dump otherwise), as resources by kind.

use std::collections::BTreeMap;

use gwapi_xds::ResourceKind;
use gwapi_xds::render::canonical_json;
use serde_json::Value;

/// The resources of one IR key's dumps, by kind; a kind is present only when its dump is.
pub type DumpedResources = BTreeMap<ResourceKind, Vec<Value>>;

/// The dump type (`@type` suffix) that carries `kind`, with the path from a dump entry to the resource.
fn layout(kind: ResourceKind) -> (&'static str, &'static str, &'static [&'static str]) {
    match kind {
        ResourceKind::Listener => (
            "envoy.admin.v3.ListenersConfigDump",
            "dynamicListeners",
            &["activeState", "listener"],
        ),
        ResourceKind::Route => (
            "envoy.admin.v3.RoutesConfigDump",
            "dynamicRouteConfigs",
            &["routeConfig"],
        ),
        ResourceKind::Cluster => (
            "envoy.admin.v3.ClustersConfigDump",
            "dynamicActiveClusters",
            &["cluster"],
        ),
        ResourceKind::Endpoint => (
            "envoy.admin.v3.EndpointsConfigDump",
            "dynamicEndpointConfigs",
            &["endpointConfig"],
        ),
        ResourceKind::Secret => (
            "envoy.admin.v3.SecretsConfigDump",
            "dynamicActiveSecrets",
            &["secret"],
        ),
    }
}

/// Reads the `xds` section of an output: IR key -> resources by kind.
pub fn read_xds(section: &Value) -> BTreeMap<String, DumpedResources> {
    let Some(keys) = section.as_object() else {
        return BTreeMap::new();
    };
    keys.iter()
        .map(|(key, value)| {
            let dumps: Vec<&Value> = match value.get("configs").and_then(Value::as_array) {
                Some(configs) => configs.iter().collect(),
                None => vec![value],
            };
            (key.clone(), resources_of(&dumps))
        })
        .collect()
}

fn resources_of(dumps: &[&Value]) -> DumpedResources {
    let mut found = DumpedResources::new();
    for kind in ResourceKind::ALL {
        let (dump_type, list, path) = layout(kind);
        let Some(dump) = dumps.iter().find(|d| {
            d.get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.ends_with(dump_type))
        }) else {
            continue;
        };
        let items = dump
            .get(list)
            .and_then(Value::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|entry| path.iter().try_fold(entry, |v, key| v.get(*key)))
                    .map(|resource| canonical(kind, resource))
                    .collect()
            })
            .unwrap_or_default();
        found.insert(kind, items);
    }
    found
}

/// A resource of a dump without its `@type`, canonicalized through its protobuf type.
fn canonical(kind: ResourceKind, resource: &Value) -> Value {
    let mut resource = resource.clone();
    if let Some(map) = resource.as_object_mut() {
        map.remove("@type");
    }
    canonical_json(kind.message_name(), &resource).unwrap_or(resource)
}
