//! `eg-xds --validate`: a real Envoy checks what the translator emits. The resources of every passing case
//! are written as one static bootstrap ([`gwapi_xds::XdsResources::to_validation_bootstrap`]) and given to
//! `envoy --mode validate`, with the corpus's placeholder certificates replaced by real ones
//! ([`super::stand_in_certificates`]).

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::eg_xds::{HarnessSettings, Outcome, Report, translate_case};

/// How long one `envoy --mode validate` may run.
pub const ENVOY_TIMEOUT: Duration = Duration::from_secs(20);

/// What Envoy said about the bootstrap of one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validation {
    /// The group (`xds-ir`, ...).
    pub group: String,
    /// The case name.
    pub name: String,
    /// Why the bootstrap could not be built, or Envoy's message when it rejected it; `None` when accepted.
    pub rejection: Option<String>,
}

/// The validations of a whole run.
#[derive(Clone, Debug, Default)]
pub struct ValidationReport {
    /// One per passing case, in corpus order.
    pub validations: Vec<Validation>,
}

impl ValidationReport {
    /// The cases Envoy rejected (or whose bootstrap could not be built).
    pub fn rejected(&self) -> impl Iterator<Item = &Validation> {
        self.validations.iter().filter(|v| v.rejection.is_some())
    }

    /// How many bootstraps Envoy accepted.
    pub fn accepted(&self) -> usize {
        self.validations.len() - self.rejected().count()
    }

    /// `validated: N/M`, preceded by one line per rejected case with Envoy's message.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for v in self.rejected() {
            let message = v.rejection.as_deref().unwrap_or_default();
            let _ = writeln!(out, "rejected {}/{}: {message}", v.group, v.name);
        }
        let _ = writeln!(
            out,
            "validated: {}/{}",
            self.accepted(),
            self.validations.len()
        );
        out
    }
}

/// Whether the output of `outcome`'s case is Envoy configuration (the `ratelimit-config` group's is the
/// rate limit service's: there is nothing for Envoy to check).
pub fn holds_envoy_config(outcome: &Outcome) -> bool {
    outcome.group != "ratelimit-config"
}

/// Validates the bootstrap of every passing case of `report` (but the `ratelimit-config` group's) (a run over the corpus at `corpus`) with the
/// Envoy binary `envoy`.
///
/// # Errors
/// When the corpus' `HARNESS.md` cannot be read.
pub fn validate_passing(
    corpus: &Path,
    report: &Report,
    envoy: &Path,
) -> anyhow::Result<ValidationReport> {
    let settings = HarnessSettings::parse(&std::fs::read_to_string(corpus.join("HARNESS.md"))?);
    let validations = report
        .outcomes
        .iter()
        .filter(|o| o.passed() && holds_envoy_config(o))
        .map(|o| Validation {
            group: o.group.clone(),
            name: o.name.clone(),
            rejection: validate_case(corpus, &settings, &o.group, &o.name, envoy).err(),
        })
        .collect();
    Ok(ValidationReport { validations })
}

/// Translates one case and runs Envoy on its bootstrap.
fn validate_case(
    corpus: &Path,
    settings: &HarnessSettings,
    group: &str,
    name: &str,
    envoy: &Path,
) -> Result<(), String> {
    if group != "xds-ir" {
        return Err(format!("the {group} group cannot be validated yet"));
    }
    let translated = translate_case(corpus, settings, name)?;
    let bootstrap = translated
        .resources
        .to_validation_bootstrap()
        .map_err(|e| format!("cannot build the bootstrap: {e}"))?;
    envoy_validate(
        envoy,
        &super::stand_in_certificates::with_stand_ins(&bootstrap)?,
    )
}

/// A fresh directory under the system temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<Self> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "gwapi-envoy-validate-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir)?;
        Ok(Self(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `envoy --mode validate` on `bootstrap` (YAML) in a temporary directory, for at most
/// [`ENVOY_TIMEOUT`].
///
/// # Errors
/// Envoy's message when it rejects the bootstrap, or why it could not be run.
pub fn envoy_validate(envoy: &Path, bootstrap: &str) -> Result<(), String> {
    let dir = TempDir::new().map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let config = dir.0.join("bootstrap.yaml");
    std::fs::write(&config, bootstrap).map_err(|e| format!("cannot write the bootstrap: {e}"))?;
    let log = dir.0.join("envoy.log");
    let log_file =
        std::fs::File::create(&log).map_err(|e| format!("cannot create the log file: {e}"))?;
    let stderr = log_file
        .try_clone()
        .map_err(|e| format!("cannot create the log file: {e}"))?;
    let mut child = Command::new(envoy)
        .args([
            "--mode",
            "validate",
            "--disable-hot-restart",
            "-l",
            "warning",
        ])
        .arg("-c")
        .arg(&config)
        .current_dir(&dir.0)
        .stdin(Stdio::null())
        .stdout(log_file)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", envoy.display()))?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > ENVOY_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "envoy --mode validate did not finish within {ENVOY_TIMEOUT:?}"
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("cannot wait for envoy: {e}")),
        }
    };
    if status.success() {
        return Ok(());
    }
    let mut output = String::new();
    let _ = std::fs::File::open(&log).and_then(|mut f| f.read_to_string(&mut output));
    Err(format!(
        "envoy exited with {status}: {}",
        envoy_message(&output)
    ))
}

/// The longest message kept from Envoy's output, in characters.
const MESSAGE_LIMIT: usize = 2000;

/// The informative part of Envoy's output: from the first `critical` line (`error initializing
/// configuration ...`) to the end, else the last few lines; on one line, at most [`MESSAGE_LIMIT`] characters.
fn envoy_message(output: &str) -> String {
    let lines: Vec<&str> = output.lines().filter(|l| !l.trim().is_empty()).collect();
    let start = lines
        .iter()
        .position(|l| l.contains("[critical]"))
        .unwrap_or_else(|| lines.len().saturating_sub(5));
    let message = lines
        .get(start..)
        .unwrap_or_default()
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join(" | ");
    message.chars().take(MESSAGE_LIMIT).collect()
}
