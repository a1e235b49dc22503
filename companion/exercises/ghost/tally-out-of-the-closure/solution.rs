// Count votes with one cell per candidate, all opened by one token.
use companion::ghost::{GhostCell, GhostToken};

/// `votes[i]` is the candidate the i-th voter chose (an index below
/// `candidates`). Returns how many votes each candidate got.
pub fn count_votes(votes: &[usize], candidates: usize) -> Vec<u32> {
    // The cells take the brand of this call, so they live and die inside the
    // closure. What leaves it is its return value: plain numbers, with no brand.
    GhostToken::new(|mut token| {
        let tallies: Vec<GhostCell<'_, u32>> = (0..candidates).map(|_| GhostCell::new(0)).collect();
        for &choice in votes {
            let ballot = &tallies[choice];
            *ballot.borrow_mut(&mut token) += 1;
        }
        tallies.into_iter().map(GhostCell::into_inner).collect()
    })
}
