//! UDP backends: echo-basic's UDP mode answers every datagram with one JSON object (`namespace`, `pod`,
//! `service`, `payload`); the suite's CoreDNS answers DNS queries (here like its `whoami` plugin: an A
//! record with the client's address).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};

use serde::Deserialize;
use serde_json::json;
use tokio::net::UdpSocket;

use super::dns_message;
use super::l4_pods::Identity;

/// What answers on a UDP address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UdpServer {
    /// echo-basic's UDP echo.
    Echo(Identity),
    /// CoreDNS.
    Dns,
}

/// echo-basic's UDP answer.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct UdpAnswer {
    /// The pod's namespace.
    pub namespace: String,
    /// The pod's name.
    pub pod: String,
    /// The Service name the pod was started with.
    pub service: String,
}

/// The largest datagram read.
const MAX_DATAGRAM: usize = 65_535;

/// Answers the datagrams arriving on `socket` (bound to `address`) as the table says, forever.
pub async fn serve(
    socket: UdpSocket,
    address: SocketAddr,
    table: Arc<RwLock<BTreeMap<SocketAddr, UdpServer>>>,
) {
    let mut buffer = vec![0u8; MAX_DATAGRAM];
    loop {
        let Ok((n, peer)) = socket.recv_from(&mut buffer).await else {
            continue;
        };
        let datagram = buffer.get(..n).unwrap_or_default();
        let reply = match UdpServer::lookup(&table, address) {
            Some(UdpServer::Echo(identity)) => Some(
                json!({
                    "namespace": identity.namespace,
                    "pod": identity.pod,
                    "service": identity.service,
                    "payload": String::from_utf8_lossy(datagram),
                })
                .to_string()
                .into_bytes(),
            ),
            Some(UdpServer::Dns) => dns_message::answer(datagram, peer.ip()),
            None => None,
        };
        if let Some(reply) = reply {
            let _ = socket.send_to(&reply, peer).await;
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use std::time::Duration;

    use super::*;
    use crate::gateway_api::l4_client::udp_exchange;

    const TIMEOUT: Duration = Duration::from_secs(5);

    async fn server(what: Option<UdpServer>) -> SocketAddr {
        let socket = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let address = socket.local_addr().unwrap();
        let table: BTreeMap<_, _> = what.into_iter().map(|w| (address, w)).collect();
        tokio::spawn(serve(socket, address, Arc::new(RwLock::new(table))));
        address
    }

    #[tokio::test]
    async fn the_echo_names_its_pod_and_service() {
        let identity = Identity {
            pod: "udp-backend-v1-bcdfghjklm-x2x4q".to_owned(),
            namespace: "infra".to_owned(),
            service: "udp-backend-v1".to_owned(),
        };
        let address = server(Some(UdpServer::Echo(identity))).await;
        let answer = udp_exchange(address, b"ping", TIMEOUT).await.unwrap();
        let answer: UdpAnswer = serde_json::from_slice(&answer).unwrap();
        assert_eq!(answer.pod, "udp-backend-v1-bcdfghjklm-x2x4q");
        assert_eq!(answer.service, "udp-backend-v1");
        assert_eq!(answer.namespace, "infra");
    }

    #[tokio::test]
    async fn dns_queries_get_dns_answers_and_an_unused_address_stays_silent() {
        let address = server(Some(UdpServer::Dns)).await;
        let query = dns_message::query(7, "foo.bar.com.", 1).unwrap();
        let answer = udp_exchange(address, &query, TIMEOUT).await.unwrap();
        assert!(dns_message::is_response_to(&answer, 7));
        let silent = server(None).await;
        assert!(
            udp_exchange(silent, b"x", Duration::from_millis(200))
                .await
                .is_err()
        );
    }
}
