//! The `cm-lint` binary: lints documents from the command line; the CLI is a thin front end over
//! cm-linter.

mod args;
mod output;
mod walk;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Args, Command};

/// How a run ends, mapped to the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ExitStatus {
    /// Nothing found.
    Clean,
    /// Findings at or above the failing severity.
    Findings,
    /// A usage, configuration or I/O error.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        match status {
            ExitStatus::Clean => ExitCode::from(0),
            ExitStatus::Findings => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { ExitStatus::Error.into() } else { ExitStatus::Clean.into() };
        }
    };
    match run(&args) {
        Ok(status) => status.into(),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitStatus::Clean.into();
            }
            let _ = writeln!(std::io::stderr(), "cm-lint: error: {err:#}");
            ExitStatus::Error.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

fn run(args: &Args) -> anyhow::Result<ExitStatus> {
    match &args.command {
        Some(Command::Rules) => {
            let mut out = std::io::stdout().lock();
            for rule in cm_linter::RULES {
                writeln!(out, "{}  {:<34} {}", rule.code, rule.name, rule.summary)?;
            }
            Ok(ExitStatus::Clean)
        }
        Some(Command::Explain { rule }) => {
            let Some(meta) = cm_linter::rules::find(rule) else {
                anyhow::bail!("unknown rule '{rule}' (see `cm-lint rules`)");
            };
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", meta.doc.trim_end())?;
            Ok(ExitStatus::Clean)
        }
        Some(Command::Debug { file }) => {
            let walked = walk::collect(std::slice::from_ref(file));
            for input in &walked.files {
                let source = walk::read(input)?;
                let document = cm_linter::Document { source: &source, format: input.format };
                write!(std::io::stdout().lock(), "{}", cm_linter::debug_dump(&document))?;
            }
            Ok(ExitStatus::Clean)
        }
        None => lint_paths(args),
    }
}

fn lint_paths(args: &Args) -> anyhow::Result<ExitStatus> {
    let walked = walk::collect(&args.paths);
    let mut results = Vec::new();
    let mut had_error = !walked.errors.is_empty();
    for error in &walked.errors {
        writeln!(std::io::stderr(), "cm-lint: error: {error}")?;
    }
    for file in &walked.files {
        match walk::read(file) {
            Ok(source) => {
                let document = cm_linter::Document { source: &source, format: file.format };
                let diagnostics = cm_linter::lint(&document);
                results.push(output::FileResult { path: file.display.clone(), source, diagnostics });
            }
            Err(err) => {
                had_error = true;
                writeln!(std::io::stderr(), "cm-lint: error: {err:#}")?;
            }
        }
    }
    let findings: usize = results.iter().map(|r| r.diagnostics.len()).sum();
    let mut out = std::io::stdout().lock();
    output::write(&mut out, args.format, &results)?;
    out.flush()?;
    Ok(if had_error {
        ExitStatus::Error
    } else if findings > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}
