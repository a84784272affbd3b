//! The `cm-lint` binary: lints documents from the command line. A thin front end over
//! cm-linter: it finds files, reads them, runs the engine, prints, fixes and sets the exit code.

mod args;
mod config;
mod escape;
mod fix;
mod output;
mod walk;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use cm_linter::{Applicability, Document, Linter, Severity};

use args::{Args, CheckArgs, ColorChoice, Command};

/// A linter run allocates many small, short-lived strings and vectors; mimalloc serves them
/// several times faster than the system allocator (`bench/README.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use output::FileResult;

/// How a run ends, mapped to the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ExitStatus {
    /// Nothing found at or above the failing severity.
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
            let line = escape::log_line(args.check.format, &format!("cm-lint: error: {err:#}"));
            let _ = writeln!(std::io::stderr(), "{line}");
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
            let Some(rule) = cm_linter::Rule::find(rule) else {
                anyhow::bail!("unknown rule '{rule}' (see `cm-lint rules`)");
            };
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", rule.meta().doc.trim_end())?;
            // The article's definitions the rule holds documents to.
            writeln!(out, "\n## The article's definitions")?;
            for practice in rule.practices() {
                writeln!(out, "\n**{}**: {}\n", practice.activity(), practice.definition())?;
                for key in practice.key_traits() {
                    writeln!(out, "- {key}")?;
                }
            }
            Ok(ExitStatus::Clean)
        }
        Some(Command::Server { .. }) => {
            let code = cm_lsp::run_stdio();
            Ok(if code == 0 { ExitStatus::Clean } else { ExitStatus::Findings })
        }
        Some(Command::Debug { file }) => {
            let bytes = std::fs::read(file).with_context(|| format!("{}: cannot read", file.display()))?;
            let text = walk::decode(bytes).text;
            let format = walk::format_of(file).unwrap_or(cm_linter::Format::PlainText);
            let dump = cm_linter::debug_dump(&Document { source: &text, format });
            write!(std::io::stdout().lock(), "{}", escape::terminal_lines(&dump))?;
            Ok(ExitStatus::Clean)
        }
        None => check(&args.check),
    }
}

/// Resolves rule codes or names given on the command line.
fn rule_codes(list: &[String]) -> anyhow::Result<Vec<cm_linter::Rule>> {
    list.iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            cm_linter::Rule::find(s.trim()).ok_or_else(|| anyhow::anyhow!("unknown rule '{s}' (see `cm-lint rules`)"))
        })
        .collect()
}

