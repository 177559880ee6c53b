//! `copydesk check`: find the files, find each one's `copydesk.toml`, check (and fix) them in
//! parallel, print the findings, and pick the exit code.

use std::collections::HashMap;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::fix;
use super::output::{self, FileReport};
use super::progress::Progress;
use super::walk::{self, Input};
use super::{CheckArgs, ColorChoice};
use crate::core::{Checked, Checker, Config, Finding, RULES};
use crate::settings;

/// Everything that follows from one config file (or from none): built once per run.
struct Desk {
    checker: Checker,
    /// The folder paths in the config are relative to.
    base: PathBuf,
    exclude: globset::GlobSet,
}

impl Desk {
    fn excluded(&self, rel: &str) -> bool {
        // A glob may name a folder (`archive`) or files in it (`archive/**`).
        let mut prefix = rel;
        loop {
            if self.exclude.is_match(prefix) {
                return true;
            }
            match prefix.rfind('/') {
                Some(i) => prefix = &prefix[..i],
                None => return false,
            }
        }
    }
}

/// Builds and caches desks: one per distinct config file.
struct Desks {
    forced: Option<PathBuf>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    by_config: HashMap<Option<PathBuf>, Option<Arc<Desk>>>,
    cwd: PathBuf,
    errors: Vec<String>,
    /// Rules `--select`/`--ignore` leave out: switched off in every desk's config, so they
    /// cost nothing (their findings are also filtered from the output).
    off: Vec<&'static str>,
}

impl Desks {
    fn config_for(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(f) = &self.forced {
            return Some(f.clone());
        }
        if let Some(found) = self.by_dir.get(dir) {
            return found.clone();
        }
        let found = settings::find_config(dir);
        self.by_dir.insert(dir.to_path_buf(), found.clone());
        found
    }

    /// The desk for a file in folder `dir`; `None` if its config is broken (already reported).
    fn desk_for(&mut self, dir: &Path) -> Option<Arc<Desk>> {
        let config_path = self.config_for(dir);
        if let Some(desk) = self.by_config.get(&config_path) {
            return desk.clone();
        }
        let desk = self.build(config_path.as_deref()).map(Arc::new);
        self.by_config.insert(config_path, desk.clone());
        desk
    }

    fn build(&mut self, config_path: Option<&Path>) -> Option<Desk> {
        let (config, base) = match config_path {
            Some(p) => match settings::load_config(p) {
                Ok(c) => (c, p.parent().map_or_else(|| self.cwd.clone(), Path::to_path_buf)),
                Err(mut e) => {
                    // Name the file as the user would: relative to where copydesk runs.
                    if let Ok(rel) = e.path.strip_prefix(&self.cwd) {
                        e.path = rel.to_path_buf();
                    }
                    self.errors.push(e.to_string());
                    return None;
                }
            },
            None => (Config::default(), self.cwd.clone()),
        };
        let mut config = config;
        for id in &self.off {
            config.rules.insert(id.to_string(), crate::core::RuleLevel::Off);
        }
        let dic = crate::dictionary::dic_path(&config.dictionary, Some(&base));
        let lexicon = match crate::dictionary::load(&dic) {
            Ok(l) => Some(l),
            Err(e) => {
                // The system dictionary is optional; one the desk asked for is not.
                if config.dictionary.path.is_some() {
                    let at = match config_path {
                        Some(p) => {
                            let shown = p.strip_prefix(&self.cwd).unwrap_or(p).display().to_string();
                            let pos = std::fs::read_to_string(p)
                                .ok()
                                .and_then(|t| crate::core::config::position_of(&t, &["dictionary", "path"]));
                            match pos {
                                Some((l, c)) => format!("{shown}:{l}:{c}: "),
                                None => format!("{shown}: "),
                            }
                        }
                        None => String::new(),
                    };
                    self.errors.push(format!("{at}[dictionary] path: {e}"));
                } else if config.dictionary.lexicon {
                    eprintln!("copydesk: warning: no Hunspell dictionary ({e}); the lexicon check is off");
                }
                None
            }
        };
        let exclude = settings::exclude_set(&config);
        Some(Desk { checker: Checker::new(config, lexicon), base, exclude })
    }
}

