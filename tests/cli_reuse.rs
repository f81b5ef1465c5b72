//! Republished content told apart: copies keep their passages, recurring
//! text is counted and judged, every passage has a kind and every pair a
//! verdict. All on the bundled seeds, reprinted, cut up and edited.

use std::collections::BTreeMap;

use crate::util::{cp_slice, seeds_dir, Workdir};

const S0: &str = "000_4a9ff38471bb20bb.txt";
const S2: &str = "002_92781ffd2688aa3b.txt";
const S3: &str = "003_ccc08362114acaf6.txt";
const S4: &str = "004_94536d5c27f008d4.txt";

fn seed(name: &str) -> String {
    std::fs::read_to_string(seeds_dir().join(name)).expect("seed")
}

/// The non-empty lines (paragraphs) of a seed.
fn paragraphs(name: &str) -> Vec<String> {
    seed(name).lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
}

fn by_pair(rows: &[BTreeMap<String, String>]) -> BTreeMap<(String, String), Vec<usize>> {
    let mut m: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        m.entry((r["doc_a"].clone(), r["doc_b"].clone())).or_default().push(i);
    }
    m
}

/// The seeds plus two reprints of 003 (its paragraphs after the first; the
/// same with a one-line footer): three documents of seven hold the text,
/// and the copies still show it, whole.
#[test]
fn reprints_keep_their_passages_whatever_their_recurrence() {
    let wd = Workdir::new();
    let dir = wd.seeds("in");
    let text = seed(S3);
    let body = text.split_once("\n\n").expect("003 has paragraphs").1.to_string();
    std::fs::write(dir.join("reprintA.txt"), &body).unwrap();
    std::fs::write(
        dir.join("reprintB.txt"),
        format!("{body}\n\nتابعونا على فيسبوك وتويتر لمزيد من الأخبار."),
    )
    .unwrap();
    wd.run_ok(&["run", "-q", "in", "-o", "out"]);
    let pairs = wd.csv("out/pairs.csv").records();
    let passages = wd.csv("out/passages.csv").records();
    let copies = [(S3, "reprintA.txt"), (S3, "reprintB.txt"), ("reprintA.txt", "reprintB.txt")];
    for (a, b) in copies {
        let p = pairs.iter().find(|r| r["doc_a"] == a && r["doc_b"] == b).expect("copy pair");
        assert_eq!(p["verdict"], "near_duplicate", "{a} {b}");
        if a != S3 {
            // Two copies of one cluster are aligned through its
            // representative (003, the longest), and the row says so.
            assert_eq!(p["aligned_via"], S3, "{a} {b}");
            assert!(!passages.iter().any(|r| r["doc_a"] == a && r["doc_b"] == b));
            continue;
        }
        assert_eq!(p["passages"], "1", "{a} {b}");
        let words: usize = p["shared_words"].parse().unwrap();
        assert!(words > 600, "{a} {b}: {words} shared words");
        let q = passages.iter().find(|r| r["doc_a"] == a && r["doc_b"] == b).expect("passage");
        assert_eq!(q["boilerplate"], "false");
        assert_eq!(q["recurs_in"], "3", "003 and both reprints hold the text");
        let kind = if a == S3 { "near_verbatim" } else { "verbatim" };
        assert_eq!(q["kind"], kind, "{a} {b}");
    }
    // On reprintA's side the passage is the whole of it, from its first content
    // word (بعد is a function word) to its last word.
    let q = passages.iter().find(|r| r["doc_a"] == S3 && r["doc_b"] == "reprintA.txt").unwrap();
    let (s, e): (usize, usize) = (q["b_start"].parse().unwrap(), q["b_end"].parse().unwrap());
    assert_eq!(cp_slice(&body, s, e), q["b_text"]);
    assert!(body.starts_with("بعد ") && s == "بعد ".chars().count(), "{s}");
    assert!(body.chars().count() - e <= 2, "{e}");
}

/// One line of another subject per document, between its own paragraphs
/// and the planted one: the seeds all tell of Algerian defence, and their
/// shared topic words would otherwise let a passage run on into the
/// paragraph before.
const ASIDES: [&str; 7] = [
    "وفي الرياضة فاز المنتخب الوطني لكرة اليد على نظيره المصري في مباراة ودية.",
    "وتتوقع الأرصاد الجوية أمطارا رعدية غزيرة على المناطق الساحلية نهاية الأسبوع.",
    "وافتتح معرض الكتاب الدولي أبوابه أمس بمشاركة مئات دور النشر العربية.",
    "وأطلقت وزارة الصحة حملة تلقيح ضد الحصبة تستهدف تلاميذ المدارس الابتدائية.",
    "وارتفعت أسعار الخضر والفواكه في الأسواق الشعبية مع اقتراب شهر رمضان.",
    "وأعلنت شركة الطيران الوطنية عن رحلات جديدة نحو عواصم آسيوية هذا الصيف.",
    "واحتفلت المدينة بمهرجان الموسيقى الأندلسية بحضور فرق من تونس والمغرب.",
];