fn check(args: &CheckArgs) -> anyhow::Result<ExitStatus> {
    let reading_stdin = args.paths.len() == 1 && args.paths[0].as_os_str() == "-";
    let cwd = std::env::current_dir().context("cannot read the working directory")?;
    let overrides = config::Overrides {
        select: if args.select.is_empty() { None } else { Some(rule_codes(&args.select)?) },
        ignore: rule_codes(&args.ignore)?,
        fail_on: args.fail_on,
    };
    let configs = std::sync::Arc::new(config::Configs::new(args.config.as_deref(), args.isolated, &cwd, overrides)?);
    let run_root = configs.run_root(&cwd);
    let exclude = walk::glob_set(&args.exclude)?;
    let include = walk::glob_set(&args.include)?;
    // Not locked: a lock held here would stop any worker thread that writes to standard error.
    let mut stderr = std::io::stderr();
    // Every line to standard error goes through here: it carries file names and text from the
    // files, escaped for the output format.
    let mut say = |line: &str| writeln!(stderr, "{}", escape::log_line(args.format, line));
    let mut had_error = false;
    let mut failures = Vec::new();
    install_panic_hook();

    let mut results = if reading_stdin {
        let dir = args.stdin_filename.as_deref().and_then(Path::parent).filter(|p| !p.as_os_str().is_empty());
        let prepared = configs.for_dir(&cwd.join(dir.unwrap_or(Path::new("."))));
        match prepared.map(|p| (isolate(|| lint_stdin(&p, args)), p)) {
            Err(_) => Vec::new(),
            Ok((Ok(linted), prepared)) => vec![linted?.failing_at(prepared.threshold)],
            Ok((Err(why), _)) => {
                let message = internal_error(&why);
                say(&format!("cm-lint: error: {}: {message}", stdin_name(args)))?;
                failures.push(output::Failure { path: stdin_name(args), message });
                had_error = true;
                Vec::new()
            }
        }
    } else {
        let paths = if args.paths.is_empty() { vec![std::path::PathBuf::from(".")] } else { args.paths.clone() };
        let by_config = std::sync::Arc::clone(&configs);
        let selection = walk::Selection {
            include: include.as_ref(),
            exclude: exclude.as_ref(),
            config_exclude: std::sync::Arc::new(move |path: &Path| by_config.excludes(path)),
            root: &run_root,
            shard: args.shard.map(|(k, n)| (k - 1, n)),
            verbose: args.verbose,
        };
        let walked = walk::walk(&paths, &selection, |file| {
            // A file whose configuration cannot be used is not linted; the configuration's
            // problems are reported once, below.
            let Ok(prepared) = configs.for_file(&file.path) else { return Outcome::not_linted(true) };
            let file = walk::InputFile { relative: prepared.relative(&file.path), ..file.clone() };
            let outcome = isolate(|| lint_file(&prepared.linter, &file, args))
                .unwrap_or_else(|why| failed(&file, internal_error(&why)));
            outcome.failing_at(prepared.threshold)
        });
        for error in &walked.errors {
            say(&format!("cm-lint: error: {error}"))?;
            had_error = true;
        }
        if args.verbose {
            for skipped in &walked.skipped {
                say(&format!("cm-lint: skipped {skipped}"))?;
            }
        }
        let mut results = Vec::with_capacity(walked.files.len());
        for (_, outcome) in walked.files {
            for message in &outcome.messages {
                say(message)?;
            }
            had_error |= outcome.error;
            failures.extend(outcome.failure);
            results.extend(outcome.result);
        }
        results
    };

    // A configuration that cannot be used is an error, never skipped: the files it governs
    // were not linted, and no report is written that could pass for a clean run.
    let problems = configs.problems();
    if !problems.is_empty() {
        for problem in problems {
            say(&format!("cm-lint: error: {problem}"))?;
        }
        return Ok(ExitStatus::Error);
    }

    if args.diff {
        let mut out = std::io::stdout().lock();
        for r in &results {
            if let Some(texts) = &r.diff {
                write!(out, "{}", fix::labelled_diff(&r.file.path, &r.file.source, &texts.safe, &texts.all))?;
            }
        }
    }
    let applied: usize = results.iter().map(|r| r.fixes.applied).sum();
    let unsafe_left: usize = results.iter().map(|r| r.fixes.unsafe_left).sum();
    let failing: usize = results.iter().map(|r| r.failing).sum();
    let mut unused_fails = false;
    if args.report_unused_disables {
        for r in &results {
            unused_fails |= r.fails_on_findings && !r.unused.is_empty();
            let index = cm_linter::LineIndex::new(&r.file.source);
            for u in &r.unused {
                let pos = index.one_based(u.span.start());
                let what = u
                    .code
                    .as_deref()
                    .map_or_else(|| "suppression comment".to_string(), |c| format!("suppression of {c}"));
                say(&format!("{}:{}:{}: unused {what}", r.file.path, pos.line, pos.column))?;
            }
        }
    }
    let files: Vec<FileResult> = results.drain(..).map(|r| r.file).collect();
    if !args.diff {
        // `cm-lint - --fix` writes the fixed text to standard output, and only that.
        write_report(args, &files, &failures, reading_stdin && args.fix)?;
    }
    if args.fix && !args.quiet {
        say(&fix_summary(applied, unsafe_left))?;
    }
    Ok(if had_error {
        ExitStatus::Error
    } else if failing > 0 || unused_fails {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}

fn color_enabled(args: &CheckArgs) -> bool {
    match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Writes the report to `--output`, else to standard output (standard error when
/// `to_stderr`: standard output carries fixed text).
fn write_report(
    args: &CheckArgs,
    files: &[FileResult],
    failures: &[output::Failure],
    to_stderr: bool,
) -> anyhow::Result<()> {
    let findings: usize = files.iter().map(|f| f.diagnostics.len()).sum();
    let with_findings = files.iter().filter(|f| !f.diagnostics.is_empty()).count();
    let summary = format!(
        "{findings} finding{} in {with_findings} file{} ({} file{} checked)",
        if findings == 1 { "" } else { "s" },
        if with_findings == 1 { "" } else { "s" },
        files.len(),
        if files.len() == 1 { "" } else { "s" }
    );
    let mut statistics = String::new();
    if args.statistics {
        let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for d in files.iter().flat_map(|f| &f.diagnostics) {
            *counts.entry((d.rule.code, d.rule.name)).or_default() += 1;
        }
        for ((code, name), n) in counts {
            statistics.push_str(&format!("{n:>5}  {code}  {name}\n"));
        }
    }
    let for_people = output::is_for_people(args.format);
    let write_all = |out: &mut dyn Write| -> std::io::Result<()> {
        output::write(out, args.format, files, failures, color_enabled(args))?;
        if for_people {
            out.write_all(statistics.as_bytes())?;
            if !args.quiet {
                writeln!(out, "{summary}")?;
            }
        }
        out.flush()
    };
    match &args.output {
        Some(path) => {
            // A file is written whole, then moved into place: built in memory first. About a
            // kilobyte per finding in the verbose formats, reserved once, so that a report of
            // tens of megabytes is not copied at every doubling of its buffer.
            let mut report = Vec::with_capacity(findings.saturating_mul(1024).min(1 << 30));
            write_all(&mut report)?;
            fix::write_report(path, &report)?;
        }
        // A stream is written as the report is made, through a buffer: a large report is never
        // held whole (tens of megabytes of JSON for a dense document).
        None if to_stderr => write_all(&mut std::io::BufWriter::with_capacity(1 << 16, std::io::stderr().lock()))?,
        None => write_all(&mut std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()))?,
    }
    if !for_people || args.output.is_some() {
        let mut err = std::io::stderr().lock();
        err.write_all(statistics.as_bytes())?;
        if !args.quiet {
            writeln!(err, "{summary}")?;
        }
    }
    Ok(())
}

/// The line `--fix` ends with: "3 fixes applied (2 unsafe fixes available with --unsafe-fixes)".
fn fix_summary(applied: usize, unsafe_left: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") };
    let mut line = format!("{} applied", plural(applied, "fix", "fixes"));
    if unsafe_left > 0 {
        line.push_str(&format!(
            " ({} available with --unsafe-fixes)",
            plural(unsafe_left, "unsafe fix", "unsafe fixes")
        ));
    }
    line
}

/// What linting one input gave.
struct Linted {
    file: FileResult,
    /// For `--diff`: the text with its suggested fixes applied (`file.source` is the whole text).
    diff: Option<DiffTexts>,
    /// For `--fix`: what was applied, and what `--unsafe-fixes` would add.
    fixes: FixCount,
    unused: Vec<cm_linter::UnusedSuppression>,
    /// How many findings are at or above the failing severity of the file's configuration.
    failing: usize,
    /// The file's configuration fails the run on findings (and so on unused suppressions).
    fails_on_findings: bool,
}

impl Linted {
    /// Counts the findings that fail the run under `threshold`.
    fn failing_at(mut self, threshold: Option<Severity>) -> Linted {
        self.failing = self.file.diagnostics.iter().filter(|d| threshold.is_some_and(|t| d.severity >= t)).count();
        self.fails_on_findings = threshold.is_some();
        self
    }
}

/// A text with its suggested fixes applied, for `--diff`.
struct DiffTexts {
    /// With the safe fixes only: what `--fix` writes.
    safe: String,
    /// With every fix: what `--fix --unsafe-fixes` writes.
    all: String,
}

/// Fixes of one input under `--fix`.
#[derive(Debug, Clone, Copy, Default)]
struct FixCount {
    applied: usize,
    /// Unsafe fixes of the findings left, which `--unsafe-fixes` would try (counted only
    /// without it, and only where the input could be written).
    unsafe_left: usize,
}

/// The document fixed with the fixes of at least `required` applicability, or `None` when no
/// finding has one (fixing lints the document again, at least once).
fn applied(
    linter: &Linter,
    document: &Document<'_>,
    path: Option<&str>,
    diagnostics: &[cm_linter::Diagnostic],
    required: Applicability,
) -> Option<cm_linter::Fixed> {
    diagnostics
        .iter()
        .any(|d| d.fix.as_ref().is_some_and(|f| f.applies(required)))
        .then(|| linter.fix(document, path, required))
}

/// The texts `--diff` compares with the source, or `None` when no fix changes it.
fn diff_texts(
    linter: &Linter,
    document: &Document<'_>,
    path: Option<&str>,
    diagnostics: &[cm_linter::Diagnostic],
) -> Option<DiffTexts> {
    let safe = applied(linter, document, path, diagnostics, Applicability::Safe)
        .map_or_else(|| document.source.to_string(), |f| f.source);
    let any_unsafe = count_unsafe(diagnostics) > 0;
    let all = if any_unsafe { linter.fix(document, path, Applicability::Unsafe).source } else { safe.clone() };
    (all != document.source || safe != document.source).then_some(DiffTexts { safe, all })
}

/// How many findings have an unsafe fix.
fn count_unsafe(diagnostics: &[cm_linter::Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Unsafe)).count()
}

struct Outcome {
    result: Option<Linted>,
    messages: Vec<String>,
    error: bool,
    /// The file could not be linted, and why.
    failure: Option<output::Failure>,
}

impl Outcome {
    /// A file left unlinted without a message of its own (`error`: the run fails).
    fn not_linted(error: bool) -> Outcome {
        Outcome { result: None, messages: Vec::new(), error, failure: None }
    }

    /// Counts the findings that fail the run under `threshold`.
    fn failing_at(mut self, threshold: Option<Severity>) -> Outcome {
        self.result = self.result.map(|linted| linted.failing_at(threshold));
        self
    }
}

/// The outcome for a file that could not be linted: an error naming it.
fn failed(file: &walk::InputFile, what: String) -> Outcome {
    Outcome {
        result: None,
        messages: vec![format!("cm-lint: error: {}: {what}", file.display)],
        error: true,
        failure: Some(output::Failure { path: file.display.clone(), message: what }),
    }
}

/// `source` with only the lines that the findings, their related spans and their fixes touch,
/// and a line either side; every other line is emptied. Line numbers and columns stay as they
/// were, and the findings' spans are moved to the shorter text.
fn keep_finding_lines(source: &str, diagnostics: &mut [cm_linter::Diagnostic]) -> (String, Vec<(usize, usize)>) {
    let index = cm_linter::LineIndex::new(source);
    let lines = index.len();
    let start_of = |line: usize| {
        if line >= lines {
            source.len()
        } else {
            index.offset(cm_linter::LineCol { line: u32::try_from(line).unwrap_or(u32::MAX), col: 0 })
        }
    };
    let line_of = |offset: usize| index.line_col(offset).line as usize;
    let mut keep = vec![false; lines];
    for d in diagnostics.iter() {
        let edits = d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span));
        for span in std::iter::once(d.span).chain(d.related).chain(d.repeats.iter().copied()).chain(edits) {
            let first = line_of(span.start()).saturating_sub(1);
            let last = (line_of(span.end()) + 1).min(lines - 1);
            keep[first..=last].iter_mut().for_each(|k| *k = true);
        }
    }
    // The text before the first line (a byte-order mark) stays.
    let mut out = String::from(&source[..start_of(0)]);
    // For each line, where it starts in the source and in the output.
    let mut moved = Vec::with_capacity(lines);
    for (line, &kept) in keep.iter().enumerate() {
        let (start, end) = (start_of(line), start_of(line + 1));
        moved.push((start, out.len()));
        if kept {
            out.push_str(&source[start..end]);
        } else if end < source.len() || source[start..end].ends_with(['\n', '\r']) {
            out.push('\n');
        }
    }
    let map = |offset: usize| {
        let line = line_of(offset).min(lines - 1);
        let (old, new) = moved[line];
        if keep[line] {
            new + (offset.max(old) - old)
        } else {
            new
        }
    };
    for d in diagnostics.iter_mut() {
        d.map_spans(|span| cm_linter::Span::new(map(span.start()), map(span.end())));
    }
    let kept_lines = moved.iter().zip(&keep).filter(|(_, k)| **k).map(|(&(old, new), _)| (new, old)).collect();
    (out, kept_lines)
}

