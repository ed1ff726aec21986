//! The run as an upstream `ConformanceReport` (gateway-api `conformance/apis/v1`): the implementation, the
//! conformance profiles the tests fall into with their core and extended results, the features gwapi claims,
//! and the skipped and failed tests by name.
//!
//! A test belongs to every profile whose core and extended features cover all of its features; it counts
//! for the profile's core results when all its features are core features of that profile, for the
//! extended results otherwise. Core features are the route kind of the profile, `Gateway` and
//! `ReferenceGrant`; extended features are the `Gateway…` features and those of the profile's route kind
//! (`HTTPRoute…`, `GRPCRoute…`, `TLSRoute…`), plus `BackendTLSPolicy` and `ListenerSet` for HTTP.

use std::collections::BTreeSet;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{Outcome, SUPPORTED_FEATURES, Verdict};

/// The Gateway API version the suite (and gwapi's model) is written for.
pub const GATEWAY_API_VERSION: &str = "v1.6.1";

/// `ConformanceReport`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConformanceReport {
    /// `gateway.networking.k8s.io/v1`.
    pub api_version: String,
    /// `ConformanceReport`.
    pub kind: String,
    /// Who ran the suite.
    pub implementation: Implementation,
    /// When (RFC 3339).
    pub date: String,
    /// The API version tested.
    #[serde(rename = "gatewayAPIVersion")]
    pub gateway_api_version: String,
    /// `standard` or `experimental`.
    #[serde(rename = "gatewayAPIChannel")]
    pub gateway_api_channel: String,
    /// The implementation's mode (`default`).
    pub mode: String,
    /// One report per conformance profile.
    pub profiles: Vec<ProfileReport>,
    /// Provisional tests that passed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub succeeded_provisional_tests: Vec<String>,
}

/// `Implementation`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Implementation {
    /// The organization.
    pub organization: String,
    /// The project.
    pub project: String,
    /// Where it lives.
    pub url: String,
    /// The version tested.
    pub version: String,
    /// Who to contact.
    pub contact: Vec<String>,
}

/// `ProfileReport`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProfileReport {
    /// `GATEWAY-HTTP`, `GATEWAY-GRPC`, `GATEWAY-TLS`.
    pub name: String,
    /// One line.
    pub summary: String,
    /// The core tests.
    pub core: Status,
    /// The extended tests and features.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended: Option<ExtendedStatus>,
}

/// `ExtendedStatus`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExtendedStatus {
    /// The results.
    #[serde(flatten)]
    pub status: Status,
    /// The extended features claimed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supported_features: Vec<String>,
    /// The extended features the tests use that are not claimed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unsupported_features: Vec<String>,
}

/// `Status`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    /// `success`, `partial`, `failure` or `skipped`.
    pub result: String,
    /// The counts.
    pub statistics: Statistics,
    /// The tests not run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped_tests: Vec<String>,
    /// The tests that failed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed_tests: Vec<String>,
}

/// `Statistics` (upstream capitalises these keys).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statistics {
    /// Tests that passed.
    #[serde(rename = "Passed")]
    pub passed: u32,
    /// Tests that failed.
    #[serde(rename = "Failed")]
    pub failed: u32,
    /// Tests not run.
    #[serde(rename = "Skipped")]
    pub skipped: u32,
}

/// A conformance profile: its name, its route kind and the prefixes of its extended features.
struct Profile {
    name: &'static str,
    route: &'static str,
    extra_extended: &'static [&'static str],
}

const PROFILES: [Profile; 3] = [
    Profile {
        name: "GATEWAY-HTTP",
        route: "HTTPRoute",
        extra_extended: &["BackendTLSPolicy", "ListenerSet"],
    },
    Profile {
        name: "GATEWAY-GRPC",
        route: "GRPCRoute",
        extra_extended: &[],
    },
    Profile {
        name: "GATEWAY-TLS",
        route: "TLSRoute",
        extra_extended: &[],
    },
];

impl Profile {
    fn is_core(&self, feature: &str) -> bool {
        feature == "Gateway" || feature == "ReferenceGrant" || feature == self.route
    }

    fn is_extended(&self, feature: &str) -> bool {
        !self.is_core(feature)
            && (feature.starts_with("Gateway")
                || feature.starts_with(self.route)
                || self.extra_extended.contains(&feature))
    }

    fn covers(&self, features: &[String]) -> bool {
        features
            .iter()
            .all(|f| self.is_core(f) || self.is_extended(f))
    }
}

/// The report of `outcomes`, dated now.
pub fn build(outcomes: &[Outcome]) -> ConformanceReport {
    build_at(outcomes, rfc3339(SystemTime::now()))
}

/// The report of `outcomes`, dated `date`.
pub fn build_at(outcomes: &[Outcome], date: String) -> ConformanceReport {
    let profiles = PROFILES
        .iter()
        .filter_map(|p| profile_report(p, outcomes))
        .collect();
    let succeeded_provisional_tests = outcomes
        .iter()
        .filter(|o| o.provisional && o.verdict == Verdict::Passed)
        .map(|o| o.name.clone())
        .collect();
    ConformanceReport {
        api_version: "gateway.networking.k8s.io/v1".to_owned(),
        kind: "ConformanceReport".to_owned(),
        implementation: Implementation {
            organization: "gwapi".to_owned(),
            project: "gwapi".to_owned(),
            url: env!("CARGO_PKG_REPOSITORY").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            contact: vec![env!("CARGO_PKG_REPOSITORY").to_owned()],
        },
        date,
        gateway_api_version: GATEWAY_API_VERSION.to_owned(),
        gateway_api_channel: "experimental".to_owned(),
        mode: "default".to_owned(),
        profiles,
        succeeded_provisional_tests,
    }
}

