//! Multi-cluster `ServiceImport`s as backends: the imported port and the endpoints of the EndpointSlices
//! labelled with the import's name.

use gwapi_model::gateway_api::BackendRef;

use super::service::from_slices;
use crate::ir::{AddressType, DestinationSetting, Protocol, ResourceMetadata};
use crate::translator::context::Context;
use crate::translator::route::NotAccepted;

/// The destination setting of a ServiceImport reference (name and weight left to the caller).
pub(crate) fn setting(
    ctx: &Context<'_>,
    namespace: &str,
    backend: &BackendRef,
    protocol: Protocol,
) -> Result<DestinationSetting, NotAccepted> {
    let Some(import) = ctx.snapshot.service_imports().find(|s| {
        s.metadata.namespace.as_deref() == Some(namespace)
            && s.metadata.name.as_deref() == Some(backend.name.as_str())
    }) else {
        return Err(NotAccepted {
            reason: "BackendNotFound",
            message: format!("service import {namespace}/{} not found", backend.name),
        });
    };
    let Some(port_number) = backend.port else {
        return Err(NotAccepted {
            reason: "PortNotSpecified",
            message:
                "A valid port number corresponding to a port on the Service must be specified."
                    .to_owned(),
        });
    };
    let Some(port) = import.spec.ports.iter().find(|p| p.port == port_number) else {
        return Err(NotAccepted {
            reason: "PortNotFound",
            message: format!(
                "TCP Port {port_number} not found on service import {namespace}/{}",
                backend.name
            ),
        });
    };
    let slices = ctx
        .idx
        .import_slices
        .get(&(namespace.to_owned(), backend.name.clone()))
        .map(Vec::as_slice)
        .unwrap_or_default();
    let resolved = from_slices(slices, port.name.as_deref().unwrap_or_default());
    if resolved.address_type == Some(AddressType::Mixed) {
        return Err(NotAccepted {
            reason: "UnsupportedAddressType",
            message: "mixed endpointslice address type for the same backendRef is not supported."
                .to_owned(),
        });
    }
    let upstream = super::app_protocol::of_port(port.app_protocol.as_deref(), protocol);
    Ok(DestinationSetting {
        protocol: Some(upstream.protocol),
        force_http1_upstream: upstream.force_http1,
        endpoints: resolved.endpoints,
        address_type: resolved.address_type,
        metadata: Some(ResourceMetadata {
            kind: "ServiceImport".to_owned(),
            name: backend.name.clone(),
            namespace: namespace.to_owned(),
            section_name: port_number.to_string(),
            ..ResourceMetadata::default()
        }),
        ..DestinationSetting::default()
    })
}