/// The text of one input, or why it cannot be read.
enum Source {
    File(PathBuf),
    Stdin(Result<String, String>),
}

struct Job {
    source: Source,
    display: String,
    /// Relative to the desk's base, `/`-separated (for overrides and ignore entries).
    rel: String,
    desk: Arc<Desk>,
}

struct Outcome {
    report: Option<FileReport>,
    errors: Vec<String>,
    fixed: usize,
    diff: String,
    /// `--fix` on stdin: the fixed text, for stdout.
    stdin_fixed: Option<String>,
}

fn rel_path(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn read_text(path: &Path, display: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{display}: cannot read: {e}"))?;
    decode(bytes, display)
}

fn decode(bytes: Vec<u8>, display: &str) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        let (line, col) = crate::core::config::line_col(prefix, prefix.len());
        format!("{display}:{line}:{col}: not valid UTF-8 (byte {valid}); copydesk reads UTF-8 text only")
    })
}

pub fn run(args: CheckArgs) -> i32 {
    for id in args.select.iter().chain(&args.ignore) {
        if crate::core::rules::by_id(id).is_none() {
            let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
            eprintln!("copydesk: unknown rule `{id}`; the rules are: {}", ids.join(", "));
            return 2;
        }
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        paths.push(if args.stdin_filename.is_some() { "-".to_string() } else { ".".to_string() });
    }
    let (inputs, walk_errors) = walk::expand(&paths);
    let mut errors: Vec<String> = walk_errors;

    let forced = args.config.as_ref().map(|c| std::path::absolute(c).unwrap_or_else(|_| PathBuf::from(c)));
    if let Some(f) = &forced {
        if !f.is_file() {
            eprintln!("copydesk: {}: no such config file", args.config.as_deref().unwrap_or(""));
            return 2;
        }
    }
    let off = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| {
            (!args.select.is_empty() && !args.select.iter().any(|s| s == id)) || args.ignore.iter().any(|i| i == id)
        })
        .collect();
    let mut desks =
        Desks { forced, by_dir: HashMap::new(), by_config: HashMap::new(), cwd: cwd.clone(), errors: Vec::new(), off };

    let mut jobs = Vec::new();
    let mut has_stdin = false;
    for input in inputs {
        let (source, display, abs) = match input {
            Input::File(path) => {
                let abs = std::path::absolute(&path).unwrap_or_else(|_| cwd.join(&path));
                let display = path.to_string_lossy().into_owned();
                (Source::File(path), display, abs)
            }
            Input::Stdin => {
                has_stdin = true;
                let mut bytes = Vec::new();
                let display = args.stdin_filename.clone().unwrap_or_else(|| "-".to_string());
                let text = match std::io::stdin().lock().read_to_end(&mut bytes) {
                    Ok(_) => decode(bytes, &display),
                    Err(e) => Err(format!("{display}: cannot read stdin: {e}")),
                };
                let abs = match &args.stdin_filename {
                    Some(name) => std::path::absolute(name).unwrap_or_else(|_| cwd.join(name)),
                    None => cwd.join("-"),
                };
                (Source::Stdin(text), display, abs)
            }
        };
        let dir = abs.parent().map_or_else(|| cwd.clone(), Path::to_path_buf);
        let Some(desk) = desks.desk_for(&dir) else { continue };
        let rel = rel_path(&abs, &desk.base);
        if desk.excluded(&rel) {
            continue;
        }
        jobs.push(Job { source, display, rel, desk });
    }
    errors.append(&mut desks.errors);
    if jobs.is_empty() && errors.is_empty() {
        eprintln!("copydesk: warning: no files to check (folders are searched for {})", walk::EXTENSIONS.join(", "));
    }

    let select = &args.select;
    let ignore = &args.ignore;
    let keep =
        |f: &Finding| (select.is_empty() || select.iter().any(|s| s == f.rule)) && !ignore.iter().any(|i| i == f.rule);
    let mode_fix = args.fix || args.diff;
    let progress = Progress::new(jobs.len(), !args.no_progress);
    let outcomes: Vec<Outcome> = progress.run(|| {
        jobs.into_par_iter()
            .map(|job| {
                let o = check_one(job, &keep, mode_fix, &args);
                progress.tick();
                o
            })
            .collect()
    });

    let mut reports = Vec::new();
    let mut fixed_total = 0;
    let mut fixed_files = 0;
    let mut diffs = String::new();
    let mut stdin_fixed = None;
    for o in outcomes {
        errors.extend(o.errors);
        if o.fixed > 0 {
            fixed_total += o.fixed;
            fixed_files += 1;
        }
        diffs.push_str(&o.diff);
        if o.stdin_fixed.is_some() {
            stdin_fixed = o.stdin_fixed;
        }
        if let Some(r) = o.report {
            reports.push(r);
        }
    }

    for e in &errors {
        eprintln!("copydesk: {e}");
    }

    if args.diff {
        if super::print_stdout(&diffs) != 0 {
            return 2;
        }
        if fixed_total > 0 {
            eprintln!("copydesk: {fixed_total} fix(es) would be applied in {fixed_files} file(s)");
        }
        return if !errors.is_empty() {
            2
        } else if diffs.is_empty() {
            0
        } else {
            1
        };
    }

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let report = output::render(args.format, &reports, color, &errors);
    // `--fix` on stdin prints the fixed text; the findings go to stderr then.
    if let (true, Some(fixed)) = (args.fix && has_stdin, &stdin_fixed) {
        if super::print_stdout(fixed) != 0 {
            return 2;
        }
        eprint!("{report}");
    } else if super::print_stdout(&report) != 0 {
        return 2;
    }
    if args.fix && fixed_total > 0 {
        eprintln!("copydesk: fixed {fixed_total} finding(s) in {fixed_files} file(s)");
    }

    let failing =
        args.fail_on.threshold().is_some_and(|t| reports.iter().flat_map(|r| &r.findings).any(|f| f.severity >= t));
    if !errors.is_empty() {
        2
    } else if failing {
        1
    } else {
        0
    }
}

