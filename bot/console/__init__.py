"""The staff console at `/staff`: sign-in, the live queue, case pages, the JSON API.

`bot.console.routes.routes(settings)` is what `create_app` mounts. Authorization lives in
one guard (`guard.require_staff`) and the role rules in `bot/staff/roles.py`.
"""
