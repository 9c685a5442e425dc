//! Any bytes give a result or a clear message; nothing panics.

use proptest::prelude::*;

fn check_any(bytes: &[u8]) {
    match gongkai::check_bytes("fuzz", bytes) {
        Ok(r) => {
            let _ = serde_json::to_string(&r).unwrap();
        }
        Err(e) => assert!(!e.zh().is_empty()),
    }
}

#[test]
fn truncated_corpus_documents_never_panic() {
    for name in [
        "yantai-office-2024-final.txt",
        "qingdao-office-2024-final.txt",
        "yantai-bigdata-2023-final.txt",
        "yantai-office-2023-budget.txt",
        "qingdao-office-2023-budget.txt",
    ] {
        let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap();
        // Cut at many points, including mid-character.
        for cut in (0..bytes.len()).step_by(bytes.len() / 29 + 1) {
            check_any(&bytes[..cut]);
            check_any(&bytes[cut..]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        check_any(&bytes);
    }

    #[test]
    fn arbitrary_table_like_text_never_panics(lines in proptest::collection::vec("[公开01表合计行次栏次 \t0-9.,\\-—一二三、收入支出注：]{0,40}", 0..60)) {
        check_any(lines.join("\n").as_bytes());
    }
}
