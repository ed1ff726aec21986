//! The gRPC `requests` cases (upstream `grpc.ExpectedResponse`): a unary call of the echo service over h2c
//! to the Gateway's address (`gwapi_testing::grpc_call`), with the call's metadata and `:authority`, and
//! upstream's comparison (`grpc.compareResponse`): the status code, then, for OK, the fully qualified
//! method the backend saw, its namespace (when the case names one) and its pod (the case's `backend` is a
//! prefix). `expectFailure: grpcNotOK` cases must eventually fail consistently with any other code; an OK
//! fails them at once.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use gwapi_model::resource::Resource;
use gwapi_testing::grpc_call::{GrpcCall, GrpcReply, call_tcp};
use gwapi_testing::grpc_wire::GrpcCode;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde::Deserialize;
use serde_json::{Map, Value};
use tokio::runtime::Runtime;

use super::case::Case;
use super::consistency::consistently_unless;
use super::echo::ECHO_HTTP_PORT;
use super::world::{Pod, World};

/// One gRPC case.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GrpcCase {
    /// The upstream test case name.
    #[serde(default)]
    pub name: Option<String>,
    /// The call.
    pub grpc: GrpcRequest,
    /// What must come back.
    #[serde(default)]
    pub response: GrpcExpected,
    /// A prefix of the pod that must answer.
    #[serde(default)]
    pub backend: Option<String>,
    /// The namespace of the pod that must answer (unchecked when absent or empty).
    #[serde(default)]
    pub namespace: Option<String>,
    /// `grpcNotOK`: every call must end with a code other than OK.
    #[serde(default)]
    pub expect_failure: Option<String>,
}

/// The call a case makes.
#[derive(Clone, Debug, Deserialize)]
pub struct GrpcRequest {
    /// The fully qualified service.
    pub service: String,
    /// The method.
    pub method: String,
    /// Metadata sent with the call.
    #[serde(default)]
    pub metadata: BTreeMap<String, String>,
    /// The `:authority` (the Gateway's address when absent).
    #[serde(default)]
    pub authority: Option<String>,
}

/// The expected response.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GrpcExpected {
    /// Go's name of the code (OK when absent).
    #[serde(default)]
    pub grpc_code: Option<String>,
}

/// The case keys this harness runs.
const CASE_KEYS: &[&str] = &[
    "name",
    "grpc",
    "response",
    "backend",
    "namespace",
    "expectFailure",
];
/// The call keys this harness sends.
const CALL_KEYS: &[&str] = &["service", "method", "metadata", "authority"];
/// The response keys this harness compares.
const RESPONSE_KEYS: &[&str] = &["grpcCode"];

/// Whether a case is a gRPC case.
pub fn is_grpc(case: &Value) -> bool {
    case.get("grpc").is_some()
}

/// Why a gRPC case cannot run, if it cannot.
pub fn unsupported(case: &Map<String, Value>) -> Option<String> {
    let unknown = |map: Option<&Map<String, Value>>, known: &[&str]| {
        map.and_then(|m| m.keys().find(|k| !known.contains(&k.as_str())).cloned())
    };
    if let Some(key) = unknown(Some(case), CASE_KEYS) {
        return Some(format!("gRPC cases with `{key}` are not run yet"));
    }
    if let Some(key) = unknown(case.get("grpc").and_then(Value::as_object), CALL_KEYS) {
        return Some(format!("gRPC calls with `{key}` are not sent yet"));
    }
    if let Some(key) = unknown(
        case.get("response").and_then(Value::as_object),
        RESPONSE_KEYS,
    ) {
        return Some(format!("gRPC responses with `{key}` are not compared yet"));
    }
    if let Some(kind) = case
        .get("expectFailure")
        .filter(|f| f.as_str() != Some("grpcNotOK"))
    {
        return Some(format!("gRPC expectFailure {kind} is not run yet"));
    }
    let case: GrpcCase = match serde_json::from_value(Value::Object(case.clone())) {
        Ok(case) => case,
        Err(e) => return Some(format!("unreadable gRPC case: {e}")),
    };
    expected_code(&case).err()
}

