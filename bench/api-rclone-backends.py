#!/usr/bin/env python3
"""Regenerates plan-service/src/main/resources/rclone-backends.json from the installed rclone.

The catalogue lists, per backend, the option names plan-service accepts in a storage's `options`,
those it requires in `secrets` (credentials: rclone's password options and options named like
keys, tokens and secrets), those rclone expects obscured (`rclone obscure`), and those refused
because they make rclone run a local command.

usage: bench/api-rclone-backends.py > plan-service/src/main/resources/rclone-backends.json
"""
import json
import re
import subprocess

SENSITIVE = re.compile(
    r"(^|_)(secret|password|pass|token|credentials|passphrase)($|_)|^key$|_key$|sas_url"
    r"|^private_key|key_pem|^api_key|library_key|session_token")
NOT_SECRET = {"token_url", "ask_password", "token_expiry", "shared_credentials_file"}
FORBIDDEN = {"bearer_token_command"}  # runs a command on the executor's machine

providers = json.loads(subprocess.run(
    ["rclone", "config", "providers"], check=True, capture_output=True, text=True).stdout)
catalogue = {}
for backend in providers:
    options = backend["Options"] or []
    names = sorted({o["Name"] for o in options})
    secrets = sorted({o["Name"] for o in options
                      if (o.get("IsPassword") or SENSITIVE.search(o["Name"]))
                      and o["Name"] not in NOT_SECRET and o["Name"] not in FORBIDDEN})
    catalogue[backend["Prefix"]] = {
        "options": [n for n in names if n not in secrets and n not in FORBIDDEN],
        "secrets": secrets,
        "obscured": sorted({o["Name"] for o in options if o.get("IsPassword")}),
        "forbidden": sorted(FORBIDDEN & set(names)),
    }
print(json.dumps(catalogue, separators=(",", ":"), sort_keys=True))
