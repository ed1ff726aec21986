//! The `gateway-api` harness: the upstream Gateway API conformance suite, written down as data in
//! `corpus/gateway-api`, run against gwapi.
//!
//! Each test gets a fresh simulated cluster (`World`): the base manifests, the Secrets and ConfigMaps
//! the suite generates, the GatewayClass, then the test's manifests; its steps run in order
//! (apply, delete, patch, status assertions, requests). Status assertions are checked against the statuses
//! gwapi's translator computes for the cluster. Request steps run through the data plane
//! (`DataPlane`: gwapi-controller's pipeline, a real Envoy per Gateway, echo backends); a
//! test with request steps the harness cannot run yet (HTTPS, gRPC, L4, ...) is reported
//! as skipped with the reason, never as passed.

mod case;
mod certs;
pub mod conformance_report;
mod consistency;
mod dataplane;
mod distribution;
mod dns_message;
mod echo;
mod features;
mod grpc_client;
mod h2c;
mod https_client;
mod l4_client;
mod l4_pods;
mod l4_requests;
mod l4_tls;
mod l4_weights;
mod loopback;
mod mirror;
mod pod_files;
mod repeat;
mod request;
mod request_log;
mod retry_simulation;
mod round_trip;
mod static_addresses;
mod status;
mod tcp_echo;
mod tls_echo;
mod udp_echo;
mod websocket;
mod world;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context as _;
use gwapi_ir::gateway_readiness::{FleetState, set_fleet_status};
use gwapi_ir::{ObjectStatus, Translation, Translator, TranslatorConfig};
use gwapi_model::gateway_api::{GatewayClass, GatewayClassSpec, GatewayStatusAddress};
use gwapi_model::resource::Resource;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::Value;

pub use case::Case;
pub use features::SUPPORTED_FEATURES;

use status::StatusSource;
use world::World;

/// The GatewayClass the suite runs with.
pub const GATEWAY_CLASS_NAME: &str = "gwapi";

/// How one test ended.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "result", content = "reason", rename_all = "camelCase")]
pub enum Verdict {
    /// Every step held.
    Passed,
    /// A step did not hold; why.
    Failed(String),
    /// Not run; why (a feature gwapi does not claim, or a part of the harness that is not there yet).
    Skipped(String),
}

/// The result of one test.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Outcome {
    /// The test's ShortName.
    pub name: String,
    /// Its class.
    pub class: String,
    /// The upstream features it exercises.
    pub features: Vec<String>,
    /// Whether upstream marks it provisional.
    pub provisional: bool,
    /// How it ended.
    pub verdict: Verdict,
}

/// Runs every case of `corpus` (`cases/`, `manifests/`) whose name contains `filter`.
pub fn run(corpus: &Path, filter: Option<&str>) -> anyhow::Result<Vec<Outcome>> {
    let mut files: Vec<_> = std::fs::read_dir(corpus.join("cases"))
        .with_context(|| format!("reading {}", corpus.join("cases").display()))?
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let suite = certs::suite_objects()?;
    let mut plane = Plane::NotStarted;
    let mut outcomes = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)?;
        let case: Case =
            serde_norway::from_str(&text).with_context(|| format!("reading {}", file.display()))?;
        if filter.is_some_and(|f| !case.name.contains(f)) {
            continue;
        }
        let verdict = match skip_reason(&case) {
            Some(reason) => Verdict::Skipped(reason),
            None => run_case(corpus, &case, &suite, &mut plane),
        };
        outcomes.push(Outcome {
            name: case.name.clone(),
            class: case.class.clone(),
            features: case.features.clone(),
            provisional: case.provisional,
            verdict,
        });
    }
    Ok(outcomes)
}

fn skip_reason(case: &Case) -> Option<String> {
    let supported = |f: &String| SUPPORTED_FEATURES.contains(&f.as_str());
    if let Some(f) = case.skip_if_supported.iter().find(|f| supported(f)) {
        return Some(format!("the test does nothing when {f} is supported"));
    }
    if !case.only_if_supported.is_empty() && !case.only_if_supported.iter().any(supported) {
        return Some(format!(
            "needs one of {} (not claimed)",
            case.only_if_supported.join(", ")
        ));
    }
    if let Some(f) = case.features.iter().find(|f| !supported(f)) {
        return Some(format!("feature {f} is not claimed"));
    }
    None
}

fn translator_config() -> TranslatorConfig {
    let mut config = TranslatorConfig::default();
    GATEWAY_CLASS_NAME.clone_into(&mut config.gateway_class_name);
    config
}

/// The data plane, started by the first test that sends requests.
enum Plane {
    NotStarted,
    Running(Box<dataplane::DataPlane>),
    Unavailable(String),
}

