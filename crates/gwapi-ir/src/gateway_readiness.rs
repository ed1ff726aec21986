//! The Gateway-level conditions that depend on the running fleet rather than on the translation: once the
//! fleet of a Gateway is deployed and reachable, the controller (or a harness simulating the cluster) calls
//! [`set_fleet_status`] with the addresses the Gateway got and the fleet's replicas, as Envoy Gateway's
//! status updater does.

use gwapi_model::condition::{Condition, ConditionStatus};
use gwapi_model::gateway_api::{GatewayStatus, GatewayStatusAddress};

/// The running state of one Gateway's fleet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FleetState {
    /// The addresses the fleet's Service got (load balancer ingress, or the host's address).
    pub addresses: Vec<GatewayStatusAddress>,
    /// Envoy replicas ready.
    pub ready_replicas: u32,
    /// Envoy replicas wanted.
    pub replicas: u32,
    /// Addresses the Gateway asks for (`spec.addresses`) that the fleet cannot be given.
    pub unusable_addresses: Vec<String>,
}

/// Sets `status.addresses` and the Gateway's `Accepted` (unless the translation already decided it: refused
/// when every listener is) and `Programmed` conditions from the fleet's state.
pub fn set_fleet_status(status: &mut GatewayStatus, fleet: &FleetState) {
    status.addresses.clone_from(&fleet.addresses);
    let decided = status
        .conditions
        .iter()
        .find(|c| c.type_ == "Accepted")
        .map(|c| c.status == ConditionStatus::True);
    let accepted = decided.unwrap_or_else(|| {
        // A Gateway whose every listener is refused has nothing to serve; one with some refused listeners
        // is accepted, saying that not every listener is.
        let refused = status
            .listeners
            .iter()
            .filter(|l| {
                l.conditions
                    .iter()
                    .any(|c| c.type_ == "Accepted" && c.status == ConditionStatus::False)
            })
            .count();
        let none_valid = refused > 0 && refused == status.listeners.len();
        status.conditions.push(if none_valid {
            Condition::new(
                "Accepted",
                ConditionStatus::False,
                "ListenersNotValid",
                "The Gateway has no valid listener",
            )
        } else if refused > 0 {
            Condition::new(
                "Accepted",
                ConditionStatus::True,
                "ListenersNotValid",
                "The Gateway has been scheduled by Envoy Gateway; some of its listeners are not valid",
            )
        } else {
            Condition::new(
                "Accepted",
                ConditionStatus::True,
                "Accepted",
                "The Gateway has been scheduled by Envoy Gateway",
            )
        });
        !none_valid
    });
    let programmed = if !accepted {
        Condition::new(
            "Programmed",
            ConditionStatus::False,
            "Invalid",
            "The Gateway is not accepted",
        )
    } else if !fleet.unusable_addresses.is_empty() {
        Condition::new(
            "Programmed",
            ConditionStatus::False,
            "AddressNotUsable",
            format!(
                "The requested addresses cannot be assigned to the Gateway: {}",
                fleet.unusable_addresses.join(", ")
            ),
        )
    } else if fleet.addresses.is_empty() {
        Condition::new(
            "Programmed",
            ConditionStatus::False,
            "AddressNotAssigned",
            "No addresses have been assigned to the Gateway",
        )
    } else if fleet.ready_replicas == 0 {
        Condition::new(
            "Programmed",
            ConditionStatus::False,
            "NoResources",
            "Deployment replicas unavailable",
        )
    } else {
        Condition::new(
            "Programmed",
            ConditionStatus::True,
            "Programmed",
            format!(
                "Address assigned to the Gateway, {}/{} envoy replicas available",
                fleet.ready_replicas, fleet.replicas
            ),
        )
    };
    status.conditions.retain(|c| c.type_ != "Programmed");
    status.conditions.push(programmed);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address() -> GatewayStatusAddress {
        GatewayStatusAddress {
            type_: Some("IPAddress".to_owned()),
            value: "127.0.0.1".to_owned(),
        }
    }

    #[test]
    fn an_accepted_gateway_with_an_address_and_replicas_is_programmed() {
        let mut status = GatewayStatus::default();
        let fleet = FleetState {
            addresses: vec![address()],
            ready_replicas: 1,
            replicas: 1,
            unusable_addresses: Vec::new(),
        };
        set_fleet_status(&mut status, &fleet);
        let types: Vec<(&str, ConditionStatus)> = status
            .conditions
            .iter()
            .map(|c| (c.type_.as_str(), c.status))
            .collect();
        assert_eq!(
            types,
            vec![
                ("Accepted", ConditionStatus::True),
                ("Programmed", ConditionStatus::True)
            ]
        );
        assert_eq!(status.addresses, vec![address()]);
    }

    #[test]
    fn a_requested_address_that_cannot_be_assigned_leaves_the_gateway_unprogrammed() {
        let mut status = GatewayStatus::default();
        let fleet = FleetState {
            addresses: vec![address()],
            ready_replicas: 1,
            replicas: 1,
            unusable_addresses: vec!["192.0.2.1".to_owned()],
        };
        set_fleet_status(&mut status, &fleet);
        let programmed = status.conditions.iter().find(|c| c.type_ == "Programmed");
        assert_eq!(
            programmed.map(|c| (c.status, c.reason.as_str())),
            Some((ConditionStatus::False, "AddressNotUsable"))
        );
        let accepted = status.conditions.iter().find(|c| c.type_ == "Accepted");
        assert_eq!(accepted.map(|c| c.status), Some(ConditionStatus::True));
    }

    #[test]
    fn without_an_address_a_gateway_is_not_programmed() {
        let mut status = GatewayStatus::default();
        set_fleet_status(&mut status, &FleetState::default());
        let programmed = status.conditions.iter().find(|c| c.type_ == "Programmed");
        assert_eq!(
            programmed.map(|c| c.reason.as_str()),
            Some("AddressNotAssigned")
        );
    }

    #[test]
    fn a_rejected_gateway_keeps_its_reason_and_is_not_programmed() {
        let mut status = GatewayStatus {
            conditions: vec![Condition::new(
                "Accepted",
                ConditionStatus::False,
                "InvalidParameters",
                "bad",
            )],
            ..GatewayStatus::default()
        };
        let fleet = FleetState {
            addresses: vec![address()],
            ready_replicas: 1,
            replicas: 1,
            unusable_addresses: Vec::new(),
        };
        set_fleet_status(&mut status, &fleet);
        assert_eq!(status.conditions.len(), 2);
        assert_eq!(
            status.conditions.first().map(|c| c.reason.as_str()),
            Some("InvalidParameters")
        );
        assert_eq!(
            status.conditions.get(1).map(|c| c.status),
            Some(ConditionStatus::False)
        );
    }
}
