//! The loopback addresses of a run: pods on `127.X.1.N`, Gateways on `127.X.2.N`. `X` is 0 unless
//! `GWAPI_CONFORMANCE_LOOPBACK_NET` (1-254) says otherwise, so that several runs on one machine (each
//! binds its backends' addresses and its Envoys share their listeners' ports) do not answer each other's
//! requests.

/// The variable that picks the run's loopback network.
pub const NETWORK_VARIABLE: &str = "GWAPI_CONFORMANCE_LOOPBACK_NET";

fn network() -> u8 {
    std::env::var(NETWORK_VARIABLE)
        .ok()
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|n| *n < 255)
        .unwrap_or(0)
}

/// The address of the `n`-th pod.
pub fn pod(n: usize) -> String {
    format!("127.{}.1.{}", network(), n % 250 + 1)
}

/// The static address a Gateway may ask for (`spec.addresses`), which no pod or simulated load balancer
/// address takes.
pub fn static_address() -> String {
    format!("127.{}.3.1", network())
}

/// The address of the `n`-th Gateway (from 1).
pub fn gateway(n: usize) -> String {
    format!("127.{}.2.{n}", network())
}
