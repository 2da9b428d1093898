use super::*;
use crate::model::annotations::FilePos;
use crate::model::annotations::{FileLink, FileRelation};

fn hl(id: &str, who: &str, para: usize, note: &str, coder: &str) -> FileHighlight {
    FileHighlight {
        id: id.into(),
        contributor: who.into(),
        start: FilePos { paragraph: para, char: 0 },
        end: FilePos { paragraph: para, char: 4 },
        orphan: false,
        quote: "abcd".into(),
        prefix: String::new(),
        suffix: String::new(),
        tags: vec!["a".into()],
        note: note.into(),
        coder: coder.into(),
        created: "2020-01-01T00:00:00Z".into(),
        modified: "2020-01-01T00:00:00Z".into(),
    }
}

fn tag(name: &str, color: &str) -> FileTag {
    FileTag { name: name.into(), color: color.into(), description: String::new(), key: None }
}

fn file(highlights: Vec<FileHighlight>) -> AnnotationFile {
    AnnotationFile {
        version: 1,
        conversation: "c".into(),
        text_hash: "h".into(),
        tags: vec![tag("a", "#FF0000")],
        highlights,
        relations: Vec::new(),
        links: Vec::new(),
    }
}

fn notes(m: &FileMerge) -> Vec<(&str, &str)> {
    m.file.highlights.iter().map(|h| (h.id.as_str(), h.note.as_str())).collect()
}

#[test]
fn two_branches_additions_unite_cleanly_in_file_order() {
    let base = file(vec![hl("1", "x", 1, "", "A")]);
    let ours = file(vec![hl("1", "x", 1, "", "A"), hl("2", "y", 3, "", "A")]);
    let theirs = file(vec![hl("3", "x", 2, "", "B"), hl("1", "x", 1, "", "A")]);
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(m.is_clean());
    let ids: Vec<&str> = m.file.highlights.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["1", "3", "2"], "by contributor (x before y), then position");
    assert!(m.file.tags.iter().all(|t| t.name != CONFLICT_TAG));
    // Merging the other way round gives the same file.
    let back = merge_files(Some(&base), &theirs, &ours).expect("merges");
    assert_eq!(back.file, m.file);
}

#[test]
fn one_sides_edit_wins_over_unchanged() {
    let base = file(vec![hl("1", "x", 1, "", "A"), hl("2", "x", 2, "", "A")]);
    let ours = file(vec![hl("1", "x", 1, "", "A"), hl("2", "x", 2, "our note", "A")]);
    let theirs = file(vec![hl("1", "x", 1, "their note", "A"), hl("2", "x", 2, "", "A")]);
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(m.is_clean());
    assert_eq!(notes(&m), [("1", "their note"), ("2", "our note")]);
    // A deletion of a highlight the other side left alone wins too.
    let deleted = file(vec![hl("2", "x", 2, "", "A")]);
    let m = merge_files(Some(&base), &ours, &deleted).expect("merges");
    assert!(m.is_clean());
    assert_eq!(notes(&m), [("2", "our note")]);
    let m = merge_files(Some(&base), &deleted, &ours).expect("merges");
    assert_eq!(notes(&m), [("2", "our note")]);
}

#[test]
fn a_true_conflict_keeps_both_versions_marked() {
    let base = file(vec![hl("1", "x", 1, "old", "A")]);
    let ours = file(vec![hl("1", "x", 1, "mine", "A")]);
    let theirs = file(vec![hl("1", "x", 1, "yours", "B")]);
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(!m.is_clean());
    assert_eq!(m.highlight_conflicts, ["1"]);
    assert_eq!(m.file.highlights.len(), 2);
    let o = m.file.highlights.iter().find(|h| h.id == "1").expect("ours keeps its id");
    assert!(o.note.starts_with("mine\n[merge conflict: this is ours"), "{}", o.note);
    let t = m.file.highlights.iter().find(|h| h.id != "1").expect("theirs");
    assert!(t.note.starts_with("yours\n[merge conflict: this is theirs"), "{}", t.note);
    assert_eq!(t.coder, "B");
    for h in &m.file.highlights {
        assert!(h.tags.iter().any(|t| t == CONFLICT_TAG));
    }
    let def = m.file.tags.iter().find(|t| t.name == CONFLICT_TAG).expect("tag defined");
    assert!(!def.description.is_empty());
    // Deterministic: again, the same bytes.
    assert_eq!(merge_files(Some(&base), &ours, &theirs).expect("merges"), m);
}

