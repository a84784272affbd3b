//! The server state and its message loop.

use std::collections::{HashMap, HashSet, VecDeque};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use cm_linter::discover::{Discovery, Loaded};
use cm_linter::{Applicability, Document, Format, Linter, Severity, Span};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, CodeActionResolveRequest, DocumentDiagnosticRequest, HoverRequest, Request as _,
};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability,
    CodeDescription, Diagnostic, DiagnosticOptions, DiagnosticRelatedInformation, DiagnosticServerCapabilities,
    DiagnosticSeverity, DidChangeTextDocumentParams, DidOpenTextDocumentParams, DocumentChanges,
    DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    Hover, HoverContents, HoverParams, HoverProviderCapability, InitializeParams, InitializeResult, Location,
    LogMessageParams, MarkupContent, MarkupKind, MessageType, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, PublishDiagnosticsParams, RelatedFullDocumentDiagnosticReport,
    ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentEdit, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};

use crate::convert::{Encoding, Lines, Positions};

/// One open document.
struct OpenDocument {
    text: String,
    version: i32,
    format: Format,
    lines: Lines,
    /// Names this text: set from the server's counter on open and on every change, so that a
    /// lint of an earlier text (or of an earlier open of the same URI) is never taken for it.
    revision: u64,
    /// The findings of the newest lint that finished; they describe the current text only when
    /// [`Server::is_current`] says so.
    analysis: Option<Analysis>,
    /// Waiting in the queue to be linted.
    queued: bool,
    /// The revision being linted on a worker.
    linting: Option<u64>,
    /// The practice words of the text of a revision, computed for hovers.
    words: Option<(u64, Vec<(Span, cm_core::Practice)>)>,
    /// "Fix all" for a revision and configuration, computed when first asked for.
    fix_all: Option<FixAll>,
    /// The revision whose practice words a worker is finding.
    words_job: Option<u64>,
    /// The revision and generation whose "fix all" a worker is computing.
    fix_all_job: Option<(u64, u64)>,
}

struct FixAll {
    revision: u64,
    generation: u64,
    /// The stretch of the text that fixing replaces, and its replacement.
    stretch: Option<(Span, String)>,
}

impl OpenDocument {
    fn positions(&self, encoding: Encoding) -> Positions<'_> {
        Positions::new(&self.text, &self.lines, encoding)
    }
}

/// The outcome of linting one text of a document with one configuration.
struct Analysis {
    revision: u64,
    generation: u64,
    diagnostics: Vec<cm_linter::Diagnostic>,
    /// The engine panicked on this text; the message says how.
    failed: Option<String>,
}

/// Settings from the client (`initializationOptions`, `workspace/didChangeConfiguration`).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
struct ClientSettings {
    select: Option<Vec<String>>,
    ignore: Vec<String>,
    severity: HashMap<String, String>,
}

impl ClientSettings {
    /// Reads settings from a JSON value, whether bare or under `cmLint` / `cm-lint`.
    fn from_value(value: &serde_json::Value) -> ClientSettings {
        let inner =
            value.get("cmLint").or_else(|| value.get("cm-lint")).or_else(|| value.get("settings")).unwrap_or(value);
        serde_json::from_value(inner.clone()).unwrap_or_default()
    }
}

struct Server {
    sender: crossbeam_channel::Sender<Message>,
    encoding: Encoding,
    documents: HashMap<Uri, OpenDocument>,
    roots: Vec<PathBuf>,
    settings: ClientSettings,
    /// Each document's configuration: the nearest `cm-lint.toml` in its file's folder or
    /// above, found as the command line finds it, with the client's settings on top.
    configs: Arc<Discovery<Configured>>,
    /// The defaults with the client's settings on top: for a document that is not a file, and
    /// for one whose configuration cannot be used (it is reported).
    fallback: Arc<Linter>,
    /// The configuration problems shown to the user since the last reload, each once.
    shown_problems: HashSet<String>,
    /// Bumped on every configuration reload: findings of an older configuration are stale.
    generation: u64,
    /// The last revision handed out (see [`OpenDocument::revision`]).
    revisions: u64,
    shutdown_requested: bool,
    /// Documents waiting to be linted, oldest first; each at most once (its newest text is
    /// taken when a worker is free, so a flood of changes costs one lint, not one per change).
    queue: VecDeque<Uri>,
    /// Every lint runs on a worker thread, so that the loop answers hovers and code actions
    /// while documents are linted.
    jobs: crossbeam_channel::Sender<Job>,
    results: crossbeam_channel::Receiver<JobResult>,
    workers: usize,
    busy: usize,
    /// The client pulls diagnostics (`textDocument/diagnostic`); nothing is pushed to it.
    pull: bool,
    /// Pulls waiting for the lint of the current text of their document.
    waiting_pulls: HashMap<Uri, Vec<RequestId>>,
    /// Hovers over large documents waiting for their practice words.
    waiting_hovers: HashMap<Uri, Vec<(RequestId, HoverParams)>>,
    /// The client takes versioned edits (`documentChanges`).
    document_changes: bool,
    /// The client resolves a code action's edit when it is picked (`codeAction/resolve`).
    resolve_edits: bool,
}

/// A document to lint on a worker.
struct Job {
    work: Work,
    uri: Uri,
    revision: u64,
    generation: u64,
    text: Arc<str>,
    format: Format,
    relative: Option<String>,
    linter: Arc<Linter>,
}

/// What a worker does with a text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Work {
    Lint,
    /// Find the practice words, for hovers over a large document.
    Words,
    /// Compute "fix all" for a large document.
    FixAll,
}

/// What a worker found.
enum Outcome {
    Lint(Result<Vec<cm_linter::Diagnostic>, String>),
    Words(Vec<(Span, cm_core::Practice)>),
    FixAll(Option<(Span, String)>),
}

impl Job {
    fn run(&self) -> Outcome {
        match self.work {
            Work::Lint => Outcome::Lint(lint_job(self)),
            Work::Words => Outcome::Words(practice_words(&self.linter, &self.text, self.format)),
            Work::FixAll => {
                Outcome::FixAll(compute_fix_all(&self.linter, &self.text, self.format, self.relative.as_deref()))
            }
        }
    }
}

/// The practice words of a text (none if the engine panics: a hover is no place to say so).
fn practice_words(linter: &Linter, text: &str, format: Format) -> Vec<(Span, cm_core::Practice)> {
    std::panic::catch_unwind(AssertUnwindSafe(|| linter.practice_words(&Document { source: text, format })))
        .unwrap_or_default()
}

