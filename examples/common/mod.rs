//! What the examples share: the file named on the command line.

/// The path given as the first argument and the file's bytes; exits with
/// status 2 and `usage: NAME FILE` when there is none or it cannot be read.
pub fn file_argument(name: &str) -> (String, Vec<u8>) {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: {name} FILE");
        std::process::exit(2);
    };
    match std::fs::read(&path) {
        Ok(bytes) => (path, bytes),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    }
}
