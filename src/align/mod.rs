//! Passage alignment between two documents.
//!
//! Input: two [`NormalizedDoc`]s (or their precomputed [`AlignDoc`]s) and
//! [`AlignOptions`]. Output: the [`Passage`]s they share, with byte spans
//! into each original text and token ranges.
//!
//! Invariant: passages are sorted by `a_start` and never overlap on either
//! side; every span starts at a token start and ends at a token end, so
//! `&text[p.a_start..p.a_end]` is a clean slice of the original text.
//!
//! Method, built to survive rewriting rather than only copying:
//! 1. seeds (`seeds.rs`): tokens whose matching keys occur in both documents,
//!    content words only (stopwords are too common to mean reuse), keys that
//!    repeat a lot in both documents left out (topic words, not anchors);
//! 2. chaining (`chain.rs`): seeds are grouped in two dimensions, splitting
//!    alternately on gaps along each document. Order inside a group is free,
//!    so inserted, dropped, reordered or shuffled words still chain, while
//!    scattered topic-word matches fall apart into small groups;
//! 3. refinement (`refine.rs`): each group's spans are trimmed to the
//!    best-scoring stretch (matched words score, unmatched ones cost), a
//!    local alignment that ignores order; then the share of weighted content
//!    words found on the other side decides whether it is a passage;
//!    neighbouring passages are merged; a passage gives up an edge sentence
//!    the other document retells better elsewhere (each sentence goes to
//!    its best counterpart); overlapping passages are resolved, the weaker
//!    one giving up the overlap when what is left is still a passage;
//! 4. sentences (`sentences.rs`): a passage under 0.7 density is split at
//!    sentences the other side does not retell (topic words make long
//!    spans of two articles on one story look dense), and pairs of retold
//!    sentences (weighted by sentence frequency) add paraphrased passages
//!    the word-level density misses.
//!
//! [`boilerplate`] counts the documents in which a passage's text recurs;
//! [`kind`] says whether a passage is verbatim, lightly edited or retold.

pub mod boilerplate;
pub(crate) mod chain;
pub mod kind;
pub(crate) mod pair;
pub(crate) mod refine;
pub(crate) mod seeds;
pub(crate) mod sentences;

use std::ops::Range;

use crate::normalize::NormalizedDoc;

pub use boilerplate::{holding, span_bigrams, BoilerplateIndex, Recurrence, PROBES};
pub use kind::Kind;
pub use seeds::AlignDoc;

/// Alignment settings. `Default` holds the values measured on the seeds
/// (000/001 against the unrelated pairs) and on the ExAra corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct AlignOptions {
    /// Minimum passage length, in tokens, on each side.
    pub min_words: usize,
    /// Largest gap (in tokens) between two seeds of the same passage, along
    /// either document: how many unmatched words can be bridged.
    pub max_gap: usize,
    /// Seed length in content words: 1 matches single words (survives word
    /// shuffling and heavy rewriting), 2 needs two consecutive content words.
    pub seed_k: usize,
    /// A key that occurs more than this many times in either document does
    /// not seed (it is a topic word); it still counts when scoring.
    pub max_seed_repeats: usize,
    /// A seed is kept only with at least this many other seeds within
    /// `max_gap` tokens on both sides (0 keeps every seed).
    pub min_support: usize,
    /// Minimum share (weighted) of a span's content words that are found in
    /// the other span, on each side, for the pair of spans to be a passage.
    pub min_density: f64,
    /// What an unmatched content word costs when trimming a span's ends, in
    /// units of a matched word.
    pub trim_penalty: f64,
    /// Passages closer than this (in tokens, on both sides) are merged when
    /// the merged spans still pass `min_density`.
    pub merge_gap: usize,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            min_words: 15,
            max_gap: 30,
            seed_k: 1,
            max_seed_repeats: 4,
            min_support: 2,
            min_density: 0.5,
            trim_penalty: 0.5,
            merge_gap: 60,
        }
    }
}

