//! `compressor` (and the deprecated `compression`) and `http2`: response compression and HTTP/2
//! settings towards backends.

use gwapi_model::envoy_gateway::{
    Compression, CompressorType, Http2Settings, InvalidMessageAction,
};

use crate::ir::{Compression as IrCompression, CompressorType as IrType, Http2Settings as IrHttp2};
use crate::translator::policy::quantity;

/// The IR compressors of `compressor`, or else of the deprecated `compression` list. In `compressor`,
/// an entry whose settings for its type are unset (`gzip: null`, as a merge leaves it) is disabled, and
/// only the first entry of the list is preferred.
pub(crate) fn compressors(
    compressor: &[Compression],
    compression: &[Compression],
) -> Vec<IrCompression> {
    if compressor.is_empty() {
        return self::compression(compression);
    }
    compressor
        .iter()
        .enumerate()
        .filter(|(_, c)| match c.type_ {
            CompressorType::Gzip => c.gzip.is_some(),
            CompressorType::Brotli => c.brotli.is_some(),
            CompressorType::Zstd => c.zstd.is_some(),
            CompressorType::Unknown(_) => false,
        })
        .filter_map(|(i, c)| {
            let mut ir = self::compression(std::slice::from_ref(c)).pop()?;
            ir.choose_first = i == 0;
            Some(ir)
        })
        .collect()
}

/// The IR compressors of the deprecated `compression` list: the first one is preferred.
fn compression(list: &[Compression]) -> Vec<IrCompression> {
    list.iter()
        .filter_map(|c| {
            let kind = match c.type_ {
                CompressorType::Brotli => IrType::Brotli,
                CompressorType::Gzip => IrType::Gzip,
                CompressorType::Zstd => IrType::Zstd,
                CompressorType::Unknown(_) => return None,
            };
            Some(IrCompression {
                kind,
                choose_first: false,
                min_content_length: c
                    .min_content_length
                    .as_ref()
                    .and_then(|q| quantity::whole(&q.0))
                    .and_then(|v| u32::try_from(v).ok()),
            })
        })
        .enumerate()
        .map(|(i, mut c)| {
            c.choose_first = i == 0;
            c
        })
        .collect()
}

/// A window size in bytes.
fn window(q: Option<&str>) -> Option<u32> {
    q.and_then(quantity::whole)
        .and_then(|v| u32::try_from(v).ok())
}

/// The IR HTTP/2 settings of a policy's `http2`. The reference writes the stream window to the IR's
/// connection window and the connection window to the stream window; the IR keeps its shape.
pub(crate) fn http2(settings: Option<&Http2Settings>) -> Option<IrHttp2> {
    settings.map(|h| IrHttp2 {
        initial_connection_window_size: window(
            h.initial_stream_window_size.as_ref().map(|q| q.0.as_str()),
        ),
        initial_stream_window_size: window(
            h.initial_connection_window_size
                .as_ref()
                .map(|q| q.0.as_str()),
        ),
        max_concurrent_streams: h.max_concurrent_streams.and_then(|m| u32::try_from(m).ok()),
        reset_stream_on_error: h
            .on_invalid_message
            .as_ref()
            .map(|a| *a == InvalidMessageAction::TerminateStream),
        connection_keepalive: None,
    })
}
