//! The call macros. Each evaluates its arguments where it is written, in
//! order, and moves them into the queued call; the method runs later, when
//! the runtime delivers the call.

#![forbid(unsafe_code)]

/// Binds each argument expression to a fresh name, then hands the names to
/// the macro that builds the call. Internal to the macros below.
#[doc(hidden)]
#[macro_export]
macro_rules! __actors_bind {
    ($then:ident { $($ctx:tt)* } [$(($n:ident $v:expr))*] [] [$($pool:ident)*]) => {{
        $(let $n = $v;)*
        $crate::$then!(@bound { $($ctx)* } $($n)*)
    }};
    ($then:ident { $($ctx:tt)* } [$($acc:tt)*] [$v:expr $(, $rest:expr)*] [$n:ident $($pool:ident)*]) => {
        $crate::__actors_bind!($then { $($ctx)* } [$($acc)* ($n $v)] [$($rest),*] [$($pool)*])
    };
    ($then:ident { $($ctx:tt)* } [$($acc:tt)*] [$($rest:expr),+] []) => {
        ::core::compile_error!("an actor call takes at most 8 arguments besides `cx`: pass a struct or a tuple")
    };
}

/// Queues a call of a method of an actor: `call!([target], method(args))`.
///
/// `target` is an [`Actor`](crate::actors::Actor), an
/// [`ActorOwn`](crate::actors::ActorOwn), or `cx` for the actor being called.
/// The method is called later as `state.method(cx, args...)`, with the
/// actor's state and a [`Cx`](crate::actors::Cx); the arguments are
/// evaluated now and moved into the call (at most 8). A call to an actor
/// that is being prepared waits for it; a call to a stopped actor is dropped.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Ret, Runtime, actor, call};
/// use std::time::Instant;
///
/// struct Log(Vec<String>);
/// impl Log {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Log(Vec::new()))
///     }
///     fn line<'id>(&mut self, cx: &mut Cx<'id, '_, Self>, text: &str, again: bool) {
///         self.0.push(text.to_string());
///         if again {
///             call!([cx], line("and again", false)); // to itself, queued
///         }
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let log = actor!(rt, Log::init(), Ret::nop());
///     call!([log], line("hello", true));
///     rt.run(now, false);
///     assert_eq!(log.query(&mut rt, |l, _| l.0.len()), Some(2));
/// });
/// ```
#[macro_export]
macro_rules! call {
    ([$target:expr], $method:ident ( $($arg:expr),* $(,)? )) => {
        $crate::__actors_bind!(call { [$target] $method } [] [$($arg),*] [a0 a1 a2 a3 a4 a5 a6 a7])
    };
    (@bound { [$target:expr] $method:ident } $($n:ident)*) => {
        $crate::actors::AsActor::defer_call(&$target, move |this, cx| { this.$method(cx $(, $n)*); })
    };
}

/// Creates an actor and queues its prep function:
/// `actor!(core, Type::init(args), notify)`, returning its
/// [`ActorOwn`](crate::actors::ActorOwn).
///
/// `core` is the runtime, or `cx` inside an actor. The prep function is
/// called as `Type::init(cx, args...)` and returns `Option<Type>`: `Some`
/// makes the actor ready (calls that arrived meanwhile run then), `None`
/// leaves it in prep, and [`cx.fail(..)`](crate::actors::Cx::fail) stops it.
/// `notify` is a [`Ret<StopCause>`](crate::actors::Ret), told why the actor
/// stopped.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Ret, Runtime, actor};
/// use std::time::Instant;
///
/// struct Greeter {
///     greeting: String,
/// }
/// impl Greeter {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>, word: &str, times: usize) -> Option<Self> {
///         Some(Greeter { greeting: word.repeat(times) })
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let g = actor!(rt, Greeter::init("hi", 2), Ret::nop());
///     rt.run(now, false);
///     assert_eq!(g.query(&mut rt, |g, _| g.greeting.clone()).as_deref(), Some("hihi"));
/// });
/// ```
#[macro_export]
macro_rules! actor {
    ($core:expr, $ty:ident :: $init:ident ( $($arg:expr),* $(,)? ), $notify:expr $(,)?) => {
        $crate::__actors_bind!(actor { $core, $ty, $init, $notify } [] [$($arg),*] [a0 a1 a2 a3 a4 a5 a6 a7])
    };
    (@bound { $core:expr, $ty:ident, $init:ident, $notify:expr } $($n:ident)*) => {{
        let notify = $notify;
        let own = $crate::actors::ActorOwn::new(&$core, notify);
        own.defer_prep(move |cx| $ty::$init(cx $(, $n)*));
        own
    }};
}

