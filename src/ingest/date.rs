//! Publication dates: the common written forms, read into ISO 8601.
//!
//! Input: a date field as given (JSONL, CSV, HTML meta). Output: the date
//! as ISO 8601 — `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` with the zone
//! (`+04:00`) when the field has a time and a zone — or the reason it could
//! not be read (the caller keeps the text as given and warns, naming the
//! file and line).
//!
//! Read: ISO 8601 (`2018-03-13`, `2018-03-13T10:22:00+04:00`,
//! `2018-03-13 10:22:00Z`, fractions of a second dropped), RFC 2822
//! (`Tue, 13 Mar 2018 10:22:00 +0400`), numeric dates with `/`, `.` or `-`
//! (`13/03/2018`, `2018/03/13`) — day-first or month-first as
//! [`DateOrder`] says, or when only one reading is possible (13/03/2018) —
//! and all of these written with Arabic-Indic digits (`١٣/٠٣/٢٠١٨`).
//!
//! Invariant: a date is never guessed: an ambiguous `03/04/2018` without a
//! [`DateOrder`] is an error that says which option settles it.

use crate::error::Message;

/// How numeric dates such as `03/04/2018` are read
/// ([`IngestOptions::date_order`](super::IngestOptions::date_order)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// Day, month, year (`13/03/2018`).
    Dmy,
    /// Month, day, year (`03/13/2018`).
    Mdy,
    /// Year, month, day (`2018/03/13`).
    Ymd,
}

/// Reads `value` as ingest does; `Ok(None)` when it is blank, `Err` with
/// the reason when it cannot be read (ingest then keeps the text as given
/// and warns).
pub fn read_date(value: &str, order: Option<DateOrder>) -> Result<Option<String>, Message> {
    let folded = fold_digits(value.trim());
    let v = folded.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if let Some(d) = iso(v).or_else(|| rfc2822(v)) {
        return Ok(Some(d));
    }
    numeric(v, order).map(Some)
}

/// Arabic-Indic (U+0660–0669) and Eastern Arabic-Indic (U+06F0–06F9)
/// digits as ASCII digits; the Arabic comma as a comma.
fn fold_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '\u{060C}' => ',',
            c => c,
        })
        .collect()
}

/// A calendar date and an optional time and zone.
struct Parts {
    y: u32,
    m: u32,
    d: u32,
    time: Option<(u32, u32, u32)>,
    /// Offset from UTC in minutes.
    zone: Option<i32>,
}

impl Parts {
    fn valid(&self) -> bool {
        let days = match self.m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (self.y.is_multiple_of(4) && !self.y.is_multiple_of(100))
                || self.y.is_multiple_of(400) =>
            {
                29
            }
            2 => 28,
            _ => return false,
        };
        (1000..=9999).contains(&self.y)
            && (1..=days).contains(&self.d)
            && self.time.is_none_or(|(h, mi, s)| h < 24 && mi < 60 && s < 61)
            && self.zone.is_none_or(|z| z.abs() < 24 * 60)
    }

    fn iso(&self) -> Option<String> {
        if !self.valid() {
            return None;
        }
        let mut out = format!("{:04}-{:02}-{:02}", self.y, self.m, self.d);
        if let Some((h, mi, s)) = self.time {
            out.push_str(&format!("T{h:02}:{mi:02}:{s:02}"));
            if let Some(z) = self.zone {
                let sign = if z < 0 { '-' } else { '+' };
                out.push_str(&format!("{sign}{:02}:{:02}", z.abs() / 60, z.abs() % 60));
            }
        }
        Some(out)
    }
}

