//! ClientTrafficPolicy on small snapshots: header mutations, mTLS from a Secret (and its expiry), the
//! shared-port conflict, HTTP/2 validation, TCP listeners.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use gwapi_model::builders::{GatewayClassBuilder, meta, snapshot_in_order};
use gwapi_model::core::Secret;
use gwapi_model::envoy_gateway::ClientTrafficPolicy;
use gwapi_model::gateway_api::{Gateway, PolicyStatus};
use gwapi_model::resource::{ObjectKey, Resource, ResourceKind};
use k8s_openapi::ByteString;

use crate::translator::{ObjectStatus, Translation, Translator, TranslatorConfig};

/// A self-signed test CA (generated for these tests, valid for 100 years from 2026).
const CA: &str = "-----BEGIN CERTIFICATE-----
MIIBiDCCAS2gAwIBAgIUaIT29RzPWumsJXWImnZlKc18xJ0wCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNZ3dhcGkgdGVzdCBjYTAgFw0yNjExMjYxODA0NTJaGA8yMTI2
MTEwMjE4MDQ1MlowGDEWMBQGA1UEAwwNZ3dhcGkgdGVzdCBjYTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABKdKACM79gaK6WAwmnwvnShWDwS2HdMYtR10422DAbeq
5ymNc13sl44QFaNSxp+wGkrPHTlzSb7kF1zBRFYxID6jUzBRMB0GA1UdDgQWBBTZ
B7y+zU+ZO5h7+En5cfaPBVqAQTAfBgNVHSMEGDAWgBTZB7y+zU+ZO5h7+En5cfaP
BVqAQTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQCM2HbsOART
29tjxJMeNNfvlJdcq5WxQK4rniIeCKOwLgIhAK4caPIjSbgrb7UUq8rUm5BodVVn
s4J3FlMFyZsTUqRu
-----END CERTIFICATE-----
";
/// Its private key.
const KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgF8lW1aMqH0/IBry8
OX5fZ2bKUWZYskhAZ5czdb902a+hRANCAASnSgAjO/YGiulgMJp8L50oVg8Eth3T
GLUddONtgwG3qucpjXNd7JeOEBWjUsafsBpKzx05c0m+5BdcwURWMSA+
-----END PRIVATE KEY-----
";

fn gateway(listeners: &str) -> Resource {
    let yaml = format!(
        "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  namespace: infra\n  name: gw\n\
         spec:\n  gatewayClassName: eg\n  listeners:\n{listeners}"
    );
    serde_norway::from_str::<Gateway>(&yaml).unwrap().into()
}

fn policy(name: &str, spec: &str) -> Resource {
    let yaml = format!(
        "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: ClientTrafficPolicy\nmetadata:\n  namespace: infra\n  \
         name: {name}\nspec:\n{spec}"
    );
    serde_norway::from_str::<ClientTrafficPolicy>(&yaml)
        .unwrap()
        .into()
}

fn secret(name: &str, entries: &[(&str, &str)]) -> Resource {
    let data: BTreeMap<String, ByteString> = entries
        .iter()
        .map(|(k, v)| ((*k).to_owned(), ByteString(v.as_bytes().to_vec())))
        .collect();
    Secret {
        metadata: meta("infra", name),
        data: Some(data),
        ..Secret::default()
    }
    .into()
}

fn translate(objects: Vec<Resource>, now: Option<i64>) -> Translation {
    let mut all: Vec<Resource> = vec![GatewayClassBuilder::new("eg").build().into()];
    all.extend(objects);
    let config = TranslatorConfig::default()
        .gateway_class_name("eg")
        .current_time(now);
    Translator::new(config).translate(&snapshot_in_order(all))
}

fn status(t: &Translation, name: &str) -> PolicyStatus {
    let key = ObjectKey {
        kind: ResourceKind::ClientTrafficPolicy,
        namespace: "infra".to_owned(),
        name: name.to_owned(),
    };
    match t.statuses.get(&key) {
        Some(ObjectStatus::Policy(s)) => s.clone(),
        other => panic!("no policy status: {other:?}"),
    }
}

fn accepted(t: &Translation, name: &str) -> (String, String) {
    let s = status(t, name);
    let c = s.ancestors[0]
        .conditions
        .iter()
        .find(|c| c.type_ == "Accepted")
        .unwrap();
    (c.reason.clone(), c.message.clone())
}

const HTTP: &str = "  - name: http\n    protocol: HTTP\n    port: 80\n";
const HTTPS: &str = "  - name: https\n    protocol: HTTPS\n    port: 443\n    tls:\n      certificateRefs:\n      - name: cert\n";
const TARGET: &str =
    "  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: gw\n";