fn lint_file(linter: &Linter, file: &walk::InputFile, args: &CheckArgs) -> Outcome {
    test_panic(&file.display);
    let mut messages = Vec::new();
    let read = match fix::read(&file.path) {
        Ok(read) => read,
        Err(err) => return failed(file, format!("cannot read: {err}")),
    };
    let fix::ReadFile { bytes, meta } = read;
    let format = match file.kind {
        walk::Kind::Docx => return lint_docx(linter, file, args, &bytes),
        walk::Kind::Text(format) => format,
    };
    if walk::is_binary(&bytes) {
        if args.verbose {
            messages.push(format!("cm-lint: skipped {}: binary file", file.display));
        }
        return Outcome { result: None, messages, error: false, failure: None };
    }
    let decoded = walk::decode(bytes);
    if let Some(at) = decoded.invalid_at {
        messages.push(format!(
            "cm-lint: warning: {}: invalid UTF-8 at byte {at}; linted the text that decodes",
            file.display
        ));
    }
    let document = Document { source: &decoded.text, format };
    let output = linter.lint_path(&document, Some(&file.relative));
    let mut diagnostics = output.diagnostics;
    let path = Some(file.relative.as_str());
    let mut written = None;
    let mut diff = None;
    let mut fixes = FixCount::default();
    let mut error = false;
    let not_applied = |why: &str| format!("cm-lint: warning: {}: {why}; fixes not applied", file.display);
    let lossy = (!decoded.lossless).then(|| {
        if decoded.invalid_at.is_some() {
            "not valid UTF-8"
        } else {
            "UTF-16, which is kept as is"
        }
    });
    if args.fix {
        let writable = lossy.is_none() && !file.linked;
        match applied(linter, &document, path, &diagnostics, args.applicability()) {
            Some(result) if result.source != decoded.text => {
                if let Some(why) = lossy {
                    messages.push(not_applied(why));
                } else if file.linked {
                    messages.push(format!(
                        "cm-lint: warning: {}: reached through a symbolic link; fixes not applied (name the file it \
                         points to, to fix it)",
                        file.display
                    ));
                } else {
                    // Lossless text is the file's bytes as read.
                    match fix::write_atomically(&file.path, &meta, decoded.text.as_bytes(), &result.source) {
                        Ok(()) => {
                            diagnostics = result.diagnostics;
                            fixes.applied = result.applied;
                            written = Some(result.source);
                        }
                        Err(err) => {
                            messages.push(format!("cm-lint: error: {err:#}"));
                            error = true;
                        }
                    }
                }
            }
            _ => {}
        }
        if writable && !args.unsafe_fixes {
            fixes.unsafe_left = count_unsafe(&diagnostics);
        }
    } else if args.diff {
        if let Some(texts) = diff_texts(linter, &document, path, &diagnostics) {
            match lossy {
                Some(why) => messages.push(not_applied(why)),
                None => diff = Some(texts),
            }
        }
    }
    // Only files with findings keep their text, and of it only the lines the output shows:
    // memory grows with the largest file and the number of findings, not with the tree.
    let mut moved = Vec::new();
    let source = if args.fix {
        written.unwrap_or(decoded.text)
    } else if diagnostics.is_empty() && diff.is_none() && output.unused_suppressions.is_empty() {
        String::new()
    } else if diff.is_none() && output.unused_suppressions.is_empty() {
        let (kept, kept_moved) = keep_finding_lines(&decoded.text, &mut diagnostics);
        moved = kept_moved;
        kept
    } else {
        decoded.text
    };
    Outcome {
        result: Some(Linted {
            file: FileResult { path: file.display.clone(), source, diagnostics, moved },
            diff,
            fixes,
            unused: output.unused_suppressions,
            failing: 0,
            fails_on_findings: false,
        }),
        messages,
        error,
        failure: None,
    }
}