/// A [`Ret`](crate::actors::Ret) that delivers its reply as a call:
/// `ret_to!([target], method)` calls `method(cx, Option<M>)`, with `None`
/// when the reply is dropped unused.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Ret, Runtime, actor, ret_to};
/// use std::time::Instant;
///
/// struct Waiter(Vec<Option<u8>>);
/// impl Waiter {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Waiter(Vec::new()))
///     }
///     fn answer<'id>(&mut self, _: &mut Cx<'id, '_, Self>, a: Option<u8>) {
///         self.0.push(a);
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let w = actor!(rt, Waiter::init(), Ret::nop());
///     ret_to!([w], answer).ret(1);
///     drop(ret_to!([w], answer));
///     rt.run(now, false);
///     assert_eq!(w.query(&mut rt, |w, _| w.0.clone()), Some(vec![Some(1), None]));
/// });
/// ```
#[macro_export]
macro_rules! ret_to {
    ([$target:expr], $method:ident) => {
        $crate::actors::Ret::to_actor($crate::actors::AsActor::as_actor(&$target), |this, cx, m| this.$method(cx, m))
    };
}

/// A [`Ret`](crate::actors::Ret) that delivers only a real reply:
/// `ret_some_to!([target], method)` calls `method(cx, M)`; a dropped reply
/// delivers nothing.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Ret, Runtime, actor, ret_some_to};
/// use std::time::Instant;
///
/// struct Total(u32);
/// impl Total {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Total(0))
///     }
///     fn add<'id>(&mut self, _: &mut Cx<'id, '_, Self>, n: u32) {
///         self.0 += n;
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let t = actor!(rt, Total::init(), Ret::nop());
///     ret_some_to!([t], add).ret(4);
///     drop(ret_some_to!([t], add));
///     rt.run(now, false);
///     assert_eq!(t.query(&mut rt, |t, _| t.0), Some(4));
/// });
/// ```
#[macro_export]
macro_rules! ret_some_to {
    ([$target:expr], $method:ident) => {
        $crate::actors::Ret::some_to_actor($crate::actors::AsActor::as_actor(&$target), |this, cx, m| this.$method(cx, m))
    };
}

/// A [`Fwd`](crate::actors::Fwd) whose messages become calls:
/// `fwd_to!([target], method)` calls `method(cx, M)` for each message.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Ret, Runtime, actor, fwd_to};
/// use std::time::Instant;
///
/// struct Sink(u32);
/// impl Sink {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Sink(0))
///     }
///     fn take<'id>(&mut self, _: &mut Cx<'id, '_, Self>, n: u32) {
///         self.0 += n;
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let sink = actor!(rt, Sink::init(), Ret::nop());
///     let fwd = fwd_to!([sink], take);
///     fwd.fwd(1);
///     fwd.fwd(2);
///     rt.run(now, false);
///     assert_eq!(sink.query(&mut rt, |s, _| s.0), Some(3));
/// });
/// ```
#[macro_export]
macro_rules! fwd_to {
    ([$target:expr], $method:ident) => {
        $crate::actors::Fwd::to_actor($crate::actors::AsActor::as_actor(&$target), |this, cx, m| this.$method(cx, m))
    };
}

