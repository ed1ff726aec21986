//! `eg-gatewayapi --validate`: the IR of every case that agrees with the reference, translated to xDS by
//! [`gwapi_xds::XdsTranslator`], is given to `envoy --mode validate`, one bootstrap per fleet (IR key), with
//! the corpus's placeholder certificates replaced by generated ones, as `eg-xds --validate` does.

use std::path::Path;

use gwapi_xds::{XdsConfig, XdsTranslator};

use super::{CaseOutcome, Corpus};
use crate::eg_xds::stand_in_certificates::with_stand_ins;
use crate::eg_xds::{Validation, ValidationReport, envoy_validate};

/// Validates the xDS of every fleet of every case of `outcomes` with full agreement, with the Envoy binary
/// `envoy`; each validation is named `<case> <IR key>`.
///
/// # Errors
/// When the corpus at `dir` cannot be read.
pub fn validate_full_agreement(
    dir: &Path,
    outcomes: &[CaseOutcome],
    envoy: &Path,
) -> anyhow::Result<ValidationReport> {
    let corpus = Corpus::open(dir)?;
    let translator = XdsTranslator::new(XdsConfig::default());
    let mut validations = Vec::new();
    for outcome in outcomes.iter().filter(|o| o.full_ok()) {
        let translation = corpus.translate(&outcome.name)?;
        for (key, xds) in &translation.xds {
            let rejection = translator
                .translate(xds)
                .map_err(|e| format!("IR -> xDS failed: {e}"))
                .and_then(|resources| {
                    resources
                        .to_validation_bootstrap()
                        .map_err(|e| format!("cannot build the bootstrap: {e}"))
                })
                .and_then(|bootstrap| with_stand_ins(&bootstrap))
                .and_then(|bootstrap| envoy_validate(envoy, &bootstrap))
                .err();
            validations.push(Validation {
                group: "eg-gatewayapi".to_owned(),
                name: format!("{} {key}", outcome.name),
                rejection,
            });
        }
    }
    Ok(ValidationReport { validations })
}
