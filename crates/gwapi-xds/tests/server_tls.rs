#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Mutual TLS on the ADS server, with a real gRPC client (tonic over rustls, rcgen certificates): a
//! client whose certificate a trusted CA signed gets its snapshot; one without a certificate, or with a
//! certificate of another CA, is refused.

use std::time::Duration;

use envoy_types::pb::envoy::config::cluster::v3::Cluster;
use envoy_types::pb::envoy::config::core::v3::Node;
use envoy_types::pb::envoy::service::discovery::v3::DiscoveryRequest;
use envoy_types::pb::envoy::service::discovery::v3::aggregated_discovery_service_client::AggregatedDiscoveryServiceClient;
use gwapi_xds::XdsResources;
use gwapi_xds::server::{SnapshotCache, XdsServer, XdsTls};
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use tonic::transport::{Certificate, ClientTlsConfig, Endpoint, Identity};

const CLUSTER_TYPE: &str = "type.googleapis.com/envoy.config.cluster.v3.Cluster";

/// A CA, and certificates it signs.
struct Ca {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

impl Ca {
    fn new() -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        Self {
            issuer: CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap(),
        }
    }

    fn pem(&self) -> String {
        self.issuer.pem()
    }

    /// A leaf certificate for `name`, with its key (PEM).
    fn leaf(&self, name: &str) -> (String, String) {
        let key = KeyPair::generate().unwrap();
        let cert = CertificateParams::new(vec![name.to_owned()])
            .unwrap()
            .signed_by(&key, &self.issuer)
            .unwrap();
        (cert.pem(), key.serialize_pem())
    }
}

/// Starts a server requiring client certificates of `client_ca`, serving one cluster for key `fleet`.
async fn start(server_ca: &Ca, client_ca: &Ca) -> (u16, tokio::sync::oneshot::Sender<()>) {
    let cache = SnapshotCache::new();
    let mut resources = XdsResources::default();
    resources.clusters.push(Cluster {
        name: "backend".to_owned(),
        ..Cluster::default()
    });
    cache.set("fleet", resources);
    let (cert, key) = server_ca.leaf("localhost");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = XdsServer::new(cache).tls(XdsTls::new(cert, key, client_ca.pem()));
    tokio::spawn(server.serve(listener, async {
        let _ = stopped.await;
    }));
    (port, stop)
}

/// Opens an ADS stream as node cluster `fleet` and returns the first response's cluster names.
async fn fetch_clusters(
    port: u16,
    server_ca: &Ca,
    identity: Option<(String, String)>,
) -> Result<Vec<String>, String> {
    let mut tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(server_ca.pem()))
        .domain_name("localhost");
    if let Some((cert, key)) = identity {
        tls = tls.identity(Identity::from_pem(cert, key));
    }
    let endpoint = Endpoint::from_shared(format!("https://127.0.0.1:{port}"))
        .unwrap()
        .tls_config(tls)
        .map_err(|e| e.to_string())?
        .connect_timeout(Duration::from_secs(5));
    let channel = endpoint.connect().await.map_err(|e| format!("{e:?}"))?;
    let mut client = AggregatedDiscoveryServiceClient::new(channel);
    let request = DiscoveryRequest {
        node: Some(Node {
            id: "proxy-1".to_owned(),
            cluster: "fleet".to_owned(),
            ..Node::default()
        }),
        type_url: CLUSTER_TYPE.to_owned(),
        ..DiscoveryRequest::default()
    };
    let (send, receive) = tokio::sync::mpsc::channel(1);
    send.send(request).await.unwrap();
    let response = client
        .stream_aggregated_resources(tokio_stream::wrappers::ReceiverStream::new(receive))
        .await
        .map_err(|e| e.to_string())?;
    let mut inbound = response.into_inner();
    let first = tokio::time::timeout(Duration::from_secs(10), inbound.message())
        .await
        .map_err(|_| "no response".to_owned())?
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "stream ended".to_owned())?;
    drop(send);
    Ok(first
        .resources
        .iter()
        .map(|any| {
            let cluster: Cluster = prost::Message::decode(any.value.as_slice()).unwrap();
            cluster.name
        })
        .collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trusted_client_gets_its_snapshot_and_others_are_refused() {
    let server_ca = Ca::new();
    let client_ca = Ca::new();
    let (port, stop) = start(&server_ca, &client_ca).await;

    let trusted = client_ca.leaf("proxy-1");
    let clusters = fetch_clusters(port, &server_ca, Some(trusted))
        .await
        .unwrap();
    assert_eq!(clusters, ["backend"]);

    let refused = fetch_clusters(port, &server_ca, None).await;
    assert!(
        refused.is_err(),
        "a client without a certificate was served"
    );

    let stranger = Ca::new().leaf("proxy-2");
    let refused = fetch_clusters(port, &server_ca, Some(stranger)).await;
    assert!(
        refused.is_err(),
        "a client with an untrusted certificate was served"
    );
    let _ = stop.send(());
}
