//! The translator settings of each case, read from `FIXTURES.md` (the table of per-case overrides), so that
//! the harness follows the corpus' own description instead of a copy of it.

use std::collections::BTreeMap;

use gwapi_ir::TranslatorConfig;

/// The settings every case shares (`FIXTURES.md`, "Translator settings").
pub fn base_config() -> TranslatorConfig {
    TranslatorConfig::default()
        .controller_name("gateway.envoyproxy.io/gatewayclass-controller")
        .gateway_class_name("envoy-gateway-class")
        .controller_namespace("envoy-gateway-system")
        .enable_global_rate_limit(true)
        // The reference checks certificate and CRL expiry against the wall clock.
        .current_time(now())
}

/// The wall clock in seconds since the Unix epoch.
fn now() -> Option<i64> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
}

/// The defaults of the feature flags, for cases not listed in the overrides table.
fn with_default_flags(config: TranslatorConfig) -> TranslatorConfig {
    config
        .enable_envoy_patch_policy(true)
        .enable_backend(true)
        .enable_lua(true)
        .enable_gateway_namespace_mode(false)
        .enable_running_on_host(false)
        .enable_sds_secret_refs(false)
        .enable_per_resource_system_ca_secret(false)
}

/// The flags of a listed case: every flag the row does not name is off (Lua is allowed unless the row says
/// it is disabled, as Lua is an allowance rather than a feature in the table's wording).
fn with_row_flags(config: TranslatorConfig, row: &str) -> TranslatorConfig {
    let says = |phrase: &str| row.contains(phrase);
    config
        .enable_envoy_patch_policy(
            !says("EnvoyPatchPolicy disabled") && says("EnvoyPatchPolicy enabled"),
        )
        // The golden outputs show Backend on in every row that does not say "Backend disabled" (e.g.
        // backend-with-localhost-host-infra accepts its Backends), whatever FIXTURES.md's note says.
        .enable_backend(!says("Backend disabled"))
        .enable_lua(!says("Lua disabled"))
        .enable_gateway_namespace_mode(says("gateway-namespace mode on"))
        .enable_running_on_host(says("running on host"))
        .enable_sds_secret_refs(says("SDS secret refs on"))
        .enable_per_resource_system_ca_secret(says("per-resource system CA secret"))
}

/// The per-case overrides: case name -> the settings text of its row.
pub fn overrides(fixtures_md: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut in_table = false;
    for line in fixtures_md.lines() {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        match cells.as_slice() {
            ["case", "settings"] => in_table = true,
            [cases, settings] if in_table && !cases.starts_with("---") => {
                for case in cases.split(',') {
                    out.insert(case.trim().to_owned(), (*settings).to_owned());
                }
            }
            _ if in_table && !line.trim().starts_with('|') => in_table = false,
            _ => {}
        }
    }
    out
}

/// The translator settings of `case`.
pub fn config_for(case: &str, overrides: &BTreeMap<String, String>) -> TranslatorConfig {
    match overrides.get(case) {
        Some(row) => with_row_flags(base_config(), row),
        None => with_default_flags(base_config()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_overrides_table() {
        let md = "intro\n| case | settings |\n|---|---|\n| a, b | EnvoyPatchPolicy disabled, Backend disabled |\n| c | running on host |\n\nafter\n| x | y |\n";
        let o = overrides(md);
        assert_eq!(o.len(), 3);
        let a = config_for("a", &o);
        assert!(!a.enable_envoy_patch_policy && !a.enable_backend && a.enable_lua);
        let c = config_for("c", &o);
        assert!(c.enable_running_on_host && !c.enable_envoy_patch_policy);
        let other = config_for("zzz", &o);
        assert!(
            other.enable_envoy_patch_policy
                && other.enable_backend
                && other.enable_global_rate_limit
        );
    }
}