#[test]
fn early_and_late_headers_reach_the_listener() {
    let spec = format!(
        "{TARGET}  headers:\n    earlyRequestHeaders:\n      addIfAbsent:\n      - name: x-a\n        value: one\n      \
         remove: [x-b]\n    lateResponseHeaders:\n      set:\n      - name: x-c\n        value: two\n"
    );
    let t = translate(vec![gateway(HTTP), policy("p", &spec)], None);
    assert_eq!(accepted(&t, "p").0, "Accepted");
    let headers = t.xds["infra/gw"].http[0].headers.clone().unwrap();
    assert_eq!(headers.early_add_request_headers[0].name, "x-a");
    assert!(headers.early_add_request_headers[0].add_if_absent);
    assert_eq!(headers.early_remove_request_headers, ["x-b"]);
    assert!(!headers.late_add_response_headers[0].append);
}

#[test]
fn client_ca_from_a_secret_and_its_expiry() {
    let spec = format!(
        "{TARGET}  tls:\n    clientValidation:\n      caCertificateRefs:\n      - name: ca\n"
    );
    let objects = || {
        vec![
            gateway(HTTPS),
            secret("cert", &[("tls.crt", CA), ("tls.key", KEY)]),
            secret("ca", &[("ca.crt", CA), ("other", "x")]),
            policy("p", &spec),
        ]
    };
    let t = translate(objects(), Some(1_800_000_000));
    assert_eq!(accepted(&t, "p").0, "Accepted");
    let tls = t.xds["infra/gw"].http[0].tls.clone().unwrap();
    let ca = tls.ca_certificate.unwrap();
    assert_eq!(ca.name, "infra/p/ca.crt");
    assert!(
        ca.certificate
            .bytes
            .starts_with(b"-----BEGIN CERTIFICATE-----\n")
    );
    assert!(tls.client_validation_enabled && tls.require_client_certificate);
    assert_eq!(tls.min_version.as_deref(), Some("1.2"));

    // A century later the CA has expired: the policy is invalid and the listener has no CA.
    let t = translate(objects(), Some(5_000_000_000));
    let (reason, message) = accepted(&t, "p");
    assert_eq!(reason, "Invalid");
    assert!(
        message.starts_with("TLS: no valid certificates exist in ca: certificate gwapi test ca has expired since 2126-"),
        "{message}"
    );
    let tls = t.xds["infra/gw"].http[0].tls.clone().unwrap();
    assert!(tls.ca_certificate.is_none() && tls.require_client_certificate);
}

#[test]
fn a_secret_without_ca_key_and_several_entries_is_reported() {
    let spec = format!(
        "{TARGET}  tls:\n    clientValidation:\n      caCertificateRefs:\n      - name: ca\n"
    );
    let t = translate(
        vec![
            gateway(HTTPS),
            secret("cert", &[("tls.crt", CA), ("tls.key", KEY)]),
            secret("ca", &[("a", CA), ("b", CA)]),
            policy("p", &spec),
        ],
        None,
    );
    assert_eq!(
        accepted(&t, "p").1,
        "TLS: failed to get certificate from ref: ref secret [ca] has none of the expected keys \
         [ca.crt] and more than one entry."
    );
}

#[test]
fn a_section_sharing_its_port_cannot_have_its_own_policy() {
    // Distinct host names, so that both listeners are valid and each has its IR listener.
    let listeners = "  - name: http\n    protocol: HTTP\n    port: 80\n    hostname: a.example.com\n  \
                     - name: other\n    protocol: HTTP\n    port: 80\n    hostname: b.example.com\n";
    let spec = "  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: gw\n    \
                sectionName: http\n  tcpKeepalive: {}\n";
    let t = translate(vec![gateway(listeners), policy("p", spec)], None);
    assert_eq!(
        accepted(&t, "p"),
        (
            "Invalid".to_owned(),
            "ClientTrafficPolicy is being applied to multiple http (non https) listeners \
             (infra/gw/other) on the same port, which is not allowed."
                .to_owned()
        )
    );
    assert!(
        t.xds["infra/gw"]
            .http
            .iter()
            .all(|l| l.tcp_keepalive.is_none())
    );
}

#[test]
fn invalid_http2_windows_make_the_policy_invalid() {
    let spec = format!("{TARGET}  http2:\n    initialStreamWindowSize: 1Ki\n");
    let t = translate(vec![gateway(HTTP), policy("p", &spec)], None);
    let (reason, message) = accepted(&t, "p");
    assert_eq!(reason, "Invalid");
    assert!(message.starts_with("HTTP2: InitialStreamWindowSize value 1Ki is out of range"));
    assert!(t.xds["infra/gw"].http[0].http2.is_none());
}

#[test]
fn tcp_listeners_get_connection_settings() {
    let listeners = "  - name: tcp\n    protocol: TCP\n    port: 9000\n";
    let spec =
        format!("{TARGET}  connection:\n    bufferLimit: 1Mi\n  tcpKeepalive:\n    probes: 3\n");
    let t = translate(vec![gateway(listeners), policy("p", &spec)], None);
    assert_eq!(accepted(&t, "p").0, "Accepted");
    let l = &t.xds["infra/gw"].tcp[0];
    assert_eq!(l.connection.as_ref().unwrap().buffer_limit, Some(1_048_576));
    assert_eq!(l.tcp_keepalive.as_ref().unwrap().probes, Some(3));
}
