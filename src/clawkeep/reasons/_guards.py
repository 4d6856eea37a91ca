"""Reason codes of what agents may do: tools, the sandbox, the file, network and command
guards, the channel and content guards, the browser, untrusted content, policies and
approvals. Part of the registry in ``clawkeep.reasons``."""

from __future__ import annotations

from clawkeep.reasons._reason import Reason

__all__ = ["GUARDS"]

GUARDS: dict[str, Reason] = {
    "approvals.already_decided": Reason(
        "the held call was already approved or denied: nothing runs twice"
    ),
    "approvals.approved": Reason("the owner approved the held call: it runs once, as shown"),
    "approvals.denied": Reason("the owner denied the held call: it never runs"),
    "approvals.expired": Reason("the held call's approval window passed: it never runs"),
    "approvals.held": Reason(
        "a call waits for the owner's approval (its code and why are shown to the owner)"
    ),
    "approvals.unavailable": Reason("no approval store is connected here: nothing can be approved"),
    "approvals.unknown_code": Reason("no held call has this code (or it is not this owner's)"),
    "browser.action_failed": Reason("a browser action failed in the page (no element, timeout)"),
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
    "channel_guard.block": Reason("the injection classifier blocked the message before the agent"),
    "channel_guard.error": Reason(
        "the channel guard failed on this message: blocked unless failOpen is set"
    ),
    "channel_guard.flag": Reason(
        "the injection classifier flagged the message: annotated, risky tools removed"
    ),
    "channel_guard.owner_annotated": Reason(
        "the owner's own message scored as an injection: annotated, never blocked"
    ),
    "command_guard.anti_forensics": Reason("history or logs wiped"),
    "command_guard.credential_read": Reason(
        "a credential store read (keys, cloud, browser and password-manager files)"
    ),
    "command_guard.denied_command": Reason("a program listed in guards.command deny"),
    "command_guard.destructive_delete": Reason(
        "a delete of something outside the workspace or of a whole tree"
    ),
    "command_guard.disk_write": Reason("a raw write to a disk device or filesystem (dd, mkfs ...)"),
    "command_guard.download_exec": Reason("downloaded content run as code"),
    "command_guard.dynamic_command": Reason("a command name that is only known at run time"),
    "command_guard.exfiltration": Reason("local data sent over the network"),
    "command_guard.file_server": Reason("a file server exposing the workspace beyond loopback"),
    "command_guard.fork_bomb": Reason("a fork bomb"),
    "command_guard.network_no_egress": Reason("network access from a sandbox that has no egress"),
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
    "content_guard.error": Reason(
        "the content guard itself failed on this text: blocked unless failOpen is set"
    ),
    "content_guard.timeout": Reason(
        "the content guard could not judge the text within its deadline: blocked"
    ),
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
    "file_guard.protected.no_access": Reason("a protected pattern forbids any access to the path"),
    "file_guard.protected.no_delete": Reason("a protected pattern forbids deleting the path"),
    "file_guard.protected.read_only": Reason("a protected pattern makes the path read-only"),
    "file_guard.protected.state_dir": Reason("the gateway's state and config"),
    "file_guard.race": Reason("the path changed while it was being resolved"),
    "file_guard.symlink_escape": Reason("the symlink climbs out of the root"),
    "file_guard.symlink_loop": Reason("too many symlinks"),
    "file_guard.url": Reason("a URL is not a workspace path"),
    "file_guard.windows_drive": Reason("a drive-letter path is absolute on Windows"),
    "file_guard.windows_reserved": Reason("a Windows device name (CON, NUL ...) in the path"),
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
    "network_guard.reserved_hostname": Reason("a reserved host name (localhost, .internal ...)"),
    "network_guard.scheme": Reason("the URL scheme is not http or https"),
    "network_guard.timeout": Reason("the request timed out"),
    "network_guard.transition_address": Reason(
        "an IPv6 transition address that embeds a blocked IPv4"
    ),
    "network_guard.unspecified": Reason("the unspecified address (0.0.0.0 or ::)"),
    "network_guard.url_syntax": Reason("redirect Location is not a URL"),
    "network_guard.userinfo": Reason("credentials or '@' in the URL authority"),
    "policy.allowed": Reason("every policy layer allows the tool"),
    "policy.browser_disabled": Reason("browser.enabled is false: the browser is never offered"),
    "policy.denied": Reason("a deny rule in some layer names the tool"),
    "policy.elevated_off": Reason("elevated"),
    "policy.name_not_canonical": Reason("names"),
    "policy.not_allowed": Reason("a layer with an allow list does not list the tool"),
    "policy.unknown_tool": Reason("names"),
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
    "sandbox.mode_off": Reason("exec runs on the host (sandbox.mode off)", "sandbox.off_with_exec"),
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
    "sandbox.too_many_secrets": Reason("more secret files to mask than the sandbox binds: refused"),
    "sandbox.unavailable": Reason("bubblewrap (bwrap) is not installed"),
    "sandbox.wall_clock": Reason("the sandboxed command ran past its time limit"),
    "sandbox.workspace_changed": Reason(
        "the workspace changed between listing its secrets and binding: refused"
    ),
    "sandbox.workspace_access": Reason("a sandboxed service gets its folder read-only or none"),
    "sandbox.workspace_exposes_state": Reason("the workspace would expose the state dir: refused"),
    "sandbox.workspace_missing": Reason("the workspace does not exist"),
    "sandbox.workspace_too_large": Reason(
        "the workspace has too many names to list for secrets: refused"
    ),
    "tools.bad_arguments": Reason("the tool call's arguments do not validate"),
    "tools.edit.identity_locked": Reason(
        "SOUL.md / AGENTS.md / USER.md are read-only to the agent"
    ),
    "tools.edit.no_unique_match": Reason("edit: the text to replace is not found exactly once"),
    "tools.edit.workspace_access": Reason("sandbox workspaceAccess is not rw: edit refused"),
    "tools.exec.ask": Reason("host exec that needs the owner's approval (tools.exec.ask): held"),
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
    "tools.sessions_send.unknown_agent": Reason("delegation to an agent that is not configured"),
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
    "untrusted.clean": Reason("no untrusted content in the turn yet: the call is the owner's own"),
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