impl Plane {
    fn get(&mut self) -> Result<&mut dataplane::DataPlane, String> {
        if matches!(self, Self::NotStarted) {
            *self = match dataplane::DataPlane::start(translator_config()) {
                Ok(plane) => Self::Running(Box::new(plane)),
                Err(e) => Self::Unavailable(format!("no data plane: {e:#}")),
            };
        }
        match self {
            Self::Running(plane) => Ok(plane),
            Self::Unavailable(why) => Err(why.clone()),
            Self::NotStarted => Err("no data plane".to_owned()),
        }
    }
}

fn run_case(corpus: &Path, case: &Case, suite: &[Resource], plane: &mut Plane) -> Verdict {
    match try_run_case(corpus, case, suite, plane) {
        Ok(verdict) => verdict,
        Err(e) => Verdict::Failed(format!("{e:#}")),
    }
}

/// The cluster a test starts from: the suite's GatewayClass, the base manifests, the suite's Secrets and
/// ConfigMaps, then the test's manifests.
fn initial_world(
    corpus: &Path,
    case: &Case,
    suite: &[Resource],
    config: &TranslatorConfig,
) -> anyhow::Result<World> {
    let mut world = World::new(
        &corpus.join("manifests"),
        [
            vec![
                (
                    "{GATEWAY_CLASS_NAME}".to_owned(),
                    GATEWAY_CLASS_NAME.to_owned(),
                ),
                (
                    "{GATEWAY_CONTROLLER_NAME}".to_owned(),
                    config.controller_name.clone(),
                ),
            ],
            static_addresses::substitutions(),
        ]
        .concat(),
    );
    world.upsert(Resource::GatewayClass(Box::new(GatewayClass {
        metadata: ObjectMeta {
            name: Some(GATEWAY_CLASS_NAME.to_owned()),
            ..ObjectMeta::default()
        },
        spec: GatewayClassSpec {
            controller_name: config.controller_name.clone(),
            parameters_ref: None,
            description: None,
        },
        status: None,
    })));
    world.apply_file("base/manifests.yaml")?;
    for object in suite {
        world.upsert(object.clone());
    }
    for manifest in &case.manifests {
        world.apply_file(manifest)?;
    }
    Ok(world)
}

fn try_run_case(
    corpus: &Path,
    case: &Case,
    suite: &[Resource],
    plane: &mut Plane,
) -> anyhow::Result<Verdict> {
    let not_runnable = case
        .steps
        .iter()
        .filter_map(|s| s.requests.as_ref())
        .find_map(request::unsupported);
    let config = translator_config();
    let mut world = initial_world(corpus, case, suite, &config)?;
    let not_runnable = not_runnable.or_else(|| grpc_client::unserved(case, &world));
    let mut skipped_requests = 0usize;
    let mut generation_before: BTreeMap<(String, String, String), Option<i64>> = BTreeMap::new();
    for step in &case.steps {
        for item in step.apply.iter().flatten() {
            match item {
                Value::String(path) => world.apply_file(path)?,
                other => world.apply_object(other.get("object").unwrap_or(other))?,
            }
        }
        for target in step.delete.iter().flatten() {
            world.delete(target);
        }
        if let Some(patch) = &step.patch {
            let key = (
                patch.kind.clone(),
                patch.namespace.clone().unwrap_or_default(),
                patch.name.clone(),
            );
            generation_before.insert(key.clone(), world.generation(&key.0, &key.1, &key.2));
            world.patch(patch)?;
        }
        if let Some(expectations) = &step.expect_status {
            let translations = translate_every_class(&world, &config);
            let source = Observed::new(&world, &translations);
            for exp in expectations {
                if exp.generation_changed {
                    let ns = exp.namespace.clone().unwrap_or_default();
                    let key = (exp.kind.clone(), ns.clone(), exp.name.clone());
                    let before = generation_before.get(&key).copied().flatten();
                    if before == world.generation(&exp.kind, &ns, &exp.name) {
                        return Ok(Verdict::Failed(format!(
                            "{} {ns}/{}: the generation did not change",
                            exp.kind, exp.name
                        )));
                    }
                    continue;
                }
                if let Err(e) = status::check(exp, &source) {
                    return Ok(Verdict::Failed(e));
                }
            }
        }
        if let Some(requests) = &step.requests {
            if not_runnable.is_some() {
                skipped_requests += 1;
                continue;
            }
            let plane = match plane.get() {
                Ok(plane) => plane,
                Err(why) => return Ok(Verdict::Skipped(why)),
            };
            plane.sync(&world)?;
            if let Err(e) = plane.run_requests(&world, requests) {
                return Ok(Verdict::Failed(e));
            }
        }
    }
    Ok(match not_runnable {
        Some(why) if skipped_requests > 0 => Verdict::Skipped(format!(
            "statuses hold; {skipped_requests} request step(s) not run: {why}"
        )),
        _ => Verdict::Passed,
    })
}

