//! The `envoy` container: command line (bootstrap, log levels, concurrency, drain), environment, ports,
//! probes, resources, security context and volume mounts.

use std::collections::BTreeMap;

use gwapi_ir::model::envoy_gateway::{LogLevel, ProxyLogComponent};
use k8s_openapi::api::core::v1::{
    Capabilities, Container, ContainerPort, EnvVar, EnvVarSource, HTTPGetAction, LifecycleHandler,
    ObjectFieldSelector, Probe, ResourceRequirements, SeccompProfile, SecurityContext, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::drain::Drain;
use crate::fleet::Fleet;

/// The port of the Prometheus stats listener.
pub const METRICS_PORT: i32 = 19001;
/// The port of the readiness listener (`/ready`).
pub const READINESS_PORT: i32 = 19003;
/// The port of the shutdown manager (`/healthz`, `/shutdown/ready`).
pub const SHUTDOWN_MANAGER_PORT: i32 = 19002;
/// The user and group the containers run as.
const NON_ROOT_ID: i64 = 65532;
/// The component whose level Envoy gets when no component level is set.
const DEFAULT_COMPONENT_LOG_LEVEL: &str = "misc:error";

/// The `envoy` container running `bootstrap`.
pub(crate) fn envoy_container(fleet: &Fleet<'_>, bootstrap: String) -> Container {
    let spec = fleet.container();
    let mut ports = Vec::new();
    if fleet.prometheus_enabled() {
        ports.push(tcp_port("metrics", METRICS_PORT));
    }
    ports.push(tcp_port("readiness", READINESS_PORT));
    Container {
        name: "envoy".to_owned(),
        image: Some(envoy_image(fleet)),
        image_pull_policy: Some("IfNotPresent".to_owned()),
        command: Some(vec!["envoy".to_owned()]),
        args: Some(envoy_args(fleet, bootstrap)),
        env: Some(merge_env(
            default_env(),
            spec.map(|c| c.env.as_slice()).unwrap_or_default(),
        )),
        resources: Some(
            spec.and_then(|c| c.resources.clone())
                .unwrap_or_else(|| requests("100m", "512Mi")),
        ),
        security_context: Some(container_security_context(fleet)),
        ports: Some(ports),
        volume_mounts: Some(envoy_volume_mounts(fleet)),
        lifecycle: Some(k8s_openapi::api::core::v1::Lifecycle {
            pre_stop: Some(LifecycleHandler {
                http_get: Some(http_get("/shutdown/ready", SHUTDOWN_MANAGER_PORT)),
                ..LifecycleHandler::default()
            }),
            ..k8s_openapi::api::core::v1::Lifecycle::default()
        }),
        liveness_probe: Some(probe("/ready", READINESS_PORT, 3, 10)),
        readiness_probe: Some(probe("/ready", READINESS_PORT, 1, 5)),
        startup_probe: Some(probe("/ready", READINESS_PORT, 30, 10)),
        termination_message_path: Some("/dev/termination-log".to_owned()),
        termination_message_policy: Some("File".to_owned()),
        ..Container::default()
    }
}

/// The image: `container.image`, else `container.imageRepository` with the default tag, else the default.
fn envoy_image(fleet: &Fleet<'_>) -> String {
    let default = &fleet.config.envoy_image;
    let spec = fleet.container();
    if let Some(image) = spec.and_then(|c| c.image.clone()) {
        return image;
    }
    if let Some(repository) = spec.and_then(|c| c.image_repository.as_ref()) {
        let tag = default.rsplit_once(':').map_or("latest", |(_, tag)| tag);
        return format!("{repository}:{tag}");
    }
    default.clone()
}

/// Envoy's command line, in Envoy Gateway's order.
fn envoy_args(fleet: &Fleet<'_>, bootstrap: String) -> Vec<String> {
    let levels = fleet
        .spec
        .logging
        .as_ref()
        .map(|l| l.level.clone())
        .unwrap_or_default();
    let default_level = levels
        .get(&ProxyLogComponent::Default)
        .map_or_else(|| "warn".to_owned(), LogLevel::to_string);
    let mut args = vec![
        "--service-cluster".to_owned(),
        fleet.service_cluster().to_owned(),
        "--service-node".to_owned(),
        "$(ENVOY_POD_NAME)".to_owned(),
        "--config-yaml".to_owned(),
        bootstrap,
        "--log-level".to_owned(),
        default_level,
        "--cpuset-threads".to_owned(),
        "--drain-strategy".to_owned(),
        "immediate".to_owned(),
    ];
    if let Some(concurrency) = fleet.spec.concurrency {
        args.push("--concurrency".to_owned());
        args.push(concurrency.to_string());
    }
    args.push("--component-log-level".to_owned());
    args.push(component_log_levels(&levels));
    args.push("--drain-time-s".to_owned());
    args.push(Drain::of(fleet).drain_seconds().to_string());
    args.extend(fleet.spec.extra_args.iter().cloned());
    args
}

/// `component:level` for each component but `default`, sorted; `misc:error` when there is none.
fn component_log_levels(levels: &BTreeMap<ProxyLogComponent, LogLevel>) -> String {
    let mut parts: Vec<String> = levels
        .iter()
        .filter(|(component, _)| **component != ProxyLogComponent::Default)
        .map(|(component, level)| format!("{component}:{level}"))
        .collect();
    parts.sort();
    if parts.is_empty() {
        DEFAULT_COMPONENT_LOG_LEVEL.to_owned()
    } else {
        parts.join(",")
    }
}

/// The environment every container of the pod gets: its namespace, name and zone.
pub(crate) fn default_env() -> Vec<EnvVar> {
    [
        ("ENVOY_POD_NAMESPACE", "metadata.namespace"),
        ("ENVOY_POD_NAME", "metadata.name"),
        (
            "ENVOY_SERVICE_ZONE",
            "metadata.annotations['topology.kubernetes.io/zone']",
        ),
    ]
    .into_iter()
    .map(|(name, path)| EnvVar {
        name: name.to_owned(),
        value_from: Some(EnvVarSource {
            field_ref: Some(ObjectFieldSelector {
                api_version: Some("v1".to_owned()),
                field_path: path.to_owned(),
            }),
            ..EnvVarSource::default()
        }),
        ..EnvVar::default()
    })
    .collect()
}

/// `base` with `extra` variables replacing those of the same name and appended otherwise.
pub(crate) fn merge_env(mut base: Vec<EnvVar>, extra: &[EnvVar]) -> Vec<EnvVar> {
    for var in extra {
        match base.iter_mut().find(|v| v.name == var.name) {
            Some(existing) => *existing = var.clone(),
            None => base.push(var.clone()),
        }
    }
    base
}

/// Resource requests of `cpu` and `memory`.
pub(crate) fn requests(cpu: &str, memory: &str) -> ResourceRequirements {
    ResourceRequirements {
        requests: Some(BTreeMap::from([
            ("cpu".to_owned(), Quantity(cpu.to_owned())),
            ("memory".to_owned(), Quantity(memory.to_owned())),
        ])),
        ..ResourceRequirements::default()
    }
}

/// The container security context: `container.securityContext`, else non-root with no privileges.
pub(crate) fn container_security_context(fleet: &Fleet<'_>) -> SecurityContext {
    fleet
        .container()
        .and_then(|c| c.security_context.clone())
        .unwrap_or_else(|| SecurityContext {
            allow_privilege_escalation: Some(false),
            capabilities: Some(Capabilities {
                drop: Some(vec!["ALL".to_owned()]),
                ..Capabilities::default()
            }),
            privileged: Some(false),
            run_as_group: Some(NON_ROOT_ID),
            run_as_non_root: Some(true),
            run_as_user: Some(NON_ROOT_ID),
            seccomp_profile: Some(SeccompProfile {
                type_: "RuntimeDefault".to_owned(),
                ..SeccompProfile::default()
            }),
            ..SecurityContext::default()
        })
}

/// The mounts of the xDS certificates and SDS files, the service account token in gateway-namespace mode,
/// then `container.volumeMounts`.
fn envoy_volume_mounts(fleet: &Fleet<'_>) -> Vec<VolumeMount> {
    let mut mounts = vec![mount("certs", "/certs", true), mount("sds", "/sds", false)];
    if fleet.config.gateway_namespace_mode {
        mounts.push(mount("sa-token", "/var/run/secrets/token", true));
    }
    if let Some(spec) = fleet.container() {
        mounts.extend(spec.volume_mounts.iter().cloned());
    }
    mounts
}

fn mount(name: &str, path: &str, read_only: bool) -> VolumeMount {
    VolumeMount {
        name: name.to_owned(),
        mount_path: path.to_owned(),
        read_only: read_only.then_some(true),
        ..VolumeMount::default()
    }
}

fn tcp_port(name: &str, port: i32) -> ContainerPort {
    ContainerPort {
        name: Some(name.to_owned()),
        container_port: port,
        protocol: Some("TCP".to_owned()),
        ..ContainerPort::default()
    }
}

/// An HTTP GET on `path` at `port`.
pub(crate) fn http_get(path: &str, port: i32) -> HTTPGetAction {
    HTTPGetAction {
        path: Some(path.to_owned()),
        port: IntOrString::Int(port),
        scheme: Some("HTTP".to_owned()),
        ..HTTPGetAction::default()
    }
}

/// An HTTP probe with a 1s timeout and one success needed.
pub(crate) fn probe(path: &str, port: i32, failure_threshold: i32, period_seconds: i32) -> Probe {
    Probe {
        http_get: Some(http_get(path, port)),
        failure_threshold: Some(failure_threshold),
        period_seconds: Some(period_seconds),
        success_threshold: Some(1),
        timeout_seconds: Some(1),
        ..Probe::default()
    }
}
