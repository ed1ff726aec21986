//! The simulated cluster of a conformance run: the objects applied so far (base manifests, then each test's),
//! with what a cluster adds: creation times in apply order, generations, and endpoints for the pods of every
//! Deployment, each pod on its own loopback address (127.0.1.N), so that backends are told apart by address.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use gwapi_model::Snapshot;
use gwapi_model::core::EndpointSlice;
use gwapi_model::load::{Loader, LoaderConfig};
use gwapi_model::resource::{ObjectKey, Resource};
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointConditions, EndpointPort};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde::Deserialize as _;
use serde_json::Value;

use super::case::{ObjectRef, Patch};

/// One pod of a Deployment, with its loopback address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pod {
    /// The pod name, shaped like a Deployment's (`<deployment>-<template hash>-<suffix>`).
    pub name: String,
    /// The pod's namespace.
    pub namespace: String,
    /// The pod's labels.
    pub labels: BTreeMap<String, String>,
    /// The pod's address.
    pub ip: String,
    /// The container ports, by name.
    pub ports: BTreeMap<String, i32>,
    /// The pod template's spec (containers, volumes), as data.
    pub spec: Value,
}

/// The objects of the simulated cluster.
pub struct World {
    manifests: PathBuf,
    substitutions: Vec<(String, String)>,
    objects: Vec<Resource>,
    deployments: BTreeMap<(String, String), Value>,
    applied: i64,
}

/// Where creation times start (any fixed instant; only the order matters).
const EPOCH_SECONDS: i64 = 1_700_000_000;

impl World {
    /// An empty cluster reading manifests under `manifests`, replacing each `(placeholder, value)` in them.
    pub fn new(manifests: &Path, substitutions: Vec<(String, String)>) -> Self {
        Self {
            manifests: manifests.to_owned(),
            substitutions,
            objects: Vec::new(),
            deployments: BTreeMap::new(),
            applied: 0,
        }
    }

    /// Applies the manifest at `relative` (under the manifests folder).
    pub fn apply_file(&mut self, relative: &str) -> anyhow::Result<()> {
        let path = self.manifests.join(relative);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        self.apply_text(relative, &text)
    }

    /// Applies one object given as data.
    pub fn apply_object(&mut self, object: &Value) -> anyhow::Result<()> {
        let mut object = object.clone();
        self.resolve_placeholders(&mut object);
        let text = serde_norway::to_string(&object)?;
        self.apply_text("(object)", &text)
    }

    fn apply_text(&mut self, source: &str, text: &str) -> anyhow::Result<()> {
        let mut text = text.to_owned();
        for (placeholder, value) in &self.substitutions {
            text = text.replace(placeholder.as_str(), value);
        }
        for document in serde_norway::Deserializer::from_str(&text) {
            let Ok(value) = Value::deserialize(document) else {
                continue;
            };
            if value.get("kind").and_then(Value::as_str) == Some("Deployment") {
                let field = |key: &str| value.pointer(&format!("/metadata/{key}"))?.as_str();
                let key = (
                    field("namespace").unwrap_or("default").to_owned(),
                    field("name").unwrap_or_default().to_owned(),
                );
                self.deployments.insert(key, value);
            }
        }
        let loader = Loader::new(LoaderConfig::default().default_namespace(Some("default")));
        let output = loader.load_str(source, &text);
        if output.has_errors() {
            let errors: Vec<String> = output
                .diagnostics
                .iter()
                .filter(|d| d.severity == gwapi_model::load::Severity::Error)
                .map(ToString::to_string)
                .collect();
            anyhow::bail!("{source}: {}", errors.join("; "));
        }
        for object in output.objects {
            self.upsert(object.resource);
        }
        Ok(())
    }

