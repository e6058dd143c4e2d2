//! DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL and CARDINAL by rule, one
//! left-to-right pass over the tokens (each rule looks a bounded number of
//! tokens ahead, so the pass is linear).
//!
//! Conventions (MUC / IE-ER where it and OntoNotes differ): spans hold the
//! number and its unit but not hedges ("about", "more than"); relative dates
//! ("last year", "today") are not marked; lengths of time ("two years",
//! "three-day") are DATE (OntoNotes), and [`is_duration`] tells them apart.

use super::fast::StaticSet;
use super::features::DocCtx;
use super::lexicon::{MONTHS, WEEKDAYS};
use super::Mention;
use crate::doc::{Doc, TokenKind};
use crate::model::Label;
use crate::text::ByteSpan;

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const SCALES: [&str; 12] = [
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "dozen",
    "dozens",
];
const ORDINALS: [&str; 20] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];
const CURRENCIES: &[&str] = &[
    "dollar", "dollars", "cents", "cent", "euro", "euros", "yen", "yuan", "renminbi", "rupee",
    "rupees", "rouble", "roubles", "ruble", "rubles", "franc", "francs", "marks", "pesos", "peso",
    "riyal", "riyals", "rial", "rials", "dinar", "dinars", "shekel", "shekels", "ringgit", "baht",
    "lira", "lire", "krona", "kronor", "krone", "kroner", "rand", "won", "pence", "sterling",
    "toman", "tomans",
];
/// (`find` takes the symbols, the first four, as the ones a punctuation
/// token can be)
const CURRENCY_PREFIX: &[&str] = &[
    "$", "£", "€", "¥", "US$", "dlrs", "C$", "A$", "HK$", "Rs", "Rs.",
];
const MEASURES: &[&str] = &[
    "mile",
    "miles",
    "kilometer",
    "kilometers",
    "kilometre",
    "kilometres",
    "km",
    "meter",
    "meters",
    "metre",
    "metres",
    "feet",
    "foot",
    "inch",
    "inches",
    "yard",
    "yards",
    "pound",
    "pounds",
    "lb",
    "lbs",
    "ton",
    "tons",
    "tonne",
    "tonnes",
    "kilogram",
    "kilograms",
    "kg",
    "gram",
    "grams",
    "acre",
    "acres",
    "hectare",
    "hectares",
    "gallon",
    "gallons",
    "litre",
    "litres",
    "liter",
    "liters",
    "barrel",
    "barrels",
    "degree",
    "degrees",
    "square",
    "cubic",
    "megawatts",
    "megawatt",
    "kilowatts",
    "mph",
    "knots",
];
const DATE_UNITS: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "decade",
    "decades",
    "century",
    "centuries",
    "weekend",
    "weekends",
];
const TIME_UNITS: &[&str] = &["hour", "hours", "minute", "minutes", "second", "seconds"];
const SEASONS: &[&str] = &["spring", "summer", "fall", "autumn", "winter"];
const HOLIDAYS: &[&str] = &[
    "christmas",
    "easter",
    "ramadan",
    "thanksgiving",
    "hanukkah",
    "passover",
    "eid",
    "nowruz",
    "diwali",
];
const MONTH_ABBR: &[&str] = &[
    "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
];
const WEEKDAY_ABBR: &[&str] = &["tues.", "wed.", "thurs.", "thu.", "fri."];

fn is_unit_word(w: &str) -> bool {
    if UNITS.contains(&w) || TENS.contains(&w) {
        return true;
    }
    // "twenty-five", "sixty-five"
    if let Some((a, b)) = w.split_once('-') {
        return TENS.contains(&a) && UNITS[1..10].contains(&b);
    }
    false
}

fn is_ordinal_word(w: &str) -> bool {
    ORDINALS.contains(&w)
        || w.split_once('-').map_or(false, |(a, b)| {
            TENS.contains(&a) && ORDINALS[..9].contains(&b)
        })
}

