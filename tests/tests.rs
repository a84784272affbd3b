//! Integration tests: they spawn the real `cm-lint` binary.

mod cli;
mod util;
