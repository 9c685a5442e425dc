//! Prints each table the general reader took, panel by panel, with its
//! rows' labels and amounts as read (whether read, and its columns' header
//! paths): `cargo run --example grid_dump -- FILE` on a text.
mod common;

fn main() {
    let (_, bytes) = common::file_argument("grid_dump");
    let doc = gongkai::read(&String::from_utf8_lossy(&bytes));
    for t in &doc.tables {
        let Some(g) = &t.grid else { continue };
        println!("== {:?} read={} exact={} paths={:?}", t.title, g.read, g.exact, g.paths);
        for p in &g.panels {
            println!("-- panel {:?} columns {:?}", p.name, p.columns);
            for r in t.rows.get(p.rows.clone()).unwrap_or_default() {
                let amounts: Vec<Option<String>> = r.cells.iter().map(|c| c.value.map(|v| v.to_string())).collect();
                println!("   {:?} {:?} {:?}", r.code, r.label, amounts);
            }
        }
    }
}