    /// Creates or replaces an object, the way the API server would: a new object gets the next creation
    /// time and generation 1; a replaced one keeps its creation time, and its generation grows when its
    /// spec changed.
    pub fn upsert(&mut self, mut resource: Resource) {
        gwapi_model::offline::apply_api_defaults(&mut resource);
        let key = ObjectKey::of(&resource);
        let existing = self.objects.iter().position(|o| ObjectKey::of(o) == key);
        let Some((i, old)) = existing.and_then(|i| self.objects.get(i).map(|o| (i, o))) else {
            self.applied += 1;
            let meta = resource.metadata_mut();
            meta.creation_timestamp =
                k8s_openapi::jiff::Timestamp::from_second(EPOCH_SECONDS + self.applied)
                    .ok()
                    .map(Time);
            meta.generation = Some(1);
            self.objects.push(resource);
            return;
        };
        let spec_changed = spec_of(old) != spec_of(&resource);
        let old_meta = old.metadata().clone();
        let meta = resource.metadata_mut();
        meta.creation_timestamp = old_meta.creation_timestamp;
        let generation = old_meta.generation.unwrap_or(1);
        meta.generation = Some(if spec_changed {
            generation + 1
        } else {
            generation
        });
        if let Some(slot) = self.objects.get_mut(i) {
            *slot = resource;
        }
    }

    /// Deletes an object (and the Deployment of that name, for Deployments).
    pub fn delete(&mut self, target: &ObjectRef) {
        let namespace = target.namespace.clone().unwrap_or_default();
        if target.kind == "Deployment" {
            self.deployments
                .remove(&(namespace.clone(), target.name.clone()));
        }
        self.objects.retain(|o| {
            let key = ObjectKey::of(o);
            !(key.kind.kind() == target.kind
                && key.namespace == namespace
                && key.name == target.name)
        });
    }

    /// Applies a patch step: an RFC 7386 merge patch to an object, or pod endpoints to EndpointSlices.
    pub fn patch(&mut self, patch: &Patch) -> anyhow::Result<()> {
        if let Some(source) = &patch.endpoints_from_pods_of {
            self.set_slice_endpoints(patch, source);
            return Ok(());
        }
        let namespace = patch.namespace.clone().unwrap_or_default();
        let current = self
            .objects
            .iter()
            .find(|o| {
                let key = ObjectKey::of(o);
                key.kind.kind() == patch.kind
                    && key.namespace == namespace
                    && key.name == patch.name
            })
            .with_context(|| format!("patch: no {} {namespace}/{}", patch.kind, patch.name))?;
        let mut json = current.to_json()?;
        let mut merge = patch.merge.clone();
        self.resolve_placeholders(&mut merge);
        merge_patch(&mut json, &merge);
        let text = serde_norway::to_string(&json)?;
        let loader = Loader::new(LoaderConfig::default().default_namespace(Some("default")));
        for object in loader.load_str("(patch)", &text).objects {
            self.upsert(object.resource);
        }
        Ok(())
    }

    /// Gives the named EndpointSlices the addresses of the pods of a Deployment (IPv4 slices only: every
    /// pod address is IPv4).
    fn set_slice_endpoints(&mut self, patch: &Patch, source: &ObjectRef) {
        let namespace = patch.namespace.clone().unwrap_or_default();
        let prefix = format!("{}-", source.name);
        let addresses: Vec<String> = self
            .pods()
            .into_iter()
            .filter(|p| {
                Some(&p.namespace) == source.namespace.as_ref() && p.name.starts_with(&prefix)
            })
            .map(|p| p.ip)
            .collect();
        for object in &mut self.objects {
            if let Resource::EndpointSlice(slice) = object
                && slice.metadata.namespace.as_deref() == Some(namespace.as_str())
                && patch
                    .names
                    .iter()
                    .any(|n| slice.metadata.name.as_deref() == Some(n.as_str()))
                && slice.address_type == "IPv4"
            {
                slice.endpoints = Some(
                    addresses
                        .iter()
                        .map(|a| Endpoint {
                            addresses: vec![a.clone()],
                            conditions: Some(EndpointConditions {
                                ready: Some(true),
                                serving: Some(true),
                                terminating: Some(false),
                            }),
                            ..Endpoint::default()
                        })
                        .collect(),
                );
            }
        }
    }

