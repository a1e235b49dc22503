//! An actor behind a real TCP server: loopback sockets, on tokio.
//!
//! What it shows: the runtime driven by events from outside, on a real
//! clock. Clients connect to a server on `127.0.0.1` and send lines; each
//! line reaches an actor as a `call!`, the actor's answer comes back through
//! a `Ret` into a `futures` oneshot channel, and the connection writes it
//! to the socket. A line `later TEXT` is answered by a timer, 50 ms later;
//! an empty line is not answered at all, and the dropped `Ret` tells the
//! connection so.
//!
//! How it starts. `Runtime::scope` makes the actor runtime, branded with a
//! fresh lifetime, so it is not `'static` and cannot be moved into a tokio
//! task. Everything else is built inside the scope: tokio's current-thread
//! runtime, and a `LocalSet` whose `block_on` runs one future on this
//! thread. That future binds the listener (port 0: any free port),
//! spawns the server's accept loop with `spawn_local`, and then runs the
//! pump until the clients are done (`tokio::select!`). The accept loop
//! spawns one task per connection; those tasks are `'static` and hold no
//! actor handle, only a `Channel` of requests to the actor,
//! `(line, oneshot::Sender<String>)`, each of which arrives as a call.
//!
//! How the loop is driven. The pump is the only code that holds
//! `&mut Runtime`. It calls `rt.run(Instant::now(), false)`, which turns
//! the requests that arrived into calls and runs them, then waits for
//! whichever comes first: `rt.woken()`, ready once a request has arrived,
//! or the instant of `rt.next_expiry()`, slept with tokio's `sleep_until`.
//! Then it runs the runtime again.
//!
//! Run it with `cargo run -p companion --example actors_tcp_echo`; its test
//! runs with `cargo test -p companion --example actors_tcp_echo`.

use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use std::convert::Infallible;

use companion::actors::{Channel, Cx, Fwd, Ret, Runtime, actor, after};
use futures::channel::oneshot;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// How long a `later` line waits for its answer.
const LATER: Duration = Duration::from_millis(50);

/// A line from a connection, and where its answer goes.
type Request = (String, oneshot::Sender<String>);

// ANCHOR: actor
/// Answers every line in upper case; `later TEXT` after a timer; an empty
/// line not at all.
struct Shouter {
    lines: u32,
    later: u32,
    unanswered: u32,
}

impl Shouter {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Shouter { lines: 0, later: 0, unanswered: 0 })
    }

    fn line<'id>(&mut self, cx: &mut Cx<'id, '_, Self>, text: String, reply: Ret<'id, String>) {
        self.lines += 1;
        if text.is_empty() {
            self.unanswered += 1;
            return; // `reply` is dropped unused: the caller hears `None`
        }
        match text.strip_prefix("later ") {
            Some(rest) => {
                self.later += 1;
                let answer = format!("{} (later)", rest.to_uppercase());
                after!(cx, LATER, [cx], answer(reply, answer));
            }
            None => reply.ret(text.to_uppercase()),
        }
    }

    fn answer<'id>(&mut self, _: &mut Cx<'id, '_, Self>, reply: Ret<'id, String>, answer: String) {
        reply.ret(answer);
    }

    /// A request from a connection's channel: the line, with a `Ret` that
    /// fills the connection's oneshot. Dropped unused, it drops the sender,
    /// and the connection sees that.
    fn request<'id>(&mut self, cx: &mut Cx<'id, '_, Self>, (text, answer): Request) {
        let reply = Ret::new(move |text: Option<String>| {
            if let Some(text) = text {
                let _ = answer.send(text); // the connection may have gone
            }
        });
        self.line(cx, text, reply);
    }
}
// ANCHOR_END: actor

// ANCHOR: pump
/// Drives the actor runtime: runs it (the requests that arrived become
/// calls), then waits for the next request or the next timer, whichever is
/// first. Runs until its caller stops polling it.
async fn pump(rt: &mut Runtime<'_>) -> Infallible {
    loop {
        rt.run(Instant::now(), false);
        let next_timer = rt.next_expiry();
        tokio::select! {
            () = rt.woken() => {}
            () = sleep_until(next_timer) => {}
        }
    }
}

/// Sleeps until `at`, or forever when no timer is set.
async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at.into()).await,
        None => std::future::pending().await,
    }
}
// ANCHOR_END: pump

// ANCHOR: connection
/// Accepts `count` connections, a task for each.
async fn serve(listener: TcpListener, count: usize, requests: Channel<Request>) -> io::Result<()> {
    for _ in 0..count {
        let (stream, _) = listener.accept().await?;
        tokio::task::spawn_local(connection(stream, requests.clone()));
    }
    Ok(())
}

