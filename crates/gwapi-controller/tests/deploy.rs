#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The deployment manifests (`deploy/`): rendered offline with `kubectl kustomize` (the machine's
//! kubectl, or `KUBECTL`) and parsed back. A missing kubectl fails these tests: they never skip.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Command;

use gwapi_controller::provider::kubernetes::{fleet_kinds, watched_kinds};
use serde::Deserialize as _;
use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The objects `kubectl kustomize deploy/<dir>` renders.
fn render(dir: &str) -> Vec<Value> {
    let kubectl = std::env::var("KUBECTL").unwrap_or_else(|_| "kubectl".to_owned());
    let out = Command::new(&kubectl)
        .arg("kustomize")
        .arg(repo().join("deploy").join(dir))
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run `{kubectl} kustomize` ({e}): install kubectl or set KUBECTL")
        });
    assert!(
        out.status.success(),
        "kubectl kustomize deploy/{dir} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    serde_norway::Deserializer::from_str(&text)
        .map(|doc| Value::deserialize(doc).unwrap())
        .filter(|v| !v.is_null())
        .collect()
}

fn kinds(objects: &[Value]) -> BTreeSet<String> {
    objects
        .iter()
        .map(|o| o["kind"].as_str().unwrap().to_owned())
        .collect()
}

fn one<'a>(objects: &'a [Value], kind: &str) -> &'a Value {
    let found: Vec<&Value> = objects.iter().filter(|o| o["kind"] == kind).collect();
    assert_eq!(found.len(), 1, "one {kind} expected");
    found[0]
}

/// `(group, resource) -> verbs` of a ClusterRole's or Role's rules; no wildcard anywhere.
fn grants(role: &Value) -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut out: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for rule in role["rules"].as_array().unwrap() {
        let strings = |key: &str| -> Vec<String> {
            rule[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect()
        };
        let verbs = strings("verbs");
        for list in [strings("apiGroups"), strings("resources"), verbs.clone()] {
            assert!(!list.contains(&"*".to_owned()), "wildcard in {rule}");
        }
        for group in strings("apiGroups") {
            for resource in strings("resources") {
                out.entry((group.clone(), resource))
                    .or_default()
                    .extend(verbs.iter().cloned());
            }
        }
    }
    out
}

fn verbs(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|v| (*v).to_owned()).collect()
}

