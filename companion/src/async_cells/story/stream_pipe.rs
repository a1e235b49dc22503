//! The story's StreamPipe: a `Stream` fed by code outside the runtime.
//!
//! A producer thread sends items over a channel and wakes the stream through
//! the waker it registered. On the runtime's side, a buffer is shared by the
//! stream and by the code that moves deliveries into it, `request_more`. The
//! bug of the story is a `request_more` that fills the buffer at once, while
//! `poll_next` still has it borrowed.

#![forbid(unsafe_code)]

use futures::task::AtomicWaker;
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::task::Waker;
use std::thread::{self, JoinHandle};

/// What the stream and `request_more` share: items delivered but not yet
/// yielded, and whether the producer has finished.
///
/// # Example
///
/// ```
/// use companion::async_cells::story::stream_pipe::Buffer;
///
/// let mut buffer = Buffer::new();
/// buffer.items.push_back('a');
/// assert_eq!(buffer.items.len(), 1);
/// ```
#[derive(Debug)]
pub struct Buffer<T> {
    /// Delivered items, oldest first.
    pub items: VecDeque<T>,
    /// The producer has finished and everything it sent is in `items`.
    pub end: bool,
}

impl<T> Buffer<T> {
    /// An empty buffer of a producer that has not finished.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::story::stream_pipe::Buffer;
    ///
    /// let buffer = Buffer::<u8>::new();
    /// assert!(buffer.items.is_empty() && !buffer.end);
    /// ```
    pub fn new() -> Self {
        Buffer { items: VecDeque::new(), end: false }
    }

    /// Records one delivery of the source.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::story::stream_pipe::{Buffer, Delivery};
    ///
    /// let mut buffer = Buffer::new();
    /// buffer.accept(Delivery::Item(7));
    /// buffer.accept(Delivery::Finished);
    /// assert_eq!((buffer.items.pop_front(), buffer.end), (Some(7), true));
    /// ```
    pub fn accept(&mut self, delivery: Delivery<T>) {
        match delivery {
            Delivery::Item(item) => self.items.push_back(item),
            Delivery::Nothing => {}
            Delivery::Finished => self.end = true,
        }
    }
}

impl<T> Default for Buffer<T> {
    fn default() -> Self {
        Buffer::new()
    }
}

/// What one look at the source found.
///
/// # Example
///
/// ```
/// use companion::async_cells::story::stream_pipe::{Delivery, Source};
///
/// let source = Source::delivered(vec![1]);
/// assert_eq!(source.take(), Delivery::Item(1));
/// assert_eq!(source.take(), Delivery::Finished);
/// ```
#[derive(Debug, PartialEq, Eq)]
pub enum Delivery<T> {
    /// The next item.
    Item(T),
    /// Nothing yet: the producer will wake the registered waker when it sends.
    Nothing,
    /// The producer has finished and everything it sent was taken.
    Finished,
}

/// The runtime's end of the producer: a channel and the waker the producer
/// wakes after each send.
///
/// `Source` is `Send`, but the pipes keep it on the runtime's thread.
///
/// # Example
///
/// ```
/// use companion::async_cells::story::stream_pipe::{Delivery, Source};
/// use std::time::Duration;
///
/// let (source, producer) = Source::spawn(vec!["x"], Duration::from_millis(1));
/// producer.join().unwrap();
/// assert_eq!(source.take(), Delivery::Item("x"));
/// ```
#[derive(Debug)]
pub struct Source<T> {
    items: Receiver<T>,
    waker: Arc<AtomicWaker>,
}

