//! Sentence and clause boundaries from the text between two tokens.
//!
//! Input: the non-word segments of the original text between token `i-1`
//! and token `i` (the "gap"), fed in order. Output: whether a sentence ends
//! there (and where, in bytes), and whether a clause does.
//!
//! Invariant: only punctuation in the original text is read (Arabic and
//! Latin forms are one class each: ، and , are both a comma, ؟ and ? both a
//! question mark), so boundaries do not depend on folding options.
//!
//! Sentence ends: ! ? ؟ … ؛ 。, two or more dots, a line break, and a single
//! `.` unless it follows an abbreviation (`U.S.`, `Mr.`, `M.`), a single
//! Latin letter (initials), a lone list number (`1.`), or a lowercase Latin
//! word follows. Decimals (`3.5`) never reach here: they are one token.
//! Clause ends: a sentence end, or , ، ; : — ( ) [ ].

/// What the punctuation between two tokens says.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Gap {
    /// A certain sentence end (not a lone period).
    pub(crate) hard_end: bool,
    /// A lone `.`, which may be an abbreviation's.
    pub(crate) period: bool,
    /// Clause punctuation.
    pub(crate) clause: bool,
    /// Nothing but white space (or nothing at all).
    pub(crate) only_space: bool,
    /// Byte offset just past the last terminator and its closing quotes.
    pub(crate) end_at: Option<usize>,
    dots: u32,
}

impl Gap {
    /// An empty gap.
    pub(crate) fn new() -> Gap {
        Gap { only_space: true, ..Gap::default() }
    }

    /// Reads one non-word segment starting at byte `offset`.
    pub(crate) fn feed(&mut self, offset: usize, seg: &str) {
        for (i, c) in seg.char_indices() {
            let at = offset + i;
            let after = at + c.len_utf8();
            if !c.is_whitespace() {
                self.only_space = false;
            }
            if c != '.' {
                self.dots = 0;
            }
            match c {
                '.' => {
                    self.dots += 1;
                    self.period = true;
                    if self.dots >= 2 {
                        self.hard_end = true;
                    }
                    self.end_at = Some(after);
                }
                '!' | '?' | '؟' | '…' | '؛' | '。' | '‼' | '⁇' | '⁈' | '⁉' | '؞' | '۔' =>
                {
                    self.hard_end = true;
                    self.end_at = Some(after);
                }
                '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}' => self.hard_end = true,
                ',' | '،' | ';' | ':' | '—' | '(' | ')' | '[' | ']' | '﴾' | '﴿' | '⸲' | '、'
                | '٬' => {
                    self.clause = true;
                    if matches!(c, ')' | ']' | '﴿') && self.end_at == Some(at) {
                        self.end_at = Some(after);
                    }
                }
                '"' | '\'' | '”' | '’' | '»' | '›' if self.end_at == Some(at) => {
                    // A closing quote right after the terminator belongs to
                    // the sentence it closes.
                    self.end_at = Some(after);
                }
                _ => {}
            }
        }
    }

    /// True when a sentence ends in this gap. `prev_norm` is the norm of
    /// the token before, `prev_alone_number` says it is a number that is
    /// alone in its sentence so far, `next_surface` is the next token's
    /// original text.
    pub(crate) fn sentence_break(
        &self,
        prev_norm: &str,
        prev_alone_number: bool,
        next_surface: &str,
    ) -> bool {
        if self.hard_end {
            return true;
        }
        if !self.period {
            return false;
        }
        let abbreviation = is_abbreviation(prev_norm)
            || prev_alone_number
            || next_surface
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() && !super::fold::is_arabic(c));
        !abbreviation
    }
}

/// Latin abbreviations that end with a period but not a sentence.
fn is_abbreviation(w: &str) -> bool {
    let mut cs = w.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        // Initials: "J. Smith", "M. Macron".
        return super::charclass::is_alphabetic(c) && !super::fold::is_arabic(c);
    }
    if w.contains('.')
        && !w.chars().any(super::fold::is_arabic)
        && !w.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return true; // u.s, e.g, a.m
    }
    const LIST: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov",
        "sen", "rep", "st", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "cf", "fig", "vol",
        "pp", "approx", "dept", "mme", "mlle", "mm", "me", "dr", "pr", "av", "bd", "env", "art",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "janv", "févr", "déc",
    ];
    LIST.iter().any(|a| w.eq_ignore_ascii_case(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(s: &str) -> Gap {
        let mut g = Gap::new();
        g.feed(0, s);
        g
    }

    #[test]
    fn classes() {
        assert!(gap("، ").clause && !gap("، ").hard_end);
        assert!(gap("؟ ").hard_end);
        assert!(gap(" ؛ ").hard_end);
        assert!(gap("\n").hard_end && gap("\n").end_at.is_none());
        assert!(gap(" — ").clause);
        assert!(!gap(" – ").clause, "an en dash joins الجزائري – الأمريكي");
        assert!(gap("... ").hard_end);
        assert!(gap("  ").only_space && !gap(" / ").only_space);
        assert_eq!(gap("؟” ").end_at, Some("؟”".len()));
    }

    #[test]
    fn periods() {
        let g = gap(". ");
        assert!(g.sentence_break("البلدين", false, "ويأتي"));
        assert!(!g.sentence_break("u.s", false, "Army"));
        assert!(!g.sentence_break("mr", false, "Smith"));
        assert!(!g.sentence_break("j", false, "Smith"));
        assert!(!g.sentence_break("1", true, "الدفع"));
        assert!(!g.sentence_break("etc", false, "and"));
        assert!(g.sentence_break("2025", false, "The"));
    }
}
