"""check warns when the SQLite database lies on a network file system (WAL does not work there)."""

from __future__ import annotations

from pathlib import Path

from refleksionsrum.core.store.netfs import network_filesystem


def test_a_database_on_nfs_is_found_and_a_local_one_is_not(tmp_path: Path) -> None:
    share, local = tmp_path / "share", tmp_path / "local"
    share.mkdir()
    local.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        f"server:/teams {share} nfs4 rw,relatime 0 0\n"
        f"//nas/møde\\040rum {tmp_path}/smb\\040dir cifs rw 0 0\n",
        encoding="utf-8",
    )
    assert network_filesystem(share / "sessions" / "refleksionsrum.db", mounts) == "nfs4"
    assert network_filesystem(local / "refleksionsrum.db", mounts) is None
    assert network_filesystem(tmp_path / "smb dir" / "x.db", mounts) == "cifs"
    assert network_filesystem(local, tmp_path / "missing") is None