fn lint_stdin(prepared: &config::Prepared, args: &CheckArgs) -> anyhow::Result<Linted> {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
    // Under `--fix`, text that does not decode losslessly goes back out as it came in.
    let original = args.fix.then(|| bytes.clone());
    let decoded = walk::decode(bytes);
    let name = stdin_name(args);
    test_panic(&name);
    let format = args.stdin_filename.as_deref().and_then(walk::format_of).unwrap_or(cm_linter::Format::Markdown);
    let relative = args.stdin_filename.as_deref().map_or_else(|| name.clone(), |p| prepared.relative(p));
    let linter = &prepared.linter;
    let document = Document { source: &decoded.text, format };
    let output = linter.lint_path(&document, Some(&relative));
    let mut file = FileResult { path: name, source: String::new(), diagnostics: output.diagnostics, moved: Vec::new() };
    let mut diff = None;
    let mut fixes = FixCount::default();
    let mut fixed_source = None;
    if let Some(original) = original {
        // Standard input cannot be rewritten: the text goes to standard output, fixed or not,
        // and nothing else does (the report goes to standard error).
        let result = applied(linter, &document, Some(&relative), &file.diagnostics, args.applicability());
        let mut out = std::io::stdout().lock();
        match result.filter(|r| r.source != decoded.text) {
            Some(_) if !decoded.lossless => {
                let why = if decoded.invalid_at.is_some() { "not valid UTF-8" } else { "UTF-16, which is kept as is" };
                let line = format!("cm-lint: warning: {}: {why}; fixes not applied", file.path);
                writeln!(std::io::stderr(), "{}", escape::log_line(args.format, &line))?;
                out.write_all(&original)?;
            }
            Some(result) => {
                out.write_all(result.source.as_bytes())?;
                fixes.applied = result.applied;
                file.diagnostics = result.diagnostics;
                fixed_source = Some(result.source);
            }
            None => out.write_all(&original)?,
        }
        out.flush()?;
        if decoded.lossless && !args.unsafe_fixes {
            fixes.unsafe_left = count_unsafe(&file.diagnostics);
        }
    } else if args.diff {
        diff = diff_texts(linter, &document, Some(&relative), &file.diagnostics).filter(|_| decoded.lossless);
    }
    file.source = fixed_source.unwrap_or(decoded.text);
    Ok(Linted { file, diff, fixes, unused: output.unused_suppressions, failing: 0, fails_on_findings: false })
}

