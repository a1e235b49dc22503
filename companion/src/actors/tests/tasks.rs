//! Tasks that wait for actors' replies.

use super::*;

#[test]
fn a_task_waits_for_an_actor_s_reply_and_writes_a_share() {
    struct Doubler;
    impl Doubler {
        fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
            Some(Doubler)
        }
        fn double<'id>(&mut self, _: &mut Cx<'id, '_, Self>, n: u32, ret: Ret<'id, u32>) {
            ret.ret(n * 2);
        }
    }
    let t = start();
    Runtime::scope(t, |mut rt| {
        let doubler = actor!(rt, Doubler::init(), Ret::nop());
        let out = Share::new(Vec::new());
        let o = out.clone();
        let mut n = 1;
        let mut waiting: Option<task::Reply<u32>> = None;
        rt.spawn(poll_fn(move |cx| {
            loop {
                let reply = waiting.get_or_insert_with(|| {
                    let (ret, reply) = task::reply();
                    call!([doubler], double(n, ret));
                    reply
                });
                let Poll::Ready(answer) = Pin::new(reply).poll(cx) else { return Poll::Pending };
                waiting = None;
                let answer = answer.expect("the doubler answers");
                o.rw(cx).push(answer);
                n = answer;
                if n > 100 {
                    return Poll::Ready(());
                }
            }
        }));
        rt.run(t, false);
        assert_eq!(*out.ro(&rt), [2, 4, 8, 16, 32, 64, 128]);
        assert_eq!(rt.task_count(), 0);
    });
}

#[test]
fn a_task_s_reply_is_none_when_the_actor_stops_without_answering() {
    let (l, drops, t) = (log(), Rc::new(Cell::new(0)), start());
    Runtime::scope(t, |mut rt| {
        let a = actor!(rt, Probe::init("a", l.clone(), drops.clone()), Ret::nop());
        call!([a], finish());
        let got = Share::new(Some(Some(0)));
        let g = got.clone();
        let mut reply = None;
        rt.spawn(poll_fn(move |cx| {
            let r = reply.get_or_insert_with(|| {
                let (ret, reply) = task::reply::<u32>();
                call!([a], answer(ret, true));
                reply
            });
            let Poll::Ready(answer) = Pin::new(r).poll(cx) else { return Poll::Pending };
            *g.rw(cx) = Some(answer);
            Poll::Ready(())
        }));
        rt.run(t, false);
        assert_eq!(*got.ro(&rt), Some(None));
    });
}
