//! The seed's `production-proxy` `EnvoyProxy` (`../shared/seed/ARCHITECTURE.md`, "Data Plane HA") on the
//! `argocd/argocd-gateway` fleet: every field it sets, checked one by one on the rendered objects.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gwapi_infra::ir::ir::ProxyInfra;
use gwapi_infra::ir::model::envoy_gateway::EnvoyProxy;
use gwapi_infra::{InfraConfig, InfraRenderer};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

const PRODUCTION_PROXY: &str = r"
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: EnvoyProxy
metadata:
  name: production-proxy
  namespace: envoy-gateway-system
spec:
  provider:
    type: Kubernetes
    kubernetes:
      envoyDeployment:
        replicas: 3
        strategy:
          type: RollingUpdate
          rollingUpdate:
            maxSurge: 1
            maxUnavailable: 0
        pod:
          affinity:
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                - labelSelector:
                    matchLabels:
                      gateway.envoyproxy.io/owning-gateway-name: argocd-gateway
                  topologyKey: topology.kubernetes.io/zone
          topologySpreadConstraints:
            - maxSkew: 1
              topologyKey: kubernetes.io/hostname
              whenUnsatisfiable: ScheduleAnyway
              labelSelector:
                matchLabels:
                  gateway.envoyproxy.io/owning-gateway-name: argocd-gateway
      envoyService:
        type: LoadBalancer
";

const ARGOCD_INFRA: &str = r"
name: argocd/argocd-gateway
metadata:
  labels:
    gateway.envoyproxy.io/owning-gateway-namespace: argocd
    gateway.envoyproxy.io/owning-gateway-name: argocd-gateway
  ownerReference:
    kind: GatewayClass
    name: eg
listeners:
- name: argocd/argocd-gateway/http
  ports:
  - {name: http-80, protocol: HTTP, servicePort: 80, containerPort: 10080}
- name: argocd/argocd-gateway/https
  ports:
  - {name: https-443, protocol: HTTPS, servicePort: 443, containerPort: 10443}
";

fn rendered() -> gwapi_infra::RenderedInfra {
    let mut infra: ProxyInfra = serde_norway::from_str(ARGOCD_INFRA).unwrap();
    let proxy: EnvoyProxy = serde_norway::from_str(PRODUCTION_PROXY).unwrap();
    infra.config = Some(Box::new(proxy));
    InfraRenderer::new(InfraConfig::default())
        .render(&infra, "eg-uid")
        .unwrap()
}

