//! BackendTLSPolicy end to end on small snapshots: TLS settings in the IR, ancestor statuses, conflicts,
//! unusable CA references and truncation of ancestors.

use gwapi_model::builders::{
    GatewayBuilder, GatewayClassBuilder, HttpRouteBuilder, ServiceBuilder, meta, snapshot_in_order,
};
use gwapi_model::gateway_api::{
    BackendTlsPolicy, BackendTlsPolicySpec, BackendTlsPolicyValidation, LocalObjectReference,
    LocalPolicyTargetReferenceWithSectionName, PolicyStatus, WellKnownCaCertificates,
};
use gwapi_model::resource::{ObjectKey, Resource, ResourceKind};

use crate::ir::UpstreamTlsConfig;
use crate::translator::{ObjectStatus, Translation, Translator, TranslatorConfig};

fn translate(objects: Vec<Resource>) -> Translation {
    let config = TranslatorConfig::default().gateway_class_name("eg");
    Translator::new(config).translate(&snapshot_in_order(objects))
}

fn gateway(name: &str) -> Resource {
    GatewayBuilder::new("infra", name)
        .class("eg")
        .http_listener("http", 80)
        .build()
        .into()
}

fn base(gateways: usize) -> Vec<Resource> {
    let mut objects: Vec<Resource> = vec![GatewayClassBuilder::new("eg").build().into()];
    for namespace in ["infra", "apps"] {
        objects.push(
            gwapi_model::core::Namespace {
                metadata: meta("", namespace),
                ..gwapi_model::core::Namespace::default()
            }
            .into(),
        );
    }
    objects.extend((0..gateways).map(|i| gateway(&format!("gw-{i}"))));
    objects.push(
        ServiceBuilder::new("apps", "web")
            .port("https", 443)
            .build()
            .into(),
    );
    objects.push(endpoints());
    let mut route = HttpRouteBuilder::new("apps", "web");
    for i in 0..gateways {
        route = route.parent_in("infra", &format!("gw-{i}"));
    }
    objects.push(
        route
            .rule(|r| r.path_prefix("/").backend("web", 443))
            .build()
            .into(),
    );
    objects
}

/// A ready endpoint of `apps/web` port `https`.
fn endpoints() -> Resource {
    let value = serde_json::json!({
        "metadata": {"namespace": "apps", "name": "web-1",
                     "labels": {"kubernetes.io/service-name": "web"}},
        "addressType": "IPv4",
        "ports": [{"name": "https", "port": 8443}],
        "endpoints": [{"addresses": ["10.0.0.1"], "conditions": {"ready": true}}],
    });
    let slice: gwapi_model::core::EndpointSlice = serde_json::from_value(value).unwrap();
    slice.into()
}

fn policy(name: &str, section: Option<&str>, validation: BackendTlsPolicyValidation) -> Resource {
    let mut policy = BackendTlsPolicy::new(
        name,
        BackendTlsPolicySpec {
            target_refs: vec![LocalPolicyTargetReferenceWithSectionName {
                group: String::new(),
                kind: "Service".to_owned(),
                name: "web".to_owned(),
                section_name: section.map(str::to_owned),
            }],
            validation,
            ..BackendTlsPolicySpec::default()
        },
    );
    policy.metadata = meta("apps", name);
    policy.into()
}

fn system(hostname: &str) -> BackendTlsPolicyValidation {
    BackendTlsPolicyValidation {
        well_known_ca_certificates: Some(WellKnownCaCertificates::System),
        hostname: hostname.to_owned(),
        ..BackendTlsPolicyValidation::default()
    }
}

fn policy_status(t: &Translation, name: &str) -> PolicyStatus {
    let key = ObjectKey {
        kind: ResourceKind::BackendTlsPolicy,
        namespace: "apps".to_owned(),
        name: name.to_owned(),
    };
    match t.statuses.get(&key) {
        Some(ObjectStatus::Policy(s)) => s.clone(),
        _ => PolicyStatus::default(),
    }
}

fn reasons(status: &PolicyStatus) -> Vec<Vec<(String, String)>> {
    status
        .ancestors
        .iter()
        .map(|a| {
            a.conditions
                .iter()
                .map(|c| (c.type_.clone(), c.reason.clone()))
                .collect()
        })
        .collect()
}

fn upstream_tls(t: &Translation) -> Option<UpstreamTlsConfig> {
    let fleet = t.xds.get("infra/gw-0")?;
    let route = fleet.http.first()?.routes.first()?;
    route.destination.as_ref()?.settings.first()?.tls.clone()
}

#[test]
fn policy_sets_sni_and_trust_store_and_is_accepted_per_gateway() {
    let mut objects = base(1);
    objects.push(policy("tls", Some("https"), system("web.example")));
    let t = translate(objects);
    let tls = upstream_tls(&t).unwrap_or_default();
    assert_eq!(tls.sni.as_deref(), Some("web.example"));
    assert!(tls.use_system_trust_store);
    assert_eq!(
        (tls.min_version.as_deref(), tls.max_version.as_deref()),
        (Some("1.2"), Some("1.3"))
    );
    let status = policy_status(&t, "tls");
    assert_eq!(status.ancestors.len(), 1);
    assert_eq!(status.ancestors[0].ancestor_ref.name, "gw-0");
    assert_eq!(
        reasons(&status)[0][1],
        ("Accepted".to_owned(), "Accepted".to_owned())
    );
}

#[test]
fn policy_of_another_port_does_not_apply() {
    let mut objects = base(1);
    objects.push(policy("tls", Some("other"), system("web.example")));
    let t = translate(objects);
    assert_eq!(upstream_tls(&t), None);
    assert!(policy_status(&t, "tls").ancestors.is_empty());
}