/// "14th", "1st", "22nd"
fn is_numeric_ordinal(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suf = &w[digits.len()..];
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suf, "st" | "nd" | "rd" | "th")
}

/// Plain numeral: "5", "2,500", "3.5", "1.7".
fn is_numeral(w: &str) -> bool {
    let b = w.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_digit()
        && b.iter()
            .all(|c| c.is_ascii_digit() || *c == b',' || *c == b'.')
        && b[b.len() - 1].is_ascii_digit()
}

fn year_value(w: &str) -> Option<u32> {
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        w.parse().ok()
    } else {
        None
    }
}

/// A length of time ("two years", "three-day", "18 months", "a decade")
/// rather than a point or period on the calendar. Used to map OntoNotes
/// DATE to MUC's DURATION.
pub fn is_duration(text: &str) -> bool {
    let lower = text.to_lowercase();
    if lower.contains("ago") || lower.ends_with("old") {
        return false;
    }
    let last = lower
        .rsplit(|c: char| c.is_whitespace() || c == '-')
        .next()
        .unwrap_or("");
    (DATE_UNITS.contains(&last) || TIME_UNITS.contains(&last))
        && !MONTHS.iter().any(|m| lower.contains(m))
        && !WEEKDAYS.iter().any(|d| lower.contains(d))
}

/// Words that can begin a numeric mention; other words are skipped at once.
/// [`CURRENCIES`] and [`MEASURES`] as sets: asked of the word after every
/// number, a hashed look-up rather than a scan of forty to sixty words.
static CURRENCY_WORDS: StaticSet<128> = StaticSet::new(&[CURRENCIES]);
static MEASURE_WORDS: StaticSet<256> = StaticSet::new(&[MEASURES]);

static TRIGGERS: StaticSet<512> = StaticSet::new(&[
    &UNITS,
    &TENS,
    &SCALES,
    &ORDINALS,
    &MONTHS,
    &WEEKDAYS,
    SEASONS,
    HOLIDAYS,
    MONTH_ABBR,
    WEEKDAY_ABBR,
    CURRENCY_PREFIX,
    &[
        "several",
        "few",
        "many",
        "tens",
        "half",
        "noon",
        "midnight",
        "memorial",
        "labor",
        "labour",
        "independence",
        "victory",
        "remembrance",
        "veterans",
        "boxing",
        "election",
        "us",
        "mondays",
        "tuesdays",
        "wednesdays",
        "thursdays",
        "fridays",
        "saturdays",
        "sundays",
    ],
]);

fn may_start(lower: &str) -> bool {
    // no number word, and no numeral worth a highlight, is this long; a giant
    // word would cost three more reads of itself below
    if lower.len() > super::MAX_NAME_WORD {
        return false;
    }
    let t = &TRIGGERS;
    // the part before a hyphen ("twenty" of "twenty-five"); a word without
    // one is looked up once (a byte scan: `split('-')` sets up a char
    // searcher for every word form)
    let head = match lower.bytes().position(|b| b == b'-') {
        Some(p) => &lower[..p],
        None => lower,
    };
    t.contains(lower) || (head.len() < lower.len() && t.contains(head)) || is_numeral(head)
}

struct Cx<'a, 'b> {
    doc: &'b Doc<'a>,
    taken: &'b [bool],
    ctx: &'b DocCtx<'a>,
    /// The last [`Cx::number`] answer, (token, end): the rules tried at a
    /// token ask for the number there up to five times.
    last_number: std::cell::Cell<(usize, Option<usize>)>,
}

