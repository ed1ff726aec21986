//! TLS echo backends: echo-basic serves HTTPS (HTTP/1.1 and HTTP/2) on `HTTPS_PORT` (8443) when its
//! container has `TLS_SERVER_CERT` and `TLS_SERVER_PRIVKEY`, with the certificate and key of the files
//! those name (mounted from a Secret or ConfigMap of the pod's Deployment). With `TLS_CLIENT_CACERTS` it
//! asks for a client certificate and verifies one when given. The echoed JSON also carries the SNI it
//! saw and the client's certificates (`sni`, `tls.peerCertificates`), which cases compare as
//! `expectedRequest.sni` and `expectedRequest.clientCertificateFromSecret`.
//!
//! Like the plain echo servers, listeners are never stopped: which pod and which certificate answer on
//! an address are looked up on each connection.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, PoisonError, RwLock};

use base64::Engine as _;
use http_body_util::{BodyExt as _, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::{TokioExecutor, TokioIo};
use rustls::RootCertStore;
use rustls::ServerConfig;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject as _;
use rustls::server::WebPkiClientVerifier;
use serde_json::{Value, json};
use tokio_rustls::TlsAcceptor;

use gwapi_testing::grpc_echo::{self, PodContext, PodLookup, TlsAssertions};

use super::echo::{self, EchoState, PodIdentity, Table};
use super::https_client::{certified_key, provider};
use super::pod_files;
use super::request::{Echoed, ExpectedRequest};
use super::world::World;

/// The port echo-basic serves HTTPS on by default.
pub(super) const ECHO_HTTPS_PORT: u16 = 8443;

type Configs = Arc<RwLock<BTreeMap<SocketAddr, Arc<ServerConfig>>>>;

/// The TLS echo servers of a run: who answers on which address with which certificate. The plain echo
/// servers (`echo.rs`) listen on these addresses too and hand their connections over.
#[derive(Debug, Default)]
pub struct TlsEchoPods {
    pods: Table,
    configs: Configs,
}

/// The tables a listener looks a TLS echo server up in.
pub(super) type TlsTables = (Table, Configs);

/// A TLS pod of a run.
struct TlsPod {
    address: SocketAddr,
    identity: PodIdentity,
    config: Arc<ServerConfig>,
}

impl TlsEchoPods {
    /// Makes the tables say which TLS pods of `world` answer where, with which certificate.
    pub fn update(&mut self, world: &World) {
        let mut pods = BTreeMap::new();
        let mut configs = BTreeMap::new();
        for pod in tls_pods(world) {
            pods.insert(pod.address, pod.identity);
            configs.insert(pod.address, pod.config);
        }
        *self.pods.write().unwrap_or_else(PoisonError::into_inner) = pods;
        *self.configs.write().unwrap_or_else(PoisonError::into_inner) = configs;
    }

    /// The addresses TLS echo servers answer on.
    pub fn addresses(&self) -> Vec<SocketAddr> {
        self.configs
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .keys()
            .copied()
            .collect()
    }

    /// The tables, for listeners.
    pub(super) fn tables(&self) -> TlsTables {
        (Arc::clone(&self.pods), Arc::clone(&self.configs))
    }
}

/// The TLS configuration of the echo server on `address`, if one answers there.
pub(super) fn server_at(tables: &TlsTables, address: SocketAddr) -> Option<Arc<ServerConfig>> {
    tables
        .1
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&address)
        .cloned()
}

