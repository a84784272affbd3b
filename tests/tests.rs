//! Integration tests: they spawn the real `cm-lint` binary.

mod behaviour;
mod cli;
mod formats;
mod server;
mod util;
