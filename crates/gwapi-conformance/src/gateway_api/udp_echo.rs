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
