//! Prints the layout text gongkai reads from a PDF, workbook, .docx or HTML
//! file (what its table reader sees): `cargo run --example extract FILE`.
mod common;

fn main() {
    let (path, bytes) = common::file_argument("extract");
    match gongkai::input::extract(&bytes) {
        Ok(Some(x)) => print!("{}", x.text),
        Ok(None) => eprintln!("{path}: not a PDF, workbook, .docx or HTML file"),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    }
}
