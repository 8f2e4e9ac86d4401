//! Azure Pipelines logging commands: `##vso[task.logissue type=error;sourcepath=…;linenumber=…;
//! columnnumber=…;code=AKS401;]message`, one line per finding. Azure Pipelines knows errors and
//! warnings only: notes are warnings.

use crate::diagnostic::{LintResult, Severity};
use std::io::{self, Write};

pub fn write(report: &LintResult, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning | Severity::Note => "warning",
        };
        let mut props = format!(
            "type={kind};sourcepath={}",
            escape_property(&super::plain_name(&d.file))
        );
        if d.start.line > 0 {
            props.push_str(&format!(
                ";linenumber={};columnnumber={}",
                d.start.line, d.start.column
            ));
        }
        props.push_str(&format!(";code={}", d.rule));
        let mut msg = format!("{} {}", d.rule, d.message);
        if let Some(o) = &d.object {
            msg.push_str(&format!(" ({o})"));
        }
        if d.severity == Severity::Note {
            msg.push_str(" [note]");
        }
        writeln!(out, "##vso[task.logissue {props};]{}", escape_data(&msg))?;
    }
    writeln!(out, "{}", super::summary_line(report))
}

/// The agent's escaping of a command's message (azure-pipelines-task-lib).
fn escape_data(s: &str) -> String {
    s.replace('%', "%AZP25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// …and of a property value, where `;` and `]` end the value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(';', "%3B").replace(']', "%5D")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_cannot_be_broken_out_of() {
        assert_eq!(escape_data("50%\r\nnext"), "50%AZP25%0D%0Anext");
        assert_eq!(escape_property("a;b]c"), "a%3Bb%5Dc");
    }
}
