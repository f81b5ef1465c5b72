//! Stance and polarity evaluation against human codes
//! (`parallax eval stance GOLD.csv`).
//!
//! Input: a gold CSV (`text`, `target`, `label` columns by default; names
//! configurable), a [`Scorer`] and the [`Normalizer`] used for texts.
//! Output: a [`StanceReport`]: per-label precision, recall and F1, macro-F1,
//! accuracy and a confusion table, as JSON (serde) or text (`Display`).
//!
//! The task follows from the labels:
//! - `favor`/`against`/`none` (stance): the prediction is the target's score
//!   (author and quoted pooled: Σ contributions / mentions, clamped) with a
//!   dead zone around 0. When the gold target is a lexicon target the text
//!   never mentions, the prediction is `none`: parallax says nothing of an
//!   actor it does not see (`stance.csv` leaves that cell blank), and
//!   crediting it with the text's other cues would score a guess the tool
//!   never makes. When the gold target is not a lexicon target key (after
//!   `target_map`: a topic such as Mawqif's), the text's overall polarity
//!   (Σ polarity contributions / number of cues, clamped) is used instead;
//!   the report counts both kinds of rows and says so;
//! - `positive`/`negative`/`neutral` (polarity): the text's overall polarity
//!   with the same dead zone;
//! - `agree`/`disagree`/`other` with `s1`/`s2` columns (headline pairs, as
//!   in ANS): `disagree` when the two texts' overall polarities have
//!   opposite signs outside the dead zone, or when one text is negated and
//!   the other not (an odd number of negation cues on one side only), else
//!   `agree`; `other` is never
//!   predicted. A lexicon cannot see most contradictions (antonyms,
//!   changed facts), so expect little; the report says so.
//!
//! Invariant: rows are read in file order and every metric is a function of
//! the confusion table, so the report is deterministic.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::normalize::Normalizer;
use crate::score::{DocScores, Scorer};

/// Options of [`evaluate_stance`].
#[derive(Clone, Debug)]
pub struct StanceEvalOptions {
    /// Text column (`text`).
    pub text_col: String,
    /// Target column (`target`).
    pub target_col: String,
    /// Label column (`label`); for Mawqif use `stance` or `sentiment`.
    pub label_col: String,
    /// First and second text of a pair (`s1`, `s2`), used when the text
    /// column is absent and both are present.
    pub pair_cols: (String, String),
    /// Scores within ±`dead_zone` are predicted `none`/`neutral`.
    pub dead_zone: f64,
    /// Gold target names → lexicon target keys (e.g. `United States` →
    /// `usa`); matched case-insensitively. A gold target that is already a
    /// key needs no entry.
    pub target_map: BTreeMap<String, String>,
    /// Evaluate at most this many rows (after skipping unlabelled ones).
    pub limit: Option<usize>,
}

impl Default for StanceEvalOptions {
    fn default() -> Self {
        StanceEvalOptions {
            text_col: "text".into(),
            target_col: "target".into(),
            label_col: "label".into(),
            pair_cols: ("s1".into(), "s2".into()),
            dead_zone: 0.1,
            target_map: BTreeMap::new(),
            limit: None,
        }
    }
}

/// What is evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Task {
    /// favor / against / none toward a target.
    Stance,
    /// positive / negative / neutral.
    Polarity,
    /// agree / disagree / other between two texts.
    Pair,
}

impl Task {
    /// The labels of the task, in table order.
    pub fn labels(self) -> [&'static str; 3] {
        match self {
            Task::Stance => ["favor", "against", "none"],
            Task::Polarity => ["positive", "negative", "neutral"],
            Task::Pair => ["agree", "disagree", "other"],
        }
    }
}

/// Scores of one label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelScores {
    /// The label.
    pub label: String,
    /// Correct predictions of the label / predictions of the label.
    pub precision: f64,
    /// Correct predictions of the label / gold rows with the label.
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// Gold rows with the label.
    pub support: usize,
    /// Rows predicted with the label.
    pub predicted: usize,
}

