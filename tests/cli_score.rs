//! `parallax score`, lexicons and the evidence trail.

use std::collections::BTreeMap;

use crate::util::Workdir;

#[test]
fn the_opinion_piece_is_the_most_critical_of_the_us_and_most_hegemony_framed() {
    let wd = Workdir::new();
    wd.run_ok(&["score", "-q", "-o", "out"]);
    let stance = wd.csv("out/stance.csv").records();
    let framing = wd.csv("out/framing.csv").records();
    let usa = |r: &BTreeMap<String, String>| r["usa_score"].parse::<f64>().unwrap();
    let hegemony = |r: &BTreeMap<String, String>| r["hegemony_per_1k"].parse::<f64>().unwrap();
    let most_critical = stance.iter().min_by(|a, b| usa(a).total_cmp(&usa(b))).unwrap();
    assert!(most_critical["doc_id"].starts_with("002_"), "{stance:?}");
    let most_hegemony = framing.iter().max_by(|a, b| hegemony(a).total_cmp(&hegemony(b))).unwrap();
    assert!(most_hegemony["doc_id"].starts_with("002_"), "{framing:?}");
    // The two interview reports lean positive toward the US.
    for r in
        stance.iter().filter(|r| r["doc_id"].starts_with("000_") || r["doc_id"].starts_with("001_"))
    {
        assert!(usa(r) > 0.0, "{} usa_score {}", r["doc_id"], usa(r));
    }
}

/// A score cell exists exactly where its voice mentions the target: empty
/// (not 0) otherwise, in stance.csv and in the JSON.
#[test]
fn stance_scores_are_blank_without_mentions() {
    let wd = Workdir::new();
    wd.run_ok(&["score", "-q", "-o", "out"]);
    let t = wd.csv("out/stance.csv");
    let (mut blank, mut filled) = (0, 0);
    for r in t.records() {
        for (col, v) in r.iter().filter(|(c, _)| c.ends_with("_score")) {
            let m = &r[&col.replace("_score", "_mentions")];
            if m == "0" {
                assert_eq!(v, "", "{} {col}: a score without a mention", r["doc_id"]);
                blank += 1;
            } else {
                assert!(v.parse::<f64>().is_ok(), "{} {col} = {v:?}", r["doc_id"]);
                filled += 1;
            }
        }
    }
    assert!(blank > 10 && filled > 5, "{blank} blank, {filled} filled");
}

#[test]
fn evidence_rows_add_up_to_framing_and_stance() {
    let wd = Workdir::new();
    wd.run_ok(&["score", "-q", "-o", "out"]);
    let evidence = wd.csv("out/evidence.csv").records();
    let framing = wd.csv("out/framing.csv").records();
    for f in &framing {
        let doc = &f["doc_id"];
        for (col, v) in f.iter().filter(|(c, _)| c.ends_with("_hits")) {
            let frame = col.trim_end_matches("_hits");
            let n = evidence
                .iter()
                .filter(|e| &e["doc_id"] == doc && e["category"] == format!("frame:{frame}"))
                .count();
            assert_eq!(n.to_string(), *v, "{doc} {col}");
        }
    }
    // Offsets slice the original text.
    let text =
        std::fs::read_to_string(crate::util::seeds_dir().join("002_92781ffd2688aa3b.txt")).unwrap();
    for e in evidence.iter().filter(|e| e["doc_id"].starts_with("002_")).take(50) {
        let (s, t) = (e["start"].parse().unwrap(), e["end"].parse().unwrap());
        assert_eq!(crate::util::cp_slice(&text, s, t), e["surface"].trim_start_matches('\''));
    }
}

#[test]
fn a_user_lexicon_adds_its_own_columns() {
    let wd = Workdir::new();
    wd.write("lex.tsv", "term\tcategory\tweight\tnote\nالسفارة\tframe:embassy\t1\ttest\n");
    wd.run_ok(&["score", "-q", "-o", "out", "--lexicon", "lex.tsv", "--no-default-lexicon"]);
    let t = wd.csv("out/framing.csv");
    assert_eq!(t.header, ["doc_id", "words", "embassy_per_1k", "embassy_hits"]);
    let hits: usize = t.rows.iter().map(|r| r[3].parse::<usize>().unwrap()).sum();
    assert!(hits >= 1);
}

