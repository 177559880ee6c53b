//! The `copydesk` binary: parse arguments, then hand over to the CLI or the language server.

fn main() {
    std::process::exit(copydesk::cli::main());
}
