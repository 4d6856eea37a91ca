"""Reason codes of how the gateway runs: its listener and auth, the config, providers,
plugins and skills, the control UI and client API, chat commands, the protocol, agents,
the pipeline and the audit. Part of the registry in ``clawkeep.reasons``."""

from __future__ import annotations

from clawkeep.reasons._reason import Reason

__all__ = ["GATEWAY"]

GATEWAY: dict[str, Reason] = {
    "agents.max_tool_calls": Reason("no more tool calls this turn"),
    "agents.replied": Reason("the turn ended with a reply"),
    "agents.turn_timeout": Reason("the turn ran past its time limit"),
    "agents.unknown_agent": Reason("the request names an agent that is not configured"),
    "audit.unavailable": Reason("this gateway has no audit wired in"),
    "clientapi.bad_body": Reason("a client API request body is not a valid chat request"),
    "clientapi.bad_method": Reason("a client API endpoint called with the wrong method"),
    "clientapi.bad_session": Reason("the session name (header or user) is empty or too long"),
    "clientapi.body_too_large": Reason("a client API body over the size cap: refused unread"),
    "clientapi.not_found": Reason("no such client API endpoint"),
    "clientapi.too_long": Reason("a client API message over the web chat's length cap"),
    "clientapi.tools_refused": Reason(
        "the client sent tools: an agent's tools come from the config only"
    ),
    "clientapi.turn_failed": Reason("the pipeline failed on a client API request (a bug)"),
    "clientapi.unknown_model": Reason("the model names no configured agent"),
    "commands.accepted": Reason("the chat command is switched on and this sender may run it"),
    "commands.bash_disabled": Reason("! commands are off (commands.bash)", "commands.bash_enabled"),
    "commands.config_disabled": Reason(
        "/config is off (commands.config)", "commands.config_enabled"
    ),
    "commands.debug_disabled": Reason("/debug is off (commands.debug)", "commands.debug_enabled"),
    "commands.elevated_denied": Reason("! needs tools.elevated for this sender"),
    "commands.none": Reason("not a chat command (or commands.text is off): on to the agent"),
    "commands.not_owner": Reason("an owner-only command from someone who is not the owner"),
    "commands.restart_disabled": Reason(
        "/restart is off (commands.restart)", "commands.restart_enabled"
    ),
    "commands.unavailable": Reason("an accepted command, but no command runner is connected"),
    "config.duplicate_key": Reason("a key written twice in one object: refused, with both lines"),
    "config.encoding": Reason("a config file is not UTF-8"),
    "config.env_file": Reason(
        "the state dir's .env is not a private regular file of this user: refused"
    ),
    "config.env_missing": Reason(
        "a ${VAR} in the config names an unset environment variable", "config.env_missing"
    ),
    "config.foreign_owner": Reason(
        "a config file another user owns (not this user, not root): a strict load refuses it"
    ),
    "config.include_cycle": Reason("$include files include each other"),
    "config.include_depth": Reason("$include nests too deep"),
    "config.include_invalid": Reason("an $include value is not a path or a list of paths"),
    "config.include_outside": Reason("an $include points outside the config's directory"),
    "config.include_repeated": Reason("the same file included twice ($include diamond): refused"),
    "config.include_secret": Reason(
        "an $include of the state dir's .env, credentials/, identity/, agents/ or logs/: refused"
    ),
    "config.include_too_many": Reason("more than 64 files or 4 MiB in the $include tree: refused"),
    "config.invalid": Reason("the config does not validate", "config.invalid"),
    "config.invalid_value": Reason(
        "a config value has the wrong type or range", "config.invalid_value"
    ),
    "config.missing": Reason("no config file where one was expected"),
    "config.not_a_file": Reason(
        "a config file that is a FIFO, a device or a folder: refused without reading"
    ),
    "config.not_object": Reason("a config file is not a JSON object"),
    "config.syntax": Reason("a config file is not valid JSON5"),
    "config.too_large": Reason("a config file over the size cap"),
    "config.unknown_key": Reason(
        "the config has a key the schema does not know", "config.unknown_key"
    ),
    "config.unreadable": Reason("a config file cannot be read"),
    "config.writable_by_others": Reason(
        "a config file, or its folder without the sticky bit, that every user may write:"
        " a strict load refuses it",
        "fs.config.perms_writable",
    ),
    "controlui.allowed_origin": Reason(
        "the Origin is listed exactly in gateway.controlUi.allowedOrigins"
    ),
    "controlui.bad_body": Reason("a Control UI request that is not the JSON it needs"),
    "controlui.cross_origin": Reason(
        "a state-changing Control UI request from another origin (or none): refused",
        "gateway.control_ui.allowed_origins_wildcard",
    ),
    "controlui.csp_violation": Reason("the browser reported a Content-Security-Policy violation"),
    "controlui.csrf": Reason("the CSRF token bound to the session is missing or wrong"),
    "controlui.failed": Reason("a Control UI view failed (a bug; see the gateway log)"),
    "controlui.not_found": Reason("no such Control UI file or feature"),
    "controlui.same_origin": Reason("the request came from the Control UI's own page"),
    "controlui.session_deleted": Reason("the operator deleted a session's transcript"),
    "controlui.signed_in": Reason("the gateway credential opened a Control UI session"),
    "controlui.signed_out": Reason("no live Control UI session (never signed in, expired, ended)"),
    "controlui.ticket_expired": Reason("a one-time sign-in link past its minute"),
    "controlui.ticket_invalid": Reason("a sign-in ticket this gateway did not make"),
    "controlui.ticket_ok": Reason("a one-time sign-in link opened a session"),
    "controlui.ticket_used": Reason("a one-time sign-in link used a second time"),
    "controlui.unconfirmed": Reason("--fix from the UI needs the operator's confirmation"),
    "gateway.auth.busy": Reason(
        "the global budget of failed credentials is spent: no credential is compared (429)"
    ),
    "gateway.auth.failed": Reason("wrong gateway token or password"),
    "gateway.auth.locked_out": Reason(
        "too many failed logins from this client: locked out for a while"
    ),
    "gateway.auth.missing": Reason("a credential is required"),
    "gateway.auth.none": Reason("gateway.auth.mode none: no credential needed"),
    "gateway.auth.ok": Reason("the gateway credential matched"),
    "gateway.auth.ok_local_owner": Reason(
        "the owner's own local process with the right credential, let in during a lockout"
    ),
    "gateway.auth.public": Reason("a public route (it verifies its own signature)"),
    "gateway.auth.token_in_query": Reason(
        "a token in the URL query is refused (it leaks into logs)"
    ),
    "gateway.closed": Reason("the gateway closed the connection (chat client)"),
    "gateway.config.ambiguous_auth": Reason(
        "gateway.auth has both token and password but no mode", "gateway.auth.ambiguous_mode"
    ),
    "gateway.config.applied": Reason("written"),
    "gateway.config.bad_trusted_proxy": Reason(
        "a gateway.trustedProxies entry is not an IP address or CIDR"
    ),
    "gateway.config.custom_bind_missing": Reason(
        "gateway.bind is custom but gateway.customBindHost is not set"
    ),
    "gateway.config.dangerous_sandbox": Reason(
        "a docker/podman sandbox setting the audit calls critical: the gateway will not start",
        "sandbox.dangerous_bind_mount",
    ),
    "gateway.config.env_reference": Reason(
        "an agent's config.apply fills a key from ${VAR} where the current config does not: refused"
    ),
    "gateway.config.hooks_token_reuse": Reason(
        "hooks.token equals the gateway token: refused at start",
        "hooks.token_reuse_gateway_token",
    ),
    "gateway.config.invalid": Reason("an applied config does not load in strict mode"),
    "gateway.config.missing_password": Reason(
        'gateway.auth.mode is "password" but gateway.auth.password is not set'
    ),
    "gateway.config.placeholder_secret": Reason(
        "a gateway secret is a placeholder or an unexpanded ${...}: refused at start",
        "gateway.token_placeholder_value",
    ),
    "gateway.config.too_large": Reason("the config is over 1 MB"),
    "gateway.config.unauthenticated_remote": Reason(
        'gateway.auth.mode is "none" on a non-loopback bind', "gateway.bind_no_auth"
    ),
    "gateway.config.unsupported_bind": Reason("a gateway.bind value this gateway does not support"),
    "gateway.config.weak_token": Reason(
        "the gateway token is shorter than the minimum: refused at start",
        "gateway.token_too_short",
    ),
    "gateway.config.weakens": Reason("an applied config would add audit findings: refused"),
    "gateway.handshake_refused": Reason(
        "the gateway refused the WebSocket handshake (chat client)"
    ),
    "gateway.http.bad_host": Reason("the Host header names no allowed host (DNS rebinding)"),
    "gateway.restart.scheduled": Reason("the gateway restarts after in-flight work"),
    "gateway.unreachable": Reason("the gateway cannot be reached (chat client)"),
    "gateway.ws.bad_origin": Reason("the WebSocket Origin is not allowed"),
    "pipeline.admitted": Reason("the message passed every inbound stage and reached the agent"),
    "plugins.all_disabled": Reason("plugins.enabled is false: no plugin starts"),
    "plugins.allowed": Reason("the plugin is in plugins.allow, not denied, not disabled"),
    "plugins.bad_command": Reason(
        "the plugin's command is not an absolute path or a system program"
    ),
    "plugins.bad_id": Reason("a plugin id must be lower case letters, digits and '-'"),
    "plugins.bad_manifest": Reason("the plugin folder's clawkeep.plugin.json is missing or bad"),
    "plugins.call_failed": Reason("the plugin process failed or ended during a tool call"),
    "plugins.call_timeout": Reason("the plugin did not answer a tool call in time"),
    "plugins.denied": Reason("the plugin is listed in plugins.deny: never started"),
    "plugins.disabled": Reason("plugins.entries.<id>.enabled is false: never started"),
    "plugins.missing": Reason(
        "plugins.allow names a plugin with no command and no folder", "plugins.allowed_missing"
    ),
    "plugins.not_allowed": Reason(
        "the plugin is not in plugins.allow: never started", "plugins.installed_not_allowed"
    ),
    "plugins.output_too_large": Reason(
        "the plugin sent a message longer than plugins.maxMessageBytes: it was stopped"
    ),
    "plugins.path_escape": Reason(
        "a plugin folder, manifest or command path leads out of extensions/<id>/"
    ),
    "plugins.start_failed": Reason("the sandboxed plugin did not complete the MCP handshake"),
    "plugins.started": Reason("the plugin runs in its sandbox; its tools are offered"),
    "plugins.tool_error": Reason("the plugin answered the tool call with an error"),
    "plugins.tool_name": Reason("a plugin tool's name cannot be offered as <id>_<tool>"),
    "protocol.bad_frame": Reason("the gateway sent a non-object frame"),
    "protocol.bad_params": Reason("an RPC call with invalid parameters"),
    "protocol.binary": Reason("send JSON text frames"),
    "protocol.busy": Reason("too many requests in flight on this connection"),
    "protocol.too_large": Reason("a WebSocket frame over the size cap"),
    "protocol.unknown_method": Reason("an RPC method the gateway does not have"),
    "provider.bad_key": Reason("the model provider rejected the API key"),
    "provider.bad_model_ref": Reason("a model reference that is not provider/model"),
    "provider.bad_request": Reason("the model provider rejected the request"),
    "provider.bad_response": Reason("an event was not JSON"),
    "provider.bad_script": Reason("the script provider's file is missing or invalid"),
    "provider.key_file_insecure": Reason("the API key file is readable by others"),
    "provider.key_file_unreadable": Reason("the API key file cannot be read"),
    "provider.model_missing": Reason("the model provider does not know the model"),
    "provider.no_base_url": Reason("the provider has no base URL"),
    "provider.no_key": Reason(
        "a cloud provider has no API key (config, auth profiles or its usual variable)"
    ),
    "provider.no_model": Reason("set agents.defaults.model (provider/model)"),
    "provider.output_too_large": Reason("the stream passed the size cap"),
    "provider.overloaded": Reason("the model provider is overloaded"),
    "provider.rate_limited": Reason("the model provider rate-limited the request"),
    "provider.server_error": Reason("the model provider answered with a server error"),
    "provider.stream_error": Reason("the model provider's stream reported an error"),
    "provider.timeout": Reason("the model provider did not answer in time"),
    "provider.unknown": Reason("the model reference names an unknown provider"),
    "provider.unreachable": Reason("the model provider cannot be reached"),
    "skills.bad_skill_md": Reason("a skill folder's SKILL.md is missing or its front matter bad"),
    "skills.not_visible": Reason(
        "the agent asked for a skill it does not see (allowBundled, its skills list)"
    ),
    "skills.path_escape": Reason("a skill folder is a symlink or leads out of its source dir"),
}
