//! Every stage of parallax on two short Arabic news items, through the
//! library API: normalise (offsets kept), shingle, sketch, index and query,
//! verify, align the shared passages, score framing and stance.
//!
//! Run with `cargo run --example stages`.

use parallax::align::{align, AlignOptions};
use parallax::candidates::{overlap, LshIndex};
use parallax::normalize::Normalizer;
use parallax::score::{Lexicon, Scorer};
use parallax::shingle::{shingle_set, ShingleConfig};
use parallax::sketch::MinHasher;

fn main() -> parallax::Result<()> {
    // A wire item and an outlet's reprint that adds a sentence of its own.
    let wire = "أعلنت وزارة الخارجية الجزائرية اليوم عن زيارة رسمية لوزير الخارجية \
                الأمريكي إلى الجزائر الأسبوع المقبل لبحث التعاون الأمني في منطقة الساحل \
                ومكافحة الإرهاب وتعزيز الشراكة الاقتصادية بين البلدين.";
    let reprint = "قالت مصادر دبلوماسية إن الزيارة تأتي في سياق توتر إقليمي. أعلنت وزارة \
                   الخارجية الجزائرية اليوم عن زيارة رسمية لوزير الخارجية الأمريكي إلى الجزائر \
                   الأسبوع المقبل لبحث التعاون الأمني في منطقة الساحل ومكافحة الإرهاب وتعزيز \
                   الشراكة الاقتصادية بين البلدين.";

    // 1. Normalise: Arabic-aware forms and matching keys, each token keeping
    //    its byte offsets into the original text.
    let normalizer = Normalizer::default();
    let (a, b) = (normalizer.normalize(wire), normalizer.normalize(reprint));
    let t = &a.tokens[1];
    println!("token 1: {:?} -> norm {:?}, key {:?}", &wire[t.span()], a.norm(t), a.key(t));

    // 2. Shingle and 3. sketch: a MinHash signature per document.
    let cfg = ShingleConfig::default();
    let (set_a, set_b) = (shingle_set(&cfg, &a), shingle_set(&cfg, &b));
    let hasher = MinHasher::builder().num_perm(128).seed(42).build()?;
    let (sig_a, sig_b) = (hasher.sketch(&set_a), hasher.sketch(&set_b));
    println!("estimated Jaccard {:.3}", sig_a.jaccard(&sig_b));

    // 4. Candidates: an in-memory LSH index, insert and query.
    let mut index = LshIndex::for_threshold(0.5, 128)?;
    index.insert("wire", &sig_a)?;
    println!("candidates of the reprint: {:?}", index.query(&sig_b));

    // 5. Verify: exact Jaccard and containment of the shingle sets.
    let o = overlap(&set_a, &set_b);
    println!("exact Jaccard {:.3}, wire contained in reprint {:.3}", o.jaccard, o.containment_ab);

    // 6. Align: the shared passage, with offsets into both originals.
    for p in align(&a, &b, &AlignOptions::default()) {
        println!(
            "passage: wire[{}..{}] = reprint[{}..{}], {} words, {:?}",
            p.a_start, p.a_end, p.b_start, p.b_end, p.a_words, p.kind
        );
    }

    // 7. Score: frames and stance with the default lexicon; every scored
    //    word is a hit with its offsets.
    let scorer = Scorer::new(&Lexicon::default_lexicon(), &normalizer)?;
    let scores = scorer.score(wire, &a);
    for (frame, f) in scores.frames.iter().filter(|(_, f)| f.hits > 0) {
        println!("frame {frame}: {} hits, {:.1} per 1,000 words", f.hits, f.per_1k);
    }
    // «أعلنت» (announced) attributes its sentence: the mentions are in a
    // quoted voice, scored apart from the author's.
    for (target, s) in scores.stance.iter().filter(|(_, s)| s.mentions + s.quoted_mentions > 0) {
        println!(
            "stance toward {target}: author {:?} ({} mentions), quoted {:?} ({} mentions)",
            s.score, s.mentions, s.quoted_score, s.quoted_mentions
        );
    }
    Ok(())
}
