//! Any bytes give a report (which serialises) or a clear input error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(report) = gongkai::check_bytes("fuzz", data) {
        serde_json::to_string(&report).expect("a report always serialises");
    }
});
