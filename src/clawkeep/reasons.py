"""The reason-code registry: every stable code a runtime decision can carry, written once.

A decision writes its code as a string literal on the line that decides
(``Deny("file_guard.outside_root", ...)``); this registry lists the same literals with
what each means, and, where the audit reports the same concept, the audit check id
(``access.dm.open`` at run time is ``channels.<ch>.dm.open`` in the audit). So a person
can grep one word from the event log to the code that decided and to the audit.
docs/reason-codes.md is generated from here (``reason_codes_markdown``); a test keeps it,
and this registry, current with the source. Audit check ids are catalogued in
docs/audit-checks.md. The command guard's codes are listed here too (its own table is
``command_guard.REASONS``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, NamedTuple

__all__ = ["REASONS", "Reason", "reason_codes_markdown"]


class Reason(NamedTuple):
    """What a reason code means, and the audit check id for the same concept, if any."""

    meaning: str
    audit: str = ""


REASONS: Final[Mapping[str, Reason]] = MappingProxyType(
    {
        "access.account.unknown": Reason("the message names an account the channel does not have"),
        "access.channel.disabled": Reason("the channel or account is disabled"),
        "access.channel.not_configured": Reason("a channel nobody configured admits nobody"),
        "access.dm.allowed": Reason("the sender is listed in allowFrom: admitted"),
        "access.dm.approved": Reason(
            "dmPolicy pairing and the sender's pairing was approved: admitted"
        ),
        "access.dm.disabled": Reason(
            "dmPolicy disabled: every direct message is dropped", "channels.<ch>.dm.disabled"
        ),
        "access.dm.not_allowed": Reason(
            'not listed; allowlist (or open without "*") never consults pairing: dropped'
        ),
        "access.dm.open": Reason(
            'dmPolicy open with "*" in allowFrom: anyone is admitted', "channels.<ch>.dm.open"
        ),
        "access.group.allowed": Reason(
            "the group message passed groupPolicy, the sender list and mention gating"
        ),
        "access.group.disabled": Reason("groupPolicy disabled, or this group is disabled: dropped"),
        "access.group.missing_id": Reason("a group message without a group id: dropped"),
        "access.group.no_mention": Reason(
            "the group requires a mention and the agent was not mentioned: dropped"
        ),
        "access.group.not_allowed": Reason(
            "groupPolicy allowlist and the group is not a key of groups: dropped"
        ),
        "access.group.sender_not_allowed": Reason(
            "the sender is not in the group's sender list: dropped"
        ),
        "access.message.group_allowed": Reason(
            "the agent may message this group: a key of groups, groupPolicy not disabled"
        ),
        "access.message.group_disabled": Reason(
            "the agent may not message this group: groupPolicy or the group is disabled"
        ),
        "access.message.stranger": Reason(
            "the agent may not message them: dmPolicy does not admit them now (open is not enough)"
        ),
        "access.owner": Reason(
            "the web chat operator (authenticated with the gateway token) is the owner: admitted"
        ),
        "access.pairing.approved": Reason("the operator approved a pairing code"),
        "access.pairing.bad_code": Reason("no pending request has this code"),
        "access.pairing.cap_reached": Reason(
            "too many pending pairing requests: dropped without a code"
        ),
        "access.pairing.code_issued": Reason(
            "an unknown sender under dmPolicy pairing got a one-hour pairing code"
        ),
        "access.pairing.expired": Reason("the code has expired"),
        "access.pairing.locked_out": Reason("too many wrong codes"),
        "access.pairing.not_found": Reason("nothing to revoke for that sender"),
        "access.pairing.pending": Reason(
            "the sender already holds a pending code: no second reply"
        ),
        "access.pairing.revoked": Reason("the operator revoked a sender's approval"),
        "agents.max_tool_calls": Reason("no more tool calls this turn"),
        "agents.replied": Reason("the turn ended with a reply"),
        "agents.turn_timeout": Reason("the turn ran past its time limit"),
        "agents.unknown_agent": Reason("the request names an agent that is not configured"),
        "approvals.already_decided": Reason(
            "the held call was already approved or denied: nothing runs twice"
        ),
        "approvals.approved": Reason("the owner approved the held call: it runs once, as shown"),
        "approvals.denied": Reason("the owner denied the held call: it never runs"),
        "approvals.expired": Reason("the held call's approval window passed: it never runs"),
        "approvals.held": Reason(
            "a call waits for the owner's approval (its code and why are shown to the owner)"
        ),
        "approvals.unavailable": Reason(
            "no approval store is connected here: nothing can be approved"
        ),
        "approvals.unknown_code": Reason("no held call has this code (or it is not this owner's)"),
        "audit.unavailable": Reason("this gateway has no audit wired in"),
        "browser.action_failed": Reason(
            "a browser action failed in the page (no element, timeout)"
        ),
        "browser.bad_url": Reason("the URL to open is not a URL with a plain host"),
        "browser.disabled": Reason("browser.enabled is false: no browser runs"),
        "browser.evaluate_disabled": Reason(
            "browser.evaluateEnabled is false: no raw JavaScript", "browser.evaluate_enabled"
        ),
        "browser.launch_failed": Reason("Chromium did not start"),
        "browser.navigation_allowed": Reason("an http(s) URL the browser may be sent to"),
        "browser.navigation_refused": Reason(
            "a hop of the navigation (a redirect) was refused by the egress proxy or route check"
        ),
        "browser.no_such_tab": Reason("the tab index does not exist"),
        "browser.os_error": Reason(
            "the browser could not be started or reached (an OS error: broken pipe, process "
            "gone, profile dir not writable)"
        ),
        "browser.profile_locked": Reason("another clawkeep browser holds the profile's lock"),
        "browser.profile_name": Reason("a profile name that is not [a-z0-9_-]"),
        "browser.profile_outside_state": Reason(
            "the profile sets userDataDir: clawkeep only uses its own dir in the state dir",
            "browser.profile_personal_dir",
        ),
        "browser.profile_unknown": Reason("the profile asked for is not in browser.profiles"),
        "browser.scheme_refused": Reason(
            "file:, chrome:, view-source:, data: ... : only http(s) pages open"
        ),
        "browser.timeout": Reason("a browser action did not finish in time"),
        "channel_guard.allow": Reason("the injection classifier let the message through"),
        "channel_guard.block": Reason(
            "the injection classifier blocked the message before the agent"
        ),
        "channel_guard.error": Reason(
            "the channel guard failed on this message: blocked unless failOpen is set"
        ),
        "channel_guard.flag": Reason(
            "the injection classifier flagged the message: annotated, risky tools removed"
        ),
        "channel_guard.owner_annotated": Reason(
            "the owner's own message scored as an injection: annotated, never blocked"
        ),
        "channels.notify.failed": Reason("the approval notice could not be sent on the channel"),
        "channels.notify.not_configured": Reason("the channel to notify on is not configured"),
        "channels.notify.sent": Reason("the approval notice was sent"),
        "channels.notify.unsupported": Reason("this channel cannot send a notice"),
        "channels.signal.bad_url": Reason(
            "signal-cli's httpUrl is neither http(s)://host:port nor unix:/absolute/path"
        ),
        "channels.signal.daemon_not_owned": Reason(
            "the signal-cli daemon's socket is not owned by channels.signal.daemonUid "
            "(default: the gateway's uid): another user could forge senders; not used"
        ),
        "channels.signal.handler_failed": Reason(
            "a Signal message's turn failed; the channel goes on"
        ),
        "channels.signal.malformed": Reason(
            "a signal-cli event of a shape clawkeep does not know: dropped"
        ),
        "channels.signal.no_account": Reason(
            "channels.signal.account (the registered +number) is missing: the gateway "
            "will not start"
        ),
        "channels.signal.no_text": Reason("a Signal message without text: dropped"),
        "channels.signal.remote_daemon": Reason(
            "the signal-cli daemon is not on this machine and allowRemoteDaemon is off: refused",
            "channels.signal.remote_daemon",
        ),
        "channels.signal.replay": Reason(
            "a Signal message already handled (same sender and timestamp): dropped"
        ),
        "channels.signal.send_failed": Reason("signal-cli's send failed"),
        "channels.signal.stream_closed": Reason(
            "signal-cli's event stream ended: reconnecting with backoff"
        ),
        "channels.signal.stream_failed": Reason(
            "signal-cli's event stream failed: reconnecting with backoff"
        ),
        "channels.telegram.no_token": Reason(
            "a Telegram account without botToken: the gateway will not start"
        ),
        "channels.unknown_channel": Reason(
            "a configured channel clawkeep has no adapter for: the gateway will not start"
        ),
        "channels.whatsapp.account_name": Reason(
            "a WhatsApp account name that cannot be a path segment: not served"
        ),
        "channels.whatsapp.bad_signature": Reason(
            "X-Hub-Signature-256 does not match the body: dropped before parsing"
        ),
        "channels.whatsapp.bad_signature_header": Reason(
            "X-Hub-Signature-256 missing or malformed: dropped before parsing"
        ),
        "channels.whatsapp.bad_subscription": Reason(
            "a subscription handshake that is not hub.mode=subscribe with a plain challenge"
        ),
        "channels.whatsapp.bad_verify_token": Reason(
            "the handshake's hub.verify_token does not match: refused"
        ),
        "channels.whatsapp.handler_failed": Reason(
            "a WhatsApp message's turn failed; the channel goes on"
        ),
        "channels.whatsapp.malformed": Reason(
            "a signed body of a shape clawkeep does not know: dropped"
        ),
        "channels.whatsapp.no_access_token": Reason("no accessToken: the reply cannot be sent"),
        "channels.whatsapp.no_app_secret": Reason(
            "no appSecret: no event can be verified, so none is accepted",
            "channels.whatsapp.unsigned",
        ),
        "channels.whatsapp.no_verify_token": Reason("no verifyToken: the handshake is refused"),
        "channels.whatsapp.not_configured": Reason(
            "a WhatsApp account missing appSecret, verifyToken, accessToken or "
            "phoneNumberId: the gateway will not start"
        ),
        "channels.whatsapp.other_number": Reason(
            "an event for another phone number of the app: not this account's"
        ),
        "channels.whatsapp.replay": Reason(
            "a WhatsApp message id already seen (a retry or a replay): dropped"
        ),
        "channels.whatsapp.send_failed": Reason("the Graph API refused or failed the reply"),
        "channels.whatsapp.stale": Reason(
            "a message older than Meta's 7-day retry window: dropped as a replay"
        ),
        "channels.whatsapp.subscribed": Reason("the subscription handshake succeeded"),
        "channels.whatsapp.too_large": Reason(
            "a webhook body over 1 MiB: refused before verification"
        ),
        "channels.whatsapp.unknown_account": Reason(
            "a WhatsApp path for an account that is not configured"
        ),
        "channels.whatsapp.unsupported_object": Reason(
            "a signed event that is not a WhatsApp business event: dropped"
        ),
        "channels.whatsapp.unsupported_type": Reason(
            "a WhatsApp message that is not text: dropped"
        ),
        "channels.whatsapp.verified": Reason("the event's signature is right"),
        "channels.telegram.from_bot": Reason("message has no human sender"),
        "channels.telegram.handler_failed": Reason("channels.telegram.handler_failed"),
        "channels.telegram.malformed": Reason("a Telegram update that does not parse: dropped"),
        "channels.telegram.no_text": Reason("message has no text"),
        "channels.telegram.poll_failed": Reason("channels.telegram.poll_failed"),
        "channels.telegram.send_failed": Reason("channels.telegram.send_failed"),
        "channels.telegram.unsupported_chat": Reason("channel posts are not handled"),
        "channels.telegram.unsupported_update": Reason("not a new message"),
        "channels.webchat.malformed": Reason("frame type is not chat"),
        "channels.webchat.too_long": Reason("a web chat message over the length cap: refused"),
        "channels.webhook.account_name": Reason("channels.webhook.account_name"),
        "channels.webhook.bad_headers": Reason("timestamp or signature header malformed"),
        "channels.webhook.bad_signature": Reason("signature does not match"),
        "channels.webhook.callback_failed": Reason(
            "the reply could not be delivered to the webhook callback"
        ),
        "channels.webhook.callback_status": Reason(
            "the webhook callback answered with an error status"
        ),
        "channels.webhook.malformed": Reason("a signed webhook body that does not parse: refused"),
        "channels.webhook.no_callback": Reason("channels.webhook.no_callback"),
        "channels.webhook.no_secret": Reason("the account has no secret"),
        "channels.webhook.replay": Reason("this signature was already used"),
        "channels.webhook.reply_sent": Reason("the reply was delivered to the webhook callback"),
        "channels.webhook.stale": Reason("timestamp outside the 5-minute window"),
        "channels.webhook.too_large": Reason(
            "a webhook body over the size cap: refused before verification"
        ),
        "channels.webhook.unknown_account": Reason(
            "the webhook names an account that is not configured"
        ),
        "channels.webhook.verified": Reason("the webhook signature and timestamp check out"),
        "command_guard.anti_forensics": Reason("history or logs wiped"),
        "command_guard.credential_read": Reason(
            "a credential store read (keys, cloud, browser and password-manager files)"
        ),
        "command_guard.denied_command": Reason("a program listed in guards.command deny"),
        "command_guard.destructive_delete": Reason(
            "a delete of something outside the workspace or of a whole tree"
        ),
        "command_guard.disk_write": Reason(
            "a raw write to a disk device or filesystem (dd, mkfs ...)"
        ),
        "command_guard.download_exec": Reason("downloaded content run as code"),
        "command_guard.dynamic_command": Reason("a command name that is only known at run time"),
        "command_guard.exfiltration": Reason("local data sent over the network"),
        "command_guard.file_server": Reason("a file server exposing the workspace beyond loopback"),
        "command_guard.fork_bomb": Reason("a fork bomb"),
        "command_guard.network_no_egress": Reason(
            "network access from a sandbox that has no egress"
        ),
        "command_guard.not_allowlisted": Reason(
            "tools.exec.security allowlist and a program not in safeBins"
        ),
        "command_guard.obfuscation": Reason("code decoded or assembled at run time and run"),
        "command_guard.outside_write": Reason(
            "a write outside the workspace named by an option or redirection"
        ),
        "command_guard.parse_error": Reason(
            "the shell line cannot be parsed: refused, since what it does cannot be judged"
        ),
        "command_guard.persistence": Reason(
            "cron, systemd, shell rc or autostart changed to run later"
        ),
        "command_guard.privilege": Reason("sudo, su, setuid or another privilege change"),
        "command_guard.raw_socket": Reason("raw sockets or packet capture"),
        "command_guard.reverse_shell": Reason("a shell attached to a network connection"),
        "command_guard.system_impact": Reason("shutdown, reboot, or signalling every process"),
        "command_guard.system_perms": Reason("permissions or ownership changed on system paths"),
        "command_guard.system_write": Reason("a write to a system path"),
        "command_guard.too_deep": Reason(
            "nesting (substitutions, wrappers) deeper than the guard judges: refused"
        ),
        "command_guard.too_many_paths": Reason(
            "branches leave more states than the guard follows, and one is read later: refused"
        ),
        "command_guard.tunnel": Reason("a tunnel or proxy exposing this machine"),
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
        "commands.bash_disabled": Reason(
            "! commands are off (commands.bash)", "commands.bash_enabled"
        ),
        "commands.config_disabled": Reason(
            "/config is off (commands.config)", "commands.config_enabled"
        ),
        "commands.debug_disabled": Reason(
            "/debug is off (commands.debug)", "commands.debug_enabled"
        ),
        "commands.elevated_denied": Reason("! needs tools.elevated for this sender"),
        "commands.none": Reason("not a chat command (or commands.text is off): on to the agent"),
        "commands.not_owner": Reason("an owner-only command from someone who is not the owner"),
        "commands.restart_disabled": Reason(
            "/restart is off (commands.restart)", "commands.restart_enabled"
        ),
        "commands.unavailable": Reason("an accepted command, but no command runner is connected"),
        "config.duplicate_key": Reason(
            "a key written twice in one object: refused, with both lines"
        ),
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
        "config.include_repeated": Reason(
            "the same file included twice ($include diamond): refused"
        ),
        "config.include_secret": Reason(
            "an $include of the state dir's .env, credentials/, identity/, agents/ or logs/:"
            " refused"
        ),
        "config.include_too_many": Reason(
            "more than 64 files or 4 MiB in the $include tree: refused"
        ),
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
        "content_guard.error": Reason(
            "the content guard itself failed on this text: blocked unless failOpen is set"
        ),
        "content_guard.timeout": Reason(
            "the content guard could not judge the text within its deadline: blocked"
        ),
        "controlui.allowed_origin": Reason(
            "the Origin is listed exactly in gateway.controlUi.allowedOrigins"
        ),
        "controlui.bad_body": Reason("a Control UI request that is not the JSON it needs"),
        "controlui.cross_origin": Reason(
            "a state-changing Control UI request from another origin (or none): refused",
            "gateway.control_ui.allowed_origins_wildcard",
        ),
        "controlui.csp_violation": Reason(
            "the browser reported a Content-Security-Policy violation"
        ),
        "controlui.csrf": Reason("the CSRF token bound to the session is missing or wrong"),
        "controlui.failed": Reason("a Control UI view failed (a bug; see the gateway log)"),
        "controlui.not_found": Reason("no such Control UI file or feature"),
        "controlui.same_origin": Reason("the request came from the Control UI's own page"),
        "controlui.session_deleted": Reason("the operator deleted a session's transcript"),
        "controlui.signed_in": Reason("the gateway credential opened a Control UI session"),
        "controlui.signed_out": Reason(
            "no live Control UI session (never signed in, expired, ended)"
        ),
        "controlui.ticket_expired": Reason("a one-time sign-in link past its minute"),
        "controlui.ticket_invalid": Reason("a sign-in ticket this gateway did not make"),
        "controlui.ticket_ok": Reason("a one-time sign-in link opened a session"),
        "controlui.ticket_used": Reason("a one-time sign-in link used a second time"),
        "controlui.unconfirmed": Reason("--fix from the UI needs the operator's confirmation"),
        "discovery.loopback_only": Reason(
            "the gateway listens on loopback only: nothing is announced"
        ),
        "discovery.no_interface": Reason("no non-loopback address to announce the gateway on"),
        "discovery.off": Reason("discovery.mdns.mode is off: nothing is announced"),
        "exec.security_deny": Reason("tools.exec.security is deny (the default)"),
        "file_guard.absolute_path": Reason("an absolute path outside the workspace root"),
        "file_guard.backslash": Reason("use '/' as the separator"),
        "file_guard.bad_encoding": Reason("the path is not valid Unicode"),
        "file_guard.bad_type": Reason("a path must be a string"),
        "file_guard.control_char": Reason("the path contains a control character"),
        "file_guard.empty_path": Reason("the path is empty"),
        "file_guard.encoded_traversal": Reason("an encoded form of the path climbs with '..'"),
        "file_guard.hardlink": Reason("the file has more than one hard link"),
        "file_guard.invisible_char": Reason("the path contains an invisible or bidi character"),
        "file_guard.io_error": Reason("the operating system reported another I/O error"),
        "file_guard.name_too_long": Reason("the path is longer than PATH_MAX"),
        "file_guard.no_root": Reason("the workspace root does not exist or cannot be opened"),
        "file_guard.not_a_directory": Reason("a part of the path is not a directory"),
        "file_guard.not_a_file": Reason("not a regular file"),
        "file_guard.not_found": Reason("no such file in the workspace"),
        "file_guard.nul_byte": Reason("the path contains a NUL byte (truncation trick)"),
        "file_guard.outside_root": Reason("'..' climbs above the workspace root"),
        "file_guard.permission": Reason("the operating system refused access"),
        "file_guard.protected.no_access": Reason(
            "a protected pattern forbids any access to the path"
        ),
        "file_guard.protected.no_delete": Reason("a protected pattern forbids deleting the path"),
        "file_guard.protected.read_only": Reason("a protected pattern makes the path read-only"),
        "file_guard.protected.state_dir": Reason("the gateway's state and config"),
        "file_guard.race": Reason("the path changed while it was being resolved"),
        "file_guard.symlink_escape": Reason("the symlink climbs out of the root"),
        "file_guard.symlink_loop": Reason("too many symlinks"),
        "file_guard.url": Reason("a URL is not a workspace path"),
        "file_guard.windows_drive": Reason("a drive-letter path is absolute on Windows"),
        "file_guard.windows_reserved": Reason("a Windows device name (CON, NUL ...) in the path"),
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
            "an agent's config.apply fills a key from ${VAR} where the current config does not:"
            " refused"
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
        "gateway.config.unsupported_bind": Reason(
            "a gateway.bind value this gateway does not support"
        ),
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
        "network_guard.allowed_by_exception": Reason(
            "a blocked address that the config explicitly allows"
        ),
        "network_guard.body_too_large": Reason("the response body is over the size cap"),
        "network_guard.direct_ip": Reason("a URL naming an IP address under blockDirectIp"),
        "network_guard.dns_failed": Reason("the host name does not resolve"),
        "network_guard.documentation_address": Reason("the address is in a documentation range"),
        "network_guard.domain_not_allowed": Reason("the domain is not on the allowlist"),
        "network_guard.fetch_failed": Reason("the request failed on the network"),
        "network_guard.header": Reason("a request header that may not be sent"),
        "network_guard.host_syntax": Reason("empty host"),
        "network_guard.ip_literal_form": Reason(
            "an IP address written in a non-standard form (octal, hex, short)"
        ),
        "network_guard.link_local": Reason("the address is link-local"),
        "network_guard.loopback": Reason("the address is loopback"),
        "network_guard.metadata": Reason("the address is a cloud metadata endpoint"),
        "network_guard.method": Reason("an HTTP method that may not be used"),
        "network_guard.multicast": Reason("the address is multicast"),
        "network_guard.port": Reason("the port is not a number from 1 to 65535"),
        "network_guard.private_address": Reason("the address is private (RFC 1918 / ULA)"),
        "network_guard.public": Reason("the address is public: allowed"),
        "network_guard.redirect_limit": Reason("too many redirects"),
        "network_guard.reserved_address": Reason("the address is reserved"),
        "network_guard.reserved_hostname": Reason(
            "a reserved host name (localhost, .internal ...)"
        ),
        "network_guard.scheme": Reason("the URL scheme is not http or https"),
        "network_guard.timeout": Reason("the request timed out"),
        "network_guard.transition_address": Reason(
            "an IPv6 transition address that embeds a blocked IPv4"
        ),
        "network_guard.unspecified": Reason("the unspecified address (0.0.0.0 or ::)"),
        "network_guard.url_syntax": Reason("redirect Location is not a URL"),
        "network_guard.userinfo": Reason("credentials or '@' in the URL authority"),
        "pairing.unavailable": Reason("this gateway has no pairing store wired in"),
        "pipeline.admitted": Reason("the message passed every inbound stage and reached the agent"),
        "plugins.all_disabled": Reason("plugins.enabled is false: no plugin starts"),
        "plugins.allowed": Reason("the plugin is in plugins.allow, not denied, not disabled"),
        "plugins.bad_command": Reason(
            "the plugin's command is not an absolute path or a system program"
        ),
        "plugins.bad_id": Reason("a plugin id must be lower case letters, digits and '-'"),
        "plugins.bad_manifest": Reason(
            "the plugin folder's clawkeep.plugin.json is missing or bad"
        ),
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
        "policy.allowed": Reason("every policy layer allows the tool"),
        "policy.browser_disabled": Reason("browser.enabled is false: the browser is never offered"),
        "policy.denied": Reason("a deny rule in some layer names the tool"),
        "policy.elevated_off": Reason("elevated"),
        "policy.name_not_canonical": Reason("names"),
        "policy.not_allowed": Reason("a layer with an allow list does not list the tool"),
        "policy.unknown_tool": Reason("names"),
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
        "routing.default_agent": Reason("no choice made: the default agent answers"),
        "routing.not_owner": Reason(
            "a message that chose its agent or session is not the operator's: dropped"
        ),
        "routing.requested_agent": Reason("the operator chose the agent (client API, Control UI)"),
        "routing.unknown_agent": Reason("the operator chose an agent that is not configured"),
        "sandbox.available": Reason("the sandbox backend is available"),
        "sandbox.cancelled": Reason("the sandboxed command was cancelled"),
        "sandbox.dangerous_apparmor_profile": Reason(
            "a container setting turns AppArmor off", "sandbox.dangerous_apparmor_profile"
        ),
        "sandbox.dangerous_bind_mount": Reason(
            "a bind mount exposes a sensitive host path", "sandbox.dangerous_bind_mount"
        ),
        "sandbox.dangerous_network_mode": Reason(
            "a container network mode joins the host's network", "sandbox.dangerous_network_mode"
        ),
        "sandbox.dangerous_seccomp_profile": Reason(
            "a container setting turns seccomp off", "sandbox.dangerous_seccomp_profile"
        ),
        "sandbox.disk_quota": Reason(
            "a sandboxed command wrote past the workspace quota (or file count): killed"
        ),
        "sandbox.egress_allowed": Reason("the sandbox's egress proxy let the request through"),
        "sandbox.egress_bad_request": Reason("not a proxy request"),
        "sandbox.egress_connect_failed": Reason("the sandbox's egress proxy could not connect"),
        "sandbox.egress_host_mismatch": Reason(
            "a request through the egress proxy whose Host differs from its checked target: refused"
        ),
        "sandbox.egress_port": Reason("the sandbox's egress proxy refused the port"),
        "sandbox.egress_too_many": Reason(
            "the egress proxy's connection bound (per sandbox or in total) is reached: 503"
        ),
        "sandbox.elevated": Reason(
            "an elevated exec runs on the host (tools.elevated.enabled)", "tools.elevated.enabled"
        ),
        "sandbox.elevated_disabled": Reason("elevated exec needs tools.elevated.enabled"),
        "sandbox.empty_command": Reason("no command given"),
        "sandbox.main_session": Reason(
            "exec runs on the host (sandbox.mode non-main, the agent's main session)"
        ),
        "sandbox.memory_limit": Reason("the sandboxed command hit its memory limit"),
        "sandbox.mode_all": Reason("exec runs in the sandbox (sandbox.mode all, the default)"),
        "sandbox.mode_non_main": Reason(
            "exec runs in the sandbox (sandbox.mode non-main, not the main session)"
        ),
        "sandbox.mode_off": Reason(
            "exec runs on the host (sandbox.mode off)", "sandbox.off_with_exec"
        ),
        "sandbox.output_limit": Reason("the sandboxed command hit its output limit"),
        "sandbox.process_limit": Reason("the sandboxed command hit its process limit"),
        "sandbox.queue_full": Reason(
            "the session's (or all strangers') sandboxed commands queue is full: refused"
        ),
        "sandbox.readonly_file_invalid": Reason(
            "a read-only workspace file entry is not a plain file name"
        ),
        "sandbox.readonly_file_unsafe": Reason(
            "a read-only workspace file is not a regular file (a link, fifo or device)"
        ),
        "sandbox.too_many_secrets": Reason(
            "more secret files to mask than the sandbox binds: refused"
        ),
        "sandbox.unavailable": Reason("bubblewrap (bwrap) is not installed"),
        "sandbox.wall_clock": Reason("the sandboxed command ran past its time limit"),
        "sandbox.workspace_changed": Reason(
            "the workspace changed between listing its secrets and binding: refused"
        ),
        "sandbox.workspace_access": Reason("a sandboxed service gets its folder read-only or none"),
        "sandbox.workspace_exposes_state": Reason(
            "the workspace would expose the state dir: refused"
        ),
        "sandbox.workspace_missing": Reason("the workspace does not exist"),
        "sandbox.workspace_too_large": Reason(
            "the workspace has too many names to list for secrets: refused"
        ),
        "skills.bad_skill_md": Reason(
            "a skill folder's SKILL.md is missing or its front matter bad"
        ),
        "skills.not_visible": Reason(
            "the agent asked for a skill it does not see (allowBundled, its skills list)"
        ),
        "skills.path_escape": Reason("a skill folder is a symlink or leads out of its source dir"),
        "tools.bad_arguments": Reason("the tool call's arguments do not validate"),
        "tools.edit.identity_locked": Reason(
            "SOUL.md / AGENTS.md / USER.md are read-only to the agent"
        ),
        "tools.edit.no_unique_match": Reason("edit: the text to replace is not found exactly once"),
        "tools.edit.workspace_access": Reason("sandbox workspaceAccess is not rw: edit refused"),
        "tools.exec.ask": Reason(
            "host exec that needs the owner's approval (tools.exec.ask): held"
        ),
        "tools.exec.ask_no_owner": Reason(
            "host exec needing approval in a turn with no owner to ask: refused"
        ),
        "tools.exec.background_host": Reason("background jobs run in the sandbox only"),
        "tools.exec.elevated_denied": Reason(
            "an elevated exec without an elevated grant for this sender"
        ),
        "tools.exec.host_needs_elevated": Reason(
            "exec would run on the host and tools.elevated does not allow it"
        ),
        "tools.failed": Reason("an allowed tool failed with an I/O error"),
        "tools.gateway.config_off": Reason("commands.config is false"),
        "tools.gateway.no_config": Reason("config.apply needs raw"),
        "tools.gateway.restart_off": Reason("commands.restart is false"),
        "tools.gateway.unavailable": Reason("no control plane is connected"),
        "tools.message.unavailable": Reason("no messenger is connected"),
        "tools.not_implemented": Reason("the policy allows the name but clawkeep has no such tool"),
        "tools.ok": Reason("the tool ran"),
        "tools.process.not_found": Reason("no background job with that id"),
        "tools.process.too_many": Reason("too many background jobs"),
        "tools.process.unavailable": Reason("no background job table is connected"),
        "tools.read.workspace_access": Reason("sandbox workspaceAccess none: read refused"),
        "tools.sessions_history.other_session": Reason("only the current session"),
        "tools.sessions_history.unavailable": Reason("no transcript store"),
        "tools.sessions_list.unavailable": Reason("no transcript store"),
        "tools.sessions_send.no_target": Reason("give agentId or sessionKey"),
        "tools.sessions_send.not_allowed": Reason(
            "subagents.allowAgents does not allow delegating to that agent"
        ),
        "tools.sessions_send.flagged": Reason(
            "the content guard flagged the payload (alone or joined to the payloads sent "
            "before it): the target's turn runs without guards.channel.highRiskTools"
        ),
        "tools.sessions_send.self": Reason("an agent cannot delegate to itself"),
        "tools.sessions_send.too_deep": Reason("delegation nested too deep"),
        "tools.sessions_send.unavailable": Reason("no content guard on delegation"),
        "tools.sessions_send.unknown_agent": Reason(
            "delegation to an agent that is not configured"
        ),
        "tools.web_search.no_backend": Reason("no search backend is configured"),
        "tools.write.identity_locked": Reason(
            "SOUL.md / AGENTS.md / USER.md are read-only to the agent"
        ),
        "tools.write.workspace_access": Reason("sandbox workspaceAccess is not rw: write refused"),
        "untrusted.model_check": Reason(
            "tools.untrusted.modelCheck: a fresh model did not answer exactly YES: held"
        ),
        "untrusted.model_check_yes": Reason(
            "tools.untrusted.modelCheck: a fresh model answered YES: the call runs"
        ),
        "untrusted.steered_read": Reason(
            "a read chose its object from untrusted content; a send after it is held"
        ),
        "untrusted.unasked_effect": Reason(
            "a side effect with no destination to ground that the owner never asked for: held"
        ),
        "untrusted.binding": Reason(
            "a destination the owner named for another action: held for the owner"
        ),
        "untrusted.clean": Reason(
            "no untrusted content in the turn yet: the call is the owner's own"
        ),
        "untrusted.flagged": Reason(
            "a flagged item is in the context: every non-read-only call asks the owner"
        ),
        "untrusted.flagged_no_owner": Reason(
            "a flagged item is in the context and there is no owner to ask: refused"
        ),
        "untrusted.grounded": Reason(
            "every argument choosing where/what is in the owner's words or the config"
        ),
        "untrusted.off": Reason("tools.untrusted.mode off: the grounding rule is not applied"),
        "untrusted.read_only": Reason(
            "a read-only call: untrusted content cannot make it a side effect"
        ),
        "untrusted.ungrounded": Reason(
            "a destination found only in untrusted content: held for the owner, or refused"
        ),
    }
)


def reason_codes_markdown() -> str:
    """docs/reason-codes.md: the registry as one table per stage."""
    lines = [
        "# Reason codes",
        "",
        "Generated from `src/clawkeep/reasons.py`; do not edit by hand (a test keeps it current).",
        "Every runtime decision carries one of these codes, written as a literal where it is",
        "decided; the event log and the CLI print it unchanged. Audit check ids are in",
        "[audit-checks.md](audit-checks.md); `<ch>` there is a channel.",
    ]
    stage = ""
    for code in sorted(REASONS):
        entry = REASONS[code]
        here = code.split(".", 1)[0]
        if here != stage:
            stage = here
            lines += ["", f"## {stage}", "", "| code | meaning | audit |", "| --- | --- | --- |"]
        audit = f"`{entry.audit}`" if entry.audit else ""
        meaning = entry.meaning.replace("|", "\\|")
        lines.append(f"| `{code}` | {meaning} | {audit} |")
    return "\n".join(lines) + "\n"