/// A background paragraph planted in seven documents made of seed
/// paragraphs (each a small part of its document) is boilerplate, and pairs
/// linked only by it are not reported; a real reprint between two of them
/// is.
#[test]
fn a_recurring_background_paragraph_is_boilerplate_and_links_nothing() {
    let background = paragraphs(S3)[1].clone(); // 53 words
    let mut pool: Vec<String> = paragraphs(S2).into_iter().chain(paragraphs(S4)).collect();
    pool.retain(|p| p.split_whitespace().count() >= 60);
    assert!(pool.len() >= 14, "{} long paragraphs", pool.len());
    let wd = Workdir::new();
    for d in 0..6 {
        let own = format!("{}\n\n{}", pool[2 * d], pool[2 * d + 1]);
        wd.write(&format!("in/doc{d}.txt"), format!("{own}\n\n{}\n\n{background}", ASIDES[d]));
    }
    // doc6 reprints doc0's first paragraph, with the background too.
    let own = format!("{}\n\n{}", pool[12], pool[0]);
    wd.write("in/doc6.txt", format!("{own}\n\n{}\n\n{background}", ASIDES[6]));
    wd.run_ok(&["run", "-q", "in", "-o", "out"]);
    let pairs = wd.csv("out/pairs.csv").records();
    let passages = wd.csv("out/passages.csv").records();
    let needle: String =
        background.split_whitespace().skip(10).take(6).collect::<Vec<_>>().join(" ");
    let is_background = |r: &BTreeMap<String, String>| r["a_text"].contains(&needle);
    let planted: Vec<_> = passages.iter().filter(|r| is_background(r)).collect();
    assert!(!planted.is_empty(), "the background paragraph is found");
    for r in &planted {
        assert_eq!(r["boilerplate"], "true", "{r:?}");
        assert_eq!(r["recurs_in"], "7", "{r:?}");
    }
    // Only doc0~doc6 is reported: the others share the background alone.
    let listed: Vec<(String, String)> =
        pairs.iter().map(|r| (r["doc_a"].clone(), r["doc_b"].clone())).collect();
    assert_eq!(listed, vec![("doc0.txt".to_string(), "doc6.txt".to_string())]);
    assert_eq!(pairs[0]["verdict"], "rewrite", "a third of doc6 is doc0's paragraph");
    let real: Vec<_> = passages.iter().filter(|r| !is_background(r)).collect();
    assert_eq!(real.len(), 1, "{real:?}");
    assert_eq!(real[0]["boilerplate"], "false");
    assert_eq!(real[0]["kind"], "verbatim");
    assert_eq!(real[0]["recurs_in"], "2");
    // The words of the reprinted paragraph, not the background's.
    assert_eq!(pairs[0]["shared_words"], real[0]["a_words"]);

    // Asking for more recurrence before calling it boilerplate: every pair
    // shares a passage again.
    wd.run_ok(&["run", "-q", "in", "-o", "out8", "--boilerplate-docs", "8"]);
    let pairs = wd.csv("out8/pairs.csv").records();
    assert_eq!(pairs.len(), 7 * 6 / 2, "{pairs:?}");
    assert!(wd.csv("out8/passages.csv").records().iter().all(|r| r["boilerplate"] == "false"));
}

/// A footer repeated by three documents of one outlet is that outlet's
/// furniture, though it is in only three documents of the corpus.
#[test]
fn a_footer_repeated_by_one_outlet_is_boilerplate() {
    let footer = "تابعوا آخر الأخبار العاجلة والتحليلات السياسية والاقتصادية على موقعنا الإلكتروني وعلى حساباتنا في مواقع التواصل الاجتماعي فيسبوك وتويتر وإنستغرام ويوتيوب على مدار الساعة";
    let mut pool: Vec<String> = paragraphs(S2).into_iter().chain(paragraphs(S4)).collect();
    pool.retain(|p| p.split_whitespace().count() >= 60);
    let mut lines = String::new();
    for d in 0..3 {
        let text = format!("{}\n\n{}\n\n{footer}", pool[2 * d], pool[2 * d + 1]);
        let rec =
            serde_json::json!({"id": format!("x{d}"), "outlet": "Example News", "text": text});
        lines.push_str(&format!("{rec}\n"));
    }
    let wd = Workdir::new();
    wd.write("in.jsonl", &lines);
    wd.run_ok(&["run", "-q", "in.jsonl", "-o", "out"]);
    let passages = wd.csv("out/passages.csv").records();
    assert!(wd.csv("out/pairs.csv").rows.is_empty(), "linked by the footer only");
    assert!(passages.is_empty(), "{passages:?}");
    // From three outlets, the same text is not one outlet's furniture.
    let wd = Workdir::new();
    wd.write(
        "in.jsonl",
        lines.replacen("Example News", "Other", 1).replacen("Example News", "Third", 1),
    );
    wd.run_ok(&["run", "-q", "in.jsonl", "-o", "out"]);
    let pairs = wd.csv("out/pairs.csv").records();
    assert_eq!(pairs.len(), 3, "{pairs:?}");
    let passages = wd.csv("out/passages.csv").records();
    assert!(passages.iter().all(|r| r["boilerplate"] == "false" && r["recurs_in"] == "3"));
}

