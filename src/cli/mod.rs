//! The command-line adapter: argument parsing and dispatch to `check`, `rules`, `explain`
//! and `lsp`. Exit codes: 0 clean, 1 findings, 2 usage, config or I/O error.

mod check;
pub mod fix;
pub mod input;
pub mod output;
pub mod position;
mod progress;
mod walk;

use std::io::Write;

use clap::{Parser, Subcommand, ValueEnum};

use crate::core::{Severity, RULES};

/// A copy desk for Arabic-first newsrooms: checks news copy for misspellings, names spelled
/// two ways, unattributed quotes, web boilerplate and repeated paragraphs.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check files, folders (walked, honouring .gitignore) or `-` (stdin).
    Check(CheckArgs),
    /// List the rules.
    Rules {
        /// Print the list as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a rule's documentation.
    Explain {
        /// A rule id, such as `misspelling`.
        rule: String,
    },
    /// Run the language server on stdin/stdout.
    Lsp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `path:line:col`, rule and message, with the source line and the span marked.
    Human,
    /// One line a finding: `path:line:col: severity rule: message`.
    Short,
    /// One JSON array (see docs/cli.md).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
    /// Findings never make the exit code 1.
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Hint => Some(Severity::Hint),
            FailOn::Never => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files, folders, or `-` for stdin. Default: the current folder (or stdin with
    /// --stdin-filename).
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The least severe finding that makes the exit code 1.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Hint)]
    fail_on: FailOn,
    /// Only these rules (comma-separated ids; may be repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Not these rules (comma-separated ids; may be repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// The file name of the text read from stdin (for copydesk.toml, overrides and output).
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<String>,
    /// Apply safe fixes in place (stdin: print the fixed text to stdout).
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, apply unsafe fixes too.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print what --fix would change, as a unified diff, and write nothing.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Use this copydesk.toml for every file instead of looking upwards from each file.
    #[arg(long, value_name = "FILE")]
    config: Option<String>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// No progress bar, even on a terminal.
    #[arg(long)]
    no_progress: bool,
    /// Refuse inputs larger than this (bytes, or a number and KiB, MiB, GiB, KB, MB, GB).
    /// Default: `max_input_size` in copydesk.toml, else 64 MiB.
    #[arg(long, value_name = "SIZE", value_parser = crate::core::config::ByteSize::parse)]
    max_input_size: Option<crate::core::config::ByteSize>,
}

/// Run the command line; returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules { json } => rules(json),
        Command::Explain { rule } => explain(&rule),
        Command::Lsp => crate::lsp::run(),
    }
}

fn rules(json: bool) -> i32 {
    let mut out = String::new();
    if json {
        let list: Vec<serde_json::Value> = RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id,
                    "default_severity": r.default_severity.as_str(),
                    "summary": r.summary,
                })
            })
            .collect();
        out = serde_json::to_string_pretty(&list).unwrap_or_default();
        out.push('\n');
    } else {
        let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
        for r in RULES {
            out.push_str(&format!("{:width$}  {:7}  {}\n", r.id, r.default_severity.as_str(), r.summary));
        }
    }
    print_stdout(&out)
}

fn explain(rule: &str) -> i32 {
    match crate::core::rules::by_id(rule) {
        Some(r) => {
            let docs = r.docs.trim_end();
            let text = if docs.is_empty() || docs.lines().count() <= 1 {
                format!("# {}\n\n{}\n\nDefault severity: {}\n", r.id, r.summary, r.default_severity)
            } else {
                format!("{docs}\n")
            };
            print_stdout(&text)
        }
        None => {
            let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
            eprintln!("copydesk: unknown rule `{rule}`; the rules are: {}", ids.join(", "));
            2
        }
    }
}

/// Write to stdout; a closed pipe (`| head`) is not an error worth a panic.
fn print_stdout(s: &str) -> i32 {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("copydesk: cannot write to stdout: {e}");
            2
        }
    }
}
