//! Prints the narrative sections and claims of a text file:
//! `cargo run --example claims -- FILE`.

mod common;

fn main() {
    let (_, bytes) = common::file_argument("claims");
    let text = gongkai::decode_input(&bytes).map(|d| d.text).unwrap_or_default();
    let n = gongkai::read(&text).narrative;
    println!("span {:?}", n.span);
    for r in &n.repairs {
        println!("repair L{} {:?}: {} → {}", r.line, r.kind, r.before, r.after);
    }
    for s in &n.sections {
        println!("== {:?} L{} {}", s.topic, s.source_line, s.heading);
        for p in &s.paragraphs {
            println!("  ¶ L{}: {}", p.first_line(), p.text.chars().take(60).collect::<String>());
            for c in &p.claims {
                println!("     L{} {:?} {:?} {:?} [{}]", c.source_line, c.kind, c.value.map(|v| v.to_string()), c.unit, c.subject);
            }
        }
    }
}