/// The result of [`evaluate_stance`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StanceReport {
    /// The gold file.
    pub file: String,
    /// The task inferred from the labels.
    pub task: Task,
    /// Rows evaluated.
    pub rows: usize,
    /// Rows skipped (empty text or label).
    pub skipped: usize,
    /// The labels, in the order of `per_label` and the confusion table.
    pub labels: Vec<String>,
    /// Per-label scores.
    pub per_label: Vec<LabelScores>,
    /// Mean F1 over the task's labels.
    pub macro_f1: f64,
    /// Share of rows predicted correctly.
    pub accuracy: f64,
    /// `confusion[gold][predicted]`, in `labels` order.
    pub confusion: Vec<Vec<usize>>,
    /// Stance rows predicted from the text's overall polarity (gold target
    /// not a lexicon target).
    pub fallback_rows: usize,
    /// Stance rows whose gold target is a lexicon target the text never
    /// mentions: predicted `none`.
    pub absent_rows: usize,
    /// Rows where the lexicon found no polarity cue at all.
    pub no_cue_rows: usize,
    /// Remarks for the reader (fallbacks, unpredictable labels).
    pub notes: Vec<String>,
    /// Every evaluated row, in file order (not in the JSON report: see
    /// [`write_rows`]).
    #[serde(skip)]
    pub outcomes: Vec<RowOutcome>,
}

/// One evaluated row of the gold file: what was predicted and from what.
#[derive(Clone, Debug, PartialEq)]
pub struct RowOutcome {
    /// Line of the row in the gold file (1-based), when known.
    pub line: Option<u64>,
    /// The gold target as written (stance rows), else empty.
    pub target: String,
    /// The gold label, canonical (`favor`, `negative`, `agree`...).
    pub gold: &'static str,
    /// The predicted label.
    pub predicted: &'static str,
    /// The score the prediction was made from (stance and polarity rows).
    pub score: Option<f64>,
    /// `target` when the score is the target's stance, `absent` when the
    /// target is a lexicon target the text never mentions (no score,
    /// predicted `none`), `text` when it is the text's overall polarity,
    /// `pair` for agree/disagree rows.
    pub basis: &'static str,
    /// The row's text (both texts of a pair, joined by ` ⟷ `).
    pub text: String,
}

/// Writes `report`'s rows as CSV (`line, target, gold, predicted, correct,
/// score, basis, text`), with a UTF-8 BOM first when `bom` and text cells
/// guarded, like every parallax CSV, so a reader can see which rows the
/// scorer got wrong and why.
pub fn write_rows<W: std::io::Write>(
    report: &StanceReport,
    mut w: W,
    bom: bool,
) -> std::io::Result<()> {
    if bom {
        w.write_all(crate::report::BOM)?;
    }
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(w);
    let io = |e: csv::Error| std::io::Error::other(e.to_string());
    out.write_record(["line", "target", "gold", "predicted", "correct", "score", "basis", "text"])
        .map_err(io)?;
    for o in &report.outcomes {
        let line = o.line.map(|l| l.to_string()).unwrap_or_default();
        let score = o.score.map(|v| format!("{v:.6}")).unwrap_or_default();
        let correct = if o.gold == o.predicted { "true" } else { "false" };
        out.write_record([
            line.as_str(),
            &crate::report::guard(&o.target),
            o.gold,
            o.predicted,
            correct,
            &score,
            o.basis,
            &crate::report::guard(&o.text),
        ])
        .map_err(io)?;
    }
    out.flush()
}

fn canonical_label(raw: &str) -> Option<&'static str> {
    Some(match raw.trim().to_lowercase().as_str() {
        "favor" | "favour" | "for" | "pro" | "support" => "favor",
        "against" | "con" | "oppose" => "against",
        "none" => "none",
        "positive" | "pos" => "positive",
        "negative" | "neg" => "negative",
        "neutral" | "neu" => "neutral",
        "agree" => "agree",
        "disagree" => "disagree",
        "other" | "unrelated" | "discuss" => "other",
        _ => return None,
    })
}

