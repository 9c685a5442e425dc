//! The browser front end's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    gongkai_web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("gongkai-web 是浏览器版本的入口，请用 `make serve` 构建并打开网页；命令行请用 `gongkai check`。");
}
