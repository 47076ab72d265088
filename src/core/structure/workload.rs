//! The workload's groups, items and parts: add, delete, move.

use crate::core::model::{WorkloadGroup, WorkloadItem, WorkloadPart};

/// Where in the workload a change happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Group(usize),
    Item(usize, usize),
    Part(usize, usize, usize),
}

/// Whether what sits at `place` holds the officer's figures or names.
#[must_use]
pub fn holds_content(groups: &[WorkloadGroup], place: Place) -> bool {
    let item_holds = |it: &WorkloadItem| *it != WorkloadItem::default();
    match place {
        Place::Group(g) => groups.get(g).is_some_and(|grp| !grp.items.is_empty()),
        Place::Item(g, i) => groups
            .get(g)
            .and_then(|grp| grp.items.get(i))
            .is_some_and(item_holds),
        Place::Part(g, i, p) => groups
            .get(g)
            .and_then(|grp| grp.items.get(i))
            .and_then(|it| it.parts.get(p))
            .is_some_and(|part| *part != WorkloadPart::default()),
    }
}

/// Adds a new thing of the same kind beside `place` (a group beside a group,
/// an item beside an item, a part beside a part), or a first group when there
/// is none. Returns where the new one is.
pub fn add_beside(
    groups: &mut Vec<WorkloadGroup>,
    place: Option<Place>,
    before: bool,
) -> Option<Place> {
    let shift = |pos: usize| if before { pos } else { pos + 1 };
    match place {
        None => {
            groups.push(WorkloadGroup::default());
            Some(Place::Group(groups.len() - 1))
        }
        Some(Place::Group(g)) => {
            let at = shift(g).min(groups.len());
            groups.insert(at, WorkloadGroup::default());
            Some(Place::Group(at))
        }
        Some(Place::Item(g, i)) => {
            let items = &mut groups.get_mut(g)?.items;
            let at = shift(i).min(items.len());
            items.insert(at, WorkloadItem::default());
            Some(Place::Item(g, at))
        }
        Some(Place::Part(g, i, p)) => {
            let parts = &mut groups.get_mut(g)?.items.get_mut(i)?.parts;
            let at = shift(p).min(parts.len());
            parts.insert(at, WorkloadPart::default());
            Some(Place::Part(g, i, at))
        }
    }
}

/// Adds one level down: an item at the end of a group, a part at the end of
/// an item (a part's parent item for a part). Returns where the new one is.
pub fn add_below(groups: &mut [WorkloadGroup], place: Place) -> Option<Place> {
    match place {
        Place::Group(g) => {
            let items = &mut groups.get_mut(g)?.items;
            items.push(WorkloadItem::default());
            Some(Place::Item(g, items.len() - 1))
        }
        Place::Item(g, i) | Place::Part(g, i, _) => {
            let parts = &mut groups.get_mut(g)?.items.get_mut(i)?.parts;
            parts.push(WorkloadPart::default());
            Some(Place::Part(g, i, parts.len() - 1))
        }
    }
}

/// Removes what is at `place` (a group with its items, an item with its parts).
pub fn delete(groups: &mut Vec<WorkloadGroup>, place: Place) -> bool {
    fn remove<T>(list: &mut Vec<T>, at: usize) -> bool {
        (at < list.len()).then(|| list.remove(at)).is_some()
    }
    match place {
        Place::Group(g) => remove(groups, g),
        Place::Item(g, i) => groups
            .get_mut(g)
            .is_some_and(|grp| remove(&mut grp.items, i)),
        Place::Part(g, i, p) => groups
            .get_mut(g)
            .and_then(|grp| grp.items.get_mut(i))
            .is_some_and(|it| remove(&mut it.parts, p)),
    }
}

/// Moves what is at `place` one step up or down among its kind. Returns its
/// new place, or `None` at the edge.
pub fn move_among_siblings(groups: &mut [WorkloadGroup], place: Place, up: bool) -> Option<Place> {
    fn swap<T>(list: &mut [T], at: usize, up: bool) -> Option<usize> {
        let to = if up { at.checked_sub(1)? } else { at + 1 };
        (to < list.len()).then(|| list.swap(at, to)).map(|()| to)
    }
    match place {
        Place::Group(g) => swap(groups, g, up).map(Place::Group),
        Place::Item(g, i) => {
            swap(&mut groups.get_mut(g)?.items, i, up).map(|to| Place::Item(g, to))
        }
        Place::Part(g, i, p) => swap(&mut groups.get_mut(g)?.items.get_mut(i)?.parts, p, up)
            .map(|to| Place::Part(g, i, to)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_groups_items_and_parts() {
        let mut groups = Vec::new();
        let g = add_beside(&mut groups, None, false).expect("group");
        let item = add_below(&mut groups, g).expect("item");
        let part = add_below(&mut groups, item).expect("part");
        assert_eq!(part, Place::Part(0, 0, 0));
        assert_eq!(
            add_beside(&mut groups, Some(item), true),
            Some(Place::Item(0, 0))
        );
        assert_eq!(groups[0].items.len(), 2);
        assert_eq!(groups[0].items[1].parts.len(), 1);
        assert_eq!(
            move_among_siblings(&mut groups, Place::Item(0, 1), true),
            Some(Place::Item(0, 0))
        );
        assert_eq!(groups[0].items[0].parts.len(), 1);
        assert_eq!(
            move_among_siblings(&mut groups, Place::Item(0, 0), true),
            None
        );
        assert!(holds_content(&groups, Place::Group(0)));
        assert!(!holds_content(&groups, Place::Item(0, 1)));
        assert!(delete(&mut groups, Place::Group(0)));
        assert!(groups.is_empty());
        assert!(!delete(&mut groups, Place::Group(0)));
    }
}