fn eval_error(path: &Path, line: Option<u64>, message: impl Into<crate::error::Message>) -> Error {
    Error::Eval { path: path.display().to_string(), line, message: message.into() }
}

/// Overall polarity of a text in [−1, 1]: Σ contributions / cues.
fn overall(s: &DocScores) -> f64 {
    (s.polarity / s.polarity_cues.max(1) as f64).clamp(-1.0, 1.0)
}

fn sign(v: f64, dz: f64) -> i8 {
    if v > dz {
        1
    } else if v < -dz {
        -1
    } else {
        0
    }
}

/// Evaluates `scorer` against the gold CSV at `gold`.
pub fn evaluate_stance(
    gold: &Path,
    scorer: &Scorer,
    normalizer: &Normalizer,
    opts: &StanceEvalOptions,
) -> Result<StanceReport> {
    let raw = std::fs::read_to_string(gold).map_err(|e| Error::io(gold, e))?;
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let mut rdr =
        csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(raw.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| eval_error(gold, Some(1), format!("cannot read the header: {e}")))?
        .clone();
    let col = |n: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(n));
    let label_col = col(&opts.label_col)
        .or_else(|| col("stance"))
        .ok_or_else(|| eval_error(gold, Some(1), format!("no `{}` column", opts.label_col)))?;
    let text_col = col(&opts.text_col);
    let pair = match (text_col, col(&opts.pair_cols.0), col(&opts.pair_cols.1)) {
        (None, Some(a), Some(b)) => Some((a, b)),
        (None, _, _) => {
            return Err(eval_error(
                gold,
                Some(1),
                format!(
                    "no `{}` column (nor `{}`/`{}` for pairs)",
                    opts.text_col, opts.pair_cols.0, opts.pair_cols.1
                ),
            ))
        }
        _ => None,
    };
    let target_col = col(&opts.target_col);
    let targets = scorer.targets();
    let map: BTreeMap<String, String> =
        opts.target_map.iter().map(|(k, v)| (k.trim().to_lowercase(), v.clone())).collect();

    // (gold, predicted) per row; the task is fixed by the first label.
    let mut task: Option<Task> = None;
    let mut pairs: Vec<(&'static str, &'static str)> = Vec::new();
    let mut outcomes: Vec<RowOutcome> = Vec::new();
    let mut lines = super::LineCounter::default();
    let (mut skipped, mut fallback, mut absent, mut no_cue) = (0, 0, 0, 0);
    let mut unknown_targets: BTreeMap<String, usize> = BTreeMap::new();
    for rec in rdr.records() {
        if opts.limit.is_some_and(|l| pairs.len() >= l) {
            break;
        }
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map(|p| lines.line(raw, p.byte()));
                return Err(eval_error(gold, line, format!("unreadable row: {e}")));
            }
        };
        let line = rec.position().map(|p| lines.line(raw, p.byte()));
        let get = |c: usize| rec.get(c).unwrap_or("").trim();
        let label_raw = get(label_col);
        if label_raw.is_empty() {
            skipped += 1;
            continue;
        }
        let Some(label) = canonical_label(label_raw) else {
            return Err(eval_error(
                gold,
                line,
                format!(
                    "unknown label `{label_raw}` (favor/against/none, positive/negative/neutral, \
                     agree/disagree/other)"
                ),
            ));
        };
        let this = match label {
            "favor" | "against" | "none" => Task::Stance,
            "positive" | "negative" | "neutral" => Task::Polarity,
            _ => Task::Pair,
        };
        let t = *task.get_or_insert(this);
        if t != this {
            return Err(eval_error(gold, line, format!("label `{label_raw}` mixes tasks")));
        }
        let labels = t.labels();
        let row_text: String;
        let (mut basis, mut score) = ("text", None);
        let mut row_target = String::new();
        let predicted = match (t, pair) {
            (Task::Pair, Some((a, b))) => {
                let (sa, sb) = (get(a), get(b));
                if sa.is_empty() || sb.is_empty() {
                    skipped += 1;
                    continue;
                }
                row_text = format!("{sa} ⟷ {sb}");
                basis = "pair";
                let pa = scorer.score_text(sa, normalizer);
                let pb = scorer.score_text(sb, normalizer);
                if pa.polarity_cues + pb.polarity_cues == 0 {
                    no_cue += 1;
                }
                let (x, y) =
                    (sign(overall(&pa), opts.dead_zone), sign(overall(&pb), opts.dead_zone));
                // A negation on one side only (تم / لم يتم) is the commonest
                // lexical contradiction between headlines.
                let negs = |t: &str| crate::score::negation_count(&normalizer.normalize(t));
                if x * y < 0 || negs(sa) % 2 != negs(sb) % 2 {
                    "disagree"
                } else {
                    "agree"
                }
            }
            (Task::Pair, None) => {
                return Err(eval_error(
                    gold,
                    line,
                    format!(
                        "agree/disagree labels need two text columns (`{}` and `{}`) instead \
                         of `{}`",
                        opts.pair_cols.0, opts.pair_cols.1, opts.text_col
                    ),
                ))
            }
            (_, _) => {
                let Some(tc) = text_col else { continue };
                let text = get(tc);
                if text.is_empty() {
                    skipped += 1;
                    continue;
                }
                row_text = text.to_string();
                let s = scorer.score_text(text, normalizer);
                if s.polarity_cues == 0 {
                    no_cue += 1;
                }
                let mut value = Some(overall(&s));
                if t == Task::Stance {
                    row_target = target_col.map(get).unwrap_or("").to_string();
                    let gold_target = row_target.to_lowercase();
                    let key = map
                        .get(&gold_target)
                        .cloned()
                        .or_else(|| targets.contains(&gold_target).then(|| gold_target.clone()));
                    let st = key.as_ref().and_then(|k| s.stance.get(k));
                    match st {
                        Some(st) if st.mentions + st.quoted_mentions > 0 => {
                            basis = "target";
                            value = Some(crate::score::evidence::mean_clamped(
                                st.author_sum + st.quoted_sum,
                                st.mentions + st.quoted_mentions,
                            ));
                        }
                        _ if key.is_some() => {
                            basis = "absent";
                            absent += 1;
                            value = None;
                        }
                        _ => {
                            fallback += 1;
                            *unknown_targets.entry(gold_target).or_insert(0) += 1;
                        }
                    }
                }
                score = value;
                match value.map_or(0, |v| sign(v, opts.dead_zone)) {
                    1 => labels[0],
                    -1 => labels[1],
                    _ => labels[2],
                }
            }
        };
        pairs.push((label, predicted));
        outcomes.push(RowOutcome {
            line,
            target: row_target,
            gold: label,
            predicted,
            score,
            basis,
            text: row_text,
        });
    }
    let task = task.ok_or_else(|| eval_error(gold, None, "no labelled rows"))?;
    let mut notes = Vec::new();
    if !unknown_targets.is_empty() {
        let list: Vec<String> =
            unknown_targets.iter().map(|(t, n)| format!("`{t}` ({n} rows)")).collect();
        notes.push(format!(
            "gold targets that are not lexicon targets, predicted from the text's overall \
             polarity: {}",
            list.join(", ")
        ));
    }
    if task == Task::Stance && fallback > 0 {
        notes.push(format!(
            "{fallback} of {} rows used the overall polarity (target not a lexicon target)",
            pairs.len()
        ));
    }
    if task == Task::Stance && absent > 0 {
        notes.push(format!(
            "{absent} of {} rows name a target the text never mentions: predicted none \
             (no stance, as stance.csv leaves the cell blank)",
            pairs.len()
        ));
    }
    if task == Task::Pair {
        notes.push(
            "pairs: `disagree` = opposite overall polarities or negation on one side only; `other` is never predicted; \
             a lexicon does not see contradictions made of antonyms or changed facts"
                .into(),
        );
    }
    let mut r = report(gold, task, &pairs, skipped, [fallback, absent], no_cue, notes);
    r.outcomes = outcomes;
    Ok(r)
}

