//! One stable sort for the whole core, by a `u64` key.
//!
//! Every `sort_by` / `sort_by_key` is a new copy of the standard library's
//! stable sort (~5 KB of wasm each; fourteen of them were 15% of the shipped
//! code, all compiled by the browser on the first call). Here the sort itself
//! runs once, on `(key, index)` pairs, and only the small permutation step is
//! generic; the index breaks ties, so equal keys keep their order.

/// Up to this length, a sort is an insertion sort.
const SMALL: usize = 16;

/// Sorts `v` by `key`, keeping the order of equal keys. O(n log n); no
/// allocation when `v` is already in order.
pub fn stable_sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> u64) {
    if v.len() <= SMALL {
        // insertion sort: at most SMALL^2 / 2 steps, no allocation (most
        // sorts here are of a sentence's few spans)
        for i in 1..v.len() {
            let k = key(&v[i]);
            let mut j = i;
            while j > 0 && key(&v[j - 1]) > k {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    if v.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return;
    }
    let mut keyed: Vec<(u64, u32)> = v
        .iter()
        .enumerate()
        .map(|(i, x)| (key(x), i as u32))
        .collect();
    sort_pairs(&mut keyed);
    // Position k takes the element at keyed[k].1: follow each cycle once.
    let mut placed = vec![false; v.len()];
    for start in 0..v.len() {
        let mut j = start;
        while !placed[j] {
            placed[j] = true;
            let from = keyed[j].1 as usize;
            if from == start {
                break;
            }
            v.swap(j, from);
            j = from;
        }
    }
}

/// The one instance of the standard sort (indices are distinct, so unstable is exact).
#[inline(never)]
fn sort_pairs(keyed: &mut [(u64, u32)]) {
    keyed.sort_unstable();
}

/// Two `u32`-sized numbers as one key: by `a`, then by `b`. Offsets and
/// token indices of one text fit in 32 bits (a wasm `usize`); larger values
/// saturate.
pub fn key2(a: usize, b: usize) -> u64 {
    (a.min(u32::MAX as usize) as u64) << 32 | b.min(u32::MAX as usize) as u64
}

/// A key that orders `b` from the largest down.
pub fn desc(b: usize) -> usize {
    (u32::MAX as usize).saturating_sub(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // pseudo-random (start, end, id) spans with many ties
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for n in [0, 1, 2, 5, SMALL, SMALL + 1, 500] {
            let mut spans: Vec<(usize, usize, usize)> = (0..n)
                .map(|id| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ((x % 40) as usize, (x / 40 % 9) as usize, id)
                })
                .collect();
            let mut want = spans.clone();
            want.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            stable_sort_by_key(&mut spans, |s| key2(s.0, desc(s.1)));
            assert_eq!(spans, want);
        }
    }

    #[test]
    fn sorted_and_tiny_inputs_stay() {
        let mut v = vec![(1, 'a'), (1, 'b'), (2, 'c')];
        stable_sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(1, 'a'), (1, 'b'), (2, 'c')]);
        let mut one = vec![7u64];
        stable_sort_by_key(&mut one, |&n| n);
        let mut none: Vec<u8> = Vec::new();
        stable_sort_by_key(&mut none, |&n| n as u64);
        assert_eq!((one, none.len()), (vec![7u64], 0));
    }
}
