//! copydesk: a copy desk for Arabic-first newsrooms.
//!
//! `core` is the pure checker; `cli` and `lsp` are its two adapters; `dictionary` loads the
//! Hunspell dictionary from disk for both.

pub mod cli;
pub mod core;
pub mod dictionary;
#[doc(hidden)]
pub mod fuzzing;
pub mod lsp;
pub mod settings;