fn report(
    gold: &Path,
    task: Task,
    pairs: &[(&str, &str)],
    skipped: usize,
    [fallback_rows, absent_rows]: [usize; 2],
    no_cue_rows: usize,
    notes: Vec<String>,
) -> StanceReport {
    let labels = task.labels();
    let idx = |l: &str| labels.iter().position(|x| *x == l).unwrap_or(labels.len() - 1);
    let mut confusion = vec![vec![0usize; labels.len()]; labels.len()];
    for (g, p) in pairs {
        confusion[idx(g)][idx(p)] += 1;
    }
    let per_label: Vec<LabelScores> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let tp = confusion[i][i];
            let support: usize = confusion[i].iter().sum();
            let predicted: usize = confusion.iter().map(|r| r[i]).sum();
            let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
            let (precision, recall) = (ratio(tp, predicted), ratio(tp, support));
            let f1 = if precision + recall == 0.0 {
                0.0
            } else {
                2.0 * precision * recall / (precision + recall)
            };
            LabelScores { label: l.to_string(), precision, recall, f1, support, predicted }
        })
        .collect();
    let macro_f1 = per_label.iter().map(|l| l.f1).sum::<f64>() / labels.len() as f64;
    let correct: usize = (0..labels.len()).map(|i| confusion[i][i]).sum();
    StanceReport {
        file: gold.display().to_string(),
        task,
        rows: pairs.len(),
        skipped,
        labels: labels.iter().map(|l| l.to_string()).collect(),
        per_label,
        macro_f1,
        accuracy: if pairs.is_empty() { 0.0 } else { correct as f64 / pairs.len() as f64 },
        confusion,
        fallback_rows,
        absent_rows,
        no_cue_rows,
        notes,
        outcomes: Vec::new(),
    }
}

