//! Integration tests: they spawn the real `cm-lint` binary.

mod behaviour;
mod cli;
mod fixes;
mod formats;
mod hostile;
mod hostile_input;
mod neovim;
mod parity;
mod server;
mod stress;
mod util;
