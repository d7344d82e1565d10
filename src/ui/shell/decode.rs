//! The keyboard, read byte by byte. soleus parses terminal input itself
//! instead of through crossterm's reader, whose parser waits forever on an
//! unrecognised `ESC [ ?` or `ESC [ <` sequence and swallows every later
//! key, `q` and Ctrl-c included (crossterm-rs/crossterm issue 1104, not
//! fixed in any 0.29 release).
//!
//! Three rules keep the user able to leave whatever arrives, and keep a
//! terminal's replies from being typed as keys:
//! - a control sequence ends at its final byte (0x40–0x7E) whether or not
//!   it means anything, however long it is; one soleus does not know is
//!   dropped whole. SS3 (`ESC O`) takes one final byte: `ESC O ESC 3` drops
//!   the `ESC O` and reads `ESC 3` afresh;
//! - a string (OSC `ESC ]`, DCS `ESC P`, APC `ESC _`, PM `ESC ^`, SOS
//!   `ESC X`: colour and clipboard replies, terminal reports) is dropped up
//!   to its ST (`ESC \`) or BEL, however long, streamed and never kept;
//! - a sequence or a string still incomplete when the input pauses
//!   (terminals send a reply in one burst, people type slower) is given up:
//!   `ESC` alone is Esc, `ESC [` then `<` is Alt-[ then `<`, an unfinished
//!   string is dropped and the keys after the pause are read.
//!
//! A bracketed paste (`ESC [ 200 ~` … `ESC [ 201 ~`) is one [`Input::Paste`]
//! of text, never keys.
//!
//! Pure: bytes in, [`Input`]s out. The shell feeds it what the terminal
//! sends and calls [`Parser::flush`] after a pause of [`PAUSE`].

use std::time::Duration;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// How long an incomplete sequence may wait for the rest of its bytes.
pub const PAUSE: Duration = Duration::from_millis(40);

/// A sequence longer than this is no key: the rest of it, up to its final
/// byte, is skipped as it arrives.
const MAX_SEQUENCE: usize = 64;

/// The most of one paste that is kept (the rest is dropped).
pub const MAX_PASTE: usize = 64 * 1024;

const ESC: u8 = 0x1b;
const BEL: u8 = 0x07;
/// What ends a bracketed paste.
const PASTE_END: &[u8] = b"\x1b[201~";

/// What the terminal sent, as the app understands it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    FocusGained,
    FocusLost,
    /// Text pasted (bracketed paste), as text.
    Paste(String),
}

/// The bytes received so far that do not make a whole input yet.
#[derive(Debug, Default)]
pub struct Parser {
    pending: Vec<u8>,
    mode: Mode,
}

/// Where the parser is between two reads.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
enum Mode {
    #[default]
    Keys,
    /// Inside an OSC, DCS, APC, PM or SOS string, dropped as it comes;
    /// `esc`: its last byte was ESC (ST is `ESC \`).
    String { esc: bool },
    /// Inside a control sequence too long to be a key, up to its final byte.
    LongCsi,
    /// Inside a bracketed paste: the text so far, and how much of its end
    /// marker has been seen.
    Paste { text: Vec<u8>, matched: usize },
}

/// The result of reading one input from the front of a buffer.
enum Step {
    /// `len` bytes were used; `input` is what they meant, if anything.
    Done(usize, Option<Input>),
    /// `len` bytes were used and what follows belongs to `Mode`.
    Enter(usize, Mode),
    /// The buffer holds the beginning of an input and nothing more.
    Incomplete,
}

impl Parser {
    /// Whether bytes are waiting for the rest of their sequence.
    pub fn is_pending(&self) -> bool {
        !self.pending.is_empty() || self.mode != Mode::Keys
    }