/// "Fix all" for a text: the stretch that fixing replaces and its replacement (none when
/// nothing changes, or when the engine panics: the quick fixes still stand).
fn compute_fix_all(linter: &Linter, text: &str, format: Format, relative: Option<&str>) -> Option<(Span, String)> {
    let required = fix_all_applicability(text);
    let fixed = std::panic::catch_unwind(AssertUnwindSafe(|| {
        linter.fix(&Document { source: text, format }, relative, required)
    }));
    fixed.ok().and_then(|fixed| changed_stretch(text, &fixed.source))
}

/// The kind of "fix all": an editor applies `source.fixAll` actions unread (VS Code's
/// `editor.codeActionsOnSave`), so it is cm-lint's own kind, holding safe fixes only. The bare
/// `source.fixAll` is never offered.
pub(crate) const FIX_ALL_KIND: &str = "source.fixAll.cm-lint";

/// The fixes "fix all" applies: the safe ones (`cm-lint --fix`). A fix that may change the
/// meaning (every word swap) is only ever offered as a quick fix, which a person picks.
fn fix_all_applicability(text: &str) -> Applicability {
    #[cfg(test)]
    if text.contains(TEST_UNSAFE_FIX_ALL) {
        return Applicability::Unsafe;
    }
    let _ = text;
    Applicability::Safe
}

/// Text whose "fix all" applies unsafe fixes too, in the crate's own tests: no rule has a safe
/// fix yet, and the tests of how "fix all" is computed and resolved need one to apply.
#[cfg(test)]
pub(crate) const TEST_UNSAFE_FIX_ALL: &str = "cm-lsp-test-unsafe-fix-all";

/// Documents at least this large have their practice words (for hovers) and "fix all" (for
/// clients that cannot resolve it when picked) computed on a worker; smaller ones in the loop
/// (a few milliseconds).
const IN_LOOP_BYTES: usize = 64 * 1024;

/// Findings computed on a worker, for one revision of a document.
struct JobResult {
    uri: Uri,
    revision: u64,
    generation: u64,
    outcome: Outcome,
}

/// Text that makes the engine "panic" in the crate's own tests, to test what the server does
/// when the engine has a bug.
#[cfg(test)]
pub(crate) const TEST_PANIC: &str = "cm-lsp-test-panic";

/// Lints one text, turning a panic of the engine into an error that says what happened.
fn lint_job(job: &Job) -> Result<Vec<cm_linter::Diagnostic>, String> {
    std::panic::catch_unwind(AssertUnwindSafe(|| {
        #[cfg(test)]
        if job.text.contains(TEST_PANIC) {
            panic!("a test asked the engine to panic");
        }
        job.linter.lint_path(&Document { source: &job.text, format: job.format }, job.relative.as_deref()).diagnostics
    }))
    .map_err(|payload| panic_message(payload.as_ref()))
}

/// The text of a panic.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// Starts the linting workers: each takes a job, lints it and sends the result back.
fn spawn_workers() -> (crossbeam_channel::Sender<Job>, crossbeam_channel::Receiver<JobResult>, usize) {
    let (job_tx, job_rx) = crossbeam_channel::unbounded::<Job>();
    let (result_tx, result_rx) = crossbeam_channel::unbounded::<JobResult>();
    let wanted = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let mut workers = 0;
    for n in 0..wanted {
        let (job_rx, result_tx) = (job_rx.clone(), result_tx.clone());
        let spawned =
            std::thread::Builder::new().name(format!("cm-lsp-linter-{n}")).stack_size(STACK).spawn(move || {
                while let Ok(job) = job_rx.recv() {
                    let outcome = job.run();
                    let result =
                        JobResult { uri: job.uri, revision: job.revision, generation: job.generation, outcome };
                    if result_tx.send(result).is_err() {
                        return;
                    }
                }
            });
        if spawned.is_ok() {
            workers += 1;
        }
    }
    if workers == 0 {
        log("cannot start a linting thread; documents will be linted in the loop");
    }
    (job_tx, result_rx, workers)
}

fn log(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "cm-lsp: {message}");
}

/// The most characters of a message shown to the user.
const SHOWN_CHARS: usize = 500;

/// The stack of the loop and of each worker. A stack overflow aborts the process (no
/// `catch_unwind` can stop it), and deeply nested input recurses deeply in parsers: a thread's
/// default is 2 MiB, the main thread's 8 MiB. Only the pages used are ever committed.
const STACK: usize = 64 << 20;

/// Runs the server over a connection; returns the exit code.
pub fn run(connection: Connection) -> i32 {
    // The loop calls the engine too (hovers, "fix all"): it gets the workers' stack.
    let spawned =
        std::thread::Builder::new().name("cm-lsp-loop".into()).stack_size(STACK).spawn(move || serve(connection));
    match spawned {
        Ok(thread) => thread.join().unwrap_or(1),
        Err(err) => {
            log(&format!("cannot start the server's thread: {err}"));
            1
        }
    }
}

