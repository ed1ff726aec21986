//! The pod template shared by the Deployment and the `DaemonSet`: containers, volumes, scheduling and the
//! `EnvoyProxy` pod settings.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    ConfigMapVolumeSource, KeyToPath, PodSpec, PodTemplateSpec, ProjectedVolumeSource,
    SecretVolumeSource, ServiceAccountTokenProjection, Volume, VolumeProjection,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::container::{METRICS_PORT, envoy_container};
use crate::drain::Drain;
use crate::fleet::Fleet;
use crate::labels::{infra_annotations, non_empty, object_labels};
use crate::shutdown_manager::shutdown_manager_container;

/// The mode of mounted files (0644).
const FILE_MODE: i32 = 420;
/// The lifetime of the projected service account token.
const TOKEN_EXPIRATION_SECONDS: i64 = 3600;

/// The pod template running `bootstrap`.
pub(crate) fn pod_template(fleet: &Fleet<'_>, bootstrap: String) -> PodTemplateSpec {
    let pod = fleet.pod();
    let mut labels = object_labels(fleet);
    let mut annotations = BTreeMap::new();
    if fleet.prometheus_enabled() {
        annotations.insert(
            "prometheus.io/path".to_owned(),
            "/stats/prometheus".to_owned(),
        );
        annotations.insert("prometheus.io/port".to_owned(), METRICS_PORT.to_string());
        annotations.insert("prometheus.io/scrape".to_owned(), "true".to_owned());
    }
    annotations.extend(infra_annotations(fleet));
    if let Some(pod) = pod {
        labels.extend(pod.labels.clone());
        annotations.extend(pod.annotations.clone());
    }
    let init_containers = match fleet.workload() {
        crate::fleet::Workload::Deployment(Some(d)) if !d.init_containers.is_empty() => {
            Some(d.init_containers.clone())
        }
        _ => None,
    };
    PodTemplateSpec {
        metadata: Some(ObjectMeta {
            labels: non_empty(labels),
            annotations: non_empty(annotations),
            ..ObjectMeta::default()
        }),
        spec: Some(PodSpec {
            automount_service_account_token: Some(false),
            containers: vec![
                envoy_container(fleet, bootstrap),
                shutdown_manager_container(fleet),
            ],
            init_containers,
            service_account_name: Some(fleet.names.service_account.clone()),
            termination_grace_period_seconds: Some(Drain::of(fleet).grace_period_seconds()),
            dns_policy: Some("ClusterFirst".to_owned()),
            restart_policy: Some("Always".to_owned()),
            scheduler_name: Some("default-scheduler".to_owned()),
            security_context: pod.and_then(|p| p.security_context.clone()),
            affinity: pod.and_then(|p| p.affinity.clone()),
            tolerations: pod.and_then(|p| non_empty_vec(p.tolerations.clone())),
            image_pull_secrets: pod.and_then(|p| non_empty_vec(p.image_pull_secrets.clone())),
            node_selector: pod.and_then(|p| non_empty(p.node_selector.clone())),
            topology_spread_constraints: pod
                .and_then(|p| non_empty_vec(p.topology_spread_constraints.clone())),
            priority_class_name: pod.and_then(|p| p.priority_class_name.clone()),
            volumes: Some(volumes(fleet)),
            ..PodSpec::default()
        }),
    }
}

/// The default volumes (the token, the xDS certificates, the SDS files) with `pod.volumes` replacing those
/// of the same name and appended otherwise.
fn volumes(fleet: &Fleet<'_>) -> Vec<Volume> {
    let mut volumes = Vec::new();
    let gateway_namespace_mode = fleet.config.gateway_namespace_mode;
    if gateway_namespace_mode {
        volumes.push(Volume {
            name: "sa-token".to_owned(),
            projected: Some(ProjectedVolumeSource {
                default_mode: Some(FILE_MODE),
                sources: Some(vec![VolumeProjection {
                    service_account_token: Some(ServiceAccountTokenProjection {
                        audience: Some(fleet.config.token_audience()),
                        expiration_seconds: Some(TOKEN_EXPIRATION_SECONDS),
                        path: "sa-token".to_owned(),
                        ..ServiceAccountTokenProjection::default()
                    }),
                    ..VolumeProjection::default()
                }]),
                ..ProjectedVolumeSource::default()
            }),
            ..Volume::default()
        });
        volumes.push(Volume {
            name: "certs".to_owned(),
            config_map: Some(config_map_source(&fleet.names.config_map, &["ca.crt"])),
            ..Volume::default()
        });
    } else {
        volumes.push(Volume {
            name: "certs".to_owned(),
            secret: Some(SecretVolumeSource {
                default_mode: Some(FILE_MODE),
                secret_name: Some(fleet.config.certs_secret_name.clone()),
                ..SecretVolumeSource::default()
            }),
            ..Volume::default()
        });
    }
    let sds_keys: &[&str] = if gateway_namespace_mode {
        &["xds-trusted-ca.json", "xds_service_account_token.json"]
    } else {
        &["xds-trusted-ca.json", "xds-certificate.json"]
    };
    volumes.push(Volume {
        name: "sds".to_owned(),
        config_map: Some(config_map_source(&fleet.names.config_map, sds_keys)),
        ..Volume::default()
    });
    for volume in fleet
        .pod()
        .map(|p| p.volumes.as_slice())
        .unwrap_or_default()
    {
        match volumes.iter_mut().find(|v| v.name == volume.name) {
            Some(existing) => *existing = volume.clone(),
            None => volumes.push(volume.clone()),
        }
    }
    volumes
}

fn config_map_source(name: &str, keys: &[&str]) -> ConfigMapVolumeSource {
    ConfigMapVolumeSource {
        default_mode: Some(FILE_MODE),
        items: Some(
            keys.iter()
                .map(|key| KeyToPath {
                    key: (*key).to_owned(),
                    path: (*key).to_owned(),
                    ..KeyToPath::default()
                })
                .collect(),
        ),
        name: name.to_owned(),
        optional: Some(false),
        ..ConfigMapVolumeSource::default()
    }
}

/// `Some(items)` unless there are none.
fn non_empty_vec<T>(items: Vec<T>) -> Option<Vec<T>> {
    (!items.is_empty()).then_some(items)
}
