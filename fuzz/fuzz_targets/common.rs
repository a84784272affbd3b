//! What every document target checks on what the engine returns, cheaply:
//!
//! - every span (finding, related phrase, fix edit, unused suppression) lies within the source
//!   and on character boundaries, and findings come ordered by start;
//! - each fix's edits do not overlap, and applying them to the source's bytes gives UTF-8;
//! - linting twice gives the same result, and (Markdown) reading every section gives the same
//!   findings as reading only those around a practice word;
//! - the source with every fix applied lints without breaking these rules either.
//!
//! The checks run on a thread with Rust's default 2 MiB stack, as linting does in the command
//! line (rayon's threads) and in the server (its worker), not on the fuzzer's 8 MiB main thread:
//! an input that overflows the stack there must overflow it here.

#![allow(dead_code)]

use std::sync::LazyLock;

use cm_linter::{apply_fixes, Applicability, Document, Fix, Format, LintOutput, Linter, Span};

/// The stack of a thread spawned without a size, where the front ends lint.
const WORKER_STACK: usize = 2 << 20;

pub const FORMATS: [Format; 3] = [Format::Markdown, Format::PlainText, Format::Html];

static LINTER: LazyLock<Linter> = LazyLock::new(Linter::default);
static READING_EVERYTHING: LazyLock<Linter> = LazyLock::new(|| Linter::default().reading_everything());

fn check_span(source: &str, span: Span, what: &str) {
    assert!(span.end() <= source.len(), "{what} {span:?} ends past the source ({} bytes)", source.len());
    assert!(
        source.is_char_boundary(span.start()) && source.is_char_boundary(span.end()),
        "{what} {span:?} is not on character boundaries"
    );
}

fn check_fix(source: &str, fix: &Fix) {
    let mut edits: Vec<_> = fix.edits.iter().collect();
    for edit in &edits {
        check_span(source, edit.span, "a fix edit");
    }
    edits.sort_by_key(|e| (e.span.start(), e.span.end()));
    for pair in edits.windows(2) {
        assert!(pair[0].span.end() <= pair[1].span.start(), "the fix {:?} has overlapping edits", fix.title);
    }
    let mut bytes = source.as_bytes().to_vec();
    for edit in edits.iter().rev() {
        bytes.splice(edit.span.range(), edit.replacement.bytes());
    }
    assert!(String::from_utf8(bytes).is_ok(), "the fix {:?} gives invalid UTF-8", fix.title);
}

/// Checks one output against its source.
fn check_output(source: &str, output: &LintOutput) {
    for d in &output.diagnostics {
        check_span(source, d.span, d.rule.code);
        if let Some(related) = d.related {
            check_span(source, related, "a related span");
        }
        if let Some(fix) = &d.fix {
            check_fix(source, fix);
        }
    }
    assert!(
        output.diagnostics.windows(2).all(|p| p[0].span.start() <= p[1].span.start()),
        "findings are not ordered by start"
    );
    for unused in &output.unused_suppressions {
        check_span(source, unused.span, "an unused suppression");
    }
}

/// Lints the source in one format and checks everything above; returns the output.
pub fn check(source: &str, format: Format) -> LintOutput {
    let document = Document { source, format };
    let first = LINTER.lint(&document);
    check_output(source, &first);
    let second = LINTER.lint(&document);
    assert_eq!(first.diagnostics, second.diagnostics, "linting twice gave different findings");
    assert_eq!(first.unused_suppressions, second.unused_suppressions, "linting twice gave different suppressions");
    if format == Format::Markdown {
        let everything = READING_EVERYTHING.lint(&document);
        assert_eq!(first.diagnostics, everything.diagnostics, "reading every section changed the findings");
    }
    let fixes: Vec<&Fix> = first.diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
    if !fixes.is_empty() {
        let fixed = apply_fixes(source, fixes);
        check_output(&fixed, &LINTER.lint(&Document { source: &fixed, format }));
    }
    first
}

/// The alternate signal stack of a linting thread: room for libFuzzer's crash report.
const SIGNAL_STACK: usize = 256 << 10;

/// Runs `f` on a thread with a worker's stack (see the module's note).
///
/// The thread gets an alternate signal stack, and libFuzzer's SIGSEGV handler is told to use it:
/// a fuzz target's `main` is libFuzzer's, so Rust's stack-overflow handler is never installed,
/// and without this a stack overflow would kill the process without a report or an artifact.
pub fn on_worker_stack(f: impl FnOnce() + Send) {
    static ON_SIGNAL_STACK: std::sync::Once = std::sync::Once::new();
    ON_SIGNAL_STACK.call_once(|| {
        for signal in [libc::SIGSEGV, libc::SIGBUS] {
            // SAFETY: reads the installed action and installs it again with one more flag.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signal, std::ptr::null(), &mut action) == 0 {
                    action.sa_flags |= libc::SA_ONSTACK;
                    libc::sigaction(signal, &action, std::ptr::null_mut());
                }
            }
        }
    });
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new().stack_size(WORKER_STACK).spawn_scoped(scope, || {
            let _signal_stack = SignalStack::new();
            f();
        });
        if let Err(panic) = worker.expect("spawn a linting thread").join() {
            std::panic::resume_unwind(panic);
        }
    });
}

/// This thread's alternate signal stack, for as long as it lives.
struct SignalStack(Vec<u8>);

impl SignalStack {
    fn new() -> SignalStack {
        let mut memory = vec![0u8; SIGNAL_STACK];
        let stack = libc::stack_t { ss_sp: memory.as_mut_ptr().cast(), ss_flags: 0, ss_size: memory.len() };
        // SAFETY: the memory outlives its use: `drop` turns the alternate stack off first.
        unsafe { libc::sigaltstack(&stack, std::ptr::null_mut()) };
        SignalStack(memory)
    }
}

impl Drop for SignalStack {
    fn drop(&mut self) {
        let off = libc::stack_t { ss_sp: std::ptr::null_mut(), ss_flags: libc::SS_DISABLE, ss_size: 0 };
        // SAFETY: turns this thread's alternate stack off before its memory is freed.
        unsafe { libc::sigaltstack(&off, std::ptr::null_mut()) };
        let _ = self.0.len();
    }
}

/// Lints the source in each of the three formats (see [`check`]), on a worker's stack.
pub fn check_all_formats(source: &str) {
    on_worker_stack(|| {
        for format in FORMATS {
            check(source, format);
        }
    });
}

/// `Linter::fix`: its result lints as it says, and fixing the fixed source changes nothing.
pub fn check_fixing(source: &str, format: Format) {
    let fixed = LINTER.fix(&Document { source, format }, None, Applicability::Unsafe);
    check_output(
        &fixed.source,
        &LintOutput { diagnostics: fixed.diagnostics.clone(), unused_suppressions: Vec::new() },
    );
    assert_eq!(
        fixed.diagnostics,
        LINTER.lint(&Document { source: &fixed.source, format }).diagnostics,
        "Linter::fix reports findings that linting its result does not give"
    );
    if fixed.applied > 0 {
        let again = LINTER.fix(&Document { source: &fixed.source, format }, None, Applicability::Unsafe);
        assert_eq!(
            again.source, fixed.source,
            "fixing the fixed source changed it again ({} more fixes)",
            again.applied
        );
    }
}
