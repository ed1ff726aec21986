//! Overlapping TLS configuration: HTTPS listeners of one fleet on one port whose hostnames overlap (one is a
//! wildcard that covers the other) are valid but get an `OverlappingTLSConfig` condition.

use gwapi_model::gateway_api::ProtocolType;

use super::GatewayCtx;
use crate::translator::conditions::ok;

/// Whether `wildcard` (`*.example.com`) covers `host`.
fn covers(wildcard: &str, host: &str) -> bool {
    wildcard.strip_prefix('*').is_some_and(|suffix| {
        host != wildcard
            && host
                .strip_suffix(suffix)
                .is_some_and(|rest| !rest.is_empty())
    })
}

/// One HTTPS listener taking part in the overlap check.
struct Candidate {
    gateway: usize,
    listener: usize,
    fleet: String,
    port: i32,
    hostname: Option<String>,
    sans: Vec<String>,
    gateway_name: String,
    listener_name: String,
}

/// Whether two names overlap (equal, or a wildcard covers the other).
fn overlaps(a: &str, b: &str) -> bool {
    a == b || covers(a, b) || covers(b, a)
}

/// Adds `OverlappingTLSConfig` to the HTTPS listeners whose certificates (or, failing that, hostnames)
/// overlap another's on the same port of the same fleet.
pub(super) fn check(gateways: &mut [GatewayCtx<'_>]) {
    let mut candidates = Vec::new();
    for (gi, g) in gateways.iter().enumerate() {
        for (li, l) in g.listeners.iter().enumerate() {
            if l.listener.protocol == ProtocolType::Https && l.is_valid() {
                candidates.push(Candidate {
                    gateway: gi,
                    listener: li,
                    fleet: g.ir_key.clone(),
                    port: l.listener.port,
                    hostname: l.listener.hostname.clone(),
                    sans: l
                        .certificates
                        .iter()
                        .flat_map(|c| super::x509::dns_names(&c.certificate.bytes))
                        .collect(),
                    gateway_name: g.name.clone(),
                    listener_name: l.listener.name.clone(),
                });
            }
        }
    }
    let mut notes = Vec::new();
    for a in &candidates {
        let peers = candidates.iter().filter(|b| {
            (b.gateway, b.listener) != (a.gateway, a.listener)
                && b.fleet == a.fleet
                && b.port == a.port
        });
        let mut found = None;
        for b in peers.clone() {
            let pair = a
                .sans
                .iter()
                .find_map(|x| b.sans.iter().find(|y| overlaps(x, y)).map(|y| (x, y)));
            if let Some((x, y)) = pair {
                found = Some((
                    b,
                    "OverlappingCertificates",
                    format!(
                        "The certificate SAN {x} overlaps with the certificate SAN {y} in listener {}{}. ALPN will default to HTTP/1.1 to prevent HTTP/2 connection coalescing, unless explicitly configured via ClientTrafficPolicy",
                        b.listener_name,
                        of_gateway(a, b)
                    ),
                ));
                break;
            }
        }
        if found.is_none() {
            found = peers.clone().find_map(|b| {
                let (x, y) = (a.hostname.as_deref()?, b.hostname.as_deref()?);
                (covers(x, y) || covers(y, x)).then(|| {
                    (
                        b,
                        "OverlappingHostnames",
                        format!(
                            "The hostname {x} overlaps with the hostname {y} in listener {}{}.",
                            b.listener_name,
                            of_gateway(a, b)
                        ),
                    )
                })
            });
        }
        if let Some((_, reason, message)) = found {
            notes.push((a.gateway, a.listener, reason, message));
        }
    }
    for (gi, li, reason, message) in notes {
        if let Some(l) = gateways.get_mut(gi).and_then(|g| g.listeners.get_mut(li)) {
            l.tls_overlaps |= reason == "OverlappingCertificates";
            l.notes.push(ok("OverlappingTLSConfig", reason, &message));
        }
    }
}

/// ` of gateway <name>` when the peer is in another Gateway.
fn of_gateway(a: &Candidate, b: &Candidate) -> String {
    if a.gateway == b.gateway {
        String::new()
    } else {
        format!(" of gateway {}", b.gateway_name)
    }
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn wildcards_cover_subdomains() {
        assert!(covers("*.example.com", "foo.example.com"));
        assert!(!covers("*.example.com", "example.com"));
        assert!(!covers("foo.example.com", "*.example.com"));
    }
}