impl<'a, 'b> Cx<'a, 'b> {
    fn n(&self) -> usize {
        self.doc.tokens.len()
    }
    fn w(&self, i: usize) -> &str {
        // the tagger's lower-cased words (no copy of them per call)
        self.ctx.toks.get(i).map_or("", |t| self.ctx.lower(t))
    }
    fn raw(&self, i: usize) -> &'a str {
        if i < self.n() {
            self.doc.tok(i)
        } else {
            ""
        }
    }
    fn free(&self, i: usize) -> bool {
        i < self.n() && !self.taken[i]
    }
    fn cap(&self, i: usize) -> bool {
        self.raw(i).chars().next().map_or(false, char::is_uppercase)
    }

    /// A number phrase starting at `i`: "2.5 million", "two", "twenty-five",
    /// "several hundred", "hundreds", "three and a half", "1.7". Returns the end.
    fn number(&self, i: usize) -> Option<usize> {
        let (at, end) = self.last_number.get();
        if at == i {
            return end;
        }
        let end = self.number_at(i);
        self.last_number.set((i, end));
        end
    }

    /// [`Cx::number`], worked out.
    fn number_at(&self, i: usize) -> Option<usize> {
        if !self.free(i) {
            return None;
        }
        let w = self.w(i);
        let mut j;
        if is_numeral(w) || is_unit_word(w) {
            j = i + 1;
        } else if matches!(w, "several" | "few" | "many" | "tens")
            && SCALES.contains(&self.w(i + 1))
        {
            j = i + 2;
        } else if SCALES.contains(&w) && w.ends_with('s') {
            j = i + 1; // "hundreds", "thousands", "dozens", "millions"
        } else if w == "dozen" {
            j = i + 1;
        } else {
            return None;
        }
        // scale words, optionally hyphen-joined: "2-million"
        loop {
            if self.free(j) && SCALES.contains(&self.w(j)) {
                j += 1;
            } else if self.w(j) == "-" && SCALES.contains(&self.w(j + 1)) && self.free(j + 1) {
                j += 2;
            } else {
                break;
            }
        }
        // "three and a half"
        if self.w(j) == "and" && self.w(j + 1) == "a" && self.w(j + 2) == "half" {
            j += 3;
        }
        Some(j)
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn date_at(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        let is_month = (MONTHS.contains(&w) || MONTH_ABBR.contains(&w)) && self.cap(i);
        if is_month {
            let mut j = i + 1;
            let mut specific = false;
            // day
            let d = self.w(j);
            if self.free(j)
                && (d.len() <= 2 && is_numeral(d) || is_numeric_ordinal(d) && d.len() <= 4)
            {
                j += 1;
                specific = true;
            }
            // year, possibly after a comma
            let comma = self.w(j) == ",";
            let y = if comma { j + 1 } else { j };
            if self.free(y) && year_value(self.w(y)).is_some() {
                j = y + 1;
                specific = true;
            }
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            let ambiguous = matches!(w, "may" | "march");
            let ctx_ok = matches!(
                prev,
                "in" | "since"
                    | "until"
                    | "till"
                    | "by"
                    | "from"
                    | "last"
                    | "next"
                    | "early"
                    | "late"
                    | "mid"
                    | "of"
                    | "this"
                    | "during"
                    | "through"
                    | "before"
                    | "after"
                    | "on"
                    | "to"
                    | "and"
                    | "or"
                    | "between"
            );
            if specific || !ambiguous || ctx_ok {
                return Some(j);
            }
            return None;
        }
        // 3 April 2020
        if is_numeral(w) && w.len() <= 2 && MONTHS.contains(&self.w(i + 1)) && self.cap(i + 1) {
            let mut j = i + 2;
            if year_value(self.w(j)).is_some() {
                j += 1;
            }
            return Some(j);
        }
        let raw = self.raw(i);
        if (WEEKDAYS.contains(&w)
            || WEEKDAYS
                .iter()
                .any(|d| w.len() == d.len() + 1 && w.starts_with(d) && w.ends_with('s'))
            || WEEKDAY_ABBR.contains(&w))
            && self.cap(i)
        {
            return Some(i + 1);
        }
        if HOLIDAYS.contains(&w) && self.cap(i) {
            return Some(i + 1);
        }
        // holidays written as "X Day": Memorial Day, Labor Day, Independence Day
        if self.cap(i)
            && self.w(i + 1) == "day"
            && self.cap(i + 1)
            && matches!(
                w,
                "memorial"
                    | "labor"
                    | "labour"
                    | "independence"
                    | "victory"
                    | "remembrance"
                    | "veterans"
                    | "may"
                    | "boxing"
                    | "election"
            )
        {
            return Some(i + 2);
        }
        if w == "fourth" && self.w(i + 1) == "of" && self.w(i + 2) == "july" {
            return Some(i + 3);
        }
        // seasons after a determiner or preposition
        if SEASONS.contains(&w) && i > 0 {
            let prev = self.w(i - 1);
            if matches!(
                prev,
                "this"
                    | "last"
                    | "next"
                    | "the"
                    | "in"
                    | "early"
                    | "late"
                    | "by"
                    | "until"
                    | "since"
                    | "during"
                    | "that"
                    | "each"
                    | "every"
                    | "of"
            ) {
                let next = self.w(i + 1);
                if !matches!(next, "of" | "in" | "on") || prev != "the" {
                    return Some(i + 1);
                }
            }
        }
        if self.doc.tokens[i].kind == TokenKind::Number {
            // 1990s, '90s
            if raw.len() == 5 && raw.ends_with('s') && raw[..4].bytes().all(|b| b.is_ascii_digit())
            {
                return Some(i + 1);
            }
            // 1996-08-30, 1997-98, 2003/04
            let b = raw.as_bytes();
            if b.len() >= 7
                && b[..4].iter().all(u8::is_ascii_digit)
                && matches!(b[4], b'-' | b'/')
                && b[5..].iter().all(|c| c.is_ascii_digit() || *c == b'-')
            {
                if let Some(y) = year_value(&raw[..4]) {
                    if (1800..=2100).contains(&y) {
                        return Some(i + 1);
                    }
                }
            }
            // 19th-century, 21st century
            if is_numeric_ordinal(raw) {
                let j = if self.w(i + 1) == "-" { i + 2 } else { i + 1 };
                if matches!(self.w(j), "century" | "centuries") {
                    return Some(j + 1);
                }
            }
            if let Some(y) = year_value(raw) {
                let prev = if i > 0 { self.w(i - 1) } else { "" };
                let next = self.w(i + 1);
                let unit_follows = MEASURE_WORDS.contains(next)
                    || CURRENCY_WORDS.contains(next)
                    || SCALES.contains(&next)
                    || matches!(next, "percent" | "%" | "per");
                let money_before = CURRENCY_PREFIX.contains(&prev);
                if !unit_follows
                    && !money_before
                    && ((1900..=2099).contains(&y)
                        || (1000..1900).contains(&y)
                            && matches!(
                                prev,
                                "in" | "since"
                                    | "of"
                                    | "from"
                                    | "by"
                                    | "until"
                                    | "to"
                                    | "and"
                                    | "before"
                                    | "after"
                            ))
                {
                    let mut j = i + 1;
                    if matches!(self.w(j), "b.c." | "a.d." | "bc" | "ad" | "bce" | "ce") {
                        j += 1;
                    }
                    return Some(j);
                }
            }
        }
        None
    }

    /// A duration or age: "two years", "18 months", "three-day", "10-year",
    /// "two and a half years", "a decade".
    fn duration_at(&self, i: usize) -> Option<(usize, Label)> {
        let w = self.w(i);
        // one hyphenated word: "three-day", "two-week", "four-and-a-half-hour"
        if let Some(pos) = w.rfind('-') {
            let (head, unit) = (&w[..pos], &w[pos + 1..]);
            let head_num = head
                .split('-')
                .next()
                .map_or(false, |h| is_unit_word(h) || is_numeral(h));
            if head_num && self.free(i) {
                if DATE_UNITS.contains(&unit) {
                    return Some((i + 1, Label::Date));
                }
                if TIME_UNITS.contains(&unit) {
                    return Some((i + 1, Label::Time));
                }
            }
        }
        let j = self.number(i)?;
        let (k, unit) = if self.w(j) == "-" {
            (j + 1, self.w(j + 1))
        } else {
            (j, self.w(j))
        };
        let unit_head = unit.split('-').next().unwrap_or("");
        if DATE_UNITS.contains(&unit_head) {
            let mut end = k + 1;
            if self.w(end) == "ago" {
                end += 1;
            }
            return Some((end, Label::Date));
        }
        if TIME_UNITS.contains(&unit_head) && unit_head != "second" {
            return Some((k + 1, Label::Time));
        }
        None
    }

    fn time_at(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        let clock = w.len() <= 5
            && w.contains(':')
            && w.split(':')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        let ampm = |k: usize| matches!(self.w(k), "a.m." | "p.m." | "am" | "pm" | "a.m" | "p.m");
        if (clock || is_numeral(w) && w.len() <= 2 || is_unit_word(w)) && ampm(i + 1) {
            return Some(i + 2);
        }
        if clock
            && !matches!(self.w(i + 1), "." | ",")
            && self.ctx.toks.get(i + 1).map_or(true, |_| true)
        {
            let h: u32 = w
                .split(':')
                .next()
                .and_then(|x| x.parse().ok())
                .unwrap_or(99);
            if h <= 24 {
                return Some(i + 1);
            }
        }
        if matches!(w, "noon" | "midnight") {
            return Some(i + 1);
        }
        None
    }

    fn money_at(&self, i: usize) -> Option<usize> {
        let w = self.raw(i);
        if CURRENCY_PREFIX.contains(&w) || w == "US" && self.raw(i + 1) == "$" {
            let s = if w == "US" { i + 2 } else { i + 1 };
            let j = self.number(s)?;
            return Some(j);
        }
        let j = self.number(i)?;
        let mut k = j;
        if matches!(
            self.w(k),
            "us" | "u.s." | "hong" | "new" | "canadian" | "australian"
        ) {
            k += if self.w(k) == "hong" || self.w(k) == "new" {
                2
            } else {
                1
            };
        }
        if CURRENCY_WORDS.contains(self.w(k)) && self.free(k) {
            return Some(k + 1);
        }
        if self.w(j) == "pounds" && self.w(j + 1) == "sterling" {
            return Some(j + 2);
        }
        None
    }

    fn percent_at(&self, i: usize) -> Option<usize> {
        let j = self.number(i)?;
        match self.w(j) {
            "percent" | "%" | "pct" => Some(j + 1),
            "per" if self.w(j + 1) == "cent" => Some(j + 2),
            "percentage" | "basis" if matches!(self.w(j + 1), "point" | "points") => Some(j + 2),
            _ => None,
        }
    }

    fn quantity_at(&self, i: usize) -> Option<usize> {
        let j = self.number(i)?;
        let k = if self.w(j) == "-" { j + 1 } else { j };
        let unit = self.w(k);
        if MEASURE_WORDS.contains(unit) {
            if matches!(unit, "square" | "cubic") {
                if MEASURE_WORDS.contains(self.w(k + 1)) {
                    return Some(k + 2);
                }
                return None;
            }
            return Some(k + 1);
        }
        None
    }

    fn ordinal_at(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        if self.doc.tokens[i].kind == TokenKind::Number && is_numeric_ordinal(w) {
            return Some(i + 1);
        }
        if is_ordinal_word(w) {
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            if w == "second"
                && (matches!(prev, "a" | "per" | "one" | "every" | "each" | "split")
                    || is_numeral(prev)
                    || is_unit_word(prev))
            {
                return None;
            }
            return Some(i + 1);
        }
        None
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn cardinal_at(&self, i: usize) -> Option<usize> {
        let w = self.w(i);
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        let next = self.w(i + 1);
        if w == "one" {
            if matches!(prev, "no" | "any" | "every" | "some" | "each" | "someone")
                || matches!(
                    next,
                    "another"
                        | "has"
                        | "might"
                        | "would"
                        | "could"
                        | "can"
                        | "must"
                        | "should"
                        | "may"
                        | "will"
                        | "'s"
                        | "day"
                )
            {
                return None;
            }
        }
        if w == "half" {
            return if matches!(next, "of" | "his" | "her" | "their" | "its" | "the") && self.free(i)
            {
                Some(i + 1)
            } else {
                None
            };
        }
        if self.doc.tokens[i].kind == TokenKind::Number && self.free(i) {
            if let Some((a, b)) = self.raw(i).split_once('-') {
                if is_numeral(a) && is_numeral(b) {
                    return Some(i + 1);
                }
            }
        }
        self.number(i)
    }
}

/// Finds the numeric mentions on tokens not `taken` by names.
#[cfg_attr(target_arch = "wasm32", inline(never))]
pub fn find(doc: &Doc, ctx: &DocCtx, taken: &[bool]) -> Vec<Mention> {
    let cx = Cx {
        doc,
        taken,
        ctx,
        last_number: std::cell::Cell::new((usize::MAX, None)),
    };
    let n = doc.tokens.len();
    let mut out = Vec::new();
    let mut starts = vec![0u8; ctx.forms];
    let mut i = 0;
    while i < n {
        // (a token taken by a name first: its word form then needs no test)
        if taken[i] {
            i += 1;
            continue;
        }
        let quick_no = match doc.tokens[i].kind {
            TokenKind::Number => false,
            // (of the currency prefixes only the symbols are punctuation)
            TokenKind::Punct => !matches!(doc.tok(i), "$" | "£" | "€" | "¥"),
            TokenKind::Word => {
                // once per word form: 1 no, 2 yes
                let t = &ctx.toks[i];
                match starts.get(t.form as usize).copied().unwrap_or(0) {
                    0 => {
                        let yes = may_start(ctx.lower(t));
                        if let Some(k) = starts.get_mut(t.form as usize) {
                            *k = 1 + yes as u8;
                        }
                        !yes
                    }
                    k => k == 1,
                }
            }
        };
        if quick_no {
            i += 1;
            continue;
        }
        let hit = cx
            .money_at(i)
            .map(|e| (e, Label::Money))
            .or_else(|| cx.percent_at(i).map(|e| (e, Label::Percent)))
            .or_else(|| cx.date_at(i).map(|e| (e, Label::Date)))
            .or_else(|| cx.duration_at(i))
            .or_else(|| cx.time_at(i).map(|e| (e, Label::Time)))
            .or_else(|| cx.quantity_at(i).map(|e| (e, Label::Quantity)))
            .or_else(|| cx.ordinal_at(i).map(|e| (e, Label::Ordinal)))
            .or_else(|| cx.cardinal_at(i).map(|e| (e, Label::Cardinal)));
        match hit {
            Some((end, label)) if end > i => {
                let end = end.min(n);
                if (i..end).any(|k| taken[k]) {
                    i += 1;
                    continue;
                }
                let raw = doc.tok(i);
                // a score or range of small numbers, "0-2": two cardinals
                if label == Label::Cardinal
                    && end == i + 1
                    && doc.tokens[i].kind == TokenKind::Number
                {
                    if let Some((a, b)) = raw.split_once('-') {
                        if is_numeral(a) && is_numeral(b) && a.len() <= 3 && b.len() <= 3 {
                            let s = doc.tokens[i].span.start;
                            out.push(Mention {
                                span: ByteSpan::new(s, s + a.len()),
                                label,
                                cluster: None,
                            });
                            out.push(Mention {
                                span: ByteSpan::new(s + a.len() + 1, s + raw.len()),
                                label,
                                cluster: None,
                            });
                            i = end;
                            continue;
                        }
                    }
                    if !is_numeral(raw) {
                        // "4-38", "1-0" ... handled above; "3A", "B52": not a number
                        i = end;
                        continue;
                    }
                }
                out.push(Mention {
                    span: ByteSpan::new(doc.tokens[i].span.start, doc.tokens[end - 1].span.end),
                    label,
                    cluster: None,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_currency_symbols_are_the_punctuation_prefixes() {
        for p in CURRENCY_PREFIX {
            let toks = crate::doc::tokenize(p);
            let punct = toks.len() == 1 && toks[0].kind == TokenKind::Punct;
            assert_eq!(punct, matches!(*p, "$" | "£" | "€" | "¥"), "{p}");
        }
    }

    fn run(s: &str) -> Vec<(String, Label)> {
        let d = Doc::new(s);
        let ctx = DocCtx::new(&d);
        let taken = vec![false; d.tokens.len()];
        find(&d, &ctx, &taken)
            .into_iter()
            .map(|m| (m.span.slice(s).to_string(), m.label))
            .collect()
    }

    fn has(s: &str, text: &str, l: Label) {
        let got = run(s);
        assert!(
            got.iter().any(|(t, x)| t == text && *x == l),
            "{text:?} {l:?} not in {got:?}"
        );
    }

    #[test]
    fn money() {
        has(
            "It cost $61 million last year.",
            "$61 million",
            Label::Money,
        );
        has("a dlrs 220 million loan", "dlrs 220 million", Label::Money);
        has(
            "up to one million dollars.",
            "one million dollars",
            Label::Money,
        );
        has("worth $2-million now", "$2-million", Label::Money);
        has("135.42 yen", "135.42 yen", Label::Money);
    }

    #[test]
    fn percent() {
        has("reach 3.9 percent of", "3.9 percent", Label::Percent);
        has("about 53 per cent of", "53 per cent", Label::Percent);
        has("rose 5%", "5%", Label::Percent);
        has(
            "cut by 350 basis points",
            "350 basis points",
            Label::Percent,
        );
    }

    #[test]
    fn dates() {
        has("visit to Iraq on Wednesday, a", "Wednesday", Label::Date);
        has("who assumed office in July.", "July", Label::Date);
        has("since the invasion in 2003.", "2003", Label::Date);
        has("on strike April 3, said", "April 3", Label::Date);
        has("born July 26, 1962 in", "July 26, 1962", Label::Date);
        has("in the 1960s and", "1960s", Label::Date);
        has("a three-day trip", "three-day", Label::Date);
        has("for two years now", "two years", Label::Date);
        has("LONDON 1996-08-30", "1996-08-30", Label::Date);
        has("in the spring the", "spring", Label::Date);
        has("on Memorial Day we", "Memorial Day", Label::Date);
        assert!(run("You may go.").is_empty());
    }

    #[test]
    fn times_ordinals_quantities() {
        has("at 9 p.m. on", "9 p.m.", Label::Time);
        has("the 14th round", "14th", Label::Ordinal);
        has("his first visit", "first", Label::Ordinal);
        has("drove 70 miles", "70 miles", Label::Quantity);
    }

    #[test]
    fn cardinals() {
        has(
            "Iraq accommodates 2,500 US troops",
            "2,500",
            Label::Cardinal,
        );
        has("inked 14 memoranda", "14", Label::Cardinal);
        has("two nations", "two", Label::Cardinal);
        has("several hundred people", "several hundred", Label::Cardinal);
        has("2.5 million people", "2.5 million", Label::Cardinal);
        has("Yankees begin 0-2 again", "0", Label::Cardinal);
        has("Yankees begin 0-2 again", "2", Label::Cardinal);
        assert!(run("No one came.").is_empty());
    }

    #[test]
    fn durations_are_told_apart() {
        assert!(is_duration("two years"));
        assert!(is_duration("three-day"));
        assert!(is_duration("18 months"));
        assert!(!is_duration("July 26, 1962"));
        assert!(!is_duration("two years ago"));
        assert!(!is_duration("2003"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "$",
            "$ million",
            "- - -",
            "1-",
            "April ,",
            "half",
            "Fourth of",
            "12:",
            "3 -",
            "🙂 3 🙂 percent",
        ] {
            run(s);
        }
    }
}