    /// Parses `bytes` after whatever was pending; incomplete input at the
    /// end stays pending.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Input> {
        let mut out = Vec::new();
        let mut rest = bytes.to_vec();
        loop {
            if self.mode != Mode::Keys {
                let used = self.skip(&rest, &mut out);
                rest.drain(..used);
                if self.mode != Mode::Keys {
                    return out;
                }
            }
            self.pending.append(&mut rest);
            let mut start = 0;
            while start < self.pending.len() {
                match parse(&self.pending[start..]) {
                    Step::Done(len, input) => {
                        out.extend(input);
                        start += len.max(1);
                    }
                    Step::Enter(len, mode) => {
                        start += len;
                        self.mode = mode;
                        break;
                    }
                    Step::Incomplete if self.pending.len() - start > MAX_SEQUENCE => start += 1,
                    Step::Incomplete => break,
                }
            }
            if self.mode == Mode::Keys {
                self.pending.drain(..start);
                return out;
            }
            rest = self.pending.split_off(start);
            self.pending.clear();
        }
    }

    /// Reads `bytes` in a string, a long sequence or a paste; returns how
    /// many it used (all, unless the mode ended: then what follows is keys).
    fn skip(&mut self, bytes: &[u8], out: &mut Vec<Input>) -> usize {
        for (i, &b) in bytes.iter().enumerate() {
            match &mut self.mode {
                Mode::Keys => return i,
                Mode::String { esc: true } if b == b'\\' => {
                    self.mode = Mode::Keys;
                    return i + 1;
                }
                Mode::String { esc: true } => {
                    // ESC and something else: the string was cut off, and
                    // this ESC starts what comes next.
                    self.mode = Mode::Keys;
                    self.pending.push(ESC);
                    return i;
                }
                Mode::String { esc } => match b {
                    BEL | 0x18 | 0x1a => {
                        self.mode = Mode::Keys;
                        return i + 1;
                    }
                    ESC => *esc = true,
                    _ => {}
                },
                Mode::LongCsi => match b {
                    0x20..=0x3f => {}
                    0x40..=0x7e => {
                        self.mode = Mode::Keys;
                        return i + 1;
                    }
                    _ => {
                        self.mode = Mode::Keys;
                        return i;
                    }
                },
                Mode::Paste { text, matched } => {
                    if b == PASTE_END[*matched] {
                        *matched += 1;
                        if *matched == PASTE_END.len() {
                            let text = std::mem::take(text);
                            out.push(Input::Paste(String::from_utf8_lossy(&text).into_owned()));
                            self.mode = Mode::Keys;
                            return i + 1;
                        }
                        continue;
                    }
                    let room = MAX_PASTE.saturating_sub(text.len());
                    text.extend(PASTE_END[..*matched].iter().take(room));
                    *matched = 0;
                    if b == PASTE_END[0] {
                        *matched = 1;
                    } else if text.len() < MAX_PASTE {
                        text.push(b);
                    }
                }
            }
        }
        bytes.len()
    }

    /// The input paused: what is pending was typed, or is the cut-off
    /// start of a sequence. `ESC` alone is Esc and `ESC x` is Alt-x, as a
    /// person types them; a longer unfinished sequence arrived in one burst
    /// from the terminal, not from fingers, and is dropped, and so is an
    /// unfinished string. A paste whose end never came is the text so far.
    pub fn flush(&mut self) -> Vec<Input> {
        let mode = std::mem::take(&mut self.mode);
        if let Mode::Paste { mut text, matched } = mode {
            text.extend(PASTE_END[..matched].iter().take(MAX_PASTE.saturating_sub(text.len())));
            self.pending.clear();
            return vec![Input::Paste(String::from_utf8_lossy(&text).into_owned())];
        }
        let bytes = std::mem::take(&mut self.pending);
        match bytes.as_slice() {
            [ESC] => vec![key(KeyCode::Esc, KeyModifiers::NONE)],
            [ESC, next] if (0x20..0x7f).contains(next) => {
                vec![key(KeyCode::Char(char::from(*next)), KeyModifiers::ALT)]
            }
            // A cut-off sequence or UTF-8 character: nothing to show for it.
            _ => Vec::new(),
        }
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Input {
    Input::Key(KeyEvent::new(code, modifiers))
}

/// A character key as crossterm reports it: upper case carries Shift.
fn char_key(c: char, extra: KeyModifiers) -> Input {
    let shift = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), shift | extra)
}

fn parse(buf: &[u8]) -> Step {
    let Some(&first) = buf.first() else {
        return Step::Incomplete;
    };
    match first {
        ESC => parse_escape(buf),
        b'\r' | b'\n' => Step::Done(1, Some(key(KeyCode::Enter, KeyModifiers::NONE))),
        b'\t' => Step::Done(1, Some(key(KeyCode::Tab, KeyModifiers::NONE))),
        0x7f | 0x08 => Step::Done(1, Some(key(KeyCode::Backspace, KeyModifiers::NONE))),
        0x00 => Step::Done(1, Some(key(KeyCode::Char(' '), KeyModifiers::CONTROL))),
        0x01..=0x1a => Step::Done(
            1,
            Some(key(KeyCode::Char(char::from(first - 1 + b'a')), KeyModifiers::CONTROL)),
        ),
        0x1c..=0x1f => Step::Done(
            1,
            Some(key(
                KeyCode::Char(char::from(first - 0x1c + b'4')),
                KeyModifiers::CONTROL,
            )),
        ),
        _ => parse_utf8(buf, KeyModifiers::NONE),
    }
}