impl<T: Send + 'static> Source<T> {
    /// Starts a producer thread that sends `items` one by one, sleeping
    /// `pause` before each, and wakes the registered waker after each send
    /// and once more when it has finished.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::story::stream_pipe::{Delivery, Source};
    /// use std::time::Duration;
    ///
    /// let (source, producer) = Source::spawn(vec![1, 2], Duration::ZERO);
    /// producer.join().unwrap();
    /// assert_eq!(source.take(), Delivery::Item(1));
    /// assert_eq!(source.take(), Delivery::Item(2));
    /// assert_eq!(source.take(), Delivery::Finished);
    /// ```
    pub fn spawn(items: Vec<T>, pause: std::time::Duration) -> (Self, JoinHandle<()>) {
        let (sender, receiver) = mpsc::channel();
        let waker = Arc::new(AtomicWaker::new());
        let bell = Arc::clone(&waker);
        let producer = thread::spawn(move || {
            for item in items {
                thread::sleep(pause);
                if sender.send(item).is_err() {
                    return; // the pipe is gone: nobody to deliver to
                }
                bell.wake();
            }
            drop(sender);
            bell.wake();
        });
        (Source { items: receiver, waker }, producer)
    }
}

impl<T> Source<T> {
    /// A source whose producer has already delivered `items` and finished:
    /// every item is there before the first poll, so `request_more` always
    /// finds one. Deterministic, for tests.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::story::stream_pipe::{Delivery, Source};
    ///
    /// let source = Source::delivered(vec!["a"]);
    /// assert_eq!(source.take(), Delivery::Item("a"));
    /// assert_eq!(source.take(), Delivery::Finished);
    /// ```
    pub fn delivered(items: Vec<T>) -> Self {
        let (sender, receiver) = mpsc::channel();
        for item in items {
            sender.send(item).expect("the receiver is alive");
        }
        Source { items: receiver, waker: Arc::new(AtomicWaker::new()) }
    }

    /// Asks the producer to wake `waker` at its next send (or when it finishes).
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::story::stream_pipe::Source;
    /// use std::task::Waker;
    ///
    /// let source = Source::<u8>::delivered(vec![]);
    /// source.register(Waker::noop());
    /// ```
    pub fn register(&self, waker: &Waker) {
        self.waker.register(waker);
    }

    /// Takes the next delivery without waiting.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::story::stream_pipe::{Delivery, Source};
    ///
    /// assert_eq!(Source::<u8>::delivered(vec![]).take(), Delivery::Finished);
    /// ```
    pub fn take(&self) -> Delivery<T> {
        match self.items.try_recv() {
            Ok(item) => Delivery::Item(item),
            Err(TryRecvError::Empty) => Delivery::Nothing,
            Err(TryRecvError::Disconnected) => Delivery::Finished,
        }
    }
}

/// The original: `Rc<RefCell<Buffer<T>>>`, which compiles and panics.
pub mod refcell {
    use super::{Buffer, Source};
    use futures_core::Stream;
    use std::cell::RefCell;
    use std::pin::Pin;
    use std::rc::Rc;
    use std::task::{Context, Poll};

    /// The story's pipe with a run-time checked buffer.
    ///
    /// # Example
    ///
    /// ```should_panic
    /// use companion::async_cells::story::stream_pipe::{Source, refcell::StreamPipe};
    /// use futures::StreamExt;
    ///
    /// let pipe = StreamPipe::new(Source::delivered(vec![1, 2]));
    /// // panics: "RefCell already borrowed"
    /// let _: Vec<u32> = futures::executor::block_on(pipe.collect());
    /// ```
    pub struct StreamPipe<T> {
        buffer: Rc<RefCell<Buffer<T>>>,
        source: Rc<Source<T>>,
        request_more: Rc<dyn Fn()>,
    }

    impl<T: 'static> StreamPipe<T> {
        /// A pipe whose `request_more` moves the source's next delivery into
        /// the buffer at once. The first poll that finds the buffer empty and
        /// the source not (any delivery, even "finished") panics.
        ///
        /// # Example
        ///
        /// ```should_panic
        /// use companion::async_cells::story::stream_pipe::{Source, refcell::StreamPipe};
        /// use futures::executor::block_on_stream;
        ///
        /// // panics: "RefCell already borrowed"
        /// let items: Vec<u8> = block_on_stream(StreamPipe::new(Source::delivered(vec![1]))).collect();
        /// ```
        pub fn new(source: Source<T>) -> Self {
            let buffer = Rc::new(RefCell::new(Buffer::new()));
            let source = Rc::new(source);
            let request_more = {
                let buffer = Rc::clone(&buffer);
                let source = Rc::clone(&source);
                // The shortcut that looks harmless: deliver now if we can.
                Rc::new(move || buffer.borrow_mut().accept(source.take())) as Rc<dyn Fn()>
            };
            StreamPipe { buffer, source, request_more }
        }
    }

    impl<T> Stream for StreamPipe<T> {
        type Item = T;

        /// # Panics
        ///
        /// With "RefCell already borrowed" as soon as `request_more` finds a
        /// delivery: the `RefMut` guard of this call is still alive.
        fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
            let mut buffer = self.buffer.borrow_mut();
            if let Some(item) = buffer.items.pop_front() {
                return Poll::Ready(Some(item));
            }
            if buffer.end {
                return Poll::Ready(None);
            }
            self.source.register(cx.waker());
            (self.request_more)();
            Poll::Pending
        }
    }
}

