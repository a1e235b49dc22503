use companion::ghost::{GhostCell as Counter, GhostToken as Token};

#[test]
fn adds_one_cell_into_another() {
    Token::new(|mut token| {
        let cells = [1, 10, 100].map(Counter::new);
        assert_eq!(add_into(&cells, 0, 2, &mut token), 101);
        let values: Vec<i64> = cells.iter().map(|c| *c.borrow(&token)).collect();
        assert_eq!(values, [1, 10, 101]);
    });
}

#[test]
fn adding_a_cell_into_itself_doubles_it() {
    Token::new(|mut token| {
        let cells = [1, 10, 100].map(Counter::new);
        assert_eq!(add_into(&cells, 1, 1, &mut token), 20);
        let values: Vec<i64> = cells.iter().map(|c| *c.borrow(&token)).collect();
        assert_eq!(values, [1, 20, 100]);
    });
}