/// One UTF-8 character; an invalid byte is skipped.
fn parse_utf8(buf: &[u8], modifiers: KeyModifiers) -> Step {
    let len = match buf[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Done(1, None),
    };
    if buf.len() < len {
        // A continuation byte that is not one makes the character invalid now.
        if buf[1..].iter().any(|b| b & 0xc0 != 0x80) {
            return Step::Done(1, None);
        }
        return Step::Incomplete;
    }
    match std::str::from_utf8(&buf[..len]).ok().and_then(|s| s.chars().next()) {
        Some(c) => Step::Done(len, Some(char_key(c, modifiers))),
        None => Step::Done(1, None),
    }
}

fn parse_escape(buf: &[u8]) -> Step {
    match buf.get(1) {
        None => Step::Incomplete,
        Some(b'[') => parse_csi(buf),
        Some(b'O') => parse_ss3(buf),
        // OSC, DCS, APC, PM, SOS: a string up to ST or BEL.
        Some(b']' | b'P' | b'_' | b'^' | b'X') => Step::Enter(2, Mode::String { esc: false }),
        Some(&ESC) => Step::Done(1, Some(key(KeyCode::Esc, KeyModifiers::NONE))),
        Some(0x7f) => Step::Done(2, Some(key(KeyCode::Backspace, KeyModifiers::ALT))),
        Some(b'\r') => Step::Done(2, Some(key(KeyCode::Enter, KeyModifiers::ALT))),
        Some(_) => match parse_utf8(&buf[1..], KeyModifiers::ALT) {
            Step::Done(len, input) => Step::Done(len + 1, input),
            step => step,
        },
    }
}

/// `ESC O x`: arrows, Home/End and F1–F4 in application mode.
fn ss3(b: u8) -> Option<KeyCode> {
    Some(match b {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(b - b'P' + 1),
        _ => return None,
    })
}

/// `ESC O x`. Parameter bytes (0x20–0x3F) may come first; the first byte
/// in 0x40–0x7E ends it. Any other byte (an ESC, a control) means this was
/// no sequence: the `ESC O` is dropped and that byte is read afresh.
fn parse_ss3(buf: &[u8]) -> Step {
    for (i, &b) in buf.iter().enumerate().skip(2) {
        match b {
            0x20..=0x3f if i < MAX_SEQUENCE => {}
            0x20..=0x3f => return Step::Enter(i, Mode::LongCsi),
            0x40..=0x7e if i == 2 => return Step::Done(3, ss3(b).map(|code| key(code, KeyModifiers::NONE))),
            0x40..=0x7e => return Step::Done(i + 1, None),
            _ => return Step::Done(i, None),
        }
    }
    Step::Incomplete
}

/// `ESC [ params final`. Parameter and intermediate bytes are 0x20–0x3F;
/// the first byte in 0x40–0x7E ends the sequence, known or not, however
/// long (past [`MAX_SEQUENCE`] the rest is skipped as it arrives). Any
/// other byte means this was no sequence: the `ESC [` is dropped and that
/// byte is read afresh. `ESC [ 200 ~` starts a bracketed paste.
fn parse_csi(buf: &[u8]) -> Step {
    for (i, &b) in buf.iter().enumerate().skip(2) {
        match b {
            0x20..=0x3f if i < MAX_SEQUENCE => {}
            0x20..=0x3f => return Step::Enter(i, Mode::LongCsi),
            b'~' if &buf[2..i] == b"200" => {
                return Step::Enter(
                    i + 1,
                    Mode::Paste {
                        text: Vec::new(),
                        matched: 0,
                    },
                );
            }
            0x40..=0x7e => return Step::Done(i + 1, csi(&buf[2..i], b)),
            _ => return Step::Done(i, None),
        }
    }
    Step::Incomplete
}