/// A passage two documents share.
///
/// Spans are byte offsets into each document's original text (`start`
/// inclusive, `end` exclusive); convert them with [`crate::CharIndex`] for
/// output.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// Byte offset of the passage start in document A.
    pub a_start: usize,
    /// Byte offset one past the passage end in document A.
    pub a_end: usize,
    /// Byte offset of the passage start in document B.
    pub b_start: usize,
    /// Byte offset one past the passage end in document B.
    pub b_end: usize,
    /// Tokens covered in A.
    pub a_words: usize,
    /// Tokens covered in B.
    pub b_words: usize,
    /// Token index range in A.
    pub a_tokens: Range<usize>,
    /// Token index range in B.
    pub b_tokens: Range<usize>,
    /// Similarity in [0, 1]: the smaller of the two sides' shares of
    /// (weighted) content words that are found in the other side's span.
    /// 1 for a verbatim copy or a word shuffle, around 0.4–0.6 for a close
    /// rewrite. Unweighted by default, so scores of different pairs
    /// compare: 0.5 means half the content words of the sparser side have
    /// a counterpart in the other side's span.
    pub score: f64,
    /// How closely the sides follow each other word by word (see [`kind`]).
    pub kind: Kind,
    /// The longest run of consecutive words (clitics stripped, function
    /// words included) the two sides share ([`kind::longest_run`]): text
    /// copied into a retelling keeps one; the same fact told twice rarely
    /// does.
    pub copied_run: usize,
}

impl Passage {
    /// The same passage seen from the other document (A and B swapped).
    pub fn swapped(&self) -> Passage {
        Passage {
            a_start: self.b_start,
            a_end: self.b_end,
            b_start: self.a_start,
            b_end: self.a_end,
            a_words: self.b_words,
            b_words: self.a_words,
            a_tokens: self.b_tokens.clone(),
            b_tokens: self.a_tokens.clone(),
            score: self.score,
            kind: self.kind,
            copied_run: self.copied_run,
        }
    }
}

/// The passages `a` and `b` share, sorted by `a_start`, non-overlapping on
/// each side. Every content word weighs 1; see [`align_docs`] to reuse
/// precomputed documents or weigh rare words more.
pub fn align(a: &NormalizedDoc, b: &NormalizedDoc, opts: &AlignOptions) -> Vec<Passage> {
    align_docs(&AlignDoc::new(a), &AlignDoc::new(b), opts)
}