#[test]
fn younger_policy_on_the_same_backend_is_conflicted() {
    let mut objects = base(1);
    objects.push(policy("a-first", Some("https"), system("first.example")));
    objects.push(policy("b-second", Some("https"), system("second.example")));
    let t = translate(objects);
    assert_eq!(
        upstream_tls(&t).and_then(|tls| tls.sni).as_deref(),
        Some("first.example")
    );
    let conflicted = policy_status(&t, "b-second");
    assert_eq!(
        reasons(&conflicted),
        [[("Accepted".to_owned(), "Conflicted".to_owned())]]
    );
    assert_eq!(
        conflicted.ancestors[0].conditions[0].message,
        "Policy conflicts with BackendTLSPolicy apps/a-first."
    );
}

#[test]
fn a_policy_naming_the_port_wins_over_an_older_whole_service_policy() {
    let mut objects = base(1);
    objects.push(policy("a-first", None, system("first.example")));
    objects.push(policy("b-second", Some("https"), system("second.example")));
    let t = translate(objects);
    assert_eq!(
        upstream_tls(&t).and_then(|tls| tls.sni).as_deref(),
        Some("second.example")
    );
    // Different specificities never conflict; the whole-service policy is just not used here.
    assert_eq!(
        reasons(&policy_status(&t, "b-second"))[0][1],
        ("Accepted".to_owned(), "Accepted".to_owned())
    );
    assert!(policy_status(&t, "a-first").ancestors.is_empty());
}

#[test]
fn missing_ca_config_map_fails_policy_and_route() {
    let mut objects = base(1);
    objects.push(policy(
        "tls",
        None,
        BackendTlsPolicyValidation {
            ca_certificate_refs: vec![LocalObjectReference {
                group: String::new(),
                kind: "ConfigMap".to_owned(),
                name: "missing".to_owned(),
            }],
            hostname: "web.example".to_owned(),
            ..BackendTlsPolicyValidation::default()
        },
    ));
    let t = translate(objects);
    let status = policy_status(&t, "tls");
    assert_eq!(
        reasons(&status)[0],
        [
            ("Accepted".to_owned(), "NoValidCACertificate".to_owned()),
            (
                "ResolvedRefs".to_owned(),
                "InvalidCACertificateRef".to_owned()
            ),
        ]
    );
    assert_eq!(
        status.ancestors[0].conditions[0].message,
        "Configmap missing not found in namespace apps."
    );
    let route = t
        .xds
        .get("infra/gw-0")
        .and_then(|f| f.http.first()?.routes.first().cloned());
    assert_eq!(
        route.and_then(|r| r.direct_response).map(|d| d.status_code),
        Some(500)
    );
}

#[test]
fn ancestors_are_sorted_and_truncated() {
    let mut objects = base(18);
    objects.push(policy("tls", None, system("web.example")));
    let t = translate(objects);
    let status = policy_status(&t, "tls");
    assert_eq!(status.ancestors.len(), 16);
    let names: Vec<&str> = status
        .ancestors
        .iter()
        .map(|a| a.ancestor_ref.name.as_str())
        .collect();
    assert_eq!(names[..3], ["gw-0", "gw-1", "gw-10"]);
    let last = status.ancestors.last().map(|a| a.conditions.len());
    assert_eq!(last, Some(3));
}

#[test]
fn policy_on_a_telemetry_backend_has_the_envoy_proxy_as_ancestor() {
    let proxy: gwapi_model::envoy_gateway::EnvoyProxy = serde_norway::from_str(
        "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: EnvoyProxy\nmetadata:\n  namespace: infra\n  name: telemetry\nspec:\n  telemetry:\n    tracing:\n      provider:\n        type: OpenTelemetry\n        backendRefs:\n        - name: web\n          namespace: apps\n          port: 443\n",
    )
    .unwrap();
    let mut objects = base(1);
    if let Resource::GatewayClass(class) = &mut objects[0] {
        class.spec.parameters_ref = Some(gwapi_model::gateway_api::ParametersReference {
            group: "gateway.envoyproxy.io".to_owned(),
            kind: "EnvoyProxy".to_owned(),
            name: "telemetry".to_owned(),
            namespace: Some("infra".to_owned()),
        });
    }
    objects.push(proxy.into());
    objects.push(policy("tls", None, system("web.example")));
    let t = translate(objects);
    let status = policy_status(&t, "tls");
    let ancestors: Vec<(Option<&str>, &str)> = status
        .ancestors
        .iter()
        .map(|a| (a.ancestor_ref.kind.as_deref(), a.ancestor_ref.name.as_str()))
        .collect();
    assert_eq!(
        ancestors,
        [(None, "gw-0"), (Some("EnvoyProxy"), "telemetry")]
    );
    assert_eq!(
        reasons(&status)[1][1],
        ("Accepted".to_owned(), "Accepted".to_owned())
    );
}

#[test]
fn ancestors_are_the_parent_refs_as_the_route_wrote_them() {
    let mut objects = base(0);
    objects.push(
        GatewayBuilder::new("apps", "local")
            .class("eg")
            .http_listener("http", 80)
            .build()
            .into(),
    );
    objects.push(
        HttpRouteBuilder::new("apps", "same-namespace")
            .parent("local")
            .rule(|r| r.path_prefix("/").backend("web", 443))
            .build()
            .into(),
    );
    objects.push(policy("tls", Some("https"), system("web.example")));
    let status = policy_status(&translate(objects), "tls");
    assert_eq!(status.ancestors.len(), 1);
    let ancestor = &status.ancestors[0].ancestor_ref;
    assert_eq!(ancestor.name, "local");
    assert_eq!(ancestor.namespace, None);
}
