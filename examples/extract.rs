//! Prints the layout text `gongkai::input::extract` gives for a file, with
//! the time it took: `cargo run --release --example extract FILE [--pages]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: extract FILE [--pages]");
        std::process::exit(2);
    };
    let pages = args.next().as_deref() == Some("--pages");
    let bytes = std::fs::read(&path).expect("read");
    let t = std::time::Instant::now();
    match gongkai::input::extract(&bytes) {
        Ok(Some(x)) => {
            let dt = t.elapsed().as_secs_f64();
            for (i, line) in x.text.split('\n').enumerate() {
                if pages {
                    println!("{:>3}|{}", x.page_of_line.get(i).copied().unwrap_or(0), line);
                } else {
                    println!("{line}");
                }
            }
            eprintln!("{path}: {:?}, {} pages, {:.3}s, {:.1} pages/s", x.kind, x.pages, dt, x.pages as f64 / dt);
        }
        Ok(None) => eprintln!("{path}: plain text"),
        Err(e) => eprintln!("{path}: {e}"),
    }
}