/// Sets a timer that calls a method: `after!(core, delay, [target],
/// method(args))` returns a [`TimerKey`](crate::actors::TimerKey). The
/// arguments are evaluated now; the call is made when the runtime's clock
/// reaches `now + delay` (and dropped if the actor has stopped by then).
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Ret, Runtime, actor, after};
/// use std::time::{Duration, Instant};
///
/// struct Alarm(bool);
/// impl Alarm {
///     fn init<'id>(cx: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         after!(cx, Duration::from_secs(10), [cx], ring(true));
///         Some(Alarm(false))
///     }
///     fn ring<'id>(&mut self, _: &mut Cx<'id, '_, Self>, on: bool) {
///         self.0 = on;
///     }
/// }
///
/// let start = Instant::now();
/// Runtime::scope(start, |mut rt| {
///     let alarm = actor!(rt, Alarm::init(), Ret::nop());
///     rt.run(start, false);
///     assert_eq!(alarm.query(&mut rt, |a, _| a.0), Some(false));
///     rt.run(start + Duration::from_secs(10), false);
///     assert_eq!(alarm.query(&mut rt, |a, _| a.0), Some(true));
/// });
/// ```
#[macro_export]
macro_rules! after {
    ($core:expr, $delay:expr, [$target:expr], $method:ident ( $($arg:expr),* $(,)? )) => {
        $crate::__actors_bind!(after { $core, $delay, [$target] $method } [] [$($arg),*] [a0 a1 a2 a3 a4 a5 a6 a7])
    };
    (@bound { $core:expr, $delay:expr, [$target:expr] $method:ident } $($n:ident)*) => {{
        let delay: ::std::time::Duration = $delay;
        let actor = ::core::clone::Clone::clone($crate::actors::AsActor::as_actor(&$target));
        $crate::actors::Core::after(&mut *$core, delay, move |rt| {
            actor.apply(rt, move |this, cx| { this.$method(cx $(, $n)*); });
        })
    }};
}

/// Sets a timer that calls a method at an instant: `at!(core, instant,
/// [target], method(args))`, like [`after!`](crate::actors::after).
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Ret, Runtime, actor, at};
/// use std::time::{Duration, Instant};
///
/// struct Clock(Vec<u32>);
/// impl Clock {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Clock(Vec::new()))
///     }
///     fn tick<'id>(&mut self, _: &mut Cx<'id, '_, Self>, n: u32) {
///         self.0.push(n);
///     }
/// }
///
/// let start = Instant::now();
/// Runtime::scope(start, |mut rt| {
///     let clock = actor!(rt, Clock::init(), Ret::nop());
///     at!(rt, start + Duration::from_secs(2), [clock], tick(2));
///     at!(rt, start + Duration::from_secs(1), [clock], tick(1));
///     rt.run(start + Duration::from_secs(3), false);
///     assert_eq!(clock.query(&mut rt, |c, _| c.0.clone()), Some(vec![1, 2]));
/// });
/// ```
#[macro_export]
macro_rules! at {
    ($core:expr, $at:expr, [$target:expr], $method:ident ( $($arg:expr),* $(,)? )) => {
        $crate::__actors_bind!(at { $core, $at, [$target] $method } [] [$($arg),*] [a0 a1 a2 a3 a4 a5 a6 a7])
    };
    (@bound { $core:expr, $at:expr, [$target:expr] $method:ident } $($n:ident)*) => {{
        let at: ::std::time::Instant = $at;
        let actor = ::core::clone::Clone::clone($crate::actors::AsActor::as_actor(&$target));
        $crate::actors::Core::at(&mut *$core, at, move |rt| {
            actor.apply(rt, move |this, cx| { this.$method(cx $(, $n)*); });
        })
    }};
}

