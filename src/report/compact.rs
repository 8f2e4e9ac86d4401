use crate::diagnostic::LintResult;
use std::io::{self, Write};

pub fn write(report: &LintResult, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            super::plain_name(&d.file),
            d.start.line,
            d.start.column,
            d.severity,
            d.rule,
            d.message
        )?;
    }
    writeln!(out, "{}", super::summary_line(report))
}