#[test]
fn a_broken_lexicon_is_an_error_naming_the_line() {
    let wd = Workdir::new();
    wd.write("bad.tsv", "term\tcategory\tweight\tnote\nتعاون\tpolarity\tnot-a-number\tx\n");
    let out = wd.run_err(&["score", "-q", "-o", "out", "--lexicon", "bad.tsv"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.tsv") && err.contains(":2"), "{err}");
    assert!(!wd.join("out").exists());
}

#[test]
fn lexicon_check_reports_coverage() {
    let wd = Workdir::new();
    let out =
        wd.run_ok(&["lexicon", "check", "default", crate::util::seeds_dir().to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("frame:security") || text.contains("security"), "{text}");
}

/// `lexicon check` counts a lexicon's role and context words per class and
/// says when a lexicon has none; `score` with a user's `role:speech` row
/// reads the new verb as a speech act, and a malformed role row is an error
/// naming file and line.
#[test]
fn lexicon_check_counts_role_words_and_score_uses_them() {
    let wd = Workdir::new();
    let head = "term\tcategory\tweight\tnote\tguard\tlang\n";
    wd.write(
        "roles.tsv",
        format!(
            "{head}Moscow\ttarget:russia\t1\tcapital\t\ten\n\
             Paris\ttarget:france\t1\tcapital\t\ten\n\
             berated\tpolarity\t-1.5\trebuked\t\ten\n\
             berate*\trole:speech\t\trebuke\t\ten\n\
             scold*\trole:speech\t1\trebuke\t\ten\n"
        ),
    );
    let out = wd.run_ok(&["lexicon", "check", "roles.tsv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("role words: accusation 0, speech 2, emotion 0"), "{text}");
    assert!(text.contains("no context:* rows"), "{text}");
    assert!(!text.contains("no role:* rows"), "{text}");
    let out = wd.run_ok(&["lexicon", "check", "default"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("context words: sports_before 19, sports_after 5, agency 28"), "{text}");

    wd.write("docs/a.txt", "Moscow berated on Monday the Paris envoy.\n");
    wd.run_ok(&[
        "score",
        "-q",
        "docs",
        "--no-default-lexicon",
        "--lexicon",
        "roles.tsv",
        "-o",
        "out",
    ]);
    let ev = wd.csv("out/evidence.csv").records();
    let hit = ev.iter().find(|r| r["category"] == "polarity").unwrap_or_else(|| panic!("{ev:?}"));
    assert_eq!((hit["target"].as_str(), hit["holder"].as_str()), ("france", "russia"), "{hit:?}");

    wd.write("bad.tsv", format!("{head}berate*\trole:speech\t2\trebuke\t\ten\n"));
    let out = wd.run_err(&["lexicon", "check", "bad.tsv"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.tsv:2") && err.contains("takes no weight"), "{err}");
}

/// `--targets FILE` adds an actor the default lexicon does not know, in
/// every language its names are given in, with its holder/object rules: the
/// condemned side gets the blame, the speaker none.
#[test]
fn a_targets_file_adds_an_actor_with_its_names_in_three_languages() {
    let wd = Workdir::new();
    wd.write(
        "targets.tsv",
        "key\tlabel\tar\tfr\ten\n\
         wagner\tWagner group\tفاغنر; مجموعة فاغنر\tWagner\tWagner\n",
    );
    wd.write(
        "docs/en.txt",
        "The government strongly condemned the Wagner group for the massacre of civilians.\n",
    );
    wd.write("docs/ar.txt", "وأدانت الحكومة بشدة مجموعة فاغنر بسبب مجزرة المدنيين.\n");
    wd.write(
        "docs/fr.txt",
        "Le gouvernement a condamné le groupe Wagner pour le massacre de civils.\n",
    );
    wd.run_ok(&["score", "-q", "docs", "--targets", "targets.tsv", "-o", "out"]);
    let stance = wd.csv("out/stance.csv").records();
    assert_eq!(stance.len(), 3);
    for r in &stance {
        let score: f64 = r["wagner_score"].parse().unwrap_or_else(|_| panic!("{r:?}"));
        assert!(score < 0.0, "{}: wagner_score {score}", r["doc_id"]);
        assert_ne!(r["wagner_mentions"], "0");
    }
    // The default targets are still there.
    assert!(stance[0].contains_key("usa_score"));
}

/// A targets file's guard keeps a football club's nisba from counting as
/// the state, and the evidence shows only the mention that is left.
#[test]
fn a_targets_guard_leaves_clubs_out() {
    let wd = Workdir::new();
    wd.write(
        "targets.tsv",
        "key\tar\tdemonyms\tguard\n\
         spain\tإسبانيا\tإسباني*\tnot_prev:برشلونة|الدوري|ريال|نادي\n",
    );
    wd.write(
        "docs/a.txt",
        "فاز برشلونة الإسباني في الدوري الإسباني أمس.\nوانتقدت الحكومة الإسبانية القرار بشدة.\n",
    );
    wd.run_ok(&["score", "-q", "docs", "--targets", "targets.tsv", "-o", "out"]);
    let ev: Vec<_> = wd
        .csv("out/evidence.csv")
        .records()
        .into_iter()
        .filter(|r| r["category"] == "target:spain")
        .collect();
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0]["sentence"], "2");
    let bad = "key\tar\tguard\nspain\tإسبانيا\tafter:x\n";
    wd.write("bad.tsv", bad);
    let out = wd.run_err(&["score", "-q", "docs", "--targets", "bad.tsv", "-o", "out2"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.tsv:2") && err.contains("guard"), "{err}");
}

#[test]
fn a_bad_targets_file_is_an_error_naming_its_line() {
    let wd = Workdir::new();
    wd.write("targets.tsv", "key\tar\nwagner\tفاغنر\nWagner Group\tفاغنر\n");
    let out = wd.run_err(&["score", "-q", "--targets", "targets.tsv", "-o", "out"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("targets.tsv:3") && err.contains("lowercase"), "{err}");
    assert!(!wd.join("out").exists(), "nothing written");
}

/// `lexicon check` with a corpus names the actors no target covers.
#[test]
fn lexicon_check_lists_names_no_target_covers() {
    let wd = Workdir::new();
    wd.write(
        "docs/a.txt",
        "Talks stalled as North Korea fired a missile, and Boris Johnson flew to Moscow.\n",
    );
    wd.write("docs/b.txt", "Sanctions on North Korea were discussed by Boris Johnson.\n");
    let out = wd.run_ok(&["lexicon", "check", "default", "docs"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let section =
        stdout.split("Names no target covers").nth(1).unwrap_or_else(|| panic!("{stdout}"));
    assert!(section.contains("North Korea") && section.contains("Boris Johnson"), "{section}");
    assert!(!section.contains("Moscow"), "Moscow is covered by russia: {section}");
}

/// `eval stance --rows` writes every evaluated row with its prediction, so
/// a reader sees which rows are wrong; text from the gold file is guarded,
/// and a folder that cannot hold the file is an error naming the flag.
#[test]
fn eval_stance_rows_say_what_was_predicted_for_each_row() {
    let wd = Workdir::new();
    wd.write(
        "gold.csv",
        "text,target,label\n\
         \"Russia condemned the American sanctions.\",usa,against\n\
         \"Paris praised Algeria.\",algeria,against\n\
         \n\
         \"=1+1 The weather was fine.\",,none\n",
    );
    wd.run_ok(&["eval", "stance", "gold.csv", "--rows", "rows.csv"]);
    assert!(wd.read("rows.csv").starts_with('\u{feff}'), "a BOM, as in every parallax CSV");
    let rows = wd.csv("rows.csv").records();
    assert_eq!(rows.len(), 3, "{rows:?}");
    let col = |k: &str| rows.iter().map(|r| r[k].as_str()).collect::<Vec<_>>();
    assert_eq!(col("line"), ["2", "3", "5"]);
    assert_eq!(col("gold"), ["against", "against", "none"]);
    assert_eq!(col("predicted"), ["against", "favor", "none"]);
    assert_eq!(col("correct"), ["true", "false", "true"]);
    assert_eq!(col("basis"), ["target", "target", "text"]);
    assert!(rows[0]["score"].parse::<f64>().unwrap() < 0.0);
    assert_eq!(rows[2]["text"], "'=1+1 The weather was fine.");
    wd.run_ok(&["eval", "stance", "gold.csv", "--rows", "plain.csv", "--no-bom"]);
    assert!(wd.read("plain.csv").starts_with("line,target,"));
    let out = wd.run_err(&["eval", "stance", "gold.csv", "--rows", "no/such/dir/rows.csv"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--rows no/such/dir/rows.csv"), "{err}");
    assert!(!wd.join("no").exists());
}
