//! Terminal policy: colour, sanitising untrusted text, stderr messages.
//!
//! Article text, titles and ids come from outside. Before any of it reaches
//! a terminal, control characters and bidirectional overrides are removed so
//! that an article cannot move the cursor, rewrite the screen or reorder the
//! line it is printed on. Files (CSV, HTML) have their own escaping.

use std::io::IsTerminal;

use super::args::ColorArg;

/// Whether to colour output on a stream that is (or is not) a terminal.
pub fn use_color(arg: ColorArg, is_terminal: bool) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// True when stderr is a terminal (progress bars and colour on stderr).
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// True when stdout is a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Removes control characters (C0, C1, DEL) and bidi controls, turns tabs
/// and newlines into spaces. For printing untrusted text on a terminal.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            // LRE RLE PDF LRO RLO, LRI RLI FSI PDI, LRM RLM ALM: they can reorder
            // the rest of the line on a terminal that applies the bidi algorithm.
            '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}' => None,
            c => Some(c),
        })
        .collect()
}

/// Like [`sanitize`] but keeps tabs and line breaks: for a CSV printed to
/// a terminal, whose cells may hold line breaks but must not move the cursor.
pub fn sanitize_keep_lines(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            line.split('\t')
                .map(|part| sanitize(part.trim_end_matches('\r')))
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An error and its causes on one line, `a: b: c`, each message once: a
/// library error that already quotes its cause (`path: No such file`) is
/// not followed by the cause again. Library errors name flags here.
pub fn error_chain(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let msg = match cause.downcast_ref::<parallax::Error>() {
            Some(e) => e.render(&super::config::Flags),
            None => cause.to_string(),
        };
        if out.ends_with(&msg) || out.contains(&format!("{msg}: ")) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&msg);
    }
    out
}

/// `parallax: error: ...` in red when stderr is a terminal.
pub fn error_line(message: &str) -> String {
    let message = sanitize_multiline(message);
    if use_color(ColorArg::Auto, stderr_is_terminal()) {
        format!("\x1b[1;31mparallax: error:\x1b[0m {message}")
    } else {
        format!("parallax: error: {message}")
    }
}

/// `parallax: warning: ...` (yellow on a terminal).
pub fn warning_line(message: &str) -> String {
    let message = sanitize_multiline(message);
    if use_color(ColorArg::Auto, stderr_is_terminal()) {
        format!("\x1b[33mparallax: warning:\x1b[0m {message}")
    } else {
        format!("parallax: warning: {message}")
    }
}

/// Like [`sanitize`] but keeps line breaks (error chains span lines);
/// every line after the first is indented, so that text from outside (a
/// file name holding a newline) can never start a line that looks like
/// `parallax: error: ...`.
fn sanitize_multiline(text: &str) -> String {
    text.split('\n').map(sanitize).collect::<Vec<_>>().join("\n  ")
}

/// Bold/colour helpers that are no-ops when colour is off.
#[derive(Clone, Copy, Debug)]
pub struct Paint {
    on: bool,
}

impl Paint {
    /// Colour on or off.
    pub fn new(on: bool) -> Paint {
        Paint { on }
    }

    /// Bold text.
    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }

    /// Dim text.
    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }

    /// Green text.
    pub fn green(&self, s: &str) -> String {
        self.wrap("32", s)
    }

    /// Red text.
    pub fn red(&self, s: &str) -> String {
        self.wrap("31", s)
    }

    /// Cyan text.
    pub fn cyan(&self, s: &str) -> String {
        self.wrap("36", s)
    }

    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_strips_escapes_and_bidi() {
        assert_eq!(sanitize("a\x1b[2Jb\u{202E}c\td"), "a[2Jbc d");
        assert_eq!(sanitize("الجزائر"), "الجزائر");
    }

    #[test]
    fn color_policy() {
        assert!(!use_color(ColorArg::Auto, false));
        assert!(use_color(ColorArg::Always, false));
        assert!(!use_color(ColorArg::Never, true));
    }
}
