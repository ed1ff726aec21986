//! HTTPRouteFilter `directResponse`: the proxy answers matching requests itself, with a status code
//! (200 by default), a body (inline or from a ConfigMap) and response headers.

use gwapi_model::envoy_gateway::{CustomResponseBody, HttpDirectResponseFilter, ResponseValueType};

use super::HeaderTarget;
use crate::ir::{AddHeader, Blob, DirectResponse, HttpRoute, Protocol};
use crate::translator::context::Context;
use crate::translator::route::NotAccepted;

/// Why a direct response cannot be used.
#[derive(Debug)]
pub(crate) enum DirectResponseError {
    /// The filter cannot be translated (its body is missing): references are unresolved.
    Unresolved,
    /// The route cannot have this direct response at all (a 2xx answer to gRPC): it is not accepted.
    Rejected(NotAccepted),
    /// A header is invalid.
    Invalid(Vec<NotAccepted>),
}

/// Why a GRPCRoute cannot answer with a 2xx direct response.
const GRPC_2XX: &str = "DirectResponse with a 2xx status code is not supported for GRPCRoute: a 2xx status maps to the gRPC OK status, but a direct response cannot carry a gRPC response message, so the client would receive an invalid response. Use a non-2xx status code to deny or block the request instead.";

/// Applies the direct response of an HTTPRouteFilter in namespace `namespace` to `out`.
pub(crate) fn apply(
    ctx: &Context<'_>,
    namespace: &str,
    protocol: Protocol,
    filter: &HttpDirectResponseFilter,
    out: &mut HttpRoute,
) -> Result<(), DirectResponseError> {
    let status = filter
        .status_code
        .and_then(|c| u32::try_from(c).ok())
        .unwrap_or(200);
    if protocol == Protocol::Grpc && (200..300).contains(&status) {
        return Err(DirectResponseError::Rejected(NotAccepted {
            reason: "UnsupportedValue",
            message: GRPC_2XX.to_owned(),
        }));
    }
    let body = match &filter.body {
        Some(b) => Some(body(ctx, namespace, b).ok_or(DirectResponseError::Unresolved)?),
        None => None,
    };
    if let Some(content_type) = &filter.content_type {
        out.add_response_headers.push(AddHeader {
            name: "Content-Type".to_owned(),
            value: vec![content_type.clone()],
            append: false,
            add_if_absent: false,
        });
    }
    if let Some(header) = &filter.header {
        let problems = super::headers::apply(header, HeaderTarget::Response, out);
        if !problems.is_empty() {
            return Err(DirectResponseError::Invalid(problems));
        }
    }
    out.direct_response = Some(DirectResponse {
        status_code: status,
        body: body.map(Blob::new),
    });
    Ok(())
}

/// The bytes of a response body: inline, or the value of a ConfigMap of `namespace` (its
/// `response.body` key, else its first data key, else its first binary key); `None` when the
/// ConfigMap or its value is missing.
pub(crate) fn body(
    ctx: &Context<'_>,
    namespace: &str,
    body: &CustomResponseBody,
) -> Option<Vec<u8>> {
    if body.type_ != Some(ResponseValueType::ValueRef) {
        return Some(body.inline.clone().unwrap_or_default().into_bytes());
    }
    let reference = body.value_ref.as_ref()?;
    if reference.kind != "ConfigMap" {
        return None;
    }
    let config_map = ctx.snapshot.config_maps().find(|c| {
        c.metadata.namespace.as_deref() == Some(namespace)
            && c.metadata.name.as_deref() == Some(reference.name.as_str())
    })?;
    let data = config_map.data.as_ref();
    if let Some(value) = data.and_then(|d| d.get("response.body")) {
        return Some(value.clone().into_bytes());
    }
    if let Some(value) = data.and_then(|d| d.values().next()) {
        return Some(value.clone().into_bytes());
    }
    config_map
        .binary_data
        .as_ref()
        .and_then(|d| d.values().next())
        .map(|b| b.0.clone())
}
