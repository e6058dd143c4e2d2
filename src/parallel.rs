//! Many texts on all cores, natively: an archive is annotated a text per
//! thread, and the answers come back in the order of the texts.
//!
//! The core keeps no state between calls but its read-only tables (built once
//! behind `OnceLock`s, shared by every thread), so texts are independent and
//! the speed-up is close to the number of cores. On wasm32 (the page has one
//! worker) [`default_jobs`] is 1 and nothing here spawns a thread.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

/// How many threads to use when the caller does not say: the cores this
/// process may run on (1 when that is unknown).
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `items.iter().map(f).collect()`, on up to `jobs` threads. Each thread
/// takes the next item not yet taken (so one long text does not hold up the
/// others' share), and the results are put back in the items' order. A panic
/// in `f` is re-raised here once every thread has stopped.
pub fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        let mut panic = None;
        for w in workers {
            match w.join() {
                Ok(done) => {
                    for (i, r) in done {
                        slots[i] = Some(r);
                    }
                }
                Err(p) => panic = panic.or(Some(p)),
            }
        }
        if let Some(p) = panic {
            std::panic::resume_unwind(p);
        }
    });
    // Every index below items.len() was taken by exactly one thread, and no
    // thread panicked: every slot is filled.
    slots.into_iter().flatten().collect()
}

/// A stream of items through `work` on up to `jobs` threads, each result
/// handed to `emit` in the items' order as soon as it is next: the command
/// line's way, where the items are files or the lines of standard input and
/// an answer must not wait for later input (a program writing a line and
/// waiting for its answer gets it). `produce` runs on its own thread and
/// offers each item to its argument, which says whether to go on (false once
/// the workers are gone). At most `2 × jobs` items wait for a thread; a
/// result that finished before an earlier one waits for it. With one job
/// everything runs on the calling thread, an item at a time. A panic in
/// `work` is re-raised here.
pub fn stream_in_order<T: Send, R: Send>(
    jobs: usize,
    produce: impl FnOnce(&mut dyn FnMut(T) -> bool) + Send,
    work: impl Fn(T) -> R + Sync,
    mut emit: impl FnMut(R),
) {
    if jobs <= 1 {
        produce(&mut |item| {
            emit(work(item));
            true
        });
        return;
    }
    let (task_tx, task_rx) = mpsc::sync_channel::<(usize, T)>(2 * jobs);
    // Shared by the workers; dropped with the last of them, so that the
    // producer stops if they all die.
    let task_rx = Arc::new(Mutex::new(task_rx));
    let (done_tx, done_rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut index = 0;
            produce(&mut |item| {
                let sent = task_tx.send((index, item)).is_ok();
                index += 1;
                sent
            });
        });
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                let (task_rx, done_tx, work) = (Arc::clone(&task_rx), done_tx.clone(), &work);
                scope.spawn(move || loop {
                    // The lock is held only while waiting for the next item.
                    let next = task_rx.lock().ok().and_then(|rx| rx.recv().ok());
                    let Some((i, item)) = next else { break };
                    if done_tx.send((i, work(item))).is_err() {
                        break;
                    }
                })
            })
            .collect();
        drop((task_rx, done_tx));
        let mut waiting = BTreeMap::new();
        let mut want = 0;
        for (i, r) in done_rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&want) {
                emit(r);
                want += 1;
            }
        }
        // The first panic's own message, not the scope's "a scoped thread panicked".
        for w in workers {
            if let Err(p) = w.join() {
                std::panic::resume_unwind(p);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_whatever_the_threads() {
        let items: Vec<usize> = (0..1000).collect();
        for jobs in [0, 1, 2, 3, 8, 2000] {
            // Uneven work, so that threads finish out of order.
            let out = map_in_order(&items, jobs, |&i| {
                std::hint::black_box(
                    (0..(i % 7) * 1000).fold(i, |a, b| a.wrapping_add(b) % 1_000_003),
                );
                i * 2
            });
            assert_eq!(
                out,
                items.iter().map(|i| i * 2).collect::<Vec<_>>(),
                "jobs {jobs}"
            );
        }
        assert!(map_in_order(&[] as &[u8], 4, |&b| b).is_empty());
    }

    #[test]
    fn annotations_are_the_same_on_many_threads() {
        let texts = [
            "\u{201c}We will go on,\u{201d} said Maria Lindqvist, the mayor of Uppsala.",
            "Reuters reported that 3,000 people marched in Lyon on Monday.",
            "",
            "State media said the talks had failed, sources told the agency.",
        ];
        let one = map_in_order(&texts, 1, |t| crate::annotate(t));
        let many = map_in_order(&texts, 3, |t| crate::annotate(t));
        assert_eq!(one, many);
        assert!(!many[0].attributions.is_empty());
    }

    #[test]
    #[should_panic(expected = "item 5")]
    fn a_panic_in_a_thread_reaches_the_caller() {
        let items: Vec<usize> = (0..10).collect();
        map_in_order(&items, 3, |&i| {
            if i == 5 {
                panic!("item 5");
            }
            i
        });
    }
    #[test]
    fn a_stream_comes_out_in_order_and_whole() {
        for jobs in [1, 2, 5] {
            let mut out = Vec::new();
            stream_in_order(
                jobs,
                |offer| {
                    for i in 0..500usize {
                        if !offer(i) {
                            break;
                        }
                    }
                },
                |i| {
                    std::hint::black_box((0..(i % 5) * 2000).sum::<usize>());
                    i + 1
                },
                |r| out.push(r),
            );
            assert_eq!(out, (1..=500).collect::<Vec<_>>(), "jobs {jobs}");
        }
    }

    #[test]
    fn a_stream_answers_an_item_before_the_next_arrives() {
        // The producer waits for the answer to item i before offering i + 1:
        // this only ends if each answer is emitted without more input.
        let (answered_tx, answered_rx) = mpsc::channel::<usize>();
        let mut out = Vec::new();
        stream_in_order(
            3,
            move |offer| {
                for i in 0..20usize {
                    if !offer(i) {
                        break;
                    }
                    assert_eq!(
                        answered_rx.recv_timeout(std::time::Duration::from_secs(20)),
                        Ok(i)
                    );
                }
            },
            |i| i,
            |r| {
                out.push(r);
                let _ = answered_tx.send(r);
            },
        );
        assert_eq!(out, (0..20).collect::<Vec<_>>());
    }

    #[test]
    #[should_panic(expected = "item 7")]
    fn a_panic_in_a_stream_reaches_the_caller() {
        stream_in_order(
            2,
            |offer| {
                for i in 0..100usize {
                    if !offer(i) {
                        break;
                    }
                }
            },
            |i| {
                if i == 7 {
                    panic!("item 7");
                }
                i
            },
            |_| {},
        );
    }
}
