//! Runs one full check of a file (for profilers). `cargo run --release --example check_once -- FILE`
fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let text = std::fs::read_to_string(&path).expect("read");
    let lexicon = copydesk::dictionary::load(std::path::Path::new(copydesk::dictionary::SYSTEM_AR)).ok();
    let checker = copydesk::core::Checker::new(copydesk::core::Config::default(), lexicon);
    let t = std::time::Instant::now();
    let n = checker.check(&text, None).findings.len();
    eprintln!("{:?} {}", t.elapsed(), copydesk::cli::output::count(n, "finding"));
}