/// A paragraph of 004 planted verbatim inside 002, and a paragraph of 000
/// lightly edited (a clitic, a replaced word, two inserted) inside 003: the
/// passages are found where they were planted, with their kinds.
#[test]
fn planted_runs_have_their_kinds() {
    let p4 = paragraphs(S4);
    let verbatim = p4.iter().find(|p| p.starts_with("من المحتمل أن يشمل")).unwrap().clone();
    let p0 = paragraphs(S0);
    let original = p0.iter().find(|p| p.starts_with("خلال لقاء صحفي")).unwrap().clone();
    let edited = original
        .replace("بين البلدين", "للبلدين")
        .replace("موسّع", "واسع")
        .replace("أكد بوقادوم", "أكد السفير بوقادوم أمس");
    assert_ne!(edited, original);
    let p2 = paragraphs(S2);
    let p3 = paragraphs(S3);
    let x = format!("{}\n\n{}\n\n{verbatim}\n\n{}", p2[4], p2[7], p2[11]);
    let y = format!("{}\n\n{edited}\n\n{}", p3[2], p3[4]);
    let wd = Workdir::new();
    let dir = wd.seeds("in");
    std::fs::write(dir.join("x.txt"), &x).unwrap();
    std::fs::write(dir.join("y.txt"), &y).unwrap();
    wd.run_ok(&["run", "-q", "in", "-o", "out"]);
    let passages = wd.csv("out/passages.csv").records();
    let groups = by_pair(&passages);
    let find = |a: &str, b: &str, kind: &str, planted: &str, text_b: &str| {
        let rows = groups.get(&(a.to_string(), b.to_string())).expect("pair has passages");
        let at = text_b[..text_b.find(planted).unwrap()].chars().count();
        let end = at + planted.chars().count();
        let r = rows
            .iter()
            .map(|&i| &passages[i])
            .find(|r| {
                let (s, e): (usize, usize) =
                    (r["b_start"].parse().unwrap(), r["b_end"].parse().unwrap());
                s < end && at < e
            })
            .unwrap_or_else(|| panic!("no passage of {a}~{b} over the planted run"));
        assert_eq!(r["kind"], kind, "{r:?}");
        let (s, e): (usize, usize) = (r["b_start"].parse().unwrap(), r["b_end"].parse().unwrap());
        // The passage is the planted run, from its first content word (a
        // leading function word such as من or خلال is left out) to its last.
        assert!(s >= at && e <= end && (end - e) <= 2 && s - at <= 5, "{s}..{e} vs {at}..{end}");
        assert_eq!(r["boilerplate"], "false");
    };
    find(S4, "x.txt", "verbatim", &verbatim, &x);
    find(S0, "y.txt", "near_verbatim", &edited, &y);
    // 000 and 001 retell one report without copying a run of it: not
    // reported as reuse by default; their retold passages are paraphrases
    // when every paraphrase is asked for.
    let s1 = "001_1b4fe8d37dfc8185.txt".to_string();
    assert!(!groups.contains_key(&(S0.to_string(), s1.clone())));
    wd.run_ok(&["run", "-q", "in", "-o", "wide", "--min-copied-run", "0"]);
    let wide = wd.csv("wide/passages.csv").records();
    let rows: Vec<_> = wide.iter().filter(|r| r["doc_a"] == S0 && r["doc_b"] == s1).collect();
    assert!(rows.len() >= 2, "{rows:?}");
    assert!(rows
        .iter()
        .all(|r| r["kind"] == "paraphrase" && r["copied_run"].parse::<u32>().unwrap() < 12));
    // The copied runs are counted: the planted verbatim paragraph is one run.
    let x = groups[&(S4.to_string(), "x.txt".to_string())]
        .iter()
        .map(|&i| passages[i]["copied_run"].parse::<usize>().unwrap())
        .max()
        .unwrap();
    assert!(x >= verbatim.split_whitespace().count() - 2, "{x}");
}
