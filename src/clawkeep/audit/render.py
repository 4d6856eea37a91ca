"""Human output of an audit: grouped by severity, colour only on a terminal."""

from __future__ import annotations

from typing import TextIO

from clawkeep.audit.run import AuditReport

__all__ = ["render_report"]

_STYLE = {"critical": "bold red", "warn": "yellow", "info": "cyan"}
_STATUS = {"ok": "green", "skipped": "yellow", "error": "bold red"}


def render_report(report: AuditReport, out: TextIO) -> None:
    """Write the report for people; rich decides on colour from the stream."""
    from rich.console import Console
    from rich.markup import escape

    console = Console(file=out, highlight=False, soft_wrap=True)
    if report.fix is not None:
        console.print("[bold]Fix[/bold]")
        if not report.fix:
            console.print("  nothing to change")
        for action in report.fix:
            style = _STATUS[action.status]
            console.print(
                f"  [{style}]{action.status:7}[/{style}] {action.kind:6} {escape(action.detail)}"
                + ("" if action.status == "ok" else f"  ({escape(action.target)})")
            )
        console.print()
    for severity in ("critical", "warn", "info"):
        items = [f for f in report.findings if f.severity == severity]
        if not items:
            continue
        style = _STYLE[severity]
        console.print(f"[{style}]{severity.upper()} ({len(items)})[/{style}]")
        for finding in items:
            console.print(
                f"  [{style}]{escape(finding.check_id)}[/{style}]  {escape(finding.title)}"
            )
            console.print(f"      {escape(finding.detail)}")
            if finding.remediation:
                console.print(f"      fix: {escape(finding.remediation)}")
        console.print()
    s = report.summary()
    console.print(f"Summary: {s['critical']} critical, {s['warn']} warn, {s['info']} info")
