//! `parallax passages A B`: the table and the CSV.

use crate::util::{cp_slice, seeds_dir, Table, Workdir};

#[test]
fn seeds_000_and_001_share_passages_with_exact_offsets() {
    let wd = Workdir::new();
    let a = seeds_dir().join("000_4a9ff38471bb20bb.txt");
    let b = seeds_dir().join("001_1b4fe8d37dfc8185.txt");
    let out = wd.run_ok(&["passages", a.to_str().unwrap(), b.to_str().unwrap(), "--csv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.starts_with('\u{feff}'), "no BOM on stdout");
    let t = Table::parse(&text);
    assert!(t.rows.len() >= 2, "{text}");
    let at = std::fs::read_to_string(&a).unwrap();
    for r in t.records() {
        let (s, e) = (r["a_start"].parse().unwrap(), r["a_end"].parse().unwrap());
        assert_eq!(cp_slice(&at, s, e), r["a_text"].trim_start_matches('\''));
    }
    let table = wd.run_ok(&["passages", a.to_str().unwrap(), b.to_str().unwrap()]);
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("passages shared by"), "{table}");
}

#[test]
fn unrelated_documents_share_nothing() {
    let wd = Workdir::new();
    wd.write(
        "a.txt",
        "The committee approved the budget for the new hospital after a long debate.",
    );
    wd.write(
        "b.txt",
        "Rain is expected across the north of the country on Sunday, forecasters said.",
    );
    let out = wd.run_ok(&["passages", "a.txt", "b.txt", "--csv"]);
    let t = Table::parse(&String::from_utf8(out.stdout).unwrap());
    assert!(t.rows.is_empty());
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let wd = Workdir::new();
    wd.write("a.txt", "نص");
    let out = wd.run_err(&["passages", "a.txt", "missing.txt"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
}

#[test]
fn a_sentence_goes_to_its_own_counterpart_not_to_the_copy_next_to_it() {
    // a.txt: an ambassador's announcement, then two paragraphs b.txt
    // copies. b.txt follows the copy with another statement of the same
    // ambassador and retells the announcement two paragraphs further on.
    let x = "أعلن سفير الجزائر في واشنطن عن قرب انطلاق مباحثات استراتيجية بين البلدين لتعزيز التعاون الدفاعي.";
    let w = "وأكد سفير الجزائر في واشنطن أن البلدين يختلفان حول ملف الصحراء الغربية رغم التعاون القائم منذ سنوات.";
    let y = "كشف سفير الجزائر لدى الولايات المتحدة عن تقدم المباحثات الاستراتيجية مع واشنطن لتعزيز التعاون الدفاعي.";
    let oil = "وفي سياق آخر، شهدت أسواق النفط العالمية ارتفاعا ملحوظا في الأسعار خلال الأسبوع الماضي بسبب توقعات الطلب الصيني وتراجع المخزونات الأمريكية من الخام.";
    let books = "وعلى صعيد الثقافة، افتتح وزير الثقافة معرض الكتاب الدولي في دورته الجديدة بمشاركة مئات الناشرين العرب والأجانب وسط إقبال كبير من القراء والطلبة.";
    let sport = "أما في الرياضة، فقد فاز المنتخب الوطني لكرة القدم على نظيره التونسي بهدفين نظيفين في مباراة ودية جرت مساء السبت بملعب الخامس من جويلية أمام جمهور غفير.";
    let health = "وفي الصحة، أطلقت الوزارة حملة وطنية للتلقيح ضد الحصبة تستهدف الأطفال دون سن الخامسة في جميع الولايات بمشاركة آلاف الممرضين والأطباء.";
    let weather = "وفي الطقس، توقعت مصالح الأرصاد الجوية تساقط أمطار غزيرة على المناطق الشمالية مع انخفاض محسوس في درجات الحرارة خلال نهاية الأسبوع.";
    let wd = Workdir::new();
    wd.write("a.txt", format!("{x}\n{oil}\n{books}"));
    wd.write("b.txt", format!("{oil}\n{books}\n{w}\n{sport}\n{health}\n{weather}\n{y}"));
    let out = wd.run_ok(&["passages", "a.txt", "b.txt", "--csv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let t = Table::parse(&text);
    let copy: Vec<_> =
        t.records().into_iter().filter(|r| r["a_text"].contains("أسواق النفط")).collect();
    assert_eq!(copy.len(), 1, "{text}");
    assert!(!copy[0]["a_text"].contains("سفير"), "the announcement left the copy: {text}");
    assert!(!copy[0]["b_text"].contains("سفير"), "the other statement left the copy: {text}");
    assert_eq!(copy[0]["kind"], "verbatim", "{text}");
}
