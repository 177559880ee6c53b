//! The language server adapter.