fn check_one(job: Job, keep: &(impl Fn(&Finding) -> bool + Sync), mode_fix: bool, args: &CheckArgs) -> Outcome {
    let mut outcome = Outcome { report: None, errors: Vec::new(), fixed: 0, diff: String::new(), stdin_fixed: None };
    let text = match &job.source {
        Source::File(path) => read_text(path, &job.display),
        Source::Stdin(text) => text.clone(),
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            outcome.errors.push(e);
            return outcome;
        }
    };
    let check = |t: &str| -> Checked {
        let mut c = job.desk.checker.check(t, Some(&job.rel));
        c.findings.retain(|f| keep(f));
        c
    };
    let (final_text, findings, failed) = if mode_fix {
        let fixed = fix::fix_until_stable(&text, args.unsafe_fixes, check);
        outcome.fixed = fixed.fixed;
        if fixed.cycled {
            eprintln!(
                "copydesk: warning: {}: two rules' fixes undo each other (a copydesk bug; please report it); stopped at a fixed point",
                job.display
            );
        }
        if fixed.text != text {
            if args.diff {
                outcome.diff = fix::unified_diff(&job.display, &text, &fixed.text);
            } else {
                match &job.source {
                    Source::File(path) => {
                        if let Err(e) = fix::write_atomic(path, &text, &fixed.text) {
                            outcome.errors.push(format!("{}: cannot write the fixes: {e}", job.display));
                            outcome.fixed = 0;
                            // Report against the text actually on disk.
                            let c = check(&text);
                            outcome.report = Some(FileReport { display: job.display, text, findings: c.findings });
                            return outcome;
                        }
                    }
                    Source::Stdin(_) => {}
                }
            }
        }
        if matches!(job.source, Source::Stdin(_)) && args.fix {
            outcome.stdin_fixed = Some(fixed.text.clone());
        }
        (fixed.text, fixed.remaining, fixed.failed_rules)
    } else {
        let c = check(&text);
        (text, c.findings, c.failed_rules)
    };
    for rule in failed {
        outcome.errors.push(format!(
            "{}: internal error: rule `{rule}` failed on this text (its findings are missing; please report it)",
            job.display
        ));
    }
    // With --diff nothing is reported but the diff.
    outcome.report = Some(FileReport { display: job.display, text: final_text, findings });
    outcome
}
