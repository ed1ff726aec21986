//! `extProc`: external processors (`ir.ExtProc`), each a gRPC service behind the policy's backendRefs,
//! named `envoyextensionpolicy/<ns>/<name>/extproc/<index>`.

use gwapi_model::core::ObjectMeta;
use gwapi_model::envoy_gateway::{ExtProc, ExtProcBodyProcessingMode, ProcessingModeOptions};

use super::Built;
use super::destination::{self, Owner};
use crate::ir::{BodyProcessingMode, ExtProc as IrExtProc, GoDuration, Protocol};
use crate::translator::context::Context;
use crate::translator::policy::convert_backend_settings;

/// The IR external processors of a policy's `extProc` list; one that fails and has `failOpen` is left
/// out without failing the routes.
pub(super) fn convert(ctx: &Context<'_>, meta: &ObjectMeta, list: &[ExtProc]) -> Built<IrExtProc> {
    let owner = Owner {
        kind: "EnvoyExtensionPolicy",
        namespace: meta.namespace.as_deref().unwrap_or_default(),
        name: meta.name.as_deref().unwrap_or_default(),
    };
    let mut built = Built::default();
    for (i, ext_proc) in list.iter().enumerate() {
        let name = format!(
            "envoyextensionpolicy/{}/{}/extproc/{i}",
            owner.namespace, owner.name
        );
        built.push(
            one(ctx, owner, name, ext_proc),
            ext_proc.fail_open == Some(true),
        );
    }
    built
}

/// The backendRefs of an external processor (the deprecated `backendRef` first).
pub(super) fn backend_refs(ext_proc: &ExtProc) -> Vec<gwapi_model::envoy_gateway::EgBackendRef> {
    let mut refs: Vec<_> = ext_proc
        .backend_ref
        .iter()
        .map(|r| gwapi_model::envoy_gateway::EgBackendRef {
            group: r.group.clone(),
            kind: r.kind.clone(),
            name: r.name.clone(),
            namespace: r.namespace.clone(),
            port: r.port,
            ..Default::default()
        })
        .collect();
    refs.extend(ext_proc.backend_refs.iter().cloned());
    refs
}

fn one(
    ctx: &Context<'_>,
    owner: Owner<'_>,
    name: String,
    ext_proc: &ExtProc,
) -> Result<IrExtProc, String> {
    let refs = backend_refs(ext_proc);
    let destination = destination::resolve(ctx, owner, &name, &refs, Protocol::Grpc)?;
    let traffic = convert_backend_settings(ext_proc.backend_settings.as_ref())?;
    let mode = ext_proc.processing_mode.as_ref();
    let request = mode.and_then(|m| m.request.as_ref());
    let response = mode.and_then(|m| m.response.as_ref());
    let metadata = ext_proc.metadata.as_ref();
    Ok(IrExtProc {
        name,
        authority: destination::authority(owner, &refs),
        destination,
        traffic,
        message_timeout: ext_proc
            .message_timeout
            .as_ref()
            .and_then(gwapi_model::Duration::parse)
            .map(GoDuration),
        fail_open: ext_proc.fail_open == Some(true),
        request_header_processing: request.is_some(),
        request_body_processing_mode: body_mode(request),
        response_header_processing: response.is_some(),
        response_body_processing_mode: body_mode(response),
        request_attributes: request.map(|r| r.attributes.clone()).unwrap_or_default(),
        response_attributes: response.map(|r| r.attributes.clone()).unwrap_or_default(),
        forwarding_metadata_namespaces: metadata
            .map(|m| m.accessible_namespaces.clone())
            .unwrap_or_default(),
        receiving_metadata_namespaces: metadata
            .map(|m| m.writable_namespaces.clone())
            .unwrap_or_default(),
        allow_mode_override: mode.and_then(|m| m.allow_mode_override) == Some(true),
        shadow_mode: ext_proc.shadow_mode == Some(true),
    })
}

fn body_mode(options: Option<&ProcessingModeOptions>) -> Option<BodyProcessingMode> {
    match options?.body.as_ref()? {
        ExtProcBodyProcessingMode::Streamed => Some(BodyProcessingMode::Streamed),
        ExtProcBodyProcessingMode::Buffered => Some(BodyProcessingMode::Buffered),
        ExtProcBodyProcessingMode::BufferedPartial => Some(BodyProcessingMode::BufferedPartial),
        ExtProcBodyProcessingMode::FullDuplexStreamed => {
            Some(BodyProcessingMode::FullDuplexStreamed)
        }
        ExtProcBodyProcessingMode::Unknown(_) => None,
    }
}
