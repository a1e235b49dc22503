use companion::async_cells::branded::{BrandedFuture, CellExt, Cx, from_std, join, poll_fn};
use companion::ghost::{GhostCell, GhostToken};
use std::cell::Cell;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Poll, Waker};

/// Counts, in a shared counter, the drops of the future it is moved into.
struct DropFlag(Rc<Cell<usize>>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

/// A child that logs each of its polls into the shared `log` ("b1" for the
/// first poll of `b`) and returns its name at its `turns`-th poll.
fn logging_child<'a, 'id>(
    log: &'a GhostCell<'id, Vec<String>>,
    name: char,
    turns: u32,
    drops: &Rc<Cell<usize>>,
) -> impl BrandedFuture<'id, Output = char> + 'a {
    let flag = DropFlag(drops.clone());
    let mut polls = 0;
    poll_fn(move |cx: &mut Cx<'id, '_>| {
        let _owned_by_the_future = &flag;
        polls += 1;
        log.rw(cx).push(format!("{name}{polls}"));
        if polls == turns { Poll::Ready(name) } else { Poll::Pending }
    })
}

/// Polls `future` until it is ready, as an executor would, and calls
/// `after_poll` after each poll with the poll's number. Returns the output
/// and how many polls it took.
fn poll_to_end<'id, F: BrandedFuture<'id>>(
    token: &mut GhostToken<'id>,
    future: F,
    mut after_poll: impl FnMut(u32, &GhostToken<'id>),
) -> (F::Output, u32) {
    let mut future = pin!(future);
    for polls in 1..=100 {
        let ready = future.as_mut().poll(&mut Cx::new(token, Waker::noop()));
        after_poll(polls, token);
        if let Poll::Ready(output) = ready {
            return (output, polls);
        }
    }
    panic!("not ready after 100 polls: does each poll poll every unfinished child?");
}

#[test]
fn outputs_come_in_the_order_given() {
    GhostToken::new(|mut token| {
        let (log, drops) = (GhostCell::new(Vec::new()), Rc::new(Cell::new(0)));
        let children = [('a', 3), ('b', 1), ('c', 2)].map(|(name, turns)| logging_child(&log, name, turns, &drops));
        let (outputs, polls) = poll_to_end(&mut token, join_all(children), |_, _| {});
        assert_eq!(outputs, ['a', 'b', 'c']);
        assert_eq!(polls, 3, "ready at the poll where its slowest child is");
    });
}

#[test]
fn each_poll_polls_every_unfinished_child_once_in_order() {
    GhostToken::new(|mut token| {
        let (log, drops) = (GhostCell::new(Vec::new()), Rc::new(Cell::new(0)));
        let children = [('a', 3), ('b', 1), ('c', 2)].map(|(name, turns)| logging_child(&log, name, turns, &drops));
        poll_to_end(&mut token, join_all(children), |_, _| {});
        assert_eq!(*log.borrow(&token), ["a1", "b1", "c1", "a2", "c2", "a3"]);
    });
}

#[test]
fn with_no_children_it_is_ready_at_once() {
    GhostToken::new(|mut token| {
        let (log, drops) = (GhostCell::new(Vec::new()), Rc::new(Cell::new(0)));
        let none = (0..0).map(|_| logging_child(&log, 'x', 1, &drops));
        let (outputs, polls) = poll_to_end(&mut token, join_all(none), |_, _| {});
        assert_eq!((outputs, polls), (vec![], 1));
    });
}

#[test]
fn a_child_is_dropped_as_soon_as_it_finishes() {
    GhostToken::new(|mut token| {
        let (log, drops) = (GhostCell::new(Vec::new()), Rc::new(Cell::new(0)));
        let children = [('a', 3), ('b', 1), ('c', 2)].map(|(name, turns)| logging_child(&log, name, turns, &drops));
        let mut dropped_after_each_poll = Vec::new();
        poll_to_end(&mut token, join_all(children), |_, _| dropped_after_each_poll.push(drops.get()));
        // b finishes at the first poll, c at the second, a at the third.
        assert_eq!(dropped_after_each_poll, [1, 2, 3]);
    });
}

#[test]
fn dropped_half_way_it_drops_every_child_once() {
    GhostToken::new(|mut token| {
        let (log, drops) = (GhostCell::new(Vec::new()), Rc::new(Cell::new(0)));
        let children = [('a', 3), ('b', 1), ('c', 2)].map(|(name, turns)| logging_child(&log, name, turns, &drops));
        {
            let mut all = pin!(join_all(children));
            assert!(all.as_mut().poll(&mut Cx::new(&mut token, Waker::noop())).is_pending());
        }
        assert_eq!(drops.get(), 3);
    });
}

#[test]
fn a_thousand_children_each_polled_until_it_finishes_and_no_more() {
    GhostToken::new(|mut token| {
        let (log, drops) = (GhostCell::new(Vec::new()), Rc::new(Cell::new(0)));
        let turns_of = |i: u32| i % 7 + 1;
        let children = (0..1000).map(|i| logging_child(&log, char::from_u32(0x4e00 + i).unwrap(), turns_of(i), &drops));
        let (outputs, polls) = poll_to_end(&mut token, join_all(children), |_, _| {});
        assert_eq!(outputs, (0..1000).map(|i| char::from_u32(0x4e00 + i).unwrap()).collect::<Vec<_>>());
        assert_eq!(polls, 7);
        assert_eq!(log.borrow(&token).len() as u32, (0..1000).map(turns_of).sum::<u32>());
        assert_eq!(drops.get(), 1000);
    });
}

#[test]
fn children_need_not_be_unpin() {
    // An `async` block is not `Unpin`: it may hold references into itself.
    let yield_then = |value: u32| {
        from_std(async move {
            let mut yielded = false;
            std::future::poll_fn(|_| if std::mem::replace(&mut yielded, true) { Poll::Ready(()) } else { Poll::Pending }).await;
            value
        })
    };
    GhostToken::new(|mut token| {
        let (outputs, polls) = poll_to_end(&mut token, join_all((1..=3).map(yield_then)), |_, _| {});
        assert_eq!((outputs, polls), (vec![1, 2, 3], 2));
    });
}

#[test]
fn it_joins_like_any_branded_future() {
    GhostToken::new(|mut token| {
        let (log, drops) = (GhostCell::new(Vec::new()), Rc::new(Cell::new(0)));
        let children = [('a', 2), ('b', 1)].map(|(name, turns)| logging_child(&log, name, turns, &drops));
        let alone = logging_child(&log, 'z', 2, &drops);
        let ((outputs, last), _) = poll_to_end(&mut token, join(join_all(children), alone), |_, _| {});
        assert_eq!((outputs, last), (vec!['a', 'b'], 'z'));
        assert_eq!(*log.borrow(&token), ["a1", "b1", "z1", "a2", "z2"]);
    });
}