/// Sets or moves a max timer that calls a method: `timer_max!(core, &mut
/// key, instant, [target], method(args))`, where `key` is a
/// [`MaxTimerKey`](crate::actors::MaxTimerKey).
///
/// If `key` names a timer that is still set, that timer moves to `instant`
/// if this is later than its expiry (never earlier), and the call written
/// here is ignored: its arguments are not evaluated. Otherwise (the key is
/// the default one, or its timer has fired or been cancelled) a new timer
/// is set for `instant` with this call, and its key stored in `key`. So a
/// field holding the key, updated on every event, makes the call run once
/// the events have stopped for a while.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, MaxTimerKey, Ret, Runtime, actor, call, timer_max};
/// use std::time::{Duration, Instant};
///
/// /// Saves a document once the typing has paused for 300 ms.
/// struct Editor<'id> {
///     save: MaxTimerKey<'id>,
///     saves: Vec<Duration>,
///     start: Instant,
/// }
/// impl<'id> Editor<'id> {
///     fn init(cx: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Editor { save: MaxTimerKey::default(), saves: Vec::new(), start: cx.now() })
///     }
///     fn key_pressed(&mut self, cx: &mut Cx<'id, '_, Self>) {
///         let at = cx.now() + Duration::from_millis(300);
///         timer_max!(cx, &mut self.save, at, [cx], save());
///     }
///     fn save(&mut self, cx: &mut Cx<'id, '_, Self>) {
///         self.saves.push(cx.now() - self.start);
///     }
/// }
///
/// let start = Instant::now();
/// Runtime::scope(start, |mut rt| {
///     let editor = actor!(rt, Editor::init(), Ret::nop());
///     for ms in [0, 100, 200, 1000] {
///         let now = start + Duration::from_millis(ms);
///         // The timers due before this key press fire at their instants.
///         while let Some(due) = rt.next_expiry().filter(|due| *due <= now) {
///             rt.run(due, false);
///         }
///         call!([editor], key_pressed());
///         rt.run(now, false);
///     }
///     while let Some(due) = rt.next_expiry() {
///         rt.run(due, false);
///     }
///     let saves = editor.query(&mut rt, |e, _| e.saves.clone()).unwrap();
///     assert_eq!(saves, [Duration::from_millis(500), Duration::from_millis(1300)]);
/// });
/// ```
#[macro_export]
macro_rules! timer_max {
    ($core:expr, $key:expr, $at:expr, [$target:expr], $method:ident ( $($arg:expr),* $(,)? )) => {{
        let at: ::std::time::Instant = $at;
        // `key` is read here and written below, not borrowed across: the
        // arguments may use what holds it (`self`).
        if !$crate::actors::Core::timer_max_upd(&mut *$core, *$key, at) {
            let key = $crate::__actors_bind!(timer_max { $core, at, [$target] $method } [] [$($arg),*] [a0 a1 a2 a3 a4 a5 a6 a7]);
            *$key = key;
        }
    }};
    (@bound { $core:expr, $at:ident, [$target:expr] $method:ident } $($n:ident)*) => {{
        let actor = ::core::clone::Clone::clone($crate::actors::AsActor::as_actor(&$target));
        $crate::actors::Core::timer_max_add(&mut *$core, $at, move |rt| {
            actor.apply(rt, move |this, cx| { this.$method(cx $(, $n)*); });
        })
    }};
}

