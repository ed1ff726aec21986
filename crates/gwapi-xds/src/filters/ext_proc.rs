//! `envoy.filters.http.ext_proc`: external processing over gRPC (EnvoyExtensionPolicy `extProc`). The
//! listener gets one disabled filter per processor (`envoy.filters.http.ext_proc/<name>`), each route
//! turns its processors on; every processor's service is a cluster of its own.

use envoy_types::pb::envoy::config::core::v3::{
    GrpcService, grpc_service::EnvoyGrpc, grpc_service::TargetSpecifier,
};
use envoy_types::pb::envoy::extensions::filters::http::ext_proc::v3::{
    ExternalProcessor, MetadataOptions, ProcessingMode,
    metadata_options::MetadataNamespaces,
    processing_mode::{BodySendMode, HeaderSendMode},
};
use envoy_types::pb::envoy::extensions::filters::network::http_connection_manager::v3::HttpFilter;
use envoy_types::pb::google::protobuf::Any;
use gwapi_ir::ir::{BodyProcessingMode, ExtProc, HttpListener, HttpRoute};

use super::HttpFilterBuilder;
use super::per_route::{enabled, filter, instances};
use crate::Result;
use crate::any::pack;
use crate::context::Context;
use crate::wkt::{duration, seconds};

/// How long each gRPC call may take.
const GRPC_TIMEOUT_SECONDS: i64 = 10;

fn ext_procs(route: &HttpRoute) -> &[ExtProc] {
    route
        .envoy_extensions
        .as_ref()
        .map_or(&[], |e| e.ext_procs.as_slice())
}

fn name(ext_proc: &ExtProc) -> String {
    format!("envoy.filters.http.ext_proc/{}", ext_proc.name)
}

fn body_mode(mode: BodyProcessingMode) -> BodySendMode {
    match mode {
        BodyProcessingMode::Streamed => BodySendMode::Streamed,
        BodyProcessingMode::Buffered => BodySendMode::Buffered,
        BodyProcessingMode::BufferedPartial => BodySendMode::BufferedPartial,
        BodyProcessingMode::FullDuplexStreamed => BodySendMode::FullDuplexStreamed,
    }
}

/// What is sent to the processor: headers, bodies and trailers of each direction.
fn processing_mode(ext_proc: &ExtProc) -> ProcessingMode {
    let headers = |send: bool| {
        if send {
            HeaderSendMode::Send
        } else {
            HeaderSendMode::Skip
        }
    };
    let mut mode = ProcessingMode {
        request_header_mode: headers(ext_proc.request_header_processing).into(),
        response_header_mode: headers(ext_proc.response_header_processing).into(),
        request_trailer_mode: HeaderSendMode::Skip.into(),
        response_trailer_mode: HeaderSendMode::Skip.into(),
        ..ProcessingMode::default()
    };
    if let Some(body) = ext_proc.request_body_processing_mode {
        mode.request_header_mode = HeaderSendMode::Send.into();
        mode.request_body_mode = body_mode(body).into();
        if body == BodyProcessingMode::FullDuplexStreamed {
            mode.request_trailer_mode = HeaderSendMode::Send.into();
        }
    }
    if let Some(body) = ext_proc.response_body_processing_mode {
        mode.response_header_mode = HeaderSendMode::Send.into();
        mode.response_body_mode = body_mode(body).into();
        if body == BodyProcessingMode::FullDuplexStreamed {
            mode.response_trailer_mode = HeaderSendMode::Send.into();
        }
    }
    mode
}

fn config(ext_proc: &ExtProc) -> ExternalProcessor {
    let namespaces = |names: &[String]| {
        (!names.is_empty()).then(|| MetadataNamespaces {
            untyped: names.to_vec(),
            ..MetadataNamespaces::default()
        })
    };
    let forwarding = namespaces(&ext_proc.forwarding_metadata_namespaces);
    let receiving = namespaces(&ext_proc.receiving_metadata_namespaces);
    ExternalProcessor {
        grpc_service: Some(GrpcService {
            target_specifier: Some(TargetSpecifier::EnvoyGrpc(EnvoyGrpc {
                cluster_name: ext_proc.destination.name.clone(),
                authority: ext_proc.authority.clone(),
                ..EnvoyGrpc::default()
            })),
            timeout: Some(seconds(GRPC_TIMEOUT_SECONDS)),
            retry_policy: super::service_retry::policy(ext_proc.traffic.as_ref()),
            ..GrpcService::default()
        }),
        failure_mode_allow: ext_proc.fail_open,
        processing_mode: Some(processing_mode(ext_proc)),
        message_timeout: ext_proc.message_timeout.as_ref().map(duration),
        request_attributes: ext_proc.request_attributes.clone(),
        response_attributes: ext_proc.response_attributes.clone(),
        allow_mode_override: ext_proc.allow_mode_override,
        observability_mode: ext_proc.shadow_mode,
        metadata_options: (forwarding.is_some() || receiving.is_some()).then(|| MetadataOptions {
            forwarding_namespaces: forwarding,
            receiving_namespaces: receiving,
            ..MetadataOptions::default()
        }),
        ..ExternalProcessor::default()
    }
}

/// The external processing filters.
pub(crate) struct ExtProcFilter;

impl HttpFilterBuilder for ExtProcFilter {
    fn build(&self, _listener: &HttpListener) -> Result<Option<HttpFilter>> {
        Ok(None)
    }

    fn build_all(&self, listener: &HttpListener) -> Result<Vec<HttpFilter>> {
        let all = listener
            .routes
            .iter()
            .flat_map(ext_procs)
            .map(|e| (name(e), e));
        Ok(instances(all)
            .into_iter()
            .map(|(name, ext_proc)| filter(name, pack(&config(ext_proc)), true))
            .collect())
    }

    fn per_route(&self, route: &HttpRoute, _listener: &HttpListener) -> Vec<(String, Any)> {
        ext_procs(route)
            .iter()
            .map(|e| (name(e), enabled()))
            .collect()
    }

    fn add_clusters(&self, ctx: &mut Context<'_>, listener: &HttpListener) {
        for ext_proc in listener.routes.iter().flat_map(ext_procs) {
            super::add_service_cluster(ctx, &ext_proc.destination, ext_proc.traffic.as_ref());
        }
    }
}