#[test]
fn deletion_against_an_edit_keeps_the_edit_marked() {
    let base = file(vec![hl("1", "x", 1, "old", "A")]);
    let edited = file(vec![hl("1", "x", 1, "edited", "A")]);
    let deleted = file(vec![]);
    for (ours, theirs, side) in [(&edited, &deleted, "ours"), (&deleted, &edited, "theirs")] {
        let m = merge_files(Some(&base), ours, theirs).expect("merges");
        assert_eq!(m.highlight_conflicts, ["1"]);
        assert_eq!(m.file.highlights.len(), 1);
        let h = &m.file.highlights[0];
        assert!(h.note.contains(&format!("this is {side};")), "{}", h.note);
        assert!(h.tags.iter().any(|t| t == CONFLICT_TAG));
    }
}

#[test]
fn tags_merge_by_name_and_a_clash_keeps_ours() {
    let base = file(vec![]);
    let mut ours = file(vec![]);
    ours.tags.push(FileTag { key: Some(3), ..tag("b", "#00FF00") });
    let mut theirs = file(vec![]);
    theirs.tags.push(FileTag { key: Some(3), ..tag("c", "#0000FF") });
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(m.is_clean());
    let names: Vec<(&str, Option<u8>)> =
        m.file.tags.iter().map(|t| (t.name.as_str(), t.key)).collect();
    assert_eq!(names, [("a", None), ("b", Some(3)), ("c", None)], "one quick key 3");
    let mut ours = file(vec![]);
    ours.tags[0].color = "#111111".into();
    let mut theirs = file(vec![]);
    theirs.tags[0].color = "#222222".into();
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert_eq!(m.tag_conflicts.len(), 1);
    assert_eq!(m.file.tags[0].color, "#111111");
}

#[test]
fn both_adding_one_id_differently_is_a_conflict_and_no_base_is_empty() {
    let ours = file(vec![hl("1", "x", 1, "mine", "A")]);
    let theirs = file(vec![hl("1", "x", 1, "yours", "B")]);
    let m = merge_files(None, &ours, &theirs).expect("merges");
    assert_eq!(m.file.highlights.len(), 2);
    let mut other = file(vec![]);
    other.conversation = "d".into();
    assert!(merge_files(None, &ours, &other).is_err());
}

fn link(id: &str, from: &str, to: &str, relation: &str, note: &str) -> FileLink {
    FileLink {
        id: id.into(),
        from: from.into(),
        to: to.into(),
        relation: relation.into(),
        note: note.into(),
        coder: "A".into(),
        created: "2020-01-01T00:00:00Z".into(),
        modified: "2020-01-01T00:00:00Z".into(),
    }
}

fn linked(highlights: Vec<FileHighlight>, links: Vec<FileLink>) -> AnnotationFile {
    let relations =
        crate::model::annotations::default_relations().iter().map(FileRelation::from).collect();
    AnnotationFile { relations, links, ..file(highlights) }
}

#[test]
fn links_added_on_both_branches_are_all_kept() {
    let base = file(vec![hl("1", "x", 1, "", "A"), hl("2", "y", 1, "", "A")]);
    let ours = linked(base.highlights.clone(), vec![link("l1", "2", "1", "answers", "")]);
    let theirs = linked(base.highlights.clone(), vec![link("l2", "1", "2", "cites", "")]);
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(m.is_clean());
    let ids: Vec<&str> = m.file.links.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["l1", "l2"]);
    assert_eq!(m.file.relations.len(), 5);
}

#[test]
fn an_end_one_branch_deleted_comes_back_for_the_other_branchs_link() {
    let base = file(vec![hl("1", "x", 1, "", "A"), hl("2", "y", 1, "", "A")]);
    let ours = linked(base.highlights.clone(), vec![link("l1", "2", "1", "answers", "")]);
    let theirs = file(vec![hl("1", "x", 1, "", "A")]);
    for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
        let m = merge_files(Some(&base), a, b).expect("merges");
        assert_eq!(m.file.links.len(), 1, "the link is kept");
        let back = m.file.highlights.iter().find(|h| h.id == "2").expect("its end is back");
        assert!(back.tags.iter().any(|t| t == CONFLICT_TAG));
        assert_eq!(m.highlight_conflicts, ["2"]);
        assert!(!m.is_clean());
    }
}

