//! Behaviour tests of the scorer on small hand-written texts and fixture
//! lexicons (table-driven where the cases are alike).

use super::*;
use crate::normalize::{NormalizedDoc, Normalizer};

const LEX: &str = "term\tcategory\tweight\tnote
واشنطن\ttarget:usa\t1\tcapital
الولايات المتحدة\ttarget:usa\t1\tstate
روسيا\ttarget:russia\t1\tstate
موسكو\ttarget:russia\t1\tcapital
الجزائر\ttarget:algeria\t1\tstate
Washington\ttarget:usa\t1\tcapital
Paris\ttarget:france\t1\tcapital
الإرهاب\tframe:security\t1.5\tterrorism
الساحل\tframe:security\t1\tSahel
عدم الانحياز\tframe:sovereignty\t2\tnon-alignment
الشراكة\tframe:diplomacy\t1\tpartnership
الغاز\tframe:economy/energy\t1\tgas
دعم\tpolarity\t1\tsupport
واضح\tpolarity\t0.5\tclear
قوي\tpolarity\t1\tstrong
مفيد*\tpolarity\t1\tuseful
تهديد\tpolarity\t-1\tthreat
موثوق\tpolarity\t1\treliable
support\tpolarity\t1\tsupport
reliable\tpolarity\t1\treliable
soutient\tpolarity\t1\tsupports
حاسم\tintensifier\t2\tdecisive
";

fn scorer() -> (Scorer, Normalizer) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.tsv");
    std::fs::write(&p, LEX).unwrap();
    let n = Normalizer::default();
    (Scorer::new(&Lexicon::load(&p).unwrap(), &n).unwrap(), n)
}

/// (surface, contribution, modifiers, target, voice) of a polarity hit.
type PolRow = (String, f64, Vec<String>, Option<String>, Voice);

/// The polarity hits of `text`.
fn polarity(text: &str) -> Vec<PolRow> {
    let (s, n) = scorer();
    s.score_text(text, &n)
        .hits
        .into_iter()
        .filter(|h| h.is_polarity())
        .map(|h| (h.surface, h.contribution, h.modifiers, h.target, h.voice))
        .collect()
}

fn contributions(text: &str) -> Vec<f64> {
    polarity(text).into_iter().map(|p| p.1).collect()
}

#[test]
fn negation_flips_polarity_per_cue() {
    let cases: &[(&str, &[f64])] = &[
        ("واشنطن تقدم دعما للجزائر", &[1.0]),
        ("واشنطن لا تقدم دعما للجزائر", &[-1.0]),
        ("واشنطن لم تقدم دعما للجزائر", &[-1.0]),
        ("واشنطن لن تقدم دعما للجزائر", &[-1.0]),
        ("موقف واشنطن ليس مفيدا", &[-1.0]),
        ("سياسة واشنطن ليست مفيدة", &[-1.0]),
        ("واشنطن تحركت دون دعم", &[-1.0]),
        ("واشنطن تحركت بلا دعم", &[-1.0]),
        ("عدم دعم واشنطن", &[-1.0]),
        ("شريك غير موثوق هو واشنطن", &[-1.0]),
        ("Washington did not support the plan", &[-1.0]),
        ("Washington doesn't support the plan", &[-1.0]),
        ("Washington acted without support", &[-1.0]),
        ("Paris ne soutient pas le plan", &[-1.0]),
        // Exceptions: fixed expressions that do not negate.
        ("لا سيما دعم واشنطن", &[1.0]),
        ("لا بد من دعم واشنطن", &[1.0]),
        ("ما زال دعم واشنطن قائما", &[1.0]),
        ("لا يزال دعم واشنطن قائما", &[1.0]),
        ("ما يزال دعم واشنطن قائما", &[1.0]),
        ("غير أن دعم واشنطن قائم", &[1.5]),
        ("كما أن دعم واشنطن قائم", &[1.0]),
        ("عندما جاء دعم واشنطن", &[1.0]),
        ("ربما يأتي دعم واشنطن", &[1.0]),
        ("مما يعزز دعم واشنطن", &[1.0]),
        ("بينما يستمر دعم واشنطن", &[1.0]),
        ("طالما استمر دعم واشنطن", &[1.0]),
        ("إنما هو دعم واشنطن", &[1.0]),
        // ما is the relative "what" of news prose, not a negator.
        ("وهو ما عزز دعم واشنطن", &[1.0]),
        ("وفق ما أعلن دعم واشنطن", &[1.0]),
        ("Washington gives not only support", &[1.0]),
    ];
    for (text, want) in cases {
        assert_eq!(contributions(text), *want, "{text}");
    }
}

#[test]
fn negation_scope_covers_waw_joined_adjectives_only() {
    let got = polarity("لم تُبدِ روسيا دعمًا قويًا وواضحًا للاتفاق");
    let c: Vec<f64> = got.iter().map(|g| g.1).collect();
    assert_eq!(c, [-1.0, -1.0, -0.5]);
    assert!(got[0].2.contains(&"negated:لم".to_string()));
    // A و-verb starts a new clause: the second cue is not negated.
    assert_eq!(contributions("روسيا لم تقدم دعما وأعلنت تهديدا"), [-1.0, -1.0]);
    assert_eq!(contributions("روسيا لم تقدم تهديدا، بل دعما"), [0.5, 1.5]);
}

#[test]
fn lexicalised_negator_terms_do_not_negate() {
    let (s, n) = scorer();
    let r = s.score_text("تتمسك الجزائر بمبدأ عدم الانحياز دعما للاستقرار", &n);
    assert_eq!(r.frames["sovereignty"].hits, 1);
    let pol: Vec<f64> = r.hits.iter().filter(|h| h.is_polarity()).map(|h| h.contribution).collect();
    assert_eq!(pol, [1.0]);
}

/// The polarity cues the default lexicon finds in `text`, by surface.
fn default_cues(text: &str) -> Vec<String> {
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    s.score_text(text, &n).hits.into_iter().filter(|h| h.is_polarity()).map(|h| h.surface).collect()
}

/// Sense guards of the default lexicon: a test result, the date a rule
/// takes effect or a doping drug is no evaluation; the evaluative sense
/// still counts.
#[test]
fn test_results_and_dates_are_not_praise() {
    let cues = default_cues;
    for text in [
        "Senator Rand Paul tested positive for COVID-19.",
        "Half of the women had a false positive result.",
        "He was taken to hospital in Berlin after testing positive for coronavirus.",
        "China will cut the reserve ratio, effective Jan. 6.",
        "The ban is effective immediately.",
        "Russian experts replaced samples tainted by performance-enhancing drugs.",
        "Le ministre a été testé positif au Covid-19.",
    ] {
        assert_eq!(cues(text), Vec::<String>::new(), "{text}");
    }
    assert_eq!(cues("China took a positive step."), ["positive"]);
    assert_eq!(cues("The United States ran an effective campaign."), ["effective"]);
    assert_eq!(cues("China will enhance its role."), ["enhance"]);
    assert_eq!(cues("Une évolution positive pour la France."), ["positive"]);
}

/// What an accusation alleges is wrongdoing whatever its words: a
/// favourable word inside the allegation (support, peace, improvement)
/// credits the accused with nothing, while a negated one still blames.
#[test]
fn allegations_credit_no_merit() {
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let credit = |text: &str, target: &str| -> Vec<String> {
        let hits = s.score_text(text, &n).hits.into_iter();
        hits.filter(|h| h.is_polarity())
            .filter(|h| h.target.as_deref() == Some(target) && h.contribution > 0.0)
            .map(|h| h.surface)
            .collect()
    };
    for (text, target) in [
        ("ويتهم التحالف إيران بتهريب الأسلحة إلى الحوثيين ودعمهم عسكريا", "iran"),
        ("اتهمت القوى الغربية روسيا بتقويض محادثات السلام", "russia"),
        ("اتهمت كوريا الشمالية واشنطن بمحاولة تقويض التحسن في العلاقات", "usa"),
        ("Britain accused Russia of undermining the peace talks.", "russia"),
    ] {
        assert_eq!(credit(text, target), Vec::<String>::new(), "{text}");
    }
    let (scores, _) = default_roles("اتهمت تركيا اليونان بعدم احترام الاتفاق");
    assert!(scores.get("turkey").is_none_or(|v| *v == 0.0), "{scores:?}");
}

/// «غازي»/«غازية» is gas (an economy cue) after a field or in soft
/// drinks, not invading forces, Gaziantep, Gazeta or the name Ghazi (515
/// of 689 news rows of the old `غازي*` glob were names).
#[test]
fn gas_is_not_an_invader_or_a_name() {
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let economy = |text: &str| -> Vec<String> {
        let hits = s.score_text(text, &n).hits.into_iter();
        hits.filter(|h| h.category == "frame:economy").map(|h| h.surface).collect()
    };
    assert_eq!(economy("أعلنت مصر اكتشاف حقل غازي جديد"), ["غازي"]);
    assert_eq!(economy("ارتفعت مبيعات المشروبات الغازية"), ["الغازية"]);
    for text in [
        "وصلت القوات الغازية إلى المدينة",
        "في مدينة غازي عنتاب التركية",
        "قال الوزير غازي القصيبي",
        "نقلت صحيفة غازيتا الروسية",
    ] {
        assert_eq!(economy(text), Vec::<String>::new(), "{text}");
    }
}

/// «المالي» is "the financial" far more than "the Malian", and «تدخل حيز
/// التنفيذ» "enters into force", not interference.
#[test]
fn financial_and_entering_into_force() {
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let cats = |text: &str| -> Vec<String> {
        let hits = s.score_text(text, &n).hits.into_iter();
        hits.filter(|h| h.category == "target:mali" || h.entry == "التدخل")
            .map(|h| h.surface)
            .collect()
    };
    assert_eq!(cats("مكافحة الفساد المالي والإداري"), Vec::<String>::new());
    assert_eq!(cats("العقوبات تدخل حيز التنفيذ الشهر المقبل"), Vec::<String>::new());
    assert_eq!(cats("انتشرت القوات في شمال مالي"), ["مالي"]);
    assert_eq!(cats("رفض التدخل الأجنبي في ليبيا"), ["التدخل"]);
}

/// A ف-particle (فقد، فإن، فسوف) opens a new clause, which a negation
/// before it does not reach: in «إذا لم تقدم روسيا دعما فقد يتصاعد التوتر»
/// the support is denied, the tension is not. A negated verb of stopping
/// denies nothing of what follows it.
#[test]
fn negation_stops_at_a_fa_clause_and_negated_stopping() {
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let negated = |text: &str| -> Vec<(String, bool)> {
        s.score_text(text, &n)
            .hits
            .into_iter()
            .filter(|h| h.is_polarity() && h.target.is_some())
            .map(|h| (h.surface, h.modifiers.iter().any(|m| m.starts_with("negated:"))))
            .collect()
    };
    let got = negated("إذا لم تقدم روسيا دعما فقد يتصاعد التوتر مع روسيا");
    assert!(got.contains(&("دعما".into(), true)), "{got:?}");
    assert!(got.contains(&("التوتر".into(), false)), "{got:?}");
    // A negated "stop" affirms: will not stop supporting terrorism.
    let got = negated("لن تتوقف قطر عن دعم الإرهاب في المنطقة");
    assert!(got.contains(&("دعم الإرهاب".into(), false)), "{got:?}");
    let got = negated("Russia did not stop its support for Syria");
    assert!(got.contains(&("support".into(), false)), "{got:?}");
    // Nor does a negated hesitation: will not hesitate to strengthen ties.
    let got = negated("ولن تتردد مصر في توطيد علاقتها مع واشنطن");
    assert!(got.contains(&("توطيد".into(), false)), "{got:?}");
    let got = negated("Egypt will not hesitate to strengthen its ties with Russia");
    assert!(got.contains(&("strengthen".into(), false)), "{got:?}");
    let got = negated("La Russie n'hésitera pas à renforcer son soutien à la Syrie");
    assert!(got.contains(&("soutien".into(), false)), "{got:?}");
    // "quite" is no "quit": "not quite" still negates.
    let got = negated("Russia did not quite support the plan");
    assert!(got.contains(&("support".into(), true)), "{got:?}");
    // A word that only starts with ف is no particle.
    let got = negated("لم تقدم روسيا دعما فرنسيا");
    assert!(got.contains(&("دعما".into(), true)), "{got:?}");
}

/// Evaluative words inside names are no evaluation: رجب طيب أردوغان
/// ("good"), مجلس التعاون الخليجي ("cooperation"), التحالف العربي لدعم
/// الشرعية ("support"), الدوري الإنجليزي الممتاز ("excellent"), قوات حفظ
/// السلام ("peace"), مباراة ودية (a friendly match); the words themselves
/// still count (on the news corpus the names were 7,913 polarity rows).
#[test]
fn names_made_of_evaluative_words_are_not_evaluations() {
    let cues = default_cues;
    for text in [
        "قال الرئيس التركي رجب طيب أردوغان إن بلاده لن تتراجع",
        "وقال شيخ الأزهر أحمد الطيب في كلمته",
        "اجتمع وزراء دول مجلس التعاون الخليجي في الرياض",
        "أعلنت منظمة التعاون الإسلامي عقد قمة طارئة",
        "أكد التحالف العربي لدعم الشرعية في اليمن استمرار العمليات",
        "سجل صلاح هدفين في الدوري الإنجليزي الممتاز",
        "تنتشر قوات حفظ السلام في جنوب لبنان",
        "فاز المنتخب في مباراة ودية أمام تونس",
        "قال مركز المصالحة الروسي في سوريا إن الهدنة صامدة",
        "شاركت القوات في عملية إعادة الأمل في اليمن",
        "اعتقل الآلاف بعد الانقلاب الفاشل في تركيا",
        "قال محمد عبد السلام المتحدث باسم الحوثيين",
    ] {
        assert_eq!(cues(text), Vec::<String>::new(), "{text}");
    }
    assert_eq!(cues("أشاد الوزير بالعلاقات الطيبة مع تركيا"), ["أشاد", "الطيبة"]);
    assert_eq!(cues("دعت إلى التعاون مع تركيا"), ["التعاون"]);
    assert_eq!(cues("أعلنت تركيا دعم الحكومة"), ["دعم"]);
    assert_eq!(cues("حقق المنتخب نتيجة ممتازة"), ["ممتازة"]);
    assert_eq!(cues("يريد الشعب السلام"), ["السلام"]);
    assert_eq!(cues("تربط البلدين علاقات ودية"), ["ودية"]);
    // The adjective "financial" after these nouns is not Mali.
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    for text in ["تحويل العاصمة إلى مركز مالي ودعم الاقتصاد", "وافقت على خطة إنقاذ مالي جديدة"]
    {
        let hits = s.score_text(text, &n).hits;
        assert!(hits.iter().all(|h| h.target.as_deref() != Some("mali")), "{text}: {hits:?}");
    }
    let hits = s.score_text("أشاد الرئيس بالتعاون مع مالي في الساحل", &n).hits;
    assert!(hits.iter().any(|h| h.target.as_deref() == Some("mali")), "{hits:?}");
    assert_eq!(cues("أعرب عن أمل في الحل"), ["أمل"]);
}

#[test]
fn intensifiers_dampeners_and_contrast() {
    assert_eq!(contributions("دعم واشنطن قوي جدا"), [1.0, 1.5]);
    assert_eq!(contributions("دعم نسبيا من واشنطن"), [0.5]);
    assert_eq!(contributions("دعم حاسم من واشنطن"), [2.0]);
    let got = polarity("واشنطن شريك مفيد لكن موسكو تهديد");
    assert_eq!(got.iter().map(|g| g.1).collect::<Vec<_>>(), [0.5, -1.5]);
    assert_eq!(got[0].3.as_deref(), Some("usa"));
    assert_eq!(got[1].3.as_deref(), Some("russia"));
    assert!(got[1].2.contains(&"contrast:لكن×1.5".to_string()), "{:?}", got[1].2);
    assert_eq!(contributions("Washington is useful. However, Paris offers support"), [1.5]);
}

#[test]
fn scalers_take_the_nearest_cue_on_either_side() {
    let cases: &[(&str, &[f64])] = &[
        // Arabic scalers follow the cue (post-posed) ...
        ("واشنطن تقدم دعما حاسما", &[2.0]),
        ("دعم واضح جدا من واشنطن", &[1.0, 0.75]),
        ("واشنطن تقدم دعما للجزائر جدا", &[1.5]),
        // ... or precede it when nothing comes before.
        ("جدا مفيدة واشنطن", &[1.5]),
        // Between two cues at the same distance: an Arabic scaler takes the
        // one before, a Latin one the one after.
        ("دعم جدا تهديد", &[1.5, -1.0]),
        ("Washington support very reliable", &[1.0, 1.5]),
        // The nearer cue wins whatever the script.
        ("دعم واشنطن تهديد جدا", &[1.0, -1.5]),
        ("Washington reliable very much support", &[1.5, 1.0]),
        // A clause boundary hides the nearer cue.
        ("Washington support, very much reliable", &[1.0, 1.5]),
        // Not beyond SCALER_REACH tokens, nor across a clause boundary.
        ("دعم من واشنطن إلى الجزائر جدا", &[1.0]),
        ("دعم واشنطن، جدا", &[1.0]),
    ];
    for (text, want) in cases {
        assert_eq!(contributions(text), *want, "{text}");
    }
    assert_eq!(scorer::SCALER_REACH, 2);
}

#[test]
fn voice_is_quoted_when_attributed_or_in_quotes() {
    let cases: &[(&str, Voice)] = &[
        ("واشنطن تقدم دعما", Voice::Author),
        ("قال الوزير إن واشنطن تقدم دعما", Voice::Quoted),
        ("وبحسب التقرير، تقدم واشنطن دعما", Voice::Quoted),
        ("أكد السفير أن واشنطن تقدم دعما", Voice::Quoted),
        ("وصف الوزير «دعم واشنطن»", Voice::Quoted),
        ("Washington offers support, the minister said", Voice::Quoted),
        ("selon le ministre, Paris soutient le plan", Voice::Quoted),
    ];
    for (text, voice) in cases {
        let got = polarity(text);
        assert_eq!(got.len(), 1, "{text}");
        assert_eq!(got[0].4, *voice, "{text}");
    }
    let (s, n) = scorer();
    let r = s.score_text("قال الوزير إن واشنطن تقدم دعما. واشنطن تقدم تهديدا.", &n);
    let usa = r.stance["usa"];
    assert_eq!((usa.mentions, usa.quoted_mentions), (1, 1));
    assert_eq!((usa.score, usa.quoted_score), (Some(-1.0), Some(1.0)));
}

