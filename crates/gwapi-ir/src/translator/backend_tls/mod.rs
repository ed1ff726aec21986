//! TLS towards backends: BackendTLSPolicy (Gateway API) and the TLS settings of Envoy Gateway `Backend`s,
//! resolved per backendRef into the destination setting's `tls`; the proxy-wide client settings
//! (EnvoyProxy `backendTLS`, Gateway `tls.backend`) added per fleet; and the policies' ancestor statuses.
//!
//! A policy attaches to a backend through its `targetRefs` (`sectionName` = the Service port's name, or the
//! port number of other kinds); its ancestors are the Gateways (as the routes name them) of the routes that
//! send traffic to a targeted backend. When several policies target the same backend, the oldest wins and
//! the others are `Conflicted` there.

mod ancestors;
mod backend_settings;
mod ca_bundle;
mod client_errors;
mod client_settings;
mod policy;
mod policy_use;
mod route_use;
mod sds;
mod target;
#[cfg(test)]
mod tests;

use gwapi_model::gateway_api::{BackendRef, SecretObjectReference};

pub(crate) use ancestors::policy_statuses;
pub(crate) use backend_settings::invalid_reason as backend_invalid_reason;
pub(crate) use client_settings::{apply_proxy_settings, fill_for_gateway};
pub(crate) use policy_use::record as record_policy_backend_use;

use crate::ir::{Blob, DestinationSetting, Protocol, TlsCaCertificate, TlsCertificate};
use crate::translator::context::Context;
use crate::translator::route::NotAccepted;
use target::BackendTarget;

/// The name of the shared bundle of the system's CA certificates.
const SYSTEM_CA_NAME: &str = "system_ca_certificates";

/// Why TLS settings cannot be used: the `ResolvedRefs` reason of the policy, and the message (no period).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TlsProblem {
    /// `InvalidCACertificateRef` or `InvalidKind`.
    pub reason: &'static str,
    /// What is wrong.
    pub message: String,
}

impl TlsProblem {
    /// A reference that does not resolve to a usable object.
    fn invalid_ref(message: impl Into<String>) -> Self {
        Self {
            reason: "InvalidCACertificateRef",
            message: message.into(),
        }
    }

    /// A reference of an unsupported kind.
    fn invalid_kind(message: impl Into<String>) -> Self {
        Self {
            reason: "InvalidKind",
            message: message.into(),
        }
    }

    /// The problem as a route sees it.
    fn for_route(&self) -> NotAccepted {
        NotAccepted {
            reason: "InvalidBackendTLS",
            message: format!("{}.", self.message),
        }
    }
}

/// The name of the CA bundle of policy (or Backend) `name` in `namespace`.
fn ca_name(name: &str, namespace: &str) -> String {
    format!("{name}/{namespace}-ca")
}

/// The system trust store as the CA of policy (or Backend) `name`: shared, or one secret per resource.
fn system_ca(ctx: &Context<'_>, name: &str, namespace: &str) -> TlsCaCertificate {
    TlsCaCertificate {
        name: if ctx.config.enable_per_resource_system_ca_secret {
            ca_name(name, namespace)
        } else {
            SYSTEM_CA_NAME.to_owned()
        },
        certificate: Blob::default(),
        sds: None,
    }
}

/// The client certificate of Secret reference `r` (from an object in `from_namespace`), `None` when the
/// Secret is missing or lacks `tls.crt` / `tls.key`.
fn client_certificate(
    ctx: &Context<'_>,
    r: &SecretObjectReference,
    from_namespace: &str,
) -> Result<TlsCertificate, String> {
    let namespace = r.namespace.as_deref().unwrap_or(from_namespace);
    let key = (namespace.to_owned(), r.name.clone());
    if let Some(sds) = ctx
        .idx
        .secrets
        .get(&key)
        .and_then(|s| sds::reference(ctx, s))
    {
        return sds.map(|sds| TlsCertificate {
            sds: Some(sds),
            ..TlsCertificate::default()
        });
    }
    let data = ctx.idx.secrets.get(&key).and_then(|s| s.data.as_ref());
    let value = |k: &str| data.and_then(|d| d.get(k)).map(|b| b.0.clone());
    match (value("tls.crt"), value("tls.key")) {
        (Some(certificate), Some(private_key)) => Ok(TlsCertificate {
            name: format!("{namespace}/{}", r.name),
            certificate: Blob::new(certificate),
            private_key: Blob::new(private_key),
            ..TlsCertificate::default()
        }),
        _ => Err(format!(
            "failed to locate TLS secret for client auth: {namespace}/{}",
            r.name
        )),
    }
}

/// Adds to `setting` (resolved from `backend`, a reference of an object in `from_namespace`) the TLS
/// settings of its Backend and of the BackendTLSPolicy that wins it.
pub(crate) fn apply(
    ctx: &Context<'_>,
    backend: &BackendRef,
    from_namespace: &str,
    protocol: Protocol,
    mut setting: DestinationSetting,
) -> Result<DestinationSetting, NotAccepted> {
    if protocol == Protocol::Udp {
        return Ok(setting);
    }
    let target = BackendTarget::of(ctx, backend, from_namespace);
    let own = if target.kind == "Backend" {
        ctx.snapshot
            .backends()
            .find(|b| {
                b.metadata.namespace.as_deref() == Some(target.namespace.as_str())
                    && b.metadata.name.as_deref() == Some(target.name.as_str())
            })
            .map(|b| backend_settings::upstream_tls(ctx, b))
            .transpose()
            .map_err(|p| p.for_route())?
            .flatten()
    } else {
        None
    };
    let winner = target.policies(ctx).into_iter().next();
    let from_policy = winner
        .map(|p| policy::upstream_tls(ctx, p))
        .transpose()
        .map_err(|p| p.for_route())?;
    setting.tls = match from_policy {
        Some(p) => Some(backend_settings::merge(p, own)),
        None => own,
    };
    Ok(setting)
}
