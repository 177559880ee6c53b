//! `copydesk check`: find the files, find each one's `copydesk.toml`, check (and fix) them in
//! parallel, print the findings, and pick the exit code.

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::fix;
use super::input::{self, Kind};
use super::output::{self, files_count, findings_count, FileReport, Skipped};
use super::position::LineIndex;
use super::progress::Progress;
use super::walk::{self, Input};
use super::{CheckArgs, ColorChoice};
use crate::core::config::{ByteSize, DEFAULT_MAX_INPUT_SIZE};
use crate::core::{Checked, Checker, Config, Finding, RULES};
use crate::settings;

/// Everything that follows from one config file (or from none): built once per run.
struct Desk {
    checker: Checker,
    /// The folder paths in the config are relative to.
    base: PathBuf,
    exclude: globset::GlobSet,
    /// The largest input read: --max-input-size, else the config's, else the default.
    max_input_size: u64,
}

impl Desk {
    fn excluded(&self, rel: &str) -> bool {
        settings::excluded(&self.exclude, rel)
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
    /// `--max-input-size`, which wins over the config's.
    max_input_size: Option<ByteSize>,
    /// The `exclude` globs of each config file (and the folder they are relative to), for
    /// the configs above a file's own: a folder a desk excludes stays excluded under a
    /// nested copydesk.toml. A broken config excludes nothing here (its error is reported
    /// when it is some file's own).
    excludes: HashMap<PathBuf, Option<(PathBuf, globset::GlobSet)>>,
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

    /// Whether a copydesk.toml above `own` (the file's own config) excludes the file `abs`.
    fn excluded_above(&mut self, own: Option<&Path>, abs: &Path) -> bool {
        if self.forced.is_some() {
            return false;
        }
        let mut next = own.and_then(Path::parent).and_then(Path::parent).map(Path::to_path_buf);
        while let Some(dir) = next {
            let Some(config) = self.config_for(&dir) else { return false };
            let entry = self.excludes.entry(config.clone()).or_insert_with(|| {
                let base = config.parent()?.to_path_buf();
                settings::load_config(&config).ok().map(|c| (base, settings::exclude_set(&c)))
            });
            if let Some((base, set)) = entry {
                if settings::excluded(set, &rel_path(abs, base)) {
                    return true;
                }
            }
            next = config.parent().and_then(Path::parent).map(Path::to_path_buf);
        }
        false
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
        let max_input_size =
            self.max_input_size.or(config.max_input_size).map_or(DEFAULT_MAX_INPUT_SIZE, |ByteSize(n)| n);
        Some(Desk { checker: Checker::new(config, lexicon), base, exclude, max_input_size })
    }
}

/// The text of one input, or why it cannot be read.
enum Source {
    File(PathBuf),
    Stdin(Result<String, String>),
    /// A Word file piped in (`--stdin-filename story.docx`), read by paragraph.
    StdinDocx(Result<input::Paragraphs, String>),
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
    /// The input could not be read (its error is in `errors`).
    unread: bool,
    /// A Word file under `--fix`/`--diff`: refused, not checked.
    not_written: bool,
    fixed: usize,
    diff: String,
    /// `--fix` on stdin: the fixed text, for stdout.
    stdin_fixed: Option<String>,
}

fn rel_path(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Why an input larger than the limit is not read.
fn too_large(display: &str, limit: u64) -> String {
    format!(
        "{display}: larger than the input limit of {}; not read (raise it with --max-input-size or `max_input_size` in copydesk.toml)",
        ByteSize(limit)
    )
}

/// Read at most `limit` bytes of a file: a larger file (or a device that never ends, such
/// as /dev/zero) is refused after `limit + 1` bytes, or before reading when its size says so.
fn read_file(path: &Path, display: &str, limit: u64) -> Result<(String, fix::Snapshot), String> {
    let cannot = |e: std::io::Error| format!("{display}: cannot read: {e}");
    let file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if meta.is_dir() {
        return Err(format!("{display}: cannot read: is a folder"));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(too_large(display, limit));
    }
    let bytes = read_limited(&file, meta.is_file().then_some(meta.len()), limit).map_err(cannot)?;
    let Some(bytes) = bytes else { return Err(too_large(display, limit)) };
    // Taken after reading: the length read and the file as it is now.
    let snapshot = fix::Snapshot::of(&file.metadata().map_err(cannot)?, bytes.len() as u64);
    Ok((decode(bytes, display)?, snapshot))
}

/// Read `from` to its end if that is at most `limit` bytes (`None` if it is more).
fn read_limited(from: impl Read, size_hint: Option<u64>, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let capacity = size_hint.unwrap_or(0).min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    from.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

fn decode(bytes: Vec<u8>, display: &str) -> Result<String, String> {
    let utf16 = match bytes.as_slice() {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32"),
        [0xFF, 0xFE, ..] => Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => Some("UTF-16 (big-endian)"),
        _ => None,
    };
    if let Some(encoding) = utf16 {
        return Err(format!(
            "{display}: {encoding} text (it starts with a byte-order mark); copydesk reads UTF-8 only: convert it, for instance with `iconv -f {} -t UTF-8`",
            encoding.split(' ').next().unwrap_or(encoding)
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        let at = LineIndex::new(prefix).pos(prefix.len());
        format!("{display}:{}:{}: not valid UTF-8 (byte {valid}); copydesk reads UTF-8 text only", at.line, at.column)
    })
}

/// The same file, whatever it is called (a symlink, a hard link, `./a` and `a`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

fn file_id(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| FileId::Inode(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::canonicalize(path).ok().map(FileId::Path)
    }
}

pub fn run(args: CheckArgs) -> i32 {
    if args.unsafe_fixes && !args.fix && !args.diff {
        eprintln!(
            "copydesk: --unsafe-fixes only adds unsafe fixes to --fix or --diff: add `--fix` to apply them, or `--diff` to see them (nothing was checked)"
        );
        return 2;
    }
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
    // Each path the walk could not use is an input not read.
    let mut skipped = Skipped { unread: walk_errors.len(), ..Skipped::default() };
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
    let mut desks = Desks {
        forced,
        by_dir: HashMap::new(),
        by_config: HashMap::new(),
        cwd: cwd.clone(),
        errors: Vec::new(),
        off,
        max_input_size: args.max_input_size,
        excludes: HashMap::new(),
    };

    let mode_fix = args.fix || args.diff;
    let mut jobs = Vec::new();
    let mut has_stdin = false;
    // With --fix or --diff, each file once, whatever names it is given under.
    let mut seen: HashMap<FileId, String> = HashMap::new();
    let mut notes = Vec::new();
    for input in inputs {
        let (display, abs, path) = match &input {
            Input::File(path) => {
                let abs = std::path::absolute(path).unwrap_or_else(|_| cwd.join(path));
                (path.to_string_lossy().into_owned(), abs, Some(path.clone()))
            }
            Input::Stdin => {
                has_stdin = true;
                let display = args.stdin_filename.clone().unwrap_or_else(|| "-".to_string());
                let abs = match &args.stdin_filename {
                    Some(name) => std::path::absolute(name).unwrap_or_else(|_| cwd.join(name)),
                    None => cwd.join("-"),
                };
                (display, abs, None)
            }
        };
        let dir = abs.parent().map_or_else(|| cwd.clone(), Path::to_path_buf);
        let Some(desk) = desks.desk_for(&dir) else {
            skipped.bad_config += 1;
            continue;
        };
        let rel = rel_path(&abs, &desk.base);
        if desk.excluded(&rel) {
            continue;
        }
        let own = desks.config_for(&dir);
        if desks.excluded_above(own.as_deref(), &abs) {
            continue;
        }
        if let (true, Some(path)) = (mode_fix, &path) {
            if let Some(id) = file_id(path) {
                if let Some(first) = seen.get(&id) {
                    let verb = if args.diff { "shown" } else { "fixed" };
                    notes.push(format!("{display} is the same file as {first}: {verb} once, as {first}"));
                    continue;
                }
                seen.insert(id, display.clone());
            }
        }
        let limit = desk.max_input_size;
        let source = match input {
            Input::File(path) => Source::File(path),
            Input::Stdin => {
                let bytes = match read_limited(std::io::stdin().lock(), None, limit) {
                    Ok(Some(bytes)) => Ok(bytes),
                    Ok(None) => Err(too_large(&display, limit)),
                    Err(e) => Err(format!("{display}: cannot read stdin: {e}")),
                };
                if Kind::of(&display) == Kind::Docx {
                    Source::StdinDocx(
                        bytes.and_then(|b| input::docx_paragraphs(&b, limit).map_err(|e| format!("{display}: {e}"))),
                    )
                } else {
                    Source::Stdin(bytes.and_then(|b| decode(b, &display)))
                }
            }
        };
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
    let progress = Progress::new(jobs.len(), !args.no_progress);
    let one = |job| {
        let o = check_one(job, &keep, mode_fix, &args);
        progress.tick();
        o
    };
    // One file is checked on this thread: handing it to a pool (started for it: two threads,
    // the cgroup's CPU quota read) only adds a fresh process's start-up and a wake-up to wait
    // for.
    let outcomes: Vec<Outcome> = progress.run(|| {
        if jobs.len() < 2 {
            jobs.into_iter().map(one).collect()
        } else {
            jobs.into_par_iter().map(one).collect()
        }
    });

    let mut reports = Vec::new();
    let mut fixed_total = 0;
    let mut fixed_files = 0;
    let mut diffs = String::new();
    let mut stdin_fixed = None;
    for o in outcomes {
        errors.extend(o.errors);
        skipped.unread += usize::from(o.unread);
        skipped.not_written += usize::from(o.not_written);
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
    for n in &notes {
        eprintln!("copydesk: note: {n}");
    }
    // The dictionary verdicts this run decided, for the next run (see `crate::dictionary`).
    crate::dictionary::persist();

    if args.diff {
        if super::print_stdout(&diffs) != 0 {
            return 2;
        }
        if fixed_total > 0 {
            eprintln!("copydesk: {} would be fixed in {}", findings_count(fixed_total), files_count(fixed_files));
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
    // `--fix` on stdin prints the fixed text; the findings go to stderr then.
    let written = if let (true, Some(fixed)) = (args.fix && has_stdin, &stdin_fixed) {
        if super::print_stdout(fixed) != 0 {
            return 2;
        }
        let mut err = std::io::stderr().lock();
        output::write(args.format, &reports, color, &errors, skipped, &mut err)
    } else {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        output::write(args.format, &reports, color, &errors, skipped, &mut out).and_then(|()| out.flush())
    };
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("copydesk: cannot write the report: {e}");
            return 2;
        }
        _ => {}
    }
    if args.fix && fixed_total > 0 {
        eprintln!("copydesk: fixed {} in {}", findings_count(fixed_total), files_count(fixed_files));
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
    let mut outcome = Outcome {
        report: None,
        errors: Vec::new(),
        unread: false,
        not_written: false,
        fixed: 0,
        diff: String::new(),
        stdin_fixed: None,
    };
    let limit = job.desk.max_input_size;
    let kind = Kind::of(&job.display);
    if kind == Kind::Docx && mode_fix {
        outcome.errors.push(input::docx_not_written(&job.display));
        outcome.not_written = true;
        return outcome;
    }
    // A Word file's paragraph starts: its findings are located by paragraph.
    let mut paragraphs = None;
    let (text, snapshot) = match &job.source {
        Source::File(path) if kind == Kind::Docx => match input::read_docx(path, &job.display, limit) {
            Ok(p) => {
                paragraphs = Some(p.starts);
                (Ok(p.text), None)
            }
            Err(e) => (Err(e), None),
        },
        Source::File(path) => match read_file(path, &job.display, limit) {
            Ok((t, s)) => (Ok(t), Some(s)),
            Err(e) => (Err(e), None),
        },
        Source::Stdin(text) => (text.clone(), None),
        Source::StdinDocx(read) => match read {
            Ok(p) => {
                paragraphs = Some(p.starts.clone());
                (Ok(p.text.clone()), None)
            }
            Err(e) => (Err(e.clone()), None),
        },
    };
    let format = match kind {
        Kind::Text(f) => f,
        Kind::Docx => crate::core::Format::Plain,
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            outcome.errors.push(e);
            outcome.unread = true;
            return outcome;
        }
    };
    let path = match &job.source {
        Source::File(p) => Some(p.clone()),
        Source::Stdin(_) | Source::StdinDocx(_) => None,
    };
    let check = |t: &str| -> Checked {
        let mut c = job.desk.checker.check_as(t, Some(&job.rel), format);
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
                outcome.diff = fix::unified_diff(&job.display, &text, &fixed.text, &fixed.changes);
            } else if let (Source::File(file), Some(snapshot)) = (&job.source, &snapshot) {
                if let Err(e) = fix::write_fixed(file, snapshot, &text, &fixed.text) {
                    outcome.errors.push(format!("{}: cannot write the fixes: {e}", job.display));
                    outcome.fixed = 0;
                    // Report against the text actually read.
                    let c = check(&text);
                    outcome.report =
                        Some(FileReport { display: job.display, path, text, findings: c.findings, paragraphs });
                    return outcome;
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
    outcome.report = Some(FileReport { display: job.display, path, text: final_text, findings, paragraphs });
    outcome
}
