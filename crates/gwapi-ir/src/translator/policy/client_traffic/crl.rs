//! `tls.clientValidation.crl`: certificate revocation lists (the `ca.crl` key of Secrets or
//! ConfigMaps). A CRL past its next update makes the policy invalid.

use gwapi_model::envoy_gateway::CrlContext;

use super::ca_bundle::{self, Referrer};
use super::der;
use crate::translator::context::Context;
use crate::translator::gateway::{pem, x509};

/// The key a CRL is read from.
const CRL_KEY: &str = "ca.crl";

/// Checks the CRLs of `crl`; every problem found.
pub(crate) fn check(
    ctx: &Context<'_>,
    from: &Referrer<'_>,
    crl: Option<&CrlContext>,
) -> Vec<String> {
    let Some(crl) = crl else {
        return Vec::new();
    };
    let mut errors = Vec::new();
    for r in &crl.refs {
        let bytes = match ca_bundle::data(ctx, from, r, CRL_KEY) {
            Ok(b) => b,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let lists: Vec<_> = pem::blocks(&bytes)
            .into_iter()
            .filter(|b| b.label == "X509 CRL")
            .collect();
        if lists.is_empty() {
            errors.push(format!("invalid crl in {}: no CRL found", r.name));
        }
        for block in lists {
            let next = x509::base64(&block.body)
                .ok_or(())
                .and_then(|d| der::crl_next_update(&d));
            match (next, ctx.config.current_time) {
                (Err(()), _) => {
                    errors.push(format!("invalid crl in {}: failed to parse CRL", r.name));
                }
                (Ok(Some(next)), Some(now)) if now > next => errors.push(format!(
                    "invalid crl in {}: CRL is expired (next update was due at {})",
                    r.name,
                    der::go_time(next)
                )),
                _ => {}
            }
        }
    }
    errors
}