/// The modifiers of xterm's `;N` parameter.
fn modifiers(n: u16) -> KeyModifiers {
    let bits = n.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

fn csi(params: &[u8], final_byte: u8) -> Option<Input> {
    let text = std::str::from_utf8(params).ok()?;
    if text.starts_with(['<', '=', '>', '?']) {
        // Mouse and terminal reports: soleus asks for none of them.
        return None;
    }
    let numbers: Vec<u16> = if text.is_empty() {
        Vec::new()
    } else {
        text.split(';')
            .map(|n| if n.is_empty() { Some(1) } else { n.parse().ok() })
            .collect::<Option<_>>()?
    };
    let m = modifiers(numbers.get(1).copied().unwrap_or(1));
    let code = match final_byte {
        b'I' if numbers.is_empty() => return Some(Input::FocusGained),
        b'O' if numbers.is_empty() => return Some(Input::FocusLost),
        b'Z' => return Some(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
        // `ESC [ row ; col R` is the cursor's position, not F3 (whose
        // modified form has 1 first).
        b'R' if numbers.first().is_some_and(|&n| n != 1) => return None,
        b'~' => match numbers.first()? {
            1 | 7 => KeyCode::Home,
            2 => KeyCode::Insert,
            3 => KeyCode::Delete,
            4 | 8 => KeyCode::End,
            5 => KeyCode::PageUp,
            6 => KeyCode::PageDown,
            n @ 11..=15 => KeyCode::F((n - 10) as u8),
            n @ 17..=21 => KeyCode::F((n - 11) as u8),
            n @ 23..=24 => KeyCode::F((n - 12) as u8),
            _ => return None,
        },
        b => ss3(b)?,
    };
    Some(key(code, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(inputs: &[Input]) -> Vec<(KeyCode, KeyModifiers)> {
        inputs
            .iter()
            .filter_map(|i| match i {
                Input::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;

    #[test]
    fn keys_the_app_uses() {
        let mut p = Parser::default();
        let got = keys(&p.feed(b"q3\r\t\x13\x1b[A\x1b[Z\x1b[5~\x1b[6~\x1b[3~\x1bOB\x7f\xc3\xa9Q\x1b[1;5C"));
        assert_eq!(
            got,
            [
                (KeyCode::Char('q'), NONE),
                (KeyCode::Char('3'), NONE),
                (KeyCode::Enter, NONE),
                (KeyCode::Tab, NONE),
                (KeyCode::Char('s'), KeyModifiers::CONTROL),
                (KeyCode::Up, NONE),
                (KeyCode::BackTab, KeyModifiers::SHIFT),
                (KeyCode::PageUp, NONE),
                (KeyCode::PageDown, NONE),
                (KeyCode::Delete, NONE),
                (KeyCode::Down, NONE),
                (KeyCode::Backspace, NONE),
                (KeyCode::Char('é'), NONE),
                (KeyCode::Char('Q'), KeyModifiers::SHIFT),
                (KeyCode::Right, KeyModifiers::CONTROL),
            ]
        );
        assert!(!p.is_pending());
        assert_eq!(p.feed(b"\x1b[I"), [Input::FocusGained]);
    }

    #[test]
    fn a_lone_escape_is_esc_after_a_pause() {
        let mut p = Parser::default();
        assert!(p.feed(b"\x1b").is_empty());
        assert!(p.is_pending());
        assert_eq!(keys(&p.flush()), [(KeyCode::Esc, NONE)]);
        assert!(!p.is_pending());
    }

    /// crossterm issue 1104: these prefixes swallowed every later key.
    #[test]
    fn stray_report_prefixes_never_swallow_q() {
        for prefix in [
            &b"\x1b[<"[..],
            b"\x1b[?",
            b"\x1b[?2026;2$",
            b"\x1b[<0;1",
            b"\x1b[",
            b"\x1bO",
        ] {
            let mut p = Parser::default();
            assert!(p.feed(prefix).is_empty(), "{prefix:?}");
            p.flush();
            assert_eq!(keys(&p.feed(b"q")), [(KeyCode::Char('q'), NONE)], "{prefix:?}");
        }
        // Whole reports are dropped, and what follows is read.
        let mut p = Parser::default();
        assert_eq!(
            keys(&p.feed(b"\x1b[?2026;2$y\x1b[<0;10;5Mq\x1b[?1;2cq")),
            [(KeyCode::Char('q'), NONE), (KeyCode::Char('q'), NONE)]
        );
        // Alt-[ then < typed by a person: both keys.
        let mut p = Parser::default();
        assert!(p.feed(b"\x1b[").is_empty());
        assert_eq!(keys(&p.flush()), [(KeyCode::Char('['), KeyModifiers::ALT)]);
        assert_eq!(keys(&p.feed(b"<")), [(KeyCode::Char('<'), NONE)]);
    }

    /// A sequence longer than any key is still one sequence, up to its
    /// final byte (issue 23: a 70-byte CSI's digits were typed as scores);
    /// what follows it is read.
    #[test]
    fn garbage_longer_than_any_sequence_is_dropped_whole() {
        let mut p = Parser::default();
        let mut bytes = b"\x1b[".to_vec();
        bytes.extend(std::iter::repeat_n(b'1', 200));
        bytes.extend(b"qq");
        assert_eq!(keys(&p.feed(&bytes)), [(KeyCode::Char('q'), NONE)]);
        // A byte that cannot be in a sequence ends it too, and is read.
        let mut p = Parser::default();
        let mut bytes = b"\x1b[".to_vec();
        bytes.extend(std::iter::repeat_n(b'1', 200));
        bytes.push(b'\r');
        assert_eq!(keys(&p.feed(&bytes)), [(KeyCode::Enter, NONE)]);
    }

    /// Issue 23: replies a terminal sends were typed as keys (a pain score
    /// on the Checklist). Each is dropped whole, and `q` after it is read.
    #[test]
    fn terminal_replies_are_not_keys() {
        let mut long_csi = b"\x1b[".to_vec();
        long_csi.extend(std::iter::repeat_n(b'3', 70));
        long_csi.push(b'~');
        let replies: Vec<Vec<u8>> = vec![
            b"\x1b]11;rgb:0000/0000/0000\x1b\\".to_vec(),
            b"\x1b]11;rgb:ffff/ffff/ffff\x07".to_vec(),
            b"\x1b]52;c;MyAgMyA0IHkgZA==\x07".to_vec(),
            b"\x1bP1$r0;1m\x1b\\".to_vec(),
            b"\x1bP>|xterm(390)\x1b\\".to_vec(),
            b"\x1b_Gi=1;OK\x1b\\".to_vec(),
            b"\x1b^private 3 4\x1b\\".to_vec(),
            b"\x1bXsos 3\x1b\\".to_vec(),
            long_csi,
            b"\x1b[12;40R".to_vec(),
        ];
        for reply in &replies {
            let mut p = Parser::default();
            assert_eq!(keys(&p.feed(reply)), [], "{reply:?}");
            assert_eq!(keys(&p.feed(b"q")), [(KeyCode::Char('q'), NONE)], "{reply:?}");
            // Byte by byte, as a slow pipe delivers it: the same.
            let mut p = Parser::default();
            let mut got = Vec::new();
            for b in reply {
                got.extend(p.feed(&[*b]));
            }
            assert_eq!(keys(&got), [], "{reply:?} byte by byte");
        }
        // SS3 takes one final byte: `ESC O ESC 3` is no `3`.
        let mut p = Parser::default();
        let got = keys(&p.feed(b"\x1bO\x1b3"));
        assert!(!got.contains(&(KeyCode::Char('3'), NONE)), "{got:?}");
        assert_eq!(keys(&p.feed(b"\x1bOA")), [(KeyCode::Up, NONE)]);
    }

    /// A string cut off (no ST) is given up at the pause: later keys work.
    #[test]
    fn an_unfinished_string_ends_at_the_pause() {
        let mut p = Parser::default();
        assert!(p.feed(b"\x1b]11;rgb:00").is_empty());
        assert!(p.is_pending());
        assert!(p.flush().is_empty());
        assert_eq!(keys(&p.feed(b"q")), [(KeyCode::Char('q'), NONE)]);
        // ESC then a key inside a string: the string ends, the key is read.
        let mut p = Parser::default();
        assert_eq!(keys(&p.feed(b"\x1b]0;title\x1b[A")), [(KeyCode::Up, NONE)]);
    }

    #[test]
    fn a_bracketed_paste_is_text() {
        let mut p = Parser::default();
        assert_eq!(
            p.feed(b"\x1b[200~dry\ryells\x1b[201~q")[..1],
            [Input::Paste("dry\ryells".into())]
        );
        // Split anywhere, the end marker included.
        let mut p = Parser::default();
        let mut got = Vec::new();
        for chunk in b"\x1b[200~a\x1b[20b\x1b[201~q".chunks(3) {
            got.extend(p.feed(chunk));
        }
        assert_eq!(got[0], Input::Paste("a\x1b[20b".into()));
        assert_eq!(keys(&got), [(KeyCode::Char('q'), NONE)]);
        // An end that never comes: the text so far, at the pause.
        let mut p = Parser::default();
        assert!(p.feed(b"\x1b[200~yy").is_empty());
        assert_eq!(p.flush(), [Input::Paste("yy".into())]);
        // A huge paste is kept up to its limit.
        let mut p = Parser::default();
        let mut big = b"\x1b[200~".to_vec();
        big.extend(std::iter::repeat_n(b'y', MAX_PASTE * 2));
        big.extend(b"\x1b[201~");
        let got = p.feed(&big);
        assert!(matches!(&got[..], [Input::Paste(t)] if t.len() == MAX_PASTE));
    }
}
