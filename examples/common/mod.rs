//! What the corpus evaluations share: the folder they read and the articles in it.

use std::path::PathBuf;

/// The folder named by the first argument that is not a `--flag` (default: the development
/// corpus beside the checkout) and its `.txt` articles, sorted by name.
pub fn corpus_files(args: &[String]) -> (PathBuf, Vec<PathBuf>) {
    let folder = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/corpus/dev"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    (folder, files)
}