#[test]
fn a_link_changed_differently_on_both_branches_is_kept_twice() {
    let hs = vec![hl("1", "x", 1, "", "A"), hl("2", "y", 1, "", "A")];
    let base = linked(hs.clone(), vec![link("l1", "2", "1", "answers", "")]);
    let ours = linked(hs.clone(), vec![link("l1", "2", "1", "rebuts", "")]);
    let theirs = linked(hs, vec![link("l1", "2", "1", "supports", "")]);
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert_eq!(m.link_conflicts, ["l1"]);
    let mut relations: Vec<&str> = m.file.links.iter().map(|l| l.relation.as_str()).collect();
    relations.sort();
    assert_eq!(relations, ["rebuts", "supports"]);
    assert!(m.file.links.iter().all(|l| l.note.contains("[merge conflict: this is")));
    // With git's names for the sides, the links' notes say them, as the
    // highlights' do.
    let labels = Labels { ours: Some("HEAD".into()), theirs: Some("ann".into()) };
    let m = merge_files_labelled(Some(&base), &ours, &theirs, &labels).expect("merges");
    let mut notes: Vec<&str> = m.file.links.iter().map(|l| l.note.as_str()).collect();
    notes.sort();
    assert_eq!(
        notes,
        [
            "[merge conflict: this is ours (HEAD, the branch merged into)]",
            "[merge conflict: this is theirs (ann, the branch merged in)]"
        ]
    );
}

#[test]
fn a_file_whose_links_all_went_is_written_without_relations() {
    let hs = vec![hl("1", "x", 1, "", "A"), hl("2", "y", 1, "", "A")];
    let base = linked(hs.clone(), vec![link("l1", "2", "1", "answers", "")]);
    let ours = file(hs.clone());
    let m = merge_files(Some(&base), &ours, &base).expect("merges");
    assert!(m.file.links.is_empty() && m.file.relations.is_empty());
}

/// `file` with tags `names` (each its own colour) and `highlights`.
fn coded(names: &[&str], highlights: Vec<FileHighlight>) -> AnnotationFile {
    let mut f = file(highlights);
    f.tags = names.iter().map(|n| tag(n, &format!("#{:06X}", n.len()))).collect();
    f
}

fn tagged(id: &str, para: usize, tags: &[&str], coder: &str) -> FileHighlight {
    FileHighlight {
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        ..hl(id, "x", para, "", coder)
    }
}

fn tags_of(m: &FileMerge) -> Vec<(&str, Vec<&str>)> {
    m.file
        .highlights
        .iter()
        .map(|h| (h.id.as_str(), h.tags.iter().map(String::as_str).collect()))
        .collect()
}

#[test]
fn a_tag_renamed_on_one_branch_is_followed_by_the_others_new_uses() {
    // Base: `trust` on one highlight. Ours renames it `distrust`; theirs
    // codes two more passages `trust`. Both ways round: one tag, renamed.
    let base = coded(&["trust", "risk"], vec![tagged("1", 1, &["trust"], "lead")]);
    let mut ours = coded(&["distrust", "risk"], vec![tagged("1", 1, &["distrust"], "lead")]);
    ours.tags[0].color = base.tags[0].color.clone();
    let theirs = coded(
        &["trust", "risk"],
        vec![
            tagged("1", 1, &["trust"], "lead"),
            tagged("2", 2, &["trust", "risk"], "ben"),
            tagged("3", 3, &["risk", "trust"], "ben"),
        ],
    );
    for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
        let m = merge_files(Some(&base), a, b).expect("merges");
        assert!(m.is_clean(), "{m:#?}");
        assert_eq!(m.tag_renames, [("trust".to_owned(), "distrust".to_owned())]);
        let names: Vec<&str> = m.file.tags.iter().map(|t| t.name.as_str()).collect();
        assert!(names.contains(&"distrust") && !names.contains(&"trust"), "{names:?}");
        assert_eq!(
            tags_of(&m),
            [
                ("1", vec!["distrust"]),
                ("2", vec!["distrust", "risk"]),
                ("3", vec!["risk", "distrust"]),
            ]
        );
    }
}

