//! `parallax normalize`: tokens, keys and offsets, and the encodings.

use crate::util::Workdir;

/// `(surface, key)` of every token, from `parallax normalize --tsv FILE`.
fn keys(wd: &Workdir, file: &str) -> Vec<(String, String, usize, usize)> {
    let out = wd.run_ok(&["normalize", "--tsv", file]);
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_string(), f[2].to_string(), f[3].parse().unwrap(), f[4].parse().unwrap())
        })
        .collect()
}

#[test]
fn month_names_clitics_and_protected_names() {
    let wd = Workdir::new();
    wd.write("a.txt", "تم توقيعها في 22 جانفي الماضي بواشنطن");
    wd.write("b.txt", "تم توقيعها في 22 يناير الماضي في واشنطن والجزائر");
    let a = keys(&wd, "a.txt");
    let b = keys(&wd, "b.txt");
    let key = |v: &[(String, String, usize, usize)], s: &str| {
        v.iter().find(|t| t.0 == s).unwrap_or_else(|| panic!("no token {s}")).1.clone()
    };
    assert_eq!(key(&a, "جانفي"), key(&b, "يناير"));
    assert_eq!(key(&a, "بواشنطن"), key(&b, "واشنطن"));
    assert_eq!(key(&b, "والجزائر"), "جزائر");
}

#[test]
fn every_encoding_gives_the_same_token_stream() {
    let wd = Workdir::new();
    let text =
        std::fs::read_to_string(crate::util::seeds_dir().join("000_4a9ff38471bb20bb.txt")).unwrap();
    wd.write("utf8.txt", &text);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    wd.write("bom.txt", bom);
    // encoding_rs only decodes UTF-16 (the Encoding Standard encodes it as
    // UTF-8), so the UTF-16LE bytes are built by hand.
    let mut u16le = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        u16le.extend_from_slice(&u.to_le_bytes());
    }
    wd.write("utf16.txt", u16le);
    // Windows-1256 has every character of seed 000 (its “ ” are 0x93/0x94).
    let (cp1256, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(!unmappable, "seed 000 should be representable in windows-1256");
    wd.write("cp1256.txt", cp1256.as_ref());
    let reference = keys(&wd, "utf8.txt");
    assert!(reference.len() > 300);
    for f in ["bom.txt", "utf16.txt", "cp1256.txt"] {
        assert_eq!(keys(&wd, f), reference, "{f}");
    }
}

#[test]
fn jsonl_mode_prints_keys_per_document() {
    let wd = Workdir::new();
    wd.write(
        "c.jsonl",
        "{\"id\":\"x\",\"text\":\"والتعاون العسكري\"}\n{\"id\":\"y\",\"text\":\"Hello World\"}\n",
    );
    let out = wd.run_ok(&["normalize", "--jsonl", "c.jsonl"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "x");
    assert_eq!(lines[1]["keys"], serde_json::json!(["hello", "world"]));
}
