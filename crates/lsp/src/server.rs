//! The server state and its message loop.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;

use cm_linter::{Config, Document, Format, LineIndex, Linter, Severity};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, DocumentDiagnosticRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability,
    CodeDescription, Diagnostic, DiagnosticOptions, DiagnosticRelatedInformation, DiagnosticServerCapabilities,
    DiagnosticSeverity, DidChangeTextDocumentParams, DidOpenTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport, Hover, HoverContents,
    HoverParams, HoverProviderCapability, InitializeParams, InitializeResult, Location, MarkupContent, MarkupKind,
    NumberOrString, PublishDiagnosticsParams, RelatedFullDocumentDiagnosticReport, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit,
    Uri, WorkspaceEdit,
};

use crate::convert::{self, Encoding};

/// One open document.
struct OpenDocument {
    text: String,
    version: i32,
    format: Format,
    index: LineIndex,
    /// The findings of the last lint, kept for code actions and hovers.
    diagnostics: Vec<cm_linter::Diagnostic>,
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
    linter: Arc<Linter>,
    shutdown_requested: bool,
    /// Large documents are linted on a worker thread so that they do not hold up other requests.
    jobs: crossbeam_channel::Sender<Job>,
    results: crossbeam_channel::Receiver<JobResult>,
    /// The client pulls diagnostics (`textDocument/diagnostic`); nothing is pushed to it.
    pull: bool,
}

/// Documents at least this large are linted in the background.
const BACKGROUND_BYTES: usize = 64 * 1024;

/// A document to lint in the background.
struct Job {
    uri: Uri,
    version: i32,
    text: String,
    format: Format,
    relative: Option<String>,
    linter: Arc<Linter>,
}

/// Findings computed in the background, for one version of a document.
struct JobResult {
    uri: Uri,
    version: i32,
    text_len: usize,
    diagnostics: Vec<cm_linter::Diagnostic>,
}

/// Starts the background linter. Of several queued versions of one document it lints only the
/// newest.
fn spawn_worker() -> (crossbeam_channel::Sender<Job>, crossbeam_channel::Receiver<JobResult>) {
    let (job_tx, job_rx) = crossbeam_channel::unbounded::<Job>();
    let (result_tx, result_rx) = crossbeam_channel::unbounded::<JobResult>();
    let spawned = std::thread::Builder::new().name("cm-lsp-linter".into()).spawn(move || {
        while let Ok(first) = job_rx.recv() {
            let mut latest: HashMap<String, Job> = HashMap::new();
            latest.insert(first.uri.as_str().to_string(), first);
            while let Ok(job) = job_rx.try_recv() {
                latest.insert(job.uri.as_str().to_string(), job);
            }
            for (_, job) in latest {
                let diagnostics = std::panic::catch_unwind(AssertUnwindSafe(|| {
                    job.linter
                        .lint_path(&Document { source: &job.text, format: job.format }, job.relative.as_deref())
                        .diagnostics
                }))
                .unwrap_or_else(|_| {
                    log(&format!("linting {} panicked; no findings for it", job.uri.as_str()));
                    Vec::new()
                });
                let result = JobResult { uri: job.uri, version: job.version, text_len: job.text.len(), diagnostics };
                if result_tx.send(result).is_err() {
                    return;
                }
            }
        }
    });
    if spawned.is_err() {
        log("cannot start the background linter; large documents will be linted in line");
    }
    (job_tx, result_rx)
}

fn log(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "cm-lsp: {message}");
}

/// Runs the server over a connection; returns the exit code.
pub fn run(connection: Connection) -> i32 {
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
    let result = InitializeResult { capabilities: capabilities(encoding, pull), server_info: Some(server_info()) };
    let result = serde_json::to_value(result).unwrap_or_default();
    if let Err(err) = connection.initialize_finish(id, result) {
        log(&format!("initialisation failed: {err}"));
        return 1;
    }
    let roots = workspace_roots(&params);
    let settings = params.initialization_options.as_ref().map(ClientSettings::from_value).unwrap_or_default();
    let (jobs, results) = spawn_worker();
    let mut server = Server {
        sender: connection.sender.clone(),
        encoding,
        documents: HashMap::new(),
        roots,
        settings,
        linter: Arc::new(Linter::default()),
        shutdown_requested: false,
        jobs,
        results,
        pull,
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
                    server.on_background_result(result);
                }
            }
        }
    }
}

