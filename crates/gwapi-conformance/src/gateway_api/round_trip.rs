//! Upstream `CompareRoundTrip`: whether one round trip is what an HTTP case expects (rules in the corpus
//! README).

use std::collections::BTreeMap;

use super::request::{HttpCase, RoundTrip};

/// Checks `got` against `case`, sent with `scheme`; the error says what differs.
pub fn compare(case: &HttpCase, scheme: &str, got: &RoundTrip) -> Result<(), String> {
    let expected = &case.response;
    let codes: &[u16] = if expected.status_codes.is_empty() {
        &[200]
    } else {
        &expected.status_codes
    };
    if case.expect_failure.as_deref() == Some("non200") {
        return if got.status == 200 {
            Err("expected a non-200 response, got 200".to_owned())
        } else {
            Ok(())
        };
    }
    let timeout = |c: u16| c == 408 || c == 504;
    if timeout(got.status) && codes.iter().copied().any(timeout) {
        return Ok(());
    }
    if !codes.contains(&got.status) {
        return Err(format!("expected status {codes:?}, got {}", got.status));
    }
    match got.status {
        200 | 204 => compare_echo(case, got),
        300..=305 | 307 | 308 => compare_redirect(case, scheme, got),
        _ => Ok(()),
    }
}

fn compare_echo(case: &HttpCase, got: &RoundTrip) -> Result<(), String> {
    let echoed = &got.echoed;
    let sent = &case.request;
    let expected = case.expected_request.clone().unwrap_or_default();
    let from_request = case.expected_request.is_none();
    let host = if from_request {
        &sent.host
    } else {
        &expected.host
    };
    if !host.is_empty() && *host != echoed.host {
        return Err(format!(
            "expected host {host:?}, backend saw {:?}",
            echoed.host
        ));
    }
    let path = expected.path.as_ref().unwrap_or(&sent.path);
    if *path != echoed.path {
        return Err(format!(
            "expected path {path:?}, backend saw {:?}",
            echoed.path
        ));
    }
    let method = if from_request {
        &sent.method
    } else {
        &expected.method
    };
    let method = if method.is_empty() { "GET" } else { method };
    if method != echoed.method {
        return Err(format!(
            "expected method {method}, backend saw {:?}",
            echoed.method
        ));
    }
    let namespace = case.namespace.as_deref().unwrap_or_default();
    if namespace != echoed.namespace {
        return Err(format!(
            "expected namespace {namespace:?}, backend saw {:?}",
            echoed.namespace
        ));
    }
    let seen: BTreeMap<String, String> = echoed
        .headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.join(",")))
        .collect();
    let want_headers = if from_request {
        (!sent.headers.is_empty()).then(|| sent.headers.clone())
    } else {
        expected.headers.clone()
    };
    for (name, value) in want_headers.iter().flatten() {
        match seen.get(&name.to_ascii_lowercase()) {
            None => return Err(format!("backend did not see header {name}")),
            Some(actual) if actual != value => {
                return Err(format!(
                    "header {name}: expected {value:?}, backend saw {actual:?}"
                ));
            }
            Some(_) => {}
        }
    }
    for name in &expected.absent_headers {
        if seen.contains_key(&name.to_ascii_lowercase()) {
            return Err(format!("backend saw header {name}, which should be absent"));
        }
    }
    super::tls_echo::compare(&expected, echoed)?;
    compare_response_headers(case, got)?;
    if let Some(backend) = &case.backend
        && !echoed.pod.starts_with(backend.as_str())
    {
        return Err(format!("expected pod {backend}*, got {:?}", echoed.pod));
    }
    Ok(())
}

fn compare_response_headers(case: &HttpCase, got: &RoundTrip) -> Result<(), String> {
    let expected = &case.response;
    let strip = |s: &str| -> String {
        if expected.ignore_whitespace {
            s.chars().filter(|c| !c.is_whitespace()).collect()
        } else {
            s.to_owned()
        }
    };
    let actual = |name: &str| {
        got.headers
            .get(&name.to_ascii_lowercase())
            .map(|v| strip(&v.join(",")))
    };
    for (name, value) in expected.headers.iter().flatten() {
        match actual(name) {
            None => return Err(format!("response header {name} missing")),
            Some(v) if v != strip(value) => {
                return Err(format!(
                    "response header {name}: expected {value:?}, got {v:?}"
                ));
            }
            Some(_) => {}
        }
    }
    for (name, values) in expected.valid_header_values.iter().flatten() {
        match actual(name) {
            None => return Err(format!("response header {name} missing")),
            Some(v) if !values.iter().any(|w| strip(w) == v) => {
                return Err(format!(
                    "response header {name}: {v:?} is none of {values:?}"
                ));
            }
            Some(_) => {}
        }
    }
    for name in &expected.absent_headers {
        if actual(name).is_some() {
            return Err(format!("response header {name} should be absent"));
        }
    }
    Ok(())
}

