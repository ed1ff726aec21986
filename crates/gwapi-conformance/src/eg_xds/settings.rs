//! The per-case settings of the eg-xds corpus, read from its `HARNESS.md` at run time (so that no case name
//! is written in source).

use std::collections::{BTreeMap, BTreeSet};

/// What `HARNESS.md` says about the cases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HarnessSettings {
    /// Cases with a non-default cluster DNS domain.
    pub dns_domain: BTreeMap<String, String>,
    /// Runtime flags turned on per case (`XDSNameSchemeV2`, `PerResourceSystemCASecret`).
    pub runtime_flags: BTreeMap<String, BTreeSet<String>>,
    /// Cases whose EnvoyPatchPolicy statuses are part of the expected output.
    pub patch_policy_status: BTreeSet<String>,
    /// Cases that must fail, with a text the error must contain.
    pub must_fail: BTreeMap<String, String>,
    /// Name suffixes of cases that return an error and a partial output.
    pub partial_suffixes: Vec<String>,
}

impl HarnessSettings {
    /// Reads the settings from the text of `HARNESS.md`.
    ///
    /// ```
    /// use gwapi_conformance::eg_xds::HarnessSettings;
    /// let s = HarnessSettings::parse(concat!(
    ///     "Per-case differences:\n",
    ///     "- `a`: DNS domain `x.local` (service URL `u`).\n",
    ///     "- `b`: runtime flag F on.\n",
    ///     "- Expected to FAIL translation, with an error containing \"boom\":\n",
    ///     "  `c`, `d`;\n",
    ///     "  with \"other\": `e`.\n",
    ///     "- Cases whose name ends in `partial-invalid` return an error.\n",
    /// ));
    /// assert_eq!(s.dns_domain["a"], "x.local");
    /// assert!(s.runtime_flags["b"].contains("F"));
    /// assert_eq!(s.must_fail["d"], "boom");
    /// assert_eq!(s.must_fail["e"], "other");
    /// assert_eq!(s.partial_suffixes, vec!["partial-invalid"]);
    /// ```
    pub fn parse(text: &str) -> Self {
        let mut settings = Self::default();
        for bullet in bullets(text) {
            settings.read_bullet(&bullet);
        }
        settings
    }

    fn read_bullet(&mut self, bullet: &str) {
        if bullet.contains("Expected to FAIL") {
            // `"error": names` pairs: the quoted texts sit at the odd positions of a split on quotes.
            let parts: Vec<&str> = bullet.split('"').skip(1).collect();
            for pair in parts.chunks(2) {
                if let [error, names] = pair {
                    for name in backticked(names) {
                        self.must_fail.insert(name, (*error).to_owned());
                    }
                }
            }
        } else if let Some((_, names)) = bullet.split_once("status output is expected for:") {
            self.patch_policy_status.extend(backticked(names));
        } else if bullet.contains("name ends in") {
            if let Some((_, rest)) = bullet.split_once("name ends in") {
                self.partial_suffixes
                    .extend(backticked(rest).into_iter().take(1));
            }
        } else if let Some((names, rest)) = bullet.split_once("runtime flag") {
            let flag = rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned();
            for name in backticked(names) {
                self.runtime_flags
                    .entry(name)
                    .or_default()
                    .insert(flag.clone());
            }
        } else if let Some((names, rest)) = bullet.split_once("DNS domain")
            && let Some(domain) = backticked(rest).into_iter().next()
        {
            for name in backticked(names) {
                self.dns_domain.insert(name, domain.clone());
            }
        }
    }

    /// Whether `case` must fail, and with what text.
    pub fn expected_error(&self, case: &str) -> Option<&str> {
        self.must_fail.get(case).map(String::as_str)
    }

    /// Whether `case` returns an error together with its partial output.
    pub fn is_partial(&self, case: &str) -> bool {
        self.partial_suffixes
            .iter()
            .any(|s| case.ends_with(s.as_str()))
    }

    /// Whether `flag` is on for `case`.
    pub fn flag(&self, case: &str, flag: &str) -> bool {
        self.runtime_flags
            .get(case)
            .is_some_and(|flags| flags.contains(flag))
    }
}

/// The top-level bullets of the text, continuation lines joined.
fn bullets(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("- ") {
            out.push(rest.to_owned());
        } else if line.starts_with(' ') && !line.trim().is_empty() {
            if let Some(last) = out.last_mut() {
                last.push(' ');
                last.push_str(line.trim());
            }
        } else {
            out.push(String::new());
        }
    }
    out.retain(|b| !b.is_empty());
    out
}

/// Every `backticked` word of the text, in order.
fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}
