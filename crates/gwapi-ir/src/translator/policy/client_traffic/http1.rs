//! `http1`: HTTP/1.1 trailers, header case, HTTP/1.0 and ignored upgrades on client connections.

use gwapi_model::envoy_gateway::Http1Settings;

use super::string_match;
use crate::ir::{Http1Settings as IrHttp1, Http10Settings};

/// The IR HTTP/1 settings of a policy's `http1`. With `http10.useDefaultHost`, the listener's first
/// hostname that is not a wildcard answers HTTP/1.0 requests without a Host; a listener with only
/// wildcard hostnames cannot have one (the error, and no HTTP/1.0 settings).
pub(crate) fn convert(
    http1: Option<&Http1Settings>,
    hostnames: &[String],
) -> (Option<IrHttp1>, Option<String>) {
    let Some(h) = http1 else {
        return (None, None);
    };
    let mut error = None;
    let http10 = h.http10.as_ref().and_then(|t| {
        if t.use_default_host != Some(true) {
            return Some(Http10Settings { default_host: None });
        }
        let host = hostnames.iter().find(|n| !n.contains('*')).cloned();
        if host.is_none() {
            error = Some(
                "can't set http10 default host on listener with only wildcard hostnames".to_owned(),
            );
        }
        host.map(|h| Http10Settings {
            default_host: Some(h),
        })
    });
    let settings = IrHttp1 {
        enable_trailers: h.enable_trailers == Some(true),
        preserve_header_case: h.preserve_header_case == Some(true),
        http10,
        disable_safe_max_connection_duration: h.disable_safe_max_connection_duration == Some(true),
        ignored_upgrade_types: string_match::convert_all(&h.ignored_upgrade_types),
    };
    (Some(settings), error)
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::{Http1Settings, Http10Settings};

    use super::convert;

    #[test]
    fn the_first_exact_hostname_is_the_http10_default_host() {
        let h = Http1Settings {
            http10: Some(Http10Settings {
                use_default_host: Some(true),
            }),
            ..Http1Settings::default()
        };
        let hosts = ["*.a.com".to_owned(), "b.com".to_owned()];
        let (ir, error) = convert(Some(&h), &hosts);
        assert!(error.is_none());
        let http10 = ir.unwrap().http10.unwrap();
        assert_eq!(http10.default_host.as_deref(), Some("b.com"));
        let (ir, error) = convert(Some(&h), &["*".to_owned()]);
        assert!(ir.unwrap().http10.is_none());
        assert!(error.unwrap().contains("only wildcard hostnames"));
    }
}