#[test]
fn an_unused_tag_renamed_is_known_by_its_definition() {
    // Without a description or a key, a definition says too little: an
    // unused tag deleted and a new one made (the first free colour) is no
    // rename, and theirs' use brings `trust` back.
    let base = coded(&["trust"], Vec::new());
    let mut ours = base.clone();
    ours.tags[0].name = "distrust".into();
    let theirs = coded(&["trust"], vec![tagged("2", 2, &["trust"], "ben")]);
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(m.tag_renames.is_empty());
    assert_eq!(m.file.tags.len(), 2);
    let mut base = base;
    base.tags[0].description = "leans on trust".into();
    let mut ours = base.clone();
    ours.tags[0].name = "distrust".into();
    let mut theirs = coded(&["trust"], vec![tagged("2", 2, &["trust"], "ben")]);
    theirs.tags[0].description = "leans on trust".into();
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert_eq!(tags_of(&m), [("2", vec!["distrust"])]);
    assert_eq!(m.file.tags.len(), 1);
    // A new tag with another colour is no rename: the deletion stands and
    // theirs' use brings `trust` back, beside the new tag.
    ours.tags[0].color = "#123456".into();
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(m.tag_renames.is_empty());
    assert_eq!(tags_of(&m), [("2", vec!["trust"])]);
    assert_eq!(m.file.tags.len(), 2);
}

#[test]
fn renames_that_disagree_or_meet_a_tag_of_that_name_are_left_as_they_are() {
    let base = coded(&["trust"], vec![tagged("1", 1, &["trust"], "lead")]);
    let renamed_to = |name: &str, extra: Vec<FileHighlight>| {
        let mut f = base.clone();
        follow_rename(&mut f, name);
        f.highlights.extend(extra);
        f
    };
    // Both sides renamed it, differently: no rename wins.
    let ours = renamed_to("distrust", Vec::new());
    let theirs = renamed_to("confidence", Vec::new());
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(m.tag_renames.is_empty());
    // And it is said, for the user to choose.
    let clash = ("trust".to_owned(), "distrust".to_owned(), "confidence".to_owned());
    assert_eq!(m.rename_clashes, [clash]);
    // Both renamed it alike: nothing to follow, one tag, nothing to say.
    let m = merge_files(Some(&base), &ours, &ours.clone()).expect("merges");
    assert_eq!(m.file, ours);
    assert!(m.rename_clashes.is_empty());
    // Theirs made a `distrust` of its own: two tags that share a name are
    // not made one by ours' rename.
    let mut theirs = coded(&["trust", "distrust"], vec![tagged("1", 1, &["trust"], "lead")]);
    theirs.highlights.push(tagged("4", 4, &["distrust"], "ben"));
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(m.tag_renames.is_empty());
}

#[test]
fn a_tag_made_under_a_branch_the_other_side_moved_moves_with_it() {
    // Base: the branch `frame` (`frame` and `frame/rights`). Ours renames
    // the branch `framing`; theirs makes `frame/security` and codes with it.
    let base = coded(&["frame", "frame/rights"], vec![tagged("1", 1, &["frame/rights"], "lead")]);
    let mut ours = base.clone();
    ours.tags[0].name = "framing".into();
    ours.tags[1].name = "framing/rights".into();
    ours.highlights[0].tags = vec!["framing/rights".into()];
    let mut theirs = base.clone();
    theirs.tags.push(tag("frame/security", "#00AA00"));
    theirs.highlights.push(tagged("2", 2, &["frame/security"], "ben"));
    theirs.highlights.push(tagged("3", 3, &["frame/rights", "frame"], "ben"));
    for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
        let m = merge_files(Some(&base), a, b).expect("merges");
        assert!(m.is_clean(), "{m:#?}");
        let names: Vec<&str> = m.file.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names.len(), 3, "{names:?}");
        for n in ["framing", "framing/rights", "framing/security"] {
            assert!(names.contains(&n), "{names:?}");
        }
        assert_eq!(
            tags_of(&m),
            [
                ("1", vec!["framing/rights"]),
                ("2", vec!["framing/security"]),
                ("3", vec!["framing/rights", "framing"]),
            ]
        );
        assert!(
            m.tag_renames.contains(&("frame/security".to_owned(), "framing/security".to_owned()))
        );
    }
    // A branch that is no tag itself moves as well (`frame` only a parent).
    let base = coded(&["frame/rights"], vec![tagged("1", 1, &["frame/rights"], "lead")]);
    let mut ours = base.clone();
    follow_rename(&mut ours, "framing/rights");
    let mut theirs = base.clone();
    theirs.tags.push(tag("frame/security", "#00AA00"));
    theirs.highlights.push(tagged("2", 2, &["frame/security"], "ben"));
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert_eq!(tags_of(&m), [("1", vec!["framing/rights"]), ("2", vec!["framing/security"])]);
    // Part of a branch moved is no branch moved: `frame/law` stayed, so
    // theirs' `frame/security` stays where it was made.
    let base = coded(
        &["frame/rights", "frame/law"],
        vec![tagged("1", 1, &["frame/rights"], "lead"), tagged("4", 4, &["frame/law"], "lead")],
    );
    let mut ours = base.clone();
    ours.tags[0].name = "framing/rights".into();
    ours.highlights[0].tags = vec!["framing/rights".into()];
    let mut theirs = base.clone();
    theirs.tags.push(tag("frame/security", "#00AA00"));
    theirs.highlights.push(tagged("2", 2, &["frame/security"], "ben"));
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(tags_of(&m).contains(&("2", vec!["frame/security"])), "{:?}", tags_of(&m));
}

