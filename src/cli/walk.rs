//! Turning the command line's paths into the files to check: folders are walked in name
//! order, honouring `.gitignore`, `.ignore` and hidden files the way `git` and `ripgrep` do.

use std::path::{Path, PathBuf};

/// Extensions of the files checked when a folder is walked. Files named on the command
/// line are checked whatever their extension.
pub const EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm"];

/// One thing to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// Expand `paths` into inputs, in the order given (folders' files sorted by name).
/// Paths that do not exist or cannot be walked come back as error messages.
pub fn expand(paths: &[String]) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut stdin_seen = false;
    for p in paths {
        if p == "-" {
            if !stdin_seen {
                inputs.push(Input::Stdin);
                stdin_seen = true;
            }
            continue;
        }
        let path = Path::new(p);
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => errors.push(format!("{p}: no such file or folder")),
            Err(e) => errors.push(format!("{p}: {e}")),
            Ok(meta) if meta.is_dir() => walk(path, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File(clean(path))),
        }
    }
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|i| match i {
        Input::File(path) => seen.insert(path.clone()),
        Input::Stdin => true,
    });
    (inputs, errors)
}

fn walk(root: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<String>) {
    let walker = ignore::WalkBuilder::new(root)
        // Honour .gitignore even outside a git repository (a desk's export folder).
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let wanted = entry
                    .path()
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
                if is_file && wanted {
                    inputs.push(Input::File(clean(entry.path())));
                }
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
}

/// Drop a leading `./` so output paths read as typed by a person.
fn clean(path: &Path) -> PathBuf {
    path.strip_prefix(".")
        .map(Path::to_path_buf)
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}
