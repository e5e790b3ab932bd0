"""User key bindings: a TOML file mapping binding ids to keys, e.g.

    [keys]
    "reader.next_hit" = "n"
    "main.note" = "ctrl+n,A"

Read from $BRIEFING_KEYS, else $XDG_CONFIG_HOME/briefing/keys.toml (~/.config/...). A file that
cannot be read, or an entry that does not fit, is reported and the defaults are kept."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

# Terminals send ctrl+h as backspace and ctrl+j as enter; ctrl+k/ctrl+l edit in inputs.
_AVOID = {"ctrl+h", "ctrl+j", "ctrl+k", "ctrl+l"}


def keymap_path() -> Path:
    if os.environ.get("BRIEFING_KEYS"):
        return Path(os.environ["BRIEFING_KEYS"]).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "briefing" / "keys.toml"


def load_keymap(path: Path, known_ids: set[str]) -> tuple[dict[str, str], list[str]]:
    """(binding id -> keys, problems). A missing file is no problem: it means the defaults."""
    if not path.is_file():
        return {}, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, [f"{path}: {exc}; default keys kept"]
    table = data.get("keys", data)
    if not isinstance(table, dict):
        return {}, [f"{path}: [keys] must be a table of binding id = \"key\"; default keys kept"]
    keymap, problems = {}, []
    for binding_id, keys in table.items():
        if binding_id not in known_ids:
            problems.append(f"{path}: unknown binding id {binding_id!r} ignored")
        elif not isinstance(keys, str) or not keys.strip():
            problems.append(f"{path}: {binding_id} needs a key string such as \"ctrl+n\"")
        else:
            normal = ",".join(k.strip() for k in keys.split(",") if k.strip())
            if avoided := sorted(_AVOID & set(normal.split(","))):
                problems.append(f"{path}: {binding_id}: {', '.join(avoided)} clashes with "
                                "terminal and input editing keys; used anyway")
            keymap[binding_id] = normal
    return keymap, problems