#[test]
fn a_tag_moved_into_an_existing_branch_moves_no_branch() {
    // Ours moves `policy/ban` into the existing `framing`; theirs makes
    // `policy/tariff`: it stays under `policy`.
    let base = coded(
        &["policy/ban", "framing/rights"],
        vec![tagged("1", 1, &["policy/ban"], "lead"), tagged("4", 4, &["framing/rights"], "lead")],
    );
    let mut ours = base.clone();
    ours.tags[0].name = "framing/ban".into();
    ours.highlights[0].tags = vec!["framing/ban".into()];
    let mut theirs = base.clone();
    theirs.tags.push(tag("policy/tariff", "#00AA00"));
    theirs.highlights.push(tagged("2", 2, &["policy/tariff"], "ben"));
    for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
        let m = merge_files(Some(&base), a, b).expect("merges");
        assert!(tags_of(&m).contains(&("2", vec!["policy/tariff"])), "{:?}", tags_of(&m));
        assert!(tags_of(&m).contains(&("1", vec!["framing/ban"])), "{:?}", tags_of(&m));
    }
}

#[test]
fn a_tag_moved_into_a_branch_the_other_side_renamed_follows_it_either_way() {
    // Base: `frame/rights` and `privacy`. One side renames the branch
    // `frame` to `framing`; the other moves `privacy` into `frame`. The
    // moved tag ends under `framing`, whichever side is ours.
    let base = coded(
        &["frame/rights", "privacy"],
        vec![tagged("1", 1, &["frame/rights"], "lead"), tagged("2", 2, &["privacy"], "lead")],
    );
    let mut renamer = base.clone();
    renamer.tags[0].name = "framing/rights".into();
    renamer.highlights[0].tags = vec!["framing/rights".into()];
    let mut mover = base.clone();
    mover.tags[1].name = "frame/privacy".into();
    mover.highlights[1].tags = vec!["frame/privacy".into()];
    mover.highlights.push(tagged("3", 3, &["frame/privacy"], "ben"));
    for (a, b) in [(&renamer, &mover), (&mover, &renamer)] {
        let m = merge_files(Some(&base), a, b).expect("merges");
        assert!(m.is_clean(), "{m:#?}");
        let mut names: Vec<&str> = m.file.tags.iter().map(|t| t.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["framing/privacy", "framing/rights"]);
        assert_eq!(
            tags_of(&m),
            [
                ("1", vec!["framing/rights"]),
                ("2", vec!["framing/privacy"]),
                ("3", vec!["framing/privacy"]),
            ]
        );
    }
}

fn follow_rename(f: &mut AnnotationFile, new: &str) {
    for t in &mut f.tags {
        t.name = new.into();
    }
    for h in &mut f.highlights {
        h.tags = vec![new.into()];
    }
}

proptest::proptest! {
    /// Settling a conflict gives back the note as the coder wrote it, byte
    /// for byte: CRLF endings, blank lines and a last newline included,
    /// after one merge or several.
    #[test]
    fn settling_gives_back_the_note_exactly(
        note in "(\r\n|\n|[a-z ]{0,6}|“é”|👨‍👩‍👧){0,8}",
        merges in 1usize..3,
    ) {
        let mut h = hl("1", "maria", 0, &note, "ana");
        for which in ["ours", "theirs"].iter().cycle().take(merges) {
            h = marked(h, &format!("{which} (ana)"));
        }
        proptest::prop_assert_eq!(without_conflict_lines(&h.note), Some(note.clone()));
        proptest::prop_assert_eq!(without_conflict_lines(&note), None);
    }
}

