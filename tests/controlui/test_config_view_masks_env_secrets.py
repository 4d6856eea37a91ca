"""The Control UI's config view masks a secret the config pulled into a plain key.

A provider key put by `${PROXY_API_KEY}` into a `baseUrl` query is masked in logs and
events by value; the config view showed it in clear to anyone who could see the screen.
The view now masks every secret the loader knows of by value, as the logs do.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from clawkeep.config import load_config
from clawkeep.config.agents import default_agent, resolve_agents
from clawkeep.controlui import ControlUi, ControlUiDeps, control_ui_routes
from tests.clientapi.live import live_gateway
from tests.controlui.ui_helpers import Browserish

KEY = "pk-live-3b9e71c04d2a58f6"


def test_config_view_masks_a_secret_variable_in_a_plain_key(tmp_path: Path) -> None:
    def routes(install: Any) -> list[Any]:
        path = install.loaded.paths.config_path
        tree = json.loads(path.read_text())
        tree["models"] = {
            "providers": {"proxy": {"baseUrl": "https://llm.example/v1?api-key=${PROXY_API_KEY}"}}
        }
        path.write_text(json.dumps(tree))
        loaded = load_config(install.loaded.paths, env={"PROXY_API_KEY": KEY})
        assert loaded.env_secrets == frozenset({KEY})
        deps = ControlUiDeps(
            loaded=dataclasses.replace(loaded),
            handler=install.pipeline,
            events=install.events,
            pairing=install.pairing,
            transcripts=install.store,
            agents=tuple(a.id for a in resolve_agents(loaded.config, loaded.paths)),
            default_agent=default_agent(loaded.config, loaded.paths).id,
            audit=lambda: [],
        )
        return control_ui_routes(ControlUi(deps))

    with live_gateway(tmp_path, route_factory=routes) as live:
        page = Browserish(int(live.gateway.port))
        assert page.sign_in() == 200
        status, body = page.request("GET", "/ui/api/config", raw=True)
    assert status == 200
    text = body.decode()
    assert "llm.example" in text  # the key's neighbourhood is shown, the key is not
    assert KEY not in text
