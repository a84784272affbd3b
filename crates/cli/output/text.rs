//! `--format text`: rustc-style snippets (annotate-snippets): the line, carets under the word,
//! the rule code and name, and a help line.

use std::io::Write;

use annotate_snippets::{Level, Renderer, Snippet};
use cm_linter::{Applicability, LineIndex, Severity};

use super::FileResult;
use crate::escape::{terminal, terminal_lines};

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
    }
}

/// What a fix's applicability means for the reader of a help line.
fn fix_kind(applicability: Applicability) -> &'static str {
    match applicability {
        Applicability::Safe => "safe fix: --fix applies it",
        Applicability::Unsafe => "unsafe fix: it may change the meaning; --fix --unsafe-fixes applies it",
    }
}

pub(super) fn write(out: &mut dyn Write, results: &[FileResult], color: bool) -> std::io::Result<()> {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    // The rules whose reference definition the report has cited: named in full the first time.
    let mut cited = std::collections::HashSet::new();
    for result in results.iter().filter(|r| !r.diagnostics.is_empty()) {
        let index = LineIndex::new(&result.source);
        let path = terminal(&result.path);
        for d in &result.diagnostics {
            let start = index.line_col(d.span.start());
            let end = index.line_col(d.span.end());
            let first_line = index.offset(cm_linter::LineCol { line: start.line, col: 0 });
            let last_line_end = index.offset(cm_linter::LineCol { line: end.line, col: u32::MAX });
            let raw = &result.source[first_line..last_line_end.max(first_line)];
            let raw_start = (d.span.start() - first_line).min(raw.len());
            let raw_end = (d.span.end() - first_line).clamp(raw_start, raw.len());
            // Control characters become stand-ins one column wide, one per character: where
            // the escaped prefix ends is where the span starts in the escaped text.
            let snippet_text = terminal_lines(raw);
            let local_start = terminal_lines(&raw[..raw_start]).len();
            let local = local_start..local_start + terminal_lines(&raw[raw_start..raw_end]).len();
            let title = terminal(&format!("[{}] {}", d.rule.name, d.message)).into_owned();
            let help = d
                .fix
                .as_ref()
                .map(|f| format!("{} ({})", terminal(&f.title), fix_kind(f.applicability)))
                .unwrap_or_else(|| format!("see `cm-lint explain {}`", d.rule.code));
            let mut message = level(d.severity).title(&title).id(d.rule.code).snippet(
                Snippet::source(&snippet_text)
                    .line_start(start.line as usize + 1)
                    .origin(&path)
                    .fold(false)
                    .annotation(level(d.severity).span(local)),
            );
            let note = d.note.map(|n| {
                if cited.insert(d.rule.code) {
                    format!("the reference definition (`cm-lint explain {}`): {n}", d.rule.code)
                } else {
                    format!("the reference definition: {n}")
                }
            });
            if let Some(note) = &note {
                message = message.footer(Level::Note.title(note));
            }
            // The chain: the trait phrase and how it reached the word.
            let why = d.chain.map(|c| {
                let text = |s: cm_linter::Span| clip(result.source.get(s.start()..s.end()).unwrap_or_default());
                terminal(&format!("why: \"{}\" is {} ('{}')", text(c.phrase), c.how, text(c.word))).into_owned()
            });
            if let Some(why) = &why {
                message = message.footer(Level::Note.title(why));
            }
            let repeats = super::repeats_note(&index, d);
            if let Some(repeats) = &repeats {
                message = message.footer(Level::Note.title(repeats));
            }
            message = message.footer(Level::Help.title(&help));
            // A trait the team's programme has by design is said once, in the configuration.
            let allow = d
                .allow_hint()
                .map(|hint| format!("if this trait is your programme's design, say so once in cm-lint.toml: {hint}"));
            if let Some(allow) = &allow {
                message = message.footer(Level::Help.title(allow));
            }
            writeln!(out, "{}\n", renderer.render(message))?;
        }
    }
    Ok(())
}

/// A phrase as a note quotes it: white space runs as one space, at most 80 characters.
fn clip(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &one_line[..at]),
        None => one_line,
    }
}
