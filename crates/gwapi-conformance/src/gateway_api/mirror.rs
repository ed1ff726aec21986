//! Request mirrors (upstream `http.ExpectMirroredRequest`): a case with `mirroredTo` is an HTTP case
//! whose request must also reach each mirror backend. With `requestIdQueryParam`, the path of the request
//! (and of the expected request) first gets a unique `gateway-api-conformance-request-id` query
//! parameter, so that the mirrored copy is told apart in the backends' request logs (echo-basic's
//! `Echoing back request made to <URI> to client` lines).

use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use super::request::HttpCase;
use super::request_log::RequestLog;
use super::world::Pod;

/// Upstream `TimeoutConfig.RequestTimeout`: how long a mirrored request may take to show up.
pub const MIRROR_TIMEOUT: Duration = Duration::from_secs(10);
/// The pause between two looks at the logs.
const POLL_INTERVAL: Duration = Duration::from_millis(100);
/// The query parameter that identifies one request.
const REQUEST_ID_PARAM: &str = "gateway-api-conformance-request-id";

/// The mirror keys of a case.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mirrors {
    /// The backends the request is mirrored to.
    #[serde(default)]
    pub mirrored_to: Vec<MirroredBackend>,
    /// Add a unique request id to the path.
    #[serde(default)]
    pub request_id_query_param: bool,
}

/// A mirror backend: the Deployment (pods labelled `app=<name>`) that must see the request.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct MirroredBackend {
    /// The backend's name.
    pub name: String,
    /// Its namespace.
    #[serde(default)]
    pub namespace: String,
}

/// Whether a request case checks mirrors.
pub fn is_mirrored(case: &Value) -> bool {
    case.get("mirroredTo").is_some()
}

/// Reads a mirror case: the HTTP case to send (with its request id when asked) and its mirrors.
///
/// # Errors
/// An unreadable case.
pub fn prepare(value: &Value) -> Result<(HttpCase, Mirrors), String> {
    let mut case: HttpCase = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    let mirrors: Mirrors = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    if mirrors.request_id_query_param {
        let id = request_id();
        case.request.path = with_param(&case.request.path, &id);
        if let Some(expected) = &mut case.expected_request
            && let Some(path) = &mut expected.path
        {
            *path = with_param(path, &id);
        }
    }
    Ok((case, mirrors))
}

/// The names of the pods of a mirror backend (labelled `app=<name>` in its namespace).
pub fn pods_of(pods: &[Pod], backend: &MirroredBackend) -> Vec<String> {
    pods.iter()
        .filter(|p| p.namespace == backend.namespace && p.labels.get("app") == Some(&backend.name))
        .map(|p| p.name.clone())
        .collect()
}

/// Waits until every mirror backend of `mirrors` (whose pods `pods_of` names) logged a request for
/// `uri` since `since`, for at most `timeout`.
///
/// # Errors
/// The backends that did not see it within the request timeout.
pub fn expect_mirrored(
    log: &RequestLog,
    pods_of: impl Fn(&MirroredBackend) -> Vec<String>,
    mirrors: &Mirrors,
    uri: &str,
    since: Instant,
    timeout: Duration,
) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    loop {
        let missing: Vec<String> = mirrors
            .mirrored_to
            .iter()
            .filter(|backend| {
                let names = pods_of(backend);
                log.count(
                    &backend.namespace,
                    |pod| names.iter().any(|n| n == pod),
                    uri,
                    since,
                ) == 0
            })
            .map(|b| format!("{}/{}", b.namespace, b.name))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "the request {uri} was not mirrored to {} within {timeout:?}",
                missing.join(", ")
            ));
        }
        std::thread::sleep(POLL_INTERVAL);
    }
}

/// `path` with the request id appended to its query.
fn with_param(path: &str, id: &str) -> String {
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}{REQUEST_ID_PARAM}={id}")
}

/// A random version-4 UUID.
pub fn request_id() -> String {
    let bits = (fastrand::u128(..) & !(0xF << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62);
    let hex = format!("{bits:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        hex.get(0..8).unwrap_or_default(),
        hex.get(8..12).unwrap_or_default(),
        hex.get(12..16).unwrap_or_default(),
        hex.get(16..20).unwrap_or_default(),
        hex.get(20..32).unwrap_or_default()
    )
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_request_id_goes_into_both_paths() {
        let (case, mirrors) = prepare(&json!({
            "request": {"path": "/mirror"},
            "expectedRequest": {"path": "/mirror"},
            "mirroredTo": [{"name": "v2", "namespace": "ns"}],
            "requestIdQueryParam": true,
        }))
        .unwrap();
        assert!(
            case.request
                .path
                .starts_with("/mirror?gateway-api-conformance-request-id=")
        );
        assert_eq!(
            case.expected_request.unwrap().path.unwrap(),
            case.request.path
        );
        assert_eq!(mirrors.mirrored_to.len(), 1);
        assert_eq!(
            with_param("/a?b=1", "x"),
            "/a?b=1&gateway-api-conformance-request-id=x"
        );
        let id = request_id();
        assert_eq!(id.len(), 36);
        assert_eq!(id.as_bytes()[14], b'4');
    }

    #[test]
    fn a_mirror_is_seen_in_the_logs_of_the_backend_pods() {
        let pods_of = |b: &MirroredBackend| vec![format!("{}-a-b", b.name)];
        let mirrors = Mirrors {
            mirrored_to: vec![MirroredBackend {
                name: "v2".to_owned(),
                namespace: "ns".to_owned(),
            }],
            request_id_query_param: true,
        };
        let log = RequestLog::default();
        let since = Instant::now();
        log.record("ns", "v2-a-b", "/m?id=1");
        assert!(expect_mirrored(&log, pods_of, &mirrors, "/m?id=1", since, MIRROR_TIMEOUT).is_ok());
        log.record("ns", "v1-a-b", "/m?id=2");
        let short = Duration::from_millis(10);
        let e = expect_mirrored(&log, pods_of, &mirrors, "/m?id=2", since, short);
        assert!(e.is_err());
    }
}