/// The pods of `world` whose echo server serves HTTPS. A pod whose certificate files cannot be read
/// (a missing Secret: the pod would not start) or used (echo-basic would exit) serves nothing.
fn tls_pods(world: &World) -> Vec<TlsPod> {
    let mut out = Vec::new();
    for pod in world.pods() {
        let template = &pod.spec;
        let Ok(ip) = pod.ip.parse::<std::net::IpAddr>() else {
            continue;
        };
        for container in template
            .get("containers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let env = pod_files::literal_env(container);
            // The TCP mode of echo-basic is another server (l4_pods.rs); its gRPC mode serves gRPC
            // over TLS (HTTP/2 only), with the key in `TLS_SERVER_PRIV_KEY`.
            if env.contains_key("TCP_ECHO_SERVER") {
                continue;
            }
            let grpc = env.contains_key("GRPC_ECHO_SERVER");
            let key_variable = if grpc {
                "TLS_SERVER_PRIV_KEY"
            } else {
                "TLS_SERVER_PRIVKEY"
            };
            let (Some(cert), Some(key)) = (env.get("TLS_SERVER_CERT"), env.get(key_variable))
            else {
                continue;
            };
            let file = |path: &str| {
                pod_files::mounted_file(world, &pod.namespace, template, container, path)
            };
            let client_ca = match env.get("TLS_CLIENT_CACERTS") {
                Some(path) => match file(path) {
                    Some(ca) => Some(ca),
                    None => continue,
                },
                None => None,
            };
            let (Some(cert), Some(key)) = (file(cert), file(key)) else {
                continue;
            };
            let Ok(mut config) = server_config(&cert, &key, client_ca.as_deref()) else {
                continue;
            };
            if grpc {
                config.alpn_protocols = vec![b"h2".to_vec()];
            }
            let port = env
                .get("HTTPS_PORT")
                .and_then(|p| p.parse().ok())
                .unwrap_or(ECHO_HTTPS_PORT);
            out.push(TlsPod {
                address: SocketAddr::new(ip, port),
                identity: PodIdentity {
                    name: pod.name.clone(),
                    namespace: pod.namespace.clone(),
                    grpc,
                },
                config: Arc::new(config),
            });
        }
    }
    out
}

/// The TLS configuration of an echo server: its certificate, HTTP/2 and HTTP/1.1, and, with `client_ca`,
/// client certificates verified against it when given (Go's `VerifyClientCertIfGiven`).
fn server_config(
    cert: &[u8],
    key: &[u8],
    client_ca: Option<&[u8]>,
) -> Result<ServerConfig, String> {
    let builder = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    let builder = match client_ca {
        Some(ca) => {
            let mut roots = RootCertStore::empty();
            for c in CertificateDer::pem_slice_iter(ca) {
                roots
                    .add(c.map_err(|e| format!("client CA: {e}"))?)
                    .map_err(|e| format!("client CA: {e}"))?;
            }
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider())
                .allow_unauthenticated()
                .build()
                .map_err(|e| format!("client CA: {e}"))?;
            builder.with_client_cert_verifier(verifier)
        }
        None => builder.with_no_client_auth(),
    };
    let mut config = builder.with_cert_resolver(Arc::new(rustls::sign::SingleCertAndKey::from(
        certified_key(cert, key)?,
    )));
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// Serves one connection to the TLS echo server on `address`.
pub(super) async fn serve(
    stream: tokio::net::TcpStream,
    address: SocketAddr,
    config: Arc<ServerConfig>,
    (pods, state): (Table, EchoState),
) {
    let Ok(tls) = TlsAcceptor::from(config).accept(stream).await else {
        return;
    };
    let (_, connection) = tls.get_ref();
    let seen = json!({
        "sni": connection.server_name().unwrap_or_default(),
        "tls": {
            "version": format!("{:?}", connection.protocol_version()),
            "serverName": connection.server_name().unwrap_or_default(),
            "negotiatedProtocol": connection
                .alpn_protocol()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .unwrap_or_default(),
            "peerCertificates": connection
                .peer_certificates()
                .unwrap_or_default()
                .iter()
                .map(pem_certificate)
                .collect::<Vec<_>>(),
        },
    });
    let h2 = connection.alpn_protocol() == Some(b"h2");
    if pod_at(&pods, address).is_some_and(|p| p.grpc) {
        let assertions = TlsAssertions {
            version: connection
                .protocol_version()
                .map(|v| format!("{v:?}"))
                .unwrap_or_default(),
            peer_certificates: connection
                .peer_certificates()
                .unwrap_or_default()
                .iter()
                .map(pem_certificate)
                .collect(),
            server_name: connection.server_name().unwrap_or_default().to_owned(),
            negotiated_protocol: "h2".to_owned(),
            cipher_suite: connection
                .negotiated_cipher_suite()
                .map(|s| format!("{:?}", s.suite()))
                .unwrap_or_default(),
        };
        let lookup: PodLookup = Arc::new(move || {
            pod_at(&pods, address).map(|p| PodContext::new(&p.namespace, &p.name))
        });
        let _ = grpc_echo::serve_connection(tls, Some(assertions), lookup).await;
        return;
    }
    let service = hyper::service::service_fn(move |request| {
        let pods = Arc::clone(&pods);
        let state = state.clone();
        let seen = seen.clone();
        async move { echo_tls(address, &pods, &state, request, seen).await }
    });
    let io = TokioIo::new(tls);
    if h2 {
        let _ = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
            .serve_connection(io, service)
            .await;
    } else {
        let _ = hyper::server::conn::http1::Builder::new()
            .serve_connection(io, service)
            .await;
    }
}

