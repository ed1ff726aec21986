//! Offline translation, the way `egctl experimental translate` does it, for `gwapi-controller translate`
//! and for embedding: the manifests are completed as egctl completes them ([`gwapi_model::offline`]: API
//! defaults, Namespaces, missing Services, one EndpointSlice per Service at its cluster IP), translated
//! for the first GatewayClass of the controller with egctl's settings, and rendered as Envoy config dumps
//! (`xds`), IR (`xdsIR`, `infraIR`) or the objects with their statuses.
//!
//! ```
//! use gwapi_controller::offline::{self, DumpType, OfflineOptions};
//! use gwapi_model::builders::{GatewayBuilder, GatewayClassBuilder};
//!
//! let objects = vec![
//!     GatewayClassBuilder::new("eg").build().into(),
//!     GatewayBuilder::new("default", "gw").class("eg").http_listener("http", 8080).build().into(),
//! ];
//! let out = offline::translate(objects, &OfflineOptions::default()).unwrap();
//! let (dump, problems) = offline::xds_dump(&out, DumpType::Listener).unwrap();
//! assert!(problems.is_empty());
//! let listeners = dump["xds"]["default/gw"]["dynamicListeners"].as_array().unwrap();
//! assert!(listeners.iter().any(|l| l["name"] == "default/gw/http"));
//! ```

use std::collections::BTreeMap;

use anyhow::Context as _;
use gwapi_infra::{InfraConfig, InfraRenderer};
use gwapi_ir::{Translation, Translator, TranslatorConfig};
use gwapi_model::Snapshot;
use gwapi_model::offline;
use gwapi_model::resource::{Resource, ResourceKind};
use gwapi_xds::render::{bytes_to_json, config_dump, json_to_bytes, to_json};
use gwapi_xds::{XdsConfig, XdsTranslator};
use serde_json::{Map, Value, json};

/// The namespace egctl gives objects that have none.
pub const DEFAULT_NAMESPACE: &str = "envoy-gateway-system";

/// How the input is completed before translation.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct OfflineOptions {
    /// egctl's `--add-missing-resources`: an EnvoyProxy with the default settings for a GatewayClass
    /// that names none.
    pub add_missing_resources: bool,
}

impl OfflineOptions {
    /// Sets [`OfflineOptions::add_missing_resources`].
    #[must_use]
    pub fn add_missing_resources(mut self, add: bool) -> Self {
        self.add_missing_resources = add;
        self
    }
}

/// The completed input and its translation.
#[derive(Clone, Debug)]
pub struct OfflineTranslation {
    /// The input as completed and translated.
    pub snapshot: Snapshot,
    /// The IR and statuses.
    pub translation: Translation,
}

/// Which part of each fleet's config dump to print (egctl's `--type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpType {
    /// The whole dump: bootstrap, endpoints, clusters, listeners, routes, secrets.
    All,
    /// The listeners.
    Listener,
    /// The route configurations.
    Route,
    /// The clusters.
    Cluster,
    /// The endpoints.
    Endpoint,
    /// The bootstrap.
    Bootstrap,
}

impl DumpType {
    /// The `@type` of this part's envelope in a `/config_dump`.
    fn envelope(self) -> Option<&'static str> {
        Some(match self {
            Self::All => return None,
            Self::Listener => "type.googleapis.com/envoy.admin.v3.ListenersConfigDump",
            Self::Route => "type.googleapis.com/envoy.admin.v3.RoutesConfigDump",
            Self::Cluster => "type.googleapis.com/envoy.admin.v3.ClustersConfigDump",
            Self::Endpoint => "type.googleapis.com/envoy.admin.v3.EndpointsConfigDump",
            Self::Bootstrap => BOOTSTRAP_DUMP,
        })
    }
}

const BOOTSTRAP_DUMP: &str = "type.googleapis.com/envoy.admin.v3.BootstrapConfigDump";

/// The order egctl prints the parts of a dump in.
const DUMP_ORDER: [DumpType; 5] = [
    DumpType::Bootstrap,
    DumpType::Endpoint,
    DumpType::Cluster,
    DumpType::Listener,
    DumpType::Route,
];

