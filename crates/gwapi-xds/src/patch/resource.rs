//! The xDS resource kinds a patch can address, seen through one trait: found by name, rendered to the JSON
//! form patches address (`.proto` field names), parsed back and checked against Envoy's validation rules.

use envoy_types::pb::envoy::config::cluster::v3::Cluster;
use envoy_types::pb::envoy::config::endpoint::v3::ClusterLoadAssignment;
use envoy_types::pb::envoy::config::listener::v3::Listener;
use envoy_types::pb::envoy::config::route::v3::RouteConfiguration;
use envoy_types::pb::envoy::extensions::transport_sockets::tls::v3::Secret;
use prost::{Message, Name};
use serde_json::Value;

use crate::render::{bytes_to_proto_name_json, from_json};

/// An xDS resource a patch can address.
pub(crate) trait Patchable: Message + Name + Default + Sized {
    /// The kind named in validation errors.
    const KIND: &'static str;
    /// The resource name.
    fn resource_name(&self) -> &str;
}

macro_rules! patchable {
    ($ty:ty, $kind:literal, $field:ident) => {
        impl Patchable for $ty {
            const KIND: &'static str = $kind;
            fn resource_name(&self) -> &str {
                &self.$field
            }
        }
    };
}

patchable!(Listener, "Listener", name);
patchable!(RouteConfiguration, "RouteConfiguration", name);
patchable!(Cluster, "Cluster", name);
patchable!(ClusterLoadAssignment, "ClusterLoadAssignment", cluster_name);
patchable!(Secret, "Secret", name);

/// The JSON form of `resource` patches address.
pub(crate) fn to_patch_json<R: Patchable>(resource: &R) -> Result<Value, String> {
    bytes_to_proto_name_json(&R::full_name(), &resource.encode_to_vec())
        .map(|json| crate::patch::go_json::in_declaration_order(&R::full_name(), json))
        .map_err(|e| e.to_string())
}

/// Parses a patched JSON tree back into a resource, then checks Envoy's validation rules.
pub(crate) fn from_patch_json<R: Patchable>(json: &Value) -> Result<R, String> {
    let resource: R = from_json(json).map_err(|e| {
        format!(
            "unable to unmarshal xds resource {}, err:{}",
            crate::patch::go_json::compact(json),
            crate::patch::go_json::unmarshal_error(&R::full_name(), json)
                .unwrap_or_else(|| e.to_string())
        )
    })?;
    crate::validate::check(R::KIND, resource.resource_name(), &resource).map_err(|e| {
        format!(
            "validation failed for xds resource {}, err:{e}",
            crate::patch::go_json::compact(json)
        )
    })?;
    Ok(resource)
}