/// The plain echo's answer, with what the TLS connection showed added to its JSON. An HTTP/2 request's
/// `:authority` is its Host, as Go's server reports it.
async fn echo_tls(
    address: SocketAddr,
    pods: &Table,
    state: &EchoState,
    mut request: Request<Incoming>,
    seen: Value,
) -> Result<Response<Full<Bytes>>, std::io::Error> {
    if !request.headers().contains_key(hyper::header::HOST)
        && let Some(authority) = request
            .uri()
            .authority()
            .and_then(|a| hyper::header::HeaderValue::from_str(a.as_str()).ok())
    {
        request.headers_mut().insert(hyper::header::HOST, authority);
    }
    let response = echo::echo(address, pods, state, request).await?;
    let (parts, body) = response.into_parts();
    let bytes = body
        .collect()
        .await
        .map(http_body_util::Collected::to_bytes)
        .unwrap_or_default();
    let body = match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(mut map)) => {
            if let Value::Object(extra) = seen {
                map.extend(extra);
            }
            Bytes::from(Value::Object(map).to_string())
        }
        _ => bytes,
    };
    Ok(Response::from_parts(parts, Full::new(body)))
}

/// A DER certificate as PEM.
fn pem_certificate(der: &CertificateDer<'_>) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(der.as_ref());
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in text.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

/// The DER certificates of PEM `text`.
fn der_certificates(text: &[u8]) -> Vec<Vec<u8>> {
    CertificateDer::pem_slice_iter(text)
        .filter_map(Result::ok)
        .map(|c| c.as_ref().to_vec())
        .collect()
}

/// Checks what a TLS echo backend saw against `expected`: the SNI when one is expected, and the client
/// certificate when `clientCertificateFromSecret` is given (the first certificate of the Secret's
/// `tls.crt` must be the first the client presented).
pub fn compare(expected: &ExpectedRequest, echoed: &Echoed) -> Result<(), String> {
    if !expected.sni.is_empty() && expected.sni != echoed.sni {
        return Err(format!(
            "expected SNI {:?}, backend saw {:?}",
            expected.sni, echoed.sni
        ));
    }
    if let Some(r) = &expected.client_certificate_from_secret {
        let want = expected
            .client_certificate
            .as_deref()
            .map(der_certificates)
            .unwrap_or_default();
        let Some(want) = want.first() else {
            return Err(format!(
                "no certificate in Secret {}/{} to compare",
                r.namespace, r.name
            ));
        };
        let seen = echoed
            .tls
            .as_ref()
            .and_then(|t| t.peer_certificates.first())
            .map(|pem| der_certificates(pem.as_bytes()))
            .unwrap_or_default();
        if seen.first() != Some(want) {
            return Err(format!(
                "expected the backend to see the client certificate of {}/{}, it saw {}",
                r.namespace,
                r.name,
                if seen.is_empty() {
                    "none"
                } else {
                    "another one"
                }
            ));
        }
    }
    Ok(())
}

/// Reads the certificates that `expected` names from `world`, for [`compare`].
///
/// # Errors
/// When the Secret does not exist.
pub fn resolve(world: &World, expected: &mut ExpectedRequest) -> Result<(), String> {
    if let Some(r) = &expected.client_certificate_from_secret {
        let (cert, _) = super::https_client::secret_pair(world, r)?;
        expected.client_certificate = Some(cert);
    }
    Ok(())
}

/// Who answers on `address`.
fn pod_at(pods: &Table, address: SocketAddr) -> Option<PodIdentity> {
    pods.read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&address)
        .cloned()
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
    use crate::gateway_api::request::{EchoedTls, SecretRef};

    fn generated() -> (String, String) {
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["client".to_owned()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        (cert.pem(), key.serialize_pem())
    }

    #[test]
    fn the_sni_is_compared_only_when_expected() {
        let echoed = Echoed {
            sni: "abc.example.com".to_owned(),
            ..Echoed::default()
        };
        let mut expected = ExpectedRequest::default();
        assert!(compare(&expected, &echoed).is_ok());
        expected.sni = "other.example.com".to_owned();
        assert!(compare(&expected, &echoed).is_err());
        expected.sni = "abc.example.com".to_owned();
        assert!(compare(&expected, &echoed).is_ok());
    }

    #[test]
    fn the_client_certificate_must_be_the_secrets() {
        let (cert, _) = generated();
        let (other, _) = generated();
        let der = der_certificates(cert.as_bytes());
        let expected = ExpectedRequest {
            client_certificate_from_secret: Some(SecretRef {
                namespace: "ns".to_owned(),
                name: "client".to_owned(),
            }),
            client_certificate: Some(cert.into_bytes()),
            ..ExpectedRequest::default()
        };
        let seen = |pem: String| Echoed {
            tls: Some(EchoedTls {
                peer_certificates: vec![pem],
                ..EchoedTls::default()
            }),
            ..Echoed::default()
        };
        let same = pem_certificate(&CertificateDer::from(der[0].clone()));
        assert!(compare(&expected, &seen(same)).is_ok());
        assert!(compare(&expected, &seen(other)).is_err());
        assert!(compare(&expected, &Echoed::default()).is_err());
    }

    #[test]
    fn a_server_config_loads_generated_pem() {
        let (cert, key) = generated();
        let config = server_config(cert.as_bytes(), key.as_bytes(), Some(cert.as_bytes())).unwrap();
        assert_eq!(config.alpn_protocols.len(), 2);
        assert!(server_config(b"junk", key.as_bytes(), None).is_err());
    }

    fn deployment(secret: &str, client_ca: bool) -> serde_json::Value {
        let mut env = vec![
            json!({"name": "TLS_SERVER_CERT", "value": "/etc/secret-volume/crt"}),
            json!({"name": "TLS_SERVER_PRIVKEY", "value": "/etc/secret-volume/key"}),
        ];
        if client_ca {
            env.push(json!({"name": "TLS_CLIENT_CACERTS", "value": "/etc/ca/ca"}));
        }
        json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"namespace": "ns", "name": "tls-backend"},
            "spec": {"replicas": 1, "template": {
                "metadata": {"labels": {"app": "tls-backend"}},
                "spec": {
                    "containers": [{"name": "echo", "env": env, "volumeMounts": [
                        {"name": "secret-volume", "mountPath": "/etc/secret-volume"},
                        {"name": "ca", "mountPath": "/etc/ca"}]}],
                    "volumes": [
                        {"name": "secret-volume", "secret": {"secretName": secret, "items": [
                            {"key": "tls.crt", "path": "crt"}, {"key": "tls.key", "path": "key"}]}},
                        {"name": "ca", "configMap": {"name": "ca", "items": [
                            {"key": "ca.crt", "path": "ca"}]}}]}}}
        })
    }

    #[test]
    fn pods_serve_the_certificate_of_their_mounted_secret() {
        let (cert, key) = generated();
        let encode = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let mut world = World::new(std::path::Path::new("."), Vec::new());
        world
            .apply_object(&json!({
                "apiVersion": "v1", "kind": "Secret",
                "metadata": {"namespace": "ns", "name": "serving"},
                "type": "kubernetes.io/tls",
                "data": {"tls.crt": encode(&cert), "tls.key": encode(&key)},
            }))
            .unwrap();
        world.apply_object(&deployment("serving", false)).unwrap();
        let pods = tls_pods(&world);
        assert_eq!(pods.len(), 1);
        assert_eq!(pods[0].address.port(), ECHO_HTTPS_PORT);
        assert!(pods[0].identity.name.starts_with("tls-backend-"));
        // Without the ConfigMap of the client CA, or the Secret, the pod does not serve.
        world.apply_object(&deployment("serving", true)).unwrap();
        assert!(tls_pods(&world).is_empty());
        world
            .apply_object(&json!({
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"namespace": "ns", "name": "ca"},
                "data": {"ca.crt": cert},
            }))
            .unwrap();
        assert_eq!(tls_pods(&world).len(), 1);
        world.apply_object(&deployment("missing", true)).unwrap();
        assert!(tls_pods(&world).is_empty());
    }
}