/// Sets or moves a min timer that calls a method: `timer_min!(core, &mut
/// key, instant, [target], method(args))`, where `key` is a
/// [`MinTimerKey`](crate::actors::MinTimerKey).
///
/// If `key` names a timer that is still set, that timer moves to `instant`
/// if this is earlier than its expiry (never later), and the call written
/// here is ignored: its arguments are not evaluated. Otherwise a new timer
/// is set for `instant` with this call, and its key stored in `key`. So
/// whoever asks for the earliest time wins.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, MinTimerKey, Ret, Runtime, actor, call, timer_min};
/// use std::time::{Duration, Instant};
///
/// /// Sends a batch at the earliest deadline any of its items asked for.
/// struct Batch<'id> {
///     send: MinTimerKey<'id>,
///     items: Vec<&'static str>,
///     sent: Vec<(Duration, Vec<&'static str>)>,
///     start: Instant,
/// }
/// impl<'id> Batch<'id> {
///     fn init(cx: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Batch { send: MinTimerKey::default(), items: Vec::new(), sent: Vec::new(), start: cx.now() })
///     }
///     fn push(&mut self, cx: &mut Cx<'id, '_, Self>, item: &'static str, within: Duration) {
///         self.items.push(item);
///         let at = cx.now() + within;
///         timer_min!(cx, &mut self.send, at, [cx], send());
///     }
///     fn send(&mut self, cx: &mut Cx<'id, '_, Self>) {
///         self.sent.push((cx.now() - self.start, std::mem::take(&mut self.items)));
///     }
/// }
///
/// let start = Instant::now();
/// Runtime::scope(start, |mut rt| {
///     let batch = actor!(rt, Batch::init(), Ret::nop());
///     call!([batch], push("slow", Duration::from_secs(10)));
///     call!([batch], push("urgent", Duration::from_secs(1)));
///     call!([batch], push("normal", Duration::from_secs(5)));
///     rt.run(start, false);
///     while let Some(due) = rt.next_expiry() {
///         rt.run(due, false);
///     }
///     let sent = batch.query(&mut rt, |b, _| b.sent.clone()).unwrap();
///     assert_eq!(sent, [(Duration::from_secs(1), vec!["slow", "urgent", "normal"])]);
/// });
/// ```
#[macro_export]
macro_rules! timer_min {
    ($core:expr, $key:expr, $at:expr, [$target:expr], $method:ident ( $($arg:expr),* $(,)? )) => {{
        let at: ::std::time::Instant = $at;
        // `key` is read here and written below, not borrowed across: the
        // arguments may use what holds it (`self`).
        if !$crate::actors::Core::timer_min_upd(&mut *$core, *$key, at) {
            let key = $crate::__actors_bind!(timer_min { $core, at, [$target] $method } [] [$($arg),*] [a0 a1 a2 a3 a4 a5 a6 a7]);
            *$key = key;
        }
    }};
    (@bound { $core:expr, $at:ident, [$target:expr] $method:ident } $($n:ident)*) => {{
        let actor = ::core::clone::Clone::clone($crate::actors::AsActor::as_actor(&$target));
        $crate::actors::Core::timer_min_add(&mut *$core, $at, move |rt| {
            actor.apply(rt, move |this, cx| { this.$method(cx $(, $n)*); });
        })
    }};
}

/// Creates a child actor owned by a slab in the calling actor's state, and
/// queues its prep function: `actor_in_slab!(self.children, cx,
/// Type::init(args))`, or with a `notify` last. Returns a plain
/// [`Actor`](crate::actors::Actor) handle to the child.
///
/// `self.children` is an [`ActorOwnSlab`](crate::actors::ActorOwnSlab)
/// field of the actor being called (`cx`'s). When the child stops, it
/// leaves the slab, and then `notify` (a
/// [`Ret<StopCause>`](crate::actors::Ret), none if omitted) is told why.
///
/// # Example
///
/// ```
/// use companion::actors::{ActorOwnSlab, Cx, Ret, Runtime, StopCause, actor, actor_in_slab, call, ret_some_to};
/// use std::time::Instant;
///
/// struct Job;
/// impl Job {
///     fn init<'id>(cx: &mut Cx<'id, '_, Self>, fails: bool) -> Option<Self> {
///         if fails {
///             cx.fail_str("no input");
///         }
///         Some(Job)
///     }
/// }
///
/// struct Runner<'id> {
///     jobs: ActorOwnSlab<'id, Job>,
///     heard: Vec<(String, usize)>,
/// }
/// impl<'id> Runner<'id> {
///     fn init(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Runner { jobs: ActorOwnSlab::new(), heard: Vec::new() })
///     }
///     fn start(&mut self, cx: &mut Cx<'id, '_, Self>) {
///         actor_in_slab!(self.jobs, cx, Job::init(false));
///         actor_in_slab!(self.jobs, cx, Job::init(true), ret_some_to!([cx], stopped));
///     }
///     fn stopped(&mut self, _: &mut Cx<'id, '_, Self>, cause: StopCause) {
///         // The child has left the slab by the time its notify is heard.
///         self.heard.push((cause.to_string(), self.jobs.len()));
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let runner = actor!(rt, Runner::init(), Ret::nop());
///     call!([runner], start());
///     rt.run(now, false);
///     let heard = runner.query(&mut rt, |r, _| r.heard.clone()).unwrap();
///     assert_eq!(heard, [("failed: no input".to_string(), 1)]);
/// });
/// ```
#[macro_export]
macro_rules! actor_in_slab {
    ($self:ident . $children:ident, $cx:expr, $ty:ident :: $init:ident ( $($arg:expr),* $(,)? ) $(,)?) => {
        $crate::actor_in_slab!($self.$children, $cx, $ty::$init($($arg),*), $crate::actors::Ret::nop())
    };
    ($self:ident . $children:ident, $cx:expr, $ty:ident :: $init:ident ( $($arg:expr),* $(,)? ), $notify:expr $(,)?) => {
        $crate::__actors_bind!(actor_in_slab { $self, $children, $cx, $ty, $init, $notify } [] [$($arg),*] [a0 a1 a2 a3 a4 a5 a6 a7])
    };
    (@bound { $self:ident, $children:ident, $cx:expr, $ty:ident, $init:ident, $notify:expr } $($n:ident)*) => {{
        let notify = $notify;
        let parent = ::core::clone::Clone::clone($crate::actors::AsActor::as_actor(&$cx));
        let child = $self.$children.add(&$cx, parent, |state| &mut state.$children, notify);
        child.defer_prep(move |cx| $ty::$init(cx $(, $n)*));
        child
    }};
}