/// [`align`] on precomputed documents (build each [`AlignDoc`] once per
/// document when aligning many pairs).
pub fn align_docs(a: &AlignDoc, b: &AlignDoc, opts: &AlignOptions) -> Vec<Passage> {
    let pair = pair::Pair::new(a, b);
    let seeds = seeds::find_seeds(&pair, opts);
    if seeds.is_empty() {
        return Vec::new();
    }
    let groups = chain::group_seeds(seeds, opts.max_gap.max(1) as u32);
    let spans = refine::refine_groups(&pair, &groups, opts);
    spans
        .into_iter()
        .filter_map(|s| {
            let (kind, a_range, b_range) = kind::classify(a, s.a.clone(), b, s.b.clone());
            let copied_run = kind::longest_run(a, a_range.clone(), b, b_range.clone());
            let (a_start, a_end) = a.byte_span(a_range.clone())?;
            let (b_start, b_end) = b.byte_span(b_range.clone())?;
            Some(Passage {
                a_start,
                a_end,
                b_start,
                b_end,
                a_words: a_range.len(),
                b_words: b_range.len(),
                a_tokens: a_range,
                b_tokens: b_range,
                score: s.score,
                kind,
                copied_run,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    fn run(a: &str, b: &str) -> Vec<Passage> {
        let n = Normalizer::default();
        let (da, db) = (n.normalize(a), n.normalize(b));
        let ps = align(&da, &db, &AlignOptions::default());
        check_invariants(&ps, a, b, &da, &db);
        ps
    }

    fn check_invariants(ps: &[Passage], a: &str, b: &str, da: &NormalizedDoc, db: &NormalizedDoc) {
        for w in ps.windows(2) {
            assert!(w[0].a_end <= w[1].a_start, "sorted and disjoint in A");
        }
        let mut bs: Vec<_> = ps.iter().map(|p| (p.b_start, p.b_end)).collect();
        bs.sort();
        for w in bs.windows(2) {
            assert!(w[0].1 <= w[1].0, "disjoint in B");
        }
        for p in ps {
            assert!(a.get(p.a_start..p.a_end).is_some() && b.get(p.b_start..p.b_end).is_some());
            assert_eq!(da.tokens[p.a_tokens.start].start as usize, p.a_start);
            assert_eq!(da.tokens[p.a_tokens.end - 1].end as usize, p.a_end);
            assert_eq!(db.tokens[p.b_tokens.start].start as usize, p.b_start);
            assert_eq!(p.a_words, p.a_tokens.len());
            assert!((0.0..=1.0).contains(&p.score));
        }
    }

    const SOURCE: &str = "أعلن سفير الجزائر بواشنطن صبري بوقادوم عن قرب انطلاق مباحثات استراتيجية بين البلدين لتعزيز التعاون الدفاعي وتبادل المعلومات الاستخباراتية البحرية وإبرام صفقات تسليحية جديدة والتعاون في مجالات البحث والإنقاذ ومكافحة الإرهاب في منطقة الساحل.";
    const FILLER_A: &str = "وفي سياق آخر، شهدت أسواق النفط العالمية ارتفاعا ملحوظا في الأسعار خلال الأسبوع الماضي بسبب توقعات الطلب الصيني وتراجع المخزونات الأمريكية من الخام.";
    const FILLER_B: &str = "أما في الرياضة، فقد فاز المنتخب الوطني لكرة القدم على نظيره التونسي بهدفين نظيفين في مباراة ودية جرت مساء السبت بملعب الخامس من جويلية أمام جمهور غفير.";

    const FILLER_C: &str = "وعلى صعيد الثقافة، افتتح وزير الثقافة معرض الكتاب الدولي في دورته الجديدة بمشاركة مئات الناشرين العرب والأجانب وسط إقبال كبير من القراء والطلبة.";

    const FILLER_D: &str = "وفي الصحة، أطلقت الوزارة حملة وطنية للتلقيح ضد الحصبة تستهدف الأطفال دون سن الخامسة في جميع الولايات بمشاركة آلاف الممرضين والأطباء.";

    fn span_text(t: &str, s: usize, e: usize) -> &str {
        &t[s..e]
    }

    #[test]
    fn verbatim_copy_inside_other_text_is_found() {
        let a = format!("{FILLER_A}\n{SOURCE}\n{FILLER_B}");
        let b = format!("{FILLER_C}\n{SOURCE}");
        let ps = run(&a, &b);
        assert_eq!(ps.len(), 1, "{ps:?}");
        let p = &ps[0];
        assert_eq!(span_text(&a, p.a_start, p.a_end), SOURCE.trim_end_matches('.'));
        assert_eq!(span_text(&b, p.b_start, p.b_end), SOURCE.trim_end_matches('.'));
        assert!(p.score > 0.99);
    }

    #[test]
    fn insertion_deletion_and_synonym_between_anchors() {
        // Words dropped (صبري), inserted (يوم الأحد), and a synonym (عقد for
        // إبرام, الحوار for مباحثات): one passage still covers the sentence.
        let b = "أعلن سفير الجزائر بواشنطن بوقادوم يوم الأحد عن قرب انطلاق الحوار الاستراتيجي بين البلدين لتعزيز التعاون الدفاعي وتبادل المعلومات الاستخباراتية البحرية وعقد صفقات تسليحية جديدة والتعاون في مجالات البحث والإنقاذ ومكافحة الإرهاب في منطقة الساحل.";
        let a = format!("{FILLER_A}\n{SOURCE}");
        let ps = run(&a, b);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert!(span_text(&a, ps[0].a_start, ps[0].a_end).starts_with("أعلن سفير"));
        assert!(span_text(&a, ps[0].a_start, ps[0].a_end).ends_with("الساحل"));
        assert!(ps[0].score > 0.7 && ps[0].score < 1.0, "{}", ps[0].score);
    }

    #[test]
    fn clitic_variants_match() {
        // الجزائر / بالجزائر, واشنطن / بواشنطن, البلدين / للبلدين,
        // منطقة / بمنطقة: the keys strip the clitics (and keep واشنطن whole).
        let a = "قال السفير في الجزائر وفي واشنطن إن البلدين يستعدان لإطلاق حوار موسع لتعميق الشراكة الأمنية وتطوير التعاون العسكري ومكافحة الإرهاب والجريمة المنظمة في منطقة الساحل الإفريقي.";
        let b = "قال السفير بالجزائر وبواشنطن إن للبلدين استعدادا لإطلاق حوار موسع لتعميق الشراكة الأمنية وتطوير التعاون العسكري ومكافحة الإرهاب والجريمة المنظمة بمنطقة الساحل الإفريقي.";
        let n = Normalizer::default();
        assert_eq!(n.key_of_word("بواشنطن"), n.key_of_word("واشنطن"));
        assert_eq!(n.key_of_word("للبلدين"), n.key_of_word("البلدين"));
        let ps = run(a, b);
        assert_eq!(ps.len(), 1);
        // Only يستعدان / استعدادا differs.
        assert!(ps[0].score > 0.9, "{}", ps[0].score);
    }

    #[test]
    fn month_variants_match() {
        // جانفي (Maghreb) and يناير (Mashriq) fold to one month key.
        let a = "وقع الطرفان مذكرة تفاهم في 22 جانفي الماضي لتعزيز الشراكة الدفاعية بين البلدين وتبادل الخبرات في مجال التدريب والتسليح ومكافحة الإرهاب في الساحل.";
        let b = "وقع الطرفان مذكرة تفاهم في 22 يناير الماضي لتعزيز الشراكة الدفاعية بين البلدين وتبادل الخبرات في مجال التدريب والتسليح ومكافحة الإرهاب في الساحل.";
        let n = Normalizer::default();
        assert_eq!(n.key_of_word("جانفي"), n.key_of_word("يناير"));
        let ps = run(a, b);
        assert_eq!(ps.len(), 1);
        assert!(ps[0].score > 0.99, "{}", ps[0].score);
    }

    #[test]
    fn reordered_sentences_are_covered() {
        let s1 = "أعلن سفير الجزائر بواشنطن صبري بوقادوم عن قرب انطلاق مباحثات استراتيجية بين البلدين لتعزيز التعاون الدفاعي والأمني.";
        let s2 = "وتشمل المباحثات تبادل المعلومات الاستخباراتية البحرية وإبرام صفقات تسليحية جديدة والتعاون في مجالات البحث والإنقاذ.";
        // Far apart (more than `max_gap` tokens): two passages. Sentences
        // swapped within `max_gap` form one passage covering both.
        let a = format!("{s1} {FILLER_A} {FILLER_C} {s2}");
        let b = format!("{s2} {FILLER_B} {FILLER_D} {s1}");
        let ps = run(&a, &b);
        assert_eq!(ps.len(), 2, "{ps:?}");
        // Each sentence of A is aligned with the same sentence in B.
        assert!(span_text(&a, ps[0].a_start, ps[0].a_end).starts_with("أعلن"));
        assert!(span_text(&b, ps[0].b_start, ps[0].b_end).starts_with("أعلن"));
        assert!(span_text(&a, ps[1].a_start, ps[1].a_end).starts_with("وتشمل"));
        assert!(span_text(&b, ps[1].b_start, ps[1].b_end).starts_with("وتشمل"));
    }

    #[test]
    fn an_edge_sentence_goes_to_its_own_counterpart() {
        // A opens with the ambassador announcing talks (x), then two
        // paragraphs B copies. B follows the copy with another statement of
        // the ambassador (w: same names, another fact) and, further on,
        // its own retelling of x (y), in another paragraph (further than
        // `merge_gap` words: a nearer counterpart would be the same passage
        // reordered). The copied passage must not take x along with w's
        // opening words: x's counterpart is y.
        let x = "أعلن سفير الجزائر في واشنطن عن قرب انطلاق مباحثات استراتيجية بين البلدين لتعزيز التعاون الدفاعي.";
        let w = "وأكد سفير الجزائر في واشنطن أن البلدين يختلفان حول ملف الصحراء الغربية رغم التعاون القائم منذ سنوات.";
        let y = "كشف سفير الجزائر لدى الولايات المتحدة عن تقدم المباحثات الاستراتيجية مع واشنطن لتعزيز التعاون الدفاعي.";
        let a = format!("{x} {FILLER_A} {FILLER_C}");
        let weather = "وفي الطقس، توقعت مصالح الأرصاد الجوية تساقط أمطار غزيرة على المناطق الشمالية مع انخفاض محسوس في درجات الحرارة خلال نهاية الأسبوع.";
        let b = format!("{FILLER_A} {FILLER_C} {w} {FILLER_B}\n{FILLER_D}\n{weather}\n{y}");
        let ps = run(&a, &b);
        assert_eq!(ps.len(), 1, "{ps:?}");
        let (pa, pb) =
            (span_text(&a, ps[0].a_start, ps[0].a_end), span_text(&b, ps[0].b_start, ps[0].b_end));
        assert!(!pa.contains("سفير"), "x stays out of the copy: {pa}");
        assert!(!pb.contains("سفير"), "w stays out of the copy: {pb}");
        assert!(pa.ends_with("والطلبة") && pb.ends_with("والطلبة"), "{pa} / {pb}");
        assert_eq!(ps[0].kind, Kind::Verbatim);
    }

    #[test]
    fn unrelated_texts_share_nothing() {
        assert!(run(FILLER_A, FILLER_B).is_empty());
        assert!(run(SOURCE, FILLER_B).is_empty());
        assert!(run("", SOURCE).is_empty());
    }

    fn seed(i: usize) -> String {
        String::from_utf8_lossy(crate::seeds::SEEDS[i].1).into_owned()
    }

    #[test]
    fn seed_rewrites_share_the_retold_paragraphs() {
        // 000 and 001 retell one interview in their own words. Paragraphs of
        // 000 with a counterpart in 001: the lead (talks announced), the
        // press meeting at the embassy (the two defence ministries, the
        // memorandum of January 22), the topics list (intelligence, arms
        // deals, search and rescue, Sahel) and the workshops. 001 does not
        // retell the context sentence after the lead nor the Trump-era
        // paragraph about Morocco.
        let (a, b) = (seed(0), seed(1));
        let ps = run(&a, &b);
        assert!(ps.len() >= 2, "{ps:?}");
        let covered = |needle: &str| {
            let at = a.find(needle).expect("needle in seed 000");
            ps.iter().any(|p| p.a_start <= at && at < p.a_end)
        };
        assert!(covered("قرب انطلاق مباحثات استراتيجية"));
        assert!(covered("وزارتي الدفاع الجزائرية والأمريكية"));
        assert!(covered("مذكرة تفاهم تم توقيعها"));
        assert!(covered("تبادل المعلومات الاستخباراتية"));
        assert!(covered("البحث والإنقاذ"));
        assert!(covered("ثلاث ورشات عمل"));
        assert!(!covered("تنويع شركائها في المجال العسكري"));
        assert!(!covered("مواقف داعمة للمغرب"));
    }

    #[test]
    fn unrelated_seeds_share_no_long_passage() {
        for (i, j) in [(0, 2), (1, 2), (2, 3), (2, 4)] {
            let ps = run(&seed(i), &seed(j));
            let longest = ps.iter().map(|p| p.a_words.min(p.b_words)).max().unwrap_or(0);
            assert!(longest < 25, "seeds {i}/{j}: {ps:?}");
        }
    }
}