/// Completes `objects` the way egctl does and translates them for the first GatewayClass whose
/// controllerName is gwapi's (Envoy Gateway's); without one there is nothing to translate for.
///
/// # Errors
/// When the input has no GatewayClass of the controller.
pub fn translate(
    mut objects: Vec<Resource>,
    options: &OfflineOptions,
) -> anyhow::Result<OfflineTranslation> {
    for object in &mut objects {
        offline::apply_api_defaults(object);
    }
    offline::add_namespaces(&mut objects);
    offline::add_missing_services(&mut objects);
    // egctl routes to each Service's cluster IP: the EndpointSlices of the input are not read.
    objects.retain(|o| !matches!(o, Resource::EndpointSlice(_)));
    offline::add_endpoint_slices(&mut objects);
    // egctl's translator: Backends, EnvoyPatchPolicy and the global rate limit enabled, endpoint routing
    // off (no cluster to read endpoints from), no controller namespace.
    let mut config = TranslatorConfig::default()
        .enable_backend(true)
        .enable_envoy_patch_policy(true)
        .enable_global_rate_limit(true)
        .enable_endpoint_routing(false)
        .controller_namespace("");
    config.gateway_class_name = objects
        .iter()
        .find_map(|r| match r {
            Resource::GatewayClass(c) if c.spec.controller_name == config.controller_name => {
                c.metadata.name.clone()
            }
            _ => None,
        })
        .with_context(|| {
            format!(
                "no GatewayClass with controllerName {} in the input",
                config.controller_name
            )
        })?;
    if options.add_missing_resources {
        offline::add_default_envoy_proxy(
            &mut objects,
            &config.gateway_class_name,
            DEFAULT_NAMESPACE,
        );
    }
    let snapshot: Snapshot = objects.into_iter().collect();
    let translation = Translator::new(config).translate(&snapshot);
    Ok(OfflineTranslation {
        snapshot,
        translation,
    })
}

/// `{xds: {<IR key>: ...}}`: each fleet's `/config_dump` (`configs: [...]` for [`DumpType::All`]) or one
/// part of it, as canonical proto3 JSON, and what could not be translated (a fleet whose xDS translation
/// fails keeps what did translate, as the controller would serve it).
///
/// # Errors
/// When a resource cannot be rendered.
pub fn xds_dump(out: &OfflineTranslation, part: DumpType) -> anyhow::Result<(Value, Vec<String>)> {
    let translator = XdsTranslator::new(XdsConfig::default());
    let renderer = InfraRenderer::new(InfraConfig::default());
    let mut fleets = Map::new();
    let mut problems = Vec::new();
    for (key, ir) in &out.translation.xds {
        let translated = translator.translate_partial(ir);
        if let Some(e) = &translated.error {
            problems.push(format!("{key}: {e:#}"));
        }
        let dump = to_json(&config_dump(&translated.resources, ""))
            .with_context(|| format!("{key}: rendering the config dump"))?;
        let mut parts: BTreeMap<&str, Value> = dump
            .get("configs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| {
                let kind = c.get("@type")?.as_str()?;
                Some((envelope_name(kind)?, c.clone()))
            })
            .collect();
        let proxy = out
            .translation
            .infra
            .get(key)
            .and_then(|i| i.proxy.as_ref());
        if let Some(proxy) = proxy {
            let yaml = renderer
                .bootstrap(proxy)
                .with_context(|| format!("{key}: rendering the bootstrap"))?;
            parts.insert(BOOTSTRAP_DUMP, bootstrap_dump(&yaml)?);
        }
        let fleet = match part.envelope() {
            None => {
                let configs = DUMP_ORDER
                    .iter()
                    .filter_map(|p| p.envelope())
                    .chain(["type.googleapis.com/envoy.admin.v3.SecretsConfigDump"])
                    .filter_map(|name| parts.remove(name))
                    .filter(|c| !is_empty_dump(c) || c.get("@type") != Some(&json!(SECRETS)))
                    .collect();
                json!({ "configs": Value::Array(configs) })
            }
            Some(name) => parts
                .remove(name)
                .unwrap_or_else(|| json!({ "@type": name })),
        };
        fleets.insert(key.clone(), fleet);
    }
    Ok((json!({ "xds": fleets }), problems))
}

const SECRETS: &str = "type.googleapis.com/envoy.admin.v3.SecretsConfigDump";

/// Whether a dump part holds nothing but its `@type`.
fn is_empty_dump(part: &Value) -> bool {
    part.as_object().is_some_and(|o| o.len() <= 1)
}

/// The envelope `@type` names the dump parts are looked up by.
fn envelope_name(kind: &str) -> Option<&'static str> {
    DUMP_ORDER
        .iter()
        .filter_map(|p| p.envelope())
        .chain([SECRETS])
        .find(|name| *name == kind)
}

/// The bootstrap (Envoy's YAML) as a `BootstrapConfigDump`, in canonical proto3 JSON.
fn bootstrap_dump(yaml: &str) -> anyhow::Result<Value> {
    const BOOTSTRAP: &str = "envoy.config.bootstrap.v3.Bootstrap";
    let value: Value = serde_norway::from_str(yaml).context("reading the rendered bootstrap")?;
    let bytes = json_to_bytes(BOOTSTRAP, &value).context("encoding the bootstrap")?;
    let bootstrap = bytes_to_json(BOOTSTRAP, &bytes).context("rendering the bootstrap")?;
    Ok(json!({ "@type": BOOTSTRAP_DUMP, "bootstrap": bootstrap }))
}