fn compare_redirect(case: &HttpCase, scheme: &str, got: &RoundTrip) -> Result<(), String> {
    let Some(expected) = &case.redirect_request else {
        return Ok(());
    };
    let location = got
        .headers
        .get("location")
        .and_then(|v| v.first())
        .ok_or("redirect without a Location header")?;
    let (got_scheme, got_host, got_port, got_path) = parse_location(location);
    let want_scheme = expected.scheme.as_deref().unwrap_or(scheme);
    if want_scheme != got_scheme {
        return Err(format!(
            "redirect scheme: expected {want_scheme}, got {location}"
        ));
    }
    if let Some(host) = &expected.host
        && *host != got_host
    {
        return Err(format!("redirect host: expected {host}, got {location}"));
    }
    let default_port = if want_scheme == "https" { "443" } else { "80" };
    let port_ok = match &expected.port {
        None => got_port.is_empty() || got_port == default_port,
        Some(port) => {
            let want = port
                .as_str()
                .map_or_else(|| port.to_string(), ToOwned::to_owned);
            want == got_port
        }
    };
    if !port_ok {
        return Err(format!(
            "redirect port: expected {:?}, got {location}",
            expected.port
        ));
    }
    let request_path = case
        .request
        .path
        .split_once('?')
        .map_or(case.request.path.as_str(), |(p, _)| p);
    let want_path = expected.path.as_deref().unwrap_or(request_path);
    if want_path != got_path {
        return Err(format!(
            "redirect path: expected {want_path}, got {location}"
        ));
    }
    Ok(())
}

/// Splits an absolute Location into scheme, host, port ("" when absent) and path (without the query).
fn parse_location(location: &str) -> (String, String, String, String) {
    let (scheme, rest) = location.split_once("://").unwrap_or(("", location));
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') => (h, p),
        _ => (authority, ""),
    };
    (
        scheme.to_owned(),
        host.to_owned(),
        port.to_owned(),
        path.to_owned(),
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
    use super::*;
    use crate::gateway_api::request::{Echoed, RedirectRequest};

    fn echo_case(path: &str, backend: &str) -> HttpCase {
        let mut case = HttpCase::default();
        case.request.path = path.to_owned();
        case.backend = Some(backend.to_owned());
        case.namespace = Some("ns".to_owned());
        case
    }

    fn echoed(path: &str, pod: &str) -> RoundTrip {
        RoundTrip {
            status: 200,
            headers: BTreeMap::new(),
            echoed: Echoed {
                path: path.to_owned(),
                method: "GET".to_owned(),
                namespace: "ns".to_owned(),
                pod: pod.to_owned(),
                ..Echoed::default()
            },
        }
    }

    #[test]
    fn the_backend_is_a_pod_name_prefix_and_the_path_is_exact() {
        let case = echo_case("/a?b=1", "infra-backend-v1");
        assert!(compare(&case, "http", &echoed("/a?b=1", "infra-backend-v1-0")).is_ok());
        assert!(compare(&case, "http", &echoed("/a?b=1", "infra-backend-v2-0")).is_err());
        assert!(compare(&case, "http", &echoed("/a", "infra-backend-v1-0")).is_err());
    }

    #[test]
    fn timeouts_pass_when_a_timeout_is_expected() {
        let mut case = echo_case("/", "x");
        case.response.status_codes = vec![504];
        let got = RoundTrip {
            status: 408,
            ..RoundTrip::default()
        };
        assert!(compare(&case, "http", &got).is_ok());
    }

    #[test]
    fn redirects_default_to_the_request_scheme_port_and_path() {
        let mut case = echo_case("/p?q=1", "x");
        case.response.status_codes = vec![302];
        case.redirect_request = Some(RedirectRequest {
            host: Some("example.org".to_owned()),
            ..RedirectRequest::default()
        });
        let mut got = RoundTrip {
            status: 302,
            ..RoundTrip::default()
        };
        got.headers.insert(
            "location".to_owned(),
            vec!["http://example.org/p".to_owned()],
        );
        assert!(compare(&case, "http", &got).is_ok());
        got.headers.insert(
            "location".to_owned(),
            vec!["http://example.org:8080/p".to_owned()],
        );
        assert!(compare(&case, "http", &got).is_err());
        assert_eq!(
            parse_location("https://h:443/x?y"),
            ("https".into(), "h".into(), "443".into(), "/x".into())
        );
    }
}
