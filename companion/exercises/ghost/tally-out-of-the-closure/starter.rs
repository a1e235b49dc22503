// Count votes with one cell per candidate, all opened by one token.
use companion::ghost::{GhostCell, GhostToken};

/// `votes[i]` is the candidate the i-th voter chose (an index below
/// `candidates`). Returns how many votes each candidate got.
pub fn count_votes(votes: &[usize], candidates: usize) -> Vec<u32> {
    let mut tallies = Vec::new();
    GhostToken::new(|mut token| {
        for _ in 0..candidates {
            tallies.push(GhostCell::new(0));
        }
        for &choice in votes {
            let ballot = &tallies[choice];
            *ballot.borrow_mut(&mut token) += 1;
        }
    });
    tallies.into_iter().map(GhostCell::into_inner).collect()
}