#[test]
fn the_base_renders_every_object_of_the_controller() {
    let objects = render("base");
    let expected: BTreeSet<String> = [
        "Namespace",
        "ServiceAccount",
        "ClusterRole",
        "ClusterRoleBinding",
        "Role",
        "RoleBinding",
        "ConfigMap",
        "Deployment",
        "Service",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(kinds(&objects), expected);
    for object in objects.iter().filter(|o| o["kind"] != "Namespace") {
        let namespaced = !is_cluster_scoped(object);
        assert_eq!(
            object["metadata"]["namespace"].as_str().is_some(),
            namespaced,
            "{object}"
        );
    }
    // The fleets' bootstraps reach the xDS server through this Service.
    let service = one(&objects, "Service");
    let host = gwapi_infra::InfraConfig::default().xds_host();
    let name = service["metadata"]["name"].as_str().unwrap();
    let namespace = service["metadata"]["namespace"].as_str().unwrap();
    assert!(host.starts_with(&format!("{name}.{namespace}.")), "{host}");
    let ports: BTreeSet<i64> = service["spec"]["ports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["port"].as_i64().unwrap())
        .collect();
    assert_eq!(ports, BTreeSet::from([18000, 19000]));
    // Non-root, read-only, no privilege escalation, configured by the ConfigMap.
    let deployment = one(&objects, "Deployment");
    let pod = &deployment["spec"]["template"]["spec"];
    assert_eq!(pod["securityContext"]["runAsNonRoot"], true);
    assert_ne!(pod["securityContext"]["runAsUser"], 0);
    let container = &pod["containers"][0];
    assert_eq!(container["args"][0], "run");
    assert_eq!(
        container["securityContext"]["allowPrivilegeEscalation"],
        false
    );
    assert_eq!(container["securityContext"]["readOnlyRootFilesystem"], true);
    assert_eq!(
        container["envFrom"][0]["configMapRef"]["name"],
        one(&objects, "ConfigMap")["metadata"]["name"]
    );
    // xDS over mutual TLS, with the certificates of the mounted Secret.
    let config = &one(&objects, "ConfigMap")["data"];
    let mount = container["volumeMounts"][0]["mountPath"].as_str().unwrap();
    assert_eq!(pod["volumes"][0]["secret"]["secretName"], "envoy-gateway");
    for key in [
        "GWAPI_XDS_TLS_CERT",
        "GWAPI_XDS_TLS_KEY",
        "GWAPI_XDS_TLS_CLIENT_CA",
    ] {
        assert!(config[key].as_str().unwrap().starts_with(mount), "{key}");
    }
    assert_eq!(
        pod["serviceAccountName"],
        one(&objects, "ServiceAccount")["metadata"]["name"]
    );
}

fn is_cluster_scoped(object: &Value) -> bool {
    matches!(
        object["kind"].as_str(),
        Some("Namespace" | "ClusterRole" | "ClusterRoleBinding")
    )
}

#[test]
fn rbac_grants_exactly_what_the_kubernetes_provider_uses() {
    let objects = render("base");
    let cluster = grants(one(&objects, "ClusterRole"));
    let mut expected: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for watched in watched_kinds() {
        let key = (watched.api.group.clone(), watched.api.plural.clone());
        expected.insert(key, verbs(&["list", "watch"]));
        // Statuses are written (server-side apply of /status, read again after a conflict) for the
        // Gateway API and Envoy Gateway kinds that have one.
        let group = watched.api.group.as_str();
        let has_status = (group == "gateway.networking.k8s.io" || group == "gateway.envoyproxy.io")
            && !matches!(
                watched.api.kind.as_str(),
                "ReferenceGrant" | "HTTPRouteFilter"
            );
        if has_status {
            let status = (group.to_owned(), format!("{}/status", watched.api.plural));
            expected.insert(status, verbs(&["get", "patch"]));
        }
    }
    assert_eq!(cluster, expected);

    let role = grants(one(&objects, "Role"));
    let mut expected: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for fleet in fleet_kinds() {
        expected.insert(
            (fleet.group.clone(), fleet.plural.clone()),
            verbs(&["list", "create", "patch", "delete"]),
        );
    }
    expected.insert(
        ("coordination.k8s.io".to_owned(), "leases".to_owned()),
        verbs(&["get", "create", "update"]),
    );
    assert_eq!(role, expected);

    // Both roles are bound to the controller's service account.
    let account = one(&objects, "ServiceAccount");
    for binding in ["ClusterRoleBinding", "RoleBinding"] {
        let subject = &one(&objects, binding)["subjects"][0];
        assert_eq!(subject["name"], account["metadata"]["name"]);
        assert_eq!(subject["namespace"], account["metadata"]["namespace"]);
    }
}

#[test]
fn the_aks_overlay_runs_two_replicas_across_zones_with_a_budget() {
    let objects = render("overlays/aks");
    let mut expected = kinds(&render("base"));
    expected.insert("PodDisruptionBudget".to_owned());
    assert_eq!(kinds(&objects), expected);
    let deployment = one(&objects, "Deployment");
    assert_eq!(deployment["spec"]["replicas"], 2);
    let pod = &deployment["spec"]["template"]["spec"];
    let labels = &deployment["spec"]["selector"]["matchLabels"];
    let spread = &pod["topologySpreadConstraints"][0];
    assert_eq!(spread["topologyKey"], "topology.kubernetes.io/zone");
    assert_eq!(&spread["labelSelector"]["matchLabels"], labels);
    let anti = &pod["affinity"]["podAntiAffinity"];
    assert_eq!(
        anti["preferredDuringSchedulingIgnoredDuringExecution"][0]["podAffinityTerm"]["topologyKey"],
        "topology.kubernetes.io/zone"
    );
    assert!(
        deployment["spec"]["template"]["spec"]["containers"][0]["image"]
            .as_str()
            .unwrap()
            .contains("azurecr.io/")
    );
    let pdb = one(&objects, "PodDisruptionBudget");
    assert_eq!(pdb["spec"]["minAvailable"], 1);
    assert_eq!(&pdb["spec"]["selector"]["matchLabels"], labels);
    assert_eq!(
        pdb["metadata"]["namespace"],
        deployment["metadata"]["namespace"]
    );
}