/// The name standard input stands for in messages.
fn stdin_name(args: &CheckArgs) -> String {
    args.stdin_filename.as_ref().map_or_else(|| "-".to_string(), |p| p.display().to_string())
}

/// Lints a Word document: its Markdown rendering is linted, and positions are mapped to
/// paragraph numbers and columns. A `.docx` is never written.
fn lint_docx(linter: &Linter, file: &walk::InputFile, args: &CheckArgs, bytes: &[u8]) -> Outcome {
    let docx = match cm_linter::prose::docx::read(bytes) {
        Ok(docx) => docx,
        Err(err) => return failed(file, format!("{err:#}")),
    };
    let output = linter
        .lint_path(&Document { source: &docx.markdown, format: cm_linter::Format::Markdown }, Some(&file.relative));
    let mut messages = Vec::new();
    // The fixes `--fix` would apply, or every fix for `--diff`.
    let required = if args.fix { args.applicability() } else { Applicability::Unsafe };
    let fixable = output.diagnostics.iter().filter(|d| d.fix.as_ref().is_some_and(|f| f.applies(required))).count();
    if (args.fix || args.diff) && fixable > 0 {
        messages.push(format!(
            "cm-lint: note: {}: .docx files are never modified; {fixable} suggested fixes not applied",
            file.display
        ));
    }
    let remap = |span: cm_linter::Span| {
        cm_linter::Span::new(
            docx.to_display(span.start()),
            docx.to_display(span.end()).max(docx.to_display(span.start())),
        )
    };
    let diagnostics = output
        .diagnostics
        .into_iter()
        .map(|mut d| {
            d.map_spans(remap);
            d
        })
        .collect();
    Outcome {
        result: Some(Linted {
            file: FileResult { path: file.display.clone(), source: docx.display(), diagnostics, moved: Vec::new() },
            diff: None,
            fixes: FixCount::default(),
            unused: Vec::new(),
            failing: 0,
            fails_on_findings: false,
        }),
        messages,
        error: false,
        failure: None,
    }
}

