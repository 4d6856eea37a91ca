"""The reason-code registry: every stable code a runtime decision can carry, written once.

A decision writes its code as a string literal on the line that decides
(``Deny("file_guard.outside_root", ...)``); this registry lists the same literals with
what each means, and, where the audit reports the same concept, the audit check id
(``access.dm.open`` at run time is ``channels.<ch>.dm.open`` in the audit). So a person
can grep one word from the event log to the code that decided and to the audit.
docs/reason-codes.md is generated from here (``reason_codes_markdown``); a test keeps it,
and this registry, current with the source. Audit check ids are catalogued in
docs/audit-checks.md; the command guard's codes are in its own ``REASONS``.
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
        "agents.unknown_agent": Reason("unknown agent"),
        "audit.unavailable": Reason("this gateway has no audit wired in"),
        "channel_guard.allow": Reason("the injection classifier let the message through"),
        "channel_guard.block": Reason(
            "the injection classifier blocked the message before the agent"
        ),
        "channel_guard.flag": Reason(
            "the injection classifier flagged the message: annotated, risky tools removed"
        ),
        "channels.notify.failed": Reason("notify failed"),
        "channels.signal.bad_url": Reason(
            "signal-cli's httpUrl is neither http(s)://host:port nor unix:/absolute/path"
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
        "channels.notify.not_configured": Reason("notify not configured"),
        "channels.notify.sent": Reason("notify sent"),
        "channels.notify.unsupported": Reason("notify unsupported"),
        "channels.telegram.from_bot": Reason("message has no human sender"),
        "channels.telegram.handler_failed": Reason("channels.telegram.handler_failed"),
        "channels.telegram.malformed": Reason("telegram malformed"),
        "channels.telegram.no_text": Reason("message has no text"),
        "channels.telegram.poll_failed": Reason("channels.telegram.poll_failed"),
        "channels.telegram.send_failed": Reason("channels.telegram.send_failed"),
        "channels.telegram.unsupported_chat": Reason("channel posts are not handled"),
        "channels.telegram.unsupported_update": Reason("not a new message"),
        "channels.webchat.malformed": Reason("frame type is not chat"),
        "channels.webchat.too_long": Reason("webchat too long"),
        "channels.webhook.account_name": Reason("channels.webhook.account_name"),
        "channels.webhook.bad_headers": Reason("timestamp or signature header malformed"),
        "channels.webhook.bad_signature": Reason("signature does not match"),
        "channels.webhook.callback_failed": Reason("webhook callback failed"),
        "channels.webhook.callback_status": Reason("webhook callback status"),
        "channels.webhook.malformed": Reason("webhook malformed"),
        "channels.webhook.no_callback": Reason("channels.webhook.no_callback"),
        "channels.webhook.no_secret": Reason("the account has no secret"),
        "channels.webhook.replay": Reason("this signature was already used"),
        "channels.webhook.reply_sent": Reason("webhook reply sent"),
        "channels.webhook.stale": Reason("timestamp outside the 5-minute window"),
        "channels.webhook.too_large": Reason("webhook too large"),
        "channels.webhook.unknown_account": Reason("webhook unknown account"),
        "channels.webhook.verified": Reason("webhook verified"),
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
        "config.encoding": Reason("encoding"),
        "config.env_missing": Reason(
            "a ${VAR} in the config names an unset environment variable", "config.env_missing"
        ),
        "config.include_cycle": Reason("include cycle"),
        "config.include_depth": Reason("include depth"),
        "config.include_invalid": Reason("include invalid"),
        "config.include_outside": Reason("include outside"),
        "config.invalid": Reason("the config does not validate", "config.invalid"),
        "config.invalid_value": Reason(
            "a config value has the wrong type or range", "config.invalid_value"
        ),
        "config.missing": Reason("missing"),
        "config.not_object": Reason("not object"),
        "config.syntax": Reason("syntax"),
        "config.too_large": Reason("too large"),
        "config.unknown_key": Reason(
            "the config has a key the schema does not know", "config.unknown_key"
        ),
        "config.unreadable": Reason("unreadable"),
        "content_guard.tainted_turn": Reason("tainted turn"),
        "exec.security_deny": Reason("tools.exec.security is deny (the default)"),
        "file_guard.absolute_path": Reason("an absolute path outside the workspace root"),
        "file_guard.backslash": Reason("use '/' as the separator"),
        "file_guard.bad_encoding": Reason("the path is not valid Unicode"),
        "file_guard.bad_type": Reason("a path must be a string"),
        "file_guard.control_char": Reason("the path contains a control character"),
        "file_guard.empty_path": Reason("the path is empty"),
        "file_guard.encoded_traversal": Reason("an encoded form of the path climbs with '..'"),
        "file_guard.hardlink": Reason("the file has more than one hard link"),
        "file_guard.invisible_char": Reason("invisible char"),
        "file_guard.io_error": Reason("the operating system reported another I/O error"),
        "file_guard.name_too_long": Reason("the path is longer than PATH_MAX"),
        "file_guard.no_root": Reason("no root"),
        "file_guard.not_a_directory": Reason("not a directory"),
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
        "file_guard.windows_reserved": Reason("windows reserved"),
        "gateway.auth.failed": Reason("auth failed"),
        "gateway.auth.locked_out": Reason("auth locked out"),
        "gateway.auth.missing": Reason("a credential is required"),
        "gateway.auth.none": Reason("auth none"),
        "gateway.auth.ok": Reason("auth ok"),
        "gateway.auth.public": Reason("a public route (it verifies its own signature)"),
        "gateway.auth.token_in_query": Reason(
            "a token in the URL query is refused (it leaks into logs)"
        ),
        "gateway.closed": Reason("closed"),
        "gateway.config.ambiguous_auth": Reason(
            "gateway.auth has both token and password but no mode", "gateway.auth.ambiguous_mode"
        ),
        "gateway.config.applied": Reason("written"),
        "gateway.config.bad_trusted_proxy": Reason("config bad trusted proxy"),
        "gateway.config.custom_bind_missing": Reason(
            "gateway.bind is custom but gateway.customBindHost is not set"
        ),
        "gateway.config.hooks_token_reuse": Reason(
            "config hooks token reuse", "hooks.token_reuse_gateway_token"
        ),
        "gateway.config.invalid": Reason("config invalid"),
        "gateway.config.missing_password": Reason(
            'gateway.auth.mode is "password" but gateway.auth.password is not set'
        ),
        "gateway.config.placeholder_secret": Reason(
            "config placeholder secret", "config.secrets.placeholder"
        ),
        "gateway.config.too_large": Reason("the config is over 1 MB"),
        "gateway.config.unauthenticated_remote": Reason(
            'gateway.auth.mode is "none" on a non-loopback bind', "gateway.bind_no_auth"
        ),
        "gateway.config.unsupported_bind": Reason("config unsupported bind"),
        "gateway.config.weak_token": Reason("config weak token", "gateway.token_too_short"),
        "gateway.config.weakens": Reason("config weakens"),
        "gateway.handshake_refused": Reason("handshake refused"),
        "gateway.http.bad_host": Reason("the Host header names no allowed host (DNS rebinding)"),
        "gateway.restart.scheduled": Reason("the gateway restarts after in-flight work"),
        "gateway.unreachable": Reason("unreachable"),
        "gateway.ws.bad_origin": Reason("the WebSocket Origin is not allowed"),
        "network_guard.allowed_by_exception": Reason("allowed by exception"),
        "network_guard.body_too_large": Reason("body too large"),
        "network_guard.direct_ip": Reason("direct ip"),
        "network_guard.dns_failed": Reason("dns failed"),
        "network_guard.documentation_address": Reason("documentation address"),
        "network_guard.domain_not_allowed": Reason("domain not allowed"),
        "network_guard.fetch_failed": Reason("fetch failed"),
        "network_guard.header": Reason("header"),
        "network_guard.host_syntax": Reason("empty host"),
        "network_guard.ip_literal_form": Reason("ip literal form"),
        "network_guard.link_local": Reason("link local"),
        "network_guard.loopback": Reason("loopback"),
        "network_guard.metadata": Reason("metadata"),
        "network_guard.method": Reason("method"),
        "network_guard.multicast": Reason("multicast"),
        "network_guard.port": Reason("port"),
        "network_guard.private_address": Reason("private address"),
        "network_guard.public": Reason("public"),
        "network_guard.redirect_limit": Reason("redirect limit"),
        "network_guard.reserved_address": Reason("reserved address"),
        "network_guard.reserved_hostname": Reason("reserved hostname"),
        "network_guard.scheme": Reason("scheme"),
        "network_guard.timeout": Reason("timeout"),
        "network_guard.transition_address": Reason("transition address"),
        "network_guard.unspecified": Reason("unspecified"),
        "network_guard.url_syntax": Reason("redirect Location is not a URL"),
        "network_guard.userinfo": Reason("credentials or '@' in the URL authority"),
        "pairing.unavailable": Reason("this gateway has no pairing store wired in"),
        "pipeline.admitted": Reason("the message passed every inbound stage and reached the agent"),
        "policy.allowed": Reason("every policy layer allows the tool"),
        "policy.denied": Reason("a deny rule in some layer names the tool"),
        "policy.elevated_off": Reason("elevated"),
        "policy.name_not_canonical": Reason("names"),
        "policy.not_allowed": Reason("a layer with an allow list does not list the tool"),
        "policy.unknown_tool": Reason("names"),
        "protocol.bad_frame": Reason("the gateway sent a non-object frame"),
        "protocol.bad_params": Reason("bad params"),
        "protocol.binary": Reason("send JSON text frames"),
        "protocol.busy": Reason("busy"),
        "protocol.too_large": Reason("too large"),
        "protocol.unknown_method": Reason("unknown method"),
        "provider.bad_key": Reason("bad key"),
        "provider.bad_model_ref": Reason("bad model ref"),
        "provider.bad_request": Reason("bad request"),
        "provider.bad_response": Reason("an event was not JSON"),
        "provider.bad_script": Reason("bad script"),
        "provider.key_file_insecure": Reason("key file insecure"),
        "provider.key_file_unreadable": Reason("key file unreadable"),
        "provider.model_missing": Reason("model missing"),
        "provider.no_base_url": Reason("no base url"),
        "provider.no_model": Reason("set agents.defaults.model (provider/model)"),
        "provider.output_too_large": Reason("the stream passed the size cap"),
        "provider.overloaded": Reason("overloaded"),
        "provider.rate_limited": Reason("rate limited"),
        "provider.server_error": Reason("server error"),
        "provider.stream_error": Reason("stream error"),
        "provider.timeout": Reason("timeout"),
        "provider.unknown": Reason("unknown"),
        "provider.unreachable": Reason("unreachable"),
        "sandbox.available": Reason("available"),
        "sandbox.cancelled": Reason("cancelled"),
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
        "sandbox.egress_allowed": Reason("egress allowed"),
        "sandbox.egress_bad_request": Reason("not a proxy request"),
        "sandbox.egress_connect_failed": Reason("egress connect failed"),
        "sandbox.egress_port": Reason("egress port"),
        "sandbox.elevated": Reason(
            "an elevated exec runs on the host (tools.elevated.enabled)", "tools.elevated.enabled"
        ),
        "sandbox.elevated_disabled": Reason("elevated exec needs tools.elevated.enabled"),
        "sandbox.empty_command": Reason("no command given"),
        "sandbox.main_session": Reason(
            "exec runs on the host (sandbox.mode non-main, the agent's main session)"
        ),
        "sandbox.memory_limit": Reason("memory limit"),
        "sandbox.mode_all": Reason("exec runs in the sandbox (sandbox.mode all, the default)"),
        "sandbox.mode_non_main": Reason(
            "exec runs in the sandbox (sandbox.mode non-main, not the main session)"
        ),
        "sandbox.mode_off": Reason(
            "exec runs on the host (sandbox.mode off)", "sandbox.off_with_exec"
        ),
        "sandbox.output_limit": Reason("output limit"),
        "sandbox.process_limit": Reason("process limit"),
        "sandbox.readonly_file_invalid": Reason("readonly file invalid"),
        "sandbox.readonly_file_unsafe": Reason("readonly file unsafe"),
        "sandbox.unavailable": Reason("bubblewrap (bwrap) is not installed"),
        "sandbox.wall_clock": Reason("wall clock"),
        "sandbox.workspace_exposes_state": Reason("workspace exposes state"),
        "sandbox.workspace_missing": Reason("workspace missing"),
        "tools.bad_arguments": Reason("bad arguments"),
        "tools.edit.identity_locked": Reason(
            "SOUL.md / AGENTS.md / USER.md are read-only to the agent"
        ),
        "tools.edit.no_unique_match": Reason("edit no unique match"),
        "tools.edit.workspace_access": Reason("sandbox workspaceAccess is not rw: edit refused"),
        "tools.exec.background_host": Reason("background jobs run in the sandbox only"),
        "tools.exec.elevated_denied": Reason("exec elevated denied"),
        "tools.exec.host_needs_elevated": Reason("exec host needs elevated"),
        "tools.failed": Reason("an allowed tool failed with an I/O error"),
        "tools.gateway.config_off": Reason("commands.config is false"),
        "tools.gateway.no_config": Reason("config.apply needs raw"),
        "tools.gateway.restart_off": Reason("commands.restart is false"),
        "tools.gateway.unavailable": Reason("no control plane is connected"),
        "tools.message.unavailable": Reason("no messenger is connected"),
        "tools.not_implemented": Reason("the policy allows the name but clawkeep has no such tool"),
        "tools.ok": Reason("the tool ran"),
        "tools.process.not_found": Reason("process not found"),
        "tools.process.too_many": Reason("process too many"),
        "tools.process.unavailable": Reason("no background job table is connected"),
        "tools.read.workspace_access": Reason("sandbox workspaceAccess none: read refused"),
        "tools.sessions_history.other_session": Reason("only the current session"),
        "tools.sessions_history.unavailable": Reason("no transcript store"),
        "tools.sessions_list.unavailable": Reason("no transcript store"),
        "tools.sessions_send.no_target": Reason("give agentId or sessionKey"),
        "tools.sessions_send.not_allowed": Reason("sessions send not allowed"),
        "tools.sessions_send.self": Reason("an agent cannot delegate to itself"),
        "tools.sessions_send.too_deep": Reason("sessions send too deep"),
        "tools.sessions_send.unavailable": Reason("no content guard on delegation"),
        "tools.sessions_send.unknown_agent": Reason("sessions send unknown agent"),
        "tools.web_search.no_backend": Reason("no search backend is configured"),
        "tools.write.identity_locked": Reason(
            "SOUL.md / AGENTS.md / USER.md are read-only to the agent"
        ),
        "tools.write.workspace_access": Reason("sandbox workspaceAccess is not rw: write refused"),
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
