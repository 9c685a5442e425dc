//! Any bytes give a report (which serialises) or a clear input error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // calamine, the workbook reader, panics on some damaged files; gongkai
    // catches that around calamine alone (src/input/sheet.rs) and reports an
    // error. libfuzzer-sys's panic hook aborts on every panic, caught or not,
    // so the default hook is put back: a panic nothing catches still aborts
    // in libfuzzer-sys's wrapper, and is reported as a crash.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| drop(std::panic::take_hook()));
    if let Ok(report) = gongkai::check_bytes("fuzz", data) {
        serde_json::to_string(&report).expect("a report always serialises");
    }
});
