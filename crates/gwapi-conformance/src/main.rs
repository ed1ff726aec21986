//! `gwapi-conformance`: runs the corpus harnesses (the harness commands arrive with the translation issues).

fn main() -> anyhow::Result<()> {
    let dir = gwapi_conformance::corpus_dir()?;
    println!("corpus: {}", dir.display());
    Ok(())
}