/// The report of `profile`; `None` when no test falls into it.
fn profile_report(profile: &Profile, outcomes: &[Outcome]) -> Option<ProfileReport> {
    let covered: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| profile.covers(&o.features))
        .collect();
    if covered.is_empty() {
        return None;
    }
    let (core, extended): (Vec<&Outcome>, Vec<&Outcome>) = covered
        .into_iter()
        .partition(|o| o.features.iter().all(|f| profile.is_core(f)));
    let used: BTreeSet<&str> = extended
        .iter()
        .flat_map(|o| &o.features)
        .map(String::as_str)
        .filter(|f| profile.is_extended(f))
        .collect();
    let supported_features: Vec<String> = SUPPORTED_FEATURES
        .iter()
        .filter(|f| profile.is_extended(f))
        .map(|f| (*f).to_owned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let unsupported_features = used
        .into_iter()
        .filter(|f| !SUPPORTED_FEATURES.contains(f))
        .map(str::to_owned)
        .collect();
    let core = status(&core);
    let extended = ExtendedStatus {
        status: status(&extended),
        supported_features,
        unsupported_features,
    };
    let summary = format!(
        "Core tests {} ({} passed, {} failed, {} skipped); extended tests {} ({} passed, {} failed, {} \
         skipped).",
        core.result,
        core.statistics.passed,
        core.statistics.failed,
        core.statistics.skipped,
        extended.status.result,
        extended.status.statistics.passed,
        extended.status.statistics.failed,
        extended.status.statistics.skipped,
    );
    Some(ProfileReport {
        name: profile.name.to_owned(),
        summary,
        core,
        extended: Some(extended),
    })
}

fn status(outcomes: &[&Outcome]) -> Status {
    let mut statistics = Statistics::default();
    let mut skipped_tests = Vec::new();
    let mut failed_tests = Vec::new();
    for o in outcomes {
        match o.verdict {
            Verdict::Passed => statistics.passed += 1,
            Verdict::Failed(_) => {
                statistics.failed += 1;
                failed_tests.push(o.name.clone());
            }
            Verdict::Skipped(_) => {
                statistics.skipped += 1;
                skipped_tests.push(o.name.clone());
            }
        }
    }
    let result = if statistics.failed > 0 {
        "failure"
    } else if statistics.passed == 0 {
        "skipped"
    } else if statistics.skipped > 0 {
        "partial"
    } else {
        "success"
    };
    Status {
        result: result.to_owned(),
        statistics,
        skipped_tests,
        failed_tests,
    }
}

/// `time` as RFC 3339 in UTC (`2026-11-26T17:52:08Z`).
fn rfc3339(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or_default();
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The proleptic Gregorian date of `days` since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    fn outcome(name: &str, features: &[&str], verdict: Verdict) -> Outcome {
        Outcome {
            name: name.to_owned(),
            class: "R".to_owned(),
            features: features.iter().map(|f| (*f).to_owned()).collect(),
            provisional: false,
            verdict,
        }
    }

    #[test]
    fn tests_fall_into_core_and_extended_of_their_profiles() {
        let outcomes = [
            outcome("Core", &["Gateway", "HTTPRoute"], Verdict::Passed),
            outcome(
                "Ext",
                &["Gateway", "HTTPRoute", "HTTPRouteQueryParamMatching"],
                Verdict::Failed("x".to_owned()),
            ),
            outcome(
                "Tls",
                &["Gateway", "TLSRoute"],
                Verdict::Skipped("y".to_owned()),
            ),
            outcome("Udp", &["Gateway", "UDPRoute"], Verdict::Passed),
        ];
        let report = build_at(&outcomes, "2026-01-01T00:00:00Z".to_owned());
        let names: Vec<&str> = report.profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["GATEWAY-HTTP", "GATEWAY-TLS"]);
        let http = &report.profiles[0];
        assert_eq!(http.core.result, "success");
        assert_eq!(http.core.statistics.passed, 1);
        let extended = http.extended.as_ref().unwrap();
        assert_eq!(extended.status.result, "failure");
        assert_eq!(extended.status.failed_tests, ["Ext"]);
        assert!(
            extended
                .supported_features
                .contains(&"HTTPRouteQueryParamMatching".to_owned())
        );
        assert_eq!(report.profiles[1].core.result, "skipped");
        let yaml = serde_norway::to_string(&report).unwrap();
        let back: ConformanceReport = serde_norway::from_str(&yaml).unwrap();
        assert_eq!(back, report);
    }

    #[test]
    fn dates_are_rfc3339() {
        let t = UNIX_EPOCH + std::time::Duration::from_secs(1_795_715_528);
        assert_eq!(rfc3339(t), "2026-11-26T17:52:08Z");
    }
}