fn server_info() -> ServerInfo {
    ServerInfo { name: "cm-lint".to_string(), version: Some(env!("CARGO_PKG_VERSION").to_string()) }
}

fn capabilities(encoding: Encoding, pull: bool) -> ServerCapabilities {
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
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::SOURCE_FIX_ALL]),
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
    let rule = cm_linter::rules::find(code)?;
    let module = rule.name.replace('-', "_");
    format!("https://github.com/cm-lint/cm-lint/blob/main/crates/lint/src/rules/{module}.md").parse().ok()
}

impl Server {
    fn send(&self, message: impl Into<Message>) {
        let _ = self.sender.send(message.into());
    }

    fn respond_error(&self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Response::new_err(id, code as i32, message));
    }

    /// Re-reads the configuration: the nearest `cm-lint.toml` above the first workspace folder,
    /// then the client's settings on top.
    fn reload_config(&mut self) {
        let mut config = Config::default();
        for root in &self.roots {
            let found = root
                .ancestors()
                .flat_map(|d| ["cm-lint.toml", ".cm-lint.toml"].map(|n| d.join(n)))
                .find(|p| p.is_file());
            if let Some(path) = found {
                match std::fs::read_to_string(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|t| Config::from_toml(&t).map_err(|e| e.to_string()))
                {
                    Ok(parsed) => config = parsed,
                    Err(err) => log(&format!("{}: {err}", path.display())),
                }
                break;
            }
        }
        let codes = |list: &[String]| -> Vec<&'static str> {
            list.iter().filter_map(|c| cm_linter::rules::find(c).map(|r| r.code)).collect()
        };
        if let Some(select) = &self.settings.select {
            config.select = Some(codes(select));
        }
        config.ignore.extend(codes(&self.settings.ignore));
        for (code, level) in &self.settings.severity {
            if let (Some(rule), Some(level)) = (cm_linter::rules::find(code), cm_linter::parse_severity(level)) {
                config.severity.insert(rule.code, level);
            }
        }
        self.linter = Arc::new(Linter::new(config));
    }

    fn on_request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.shutdown_requested && request.method != "shutdown" {
            self.respond_error(id, ErrorCode::InvalidRequest, "the server is shutting down".to_string());
            return;
        }
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| self.dispatch(request)));
        if outcome.is_err() {
            log("a request handler panicked; the server goes on");
            self.respond_error(id, ErrorCode::InternalError, "internal error in cm-lint".to_string());
        }
    }

    fn dispatch(&mut self, request: Request) {
        let id = request.id.clone();
        match request.method.as_str() {
            "shutdown" => {
                self.shutdown_requested = true;
                self.send(Response::new_ok(id, ()));
            }
            HoverRequest::METHOD => match serde_json::from_value::<HoverParams>(request.params) {
                Ok(params) => {
                    let hover = self.hover(&params);
                    self.send(Response::new_ok(id, hover));
                }
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
                        let items = self
                            .documents
                            .get(&params.text_document.uri)
                            .map(|d| self.to_lsp(&params.text_document.uri, d))
                            .unwrap_or_default();
                        let report = DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
                            RelatedFullDocumentDiagnosticReport {
                                related_documents: None,
                                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                                    result_id: None,
                                    items,
                                },
                            },
                        ));
                        self.send(Response::new_ok(id, report));
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
            Err(_) => log(&format!("{method}: handler panicked; the server goes on")),
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
                let index = LineIndex::new(&doc.text);
                self.documents.insert(
                    doc.uri.clone(),
                    OpenDocument { text: doc.text, version: doc.version, format, index, diagnostics: Vec::new() },
                );
                self.lint_and_publish(&doc.uri);
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
                            let start = convert::offset(&doc.index, encoding, range.start);
                            let end = convert::offset(&doc.index, encoding, range.end).max(start);
                            doc.text.replace_range(start..end, &change.text);
                        }
                        None => doc.text = change.text,
                    }
                    doc.index = LineIndex::new(&doc.text);
                }
                doc.version = params.text_document.version;
                self.lint_and_publish(&uri);
            }
            DidSaveTextDocument::METHOD => {
                let params: lsp_types::DidSaveTextDocumentParams =
                    serde_json::from_value(notification.params).map_err(|e| e.to_string())?;
                if let Some(text) = params.text {
                    if let Some(doc) = self.documents.get_mut(&params.text_document.uri) {
                        doc.index = LineIndex::new(&text);
                        doc.text = text;
                    }
                }
                self.lint_and_publish(&params.text_document.uri);
            }
            DidCloseTextDocument::METHOD => {
                let params: lsp_types::DidCloseTextDocumentParams =
                    serde_json::from_value(notification.params).map_err(|e| e.to_string())?;
                self.documents.remove(&params.text_document.uri);
                self.publish(params.text_document.uri, Vec::new(), None);
            }
            DidChangeConfiguration::METHOD => {
                let params: lsp_types::DidChangeConfigurationParams =
                    serde_json::from_value(notification.params).map_err(|e| e.to_string())?;
                if !params.settings.is_null() && params.settings.as_object().is_none_or(|o| !o.is_empty()) {
                    self.settings = ClientSettings::from_value(&params.settings);
                }
                self.reload_config();
                self.relint_all();
                self.refresh_pulled();
            }
            DidChangeWatchedFiles::METHOD => {
                self.reload_config();
                self.relint_all();
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

    fn relint_all(&mut self) {
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            self.lint_and_publish(&uri);
        }
    }

    fn on_background_result(&mut self, result: JobResult) {
        let Some(doc) = self.documents.get_mut(&result.uri) else { return };
        // A result for an older version is dropped: a newer job is on its way.
        if doc.version != result.version || doc.text.len() != result.text_len {
            return;
        }
        doc.diagnostics = result.diagnostics;
        let Some(doc) = self.documents.get(&result.uri) else { return };
        let items = self.to_lsp(&result.uri, doc);
        self.publish(result.uri, items, Some(result.version));
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

    fn lint_and_publish(&mut self, uri: &Uri) {
        let linter = Arc::clone(&self.linter);
        let Some(doc) = self.documents.get_mut(uri) else { return };
        let relative = uri_to_path(uri).map(|p| p.display().to_string().replace('\\', "/"));
        if doc.text.len() >= BACKGROUND_BYTES {
            let job = Job {
                uri: uri.clone(),
                version: doc.version,
                text: doc.text.clone(),
                format: doc.format,
                relative: relative.clone(),
                linter: Arc::clone(&linter),
            };
            if self.jobs.send(job).is_ok() {
                return;
            }
        }
        let Some(doc) = self.documents.get_mut(uri) else { return };
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
            linter.lint_path(&Document { source: &doc.text, format: doc.format }, relative.as_deref()).diagnostics
        }));
        doc.diagnostics = result.unwrap_or_else(|_| {
            log(&format!("linting {} panicked; no findings for it", uri.as_str()));
            Vec::new()
        });
        let version = doc.version;
        let Some(doc) = self.documents.get(uri) else { return };
        let items = self.to_lsp(uri, doc);
        self.publish(uri.clone(), items, Some(version));
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        if self.pull {
            return;
        }
        let params = PublishDiagnosticsParams { uri, diagnostics, version };
        self.send(Notification::new(PublishDiagnostics::METHOD.to_string(), params));
    }

    fn to_lsp(&self, uri: &Uri, doc: &OpenDocument) -> Vec<Diagnostic> {
        doc.diagnostics
            .iter()
            .map(|d| Diagnostic {
                range: convert::range(&doc.index, self.encoding, d.span),
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    Severity::Info => DiagnosticSeverity::INFORMATION,
                }),
                code: Some(NumberOrString::String(d.rule.code.to_string())),
                code_description: rule_doc_uri(d.rule.code).map(|href| CodeDescription { href }),
                source: Some("cm-lint".to_string()),
                message: format!("{} [{}]", d.message, d.rule.name),
                related_information: d.related.map(|span| {
                    vec![DiagnosticRelatedInformation {
                        location: Location { uri: uri.clone(), range: convert::range(&doc.index, self.encoding, span) },
                        message: d.note.map_or_else(|| "related phrase".to_string(), |n| format!("the article: {n}")),
                    }]
                }),
                tags: None,
                data: None,
            })
            .collect()
    }

    fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let uri = &params.text_document_position_params.text_document.uri;
        let doc = self.documents.get(uri)?;
        let offset = convert::offset(&doc.index, self.encoding, params.text_document_position_params.position);
        let mut sections = Vec::new();
        let mut range = None;
        for d in doc.diagnostics.iter().filter(|d| d.span.start() <= offset && offset <= d.span.end()) {
            range = Some(convert::range(&doc.index, self.encoding, d.span));
            let mut text = format!("**{} {}**: {}", d.rule.code, d.rule.name, d.message);
            if let Some(note) = d.note {
                text.push_str(&format!("\n\nThe article: {note}."));
            }
            if let Some(fix) = &d.fix {
                text.push_str(&format!("\n\nQuick fix: {}.", fix.title));
            }
            text.push_str(&format!("\n\n`cm-lint explain {}` gives the full rule.", d.rule.code));
            sections.push(text);
        }
        let words = cm_linter::practice_words(&Document { source: &doc.text, format: doc.format });
        if let Some((span, practice)) = words.into_iter().find(|(s, _)| s.start() <= offset && offset <= s.end()) {
            range.get_or_insert(convert::range(&doc.index, self.encoding, span));
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

    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some(doc) = self.documents.get(uri) else { return Vec::new() };
        let start = convert::offset(&doc.index, self.encoding, params.range.start);
        let end = convert::offset(&doc.index, self.encoding, params.range.end);
        let wants = |kind: &CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| only.iter().any(|k| kind.as_str().starts_with(k.as_str())))
        };
        let mut actions = Vec::new();
        let edit_for = |edits: Vec<TextEdit>| WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        };
        for d in doc.diagnostics.iter().filter(|d| d.span.start() <= end && start <= d.span.end()) {
            let lsp_diagnostic = self.to_lsp(
                uri,
                &OpenDocument {
                    text: String::new(),
                    version: 0,
                    format: doc.format,
                    index: doc.index.clone(),
                    diagnostics: vec![d.clone()],
                },
            );
            if let (Some(fix), true) = (&d.fix, wants(&CodeActionKind::QUICKFIX)) {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| TextEdit {
                        range: convert::range(&doc.index, self.encoding, e.span),
                        new_text: e.replacement.clone(),
                    })
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(lsp_diagnostic.clone()),
                    edit: Some(edit_for(edits)),
                    is_preferred: Some(true),
                    ..Default::default()
                }));
            }
            if matches!(doc.format, Format::Markdown | Format::Html) && wants(&CodeActionKind::QUICKFIX) {
                let line = doc.index.line_col(d.span.start()).line;
                let line_start = doc.index.offset(cm_linter::LineCol { line, col: 0 });
                let indent: String = doc.text[line_start..].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
                let at = convert::position(&doc.index, self.encoding, line_start);
                let newline = if doc.text.contains("\r\n") { "\r\n" } else { "\n" };
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Disable {} for this line", d.rule.code),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(lsp_diagnostic),
                    edit: Some(edit_for(vec![TextEdit {
                        range: lsp_types::Range { start: at, end: at },
                        new_text: format!("{indent}<!-- cm-lint-disable-next-line {} -->{newline}", d.rule.code),
                    }])),
                    ..Default::default()
                }));
            }
        }
        // "Fix all" is what `cm-lint --fix` does (fixes that would undo one another are left
        // out), sent as one edit of the changed stretch.
        let fixable: Vec<TextEdit> = if doc.diagnostics.iter().any(|d| d.fix.is_some())
            && wants(&CodeActionKind::SOURCE_FIX_ALL)
        {
            let relative = uri_to_path(uri).map(|p| p.display().to_string().replace('\\', "/"));
            let fixed = self.linter.fix(&Document { source: &doc.text, format: doc.format }, relative.as_deref());
            changed_stretch(&doc.text, &fixed.source)
                .map(|(span, new_text)| TextEdit { range: convert::range(&doc.index, self.encoding, span), new_text })
                .into_iter()
                .collect()
        } else {
            Vec::new()
        };
        if !fixable.is_empty() {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all cm-lint findings in the document".to_string(),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(edit_for(fixable)),
                ..Default::default()
            }));
        }
        actions
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
