//! `char::is_alphabetic`, `is_numeric`, `is_alphanumeric`, `is_uppercase` and
//! `is_lowercase` with one table load for every character below U+2080
//! (Latin, Greek, Cyrillic, Arabic, Devanagari..., general punctuation): the
//! standard library's search of its Unicode tables costs hundreds of
//! instructions a non-ASCII character. The tables are written by `build.rs`
//! from the same standard library, so the answers are the same for every
//! character (see the test).

include!(concat!(env!("OUT_DIR"), "/chars.rs"));

#[inline]
fn bit(table: &[u64], u: u32) -> bool {
    table
        .get((u >> 6) as usize)
        .map_or(false, |w| (w >> (u & 63)) & 1 != 0)
}

/// `$name(c)`: `$ascii` below U+0080, the bit of `$table` below
/// [`TABLE_END`], else the standard library's `$std`.
macro_rules! class {
    ($(#[$doc:meta])* $name:ident, $ascii:ident, [$($table:ident),+], $std:ident) => {
        $(#[$doc])*
        #[inline]
        pub fn $name(c: char) -> bool {
            let u = c as u32;
            if u < 0x80 {
                c.$ascii()
            } else if u < TABLE_END {
                $(bit(&$table, u))||+
            } else {
                c.$std()
            }
        }
    };
}

class!(
    is_alphabetic,
    is_ascii_alphabetic,
    [ALPHABETIC],
    is_alphabetic
);
class!(is_numeric, is_ascii_digit, [NUMERIC], is_numeric);
class!(
    is_alphanumeric,
    is_ascii_alphanumeric,
    [ALPHABETIC, NUMERIC],
    is_alphanumeric
);
class!(is_uppercase, is_ascii_uppercase, [UPPERCASE], is_uppercase);
class!(is_lowercase, is_ascii_lowercase, [LOWERCASE], is_lowercase);

#[cfg(test)]
mod tests {
    #[test]
    fn same_as_the_standard_library() {
        for u in 0..=0x10FFFFu32 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(super::is_alphabetic(c), c.is_alphabetic(), "{u:#x}");
            assert_eq!(super::is_numeric(c), c.is_numeric(), "{u:#x}");
            assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{u:#x}");
            assert_eq!(super::is_uppercase(c), c.is_uppercase(), "{u:#x}");
            assert_eq!(super::is_lowercase(c), c.is_lowercase(), "{u:#x}");
        }
    }
}
