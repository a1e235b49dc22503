//! The token: a zero-sized proof that a borrow ends before the current stack
//! frame does.
//!
//! A function that receives `&'s StackToken` learns one thing: `'s` is the
//! lifetime of a borrow of a local variable of some frame that is still on
//! this thread's stack. Such a lifetime can never be `'static`, and it ends
//! before that frame returns. Tying a returned reference to `'s` therefore
//! keeps the reference inside the frame, which is exactly what
//! `LocalKey::with` achieves with a closure, without the closure.

use core::marker::PhantomData;

/// A zero-sized token that lives in a local variable of the current stack
/// frame; `&StackToken` proves that its borrow ends before that frame does.
///
/// The only way to get one is the [`stack_token!`](crate::stack_token) macro,
/// which declares the token as a hidden local and hands out a reference to
/// it. The token is neither `Send` nor `Sync`, so `&StackToken` cannot reach
/// another thread (not even a scoped one): whoever holds it is running on the
/// thread whose stack holds the token.
///
/// APIs take `&'s StackToken` next to `&'s self` and return `&'s T`: the
/// result then cannot outlive the frame, even when `self` was leaked to
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
    /// Creates a token by value. Used by [`stack_token!`](crate::stack_token)
    /// only.
    ///
    /// # Safety
    ///
    /// The token must be stored in a local variable of the calling frame and
    /// only ever be used through a borrow of that variable. A token by value
    /// could be boxed and leaked into a `&'static StackToken`, which would
    /// break every API that relies on the token's borrow ending with a frame.
    #[doc(hidden)]
    #[must_use]
    pub unsafe fn __new_unchecked() -> StackToken {
        StackToken {
            _not_send_or_sync: PhantomData,
        }
    }
}

/// Declares `name: &StackToken`, borrowed from a hidden local variable of
/// the current stack frame.
///
/// The macro expands to two `let` statements: one that creates the token as
/// a local (with a name the caller's code cannot see, thanks to macro
/// hygiene) and one that binds `name` to a reference to it. The reference
/// lives at most until the end of the enclosing block, so everything tied to
/// it does too.
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
        // - only a borrow of that local escapes, as `$name`.
        let __token = unsafe { $crate::stack_token::StackToken::__new_unchecked() };
        let $name: &$crate::stack_token::StackToken = &__token;
    };
}

#[cfg(test)]
mod tests {
    use super::StackToken;
    use core::mem::{align_of, size_of};

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