fn serve(connection: Connection) -> i32 {
    // The engine's tables are built while the client finishes starting up.
    std::thread::spawn(cm_linter::warm_up);
    let (id, params) = match connection.initialize_start() {
        Ok(start) => start,
        Err(err) => {
            log(&format!("initialisation failed: {err}"));
            return 1;
        }
    };
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let encoding =
        Encoding::negotiate(params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
    // A client that pulls diagnostics gets them only by pulling; the others get them pushed.
    // Doing both shows every finding twice (Neovim 0.11).
    let pull = params.capabilities.text_document.as_ref().and_then(|t| t.diagnostic.as_ref()).is_some();
    let document_changes = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.workspace_edit.as_ref())
        .and_then(|e| e.document_changes)
        .unwrap_or(false);
    let resolve_edits = params
        .capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.code_action.as_ref())
        .and_then(|c| c.resolve_support.as_ref())
        .is_some_and(|r| r.properties.iter().any(|p| p == "edit"));
    let result = InitializeResult {
        capabilities: capabilities(encoding, pull, resolve_edits),
        server_info: Some(server_info()),
    };
    let result = serde_json::to_value(result).unwrap_or_default();
    if let Err(err) = connection.initialize_finish(id, result) {
        log(&format!("initialisation failed: {err}"));
        return 1;
    }
    let roots = workspace_roots(&params);
    let settings = params.initialization_options.as_ref().map(ClientSettings::from_value).unwrap_or_default();
    let (jobs, results, workers) = spawn_workers();
    let mut server = Server {
        sender: connection.sender.clone(),
        encoding,
        documents: HashMap::new(),
        roots,
        configs: Arc::new(Discovery::new(Path::new("."), |loaded| Configured::new(loaded, &ClientSettings::default()))),
        fallback: Arc::new(Linter::default()),
        shown_problems: HashSet::new(),
        settings,
        generation: 0,
        revisions: 0,
        shutdown_requested: false,
        queue: VecDeque::new(),
        jobs,
        results,
        workers,
        busy: 0,
        pull,
        waiting_pulls: HashMap::new(),
        waiting_hovers: HashMap::new(),
        document_changes,
        resolve_edits,
    };
    server.reload_config();
    server.register_watchers(&params);
    let results = server.results.clone();
    loop {
        crossbeam_channel::select! {
            recv(connection.receiver) -> message => match message {
                Ok(Message::Request(request)) => server.on_request(request),
                Ok(Message::Notification(notification)) => {
                    if notification.method == "exit" {
                        return i32::from(!server.shutdown_requested);
                    }
                    server.on_notification(notification);
                }
                Ok(Message::Response(_)) => {}
                // The client closed the stream (eglot may kill the process right after shutdown).
                Err(_) => return i32::from(!server.shutdown_requested),
            },
            recv(results) -> result => {
                if let Ok(result) = result {
                    if let Err(payload) = std::panic::catch_unwind(AssertUnwindSafe(|| server.on_result(result))) {
                        let message = panic_message(payload.as_ref());
                        server.log_client(MessageType::ERROR, &format!("handling a lint result panicked ({message})"));
                        let _ = std::panic::catch_unwind(AssertUnwindSafe(|| server.schedule()));
                    }
                }
            }
        }
    }
}

fn server_info() -> ServerInfo {
    ServerInfo { name: "cm-lint".to_string(), version: Some(env!("CARGO_PKG_VERSION").to_string()) }
}

fn capabilities(encoding: Encoding, pull: bool, resolve_edits: bool) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL_KIND)]),
            resolve_provider: resolve_edits.then_some(true),
            ..Default::default()
        })),
        diagnostic_provider: pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("cm-lint".to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                ..Default::default()
            })
        }),
        ..Default::default()
    }
}

#[allow(deprecated)]
fn workspace_roots(params: &InitializeParams) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> =
        params.workspace_folders.iter().flatten().filter_map(|f| uri_to_path(&f.uri)).collect();
    if roots.is_empty() {
        roots.extend(params.root_uri.as_ref().and_then(uri_to_path));
    }
    roots
}

/// The file-system path of a `file:` URI.
fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    let path = rest.find('/').map_or(rest, |i| &rest[i..]);
    let mut bytes = Vec::with_capacity(path.len());
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' && i + 2 < raw.len() {
            if let Ok(byte) = u8::from_str_radix(&path[i + 1..i + 3], 16) {
                bytes.push(byte);
                i += 3;
                continue;
            }
        }
        bytes.push(raw[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8_lossy(&bytes).into_owned()))
}

/// The format of a document, from the client's language id, else its extension.
fn format_of(language_id: &str, uri: &Uri) -> Format {
    match language_id {
        "markdown" | "mdx" | "md" => Format::Markdown,
        "html" | "mhtml" | "htm" | "xhtml" => Format::Html,
        "plaintext" | "text" | "txt" => Format::PlainText,
        _ => {
            let path = uri.as_str();
            let ext = path.rsplit('.').next().unwrap_or("");
            Format::from_extension(ext).unwrap_or(Format::PlainText)
        }
    }
}

fn rule_doc_uri(code: &str) -> Option<Uri> {
    cm_linter::rules::find(code)?.doc_url().parse().ok()
}

impl Server {
    fn send(&self, message: impl Into<Message>) {
        let _ = self.sender.send(message.into());
    }

