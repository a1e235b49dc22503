//! A pipeline of three actors: parse, then filter, then sum.
//!
//! What it shows: stages wired with `Fwd`. Each stage is given, at
//! creation, a `Fwd` to the next one (made with `fwd_to!`) and knows nothing
//! else about it: not its type, not whether it is an actor. Each message a
//! stage forwards becomes a queued call of the next stage. The end of the
//! input travels down the same way, as a message carrying a `Ret`: each
//! stage adds its own counts to the report it carries, and the last stage
//! answers through the `Ret`. Because the end marker is queued behind the
//! items, it reaches each stage after every item that stage will see, so no
//! stage needs to know when the others are done.
//!
//! Run it with `cargo run -p companion --example actors_pipeline`; its test
//! runs with `cargo test -p companion --example actors_pipeline`.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Instant;

use companion::actors::{Cx, Fwd, Ret, Runtime, actor, fwd_to};

// ANCHOR: flow
/// What flows from one stage to the next: items, then one end marker.
enum Flow<'id, T> {
    Item(T),
    /// No more items. Each stage adds its counts to the report and passes
    /// it on; the last stage sends it back through the `Ret`.
    End(Report, Ret<'id, Report>),
}

/// What the stages counted, filled in on the way down.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Report {
    lines: u32,
    not_numbers: u32,
    dropped_by_filter: u32,
    summed: u32,
    total: i64,
}
// ANCHOR_END: flow

// ANCHOR: stages
/// Stage 1: text lines to numbers; a line that is not a number is counted
/// and dropped.
struct Parse<'id> {
    next: Fwd<'id, Flow<'id, i64>>,
    lines: u32,
    not_numbers: u32,
}

impl<'id> Parse<'id> {
    fn init(_: &mut Cx<'id, '_, Self>, next: Fwd<'id, Flow<'id, i64>>) -> Option<Self> {
        Some(Parse { next, lines: 0, not_numbers: 0 })
    }

    fn input(&mut self, _: &mut Cx<'id, '_, Self>, message: Flow<'id, String>) {
        match message {
            Flow::Item(line) => {
                self.lines += 1;
                match line.trim().parse() {
                    Ok(n) => self.next.fwd(Flow::Item(n)),
                    Err(_) => self.not_numbers += 1,
                }
            }
            Flow::End(mut report, answer) => {
                report.lines = self.lines;
                report.not_numbers = self.not_numbers;
                self.next.fwd(Flow::End(report, answer));
            }
        }
    }
}

/// Stage 2: keeps the numbers `keep` accepts.
struct Filter<'id> {
    next: Fwd<'id, Flow<'id, i64>>,
    keep: fn(i64) -> bool,
    dropped: u32,
}

impl<'id> Filter<'id> {
    fn init(_: &mut Cx<'id, '_, Self>, keep: fn(i64) -> bool, next: Fwd<'id, Flow<'id, i64>>) -> Option<Self> {
        Some(Filter { next, keep, dropped: 0 })
    }

    fn input(&mut self, _: &mut Cx<'id, '_, Self>, message: Flow<'id, i64>) {
        match message {
            Flow::Item(n) if (self.keep)(n) => self.next.fwd(Flow::Item(n)),
            Flow::Item(_) => self.dropped += 1,
            Flow::End(mut report, answer) => {
                report.dropped_by_filter = self.dropped;
                self.next.fwd(Flow::End(report, answer));
            }
        }
    }
}

/// Stage 3: adds up what reaches it, and answers at the end.
struct Sum {
    count: u32,
    total: i64,
}

impl Sum {
    fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Sum { count: 0, total: 0 })
    }

    fn input<'id>(&mut self, _: &mut Cx<'id, '_, Self>, message: Flow<'id, i64>) {
        match message {
            Flow::Item(n) => {
                self.count += 1;
                self.total += n;
            }
            Flow::End(mut report, answer) => {
                report.summed = self.count;
                report.total = self.total;
                answer.ret(report);
            }
        }
    }
}
// ANCHOR_END: stages

// ANCHOR: run
/// Feeds `lines` through parse -> filter (keep what `keep` accepts) -> sum.
fn run(lines: &[&str], keep: fn(i64) -> bool) -> Report {
    let now = Instant::now();
    Runtime::scope(now, |mut rt| {
        // Built from the end: each stage needs the `Fwd` of the next.
        let sum = actor!(rt, Sum::init(), Ret::nop());
        let filter = actor!(rt, Filter::init(keep, fwd_to!([sum], input)), Ret::nop());
        let parse = actor!(rt, Parse::init(fwd_to!([filter], input)), Ret::nop());

        let input = fwd_to!([parse], input);
        for line in lines {
            input.fwd(Flow::Item(line.to_string()));
        }
        let report = Rc::new(RefCell::new(None));
        let r = report.clone();
        input.fwd(Flow::End(Report::default(), Ret::new(move |done| *r.borrow_mut() = done)));

        rt.run(now, false);
        report.take().expect("the last stage answers at the end of the input")
    })
}
// ANCHOR_END: run

fn is_even(n: i64) -> bool {
    n % 2 == 0
}

fn main() {
    let lines = ["4", "7", "x", "10", " 12 ", "-2", "3.5", "1"];
    let report = run(&lines, is_even);
    println!("parse -> filter (even) -> sum over {:?}", lines);
    println!(
        "{} lines, {} not numbers, {} odd ones dropped, {} summed",
        report.lines, report.not_numbers, report.dropped_by_filter, report.summed
    );
    println!("total: {}", report.total);
    assert_eq!(report.total, 24);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_counts_and_the_last_one_answers() {
        let report = run(&["4", "7", "x", "10", " 12 ", "-2", "3.5", "1"], is_even);
        assert_eq!(
            report,
            Report { lines: 8, not_numbers: 2, dropped_by_filter: 2, summed: 4, total: 24 }
        );
    }

    #[test]
    fn an_empty_input_still_gets_an_answer() {
        assert_eq!(run(&[], is_even), Report::default());
    }

    #[test]
    fn a_thousand_lines_all_arrive_before_the_end_marker() {
        let lines: Vec<String> = (1..=1000).map(|n| n.to_string()).collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let report = run(&lines, |n| n > 500);
        assert_eq!((report.lines, report.dropped_by_filter, report.summed), (1000, 500, 500));
        assert_eq!(report.total, (501..=1000).sum::<i64>());
    }
}
