"""The Control UI: the gateway's own page at `/`, a view over what the stages decide.

Where things are decided:
- `signin`  server-side sessions (cookie, CSRF token, idle and absolute expiry, rotation)
            and the one-time sign-in tickets of `clawkeep dashboard`
- `guard`   the session, CSRF and Origin checks, the cookie's flags, the UI's CSP
- `views`   what each page shows (pairing, activity, sessions, config masked, findings)
- `routes`  the page, its static files and its JSON API
- `chat`    the operator's chat turn, streamed as the turn's own events, then its outcome
- `jsonio`  the API's bounded JSON bodies, answers and refusals
"""

from clawkeep.controlui.routes import UI_PREFIX, ControlUi, control_ui_routes
from clawkeep.controlui.signin import TICKET_TTL_S, make_ticket
from clawkeep.controlui.views import ControlUiDeps

__all__ = [
    "TICKET_TTL_S",
    "UI_PREFIX",
    "ControlUi",
    "ControlUiDeps",
    "control_ui_routes",
    "make_ticket",
]
