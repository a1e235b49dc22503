//! Shares written by several actors and read from outside.

use super::*;

#[test]
fn shares_are_written_by_several_actors_and_read_from_outside() {
    struct Producer<'id> {
        tally: Share<'id, Vec<u32>>,
    }
    impl<'id> Producer<'id> {
        fn init(_: &mut Cx<'id, '_, Self>, tally: Share<'id, Vec<u32>>) -> Option<Self> {
            Some(Producer { tally })
        }
        fn produce(&mut self, cx: &mut Cx<'id, '_, Self>, n: u32) {
            self.tally.rw(cx).push(n);
            let len = self.tally.ro(cx).len();
            if len < 6 {
                call!([cx], produce(n + 10));
            }
        }
    }
    let t = start();
    Runtime::scope(t, |mut rt| {
        let tally = Share::new(Vec::new());
        let weak = tally.downgrade();
        let a = actor!(rt, Producer::init(tally.clone()), Ret::nop());
        let b = actor!(rt, Producer::init(tally.clone()), Ret::nop());
        call!([a], produce(1));
        call!([b], produce(2));
        rt.run(t, false);
        assert_eq!(*tally.ro(&rt), [1, 2, 11, 12, 21, 22, 31]);
        drop((a, b, tally));
        rt.run(t, false);
        assert!(weak.upgrade().is_none(), "the actors held the last strong handles");
    });
}

#[test]
fn weak_and_strong_counts_seen_from_either_kind_of_handle() {
    let t = start();
    Runtime::scope(t, |rt| {
        let share = Share::new(12_u32);
        assert_eq!((share.strong_count(), share.weak_count()), (1, 0));
        let weak = share.downgrade();
        assert_eq!((share.strong_count(), share.weak_count()), (1, 1));
        assert_eq!((weak.strong_count(), weak.weak_count()), (1, 1));
        let again = weak.clone();
        let second = share.clone();
        assert_eq!((again.strong_count(), again.weak_count()), (2, 2));
        assert_eq!(*weak.upgrade().unwrap().ro(&rt), 12);
        drop((share, second));
        assert_eq!((weak.strong_count(), weak.weak_count()), (0, 0), "gone: no strong handle, and no weak count either");
        assert!(again.upgrade().is_none());
    });
}