/// The branded version, corrected: the buffer is a `GhostCell` opened with
/// `rw(cx)`, and `request_more` takes `cx`.
///
/// A branded stream cannot implement `futures_core::Stream`, whose
/// `poll_next` takes a std `Context`; [`branded::StreamPipe::poll_next`] is
/// the same method with [`Cx`](crate::async_cells::branded::Cx) instead, and
/// [`branded::StreamPipe::collect`] drains it. The
/// story's bug does not compile here: calling `request_more(cx)` while the
/// buffer is open, and using the buffer afterwards, borrows `cx` mutably
/// twice (E0499; the soundness case `stream_pipe_branded_buffer_across_request`).
pub mod branded {
    use super::{Buffer, Delivery, Source};
    use crate::async_cells::branded::{BrandedFuture, CellExt, Cx, poll_fn};
    use crate::ghost::GhostCell;
    use std::rc::Rc;
    use std::task::Poll;

    /// The callback that moves the source's deliveries into the buffer; it
    /// needs the owner to write the buffer, so it takes `cx`. It returns
    /// whether it found anything.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::Cx;
    /// use companion::async_cells::story::stream_pipe::branded::RequestMore;
    /// use companion::ghost::GhostToken;
    /// use std::rc::Rc;
    /// use std::task::Waker;
    ///
    /// GhostToken::new(|mut token| {
    ///     let nothing: RequestMore<'_> = Rc::new(|_cx: &mut Cx<'_, '_>| false);
    ///     assert!(!nothing(&mut Cx::new(&mut token, Waker::noop())));
    /// });
    /// ```
    pub type RequestMore<'id> = Rc<dyn Fn(&mut Cx<'id, '_>) -> bool + 'id>;

