//! A minimal line template: `{{#if flag}}` / `{{/if}}` lines keep or drop the lines between them, and
//! `{{name}}` is replaced by a value. Enough for the bootstrap, whose text must match Envoy Gateway's.

/// The values of a template.
pub(crate) struct Values {
    /// The flags of `{{#if flag}}` sections; unknown flags are false.
    pub(crate) flags: Vec<(&'static str, bool)>,
    /// The values of `{{name}}` placeholders.
    pub(crate) text: Vec<(&'static str, String)>,
}

/// Renders `template` with `values`.
pub(crate) fn render(template: &str, values: &Values) -> String {
    let mut out = String::with_capacity(template.len());
    let mut stack: Vec<bool> = Vec::new();
    for line in template.lines() {
        let trimmed = line.trim();
        if let Some(flag) = trimmed
            .strip_prefix("{{#if ")
            .and_then(|rest| rest.strip_suffix("}}"))
        {
            let on = values
                .flags
                .iter()
                .any(|(name, value)| *name == flag && *value);
            stack.push(on);
            continue;
        }
        if trimmed == "{{/if}}" {
            stack.pop();
            continue;
        }
        if stack.iter().all(|on| *on) {
            let mut line = line.to_owned();
            for (name, value) in &values.text {
                line = line.replace(&format!("{{{{{name}}}}}"), value);
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_placeholders() {
        let values = Values {
            flags: vec![("a", true), ("b", false)],
            text: vec![("x", "1".to_owned())],
        };
        let text = "k: {{x}}\n{{#if a}}\na: {{x}}\n{{#if b}}\nb: 2\n{{/if}}\n{{/if}}\nz: 3\n";
        assert_eq!(render(text, &values), "k: 1\na: 1\nz: 3\n");
    }
}
