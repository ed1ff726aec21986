//! How an `HTTPRoute` rule matches requests: path, headers, query parameters and method (`HTTPRouteMatch`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// How an [`HttpPathMatch`] compares the path (`PathMatchType`).
    pub enum PathMatchType {
        /// The path is equal to the value.
        Exact = "Exact",
        /// The path starts with the value, element by element (split by `/`).
        PathPrefix = "PathPrefix",
        /// The path matches a regular expression (implementation-specific dialect).
        RegularExpression = "RegularExpression",
    }
}

crate::string_enum! {
    /// How an [`HttpHeaderMatch`] compares the header value (`HeaderMatchType`).
    pub enum HeaderMatchType {
        /// The value is equal.
        Exact = "Exact",
        /// The value matches a regular expression (implementation-specific dialect).
        RegularExpression = "RegularExpression",
    }
}

crate::string_enum! {
    /// How an [`HttpQueryParamMatch`] compares the parameter value (`QueryParamMatchType`).
    pub enum QueryParamMatchType {
        /// The value is equal.
        Exact = "Exact",
        /// The value matches a regular expression (implementation-specific dialect).
        RegularExpression = "RegularExpression",
    }
}

crate::string_enum! {
    /// An HTTP request method (`HTTPMethod`).
    pub enum HttpMethod {
        /// `GET`.
        Get = "GET",
        /// `HEAD`.
        Head = "HEAD",
        /// `POST`.
        Post = "POST",
        /// `PUT`.
        Put = "PUT",
        /// `DELETE`.
        Delete = "DELETE",
        /// `CONNECT`.
        Connect = "CONNECT",
        /// `OPTIONS`.
        Options = "OPTIONS",
        /// `TRACE`.
        Trace = "TRACE",
        /// `PATCH`.
        Patch = "PATCH",
    }
}

/// The conditions a request must all meet to match a rule (`HTTPRouteMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpRouteMatch {
    /// The path matcher; defaults to the prefix `/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<HttpPathMatch>,
    /// Header matchers; all must match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<HttpHeaderMatch>,
    /// Query parameter matchers; all must match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_params: Vec<HttpQueryParamMatch>,
    /// The request method to match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<HttpMethod>,
}

/// A request path matcher (`HTTPPathMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpPathMatch {
    /// How to compare; defaults to `PathPrefix`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<PathMatchType>,
    /// The path to match against; defaults to `/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// A request header matcher (`HTTPHeaderMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpHeaderMatch {
    /// How to compare; defaults to `Exact`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<HeaderMatchType>,
    /// The header name, matched case-insensitively.
    pub name: String,
    /// The value to match against.
    pub value: String,
}

/// A query parameter matcher (`HTTPQueryParamMatch`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HttpQueryParamMatch {
    /// How to compare; defaults to `Exact`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<QueryParamMatchType>,
    /// The parameter name, matched exactly (case-sensitively).
    pub name: String,
    /// The value to match against.
    pub value: String,
}
