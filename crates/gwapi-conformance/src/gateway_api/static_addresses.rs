//! Static Gateway addresses (`spec.addresses` with values) in the simulated cluster. Every Envoy of a run
//! listens on the host's loopback, so the addresses a fleet can be given are loopback addresses; any
//! other requested address cannot be assigned. The suite's address pools (`UsableNetworkAddresses`,
//! `UnusableNetworkAddresses`) are one of each: a loopback address no other Gateway of the run gets, and
//! an address of the documentation range (RFC 5737), which is never local. No traffic goes to either.

use std::net::IpAddr;

use gwapi_model::gateway_api::Gateway;
use serde_json::Value;

/// The usable address the harness supplies (loopback, outside the pods' and Gateways' ranges).
fn usable() -> String {
    super::loopback::static_address()
}

/// The unusable address the harness supplies (TEST-NET-1: never assigned to this host).
const UNUSABLE: &str = "192.0.2.1";

/// The placeholders of the suite's address pools, with the values this harness gives them.
pub fn substitutions() -> Vec<(String, String)> {
    vec![
        ("PLACEHOLDER_USABLE_ADDRS".to_owned(), usable()),
        ("PLACEHOLDER_UNUSABLE_ADDRS".to_owned(), UNUSABLE.to_owned()),
        ("{USABLE_ADDRESS_TYPE}".to_owned(), "IPAddress".to_owned()),
        ("{USABLE_ADDRESS_VALUE}".to_owned(), usable()),
        ("{UNUSABLE_ADDRESS_TYPE}".to_owned(), "IPAddress".to_owned()),
        ("{UNUSABLE_ADDRESS_VALUE}".to_owned(), UNUSABLE.to_owned()),
    ]
}

/// Whether a fleet on this host can be given `value`.
fn assignable(value: &str) -> bool {
    value.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The `IPAddress` values a Gateway asks for, split into those its fleet gets and those it cannot.
pub fn requested(gateway: &Gateway) -> (Vec<String>, Vec<String>) {
    gateway
        .spec
        .addresses
        .iter()
        .filter(|a| a.type_.as_deref().is_none_or(|t| t == "IPAddress"))
        .filter_map(|a| a.value.clone())
        .partition(|v| assignable(v))
}

/// Checks a `statusAddresses` assertion (placeholders already substituted) against a Gateway status.
///
/// # Errors
/// What differs.
pub fn check(what: &str, status: &Value, want: &Value) -> Result<(), String> {
    let addresses: Vec<(&str, &str)> = status
        .get("addresses")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|a| {
            let field = |k: &str| a.get(k).and_then(Value::as_str).unwrap_or_default();
            (field("type"), field("value"))
        })
        .collect();
    let strings = |key: &str| -> Vec<String> {
        want.get(key)
            .and_then(Value::as_array)
            .map(|v| substituted(v.iter().filter_map(Value::as_str)))
            .unwrap_or_default()
    };
    if let Some(count) = want.get("count").and_then(Value::as_u64)
        && addresses.len() as u64 != count
    {
        return Err(format!(
            "{what}: {} status addresses, want {count}: {addresses:?}",
            addresses.len()
        ));
    }
    for value in strings("containsValues") {
        if !addresses.iter().any(|(_, v)| *v == value) {
            return Err(format!(
                "{what}: status addresses {addresses:?} lack {value}"
            ));
        }
    }
    for value in strings("notContainsValues") {
        if addresses.iter().any(|(_, v)| *v == value) {
            return Err(format!(
                "{what}: status addresses {addresses:?} contain {value}"
            ));
        }
    }
    if let Some(entry) = want.get("entryWithValue") {
        let field = |k: &str| {
            entry
                .get(k)
                .and_then(Value::as_str)
                .map(|s| substituted([s]).concat())
        };
        let value = field("value").unwrap_or_default();
        let found = addresses.iter().find(|(_, v)| *v == value);
        match (found, field("type")) {
            (None, _) => return Err(format!("{what}: no status address {value}")),
            (Some((t, _)), Some(want_type)) if *t != want_type => {
                return Err(format!(
                    "{what}: status address {value} has type {t}, want {want_type}"
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

fn substituted<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let table = substitutions();
    values
        .into_iter()
        .map(|v| {
            table
                .iter()
                .fold(v.to_owned(), |v, (from, to)| v.replace(from.as_str(), to))
        })
        .collect()
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn loopback_addresses_are_assignable_others_not() {
        let mut gateway = Gateway::default();
        gateway.spec.addresses = serde_json::from_value(json!([
            {"value": UNUSABLE},
            {"type": "IPAddress", "value": usable()},
            {"type": "Hostname", "value": "example.com"},
            {"type": "IPAddress"},
        ]))
        .unwrap();
        assert_eq!(
            requested(&gateway),
            (vec![usable()], vec![UNUSABLE.to_owned()])
        );
    }

    #[test]
    fn status_addresses_are_checked_with_placeholders() {
        let status = json!({"addresses": [{"type": "IPAddress", "value": usable()}]});
        let want = json!({
            "count": 1,
            "containsValues": ["{USABLE_ADDRESS_VALUE}"],
            "notContainsValues": ["{UNUSABLE_ADDRESS_VALUE}"],
            "entryWithValue": {"value": "{USABLE_ADDRESS_VALUE}", "type": "{USABLE_ADDRESS_TYPE}"},
        });
        assert!(check("gw", &status, &want).is_ok());
        let two = json!({"addresses": [
            {"type": "IPAddress", "value": usable()},
            {"type": "IPAddress", "value": UNUSABLE},
        ]});
        assert!(check("gw", &two, &want).is_err());
    }
}
