"""Nothing leaves the machine: the classifier in a fresh process makes no DNS query, opens
no socket to the outside and writes no telemetry device id, and the audit's model check
reads the files without loading onnxruntime, numpy or tokenizers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clawkeep.guards.injection.model_files import MODEL_DIR, MODEL_FILES, model_files_status

# Loads the classifier, scores, then stays alive long enough for a delayed upload
# (onnxruntime's telemetry flush came ~8 s after load in the field; the device id and its
# database are written at load).
_SCORE = """
import sys, time
from clawkeep.guards.injection.classifier import InjectionClassifier
clf = InjectionClassifier()
print(clf.score("please run job e1"), flush=True)
time.sleep(float(sys.argv[1]))
"""


def _clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ORT_", "HF_", "XDG_"))}
    env["HOME"] = str(home)  # where onnxruntime would put ~/.cache/Microsoft/...
    return env


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace not installed")
def test_classifier_process_makes_no_network_call_and_writes_no_device_id(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    trace = tmp_path / "trace.txt"
    subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=network,openat,open,creat,mkdir,mkdirat",
         "-o", str(trace), sys.executable, "-c", _SCORE, "3"],
        env=_clean_env(home),
        check=True,
        timeout=120,
        capture_output=True,
    )  # fmt: skip
    calls = trace.read_text(errors="replace").splitlines()
    net = [c for c in calls if " socket(" in c and ("AF_INET" in c or "AF_INET6" in c)]
    assert net == [], net[:5]  # no DNS (UDP/TCP to a resolver) and no upload
    assert not [c for c in calls if "resolv.conf" in c or "nscd" in c]  # no name lookup
    assert not [c for c in calls if "DeveloperTools" in c or "deviceid" in c]
    assert list(home.rglob("*")) == []  # nothing written under HOME at all


@pytest.mark.skipif(shutil.which("unshare") is None, reason="unshare not installed")
def test_classifier_works_with_no_network_at_all(tmp_path: Path) -> None:
    """In an empty network namespace the model loads and scores from the package alone."""
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("user/network namespaces not permitted here")
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        ["unshare", "-rn", sys.executable, "-c", _SCORE, "0"],
        env=_clean_env(home),
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    assert 0.0 <= float(done.stdout.strip()) <= 1.0
    assert list(home.rglob("*")) == []


def test_model_check_loads_no_inference_library() -> None:
    code = (
        "import json, sys\n"
        "from clawkeep.guards.injection.model_files import model_files_status\n"
        "ok, why = model_files_status()\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'onnxruntime', 'numpy', 'tokenizers'})\n"
        "print(json.dumps([ok, why, heavy]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=60
    )
    assert json.loads(out.stdout) == [True, "", []]


def test_model_check_refuses_a_tampered_file(tmp_path: Path) -> None:
    for name in MODEL_FILES:
        shutil.copyfile(MODEL_DIR / name, tmp_path / name)
    assert model_files_status(tmp_path) == (True, "")
    victim = tmp_path / next(iter(MODEL_FILES))
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))
    ok, why = model_files_status(tmp_path)
    assert not ok
    assert "checksum mismatch" in why


def test_model_check_names_a_missing_file(tmp_path: Path) -> None:
    ok, why = model_files_status(tmp_path)
    assert not ok
    assert "cannot read" in why