/// Whether `pod` runs echo-basic as a gRPC server (a container with `GRPC_ECHO_SERVER`).
pub fn runs_grpc_echo(pod: &Pod) -> bool {
    pod.spec
        .get("containers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("env")?.as_array())
        .flatten()
        .any(|e| e.get("name").and_then(Value::as_str) == Some("GRPC_ECHO_SERVER"))
}

/// Why the gRPC calls of `case` cannot run in `world`, if they cannot: the harness serves the gRPC echo
/// in h2c on echo-basic's HTTP port; a Service that sends to another port of gRPC echo pods (echo-basic
/// serves gRPC over TLS on 8443 with `TLS_SERVER_CERT`) needs the TLS echo backends, which can hand their
/// connections to `gwapi_testing::grpc_echo::serve_connection` once they exist.
pub fn unserved(case: &Case, world: &World) -> Option<String> {
    let has_grpc = case
        .steps
        .iter()
        .filter_map(|s| s.requests.as_ref()?.get("cases")?.as_array())
        .flatten()
        .any(is_grpc);
    if !has_grpc {
        return None;
    }
    let pods = world.pods();
    world.objects().iter().find_map(|object| {
        let Resource::Service(service) = object else {
            return None;
        };
        let spec = service.spec.as_ref()?;
        let selector = spec.selector.as_ref().filter(|s| !s.is_empty())?;
        let namespace = service.metadata.namespace.as_deref().unwrap_or_default();
        let grpc_pods = pods.iter().any(|p| {
            p.namespace == namespace
                && runs_grpc_echo(p)
                && selector.iter().all(|(k, v)| p.labels.get(k) == Some(v))
        });
        if !grpc_pods {
            return None;
        }
        spec.ports.iter().flatten().find_map(|port| {
            let target = match &port.target_port {
                Some(IntOrString::Int(target)) => *target,
                Some(IntOrString::String(_)) => return None,
                None => port.port,
            };
            // echo-basic's HTTP port (h2c) and its TLS port (tls_echo.rs) serve gRPC.
            (target != i32::from(ECHO_HTTP_PORT)
                && target != i32::from(super::tls_echo::ECHO_HTTPS_PORT))
            .then(|| {
                format!(
                    "Service {namespace}/{} sends to port {target} of gRPC echo pods (gRPC over TLS): TLS \
                     echo backends are not wired into the harness yet",
                    service.metadata.name.as_deref().unwrap_or_default()
                )
            })
        })
    })
}

fn expected_code(case: &GrpcCase) -> Result<GrpcCode, String> {
    let name = case.response.grpc_code.as_deref().unwrap_or("OK");
    GrpcCode::from_name(name).ok_or_else(|| format!("unknown gRPC code {name}"))
}

/// Runs the gRPC `cases` against `target`: each must hold `RequiredConsecutiveSuccesses` times in a row
/// within `MaxTimeToConsistency`.
///
/// # Errors
/// The first case that does not hold, with the last difference seen.
pub fn run(runtime: &Runtime, target: SocketAddr, cases: &[Value]) -> Result<(), String> {
    for (i, value) in cases.iter().enumerate() {
        let case: GrpcCase =
            serde_json::from_value(value.clone()).map_err(|e| format!("case {i}: {e}"))?;
        let call = GrpcCall {
            service: case.grpc.service.clone(),
            method: case.grpc.method.clone(),
            metadata: case.grpc.metadata.clone().into_iter().collect(),
            authority: case.grpc.authority.clone(),
        };
        let expect_failure = case.expect_failure.as_deref() == Some("grpcNotOK");
        let probe = || {
            let reply =
                runtime.block_on(call_tcp(target, &call, super::dataplane::REQUEST_TIMEOUT));
            if expect_failure {
                return match reply {
                    Ok(reply) if reply.code == GrpcCode::Ok => Err(format!(
                        "expected a failure, got OK from {}",
                        pod_of(&reply)
                    )),
                    // Transport errors count as failures of the call, as upstream's client reports them.
                    _ => Ok(()),
                };
            }
            compare(&case, &reply?)
        };
        let fail_now = |e: &str| expect_failure && e.contains("got OK");
        consistently_unless(probe, fail_now).map_err(|e| {
            let name = case.name.clone().unwrap_or_else(|| i.to_string());
            format!("gRPC call {name} ({}): {e}", call.path())
        })?;
    }
    Ok(())
}

/// Upstream `grpc.compareResponse`.
fn compare(case: &GrpcCase, reply: &GrpcReply) -> Result<(), String> {
    let expected = expected_code(case)?;
    if reply.code != expected {
        return Err(format!(
            "expected code {expected}, got {} ({}; HTTP {})",
            reply.code, reply.message, reply.http_status
        ));
    }
    if reply.code != GrpcCode::Ok {
        return Ok(());
    }
    let assertions = reply
        .assertions
        .as_ref()
        .ok_or("no echo assertions in the response")?;
    let method = format!("/{}/{}", case.grpc.service, case.grpc.method);
    if assertions.fully_qualified_method != method {
        return Err(format!(
            "expected method {method}, the backend saw {}",
            assertions.fully_qualified_method
        ));
    }
    let context = assertions.context.clone().unwrap_or_default();
    if let Some(namespace) = case.namespace.as_deref().filter(|n| !n.is_empty())
        && context.namespace != namespace
    {
        return Err(format!(
            "expected namespace {namespace}, got {}",
            context.namespace
        ));
    }
    if let Some(backend) = case.backend.as_deref().filter(|b| !b.is_empty())
        && !context.pod.starts_with(backend)
    {
        return Err(format!(
            "expected pod {backend}-*, got {}",
            if context.pod.is_empty() {
                "none"
            } else {
                &context.pod
            }
        ));
    }
    Ok(())
}

fn pod_of(reply: &GrpcReply) -> String {
    reply
        .assertions
        .as_ref()
        .and_then(|a| a.context.as_ref())
        .map_or_else(|| "an unknown pod".to_owned(), |c| c.pod.clone())
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use gwapi_testing::grpc_echo::{Context, EchoAssertions, SERVICE};
    use serde_json::json;

    use super::*;

    fn case(value: &Value) -> GrpcCase {
        serde_json::from_value(value.clone()).unwrap()
    }

    fn reply(code: GrpcCode, method: &str, namespace: &str, pod: &str) -> GrpcReply {
        GrpcReply {
            http_status: 200,
            code,
            message: String::new(),
            headers: Vec::new(),
            assertions: (code == GrpcCode::Ok).then(|| EchoAssertions {
                fully_qualified_method: format!("/{SERVICE}/{method}"),
                context: Some(Context {
                    namespace: namespace.to_owned(),
                    pod: pod.to_owned(),
                    ..Context::default()
                }),
                ..EchoAssertions::default()
            }),
        }
    }

    #[test]
    fn compares_code_method_namespace_and_pod_prefix() {
        let echo = case(&json!({
            "grpc": {"service": SERVICE, "method": "Echo"},
            "response": {"grpcCode": "OK"},
            "backend": "grpc-infra-backend-v1",
            "namespace": "infra",
        }));
        let good = reply(GrpcCode::Ok, "Echo", "infra", "grpc-infra-backend-v1-0");
        assert_eq!(compare(&echo, &good), Ok(()));
        let other_pod = reply(GrpcCode::Ok, "Echo", "infra", "grpc-infra-backend-v2-0");
        assert!(
            compare(&echo, &other_pod)
                .unwrap_err()
                .contains("expected pod")
        );
        let other_ns = reply(GrpcCode::Ok, "Echo", "apps", "grpc-infra-backend-v1-0");
        assert!(compare(&echo, &other_ns).unwrap_err().contains("namespace"));
        let other_method = reply(GrpcCode::Ok, "EchoTwo", "infra", "grpc-infra-backend-v1-0");
        assert!(
            compare(&echo, &other_method)
                .unwrap_err()
                .contains("method")
        );
        let unimplemented = reply(GrpcCode::Unimplemented, "", "", "");
        assert!(
            compare(&echo, &unimplemented)
                .unwrap_err()
                .contains("Unimplemented")
        );
    }

    #[test]
    fn an_expected_error_code_is_the_only_comparison() {
        let three = case(&json!({
            "grpc": {"service": SERVICE, "method": "EchoThree"},
            "response": {"grpcCode": "Unimplemented"},
        }));
        assert_eq!(
            compare(&three, &reply(GrpcCode::Unimplemented, "", "", "")),
            Ok(())
        );
        let ok = reply(
            GrpcCode::Ok,
            "EchoThree",
            "infra",
            "grpc-infra-backend-v1-0",
        );
        assert!(compare(&three, &ok).is_err());
    }

    #[test]
    fn unsupported_keys_and_failure_kinds_keep_a_case_skipped() {
        let map = |v: Value| v.as_object().unwrap().clone();
        let runnable = map(json!({
            "name": "x",
            "grpc": {"service": SERVICE, "method": "Echo", "metadata": {"a": "b"}, "authority": "h"},
            "expectFailure": "grpcNotOK",
        }));
        assert_eq!(unsupported(&runnable), None);
        let extra = map(json!({"grpc": {"service": SERVICE, "method": "Echo"}, "weights": {}}));
        assert!(unsupported(&extra).unwrap().contains("weights"));
        let tls = map(json!({"grpc": {"service": SERVICE, "method": "Echo", "tls": true}}));
        assert!(unsupported(&tls).unwrap().contains("tls"));
        let code = map(
            json!({"grpc": {"service": SERVICE, "method": "Echo"}, "response": {"grpcCode": "Nope"}}),
        );
        assert!(unsupported(&code).unwrap().contains("Nope"));
        let failure =
            map(json!({"grpc": {"service": SERVICE, "method": "Echo"}, "expectFailure": "non200"}));
        assert!(unsupported(&failure).unwrap().contains("non200"));
    }
}