    /// Replaces `{FROM_CONFIGMAP:ns/name:key}` strings with that key of that ConfigMap.
    pub fn resolve_placeholders(&self, value: &mut Value) {
        match value {
            Value::String(text) => {
                for (placeholder, value) in &self.substitutions {
                    if text.contains(placeholder.as_str()) {
                        *text = text.replace(placeholder.as_str(), value);
                    }
                }
                if let Some(reference) = text
                    .strip_prefix("{FROM_CONFIGMAP:")
                    .and_then(|r| r.strip_suffix('}'))
                    && let Some((object, key)) = reference.rsplit_once(':')
                    && let Some((ns, name)) = object.split_once('/')
                    && let Some(Resource::ConfigMap(map)) = self.find("ConfigMap", ns, name)
                    && let Some(found) = map.data.as_ref().and_then(|d| d.get(key))
                {
                    *text = found.clone();
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.resolve_placeholders(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.resolve_placeholders(v)),
            _ => {}
        }
    }

    /// The generation of an object.
    pub fn generation(&self, kind: &str, namespace: &str, name: &str) -> Option<i64> {
        self.find(kind, namespace, name)?.metadata().generation
    }

    /// An object by kind, namespace and name.
    pub fn find(&self, kind: &str, namespace: &str, name: &str) -> Option<&Resource> {
        self.objects.iter().find(|o| {
            let key = ObjectKey::of(o);
            key.kind.kind() == kind && key.namespace == namespace && key.name == name
        })
    }

    /// The address the simulated load balancer gives each Gateway: `127.0.2.N`, N counting Gateways in
    /// apply order.
    pub fn gateway_addresses(&self) -> BTreeMap<(String, String), String> {
        let mut addresses = BTreeMap::new();
        for object in &self.objects {
            if let Resource::Gateway(g) = object {
                let n = addresses.len() + 1;
                addresses.insert(
                    (
                        g.metadata.namespace.clone().unwrap_or_default(),
                        g.metadata.name.clone().unwrap_or_default(),
                    ),
                    // A Gateway asking for an address the host can give gets it.
                    super::static_addresses::requested(g)
                        .0
                        .into_iter()
                        .next()
                        .unwrap_or_else(|| super::loopback::gateway(n)),
                );
            }
        }
        addresses
    }

    /// The objects applied so far.
    pub fn objects(&self) -> &[Resource] {
        &self.objects
    }

    /// Every pod of every Deployment, each with its own address, in a stable order.
    pub fn pods(&self) -> Vec<Pod> {
        let mut pods = Vec::new();
        for ((namespace, name), deployment) in &self.deployments {
            let replicas = deployment
                .pointer("/spec/replicas")
                .and_then(Value::as_i64)
                .unwrap_or(1);
            let labels: BTreeMap<String, String> = deployment
                .pointer("/spec/template/metadata/labels")
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                        .collect()
                })
                .unwrap_or_default();
            let mut ports = BTreeMap::new();
            let containers = deployment
                .pointer("/spec/template/spec/containers")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for port in containers
                .iter()
                .filter_map(|c| c.get("ports").and_then(Value::as_array))
                .flatten()
            {
                if let (Some(n), Some(p)) = (
                    port.get("name").and_then(Value::as_str),
                    port.get("containerPort").and_then(Value::as_i64),
                ) {
                    ports.insert(n.to_owned(), i32::try_from(p).unwrap_or_default());
                }
            }
            for replica in 0..replicas.max(0) {
                let n = pods.len() + 1;
                pods.push(Pod {
                    name: pod_name(namespace, name, replica),
                    namespace: namespace.clone(),
                    labels: labels.clone(),
                    ip: super::loopback::pod(n),
                    ports: ports.clone(),
                    spec: deployment
                        .pointer("/spec/template/spec")
                        .cloned()
                        .unwrap_or_default(),
                });
            }
        }
        pods
    }