/// A [`Ret<StopCause>`](crate::actors::Ret) that asks the main loop to stop:
/// `ret_shutdown!(core)`, where `core` is the runtime or a `cx`. Given a
/// cause, it passes it to [`Core::shutdown`](crate::actors::Core::shutdown);
/// dropped unused, it asks with [`StopCause::Dropped`](crate::actors::StopCause::Dropped).
/// As the `notify` of the program's main actor, the program ends when that
/// actor stops, and the loop learns why from
/// [`Core::shutdown_reason`](crate::actors::Core::shutdown_reason).
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Runtime, actor, call, ret_shutdown};
/// use std::time::Instant;
///
/// struct App(u32);
/// impl App {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(App(0))
///     }
///     fn work<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
///         self.0 += 1;
///         if self.0 == 3 {
///             cx.stop();
///         } else {
///             call!([cx], work());
///         }
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let app = actor!(rt, App::init(), ret_shutdown!(rt));
///     call!([app], work());
///     while rt.not_shutdown() {
///         rt.run(now, false);
///     }
///     assert_eq!(rt.shutdown_reason().unwrap().to_string(), "stopped");
/// });
/// ```
#[macro_export]
macro_rules! ret_shutdown {
    ($core:expr) => {
        $crate::actors::Core::shutdown_ret(&$core)
    };
}

/// The body of [`lazy!`] and [`idle!`]: queues, on the runtime's queue
/// named by `$queue`, a call of the method on a clone of the target's handle.
#[doc(hidden)]
#[macro_export]
macro_rules! __actors_apply_later {
    ($queue:ident, $core:expr, [$target:expr] $method:ident $($n:ident)*) => {{
        let actor = ::core::clone::Clone::clone($crate::actors::AsActor::as_actor(&$target));
        $crate::actors::Core::$queue(&mut *$core, move |rt| {
            actor.apply(rt, move |this, cx| { this.$method(cx $(, $n)*); });
        })
    }};
}

