//! JUnit XML (Azure DevOps' Publish Test Results, GitLab's test reports, Jenkins): a testsuite per
//! file with findings; each finding at or above `--fail-on` a failing testcase, the others listed
//! in the suite's `system-out`, and one passing testcase for a suite without a failure. A clean
//! run is one passing testcase, so a CI server shows a test that ran, not an empty report.

use super::Style;
use crate::diagnostic::{Diagnostic, LintResult};
use quick_xml::Writer;
use quick_xml::events::{BytesCData, BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io::{self, Write};

pub fn write(report: &LintResult, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let fails = |d: &Diagnostic| style.fail_on.is_some_and(|t| d.severity >= t);
    let mut suites: Vec<(&str, Vec<&Diagnostic>)> = Vec::new();
    for d in &report.diagnostics {
        match suites.last_mut() {
            Some((file, ds)) if *file == d.file => ds.push(d),
            _ => suites.push((&d.file, vec![d])),
        }
    }
    let failures = report.diagnostics.iter().filter(|d| fails(d)).count();
    let tests: usize = suites
        .iter()
        .map(|(_, ds)| ds.iter().filter(|d| fails(d)).count().max(1))
        .sum::<usize>()
        .max(1);
    let mut w = Writer::new_with_indent(&mut *out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let (tests_s, failures_s) = (tests.to_string(), failures.to_string());
    w.write_event(Event::Start(BytesStart::new("testsuites").with_attributes(
        [
            ("name", "akslint"),
            ("tests", tests_s.as_str()),
            ("failures", failures_s.as_str()),
        ],
    )))?;
    if suites.is_empty() {
        suite(&mut w, "akslint", &[], &fails)?;
    }
    for (file, ds) in &suites {
        suite(&mut w, &super::plain_name(file), ds, &fails)?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuites")))?;
    writeln!(out)
}

fn suite<W: Write>(
    w: &mut Writer<W>,
    name: &str,
    ds: &[&Diagnostic],
    fails: &dyn Fn(&Diagnostic) -> bool,
) -> io::Result<()> {
    let failing: Vec<&&Diagnostic> = ds.iter().filter(|d| fails(d)).collect();
    let (tests, failures) = (failing.len().max(1).to_string(), failing.len().to_string());
    w.write_event(Event::Start(BytesStart::new("testsuite").with_attributes(
        [
            ("name", name),
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", "0"),
        ],
    )))?;
    if failing.is_empty() {
        w.write_event(Event::Empty(
            BytesStart::new("testcase").with_attributes([("name", "akslint"), ("classname", name)]),
        ))?;
    }
    for d in &failing {
        let case = format!("{} {}", d.rule, at(d));
        w.write_event(Event::Start(
            BytesStart::new("testcase")
                .with_attributes([("name", case.as_str()), ("classname", name)]),
        ))?;
        let message = d.message.as_str();
        let kind = format!("{} {}", d.severity, d.rule);
        w.write_event(Event::Start(
            BytesStart::new("failure")
                .with_attributes([("message", message), ("type", kind.as_str())]),
        ))?;
        w.write_event(Event::Text(BytesText::new(&details(d))))?;
        w.write_event(Event::End(BytesEnd::new("failure")))?;
        w.write_event(Event::End(BytesEnd::new("testcase")))?;
    }
    let below: Vec<String> = ds
        .iter()
        .filter(|d| !fails(d))
        .map(|d| format!("{} {} {}: {}", at(d), d.severity, d.rule, d.message))
        .collect();
    if !below.is_empty() {
        w.write_event(Event::Start(BytesStart::new("system-out")))?;
        w.write_event(Event::CData(BytesCData::new(cdata_safe(&below.join("\n")))))?;
        w.write_event(Event::End(BytesEnd::new("system-out")))?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuite")))?;
    Ok(())
}

/// `line 12:9`, or `file` for a finding about the whole file.
fn at(d: &Diagnostic) -> String {
    if d.start.line > 0 {
        format!("line {}:{}", d.start.line, d.start.column)
    } else {
        "file".to_string()
    }
}

/// The failure's body: where, the object, the help, the rule's documentation.
fn details(d: &Diagnostic) -> String {
    let place = if d.start.line > 0 {
        format!("{}:{}:{}", d.file, d.start.line, d.start.column)
    } else {
        d.file.clone()
    };
    let mut s = format!("{place}\n{}", d.message);
    if let Some(o) = &d.object {
        s.push_str(&format!("\nobject: {o}"));
    }
    if let Some(h) = &d.help {
        s.push_str(&format!("\nhelp: {h}"));
    }
    s.push_str(&format!("\nsee: akslint explain {}", d.rule));
    s
}

/// A CDATA section cannot hold `]]>`: split it where it appears.
fn cdata_safe(s: &str) -> String {
    s.replace("]]>", "]] >")
}
