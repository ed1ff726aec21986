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

/// Adds `OverlappingTLSConfig` to the HTTPS listeners whose hostnames overlap another's in the same fleet.
pub(super) fn check(gateways: &mut [GatewayCtx<'_>]) {
    // (gateway index, listener index, fleet, port, hostname, gateway name, listener name)
    let mut https = Vec::new();
    for (gi, g) in gateways.iter().enumerate() {
        for (li, l) in g.listeners.iter().enumerate() {
            if l.listener.protocol == ProtocolType::Https
                && l.is_valid()
                && let Some(h) = l.listener.hostname.clone()
            {
                https.push((
                    gi,
                    li,
                    g.ir_key.clone(),
                    l.listener.port,
                    h,
                    g.name.clone(),
                    l.listener.name.clone(),
                ));
            }
        }
    }
    let mut notes = Vec::new();
    for a in &https {
        let other = https.iter().find(|b| {
            (b.0, b.1) != (a.0, a.1)
                && b.2 == a.2
                && b.3 == a.3
                && (covers(&a.4, &b.4) || covers(&b.4, &a.4))
        });
        if let Some(b) = other {
            let of_gateway = if a.0 == b.0 {
                String::new()
            } else {
                format!(" of gateway {}", b.5)
            };
            let message = format!(
                "The hostname {} overlaps with the hostname {} in listener {}{of_gateway}.",
                a.4, b.4, b.6
            );
            notes.push((a.0, a.1, message));
        }
    }
    for (gi, li, message) in notes {
        if let Some(l) = gateways.get_mut(gi).and_then(|g| g.listeners.get_mut(li)) {
            l.notes
                .push(ok("OverlappingTLSConfig", "OverlappingHostnames", &message));
        }
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