/// Queues a call of a method on the lazy queue: `lazy!(core, [target],
/// method(args))`, where `core` is the runtime or a `cx`. The call runs
/// once the deferred queue is empty, as [`Core::lazy`](crate::actors::Core::lazy)
/// runs a closure; the arguments are evaluated now. So a flush queued by
/// the first of a burst of calls runs after the whole burst.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Ret, Runtime, actor, call, lazy};
/// use std::time::Instant;
///
/// /// Collects lines, and writes them out once per burst.
/// struct Output {
///     pending: Vec<&'static str>,
///     written: Vec<Vec<&'static str>>,
/// }
/// impl Output {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Output { pending: Vec::new(), written: Vec::new() })
///     }
///     fn line<'id>(&mut self, cx: &mut Cx<'id, '_, Self>, text: &'static str) {
///         if self.pending.is_empty() {
///             lazy!(cx, [cx], flush());
///         }
///         self.pending.push(text);
///     }
///     fn flush<'id>(&mut self, _: &mut Cx<'id, '_, Self>) {
///         self.written.push(std::mem::take(&mut self.pending));
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let out = actor!(rt, Output::init(), Ret::nop());
///     for text in ["a", "b", "c"] {
///         call!([out], line(text));
///     }
///     rt.run(now, false);
///     assert_eq!(out.query(&mut rt, |o, _| o.written.clone()), Some(vec![vec!["a", "b", "c"]]));
/// });
/// ```
#[macro_export]
macro_rules! lazy {
    ($core:expr, [$target:expr], $method:ident ( $($arg:expr),* $(,)? )) => {
        $crate::__actors_bind!(lazy { $core, [$target] $method } [] [$($arg),*] [a0 a1 a2 a3 a4 a5 a6 a7])
    };
    (@bound { $core:expr, [$target:expr] $method:ident } $($n:ident)*) => {
        $crate::__actors_apply_later!(lazy, $core, [$target] $method $($n)*)
    };
}

/// Queues a call of a method on the idle queue: `idle!(core, [target],
/// method(args))`, where `core` is the runtime or a `cx`. One idle call
/// runs per [`Runtime::run`](crate::actors::Runtime::run) with `idle` set,
/// once everything else has run, as [`Core::idle`](crate::actors::Core::idle)
/// runs a closure; the arguments are evaluated now. An actor that asks for
/// more work this way gets it only when the runtime has nothing else to do.
///
/// # Example
///
/// ```
/// use companion::actors::{Cx, Ret, Runtime, actor, call, idle};
/// use std::time::Instant;
///
/// /// Reads a file in chunks, one chunk each time the runtime is idle.
/// struct Reader {
///     left: u32,
///     read: u32,
/// }
/// impl Reader {
///     fn init<'id>(cx: &mut Cx<'id, '_, Self>, chunks: u32) -> Option<Self> {
///         idle!(cx, [cx], next());
///         Some(Reader { left: chunks, read: 0 })
///     }
///     fn next<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
///         self.read += 1;
///         self.left -= 1;
///         if self.left > 0 {
///             idle!(cx, [cx], next());
///         }
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let reader = actor!(rt, Reader::init(3), Ret::nop());
///     rt.run(now, false);
///     assert_eq!(reader.query(&mut rt, |r, _| r.read), Some(0), "not idle: nothing read");
///     while rt.run(now, true) {}
///     assert_eq!(reader.query(&mut rt, |r, _| r.read), Some(3));
/// });
/// ```
#[macro_export]
macro_rules! idle {
    ($core:expr, [$target:expr], $method:ident ( $($arg:expr),* $(,)? )) => {
        $crate::__actors_bind!(idle { $core, [$target] $method } [] [$($arg),*] [a0 a1 a2 a3 a4 a5 a6 a7])
    };
    (@bound { $core:expr, [$target:expr] $method:ident } $($n:ident)*) => {
        $crate::__actors_apply_later!(idle, $core, [$target] $method $($n)*)
    };
}

