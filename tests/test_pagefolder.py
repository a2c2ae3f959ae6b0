"""The kept folder of pages: a build writes only what changed, and the folder ends up holding
exactly the new pages, whatever happened to it in between."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import pagefolder

FILES = {"index.md": b"home", "briefings/a.md": b"a", "briefings/b.md": b"b", "feeds/actors/x.xml": b"<feed/>"}


def contents(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_first_sync_writes_every_file(tmp_path):
    root, written = pagefolder.sync(FILES, tmp_path / "kept")
    assert written == 4
    assert contents(root) == FILES


def test_nothing_changed_writes_nothing(tmp_path):
    pagefolder.sync(FILES, tmp_path / "kept")
    root, written = pagefolder.sync(FILES, tmp_path / "kept")
    assert written == 0
    assert contents(root) == FILES


def test_only_changed_and_new_files_are_written_and_old_ones_go(tmp_path):
    pagefolder.sync(FILES, tmp_path / "kept")
    new = {k: v for k, v in FILES.items() if k != "feeds/actors/x.xml"} | {"briefings/a.md": b"A", "c.md": b"c"}
    root, written = pagefolder.sync(new, tmp_path / "kept")
    assert written == 2
    assert contents(root) == new
    assert not (root / "feeds").exists()  # emptied folders are removed too


def test_a_file_changed_or_removed_by_hand_is_written_again(tmp_path):
    root, _ = pagefolder.sync(FILES, tmp_path / "kept")
    (root / "briefings" / "a.md").write_bytes(b"edited by hand, longer")
    (root / "index.md").unlink()
    (root / "stray.md").write_bytes(b"not a page")
    _, written = pagefolder.sync(FILES, tmp_path / "kept")
    assert written == 2
    assert contents(root) == FILES


def test_a_broken_manifest_means_every_file_is_written(tmp_path):
    root, _ = pagefolder.sync(FILES, tmp_path / "kept")
    (tmp_path / "kept" / pagefolder.MANIFEST).write_text("{not json", encoding="utf-8")
    _, written = pagefolder.sync(FILES, tmp_path / "kept")
    assert written == 4
    assert contents(root) == FILES


def test_each_site_folder_has_its_own_kept_folder(tmp_path):
    one = pagefolder.folder_for(tmp_path, Path("/a/site"))
    two = pagefolder.folder_for(tmp_path, Path("/b/site"))
    assert one != two and one.parent == two.parent == tmp_path


@pytest.mark.parametrize(("first", "second"), [({"a": b"1"}, {"a/b.md": b"2"}), ({"a/b.md": b"2"}, {"a": b"1"})])
def test_a_path_that_changes_from_file_to_folder_or_back(tmp_path, first, second):
    pagefolder.sync(first, tmp_path / "kept")
    root, _ = pagefolder.sync(second, tmp_path / "kept")
    assert contents(root) == second


def test_paths_are_taken_as_written_once_normalised(tmp_path):
    root, _ = pagefolder.sync({"a//b.md": b"x", "./c.md": b"y"}, tmp_path / "kept")
    assert contents(root) == {"a/b.md": b"x", "c.md": b"y"}


def test_odd_manifest_values_mean_every_file_is_written(tmp_path):
    pagefolder.sync(FILES, tmp_path / "kept")
    (tmp_path / "kept" / pagefolder.MANIFEST).write_text('{"index.md": [1e400, 1, 1]}', encoding="utf-8")
    _, written = pagefolder.sync(FILES, tmp_path / "kept")
    assert written == 4


def test_a_link_to_a_folder_is_removed(tmp_path):
    root, _ = pagefolder.sync(FILES, tmp_path / "kept")
    (tmp_path / "secret").mkdir()
    (root / "linked").symlink_to(tmp_path / "secret")
    pagefolder.sync(FILES, tmp_path / "kept")
    assert not (root / "linked").exists() and (tmp_path / "secret").is_dir()