/// One connection: each line goes to the pump with a oneshot for its
/// answer, and the answer goes back to the socket. A `'static` task.
async fn connection(stream: TcpStream, requests: Channel<Request>) -> io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    while let Some(line) = lines.next_line().await? {
        let (answer, answered) = oneshot::channel();
        if requests.send((line, answer)).is_err() {
            break; // the actor is gone
        }
        let text = answered.await.unwrap_or_else(|oneshot::Canceled| "(no answer)".to_string());
        write.write_all(format!("{text}\n").as_bytes()).await?;
    }
    Ok(())
}
// ANCHOR_END: connection

/// A client: sends its lines one at a time, reads an answer to each.
async fn client(addr: SocketAddr, lines: Vec<String>) -> io::Result<Vec<String>> {
    let stream = TcpStream::connect(addr).await?;
    let (read, mut write) = stream.into_split();
    let mut answers = BufReader::new(read).lines();
    let mut got = Vec::new();
    for line in lines {
        write.write_all(format!("{line}\n").as_bytes()).await?;
        let answer = answers.next_line().await?;
        got.push(answer.ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "the server closed"))?);
    }
    Ok(got) // dropping the write half closes it: the connection task ends
}

/// What the clients got, and what the actor counted.
#[derive(Debug, PartialEq, Eq)]
struct Summary {
    /// Per client, the answers in order.
    answers: Vec<Vec<String>>,
    lines: u32,
    later: u32,
    unanswered: u32,
    /// Wall time, from just before the listener is bound to the last answer.
    elapsed: Duration,
}

// ANCHOR: run
/// Runs a server with one actor, and one client per entry of `clients`,
/// all on one thread; fails after ten seconds rather than hang.
fn run(clients: &[&[&str]]) -> io::Result<Summary> {
    let tokio = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build()?;
    let local = tokio::task::LocalSet::new();
    Runtime::scope(Instant::now(), |mut rt| {
        let shouter = actor!(rt, Shouter::init(), Ret::nop());
        let (requests, _guard) = Channel::new(&mut rt, Fwd::to_actor(&shouter, Shouter::request));
        let started = Instant::now();
        let answers = local.block_on(&tokio, async {
            let listener = TcpListener::bind("127.0.0.1:0").await?;
            let addr = listener.local_addr()?;
            let server = tokio::task::spawn_local(serve(listener, clients.len(), requests));
            let talks = clients.iter().map(|lines| client(addr, lines.iter().map(|l| l.to_string()).collect()));
            let talks = futures::future::try_join_all(talks);
            let both = async {
                tokio::select! {
                    answers = talks => answers,
                    never = pump(&mut rt) => match never {},
                }
            };
            let answers = tokio::time::timeout(Duration::from_secs(10), both)
                .await
                .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "no answer within ten seconds"))??;
            server.await??;
            Ok::<_, io::Error>(answers)
        })?;
        let elapsed = started.elapsed();
        // With no client, the clients were done before the pump's first run.
        rt.run(Instant::now(), false);
        let (lines, later, unanswered) =
            shouter.query(&mut rt, |s, _| (s.lines, s.later, s.unanswered)).expect("the actor is ready");
        Ok(Summary { answers, lines, later, unanswered, elapsed })
    })
}
// ANCHOR_END: run

fn main() -> io::Result<()> {
    let clients: &[&[&str]] = &[&["hello", "later actors", "bye"], &["one", "", "two"]];
    let summary = run(clients)?;
    for (lines, answers) in clients.iter().zip(&summary.answers) {
        for (line, answer) in lines.iter().zip(answers) {
            println!("  {line:?} -> {answer}");
        }
    }
    println!(
        "the actor saw {} lines ({} answered later, {} not answered) in {:?}",
        summary.lines, summary.later, summary.unanswered, summary.elapsed
    );
    assert_eq!(summary.lines, 6);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_clients_get_their_answers_through_the_actor() {
        let summary = run(&[&["hello", "later actors", "bye"], &["one", "", "two"]]).unwrap();
        assert_eq!(
            summary.answers,
            [vec!["HELLO", "ACTORS (later)", "BYE"], vec!["ONE", "(no answer)", "TWO"]]
        );
        assert_eq!((summary.lines, summary.later, summary.unanswered), (6, 1, 1));
        // The `later` answer waited for a timer on the real clock.
        assert!(summary.elapsed >= LATER, "{:?}", summary.elapsed);
    }

    #[test]
    fn timers_of_several_connections_are_driven_by_one_pump() {
        let lines: &[&str] = &["later a", "later b"];
        let summary = run(&[lines, lines, lines]).unwrap();
        assert_eq!(summary.answers, vec![vec!["A (later)", "B (later)"]; 3]);
        assert_eq!(summary.later, 6);
    }

    #[test]
    fn no_client_no_request() {
        let summary = run(&[]).unwrap();
        assert!(summary.answers.is_empty());
        assert_eq!(summary.lines, 0);
    }
}