#[test]
fn settling_keeps_crlf_and_the_last_newline() {
    let note = "first line\r\nsecond line\r\n";
    let h = marked(hl("1", "maria", 0, note, "ana"), "ours (ana)");
    assert_eq!(without_conflict_lines(&h.note).as_deref(), Some(note));
    // A line the coder wrote after the mark stays too.
    let edited = format!("{}\r\nmy reply", h.note);
    assert_eq!(
        without_conflict_lines(&edited).as_deref(),
        Some("first line\r\nsecond line\r\n\r\nmy reply")
    );
}

#[test]
fn words_typed_after_the_mark_on_its_line_stay() {
    let h = marked(hl("1", "maria", 0, "first", "ana"), "ours (ana)");
    let typed = format!("{} keep this one] — agreed\nlast", h.note);
    assert_eq!(
        without_conflict_lines(&typed).as_deref(),
        Some("first\nkeep this one] — agreed\nlast")
    );
    // At the very start of a note, and with CRLF after it.
    let h = marked(hl("1", "maria", 0, "", "ana"), "theirs (ana)");
    let typed = format!("{}\tmine]\r\n", h.note);
    assert_eq!(without_conflict_lines(&typed).as_deref(), Some("mine]\r\n"));
    // Spaces alone after it are no words: the mark goes as before.
    let h = marked(hl("1", "maria", 0, "first", "ana"), "ours (ana)");
    assert_eq!(without_conflict_lines(&format!("{}  ", h.note)).as_deref(), Some("first"));
}

/// What two coders' branches really differ by: each changed its own part
/// of one highlight or tag (a tag added here, the note written there; the
/// colour here, the description there), or only saved it again (a new
/// modification time, new context): no conflict, both changes kept.
#[test]
fn changes_to_different_parts_of_one_highlight_or_tag_both_stay() {
    let at = |h: FileHighlight, time: &str| FileHighlight { modified: time.into(), ..h };
    let base = coded(&["a", "b", "c"], vec![tagged("1", 1, &["a"], "lead")]);
    let ours = coded(
        &["a", "b", "c"],
        vec![at(tagged("1", 1, &["a", "b"], "lead"), "2026-01-02T00:00:00Z")],
    );
    let theirs = coded(
        &["a", "b", "c"],
        vec![at(
            FileHighlight { note: "why".into(), ..tagged("1", 1, &["a", "c"], "lead") },
            "2026-01-03T00:00:00Z",
        )],
    );
    for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
        let m = merge_files(Some(&base), a, b).expect("merges");
        assert!(m.is_clean(), "{m:#?}");
        let h = &m.file.highlights[0];
        let mut tags = h.tags.clone();
        tags.sort();
        assert_eq!((tags, h.note.as_str()), (vec!["a".into(), "b".into(), "c".into()], "why"));
        assert_eq!(h.modified, "2026-01-03T00:00:00Z", "the later time");
    }
    // A tag taken off on one side goes, whatever the other side added.
    let off = coded(&["a", "b", "c"], vec![tagged("1", 1, &["b"], "lead")]);
    let m = merge_files(Some(&base), &off, &theirs).expect("merges");
    assert_eq!(tags_of(&m), [("1", vec!["b", "c"])]);
    // Saved again (a new time, new context) is no change: the other
    // side's edit, or its deletion, is taken without a question.
    let resaved = coded(
        &["a", "b", "c"],
        vec![FileHighlight {
            suffix: " and more".into(),
            ..at(tagged("1", 1, &["a"], "lead"), "2026-01-05T00:00:00Z")
        }],
    );
    let m = merge_files(Some(&base), &resaved, &theirs).expect("merges");
    assert!(m.is_clean() && m.file.highlights[0].note == "why", "{m:#?}");
    let m = merge_files(Some(&base), &resaved, &coded(&["a", "b", "c"], vec![])).expect("merges");
    assert!(m.is_clean() && m.file.highlights.is_empty(), "{m:#?}");
    // Both wrote the note differently: still a conflict.
    let other = coded(
        &["a", "b", "c"],
        vec![FileHighlight { note: "because".into(), ..tagged("1", 1, &["a"], "lead") }],
    );
    assert!(!merge_files(Some(&base), &theirs, &other).expect("merges").is_clean());
    // A tag: colour on one side, description on the other.
    let mut ours = base.clone();
    ours.tags[0].color = "#123456".into();
    let mut theirs = base.clone();
    theirs.tags[0].description = "what a means".into();
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(m.is_clean(), "{m:#?}");
    assert_eq!(
        (m.file.tags[0].color.as_str(), m.file.tags[0].description.as_str()),
        ("#123456", "what a means")
    );
}

