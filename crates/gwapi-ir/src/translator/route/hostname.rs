//! Hostname intersection of a route and a listener (Gateway API's rules, as Envoy Gateway applies them).

/// The hostnames a route serves on a listener: the route's hostnames that the listener's hostname admits
/// (a wildcard on either side matches at least one more label), or the listener's when the route names none.
/// `*` stands for any host.
pub(crate) fn compute_hosts(
    route_hostnames: &[String],
    listener_hostname: Option<&str>,
) -> Vec<String> {
    let listener = listener_hostname.unwrap_or_default();
    if route_hostnames.is_empty() {
        return vec![if listener.is_empty() { "*" } else { listener }.to_owned()];
    }
    let mut hosts: Vec<String> = Vec::new();
    for route in route_hostnames {
        let host = if listener.is_empty() || listener == route {
            Some(route.as_str())
        } else if listener.starts_with('*') {
            if matches_wildcard(route, listener) {
                Some(route.as_str())
            } else {
                // Two wildcards: the narrower one.
                (route.starts_with('*') && matches_wildcard(listener, route)).then_some(listener)
            }
        } else if route.starts_with('*') {
            matches_wildcard(listener, route).then_some(listener)
        } else {
            None
        };
        if let Some(h) = host
            && !hosts.iter().any(|x| x == h)
        {
            hosts.push(h.to_owned());
        }
    }
    hosts
}

/// Listener isolation: drops the hosts that another listener on the same port serves more specifically
/// (`others` are those listeners' hostnames).
pub(crate) fn isolate(hosts: &mut Vec<String>, own: Option<&str>, others: &[&str]) {
    let own = own.unwrap_or_default();
    let more_specific = |other: &str| {
        if own.is_empty() {
            true
        } else if own.starts_with('*') {
            other != own
                && (matches_wildcard(other, own) || other.ends_with(own.trim_start_matches('*')))
        } else {
            false
        }
    };
    hosts.retain(|h| {
        !others
            .iter()
            .any(|o| more_specific(o) && (h == o || (o.starts_with('*') && matches_wildcard(h, o))))
    });
}

/// Whether `hostname` matches `wildcard` (`*.example.com`): it ends with the suffix and has something before.
fn matches_wildcard(hostname: &str, wildcard: &str) -> bool {
    let suffix = wildcard.trim_start_matches('*');
    hostname
        .strip_suffix(suffix)
        .is_some_and(|rest| !rest.is_empty())
}

/// Why `host` is not a lowercase RFC 1123 subdomain (Kubernetes' message), if it is not.
pub(crate) fn subdomain_error(host: &str) -> Option<String> {
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if host.len() <= 253 && host.split('.').all(label_ok) {
        return None;
    }
    Some(format!(
        "Hostname {host:?} is invalid: [a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')]."
    ))
}

#[cfg(test)]
mod tests {
    use super::compute_hosts;

    fn hosts(route: &[&str], listener: Option<&str>) -> Vec<String> {
        let route: Vec<String> = route.iter().map(|s| (*s).to_owned()).collect();
        compute_hosts(&route, listener)
    }

    #[test]
    fn no_route_hostnames_use_the_listener() {
        assert_eq!(hosts(&[], None), ["*"]);
        assert_eq!(hosts(&[], Some("foo.com")), ["foo.com"]);
    }

    #[test]
    fn wildcard_listener_admits_subdomains_only() {
        assert_eq!(
            hosts(&["a.example.com"], Some("*.example.com")),
            ["a.example.com"]
        );
        assert!(hosts(&["example.com"], Some("*.example.com")).is_empty());
        assert!(hosts(&["foo.com"], Some("*.example.com")).is_empty());
    }

    #[test]
    fn two_wildcards_give_the_narrower() {
        assert_eq!(hosts(&["*.com"], Some("*.example.com")), ["*.example.com"]);
        assert_eq!(hosts(&["*.example.com"], Some("*.com")), ["*.example.com"]);
    }

    #[test]
    fn wildcard_route_takes_the_listener_host() {
        assert_eq!(
            hosts(&["*.example.com"], Some("a.example.com")),
            ["a.example.com"]
        );
        assert_eq!(hosts(&["*.example.com"], None), ["*.example.com"]);
    }

    #[test]
    fn isolation_leaves_specific_hosts_to_their_listeners() {
        let mut h = vec!["bar.com".to_owned(), "*.example.com".to_owned()];
        super::isolate(&mut h, None, &["*.example.com"]);
        assert_eq!(h, ["bar.com"]);
        let mut h = vec!["a.example.com".to_owned()];
        super::isolate(&mut h, Some("*.example.com"), &["a.example.com"]);
        assert!(h.is_empty());
    }

    #[test]
    fn subdomains() {
        assert!(super::subdomain_error("rewrite.com").is_none());
        assert!(super::subdomain_error("-rewrite.com").is_some());
        assert!(super::subdomain_error("Upper.com").is_some());
    }

    #[test]
    fn duplicates_are_dropped() {
        assert_eq!(hosts(&["a.com", "a.com"], None), ["a.com"]);
    }
}
