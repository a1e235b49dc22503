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
