//! The token: a zero-sized local whose borrow is counted by its thread.
//!
//! A function that receives `&'s StackToken` learns two things. First, `'s`
//! is the borrow of a local variable (the macro's hidden token), so it can
//! never be `'static`, and a reference tied to `'s` cannot be stored anywhere
//! that outlives that variable. Second, while the borrow lasts, the token is
//! alive, and every live token is counted by its thread: the registry of
//! [`Sticky`](super::Sticky) values frees nothing while the count is above
//! zero (see the `registry` module).
//!
//! The first fact alone is not enough, because a local is not always a slot
//! of a running stack frame: the locals of an `async` block live in the
//! future, which may outlive the frame that polled it, or be leaked. The
//! count makes the argument independent of where the token is stored.

use core::marker::PhantomData;

use super::registry;

/// A zero-sized token, held in a hidden local variable, whose borrow ties a
/// reference to that variable and keeps the thread's [`Sticky`](super::Sticky)
/// values alive.
///
/// The only way to get one is the [`stack_token!`](crate::stack_token!) macro,
/// which declares the token as a hidden local and hands out a reference to
/// it. The token is neither `Send` nor `Sync`, so `&StackToken` cannot reach
/// another thread (not even a scoped one): whoever holds it is running on the
/// thread that made it.
///
/// Making a token adds one to a per-thread count of live tokens, and
/// dropping it takes one away (two thread-local accesses in all; the book's
/// "Measured" page has the figure). While the count is above zero, the
/// thread's teardown waits: a `Sticky` value is dropped only once no token of
/// its thread is alive, wherever the token lives, in a frame, in a future
/// that outlives its frame, or in the frame that called `process::exit`.
///
/// APIs take `&'s StackToken` next to `&'s self` and return `&'s T`: the
/// result then cannot outlive the token, even when `self` was leaked to
/// `&'static` with [`Box::leak`].
///
/// # Example
///
/// ```
/// use companion::stack_token::StackToken;
///
/// fn first<'s>(words: &'s [String], _proof: &'s StackToken) -> &'s str {
///     &words[0]
/// }
///
/// companion::stack_token!(token);
/// let words = vec![String::from("stack"), String::from("token")];
/// assert_eq!(first(&words, token), "stack");
/// assert_eq!(std::mem::size_of::<StackToken>(), 0);
/// ```
pub struct StackToken {
    // `*const ()` is neither `Send` nor `Sync`, so neither is the token, and
    // the private field keeps struct literals outside this module out.
    _not_send_or_sync: PhantomData<*const ()>,
}

impl StackToken {
    /// Creates a token by value and counts it. Used by
    /// [`stack_token!`](crate::stack_token!) only.
    ///
    /// # Safety
    ///
    /// The token must be stored in a local variable of the calling code and
    /// only ever be used through a borrow of that variable. A token by value
    /// could be boxed and leaked into a `&'static StackToken`, and a
    /// `&'static T` into a thread-local would then outlive the thread.
    #[doc(hidden)]
    #[must_use]
    #[inline(always)]
    pub unsafe fn __new_unchecked() -> StackToken {
        registry::token_created();
        StackToken {
            _not_send_or_sync: PhantomData,
        }
    }
}

/// Uncounts the token; the last token of a thread whose teardown is waiting
/// lets that teardown run.
impl Drop for StackToken {
    #[inline(always)]
    fn drop(&mut self) {
        registry::token_dropped();
    }
}

/// Declares `name: &StackToken`, borrowed from a hidden local variable of
/// the current stack frame.
///
/// The macro expands to two `let` statements: one that creates the token as
/// a local (with a name the caller's code cannot see, thanks to macro
/// hygiene) and one that binds `name` to a reference to it. The reference
/// lives at most until the end of the enclosing block, so everything tied to
/// it does too; the token is dropped, and uncounted, at the end of that block.
///
/// # Example
///
/// ```
/// use companion::stack_token::Sticky;
///
/// let greeting = Sticky::new(String::from("hello"));
/// companion::stack_token!(token);
/// assert_eq!(greeting.get(token), "hello");
/// ```
#[macro_export]
macro_rules! stack_token {
    ($name:ident) => {
        // SAFETY:
        // - the token is bound to a local of the caller's frame, as
        //   `__new_unchecked` requires, and the hygienic name `__token`
        //   cannot be named by the caller, so it is never moved out;
        // - only a borrow of that local escapes, as `$name`, and the local
        //   is dropped (and uncounted) where the block ends, or never if the
        //   future that holds it is leaked, which keeps the count up.
        let __token = unsafe { $crate::stack_token::StackToken::__new_unchecked() };
        let $name: &$crate::stack_token::StackToken = &__token;
    };
}

#[cfg(test)]
mod tests {
    use super::StackToken;
    use crate::stack_token::registry;
    use core::mem::{align_of, size_of};

    #[test]
    fn tokens_are_counted_while_alive() {
        let before = registry::live_tokens();
        {
            crate::stack_token!(outer);
            assert_eq!(registry::live_tokens(), before + 1);
            {
                crate::stack_token!(inner);
                assert_eq!(registry::live_tokens(), before + 2);
                let _ = (outer, inner);
            }
            assert_eq!(registry::live_tokens(), before + 1);
        }
        assert_eq!(registry::live_tokens(), before);
    }

    #[test]
    fn token_is_zero_sized() {
        assert_eq!(size_of::<StackToken>(), 0);
        assert_eq!(align_of::<StackToken>(), 1);
        // Passing the proof costs one pointer, unless inlined away.
        assert_eq!(size_of::<&StackToken>(), size_of::<usize>());
    }

    #[test]
    fn two_tokens_in_one_frame_are_independent() {
        crate::stack_token!(outer);
        {
            crate::stack_token!(inner);
            // The hidden locals do not collide: both references are usable.
            let both: [&StackToken; 2] = [outer, inner];
            assert_eq!(both.len(), 2);
        }
        let _still_here: &StackToken = outer;
    }
}