/// Digits at the start of `s` (at most `max`), and the rest.
fn digits(s: &str, max: usize) -> Option<(u32, &str)> {
    let n = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

/// `HH:MM[:SS[.fff]]`, and the rest.
fn time(s: &str) -> Option<((u32, u32, u32), &str)> {
    let (h, rest) = digits(s, 2)?;
    let rest = rest.strip_prefix(':')?;
    let (mi, mut rest) = digits(rest, 2)?;
    let mut sec = 0;
    if let Some(r) = rest.strip_prefix(':') {
        let (s2, r) = digits(r, 2)?;
        sec = s2;
        rest = r;
        if let Some(frac) = rest.strip_prefix(['.', ',']) {
            rest = frac.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    Some(((h, mi, sec), rest))
}

/// `Z`, `+04:00`, `+0400`, `+04`, `UTC`, `GMT` → minutes east of UTC.
fn zone(s: &str) -> Option<i32> {
    let s = s.trim();
    match s.to_ascii_uppercase().as_str() {
        "Z" | "UT" | "UTC" | "GMT" => return Some(0),
        _ => {}
    }
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let body = s[1..].replace(':', "");
    if !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match body.len() {
        2 => (body.parse::<i32>().ok()?, 0),
        4 => (body[..2].parse::<i32>().ok()?, body[2..].parse::<i32>().ok()?),
        _ => return None,
    };
    (m < 60).then_some(sign * (h * 60 + m))
}

/// ISO 8601: `YYYY-MM-DD`, optionally `T` or a space, a time and a zone.
fn iso(v: &str) -> Option<String> {
    let (y, r) = digits(v, 4)?;
    if v.len() - r.len() != 4 {
        return None;
    }
    let (m, r) = digits(r.strip_prefix('-')?, 2)?;
    let (d, r) = digits(r.strip_prefix('-')?, 2)?;
    let mut p = Parts { y, m, d, time: None, zone: None };
    if r.is_empty() {
        return p.iso();
    }
    let r = r.strip_prefix(['T', 't', ' '])?;
    let (t, r) = time(r)?;
    p.time = Some(t);
    if !r.trim().is_empty() {
        p.zone = Some(zone(r)?);
    }
    p.iso()
}

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// RFC 2822: `[Day,] D Mon YYYY HH:MM[:SS] ZONE` (the zone may be missing).
fn rfc2822(v: &str) -> Option<String> {
    let v = match v.split_once(',') {
        Some((day, rest)) if day.trim().chars().all(char::is_alphabetic) => rest,
        _ => v,
    };
    let mut words = v.split_whitespace();
    let d: u32 = words.next()?.parse().ok()?;
    let mon = words.next()?.to_ascii_lowercase();
    let m = MONTHS.iter().position(|&x| mon.starts_with(x) && mon.len() >= 3)? as u32 + 1;
    let y: u32 = words.next()?.parse().ok()?;
    let mut p = Parts { y, m, d, time: None, zone: None };
    if let Some(t) = words.next() {
        let (t, rest) = time(t)?;
        if !rest.is_empty() {
            return None;
        }
        p.time = Some(t);
        if let Some(z) = words.next() {
            p.zone = Some(zone(z)?);
        }
    }
    if words.next().is_some() {
        return None;
    }
    p.iso()
}

/// `a/b/c` (or with `.` or `-`), an optional time: the order given, or the
/// only one possible.
fn numeric(v: &str, order: Option<DateOrder>) -> Result<String, Message> {
    let unreadable = || {
        Message::from(format!(
            "unreadable date {v:?} (kept as text); dates are read as ISO 8601, RFC 2822 or \
             numeric with "
        ))
        .param("date_order")
    };
    let (date, rest) = v.split_once([' ', 'T']).map_or((v, ""), |(a, b)| (a, b));
    let sep = date.chars().find(|c| ['/', '.', '-'].contains(c)).ok_or_else(unreadable)?;
    let parts: Vec<&str> = date.split(sep).collect();
    if parts.len() != 3
        || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(unreadable());
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let order = if parts[0].len() == 4 {
        DateOrder::Ymd
    } else if parts[2].len() != 4 {
        return Err(unreadable());
    } else {
        match order {
            Some(DateOrder::Ymd) | None if n[0] > 12 && n[1] <= 12 => DateOrder::Dmy,
            Some(DateOrder::Ymd) | None if n[1] > 12 && n[0] <= 12 => DateOrder::Mdy,
            Some(DateOrder::Ymd) | None => {
                return Err(Message::from(format!(
                    "ambiguous date {v:?} (day or month first?; kept as text); "
                ))
                .set_to("date_order", "dmy")
                .text(" or ")
                .value("date_order", "mdy"))
            }
            Some(o) => o,
        }
    };
    let (y, m, d) = match order {
        DateOrder::Ymd => (n[0], n[1], n[2]),
        DateOrder::Dmy => (n[2], n[1], n[0]),
        DateOrder::Mdy => (n[2], n[0], n[1]),
    };
    let mut p = Parts { y, m, d, time: None, zone: None };
    let rest = rest.trim();
    if !rest.is_empty() {
        let (t, z) = time(rest).ok_or_else(unreadable)?;
        p.time = Some(t);
        if !z.trim().is_empty() {
            p.zone = Some(zone(z).ok_or_else(unreadable)?);
        }
    }
    p.iso().ok_or_else(|| format!("impossible date {v:?} (kept as text)").into())
}

/// A date as ingest writes it (ISO 8601) as a point to order by: days since
/// 1970-01-01 and, when the time and zone are known, seconds since the
/// epoch in UTC. `None` for anything else, such as a date kept as given
/// because it could not be read: it orders nothing. The one rule for
/// dates after ingest (sources, cluster representatives, stories).
pub fn date_key(s: &str) -> Option<(i64, Option<i64>)> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || b.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // Digits only: `parse` alone would take a sign.
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let mut p = Parts { y: num(0..4)?, m: num(5..7)?, d: num(8..10)?, time: None, zone: None };
    if !p.valid() {
        return None;
    }
    let days = days_from_civil(i64::from(p.y), i64::from(p.m), i64::from(p.d));
    let mut utc = None;
    if b.len() >= 25 && b[10] == b'T' && b[13] == b':' && b[16] == b':' {
        if let (Some(h), Some(mi), Some(sec), Some(z)) =
            (num(11..13), num(14..16), num(17..19), s.get(19..).and_then(zone))
        {
            p.time = Some((h, mi, sec));
            p.zone = Some(z);
            if p.valid() {
                let t = i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(sec);
                utc = Some(days * 86_400 + t - i64::from(z) * 60);
            }
        }
    }
    Some((days, utc))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_only_the_dates_ingest_writes() {
        assert_eq!(date_key("1970-01-02"), Some((1, None)));
        assert_eq!(date_key("1970-01-01T01:00:00+01:00"), Some((0, Some(0))));
        assert_eq!(
            date_key("2025-01-22T10:00:00+00:00"),
            Some((20_110, Some(20_110 * 86_400 + 36_000)))
        );
        // A time without a zone orders by the day only.
        assert_eq!(date_key("2025-01-22T10:00:00"), Some((20_110, None)));
        for bad in [
            "2025-13-01",
            "2025-02-30",
            "2025-1-22",
            "22/01/2025",
            "",
            "2025-01-223",
            "٢٠٢٥-01-22",
            "2025-+1-01",
            "-025-01-01",
        ] {
            assert_eq!(date_key(bad), None, "{bad}");
        }
    }

    /// Whatever a date field holds, reading it returns (a date or a reason)
    /// and never panics: fragments of every form, in every digit script,
    /// cut at every character.
    #[test]
    fn any_text_is_read_or_refused_never_a_panic() {
        let pieces = [
            "2018", "-", "03", "13", "T", "10", ":", "22", "00", "+04:00", "Z", "/", ".", " ",
            "Tue,", "Mar", "+0400", "١٣", "٠٣", "٢٠١٨", "۲۰۱۸", "é", "\u{200f}", "99", "0", ",",
        ];
        let mut x: u64 = 7;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(x % 9) {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push_str(pieces[(x >> 33) as usize % pieces.len()]);
            }
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
            for cut in s.char_indices().map(|(i, _)| i).chain([s.len()]) {
                for order in
                    [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy), Some(DateOrder::Ymd)]
                {
                    if let Ok(Some(d)) = read_date(&s[..cut], order) {
                        assert!(d.len() >= 10 && d.as_bytes()[4] == b'-', "{s:?} -> {d}");
                    }
                }
            }
        }
    }

    fn read(v: &str, o: Option<DateOrder>) -> Result<Option<String>, String> {
        read_date(v, o).map_err(|e| e.to_string())
    }

    #[test]
    fn iso_keeps_time_and_zone() {
        let ok = |v: &str| read(v, None).unwrap().unwrap();
        assert_eq!(ok("2018-03-13"), "2018-03-13");
        assert_eq!(ok("2018-03-13T10:22:00+04:00"), "2018-03-13T10:22:00+04:00");
        assert_eq!(ok("2018-03-13 10:22:00Z"), "2018-03-13T10:22:00+00:00");
        assert_eq!(ok("2018-03-13T10:22:00.123-0500"), "2018-03-13T10:22:00-05:00");
        assert_eq!(ok("2015-07-21 02:51:32"), "2015-07-21T02:51:32");
        assert_eq!(read("  ", None), Ok(None));
    }

    #[test]
    fn rfc2822_numeric_and_arabic_digits() {
        let ok = |v: &str, o| read(v, o).unwrap().unwrap();
        assert_eq!(ok("Tue, 13 Mar 2018 10:22:00 +0400", None), "2018-03-13T10:22:00+04:00");
        assert_eq!(ok("13 Mar 2018 10:22 GMT", None), "2018-03-13T10:22:00+00:00");
        assert_eq!(ok("13/03/2018", None), "2018-03-13");
        assert_eq!(ok("03/13/2018", None), "2018-03-13");
        assert_eq!(ok("04/03/2018", Some(DateOrder::Dmy)), "2018-03-04");
        assert_eq!(ok("04/03/2018", Some(DateOrder::Mdy)), "2018-04-03");
        assert_eq!(ok("2018/03/13", None), "2018-03-13");
        assert_eq!(ok("١٣/٠٣/٢٠١٨", None), "2018-03-13");
        assert_eq!(ok("۲۰۱۸-۰۳-۱۳", None), "2018-03-13");
        assert_eq!(ok("13.03.2018 10:22", None), "2018-03-13T10:22:00");
    }

    #[test]
    fn unreadable_and_ambiguous_dates_say_why() {
        let err = read("04/03/2018", None).unwrap_err();
        assert!(err.ends_with("set date_order=dmy or date_order=mdy"), "{err}");
        assert!(read("yesterday", None).unwrap_err().contains("unreadable"));
        assert!(read("2018-02-30", None).is_err());
        assert!(read("31/02/2018", Some(DateOrder::Dmy)).unwrap_err().contains("impossible"));
    }

    #[test]
    fn keys_order_instants_across_zones() {
        let a = date_key("2018-03-13T10:22:00+04:00").unwrap();
        let b = date_key("2018-03-13T07:00:00+00:00").unwrap();
        assert_eq!(a.0, b.0);
        assert!(a.1.unwrap() < b.1.unwrap(), "06:22 UTC is before 07:00 UTC");
        assert_eq!(date_key("1970-01-02"), Some((1, None)));
    }
}
