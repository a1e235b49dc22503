//! The load to test a server with: many connections at once, each sending
//! its lines and checking every reply, on whatever tokio runtime calls it.
//!
//! Connection `c` sends `SET c<c> 0`, `SET c<c> 1`, ... `SET c<c> <lines - 1>`
//! without waiting for replies, then closes its sending side and reads. Since
//! only connection `c` writes key `c<c>`, the reply to its line `i > 0` must
//! be `OLD <i - 1>`: a reply that is missing is a lost line, one that says
//! anything else was answered out of order (or by a broken server). The first
//! line's reply is whatever an earlier load left in the key, so a server can
//! be driven many times.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use futures::future::try_join_all;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, BufWriter};
use tokio::net::TcpStream;

/// What one [`drive`] did: its figures, to check and to print.
///
/// # Example
///
/// ```
/// use companion::async_cells::server::client::Load;
/// use std::time::Duration;
///
/// let load = Load { connections: 2, lines: 20, lost: 0, wrong: 0, wall: Duration::from_millis(3) };
/// assert_eq!(load.to_string(), "2 connections, 20 lines, 0 lost, 0 out of order, in 3.0 ms");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Load {
    /// Connections opened, all at once.
    pub connections: usize,
    /// Lines sent, over all connections.
    pub lines: usize,
    /// Lines that got no reply: the connection ended first.
    pub lost: usize,
    /// Lines whose reply was not the one their place in the connection
    /// calls for.
    pub wrong: usize,
    /// From the first connect to the last reply.
    pub wall: Duration,
}

impl fmt::Display for Load {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} connections, {} lines, {} lost, {} out of order, in {:.1} ms",
            self.connections,
            self.lines,
            self.lost,
            self.wrong,
            self.wall.as_secs_f64() * 1e3
        )
    }
}

/// Opens `connections` connections to `address` at once, sends `lines`
/// lines on each and checks every reply.
///
/// Runs inside a tokio runtime with I/O enabled, as one task: the
/// connections are futures it polls itself, so it needs no `LocalSet`.
/// Fails only if a connection cannot be made or its socket fails; a server
/// that drops lines or closes early shows in [`Load::lost`] and
/// [`Load::wrong`].
///
/// # Example
///
/// A server that reads every line and answers none loses every line:
///
/// ```
/// use companion::async_cells::server::client::drive;
/// use tokio::io::AsyncReadExt;
///
/// let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
/// let load = runtime.block_on(async {
///     let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
///     let address = listener.local_addr().unwrap();
///     let mute = async move {
///         loop {
///             let (mut stream, _) = listener.accept().await.unwrap();
///             stream.read_to_end(&mut Vec::new()).await.unwrap();
///         }
///     };
///     tokio::select! {
///         load = drive(address, 2, 5) => load.unwrap(),
///         _ = mute => unreachable!(),
///     }
/// });
/// assert_eq!((load.lines, load.lost), (10, 10));
/// ```
pub async fn drive(address: SocketAddr, connections: usize, lines: usize) -> io::Result<Load> {
    let start = Instant::now();
    let outcomes = try_join_all((0..connections).map(|c| connection(address, c, lines))).await?;
    let wall = start.elapsed();
    let (lost, wrong) = outcomes.iter().fold((0, 0), |(lost, wrong), o| (lost + o.lost, wrong + o.wrong));
    Ok(Load { connections, lines: connections * lines, lost, wrong, wall })
}

/// What one connection saw.
struct Outcome {
    lost: usize,
    wrong: usize,
}

/// Connection `c`: sends its lines while it reads the replies.
async fn connection(address: SocketAddr, c: usize, lines: usize) -> io::Result<Outcome> {
    let stream = TcpStream::connect(address).await?;
    stream.set_nodelay(true)?;
    let (read, write) = stream.into_split();
    let send = async move {
        let mut write = BufWriter::new(write);
        for i in 0..lines {
            write.write_all(format!("SET c{c} {i}\n").as_bytes()).await?;
        }
        write.flush().await?;
        write.into_inner().shutdown().await
    };
    let check = async move {
        let mut replies = BufReader::new(read).lines();
        let mut outcome = Outcome { lost: lines, wrong: 0 };
        for i in 0..lines {
            let Some(reply) = replies.next_line().await? else { break };
            outcome.lost -= 1;
            if i > 0 && reply != format!("OLD {}", i - 1) {
                outcome.wrong += 1;
            }
        }
        Ok::<_, io::Error>(outcome)
    };
    let ((), outcome) = tokio::try_join!(send, check)?;
    Ok(outcome)
}
