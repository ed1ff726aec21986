#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The gRPC echo backend and client over TLS (HTTP/2 negotiated by ALPN), as echo-basic serves gRPC on
//! its TLS port: the caller accepts the TLS connection and hands the stream over with what it saw.

use std::sync::Arc;
use std::time::Duration;

use gwapi_testing::grpc_call::{GrpcCall, call_on};
use gwapi_testing::grpc_echo::{PodContext, PodLookup, SERVICE, TlsAssertions, serve_connection};
use gwapi_testing::grpc_wire::GrpcCode;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer, ServerName};
use tokio::net::{TcpListener, TcpStream};

const HOST: &str = "abc.example.com";

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

#[tokio::test]
async fn grpc_echo_answers_over_tls_with_the_sni_it_saw() {
    let certified = rcgen::generate_simple_self_signed(vec![HOST.to_owned()]).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let mut server = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![certified.cert.der().clone()], key)
        .unwrap();
    server.alpn_protocols = vec![b"h2".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(server));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let Ok(tls) = acceptor.accept(stream).await else {
                continue;
            };
            let seen = TlsAssertions {
                server_name: tls.get_ref().1.server_name().unwrap_or_default().to_owned(),
                negotiated_protocol: String::from_utf8_lossy(
                    tls.get_ref().1.alpn_protocol().unwrap_or_default(),
                )
                .into_owned(),
                ..TlsAssertions::default()
            };
            let lookup: PodLookup = Arc::new(|| Some(PodContext::new("ns", "grpc-tls-0")));
            tokio::spawn(serve_connection(tls, Some(seen), lookup));
        }
    });

    let mut roots = rustls::RootCertStore::empty();
    roots.add(certified.cert.der().clone()).unwrap();
    let mut client = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    client.alpn_protocols = vec![b"h2".to_vec()];
    let connector = tokio_rustls::TlsConnector::from(Arc::new(client));
    let stream = TcpStream::connect(address).await.unwrap();
    let tls = connector
        .connect(ServerName::try_from(HOST).unwrap(), stream)
        .await
        .unwrap();
    let call = GrpcCall::new(SERVICE, "EchoTwo");
    let reply = tokio::time::timeout(Duration::from_secs(5), call_on(tls, HOST, &call))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reply.code, GrpcCode::Ok, "{reply:?}");
    let assertions = reply.assertions.unwrap();
    assert_eq!(assertions.authority, HOST);
    assert_eq!(
        assertions.fully_qualified_method,
        format!("/{SERVICE}/EchoTwo")
    );
    assert_eq!(assertions.context.unwrap().pod, "grpc-tls-0");
    let tls = assertions.tls.unwrap();
    assert_eq!(tls.server_name, HOST);
    assert_eq!(tls.negotiated_protocol, "h2");
}
