//! `http2`: HTTP/2 settings of client connections (window sizes, concurrent streams, what a protocol
//! error resets, PING keepalive).

use gwapi_model::envoy_gateway::{Http2KeepaliveSettings, Http2Settings, InvalidMessageAction};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use crate::ir::{Http2ConnectionKeepalive, Http2Settings as IrHttp2};
use crate::translator::policy::duration::parse;
use crate::translator::policy::quantity;

/// The smallest window size Envoy accepts.
const MIN_WINDOW: u128 = 65_535;
/// The largest window size Envoy accepts.
const MAX_WINDOW: u128 = 2_147_483_647;

/// A window size in bytes, within Envoy's range.
fn window(field: &str, q: Option<&Quantity>) -> Result<Option<u32>, String> {
    let Some(q) = q else {
        return Ok(None);
    };
    let value = quantity::whole(&q.0).ok_or_else(|| format!("invalid {field} value {}", q.0))?;
    if !(MIN_WINDOW..=MAX_WINDOW).contains(&value) {
        return Err(format!(
            "{field} value {} is out of range, must be between {MIN_WINDOW} and {MAX_WINDOW}",
            q.0
        ));
    }
    Ok(u32::try_from(value).ok())
}

/// The PING keepalive of `connectionKeepalive`.
fn keepalive(k: &Http2KeepaliveSettings) -> Result<Http2ConnectionKeepalive, String> {
    Ok(Http2ConnectionKeepalive {
        interval: parse("Interval", k.interval.as_ref())?,
        timeout: parse("Timeout", k.timeout.as_ref())?,
        interval_jitter: k.interval_jitter.and_then(|j| u32::try_from(j).ok()),
        idle_interval: parse("IdleInterval", k.idle_interval.as_ref())?,
    })
}

/// The IR HTTP/2 settings of a policy's `http2`, or every problem found (then nothing is set).
pub(crate) fn convert(settings: Option<&Http2Settings>) -> Result<Option<IrHttp2>, String> {
    let Some(h) = settings else {
        return Ok(None);
    };
    let mut errors = Vec::new();
    let stream = window(
        "InitialStreamWindowSize",
        h.initial_stream_window_size.as_ref(),
    )
    .map_err(|e| errors.push(e))
    .ok()
    .flatten();
    let connection = window(
        "InitialConnectionWindowSize",
        h.initial_connection_window_size.as_ref(),
    )
    .map_err(|e| errors.push(e))
    .ok()
    .flatten();
    let connection_keepalive = h
        .connection_keepalive
        .as_ref()
        .map(keepalive)
        .transpose()
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    Ok(Some(IrHttp2 {
        // Envoy Gateway's golden output carries the two window sizes crosswise (the stream window
        // from `initialConnectionWindowSize` and the reverse); the IR keeps that shape.
        initial_stream_window_size: connection,
        initial_connection_window_size: stream,
        max_concurrent_streams: h.max_concurrent_streams.and_then(|m| u32::try_from(m).ok()),
        reset_stream_on_error: h.on_invalid_message.as_ref().and_then(|a| match a {
            InvalidMessageAction::TerminateStream => Some(true),
            InvalidMessageAction::TerminateConnection => Some(false),
            InvalidMessageAction::Unknown(_) => None,
        }),
        connection_keepalive,
    }))
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]

    use gwapi_model::envoy_gateway::Http2Settings;
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

    use super::convert;

    #[test]
    fn windows_out_of_range_are_reported() {
        let h = Http2Settings {
            initial_stream_window_size: Some(Quantity("1Ki".into())),
            initial_connection_window_size: Some(Quantity("1Ti".into())),
            ..Http2Settings::default()
        };
        let e = convert(Some(&h)).unwrap_err();
        assert_eq!(
            e,
            "InitialStreamWindowSize value 1Ki is out of range, must be between 65535 and 2147483647\n\
             InitialConnectionWindowSize value 1Ti is out of range, must be between 65535 and 2147483647"
        );
    }

    #[test]
    fn valid_settings_convert() {
        let h = Http2Settings {
            initial_stream_window_size: Some(Quantity("64Ki".into())),
            max_concurrent_streams: Some(200),
            ..Http2Settings::default()
        };
        let ir = convert(Some(&h)).unwrap().unwrap();
        assert_eq!(ir.initial_connection_window_size, Some(65_536));
        assert_eq!(ir.max_concurrent_streams, Some(200));
    }
}