/// What to say of a file whose linting panicked.
fn internal_error(why: &str) -> String {
    format!("internal error; the file is not reported (please report this bug): {why}")
}

/// In debug builds only (tests), linting a file whose path contains the value of this variable
/// panics, so that tests can check that one file's panic does not stop the run. Release builds
/// do not read it.
#[cfg(debug_assertions)]
const TEST_PANIC_ON: &str = "CM_LINT_TEST_PANIC_ON";

fn test_panic(name: &str) {
    #[cfg(debug_assertions)]
    if std::env::var(TEST_PANIC_ON).is_ok_and(|v| !v.is_empty() && name.contains(&v)) {
        panic!("{TEST_PANIC_ON} matches this file");
    }
    let _ = name;
}

thread_local! {
    /// How many [`isolate`] calls this thread is in.
    static ISOLATED: Cell<u32> = const { Cell::new(0) };
    /// The last panic caught on this thread, with where it happened.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic hook that, inside [`isolate`], records the panic instead of printing it (a raw
/// report on standard error would reach the CI log unescaped); elsewhere it prints as usual.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if ISOLATED.with(Cell::get) > 0 {
            let at = info.location().map(|l| format!(" (at {}:{})", l.file(), l.line())).unwrap_or_default();
            let message = format!("{}{at}", panic_text(info.payload()));
            PANIC.with(|p| *p.borrow_mut() = Some(message));
        } else {
            default(info);
        }
    }));
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string())
}

/// Runs `f`, turning a panic into an error that says what panicked and where: one file's
/// internal error must not end the run.
fn isolate<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    ISOLATED.with(|n| n.set(n.get() + 1));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    ISOLATED.with(|n| n.set(n.get() - 1));
    result.map_err(|payload| PANIC.with(|p| p.borrow_mut().take()).unwrap_or_else(|| panic_text(&*payload)))
}
