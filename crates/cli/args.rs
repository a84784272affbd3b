//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Holds HR and L&D writing to one definition of coaching and mentoring.
#[derive(Debug, Parser)]
#[command(name = "cm-lint", version, about, args_conflicts_with_subcommands = true)]
pub(crate) struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or directories to lint (Markdown, plain text, HTML)
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Concise)]
    pub format: OutputFormat,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// List every rule
    Rules,
    /// Print a rule's documentation
    Explain {
        /// A rule code (CM003) or name (mixed-roles)
        rule: String,
    },
    /// Print the engine's analysis of one file (for developing cm-lint)
    #[command(hide = true)]
    Debug {
        /// The file to analyse
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// `path:line:col: CODE message`, one finding a line
    Concise,
    /// A JSON array, one object per finding
    Json,
}