    fn respond_error(&self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Response::new_err(id, code as i32, message));
    }

    /// Logs to the client's log (`window/logMessage`) and to standard error.
    fn log_client(&self, kind: MessageType, message: &str) {
        log(message);
        let params = LogMessageParams { typ: kind, message: format!("cm-lint: {message}") };
        self.send(Notification::new(LogMessage::METHOD.to_string(), params));
    }

    /// Shows a message to the user (`window/showMessage`), and logs it.
    /// A message longer than [`SHOWN_CHARS`] is cut there (a configuration error can quote a
    /// 160 KB glob); the log has it whole.
    fn show(&self, kind: MessageType, message: &str) {
        self.log_client(kind, message);
        let message = match message.char_indices().nth(SHOWN_CHARS) {
            Some((cut, _)) => format!("{}… (the log has the whole message)", &message[..cut]),
            None => message.to_string(),
        };
        let params = ShowMessageParams { typ: kind, message: format!("cm-lint: {message}") };
        self.send(Notification::new(ShowMessage::METHOD.to_string(), params));
    }

    /// Starts over with the configuration: every document's is found again (the nearest
    /// `cm-lint.toml` above its file) with the client's settings on top, and those of the
    /// workspace folders are read now, so that a problem in them is shown at once. A
    /// configuration that cannot be used is reported and the defaults (with the client's
    /// settings) are used for its documents; settings that make the engine panic (a bug) are
    /// reported and the previous configuration is kept. Either way the server goes on, and
    /// every open document is linted again.
    fn reload_config(&mut self) {
        let settings = self.settings.clone();
        let built =
            std::panic::catch_unwind(AssertUnwindSafe(|| Linter::new(settings.apply(cm_linter::Config::default()).0)));
        match built {
            Ok(fallback) => {
                let (_, unknown) = settings.apply(cm_linter::Config::default());
                let root = self.roots.first().cloned().unwrap_or_else(|| PathBuf::from("."));
                self.fallback = Arc::new(fallback);
                self.configs = Arc::new(Discovery::new(&root, move |loaded| Configured::new(loaded, &settings)));
                self.shown_problems.clear();
                for problem in unknown {
                    self.show(MessageType::WARNING, &format!("settings: {problem}; ignored"));
                }
                for root in self.roots.clone() {
                    self.configured_dir(&root);
                }
            }
            Err(payload) => {
                self.show(
                    MessageType::ERROR,
                    &format!(
                        "the client's settings: internal error while loading the configuration ({}); the previous \
                         configuration is kept",
                        panic_message(payload.as_ref())
                    ),
                );
            }
        }
        self.generation += 1;
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            if let Some(doc) = self.documents.get_mut(&uri) {
                // The configuration's programme names are practice words too.
                doc.words = None;
            }
            self.enqueue(&uri);
        }
        self.schedule();
    }

    /// The linter for the files in `dir` and the folder its paths are relative to; the
    /// fallback (and the problem shown, once) when its configuration cannot be used.
    fn configured_dir(&mut self, dir: &Path) -> (Arc<Linter>, Option<PathBuf>) {
        let configs = Arc::clone(&self.configs);
        let problem = match std::panic::catch_unwind(AssertUnwindSafe(|| configs.for_dir(dir))) {
            Ok(Ok(configured)) => return (Arc::clone(&configured.linter), Some(configured.root.clone())),
            Ok(Err(err)) => err.problems.join("; "),
            Err(payload) => format!(
                "{}: internal error while loading the configuration ({})",
                dir.display(),
                panic_message(payload.as_ref())
            ),
        };
        if self.shown_problems.insert(problem.clone()) {
            self.show(MessageType::ERROR, &format!("{problem}; the default configuration is used"));
        }
        (Arc::clone(&self.fallback), None)
    }

    /// The linter for a document and its path relative to its configuration's folder (for
    /// `per-file-ignores`), as the command line gives them for the same file.
    fn configured(&mut self, uri: &Uri) -> (Arc<Linter>, Option<String>) {
        let Some(path) = uri_to_path(uri) else { return (Arc::clone(&self.fallback), None) };
        let dir = path.parent().map_or_else(|| path.clone(), Path::to_path_buf);
        let (linter, root) = self.configured_dir(&dir);
        let relative = root.map(|root| cm_linter::discover::relative_to(&root, &path));
        (linter, relative)
    }

    fn on_request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.shutdown_requested && request.method != "shutdown" {
            self.respond_error(id, ErrorCode::InvalidRequest, "the server is shutting down".to_string());
            return;
        }
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| self.dispatch(request)));
        if let Err(payload) = outcome {
            let message = panic_message(payload.as_ref());
            self.log_client(MessageType::ERROR, &format!("a request handler panicked ({message}); the server goes on"));
            self.respond_error(id, ErrorCode::InternalError, "internal error in cm-lint".to_string());
        }
    }

    fn dispatch(&mut self, request: Request) {
        let id = request.id.clone();
        match request.method.as_str() {
            "shutdown" => {
                self.shutdown_requested = true;
                // Pulls still waiting for a lint get what is known: nothing.
                for (_, ids) in std::mem::take(&mut self.waiting_pulls) {
                    for id in ids {
                        self.send(Response::new_ok(id, full_report(Vec::new())));
                    }
                }
                for (_, hovers) in std::mem::take(&mut self.waiting_hovers) {
                    for (id, _) in hovers {
                        self.send(Response::new_ok(id, serde_json::Value::Null));
                    }
                }
                self.send(Response::new_ok(id, ()));
            }
            HoverRequest::METHOD => match serde_json::from_value::<HoverParams>(request.params) {
                Ok(params) => {
                    let uri = params.text_document_position_params.text_document.uri.clone();
                    if self.find_words(&uri) {
                        self.waiting_hovers.entry(uri).or_default().push((id, params));
                    } else {
                        let hover = self.hover(&params);
                        self.send(Response::new_ok(id, hover));
                    }
                }
                Err(err) => self.respond_error(id, ErrorCode::InvalidParams, err.to_string()),
            },
            CodeActionResolveRequest::METHOD => match serde_json::from_value::<CodeAction>(request.params) {
                Ok(action) => self.resolve_code_action(id, action),
                Err(err) => self.respond_error(id, ErrorCode::InvalidParams, err.to_string()),
            },
            CodeActionRequest::METHOD => match serde_json::from_value::<CodeActionParams>(request.params) {
                Ok(params) => {
                    let actions = self.code_actions(&params);
                    self.send(Response::new_ok(id, actions));
                }
                Err(err) => self.respond_error(id, ErrorCode::InvalidParams, err.to_string()),
            },
            DocumentDiagnosticRequest::METHOD => {
                match serde_json::from_value::<DocumentDiagnosticParams>(request.params) {
                    Ok(params) => {
                        let uri = params.text_document.uri;
                        match self.documents.get(&uri) {
                            // Answered when the current text is linted.
                            Some(doc) if !self.is_current(doc) => {
                                self.waiting_pulls.entry(uri).or_default().push(id);
                            }
                            Some(doc) => self.send(Response::new_ok(id, full_report(self.to_lsp(&uri, doc)))),
                            None => self.send(Response::new_ok(id, full_report(Vec::new()))),
                        }
                    }
                    Err(err) => self.respond_error(id, ErrorCode::InvalidParams, err.to_string()),
                }
            }
            _ => self.respond_error(id, ErrorCode::MethodNotFound, format!("unknown method {}", request.method)),
        }
    }

    fn on_notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| self.handle_notification(notification)));
        match outcome {
            Ok(Err(err)) => log(&format!("{method}: {err}")),
            Err(payload) => self.log_client(
                MessageType::ERROR,
                &format!("{method}: handler panicked ({}); the server goes on", panic_message(payload.as_ref())),
            ),
            Ok(Ok(())) => {}
        }
    }

    fn handle_notification(&mut self, notification: Notification) -> Result<(), String> {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let params: DidOpenTextDocumentParams =
                    serde_json::from_value(notification.params).map_err(|e| e.to_string())?;
                let doc = params.text_document;
                let format = format_of(&doc.language_id, &doc.uri);
                let lines = Lines::new(&doc.text);
                // Opened again while open: the queue and a worker may hold it already.
                let (queued, linting) = self.documents.get(&doc.uri).map_or((false, None), |d| (d.queued, d.linting));
                self.documents.insert(
                    doc.uri.clone(),
                    OpenDocument {
                        text: doc.text,
                        version: doc.version,
                        format,
                        lines,
                        revision: 0,
                        analysis: None,
                        queued,
                        linting,
                        words: None,
                        fix_all: None,
                        words_job: None,
                        fix_all_job: None,
                    },
                );
                self.changed(&doc.uri);
            }
            DidChangeTextDocument::METHOD => {
                let params: DidChangeTextDocumentParams =
                    serde_json::from_value(notification.params).map_err(|e| e.to_string())?;
                let uri = params.text_document.uri;
                let encoding = self.encoding;
                let Some(doc) = self.documents.get_mut(&uri) else {
                    return Err(format!("change for a document that is not open: {}", uri.as_str()));
                };
                for change in params.content_changes {
                    match change.range {
                        Some(range) => {
                            let positions = Positions::new(&doc.text, &doc.lines, encoding);
                            let start = positions.offset(range.start);
                            let end = positions.offset(range.end).max(start);
                            doc.text.replace_range(start..end, &change.text);
                            doc.lines.edit(&doc.text, start, end, change.text.len());
                        }
                        None => {
                            doc.text = change.text;
                            doc.lines = Lines::new(&doc.text);
                        }
                    }
                }
                doc.version = params.text_document.version;
                self.changed(&uri);
            }
            DidSaveTextDocument::METHOD => {
                let params: lsp_types::DidSaveTextDocumentParams =
                    serde_json::from_value(notification.params).map_err(|e| e.to_string())?;
                let uri = params.text_document.uri;
                match (params.text, self.documents.get_mut(&uri)) {
                    (Some(text), Some(doc)) if text != doc.text => {
                        doc.lines = Lines::new(&text);
                        doc.text = text;
                        self.changed(&uri);
                    }
                    _ => {}
                }
            }
            DidCloseTextDocument::METHOD => {
                let params: lsp_types::DidCloseTextDocumentParams =
                    serde_json::from_value(notification.params).map_err(|e| e.to_string())?;
                let uri = params.text_document.uri;
                if self.documents.remove(&uri).is_some_and(|d| d.queued) {
                    self.queue.retain(|queued| queued != &uri);
                }
                for id in self.waiting_pulls.remove(&uri).unwrap_or_default() {
                    self.send(Response::new_ok(id, full_report(Vec::new())));
                }
                for (id, _) in self.waiting_hovers.remove(&uri).unwrap_or_default() {
                    self.send(Response::new_ok(id, serde_json::Value::Null));
                }
                self.publish(uri, Vec::new(), None);
            }
            DidChangeConfiguration::METHOD => {
                let params: lsp_types::DidChangeConfigurationParams =
                    serde_json::from_value(notification.params).map_err(|e| e.to_string())?;
                if !params.settings.is_null() && params.settings.as_object().is_none_or(|o| !o.is_empty()) {
                    self.settings = ClientSettings::from_value(&params.settings);
                }
                self.reload_config();
                self.refresh_pulled();
            }
            DidChangeWatchedFiles::METHOD => {
                self.reload_config();
                self.refresh_pulled();
            }
            _ => {}
        }
        Ok(())
    }

    /// Asks a pulling client to pull again (after a configuration change).
    fn refresh_pulled(&self) {
        if self.pull {
            self.send(Request::new(
                RequestId::from("cm-lint-refresh".to_string()),
                "workspace/diagnostic/refresh".to_string(),
                serde_json::Value::Null,
            ));
        }
    }

    /// Whether the document's findings are those of its current text and configuration.
    fn is_current(&self, doc: &OpenDocument) -> bool {
        doc.analysis.as_ref().is_some_and(|a| a.revision == doc.revision && a.generation == self.generation)
    }

    /// The text of a document changed: it gets a new revision and is linted when a worker is
    /// free.
    fn changed(&mut self, uri: &Uri) {
        self.revisions += 1;
        let revision = self.revisions;
        if let Some(doc) = self.documents.get_mut(uri) {
            doc.revision = revision;
        }
        self.enqueue(uri);
        self.schedule();
    }

    fn enqueue(&mut self, uri: &Uri) {
        if let Some(doc) = self.documents.get_mut(uri) {
            if !doc.queued {
                doc.queued = true;
                self.queue.push_back(uri.clone());
            }
        }
    }

    /// Hands the queued documents to the free workers, each with its newest text. A document
    /// already being linted waits for that lint to end, at the back of the queue.
    fn schedule(&mut self) {
        let mut later = Vec::new();
        while self.workers == 0 || self.busy < self.workers {
            let Some(uri) = self.queue.pop_front() else { break };
            let (linter, relative) = self.configured(&uri);
            let Some(doc) = self.documents.get_mut(&uri) else { continue };
            if doc.linting.is_some() {
                later.push(uri);
                continue;
            }
            doc.queued = false;
            doc.linting = Some(doc.revision);
            let job = Job {
                work: Work::Lint,
                relative,
                uri,
                revision: doc.revision,
                generation: self.generation,
                text: Arc::from(doc.text.as_str()),
                format: doc.format,
                linter,
            };
            if self.workers == 0 {
                let outcome = job.run();
                self.apply(JobResult { uri: job.uri, revision: job.revision, generation: job.generation, outcome });
                continue;
            }
            if self.jobs.send(job).is_ok() {
                self.busy += 1;
            }
        }
        // Behind the others: a document edited without pause must not starve them.
        self.queue.extend(later);
    }

    /// A lint ended. Its findings are kept and published only if they are for the current text
    /// and configuration; else a newer lint is queued already.
    fn on_result(&mut self, result: JobResult) {
        self.busy = self.busy.saturating_sub(1);
        self.apply(result);
        self.schedule();
    }

    fn apply(&mut self, result: JobResult) {
        let generation = self.generation;
        let outcome = match result.outcome {
            Outcome::Words(words) => return self.found_words(&result.uri, result.revision, words),
            Outcome::FixAll(stretch) => {
                if let Some(doc) = self.documents.get_mut(&result.uri) {
                    if doc.fix_all_job == Some((result.revision, result.generation)) {
                        doc.fix_all_job = None;
                    }
                    if doc.revision == result.revision && result.generation == generation {
                        doc.fix_all = Some(FixAll { revision: result.revision, generation, stretch });
                    }
                }
                return;
            }
            Outcome::Lint(outcome) => outcome,
        };
        if let Some(doc) = self.documents.get_mut(&result.uri) {
            if doc.linting == Some(result.revision) {
                doc.linting = None;
            }
            if doc.revision == result.revision && result.generation == generation {
                let (diagnostics, failed) = match outcome {
                    Ok(diagnostics) => (diagnostics, None),
                    Err(message) => (Vec::new(), Some(message)),
                };
                doc.analysis = Some(Analysis { revision: result.revision, generation, diagnostics, failed });
                self.finished(&result.uri);
            }
        }
    }

    /// Whether a hover over the document must wait for its practice words: true for a large
    /// document whose words are not known for its current text, and then a worker is asked
    /// for them (once per revision).
    fn find_words(&mut self, uri: &Uri) -> bool {
        let (linter, _) = self.configured(uri);
        let Some(doc) = self.documents.get_mut(uri) else { return false };
        if doc.text.len() < IN_LOOP_BYTES || doc.words.as_ref().is_some_and(|(r, _)| *r == doc.revision) {
            return false;
        }
        if doc.words_job == Some(doc.revision) {
            return true;
        }
        doc.words_job = Some(doc.revision);
        let job = Job {
            work: Work::Words,
            uri: uri.clone(),
            revision: doc.revision,
            generation: self.generation,
            text: Arc::from(doc.text.as_str()),
            format: doc.format,
            relative: None,
            linter: Arc::clone(&linter),
        };
        if self.workers > 0 && self.jobs.send(job).is_ok() {
            self.busy += 1;
            return true;
        }
        let words = practice_words(&linter, &doc.text, doc.format);
        doc.words = Some((doc.revision, words));
        false
    }

    /// A worker found the practice words of a text: keep them if the text is still current,
    /// and answer the hovers that waited (from what is known now).
    fn found_words(&mut self, uri: &Uri, revision: u64, words: Vec<(Span, cm_core::Practice)>) {
        let Some(doc) = self.documents.get_mut(uri) else { return };
        if doc.words_job == Some(revision) {
            doc.words_job = None;
        }
        if doc.revision == revision {
            doc.words = Some((revision, words));
        }
        for (id, params) in self.waiting_hovers.remove(uri).unwrap_or_default() {
            let hover = self.hover(&params);
            self.send(Response::new_ok(id, hover));
        }
    }

    /// The current text of a document was linted: publish, or answer the waiting pulls.
    fn finished(&mut self, uri: &Uri) {
        let Some(doc) = self.documents.get(uri) else { return };
        if let Some(message) = doc.analysis.as_ref().and_then(|a| a.failed.as_deref()) {
            self.log_client(
                MessageType::ERROR,
                &format!("internal error while linting {} (version {}): {message}", uri.as_str(), doc.version),
            );
        }
        let items = self.to_lsp(uri, doc);
        let version = doc.version;
        for id in self.waiting_pulls.remove(uri).unwrap_or_default() {
            self.send(Response::new_ok(id, full_report(items.clone())));
        }
        self.publish(uri.clone(), items, Some(version));
    }

    /// Asks the client to tell the server when a configuration file changes.
    fn register_watchers(&self, params: &InitializeParams) {
        let dynamic = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        if !dynamic {
            return;
        }
        let watchers: Vec<serde_json::Value> = ["**/cm-lint.toml", "**/.cm-lint.toml"]
            .iter()
            .map(|glob| serde_json::json!({ "globPattern": glob }))
            .collect();
        let registration = serde_json::json!({
            "registrations": [{
                "id": "cm-lint-config",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": { "watchers": watchers }
            }]
        });
        self.send(Request::new(
            RequestId::from("cm-lint-register-watchers".to_string()),
            "client/registerCapability".to_string(),
            registration,
        ));
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        if self.pull {
            return;
        }
        let params = PublishDiagnosticsParams { uri, diagnostics, version };
        self.send(Notification::new(PublishDiagnostics::METHOD.to_string(), params));
    }

    /// The client's diagnostics for the document's last analysis. When the engine failed on
    /// the text, that is one error at the start of the document saying so: the findings of an
    /// earlier text would sit at the wrong places and their fixes would corrupt the text, and
    /// no diagnostic at all would pass for a clean document.
    fn to_lsp(&self, uri: &Uri, doc: &OpenDocument) -> Vec<Diagnostic> {
        let Some(analysis) = &doc.analysis else { return Vec::new() };
        if analysis.failed.is_some() {
            let start = lsp_types::Position { line: 0, character: 0 };
            return vec![Diagnostic {
                range: lsp_types::Range { start, end: start },
                severity: Some(DiagnosticSeverity::ERROR),
                code: Some(NumberOrString::String("internal-error".to_string())),
                source: Some("cm-lint".to_string()),
                message: "cm-lint hit an internal error on this document and could not check it (a bug in \
                          cm-lint, not in the document: the log says more; please report it)"
                    .to_string(),
                ..Default::default()
            }];
        }
        // Two cursors: the findings' own places and their related phrases each come in order.
        let (positions, related) = (doc.positions(self.encoding), doc.positions(self.encoding));
        analysis.diagnostics.iter().map(|d| Self::diagnostic(uri, (&positions, &related), d)).collect()
    }

    /// The client's diagnostic for a finding.
    fn diagnostic(
        uri: &Uri,
        (positions, related): (&Positions<'_>, &Positions<'_>),
        d: &cm_linter::Diagnostic,
    ) -> Diagnostic {
        Diagnostic {
            range: positions.range(d.span),
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            }),
            code: Some(NumberOrString::String(d.rule.code.to_string())),
            code_description: rule_doc_uri(d.rule.code).map(|href| CodeDescription { href }),
            source: Some("cm-lint".to_string()),
            message: format!("{} [{}]", d.message, d.rule.name),
            related_information: {
                // The chain (the trait phrase and how it reached the word), then the repeats.
                let phrase = d.related.map(|span| DiagnosticRelatedInformation {
                    location: Location { uri: uri.clone(), range: related.range(span) },
                    message: {
                        let how = d.chain.map(|c| {
                            if c.phrase == span {
                                format!("the trait phrase, {}", c.how)
                            } else {
                                format!("the word the trait phrase is {}", c.how)
                            }
                        });
                        match (how, d.note) {
                            (Some(how), Some(n)) => format!("{how}; the reference definition: {n}"),
                            (None, Some(n)) => format!("the reference definition: {n}"),
                            (Some(how), None) => how,
                            (None, None) => "related phrase".to_string(),
                        }
                    },
                });
                let repeats = d.repeats.iter().map(|&span| DiagnosticRelatedInformation {
                    location: Location { uri: uri.clone(), range: related.range(span) },
                    message: "the same point, made again".to_string(),
                });
                let all: Vec<_> = phrase.into_iter().chain(repeats).collect();
                (!all.is_empty()).then_some(all)
            },
            tags: None,
            data: None,
        }
    }

    /// Explains the practice word under the cursor and, when the findings are those of the
    /// current text, the findings there.
    fn hover(&mut self, params: &HoverParams) -> Option<Hover> {
        let uri = &params.text_document_position_params.text_document.uri;
        let current = self.documents.get(uri).is_some_and(|d| self.is_current(d));
        let (linter, _) = self.configured(uri);
        let doc = self.documents.get_mut(uri)?;
        let encoding = self.encoding;
        let offset = doc.positions(encoding).offset(params.text_document_position_params.position);
        let mut sections = Vec::new();
        let mut range = None;
        let findings = doc.analysis.as_ref().filter(|_| current).map_or(&[][..], |a| &a.diagnostics[..]);
        for d in findings.iter().filter(|d| d.span.start() <= offset && offset <= d.span.end()) {
            range = Some(doc.positions(encoding).range(d.span));
            let mut text = format!("**{} {}**: {}", d.rule.code, d.rule.name, d.message);
            if let Some(note) = d.note {
                text.push_str(&format!("\n\nThe article: {note}."));
            }
            if let Some(fix) = &d.fix {
                text.push_str(&format!("\n\nQuick fix: {}.", fix.title));
            }
            if let Some(hint) = d.allow_hint() {
                text.push_str(&format!(
                    "\n\nIf this trait is your programme's design, say so once in cm-lint.toml: `{hint}`."
                ));
            }
            text.push_str(&format!("\n\n`cm-lint explain {}` gives the full rule.", d.rule.code));
            sections.push(text);
        }
        // A large document's words are found on a worker (see `find_words`); if its text
        // changed since, the hover explains the findings only.
        if doc.text.len() < IN_LOOP_BYTES && doc.words.as_ref().is_none_or(|(r, _)| *r != doc.revision) {
            doc.words = Some((doc.revision, practice_words(&linter, &doc.text, doc.format)));
        }
        let words = doc.words.as_ref().filter(|(r, _)| *r == doc.revision).map_or(&[][..], |(_, w)| &w[..]);
        if let Some((span, practice)) = words.iter().find(|(s, _)| s.start() <= offset && offset <= s.end()) {
            range.get_or_insert(doc.positions(encoding).range(*span));
            let traits: Vec<String> = practice.key_traits().iter().map(|t| format!("- {t}")).collect();
            sections.push(format!(
                "**{}** (the reference article)\n\n{}\n\n{}",
                practice.activity(),
                practice.definition(),
                traits.join("\n")
            ));
        }
        (!sections.is_empty()).then(|| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: sections.join("\n\n---\n\n"),
            }),
            range,
        })
    }

    /// An edit of the current version of a document: versioned when the client takes
    /// `documentChanges` (a client applies it only to that version), else a plain one.
    fn edit(&self, uri: &Uri, version: i32, edits: Vec<TextEdit>) -> WorkspaceEdit {
        if self.document_changes {
            WorkspaceEdit {
                document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier { uri: uri.clone(), version: Some(version) },
                    edits: edits.into_iter().map(OneOf::Left).collect(),
                }])),
                ..Default::default()
            }
        } else {
            WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..Default::default() }
        }
    }

    /// The quick fixes at a range, and whether "fix all" may apply. Only the findings of the current text have fixes whose
    /// places are right: while the document is being linted again there are none.
    fn quick_fixes(&self, params: &CodeActionParams) -> (Vec<CodeActionOrCommand>, bool) {
        let uri = &params.text_document.uri;
        let Some(doc) = self.documents.get(uri) else { return (Vec::new(), false) };
        let Some(analysis) = doc.analysis.as_ref().filter(|a| a.failed.is_none() && self.is_current(doc)) else {
            return (Vec::new(), false);
        };
        let positions = doc.positions(self.encoding);
        let start = positions.offset(params.range.start);
        let end = positions.offset(params.range.end);
        // Kinds are hierarchical: asking for "source.fixAll" (or "source") gets "source.fixAll.cm-lint".
        let wants = |kind: &CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|k| {
                    let (kind, k) = (kind.as_str(), k.as_str());
                    kind == k || kind.strip_prefix(k).is_some_and(|rest| rest.starts_with('.'))
                })
            })
        };
        let mut actions = Vec::new();
        // The document's line break, for "disable for this line" (found once, if needed).
        let mut newline: Option<&str> = None;
        for d in analysis.diagnostics.iter().filter(|d| d.span.start() <= end && start <= d.span.end()) {
            let lsp_diagnostic = vec![Self::diagnostic(uri, (&positions, &positions), d)];
            if let (Some(fix), true) = (&d.fix, wants(&CodeActionKind::QUICKFIX)) {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| TextEdit { range: positions.range(e.span), new_text: e.replacement.clone() })
                    .collect();
                // Every fix is a quick fix, which a person picks; only a safe one is preferred
                // (an editor's "auto fix" applies the preferred quick fix without asking).
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(lsp_diagnostic.clone()),
                    edit: Some(self.edit(uri, doc.version, edits)),
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..Default::default()
                }));
            }
            if matches!(doc.format, Format::Markdown | Format::Html) && wants(&CodeActionKind::QUICKFIX) {
                let line_start = doc.lines.line_start(d.span.start().min(doc.text.len()));
                let indent: String = doc.text[line_start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
                let at = positions.position(line_start);
                let newline = *newline.get_or_insert_with(|| if doc.text.contains("\r\n") { "\r\n" } else { "\n" });
                let edit = TextEdit {
                    range: lsp_types::Range { start: at, end: at },
                    new_text: format!("{indent}<!-- cm-lint-disable-next-line {} -->{newline}", d.rule.code),
                };
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Disable {} for this line", d.rule.code),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(lsp_diagnostic),
                    edit: Some(self.edit(uri, doc.version, vec![edit])),
                    ..Default::default()
                }));
            }
        }
        let required = fix_all_applicability(&doc.text);
        let fix_all = analysis.diagnostics.iter().any(|d| d.fix.as_ref().is_some_and(|f| f.applies(required)))
            && wants(&CodeActionKind::new(FIX_ALL_KIND));
        (actions, fix_all)
    }

    /// The code actions at a range: the quick fixes of the findings there, and "fix all".
    fn code_actions(&mut self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let (mut actions, fix_all) = self.quick_fixes(params);
        if !fix_all {
            return actions;
        }
        let uri = &params.text_document.uri;
        let Some(doc) = self.documents.get(uri) else { return actions };
        let title = "Apply every safe cm-lint fix in the document".to_string();
        let computed =
            doc.fix_all.as_ref().is_some_and(|f| f.revision == doc.revision && f.generation == self.generation);
        if self.resolve_edits && !computed {
            // Computing it lints the document at least twice: done only if the user picks it.
            let data =
                serde_json::json!({ "uri": uri.as_str(), "revision": doc.revision, "generation": self.generation });
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
                data: Some(data),
                ..Default::default()
            }));
            return actions;
        }
        if !computed && doc.text.len() >= IN_LOOP_BYTES && self.workers > 0 {
            // Offered from the next request on, once a worker has computed it.
            self.start_fix_all(uri);
            return actions;
        }
        let version = doc.version;
        if let Some(edits) = self.fix_all(uri).filter(|e| !e.is_empty()) {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
                edit: Some(self.edit(uri, version, edits)),
                ..Default::default()
            }));
        }
        actions
    }

    /// "Fix all": what `cm-lint --fix` does (safe fixes only; fixes that would undo one another
    /// are left out), as one edit of the changed stretch (none when nothing changes). Kept for
    /// the revision; `None` when the findings are not those of the current text.
    fn fix_all(&mut self, uri: &Uri) -> Option<Vec<TextEdit>> {
        let generation = self.generation;
        if !self.documents.get(uri).is_some_and(|d| self.is_current(d)) {
            return None;
        }
        let encoding = self.encoding;
        let (linter, relative) = self.configured(uri);
        let doc = self.documents.get_mut(uri)?;
        if !doc.fix_all.as_ref().is_some_and(|f| f.revision == doc.revision && f.generation == generation) {
            let stretch = compute_fix_all(&linter, &doc.text, doc.format, relative.as_deref());
            doc.fix_all = Some(FixAll { revision: doc.revision, generation, stretch });
        }
        let stretch = doc.fix_all.as_ref().and_then(|f| f.stretch.clone());
        let positions = doc.positions(encoding);
        Some(stretch.map(|(span, new_text)| TextEdit { range: positions.range(span), new_text }).into_iter().collect())
    }

    /// Asks a worker for the document's "fix all" (once per revision and configuration).
    fn start_fix_all(&mut self, uri: &Uri) {
        let generation = self.generation;
        let (linter, relative) = self.configured(uri);
        let Some(doc) = self.documents.get_mut(uri) else { return };
        if doc.fix_all_job == Some((doc.revision, generation)) {
            return;
        }
        let job = Job {
            work: Work::FixAll,
            uri: uri.clone(),
            revision: doc.revision,
            generation,
            text: Arc::from(doc.text.as_str()),
            format: doc.format,
            relative,
            linter,
        };
        if self.jobs.send(job).is_ok() {
            doc.fix_all_job = Some((doc.revision, generation));
            self.busy += 1;
        }
    }

    /// Completes a "fix all" offered without its edit, if the document is as it was then.
    fn resolve_code_action(&mut self, id: RequestId, mut action: CodeAction) {
        let target = action.data.as_ref().and_then(|d| {
            let uri: Uri = d.get("uri")?.as_str()?.parse().ok()?;
            Some((uri, d.get("revision")?.as_u64()?, d.get("generation")?.as_u64()?))
        });
        let Some((uri, revision, generation)) = target else {
            self.send(Response::new_ok(id, action));
            return;
        };
        let version = self.documents.get(&uri).filter(|d| d.revision == revision).map(|d| d.version);
        let edits = version.filter(|_| generation == self.generation).and_then(|_| self.fix_all(&uri));
        match (version, edits) {
            (Some(version), Some(edits)) => {
                if !edits.is_empty() {
                    action.edit = Some(self.edit(&uri, version, edits));
                }
                self.send(Response::new_ok(id, action));
            }
            _ => self.respond_error(
                id,
                ErrorCode::ContentModified,
                "the document changed since this action was offered; ask for the actions again".to_string(),
            ),
        }
    }
}

