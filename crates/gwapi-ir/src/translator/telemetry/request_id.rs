//! `telemetry.requestID`: how the UUID request ID extension of every HTTP listener of the fleet packs
//! the trace decision into `X-Request-ID` and whether it drives sampling.

use gwapi_model::envoy_gateway::{RequestIdExtensionAction as Action, RequestIdSettings};

use crate::ir::{RequestIdExtension, Xds};

/// The IR request ID extension of `settings`.
fn convert(settings: &RequestIdSettings) -> Option<RequestIdExtension> {
    match settings.tracing.as_ref()? {
        Action::PackAndSample => Some(RequestIdExtension::PackAndSample),
        Action::Pack => Some(RequestIdExtension::Pack),
        Action::Sample => Some(RequestIdExtension::Sample),
        Action::Disable => Some(RequestIdExtension::Disable),
        Action::Unknown(_) => None,
    }
}

/// Sets the request ID extension of `settings` on every HTTP listener of `fleet`.
pub(super) fn apply(settings: &RequestIdSettings, fleet: &mut Xds) {
    let Some(extension) = convert(settings) else {
        return;
    };
    for l in &mut fleet.http {
        l.request_id = Some(extension);
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::{RequestIdExtensionAction, RequestIdSettings};

    use super::apply;
    use crate::ir::{HttpListener, RequestIdExtension, Xds};

    #[test]
    fn every_http_listener_gets_the_extension() {
        let mut xds = Xds {
            http: vec![HttpListener::default(), HttpListener::default()],
            ..Xds::default()
        };
        let settings = RequestIdSettings {
            tracing: Some(RequestIdExtensionAction::Disable),
        };
        apply(&settings, &mut xds);
        assert!(
            xds.http
                .iter()
                .all(|l| l.request_id == Some(RequestIdExtension::Disable))
        );
    }
}
