// A supervisor owns one worker and hands it jobs. A job of 0 makes the worker
// fail. The worker's notify is a reply to the supervisor, so the supervisor
// hears why it stopped: it starts a new one after a failure (at most
// `MAX_RESTARTS` times, then it fails itself), and lets it go otherwise.

use companion::actors::{Actor, ActorOwn, Cx, StopCause, actor, call, ret_to};

pub const MAX_RESTARTS: u32 = 3;

pub struct Worker {
    pub done: Vec<u32>,
}

impl Worker {
    pub fn init<'id>(_: &mut Cx<'id, '_, Self>) -> Option<Self> {
        Some(Worker { done: Vec::new() })
    }

    pub fn work<'id>(&mut self, cx: &mut Cx<'id, '_, Self>, job: u32) {
        if job == 0 {
            cx.fail_str("job 0");
        } else {
            self.done.push(job);
        }
    }

    pub fn finish<'id>(&mut self, cx: &mut Cx<'id, '_, Self>) {
        cx.stop();
    }
}

pub struct Supervisor<'id> {
    worker: Option<ActorOwn<'id, Worker>>,
    pub restarts: u32,
}

impl<'id> Supervisor<'id> {
    pub fn init(cx: &mut Cx<'id, '_, Self>) -> Option<Self> {
        let worker = Self::start_worker(cx);
        Some(Supervisor { worker: Some(worker), restarts: 0 })
    }

    fn start_worker(cx: &mut Cx<'id, '_, Self>) -> ActorOwn<'id, Worker> {
        // The notify is a call of `worker_stopped` on this supervisor.
        let notify = ret_to!([cx], worker_stopped);
        actor!(cx, Worker::init(), notify)
    }

    /// The worker of the moment, if there is one.
    pub fn worker(&self) -> Option<Actor<'id, Worker>> {
        self.worker.as_ref().map(|w| Actor::clone(w))
    }

    pub fn submit(&mut self, _: &mut Cx<'id, '_, Self>, job: u32) {
        if let Some(worker) = &self.worker {
            call!([worker], work(job));
        }
    }

    /// Told why the worker stopped (`None` if the notify was dropped unused).
    pub fn worker_stopped(&mut self, cx: &mut Cx<'id, '_, Self>, cause: Option<StopCause>) {
        match cause {
            Some(StopCause::Failed(_)) if self.restarts < MAX_RESTARTS => {
                self.restarts += 1;
                // Replacing the old owning handle drops it: that actor has
                // stopped already, so nothing more happens to it.
                self.worker = Some(Self::start_worker(cx));
            }
            Some(StopCause::Failed(_)) => {
                self.worker = None;
                cx.fail_str("the worker keeps failing");
            }
            _ => self.worker = None,
        }
    }
}
