//! Names that are part of the API: IR keys and the hashed names of proxy fleet objects, as Envoy Gateway
//! writes them. Every name comes from here, so that one change never renames unrelated objects.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

/// The longest part of a hashed name before its hash suffix.
const HASHED_PREFIX_MAX: usize = 48;

/// Envoy Gateway's hashed name: `text` with `/` replaced by `-`, cut to 48 characters, trailing `-` trimmed,
/// then `-` and the first 8 hex digits of the SHA-256 of `text`.
///
/// ```
/// use gwapi_ir::names::hashed_name;
/// assert_eq!(hashed_name("envoy-gateway/gateway-1"), "envoy-gateway-gateway-1-196ae069");
/// ```
#[must_use]
pub fn hashed_name(text: &str) -> String {
    let flat = text.replace('/', "-");
    let cut: String = flat.chars().take(HASHED_PREFIX_MAX).collect();
    let digest = Sha256::digest(text.as_bytes());
    let mut out = cut.trim_end_matches('-').to_owned();
    out.push('-');
    for byte in digest.iter().take(4) {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// The IR key of a Gateway's own fleet: `<namespace>/<name>`.
#[must_use]
pub fn gateway_ir_key(namespace: &str, name: &str) -> String {
    format!("{namespace}/{name}")
}

/// The IR name of a Gateway listener: `<namespace>/<gateway>/<listener>`.
#[must_use]
pub fn listener_name(namespace: &str, gateway: &str, listener: &str) -> String {
    format!("{namespace}/{gateway}/{listener}")
}

/// The name of a Service port of a proxy listener: `<protocol>-<port>` (`http-80`).
#[must_use]
pub fn listener_port_name(protocol: &str, port: u32) -> String {
    format!("{}-{port}", protocol.to_ascii_lowercase())
}

/// The port the proxy listens on for a Gateway port: privileged ports (below 1024) move up by 10000.
#[must_use]
pub fn container_port(port: u32) -> u32 {
    if port < 1024 { port + 10000 } else { port }
}

/// The name of the Envoy proxy Service of a fleet: `envoy-` + hashed(`<ns>/<gateway>`), or hashed(class)
/// for merged Gateways.
#[must_use]
pub fn proxy_service_name(owner: &str) -> String {
    format!("envoy-{}", hashed_name(owner))
}

/// The name of a route rule's destination: `<kind>/<ns>/<name>/rule/<i>`.
#[must_use]
pub fn route_rule_name(kind: &str, namespace: &str, name: &str, rule: usize) -> String {
    format!(
        "{}/{namespace}/{name}/rule/{rule}",
        kind.to_ascii_lowercase()
    )
}

/// The name of one IR route: `<rule name>/match/<j>/<hostname>`, dots of the hostname written `_`.
#[must_use]
pub fn route_match_name(rule_name: &str, matcher: usize, hostname: &str) -> String {
    format!("{rule_name}/match/{matcher}/{}", hostname.replace('.', "_"))
}

/// The name of one backend of a destination: `<destination>/backend/<k>`.
#[must_use]
pub fn backend_setting_name(destination: &str, backend: usize) -> String {
    format!("{destination}/backend/{backend}")
}

/// The name of a secret in the IR: `<namespace>/<name>`.
#[must_use]
pub fn secret_name(namespace: &str, name: &str) -> String {
    format!("{namespace}/{name}")
}

/// The name of a rule's mirror destination: `<rule name>-mirror-<k>`.
#[must_use]
pub fn mirror_name(rule_name: &str, mirror: usize) -> String {
    format!("{rule_name}-mirror-{mirror}")
}

/// The name of a cluster shared by the routes of a backend (`mergeBackends`):
/// `<kind>/<namespace>/<name>/<port>/<protocol>` in lower case kind and protocol, the port being the
/// backend's section (left out when the backend names none).
///
/// ```
/// use gwapi_ir::names::backend_cluster_name;
/// assert_eq!(
///     backend_cluster_name("Service", "default", "web", "8080", "HTTP"),
///     "service/default/web/8080/http"
/// );
/// ```
#[must_use]
pub fn backend_cluster_name(
    kind: &str,
    namespace: &str,
    name: &str,
    section: &str,
    protocol: &str,
) -> String {
    let kind = kind.to_ascii_lowercase();
    let protocol = protocol.to_ascii_lowercase();
    if section.is_empty() {
        format!("{kind}/{namespace}/{name}/{protocol}")
    } else {
        format!("{kind}/{namespace}/{name}/{section}/{protocol}")
    }
}
