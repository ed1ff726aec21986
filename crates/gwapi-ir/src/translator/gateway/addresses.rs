//! A Gateway's `spec.addresses`: gwapi assigns `IPAddress` (the default type) and `Hostname` addresses;
//! any other type refuses the Gateway (`Accepted: False, UnsupportedAddress`), as the Gateway API asks.

use gwapi_model::condition::{Condition, ConditionStatus};
use gwapi_model::gateway_api::Gateway;

/// The address types a fleet can be given.
const SUPPORTED_TYPES: [&str; 2] = ["IPAddress", "Hostname"];

/// The condition refusing `gateway` for an address of an unsupported type, if it has one.
pub(super) fn condition(gateway: &Gateway) -> Option<Condition> {
    let unsupported = gateway
        .spec
        .addresses
        .iter()
        .filter_map(|a| a.type_.as_deref())
        .find(|t| !SUPPORTED_TYPES.contains(t))?;
    Some(Condition::new(
        "Accepted",
        ConditionStatus::False,
        "UnsupportedAddress",
        format!(
            "Address type {unsupported} is not supported, only {} are",
            SUPPORTED_TYPES.join(" and ")
        ),
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use gwapi_model::gateway_api::GatewaySpecAddress;

    use super::*;

    fn gateway(types: &[Option<&str>]) -> Gateway {
        let mut gateway = Gateway::default();
        gateway.spec.addresses = types
            .iter()
            .map(|t| GatewaySpecAddress {
                type_: t.map(ToOwned::to_owned),
                value: Some("10.0.0.1".to_owned()),
            })
            .collect();
        gateway
    }

    #[test]
    fn ip_and_hostname_addresses_are_supported() {
        assert!(condition(&gateway(&[None, Some("IPAddress"), Some("Hostname")])).is_none());
        assert!(condition(&gateway(&[])).is_none());
    }

    #[test]
    fn another_address_type_refuses_the_gateway() {
        let c = condition(&gateway(&[Some("IPAddress"), Some("example.com/custom")])).unwrap();
        assert_eq!(c.reason, "UnsupportedAddress");
        assert_eq!(c.status, ConditionStatus::False);
        assert!(c.message.contains("example.com/custom"));
    }
}