impl fmt::Display for StanceReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {:?}, {} rows ({} skipped, {} without any polarity cue)",
            self.file, self.task, self.rows, self.skipped, self.no_cue_rows
        )?;
        writeln!(
            f,
            "{:<10} {:>9} {:>9} {:>9} {:>8} {:>9}",
            "label", "precision", "recall", "f1", "support", "predicted"
        )?;
        for l in &self.per_label {
            writeln!(
                f,
                "{:<10} {:>9.3} {:>9.3} {:>9.3} {:>8} {:>9}",
                l.label, l.precision, l.recall, l.f1, l.support, l.predicted
            )?;
        }
        writeln!(f, "macro-F1 {:.3}  accuracy {:.3}", self.macro_f1, self.accuracy)?;
        writeln!(f, "confusion (rows = gold, columns = predicted):")?;
        write!(f, "{:<10}", "")?;
        for l in &self.labels {
            write!(f, " {l:>9}")?;
        }
        writeln!(f)?;
        for (l, row) in self.labels.iter().zip(&self.confusion) {
            write!(f, "{l:<10}")?;
            for n in row {
                write!(f, " {n:>9}")?;
            }
            writeln!(f)?;
        }
        for n in &self.notes {
            writeln!(f, "note: {n}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{Entry, Lexicon};

    fn scorer() -> (Scorer, Normalizer) {
        let rows = [
            ("واشنطن", "target:usa", 1.0),
            ("دعم", "polarity", 1.0),
            ("تهديد", "polarity", -1.0),
            ("ممتاز", "polarity", 1.0),
        ];
        let lex = Lexicon::from_entries(
            rows.iter()
                .map(|(t, c, w)| Entry {
                    term: t.to_string(),
                    category: c.to_string(),
                    weight: *w,
                    note: String::new(),
                    guard: None,
                    lang: None,
                    source: "t".into(),
                    line: 0,
                })
                .collect(),
        );
        let n = Normalizer::default();
        (Scorer::new(&lex, &n).unwrap(), n)
    }

    fn write(dir: &tempfile::TempDir, name: &str, body: &str) -> std::path::PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        p
    }

    #[test]
    fn stance_with_known_and_unknown_targets() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            &dir,
            "g.csv",
            "\u{feff}text,target,label\n\
             واشنطن تقدم دعما,usa,favor\n\
             واشنطن تهديد,USA,against\n\
             لا شيء,usa,none\n\
             دعم ممتاز,Vaccine,favor\n\
             تهديد,Vaccine,favor\n\
             ,usa,none\n\
             دعم ممتاز,usa,none\n",
        );
        let (s, n) = scorer();
        let r = evaluate_stance(&p, &s, &n, &StanceEvalOptions::default()).unwrap();
        assert_eq!((r.task, r.rows, r.skipped), (Task::Stance, 6, 1));
        // The last row: a known target the text never mentions is predicted
        // none, whatever the text's other cues say.
        assert_eq!(r.confusion, [[2, 1, 0], [0, 1, 0], [0, 0, 2]]);
        assert_eq!((r.fallback_rows, r.absent_rows), (2, 2));
        let absent: Vec<_> = r.outcomes.iter().filter(|o| o.basis == "absent").collect();
        assert_eq!(absent.len(), 2);
        assert!(absent.iter().all(|o| o.predicted == "none" && o.score.is_none()));
        assert!(r.notes.iter().any(|n| n.contains("`vaccine` (2 rows)")), "{:?}", r.notes);
        let favor = &r.per_label[0];
        assert_eq!((favor.precision, favor.support), (1.0, 3));
        assert!((favor.recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((r.accuracy - 5.0 / 6.0).abs() < 1e-12);
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"macro_f1\""));
        assert!(r.to_string().contains("macro-F1"));
    }

    #[test]
    fn polarity_and_pairs() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "p.csv", "text,label\nدعم,Positive\nتهديد,Negative\nشيء,Neutral\n");
        let (s, n) = scorer();
        let r = evaluate_stance(&p, &s, &n, &StanceEvalOptions::default()).unwrap();
        assert_eq!((r.task, r.accuracy, r.macro_f1), (Task::Polarity, 1.0, 1.0));
        let p = write(
            &dir,
            "a.csv",
            "s1,s2,stance\nدعم,تهديد,disagree\nدعم,دعم,agree\nدعم,شيء,other\nتم الاتفاق,لم يتم الاتفاق,disagree\n",
        );
        let r = evaluate_stance(&p, &s, &n, &StanceEvalOptions::default()).unwrap();
        assert_eq!(r.task, Task::Pair);
        assert_eq!(r.confusion, [[1, 0, 0], [0, 2, 0], [1, 0, 0]]);
    }

    #[test]
    fn bad_gold_files_name_the_place() {
        let dir = tempfile::tempdir().unwrap();
        let (s, n) = scorer();
        let p = write(&dir, "b.csv", "text,label\nدعم,favor\nتهديد,maybe\n");
        let e = evaluate_stance(&p, &s, &n, &StanceEvalOptions::default()).unwrap_err();
        assert!(e.to_string().contains("b.csv:3"), "{e}");
        let p = write(&dir, "c.csv", "body,label\nدعم,favor\n");
        let e = evaluate_stance(&p, &s, &n, &StanceEvalOptions::default()).unwrap_err();
        assert!(e.to_string().contains("no `text` column"), "{e}");
    }
}
