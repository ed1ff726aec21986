//! The xDS resource types the server serves, their type URLs and their push order.

use crate::ResourceKind;

/// The prefix of every type URL.
const TYPE_URL_PREFIX: &str = "type.googleapis.com/";

/// Make-before-break order: secrets before the clusters and listeners that use them, clusters and endpoints
/// before the listeners and routes that send traffic to them.
pub(crate) const PUSH_ORDER: [ResourceKind; 5] = [
    ResourceKind::Secret,
    ResourceKind::Cluster,
    ResourceKind::Endpoint,
    ResourceKind::Listener,
    ResourceKind::Route,
];

/// The type URL of a resource kind.
pub(crate) fn type_url(kind: ResourceKind) -> String {
    format!("{TYPE_URL_PREFIX}{}", kind.message_name())
}

/// The resource kind a type URL names, if the server serves it.
pub(crate) fn from_type_url(url: &str) -> Option<ResourceKind> {
    let name = url.strip_prefix(TYPE_URL_PREFIX)?;
    ResourceKind::ALL
        .into_iter()
        .find(|kind| kind.message_name() == name)
}

/// Whether a state-of-the-world response carries every resource of the kind whatever was requested
/// (listeners and clusters), rather than the requested names only.
pub(crate) fn sends_all(kind: ResourceKind) -> bool {
    matches!(kind, ResourceKind::Listener | ResourceKind::Cluster)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_urls_round_trip() {
        for kind in PUSH_ORDER {
            assert_eq!(from_type_url(&type_url(kind)), Some(kind));
        }
        assert_eq!(from_type_url("type.googleapis.com/x.Y"), None);
    }
}
