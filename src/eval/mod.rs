//! Evaluation against gold standards: PAN text alignment ([`pan`]), the
//! stance/polarity scorer against human codes ([`stance`]) and relatedness
//! against "same story" ratings ([`related`]).
//!
//! Evaluation code may read third-party corpora (the shared data folder); the
//! tests never do, they use small fixtures.

pub mod pan;
pub mod related;
pub mod stance;

/// Physical line numbers of CSV records, from their byte offsets: the csv
/// reader's own count passes over blank lines, and its offset points before
/// them, so an error message would name the wrong line. Offsets must come in
/// increasing order (records as read); counting resumes where the last call
/// stopped, so a whole file costs one pass.
#[derive(Debug, Default)]
pub(crate) struct LineCounter {
    at: usize,
    newlines: u64,
}

impl LineCounter {
    /// The 1-based line of the record starting at (or after the blank lines
    /// from) byte `byte` of `raw`.
    pub(crate) fn line(&mut self, raw: &str, byte: u64) -> u64 {
        let bytes = raw.as_bytes();
        let mut at = (byte as usize).min(bytes.len()).max(self.at);
        while matches!(bytes.get(at), Some(b'\n' | b'\r')) {
            at += 1;
        }
        self.newlines += memchr::memchr_iter(b'\n', &bytes[self.at..at]).count() as u64;
        self.at = at;
        self.newlines + 1
    }
}

#[cfg(test)]
mod tests {
    use super::LineCounter;

    #[test]
    fn lines_skip_blank_lines_and_crlf() {
        let raw = "a,b\n\n1,2\r\n\r\n3,4\n";
        let mut c = LineCounter::default();
        assert_eq!(c.line(raw, 0), 1);
        // The reader's offset of the second record points at the blank line.
        assert_eq!(c.line(raw, 4), 3);
        assert_eq!(c.line(raw, 10), 5);
        assert_eq!(c.line(raw, 1000), 6);
    }
}
