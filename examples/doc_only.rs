fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let text = std::fs::read_to_string(&path).expect("read");
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let doc = copydesk::core::Document::new(&text);
        println!("{:?} {}", t.elapsed(), doc.words.len());
    }
}
