"""The client API: the OpenAI wire format (`/v1/chat/completions`, `/v1/models`) over the
gateway token, for chat apps that speak it. Off unless
`gateway.http.endpoints.chatCompletions.enabled`.

Where things are decided:
- `wire`     what a request body means (model -> agent, session, the user's text) and the
             OpenAI-shaped answers and errors
- `adapter`  the InboundMessage a request becomes: the web chat's owner message, so it runs
             the same pipeline (access, commands, guard, routing, turn) as any channel
- `routes`   authentication with the gateway's own authenticator and limiter, then the
             pipeline; never a 500 for a bad request
"""

from clawkeep.clientapi.routes import CLIENT_API_PREFIX, client_api_routes

__all__ = ["CLIENT_API_PREFIX", "client_api_routes"]
