//! Prints the layout text gongkai reads from a PDF, workbook, .docx or HTML
//! file (what its table reader sees): `cargo run --example extract FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    match gongkai::input::extract(&bytes) {
        Ok(Some(x)) => print!("{}", x.text),
        Ok(None) => eprintln!("{path}: not a PDF, workbook, .docx or HTML file"),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    }
}
