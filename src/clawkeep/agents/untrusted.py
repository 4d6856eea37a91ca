"""Untrusted content enters the model's context only between boundary markers.

One implementation for the whole product: the content guard's ``wrap_untrusted`` (a
random nonce per wrap; look-alike markers inside the content are defanged after
normalisation, so a web page cannot close the boundary and speak as the system).
"""

from __future__ import annotations

from clawkeep.guards.content_guard import wrap_untrusted

__all__ = ["wrap_untrusted"]
