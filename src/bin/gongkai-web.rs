//! The browser front end's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    gongkai::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("gongkai-web 是浏览器版本的入口，请用 `make serve` 构建并打开网页；命令行请用 `gongkai check`。");
}

// The app's pure helpers (formatting, locating cells, export files) are tested
// natively through this binary, since the `app` module itself only compiles
// for wasm32. The `use` lines let their `crate::…` paths resolve here.
#[cfg(all(test, not(target_arch = "wasm32")))]
use gongkai::{check_extracted, check_text, decode_input, input, report, rules, InputError};

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "../app/format.rs"]
#[allow(dead_code)]
mod format;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "../app/locate.rs"]
#[allow(dead_code)]
mod locate;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "../app/csv.rs"]
#[allow(dead_code)]
mod csv;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "../app/job.rs"]
#[allow(dead_code)]
mod job;