/// A full report for a pulled diagnostic request.
fn full_report(items: Vec<Diagnostic>) -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
    }))
}

/// A configuration as the server uses it: its linter, with the client's settings on top, and
/// the folder its paths are relative to.
struct Configured {
    linter: Arc<Linter>,
    root: PathBuf,
}

impl Configured {
    fn new(loaded: Loaded, settings: &ClientSettings) -> Configured {
        Configured { linter: Arc::new(Linter::new(settings.apply(loaded.config).0)), root: loaded.root }
    }
}

impl ClientSettings {
    /// `config` with these settings on top, and what in them names no rule or severity.
    fn apply(&self, mut config: cm_linter::Config) -> (cm_linter::Config, Vec<String>) {
        let mut unknown = Vec::new();
        let mut codes = |list: &[String]| -> Vec<cm_linter::Rule> {
            list.iter()
                .filter_map(|c| {
                    let found = cm_linter::Rule::find(c);
                    if found.is_none() {
                        unknown.push(format!("unknown rule '{c}' (see `cm-lint rules`)"));
                    }
                    found
                })
                .collect()
        };
        #[cfg(test)]
        if self.ignore.iter().any(|c| c == TEST_PANIC) {
            panic!("a test asked the configuration to panic");
        }
        if let Some(select) = &self.select {
            config.select = Some(codes(select));
        }
        config.ignore.extend(codes(&self.ignore));
        let mut severities: Vec<_> = self.severity.iter().collect();
        severities.sort();
        for (code, level) in severities {
            match (cm_linter::Rule::find(code), cm_linter::parse_severity(level)) {
                (Some(rule), Some(level)) => {
                    config.severity.insert(rule, level);
                }
                (None, _) => unknown.push(format!("unknown rule '{code}' (see `cm-lint rules`)")),
                (_, None) => unknown.push(format!("unknown severity '{level}' for {code} (error, warning or info)")),
            }
        }
        (config, unknown)
    }
}

/// The stretch of `old` that `new` replaces, and its replacement: one edit, from the first
/// differing character to the last, or `None` when the texts are equal.
fn changed_stretch(old: &str, new: &str) -> Option<(cm_linter::Span, String)> {
    if old == new {
        return None;
    }
    let mut prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Some((cm_linter::Span::new(prefix, old.len() - suffix), new[prefix..new.len() - suffix].to_string()))
}

#[cfg(test)]
mod stretch_tests {
    use super::changed_stretch;

    #[test]
    fn finds_the_changed_stretch_on_character_boundaries() {
        assert_eq!(changed_stretch("abc", "abc"), None);
        let (span, text) = changed_stretch("our coaches give", "our mentors give").unwrap();
        assert_eq!((span.start(), span.end(), text.as_str()), (4, 10, "mentor"), "the shared final s stays");
        let (span, text) = changed_stretch("é coach", "è coach").unwrap();
        assert_eq!((span.start(), span.end(), text.as_str()), (0, 2, "è"));
        let (span, text) = changed_stretch("aa", "aaa").unwrap();
        assert_eq!((span.start(), span.end(), text.as_str()), (2, 2, "a"));
    }
}
