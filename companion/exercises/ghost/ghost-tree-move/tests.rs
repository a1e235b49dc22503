use companion::ghost::GhostToken;
use std::rc::Rc;

/// root
/// ├── docs
/// │   └── guide
/// │       └── intro
/// └── src
///     └── main
fn build<'id>(token: &mut GhostToken<'id>) -> [NodeRc<'id>; 6] {
    let root = new_root("root");
    let docs = add_child(&root, "docs", token);
    let guide = add_child(&docs, "guide", token);
    let intro = add_child(&guide, "intro", token);
    let src = add_child(&root, "src", token);
    let main = add_child(&src, "main", token);
    [root, docs, guide, intro, src, main]
}

fn paths<'id>(nodes: &[NodeRc<'id>], token: &GhostToken<'id>) -> Vec<String> {
    nodes.iter().map(|node| path(node, token)).collect()
}

#[test]
fn a_leaf_moves_to_the_end_of_its_new_parents_children() {
    GhostToken::new(|mut token| {
        let [root, docs, _, intro, src, main] = build(&mut token);
        assert_eq!(move_to(&intro, &src, &mut token), Ok(()));
        assert_eq!(path(&intro, &token), "root/src/intro");
        assert_eq!(child_names(&src, &token), ["main", "intro"]);
        assert_eq!(path(&main, &token), "root/src/main");
        assert_eq!(child_names(&docs, &token), ["guide"]);
        assert_eq!(child_names(&root, &token), ["docs", "src"]);
    });
}

#[test]
fn a_node_moves_with_its_whole_subtree() {
    GhostToken::new(|mut token| {
        let nodes = build(&mut token);
        let [_, docs, guide, _, src, _] = &nodes;
        assert_eq!(move_to(guide, src, &mut token), Ok(()));
        assert_eq!(
            paths(&nodes, &token),
            ["root", "root/docs", "root/src/guide", "root/src/guide/intro", "root/src", "root/src/main"]
        );
        assert_eq!(child_names(docs, &token), [] as [&str; 0], "the old parent let go of it");
    });
}

#[test]
fn the_old_parent_lets_go_of_its_strong_link() {
    GhostToken::new(|mut token| {
        let [_, docs, guide, _, src, _] = build(&mut token);
        move_to(&guide, &src, &mut token).unwrap();
        // One `Rc` in the test, one in its new parent's children.
        assert_eq!(Rc::strong_count(&guide), 2);
        move_to(&guide, &docs, &mut token).unwrap();
        assert_eq!(Rc::strong_count(&guide), 2);
        assert_eq!(child_names(&src, &token), ["main"]);
        assert_eq!(child_names(&docs, &token), ["guide"]);
    });
}

#[test]
fn moving_under_its_current_parent_moves_it_to_the_end() {
    GhostToken::new(|mut token| {
        let [root, docs, ..] = build(&mut token);
        assert_eq!(move_to(&docs, &root, &mut token), Ok(()));
        assert_eq!(child_names(&root, &token), ["src", "docs"]);
        assert_eq!(Rc::strong_count(&docs), 2, "listed once, not twice");
    });
}

#[test]
fn a_node_cannot_move_under_itself() {
    GhostToken::new(|mut token| {
        let nodes = build(&mut token);
        let before = paths(&nodes, &token);
        assert_eq!(move_to(&nodes[1], &nodes[1], &mut token), Err(IntoOwnSubtree));
        assert_eq!(paths(&nodes, &token), before);
        assert_eq!(child_names(&nodes[0], &token), ["docs", "src"]);
    });
}

#[test]
fn a_node_cannot_move_into_its_own_subtree() {
    GhostToken::new(|mut token| {
        let nodes = build(&mut token);
        let before = paths(&nodes, &token);
        let [root, docs, guide, intro, ..] = &nodes;
        assert_eq!(move_to(docs, intro, &mut token), Err(IntoOwnSubtree));
        assert_eq!(move_to(root, guide, &mut token), Err(IntoOwnSubtree));
        assert_eq!(paths(&nodes, &token), before, "a refused move changes nothing");
        assert_eq!(child_names(docs, &token), ["guide"]);
        assert_eq!(child_names(intro, &token), [] as [&str; 0]);
    });
}

#[test]
fn a_root_moves_under_another_tree() {
    GhostToken::new(|mut token| {
        let [_root, _, _, _, src, _] = build(&mut token);
        let other = new_root("lib");
        let util = add_child(&other, "util", &mut token);
        assert_eq!(move_to(&other, &src, &mut token), Ok(()));
        assert_eq!(path(&util, &token), "root/src/lib/util");
        assert_eq!(child_names(&src, &token), ["main", "lib"]);
    });
}

#[test]
fn after_moves_the_tree_still_frees_every_node() {
    GhostToken::new(|mut token| {
        let nodes = build(&mut token);
        let [_, docs, guide, intro, src, main] = &nodes;
        move_to(guide, src, &mut token).unwrap();
        move_to(main, intro, &mut token).unwrap();
        move_to(docs, main, &mut token).unwrap();
        assert_eq!(path(docs, &token), "root/src/guide/intro/main/docs");
        assert_eq!(move_to(guide, docs, &mut token), Err(IntoOwnSubtree));
        let weak: Vec<_> = nodes.iter().map(Rc::downgrade).collect();
        drop(nodes);
        assert!(weak.iter().all(|node| node.upgrade().is_none()), "no cycle of strong links");
    });
}
