//! Prints every narrative claim: `cargo run --example claim_dump -- FILE`.
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let n = gongkai::read(&text).narrative;
        for (s, _, c) in n.claims() {
            println!(
                "L{} [{:?}] {:?} {:?} {:?} subj={}",
                c.source_line,
                s.topic,
                c.kind,
                c.value.map(|v| v.to_string()),
                c.unit,
                c.subject
            );
        }
    }
}