/// Translates the world once per GatewayClass of the controller, as the controller does.
fn translate_every_class(world: &World, config: &TranslatorConfig) -> Vec<Translation> {
    let snapshot = world.snapshot();
    world
        .objects()
        .iter()
        .filter_map(|o| match o {
            Resource::GatewayClass(c) if c.spec.controller_name == config.controller_name => {
                c.metadata.name.clone()
            }
            _ => None,
        })
        .map(|class| {
            let mut config = config.clone();
            config.gateway_class_name = class;
            Translator::new(config).translate(&snapshot)
        })
        .collect()
}

/// The statuses of a translated world, with the addresses the simulated cluster gives Gateways.
struct Observed {
    statuses: BTreeMap<(String, String, String), Value>,
    gateways: BTreeMap<String, Vec<(String, bool)>>,
}

impl Observed {
    fn new(world: &World, translations: &[Translation]) -> Self {
        let mut gateways: BTreeMap<String, Vec<(String, bool)>> = BTreeMap::new();
        // The simulated load balancer gives every Gateway its own loopback address.
        let addresses = world.gateway_addresses();
        for object in world.objects() {
            if let Resource::Gateway(g) = object {
                let namespace = g.metadata.namespace.clone().unwrap_or_default();
                let name = g.metadata.name.clone().unwrap_or_default();
                let skip = g
                    .metadata
                    .annotations
                    .as_ref()
                    .and_then(|a| a.get("gateway-api/skip-this-for-readiness"))
                    .is_some_and(|v| v == "true");
                gateways.entry(namespace).or_default().push((name, skip));
            }
        }
        let mut statuses: BTreeMap<(String, String, String), Value> = BTreeMap::new();
        for (key, status) in translations.iter().flat_map(|t| t.statuses.iter()) {
            let mut status = status.clone();
            if let ObjectStatus::Gateway(gateway) = &mut status
                && let Some(address) = addresses.get(&(key.namespace.clone(), key.name.clone()))
            {
                let unusable = match world.find("Gateway", &key.namespace, &key.name) {
                    Some(Resource::Gateway(g)) => static_addresses::requested(g).1,
                    _ => Vec::new(),
                };
                let fleet = FleetState {
                    addresses: vec![GatewayStatusAddress {
                        type_: Some("IPAddress".to_owned()),
                        value: address.clone(),
                    }],
                    ready_replicas: 1,
                    replicas: 1,
                    unusable_addresses: unusable,
                };
                set_fleet_status(gateway, &fleet);
            }
            let value = serde_json::to_value(&status).unwrap_or(Value::Null);
            let slot = statuses
                .entry((
                    key.kind.kind().to_owned(),
                    key.namespace.clone(),
                    key.name.clone(),
                ))
                .or_insert(Value::Null);
            merge_status(slot, value);
        }
        Self { statuses, gateways }
    }
}

/// Merges the status one class's translation computed for an object into what other classes computed:
/// route parents and policy ancestors add up; anything else is decided by the first class that has it.
fn merge_status(slot: &mut Value, status: Value) {
    if slot.is_null() {
        *slot = status;
        return;
    }
    for list in ["parents", "ancestors"] {
        let Some(more) = status.get(list).and_then(Value::as_array) else {
            continue;
        };
        if let Some(Value::Array(have)) = slot.get_mut(list) {
            for item in more {
                if !have.contains(item) {
                    have.push(item.clone());
                }
            }
        }
    }
}

impl StatusSource for Observed {
    fn status(&self, kind: &str, namespace: &str, name: &str) -> Value {
        self.statuses
            .get(&(kind.to_owned(), namespace.to_owned(), name.to_owned()))
            .cloned()
            .unwrap_or(Value::Null)
    }

    fn gateways_in(&self, namespace: &str) -> Vec<(String, bool)> {
        self.gateways.get(namespace).cloned().unwrap_or_default()
    }
}

/// The report: one line per test (with the reason when it did not pass), a table by class, and
/// `N passed, M failed, K skipped`.
pub fn report(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let mut by_class: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for o in outcomes {
        let counts = by_class.entry(o.class.as_str()).or_default();
        let line = match &o.verdict {
            Verdict::Passed => {
                counts[0] += 1;
                "passed".to_owned()
            }
            Verdict::Failed(why) => {
                counts[1] += 1;
                format!("FAILED: {why}")
            }
            Verdict::Skipped(why) => {
                counts[2] += 1;
                format!("skipped: {why}")
            }
        };
        let _ = writeln!(out, "{:<55} {:<7} {line}", o.name, o.class);
    }
    let _ = writeln!(
        out,
        "\n{:<8} {:>6} {:>6} {:>7}",
        "class", "passed", "failed", "skipped"
    );
    let mut total = [0usize; 3];
    for (class, [p, f, s]) in &by_class {
        let _ = writeln!(out, "{class:<8} {p:>6} {f:>6} {s:>7}");
        total[0] += p;
        total[1] += f;
        total[2] += s;
    }
    let _ = writeln!(
        out,
        "{} passed, {} failed, {} skipped",
        total[0], total[1], total[2]
    );
    out
}
