//! Floors: the pass counts a harness must keep reaching (`floors/<harness>.toml`, `key = number` lines).

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Reads the floors of `harness` from `floors/<harness>.toml` in this crate.
///
/// # Errors
/// When the file cannot be read or a line is not `key = number`.
pub fn read(harness: &str) -> anyhow::Result<BTreeMap<String, usize>> {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("floors")
        .join(format!("{harness}.toml"));
    let text = std::fs::read_to_string(&file)?;
    let mut floors = BTreeMap::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("{}: bad line {line:?}", file.display()))?;
        floors.insert(key.trim().to_owned(), value.trim().parse()?);
    }
    Ok(floors)
}

/// Checks `counts` against the floors of `harness` (each count against the floor of the same name); the
/// error lists every count below its floor.
///
/// # Errors
/// When a count is below its floor, has no floor, or no count is given.
pub fn check(harness: &str, counts: &BTreeMap<&str, usize>) -> anyhow::Result<()> {
    let floors = read(harness)?;
    anyhow::ensure!(
        !counts.is_empty(),
        "no count to check against the floors of {harness}"
    );
    let mut below = Vec::new();
    for (key, count) in counts {
        let floor = floors
            .get(*key)
            .ok_or_else(|| anyhow::anyhow!("{harness} has no floor for {key}"))?;
        if count < floor {
            below.push(format!("{key}: {count} < floor {floor}"));
        }
    }
    anyhow::ensure!(
        below.is_empty(),
        "{harness} dropped below its floors: {}",
        below.join(", ")
    );
    Ok(())
}
