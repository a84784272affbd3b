//! Command-line arguments (clap).

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Examples:
  cm-lint docs/                          lint a tree (Markdown, plain text, HTML)
  cm-lint --format sarif docs/ > cm.sarif
  cm-lint --select CM001,CM003 handbook.md
  cat page.md | cm-lint - --stdin-filename page.md
  cm-lint --diff docs/                   show suggested fixes (safe and unsafe) without writing
  cm-lint --fix docs/                    apply the safe fixes; --unsafe-fixes applies every fix
  cm-lint explain CM003                  what a rule flags, why, and the fix

Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration or I/O error.
Configuration: each file's nearest cm-lint.toml or .cm-lint.toml, in its folder or above.";

/// Holds HR and L&D writing to one definition of coaching and mentoring.
#[derive(Debug, Parser)]
#[command(name = "cm-lint", version, about, after_help = AFTER_HELP, args_conflicts_with_subcommands = true)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// List every rule
    Rules,
    /// Print a rule's documentation: what it flags, why, an example and the fix
    Explain {
        /// A rule code (CM003) or name (mixed-roles)
        rule: String,
    },
    /// Run the language server on stdin and stdout (for editors)
    Server {
        /// Speak over stdin and stdout (the only transport; editors pass it)
        #[arg(long)]
        stdio: bool,
    },
    /// Print the engine's analysis of one file (for developing cm-lint)
    #[command(hide = true)]
    Debug {
        /// The file to analyse
        file: PathBuf,
    },
}

#[derive(Debug, ClapArgs)]
pub(crate) struct CheckArgs {
    /// Files or directories to lint; `-` reads standard input
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Write the report to a file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Configuration file for every file (default: each file's nearest cm-lint.toml or .cm-lint.toml)
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Ignore configuration files
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,

    /// Only run these rules (codes or names, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Never run these rules (codes or names, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Only lint files matching these globs
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip files and directories matching these globs (in addition to .gitignore)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// The path standard input stands for: it picks the format and names it in messages
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Exit with 1 when a finding has at least this severity
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// Print the number of findings per rule
    #[arg(long)]
    pub statistics: bool,

    /// Apply the suggested fixes that cannot change the meaning (with --unsafe-fixes, every
    /// suggested fix) to the files; with `-`, write the fixed text to standard output
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Let --fix apply unsafe fixes too: those that may change the meaning, such as swapping
    /// "coach" for "mentor"
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Show every suggested fix as a unified diff, each hunk labelled safe or unsafe; write
    /// nothing
    #[arg(long)]
    pub diff: bool,

    /// Report suppression comments that silence nothing
    #[arg(long)]
    pub report_unused_disables: bool,

    /// No summary line
    #[arg(short, long)]
    pub quiet: bool,

    /// Say which files are skipped and why
    #[arg(short, long)]
    pub verbose: bool,

    /// Lint only shard K of N (for example 2/4): files are split by a hash of their path, so
    /// that N CI jobs together lint every file once
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(u32, u32)>,

    /// When to use colour
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

impl CheckArgs {
    /// The fixes `--fix` applies: the safe ones, or every one with `--unsafe-fixes`.
    pub fn applicability(&self) -> cm_linter::Applicability {
        if self.unsafe_fixes {
            cm_linter::Applicability::Unsafe
        } else {
            cm_linter::Applicability::Safe
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// rustc-style snippets with the line, carets under the word and a help line
    Text,
    /// `path:line:col: severity CODE message`, one finding a line
    Concise,
    /// A JSON array, one object per finding
    Json,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// JUnit XML, for GitLab and Jenkins test reports
    Junit,
    /// A self-contained HTML report
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    Info,
    Warning,
    Error,
    /// Never fail because of findings
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Parses `K/N` with 1 <= K <= N.
fn parse_shard(text: &str) -> Result<(u32, u32), String> {
    let (k, n) = text.split_once('/').ok_or_else(|| "expected K/N, for example 2/4".to_string())?;
    let k: u32 = k.trim().parse().map_err(|_| format!("'{k}' is not a number"))?;
    let n: u32 = n.trim().parse().map_err(|_| format!("'{n}' is not a number"))?;
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k}/{n} is out of range: K must be between 1 and N"));
    }
    Ok((k, n))
}
