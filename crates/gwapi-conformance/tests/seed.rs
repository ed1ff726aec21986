//! Every YAML block of the users' own description (`../shared/seed/ARCHITECTURE.md`) loads, and where a block
//! departs from the real schema the loader says so precisely, with the correct spelling.

use gwapi_conformance::corpus_dir;
use gwapi_model::load::{Loader, Severity};

/// The fenced YAML blocks of a Markdown text, with the line each starts on.
fn yaml_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        match (&mut current, line.trim_start()) {
            (None, l) if l.starts_with("```yaml") => current = Some((i + 2, String::new())),
            (Some(_), l) if l.starts_with("```") => blocks.extend(current.take()),
            (Some((_, text)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

/// Each block's diagnostics, as printed, under the block's name.
fn seed_diagnostics() -> Vec<(String, Vec<String>, usize)> {
    let seed = corpus_dir().unwrap().join("../seed/ARCHITECTURE.md");
    let markdown = std::fs::read_to_string(&seed).unwrap();
    yaml_blocks(&markdown)
        .into_iter()
        .map(|(line, text)| {
            let name = format!("seed@{line}");
            let out = Loader::default().load_str(&name, &text);
            let printed = out.diagnostics.iter().filter(|d| d.severity > Severity::Info).map(ToString::to_string).collect();
            (name, printed, out.objects.len())
        })
        .collect()
}

#[test]
fn seed_blocks_load_with_precise_diagnostics() {
    let actual = seed_diagnostics();
    for (name, diagnostics, objects) in &actual {
        eprintln!("{name}: {objects} objects");
        for d in diagnostics {
            eprintln!("  {d}");
        }
    }
    let expected: Vec<(&str, Vec<&str>, usize)> = vec![
        ("seed@115", vec![], 0),
    ];
    let actual_view: Vec<(&str, Vec<&str>, usize)> = actual
        .iter()
        .map(|(n, d, o)| (n.as_str(), d.iter().map(String::as_str).collect(), *o))
        .collect();
    assert_eq!(actual_view, expected);
}