    /// The snapshot to translate: the objects, plus an EndpointSlice per Service over the pods its
    /// selector picks.
    pub fn snapshot(&self) -> Snapshot {
        let pods = self.pods();
        let mut snapshot = Snapshot::new();
        for object in &self.objects {
            if let Resource::Service(service) = object
                && let Some(slice) = endpoint_slice(service, &pods)
            {
                snapshot.insert(Resource::EndpointSlice(Box::new(slice)));
            }
            snapshot.insert(object.clone());
        }
        snapshot
    }
}

/// The letters Kubernetes uses for generated name parts (no vowels, no look-alike digits).
const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// A Deployment's pod name as Kubernetes shapes it, `<deployment>-<template hash>-<suffix>`, derived
/// deterministically from the Deployment and the replica number (upstream tests take the backend name
/// as the pod name minus its last two `-` parts).
fn pod_name(namespace: &str, deployment: &str, replica: i64) -> String {
    let generated = |seed: &str, len: usize| {
        // FNV-1a, then the digits of the hash in the alphabet's base.
        let mut hash = seed.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let base = NAME_ALPHABET.len() as u64;
        (0..len)
            .map(|_| {
                let digit = usize::try_from(hash % base).unwrap_or_default();
                hash /= base;
                NAME_ALPHABET.get(digit).map_or('b', |c| char::from(*c))
            })
            .collect::<String>()
    };
    let template = generated(&format!("{namespace}/{deployment}"), 10);
    let suffix = generated(&format!("{namespace}/{deployment}/{replica}"), 5);
    format!("{deployment}-{template}-{suffix}")
}

fn spec_of(resource: &Resource) -> Value {
    resource
        .to_json()
        .ok()
        .and_then(|j| j.get("spec").cloned())
        .unwrap_or(Value::Null)
}

/// RFC 7386: objects merge key by key, `null` deletes, everything else replaces.
fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    if let Value::Object(map) = target {
        for (k, v) in patch {
            if v.is_null() {
                map.remove(k);
            } else {
                merge_patch(map.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    }
}

/// The EndpointSlice of `service` over the pods its selector picks (none when it has no selector).
fn endpoint_slice(service: &gwapi_model::core::Service, pods: &[Pod]) -> Option<EndpointSlice> {
    let spec = service.spec.as_ref()?;
    let selector = spec.selector.as_ref().filter(|s| !s.is_empty())?;
    let namespace = service.metadata.namespace.clone().unwrap_or_default();
    let picked: Vec<&Pod> = pods
        .iter()
        .filter(|p| p.namespace == namespace)
        .filter(|p| selector.iter().all(|(k, v)| p.labels.get(k) == Some(v)))
        .collect();
    let first = picked.first();
    let ports = spec
        .ports
        .iter()
        .flatten()
        .map(|p| EndpointPort {
            name: p.name.clone(),
            port: Some(match &p.target_port {
                Some(IntOrString::Int(port)) => *port,
                Some(IntOrString::String(name)) => first
                    .and_then(|pod| pod.ports.get(name).copied())
                    .unwrap_or(p.port),
                None => p.port,
            }),
            protocol: p.protocol.clone(),
            app_protocol: p.app_protocol.clone(),
        })
        .collect();
    let name = service.metadata.name.clone().unwrap_or_default();
    Some(EndpointSlice {
        metadata: ObjectMeta {
            name: Some(format!("{name}-pods")),
            namespace: Some(namespace),
            labels: Some(
                [("kubernetes.io/service-name".to_owned(), name)]
                    .into_iter()
                    .collect(),
            ),
            ..ObjectMeta::default()
        },
        address_type: "IPv4".to_owned(),
        endpoints: Some(
            picked
                .iter()
                .map(|p| Endpoint {
                    addresses: vec![p.ip.clone()],
                    conditions: Some(EndpointConditions {
                        ready: Some(true),
                        ..EndpointConditions::default()
                    }),
                    ..Endpoint::default()
                })
                .collect(),
        ),
        ports: Some(ports),
    })
}