/// The same autocode run on both branches: the same codings under new ids
/// on each side are kept once (ours), as `crosstalk merge` keeps them.
#[test]
fn the_same_coding_added_on_both_branches_is_kept_once() {
    let base = coded(&["a"], vec![tagged("1", 1, &["a"], "auto")]);
    let ours = coded(&["a"], vec![tagged("1", 1, &["a"], "auto"), tagged("2", 2, &["a"], "auto")]);
    let theirs = coded(
        &["a"],
        vec![
            tagged("1", 1, &["a"], "auto"),
            tagged("9", 2, &["a"], "auto"),
            tagged("8", 3, &["a"], "auto"),
            // Another coder's coding of the same passage is theirs to keep.
            tagged("7", 2, &["a"], "ben"),
        ],
    );
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(m.is_clean());
    assert_eq!(m.alike, 1);
    let mut ids: Vec<&str> = m.file.highlights.iter().map(|h| h.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["1", "2", "7", "8"]);

    // Their branch goes on with its id (`9`, a note on it), and the
    // branches merge again, either way: the coding kept once is one
    // highlight, their note on it, no conflict and no second copy.
    let theirs =
        coded(&["a"], vec![tagged("1", 1, &["a"], "auto"), tagged("9", 2, &["a"], "auto")]);
    let first = merge_files(Some(&base), &ours, &theirs).expect("merges").file;
    let mut later = theirs.clone();
    later.highlights[1].note = "why".into();
    for (a, b) in [(&first, &later), (&later, &first)] {
        let m = merge_files(Some(&theirs), a, b).expect("merges");
        assert!(m.is_clean(), "{m:#?}");
        let notes: Vec<(u32, &str)> =
            m.file.highlights.iter().map(|h| (h.start.paragraph as u32, h.note.as_str())).collect();
        assert_eq!(notes, [(1, ""), (2, "why")]);
    }
}

#[test]
fn a_tag_deleted_on_one_side_and_used_on_the_other_comes_back_and_is_named() {
    let base = coded(&["a", "b"], vec![tagged("1", 1, &["a"], "lead")]);
    let ours = coded(&["a"], vec![tagged("1", 1, &["a"], "lead")]);
    let theirs =
        coded(&["a", "b"], vec![tagged("1", 1, &["a"], "lead"), tagged("2", 2, &["b"], "ben")]);
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(m.file.tags.iter().any(|t| t.name == "b"));
    assert_eq!(m.restored_tags, ["b"]);
    // Deleted and used by nobody: gone, nothing to say.
    let m = merge_files(Some(&base), &ours, &base).expect("merges");
    assert!(m.restored_tags.is_empty() && !m.file.tags.iter().any(|t| t.name == "b"));
}

/// Each branch renamed a different tag to one name: the two codes stay
/// apart (theirs under `name (its old name)`), each passage with its own.
#[test]
fn two_tags_renamed_to_one_name_on_two_branches_stay_apart() {
    let base =
        coded(&["a", "b"], vec![tagged("1", 1, &["a"], "lead"), tagged("2", 2, &["b"], "lead")]);
    let ours = coded(
        &["claims", "b"],
        vec![tagged("1", 1, &["claims"], "lead"), tagged("2", 2, &["b"], "lead")],
    );
    let theirs = coded(
        &["a", "claims"],
        vec![
            tagged("1", 1, &["a"], "lead"),
            tagged("2", 2, &["claims"], "lead"),
            tagged("3", 3, &["a"], "ben"),
        ],
    );
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert_eq!(
        m.rename_collisions,
        [("claims".to_owned(), "a".to_owned(), "b".to_owned(), "claims (b)".to_owned())]
    );
    assert_eq!(
        tags_of(&m),
        [("1", vec!["claims"]), ("2", vec!["claims (b)"]), ("3", vec!["claims"])],
        "each passage keeps its own code; theirs' new use of a follows ours' rename"
    );
    let mut names: Vec<&str> = m.file.tags.iter().map(|t| t.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["claims", "claims (b)"]);
}