#[test]
fn deployment_runs_three_zone_spread_replicas_with_zero_downtime_updates() {
    let rendered = rendered();
    let deployment = rendered.deployment().expect("a Deployment");
    let name = format!(
        "envoy-{}",
        gwapi_infra::ir::names::hashed_name("argocd/argocd-gateway")
    );
    assert!(name.starts_with("envoy-argocd-argocd-gateway-"));
    assert_eq!(deployment.metadata.name.as_deref(), Some(name.as_str()));
    assert_eq!(
        deployment.metadata.namespace.as_deref(),
        Some("envoy-gateway-system")
    );
    let owner = &deployment.metadata.owner_references.as_ref().unwrap()[0];
    assert_eq!(
        (owner.kind.as_str(), owner.name.as_str(), owner.uid.as_str()),
        ("GatewayClass", "eg", "eg-uid")
    );

    let spec = &deployment.spec;
    assert_eq!(spec.replicas, Some(3));
    let strategy = spec.strategy.as_ref().unwrap();
    assert_eq!(strategy.type_.as_deref(), Some("RollingUpdate"));
    let rolling = strategy.rolling_update.as_ref().unwrap();
    assert_eq!(rolling.max_surge, Some(IntOrString::Int(1)));
    assert_eq!(rolling.max_unavailable, Some(IntOrString::Int(0)));
    let selector = spec.selector.match_labels.as_ref().unwrap();
    assert_eq!(
        selector["gateway.envoyproxy.io/owning-gateway-name"],
        "argocd-gateway"
    );
    assert_eq!(selector["app.kubernetes.io/name"], "envoy");

    let pod = spec.template.spec.as_ref().unwrap();
    let anti_affinity = pod
        .affinity
        .as_ref()
        .unwrap()
        .pod_anti_affinity
        .as_ref()
        .unwrap();
    let required = anti_affinity
        .required_during_scheduling_ignored_during_execution
        .as_ref()
        .unwrap();
    assert_eq!(required.len(), 1);
    assert_eq!(required[0].topology_key, "topology.kubernetes.io/zone");
    assert_eq!(
        required[0]
            .label_selector
            .as_ref()
            .unwrap()
            .match_labels
            .as_ref()
            .unwrap()["gateway.envoyproxy.io/owning-gateway-name"],
        "argocd-gateway"
    );
    let spread = pod.topology_spread_constraints.as_ref().unwrap();
    assert_eq!(spread.len(), 1);
    assert_eq!(spread[0].max_skew, 1);
    assert_eq!(spread[0].topology_key, "kubernetes.io/hostname");
    assert_eq!(spread[0].when_unsatisfiable, "ScheduleAnyway");
    assert_eq!(
        spread[0]
            .label_selector
            .as_ref()
            .unwrap()
            .match_labels
            .as_ref()
            .unwrap()["gateway.envoyproxy.io/owning-gateway-name"],
        "argocd-gateway"
    );
    // The rest of the pod keeps Envoy Gateway's defaults.
    assert_eq!(pod.containers.len(), 2);
    assert_eq!(pod.containers[0].name, "envoy");
    assert_eq!(pod.containers[1].name, "shutdown-manager");
    assert_eq!(pod.termination_grace_period_seconds, Some(360));
    assert_eq!(pod.service_account_name.as_deref(), Some(name.as_str()));
    let args = pod.containers[0].args.as_ref().unwrap();
    assert_eq!(args[1], "argocd/argocd-gateway");
    assert!(args[5].contains("local_cluster_name: argocd/argocd-gateway"));
    // No HPA, no PDB: the EnvoyProxy asks for neither.
    assert!(rendered.hpa.is_none());
    assert!(rendered.pdb.is_none());
}

#[test]
fn service_is_a_local_load_balancer_with_one_port_per_listener() {
    let rendered = rendered();
    let service = rendered.service.spec.as_ref().unwrap();
    assert_eq!(service.type_.as_deref(), Some("LoadBalancer"));
    assert_eq!(service.external_traffic_policy.as_deref(), Some("Local"));
    let ports = service.ports.as_ref().unwrap();
    assert_eq!(ports.len(), 2);
    assert_eq!(ports[0].name.as_deref(), Some("http-80"));
    assert_eq!(ports[0].port, 80);
    assert_eq!(ports[0].target_port, Some(IntOrString::Int(10080)));
    assert_eq!(ports[0].protocol.as_deref(), Some("TCP"));
    assert_eq!(ports[1].name.as_deref(), Some("https-443"));
    assert_eq!(ports[1].port, 443);
    assert_eq!(ports[1].target_port, Some(IntOrString::Int(10443)));
    let selector = service.selector.as_ref().unwrap();
    assert_eq!(
        selector["gateway.envoyproxy.io/owning-gateway-namespace"],
        "argocd"
    );
    assert_eq!(
        rendered.service.metadata.name,
        rendered.deployment().unwrap().metadata.name
    );
}

#[test]
fn http3_listeners_get_a_udp_port() {
    let mut infra: ProxyInfra = serde_norway::from_str(ARGOCD_INFRA).unwrap();
    infra.listeners[1].http3 = Some(gwapi_infra::ir::ir::Http3Settings::default());
    let rendered = InfraRenderer::new(InfraConfig::default())
        .render(&infra, "eg-uid")
        .unwrap();
    let ports = rendered.service.spec.unwrap().ports.unwrap();
    let names: Vec<_> = ports
        .iter()
        .map(|p| (p.name.clone().unwrap(), p.protocol.clone().unwrap(), p.port))
        .collect();
    assert_eq!(
        names,
        [
            ("http-80".to_owned(), "TCP".to_owned(), 80),
            ("https-443".to_owned(), "TCP".to_owned(), 443),
            ("https-443-h3".to_owned(), "UDP".to_owned(), 443),
        ]
    );
}
