//! Prints every narrative section: `cargo run --example section_dump -- FILE`.
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let n = gongkai::read(&text).narrative;
        println!("span {:?}", n.span);
        for s in &n.sections {
            println!("L{} [{:?}] {} ({} paragraphs)", s.source_line, s.topic, s.heading, s.paragraphs.len());
        }
    }
}