    /// The story's pipe with a branded buffer.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::branded::Executor;
    /// use companion::async_cells::story::stream_pipe::{Source, branded::StreamPipe};
    /// use companion::ghost::GhostToken;
    ///
    /// let items = GhostToken::new(|token| {
    ///     Executor::new(token).block_on(StreamPipe::new(Source::delivered(vec!['a', 'b'])).collect())
    /// });
    /// assert_eq!(items, ['a', 'b']);
    /// ```
    pub struct StreamPipe<'id, T> {
        buffer: Rc<GhostCell<'id, Buffer<T>>>,
        source: Rc<Source<T>>,
        request_more: RequestMore<'id>,
    }

    impl<'id, T: 'id> StreamPipe<'id, T> {
        /// A pipe whose `request_more` moves the source's next delivery into
        /// the buffer at once: the same shortcut as the original, sound here.
        ///
        /// # Example
        ///
        /// ```
        /// use companion::async_cells::branded::Executor;
        /// use companion::async_cells::story::stream_pipe::{Source, branded::StreamPipe};
        /// use companion::ghost::GhostToken;
        ///
        /// GhostToken::new(|token| {
        ///     let mut executor = Executor::new(token);
        ///     let pipe = StreamPipe::new(Source::delivered(vec![1, 2, 3]));
        ///     assert_eq!(executor.block_on(pipe.collect()), [1, 2, 3]);
        /// });
        /// ```
        pub fn new(source: Source<T>) -> Self {
            let buffer = Rc::new(GhostCell::new(Buffer::new()));
            let source = Rc::new(source);
            let request_more: RequestMore<'id> = {
                let buffer = Rc::clone(&buffer);
                let source = Rc::clone(&source);
                Rc::new(move |cx: &mut Cx<'id, '_>| match source.take() {
                    Delivery::Nothing => false,
                    delivery => {
                        buffer.rw(cx).accept(delivery);
                        true
                    }
                })
            };
            StreamPipe { buffer, source, request_more }
        }

        /// The next item: `Ready(Some(item))`, `Ready(None)` once the producer
        /// has finished and everything was yielded, or `Pending` with the
        /// task's waker registered with the producer.
        ///
        /// # Example
        ///
        /// ```
        /// use companion::async_cells::branded::Cx;
        /// use companion::async_cells::story::stream_pipe::{Source, branded::StreamPipe};
        /// use companion::ghost::GhostToken;
        /// use std::task::{Poll, Waker};
        ///
        /// GhostToken::new(|mut token| {
        ///     let mut cx = Cx::new(&mut token, Waker::noop());
        ///     let mut pipe = StreamPipe::new(Source::delivered(vec!['x']));
        ///     assert_eq!(pipe.poll_next(&mut cx), Poll::Ready(Some('x')));
        ///     assert_eq!(pipe.poll_next(&mut cx), Poll::Ready(None));
        /// });
        /// ```
        pub fn poll_next(&mut self, cx: &mut Cx<'id, '_>) -> Poll<Option<T>> {
            // Registered before looking, so a send after the look wakes us.
            self.source.register(cx.waker());
            loop {
                let buffer = self.buffer.rw(cx);
                if let Some(item) = buffer.items.pop_front() {
                    return Poll::Ready(Some(item));
                }
                if buffer.end {
                    return Poll::Ready(None);
                }
                // `buffer` is not used below: its borrow of `cx` has ended,
                // so the callback may take `cx` and fill the buffer.
                if !(self.request_more)(cx) {
                    return Poll::Pending;
                }
            }
        }

        /// A branded future of every item, in order, until the producer
        /// finishes.
        ///
        /// # Example
        ///
        /// A producer thread outside the executor feeds the pipe and wakes it:
        ///
        /// ```
        /// use companion::async_cells::branded::Executor;
        /// use companion::async_cells::story::stream_pipe::{Source, branded::StreamPipe};
        /// use companion::ghost::GhostToken;
        /// use std::time::Duration;
        ///
        /// let (source, producer) = Source::spawn((0..5).collect(), Duration::from_millis(1));
        /// let items = GhostToken::new(|token| {
        ///     Executor::new(token).block_on(StreamPipe::new(source).collect())
        /// });
        /// producer.join().unwrap();
        /// assert_eq!(items, [0, 1, 2, 3, 4]);
        /// ```
        pub fn collect(mut self) -> impl BrandedFuture<'id, Output = Vec<T>> {
            let mut items = Vec::new();
            poll_fn(move |cx| loop {
                match self.poll_next(cx) {
                    Poll::Ready(Some(item)) => items.push(item),
                    Poll::Ready(None) => return Poll::Ready(std::mem::take(&mut items)),
                    Poll::Pending => return Poll::Pending,
                }
            })
        }
    }
}

/// The std-future version, corrected: a real `futures_core::Stream` whose
/// buffer is a `TLCell`, opened with the owner that a
/// [`Lend`](crate::async_cells::lent::Lend) lends to the poll.
///
/// The story's bug does not compile here either: calling
/// `request_more(owner)` while the buffer is open, and using the buffer
/// afterwards, borrows the owner mutably twice (E0499;
/// `stream_pipe_lent_buffer_across_request`).
pub mod lent {
    use super::{Buffer, Delivery, Source};
    use crate::async_cells::lent::{AsyncMarker, with_context_owner};
    use futures_core::Stream;
    use qcell::{TLCell, TLCellOwner};
    use std::pin::Pin;
    use std::rc::Rc;
    use std::task::{Context, Poll};