/// `{xdsIR: {...}, infraIR: {...}}`, by IR key.
///
/// # Errors
/// When the IR cannot be serialized.
pub fn ir_dump(out: &OfflineTranslation) -> anyhow::Result<Value> {
    Ok(json!({
        "xdsIR": serde_json::to_value(&out.translation.xds)?,
        "infraIR": serde_json::to_value(&out.translation.infra)?,
    }))
}

/// The objects the translation has a status for, each with that status, grouped by collection as
/// egctl prints them (`gatewayClass`, `gateways`, `httpRoutes`, ...; collections in kind order).
///
/// # Errors
/// When an object cannot be serialized.
pub fn gateway_api_dump(out: &OfflineTranslation) -> anyhow::Result<Value> {
    let mut collections: BTreeMap<ResourceKind, Vec<Value>> = BTreeMap::new();
    for (key, status) in out.translation.statuses.iter() {
        let mut object = match out.snapshot.get(key) {
            Some(resource) => resource.to_json()?,
            None => continue,
        };
        if let Some(map) = object.as_object_mut() {
            map.insert("status".to_owned(), serde_json::to_value(status)?);
        }
        collections.entry(key.kind).or_default().push(object);
    }
    let mut dump = Map::new();
    for (kind, objects) in collections {
        dump.insert(collection_name(kind), Value::Array(objects));
    }
    Ok(Value::Object(dump))
}

/// `HTTPRoute` -> `httpRoutes`, `GatewayClass` -> `gatewayClasses`.
fn collection_name(kind: ResourceKind) -> String {
    let name = kind.to_string();
    let upper = name.chars().take_while(char::is_ascii_uppercase).count();
    // The leading capitals are one acronym (`HTTP`, `GRPC`) unless followed by lower case letters,
    // whose first capital starts the next word (`GatewayClass`, `HTTPRoute` -> `http` + `Route`).
    let split = if upper > 1 && upper < name.len() {
        upper - 1
    } else {
        upper.max(1)
    };
    let (head, tail) = name.split_at(split.min(name.len()));
    let plural = if tail.ends_with('s') {
        format!("{tail}es")
    } else if let Some(stem) = tail
        .strip_suffix('y')
        .filter(|stem| !stem.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else {
        format!("{tail}s")
    };
    format!("{}{plural}", head.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use gwapi_model::builders::{GatewayBuilder, GatewayClassBuilder};

    use super::*;

    fn world() -> Vec<Resource> {
        vec![
            GatewayClassBuilder::new("eg").build().into(),
            GatewayBuilder::new("default", "gw")
                .class("eg")
                .http_listener("http", 8080)
                .build()
                .into(),
        ]
    }

    #[test]
    fn collections_are_named_like_egctl_prints_them() {
        assert_eq!(collection_name(ResourceKind::HttpRoute), "httpRoutes");
        assert_eq!(collection_name(ResourceKind::GrpcRoute), "grpcRoutes");
        assert_eq!(
            collection_name(ResourceKind::GatewayClass),
            "gatewayClasses"
        );
        assert_eq!(collection_name(ResourceKind::Gateway), "gateways");
        assert_eq!(
            collection_name(ResourceKind::SecurityPolicy),
            "securityPolicies"
        );
        assert_eq!(
            collection_name(ResourceKind::BackendTlsPolicy),
            "backendTLSPolicies"
        );
    }

    #[test]
    fn the_whole_dump_lists_its_parts_in_egctl_order() {
        let out = translate(world(), &OfflineOptions::default()).unwrap();
        let (dump, problems) = xds_dump(&out, DumpType::All).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let types: Vec<&str> = dump["xds"]["default/gw"]["configs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["@type"].as_str().unwrap())
            .collect();
        assert_eq!(
            types,
            [
                BOOTSTRAP_DUMP,
                "type.googleapis.com/envoy.admin.v3.EndpointsConfigDump",
                "type.googleapis.com/envoy.admin.v3.ClustersConfigDump",
                "type.googleapis.com/envoy.admin.v3.ListenersConfigDump",
                "type.googleapis.com/envoy.admin.v3.RoutesConfigDump",
            ]
        );
        let bootstrap = &dump["xds"]["default/gw"]["configs"][0]["bootstrap"];
        assert!(bootstrap["dynamicResources"].is_object(), "{bootstrap}");
    }

    #[test]
    fn statuses_come_with_their_objects() {
        let out = translate(world(), &OfflineOptions::default()).unwrap();
        let dump = gateway_api_dump(&out).unwrap();
        let gateway = &dump["gateways"][0];
        assert_eq!(gateway["metadata"]["name"], "gw");
        assert_eq!(
            gateway["status"]["listeners"][0]["name"], "http",
            "{gateway}"
        );
        assert!(dump["gatewayClasses"][0]["status"].is_object());
    }

    #[test]
    fn without_a_gateway_class_of_the_controller_nothing_translates() {
        let err = translate(Vec::new(), &OfflineOptions::default()).unwrap_err();
        assert!(err.to_string().contains("no GatewayClass"), "{err}");
    }
}