/// The evidence-sum property: every frame and stance number is rebuilt from
/// the hit rows alone.
fn assert_rebuilt_from_hits(r: &DocScores) {
    // Frames from rows: hits = number of rows, per_1k = hits·1000/words.
    for (frame, fs) in &r.frames {
        let rows: Vec<&Hit> =
            r.hits.iter().filter(|h| h.is_frame() && h.key() == Some(frame)).collect();
        assert_eq!(fs.hits, rows.len(), "{frame}");
        assert_eq!(fs.hits as f64, rows.iter().map(|h| h.contribution).sum::<f64>());
        let per_1k = if r.words == 0 { 0.0 } else { fs.hits as f64 * 1000.0 / r.words as f64 };
        assert_eq!(fs.per_1k, per_1k);
    }
    // Stance from rows: score = clamp(Σ contribution / max(mentions, 1), −1, 1).
    for (t, st) in &r.stance {
        for voice in [Voice::Author, Voice::Quoted] {
            let of = |h: &&Hit| h.target.as_deref() == Some(t) && h.voice == voice;
            let mentions: f64 =
                r.hits.iter().filter(of).filter(|h| h.is_target()).map(|h| h.contribution).sum();
            let sum: f64 =
                r.hits.iter().filter(of).filter(|h| h.is_polarity()).map(|h| h.contribution).sum();
            let score = (sum / mentions.max(1.0)).clamp(-1.0, 1.0);
            let (want_m, want_s) = match voice {
                Voice::Author => (st.mentions, st.score),
                Voice::Quoted => (st.quoted_mentions, st.quoted_score),
            };
            assert_eq!(want_m as f64, mentions, "{t} {voice:?}");
            // No mention, no score (an empty cell, never 0).
            match want_s {
                Some(v) => assert!(mentions > 0.0 && (v - score).abs() < 1e-12, "{t} {voice:?}"),
                None => assert_eq!(mentions, 0.0, "{t} {voice:?}"),
            }
        }
    }
}

#[test]
fn evidence_sum_property() {
    let (s, n) = scorer();
    let text = "تعزز الجزائر الشراكة مع واشنطن في مكافحة الإرهاب بمنطقة الساحل. \
                لم تُبدِ روسيا دعمًا قويًا وواضحًا، لكن موسكو تعرض الغاز. \
                وبحسب مسؤول، فإن واشنطن شريك موثوق جدا. الإرهاب تهديد للجزائر وواشنطن.";
    let r = s.score_text(text, &n);
    assert!(r.hits.len() >= 12, "{:#?}", r.hits);
    assert_rebuilt_from_hits(&r);
    assert_eq!(r.frames["economy"].hits, 1, "nested category counts in its first level");
    let rus = r.stance["russia"];
    assert!(rus.score.is_some_and(|v| v < 0.0) && rus.mentions == 2, "{rus:?}");
    assert!(r.stance["usa"].quoted_score.is_some_and(|v| v > 0.0));
    // Every hit's span slices the text at the surface.
    for h in &r.hits {
        assert_eq!(&text[h.start..h.end], h.surface);
    }
}

#[test]
fn every_frame_and_target_is_a_column() {
    let (s, n) = scorer();
    let r = s.score_text("", &n);
    assert_eq!(r.words, 0);
    assert_eq!(
        r.frames.keys().collect::<Vec<_>>(),
        ["diplomacy", "economy", "security", "sovereignty"]
    );
    assert_eq!(r.stance.keys().collect::<Vec<_>>(), ["algeria", "france", "russia", "usa"]);
    assert!(r.frames.values().all(|f| f.per_1k == 0.0));
}

#[test]
fn frame_counts_in_spans() {
    let (s, n) = scorer();
    let text = "الإرهاب في الساحل. الشراكة مع الجزائر.";
    let r = s.score_text(text, &n);
    let cut = text.find("الشراكة").unwrap();
    let spans = [0..cut, text.len()..text.len()];
    let counts = frame_counts_in(&HitList::new(&r.hits), &spans);
    assert_eq!(counts.get("security"), Some(&2));
    assert_eq!(counts.get("diplomacy"), None);
    let spans = [0..cut, cut..text.len()];
    let all = frame_counts_in(&HitList::new(&r.hits), &spans);
    assert_eq!(all.get("diplomacy"), Some(&1));
}

#[test]
fn coverage_counts_docs_and_words() {
    let (s, n) = scorer();
    let texts = ["الإرهاب في الساحل", "دعم واشنطن", "لا شيء هنا"];
    let docs: Vec<_> = texts.iter().map(|t| n.normalize(t)).collect();
    let r = coverage(&s, texts.iter().copied().zip(docs.iter()), 3);
    assert_eq!((r.docs, r.words), (3, 8));
    let sec = r.categories.iter().find(|c| c.category == "frame:security").unwrap();
    assert_eq!((sec.hits, sec.docs_hit, sec.words_hit), (2, 1, 2));
    assert!((sec.doc_share - 1.0 / 3.0).abs() < 1e-12);
    assert!(r.to_string().contains("frame:security"));
    let pairs: Vec<(&str, &NormalizedDoc)> = texts.iter().copied().zip(docs.iter()).collect();
    let lex = Lexicon::load(&fixture("check.tsv")).unwrap();
    let c = check_lexicon(&lex, &n, Some(&pairs), 3).unwrap();
    assert!(c.issues.len() >= 5);
    assert!(c.unused.is_empty(), "{:?}", c.unused);
    let c = check_lexicon(&lex, &n, Some(&pairs[2..]), 3).unwrap();
    assert!(c.unused.contains(&"دعم (polarity)".to_string()), "{:?}", c.unused);
    assert!(c.to_string().contains("entries"));
    let c = check_lexicon(&lex, &n, None, 3).unwrap();
    assert!(c.coverage.is_none() && c.unused.is_empty());
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lexicon").join(name)
}

