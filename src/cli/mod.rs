//! The command-line adapter: `copydesk check`, `rules`, `explain`, `lsp`.

use std::io::Read;

use crate::core::{Checker, Config};

/// Run the command line; returns the process exit code.
pub fn main() -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => {
            let checker = Checker::new(
                Config::default(),
                crate::dictionary::load(std::path::Path::new(crate::dictionary::SYSTEM_AR)).ok(),
            );
            let mut code = 0;
            for path in &args[1..] {
                let text = if path == "-" {
                    let mut s = String::new();
                    let _ = std::io::stdin().read_to_string(&mut s);
                    s
                } else {
                    match std::fs::read_to_string(path) {
                        Ok(t) => t,
                        Err(e) => {
                            eprintln!("copydesk: {path}: {e}");
                            code = 2;
                            continue;
                        }
                    }
                };
                let checked = checker.check(&text, None);
                for f in &checked.findings {
                    let (l, c) = crate::core::config::line_col(&text, f.range.start);
                    println!("{path}:{l}:{c}: {} {}: {}", f.severity, f.rule, f.message);
                    if code == 0 {
                        code = 1;
                    }
                }
            }
            code
        }
        _ => {
            eprintln!("usage: copydesk check PATH...");
            2
        }
    }
}
