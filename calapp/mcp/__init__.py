"""MCP (Model Context Protocol) for agents: calapp's REST operations as tools,
its calendars as resources, over streamable HTTP at ``/mcp`` and over stdio
(``flask mcp serve``)."""