#[test]
fn seeds_with_the_default_lexicon() {
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    for (name, bytes) in crate::seeds::SEEDS {
        let text = String::from_utf8_lossy(bytes);
        let r = s.score_text(&text, &n);
        assert!(r.words > 100, "{name}");
        let frame_hits: usize = r.frames.values().map(|f| f.hits).sum();
        assert!(frame_hits > 0, "{name}: no frame hit");
        assert!(r.stance.values().any(|t| t.mentions + t.quoted_mentions > 0), "{name}");
        for h in &r.hits {
            assert_eq!(&text[h.start..h.end], h.surface, "{name}");
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Random sequences of lexicon terms, cues and punctuation: no panic,
    /// spans slice the text, and the evidence-sum property holds.
    #[test]
    fn evidence_sum_on_random_text(words in proptest::collection::vec(proptest::sample::select(&[
        "واشنطن", "موسكو", "الجزائر", "دعم", "دعما", "قويا", "وواضحا", "تهديد", "موثوق", "مفيدة",
        "الإرهاب", "الساحل", "عدم", "الانحياز", "الغاز", "لم", "لا", "غير", "أن", "سيما", "لكن",
        "بل", "جدا", "نسبيا", "حاسم", "قال", "وبحسب", "«", "»", "،", ".", "\n", "not", "support",
        "Washington", "but", "said", "2024",
    ][..]), 0..60)) {
        let (s, n) = scorer();
        let text = words.join(" ");
        let r = s.score_text(&text, &n);
        for h in &r.hits {
            proptest::prop_assert_eq!(&text[h.start..h.end], h.surface.as_str());
        }
        for st in r.stance.values() {
            proptest::prop_assert!(st.score.is_none_or(|v| (-1.0..=1.0).contains(&v)));
            proptest::prop_assert_eq!(st.score.is_some(), st.mentions > 0);
            proptest::prop_assert_eq!(st.quoted_score.is_some(), st.quoted_mentions > 0);
        }
        assert_rebuilt_from_hits(&r);
    }
}

/// Seed sanity (issue 5): scored with the full default lexicon, the
/// anti-imperialist opinion piece (002) is the most critical of the US and
/// the most hegemony-framed; the two interview reports (000, 001) lean
/// positive toward the US.
#[test]
fn seeds_read_as_a_careful_reader_would() {
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let scores: Vec<DocScores> = crate::seeds::SEEDS
        .iter()
        .map(|(_, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            s.score(&text, &n.normalize(&text))
        })
        .collect();
    let usa: Vec<f64> = scores.iter().map(|r| r.stance["usa"].score.unwrap_or(f64::NAN)).collect();
    let hegemony: Vec<f64> = scores.iter().map(|r| r.frames["hegemony"].per_1k).collect();
    for (i, r) in scores.iter().enumerate() {
        assert!(r.stance["usa"].mentions > 0, "seed {i} mentions the US");
        if i != 2 {
            assert!(usa[2] < usa[i], "usa: 002 below {i}: {usa:?}");
            assert!(hegemony[2] > hegemony[i], "hegemony: 002 above {i}: {hegemony:?}");
        }
    }
    assert!(usa[2] < 0.0, "{usa:?}");
    assert!(usa[0] > 0.0 && usa[1] > 0.0, "{usa:?}");
    // 004 is less favourable to Russia than 003.
    let russia: Vec<Option<f64>> = scores.iter().map(|r| r.stance["russia"].score).collect();
    match (russia[3], russia[4]) {
        (Some(r3), Some(r4)) => assert!(r4 < r3, "russia: {russia:?}"),
        _ => panic!("seeds 003 and 004 mention Russia: {russia:?}"),
    }
}

#[test]
fn default_lexicon_post_posed_intensifiers_and_homographs() {
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let pol = |text: &str| -> Vec<(String, f64)> {
        s.score_text(text, &n)
            .hits
            .into_iter()
            .filter(|h| h.is_polarity())
            .map(|h| (h.surface, h.contribution))
            .collect()
    };
    // قلق بالغ: the intensifier follows its cue.
    let got = pol("أعربت الجزائر عن قلق بالغ");
    assert_eq!(got.len(), 1);
    assert!((got[0].1 - (-1.2 * 1.5)).abs() < 1e-9, "{got:?}");
    // القوى "the powers" is not the intensifier قوي.
    let got = pol("القوى الإمبريالية الأوروبية");
    assert_eq!(got, [("الإمبريالية".to_string(), -1.5)]);
    // مذكرة تفاهم names a document; ارتباطا وثيقا is "closely linked".
    assert!(pol("وقعت الجزائر وواشنطن مذكرة تفاهم").is_empty());
    assert!(pol("كان ذلك مرتبطا ارتباطا وثيقا بتطور الأحداث").is_empty());
}

/// Issue 16: a score exists only where its voice mentions the target. A
/// target that is not mentioned has no score (not 0), and a scare-quoted cue
/// about an actor named outside the quotes counts for neither voice (it was
/// a quoted score of −1 with no quoted mention).
#[test]
fn no_mention_no_score() {
    let (s, n) = scorer();
    let r = s.score_text("واشنطن تقدم «تهديدا» للجزائر", &n);
    let usa = r.stance["usa"];
    assert_eq!((usa.mentions, usa.quoted_mentions), (1, 0));
    assert_eq!((usa.score, usa.quoted_score), (Some(0.0), None));
    assert_eq!(r.stance["russia"].score, None);
    assert_eq!(r.stance["russia"].quoted_score, None);
    let pol: Vec<_> = r.hits.iter().filter(|h| h.is_polarity()).collect();
    assert_eq!(pol.len(), 1);
    assert_eq!((pol[0].voice, pol[0].target.as_deref()), (Voice::Quoted, None));
    assert_rebuilt_from_hits(&r);
    // The same in English: the quoted cue does not reach the author's mention.
    let r = s.score_text("Washington gave \"support\" to nobody.", &n);
    assert_eq!(r.stance["usa"].score, Some(0.0));
    assert_eq!(r.stance["usa"].quoted_score, None);
}

/// A polarity hit's (surface, target, holder, object).
type RoleHit = (String, Option<String>, Option<String>, Option<String>);

/// The author-voice (score, quoted score) per mentioned target of `text`
/// scored with the default lexicon, and the polarity hits' (surface,
/// target, holder, object).
fn default_roles(text: &str) -> (BTreeMap<String, f64>, Vec<RoleHit>) {
    static S: std::sync::LazyLock<(Scorer, Normalizer)> = std::sync::LazyLock::new(|| {
        let n = Normalizer::default();
        (Scorer::new(&Lexicon::default_lexicon(), &n).unwrap(), n)
    });
    let (s, n) = &*S;
    let r = s.score_text(text, n);
    let scores = r
        .stance
        .iter()
        .filter_map(|(k, st)| {
            let v = st.score.or(st.quoted_score)?;
            Some((k.clone(), v))
        })
        .collect();
    let hits = r
        .hits
        .into_iter()
        .filter(|h| h.is_polarity())
        .map(|h| (h.surface, h.target, h.holder, h.object))
        .collect();
    (scores, hits)
}

/// Checks the sign of each (text, target, sign) row's author-voice score
/// with the default lexicon, listing every wrong row at once.
fn assert_signs(cases: &[(&str, &str, i8)]) {
    let mut wrong = Vec::new();
    for (text, target, want) in cases {
        let (scores, hits) = default_roles(text);
        let got = scores.get(*target).copied().unwrap_or(0.0);
        let sign = (got > 1e-9) as i8 - (got < -1e-9) as i8;
        if sign != *want {
            wrong.push(format!("{text} [{target}] want {want} got {got:+.2} {hits:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The speech-verb homographs: ثمن is "valued" as a clause's verb, else
/// "price" or "eighth"; بحذر is "carefully", حذر alone "warned".
#[test]
fn speech_verb_homographs() {
    use super::roles::{class_of, Class};
    let n = Normalizer::default();
    let words = super::rolewords::RoleWords::new(&Lexicon::default_lexicon(), &n).unwrap();
    let cases: &[(&str, usize, bool)] = &[
        ("وثمن الوزير موقف الجزائر", 0, true),
        ("كما ثمن الرئيس جهود الوساطة", 1, true),
        ("ومن جانبه ثمن السفير التعاون", 2, true),
        ("ستدفع روسيا ثمن العدوان", 2, false),
        ("تأهل الفريق إلى الدور ثمن النهائي", 4, false),
        ("ودفعت ثمنها غاليا", 1, false),
        ("حذر الوزير من التصعيد", 0, true),
        ("تتعامل الأسواق بحذر مع القرار", 2, false),
        ("وخرج بتحذير شديد", 1, true),
        ("ثمنت الوزارة القرار", 0, true),
    ];
    for &(text, i, speech) in cases {
        let doc = n.normalize(text);
        assert_eq!(class_of(&doc, i, &words) == Class::Speech, speech, "{text} @{i}");
    }
}

use std::collections::BTreeMap;

/// Issue 16's reproductions and the holder/object rules, in Arabic, French
/// and English: (text, target, expected sign: -1, 0 or 1; 0 means the
/// target gets no evaluation, a score of 0).
#[test]
fn holders_objects_owners_and_subjects() {
    let cases: &[(&str, &str, i8)] = &[
        // Speech acts: the object is judged, not the holder.
        ("Russia condemned the American sanctions.", "russia", 0),
        ("Russia condemned the American sanctions.", "usa", -1),
        ("وأدانت روسيا العقوبات الأمريكية", "russia", 0),
        ("وأدانت روسيا العقوبات الأمريكية", "usa", -1),
        ("روسيا تدين العقوبات الأمريكية", "russia", 0),
        ("La Russie a condamné les sanctions américaines.", "russia", 0),
        ("La Russie a condamné les sanctions américaines.", "usa", -1),
        ("Algeria welcomed the French initiative.", "algeria", 0),
        ("Algeria welcomed the French initiative.", "france", 1),
        ("رحبت الجزائر بالمبادرة الفرنسية", "algeria", 0),
        ("رحبت الجزائر بالمبادرة الفرنسية", "france", 1),
        ("L'Algérie salue l'initiative française.", "algeria", 0),
        ("L'Algérie salue l'initiative française.", "france", 1),
        ("Moscow was condemned by Washington.", "russia", -1),
        ("Moscow was condemned by Washington.", "usa", 0),
        // The object is not the victim named after a patient preposition.
        ("Washington condemned the attack on the Russian embassy.", "russia", 0),
        // Accusations: what is alleged goes to the accused, or to no one.
        ("وسجنت روسيا المعارض نافالني إثر اتهامات بالفساد", "russia", 0),
        ("Russia jailed Navalny on accusations of corruption.", "russia", 0),
        ("La Russie a emprisonné Navalny pour des accusations de corruption.", "russia", 0),
        ("اتهمت روسيا واشنطن بالتدخل", "usa", -1),
        ("اتهمت روسيا واشنطن بالتدخل", "russia", 0),
        ("Russia accused Washington of interference.", "usa", -1),
        ("Russia accused Washington of interference.", "russia", 0),
        // State verbs: the subject, else no one.
        ("وتراجع المتمردون بعد وصول الجيش الروسي", "russia", 0),
        ("The rebels' retreat came after Russian strikes.", "russia", 0),
        ("Le recul des rebelles après les frappes russes.", "russia", 0),
        ("تراجع القوات الروسية في المدينة", "russia", -1),
        ("The retreat of Russian forces from the city.", "russia", -1),
        ("Le recul des forces russes dans la ville.", "russia", -1),
        // Owners of nominal acts: nisba, idafa, adjective, genitive.
        ("روسيا تنتقد الهيمنة الأمريكية", "usa", -1),
        ("روسيا تنتقد الهيمنة الأمريكية", "russia", 0),
        ("هيمنة واشنطن على المنطقة", "usa", -1),
        ("American hegemony worries Moscow.", "usa", -1),
        ("l'hégémonie américaine inquiète Moscou", "usa", -1),
        // Acts aimed at a patient go to whoever they hit.
        ("فرضت واشنطن عقوبات على روسيا", "russia", -1),
        ("فرضت واشنطن عقوبات على روسيا", "usa", 0),
        ("Washington imposed sanctions on Russia.", "russia", -1),
        ("Washington imposed sanctions on Russia.", "usa", 0),
        ("Washington a imposé des sanctions contre la Russie.", "russia", -1),
        // The object is close to the verb: a target deep in a later phrase
        // is not what was rejected or accused.
        ("رفض ترامب مقترحات لفرض رسوم جمركية على واردات صينية", "china", 0),
        ("Trump rejected proposals for new tariffs on Chinese imports.", "china", 0),
        ("واتهمت متحدثة باسم الرئيس الأمريكي روسيا بتقويض الأمن", "usa", 0),
        ("واتهمت متحدثة باسم الرئيس الأمريكي روسيا بتقويض الأمن", "russia", -1),
        // A definite subject that is not a target ends before the object.
        ("وأدانت الحكومة بشدة موسكو", "russia", -1),
        ("وأدانت الحكومة روسيا بسبب الهجوم", "russia", -1),
        ("وأدانت الحكومة الروسية العقوبات الأمريكية", "russia", 0),
        ("وأدانت الحكومة الروسية العقوبات الأمريكية", "usa", -1),
        ("اتهمت الخارجية إيران بدعم الإرهاب", "iran", -1),
        // A mention after a preposition is a complement, not the subject.
        ("يجب توجيه أصابع الاتهام مباشرة إلى الكرملين", "russia", -1),
        ("أدان قادة كل من فرنسا وألمانيا الهجوم", "france", 0),
        // An accusation not made favours no one.
        ("لم توجه بريطانيا أصبع الاتهام صراحة إلى روسيا", "russia", 0),
        ("London did not accuse Russia.", "russia", 0),
        // Nor does a condemnation or a praise not made (it is no praise,
        // no blame): the act is negated, not its object's merit.
        ("France did not condemn Russia over the attack.", "russia", 0),
        ("The minister did not praise China.", "china", 0),
        ("La France n'a pas condamné la Russie.", "russia", 0),
        ("ولم تنتقد فرنسا روسيا", "russia", 0),
        ("أدانت فرنسا روسيا بسبب الهجوم", "russia", -1),
        // "Not only ... but" affirms: a condemnation all the same.
        ("Trump not only condemned Iran but also criticised the deal.", "iran", -1),
        ("ولا يندد ترامب بتورط إيران في سوريا فحسب وإنما ينتقد الاتفاق", "iran", -1),
        ("La France a non seulement condamné la Russie mais aussi l'Iran.", "russia", -1),
        // A negated condemnation is nobody's praise, and what it names
        // keeps its sign.
        ("ولا يندد ترامب بتورط إيران في سوريا", "iran", -1),
        ("France did not condemn Russia's aggression.", "russia", -1),
        // ... but a title's name is the subject in apposition.
        ("وانتقد الرئيس دونالد ترامب الاتفاق مع إيران", "usa", 0),
        // Occupation and militias count for the occupier or the sponsor
        // named right after them, and only then.
        ("نددت الخارجية السورية بالاحتلال التركي لعفرين", "turkey", -1),
        ("قتل فلسطينيان برصاص جيش الاحتلال الإسرائيلي", "israel", -1),
        ("عدم محاسبة سلطات الاحتلال يشجع على الجرائم ضد الشعب الفلسطيني", "palestine", 0),
        ("أطلقت القوات السورية والميليشيات الإيرانية هجوما", "iran", -1),
        ("عملية عسكرية للقوات السعودية ضد الميليشيات في المدينة", "saudi_arabia", 0),
        // A sports side is not the state.
        ("وقال مدرب المنتخب السعودي إن المباراة فرصة جيدة", "saudi_arabia", 0),
        ("استطاع النجم المصري محمد صلاح تحقيق الكثير من النجاح", "egypt", 0),
        ("نجح الفريق في بلوغ نهائي كأس فرنسا", "france", 0),
        ("أحرزت العداءة الميدالية الذهبية لبطولة فرنسا للعدو الريفي", "france", 0),
        ("حقق منتخب مصر فوزا ممتازا", "egypt", 0),
        ("The Saudi team played an excellent match.", "saudi_arabia", 0),
        ("L'équipe de France a réalisé un excellent match.", "france", 0),
        ("قدمت السعودية دعما كبيرا للمنتخب", "saudi_arabia", 1),
        ("Saudi Arabia gave excellent support to the team.", "saudi_arabia", 1),
        // A scare quote after a detached ب is still the verb's complement.
        ("نددت الخارجية السورية بـ\"الاحتلال\" التركي لعفرين", "turkey", -1),
        ("ونددت دمشق مرارا بـ\"الاعتداء\" التركي في عفرين", "turkey", -1),
        // تقدم ب is "submitted", not progress.
        ("وتقدم العراق بشكوى إلى مجلس الأمن", "iraq", 0),
        ("وتقدم العراق بخطوات كبيرة نحو الاستقرار", "iraq", 1),
        // Surnames made of evaluative words are no cue: Erekat (عريق,
        // long-standing), al-Rahbi (رحب, welcomed).
        ("قال صائب عريقات إن القيادة الفلسطينية ستواصل عملها", "palestine", 0),
        ("وأوضح الرحبي أن قيادات الحرس الثوري الإيراني سقطت", "iran", 0),
        ("ورحبت الحكومة بالموقف الفلسطيني", "palestine", 1),
        ("تربط مصر علاقات عريقة بالسودان", "egypt", 1),
        // A cue nearer to a sports side than to any actor in its clause is
        // about the side: it does not move on to the farther actor.
        ("خسارة المنتخب السعودي أمام روسيا", "russia", 0),
        ("Russia met the Saudi team in an excellent match.", "russia", 0),
        ("La Russie a affronté l'équipe de France dans un excellent match.", "russia", 0),
        // ... but an actor nearer to the cue keeps it.
        ("فازت روسيا بنجاح كبير على المنتخب السعودي", "russia", 1),
        // "The Russian side" is a party to a talk, not a team.
        ("The Russian side gave excellent support to the plan.", "russia", 1),
        // Nor is a dateline's place, nor a name that only contains the
        // target (Prince Turki, the SDF, the Syrian Observatory, the
        // World Cup in Russia, Paris Saint-Germain, the Washington Post).
        ("دبي، الإمارات العربية المتحدة (CNN)-- حقق الفريق نجاحا كبيرا", "uae", 0),
        ("موسكو (رويترز) - أعلنت الشركة عن نجاح التجربة", "russia", 0),
        ("أبوظبي، الإمارات (وام) - حققت الشركة نجاحا كبيرا", "uae", 0),
        ("Washington, Jan 1 (IANS) The researchers report an excellent result.", "usa", 0),
        ("Moscou (TASS) - La société annonce un excellent résultat.", "russia", 0),
        ("أشاد الأمير تركي الفيصل بالنجاح الكبير", "turkey", 0),
        ("وقال الدكتور التركي إن الآفة خطيرة", "turkey", 0),
        ("كشف تركي المشيقح عن تعاون ناجح", "turkey", 0),
        ("التقى رئيس الحكومة تمام سلام السفير الأمريكي", "usa", 0),
        ("حققت قوات سوريا الديمقراطية تقدما ناجحا", "syria", 0),
        ("قال المرصد السوري لحقوق الإنسان إن القصف عنيف", "syria", 0),
        ("سجل نجاحا كبيرا في مونديال روسيا", "russia", 0),
        ("حقق باريس سان جيرمان فوزا ممتازا", "france", 0),
        ("نشرت واشنطن بوست تقريرا عن الفساد", "usa", 0),
        ("وحددت أستاذة بجامعة واشنطن أسباب التوتر", "usa", 0),
        ("حققت الإمارات نجاحا كبيرا", "uae", 1),
        ("وأكد مسؤول روسي لرويترز نجاح التجربة", "russia", 1),
        ("حقق الرئيس التركي نجاحا كبيرا", "turkey", 1),
        // An emotion voiced is its holder's: the concern is about
        // Washington's decision, the anger at US policy.
        ("أعربت الأمم المتحدة عن قلقها إزاء قرار واشنطن", "un", 0),
        ("أعربت الأمم المتحدة عن قلقها إزاء قرار واشنطن", "usa", -1),
        ("ويهدف ذلك إلى تخفيف الغضب التركي على السياسة الأمريكية", "turkey", 0),
        ("أثار الدعم الأمريكي للأكراد في سوريا غضب الرئيس أردوغان", "turkey", 0),
        // A weakness is its subject's, never the nearest name's (nor a
        // double: «ضعف سعره»).
        ("أثارت مخاوف ضعف الاقتصاد التركي قلق المستثمرين", "turkey", -1),
        ("تبحث قطر نقاط الضعف في الخطة", "qatar", 0),
        ("قالت مصر إن الاستهلاك بلغ الضعف", "egypt", 0),
        // Appreciation too: for what it is about, not for who feels it;
        // a grade or an estimate is about no one.
        ("أعربت المملكة المتحدة عن تقديرها لجهود المملكة العربية السعودية", "uk", 0),
        ("أعربت المملكة المتحدة عن تقديرها لجهود المملكة العربية السعودية", "saudi_arabia", 1),
        ("أعرب مجلس الوزراء عن شكر السعودية وتقديرها لما عبرت عنه الدول", "saudi_arabia", 0),
        ("حصل المتقدم من جامعة سعودية على التقدير المطلوب", "saudi_arabia", 0),
        // A target inside the complement of a speech verb is its object,
        // not its subject; a spokesman's title («باسم») is the subject's.
        ("وتندد الأصوات بسجل السعودية في مجال حقوق الإنسان", "saudi_arabia", -1),
        ("أصوات تندد بسجل السعودية في مجال حقوق الإنسان", "saudi_arabia", -1),
        ("وأشاد بومبيو بالدول الأوروبية لمساعدتها في عقد القمة", "eu", 1),
        ("وأدان متحدث باسم الخارجية الإيرانية الحادث", "iran", 0),
        (
            "The commission denounced the record of Saudi Arabia on human rights.",
            "saudi_arabia",
            -1,
        ),
        ("La commission a dénoncé le bilan de l'Arabie saoudite.", "saudi_arabia", -1),
        // So is a hope, a trust or an optimism: the owner's state, favourable
        // to what it is about, not to the one who feels it.
        ("وترامب كان قد لمح مرارا إلى أمله بالفوز بولاية ثانية", "usa", 0),
        ("أبدى الرئيس الأمريكي تفاؤله بالتزام روسيا بالاتفاق", "usa", 0),
        ("أبدى الرئيس الأمريكي تفاؤله بالتزام روسيا بالاتفاق", "russia", 1),
        ("Trump expressed his hope to win a second term.", "usa", 0),
        ("The French president voiced optimism about the talks.", "france", 0),
        ("Le président américain a exprimé son optimisme.", "usa", 0),
        ("Russia expressed concern over the American decision.", "russia", 0),
        ("Russia expressed concern over the American decision.", "usa", -1),
        ("La Russie a exprimé son inquiétude face à la décision américaine.", "russia", 0),
        // Support for terrorism is no support: a judgement of wrongdoing.
        ("تواصل قطر دعم الإرهاب في المنطقة", "qatar", -1),
        ("وتواصل طهران دعمها للجماعات الإرهابية في المنطقة", "iran", -1),
        ("أعلنت قطر دعم الحكومة الشرعية", "qatar", 1),
        ("إيران دولة راعية للإرهاب", "iran", -1),
        ("وتواصل إيران أنشطتها المزعزعة للاستقرار في المنطقة", "iran", -1),
        // The US list of state sponsors is no sponsorship by the US.
        ("لم ترفع الولايات المتحدة اسم السودان من قائمة الدول الراعية للإرهاب", "usa", 0),
        // Privative negation.
        ("There is a lack of trust in Russia.", "russia", -1),
        ("نظرا لغياب الثقة في روسيا", "russia", -1),
        ("en raison d'un manque de confiance envers la Russie", "russia", -1),
        // Coordinated holders after a VSO verb: the object follows them.
        ("واتهمت روسيا وسوريا إسرائيل بشن الغارة", "israel", -1),
        ("واتهمت روسيا وسوريا إسرائيل بشن الغارة", "syria", 0),
        ("ندد الأردن ومصر والسعودية بالعدوان الإسرائيلي", "saudi_arabia", 0),
        ("ندد الأردن ومصر والسعودية بالعدوان الإسرائيلي", "egypt", 0),
        ("ندد الأردن ومصر والسعودية بالعدوان الإسرائيلي", "israel", -1),
        ("وتتهم بريطانيا وفرنسا والولايات المتحدة النظام السوري بشن هجمات", "syria", -1),
        ("وتتهم بريطانيا وفرنسا والولايات المتحدة النظام السوري بشن هجمات", "usa", 0),
        // A subject before قد, or a relative pronoun's antecedent.
        ("وكان الحرس الثوري الإيراني قد اتهم واشنطن والرياض بالتورط", "usa", -1),
        ("وكان الحرس الثوري الإيراني قد اتهم واشنطن والرياض بالتورط", "iran", 0),
        ("إسرائيل التي تتهم الاتحاد الأوروبي بالانحياز ضدها", "eu", -1),
        ("فتح الله غولن الذي تتهمه أنقرة بتدبير محاولة الانقلاب", "turkey", 0),
    ];
    assert_signs(cases);
}

/// A passive with no agent named: the subject is the one condemned, accused
/// or praised, and no one holds the act. Only auxiliaries, an adverb or a
/// state's head (government, gouvernement) may stand between them; a name
/// inside a longer subject is not it.
#[test]
fn an_agentless_passive_judges_its_subject() {
    assert_signs(&[
        ("China has been accused of human rights abuses.", "china", -1),
        ("The Chinese government has been accused of abuses.", "china", -1),
        ("Turkey was sharply criticised for its offensive.", "turkey", -1),
        ("Qatar was praised for its mediation.", "qatar", 1),
        ("La Russie est accusée d'ingérence.", "russia", -1),
        ("Le gouvernement russe a été vivement critiqué.", "russia", -1),
        ("La France est saluée pour son initiative.", "france", 1),
        // An active past in French: the object follows.
        ("La Russie a accusé l'Ukraine de provocations.", "russia", 0),
        ("La Russie a accusé l'Ukraine de provocations.", "ukraine", -1),
        // A name inside a longer subject.
        ("A plan to investigate Iraq intelligence failures was rejected.", "iraq", -1),
        ("A plan to investigate Iraq policy was rejected.", "iraq", 0),
        // With an agent after "by the", the agent holds the act.
        ("The requirements were rejected by the U.S. Supreme Court.", "usa", 0),
        ("Russia was condemned by the United States.", "russia", -1),
        ("Russia was condemned by the United States.", "usa", 0),
    ]);
}

/// Responsibility for harm (responsible for, behind, implicated in) counts
/// against whoever is named as responsible, in the three languages; not
/// against the perpetrators being sought («تحديد المسؤولين عن الهجوم», the
/// definite form), a group claiming an attack, a state denying one, or
/// someone standing behind a leader.
#[test]
fn responsibility_for_harm() {
    let cases: &[(&str, &str, i8)] = &[
        ("قالت ماي إن روسيا مسؤولة عن الهجوم على الجاسوس", "russia", -1),
        ("إذا ثبت أن الكرملين مسؤول عن تسميم الجاسوس", "russia", -1),
        ("قال إن الحكومة السورية مسؤولة عن الهجوم الكيميائي", "syria", -1),
        ("قالت بريطانيا إن روسيا تقف وراء تسميم سكريبال", "russia", -1),
        ("وصف الهجوم بأنه عمل حربي ضلعت فيه إيران", "iran", -1),
        // In charge of, not responsible for harm.
        ("قال إن الوزارة الروسية مسؤولة عن ملف الطاقة", "russia", 0),
        // The perpetrators sought: definite, or «من يقف وراء».
        ("قرر مجلس الأمن تحديد المسؤولين عن الهجمات في سوريا", "syria", 0),
        ("ستكشف تركيا من يقف وراء التفجير", "turkey", 0),
        ("الأشخاص الذين يقفون وراء الهجوم في بريطانيا", "uk", 0),
        // A claim or a denial, an armed group, support for a leader.
        ("أعلن تنظيم داعش مسؤوليته عن الهجوم في تركيا", "turkey", 0),
        ("ونفت موسكو مسؤوليتها عن الهجوم", "russia", 0),
        ("قال إن تنظيم داعش يقف وراء الهجوم في مدينة تركية", "turkey", 0),
        ("الشعب المصري يقف وراء قيادته", "egypt", 0),
        ("Britain said Russia was responsible for the attack.", "russia", -1),
        ("Officials believe Iran was behind the attack.", "iran", -1),
        ("The French minister responsible for the economy spoke.", "france", 0),
        ("A group claimed it was responsible for the attack in Turkey.", "turkey", 0),
        ("Londres estime que la Russie est responsable de l'attaque.", "russia", -1),
        ("Le ministre russe responsable de la culture a parlé.", "russia", 0),
    ];
    assert_signs(cases);
}

/// Support is praise, but support near terrorism, extremism or militias is blame,
/// also when coordinated or split from it («دعم ورعاية الإرهاب», «دعم قطر
/// للإرهاب»), which the multi-word entries (دعم الإرهاب) cannot reach.
#[test]
fn support_for_terrorism_is_blame() {
    assert_signs(&[
        ("وقالت السعودية إن دعم قطر للإرهاب يهدد المنطقة", "qatar", -1),
        ("قالت الإمارات إن قطر تدعم الإرهاب في المنطقة", "qatar", -1),
        ("لم تتوقف إيران عن دعم ونشر الإرهاب", "iran", -1),
        ("اتهمت الرياض الدوحة بدعم ورعاية الإرهاب", "qatar", -1),
        ("عصابات ومليشيات إرهابية تدعمها طهران", "iran", -1),
        ("أكدت الجزائر دعمها للحل السياسي في ليبيا", "algeria", 1),
        // Militias too: their support is blame, support against them is not.
        ("زاد دعم النظام الإيراني للميليشيات في اليمن", "iran", -1),
        ("جددت السعودية دعمها لليمن في مواجهة الميليشيات", "saudi_arabia", 1),
    ]);
}

/// A target whose security, stability or sovereignty a blame word harms
/// is its victim: «تهديد أمن إسرائيل» blames whoever threatens, not Israel,
/// and the blame does not pass to a farther actor; praise of a good
/// («دعم استقرار ليبيا») still counts for its owner.
#[test]
fn harm_to_a_target_s_security_is_not_its_blame() {
    // The rule's test of a mention: the word before it, in its clause, and
    // not the security forces or council of a state.
    let n = Normalizer::default();
    let last = |text: &str| {
        let doc = n.normalize(text);
        let k = doc.len() - 1;
        super::stance::harmed(&doc, &(k..k + 1))
    };
    assert!(last("تهديد أمن إسرائيل"));
    assert!(last("انتهاك لسيادة سوريا"));
    assert!(last("على الأراضي الفرنسية"));
    assert!(!last("واصلت قوات الأمن الإيرانية"));
    assert!(!last("مجلس الأمن الدولي"));
    assert!(!last("في مجلس الأمن، روسيا"));
    assert!(!last("قالت روسيا"));
    // Affairs too, the ones interference is in; not «بشأن» (about).
    assert!(last("التدخل في شؤون البحرين"));
    assert!(!last("اجتمع الوزراء بشأن روسيا"));
    assert!(last("interference in the internal affairs of Syria"));
    assert!(last("a threat to the security of Israel"));
    assert!(last("a violation of the sovereignty of Syria"));
    assert!(last("une menace pour la souveraineté de la Syrie"));
    assert!(last("sur le territoire français"));
    assert!(!last("les forces de sécurité russes"));
    let first = |text: &str| {
        let doc = n.normalize(text);
        super::stance::harmed(&doc, &(0..1))
    };
    assert!(first("Russia's security is at stake"));
    assert!(first("French territory was hit"));
    assert!(!first("Russian security forces arrested him"));
    assert!(!first("Russia, security first"));
    assert_signs(&[
        ("قال المصدر إن الأسلحة قد تستخدم في تهديد أمن إسرائيل", "israel", 0),
        ("إيران تهدد أمن إسرائيل", "iran", -1),
        ("إيران تهدد أمن إسرائيل", "israel", 0),
        ("يشكل توسع الحلف الذي تقوده أمريكا تهديدا أساسيا لأمن روسيا", "russia", 0),
        ("اعتبر البيان ذلك انتهاكا لسيادة سوريا", "syria", 0),
        ("أكد الوزير دعم استقرار ليبيا", "libya", 1),
        ("أدانت الصحف التدخل في شؤون مصر", "egypt", 0),
        ("Iran threatens the security of Israel.", "israel", 0),
        ("The attack was a violation of the sovereignty of Syria.", "syria", 0),
        ("Une attaque contre la souveraineté de la Syrie.", "syria", 0),
        // Not across a comma.
        ("واتهمت بريطانيا في مجلس الأمن، روسيا بتقويض الاتفاق", "russia", -1),
    ]);
}

/// A threat blames whoever threatens (the speaker, the owner, the mention
/// before it in its clause), never the threatened; a threat not made
/// blames no one.
#[test]
fn threats_blame_the_threatener() {
    assert_signs(&[
        ("هدد ترامب إيران بعقوبات جديدة", "usa", -1),
        ("هدد ترامب إيران بعقوبات جديدة", "iran", 0),
        ("قال إن إيران تهدد إسرائيل", "iran", -1),
        ("قال إن إيران تهدد إسرائيل", "israel", 0),
        ("قال المسؤول إن الصواريخ تهدد السعودية", "saudi_arabia", 0),
        ("وحذر من التهديدات الإيرانية للمنطقة", "iran", -1),
        ("قال إن إيران لن تهدد جيرانها", "iran", 0),
        ("Russia threatens Ukraine with new strikes.", "russia", -1),
        ("Russia threatens Ukraine with new strikes.", "ukraine", 0),
        ("The drones are a threat to Russia.", "russia", 0),
        ("La Russie menace l'Ukraine.", "russia", -1),
        ("La Russie menace l'Ukraine.", "ukraine", 0),
    ]);
}

/// A country named as a place («في فرنسا», "in the United States", «en
/// France») takes no cue of its sentence, and a cue nearer to it than to
/// any actor goes to no one; a cue that governs the preposition («الثقة في
/// روسيا») still does, and so does a relative clause about the country.
#[test]
fn a_country_named_as_a_place_is_not_the_actor() {
    let n = Normalizer::default();
    let place = |text: &str, k: usize| {
        let doc = n.normalize(text);
        super::stance::place(&doc, &(k..k + 1))
    };
    assert_eq!(place("تسببت الإضرابات في فرنسا", 3), Some(2));
    assert_eq!(place("وفي سوريا اشتد القتال", 1), Some(0));
    assert_eq!(place("protests in the United States", 3), Some(1));
    assert_eq!(place("la grève en France", 3), Some(2));
    assert_eq!(place("في ليبيا التي تغرق في الفوضى", 1), None);
    assert_eq!(place("قالت فرنسا", 1), None);
    assert_eq!(place("مثلث الشر المتمثل في قطر", 4), None);
    assert_eq!(place("جرائم النظام في سوريا", 3), None);
    assert_eq!(place("تتهمه السلطات في طهران", 3), Some(2));
    assert_eq!(place("في الاجتماع، فرنسا", 2), None);
    assert_eq!(place("هجمات في جنوب غرب سوريا", 4), Some(1));
    assert_eq!(place("اجتماع في العاصمة السعودية", 3), Some(1));
    assert_eq!(place("fighting in eastern Ukraine", 3), Some(1));
    assert_eq!(place("قصف جنوب سوريا", 2), None);
    assert_signs(&[
        ("تسببت الإضرابات في فرنسا باضطرابات كبيرة", "france", 0),
        ("بات المواطنون في تركيا يعانون من تدهور العملة", "turkey", 0),
        ("اتهم رئيس مركز المصالحة الروسي في سوريا الولايات المتحدة", "syria", 0),
        ("اتهم رئيس مركز المصالحة الروسي في سوريا الولايات المتحدة", "usa", -1),
        ("الفوضى التي تعيشها ليبيا", "libya", -1),
        ("توحيد الجهود في ليبيا التي تغرق في الفوضى", "libya", -1),
        ("نظرا لغياب الثقة في روسيا", "russia", -1),
        ("نشكر الأشقاء في قطر", "qatar", 1),
        ("قال إن حزب الله يغذي العنف في العراق", "iraq", 0),
        ("يشارك المواطنون في فرنسا وبريطانيا في الاحتجاجات", "uk", 0),
        ("الصمت إزاء مثلث الخطر والشر المتمثل في قطر وتركيا وإيران", "qatar", -1),
        ("ارتكب النظام في سوريا مجازر بحق المدنيين", "syria", -1),
        ("Violence broke out at protests in the United States.", "usa", 0),
        ("There is a lack of trust in Russia.", "russia", -1),
        ("Les grèves en France ont provoqué le chaos.", "france", 0),
        ("La France a provoqué le chaos.", "france", -1),
    ]);
}

/// Movements that are not states are targets of their own, so that their
/// deeds are not counted for the state named beside them; «حماس» as
/// enthusiasm is not Hamas.
#[test]
fn movements_that_are_not_states_take_their_own_deeds() {
    assert_signs(&[
        ("هددت حركة حماس الفلسطينية بضرب المستوطنات", "hamas", -1),
        ("هددت حركة حماس الفلسطينية بضرب المستوطنات", "palestine", 0),
        ("تواصل ميليشيات الحوثي انتهاكاتها ضد المدنيين", "houthis", -1),
        ("وأدانت السعودية انتهاكات الحوثيين", "saudi_arabia", 0),
        ("وأدانت السعودية انتهاكات الحوثيين", "houthis", -1),
        ("خاض مقاتلو حزب الله اشتباكات عنيفة في سوريا", "hezbollah", -1),
        ("خاض مقاتلو حزب الله اشتباكات عنيفة في سوريا", "syria", 0),
        ("Hezbollah's brutal attacks in Syria went on.", "hezbollah", -1),
        ("Les attaques brutales du Hezbollah en Syrie continuent.", "hezbollah", -1),
        ("Les talibans ont commis des violences.", "taliban", -1),
    ]);
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let targets = |text: &str| -> Vec<String> {
        let hits = s.score_text(text, &n).hits;
        hits.iter()
            .filter(|h| h.category.starts_with("target:"))
            .filter_map(|h| h.target.clone())
            .collect()
    };
    assert_eq!(targets("لعب الفريق بكل حماس أمام الجماهير"), Vec::<String>::new());
    assert_eq!(targets("عدم حماس البنتاغون للمشروع"), vec!["usa".to_string()]);
    assert_eq!(targets("قال المتحدث باسم حماس"), vec!["hamas".to_string()]);
    assert_eq!(targets("أعلن تنظيم داعش"), vec!["isis".to_string()]);
    // ISIS's full name names no state.
    let isis = vec!["isis".to_string()];
    assert_eq!(targets("الحملة ضد تنظيم الدولة الإسلامية في العراق والشام"), isis);
    assert_eq!(targets("The Islamic State of Iraq and the Levant attacked."), isis);
    assert_eq!(targets("L'État islamique en Irak et au Levant a attaqué."), isis);
}

/// «شقيق» praises a brotherly country with the article or after a country
/// noun, never a man's brother or sister.
#[test]
fn brothers_are_family_unless_a_country() {
    assert_signs(&[
        ("عاد الجندي الأمريكي إلى العيش مع شقيقه الأصغر", "usa", 0),
        ("استقبل الوزير المصري شقيق الرئيس", "egypt", 0),
        ("اعتقلت السلطات السعودية شقيقتها", "saudi_arabia", 0),
        ("أكد دعمه للشعب المصري الشقيق", "egypt", 1),
        // Two sister countries, in the dual: each of the coordinated
        // names takes it.
        ("وقال إن المغرب والجزائر دولتان شقيقتان", "algeria", 1),
        ("وقال إن المغرب والجزائر دولتان شقيقتان", "morocco", 1),
        ("وقال إن المغرب والجزائر دولتان جارتان", "algeria", 0),
        ("وصل إلى مصر الشقيقة", "egypt", 1),
        ("قطر دولة شقيقة", "qatar", 1),
    ]);
}

/// A relative clause after a nominal act names its owner when its verb
/// carries the act's pronoun («الخطر الذي يمثله الحوثيون»); not after a
/// verb cue. Who faces, suffers or undergoes a blame word is its victim.
#[test]
fn the_subject_of_a_relative_clause_owns_the_act() {
    assert_signs(&[
        ("تحاول السعودية لفت الانتباه إلى الخطر الذي يمثله الحوثيون", "houthis", -1),
        ("تحاول السعودية لفت الانتباه إلى الخطر الذي يمثله الحوثيون", "saudi_arabia", 0),
        ("وتعترض تركيا على الدعم الذي تقدمه الولايات المتحدة للأكراد", "usa", 1),
        ("وتعترض تركيا على الدعم الذي تقدمه الولايات المتحدة للأكراد", "turkey", 0),
        ("قالت إيران إن الضغوط السياسية والاقتصادية التي تمارسها واشنطن ستفشل", "usa", -1),
        ("قالت إيران إن الضغوط السياسية والاقتصادية التي تمارسها واشنطن ستفشل", "iran", 0),
        ("قال إن المخاطر التي تواجهها تركيا كبيرة", "turkey", 0),
        ("وتعاني مصر أزمة اقتصادية", "egypt", 0),
        ("وتتعرض السعودية لضغوط كبيرة", "saudi_arabia", 0),
        ("أفاد التقرير بأن إيران انتهكت الحظر الذي فرضته الأمم المتحدة", "iran", -1),
        ("أفاد التقرير بأن إيران انتهكت الحظر الذي فرضته الأمم المتحدة", "un", 0),
    ]);
}

/// What a demand asks of someone is not yet done: a favourable word in it
/// credits no one («دعا إيران إلى احترام», "urged Russia to cooperate"),
/// while the sanctions it calls for still hit their target.
#[test]
fn a_demand_credits_no_merit() {
    assert_signs(&[
        ("دعا المجلس إيران إلى احترام حقوق الإنسان", "iran", 0),
        ("طالبت الولايات المتحدة روسيا بوقف دعمها للنظام", "russia", 0),
        ("يجب على أمريكا التعاون مع الأسد", "usa", 0),
        ("حثت الولايات المتحدة حلفاءها على فرض عقوبات على إيران", "iran", -1),
        ("The EU urged Russia to cooperate fully.", "russia", 0),
        ("L'UE exhorte la Russie à coopérer pleinement.", "russia", 0),
        // A call on no one named leaves the other rules in charge.
        ("قال إن إيران دعت دائما إلى الاحترام المتبادل", "iran", 1),
        // «الطالب» is a student.
        ("حقق الطالب السعودي نجاحا كبيرا", "saudi_arabia", 1),
    ]);
}

/// A nisba naming a company, a newspaper, an institute, a currency or a
/// commodity is not the state («الشركة السعودية للكهرباء», «صحيفة "ديلي
/// ميل" البريطانية», «مليون دولار أمريكي», "a British company"); the
/// state's own act after such a word still is.
#[test]
fn an_institution_s_nisba_is_not_the_state() {
    assert_signs(&[
        ("أعلنت الشركة السعودية للكهرباء عن تعاون جديد", "saudi_arabia", 0),
        ("وحسب صحيفة \"ديلي ميل\" البريطانية فإن الخطر كبير", "uk", 0),
        ("كشفت دراسة في جامعة هارفارد الأميركية عن نجاح العلاج", "usa", 0),
        ("قال المركز إن الدعم الإماراتي لليمن متواصل", "uae", 1),
        ("The British company reported heavy losses.", "uk", 0),
        ("A Washington-based think tank reported excellent results.", "usa", 0),
        ("Washington reported excellent results.", "usa", 1),
        ("La société américaine a annoncé de lourdes pertes.", "usa", 0),
        // «موقع روسيا» is Russia's position, Russia itself.
        ("تعزيز موقع روسيا ونجاحها في المنطقة", "russia", 1),
        // Money and markets: an amount in US dollars, US crude; an
        // indefinite nisba right after an indefinite head.
        ("أطلقت هواوي برنامجا بقيمة مليار دولار أمريكي لدعم الشركاء", "usa", 0),
        ("سجل الخام الأمريكي أكبر خسارة شهرية", "usa", 0),
        ("حققت شركة أمريكية نجاحا كبيرا", "usa", 0),
        ("قدمت السعودية مساعدات بقيمة 11 مليار دولار أميركي", "saudi_arabia", 1),
        ("دعم أمريكي كبير", "usa", 1),
        ("The U.S. dollar suffered heavy losses.", "usa", 0),
        ("American crude posted heavy losses.", "usa", 0),
    ]);
}

/// A nisba naming a private person's country is not the state («الشاب
/// السعودي», «سيدة عراقية», «اللاجئين السوريين», "a Saudi activist", «le
/// journaliste saoudien»); the state's officials still are («الرئيس
/// المصري»), and so is the state named beside the person.
#[test]
fn a_private_person_s_nisba_is_not_the_state() {
    assert_signs(&[
        ("أكد الشاب السعودي تفاؤله بنجاح التطبيق", "saudi_arabia", 0),
        ("تزوج من سيدة عراقية وتجمعه بها علاقة طيبة", "iraq", 0),
        ("تعاني الصحفية الأمريكية من حالة نفسية سيئة", "usa", 0),
        ("قدمت الحملة الرعاية للاجئين السوريين بنجاح", "syria", 0),
        ("أشاد الرئيس المصري بنجاح المؤتمر", "egypt", 1),
        ("أشاد الشاب السعودي بدعم السعودية للمشروع", "saudi_arabia", 1),
        // «كاتب الدولة» is a secretary of state.
        ("أشاد كاتب الدولة الألماني بنجاح المؤتمر", "germany", 1),
        ("The Saudi activist praised the successful talks.", "saudi_arabia", 0),
        ("Le journaliste saoudien a salué le succès des négociations.", "saudi_arabia", 0),
        ("The Saudi government praised the successful talks.", "saudi_arabia", 1),
    ]);
}

/// A preventive (منع، التصدي، مكافحة، إنهاء، القضاء على; prevent, counter;
/// empêcher) undoes what it governs: the one who prevents an aggression is
/// credited, the one who blocks aid blamed; the owner of what is prevented
/// keeps its blame («التصدي للتدخلات الإيرانية»).
#[test]
fn preventives_credit_the_preventer_not_the_owner() {
    assert_signs(&[
        ("قالت الولايات المتحدة إنها ستعمل لمنع أي تصعيد", "usa", 1),
        // A prevented deed with no doer named credits no one: the nearest
        // mention was as often its doer or its victim.
        ("قالت الولايات المتحدة إنها ستعمل لمنع أي عدوان", "usa", 0),
        ("تمكنت المقاومة من التصدي لهجوم تشنه ميليشيات الحوثي", "houthis", -1),
        ("تعمل روسيا على منع التصعيد", "russia", 1),
        ("منعت إسرائيل دخول المساعدات إلى غزة", "israel", -1),
        ("أكد الوزراء التزامهم بالتصدي للتدخلات الإيرانية", "iran", -1),
        ("قدمت فلسطين مشروع قرار لإنهاء الاحتلال الإسرائيلي", "israel", -1),
        ("دعت واشنطن إلى القضاء على التهديد الذي يشكله تنظيم داعش", "isis", -1),
        ("أكدوا رفضهم لدعم إيران للإرهاب والتزامهم بالتصدي لتدخلاتها", "iran", -1),
        ("Russia worked to prevent instability.", "russia", 1),
        ("La France veut empêcher la violence.", "france", 1),
    ]);
}

/// A harmful deed (bombing, raid, attack, aggression, occupation, massacre)
/// blames its doer: a nisba right after it (after a manner adjective), the
/// subject of a light verb (شن، ارتكب، نفذ، قام ب), the one «وراء» it, the
/// agent after «من قبل» or by; never the victim or the place named near it,
/// nor a name in idafa («احتلال الأراضي الفلسطينية» is the victim's land).
#[test]
fn deeds_blame_their_doer_never_the_victim() {
    assert_signs(&[
        ("وقع اعتداء على السفارة السعودية في طهران", "saudi_arabia", 0),
        ("قتل عشرة أشخاص في هجوم على السفارة الروسية", "russia", 0),
        ("نفذ مسلحون هجوما على السفارة الروسية", "russia", 0),
        ("طالب بإنهاء احتلال الأراضي الفلسطينية", "palestine", 0),
        ("أسفرت الغارات الإسرائيلية عن مقتل خمسة", "israel", -1),
        ("قتل مدنيون في قصف جوي روسي على إدلب", "russia", -1),
        ("نزح المدنيون خشية من هجوم تركي وشيك", "turkey", -1),
        ("شنت الطائرات الإسرائيلية غارات على غزة", "israel", -1),
        ("إسرائيل تشن غارات على غزة", "israel", -1),
        ("ارتكبت ميليشيات الحوثي مجزرة في تعز", "houthis", -1),
        ("قام زورق حربي إسرائيلي بخرق المياه الإقليمية", "israel", -1),
        ("قالت إن روسيا وراء الاعتداء على الجاسوس", "russia", -1),
        // ... and the one who stands behind it; an assassination, a
        // poisoning, an abduction are deeds too.
        ("وقالت لندن إن إيران تقف وراء العدوان على السفن", "iran", -1),
        ("إذا ثبت أن موسكو وراء تسميم الجاسوس السابق", "russia", -1),
        ("وصفت العملية بأنها اغتيال نفذه جهاز الموساد الإسرائيلي", "israel", -1),
        ("أدانت السعودية اغتيال الصحفي في إسطنبول", "saudi_arabia", 0),
        ("طالبت مصر بتسليم المتهم باختطاف طائرة مصرية", "egypt", 0),
        ("Britain blamed the Russian poisoning of Skripal.", "russia", -1),
        ("Britain condemned the assassination in London.", "uk", 0),
        ("Londres dénonce l'empoisonnement russe de Skripal.", "russia", -1),
        ("تعرضت القرية لقصف من قبل القوات التركية", "turkey", -1),
        ("ندد بالانتهاكات التي ترتكبها إسرائيل", "israel", -1),
        ("تصدى الجيش لهجوم شنته ميليشيات الحوثي", "houthis", -1),
        ("يجب أن تتوقف انتهاكات النظام السوري للهدنة", "syria", -1),
        ("قتل خمسة في قصف الطيران الروسي على إدلب", "russia", -1),
        ("طالب بإنهاء احتلال الأراضي السورية", "syria", 0),
        ("تواصل الميليشيات الحوثية انتهاكاتها بحق المدنيين", "houthis", -1),
        ("أدانت الدول إيران بسبب انتهاكها الحظر", "iran", -1),
        ("تحدث المسؤول عن إيران، وكثفت الفصائل هجماتها", "iran", 0),
        ("شاهدوا تعذيب الأسرى على أيدي الجنود الإسرائيليين", "israel", -1),
        // The pronoun of «شنتها» is not the one after على; tanwin is no pronoun.
        ("أدان المجلس الهجمات التي شنتها على السعودية", "saudi_arabia", 0),
        ("أحبطت القوات السعودية هجومًا على المنفذ", "saudi_arabia", 0),
        ("Russian airstrikes killed ten civilians in Idlib.", "russia", -1),
        ("Ten people died in a bombing near the Russian embassy.", "russia", 0),
        ("The town was hit by shelling by Turkey.", "turkey", -1),
        ("There was aggression against Ukraine.", "ukraine", 0),
        ("Les bombardements russes ont tué dix civils.", "russia", -1),
        ("Il y a eu une agression contre la Syrie.", "syria", 0),
    ]);
}

/// Support given goes to its giver or to the one named in construct with
/// it (`roles::supporter`), never to the nearest name: not a place, a
/// bystander, the side the supported fight, nor a name after a preposition
/// or carrying ل. A verb's subject comes before it («روسيا تدعم») or after
/// it («تدعمه إيران», «ودعمته الولايات المتحدة»). Support for terrorism
/// is a charge against whoever is named near it, as before.
#[test]
fn support_goes_to_its_giver_never_the_nearest_name() {
    assert_signs(&[
        // The giver: a nisba after the noun, the subject of the verb, the
        // owner of the pronoun.
        ("تجاهلت الصحف الدعم الإيراني الكبير للنظام", "iran", 1),
        ("إيران تدعم الحوثيين", "iran", 1),
        ("إيران تدعم الحوثيين", "houthis", 0),
        ("الحوثيون الذين تدعمهم إيران", "iran", 1),
        ("الحوثيون الذين تدعمهم إيران", "houthis", 0),
        ("طرد قوات كردية سورية تدعمها الولايات المتحدة", "usa", 1),
        ("طرد قوات كردية سورية تدعمها الولايات المتحدة", "syria", 0),
        ("قرار تقدمت به بريطانيا ودعمته الولايات المتحدة", "usa", 1),
        ("قرار تقدمت به بريطانيا ودعمته الولايات المتحدة", "uk", 0),
        // The subject of a verb of sending gives what is sent.
        ("أرسلت إيران مستشارين لدعم قوات الحكومة العراقية", "iran", 1),
        ("أرسلت إيران مستشارين لدعم قوات الحكومة العراقية", "iraq", 0),
        ("وتواصل إيران بشدة دعمها للحوثيين", "iran", 1),
        ("وتواصل إيران بشدة دعمها للحوثيين", "houthis", 0),
        ("باريس تدعم السعودية وأمنها", "france", 1),
        // Idafa: the giver or the one supported.
        ("دعا المجلس إلى دعم جهود الأمم المتحدة في ليبيا", "un", 1),
        // Never the nearest name.
        (
            "كسرت أسعار الذهب مستويات دعم حرجة مع توقعات بأن البنك المركزي الأمريكي سيخفض الفائدة",
            "usa",
            0,
        ),
        ("دخلت المقاومة عدن بعد طرد الحوثيين بدعم وتنسيق قوات التحالف", "houthis", 0),
        ("أطلقت نداءات لدعم المستشفيات بعد تدشين سفارة الولايات المتحدة في القدس", "usa", 0),
        ("وسط مطالبات بتقديم دعم نقدي، قالت السعودية إن البرنامج مستمر", "saudi_arabia", 0),
        ("ووضع حد لسحب قواتها من سوريا ودعمها للحوثيين", "syria", 0),
        // Given or declared: the subject of قدم، أعلن، جدد; the one committed.
        ("قدمت بكين دعما معنويا لتركيا", "china", 1),
        ("قدمت بكين دعما معنويا لتركيا", "turkey", 0),
        ("وأكد التزام الولايات المتحدة بدعم مؤسسات الدولة", "usa", 1),
        // Subsidies are no support.
        ("أعلنت الحكومة الإماراتية رفع الدعم عن أسعار البنزين", "uae", 0),
        // Support for terrorism is a charge, against whoever is named near it.
        ("قالت تركيا إن تعهد فرنسا يصل إلى حد دعم الإرهاب", "france", -1),
        // French and English: the owner, the subject before the verb.
        ("American support for the rebels grew.", "usa", 1),
        ("Russia strongly supports the plan.", "russia", 1),
        ("In Washington, support for the measure is weak among farmers.", "usa", 0),
        ("Le soutien américain aux rebelles a augmenté.", "usa", 1),
        ("À Paris, le soutien aux grévistes grandit.", "france", 0),
    ]);
}

/// The speaker of a reported statement («قال مسؤولون أمريكيون إن ...»,
/// "officials said that ...") is not what the statement is about: a cue in
/// it does not fall back to a target named only in the speaker's frame,
/// unless the statement is about the speaker (a pronoun on the
/// complementizer, «بلاده», «البلدين»), and «فإن» is no complementizer.
#[test]
fn a_speaker_is_not_what_it_speaks_of() {
    assert_signs(&[
        ("وقال مسؤولون أمريكيون إن السودان أحرز تقدما", "usa", 0),
        ("قالت الحكومة المغربية إن أعمال عنف اندلعت", "morocco", 0),
        ("US officials said that Sudan made progress.", "usa", 0),
        ("Des responsables américains ont déclaré que le Soudan a fait des progrès.", "usa", 0),
        ("أكد بوتين أنه مستعد للتعاون مع السلطات البريطانية", "russia", 1),
        ("قال الرئيس المصري إن بلاده نجحت في التصدي للإرهاب", "egypt", 1),
        ("قالت وزارة الداخلية المصرية إن قواتها نجحت في صد الهجوم", "egypt", 1),
        ("وقال مصدر يوناني: بالنظر إلى العقلية التركية فإن الوضع خطير", "turkey", -1),
        ("Russia said that sanctions on Iran would fail.", "iran", -1),
    ]);
}

/// «كروس» (Toni Kroos, King's Cross) and «بروس» (Bruce) are names, not
/// ك/ب before «الروس» (the Russians): 216 Russia mentions in the news
/// corpus were these; «للروس» still is.
#[test]
fn kroos_and_bruce_are_not_the_russians() {
    assert_signs(&[
        ("وواصل توني كروس مستواه الجيد طوال الموسم", "russia", 0),
        ("ويدرب بروس النادي العريق منذ أكتوبر", "russia", 0),
        ("وقال إن للروس دورا إيجابيا في المنطقة", "russia", 1),
    ]);
}

/// A packed [`HitList`] gives back every hit as it was, strings, numbers
/// and absent fields alike, on texts whose hits have several modifiers, a
/// holder and an object, a target or none.
#[test]
fn hit_list_gives_back_every_hit() {
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let mut texts: Vec<String> = crate::seeds::SEEDS
        .iter()
        .map(|(_, bytes)| String::from_utf8(bytes.to_vec()).unwrap())
        .collect();
    texts.push("وأدانت روسيا العقوبات الأمريكية. قال الوزير إن الدعم لم يكن قويا جدا.".into());
    texts.push(
        "Russia condemned the American sanctions, but Paris did not \"support\" them.".into(),
    );
    let (mut several, mut roles, mut untargeted, mut total) = (0, 0, 0, 0);
    for text in &texts {
        let hits = s.score_text(text, &n).hits;
        let list = HitList::new(&hits);
        assert_eq!(list.len(), hits.len());
        let back: Vec<Hit> = list.iter().map(|h| h.to_hit()).collect();
        assert_eq!(back, hits);
        for (h, r) in hits.iter().zip(list.iter()) {
            assert_eq!((r.key(), r.is_frame()), (h.key(), h.is_frame()));
        }
        several += hits.iter().filter(|h| h.modifiers.len() > 1).count();
        roles += hits.iter().filter(|h| h.holder.is_some() && h.object.is_some()).count();
        untargeted += hits.iter().filter(|h| h.target.is_none()).count();
        total += hits.len();
    }
    assert!(
        several > 0 && roles > 0 && untargeted > 0 && total > 100,
        "{several} {roles} {untargeted} {total}"
    );
    assert!(HitList::new(&[]).is_empty());
}

/// Judgements of wrongdoing and merit in the default lexicon, in the three
/// languages, and the guards that keep their homographs out (a lie
/// detector, lying in state).
#[test]
fn default_lexicon_judgement_words_and_their_guards() {
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let pol = |text: &str| -> Vec<f64> {
        s.score_text(text, &n)
            .hits
            .into_iter()
            .filter(|h| h.is_polarity())
            .map(|h| h.contribution)
            .collect()
    };
    let cases: &[(&str, &[f64])] = &[
        ("أردوغان يكذب على العالم", &[-1.5]),
        ("أصبحت دولة مارقة", &[-1.8]),
        ("خضعت لاختبار كشف الكذب", &[]),
        ("President Trump lies so often", &[-1.5]),
        ("an abuse of power", &[-1.6]),
        ("the president was lying in state", &[]),
        ("Paris bafoue le droit", &[-1.5]),
        ("un État voyou", &[-1.6]),
        ("كشفت سياسة النفاق التي تتعامل بها", &[-1.5]),
        ("موسكو تنتهك معاهدات الحد من الأسلحة", &[-1.5]),
        ("روسيا انتهكت معاهدة الأسلحة الكيمياوية", &[-1.5]),
        ("إثبات ازدواجية معايير القضاء", &[-1.3]),
        ("ازدواجية الجنسية", &[]),
        ("the hypocrisy of the West", &[-1.5]),
        ("an end to double standards", &[-1.3]),
        ("تعاني من ارتفاع ضغط الدم", &[]),
        ("وصلت تعزيزات عسكرية جديدة إلى الجبهة", &[]),
        ("اتفقا على تعزيز العلاقات", &[1.0]),
        ("بحثا سبل تعزيزها", &[1.0]),
        ("أنفقت جماعات ضغط ملايين الدولارات", &[]),
        ("مارست واشنطن ضغط على أنقرة", &[-0.8]),
    ];
    for (text, want) in cases {
        assert_eq!(pol(text), *want, "{text}");
    }
}

/// The `role:` and `context:` rows of the default lexicon compile to exactly
/// the word lists that were built into the code before they moved to the
/// lexicon (a prefix written `word*`), so the default behaviour is unchanged;
/// and none of those rows has an issue in `lexicon check`.
#[test]
fn default_role_words_are_the_former_built_in_lists() {
    use super::rolewords::*;
    let lex = Lexicon::default_lexicon();
    let w = super::rolewords::RoleWords::new(&lex, &Normalizer::default()).unwrap();
    let star = |l: &[&str]| l.iter().map(|p| format!("{p}*")).collect::<Vec<_>>();
    let plain = |l: &[&str]| l.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    #[rustfmt::skip]
    let cases: Vec<(u32, bool, Vec<String>)> = vec![
        (SPEECH, true, plain(&[
            "ادان", "ادانت", "ادانوا", "يدين", "تدين", "يدينون", "ادانه", "ندد", "نددت", "نددوا",
            "يندد", "تندد", "تنديد", "استنكر", "استنكرت", "يستنكر", "تستنكر", "استنكار", "شجب",
            "شجبت", "يشجب", "تشجب", "انتقد", "انتقدت", "انتقدوا", "ينتقد", "تنتقد", "انتقاد",
            "انتقادات", "هاجم", "هاجمت", "يهاجم", "تهاجم", "رفض", "رفضت", "يرفض", "ترفض", "رحب",
            "رحبت", "رحبوا", "يرحب", "ترحب", "ترحيب", "اشاد", "اشادت", "يشيد", "تشيد", "اشاده",
            "ثمن", "ثمنت", "يثمن", "تثمن", "تثمين", "حذر", "حذرت", "يحذر", "تحذر", "تحذير",
            // Added later: plurals.
            "تحذيرات", "حذروا", "يحذرون", "ادانات",
        ])),
        (EMOTION, true, plain(&[
            "قلق", "مخاوف", "استياء", "غضب", "ثقه", "ثقت", "تفاؤل", "امل", "ارتياح", "امتنان",
            // Added later: appreciation.
            "تقدير",
        ])),
        (ACCUSATION, true, plain(&[
            "اتهم", "اتهمت", "اتهموا", "يتهم", "تتهم", "يتهمون", "اتهام", "اتهامات", "تهمه", "تهم",
        ])),
        (STATE, true, plain(&[
            "تراجع", "تراجعت", "يتراجع", "تتراجع", "انسحب", "انسحبت", "ينسحب", "تنسحب", "انسحاب",
            "انهار", "انهارت", "ينهار", "تنهار", "انهيار", "فشل", "فشلت", "يفشل", "تفشل", "اخفق",
            "اخفقت", "اخفاق", "هزيمه", "انهزم", "انهزمت", "تقهقر",
            // Added later: an advance is its subject's, and so is a weakness.
            "تقدم", "ضعف",
        ])),
        (PATIENT, true, plain(&["عقوبات", "عقوبه", "حصار", "العقوبات", "الحصار"])),
        (EMOTION, false, plain(&[
            "concern", "concerns", "concerned", "worry", "worries", "worried", "fear", "fears",
            "feared", "anger", "angered", "angry", "hope", "hopes", "hoped", "hopeful", "optimism",
            "optimistic", "confidence", "confident", "relief", "gratitude", "inquiétude",
            "inquiétudes", "inquiet", "inquiète", "préoccupation", "préoccupations", "préoccupé",
            "préoccupée", "colère", "espoir", "espoirs", "optimisme", "optimiste", "confiance",
            "soulagement", "crainte", "craintes",
        ])),
        (SPEECH, false, star(&[
            "condemn", "denounc", "critici", "criticis", "slam", "blast", "reject", "welcom",
            "prais", "hail", "commend", "applaud", "laud", "warn", "condamn", "dénonc", "critiqu",
            "fustig", "salu", "félicit", "rejet", "rejett", "avert",
        ])),
        (ACCUSATION, false, star(&["accus", "alleg", "inculp"])),
        (STATE, false, star(&[
            "retreat", "withdr", "collaps", "fail", "recul", "retir", "retrait", "effondr", "échou",
            "échec",
        ])),
        (PATIENT, false, star(&["sanction", "embargo", "blockade", "blocus"])),
        // Added after the move: threats (blame for whoever threatens).
        (THREAT, true, star(&["تهديد", "يهدد", "تهدد", "هدد"])),
        (THREAT, false, {
            // Added later: a danger, in French and English.
            let mut w = star(&["threat", "menac"]);
            w.extend(plain(&["danger", "dangers"]));
            w
        }),
        // Added later: harmful deeds (blame for the doer only).
        (DEED, true, plain(&[
            "عدوان", "اعتداء*", "احتلال", "انتهاك*", "خرق", "خروقات", "مجزره", "مجازر", "تعذيب",
            "قمع", "اضطهاد", "قصف", "غاره", "غارات", "هجوم", "هجمات", "تفجير", "تفجيرات",
            "اغتيال", "تسميم", "اختطاف", "تهجير", "تجويع", "تجاوزات",
            // Added later: atrocities.
            "اباده", "فظائع", "تطهير", "جرائم",
            // Added later: a crisis, its owner's.
            "ازمه",
        ])),
        (DEED, false, plain(&[
            "aggression", "violation*", "atrocit*", "massacre*", "crackdown", "repression",
            "persecution", "oppression", "agression", "répression", "torture*", "bombing*",
            "airstrike*", "shelling", "bombardement*", "assassination*", "poisoning", "kidnapping*",
            "abduction*", "assassinat*", "empoisonnement*", "genocide", "invasion",
            // Added later: French atrocities.
            "génocide*", "persécution*",
            // Added later: English violating, to its doer only.
            "violat*",
        ])),
        // Added later: support (to its giver, never the nearest name).
        (SUPPORT, true, {
            // Added later: backing (مساندة), as support.
            let mut w = star(&["دعم", "يدعم", "تدعم", "مساند", "يساند", "تساند"]);
            w.extend(plain(&["ساند", "ساندت"]));
            w
        }),
        (SUPPORT, false, plain(&[
            "soutien*", "soutenir", "soutenu*", "appui*", "support", "supports", "supported",
            "supporting", "supportive", "backing",
        ])),
        (SPORTS_BEFORE, false, plain(&[
            "منتخب", "منتخبات", "دوري", "كره", "انديه", "نادي", "لاعب", "لاعبي", "لاعبين", "فريق",
            "جماهير", "مدرب", "حارس", "هداف", "كاس", "نجم", "بطوله", "équipe", "sélection",
        ])),
        (SPORTS_AFTER, false, plain(&["team", "squad", "league", "striker", "goalkeeper"])),
        // Added later: the words of a sports report.
        (SPORTS_PLAY, false, plain(&[
            "مباراه", "مبارات*", "مباريات", "تعادل", "شوط", "ملعب", "ملاعب", "مرمي", "شباك",
            "ركله", "ركلات", "هدفين", "تسلل", "منتخب", "منتخبات", "دوري", "مدرب", "لاعب", "لاعبو",
            "لاعبون", "لاعبي", "لاعبين", "لاعبه", "لاعبات", "تعادلين", "فوزين", "تنس", "نادي", "انديه",
            "حارس", "هداف", "مهاجم", "تسديده", "تسديدات",
            "تمريره", "تمريرات", "ركنيه", "ترجيح", "goalless", "match",
            "matches", "goalkeeper", "striker", "midfielder", "footballer", "footballers",
            "stadium", "league", "referee", "equaliser", "equalizer", "halftime", "matchs",
            "gardien", "attaquant", "buteur", "stade", "championnat",
            "entraîneur", "joueur", "joueurs", "footballeur", "arbitre",
        ])),
        (SPORTS_EVENT, false, plain(&[
            "كاس", "مونديال", "بطوله", "كره", "اولمبي*", "اولمبياد", "يورو", "فيفا", "cup",
            "tournament", "championship", "olympic*", "olympics", "fifa", "uefa", "football",
            "soccer", "coupe", "mondial", "tournoi", "olympique*",
            // Added later: medals.
            "ميدالي*",
        ])),
        (AGENCY, false, plain(&[
            "cnn", "رويترز", "reuters", "afp", "سبوتنيك", "واس", "وام", "كونا", "شينخوا", "يونهاب",
            "ارنا", "تاس", "سانا", "الاناضول", "ap", "ians", "xinhua", "yonhap", "dpa", "efe",
            "anadolu", "wam", "kuna", "tass", "irna", "sana", "spa", "upi",
        ])),
    ];
    for (bit, arabic, mut want) in cases {
        want.sort();
        assert_eq!(w.words(bit, arabic), want, "list bit {bit}, arabic {arabic}");
    }
    let issues: Vec<String> = lex
        .check()
        .into_iter()
        .filter(|i| i.message.contains("role") || i.message.contains("context"))
        .map(|i| i.to_string())
        .collect();
    assert!(issues.is_empty(), "{issues:?}");
    let counts = lex.role_word_counts();
    assert_eq!(counts[0], ("role:accusation".to_string(), 13), "{counts:?}");
    // Eleven role classes (demand, deed, indicator, envoy and support added
    // after the built-in lists) and eleven context lists (institution,
    // person, the two sports report lists, the three of economic trends and
    // the words of quantity added after them).
    assert_eq!(counts.len(), 22, "{counts:?}");
}

/// A lexicon file in a temporary folder (kept alive with it).
fn lexicon_file(name: &str, body: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, body).unwrap();
    (dir, p)
}

/// A polarity hit's (target, holder, object, modifiers) for `text` scored
/// with the lexicon `body` alone (as `--no-default-lexicon --lexicon`).
fn hits_with(body: &str, text: &str) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    let (_dir, p) = lexicon_file("user.tsv", body);
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::load(&p).unwrap(), &n).unwrap();
    s.score_text(text, &n)
        .hits
        .into_iter()
        .filter(|h| h.is_polarity())
        .map(|h| (h.target, h.holder, h.object))
        .collect()
}

/// A user's `role:speech` row makes a new verb a speech act: the object gets
/// the cue, not the speaker; without the row the verb's owner (the speaker
/// right before it) does.
#[test]
fn a_user_role_row_adds_a_speech_verb() {
    let base = "term\tcategory\tweight\tnote\tguard\tlang
Moscow\ttarget:russia\t1\tcapital\t\ten
Paris\ttarget:france\t1\tcapital\t\ten
berated\tpolarity\t-1.5\trebuked\t\ten
";
    let text = "Moscow berated on Monday the Paris envoy.";
    let some = |s: &str| Some(s.to_string());
    assert_eq!(hits_with(base, text), [(some("russia"), some("russia"), None)]);
    let with_row = format!("{base}berate*\trole:speech\t\ta rebuke is a speech act\t\ten\n");
    assert_eq!(hits_with(&with_row, text), [(some("france"), some("russia"), some("france"))]);
    // The same row in YAML.
    let (_dir, p) = lexicon_file("roles.yaml", "role:\n  speech: [berate*]\n");
    let lex = Lexicon::load(&p).unwrap();
    assert_eq!(lex.entries()[0].category, "role:speech");
    assert_eq!(lex.role_word_counts()[1], ("role:speech".to_string(), 1));
}

/// Without `context:` rows (a lexicon replacing the default one) there is
/// no sports rule: a cue next to «المنتخب السعودي» goes to Saudi Arabia;
/// with a `context:sports_before` row it goes to no one.
#[test]
fn without_context_rows_a_sports_side_is_the_state() {
    let base = "term\tcategory\tweight\tnote\tguard\tlang
السعودي\ttarget:saudi_arabia\t1\tnisba\t\tar
فوز\tpolarity\t1\tvictory\t\tar
";
    let text = "فوز المنتخب السعودي";
    let saudi = Some("saudi_arabia".to_string());
    assert_eq!(hits_with(base, text), [(saudi.clone(), None, saudi)]);
    let with_row = format!("{base}منتخب\tcontext:sports_before\t1\tsports head\t\tar\n");
    assert_eq!(hits_with(&with_row, text), [(None, None, None)]);
    // The default lexicon has the rows (the table test above covers their
    // effect); a replacing lexicon without them has none.
    let default = |c: &str| {
        Lexicon::default_lexicon().role_word_counts().into_iter().any(|(k, n)| k == c && n > 0)
    };
    assert!(default("context:sports_before") && default("context:agency"));
}

/// Malformed `role:` and `context:` rows are errors naming file and line.
#[test]
fn bad_role_rows_name_file_and_line() {
    let head = "term\tcategory\tweight\tnote\tguard\tlang\nدعم\tpolarity\t1\tsupport\t\tar\n";
    let cases = [
        ("weight.tsv", "berate*\trole:speech\t2\trebuke\t\ten\n", "takes no weight"),
        ("guard.tsv", "berate*\trole:speech\t\trebuke\tnext:the\ten\n", "takes no guard"),
        ("class.tsv", "berate*\trole:speach\t\trebuke\t\ten\n", "unknown category `role:speach`"),
        ("list.tsv", "cnn\tcontext:agencies\t\tagency\t\t\n", "unknown category"),
        ("words.tsv", "to berate\trole:speech\t\trebuke\t\ten\n", "one word"),
        ("glob.tsv", "*berate\trole:speech\t\trebuke\t\ten\n", "may only end"),
    ];
    for (name, row, what) in cases {
        let (_dir, p) = lexicon_file(name, &format!("{head}{row}"));
        let err = Lexicon::load(&p).unwrap_err().to_string();
        assert!(err.contains(&format!("{name}:3")), "{err}");
        assert!(err.contains(what), "{err}");
    }
    // A lexicon built in code is refused by the scorer the same way.
    let (_dir, p) = lexicon_file("ok.tsv", head);
    let mut lex = Lexicon::load(&p).unwrap();
    let mut e = lex.entries()[0].clone();
    e.category = "role:speach".into();
    e.line = 7;
    lex.extend(Lexicon::from_entries(vec![e]));
    let err = Scorer::new(&lex, &Normalizer::default()).unwrap_err().to_string();
    assert!(err.contains("ok.tsv:7") && err.contains("role:speach"), "{err}");
}

/// A sports report judges no state: in a sentence with two distinct
/// sports words, one of them a word of play, every target name is a side,
/// a player or a venue. Competition names alone leave politics alone (a
/// World Cup's hosting or boycott), and so does one sports word.
#[test]
fn a_sports_report_judges_no_state() {
    assert_signs(&[
        // Reproductions from the judged set and the news corpus.
        (
            "وكان أفضل إنجاز سعودي في المونديال هو الوصول إلى دور الـ16 مع المنتخب",
            "saudi_arabia",
            0,
        ),
        ("وحقق الفريق فوزا مفاجئا في المباراة بهدفين للفرنسي وسام بن يدر", "france", 0),
        ("وكان اللاعب قد تألق في المباراة التحضيرية الأولى لمصر رغم خسارة الفراعنة", "egypt", 0),
        ("نجحت لاعبة التنس التونسية في العبور إلى ربع النهائي", "tunisia", 0),
        ("وتأتي خسارة تونس في المونديال بعد تعادلين مع البرتغال", "tunisia", 0),
        ("أحرز لاعبو الإمارات الميداليات الفضية في إنجاز كبير للإمارات", "uae", 0),
        ("وخرجت إسبانيا أمام روسيا بعد الخسارة بركلات الترجيح", "russia", 0),
        // «ترجيح» alone is likelihood, not sport.
        ("ويرجح المراقبون ترجيح خسارة روسيا في الانتخابات", "russia", -1),
        ("Saudi Arabia's excellent match ended the league season.", "saudi_arabia", 0),
        ("La Russie a réalisé un excellent match, a dit l'entraîneur.", "russia", 0),
        // Politics in a sentence that names a competition only.
        ("وزادت الاتهامات تجاه الدوحة بأنها حصلت على تنظيم كأس العالم بطريقة مشبوهة", "qatar", -1),
        ("Russia ran a doping conspiracy at the Olympics.", "russia", -1),
        ("La France a condamné la corruption du Qatar avant la Coupe du monde.", "qatar", -1),
        // One word of play is not enough: «الفريق» is also a general's rank.
        ("وقال الفريق أول إن الحكومة المصرية حققت نجاحا كبيرا", "egypt", 1),
        ("Egypt scored a diplomatic success at the match of the two leaders.", "egypt", 1),
    ]);
    // A goalless draw is no negative cue, nor a score draw a positive one.
    assert_eq!(default_cues("وانتهت المباراة بالتعادل السلبي بين الفريقين"), Vec::<String>::new());
    assert_eq!(default_cues("وانتهى اللقاء بالتعادل الإيجابي"), Vec::<String>::new());
    assert_eq!(default_cues("وكان لقرار الحكومة أثر سلبي"), ["سلبي"]);
}

/// English judgements of wrongdoing (abuse, fraud, crimes, illegality,
/// tyranny, Nazism) blame whom they qualify; an invasion or a genocide
/// only its doer; "illegal" of people who enter or stay is a status, not
/// a judgement of the state.
#[test]
fn english_judgements_of_wrongdoing() {
    assert_signs(&[
        ("Trump charged with abuse of office by Congress", "usa", -1),
        ("A judge said the American administration acted illegally.", "usa", -1),
        ("Parishioners who entered the U.S. illegally need not fear.", "usa", 0),
        ("Illegal immigrants crossed into Britain last year.", "uk", 0),
        ("They called Russia a fraudulent regime.", "russia", -1),
        ("Israel's decision is criminal, she said.", "israel", -1),
        ("The Russian invasion of Ukraine continues.", "russia", -1),
        ("The Russian invasion of Ukraine continues.", "ukraine", 0),
        // Abuses are a deed too: their doer, never a place near them.
        ("تخللته تجاوزات ارتكبها الجنود الروس وقصف عشوائي", "russia", -1),
        ("في وجه التجاوزات الإسرائيلية المرتكبة داخل الأراضي المحتلة", "israel", -1),
        ("وسجلت الشرطة تجاوزات مرورية في مصر", "egypt", 0),
        ("Experts spoke of genocide in a country near China.", "china", 0),
    ]);
}

/// A relative clause has its own verb: a clause negator before it does not
/// deny what the relative clause says.
#[test]
fn negation_stops_at_a_relative_pronoun() {
    assert_signs(&[
        ("وليست هذه المرة الأولى التي تعرقل فيها روسيا تصويتا في مجلس الأمن", "russia", -1),
        ("ولم تتبن أي جهة الهجوم الذي يحمل بصمات طالبان", "taliban", -1),
        ("France is not the only country which criticised Russia.", "russia", -1),
        // Without a relative pronoun the negation still reaches the cue.
        ("لم تعرقل روسيا التصويت", "russia", 1),
    ]);
}

/// An economic indicator is news by the way it moves: a rise counts its
/// weight, a fall the opposite, for the economy's owner (a nisba after a
/// complement, a place included); without a word of rise or fall it is no
/// cue, nor is an indicator of the world economy; the trend word it takes
/// is no cue of its own, and a trend word that another noun owns, or that
/// says "more than", moves nothing.
#[test]
fn economic_indicators_take_the_sign_of_their_trend() {
    assert_signs(&[
        // Reproductions from the judged set.
        ("أظهرت بيانات أن العجز التجاري التركي زاد 54 بالمئة على أساس سنوي", "turkey", -1),
        ("أظهرت بيانات أميركية ارتفاع الوظائف في القطاعات غير الزراعية بالولايات المتحدة", "usa", 1),
        (
            "China's central bank will cut the money banks must hold to boost the slowing economy",
            "china",
            0,
        ),
        // A rise, a fall; before or after the indicator; a place owns it.
        ("ارتفاع معدل البطالة في السعودية", "saudi_arabia", -1),
        ("وتراجع التضخم في مصر إلى 12 بالمئة", "egypt", 1),
        ("وتراجعت صادرات إيران النفطية", "iran", -1),
        ("تراجع معدل نمو الاقتصاد التركي في الربع الثاني", "turkey", -1),
        ("China's exports fell in March.", "china", -1),
        ("Rising unemployment in Britain worries the government.", "uk", -1),
        ("The German economy grew by 2 percent.", "germany", 1),
        ("Le chômage a baissé en France.", "france", 1),
        ("La dette française a augmenté.", "france", -1),
        ("La croissance de l'économie allemande a ralenti.", "germany", -1),
        // The owner after a complement, not the one who acts on it.
        ("تسعى أمريكا لخفض صادرات النفط الإيراني إلى الصفر", "iran", -1),
        ("تسعى أمريكا لخفض صادرات النفط الإيراني إلى الصفر", "usa", 0),
        ("وطالب بخفض العجز التجاري مع الصين", "china", 0),
        ("The trade deficit with China widened in May.", "china", 0),
        ("وتسعى روسيا لزيادة صادراتها إلى الصين", "china", 0),
        ("وتسعى روسيا لزيادة صادراتها إلى الصين", "russia", 1),
        ("ارتفعت الصادرات إلى الصين بنسبة 5%", "china", 0),
        ("أعلنت روسيا زيادة صادراتها عبر ميناء أوكراني", "ukraine", 0),
        ("أعلنت روسيا زيادة صادراتها عبر ميناء أوكراني", "russia", 1),
        ("تراجعت وتيرة نمو الاقتصاد التركي في الربع الثاني", "turkey", -1),
        // The verb after the indicator has a subject of its own.
        ("بعد تقرير للوظائف في أميركا تراجعت أسعار النفط", "usa", 0),
        ("وقال إن معدل البطالة في مصر هبط إلى 10.6% في الربع الأول", "egypt", 1),
        // No trend, the world's economy, another noun's trend, "more than".
        ("وقال وزير الاقتصاد المصري إن معدل البطالة سيعلن غدا", "egypt", 0),
        ("Inflation in the United States is the Fed's main concern.", "usa", 0),
        ("مع احتمال زيادة الاحتياطي الفدرالي الأمريكي نسب الفوائد", "usa", 0),
        ("ناقش وزير سعودي تباطؤ النمو الاقتصادي العالمي", "saudi_arabia", 0),
        ("Slowing global growth worries Saudi Arabia.", "saudi_arabia", 0),
        // The economy is weak (ضعف, a cue of its own); the dollar is what rose.
        ("وقالت إن صعود الدولار وضعف الاقتصاد الصيني سيضغطان على السوق", "china", -1),
        ("تعهد المانحون في باريس باستثمارات تزيد عن 11 مليار دولار للبنان", "france", 0),
        ("ومع ارتفاع معدلات النمو السكاني في مصر تزداد الحاجة إلى المدارس", "egypt", 0),
        ("ويخشى المستثمرون أن تلحق الحرب الضرر بالصادرات والنمو في الصين", "china", 0),
        // A trend word after another noun joined by و is that noun's, unless
        // the noun is an indicator or the verb agrees with both.
        ("وتسارع التضخم التركي وتداعيات تدهور قيمة الليرة", "turkey", -1),
        ("البطالة التركية والتضخم ارتفعا", "turkey", -1),
        // Popularity and approval ratings are indicators too; «الشعبية»
        // with the article is mostly the adjective "popular".
        ("وتسببت التعديلات في تراجع شعبية الرئيس فلاديمير بوتين", "russia", -1),
        ("ارتفعت نسبة التأييد للرئيس الأميركي دونالد ترامب سبع نقاط", "usa", 1),
        ("Trump's approval ratings fell to 38 percent.", "usa", -1),
        ("La popularité de Macron baisse.", "france", -1),
        ("وتزايدت الاحتجاجات الشعبية في إيران", "iran", 0),
    ]);
    // The trend word is part of the indicator's cue, not a retreat of its own.
    assert_eq!(default_cues("وتراجع العجز في تونس"), ["العجز"]);
    assert_eq!(default_cues("وتيرة التضخم وتداعيات تدهور الليرة"), ["تدهور"]);
    assert_eq!(default_cues("الاحتياطيات والسيولة انخفضا"), ["الاحتياطيات"]);
    assert_eq!(default_cues("وتراجع الجيش الروسي"), ["وتراجع"]);
    assert_eq!(default_cues("معدل البطالة في تونس"), Vec::<String>::new());
    assert_eq!(default_cues("Exports declined sharply"), ["Exports"]);
}

/// An indicator a user adds to a lexicon of their own works the same way:
/// its polarity row, its `role:indicator` word and the trend words of the
/// `context:rise` / `context:fall` lists.
#[test]
fn user_indicators_and_trend_words() {
    let body = "term\tcategory\tweight\nRussia\ttarget:russia\t1\nruble\tpolarity\t1\n\
                ruble\trole:indicator\t1\nslid\tcontext:fall\t1\nrallied\tcontext:rise\t1\n";
    let (_dir, p) = lexicon_file("user.tsv", body);
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::load(&p).unwrap(), &n).unwrap();
    let score = |t: &str| s.score_text(t, &n).stance["russia"].score;
    assert_eq!(score("Russia's ruble slid again."), Some(-1.0));
    assert_eq!(score("Russia's ruble rallied again."), Some(1.0));
    assert_eq!(score("Russia's ruble is the currency."), Some(0.0));
}

/// An envoy expelled or summoned is a protest against the state it
/// represents, named by the nisba or adjective beside it; never against the
/// state that expels or summons, and not at all when no nisba names it, when
/// the expulsion is denied, or when a state calls its own envoy home.
#[test]
fn expelled_and_summoned_envoys() {
    assert_signs(&[
        // Reproductions from the judged set and the news corpus.
        ("وذلك بعد قرار موسكو طرد 60 دبلوماسيا أميركيا ردا على إجراء مماثل", "usa", -1),
        ("وقامت بريطانيا بطرد 23 دبلوماسيا روسيا وأسرهم", "russia", -1),
        ("وقامت بريطانيا بطرد 23 دبلوماسيا روسيا وأسرهم", "uk", 0),
        ("قررت تركيا طرد السفير الإسرائيلي", "israel", -1),
        ("قررت تركيا طرد السفير الإسرائيلي", "turkey", 0),
        ("الخارجية التركية تستدعي السفير السعودي بسبب اختفاء خاشقجي", "saudi_arabia", -1),
        ("وردت روسيا بطرد الدبلوماسيين الأمريكيين", "usa", -1),
        ("وردت روسيا بطرد الدبلوماسيين الأمريكيين", "russia", 0),
        ("Britain expelled 23 Russian diplomats.", "russia", -1),
        ("Britain expelled 23 Russian diplomats.", "uk", 0),
        ("60 American diplomats were expelled by Russia.", "usa", -1),
        ("Paris a convoqué l'ambassadeur de Russie.", "russia", -1),
        ("La France a expulsé deux diplomates russes.", "russia", -1),
        ("La France a expulsé deux diplomates russes.", "france", 0),
        // No nisba beside the envoy: no one, not the expeller.
        ("وطردت السعودية السفير من أراضيها", "saudi_arabia", 0),
        // Denied; a recall for consultations; envoys doing their work.
        ("السعودية تنفي طرد السفير التركي", "turkey", 0),
        ("واستدعت السعودية السفير السعودي للتشاور", "saudi_arabia", 0),
        ("The U.S. ambassador met Russian diplomats in Geneva.", "russia", 0),
        ("والتقى السفير الأمريكي وزير الخارجية", "usa", 0),
    ]);
}

/// Liberia is not Libya, nor Rousseff Russian: the Libyan and Russian
/// nisbas are written out, not prefixes that «ليبيريا» and «روسيف» matched;
/// their forms still name the states.
#[test]
fn nisbas_are_not_prefixes_of_names() {
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let libya = |t: &str| s.score_text(t, &n).stance["libya"].mentions;
    assert_eq!(libya("وتمنى لحكومة وشعب جمهورية ليبيريا الصديق المزيد من التقدم"), 0);
    assert_eq!(libya("وانسحبت القوات الليبية ورحب المسلحون الليبيون بالقرار"), 2);
    // Nor is Rousseff Russian: the Russian nisba is written out too.
    let russia = |t: &str| s.score_text(t, &n).stance["russia"].mentions;
    assert_eq!(russia("وتراجعت شعبية الرئيسة البرازيلية ديلما روسيف"), 0);
    assert_eq!(russia("وانسحبت القوات الروسية والطائرات الروسيتان"), 2);
    // Nor are obstacles (العراقيل) Iraqi.
    let iraq = |t: &str| s.score_text(t, &n).stance["iraq"].mentions;
    assert_eq!(iraq("ووضعت الحكومة العراقيل أمام المستثمرين"), 0);
    assert_eq!(iraq("وانسحبت القوات العراقية"), 1);
}

/// An advance («تقدم») is its subject's: the progress a state makes
/// («تحرز السعودية تقدماً»), never the side named near an advance of
/// forces (the Houthis, whom the resistance advances against), nor the
/// donor of what is "provided" (تقدمها، the same letters).
#[test]
fn an_advance_is_its_subjects() {
    assert_signs(&[
        ("في وقت تحرز السعودية تقدماً لافتاً في تصنيع قطع الغيار", "saudi_arabia", 1),
        ("وحققت القوات التركية تقدما غرب عفرين", "turkey", 1),
        ("وذلك مع تقدم قوات المقاومة في مناطق ميليشيات الحوثي", "houthis", 0),
        (
            "وتشمل الفعاليات فرقا شعبية تقدم أنواعا من الفلكلور مثل العرضة السعودية",
            "saudi_arabia",
            0,
        ),
    ]);
}

/// Hashish is not brutality: the prefix `وحشي*`, keyed حشي*, matched
/// «الحشيش»; the forms are written out, and the normaliser now keeps them
/// whole.
#[test]
fn hashish_is_not_brutality() {
    assert_eq!(default_cues("حاول أحدهما تهريب قطعة من مخدر الحشيش"), Vec::<String>::new());
    assert_eq!(default_cues("وقمعت الشرطة المتظاهرين بوحشية"), ["بوحشية"]);
    assert_eq!(default_cues("كان المشهد الوحشي صادما للجميع"), ["الوحشي"]);
}

/// A word of the lexicon that starts or ends like a clitic (فساد, كمين,
/// ودية) is a word, not a clitic on a shorter one: keyed ساد, «فساد» missed
/// الفساد and والفساد and matched ساد ("prevailed"). Every single Arabic word
/// of the default lexicon keys as its definite form does, except those
/// written with their clitic on purpose.
#[test]
fn lexicon_words_are_not_cut_at_a_clitic_letter() {
    let n = Normalizer::default();
    // «بشكل» is ب + شكل, «للغاية» ل + غاية: the clitic is meant.
    const CLITIC_ON_PURPOSE: &[&str] = &["بدون", "بشدة", "بشكل", "للغاية", "للحدود"];
    let mut cut = Vec::new();
    for e in Lexicon::default_lexicon().entries() {
        let w = e.term.trim();
        let plain = !w.contains([' ', '*']) && !w.starts_with("ال");
        let keyed = !e.category.starts_with("role:") && !e.category.starts_with("context:");
        if e.lang.as_deref() != Some("ar") || !plain || !keyed || CLITIC_ON_PURPOSE.contains(&w) {
            continue;
        }
        let (key, definite) = (n.key_of_word(w), n.key_of_word(&format!("ال{w}")));
        if key != definite {
            cut.push(format!("{w}: {key} / {definite}"));
        }
    }
    assert!(cut.is_empty(), "{cut:#?}");
    // And in running text.
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let entries = |text: &str| -> Vec<String> {
        let hits = s.score_text(text, &n).hits.into_iter();
        hits.filter(|h| h.is_polarity()).map(|h| format!("{}={}", h.surface, h.entry)).collect()
    };
    assert_eq!(
        entries("انتشر الفساد والفساد فسادا"),
        ["الفساد=فساد", "والفساد=فساد", "فسادا=فساد"]
    );
    assert_eq!(entries("ساد الهدوء الحذر في منزل والديها"), Vec::<String>::new());
    assert_eq!(entries("وقعت الكارثة"), ["الكارثة=كارثة"]);
}

/// A side named after «ضد», against, contre or an Arabic noun of fighting
/// (مكافحة، محاربة، مواجهة، التصدي ل) is the opponent of support, a
/// campaign or a success, not its owner: neither praise nor blame goes to
/// it. Words aimed at someone keep it as their object (anger or sanctions
/// against a state).
#[test]
fn the_side_something_is_against_takes_no_cue() {
    assert_signs(&[
        ("أكدت الإمارات دعمها للحملة ضد تنظيم داعش", "isis", 0),
        ("واستنكرت الوزارة حملة التشويه المشبوهة ضد السعودية", "saudi_arabia", 0),
        ("نجحت العمليات العسكرية ضد الحوثيين", "houthis", 0),
        ("They praised the successful offensive against Russia.", "russia", 0),
        ("Ils ont salué le succès de l'offensive contre la Russie.", "russia", 0),
        // The side fought or confronted.
        ("كشف عن النجاحات التي يحققها الجيش في مواجهة الحوثيين", "houthis", 0),
        ("وأكد دعم الجهود الدولية لمكافحة داعش", "isis", 0),
        ("نجحت الحملة في محاربة تنظيم القاعدة", "al_qaeda", 0),
        // Aimed at the side: it is their object.
        ("تصاعد الغضب الشعبي ضد إسرائيل", "israel", -1),
        ("فرضت واشنطن عقوبات ضد روسيا", "russia", -1),
    ]);
}

/// A cue about one of coordinated names («موسكو ودمشق», "Britain and
/// France", «la France et l'Algérie») is about each of them, with a row of
/// its own that says so; names only side by side, or coordinated with a
/// place, a victim or an opposed side, are not.
#[test]
fn coordinated_names_share_a_cue() {
    assert_signs(&[
        ("انتقدت الخارجية الفرنسية موسكو ودمشق", "russia", -1),
        ("انتقدت الخارجية الفرنسية موسكو ودمشق", "syria", -1),
        ("طالب المحتجون روسيا وإيران وأمريكا بوقف التدخلات في سوريا", "iran", -1),
        ("طالب المحتجون روسيا وإيران وأمريكا بوقف التدخلات في سوريا", "russia", -1),
        ("تصاعد التوتر بين واشنطن وطهران", "iran", -1),
        ("تصاعد التوتر بين واشنطن وطهران", "usa", -1),
        // Not coordinated: the object alone.
        ("انتقدت الخارجية الفرنسية موسكو أمام دمشق", "syria", 0),
        // Coordinated with a harmed name: a victim too.
        ("هددت الهجمات أمن السعودية والإمارات", "uae", 0),
        // Coordinated with the side that is opposed: no praise.
        ("أعلنت فرنسا دعمها للحملة ضد داعش والقاعدة", "al_qaeda", 0),
        ("Paris criticised Moscow and Damascus on Monday.", "syria", -1),
        ("The partnership between Britain and France is excellent.", "uk", 1),
        ("Paris criticised Moscow, then Damascus.", "syria", 0),
        ("La France a critiqué Moscou et Damas.", "syria", -1),
        ("Les tensions entre la France et l'Algérie se sont aggravées.", "algeria", -1),
    ]);
    // The copy names the target it shares; the rows rebuild the scores.
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let r = s.score_text("La France a critiqué Moscou et Damas.", &n);
    let copy = r.hits.iter().find(|h| h.is_polarity() && h.target.as_deref() == Some("syria"));
    let copy = copy.expect("a row for Damascus");
    assert_eq!(copy.shared_from(), Some("russia"), "{copy:?}");
    // The document's overall polarity counts the cue once.
    assert_eq!(r.polarity_cues, 1);
    assert_eq!((copy.holder.as_deref(), copy.object.as_deref()), (Some("france"), Some("syria")));
    assert_rebuilt_from_hits(&r);
}

/// Plural and plural-verb forms of speech acts are speech acts: a warning
/// goes to whom it warns about, not to the one who warns.
#[test]
fn warnings_and_condemnations_in_the_plural() {
    assert_signs(&[
        ("أعلن الانسحاب رغم التحذيرات من جانب الأمم المتحدة", "un", 0),
        ("وتتنامى التحذيرات الأميركية من التدخل الإيراني في المنطقة", "usa", 0),
        ("وتتنامى التحذيرات الأميركية من التدخل الإيراني في المنطقة", "iran", -1),
        ("حذروا إيران من مواصلة التصعيد", "iran", -1),
        ("أثارت تصريحات المالكي إدانات سعودية", "saudi_arabia", 0),
    ]);
}

/// A target named as the source of a report (حسب، بحسب، وفقا ل، نقلا عن;
/// "according to"; selon) takes none of its sentence's cues.
#[test]
fn the_source_of_a_report_takes_no_cue() {
    assert_signs(&[
        ("وتسببت الحرب بأسوأ أزمة إنسانية في العالم حسب الأمم المتحدة", "un", 0),
        ("وتدور اشتباكات عنيفة جنوب المدينة بحسب الأمم المتحدة", "un", 0),
        ("ويحتاج الملايين إلى المساعدات، وفقا للأمم المتحدة", "un", 0),
        ("The war caused the worst crisis, according to the United Nations.", "un", 0),
        ("La guerre a causé la pire crise selon les États-Unis.", "usa", 0),
        // The one who caused it still takes it.
        ("تسببت إيران بأزمة إنسانية خطيرة في المنطقة كلها حسب الأمم المتحدة", "iran", -1),
    ]);
}

/// A word of undermining negates the good it governs (the underminer is
/// not praised for the stability it harms), and the one whose good is
/// undermined is its victim.
#[test]
fn undermining_a_good_is_no_praise() {
    assert_signs(&[
        ("تسعى إيران إلى زعزعة الاستقرار في المنطقة", "iran", -1),
        ("التصريحات الفلسطينية تقوض احتمالات السلام", "palestine", -1),
        ("تحاول الجماعة زعزعة استقرار السعودية", "saudi_arabia", 0),
        ("Iran seeks to undermine stability in the region.", "iran", -1),
        ("L'Iran cherche à déstabiliser la paix.", "iran", -1),
        // A threat of sanctions is no harm to them.
        ("هددت واشنطن بفرض عقوبات على إيران", "iran", -1),
    ]);
    let n = Normalizer::default();
    let s = Scorer::new(&Lexicon::default_lexicon(), &n).unwrap();
    let r = s.score_text("تسعى إيران إلى زعزعة الاستقرار في المنطقة", &n);
    let good = r.hits.iter().find(|h| h.is_polarity() && h.surface == "الاستقرار").unwrap();
    assert!(good.contribution < 0.0, "{good:?}");
    assert!(good.modifiers.iter().any(|m| m == "negated:زعزعة"), "{good:?}");
}

/// «بدعم من X» (with the support of X) credits the giver, X; a giver that
/// is no target («، بدعم التحالف العربي،») passes the cue to no one, not to
/// the side the supported forces fight. «بدعم» after a word that takes ب
/// («تعهدت بدعم») is the act of supporting, attached as before.
#[test]
fn with_the_support_of_credits_the_giver() {
    assert_signs(&[
        (
            "واصلت ألوية العمالقة، بدعم التحالف العربي، تطهير المدينة من ميليشيات الحوثي",
            "houthis",
            0,
        ),
        ("تم التوصل إلى اتفاق لوقف إطلاق النار بدعم من الأمم المتحدة", "un", 1),
        ("شن الجيش هجوما على الغوطة بدعم من ضربات جوية روسية", "russia", 1),
        ("قدمت لندن مشروع القرار بدعم من واشنطن وباريس", "france", 1),
        ("قدمت لندن مشروع القرار بدعم من واشنطن وباريس", "uk", 0),
        ("ارتفعت أسعار النفط بدعم من تراجع المخزونات", "usa", 0),
        // Not «with the support of»: the act of supporting.
        ("وأكد التزام الولايات المتحدة بدعم مؤسسات الدولة اللبنانية", "usa", 1),
    ]);
}

/// «غير مسؤول», «غير قانوني», «غير شرعي», «غير مقبول», «غير مبرر», «غير
/// إنساني» are blame words of their own (irresponsible, illegal,
/// illegitimate, unacceptable, unjustified, inhumane), not a negated good;
/// illegal migration and "not responsible for" are not.
#[test]
fn arabic_words_of_illegitimacy() {
    assert_signs(&[
        ("وصفت الخارجية الروسية الخطوة الأمريكية بأنها غير مسؤولة", "usa", -1),
        ("يمثل الاحتلال الإسرائيلي غير الشرعي انتهاكا", "israel", -1),
        ("اعتبرت واشنطن رد الفعل الروسي غير مبرر", "russia", -1),
        ("انتقدوا سياسة إدارة ترامب غير الإنسانية على الحدود الأمريكية", "usa", -1),
        ("تصاعدت الهجرة غير الشرعية من ليبيا", "libya", 0),
        ("أنقذ خفر السواحل التونسي 120 مهاجرا غير قانوني", "tunisia", 0),
    ]);
}

/// In French and English a cue with no role rule of its own is about the
/// nearest target in its clause or no one; in Arabic, whose sentences chain
/// clauses about one actor, the nearest in its sentence.
#[test]
fn nearest_target_stays_in_its_clause_outside_arabic() {
    assert_signs(&[
        // Same clause: kept.
        ("Washington faces a deep crisis.", "usa", -1),
        ("La France traverse une crise profonde.", "france", -1),
        // Another clause, no name of its own: no one.
        ("Washington, Jan 1: researchers say blood pressure drugs fail.", "usa", 0),
        ("Pour la France, le 2 janvier : la crise du secteur bancaire continue.", "france", 0),
        ("In Russia, the weather was good.", "russia", 0),
        // Arabic keeps the sentence.
        (
            "وتأتي موجة الاحتجاج فيما ينتظر العراق نتائج الانتخابات، على خلفية شبهات بالتزوير.",
            "iraq",
            -1,
        ),
    ]);
}

#[test]
fn english_everyday_words_of_blame() {
    assert_signs(&[
        ("Trump has only bad options.", "usa", -1),
        ("The Kremlin made a costly blunder.", "russia", -1),
        ("Protesters voiced their hatred of the Iranian regime.", "iran", -1),
        ("Washington's response was the worst in decades.", "usa", -1),
    ]);
}

/// Easing is an ending in degree: easing tension credits the one who eases
/// it, and sanctions eased or prevented spare the one they would hit.
#[test]
fn easing_and_defusing_negate_what_they_govern() {
    assert_signs(&[
        ("دعت تركيا إلى تخفيف التوتر مع اليونان", "turkey", 1),
        ("تعمل روسيا على نزع فتيل التوتر", "russia", 1),
        ("قررت واشنطن تخفيف العقوبات على روسيا", "russia", 1),
        ("قررت واشنطن منع العقوبات على روسيا", "russia", 1),
        ("فرضت واشنطن عقوبات على روسيا", "russia", -1),
        ("Russia called for easing tensions.", "russia", 1),
        ("Washington decided to ease sanctions on Russia.", "russia", 1),
        ("China worked to defuse the crisis.", "china", 1),
        ("La France veut apaiser les tensions.", "france", 1),
        ("La France cherche à désamorcer la crise.", "france", 1),
    ]);
}

/// "Washington" names the US government, not the state, its university, a
/// newspaper, a team or a person.
#[test]
fn washington_that_is_not_the_us_government() {
    assert_signs(&[
        ("Washington reported excellent progress.", "usa", 1),
        ("The Washington Department of Ecology reported excellent progress.", "usa", 0),
        ("The Washington Post praised the agreement.", "usa", 0),
        ("Washington state reported excellent progress.", "usa", 0),
        ("George Washington was a successful general.", "usa", 0),
    ]);
}

/// Names whose homographs take a suffix or lose the article: «قطره» (its
/// diameter), «حماسه» (his enthusiasm), «ماليا» (financially), «بوتينا»
/// (Maria Butina) are `bare` failures; «رياض» (a man's name) and «مخزن»
/// (a depot) lack the article the capital and the Makhzen always carry.
/// «تامر» is mostly the first name Tamer (the plot keeps its article or its
/// preposition: «بالتآمر», «تآمر مع»). «نداء تونس» is a party, «وكالة تونس إفريقيا للأنباء» and «وكالة الصين
/// الجديدة» news agencies.
/// In Latin script, globs that would take Russell or the Israelites are
/// exact words now.
#[test]
fn homographs_of_names_are_not_their_target() {
    assert_signs(&[
        ("نجح الكويكب الذي يبلغ قطره 30 كيلومترا", "qatar", 0),
        ("نجاح قطر", "qatar", 1),
        ("نجح الفريق بفضل حماسه", "hamas", 0),
        ("نجاح لحماس", "hamas", 1),
        ("قدمت الشركة دعما ماليا كبيرا", "mali", 0),
        ("وسعت بوتينا إلى تعزيز العلاقات", "russia", 0),
        ("وسعى بوتين إلى تعزيز العلاقات", "russia", 1),
        ("نجاح رياض محرز", "saudi_arabia", 0),
        ("نجاح كبير للرياض", "saudi_arabia", 1),
        ("دمرت الغارة مخزن أسلحة للعدو", "morocco", 0),
        ("اتهم القيادي حركة نداء تونس بالفساد", "tunisia", 0),
        ("اتهم القيادي تونس بالفساد", "tunisia", -1),
        ("نقلت وكالة تونس إفريقيا للأنباء أن المناوشات تضمنت استفزاز أعوان الأمن", "tunisia", 0),
        ("ونقلت وكالة الصين الجديدة للأنباء أن الأزمة خطيرة", "china", 0),
        ("ينطلق البرنامج مع تامر حسني ونجوم مصر", "egypt", 0),
        ("اتهمت مصر قطر بالتآمر", "qatar", -1),
        ("قطر تآمر مع الإرهابيين", "qatar", -1),
        ("Bertrand Russell wrote a bad book.", "russia", 0),
        ("The Israelites suffered a terrible defeat.", "israel", 0),
        ("The Israelis suffered a terrible defeat.", "israel", -1),
    ]);
}

/// A nisba right after a number or a word of quantity counts people: the
/// protests in which 121 Palestinians were killed are not Palestine's.
#[test]
fn counted_people_are_not_their_state() {
    assert_signs(&[
        ("الاحتجاجات التي قتل فيها 121 فلسطينيا", "palestine", 0),
        ("أصيب عشرات الفلسطينيين في الاحتجاجات", "palestine", 0),
        ("شارك آلاف العراقيين في الاحتجاجات", "iraq", 0),
        ("فساد كبير يعاني منه مليون سوري", "syria", 0),
        ("الاحتجاجات الفلسطينية", "palestine", -1),
        ("نجاح رؤية 2030 السعودية", "saudi_arabia", 1),
        ("Violent protests in which 37 Palestinians died.", "palestine", 0),
        ("Violent Palestinian protests.", "palestine", -1),
        ("Trump tried to make more Americans uninsured, a failure.", "usa", 0),
        ("The boost came from young Americans.", "usa", 0),
        ("Millions of Americans lost their insurance, a disaster.", "usa", 0),
        ("The Americans boosted the talks.", "usa", 1),
        ("Des milliers de Syriens ont fui la violence.", "syria", 0),
    ]);
}

/// Words of tyranny, atrocity and failure in the three languages; a failed
/// coup or attempt judges those who tried, not the state named nearby.
#[test]
fn words_of_tyranny_atrocity_and_failure() {
    assert_signs(&[
        ("ارتكب الجيش السوري فظائع", "syria", -1),
        ("تحولت تركيا إلى ديكتاتورية", "turkey", -1),
        ("نظام الأسد الاستبدادي", "syria", -1),
        ("قدم الفلسطينيون إحالة في جرائم الحرب الإسرائيلية", "israel", -1),
        ("ليبيا دولة فاشلة", "libya", -1),
        ("أحيت تركيا ذكرى الانقلاب العسكري الفاشل", "turkey", 0),
        ("Russia's despicable campaign", "russia", -1),
        ("La dictature syrienne", "syria", -1),
        ("Le génocide turc des Arméniens", "turkey", -1),
    ]);
}

/// Words of illegitimacy and scorn in English and French, as in Arabic.
#[test]
fn english_and_french_words_of_illegitimacy() {
    assert_signs(&[
        ("Moscow called the American decision unacceptable.", "usa", -1),
        ("Moscow called the American decision unacceptable.", "russia", 0),
        ("The British plan is unfair and disastrous.", "uk", -1),
        ("Veterans taunt Trump over the embassy attack.", "usa", -1),
        ("La décision américaine est inacceptable.", "usa", -1),
        ("L'occupation illégale par Israël continue.", "israel", -1),
        ("Le comportement irresponsable de la Turquie inquiète.", "turkey", -1),
    ]);
}

/// UEFA («الاتحاد الأوروبي لكرة القدم», «للعبة») is no mention of the EU.
#[test]
fn a_european_sports_federation_is_not_the_eu() {
    assert_signs(&[
        ("فساد الاتحاد الأوروبي", "eu", -1),
        ("فساد الاتحاد الأوروبي لكرة القدم", "eu", 0),
        ("تورط الاتحاد الأوروبي للعبة في الفساد", "eu", 0),
        ("تورط الاتحاد الأوروبي في الفساد", "eu", -1),
    ]);
}

/// An opposition, armed factions, revolutionaries or protesters named by
/// their country are not its state: the Syrian opposition's success is not
/// Syria's.
#[test]
fn an_opposition_or_protesters_are_not_their_state() {
    assert_signs(&[
        ("نجاح المعارضة السورية", "syria", 0),
        ("نجاح الحكومة السورية", "syria", 1),
        ("فساد الفصائل السورية", "syria", 0),
        ("إطلاق النار على المتظاهرين الفلسطينيين مقلق للغاية", "palestine", 0),
        ("ارتكب المتمردون الحوثيون انتهاكات", "houthis", -1),
        ("The Syrian opposition is corrupt.", "syria", 0),
        ("The Syrian government is corrupt.", "syria", -1),
        ("L'opposition syrienne est corrompue.", "syria", 0),
        ("Le gouvernement syrien est corrompu.", "syria", -1),
    ]);
}

/// «لم يتراجع عن» (did not back away from) affirms what follows, like «لم
/// يتوقف»; «لم يتراجع» alone denies a fall.
#[test]
fn not_backing_away_from_affirms() {
    assert_signs(&[
        ("لم تتراجع ألمانيا يوما عن دعمها للحكومة", "germany", 1),
        ("لن تتراجع قطر عن دعم الإرهابيين", "qatar", -1),
        ("لم يتراجع الاقتصاد التركي", "turkey", 1),
    ]);
}

/// A Latin evaluative word written with a capital inside running text is
/// part of a name (a show, a brand, a body), not an evaluation; in a
/// title-case headline, at a sentence's start and for a term the lexicon
/// writes with a capital (Nazi) it is still a cue.
#[test]
fn capitalised_words_in_running_text_are_names() {
    assert_signs(&[
        ("All regions will be keeping Friends except the United States.", "usa", 0),
        ("Just when all Friends fans in America thought it was over.", "usa", 0),
        ("The friends of the United States gathered.", "usa", 1),
        ("Russia is a friend, said the minister.", "russia", 1),
        ("Greece Calls on Turkey to Live in Peace", "turkey", 1),
        ("They are members of the Ukrainian Nazi groups.", "ukraine", -1),
        ("Le partenariat avec la France progresse.", "france", 1),
        ("Des militants de la France Solidarité manifestent.", "france", 0),
        ("Trump Condemns Iranian Aggression in Gulf", "iran", -1),
        ("Volunteers of the Peace Corps left Russia.", "russia", 0),
        ("Tensions with Iran are high. Tensions greatly benefit Iran.", "iran", -1),
        ("The peace volunteers came from Russia.", "russia", 1),
    ]);
}

/// A crisis is of the one named as its owner (a nisba after it, after at
/// most one adjective; the subject of a relative clause), never of the
/// nearest name: a country in a crisis with another, or standing by one in
/// a crisis, is not judged by it.
#[test]
fn a_crisis_is_its_owners_never_the_nearest_names() {
    assert_signs(&[
        ("تفاقمت الأزمة الاقتصادية التركية", "turkey", -1),
        ("الأزمة التي تشهدها تركيا", "turkey", -1),
        ("يواجه الحجاج الكنديون تأخيرات بسبب الأزمة الدبلوماسية مع السعودية", "saudi_arabia", 0),
        ("وكانت الأزمة قد اندلعت بسبب تغريدات بشأن الموقوفين في السعودية", "saudi_arabia", 0),
        ("أثرت أزمة الديون اليونانية على أسواق الصين", "china", 0),
        // Defused with no owner named, it credits no one, as a prevented
        // deed (`preventives_credit_the_preventer_not_the_owner`).
        ("تعمل روسيا على نزع فتيل الأزمة", "russia", 0),
    ]);
}

/// In English a capitalised name right after a cue is its object or
/// modifies the next noun, not its owner ("violating U.S. laws"); a French
/// adjective after its noun is the owner. A name before a private person or
/// a business is theirs, not the state's; a head before a capitalised name
/// names it only through of/the ("Bank of China"), not from another phrase.
#[test]
fn english_names_before_nouns_are_not_owners() {
    assert_signs(&[
        ("He was charged with violating U.S. arms control laws.", "usa", 0),
        ("The plan violates the U.S. Constitution.", "usa", 0),
        ("The hegemony of the United States worries Moscow.", "usa", -1),
        ("La Russie dénonce l'hégémonie des États-Unis.", "usa", -1),
        ("La Russie dénonce les sanctions américaines.", "usa", -1),
        ("Iranian sisters hope for success.", "iran", 0),
        ("Russian exiles were part of the assassination plot.", "russia", 0),
        ("The complacency is dangerous for U.S. businesses.", "usa", 0),
        ("The Bank of China reported a severe crisis.", "china", 0),
        (
            "Soldiers left the West Bank yesterday, an Israeli obligation under the peace plan.",
            "israel",
            1,
        ),
        ("Children were wounded, and Israeli officials hailed the successful raid.", "israel", 1),
    ]);
}

/// A prefixed compound names a fight against its second half or its
/// absence ("anti-corruption"), not the thing; support received or sought is
/// not the subject's to give; a danger is whoever poses it, never the one in
/// danger.
#[test]
fn compounds_receivers_and_dangers() {
    assert_signs(&[
        ("Russia launched an anti-corruption campaign.", "russia", 0),
        ("The anti-trust lawsuit against America Online was settled.", "usa", 0),
        ("Russia launched a corruption campaign.", "russia", -1),
        ("La Russie prône la non-violence.", "russia", 0),
        ("Russia received support from China.", "russia", 0),
        ("The United States and Britain are seeking backing for their agenda.", "usa", 0),
        ("Russia has steadily supported the Syrian government.", "russia", 1),
        ("Iran is a danger to Saudi Arabia.", "iran", -1),
        ("Iran is a danger to Saudi Arabia.", "saudi_arabia", 0),
        ("There is no danger to Russia.", "russia", 0),
        ("Russia is not a danger to Europe.", "eu", 0),
        ("The danger posed by Iran is growing.", "iran", -1),
        ("L'Iran représente un danger pour l'Arabie saoudite.", "saudi_arabia", 0),
    ]);
}

/// Backing (مساندة، يساند، تساند، ساندت) is support: for its giver, never
/// the nearest name, and against the giver near militias. Rapprochement
/// («التقارب») is favourable, but «تقارب» alone is also "nearly".
#[test]
fn backing_is_support_and_rapprochement_is_favourable() {
    assert_signs(&[
        ("كما أكدت أن الولايات المتحدة تساند بريطانيا", "usa", 1),
        ("الحوثيون الذين تساندهم إيران", "iran", 1),
        ("الحوثيون الذين تساندهم إيران", "houthis", 0),
        ("وساندت السعودية الحكومة اليمنية", "saudi_arabia", 1),
        ("شنت القوات هجوما بمساندة الإمارات", "uae", 1),
        ("وتساند قطر الجماعات الإرهابية", "qatar", -1),
        ("ودافع ترامب منذ حملته الانتخابية عن التقارب مع موسكو", "russia", 1),
        ("وقعت روسيا عقدا بقيمة تقارب 4 مليارات دولار", "russia", 0),
    ]);
}

/// A name after «لدى» ends a title (an envoy to the UN, an embassy in
/// London): never what a speech act is about; the object's reach counts
/// from it.
#[test]
fn the_host_in_a_title_is_no_object() {
    assert_signs(&[
        ("ورحبت السفيرة الأميركية لدى الأمم المتحدة نيكي هيلي بفرض هذه العقوبات", "un", 0),
        ("وانتقد مندوب روسيا لدى الأمم المتحدة السياسة الأمريكية", "un", 0),
        ("وانتقد مندوب روسيا لدى الأمم المتحدة السياسة الأمريكية", "usa", -1),
        ("واتهمت نائبة السفير الأمريكي لدى الأمم المتحدة كيلي كيري روسيا بقطع الطرق", "russia", -1),
        ("واتهمت نائبة السفير الأمريكي لدى الأمم المتحدة كيلي كيري روسيا بقطع الطرق", "un", 0),
    ]);
}

/// What is denied is held against no one and credited to no one, whoever
/// denies it: not the denier (its denied involvement), nor the accuser.
#[test]
fn a_denied_act_is_no_ones() {
    assert_signs(&[
        ("ونفت روسيا أي تورط في الهجوم الكيميائي", "russia", 0),
        ("وتنفي إيران بشدة دعمها للحوثيين عسكريا", "iran", 0),
        ("نفت الولايات المتحدة شن غارات جوية في سوريا", "usa", 0),
        ("نفت إيران اتهامات وجهها المغرب إليها", "morocco", 0),
        ("Russia denied any involvement in the aggression.", "russia", 0),
        ("La Russie dément toute implication dans l'agression.", "russia", 0),
        // Not denied: kept.
        ("وأكدت روسيا تورط الولايات المتحدة في الهجوم", "usa", -1),
        ("Russia condemned the aggression by the United States.", "usa", -1),
    ]);
}

/// An Arabic speech or accusation word with an object pronoun has its
/// object: a name after a separate preposition is in its complement.
#[test]
fn a_pronoun_object_leaves_the_complement_alone() {
    assert_signs(&[
        ("وتتهمهم بالارتباط مع إيران", "iran", 0),
        ("وحكم عليها بالسجن بعد إدانتها بالدخول إلى العراق", "iraq", 0),
        ("أعلن السيناتور رفضه للاتفاق النووي مع إيران", "iran", 0),
        // Without the pronoun the name is the object.
        ("واتهمت البحرين إيران بالتدخل", "iran", -1),
        ("ونددت قطر بالحصار", "qatar", 0),
    ]);
}
