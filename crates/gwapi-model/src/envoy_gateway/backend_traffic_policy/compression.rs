//! Response compression (`Compression`), also used by the `EnvoyProxy` Prometheus settings.

use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// A compression library (`CompressorType`).
    pub enum CompressorType {
        /// gzip.
        Gzip = "Gzip",
        /// Brotli.
        Brotli = "Brotli",
        /// Zstandard.
        Zstd = "Zstd",
    }
}

/// A compressor (`Compression`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Compression {
    /// The compression library.
    #[serde(rename = "type")]
    pub type_: CompressorType,
    /// Brotli settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brotli: Option<BrotliCompressor>,
    /// gzip settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gzip: Option<GzipCompressor>,
    /// Zstandard settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zstd: Option<ZstdCompressor>,
    /// The minimum response size, in bytes, that is compressed; defaults to 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_content_length: Option<Quantity>,
}

/// Brotli compressor settings (`BrotliCompressor`); none yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BrotliCompressor {}

/// gzip compressor settings (`GzipCompressor`); none yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GzipCompressor {}

/// Zstandard compressor settings (`ZstdCompressor`); none yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ZstdCompressor {}