    /// The callback that moves the source's deliveries into the buffer; it
    /// needs the owner to write the buffer, so it takes it. It returns
    /// whether it found anything.
    ///
    /// # Example
    ///
    /// ```
    /// use companion::async_cells::lent::{AsyncMarker, LentOwner};
    /// use companion::async_cells::story::stream_pipe::lent::RequestMore;
    /// use std::rc::Rc;
    ///
    /// let owner = LentOwner::<AsyncMarker>::new();
    /// let nothing: RequestMore = Rc::new(|_owner| false);
    /// assert!(!owner.with(|o| nothing(o)));
    /// ```
    pub type RequestMore = Rc<dyn Fn(&mut TLCellOwner<AsyncMarker>) -> bool>;

    /// The story's pipe with a `TLCell` buffer: a `futures_core::Stream`,
    /// polled inside a `Lend` of the thread's `AsyncMarker` owner.
    ///
    /// # Example
    ///
    /// A producer thread feeds it on tokio's `LocalSet`:
    ///
    /// ```
    /// use companion::async_cells::lent::{AsyncMarker, LentOwner};
    /// use companion::async_cells::story::stream_pipe::{Source, lent::StreamPipe};
    /// use futures::StreamExt;
    /// use std::time::Duration;
    ///
    /// let (source, producer) = Source::spawn(vec![1, 2, 3], Duration::from_millis(1));
    /// let owner = LentOwner::<AsyncMarker>::new();
    /// let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// let items: Vec<u32> =
    ///     tokio::task::LocalSet::new().block_on(&runtime, owner.lend(StreamPipe::new(source).collect()));
    /// producer.join().unwrap();
    /// assert_eq!(items, [1, 2, 3]);
    /// ```
    pub struct StreamPipe<T> {
        buffer: Rc<TLCell<AsyncMarker, Buffer<T>>>,
        source: Rc<Source<T>>,
        request_more: RequestMore,
    }

    impl<T: 'static> StreamPipe<T> {
        /// A pipe whose `request_more` moves the source's next delivery into
        /// the buffer at once: the original's shortcut, sound here.
        ///
        /// # Example
        ///
        /// ```
        /// use companion::async_cells::lent::{AsyncMarker, LentOwner};
        /// use companion::async_cells::story::stream_pipe::{Source, lent::StreamPipe};
        /// use futures::StreamExt;
        ///
        /// let owner = LentOwner::<AsyncMarker>::new();
        /// let pipe = StreamPipe::new(Source::delivered(vec![1, 2, 3]));
        /// let items: Vec<u32> = futures::executor::block_on(owner.lend(pipe.collect()));
        /// assert_eq!(items, [1, 2, 3]);
        /// ```
        pub fn new(source: Source<T>) -> Self {
            let buffer = Rc::new(TLCell::new(Buffer::new()));
            let source = Rc::new(source);
            let request_more: RequestMore = {
                let buffer = Rc::clone(&buffer);
                let source = Rc::clone(&source);
                Rc::new(move |owner: &mut TLCellOwner<AsyncMarker>| match source.take() {
                    Delivery::Nothing => false,
                    delivery => {
                        buffer.rw(owner).accept(delivery);
                        true
                    }
                })
            };
            StreamPipe { buffer, source, request_more }
        }
    }

    impl<T> Stream for StreamPipe<T> {
        type Item = T;

        /// # Panics
        ///
        /// When polled without the `AsyncMarker` owner lent to `cx`: outside
        /// a `Lend`, or by a combinator that polls with a `Context` of its own.
        fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
            let this = self.get_mut();
            // Registered before looking, so a send after the look wakes us.
            this.source.register(cx.waker());
            let next = with_context_owner(cx, |owner| {
                loop {
                    let buffer = this.buffer.rw(owner);
                    if let Some(item) = buffer.items.pop_front() {
                        return Poll::Ready(Some(item));
                    }
                    if buffer.end {
                        return Poll::Ready(None);
                    }
                    // The buffer's borrow of the owner ends here.
                    if !(this.request_more)(owner) {
                        return Poll::Pending;
                    }
                }
            });
            next.unwrap_or_else(|not_lent| panic!("StreamPipe polled without its owner: {not_lent}"))
        }
    }
}