proptest::proptest! {
    /// A highlight's clean merge is the same whichever branch is ours: one
    /// highlight in every version, each side changing its tags, note,
    /// place, modification time or context, or deleting it.
    #[test]
    fn a_clean_merge_is_the_same_whichever_side_is_ours(
        sides in proptest::collection::vec(
            (proptest::option::weighted(0.9, (0u8..8, 0usize..3, 1usize..3, 0u8..3, 0u8..2)),),
            2,
        ),
    ) {
        let version = |v: &Option<(u8, usize, usize, u8, u8)>| -> Vec<FileHighlight> {
            let Some((tags, note, para, time, context)) = *v else { return Vec::new() };
            let names: Vec<&str> =
                ["a", "b", "c"].into_iter().enumerate().filter(|(i, _)| tags & (1 << i) != 0).map(|(_, n)| n).collect();
            let mut h = tagged("1", para, &names, "lead");
            h.note = ["", "x", "y"][note].into();
            h.modified = format!("2026-01-0{}T00:00:00Z", time + 1);
            h.suffix = ["", " and so on"][usize::from(context)].into();
            vec![h]
        };
        let base = coded(&["a", "b", "c"], vec![tagged("1", 1, &["a"], "lead")]);
        let ours = coded(&["a", "b", "c"], version(&sides[0].0));
        let theirs = coded(&["a", "b", "c"], version(&sides[1].0));
        let one = merge_files(Some(&base), &ours, &theirs).expect("merges");
        let other = merge_files(Some(&base), &theirs, &ours).expect("merges");
        proptest::prop_assert_eq!(one.is_clean(), other.is_clean());
        if one.is_clean() {
            proptest::prop_assert_eq!(&one.file, &other.file);
        }
    }
}

#[test]
fn tags_two_branches_added_in_one_colour_and_key_are_told_apart_either_way_round() {
    let base = file(vec![]);
    let mut ours = file(vec![]);
    ours.tags.push(FileTag { key: Some(2), ..tag("hope", "#4E79A7") });
    let mut theirs = file(vec![]);
    theirs.tags.push(FileTag { key: Some(2), ..tag("fear", "#4E79A7") });
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(m.is_clean());
    let look = |m: &FileMerge, name: &str| {
        let t = m.file.tags.iter().find(|t| t.name == name).expect("kept");
        (t.color.clone(), t.key)
    };
    // "fear" is earlier by name: it keeps the colour and the key.
    assert_eq!(look(&m, "fear"), ("#4E79A7".into(), Some(2)));
    assert_eq!(look(&m, "hope"), ("#E15759".into(), None));
    assert_eq!(m.tags_apart.len(), 2);
    let back = merge_files(Some(&base), &theirs, &ours).expect("merges");
    assert_eq!((look(&back, "fear"), look(&back, "hope")), (look(&m, "fear"), look(&m, "hope")));
    // One branch's choice of one colour for two tags stays.
    let mut both = file(vec![]);
    both.tags.push(tag("hope", "#FF0000"));
    let m = merge_files(Some(&base), &both, &base).expect("merges");
    assert!(m.tags_apart.is_empty());
    assert_eq!(look(&m, "hope").0, "#FF0000");
}

#[test]
fn the_conflict_tag_gives_way_to_a_tag_in_its_colour() {
    let mut base = file(vec![hl("1", "x", 1, "old", "A")]);
    base.tags.push(tag("threat", "#D62728"));
    let mut ours = base.clone();
    ours.highlights[0].note = "mine".into();
    let mut theirs = base.clone();
    theirs.highlights[0].note = "yours".into();
    let m = merge_files(Some(&base), &ours, &theirs).expect("merges");
    assert!(!m.is_clean());
    assert!(m.tags_apart.is_empty(), "{:?}", m.tags_apart);
    let color =
        |name: &str| m.file.tags.iter().find(|t| t.name == name).expect("kept").color.clone();
    assert_eq!(color("threat"), "#D62728");
    assert_ne!(color(CONFLICT_TAG), "#D62728");
}