/// A [`Ret`](crate::actors::Ret) that makes the actor of `cx` fail when it
/// is answered, whatever the answer, or dropped: `ret_fail!(cx, "format",
/// args)` fails with the formatted message, `ret_fail!(cx, error)` with an
/// error value. The message or error is made now.
///
/// As the `notify` of a child that should live as long as its parent, it
/// makes any stop of the child, even a clean one, a failure of the parent,
/// so failures climb the tree until an actor that can handle them. To let
/// a child stop or be killed without harm, use
/// [`ret_failthru!`](crate::actors::ret_failthru).
///
/// # Example
///
/// ```
/// use companion::actors::{ActorOwn, Cx, Runtime, actor, call, ret_fail, ret_shutdown};
/// use std::time::Instant;
///
/// struct Link;
/// impl Link {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Link)
///     }
///     fn hang_up<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
///         cx.stop();
///     }
/// }
///
/// struct Session<'id> {
///     link: ActorOwn<'id, Link>,
/// }
/// impl<'id> Session<'id> {
///     fn init(cx: &mut Cx<'id, '_, Self>, user: &str) -> Option<Self> {
///         let link = actor!(cx, Link::init(), ret_fail!(cx, "the link of {user} is gone"));
///         call!([link], hang_up());
///         Some(Session { link })
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let _session = actor!(rt, Session::init("ada"), ret_shutdown!(rt));
///     rt.run(now, false);
///     assert_eq!(rt.shutdown_reason().unwrap().to_string(), "failed: the link of ada is gone");
/// });
/// ```
#[macro_export]
macro_rules! ret_fail {
    ($cx:expr, $format:literal $(, $arg:expr)* $(,)?) => {{
        let message = ::std::format!($format $(, $arg)*);
        $crate::ret_fail!(@fail $cx, |cx| cx.fail_string(message))
    }};
    ($cx:expr, $error:expr $(,)?) => {{
        let error = $error;
        $crate::ret_fail!(@fail $cx, |cx| cx.fail(error))
    }};
    (@fail $cx:expr, |$fcx:ident| $fail:expr) => {
        $crate::actors::Ret::to_actor($crate::actors::AsActor::as_actor(&$cx), move |_, $fcx, _| $fail)
    };
}

/// A [`Ret<StopCause>`](crate::actors::Ret) that makes the actor of `cx`
/// fail if the actor it is the `notify` of failed or panicked:
/// `ret_failthru!(cx, "format", args)` or `ret_failthru!(cx, error)`, as
/// [`ret_fail!`](crate::actors::ret_fail). A child that stops, is killed or
/// is dropped (a stop its parent asked for, or expects) leaves the parent
/// running.
///
/// # Example
///
/// ```
/// use companion::actors::{ActorOwn, Cx, Runtime, actor, call, ret_failthru, ret_shutdown};
/// use std::time::Instant;
///
/// struct Step;
/// impl Step {
///     fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         Some(Step)
///     }
///     fn finish<'id>(&mut self, cx: &mut Cx<'id, '_, Self>, ok: bool) {
///         if ok { cx.stop() } else { cx.fail_str("bad input") }
///     }
/// }
///
/// struct Job<'id> {
///     steps: Vec<ActorOwn<'id, Step>>,
/// }
/// impl<'id> Job<'id> {
///     fn init(cx: &mut Cx<'id, '_, Self>) -> Option<Self> {
///         let steps: Vec<_> = (1..=2).map(|n| actor!(cx, Step::init(), ret_failthru!(cx, "step {n} failed"))).collect();
///         call!([steps[0]], finish(true));
///         Some(Job { steps })
///     }
///     fn fail_second(&mut self, _: &mut Cx<'id, '_, Self>) {
///         call!([self.steps[1]], finish(false));
///     }
/// }
///
/// let now = Instant::now();
/// Runtime::scope(now, |mut rt| {
///     let job = actor!(rt, Job::init(), ret_shutdown!(rt));
///     rt.run(now, false);
///     assert!(job.is_ready(), "the first step stopped cleanly");
///     call!([job], fail_second());
///     rt.run(now, false);
///     assert_eq!(rt.shutdown_reason().unwrap().to_string(), "failed: step 2 failed");
/// });
/// ```
#[macro_export]
macro_rules! ret_failthru {
    ($cx:expr, $format:literal $(, $arg:expr)* $(,)?) => {{
        let message = ::std::format!($format $(, $arg)*);
        $crate::ret_failthru!(@fail $cx, |cx| cx.fail_string(message))
    }};
    ($cx:expr, $error:expr $(,)?) => {{
        let error = $error;
        $crate::ret_failthru!(@fail $cx, |cx| cx.fail(error))
    }};
    (@fail $cx:expr, |$fcx:ident| $fail:expr) => {
        $crate::actors::Ret::some_to_actor(
            $crate::actors::AsActor::as_actor(&$cx),
            move |_, $fcx, cause: $crate::actors::StopCause| {
                if ::core::matches!(cause, $crate::actors::StopCause::Failed(_) | $crate::actors::StopCause::Panicked) {
                    $fail
                }
            },
        )
    };
}
