// A supervisor owns one worker and hands it jobs. A job of 0 makes the worker
// fail. The supervisor must hear why its worker stopped: when the worker
// failed, it starts a new one (at most `MAX_RESTARTS` times, then it fails
// itself, so that its own supervisor hears); when the worker stopped for any
// other reason, it lets it go.
// As written, the supervisor never hears: the worker is made with a notify
// that goes nowhere, and `worker_stopped` does nothing. Wire the notify, and
// write `worker_stopped`.

use companion::actors::{Actor, ActorOwn, Cx, Ret, StopCause, actor, call};

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
        actor!(cx, Worker::init(), Ret::nop())
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
        // TODO: restart a failed worker, up to MAX_RESTARTS times; then fail.
        let _ = (cx, cause);
    }
}
