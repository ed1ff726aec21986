//! The `GeoIP` provider of a proxy fleet (`EnvoyProxyGeoIP`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The `GeoIP` provider shared by the fleet's `GeoIP` filters (`EnvoyProxyGeoIP`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnvoyProxyGeoIp {
    /// The provider.
    pub provider: GeoIpProvider,
}

crate::string_enum! {
    /// A `GeoIP` provider (`GeoIPProviderType`).
    pub enum GeoIpProviderType {
        /// `MaxMind` databases.
        MaxMind = "MaxMind",
    }
}

/// A `GeoIP` provider and its settings (`GeoIPProvider`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GeoIpProvider {
    /// The provider.
    #[serde(rename = "type")]
    pub type_: GeoIpProviderType,
    /// `MaxMind` settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_mind: Option<GeoIpMaxMind>,
}

/// The `MaxMind` databases (`GeoIPMaxMind`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GeoIpMaxMind {
    /// The City database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city_db_source: Option<GeoIpDbSource>,
    /// The Country database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_db_source: Option<GeoIpDbSource>,
    /// The ASN database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asn_db_source: Option<GeoIpDbSource>,
    /// The ISP database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isp_db_source: Option<GeoIpDbSource>,
    /// The Anonymous IP database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous_ip_db_source: Option<GeoIpDbSource>,
}

/// Where a `GeoIP` `.mmdb` database comes from (`GeoIPDBSource`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GeoIpDbSource {
    /// A local file.
    pub local: LocalGeoIpDbSource,
}

/// A `GeoIP` database in a local file (`LocalGeoIPDBSource`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LocalGeoIpDbSource {
    /// The file path.
    pub path: String,
}
