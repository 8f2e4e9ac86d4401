//! `check --diff`: what `--fix` would change, as a unified diff (`similar`'s, three lines of
//! context), one per file.

/// The unified diff of a file's text before and after, headed `--- name` / `+++ name`;
/// empty when nothing changed.
pub fn unified(name: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_line_insertion() {
        let got = unified("a.yaml", "a: 1\nb: 2\n", "a: 1\nc: 3\nb: 2\n");
        assert_eq!(
            got,
            "--- a.yaml\n+++ a.yaml\n@@ -1,2 +1,3 @@\n a: 1\n+c: 3\n b: 2\n"
        );
        assert_eq!(unified("a.yaml", "x", "x"), "");
    }
}
